package memstore_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
)

// benchArticles is about the size of Reuters-21578.
const benchArticles = 20000

// loaded returns an in-memory store holding graph(0, benchArticles).
func loaded(b *testing.B) *memstore.Store {
	b.Helper()
	s := open(b, memstore.InMemory)
	for i := 0; i < benchArticles; i += 500 {
		if err := s.Write(b.Context(), graph(i, 500)); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkWrite writes one article's batch per op into a store that grows.
func BenchmarkWrite(b *testing.B) {
	for _, bc := range []struct{ name, path string }{
		{"Memory", memstore.InMemory},
		{"File", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			path := bc.path
			if path == "" {
				path = filepath.Join(b.TempDir(), "bench.db")
			}
			s := open(b, path)
			i := 0
			for b.Loop() {
				if err := s.Write(b.Context(), graph(i, 1)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkOpen reopens a file of benchArticles articles.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := memstore.Open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < benchArticles; i += 1000 {
		if err := s.Write(b.Context(), graph(i, 1000)); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, err := memstore.Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeals reads pages of deals from a Reuters-sized graph.
func BenchmarkDeals(b *testing.B) {
	s := loaded(b)
	ctx := b.Context()
	queries := []struct {
		name string
		q    pg.DealQuery
	}{
		{"FirstPage", pg.DealQuery{}},
		{"BySources", pg.DealQuery{Sort: pg.DealsBySourcesDesc}},
		{"Company", pg.DealQuery{Filter: pg.DealFilter{CompanyID: "company-00007"}}},
		{"Platform", pg.DealQuery{Filter: pg.DealFilter{PlatformID: "p:platform-007"}}},
		{"TypeAndYear", pg.DealQuery{Filter: pg.DealFilter{Types: []pg.DealType{pg.Merger}, YearFrom: 1985, YearTo: 1986}}},
		{"Text", pg.DealQuery{Filter: pg.DealFilter{Text: "company 0123"}}},
	}
	for _, bq := range queries {
		b.Run(bq.name, func(b *testing.B) {
			// Warm the cached order, as a running server would be.
			if _, err := s.Deals(ctx, bq.q); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				p, err := s.Deals(ctx, bq.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(p.Items) == 0 {
					b.Fatal("no deals")
				}
			}
		})
	}
	b.Run("NextPage", func(b *testing.B) {
		first, err := s.Deals(ctx, pg.DealQuery{})
		if err != nil {
			b.Fatal(err)
		}
		q := pg.DealQuery{PageArgs: pg.PageArgs{After: first.Cursors[len(first.Cursors)-1]}}
		for b.Loop() {
			if _, err := s.Deals(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CountDealsByType", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.CountDeals(ctx, pg.DealFilter{Types: []pg.DealType{pg.Supply}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReads measures the other reads a GraphQL request makes.
func BenchmarkReads(b *testing.B) {
	s := loaded(b)
	ctx := b.Context()
	ids := []string{"company-00007", "company-00014", "company-00021", "company-01000", "nope"}
	reads := []struct {
		name string
		read func() error
	}{
		{"CompaniesByDeals", func() error {
			_, err := s.Companies(ctx, pg.CompanyQuery{Sort: pg.CompaniesByDealsDesc})
			return err
		}},
		{"CompaniesNamePrefix", func() error {
			_, err := s.Companies(ctx, pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "company 01"}})
			return err
		}},
		{"CompanyByName", func() error { _, err := s.CompanyByName(ctx, "COMPANY 00007"); return err }},
		{"CompaniesByID", func() error { _, err := s.CompaniesByID(ctx, ids); return err }},
		{"DealIDsByCompany", func() error { _, err := s.DealIDsByCompany(ctx, ids); return err }},
		{"Search", func() error { _, err := s.Search(ctx, "company 012", 10); return err }},
		{"StatsAll", func() error { _, err := s.Stats(ctx, pg.DealFilter{}); return err }},
		{"StatsCompany", func() error { _, err := s.Stats(ctx, pg.DealFilter{CompanyID: "company-00007"}); return err }},
		{"Counts", func() error { _, err := s.Counts(ctx); return err }},
	}
	for _, r := range reads {
		b.Run(r.name, func(b *testing.B) {
			if err := r.read(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := r.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkHeap opens the store file PARTNERGRAPH_BENCH_STORE (made by
// `partnergraph gen --articles N --seed 1 | partnergraph load --data FILE -`)
// and reports the heap the open store holds after a collection
// (MiB-heap): the graph's steady memory in a server, before the
// collector's headroom.
func BenchmarkHeap(b *testing.B) {
	path := os.Getenv("PARTNERGRAPH_BENCH_STORE")
	if path == "" {
		b.Skip("PARTNERGRAPH_BENCH_STORE is not set")
	}
	var heap uint64
	for b.Loop() {
		s, err := memstore.Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapAlloc
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(heap)/(1<<20), "MiB-heap")
}
