package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph/eval"
	"github.com/partnergraph/partnergraph/loader"
)

const evalUsage = `usage: partnergraph eval [flags] GOLD_DIR... [--articles FILE.jsonl]

Runs extraction on the articles of labelled corpora and scores it against
their gold labels exactly as the corpus's score.py does: precision, recall
and F1 for companies, platforms and deals, per deal type, and the accuracy
of deal platforms, year and status. The articles are the NAME.txt files
beside the NAME.json labels, or the JSONL files given with --articles
(which carry publication dates). Flags may come before or after the
directories.

With --folds K the learned models are cross-validated instead of the
shipped ones being scored: the labelled articles are split into K folds by
a fixed hash of their IDs, and each fold is extracted by models trained on
the other K-1 folds (the hand-written rules and the gazetteer are the same
in every fold). --by-source does the same with one source held out at a
time (reuters, bbc, modern). The figures of every held-out group are
printed, then their mean, then the pooled figure over every held-out
article, which the --min-* thresholds check. --repeats R repeats the
K-fold cross-validation over R different splits (the first is the one
--folds alone makes; each other salts the hash) and pools every held-out
prediction of every split, which makes the figure less dependent on how
one split happens to fall; --predictions then writes the first split's.
`

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

type evalOptions struct {
	articles  multiFlag
	gazetteer string
	json      bool
	errors    bool
	minF1     float64
	minP      float64
	minCF1    float64
	minPF1    float64
	folds     int
	repeats   int
	bySource  bool
	predOut   string
}

func evalFlags() (*flag.FlagSet, *evalOptions) {
	o := &evalOptions{}
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.Var(&o.articles, "articles", "JSONL `file` of the articles to extract (repeatable); default: NAME.txt beside each label")
	fs.StringVar(&o.gazetteer, "gazetteer", "", "extra gazetteer `file` of companies and platforms")
	fs.BoolVar(&o.json, "json", false, "print the result as JSON")
	fs.BoolVar(&o.errors, "errors", false, "list every miss and extra")
	fs.Float64Var(&o.minF1, "min-deal-f1", 0, "fail when deal F1 is below `x`")
	fs.Float64Var(&o.minP, "min-deal-precision", 0, "fail when deal precision is below `x`")
	fs.Float64Var(&o.minCF1, "min-company-f1", 0, "fail when company F1 is below `x`")
	fs.Float64Var(&o.minPF1, "min-platform-f1", 0, "fail when platform F1 is below `x`")
	fs.IntVar(&o.folds, "folds", 0, "cross-validate the learned models over `k` folds of the labelled articles")
	fs.IntVar(&o.repeats, "repeats", 1, "with --folds, repeat the cross-validation over `r` different splits into folds and pool them")
	fs.BoolVar(&o.bySource, "by-source", false, "cross-validate the learned models holding out one source at a time")
	fs.StringVar(&o.predOut, "predictions", "", "also write the predictions (held-out ones when cross-validating) as JSONL to `file`")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), evalUsage)
		fs.PrintDefaults()
	}
	return fs, o
}

