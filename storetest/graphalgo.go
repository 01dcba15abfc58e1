package storetest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	pg "github.com/partnergraph/partnergraph"

	"github.com/partnergraph/partnergraph/graph/plan"
)

// readerOnly hides every optional interface of a store (such as
// plan.NeighborhoodReader) so that the generic code paths run on it.
type readerOnly struct{ pg.Reader }

// Synthetic returns a deterministic graph of n companies and m deals: a
// few companies take part in many deals and most in few, deal types vary,
// and every seventh deal has three parties. One article reports every deal.
func Synthetic(n, m int, seed uint64) pg.Batch {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	var b pg.Batch
	for i := range n {
		b.Companies = append(b.Companies, pg.Company{ID: fmt.Sprintf("c%03d", i), Name: fmt.Sprintf("Company %03d", i)})
	}
	b.Articles = []pg.Article{{ID: "a:synthetic", Title: "Synthetic", Published: "2024-01-01"}}
	// hub picks an index with a probability falling with the index.
	hub := func() int { return min(int(float64(n)*rng.Float64()*rng.Float64()*rng.Float64()), n-1) }
	types := []pg.DealType{pg.Partnership, pg.Partnership, pg.Acquisition, pg.Investment, pg.Licensing, pg.Supply, pg.JointVenture}
	seen := map[string]bool{}
	for len(b.Deals) < m {
		t := types[rng.IntN(len(types))]
		idx := []int{hub(), rng.IntN(n)}
		if len(b.Deals)%7 == 0 {
			idx = append(idx, hub())
		}
		var parties []pg.Party
		distinct := map[int]bool{}
		for _, i := range idx {
			distinct[i] = true
			parties = append(parties, pg.Party{CompanyID: b.Companies[i].ID, Role: pg.RolePartner})
		}
		id := pg.DealID(t, parties)
		if len(distinct) < len(idx) || seen[id] {
			continue
		}
		seen[id] = true
		year := 1980 + rng.IntN(45)
		b.Deals = append(b.Deals, pg.Deal{ID: id, Type: t, Status: pg.Announced, Year: year, Parties: parties, Summary: "synthetic " + id, Confidence: 0.5})
		b.Evidence = append(b.Evidence, pg.Evidence{DealID: id, ArticleID: "a:synthetic", Sentence: "A synthetic deal.", End: 17,
			Year: year, Status: pg.Announced, Confidence: 0.5, Published: "2024-01-01"})
	}
	return b
}

// testNeighborhoodEqualsWalk checks that plan.Neighborhood, which a store
// implementing plan.NeighborhoodReader answers itself, equals the generic
// walk through the Reader, on the fixture and on a larger synthetic graph,
// for several centres, depths, limits and type filters.
func testNeighborhoodEqualsWalk(t *testing.T, s pg.Store) {
	if _, ok := s.(plan.NeighborhoodReader); !ok {
		t.Log("the store walks the Reader: plan.Neighborhood is the walk")
	}
	typeSets := [][]pg.DealType{nil, {pg.Partnership}, {pg.Supply, pg.Licensing, pg.JointVenture}}
	check := func(t *testing.T, centres []string, depths, limits []int) {
		t.Helper()
		for _, c := range centres {
			for _, depth := range depths {
				for _, limit := range limits {
					for _, types := range typeSets {
						want, err := pg.WalkNeighborhood(ctx(t), readerOnly{s}, c, depth, limit, types)
						if err != nil {
							t.Fatalf("WalkNeighborhood(%s, %d, %d, %v): %v", c, depth, limit, types, err)
						}
						got, err := plan.Neighborhood(ctx(t), s, c, depth, limit, types, false)
						if err != nil {
							t.Fatalf("Neighborhood(%s, %d, %d, %v): %v", c, depth, limit, types, err)
						}
						diff(t, fmt.Sprintf("Neighborhood(%s, depth %d, limit %d, types %v)", c, depth, limit, types), want, got)
						got, err = plan.Neighborhood(ctx(t), s, c, depth, limit, types, true)
						if err != nil {
							t.Fatalf("brief Neighborhood(%s, %d, %d, %v): %v", c, depth, limit, types, err)
						}
						diff(t, fmt.Sprintf("brief Neighborhood(%s, depth %d, limit %d, types %v)", c, depth, limit, types), plan.Brief(want), got)
					}
				}
			}
		}
	}

	withFixture(t, s)
	check(t, []string{Microsoft, SEGA, Nintendo, Activision}, []int{-1, 0, 1, 2, 3}, []int{0, 2, 100})
	_, err := plan.Neighborhood(ctx(t), s, "nope", 2, 10, nil, true)
	wantErr(t, "Neighborhood of an unknown company", err, pg.ErrNotFound)

	write(t, s, Synthetic(150, 400, 7))
	check(t, []string{"c000", "c001", "c005", "c040", "c149", Sony}, []int{1, 2, 3, 4}, []int{1, 7, 30, 500})
}

