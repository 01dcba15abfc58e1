package loader

import (
	"cmp"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// EntityMention is one mention of a company or platform in a Document.
type EntityMention struct {
	// Kind says whether a company or a platform is mentioned.
	Kind partnergraph.MentionKind
	// Name is the canonical name: the gazetteer's name for a known entity,
	// else the fullest form the article writes ("Harbor Marine Corp" for
	// a later "Harbor").
	Name string
	// Surface is the text as written.
	Surface string
	// Start and End are the byte offsets of Surface in Document.Text.
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
	// lex maps exact spellings to their word classes, so that each word
	// of a text is looked up once.
	lex map[string]lexEntry
	// tokens recycles scratch buffers between calls of Find.
	tokens sync.Pool
	// lexBits is a bit set of lexHash of every spelling in lex: other
	// words skip the map lookup.
	lexBits *[lexBitsLen / 64]uint64
	// lexTable is lex for rulePicks.
	lexTable wordTable[lexEntry]
	// tagger is the learned recogniser, or nil for the rules alone.
	tagger *Tagger
	// words is the lexicon the tagger reads; nil means DefaultLexicon.
	words *Lexicon
}

// lexBitsLen is the size of EntityRecognizer.lexBits in bits.
const lexBitsLen = 1 << 18

// lexHash hashes a word's length and its first, second, middle,
// second-to-last and last bytes into [0, lexBitsLen).
func lexHash(w string) uint32 {
	n := len(w)
	h := uint64(w[0]) | uint64(w[min(1, n-1)])<<8 | uint64(w[n-1])<<16 | uint64(n&0xff)<<24 |
		uint64(w[n/2])<<32 | uint64(w[max(n-2, 0)])<<40
	return uint32((h * 0x9E3779B97F4A7C15) >> (64 - 18))
}

// lexEntry is what the recognizer knows about one exact spelling.
type lexEntry struct {
	flags lexFlag
	// first is the gazetteer trie node of names starting with the word,
	// or nil.
	first *trieNode
}

// lexFlag is a set of word classes.
type lexFlag uint16

const (
	fSuffix      lexFlag = 1 << iota // a legal suffix: Inc, Corp, Plc
	fTrigger                         // may start a context pattern
	fPersonName                      // a given name
	fPersonTitle                     // Mr, Dr, President
	fPersonRole                      // chief, analyst, CEO
	fNoun                            // a company noun, singular or plural
	fPlural                          // a plural company noun
	fDeal                            // a deal word: acquire, stake, partnership
)

// buildLex fills r.lex from the word lists.
func (r *EntityRecognizer) buildLex() {
	r.lex = map[string]lexEntry{}
	set := func(f lexFlag, words ...string) {
		for _, w := range words {
			e := r.lex[w]
			e.flags |= f
			r.lex[w] = e
		}
	}
	for w, ok := range legalSuffix {
		if ok {
			set(fSuffix, w)
		}
	}
	title := func(w string) string {
		if w == "" {
			return w
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	for w := range patternTriggers {
		set(fTrigger, w, title(w), strings.ToUpper(w))
	}
	for _, x := range []struct {
		f   lexFlag
		set map[string]bool
	}{{fNoun, companyNouns}, {fNoun | fPlural, pluralCompanyNouns}, {fDeal, dealWords}} {
		for w, ok := range x.set {
			if ok {
				set(x.f, w, title(w), strings.ToUpper(w))
			}
		}
	}
	for w := range designators {
		set(fTrigger, w)
	}
	for w := range foreignDesignators {
		set(fTrigger, w)
	}
	for w := range r.g.personNames {
		set(fPersonName, w)
	}
	for w := range personTitles {
		set(fPersonTitle, w, w+".")
	}
	for w, ok := range personRoles {
		if ok {
			set(fPersonRole, w, strings.ToUpper(w))
		}
	}
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
	r.buildLex()
	spellings := map[string][]string{} // first trie key → spellings seen
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
			if i == 0 {
				k := strings.ToLower(ref.toks[0])
				spellings[k] = append(spellings[k], ref.toks[0])
			}
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
			add(a, aliasRef{idx: i, ambiguous: c.Ambiguous || isCommonWordName(g, a)})
		}
	}
	for i, p := range g.platforms {
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			add(a, aliasRef{platform: true, idx: i, ambiguous: p.Ambiguous || isCommonWordName(g, a)})
		}
	}
	// Each word that starts a gazetteer name, in lower, title and upper
	// case and as the gazetteer spells it, leads straight to its trie node.
	for k, node := range r.root.next {
		vars := append(spellings[k], k, strings.ToUpper(k))
		if rs := []rune(k); len(rs) > 0 {
			vars = append(vars, string(unicode.ToUpper(rs[0]))+string(rs[1:]))
		}
		for _, v := range vars {
			e := r.lex[v]
			e.first = node
			r.lex[v] = e
		}
	}
	r.lexBits = new([lexBitsLen / 64]uint64)
	for w := range r.lex {
		if w != "" {
			h := lexHash(w)
			r.lexBits[h>>6] |= 1 << (h & 63)
		}
	}
	r.lexTable = newWordTable(r.lex)
	return r
}

// brandPeople are nouns that, after a platform's name, make it the name of
// a team, business or public rather than the platform.
var brandPeople = map[string]bool{
	"team": true, "teams": true, "audience": true, "audiences": true, "fans": true, "fan": true,
	"players": true, "gamers": true, "community": true, "brand": true, "division": true,
	"business": true, "unit": true, "boss": true, "chief": true, "head": true, "executive": true,
	"executives": true, "owners": true, "users": true, "exclusives": true, "exclusive": true,
	"fanbase": true, "faithful": true, "group": true, "organization": true, "organisation": true,
}

// isCommonWordName reports whether a one-word name is also an ordinary
// word or a given name, so that at the start of a sentence it may be
// either: the lexicon writes it in lower case at least as often as
// capitalised ("Target", "Total"), or it is a listed given name. Names
// written in capitals or with inner capitals ("UPS", "eBay") are never
// ordinary words.
func isCommonWordName(g *Gazetteer, name string) bool {
	if strings.ContainsAny(name, " ") || name == "" {
		return false
	}
	t := classify(name)
	if t.upper || !t.cap && t.hasUpper {
		return false
	}
	if t.cap {
		for _, r := range name[1:] {
			if unicode.IsUpper(r) {
				return false
			}
		}
	}
	return g.personNames[name] || DefaultLexicon().Everyday(name)
}

