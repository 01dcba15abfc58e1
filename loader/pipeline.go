// Package loader turns news articles into facts for the partnership graph.
// Its stages are files and plain functions: read.go finds articles in files,
// directories, feeds and JSONL; clean.go removes page boilerplate; extract.go
// finds companies, platforms and deals; resolve.go merges them across
// articles into a [partnergraph.Batch]; write.go stores the batch. A
// [Pipeline] runs them all, and an [Ingester] runs them on one article.
package loader

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/partnergraph/partnergraph"
)

// DefaultBatchSize is the number of articles a [Pipeline] writes in one
// atomic step when BatchSize is not set.
const DefaultBatchSize = 100

// Pipeline reads articles, cleans them, extracts their facts, resolves them
// and writes them to a store, one batch of articles per atomic write.
type Pipeline struct {
	// Extractor finds the facts in each article. Nil means one built on the
	// default gazetteer.
	Extractor *Extractor
	// Store receives the facts.
	Store partnergraph.Writer
	// Logger receives a line per skipped article and per batch. Nil means
	// no logging.
	Logger *slog.Logger
	// Progress receives a progress bar; nil means none. Give it a terminal
	// only.
	Progress io.Writer
	// BatchSize is the number of articles per write; 0 means
	// [DefaultBatchSize].
	BatchSize int
	// Limits bound the size of each file and article read; zero fields
	// take the defaults (see [Limits]).
	Limits Limits
	// ArticleTimeout is the time budget of one article's cleaning and
	// extraction; an article over it is skipped and named. 0 means
	// [DefaultArticleTimeout].
	ArticleTimeout time.Duration
	// WriteTimeout bounds one attempt at writing a batch; 0 means
	// [DefaultWriteTimeout].
	WriteTimeout time.Duration
	// OutageWait is how long a write the store refuses as unavailable is
	// retried before Run gives up; the wait and the recovery are logged
	// once each. 0 means [DefaultOutageWait]; a negative
	// value gives up at the first refusal.
	OutageWait time.Duration
	// Observe, if not nil, is told of every article read, loaded and
	// skipped: "read", "loaded" or "skipped".
	Observe func(outcome string)
	// Shard, when its Count is above 1, makes Run load only the articles
	// of that shard (see [Shard.Takes]): n processes given shards 0/n …
	// (n-1)/n of the same inputs load every article once between them.
	Shard Shard
	// Workers is how many articles are cleaned and extracted at once; 0
	// means one per CPU (GOMAXPROCS). Articles are still resolved,
	// batched and written in the order they are read, so the graph does
	// not depend on it.
	Workers int
}

// Shard is one of Count disjoint parts of the input, chosen by article ID.
// The zero Shard is the whole input.
type Shard struct {
	// Index is the part, from 0 to Count-1.
	Index int
	// Count is the number of parts; 0 and 1 mean one part, the whole input.
	Count int
}

// ParseShard reads a shard written "i/n", e.g. "0/4".
func ParseShard(s string) (Shard, error) {
	var sh Shard
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return sh, fmt.Errorf("shard %q is not i/n", s)
	}
	var err1, err2 error
	sh.Index, err1 = strconv.Atoi(strings.TrimSpace(i))
	sh.Count, err2 = strconv.Atoi(strings.TrimSpace(n))
	if err1 != nil || err2 != nil || sh.Count < 1 || sh.Index < 0 || sh.Index >= sh.Count {
		return Shard{}, fmt.Errorf("shard %q is not i/n with 0 <= i < n", s)
	}
	return sh, nil
}

// String writes s as "i/n".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, max(s.Count, 1)) }

// Takes reports whether the article with this ID is in shard s: the FNV-1a
// hash of the ID modulo Count is Index. It depends on the ID alone, so the
// split is the same whatever the order of the inputs, and an article read
// twice lands in the same shard both times.
func (s Shard) Takes(articleID string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(articleID))
	return h.Sum64()%uint64(s.Count) == uint64(s.Index)
}

