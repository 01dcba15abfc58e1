package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/graph/plan"
)

// TestNestedDealsDoNotWaitForLoaders checks that the deal connections read
// what their parties' companies ask for in advance: with a loader wait far
// longer than the test allows, the nested query still answers at once, and
// each company's page is its own deal list's page.
func TestNestedDealsDoNotWaitForLoaders(t *testing.T) {
	store := newStore(t, graphtest.Synthetic(200, 300, 7))
	const wait = 3 * time.Second
	h := graph.NewHandler(store, graph.Options{LoaderWait: wait})
	type page struct {
		Edges []struct {
			Cursor string
			Node   struct{ ID string }
		}
		PageInfo struct{ HasNextPage bool }
	}
	type result struct {
		Deals struct {
			Edges []struct {
				Node struct {
					Parties []struct {
						Company struct {
							ID        string
							DealCount int
							A, B      page
						}
					}
				}
			}
		}
	}
	for _, tt := range []struct {
		name   string
		query  string
		vars   map[string]any
		firstA int
		firstB int // -1: b is not a plain page
	}{
		{"literals", `{ deals(first: 20) { edges { node { parties { company { id dealCount
			a: deals(first: 3) { edges { cursor node { id } } pageInfo { hasNextPage } }
			b: deals { edges { cursor node { id } } pageInfo { hasNextPage } } } } } } } }`, nil, 3, 20},
		{"variables and fragments", `query($f: Int, $g: Int) { deals(first: 20) { edges { node { ...P } } } }
			fragment P on Deal { parties { company { id dealCount ...on Company {
				a: deals(first: $f) { edges { cursor node { id } } pageInfo { hasNextPage } }
				b: deals(first: $g) { edges { cursor node { id } } pageInfo { hasNextPage } } } } } }`,
			map[string]any{"f": 1, "g": 0}, 1, 0},
		{"nested connection", `{ deals(first: 5) { edges { node { parties { company { id dealCount
			a: deals(first: 4) { edges { cursor node { id } } pageInfo { hasNextPage } }
			b: deals(first: 2) { edges { node { parties { company { id x: deals(first: 2) { edges { node { id } } } } } } } } } } } } } }`,
			nil, 4, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got result
			start := time.Now()
			query(t, h, tt.query, tt.vars, &got)
			if d := time.Since(start); d >= wait {
				t.Errorf("took %v: a dataloader waited", d)
			}
			check := func(companyID string, p page, first int) {
				t.Helper()
				lists, err := store.DealIDsByCompany(context.Background(), []string{companyID})
				if err != nil {
					t.Fatal(err)
				}
				all := lists[companyID]
				if !slices.IsSorted(all) {
					t.Fatalf("%s: deal IDs not sorted", companyID)
				}
				var ids []string
				for _, e := range p.Edges {
					ids = append(ids, e.Node.ID)
				}
				want := all[:min(first, len(all))]
				if diff := cmp.Diff(want, ids, cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })); diff != "" {
					t.Errorf("%s, first %d (-want +got):\n%s", companyID, first, diff)
				}
				if p.PageInfo.HasNextPage != (first < len(all)) {
					t.Errorf("%s, first %d: hasNextPage %v with %d deals", companyID, first, p.PageInfo.HasNextPage, len(all))
				}
			}
			n := 0
			for _, e := range got.Deals.Edges {
				for _, p := range e.Node.Parties {
					n++
					check(p.Company.ID, p.Company.A, tt.firstA)
					if tt.firstB >= 0 {
						check(p.Company.ID, p.Company.B, tt.firstB)
					}
					lists, _ := store.DealIDsByCompany(context.Background(), []string{p.Company.ID})
					if p.Company.DealCount != len(lists[p.Company.ID]) {
						t.Errorf("%s: dealCount %d, want %d", p.Company.ID, p.Company.DealCount, len(lists[p.Company.ID]))
					}
				}
			}
			if n == 0 {
				t.Fatal("no parties in the answer")
			}
		})
	}
}

