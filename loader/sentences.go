package loader

import (
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Span is a range of rune offsets [Start, End) in a text.
type Span struct {
	Start, End int
}

// Abbreviations after which a period does not end a sentence.
var noBreakAbbrev = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "capt": true,
	"sgt": true, "rev": true, "hon": true, "messrs": true, "mme": true, "mlle": true,
	"no": true, "nos": true, "vs": true, "v": true, "e.g": true, "i.e": true, "cf": true, "approx": true,
	"fig": true, "vol": true, "pp": true, "ch": true, "ave": true, "blvd": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "est": true, "dept": true,
	"univ": true, "assn": true, "int'l": true, "ph.d": true, "op": true, "ed": true, "eds": true,
}

// Abbreviations that may end a sentence: a period after them ends one only
// when a typical sentence opener follows.
var maybeBreakAbbrev = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "bros": true, "cos": true,
	"etc": true, "llc": true, "l.p": true, "s.a": true, "n.v": true, "b.v": true, "a.g": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "u.s.a": true,
}

// sentenceOpeners are words that commonly start a sentence; after an
// ambiguous abbreviation they signal a sentence break.
var sentenceOpeners = map[string]bool{
	"The": true, "A": true, "An": true, "It": true, "Its": true, "He": true, "She": true, "They": true,
	"We": true, "I": true, "This": true, "That": true, "These": true, "Those": true, "There": true,
	"In": true, "On": true, "At": true, "For": true, "But": true, "And": true, "However": true,
	"Under": true, "After": true, "Before": true, "Shares": true, "Analysts": true, "As": true,
	"If": true, "When": true, "While": true, "Meanwhile": true, "Also": true, "Last": true,
	"Earlier": true, "Both": true, "His": true, "Her": true, "Their": true, "Our": true, "Some": true,
	"Other": true, "Its'": true, "What": true, "Why": true, "How": true, "According": true,
	"Separately": true, "Terms": true, "Details": true, "Financial": true, "No": true, "Not": true,
}

// Sentences splits text into sentences and returns their rune spans,
// trimmed of surrounding space, in order. A line break always ends a
// sentence. A period, question mark, exclamation mark or ellipsis ends one
// when space and then an upper-case letter, digit, quote or bracket
// follow, except after an abbreviation ("Mr.", "Jan.") or an initial; after
// a company suffix or a country abbreviation ("Inc.", "U.S.") only when a
// typical sentence opener follows ("… U.S. The company …"). Decimals
// ("4.4") never split.
func Sentences(text string) []Span {
	bp, _ := runeBufs.Get().(*[]rune)
	if bp == nil {
		bp = new([]rune)
	}
	rs := appendRunes((*bp)[:0], text)
	defer func() {
		*bp = rs[:0]
		runeBufs.Put(bp)
	}()
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(rs[s]) {
			s++
		}
		for e > s && unicode.IsSpace(rs[e-1]) {
			e--
		}
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	n := len(rs)
	for i := 0; i < n; i++ {
		r := rs[i]
		if r == '\n' {
			emit(i)
			continue
		}
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		// Take in repeated terminators and closing quotes or brackets.
		j := i + 1
		for j < n && (rs[j] == '.' || rs[j] == '!' || rs[j] == '?' || rs[j] == '"' || rs[j] == '\'' || rs[j] == ')' || rs[j] == ']') {
			j++
		}
		if j < n && !unicode.IsSpace(rs[j]) {
			continue
		}
		k := j
		for k < n && rs[k] == ' ' {
			k++
		}
		if k >= n {
			continue
		}
		if rs[k] == '\n' {
			i = j - 1
			emit(j)
			continue
		}
		next := rs[k]
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '\'' || next == '(' || next == '[') {
			continue
		}
		if r == '.' && j == i+1 {
			word := wordBefore(rs, i)
			lw := strings.ToLower(word)
			switch {
			case noBreakAbbrev[lw]:
				continue
			case maybeBreakAbbrev[lw] || isInitial(word):
				if !sentenceOpeners[wordAt(rs, k)] {
					continue
				}
			}
		}
		emit(j)
		i = j - 1
	}
	emit(n)
	return out
}

// runeBufs recycles the rune buffers of Sentences.
var runeBufs sync.Pool

// appendRunes appends the runes of s to rs as []rune(s) converts them
// (an invalid byte becomes utf8.RuneError).
func appendRunes(rs []rune, s string) []rune {
	if n := len(rs) + len(s); cap(rs) < n {
		rs = slices.Grow(rs, n-len(rs))
	}
	for _, r := range s {
		rs = append(rs, r)
	}
	return rs
}

// wordBefore returns the word ending just before rs[i], with inner periods
// ("U.S") kept.
func wordBefore(rs []rune, i int) string {
	s := i
	for s > 0 && (unicode.IsLetter(rs[s-1]) || unicode.IsDigit(rs[s-1]) || rs[s-1] == '.' || rs[s-1] == '\'') {
		s--
	}
	return strings.Trim(string(rs[s:i]), ".")
}

// wordAt returns the letters starting at rs[k].
func wordAt(rs []rune, k int) string {
	e := k
	for e < len(rs) && (unicode.IsLetter(rs[e]) || rs[e] == '\'') {
		e++
	}
	return string(rs[k:e])
}

// isInitial reports whether w is a single letter or dotted initials such
// as "F.J".
func isInitial(w string) bool {
	rs := []rune(w)
	if len(rs) == 1 && unicode.IsUpper(rs[0]) {
		return true
	}
	if len(rs) < 3 {
		return false
	}
	for i, r := range rs {
		if i%2 == 0 && !unicode.IsLetter(r) || i%2 == 1 && r != '.' {
			return false
		}
	}
	return true
}
