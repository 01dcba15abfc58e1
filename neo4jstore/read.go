package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// byIDs runs query with $ids bound to ids and decodes column "n" of every
// record into a map keyed by id(x).
func byIDs[T any](ctx context.Context, s *Store, what, query string, ids []string, decode func(map[string]any) T, id func(T) string) (map[string]T, error) {
	out := make(map[string]T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, what, query, map[string]any{"ids": list(ids)})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		x := decode(column(rec, "n"))
		out[id(x)] = x
	}
	return out, nil
}

// one returns the only value of m, or ErrNotFound.
func one[T any](m map[string]T, err error, what, id string) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	x, ok := m[id]
	if !ok {
		return zero, fmt.Errorf("neo4jstore: %s %q: %w", what, id, pg.ErrNotFound)
	}
	return x, nil
}

// Company implements [pg.Reader].
func (s *Store) Company(ctx context.Context, id string) (pg.Company, error) {
	m, err := s.CompaniesByID(ctx, []string{id})
	return one(m, err, "company", id)
}

// CompaniesByID implements [pg.Reader].
func (s *Store) CompaniesByID(ctx context.Context, ids []string) (map[string]pg.Company, error) {
	return byIDs(ctx, s, "companies by ID", loadCompaniesQuery, ids, decodeCompany, func(c pg.Company) string { return c.ID })
}

// Platform implements [pg.Reader].
func (s *Store) Platform(ctx context.Context, id string) (pg.Platform, error) {
	m, err := s.PlatformsByID(ctx, []string{id})
	return one(m, err, "platform", id)
}

// PlatformsByID implements [pg.Reader].
func (s *Store) PlatformsByID(ctx context.Context, ids []string) (map[string]pg.Platform, error) {
	return byIDs(ctx, s, "platforms by ID", loadPlatformsQuery, ids, decodePlatform, func(p pg.Platform) string { return p.ID })
}

// Deal implements [pg.Reader].
func (s *Store) Deal(ctx context.Context, id string) (pg.Deal, error) {
	m, err := s.DealsByID(ctx, []string{id})
	return one(m, err, "deal", id)
}

// DealsByID implements [pg.Reader].
func (s *Store) DealsByID(ctx context.Context, ids []string) (map[string]pg.Deal, error) {
	return byIDs(ctx, s, "deals by ID", loadDealsQuery, ids, decodeDeal, func(d pg.Deal) string { return d.ID })
}

// Article implements [pg.Reader].
func (s *Store) Article(ctx context.Context, id string) (pg.Article, error) {
	m, err := s.ArticlesByID(ctx, []string{id})
	return one(m, err, "article", id)
}

// ArticlesByID implements [pg.Reader].
func (s *Store) ArticlesByID(ctx context.Context, ids []string) (map[string]pg.Article, error) {
	return byIDs(ctx, s, "articles by ID", loadArticlesQuery, ids, decodeArticle, func(a pg.Article) string { return a.ID })
}

// byNameQuery finds the nodes of a label whose lower-cased name or alias is
// $key through the TEXT index on names ($names is "\n" + key + "\n"; see
// namesKey); the caller picks by the rule of [pg.Reader.CompanyByName].
const (
	companyByNameQuery = "MATCH (c:Company) USING TEXT INDEX c:Company(names) WHERE c.names CONTAINS $names " +
		"AND (c.nameKey = $key OR $key IN c.aliasKeys) RETURN " + companyProjection + " AS n, c.nameKey = $key AS exact"
	platformByNameQuery = "MATCH (p:Platform) USING TEXT INDEX p:Platform(names) WHERE p.names CONTAINS $names " +
		"AND (p.nameKey = $key OR $key IN p.aliasKeys) RETURN " + platformProjection + " AS n, p.nameKey = $key AS exact"
)

// nameParams binds $key and $names of the look-up of name.
func nameParams(name string) map[string]any {
	key := strings.ToLower(name)
	return map[string]any{"key": key, "names": "\n" + key + "\n"}
}

