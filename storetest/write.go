package storetest

import (
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// Two more articles some subtests write after the fixture.
const (
	articleExtra = "a:extra-report" // published 2024-02-01
	articleLater = "a:later-report" // published 2024-05-01
)

func extraArticle() pg.Article {
	return pg.Article{ID: articleExtra, Title: "An extra report", Publisher: "Example Wire", Published: "2024-02-01"}
}

func laterArticle() pg.Article {
	return pg.Article{ID: articleLater, Title: "A later report", Publisher: "Example Wire", Published: "2024-05-01"}
}

func testEmptyStore(t *testing.T, s pg.Store) {
	c, err := s.Counts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Counts", pg.Counts{}, c)
	for name, n := range map[string]int{
		"Deals":     len(allDeals(t, s, pg.DealQuery{})),
		"Companies": len(allCompanies(t, s, pg.CompanyQuery{})),
		"Platforms": len(allPlatforms(t, s, pg.PlatformQuery{})),
	} {
		if n != 0 {
			t.Errorf("%s on an empty store: %d items", name, n)
		}
	}
	p, err := s.Deals(ctx(t), pg.DealQuery{})
	if err != nil || p.HasNextPage {
		t.Errorf("Deals on an empty store: HasNextPage %v, error %v", p.HasNextPage, err)
	}
	hits, err := s.Search(ctx(t), "microsoft", 10)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Search", []pg.SearchHit{}, hits)
	st, err := s.Stats(ctx(t), pg.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Stats", pg.Stats{}, st)
	cs, err := s.Curations(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Curations", []pg.Curation{}, cs)
	byID, err := s.DealIDsByCompany(ctx(t), []string{Microsoft})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByCompany", map[string][]string{}, byID)
	n, err := s.CountDeals(ctx(t), pg.DealFilter{})
	if err != nil || n != 0 {
		t.Errorf("CountDeals = %d, %v; want 0", n, err)
	}
}

func testWriteCounts(t *testing.T, s pg.Store) {
	withFixture(t, s)
	c, err := s.Counts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Counts", FixtureCounts, c)
	if c.Nodes() != 17 || c.Relationships() != 40 {
		t.Errorf("Nodes, Relationships = %d, %d; want 17, 40", c.Nodes(), c.Relationships())
	}
}

func testWriteIdempotent(t *testing.T, s pg.Store) {
	withFixture(t, s)
	first := takeSnapshot(t, s)
	write(t, s, Fixture())
	diff(t, "snapshot after writing the fixture twice", first, takeSnapshot(t, s))
	diff(t, "Counts", FixtureCounts, first.Counts)
}

// testWriteInBatches writes the fixture piece by piece, deals before their
// evidence and the later article first, and expects what one batch gives.
func testWriteInBatches(t *testing.T, s pg.Store) {
	f := Fixture()
	write(t, s, pg.Batch{Companies: f.Companies, Platforms: f.Platforms})
	write(t, s, pg.Batch{Articles: f.Articles[2:]})
	write(t, s, pg.Batch{Articles: f.Articles[:2], Deals: f.Deals})
	write(t, s, pg.Batch{Evidence: f.Evidence[4:]})
	write(t, s, pg.Batch{Evidence: f.Evidence[:4], Mentions: f.Mentions})
	pieces := takeSnapshot(t, s)
	diff(t, "Counts", FixtureCounts, pieces.Counts)
	write(t, s, Fixture())
	diff(t, "snapshot of the pieces vs. after the whole batch", takeSnapshot(t, s), pieces)
}

func testInvalidBatch(t *testing.T, s pg.Store) {
	// Every bad batch also holds valid facts, which must not be written.
	valid := func(b pg.Batch) pg.Batch {
		b.Companies = append(b.Companies, pg.Company{ID: "ubisoft", Name: "Ubisoft"})
		b.Articles = append(b.Articles, extraArticle())
		return b
	}
	unknownDeal := pg.DealID(pg.Merger, []pg.Party{{CompanyID: SEGA, Role: pg.RolePartner}, {CompanyID: Sony, Role: pg.RolePartner}})
	tests := []struct {
		name  string
		batch pg.Batch
	}{
		{"EvidenceForUnknownDeal", pg.Batch{Evidence: []pg.Evidence{{DealID: unknownDeal, ArticleID: ArticleCloud, Sentence: "x"}}}},
		{"EvidenceFromUnknownArticle", pg.Batch{Evidence: []pg.Evidence{{DealID: DealMicrosoftSEGA, ArticleID: "a:nope", Sentence: "x"}}}},
		{"EvidenceWithEmptyArticleID", pg.Batch{Evidence: []pg.Evidence{{DealID: DealMicrosoftSEGA, Sentence: "x"}}}},
		{"EvidenceOnUnknownPlatform", pg.Batch{Evidence: []pg.Evidence{{DealID: DealMicrosoftSEGA, ArticleID: ArticleBid, PlatformIDs: []string{"p:nope"}}}}},
		{"CompanyWithEmptyID", pg.Batch{Companies: []pg.Company{{Name: "Nameless"}}}},
		{"PlatformWithEmptyID", pg.Batch{Platforms: []pg.Platform{{Name: "Nameless"}}}},
		{"ArticleWithEmptyID", pg.Batch{Articles: []pg.Article{{Title: "No ID"}}}},
		{"DealWithEmptyID", pg.Batch{Deals: []pg.Deal{{Type: pg.Partnership, Parties: fixtureDeal(DealMicrosoftSEGA).Parties}}}},
		{"DealOfUnknownType", pg.Batch{Deals: []pg.Deal{{ID: "d:x", Type: "friendship", Parties: fixtureDeal(DealMicrosoftSEGA).Parties}}}},
		{"DealWithUnknownParty", pg.Batch{Deals: []pg.Deal{{ID: "d:x", Type: pg.Partnership, Parties: []pg.Party{{CompanyID: Sony, Role: pg.RolePartner}, {CompanyID: "apple", Role: pg.RolePartner}}}}}},
		{"DealOnUnknownPlatform", pg.Batch{Deals: []pg.Deal{{ID: "d:x", Type: pg.Partnership, Parties: fixtureDeal(DealMicrosoftSEGA).Parties, PlatformIDs: []string{"p:nope"}}}}},
		{"PlatformOfUnknownOwner", pg.Batch{Platforms: []pg.Platform{{ID: "p:steam", Name: "Steam", OwnerID: "valve"}}}},
		{"MentionOfUnknownCompany", pg.Batch{Mentions: []pg.Mention{{ArticleID: ArticleCloud, Kind: pg.MentionCompany, EntityID: "apple"}}}},
		{"MentionOfCompanyAsPlatform", pg.Batch{Mentions: []pg.Mention{{ArticleID: ArticleCloud, Kind: pg.MentionPlatform, EntityID: Microsoft}}}},
		{"MentionWithEmptyEntityID", pg.Batch{Mentions: []pg.Mention{{ArticleID: ArticleCloud, Kind: pg.MentionCompany}}}},
		{"MentionFromUnknownArticle", pg.Batch{Mentions: []pg.Mention{{ArticleID: "a:nope", Kind: pg.MentionCompany, EntityID: Sony}}}},
	}

	// On an empty store even the first fixture record is missing.
	err := s.Write(ctx(t), valid(pg.Batch{Evidence: Fixture().Evidence}))
	wantErr(t, "evidence without its deals into an empty store", err, pg.ErrInvalid)
	diff(t, "Counts after a rejected batch", pg.Counts{}, takeSnapshot(t, s).Counts)

	withFixture(t, s)
	before := takeSnapshot(t, s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Write(ctx(t), valid(tt.batch))
			wantErr(t, "Write", err, pg.ErrInvalid)
			diff(t, "snapshot after a rejected batch", before, takeSnapshot(t, s))
		})
	}
}

func testUpsertUnionsAliases(t *testing.T, s pg.Store) {
	withFixture(t, s)
	write(t, s, pg.Batch{
		Companies: []pg.Company{{ID: Microsoft, Name: "Microsoft Corporation", Aliases: []string{"MSFT", "Microsoft Inc"}}},
		Platforms: []pg.Platform{{ID: Azure, Name: "Azure", Aliases: []string{"Windows Azure", "Microsoft Azure"}}},
	})
	c, err := s.Company(ctx(t), Microsoft)
	if err != nil {
		t.Fatal(err)
	}
	// The best name stays; a new spelling of the name becomes an alias;
	// aliases are sorted ignoring case.
	diff(t, "Company", pg.Company{ID: Microsoft, Name: "Microsoft", Aliases: []string{"Microsoft Corp", "Microsoft Corporation", "Microsoft Inc", "MSFT"}}, c)
	p, err := s.Platform(ctx(t), Azure)
	if err != nil {
		t.Fatal(err)
	}
	want := fixturePlatform(Azure)
	want.Aliases = []string{"Microsoft Azure", "Windows Azure"}
	diff(t, "Platform", want, p)
	for _, name := range []string{"microsoft inc", "MICROSOFT CORPORATION"} {
		c, err := s.CompanyByName(ctx(t), name)
		if err != nil || c.ID != Microsoft {
			t.Errorf("CompanyByName(%q) = %q, %v; want %q", name, c.ID, err, Microsoft)
		}
	}
	if p, err := s.PlatformByName(ctx(t), "windows azure"); err != nil || p.ID != Azure {
		t.Errorf("PlatformByName(windows azure) = %q, %v; want %q", p.ID, err, Azure)
	}
}

func testPlatformFillIn(t *testing.T, s pg.Store) {
	withFixture(t, s)
	steps := []struct {
		name  string
		write pg.Platform
		want  pg.Platform
	}{
		{
			"OwnerFillsEmptyOwner",
			pg.Platform{ID: GamePass, Name: "Game Pass", OwnerID: Microsoft},
			pg.Platform{ID: GamePass, Name: "Game Pass", Kind: pg.PlatformStore, OwnerID: Microsoft},
		},
		{
			"StoredOwnerAndKindStay",
			pg.Platform{ID: GamePass, Name: "Game Pass", Kind: pg.PlatformOther, OwnerID: Sony},
			pg.Platform{ID: GamePass, Name: "Game Pass", Kind: pg.PlatformStore, OwnerID: Microsoft},
		},
		{
			"NewPlatformWithoutKind",
			pg.Platform{ID: "p:windows", Name: "Windows", OwnerID: Microsoft},
			pg.Platform{ID: "p:windows", Name: "Windows", OwnerID: Microsoft},
		},
		{
			"KindFillsEmptyKind",
			pg.Platform{ID: "p:windows", Name: "Windows", Kind: pg.PlatformOS},
			pg.Platform{ID: "p:windows", Name: "Windows", Kind: pg.PlatformOS, OwnerID: Microsoft},
		},
	}
	for _, st := range steps {
		write(t, s, pg.Batch{Platforms: []pg.Platform{st.write}})
		got, err := s.Platform(ctx(t), st.write.ID)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		diff(t, st.name, st.want, got)
	}
	owned, err := s.PlatformsByOwner(ctx(t), []string{Microsoft, Sony})
	if err != nil {
		t.Fatal(err)
	}
	gp, _ := s.Platform(ctx(t), GamePass)
	win, _ := s.Platform(ctx(t), "p:windows")
	diff(t, "PlatformsByOwner", map[string][]pg.Platform{
		Microsoft: {fixturePlatform(Azure), gp, win, fixturePlatform(Xbox)},
		Sony:      {fixturePlatform(PlayStation)},
	}, owned)
	c, err := s.Counts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if c.Owners != 5 || c.Platforms != 5 {
		t.Errorf("Counts: Owners, Platforms = %d, %d; want 5, 5", c.Owners, c.Platforms)
	}
}

func testDealAggregation(t *testing.T, s pg.Store) {
	withFixture(t, s)
	acq := fixtureDeal(DealActivision)
	acq.Year = 2022                               // the earliest year any article gives
	acq.Status = pg.Completed                     // from the latest article
	acq.PlatformIDs = []string{GamePass, Xbox}    // the sorted union
	acq.Confidence = 1 - (1-0.9)*(1-0.6)          // 0.96
	licence := fixtureDeal(DealSEGANintendo)      // one report, year unknown
	partnership := fixtureDeal(DealMicrosoftSEGA) // one report
	for _, want := range []pg.Deal{acq, licence, partnership} {
		got, err := s.Deal(ctx(t), want.ID)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Deal "+want.Summary, want, got)
	}
}

func testDealAggregationLater(t *testing.T, s pg.Store) {
	withFixture(t, s)
	write(t, s, pg.Batch{
		Articles: []pg.Article{laterArticle(), extraArticle()},
		Evidence: []pg.Evidence{
			// A later article dates the deal earlier, says it ended, and
			// ties it to Xbox.
			{DealID: DealMicrosoftSEGA, ArticleID: articleLater, Sentence: "The 2018 alliance on Xbox was ended.", Year: 2018,
				Status: pg.Terminated, PlatformIDs: []string{Xbox}, Confidence: 0.5, Published: "2024-05-01"},
			// Same date as ArticleBid: the more advanced status (completed) wins.
			{DealID: DealSonyNintendo, ArticleID: articleExtra, Sentence: "Sony announced a chip deal with Nintendo.",
				Status: pg.Announced, Confidence: 0.5, Published: publishedBid},
		},
	})
	ms := fixtureDeal(DealMicrosoftSEGA)
	ms.Year, ms.Status, ms.PlatformIDs, ms.Confidence = 2018, pg.Terminated, []string{Azure, Xbox}, 1-(1-0.8)*(1-0.5)
	ms.Summary = "Microsoft and SEGA partnership on Azure, Xbox" // the store's summary follows the platforms
	sn := fixtureDeal(DealSonyNintendo)
	sn.Confidence = 1 - (1-0.4)*(1-0.5)
	got, err := s.DealsByID(ctx(t), []string{DealMicrosoftSEGA, DealSonyNintendo})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealsByID", map[string]pg.Deal{DealMicrosoftSEGA: ms, DealSonyNintendo: sn}, got)
	byPlatform, err := s.DealIDsByPlatform(ctx(t), []string{Xbox})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByPlatform", map[string][]string{Xbox: sorted(DealActivision, DealMicrosoftSEGA)}, byPlatform)
	want := FixtureCounts
	want.Articles += 2
	want.Evidence += 2
	want.DealPlatforms++
	c, err := s.Counts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Counts", want, c)
}

func testDealKeepsStored(t *testing.T, s pg.Store) {
	withFixture(t, s)
	other := 1.0
	acq := fixtureDeal(DealActivision)
	acq.Summary, acq.Value, acq.Currency = "Microsoft buys a games company", &other, "EUR"
	licence := fixtureDeal(DealSEGANintendo)
	fee := 5e6
	licence.Value, licence.Currency, licence.Summary = &fee, "USD", ""
	write(t, s, pg.Batch{Deals: []pg.Deal{acq, licence}})

	got, err := s.Deal(ctx(t), DealActivision)
	if err != nil {
		t.Fatal(err)
	}
	value := activisionValue
	if got.Summary != "Microsoft acquires Activision Blizzard" || got.Value == nil || *got.Value != value || got.Currency != "USD" {
		t.Errorf("rewritten deal: summary %q, value %v, currency %q; want the stored ones", got.Summary, got.Value, got.Currency)
	}
	got, err = s.Deal(ctx(t), DealSEGANintendo)
	if err != nil {
		t.Fatal(err)
	}
	want := fixtureDeal(DealSEGANintendo)
	want.Value, want.Currency = &fee, "USD"
	diff(t, "a missing value is filled in; an empty summary does not replace one", want, got)
}

func testDealWithoutEvidence(t *testing.T, s pg.Store) {
	withFixture(t, s)
	parties := []pg.Party{{CompanyID: SEGA, Role: pg.RolePartner}, {CompanyID: Sony, Role: pg.RolePartner}}
	d := pg.Deal{
		ID: pg.DealID(pg.Partnership, parties), Type: pg.Partnership, Status: pg.Proposed, Year: 2020,
		Parties: parties, PlatformIDs: []string{PlayStation, Azure}, Summary: "SEGA and Sony team up", Confidence: 0.3,
	}
	write(t, s, pg.Batch{Deals: []pg.Deal{d}})
	want := d
	want.PlatformIDs = []string{Azure, PlayStation}
	got, err := s.Deal(ctx(t), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "deal without evidence keeps its attributes, platforms sorted", want, got)

	d.Year, d.Status = 2021, pg.Announced
	write(t, s, pg.Batch{Deals: []pg.Deal{d}})
	want.Year, want.Status = 2021, pg.Announced
	got, _ = s.Deal(ctx(t), d.ID)
	diff(t, "without evidence the latest write states the attributes", want, got)

	write(t, s, pg.Batch{Articles: []pg.Article{extraArticle()}, Evidence: []pg.Evidence{{
		DealID: d.ID, ArticleID: articleExtra, Sentence: "SEGA and Sony said they would team up.",
		Year: 2023, Status: pg.Completed, Confidence: 0.6, Published: "2024-02-01",
	}}})
	want.Year, want.Status, want.PlatformIDs, want.Confidence = 2023, pg.Completed, nil, 0.6
	got, _ = s.Deal(ctx(t), d.ID)
	diff(t, "once it has evidence the deal is aggregated over it alone", want, got)
}

func testEvidenceKeyed(t *testing.T, s pg.Store) {
	withFixture(t, s)
	e := Fixture().Evidence[0]
	e.Sentence, e.Confidence, e.Start, e.End = "SEGA picked Azure.", 0.5, 10, 28
	write(t, s, pg.Batch{Evidence: []pg.Evidence{e}})
	ev, err := s.EvidenceByDeal(ctx(t), []string{DealMicrosoftSEGA})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "EvidenceByDeal", map[string][]pg.Evidence{DealMicrosoftSEGA: {e}}, ev)
	d, err := s.Deal(ctx(t), DealMicrosoftSEGA)
	if err != nil {
		t.Fatal(err)
	}
	if d.Confidence != 0.5 {
		t.Errorf("Confidence = %v after replacing the only evidence; want 0.5", d.Confidence)
	}
	c, _ := s.Counts(ctx(t))
	diff(t, "Counts", FixtureCounts, c)
}
