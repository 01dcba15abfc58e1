// Package resolvetest checks company and deal resolution on real articles,
// for any store: the same articles loaded in any order or batching make
// the same graph ([OrderIndependent]), and the articles of a cluster that
// report one deal make one deal with every article as a source, while
// distinct deals of the same companies stay apart ([CheckClusters]). The
// stores' tests run both with [Run]; tools/resolution-audit measures the
// same on whole corpora.
package resolvetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// Articles reads the articles of paths as the loader does, skipping those
// that cannot be read.
func Articles(ctx context.Context, paths []string) []loader.RawArticle {
	var out []loader.RawArticle
	for a, err := range loader.Read(ctx, paths, nil) {
		if err == nil {
			out = append(out, a)
		}
	}
	return out
}

// JSONL encodes articles as the JSONL lines the loader reads back.
func JSONL(arts []loader.RawArticle) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, a := range arts {
		rec := map[string]string{"id": a.SourceID, "url": a.URL, "title": a.Title, "publisher": a.Publisher, "text": a.Text}
		if a.Published != "" {
			rec["published"] = a.Published
		}
		_ = enc.Encode(rec) // strings always encode
	}
	return b.Bytes()
}

// Load writes arts, in their order, to w through the loader's pipeline,
// batch articles per atomic write, with extractor x (nil: the default).
func Load(ctx context.Context, w pg.Writer, x *loader.Extractor, arts []loader.RawArticle, batch int) (loader.Report, error) {
	p := &loader.Pipeline{Store: w, Extractor: x, BatchSize: batch}
	rep, err := p.Run(ctx, []string{"-"}, bytes.NewReader(JSONL(arts)))
	if err != nil {
		return rep, fmt.Errorf("load: %w", err)
	}
	return rep, nil
}

// IDs returns the store IDs of arts.
func IDs(arts []loader.RawArticle) []string {
	out := make([]string, len(arts))
	for i, a := range arts {
		out[i] = pg.ArticleID(a.SourceID)
	}
	return out
}