// testCompanyDealsEqualsReads checks that plan.ReadCompanyDeals, which a
// store implementing plan.CompanyDealsReader answers itself, equals the three
// Reader calls, for several companies (unknown ones and ones without deals
// among them) and windows, and that every deal ID it lists is a deal's.
func testCompanyDealsEqualsReads(t *testing.T, s pg.Store) {
	write(t, s, Synthetic(150, 400, 7))
	withFixture(t, s)
	ids := []string{"c000", "c001", "c003", "c040", "c149", "nope", Microsoft, GamePass, "c001"}
	page, err := s.DealIDsByCompany(ctx(t), []string{"c000"})
	if err != nil {
		t.Fatal(err)
	}
	mid := page["c000"][len(page["c000"])/2]
	windowSets := [][]plan.IDWindow{
		nil,
		{{First: 5}},
		{{First: 0}},
		{{First: 5}, {After: mid, First: 3}, {After: "zzz", First: 10}},
		{{After: mid, First: 100}},
	}
	// A deal page that selects nothing of its deals but their IDs is
	// answered from the ID lists alone (GraphQL's Company.deals), so every
	// listed ID must be a deal's.
	lists, err := plan.ReadCompanyDeals(ctx(t), s, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	for c, dealIDs := range lists.DealIDs {
		deals, err := s.DealsByID(ctx(t), dealIDs)
		if err != nil {
			t.Fatal(err)
		}
		if len(deals) != len(dealIDs) || len(lists.Deals) != 0 {
			t.Errorf("%s: %d deal IDs, %d of them deals; %d deals read without windows", c, len(dealIDs), len(deals), len(lists.Deals))
		}
	}
	for _, companies := range [][]string{nil, {"nope"}, ids} {
		for _, windows := range windowSets {
			want, err := plan.ReadCompanyDeals(ctx(t), readerOnly{s}, companies, windows)
			if err != nil {
				t.Fatalf("ReadCompanyDeals(%v, %v) through the Reader: %v", companies, windows, err)
			}
			got, err := plan.ReadCompanyDeals(ctx(t), s, companies, windows)
			if err != nil {
				t.Fatalf("ReadCompanyDeals(%v, %v): %v", companies, windows, err)
			}
			diff(t, fmt.Sprintf("ReadCompanyDeals(%v, %v)", companies, windows), want, got)
		}
	}
}

// testDealsWithCompanyDealsEqualsReads checks that
// plan.ReadDealsWithCompanyDeals, which a store implementing
// plan.DealPageReader answers itself, equals Deals followed by the Reader
// calls of plan.ReadCompanyDeals, for every order, with cursors, filters and
// several windows.
func testDealsWithCompanyDealsEqualsReads(t *testing.T, s pg.Store) {
	write(t, s, Synthetic(150, 400, 7))
	withFixture(t, s)
	var queries []pg.DealQuery
	for _, sort := range []pg.DealSort{"", pg.DealsByYearDesc, pg.DealsByYearAsc, pg.DealsBySourcesDesc} {
		q := pg.DealQuery{Sort: sort, PageArgs: pg.PageArgs{First: 7}}
		queries = append(queries, q, pg.DealQuery{Sort: sort})
		// The next pages, through cursors, up to the last.
		for range 3 {
			p, err := s.Deals(ctx(t), q)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Cursors) == 0 {
				break
			}
			q.After = p.Cursors[len(p.Cursors)-1]
			queries = append(queries, q)
		}
		last := pg.DealQuery{Sort: sort, PageArgs: pg.PageArgs{First: pg.MaxPageSize}}
		for {
			p, err := s.Deals(ctx(t), last)
			if err != nil {
				t.Fatal(err)
			}
			if !p.HasNextPage {
				queries = append(queries, last)
				break
			}
			last.After = p.Cursors[len(p.Cursors)-1]
		}
	}
	queries = append(queries,
		pg.DealQuery{Filter: pg.DealFilter{Types: []pg.DealType{pg.Partnership}}, PageArgs: pg.PageArgs{First: 4}},
		pg.DealQuery{Filter: pg.DealFilter{CompanyID: "c001"}, Sort: pg.DealsByYearAsc},
		pg.DealQuery{Filter: pg.DealFilter{CompanyID: "nope"}},
	)
	windowSets := [][]plan.IDWindow{nil, {{First: 5}}, {{First: 2}, {After: "d:8", First: 3}}}
	for _, q := range queries {
		for _, windows := range windowSets {
			wantPage, want, err := plan.ReadDealsWithCompanyDeals(ctx(t), readerOnly{s}, q, windows)
			if err != nil {
				t.Fatalf("ReadDealsWithCompanyDeals(%+v, %v) through the Reader: %v", q, windows, err)
			}
			gotPage, got, err := plan.ReadDealsWithCompanyDeals(ctx(t), s, q, windows)
			if err != nil {
				t.Fatalf("ReadDealsWithCompanyDeals(%+v, %v): %v", q, windows, err)
			}
			diff(t, fmt.Sprintf("ReadDealsWithCompanyDeals(%+v, %v) page", q, windows), wantPage, gotPage)
			diff(t, fmt.Sprintf("ReadDealsWithCompanyDeals(%+v, %v)", q, windows), want, got)
		}
	}
	_, _, err := plan.ReadDealsWithCompanyDeals(ctx(t), s, pg.DealQuery{Sort: "bogus"}, nil)
	wantErr(t, "ReadDealsWithCompanyDeals with a bad sort", err, pg.ErrInvalid)
}

