// Package partnergraph holds the domain of the industry-partnership knowledge
// graph: companies, platforms, deals, the articles that report them and the
// evidence sentences that tie each deal to its sources.
//
// The root package imports only the standard library. Adapters live in one
// package per dependency: memstore (the embedded default store), neo4jstore
// (Neo4j), loader (the ingestion pipeline) and graph (the gqlgen GraphQL
// server). Every store implements [Store] and passes the contract suite in
// storetest. Wiring happens only in cmd/partnergraph.
package partnergraph