// oneReadStore is a store with the optional one-query reads of
// plan.DealPageReader, plan.CompanyDealsReader and plan.NeighborhoodReader,
// answered by the generic code on the wrapped store, and counts their calls.
type oneReadStore struct {
	*countingStore
}

func (s oneReadStore) DealsWithCompanyDeals(ctx context.Context, q pg.DealQuery, windows []plan.IDWindow) (pg.Page[pg.Deal], plan.CompanyDeals, error) {
	s.count("DealsWithCompanyDeals")
	s.countWindows(windows)
	return plan.ReadDealsWithCompanyDeals(ctx, struct{ pg.Reader }{s.Store}, q, windows)
}

func (s oneReadStore) CompanyDeals(ctx context.Context, ids []string, windows []plan.IDWindow) (plan.CompanyDeals, error) {
	s.count("CompanyDeals")
	s.countWindows(windows)
	return plan.ReadCompanyDeals(ctx, struct{ pg.Reader }{s.Store}, ids, windows)
}

// countWindows counts the windows of a one-query read as calls of
// IDWindow: each makes the store read the deals it selects.
func (s oneReadStore) countWindows(windows []plan.IDWindow) {
	for range windows {
		s.count("IDWindow")
	}
}

func (s oneReadStore) Neighborhood(ctx context.Context, id string, depth, limit int, types []pg.DealType, brief bool) (pg.Subgraph, error) {
	s.count("Neighborhood")
	return plan.Neighborhood(ctx, struct{ pg.Reader }{s.Store}, id, depth, limit, types, brief)
}

// TestOneReadStoreAnswersAlike checks that the resolvers use a store's
// one-query reads when it has them, and that the answers are the same as
// through the plain Reader calls.
func TestOneReadStoreAnswersAlike(t *testing.T) {
	base := newStore(t, graphtest.Synthetic(200, 300, 7))
	one := oneReadStore{newCountingStore(base)}
	plain, fast := graph.NewHandler(base, graph.Options{}), graph.NewHandler(one, graph.Options{})
	for _, tt := range []struct {
		query string
		vars  map[string]any
		want  map[string]int // calls of the one-query reads
	}{
		{`{ deals(first: 20) { edges { node { parties { company { deals(first: 5) { edges { node { id } } } } } } } } }`, nil,
			map[string]int{"DealsWithCompanyDeals": 1, "IDWindow": 0}}, // the inner pages need deal IDs only
		{`{ deals(first: 20) { edges { node { parties { company { deals(first: 5) { edges { node { id summary } } } } } } } } }`, nil,
			map[string]int{"DealsWithCompanyDeals": 1, "IDWindow": 1}},
		{`{ deals(first: 5, sort: YEAR_ASC) { edges { node { id parties { company { id dealCount
			a: deals(first: 4) { edges { cursor node { id } } pageInfo { hasNextPage } }
			b: deals(first: 2) { edges { node { parties { company { id x: deals(first: 2) { edges { node { id } } } } } } } } } } } } } }`, nil,
			map[string]int{"DealsWithCompanyDeals": 1, "IDWindow": 1}}, // and CompanyDeals per inner b page, without windows
		{`{ deals(first: 3) { edges { node { parties { company { name } } } } } }`, nil, map[string]int{"CompaniesByID": 1}},
		{`query ($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }`,
			map[string]any{"id": graphtest.Synthetic(200, 300, 7).Companies[0].ID}, map[string]int{"Neighborhood": 1}},
	} {
		var want, got any
		query(t, plain, tt.query, tt.vars, &want)
		one.snapshot()
		query(t, fast, tt.query, tt.vars, &got)
		calls := one.snapshot()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: answers differ (-plain +one-read):\n%s", tt.query, diff)
		}
		for name, n := range tt.want {
			if calls[name] != n {
				t.Errorf("%s: %d calls of %s, want %d (calls %v)", tt.query, calls[name], name, n, calls)
			}
		}
	}
}

