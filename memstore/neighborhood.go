package memstore

import (
	"container/heap"
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/plan"
)

var _ plan.NeighborhoodReader = (*Store)(nil)

// Neighborhood implements [plan.NeighborhoodReader]: it answers what
// [pg.WalkNeighborhood] answers, reading the graph in place instead of
// copying every deal of every company it reaches.
//
// The walk keeps the generic one's order: at each level the deals of the
// frontier are read in ascending ID order and their parties taken until
// limit companies are kept. Here the frontier's sorted deal lists are
// merged and the level stops at the first company left out, so a hub's
// level reads only the deals that fill the neighbourhood, not all of them.
// The edges are then the deals of the wanted types with at least two of
// the kept companies as parties, which is what the generic walk's deals
// among the companies come to, found through the companies' partner
// index (state.partners and pairDeals); only those are copied.
func (s *Store) Neighborhood(ctx context.Context, companyID string, depth, limit int, types []pg.DealType, brief bool) (pg.Subgraph, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.st.company(companyID); !ok {
		return pg.Subgraph{}, fmt.Errorf("memstore: neighborhood of %q: %w", companyID, pg.ErrNotFound)
	}
	depth, limit = max(depth, 0), max(limit, 1)
	wanted := func(d *deal) bool { return len(types) == 0 || slices.Contains(types, d.dealType(s.st)) }
	// check counts the items read and, every so often, whether ctx is done.
	n := 0
	check := func() error {
		if n++; stopped(ctx, n) {
			return fmt.Errorf("memstore: neighborhood of %q: %w", companyID, ctx.Err())
		}
		return nil
	}

	depthOf := map[string]int{companyID: 0}
	frontier := []string{companyID}
	truncated := false
	for level := 1; level <= depth && len(frontier) > 0 && !truncated; level++ {
		lists := make([]refs, 0, len(frontier))
		for _, c := range frontier {
			lists = append(lists, s.st.dealsSorted(c))
		}
		var next []string
		for r := range mergeSorted(&s.st.ids, lists) {
			if err := check(); err != nil {
				return pg.Subgraph{}, err
			}
			d, _ := s.st.deals.get(r)
			if !wanted(d) {
				continue
			}
			for _, p := range d.parties {
				c := s.st.ids.str(p.company)
				if _, seen := depthOf[c]; seen {
					continue
				}
				if len(depthOf) >= limit {
					truncated = true
					break
				}
				depthOf[c] = level
				next = append(next, c)
			}
			if truncated {
				break
			}
		}
		frontier = next // in any order: the merge orders the deals
	}

	// The deals among the kept companies, pair by pair, each pair read
	// from the side of its smaller ref: a company's partners are read in
	// full, or the kept companies after it are looked up among them,
	// whichever is fewer, so a hub costs at most one look-up per kept
	// company.
	kept := make(map[ref]struct{}, len(depthOf))
	for id := range depthOf {
		if r, ok := s.st.ids.lookup(id); ok { // a company without a number has no deal
			kept[r] = struct{}{}
		}
	}
	nodes := slices.Sorted(maps.Keys(kept))
	deals := map[string]pg.Deal{}
	var buf []ref
	add := func(k pairKey) error {
		buf = s.st.pairDeals.appendDeals(buf[:0], k)
		for _, r := range buf {
			if err := check(); err != nil {
				return err
			}
			id := s.st.ids.str(r)
			if _, done := deals[id]; done {
				continue
			}
			d, _ := s.st.deals.get(r)
			if !wanted(d) {
				continue
			}
			if brief {
				deals[id] = pg.Deal{ID: id, Type: d.dealType(s.st), Status: pg.DealStatus(s.st.wordList[d.status]), Year: d.year,
					Parties: s.st.expandParties(d.parties)}
			} else {
				deals[id] = s.st.expandDeal(d)
			}
		}
		return nil
	}
	for i, a := range nodes {
		partners, later := s.st.partners[a], nodes[i+1:]
		if len(partners) <= len(later) {
			for _, b := range partners {
				if _, k := kept[b]; k && b > a {
					if err := add(pairOf(a, b)); err != nil {
						return pg.Subgraph{}, err
					}
				}
			}
			continue
		}
		for _, b := range later {
			if err := add(pairOf(a, b)); err != nil {
				return pg.Subgraph{}, err
			}
		}
	}
	companies := make(map[string]pg.Company, len(depthOf))
	for id := range depthOf {
		c, _ := s.st.company(id)
		if brief {
			companies[id] = pg.Company{ID: c.ID, Name: c.Name}
		} else {
			companies[id] = cloneCompany(*c)
		}
	}
	return pg.AssembleSubgraph(depthOf, companies, deals, truncated), nil
}

// mergeSorted yields the refs of lists, each sorted in ascending order of
// their IDs, in ascending order of their IDs and each once.
func mergeSorted(t *idTable, lists []refs) iter.Seq[ref] {
	return func(yield func(ref) bool) {
		if len(lists) == 1 {
			for _, s := range lists[0] {
				if !yield(s) {
					return
				}
			}
			return
		}
		h := cursors{t: t, lists: make([]refs, 0, len(lists))}
		for _, l := range lists {
			if len(l) > 0 {
				h.lists = append(h.lists, l)
			}
		}
		heap.Init(&h)
		var last ref
		started := false
		for len(h.lists) > 0 {
			s := h.lists[0][0]
			if h.lists[0] = h.lists[0][1:]; len(h.lists[0]) == 0 {
				heap.Pop(&h)
			} else {
				heap.Fix(&h, 0)
			}
			if started && s == last {
				continue
			}
			last, started = s, true
			if !yield(s) {
				return
			}
		}
	}
}

// cursors is a min-heap of the unread rests of sorted lists, by the ID
// of their first ref.
type cursors struct {
	t     *idTable
	lists []refs
}

func (h cursors) Len() int           { return len(h.lists) }
func (h cursors) Less(i, j int) bool { return h.t.compare(h.lists[i][0], h.lists[j][0]) < 0 }
func (h cursors) Swap(i, j int)      { h.lists[i], h.lists[j] = h.lists[j], h.lists[i] }
func (h *cursors) Push(x any)        { h.lists = append(h.lists, x.(refs)) }
func (h *cursors) Pop() any {
	old := h.lists
	x := old[len(old)-1]
	h.lists = old[:len(old)-1]
	return x
}