// testCompanyViewEqualsReads checks that plan.FindCompanyView, which a
// store implementing plan.CompanyViewReader answers itself, equals
// pg.FindCompany followed by the Reader calls, for references by ID, name,
// alias (in any case, with spaces around), unknown ones and every
// combination of what is asked.
func testCompanyViewEqualsReads(t *testing.T, s pg.Store) {
	write(t, s, Synthetic(60, 150, 11))
	withFixture(t, s)
	refs := []string{Sony, "sony", "SONY", "  Sony Group ", "sony interactive entertainment", Microsoft, "Microsoft",
		"c001", "Company 002", "company 017", "nope", "", " ", "Sony Grou"}
	wants := []plan.CompanyWant{{}, {Deals: true}, {Deals: true, Parties: true}, {Deals: true, Platforms: true},
		{Deals: true, Parties: true, Platforms: true}}
	for _, ref := range refs {
		for _, want := range wants {
			w, wok, err := plan.FindCompanyView(ctx(t), readerOnly{s}, ref, want)
			if err != nil {
				t.Fatalf("FindCompanyView(%q, %+v) through the Reader: %v", ref, want, err)
			}
			g, gok, err := plan.FindCompanyView(ctx(t), s, ref, want)
			if err != nil {
				t.Fatalf("FindCompanyView(%q, %+v): %v", ref, want, err)
			}
			if wok != gok {
				t.Fatalf("FindCompanyView(%q, %+v) found %v, want %v", ref, want, gok, wok)
			}
			diff(t, fmt.Sprintf("FindCompanyView(%q, %+v)", ref, want), w, g)
		}
	}
}

