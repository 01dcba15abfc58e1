package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// dtok is one word, punctuation mark or entity of a sentence, as seen by
// the deal rules.
type dtok struct {
	// w is the lower-cased word or the punctuation mark; "" for an entity.
	w string
	// b and e are the byte offsets of the token in the document text.
	b, e int
	// ent is the index of the entity in sentence.ents, or -1.
	ent int
	// cap says the word starts with a capital letter in the text.
	cap bool
	// poss says an entity's name ends in a possessive ("Foster's").
	poss bool
}

// partyCand is a company that can be a deal party, found in a sentence.
type partyCand struct {
	// name is the canonical company name the mention stands for.
	name string
	// platform is the canonical platform name when the mention is a cloud
	// division standing in for its owner ("Google Cloud"), else "".
	platform string
}

// dsent is the tokenised form of one sentence.
type dsent struct {
	toks []dtok
	ents []partyCand
	// platforms are the canonical names of the platforms mentioned.
	platforms []string
	// b and e are the sentence's byte offsets in the document text.
	b, e int
	// names maps the lower-cased spellings of the article's companies to
	// their canonical names, to split compounds such as "Hyundai-Aptiv".
	names map[string]string
}

// splitCompound turns a hyphenated word whose parts all name companies of
// the article ("hyundai-aptiv") into entity tokens joined by "-".
func (s *dsent) splitCompound(w string, b int) bool {
	if len(s.names) == 0 || strings.IndexByte(w, '-') < 0 {
		return false
	}
	parts := strings.Split(w, "-")
	for _, p := range parts {
		if _, ok := s.names[p]; !ok {
			return false
		}
	}
	at := b
	for n, p := range parts {
		if n > 0 {
			s.toks = append(s.toks, dtok{w: "-", b: at, e: at + 1, ent: -1})
			at++
		}
		s.toks = append(s.toks, dtok{b: at, e: at + len(p), ent: s.addCand(partyCand{name: s.names[p]})})
		at += len(p)
	}
	return true
}

// isWordByte reports whether c can be part of a word token.
func isDealWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// innerJoiner reports whether text[j] is a hyphen or full stop between two
// word characters ("tie-up", "1.2") or a comma between digits ("1,000").
func innerJoin(text string, j, e int) bool {
	if j+1 >= e || !isDealWordByte(text[j+1]) {
		return false
	}
	switch text[j] {
	case '-', '.':
		return true
	case ',':
		return isDig(text[j-1]) && isDig(text[j+1])
	}
	return false
}

func isDig(c byte) bool { return c >= '0' && c <= '9' }

// lowerASCII lower-cases ASCII letters of s, leaving every other byte alone
// so that byte offsets are preserved.
func lowerASCII(s string) string {
	i := indexUpperASCII(s, 0)
	if i < 0 {
		return s
	}
	// One allocation: the builder's buffer becomes the string.
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i >= 0 {
		b.WriteByte(s[i] + 'a' - 'A')
		j := indexUpperASCII(s, i+1)
		if j < 0 {
			b.WriteString(s[i+1:])
			break
		}
		b.WriteString(s[i+1 : j])
		i = j
	}
	return b.String()
}

// indexUpperASCII returns the index of the first ASCII upper-case letter
// of s at or after from, or -1.
func indexUpperASCII(s string, from int) int {
	for i := from; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return i
		}
	}
	return -1
}

// byteMention is an entity mention with byte offsets.
type byteMent struct {
	b, e int
	m    *EntityMention
}

