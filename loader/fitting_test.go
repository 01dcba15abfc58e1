package loader_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph/loader"
)

// TestNoLabelledNamesInRules fails when the loader's code, comments or
// rule data name a company of the labelled corpus that the shipped
// gazetteer does not list: a rule must state the general pattern it
// reads, not the names of the article it was written for. Well-known
// companies the gazetteer lists by its public criterion, or that the
// rules find in five unlabelled articles or more, may serve as examples.
func TestNoLabelledNamesInRules(t *testing.T) {
	dir := filepath.Dir(corpusPath(t, "dev.jsonl"))
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	lex := loader.DefaultLexicon()
	known := map[string]bool{}
	for _, c := range g.Companies() {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			known[strings.ToLower(n)] = true
		}
	}
	for _, p := range g.Platforms() {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			known[strings.ToLower(n)] = true
		}
	}
	// The names of the labelled articles' companies: long enough to be
	// telling (two words, or one of seven letters or more).
	var names []string
	labels, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	for _, p := range labels {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var l struct {
			Companies []struct {
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
			} `json:"companies"`
		}
		if err := json.Unmarshal(b, &l); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, c := range l.Companies {
			for _, n := range append([]string{c.Name}, c.Aliases...) {
				// A one-word name that is an everyday word ("Western",
				// "Lifetime") names nothing in particular.
				single := !strings.Contains(n, " ")
				// Nor does a name the rules find in many unlabelled
				// articles: it is no phrase of one article.
				if (!single && len(n) >= 5 || len(n) >= 7) && !known[strings.ToLower(n)] && !(single && lex.Everyday(n)) && lex.Articles(n) < 5 {
					names = append(names, n)
				}
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if len(names) < 100 {
		t.Fatalf("only %d labelled company names found in %s", len(names), dir)
	}
	files, _ := filepath.Glob("*.go")
	files = append(files, "rules.json")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ToLower(string(b))
		for _, n := range names {
			if line := wordAt(text, strings.ToLower(n)); line > 0 {
				t.Errorf("%s:%d names %q, a company of the labelled corpus the gazetteer does not list", f, line, n)
			}
		}
	}
}

// wordAt returns the line of the first occurrence of w in text as a whole
// word, or 0.
func wordAt(text, w string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return 0
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			return 1 + strings.Count(text[:i], "\n")
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
