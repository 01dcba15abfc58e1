package loader

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

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
type Lexicon struct {
	lower, capital map[string]uint32
}

// defaultLexicon is the lexicon shipped with the binary (models/words.tsv).
//
//go:embed models/words.tsv
var defaultLexicon []byte

// DefaultLexicon returns the lexicon shipped with the binary.
var DefaultLexicon = sync.OnceValue(func() *Lexicon {
	l, err := ReadLexicon(strings.NewReader(string(defaultLexicon)))
	if err != nil {
		panic(err) // embedded at build time and checked by the tests
	}
	return l
})

// ReadLexicon reads a lexicon in the form WriteTo writes: one line per
// word, "word<TAB>lower<TAB>capitalised". A malformed line returns an
// error wrapping partnergraph.ErrInvalid that names it.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	l := &Lexicon{lower: map[string]uint32{}, capital: map[string]uint32{}}
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
		if lo > 0 {
			l.lower[f[0]] = uint32(lo)
		}
		if ca > 0 {
			l.capital[f[0]] = uint32(ca)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return l, nil
}

// Counts returns how often the corpus wrote w (any case) in lower case and
// capitalised inside a sentence.
func (l *Lexicon) Counts(w string) (lower, capital int) {
	k := strings.ToLower(w)
	return int(l.lower[k]), int(l.capital[k])
}

// Everyday reports whether w (any case) is an everyday word: written in
// lower case at least three times, and at least as often as capitalised
// inside a sentence.
func (l *Lexicon) Everyday(w string) bool {
	lo, ca := l.Counts(w)
	return lo >= 3 && lo >= ca
}

// everyday is Everyday for a word already in lower case.
func (l *Lexicon) everyday(lw string) bool {
	lo, ca := l.lower[lw], l.capital[lw]
	return lo >= 3 && lo >= ca
}

// LexiconBuilder counts the words of a corpus into a Lexicon.
type LexiconBuilder struct {
	lower, capital map[string]uint32
}

// NewLexiconBuilder returns an empty builder.
func NewLexiconBuilder() *LexiconBuilder {
	return &LexiconBuilder{lower: map[string]uint32{}, capital: map[string]uint32{}}
}

// Add counts the words of one cleaned article text.
func (b *LexiconBuilder) Add(text string) {
	tx := NewText(text)
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

// WriteTo writes the words seen at least min times in all, sorted, in the
// form ReadLexicon reads.
func (b *LexiconBuilder) WriteTo(w io.Writer, min int) error {
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
