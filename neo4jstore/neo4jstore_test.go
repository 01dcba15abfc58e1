package neo4jstore_test

import (
	"log/slog"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
	"github.com/partnergraph/partnergraph/resolvetest"
	"github.com/partnergraph/partnergraph/storetest"
)

// open returns a store on an empty database of the test Neo4j.
func open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t, uri)
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// TestContract runs the store contract suite on a real Neo4j.
func TestContract(t *testing.T) {
	neo4jtest.URI(t) // skip or fail once, not in every subtest
	storetest.Run(t, func(t *testing.T) pg.Store { return open(t) })
}

// TestResolution checks company and deal resolution on real articles on a
// real Neo4j: order independence, the same graph as the embedded store,
// and the dev cluster set.
func TestResolution(t *testing.T) {
	neo4jtest.URI(t)
	resolvetest.Run(t, func(t *testing.T) pg.Store { return open(t) })
}

// openMem returns an empty embedded store, for comparisons.
func openMem(t testing.TB) *memstore.Store {
	t.Helper()
	m, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m
}

// TestRoutingURI writes and reads through a neo4j:// routing URI, as a
// cluster or Aura is addressed: the driver asks the server for a routing
// table and sends reads to readers and writes to the writer.
func TestRoutingURI(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t, uri)
	routed := "neo4j://" + strings.TrimPrefix(uri, "bolt://")
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: routed, Database: "neo4j"}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("Open(%s): %v", routed, err)
	}
	defer s.Close()
	if err := s.Write(t.Context(), storetest.Fixture()); err != nil {
		t.Fatalf("Write through %s: %v", routed, err)
	}
	got, err := s.Counts(t.Context())
	if err != nil {
		t.Fatalf("Counts through %s: %v", routed, err)
	}
	if got != storetest.FixtureCounts {
		t.Errorf("Counts through %s = %+v, want %+v", routed, got, storetest.FixtureCounts)
	}
}
