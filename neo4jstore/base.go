package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// base is the stored graph as seen from inside one write transaction. It
// loads records on demand, in bulk where the caller knows what it needs, and
// caches them for the rest of the transaction. The first load error is kept
// in err and makes later loads no-ops; the caller checks it before writing.
type base struct {
	ctx context.Context
	tx  neo4j.ManagedTransaction
	err error
	// statements counts the statements run so far.
	statements int

	// A nil value records that the ID does not exist.
	companies map[string]*pg.Company
	platforms map[string]*pg.Platform
	deals     map[string]*pg.Deal
	articles  map[string]*pg.Article
	// evidence holds the stored evidence of the deals loaded so far.
	evidence map[string][]pg.Evidence
	// between holds the common deals of the party blocks loaded so far
	// (by the blocks' IDs joined with NUL), dealsOf the deals of companies.
	between, dealsOf map[string][]string
}

func newBase(ctx context.Context, tx neo4j.ManagedTransaction) *base {
	return &base{
		ctx: ctx, tx: tx,
		companies: map[string]*pg.Company{},
		platforms: map[string]*pg.Platform{},
		deals:     map[string]*pg.Deal{},
		articles:  map[string]*pg.Article{},
		evidence:  map[string][]pg.Evidence{},
		between:   map[string][]string{},
		dealsOf:   map[string][]string{},
	}
}

// run runs one statement of the transaction and returns its records.
func (b *base) run(query string, params map[string]any) []*neo4j.Record {
	if b.err != nil {
		return nil
	}
	res, err := b.tx.Run(b.ctx, query, params)
	if err == nil {
		var recs []*neo4j.Record
		recs, err = res.Collect(b.ctx)
		if err == nil && testHookAfterStatement != nil {
			err = testHookAfterStatement(b.statements)
		}
		b.statements++
		if err == nil {
			return recs
		}
	}
	b.err = err
	return nil
}

// testHookAfterStatement, when set by a test, runs after each statement of a
// write transaction with the number of statements run before it; an error
// aborts the transaction there.
var testHookAfterStatement func(n int) error

