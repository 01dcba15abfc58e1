// Command resolution-audit measures company and deal resolution on whole
// corpora with the embedded store (see docs/resolution.md):
//
//	go run ./tools/resolution-audit order PATH...      # forward, backward, one by one: same graph?
//	go run ./tools/resolution-audit clusters [-datasets DIR] [-db FILE] [-jsonl FILE]  # the dev cluster check
//	go run ./tools/resolution-audit deals -between A,B PATH... # the deals of two companies, report by report
//	go run ./tools/resolution-audit companies [-top N] PATH... # possible duplicates, loose aliases and units among the N companies with most deals
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
	case "companies":
		err = companies(ctx, os.Args[2:])
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
	s, err := loaded(ctx, fs.Args())
	if err != nil {
		return err
	}
	defer s.Close()
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

// unitWords name a part of a company: an alias holding one may be a unit
// merged into its parent.
var unitWords = []string{"ventures", "capital", "cloud", "research", "studios", "studio", "games", "entertainment",
	"music", "pictures", "foundation", "fund", "investments", "division", "unit", "arm", "services"}

// companies loads the articles of paths and lists, among the companies
// with most deals, the pairs that may be one company (a name inside the
// other's, an acronym, a shared alias, a near spelling), and the
// companies with an alias that may be a unit of theirs. The pairs are
// candidates for a reader to judge: docs/resolution.md reports the
// verdicts.
func companies(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("companies", flag.ExitOnError)
	top := fs.Int("top", 300, "how many companies, most deals first")
	var names nameList
	fs.Var(&names, "name", "a name to look up (repeatable)")
	_ = fs.Parse(args)
	s, err := loaded(ctx, fs.Args())
	if err != nil {
		return err
	}
	defer s.Close()
	var cs []pg.Company
	q := pg.CompanyQuery{Sort: pg.CompaniesByDealsDesc, PageArgs: pg.PageArgs{First: pg.MaxPageSize}}
	for len(cs) < *top {
		p, err := s.Companies(ctx, q)
		if err != nil {
			return err
		}
		cs = append(cs, p.Items...)
		if !p.HasNextPage {
			break
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
	cs = cs[:min(*top, len(cs))]
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	dealIDs, err := s.DealIDsByCompany(ctx, ids)
	if err != nil {
		return err
	}
	counts, _ := s.Counts(ctx)
	fmt.Printf("%d companies, %d deals; the %d with most deals have %d to %d\n", counts.Companies, counts.Deals, len(cs),
		len(dealIDs[cs[0].ID]), len(dealIDs[cs[len(cs)-1].ID]))
	words := func(c pg.Company) [][]string {
		var out [][]string
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			out = append(out, strings.Split(pg.CompanyKey(n), "-"))
		}
		return out
	}
	pairs := 0
	for i, a := range cs {
		for _, b := range cs[i+1:] {
			why := similar(a, b, words(a), words(b))
			if why == "" {
				continue
			}
			pairs++
			fmt.Printf("pair %-24s %-28q (%d deals)  ~  %-24s %-28q (%d deals): %s\n", a.ID, a.Name, len(dealIDs[a.ID]), b.ID, b.Name, len(dealIDs[b.ID]), why)
		}
	}
	fmt.Printf("%d candidate pairs\n", pairs)
	for _, n := range names {
		c, err := s.CompanyByName(ctx, n)
		if err != nil {
			fmt.Printf("name %q: no company\n", n)
			continue
		}
		fmt.Printf("name %q: %s %q aliases %q links %+v\n", n, c.ID, c.Name, c.Aliases, c.Links)
	}
	// Loose aliases (a run of words of the name, see pg.IsShortForm) join
	// nothing: those that name another company show what joining on them
	// would merge.
	loose, naming := 0, 0
	for _, c := range cs {
		for _, a := range c.Aliases {
			if !pg.IsShortForm(a, c.Name) {
				continue
			}
			loose++
			if o, err := s.CompanyByName(ctx, a); err == nil && o.ID != c.ID {
				naming++
				fmt.Printf("loose %-24s %-28q alias %-20q names %s %q\n", c.ID, c.Name, a, o.ID, o.Name)
			}
		}
	}
	fmt.Printf("%d loose aliases, %d of them another company's name\n", loose, naming)
	for _, c := range cs {
		for _, l := range c.Aliases {
			k := strings.Split(pg.CompanyKey(l), "-")
			if slices.ContainsFunc(unitWords, func(w string) bool { return slices.Contains(k, w) }) {
				fmt.Printf("unit? %-24s %-28q alias %q (%s)\n", c.ID, c.Name, l, pg.LinkFor(l, c.Name, c.Links).Reason)
			}
		}
		if c.Parent != nil {
			fmt.Printf("parent %-24s owned by %s (%+v)\n", c.ID, c.Parent.ParentID, *c.Parent)
		}
	}
	return nil
}

// similar says why two companies may be one, or "".
func similar(a, b pg.Company, wa, wb [][]string) string {
	for _, x := range wa {
		for _, y := range wb {
			switch {
			case slices.Equal(x, y):
				return "same name"
			case contains(x, y) || contains(y, x):
				return "one name inside the other: " + strings.Join(x, " ") + " / " + strings.Join(y, " ")
			case acronym(x, y) || acronym(y, x):
				return "acronym: " + strings.Join(x, " ") + " / " + strings.Join(y, " ")
			case len(x) == len(y) && editDistance(strings.Join(x, ""), strings.Join(y, "")) <= 1 && len(strings.Join(x, "")) > 4:
				return "near spelling: " + strings.Join(x, " ") + " / " + strings.Join(y, " ")
			}
		}
	}
	return ""
}

// contains reports whether the words of small are a run of those of big
// (fewer of them).
func contains(big, small []string) bool {
	if len(small) >= len(big) {
		return false
	}
	for i := 0; i+len(small) <= len(big); i++ {
		if slices.Equal(big[i:i+len(small)], small) {
			return true
		}
	}
	return false
}

// acronym reports whether short, one word, is the initials of long.
func acronym(short, long []string) bool {
	if len(short) != 1 || len(long) < 2 || len(short[0]) != len(long) {
		return false
	}
	for i, w := range long {
		if w[0] != short[0][i] {
			return false
		}
	}
	return true
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev = cur
	}
	return prev[len(b)]
}

// nameList is a repeatable string flag.
type nameList []string

func (l *nameList) String() string     { return strings.Join(*l, ",") }
func (l *nameList) Set(v string) error { *l = append(*l, v); return nil }

// loaded returns an in-memory store holding the articles of paths, loaded
// in batches of 100.
func loaded(ctx context.Context, paths []string) (*memstore.Store, error) {
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		return nil, err
	}
	if _, err := resolvetest.Load(ctx, s, nil, resolvetest.Articles(ctx, paths), 100); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}
