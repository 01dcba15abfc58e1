package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// recordCurationQuery stores a curation as a (:Curation) node numbered after
// the last one.
const recordCurationQuery = "OPTIONAL MATCH (last:Curation) WITH coalesce(max(last.seq), 0) + 1 AS seq " +
	"CREATE (c:Curation {seq: seq}) SET c += $row, c.at = datetime()"

// Curate implements [pg.Curator]. Its errors are memstore's: a curation of
// unknown kind or with an empty alias returns ErrInvalid, splitting an alias
// the company does not have returns ErrNotFound, and splitting off an alias
// whose company ID (its slug) is taken returns ErrConflict.
func (s *Store) Curate(ctx context.Context, c pg.Curation) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("neo4jstore: curate: %w", err)
	}
	return s.write(ctx, "curate "+string(c.Kind), func(tx neo4j.ManagedTransaction) error {
		bs := newBase(ctx, tx)
		past := bs.lock()
		o := newOverlay(bs)
		if err := o.curate(c, past); err != nil {
			return err
		}
		if bs.err != nil {
			return bs.err
		}
		if err := flush(bs, &o.d); err != nil {
			return err
		}
		bs.run(recordCurationQuery, map[string]any{"row": curationRow(c)})
		return bs.err
	})
}

// Curations implements [pg.Curator].
func (s *Store) Curations(ctx context.Context) ([]pg.Curation, error) {
	recs, err := s.read(ctx, "curations", "MATCH (c:Curation) RETURN c {.*} AS n ORDER BY c.seq", nil)
	if err != nil {
		return nil, err
	}
	out := make([]pg.Curation, 0, len(recs))
	for _, rec := range recs {
		out = append(out, decodeCuration(column(rec, "n")))
	}
	return out, nil
}

// curate builds the changes c makes to the stored graph; past are the
// curations recorded before it.
func (o *overlay) curate(c pg.Curation, past []pg.Curation) error {
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
		o.d.articles[c.ArticleID] = nil
		for _, did := range o.b.articleDeals(c.ArticleID) {
			o.deleteEvidence(did, c.ArticleID)
		}
		for _, m := range o.b.articleMentions(c.ArticleID) {
			o.d.mentions[m] = false
		}
		o.finish()

	default:
		return fmt.Errorf("unknown kind %q: %w", c.Kind, pg.ErrInvalid)
	}
	return nil
}

// merge moves everything of c.DropID to c.KeepID exactly as memstore does:
// the dropped company's name and aliases become aliases of the kept one; its
// deals, evidence and mentions are taken out and written back through
// [pg.ApplyCurations]; platforms it owned pass to the kept company.
func (o *overlay) merge(c pg.Curation, past []pg.Curation) {
	drop, _ := o.company(c.DropID)
	keep, _ := o.company(c.KeepID)
	keep.Aliases = pg.MergeAliases(keep.Name, keep.Aliases, append([]string{drop.Name}, drop.Aliases...))
	o.putCompany(keep)
	sub := pg.Batch{Companies: []pg.Company{drop}}
	o.d.companies[drop.ID] = nil
	for _, did := range o.b.companyDeals(drop.ID) {
		d, _ := o.deal(did)
		sub.Deals = append(sub.Deals, d)
		ev := o.evidenceOf(did)
		slices.SortFunc(ev, compareEvidence)
		sub.Evidence = append(sub.Evidence, ev...)
		o.deleteDeal(did)
	}
	for _, m := range o.b.companyMentions(drop.ID) {
		sub.Mentions = append(sub.Mentions, m)
		o.d.mentions[m] = false
	}
	for _, pid := range o.b.ownedPlatforms(drop.ID) {
		p, _ := o.platform(pid)
		p.OwnerID = c.KeepID
		o.putPlatform(p)
	}
	o.writeBatch(pg.ApplyCurations(sub, append(slices.Clone(past), c)))
}
