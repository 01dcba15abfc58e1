package memstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// The scans below are how the store answered name prefixes and search
// before it had indexes: every company, platform and deal visited. They
// are the oracles the indexed reads must agree with, and the "before" of
// the benchmarks in index_bench_test.go.

// scanEntries lists every searchable record, as the store cached them per
// version before the trigram index.
func (s *Store) scanEntries() []scanEntry {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []scanEntry
	add := func(kind pg.SearchKind, id, name string, aliases []string) {
		hay := strings.ToLower(strings.Join(append([]string{name}, aliases...), "\x00"))
		out = append(out, scanEntry{kind: kind, id: id, name: name, aliases: aliases, hay: hay})
	}
	for _, c := range allCompanies(s.st) {
		add(pg.SearchCompany, c.ID, c.Name, c.Aliases)
	}
	for _, p := range s.st.platforms {
		add(pg.SearchPlatform, p.ID, p.Name, p.Aliases)
	}
	for _, d := range allDeals(s.st) {
		add(pg.SearchDeal, d.ID, d.Summary, nil)
	}
	return out
}

// scanEntry is a searchable record as the scan sees it.
type scanEntry struct {
	kind      pg.SearchKind
	id        string
	name, hay string
	aliases   []string
}

// scanSearch ranks every entry of entries against text, keeping the best
// limit hits as it goes.
func scanSearch(entries []scanEntry, text string, limit int) []pg.SearchHit {
	limit = pg.PageArgs{First: limit}.Size()
	q := strings.ToLower(strings.TrimSpace(text))
	hits := make([]pg.SearchHit, 0, limit)
	if q == "" {
		return hits
	}
	for _, e := range entries {
		if !strings.Contains(e.hay, q) {
			continue
		}
		score := pg.SearchScore(text, e.name, e.aliases)
		if score == 0 {
			continue
		}
		hits = keepBest(hits, pg.SearchHit{Kind: e.kind, ID: e.id, Name: e.name, Score: score}, limit)
	}
	return hits
}

// scanCompanies walks every company in the order of q.
func (s *Store) scanCompanies(ctx context.Context, q pg.CompanyQuery) (pg.Page[pg.Company], error) {
	order, after, err := storekit.ParseCompanyQuery(q)
	if err != nil {
		return pg.Page[pg.Company]{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	got, hasNext, err := paginate(ctx, s.allCompanies(order), after, q.Size(), s.companyMatcher(q.Filter))
	if err != nil {
		return pg.Page[pg.Company]{}, err
	}
	return makePage(string(order), got, hasNext, func(id string) pg.Company { return cloneCompany(s.st.companyValue(id)) }), nil
}

// scanCount counts the companies matching f by visiting every one.
func (s *Store) scanCount(f pg.CompanyFilter) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	match, n := s.companyMatcher(f), 0
	for id := range allCompanies(s.st) {
		if match(id) {
			n++
		}
	}
	return n
}

func TestKeyListMatchesASortedSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var l keyList
	var want []key
	letters := "abcé"
	word := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			b.WriteString(string([]rune(letters)[rng.IntN(4)]))
		}
		return b.String()
	}
	for step := range 20000 {
		k := key{S: word(), ID: fmt.Sprint(rng.IntN(50))}
		i, found := slices.BinarySearchFunc(want, k, key.Compare)
		if rng.IntN(3) == 0 {
			l.remove(k)
			if found {
				want = slices.Delete(want, i, i+1)
			}
		} else {
			l.add(k)
			if !found {
				want = slices.Insert(want, i, k)
			}
		}
		if step%997 != 0 {
			continue
		}
		if l.n != len(want) {
			t.Fatalf("step %d: %d keys, want %d", step, l.n, len(want))
		}
		for _, b := range l.blocks {
			if len(b) == 0 || len(b) > 2*blockSize {
				t.Fatalf("step %d: a block of %d keys", step, len(b))
			}
		}
		p := word()[:1]
		var got, wantP []key
		for k := range l.withPrefix(p) {
			got = append(got, k)
		}
		for _, k := range want {
			if strings.HasPrefix(k.S, p) {
				wantP = append(wantP, k)
			}
		}
		if d := cmp.Diff(wantP, got); d != "" {
			t.Fatalf("step %d: withPrefix(%q) (-want +got):\n%s", step, p, d)
		}
	}
}

