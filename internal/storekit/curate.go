package storekit

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Curate builds the changes curation c makes to the graph, as
// [pg.Curator] documents it; past are the curations recorded before c. An
// unknown ID returns an error wrapping ErrNotFound and a self-merge one
// wrapping ErrConflict. Beyond those, a curation of unknown kind or with an
// empty alias returns ErrInvalid, splitting an alias the company does not
// have returns ErrNotFound, and splitting off an alias whose company ID (its
// slug) is taken returns ErrConflict. After an error the store must persist
// nothing. Recording c itself is left to the store.
func (o *Overlay) Curate(c pg.Curation, past []pg.Curation) error {
	switch c.Kind {
	case pg.CurateAddAlias:
		co, ok := o.company(c.CompanyID)
		if !ok {
			return fmt.Errorf("company %q: %w", c.CompanyID, pg.ErrNotFound)
		}
		if strings.TrimSpace(c.Alias) == "" {
			return fmt.Errorf("empty alias: %w", pg.ErrInvalid)
		}
		co.Aliases = pg.UnionNames(co.Name, co.Aliases, []string{c.Alias})
		co.Links = CompanyLinks(co, append(co.Links, pg.NameLink{Name: c.Alias, Reason: pg.LinkCuration}))
		o.putCompany(co)

	case pg.CurateMerge:
		if _, ok := o.company(c.KeepID); !ok {
			return fmt.Errorf("company %q: %w", c.KeepID, pg.ErrNotFound)
		}
		if _, ok := o.company(c.DropID); !ok {
			return fmt.Errorf("company %q: %w", c.DropID, pg.ErrNotFound)
		}
		if c.KeepID == c.DropID {
			return fmt.Errorf("company %q into itself: %w", c.KeepID, pg.ErrConflict)
		}
		o.merge(c, past)

	case pg.CurateSplit:
		co, ok := o.company(c.CompanyID)
		if !ok {
			return fmt.Errorf("company %q: %w", c.CompanyID, pg.ErrNotFound)
		}
		lower := strings.ToLower(c.Alias)
		isAlias := func(a string) bool { return strings.ToLower(a) == lower }
		if c.Alias == "" || !slices.ContainsFunc(co.Aliases, isAlias) {
			return fmt.Errorf("company %q has no alias %q: %w", c.CompanyID, c.Alias, pg.ErrNotFound)
		}
		id := pg.CompanyID(c.Alias)
		if id == "" {
			return fmt.Errorf("alias %q makes no ID: %w", c.Alias, pg.ErrInvalid)
		}
		if _, taken := o.company(id); taken {
			return fmt.Errorf("alias %q: company %q exists: %w", c.Alias, id, pg.ErrConflict)
		}
		co.Aliases = slices.DeleteFunc(slices.Clone(co.Aliases), isAlias)
		co.Links = slices.DeleteFunc(slices.Clone(co.Links), func(l pg.NameLink) bool { return isAlias(l.Name) })
		o.putCompany(co)
		o.putCompany(pg.Company{ID: id, Name: c.Alias})

	case pg.CurateRejectDeal:
		o.rejected[c.DealID] = true
		if _, ok := o.deal(c.DealID); !ok {
			return fmt.Errorf("deal %q: %w", c.DealID, pg.ErrNotFound)
		}
		o.deleteDeal(c.DealID)

	case pg.CurateDeleteArticle:
		if _, ok := o.article(c.ArticleID); !ok {
			return fmt.Errorf("article %q: %w", c.ArticleID, pg.ErrNotFound)
		}
		o.deleteArticle(c.ArticleID)

	default:
		return fmt.Errorf("unknown kind %q: %w", c.Kind, pg.ErrInvalid)
	}
	return nil
}

// merge moves everything of c.DropID to c.KeepID: the dropped company's
// name and aliases join the kept one's; its deals and evidence are taken
// out of the graph and resolved again under the kept company, so the
// result is what writing the original facts would give; its mentions,
// platforms and subsidiaries pass to the kept company.
func (o *Overlay) merge(c pg.Curation, past []pg.Curation) {
	o.noteRejected(past)
	drop, _ := o.company(c.DropID)
	keep, _ := o.company(c.KeepID)
	keep.Aliases = pg.UnionNames(keep.Name, keep.Aliases, []string{drop.Name}, drop.Aliases)
	links := append(slices.Clone(keep.Links), drop.Links...)
	keep.Links = CompanyLinks(keep, append(links, pg.NameLink{Name: drop.Name, Reason: pg.LinkCuration}))
	keep.Stated = reparent(keep.Stated, drop.ID, keep.ID, keep.ID)
	if ds := reparent(drop.Stated, keep.ID, keep.ID, keep.ID); ds != nil && (keep.Stated == nil || pg.CompareOwnership(*ds, *keep.Stated) > 0) {
		keep.Stated = ds
	}
	keep.Parent = reparent(keep.Parent, drop.ID, keep.ID, keep.ID)
	o.putCompany(keep)
	o.dirty(keep.ID)
	var w work
	o.pull(drop.ID, map[string]string{drop.ID: keep.ID}, &w)
	o.apply(w)
}

// deleteArticle removes an article, its evidence, its mentions and the
// ownerships only it states, and resolves the deals of the party blocks it
// reported on again without it.
func (o *Overlay) deleteArticle(id string) {
	o.ch.Articles[id] = nil
	blocks := map[string][]string{}
	for _, did := range sortedUniq(o.g.DealsOfArticle(id)) {
		if d, ok := o.deal(did); ok {
			b := pg.PartyBlock(d.Parties)
			blocks[b] = append(blocks[b], did)
		}
		o.deleteEvidence(did, id)
	}
	for _, m := range o.g.MentionsByArticle(id) {
		o.ch.Mentions[m] = false
		if m.Kind != pg.MentionCompany {
			continue
		}
		if co, ok := o.company(m.EntityID); ok && co.Stated != nil && co.Stated.ArticleID == id {
			co.Stated = nil
			o.putCompany(co)
			o.dirty(co.ID)
		}
	}
	for _, b := range slices.Sorted(maps.Keys(blocks)) {
		cands := sortedUniq(append(blocks[b], o.g.DealsBetween(strings.Split(b, "\x00"))...))
		o.recluster(b, cands, nil, nil, nil)
	}
	o.finish()
}
