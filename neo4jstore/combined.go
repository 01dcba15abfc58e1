// The reads in this file answer in one query what the generic code of the
// root package reads with several Reader calls.

package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"

	"github.com/partnergraph/partnergraph/graph/plan"
)

var _ plan.NeighborhoodReader = (*Store)(nil)

// Neighborhood implements [plan.NeighborhoodReader] with one Cypher query (see
// neighborhoodQuery), where [pg.WalkNeighborhood] makes 2·depth+4 round
// trips; the answer is the same.
func (s *Store) Neighborhood(ctx context.Context, companyID string, depth, limit int, types []pg.DealType, brief bool) (pg.Subgraph, error) {
	depth, limit = max(depth, 0), max(limit, 1)
	return s.neighborhood(ctx, neighborhoodQuery(depth, brief), companyID, limit, types)
}

// neighborhood runs query, a neighbourhood query as buildNeighborhoodQuery
// writes it, and decodes its answer.
func (s *Store) neighborhood(ctx context.Context, query, companyID string, limit int, types []pg.DealType) (pg.Subgraph, error) {
	params := map[string]any{"id": companyID, "limit": int64(limit), "types": optStrings(types)}
	recs, err := s.read(ctx, "neighborhood", query, params)
	if err != nil {
		return pg.Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
	}
	if len(recs) == 0 {
		return pg.Subgraph{}, fmt.Errorf("neighborhood of %q: neo4jstore: company %q: %w", companyID, companyID, pg.ErrNotFound)
	}
	// Columns by position: seen, depths, truncated, deals, companies.
	vals := recs[0].Values
	if len(vals) != 5 {
		return pg.Subgraph{}, fmt.Errorf("neighborhood of %q: neo4jstore: %d columns", companyID, len(vals))
	}
	ids, _ := vals[0].([]any)
	depths, _ := vals[1].([]any)
	depthOf := make(map[string]int, len(ids))
	for i, v := range ids {
		id, _ := v.(string)
		d := int64(0)
		if i < len(depths) {
			d, _ = depths[i].(int64)
		}
		depthOf[id] = int(d)
	}
	cs, _ := vals[4].([]any)
	companies := make(map[string]pg.Company, len(cs))
	for _, v := range cs {
		c := decodeCompanyList(v)
		companies[c.ID] = c
	}
	ds, _ := vals[3].([]any)
	deals := make(map[string]pg.Deal, len(ds))
	for _, v := range ds {
		d := decodeDealList(v)
		deals[d.ID] = d
	}
	truncated, _ := vals[2].(bool)
	return pg.AssembleSubgraph(depthOf, companies, deals, truncated), nil
}

// neighborhoodQueries caches the query text of the small depths, full
// and brief; the text depends on those only, so the server plans each
// once.
var neighborhoodQueries = func() (qs [2][maxCachedDepth + 1]string) {
	for d := range qs[0] {
		qs[0][d], qs[1][d] = buildNeighborhoodQuery(d, false), buildNeighborhoodQuery(d, true)
	}
	return qs
}()

const maxCachedDepth = 8

// neighborhoodQuery returns the query of a neighbourhood of the given
// depth, brief or not.
func neighborhoodQuery(depth int, brief bool) string {
	if depth <= maxCachedDepth {
		if brief {
			return neighborhoodQueries[1][depth]
		}
		return neighborhoodQueries[0][depth]
	}
	return buildNeighborhoodQuery(depth, brief)
}

// The projections of a brief neighbourhood (plan.Brief): a company's ID
// and name, and a deal's ID, type, status, year and parties, in the
// places of companyList and dealList.
const (
	companyBrief = "[c.id, c.name, null, null, null, null, null, null, null, null, null, null, null, null]"
	dealBrief    = "[d.id, d.type, d.status, d.year, null, null, null, null, [(c)-[r:PARTY_TO]->(d) | [c.id, r.role, r.position]], []]"
)

