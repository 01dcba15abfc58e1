package loader

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRuleExamples runs every example and counter-example of rules.json:
// an example must give exactly its deals, one of them at least found by
// its rule; a counter-example must give no deal. Story examples run with the
// story-level rules on, and must give nothing with them off.
func TestRuleExamples(t *testing.T) {
	f, err := DealRules()
	if err != nil {
		t.Fatal(err)
	}
	open := &StoryModel{Bias: 20, Threshold: 0.5, Weights: map[string]float64{"x": 0}}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range f.Rules {
		if r.Pattern == "" {
			t.Errorf("rule %q states no pattern", r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule %q is listed twice", r.Name)
		}
		seen[r.Name] = true
		if len(r.Examples) == 0 {
			t.Errorf("rule %q has no example", r.Name)
		}
		run := func(ex RuleExample, counter bool) {
			t.Run(r.Name+"/"+ex.Name, func(t *testing.T) {
				doc, ms := marked(t, ex.Text, ex.Published)
				doc.Article.Title = ex.Title
				// People's given names, as extract knows them.
				p := extractParts{person: g.IsPersonName}
				if ex.Story {
					p.story = open
					if got := briefs(extractFrom(doc, ms)); len(got) != 0 {
						t.Errorf("story gate shut: %s\ngot deals %v, want none", ex.Text, got)
					}
				}
				x := extractWith(doc, NewText(doc.Text), ms, p)
				if diff := cmp.Diff(ex.Deals, briefs(x)); diff != "" {
					t.Errorf("%s\ndeals (-want +got):\n%s", ex.Text, diff)
					return
				}
				if !counter && !slices.ContainsFunc(x.Deals, func(d ExtractedDeal) bool { return slices.Contains(d.Rules, r.Name) }) {
					t.Errorf("%s\nno deal found by rule %q", ex.Text, r.Name)
				}
			})
		}
		for _, ex := range r.Examples {
			run(ex, false)
		}
		for _, ex := range r.CounterExamples {
			if len(ex.Deals) > 0 {
				t.Errorf("counter-example %q of %q lists deals", ex.Name, r.Name)
			}
			run(ex, true)
		}
	}
}

// TestRuleTriggersAreUnique checks that no rule lists a trigger word
// twice and that every family with a handler has a rule.
func TestRuleTriggersAreUnique(t *testing.T) {
	f, err := DealRules()
	if err != nil {
		t.Fatal(err)
	}
	byFamily := map[string]bool{}
	for _, r := range f.Rules {
		byFamily[r.Family] = true
		words := map[string]bool{}
		for _, g := range r.Triggers {
			for _, w := range g.Words {
				if words[w] || w != strings.ToLower(w) {
					t.Errorf("rule %q: trigger %q is repeated or not lower case", r.Name, w)
				}
				words[w] = true
			}
		}
	}
	for name := range families {
		if !byFamily[name] {
			t.Errorf("family %q has no rule in rules.json", name)
		}
	}
}
