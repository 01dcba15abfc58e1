package loader

import (
	"testing"

	"github.com/partnergraph/partnergraph"
)

// TestDropSelfDeals: parties that are one company under two names fold
// into one, keeping the role no other party has; a deal left with one
// party goes, and a parent and a unit with a name of its own stay apart.
func TestDropSelfDeals(t *testing.T) {
	text := "Harcourt said it would bid for Harper and Row Publishers Inc. Royal Dutch/Shell Group bid for Shell Oil Co. Stone will buy Southwest Forest Industries; Southwest agreed."
	companies := []ExtractedCompany{
		{Name: "Harcourt"}, {Name: "Harper"}, {Name: "Harper and Row Publishers Inc"},
		{Name: "Shell Group"}, {Name: "Shell Oil Co"},
		{Name: "Stone"}, {Name: "Southwest"}, {Name: "Southwest Forest Industries"},
	}
	p := func(n string, r partnergraph.Role) ExtractedParty { return ExtractedParty{Name: n, Role: r} }
	deals := []ExtractedDeal{
		{Type: partnergraph.Acquisition, Parties: []ExtractedParty{p("Harper", partnergraph.RoleBuyer), p("Harper and Row Publishers Inc", partnergraph.RoleTarget)}},
		{Type: partnergraph.Acquisition, Parties: []ExtractedParty{p("Shell Group", partnergraph.RoleBuyer), p("Shell Oil Co", partnergraph.RoleTarget)}},
		{Type: partnergraph.Acquisition, Parties: []ExtractedParty{p("Southwest", partnergraph.RoleTarget), p("Southwest Forest Industries", partnergraph.RoleBuyer), p("Stone", partnergraph.RoleBuyer)}},
	}
	got := dropSelfDeals(deals, companies, text)
	if len(got) != 2 {
		t.Fatalf("got %d deals, want 2: %+v", len(got), got)
	}
	if got[0].Parties[0].Name != "Shell Group" || got[0].Parties[1].Name != "Shell Oil Co" {
		t.Errorf("parent and unit: got %+v", got[0].Parties)
	}
	want := []ExtractedParty{p("Southwest", partnergraph.RoleTarget), p("Stone", partnergraph.RoleBuyer)}
	if len(got[1].Parties) != 2 || got[1].Parties[0] != want[0] || got[1].Parties[1] != want[1] {
		t.Errorf("folded parties: got %+v, want %+v", got[1].Parties, want)
	}
}
