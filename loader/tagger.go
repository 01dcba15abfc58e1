package loader

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Tagger is the learned company recogniser: an averaged-perceptron
// sequence tagger that marks each token of a capitalised run as the
// beginning of a company name (B), inside one (I) or outside (O), reading
// left to right with its own earlier tags as context. Its features are
// general: the word's shape, affixes and case, how the unlabelled corpora
// write the word ([Lexicon]), the gazetteer's word classes, what the
// hand-written recognition rules found there, and the words around it.
// Word identities are features too, but a name no training article holds
// is recognised from the rest. [TrainTagger] makes one from labelled
// articles; `make models` ships one trained on the whole labelled corpus.
type Tagger struct {
	// Note says how the tagger was trained.
	Note string
	// weights maps a feature hash to its weight per tag.
	weights map[uint64][nTags]float32
	// names keeps each feature's name for Encode, by hash.
	names map[uint64]string
	// table indexes weights for score.
	table weightTable
	// fixed holds the weights of the features whose values are few,
	// by value, for scoreToken.
	fixed *fixedWeights
}

// The tags of a token.
const (
	tagO = iota
	tagB
	tagI
	nTags
)

// tagName spells the tags in feature names and files.
var tagName = [nTags]string{"O", "B", "I"}

// decide returns the tag with the best score s for a token whose
// predecessor in the run has tag prev (-1 for none): I only continues a
// name, and a tie goes to O, then B.
func decide[F float32 | float64](s [nTags]F, prev int) int {
	best := tagO
	if s[tagB] > s[best] {
		best = tagB
	}
	if (prev == tagB || prev == tagI) && s[tagI] > s[best] {
		best = tagI
	}
	return best
}

// tagRun is a run of tokens [i, j) that may hold names: capitalised
// words, numbers and the connectors between them.
type tagRun struct{ i, j int }

// runs returns the runs of tx worth tagging. A run starts at a word with
// a capital letter or a digit and goes on through such words, a
// possessive-free connector ("of", "and", "&", "de") or a hyphen followed
// by one; everything else is outside every name. Lines in capitals (wire
// headlines) say nothing by their case and are left to the rules.
func (tx *Text) runs() []tagRun {
	return tx.appendRuns(nil)
}

// appendRuns appends the runs of tx to out.
func (tx *Text) appendRuns(out []tagRun) []tagRun {
	toks := tx.toks
	nameish := func(k int) bool {
		t := &toks[k]
		return t.kind == tokWord && !t.shout && (t.hasUpper || isDigitASCII(tx.Src[t.s]))
	}
	for k := 0; k < len(toks); {
		if !nameish(k) {
			k++
			continue
		}
		i := k
		k++
		for k < len(toks) && !toks[k].nlBefore {
			if nameish(k) {
				k++
				continue
			}
			w := tx.Src[toks[k].s:toks[k].e]
			if (len(w) <= nameConnectorMax && nameConnectors[w] || w == "-" || w == ".") && k+1 < len(toks) && !toks[k+1].nlBefore && nameish(k+1) {
				k += 2
				continue
			}
			break
		}
		out = append(out, tagRun{i, k})
	}
	return out
}

// nameConnectorMax is the length of the longest of nameConnectors: a
// longer word is none, without a look-up.
var nameConnectorMax = func() int {
	n := 0
	for w := range nameConnectors {
		n = max(n, len(w))
	}
	return n
}()

