package obs

import (
	"strconv"
	"sync/atomic"
	"time"
)

// Metrics are the measures partnergraph exposes at /metrics. Every method
// is safe on a nil *Metrics, which records nothing, so packages take one
// without checking.
type Metrics struct {
	registry *Registry

	httpRequests   *CounterVec
	httpDuration   *HistogramVec
	inFlight       atomic.Int64
	refused        *CounterVec
	operations     *CounterVec
	opDuration     *HistogramVec
	graphqlErrors  *CounterVec
	loaderArticles *CounterVec
	storeErrors    *CounterVec
}

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms: 1 ms to 30 s.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// NewMetrics registers partnergraph's metrics on r.
func NewMetrics(r *Registry) *Metrics {
	m := &Metrics{registry: r}
	m.httpRequests = r.Counter("partnergraph_http_requests_total",
		"HTTP requests answered, by route and status code.", "route", "code")
	m.httpDuration = r.Histogram("partnergraph_http_request_duration_seconds",
		"Time to answer an HTTP request, by route.", latencyBuckets, "route")
	r.GaugeFunc("partnergraph_http_requests_in_flight",
		"HTTP requests being answered now (admission control counts these).", func() float64 { return float64(m.inFlight.Load()) })
	m.refused = r.Counter("partnergraph_requests_refused_total",
		"Requests refused before or instead of running, by reason: depth, complexity, fragments, body_too_large, uri_too_long, overloaded, heavy_busy, exports_busy, timeout.", "reason")
	m.operations = r.Counter("partnergraph_graphql_operations_total",
		"GraphQL root fields resolved (the operations a client calls, e.g. Query.deals), by outcome (ok or error).", "operation", "outcome")
	m.opDuration = r.Histogram("partnergraph_graphql_operation_duration_seconds",
		"Time to resolve a GraphQL root field and its selection, by operation.", latencyBuckets, "operation")
	m.graphqlErrors = r.Counter("partnergraph_graphql_errors_total",
		"Errors in GraphQL responses, by extensions.code.", "code")
	m.loaderArticles = r.Counter("partnergraph_loader_articles_total",
		"Articles the loader read, loaded into the store, or skipped (bad input, over a limit, a duplicate).", "outcome")
	m.storeErrors = r.Counter("partnergraph_store_errors_total",
		"Store calls that failed, by kind: unavailable, timeout or other.", "kind")
	return m
}

// Registry returns the registry the metrics live in.
func (m *Metrics) Registry() *Registry {
	if m == nil {
		return nil
	}
	return m.registry
}

// HTTPRequest records one answered request.
func (m *Metrics) HTTPRequest(route string, code int, d time.Duration) {
	if m == nil {
		return
	}
	m.httpRequests.With(route, strconv.Itoa(code)).Inc()
	m.httpDuration.With(route).Observe(d.Seconds())
}

// InFlight adds delta to the requests in flight.
func (m *Metrics) InFlight(delta int64) {
	if m == nil {
		return
	}
	m.inFlight.Add(delta)
}

// Refused records a request refused for reason.
func (m *Metrics) Refused(reason string) {
	if m == nil {
		return
	}
	m.refused.With(reason).Inc()
}

// Operation records one resolved GraphQL root field ("Query.deals").
func (m *Metrics) Operation(name string, d time.Duration, failed bool) {
	if m == nil {
		return
	}
	outcome := "ok"
	if failed {
		outcome = "error"
	}
	m.operations.With(name, outcome).Inc()
	m.opDuration.With(name).Observe(d.Seconds())
}

// GraphQLError records an error sent with extensions.code code.
func (m *Metrics) GraphQLError(code string) {
	if m == nil {
		return
	}
	m.graphqlErrors.With(code).Inc()
}

// LoaderArticle records an article read, loaded or skipped.
func (m *Metrics) LoaderArticle(outcome string) {
	if m == nil {
		return
	}
	m.loaderArticles.With(outcome).Inc()
}

// StoreError records a failed store call of kind unavailable, timeout or
// other.
func (m *Metrics) StoreError(kind string) {
	if m == nil {
		return
	}
	m.storeErrors.With(kind).Inc()
}
