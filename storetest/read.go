package storetest

import (
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

func testNotFound(t *testing.T, s pg.Store) {
	withFixture(t, s)
	reads := []struct {
		name string
		read func() error
	}{
		{"Company", func() error { _, err := s.Company(ctx(t), "apple"); return err }},
		{"CompanyByName", func() error { _, err := s.CompanyByName(ctx(t), "Apple"); return err }},
		{"CompanyByEmptyName", func() error { _, err := s.CompanyByName(ctx(t), ""); return err }},
		{"Platform", func() error { _, err := s.Platform(ctx(t), "p:steam"); return err }},
		{"PlatformByName", func() error { _, err := s.PlatformByName(ctx(t), "Steam"); return err }},
		{"PlatformByCompanyName", func() error { _, err := s.PlatformByName(ctx(t), "Microsoft"); return err }},
		{"Deal", func() error { _, err := s.Deal(ctx(t), "d:0000000000000000"); return err }},
		{"Article", func() error { _, err := s.Article(ctx(t), "a:nope"); return err }},
	}
	for _, r := range reads {
		wantErr(t, r.name, r.read(), pg.ErrNotFound)
	}
}

func testReadsReturnFixture(t *testing.T, s pg.Store) {
	withFixture(t, s)
	f := Fixture()
	for _, c := range f.Companies {
		got, err := s.Company(ctx(t), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Company "+c.ID, fixtureCompany(c.ID), got)
	}
	for _, want := range f.Platforms {
		got, err := s.Platform(ctx(t), want.ID)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Platform "+want.ID, want, got)
	}
	for _, want := range f.Articles {
		got, err := s.Article(ctx(t), want.ID)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Article "+want.ID, want, got)
	}
	// Deals reported once are stored as written (their single report
	// agrees with them); parties keep their order.
	for _, id := range []string{DealMicrosoftSEGA, DealSonyMicrosoft, DealSonyNintendo, DealSEGANintendo} {
		got, err := s.Deal(ctx(t), id)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "Deal "+id, fixtureDeal(id), got)
	}
}

func testByID(t *testing.T, s pg.Store) {
	withFixture(t, s)
	cs, err := s.CompaniesByID(ctx(t), []string{Microsoft, "apple", SEGA, Microsoft})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "CompaniesByID", map[string]pg.Company{Microsoft: fixtureCompany(Microsoft), SEGA: fixtureCompany(SEGA)}, cs)
	ps, err := s.PlatformsByID(ctx(t), []string{"p:steam", Xbox})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "PlatformsByID", map[string]pg.Platform{Xbox: fixturePlatform(Xbox)}, ps)
	ds, err := s.DealsByID(ctx(t), []string{DealSonyNintendo, "d:nope", DealSEGANintendo})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealsByID", map[string]pg.Deal{DealSonyNintendo: fixtureDeal(DealSonyNintendo), DealSEGANintendo: fixtureDeal(DealSEGANintendo)}, ds)
	as, err := s.ArticlesByID(ctx(t), []string{"a:nope", ArticleCloud})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "ArticlesByID", map[string]pg.Article{ArticleCloud: Fixture().Articles[0]}, as)
	none, err := s.CompaniesByID(ctx(t), nil)
	if err != nil || len(none) != 0 {
		t.Errorf("CompaniesByID(nil) = %v, %v; want an empty map", none, err)
	}
}

func testCompanyByName(t *testing.T, s pg.Store) {
	withFixture(t, s)
	write(t, s, pg.Batch{Companies: []pg.Company{
		// Its name is a short alias of Activision Blizzard, which joins
		// nothing: a company of its own, and the exact name wins.
		{ID: "activision", Name: "Activision"},
		// Shares the alias "Sony Group" with Sony (two aliases meeting
		// join nothing): the smaller ID wins.
		{ID: "sony-music-group", Name: "Sony Music Group", Aliases: []string{"Sony Group"}},
	}})
	tests := []struct{ name, want string }{
		{"Microsoft", Microsoft},
		{"microsoft", Microsoft},
		{"MICROSOFT CORP", Microsoft},
		{"msft", Microsoft},
		{"sega", SEGA},
		{"SEGA corporation", SEGA},
		{"Activision", "activision"},
		{"activision blizzard", Activision},
		{"sony group", Sony},
		{"Sony Music Group", "sony-music-group"},
		{"Nintendo", Nintendo},
		{"Apple", ""},
		{"Micro", ""},
		{"Azure", ""},
	}
	for _, tt := range tests {
		got, err := s.CompanyByName(ctx(t), tt.name)
		if tt.want == "" {
			wantErr(t, "CompanyByName("+tt.name+")", err, pg.ErrNotFound)
			continue
		}
		if err != nil || got.ID != tt.want {
			t.Errorf("CompanyByName(%q) = %q, %v; want %q", tt.name, got.ID, err, tt.want)
		}
	}
	got, err := s.CompanyByName(ctx(t), "sega")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "CompanyByName returns the whole company", fixtureCompany(SEGA), got)
}

