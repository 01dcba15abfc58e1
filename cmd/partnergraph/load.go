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
	store     storeConfig
	log       logFlags
	gazetteer string
	batch     int
}

func loadFlags(getenv func(string) string) (*flag.FlagSet, *loadOptions) {
	o := &loadOptions{}
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	addStoreFlags(fs, &o.store)
	o.log.add(fs, "warn")
	fs.StringVar(&o.gazetteer, "gazetteer", "", "extra gazetteer `file` of companies and platforms")
	fs.IntVar(&o.batch, "batch", loader.DefaultBatchSize, "articles per atomic write")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: partnergraph load [flags] PATH...

Loads the articles found in each PATH (a file, a directory read recursively,
or - for JSONL on stdin) into the store and prints a summary. Files that
cannot be read are listed as skipped; the others load.

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
	if len(paths) == 0 {
		return usagef("load", "no PATH given (files, directories, or - for stdin)")
	}
	if o.batch < 1 {
		return usagef("load", "--batch must be at least 1")
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

	p := &loader.Pipeline{Extractor: x, Store: store, Logger: logger, BatchSize: o.batch}
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
	if c, err := store.Counts(ctx); err == nil {
		fmt.Fprintf(stdout, "store %s now holds %d companies, %d platforms, %d deals, %d articles\n",
			describeStore(o.store), c.Companies, c.Platforms, c.Deals, c.Articles)
	}
	fmt.Fprintf(stdout, "took %s\n", rep.Elapsed.Round(time.Millisecond))
	return nil
}

// describeStore names the store for messages.
func describeStore(cfg storeConfig) string {
	if cfg.Kind == "neo4j" {
		return cfg.Neo4jURI
	}
	return cfg.Data
}
