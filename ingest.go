package partnergraph

import "context"

// ArticleInput is one article submitted for ingestion, e.g. through the
// GraphQL ingestArticle mutation. Exactly one of Text and HTML is set.
type ArticleInput struct {
	// ID is the caller's identifier; empty means one is derived from URL or
	// content.
	ID        string
	URL       string
	Title     string
	Publisher string
	// Published is the publication date as YYYY-MM-DD, or "".
	Published string
	Text      string
	HTML      string
}

// Ingester turns one article into the facts to write, without writing them.
// The loader implements it; the GraphQL server calls it for ingestArticle.
type Ingester interface {
	// Ingest cleans and extracts in. A malformed input returns an error
	// wrapping ErrInvalid.
	Ingest(ctx context.Context, in ArticleInput) (Batch, error)
}