// tagContext is what the features of one article need besides its text:
// the lexicon, the gazetteer and the hand-written rules' mentions, with
// what the features read of each token worked out once.
type tagContext struct {
	tx  *Text
	lex *Lexicon
	g   *Gazetteer
	// rule[k] is the tag and source of the rules' mention over token k:
	// 0 for none, else 1+2*sourceIndex (+1 inside).
	rule []uint8
	// lowerSeen and capSeen hold the hashes of the words of the runs, in
	// lower case and as written; lowerSeen counts how often the article
	// writes each of the first in lower case, capSeen each of the second
	// capitalised inside a sentence (not first, not on a headline line).
	lowerSeen, capSeen hashCounts
	// lowerAt and capAt give the slot (+1) of each token of the runs in
	// lowerSeen and capSeen, 0 for other tokens.
	lowerAt, capAt []int32
	// lowerBits and capBits hold the wordBit of the words of lowerSeen
	// and capSeen: a word whose bit is clear is in neither, unhashed.
	lowerBits, capBits wordBits
	// runs are the runs of tx (Text.runs).
	runs []tagRun
	// corpus[k] says where token k lies in a company name the rules
	// found across the unlabelled corpora ("B3": first word of a name
	// found in 10-99 articles), or "".
	corpus []string
	// lw, shape and ctx cache each token's lower-case form, shape and
	// context word ("" until needed).
	lw, shape, ctx []string
	counts         [][2]uint32
	counted        []bool
	// shapes makes the strings of shapes, kept from article to article.
	shapes  shapeCache
	feats   []uint64
	name    func(tmpl, val string)
	nameBuf []byte
}

// ruleSources are the sources of the rules' mentions, as features.
var ruleSources = []string{"gazetteer", "markup", "suffix", "pattern", "alias", "shout", "other"}

func newTagContext(tx *Text, lex *Lexicon, g *Gazetteer, rules []candidate) *tagContext {
	return new(tagContext).init(tx, lex, g, rules, false)
}

// tagContexts recycles the buffers of the tag contexts Tagger.tag uses.
var tagContexts sync.Pool

// sized returns s with length n and every element zero, reusing its
// array when it is large enough.
func sized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// init makes c the context of tx, reusing c's buffers. With
// skipCovered the runs the rules named whole are left out: tagging them
// could add nothing.
func (c *tagContext) init(tx *Text, lex *Lexicon, g *Gazetteer, rules []candidate, skipCovered bool) *tagContext {
	n := len(tx.toks)
	c.tx, c.lex, c.g, c.name = tx, lex, g, nil
	c.rule, c.corpus = sized(c.rule, n), sized(c.corpus, n)
	c.lw, c.shape, c.ctx = sized(c.lw, n), sized(c.shape, n), sized(c.ctx, n)
	c.counts, c.counted = sized(c.counts, n), sized(c.counted, n)
	c.lowerAt, c.capAt = sized(c.lowerAt, n), sized(c.capAt, n)
	for _, m := range rules {
		if m.kind != partnergraph.MentionCompany {
			continue
		}
		si := slices.Index(ruleSources, m.source)
		if si < 0 {
			si = len(ruleSources) - 1
		}
		for k := m.ti; k < m.tj && k < n; k++ {
			c.rule[k] = uint8(1 + 2*si)
			if k > m.ti {
				c.rule[k]++
			}
		}
	}
	// Company names the rules found across the unlabelled corpora:
	// leftmost-longest matches from the tokens of the runs, each token
	// marked with its place in the name and the name's article count.
	c.runs = tx.appendRuns(c.runs[:0])
	if skipCovered {
		c.runs = uncoveredRuns(c.runs, rules)
		if len(c.runs) == 0 {
			return c // nothing to tag, so nothing more to know
		}
	}
	for _, r := range c.runs {
		for k := r.i; k < r.j; {
			m, df := lex.nameAt(tx, k)
			if m == 0 {
				k++
				continue
			}
			for x := k; x < k+m; x++ {
				pos := "I"
				if x == k {
					pos = "B"
				}
				c.corpus[x] = pos + lexBucket(df)
			}
			k += m
		}
	}
	// What the article writes elsewhere of the words of its runs: in
	// lower case, or capitalised inside a sentence (and how often).
	clear(c.lowerBits[:])
	clear(c.capBits[:])
	inRuns := 0
	for _, r := range c.runs {
		inRuns += r.j - r.i
	}
	c.lowerSeen.reset(inRuns)
	c.capSeen.reset(inRuns)
	for _, r := range c.runs {
		for k := r.i; k < r.j; k++ {
			t := &tx.toks[k]
			lw, w := c.lowerOf(k), tx.Src[t.s:t.e]
			c.lowerAt[k] = c.lowerSeen.insert(wordHash(lw)) + 1
			c.capAt[k] = c.capSeen.insert(wordHash(w)) + 1
			c.lowerBits.add(lw)
			c.capBits.add(w)
		}
	}
	for i := range tx.toks {
		t := &tx.toks[i]
		if t.kind != tokWord || !t.hasLetter {
			continue
		}
		w := tx.Src[t.s:t.e]
		switch {
		case !t.hasUpper:
			if !c.lowerBits.has(w) {
				continue
			}
			c.lowerSeen.inc(wordHash(w))
		case !t.sentStart && !t.titled && !t.shout:
			if !c.capBits.has(w) {
				continue
			}
			c.capSeen.inc(wordHash(w))
		}
	}
	return c
}