// scratch holds the buffers one call of Find reuses.
type scratch struct {
	cands []candidate
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
// "X said it", "acquire X", "carrier X", "X CEO Jane Doe", "Kingfisher
// Airlines"), never people, places, public bodies or a lone everyday word;
// and last the short forms of names found so far ("Harbor" after
// "Harbor Marine Corp"), unless two names share a short form.
// All-capitals lines (wire headlines) yield only exact gazetteer
// spellings. A platform written with its owner's name ("Google
// Assistant") yields the owner as a company and the rest as the platform;
// a platform's name followed by "team", "fans" and the like, or inside a
// longer name ("PlayStation Studios"), is no platform mention.
//
// Every mention lies in Document.Text, which Clean has already rid of
// page boilerplate, so all of them belong to the story.
func (r *EntityRecognizer) Find(doc Document) []EntityMention {
	tx := NewText(doc.Text)
	tx.Title = doc.Article.Title
	return r.FindIn(tx)
}

// FindIn is Find on an article's text layer; it fills in the gazetteer
// classes of the layer's tokens. With a tagger (see WithTagger), the
// names it finds where no rule found one are added, and the short forms
// of every name are then looked for again.
func (r *EntityRecognizer) FindIn(tx *Text) []EntityMention {
	picked, blocked, ps := r.rulePicks(tx)
	if r.tagger != nil {
		var add []candidate
		m := 0 // picked are in reading order, and so are the tagger's names
		for _, c := range r.tagger.tag(tx, r.lexicon(), r.g, picked) {
			for m < len(picked) && picked[m].tj <= c.ti {
				m++
			}
			if !overlapsAny(c, picked[m:]) && !isBlocked(blocked, c.ti) {
				// A person the rules found ("Financier Carl Lindgren")
				// is no company however the tagger reads a later one-word
				// "Lindgren said" (a name of several words, "Louis
				// Vuitton", may be a firm named after a person).
				if w := tx.Src[tx.toks[c.ti].s:tx.toks[c.ti].e]; c.tj-c.ti == 1 && ps.surnames[w] && !designators[w] {
					continue
				}
				c.name = joinTokens(tx.Src, tx.toks[c.ti:c.tj])
				// The gazetteer's words that are never a company alone
				// ("R&D", "GPUs") stay so however the tagger reads them.
				if r.g.IsNonCompany(c.name) {
					continue
				}
				c.priority = -1
				add = append(add, c)
			}
		}
		if len(add) > 0 {
			picked = r.propagate(tx.Src, tx.toks, blocked, pick(append(picked, add...)))
		}
	}
	picked = r.spelledAcronyms(tx.Src, tx.toks, picked)
	picked = r.listCompanies(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.raiserNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.ownUnitNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.whichActors(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.soldNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.basedNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.appositiveNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.titledNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.firmNames(tx.Src, tx.toks, blocked, ps, picked)
	picked = r.headlineNames(tx, blocked, ps, picked)
	picked = r.lateNames(tx, blocked, picked)
	trimDescriptions(tx.Src, tx.toks, picked)
	r.trimPlaces(tx.Src, tx.toks, picked)
	bracketShortForms(tx.Src, tx.toks, picked)
	r.titleFullNames(tx, picked)
	trimSums(tx.Src, tx.toks, picked)
	picked = r.designatorNames(tx.Src, tx.toks, picked)
	r.unitNames(tx.Src, tx.toks, picked)
	picked = r.andJoinedNames(tx.Src, tx.toks, picked)
	picked = r.dropLateNonCompanies(tx.Src, picked)
	return toMentions(tx.Src, picked)
}

// overlapsAny reports whether c shares a token with one of cs, which are
// in reading order and do not overlap (so their ends are in order too):
// the first of cs ending after c starts is the only one to check, found
// by binary search, so that a pass asking for every token of a long
// article stays linear in it.
func overlapsAny(c candidate, cs []candidate) bool {
	k := sort.Search(len(cs), func(i int) bool { return cs[i].tj > c.ti })
	return k < len(cs) && cs[k].ti < c.tj
}

// rulePicks runs the hand-written recognition rules over tx: it returns
// the mentions they pick and the tokens inside Reuters markup.
func (r *EntityRecognizer) rulePicks(tx *Text) ([]candidate, []bool, persons) {
	text, toks := tx.Src, tx.toks
	sc, _ := r.tokens.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer r.tokens.Put(sc)
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		w := text[t.s:t.e]
		h := lexHash(w)
		if r.lexBits[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		e, ok := r.lexTable.get(w)
		if !ok {
			e = r.lex[w]
		}
		t.lex, t.first = e.flags, e.first
	}
	blocked := markupBlocks(text, toks)
	cands := sc.cands[:0]
	defer func() { sc.cands = cands[:0] }()
	cands = r.markupCandidates(text, toks, cands)
	cands = r.gazetteerCandidates(text, toks, blocked, cands)
	cands = r.suffixCandidates(text, toks, blocked, cands)
	ps := r.findPersons(text, toks)
	cands = r.patternCandidates(text, toks, blocked, ps, cands)
	if tx.shouted {
		cands = r.shoutCandidates(text, toks, blocked, cands)
	}
	picked := pick(cands)
	picked = r.propagate(text, toks, blocked, picked)
	if len(toks) > 0 && toks[0].shout && !tx.shouted {
		picked = r.shoutAliases(text, tx.lowered(), toks, blocked, picked)
	}
	if prods := productCandidates(text, toks, blocked, picked, r.g.IsNonCompany); len(prods) > 0 {
		picked = pick(append(picked, prods...))
	}
	return picked, blocked, ps
}

// productCandidates finds named products that the gazetteer does not
// know: a capitalised name right before "platform", "software", "app" or
// "service" (what a named product is) after "the", a possessive or "makers of the" ("makers of the
// Quillwrite software", "the latter's popular Pollwise platform", "The
// Zyxo Platform"). Its owner is the company of the possessive, the
// maker before "makers of", or the company the name starts with; a name
// that is already a company's, a known platform's, a word that names no
// company (the gazetteer's non-companies: "IoT") or an acronym of three
// letters or fewer ("POS") is left alone.
func productCandidates(text string, toks []token, blocked []bool, picked []candidate, common func(string) bool) []candidate {
	var out []candidate
	at := func(k int) (candidate, bool) { // the company picked over token k
		// picked are in reading order without overlaps.
		i := sort.Search(len(picked), func(i int) bool { return picked[i].tj > k })
		if i < len(picked) && picked[i].ti <= k && picked[i].kind == partnergraph.MentionCompany {
			return picked[i], true
		}
		return candidate{}, false
	}
	for i := 1; i < len(toks); i++ {
		w := text[toks[i].s:toks[i].e]
		switch w { // productNouns, without a map lookup per word
		case "platform", "software", "app", "service", "Platform":
		default:
			continue
		}
		if toks[i].nlBefore {
			continue
		}
		e := i // the name ends before the noun, or with it ("Zyxo Platform")
		if w == "Platform" {
			e = i + 1
		}
		s := nameRunLeft(text, toks, blocked, i)
		if s >= i || s == 0 || toks[s].sentStart && w != "Platform" {
			continue
		}
		before := text[toks[s-1].s:toks[s-1].e]
		owner := ""
		switch {
		case toks[s-1].kind == tokPoss:
			if c, ok := at(s - 2); ok && s >= 2 {
				owner = c.name
			}
		case strings.EqualFold(before, "the"):
			if s >= 4 && text[toks[s-2].s:toks[s-2].e] == "of" && strings.HasPrefix(text[toks[s-3].s:toks[s-3].e], "maker") {
				if c, ok := at(s - 4); ok {
					owner = c.name
				}
			}
		case isWordLike(before) && s >= 3 && toks[s-2].kind == tokPoss:
			// "the latter's popular X platform"
		default:
			continue
		}
		if c, ok := at(s); ok {
			if e == i {
				continue // "the Zyxo platform": the company's own name
			}
			owner = c.name // "The Zyxo Platform"
		}
		if owner == "" && e == i && s >= 3 && toks[s-2].kind == tokPoss {
			if c, ok := at(s - 3); ok {
				owner = c.name
			}
		}
		name := normalizeLine(text[toks[s].s:toks[e-1].e])
		if common(name) || e-s == 1 && toks[s].upper && len(name) <= 3 {
			continue // "the IoT platform", "the POS software": a kind, not a product
		}
		out = append(out, candidate{ti: s, tj: e, s: toks[s].s, e: toks[e-1].e, kind: partnergraph.MentionPlatform,
			name: name, owner: owner, pkind: partnergraph.PlatformOther, source: "pattern", conf: 0.6, priority: 1})
	}
	return out
}

// WithTagger returns a copy of r that adds the names tg finds; nil turns
// the tagger off.
func (r *EntityRecognizer) WithTagger(tg *Tagger) *EntityRecognizer {
	return &EntityRecognizer{g: r.g, root: r.root, lex: r.lex, lexBits: r.lexBits, lexTable: r.lexTable, tagger: tg, words: r.words}
}

// WithLexicon returns a copy of r whose tagger reads l instead of the
// shipped lexicon.
func (r *EntityRecognizer) WithLexicon(l *Lexicon) *EntityRecognizer {
	return &EntityRecognizer{g: r.g, root: r.root, lex: r.lex, lexBits: r.lexBits, lexTable: r.lexTable, tagger: r.tagger, words: l}
}

// lexicon returns the word lexicon the tagger reads.
func (r *EntityRecognizer) lexicon() *Lexicon {
	if r.words != nil {
		return r.words
	}
	return DefaultLexicon()
}

// pick keeps the leftmost-longest non-overlapping candidates; on equal
// spans the higher priority wins.
func pick(cands []candidate) []candidate {
	var small [64]int32 // most articles: the order on the stack
	idx := small[:0]
	if len(cands) <= len(small) {
		idx = small[:len(cands)]
	} else {
		idx = make([]int32, len(cands))
	}
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(x, y int32) int {
		a, b := &cands[x], &cands[y]
		return cmp.Or(cmp.Compare(a.ti, b.ti), cmp.Compare(b.tj, a.tj), cmp.Compare(b.priority, a.priority), cmp.Compare(x, y))
	})
	out := make([]candidate, 0, len(cands))
	end := -1
	for _, i := range idx {
		c := &cands[i]
		if c.ti < end {
			continue
		}
		out = append(out, *c)
		end = c.tj
	}
	return out
}

// toMentions turns picked candidates into mentions.
func toMentions(text string, cs []candidate) []EntityMention {
	out := make([]EntityMention, 0, len(cs))
	for _, c := range cs {
		out = append(out, EntityMention{
			Kind: c.kind, Name: c.name, Surface: text[c.s:c.e], Start: c.s, End: c.e,
			Owner: c.owner, PlatformKind: c.pkind, Source: c.source, Confidence: c.conf,
		})
	}
	return out
}

// markupBlocks marks the tokens inside Reuters angle-bracket markup: a
// ticker such as <KLM.AS> must yield nothing, and a name such as
// <Corran Air Services Group Ltd> is taken whole by markupCandidates.
func markupBlocks(text string, toks []token) []bool {
	var blocked []bool
	for i := range openAngles(text, toks) {
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

// openAngles yields, in order, the indexes of the "<" tokens of text,
// found with a byte search rather than a pass over all tokens.
func openAngles(text string, toks []token) iter.Seq[int] {
	return func(yield func(int) bool) {
		for off := 0; ; {
			k := strings.IndexByte(text[off:], '<')
			if k < 0 {
				return
			}
			pos := off + k
			off = pos + 1
			i, found := slices.BinarySearchFunc(toks, pos, func(t token, p int) int { return cmp.Compare(t.s, p) })
			if found && toks[i].kind == tokPunct && !yield(i) {
				return
			}
		}
	}
}

func isBlocked(blocked []bool, i int) bool { return blocked != nil && blocked[i] }

// markupCandidates finds Reuters-style <Name Inc> company markup.
func (r *EntityRecognizer) markupCandidates(text string, toks []token, out []candidate) []candidate {
	for i := range openAngles(text, toks) {
		j := i + 1
		for j < len(toks) && j < i+14 && !(toks[j].kind == tokPunct && (text[toks[j].s] == '>' || text[toks[j].s] == '<')) {
			j++
		}
		if j >= len(toks) || text[toks[j].s] != '>' || j == i+1 {
			continue
		}
		inner := toks[i+1 : j]
		for len(inner) > 1 && inner[len(inner)-1].kind != tokWord {
			inner = inner[:len(inner)-1]
		}
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
	s := text[inner[0].s:inner[len(inner)-1].e]
	if strings.ContainsAny(s, " \n") {
		return false
	}
	if strings.Contains(s, ".") {
		return true // <KLM.AS>, <skbs.St>
	}
	for _, t := range inner {
		if t.kind == tokWord && !t.upper && t.hasLetter {
			return false
		}
	}
	return true
}

// knownCompany returns the gazetteer's canonical name when the tokens,
// without a trailing legal suffix, spell a known company.
func (r *EntityRecognizer) knownCompany(text string, ts []token) (string, bool) {
	for len(ts) > 1 && legalSuffix[text[ts[len(ts)-1].s:ts[len(ts)-1].e]] && !weakSuffix[text[ts[len(ts)-1].s:ts[len(ts)-1].e]] {
		ts = ts[:len(ts)-1]
	}
	n := r.root
	var keyBuf [64]byte // most keys: no copy on the heap
	key := keyBuf[:0]
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
		if m.PlatformKind == partnergraph.PlatformCloud && m.Owner != "" && strings.HasPrefix(m.Name, m.Owner+" ") {
			if _, ok := ci[m.Owner]; ok {
				addCompany(m.Owner, m.Name)
			} else {
				addCompany(m.Name, m.Name)
			}
		}
	}
	return companies, platforms
}

func toLowerRune(r rune) rune { return unicode.ToLower(r) }

// legalSuffix lists the legal-form words that end a company name, as
// written (case matters: "co" in prose is not a suffix).
var legalSuffix = map[string]bool{
	"Inc": true, "Incorporated": true, "Corp": true, "Corporation": true, "Co": true, "Cos": true,
	"Ltd": true, "Limited": true, "Plc": true, "PLC": true, "plc": true, "LLC": true, "L.L.C.": true,
	"LP": true, "L.P.": true, "LLP": true, "AG": true, "SA": true, "S.A.": true, "NV": true, "N.V.": true,
	"BV": true, "B.V.": true, "GmbH": true, "SE": true, "SpA": true, "S.p.A.": true, "KK": true,
	"K.K.": true, "Pty": true, "AB": true, "ASA": true, "Oyj": true, "A/S": true, "Bhd": true,
	"Berhad": true, "Tbk": true, "SRL": true, "Srl": true, "SAS": true, "AS": false,
	"Group": true, "Holdings": true, "Holding": true, "Company": true,
	"FSB": true, "F.S.B.": true, "FSLA": true, // federal savings banks
	// wire typos: "Kirschner Medical corp", "Bamberger Polymers INc"
	"corp": true, "INc": true, "CORp": true,
}

// weakSuffix are suffixes that also follow ordinary nouns ("the Xbox
// Group"): the name before them must look like a proper name.
var weakSuffix = map[string]bool{"Group": true, "Holdings": true, "Holding": true, "Company": true, "SE": true, "SA": true, "AB": true}

// nameConnectors may join the words of a company name.
var nameConnectors = map[string]bool{
	"and": true, "&": true, "of": true, "de": true, "du": true, "des": true, "del": true, "della": true,
	"di": true, "dei": true, "la": true, "le": true, "van": true, "von": true, "der": true, "den": true,
	"y": true, "e": true, "für": true, "for": true,
}

// leadingStop are capitalised words that start a sentence or a phrase but
// never a company name; they are cut from the front of a found name.
var leadingStop = map[string]bool{
	"The": true, "A": true, "An": true, "This": true, "That": true, "These": true, "Those": true,
	"In": true, "On": true, "At": true, "For": true, "From": true, "With": true, "Under": true,
	"After": true, "Before": true, "By": true, "To": true, "Of": true, "And": true, "But": true,
	"Or": true, "As": true, "If": true, "When": true, "While": true, "Since": true, "Unlike": true,
	"Like": true, "Both": true, "Its": true, "His": true, "Her": true, "Their": true, "Our": true,
	"Your": true, "My": true, "Shares": true, "Share": true, "Unit": true, "Units": true, "Rival": true,
	"Rivals": true, "Yesterday": true, "Today": true, "Also": true, "Then": true, "Meanwhile": true,
	"However": true, "Analysts": true, "Investors": true, "Says": true, "Said": true, "Former": true,
	"Firm": true, "Chief": true, "Executive": true, "President": true, "Chairman": true, "CEO": true,
	"Mr": true, "Ms": true, "Mrs": true, "Dr": true, "Sir": true, "Subsidiary": true, "Parent": true,
	"Including": true, "Includes": true, "Via": true, "Between": true, "Against": true, "Among": true,
	"Over": true, "Into": true, "Through": true, "During": true, "Following": true, "Amid": true,
	"Despite": true, "Although": true, "Though": true, "Because": true, "Once": true, "Until": true,
	"Where": true, "Why": true, "How": true, "What": true, "Who": true, "Which": true, "Whether": true,
	"Every": true, "Each": true, "All": true, "Some": true, "Many": true, "Most": true, "Other": true,
	"Such": true, "No": true, "Not": true, "Buy": true, "Sell": true, "Acquire": true, "Acquires": true,
	"Acquired": true, "Buys": true, "Sells": true, "Sold": true, "Bought": true, "Merger": true,
	"Takeover": true, "Bid": true, "Offer": true, "Deal": true, "Agreement": true, "Talks": true,
	"Reports": true, "Report": true, "Sources": true, "According": true, "Officials": true,
	"Last": true, "Next": true, "Earlier": true, "Later": true, "Now": true, "Here": true, "There": true,
	"Update": true, "Exclusive": true, "Breaking": true, "He": true, "She": true, "It": true,
	"They": true, "We": true, "I": true, "You": true, "One": true, "Everyone": true, "Nobody": true,
	"Finally": true, "Separately": true, "Additionally": true, "Moreover": true, "Furthermore": true,
	"Instead": true, "Still": true, "Yet": true, "About": true, "Managing": true, "Read": true,
	"Besides": true, "Alongside": true, "Except": true, "Excluding": true,
}

// gazetteerCandidates matches gazetteer names on whole tokens.
func (r *EntityRecognizer) gazetteerCandidates(text string, toks []token, blocked []bool, out []candidate) []candidate {
	var keyBuf [64]byte // most keys: no copy on the heap
	key := keyBuf[:0]
	type pend struct {
		c   candidate
		ok  bool
		ent int // company index, or -1-platform index
	}
	var ambiguousPending []pend
	strong := map[int]bool{}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.first == nil || isBlocked(blocked, i) || !t.hasUpper && !isDigitASCII(text[t.s]) {
			continue
		}
		n := r.root
		bestJ := -1
		var best aliasRef
		for j := i; j < len(toks) && j < i+8; j++ {
			if j > i && (toks[j].nlBefore || isBlocked(blocked, j)) {
				break
			}
			var c *trieNode
			if j == i {
				c = t.first
			} else {
				key = appendLower(key[:0], text[toks[j].s:toks[j].e])
				var ok bool
				if c, ok = n.next[string(key)]; !ok {
					break
				}
			}
			n = c
			for _, ref := range n.refs {
				if r.caseMatches(text, toks[i:j+1], ref.toks) && (bestJ < j || bestJ == j && !ref.platform && best.platform) {
					bestJ, best = j, ref
				}
			}
		}
		if bestJ < 0 {
			continue
		}
		span := toks[i : bestJ+1]
		// "Llama 1" when the gazetteer knows only "Llama 2" and "Llama 3":
		// another, unknown version of a numbered platform.
		if best.platform && bestJ+1 < len(toks) && !toks[bestJ+1].nlBefore && isNumberToken(text, toks[bestJ+1]) && r.hasNumberedVariants(text, span) {
			i = bestJ + 1
			continue
		}
		// A known name that ends in a word only as part of a longer name
		// ("Microsoft" in "Microsoft Azure" is a platform alias: handled
		// by the trie). A known name right after a given name is a person.
		if i > 0 && toks[i-1].kind == tokWord && !toks[i].nlBefore && toks[i-1].cap && r.g.personNames[text[toks[i-1].s:toks[i-1].e]] {
			continue
		}
		// So is one after a given name and a middle initial: "Jane Q.
		// Dell".
		if i > 2 && !toks[i].nlBefore && text[toks[i-1].s:toks[i-1].e] == "." && toks[i-2].e-toks[i-2].s == 1 && toks[i-2].upper &&
			toks[i-3].kind == tokWord && r.g.personNames[text[toks[i-3].s:toks[i-3].e]] {
			continue
		}
		if t.shout && !exactSpelling(text, span, best.toks) {
			continue
		}
		// "Coral Southwest Airlines": a known name of several words
		// ending in a business word ("Airlines", "Bank"), with one more
		// capitalised word in front of it inside a sentence, is the end of
		// a longer name, which is taken whole.
		if !best.platform && bestJ > i && designators[text[toks[bestJ].s:toks[bestJ].e]] && longerNameBefore(text, toks, blocked, i) {
			if st := nameRunLeft(text, toks, blocked, i); st < i {
				out = append(out, candidate{ti: st, tj: bestJ + 1, s: toks[st].s, e: span[len(span)-1].e, kind: partnergraph.MentionCompany,
					name: joinTokens(text, toks[st:bestJ+1]), source: "pattern", conf: 0.7, priority: 3})
			}
			i = bestJ
			continue
		}
		c := candidate{ti: i, tj: bestJ + 1, s: span[0].s, e: span[len(span)-1].e, source: "gazetteer", conf: 0.9, priority: 4}
		ent := 0
		if best.platform {
			p := r.g.platforms[best.idx]
			// "PlayStation Studios", "Xbox Game Studios": a platform name
			// inside a longer name is not the platform.
			if nx := bestJ + 1; nx < len(toks) && !toks[nx].nlBefore && toks[nx].kind == tokWord && toks[nx].cap && !toks[nx].sentStart && !hasDigit(text[toks[nx].s:toks[nx].e]) && !leadingStop[text[toks[nx].s:toks[nx].e]] {
				i = nameRunRight(text, toks, blocked, nx) - 1
				continue
			}
			// "Windows Messenger", "MSN Messenger": an ambiguous
			// platform name after another name is another vendor's
			// product (its own owner in front is read below).
			if pv := i - 1; best.ambiguous && i == bestJ && pv >= 0 && !toks[i].nlBefore && toks[pv].kind == tokWord && toks[pv].hasUpper && !toks[i].sentStart {
				if owner, ok := r.knownCompany(text, toks[pv:i]); !ok || owner != p.Owner {
					continue
				}
			}
			// "the Xbox team", "PlayStation fans": the people or business
			// behind a brand, not the platform.
			if nx := bestJ + 1; nx < len(toks) && !toks[nx].nlBefore && toks[nx].kind == tokWord && brandPeople[text[toks[nx].s:toks[nx].e]] {
				i = bestJ
				continue
			}
			c.kind, c.name, c.owner, c.pkind = partnergraph.MentionPlatform, p.Name, p.Owner, p.Kind
			ent = -1 - best.idx
			// "Google Assistant", "Samsung Galaxy": the owner's name in
			// front is a mention of the owner.
			if p.Owner != "" {
				for k := bestJ; k > i; k-- {
					if owner, ok := r.knownCompany(text, toks[i:k]); ok && owner == p.Owner {
						out = append(out, candidate{ti: i, tj: k, s: toks[i].s, e: toks[k-1].e, kind: partnergraph.MentionCompany,
							name: owner, source: "gazetteer", conf: 0.9, priority: 4})
						strong[owner2ent(r, owner)] = true
						c.ti, c.s = k, toks[k].s
						break
					}
				}
			}
		} else {
			c.kind, c.name = partnergraph.MentionCompany, r.g.companies[best.idx].Name
			ent = best.idx
			// "Samsung Ventures", "Salesforce Ventures": a known company's
			// investment fund is a company of its own, named as written.
			if f := fundEnd(text, toks, bestJ+1); f > bestJ+1 {
				c.tj, c.e, c.source, c.conf = f, toks[f-1].e, "pattern", 0.85
				c.name = normalizeLine(text[c.s:c.e])
				out = append(out, c)
				i = f - 1
				continue
			}
			// take in a following legal suffix: "Nintendo Co Ltd"
			k := bestJ + 1
			for k < len(toks) && k < bestJ+3 && toks[k].kind == tokWord && !toks[k].nlBefore && legalSuffix[text[toks[k].s:toks[k].e]] && !weakSuffix[text[toks[k].s:toks[k].e]] {
				k++
			}
			c.tj, c.e = k, toks[k-1].e
		}
		if best.ambiguous && (t.sentStart || t.shout) {
			c.conf = 0.6
			ambiguousPending = append(ambiguousPending, pend{c: c, ent: ent})
			i = c.tj - 1
			continue
		}
		strong[ent] = true
		out = append(out, c)
		i = c.tj - 1
	}
	for _, p := range ambiguousPending {
		if strong[p.ent] {
			out = append(out, p.c)
		}
	}
	return out
}

// longerNameBefore reports whether the word before token i, on the same
// line and inside a sentence, is a capitalised word that would go on a
// name: not a given name or title, not an everyday word, not a word that
// opens no name ("The", months), not a hyphenated modifier ("New
// York-based"). (A known name of its own there would have been matched
// first.)
func longerNameBefore(text string, toks []token, blocked []bool, i int) bool {
	if i == 0 || toks[i].nlBefore || isBlocked(blocked, i-1) {
		return false
	}
	p := toks[i-1]
	if p.kind != tokWord || !p.cap || p.upper || p.sentStart || p.titled || p.shout {
		return false
	}
	w := text[p.s:p.e]
	return !strings.Contains(w, "-") && !leadingStop[w] && !monthOrDay(w) && !personTitles[w] && !DefaultLexicon().Everyday(w)
}

// caseMatches checks the written tokens against a gazetteer alias: an
// all-capitals alias word must be written exactly ("SEGA" matches "SEGA";
// the gazetteer lists "Sega" separately), a capitalised one must be
// capitalised, a word starting lower case with capitals inside ("iOS",
// "eBay") exactly, and lower-case words in any case.
func (r *EntityRecognizer) caseMatches(text string, span []token, alias []string) bool {
	for k, t := range span {
		a := alias[k]
		w := text[t.s:t.e]
		at := classify(a)
		switch {
		case at.upper && len(a) > 1:
			if w != a {
				return false
			}
		case at.cap:
			if !t.cap {
				return false
			}
		case at.hasUpper:
			if w != a {
				return false
			}
		}
	}
	return true
}

// isNumberToken reports whether t is all digits.
func isNumberToken(text string, t token) bool {
	if t.kind != tokWord {
		return false
	}
	for i := t.s; i < t.e; i++ {
		if !isDigitASCII(text[i]) {
			return false
		}
	}
	return true
}

// hasNumberedVariants reports whether the gazetteer knows names made of
// span followed by a number ("PlayStation 4" for "PlayStation").
func (r *EntityRecognizer) hasNumberedVariants(text string, span []token) bool {
	n := r.root
	var keyBuf [64]byte // most keys: no copy on the heap
	key := keyBuf[:0]
	for _, t := range span {
		key = appendLower(key[:0], text[t.s:t.e])
		c, ok := n.next[string(key)]
		if !ok {
			return false
		}
		n = c
	}
	for k := range n.next {
		if k != "" && isDigitASCII(k[0]) {
			return true
		}
	}
	return false
}

func hasDigit(w string) bool { return strings.ContainsAny(w, "0123456789") }

func owner2ent(r *EntityRecognizer, name string) int { return r.g.companyIndex[strings.ToLower(name)] }

func exactSpelling(text string, span []token, alias []string) bool {
	for k, t := range span {
		if text[t.s:t.e] != alias[k] {
			return false
		}
	}
	return true
}

func classify(w string) token {
	t := token{s: 0, e: len(w), kind: tokWord}
	fillWordFlags(w, &t)
	return t
}

// isNameWord reports whether toks[i] can be part of a proper name.
func isNameWord(text string, t token) bool {
	if t.kind != tokWord {
		return false
	}
	if t.cap || t.upper {
		return true
	}
	c := text[t.s]
	return isDigitASCII(c) && t.hasLetter // 3M, 8BitDo
}

// suffixCandidates finds capitalised names ending in a legal suffix.
func (r *EntityRecognizer) suffixCandidates(text string, toks []token, blocked []bool, out []candidate) []candidate {
	for i := range toks {
		t := &toks[i]
		if t.lex&fSuffix == 0 || t.kind != tokWord || t.shout || isBlocked(blocked, i) || i == 0 {
			continue
		}
		if t.nlBefore {
			continue
		}
		// extend over further suffixes: "Co Ltd"
		end := i + 1
		for end < len(toks) && !toks[end].nlBefore && toks[end].kind == tokWord && legalSuffix[text[toks[end].s:toks[end].e]] && !weakSuffix[text[toks[end].s:toks[end].e]] {
			end++
		}
		// walk back over name words and connectors
		start := i
		possAt := -1
		hole := false // a ticker inside the name: "Corbel <CRBL.L> Plc"
		for k := i - 1; k >= 0 && k >= i-8; k-- {
			tk := toks[k]
			if isBlocked(blocked, k) && k == i-1 && text[tk.s] == '>' && !hole {
				for k > 0 && text[toks[k].s] != '<' {
					k--
				}
				hole = true
				continue
			}
			if isBlocked(blocked, k) || toks[k+1].nlBefore || tk.shout {
				break
			}
			w := text[tk.s:tk.e]
			switch {
			case tk.kind == tokPoss:
				// "Carrow's Group", "Delmar's Corp" and "Barnard's Retail
				// Group" are names; "Japan's Kaiyo Oil Co" and "CSX Corp's
				// Sea-Land Corp" are not.
				if k == 0 || !isNameWord(text, toks[k-1]) || r.g.IsNonCompany(text[toks[k-1].s:toks[k-1].e]) || r.isKnownCompanyWord(text, toks[k-1:k]) || toks[k-1].lex&fSuffix != 0 {
					goto stop
				}
				possAt = k
				continue
			case tk.kind == tokWord && nameConnectors[w] && !tk.cap:
				continue
			case tk.kind == tokPunct && w == "&":
				continue
			case isNameWord(text, tk):
				start = k
				continue
			}
			break
		}
	stop:
		_ = possAt
		// trim leading connectors and stop words
		for start < i {
			w := text[toks[start].s:toks[start].e]
			if toks[start].kind != tokWord || nameConnectors[w] || leadingStop[w] || strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "-held") || strings.HasSuffix(w, "-owned") || monthOrDay(w) || start < i && toks[start].kind == tokPoss {
				start++
				continue
			}
			break
		}
		for start < i && toks[start].kind != tokWord {
			start++
		}
		if start >= i {
			continue
		}
		core := toks[start:i]
		// split "Crust House and Delmar's Corp": a connector "and" joins two
		// names unless the part before it is one word.
		for k := len(core) - 1; k > 0; k-- {
			w := text[core[k].s:core[k].e]
			if w == "and" || w == "&" && core[k].kind == tokPunct {
				before := core[:k]
				listed := false // "rivals such as X and Y Co": two names in a list
				if start > 0 {
					switch text[toks[start-1].s:toks[start-1].e] {
					case "as", "like", "including", "between", "both":
						listed = true
					}
				}
				// "Dow Jones and Co Inc", "Air Products and Chemicals Inc",
				// "American Telephone and Telegraph Co": one name whose
				// part after "and" is only a suffix or one business word.
				if !listed && oneNameAfterAnd(text, toks[start+k+1:end]) {
					// The name begins after an earlier suffix, "and" or
					// "of": "Salomon Brothers Inc and Morgan Stanley and
					// Co Inc" ends with "Morgan Stanley and Co Inc".
					for b := k - 1; b >= 0; b-- {
						if w := text[core[b].s:core[b].e]; core[b].lex&fSuffix != 0 || w == "and" || w == "of" || w == "&" {
							start += b + 1
							core = core[b+1:]
							break
						}
					}
					break
				}
				if len(before) > 1 || listed || r.isKnownCompanyWord(text, before) {
					start += k + 1
					core = core[k+1:]
				}
				break
			}
		}
		// "Alan Hargreaves of Hoare Govett Asia Ltd": a person of a firm.
		for k := 1; k+1 < len(core); k++ {
			if text[core[k].s:core[k].e] == "of" && (r.g.personNames[text[core[0].s:core[0].e]] || personRoleCap[text[core[k-1].s:core[k-1].e]] || k == 2 && core[0].cap && core[1].cap && !designators[text[core[1].s:core[1].e]] && !legalSuffix[text[core[1].s:core[1].e]] && start > 0 && personRoles[strings.ToLower(text[toks[start-1].s:toks[start-1].e])]) {
				start += k + 1
				core = core[k+1:]
				break
			}
		}
		if len(core) == 0 || core[0].kind != tokWord || !isNameWord(text, core[0]) {
			continue
		}
		coreText := text[core[0].s:core[len(core)-1].e]
		if r.g.IsNonCompany(coreText) || r.g.personNames[coreText] {
			continue
		}
		allSuffix := true // "Co Ltd", "Pty Ltd": no name at all
		for _, ct := range core {
			allSuffix = allSuffix && (ct.lex&fSuffix != 0 || ct.kind != tokWord)
		}
		if allSuffix {
			continue
		}
		suf := text[t.s:t.e]
		if weakSuffix[suf] && end == i+1 && len(core) == 1 {
			// "Mitsubishi Group" is fine, "Working Group" is not: the
			// name must hold a word that is not an everyday capitalised
			// word, or be an acronym.
			ok := false
			for _, ct := range core {
				w := text[ct.s:ct.e]
				if ct.kind == tokWord && (ct.upper && len(w) > 1 || !genericCap[w] && !r.g.IsNonCompany(w) && !nameConnectors[w]) {
					ok = true
				}
			}
			if !ok {
				continue
			}
		}
		c := candidate{ti: start, tj: end, s: toks[start].s, e: toks[end-1].e, kind: partnergraph.MentionCompany,
			source: "suffix", conf: 0.85, priority: 3}
		var nameToks []token
		for k := start; k < end; k++ {
			if !isBlocked(blocked, k) {
				nameToks = append(nameToks, toks[k])
			}
		}
		c.name = joinTokens(text, nameToks)
		if canon, ok := r.knownCompany(text, nameToks); ok {
			c.name, c.source, c.conf = canon, "gazetteer", 0.95
		} else if canon, ok := r.knownCompany(text, withoutAndCo(text, nameToks)); ok {
			// "Goldman Sachs and Co", "Eli Lilly and Co": a known name.
			c.name, c.source, c.conf = canon, "gazetteer", 0.95
		}
		out = append(out, c)
	}
	return out
}

// genericCap are capitalised words that make no name on their own before a
// weak suffix such as Group.
var genericCap = map[string]bool{
	"Working": true, "Study": true, "Advisory": true, "Interest": true, "Special": true, "Focus": true,
	"Peer": true, "Support": true, "Action": true, "Research": true, "Industry": true, "Trade": true,
	"Consumer": true, "Media": true, "Press": true, "Party": true, "Rights": true, "Lobby": true,
	"Pressure": true, "Expert": true, "Contact": true, "Steering": true, "Task": true, "Age": true,
	"Product": true, "Business": true, "Investment": true, "Banking": true, "Insurance": true,
	"Automotive": true, "Games": true, "Gaming": true, "Cloud": true, "Data": true, "Technology": true,
	"Xbox": true, "Windows": true, "Office": true, "Team": true, "Management": true, "Family": true,
	"Department": true, "Low": true, "High": true, "Video": true, "Mobile": true, "Digital": true,
	"Social": true, "Mass": true, "Electronic": true, "Traditional": true, "Independent": true,
	"Savings": true, "Post": true, "Mutual": true, "Commercial": true, "Retail": true, "Consulting": true,
}

// joinTokens writes tokens with single spaces, keeping possessives and
// punctuation attached as they are in the text.
func joinTokens(text string, ts []token) string {
	n := 0
	for k, t := range ts {
		if k > 0 && t.s > ts[k-1].e {
			n++
		}
		n += t.e - t.s
	}
	var b strings.Builder
	b.Grow(n) // the one copy
	for k, t := range ts {
		if k > 0 && t.s > ts[k-1].e {
			b.WriteByte(' ')
		}
		b.WriteString(text[t.s:t.e])
	}
	return b.String()
}

func monthOrDay(w string) bool {
	switch w {
	case "January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday", "Spring", "Summer", "Autumn", "Fall", "Winter", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// isKnownCompanyWord reports whether the tokens spell a gazetteer company.
func (r *EntityRecognizer) isKnownCompanyWord(text string, ts []token) bool {
	_, ok := r.knownCompany(text, ts)
	return ok
}

// companyNouns are common nouns that name a business; a capitalised name
// right after one ("carrier Air Meridian", "chipmaker Nvidia") or in
// apposition after one ("X, a Tokyo-based maker of …") is a company.
var companyNouns = map[string]bool{
	"firm": true, "company": true, "maker": true, "manufacturer": true, "carmaker": true,
	"automaker": true, "chipmaker": true, "chip-maker": true, "drugmaker": true, "retailer": true,
	"airline": true, "carrier": true, "bank": true, "lender": true, "insurer": true, "brewer": true,
	"distiller": true, "publisher": true, "developer": true, "studio": true, "start-up": true,
	"startup": true, "operator": true, "provider": true, "conglomerate": true, "giant": true,
	"rival": true, "supplier": true, "distributor": true, "chain": true, "subsidiary": true,
	"affiliate": true, "competitor": true, "outfit": true, "broadcaster": true, "group": true,
	"producer": true, "vendor": true, "shipper": true, "miner": true, "refiner": true,
	"telco": true, "carmakers": false, "unit": true, "business": true, "venture": true,
	"specialist": true, "designer": true, "builder": true, "owner": false, "holding": true,
	"partner": false, "spinoff": true, "spin-off": true, "newcomer": true, "challenger": true,
}

// dealWords are words after which a capitalised name is usually a
// company: the object of a deal ("acquire X", "partnership with X").
var dealWords = map[string]bool{
	"acquire": true, "acquired": true, "acquires": true, "acquiring": true, "buy": true, "buys": true,
	"bought": true, "buying": true, "purchase": true, "purchased": true, "purchases": true,
	"merge": true, "merged": true, "takeover": true, "acquisition": true, "merger": true,
	"stake": true, "invest": true, "invested": true, "investment": true, "partnership": true,
	"partnered": true, "partner": true, "partners": true, "alliance": true, "agreement": true,
	"deal": true, "teamed": true, "team": true, "tie-up": true, "venture": true, "bid": true,
	"offer": true, "shares": true, "sell": true, "sold": true, "selling": true, "sells": true,
	"contract": true, "collaboration": true, "collaborate": true, "collaborating": true,
	"working": true, "works": true, "worked": true, "licensed": true, "licence": true, "license": true,
	"supplier": true, "customer": true, "backed": true, "funded": true, "rivals": true,
	"signed": true, "joined": true, "assets": true,
}

// dealPreps are the prepositions that may follow a deal word before the
// name ("stake in X", "merger with X", "bid for X", "shares of X").
var dealPreps = map[string]bool{"with": true, "in": true, "of": true, "for": true, "to": true, "from": true, "by": true, "up": true}

// subjectVerbs after a name mark it as the subject of a company action
// when followed by "it"/"its" or when the verb is company-typical.
var companyVerbs = map[string]bool{
	"shares": true, "stock": true,
}

// titles before a name mark a person.
var personTitles = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Miss": true, "Dr": true, "Prof": true, "Sir": true,
	"Lord": true, "Lady": true, "Dame": true, "President": true, "Senator": true, "Governor": true,
	"Minister": true, "Judge": true, "Rev": true, "Gen": true, "Sen": true, "Rep": true, "Gov": true,
	"Chancellor": true, "Prince": true, "Princess": true, "King": true, "Queen": true, "Pope": true,
}

// personRoles before a name ("chief executive Jane Doe") mark a person.
var personRoles = map[string]bool{
	"ceo": true, "president": true, "director": true, "chairman": true, "chairwoman": true,
	"founder": true, "co-founder": true, "cofounder": true, "analyst": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "manager": true, "executive": true, "head": true,
	"chief": true, "boss": true, "leader": true, "minister": true, "secretary": true, "officer": true,
	"engineer": true, "engineering": true, "economist": true, "professor": true, "editor": true,
	"reporter": true, "writer": true, "author": true, "designer": false, "lead": true, "vp": true,
	"cfo": true, "cto": true, "coo": true, "investor": true, "lawyer": true, "attorney": true,
	"researcher": true, "scientist": true, "chair": true, "partner": false, "said": true, "says": true,
	"told": true, "according": false, "producer": false, "creator": true, "star": true, "player": true,
	"actor": true, "singer": true, "by": true, "colleague": true, "dr": true, "mr": true, "ms": true,
}

// persons collects the people of a text: given name + surname pairs,
// names after a title or a role word; their surnames then stand for them.
type persons struct {
	surnames map[string]bool
}

func (r *EntityRecognizer) findPersons(text string, toks []token) persons {
	p := persons{surnames: map[string]bool{}}
	if !hasPersonCue(toks) {
		return p
	}
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || t.shout {
			continue
		}
		w := text[t.s:t.e]
		var first int
		switch {
		case t.lex&(fPersonName|fPersonTitle|fPersonRole) == 0:
			continue
		case t.cap && t.lex&fPersonName != 0:
			first = i + 1
		case t.cap && t.lex&fPersonTitle != 0:
			first = i + 1
		case t.lex&fPersonRole != 0:
			first = i + 1
		default:
			continue
		}
		k := first
		if k < len(toks) && toks[k].kind == tokPunct && text[toks[k].s] == '.' {
			k++
		}
		// A middle initial: "Robert M. Kessing".
		if t.lex&fPersonName != 0 && k+2 < len(toks) && toks[k].kind == tokWord && toks[k].e-toks[k].s == 1 && toks[k].upper &&
			toks[k+1].kind == tokPunct && text[toks[k+1].s] == '.' {
			k += 2
		}
		e := k
		for e < len(toks) && e < k+3 && toks[e].kind == tokWord && toks[e].cap && !toks[e].upper && !toks[e].nlBefore {
			e++
		}
		if e == k {
			continue
		}
		// "chief executive Jane Doe": two capitalised words after a role;
		// after a given name or a title one is enough.
		if (!t.cap || t.upper) && e-k < 2 {
			continue
		}
		last := text[toks[e-1].s:toks[e-1].e]
		if legalSuffix[last] || designators[last] || r.g.IsNonCompany(last) {
			continue
		}
		if verbRoles[w] && toks[k].lex&fPersonName == 0 {
			continue // "said Harlow Cement": a verb alone does not make a person
		}
		if _, known := r.knownCompany(text, toks[e-1:e]); known && !r.g.personNames[w] {
			continue
		}
		p.surnames[last] = true
		for x := k; x < e; x++ {
			p.surnames[text[toks[x].s:toks[x].e]] = p.surnames[text[toks[x].s:toks[x].e]] || x == e-1
		}
	}
	return p
}

// hasPersonCue reports whether any token is a given name, title or role.
func hasPersonCue(toks []token) bool {
	for _, t := range toks {
		if t.lex&(fPersonName|fPersonTitle|fPersonRole) != 0 {
			return true
		}
	}
	return false
}

// nameRunRight returns the end of the capitalised name starting at toks[k].
func nameRunRight(text string, toks []token, blocked []bool, k int) int {
	e := k
	for e < len(toks) && e < k+6 {
		t := toks[e]
		if e > k && t.nlBefore || isBlocked(blocked, e) {
			break
		}
		w := text[t.s:t.e]
		if isNameWord(text, t) && !(e > k && leadingStop[w]) {
			e++
			continue
		}
		if e > k && (t.kind == tokWord && nameConnectors[w] && !t.cap || t.kind == tokPunct && w == "&") && e+1 < len(toks) && isNameWord(text, toks[e+1]) && !toks[e+1].nlBefore {
			if w == "and" {
				break // "X and Y" are two names
			}
			e++
			continue
		}
		break
	}
	return e
}

// nameRunLeft returns the start of the capitalised name ending at
// toks[k-1].
func nameRunLeft(text string, toks []token, blocked []bool, k int) int {
	s := k
	for s > 0 && s > k-6 {
		t := toks[s-1]
		if isBlocked(blocked, s-1) || s < k && toks[s].nlBefore {
			break
		}
		w := text[t.s:t.e]
		if isNameWord(text, t) {
			s--
			continue
		}
		if s < k && (t.kind == tokWord && nameConnectors[w] && !t.cap && w != "and" || t.kind == tokPunct && w == "&") && s-2 >= 0 && isNameWord(text, toks[s-2]) {
			s--
			continue
		}
		break
	}
	for s < k {
		w := text[toks[s].s:toks[s].e]
		if toks[s].kind != tokWord || nameConnectors[w] || leadingStop[w] || monthOrDay(w) || strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "-held") || strings.HasSuffix(w, "-owned") {
			s++
			continue
		}
		break
	}
	return s
}

// plausibleName reports whether toks[s:e] may name a company found by
// context: not a person, place, month, job title or everyday word.
func (r *EntityRecognizer) plausibleName(text string, toks []token, s, e int, ps persons) bool {
	if s >= e || e-s > 6 {
		return false
	}
	first := toks[s]
	if first.shout || first.kind != tokWord {
		return false
	}
	name := text[first.s:toks[e-1].e]
	if strings.ContainsRune(name, '\n') || r.g.IsNonCompany(name) {
		return false
	}
	w0 := text[first.s:first.e]
	// A given name starts a person's name ("Michael Dell"), unless a
	// company designator ends the name: "Maria Ventures" and "Dorian
	// Equity Partners" are firms, not people.
	person := r.g.personNames[w0] && !(e-s >= 2 && designators[text[toks[e-1].s:toks[e-1].e]])
	if person || personTitles[w0] || leadingStop[w0] || monthOrDay(w0) && e-s == 1 {
		return false
	}
	if s > 0 && toks[s-1].kind == tokWord && personTitles[strings.TrimSuffix(text[toks[s-1].s:toks[s-1].e], ".")] {
		return false
	}
	if ps.surnames[text[toks[e-1].s:toks[e-1].e]] || ps.surnames[w0] {
		return false
	}
	if e-s == 1 && (genericCap[w0] || len(w0) < 2) {
		return false
	}
	trade := false
	for k := s; k < e; k++ {
		trade = trade || tradeWords[text[toks[k].s:toks[k].e]]
	}
	for k := s; k < e; k++ {
		x := text[toks[k].s:toks[k].e]
		if institutionWords[x] && !trade || x == "Department" && (k == e-1 || k+1 < e && (text[toks[k+1].s:toks[k+1].e] == "of" || text[toks[k+1].s:toks[k+1].e] == "for")) {
			return false // "Justice Department", "Department of Energy"; not "Ashby Department Stores"
		}
	}
	// "Bank of Finland" is a central bank; "U.S. Computer" a place and a
	// word.
	if e-s >= 3 && w0 == "Bank" && text[toks[s+1].s:toks[s+1].e] == "of" && r.g.IsNonCompany(text[toks[s+2].s:toks[e-1].e]) {
		return false
	}
	if e-s == 2 && r.g.IsNonCompany(w0) && r.g.commonWords[strings.ToLower(text[toks[s+1].s:toks[s+1].e])] {
		return false
	}
	allGeneric := true
	for k := s; k < e; k++ {
		w := text[toks[k].s:toks[k].e]
		if toks[k].kind == tokWord && !r.g.IsNonCompany(w) && !genericCap[w] && !nameConnectors[w] {
			allGeneric = false
		}
	}
	return !allGeneric
}

// patternCandidates finds companies in no list by their context.
func (r *EntityRecognizer) patternCandidates(text string, toks []token, blocked []bool, ps persons, out []candidate) []candidate {
	add := func(s, e int, conf float64) {
		for e > s && (toks[e-1].kind != tokWord || nameConnectors[text[toks[e-1].s:toks[e-1].e]]) {
			e--
		}
		for k := s; k < e; k++ {
			if w := text[toks[k].s:toks[k].e]; strings.HasSuffix(w, "-based") || strings.HasSuffix(w, "-owned") || strings.HasSuffix(w, "-held") {
				s = k + 1 // "San Jose-based Fetch Robotics"
			}
		}
		// "Federal Savings and Loan Association", "Parkvale Savings
		// Association": one name.
		if e+1 < len(toks) && text[toks[e-1].s:toks[e-1].e] == "Savings" && text[toks[e].s:toks[e].e] == "and" && text[toks[e+1].s:toks[e+1].e] == "Loan" {
			e += 2
		}
		if e < len(toks) && e > s && (text[toks[e-1].s:toks[e-1].e] == "Savings" || text[toks[e-1].s:toks[e-1].e] == "Loan") {
			for e < len(toks) && (text[toks[e].s:toks[e].e] == "Association" || text[toks[e].s:toks[e].e] == "Bank") {
				e++
			}
		}
		trade := false // "Federal Savings and Loan Association" is a thrift
		for k := s; k < e; k++ {
			trade = trade || tradeWords[text[toks[k].s:toks[k].e]]
		}
		for k := s; k < e; k++ {
			if institutionWords[text[toks[k].s:toks[k].e]] && !trade {
				return // "National Association of Purchasing Management"
			}
		}
		for k := s + 1; k+1 < e; k++ {
			if text[toks[k].s:toks[k].e] != "of" {
				continue
			}
			before := text[toks[k-1].s:toks[k-1].e]
			if personRoleCap[before] || k-s >= 2 && !designators[before] && toks[k-1].lex&fSuffix == 0 {
				s = k + 1 // "Managing Partner of X", "Grant Wilson of Mellon Bank"
			}
		}
		for s < e && (leadingStop[text[toks[s].s:toks[s].e]] || strings.HasSuffix(text[toks[s].s:toks[s].e], "-based")) {
			s++
		}
		if s >= e {
			return
		}
		if e-s == 1 && (hasDigit(text[toks[s].s:toks[s].e]) || r.g.commonWords[strings.ToLower(text[toks[s].s:toks[s].e])]) {
			return // "5G", "Rent": an everyday word found by context alone
		}
		if !r.plausibleName(text, toks, s, e, ps) {
			return
		}
		// "AV TEST": capitals throughout is a programme or a shout, unless
		// one short acronym.
		if e-s > 1 {
			upper := true
			for k := s; k < e; k++ {
				upper = upper && (toks[k].upper || toks[k].kind != tokWord || nameConnectors[text[toks[k].s:toks[k].e]])
			}
			if upper {
				return
			}
		}
		// A product line named after a platform ("Azure Communications
		// Services") is no company.
		if r.platformPrefix(text, toks, s, e) > s {
			return
		}
		// A known company inside is the gazetteer's to find: "Anthropic
		// Tech company" is Anthropic, "NV Orbital Royal Airways" is Orbital.
		for k := s; k < e; k++ {
			if g := r.gazetteerPrefix(text, toks, k, e); g > k && (g < e || k > s) {
				return
			}
		}
		c := candidate{ti: s, tj: e, s: toks[s].s, e: toks[e-1].e, kind: partnergraph.MentionCompany,
			source: "pattern", conf: conf, priority: 1}
		c.name = normalizeLine(text[c.s:c.e])
		if canon, ok := r.knownCompany(text, toks[s:e]); ok {
			c.name, c.source = canon, "gazetteer"
		}
		out = append(out, c)
	}
	word := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return text[toks[k].s:toks[k].e]
	}
	startsName := func(k int) bool {
		return k < len(toks) && isNameWord(text, toks[k]) && !toks[k].nlBefore && !isBlocked(blocked, k)
	}
	for i := range toks {
		t := &toks[i]
		if t.shout || isBlocked(blocked, i) {
			continue
		}
		w := text[t.s:t.e]
		if t.kind == tokPoss {
			continue
		}
		if t.lex&fTrigger == 0 && w != "," && !(t.kind == tokWord && !t.hasUpper && strings.HasSuffix(w, "maker")) {
			continue
		}
		lw := w
		if t.hasUpper {
			if !t.sentStart && !t.upper {
				lw = "" // a capitalised word inside a sentence is no trigger
			} else {
				lw = strings.ToLower(w)
			}
		}
		next := i + 1
		switch {
		case unitNouns[lw] && word(next) == "," && startsName(next+1) && possessiveBefore(toks, i):
			// "Yukos' main production arm, Yugansk, to Rosneft": a unit
			// named in apposition.
			if e := nameRunRight(text, toks, blocked, next+1); word(e) == "," || word(e) == "." {
				add(next+1, e, 0.7)
			}
		case unitNouns[lw] && i > 1 && isNameWord(text, toks[i-1]) && !toks[i].nlBefore:
			// "X's Y Systems unit", "X's Y division": the named unit is a
			// company of its own.
			if s := nameRunLeft(text, toks, blocked, i); s > 0 && s < i && toks[s-1].kind == tokPoss {
				add(s, i, 0.65)
			}
		case lw == "arm" && i > 0 && fundWords[word(i-1)] && next < len(toks) && (startsName(next) || toks[next].upper && !isBlocked(blocked, next)):
			// "Alphabet's venture capital arm GV", "its investment arm
			// M12": the arm that invests is a company.
			add(next, max(nameRunRight(text, toks, blocked, next), next+1), 0.7)
		case !t.cap && (t.lex&fNoun != 0 || isMaker(lw)) && startsName(next):
			// "carrier Air Meridian", "chipmaker Nvidia", "condom-maker X"
			e := nameRunRight(text, toks, blocked, next)
			if e < len(toks) && toks[e].kind == tokWord && !toks[e].hasUpper && personRoles[word(e)] && word(e) != "said" {
				continue // "company president Jane Doe"
			}
			add(next, e, 0.7)
		case !t.cap && (t.lex&fNoun != 0 || isMaker(lw)) && next+1 < len(toks) && (word(next) == "called" || word(next) == "named" || word(next) == "dubbed") && startsName(next+1):
			// "a joint venture called X"
			add(next+1, nameRunRight(text, toks, blocked, next+1), 0.7)
		case !t.cap && (t.lex&fNoun != 0 || isMaker(lw)) && next+1 < len(toks) && (word(next) == "-" || word(next) == ":" || word(next) == "–" || word(next) == "—") && startsName(next+1):
			// "a 40% stake in the venture - Meridian Spirits.": a name
			// after a dash that ends the sentence.
			e := nameRunRight(text, toks, blocked, next+1)
			if e >= len(toks) || toks[e].nlBefore || word(e) == "." || word(e) == "," {
				add(next+1, e, 0.65)
			}
		case (!t.cap || t.sentStart) && t.lex&fPlural != 0 && next < len(toks):
			// "companies like Google and Amazon", "rivals such as X, Y"
			k := next
			switch {
			case word(k) == "like" || word(k) == "including":
				k++
			case word(k) == "such" && word(k+1) == "as":
				k += 2
			default:
				continue
			}
			for startsName(k) {
				e := nameRunRight(text, toks, blocked, k)
				add(k, e, 0.65)
				if word(e) == "," {
					e++
				}
				if word(e) == "and" || word(e) == "or" {
					e++
				}
				if e == k {
					break
				}
				k = e
			}
		case !t.cap && t.lex&fDeal != 0:
			// "acquire X", "stake in X", "merger with X", "bought the X website"
			k := next
			if k < len(toks) && toks[k].kind == tokWord && dealPreps[word(k)] {
				k++
				if word(k) == "with" {
					k++ // "teamed up with"
				}
			}
			the := false
			if word(k) == "the" || word(k) == "rival" {
				the = true
				k++
			}
			// "purchased privately held Ice Creations Unlimited".
			if word(k) == "privately" && (word(k+1) == "held" || word(k+1) == "owned") {
				k += 2
			} else if word(k) == "privately" && word(k+1) == "-" && (word(k+2) == "held" || word(k+2) == "owned") {
				k += 3
			}
			if !startsName(k) {
				continue
			}
			e := nameRunRight(text, toks, blocked, k)
			after := word(e)
			// "acquired the X development team": the people of a firm.
			teamOf := after == "team" || e+1 < len(toks) && toks[e].kind == tokWord && !toks[e].cap && word(e+1) == "team"
			if the && !isCompanyNoun(after) && after != "website" && after != "site" && !teamOf {
				continue
			}
			if !the && e < len(toks) && !toks[e].cap && isCompanyNoun(after) {
				continue // "takeover of U.S. regional carrier X": X comes next
			}
			add(k, e, 0.65)
		case i > 0 && !t.cap && fundVerbs[lw] && raisedMoney(text, toks, next):
			// "X has raised $9 million", "X today closed a $50 million
			// round": who raises money is a company (but "the company
			// has raised" names none).
			k := i
			for k > 0 && fundAux[word(k-1)] {
				k--
			}
			if s := nameRunLeft(text, toks, blocked, k); s < k && !(s > 0 && word(s-1) == "'s") {
				add(s, k, 0.6)
			}
		case i > 0 && (!t.cap && (lw == "shares" || lw == "stock" || lw == "shareholders" || lw == "stockholders") ||
			(lw == "said" || lw == "says") && (word(next) == "it" || word(next) == "its" || pairSays(text, toks, blocked, i)) ||
			companyVoice[w] && startsName(next) && !companyVoice[word(next)]):
			// "X shares", "X shareholders", "X said it", "X CEO Jane Doe"
			// "X shares", "X's stock", "X said it"
			k := i
			if toks[k-1].kind == tokPoss {
				k--
			}
			s := nameRunLeft(text, toks, blocked, k)
			if s >= 2 && (word(s-1) == "and" || word(s-1) == "&") && isNameWord(text, toks[s-2]) {
				// "Standard and Poor's said it": part of a longer name,
				// taken whole when the name starts the sentence and one
				// firm speaks ("Cross and Trecker said it", not "Cross and
				// Trecker said they").
				s2 := nameRunLeft(text, toks, blocked, s-1)
				if s2 < s-1 && (s2 == 0 || toks[s2].sentStart || toks[s2].nlBefore) && (lw == "said" || lw == "says") && word(next) == "it" && k == i {
					add(s2, k, 0.55)
				}
				if s2 < s-1 && (s2 == 0 || toks[s2].sentStart || toks[s2].nlBefore) && k == i && pairSays(text, toks, blocked, i) {
					// "Peat Marwick and KMG Main Hurdman said their merger":
					// two firms speak.
					add(s2, s-1, 0.5)
					add(s, k, 0.5)
				}
				continue
			}
			if s < k {
				add(s, k, 0.6)
			}
		case w == "," && i > 0 && next < len(toks) && (word(next) == "a" || word(next) == "an" || word(next) == "the"):
			// "X, a Tokyo-based maker of …", "X, the organiser of"
			for k := next + 1; k < len(toks) && k < next+7; k++ {
				if toks[k].kind == tokPunct && word(k) != "-" {
					break
				}
				if toks[k].kind != tokWord || toks[k].hasUpper || !isCompanyNoun(word(k)) {
					continue
				}
				// The text's end stops the noun as punctuation does.
				if k+1 == len(toks) || toks[k+1].kind == tokPunct || appositionFollowers[word(k+1)] {
					if s := nameRunLeft(text, toks, blocked, i); s < i {
						add(s, i, 0.65)
					}
				}
				break
			}
		case t.cap && foreignDesignators[w] && startsName(next):
			// "Banca Centrale del Nord", "Groupe Danone"
			e := nameRunRight(text, toks, blocked, i)
			for e < len(toks) && e+1 < len(toks) && nameConnectors[word(e)] && word(e) != "and" && startsName(e+1) {
				e = nameRunRight(text, toks, blocked, e+1)
			}
			add(i, e, 0.7)
		case t.cap && designators[w] && i > 0 && isNameWord(text, toks[i-1]) && !t.nlBefore:
			// "Skylark Airlines", "Fenmoor Healthcare", "Harlow Cement"
			s := nameRunLeft(text, toks, blocked, i)
			for k := s; k < i; k++ {
				if designators[word(k)] {
					s = k + 1 // "Triumph Studios Paradox Interactive": two names
				}
			}
			if s >= i {
				continue
			}
			e := i + 1
			for e < len(toks) && designators[word(e)] && !toks[e].nlBefore {
				e++
			}
			if word(e) == "of" && startsName(e+1) {
				e = nameRunRight(text, toks, blocked, e+1) // "Union Bank of Avalon"
			}
			distinct := false
			for k := s; k < i; k++ {
				x := word(k)
				if toks[k].kind == tokWord && !genericCap[x] && !r.g.IsNonCompany(x) && !nameConnectors[x] && !designators[x] {
					distinct = true
				}
			}
			if !distinct && s > 0 && monthOrDay(word(s-1)) && !toks[s-1].sentStart {
				s, distinct = s-1, true // "Ashby Department Stores"
			}
			if distinct {
				add(s, e, 0.6)
			}
		}
	}
	return out
}

