package loader

import (
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

// TestSentencesBytePath checks that the byte path Sentences takes for ASCII
// text splits as the rune path does.
func TestSentencesBytePath(t *testing.T) {
	texts := []string{
		"",
		"Standard Oil Co and BP North America Inc said they plan to form a venture. The venture will be called BP/Standard Financial Trading.",
		"Mr. Smith went to Washington. He met Dr. Jones at 4.4 p.m. U.S. The company said it's fine! Really? Yes...\nA new line (here). \"Quoted.\" [Bracket] J.P. Morgan and F.J. Doe.",
		"Shares of Acme Inc. rose. Acme Inc. The end.\n\n  Indented paragraph.  Trailing spaces.   ",
	}
	for _, text := range texts {
		if !isASCII(text) {
			t.Fatalf("test text is not ASCII: %q", text)
		}
		got := Sentences(text)
		want := sentenceSpans([]rune(text))
		if len(got) != len(want) {
			t.Errorf("Sentences(%q) = %v, rune path %v", text, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("Sentences(%q) = %v, rune path %v", text, got, want)
				break
			}
		}
	}
	if got := Sentences("Café. Über alles."); len(got) != 2 || got[1] != (Span{6, 17}) {
		t.Errorf("Sentences of non-ASCII text = %v, want rune spans [{0 5} {6 17}]", got)
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
		for _, bad := range []string{"  ", "\x1f", "\x00", "é", "\xff", "\x7f", " !"} {
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