// byName returns the best match of the records: an exact name match wins
// over an alias match, ties go to the smallest ID.
func byName[T any](recs []*neo4j.Record, decode func(map[string]any) T, id func(T) string) (T, bool) {
	var best T
	found, bestExact := false, false
	for _, rec := range recs {
		x := decode(column(rec, "n"))
		v, _ := rec.Get("exact")
		exact, _ := v.(bool)
		if !found || exact && !bestExact || exact == bestExact && id(x) < id(best) {
			best, found, bestExact = x, true, exact
		}
	}
	return best, found
}

// CompanyByName implements [pg.Reader].
func (s *Store) CompanyByName(ctx context.Context, name string) (pg.Company, error) {
	recs, err := s.read(ctx, "company by name", companyByNameQuery, nameParams(name))
	if err != nil {
		return pg.Company{}, err
	}
	c, ok := byName(recs, decodeCompany, func(c pg.Company) string { return c.ID })
	if !ok {
		return pg.Company{}, fmt.Errorf("neo4jstore: company named %q: %w", name, pg.ErrNotFound)
	}
	return c, nil
}

// PlatformByName implements [pg.Reader].
func (s *Store) PlatformByName(ctx context.Context, name string) (pg.Platform, error) {
	recs, err := s.read(ctx, "platform by name", platformByNameQuery, nameParams(name))
	if err != nil {
		return pg.Platform{}, err
	}
	p, ok := byName(recs, decodePlatform, func(p pg.Platform) string { return p.ID })
	if !ok {
		return pg.Platform{}, fmt.Errorf("neo4jstore: platform named %q: %w", name, pg.ErrNotFound)
	}
	return p, nil
}

// PlatformsByOwner implements [pg.Reader].
func (s *Store) PlatformsByOwner(ctx context.Context, companyIDs []string) (map[string][]pg.Platform, error) {
	out := map[string][]pg.Platform{}
	if len(companyIDs) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "platforms by owner",
		"UNWIND $ids AS id MATCH (p:Platform)-[:OWNED_BY]->(:Company {id: id}) RETURN id, "+platformProjection+" AS n",
		map[string]any{"ids": list(companyIDs)})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		v, _ := rec.Get("id")
		id, _ := v.(string)
		out[id] = append(out[id], decodePlatform(column(rec, "n")))
	}
	for _, ps := range out {
		slices.SortFunc(ps, func(a, b pg.Platform) int { return cmp.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// dealIDsBy runs query, which binds $ids and returns pairs (key, id), and
// groups the deal IDs by key in ascending order.
func (s *Store) dealIDsBy(ctx context.Context, what, query string, keys []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(keys) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, what, query, map[string]any{"ids": list(keys)})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		k, _ := rec.Get("key")
		v, _ := rec.Get("id")
		key, _ := k.(string)
		id, _ := v.(string)
		out[key] = append(out[key], id)
	}
	for k, ids := range out {
		slices.Sort(ids)
		out[k] = slices.Compact(ids)
	}
	return out, nil
}

// DealIDsByCompany implements [pg.Reader].
func (s *Store) DealIDsByCompany(ctx context.Context, companyIDs []string) (map[string][]string, error) {
	// The hint keeps the plan a seek per ID whatever the statistics say
	// when the query is planned: with index samples taken while the
	// database was nearly empty, the planner was seen to scan the whole
	// index for every ID instead.
	return s.dealIDsBy(ctx, "deal IDs by company",
		"UNWIND $ids AS key MATCH (c:Company {id: key})-[:PARTY_TO]->(d) USING INDEX SEEK c:Company(id) RETURN key, d.id AS id", companyIDs)
}

// Subsidiaries implements [pg.Reader].
func (s *Store) Subsidiaries(ctx context.Context, companyIDs []string) (map[string][]string, error) {
	return s.dealIDsBy(ctx, "subsidiaries",
		"UNWIND $ids AS key MATCH (:Company {id: key})-[:OWNS]->(c:Company) RETURN key, c.id AS id", companyIDs)
}

// DealIDsByPlatform implements [pg.Reader].
func (s *Store) DealIDsByPlatform(ctx context.Context, platformIDs []string) (map[string][]string, error) {
	return s.dealIDsBy(ctx, "deal IDs by platform",
		"UNWIND $ids AS key MATCH (d:Deal)-[:ON_PLATFORM]->(:Platform {id: key}) RETURN key, d.id AS id", platformIDs)
}

// DealIDsByArticle implements [pg.Reader]. The IDs are in ascending order.
func (s *Store) DealIDsByArticle(ctx context.Context, articleIDs []string) (map[string][]string, error) {
	return s.dealIDsBy(ctx, "deal IDs by article",
		"UNWIND $ids AS key MATCH (:Article {id: key})-[:REPORTS]->(d:Deal) RETURN key, d.id AS id", articleIDs)
}

// EvidenceByDeal implements [pg.Reader].
func (s *Store) EvidenceByDeal(ctx context.Context, dealIDs []string) (map[string][]pg.Evidence, error) {
	out := map[string][]pg.Evidence{}
	if len(dealIDs) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, "evidence by deal", loadEvidenceQuery, map[string]any{"ids": list(dealIDs)})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		e := decodeEvidence(column(rec, "n"))
		out[e.DealID] = append(out[e.DealID], e)
	}
	for _, ev := range out {
		slices.SortFunc(ev, storekit.CompareEvidence)
	}
	return out, nil
}