// buildNeighborhoodQuery writes the breadth-first walk of
// [pg.WalkNeighborhood] as one query binding $id (the centre), $limit and
// $types (nil for every type), with one block per level. The state carried
// from level to level is seen (the kept company nodes), depths (theirs),
// frontier (the companies kept at the last level), truncated and level (the
// depth of the level). A level reads the parties of the wanted deals of the
// frontier and keeps those not seen yet (fresh). When they fit in the room
// the limit leaves, all of them are kept and their order does not matter
// (the answer orders nodes by depth, then ID). When they do not, the level
// reads the same parties again in the walk's order (deal ID, then party
// position, then company ID), takes each company at its first occurrence,
// keeps as many as fit and marks the walk truncated, which stops it. The
// deals returned are the wanted deals with at least two distinct parties
// among the kept companies: the ones that give the walk's edges.
//
// The kept set stays a list of nodes, so no level looks a company up by ID
// again, and the walk's order is only computed by a level that truncates;
// see docs/neo4j.md ("The neighbourhood query") for what this saves.
func buildNeighborhoodQuery(depth int, brief bool) string {
	deal, company := dealList, companyList
	if brief {
		deal, company = dealBrief, companyBrief
	}
	// The wanted deals of the frontier, one row each (d).
	const frontierDeals = "UNWIND frontier AS f MATCH (f)-[:PARTY_TO]->(d) " +
		"WITH DISTINCT d WHERE $types IS NULL OR d.type IN $types "
	var b strings.Builder
	b.WriteString("MATCH (center:Company {id: $id}) USING INDEX SEEK center:Company(id) " +
		"WITH [center] AS seen, [0] AS depths, [center] AS frontier, false AS truncated, 0 AS level ")
	for range depth {
		b.WriteString("CALL (seen, frontier) { " + frontierDeals +
			"MATCH (c)-[:PARTY_TO]->(d) WHERE NOT c IN seen " +
			"RETURN collect(DISTINCT c) AS fresh } " +
			"WITH seen, depths, frontier, truncated, fresh, $limit - size(seen) AS room, level + 1 AS level " +
			// Only when the level truncates: fresh in the walk's order, each
			// company keyed by its first [deal ID, position].
			"CALL (seen, frontier, fresh, room) { WITH * WHERE size(fresh) > room " + frontierDeals +
			"MATCH (c)-[r:PARTY_TO]->(d) WHERE NOT c IN seen " +
			"WITH c, min([d.id, coalesce(r.position, 0)]) AS first ORDER BY first, c.id " +
			"RETURN collect(c) AS ordered } " +
			"WITH seen, depths, truncated, level, room, CASE WHEN size(fresh) > room THEN ordered ELSE fresh END AS fresh " +
			"WITH seen + fresh[..room] AS seen, depths + [x IN fresh[..room] | level] AS depths, level, " +
			"CASE WHEN size(fresh) > room THEN [] ELSE fresh END AS frontier, truncated OR size(fresh) > room AS truncated ")
	}
	b.WriteString("CALL (seen) { " +
		"UNWIND seen AS k MATCH (k)-[:PARTY_TO]->(d) " +
		"WHERE $types IS NULL OR d.type IN $types " +
		"WITH d, count(DISTINCT k) AS kept WHERE kept > 1 " +
		"RETURN collect(" + deal + ") AS deals } " +
		"WITH depths, truncated, deals, [c IN seen | " + company + "] AS companies " +
		"RETURN [x IN companies | x[0]] AS seen, depths, truncated, deals, companies")
	return b.String()
}

var _ plan.CompanyDealsReader = (*Store)(nil)

// companyDealsPart reads, for the company IDs in the list variable or
// parameter ids (imported into the first subquery with scope), each company
// with its deal IDs in ascending order (column rows: the fields of
// companyList followed by the list of IDs), and the deals that the windows
// $windows (maps of after and first) select from those lists (column
// deals, as dealList).
func companyDealsPart(ids, scope string) string {
	return companyDealsPartAs(ids, scope, "$windows", "rows", "deals")
}

// companyDealsPartAs is companyDealsPart with the windows in the parameter
// or variable windows and the columns named rows and deals.
func companyDealsPartAs(ids, scope, windows, rows, deals string) string {
	return "CALL (" + scope + ") { UNWIND " + ids + " AS cid WITH DISTINCT cid " +
		"MATCH (c:Company {id: cid}) USING INDEX SEEK c:Company(id) " +
		"CALL (c) { OPTIONAL MATCH (c)-[:PARTY_TO]->(x) WITH DISTINCT x.id AS xid WHERE xid IS NOT NULL " +
		"ORDER BY xid RETURN collect(xid) AS dealIds } " +
		"RETURN collect(" + companyList + " + [dealIds]) AS " + rows + " } " +
		"CALL (" + rows + ") { UNWIND " + rows + " AS row UNWIND " + windows + " AS w " +
		"UNWIND [x IN last(row) WHERE x > w.after][..w.first] AS did " +
		"WITH DISTINCT did MATCH (d:Deal {id: did}) USING INDEX SEEK d:Deal(id) " +
		"RETURN collect(" + dealList + ") AS " + deals + " } "
}

// companyDealsQuery is companyDealsPart for the IDs $ids, as one record.
var companyDealsQuery = companyDealsPart("$ids", "") + "RETURN rows, deals"

// windowParams binds the windows that select something.
func windowParams(windows []plan.IDWindow) []any {
	ws := make([]any, 0, len(windows))
	for _, w := range windows {
		if w.First > 0 {
			ws = append(ws, map[string]any{"after": w.After, "first": int64(w.First)})
		}
	}
	return ws
}

