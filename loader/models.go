package loader

import (
	"bytes"
	_ "embed"
	"fmt"
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
}

// shippedTagger is the tagger `make models` trains on the whole labelled
// corpus (models/tagger.tsv); empty means none.
//
//go:embed models/tagger.tsv
var shippedTagger []byte

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
	return m, nil
})

// TrainOptions set how Train trains the models.
type TrainOptions struct {
	// Tagger sets how the tagger trains.
	Tagger TaggerOptions
}

// Train trains the learned models on the labelled articles with x's
// gazetteer and rules. Training is deterministic.
func (x *Extractor) Train(arts []LabelledArticle, o TrainOptions) *Models {
	return &Models{Tagger: x.rec.TrainTagger(arts, o.Tagger)}
}

// WithModels returns a copy of x that uses the models m; nil turns every
// learned part off.
func (x *Extractor) WithModels(m *Models) *Extractor {
	y := *x
	if m == nil {
		m = &Models{}
	}
	y.rec = x.rec.WithTagger(m.Tagger)
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
