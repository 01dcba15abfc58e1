package loader

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
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
	var out []tagRun
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
			if (nameConnectors[w] || w == "-" || w == ".") && k+1 < len(toks) && !toks[k+1].nlBefore && nameish(k+1) {
				k += 2
				continue
			}
			break
		}
		out = append(out, tagRun{i, k})
	}
	return out
}

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
	// lowerSeen holds the hashes of the words the article writes in
	// lower case, sorted.
	lowerSeen []uint64
	// capSeen holds the hash of each word the article writes capitalised
	// inside a sentence (not first, not on a headline line), once per
	// time, sorted.
	capSeen []uint64
	// runs are the runs of tx (Text.runs).
	runs []tagRun
	// corpus[k] says where token k lies in a company name the rules
	// found across the unlabelled corpora ("B3": first word of a name
	// found in 10-99 articles), or "".
	corpus []string
	// lower is the text lower-cased (ASCII letters only, so offsets
	// hold); lw, shape and ctx cache each token's lower-case form, shape
	// and context word ("" until needed).
	lower          string
	lw, shape, ctx []string
	counts         [][2]uint32
	counted        []bool
	feats          []uint64
	name           func(tmpl, val string)
	nameBuf        []byte
}

// ruleSources are the sources of the rules' mentions, as features.
var ruleSources = []string{"gazetteer", "markup", "suffix", "pattern", "alias", "shout", "other"}

func newTagContext(tx *Text, lex *Lexicon, g *Gazetteer, rules []candidate) *tagContext {
	n := len(tx.toks)
	c := &tagContext{tx: tx, lex: lex, g: g, rule: make([]uint8, n), corpus: make([]string, n),
		lower: lowerASCII(tx.Src), lw: make([]string, n), shape: make([]string, n), ctx: make([]string, n),
		counts: make([][2]uint32, n), counted: make([]bool, n)}
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
	c.runs = tx.runs()
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
	for i := range tx.toks {
		t := &tx.toks[i]
		if t.kind != tokWord || !t.hasLetter {
			continue
		}
		switch {
		case !t.hasUpper:
			c.lowerSeen = append(c.lowerSeen, wordHash(tx.Src[t.s:t.e]))
		case !t.sentStart && !t.titled && !t.shout:
			c.capSeen = append(c.capSeen, wordHash(tx.Src[t.s:t.e]))
		}
	}
	slices.Sort(c.lowerSeen)
	slices.Sort(c.capSeen)
	return c
}

// lowerOf returns token k in lower case.
func (c *tagContext) lowerOf(k int) string {
	if c.lw[k] == "" {
		t := &c.tx.toks[k]
		w := c.tx.Src[t.s:t.e]
		if isASCII(w) {
			c.lw[k] = c.lower[t.s:t.e]
		} else {
			c.lw[k] = strings.ToLower(w)
		}
	}
	return c.lw[k]
}

// countsOf returns the lexicon's counts of token k (Lexicon.words).
func (c *tagContext) countsOf(k int) [2]uint32 {
	if !c.counted[k] {
		c.counts[k], c.counted[k] = c.lex.words[c.lowerOf(k)], true
	}
	return c.counts[k]
}

// shapeOf returns the shape of token k (wordShape).
func (c *tagContext) shapeOf(k int) string {
	if c.shape[k] == "" {
		t := &c.tx.toks[k]
		c.shape[k] = wordShape(c.tx.Src[t.s:t.e])
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
	return featHashParts(tmpl, val)
}

// featHashParts hashes a feature whose value is parts written one after
// the other, as featHash hashes their concatenation.
func featHashParts(tmpl string, parts ...string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(tmpl); i++ {
		h = (h ^ uint64(tmpl[i])) * fnvPrime
	}
	h = (h ^ '=') * fnvPrime
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * fnvPrime
		}
	}
	return h
}

// add records a feature: template tmpl, value the concatenation of parts.
func (c *tagContext) add(tmpl string, parts ...string) {
	c.feats = append(c.feats, featHashParts(tmpl, parts...))
	if c.name != nil {
		c.nameBuf = c.nameBuf[:0]
		for _, p := range parts {
			c.nameBuf = append(c.nameBuf, p...)
		}
		c.name(tmpl, string(c.nameBuf))
	}
}

