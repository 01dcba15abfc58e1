package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// Values handed out are deep copies, so callers cannot change the state.

func cloneCompany(c pg.Company) pg.Company {
	c.Aliases = slices.Clone(c.Aliases)
	c.Links = slices.Clone(c.Links)
	if c.Parent != nil {
		p := *c.Parent
		c.Parent = &p
	}
	if c.Stated != nil {
		p := *c.Stated
		c.Stated = &p
	}
	return c
}

func clonePlatform(p pg.Platform) pg.Platform {
	p.Aliases = slices.Clone(p.Aliases)
	return p
}

func cloneEvidence(e pg.Evidence) pg.Evidence {
	e.PlatformIDs = slices.Clone(e.PlatformIDs)
	e.Parties = slices.Clone(e.Parties)
	e.Rules = slices.Clone(e.Rules)
	if e.Value != nil {
		v := *e.Value
		e.Value = &v
	}
	return e
}

// Company implements [pg.Reader].
func (s *Store) Company(_ context.Context, id string) (pg.Company, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.st.Company(id)
	if !ok {
		return pg.Company{}, fmt.Errorf("memstore: company %q: %w", id, pg.ErrNotFound)
	}
	return cloneCompany(c), nil
}

// byName picks the ID whose name equals key, else whose alias does; ties go
// to the smallest ID.
func (s *state) byName(names, aliases map[string]refs, name string) (string, bool) {
	key := strings.ToLower(name)
	for _, idx := range []map[string]refs{names, aliases} {
		if x := idx[key]; len(x) > 0 {
			return s.ids.str(x[0]), true
		}
	}
	return "", false
}

// CompanyByName implements [pg.Reader].
func (s *Store) CompanyByName(_ context.Context, name string) (pg.Company, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.st.names.named(strings.ToLower(name))
	if !ok {
		return pg.Company{}, fmt.Errorf("memstore: company named %q: %w", name, pg.ErrNotFound)
	}
	return cloneCompany(s.st.companyValue(id)), nil
}

// CompaniesByID implements [pg.Reader].
func (s *Store) CompaniesByID(_ context.Context, ids []string) (map[string]pg.Company, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]pg.Company, len(ids))
	for _, id := range ids {
		if c, ok := s.st.Company(id); ok {
			out[id] = cloneCompany(c)
		}
	}
	return out, nil
}

// Subsidiaries implements [pg.Reader].
func (s *Store) Subsidiaries(_ context.Context, companyIDs []string) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string][]string, len(companyIDs))
	for _, id := range companyIDs {
		if kids := s.st.idsOf(s.st.children, id); len(kids) > 0 {
			out[id] = kids
		}
	}
	return out, nil
}

// Platform implements [pg.Reader].
func (s *Store) Platform(_ context.Context, id string) (pg.Platform, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.st.platforms[id]
	if !ok {
		return pg.Platform{}, fmt.Errorf("memstore: platform %q: %w", id, pg.ErrNotFound)
	}
	return clonePlatform(p), nil
}

// PlatformByName implements [pg.Reader].
func (s *Store) PlatformByName(_ context.Context, name string) (pg.Platform, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.st.byName(s.st.platformNames, s.st.platformAliases, name)
	if !ok {
		return pg.Platform{}, fmt.Errorf("memstore: platform named %q: %w", name, pg.ErrNotFound)
	}
	return clonePlatform(s.st.platforms[id]), nil
}

// PlatformsByID implements [pg.Reader].
func (s *Store) PlatformsByID(_ context.Context, ids []string) (map[string]pg.Platform, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]pg.Platform, len(ids))
	for _, id := range ids {
		if p, ok := s.st.platforms[id]; ok {
			out[id] = clonePlatform(p)
		}
	}
	return out, nil
}

// PlatformsByOwner implements [pg.Reader].
func (s *Store) PlatformsByOwner(_ context.Context, companyIDs []string) (map[string][]pg.Platform, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]pg.Platform{}
	for _, id := range companyIDs {
		owned := s.st.setOf(s.st.ownerPlatforms, id)
		if len(owned) == 0 {
			continue
		}
		ps := make([]pg.Platform, 0, len(owned))
		for _, pid := range owned {
			ps = append(ps, clonePlatform(s.st.platforms[s.st.ids.str(pid)]))
		}
		out[id] = ps
	}
	return out, nil
}

