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
	"io"
	"log/slog"
	"path/filepath"
	"runtime/debug"
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
}

// Report sums up a [Pipeline.Run].
type Report struct {
	// Read is the number of articles read from the inputs.
	Read int
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
}

// Run loads the articles found in paths (see [Read]; "-" reads JSONL from
// stdin) into p.Store, one atomic write per BatchSize articles. An article
// that cannot be read, cleaned, extracted or written is listed in
// Report.Skipped with its reason and the others are loaded; so is a second
// article with the ID of one already read in this run (the first wins).
// Run returns an error only when it cannot go on: the context is done, the
// pipeline is misconfigured, or the store fails for a reason other than
// invalid input. Batches written before that stay written.
func (p *Pipeline) Run(ctx context.Context, paths []string, stdin io.Reader) (Report, error) {
	start := time.Now()
	if p.Store == nil {
		return Report{}, errors.New("loader: pipeline has no store")
	}
	r := &run{p: p, x: p.Extractor, logger: p.Logger, seen: map[string]map[string]bool{}, origin: map[string]string{}}
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

	var batch []pending
	for raw, err := range Read(ctx, paths, stdin) {
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
		r.report.Read++
		r.disambiguate(&raw)
		pd, err := r.extract(raw)
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

func (r *run) skip(origin string, err error) {
	reason := err.Error()
	if ie, ok := errors.AsType[*InputError](err); ok {
		origin, reason = ie.Origin, ie.Reason
	}
	// Later stages may name the origin themselves; say it once.
	reason = strings.TrimPrefix(strings.Replace(reason, " "+origin+": ", ": ", 1), origin+": ")
	r.report.Skipped = append(r.report.Skipped, Skip{Origin: origin, Reason: reason})
	r.logger.Info("skipped", "origin", origin, "reason", reason)
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
	if err := Write(ctx, r.p.Store, b); err != nil {
		return fmt.Errorf("loader: %w", err)
	}
	r.report.Loaded += len(batch)
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
