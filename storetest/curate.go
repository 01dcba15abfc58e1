package storetest

import (
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

func counts(t testing.TB, s pg.Store) pg.Counts {
	t.Helper()
	c, err := s.Counts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rewriteKeeps writes each batch again and expects the store unchanged: a
// curation is re-applied to later writes.
func rewriteKeeps(t *testing.T, s pg.Store, batches ...pg.Batch) {
	t.Helper()
	before := takeSnapshot(t, s)
	for _, b := range batches {
		write(t, s, b)
	}
	diff(t, "snapshot after rewriting the batches", before, takeSnapshot(t, s))
}

func testCurateAddAlias(t *testing.T, s pg.Store) {
	withFixture(t, s)
	c := pg.Curation{Kind: pg.CurateAddAlias, CompanyID: SEGA, Alias: "Sega Games", Reason: "SEGA's game arm"}
	curate(t, s, c)
	want := fixtureCompany(SEGA)
	want.Aliases = pg.UnionNames(want.Name, want.Aliases, []string{"Sega Games"})
	want.Links = []pg.NameLink{{Name: "Sega Games", Reason: pg.LinkCuration}}
	got, err := s.CompanyByName(ctx(t), "SEGA GAMES")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "CompanyByName of the new alias", want, got)
	cs, err := s.Curations(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Curations", []pg.Curation{c}, cs)

	// A later article names the company by the alias: it is written as SEGA.
	parties := []pg.Party{{CompanyID: "sega-games", Role: pg.RolePartner}, {CompanyID: Sony, Role: pg.RolePartner}}
	later := pg.Batch{
		Articles:  []pg.Article{extraArticle()},
		Companies: []pg.Company{{ID: "sega-games", Name: "Sega Games"}, fixtureCompany(Sony)},
		Deals: []pg.Deal{{ID: pg.DealID(pg.Partnership, parties), Type: pg.Partnership, Status: pg.Announced, Year: 2024,
			Parties: parties, Summary: "Sega Games and Sony partner", Confidence: 0.6}},
		Evidence: []pg.Evidence{{DealID: pg.DealID(pg.Partnership, parties), ArticleID: articleExtra, Sentence: "Sega Games and Sony partner.",
			Year: 2024, Status: pg.Announced, Confidence: 0.6, Published: "2024-02-01"}},
		Mentions: []pg.Mention{{ArticleID: articleExtra, Kind: pg.MentionCompany, EntityID: "sega-games"}},
	}
	write(t, s, later)
	_, err = s.Company(ctx(t), "sega-games")
	wantErr(t, "Company(sega-games)", err, pg.ErrNotFound)
	segaParties := []pg.Party{{CompanyID: SEGA, Role: pg.RolePartner}, {CompanyID: Sony, Role: pg.RolePartner}}
	segaSony := pg.DealID(pg.Partnership, segaParties)
	d, err := s.Deal(ctx(t), segaSony)
	if err != nil {
		t.Fatalf("the deal under the alias is not SEGA's: %v", err)
	}
	diff(t, "Deal parties", segaParties, d.Parties)
	ids, err := s.DealIDsByCompany(ctx(t), []string{SEGA})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByCompany", map[string][]string{SEGA: sorted(DealMicrosoftSEGA, DealSEGANintendo, segaSony)}, ids)
	want2 := FixtureCounts
	want2.Articles++
	want2.Deals++
	want2.Parties += 2
	want2.Evidence++
	want2.Mentions++
	diff(t, "Counts", want2, counts(t, s))
	got, err = s.Company(ctx(t), SEGA)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Company", want, got)
	rewriteKeeps(t, s, Fixture(), later)
}

// duplicate is a later article that names Sony "Sony Interactive", a
// company of its own until an analyst merges it into Sony.
func duplicate() (b pg.Batch, dupDeal, selfDeal string) {
	dup := pg.Company{ID: "sony-interactive", Name: "Sony Interactive", Aliases: []string{"SIE"}}
	withMS := []pg.Party{{CompanyID: dup.ID, Role: pg.RolePartner}, {CompanyID: Microsoft, Role: pg.RolePartner}}
	withSony := []pg.Party{{CompanyID: dup.ID, Role: pg.RolePartner}, {CompanyID: Sony, Role: pg.RolePartner}}
	dupDeal, selfDeal = pg.DealID(pg.Partnership, withMS), pg.DealID(pg.Partnership, withSony)
	b = pg.Batch{
		Articles:  []pg.Article{extraArticle()},
		Companies: []pg.Company{dup, fixtureCompany(Sony), fixtureCompany(Microsoft)},
		Platforms: []pg.Platform{{ID: "p:playstation-now", Name: "PlayStation Now", Kind: pg.PlatformCloud, OwnerID: dup.ID}},
		Deals: []pg.Deal{
			{ID: dupDeal, Type: pg.Partnership, Status: pg.Completed, Year: 2020, Parties: withMS,
				PlatformIDs: []string{Azure}, Summary: "Sony Interactive and Microsoft cloud deal", Confidence: 0.5},
			{ID: selfDeal, Type: pg.Partnership, Status: pg.Announced, Year: 2020, Parties: withSony,
				Summary: "Sony Interactive works with Sony", Confidence: 0.5},
		},
		Evidence: []pg.Evidence{
			{DealID: dupDeal, ArticleID: articleExtra, Sentence: "Sony Interactive runs its cloud games on Azure.",
				Year: 2020, Status: pg.Completed, PlatformIDs: []string{Azure}, Confidence: 0.5, Published: "2024-02-01"},
			{DealID: selfDeal, ArticleID: articleExtra, Sentence: "Sony Interactive works with Sony.",
				Year: 2020, Status: pg.Announced, Confidence: 0.5, Published: "2024-02-01"},
		},
		Mentions: []pg.Mention{
			{ArticleID: articleExtra, Kind: pg.MentionCompany, EntityID: dup.ID},
			{ArticleID: articleExtra, Kind: pg.MentionCompany, EntityID: Sony},
			{ArticleID: articleExtra, Kind: pg.MentionCompany, EntityID: Microsoft},
			{ArticleID: articleExtra, Kind: pg.MentionPlatform, EntityID: Azure},
		},
	}
	return b, dupDeal, selfDeal
}

func testCurateMerge(t *testing.T, s pg.Store) {
	withFixture(t, s)
	dup, dupDeal, selfDeal := duplicate()
	write(t, s, dup)
	want := FixtureCounts
	want.Companies, want.Platforms, want.Deals, want.Articles = 6, 5, 7, 4
	want.Parties, want.DealPlatforms, want.Owners, want.Evidence, want.Mentions = 14, 6, 4, 8, 19
	diff(t, "Counts before the merge", want, counts(t, s))

	curate(t, s, pg.Curation{Kind: pg.CurateMerge, KeepID: Sony, DropID: "sony-interactive", Reason: "same company"})

	_, err := s.Company(ctx(t), "sony-interactive")
	wantErr(t, "Company(dropped)", err, pg.ErrNotFound)
	for _, id := range []string{dupDeal, selfDeal} {
		_, err := s.Deal(ctx(t), id)
		wantErr(t, "Deal of the dropped company", err, pg.ErrNotFound)
	}
	sony := fixtureCompany(Sony)
	sony.Aliases = pg.UnionNames(sony.Name, sony.Aliases, []string{"Sony Interactive", "SIE"})
	sony.Links = []pg.NameLink{{Name: "Sony Interactive", Reason: pg.LinkCuration}}
	got, err := s.CompanyByName(ctx(t), "sie")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "kept company", sony, got)

	// The duplicate deal is now the Sony–Microsoft partnership, with two
	// reports; the deal of Sony with itself is gone.
	d := fixtureDeal(DealSonyMicrosoft)
	d.Status, d.Confidence = pg.Completed, 1-(1-0.7)*(1-0.5)
	got2, err := s.Deal(ctx(t), DealSonyMicrosoft)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "merged deal", d, got2)
	ev, err := s.EvidenceByDeal(ctx(t), []string{DealSonyMicrosoft})
	if err != nil {
		t.Fatal(err)
	}
	moved := dup.Evidence[0]
	moved.DealID = DealSonyMicrosoft
	diff(t, "merged evidence", map[string][]pg.Evidence{DealSonyMicrosoft: {Fixture().Evidence[1], moved}}, ev)
	ids, err := s.DealIDsByCompany(ctx(t), []string{Sony, "sony-interactive"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByCompany", map[string][]string{Sony: sorted(DealSonyMicrosoft, DealSonyNintendo)}, ids)
	owned, err := s.PlatformsByOwner(ctx(t), []string{Sony})
	if err != nil {
		t.Fatal(err)
	}
	now := dup.Platforms[0]
	now.OwnerID = Sony
	diff(t, "PlatformsByOwner", map[string][]pg.Platform{Sony: {fixturePlatform(PlayStation), now}}, owned)
	byArticle, err := s.DealIDsByArticle(ctx(t), []string{articleExtra})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByArticle", map[string][]string{articleExtra: {DealSonyMicrosoft}}, byArticle)

	want.Companies, want.Deals = 5, 5
	want.Parties, want.DealPlatforms, want.Evidence, want.Mentions = 10, 5, 7, 18
	diff(t, "Counts after the merge", want, counts(t, s))
	rewriteKeeps(t, s, dup, Fixture())
}

func testCurateSplit(t *testing.T, s pg.Store) {
	withFixture(t, s)
	curate(t, s, pg.Curation{Kind: pg.CurateSplit, CompanyID: Sony, Alias: "Sony Interactive Entertainment"})
	sony := fixtureCompany(Sony)
	sony.Aliases = []string{"Sony Group"}
	got, err := s.Company(ctx(t), Sony)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "company split from", sony, got)
	sie := pg.Company{ID: "sony-interactive-entertainment", Name: "Sony Interactive Entertainment"}
	got, err = s.CompanyByName(ctx(t), "sony interactive entertainment")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "split-off company", sie, got)
	ids, err := s.DealIDsByCompany(ctx(t), []string{Sony, sie.ID})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "deals stay with the company split from", map[string][]string{Sony: sorted(DealSonyMicrosoft, DealSonyNintendo)}, ids)
	want := FixtureCounts
	want.Companies++
	diff(t, "Counts", want, counts(t, s))
	// Rewriting the fixture, which lists the alias under Sony, does not put
	// it back.
	rewriteKeeps(t, s, Fixture())
}

