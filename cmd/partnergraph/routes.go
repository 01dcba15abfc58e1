package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/export"
	"github.com/partnergraph/partnergraph/graph/playground"
	"github.com/partnergraph/partnergraph/internal/obs"
)

// routes maps every URL the server answers. GraphQL and exports share one
// cap on requests in flight; /healthz, /readyz and /metrics stay outside
// it, so that they answer under any load.
func routes(store partnergraph.Store, ing partnergraph.Ingester, o *serveOptions, logger *slog.Logger, metrics *obs.Metrics) http.Handler {
	api := graph.NewHandler(store, graph.Options{
		Logger:   logger,
		APIKey:   o.apiKey,
		Ingester: ing,
		// Pages allowed to call the API may also subscribe over WebSocket.
		StreamOrigins: o.cors,
		// Only stores that implement graph.Generational (the embedded one)
		// are cached.
		ResponseCacheBytes: o.cacheMB << 20,
		Metrics:            metrics,
		Timeout:            o.requestTimeout,
		ComplexityLimit:    o.complexityLimit,
	})
	exports := export.Handler(store, export.Options{
		Logger: logger, MaxConcurrent: o.maxExports, Timeout: o.exportTimeout, Metrics: metrics,
	})
	if len(o.cors) > 0 {
		api = graph.CORS(o.cors, api)
		exports = graph.CORS(o.cors, exports)
	}
	limited := http.NewServeMux()
	limited.Handle("/graphql", api)
	limited.Handle("/export/", exports)
	admitted := graph.Admit(o.maxInFlight, metrics, limited)

	observe := func(route string, h http.Handler) http.Handler {
		return obs.Observe(route, metrics, logger, slowRequest, h)
	}
	// Subscriptions (WebSocket, server-sent events) last as long as the
	// client wants, under a cap of their own: outside the in-flight cap,
	// and never logged as slow.
	queries := observe("graphql", admitted)
	streams := obs.Observe("graphql_stream", metrics, logger, 0, api)
	mux := http.NewServeMux()
	mux.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if graph.IsStream(r) {
			streams.ServeHTTP(w, r)
			return
		}
		queries.ServeHTTP(w, r)
	}))
	mux.Handle("/export/", observe("export", admitted))
	mux.Handle("GET /healthz", observe("healthz", healthz()))
	mux.Handle("GET /readyz", observe("readyz", readyz(store, logger, metrics)))
	mux.Handle("GET /metrics", metrics.Registry().Handler())
	mux.Handle("/", observe("playground", playground.Handler("/graphql")))
	return mux
}

// healthz answers 200 "ok" while the process serves: it reads nothing, so
// it answers however loaded the server or unavailable the store is.
func healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte("ok\n"))
	})
}

// readyTimeout bounds the store check of /readyz.
const readyTimeout = 2 * time.Second

// readyz answers 200 "ready" when the store answers a count within
// readyTimeout, else 503 with Retry-After.
func readyz(r partnergraph.Reader, logger *slog.Logger, metrics *obs.Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), readyTimeout)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if _, err := r.Counts(ctx); err != nil {
			metrics.StoreError("unavailable")
			logger.DebugContext(ctx, "not ready", "err", err)
			w.Header().Set("Retry-After", "1")
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
}
