package memstore

import (
	"os"
	"runtime"
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// BenchmarkHeapParts opens the store file PARTNERGRAPH_BENCH_STORE, as
// BenchmarkHeap does, then lets go of the state's parts one at a time and
// reports the heap each frees after a collection (MiB-PART), and the
// whole (MiB-heap). Strings the parts share (the IDs) are counted with the
// records, which go last; the ID table before them counts its map and its
// list.
func BenchmarkHeapParts(b *testing.B) {
	path := os.Getenv("PARTNERGRAPH_BENCH_STORE")
	if path == "" {
		b.Skip("PARTNERGRAPH_BENCH_STORE is not set")
	}
	heap := func() float64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / (1 << 20)
	}
	for b.Loop() {
		base := heap()
		s, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		st := s.st
		s.st = nil
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		last := heap()
		b.ReportMetric(last-base, "MiB-heap")
		parts := []struct {
			name string
			drop func()
		}{
			{"search", func() { st.search = nil }},
			{"names", func() { st.names = nameIndex{} }},
			{"keys", func() { st.keys = keyIndex{} }},
			{"pairs", func() { st.pairDeals, st.partners = pairIndex{}, nil }},
			{"mentions", func() { st.articleMentions, st.entityMentions = nil, nil }},
			{"deal-sets", func() { st.companyDeals, st.targetDeals, st.articleDeals, st.platformDeals = nil, nil, nil, nil }},
			{"evidence", func() { st.evidence = nil }},
			{"ids", func() { st.ids = idTable{} }},
			{"articles", func() { st.articles = table[article]{} }},
			{"deals", func() { st.deals = table[deal]{} }},
			{"companies", func() { st.companies = table[pg.Company]{} }},
		}
		for _, p := range parts {
			p.drop()
			h := heap()
			b.ReportMetric(last-h, "MiB-"+p.name)
			last = h
		}
		runtime.KeepAlive(st)
	}
}
