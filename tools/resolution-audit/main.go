// Command resolution-audit measures company and deal resolution on whole
// corpora with the embedded store (see docs/resolution.md):
//
//	go run ./tools/resolution-audit order PATH...      # forward, backward, one by one: same graph?
//	go run ./tools/resolution-audit clusters [-datasets DIR] [-db FILE] [-jsonl FILE]  # the dev cluster check
//	go run ./tools/resolution-audit deals -between A,B PATH... # the deals of two companies, report by report
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

	pg "github.com/partnergraph/partnergraph"
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
	case "clusters":
		err = clusters(ctx, os.Args[2:])
	case "deals":
		err = deals(ctx, os.Args[2:])
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

// clusters loads the articles of the dev cluster set together and prints
// how each cluster is held.
func clusters(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("clusters", flag.ExitOnError)
	datasets := fs.String("datasets", "../shared/datasets", "the shared datasets")
	verbose := fs.Bool("v", false, "print every cluster")
	jsonl := fs.String("jsonl", "", "write the clusters' articles to FILE as JSONL and stop")
	db := fs.String("db", "", "check the embedded store in FILE (loaded by any version) instead of loading the articles")
	_ = fs.Parse(args)
	cs := resolvetest.DevClusters()
	arts, err := cs.Articles(ctx, *datasets)
	if err != nil {
		return err
	}
	if *jsonl != "" {
		return os.WriteFile(*jsonl, resolvetest.JSONL(arts), 0o644)
	}
	path := memstore.InMemory
	if *db != "" {
		path = *db
	}
	s, err := memstore.Open(path, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	if *db == "" {
		if _, err := resolvetest.Load(ctx, s, nil, arts, 100); err != nil {
			return err
		}
	}
	results, merged, err := resolvetest.CheckClusters(ctx, s, cs)
	if err != nil {
		return err
	}
	whole, multi, split, missing := 0, 0, 0, 0
	for _, r := range results {
		if r.Articles < 2 {
			continue
		}
		multi++
		switch {
		case r.Whole():
			whole++
		case r.Reported == 0:
			missing++
		case r.Deals > 1:
			split++
		}
		if *verbose || !r.Whole() {
			fmt.Printf("%-28s %d/%d articles on one deal, %d deals; off it: %v\n", r.Name, r.Reported, r.Articles, r.Deals, r.Off)
		}
	}
	fmt.Printf("%d of %d clusters one deal with every source; %d split, %d missing, %d lack sources; %d of %d distinct pairs merged %v\n",
		whole, multi, split, missing, multi-whole-split-missing, len(merged), len(cs.Distinct), merged)
	return nil
}

// deals loads the articles of paths and prints the deals between two
// companies with their reports.
func deals(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("deals", flag.ExitOnError)
	between := fs.String("between", "", "two company names, comma-separated")
	_ = fs.Parse(args)
	names := strings.Split(*between, ",")
	if len(names) != 2 {
		return fmt.Errorf("-between wants two names")
	}
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := resolvetest.Load(ctx, s, nil, resolvetest.Articles(ctx, fs.Args()), 100); err != nil {
		return err
	}
	var ids []string
	for _, n := range names {
		c, err := s.CompanyByName(ctx, strings.TrimSpace(n))
		if err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		fmt.Printf("company %s %q aliases %q parent %+v\n", c.ID, c.Name, c.Aliases, c.Parent)
		ids = append(ids, c.ID)
	}
	byCompany, err := s.DealIDsByCompany(ctx, ids[:1])
	if err != nil {
		return err
	}
	ds, err := s.DealsByID(ctx, byCompany[ids[0]])
	if err != nil {
		return err
	}
	for _, id := range byCompany[ids[0]] {
		d := ds[id]
		if !slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == ids[1] }) {
			continue
		}
		value := "-"
		if d.Value != nil {
			value = fmt.Sprintf("%g", *d.Value)
		}
		fmt.Printf("deal %s %s %s %d %v value %s %q\n", d.ID, d.Type, d.Status, d.Year, d.Parties, value, d.Summary)
		ev, err := s.EvidenceByDeal(ctx, []string{id})
		if err != nil {
			return err
		}
		for _, e := range ev[id] {
			v := "-"
			if e.Value != nil {
				v = fmt.Sprintf("%g", *e.Value)
			}
			fmt.Printf("    %-22s %-10s %4d %-10s type %-11s value %-8s %.110q\n", e.ArticleID, e.Published, e.Year, e.Status, e.Type, v, e.Sentence)
		}
	}
	return nil
}
