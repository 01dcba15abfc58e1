package memstore_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/resolvetest"
	"github.com/partnergraph/partnergraph/storetest"
)

func open(t testing.TB, path string) *memstore.Store {
	t.Helper()
	s, err := memstore.Open(path, nil)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestContractInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) pg.Store { return open(t, memstore.InMemory) })
}

func TestContractFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T) pg.Store { return open(t, filepath.Join(t.TempDir(), "graph.db")) })
}

// TestResolution checks company and deal resolution on real articles:
// order independence and the dev cluster set.
func TestResolution(t *testing.T) {
	resolvetest.Run(t, func(t *testing.T) pg.Store { return open(t, filepath.Join(t.TempDir(), "graph.db")) })
}

// dump reads everything the store answers about the fixture's graph.
func dump(t *testing.T, s pg.Store) map[string]any {
	t.Helper()
	ctx := t.Context()
	out := map[string]any{}
	var err error
	check := func(what string, v any, e error) {
		t.Helper()
		if e != nil {
			t.Fatalf("%s: %v", what, e)
		}
		out[what] = v
	}
	c, err := s.Counts(ctx)
	check("Counts", c, err)
	cs, err := s.Companies(ctx, pg.CompanyQuery{PageArgs: pg.PageArgs{First: pg.MaxPageSize}})
	check("Companies", cs.Items, err)
	ps, err := s.Platforms(ctx, pg.PlatformQuery{PageArgs: pg.PageArgs{First: pg.MaxPageSize}})
	check("Platforms", ps.Items, err)
	ds, err := s.Deals(ctx, pg.DealQuery{PageArgs: pg.PageArgs{First: pg.MaxPageSize}})
	check("Deals", ds.Items, err)
	var ids []string
	for _, d := range ds.Items {
		ids = append(ids, d.ID)
	}
	ev, err := s.EvidenceByDeal(ctx, ids)
	check("Evidence", ev, err)
	as, err := s.ArticlesByID(ctx, []string{storetest.ArticleCloud, storetest.ArticleBid, storetest.ArticleCloses})
	check("Articles", as, err)
	cur, err := s.Curations(ctx)
	check("Curations", cur, err)
	hits, err := s.Search(ctx, "so", 100)
	check("Search", hits, err)
	return out
}

func TestReopenGivesBackTheGraph(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	s, err := memstore.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if err := s.Write(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []pg.Curation{
		{Kind: pg.CurateAddAlias, CompanyID: storetest.SEGA, Alias: "Sega Games"},
		{Kind: pg.CurateRejectDeal, DealID: storetest.DealSEGANintendo},
		{Kind: pg.CurateMerge, KeepID: storetest.Microsoft, DropID: storetest.Activision},
	} {
		if err := s.Curate(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	want := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, storetest.Fixture()); !errors.Is(err, pg.ErrUnavailable) {
		t.Errorf("Write after Close: %v, want ErrUnavailable", err)
	}

	s = open(t, path)
	if d := cmp.Diff(want, dump(t, s), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("reopened store mismatch (-want +got):\n%s", d)
	}
	// The curations are re-applied to later writes after reopening.
	if err := s.Write(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, dump(t, s), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("rewritten fixture after reopening mismatch (-want +got):\n%s", d)
	}
}

func TestInvalidWriteLeavesFileUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	s := open(t, path)
	if err := s.Write(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	bad := storetest.Fixture()
	bad.Companies = append(bad.Companies, pg.Company{ID: "ubisoft", Name: "Ubisoft"})
	bad.Evidence = append(bad.Evidence, pg.Evidence{DealID: "d:nope", ArticleID: storetest.ArticleCloud})
	if err := s.Write(t.Context(), bad); !errors.Is(err, pg.ErrInvalid) {
		t.Fatalf("Write(bad) = %v, want ErrInvalid", err)
	}
	want := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, dump(t, open(t, path)), cmpopts.EquateEmpty()); d != "" {
		t.Errorf("reopened store mismatch (-want +got):\n%s", d)
	}
}

func TestOpenLockedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	open(t, path)
	start := time.Now()
	_, err := memstore.Open(path, nil)
	if !errors.Is(err, pg.ErrUnavailable) || !strings.Contains(err.Error(), path) {
		t.Errorf("second Open = %v; want ErrUnavailable naming %s", err, path)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second Open took %v", d)
	}
}

func TestOpenBadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not-a-db")
	if err := os.WriteFile(path, []byte("hello, this is not a bbolt file at all, it is far too short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := memstore.Open(path, nil); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Open(garbage) = %v; want an error naming %s", err, path)
	}
}

