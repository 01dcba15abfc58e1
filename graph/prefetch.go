package graph

import (
	"context"
	"encoding/json"
	"math"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	pg "github.com/partnergraph/partnergraph"

	"github.com/partnergraph/partnergraph/graph/plan"
)

// A deal connection knows, when it has read its page, everything the
// common nested selections below it will ask the dataloaders for:
//
//	edges { node { parties { company { deals(first: N) { edges { node … } } dealCount } } } }
//
// Left to the loaders, each of those levels (the party companies, their
// deal ID lists, the deals on their pages) waits Options.LoaderWait for
// keys from sibling goroutines before it reads the store. prefetchParties
// reads them at once instead (plan.ReadCompanyDeals: one batched store call
// per level, or one query on a store implementing plan.CompanyDealsReader)
// and primes the request's loaders, so that the nested resolvers find
// every value cached and answer without waiting. On a store implementing
// plan.DealPageReader, Query.deals reads its page together with those levels
// in one query (readDeals). Only what the selection asks for is read, and
// the values are the ones the loaders would have read.

// aheadPlan is what the selection of a deal connection asks for below the
// parties of its deals.
type aheadPlan struct {
	// companies: the parties' companies.
	companies bool
	// dealIDs: also the companies' deal ID lists (for deals or dealCount).
	dealIDs bool
	// windows: also the deals on these pages of the lists.
	windows []plan.IDWindow
}

// planAhead returns what the selection of the current deal connection
// field asks for below the parties of its deals.
func planAhead(ctx context.Context) aheadPlan {
	// Most deal connections (the innermost ones) select no parties: find
	// that out cheaply, before the large frame of readAhead is entered.
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !mentions(fc.Field.Selections, "parties", 3) || !graphql.HasOperationContext(ctx) {
		return aheadPlan{}
	}
	return readAhead(graphql.GetOperationContext(ctx), fc.Field.Selections)
}

// readAhead is planAhead once the selection may ask for parties.
func readAhead(oc *graphql.OperationContext, sel ast.SelectionSet) aheadPlan {
	companySel := selectPath(oc, sel, "DealConnection", "edges", "DealEdge", "node", "Deal", "parties", "Party", "company")
	if len(companySel) == 0 {
		return aheadPlan{}
	}
	ahead := aheadPlan{companies: true}
	var pages []*ast.Field // company.deals connections below the parties
	for _, f := range collect(oc, companySel, "Company") {
		switch f.Name {
		case "deals":
			ahead.dealIDs = true
			pages = append(pages, f.Field)
		case "dealCount":
			ahead.dealIDs = true
		}
	}
	for _, f := range pages {
		args := f.ArgumentMap(oc.Variables)
		first, ok1 := optInt(args["first"])
		after, ok2 := args["after"].(string)
		if !ok1 || !ok2 && args["after"] != nil {
			continue
		}
		if nodeIDsOnly(oc, f.SelectionSet) {
			continue // dealPage needs the IDs only, which the lists hold
		}
		var afterPtr *string
		if args["after"] != nil {
			afterPtr = &after
		}
		if w, ok := pageWindow(first, afterPtr); ok {
			ahead.windows = append(ahead.windows, w)
		}
	}
	return ahead
}

// nodeIDsOnly reports whether the selection sel of a deal connection asks
// for no field of its deals but id (and __typename): then the page's
// deals need not be read, their IDs (and the cursors derived from them)
// answer it. It says no for selections it cannot resolve (no operation).
func nodeIDsOnly(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	if ok, sure := plainIDsOnly(sel, "edges", "node"); sure {
		return ok
	}
	if oc == nil {
		return false
	}
	for _, f := range collect(oc, selectPath(oc, sel, "DealConnection", "edges", "DealEdge", "node"), "Deal") {
		if f.Name != "id" && f.Name != "__typename" {
			return false
		}
	}
	return true
}

