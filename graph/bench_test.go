package graph_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
	"github.com/partnergraph/partnergraph/memstore"
)

// benchSizes are the synthetic graphs the benchmarks run on: the size of
// the graph the loader extracts from all of Reuters-21578 (many companies,
// few deals) and a denser one.
var benchSizes = []struct {
	name             string
	companies, deals int
}{
	{"reuters", 12388, 2347},
	{"dense", 3000, 8000},
}

// benchStores caches the synthetic stores by size: b.Run calls a
// benchmark function several times, and loading the graph each time would
// dominate a CPU profile.
var benchStores = map[[2]int]pg.Store{}

// benchHandler serves a synthetic graph with the default options.
func benchHandler(b *testing.B, companies, deals int) http.Handler {
	b.Helper()
	return graph.NewHandler(benchStore(b, companies, deals), graph.Options{})
}

// benchStore returns the synthetic graph of the given size.
func benchStore(b *testing.B, companies, deals int) pg.Store {
	b.Helper()
	key := [2]int{companies, deals}
	store, ok := benchStores[key]
	if !ok {
		s, err := memstore.Open(memstore.InMemory, nil)
		if err != nil {
			b.Fatalf("memstore.Open: %v", err)
		}
		if err := s.Write(context.Background(), graphtest.Synthetic(companies, deals, 1)); err != nil {
			b.Fatalf("write: %v", err)
		}
		store, benchStores[key] = s, s
	}
	return store
}

// cpuTime is the CPU time, user and system, the process has used so far.
func cpuTime(b testing.TB) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchQuery runs body against h once per iteration and reports, besides
// the wall time (which includes the dataloaders' waits), the CPU time the
// whole process used per request: the figure that bounds throughput.
func benchQuery(b *testing.B, h http.Handler, body string) {
	b.Helper()
	benchBodies(b, h, []string{body})
}

// benchBodies is benchQuery cycling through several request bodies.
func benchBodies(b *testing.B, h http.Handler, bodies []string) {
	b.Helper()
	i := 0
	run := func() {
		body := bodies[i%len(bodies)]
		i++
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
	for range bodies {
		run()
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cpuTime(b)
	for b.Loop() {
		run()
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkThreeLevel runs issue 5's three-level query: 20 deals, the
// companies of their parties, and the first 5 deals of each.
func BenchmarkThreeLevel(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			benchQuery(b, benchHandler(b, s.companies, s.deals),
				`{"query":"{ deals(first: 20) { edges { node { parties { company { deals(first: 5) { edges { node { id } } } } } } } } }"}`)
		})
	}
}

// BenchmarkNeighborhood runs a depth-2 neighbourhood of the best-connected
// company (party choice is Zipf-like, so company 0000 has most deals), as
// the graph widget asks for it.
func BenchmarkNeighborhood(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			benchQuery(b, benchHandler(b, s.companies, s.deals),
				`{"query":"{ neighborhood(id: \"company-0000\", depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }"}`)
		})
	}
}

// BenchmarkCached runs both queries through the response cache
// (Options.ResponseCacheBytes), cycling through inputs as
// tools/bench-api.sh does: the first 10 pages of the three-level query and
// the neighbourhoods of the 50 companies with most deals. After the first
// round every request is a cache hit.
func BenchmarkCached(b *testing.B) {
	s := benchSizes[0]
	store := benchStore(b, s.companies, s.deals)
	h := graph.NewHandler(store, graph.Options{ResponseCacheBytes: 64 << 20})
	b.Run("three-level", func(b *testing.B) {
		const q = `query ($after: String) { deals(first: 20, after: $after) { edges { node { parties { company { deals(first: 5) { edges { node { id } } } } } } } } }`
		page, err := store.Deals(context.Background(), pg.DealQuery{PageArgs: pg.PageArgs{First: 200}})
		if err != nil {
			b.Fatal(err)
		}
		bodies := []string{fmt.Sprintf(`{"query":%q}`, q)}
		for i := 19; i+1 < len(page.Cursors) && len(bodies) < 10; i += 20 {
			bodies = append(bodies, fmt.Sprintf(`{"query":%q,"variables":{"after":%q}}`, q, page.Cursors[i]))
		}
		benchBodies(b, h, bodies)
	})
	b.Run("neighborhood", func(b *testing.B) {
		const q = `query ($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }`
		var bodies []string
		for i := range 50 {
			bodies = append(bodies, fmt.Sprintf(`{"query":%q,"variables":{"id":"company-%04d"}}`, q, i))
		}
		benchBodies(b, h, bodies)
	})
}
