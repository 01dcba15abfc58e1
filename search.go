package partnergraph

import "strings"

// SearchScore ranks how well text matches an entity called name with the
// given aliases, ignoring case: 1 for the exact name, 0.9 for an exact
// alias, 0.7 when the name starts with text, 0.6 when an alias does, 0.5
// when a word of the name or an alias does, 0.3 for any other substring, and
// 0 for no match. Every store ranks search results with it, so they agree.
func SearchScore(text, name string, aliases []string) float64 {
	q := strings.ToLower(strings.TrimSpace(text))
	if q == "" {
		return 0
	}
	best := score(q, strings.ToLower(name), 1, 0.7)
	for _, a := range aliases {
		best = max(best, score(q, strings.ToLower(a), 0.9, 0.6))
	}
	return best
}

func score(q, s string, exact, prefix float64) float64 {
	switch {
	case s == q:
		return exact
	case strings.HasPrefix(s, q):
		return prefix
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '(' }) {
		if strings.HasPrefix(w, q) {
			return 0.5
		}
	}
	if strings.Contains(s, q) {
		return 0.3
	}
	return 0
}
