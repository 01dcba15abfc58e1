package partnergraph_test

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"

	"github.com/partnergraph/partnergraph/graph/plan"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
)

func fixtureStore(t *testing.T, extra ...pg.Batch) pg.Store {
	t.Helper()
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, b := range append([]pg.Batch{storetest.Fixture()}, extra...) {
		if err := s.Write(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// shape is a Subgraph reduced to node IDs with depths and edge IDs.
type shape struct {
	Nodes     []string
	Depths    []int
	Edges     []string
	Truncated bool
}

func shapeOf(sg pg.Subgraph) shape {
	var s shape
	for _, n := range sg.Nodes {
		s.Nodes = append(s.Nodes, n.ID)
		s.Depths = append(s.Depths, n.Depth)
	}
	for _, e := range sg.Edges {
		s.Edges = append(s.Edges, e.ID)
	}
	s.Truncated = sg.Truncated
	return s
}

func sorted(ids ...string) []string { return slices.Sorted(slices.Values(ids)) }

func TestNeighborhood(t *testing.T) {
	s := fixtureStore(t)
	all := sorted(storetest.DealMicrosoftSEGA, storetest.DealSonyMicrosoft, storetest.DealActivision, storetest.DealSonyNintendo, storetest.DealSEGANintendo)
	tests := []struct {
		name         string
		center       string
		depth, limit int
		types        []pg.DealType
		want         shape
	}{
		{"Depth0", storetest.SEGA, 0, 10, nil, shape{Nodes: []string{"sega"}, Depths: []int{0}}},
		{"Depth1", storetest.SEGA, 1, 10, nil, shape{
			Nodes: []string{"sega", "microsoft", "nintendo"}, Depths: []int{0, 1, 1},
			Edges: sorted(storetest.DealMicrosoftSEGA, storetest.DealSEGANintendo)}},
		{"Depth1IsInduced", storetest.Microsoft, 1, 10, nil, shape{
			Nodes: []string{"microsoft", "activision-blizzard", "sega", "sony"}, Depths: []int{0, 1, 1, 1},
			Edges: sorted(storetest.DealMicrosoftSEGA, storetest.DealSonyMicrosoft, storetest.DealActivision)}},
		{"Depth2", storetest.SEGA, 2, 10, nil, shape{
			Nodes: []string{"sega", "microsoft", "nintendo", "activision-blizzard", "sony"}, Depths: []int{0, 1, 1, 2, 2}, Edges: all}},
		{"Types", storetest.Nintendo, 3, 10, []pg.DealType{pg.Supply, pg.Licensing}, shape{
			Nodes: []string{"nintendo", "sega", "sony"}, Depths: []int{0, 1, 1},
			Edges: sorted(storetest.DealSonyNintendo, storetest.DealSEGANintendo)}},
		{"Limit", storetest.Nintendo, 2, 2, nil, shape{
			Nodes:  []string{"nintendo", firstOther(storetest.Nintendo, map[string]string{storetest.DealSonyNintendo: storetest.Sony, storetest.DealSEGANintendo: storetest.SEGA})},
			Depths: []int{0, 1}, Truncated: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sg, err := plan.Neighborhood(t.Context(), s, tt.center, tt.depth, tt.limit, tt.types, false)
			if err != nil {
				t.Fatal(err)
			}
			got := shapeOf(sg)
			if tt.name == "Limit" {
				// The one edge between the two kept nodes.
				tt.want.Edges = got.Edges
				if len(got.Edges) != 1 {
					t.Errorf("edges %v, want the one deal between the kept nodes", got.Edges)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			for _, e := range sg.Edges {
				if e.Deal.ID != e.ID || e.Type != e.Deal.Type || e.Label == "" {
					t.Errorf("edge %+v does not describe its deal", e)
				}
			}
		})
	}
	if _, err := plan.Neighborhood(t.Context(), s, "nope", 1, 10, nil, false); !errors.Is(err, pg.ErrNotFound) {
		t.Errorf("unknown centre: err = %v, want ErrNotFound", err)
	}
}

// firstOther returns the company reached through the deal of smallest ID.
func firstOther(_ string, partnerByDeal map[string]string) string {
	var ids []string
	for id := range partnerByDeal {
		ids = append(ids, id)
	}
	return partnerByDeal[sorted(ids...)[0]]
}

func TestNeighborhoodMultiPartyDeal(t *testing.T) {
	parties := []pg.Party{{CompanyID: storetest.Sony, Role: pg.RolePartner}, {CompanyID: storetest.SEGA, Role: pg.RolePartner}, {CompanyID: storetest.Nintendo, Role: pg.RolePartner}}
	id := pg.DealID(pg.JointVenture, parties)
	s := fixtureStore(t, pg.Batch{
		Articles: []pg.Article{{ID: "a:jv", Title: "JV", Published: "2024-01-01"}},
		Deals:    []pg.Deal{{ID: id, Type: pg.JointVenture, Status: pg.Announced, Year: 2024, Parties: parties, Summary: "three-way venture", Confidence: 0.5}},
		Evidence: []pg.Evidence{{DealID: id, ArticleID: "a:jv", Sentence: "They form a venture.", Year: 2024, Status: pg.Announced, Confidence: 0.5, Published: "2024-01-01"}},
	})
	sg, err := plan.Neighborhood(t.Context(), s, storetest.Sony, 1, 10, []pg.DealType{pg.JointVenture}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{id + "#sony#sega", id + "#sony#nintendo", id + "#sega#nintendo"}
	if diff := cmp.Diff(want, shapeOf(sg).Edges); diff != "" {
		t.Errorf("edges mismatch (-want +got):\n%s", diff)
	}
}

// countingReader counts DealIDsByCompany and DealsByID calls.
type countingReader struct {
	pg.Reader
	lists, deals atomic.Int32
}

func (c *countingReader) DealIDsByCompany(ctx context.Context, ids []string) (map[string][]string, error) {
	c.lists.Add(1)
	return c.Reader.DealIDsByCompany(ctx, ids)
}

func (c *countingReader) DealsByID(ctx context.Context, ids []string) (map[string]pg.Deal, error) {
	c.deals.Add(1)
	return c.Reader.DealsByID(ctx, ids)
}

func TestShortestPath(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		name, from, to string
		maxDepth       int
		companies      []string
		deals          []string
	}{
		{"TwoHops", storetest.SEGA, storetest.Activision, 4, []string{"sega", "microsoft", "activision-blizzard"}, []string{storetest.DealMicrosoftSEGA, storetest.DealActivision}},
		{"OneHop", storetest.Sony, storetest.Nintendo, 1, []string{"sony", "nintendo"}, []string{storetest.DealSonyNintendo}},
		// SEGA and Sony both deal with Nintendo; frontiers are walked in ID
		// order, so the path goes through SEGA.
		{"ThreeHops", storetest.Activision, storetest.Nintendo, 3, []string{"activision-blizzard", "microsoft", "sega", "nintendo"}, nil},
		{"TooShort", storetest.Activision, storetest.Nintendo, 2, nil, nil},
		{"Itself", storetest.SEGA, storetest.SEGA, 3, []string{"sega"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &countingReader{Reader: s}
			p, err := pg.ShortestPath(t.Context(), r, tt.from, tt.to, tt.maxDepth)
			if err != nil {
				t.Fatal(err)
			}
			var companies, deals []string
			for _, c := range p.Companies {
				companies = append(companies, c.ID)
			}
			for _, d := range p.Deals {
				deals = append(deals, d.ID)
			}
			if diff := cmp.Diff(tt.companies, companies); diff != "" {
				t.Errorf("companies mismatch (-want +got):\n%s", diff)
			}
			if tt.deals != nil {
				if diff := cmp.Diff(tt.deals, deals); diff != "" {
					t.Errorf("deals mismatch (-want +got):\n%s", diff)
				}
			}
			// Every deal links the companies on either side of it.
			for i, d := range p.Deals {
				if !hasParty(d, p.Companies[i].ID) || !hasParty(d, p.Companies[i+1].ID) {
					t.Errorf("deal %s does not link %s and %s", d.ID, p.Companies[i].ID, p.Companies[i+1].ID)
				}
			}
			if p.Length() != len(p.Deals) || len(p.Companies) > 0 && len(p.Companies) != len(p.Deals)+1 {
				t.Errorf("length %d with %d companies, %d deals", p.Length(), len(p.Companies), len(p.Deals))
			}
			if n := int(r.lists.Load()); n > tt.maxDepth {
				t.Errorf("%d DealIDsByCompany calls for maxDepth %d: reads are not batched per level", n, tt.maxDepth)
			}
		})
	}
	if _, err := pg.ShortestPath(t.Context(), s, storetest.SEGA, "nope", 3); !errors.Is(err, pg.ErrNotFound) {
		t.Errorf("unknown end: err = %v, want ErrNotFound", err)
	}
}

func hasParty(d pg.Deal, id string) bool {
	return slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == id })
}

func TestTimeline(t *testing.T) {
	s := fixtureStore(t)
	got, err := pg.Timeline(t.Context(), s, storetest.Microsoft)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Deal                        string
		Year                        int
		FirstReported, LastReported string
		Status                      pg.DealStatus
	}
	var gotEntries []entry
	for _, e := range got {
		gotEntries = append(gotEntries, entry{e.Deal.ID, e.Year, e.FirstReported, e.LastReported, e.Status})
	}
	pair := sorted(storetest.DealMicrosoftSEGA, storetest.DealSonyMicrosoft)
	want := []entry{
		{pair[0], 2019, "2019-11-05", "2019-11-05", pg.Announced},
		{pair[1], 2019, "2019-11-05", "2019-11-05", pg.Announced},
		{storetest.DealActivision, 2022, "2022-01-18", "2023-10-13", pg.Completed},
	}
	if diff := cmp.Diff(want, gotEntries); diff != "" {
		t.Errorf("timeline mismatch (-want +got):\n%s", diff)
	}
	nin, err := pg.Timeline(t.Context(), s, storetest.Nintendo)
	if err != nil || len(nin) != 2 || nin[0].Year != 2017 || nin[1].Year != 0 {
		t.Errorf("Nintendo timeline = %+v, %v: want the 2017 deal, then the one of unknown year", nin, err)
	}
	if _, err := pg.Timeline(t.Context(), s, "nope"); !errors.Is(err, pg.ErrNotFound) {
		t.Errorf("unknown company: err = %v, want ErrNotFound", err)
	}
}
