package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"

	"github.com/partnergraph/partnergraph/graph/plan"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// key is the position of an item in a sorted list; see [storekit.Key]. The
// queries below compute its fields in Cypher as storekit's DealKey,
// CompanyKey and PlatformKey do in Go.
type key = storekit.Key

// afterClause keeps the rows whose key (n, s, id) follows the cursor's.
const afterClause = "($afterId IS NULL OR n > $afterN OR n = $afterN AND (s > $afterS OR s = $afterS AND id > $afterId))"

// pageParams adds the cursor and page size to params.
func pageParams(params map[string]any, after *key, size int) map[string]any {
	params["limit"] = int64(size + 1)
	params["afterId"], params["afterN"], params["afterS"] = nil, int64(0), ""
	if after != nil {
		params["afterId"], params["afterN"], params["afterS"] = after.ID, int64(after.N), after.S
	}
	return params
}

// page turns the records of a page query (columns n, s, item) into a Page.
func page[T any](recs []*neo4j.Record, order string, size int, decode func(map[string]any) T, id func(T) string) pg.Page[T] {
	rows := make([]pageRow, len(recs))
	for i, rec := range recs {
		m := rec.AsMap()
		rows[i] = pageRow{n: integer(m, "n"), s: str(m, "s"), item: m["item"]}
	}
	return pageOf(rows, order, size, func(v any) T { return decode(asMap(v)) }, id)
}

// pageRow is a row of a page query: the key fields n and s and the item.
type pageRow struct {
	n    int
	s    string
	item any
}

// pageOf is page for rows decoded already but for their items.
func pageOf[T any](rows []pageRow, order string, size int, decode func(any) T, id func(T) string) pg.Page[T] {
	n := min(len(rows), size)
	p := pg.Page[T]{Items: make([]T, 0, n), Cursors: make([]string, 0, n), HasNextPage: len(rows) > size}
	for _, r := range rows[:n] {
		x := decode(r.item)
		p.Items = append(p.Items, x)
		p.Cursors = append(p.Cursors, storekit.EncodeCursor(order, key{N: r.n, S: r.s, ID: id(x)}))
	}
	return p
}

