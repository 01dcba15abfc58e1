package loader

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStoryLevelRule runs the story-level rule of deals_story.go with a
// gate that is always open and with one that is always shut. The texts
// are written for this test, in the shapes of wire copy the sentence
// rules do not read.
func TestStoryLevelRule(t *testing.T) {
	open := &StoryModel{Bias: 20, Threshold: 0.5, Weights: map[string]float64{"x": 0}}
	shut := &StoryModel{Bias: -20, Threshold: 0.5, Weights: map[string]float64{"x": 0}}
	tests := []struct {
		name, text string
		want       []string // with the gate open; shut, nothing is found
	}{
		{"shares tendered to an offer",
			"[Halden Industries Inc] said 9.1 mln of the 9.4 mln shares of [Corvo Inc] were tendered under its 31 dlr a share offer.",
			[]string{"acquisition Halden Industries Inc/buyer,Corvo Inc/target 1987 proposed"}},
		{"offer received from a bidder",
			"[Marlow Corp] said its directors met on Wednesday to review the takeover proposal which the company received Monday from [Brant Holdings Inc].",
			[]string{"acquisition Brant Holdings Inc/buyer,Marlow Corp/target 1987 proposed"}},
		{"sale to a named buyer",
			"The company said it is also selling 400,000 shares to [Pella Group Inc], giving the company a 9.2 pct stake in [Osric Mills Inc].",
			[]string{"investment Pella Group Inc/investor,Osric Mills Inc/investee 1987 announced"}},
		{"price paid for a stake",
			"[Tarn Oil Plc] said it paid a cash consideration of around 4.2 mln dlrs for about 6.5 pct of [Wexford Energy Corp], a Texas explorer.",
			[]string{"investment Tarn Oil Plc/investor,Wexford Energy Corp/investee 1987 completed"}},
		{"sale with no buyer named",
			"[Gannet Foods Co] said its board decided to sell [Lyle Cosmetics Inc], a wholly owned subsidiary.",
			nil},
		{"adviser retained",
			"[Fenwick Corp] said it has retained [Ames and Rowe Inc] to find a buyer for its pump division.",
			nil},
		{"securities offering",
			"[Coyle Energy Inc] said it sold 3 mln shares in a public offering underwritten by [Pratt Securities Inc].",
			nil},
		{"hedged",
			"[Bryce Corp] may make an offer for [Tolland Inc], traders said.",
			nil},
		{"two companies run by one man",
			"Jones, who heads [Ridge Resources Corp] and [Vail Drilling Inc], said he bought the stock for investment purposes.",
			nil},
		{"a unit and its parent",
			"[Kestrel Data Inc], a unit of [Morrow Group Inc], said it paid 12 mln dlrs for a software maker.",
			nil},
		{"a company named in an aside",
			"The investment was led by [Arlo Partners] (started by [Zenith Corp]'s founder) and [Kite Ventures].",
			nil},
		{"a stake offloaded",
			"Shares in [Pruett Group] rose after it said it was offloading its 30 pct stake in [Lark Rail Ltd].",
			nil},
		{"outside the lead",
			"[Ardent Corp] reported higher profits. Sales rose. Margins improved. Costs fell. Exports grew. [Ardent Corp] said 2 mln shares of [Boden Inc] were tendered to its 20 dlr offer.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ms := marked(t, tt.text, "1987-03-02")
			if diff := cmp.Diff(tt.want, briefs(extractWith(doc, NewText(doc.Text), ms, extractParts{story: open}))); diff != "" {
				t.Errorf("gate open: %s\ndeals (-want +got):\n%s", tt.text, diff)
			}
			if got := briefs(extractWith(doc, NewText(doc.Text), ms, extractParts{story: shut})); len(got) != 0 {
				t.Errorf("gate shut: %s\ngot deals %v, want none", tt.text, got)
			}
		})
	}
}

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
