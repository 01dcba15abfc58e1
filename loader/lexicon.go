package loader

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/partnergraph/partnergraph"
)

// Lexicon records how a large unlabelled news corpus writes each word: how
// often in lower case and how often capitalised inside a sentence (not as
// a sentence's first word, not on a headline or menu line in capitals or
// title case). A word usually
// written in lower case is an everyday word ("deal", "cloud", "buy"); one
// usually capitalised is a name ("Nvidia", "Reuters"). The learned models
// read it as a feature instead of a list of names, so they generalise to
// names no labelled article holds. [NewLexiconBuilder] counts a corpus;
// `make models` writes the shipped lexicon from the public corpora in
// ../shared/datasets.
//
// It also records the company names the hand-written recognition rules
// find across that corpus, with the number of articles each is found in:
// the rules are precise but find a name only in a telling context
// ("shares of X", "X Inc", "X said it"), and a name they found elsewhere
// is likely a company here too. The tagger reads that as a feature.
type Lexicon struct {
	// words maps a lower-case word to how often it was written in lower
	// case and capitalised inside a sentence.
	words map[string][2]uint32
	// names maps a company name as the rules found it to the number of
	// articles they found it in; first maps a name's first word to the
	// names starting with it, each as its words, longest first and
	// otherwise in the order read.
	names map[string]uint32
	first map[string][]lexName
	// firstBits is a bit set of smallHash of the keys of first: a word
	// whose bit is clear starts no name, without a look-up.
	firstBits *[smallFilterLen / 64]uint64
	// counts is words for wordCounts.
	counts wordTable[[2]uint32]
}

// wordCounts returns l.words[lw].
func (l *Lexicon) wordCounts(lw string) [2]uint32 {
	if c, ok := l.counts.get(lw); ok {
		return c
	}
	return l.words[lw]
}

// lexName is a company name of Lexicon.names as its words, with the name
// itself (the key of Lexicon.names).
type lexName struct {
	words []string
	name  string
}

// The lexicon shipped with the binary (models/words.tsv, models/names.tsv).
var (
	//go:embed models/words.tsv
	defaultWords []byte
	//go:embed models/names.tsv
	defaultNames []byte
)

// DefaultLexicon returns the lexicon shipped with the binary.
var DefaultLexicon = sync.OnceValue(func() *Lexicon {
	l, err := ReadLexicon(strings.NewReader(string(defaultWords)))
	if err == nil {
		err = l.ReadNames(strings.NewReader(string(defaultNames)))
	}
	if err != nil {
		panic(err) // embedded at build time and checked by the tests
	}
	return l
})

// ReadNames adds the company names of r, in the form WriteNames writes:
// one line per name, "name<TAB>articles".
func (l *Lexicon) ReadNames(r io.Reader) error {
	if l.names == nil {
		l.names, l.first = map[string]uint32{}, map[string][]lexName{}
		l.firstBits = new([smallFilterLen / 64]uint64)
	}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		name, count, ok := strings.Cut(sc.Text(), "\t")
		df, err := strconv.ParseUint(count, 10, 32)
		if !ok || err != nil || name == "" {
			return fmt.Errorf("names line %d: %w: want a name, a tab and a count", n, partnergraph.ErrInvalid)
		}
		l.names[name] = uint32(df)
		ws := nameWords(name)
		if len(ws) > 0 {
			// Longest first, in the order read among names of a length:
			// nameAt takes the first that matches.
			fs := l.first[ws[0]]
			at := len(fs)
			for at > 0 && len(fs[at-1].words) < len(ws) {
				at--
			}
			l.first[ws[0]] = slices.Insert(fs, at, lexName{ws, strings.Join(ws, " ")})
			if ws[0] != "" {
				h := smallHash(ws[0])
				l.firstBits[h>>6] |= 1 << (h & 63)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("names: %w", err)
	}
	return nil
}

// nameWords cuts a name into its tokens as the text layer cuts it.
func nameWords(name string) []string {
	tx := NewText(name)
	ws := make([]string, len(tx.toks))
	for i, t := range tx.toks {
		ws[i] = name[t.s:t.e]
	}
	return ws
}

// smallFilterLen is the size in bits of the filters of the smaller word
// sets: the first words of Lexicon.names, Gazetteer.nonCompanies.
const smallFilterLen = 1 << 15

// smallHash is lexHash cut to [0, smallFilterLen).
func smallHash(w string) uint32 {
	return lexHash(w) / (lexBitsLen / smallFilterLen)
}

// nameAt returns the number of tokens of the longest known company name
// starting at token k of tx, and the number of articles it was found in;
// 0, 0 when none starts there.
func (l *Lexicon) nameAt(tx *Text, k int) (int, uint32) {
	t := &tx.toks[k]
	w := tx.Src[t.s:t.e]
	if l.firstBits == nil || w == "" {
		return 0, 0
	}
	if h := smallHash(w); l.firstBits[h>>6]&(1<<(h&63)) == 0 {
		return 0, 0
	}
	for _, n := range l.first[w] { // longest first
		ws := n.words
		if k+len(ws) > len(tx.toks) {
			continue
		}
		ok := true
		for i := 1; i < len(ws) && ok; i++ {
			u := &tx.toks[k+i]
			ok = tx.Src[u.s:u.e] == ws[i] && !u.nlBefore
		}
		if ok {
			return len(ws), l.names[n.name]
		}
	}
	return 0, 0
}

// ReadLexicon reads a lexicon in the form WriteWords writes: one line per
// word, "word<TAB>lower<TAB>capitalised". A malformed line returns an
// error wrapping partnergraph.ErrInvalid that names it.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	l := &Lexicon{words: map[string][2]uint32{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("lexicon line %d: %w: want 3 tab-separated fields", n, partnergraph.ErrInvalid)
		}
		lo, err1 := strconv.ParseUint(f[1], 10, 32)
		ca, err2 := strconv.ParseUint(f[2], 10, 32)
		if err1 != nil || err2 != nil || f[0] == "" {
			return nil, fmt.Errorf("lexicon line %d: %w: bad word or count", n, partnergraph.ErrInvalid)
		}
		l.words[f[0]] = [2]uint32{uint32(lo), uint32(ca)}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	l.counts = newWordTable(l.words)
	return l, nil
}