// wordBits is a bit set of words by wordBit, a filter in front of a
// costlier lookup: a word whose bit is clear was never added; one whose
// bit is set may have been.
type wordBits [1 << 12 / 64]uint64

// wordBit hashes a word's length and first and last bytes into the bits
// of a wordBits.
func wordBit(w string) uint32 {
	if w == "" {
		return 0
	}
	h := uint32(w[0]) | uint32(w[len(w)-1])<<8 | uint32(len(w))<<16
	return (h * 0x9E3779B1) >> (32 - 12)
}

// add adds w to the set.
func (b *wordBits) add(w string) {
	h := wordBit(w)
	b[h>>6] |= 1 << (h & 63)
}

// has reports whether w may have been added.
func (b *wordBits) has(w string) bool {
	h := wordBit(w)
	return b[h>>6]&(1<<(h&63)) != 0
}

// lowerOf returns token k in lower case.
func (c *tagContext) lowerOf(k int) string {
	if c.lw[k] == "" {
		t := &c.tx.toks[k]
		w := c.tx.Src[t.s:t.e]
		if isASCII(w) {
			c.lw[k] = c.tx.lowered()[t.s:t.e]
		} else {
			c.lw[k] = strings.ToLower(w)
		}
	}
	return c.lw[k]
}

// countsOf returns the lexicon's counts of token k (Lexicon.words).
func (c *tagContext) countsOf(k int) [2]uint32 {
	if !c.counted[k] {
		lw := c.lowerOf(k)
		if i := c.lowerAt[k]; i > 0 {
			// A word of the runs: looked up once an article.
			s := &c.lowerSeen.slots[i-1]
			if !s.looked {
				s.w, s.lex, s.looked = lw, c.wordCounts(lw), true
			}
			if s.w == lw {
				c.counts[k] = s.lex
			} else { // another word of the same hash
				c.counts[k] = c.wordCounts(lw)
			}
		} else {
			c.counts[k] = c.wordCounts(lw)
		}
		c.counted[k] = true
	}
	return c.counts[k]
}

// wordCounts returns c.lex.words[lw].
func (c *tagContext) wordCounts(lw string) [2]uint32 {
	return c.lex.wordCounts(lw)
}

// shapeOf returns the shape of token k (wordShape).
func (c *tagContext) shapeOf(k int) string {
	if c.shape[k] == "" {
		t := &c.tx.toks[k]
		c.shape[k] = c.shapes.of(c.tx.Src[t.s:t.e])
	}
	return c.shape[k]
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// featHash hashes a feature: its template name and value.
func featHash(tmpl, val string) uint64 {
	h := newTmpl(tmpl).h
	for i := 0; i < len(val); i++ {
		h = (h ^ uint64(val[i])) * fnvPrime
	}
	return h
}

// add records a feature: template t, value the concatenation of parts.
func (c *tagContext) add(t tmpl, parts ...string) {
	c.feats = append(c.feats, t.hash(parts...))
	if c.name != nil {
		c.nameBuf = c.nameBuf[:0]
		for _, p := range parts {
			c.nameBuf = append(c.nameBuf, p...)
		}
		c.name(t.name, string(c.nameBuf))
	}
}

// hashCounts counts the occurrences of a set of word hashes fixed in
// advance: an open-addressing table, reused from article to article.
type hashCounts struct {
	slots []hashCount
	mask  uint64
}

// hashCount is one slot of a hashCounts. w and lex are free for the
// user of the table: lowerSeen keeps there the first word of the slot's
// hash it read and the lexicon's counts of it, once looked.
type hashCount struct {
	h      uint64
	n      uint32
	used   bool
	looked bool
	lex    [2]uint32
	w      string
}

// reset empties t, with room for n hashes.
func (t *hashCounts) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	t.slots, t.mask = sized(t.slots, size), uint64(size-1)
}