// plainIDsOnly is nodeIDsOnly for selections of plain fields, without
// fragments or directives, which it answers without CollectFields (which
// is costly, and dealPage asks once per page); sure is false when sel
// holds anything else on the way.
func plainIDsOnly(sel ast.SelectionSet, path ...string) (ok, sure bool) {
	ok = true
	for _, s := range sel {
		f, isField := s.(*ast.Field)
		if !isField || len(f.Directives) > 0 {
			return false, false
		}
		switch {
		case len(path) == 0:
			ok = ok && (f.Name == "id" || f.Name == "__typename")
		case f.Name == path[0]:
			fieldOK, fieldSure := plainIDsOnly(f.SelectionSet, path[1:]...)
			if !fieldSure {
				return false, false
			}
			ok = ok && fieldOK
		}
	}
	return ok, true
}

// prefetchParties primes the loaders with what the selection of the
// current deal connection field asks for below the parties of deals.
// Failures are not reported: the nested resolvers then load through the
// loaders as usual and report them.
func (r *Resolver) prefetchParties(ctx context.Context, deals []pg.Deal) {
	if len(deals) == 0 {
		return
	}
	ahead := planAhead(ctx)
	if !ahead.companies {
		return
	}
	ids := plan.PartyIDs(deals)
	if r.loaders(ctx).planned.covers(ids, ahead.dealIDs, ahead.windows) {
		return // a read plan primed it all
	}
	if !ahead.dealIDs {
		companies, err := r.Store.CompaniesByID(ctx, ids)
		if err != nil {
			return
		}
		l := r.loaders(ctx)
		for id, c := range companies {
			l.company.Prime(id, c)
		}
		return
	}
	// One read where the store can (plan.CompanyDealsReader), else the
	// three batched calls the loaders would have made.
	got, err := plan.ReadCompanyDeals(ctx, r.Store, ids, ahead.windows)
	if err != nil {
		return
	}
	r.primeCompanyDeals(ctx, ids, got)
}

// readDeals reads the page of deals q selects for the current deal
// connection field. When the store reads a page together with what the
// selection asks for below its parties (plan.DealPageReader), it reads both
// in one query, primes the loaders and reports ahead; the caller then need
// not call prefetchParties.
func (r *Resolver) readDeals(ctx context.Context, q pg.DealQuery) (page pg.Page[pg.Deal], ahead bool, err error) {
	if _, ok := r.Store.(plan.DealPageReader); ok {
		if ahead := planAhead(ctx); ahead.dealIDs {
			page, got, err := plan.ReadDealsWithCompanyDeals(ctx, r.Store, q, ahead.windows)
			if err != nil {
				return pg.Page[pg.Deal]{}, false, err
			}
			r.primeCompanyDeals(ctx, plan.PartyIDs(page.Items), got)
			return page, true, nil
		}
	}
	page, err = r.Store.Deals(ctx, q)
	return page, false, err
}

// primeCompanyDeals primes the loaders with got, read for the companies ids.
func (r *Resolver) primeCompanyDeals(ctx context.Context, ids []string, got plan.CompanyDeals) {
	l := r.loaders(ctx)
	for id, c := range got.Companies {
		l.company.Prime(id, c)
	}
	lists := make(map[string][]string, len(ids))
	for _, id := range ids {
		l.dealIDsByCompany.Prime(id, got.DealIDs[id])
		lists[id] = got.DealIDs[id]
	}
	deals := make([]string, 0, len(got.Deals))
	for id, d := range got.Deals {
		l.deal.Prime(id, d)
		deals = append(deals, id)
	}
	l.planned.add(ids, lists, deals)
}

// companyWant returns what the selection of the current company field
// asks about the company besides its own fields.
func companyWant(ctx context.Context) plan.CompanyWant {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return plan.CompanyWant{}
	}
	oc := graphql.GetOperationContext(ctx)
	var want plan.CompanyWant
	for _, f := range collect(oc, fc.Field.Selections, "Company") {
		switch f.Name {
		case "dealCount":
			want.Deals = true
		case "partners":
			want.Deals, want.Parties = true, true
		case "platforms":
			want.Deals, want.Platforms = true, true
		case "deals":
			want.Deals = true
			node := selectPath(oc, f.Selections, "DealConnection", "edges", "DealEdge", "node")
			if len(selectPath(oc, node, "Deal", "parties", "Party", "company")) > 0 {
				want.Parties = true
			}
			for _, g := range collect(oc, node, "Deal") {
				if g.Name == "platforms" {
					want.Platforms = true
				}
			}
		}
	}
	return want
}