// patternTriggers holds every lower-case word that can start a context
// pattern, so that most words are passed over with one lookup.
var patternTriggers = func() map[string]bool {
	m := map[string]bool{"shares": true, "stock": true, "said": true, "says": true, "shareholders": true, "stockholders": true, "arm": true, "unit": true, "subsidiary": true, "division": true, "affiliate": true}
	for w := range fundVerbs {
		m[w] = true
	}
	for w := range companyVoice {
		m[w] = true
	}
	for _, set := range []map[string]bool{companyNouns, pluralCompanyNouns, dealWords} {
		for k, v := range set {
			if v {
				m[k] = true
			}
		}
	}
	return m
}()

// fundVerbs say that their subject raised money.
var fundVerbs = map[string]bool{
	"raised": true, "raises": true, "secured": true, "secures": true, "closed": true, "closes": true,
	"landed": true, "lands": true, "nabbed": true, "nabs": true, "bagged": true, "bags": true,
}

// fundAux may come between a company and a funding verb: "X has just
// raised", "X today closed".
var fundAux = map[string]bool{"has": true, "have": true, "had": true, "just": true, "today": true, "now": true, "recently": true, "also": true, "officially": true}

// raisedMoney reports whether an amount of money, or a round with one,
// follows a funding verb from token k: "$9 million", "a $50 million
// round", "€20m".
func raisedMoney(text string, toks []token, k int) bool {
	for x := k; x < len(toks) && x < k+3; x++ {
		switch text[toks[x].s:toks[x].e] {
		case "$", "£", "€":
			return true
		case "a", "an", "another", "new":
			continue
		}
		return false
	}
	return false
}