func TestSearchIndexDropsDeadSlots(t *testing.T) {
	x := newSearchIndex()
	for round := range 5 {
		for i := range 3000 {
			x.put(searchRef{searchCompany, ref(i + 1)}, fmt.Sprintf("Name %d round %d", i, round), nil)
		}
		// Unchanged records keep their slots.
		x.put(searchRef{searchCompany, 1}, fmt.Sprintf("Name 0 round %d", round), nil)
		x.compact()
	}
	live := x.slots.len()
	if live != 3000 || len(x.entries) > 2*live+minCompact {
		t.Errorf("%d live records in %d slots: dead slots are not dropped", live, len(x.entries))
	}
	n := 0
	for e := range x.candidates("round 4") {
		if !strings.Contains(e.hay, "round 4") {
			t.Errorf("candidate %q from a dead slot or a wrong trigram", e.hay)
		}
		n++
	}
	if n != 3000 {
		t.Errorf("%d candidates for the text of every record, want 3000", n)
	}
}

// renamed returns a synthetic graph whose companies have names of varied
// shape (several words, hyphens, accents, legal forms) and aliases, and
// whose articles mention the companies and platforms of their deals.
func renamed(n, m int, seed uint64) pg.Batch {
	b := graphtest.Synthetic(n, m, seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	syll := []string{"ve", "lar", "mi", "on", "ka", "tro", "né", "sys", "al", "de", "co", "mp"}
	forms := []string{"Inc", "Corp", "Ltd", "AG", "Group", "Holdings", ""}
	words := []string{"Networks", "Micro-Devices", "Energy/Power", "Bank (Europe)", "Games", "Systèmes"}
	for i := range b.Companies {
		var w strings.Builder
		for range 2 + rng.IntN(3) {
			w.WriteString(syll[rng.IntN(len(syll))])
		}
		first := strings.ToUpper(w.String()[:1]) + w.String()[1:]
		name := strings.TrimSpace(first + " " + words[rng.IntN(len(words))] + " " + forms[rng.IntN(len(forms))])
		b.Companies[i].Name = name
		b.Companies[i].Aliases = nil
		if rng.IntN(3) == 0 {
			b.Companies[i].Aliases = []string{strings.ToUpper(first[:min(3, len(first))]) + fmt.Sprint(i)}
		}
	}
	// Each article mentions the parties and platforms of the deals it
	// reports.
	deals := map[string]pg.Deal{}
	for _, d := range b.Deals {
		deals[d.ID] = d
	}
	for _, e := range b.Evidence {
		d := deals[e.DealID]
		for _, p := range d.Parties {
			b.Mentions = append(b.Mentions, pg.Mention{ArticleID: e.ArticleID, Kind: pg.MentionCompany, EntityID: p.CompanyID})
		}
		for _, p := range d.PlatformIDs {
			b.Mentions = append(b.Mentions, pg.Mention{ArticleID: e.ArticleID, Kind: pg.MentionPlatform, EntityID: p})
		}
	}
	return b
}

// TestIndexesAnswerAsScans compares the indexed name-prefix pages, counts
// and search with the scans, after writes and after curations that rename,
// add and move aliases and delete records.
func TestIndexesAnswerAsScans(t *testing.T) {
	ctx := t.Context()
	s, err := Open(InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := renamed(600, 1500, 3)
	for i := 0; i < len(b.Companies); i += 200 {
		part := b
		part.Deals, part.Evidence, part.Articles, part.Mentions = nil, nil, nil, nil
		part.Companies = b.Companies[i:min(i+200, len(b.Companies))]
		part.Platforms = nil
		if err := s.Write(ctx, part); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		checkPairs(t, when, s)
		checkSets(t, when, s)
		for _, c := range b.Companies[:40] {
			for _, types := range [][]pg.DealType{nil, {pg.Partnership}} {
				want, err := pg.WalkNeighborhood(ctx, readerOnly{s}, c.ID, 2, 60, types)
				if errors.Is(err, pg.ErrNotFound) {
					continue // merged away
				}
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.Neighborhood(ctx, c.ID, 2, 60, types, false)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("%s: Neighborhood(%s, %v) (-walk +store):\n%s", when, c.ID, types, d)
				}
			}
		}
		entries := s.scanEntries()
		var texts []string
		for i, e := range entries {
			if i%37 != 0 {
				continue
			}
			h := []rune(e.hay)
			for _, n := range []int{1, 2, 3, 4, 6} {
				at := (i * 7) % max(len(h)-n+1, 1)
				texts = append(texts, string(h[at:min(at+n, len(h))]))
			}
		}
		texts = append(texts, "CO", "  ve ", "s c", "é", "(e", "zzz", "-de")
		for _, text := range texts {
			for _, limit := range []int{3, 10, pg.MaxPageSize} {
				got, err := s.Search(ctx, text, limit)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(scanSearch(entries, text, limit), got); d != "" {
					t.Fatalf("%s: Search(%q, %d) (-scan +index):\n%s", when, text, limit, d)
				}
			}
			if strings.TrimSpace(text) != text || strings.ContainsAny(text, "\x00") {
				continue
			}
			for _, f := range []pg.CompanyFilter{{NamePrefix: text}, {NamePrefix: text, MinDeals: 2}} {
				if got, err := s.CountCompanies(ctx, f); err != nil || got != s.scanCount(f) {
					t.Fatalf("%s: CountCompanies(%+v) = %d, %v; scan %d", when, f, got, err, s.scanCount(f))
				}
				for _, sort := range []pg.CompanySort{pg.CompaniesByName, pg.CompaniesByDealsDesc} {
					q := pg.CompanyQuery{Filter: f, Sort: sort, PageArgs: pg.PageArgs{First: 3}}
					for range 4 {
						want, err := s.scanCompanies(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						got, err := s.Companies(ctx, q)
						if err != nil {
							t.Fatal(err)
						}
						if d := cmp.Diff(want, got); d != "" {
							t.Fatalf("%s: Companies(%+v) (-scan +index):\n%s", when, q, d)
						}
						if !got.HasNextPage {
							break
						}
						q.After = got.Cursors[len(got.Cursors)-1]
					}
				}
			}
		}
	}
	check("after the writes")

	cs := b.Companies
	curations := []pg.Curation{
		{Kind: pg.CurateMerge, KeepID: cs[0].ID, DropID: cs[1].ID},
		{Kind: pg.CurateMerge, KeepID: cs[5].ID, DropID: cs[2].ID},
		{Kind: pg.CurateAddAlias, CompanyID: cs[3].ID, Alias: "Zebra Works"},
		{Kind: pg.CurateAddAlias, CompanyID: cs[4].ID, Alias: "zebra dynamics"},
	}
	for _, a := range b.Articles[:40] {
		curations = append(curations, pg.Curation{Kind: pg.CurateDeleteArticle, ArticleID: a.ID})
	}
	for _, c := range curations {
		if err := s.Curate(ctx, c); err != nil {
			t.Fatalf("Curate(%+v): %v", c, err)
		}
	}
	if err := s.Curate(ctx, pg.Curation{Kind: pg.CurateSplit, CompanyID: cs[3].ID, Alias: "Zebra Works"}); err != nil {
		t.Fatalf("split: %v", err)
	}
	check("after the curations")
}

// checkSets compares the index sets with those the stored records make,
// and the two ends of the mention index with each other.
func checkSets(t testing.TB, when string, s *Store) {
	t.Helper()
	s.mu.RLock()
	defer s.mu.RUnlock()
	want := map[string]map[string][]string{}
	add := func(index, key, id string) {
		if want[index] == nil {
			want[index] = map[string][]string{}
		}
		if !slices.Contains(want[index][key], id) {
			want[index][key] = append(want[index][key], id)
		}
	}
	for id, d := range allDeals(s.st) {
		for _, p := range d.Parties {
			add("companyDeals", p.CompanyID, id)
			if d.Type == pg.Acquisition && p.Role == pg.RoleTarget {
				add("targetDeals", p.CompanyID, id)
			}
		}
		for _, p := range d.PlatformIDs {
			add("platformDeals", p, id)
		}
	}
	for r, ev := range s.st.evidence {
		id := s.st.ids.str(r)
		if !slices.IsSortedFunc(ev, func(a, b evidence) int { return s.st.ids.compare(a.articleID, b.articleID) }) {
			t.Fatalf("%s: evidence of %s not in article order", when, id)
		}
		for _, e := range ev {
			add("articleDeals", s.st.ids.str(e.articleID), id)
		}
	}
	for id, c := range allCompanies(s.st) {
		if c.Parent != nil {
			add("children", c.Parent.ParentID, id)
		}
		if c.Stated != nil {
			add("claimed", c.Stated.ParentID, id)
		}
	}
	for id, p := range s.st.platforms {
		if p.OwnerID != "" {
			add("ownerPlatforms", p.OwnerID, id)
		}
	}
	got := map[string]map[ref]refs{
		"companyDeals": s.st.companyDeals, "targetDeals": s.st.targetDeals, "platformDeals": s.st.platformDeals,
		"articleDeals": s.st.articleDeals, "children": s.st.children,
		"claimed": s.st.claimed, "ownerPlatforms": s.st.ownerPlatforms,
	}
	for name, idx := range got {
		w := want[name]
		for kr, xr := range idx {
			k, x := s.st.ids.str(kr), s.st.ids.strings(xr)
			if !slices.IsSorted(x) || len(slices.Compact(slices.Clone(x))) != len(x) {
				t.Fatalf("%s: %s of %s not sorted and distinct: %v", when, name, k, x)
			}
			if want := slices.Sorted(slices.Values(w[k])); !slices.Equal([]string(x), want) {
				t.Fatalf("%s: %s of %s: %v, want %v", when, name, k, x, want)
			}
		}
		if len(idx) != len(w) {
			t.Fatalf("%s: %s has %d keys, want %d", when, name, len(idx), len(w))
		}
	}

	// The key index holds each company under the hash of each of its
	// keys, a hash of one company as its ID, and finds it by every key.
	byHash := map[uint64][]string{}
	for id, c := range allCompanies(s.st) {
		for _, h := range s.st.keys.hashes(&c) {
			byHash[h] = append(byHash[h], id)
		}
		for _, k := range storekit.MatchKeys(c) {
			if !slices.Contains(s.st.CompaniesByKey([]string{"k:nothing", k}), id) {
				t.Fatalf("%s: company %s not found by its key %q", when, id, k)
			}
		}
	}
	gotHash := map[uint64][]string{}
	for h, id := range s.st.keys.one {
		gotHash[h] = []string{s.st.ids.str(id)}
	}
	for h, xr := range s.st.keys.many {
		x := s.st.ids.strings(xr)
		if len(x) < 2 || !slices.IsSorted(x) || len(slices.Compact(slices.Clone(x))) != len(x) {
			t.Fatalf("%s: key hash %x holds %v, not two IDs or more, sorted and distinct", when, h, x)
		}
		if _, dup := gotHash[h]; dup {
			t.Fatalf("%s: key hash %x held as one company and as several", when, h)
		}
		gotHash[h] = x
	}
	for h, x := range byHash {
		byHash[h] = slices.Sorted(slices.Values(x))
	}
	if d := cmp.Diff(byHash, gotHash); d != "" {
		t.Fatalf("%s: key index (-companies +index):\n%s", when, d)
	}

	fromArticles, fromEntities := map[pg.Mention]int{}, map[pg.Mention]int{}
	for a, refs := range s.st.articleMentions {
		var ms []pg.Mention
		for _, r := range refs {
			ms = append(ms, pg.Mention{ArticleID: s.st.ids.str(a), Kind: pg.MentionKind(s.st.wordList[r.kind]), EntityID: s.st.ids.str(r.id)})
		}
		if len(ms) == 0 || !slices.IsSortedFunc(ms, func(a, b pg.Mention) int {
			if a.Kind != b.Kind {
				return strings.Compare(string(a.Kind), string(b.Kind))
			}
			return strings.Compare(a.EntityID, b.EntityID)
		}) {
			t.Fatalf("%s: mentions of article %s empty or not sorted: %v", when, s.st.ids.str(a), ms)
		}
		for _, m := range ms {
			fromArticles[m]++
		}
	}
	for kind, byID := range s.st.entityMentions {
		for id, articles := range byID {
			if len(articles) == 0 {
				t.Fatalf("%s: empty mentions of %s %s", when, kind, s.st.ids.str(id))
			}
			for _, a := range articles {
				fromEntities[pg.Mention{ArticleID: s.st.ids.str(a), Kind: kind, EntityID: s.st.ids.str(id)}]++
			}
		}
	}
	if d := cmp.Diff(fromArticles, fromEntities); d != "" {
		t.Fatalf("%s: mentions by article and by entity differ (-article +entity):\n%s", when, d)
	}
	for m, n := range fromArticles {
		if n != 1 {
			t.Fatalf("%s: mention %+v held %d times", when, m, n)
		}
	}
	if len(fromArticles) != s.st.nMentions {
		t.Fatalf("%s: %d mentions, counted %d", when, len(fromArticles), s.st.nMentions)
	}
}

// checkPairs compares the partner index with the one the stored deals
// make.
func checkPairs(t testing.TB, when string, s *Store) {
	t.Helper()
	s.mu.RLock()
	defer s.mu.RUnlock()
	pairs := map[[2]string][]string{}
	partners := map[string][]string{}
	for id, d := range allDeals(s.st) {
		ps := partyIDs(d)
		for i, a := range ps {
			for _, b := range ps[i+1:] {
				k := [2]string{a, b}
				if len(pairs[k]) == 0 {
					partners[a] = append(partners[a], b)
					partners[b] = append(partners[b], a)
				}
				pairs[k] = append(pairs[k], id)
			}
		}
	}
	sorted := func(m map[[2]string][]string) map[[2]string][]string {
		out := map[[2]string][]string{}
		for k, v := range m {
			out[k] = slices.Sorted(slices.Values(v))
		}
		return out
	}
	// The index as IDs; a pair of one deal is never in many.
	index := map[[2]string][]string{}
	s.st.pairDeals.each(func(k pairKey, deals []ref) {
		a, b := k.refs()
		if _, one := s.st.pairDeals.one[k]; len(deals) < 2 && !one {
			t.Fatalf("%s: pair %v holds %d deals in many", when, k, len(deals))
		}
		ids := [2]string{s.st.ids.str(a), s.st.ids.str(b)}
		slices.Sort(ids[:])
		index[ids] = s.st.ids.strings(deals)
	})
	for k := range s.st.pairDeals.one {
		if _, both := s.st.pairDeals.many[k]; both {
			t.Fatalf("%s: pair %v held as one deal and as several", when, k)
		}
	}
	if d := cmp.Diff(sorted(pairs), sorted(index)); d != "" {
		t.Fatalf("%s: pair index (-deals +index):\n%s", when, d)
	}
	for k, v := range partners {
		r, _ := s.st.ids.lookup(k)
		if got := slices.Sorted(slices.Values(s.st.ids.strings(s.st.partners[r]))); !slices.Equal(slices.Sorted(slices.Values(v)), got) {
			t.Fatalf("%s: partners of %s: %v, want %v", when, k, got, v)
		}
	}
	if len(partners) != len(s.st.partners) {
		t.Fatalf("%s: %d companies with partners, want %d", when, len(s.st.partners), len(partners))
	}

	// DealsBetween reads the pairs: it must find what a scan of the deals
	// finds, for the parties of every deal, one of them alone, two of
	// them in either order and with one repeated, and two with a partner
	// of the first.
	scan := func(companies []string) []string {
		var out []string
		for id, d := range allDeals(s.st) {
			if !slices.ContainsFunc(companies, func(c string) bool {
				return !slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == c })
			}) {
				out = append(out, id)
			}
		}
		return slices.Sorted(slices.Values(out))
	}
	tried := map[string]bool{}
	for _, d := range allDeals(s.st) {
		ps := partyIDs(d)
		blocks := [][]string{ps, ps[:1], append(slices.Clone(ps), ps[0])}
		if len(ps) >= 2 {
			blocks = append(blocks, []string{ps[1], ps[0]}, []string{ps[0], ps[0], ps[1]})
			r, _ := s.st.ids.lookup(ps[0])
			for _, c := range s.st.ids.strings(s.st.partners[r][:min(3, len(s.st.partners[r]))]) {
				blocks = append(blocks, []string{ps[0], ps[1], c}) // a third party to some of their deals, or none
			}
		}
		for _, b := range blocks {
			k := strings.Join(b, "\x00")
			if tried[k] || len(tried) > 600 {
				continue
			}
			tried[k] = true
			if got, want := slices.Sorted(slices.Values(s.st.DealsBetween(b))), scan(b); !slices.Equal(got, want) {
				t.Fatalf("%s: DealsBetween(%q) = %v, scan %v", when, b, got, want)
			}
		}
	}
}

