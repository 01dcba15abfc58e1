package loader

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// EntityMention is one mention of a company or platform in a Document.
type EntityMention struct {
	// Kind says whether a company or a platform is mentioned.
	Kind partnergraph.MentionKind
	// Name is the canonical name: the gazetteer's name for a known entity,
	// else the fullest form the article writes ("Outboard Marine Corp" for
	// a later "Outboard").
	Name string
	// Surface is the text as written.
	Surface string
	// Start and End are rune offsets of Surface in Document.Text.
	Start, End int
	// Owner is a platform's owning company (canonical name), or "".
	Owner string
	// PlatformKind is a platform's kind, or "" for a company.
	PlatformKind partnergraph.PlatformKind
	// Source says which rule found the mention: "gazetteer", "markup"
	// (Reuters <Name Inc>), "suffix" (a legal suffix such as Inc or Plc),
	// "pattern" (a context such as "shares of X") or "alias" (a short form
	// of a name found earlier in the article).
	Source string
	// Confidence is the recognizer's belief that the mention is right.
	Confidence float64
}

// EntityRecognizer finds company and platform mentions in documents. It is
// safe for concurrent use.
type EntityRecognizer struct {
	g    *Gazetteer
	root *trieNode
}

// trieNode is a node of the gazetteer's token trie, keyed by lower-case
// tokens.
type trieNode struct {
	next map[string]*trieNode
	refs []aliasRef
}

// aliasRef is one gazetteer name ending at a trie node.
type aliasRef struct {
	platform  bool
	idx       int
	toks      []string // the alias's tokens as spelled in the gazetteer
	ambiguous bool
}

// NewEntityRecognizer returns a recognizer for the companies and platforms
// of g.
func NewEntityRecognizer(g *Gazetteer) *EntityRecognizer {
	r := &EntityRecognizer{g: g, root: &trieNode{}}
	var buf []token
	add := func(name string, ref aliasRef) {
		buf = tokenize(name, buf)
		if len(buf) == 0 {
			return
		}
		n := r.root
		ref.toks = make([]string, len(buf))
		for i, t := range buf {
			ref.toks[i] = name[t.s:t.e]
			key := strings.ToLower(ref.toks[i])
			if n.next == nil {
				n.next = map[string]*trieNode{}
			}
			c, ok := n.next[key]
			if !ok {
				c = &trieNode{}
				n.next[key] = c
			}
			n = c
		}
		for _, old := range n.refs {
			if old.platform == ref.platform && old.idx == ref.idx && slices.Equal(old.toks, ref.toks) {
				return
			}
		}
		n.refs = append(n.refs, ref)
	}
	for i, c := range g.companies {
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			add(a, aliasRef{idx: i, ambiguous: c.Ambiguous || isCommonWordName(a)})
		}
	}
	for i, p := range g.platforms {
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			add(a, aliasRef{platform: true, idx: i, ambiguous: p.Ambiguous || isCommonWordName(a)})
		}
	}
	return r
}

// isCommonWordName reports whether a one-word name is also an ordinary
// capitalised word at the start of a sentence.
func isCommonWordName(name string) bool {
	return !strings.ContainsAny(name, " ") && commonCapWords[name]
}

// commonCapWords are one-word names that are also everyday words.
var commonCapWords = map[string]bool{
	"Target": true, "Shell": true, "Orange": true, "Sharp": true, "Delta": true, "Visa": true,
	"Total": true, "Apple": false, "Box": true, "Zoom": true, "Slack": true, "Snap": true,
	"Switch": true, "Steam": true, "Cell": true, "Galaxy": true, "Windows": true, "Chrome": true,
	"Messenger": true, "Luna": true, "Claude": true, "Gemini": true, "Bard": true, "Unity": true,
	"King": true, "Sprint": true, "Fox": true, "Sky": true, "Virgin": true, "Palm": true,
	"Canon": true, "Cruise": true, "Discord": true, "Vivo": true, "Meta": true, "Arm": true,
	"Mac": true, "Alexa": true, "Sears": true, "Lilly": true, "Abbott": true, "Mobil": true,
}

// candidate is a mention found by one rule, by token index range.
type candidate struct {
	ti, tj   int // tokens [ti, tj)
	s, e     int // bytes
	kind     partnergraph.MentionKind
	name     string
	owner    string
	pkind    partnergraph.PlatformKind
	source   string
	conf     float64
	priority int
}