// runEval implements `partnergraph eval`.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fset, o := evalFlags()
	fset.SetOutput(stderr)
	// Flags may follow the directories: parse, take one positional
	// argument, parse again.
	var dirs []string
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return usagef("eval", "%v", err)
		}
		args = fset.Args()
		if len(args) == 0 {
			break
		}
		dirs = append(dirs, args[0])
		args = args[1:]
	}
	if len(dirs) == 0 {
		return usagef("eval", "no GOLD_DIR given")
	}
	if err := checkPaths("eval", append(slices.Clone(dirs), o.articles...)); err != nil {
		return err
	}
	gold, err := eval.LoadGold(dirs...)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	paths := []string(o.articles)
	if len(paths) == 0 {
		if paths, err = textsBeside(dirs); err != nil {
			return fmt.Errorf("eval: %w", err)
		}
	}
	x, err := newExtractor(o.gazetteer)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if o.repeats < 1 || o.repeats > 1 && (o.folds < 2 || o.bySource) {
		return usagef("eval", "--repeats needs --folds and at least one repeat")
	}
	var pred []eval.Label
	scored := gold
	if o.folds > 1 || o.bySource {
		docs, err := readDocs(ctx, paths, stdin, stderr)
		if err != nil {
			return err
		}
		scored = nil
		for r := range o.repeats {
			p, err := crossValidate(x, gold, docs, o, r, stdout)
			if err != nil {
				return err
			}
			if r == 0 && o.predOut != "" {
				if err := writeLabels(o.predOut, p); err != nil {
					return fmt.Errorf("eval: %w", err)
				}
			}
			if o.repeats == 1 {
				pred, scored = p, gold
				break
			}
			// Each split's predictions are scored as articles of their
			// own, so that the pooled figure counts every split.
			for _, l := range p {
				l.ID = fmt.Sprintf("%s#%d", l.ID, r)
				pred = append(pred, l)
			}
			for _, g := range gold {
				g.ID = fmt.Sprintf("%s#%d", g.ID, r)
				scored = append(scored, g)
			}
		}
	} else {
		if pred, err = extractLabels(ctx, x, paths, stdin, stderr); err != nil {
			return err
		}
		if o.predOut != "" {
			if err := writeLabels(o.predOut, pred); err != nil {
				return fmt.Errorf("eval: %w", err)
			}
		}
	}
	r := eval.Score(scored, pred)
	if o.folds > 1 || o.bySource {
		fmt.Fprintln(stdout, "pooled over every held-out article:")
	}
	if o.json {
		if !o.errors {
			r.Errors = nil
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("eval: write: %w", err)
		}
	} else {
		if o.errors {
			for _, e := range r.Errors {
				fmt.Fprintln(stdout, e)
			}
		}
		fmt.Fprint(stdout, r.Table())
		types := make([]string, 0, len(r.DealsByType))
		for t := range r.DealsByType {
			types = append(types, t)
		}
		slices.Sort(types)
		for _, t := range types {
			p := r.DealsByType[t]
			fmt.Fprintf(stdout, "  %-18s P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)\n", t, p.Precision, p.Recall, p.F1, p.TP, p.FP, p.FN)
		}
	}
	var ts []eval.Threshold
	for _, t := range []struct {
		name string
		min  float64
	}{{"deal_f1", o.minF1}, {"deal_precision", o.minP}, {"company_f1", o.minCF1}, {"platform_f1", o.minPF1}} {
		if t.min > 0 {
			ts = append(ts, eval.Threshold{Name: t.name, Min: t.min})
		}
	}
	if short := r.Check(ts...); len(short) > 0 {
		return fmt.Errorf("eval: below threshold: %s", strings.Join(short, "; "))
	}
	return nil
}

// textsBeside lists the NAME.txt files that have a NAME.json label beside
// them below dirs.
func textsBeside(dirs []string) ([]string, error) {
	var out []string
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			txt := strings.TrimSuffix(path, ".json") + ".txt"
			if _, err := os.Stat(txt); err == nil {
				out = append(out, txt)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list articles in %s: %w", d, err)
		}
	}
	return out, nil
}