// countIn returns how often the hash h occurs in the sorted hs.
func countIn(hs []uint64, h uint64) int {
	i, ok := slices.BinarySearch(hs, h)
	if !ok {
		return 0
	}
	j := i
	for j < len(hs) && hs[j] == h {
		j++
	}
	return j - i
}

// tagNames spells a tag in features, "-" for none.
func tagNameOf(t int) string {
	if t < 0 {
		return "-"
	}
	return tagName[t]
}

// ctxNames are the templates of the context-word features, for the
// offsets -2, -1, 1 and 2.
var ctxNames = [...]string{"ctx-2", "ctx-1", "ctx1", "ctx2"}

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
	c.add("bias")
	c.add("w", lw)
	c.add("shape", shape)
	if len(lw) > 3 {
		c.add("suf3", lw[len(lw)-3:])
		c.add("pre3", lw[:3])
	}
	f := 0
	for i, on := range []bool{t.sentStart, t.shout, t.titled, t.upper} {
		if on {
			f |= 1 << i
		}
	}
	flags := flagNames[f]
	if t.nlBefore {
		c.add("flags", flags, "n")
	} else {
		c.add("flags", flags)
	}
	counts := c.countsOf(k)
	c.add("lex", lexBucket(counts[0]), "/", lexBucket(counts[1]))
	c.add("everyday", strconv.FormatBool(everyday(counts)))
	c.add("lowerhere", strconv.FormatBool(countIn(c.lowerSeen, wordHash(lw)) > 0))
	c.add("caphere", lexBucket(uint32(countIn(c.capSeen, wordHash(w)))))
	if t.lex&fPersonName != 0 {
		c.add("person")
	}
	if c.g.nonCompanies[lw] {
		c.add("noncompany")
	}
	if t.lex&fSuffix != 0 {
		c.add("suffix", w)
	}
	if t.first != nil {
		c.add("gazstart")
	}
	if t.lex&fNoun != 0 {
		c.add("companynoun")
	}
	if r := c.rule[k]; r > 0 {
		pos := "B-"
		if (r-1)%2 == 1 {
			pos = "I-"
		}
		c.add("rule", pos, ruleSources[(r-1)/2])
	} else {
		c.add("rule", "none")
	}
	if cp := c.corpus[k]; cp != "" {
		c.add("corpus", cp)
	} else {
		c.add("corpus", "none")
	}
	for i, d := range [...]int{-2, -1, 1, 2} {
		c.add(ctxNames[i], c.contextWord(k+d))
	}
	c.add("ctx-1+1", c.contextWord(k-1), "|", c.contextWord(k+1))
	ptag, p2tag := tagNameOf(prev), tagNameOf(prev2)
	c.add("prev", ptag)
	c.add("prev2", p2tag, ptag)
	c.add("prev+shape", ptag, "|", shape)
	c.add("prev+w", ptag, "|", lw)
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
	return string(b[:n])
}

// lexBucket puts a lexicon count on a log scale.
func lexBucket(n uint32) string {
	switch {
	case n == 0:
		return "0"
	case n < 3:
		return "1"
	case n < 10:
		return "2"
	case n < 100:
		return "3"
	case n < 1000:
		return "4"
	}
	return "5"
}

// score returns the score of each tag for features fs.
func (tg *Tagger) score(fs []uint64) [nTags]float32 {
	var s [nTags]float32
	for _, f := range fs {
		if w, ok := tg.weights[f]; ok {
			for t := range s {
				s[t] += w[t]
			}
		}
	}
	return s
}

// tag returns the company names the tagger finds in tx, as candidates
// over token ranges, given the rules' own candidates.
func (tg *Tagger) tag(tx *Text, lex *Lexicon, g *Gazetteer, rules []candidate) []candidate {
	if tg == nil || len(tg.weights) == 0 {
		return nil
	}
	c := newTagContext(tx, lex, g, rules)
	var out []candidate
	for _, r := range c.runs {
		if coveredRun(r, rules) {
			continue // the rules named the whole run: nothing to add
		}
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
			s := tg.score(c.features(k, prev, prev2, nil))
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

// coveredRun reports whether every token of r lies in one of the rules'
// mentions.
func coveredRun(r tagRun, rules []candidate) bool {
	k := r.i
	for _, m := range rules {
		if m.ti <= k && k < m.tj {
			k = m.tj
		}
	}
	return k >= r.j
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
	return tg, nil
}