// slot returns the slot of h, or the empty slot where it would go.
func (t *hashCounts) slot(h uint64) *hashCount {
	return &t.slots[t.index(h)]
}

// index returns the index of the slot of h, or of the empty slot where it
// would go.
func (t *hashCounts) index(h uint64) int32 {
	for i := (h * 0x9E3779B97F4A7C15 >> 32) & t.mask; ; i = (i + 1) & t.mask {
		if s := &t.slots[i]; !s.used || s.h == h {
			return int32(i)
		}
	}
}

// insert adds h to the set, with a count of 0, and returns the index of
// its slot, which stays its slot until reset.
func (t *hashCounts) insert(h uint64) int32 {
	i := t.index(h)
	if s := &t.slots[i]; !s.used {
		*s = hashCount{h: h, used: true}
	}
	return i
}

// inc counts one more occurrence of h if h is in the set.
func (t *hashCounts) inc(h uint64) {
	if s := t.slot(h); s.used {
		s.n++
	}
}

// count returns the count of h, 0 when h is not in the set.
func (t *hashCounts) count(h uint64) uint32 {
	return t.slot(h).n // an empty slot counts 0
}

// countAt is count(wordHash(w)) for a word whose slot insert returned
// at-1, or whose hash is to be worked out when at is 0.
func (t *hashCounts) countAt(at int32, w string) uint32 {
	if at > 0 {
		return t.slots[at-1].n
	}
	return t.count(wordHash(w))
}

// tagNames spells a tag in features, "-" for none.
func tagNameOf(t int) string {
	if t < 0 {
		return "-"
	}
	return tagName[t]
}

// ctxTmpls are the templates of the context-word features, for the
// offsets -2, -1, 1 and 2.
var ctxTmpls = [...]tmpl{newTmpl("ctx-2"), newTmpl("ctx-1"), newTmpl("ctx1"), newTmpl("ctx2")}

// tmpl is a feature template: its name and the hash of "name=", from
// which the hash of each of its features goes on (featHash).
type tmpl struct {
	name string
	h    uint64
}

// hash returns the hash of the feature of template t whose value is the
// concatenation of parts (featHash of t's name and that value).
func (t tmpl) hash(parts ...string) uint64 {
	h := t.h
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * fnvPrime
		}
	}
	return h
}

func newTmpl(name string) tmpl {
	h := uint64(fnvOffset)
	for i := 0; i < len(name); i++ {
		h = (h ^ uint64(name[i])) * fnvPrime
	}
	return tmpl{name, (h ^ '=') * fnvPrime}
}

// The feature templates of the tagger.
var (
	tBias           = newTmpl("bias")
	tCaphere        = newTmpl("caphere")
	tCompanynoun    = newTmpl("companynoun")
	tCorpus         = newTmpl("corpus")
	tCtxMinus1Plus1 = newTmpl("ctx-1+1")
	tEveryday       = newTmpl("everyday")
	tFlags          = newTmpl("flags")
	tGazstart       = newTmpl("gazstart")
	tLex            = newTmpl("lex")
	tLowerhere      = newTmpl("lowerhere")
	tNoncompany     = newTmpl("noncompany")
	tPerson         = newTmpl("person")
	tPre3           = newTmpl("pre3")
	tPrev           = newTmpl("prev")
	tPrevPlusShape  = newTmpl("prev+shape")
	tPrevPlusW      = newTmpl("prev+w")
	tPrev2          = newTmpl("prev2")
	tRule           = newTmpl("rule")
	tShape          = newTmpl("shape")
	tSuf3           = newTmpl("suf3")
	tSuffix         = newTmpl("suffix")
	tW              = newTmpl("w")
)

// flagNames spell the token flags of the "flags" feature, in order.
var flagNames = [...]string{"", "s", "h", "sh", "t", "st", "ht", "sht", "u", "su", "hu", "shu", "tu", "stu", "htu", "shtu"}

