package loader

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/partnergraph/partnergraph"
)

// defaultStoryModel is the story classifier shipped with the binary,
// trained by tools/train-story on the ModApte TRAIN split of
// Reuters-21578 (its own "acq" topic as the label).
//
//go:embed story_model.json
var defaultStoryModel []byte

// StoryModel is a logistic-regression classifier of whole articles: the
// probability that an article's story is about a change of ownership (an
// acquisition, merger, stake or bid). Its features are the lower-case
// words and word pairs of the article (see [StoryFeatures]); each feature
// counts once per article. The zero value, with no weights, gives every
// article the probability of its bias alone.
//
// The extractor uses it as a gate, never as a source of deals: it decides
// whether a sentence naming two companies around a deal word is read with
// the looser story-level rules (see storyDeal in deals_story.go). A
// StoryModel is read-only once built and safe for concurrent use.
type StoryModel struct {
	// Bias is the intercept.
	Bias float64 `json:"bias"`
	// Threshold is the probability from which a story counts as one about a
	// change of ownership, chosen on held-out training articles.
	Threshold float64 `json:"threshold"`
	// Weights are the feature weights.
	Weights map[string]float64 `json:"weights"`
	// Note says how the model was trained.
	Note string `json:"note,omitempty"`

	// hashed holds Weights by the hash of their feature (featureHash), so
	// that Prob reads an article without building feature strings; built
	// once, on first use.
	hashed map[uint64]float64
	once   sync.Once
}

// DefaultStoryModel returns the story classifier shipped with the binary.
func DefaultStoryModel() (*StoryModel, error) {
	return ParseStoryModel(defaultStoryModel)
}

// ParseStoryModel decodes a model in the JSON form tools/train-story
// writes. A malformed model returns an error wrapping
// partnergraph.ErrInvalid.
func ParseStoryModel(b []byte) (*StoryModel, error) {
	var m StoryModel
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("story model: %w: %w", partnergraph.ErrInvalid, err)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 || len(m.Weights) == 0 {
		return nil, fmt.Errorf("story model: %w: needs weights and a threshold in (0, 1)", partnergraph.ErrInvalid)
	}
	return &m, nil
}

// Prob returns the probability that text tells a change-of-ownership story.
func (m *StoryModel) Prob(text string) float64 {
	return m.prob(NewText(text))
}

// prob is Prob on an article's text layer.
func (m *StoryModel) prob(tx *Text) float64 {
	m.once.Do(func() {
		m.hashed = make(map[uint64]float64, len(m.Weights))
		for f, w := range m.Weights {
			m.hashed[featureHash(f)] += w
		}
	})
	p, _ := hashBufs.Get().(*[]uint64)
	if p == nil {
		p = new([]uint64)
	}
	hs := (*p)[:0]
	storyHashes(tx, func(h uint64) { hs = append(hs, h) })
	slices.Sort(hs)
	hs = slices.Compact(hs)
	z := m.Bias
	for _, h := range hs {
		z += m.hashed[h]
	}
	*p = hs[:0]
	hashBufs.Put(p)
	return 1 / (1 + math.Exp(-z))
}

// hashBufs recycles the feature-hash buffers of Prob.
var hashBufs sync.Pool

// FNV-1a, 64 bits, hashes the words of a feature.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHash returns the FNV-1a hash of w.
func wordHash[T string | []byte](w T) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * fnvPrime
	}
	return h
}

// pairHash combines the hashes of two adjacent words into the hash of the
// pair.
func pairHash(a, b uint64) uint64 {
	return (a*fnvPrime ^ b) * 0x9E3779B97F4A7C15
}

// featureHash returns the hash storyHashes gives feature f: a word, or two
// words joined by a space, as StoryFeatures spells them.
func featureHash(f string) uint64 {
	if a, b, ok := strings.Cut(f, " "); ok {
		return pairHash(wordHash(a), wordHash(b))
	}
	return wordHash(f)
}

// About reports whether text tells a change-of-ownership story.
func (m *StoryModel) About(text string) bool {
	return m != nil && m.prob(NewText(text)) >= m.Threshold
}

// about is About on an article's text layer.
func (m *StoryModel) about(tx *Text) bool {
	return m != nil && m.prob(tx) >= m.Threshold
}

// StoryFeatures calls yield with the features of text, in order and with
// repeats: every word of the text layer's tokens, lower-cased, and every
// pair of adjacent words joined by a space. Numbers become "#" and a run
// of names (words with a capital letter that are not everyday words, see
// [Lexicon]) becomes "@", so that "15.5 pct" and "9 pct"
// share "# pct" and the model learns "acquire @" rather than who was
// acquired.
// A sentence break ('.', ';', ':' or a new line) and a one-letter word
// end a pair.
func StoryFeatures(text string, yield func(string)) {
	prev := ""
	storyWords(NewText(text), func(b []byte) {
		if b == nil {
			prev = ""
			return
		}
		w := string(b)
		yield(w)
		if prev != "" {
			yield(prev + " " + w)
		}
		prev = w
	})
}

// storyHashes calls yield with the hash (featureHash) of every feature
// StoryFeatures gives the text of tx, in the same order, without building
// pair strings.
func storyHashes(tx *Text, yield func(uint64)) {
	prev, hasPrev := uint64(0), false
	storyWords(tx, func(w []byte) {
		if w == nil {
			hasPrev = false
			return
		}
		h := wordHash(w)
		yield(h)
		if hasPrev {
			yield(pairHash(prev, h))
		}
		prev, hasPrev = h, true
	})
}

// storyWords calls word with each feature word of the tokens of tx,
// lower-cased ("#" for a number, "@" for a run of names), and with nil
// where a pair must not span: at a sentence break and at a one-letter
// word. The slice is only valid during the call.
func storyWords(tx *Text, word func([]byte)) {
	text, lex := tx.Src, DefaultLexicon()
	var buf [64]byte
	num, at := []byte("#"), []byte("@")
	name := false // the last word given was "@"
	brk := func() {
		word(nil)
		name = false
	}
	for i := range tx.toks {
		t := &tx.toks[i]
		if t.nlBefore {
			brk()
		}
		switch t.kind {
		case tokPoss:
			continue // "company's": keep the word, drop the possessive
		case tokPunct:
			if c := text[t.s]; c == '.' || c == ';' || c == ':' {
				brk()
			}
			continue
		}
		if isDigitASCII(text[t.s]) {
			word(num)
			name = false
			continue
		}
		if t.e-t.s < 2 {
			brk()
			continue
		}
		b := buf[:0]
		for k := t.s; k < t.e; k++ {
			b = append(b, lowerByte(text[k]))
		}
		if t.hasUpper && !lex.everyday(string(b)) {
			if !name {
				word(at)
			}
			name = true
			continue
		}
		word(b)
		name = false
	}
}
