// Package graph serves the partnergraph domain over GraphQL with gqlgen:
// the resolvers, per-request dataloaders, the error presenter and the HTTP
// handler with its limits. The executable schema is generated into
// graph/generated from ../schema.graphqls; run `go generate ./...` after
// editing the schema.
package graph

import (
	"log/slog"

	pg "github.com/partnergraph/partnergraph"
)

// Resolver holds the dependencies of every resolver. It is built by
// NewHandler; a field called Store rather than Companies avoids clashing
// with the generated resolver methods.
type Resolver struct {
	// Store is the graph.
	Store pg.Store
	// Ingester extracts facts from one article for ingestArticle, or nil.
	Ingester pg.Ingester
	// Logger receives internal errors.
	Logger *slog.Logger

	// events fans deal changes out to subscriptions; nil disables them.
	events *dealEvents
}