// tokenize splits text[b:e] into tokens; mentions (sorted by offset, byte
// offsets) become single entity tokens.
func dealTokens(text string, b, e int, ms []byteMent, s *dsent) {
	// lower is the sentence lower-cased; lower[i-b] is text[i].
	lower := lowerASCII(text[b:e])
	s.b, s.e = b, e
	mi := 0
	for mi < len(ms) && ms[mi].b < b {
		mi++
	}
	i := b
	for i < e {
		if mi < len(ms) && ms[mi].b <= i {
			m := ms[mi]
			mi++
			if m.b < i || m.e > e {
				continue
			}
			s.addMention(m)
			i = m.e
			continue
		}
		c := text[i]
		switch {
		case isDealWordByte(c):
			j := i + 1
			for j < e && (isDealWordByte(text[j]) || innerJoin(text, j, e)) {
				j++
			}
			if !s.splitCompound(lower[i-b:j-b], i) {
				s.toks = append(s.toks, dtok{w: lower[i-b : j-b], b: i, e: j, ent: -1, cap: c >= 'A' && c <= 'Z'})
			}
			i = j
		case c == '\'':
			// "Dixons' acquisition": a bare apostrophe after an s.
			if i > b && (text[i-1] == 's' || text[i-1] == 'S') && (i+1 >= e || text[i+1] == ' ') {
				s.toks = append(s.toks, dtok{w: "'s", b: i, e: i + 1, ent: -1})
				i++
				continue
			}
			if i+1 < e && (text[i+1] == 's' || text[i+1] == 'S') && (i+2 >= e || !isDealWordByte(text[i+2])) {
				s.toks = append(s.toks, dtok{w: "'s", b: i, e: i + 2, ent: -1})
				i += 2
				continue
			}
			if i+1 < e && (text[i+1] == 't') {
				s.toks = append(s.toks, dtok{w: "n't", b: i, e: i + 2, ent: -1})
				i += 2
				continue
			}
			s.toks = append(s.toks, dtok{w: "\"", b: i, e: i + 1, ent: -1})
			i++
		case c == '<':
			// Reuters ticker markup such as <DAL.N> is not a word.
			j := strings.IndexByte(text[i:min(e, i+16)], '>')
			if j > 0 && !strings.ContainsAny(text[i:i+j], " \n") && (mi >= len(ms) || ms[mi].b > i+j) {
				i += j + 1
				continue
			}
			i++
		case c < utf8.RuneSelf:
			switch c {
			case ',', ';', ':', '(', ')', '"', '$', '%', '&', '/', '?', '!':
				s.toks = append(s.toks, dtok{w: text[i : i+1], b: i, e: i + 1, ent: -1})
			case '-':
				if i+1 < e && text[i+1] == '-' {
					s.toks = append(s.toks, dtok{w: "-", b: i, e: i + 2, ent: -1})
					i += 2
					continue
				}
				s.toks = append(s.toks, dtok{w: "-", b: i, e: i + 1, ent: -1})
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			switch r {
			case '’':
				if i+size < e && (text[i+size] == 's' || text[i+size] == 'S') && (i+size+1 >= e || !isDealWordByte(text[i+size+1])) {
					s.toks = append(s.toks, dtok{w: "'s", b: i, e: i + size + 1, ent: -1})
					i += size + 1
					continue
				}
				if i+size < e && text[i+size] == 't' {
					s.toks = append(s.toks, dtok{w: "n't", b: i, e: i + size + 1, ent: -1})
					i += size + 1
					continue
				}
				s.toks = append(s.toks, dtok{w: "\"", b: i, e: i + size, ent: -1})
			case '‘', '“', '”', '«', '»':
				s.toks = append(s.toks, dtok{w: "\"", b: i, e: i + size, ent: -1})
			case '–', '—':
				s.toks = append(s.toks, dtok{w: "-", b: i, e: i + size, ent: -1})
			case '£', '€', '¥':
				s.toks = append(s.toks, dtok{w: string(r), b: i, e: i + size, ent: -1})
			default:
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					j := i + size
					for j < e {
						r2, n := utf8.DecodeRuneInString(text[j:])
						if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
							break
						}
						j += n
					}
					s.toks = append(s.toks, dtok{w: lower[i-b : j-b], b: i, e: j, ent: -1})
					i = j
					continue
				}
			}
			i += size
		}
	}
}

// addMention appends an entity token for m, or records a platform.
func (s *dsent) addMention(m byteMent) {
	em := m.m
	switch {
	case em.Kind == partnergraph.MentionCompany:
		s.toks = append(s.toks, dtok{b: m.b, e: m.e, ent: s.addCand(partyCand{name: em.Name}),
			poss: strings.HasSuffix(em.Surface, "'s") || strings.HasSuffix(em.Surface, "’s")})
	default:
		s.platforms = appendUnique(s.platforms, em.Name)
		if em.PlatformKind == partnergraph.PlatformCloud && isDivisionName(em.Name) {
			owner := em.Owner
			if owner == "" {
				owner = em.Name
			}
			s.toks = append(s.toks, dtok{b: m.b, e: m.e, ent: s.addCand(partyCand{name: owner, platform: em.Name})})
			return
		}
		// Any other platform is an ordinary noun for the deal rules; a
		// cloud keeps its name for the rule of clouds chosen ("moved to
		// AWS").
		w := "platform:"
		if em.PlatformKind == partnergraph.PlatformCloud {
			w = "cloud:" + em.Name
		}
		s.toks = append(s.toks, dtok{w: w, b: m.b, e: m.e, ent: -1})
	}
}

// isDivisionName reports whether a cloud platform's name reads like the name
// of a business unit ("Google Cloud", "Amazon Web Services") rather than a
// product ("Azure"), so that it can stand in for its owner as a deal party.
func isDivisionName(name string) bool {
	l := lowerASCII(name)
	return hasWord(l, "cloud") || hasWord(l, "services")
}

func hasWord(l, w string) bool {
	for i := 0; i+len(w) <= len(l); i++ {
		if l[i:i+len(w)] == w && (i == 0 || l[i-1] == ' ') && (i+len(w) == len(l) || l[i+len(w)] == ' ') {
			return true
		}
	}
	return false
}

func (s *dsent) addCand(c partyCand) int {
	for i, x := range s.ents {
		if x.name == c.name {
			if x.platform == "" && c.platform != "" {
				s.ents[i].platform = c.platform
			}
			return i
		}
	}
	s.ents = append(s.ents, c)
	return len(s.ents) - 1
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
