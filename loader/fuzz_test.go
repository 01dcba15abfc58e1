package loader

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// The fuzz targets below run every reader and extraction on arbitrary
// input. `go test` runs their seeds (the files of testdata/read and the
// sample articles) as ordinary tests; `make fuzz` explores for a bounded
// time (FUZZTIME per target), and CI runs it.

// addSeeds adds the files of the sample directories whose names end in
// one of exts to f's seed corpus.
func addSeeds(f *testing.F, exts ...string) {
	f.Helper()
	for _, dir := range []string{"testdata/read", "testdata/read/sub", "../examples/articles", "testdata/entities"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			for _, ext := range exts {
				if !e.IsDir() && strings.HasSuffix(e.Name(), ext) {
					b, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						f.Fatal(err)
					}
					f.Add(b)
				}
			}
		}
	}
}

// checkArticle asserts what every article a reader yields holds.
func checkArticle(t *testing.T, a RawArticle, origin string) {
	t.Helper()
	if a.Origin != origin && !strings.HasPrefix(a.Origin, origin) {
		t.Errorf("origin %q, want %q", a.Origin, origin)
	}
	if strings.TrimSpace(a.Text) == "" {
		t.Errorf("%s: an article without text", a.Origin)
	}
	if a.SourceID == "" {
		t.Errorf("%s: an article without an ID", a.Origin)
	}
	if a.Published != "" {
		if _, err := normaliseDate(a.Published); err != nil || len(a.Published) != len("2006-01-02") {
			t.Errorf("%s: published %q is not YYYY-MM-DD", a.Origin, a.Published)
		}
	}
}

// FuzzReadText: text and Markdown files, front matter included.
func FuzzReadText(f *testing.F) {
	addSeeds(f, ".txt", ".md")
	f.Add([]byte("---\npublished: 2021-01-02\ntitle: \"x\"\n---\nBody"))
	f.Add([]byte("---\nno end"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parseText("f.txt", "f", data)
		if err != nil {
			if err.Origin == "" || !strings.HasPrefix(err.Origin, "f.txt") {
				t.Errorf("error %q names %q", err.Reason, err.Origin)
			}
			return
		}
		checkArticle(t, a, "f.txt")
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Errorf("text or title is not UTF-8")
		}
	})
}

// FuzzReadHTML: HTML pages, through the readability parser.
func FuzzReadHTML(f *testing.F) {
	addSeeds(f, ".html", ".htm")
	f.Add([]byte("<p>Alpha Corp and Beta Inc agreed to merge.</p>"))
	f.Add([]byte("<html><head><link rel=canonical href=x><meta property=og:url content=y></head><body><script>1</script></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if looksBinary(data) {
			return // refused before parsing
		}
		a, err := parseHTMLFile("f.html", "f", data)
		if err != nil {
			if err.Origin != "f.html" {
				t.Errorf("error names %q", err.Origin)
			}
			return
		}
		checkArticle(t, a, "f.html")
	})
}

// readAllFrom collects what reading in yields with lim, by origin.
func readAllFrom(t *testing.T, lim Limits, read func(r *reader) bool) (articles []RawArticle, errs []*InputError) {
	t.Helper()
	r := reader{ctx: context.Background(), lim: lim, dirs: map[fileKey]string{}, files: map[fileKey]string{},
		yield: func(a RawArticle, err error) bool {
			if err != nil {
				ie, ok := err.(*InputError)
				if !ok {
					t.Errorf("error %v is not an *InputError", err)
					return true
				}
				if ie.Origin != a.Origin {
					t.Errorf("error origin %q, article origin %q", ie.Origin, a.Origin)
				}
				errs = append(errs, ie)
				return true
			}
			articles = append(articles, a)
			return true
		}}
	read(&r)
	return articles, errs
}

// lineOf returns the line number of a "path:N" origin.
func lineOf(t *testing.T, origin string) int {
	t.Helper()
	i := strings.LastIndexByte(origin, ':')
	n, err := strconv.Atoi(origin[i+1:])
	if err != nil {
		t.Fatalf("origin %q has no line", origin)
	}
	return n
}

