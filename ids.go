package partnergraph

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"
)

// foldAccents maps accented Latin letters to their plain ASCII form.
var foldAccents = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE", 'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D"}
	groups := map[string]string{
		"a": "àáâãäåāăą", "A": "ÀÁÂÃÄÅĀĂĄ", "c": "çćĉċč", "C": "ÇĆĈĊČ",
		"e": "èéêëēĕėęě", "E": "ÈÉÊËĒĔĖĘĚ", "i": "ìíîïĩīĭįı", "I": "ÌÍÎÏĨĪĬĮİ",
		"n": "ñńņňŉ", "N": "ÑŃŅŇ", "o": "òóôõöōŏő", "O": "ÒÓÔÕÖŌŎŐ",
		"u": "ùúûüũūŭůűų", "U": "ÙÚÛÜŨŪŬŮŰŲ", "y": "ýÿŷ", "Y": "ÝŸŶ",
		"s": "śŝşš", "S": "ŚŜŞŠ", "z": "źżž", "Z": "ŹŻŽ", "g": "ĝğġģ", "G": "ĜĞĠĢ",
		"r": "ŕŗř", "R": "ŔŖŘ", "t": "ţťŧ", "T": "ŢŤŦ", "l": "ĺļľŀ", "L": "ĹĻĽĿ",
	}
	for plain, accented := range groups {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()

// Slug turns a name into a lower-case ASCII identifier: letters and digits are
// kept (accents removed), every other run of characters becomes one hyphen.
// Slug("SEGA Sammy Holdings") is "sega-sammy-holdings".
func Slug(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	dash := false
	letter := func(s string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(s)
	}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(byte(r))
		case r >= 'A' && r <= 'Z':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(byte(r) + 'a' - 'A')
		case r == '&':
			if b.Len() > 0 {
				b.WriteString("-and")
			}
			dash = true
		case r < utf8.RuneSelf:
			dash = true
		default:
			if plain, ok := foldAccents[r]; ok {
				letter(strings.ToLower(plain))
			} else {
				dash = true
			}
		}
	}
	return b.String()
}

// CompanyID returns the ID of the company with the given canonical name.
func CompanyID(name string) string { return Slug(name) }

// PlatformID returns the ID of the platform with the given canonical name.
func PlatformID(name string) string { return "p:" + Slug(name) }

// ArticleID returns the store ID of the article whose source ID (a JSONL id,
// a file name without extension, or a URL) is sourceID.
func ArticleID(sourceID string) string { return "a:" + sourceID }

// DealID returns the ID of the deal of type t between parties: a hash of the
// type and the sorted role=company pairs, so it does not depend on party
// order, year, status or which article reported the deal.
func DealID(t DealType, parties []Party) string {
	keys := make([]string, len(parties))
	for i, p := range parties {
		keys[i] = string(p.Role) + "=" + p.CompanyID
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	sum := sha256.Sum256([]byte(string(t) + "|" + strings.Join(keys, ",")))
	return "d:" + hex.EncodeToString(sum[:8])
}