// Find returns the company and platform mentions of doc sorted by Start,
// without overlaps (the leftmost, then the longest, wins).
//
// Rules, in order of trust: Reuters markup "<Name Inc>" (a ticker such as
// "<MSFT>" or "<KLM.AS>" is never a company); the gazetteer, matched on
// whole words with case checks (a known name that is also an everyday
// word, such as "Target", counts at the start of a sentence only when the
// article names it elsewhere; a known name right after a given name, as in
// "Michael Dell", is a person); capitalised names ending in a legal suffix
// (Inc, Corp, Co, Ltd, Plc, AG, SA, NV, GmbH, LLC, Group, Holdings, …);
// names in company contexts ("shares of X", "X, a Tokyo-based maker of",
// "X said it", "acquire X"); and last the short forms of names found so
// far ("Outboard" after "Outboard Marine Corp"), unless two names share a
// short form. All-capitals lines (wire headlines) yield only exact
// gazetteer spellings.
func (r *EntityRecognizer) Find(doc Document) []EntityMention {
	text := doc.Text
	toks := tokenize(text, make([]token, 0, len(text)/5+8))
	blocked := markupBlocks(text, toks)
	var cands []candidate
	cands = r.markupCandidates(text, toks, cands)
	cands = r.gazetteerCandidates(text, toks, blocked, cands)
	cands = r.suffixCandidates(text, toks, blocked, cands)
	cands = r.patternCandidates(text, toks, blocked, cands)
	picked := pick(cands)
	picked = r.propagate(text, toks, blocked, picked)
	return toMentions(text, picked)
}

// pick keeps the leftmost-longest non-overlapping candidates; on equal
// spans the higher priority wins.
func pick(cands []candidate) []candidate {
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.ti, b.ti), cmp.Compare(b.tj, a.tj), cmp.Compare(b.priority, a.priority))
	})
	var out []candidate
	end := -1
	for _, c := range cands {
		if c.ti < end {
			continue
		}
		out = append(out, c)
		end = c.tj
	}
	return out
}

// toMentions converts byte offsets to rune offsets.
func toMentions(text string, cs []candidate) []EntityMention {
	out := make([]EntityMention, 0, len(cs))
	bytePos, runePos := 0, 0
	runeAt := func(b int) int {
		runePos += utf8.RuneCountInString(text[bytePos:b])
		bytePos = b
		return runePos
	}
	for _, c := range cs {
		s := runeAt(c.s)
		e := runeAt(c.e)
		out = append(out, EntityMention{
			Kind: c.kind, Name: c.name, Surface: text[c.s:c.e], Start: s, End: e,
			Owner: c.owner, PlatformKind: c.pkind, Source: c.source, Confidence: c.conf,
		})
	}
	return out
}

// markupBlocks marks the tokens inside Reuters angle-bracket markup: a
// ticker such as <KLM.AS> must yield nothing, and a name such as
// <IML Air Services Group Ltd> is taken whole by markupCandidates.
func markupBlocks(text string, toks []token) []bool {
	var blocked []bool
	for i, t := range toks {
		if t.kind != tokPunct || text[t.s] != '<' {
			continue
		}
		for j := i + 1; j < len(toks) && j < i+14; j++ {
			if toks[j].nlBefore && j > i+1 && text[toks[j-1].s] != '<' {
				// names may wrap onto the next line; keep going
			}
			if toks[j].kind == tokPunct && text[toks[j].s] == '>' {
				if blocked == nil {
					blocked = make([]bool, len(toks))
				}
				for k := i; k <= j; k++ {
					blocked[k] = true
				}
				break
			}
			if toks[j].kind == tokPunct && text[toks[j].s] == '<' {
				break
			}
		}
	}
	return blocked
}

func isBlocked(blocked []bool, i int) bool { return blocked != nil && blocked[i] }

