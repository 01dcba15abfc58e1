package main

import (
	"context"
	"log/slog"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4jstore"
)

// openNeo4j opens the Neo4j store cfg names (--neo4j-uri, --neo4j-user,
// --neo4j-password, --neo4j-database or their NEO4J_* variables). An
// unreachable server or rejected credentials give one line wrapping
// partnergraph.ErrUnavailable.
func openNeo4j(ctx context.Context, cfg storeConfig, logger *slog.Logger) (partnergraph.Store, error) {
	return neo4jstore.Open(ctx, neo4jstore.Config{
		URI:      cfg.Neo4jURI,
		Username: cfg.Neo4jUser,
		Password: cfg.Neo4jPassword,
		Database: cfg.Neo4jDatabase,
	}, logger)
}
