package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/storetest"
)

// cacheBytes is the response cache budget of the tests.
const cacheBytes = 1 << 20

// generationalStore is a countingStore that passes on its store's
// generation, so that NewHandler caches responses over it.
type generationalStore struct {
	*countingStore
	gen graph.Generational
}

func (s generationalStore) Generation() uint64 { return s.gen.Generation() }

// newCachedStore returns the fixture in a memstore, counted, with its
// generation.
func newCachedStore(t *testing.T) (pg.Store, generationalStore) {
	t.Helper()
	s := newStore(t, storetest.Fixture())
	g, ok := s.(graph.Generational)
	if !ok {
		t.Fatal("memstore does not implement graph.Generational")
	}
	return s, generationalStore{countingStore: newCountingStore(s), gen: g}
}

// raw runs a query that must succeed and returns its data as JSON text.
func raw(t *testing.T, h http.Handler, q string, vars map[string]any, header ...string) string {
	t.Helper()
	r := request(t, h, q, vars, header...)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("query %s: status %d, errors %+v", q, r.Status, r.Errors)
	}
	return string(r.Data)
}

// postJSON sends body as a JSON POST; header holds name/value pairs.
func postJSON(t *testing.T, h http.Handler, body map[string]any, header ...string) response {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return serve(t, h, req)
}

func TestResponseCacheNeverServesStaleData(t *testing.T) {
	auth := []string{"X-API-Key", "secret"}
	tests := []struct {
		name  string
		query string
		// change changes the graph behind the handler, through it or not.
		change func(t *testing.T, h http.Handler, s pg.Store)
	}{
		{"AddAlias", `{ company(id: "sega") { aliases } }`, func(t *testing.T, h http.Handler, _ pg.Store) {
			raw(t, h, `mutation { addAlias(company: "sega", alias: "Sega Sammy") { id } }`, nil, auth...)
		}},
		{"MergeCompanies", `{ company(id: "sega") { aliases dealCount } }`, func(t *testing.T, h http.Handler, _ pg.Store) {
			raw(t, h, `mutation { mergeCompanies(keep: "sega", drop: "nintendo") { id } }`, nil, auth...)
		}},
		{"SplitCompany", `{ company(id: "sony") { aliases } }`, func(t *testing.T, h http.Handler, _ pg.Store) {
			raw(t, h, `mutation { splitCompany(company: "sony", alias: "Sony Interactive Entertainment") { split { id } } }`, nil, auth...)
		}},
		{"RejectDeal", `{ deals(first: 50) { totalCount edges { node { id } } } }`, func(t *testing.T, h http.Handler, _ pg.Store) {
			raw(t, h, `mutation($id: ID!) { rejectDeal(id: $id, reason: "no") { kind } }`, map[string]any{"id": storetest.DealSEGANintendo}, auth...)
		}},
		{"DeleteArticle", `{ counts { articles evidence } }`, func(t *testing.T, h http.Handler, _ pg.Store) {
			raw(t, h, `mutation { deleteArticle(id: "a:activision-deal-closes") { kind } }`, nil, auth...)
		}},
		{"IngestArticle", `{ company(id: "sega") { dealCount deals { edges { node { id } } } } }`, func(t *testing.T, h http.Handler, _ pg.Store) {
			raw(t, h, `mutation($in: ArticleInput!) { ingestArticle(input: $in) { deals { id } } }`,
				map[string]any{"in": map[string]any{"id": "n1", "title": "T", "publisher": "Wire", "published": "2024-05-01", "text": "SEGA+Valve"}}, auth...)
		}},
		{"StoreWrite", `{ counts { companies } search(text: "zebra") { id } }`, func(t *testing.T, _ http.Handler, s pg.Store) {
			if err := s.Write(context.Background(), pg.Batch{Companies: []pg.Company{{ID: "zebra", Name: "Zebra"}}}); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, gs := newCachedStore(t)
			cached := graph.NewHandler(gs, graph.Options{APIKey: "secret", Ingester: fakeIngester{}, ResponseCacheBytes: cacheBytes})
			plain := graph.NewHandler(s, graph.Options{})

			before := raw(t, cached, tt.query, nil)
			gs.snapshot()
			if again := raw(t, cached, tt.query, nil); again != before {
				t.Fatalf("cached answer %s differs from the first %s", again, before)
			}
			if calls := gs.snapshot(); len(calls) != 0 {
				t.Fatalf("the repeated query made store calls %v: it was not cached", calls)
			}

			tt.change(t, cached, s)

			after := raw(t, cached, tt.query, nil)
			if want := raw(t, plain, tt.query, nil); after != want {
				t.Errorf("after the change the cached handler answers\n%s\nthe uncached one\n%s", after, want)
			}
			if after == before {
				t.Errorf("the answer %s did not change: the test does not test anything", after)
			}
		})
	}
}

