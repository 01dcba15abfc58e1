package storekit_test

import (
	"fmt"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// TestStatsCounter counts a few deals and checks every list and its order.
func TestStatsCounter(t *testing.T) {
	var c storekit.StatsCounter
	c.Add(2021, pg.Partnership, []string{azure, xbox}, []string{microsoft, sega})
	c.Add(0, pg.Partnership, []string{azure, azure}, []string{sega, sega, sony})
	c.Add(2019, pg.Acquisition, nil, []string{sony, sega})
	c.Add(2021, pg.Merger, []string{xbox}, nil)
	want := pg.Stats{
		DealsByYear:     []pg.YearCount{{Year: 2019, Count: 1}, {Year: 2021, Count: 2}},
		DealsByType:     []pg.Count{{Key: "partnership", Count: 2}, {Key: "acquisition", Count: 1}, {Key: "merger", Count: 1}},
		DealsByPlatform: []pg.Count{{Key: azure, Count: 2}, {Key: xbox, Count: 2}},
		TopPartners:     []pg.Count{{Key: sega, Count: 3}, {Key: sony, Count: 2}, {Key: microsoft, Count: 1}},
	}
	checkEqual(t, "Stats", want, c.Stats())
}

// TestStatsCounterEmpty checks that no deals give empty, non-nil lists of
// years, as the GraphQL schema expects a list.
func TestStatsCounterEmpty(t *testing.T) {
	var c storekit.StatsCounter
	st := c.Stats()
	if st.DealsByYear == nil || len(st.DealsByYear)+len(st.DealsByType)+len(st.DealsByPlatform)+len(st.TopPartners) != 0 {
		t.Errorf("Stats() = %#v, want empty lists", st)
	}
}

// TestTopCounts checks the order and the cut of TopCounts.
func TestTopCounts(t *testing.T) {
	m := map[string]int{}
	for i := range 25 {
		m[fmt.Sprintf("c%02d", i)] = 1 + i%3
	}
	tests := []struct {
		n        int
		wantLen  int
		wantHead []pg.Count
	}{
		{0, 25, []pg.Count{{Key: "c02", Count: 3}, {Key: "c05", Count: 3}}},
		{storekit.TopPartners, 20, []pg.Count{{Key: "c02", Count: 3}, {Key: "c05", Count: 3}}},
		{1, 1, []pg.Count{{Key: "c02", Count: 3}}},
	}
	for _, tt := range tests {
		got := storekit.TopCounts(m, tt.n)
		if len(got) != tt.wantLen {
			t.Errorf("TopCounts(n=%d) has %d counts, want %d", tt.n, len(got), tt.wantLen)
			continue
		}
		checkEqual(t, fmt.Sprintf("TopCounts(n=%d) head", tt.n), tt.wantHead, got[:len(tt.wantHead)])
		for i := 1; i < len(got); i++ {
			if a, b := got[i-1], got[i]; a.Count < b.Count || a.Count == b.Count && a.Key > b.Key {
				t.Errorf("TopCounts(n=%d): %v before %v", tt.n, a, b)
			}
		}
	}
}

// TestCompareEvidence checks the evidence order: publication date, then
// article ID, unknown dates first.
func TestCompareEvidence(t *testing.T) {
	tests := []struct {
		a, b pg.Evidence
		want int
	}{
		{pg.Evidence{ArticleID: "a:2", Published: "2021-01-01"}, pg.Evidence{ArticleID: "a:1", Published: "2022-01-01"}, -1},
		{pg.Evidence{ArticleID: "a:1", Published: "2022-01-01"}, pg.Evidence{ArticleID: "a:2", Published: "2022-01-01"}, -1},
		{pg.Evidence{ArticleID: "a:1"}, pg.Evidence{ArticleID: "a:0", Published: "2020-01-01"}, -1},
		{pg.Evidence{ArticleID: "a:1", Published: "2022-01-01"}, pg.Evidence{ArticleID: "a:1", Published: "2022-01-01"}, 0},
	}
	for _, tt := range tests {
		if got := storekit.CompareEvidence(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareEvidence(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := storekit.CompareEvidence(tt.b, tt.a); got != -tt.want {
			t.Errorf("CompareEvidence(%v, %v) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}
