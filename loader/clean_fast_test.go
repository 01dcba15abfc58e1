package loader

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNeedsRuneNormalizing compares the word-at-a-time scan with a plain
// byte loop on every suffix of texts that put the bytes of interest at
// every position of an eight-byte word.
func TestNeedsRuneNormalizing(t *testing.T) {
	ref := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c >= utf8.RuneSelf || c == '\r' || c == '\t' || c == '\f' || c == '\v' {
				return true
			}
		}
		return false
	}
	texts := []string{
		"", "plain text with\nnewlines\n\nonly",
		"abc\tdef", "0123456789abcdef\r", "0123456\x0b", "hello world, \x0c this",
		strings.Repeat("x", 17) + "é", "\n\n\n\n\n\n\n\n\n", "01234567\x0e\x08\x00\n\x1f\x7f",
	}
	for _, s := range texts {
		for k := 0; k <= len(s); k++ {
			if got, want := needsRuneNormalizing(s[k:]), ref(s[k:]); got != want {
				t.Errorf("needsRuneNormalizing(%q) = %v, want %v", s[k:], got, want)
			}
		}
	}
}

// TestSentencesByteSpans checks that Sentences gives byte spans that cut
// the text at the same sentences whether or not it is ASCII.
func TestSentencesByteSpans(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"", nil},
		{"Mr. Smith went to Washington. He met Dr. Jones at 4.4 p.m.\nA new line (here). \"Quoted.\" J.P. Morgan came.",
			[]string{"Mr. Smith went to Washington.", "He met Dr. Jones at 4.4 p.m.", "A new line (here).", "\"Quoted.\"", "J.P. Morgan came."}},
		{"Café. Über alles…  Ça va? Oui.", []string{"Café.", "Über alles…", "Ça va?", "Oui."}},
		{"  Indented paragraph.  Trailing spaces.   ", []string{"Indented paragraph.", "Trailing spaces."}},
	} {
		var got []string
		for _, sp := range Sentences(tc.text) {
			got = append(got, tc.text[sp.Start:sp.End])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestHasDateLineCue compares the one-pass search with three searches.
func TestHasDateLineCue(t *testing.T) {
	ref := func(p string) bool {
		return containsFold(p, "updated on") || containsFold(p, "posted on") || containsFold(p, "published on")
	}
	for _, p := range []string{
		"", "ed on", "Updated on March 3", "POSTED ON: Jan 1", "by staff, published on Monday",
		"posted   on", "reposted on", "Updated On", "updated onward", "the fed on Monday", "publishd on",
		"pdated on", "xupdated onx", "edited on",
	} {
		if got, want := hasDateLineCue(p), ref(p); got != want {
			t.Errorf("hasDateLineCue(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestIsPlainSingleSpaced compares the one-pass check with its definition.
func TestIsPlainSingleSpaced(t *testing.T) {
	long := "Standard Oil Co and BP North America Inc said "
	cases := []string{"", " ", "  ", "a b", "a  b", "a\tb", "café", "a b  ", "ab\x7f", "x\x01"}
	for k := 0; k <= len(long); k += 3 {
		for _, bad := range []string{"  ", "\x1f", "\x00", "é", "\xff", "\x7f", " !", "! ", " ", "!!  !", "\x20\x21\x20"} {
			cases = append(cases, long[:k]+bad+long[k:])
		}
	}
	for _, s := range cases {
		want := !strings.Contains(s, "  ") && isPlainASCII(s)
		if got := isPlainSingleSpaced(s); got != want {
			t.Errorf("isPlainSingleSpaced(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestCountCuesMatchesReference compares countCues with the plain
// word-by-word scan on texts full of cues, near misses and edges.
func TestCountCuesMatchesReference(t *testing.T) {
	texts := []string{"", "a", "ab", "©", "x©", "(c) 2020", "view all view all", "View All, VIEW ALL.",
		"Share on Xbox and share on x", "We use cookies. Click here!", "adblocker", "Disable your ad-blocker",
		"'s mission is to", "the company's mission is to build", "newsletter", "newsletters",
		"The (show all) link", "éé view all", "Read more: about", "sign up for free",
	}
	for _, c := range boilerplateCues {
		texts = append(texts, c, "x"+c, c+"x", " "+c+" ", "-"+c+"-", strings.ToUpper(c), "a "+c[:len(c)-1])
	}
	base := "Standard Oil Co and BP North America Inc said they plan to form a venture. "
	for k := 0; k < len(base); k += 7 {
		texts = append(texts, base[:k]+"subscribe now"+base[k:], base[:k]+"Privacy Policy"+base[k:]+"©")
	}
	for _, s := range texts {
		n, a, w := countCues(s)
		rn, ra, rw := countCuesRef(s)
		if n != rn || a != ra || w != rw {
			t.Errorf("countCues(%q) = %d %v %v, reference %d %v %v", s, n, a, w, rn, ra, rw)
		}
	}
}

// countCuesRef is the byte-by-byte scan the branch-free countCues
// replaced; both hand the candidate starts to cueCounter.match.
func countCuesRef(s string) (n int, adblock, widget bool) {
	var cc cueCounter
	for i := 0; i+1 < len(s); {
		start := i
		c := s[i]
		if alnumByte[c] {
			// a word start: look it up, then skip the rest of the word
			for i++; i < len(s) && alnumByte[s[i]]; i++ {
			}
		} else {
			i++
		}
		if !cueFirstByte[lowerByte(c)] {
			continue
		}
		if start+2 < len(s) {
			if k := cueKey3(s[start], s[start+1], s[start+2]); cueTrigrams[k>>6]&(1<<(k&63)) == 0 {
				continue
			}
		}
		cc.match(s, start)
	}
	return cc.result()
}

// TestLowerASCII checks the one-allocation lowerASCII against a byte loop.
func TestLowerASCII(t *testing.T) {
	ref := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	for _, s := range []string{"", "a", "A", "abc", "ABC", "Apple Inc said", "x Y z", "ÉCOLE Été", "end Z", "ZZ top", "\xffA"} {
		if got, want := lowerASCII(s), ref(s); got != want {
			t.Errorf("lowerASCII(%q) = %q, want %q", s, got, want)
		}
	}
}
