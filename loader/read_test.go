package loader_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// result is one item yielded by loader.Read, with the error as text.
type result struct {
	Article loader.RawArticle
	Err     string
}

func readAll(t testing.TB, ctx context.Context, paths []string, stdin io.Reader) []result {
	t.Helper()
	var out []result
	for a, err := range loader.Read(ctx, paths, stdin) {
		r := result{Article: a}
		if err != nil {
			r.Err = err.Error()
			if a.Origin == "" {
				t.Errorf("error %q came with no origin", err)
			}
			var ie *loader.InputError
			if errors.As(err, &ie) && ie.Origin != a.Origin {
				t.Errorf("InputError origin %q, article origin %q", ie.Origin, a.Origin)
			}
		}
		out = append(out, r)
	}
	return out
}

const dir = "testdata/read/"

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		stdin string
		want  []result
	}{
		{
			name:  "text with front matter",
			paths: []string{dir + "frontmatter.txt"},
			want: []result{{Article: loader.RawArticle{
				SourceID: "frontmatter", Origin: dir + "frontmatter.txt",
				URL: "https://example.com/news/acme-buys-widgetco", Title: "Acme agrees to buy WidgetCo",
				Publisher: "Example News", Published: "2023-04-05",
				Text: "Acme to buy WidgetCo\n\nAcme Corp said on Wednesday it would buy WidgetCo for $40 million.",
			}}},
		},
		{
			name:  "markdown: first non-empty line is the title",
			paths: []string{dir + "plain.md"},
			want: []result{{Article: loader.RawArticle{
				SourceID: "plain", Origin: dir + "plain.md", Title: "Globex and Initech team up",
				Text: "# Globex and Initech team up\n\nGlobex and Initech said they would work together on billing software.",
			}}},
		},
		{
			name:  "unterminated front matter names the line",
			paths: []string{dir + "unterminated.md"},
			want: []result{{
				Article: loader.RawArticle{Origin: dir + "unterminated.md:3"},
				Err:     dir + `unterminated.md:3: front matter: want "key: value", got "Lambda said hello."`,
			}},
		},
		{
			name:  "html: readability text and page metadata",
			paths: []string{dir + "page.html"},
			want: []result{{Article: loader.RawArticle{
				SourceID: "page", Origin: dir + "page.html",
				URL: "https://ledger.example/northwind-contoso", Title: "Northwind picks Contoso cloud",
				Publisher: "Daily Ledger", Published: "2022-03-14",
				Text: "Northwind Traders has signed a five-year agreement to run its ordering systems on the Contoso cloud, the two companies said on Monday.\n\n" +
					"The retailer will move its warehouses, its web shop and its payment systems over the next eighteen months, according to people who worked on the plan.\n\n" +
					"Contoso did not disclose the value of the contract, but said Northwind would be one of its largest retail customers in Europe.",
			}}},
		},
		{
			name:  "jsonl: bad lines name file, line and field; the rest is read",
			paths: []string{dir + "lines.jsonl"},
			want: []result{
				{Article: loader.RawArticle{SourceID: "good-1", Origin: dir + "lines.jsonl:1", URL: "https://example.com/1", Title: "First", Publisher: "Wire", Published: "2020-01-02", Text: "Alpha and Beta agreed to merge."}},
				{Article: loader.RawArticle{Origin: dir + "lines.jsonl:3"}, Err: dir + "lines.jsonl:3: invalid JSON at byte 40: unexpected end of JSON input"},
				{Article: loader.RawArticle{Origin: dir + "lines.jsonl:4"}, Err: dir + `lines.jsonl:4: field published: "January 2020" is not a date (want YYYY-MM-DD)`},
				{Article: loader.RawArticle{Origin: dir + "lines.jsonl:5"}, Err: dir + "lines.jsonl:5: field text: missing (neither text nor html is set)"},
				{Article: loader.RawArticle{SourceID: "html-1", Origin: dir + "lines.jsonl:6", Title: "Epsilon invests in Zeta", Text: "Epsilon has taken a 10 percent stake in Zeta."}},
				{Article: loader.RawArticle{SourceID: "https://example.com/by-url", Origin: dir + "lines.jsonl:7", URL: "https://example.com/by-url", Published: "2021-06-07", Text: "Eta licenses Theta's patents."}},
				{Article: loader.RawArticle{Origin: dir + "lines.jsonl:8"}, Err: dir + "lines.jsonl:8: field id: want a string, got a JSON number"},
				{Article: loader.RawArticle{Origin: dir + "lines.jsonl:9"}, Err: dir + "lines.jsonl:9: want a JSON object, got a JSON array"},
			},
		},
		{
			name:  "rss feed: one article per item",
			paths: []string{dir + "feed.rss"},
			want: []result{
				{Article: loader.RawArticle{SourceID: "wire-iota-kappa", Origin: dir + "feed.rss#1", URL: "https://wire.example/iota-kappa", Title: "Iota and Kappa form venture", Publisher: "Example Wire", Published: "2021-08-10", Text: "Iota and Kappa will form a joint venture."}},
				{Article: loader.RawArticle{Origin: dir + "feed.rss#2"}, Err: dir + "feed.rss#2: field content: item has neither content nor description"},
			},
		},
		{
			name:  "a binary file is reported, not read as text",
			paths: []string{dir + "binary.txt"},
			want:  []result{{Article: loader.RawArticle{Origin: dir + "binary.txt"}, Err: dir + "binary.txt: not UTF-8 text (a binary file?)"}},
		},
		{
			name:  "unsupported file is reported, not read",
			paths: []string{dir + "table.csv"},
			want:  []result{{Article: loader.RawArticle{Origin: dir + "table.csv"}, Err: dir + `table.csv: skipped: unsupported file type ".csv"`}},
		},
		{
			name:  "missing path is reported and the next path read",
			paths: []string{dir + "nope.txt", dir + "sub"},
			want: []result{
				{Article: loader.RawArticle{Origin: dir + "nope.txt"}, Err: dir + "nope.txt: no such file or directory"},
				{Article: loader.RawArticle{SourceID: "nested", Origin: dir + "sub/nested.txt", Title: "Lambda expands Mu deal", Text: "Lambda expands Mu deal\nLambda said it had expanded its deal with Mu."}},
			},
		},
		{
			name:  "stdin is JSONL",
			paths: []string{"-"},
			stdin: "{\"id\":\"s1\",\"published\":\"2019-05-16\",\"text\":\"Sony and Microsoft partner.\"}\r\n\n{\"id\":\"s2\",\"text\":\"\",\"html\":\"\"}\n",
			want: []result{
				{Article: loader.RawArticle{SourceID: "s1", Origin: "stdin:1", Published: "2019-05-16", Text: "Sony and Microsoft partner."}},
				{Article: loader.RawArticle{Origin: "stdin:3"}, Err: "stdin:3: field text: missing (neither text nor html is set)"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, t.Context(), tt.paths, strings.NewReader(tt.stdin))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read(%q) mismatch (-want +got):\n%s", tt.paths, diff)
			}
		})
	}
}

