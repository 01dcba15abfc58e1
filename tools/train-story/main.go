// Command train-story trains the story classifier that the loader ships in
// loader/story_model.json: a logistic regression over the words and word
// pairs of an article (loader.StoryFeatures) that tells whether the story
// is about a change of ownership. The label is Reuters-21578's own "acq"
// topic, and only the ModApte TRAIN split is used, so the TEST split stays
// unseen for the document-level figure in the README.
//
// Usage:
//
//	python3 ../shared/datasets/tools/reuters_to_jsonl.py ../shared/datasets/reuters21578 --split train > train.jsonl
//	go run ./tools/train-story -in train.jsonl -out loader/story_model.json
//
// Training is deterministic: the same input gives the same file. One fifth
// of the articles (every fifth one) is held out first to choose the
// decision threshold, the lowest at which held-out precision reaches
// -precision; the model is then retrained on every article with that
// threshold kept. Articles without topics are skipped, as in the ModApte
// evaluation.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"sort"

	"github.com/partnergraph/partnergraph/loader"
)

type article struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Text   string   `json:"text"`
	Topics []string `json:"topics"`
}

type example struct {
	feats []int
	label float64
}

type options struct {
	epochs    int
	minDF     int
	l2        float64
	rate      float64
	keep      int
	precision float64
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	in := flag.String("in", "", "Reuters-21578 TRAIN split as JSONL (reuters_to_jsonl.py --split train)")
	out := flag.String("out", "loader/story_model.json", "where to write the model")
	var o options
	flag.IntVar(&o.epochs, "epochs", 12, "passes over the data")
	flag.IntVar(&o.minDF, "min-df", 3, "least number of articles a feature must occur in")
	flag.Float64Var(&o.l2, "l2", 1e-5, "L2 penalty per example")
	flag.Float64Var(&o.rate, "rate", 0.2, "AdaGrad learning rate")
	flag.IntVar(&o.keep, "keep", 6000, "features kept in the written model, by weight magnitude")
	flag.Float64Var(&o.precision, "precision", 0.95, "held-out precision the threshold must reach")
	eval := flag.String("eval", "", "instead of training, score the model -out on this JSONL (e.g. the TEST split)")
	flag.Parse()
	if *eval != "" {
		if err := evaluate(*out, *eval); err != nil {
			log.Error("train-story -eval failed", "err", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*in, *out, o, log); err != nil {
		log.Error("train-story failed", "err", err)
		os.Exit(1)
	}
}

func run(in, out string, o options, log *slog.Logger) error {
	if in == "" {
		return errors.New("-in is required")
	}
	arts, err := readArticles(in)
	if err != nil {
		return err
	}
	if len(arts) < 100 {
		return fmt.Errorf("%s: only %d articles with topics; want the ModApte TRAIN split", in, len(arts))
	}
	vocab, exs := featurize(arts, o.minDF)
	var train, held []example
	for i, e := range exs {
		if i%5 == 4 {
			held = append(held, e)
		} else {
			train = append(train, e)
		}
	}
	w, b := fit(train, len(vocab), o)
	th, p, r := threshold(held, w, b, o.precision)
	log.Info("held-out", "threshold", th, "precision", p, "recall", r, "articles", len(held))
	w, b = fit(exs, len(vocab), o)
	m := loader.StoryModel{
		Bias:      round(b),
		Threshold: th,
		Weights:   map[string]float64{},
		Note: fmt.Sprintf("tools/train-story: logistic regression on %d Reuters-21578 ModApte TRAIN articles (label: topic acq), %d features of min-df %d, kept %d; threshold %.2f gave held-out precision %.3f recall %.3f",
			len(exs), len(vocab), o.minDF, min(o.keep, len(vocab)), th, p, r),
	}
	idx := make([]int, len(vocab))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, c int) bool { return math.Abs(w[idx[a]]) > math.Abs(w[idx[c]]) })
	for _, i := range idx[:min(o.keep, len(idx))] {
		if v := round(w[i]); v != 0 {
			m.Weights[vocab[i]] = v
		}
	}
	js, err := json.MarshalIndent(&m, "", " ")
	if err != nil {
		return fmt.Errorf("encode model: %w", err)
	}
	if err := os.WriteFile(out, append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	log.Info("wrote model", "file", out, "features", len(m.Weights))
	return nil
}

func round(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func readArticles(path string) ([]article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open articles: %w", err)
	}
	defer f.Close()
	var arts []article
	r := bufio.NewReaderSize(f, 1<<20)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(line) > 1 {
			var a article
			if jerr := json.Unmarshal(line, &a); jerr != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, n, jerr)
			}
			if len(a.Topics) > 0 && (a.Text != "" || a.Title != "") {
				arts = append(arts, a)
			}
		}
		if errors.Is(err, io.EOF) {
			return arts, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}