func testCurateRejectDeal(t *testing.T, s pg.Store) {
	withFixture(t, s)
	curate(t, s, pg.Curation{Kind: pg.CurateRejectDeal, DealID: DealSEGANintendo, Reason: "only a rumour"})
	_, err := s.Deal(ctx(t), DealSEGANintendo)
	wantErr(t, "Deal(rejected)", err, pg.ErrNotFound)
	ids, err := s.DealIDsByCompany(ctx(t), []string{Nintendo, SEGA})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByCompany", map[string][]string{Nintendo: {DealSonyNintendo}, SEGA: {DealMicrosoftSEGA}}, ids)
	byArticle, err := s.DealIDsByArticle(ctx(t), []string{ArticleCloses})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByArticle", map[string][]string{ArticleCloses: {DealActivision}}, byArticle)
	ev, err := s.EvidenceByDeal(ctx(t), []string{DealSEGANintendo})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "EvidenceByDeal", map[string][]pg.Evidence{}, ev)
	want := FixtureCounts
	want.Deals, want.Parties, want.Evidence = 4, 8, 5
	diff(t, "Counts", want, counts(t, s))
	rewriteKeeps(t, s, Fixture())
}

func testCurateDeleteArticle(t *testing.T, s pg.Store) {
	withFixture(t, s)
	curate(t, s, pg.Curation{Kind: pg.CurateDeleteArticle, ArticleID: ArticleCloses, Reason: "paywalled copy"})
	_, err := s.Article(ctx(t), ArticleCloses)
	wantErr(t, "Article(deleted)", err, pg.ErrNotFound)
	_, err = s.Deal(ctx(t), DealSEGANintendo)
	wantErr(t, "Deal only the article reported", err, pg.ErrNotFound)
	// The acquisition keeps its first report and is re-aggregated over it.
	got, err := s.Deal(ctx(t), DealActivision)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "re-aggregated deal", fixtureDeal(DealActivision), got)
	ev, err := s.EvidenceByDeal(ctx(t), []string{DealActivision})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "EvidenceByDeal", map[string][]pg.Evidence{DealActivision: {Fixture().Evidence[2]}}, ev)
	byPlatform, err := s.DealIDsByPlatform(ctx(t), []string{GamePass})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByPlatform", map[string][]string{}, byPlatform)
	want := pg.Counts{Companies: 5, Platforms: 4, Deals: 4, Articles: 2,
		Parties: 8, DealPlatforms: 4, Owners: 3, Evidence: 4, Mentions: 9}
	diff(t, "Counts", want, counts(t, s))
	rewriteKeeps(t, s, Fixture())
}

