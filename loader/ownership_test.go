package loader

import (
	"strings"
	"testing"
)

// TestRelationRules runs every rule's examples and counter-examples: the
// companies an example names are the two names it must find.
func TestRelationRules(t *testing.T) {
	for _, r := range relationRules {
		known := map[string]string{}
		for _, ex := range r.examples {
			known[ex[1]], known[ex[2]] = ex[1], ex[2]
		}
		for _, ex := range r.examples {
			got := findRelations(ex[0], map[string]string{ex[1]: ex[1], ex[2]: ex[2]})
			found := false
			for _, g := range got {
				if g.rule == r.name && g.parent == ex[1] && g.child == ex[2] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q: got %+v, want %s → %s", r.name, ex[0], got, ex[1], ex[2])
			}
		}
		for _, c := range r.counter {
			for _, g := range findRelations(c, knownIn(c, known)) {
				if g.rule == r.name {
					t.Errorf("%s: counter-example %q: found %+v", r.name, c, g)
				}
			}
		}
	}
}

// knownIn adds the capitalised words of s to known, as an article naming
// them would.
func knownIn(s string, known map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range known {
		out[k] = v
	}
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,()'s")
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			out[w] = w
		}
	}
	return out
}

// TestRelationsNeedKnownCompanies checks that a statement about names the
// article does not give as companies is no statement.
func TestRelationsNeedKnownCompanies(t *testing.T) {
	text := "Orbital, a subsidiary of Harbex, built the model."
	if got := findRelations(text, map[string]string{"Orbital": "Orbital"}); len(got) != 0 {
		t.Errorf("got %+v, want nothing: Harbex is not a company the article names", got)
	}
	if got := findRelations("Nothing here is owned by anyone.", map[string]string{"Harbex": "Harbex"}); len(got) != 0 {
		t.Errorf("got %+v, want nothing", got)
	}
}
