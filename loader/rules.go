package loader

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// rulesJSON is the data file of the deal rules: their names, patterns,
// trigger words, examples and counter-examples (rules.json).
//
//go:embed rules.json
var rulesJSON []byte

// RuleFile is the form of rules.json: the deal rules in the order their
// trigger words are tried (a word that two rules share, such as
// "purchase", is read by the first whose rule finds parties).
type RuleFile struct {
	// Note says what the file is.
	Note string `json:"note"`
	// Rules are the deal rules.
	Rules []Rule `json:"rules"`
}

// Rule is one named deal rule: the general pattern it reads, the words
// that start it, and sentences it must and must not read as deals. The
// code of the rule is the handler of its family (deals.go); rules with no
// family are the article-level rules (funding rounds across sentences,
// the story-level rule), which have no trigger words of their own.
type Rule struct {
	// Name is what deals record in their rules.
	Name string `json:"name"`
	// Family is the handler the trigger words start, or "".
	Family string `json:"family"`
	// Pattern states the general pattern the rule reads.
	Pattern string `json:"pattern"`
	// Triggers are the words and phrases that start the rule.
	Triggers []RuleTrigger `json:"triggers,omitempty"`
	// Examples are sentences with the deals they must give.
	Examples []RuleExample `json:"examples"`
	// CounterExamples are sentences that must give no deal.
	CounterExamples []RuleExample `json:"counter_examples"`
}

// RuleTrigger is a group of trigger words of one kind.
type RuleTrigger struct {
	// Words are lower-case words or phrases ("take over", "pilot
	// program with").
	Words []string `json:"words"`
	// Verb says the words are verbs (they have a subject and an object).
	Verb bool `json:"verb,omitempty"`
	// Past says the verbs are past tenses or participles.
	Past bool `json:"past,omitempty"`
	// Status is the status the words give a deal by themselves ("bid":
	// proposed), or "".
	Status string `json:"status,omitempty"`
}

// RuleExample is a text with its companies in brackets ("[Acme] bought
// [Widget]"), its publication date, and the deals it must give, written
// "type party/role,... year status [platforms]". Story examples are read
// with the story-level rules on.
type RuleExample struct {
	Name      string `json:"name"`
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
	// Title is the article's headline, for the rules that read one.
	Title string   `json:"title,omitempty"`
	Deals []string `json:"deals,omitempty"`
	Story bool     `json:"story,omitempty"`
}

// families maps the family names of rules.json to the handlers of
// deals.go.
var families = map[string]dfamily{
	"acquire": famAcquire, "acquisition": famAcqNoun, "sell": famSell, "merge": famMerge,
	"invest": famInvest, "stake": famStake, "jv": famJV, "partner": famPartner,
	"license": famLicense, "supply": famSupply, "generic": famGeneric, "together": famTogether,
	"funding": famFunding, "pay": famPay, "unit": famUnit, "cloud": famCloud,
}

// DealRules returns the deal rules of the data file the loader ships.
func DealRules() (RuleFile, error) {
	var f RuleFile
	if err := json.Unmarshal(rulesJSON, &f); err != nil {
		return f, fmt.Errorf("rules.json: %w: %w", partnergraph.ErrInvalid, err)
	}
	for _, r := range f.Rules {
		if _, ok := families[r.Family]; r.Family != "" && !ok {
			return f, fmt.Errorf("rules.json: rule %q: %w: unknown family %q", r.Name, partnergraph.ErrInvalid, r.Family)
		}
	}
	return f, nil
}

// triggers maps a lower-case word to the triggers that start with it, and
// familyRule names the rule of each family, both from rules.json.
var triggers, familyRule = func() (map[string][]dtrigger, map[dfamily]string) {
	f, err := DealRules()
	if err != nil {
		panic(err) // embedded at build time and checked by the tests
	}
	m := map[string][]dtrigger{}
	names := map[dfamily]string{}
	for _, r := range f.Rules {
		if r.Family == "" {
			continue
		}
		fam := families[r.Family]
		names[fam] = r.Name
		for _, g := range r.Triggers {
			for _, w := range g.Words {
				first, next, _ := strings.Cut(w, " ")
				m[first] = append(m[first], dtrigger{fam: fam, next: next, rest: strings.Fields(next), verb: g.Verb, past: g.Past, status: partnergraph.DealStatus(g.Status)})
			}
		}
	}
	return m, names
}()
