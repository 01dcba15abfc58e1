package loader_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
)

// storeWith returns an embedded store in memory holding batch b, closed
// when the test ends.
func storeWith(t *testing.T, b partnergraph.Batch) *memstore.Store {
	t.Helper()
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Write(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	return s
}

func article(id, published string) loader.Document {
	return loader.Document{SourceID: id, Article: partnergraph.Article{ID: partnergraph.ArticleID(id), Published: published}}
}

func partners(a, b string) []loader.ExtractedParty {
	return []loader.ExtractedParty{{Name: a, Role: partnergraph.RolePartner}, {Name: b, Role: partnergraph.RolePartner}}
}

// seedExtractions are what the two seed articles yield: both report the
// Microsoft–SEGA and Microsoft–Sony partnerships, spelling SEGA differently.
func seedExtractions() []loader.Extraction {
	azure := loader.ExtractedPlatform{Name: "Azure", Aliases: []string{"Microsoft Azure"}, Owner: "Microsoft", Kind: partnergraph.PlatformCloud}
	return []loader.Extraction{
		{
			Doc:       article("kitguru", "2021-11-01"),
			Companies: []loader.ExtractedCompany{{Name: "Microsoft"}, {Name: "SEGA", Aliases: []string{"Sega"}}, {Name: "Sony"}},
			Platforms: []loader.ExtractedPlatform{azure},
			Deals: []loader.ExtractedDeal{
				{Type: partnergraph.Partnership, Parties: partners("Microsoft", "SEGA"), Platforms: []string{"Azure"}, Year: 2021,
					Status: partnergraph.AgreedInPrinciple, Sentence: "Microsoft and SEGA form a partnership.", Start: 0, End: 38, Confidence: 0.8},
				{Type: partnergraph.Partnership, Parties: partners("Microsoft", "Sony"), Year: 2019,
					Status: partnergraph.Announced, Sentence: "Back in 2019, Microsoft and Sony formed a partnership.", Start: 40, End: 94, Confidence: 0.8},
			},
		},
		{
			Doc:       article("videogamer", "2021-11-02"),
			Companies: []loader.ExtractedCompany{{Name: "Sega"}, {Name: "Microsoft Corp"}, {Name: "Sony"}},
			Platforms: []loader.ExtractedPlatform{{Name: "Azure", Owner: "Microsoft", Kind: partnergraph.PlatformCloud}},
			Deals: []loader.ExtractedDeal{
				{Type: partnergraph.Partnership, Parties: partners("Sega", "Microsoft Corp"), Platforms: []string{"Azure"}, Year: 2021,
					Status: partnergraph.Announced, Sentence: "Sega and Microsoft announce an alliance.", Start: 0, End: 40, Confidence: 0.7},
				{Type: partnergraph.Partnership, Parties: partners("Microsoft Corp", "Sony"), Platforms: []string{"Azure"}, Year: 2019,
					Status: partnergraph.Announced, Sentence: "Back in 2019 Microsoft and Sony announced a partnership.", Start: 50, End: 105, Confidence: 0.7},
			},
		},
	}
}

func TestResolveMergesDealsAcrossArticles(t *testing.T) {
	b := loader.Resolve(seedExtractions())

	var ids []string
	for _, c := range b.Companies {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"microsoft", "sega", "sony"}, ids); diff != "" {
		t.Errorf("company IDs (-want +got):\n%s", diff)
	}
	sega := b.Companies[slices.IndexFunc(b.Companies, func(c partnergraph.Company) bool { return c.ID == "sega" })]
	if !slices.Contains(append(sega.Aliases, sega.Name), "SEGA") || !slices.Contains(append(sega.Aliases, sega.Name), "Sega") {
		t.Errorf("SEGA = %+v, want both spellings", sega)
	}

	if len(b.Platforms) != 1 || b.Platforms[0].ID != "p:azure" || b.Platforms[0].OwnerID != "microsoft" {
		t.Fatalf("platforms = %+v, want Azure owned by microsoft", b.Platforms)
	}
	if len(b.Deals) != 2 {
		t.Fatalf("got %d deals, want 2: %+v", len(b.Deals), b.Deals)
	}
	segaDeal := partnergraph.DealID(partnergraph.Partnership, []partnergraph.Party{{CompanyID: "microsoft", Role: partnergraph.RolePartner}, {CompanyID: "sega", Role: partnergraph.RolePartner}})
	sonyDeal := partnergraph.DealID(partnergraph.Partnership, []partnergraph.Party{{CompanyID: "sony", Role: partnergraph.RolePartner}, {CompanyID: "microsoft", Role: partnergraph.RolePartner}})
	got := map[string]partnergraph.Deal{}
	for _, d := range b.Deals {
		got[d.ID] = d
	}
	want := map[string]struct {
		year   int
		status partnergraph.DealStatus
	}{
		// The later article says only "announced": the latest report wins.
		segaDeal: {2021, partnergraph.Announced},
		sonyDeal: {2019, partnergraph.Announced},
	}
	for id, w := range want {
		d, ok := got[id]
		if !ok {
			t.Fatalf("deal %s missing", id)
		}
		if d.Year != w.year || d.Status != w.status || !slices.Equal(d.PlatformIDs, []string{"p:azure"}) {
			t.Errorf("deal %s = year %d status %s platforms %v, want %d %s [p:azure]", d.Summary, d.Year, d.Status, d.PlatformIDs, w.year, w.status)
		}
		if d.Confidence <= 0.8 {
			t.Errorf("deal %s confidence %.2f, want corroboration above 0.8", d.Summary, d.Confidence)
		}
	}
	var evFor []string
	for _, e := range b.Evidence {
		if e.DealID == sonyDeal {
			evFor = append(evFor, e.ArticleID)
		}
	}
	if diff := cmp.Diff([]string{"a:kitguru", "a:videogamer"}, evFor); diff != "" {
		t.Errorf("evidence of the Sony deal (-want +got):\n%s", diff)
	}
	if len(b.Evidence) != 4 || len(b.Articles) != 2 {
		t.Errorf("got %d evidence, %d articles; want 4 and 2", len(b.Evidence), len(b.Articles))
	}
	wantMentions := partnergraph.Mention{ArticleID: "a:videogamer", Kind: partnergraph.MentionCompany, EntityID: "sega"}
	if !slices.Contains(b.Mentions, wantMentions) {
		t.Errorf("mentions lack %+v: %+v", wantMentions, b.Mentions)
	}
}

