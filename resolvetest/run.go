package resolvetest

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
)

// MinWholeClusters is how many clusters of [DevClusters] with two articles
// or more the loader and stores make one deal with every article as a
// source: a ratchet, raised with the figure (docs/resolution.md). The
// clusters it misses are articles whose deal extraction does not find.
const MinWholeClusters = 25

// Paths relative to a store package's directory, where its tests run.
const (
	samplesDir  = "../examples/articles"
	datasetsDir = "../../shared/datasets"
)

// Run checks resolution on stores newStore makes, each call a new, empty
// store (it should close it itself, with t.Cleanup):
//
//   - OrderIndependence: the sample articles and the articles of the dev
//     clusters, loaded all at once, backwards in batches of seven, and one
//     at a time in a shuffled order, give the same [storetest.Dump];
//   - SameAsEmbedded: the store holds what the embedded store holds for
//     the same articles;
//   - Clusters: the dev clusters loaded together are held as
//     [MinWholeClusters] or more single deals with every source, and no
//     pair of distinct deals is one.
//
// The dev clusters need ../shared/datasets: without it the subtests that
// need it are skipped, unless the environment says CI=true, where they
// fail.
func Run(t *testing.T, newStore func(t *testing.T) pg.Store) {
	t.Run("OrderIndependence", func(t *testing.T) { testOrderIndependence(t, newStore) })
	t.Run("SameAsEmbedded", func(t *testing.T) { testSameAsEmbedded(t, newStore) })
	t.Run("Clusters", func(t *testing.T) { testClusters(t, newStore) })
}

// corpus returns the sample articles and the dev clusters' articles.
func corpus(t *testing.T) []loader.RawArticle {
	t.Helper()
	arts := Articles(t.Context(), []string{samplesDir})
	if len(arts) == 0 {
		t.Fatalf("no sample articles in %s", samplesDir)
	}
	return append(arts, clusterArticles(t)...)
}

func clusterArticles(t *testing.T) []loader.RawArticle {
	t.Helper()
	if _, err := os.Stat(filepath.Join(datasetsDir, "modern")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no datasets in %s: %v", datasetsDir, err)
		}
		t.Skipf("no datasets in %s: %v", datasetsDir, err)
	}
	arts, err := DevClusters().Articles(t.Context(), datasetsDir)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// loadDump loads arts into s in batches of batch and returns its dump.
func loadDump(t *testing.T, s pg.Store, arts []loader.RawArticle, batch int, ids []string) string {
	t.Helper()
	rep, err := Load(t.Context(), s, nil, arts, batch)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != len(arts) {
		t.Fatalf("loaded %d of %d articles: %+v", rep.Loaded, len(arts), rep.Skipped)
	}
	d, err := storetest.Dump(t.Context(), s, ids)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func testOrderIndependence(t *testing.T, newStore func(t *testing.T) pg.Store) {
	arts := corpus(t)
	ids := IDs(arts)
	want := loadDump(t, newStore(t), arts, len(arts), ids)
	backward := slices.Clone(arts)
	slices.Reverse(backward)
	shuffled := slices.Clone(arts)
	rng := rand.New(rand.NewPCG(11, 11))
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, run := range []struct {
		name  string
		arts  []loader.RawArticle
		batch int
	}{{"backward in batches of 7", backward, 7}, {"shuffled one at a time", shuffled, 1}} {
		if got := loadDump(t, newStore(t), run.arts, run.batch, ids); got != want {
			t.Errorf("%s: the graph differs from the one loaded all at once:\n%s", run.name, lineDiff(want, got))
		}
	}
	if !strings.Contains(want, "owns ") || !strings.Contains(want, "company ") {
		t.Errorf("the corpus makes no ownership or no company: the check checks nothing:\n%.2000s", want)
	}
}

func testSameAsEmbedded(t *testing.T, newStore func(t *testing.T) pg.Store) {
	arts := corpus(t)
	ids := IDs(arts)
	ref, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	want := loadDump(t, ref, arts, 50, ids)
	if got := loadDump(t, newStore(t), arts, 50, ids); got != want {
		t.Errorf("the store holds another graph than the embedded store:\n%s", lineDiff(want, got))
	}
}

func testClusters(t *testing.T, newStore func(t *testing.T) pg.Store) {
	arts := clusterArticles(t)
	s := newStore(t)
	if _, err := Load(t.Context(), s, nil, arts, 100); err != nil {
		t.Fatal(err)
	}
	cs := DevClusters()
	results, merged, err := CheckClusters(t.Context(), s, cs)
	if err != nil {
		t.Fatal(err)
	}
	whole, multi := 0, 0
	for _, r := range results {
		if r.Articles < 2 {
			continue
		}
		multi++
		if r.Whole() {
			whole++
		} else {
			t.Logf("%s: %d of %d articles on one deal; the others report %v", r.Name, r.Reported, r.Articles, r.Off)
		}
	}
	t.Logf("%d of %d clusters are one deal with every source", whole, multi)
	if whole < MinWholeClusters {
		t.Errorf("%d of %d clusters are one deal with every source, want at least %d", whole, multi, MinWholeClusters)
	}
	if len(merged) > 0 {
		t.Errorf("distinct deals held as one: %v", merged)
	}
}

// lineDiff returns the lines only in want (-) and only in got (+), at most
// twenty of each.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, side := range []struct {
		sign     string
		from, in []string
	}{{"-", w, g}, {"+", g, w}} {
		n := 0
		for _, l := range side.from {
			if !slices.Contains(side.in, l) && n < 20 {
				b.WriteString(side.sign + " " + l + "\n")
				n++
			}
		}
	}
	return b.String()
}