// TestIDOnlyPagesAnswerAlike checks that a deal page whose selection asks
// for no field of its deals but id (which dealPage answers from the deal ID
// list, without reading the deals) answers as it does when it reads them:
// the same answer as with another field asked for too, that field left out.
// Selections of plain fields, fragments and directives, with cursors and
// page info, on the plain store and on one with the one-query reads.
func TestIDOnlyPagesAnswerAlike(t *testing.T) {
	base := newStore(t, graphtest.Synthetic(200, 300, 7))
	counted := newCountingStore(base)
	first, err := base.Deals(context.Background(), pg.DealQuery{})
	if err != nil || len(first.Items) == 0 {
		t.Fatalf("deals: %v", err)
	}
	company := first.Items[0].Parties[0].CompanyID
	for _, h := range []struct {
		name  string
		store interface{ snapshot() map[string]int }
		h     http.Handler
	}{
		{"plain", counted, graph.NewHandler(counted, graph.Options{})},
		{"one-read", oneReadStore{counted}, graph.NewHandler(oneReadStore{counted}, graph.Options{})},
	} {
		for _, tt := range []struct {
			name, ids string // ids has one %s where the other field goes
		}{
			{"nested", `{ deals(first: 10) { edges { node { parties { company { deals(first: 3) { edges { cursor node { id %s } } pageInfo { hasNextPage startCursor endCursor } } } } } } } }`},
			{"typename", `{ deals(first: 10) { edges { node { parties { company { deals(first: 2) { edges { node { __typename id %s } } } } } } } } }`},
			{"fragments", `{ deals(first: 10) { edges { node { parties { company { deals(first: 3) { ...E } } } } } } }
				fragment E on DealConnection { edges { ... on DealEdge { cursor node { ...N } } } pageInfo { hasNextPage } }
				fragment N on Deal { id %s }`},
			{"directives", `{ deals(first: 10) { edges { node { parties { company { deals(first: 3) { edges { node { id summary @skip(if: true) %s } } } } } } } } }`},
			{"company", `{ company(id: "` + company + `") { deals(first: 2) { edges { cursor node { id %s } } pageInfo { endCursor hasNextPage } } } }`},
			{"after", `{ company(id: "` + company + `") { deals(first: 2, after: "` + idCursorOf(first.Items[0].ID) + `") { edges { node { id %s } } } } }`},
			{"no edges", `{ company(id: "` + company + `") { deals(first: 2) { pageInfo { endCursor hasNextPage } totalCount %s } } }`},
		} {
			t.Run(h.name+"/"+tt.name, func(t *testing.T) {
				extra := "year"
				if tt.name == "no edges" {
					extra = "edges { node { year } }"
				}
				var want, got any
				query(t, h.h, fmt.Sprintf(tt.ids, extra), nil, &want)
				h.store.snapshot()
				query(t, h.h, fmt.Sprintf(tt.ids, ""), nil, &got)
				calls := h.store.snapshot()
				if tt.name == "no edges" {
					want = dropKey(want, "edges")
				} else {
					want = dropKey(want, "year")
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("answers differ (-with a field read +IDs only):\n%s", diff)
				}
				if calls["DealsByID"] != 0 {
					t.Errorf("IDs only: %d calls of DealsByID (calls %v)", calls["DealsByID"], calls)
				}
			})
		}
	}
}

// idCursorOf is the cursor of an item of a list in ID order.
func idCursorOf(id string) string { return model.IDCursor(id) }

// dropKey returns v, decoded JSON, without the object members called k.
func dropKey(v any, k string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for name, e := range x {
			if name != k {
				out[name] = dropKey(e, k)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = dropKey(e, k)
		}
		return out
	}
	return v
}
