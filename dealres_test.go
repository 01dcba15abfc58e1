package partnergraph_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
)

func ptr(v float64) *float64 { return &v }

// report is one article's claim about a deal between ms (investor, buyer
// or partner) and oa.
func report(article, published string, t pg.DealType, year int, status pg.DealStatus, value *float64) pg.Evidence {
	roles := map[pg.DealType][2]pg.Role{
		pg.Investment: {pg.RoleInvestor, pg.RoleInvestee}, pg.Acquisition: {pg.RoleBuyer, pg.RoleTarget},
		pg.Merger: {pg.RolePartner, pg.RolePartner}, pg.Partnership: {pg.RolePartner, pg.RolePartner},
	}[t]
	return pg.Evidence{ArticleID: article, Published: published, Type: t, Year: year, Status: status, Value: value,
		Parties: []pg.Party{{CompanyID: "ms", Role: roles[0]}, {CompanyID: "oa", Role: roles[1]}}}
}

// groups returns the articles of each deal ResolveDeals makes, sorted.
func groups(claims []pg.Evidence) [][]string {
	var out [][]string
	for _, c := range pg.ResolveDeals(claims) {
		var as []string
		for _, e := range c.Evidence {
			as = append(as, e.ArticleID)
		}
		slices.Sort(as)
		out = append(out, as)
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

func TestResolveDeals(t *testing.T) {
	tests := []struct {
		name   string
		claims []pg.Evidence
		want   [][]string
	}{
		{
			name: "an acquisition announced one year and completed the next is one deal",
			claims: []pg.Evidence{
				report("a:1", "2018-06-04", pg.Acquisition, 2018, pg.Announced, ptr(7.5e9)),
				report("a:2", "2019-10-26", pg.Acquisition, 2019, pg.Completed, nil),
				report("a:3", "", pg.Merger, 0, pg.Completed, nil),
			},
			want: [][]string{{"a:1", "a:2", "a:3"}},
		},
		{
			name: "investments years apart are rounds of their own, each with its sources",
			claims: []pg.Evidence{
				report("a:1", "2019-07-22", pg.Investment, 2019, pg.Announced, ptr(1e9)),
				report("a:2", "2019-08-02", pg.Investment, 2019, pg.Completed, ptr(1e9)),
				report("a:3", "2021-03-01", pg.Investment, 2021, pg.Completed, nil),
				report("a:4", "2023-01-23", pg.Investment, 2023, pg.Completed, ptr(10e9)),
				report("a:5", "2023-01-24", pg.Investment, 2023, pg.Announced, nil),
			},
			want: [][]string{{"a:1", "a:2"}, {"a:3"}, {"a:4", "a:5"}},
		},
		{
			name: "two amounts in one year are two rounds; an undated report joins the one of its amount",
			claims: []pg.Evidence{
				report("a:1", "", pg.Investment, 2023, pg.Completed, ptr(300e6)),
				report("a:2", "", pg.Investment, 2023, pg.Completed, ptr(400e6)),
				report("a:3", "", pg.Investment, 0, pg.Completed, ptr(300e6)),
			},
			want: [][]string{{"a:1", "a:3"}, {"a:2"}},
		},
		{
			name: "an article reporting two deals of one kind makes two deals",
			claims: []pg.Evidence{
				report("a:1", "2023-01-23", pg.Investment, 2019, pg.Completed, nil),
				func() pg.Evidence {
					e := report("a:1", "2023-01-23", pg.Investment, 2020, pg.Completed, nil)
					e.Start = 90
					return e
				}(),
			},
			want: [][]string{{"a:1"}, {"a:1"}},
		},
		{
			name: "an article telling one acquisition twice (two spellings of the target, one company) is one report",
			claims: []pg.Evidence{
				report("a:1", "2018-11-11", pg.Acquisition, 2018, pg.Announced, ptr(8e9)),
				func() pg.Evidence {
					e := report("a:1", "2018-11-11", pg.Acquisition, 2018, pg.Announced, ptr(7.9e9))
					e.Start = 400
					return e
				}(),
				report("a:2", "2019-01-24", pg.Acquisition, 0, pg.Completed, nil),
			},
			want: [][]string{{"a:1", "a:2"}},
		},
		{
			name: "an article telling one round twice, without an amount, is one report",
			claims: []pg.Evidence{
				report("a:1", "2022-03-15", pg.Investment, 0, pg.Completed, nil),
				func() pg.Evidence {
					e := report("a:1", "2022-03-15", pg.Investment, 0, pg.Announced, nil)
					e.Start = 200
					return e
				}(),
			},
			want: [][]string{{"a:1"}},
		},
		{
			name: "an article giving two amounts in one year reports two rounds",
			claims: []pg.Evidence{
				report("a:1", "2023-10-27", pg.Investment, 2023, pg.Completed, ptr(300e6)),
				func() pg.Evidence {
					e := report("a:1", "2023-10-27", pg.Investment, 2023, pg.Announced, ptr(2e9))
					e.Start = 300
					return e
				}(),
			},
			want: [][]string{{"a:1"}, {"a:1"}},
		},
		{
			name: "an article giving one amount and none in one year reports two rounds",
			claims: []pg.Evidence{
				report("a:1", "2023-10-27", pg.Investment, 2023, pg.Completed, ptr(300e6)),
				func() pg.Evidence {
					e := report("a:1", "2023-10-27", pg.Investment, 2023, pg.Announced, nil)
					e.Start = 300
					return e
				}(),
			},
			want: [][]string{{"a:1"}, {"a:1"}},
		},
		{
			name: "a partnership is not the investment it comes with",
			claims: []pg.Evidence{
				report("a:1", "2019-07-22", pg.Investment, 2019, pg.Announced, ptr(1e9)),
				report("a:1", "2019-07-22", pg.Partnership, 2019, pg.Announced, ptr(1e9)),
			},
			want: [][]string{{"a:1"}, {"a:1"}},
		},
		{
			name: "a report of another type stating an acquisition's amount is that acquisition",
			claims: []pg.Evidence{
				report("a:1", "2022-01-18", pg.Partnership, 2022, pg.Announced, ptr(68.7e9)),
				report("a:2", "2022-01-18", pg.Acquisition, 2022, pg.Announced, ptr(68.7e9)),
			},
			want: [][]string{{"a:1", "a:2"}},
		},
		{
			name: "a failed bid and a new attempt years later are two deals",
			claims: []pg.Evidence{
				report("a:1", "2008-02-01", pg.Acquisition, 2008, pg.Proposed, nil),
				report("a:2", "2008-05-03", pg.Acquisition, 2008, pg.Terminated, nil),
				report("a:3", "2013-09-03", pg.Acquisition, 2013, pg.Announced, nil),
			},
			want: [][]string{{"a:1", "a:2"}, {"a:3"}},
		},
		{
			name: "a partnership expanded two years on is the same partnership",
			claims: []pg.Evidence{
				report("a:1", "2019-07-22", pg.Partnership, 2019, pg.Announced, nil),
				report("a:2", "2021-05-01", pg.Partnership, 2021, pg.Completed, nil),
			},
			want: [][]string{{"a:1", "a:2"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, groups(tt.claims)); d != "" {
				t.Errorf("deals (-want +got):\n%s", d)
			}
			// The same reports in any order make the same deals.
			rng := rand.New(rand.NewPCG(1, 2))
			want := pg.ResolveDeals(tt.claims)
			for range 5 {
				c := slices.Clone(tt.claims)
				rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
				if d := cmp.Diff(want, pg.ResolveDeals(c)); d != "" {
					t.Fatalf("another order makes other deals (-want +got):\n%s", d)
				}
			}
		})
	}
}

func TestResolveDealsIDs(t *testing.T) {
	first := report("a:1", "2019-07-22", pg.Investment, 2019, pg.Announced, ptr(1e9))
	later := report("a:2", "2023-01-23", pg.Investment, 2023, pg.Completed, ptr(10e9))
	ds := pg.ResolveDeals([]pg.Evidence{later, first})
	if len(ds) != 2 {
		t.Fatalf("got %d deals", len(ds))
	}
	plain := pg.DealID(pg.Investment, first.Parties)
	again := pg.DealIDAt(pg.Investment, first.Parties, 2023, 1)
	ids := []string{ds[0].Deal.ID, ds[1].Deal.ID}
	if !slices.Contains(ids, plain) || !slices.Contains(ids, again) {
		t.Errorf("IDs %v, want the first round %s and the repeat %s", ids, plain, again)
	}
	for _, d := range ds {
		if d.Deal.ID == plain && d.Evidence[0].ArticleID != "a:1" {
			t.Errorf("the plain ID went to %s, want the earliest round", d.Evidence[0].ArticleID)
		}
	}
}

func TestStatusHistoryAndAggregate(t *testing.T) {
	ev := []pg.Evidence{
		{ArticleID: "a:3", Published: "2018-10-26", Status: pg.Completed, Year: 2018, Confidence: 0.5, PlatformIDs: []string{"p:azure"}},
		{ArticleID: "a:1", Published: "2018-06-04", Status: pg.Announced, Year: 2018, Confidence: 0.5, Value: ptr(7.5e9), Currency: "USD"},
		// Two years on a story recalls the announcement: no step back.
		{ArticleID: "a:4", Published: "2020-06-01", Status: pg.Announced, Year: 2018, Confidence: 0.5,
			PlatformIDs: []string{"p:xbox"}, Sentence: "Microsoft, which announced the deal in 2018, also sells the Xbox."},
		{ArticleID: "a:5", Published: "2021-01-01", Status: pg.Announced, Year: 2018, Confidence: 0.5,
			PlatformIDs: []string{"p:game-pass"}, Sentence: "An earnings report."},
	}
	want := []pg.StatusChange{{Status: pg.Announced, Date: "2018-06-04", ArticleID: "a:1"}, {Status: pg.Completed, Date: "2018-10-26", ArticleID: "a:3"}}
	if d := cmp.Diff(want, pg.StatusHistory(ev)); d != "" {
		t.Errorf("StatusHistory (-want +got):\n%s", d)
	}
	got := pg.Aggregate(pg.Deal{ID: "d:1"}, ev)
	if got.Status != pg.Completed || got.Year != 2018 || got.Value == nil || *got.Value != 7.5e9 || got.Currency != "USD" {
		t.Errorf("Aggregate = %+v", got)
	}
	// Late stories lend only the platforms their sentence names.
	if d := cmp.Diff([]string{"p:azure", "p:xbox"}, got.PlatformIDs); d != "" {
		t.Errorf("platforms (-want +got):\n%s", d)
	}
	ended := append(slices.Clone(ev), pg.Evidence{ArticleID: "a:6", Published: "2021-02-01", Status: pg.Terminated})
	if s := pg.Aggregate(pg.Deal{}, ended).Status; s != pg.Terminated {
		t.Errorf("a later ending: status %s", s)
	}
}