func testCurateErrors(t *testing.T, s pg.Store) {
	withFixture(t, s)
	before := takeSnapshot(t, s)
	tests := []struct {
		name string
		c    pg.Curation
		want error
	}{
		{"AddAliasUnknownCompany", pg.Curation{Kind: pg.CurateAddAlias, CompanyID: "apple", Alias: "Apple Inc"}, pg.ErrNotFound},
		{"AddEmptyAlias", pg.Curation{Kind: pg.CurateAddAlias, CompanyID: SEGA}, pg.ErrInvalid},
		{"MergeUnknownKeep", pg.Curation{Kind: pg.CurateMerge, KeepID: "apple", DropID: SEGA}, pg.ErrNotFound},
		{"MergeUnknownDrop", pg.Curation{Kind: pg.CurateMerge, KeepID: SEGA, DropID: "apple"}, pg.ErrNotFound},
		{"SelfMerge", pg.Curation{Kind: pg.CurateMerge, KeepID: SEGA, DropID: SEGA}, pg.ErrConflict},
		{"SplitUnknownCompany", pg.Curation{Kind: pg.CurateSplit, CompanyID: "apple", Alias: "Apple Inc"}, pg.ErrNotFound},
		{"SplitUnknownAlias", pg.Curation{Kind: pg.CurateSplit, CompanyID: Sony, Alias: "Sony Music"}, pg.ErrNotFound},
		{"SplitOntoItself", pg.Curation{Kind: pg.CurateSplit, CompanyID: SEGA, Alias: "Sega"}, pg.ErrConflict},
		{"RejectUnknownDeal", pg.Curation{Kind: pg.CurateRejectDeal, DealID: "d:nope"}, pg.ErrNotFound},
		{"DeleteUnknownArticle", pg.Curation{Kind: pg.CurateDeleteArticle, ArticleID: "a:nope"}, pg.ErrNotFound},
		{"UnknownKind", pg.Curation{Kind: "rename", CompanyID: SEGA}, pg.ErrInvalid},
	}
	for _, tt := range tests {
		err := s.Curate(ctx(t), tt.c)
		wantErr(t, tt.name, err, tt.want)
	}
	diff(t, "snapshot after failed curations", before, takeSnapshot(t, s))

	// Splitting off an alias whose ID is taken by another company conflicts.
	write(t, s, pg.Batch{Companies: []pg.Company{{ID: "msft", Name: "MSFT Holdings"}}})
	err := s.Curate(ctx(t), pg.Curation{Kind: pg.CurateSplit, CompanyID: Microsoft, Alias: "MSFT"})
	wantErr(t, "SplitOntoAnother", err, pg.ErrConflict)
}