// isCompanyNoun reports whether lw (lower case) is a noun naming a
// business, including compounds such as "chip-maker".
func isCompanyNoun(lw string) bool {
	return companyNouns[lw] || pluralCompanyNouns[lw] || isMaker(lw)
}

// isMaker reports whether lw is a compound such as "chipmaker" or
// "condom-maker".
func isMaker(lw string) bool {
	return strings.HasSuffix(lw, "-maker") || strings.HasSuffix(lw, "maker") && len(lw) > 6
}

// pluralCompanyNouns introduce lists of companies: "rivals such as X".
var pluralCompanyNouns = map[string]bool{
	"companies": true, "firms": true, "players": true, "rivals": true, "competitors": true,
	"makers": true, "chipmakers": true, "carmakers": true, "automakers": true, "newcomers": true,
	"giants": true, "startups": true, "start-ups": true, "groups": true, "partners": true,
	"customers": true, "clients": true, "vendors": true, "providers": true, "retailers": true,
	"banks": true, "lenders": true, "airlines": true, "carriers": true, "operators": true,
	"publishers": true, "developers": true, "studios": true, "brands": false, "manufacturers": true,
	"suppliers": true, "insurers": true, "brewers": true, "investors": true, "backers": true,
	"specialists": true, "businesses": true, "corporations": true, "conglomerates": true,
}

