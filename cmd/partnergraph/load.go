package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/partnergraph/partnergraph/loader"
)

// loadOptions are the flags of load.
type loadOptions struct {
	store      storeConfig
	log        logFlags
	gazetteer  string
	batch      int
	workers    int
	limits     limitFlags
	allowSkips bool
	shard      string
	profile    profileFlags
}

// limitFlags are the input limits shared by load and serve --load.
type limitFlags struct {
	maxFileBytes, maxArticleBytes int64
	articleTimeout, outageWait    time.Duration
}

func (l *limitFlags) add(fs *flag.FlagSet) {
	fs.Int64Var(&l.maxFileBytes, "max-file-bytes", loader.DefaultMaxFileBytes, "skip, unread, a text, HTML or feed file over `bytes` (JSONL is read a line at a time)")
	fs.Int64Var(&l.maxArticleBytes, "max-article-bytes", loader.DefaultMaxArticleBytes, "skip an article or JSONL line over `bytes`")
	fs.DurationVar(&l.articleTimeout, "article-timeout", loader.DefaultArticleTimeout, "skip an article whose extraction takes longer than `duration`")
	fs.DurationVar(&l.outageWait, "store-outage-wait", loader.DefaultOutageWait, "retry writes for up to `duration` while the store is unavailable, then give up")
}

func (l *limitFlags) validate(cmd string) error {
	switch {
	case l.maxFileBytes < 1:
		return usagef(cmd, "--max-file-bytes must be positive, got %d", l.maxFileBytes)
	case l.maxArticleBytes < 1:
		return usagef(cmd, "--max-article-bytes must be positive, got %d", l.maxArticleBytes)
	case l.articleTimeout <= 0:
		return usagef(cmd, "--article-timeout must be positive, got %s", l.articleTimeout)
	case l.outageWait < 0:
		return usagef(cmd, "--store-outage-wait must not be negative, got %s", l.outageWait)
	}
	return nil
}

// apply sets the limits on p.
func (l *limitFlags) apply(p *loader.Pipeline) {
	p.Limits = loader.Limits{MaxFileBytes: l.maxFileBytes, MaxArticleBytes: l.maxArticleBytes}
	p.ArticleTimeout = l.articleTimeout
	p.OutageWait = l.outageWait
	if p.OutageWait == 0 {
		p.OutageWait = -1 // give up at once
	}
}

// exitSkipped is load's exit status when it loaded what it could but
// skipped some inputs (unless --allow-skips).
const exitSkipped = 3

// skippedError reports that load skipped inputs.
type skippedError struct{ n int }

func (e skippedError) Error() string {
	return fmt.Sprintf("load: %d input(s) skipped, named above (exit status %d; --allow-skips exits 0)", e.n, exitSkipped)
}

// loadEnv maps load's own flags to the environment variables that supply
// them when the flag is not given: scripts that run load deep inside
// others (benchmark harnesses, cron jobs) can keep exit status 0 on skips
// without editing the command line.
var loadEnv = map[string]string{
	"allow-skips": "PARTNERGRAPH_ALLOW_SKIPS",
}