func optStrings[T ~string](xs []T) any {
	if len(xs) == 0 {
		return nil
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// dealFilterClause is DealFilter as a predicate on d; dealFilterParams
// binds it. A nil parameter does not filter.
const dealFilterClause = "($types IS NULL OR d.type IN $types) " +
	"AND ($statuses IS NULL OR d.status IN $statuses) " +
	"AND ($yearFrom IS NULL OR d.year >= $yearFrom) " +
	"AND ($yearTo IS NULL OR d.year <= $yearTo) " +
	"AND ($text IS NULL OR d.summaryKey CONTAINS $text) " +
	"AND ($companyId IS NULL OR EXISTS { (:Company {id: $companyId})-[:PARTY_TO]->(d) }) " +
	"AND ($platformId IS NULL OR EXISTS { (d)-[:ON_PLATFORM]->(:Platform {id: $platformId}) }) " +
	"AND ($articleId IS NULL OR EXISTS { (:Article {id: $articleId})-[:REPORTS]->(d) })"

func dealFilterParams(f pg.DealFilter) map[string]any {
	return map[string]any{
		"types": optStrings(f.Types), "statuses": optStrings(f.Statuses),
		"yearFrom": optInt(f.YearFrom), "yearTo": optInt(f.YearTo), "text": opt(strings.ToLower(f.Text)),
		"companyId": opt(f.CompanyID), "platformId": opt(f.PlatformID), "articleId": opt(f.ArticleID),
	}
}

// dealAnchor is the pattern that binds d to the candidate deals of f: the
// deals of the article, platform or company the filter names, read from
// its relationships (the first of those it names), or else every deal.
// dealFilterClause then keeps the ones that match.
func dealAnchor(f pg.DealFilter) string {
	switch {
	case f.ArticleID != "":
		return "MATCH (:Article {id: $articleId})-[:REPORTS]->(d:Deal) WITH DISTINCT d "
	case f.PlatformID != "":
		return "MATCH (:Platform {id: $platformId})<-[:ON_PLATFORM]-(d:Deal) WITH DISTINCT d "
	case f.CompanyID != "":
		return "MATCH (:Company {id: $companyId})-[:PARTY_TO]->(d:Deal) WITH DISTINCT d "
	}
	return "MATCH (d:Deal) "
}

// anchored reports whether dealAnchor(f) starts from a node's
// relationships rather than from every deal.
func anchored(f pg.DealFilter) bool {
	return f.ArticleID != "" || f.PlatformID != "" || f.CompanyID != ""
}

// dealsQuery pages through the deals matching f in the order $sort, with
// each item as projection; n is the N of [storekit.DealKey]. It computes
// the key of every candidate deal and sorts them, so the year orders over
// all deals use dealsByYearQuery instead; a filter on an article,
// platform or company reads that node's deals only (dealAnchor).
func dealsQuery(f pg.DealFilter, projection string) string {
	return dealAnchor(f) + "WITH d WHERE " + dealFilterClause + " " +
		"WITH d, d.id AS id, '' AS s, CASE $sort " +
		"WHEN 'year_asc' THEN coalesce(d.year, $unknownYear) " +
		"WHEN 'sources_desc' THEN -COUNT { (:Article)-[:REPORTS]->(d) } " +
		"ELSE CASE WHEN d.year IS NULL THEN $unknownYear ELSE -d.year END END AS n " +
		"WHERE " + afterClause + " " +
		"RETURN n, s, " + projection + " AS item ORDER BY n, s, id LIMIT $limit"
}

// dealsByYearQuery pages through the filtered deals in a year order
// without sorting them all. Key is the deal property that equals the N of
// [storekit.DealKey] for a deal of known year: year for year_asc and
// yearDesc (minus the year, written with every deal) for year_desc. The
// deals of known year come from the composite index on (key, id) in its
// order: first those with the cursor's N and a greater ID (an exact seek),
// then those with a greater N. The deals of unknown year, which follow them
// in both orders, are read only when a page is not filled by the others:
// Cypher runs the parts of UNION ALL one after the other and lazily, so the
// outer LIMIT stops it as soon as the page is full. The parameters are
// bound by [yearPageParams]. Projection is the item's (dealProjection or
// dealList).
func dealsByYearQuery(key, projection string) string {
	hint := " USING INDEX SEEK d:Deal(" + key + ", id) "
	return "CALL { " +
		"MATCH (d:Deal)" + hint + "WHERE $sameN AND d." + key + " = $n AND d.id > $afterId AND " + dealFilterClause + " " +
		"WITH d ORDER BY d." + key + ", d.id LIMIT $limit RETURN d, d." + key + " AS n " +
		"UNION ALL " +
		"MATCH (d:Deal)" + hint + "WHERE $known AND d." + key + " > $n AND d.id IS NOT NULL AND " + dealFilterClause + " " +
		"WITH d ORDER BY d." + key + ", d.id LIMIT $limit RETURN d, d." + key + " AS n " +
		"UNION ALL " +
		"MATCH (d:Deal) WHERE $unknown AND d.id > $unknownAfterId AND d.year IS NULL AND " + dealFilterClause + " " +
		"WITH d ORDER BY d.id LIMIT $limit RETURN d, $unknownYear AS n } " +
		"WITH d, n LIMIT $limit " +
		"RETURN n, '' AS s, " + projection + " AS item"
}

// yearPageParams binds the cursor of dealsByYearQuery: $sameN, $n and
// $afterId select the deals of known year with the cursor's N and a
// greater ID, $known and $n those with a greater N, and $unknown and
// $unknownAfterId the deals of unknown year after the cursor.
func yearPageParams(params map[string]any, after *key) {
	const unknown = storekit.UnknownYear
	params["sameN"], params["known"], params["unknown"] = false, true, true
	params["n"], params["unknownAfterId"] = int64(math.MinInt64), ""
	if after == nil {
		return
	}
	// Keys of the year orders have S = ""; a cursor with a greater S comes
	// after every deal with its N.
	sameS := after.S == ""
	switch {
	case after.N < unknown:
		params["n"], params["sameN"] = int64(after.N), sameS
	case after.N == unknown:
		params["known"], params["unknown"], params["unknownAfterId"] = false, sameS, after.ID
	default:
		params["known"], params["unknown"] = false, false
	}
}

// Deals implements [pg.Reader].
func (s *Store) Deals(ctx context.Context, q pg.DealQuery) (pg.Page[pg.Deal], error) {
	order, query, params, err := dealsPageQuery(q, dealProjection)
	if err != nil {
		return pg.Page[pg.Deal]{}, err
	}
	recs, err := s.read(ctx, "deals", query, params)
	if err != nil {
		return pg.Page[pg.Deal]{}, err
	}
	return page(recs, string(order), q.Size(), decodeDeal, func(d pg.Deal) string { return d.ID }), nil
}

// dealsPageQuery returns the order of q and the query of its page, with
// each item as projection, which returns up to q.Size()+1 records
// (columns n, s, item), with its parameters.
func dealsPageQuery(q pg.DealQuery, projection string) (pg.DealSort, string, map[string]any, error) {
	order, after, err := storekit.ParseDealQuery(q)
	if err != nil {
		return "", "", nil, fmt.Errorf("neo4jstore: %w", err)
	}
	params := pageParams(dealFilterParams(q.Filter), after, q.Size())
	params["sort"], params["unknownYear"] = string(order), int64(storekit.UnknownYear)
	key := ""
	switch {
	case anchored(q.Filter):
		// The node's deals are few: sorting them beats walking the year
		// index through every deal to find them.
	case order == pg.DealsByYearDesc:
		key = "yearDesc"
	case order == pg.DealsByYearAsc:
		key = "year"
	}
	if key == "" {
		return order, dealsQuery(q.Filter, projection), params, nil
	}
	yearPageParams(params, after)
	delete(params, "sort")
	return order, dealsByYearQuery(key, projection), params, nil
}

var _ plan.DealPageReader = (*Store)(nil)

// withCompanyDeals wraps the page query of a deal order, with its items
// as dealList, so that it also reads companyDealsPart for the parties of
// the first $pageSize deals, as one record: the page's rows as lists [n, s,
// item] in column page, then rows and deals.
func withCompanyDeals(pageQuery string) string {
	return "CALL () { " + pageQuery + " } " +
		"WITH collect([n, s, item]) AS page " +
		"WITH page, reduce(acc = [], x IN page[..$pageSize] | acc + [p IN x[2][8] | p[0]]) AS pids " +
		companyDealsPart("pids", "pids") + "RETURN page, rows, deals"
}

// DealsWithCompanyDeals implements [plan.DealPageReader] with one query where
// [plan.ReadDealsWithCompanyDeals] makes two.
func (s *Store) DealsWithCompanyDeals(ctx context.Context, q pg.DealQuery, windows []plan.IDWindow) (pg.Page[pg.Deal], plan.CompanyDeals, error) {
	order, query, params, err := dealsPageQuery(q, dealList)
	if err != nil {
		return pg.Page[pg.Deal]{}, plan.CompanyDeals{}, err
	}
	params["pageSize"], params["windows"] = int64(q.Size()), windowParams(windows)
	recs, err := s.read(ctx, "deals with company deals", withCompanyDeals(query), params)
	if err != nil {
		return pg.Page[pg.Deal]{}, plan.CompanyDeals{}, err
	}
	if len(recs) != 1 {
		return pg.Page[pg.Deal]{}, plan.CompanyDeals{}, fmt.Errorf("neo4jstore: deals with company deals: %d records", len(recs))
	}
	vals := recs[0].Values
	if len(vals) != 3 {
		return pg.Page[pg.Deal]{}, plan.CompanyDeals{}, fmt.Errorf("neo4jstore: deals with company deals: %d columns", len(vals))
	}
	return pageRows(vals[0], order, q.Size()), decodeCompanyDeals(vals[1], vals[2]), nil
}

// pageRows decodes a page collected as lists [n, s, item] with items as
// dealList.
func pageRows(v any, order pg.DealSort, size int) pg.Page[pg.Deal] {
	return pageOf(sortedRows(v), string(order), size, decodeDealList, func(d pg.Deal) string { return d.ID })
}

// sortedRows decodes rows collected as lists [n, s, item] and sorts them
// by their key (n, s, ID), as every page order is, whatever order collect
// kept.
func sortedRows(v any) []pageRow {
	list, _ := v.([]any)
	rows := make([]pageRow, 0, len(list))
	for _, v := range list {
		if r, _ := v.([]any); len(r) == 3 {
			rows = append(rows, pageRow{n: intOf(r[0]), s: strOf(r[1]), item: r[2]})
		}
	}
	slices.SortFunc(rows, func(a, b pageRow) int {
		return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.s, b.s), cmp.Compare(listID(a.item), listID(b.item)))
	})
	return rows
}