// Counts returns how often the corpus wrote w (any case) in lower case and
// capitalised inside a sentence.
func (l *Lexicon) Counts(w string) (lower, capital int) {
	k := strings.ToLower(w)
	c := l.words[k]
	return int(c[0]), int(c[1])
}

// Articles returns the number of unlabelled articles the rules found the
// company name in, or 0.
func (l *Lexicon) Articles(name string) int {
	return int(l.names[name])
}

// Everyday reports whether w (any case) is an everyday word: written in
// lower case at least three times, and at least as often as capitalised
// inside a sentence.
func (l *Lexicon) Everyday(w string) bool {
	lo, ca := l.Counts(w)
	return lo >= 3 && lo >= ca
}

// Common returns the corpus's common everyday words: those written in lower
// case at least 20 times, and at least twice as often as capitalised
// inside a sentence, made of letters only. [DefaultGazetteer] takes its
// common words from the shipped lexicon this way, so that the list is
// counted on the unlabelled corpora rather than written by hand.
func (l *Lexicon) Common() iter.Seq[string] {
	return func(yield func(string) bool) {
		for w, c := range l.words {
			if c[0] >= 20 && c[0] >= 2*c[1] && lettersOnly(w) && !yield(w) {
				return
			}
		}
	}
}

// lettersOnly reports whether w is a non-empty run of letters.
func lettersOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// everyday is Everyday for a word already in lower case.
func (l *Lexicon) everyday(lw string) bool {
	return everyday(l.words[lw])
}

// everyday is the test of Everyday on a word's counts.
func everyday(c [2]uint32) bool {
	return c[0] >= 3 && c[0] >= c[1]
}

// LexiconBuilder counts the words of a corpus, and the company names the
// rules of a recognizer find in it, into a Lexicon.
type LexiconBuilder struct {
	lower, capital map[string]uint32
	names          map[string]uint32
	rec            *EntityRecognizer
}

// NewLexiconBuilder returns an empty builder that finds company names with
// the rules of rec.
func NewLexiconBuilder(rec *EntityRecognizer) *LexiconBuilder {
	return &LexiconBuilder{lower: map[string]uint32{}, capital: map[string]uint32{}, names: map[string]uint32{}, rec: rec}
}

// Add counts the words and the rule-found company names of one cleaned
// article text.
func (b *LexiconBuilder) Add(text string) {
	tx := NewText(text)
	picked, _, _ := b.rec.rulePicks(tx)
	seen := map[string]bool{}
	for _, c := range picked {
		if c.kind != partnergraph.MentionCompany || c.source == "alias" {
			continue
		}
		ws := make([]string, 0, c.tj-c.ti)
		for _, t := range tx.toks[c.ti:c.tj] {
			ws = append(ws, text[t.s:t.e])
		}
		n := strings.Join(ws, " ")
		if !seen[n] && !strings.ContainsAny(n, "\t\n") {
			seen[n] = true
			b.names[n]++
		}
	}
	for i := range tx.toks {
		t := &tx.toks[i]
		if t.kind != tokWord || !t.hasLetter || t.shout || isDigitASCII(text[t.s]) {
			continue
		}
		w := text[t.s:t.e]
		switch {
		case !t.hasUpper:
			b.lower[w]++
		case t.cap && !t.upper && !t.sentStart && !t.titled:
			b.capital[strings.ToLower(w)]++
		}
	}
}

// Lexicon returns what the builder has counted as a Lexicon, with the
// words and names WriteWords and WriteNames would write for the same
// minimums.
func (b *LexiconBuilder) Lexicon(minCount, minArticles int) *Lexicon {
	var words, names bytes.Buffer
	if err := b.WriteWords(&words, minCount); err != nil {
		panic(err) // writes to memory do not fail
	}
	if err := b.WriteNames(&names, minArticles); err != nil {
		panic(err)
	}
	l, err := ReadLexicon(&words)
	if err == nil {
		err = l.ReadNames(&names)
	}
	if err != nil {
		panic(err) // what the builder writes, ReadLexicon reads
	}
	return l
}

// WriteNames writes the company names found in at least min articles,
// sorted, in the form ReadNames reads.
func (b *LexiconBuilder) WriteNames(w io.Writer, min int) error {
	keys := make([]string, 0, len(b.names))
	for k, n := range b.names {
		if int(n) >= min {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	bw := bufio.NewWriter(w)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%d\n", k, b.names[k])
	}
	return bw.Flush()
}

// WriteWords writes the words seen at least min times in all, sorted, in the
// form ReadLexicon reads.
func (b *LexiconBuilder) WriteWords(w io.Writer, min int) error {
	words := map[string]bool{}
	for k := range b.lower {
		words[k] = true
	}
	for k := range b.capital {
		words[k] = true
	}
	keys := make([]string, 0, len(words))
	for k := range words {
		if int(b.lower[k]+b.capital[k]) >= min && !strings.ContainsAny(k, "\t\n") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	bw := bufio.NewWriter(w)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%d\t%d\n", k, b.lower[k], b.capital[k])
	}
	return bw.Flush()
}
