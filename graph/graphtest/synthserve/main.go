// Command synthserve serves the GraphQL API over a synthetic graph held in
// memory, for load tests that need a graph of a given size without loading
// a corpus:
//
//	go run ./graph/graphtest/synthserve -addr 127.0.0.1:8090 -companies 3000 -deals 8000
//
// It mounts the same handler as `partnergraph serve` at /graphql. Company
// IDs are company-0000, company-0001, …; company-0000 has the most deals.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
	"github.com/partnergraph/partnergraph/memstore"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "synthserve:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("synthserve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8090", "listen address")
	companies := fs.Int("companies", 3000, "number of synthetic companies")
	deals := fs.Int("deals", 8000, "number of synthetic deals")
	seed := fs.Uint64("seed", 1, "seed of the synthetic graph")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	store, err := memstore.Open(memstore.InMemory, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := store.Write(ctx, graphtest.Synthetic(*companies, *deals, *seed)); err != nil {
		return fmt.Errorf("write synthetic graph: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.NewHandler(store, graph.Options{Logger: logger}))
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	logger.Info("serving", "url", "http://"+*addr+"/graphql", "companies", *companies, "deals", *deals)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
