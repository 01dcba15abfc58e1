package memstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
)

// hubBatch returns a graph with a hub company named hubName that is a party to n deals,
// each with another partner and reported by its own article, which
// mentions both parties; a small company has a few deals of its own,
// some with partners of the hub. Every fiftieth deal is an acquisition of
// the hub, so that it is also a target many times over.
func hubBatch(n int, hubName string) (b pg.Batch, hub, small string) {
	hub, small = pg.CompanyID(hubName), pg.CompanyID("Smallfield Labs")
	b.Companies = []pg.Company{{ID: hub, Name: hubName}, {ID: small, Name: "Smallfield Labs"}}
	b.Platforms = []pg.Platform{{ID: pg.PlatformID(hubName + " Cloud"), Name: hubName + " Cloud", Kind: pg.PlatformCloud, OwnerID: hub}}
	types := []pg.DealType{pg.Partnership, pg.Acquisition, pg.Investment, pg.Licensing, pg.Supply}
	roles := map[pg.DealType][2]pg.Role{
		pg.Partnership: {pg.RolePartner, pg.RolePartner}, pg.Acquisition: {pg.RoleBuyer, pg.RoleTarget},
		pg.Investment: {pg.RoleInvestor, pg.RoleInvestee}, pg.Licensing: {pg.RoleLicensor, pg.RoleLicensee},
		pg.Supply: {pg.RoleSupplier, pg.RoleCustomer},
	}
	deal := func(i int, t pg.DealType, first, second string, article pg.Article) {
		parties := []pg.Party{{CompanyID: first, Role: roles[t][0]}, {CompanyID: second, Role: roles[t][1]}}
		id := pg.DealID(t, parties)
		year := 1990 + i%35
		var platforms []string
		if i%7 == 0 {
			platforms = []string{b.Platforms[0].ID}
		}
		b.Deals = append(b.Deals, pg.Deal{ID: id, Type: t, Status: pg.Announced, Year: year, Parties: parties, PlatformIDs: platforms})
		b.Evidence = append(b.Evidence, pg.Evidence{DealID: id, ArticleID: article.ID, Sentence: fmt.Sprintf("Sentence %d about a deal.", i),
			End: 24, Year: year, Status: pg.Announced, PlatformIDs: platforms, Confidence: 0.6, Published: article.Published})
		for _, c := range []string{first, second} {
			b.Mentions = append(b.Mentions, pg.Mention{ArticleID: article.ID, Kind: pg.MentionCompany, EntityID: c})
		}
	}
	for i := range n {
		name := fmt.Sprintf("Partner %06d Corp", i)
		partner := pg.CompanyID(name)
		b.Companies = append(b.Companies, pg.Company{ID: partner, Name: name})
		a := pg.Article{ID: pg.ArticleID(fmt.Sprintf("hub-%06d", i)), Title: fmt.Sprintf("Story %d", i), Publisher: "Synthetic Wire",
			Published: fmt.Sprintf("%04d-%02d-%02d", 1990+i%35, 1+i%12, 1+i%28)}
		b.Articles = append(b.Articles, a)
		if i%50 == 49 {
			deal(i, pg.Acquisition, partner, hub, a)
		} else {
			deal(i, types[i%len(types)], hub, partner, a)
		}
		if i%1000 == 0 {
			deal(i, pg.Partnership, small, partner, a)
		}
	}
	return b, hub, small
}

// TestMergeHubIndexesAnswerAsScans merges a hub of many deals into a small
// company, and the small company back into a second hub, and compares the
// index sets and the partner index with those the records make.
func TestMergeHubIndexesAnswerAsScans(t *testing.T) {
	ctx := t.Context()
	s, err := Open(InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b, hub, small := hubBatch(3000, "Hubward Systems")
	if err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	checkSets(t, "after the write", s)
	checkPairs(t, "after the write", s)
	if err := s.Curate(ctx, pg.Curation{Kind: pg.CurateMerge, KeepID: small, DropID: hub}); err != nil {
		t.Fatal(err)
	}
	checkSets(t, "after the merge", s)
	checkPairs(t, "after the merge", s)
	// Every deal left is the kept company's; the hub's partnerships with
	// the partners the small company had are now the same deals as those.
	after, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.mu.RLock()
	got := len(s.st.setOf(s.st.companyDeals, small))
	hubLeft := s.st.setOf(s.st.companyDeals, hub) != nil
	s.mu.RUnlock()
	if got != after.Deals || got != 3000 || hubLeft {
		t.Fatalf("after the merge the kept company has %d deals of %d (want 3000) and the hub's set is left: %v", got, after.Deals, hubLeft)
	}

	// A second hub takes the merged one: its deals move again, onto a
	// company that already has deals with the same partners.
	b2, hub2, _ := hubBatch(500, "Hubward Two")
	if err := s.Write(ctx, b2); err != nil {
		t.Fatal(err)
	}
	if err := s.Curate(ctx, pg.Curation{Kind: pg.CurateMerge, KeepID: hub2, DropID: small}); err != nil {
		t.Fatal(err)
	}
	checkSets(t, "after the second merge", s)
	checkPairs(t, "after the second merge", s)
}

// BenchmarkMergeHub times merging a hub company of n deals into a small
// one (a curation moving every deal of the hub), at two sizes, so that
// the ratio of the two shows how the cost grows with the hub. Each
// iteration writes the graph into a new in-memory store with the timer
// stopped and times the merge alone; the first merge of each size is
// checked against the records before timing.
func BenchmarkMergeHub(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		batch, hub, small := hubBatch(n, "Hubward Systems")
		merge := pg.Curation{Kind: pg.CurateMerge, KeepID: small, DropID: hub}
		fresh := func(b *testing.B) *Store {
			s, err := Open(InMemory, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.Write(b.Context(), batch); err != nil {
				b.Fatal(err)
			}
			return s
		}
		b.Run(fmt.Sprintf("deals=%d", n), func(b *testing.B) {
			s := fresh(b)
			if err := s.Curate(b.Context(), merge); err != nil {
				b.Fatal(err)
			}
			checkSets(b, "after the merge", s)
			checkPairs(b, "after the merge", s)
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				s := fresh(b)
				b.StartTimer()
				if err := s.Curate(b.Context(), merge); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEditSetMatchesEditsOneByOne compares a set rebuilt from many edits
// with the same edits made one by one, on random sets and edits that add
// and remove the same IDs several times. The IDs are numbered in random
// order, so that the order of their refs is not that of the IDs.
func TestEditSetMatchesEditsOneByOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 5))
	tab := newIDTable()
	for _, i := range rng.Perm(60) {
		tab.intern(fmt.Sprint(i))
	}
	id := func() ref { r, _ := tab.lookup(fmt.Sprint(rng.IntN(60))); return r }
	for round := range 500 {
		want, got := map[ref]refs{}, map[ref]refs{}
		for range rng.IntN(40) {
			r := id()
			insertRef(&tab, want, 0, r)
			insertRef(&tab, got, 0, r)
		}
		var ops []setOp
		for range rng.IntN(3 * mergeEdits) {
			op := setOp{id: id(), add: rng.IntN(2) == 0}
			ops = append(ops, op)
			if op.add {
				insertRef(&tab, want, 0, op.id)
			} else {
				deleteRef(&tab, want, 0, op.id)
			}
		}
		editSet(&tab, got, 0, ops)
		if x := got[0]; !slices.IsSorted(tab.strings(x)) {
			t.Fatalf("round %d: rebuilt set %v not in the order of its IDs", round, tab.strings(x))
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("round %d, %d edits (-one by one +rebuilt):\n%s", round, len(ops), d)
		}
	}
}