// features fills c.feats with the features of token k given the tags of
// the two tokens before it in its run (-1 outside the run), calling name
// with each feature's template and value when name is not nil.
func (c *tagContext) features(k, prev, prev2 int, name func(tmpl, val string)) []uint64 {
	c.feats, c.name = c.feats[:0], name
	tx, toks := c.tx, c.tx.toks
	t := &toks[k]
	w := tx.Src[t.s:t.e]
	lw := c.lowerOf(k)
	shape := c.shapeOf(k)
	c.add(tBias)
	// A word's identity is a feature only for everyday words, legal
	// suffixes and names public lists or the unlabelled corpora know: the
	// spelling of any other name would teach the tagger the names of the
	// training articles, not how names are written.
	wid := lw
	if t.lex&fSuffix == 0 && t.first == nil && c.corpus[k] == "" && !everyday(c.countsOf(k)) {
		wid = nameStandIn
	}
	c.add(tW, wid)
	c.add(tShape, shape)
	if len(lw) > 3 {
		c.add(tSuf3, lw[len(lw)-3:])
		c.add(tPre3, lw[:3])
	}
	f := 0
	for i, on := range []bool{t.sentStart, t.shout, t.titled, t.upper} {
		if on {
			f |= 1 << i
		}
	}
	flags := flagNames[f]
	if t.nlBefore {
		c.add(tFlags, flags, "n")
	} else {
		c.add(tFlags, flags)
	}
	counts := c.countsOf(k)
	c.add(tLex, lexBucket(counts[0]), "/", lexBucket(counts[1]))
	c.add(tEveryday, strconv.FormatBool(everyday(counts)))
	c.add(tLowerhere, strconv.FormatBool(c.lowerSeen.countAt(c.lowerAt[k], lw) > 0))
	c.add(tCaphere, lexBucket(c.capSeen.countAt(c.capAt[k], w)))
	if t.lex&fPersonName != 0 {
		c.add(tPerson)
	}
	if c.g.mayBeNonCompany(lw) && c.g.nonCompanies[lw] {
		c.add(tNoncompany)
	}
	if t.lex&fSuffix != 0 {
		c.add(tSuffix, w)
	}
	if t.first != nil {
		c.add(tGazstart)
	}
	if t.lex&fNoun != 0 {
		c.add(tCompanynoun)
	}
	if r := c.rule[k]; r > 0 {
		pos := "B-"
		if (r-1)%2 == 1 {
			pos = "I-"
		}
		c.add(tRule, pos, ruleSources[(r-1)/2])
	} else {
		c.add(tRule, "none")
	}
	if cp := c.corpus[k]; cp != "" {
		c.add(tCorpus, cp)
	} else {
		c.add(tCorpus, "none")
	}
	for i, d := range [...]int{-2, -1, 1, 2} {
		c.add(ctxTmpls[i], c.contextWord(k+d))
	}
	c.add(tCtxMinus1Plus1, c.contextWord(k-1), "|", c.contextWord(k+1))
	ptag, p2tag := tagNameOf(prev), tagNameOf(prev2)
	c.add(tPrev, ptag)
	c.add(tPrev2, p2tag, ptag)
	c.add(tPrevPlusShape, ptag, "|", shape)
	c.add(tPrevPlusW, ptag, "|", wid)
	return c.feats
}

// contextWord names the token at k for the context features: an everyday
// word or punctuation as itself, a name-like word by its shape, "<s>"
// beyond the sentence.
func (c *tagContext) contextWord(k int) string {
	toks := c.tx.toks
	if k < 0 || k >= len(toks) {
		return "<s>"
	}
	if c.ctx[k] != "" {
		return c.ctx[k]
	}
	t := &toks[k]
	w := c.tx.Src[t.s:t.e]
	var out string
	switch t.kind {
	case tokPoss:
		out = "'s"
	case tokPunct:
		out = w
	default:
		lw := c.lowerOf(k)
		if !t.hasUpper && !isDigitASCII(w[0]) || everyday(c.countsOf(k)) || t.lex&fSuffix != 0 {
			out = lw
		} else {
			out = c.shapeOf(k)
		}
	}
	c.ctx[k] = out
	return out
}

