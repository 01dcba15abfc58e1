package loader

import (
	"encoding/binary"
	"strings"
	"sync"
)

// Text is the one text layer of an article that every extraction stage
// reads: the cleaned text cut once into tokens and once into sentences,
// all positions as byte offsets into Src. [NewText] builds it; entity
// recognition, the deal rules, the learned models and the evidence
// offsets all use these tokens and sentences, so no stage tokenises or
// splits the text again.
type Text struct {
	// Src is the cleaned article text.
	Src string
	// Title is the article's headline, or "". It is not part of Src:
	// only the headline rules read it (see headlineRaisers).
	Title string
	// Sents are the sentences by byte span, in order: [Sentences] with
	// hard-wrapped lines of wire copy joined back together.
	Sents []Span
	// toks are the words and punctuation marks of Src (see tokenize).
	toks []token
	// shouted reports that Src has no lower-case ASCII letter: a wire
	// story in capitals.
	shouted bool
	// lower is Src with its ASCII letters lower-cased (lowerASCII), byte
	// for byte, once the first caller of lowered needs it.
	lower string
	// lowerDone reports that lower is set.
	lowerDone bool
}

// lowered returns Src with its ASCII letters lower-cased, every other
// byte left alone: lowered()[a:b] is lowerASCII(Src[a:b]) for any span,
// without a copy of its own.
func (t *Text) lowered() string {
	if !t.lowerDone {
		t.lower, t.lowerDone = t.Src, true
		if indexUpperASCII(t.Src, 0) >= 0 {
			// Lower-cased a piece at a time on the stack, so that the
			// builder's buffer is the one copy made.
			var b strings.Builder
			b.Grow(len(t.Src))
			var piece [512]byte
			for i := 0; i < len(t.Src); i += len(piece) {
				n := copy(piece[:], t.Src[i:])
				lowerASCIIBytes(piece[:n])
				b.Write(piece[:n])
			}
			t.lower = b.String()
		}
	}
	return t.lower
}

// NewText cuts src into tokens and sentences.
func NewText(src string) *Text {
	return newText(src, nil)
}

// newText is NewText reusing the token buffer of old, if any.
func newText(src string, old *Text) *Text {
	t := &Text{Src: src, shouted: isShouted(src)}
	var buf []token
	if old != nil {
		buf = old.toks[:0]
	}
	t.toks = tokenize(src, buf)
	t.Sents = joinWrapped(src, Sentences(src))
	si, prev, open := 0, -1, -1 // open: the sentence whose first word is still to come
	for i := range t.toks {
		tk := &t.toks[i]
		for si < len(t.Sents) && t.Sents[si].End <= tk.s {
			si++
		}
		if si >= len(t.Sents) || t.Sents[si].Start > tk.s {
			continue
		}
		if si != prev || tk.nlBefore {
			// A line's first word opens it as a sentence's does: the
			// rows of a table run together into one "sentence".
			open = si
		}
		prev = si
		// The first word opens the sentence; quotes and brackets before
		// it do not count.
		if open == si && tk.kind == tokWord {
			tk.sentStart = true
			open = -1
		}
	}
	markShouts(src, t.toks)
	return t
}

// lowerASCIIBytes lower-cases the ASCII letters of b in place, eight
// bytes at a time.
func lowerASCIIBytes(b []byte) {
	const highs = 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		h := x &^ highs                // each byte's low seven bits
		ge := h + 0x3f3f3f3f3f3f3f3f   // high bit set where h >= 'A'
		gt := h + 0x2525252525252525   // high bit set where h > 'Z'
		upper := ge &^ gt &^ x & highs // and where the byte itself is ASCII
		if upper != 0 {
			binary.LittleEndian.PutUint64(b[i:], x|upper>>2) // 0x80>>2 is 'a'-'A'
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

// textPool recycles the token buffers of the texts Extract builds.
var textPool sync.Pool

// sentTokens returns the token range [i, j) of sentence k.
func (t *Text) sentTokens(k int) (int, int) {
	sp := t.Sents[k]
	i := firstTokenAt(t.toks, sp.Start)
	j := firstTokenAt(t.toks, sp.End)
	return i, j
}

// firstTokenAt returns the index of the first token starting at or after
// byte b.
func firstTokenAt(toks []token, b int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].s < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// joinWrapped joins sentence spans that a single line break split in the
// middle of a sentence (hard-wrapped wire copy: "said it acquired the\n
// Measurement Systems Division"): a span that does not end a sentence and
// is followed by a line break (or a blank line, where a cleaner took each
// wrapped line for a paragraph) continues on the next line. The first line
// of the text, the headline, is never joined.
func joinWrapped(text string, spans []Span) []Span {
	out := spans[:0:0]
	if len(spans) > 0 {
		out = make([]Span, 0, len(spans)) // at most one each
	}
	for _, sp := range spans {
		if n := len(out); n > 1 || n == 1 && out[0].Start > 0 {
			prev := out[n-1]
			body := strings.TrimRight(text[prev.Start:prev.End], " \t\r\n")
			gap := text[prev.Start+len(body) : max(sp.Start, prev.Start+len(body))]
			next := text[sp.Start:sp.End]
			// A full stop inside closing Reuters markup ("Inc.>") ends
			// the sentence too.
			last := strings.TrimSuffix(body, ">")
			if strings.Count(gap, "\n") <= 2 && strings.TrimSpace(gap) == "" && last != "" && !strings.ContainsRune(".!?:\"'|0123456789", rune(last[len(last)-1])) && !isShouted(body) && !isShouted(next) {
				out[n-1].End = sp.End
				continue
			}
		}
		out = append(out, sp)
	}
	return out
}

// markShouts sets shout on the tokens of all-capitals lines (wire
// headlines: three words or more, at least eight in ten in capitals) and
// titled on those of title-case lines (four words or more, at least six in
// ten capitalised: headlines and menus), where capitals say nothing of
// names.
func markShouts(s string, toks []token) {
	lineStart, words, up, caps := 0, 0, 0, 0
	mark := func(end int) {
		shout := words >= 3 && up*10 >= words*8
		titled := words >= 4 && caps*10 >= words*6
		for k := lineStart; k < end; k++ {
			toks[k].shout = toks[k].shout || shout
			toks[k].titled = titled
		}
	}
	for i := range toks {
		t := &toks[i]
		if t.nlBefore {
			mark(i)
			lineStart, words, up, caps = i, 0, 0, 0
		}
		if t.kind == tokWord && t.hasLetter {
			words++
			if t.upper {
				up++
			}
			if t.cap {
				caps++
			}
		}
	}
	mark(len(toks))
}
