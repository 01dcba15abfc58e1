package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/partnergraph/partnergraph/loader"
)

const extractUsage = `usage: partnergraph extract [--gazetteer FILE] [--story-model FILE|none] PATH...

Reads articles (files, directories, or - for JSONL on stdin), extracts their
companies, platforms and deals, and prints one JSON object per article in the
label format of the labelled corpus, with the evidence sentence and a
confidence added to each deal. Articles that cannot be read are reported on
stderr and skipped. --story-model replaces the story classifier that gates
the story-level deal rules (a file written by tools/train-story), or turns
those rules off with "none".
`

// extractFlags declares the flags of the extract command.
func extractFlags() (*flag.FlagSet, *string, *string) {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	gaz := fs.String("gazetteer", "", "extra gazetteer `file` of companies and platforms")
	story := fs.String("story-model", "", "story classifier `file` (tools/train-story), or none; default: the built-in one")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), extractUsage)
		fs.PrintDefaults()
	}
	return fs, gaz, story
}

// runExtract implements `partnergraph extract`.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, gaz, story := extractFlags()
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("extract", "%v", err)
	}
	paths := fs.Args()
	if len(paths) == 0 {
		return usagef("extract", "no PATH given")
	}
	if err := checkPaths("extract", paths); err != nil {
		return err
	}
	x, err := newExtractor(*gaz)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if x, err = withStoryModel(x, *story); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if os.Getenv("GOGC") == "" {
		// Extraction allocates a lot of short-lived garbage against a
		// small live heap (mostly the gazetteer): collect less often, at
		// the cost of some megabytes.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	var line []byte // one output line, reused
	n, bad := 0, 0
	for raw, err := range loader.Read(ctx, paths, stdin) {
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			bad++
			fmt.Fprintf(stderr, "extract: skipped: %v\n", err)
			continue
		}
		doc, err := loader.Clean(raw)
		if err != nil {
			bad++
			fmt.Fprintf(stderr, "extract: skipped: %v\n", err)
			continue
		}
		if line, err = loader.Label(x.Extract(doc)).AppendJSON(line[:0]); err != nil {
			return fmt.Errorf("extract: encode %s: %w", doc.SourceID, err)
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return fmt.Errorf("extract: write: %w", err)
		}
		n++
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if n == 0 && bad > 0 {
		return fmt.Errorf("extract: none of %d articles could be read", bad)
	}
	return nil
}
