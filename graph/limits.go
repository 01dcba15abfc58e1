package graph

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/generated"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/internal/obs"
)

// CodeComplexityLimit is the extensions.code of an operation refused for
// its estimated cost or for spreading too many fragments.
const CodeComplexityLimit = "COMPLEXITY_LIMIT_EXCEEDED"

// opLimits is the gqlgen extension that measures every operation before it
// runs and refuses it when it spreads more fragments than maxSpreads, nests
// deeper than maxDepth (introspection excluded) or costs more than
// maxCost. The measure is one pass over the document: the cost and depth
// of each fragment are computed once and reused at every spread, so the
// work is linear in the size of the document however the fragments nest.
type opLimits struct {
	es         graphql.ExecutableSchema
	maxCost    int
	maxDepth   int
	maxSpreads int
	metrics    *obs.Metrics
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*opLimits)(nil)

// ExtensionName names the extension for gqlgen.
func (*opLimits) ExtensionName() string { return "OperationLimits" }

// Validate keeps the schema the costs are read from.
func (l *opLimits) Validate(es graphql.ExecutableSchema) error {
	l.es = es
	return nil
}

// costStats is what opLimits records in the operation's stats.
type costStats struct {
	// Cost is the estimated cost, Limit the budget it was checked against.
	Cost, Limit int
}

const costExtension = "OperationCost"

// operationCost returns the estimated cost opLimits recorded for the
// operation in ctx, or 0.
func operationCost(ctx context.Context) int {
	if !graphql.HasOperationContext(ctx) {
		return 0
	}
	if s, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(costExtension).(*costStats); ok {
		return s.Cost
	}
	return 0
}

// MutateOperationContext measures the operation and refuses it when it is
// over a limit.
func (l *opLimits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if n := countSpreads(oc.Doc); n > l.maxSpreads {
		l.metrics.Refused("fragments")
		err := gqlerror.Errorf("the document spreads fragments %d times, more than the limit of %d", n, l.maxSpreads)
		setCode(err, CodeComplexityLimit)
		return err
	}
	m := measurer{ctx: ctx, es: l.es, vars: oc.Variables, frags: map[*ast.FragmentDefinition]*measure{}}
	got := m.selectionSet(oc.Operation.SelectionSet)
	if got.depth > l.maxDepth {
		l.metrics.Refused("depth")
		err := gqlerror.Errorf("operation is nested more than %d fields deep", l.maxDepth)
		setCode(err, CodeDepthLimit)
		return err
	}
	oc.Stats.SetExtension(costExtension, &costStats{Cost: got.cost, Limit: l.maxCost})
	if got.cost > l.maxCost {
		l.metrics.Refused("complexity")
		err := gqlerror.Errorf("operation has complexity %d, which exceeds the limit of %d", got.cost, l.maxCost)
		setCode(err, CodeComplexityLimit)
		return err
	}
	return nil
}

// countSpreads counts the fragment spreads written in doc, in its
// operations and fragments alike.
func countSpreads(doc *ast.QueryDocument) int {
	n := 0
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				n++
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
	return n
}

// measure is the cost and the depth of a selection set.
type measure struct {
	cost, depth int
	done        bool // false while the fragment is being measured
}

// measurer computes the cost and depth of one operation. Costs are those
// gqlgen's complexity package computes (the schema's complexity functions,
// else one per field plus its selection), saturating instead of
// overflowing.
type measurer struct {
	ctx   context.Context
	es    graphql.ExecutableSchema
	vars  map[string]any
	frags map[*ast.FragmentDefinition]*measure
}

// maxCost is where costs saturate: far above any limit, far below
// overflow even when a page size multiplies it.
const maxCost = 1 << 40

func satAdd(a, b int) int { return min(a+b, maxCost) }

func (m *measurer) selectionSet(set ast.SelectionSet) measure {
	var out measure
	for _, sel := range set {
		var got measure
		switch s := sel.(type) {
		case *ast.Field:
			got = m.field(s)
		case *ast.InlineFragment:
			got = m.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			got = m.fragment(s.Definition)
		}
		out.cost = satAdd(out.cost, got.cost)
		out.depth = max(out.depth, got.depth)
	}
	return out
}

// fragment measures a fragment once; a cycle (which validation refuses
// before this runs) counts as nothing.
func (m *measurer) fragment(def *ast.FragmentDefinition) measure {
	if def == nil {
		return measure{}
	}
	if got, ok := m.frags[def]; ok {
		if !got.done {
			return measure{}
		}
		return *got
	}
	m.frags[def] = &measure{}
	got := m.selectionSet(def.SelectionSet)
	got.done = true
	m.frags[def] = &got
	return got
}

