package loader

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord  tokKind = iota // letters and digits, with inner - . & ' +
	tokPoss                 // a possessive 's or a lone apostrophe after s
	tokPunct                // one punctuation or symbol rune
)

// token is one word or punctuation mark of a text, by byte offsets.
type token struct {
	s, e      int
	kind      tokKind
	cap       bool // first rune is upper case
	upper     bool // every letter is upper case (and there is one)
	hasUpper  bool // some letter is upper case
	hasLetter bool
	nlBefore  bool // a line break lies between this token and the previous one
	sentStart bool // first word of a sentence (approximate)
	shout     bool // on an all-capitals line (a wire headline)
}

func isWordRune(r rune) bool { return r < utf8.RuneSelf && isASCIIAlnum(byte(r)) || unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize splits s into tokens. Words keep inner hyphens ("Wal-Mart"),
// ampersands between capitals ("AT&T"), dotted initials ("U.S.", "B.V."),
// domain dots ("Amazon.com"), inner apostrophes ("O'Neil") and a final
// plus ("Disney+"); a possessive "'s" is a token of its own.
func tokenize(s string, toks []token) []token {
	toks = toks[:0]
	nl := false
	for i := 0; i < len(s); {
		r, w := decode(s, i)
		switch {
		case r == '\n':
			nl = true
			i += w
			continue
		case r == ' ' || unicode.IsSpace(r):
			i += w
			continue
		}
		if r == '\'' && len(toks) > 0 && toks[len(toks)-1].e == i && toks[len(toks)-1].kind == tokWord {
			// possessive: 's or a bare ' after a word ending in s
			r2, w2 := decode(s, i+1)
			if (r2 == 's' || r2 == 'S') && !nextIsWord(s, i+1+w2) {
				toks = append(toks, token{s: i, e: i + 1 + w2, kind: tokPoss, nlBefore: nl})
				nl = false
				i += 1 + w2
				continue
			}
			if prev := s[toks[len(toks)-1].e-1]; (prev == 's' || prev == 'S') && !isWordRune(r2) {
				toks = append(toks, token{s: i, e: i + 1, kind: tokPoss, nlBefore: nl})
				nl = false
				i++
				continue
			}
		}
		if !isWordRune(r) {
			toks = append(toks, token{s: i, e: i + w, kind: tokPunct, nlBefore: nl})
			nl = false
			i += w
			continue
		}
		t := token{s: i, kind: tokWord, nlBefore: nl}
		nl = false
		seg := 0 // letters in the current dot-separated segment
		j := i
		for j < len(s) {
			r, w := decode(s, j)
			if isWordRune(r) {
				j += w
				seg++
				continue
			}
			r2, _ := decode(s, j+w)
			switch r {
			case '-', '\u2010', '\u2011':
				if isWordRune(r2) {
					j += w
					seg = 0
					continue
				}
			case '&':
				if j > i && isUpperASCII(s[j-1]) && r2 < utf8.RuneSelf && isUpperASCII(byte(r2)) {
					j += w
					seg = 0
					continue
				}
			case '\'':
				if r2 != 's' && r2 != 'S' && unicode.IsLetter(r2) && seg == 1 {
					j += w // O'Neil, D'Amato
					seg = 0
					continue
				}
			case '.':
				if seg == 1 && unicode.IsLetter(r2) {
					j += w // U.S, B.V
					seg = 0
					continue
				}
				if seg == 1 && j > i+1 && s[j-2] == '.' {
					j += w // the final period of U.S.
					goto done
				}
				if isDomain(s[j+1:]) {
					j += w
					seg = 0
					continue
				}
			case '+':
				if !isWordRune(r2) && j > i && !isDigitASCII(s[j-1]) {
					j += w
					goto done
				}
			}
			break
		}
	done:
		t.e = j
		fillWordFlags(s, &t)
		toks = append(toks, t)
		i = j
	}
	markSentences(s, toks)
	return toks
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigitASCII(c byte) bool { return c >= '0' && c <= '9' }

func nextIsWord(s string, i int) bool {
	r, w := decode(s, i)
	return w > 0 && isWordRune(r)
}

// isDomain reports whether s starts with a top-level domain ending a word,
// as in "Amazon.com".
func isDomain(s string) bool {
	for _, d := range []string{"com", "net", "org", "io"} {
		if len(s) >= len(d) && s[:len(d)] == d && !nextIsWord(s, len(d)) {
			return true
		}
	}
	return false
}

func fillWordFlags(s string, t *token) {
	first := true
	upper := true
	for i := t.s; i < t.e; {
		r, w := decode(s, i)
		i += w
		if !unicode.IsLetter(r) {
			if first && unicode.IsDigit(r) {
				first = false
			}
			continue
		}
		t.hasLetter = true
		isUp := unicode.IsUpper(r)
		if first {
			t.cap = isUp
			first = false
		}
		if isUp {
			t.hasUpper = true
		} else {
			upper = false
		}
	}
	t.upper = upper && t.hasLetter
}

// markSentences sets sentStart on the first word of each sentence and
// shout on the tokens of all-capitals lines.
func markSentences(s string, toks []token) {
	expect := true
	lineStart := 0
	for i := range toks {
		t := &toks[i]
		if t.nlBefore {
			markShout(toks[lineStart:i])
			lineStart = i
			expect = true
		}
		switch t.kind {
		case tokWord:
			if expect {
				t.sentStart = true
				expect = false
			}
		case tokPunct:
			switch s[t.s] {
			case '.', '!', '?':
				expect = true
			case '"', '\'', '(', '[', '-':
				// openers keep the expectation
			default:
				expect = false
			}
		}
	}
	markShout(toks[lineStart:])
}

func markShout(line []token) {
	words, up := 0, 0
	for _, t := range line {
		if t.kind == tokWord && t.hasLetter {
			words++
			if t.upper {
				up++
			}
		}
	}
	if words >= 3 && up*10 >= words*8 {
		for i := range line {
			line[i].shout = true
		}
	}
}