// listID returns the ID of an item given as a list projection (its first
// field).
func listID(v any) string {
	if l, _ := v.([]any); len(l) > 0 {
		return strOf(l[0])
	}
	return ""
}

// CountDeals implements [pg.Reader].
func (s *Store) CountDeals(ctx context.Context, f pg.DealFilter) (int, error) {
	return s.count(ctx, "count deals", countDealsQuery(f), dealFilterParams(f))
}

// countDealsQuery counts the deals matching f (column n), reading only the
// deals of the node the filter names, if any (dealAnchor); with no filter
// the count store answers.
func countDealsQuery(f pg.DealFilter) string {
	if f.Text == "" && f.YearFrom == 0 && f.YearTo == 0 && len(f.Types) == 0 && len(f.Statuses) == 0 && !anchored(f) {
		return "RETURN COUNT { (:Deal) } AS n"
	}
	return dealAnchor(f) + "WITH d WHERE " + dealFilterClause + " RETURN count(d) AS n"
}

func (s *Store) count(ctx context.Context, what, query string, params map[string]any) (int, error) {
	recs, err := s.read(ctx, what, query, params)
	if err != nil {
		return 0, err
	}
	if len(recs) != 1 {
		return 0, fmt.Errorf("neo4jstore: %s: %d records", what, len(recs))
	}
	return integer(recs[0].AsMap(), "n"), nil
}