func (m *measurer) field(f *ast.Field) measure {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return measure{}
	}
	child := m.selectionSet(f.SelectionSet)
	introspection := strings.HasPrefix(f.Name, "__")
	depth := 0
	if !introspection {
		depth = 1 + child.depth
	}
	if f.Definition.Type.Name() == "__Schema" {
		return measure{depth: depth} // schema tools are free
	}
	cost := satAdd(1, child.cost)
	if c, ok := m.es.Complexity(m.ctx, f.ObjectDefinition.Name, f.Name, child.cost, f.ArgumentMap(m.vars)); ok && c >= 1 {
		cost = min(c, maxCost)
	}
	return measure{cost: cost, depth: depth}
}

// storeSizes tells the complexity functions how many items a full scan of
// the store touches. A [Generational] store's counts are read again, in
// the request, whenever its generation changes (they cost nothing there);
// another store's are read in the background, when the handler is built
// (which waits up to firstSizesWait for them) and then at most every
// refresh interval, so no request waits on them.
type storeSizes struct {
	store    pg.Reader
	gen      Generational // nil unless the store implements it
	interval time.Duration

	cur        atomic.Pointer[sizeSnapshot]
	mu         sync.Mutex // serialises refreshes
	refreshing atomic.Bool
	// first is closed when the first background read ends, however.
	first     chan struct{}
	firstOnce sync.Once
}

type sizeSnapshot struct {
	counts pg.Counts
	gen    uint64
	at     time.Time
}

// sizesTimeout bounds one read of the counts.
const sizesTimeout = 5 * time.Second

func newStoreSizes(store pg.Reader) *storeSizes {
	s := &storeSizes{store: store, interval: 5 * time.Second, first: make(chan struct{})}
	s.gen, _ = store.(Generational)
	s.cur.Store(&sizeSnapshot{})
	s.refresh(context.Background())
	if s.gen == nil {
		// A request priced without the counts could scan for free: wait
		// for them a little, not for a store that does not answer.
		t := time.NewTimer(firstSizesWait)
		defer t.Stop()
		select {
		case <-s.first:
		case <-t.C:
		}
	}
	return s
}

// refresh re-reads the counts when they may be stale: at once for a
// Generational store, in the background for another. A failed read keeps
// the old counts.
func (s *storeSizes) refresh(ctx context.Context) {
	snap := s.cur.Load()
	if s.gen != nil {
		if snap.at.IsZero() || s.gen.Generation() != snap.gen {
			s.read(ctx)
		}
		return
	}
	if time.Since(snap.at) > s.interval && s.refreshing.CompareAndSwap(false, true) {
		go func() {
			defer s.refreshing.Store(false)
			defer s.firstOnce.Do(func() { close(s.first) })
			ctx, cancel := context.WithTimeout(context.Background(), sizesTimeout)
			defer cancel()
			s.read(ctx)
		}()
	}
}

// firstSizesWait bounds how long NewHandler waits for the first counts.
const firstSizesWait = 2 * time.Second

// read reads the counts and keeps them if the read succeeds.
func (s *storeSizes) read(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := &sizeSnapshot{at: time.Now()}
	if s.gen != nil {
		next.gen = s.gen.Generation()
	}
	c, err := s.store.Counts(ctx)
	if err != nil {
		return
	}
	next.counts = c
	s.cur.Store(next)
}

// counts returns the last counts read.
func (s *storeSizes) counts() pg.Counts { return s.cur.Load().counts }

// pageCost is the complexity of a list field: one for the field plus its
// selection once per item of a full page.
func pageCost(first *int, def, child int) int {
	n := def
	if first != nil {
		n = min(max(*first, 1), pg.MaxPageSize)
	}
	return 1 + n*child
}

// dealScan is what reading the deals matching f touches beyond a page: a
// filter an index answers (company, platform, article) narrows the deals to
// that node's; any other filter may visit every deal.
func dealScan(f *model.DealFilter, deals int) int {
	if f == nil {
		return 0
	}
	if set(f.Company) || set(f.Platform) || set(f.Article) {
		return 0
	}
	if len(f.Type) > 0 || len(f.Status) > 0 || f.YearFrom != nil || f.YearTo != nil || set(f.Text) {
		return deals
	}
	return 0
}