// wordShape maps a word to the pattern of its characters, with runs of the
// same class collapsed: "Nvidia" → "Xx", "IBM" → "X", "eBay" → "xXx",
// "8VC" → "dX", "Wal-Mart" → "Xx-Xx".
func wordShape(w string) string {
	var b [16]byte
	return string(b[:shapeBytes(w, &b)])
}

// shapeCache hands out the strings of word shapes, made once each: few
// shapes recur, article after article.
type shapeCache struct {
	m map[string]string
}

// maxShapes bounds the shapes a shapeCache keeps; rarer ones are made
// anew each time.
const maxShapes = 1 << 12

// of returns wordShape(w).
func (sc *shapeCache) of(w string) string {
	var b [16]byte
	n := shapeBytes(w, &b)
	if s, ok := sc.m[string(b[:n])]; ok {
		return s
	}
	s := string(b[:n])
	if sc.m == nil {
		sc.m = map[string]string{}
	}
	if len(sc.m) < maxShapes {
		sc.m[s] = s
	}
	return s
}

// shapeBytes writes the shape of w (wordShape) into b and returns its
// length.
func shapeBytes(w string, b *[16]byte) int {
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < 0x80:
			c = byte(r)
		default:
			c = 'u'
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
		}
		last = c
	}
	return n
}

// lexBucket puts a lexicon count on a log scale.
func lexBucket(n uint32) string {
	return lexBuckets[lexBucketIndex(n)]
}

// lexBuckets spell the buckets of lexBucket, by lexBucketIndex.
var lexBuckets = [...]string{"0", "1", "2", "3", "4", "5"}

// lexBucketIndex returns the index in lexBuckets of the bucket of n.
func lexBucketIndex(n uint32) int {
	switch {
	case n == 0:
		return 0
	case n < 3:
		return 1
	case n < 10:
		return 2
	case n < 100:
		return 3
	case n < 1000:
		return 4
	}
	return 5
}

// score returns the score of each tag for features fs.
func (tg *Tagger) score(fs []uint64) [nTags]float32 {
	var s [nTags]float32
	for _, f := range fs {
		if w, ok := tg.table.get(f); ok {
			for t := range s {
				s[t] += w[t]
			}
		}
	}
	return s
}

// weightTable is an open-addressing hash table of the tagger's weights by
// feature hash, faster to read than a map on the tagger's hot path. Each
// slot holds its key beside its weights, so that a hit, which most
// look-ups are, reads one stretch of memory.
type weightTable struct {
	slots []weightSlot
	mask  uint64
}

// weightSlot is one slot of a weightTable.
type weightSlot struct {
	key uint64 // a feature hash with its top bit set; 0 for an empty slot
	w   [nTags]float32
}

// newWeightTable indexes the weights of m.
func newWeightTable(m map[uint64][nTags]float32) weightTable {
	n := 16
	for n < len(m)+len(m)/2 {
		n *= 2
	}
	t := weightTable{slots: make([]weightSlot, n), mask: uint64(n - 1)}
	for h, w := range m {
		i := t.slot(h)
		for t.slots[i].key != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = weightSlot{h | 1<<63, w} // the top bit marks a used slot
	}
	return t
}

// slot returns the first slot to probe for hash h.
func (t *weightTable) slot(h uint64) uint64 {
	return (h * 0x9E3779B97F4A7C15 >> 20) & t.mask
}

// get returns the weights of feature hash h.
func (t *weightTable) get(h uint64) ([nTags]float32, bool) {
	if len(t.slots) == 0 {
		return [nTags]float32{}, false
	}
	k := h | 1<<63
	for i := t.slot(h); ; i = (i + 1) & t.mask {
		switch s := &t.slots[i]; s.key {
		case k:
			return s.w, true
		case 0:
			return [nTags]float32{}, false
		}
	}
}

