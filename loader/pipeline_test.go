package loader_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
)

// writeFiles creates the named files with their contents under a new
// temporary directory and returns it.
func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newExtractor(t testing.TB) *loader.Extractor {
	t.Helper()
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return loader.NewExtractor(g)
}

const segaStory = `---
url: https://example.com/sega
publisher: Example News
published: 2021-11-01
---
SEGA and Microsoft form strategic alliance

SEGA and Microsoft have agreed in principle to form a strategic alliance under which SEGA will build large-scale global games on Microsoft's Azure cloud platform.
`

const githubStory = `---
published: 2018-06-04
---
Microsoft to buy GitHub

Microsoft said on Monday it had agreed to acquire GitHub for $7.5 billion in stock.
`

func TestPipelineSkipsBadArticlesAndLoadsTheRest(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a-sega.txt":  segaStory,
		"b-empty.txt": "\n\n",
		"c-lines.jsonl": `{"id":"github","published":"2018-06-04","text":"Microsoft said on Monday it had agreed to acquire GitHub for $7.5 billion in stock."}` + "\n" +
			`{"id":"broken",` + "\n",
		"d-notes.pdf":   "%PDF-1.4",
		"e-again.jsonl": `{"id":"a-sega","text":"A second article claiming the ID of a-sega.txt."}` + "\n",
	})
	store, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: store, BatchSize: 10}
	rep, err := p.Run(t.Context(), []string{dir}, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	wantSkipped := []loader.Skip{
		{Origin: filepath.Join(dir, "b-empty.txt"), Reason: "field text: empty article"},
		{Origin: filepath.Join(dir, "c-lines.jsonl") + ":2", Reason: "invalid JSON at byte 15: unexpected end of JSON input"},
		{Origin: filepath.Join(dir, "d-notes.pdf"), Reason: `skipped: unsupported file type ".pdf"`},
		{Origin: filepath.Join(dir, "e-again.jsonl") + ":1", Reason: "duplicate article ID a:a-sega (already read from " + filepath.Join(dir, "a-sega.txt") + ")"},
	}
	if diff := cmp.Diff(wantSkipped, rep.Skipped); diff != "" {
		t.Errorf("Skipped mismatch (-want +got):\n%s", diff)
	}
	if rep.Read != 3 || rep.Loaded != 2 {
		t.Errorf("Read, Loaded = %d, %d; want 3, 2", rep.Read, rep.Loaded)
	}
	for _, id := range []string{"a:a-sega", "a:github"} {
		if _, err := store.Article(t.Context(), id); err != nil {
			t.Errorf("article %s not loaded: %v", id, err)
		}
	}
	c, err := store.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 2 || c.Deals != rep.Deals || c.Companies != rep.Companies || c.Evidence != rep.Evidence {
		t.Errorf("store counts %+v disagree with report %+v", c, rep)
	}
	if rep.Deals == 0 {
		t.Errorf("no deal extracted from %s", dir)
	}
}

func TestPipelineIsIdempotent(t *testing.T) {
	dir := writeFiles(t, map[string]string{"sega.txt": segaStory, "github.txt": githubStory})
	store, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var counts []partnergraph.Counts
	for range 2 {
		p := &loader.Pipeline{Extractor: newExtractor(t), Store: store}
		if _, err := p.Run(t.Context(), []string{dir}, nil); err != nil {
			t.Fatal(err)
		}
		c, err := store.Counts(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		counts = append(counts, c)
	}
	if counts[0] != counts[1] {
		t.Errorf("second load changed the store: %+v then %+v", counts[0], counts[1])
	}
	if counts[0].Articles != 2 {
		t.Errorf("articles = %d, want 2", counts[0].Articles)
	}
}

// fakeWriter records the batches written and rejects, as invalid, every
// batch holding one of the articles in reject; with fail set it fails
// every write as unavailable.
type fakeWriter struct {
	reject  map[string]bool
	fail    bool // every write fails as unavailable
	failFor int  // so do the first failFor writes
	calls   int
	batches [][]string
}

func (w *fakeWriter) Write(_ context.Context, b partnergraph.Batch) error {
	w.calls++
	if w.fail || w.calls <= w.failFor {
		return fmt.Errorf("disk on fire: %w", partnergraph.ErrUnavailable)
	}
	var ids []string
	for _, a := range b.Articles {
		if w.reject[a.ID] {
			return fmt.Errorf("bad article %s: %w", a.ID, partnergraph.ErrInvalid)
		}
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	w.batches = append(w.batches, ids)
	return nil
}

func jsonlOf(ids ...string) string {
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, `{"id":%q,"text":"Microsoft agreed to acquire GitHub, the companies said in %s."}`+"\n", id, id)
	}
	return b.String()
}

func TestPipelineBatches(t *testing.T) {
	tests := []struct {
		name        string
		batchSize   int
		reject      []string
		wantBatches [][]string
		wantSkipped []string
	}{
		{
			name:        "batches of two",
			batchSize:   2,
			wantBatches: [][]string{{"a:a1", "a:a2"}, {"a:a3", "a:a4"}, {"a:a5"}},
		},
		{
			name:        "a batch the store rejects is retried article by article",
			batchSize:   5,
			reject:      []string{"a:a3"},
			wantBatches: [][]string{{"a:a1"}, {"a:a2"}, {"a:a4"}, {"a:a5"}},
			wantSkipped: []string{"stdin:3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &fakeWriter{reject: map[string]bool{}}
			for _, id := range tt.reject {
				w.reject[id] = true
			}
			p := &loader.Pipeline{Extractor: newExtractor(t), Store: w, BatchSize: tt.batchSize}
			rep, err := p.Run(t.Context(), []string{"-"}, strings.NewReader(jsonlOf("a1", "a2", "a3", "a4", "a5")))
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if diff := cmp.Diff(tt.wantBatches, w.batches); diff != "" {
				t.Errorf("batches mismatch (-want +got):\n%s", diff)
			}
			var skipped []string
			for _, s := range rep.Skipped {
				skipped = append(skipped, s.Origin)
				if !strings.Contains(s.Reason, "invalid input") {
					t.Errorf("skip reason %q does not say why", s.Reason)
				}
			}
			if diff := cmp.Diff(tt.wantSkipped, skipped); diff != "" {
				t.Errorf("skipped mismatch (-want +got):\n%s", diff)
			}
			if want := 5 - len(tt.reject); rep.Loaded != want {
				t.Errorf("Loaded = %d, want %d", rep.Loaded, want)
			}
		})
	}
}