// Deal implements [pg.Reader].
func (s *Store) Deal(_ context.Context, id string) (pg.Deal, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.st.Deal(id)
	if !ok {
		return pg.Deal{}, fmt.Errorf("memstore: deal %q: %w", id, pg.ErrNotFound)
	}
	return d, nil
}

// DealsByID implements [pg.Reader].
func (s *Store) DealsByID(_ context.Context, ids []string) (map[string]pg.Deal, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]pg.Deal, len(ids))
	for _, id := range ids {
		if d, ok := s.st.Deal(id); ok {
			out[id] = d
		}
	}
	return out, nil
}

// sortedIDs returns, for each key that has any, its IDs in ascending order.
func (s *state) sortedIDs(idx map[ref]refs, keys []string) map[string][]string {
	out := map[string][]string{}
	for _, k := range keys {
		if x := s.idsOf(idx, k); len(x) > 0 {
			out[k] = x
		}
	}
	return out
}

// DealIDsByCompany implements [pg.Reader].
func (s *Store) DealIDsByCompany(_ context.Context, companyIDs []string) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]string{}
	for _, id := range companyIDs {
		if ids := s.st.dealsSorted(id); len(ids) > 0 {
			out[id] = s.st.ids.strings(ids)
		}
	}
	return out, nil
}

// DealIDsByPlatform implements [pg.Reader].
func (s *Store) DealIDsByPlatform(_ context.Context, platformIDs []string) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.sortedIDs(s.st.platformDeals, platformIDs), nil
}

// DealIDsByArticle implements [pg.Reader]. The IDs are in ascending order.
func (s *Store) DealIDsByArticle(_ context.Context, articleIDs []string) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.sortedIDs(s.st.articleDeals, articleIDs), nil
}

// EvidenceByDeal implements [pg.Reader].
func (s *Store) EvidenceByDeal(_ context.Context, dealIDs []string) (map[string][]pg.Evidence, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]pg.Evidence{}
	for _, id := range dealIDs {
		m := s.st.evidenceOf(id)
		if len(m) == 0 {
			continue
		}
		ev := make([]pg.Evidence, 0, len(m))
		for _, e := range m {
			ev = append(ev, cloneEvidence(s.st.expand(id, e)))
		}
		slices.SortFunc(ev, storekit.CompareEvidence)
		out[id] = ev
	}
	return out, nil
}

// Article implements [pg.Reader].
func (s *Store) Article(_ context.Context, id string) (pg.Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.st.Article(id)
	if !ok {
		return pg.Article{}, fmt.Errorf("memstore: article %q: %w", id, pg.ErrNotFound)
	}
	return a, nil
}

// ArticlesByID implements [pg.Reader].
func (s *Store) ArticlesByID(_ context.Context, ids []string) (map[string]pg.Article, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]pg.Article, len(ids))
	for _, id := range ids {
		if a, ok := s.st.Article(id); ok {
			out[id] = a
		}
	}
	return out, nil
}

// Search implements [pg.Reader]. A limit of zero or less means
// [pg.DefaultPageSize]; it is capped at [pg.MaxPageSize]. It scores only
// the records the trigram index says may contain the text.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]pg.SearchHit, error) {
	limit = pg.PageArgs{First: limit}.Size()
	q := strings.ToLower(strings.TrimSpace(text))
	if q == "" {
		return []pg.SearchHit{}, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	// hits holds the best limit hits so far, best first.
	hits := make([]pg.SearchHit, 0, limit)
	b := newBounder(q)
	i := 0
	for e := range s.st.search.candidates(q) {
		if i++; stopped(ctx, i) {
			return nil, cancelled(ctx)
		}
		if !strings.Contains(e.hay, q) {
			continue
		}
		kind, id := searchKinds[e.kind], s.st.ids.str(e.id)
		if len(hits) == limit && !b.mayBeat(e.hay, kind, id, hits[limit-1]) {
			continue
		}
		name, aliases := s.st.searchText(e.searchRef)
		score := pg.SearchScore(text, name, aliases)
		if score == 0 {
			continue
		}
		hits = keepBest(hits, pg.SearchHit{Kind: kind, ID: id, Name: name, Score: score}, limit)
	}
	return hits, nil
}