// pairSays reports whether the "said" at i is followed by "they" or
// "their" and a deal word soon after ("A and B said their merger", "A
// and B said they agreed to merge"): two firms speaking of a deal.
func pairSays(text string, toks []token, blocked []bool, i int) bool {
	n := i + 1
	if n >= len(toks) || toks[n].kind != tokWord {
		return false
	}
	if w := strings.ToLower(text[toks[n].s:toks[n].e]); w != "they" && w != "their" {
		return false
	}
	for k := n + 1; k < len(toks) && k < n+6; k++ {
		if toks[k].lex&fDeal != 0 {
			return true
		}
	}
	return false
}

// appositionFollowers may follow the head noun of "X, a … maker".
var appositionFollowers = map[string]bool{
	"of": true, "in": true, "that": true, "which": true, "behind": true, "based": true, "for": true,
	"with": true, "from": true, "known": true, "founded": true, "owned": true, "and": true,
	"whose": true, "who": true, "headquartered": true, "controlled": true, "backed": true, "at": true,
}

// designators end names that are companies without a legal suffix.
var designators = map[string]bool{
	"Airlines": true, "Airways": true, "Bank": true, "Banking": false, "Estates": true, "Healthcare": true,
	"Laboratories": true, "Labs": true, "Motors": true, "Industries": true, "Systems": true,
	"Technologies": true, "Communications": true, "Pharmaceuticals": true, "Pharma": true,
	"Breweries": true, "Brewery": true, "Entertainment": true, "Studios": true, "Software": true,
	"Networks": true, "Electronics": true, "Semiconductor": true, "Semiconductors": true,
	"Petroleum": true, "Chemicals": true, "Chemical": true, "Cement": true, "Steel": true,
	"Foods": true, "Stores": true, "Interactive": true, "Robotics": true, "Therapeutics": true,
	"Biosciences": true, "Biotech": true, "Games": true, "Motor": false, "Airline": true,
	"Insurance": true, "Bancorp": true, "Financial": true, "Capital": true, "Ventures": true,
	"Partners": true, "Enterprises": true, "Resources": true, "Mining": true, "Minerals": true,
	"Utilities": true, "Telecom": true, "Telecommunications": true, "Savings": true,
	"Associates": true, "Investments": true,
	"Pictures": true, "Records": true, "Publishing": true, "Media": true, "Brands": true,
	"Retail": false, "Logistics": true, "Shipping": true, "Aerospace": true, "Dynamics": true,
	"Instruments": true, "Devices": true, "Microsystems": true, "Solutions": true, "Electric": true, "Electrical": true, "Works": true,
}

