package loader

import (
	"context"
	"fmt"

	"github.com/partnergraph/partnergraph"
)

// Write stores b through w in one atomic step. An empty batch writes
// nothing. The error names the batch by its first article and size, and
// wraps the store's error (ErrInvalid, ErrUnavailable, …).
func Write(ctx context.Context, w partnergraph.Writer, b partnergraph.Batch) error {
	if b.Empty() {
		return nil
	}
	if err := w.Write(ctx, b); err != nil {
		return fmt.Errorf("write batch of %s (%d deals, %d companies): %w", describeArticles(b.Articles), len(b.Deals), len(b.Companies), err)
	}
	return nil
}

// describeArticles names the articles of a batch briefly for messages.
func describeArticles(as []partnergraph.Article) string {
	switch len(as) {
	case 0:
		return "no article"
	case 1:
		return "article " + as[0].ID
	}
	return fmt.Sprintf("%d articles from %s", len(as), as[0].ID)
}