// The defaults of a Pipeline's budgets.
const (
	// DefaultArticleTimeout is far above the few seconds an article at the
	// default size limit takes.
	DefaultArticleTimeout = 30 * time.Second
	// DefaultWriteTimeout bounds one write of a batch.
	DefaultWriteTimeout = 2 * time.Minute
	// DefaultOutageWait rides out a store restart.
	DefaultOutageWait = 2 * time.Minute
)

// outageRetry is the pause between writes while the store is unavailable.
const outageRetry = 500 * time.Millisecond

// Report sums up a [Pipeline.Run].
type Report struct {
	// Read is the number of articles read from the inputs (of the
	// pipeline's shard).
	Read int
	// OtherShards is the number of articles read and left to the other
	// shards.
	OtherShards int
	// Loaded is the number of articles written to the store.
	Loaded int
	// Skipped lists the inputs that were not loaded, and why, in order.
	Skipped []Skip
	// Companies, Platforms and Deals count the distinct entities written;
	// Evidence counts the (deal, article) reports written.
	Companies, Platforms, Deals, Evidence int
	// Elapsed is how long the run took.
	Elapsed time.Duration
}

// Skip is an input that was not loaded.
type Skip struct {
	// Origin names the input: "path", "path:line" or "path#item".
	Origin string
	// Reason says why it was skipped.
	Reason string
}

// WriteSummary writes a human-readable summary of r to w.
func (r Report) WriteSummary(w io.Writer) error {
	_, err := fmt.Fprintf(w, "articles read: %d, loaded: %d, skipped: %d\ncompanies: %d, platforms: %d, deals: %d, evidence: %d\n",
		r.Read, r.Loaded, len(r.Skipped), r.Companies, r.Platforms, r.Deals, r.Evidence)
	if err != nil {
		return err
	}
	if r.OtherShards > 0 {
		if _, err := fmt.Fprintf(w, "articles left to other shards: %d\n", r.OtherShards); err != nil {
			return err
		}
	}
	for _, s := range r.Skipped {
		if _, err := fmt.Fprintf(w, "skipped %s: %s\n", s.Origin, s.Reason); err != nil {
			return err
		}
	}
	return nil
}

// pending is an extracted article waiting to be written.
type pending struct {
	origin    string
	articleID string
	x         Extraction
}

// run holds the state of one Pipeline.Run.
type run struct {
	p      *Pipeline
	x      *Extractor
	logger *slog.Logger
	report Report
	seen   map[string]map[string]bool // kind -> IDs written
	origin map[string]string          // article ID -> where it was read
	// overdue counts extractions that outlived their budget and still run;
	// at most maxOverdue run at once, so that they cannot pile up.
	overdue chan struct{}
}

// maxOverdue bounds the extractions left running after their budget.
const maxOverdue = 2

// item is one result of the reader.
type item struct {
	raw RawArticle
	err error
}

// extraction is an item on its way through the extracting workers: done
// closes when pd and err are set. Items of other shards and items the
// reader failed on are not extracted (done is closed at once).
type extraction struct {
	it    item
	taken bool
	pd    pending
	err   error
	done  chan struct{}
}

