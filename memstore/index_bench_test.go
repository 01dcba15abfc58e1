package memstore

import (
	"context"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/plan"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/synth"
)

// genStore is the store BenchmarkScale reads, built once per process.
var genStore struct {
	once sync.Once
	s    *Store
	err  error
}

// generated returns a store of synthetic articles: the file named by
// PARTNERGRAPH_BENCH_STORE when set (made by `partnergraph gen | partnergraph
// load --data FILE -`), else PARTNERGRAPH_BENCH_ARTICLES (default 20000)
// articles of `partnergraph gen --seed 1` loaded in memory through the
// loader, as `partnergraph load` does.
func generated(b *testing.B) *Store {
	b.Helper()
	genStore.once.Do(func() {
		if path := os.Getenv("PARTNERGRAPH_BENCH_STORE"); path != "" {
			genStore.s, genStore.err = Open(path, nil)
			return
		}
		n := 20000
		if v := os.Getenv("PARTNERGRAPH_BENCH_ARTICLES"); v != "" {
			if n, genStore.err = strconv.Atoi(v); genStore.err != nil {
				return
			}
		}
		g, err := synth.New(synth.Config{Seed: 1}, nil)
		if err != nil {
			genStore.err = err
			return
		}
		s, _ := Open(InMemory, nil)
		r, w := io.Pipe()
		go func() { w.CloseWithError(g.WriteJSONL(w, 0, n)) }()
		p := &loader.Pipeline{Store: s}
		if _, err := p.Run(context.Background(), []string{"-"}, r); err != nil {
			genStore.err = err
			return
		}
		genStore.s = s
	})
	if genStore.err != nil {
		b.Fatal(genStore.err)
	}
	return genStore.s
}

// readerOnly hides the store's own neighbourhood read, so that plan walks
// the Reader as it did before the store had one.
type readerOnly struct{ pg.Reader }

// BenchmarkScale times the reads behind the side-by-side queries Q3 (name
// prefix), Q5 (search) and Q4 (neighbourhood) on generated articles, with
// the inputs tools/scale uses: the 50 most named companies of the
// generator, their two-letter name prefixes and four-letter pieces of
// their names, and their depth-2 neighbourhoods of at most 500 companies
// as the graph widget asks for them. Each pair runs the read the store
// made before ("Scan", the oracles of index_test.go; "Walk", the generic
// walk through the Reader) and the one it makes now; both answer the
// same, which the benchmark checks before timing.
func BenchmarkScale(b *testing.B) {
	s := generated(b)
	ctx := b.Context()
	g, err := synth.New(synth.Config{Seed: 1}, nil)
	if err != nil {
		b.Fatal(err)
	}
	var prefixes, texts, centres []string
	seenP, seenT := map[string]bool{}, map[string]bool{}
	nonWord := regexp.MustCompile(`[^a-z0-9 ]`)
	for r := range 50 {
		name := strings.ToLower(g.CompanyName(r))
		if p := name[:min(2, len(name))]; !seenP[p] {
			seenP[p] = true
			prefixes = append(prefixes, p)
		}
		clean := strings.TrimSpace(nonWord.ReplaceAllString(name, " "))
		t := clean[:min(4, len(clean))]
		if r%2 == 1 && len(clean) >= 7 {
			t = clean[2:6]
		}
		if t = strings.TrimSpace(t); len(t) >= 3 && !seenT[t] {
			seenT[t] = true
			texts = append(texts, t)
		}
		if c, err := s.CompanyByName(ctx, g.CompanyName(r)); err == nil {
			centres = append(centres, c.ID)
		}
	}
	entries := s.scanEntries()
	prefixQuery := func(p string) pg.CompanyQuery {
		return pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: p}, Sort: pg.CompaniesByName, PageArgs: pg.PageArgs{First: 10}}
	}
	for _, p := range prefixes {
		want, _ := s.scanCompanies(ctx, prefixQuery(p))
		got, _ := s.Companies(ctx, prefixQuery(p))
		if d := cmp.Diff(want, got); d != "" {
			b.Fatalf("prefix %q (-scan +index):\n%s", p, d)
		}
	}
	for _, t := range texts {
		got, _ := s.Search(ctx, t, 10)
		if d := cmp.Diff(scanSearch(entries, t, 10), got); d != "" {
			b.Fatalf("search %q (-scan +index):\n%s", t, d)
		}
	}
	for _, id := range centres {
		want, err := pg.WalkNeighborhood(ctx, readerOnly{s}, id, 2, 500, nil)
		if err != nil {
			b.Fatal(err)
		}
		got, err := s.Neighborhood(ctx, id, 2, 500, nil, false)
		if err != nil {
			b.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			b.Fatalf("neighbourhood of %s (-walk +store):\n%s", id, d)
		}
	}
	cycle := func(b *testing.B, inputs []string, read func(string) error) {
		i := 0
		for b.Loop() {
			if err := read(inputs[i%len(inputs)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	}
	b.Run("Prefix/Scan", func(b *testing.B) {
		cycle(b, prefixes, func(p string) error { _, err := s.scanCompanies(ctx, prefixQuery(p)); return err })
	})
	b.Run("Prefix/Index", func(b *testing.B) {
		cycle(b, prefixes, func(p string) error { _, err := s.Companies(ctx, prefixQuery(p)); return err })
	})
	b.Run("Search/Scan", func(b *testing.B) {
		cycle(b, texts, func(t string) error {
			s.mu.RLock() // as the store's own read does
			defer s.mu.RUnlock()
			scanSearch(entries, t, 10)
			return nil
		})
	})
	b.Run("Search/Index", func(b *testing.B) {
		cycle(b, texts, func(t string) error { _, err := s.Search(ctx, t, 10); return err })
	})
	b.Run("Neighborhood/Walk", func(b *testing.B) {
		cycle(b, centres, func(id string) error {
			_, err := plan.Neighborhood(ctx, readerOnly{s}, id, 2, 500, nil, true)
			return err
		})
	})
	b.Run("Neighborhood/Store", func(b *testing.B) {
		edges, calls := 0, 0
		cycle(b, centres, func(id string) error {
			sg, err := plan.Neighborhood(ctx, s, id, 2, 500, nil, true)
			edges, calls = edges+len(sg.Edges), calls+1
			return err
		})
		b.ReportMetric(float64(edges)/float64(calls), "edges/op")
	})
}
