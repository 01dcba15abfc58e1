package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a range of byte offsets [Start, End) in a text.
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

// Sentences splits text into sentences and returns their byte spans,
// trimmed of surrounding space, in order. A line break always ends a
// sentence. A period, question mark, exclamation mark or ellipsis ends one
// when space and then an upper-case letter, digit, quote or bracket
// follow, except after an abbreviation ("Mr.", "Jan.") or an initial; after
// a company suffix or a country abbreviation ("Inc.", "U.S.") only when a
// typical sentence opener follows ("… U.S. The company …"). Decimals
// ("4.4") never split. It is the one sentence splitter of the loader:
// [NewText] and the cleaner both use it.
func Sentences(text string) []Span {
	// Room for a sentence every 80 bytes or so, to grow the spans seldom.
	out := make([]Span, 0, len(text)/80+4)
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e {
			r, w := decode(text, s)
			if !unicode.IsSpace(r) {
				break
			}
			s += w
		}
		for e > s {
			r, w := utf8.DecodeLastRuneInString(text[s:e])
			if !unicode.IsSpace(r) {
				break
			}
			e -= w
		}
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	n := len(text)
	for i := 0; i < n; {
		// Only a line break and the terminators matter here: skip every
		// other byte without decoding it, eight at a time where none of
		// them is one. No byte of a multi-byte character but its first is
		// 0xE2, the first of '…'.
		if i+8 <= n && sentenceStops(load64(text[i:])) == 0 {
			i += 8
			continue
		}
		if c := text[i]; c < utf8.RuneSelf && !sentenceBytes[c] || c >= utf8.RuneSelf && c != 0xE2 {
			i++
			continue
		}
		r, w := decode(text, i)
		if r == '\n' {
			emit(i)
			i += w
			continue
		}
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += w
			continue
		}
		// Take in repeated terminators and closing quotes or brackets.
		j := i + w
		for j < n && strings.IndexByte(".!?\"')]", text[j]) >= 0 {
			j++
		}
		if j < n {
			if r2, _ := decode(text, j); !unicode.IsSpace(r2) {
				i = j
				continue
			}
		}
		k := j
		for k < n && text[k] == ' ' {
			k++
		}
		if k >= n {
			i = j
			continue
		}
		if text[k] == '\n' {
			emit(j)
			i = j
			continue
		}
		next, _ := decode(text, k)
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '\'' || next == '(' || next == '[') {
			i = j
			continue
		}
		if r == '.' && j == i+1 {
			word := wordBefore(text, i)
			lw := strings.ToLower(word)
			switch {
			case noBreakAbbrev[lw]:
				i = j
				continue
			case maybeBreakAbbrev[lw] || isInitial(word):
				if !sentenceOpeners[wordAt(text, k)] {
					i = j
					continue
				}
			}
		}
		emit(j)
		i = j
	}
	emit(n)
	if len(out) == 0 {
		return nil
	}
	return out
}

// sentenceStops marks the high bit of each byte of the eight of x that
// Sentences stops at: a line break, a terminator or 0xE2.
func sentenceStops(x uint64) uint64 {
	const ones = 0x0101010101010101
	return zeroBytes(x^'\n'*ones) | zeroBytes(x^'.'*ones) | zeroBytes(x^'!'*ones) | zeroBytes(x^'?'*ones) | zeroBytes(x^0xE2*ones)
}

// sentenceBytes marks the ASCII bytes Sentences stops at: a line break
// and the terminators.
var sentenceBytes = [utf8.RuneSelf]bool{'\n': true, '.': true, '!': true, '?': true}

// wordBefore returns the word ending just before text[i], with inner
// periods ("U.S") kept.
func wordBefore(text string, i int) string {
	s := i
	for s > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:s])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'') {
			break
		}
		s -= w
	}
	return strings.Trim(text[s:i], ".")
}

// wordAt returns the letters starting at text[k].
func wordAt(text string, k int) string {
	e := k
	for e < len(text) {
		r, w := decode(text, e)
		if !(unicode.IsLetter(r) || r == '\'') {
			break
		}
		e += w
	}
	return text[k:e]
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
