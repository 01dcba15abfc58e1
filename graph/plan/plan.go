// Package plan holds the GraphQL API's read plans: the common nested
// selections of a request read in as few store calls as the store allows.
//
// Each plan has a generic form that asks the store domain questions
// ([partnergraph.Reader] calls, several of them) and an interface a store
// may implement to answer the same plan in one read of its own (neo4jstore
// does, with one Cypher query each). The answer of a store's own read must
// equal the generic one; storetest checks that for every store that
// implements it. These interfaces are the API's, not the domain's: they
// live here rather than in the root package, which keeps asking domain
// questions only.
package plan

import (
	"context"
	"fmt"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// IDWindow selects part of an ascending list of IDs: the first First IDs
// greater than After ("" starts at the beginning). A First below 1 selects
// nothing.
type IDWindow struct {
	After string
	First int
}

// Apply returns the part of ids, which must be in ascending order, that w
// selects.
func (w IDWindow) Apply(ids []string) []string {
	if w.First < 1 {
		return nil
	}
	start, found := slices.BinarySearch(ids, w.After)
	if found {
		start++
	}
	return ids[start:min(start+w.First, len(ids))]
}

// CompanyDeals is a set of companies with their deal ID lists and some of
// their deals, as [ReadCompanyDeals] returns them.
type CompanyDeals struct {
	// Companies holds the companies that exist, as CompaniesByID.
	Companies map[string]pg.Company
	// DealIDs holds each company's deal IDs, as DealIDsByCompany.
	DealIDs map[string][]string
	// Deals holds the deals that the windows select from the lists, as
	// DealsByID.
	Deals map[string]pg.Deal
}

// CompanyDealsReader is implemented by stores that answer
// [ReadCompanyDeals] in one read of their own instead of three. The answer
// must equal the one the three [pg.Reader] calls give.
type CompanyDealsReader interface {
	// CompanyDeals returns what [ReadCompanyDeals] returns for the store.
	CompanyDeals(ctx context.Context, companyIDs []string, windows []IDWindow) (CompanyDeals, error)
}

// ReadCompanyDeals returns the companies among companyIDs that exist, the
// deal IDs of each company (ascending; companies with no deals absent),
// and the deals that any of windows selects from any company's list. It
// reads them with the store's CompanyDealsReader when it has one, and
// otherwise with CompaniesByID, DealIDsByCompany and, when some window
// selects a deal, DealsByID.
func ReadCompanyDeals(ctx context.Context, r pg.Reader, companyIDs []string, windows []IDWindow) (CompanyDeals, error) {
	if cr, ok := r.(CompanyDealsReader); ok {
		return cr.CompanyDeals(ctx, companyIDs, windows)
	}
	var out CompanyDeals
	var err error
	if out.Companies, err = r.CompaniesByID(ctx, companyIDs); err != nil {
		return CompanyDeals{}, fmt.Errorf("companies: %w", err)
	}
	if out.DealIDs, err = r.DealIDsByCompany(ctx, companyIDs); err != nil {
		return CompanyDeals{}, fmt.Errorf("deal IDs: %w", err)
	}
	var ids []string
	for _, w := range windows {
		for _, c := range companyIDs {
			ids = append(ids, w.Apply(out.DealIDs[c])...)
		}
	}
	out.Deals = map[string]pg.Deal{}
	if len(ids) == 0 {
		return out, nil
	}
	slices.Sort(ids)
	if out.Deals, err = r.DealsByID(ctx, slices.Compact(ids)); err != nil {
		return CompanyDeals{}, fmt.Errorf("deals: %w", err)
	}
	return out, nil
}

// DealPageReader is implemented by stores that read a page of deals
// together with [ReadCompanyDeals] of the parties of its deals in one read
// of their own instead of two. The answer must equal the one Deals and
// ReadCompanyDeals give.
type DealPageReader interface {
	// DealsWithCompanyDeals returns what [ReadDealsWithCompanyDeals]
	// returns for the store.
	DealsWithCompanyDeals(ctx context.Context, q pg.DealQuery, windows []IDWindow) (pg.Page[pg.Deal], CompanyDeals, error)
}

// ReadDealsWithCompanyDeals returns the page of deals q selects and
// [ReadCompanyDeals] of the parties of the deals on it (in the order of the
// deals and their parties, each once) with windows. It reads them with the
// store's DealPageReader when it has one, and otherwise with Deals and
// ReadCompanyDeals.
func ReadDealsWithCompanyDeals(ctx context.Context, r pg.Reader, q pg.DealQuery, windows []IDWindow) (pg.Page[pg.Deal], CompanyDeals, error) {
	if dr, ok := r.(DealPageReader); ok {
		return dr.DealsWithCompanyDeals(ctx, q, windows)
	}
	page, err := r.Deals(ctx, q)
	if err != nil {
		return pg.Page[pg.Deal]{}, CompanyDeals{}, fmt.Errorf("deals: %w", err)
	}
	cd, err := ReadCompanyDeals(ctx, r, PartyIDs(page.Items), windows)
	if err != nil {
		return pg.Page[pg.Deal]{}, CompanyDeals{}, err
	}
	return page, cd, nil
}

// PartyIDs returns the company IDs of the parties of deals in the order of
// the deals and their parties, each once.
func PartyIDs(deals []pg.Deal) []string {
	ids := make([]string, 0, 2*len(deals))
	seen := make(map[string]bool, 2*len(deals))
	for _, d := range deals {
		for _, p := range d.Parties {
			if !seen[p.CompanyID] {
				seen[p.CompanyID] = true
				ids = append(ids, p.CompanyID)
			}
		}
	}
	return ids
}

// NeighborhoodReader is implemented by stores that answer a neighbourhood
// in one read of their own instead of the walk through [pg.Reader] that
// [pg.WalkNeighborhood] makes (eight round trips at depth 2). The answer
// must equal [Neighborhood]'s through the Reader for every argument: the
// same nodes in the same order, depths, edges and truncation.
type NeighborhoodReader interface {
	// Neighborhood returns what [Neighborhood] returns for the store.
	Neighborhood(ctx context.Context, companyID string, depth, limit int, types []pg.DealType, brief bool) (pg.Subgraph, error)
}

// Neighborhood returns the companies within depth deals of company
// companyID and every deal among them, keeping at most limit companies and,
// when types is not empty, only deals of those types (see
// [pg.WalkNeighborhood] for the rules). When brief is set, the nodes and
// edges carry only what the graph widget shows ([Brief]). A store that
// implements [NeighborhoodReader] answers it itself; any other is walked.
func Neighborhood(ctx context.Context, r pg.Reader, companyID string, depth, limit int, types []pg.DealType, brief bool) (pg.Subgraph, error) {
	if nr, ok := r.(NeighborhoodReader); ok {
		return nr.Neighborhood(ctx, companyID, depth, limit, types, brief)
	}
	sg, err := pg.WalkNeighborhood(ctx, r, companyID, depth, limit, types)
	if err != nil || !brief {
		return sg, err
	}
	return Brief(sg), nil
}

// Brief returns sg with each node's Company reduced to its ID and name and
// each edge's Deal to its ID, type, status, year and parties: what the
// nodes' and edges' own fields need, for a request that asks for nothing
// more of them.
func Brief(sg pg.Subgraph) pg.Subgraph {
	out := sg
	out.Nodes = slices.Clone(sg.Nodes)
	for i, n := range out.Nodes {
		if n.Kind == pg.NodeCompany {
			out.Nodes[i].Company = pg.Company{ID: n.Company.ID, Name: n.Company.Name}
		}
	}
	out.Edges = slices.Clone(sg.Edges)
	for i, e := range out.Edges {
		d := e.Deal
		out.Edges[i].Deal = pg.Deal{ID: d.ID, Type: d.Type, Status: d.Status, Year: d.Year, Parties: slices.Clone(d.Parties)}
	}
	return out
}

// CompanyWant says what a request reads about one company besides the
// company itself.
type CompanyWant struct {
	// Deals: the company's deal IDs and every one of its deals (for its
	// deal connection, partners and platforms).
	Deals bool
	// Parties: also the companies party to those deals.
	Parties bool
	// Platforms: also the platforms of those deals.
	Platforms bool
}

// CompanyView is a company with what a [CompanyWant] asks for.
type CompanyView struct {
	Company pg.Company
	// DealIDs are the company's deal IDs in ascending order, as
	// DealIDsByCompany gives them.
	DealIDs []string
	// Deals are those deals, as DealsByID gives them.
	Deals map[string]pg.Deal
	// Companies are the companies party to them, as CompaniesByID.
	Companies map[string]pg.Company
	// Platforms are their platforms, as PlatformsByID.
	Platforms map[string]pg.Platform
}

// CompanyViewReader is implemented by stores that find a company by
// reference and read what a [CompanyWant] asks about it in one read of
// their own. The answer must equal [FindCompanyView]'s through the Reader.
type CompanyViewReader interface {
	// FindCompanyView returns what [FindCompanyView] returns for the
	// store.
	FindCompanyView(ctx context.Context, ref string, want CompanyWant) (CompanyView, bool, error)
}

// FindCompanyView finds the company ref names as [pg.FindCompany] does
// (found is false when none) and reads what want asks about it: with the
// store's CompanyViewReader when it has one, otherwise with FindCompany,
// DealIDsByCompany, DealsByID, CompaniesByID and PlatformsByID.
func FindCompanyView(ctx context.Context, r pg.Reader, ref string, want CompanyWant) (CompanyView, bool, error) {
	if cr, ok := r.(CompanyViewReader); ok {
		return cr.FindCompanyView(ctx, ref, want)
	}
	c, ok, err := pg.FindCompany(ctx, r, ref)
	if !ok || err != nil {
		return CompanyView{}, false, err
	}
	v := CompanyView{Company: c, Deals: map[string]pg.Deal{}, Companies: map[string]pg.Company{}, Platforms: map[string]pg.Platform{}}
	if !want.Deals {
		return v, true, nil
	}
	lists, err := r.DealIDsByCompany(ctx, []string{c.ID})
	if err != nil {
		return CompanyView{}, false, fmt.Errorf("deal IDs: %w", err)
	}
	v.DealIDs = lists[c.ID]
	if len(v.DealIDs) == 0 {
		return v, true, nil
	}
	if v.Deals, err = r.DealsByID(ctx, v.DealIDs); err != nil {
		return CompanyView{}, false, fmt.Errorf("deals: %w", err)
	}
	var parties, platforms []string
	for _, id := range v.DealIDs {
		d := v.Deals[id]
		for _, p := range d.Parties {
			parties = append(parties, p.CompanyID)
		}
		platforms = append(platforms, d.PlatformIDs...)
	}
	if want.Parties && len(parties) > 0 {
		slices.Sort(parties)
		if v.Companies, err = r.CompaniesByID(ctx, slices.Compact(parties)); err != nil {
			return CompanyView{}, false, fmt.Errorf("parties: %w", err)
		}
	}
	if want.Platforms && len(platforms) > 0 {
		slices.Sort(platforms)
		if v.Platforms, err = r.PlatformsByID(ctx, slices.Compact(platforms)); err != nil {
			return CompanyView{}, false, fmt.Errorf("platforms: %w", err)
		}
	}
	return v, true, nil
}

// DealPage is a page of deals with the number of deals its filter matches.
type DealPage struct {
	Page pg.Page[pg.Deal]
	// Count is the number of deals the filter matches (when asked for).
	Count int
	// Missing reports that the filter's CompanyID or PlatformID names no
	// company or platform; Page and Count are then those of a filter that
	// matches nothing.
	Missing bool
}

// DealPageCounter is implemented by stores that read a page of deals, the
// number of deals its filter matches and whether the filter's company and
// platform exist in one read of their own. The answer must equal
// [ReadDealPage]'s through the Reader.
type DealPageCounter interface {
	// CountedDeals returns what [ReadDealPage] returns for the store.
	CountedDeals(ctx context.Context, q pg.DealQuery, count bool) (DealPage, error)
}

// ReadDealPage returns the page of deals q selects, the number of deals
// its filter matches when count is set, and whether its company or
// platform is missing: with the store's DealPageCounter when it has one,
// otherwise with CompaniesByID, PlatformsByID, Deals and CountDeals.
func ReadDealPage(ctx context.Context, r pg.Reader, q pg.DealQuery, count bool) (DealPage, error) {
	if dr, ok := r.(DealPageCounter); ok {
		return dr.CountedDeals(ctx, q, count)
	}
	var out DealPage
	if id := q.Filter.CompanyID; id != "" {
		got, err := r.CompaniesByID(ctx, []string{id})
		if err != nil {
			return DealPage{}, fmt.Errorf("company: %w", err)
		}
		_, ok := got[id]
		out.Missing = out.Missing || !ok
	}
	if id := q.Filter.PlatformID; id != "" {
		got, err := r.PlatformsByID(ctx, []string{id})
		if err != nil {
			return DealPage{}, fmt.Errorf("platform: %w", err)
		}
		_, ok := got[id]
		out.Missing = out.Missing || !ok
	}
	var err error
	if out.Page, err = r.Deals(ctx, q); err != nil {
		return DealPage{}, fmt.Errorf("deals: %w", err)
	}
	if count {
		if out.Count, err = r.CountDeals(ctx, q.Filter); err != nil {
			return DealPage{}, fmt.Errorf("count deals: %w", err)
		}
	}
	return out, nil
}

// CompanyPage is a page of companies with their deals and their deals'
// parties' deals, as [ReadCompanyPage] returns it.
type CompanyPage struct {
	Page pg.Page[pg.Company]
	// Deals is [ReadCompanyDeals] of the page's companies with the
	// windows of their deal connections.
	Deals CompanyDeals
	// Parties is [ReadCompanyDeals] of the parties of the deals in Deals
	// (in the order of the deals' IDs and their parties, each once) with
	// the windows of the parties' deal connections; empty unless asked.
	Parties CompanyDeals
}

// CompanyPageReader is implemented by stores that read [ReadCompanyPage]
// in one read of their own. The answer must equal ReadCompanyPage's through
// the Reader.
type CompanyPageReader interface {
	// CompaniesWithDeals returns what [ReadCompanyPage] returns for the
	// store.
	CompaniesWithDeals(ctx context.Context, q pg.CompanyQuery, windows []IDWindow, parties bool, partyWindows []IDWindow) (CompanyPage, error)
}

// ReadCompanyPage returns the page of companies q selects with
// [ReadCompanyDeals] of its companies (with windows) and, when parties is
// set, ReadCompanyDeals of the parties of those deals (with
// partyWindows): with the store's CompanyPageReader when it has one,
// otherwise with Companies and ReadCompanyDeals.
func ReadCompanyPage(ctx context.Context, r pg.Reader, q pg.CompanyQuery, windows []IDWindow, parties bool, partyWindows []IDWindow) (CompanyPage, error) {
	if cr, ok := r.(CompanyPageReader); ok {
		return cr.CompaniesWithDeals(ctx, q, windows, parties, partyWindows)
	}
	var out CompanyPage
	var err error
	if out.Page, err = r.Companies(ctx, q); err != nil {
		return CompanyPage{}, fmt.Errorf("companies: %w", err)
	}
	ids := make([]string, len(out.Page.Items))
	for i, c := range out.Page.Items {
		ids[i] = c.ID
	}
	if out.Deals, err = ReadCompanyDeals(ctx, r, ids, windows); err != nil {
		return CompanyPage{}, err
	}
	out.Parties = CompanyDeals{Companies: map[string]pg.Company{}, DealIDs: map[string][]string{}, Deals: map[string]pg.Deal{}}
	if !parties {
		return out, nil
	}
	dealIDs := make([]string, 0, len(out.Deals.Deals))
	for id := range out.Deals.Deals {
		dealIDs = append(dealIDs, id)
	}
	slices.Sort(dealIDs)
	deals := make([]pg.Deal, len(dealIDs))
	for i, id := range dealIDs {
		deals[i] = out.Deals.Deals[id]
	}
	if pids := PartyIDs(deals); len(pids) > 0 {
		if out.Parties, err = ReadCompanyDeals(ctx, r, pids, partyWindows); err != nil {
			return CompanyPage{}, err
		}
	}
	return out, nil
}