func loadFlags(getenv func(string) string) (*flag.FlagSet, *loadOptions) {
	o := &loadOptions{}
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	addStoreFlags(fs, &o.store)
	o.log.add(fs, "warn")
	fs.StringVar(&o.gazetteer, "gazetteer", "", "extra gazetteer `file` of companies and platforms")
	fs.IntVar(&o.batch, "batch", loader.DefaultBatchSize, "articles per atomic write")
	fs.IntVar(&o.workers, "workers", 0, "articles cleaned and extracted at once (0: one per CPU); the graph is the same whatever the number")
	o.limits.add(fs)
	fs.BoolVar(&o.allowSkips, "allow-skips", false, "exit 0 even when inputs were skipped (env PARTNERGRAPH_ALLOW_SKIPS=true)")
	o.profile.add(fs)
	fs.StringVar(&o.shard, "shard", "", "load only shard `i/n` of the articles (by a hash of the article ID), e.g. 0/4; n processes given 0/n … n-1/n of the same inputs load everything once between them")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: partnergraph load [flags] PATH...

Loads the articles found in each PATH (a file, a directory read recursively,
symbolic links followed, or - for JSONL on stdin) into the store and prints a
summary. Inputs that cannot be read are listed as skipped with the reason
(not a regular file, over a size limit, binary, malformed, over the time
budget); the others load. SIGINT or SIGTERM stops the load within a second,
keeping the batches written (a rerun completes it); a second signal exits at
once.

With --shard i/n the load takes only the articles whose ID hashes to
shard i of n, whatever the order of the inputs: n processes given the same
inputs and shards 0/n to n-1/n load every article exactly once between
them, into one Neo4j (the writers take turns; conflicts are retried) or
each into a store of its own.

Exit status: 0 when everything loaded, 3 when some inputs were skipped and
the rest loaded (0 with --allow-skips or PARTNERGRAPH_ALLOW_SKIPS=true), 2 for a usage error, 1 otherwise
(the store failed or stayed unavailable, or the load was interrupted).

Flags:
`)
		fs.PrintDefaults()
	}
	return fs, o
}

func runLoad(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	fs, o := loadFlags(getenv)
	paths, err := parseFlags(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	applyEnv(fs, storeEnv, getenv)
	applyEnv(fs, loadEnv, getenv)
	if len(paths) == 0 {
		return usagef("load", "no PATH given (files, directories, or - for stdin)")
	}
	if o.batch < 1 {
		return usagef("load", "--batch must be at least 1")
	}
	if o.workers < 0 {
		return usagef("load", "--workers must be 0 (one per CPU) or more, got %d", o.workers)
	}
	if err := o.limits.validate("load"); err != nil {
		return err
	}
	var shard loader.Shard
	if o.shard != "" {
		if shard, err = loader.ParseShard(o.shard); err != nil {
			return usagef("load", "--shard: %v", err)
		}
	}
	if err := o.store.validate("load"); err != nil {
		return err
	}
	logger, err := o.log.logger("load", stderr)
	if err != nil {
		return err
	}
	if err := checkPaths("load", paths); err != nil {
		return err
	}
	x, err := newExtractor(o.gazetteer)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	store, err := openStore(ctx, o.store, logger)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("load: close store: %w", cerr)
		}
	}()
	// The profiles stop before the store closes, so that the heap profile
	// holds the loaded graph.
	stopProfile, err := o.profile.start()
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	defer func() {
		if perr := stopProfile(); perr != nil && err == nil {
			err = fmt.Errorf("load: %w", perr)
		}
	}()

	p := &loader.Pipeline{Extractor: x, Store: store, Logger: logger, BatchSize: o.batch, Shard: shard, Workers: o.workers}
	o.limits.apply(p)
	if isTerminal(stderr) {
		p.Progress = stderr
	}
	rep, runErr := p.Run(ctx, paths, stdin)
	if err := rep.WriteSummary(stdout); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("load: %w", runErr)
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if c, err := store.Counts(cctx); err == nil {
		fmt.Fprintf(stdout, "store %s now holds %d companies, %d platforms, %d deals, %d articles\n",
			describeStore(o.store), c.Companies, c.Platforms, c.Deals, c.Articles)
	}
	fmt.Fprintf(stdout, "took %s\n", rep.Elapsed.Round(time.Millisecond))
	if len(rep.Skipped) > 0 && !o.allowSkips {
		return skippedError{n: len(rep.Skipped)}
	}
	return nil
}

// describeStore names the store for messages.
func describeStore(cfg storeConfig) string {
	if cfg.Kind == "neo4j" {
		return cfg.Neo4jURI
	}
	return cfg.Data
}