func set(s *string) bool { return s != nil && *s != "" }

// indexFanout is how many index entries a page is assumed to read per item
// it returns: the candidates a name prefix or a search text finds in an
// index before the other filters and the ranking keep the page's items.
const indexFanout = 10

// indexedRead is the price of finding the items of a page of n through an
// index, beyond the page itself.
func indexedRead(first *int, def int) int {
	n := def
	if first != nil {
		n = min(max(*first, 1), pg.MaxPageSize)
	}
	return indexFanout * n
}

// minIndexedText is the shortest search text (in bytes, trimmed) the
// stores' trigram indexes narrow down; a shorter one may read every record.
const minIndexedText = 3

// setComplexity prices every field by what it touches: a list field its
// page size times its selection, so that nested connections multiply
// (deals(first: 100) { … deals(first: 100) } costs about 10,000 times its
// innermost selection), and a field that scans the store the size of the
// scan (a deal filter no index answers every deal; an article filter every
// article; path every company and deal; a search text too short for the
// trigram indexes every company, platform and deal). A name prefix and a
// search text of three characters or more are answered from the stores'
// indexes (memstore's sorted names and trigram postings, Neo4j's TEXT
// indexes), so they cost what a page of them reads ([indexedRead]), not
// the size of the store.
func setComplexity(c *generated.ComplexityRoot, sizes *storeSizes) {
	const listGuess = 10 // items assumed for lists without an argument
	c.Query.Deals = func(child int, first *int, _ *string, f *model.DealFilter, _ *pg.DealSort) int {
		return pageCost(first, pg.DefaultPageSize, child) + dealScan(f, sizes.counts().Deals)
	}
	c.Query.Companies = func(child int, first *int, _ *string, f *model.CompanyFilter, _ *pg.CompanySort) int {
		scan := 0
		switch {
		case f == nil || set(f.Platform):
		case set(f.NamePrefix):
			scan = indexedRead(first, pg.DefaultPageSize)
		case f.MinDeals != nil:
			scan = sizes.counts().Companies
		}
		return pageCost(first, pg.DefaultPageSize, child) + scan
	}
	c.Query.Platforms = func(child int, first *int, _ *string, f *model.PlatformFilter) int {
		scan := 0
		if f != nil && !set(f.Owner) && set(f.Kind) {
			scan = sizes.counts().Platforms
		}
		return pageCost(first, pg.DefaultPageSize, child) + scan
	}
	c.Query.Search = func(child int, text string, first *int) int {
		if len(strings.TrimSpace(text)) >= minIndexedText {
			return pageCost(first, defaultSearchSize, child) + indexedRead(first, defaultSearchSize)
		}
		n := sizes.counts()
		return pageCost(first, defaultSearchSize, child) + n.Companies + n.Platforms + n.Deals
	}
	c.Query.Stats = func(child int, f *model.DealFilter) int {
		if f != nil && (set(f.Company) || set(f.Platform) || set(f.Article)) {
			return 1 + child
		}
		return 1 + child + sizes.counts().Deals
	}
	c.Query.Path = func(child int, _, _ string, _ *int) int {
		n := sizes.counts()
		return 1 + child + n.Companies + n.Deals
	}
	c.Query.Articles = func(child int, first *int, _ *string, f *model.ArticleFilter) int {
		scan := 0
		if f != nil && (set(f.Text) || set(f.Company) || set(f.Platform) || f.YearFrom != nil || f.YearTo != nil) {
			scan = sizes.counts().Articles // every filter walks the articles
		}
		return pageCost(first, pg.DefaultPageSize, child) + scan
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, limit *int, _ []pg.DealType, _ *bool) int {
		n := defaultNeighborhoodLimit
		if limit != nil {
			n = min(max(*limit, 1), maxNeighborhoodLimit)
		}
		return 1 + n/10*child
	}
	c.Company.Deals = func(child int, first *int, _ *string) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Company.Partners = func(child int, first *int) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Company.Platforms = func(child int) int { return 1 + listGuess*child }
	c.Company.Subsidiaries = func(child int) int { return 1 + listGuess*child }
	c.Company.Timeline = func(child int) int { return 1 + pg.DefaultPageSize*child }
	c.Platform.Deals = func(child int, first *int, _ *string) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Partner.Deals = func(child int) int { return 1 + listGuess*child }
	c.Article.Deals = func(child int) int { return 1 + listGuess*child }
	c.Deal.Sources = func(child int, first *int) int { return pageCost(first, listGuess, child) }
}