// verbRoles are the person cues of personRoles that are verbs or
// prepositions: after them only a known given name starts a person.
var verbRoles = map[string]bool{"said": true, "says": true, "told": true, "by": true}

// companyVoice are job titles that, between two names, show the first to
// be an organisation: "Pixelhall Arcade CEO Dana Reed".
var companyVoice = map[string]bool{
	"CEO": true, "CFO": true, "CTO": true, "COO": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "founder": true, "co-founder": true, "cofounder": true, "chairman": true,
}

// personRoleCap are capitalised job titles before "of" ("Managing
// Partner of X").
var personRoleCap = map[string]bool{
	"Partner": true, "Director": true, "President": true, "Head": true, "Chairman": true,
	"CEO": true, "Founder": true, "Officer": true, "Manager": true, "Analyst": true, "Executive": true,
}

// institutionWords mark public bodies, events and schools, which are not
// companies when found by context alone.
var institutionWords = map[string]bool{
	"Association": true, "Council": true, "Federation": true, "Institute": true, "Union": true,
	"Committee": true, "Commission": true, "Authority": true, "Agency": true, "Ministry": true,
	"Board": true, "Bureau": true, "Organization": true, "Organisation": true,
	"Foundation": true, "University": true, "College": true, "School": true, "Society": true,
	"League": true, "Federal": true, "Reserve": true, "Central": true, "Development": true,
	"Government": true, "Parliament": true, "Court": true, "Olympic": true, "Olympics": true,
	"Commonwealth": true, "Paralympic": true, "Museum": true, "Hospital": true, "Party": true,
	"Congress": true, "Senate": true, "Assembly": true, "Exchange": true, "Regulator": true,
	"Treasury": true, "Fund": true, "Expo": true, "Advisory": true, "Conference": true, "Summit": true,
}