// missing returns the IDs of ids not yet in cache, without repeats.
func missing[T any](cache map[string]*T, ids []string) []any {
	out := []any{}
	seen := map[string]bool{}
	for _, id := range ids {
		if _, ok := cache[id]; !ok && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// loadNodes loads the nodes of ids not cached yet with query, which binds
// $ids and returns one projected map per node in column "n".
func loadNodes[T any](b *base, cache map[string]*T, ids []string, query string, decode func(map[string]any) T, id func(T) string) {
	todo := missing(cache, ids)
	if len(todo) == 0 {
		return
	}
	for _, v := range todo {
		cache[v.(string)] = nil
	}
	for _, rec := range b.run(query, map[string]any{"ids": todo}) {
		x := decode(column(rec, "n"))
		cache[id(x)] = &x
	}
}

const (
	loadCompaniesQuery = "UNWIND $ids AS id MATCH (c:Company {id: id}) USING INDEX SEEK c:Company(id) RETURN " + companyProjection + " AS n"
	loadPlatformsQuery = "UNWIND $ids AS id MATCH (p:Platform {id: id}) USING INDEX SEEK p:Platform(id) RETURN " + platformProjection + " AS n"
	loadDealsQuery     = "UNWIND $ids AS id MATCH (d:Deal {id: id}) USING INDEX SEEK d:Deal(id) RETURN " + dealProjection + " AS n"
	loadArticlesQuery  = "UNWIND $ids AS id MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id) RETURN " + articleProjection + " AS n"
	loadEvidenceQuery  = "UNWIND $ids AS id MATCH (a:Article)-[r:REPORTS]->(d:Deal {id: id}) RETURN " + evidenceProjection + " AS n"
)

func (b *base) loadCompanies(ids []string) {
	loadNodes(b, b.companies, ids, loadCompaniesQuery, decodeCompany, func(c pg.Company) string { return c.ID })
}

func (b *base) loadPlatforms(ids []string) {
	loadNodes(b, b.platforms, ids, loadPlatformsQuery, decodePlatform, func(p pg.Platform) string { return p.ID })
}

func (b *base) loadDeals(ids []string) {
	loadNodes(b, b.deals, ids, loadDealsQuery, decodeDeal, func(d pg.Deal) string { return d.ID })
}

func (b *base) loadArticles(ids []string) {
	loadNodes(b, b.articles, ids, loadArticlesQuery, decodeArticle, func(a pg.Article) string { return a.ID })
}

// loadEvidence loads the stored evidence of the deals ids.
func (b *base) loadEvidence(ids []string) {
	var todo []any
	for _, id := range ids {
		if _, ok := b.evidence[id]; !ok {
			b.evidence[id] = nil
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return
	}
	for _, rec := range b.run(loadEvidenceQuery, map[string]any{"ids": todo}) {
		e := decodeEvidence(column(rec, "n"))
		b.evidence[e.DealID] = append(b.evidence[e.DealID], e)
	}
}

// The base is the [storekit.Graph] that writes and curations read.
var (
	_ storekit.Graph     = (*base)(nil)
	_ storekit.Preloader = (*base)(nil)
)

// Preload implements [storekit.Preloader]: it loads every record refs names
// with one statement per kind of record.
func (b *base) Preload(refs storekit.Refs) {
	b.loadCompanies(refs.Companies)
	b.loadPlatforms(refs.Platforms)
	b.loadDeals(refs.Deals)
	b.loadArticles(refs.Articles)
	// Only stored deals have stored evidence: a new deal has none.
	for _, id := range refs.Deals {
		if _, known := b.evidence[id]; !known && b.deals[id] == nil {
			b.evidence[id] = nil
		}
	}
	b.loadEvidence(refs.Deals)
	b.loadBetween(refs.Blocks)
	b.loadDealsOf(refs.DealsOf)
}

// loadBetween loads the common deals of the blocks not loaded yet, with
// one statement.
func (b *base) loadBetween(blocks [][]string) {
	var rows []any
	for _, ids := range blocks {
		key := strings.Join(ids, "\x00")
		if _, ok := b.between[key]; ok || len(ids) == 0 {
			continue
		}
		b.between[key] = []string{}
		rows = append(rows, map[string]any{"key": key, "first": ids[0], "rest": list(ids[1:])})
	}
	if len(rows) == 0 {
		return
	}
	for _, rec := range b.run(dealsBetweenQuery, map[string]any{"rows": rows}) {
		k, _ := rec.Get("key")
		v, _ := rec.Get("id")
		key, _ := k.(string)
		if id, ok := v.(string); ok {
			b.between[key] = append(b.between[key], id)
		}
	}
}

// loadDealsOf loads the deal lists of the companies not loaded yet, with
// one statement.
func (b *base) loadDealsOf(ids []string) {
	var todo []any
	for _, id := range ids {
		if _, ok := b.dealsOf[id]; !ok {
			b.dealsOf[id] = []string{}
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return
	}
	for _, rec := range b.run("UNWIND $ids AS key MATCH (:Company {id: key})-[:PARTY_TO]->(d:Deal) RETURN key, d.id AS id", map[string]any{"ids": todo}) {
		k, _ := rec.Get("key")
		v, _ := rec.Get("id")
		key, _ := k.(string)
		if id, ok := v.(string); ok {
			b.dealsOf[key] = append(b.dealsOf[key], id)
		}
	}
}

// dealsBetweenQuery returns, for rows of a block key, its first company
// and the rest, the deals every company of the block is a party to.
const dealsBetweenQuery = "UNWIND $rows AS row MATCH (:Company {id: row.first})-[:PARTY_TO]->(d:Deal) " +
	"WHERE all(x IN row.rest WHERE EXISTS { MATCH (:Company {id: x})-[:PARTY_TO]->(d) }) RETURN DISTINCT row.key AS key, d.id AS id"

// Company implements [storekit.Graph].
func (b *base) Company(id string) (pg.Company, bool) {
	b.loadCompanies([]string{id})
	if c := b.companies[id]; c != nil {
		return *c, true
	}
	return pg.Company{}, false
}

// Platform implements [storekit.Graph].
func (b *base) Platform(id string) (pg.Platform, bool) {
	b.loadPlatforms([]string{id})
	if p := b.platforms[id]; p != nil {
		return *p, true
	}
	return pg.Platform{}, false
}

// Deal implements [storekit.Graph].
func (b *base) Deal(id string) (pg.Deal, bool) {
	b.loadDeals([]string{id})
	if d := b.deals[id]; d != nil {
		return *d, true
	}
	return pg.Deal{}, false
}

// Article implements [storekit.Graph].
func (b *base) Article(id string) (pg.Article, bool) {
	b.loadArticles([]string{id})
	if a := b.articles[id]; a != nil {
		return *a, true
	}
	return pg.Article{}, false
}

// EvidenceOf implements [storekit.Graph].
func (b *base) EvidenceOf(dealID string) []pg.Evidence {
	b.loadEvidence([]string{dealID})
	return b.evidence[dealID]
}

// ids runs a query binding $id that returns IDs in column "id", sorted.
func (b *base) ids(query, id string) []string {
	var out []string
	for _, rec := range b.run(query, map[string]any{"id": id}) {
		v, _ := rec.Get("id")
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// DealsOfArticle implements [storekit.Graph].
func (b *base) DealsOfArticle(articleID string) []string {
	return b.ids("MATCH (:Article {id: $id})-[:REPORTS]->(d:Deal) RETURN d.id AS id", articleID)
}

// DealsOfCompany implements [storekit.Graph].
func (b *base) DealsOfCompany(companyID string) []string {
	b.loadDealsOf([]string{companyID})
	return slices.Clone(b.dealsOf[companyID])
}

// PlatformsOwnedBy implements [storekit.Graph].
func (b *base) PlatformsOwnedBy(companyID string) []string {
	return b.ids("MATCH (p:Platform)-[:OWNED_BY]->(:Company {id: $id}) RETURN p.id AS id", companyID)
}

// MentionsByArticle implements [storekit.Graph].
func (b *base) MentionsByArticle(articleID string) []pg.Mention {
	var out []pg.Mention
	for _, rec := range b.run("MATCH (a:Article {id: $id})-[:MENTIONS]->(e) "+
		"RETURN e.id AS id, CASE WHEN e:Platform THEN 'platform' ELSE 'company' END AS kind", map[string]any{"id": articleID}) {
		id, _ := rec.Get("id")
		kind, _ := rec.Get("kind")
		out = append(out, pg.Mention{ArticleID: articleID, Kind: pg.MentionKind(fmt.Sprint(kind)), EntityID: fmt.Sprint(id)})
	}
	return out
}

// MentionsOfCompany implements [storekit.Graph].
func (b *base) MentionsOfCompany(companyID string) []pg.Mention {
	var out []pg.Mention
	for _, rec := range b.run("MATCH (a:Article)-[:MENTIONS]->(:Company {id: $id}) RETURN a.id AS id", map[string]any{"id": companyID}) {
		id, _ := rec.Get("id")
		out = append(out, pg.Mention{ArticleID: fmt.Sprint(id), Kind: pg.MentionCompany, EntityID: companyID})
	}
	return out
}

// CompaniesByKey implements [storekit.Graph].
func (b *base) CompaniesByKey(keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	var out []string
	for _, rec := range b.run("UNWIND $keys AS key MATCH (:CompanyKey {key: key})-[:KEY_OF]->(c:Company) RETURN DISTINCT c.id AS id",
		map[string]any{"keys": list(keys)}) {
		v, _ := rec.Get("id")
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// ChildrenOf implements [storekit.Graph].
func (b *base) ChildrenOf(companyID string) []string {
	return b.ids("MATCH (:Company {id: $id})-[:OWNS]->(c:Company) RETURN c.id AS id "+
		"UNION MATCH (c:Company {statedParentId: $id}) RETURN c.id AS id", companyID)
}

// DealsBetween implements [storekit.Graph].
func (b *base) DealsBetween(companyIDs []string) []string {
	b.loadBetween([][]string{companyIDs})
	return slices.Clone(b.between[strings.Join(companyIDs, "\x00")])
}

// lockQuery takes the store's write lock for the rest of the transaction and
// returns the recorded curations in the order applied. Every writer updates
// the same lock node, so writers run one after the other and the records
// they read cannot change under them.
const lockQuery = "MERGE (l:PartnergraphLock {id: 'writer'}) SET l.writes = coalesce(l.writes, 0) + 1 " +
	"WITH l CALL { MATCH (c:Curation) WITH c ORDER BY c.seq RETURN collect(c {.*}) AS curations } " +
	"RETURN curations"

// lock takes the write lock and returns the recorded curations.
func (b *base) lock() []pg.Curation {
	var out []pg.Curation
	for _, rec := range b.run(lockQuery, nil) {
		v, _ := rec.Get("curations")
		l, _ := v.([]any)
		for _, c := range l {
			out = append(out, decodeCuration(asMap(c)))
		}
	}
	return out
}
