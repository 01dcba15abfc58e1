package graph_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
)

// benchGraph is about the size of the graph extracted from Reuters-21578:
// 3,000 companies and 8,000 deals.
func benchHandler(b *testing.B) http.Handler {
	b.Helper()
	store := newStore(b, graphtest.Synthetic(3000, 8000, 1))
	return graph.NewHandler(store, graph.Options{LoaderWait: mustDur("1ms")})
}

func benchQuery(b *testing.B, h http.Handler, body string) {
	b.Helper()
	run := func() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
	run()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		run()
	}
}

// BenchmarkThreeLevel runs issue 5's N+1 query with 20 deals, each with its
// parties and their deals.
func BenchmarkThreeLevel(b *testing.B) {
	benchQuery(b, benchHandler(b), `{"query":"{ deals(first: 20) { edges { node { id parties { company { name deals { edges { node { id } } } } } } } } }"}`)
}

// BenchmarkNeighborhood runs a depth-2 neighbourhood of a well-connected
// company, as the graph widget asks for it.
func BenchmarkNeighborhood(b *testing.B) {
	benchQuery(b, benchHandler(b), `{"query":"{ neighborhood(id: \"company-0003\", depth: 2, limit: 100) { nodes { id label depth } edges { id source target type year } truncated } }"}`)
}