func testPlatformByName(t *testing.T, s pg.Store) {
	withFixture(t, s)
	tests := []struct{ name, want string }{
		{"Azure", Azure},
		{"microsoft azure", Azure},
		{"ps5", PlayStation},
		{"GAME PASS", GamePass},
		{"xbox series x", Xbox},
		{"Windows", ""},
		{"Xbox Series", ""},
	}
	for _, tt := range tests {
		got, err := s.PlatformByName(ctx(t), tt.name)
		if tt.want == "" {
			wantErr(t, "PlatformByName("+tt.name+")", err, pg.ErrNotFound)
			continue
		}
		if err != nil || got.ID != tt.want {
			t.Errorf("PlatformByName(%q) = %q, %v; want %q", tt.name, got.ID, err, tt.want)
		}
	}
}

func testPlatformsByOwner(t *testing.T, s pg.Store) {
	withFixture(t, s)
	got, err := s.PlatformsByOwner(ctx(t), []string{Microsoft, Sony, SEGA, "apple"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "PlatformsByOwner", map[string][]pg.Platform{
		Microsoft: {fixturePlatform(Azure), fixturePlatform(Xbox)},
		Sony:      {fixturePlatform(PlayStation)},
	}, got)
}

func testDealIDsBy(t *testing.T, s pg.Store) {
	withFixture(t, s)
	byCompany, err := s.DealIDsByCompany(ctx(t), []string{Microsoft, SEGA, Sony, Nintendo, Activision, "apple"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByCompany", map[string][]string{
		Microsoft:  sorted(DealMicrosoftSEGA, DealSonyMicrosoft, DealActivision),
		SEGA:       sorted(DealMicrosoftSEGA, DealSEGANintendo),
		Sony:       sorted(DealSonyMicrosoft, DealSonyNintendo),
		Nintendo:   sorted(DealSonyNintendo, DealSEGANintendo),
		Activision: {DealActivision},
	}, byCompany)
	byPlatform, err := s.DealIDsByPlatform(ctx(t), []string{Azure, Xbox, GamePass, PlayStation, "p:steam"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByPlatform", map[string][]string{
		Azure:       sorted(DealMicrosoftSEGA, DealSonyMicrosoft),
		Xbox:        {DealActivision},
		GamePass:    {DealActivision},
		PlayStation: {DealSonyNintendo},
	}, byPlatform)
	byArticle, err := s.DealIDsByArticle(ctx(t), []string{ArticleCloud, ArticleBid, ArticleCloses, "a:nope"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByArticle", map[string][]string{
		ArticleCloud:  sorted(DealMicrosoftSEGA, DealSonyMicrosoft),
		ArticleBid:    sorted(DealActivision, DealSonyNintendo),
		ArticleCloses: sorted(DealActivision, DealSEGANintendo),
	}, byArticle)
}

func testEvidenceOrder(t *testing.T, s pg.Store) {
	withFixture(t, s)
	f := Fixture()
	got, err := s.EvidenceByDeal(ctx(t), []string{DealActivision, DealMicrosoftSEGA, "d:nope"})
	if err != nil {
		t.Fatal(err)
	}
	// ArticleCloses sorts before ArticleBid by ID but was published later.
	diff(t, "EvidenceByDeal", map[string][]pg.Evidence{
		DealActivision:    {f.Evidence[2], f.Evidence[4]},
		DealMicrosoftSEGA: {f.Evidence[0]},
	}, got)

	// Same publication date: article ID decides.
	same := pg.Evidence{DealID: DealActivision, ArticleID: articleExtra, Sentence: "Microsoft bids for Activision.",
		Year: 2022, Status: pg.Announced, Confidence: 0.5, Published: publishedBid}
	write(t, s, pg.Batch{Articles: []pg.Article{extraArticle()}, Evidence: []pg.Evidence{same}})
	got, err = s.EvidenceByDeal(ctx(t), []string{DealActivision})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "EvidenceByDeal with a date tie", map[string][]pg.Evidence{
		DealActivision: {same, f.Evidence[2], f.Evidence[4]},
	}, got)
}

func testResultsAreCopies(t *testing.T, s pg.Store) {
	// Changing a written batch afterwards does not change the store.
	b := Fixture()
	write(t, s, b)
	b.Companies[0].Aliases[0] = "changed"
	*b.Deals[2].Value = 1
	b.Deals[4].Parties[0].CompanyID = "changed"
	b.Evidence[4].PlatformIDs[0] = "changed"
	b.Platforms[0].Aliases[0] = "changed"
	c, _ := s.Company(ctx(t), Microsoft)
	c.Aliases[0] = "changed"
	d, _ := s.Deal(ctx(t), DealActivision)
	d.Parties[0].CompanyID = "changed"
	d.PlatformIDs[0] = "changed"
	*d.Value = 1
	ev, _ := s.EvidenceByDeal(ctx(t), []string{DealActivision})
	ev[DealActivision][1].PlatformIDs[0] = "changed"
	p, _ := s.Platform(ctx(t), Azure)
	p.Aliases[0] = "changed"

	c, _ = s.Company(ctx(t), Microsoft)
	diff(t, "Company after changing a result", fixtureCompany(Microsoft), c)
	p, _ = s.Platform(ctx(t), Azure)
	diff(t, "Platform after changing a result", fixturePlatform(Azure), p)
	d, _ = s.Deal(ctx(t), DealActivision)
	if d.Parties[0].CompanyID != Microsoft || d.PlatformIDs[0] != GamePass || *d.Value != activisionValue {
		t.Errorf("Deal after changing a result: %+v", d)
	}
	ev, _ = s.EvidenceByDeal(ctx(t), []string{DealActivision})
	diff(t, "Evidence after changing a result", Fixture().Evidence[4], ev[DealActivision][1])
}