func TestPipelineStopsWhenTheStoreFails(t *testing.T) {
	w := &fakeWriter{fail: true}
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: w, BatchSize: 1, OutageWait: 700 * time.Millisecond}
	rep, err := p.Run(t.Context(), []string{"-"}, strings.NewReader(jsonlOf("a1", "a2")))
	if !errors.Is(err, partnergraph.ErrUnavailable) || !strings.Contains(err.Error(), "store unavailable for 700ms, giving up") {
		t.Fatalf("Run error = %v, want ErrUnavailable after 700ms of retries", err)
	}
	if w.calls < 2 {
		t.Errorf("the write was tried %d times, want retries", w.calls)
	}
	if rep.Loaded != 0 || rep.Read != 1 {
		t.Errorf("Read, Loaded = %d, %d; want 1, 0 (stop at the first failed write)", rep.Read, rep.Loaded)
	}
}

func TestPipelineStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	w := &fakeWriter{}
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: w}
	_, err := p.Run(ctx, []string{"-"}, strings.NewReader(jsonlOf("a1")))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run error = %v, want context.Canceled", err)
	}
	if len(w.batches) != 0 {
		t.Errorf("wrote %v after cancellation", w.batches)
	}
}

func TestReportSummary(t *testing.T) {
	rep := loader.Report{Read: 3, Loaded: 2, Companies: 4, Platforms: 1, Deals: 2, Evidence: 3,
		Skipped: []loader.Skip{{Origin: "x.pdf", Reason: "skipped: unsupported file type \".pdf\""}}}
	var buf bytes.Buffer
	if err := rep.WriteSummary(&buf); err != nil {
		t.Fatal(err)
	}
	want := "articles read: 3, loaded: 2, skipped: 1\ncompanies: 4, platforms: 1, deals: 2, evidence: 3\nskipped x.pdf: skipped: unsupported file type \".pdf\"\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
}

// TestPipelineKeepsSameNamedFilesOfTwoFolders checks that two different
// files with the same name, loaded as two folders, are two articles (the
// second qualified by its folder), and that a second load changes nothing.
func TestPipelineKeepsSameNamedFilesOfTwoFolders(t *testing.T) {
	business := writeFiles(t, map[string]string{"001.txt": segaStory})
	tech := writeFiles(t, map[string]string{"001.txt": "Microsoft to buy GitHub\n\nMicrosoft said it had agreed to acquire GitHub for $7.5 billion in stock.\n"})
	store, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: store, BatchSize: 10}
	for range 2 {
		rep, err := p.Run(t.Context(), []string{business, tech}, nil)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if rep.Loaded != 2 || len(rep.Skipped) != 0 {
			t.Fatalf("Loaded %d, skipped %v; want 2 loaded, none skipped", rep.Loaded, rep.Skipped)
		}
	}
	for _, id := range []string{"a:001", "a:" + filepath.Base(tech) + "/001"} {
		if _, err := store.Article(t.Context(), id); err != nil {
			t.Errorf("article %s not loaded: %v", id, err)
		}
	}
	c, err := store.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 2 || c.Deals != 2 {
		t.Errorf("store holds %d articles and %d deals, want 2 and 2", c.Articles, c.Deals)
	}
}

// TestPipelineWorkersKeepTheOrder: however many articles are extracted at
// once, the batches, the skipped inputs and the report are those of one
// article at a time.
func TestPipelineWorkersKeepTheOrder(t *testing.T) {
	var ids []string
	for i := range 40 {
		ids = append(ids, fmt.Sprintf("n%02d", i))
	}
	in := jsonlOf(ids[:13]...) + "{\"id\":\"broken\",\n" + `{"id":"empty","text":""}` + "\n" + jsonlOf(ids[13:]...)
	run := func(workers int) (loader.Report, [][]string) {
		w := &fakeWriter{reject: map[string]bool{"a:n21": true}}
		p := &loader.Pipeline{Extractor: newExtractor(t), Store: w, BatchSize: 7, Workers: workers}
		rep, err := p.Run(t.Context(), []string{"-"}, strings.NewReader(in))
		if err != nil {
			t.Fatalf("Run with %d workers: %v", workers, err)
		}
		rep.Elapsed = 0
		return rep, w.batches
	}
	rep1, batches1 := run(1)
	if rep1.Loaded != 39 || len(rep1.Skipped) != 3 {
		t.Fatalf("one worker: loaded %d, skipped %v; want 39 loaded and 3 skipped", rep1.Loaded, rep1.Skipped)
	}
	for _, workers := range []int{2, 4, 16} {
		rep, batches := run(workers)
		if diff := cmp.Diff(rep1, rep); diff != "" {
			t.Errorf("%d workers: report differs (-one +many):\n%s", workers, diff)
		}
		if diff := cmp.Diff(batches1, batches); diff != "" {
			t.Errorf("%d workers: batches differ (-one +many):\n%s", workers, diff)
		}
	}
}
