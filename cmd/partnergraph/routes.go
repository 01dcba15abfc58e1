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
)

// routes maps every URL the server answers.
func routes(store partnergraph.Store, ing partnergraph.Ingester, o *serveOptions, logger *slog.Logger) http.Handler {
	api := graph.NewHandler(store, graph.Options{
		Logger:   logger,
		APIKey:   o.apiKey,
		Ingester: ing,
		// Pages allowed to call the API may also subscribe over WebSocket.
		StreamOrigins: o.cors,
		// Only stores that implement graph.Generational (the embedded one)
		// are cached.
		ResponseCacheBytes: o.cacheMB << 20,
	})
	exports := export.Handler(store, logger)
	if len(o.cors) > 0 {
		api = graph.CORS(o.cors, api)
		exports = graph.CORS(o.cors, exports)
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	mux.Handle("/export/", exports)
	mux.Handle("GET /healthz", healthz(store))
	mux.Handle("/", playground.Handler("/graphql"))
	return mux
}

// healthz answers 200 "ok" when the store answers a count within two
// seconds, else 503.
func healthz(r partnergraph.Reader) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if _, err := r.Counts(ctx); err != nil {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
}