// tradeWords name a line of business: a name holding one is a firm even
// with an institution word in it ("Imperial Continental Gas Association",
// "Northwest Federal Savings and Loan Association").
var tradeWords = map[string]bool{
	"Savings": true, "Loan": true, "Gas": true, "Oil": true, "Insurance": true, "Mortgage": true,
	"Electric": true, "Petroleum": true, "Mining": true, "Steel": true, "Shipping": true,
}

// foreignDesignators start company names in other languages.
var foreignDesignators = map[string]bool{
	"Banca": true, "Banco": true, "Banque": true, "Groupe": true, "Grupo": true, "Compagnie": true,
	"Société": true, "Societe": true, "Compañía": true, "Companhia": true, "Gruppo": true,
	"Industrias": true, "Aktiengesellschaft": true,
}

// platformPrefix returns the end of the longest gazetteer platform name
// starting at toks[s] within toks[s:e], or s when there is none.
func (r *EntityRecognizer) platformPrefix(text string, toks []token, s, e int) int {
	return r.longestPrefix(text, toks, s, e, true)
}

// gazetteerPrefix returns the end of the longest gazetteer company name
// starting at toks[s] within toks[s:e], or s when there is none.
func (r *EntityRecognizer) gazetteerPrefix(text string, toks []token, s, e int) int {
	return r.longestPrefix(text, toks, s, e, false)
}

// longestPrefix walks the gazetteer trie from toks[s] and returns the end
// of the longest platform (platform true; its case must match too) or
// company name that toks[s:e] starts with, or s when there is none.
func (r *EntityRecognizer) longestPrefix(text string, toks []token, s, e int, platform bool) int {
	n := r.root
	best := s
	var keyBuf [64]byte // most keys: no copy on the heap
	key := keyBuf[:0]
	for k := s; k < e; k++ {
		key = appendLower(key[:0], text[toks[k].s:toks[k].e])
		c, ok := n.next[string(key)]
		if !ok {
			break
		}
		n = c
		for _, ref := range n.refs {
			if ref.platform == platform && (!platform || r.caseMatches(text, toks[s:k+1], ref.toks)) {
				best = k + 1
			}
		}
	}
	return best
}

// propagate finds the short forms of the names found so far ("Harbor
// Marine" and "Harbor" for "Harbor Marine Corp") in the rest of the
// text. A short form two names share at the same strength is skipped.
func (r *EntityRecognizer) propagate(text string, toks []token, blocked []bool, picked []candidate) (out []candidate) {
	// A form is a run of tokens of a found name, kept as token ranges.
	type form struct {
		ti, tj   int // tokens of the form in the text
		name     string
		strength int
		ambig    bool
		first    string // the form's first word, set by addForm
		pattern  bool   // a full name found only by a context pattern
	}
	var forms []form
	// Forms are indexed by their words, so that adding one, finding the
	// form of a name and matching forms against the text each cost the
	// same however many names the article holds: no pass over every form
	// per token, which made long articles quadratic.
	byWords := map[string]int{} // the form's words, length-prefixed -> index
	var key []byte              // the key of the form being added
	addForm := func(f form) {
		if f.tj <= f.ti || f.strength < 3 && text[toks[f.ti].s:toks[f.tj-1].e] == f.name {
			return
		}
		f.first = text[toks[f.ti].s:toks[f.ti].e]
		key = key[:0]
		for k := f.ti; k < f.tj; k++ {
			w := text[toks[k].s:toks[k].e]
			key = strconv.AppendInt(key, int64(len(w)), 10)
			key = append(key, ':')
			key = append(key, w...)
		}
		if i, ok := byWords[string(key)]; ok {
			switch {
			case forms[i].strength == 2 && f.pattern:
				// "acquire Seton" and "Seton Co": the name without its
				// legal suffix is the short form, not another company,
				// whichever comes first.
			case forms[i].pattern && f.strength == 2:
				forms[i] = f
			case forms[i].strength < f.strength:
				forms[i] = f
			case forms[i].strength == f.strength && forms[i].name != f.name:
				forms[i].ambig = true
			}
			return
		}
		byWords[string(key)] = len(forms)
		forms = append(forms, f)
	}
	// A known name's short forms ("Epic" for "Epic Games") only rename what
	// other rules found ("Epic said"): known maps a form to its name, or
	// to "" when two known names share it.
	var known map[string]string
	addKnown := func(f, name string) {
		if f == name {
			return
		}
		if known == nil {
			known = map[string]string{}
		}
		if n, ok := known[f]; ok && n != name {
			known[f] = ""
			return
		}
		known[f] = name
	}
	// Known names need their short forms only when another rule found
	// a company.
	others := false
	for _, c := range picked {
		if c.kind == partnergraph.MentionCompany && c.source != "gazetteer" {
			others = true
			break
		}
	}
	for _, c := range picked {
		if c.kind != partnergraph.MentionCompany {
			continue
		}
		isKnown := c.source == "gazetteer"
		if isKnown && !others {
			continue
		}
		if !isKnown {
			addForm(form{ti: c.ti, tj: c.tj, name: c.name, strength: 3, pattern: c.source == "pattern"})
		}
		core := c.tj
		for core-c.ti > 1 && toks[core-1].lex&fSuffix != 0 {
			core--
		}
		if core < c.tj {
			if isKnown {
				addKnown(text[toks[c.ti].s:toks[core-1].e], c.name)
			} else {
				addForm(form{ti: c.ti, tj: core, name: c.name, strength: 2})
			}
		}
		if core-c.ti >= 2 && toks[c.ti].kind == tokWord {
			w := text[toks[c.ti].s:toks[c.ti].e]
			if len(w) >= 3 && !r.g.IsNonCompany(w) && !genericCap[w] && !leadingStop[w] && toks[c.ti].lex&fPersonName == 0 && toks[c.ti+1].kind != tokPoss && !nameConnectors[text[toks[c.ti+1].s:toks[c.ti+1].e]] {
				if isKnown {
					addKnown(w, c.name)
				} else {
					addForm(form{ti: c.ti, tj: c.ti + 1, name: c.name, strength: 1})
				}
			}
		}
	}
	if known != nil {
		defer func() {
			for i := range out {
				if c := &out[i]; c.kind == partnergraph.MentionCompany && c.source != "gazetteer" && known[c.name] != "" {
					c.name = known[c.name]
				}
			}
		}()
	}
	if len(forms) == 0 {
		return picked
	}
	// bySurface and byFirst list the forms by their text and by their first
	// word, in the order of forms.
	bySurface, byFirst := map[string][]int{}, map[string][]int{}
	for i, f := range forms {
		surface := text[toks[f.ti].s:toks[f.tj-1].e]
		bySurface[surface] = append(bySurface[surface], i)
		byFirst[f.first] = append(byFirst[f.first], i)
	}
	formOf := func(name string) (form, bool) {
		for _, i := range bySurface[name] {
			if f := forms[i]; !f.ambig && f.name != name && !strings.ContainsAny(name, "\n") {
				return f, true
			}
		}
		return form{}, false
	}
	for i, c := range picked {
		if c.kind == partnergraph.MentionCompany && c.source != "gazetteer" {
			if f, ok := formOf(c.name); ok {
				picked[i].name = f.name
			}
		}
	}
	var added []candidate
	pi := 0 // next picked candidate, for coverage
	for i := 0; i < len(toks); i++ {
		for pi < len(picked) && picked[pi].tj <= i {
			pi++
		}
		if pi < len(picked) && picked[pi].ti <= i {
			i = picked[pi].tj - 1
			continue
		}
		t := &toks[i]
		if t.kind != tokWord || isBlocked(blocked, i) || !t.hasUpper && !isDigitASCII(text[t.s]) {
			continue
		}
		w := text[t.s:t.e]
		bestLen := 0
		var best *form
		for _, fi := range byFirst[w] {
			f := &forms[fi]
			n := f.tj - f.ti
			if f.ambig || n <= bestLen || i+n > len(toks) {
				continue
			}
			if pi < len(picked) && picked[pi].ti < i+n {
				continue // would overlap the next found name
			}
			match := true
			for k := 1; k < n; k++ {
				x, y := &toks[i+k], &toks[f.ti+k]
				if x.nlBefore || text[x.s:x.e] != text[y.s:y.e] {
					match = false
					break
				}
			}
			// the form must end the name: "Crust House" is not a mention
			// of "Pizza Hut Inc" via "Pizza"
			if match && i+n < len(toks) && isNameWord(text, toks[i+n]) && !toks[i+n].nlBefore && toks[i+n].lex&fSuffix == 0 {
				match = false
			}
			if match {
				bestLen, best = n, f
			}
		}
		if best == nil {
			continue
		}
		j := i + bestLen
		added = append(added, candidate{ti: i, tj: j, s: t.s, e: toks[j-1].e, kind: partnergraph.MentionCompany,
			name: best.name, source: "alias", conf: 0.7, priority: 0})
		i = j - 1
	}
	if len(added) == 0 {
		return picked
	}
	return pick(append(picked, added...))
}

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord  tokKind = iota // letters and digits, with inner - . & ' +
	tokPoss                 // a possessive 's or a lone apostrophe after s
	tokPunct                // one punctuation or symbol rune
)

