package loader

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStoryRuleDefersToSentenceRules checks that the story-level rule adds
// nothing when the sentence rules already found an ownership deal.
func TestStoryRuleDefersToSentenceRules(t *testing.T) {
	open := &StoryModel{Bias: 20, Threshold: 0.5, Weights: map[string]float64{"x": 0}}
	doc, ms := marked(t, "[Halden Industries Inc] agreed to acquire [Corvo Inc] for 40 mln dlrs. [Pike Corp] said 1 mln shares of [Dorn Inc] were tendered under its offer.", "1987-03-02")
	want := briefs(extractFrom(doc, ms))
	if diff := cmp.Diff(want, briefs(extractWith(doc, NewText(doc.Text), ms, extractParts{story: open}))); diff != "" {
		t.Errorf("deals (-rules alone +with the story rule):\n%s", diff)
	}
}