// Run loads the articles found in paths (see [Read]; "-" reads JSONL from
// stdin) into p.Store, one atomic write per BatchSize articles. An article
// that cannot be read, cleaned, extracted or written is listed in
// Report.Skipped with its reason and the others are loaded; so is a second
// article with the ID of one already read in this run (the first wins).
// Run returns an error only when it cannot go on: the context is done, the
// pipeline is misconfigured, the store stays unavailable longer than
// OutageWait, or it fails for a reason other than invalid input. Batches
// written before that stay written. Reading and extraction never hold Run
// up once ctx is done: it returns within moments, even while an input
// blocks (a slow standard input) or an article is being extracted.
func (p *Pipeline) Run(ctx context.Context, paths []string, stdin io.Reader) (Report, error) {
	start := time.Now()
	if p.Store == nil {
		return Report{}, errors.New("loader: pipeline has no store")
	}
	r := &run{p: p, x: p.Extractor, logger: p.Logger, seen: map[string]map[string]bool{}, origin: map[string]string{},
		overdue: make(chan struct{}, maxOverdue)}
	if r.logger == nil {
		r.logger = slog.New(slog.DiscardHandler)
	}
	if r.x == nil {
		g, err := DefaultGazetteer()
		if err != nil {
			return Report{}, fmt.Errorf("loader: default gazetteer: %w", err)
		}
		r.x = NewExtractor(g)
	}
	size := p.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	var bar *progressbar.ProgressBar
	if p.Progress != nil {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(p.Progress),
			progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
		defer bar.Finish()
	}

	// The reader runs ahead in its own goroutine, one article at a time, so
	// that an input that blocks cannot keep Run from seeing ctx end.
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	items := make(chan item)
	go func() {
		defer close(items)
		for raw, err := range p.Limits.Read(rctx, paths, stdin) {
			select {
			case items <- item{raw, err}:
			case <-rctx.Done():
				return
			}
		}
	}()

	// Extraction runs ahead on up to Workers articles at once, and up to a
	// batch ahead of the writes, so that it goes on while a batch is
	// written; the loop below takes the results in reading order.
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	extractions := make(chan *extraction, max(workers, size))
	go func() {
		defer close(extractions)
		slots := make(chan struct{}, workers)
		for it := range items {
			e := &extraction{it: it, done: make(chan struct{})}
			e.taken = it.err == nil && p.Shard.Takes(partnergraph.ArticleID(it.raw.SourceID))
			select {
			case extractions <- e:
			case <-rctx.Done():
				return
			}
			if !e.taken {
				close(e.done)
				continue
			}
			select {
			case slots <- struct{}{}:
			case <-rctx.Done():
				close(e.done)
				return
			}
			go func() {
				defer func() { <-slots }()
				e.pd, e.err = r.extractWithin(rctx, e.it.raw)
				close(e.done)
			}()
		}
	}()

	var batch []pending
	for {
		var e *extraction
		var more bool
		select {
		case e, more = <-extractions:
		case <-ctx.Done():
			return r.finish(start), fmt.Errorf("loader: interrupted: %w", ctx.Err())
		}
		if !more {
			break
		}
		select {
		case <-e.done:
		case <-ctx.Done():
			return r.finish(start), fmt.Errorf("loader: interrupted: %w", ctx.Err())
		}
		raw, err := e.it.raw, e.it.err
		if bar != nil {
			bar.Add(1)
		}
		if err != nil {
			if ctx.Err() != nil {
				return r.finish(start), fmt.Errorf("loader: interrupted: %w", err)
			}
			r.skip(raw.Origin, err)
			continue
		}
		if !e.taken {
			r.report.OtherShards++
			continue
		}
		r.report.Read++
		r.observe("read")
		id := raw.SourceID
		r.disambiguate(&raw)
		pd, err := e.pd, e.err
		if raw.SourceID != id {
			// A file named like one read before gets its folder in its
			// ID: extracted again under that ID (rare).
			pd, err = r.extractWithin(ctx, raw)
		}
		if ctx.Err() != nil {
			return r.finish(start), fmt.Errorf("loader: interrupted: %w", ctx.Err())
		}
		if err != nil {
			r.skip(raw.Origin, err)
			continue
		}
		if first, dup := r.origin[pd.articleID]; dup {
			r.skip(raw.Origin, fmt.Errorf("duplicate article ID %s (already read from %s)", pd.articleID, first))
			continue
		}
		r.origin[pd.articleID] = raw.Origin
		batch = append(batch, pd)
		if len(batch) >= size {
			if err := r.write(ctx, batch); err != nil {
				return r.finish(start), err
			}
			batch = batch[:0]
		}
	}
	if err := r.write(ctx, batch); err != nil {
		return r.finish(start), err
	}
	return r.finish(start), nil
}

