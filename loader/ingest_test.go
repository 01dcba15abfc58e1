package loader_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

func TestIngest(t *testing.T) {
	const story = "SEGA and Microsoft have agreed in principle to form a strategic alliance under which SEGA will build large-scale global games on Microsoft's Azure cloud platform."
	tests := []struct {
		name        string
		in          partnergraph.ArticleInput
		wantArticle partnergraph.Article
		wantErr     error
	}{
		{
			name:        "text with an ID",
			in:          partnergraph.ArticleInput{ID: "sega-1", URL: "https://example.com/sega", Title: "SEGA and Microsoft", Publisher: "Wire", Published: "2021-11-01", Text: story},
			wantArticle: partnergraph.Article{ID: "a:sega-1", URL: "https://example.com/sega", Title: "SEGA and Microsoft", Publisher: "Wire", Published: "2021-11-01"},
		},
		{
			name:        "no ID: the URL names the article",
			in:          partnergraph.ArticleInput{URL: "https://example.com/sega", Title: "Alliance", Text: story},
			wantArticle: partnergraph.Article{ID: "a:https://example.com/sega", URL: "https://example.com/sega", Title: "Alliance"},
		},
		{
			name: "html: metadata from the page fills the gaps",
			in: partnergraph.ArticleInput{ID: "sega-html", Publisher: "Given",
				HTML: `<html><head><title>SEGA picks Azure</title><meta property="og:site_name" content="Page Site"><meta property="article:published_time" content="2021-11-02"></head><body><p>` + story + `</p></body></html>`},
			wantArticle: partnergraph.Article{ID: "a:sega-html", Title: "SEGA picks Azure", Publisher: "Given", Published: "2021-11-02"},
		},
		{
			name:    "both text and html",
			in:      partnergraph.ArticleInput{ID: "x", Text: story, HTML: "<p>" + story + "</p>"},
			wantErr: partnergraph.ErrInvalid,
		},
		{
			name:    "neither text nor html",
			in:      partnergraph.ArticleInput{ID: "x", Text: "  "},
			wantErr: partnergraph.ErrInvalid,
		},
		{
			name:    "bad date",
			in:      partnergraph.ArticleInput{ID: "x", Published: "1 Nov 2021", Text: story},
			wantErr: partnergraph.ErrInvalid,
		},
	}
	ing := loader.NewIngester(newExtractor(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ing.Ingest(t.Context(), tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Ingest error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Ingest: %v", err)
			}
			if len(b.Articles) != 1 {
				t.Fatalf("batch has %d articles, want 1", len(b.Articles))
			}
			if diff := cmp.Diff(tt.wantArticle, b.Articles[0]); diff != "" {
				t.Errorf("article mismatch (-want +got):\n%s", diff)
			}
			if len(b.Deals) == 0 {
				t.Errorf("no deal extracted from %q", story)
			}
			for _, e := range b.Evidence {
				if e.ArticleID != tt.wantArticle.ID {
					t.Errorf("evidence for article %q, want %q", e.ArticleID, tt.wantArticle.ID)
				}
			}
		})
	}
}

func TestIngestWithoutIDOrURLIsStable(t *testing.T) {
	ing := loader.NewIngester(newExtractor(t))
	in := partnergraph.ArticleInput{Text: "Microsoft agreed to acquire GitHub for $7.5 billion."}
	var ids []string
	for range 2 {
		b, err := ing.Ingest(t.Context(), in)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.Articles[0].ID)
	}
	if ids[0] != ids[1] || ids[0] == "a:" {
		t.Errorf("IDs %q: want one stable, non-empty ID", ids)
	}
	other, err := ing.Ingest(t.Context(), partnergraph.ArticleInput{Text: "Sony agreed to acquire Bungie for $3.6 billion."})
	if err != nil {
		t.Fatal(err)
	}
	if other.Articles[0].ID == ids[0] {
		t.Errorf("two different texts got the same ID %q", ids[0])
	}
}
