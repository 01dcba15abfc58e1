package obs_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/internal/obs"
)

func TestRegistryWritesTheTextFormat(t *testing.T) {
	r := obs.NewRegistry()
	c := r.Counter("app_things_total", "Things done.", "kind")
	c.With("a").Inc()
	c.With("a").Add(2)
	c.With(`q"uote`).Inc()
	h := r.Histogram("app_seconds", "Latency.", []float64{0.1, 1}, "route")
	h.With("x").Observe(0.05)
	h.With("x").Observe(0.5)
	h.With("x").Observe(3)
	r.GaugeFunc("app_up", "Whether up.", func() float64 { return 1 })
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `# HELP app_things_total Things done.
# TYPE app_things_total counter
app_things_total{kind="a"} 3
app_things_total{kind="q\"uote"} 1
# HELP app_seconds Latency.
# TYPE app_seconds histogram
app_seconds_bucket{route="x",le="0.1"} 1
app_seconds_bucket{route="x",le="1"} 2
app_seconds_bucket{route="x",le="+Inf"} 3
app_seconds_sum{route="x"} 3.55
app_seconds_count{route="x"} 3
# HELP app_up Whether up.
# TYPE app_up gauge
app_up 1
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *obs.Metrics
	m.Refused("x")
	m.HTTPRequest("r", 200, time.Second)
	m.Operation("Query.x", time.Second, true)
	m.LoaderArticle("read")
	m.StoreError("other")
	m.GraphQLError("X")
	m.InFlight(1)
	if m.Registry() != nil {
		t.Error("nil metrics have a registry")
	}
}

// TestObserveTagsRequestsAndLogs: every response carries a request ID (a
// well-formed one from the client is kept, a forged one replaced), every
// log line of the request names it, and the request is counted.
func TestObserveTagsRequestsAndLogs(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(obs.LogHandler{Handler: slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})})
	m := obs.NewMetrics(obs.NewRegistry())
	h := obs.Observe("thing", m, logger, time.Minute, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger.InfoContext(r.Context(), "inside")
		w.WriteHeader(http.StatusTeapot)
	}))
	for _, tt := range []struct{ sent, want string }{
		{"abc-123", "abc-123"},
		{"bad id\nlevel=ERROR", ""},
		{"", ""},
	} {
		logs.Reset()
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if tt.sent != "" {
			req.Header.Set(obs.RequestIDHeader, tt.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		id := rec.Header().Get(obs.RequestIDHeader)
		if tt.want != "" && id != tt.want || tt.want == "" && len(id) != 16 {
			t.Errorf("sent %q: request ID %q", tt.sent, id)
		}
		if n := strings.Count(logs.String(), "request_id="+id); n != 2 {
			t.Errorf("sent %q: %d log lines carry the ID, want 2 (inside, request):\n%s", tt.sent, n, logs.String())
		}
	}
	var b bytes.Buffer
	_ = m.Registry().WriteText(&b)
	if !strings.Contains(b.String(), `partnergraph_http_requests_total{route="thing",code="418"} 3`) {
		t.Errorf("metrics:\n%s", b.String())
	}
}

func TestLogHandlerWithoutID(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(obs.LogHandler{Handler: slog.NewTextHandler(&logs, nil)}).With("a", 1)
	logger.InfoContext(context.Background(), "plain")
	logger.InfoContext(obs.WithRequestID(context.Background(), "r1"), "tagged")
	if strings.Count(logs.String(), "request_id") != 1 || !strings.Contains(logs.String(), "a=1 request_id=r1") {
		t.Errorf("logs:\n%s", logs.String())
	}
}