// tag returns the company names the tagger finds in tx, as candidates
// over token ranges, given the rules' own candidates.
func (tg *Tagger) tag(tx *Text, lex *Lexicon, g *Gazetteer, rules []candidate) []candidate {
	if tg == nil || len(tg.weights) == 0 {
		return nil
	}
	c, _ := tagContexts.Get().(*tagContext)
	if c == nil {
		c = new(tagContext)
	}
	defer tagContexts.Put(c) // nothing returned keeps its buffers
	c.init(tx, lex, g, rules, true)
	var out []candidate
	for _, r := range c.runs {
		prev, prev2 := -1, -1
		start := -1
		var conf float64
		flush := func(end int) {
			if start >= 0 {
				out = append(out, candidate{ti: start, tj: end, s: tx.toks[start].s, e: tx.toks[end-1].e,
					kind: partnergraph.MentionCompany, source: "tagger", conf: conf})
			}
			start = -1
		}
		for k := r.i; k < r.j; k++ {
			if c.plain(k) {
				flush(k)
				prev2, prev = prev, tagO
				continue
			}
			s := c.scoreToken(tg, k, prev, prev2)
			best := decide(s, prev)
			switch best {
			case tagB:
				flush(k)
				start = k
				conf = margin(s)
			case tagO:
				flush(k)
			}
			prev2, prev = prev, best
		}
		flush(r.j)
	}
	return out
}

// plain reports whether token k is an everyday word that opens a
// sentence ("The", "Meanwhile", "Shares") with no rule or corpus name on
// it: outside every name without scoring it, in training as in use.
func (c *tagContext) plain(k int) bool {
	t := &c.tx.toks[k]
	return t.sentStart && c.rule[k] == 0 && c.corpus[k] == "" && everyday(c.countsOf(k))
}

// uncoveredRuns keeps the runs some token of which lies in none of the
// rules' mentions. Both are in reading order, so one pass over each does.
func uncoveredRuns(runs []tagRun, rules []candidate) []tagRun {
	out := runs[:0]
	m := 0
	for _, r := range runs {
		k := r.i
		for m < len(rules) && rules[m].tj <= k {
			m++
		}
		for x := m; x < len(rules) && rules[x].ti <= k; x++ {
			k = max(k, rules[x].tj)
		}
		if k < r.j {
			out = append(out, r)
		}
	}
	return out
}

// margin turns a tagger's scores into a confidence in (0.5, 1).
func margin(s [nTags]float32) float64 {
	d := float64(s[tagB] - s[tagO])
	return 1 / (1 + math.Exp(-d/4))
}

// Encode writes the tagger in the form ReadTagger reads: a note line,
// then one line per feature with its weight per tag, sorted by feature
// name, weights rounded to four decimals.
func (tg *Tagger) Encode(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n", strings.ReplaceAll(tg.Note, "\n", " "))
	keys := make([]string, 0, len(tg.names))
	byName := map[string]uint64{}
	for h, n := range tg.names {
		keys = append(keys, n)
		byName[n] = h
	}
	slices.Sort(keys)
	for _, n := range keys {
		wt := tg.weights[byName[n]]
		fmt.Fprintf(bw, "%s", n)
		for _, x := range wt {
			fmt.Fprintf(bw, "\t%s", strconv.FormatFloat(float64(x), 'f', 4, 32))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadTagger reads a tagger written by Encode. A malformed line returns
// an error wrapping partnergraph.ErrInvalid that names it.
func ReadTagger(r io.Reader) (*Tagger, error) {
	tg := &Tagger{weights: map[uint64][nTags]float32{}, names: map[uint64]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 && strings.HasPrefix(line, "# ") {
			tg.Note = line[2:]
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 1+nTags {
			return nil, fmt.Errorf("tagger line %d: %w: want a feature and %d weights", n, partnergraph.ErrInvalid, nTags)
		}
		tmpl, val, ok := strings.Cut(f[0], "=")
		if !ok {
			return nil, fmt.Errorf("tagger line %d: %w: feature %q has no '='", n, partnergraph.ErrInvalid, f[0])
		}
		var wt [nTags]float32
		for t := range wt {
			x, err := strconv.ParseFloat(f[1+t], 32)
			if err != nil {
				return nil, fmt.Errorf("tagger line %d: %w: %w", n, partnergraph.ErrInvalid, err)
			}
			wt[t] = float32(x)
		}
		h := featHash(tmpl, val)
		tg.weights[h] = wt
		tg.names[h] = f[0]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	tg.index()
	return tg, nil
}