// TestConcurrentReadsAndWrites is meant for -race: readers run while
// batches are written.
func TestConcurrentReadsAndWrites(t *testing.T) {
	s := open(t, memstore.InMemory)
	ctx := t.Context()
	if err := s.Write(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if _, err := s.Deals(ctx, pg.DealQuery{Sort: pg.DealsBySourcesDesc}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Search(ctx, "micro", 5); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Companies(ctx, pg.CompanyQuery{Sort: pg.CompaniesByDealsDesc}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for i := range 20 {
		b := graph(i*10, 10)
		if err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Deals != 5+200 {
		t.Errorf("Deals = %d, want 205", c.Deals)
	}
}

// graph returns a batch of n articles from number first on, each reporting
// one partnership between two of a pool of companies, on one of a few
// platforms.
func graph(first, n int) pg.Batch {
	var b pg.Batch
	const companies, platforms = 2000, 50
	for i := first; i < first+n; i++ {
		a := pg.Article{ID: pg.ArticleID(fmt.Sprintf("bench-%06d", i)), Title: fmt.Sprintf("Article %d", i),
			Publisher: "Reuters", Published: fmt.Sprintf("19%02d-%02d-%02d", 80+i%10, 1+i%12, 1+i%28)}
		c1 := pg.Company{ID: fmt.Sprintf("company-%05d", (i*7)%companies), Name: fmt.Sprintf("Company %05d", (i*7)%companies)}
		c2 := pg.Company{ID: fmt.Sprintf("company-%05d", (i*13+1)%companies), Name: fmt.Sprintf("Company %05d", (i*13+1)%companies)}
		p := pg.Platform{ID: fmt.Sprintf("p:platform-%03d", i%platforms), Name: fmt.Sprintf("Platform %03d", i%platforms), Kind: pg.PlatformCloud}
		parties := []pg.Party{{CompanyID: c1.ID, Role: pg.RolePartner}, {CompanyID: c2.ID, Role: pg.RolePartner}}
		typ := pg.DealTypes[i%len(pg.DealTypes)]
		d := pg.Deal{ID: pg.DealID(typ, parties), Type: typ, Parties: parties, Summary: c1.Name + " and " + c2.Name + " deal"}
		e := pg.Evidence{DealID: d.ID, ArticleID: a.ID, Sentence: d.Summary + ".", Year: 1980 + i%10,
			Status: pg.DealStatuses[i%len(pg.DealStatuses)], PlatformIDs: []string{p.ID}, Confidence: 0.5, Published: a.Published}
		b.Articles = append(b.Articles, a)
		b.Companies = append(b.Companies, c1, c2)
		b.Platforms = append(b.Platforms, p)
		b.Deals = append(b.Deals, d)
		b.Evidence = append(b.Evidence, e)
		b.Mentions = append(b.Mentions,
			pg.Mention{ArticleID: a.ID, Kind: pg.MentionCompany, EntityID: c1.ID},
			pg.Mention{ArticleID: a.ID, Kind: pg.MentionCompany, EntityID: c2.ID},
			pg.Mention{ArticleID: a.ID, Kind: pg.MentionPlatform, EntityID: p.ID})
	}
	return b
}

func TestGenerationGrowsWithEveryChange(t *testing.T) {
	s := open(t, memstore.InMemory)
	ctx := t.Context()
	steps := []struct {
		name    string
		do      func() error
		changes bool
	}{
		{"write", func() error { return s.Write(ctx, storetest.Fixture()) }, true},
		{"reads", func() error {
			_, err := s.Deals(ctx, pg.DealQuery{PageArgs: pg.PageArgs{First: 5}})
			if err == nil {
				_, err = s.Counts(ctx)
			}
			return err
		}, false},
		{"curation", func() error {
			return s.Curate(ctx, pg.Curation{Kind: pg.CurateAddAlias, CompanyID: storetest.SEGA, Alias: "Sega Sammy"})
		}, true},
		{"invalid write", func() error {
			if err := s.Write(ctx, pg.Batch{Deals: []pg.Deal{{ID: "d:broken"}}}); err == nil {
				return errors.New("an invalid write succeeded")
			}
			return nil
		}, false},
		{"failed curation", func() error {
			if err := s.Curate(ctx, pg.Curation{Kind: pg.CurateAddAlias, CompanyID: "nope", Alias: "x"}); err == nil {
				return errors.New("a curation of an unknown company succeeded")
			}
			return nil
		}, false},
		{"another write", func() error {
			return s.Write(ctx, pg.Batch{Companies: []pg.Company{{ID: "zebra", Name: "Zebra"}}})
		}, true},
	}
	for _, st := range steps {
		before := s.Generation()
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		after := s.Generation()
		if changed := after != before; changed != st.changes || after < before {
			t.Errorf("%s: generation %d -> %d, want a change: %v", st.name, before, after, st.changes)
		}
	}
}
