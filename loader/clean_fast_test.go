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
