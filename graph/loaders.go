package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vikstrous/dataloadgen"

	pg "github.com/partnergraph/partnergraph"
)

// loaders batch and cache the store's ID-map reads for one request, so a
// query costs a number of store calls that depends on its shape, not on the
// number of results. Each is a dataloadgen mapped loader: keys missing from
// the store's map are reported as not found.
type loaders struct {
	company           *dataloadgen.Loader[string, pg.Company]
	platform          *dataloadgen.Loader[string, pg.Platform]
	deal              *dataloadgen.Loader[string, pg.Deal]
	article           *dataloadgen.Loader[string, pg.Article]
	dealIDsByCompany  *dataloadgen.Loader[string, []string]
	dealIDsByPlatform *dataloadgen.Loader[string, []string]
	dealIDsByArticle  *dataloadgen.Loader[string, []string]
	evidenceByDeal    *dataloadgen.Loader[string, []pg.Evidence]
	platformsByOwner  *dataloadgen.Loader[string, []pg.Platform]
	subsidiaries      *dataloadgen.Loader[string, []string]
}

func newLoaders(r pg.Reader, wait time.Duration) *loaders {
	opt := dataloadgen.WithWait(wait)
	return &loaders{
		company:           dataloadgen.NewMappedLoader(r.CompaniesByID, opt),
		platform:          dataloadgen.NewMappedLoader(r.PlatformsByID, opt),
		deal:              dataloadgen.NewMappedLoader(r.DealsByID, opt),
		article:           dataloadgen.NewMappedLoader(r.ArticlesByID, opt),
		dealIDsByCompany:  dataloadgen.NewMappedLoader(r.DealIDsByCompany, opt),
		dealIDsByPlatform: dataloadgen.NewMappedLoader(r.DealIDsByPlatform, opt),
		dealIDsByArticle:  dataloadgen.NewMappedLoader(r.DealIDsByArticle, opt),
		evidenceByDeal:    dataloadgen.NewMappedLoader(r.EvidenceByDeal, opt),
		platformsByOwner:  dataloadgen.NewMappedLoader(r.PlatformsByOwner, opt),
		subsidiaries:      dataloadgen.NewMappedLoader(r.Subsidiaries, opt),
	}
}

type loadersKey struct{}

// withLoaders returns ctx carrying l.
func withLoaders(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loadersFor returns the request's loaders. Outside NewHandler (which
// always installs them) it returns fresh, unshared ones so that resolvers
// still work, without batching.
func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.Store, 0)
}

// loadOne loads key and reports whether it exists.
func loadOne[V any](ctx context.Context, l *dataloadgen.Loader[string, V], key string) (V, bool, error) {
	v, err := l.Load(ctx, key)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return v, false, nil
	}
	return v, err == nil, err
}

// loadHit loads what a search hit names when the hit is of kind k, and
// returns nil for hits of other kinds and for values no longer stored.
func loadHit[V any](ctx context.Context, hit *pg.SearchHit, k pg.SearchKind, l *dataloadgen.Loader[string, V]) (*V, error) {
	if hit.Kind != k {
		return nil, nil
	}
	v, ok, err := loadOne(ctx, l, hit.ID)
	if !ok {
		return nil, err
	}
	return &v, nil
}

// loadPtr loads key, or returns nil when key is empty or not stored.
func loadPtr[V any](ctx context.Context, l *dataloadgen.Loader[string, V], key string) (*V, error) {
	if key == "" {
		return nil, nil
	}
	v, ok, err := loadOne(ctx, l, key)
	if !ok {
		return nil, err
	}
	return &v, nil
}

// loadRequired loads key, which the graph must hold: a missing one is
// ErrNotFound, naming what.
func loadRequired[V any](ctx context.Context, l *dataloadgen.Loader[string, V], key, what string) (V, error) {
	v, ok, err := loadOne(ctx, l, key)
	if !ok && err == nil {
		err = fmt.Errorf("%s %q: %w", what, key, pg.ErrNotFound)
	}
	return v, err
}

// loadMany loads keys in one batch and returns the values that exist, in
// key order.
func loadMany[V any](ctx context.Context, l *dataloadgen.Loader[string, V], keys []string) ([]V, error) {
	thunks := make([]func() (V, error), len(keys))
	for i, k := range keys {
		thunks[i] = l.LoadThunk(ctx, k)
	}
	out := make([]V, 0, len(keys))
	for _, th := range thunks {
		v, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