func testCurationsInOrder(t *testing.T, s pg.Store) {
	withFixture(t, s)
	cs := []pg.Curation{
		{Kind: pg.CurateRejectDeal, DealID: DealSEGANintendo, Reason: "rumour"},
		{Kind: pg.CurateAddAlias, CompanyID: Activision, Alias: "ATVI"},
		{Kind: pg.CurateDeleteArticle, ArticleID: ArticleCloud},
		{Kind: pg.CurateMerge, KeepID: Microsoft, DropID: Activision, Reason: "acquired"},
		{Kind: pg.CurateSplit, CompanyID: Microsoft, Alias: "ATVI"},
	}
	for _, c := range cs {
		curate(t, s, c)
	}
	got, err := s.Curations(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Curations", cs, got)
	// The deals of the deleted article are gone; the acquisition is now
	// Microsoft's (as buyer and target) and ATVI a company without deals.
	self := pg.DealID(pg.Acquisition, []pg.Party{{CompanyID: Microsoft, Role: pg.RoleBuyer}, {CompanyID: Microsoft, Role: pg.RoleTarget}})
	ids, err := s.DealIDsByCompany(ctx(t), []string{Microsoft, Activision, "atvi"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "DealIDsByCompany", map[string][]string{Microsoft: {self}}, ids)
	ms, err := s.Company(ctx(t), Microsoft)
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Microsoft's aliases", []string{"Activision", "Activision Blizzard", "Microsoft Corp", "MSFT"}, ms.Aliases)
	atvi, err := s.CompanyByName(ctx(t), "atvi")
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "split-off company", pg.Company{ID: "atvi", Name: "ATVI"}, atvi)
	rewriteKeeps(t, s, Fixture())
}
