package graph_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
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
