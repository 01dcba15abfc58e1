package loader

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph/eval"
)

// LabelledArticle is a cleaned article with its gold label, for training
// and cross-validating the learned parts of the extractor.
type LabelledArticle struct {
	// Doc is the cleaned article.
	Doc Document
	// Gold is its hand-made label (shared/corpus/README.md).
	Gold eval.Label
}

// TaggerOptions set how TrainTagger trains.
type TaggerOptions struct {
	// Epochs is the number of passes over the articles (default 8).
	Epochs int
	// Seed orders the articles of each pass.
	Seed uint64
	// Note is stored with the tagger.
	Note string
}

// tagExample is one training article for the tagger: its text layer,
// the rules' mentions and the gold tag of every token (-1: not scored).
type tagExample struct {
	tx    *Text
	rules []candidate
	gold  []int8
}

// TrainTagger trains a company tagger on the articles, whose gold company
// names (and their aliases) are projected onto their texts: every
// occurrence of a name as written is a name, the optional names are not
// scored, every other token of a capitalised run is outside any name.
// Training is deterministic: the same articles and options give the same
// tagger.
func (r *EntityRecognizer) TrainTagger(arts []LabelledArticle, o TaggerOptions) *Tagger {
	if o.Epochs <= 0 {
		o.Epochs = 8
	}
	lex := r.lexicon()
	exs := make([]tagExample, 0, len(arts))
	for _, a := range arts {
		tx := NewText(a.Doc.Text)
		picked, _, _ := r.rulePicks(tx)
		exs = append(exs, tagExample{tx: tx, rules: picked, gold: projectNames(tx, a.Gold)})
	}
	p := newPerceptron()
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x7a99e7))
	for range o.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ei := range order {
			ex := &exs[ei]
			c := newTagContext(ex.tx, lex, r.g, ex.rules)
			for _, run := range c.runs {
				prev, prev2 := -1, -1
				for k := run.i; k < run.j; k++ {
					if c.plain(k) {
						prev2, prev = prev, tagO
						continue
					}
					var names []string
					fs := c.features(k, prev, prev2, func(tmpl, val string) { names = append(names, tmpl+"="+val) })
					pred := p.best(fs, prev)
					if g := int(ex.gold[k]); g >= 0 && g != pred {
						p.update(fs, names, g, pred)
					}
					p.tick()
					prev2, prev = prev, pred
				}
			}
		}
	}
	return p.tagger(o.Note)
}

// perceptron is an averaged multi-class perceptron over hashed features.
type perceptron struct {
	w, acc map[uint64][nTags]float64 // weights, and the sum of c*update
	names  map[uint64]string
	c      float64 // updates so far (the clock of averaging)
}

func newPerceptron() *perceptron {
	return &perceptron{w: map[uint64][nTags]float64{}, acc: map[uint64][nTags]float64{}, names: map[uint64]string{}, c: 1}
}

// best returns the tag decide picks for fs after a token tagged prev.
func (p *perceptron) best(fs []uint64, prev int) int {
	var s [nTags]float64
	for _, f := range fs {
		if w, ok := p.w[f]; ok {
			for t := range s {
				s[t] += w[t]
			}
		}
	}
	return decide(s, prev)
}

// update moves the weights of fs towards tag good and away from bad.
func (p *perceptron) update(fs []uint64, names []string, good, bad int) {
	for i, f := range fs {
		w, a := p.w[f], p.acc[f]
		w[good]++
		w[bad]--
		a[good] += p.c
		a[bad] -= p.c
		p.w[f], p.acc[f] = w, a
		if _, ok := p.names[f]; !ok {
			p.names[f] = names[i]
		}
	}
}

// tick advances the averaging clock by one example.
func (p *perceptron) tick() { p.c++ }

// tagger returns the averaged weights as a Tagger, rounded as Encode
// writes them and without the features whose weights all round to zero.
func (p *perceptron) tagger(note string) *Tagger {
	tg := &Tagger{Note: note, weights: map[uint64][nTags]float32{}, names: map[uint64]string{}}
	for f, w := range p.w {
		a := p.acc[f]
		var avg [nTags]float32
		zero := true
		for t := range avg {
			x := w[t] - a[t]/p.c
			avg[t] = float32(roundTo(x, 4))
			zero = zero && avg[t] == 0
		}
		if !zero {
			tg.weights[f] = avg
			tg.names[f] = p.names[f]
		}
	}
	tg.index()
	return tg
}

// roundTo rounds x to d decimals.
func roundTo(x float64, d int) float64 {
	m := 1.0
	for range d {
		m *= 10
	}
	if x < 0 {
		return -float64(int64(-x*m+0.5)) / m
	}
	return float64(int64(x*m+0.5)) / m
}

// projectNames returns the gold tag of every token of tx for the label's
// companies: B and I over each occurrence of a company's name or alias as
// written (the longest first; in capitals or title-case lines, ignoring
// case), -1 over the optional companies' names, O elsewhere.
func projectNames(tx *Text, gold eval.Label) []int8 {
	tags := make([]int8, len(tx.toks))
	type name struct {
		words []string
		opt   bool
	}
	var names []name
	addName := func(n string, opt bool) {
		nt := NewText(n)
		var ws []string
		for _, t := range nt.toks {
			ws = append(ws, n[t.s:t.e])
		}
		if len(ws) > 0 {
			names = append(names, name{ws, opt})
		}
	}
	for _, c := range gold.Companies {
		addName(c.Name, false)
		for _, a := range c.Aliases {
			addName(a, false)
		}
	}
	for _, n := range gold.OptionalCompanies {
		addName(n, true)
	}
	// Longest names first, so that "Nova VR" wins over "Nova".
	slices.SortStableFunc(names, func(a, b name) int { return len(b.words) - len(a.words) })
	done := make([]bool, len(tx.toks))
	for _, n := range names {
		for k := 0; k+len(n.words) <= len(tx.toks); k++ {
			if done[k] || !matchesAt(tx, k, n.words) {
				continue
			}
			clear := true
			for x := k; x < k+len(n.words); x++ {
				clear = clear && !done[x]
			}
			if !clear {
				continue
			}
			for x := k; x < k+len(n.words); x++ {
				done[x] = true
				switch {
				case n.opt:
					tags[x] = -1
				case x == k:
					tags[x] = tagB
				default:
					tags[x] = tagI
				}
			}
		}
	}
	return tags
}

// matchesAt reports whether the tokens of tx from k spell words: exactly,
// or ignoring case on a line in capitals or title case.
func matchesAt(tx *Text, k int, words []string) bool {
	for i, w := range words {
		t := &tx.toks[k+i]
		got := tx.Src[t.s:t.e]
		if got == w {
			continue
		}
		if (t.shout || t.titled) && strings.EqualFold(got, w) {
			continue
		}
		return false
	}
	return true
}