// markupCandidates finds Reuters-style <Name Inc> company markup.
func (r *EntityRecognizer) markupCandidates(text string, toks []token, out []candidate) []candidate {
	for i, t := range toks {
		if t.kind != tokPunct || text[t.s] != '<' {
			continue
		}
		j := i + 1
		for j < len(toks) && j < i+14 && !(toks[j].kind == tokPunct && (text[toks[j].s] == '>' || text[toks[j].s] == '<')) {
			j++
		}
		if j >= len(toks) || text[toks[j].s] != '>' || j == i+1 {
			continue
		}
		inner := toks[i+1 : j]
		if isTicker(text, inner) {
			continue
		}
		name := normalizeLine(strings.ReplaceAll(text[inner[0].s:inner[len(inner)-1].e], "\n", " "))
		c := candidate{ti: i + 1, tj: j, s: inner[0].s, e: inner[len(inner)-1].e, kind: partnergraph.MentionCompany,
			name: name, source: "markup", conf: 0.95, priority: 5}
		if canon, ok := r.knownCompany(text, inner); ok {
			c.name = canon
		}
		out = append(out, c)
	}
	return out
}

// isTicker reports whether the tokens inside <…> are a stock symbol
// (upper-case letters and dots, one word) rather than a name.
func isTicker(text string, inner []token) bool {
	words := 0
	for _, t := range inner {
		if t.kind == tokWord {
			words++
			if !t.upper && t.hasLetter {
				return false
			}
		}
	}
	return !strings.ContainsAny(text[inner[0].s:inner[len(inner)-1].e], " \n")
}

// knownCompany returns the gazetteer's canonical name when the tokens,
// without a trailing legal suffix, spell a known company.
func (r *EntityRecognizer) knownCompany(text string, ts []token) (string, bool) {
	for len(ts) > 1 && legalSuffix[text[ts[len(ts)-1].s:ts[len(ts)-1].e]] && !weakSuffix[text[ts[len(ts)-1].s:ts[len(ts)-1].e]] {
		ts = ts[:len(ts)-1]
	}
	n := r.root
	var key []byte
	for _, t := range ts {
		key = appendLower(key[:0], text[t.s:t.e])
		c, ok := n.next[string(key)]
		if !ok {
			return "", false
		}
		n = c
	}
	for _, ref := range n.refs {
		if !ref.platform {
			return r.g.companies[ref.idx].Name, true
		}
	}
	return "", false
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, toLowerRune(r))
		i += w
	}
	return dst
}

// Entities aggregates the mentions of one document into its companies and
// platforms, in order of first mention. A company's or platform's Name is
// the mentions' canonical name and its Aliases the other spellings the
// document uses. Following the corpus conventions, a cloud division named
// after its owner ("Google Cloud", "Amazon Web Services") is also an
// alias of the owner when the owner is mentioned, and is a company of its
// own when it is not.
func Entities(ms []EntityMention) ([]partnergraph.Company, []partnergraph.Platform) {
	var companies []partnergraph.Company
	var platforms []partnergraph.Platform
	ci := map[string]int{}
	pi := map[string]int{}
	addCompany := func(name, surface string) {
		i, ok := ci[name]
		if !ok {
			i = len(companies)
			ci[name] = i
			companies = append(companies, partnergraph.Company{ID: partnergraph.CompanyID(name), Name: name})
		}
		if surface != name && !slices.Contains(companies[i].Aliases, surface) {
			companies[i].Aliases = append(companies[i].Aliases, surface)
		}
	}
	for _, m := range ms {
		if m.Kind == partnergraph.MentionCompany {
			addCompany(m.Name, m.Surface)
		}
	}
	for _, m := range ms {
		if m.Kind != partnergraph.MentionPlatform {
			continue
		}
		i, ok := pi[m.Name]
		if !ok {
			i = len(platforms)
			pi[m.Name] = i
			p := partnergraph.Platform{ID: partnergraph.PlatformID(m.Name), Name: m.Name, Kind: m.PlatformKind}
			if m.Owner != "" {
				p.OwnerID = partnergraph.CompanyID(m.Owner)
			}
			platforms = append(platforms, p)
		}
		if m.Surface != m.Name && !slices.Contains(platforms[i].Aliases, m.Surface) {
			platforms[i].Aliases = append(platforms[i].Aliases, m.Surface)
		}
		if m.PlatformKind == partnergraph.PlatformCloud && m.Owner != "" && strings.HasPrefix(m.Surface, m.Owner+" ") {
			if _, ok := ci[m.Owner]; ok {
				addCompany(m.Owner, m.Surface)
			} else {
				addCompany(m.Surface, m.Surface)
			}
		}
	}
	return companies, platforms
}
