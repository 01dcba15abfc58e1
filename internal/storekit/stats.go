package storekit

import (
	"cmp"
	"maps"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// TopPartners is how many companies [pg.Stats] lists in TopPartners.
const TopPartners = 20

// StatsCounter adds deals up into [pg.Stats]. The zero value is ready to
// use.
type StatsCounter struct {
	years               map[int]int
	types               map[string]int
	platforms, partners map[string]int
}

// Add counts one deal of type t made in year (0 when unknown) on the
// platforms platformIDs between the companies companyIDs. A platform or
// company listed twice counts once.
func (s *StatsCounter) Add(year int, t pg.DealType, platformIDs, companyIDs []string) {
	if s.years == nil {
		s.years, s.types, s.platforms, s.partners = map[int]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	}
	if year != 0 {
		s.years[year]++
	}
	s.types[string(t)]++
	countOnce(s.platforms, platformIDs)
	countOnce(s.partners, companyIDs)
}

// countOnce adds one to m for every distinct key among keys.
func countOnce(m map[string]int, keys []string) {
	for i, k := range keys {
		if !slices.Contains(keys[:i], k) {
			m[k]++
		}
	}
}

// Stats returns the counts so far in the orders [pg.Stats] documents.
func (s *StatsCounter) Stats() pg.Stats {
	st := pg.Stats{
		DealsByYear:     []pg.YearCount{},
		DealsByType:     TopCounts(s.types, 0),
		DealsByPlatform: TopCounts(s.platforms, 0),
		TopPartners:     TopCounts(s.partners, TopPartners),
	}
	for _, y := range slices.Sorted(maps.Keys(s.years)) {
		st.DealsByYear = append(st.DealsByYear, pg.YearCount{Year: y, Count: s.years[y]})
	}
	return st
}

// TopCounts returns m as counts ordered by count descending, then key,
// keeping at most n of them (all when n is 0).
func TopCounts(m map[string]int, n int) []pg.Count {
	out := make([]pg.Count, 0, len(m))
	for k, c := range m {
		out = append(out, pg.Count{Key: k, Count: c})
	}
	slices.SortFunc(out, func(a, b pg.Count) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key)) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
