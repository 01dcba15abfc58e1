package storetest

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// The fixture's deal IDs in each order.
func fixtureOrder(sort pg.DealSort) []string {
	switch sort {
	case pg.DealsByYearAsc:
		return concat([]string{DealSonyNintendo}, sorted(DealMicrosoftSEGA, DealSonyMicrosoft), []string{DealActivision, DealSEGANintendo})
	case pg.DealsBySourcesDesc:
		return concat([]string{DealActivision}, sorted(DealMicrosoftSEGA, DealSonyMicrosoft, DealSonyNintendo, DealSEGANintendo))
	default:
		return concat([]string{DealActivision}, sorted(DealMicrosoftSEGA, DealSonyMicrosoft), []string{DealSonyNintendo, DealSEGANintendo})
	}
}

var allDealSorts = []pg.DealSort{"", pg.DealsByYearDesc, pg.DealsByYearAsc, pg.DealsBySourcesDesc}

func testDealsSorts(t *testing.T, s pg.Store) {
	withFixture(t, s)
	for _, sort := range allDealSorts {
		p, err := s.Deals(ctx(t), pg.DealQuery{Sort: sort, PageArgs: pg.PageArgs{First: 10}})
		if err != nil {
			t.Fatalf("Deals(sort %q): %v", sort, err)
		}
		diff(t, fmt.Sprintf("Deals(sort %q)", sort), fixtureOrder(sort), dealIDs(p.Items))
		if p.HasNextPage || len(p.Cursors) != len(p.Items) {
			t.Errorf("Deals(sort %q): HasNextPage %v, %d cursors for %d items; want false and one each", sort, p.HasNextPage, len(p.Cursors), len(p.Items))
		}
	}
	// Items are whole aggregated deals.
	p, err := s.Deals(ctx(t), pg.DealQuery{Filter: pg.DealFilter{Types: []pg.DealType{pg.Supply}}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Deals(supply)", []pg.Deal{fixtureDeal(DealSonyNintendo)}, p.Items)
}

func testDealsFilters(t *testing.T, s pg.Store) {
	withFixture(t, s)
	microsoftDeals := concat([]string{DealActivision}, sorted(DealMicrosoftSEGA, DealSonyMicrosoft))
	partnerships := sorted(DealMicrosoftSEGA, DealSonyMicrosoft)
	tests := []struct {
		name   string
		filter pg.DealFilter
		want   []string // in year_desc order
	}{
		{"None", pg.DealFilter{}, fixtureOrder(pg.DealsByYearDesc)},
		{"Type", pg.DealFilter{Types: []pg.DealType{pg.Partnership}}, partnerships},
		{"Types", pg.DealFilter{Types: []pg.DealType{pg.Acquisition, pg.Supply}}, []string{DealActivision, DealSonyNintendo}},
		{"TypeWithoutDeals", pg.DealFilter{Types: []pg.DealType{pg.Merger}}, nil},
		{"AggregatedStatus", pg.DealFilter{Statuses: []pg.DealStatus{pg.Completed}}, []string{DealActivision, DealSonyNintendo}},
		{"Statuses", pg.DealFilter{Statuses: []pg.DealStatus{pg.Announced, pg.Rumored}}, concat(partnerships, []string{DealSEGANintendo})},
		{"Company", pg.DealFilter{CompanyID: Microsoft}, microsoftDeals},
		{"UnknownCompany", pg.DealFilter{CompanyID: "apple"}, nil},
		{"Platform", pg.DealFilter{PlatformID: Azure}, partnerships},
		{"PlatformFromLaterArticle", pg.DealFilter{PlatformID: GamePass}, []string{DealActivision}},
		{"YearFrom", pg.DealFilter{YearFrom: 2019}, microsoftDeals},
		{"YearTo", pg.DealFilter{YearTo: 2019}, concat(partnerships, []string{DealSonyNintendo})},
		{"YearRange", pg.DealFilter{YearFrom: 2018, YearTo: 2021}, partnerships},
		{"OneYear", pg.DealFilter{YearFrom: 2022, YearTo: 2022}, []string{DealActivision}},
		{"TextIgnoresCase", pg.DealFilter{Text: "PARTNERSHIP"}, partnerships},
		{"TextInSummary", pg.DealFilter{Text: "nintendo"}, []string{DealSonyNintendo, DealSEGANintendo}},
		{"Article", pg.DealFilter{ArticleID: ArticleCloses}, []string{DealActivision, DealSEGANintendo}},
		{"CompanyAndType", pg.DealFilter{CompanyID: SEGA, Types: []pg.DealType{pg.Licensing}}, []string{DealSEGANintendo}},
		{"CompanyAndPlatform", pg.DealFilter{CompanyID: Sony, PlatformID: Azure}, []string{DealSonyMicrosoft}},
		{"CompanyAndArticle", pg.DealFilter{CompanyID: Microsoft, ArticleID: ArticleBid}, []string{DealActivision}},
		{"Everything", pg.DealFilter{
			Types: []pg.DealType{pg.Partnership}, Statuses: []pg.DealStatus{pg.Announced}, CompanyID: Sony,
			PlatformID: Azure, YearFrom: 2019, YearTo: 2019, Text: "cloud", ArticleID: ArticleCloud,
		}, []string{DealSonyMicrosoft}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := allDeals(t, s, pg.DealQuery{Filter: tt.filter})
			diff(t, "Deals", tt.want, dealIDs(got))
			n, err := s.CountDeals(ctx(t), tt.filter)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountDeals = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
}

// pageDeals pages through q two at a time, checking every page, and returns
// the IDs in order.
func pageDeals(t *testing.T, s pg.Store, q pg.DealQuery) []string {
	t.Helper()
	q.First = 2
	var ids []string
	for range 100 {
		p, err := s.Deals(ctx(t), q)
		if err != nil {
			t.Fatalf("Deals(%+v): %v", q, err)
		}
		if len(p.Items) > 2 || len(p.Cursors) != len(p.Items) {
			t.Fatalf("Deals(%+v): %d items, %d cursors; want at most 2 and one each", q, len(p.Items), len(p.Cursors))
		}
		ids = append(ids, dealIDs(p.Items)...)
		if !p.HasNextPage {
			return ids
		}
		if len(p.Items) < 2 {
			t.Fatalf("Deals(%+v): short page with HasNextPage", q)
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatal("Deals: pagination does not end")
	return nil
}

func testDealsPagination(t *testing.T, s pg.Store) {
	withFixture(t, s)
	for _, sort := range allDealSorts {
		diff(t, fmt.Sprintf("pages of sort %q", sort), fixtureOrder(sort), pageDeals(t, s, pg.DealQuery{Sort: sort}))
	}
	q := pg.DealQuery{Filter: pg.DealFilter{CompanyID: Microsoft}, Sort: pg.DealsByYearAsc}
	diff(t, "pages of Microsoft's deals", concat(sorted(DealMicrosoftSEGA, DealSonyMicrosoft), []string{DealActivision}), pageDeals(t, s, q))

	// Exactly two items: one full page, no next page; after the last
	// cursor, nothing.
	q = pg.DealQuery{Filter: pg.DealFilter{PlatformID: Azure}, PageArgs: pg.PageArgs{First: 2}}
	p, err := s.Deals(ctx(t), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 2 || p.HasNextPage {
		t.Errorf("two deals with First 2: %d items, HasNextPage %v; want 2, false", len(p.Items), p.HasNextPage)
	}
	q.After = p.Cursors[1]
	p, err = s.Deals(ctx(t), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 0 || p.HasNextPage {
		t.Errorf("after the last deal: %d items, HasNextPage %v; want 0, false", len(p.Items), p.HasNextPage)
	}
}

func testDealsCursorSurvivesInserts(t *testing.T, s pg.Store) {
	withFixture(t, s)
	first, err := s.Deals(ctx(t), pg.DealQuery{PageArgs: pg.PageArgs{First: 2}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "first page", fixtureOrder(pg.DealsByYearDesc)[:2], dealIDs(first.Items))
	cursor := first.Cursors[1]

	// One new deal sorts before the cursor, one after it.
	newer := pg.Deal{Type: pg.JointVenture, Year: 2024, Status: pg.Announced, Summary: "Microsoft and Sony joint venture",
		Parties: []pg.Party{{CompanyID: Microsoft, Role: pg.RolePartner}, {CompanyID: Sony, Role: pg.RolePartner}}}
	newer.ID = pg.DealID(newer.Type, newer.Parties)
	older := pg.Deal{Type: pg.Investment, Year: 2018, Status: pg.Completed, Summary: "Sony invests in SEGA",
		Parties: []pg.Party{{CompanyID: Sony, Role: pg.RoleInvestor}, {CompanyID: SEGA, Role: pg.RoleInvestee}}}
	older.ID = pg.DealID(older.Type, older.Parties)
	write(t, s, pg.Batch{Deals: []pg.Deal{newer, older}})

	rest := fixtureOrder(pg.DealsByYearDesc)[2:]
	want := concat(rest[:1], []string{older.ID}, rest[1:])
	diff(t, "page after the cursor once deals were inserted", want, dealIDs(allDealsAfter(t, s, cursor)))

	// The cursor's own deal may even disappear.
	curate(t, s, pg.Curation{Kind: pg.CurateRejectDeal, DealID: first.Items[1].ID})
	diff(t, "page after the cursor of a rejected deal", want, dealIDs(allDealsAfter(t, s, cursor)))
}

func allDealsAfter(t *testing.T, s pg.Store, cursor string) []pg.Deal {
	t.Helper()
	p, err := s.Deals(ctx(t), pg.DealQuery{PageArgs: pg.PageArgs{First: pg.MaxPageSize, After: cursor}})
	if err != nil {
		t.Fatalf("Deals after %q: %v", cursor, err)
	}
	return p.Items
}

// chain returns n+1 companies and n partnership deals between neighbours,
// with years cycling over 1990-2019.
func chain(n int) pg.Batch {
	var b pg.Batch
	for i := range n + 1 {
		name := fmt.Sprintf("Company %03d", i)
		b.Companies = append(b.Companies, pg.Company{ID: pg.CompanyID(name), Name: name})
	}
	for i := range n {
		parties := []pg.Party{{CompanyID: b.Companies[i].ID, Role: pg.RolePartner}, {CompanyID: b.Companies[i+1].ID, Role: pg.RolePartner}}
		b.Deals = append(b.Deals, pg.Deal{
			ID: pg.DealID(pg.Partnership, parties), Type: pg.Partnership, Status: pg.Announced,
			Year: 1990 + i%30, Parties: parties, Summary: fmt.Sprintf("Deal %03d", i), Confidence: 0.5,
		})
	}
	return b
}

func testDealsPageSize(t *testing.T, s pg.Store) {
	write(t, s, chain(105))
	tests := []struct {
		first, want int
	}{
		{0, pg.DefaultPageSize},
		{-1, pg.DefaultPageSize},
		{7, 7},
		{1000, pg.MaxPageSize},
	}
	for _, tt := range tests {
		p, err := s.Deals(ctx(t), pg.DealQuery{PageArgs: pg.PageArgs{First: tt.first}})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != tt.want || !p.HasNextPage {
			t.Errorf("Deals(First %d): %d items, HasNextPage %v; want %d, true", tt.first, len(p.Items), p.HasNextPage, tt.want)
		}
		c, err := s.Companies(ctx(t), pg.CompanyQuery{PageArgs: pg.PageArgs{First: tt.first}})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Items) != tt.want || !c.HasNextPage {
			t.Errorf("Companies(First %d): %d items, HasNextPage %v; want %d, true", tt.first, len(c.Items), c.HasNextPage, tt.want)
		}
	}
	if got := len(allDeals(t, s, pg.DealQuery{})); got != 105 {
		t.Errorf("paging through all deals gives %d; want 105", got)
	}
	if n, err := s.CountDeals(ctx(t), pg.DealFilter{}); err != nil || n != 105 {
		t.Errorf("CountDeals = %d, %v; want 105", n, err)
	}
	if n, err := s.CountCompanies(ctx(t), pg.CompanyFilter{MinDeals: 2}); err != nil || n != 104 {
		t.Errorf("CountCompanies(MinDeals 2) = %d, %v; want 104", n, err)
	}
	st, err := s.Stats(ctx(t), pg.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.TopPartners) != 20 || len(st.DealsByYear) != 30 {
		t.Errorf("Stats: %d top partners, %d years; want 20, 30", len(st.TopPartners), len(st.DealsByYear))
	}
	// 104 companies have two deals: the top 20 are the smallest IDs.
	if len(st.TopPartners) > 0 {
		diff(t, "first top partner", pg.Count{Key: "company-001", Count: 2}, st.TopPartners[0])
	}
}

func testBadQueries(t *testing.T, s pg.Store) {
	withFixture(t, s)
	bad := "not a cursor!"
	queries := []struct {
		name string
		run  func() error
	}{
		{"DealsBadCursor", func() error {
			_, err := s.Deals(ctx(t), pg.DealQuery{PageArgs: pg.PageArgs{After: bad}})
			return err
		}},
		{"DealsUnknownSort", func() error { _, err := s.Deals(ctx(t), pg.DealQuery{Sort: "random"}); return err }},
		{"CompaniesBadCursor", func() error {
			_, err := s.Companies(ctx(t), pg.CompanyQuery{PageArgs: pg.PageArgs{After: bad}})
			return err
		}},
		{"CompaniesUnknownSort", func() error { _, err := s.Companies(ctx(t), pg.CompanyQuery{Sort: "random"}); return err }},
		{"PlatformsBadCursor", func() error {
			_, err := s.Platforms(ctx(t), pg.PlatformQuery{PageArgs: pg.PageArgs{After: bad}})
			return err
		}},
	}
	for _, q := range queries {
		wantErr(t, q.name, q.run(), pg.ErrInvalid)
	}
}

func testCompanies(t *testing.T, s pg.Store) {
	withFixture(t, s)
	// Ubisoft has no deal; "bandai namco" sorts second only ignoring case.
	write(t, s, pg.Batch{Companies: []pg.Company{{ID: "ubisoft", Name: "Ubisoft"}, {ID: "bandai-namco", Name: "bandai namco"}}})
	tests := []struct {
		name string
		q    pg.CompanyQuery
		want []string
	}{
		{"ByNameIgnoringCase", pg.CompanyQuery{}, []string{Activision, "bandai-namco", Microsoft, Nintendo, SEGA, Sony, "ubisoft"}},
		{"ByDealsDesc", pg.CompanyQuery{Sort: pg.CompaniesByDealsDesc}, []string{Microsoft, Nintendo, SEGA, Sony, Activision, "bandai-namco", "ubisoft"}},
		{"NamePrefix", pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "So"}}, []string{Sony}},
		{"NamePrefixOfAlias", pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "msf"}}, []string{Microsoft}},
		{"NamePrefixWithSpace", pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "SEGA C"}}, []string{SEGA}},
		{"NamePrefixNoMatch", pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "zz"}}, nil},
		{"NamePrefixNotInside", pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "soft"}}, nil},
		{"Platform", pg.CompanyQuery{Filter: pg.CompanyFilter{PlatformID: Azure}}, []string{Microsoft, SEGA, Sony}},
		{"PlatformFromLaterArticle", pg.CompanyQuery{Filter: pg.CompanyFilter{PlatformID: GamePass}}, []string{Activision, Microsoft}},
		{"UnknownPlatform", pg.CompanyQuery{Filter: pg.CompanyFilter{PlatformID: "p:steam"}}, nil},
		{"MinDeals1", pg.CompanyQuery{Filter: pg.CompanyFilter{MinDeals: 1}}, []string{Activision, Microsoft, Nintendo, SEGA, Sony}},
		{"MinDeals2", pg.CompanyQuery{Filter: pg.CompanyFilter{MinDeals: 2}}, []string{Microsoft, Nintendo, SEGA, Sony}},
		{"MinDeals3", pg.CompanyQuery{Filter: pg.CompanyFilter{MinDeals: 3}}, []string{Microsoft}},
		{"PlatformByDeals", pg.CompanyQuery{Filter: pg.CompanyFilter{PlatformID: Azure}, Sort: pg.CompaniesByDealsDesc}, []string{Microsoft, SEGA, Sony}},
		{"PrefixAndMinDeals", pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "s", MinDeals: 2}}, []string{SEGA, Sony}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diff(t, "Companies", tt.want, companyIDs(allCompanies(t, s, tt.q)))
			n, err := s.CountCompanies(ctx(t), tt.q.Filter)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountCompanies = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
	got := allCompanies(t, s, pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "Sony"}})
	diff(t, "Companies items", []pg.Company{fixtureCompany(Sony)}, got)
}

