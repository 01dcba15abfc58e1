package graph_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/graph"
)

// threeLevel is the query of issue 5's N+1 check.
const threeLevel = `query($n: Int) { deals(first: $n) { edges { node { parties { company { deals { edges { node { id } } } } } } } } }`

func TestStoreCallsDoNotGrowWithResults(t *testing.T) {
	store := newCountingStore(newStore(t, ringBatch(60)))
	// A generous wait keeps batches whole on a busy test machine.
	h := graph.NewHandler(store, graph.Options{LoaderWait: 20 * time.Millisecond})
	calls := map[int]map[string]int{}
	for _, n := range []int{2, 20} {
		// A batch that a slow scheduler splits costs an extra call; keep the
		// best of three runs so that only the query's shape counts.
		for range 3 {
			var got struct {
				Deals struct {
					Edges []struct {
						Node struct {
							Parties []struct {
								Company struct {
									Deals struct {
										Edges []struct{ Node struct{ ID string } }
									}
								}
							}
						}
					}
				}
			}
			store.snapshot()
			query(t, h, threeLevel, map[string]any{"n": n}, &got)
			c := store.snapshot()
			if calls[n] == nil || total(c) < total(calls[n]) {
				calls[n] = c
			}
			if len(got.Deals.Edges) != n {
				t.Fatalf("n=%d: %d deals", n, len(got.Deals.Edges))
			}
			for _, e := range got.Deals.Edges {
				for _, p := range e.Node.Parties {
					if len(p.Company.Deals.Edges) != 2 {
						t.Fatalf("n=%d: a ring company has %d deals, want 2", n, len(p.Company.Deals.Edges))
					}
				}
			}
		}
	}
	if diff := cmp.Diff(calls[2], calls[20]); diff != "" {
		t.Errorf("store calls differ between 2 and 20 results (-n=2 +n=20):\n%s", diff)
	}
	if n := total(calls[20]); n > 4 {
		t.Errorf("n=20 made %d store calls (%v), want at most 4", n, calls[20])
	}
	t.Logf("store calls: n=2 %v, n=20 %v", calls[2], calls[20])
}

func total(calls map[string]int) int {
	n := 0
	for _, c := range calls {
		n += c
	}
	return n
}

func TestTotalCountIsLazy(t *testing.T) {
	store := newCountingStore(newStore(t, ringBatch(10)))
	h := graph.NewHandler(store, graph.Options{})
	for _, tt := range []struct {
		query string
		want  int
	}{
		{`{ deals(first: 3) { edges { cursor } } }`, 0},
		{`{ deals(first: 3) { totalCount } }`, 1},
	} {
		store.snapshot()
		query(t, h, tt.query, nil, &struct{}{})
		if got := store.snapshot()["CountDeals"]; got != tt.want {
			t.Errorf("%s: %d CountDeals calls, want %d", tt.query, got, tt.want)
		}
	}
}

func TestPaginationIsStable(t *testing.T) {
	store := newStore(t, ringBatch(30))
	h := graph.NewHandler(store, graph.Options{})
	const q = `query($after: String) { deals(first: 7, after: $after, sort: YEAR_ASC) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`
	type page struct {
		Deals struct {
			Edges []struct {
				Cursor string
				Node   struct{ ID string }
			}
			PageInfo struct {
				HasNextPage, HasPreviousPage bool
				EndCursor                    *string
			}
		}
	}
	walk := func(insertAfterFirst bool) []string {
		var ids []string
		vars := map[string]any{"after": nil}
		for i := 0; ; i++ {
			var p page
			query(t, h, q, vars, &p)
			if p.Deals.PageInfo.HasPreviousPage != (i > 0) {
				t.Errorf("page %d: hasPreviousPage %v", i, p.Deals.PageInfo.HasPreviousPage)
			}
			for _, e := range p.Deals.Edges {
				ids = append(ids, e.Node.ID)
			}
			if i == 0 && insertAfterFirst {
				// Deals added before the cursor must not shift later pages.
				extra := ringBatch(3)
				for j := range extra.Companies {
					extra.Companies[j].ID = fmt.Sprintf("x%d", j)
				}
				extra = renameRing(extra)
				if err := store.Write(t.Context(), extra); err != nil {
					t.Fatal(err)
				}
			}
			if !p.Deals.PageInfo.HasNextPage {
				return ids
			}
			vars["after"] = *p.Deals.PageInfo.EndCursor
		}
	}
	first := walk(false)
	if len(first) != 30 {
		t.Fatalf("walked %d deals, want 30", len(first))
	}
	second := walk(true)
	seen := map[string]int{}
	for _, id := range second {
		seen[id]++
		if seen[id] > 1 {
			t.Errorf("deal %s seen twice", id)
		}
	}
	for _, id := range first {
		if seen[id] != 1 {
			t.Errorf("deal %s missing after inserts", id)
		}
	}

	// Company.deals pages by ID.
	var c struct {
		Company struct {
			Deals struct {
				Edges    []struct{ Node struct{ ID string } }
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
	}
	query(t, h, `{ company(id: "c005") { deals(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`, nil, &c)
	firstID := c.Company.Deals.Edges[0].Node.ID
	if !c.Company.Deals.PageInfo.HasNextPage {
		t.Fatalf("company page 1 has no next page")
	}
	query(t, h, `query($a: String) { company(id: "c005") { deals(first: 5, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
		map[string]any{"a": c.Company.Deals.PageInfo.EndCursor}, &c)
	if len(c.Company.Deals.Edges) != 1 || c.Company.Deals.Edges[0].Node.ID <= firstID || c.Company.Deals.PageInfo.HasNextPage {
		t.Errorf("company page 2 = %+v after %s", c.Company.Deals, firstID)
	}
}