// bounder bounds the [pg.SearchScore] of entries against one query q from
// above without scoring them: the exact and prefix tiers are read off an
// entry's hay (its name, then its aliases after NULs), and anything else
// scores at most 0.5.
type bounder struct {
	q, named, alias, aliasExact string
}

func newBounder(q string) bounder {
	return bounder{q: q, named: q + "\x00", alias: "\x00" + q, aliasExact: "\x00" + q + "\x00"}
}

// mayBeat reports whether the entry of the given hay (which contains q),
// kind and ID may rank before hit worst.
func (b *bounder) mayBeat(hay string, kind pg.SearchKind, id string, worst pg.SearchHit) bool {
	bound := 0.5
	switch h := hay; {
	case strings.Contains(b.q, "\x00") || h == b.q || strings.HasPrefix(h, b.named):
		bound = 1
	case strings.Contains(h, b.aliasExact) || strings.HasSuffix(h, b.alias):
		bound = 0.9
	case strings.HasPrefix(h, b.q):
		bound = 0.7
	case strings.Contains(h, b.alias):
		bound = 0.6
	}
	return bound > worst.Score || bound == worst.Score &&
		compareHits(pg.SearchHit{Kind: kind, ID: id, Score: bound}, worst) < 0
}

// compareHits orders search hits best first: by score, then kind, then ID.
func compareHits(a, b pg.SearchHit) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)), cmp.Compare(a.ID, b.ID))
}

func kindRank(k pg.SearchKind) int {
	switch k {
	case pg.SearchCompany:
		return 0
	case pg.SearchPlatform:
		return 1
	}
	return 2
}

// Stats implements [pg.Reader].
func (s *Store) Stats(ctx context.Context, f pg.DealFilter) (pg.Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if cmpDealFilter(f, pg.DealFilter{}) {
		return s.allStats(), nil
	}
	return s.stats(ctx, f)
}

// stats computes Stats; the caller holds mu for reading.
func (s *Store) stats(ctx context.Context, f pg.DealFilter) (pg.Stats, error) {
	var c storekit.StatsCounter
	var parties, platforms []string
	err := s.eachDeal(ctx, f, func(d *deal) {
		parties, platforms = parties[:0], platforms[:0]
		for _, p := range d.parties {
			parties = append(parties, s.st.ids.str(p.company))
		}
		for _, p := range d.platforms {
			platforms = append(platforms, s.st.ids.str(p))
		}
		c.Add(d.year, d.dealType(s.st), platforms, parties)
	})
	if err != nil {
		return pg.Stats{}, err
	}
	return c.Stats(), nil
}

// cmpDealFilter reports whether two filters are equal.
func cmpDealFilter(a, b pg.DealFilter) bool {
	return slices.Equal(a.Types, b.Types) && slices.Equal(a.Statuses, b.Statuses) && a.CompanyID == b.CompanyID &&
		a.PlatformID == b.PlatformID && a.YearFrom == b.YearFrom && a.YearTo == b.YearTo && a.Text == b.Text &&
		a.ArticleID == b.ArticleID
}

// Counts implements [pg.Reader].
func (s *Store) Counts(context.Context) (pg.Counts, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.counts(), nil
}

func (s *Store) counts() pg.Counts {
	st := s.st
	return pg.Counts{
		Companies:     st.companies.len(),
		Platforms:     len(st.platforms),
		Deals:         st.deals.len(),
		Articles:      st.articles.len(),
		Parties:       st.nParties,
		DealPlatforms: st.nDealPlatforms,
		Owners:        st.nOwners,
		Evidence:      st.nEvidence,
		Mentions:      st.nMentions,
		Ownerships:    st.nOwnerships,
	}
}

// Curations implements [pg.Curator].
func (s *Store) Curations(context.Context) ([]pg.Curation, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]pg.Curation{}, s.st.curations...), nil
}

// keepBest inserts h into hits, the best hits so far in compareHits order,
// keeping at most limit of them.
func keepBest(hits []pg.SearchHit, h pg.SearchHit, limit int) []pg.SearchHit {
	if len(hits) == limit && compareHits(h, hits[limit-1]) >= 0 {
		return hits
	}
	at, _ := slices.BinarySearchFunc(hits, h, compareHits)
	if len(hits) == limit {
		hits = hits[:limit-1]
	}
	return slices.Insert(hits, at, h)
}