// companyFilter binds c and its number of deals (deals, null when
// neither the filter nor the order needs it), and keeps the companies
// matching f. A name prefix finds its candidates through the TEXT index on
// names ("\n" + prefix is in names when the name or an alias starts with
// it), a platform through its deals; only the candidates' deals are
// counted. The parameters are companyFilterParams.
func companyFilter(f pg.CompanyFilter, byDeals bool) string {
	var b strings.Builder
	switch {
	case f.NamePrefix != "":
		b.WriteString("MATCH (c:Company) USING TEXT INDEX c:Company(names) WHERE c.names CONTAINS $namesPrefix " +
			"AND (c.nameKey STARTS WITH $prefix OR any(a IN c.aliasKeys WHERE a STARTS WITH $prefix)) ")
		if f.PlatformID != "" {
			b.WriteString("AND EXISTS { (c)-[:PARTY_TO]->(:Deal)-[:ON_PLATFORM]->(:Platform {id: $platformId}) } ")
		}
	case f.PlatformID != "":
		b.WriteString("MATCH (:Platform {id: $platformId})<-[:ON_PLATFORM]-(:Deal)<-[:PARTY_TO]-(c:Company) WITH DISTINCT c ")
	default:
		b.WriteString("MATCH (c:Company) ")
	}
	if f.MinDeals > 0 || byDeals {
		b.WriteString("WITH c, COUNT { MATCH (c)-[:PARTY_TO]->(x:Deal) RETURN DISTINCT x } AS deals WHERE deals >= $minDeals ")
	} else {
		b.WriteString("WITH c, null AS deals ")
	}
	return b.String()
}

func companyFilterParams(f pg.CompanyFilter) map[string]any {
	prefix := strings.ToLower(f.NamePrefix)
	return map[string]any{
		"minDeals": int64(f.MinDeals), "prefix": opt(prefix), "namesPrefix": "\n" + prefix, "platformId": opt(f.PlatformID),
	}
}