// partyIDs returns the distinct IDs of the companies party to d, sorted.
func partyIDs(d pg.Deal) []string {
	var ids []string
	for _, p := range d.Parties {
		ids = append(ids, p.CompanyID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// TestIndexedReadsDuringWrites runs the indexed reads (prefix pages,
// search, hubs' sorted deal lists, neighbourhoods) while writes change the
// graph; run with -race it checks that the caches readers fill are
// guarded and that no read sees an index set a write is changing.
func TestIndexedReadsDuringWrites(t *testing.T) {
	ctx := t.Context()
	s, err := Open(InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Write(ctx, graphtest.Synthetic(300, 2000, 1)); err != nil {
		t.Fatal(err)
	}
	hubs := []string{pg.CompanyID("Company 0000"), pg.CompanyID("Company 0001"), pg.CompanyID("Company 0002")}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for range 30 {
				if _, err := s.Companies(ctx, pg.CompanyQuery{Filter: pg.CompanyFilter{NamePrefix: "company 00"}}); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.Search(ctx, "pany 01", 10); err != nil {
					t.Error(err)
					return
				}
				ids, err := s.DealIDsByCompany(ctx, hubs)
				if err != nil || !slices.IsSorted(ids[hubs[0]]) || len(ids[hubs[0]]) < 32 {
					t.Errorf("DealIDsByCompany: %d IDs, sorted %v, err %v", len(ids[hubs[0]]), slices.IsSorted(ids[hubs[0]]), err)
					return
				}
				if _, err := s.Neighborhood(ctx, hubs[0], 2, 100, nil, true); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for seed := range uint64(5) {
		if err := s.Write(ctx, graphtest.Synthetic(300, 200, seed+2)); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}

// allDeals returns every deal of st by ID.
func allDeals(st *state) map[string]pg.Deal {
	out := make(map[string]pg.Deal, st.deals.len())
	for _, d := range st.deals.all() {
		out[st.ids.str(d.id)] = st.expandDeal(d)
	}
	return out
}

// allCompanies returns every company of st by ID.
func allCompanies(st *state) map[string]pg.Company {
	out := make(map[string]pg.Company, st.companies.len())
	for r, c := range st.companies.all() {
		out[st.ids.str(r)] = *c
	}
	return out
}