func TestResponseCacheKeys(t *testing.T) {
	_, gs := newCachedStore(t)
	h := graph.NewHandler(gs, graph.Options{APIKey: "secret", ResponseCacheBytes: cacheBytes})
	const byID = `query($id: ID!) { company(id: $id) { id name } }`
	const twoOps = `query A { company(id: "sega") { id } } query B { company(id: "sony") { id } }`
	type step struct {
		name   string
		query  string
		vars   map[string]any
		header []string
		opName string
		want   string // the data, or "" to skip the check
		cached bool   // answered without store calls
	}
	steps := []step{
		{name: "first", query: byID, vars: map[string]any{"id": "sega"}, want: `{"company":{"id":"sega","name":"SEGA"}}`},
		{name: "same", query: byID, vars: map[string]any{"id": "sega"}, want: `{"company":{"id":"sega","name":"SEGA"}}`, cached: true},
		{name: "other variables", query: byID, vars: map[string]any{"id": "sony"}, want: `{"company":{"id":"sony","name":"Sony"}}`},
		{name: "other variables again", query: byID, vars: map[string]any{"id": "sony"}, want: `{"company":{"id":"sony","name":"Sony"}}`, cached: true},
		{name: "whitespace and comments", query: "# find\nquery ( $id : ID! ) {\n  company(id: $id) {\n    id,\n    name\n  }\n}", vars: map[string]any{"id": "sega"},
			want: `{"company":{"id":"sega","name":"SEGA"}}`, cached: true},
		{name: "with the key", query: byID, vars: map[string]any{"id": "sega"}, header: []string{"X-API-Key", "secret"}, want: `{"company":{"id":"sega","name":"SEGA"}}`},
		{name: "with the key again", query: byID, vars: map[string]any{"id": "sega"}, header: []string{"Authorization", "Bearer secret"}, cached: true},
		{name: "with a wrong key", query: byID, vars: map[string]any{"id": "sega"}, header: []string{"X-API-Key", "nope"}},
		{name: "operation A", query: twoOps, opName: "A", want: `{"company":{"id":"sega"}}`},
		{name: "operation B", query: twoOps, opName: "B", want: `{"company":{"id":"sony"}}`},
		{name: "operation A again", query: twoOps, opName: "A", want: `{"company":{"id":"sega"}}`, cached: true},
		{name: "an error", query: `{ neighborhood(id: "nope") { truncated } }`},
		{name: "the error again", query: `{ neighborhood(id: "nope") { truncated } }`},
	}
	for _, st := range steps {
		gs.snapshot()
		body := map[string]any{"query": st.query, "variables": st.vars}
		if st.opName != "" {
			body["operationName"] = st.opName
		}
		r := postJSON(t, h, body, st.header...)
		calls := gs.snapshot()
		if st.want != "" && string(r.Data) != st.want {
			t.Errorf("%s: data %s, want %s", st.name, r.Data, st.want)
		}
		if cached := len(calls) == 0; cached != st.cached {
			t.Errorf("%s: answered from the cache = %v (store calls %v), want %v", st.name, cached, calls, st.cached)
		}
	}
}

func TestResponseCacheNeedsAGenerationalStore(t *testing.T) {
	store := newCountingStore(newStore(t, storetest.Fixture()))
	h := graph.NewHandler(store, graph.Options{ResponseCacheBytes: cacheBytes})
	for i := range 2 {
		store.snapshot()
		raw(t, h, `{ company(id: "sega") { id } }`, nil)
		if calls := store.snapshot(); len(calls) == 0 {
			t.Errorf("request %d made no store calls: a store without a generation was cached", i+1)
		}
	}
}

func TestResponseCacheUnderConcurrentWrites(t *testing.T) {
	s, gs := newCachedStore(t)
	h := graph.NewHandler(gs, graph.Options{ResponseCacheBytes: cacheBytes})
	const q = `{ counts { companies } }`
	var got struct{ Counts struct{ Companies int } }
	query(t, h, q, nil, &got)
	base := got.Counts.Companies

	// Readers keep filling the cache while the writer adds companies; each
	// read after a write returns must see it.
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			body := []byte(`{"query":"` + q + `"}`)
			for ctx.Err() == nil {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
	defer func() { cancel(); wg.Wait() }()
	for i := range 30 {
		id := fmt.Sprintf("new-%02d", i)
		if err := s.Write(context.Background(), pg.Batch{Companies: []pg.Company{{ID: id, Name: id}}}); err != nil {
			t.Fatal(err)
		}
		query(t, h, q, nil, &got)
		if want := base + i + 1; got.Counts.Companies != want {
			t.Fatalf("after write %d: %d companies, want %d", i+1, got.Counts.Companies, want)
		}
	}
}

func TestCachedAnswersAreByteIdentical(t *testing.T) {
	store := newStore(t, storetest.Fixture())
	cached := graph.NewHandler(store, graph.Options{ResponseCacheBytes: cacheBytes})
	plain := graph.NewHandler(store, graph.Options{})
	post := func(h http.Handler, body, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewBufferString(body))
		req.Header.Set("Content-Type", "application/json")
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	bodies := []struct{ name, body, variant string }{
		{"three levels", `{"query":"{ deals(first: 3) { edges { node { id parties { company { name deals(first: 2) { edges { node { id } } } } } } } } }"}`,
			`{"query":"{deals(first:3){edges{node{id,parties{company{name,deals(first:2){edges{node{id}}}}}}}}}"}`},
		{"neighbourhood", `{"query":"query ($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }","variables":{"id":"sega"}}`,
			`{"variables":{"id":"sega"},"query":"query ($id: ID!) {\n neighborhood(id: $id, depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }"}`},
		{"unicode", `{"query":"{ search(text: \"ninten\") { id name score } }"}`, `{"query":"{ search(text:\"ninten\") { id name score } }"}`},
	}
	for _, b := range bodies {
		for _, accept := range []string{"", "application/json", "application/graphql-response+json"} {
			want := post(plain, b.body, accept)
			// A miss, a hit of the exact request, and a hit of the same
			// operation written differently.
			for i, body := range []string{b.body, b.body, b.variant, b.variant} {
				got := post(cached, body, accept)
				if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || got.Body.String() != want.Body.String() {
					t.Errorf("%s, Accept %q, request %d: got %d %q %s\nwant %d %q %s", b.name, accept, i+1,
						got.Code, got.Header().Get("Content-Type"), got.Body, want.Code, want.Header().Get("Content-Type"), want.Body)
				}
			}
		}
	}
}