// crossValidate cross-validates x's learned models over the labelled
// articles docs (by fold or by source, as o says; repeat r salts the
// folds' hash, 0 keeps the plain split), prints each held-out group's
// figures and their mean, and returns every held-out prediction.
func crossValidate(x *loader.Extractor, gold []eval.Label, docs []loader.Document, o *evalOptions, r int, stdout io.Writer) ([]eval.Label, error) {
	byID := map[string]eval.Label{}
	for _, g := range gold {
		byID[g.ID] = g
	}
	var arts []loader.LabelledArticle
	for _, doc := range docs {
		if g, ok := byID[doc.SourceID]; ok {
			arts = append(arts, loader.LabelledArticle{Doc: doc, Gold: g})
		}
	}
	salt := ""
	if r > 0 {
		salt = fmt.Sprintf("#split%d", r)
	}
	group := func(a loader.LabelledArticle) string {
		return fmt.Sprintf("fold %d", loader.Fold(a.Gold.ID+salt, o.folds))
	}
	if o.repeats > 1 {
		group = func(a loader.LabelledArticle) string {
			return fmt.Sprintf("split %d fold %d", r, loader.Fold(a.Gold.ID+salt, o.folds))
		}
	}
	if o.bySource {
		group = func(a loader.LabelledArticle) string { return "held out: " + loader.Source(a.Gold.ID) }
	}
	var pred []eval.Label
	var sum [6]float64
	held := x.CrossValidate(arts, group, loader.TrainOptions{})
	for _, h := range held {
		var gp, fp []eval.Label
		for _, ex := range h.Extractions {
			l, err := toEvalLabel(ex)
			if err != nil {
				return nil, err
			}
			fp = append(fp, l)
			gp = append(gp, byID[l.ID])
		}
		pred = append(pred, fp...)
		r := eval.Score(gp, fp)
		d, c := r.Deals, r.Companies
		fmt.Fprintf(stdout, "%-22s %3d articles  deals P %.3f R %.3f F1 %.3f  companies F1 %.3f\n", h.Group, len(fp), d.Precision, d.Recall, d.F1, c.F1)
		for i, v := range []float64{d.Precision, d.Recall, d.F1, c.Precision, c.Recall, c.F1} {
			sum[i] += v
		}
	}
	if !o.bySource { // the sources differ too much in size for a mean
		n := float64(len(held))
		fmt.Fprintf(stdout, "%-22s %3d groups    deals P %.3f R %.3f F1 %.3f  companies F1 %.3f\n", "mean", len(held), sum[0]/n, sum[1]/n, sum[2]/n, sum[5]/n)
	}
	return pred, nil
}

// writeLabels writes labels as JSONL to path.
func writeLabels(path string, ls []eval.Label) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, l := range ls {
		if err := enc.Encode(l); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// toEvalLabel converts an extraction to the eval package's label form,
// through JSON, so that the scorer sees exactly what `extract` prints.
func toEvalLabel(x loader.Extraction) (eval.Label, error) {
	var l eval.Label
	b, err := json.Marshal(loader.Label(x))
	if err != nil {
		return l, fmt.Errorf("eval: encode %s: %w", x.Doc.SourceID, err)
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("eval: decode %s: %w", x.Doc.SourceID, err)
	}
	return l, nil
}

// extractLabels runs extraction over the articles at paths and returns
// the predictions in the eval package's label form. Unreadable articles
// are reported on stderr and skipped.
func extractLabels(ctx context.Context, x *loader.Extractor, paths []string, stdin io.Reader, stderr io.Writer) ([]eval.Label, error) {
	docs, err := readDocs(ctx, paths, stdin, stderr)
	if err != nil {
		return nil, err
	}
	out := make([]eval.Label, 0, len(docs))
	for _, doc := range docs {
		l, err := toEvalLabel(x.Extract(doc))
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// readDocs reads and cleans the articles at paths; unreadable ones are
// reported on stderr and skipped.
func readDocs(ctx context.Context, paths []string, stdin io.Reader, stderr io.Writer) ([]loader.Document, error) {
	var out []loader.Document
	for raw, err := range loader.Read(ctx, paths, stdin) {
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			fmt.Fprintf(stderr, "eval: skipped: %v\n", err)
			continue
		}
		doc, err := loader.Clean(raw)
		if err != nil {
			fmt.Fprintf(stderr, "eval: skipped: %v\n", err)
			continue
		}
		out = append(out, doc)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return out, nil
}