// findCompany finds the company ref names (pg.FindCompany). On a store
// that reads a company with what the selection asks about it in one query
// (plan.CompanyViewReader), it reads that and primes the loaders with it.
func (r *Resolver) findCompany(ctx context.Context, ref string) (pg.Company, bool, error) {
	if _, ok := r.Store.(plan.CompanyViewReader); !ok {
		return pg.FindCompany(ctx, r.Store, ref)
	}
	want := companyWant(ctx)
	v, ok, err := plan.FindCompanyView(ctx, r.Store, ref, want)
	if !ok || err != nil {
		return pg.Company{}, ok, err
	}
	l := r.loaders(ctx)
	l.company.Prime(v.Company.ID, v.Company)
	companies := []string{v.Company.ID}
	for id, c := range v.Companies {
		l.company.Prime(id, c)
		companies = append(companies, id)
	}
	for id, p := range v.Platforms {
		l.platform.Prime(id, p)
	}
	var lists map[string][]string
	if want.Deals {
		l.dealIDsByCompany.Prime(v.Company.ID, v.DealIDs)
		lists = map[string][]string{v.Company.ID: v.DealIDs}
	}
	deals := make([]string, 0, len(v.Deals))
	for id, d := range v.Deals {
		l.deal.Prime(id, d)
		deals = append(deals, id)
	}
	l.planned.add(companies, lists, deals)
	return v.Company, true, nil
}

// pageWindow returns the window of a company's deal ID list that dealPage
// serves for first and after; ok is false when the arguments are invalid
// (dealPage reports them) or select no deal.
func pageWindow(first *int, after *string) (w plan.IDWindow, ok bool) {
	p, empty, err := pageArgs(first, after)
	if err != nil || empty {
		return plan.IDWindow{}, false
	}
	if p.After != "" {
		if w.After, err = parseIDCursor(p.After); err != nil {
			return plan.IDWindow{}, false
		}
	}
	w.First = p.First
	return w, true
}

// mentions reports whether a field called name occurs in sel within
// depth levels of fields, looking into fragments; it ignores types and
// directives, so it may say yes when CollectFields would say no, never the
// reverse.
func mentions(sel ast.SelectionSet, name string, depth int) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == name || depth > 1 && mentions(s.SelectionSet, name, depth-1) {
				return true
			}
		case *ast.InlineFragment:
			if mentions(s.SelectionSet, name, depth) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && mentions(s.Definition.SelectionSet, name, depth) {
				return true
			}
		}
	}
	return false
}

// selectPath follows path, alternating the name of the type a selection
// set belongs to and a field name, from sel down, and returns the union of
// the selection sets of the fields at its end (nil when the selection does
// not reach that far).
func selectPath(oc *graphql.OperationContext, sel ast.SelectionSet, path ...string) ast.SelectionSet {
	for i := 0; i+1 < len(path); i += 2 {
		var next ast.SelectionSet
		for _, f := range collect(oc, sel, path[i]) {
			if f.Name == path[i+1] {
				next = append(next, f.Selections...)
			}
		}
		if len(next) == 0 {
			return nil
		}
		sel = next
	}
	return sel
}

// collect returns the fields sel selects on an object of type typeName,
// with fragments expanded and @skip and @include applied.
func collect(oc *graphql.OperationContext, sel ast.SelectionSet, typeName string) []graphql.CollectedField {
	return graphql.CollectFields(oc, sel, []string{typeName})
}

// optInt converts an Int argument as gqlparser gives it (a literal or a
// variable's JSON value) to *int; ok is false when it is not an integer.
func optInt(v any) (*int, bool) {
	var n int64
	switch x := v.(type) {
	case nil:
		return nil, true
	case int:
		n = int64(x)
	case int64:
		n = x
	case int32:
		n = int64(x)
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > math.MaxInt32 {
			return nil, false
		}
		n = int64(x)
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			return nil, false
		}
		n = i
	default:
		return nil, false
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return nil, false
	}
	i := int(n)
	return &i, true
}