// token is one word or punctuation mark of a text, by byte offsets.
type token struct {
	first     *trieNode // gazetteer names starting with this word, or nil
	lex       lexFlag   // word classes of the exact spelling, see EntityRecognizer.lex
	s, e      int
	kind      tokKind
	cap       bool // first rune is upper case
	upper     bool // every letter is upper case (and there is one)
	hasUpper  bool // some letter is upper case
	hasLetter bool
	nlBefore  bool // a line break lies between this token and the previous one
	sentStart bool // first word of a sentence (approximate)
	shout     bool // on an all-capitals line (a wire headline)
	titled    bool // on a title-case line (a headline or a menu)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiAlnum[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// asciiAlnum marks the ASCII letters and digits.
var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func decode(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize splits s into tokens. Numbers keep inner decimal points and
// thousands commas ("4.4", "1,000"); words keep inner hyphens ("Wal-Mart"),
// ampersands between capitals ("AT&T"), dotted initials ("U.S.", "B.V."),
// domain dots ("Amazon.com"), inner apostrophes ("O'Neil") and a final
// plus ("Disney+"); a possessive "'s" is a token of its own.
func tokenize(s string, toks []token) []token {
	toks = toks[:0]
	nl := false
	for i := 0; i < len(s); {
		switch s[i] {
		case '\n':
			nl = true
			i++
			continue
		case ' ', '\t', '\r':
			i++
			continue
		}
		r, w := decode(s, i)
		if r >= utf8.RuneSelf && unicode.IsSpace(r) {
			i += w
			continue
		}
		if r == '\'' && len(toks) > 0 && toks[len(toks)-1].e == i && toks[len(toks)-1].kind == tokWord {
			// possessive: 's or a bare ' after a word ending in s
			r2, w2 := decode(s, i+1)
			if (r2 == 's' || r2 == 'S') && !nextIsWord(s, i+1+w2) {
				toks = append(toks, token{s: i, e: i + 1 + w2, kind: tokPoss, nlBefore: nl})
				nl = false
				i += 1 + w2
				continue
			}
			if prev := s[toks[len(toks)-1].e-1]; (prev == 's' || prev == 'S') && !isWordRune(r2) {
				toks = append(toks, token{s: i, e: i + 1, kind: tokPoss, nlBefore: nl})
				nl = false
				i++
				continue
			}
		}
		if r < utf8.RuneSelf && !asciiAlnum[r] || r >= utf8.RuneSelf && !isWordRune(r) {
			toks = append(toks, token{s: i, e: i + w, kind: tokPunct, nlBefore: nl})
			nl = false
			i += w
			continue
		}
		t := token{s: i, kind: tokWord, nlBefore: nl}
		nl = false
		seg := 0 // letters in the current dot-separated segment
		j := i
		ascii := true // every rune so far is ASCII: flags are kept on the fly
		// In an all-ASCII word the first byte is a letter or digit, so the
		// word is capitalised when that byte is an upper-case letter.
		t.cap = isUpperASCII(s[i])
		var cls uint8 // asciiWordClass bits of the ASCII letters and digits seen
		for j < len(s) {
			if k := asciiWordClass[s[j]]; k != 0 {
				cls |= k
				j++
				seg++
				continue
			}
			if wordStopByte[s[j]] {
				// "1,000": a comma between digits continues a number.
				if s[j] == ',' && j > i && isDigitASCII(s[j-1]) && j+1 < len(s) && isDigitASCII(s[j+1]) {
					j++
					seg = 0
					continue
				}
				break // space, comma and the like never continue a word
			}
			ascii = ascii && s[j] < utf8.RuneSelf
			r, w := decode(s, j)
			if isWordRune(r) {
				j += w
				seg++
				continue
			}
			r2, _ := decode(s, j+w)
			switch r {
			case '-', '\u2010', '\u2011':
				if isWordRune(r2) {
					j += w
					seg = 0
					continue
				}
			case '&':
				if j > i && isUpperASCII(s[j-1]) && r2 < utf8.RuneSelf && isUpperASCII(byte(r2)) {
					j += w
					seg = 0
					continue
				}
			case '\'':
				if r2 != 's' && r2 != 'S' && unicode.IsLetter(r2) && seg == 1 {
					j += w // O'Neil, D'Amato
					seg = 0
					continue
				}
			case '.':
				if isDigitASCII(s[j-1]) && r2 < utf8.RuneSelf && isDigitASCII(byte(r2)) {
					j += w // 4.4
					seg = 0
					continue
				}
				if seg == 1 && unicode.IsLetter(r2) {
					j += w // U.S, B.V
					seg = 0
					continue
				}
				if seg == 1 && j > i+1 && s[j-2] == '.' {
					j += w // the final period of U.S.
					goto done
				}
				if isDomain(s[j+1:]) {
					j += w
					seg = 0
					continue
				}
			case '+':
				if !isWordRune(r2) && j > i && !isDigitASCII(s[j-1]) {
					j += w
					goto done
				}
			}
			break
		}
	done:
		t.e = j
		if ascii {
			lower, upper := cls&classLower != 0, cls&classUpper != 0
			t.hasLetter = lower || upper
			t.hasUpper = upper
			t.upper = upper && !lower
		} else {
			t.cap = false
			fillWordFlags(s, &t)
		}
		toks = append(toks, t)
		i = j
	}
	return toks
}

// asciiWordClass classifies bytes for tokenize: classLower, classUpper
// or classDigit for ASCII letters and digits, 0 for every other byte.
var asciiWordClass = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			t[c] = classLower
		case c >= 'A' && c <= 'Z':
			t[c] = classUpper
		case c >= '0' && c <= '9':
			t[c] = classDigit
		}
	}
	return t
}()

// wordStopByte marks the ASCII bytes that end a word wherever they occur:
// all but letters, digits and the joiners - & ' . + that tokenize looks at.
var wordStopByte = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = !asciiAlnum[c] && !strings.ContainsRune("-&'.+", rune(c))
	}
	return t
}()

// Byte classes of asciiWordClass.
const (
	classLower uint8 = 1 << iota
	classUpper
	classDigit
)

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigitASCII(c byte) bool { return c >= '0' && c <= '9' }

func nextIsWord(s string, i int) bool {
	r, w := decode(s, i)
	return w > 0 && isWordRune(r)
}

// isDomain reports whether s starts with a top-level domain ending a word,
// as in "Amazon.com".
func isDomain(s string) bool {
	for _, d := range []string{"com", "net", "org", "io", "ai", "app", "tv"} {
		if len(s) >= len(d) && s[:len(d)] == d && !nextIsWord(s, len(d)) {
			return true
		}
	}
	return false
}

func fillWordFlags(s string, t *token) {
	first := true
	upper := true
	for i := t.s; i < t.e; {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z':
				t.hasLetter = true
				upper = false
				first = false
			case c >= 'A' && c <= 'Z':
				t.hasLetter, t.hasUpper = true, true
				if first {
					t.cap = true
					first = false
				}
			case c >= '0' && c <= '9':
				first = false
			}
			continue
		}
		r, w := decode(s, i)
		i += w
		if !unicode.IsLetter(r) {
			if first && unicode.IsDigit(r) {
				first = false
			}
			continue
		}
		t.hasLetter = true
		isUp := unicode.IsUpper(r)
		if first {
			t.cap = isUp
			first = false
		}
		if isUp {
			t.hasUpper = true
		} else {
			upper = false
		}
	}
	t.upper = upper && t.hasLetter
}

// fundWords describe an investment arm: "venture capital arm", "investment
// arm".
var fundWords = setOf("venture", "capital", "investment", "investing", "ventures", "VC")

// fundNames are the words by which a company names its investment fund:
// "Samsung Ventures", "Salesforce Ventures".
var fundNames = setOf("Ventures", "Capital", "Investments")

// fundEnd returns the end of a fund name that starts at token k after a
// known company ("Ventures", "Capital", "Capital Corp"), or k when none
// does.
func fundEnd(text string, toks []token, k int) int {
	if k >= len(toks) || toks[k].nlBefore || toks[k].kind != tokWord || !fundNames[text[toks[k].s:toks[k].e]] {
		return k
	}
	// "Samsung Ventures Corp" and the like keep their suffix.
	e := k + 1
	for e < len(toks) && !toks[e].nlBefore && toks[e].kind == tokWord && legalSuffix[text[toks[e].s:toks[e].e]] && !weakSuffix[text[toks[e].s:toks[e].e]] {
		e++
	}
	// "Merrill Lynch Capital Markets" is a longer name the fund rule does
	// not read.
	if e < len(toks) && !toks[e].nlBefore && toks[e].kind == tokWord && toks[e].cap && !toks[e].sentStart {
		return k
	}
	return e
}

// unitNouns name a part of a company: "its production arm, Yugansk".
var unitNouns = setOf("arm", "unit", "subsidiary", "division", "affiliate")

// possessiveBefore reports whether a possessive comes in the five tokens
// before i: "Yukos' main production arm".
func possessiveBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if toks[k].kind == tokPoss {
			return true
		}
		if toks[k].kind == tokPunct {
			return false
		}
	}
	return false
}

// andBusinessWords complete a name after "and": "Air Products and
// Chemicals Inc", "Pacific Gas and Electric Co".
var andBusinessWords = setOf("Chemicals", "Chemical", "Electronics", "Electric", "Industries", "Manufacturing", "Engineering",
	"Minerals", "Mining", "Sons", "Associates", "Telegraph", "Telephone", "Light", "Power", "Loan", "Loans", "Savings",
	"Trust", "Gas", "Foods", "Products", "Shipping", "Communications", "Instruments", "Refining", "Oil", "Steel")

// oneNameAfterAnd reports whether the tokens after the "and" of a
// suffixed name (its suffix included) are only legal suffixes, or one
// business word and the suffixes.
func oneNameAfterAnd(text string, rest []token) bool {
	words := 0
	for _, t := range rest {
		w := text[t.s:t.e]
		switch {
		case t.lex&fSuffix != 0:
		case t.kind == tokWord && andBusinessWords[w]:
			words++
		default:
			return false
		}
	}
	return words <= 1
}

// withoutAndCo returns the tokens of a name without a closing "and Co"
// or "& Co" and the suffixes after it ("Goldman Sachs and Co Inc" gives
// "Goldman Sachs"), or nil when the name does not end so.
func withoutAndCo(text string, name []token) []token {
	e := len(name)
	for e > 0 && name[e-1].lex&fSuffix != 0 && text[name[e-1].s:name[e-1].e] != "Co" {
		e--
	}
	if e < 3 || text[name[e-1].s:name[e-1].e] != "Co" {
		return nil
	}
	if w := text[name[e-2].s:name[e-2].e]; w != "and" && w != "&" {
		return nil
	}
	return name[:e-2]
}
