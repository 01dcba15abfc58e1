package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/partnergraph/partnergraph"
)

// openNeo4j opens the Neo4j store. This stub is replaced by the Neo4j
// store's wiring.
func openNeo4j(ctx context.Context, cfg storeConfig, logger *slog.Logger) (partnergraph.Store, error) {
	return nil, errors.New("neo4j store not built yet")
}
