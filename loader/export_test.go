package loader

// TokenWords returns the tokens of s (words and punctuation marks) as the
// text layer cuts them, for the tests of package loader_test.
func TokenWords(s string) []string {
	toks := tokenize(s, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = s[t.s:t.e]
	}
	return out
}
