package loader_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

func TestClean(t *testing.T) {
	story := "Acme Corp and Globex have agreed to build games on a shared cloud platform, the companies said on Monday. " +
		"The agreement covers five years and several studios in Europe and Asia, and both firms expect more titles to follow."
	story2 := "Globex will move its servers to the new platform next year, and Acme will open an office in Tokyo to support it."
	tests := []struct {
		name string
		text string
		want string
	}{
		{
			name: "event plug glued to a long story paragraph goes alone",
			text: "Events Tour Join us for the Acme Summit, register now: it is coming to a city near you! " + story + " " + story2 + " " + story + " " + story2 + " " + story,
			want: story + " " + story2 + " " + story + " " + story2 + " " + story,
		},
		{
			name: "a page marker glued to a story paragraph goes alone",
			text: story + "\n\nafter newsletter promotion " + story2 + "\n\nSign up for our newsletter.",
			want: story + "\n\n" + story2,
		},
		{
			name: "quotes and spaces",
			text: "Acme\u2019s  \u201cbig\u201d\u00a0deal\r\nwent\tthrough.",
			want: "Acme's \"big\" deal\n\nwent through.",
		},
		{
			name: "breadcrumb and repeated headline",
			text: "Home / Tech News / Gaming / Acme and Globex team up\n\nAcme and Globex team up\n\nAcme and Globex team up\n\n" + story,
			want: "Acme and Globex team up\n\n" + story,
		},
		{
			name: "teaser heading past the middle ends the story",
			text: story + "\n\nCheck Also\n\nA chip maker explains its new design\n\nThe chip maker launched two processor families last year and we reviewed both of them at length.",
			want: story,
		},
		{
			name: "teaser heading early drops only its teaser",
			text: "Acme and Globex team up\n\nRead more\n\nWhy cloud gaming is hard\n\n" + story + "\n\n" + story2,
			want: "Acme and Globex team up\n\n" + story + "\n\n" + story2,
		},
		{
			name: "ad blocker appeal and what follows",
			text: story + "\n\nWe have noticed that you are using an ad blocker.\n\nThank you for visiting. Our reporters work hard to bring you the news, and advertising pays for it.",
			want: story,
		},
		{
			name: "affiliate, newsletter, cookie and share lines",
			text: "Example Games is reader-supported. When you buy through links on our site, we may earn an affiliate commission.\n\n" +
				story + "\n\nSign up for our newsletter to get the best stories.\n\nWe use cookies to improve your experience.\n\n" +
				"Share on Facebook Share on X Share on LinkedIn\n\nDiscuss on our Facebook page, HERE.\n\nBecome a Patron!",
			want: story,
		},
		{
			name: "share widget glued to the lead sentence",
			text: "| Share this story Acme is investing $1 billion in Globex, and fans can share on Xbox Live.",
			want: "Acme is investing $1 billion in Globex, and fans can share on Xbox Live.",
		},
		{
			name: "menu, headline and share buttons glued to the lead",
			text: "Security View All Data Security Cloud View All Storage Acme buys Globex Share on Facebook Share on X Share on LinkedIn Acme, a maker of robots, has agreed to buy Globex for $2 billion.\n\n" + story,
			want: "Acme, a maker of robots, has agreed to buy Globex for $2 billion.\n\n" + story,
		},
		{
			name: "editorial box kept",
			text: story + "\n\nExample Says: this is a sensible move for both companies and we expect more of them.",
			want: story + "\n\nExample Says: this is a sensible move for both companies and we expect more of them.",
		},
		{
			name: "promotional sentence inside a story paragraph",
			text: "Example Event Meet the cloud community at the Example Summit coming to a city near you! " + story,
			want: story,
		},
		{
			name: "wire copy is unwrapped",
			text: "ACME <ACME> TO BUY GLOBEX\n\n    Acme Corp said it agreed in\nprinciple to acquire Globex Inc for\n15 dlrs a share in cash, or about\n100 mln dlrs in all, the company said.\n    The deal is subject to approval by\nshareholders of both companies, it\nadded in a statement on Monday.\n Reuter",
			want: "ACME <ACME> TO BUY GLOBEX\n\nAcme Corp said it agreed in principle to acquire Globex Inc for 15 dlrs a share in cash, or about 100 mln dlrs in all, the company said.\n\nThe deal is subject to approval by shareholders of both companies, it added in a statement on Monday.",
		},
		{
			name: "byline dropped",
			text: "Acme and Globex team up\nJane Writer Updated on by\n" + story,
			want: "Acme and Globex team up\n\n" + story,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := loader.Clean(loader.RawArticle{SourceID: "x1", Publisher: "Example", Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc.Text); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCleanMetadata(t *testing.T) {
	doc, err := loader.Clean(loader.RawArticle{SourceID: "kitguru-1", URL: " https://example.com/a ", Publisher: "KitGuru",
		Published: "2021-11-01", Text: "Microsoft and SEGA form a partnership\n\nThe two firms agreed in principle."})
	if err != nil {
		t.Fatal(err)
	}
	want := partnergraph.Article{ID: "a:kitguru-1", URL: "https://example.com/a", Title: "Microsoft and SEGA form a partnership",
		Publisher: "KitGuru", Published: "2021-11-01"}
	if diff := cmp.Diff(want, doc.Article); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if doc.SourceID != "kitguru-1" {
		t.Errorf("SourceID = %q", doc.SourceID)
	}
}

func TestCleanEmpty(t *testing.T) {
	for _, text := range []string{"", "  \n\n ", "We use cookies to improve your experience.\n\nReuter"} {
		_, err := loader.Clean(loader.RawArticle{SourceID: "e", Text: text})
		if !errors.Is(err, partnergraph.ErrInvalid) {
			t.Errorf("Clean(%q) error = %v, want ErrInvalid", text, err)
		}
	}
}

// TestCleanSeeds checks the seed articles: the story stays, the page
// furniture goes.
func TestCleanSeeds(t *testing.T) {
	for _, a := range readJSONL(t, corpusPath(t, "seeds.jsonl")) {
		doc, err := loader.Clean(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, gone := range []string{"ad blocker", "Check Also", "Intel", "Home /", "reader-supported", "Patron", "Facebook page"} {
			if strings.Contains(doc.Text, gone) {
				t.Errorf("%s: cleaned text still holds %q", a.SourceID, gone)
			}
		}
		for _, kept := range []string{"Back in 2019", "Azure cloud platform"} {
			if !strings.Contains(doc.Text, kept) {
				t.Errorf("%s: cleaned text lost %q", a.SourceID, kept)
			}
		}
	}
}
