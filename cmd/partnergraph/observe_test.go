package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/obs"
	"github.com/partnergraph/partnergraph/memstore"
)

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestServeExposesMetricsReadinessAndRequestIDs: a served graph answers
// /healthz and /readyz, tags every response with a request ID, and counts
// requests, operations and the articles it loaded at /metrics.
func TestServeExposesMetricsReadinessAndRequestIDs(t *testing.T) {
	base, _ := startServer(t, "--data", ":memory:", "--load", examples)
	for _, path := range []string{"/healthz", "/readyz"} {
		res, body := get(t, base+path)
		if res.StatusCode != http.StatusOK || res.Header.Get(obs.RequestIDHeader) == "" {
			t.Errorf("%s: %d %q, request ID %q", path, res.StatusCode, body, res.Header.Get(obs.RequestIDHeader))
		}
	}
	var out struct{ Deals struct{ TotalCount int } }
	gql(t, base, `{ deals(first: 1) { totalCount } }`, &out)
	res, err := http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ company(id: \"nope\") { id } deal(id: \"x\") { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, body := get(t, base+"/metrics")
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("metrics Content-Type %q", ct)
	}
	for _, want := range []string{
		`partnergraph_http_requests_total{route="graphql",code="200"} 2`,
		`partnergraph_http_requests_total{route="readyz",code="200"} 1`,
		`partnergraph_graphql_operations_total{operation="Query.deals",outcome="ok"} 1`,
		`partnergraph_graphql_operation_duration_seconds_count{operation="Query.deals"} 1`,
		`partnergraph_graphql_operations_total{operation="Query.company",outcome="ok"} 1`,
		`partnergraph_loader_articles_total{outcome="loaded"}`,
		`partnergraph_loader_articles_total{outcome="read"}`,
		`# TYPE partnergraph_requests_refused_total counter`,
		`partnergraph_http_requests_in_flight 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}

// downStore is a store whose every count fails as unavailable.
type downStore struct{ pg.Store }

func (downStore) Counts(context.Context) (pg.Counts, error) {
	return pg.Counts{}, errors.New("neo4j down: " + pg.ErrUnavailable.Error())
}

// TestReadyzFollowsTheStore: /readyz is 503 with Retry-After while the
// store does not answer, and /healthz stays 200: the process is up.
func TestReadyzFollowsTheStore(t *testing.T) {
	m, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	metrics := obs.NewMetrics(obs.NewRegistry())
	o := &serveOptions{maxInFlight: 4, maxExports: 1}
	h := routes(downStore{m}, nil, o, slog.New(slog.DiscardHandler), metrics)
	for path, want := range map[string]int{"/readyz": http.StatusServiceUnavailable, "/healthz": http.StatusOK} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", path, rec.Code, want)
		}
		if path == "/readyz" && rec.Header().Get("Retry-After") == "" {
			t.Errorf("/readyz 503 without Retry-After")
		}
	}
	var b bytes.Buffer
	_ = metrics.Registry().WriteText(&b)
	if !strings.Contains(b.String(), `partnergraph_store_errors_total{kind="unavailable"} 1`) {
		t.Errorf("metrics:\n%s", b.String())
	}
}