// companiesQuery pages through the companies matching f in the order
// $sort, with each item as projection.
func companiesQuery(f pg.CompanyFilter, order pg.CompanySort, projection string) string {
	return companyFilter(f, order == pg.CompaniesByDealsDesc) +
		"WITH c, c.id AS id, CASE $sort WHEN 'deals_desc' THEN -deals ELSE 0 END AS n, " +
		"CASE $sort WHEN 'deals_desc' THEN '' ELSE c.nameKey END AS s " +
		"WHERE " + afterClause + " " +
		"RETURN n, s, " + projection + " AS item ORDER BY n, s, id LIMIT $limit"
}

// Companies implements [pg.Reader].
func (s *Store) Companies(ctx context.Context, q pg.CompanyQuery) (pg.Page[pg.Company], error) {
	order, after, err := storekit.ParseCompanyQuery(q)
	if err != nil {
		return pg.Page[pg.Company]{}, fmt.Errorf("neo4jstore: %w", err)
	}
	params := pageParams(companyFilterParams(q.Filter), after, q.Size())
	params["sort"] = string(order)
	recs, err := s.read(ctx, "companies", companiesQuery(q.Filter, order, companyProjection), params)
	if err != nil {
		return pg.Page[pg.Company]{}, err
	}
	return page(recs, string(order), q.Size(), decodeCompany, func(c pg.Company) string { return c.ID }), nil
}

// CountCompanies implements [pg.Reader].
func (s *Store) CountCompanies(ctx context.Context, f pg.CompanyFilter) (int, error) {
	if f == (pg.CompanyFilter{}) {
		return s.count(ctx, "count companies", "RETURN COUNT { (:Company) } AS n", nil) // from the count store
	}
	return s.count(ctx, "count companies", companyFilter(f, false)+"RETURN count(c) AS n", companyFilterParams(f))
}

const platformFilter = "MATCH (p:Platform) WHERE ($kind IS NULL OR p.kind = $kind) " +
	"AND ($ownerId IS NULL OR EXISTS { (p)-[:OWNED_BY]->(:Company {id: $ownerId}) }) "

func platformFilterParams(f pg.PlatformFilter) map[string]any {
	return map[string]any{"kind": opt(string(f.Kind)), "ownerId": opt(f.OwnerID)}
}

const platformsQuery = platformFilter +
	"WITH p, p.id AS id, 0 AS n, p.nameKey AS s WHERE " + afterClause + " " +
	"RETURN n, s, " + platformProjection + " AS item ORDER BY n, s, id LIMIT $limit"

// Platforms implements [pg.Reader].
func (s *Store) Platforms(ctx context.Context, q pg.PlatformQuery) (pg.Page[pg.Platform], error) {
	after, err := storekit.ParsePlatformQuery(q)
	if err != nil {
		return pg.Page[pg.Platform]{}, fmt.Errorf("neo4jstore: %w", err)
	}
	params := pageParams(platformFilterParams(q.Filter), after, q.Size())
	recs, err := s.read(ctx, "platforms", platformsQuery, params)
	if err != nil {
		return pg.Page[pg.Platform]{}, err
	}
	return page(recs, storekit.PlatformOrder, q.Size(), decodePlatform, func(p pg.Platform) string { return p.ID }), nil
}

// CountPlatforms implements [pg.Reader].
func (s *Store) CountPlatforms(ctx context.Context, f pg.PlatformFilter) (int, error) {
	if f == (pg.PlatformFilter{}) {
		return s.count(ctx, "count platforms", "RETURN COUNT { (:Platform) } AS n", nil) // from the count store
	}
	return s.count(ctx, "count platforms", platformFilter+"RETURN count(p) AS n", platformFilterParams(f))
}