// searchScore is [pg.SearchScore] in Cypher for the lower-cased string
// expression v, with the scores of an exact match and a prefix, given $q
// (the lower-cased, trimmed text), $word (whether $q holds none of the
// characters that split words, so that it can start a word) and $words
// ($q after each of those characters). A word of v starts with $q when v
// does or when $q follows one of those characters in v.
func searchScore(v, exact, prefix string) string {
	return "CASE WHEN " + v + " = $q THEN " + exact + " WHEN " + v + " STARTS WITH $q THEN " + prefix +
		" WHEN $word AND any(w IN $words WHERE " + v + " CONTAINS w) THEN 0.5 WHEN " + v + " CONTAINS $q THEN 0.3 ELSE 0.0 END"
}

// entityScore is the best searchScore of the name and aliases of node n.
func entityScore(n string) string {
	return "reduce(b = " + searchScore(n+".nameKey", "1.0", "0.7") + ", x IN [a IN coalesce(" + n + ".aliasKeys, []) | " +
		searchScore("a", "0.9", "0.6") + "] | CASE WHEN x > b THEN x ELSE b END)"
}

// searchQuery finds the companies and platforms whose name or an alias
// contains $q, and the deals whose summary does, through the TEXT indexes
// on names and summaryKey (trigrams: the index finds the candidates
// without reading every name), scores them as [pg.SearchScore] does and
// returns the best $limit, ordered as [pg.Reader.Search] orders them.
var searchQuery = "CALL () { " +
	"MATCH (c:Company) USING TEXT INDEX c:Company(names) WHERE c.names CONTAINS $q " +
	"RETURN 0 AS rank, c.id AS id, c.name AS name, c.aliases AS aliases, " + entityScore("c") + " AS score " +
	"UNION ALL MATCH (p:Platform) USING TEXT INDEX p:Platform(names) WHERE p.names CONTAINS $q " +
	"RETURN 1 AS rank, p.id AS id, p.name AS name, p.aliases AS aliases, " + entityScore("p") + " AS score " +
	"UNION ALL MATCH (d:Deal) USING TEXT INDEX d:Deal(summaryKey) WHERE d.summaryKey CONTAINS $q " +
	"RETURN 2 AS rank, d.id AS id, coalesce(d.summary, '') AS name, [] AS aliases, " + searchScore("d.summaryKey", "1.0", "0.7") + " AS score } " +
	"WITH * WHERE score > 0 " +
	"RETURN rank, id, name, aliases ORDER BY score DESC, rank, id LIMIT $limit"

// wordBreaks are the characters that split words for [pg.SearchScore].
const wordBreaks = " -/("

