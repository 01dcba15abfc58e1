package loader

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// randomWord returns a word of up to max bytes drawn from letters of both
// cases, digits, punctuation and bytes of multi-byte characters.
func randomWord(r *rand.Rand, max int) string {
	const alphabet = "aAbBeEmMzZ09.-'&_[@`{\xc3\xa9\xe2\x80\xa6\xff"
	b := make([]byte, r.IntN(max+1))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

func TestLowerASCIIBytesIsLowerASCII(t *testing.T) {
	for c := 0; c < 256; c++ {
		for n := 1; n <= 17; n++ { // every byte at every place of a word
			b := []byte(strings.Repeat("x", n-1) + string(rune(0)))
			b[n-1] = byte(c)
			want := lowerASCII(string(b))
			lowerASCIIBytes(b)
			if string(b) != want {
				t.Fatalf("byte %#x at %d: got %q, want %q", c, n-1, b, want)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		w := randomWord(r, 40)
		b := []byte(w)
		lowerASCIIBytes(b)
		if want := lowerASCII(w); string(b) != want {
			t.Fatalf("%q: got %q, want %q", w, b, want)
		}
	}
}

func TestLoweredSpansAreLowerASCII(t *testing.T) {
	// Long enough to be lower-cased in several pieces.
	src := strings.Repeat("Acme Corp. said ÉCOLE and BETA-Net\nhad 12 UNITS. ", 40)
	tx := NewText(src)
	if got, want := tx.lowered(), lowerASCII(src); got != want {
		t.Errorf("lowered text differs from lowerASCII")
	}
	for _, tk := range tx.toks {
		if got, want := tx.lowered()[tk.s:tk.e], lowerASCII(src[tk.s:tk.e]); got != want {
			t.Errorf("token %q: lowered %q, want %q", src[tk.s:tk.e], got, want)
		}
	}
}

func TestEqualLowerASCII(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		s := randomWord(r, 6)
		lw := lowerASCII(s)
		if r.IntN(2) == 0 {
			lw = randomWord(r, 6)
		}
		if got, want := equalLowerASCII(s, lw), lowerASCII(s) == lw; got != want {
			t.Fatalf("equalLowerASCII(%q, %q) = %v, want %v", s, lw, got, want)
		}
	}
}

func TestHashCountsMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var hc hashCounts
	for round := range 50 {
		n := r.IntN(300)
		want := map[uint64]uint32{}
		at := map[uint64]int32{}
		hc.reset(n)
		for range n {
			h := r.Uint64N(1000) // repeats, and 0
			i := hc.insert(h)
			if j, ok := at[h]; ok && j != i {
				t.Fatalf("round %d: %d moved from slot %d to %d", round, h, j, i)
			}
			at[h], want[h] = i, 0
		}
		for range 2000 {
			h := r.Uint64N(1500)
			hc.inc(h)
			if _, ok := want[h]; ok {
				want[h]++
			}
		}
		for h := range uint64(1500) {
			if got := hc.count(h); got != want[h] {
				t.Fatalf("round %d: count of %d = %d, want %d", round, h, got, want[h])
			}
			if i, ok := at[h]; ok && hc.countAt(i+1, "") != want[h] {
				t.Fatalf("round %d: count at the slot of %d = %d, want %d", round, h, hc.countAt(i+1, ""), want[h])
			}
		}
	}
}

func TestWeightTableMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{0, 1, 5, 100, 4615} {
		m := map[uint64][nTags]float32{}
		for len(m) < n {
			m[r.Uint64()] = [nTags]float32{r.Float32(), r.Float32(), r.Float32()}
		}
		tab := newWeightTable(m)
		for h, w := range m {
			if got, ok := tab.get(h); !ok || got != w {
				t.Fatalf("n=%d: weights of %#x = %v, %v; want %v", n, h, got, ok, w)
			}
		}
		for range 10000 {
			h := r.Uint64()
			want, inMap := m[h]
			if got, ok := tab.get(h); ok != inMap || got != want {
				t.Fatalf("n=%d: weights of absent %#x = %v, %v", n, h, got, ok)
			}
		}
	}
}

func TestLexiconFiltersKeepEveryKey(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	for w := range r.lex {
		if h := lexHash(w); w != "" && r.lexBits[h>>6]&(1<<(h&63)) == 0 {
			t.Errorf("spelling %q is filtered out", w)
		}
	}
	l := DefaultLexicon()
	for w := range l.first {
		if h := smallHash(w); l.firstBits[h>>6]&(1<<(h&63)) == 0 {
			t.Errorf("first word %q is filtered out", w)
		}
	}
	for w := range g.nonCompanies {
		if w != "" && !g.mayBeNonCompany(w) {
			t.Errorf("non-company %q is filtered out", w)
		}
	}
}

func TestNameAtTakesTheLongestName(t *testing.T) {
	l, err := ReadLexicon(strings.NewReader("acme\t1\t1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.ReadNames(strings.NewReader("Acme\t3\nAcme Bank Corp\t7\nAcme Bank\t5\nAcme Trust\t2\n")); err != nil {
		t.Fatal(err)
	}
	if err := l.ReadNames(strings.NewReader("Acme Bank\t9\n")); err != nil { // read again: the last count holds
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text     string
		n        int
		articles uint32
	}{
		{"Acme Bank Corp said", 3, 7},
		{"Acme Bank said", 2, 9},
		{"Acme Trust rose", 2, 2},
		{"Acme said", 1, 3},
		{"Acme Bank\nCorp", 2, 9},
		{"Acme Bank", 2, 9},
		{"Acme", 1, 3},
		{"Bank Acme", 0, 0},
	} {
		n, df := l.nameAt(NewText(tt.text), 0)
		if n != tt.n || df != tt.articles {
			t.Errorf("%q: nameAt = %d, %d; want %d, %d", tt.text, n, df, tt.n, tt.articles)
		}
	}
}

func TestShapeCacheIsWordShape(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var sc shapeCache
	for range 3 * maxShapes { // past the cache's bound
		w := randomWord(r, 30)
		if got, want := sc.of(w), wordShape(w); got != want {
			t.Fatalf("shape of %q = %q, want %q", w, got, want)
		}
	}
	if len(sc.m) > maxShapes {
		t.Errorf("cache holds %d shapes, more than %d", len(sc.m), maxShapes)
	}
	for w, want := range map[string]string{"Zyxo": "Xx", "QTX": "X", "eZyxo": "xXx", "8QV": "dX", "Harb-Ex": "Xx-Xx"} {
		if got := sc.of(w); got != want {
			t.Errorf("shape of %q = %q, want %q", w, got, want)
		}
	}
}