// disambiguate gives a file whose ID another file of this run already has
// ("business/001.txt" and "tech/001.txt" loaded as two folders) the ID
// qualified by its folder ("tech/001"), so that both load. Lines of JSONL
// files and feed items keep their IDs: the same ID there is the same
// article, and the second is skipped as a duplicate.
func (r *run) disambiguate(raw *RawArticle) {
	first, dup := r.origin[partnergraph.ArticleID(raw.SourceID)]
	if !dup || !plainFile(first) || !plainFile(raw.Origin) || first == raw.Origin {
		return
	}
	q := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(raw.Origin)), raw.SourceID))
	if _, taken := r.origin[partnergraph.ArticleID(q)]; taken {
		return
	}
	r.logger.Info("article ID qualified by its folder", "origin", raw.Origin, "id", partnergraph.ArticleID(q), "first", first)
	raw.SourceID = q
}

// plainFile reports whether origin names a whole file, not a line or item
// of one ("dev.jsonl:12", "feed.xml#3").
func plainFile(origin string) bool {
	i := strings.LastIndexAny(origin, ":#")
	if i < 0 || i == len(origin)-1 {
		return true
	}
	for _, c := range origin[i+1:] {
		if c < '0' || c > '9' {
			return true
		}
	}
	return false
}

func (r *run) finish(start time.Time) Report {
	r.report.Elapsed = time.Since(start)
	return r.report
}

func (r *run) observe(outcome string) {
	if r.p.Observe != nil {
		r.p.Observe(outcome)
	}
}

func (r *run) skip(origin string, err error) {
	r.observe("skipped")
	reason := err.Error()
	if ie, ok := errors.AsType[*InputError](err); ok {
		origin, reason = ie.Origin, ie.Reason
	}
	// Later stages may name the origin themselves; say it once.
	reason = strings.TrimPrefix(strings.Replace(reason, " "+origin+": ", ": ", 1), origin+": ")
	r.report.Skipped = append(r.report.Skipped, Skip{Origin: origin, Reason: reason})
	r.logger.Info("skipped", "origin", origin, "reason", reason)
}

// extractWithin runs extract within the article's time budget. An article
// over it is skipped; its extraction, linear in the article's size and so
// bounded by the size limit, finishes in the background, and at most
// maxOverdue such run at once. It returns early, with no result, when ctx
// is done.
func (r *run) extractWithin(ctx context.Context, raw RawArticle) (pending, error) {
	budget := r.p.ArticleTimeout
	if budget <= 0 {
		budget = DefaultArticleTimeout
	}
	type result struct {
		pd  pending
		err error
	}
	done := make(chan result, 1)
	go func() {
		pd, err := r.extract(raw)
		done <- result{pd, err}
	}()
	t := time.NewTimer(budget)
	defer t.Stop()
	select {
	case res := <-done:
		return res.pd, res.err
	case <-ctx.Done():
		return pending{}, ctx.Err()
	case <-t.C:
	}
	// Over budget: wait for a free overdue slot, then leave it running.
	select {
	case r.overdue <- struct{}{}:
	case res := <-done:
		return res.pd, res.err
	case <-ctx.Done():
		return pending{}, ctx.Err()
	}
	go func() {
		<-done
		<-r.overdue
	}()
	return pending{}, fmt.Errorf("skipped: extraction took longer than its budget of %s (--article-timeout)", budget)
}

// extract cleans and extracts one article. A panic in either stage is
// turned into an error, so that one odd article cannot stop a load.
func (r *run) extract(raw RawArticle) (pd pending, err error) {
	defer func() {
		if v := recover(); v != nil {
			r.logger.Error("extraction panicked", "origin", raw.Origin, "panic", v, "stack", string(debug.Stack()))
			err = fmt.Errorf("internal error while extracting: %v", v)
		}
	}()
	doc, err := Clean(raw)
	if err != nil {
		return pending{}, err
	}
	return pending{origin: raw.Origin, articleID: doc.Article.ID, x: r.x.Extract(doc)}, nil
}

