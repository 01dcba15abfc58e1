package loader

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/partnergraph/partnergraph"
)

// DealModel is the learned deal classifier: a logistic regression that
// scores each deal the hand-written rules find in an article by general
// features of how the article reports it: which rules found it and how
// often, its type and status, the cues of its sentences (negation,
// hedges, hearsay, the future), where in the story it stands, and what
// kind of names its parties are. Its probability becomes the deal's
// confidence. [Extractor.Train] fits one on candidates found in articles
// held out from the tagger's training.
//
// It does not drop deals: measured by cross-validation on the labelled
// corpus, no threshold on its probability raised F1 or precision enough
// to pay for the deals it dropped (docs/extraction.md); extract and eval
// take --min-confidence for users who want one.
type DealModel struct {
	// Bias is the intercept.
	Bias float64 `json:"bias"`
	// Weights are the feature weights.
	Weights map[string]float64 `json:"weights"`
	// Note says how the model was trained.
	Note string `json:"note,omitempty"`
}

// Prob returns the probability that a candidate with features fs is a
// real deal.
func (m *DealModel) Prob(fs []string) float64 {
	z := m.Bias
	for _, f := range fs {
		z += m.Weights[f]
	}
	return 1 / (1 + math.Exp(-z))
}

// ParseDealModel decodes a model in the JSON form Encode writes. A
// malformed model returns an error wrapping partnergraph.ErrInvalid.
func ParseDealModel(b []byte) (*DealModel, error) {
	var m DealModel
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("deal model: %w: %w", partnergraph.ErrInvalid, err)
	}
	if len(m.Weights) == 0 {
		return nil, fmt.Errorf("deal model: %w: no weights", partnergraph.ErrInvalid)
	}
	return &m, nil
}

// Encode returns the model as indented JSON, weights sorted by feature.
func (m *DealModel) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// dealFeatures returns the features of a candidate deal d, reported by
// the mentions ms, in an article whose context is c.
func dealFeatures(d ExtractedDeal, ms []dmention, c *dealContext) []string {
	typ := string(d.Type)
	fs := []string{"type=" + typ, "status=" + string(d.Status) + "|" + typ}
	rules := map[string]bool{}
	var cues uint32
	headline, lead := true, false
	for _, m := range ms {
		rules[m.rule] = true
		cues |= m.cues
		headline = headline && m.sb == 0
		lead = lead || m.si <= 3
		if m.trig != "" {
			fs = append(fs, "trigger="+m.trig+"|"+typ)
		}
		fs = append(fs, "ents="+countBucket(m.nents))
	}
	for r := range rules {
		fs = append(fs, "rule="+r, "rule="+r+"|"+typ)
	}
	fs = append(fs, "rules="+countBucket(len(rules)), "mentions="+countBucket(len(ms)))
	for i, name := range cueNames {
		if cues&(1<<i) != 0 {
			fs = append(fs, "cue="+name, "cue="+name+"|"+typ)
		}
	}
	if headline {
		fs = append(fs, "headline-only")
	}
	if lead {
		fs = append(fs, "lead")
	}
	if d.Value != nil {
		fs = append(fs, "value")
	}
	if d.Year != 0 && d.Year != c.pubYear {
		fs = append(fs, "year-before-publication")
	}
	if len(d.Parties) > 2 {
		fs = append(fs, "parties=3+")
	}
	for i, p := range d.Parties {
		role := "first"
		if i > 0 {
			role = "other"
		}
		kind := c.nameKinds[p.Name]
		if kind == "" {
			kind = "listed" // a name only a deal rule read (an investor list)
		}
		fs = append(fs, "party="+role+"|"+kind, "party="+role+"|"+kind+"|"+typ)
		if p.Name == c.subject {
			fs = append(fs, "party="+role+"|subject|"+typ)
		}
		if fundFirm(p.Name) {
			fs = append(fs, "party="+role+"|fund|"+typ)
		}
	}
	slices.Sort(fs)
	return slices.Compact(fs)
}

// countBucket puts a small count in a bucket.
func countBucket(n int) string {
	switch {
	case n <= 0:
		return "0"
	case n <= 2:
		return strconv.Itoa(n)
	case n <= 4:
		return "3-4"
	}
	return "5+"
}

// The cues of a sentence that dealFeatures reads, as bits.
var cueNames = []string{"negation", "hedge", "hearsay", "future", "said", "talks", "ended", "past-time", "question", "quote"}

// sentenceCues returns the cues of a sentence as bits of cueNames.
func sentenceCues(s *dsent) uint32 {
	var b uint32
	set := func(i int) { b |= 1 << i }
	toks := s.toks
	for k, t := range toks {
		w := t.w
		switch {
		case negWords[w]:
			set(0)
		case (hedgeWords[w] || sentenceHedges[w]) && !(w == "may" && t.cap && k > 0):
			// "in May" is a month.
			set(1)
		case w == "will" || w == "would" || w == "plans" || w == "plan" || w == "expects" || w == "expected" || w == "intends" || w == "aims":
			set(3)
		case reportVerbs[w]:
			set(4)
		case w == "talks" || w == "negotiations" || w == "discussions":
			set(5)
		case termWords[w]:
			set(6)
		case w == "ago" || w == "previously" || w == "earlier" || w == "formerly" || w == "once":
			set(7)
		case w == "?":
			set(8)
		case w == "\"":
			set(9)
		}
		if hearsay(toks, k) {
			set(2)
		}
	}
	return b
}

// dealExample is a candidate deal of a training article, its features
// and whether the label holds it.
type dealExample struct {
	fs   []string
	gold bool
}

// DealModelOptions set how a deal model trains.
type DealModelOptions struct {
	// Epochs is the number of passes of gradient descent (default 5).
	Epochs int
	// L2 is the strength of the L2 penalty (default 0.3).
	L2 float64
	// Seed orders the examples of each pass.
	Seed uint64
	// Note is stored with the model.
	Note string
}

func (o *DealModelOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 5
	}
	if o.L2 <= 0 {
		o.L2 = 0.3
	}
}

// trainDealModel fits a deal model to exs.
func trainDealModel(exs []dealExample, o DealModelOptions) *DealModel {
	o.defaults()
	m := fitLogistic(exs, o)
	m.Note = o.Note
	return m
}

// fitLogistic fits a logistic regression to exs by stochastic gradient
// descent with an L2 penalty, deterministically.
func fitLogistic(exs []dealExample, o DealModelOptions) *DealModel {
	m := &DealModel{Weights: map[string]float64{}}
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0xdea1))
	for ep := range o.Epochs {
		rate := 0.2 / (1 + float64(ep)*0.1)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := exs[i]
			y := 0.0
			if e.gold {
				y = 1
			}
			g := y - m.Prob(e.fs)
			m.Bias += rate * g
			for _, f := range e.fs {
				w := m.Weights[f]
				m.Weights[f] = w + rate*(g-o.L2*w)
			}
		}
	}
	for f, w := range m.Weights {
		if r := roundTo(w, 4); r == 0 {
			delete(m.Weights, f)
		} else {
			m.Weights[f] = r
		}
	}
	m.Bias = roundTo(m.Bias, 4)
	return m
}

// nameKind says how the recognizer found a company name, for the deal
// features: "known" (gazetteer or Reuters markup), "rule" (a legal suffix
// or a telling context), "tagger" (the learned tagger alone).
func nameKind(source string) string {
	switch source {
	case "gazetteer", "markup":
		return "known"
	case "tagger":
		return "tagger"
	}
	return "rule"
}
