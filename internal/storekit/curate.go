package storekit

import (
	"fmt"
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
		co.Aliases = pg.MergeAliases(co.Name, co.Aliases, []string{c.Alias})
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
		o.putCompany(co)
		o.putCompany(pg.Company{ID: id, Name: c.Alias})

	case pg.CurateRejectDeal:
		if _, ok := o.deal(c.DealID); !ok {
			return fmt.Errorf("deal %q: %w", c.DealID, pg.ErrNotFound)
		}
		o.deleteDeal(c.DealID)

	case pg.CurateDeleteArticle:
		if _, ok := o.article(c.ArticleID); !ok {
			return fmt.Errorf("article %q: %w", c.ArticleID, pg.ErrNotFound)
		}
		o.ch.Articles[c.ArticleID] = nil
		for _, did := range o.g.DealsOfArticle(c.ArticleID) {
			o.deleteEvidence(did, c.ArticleID)
		}
		for _, m := range o.g.MentionsByArticle(c.ArticleID) {
			o.ch.Mentions[m] = false
		}
		o.finish()

	default:
		return fmt.Errorf("unknown kind %q: %w", c.Kind, pg.ErrInvalid)
	}
	return nil
}

// merge moves everything of c.DropID to c.KeepID: the dropped company's
// name, then its aliases, are added to the kept one's aliases; its deals
// (in ID order), evidence and mentions are taken out of the graph and
// written back through [pg.ApplyCurations], so the result is what
// rewriting the original facts would give; platforms it owned pass to the
// kept company.
func (o *Overlay) merge(c pg.Curation, past []pg.Curation) {
	drop, _ := o.company(c.DropID)
	keep, _ := o.company(c.KeepID)
	keep.Aliases = pg.MergeAliases(keep.Name, keep.Aliases, append([]string{drop.Name}, drop.Aliases...))
	o.putCompany(keep)
	sub := pg.Batch{Companies: []pg.Company{drop}}
	o.ch.Companies[drop.ID] = nil
	for _, did := range sortedUniq(o.g.DealsOfCompany(drop.ID)) {
		d, _ := o.deal(did)
		sub.Deals = append(sub.Deals, d)
		ev := o.evidenceOf(did)
		slices.SortFunc(ev, CompareEvidence)
		sub.Evidence = append(sub.Evidence, ev...)
		o.deleteDeal(did)
	}
	for _, m := range o.g.MentionsOfCompany(drop.ID) {
		sub.Mentions = append(sub.Mentions, m)
		o.ch.Mentions[m] = false
	}
	for _, pid := range o.g.PlatformsOwnedBy(drop.ID) {
		p, _ := o.platform(pid)
		p.OwnerID = c.KeepID
		o.putPlatform(p)
	}
	o.writeBatch(pg.ApplyCurations(sub, append(slices.Clone(past), c)))
}