// pageRange returns the bounds in ids (ascending) of the page that first
// and after select, and whether items follow it, as dealPage serves it.
func pageRange(ids []string, first *int, after *string) (start, end int, hasNext bool, err error) {
	p, empty, err := pageArgs(first, after)
	if err != nil {
		return 0, 0, false, err
	}
	if p.After != "" {
		afterID, err := parseIDCursor(p.After)
		if err != nil {
			return 0, 0, false, err
		}
		start, _ = slices.BinarySearch(ids, afterID)
		if start < len(ids) && ids[start] == afterID {
			start++
		}
	}
	end = min(start+p.First, len(ids))
	hasNext = end < len(ids)
	if empty {
		end = start
		hasNext = start < len(ids)
	}
	return start, end, hasNext, nil
}

// companyPagePlan is what the selection of a company connection asks for
// below its companies: their deal connections' windows, and the ahead
// plan of those connections (see readAhead).
type companyPagePlan struct {
	deals   bool
	windows []plan.IDWindow
	ahead   aheadPlan
}

// planCompanyPage returns what the selection of the current company
// connection field asks for below its companies.
func planCompanyPage(ctx context.Context) companyPagePlan {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !mentions(fc.Field.Selections, "deals", 4) || !graphql.HasOperationContext(ctx) {
		return companyPagePlan{}
	}
	oc := graphql.GetOperationContext(ctx)
	node := selectPath(oc, fc.Field.Selections, "CompanyConnection", "edges", "CompanyEdge", "node")
	var out companyPagePlan
	for _, f := range collect(oc, node, "Company") {
		if f.Name != "deals" && f.Name != "dealCount" {
			continue
		}
		out.deals = true
		if f.Name != "deals" {
			continue
		}
		ahead := readAhead(oc, f.Selections)
		out.ahead.companies = out.ahead.companies || ahead.companies
		out.ahead.dealIDs = out.ahead.dealIDs || ahead.dealIDs
		out.ahead.windows = append(out.ahead.windows, ahead.windows...)
		if nodeIDsOnly(oc, f.Selections) && !ahead.companies {
			continue // dealPage needs the IDs only
		}
		args := f.ArgumentMap(oc.Variables)
		first, ok1 := optInt(args["first"])
		after, ok2 := args["after"].(string)
		if !ok1 || !ok2 && args["after"] != nil {
			continue
		}
		var afterPtr *string
		if args["after"] != nil {
			afterPtr = &after
		}
		if w, ok := pageWindow(first, afterPtr); ok {
			out.windows = append(out.windows, w)
		}
	}
	return out
}

// readCompanies reads the page of companies q selects for the current
// company connection field. When the store reads a page together with
// its companies' deals and their parties' (plan.CompanyPageReader) and
// the selection asks for the companies' deals, it reads all of that in
// one query and primes the loaders with it.
func (r *Resolver) readCompanies(ctx context.Context, q pg.CompanyQuery) (pg.Page[pg.Company], error) {
	if _, ok := r.Store.(plan.CompanyPageReader); ok {
		if p := planCompanyPage(ctx); p.deals {
			got, err := plan.ReadCompanyPage(ctx, r.Store, q, p.windows, p.ahead.companies, p.ahead.windows)
			if err != nil {
				return pg.Page[pg.Company]{}, err
			}
			ids := make([]string, len(got.Page.Items))
			for i, c := range got.Page.Items {
				ids[i] = c.ID
			}
			r.primeCompanyDeals(ctx, ids, got.Deals)
			if p.ahead.companies {
				pids := make([]string, 0, len(got.Parties.Companies))
				for id := range got.Parties.Companies {
					pids = append(pids, id)
				}
				r.primeCompanyDeals(ctx, pids, got.Parties)
			}
			return got.Page, nil
		}
	}
	return r.Store.Companies(ctx, q)
}

// neighborhoodDetail reports whether the selection of the current
// neighborhood field asks for more of its nodes' companies or edges' deals
// than a brief neighbourhood (plan.Brief) holds: a node's company or an
// edge's deal.
func neighborhoodDetail(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true
	}
	oc := graphql.GetOperationContext(ctx)
	for _, f := range collect(oc, selectPath(oc, fc.Field.Selections, "Subgraph", "nodes"), "GraphNode") {
		if f.Name == "company" {
			return true
		}
	}
	for _, f := range collect(oc, selectPath(oc, fc.Field.Selections, "Subgraph", "edges"), "GraphEdge") {
		if f.Name == "deal" {
			return true
		}
	}
	return false
}
