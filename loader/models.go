package loader

import (
	"bytes"
	_ "embed"
	"fmt"
	"github.com/partnergraph/partnergraph/eval"
	"hash/crc32"
	"slices"
	"strings"
	"sync"
)

// Models are the learned parts of the extractor, trained from labelled
// articles by [Extractor.Train]. A nil field leaves that part to the
// hand-written rules alone.
type Models struct {
	// Tagger recognises company names the rules do not know.
	Tagger *Tagger
	// Deals scores the candidate deals the rules propose.
	Deals *DealModel
}

// The models `make models` trains on the whole labelled corpus; an empty
// file means none.
var (
	//go:embed models/tagger.tsv
	shippedTagger []byte
	//go:embed models/deals.json
	shippedDeals []byte
)

// DefaultModels returns the models shipped with the binary.
var DefaultModels = sync.OnceValues(func() (*Models, error) {
	m := &Models{}
	if len(bytes.TrimSpace(shippedTagger)) > 0 {
		tg, err := ReadTagger(bytes.NewReader(shippedTagger))
		if err != nil {
			return nil, fmt.Errorf("embedded tagger: %w", err)
		}
		m.Tagger = tg
	}
	if len(bytes.TrimSpace(shippedDeals)) > 0 {
		dm, err := ParseDealModel(shippedDeals)
		if err != nil {
			return nil, fmt.Errorf("embedded deal model: %w", err)
		}
		m.Deals = dm
	}
	return m, nil
})

// TrainOptions set how Train trains the models.
type TrainOptions struct {
	// Tagger sets how the tagger trains.
	Tagger TaggerOptions
	// Deals sets how the deal model trains.
	Deals DealModelOptions
}

// Train trains the learned models on the labelled articles with x's
// gazetteer and rules: the tagger on every article, and the deal model on
// the candidate deals of each article as a tagger trained without that
// article finds them (five inner folds), so that the deal model learns
// from candidates like those of unseen articles. Training is
// deterministic.
func (x *Extractor) Train(arts []LabelledArticle, o TrainOptions) *Models {
	var exs []dealExample
	inner := func(a LabelledArticle) int { return Fold(a.Gold.ID+"#inner", 5) }
	for f := range 5 {
		var train []LabelledArticle
		for _, a := range arts {
			if inner(a) != f {
				train = append(train, a)
			}
		}
		y := x.WithModels(&Models{Tagger: x.rec.TrainTagger(train, o.Tagger)})
		for _, a := range arts {
			if inner(a) == f {
				exs = append(exs, y.dealExamples(a)...)
			}
		}
	}
	return &Models{Tagger: x.rec.TrainTagger(arts, o.Tagger), Deals: trainDealModel(exs, o.Deals)}
}

// dealExamples returns the candidate deals x's rules and tagger propose
// for a labelled article, each marked with whether its label holds it.
func (x *Extractor) dealExamples(a LabelledArticle) []dealExample {
	var cands []ExtractedDeal
	var feats [][]string
	p := x.parts()
	p.deals = nil
	p.candidates = func(d ExtractedDeal, fs []string) {
		cands = append(cands, d)
		feats = append(feats, fs)
	}
	tx := NewText(a.Doc.Text)
	tx.Title = a.Doc.Article.Title
	ex := extractWith(a.Doc, tx, x.rec.FindIn(tx), p)
	// Parties are matched by the names the label output gives them.
	named := map[string]string{}
	for _, c := range Label(ex).Companies {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if _, ok := named[n]; !ok {
				named[n] = c.Name
			}
		}
	}
	m := eval.NewDealMatcher(a.Gold)
	out := make([]dealExample, len(cands))
	for i, d := range cands {
		var ps []string
		for _, p := range d.Parties {
			n, ok := named[p.Name]
			if !ok {
				n = p.Name
			}
			ps = append(ps, n)
		}
		out[i] = dealExample{fs: feats[i], gold: m.Match(string(d.Type), ps)}
	}
	return out
}

// WithModels returns a copy of x that uses the models m; nil turns every
// learned part off.
func (x *Extractor) WithModels(m *Models) *Extractor {
	y := *x
	if m == nil {
		m = &Models{}
	}
	y.rec = x.rec.WithTagger(m.Tagger)
	y.deals = m.Deals
	return &y
}

// WithLexicon returns a copy of x whose learned parts read l instead of
// the shipped lexicon (for training them on a lexicon just counted).
func (x *Extractor) WithLexicon(l *Lexicon) *Extractor {
	y := *x
	y.rec = x.rec.WithLexicon(l)
	return &y
}

// Fold returns the fold of k that the article with the given ID belongs
// to in cross-validation: a fixed hash of the ID, so that the folds stay
// the same from run to run and machine to machine.
func Fold(id string, k int) int {
	return int(crc32.ChecksumIEEE([]byte(id)) % uint32(k))
}

// Source returns the source an article ID names by its prefix
// ("reuters-…", "bbc-…", "modern-…"), or "other".
func Source(id string) string {
	for _, s := range []string{"reuters", "bbc", "modern"} {
		if strings.HasPrefix(id, s+"-") {
			return s
		}
	}
	return "other"
}

// HeldOut is the extraction of one held-out group of articles by models
// trained on every other article.
type HeldOut struct {
	// Group names the held-out articles: a fold number or a source.
	Group string
	// Extractions are the held-out articles' extractions.
	Extractions []Extraction
}

// CrossValidate splits arts into groups by group, and for each group
// trains the models on every other group's articles and extracts the
// group's articles with them. Groups come back sorted by name.
func (x *Extractor) CrossValidate(arts []LabelledArticle, group func(LabelledArticle) string, o TrainOptions) []HeldOut {
	byGroup := map[string][]int{}
	for i, a := range arts {
		g := group(a)
		byGroup[g] = append(byGroup[g], i)
	}
	names := make([]string, 0, len(byGroup))
	for g := range byGroup {
		names = append(names, g)
	}
	slices.Sort(names)
	out := make([]HeldOut, len(names))
	var wg sync.WaitGroup
	for gi, g := range names {
		var train []LabelledArticle
		for i, a := range arts {
			if group(a) != g {
				train = append(train, arts[i])
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			y := x.WithModels(x.Train(train, o))
			h := HeldOut{Group: g}
			for _, i := range byGroup[g] {
				h.Extractions = append(h.Extractions, y.Extract(arts[i].Doc))
			}
			out[gi] = h
		}()
	}
	wg.Wait()
	return out
}
