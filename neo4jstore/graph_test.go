package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
)

// graph is everything stored in Neo4j, one sorted line per node and per
// relationship with all its properties; the writers' lock node is left out.
type graph struct {
	Nodes, Relationships []string
	// Keys are the (:CompanyKey)-[:KEY_OF]->(:Company) index entries that
	// company resolution looks names up in: not part of the model Counts
	// counts.
	Keys []string
}

func dump(t testing.TB) graph {
	t.Helper()
	ctx := t.Context()
	d, err := neo4j.NewDriverWithContext(neo4jtest.URI(t), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	lines := func(q string) []string {
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var out []string
		for _, rec := range res.Records {
			if props, ok := rec.Values[len(rec.Values)-1].(map[string]any); ok {
				delete(props, "at") // when a curation was made differs between runs
			}
			out = append(out, fmt.Sprint(rec.Values...))
		}
		slices.Sort(out)
		return out
	}
	return graph{
		Nodes:         lines("MATCH (n) WHERE NOT n:PartnergraphLock AND NOT n:CompanyKey RETURN labels(n), properties(n)"),
		Relationships: lines("MATCH (a)-[r]->(b) WHERE type(r) <> 'KEY_OF' RETURN a.id, type(r), b.id, properties(r)"),
		Keys:          lines("MATCH (k:CompanyKey) OPTIONAL MATCH (k)-[:KEY_OF]->(c) RETURN k.key, c.id"),
	}
}

// examples returns the sample articles of the repository and, when the
// shared corpus is beside the repository, its two seed articles.
func examples(t testing.TB) []string {
	paths := []string{filepath.Join("..", "examples", "articles")}
	if _, err := os.Stat(paths[0]); err != nil {
		t.Fatalf("sample articles: %v", err)
	}
	if seeds := filepath.Join("..", "..", "shared", "corpus", "seeds.jsonl"); fileExists(seeds) {
		paths = append(paths, seeds)
	}
	return paths
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func load(t testing.TB, s pg.Store, paths []string) loader.Report {
	t.Helper()
	p := &loader.Pipeline{Store: s, BatchSize: 5}
	r, err := p.Run(t.Context(), paths, nil)
	if err != nil {
		t.Fatalf("load %v: %v", paths, err)
	}
	if r.Loaded == 0 {
		t.Fatalf("load %v: nothing loaded: %+v", paths, r)
	}
	return r
}

// TestLoadTwiceChangesNothing loads the sample and seed articles through
// the loader twice: the second load must leave every node, relationship
// and property as the first left them.
func TestLoadTwiceChangesNothing(t *testing.T) {
	s := open(t)
	paths := examples(t)
	load(t, s, paths)
	first := dump(t)
	counts, err := s.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if counts.Deals == 0 || counts.Evidence == 0 || len(first.Nodes) != counts.Nodes() || len(first.Relationships) != counts.Relationships() {
		t.Fatalf("after one load: Counts %+v, %d nodes, %d relationships in the graph", counts, len(first.Nodes), len(first.Relationships))
	}
	load(t, s, paths)
	if d := cmp.Diff(first, dump(t)); d != "" {
		t.Errorf("second load changed the graph (-first +second):\n%s", d)
	}
}

// TestLoadMatchesEmbeddedStore loads the same articles into Neo4j and into
// memstore and compares what both answer.
func TestLoadMatchesEmbeddedStore(t *testing.T) {
	s := open(t)
	m := openMem(t)
	paths := examples(t)
	load(t, s, paths)
	load(t, m, paths)
	ctx := t.Context()
	for _, q := range []pg.DealQuery{{}, {Sort: pg.DealsByYearAsc}, {Sort: pg.DealsBySourcesDesc}, {Filter: pg.DealFilter{Text: "azure"}}} {
		q.First = pg.MaxPageSize
		want, err := m.Deals(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Deals(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("Deals(%+v) differ (-memstore +neo4j):\n%s", q, d)
		}
	}
	for _, name := range []string{"SEGA", "sega", "Microsoft", "Sony"} {
		want, werr := m.CompanyByName(ctx, name)
		got, gerr := s.CompanyByName(ctx, name)
		if d := cmp.Diff(want, got); d != "" || (werr == nil) != (gerr == nil) {
			t.Errorf("CompanyByName(%q) differ (%v, %v) (-memstore +neo4j):\n%s", name, werr, gerr, d)
		}
		wantHits, _ := m.Search(ctx, name, 50)
		gotHits, err := s.Search(ctx, name, 50)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(wantHits, gotHits); d != "" {
			t.Errorf("Search(%q) differ (-memstore +neo4j):\n%s", name, d)
		}
	}
	wantStats, _ := m.Stats(ctx, pg.DealFilter{})
	gotStats, err := s.Stats(ctx, pg.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantStats, gotStats); d != "" {
		t.Errorf("Stats differ (-memstore +neo4j):\n%s", d)
	}
	wantCounts, _ := m.Counts(ctx)
	gotCounts, _ := s.Counts(ctx)
	if d := cmp.Diff(wantCounts, gotCounts); d != "" {
		t.Errorf("Counts differ (-memstore +neo4j):\n%s", d)
	}
}

// TestFailedBatchLeavesNothing makes a write fail after each of its
// statements in turn and checks that the graph is exactly as before.
func TestFailedBatchLeavesNothing(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	base := storetest.Fixture()
	later := storetest.Fixture()
	base.Articles, base.Evidence, base.Mentions = base.Articles[:1], base.Evidence[:2], base.Mentions[:4]
	base.Deals = base.Deals[:2]
	if err := s.Write(ctx, base); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if err := s.Curate(ctx, pg.Curation{Kind: pg.CurateAddAlias, CompanyID: storetest.SEGA, Alias: "Sega Games"}); err != nil {
		t.Fatalf("Curate: %v", err)
	}
	before := dump(t)
	boom := errors.New("injected failure")
	t.Cleanup(func() { neo4jstore.SetFailAfterStatement(-1, nil) })
	failures := 0
	for n := 0; ; n++ {
		neo4jstore.SetFailAfterStatement(n, boom)
		err := s.Write(ctx, later)
		neo4jstore.SetFailAfterStatement(-1, nil)
		if d := cmp.Diff(before, dump(t)); err != nil && d != "" {
			t.Fatalf("a write that failed after statement %d left changes (-before +after):\n%s", n, d)
		}
		if err == nil {
			break // the write runs fewer statements than n+1: it completed
		}
		if !strings.Contains(err.Error(), boom.Error()) {
			t.Fatalf("statement %d: Write: %v, want the injected failure", n, err)
		}
		failures++
	}
	t.Logf("the write failed at %d points", failures)
	// lock, loads and writes: at most 1 + 5 + 19 statements, whatever the
	// batch holds; more would mean a query per record.
	if failures > 25 {
		t.Fatalf("the write ran %d statements; want at most 25", failures)
	}
	if failures < 5 {
		t.Fatalf("the write failed at only %d points; want one per statement a write runs (lock, loads, writes)", failures)
	}
	after := dump(t)
	if d := cmp.Diff(before, after); d == "" {
		t.Fatal("the complete write changed nothing; the test proves nothing")
	}
	// The complete write equals a write that never failed.
	s2 := open(t)
	if err := s2.Write(ctx, base); err != nil {
		t.Fatal(err)
	}
	if err := s2.Curate(ctx, pg.Curation{Kind: pg.CurateAddAlias, CompanyID: storetest.SEGA, Alias: "Sega Games"}); err != nil {
		t.Fatal(err)
	}
	if err := s2.Write(ctx, later); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(after, dump(t)); d != "" {
		t.Errorf("failed attempts changed the final graph (-after failures +clean):\n%s", d)
	}
}

// TestUnreachableServer checks that a server that cannot be reached gives
// one line wrapping ErrUnavailable.
func TestUnreachableServer(t *testing.T) {
	for _, uri := range []string{"bolt://127.0.0.1:1", "neo4j://127.0.0.1:1"} {
		_, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri}, nil)
		if !errors.Is(err, pg.ErrUnavailable) {
			t.Errorf("Open(%s): %v, want ErrUnavailable", uri, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "connection refused") {
			t.Errorf("Open(%s): message %q, want one line naming the cause", uri, msg)
		}
	}
}

// TestBadURI checks that a URI the driver cannot parse is ErrInvalid.
func TestBadURI(t *testing.T) {
	for _, uri := range []string{"", "http://127.0.0.1:7474", "bolt://"} {
		if _, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri}, slog.New(slog.DiscardHandler)); err == nil {
			t.Errorf("Open(%q) succeeded", uri)
		}
	}
}

// TestConcurrentWritersLoseNothing writes aliases of one company from many
// goroutines at once: every alias must survive, which needs the writers to
// take turns on read-modify-write.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	s := open(t)
	ctx := t.Context()
	const writers = 8
	errs := make(chan error, writers)
	var want []string
	for i := range writers {
		alias := fmt.Sprintf("Sega Unit %d", i)
		want = append(want, alias)
		go func() {
			errs <- s.Write(ctx, pg.Batch{Companies: []pg.Company{{ID: storetest.SEGA, Name: "SEGA", Aliases: []string{alias}}}})
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	c, err := s.Company(ctx, storetest.SEGA)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Clone(c.Aliases)
	slices.Sort(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("aliases after concurrent writes (-want +got):\n%s", d)
	}
}
