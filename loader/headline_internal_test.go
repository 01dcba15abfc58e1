package loader

import (
	"slices"
	"testing"
)

// TestHeadlineRaisers: the name before a lower-case funding verb and an
// amount or a noun of funding, then its shorter forms without a capitalised description; no
// name for other shapes.
func TestHeadlineRaisers(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"Tessly raises $12M to hire engineers", []string{"Tessly"}},
		{"Design platform Quillon Labs lands $20 million", []string{"Quillon Labs"}},
		{"Israeli Tessly secures €8M", []string{"Israeli Tessly", "Tessly"}},
		{"Brindle and Orr raises $3 million seed round", []string{"Brindle and Orr", "Orr"}},
		{"Myst maker Velloq raises $3.5M to build avatars", []string{"Velloq"}},
		{"Tessly raises funding to expand its platform", []string{"Tessly"}},
		{"Design startup Tessly nabs additional funding", []string{"Tessly"}},
		{"Tessly raises prices for its robots", nil},
		{"Tessly Raises $12M", nil},
		{"Orla Ventures raises $50 million fund for farm startups", nil},
		{"Tessly reportedly raises $12M", nil},
		{"Report: Tessly raises more money", nil},
		{"Orla's Quill unit raises $9M", nil},
		// A clause of the raiser's own before the funding verb.
		{"Tessly launches a monitoring platform, raises $8M", []string{"Tessly"}},
		{"Image model creator Quillon Labs expands its open models, raises $101M", []string{"Quillon Labs"}},
		{"Tessly, which builds tools for banks, raises $8M", nil},
		{"Tessly and Orla tools merge, raises questions", nil},
	} {
		if got := headlineRaisers(tc.title); !slices.Equal(got, tc.want) {
			t.Errorf("headlineRaisers(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// TestParseHeadline: the shapes of a purchase or a partnership a
// headline states, with the forms each party may take; none for hedged,
// questioning, title-case or three-party headlines.
func TestParseHeadline(t *testing.T) {
	for _, tc := range []struct {
		title string
		typ   string
		a, b  [][]string
	}{
		{"Harbex acquires AI startup Quillon for $2 billion", "acquisition", [][]string{{"Harbex"}}, [][]string{{"Quillon"}, {"AI"}}},
		{"Harbex to acquire Quillon Labs | Daily Wire", "acquisition", [][]string{{"Harbex"}}, [][]string{{"Quillon Labs"}}},
		{"Fresh from a $5 million round, Harbex acquires rival Quillon", "acquisition", [][]string{{"Harbex"}}, [][]string{{"Quillon"}}},
		{"Harbex acquires Quillon, a data platform", "acquisition", [][]string{{"Harbex"}}, [][]string{{"Quillon"}}},
		{"Harbex partners with Orla Cloud to build robots", "partnership", [][]string{{"Harbex"}}, [][]string{{"Orla Cloud", "Cloud"}}},
		{"Harbex teams up with Orla on farm robots", "partnership", [][]string{{"Harbex"}}, [][]string{{"Orla"}}},
		{"Harbex expands its alliance with Orla", "partnership", [][]string{{"Harbex"}}, [][]string{{"Orla"}}},
		{"Harbex and Orla Systems team up on robots", "partnership", [][]string{{"Harbex"}}, [][]string{{"Orla Systems", "Systems"}}},
		{"Harbex taps Orla to run its cloud", "supply", [][]string{{"Harbex"}}, [][]string{{"Orla"}}},
		{"Harbex taps Orla", "", nil, nil},
		{"Harbex reportedly acquires Quillon", "", nil, nil},
		{"Will Harbex acquire Quillon?", "", nil, nil},
		{"Harbex Acquires Quillon", "", nil, nil},
		{"Harbex, Orla and Velmora partner on robots", "", nil, nil},
		{"Harbex partners with Orla and Velmora on robots", "", nil, nil},
		{"How teams collaborate with robots", "", nil, nil},
		{"Harbex acquires the Quillon League esports team", "", nil, nil},
		{"Harbex acquires Quillon devs and will invest $5 million", "", nil, nil},
		{"Harbex acquires 70% stake in Quillon Games", "", nil, nil},
	} {
		h, ok := parseHeadline(tc.title)
		if got := string(h.typ); !ok && tc.typ != "" || ok && got != tc.typ {
			t.Errorf("parseHeadline(%q) = %q, %v; want %q", tc.title, got, ok, tc.typ)
			continue
		}
		if ok && (!equalForms(h.a, tc.a) || !equalForms(h.b, tc.b)) {
			t.Errorf("parseHeadline(%q) parties %q, %q; want %q, %q", tc.title, h.a, h.b, tc.a, tc.b)
		}
	}
}

func equalForms(x, y [][]string) bool {
	return slices.EqualFunc(x, y, func(a, b []string) bool { return slices.Equal(a, b) })
}

// TestTitleCaseHeadlines: a title-case headline offers every run of words
// around its verb as a name; a fund raised names no raiser.
func TestTitleCaseHeadlines(t *testing.T) {
	h, ok := titleCaseShape("Tessly Buys Orla Labs to Grow Its Cloud | Daily Wire")
	if !ok || h.typ != "acquisition" || !slices.Contains(h.a[0], "Tessly") || !slices.Contains(h.b[0], "Orla Labs") || slices.Contains(h.b[0], "Orla Labs to") {
		t.Errorf("titleCaseShape = %+v, %v", h, ok)
	}
	if h, ok := titleCaseShape("Velloq Partners With Orla on Robots"); !ok || h.typ != "partnership" || !slices.Contains(h.b[0], "Orla") {
		t.Errorf("partnership: %+v, %v", h, ok)
	}
	if _, ok := titleCaseShape("Will Tessly Buy Orla?"); ok {
		t.Error("a question states no deal")
	}
	if got := titleCaseRaisers("AgTech Company Tessly Robotics Raises $3.5 Million Seed Round"); !slices.Contains(got, "Tessly Robotics") {
		t.Errorf("titleCaseRaisers = %q", got)
	}
	if got := titleCaseRaisers("Orla Ventures Raises Oversubscribed $335 Million Fund"); got != nil {
		t.Errorf("a fund raised: %q", got)
	}
}
