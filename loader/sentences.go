package loader

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	if isASCII(text) {
		// rune offsets are byte offsets: work on the bytes
		bp, _ := byteBufs.Get().(*[]byte)
		if bp == nil {
			bp = new([]byte)
		}
		bs := append((*bp)[:0], text...)
		out := sentenceSpans(bs)
		*bp = bs[:0]
		byteBufs.Put(bp)
		return out
	}
	bp, _ := runeBufs.Get().(*[]rune)
	if bp == nil {
		bp = new([]rune)
	}
	rs := appendRunes((*bp)[:0], text)
	out := sentenceSpans(rs)
	*bp = rs[:0]
	runeBufs.Put(bp)
	return out
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// sentenceSpans implements Sentences on the runes of a text, or on its
// bytes when it is all ASCII.
func sentenceSpans[E byte | rune](rs []E) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(rune(rs[s])) {
			s++
		}
		for e > s && unicode.IsSpace(rune(rs[e-1])) {
			e--
		}
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	n := len(rs)
	for i := 0; i < n; i++ {
		r := rune(rs[i])
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
		if j < n && !unicode.IsSpace(rune(rs[j])) {
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
		next := rune(rs[k])
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

// runeBufs and byteBufs recycle the buffers of Sentences.
var runeBufs, byteBufs sync.Pool

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
func wordBefore[E byte | rune](rs []E, i int) string {
	s := i
	for s > 0 && (unicode.IsLetter(rune(rs[s-1])) || unicode.IsDigit(rune(rs[s-1])) || rs[s-1] == '.' || rs[s-1] == '\'') {
		s--
	}
	return strings.Trim(spanString(rs[s:i]), ".")
}

// wordAt returns the letters starting at rs[k].
func wordAt[E byte | rune](rs []E, k int) string {
	e := k
	for e < len(rs) && (unicode.IsLetter(rune(rs[e])) || rs[e] == '\'') {
		e++
	}
	return spanString(rs[k:e])
}

// spanString converts runes or bytes to a string.
func spanString[E byte | rune](rs []E) string {
	switch x := any(rs).(type) {
	case []byte:
		return string(x)
	case []rune:
		return string(x)
	}
	panic("unreachable")
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
