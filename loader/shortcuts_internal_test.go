package loader

import (
	"iter"
	"strings"
	"testing"
	"unicode/utf8"
)

// shortcutWords are words to check the shortcuts of the hot paths
// against the look-ups they stand for: the keys of the word sets in every
// case, with words around them.
func shortcutWords() []string {
	ws := []string{"", "a", "co", "CO", "Co", "plc", "ltd", "inc", "corp", "group", "groups", "zyxo", "ag", "s.a.", "n.v.",
		"gmbh", "l.l.c.", "çorp", "société", "holdingß", "incorporatedincorporatedinc"}
	for _, set := range []map[string]bool{legalSuffix, receiveVerbs, roundNouns, titleSmall, storyVetoes} {
		for w := range set {
			ws = append(ws, w, strings.ToLower(w), strings.ToUpper(w), w+"s", w[:len(w)-1])
		}
	}
	return ws
}

// TestShoutedSuffix checks shoutedSuffix against the expression it
// stands for.
func TestShoutedSuffix(t *testing.T) {
	for _, w := range shortcutWords() {
		if got, want := shoutedSuffix(w), legalSuffix[titleWord(strings.ToUpper(w))]; got != want {
			t.Errorf("shoutedSuffix(%q) = %v, want %v", w, got, want)
		}
	}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	words := shortcutWords()
	for w := range g.nonCompanies {
		words = append(words, w, strings.ToUpper(w), strings.ToLower(w))
	}
	hits := 0
	for _, w := range words {
		got, want := g.shoutedNonCompany(w), g.IsNonCompany(titleWord(strings.ToUpper(w)))
		if got != want {
			t.Errorf("shoutedNonCompany(%q) = %v, want %v", w, got, want)
		}
		if got {
			hits++
		}
		if got, want := g.IsNonCompany(w), g.nonCompanies[strings.ToLower(w)]; got != want {
			t.Errorf("IsNonCompany(%q) = %v, want %v", w, got, want)
		}
	}
	if hits == 0 {
		t.Error("no word of the non-companies was found")
	}
}

