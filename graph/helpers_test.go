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
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
)

// newStore returns an in-memory store holding b.
func newStore(t testing.TB, batches ...pg.Batch) pg.Store {
	t.Helper()
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatalf("memstore.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	for _, b := range batches {
		if err := s.Write(context.Background(), b); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	return s
}

// fixtureHandler serves the storetest fixture with opts.
func fixtureHandler(t testing.TB, opts graph.Options) http.Handler {
	t.Helper()
	return graph.NewHandler(newStore(t, storetest.Fixture()), opts)
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// response is a GraphQL response with its HTTP status and headers.
type response struct {
	Status int
	Header http.Header
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// code returns the extensions.code of the first error, or "".
func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// request sends a POST with query and vars; header holds name/value pairs.
func request(t testing.TB, h http.Handler, query string, vars map[string]any, header ...string) response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return serve(t, h, req)
}

// serve runs req through h and decodes the answer.
func serve(t testing.TB, h http.Handler, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var r response
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("%s %s: status %d, body %q is not JSON: %v", req.Method, req.URL, rec.Code, rec.Body.String(), err)
	}
	r.Status, r.Header = rec.Code, rec.Header()
	return r
}

// query runs a query that must succeed and decodes its data into out.
func query(t testing.TB, h http.Handler, q string, vars map[string]any, out any, header ...string) {
	t.Helper()
	r := request(t, h, q, vars, header...)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("query %s: status %d, errors %+v", q, r.Status, r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatalf("query %s: decode %s: %v", q, r.Data, err)
	}
}

// countingStore wraps a store and counts the read calls by method name.
type countingStore struct {
	pg.Store
	mu    sync.Mutex
	calls map[string]int
}

func newCountingStore(s pg.Store) *countingStore {
	return &countingStore{Store: s, calls: map[string]int{}}
}

func (c *countingStore) count(name string) {
	c.mu.Lock()
	c.calls[name]++
	c.mu.Unlock()
}

// snapshot returns the counts so far and resets them.
func (c *countingStore) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.calls
	c.calls = map[string]int{}
	return out
}

func (c *countingStore) Company(ctx context.Context, id string) (pg.Company, error) {
	c.count("Company")
	return c.Store.Company(ctx, id)
}

func (c *countingStore) CompanyByName(ctx context.Context, name string) (pg.Company, error) {
	c.count("CompanyByName")
	return c.Store.CompanyByName(ctx, name)
}

func (c *countingStore) CompaniesByID(ctx context.Context, ids []string) (map[string]pg.Company, error) {
	c.count("CompaniesByID")
	return c.Store.CompaniesByID(ctx, ids)
}

func (c *countingStore) Deals(ctx context.Context, q pg.DealQuery) (pg.Page[pg.Deal], error) {
	c.count("Deals")
	return c.Store.Deals(ctx, q)
}

func (c *countingStore) DealsByID(ctx context.Context, ids []string) (map[string]pg.Deal, error) {
	c.count("DealsByID")
	return c.Store.DealsByID(ctx, ids)
}

func (c *countingStore) DealIDsByCompany(ctx context.Context, ids []string) (map[string][]string, error) {
	c.count("DealIDsByCompany")
	return c.Store.DealIDsByCompany(ctx, ids)
}

func (c *countingStore) PlatformsByID(ctx context.Context, ids []string) (map[string]pg.Platform, error) {
	c.count("PlatformsByID")
	return c.Store.PlatformsByID(ctx, ids)
}

func (c *countingStore) EvidenceByDeal(ctx context.Context, ids []string) (map[string][]pg.Evidence, error) {
	c.count("EvidenceByDeal")
	return c.Store.EvidenceByDeal(ctx, ids)
}

func (c *countingStore) ArticlesByID(ctx context.Context, ids []string) (map[string]pg.Article, error) {
	c.count("ArticlesByID")
	return c.Store.ArticlesByID(ctx, ids)
}

func (c *countingStore) CountDeals(ctx context.Context, f pg.DealFilter) (int, error) {
	c.count("CountDeals")
	return c.Store.CountDeals(ctx, f)
}

func (c *countingStore) Counts(ctx context.Context) (pg.Counts, error) {
	c.count("Counts")
	return c.Store.Counts(ctx)
}

func (c *countingStore) Search(ctx context.Context, text string, limit int) ([]pg.SearchHit, error) {
	c.count("Search")
	return c.Store.Search(ctx, text, limit)
}

// ringBatch returns a graph of n companies c000… in a ring, each linked to
// the next by a partnership reported by one article, so that every company
// has two deals.
func ringBatch(n int) pg.Batch {
	var b pg.Batch
	b.Articles = []pg.Article{{ID: "a:ring", Title: "Ring", Publisher: "Test", Published: "2020-01-02"}}
	b.Platforms = []pg.Platform{{ID: "p:cloud", Name: "Cloud", Kind: pg.PlatformCloud, OwnerID: "c000"}}
	for i := range n {
		b.Companies = append(b.Companies, pg.Company{ID: fmt.Sprintf("c%03d", i), Name: fmt.Sprintf("C%03d", i)})
	}
	for i := range n {
		parties := []pg.Party{{CompanyID: fmt.Sprintf("c%03d", i), Role: pg.RolePartner}, {CompanyID: fmt.Sprintf("c%03d", (i+1)%n), Role: pg.RolePartner}}
		id := pg.DealID(pg.Partnership, parties)
		b.Deals = append(b.Deals, pg.Deal{ID: id, Type: pg.Partnership, Status: pg.Announced, Year: 2000 + i%20, Parties: parties,
			PlatformIDs: []string{"p:cloud"}, Summary: fmt.Sprintf("C%03d partners with the next", i), Confidence: 0.5})
		b.Evidence = append(b.Evidence, pg.Evidence{DealID: id, ArticleID: "a:ring", Sentence: "They partner.", Start: i, End: i + 1,
			Year: 2000 + i%20, Status: pg.Announced, PlatformIDs: []string{"p:cloud"}, Confidence: 0.5, Published: "2020-01-02"})
	}
	return b
}

// renameRing gives the companies of a ring batch the IDs in b.Companies
// (in order) throughout its deals and evidence.
func renameRing(b pg.Batch) pg.Batch {
	n := len(b.Companies)
	b.Deals, b.Evidence = nil, nil
	for i := range n {
		parties := []pg.Party{{CompanyID: b.Companies[i].ID, Role: pg.RolePartner}, {CompanyID: b.Companies[(i+1)%n].ID, Role: pg.RolePartner}}
		id := pg.DealID(pg.Partnership, parties)
		b.Deals = append(b.Deals, pg.Deal{ID: id, Type: pg.Partnership, Status: pg.Announced, Year: 2000, Parties: parties, Summary: "extra", Confidence: 0.5})
		b.Evidence = append(b.Evidence, pg.Evidence{DealID: id, ArticleID: "a:ring", Sentence: "x", Year: 2000, Status: pg.Announced, Confidence: 0.5, Published: "2020-01-02"})
	}
	return b
}