// featurize maps every article to its distinct features that occur in at
// least minDF articles.
func featurize(arts []article, minDF int) ([]string, []example) {
	df := map[string]int{}
	sets := make([][]string, len(arts))
	for i, a := range arts {
		text := a.Text
		if text == "" {
			text = a.Title
		}
		seen := map[string]bool{}
		loader.StoryFeatures(text, func(f string) {
			if !seen[f] {
				seen[f] = true
				sets[i] = append(sets[i], f)
				df[f]++
			}
		})
	}
	var vocab []string
	for f, n := range df {
		if n >= minDF {
			vocab = append(vocab, f)
		}
	}
	slices.Sort(vocab)
	id := make(map[string]int, len(vocab))
	for i, f := range vocab {
		id[f] = i
	}
	exs := make([]example, len(arts))
	for i, a := range arts {
		for _, f := range sets[i] {
			if j, ok := id[f]; ok {
				exs[i].feats = append(exs[i].feats, j)
			}
		}
		if slices.Contains(a.Topics, "acq") {
			exs[i].label = 1
		}
	}
	return vocab, exs
}

// fit trains a logistic regression with AdaGrad and an L2 penalty.
func fit(exs []example, n int, o options) ([]float64, float64) {
	w := make([]float64, n)
	g2 := make([]float64, n)
	var b, gb float64
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < o.epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			e := exs[k]
			z := b
			for _, j := range e.feats {
				z += w[j]
			}
			g := 1/(1+math.Exp(-z)) - e.label
			gb += g * g
			b -= o.rate * g / math.Sqrt(gb+1e-8)
			for _, j := range e.feats {
				gj := g + o.l2*w[j]
				g2[j] += gj * gj
				w[j] -= o.rate * gj / math.Sqrt(g2[j]+1e-8)
			}
		}
	}
	return w, b
}

// threshold returns the lowest decision threshold (in steps of 0.05) at
// which the held-out precision reaches want, with that precision and the
// recall.
func threshold(held []example, w []float64, b, want float64) (float64, float64, float64) {
	probs := make([]float64, len(held))
	for i, e := range held {
		z := b
		for _, j := range e.feats {
			z += w[j]
		}
		probs[i] = 1 / (1 + math.Exp(-z))
	}
	for th := 0.05; th < 0.96; th += 0.05 {
		var tp, fp, fn float64
		for i, e := range held {
			switch pos := probs[i] >= th; {
			case pos && e.label == 1:
				tp++
			case pos:
				fp++
			case e.label == 1:
				fn++
			}
		}
		if tp > 0 && tp/(tp+fp) >= want {
			return math.Round(th*100) / 100, tp / (tp + fp), tp / (tp + fn)
		}
	}
	return 0.95, 0, 0
}

// evaluate prints the precision, recall and F1 of the model in file
// modelPath as a classifier of the articles in path.
func evaluate(modelPath, path string) error {
	b, err := os.ReadFile(modelPath)
	if err != nil {
		return fmt.Errorf("read model: %w", err)
	}
	m, err := loader.ParseStoryModel(b)
	if err != nil {
		return err
	}
	arts, err := readArticles(path)
	if err != nil {
		return err
	}
	var tp, fp, fn float64
	for _, a := range arts {
		text := a.Text
		if text == "" {
			text = a.Title
		}
		switch pos, gold := m.About(text), slices.Contains(a.Topics, "acq"); {
		case pos && gold:
			tp++
		case pos:
			fp++
		case gold:
			fn++
		}
	}
	p, r := tp/max(tp+fp, 1), tp/max(tp+fn, 1)
	fmt.Printf("story classifier on %s: %d articles, P %.3f R %.3f F1 %.3f (tp %.0f fp %.0f fn %.0f)\n",
		path, len(arts), p, r, 2*p*r/max(p+r, 1e-9), tp, fp, fn)
	return nil
}