// TestSetFilters checks that the filters of the word sets let every word
// of their sets through, so that inSet is the set's own look-up.
func TestSetFilters(t *testing.T) {
	for _, x := range []struct {
		set map[string]bool
		f   *wordBits
	}{{receiveVerbs, receiveVerbsFilter}, {roundNouns, roundNounsFilter}, {titleSmall, titleSmallFilter}, {storyVetoes, storyVetoesFilter}} {
		for _, w := range shortcutWords() {
			if got, want := inSet(x.f, x.set, w), x.set[w]; got != want {
				t.Errorf("inSet(%q) = %v, want %v", w, got, want)
			}
		}
	}
	tws := shortcutWords()
	for w := range triggers {
		tws = append(tws, w, strings.ToUpper(w), w+"s")
	}
	for _, w := range tws {
		got, gotOK := triggersOf(w)
		want, wantOK := triggers[w]
		if gotOK != wantOK || len(got) != len(want) {
			t.Errorf("triggersOf(%q) = %v, %v, want %v, %v", w, got, gotOK, want, wantOK)
		}
	}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	words := shortcutWords()
	for w := range g.lateFirst {
		words = append(words, w, strings.ToUpper(w))
	}
	for _, w := range words {
		if got, want := g.lateStarting(w), g.lateFirst[w]; len(got) != len(want) {
			t.Errorf("lateStarting(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestMayDeny checks mayDeny against the three searches it stands for.
func TestMayDeny(t *testing.T) {
	for _, l := range []string{"", "n", "no", "no ", "No ", "NO ", "nO ", "not in talks", "not in talk", "Not in talks",
		"There is no deal.", "No, it said", "No deal", "casino stocks", "It is not in talks with X", "knot in talks",
		"nothing", "the notion", "he said no", "yes no ", "no\n", "non-binding", "a  no  b"} {
		want := strings.Contains(l, "no ") || strings.Contains(l, "No ") || strings.Contains(l, "not in talks")
		if got := mayDeny(l); got != want {
			t.Errorf("mayDeny(%q) = %v, want %v", l, got, want)
		}
	}
	// Random strings of the patterns' letters.
	const letters = "nNoOt ialks"
	for b := range randomStrings(1, letters, 24, 20000) {
		l := string(b)
		want := strings.Contains(l, "no ") || strings.Contains(l, "No ") || strings.Contains(l, "not in talks")
		if got := mayDeny(l); got != want {
			t.Fatalf("mayDeny(%q) = %v, want %v", l, got, want)
		}
	}
}

// TestPublisherOf checks the publisher test against the lower-casing
// comparison it stands for.
func TestPublisherOf(t *testing.T) {
	names := []string{"", "Reuters", "REUTERS", "reuters", "Reuter", "Reuters ", "VentureBeat", "venturebeat", "Café", "CAFÉ", "café", "K", "\u212a"}
	for _, pub := range []string{"", " Reuters ", "VentureBeat", "Café", "k"} {
		is := publisherOf(pub)
		p := strings.ToLower(strings.TrimSpace(pub))
		for _, n := range names {
			if got, want := is(n), p != "" && strings.ToLower(n) == p; got != want {
				t.Errorf("publisherOf(%q)(%q) = %v, want %v", pub, n, got, want)
			}
		}
	}
}

// TestMayHoldWidget checks mayHoldWidget against the four searches it
// stands for.
func TestMayHoldWidget(t *testing.T) {
	want := func(p string) bool {
		return strings.Contains(p, "hare ") || strings.Contains(p, "HARE ") || strings.Contains(p, "ave this") || strings.Contains(p, "AVE THIS")
	}
	for _, p := range []string{"", "a", "hare", "hare ", "Share this", "SHARE ", "Hare ", "save this", "Save This", "SAVE THIS",
		"ave this", "AVE THIS", "have thi", "share on X", "hhare  ", "aave thiss", "0123456hare ", "01234567hare ", "012345678hare ",
		"x ave this", "xx ave this", "Please share this story with your friends", "E E E E E e e e e", "hArE ", "HARe "} {
		if got := mayHoldWidget(p); got != want(p) {
			t.Errorf("mayHoldWidget(%q) = %v, want %v", p, got, want(p))
		}
	}
	const letters = "hHaAreREvVtTiIsS eeEE"
	for b := range randomStrings(7, letters, 40, 200000) {
		if p := string(b); mayHoldWidget(p) != want(p) {
			t.Fatalf("mayHoldWidget(%q) = %v, want %v", p, mayHoldWidget(p), want(p))
		}
	}
	// Every phrase at every offset of a longer text.
	for _, w := range []string{"hare ", "HARE ", "ave this", "AVE THIS"} {
		for n := 0; n < 40; n++ {
			for pad := 0; pad < 3; pad++ {
				p := strings.Repeat("x", n) + w + strings.Repeat("y", pad)
				if !mayHoldWidget(p) {
					t.Fatalf("mayHoldWidget(%q) = false", p)
				}
			}
		}
	}
}

// TestSentenceStops checks that sentenceStops marks a byte of eight
// exactly where Sentences's test byte by byte stops.
func TestSentenceStops(t *testing.T) {
	stops := func(c byte) bool { return c < utf8.RuneSelf && sentenceBytes[c] || c == 0xE2 }
	for b := 0; b < 256; b++ {
		for pos := 0; pos < 8; pos++ {
			for _, fill := range []byte{'a', ' ', 0x80, 0xE3} {
				w := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				w[pos] = byte(b)
				m := sentenceStops(load64(string(w)))
				if want := stops(byte(b)) || stops(fill); (m != 0) != want {
					t.Fatalf("sentenceStops(%q) = %#x, want a stop: %v", w, m, want)
				}
				if m != 0 && !stops(fill) && m != 0x80<<(8*pos) {
					t.Fatalf("sentenceStops(%q) = %#x, want only byte %d", w, m, pos)
				}
			}
		}
	}
}

// TestMayNameRaise checks mayNameRaise against the searches it stands
// for.
func TestMayNameRaise(t *testing.T) {
	want := func(l string) bool {
		return strings.Contains(l, "illion") || strings.Contains(l, "round") || strings.Contains(l, "funding") ||
			strings.Contains(l, "$") || strings.Contains(l, "€") || strings.Contains(l, "£")
	}
	for _, w := range []string{"illion", "round", "funding", "$", "€", "£"} {
		for n := 0; n < 20; n++ {
			for pad := 0; pad < 10; pad++ {
				l := strings.Repeat("x", n) + w + strings.Repeat("y", pad)
				if !mayNameRaise(l) {
					t.Fatalf("mayNameRaise(%q) = false", l)
				}
			}
		}
	}
	const letters = "ilonrudfg$€£ ndl\xe2\xc2"
	for b := range randomStrings(3, letters, 30, 200000) {
		if l := string(b); mayNameRaise(l) != want(l) {
			t.Fatalf("mayNameRaise(%q) = %v, want %v", l, mayNameRaise(l), want(l))
		}
	}
	for _, l := range []string{"", "l", "ll", "nd", "The company raised 5 mln dlrs", "it said around noon", "a billion", "Funding", "fundin"} {
		if mayNameRaise(l) != want(l) {
			t.Errorf("mayNameRaise(%q) = %v, want %v", l, mayNameRaise(l), want(l))
		}
	}
}

// TestLexiconWordCounts checks the lexicon's table of counts against its
// map, for every word of the shipped lexicon and words it lacks.
func TestLexiconWordCounts(t *testing.T) {
	l := DefaultLexicon()
	n := 0
	for w := range l.words {
		for _, v := range []string{w, w + "x", strings.ToUpper(w), w[:len(w)-1], ""} {
			if got, want := l.wordCounts(v), l.words[v]; got != want {
				t.Fatalf("wordCounts(%q) = %v, want %v", v, got, want)
			}
		}
		n++
	}
	if n == 0 {
		t.Fatal("empty lexicon")
	}
}

// TestWordTable checks the recognizer's table of spellings against its
// map, and a table's answers for words too long for it.
func TestWordTable(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	for w := range r.lex {
		for _, v := range []string{w, w + "x", strings.ToUpper(w), strings.ToLower(w), w[:len(w)/2], ""} {
			want := r.lex[v]
			got, ok := r.lexTable.get(v)
			if !ok {
				if len(v) <= wordTableMax {
					t.Fatalf("get(%q) left a short word to the map", v)
				}
				continue
			}
			if got != want {
				t.Fatalf("get(%q) = %v, want %v", v, got, want)
			}
		}
	}
	tb := newWordTable(map[string]int{"acme": 1, "abcdefghijklmnopq": 2, "abcdefghijklmno": 3})
	for w, want := range map[string]int{"acme": 1, "acm": 0, "abcdefghijklmno": 3, "abcdefghijklmn": 0} {
		if got, ok := tb.get(w); !ok || got != want {
			t.Errorf("get(%q) = %d, %v, want %d", w, got, ok, want)
		}
	}
	if _, ok := tb.get("abcdefghijklmnopq"); ok {
		t.Error("a word longer than wordTableMax was answered")
	}
	var empty wordTable[int]
	if _, ok := empty.get("acme"); ok {
		t.Error("an empty table answered")
	}
}

// randomStrings yields n pseudo-random strings of up to maxLen-1 bytes
// drawn from letters, the same for the same seed (a linear congruential
// generator), for checking a shortcut against the code it stands for.
func randomStrings(seed uint32, letters string, maxLen, n int) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		x := seed
		for range n {
			b := make([]byte, int(x%uint32(maxLen)))
			for i := range b {
				x = x*1664525 + 1013904223
				b[i] = letters[x>>24%uint32(len(letters))]
			}
			x = x*1664525 + 1013904223
			if !yield(b) {
				return
			}
		}
	}
}