func TestReadDirectoryIsRecursiveSortedAndSkipsHidden(t *testing.T) {
	var origins []string
	ids := map[string]string{}
	for _, r := range readAll(t, t.Context(), []string{"testdata/read"}, nil) {
		origins = append(origins, r.Article.Origin)
		ids[r.Article.Origin] = r.Article.SourceID
	}
	// A file in a subdirectory keeps the subdirectory in its source ID.
	for origin, want := range map[string]string{dir + "plain.md": "plain", dir + "sub/nested.txt": "sub/nested"} {
		if ids[origin] != want {
			t.Errorf("source ID of %s = %q, want %q", origin, ids[origin], want)
		}
	}
	want := []string{
		dir + "binary.txt",
		dir + "feed.rss#1", dir + "feed.rss#2",
		dir + "frontmatter.txt",
		dir + "lines.jsonl:1", dir + "lines.jsonl:3", dir + "lines.jsonl:4", dir + "lines.jsonl:5", dir + "lines.jsonl:6", dir + "lines.jsonl:7", dir + "lines.jsonl:8", dir + "lines.jsonl:9",
		dir + "page.html", dir + "plain.md", dir + "sub/nested.txt", dir + "table.csv", dir + "unterminated.md:3",
	}
	if diff := cmp.Diff(want, origins); diff != "" {
		t.Errorf("origins mismatch (-want +got):\n%s", diff)
	}
}

func TestReadErrorsWrapErrInvalid(t *testing.T) {
	for a, err := range loader.Read(t.Context(), []string{dir + "table.csv", dir + "lines.jsonl"}, nil) {
		if err != nil && !errors.Is(err, partnergraph.ErrInvalid) {
			t.Errorf("%s: error %v does not wrap ErrInvalid", a.Origin, err)
		}
	}
}

func TestReadStopsWhenContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got []result
	for a, err := range loader.Read(ctx, []string{dir + "lines.jsonl"}, nil) {
		r := result{Article: a}
		if err != nil {
			r.Err = err.Error()
		}
		got = append(got, r)
		cancel()
	}
	want := []result{
		{Article: loader.RawArticle{SourceID: "good-1", Origin: dir + "lines.jsonl:1", URL: "https://example.com/1", Title: "First", Publisher: "Wire", Published: "2020-01-02", Text: "Alpha and Beta agreed to merge."}},
		{Article: loader.RawArticle{Origin: dir + "lines.jsonl:3"}, Err: context.Canceled.Error()},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestReadConsumerCanStopEarly(t *testing.T) {
	n := 0
	for range loader.Read(t.Context(), []string{"testdata/read"}, nil) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Fatalf("read %d items, want to stop at 2", n)
	}
}