func TestResolveIsDeterministic(t *testing.T) {
	xs := seedExtractions()
	a := loader.Resolve(xs)
	slices.Reverse(xs)
	b := loader.Resolve(xs)
	if diff := cmp.Diff(a.Deals, b.Deals); diff != "" {
		t.Errorf("deals depend on article order (-first +reversed):\n%s", diff)
	}
	if diff := cmp.Diff(a.Evidence, b.Evidence); diff != "" {
		t.Errorf("evidence depends on article order:\n%s", diff)
	}
}

func TestResolveKeepsSimilarNamesApart(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		want  []string
	}{
		{"legal suffix and case", []string{"Sega", "SEGA", "Sega Corp"}, []string{"sega"}},
		{"different companies", []string{"Sears Plc", "Sears Motor Group"}, []string{"sears-motor-group", "sears-plc"}},
		{"leading the", []string{"The Walt Disney Co", "Walt Disney Co"}, []string{"walt-disney-co"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var xs []loader.Extraction
			for i, n := range tt.names {
				xs = append(xs, loader.Extraction{Doc: article(string(rune('a'+i)), ""), Companies: []loader.ExtractedCompany{{Name: n}}})
			}
			var got []string
			for _, c := range loader.Resolve(xs).Companies {
				got = append(got, c.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("company IDs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolveBuyerFirstAndValue(t *testing.T) {
	v := 185e6
	xs := []loader.Extraction{{
		Doc: article("r1", "1987-04-07"),
		Deals: []loader.ExtractedDeal{{
			Type:    partnergraph.Acquisition,
			Parties: []loader.ExtractedParty{{Name: "Avon Products Inc", Role: partnergraph.RoleBuyer}, {Name: "Giorgio Inc", Role: partnergraph.RoleTarget}},
			Year:    1987, Status: partnergraph.AgreedInPrinciple, Value: &v, Currency: "USD", Confidence: 0.8,
		}},
	}}
	b := loader.Resolve(xs)
	if len(b.Deals) != 1 {
		t.Fatalf("got %d deals", len(b.Deals))
	}
	d := b.Deals[0]
	if d.Parties[0] != (partnergraph.Party{CompanyID: "avon-products-inc", Role: partnergraph.RoleBuyer}) || d.Value == nil || *d.Value != v || d.Currency != "USD" {
		t.Errorf("deal = %+v", d)
	}
	// The store writes the summary from the names it settles on.
	if d.Summary != "" {
		t.Errorf("summary = %q, want none in the batch", d.Summary)
	}
	s := storeWith(t, b)
	if got, err := s.Deal(t.Context(), d.ID); err != nil || got.Summary != "Avon Products Inc acquisition of Giorgio Inc" {
		t.Errorf("stored summary = %q, %v", got.Summary, err)
	}
	if len(b.Companies) != 2 {
		t.Errorf("parties must be companies too: %+v", b.Companies)
	}
}

// TestResolveJoinsStatedInitials checks that a name the article gives its
// initials in brackets ("Orla & Northern Gas Corp (ONGC)") is one company
// with them, that the initials become an alias other articles join on, and
// that a ticker in brackets joins nothing.
func TestResolveJoinsStatedInitials(t *testing.T) {
	first := article("one", "2005-01-20")
	first.Text = "The explorer Orla & Northern Gas Corp (ONGC) is in talks with Vostok Oil. ONGC agreed a partnership with Vostok Oil."
	second := article("two", "2005-01-21")
	const sentence1, sentence2 = "ONGC agreed a partnership with Vostok Oil.", "ONGC bid for a stake in Kestrel Oil."
	second.Text = "Shares of Velmora (VLMR) rose. ONGC bid for a stake in Kestrel Oil."
	xs := []loader.Extraction{
		{
			Doc:       first,
			Companies: []loader.ExtractedCompany{{Name: "Orla & Northern Gas Corp"}, {Name: "ONGC"}, {Name: "Vostok Oil"}},
			Deals: []loader.ExtractedDeal{{Type: partnergraph.Partnership, Parties: partners("ONGC", "Vostok Oil"),
				Status: partnergraph.Announced, Sentence: sentence1, Start: strings.Index(first.Text, sentence1), End: strings.Index(first.Text, sentence1) + len(sentence1), Confidence: 0.8}},
		},
		{
			Doc:       second,
			Companies: []loader.ExtractedCompany{{Name: "Velmora"}, {Name: "VLMR"}, {Name: "ONGC"}, {Name: "Kestrel Oil"}},
			Deals: []loader.ExtractedDeal{{Type: partnergraph.Investment, Parties: []loader.ExtractedParty{
				{Name: "ONGC", Role: partnergraph.RoleInvestor}, {Name: "Kestrel Oil", Role: partnergraph.RoleInvestee}},
				Status: partnergraph.Proposed, Sentence: sentence2, Start: strings.Index(second.Text, sentence2), End: strings.Index(second.Text, sentence2) + len(sentence2), Confidence: 0.8}},
		},
	}
	b := loader.Resolve(xs)
	var ids []string
	for _, c := range b.Companies {
		ids = append(ids, c.ID)
		if c.Name == "Orla & Northern Gas Corp" && !slices.Contains(c.Aliases, "ONGC") {
			t.Errorf("%s has aliases %q, want ONGC among them", c.Name, c.Aliases)
		}
	}
	// In the batch the second article's ONGC is still a name of its own;
	// the store joins it on the alias.
	if diff := cmp.Diff([]string{"kestrel-oil", "ongc", "orla-and-northern-gas-corp", "velmora", "vlmr", "vostok-oil"}, ids); diff != "" {
		t.Errorf("company IDs (-want +got):\n%s", diff)
	}
	for _, e := range b.Evidence {
		if e.ArticleID == partnergraph.ArticleID("one") && !slices.ContainsFunc(e.Parties, func(p partnergraph.Party) bool { return p.CompanyID == "orla-and-northern-gas-corp" }) {
			t.Errorf("the first article's deal has parties %+v, want the company named in full", e.Parties)
		}
	}
	s := storeWith(t, b)
	c, err := s.CompanyByName(t.Context(), "ONGC")
	if err != nil {
		t.Fatal(err)
	}
	if full, err := s.CompanyByName(t.Context(), "Orla & Northern Gas Corp"); err != nil || full.ID != c.ID {
		t.Errorf("ONGC is %s %q, Orla & Northern Gas Corp %+v (%v): want one company", c.ID, c.Name, full, err)
	}
	if m, err := s.CompanyByName(t.Context(), "VLMR"); err != nil || m.Name != "VLMR" {
		t.Errorf("VLMR is %+v (%v), want a company of its own", m, err)
	}
}
