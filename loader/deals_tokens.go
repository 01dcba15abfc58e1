package loader

import (
	"strings"
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
	// poss says an entity's name ends in a possessive ("Carrow's").
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
	// text is the document text.
	text string
	// si is the index of the sentence in the text layer.
	si int
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

// equalLowerASCII reports whether lowerASCII(s) == lw, without making
// the lower-case copy.
func equalLowerASCII(s, lw string) bool {
	if len(s) != len(lw) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lw[i] {
			return false
		}
	}
	return true
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

// dealTokens fills s with the deal rules' view of sentence si of the
// text layer tx: words lower-cased
// (with a final period of "U.S." dropped), entity mentions (sorted, byte
// offsets) as single entity tokens, and the punctuation the rules read:
// , ; : ( ) " $ % & / ? ! £ € ¥ and dashes, with every quote mark as '"'
// and "n't" as one token. Full stops and Reuters ticker markup such as
// "<DAL.N>" are left out.
func dealTokens(tx *Text, si int, ms []byteMent, s *dsent) {
	text, toks := tx.Src, tx.toks
	s.text, s.si = text, si
	s.b, s.e = tx.Sents[si].Start, tx.Sents[si].End
	i, j := tx.sentTokens(si)
	lower := tx.lowered()[s.b:s.e] // lower[x-s.b] is text[x] lower-cased
	mi := 0
	for k := i; k < j; k++ {
		t := toks[k]
		for mi < len(ms) && ms[mi].e <= t.s {
			mi++
		}
		if t.kind == tokWord && mi < len(ms) && ms[mi].b < t.e && (ms[mi].b > t.s || ms[mi].e < t.e) {
			// A mention inside a hyphenated word ("Norland-Pacifica").
			mi = s.wordParts(text, t, ms, mi)
			continue
		}
		if mi < len(ms) && ms[mi].b <= t.s {
			m := ms[mi]
			mi++
			if m.b == t.s && m.e <= toks[j-1].e {
				s.addMention(m)
				for k+1 < j && toks[k+1].s < m.e {
					k++
				}
				continue
			}
		}
		switch t.kind {
		case tokWord:
			w := lower[t.s-s.b : t.e-s.b]
			if n := len(w); n > 2 && w[n-1] == '.' {
				w = w[:n-1] // "u.s." reads as "u.s"
			}
			if !s.splitCompound(w, t.s) {
				s.toks = append(s.toks, dtok{w: w, b: t.s, e: t.e, ent: -1, cap: isUpperASCII(text[t.s])})
			}
		case tokPoss:
			s.toks = append(s.toks, dtok{w: "'s", b: t.s, e: t.e, ent: -1})
		default:
			c := text[t.s]
			switch c {
			case ',', ';', ':', '(', ')', '"', '$', '%', '&', '/', '?', '!':
				s.toks = append(s.toks, dtok{w: text[t.s:t.e], b: t.s, e: t.e, ent: -1})
			case '\'':
				// "don't": the apostrophe and the t are one token; so are
				// a possessive written apart ("Nvidia 's").
				if k+1 < j && toks[k+1].s == t.e {
					switch text[toks[k+1].s:toks[k+1].e] {
					case "t":
						s.toks = append(s.toks, dtok{w: "n't", b: t.s, e: toks[k+1].e, ent: -1})
						k++
						continue
					case "s", "S":
						s.toks = append(s.toks, dtok{w: "'s", b: t.s, e: toks[k+1].e, ent: -1})
						k++
						continue
					}
				}
				s.toks = append(s.toks, dtok{w: "\"", b: t.s, e: t.e, ent: -1})
			case '-':
				e := t.e
				if k+1 < j && toks[k+1].s == t.e && text[toks[k+1].s] == '-' {
					e = toks[k+1].e // "--" is one dash
					k++
				}
				s.toks = append(s.toks, dtok{w: "-", b: t.s, e: e, ent: -1})
			case '<':
				// Reuters ticker markup such as <DAL.N> is not a word.
				if end := tickerEnd(text, toks, k, j); end > k && (mi >= len(ms) || ms[mi].b > toks[end].s) {
					k = end
				}
			default:
				if c < utf8.RuneSelf {
					continue
				}
				switch r, _ := utf8.DecodeRuneInString(text[t.s:]); r {
				case '–', '—':
					s.toks = append(s.toks, dtok{w: "-", b: t.s, e: t.e, ent: -1})
				case '£', '€', '¥':
					s.toks = append(s.toks, dtok{w: string(r), b: t.s, e: t.e, ent: -1})
				}
			}
		}
	}
}

// wordParts reads the hyphen-separated parts of word token t, of which
// ms[mi] and maybe later mentions cover some, as words, dashes and entity
// tokens; it returns the index of the first mention after t.
func (s *dsent) wordParts(text string, t token, ms []byteMent, mi int) int {
	for b := t.s; b < t.e; {
		if b > t.s {
			s.toks = append(s.toks, dtok{w: "-", b: b - 1, e: b, ent: -1})
		}
		e := b + strings.IndexByte(text[b:t.e]+"-", '-')
		if mi < len(ms) && ms[mi].b == b && ms[mi].e <= t.e {
			s.addMention(ms[mi])
			e = ms[mi].e
			mi++
		} else {
			s.toks = append(s.toks, dtok{w: lowerASCII(text[b:e]), b: b, e: e, ent: -1, cap: isUpperASCII(text[b])})
		}
		for mi < len(ms) && ms[mi].b < e {
			mi++ // a mention that does not start on a part is dropped
		}
		b = e + 1
	}
	return mi
}

// tickerEnd returns the index of the '>' closing Reuters ticker markup
// opened by the '<' at toks[k] ("<DAL.N>": no space inside, at most 16
// bytes), or k when there is none before toks[j].
func tickerEnd(text string, toks []token, k, j int) int {
	for x := k + 1; x < j && toks[x].s < toks[k].s+16; x++ {
		if toks[x].s != toks[x-1].e {
			return k // a space: not a ticker
		}
		if text[toks[x].s] == '>' {
			return x
		}
	}
	return k
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
			ent := s.addCand(partyCand{name: owner, platform: em.Name})
			// "Zyxo Web Services" read as the owner's name and the
			// rest of the division's: one party, one token.
			if n := len(s.toks); n > 0 && s.toks[n-1].ent == ent && strings.TrimSpace(s.text[s.toks[n-1].e:m.b]) == "" {
				s.toks[n-1].e = m.e
				return
			}
			s.toks = append(s.toks, dtok{b: m.b, e: m.e, ent: ent})
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
