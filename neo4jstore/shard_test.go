package neo4jstore_test

import (
	"bytes"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/storetest"
	"github.com/partnergraph/partnergraph/synth"
)

// TestConcurrentShardedLoaders runs four loaders at once, each with its
// own driver as separate processes would, each loading one shard of the
// same synthetic articles into one Neo4j in small batches, so that their
// transactions overlap on the same companies and deals. The graph must be
// the one a single load into the embedded store makes: no fact lost or
// duplicated.
func TestConcurrentShardedLoaders(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t, uri)
	const n, shards = 300, 4
	g, err := synth.New(synth.Config{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var in bytes.Buffer
	if err := g.WriteJSONL(&in, 0, n); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	for i := range ids {
		ids[i] = pg.ArticleID("synth-5-" + strconv.Itoa(i))
	}
	gz, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	x := loader.NewExtractor(gz)

	m := openMem(t)
	if _, err := (&loader.Pipeline{Extractor: x, Store: m}).Run(t.Context(), []string{"-"}, bytes.NewReader(in.Bytes())); err != nil {
		t.Fatal(err)
	}
	want, err := storetest.Dump(t.Context(), m, ids)
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	reps := make([]loader.Report, shards)
	errs := make([]error, shards)
	for i := range shards {
		s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		wg.Go(func() {
			p := &loader.Pipeline{Extractor: x, Store: s, BatchSize: 10, Shard: loader.Shard{Index: i, Count: shards}, OutageWait: -1}
			reps[i], errs[i] = p.Run(t.Context(), []string{"-"}, bytes.NewReader(in.Bytes()))
		})
	}
	wg.Wait()
	total := 0
	for i := range shards {
		if errs[i] != nil || len(reps[i].Skipped) > 0 {
			t.Fatalf("loader %d/%d: %v, skipped %v", i, shards, errs[i], reps[i].Skipped)
		}
		total += reps[i].Loaded
	}
	if total != n {
		t.Fatalf("the shards loaded %d articles, want %d", total, n)
	}
	r, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := storetest.Dump(t.Context(), r, ids)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("four concurrent sharded loaders made another graph than one load:\n%s", storetest.FirstDiff(want, got))
	}
}

// TestWriteRetriesTransientErrors makes the first three transactions of a
// write fail with a deadlock while the driver retries for a millisecond
// only: Write retries the batch itself, and it lands once.
func TestWriteRetriesTransientErrors(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t, uri)
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri, RetryTime: time.Millisecond}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	failed := neo4jstore.FailTransactions(3)
	defer neo4jstore.FailTransactions(0)
	if err := s.Write(t.Context(), storetest.Fixture()); err != nil {
		t.Fatalf("Write after three deadlocks: %v", err)
	}
	if failed() != 3 {
		t.Fatalf("%d transactions failed, want 3", failed())
	}
	neo4jstore.FailTransactions(0)
	if got, err := s.Counts(t.Context()); err != nil || got != storetest.FixtureCounts {
		t.Fatalf("Counts = %+v, %v; want %+v", got, err, storetest.FixtureCounts)
	}
	// Writing the batch again changes nothing.
	if err := s.Write(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Counts(t.Context()); err != nil || got != storetest.FixtureCounts {
		t.Fatalf("Counts after a second write = %+v, %v; want %+v", got, err, storetest.FixtureCounts)
	}
}
