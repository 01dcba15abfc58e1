package memstore

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
)

// TestEvidenceKeptFieldForField checks that evidence kept in the state's
// compact form reads back as it was written, empty and nil lists apart,
// with the fields usually left empty set or not.
func TestEvidenceKeptFieldForField(t *testing.T) {
	v := 2.5e9
	all := []pg.Evidence{
		{DealID: "d:1", ArticleID: "a1", Sentence: "A bought B.", Start: 3, End: 14, Year: 2015, Status: pg.Completed,
			Confidence: 0.87, Published: "2016-01-02", Type: pg.Acquisition, Currency: "USD", Rules: []string{"acquire", "past"}},
		{DealID: "d:1", ArticleID: "a2"},
		{DealID: "d:1", ArticleID: "a3", Rules: []string{}, PlatformIDs: []string{}, Parties: []pg.Party{}},
		{DealID: "d:1", ArticleID: "a4", PlatformIDs: []string{"azure"}, Value: &v, Currency: "EUR",
			Parties: []pg.Party{{CompanyID: "x", Role: pg.RoleBuyer}, {CompanyID: "y", Role: pg.RoleTarget}}, Rules: []string{"acquire", "past"}},
		{DealID: "d:1", ArticleID: "a5", Year: math.MaxInt32 + 1, Start: math.MaxInt32 + 7, End: -1},
		{DealID: "d:1", ArticleID: "a6", Year: -3, Rules: []string{"acquire"}},
	}
	s := newState()
	var kept []evidence
	for _, e := range all {
		kept = append(kept, s.compact(e))
	}
	for i, e := range all {
		got := s.expand("d:1", kept[i])
		if d := cmp.Diff(e, got); d != "" {
			t.Errorf("evidence %d (-written +read):\n%s", i, d)
		}
		for _, l := range [][2]bool{{e.Rules == nil, got.Rules == nil}, {e.PlatformIDs == nil, got.PlatformIDs == nil}, {e.Parties == nil, got.Parties == nil}} {
			if l[0] != l[1] {
				t.Errorf("evidence %d: a nil list reads back non-nil or the reverse: %+v", i, got)
			}
		}
	}
	if s.ruleLists[kept[0].rules] == nil || &s.ruleLists[kept[0].rules][0] != &s.ruleLists[kept[3].rules][0] {
		t.Error("equal rule lists are not held once")
	}
}
