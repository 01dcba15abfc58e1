package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/partnergraph/partnergraph/synth"
)

// genOptions are the flags of gen.
type genOptions struct {
	articles, from, tail int
	seed                 uint64
	out                  string
}

func genFlags() (*flag.FlagSet, *genOptions) {
	o := &genOptions{}
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.IntVar(&o.articles, "articles", 1000, "number of articles to write")
	fs.IntVar(&o.from, "from", 0, "index of the first article (articles from..from+articles-1 of the corpus)")
	fs.Uint64Var(&o.seed, "seed", 1, "corpus `seed`: the same seed gives the same articles")
	fs.IntVar(&o.tail, "tail", synth.DefaultTail, "generated company names behind the gazetteer's in popularity")
	fs.StringVar(&o.out, "out", "-", "output `file`, or - for stdout")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: partnergraph gen [flags]

Writes synthetic news articles as JSONL, the format load reads, for
measuring how loading and queries scale: companies and platforms from the
gazetteer plus generated company names (a few hubs and a long tail), in
the sentence shapes of business news: partnerships, platform deals,
acquisitions announced and completed, funding rounds, joint ventures, past
deals with their year, denials, rumours and boilerplate. Article i depends
only on the seed and i, so a run of N articles is the first N of a longer
one. Memory stays bounded whatever --articles is.

  partnergraph gen --articles 100000 --seed 1 | partnergraph load --data g.db -

Flags:
`)
		fs.PrintDefaults()
	}
	return fs, o
}

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs, o := genFlags()
	rest, err := parseFlags(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case len(rest) > 0:
		return usagef("gen", "unexpected argument %q", rest[0])
	case o.articles < 0:
		return usagef("gen", "--articles must not be negative, got %d", o.articles)
	case o.from < 0:
		return usagef("gen", "--from must not be negative, got %d", o.from)
	case o.tail < 1:
		return usagef("gen", "--tail must be positive, got %d", o.tail)
	}
	g, err := synth.New(synth.Config{Seed: o.seed, Tail: o.tail}, nil)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	var w io.Writer = stdout
	if o.out != "-" {
		f, err := os.Create(o.out)
		if err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("gen: %w", cerr)
			}
		}()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	// Write in chunks so that an interrupt stops it.
	const chunk = 1000
	for i := 0; i < o.articles; i += chunk {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("gen: interrupted: %w", err)
		}
		if err := g.WriteJSONL(bw, o.from+i, min(chunk, o.articles-i)); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}