func testCompaniesPagination(t *testing.T, s pg.Store) {
	withFixture(t, s)
	for _, sort := range []pg.CompanySort{pg.CompaniesByName, pg.CompaniesByDealsDesc} {
		want := companyIDs(allCompanies(t, s, pg.CompanyQuery{Sort: sort}))
		var got []string
		q := pg.CompanyQuery{Sort: sort, PageArgs: pg.PageArgs{First: 2}}
		for range 10 {
			p, err := s.Companies(ctx(t), q)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, companyIDs(p.Items)...)
			if !p.HasNextPage {
				break
			}
			q.After = p.Cursors[len(p.Cursors)-1]
		}
		diff(t, fmt.Sprintf("pages of companies by %s", sort), want, got)
	}

	// A company inserted before the cursor is skipped, one after it is not.
	p, err := s.Companies(ctx(t), pg.CompanyQuery{PageArgs: pg.PageArgs{First: 2}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "first page", []string{Activision, Microsoft}, companyIDs(p.Items))
	write(t, s, pg.Batch{Companies: []pg.Company{{ID: "atari", Name: "Atari"}, {ID: "capcom", Name: "Capcom"}}})
	next, err := s.Companies(ctx(t), pg.CompanyQuery{PageArgs: pg.PageArgs{First: 10, After: p.Cursors[1]}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "page after inserts", []string{Nintendo, SEGA, Sony}, companyIDs(next.Items))
	p, err = s.Companies(ctx(t), pg.CompanyQuery{PageArgs: pg.PageArgs{First: 1}})
	if err != nil {
		t.Fatal(err)
	}
	next, err = s.Companies(ctx(t), pg.CompanyQuery{PageArgs: pg.PageArgs{First: 2, After: p.Cursors[0]}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "page after Activision", []string{"atari", "capcom"}, companyIDs(next.Items))
	if !next.HasNextPage {
		t.Error("HasNextPage = false; want true")
	}
}

func testPlatforms(t *testing.T, s pg.Store) {
	withFixture(t, s)
	tests := []struct {
		name   string
		filter pg.PlatformFilter
		want   []string
	}{
		{"ByName", pg.PlatformFilter{}, []string{Azure, GamePass, PlayStation, Xbox}},
		{"Kind", pg.PlatformFilter{Kind: pg.PlatformConsole}, []string{PlayStation, Xbox}},
		{"Owner", pg.PlatformFilter{OwnerID: Microsoft}, []string{Azure, Xbox}},
		{"KindAndOwner", pg.PlatformFilter{Kind: pg.PlatformConsole, OwnerID: Microsoft}, []string{Xbox}},
		{"KindWithout", pg.PlatformFilter{Kind: pg.PlatformOS}, nil},
		{"OwnerWithout", pg.PlatformFilter{OwnerID: SEGA}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diff(t, "Platforms", tt.want, platformIDs(allPlatforms(t, s, pg.PlatformQuery{Filter: tt.filter})))
			n, err := s.CountPlatforms(ctx(t), tt.filter)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountPlatforms = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
	p, err := s.Platforms(ctx(t), pg.PlatformQuery{PageArgs: pg.PageArgs{First: 2}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "first page", []pg.Platform{fixturePlatform(Azure), fixturePlatform(GamePass)}, p.Items)
	if !p.HasNextPage {
		t.Error("first page: HasNextPage = false")
	}
	// "PS Vita" sorts after "PlayStation" (ignoring case: "ps" > "pl").
	write(t, s, pg.Batch{Platforms: []pg.Platform{{ID: "p:ps-vita", Name: "PS Vita", Kind: pg.PlatformConsole, OwnerID: Sony}}})
	p, err = s.Platforms(ctx(t), pg.PlatformQuery{PageArgs: pg.PageArgs{First: 2, After: p.Cursors[1]}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "second page", []string{PlayStation, "p:ps-vita"}, platformIDs(p.Items))
	if !p.HasNextPage {
		t.Error("second page: HasNextPage = false")
	}
}

func hit(kind pg.SearchKind, id, name string, score float64) pg.SearchHit {
	return pg.SearchHit{Kind: kind, ID: id, Name: name, Score: score}
}

func testSearch(t *testing.T, s pg.Store) {
	withFixture(t, s)
	microsoftAndSEGA := fixtureDeal(DealMicrosoftSEGA).Summary
	micro := []pg.SearchHit{hit(pg.SearchCompany, Microsoft, "Microsoft", 0.7)}
	for _, id := range sorted(DealMicrosoftSEGA, DealActivision) {
		micro = append(micro, hit(pg.SearchDeal, id, fixtureDeal(id).Summary, 0.7))
	}
	micro = append(micro,
		hit(pg.SearchPlatform, Azure, "Azure", 0.6),
		hit(pg.SearchDeal, DealSonyMicrosoft, fixtureDeal(DealSonyMicrosoft).Summary, 0.5))
	tests := []struct {
		text  string
		limit int
		want  []pg.SearchHit
	}{
		{"sega", 10, []pg.SearchHit{
			hit(pg.SearchCompany, SEGA, "SEGA", 1),
			hit(pg.SearchDeal, DealSEGANintendo, fixtureDeal(DealSEGANintendo).Summary, 0.7),
			hit(pg.SearchDeal, DealMicrosoftSEGA, microsoftAndSEGA, 0.5),
		}},
		{"  Azure ", 10, []pg.SearchHit{
			hit(pg.SearchPlatform, Azure, "Azure", 1),
			hit(pg.SearchDeal, DealMicrosoftSEGA, microsoftAndSEGA, 0.5),
		}},
		{"msft", 10, []pg.SearchHit{hit(pg.SearchCompany, Microsoft, "Microsoft", 0.9)}},
		{"micro", 10, micro},
		{"micro", 2, micro[:2]},
		{"ctivisio", 10, []pg.SearchHit{
			hit(pg.SearchCompany, Activision, "Activision Blizzard", 0.3),
			hit(pg.SearchDeal, DealActivision, fixtureDeal(DealActivision).Summary, 0.3),
		}},
		{"", 10, nil},
		{"   ", 10, nil},
		{"zzz", 10, nil},
	}
	for _, tt := range tests {
		got, err := s.Search(ctx(t), tt.text, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, fmt.Sprintf("Search(%q, %d)", tt.text, tt.limit), tt.want, got)
	}
}

// testSearchRanking checks Search against SearchScore applied to every
// company, platform and deal the store lists.
func testSearchRanking(t *testing.T, s pg.Store) {
	withFixture(t, s)
	write(t, s, chain(30))
	kinds := map[pg.SearchKind]int{pg.SearchCompany: 0, pg.SearchPlatform: 1, pg.SearchDeal: 2}
	companies := allCompanies(t, s, pg.CompanyQuery{})
	platforms := allPlatforms(t, s, pg.PlatformQuery{})
	deals := allDeals(t, s, pg.DealQuery{})
	for _, text := range []string{"a", "so", "Company 01", "x", "game", "deal 0", "MICROSOFT"} {
		var want []pg.SearchHit
		add := func(kind pg.SearchKind, id, name string, aliases []string) {
			if score := pg.SearchScore(text, name, aliases); score > 0 {
				want = append(want, pg.SearchHit{Kind: kind, ID: id, Name: name, Score: score})
			}
		}
		for _, c := range companies {
			add(pg.SearchCompany, c.ID, c.Name, c.Aliases)
		}
		for _, p := range platforms {
			add(pg.SearchPlatform, p.ID, p.Name, p.Aliases)
		}
		for _, d := range deals {
			add(pg.SearchDeal, d.ID, d.Summary, nil)
		}
		slices.SortFunc(want, func(a, b pg.SearchHit) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(kinds[a.Kind], kinds[b.Kind]), cmp.Compare(a.ID, b.ID))
		})
		for _, limit := range []int{5, pg.MaxPageSize} {
			got, err := s.Search(ctx(t), text, limit)
			if err != nil {
				t.Fatal(err)
			}
			w := want[:min(limit, len(want))]
			diff(t, fmt.Sprintf("Search(%q, %d)", text, limit), w, got)
		}
	}
}

func testStats(t *testing.T, s pg.Store) {
	withFixture(t, s)
	tests := []struct {
		name   string
		filter pg.DealFilter
		want   pg.Stats
	}{
		{"All", pg.DealFilter{}, pg.Stats{
			DealsByYear:     []pg.YearCount{yc(2017, 1), yc(2019, 2), yc(2022, 1)},
			DealsByType:     []pg.Count{cnt("partnership", 2), cnt("acquisition", 1), cnt("licensing", 1), cnt("supply", 1)},
			DealsByPlatform: []pg.Count{cnt(Azure, 2), cnt(GamePass, 1), cnt(PlayStation, 1), cnt(Xbox, 1)},
			TopPartners:     []pg.Count{cnt(Microsoft, 3), cnt(Nintendo, 2), cnt(SEGA, 2), cnt(Sony, 2), cnt(Activision, 1)},
		}},
		{"Company", pg.DealFilter{CompanyID: SEGA}, pg.Stats{
			DealsByYear:     []pg.YearCount{yc(2019, 1)},
			DealsByType:     []pg.Count{cnt("licensing", 1), cnt("partnership", 1)},
			DealsByPlatform: []pg.Count{cnt(Azure, 1)},
			TopPartners:     []pg.Count{cnt(SEGA, 2), cnt(Microsoft, 1), cnt(Nintendo, 1)},
		}},
		{"Completed", pg.DealFilter{Statuses: []pg.DealStatus{pg.Completed}}, pg.Stats{
			DealsByYear:     []pg.YearCount{yc(2017, 1), yc(2022, 1)},
			DealsByType:     []pg.Count{cnt("acquisition", 1), cnt("supply", 1)},
			DealsByPlatform: []pg.Count{cnt(GamePass, 1), cnt(PlayStation, 1), cnt(Xbox, 1)},
			TopPartners:     []pg.Count{cnt(Activision, 1), cnt(Microsoft, 1), cnt(Nintendo, 1), cnt(Sony, 1)},
		}},
		{"Nothing", pg.DealFilter{Types: []pg.DealType{pg.Merger}}, pg.Stats{}},
	}
	for _, tt := range tests {
		got, err := s.Stats(ctx(t), tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Stats "+tt.name, tt.want, got)
	}
}

func yc(year, n int) pg.YearCount { return pg.YearCount{Year: year, Count: n} }

func cnt(key string, n int) pg.Count { return pg.Count{Key: key, Count: n} }
