package loader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Ingester runs the loader's stages on one submitted article and returns
// the facts to write; it implements [partnergraph.Ingester] for the GraphQL
// ingestArticle mutation.
type Ingester struct {
	// Extractor finds the facts; it must not be nil.
	Extractor *Extractor
}

var _ partnergraph.Ingester = (*Ingester)(nil)

// NewIngester returns an Ingester that extracts with x.
func NewIngester(x *Extractor) *Ingester { return &Ingester{Extractor: x} }

// Ingest cleans, extracts and resolves in. Exactly one of in.Text and
// in.HTML must be set; HTML is reduced to its main text as [Read] does for
// .html files, and the page's metadata fills the fields in leaves empty.
// An article without an ID is identified by its URL, else by a hash of its
// content, so that ingesting it twice names the same article. Malformed
// input returns an error wrapping [partnergraph.ErrInvalid].
func (g *Ingester) Ingest(ctx context.Context, in partnergraph.ArticleInput) (partnergraph.Batch, error) {
	if err := ctx.Err(); err != nil {
		return partnergraph.Batch{}, err
	}
	if g.Extractor == nil {
		return partnergraph.Batch{}, errors.New("ingest: no extractor configured")
	}
	hasText, hasHTML := strings.TrimSpace(in.Text) != "", strings.TrimSpace(in.HTML) != ""
	if hasText == hasHTML {
		return partnergraph.Batch{}, fmt.Errorf("ingest: exactly one of text and html must be set: %w", partnergraph.ErrInvalid)
	}
	rec := record{ID: in.ID, URL: in.URL, Title: in.Title, Publisher: in.Publisher, Published: in.Published, Text: in.Text, HTML: in.HTML}
	if strings.TrimSpace(rec.ID) == "" && strings.TrimSpace(rec.URL) == "" {
		sum := sha256.Sum256([]byte(in.Text + "\x00" + in.HTML))
		rec.ID = "ingest-" + hex.EncodeToString(sum[:8])
	}
	raw, ierr := fromRecord("ingest", rec)
	if ierr != nil {
		return partnergraph.Batch{}, fmt.Errorf("ingest: %s: %w", ierr.Reason, partnergraph.ErrInvalid)
	}
	doc, err := Clean(raw)
	if err != nil {
		return partnergraph.Batch{}, fmt.Errorf("ingest: clean: %w", wrapInvalid(err))
	}
	return Resolve([]Extraction{g.Extractor.Extract(doc)}), nil
}

// wrapInvalid makes sure err wraps ErrInvalid: whatever the cleaning stage
// rejects is a problem of the input.
func wrapInvalid(err error) error {
	if errors.Is(err, partnergraph.ErrInvalid) {
		return err
	}
	return fmt.Errorf("%w: %w", partnergraph.ErrInvalid, err)
}