// Search implements [pg.Reader]. A limit of zero or less means
// [pg.DefaultPageSize]; it is capped at [pg.MaxPageSize].
func (s *Store) Search(ctx context.Context, text string, limit int) ([]pg.SearchHit, error) {
	limit = pg.PageArgs{First: limit}.Size()
	q := strings.ToLower(strings.TrimSpace(text))
	hits := []pg.SearchHit{}
	if q == "" {
		return hits, nil
	}
	words := make([]any, 0, len(wordBreaks))
	for _, r := range wordBreaks {
		words = append(words, string(r)+q)
	}
	recs, err := s.read(ctx, "search", searchQuery, map[string]any{
		"q": q, "word": !strings.ContainsAny(q, wordBreaks), "words": words, "limit": int64(limit),
	})
	if err != nil {
		return nil, err
	}
	kinds := [...]pg.SearchKind{pg.SearchCompany, pg.SearchPlatform, pg.SearchDeal}
	for _, rec := range recs {
		m := rec.AsMap()
		rank := integer(m, "rank")
		if rank < 0 || rank >= len(kinds) {
			continue
		}
		// The score the query ranked by is pg.SearchScore's; the hit
		// carries Go's own figure.
		name := str(m, "name")
		if score := pg.SearchScore(text, name, strs(m, "aliases")); score > 0 {
			hits = append(hits, pg.SearchHit{Kind: kinds[rank], ID: str(m, "id"), Name: name, Score: score})
		}
	}
	slices.SortFunc(hits, func(a, b pg.SearchHit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]), cmp.Compare(a.ID, b.ID))
	})
	return hits, nil
}

var kindRank = map[pg.SearchKind]int{pg.SearchCompany: 0, pg.SearchPlatform: 1, pg.SearchDeal: 2}

// Stats implements [pg.Reader]. The filtered deals are aggregated in Go
// by a [storekit.StatsCounter], as in memstore.
func (s *Store) Stats(ctx context.Context, f pg.DealFilter) (pg.Stats, error) {
	recs, err := s.read(ctx, "stats", dealAnchor(f)+"WITH d WHERE "+dealFilterClause+
		" RETURN d.year AS year, d.type AS type, [(d)-[:ON_PLATFORM]->(p:Platform) | p.id] AS platformIds, "+
		"[(c:Company)-[:PARTY_TO]->(d) | c.id] AS partyIds", dealFilterParams(f))
	if err != nil {
		return pg.Stats{}, err
	}
	var c storekit.StatsCounter
	for _, rec := range recs {
		m := rec.AsMap()
		c.Add(integer(m, "year"), pg.DealType(str(m, "type")), strs(m, "platformIds"), strs(m, "partyIds"))
	}
	return c.Stats(), nil
}

// countsQuery counts every label and relationship type of the model.
const countsQuery = "RETURN COUNT { (:Company) } AS companies, COUNT { (:Platform) } AS platforms, " +
	"COUNT { (:Deal) } AS deals, COUNT { (:Article) } AS articles, " +
	"COUNT { ()-[:PARTY_TO]->() } AS parties, COUNT { ()-[:ON_PLATFORM]->() } AS dealPlatforms, " +
	"COUNT { ()-[:OWNED_BY]->() } AS owners, COUNT { ()-[:REPORTS]->() } AS evidence, " +
	"COUNT { ()-[:MENTIONS]->() } AS mentions, COUNT { ()-[:OWNS]->() } AS ownerships"

// Counts implements [pg.Reader].
func (s *Store) Counts(ctx context.Context) (pg.Counts, error) {
	recs, err := s.read(ctx, "counts", countsQuery, nil)
	if err != nil {
		return pg.Counts{}, err
	}
	if len(recs) != 1 {
		return pg.Counts{}, fmt.Errorf("neo4jstore: counts: %d records", len(recs))
	}
	m := recs[0].AsMap()
	return pg.Counts{
		Companies: integer(m, "companies"), Platforms: integer(m, "platforms"),
		Deals: integer(m, "deals"), Articles: integer(m, "articles"),
		Parties: integer(m, "parties"), DealPlatforms: integer(m, "dealPlatforms"),
		Owners: integer(m, "owners"), Evidence: integer(m, "evidence"), Mentions: integer(m, "mentions"),
		Ownerships: integer(m, "ownerships"),
	}, nil
}
