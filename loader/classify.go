package loader

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"

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
	z := m.Bias
	seen := map[string]bool{}
	StoryFeatures(text, func(f string) {
		if seen[f] {
			return
		}
		seen[f] = true
		z += m.Weights[f]
	})
	return 1 / (1 + math.Exp(-z))
}

// About reports whether text tells a change-of-ownership story.
func (m *StoryModel) About(text string) bool {
	return m != nil && m.Prob(text) >= m.Threshold
}

// StoryFeatures calls yield with the features of text, in order and with
// repeats: every word of two or more letters, lower-cased, and every pair
// of adjacent such words joined by a space. Numbers become "#" so that
// "15.5 pct" and "9 pct" share the feature "# pct".
func StoryFeatures(text string, yield func(string)) {
	var b strings.Builder
	prev := ""
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		if len(w) < 2 && w != "#" {
			prev = ""
			return
		}
		yield(w)
		if prev != "" {
			yield(prev + " " + w)
		}
		prev = w
	}
	inNum := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z':
			if inNum {
				flush()
				inNum = false
			}
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			if inNum {
				flush()
				inNum = false
			}
			b.WriteByte(c + 'a' - 'A')
		case c >= '0' && c <= '9':
			if !inNum {
				flush()
				inNum = true
				b.WriteByte('#')
			}
		case (c == '.' || c == ',') && inNum:
			// 1,000.5 is one number
		case c == '\'' && b.Len() > 0 && !inNum:
			// "company's": keep the word, drop the possessive
			if i+1 < len(text) && text[i+1] == 's' {
				flush()
				i++
			}
		default:
			flush()
			inNum = false
			if c == '.' || c == ';' || c == ':' || c == '\n' {
				prev = ""
			}
		}
	}
	flush()
}
