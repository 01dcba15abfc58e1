package loader

import (
	"testing"

	"github.com/partnergraph/partnergraph"
)

// TestDropSelfDeals: parties that are one company under two names fold
// into one, keeping the role no other party has; a deal left with one
// party goes, and a parent and a unit with a name of its own stay apart.
func TestDropSelfDeals(t *testing.T) {
	text := "Harbex said it would bid for Quillon and Vane Publishers Inc. Royal Orla Group bid for Orla Oil Co. Pinecrest will buy Tavi Forest Industries; Tavi agreed."
	companies := []ExtractedCompany{
		{Name: "Harbex"}, {Name: "Quillon"}, {Name: "Quillon and Vane Publishers Inc"},
		{Name: "Orla Group"}, {Name: "Orla Oil Co"},
		{Name: "Pinecrest"}, {Name: "Tavi"}, {Name: "Tavi Forest Industries"},
	}
	p := func(n string, r partnergraph.Role) ExtractedParty { return ExtractedParty{Name: n, Role: r} }
	deals := []ExtractedDeal{
		{Type: partnergraph.Acquisition, Parties: []ExtractedParty{p("Quillon", partnergraph.RoleBuyer), p("Quillon and Vane Publishers Inc", partnergraph.RoleTarget)}},
		{Type: partnergraph.Acquisition, Parties: []ExtractedParty{p("Orla Group", partnergraph.RoleBuyer), p("Orla Oil Co", partnergraph.RoleTarget)}},
		{Type: partnergraph.Acquisition, Parties: []ExtractedParty{p("Tavi", partnergraph.RoleTarget), p("Tavi Forest Industries", partnergraph.RoleBuyer), p("Pinecrest", partnergraph.RoleBuyer)}},
	}
	got := dropSelfDeals(deals, companies, text)
	if len(got) != 2 {
		t.Fatalf("got %d deals, want 2: %+v", len(got), got)
	}
	if got[0].Parties[0].Name != "Orla Group" || got[0].Parties[1].Name != "Orla Oil Co" {
		t.Errorf("parent and unit: got %+v", got[0].Parties)
	}
	want := []ExtractedParty{p("Tavi", partnergraph.RoleTarget), p("Pinecrest", partnergraph.RoleBuyer)}
	if len(got[1].Parties) != 2 || got[1].Parties[0] != want[0] || got[1].Parties[1] != want[1] {
		t.Errorf("folded parties: got %+v, want %+v", got[1].Parties, want)
	}
}