// write resolves and writes one batch. When the store rejects the batch as
// invalid, its articles are written one by one so that only the bad ones
// are skipped.
func (r *run) write(ctx context.Context, batch []pending) error {
	if len(batch) == 0 {
		return nil
	}
	err := r.writeOne(ctx, batch)
	if err == nil || !errors.Is(err, partnergraph.ErrInvalid) {
		return err
	}
	if len(batch) == 1 {
		r.skip(batch[0].origin, err)
		return nil
	}
	r.logger.Warn("batch rejected; writing its articles one by one", "articles", len(batch), "err", err)
	for i := range batch {
		if err := r.write(ctx, batch[i:i+1]); err != nil {
			return err
		}
	}
	return nil
}

func (r *run) writeOne(ctx context.Context, batch []pending) error {
	xs := make([]Extraction, len(batch))
	for i, pd := range batch {
		xs[i] = pd.x
	}
	b := Resolve(xs)
	if err := r.writeRetrying(ctx, b); err != nil {
		return fmt.Errorf("loader: %w", err)
	}
	r.report.Loaded += len(batch)
	for range batch {
		r.observe("loaded")
	}
	r.count("company", len(b.Companies), func(i int) string { return b.Companies[i].ID })
	r.count("platform", len(b.Platforms), func(i int) string { return b.Platforms[i].ID })
	r.count("deal", len(b.Deals), func(i int) string { return b.Deals[i].ID })
	r.count("evidence", len(b.Evidence), func(i int) string { return b.Evidence[i].DealID + "\x00" + b.Evidence[i].ArticleID })
	r.report.Companies = len(r.seen["company"])
	r.report.Platforms = len(r.seen["platform"])
	r.report.Deals = len(r.seen["deal"])
	r.report.Evidence = len(r.seen["evidence"])
	r.logger.Debug("batch written", "articles", len(batch), "first", batch[0].articleID, "deals", len(b.Deals))
	return nil
}

func (r *run) count(kind string, n int, id func(int) string) {
	set := r.seen[kind]
	if set == nil {
		set = map[string]bool{}
		r.seen[kind] = set
	}
	for i := range n {
		set[id(i)] = true
	}
}

// writeRetrying writes b with a deadline per attempt, retrying for up to
// OutageWait while the store is unavailable. Writes are idempotent, so a
// batch that landed before its answer was lost is simply written again.
// The wait and the recovery are logged once each at INFO (the store logs
// the outage itself at WARN).
func (r *run) writeRetrying(ctx context.Context, b partnergraph.Batch) error {
	attempt := r.p.WriteTimeout
	if attempt <= 0 {
		attempt = DefaultWriteTimeout
	}
	wait := r.p.OutageWait
	if wait == 0 {
		wait = DefaultOutageWait
	}
	var since time.Time
	for {
		actx, cancel := context.WithTimeout(ctx, attempt)
		err := Write(actx, r.p.Store, b)
		cancel()
		unavailable := errors.Is(err, partnergraph.ErrUnavailable) ||
			errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil
		if !unavailable {
			if err == nil && !since.IsZero() {
				r.logger.Info("store reachable again; loading goes on", "outage", time.Since(since).Round(time.Millisecond))
			}
			return err
		}
		if since.IsZero() {
			since = time.Now()
			if wait < 0 {
				return err
			}
			// At INFO: the store logs the outage itself, once, at WARN.
			r.logger.Info("store unavailable; retrying the write", "for_up_to", wait, "err", err)
		}
		if time.Since(since) >= wait {
			return fmt.Errorf("store unavailable for %s, giving up: %w", wait, err)
		}
		select {
		case <-time.After(outageRetry):
		case <-ctx.Done():
			return fmt.Errorf("interrupted while the store was unavailable: %w", ctx.Err())
		}
	}
}