// decodeCompanyDeals decodes the columns rows and deals of
// companyDealsPart.
func decodeCompanyDeals(rowsCol, dealsCol any) plan.CompanyDeals {
	rows, _ := rowsCol.([]any)
	ds, _ := dealsCol.([]any)
	out := plan.CompanyDeals{
		Companies: make(map[string]pg.Company, len(rows)), DealIDs: make(map[string][]string, len(rows)),
		Deals: make(map[string]pg.Deal, len(ds)),
	}
	for _, v := range rows {
		row, _ := v.([]any)
		if len(row) != companyListLen+1 {
			continue
		}
		c := decodeCompanyList(row[:companyListLen])
		out.Companies[c.ID] = c
		if ids := strsOf(row[companyListLen]); len(ids) > 0 {
			if !slices.IsSorted(ids) {
				slices.Sort(ids)
			}
			out.DealIDs[c.ID] = slices.Compact(ids)
		}
	}
	for _, v := range ds {
		d := decodeDealList(v)
		out.Deals[d.ID] = d
	}
	return out
}

// CompanyDeals implements [plan.CompanyDealsReader] with one query where
// [plan.ReadCompanyDeals] makes three round trips.
func (s *Store) CompanyDeals(ctx context.Context, companyIDs []string, windows []plan.IDWindow) (plan.CompanyDeals, error) {
	if len(companyIDs) == 0 {
		return plan.CompanyDeals{Companies: map[string]pg.Company{}, DealIDs: map[string][]string{}, Deals: map[string]pg.Deal{}}, nil
	}
	recs, err := s.read(ctx, "companies with deals", companyDealsQuery,
		map[string]any{"ids": list(companyIDs), "windows": windowParams(windows)})
	if err != nil {
		return plan.CompanyDeals{}, err
	}
	if len(recs) != 1 {
		return plan.CompanyDeals{}, fmt.Errorf("neo4jstore: companies with deals: %d records", len(recs))
	}
	if len(recs[0].Values) != 2 {
		return plan.CompanyDeals{}, fmt.Errorf("neo4jstore: companies with deals: %d columns", len(recs[0].Values))
	}
	return decodeCompanyDeals(recs[0].Values[0], recs[0].Values[1]), nil
}

var _ plan.CompanyViewReader = (*Store)(nil)

// listOf is companyList for the variable v instead of c.
func listOf(v string) string {
	return strings.ReplaceAll(strings.ReplaceAll(companyList, "[c.", "["+v+"."), " c.", " "+v+".")
}

// platformList is the list projection of a platform p, decoded by
// decodePlatformList as decodePlatform decodes platformProjection.
const platformList = "[p.id, p.name, p.kind, p.aliases, head([(p)-[:OWNED_BY]->(o:Company) | o.id])]"

// decodePlatformList decodes platformList.
func decodePlatformList(v any) pg.Platform {
	l, _ := v.([]any)
	if len(l) < 5 {
		return pg.Platform{}
	}
	return pg.Platform{ID: strOf(l[0]), Name: strOf(l[1]), Kind: pg.PlatformKind(strOf(l[2])), Aliases: strsOf(l[3]), OwnerID: strOf(l[4])}
}

// companyViewQuery finds the company a reference names as pg.FindCompany
// does, in one query: by ID ($ref), else by exact name, else by alias
// (ties to the smallest ID; through the TEXT index on names, see
// nameParams), else by the ID derived from the reference ($derived, null
// when there is none). The company is column company (companyList, none
// when nothing matched). When $deals, it also reads the company's deals
// (column deals, dealList), and when $parties and $platforms, the
// companies party to them and their platforms (columns parties and
// platforms).
var companyViewQuery = "CALL () { " +
	"MATCH (co:Company {id: $ref}) RETURN co, 0 AS rank " +
	"UNION ALL MATCH (co:Company) USING TEXT INDEX co:Company(names) WHERE co.names CONTAINS $names " +
	"AND (co.nameKey = $key OR $key IN co.aliasKeys) RETURN co, CASE WHEN co.nameKey = $key THEN 1 ELSE 2 END AS rank " +
	"UNION ALL MATCH (co:Company {id: $derived}) RETURN co, 3 AS rank } " +
	"WITH co ORDER BY rank, co.id LIMIT 1 " +
	"CALL (co) { MATCH (co)-[:PARTY_TO]->(d:Deal) WHERE $deals WITH DISTINCT d RETURN collect(" + dealList + ") AS deals } " +
	"CALL (deals) { UNWIND deals AS dl UNWIND dl[8] AS party WITH DISTINCT party[0] AS pid WHERE $parties " +
	"MATCH (x:Company {id: pid}) USING INDEX SEEK x:Company(id) RETURN collect(" + listOf("x") + ") AS parties } " +
	"CALL (deals) { UNWIND deals AS dl UNWIND dl[9] AS plid WITH DISTINCT plid WHERE $platforms " +
	"MATCH (p:Platform {id: plid}) USING INDEX SEEK p:Platform(id) RETURN collect(" + platformList + ") AS platforms } " +
	"RETURN " + listOf("co") + " AS company, deals, parties, platforms"