// testDealPageEqualsReads checks that plan.ReadDealPage, which a store
// implementing plan.DealPageCounter answers itself, equals the Reader
// calls, for every order, filters on existing and missing companies and
// platforms, and cursors.
func testDealPageEqualsReads(t *testing.T, s pg.Store) {
	write(t, s, Synthetic(80, 200, 5))
	withFixture(t, s)
	var queries []pg.DealQuery
	filters := []pg.DealFilter{{}, {CompanyID: "c001"}, {CompanyID: Microsoft, YearFrom: 2019, YearTo: 2023},
		{PlatformID: PlayStation}, {PlatformID: PlayStation, YearFrom: 1990, YearTo: 2030, Types: []pg.DealType{pg.Partnership, pg.Supply}},
		{CompanyID: "nope"}, {PlatformID: "nope"}, {CompanyID: Sony, PlatformID: PlayStation}, {Text: "synthetic"}, {YearFrom: 2000}}
	for _, f := range filters {
		for _, sort := range []pg.DealSort{"", pg.DealsByYearAsc, pg.DealsBySourcesDesc} {
			q := pg.DealQuery{Filter: f, Sort: sort, PageArgs: pg.PageArgs{First: 3}}
			queries = append(queries, q)
			if p, err := s.Deals(ctx(t), q); err == nil && len(p.Cursors) > 0 {
				q.After = p.Cursors[len(p.Cursors)-1]
				queries = append(queries, q)
			}
		}
	}
	for _, q := range queries {
		for _, count := range []bool{false, true} {
			want, err := plan.ReadDealPage(ctx(t), readerOnly{s}, q, count)
			if err != nil {
				t.Fatalf("ReadDealPage(%+v, %v) through the Reader: %v", q, count, err)
			}
			got, err := plan.ReadDealPage(ctx(t), s, q, count)
			if err != nil {
				t.Fatalf("ReadDealPage(%+v, %v): %v", q, count, err)
			}
			diff(t, fmt.Sprintf("ReadDealPage(%+v, %v)", q, count), want, got)
		}
	}
	_, err := plan.ReadDealPage(ctx(t), s, pg.DealQuery{Sort: "bogus"}, true)
	wantErr(t, "ReadDealPage with a bad sort", err, pg.ErrInvalid)
}

// testCompanyPageEqualsReads checks that plan.ReadCompanyPage, which a
// store implementing plan.CompanyPageReader answers itself, equals the
// Reader calls, for both orders, name prefixes (of names and aliases),
// platform and deal-count filters, cursors and several windows.
func testCompanyPageEqualsReads(t *testing.T, s pg.Store) {
	write(t, s, Synthetic(80, 200, 9))
	withFixture(t, s)
	filters := []pg.CompanyFilter{{}, {NamePrefix: "co"}, {NamePrefix: "Company 01"}, {NamePrefix: "so"}, {NamePrefix: "SONY G"},
		{NamePrefix: "zz"}, {PlatformID: PlayStation}, {MinDeals: 3}, {NamePrefix: "comp", MinDeals: 2}}
	var queries []pg.CompanyQuery
	for _, f := range filters {
		for _, sort := range []pg.CompanySort{"", pg.CompaniesByDealsDesc} {
			q := pg.CompanyQuery{Filter: f, Sort: sort, PageArgs: pg.PageArgs{First: 4}}
			queries = append(queries, q)
			if p, err := s.Companies(ctx(t), q); err == nil && len(p.Cursors) > 0 {
				q.After = p.Cursors[len(p.Cursors)-1]
				queries = append(queries, q)
			}
		}
	}
	windowSets := [][]plan.IDWindow{nil, {{First: 3}}, {{First: 2}, {After: "d:8", First: 3}}}
	for _, q := range queries {
		for _, windows := range windowSets {
			for _, parties := range []bool{false, true} {
				want, err := plan.ReadCompanyPage(ctx(t), readerOnly{s}, q, windows, parties, []plan.IDWindow{{First: 2}})
				if err != nil {
					t.Fatalf("ReadCompanyPage(%+v, %v, %v) through the Reader: %v", q, windows, parties, err)
				}
				got, err := plan.ReadCompanyPage(ctx(t), s, q, windows, parties, []plan.IDWindow{{First: 2}})
				if err != nil {
					t.Fatalf("ReadCompanyPage(%+v, %v, %v): %v", q, windows, parties, err)
				}
				diff(t, fmt.Sprintf("ReadCompanyPage(%+v, %v, %v)", q, windows, parties), want, got)
			}
		}
	}
}