// FuzzReadJSONL: JSONL, with a small article limit so that long lines are
// exercised: every line gives at most one item, named by its line number,
// in order, and none is lost after a bad or long one.
func FuzzReadJSONL(f *testing.F) {
	addSeeds(f, ".jsonl")
	f.Add([]byte(`{"id":"a","text":"x"}` + "\n" + strings.Repeat("y", 300) + "\n" + `{"id":"b","html":"<p>z</p>"}`))
	f.Add([]byte("\ufeff{\"url\":\"u\",\"text\":\"t\",\"published\":\"2020-01-02T03:04:05Z\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, errs := readAllFrom(t, Limits{MaxArticleBytes: 256}, func(r *reader) bool { return r.jsonl("in", bytes.NewReader(data)) })
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		seen := map[int]bool{}
		for _, a := range arts {
			checkArticle(t, a, "in:")
			n := lineOf(t, a.Origin)
			seen[n] = true
			if n <= last || n > lines {
				t.Errorf("article of line %d after line %d (of %d)", n, last, lines)
			}
			last = n
		}
		for _, e := range errs {
			if n := lineOf(t, e.Origin); seen[n] || n > lines {
				t.Errorf("line %d both read and refused, or past the end (%d lines)", n, lines)
			}
		}
	})
}

// FuzzReadFeed: RSS and Atom feeds.
func FuzzReadFeed(f *testing.F) {
	addSeeds(f, ".rss", ".xml", ".atom")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><content type="html">&lt;p&gt;Alpha&lt;/p&gt;</content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, errs := readAllFrom(t, Limits{}, func(r *reader) bool { return r.feed("f.rss", bytes.NewReader(data)) })
		for _, a := range arts {
			checkArticle(t, a, "f.rss#")
		}
		for _, e := range errs {
			if !strings.HasPrefix(e.Origin, "f.rss") {
				t.Errorf("error names %q", e.Origin)
			}
		}
	})
}

var (
	fuzzExtractorOnce sync.Once
	fuzzExtractor     *Extractor
)

// FuzzExtract: cleaning and extraction of any text. Every deal's evidence
// is a sentence of the cleaned text at the offsets it gives, its parties
// are companies of the article, its confidence lies in [0, 1].
func FuzzExtract(f *testing.F) {
	addSeeds(f, ".txt", ".md")
	f.Add([]byte("Microsoft agreed to acquire GitHub for $7.5 billion. The deal was completed."))
	f.Add([]byte("SEGA and Microsoft have agreed in principle to form a strategic alliance on Azure. This is not an acquisition."))
	fuzzExtractorOnce.Do(func() {
		g, err := DefaultGazetteer()
		if err != nil {
			f.Fatal(err)
		}
		fuzzExtractor = NewExtractor(g)
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // the readers refuse it
		}
		doc, err := Clean(RawArticle{SourceID: "f", Origin: "f", Title: "t", Text: string(data)})
		if err != nil {
			return
		}
		x := fuzzExtractor.Extract(doc)
		text := doc.Text // offsets are byte offsets
		companies := map[string]bool{}
		for _, c := range x.Companies {
			companies[c.Name] = true
		}
		for _, d := range x.Deals {
			if d.Start < 0 || d.End > len(text) || d.Start > d.End {
				t.Fatalf("deal %+v: offsets outside the text of %d bytes", d, len(text))
			}
			if got := text[d.Start:d.End]; got != d.Sentence {
				t.Errorf("deal sentence %q, text at its offsets %q", d.Sentence, got)
			}
			if d.Confidence < 0 || d.Confidence > 1 {
				t.Errorf("confidence %v", d.Confidence)
			}
			if !d.Type.Valid() || !d.Status.Valid() {
				t.Errorf("deal type %q status %q", d.Type, d.Status)
			}
			for _, p := range d.Parties {
				if !companies[p.Name] {
					t.Errorf("party %q is not among the article's companies", p.Name)
				}
			}
		}
		if len(x.Deals) > 0 {
			b := Resolve([]Extraction{x})
			for _, d := range b.Deals {
				if d.ID == "" || len(d.Parties) == 0 {
					t.Errorf("resolved deal %+v", d)
				}
			}
		}
	})
}

// FuzzSentences: sentence spans are ordered, disjoint and inside the text.
func FuzzSentences(f *testing.F) {
	addSeeds(f, ".txt")
	f.Add([]byte("Mr. Smith met Dr. Jones. They agreed! U.S. Steel rose 4.4 pct... The end"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text := string(data)
		n := len(text) // spans are byte offsets
		valid := utf8.ValidString(text)
		prev := 0
		for _, sp := range Sentences(text) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > n {
				t.Fatalf("span %+v after %d in a text of %d bytes", sp, prev, n)
			}
			if valid && (!utf8.RuneStart(text[sp.Start]) || sp.End < n && !utf8.RuneStart(text[sp.End])) {
				t.Fatalf("span %+v of %q cuts a character", sp, text)
			}
			prev = sp.End
		}
	})
}