// FindCompanyView implements [plan.CompanyViewReader] with one query
// (companyViewQuery) where [plan.FindCompanyView] makes up to seven.
func (s *Store) FindCompanyView(ctx context.Context, ref string, want plan.CompanyWant) (plan.CompanyView, bool, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return plan.CompanyView{}, false, nil
	}
	params := nameParams(ref)
	params["ref"], params["derived"] = ref, nil
	if id := pg.CompanyID(ref); id != "" && id != ref {
		params["derived"] = id
	}
	params["deals"], params["parties"], params["platforms"] = want.Deals, want.Deals && want.Parties, want.Deals && want.Platforms
	recs, err := s.read(ctx, "company view", companyViewQuery, params)
	if err != nil || len(recs) == 0 {
		return plan.CompanyView{}, false, err
	}
	vals := recs[0].Values
	if len(vals) != 4 {
		return plan.CompanyView{}, false, fmt.Errorf("neo4jstore: company view: %d columns", len(vals))
	}
	v := plan.CompanyView{
		Company: decodeCompanyList(vals[0]),
		Deals:   map[string]pg.Deal{}, Companies: map[string]pg.Company{}, Platforms: map[string]pg.Platform{},
	}
	ds, _ := vals[1].([]any)
	for _, x := range ds {
		d := decodeDealList(x)
		v.Deals[d.ID] = d
		v.DealIDs = append(v.DealIDs, d.ID)
	}
	slices.Sort(v.DealIDs)
	v.DealIDs = slices.Compact(v.DealIDs)
	cs, _ := vals[2].([]any)
	for _, x := range cs {
		c := decodeCompanyList(x)
		v.Companies[c.ID] = c
	}
	ps, _ := vals[3].([]any)
	for _, x := range ps {
		p := decodePlatformList(x)
		v.Platforms[p.ID] = p
	}
	return v, true, nil
}

var _ plan.CompanyPageReader = (*Store)(nil)

// companyPageQuery wraps the page query of companies (items as
// companyList) so that it also reads companyDealsPart for the first
// $pageSize companies with $windows and, when parties, for the parties of
// the deals read with $partyWindows, as one record: columns page (lists
// [n, s, item]), rows, deals, partyRows and partyDeals.
func companyPageQuery(pageQuery string, parties bool) string {
	q := "CALL () { " + pageQuery + " } " +
		"WITH collect([n, s, item]) AS page " +
		"WITH page, [x IN page[..$pageSize] | x[2][0]] AS cids " +
		companyDealsPart("cids", "cids")
	if !parties {
		return q + "RETURN page, rows, deals, [] AS partyRows, [] AS partyDeals"
	}
	return q + "WITH page, rows, deals, reduce(acc = [], x IN deals | acc + [p IN x[8] | p[0]]) AS pids " +
		companyDealsPartAs("pids", "pids", "$partyWindows", "partyRows", "partyDeals") +
		"RETURN page, rows, deals, partyRows, partyDeals"
}

// CompaniesWithDeals implements [plan.CompanyPageReader] with one query
// where [plan.ReadCompanyPage] makes up to seven.
func (s *Store) CompaniesWithDeals(ctx context.Context, q pg.CompanyQuery, windows []plan.IDWindow, parties bool, partyWindows []plan.IDWindow) (plan.CompanyPage, error) {
	order, after, err := storekit.ParseCompanyQuery(q)
	if err != nil {
		return plan.CompanyPage{}, fmt.Errorf("neo4jstore: %w", err)
	}
	params := pageParams(companyFilterParams(q.Filter), after, q.Size())
	params["sort"], params["pageSize"] = string(order), int64(q.Size())
	params["windows"], params["partyWindows"] = windowParams(windows), windowParams(partyWindows)
	recs, err := s.read(ctx, "companies with deals", companyPageQuery(companiesQuery(q.Filter, order, companyList), parties), params)
	if err != nil {
		return plan.CompanyPage{}, err
	}
	if len(recs) != 1 || len(recs[0].Values) != 5 {
		return plan.CompanyPage{}, fmt.Errorf("neo4jstore: companies with deals: %d records", len(recs))
	}
	vals := recs[0].Values
	return plan.CompanyPage{
		Page:    pageOf(sortedRows(vals[0]), string(order), q.Size(), decodeCompanyList, func(c pg.Company) string { return c.ID }),
		Deals:   decodeCompanyDeals(vals[1], vals[2]),
		Parties: decodeCompanyDeals(vals[3], vals[4]),
	}, nil
}