// articleFilter keeps the articles matching ArticleFilter; $text is lower
// case. Dates and years are computed as storekit.ArticleDate does.
const articleFilter = "MATCH (a:Article) " +
	"WITH a, CASE WHEN a.published =~ '[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN toInteger(replace(a.published, '-', '')) ELSE 0 END AS date " +
	"WHERE ($yearFrom IS NULL OR date <> 0 AND date / 10000 >= $yearFrom) " +
	"AND ($yearTo IS NULL OR date <> 0 AND date / 10000 <= $yearTo) " +
	"AND ($text IS NULL OR toLower(coalesce(a.title, '')) CONTAINS $text OR toLower(coalesce(a.publisher, '')) CONTAINS $text " +
	"OR toLower(coalesce(a.url, '')) CONTAINS $text) " +
	"AND ($companyId IS NULL OR EXISTS { (a)-[:MENTIONS]->(:Company {id: $companyId}) }) " +
	"AND ($platformId IS NULL OR EXISTS { (a)-[:MENTIONS]->(:Platform {id: $platformId}) }) "

func articleFilterParams(f pg.ArticleFilter) map[string]any {
	return map[string]any{
		"text": opt(strings.ToLower(f.Text)), "companyId": opt(f.CompanyID), "platformId": opt(f.PlatformID),
		"yearFrom": optInt(f.YearFrom), "yearTo": optInt(f.YearTo),
	}
}

const articlesQuery = articleFilter +
	"WITH a, a.id AS id, CASE date WHEN 0 THEN $unknown ELSE -date END AS n, '' AS s WHERE " + afterClause + " " +
	"RETURN n, s, " + articleProjection + " AS item ORDER BY n, s, id LIMIT $limit"

// Articles implements [pg.Reader].
func (s *Store) Articles(ctx context.Context, q pg.ArticleQuery) (pg.Page[pg.Article], error) {
	after, err := storekit.ParseArticleQuery(q)
	if err != nil {
		return pg.Page[pg.Article]{}, fmt.Errorf("articles: %w", err)
	}
	params := pageParams(articleFilterParams(q.Filter), after, q.Size())
	params["unknown"] = int64(storekit.UnknownYear)
	recs, err := s.read(ctx, "articles", articlesQuery, params)
	if err != nil {
		return pg.Page[pg.Article]{}, err
	}
	return page(recs, storekit.ArticleOrder, q.Size(), decodeArticle, func(a pg.Article) string { return a.ID }), nil
}

// CountArticles implements [pg.Reader].
func (s *Store) CountArticles(ctx context.Context, f pg.ArticleFilter) (int, error) {
	return s.count(ctx, "count articles", articleFilter+"RETURN count(a) AS n", articleFilterParams(f))
}

var _ plan.DealPageCounter = (*Store)(nil)

// countedDealsQuery is the page query (items as dealList) with, as one
// record, the page (column page, lists [n, s, item]), the number of deals
// the filter matches (column total, when count) and whether the filter's
// company and platform exist (column known).
func countedDealsQuery(pageQuery string, f pg.DealFilter, count bool) string {
	q := "CALL () { " + pageQuery + " } WITH collect([n, s, item]) AS page "
	total := "0 AS total"
	if count {
		q += "CALL () { " + dealAnchor(f) + "WITH d WHERE " + dealFilterClause + " RETURN count(d) AS total } "
		total = "total"
	}
	return q + "RETURN page, " + total + ", ($companyId IS NULL OR EXISTS { (:Company {id: $companyId}) }) " +
		"AND ($platformId IS NULL OR EXISTS { (:Platform {id: $platformId}) }) AS known"
}

// CountedDeals implements [plan.DealPageCounter] with one query where
// [plan.ReadDealPage] makes up to four.
func (s *Store) CountedDeals(ctx context.Context, q pg.DealQuery, count bool) (plan.DealPage, error) {
	order, query, params, err := dealsPageQuery(q, dealList)
	if err != nil {
		return plan.DealPage{}, err
	}
	recs, err := s.read(ctx, "deals with their count", countedDealsQuery(query, q.Filter, count), params)
	if err != nil {
		return plan.DealPage{}, err
	}
	if len(recs) != 1 || len(recs[0].Values) != 3 {
		return plan.DealPage{}, fmt.Errorf("neo4jstore: deals with their count: %d records", len(recs))
	}
	vals := recs[0].Values
	known, _ := vals[2].(bool)
	return plan.DealPage{Page: pageRows(vals[0], order, q.Size()), Count: intOf(vals[1]), Missing: !known}, nil
}
