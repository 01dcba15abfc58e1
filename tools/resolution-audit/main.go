// Command resolution-audit measures company and deal resolution on whole
// corpora with the embedded store (see docs/resolution.md):
//
//	go run ./tools/resolution-audit order PATH...      # forward, backward, one by one: same graph?
//
// It prints its figures on standard output.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/resolvetest"
	"github.com/partnergraph/partnergraph/storetest"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: resolution-audit order PATH...")
		os.Exit(2)
	}
	ctx := context.Background()
	var err error
	switch os.Args[1] {
	case "order":
		err = order(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "resolution-audit:", err)
		os.Exit(1)
	}
}

// order loads the articles of paths forwards in batches of 100, backwards
// in batches of 100, and forwards one at a time, and compares the dumps.
func order(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("order", flag.ExitOnError)
	out := fs.String("dump", "", "write the dumps to FILE.forward, FILE.backward and FILE.single")
	_ = fs.Parse(args)
	arts := resolvetest.Articles(ctx, fs.Args())
	rev := slices.Clone(arts)
	slices.Reverse(rev)
	ids := resolvetest.IDs(arts)
	runs := []struct {
		name  string
		arts  []loader.RawArticle
		batch int
	}{{"forward", arts, 100}, {"backward", rev, 100}, {"single", arts, 1}}
	var dumps []string
	for _, r := range runs {
		s, err := memstore.Open(memstore.InMemory, nil)
		if err != nil {
			return err
		}
		rep, err := resolvetest.Load(ctx, s, nil, r.arts, r.batch)
		if err != nil {
			return err
		}
		d, err := storetest.Dump(ctx, s, ids)
		if err != nil {
			return err
		}
		c, _ := s.Counts(ctx)
		fmt.Printf("%-8s %d articles loaded in %v: %d companies, %d deals, %d evidence, %d ownerships\n", r.name, rep.Loaded, rep.Elapsed.Round(1e6), c.Companies, c.Deals, c.Evidence, c.Ownerships)
		if *out != "" {
			if err := os.WriteFile(*out+"."+r.name, []byte(d), 0o644); err != nil {
				return err
			}
		}
		dumps = append(dumps, d)
		_ = s.Close()
	}
	for i := 1; i < len(dumps); i++ {
		if dumps[i] == dumps[0] {
			fmt.Printf("%s = forward\n", runs[i].name)
			continue
		}
		a, b := strings.Split(dumps[0], "\n"), strings.Split(dumps[i], "\n")
		fmt.Printf("%s differs from forward: %d lines only forward, %d only %s\n", runs[i].name, len(minus(a, b)), len(minus(b, a)), runs[i].name)
		for _, l := range first(minus(a, b), 10) {
			fmt.Println("  - " + l)
		}
		for _, l := range first(minus(b, a), 10) {
			fmt.Println("  + " + l)
		}
	}
	return nil
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

func first(l []string, n int) []string { return l[:min(n, len(l))] }
