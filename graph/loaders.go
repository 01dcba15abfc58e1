package graph

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/plan"
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

	// planned records what a read plan (graph/plan) primed the loaders
	// with, so that prefetchParties does not read it again.
	planned planned
}

// planned is the record of what read plans primed: the companies, their
// deal ID lists and the deals.
type planned struct {
	mu        sync.Mutex
	companies map[string]bool
	dealIDs   map[string][]string
	deals     map[string]bool
}

// add records that companies, the deal ID lists of the companies in
// dealIDs (nil lists included) and deals were primed.
func (p *planned) add(companies []string, dealIDs map[string][]string, deals []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.companies == nil {
		p.companies, p.dealIDs, p.deals = map[string]bool{}, map[string][]string{}, map[string]bool{}
	}
	for _, id := range companies {
		p.companies[id] = true
	}
	for id, l := range dealIDs {
		p.dealIDs[id] = l
	}
	for _, id := range deals {
		p.deals[id] = true
	}
}

// covers reports whether a plan primed the companies ids and, when
// dealIDs, their deal ID lists and the deals windows select from them.
func (p *planned) covers(ids []string, dealIDs bool, windows []plan.IDWindow) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		if !p.companies[id] {
			return false
		}
		if !dealIDs {
			continue
		}
		l, ok := p.dealIDs[id]
		if !ok {
			return false
		}
		for _, w := range windows {
			for _, d := range w.Apply(l) {
				if !p.deals[d] {
					return false
				}
			}
		}
	}
	return true
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
