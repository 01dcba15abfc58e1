package loader_test

import (
	"slices"
	"testing"

	"github.com/partnergraph/partnergraph/loader"
)

// TestListCompanies: a name in a list of companies is a company; lists
// of products, places, people or firms named by surnames are left alone.
func TestListCompanies(t *testing.T) {
	r := recognizer(t)
	tests := []struct {
		name      string
		text      string
		want, not []string // companies found, names that must not be
	}{
		{"customers such as", "Its customers include Google, Velmora, Apple and Nike.",
			[]string{"Google", "Velmora", "Apple", "Nike"}, nil},
		{"a name opening with a digit", "It counts Google, 9Lattice, Apple and Nike among its investors.",
			[]string{"Google", "9Lattice", "Apple", "Nike"}, nil},
		{"a list with a platform is no list of companies", "It runs on Google, Apple, Android and Qorvane.",
			nil, []string{"Qorvane"}},
		{"one company is not enough", "It has offices in Google Way, Lisbon, Oporto and Faro.",
			nil, []string{"Lisbon", "Oporto", "Faro"}},
		{"more unknown names than companies", "It works with Apple, Nike, Velmora, Tessaly, Quorbit and Lunaro.",
			nil, []string{"Velmora", "Tessaly", "Quorbit", "Lunaro"}},
		{"everyday words open sentences", "Meanwhile, Google, Apple and Nike rose.",
			[]string{"Google", "Apple", "Nike"}, []string{"Meanwhile"}},
		{"a firm named by surnames", "It sold shares through Apple, Nike, Dorne, Lasker and Pell Securities Corp.",
			nil, []string{"Dorne", "Lasker"}},
		{"a name joined by an ampersand is one name", "Alums of Silver Light & Magic, Google, Apple and Nike joined.",
			nil, []string{"Magic"}},
		{"names joined without a comma are no list", "They integrate Velmora and Apple and Nike tools.",
			nil, []string{"Velmora"}},
		{"a plural company noun opens the list", "After acquiring startup businesses — Google, Velmora, Tessaly, Quorbit and Apple — it went public.",
			[]string{"Velmora", "Tessaly", "Quorbit"}, nil},
		{"a company noun with no opening word", "It has rivals in Google Way, Velmora, Tessaly, Quorbit and Apple.",
			nil, []string{"Velmora", "Tessaly", "Quorbit"}},
		{"ratings are no names", "Moody's Investors Service Inc rates the notes Aa-3, Standard and Poor's Corp and Fitch Ratings Inc rate them AA.",
			nil, []string{"Aa-3"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkCompanies(t, r, tc.text, tc.want, tc.not)
		})
	}
}

// TestPersonBeforeKnownName: a known company's name after a given name
// and a middle initial is a person's surname.
func TestPersonBeforeKnownName(t *testing.T) {
	r := recognizer(t)
	for _, text := range []string{
		"Jane Q. Dell will become chairman of the airline.",
		"Michael Dell said the company would grow.",
	} {
		for _, x := range find(r, text) {
			if x.Kind == "company" {
				t.Errorf("%q: found company %q", text, x.Name)
			}
		}
	}
	if got := find(r, "Profits at Dell rose."); len(got) == 0 {
		t.Errorf("Dell alone is no longer found")
	}
}

// TestSpelledAcronyms: an acronym the article spells out as the name of
// an institution names no company of the same letters.
func TestSpelledAcronyms(t *testing.T) {
	r := recognizer(t)
	tests := []struct {
		text      string
		want, not []string
	}{
		{"The Utility Trade Council said UTC members would vote.",
			nil, []string{"RTX"}},
		{"United Technologies said UTC shares rose.", []string{"RTX"}, nil},
		{"The Dental Examiners Council said BT took over payments on the DEC site.",
			nil, []string{"Digital Equipment"}},
		{"IBM said International Business Machines would grow.", []string{"IBM"}, nil},
	}
	for _, tc := range tests {
		checkCompanies(t, r, tc.text, tc.want, tc.not)
	}
}

// checkCompanies fails t when r finds in text a company of not, or misses
// one of want.
func checkCompanies(t *testing.T, r *loader.EntityRecognizer, text string, want, not []string) {
	t.Helper()
	checkNames(t, text, companyNames(r, text), want, not)
}

// checkNames checks that got, the company names found for what (a text
// or a headline), has every name of want and none of not.
func checkNames(t *testing.T, what string, got, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%q: %q not found in %q", what, w, got)
		}
	}
	for _, n := range not {
		if slices.Contains(got, n) {
			t.Errorf("%q: %q found in %q", what, n, got)
		}
	}
}

// companyNames returns the names of the companies r finds in text.
func companyNames(r *loader.EntityRecognizer, text string) []string {
	var got []string
	for _, x := range find(r, text) {
		if x.Kind == "company" {
			got = append(got, x.Name)
		}
	}
	return got
}

// TestTaggerKeepsToPersons: a surname of a person the rules found is no
// company when the tagger reads it alone later in the article.
func TestTaggerKeepsToPersons(t *testing.T) {
	ms, err := loader.DefaultModels()
	if err != nil {
		t.Fatal(err)
	}
	r := recognizer(t).WithTagger(ms.Tagger)
	for _, n := range []string{"Lindgren", "Kessing"} {
		text := "Financier Carl " + n + ", who holds a 16.2 pct stake in Zyxo Broadcasting Co, said he may seek control of it.\n\n    " +
			n + ", the Cincinnati, Ohio, investor who controls Orbital Financial Corp, said he had talked with the company.\n\n    " +
			n + " said his increase in ownership would be an investment."
		for _, x := range find(r, text) {
			if x.Kind == "company" && x.Name == n {
				t.Errorf("person %q found as a company", n)
			}
		}
	}
}

// TestKnownNameInsideLongerName: a known name of several words ending in
// a business word is the end of a longer name when one more capitalised
// word stands before it.
func TestKnownNameInsideLongerName(t *testing.T) {
	r := recognizer(t)
	if got := companyNames(r, "The regulator approved the acquisition of Coral Southwest Airlines by Zyxo Air."); slices.Contains(got, "Southwest Airlines") {
		t.Errorf("Southwest Airlines found in %q", got)
	} else if !slices.Contains(got, "Coral Southwest Airlines") {
		t.Errorf("Coral Southwest Airlines not found in %q", got)
	}
	if got := companyNames(r, "Fares at Southwest Airlines rose."); !slices.Contains(got, "Southwest Airlines") {
		t.Errorf("Southwest Airlines not found in %q", got)
	}
}
