package memstore

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
)

// TestDealKeptFieldForField checks that a deal kept in the state's compact
// form reads back as it was written, nil and empty lists each as they
// were, and that a read's value and lists are its own.
func TestDealKeptFieldForField(t *testing.T) {
	v := 2.5e9
	all := []pg.Deal{
		{ID: "d:1", Type: pg.Acquisition, Status: pg.Completed, Year: 2015, Value: &v, Currency: "USD",
			Parties:     []pg.Party{{CompanyID: "x", Role: pg.RoleBuyer}, {CompanyID: "y", Role: pg.RoleTarget}},
			PlatformIDs: []string{"azure", "aws"}, Summary: "X acquires Y", Confidence: 0.87},
		{ID: "d:2"},
		{ID: "d:3", Parties: []pg.Party{}, PlatformIDs: []string{}, Year: -1 << 40},
	}
	s := newState()
	for _, d := range all {
		d := s.compactDeal(d)
		s.deals.put(d.id, d)
	}
	for _, want := range all {
		got, ok := s.Deal(want.ID)
		if !ok {
			t.Fatalf("deal %s not found", want.ID)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("deal %s (-written +read):\n%s", want.ID, d)
		}
		if (want.Parties == nil) != (got.Parties == nil) || (want.PlatformIDs == nil) != (got.PlatformIDs == nil) {
			t.Errorf("deal %s: a nil list reads back non-nil or the reverse: %+v", want.ID, got)
		}
	}
	got, _ := s.Deal("d:1")
	*got.Value, got.Parties[0].CompanyID, got.PlatformIDs[0] = 1, "z", "gcp"
	if again, _ := s.Deal("d:1"); cmp.Diff(all[0], again) != "" {
		t.Errorf("changing a deal read changed the state: %+v", again)
	}
}

// TestDealTableReusesPlaces removes deals and adds others, and checks that
// the new ones take the free places, that every deal is found by its ref
// and that all yields each once.
func TestDealTableReusesPlaces(t *testing.T) {
	s := newState()
	add := func(id string) { d := s.compactDeal(pg.Deal{ID: id, Summary: id}); s.deals.put(d.id, d) }
	for _, id := range []string{"d:1", "d:2", "d:3", "d:4"} {
		add(id)
	}
	for _, id := range []string{"d:2", "d:4"} {
		r, _ := s.ids.lookup(id)
		s.deals.remove(r)
	}
	add("d:5")
	add("d:6")
	add("d:1") // replaced in place
	if len(s.deals.recs) != 4 || s.deals.len() != 4 {
		t.Fatalf("%d places for %d deals, want 4 for 4", len(s.deals.recs), s.deals.len())
	}
	seen := map[string]bool{}
	for _, d := range s.deals.all() {
		id := s.ids.str(d.id)
		if seen[id] || d.summary != id {
			t.Fatalf("deal %s yielded twice or with another's summary %q", id, d.summary)
		}
		seen[id] = true
		if got, ok := s.dealByID(id); !ok || got != d {
			t.Fatalf("deal %s not found at its place", id)
		}
	}
	if want := map[string]bool{"d:1": true, "d:3": true, "d:5": true, "d:6": true}; !cmp.Equal(seen, want) {
		t.Fatalf("all yields %v, want %v", seen, want)
	}
	if _, ok := s.dealByID("d:2"); ok {
		t.Fatal("a removed deal is found")
	}
}
