package loader

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Document is a cleaned article: its metadata and the plain text of its
// story, with page boilerplate removed. Offsets into Text (evidence,
// entity mentions) are byte offsets.
type Document struct {
	// Article is the article's metadata; Article.ID is derived from SourceID.
	Article partnergraph.Article
	// SourceID is the identifier the source gave the article.
	SourceID string
	// Text is the cleaned text: paragraphs separated by one blank line,
	// single spaces, straight quotes.
	Text string
}

// Clean turns a raw article into a Document. It normalises whitespace,
// typographic quotes and apostrophes, joins hard-wrapped lines (Reuters
// style) into paragraphs, and drops page boilerplate by general rules that
// look at the phrasing and shape of each paragraph and sentence:
//
//   - navigation breadcrumbs ("Home / News / …") and menu lines full of
//     "View All" or "Share on …" links;
//   - ad-blocker, cookie, newsletter, affiliate ("reader-supported",
//     "affiliate commission") and subscription notices, share and follow
//     lines, "Discuss on our Facebook page", bylines and copyright footers;
//   - teaser headings ("Check Also", "Read more", "Related articles",
//     "You may also like", …) with the teasers after them; past the middle
//     of the page such a heading ends the story;
//   - promotional sentences inside story paragraphs (calls to action such
//     as "Join us…", "Sign up…", the publisher advertising its events);
//   - wire-service trailers ("Reuter", "More") and a repeated headline.
//
// Editorial boxes ("KitGuru Says: …") are kept: they are the publisher's
// own comment on the story. An article with no text left returns an error
// wrapping partnergraph.ErrInvalid.
func Clean(raw RawArticle) (Document, error) {
	doc := Document{
		SourceID: raw.SourceID,
		Article: partnergraph.Article{
			ID:        partnergraph.ArticleID(raw.SourceID),
			URL:       strings.TrimSpace(raw.URL),
			Title:     normalizeLine(normalizeRunes(raw.Title)),
			Publisher: strings.TrimSpace(raw.Publisher),
			Published: strings.TrimSpace(raw.Published),
		},
	}
	all, joined := paragraphs(normalizeRunes(raw.Text))
	paras := dropBoilerplate(all, doc.Article.Publisher)
	if slices.Equal(paras, all) {
		doc.Text = joined // nothing dropped: no need to join again
	} else {
		doc.Text = strings.Join(paras, "\n\n")
	}
	if strings.TrimSpace(doc.Text) == "" {
		return doc, fmt.Errorf("clean %s: no article text: %w", describeSource(raw), partnergraph.ErrInvalid)
	}
	if doc.Article.Title == "" {
		t := paras[0]
		if utf8.RuneCountInString(t) > 200 {
			t = string([]rune(t)[:200])
		}
		doc.Article.Title = t
	}
	return doc, nil
}

func describeSource(raw RawArticle) string {
	if raw.Origin != "" {
		return raw.Origin
	}
	if raw.SourceID != "" {
		return raw.SourceID
	}
	return "article"
}

// normalizeRunes replaces typographic quotes, apostrophes and unusual
// spaces by their plain forms and removes invisible characters. Every
// replacement maps one rune to one rune or to nothing, before any offset
// is taken, so offsets into the result stay meaningful.
func normalizeRunes(s string) string {
	if !needsRuneNormalizing(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u00b4', '\u02bc':
			b.WriteByte('\'')
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			b.WriteByte('"')
		case '\u00a0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
			'\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000', '\t', '\f', '\v':
			b.WriteByte(' ')
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
			// invisible: dropped
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case '\u2028', '\u2029', '\u0085':
			b.WriteByte('\n')
		case utf8.RuneError:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsRuneNormalizing reports whether s holds a non-ASCII byte or one of
// '\r', '\t', '\f', '\v', looking at eight bytes at a time.
func needsRuneNormalizing(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if w&highs != 0 {
			return true
		}
		if hasZeroByte(w^('\t'*ones)) || hasZeroByte(w^('\v'*ones)) ||
			hasZeroByte(w^('\f'*ones)) || hasZeroByte(w^('\r'*ones)) {
			return true
		}
	}
	return needsRuneNormalizingSlow(s[i:])
}

// hasZeroByte reports whether one of the eight bytes of w is zero.
func hasZeroByte(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (w-ones)&^w&highs != 0
}

func needsRuneNormalizingSlow(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '\r' || c == '\t' || c == '\f' || c == '\v' {
			return true
		}
	}
	return false
}

// normalizeLine collapses runs of spaces (and line breaks) to one space
// and trims the ends.
func normalizeLine(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			clean = false
			break
		}
		if c >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				clean = false
				break
			}
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = len(b) > 0
			i += w
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, s[i:i+w]...)
		i += w
	}
	return string(b)
}

// paragraphs splits text into paragraphs with single spaces. Blank lines
// always separate paragraphs. A hard-wrapped text (most lines of similar,
// moderate length, as in wire copy) has its lines joined, and an indented
// line starts a new paragraph; in any other text each line is a paragraph.
// It also returns the paragraphs joined by blank lines; the paragraphs
// are substrings of it.
func paragraphs(text string) ([]string, string) {
	wrapped := isHardWrapped(text)
	var ends []int // end of each paragraph in buf
	bp, _ := paraBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	buf := slices.Grow((*bp)[:0], len(text))
	defer func() {
		*bp = buf[:0]
		paraBufs.Put(bp)
	}()
	cur := 0 // start of the paragraph being built
	flush := func() {
		if len(buf) > cur {
			ends = append(ends, len(buf))
			buf = append(buf, '\n', '\n')
			cur = len(buf)
		}
	}
	for rest := text; rest != ""; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		t := strings.TrimSpace(line)
		if t == "" {
			flush()
			continue
		}
		if !wrapped || line[0] == ' ' {
			flush()
		}
		if len(buf) > cur {
			buf = append(buf, ' ')
		}
		if !isPlainSingleSpaced(t) {
			t = normalizeLine(t)
		}
		buf = append(buf, t...)
	}
	flush()
	if len(ends) == 0 {
		return nil, ""
	}
	joined := string(buf[:len(buf)-2])
	out := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		out[i] = joined[start:e]
		start = e + 2
	}
	return out, joined
}

// paraBufs recycles the buffers in which paragraphs builds its text.
var paraBufs sync.Pool

// isPlainSingleSpaced reports whether s holds only printable ASCII and
// no two spaces in a row.
func isPlainSingleSpaced(s string) bool {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	i := 0
	prevSpace := false
	for ; i+8 <= len(s); i += 8 {
		w := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		// no byte of 0x80 or more, none below 0x20
		if w&highs != 0 || (w-' '*ones)&^w&highs != 0 {
			return false
		}
		// the high bit of each space byte, exactly (no borrows)
		x := w ^ ' '*ones
		spaces := ^((x&lows + lows) | x) & highs
		if spaces&(spaces<<8) != 0 || prevSpace && spaces&0x80 != 0 {
			return false
		}
		prevSpace = spaces>>63 != 0
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < ' ' || c == ' ' && prevSpace {
			return false
		}
		prevSpace = c == ' '
	}
	return true
}

// isPlainASCII reports whether s holds only printable ASCII.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < ' ' {
			return false
		}
	}
	return true
}

// isHardWrapped reports whether text looks fixed-width wrapped: several
// lines, none long, most of moderate length and most ending in the middle
// of a sentence.
func isHardWrapped(text string) bool {
	n, mid, long, open := 0, 0, 0, 0
	for rest := text; rest != ""; {
		l := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		n++
		switch c := len(l); { // bytes: close enough to characters here
		case c > 100:
			long++
		case c >= 25:
			mid++
		}
		if strings.IndexByte(".!?:\"'", l[len(l)-1]) < 0 {
			open++
		}
	}
	return n >= 4 && long == 0 && float64(mid) >= 0.6*float64(n) && float64(open) >= 0.5*float64(n)
}

// Boilerplate cues, lower case. A paragraph holding two cues, or one cue
// and little else, is dropped; in a longer paragraph only the sentences
// holding a cue are dropped.
var boilerplateCues = append(adBlockCues[:len(adBlockCues):len(adBlockCues)],
	"whitelist",
	"reader-supported", "reader supported", "affiliate commission", "affiliate link",
	"earn a commission", "we may earn", "prices subject to change",
	"use cookies", "uses cookies", "accept cookies", "cookie policy", "cookie settings",
	"cookies policy", "privacy policy", "terms of service", "terms of use", "terms and conditions",
	"all rights reserved", "do not sell my personal information",
	"newsletter", "newsletters", "sign up for", "sign up to", "subscribe to", "subscribe now", "subscribe for",
	"unsubscribe", "become a patron", "support us on", "consider becoming a sponsor",
	"share on facebook", "share on twitter", "share on x", "share on linkedin", "share this", "share via email",
	"follow us on", "like us on facebook", "discuss on our", "join the discussion",
	"view all", "press releases", "contact us", "share a news tip", "click here",
	"read our full", "learn more about the opportunities", "near you!", "join us for",
	"register now", "register here",
	"©", "(c) 20", "copyright 20", "our mission is", "'s mission is to",
	"download our app", "enable javascript", "this video", "watch the video", "image caption",
	"read more:", "related:", "see also:", "also read:", "read next:",
	"navigation menu", "expand menu", "saved stories", "my profile", "save this story",
	"earn a portion of sales", "affiliate partnerships", "prior written permission",
	"may not be reproduced", "ad choices", "select international site", "do not sell my personal",
	"archive page", "enter your email", "submitting your email", "valid email", "thanks for signing up",
	"check your inbox", "chip in", "filed under:", "reader support", "ethics statement",
	"(show all)", "email protected", "profile and archive",
	"most read", "sign up for free", "already a subscriber", "create an account", "breaking:", "trending:",
	"recommended:", "editor's picks", "top stories:",
	"image source", "getty images", "photo credit", "updated on", "posted on",
)

// Headings that introduce teasers for other articles.
var teaserHeadings = []string{
	"check also", "read more", "read next", "read also", "see also", "related",
	"related articles", "related posts", "related stories", "related news", "related content",
	"related coverage", "more from", "more stories", "more news", "more on this",
	"you may also like", "you might also like", "recommended", "recommended for you",
	"trending", "trending now", "most popular", "most read", "popular stories",
	"latest news", "latest stories", "top stories", "editor's picks", "further reading",
	"also read", "don't miss", "up next", "sponsored", "sponsored content", "advertisement",
	"comments", "leave a reply", "leave a comment", "share", "share this article", "tags",
}

// Lines that are wire trailers or page furniture on their own.
var furnitureLines = map[string]bool{
	"reuter": true, "reuters": true, "more": true, "advertisement": true, "ad": true,
	"share": true, "tweet": true, "print": true, "email": true, "comments": true,
	"become a patron!": true, "loading...": true, "skip to content": true,
}

// maxFurnitureLine and maxTeaserHeading are the lengths of the longest
// furniture line and teaser heading: longer paragraphs need no lookup.
var maxFurnitureLine, maxTeaserHeading = func() (int, int) {
	f, t := 0, 0
	for l := range furnitureLines {
		f = max(f, len(l))
	}
	for _, h := range teaserHeadings {
		t = max(t, len(h))
	}
	return f, t
}()

// adBlockCues name ad blockers.
var adBlockCues = []string{"ad blocker", "adblocker", "ad-blocker", "adblock", "ad blocking", "adblocking", "ad blockers", "adblockers"}

// cueBucket maps the first two bytes of a cue to 1 + the index of its
// bucket in cueBuckets (0: no cue starts so), so that countCues finds the
// cues of a text in one pass without map lookups.
var cueBucket, cueBuckets = func() (*[1 << 10]uint8, [][]int) {
	var t [1 << 10]uint8
	var buckets [][]int
	for i, c := range boilerplateCues {
		k := cueKey(c[0], c[1])
		if t[k] == 0 {
			buckets = append(buckets, nil)
			t[k] = uint8(len(buckets))
		}
		buckets[t[k]-1] = append(buckets[t[k]-1], i)
	}
	return &t, buckets
}()

// cueTrigrams is a bit set of cueKey3 of the first three bytes of every
// cue (of every third byte for a two-byte cue): a text position whose
// bytes are not in it starts no cue.
var cueTrigrams = func() *[1 << 15 / 64]uint64 {
	var t [1 << 15 / 64]uint64
	for _, c := range boilerplateCues {
		for x := range 32 {
			third := byte(x)
			if len(c) > 2 {
				third = c[2]
			}
			k := cueKey3(c[0], c[1], third)
			t[k>>6] |= 1 << (k & 63)
		}
	}
	return &t
}()

// cueFirstByte marks the first bytes of the cues.
var cueFirstByte = func() (t [256]bool) {
	for _, c := range boilerplateCues {
		t[c[0]] = true
	}
	return t
}()

// alnumByte marks the ASCII letters and digits among all byte values.
var alnumByte = func() (t [256]bool) {
	copy(t[:], asciiAlnum[:])
	return t
}()

// cueKey3 is cueKey extended to three bytes.
func cueKey3(a, b, c byte) uint16 { return cueKey(a, b)<<5 | uint16(c&31) }

// countCues returns how many distinct boilerplate cues s holds, ignoring
// ASCII case (a repeated "view all" counts twice), and whether one names
// an ad blocker.
func countCues(s string) (n int, adblock, widget bool) {
	if len(s) < 2 {
		return 0, false, false
	}
	var cc cueCounter
	// A cue may start at a word's first byte or at any other non-letter,
	// non-digit byte, with a byte that can start a cue, and with its first
	// three bytes in cueTrigrams. The test is branch-free up to the rare
	// hits, which text of any shape would otherwise pay for in
	// mispredicted branches.
	var prev uint8 // cueByteClass of the previous byte
	i := 0
	for ; i+2 < len(s); i++ {
		cls := cueByteClass[s[i]]
		k := uint16(s[i]&31)<<10 | uint16(s[i+1]&31)<<5 | uint16(s[i+2]&31) // cueKey3, inlined
		tri := uint8(cueTrigrams[k>>6] >> (k & 63))                         // bit 0
		hit := tri & (cls >> 1) &^ (cls & prev)
		prev = cls
		if hit&1 != 0 {
			cc.match(s, i)
		}
	}
	// The last position (i+1 == len(s)-1) has no third byte.
	if cls := cueByteClass[s[i]]; cls&2 != 0 && cls&prev&1 == 0 {
		cc.match(s, i)
	}
	return cc.result()
}

// cueCounter gathers the boilerplate cues that countCues finds.
type cueCounter struct {
	seen            [256]bool
	n, viewAll      int
	adblock, widget bool
}

// match counts the cues of s that start at byte start, which is at least
// two bytes from the end of s.
func (cc *cueCounter) match(s string, start int) {
	b := cueBucket[cueKey(s[start], s[start+1])]
	if b == 0 {
		return
	}
	for _, ci := range cueBuckets[b-1] {
		cue := boilerplateCues[ci]
		if len(cue) > 2 && (start+2 >= len(s) || lowerByte(s[start+2]) != cue[2]) || !hasPrefixFold(s[start:], cue) {
			continue
		}
		if e := start + len(cue); e < len(s) && asciiAlnum[cue[len(cue)-1]&0x7f] && s[e] < utf8.RuneSelf && asciiAlnum[s[e]] {
			continue // "share on x" is not in "share on Xbox"
		}
		if cue == "view all" {
			cc.viewAll++
		}
		if ci < len(cc.seen) && !cc.seen[ci] {
			cc.seen[ci] = true
			cc.n++
			if ci < len(adBlockCues) {
				cc.adblock = true
			}
			if strings.HasPrefix(cue, "share ") || strings.HasPrefix(cue, "save this") {
				cc.widget = true
			}
		}
	}
}

// result returns the count of distinct cues (a repeated "view all" adds
// one) and whether an ad-blocker or sharing widget cue was among them.
func (cc *cueCounter) result() (n int, adblock, widget bool) {
	n = cc.n
	if cc.viewAll > 1 {
		n++
	}
	return n, cc.adblock, cc.widget
}

// cueByteClass holds, for each byte, bit 0 when it is an ASCII letter or
// digit and bit 1 when its lower case can start a cue.
var cueByteClass = func() (t [256]uint8) {
	for c := range 256 {
		if alnumByte[c] {
			t[c] |= 1
		}
		if cueFirstByte[lowerByte(byte(c))] {
			t[c] |= 2
		}
	}
	return t
}()

// cueKey hashes the first two bytes of a cue or text position, ignoring
// ASCII case, into a small table (letters get distinct codes; collisions
// of other bytes are resolved by comparing the cue).
func cueKey(a, b byte) uint16 { return uint16(a&31)<<5 | uint16(b&31) }

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s starts with the lower-case prefix,
// ignoring ASCII case in s.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerByte(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains the lower-case sub, ignoring
// ASCII case in s.
func containsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerByte(s[i]) == sub[0] && hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}

// widgetPhrases are share and save buttons that scrapers glue to the
// story's first sentence ("Share this story Microsoft is investing …");
// they are cut out as phrases so that the sentence survives.
var widgetPhrases = []string{
	"share this story", "share this article", "save this story", "share on facebook",
	"share on twitter", "share on linkedin", "share on x", "share via email",
}

// splitAfterWidgets splits a paragraph after its last share button:
// pages glue the menu, the headline, the share buttons and the story's
// first sentence into one line ("… View All Zyxo raises $9M Share on
// Facebook Share on X Share on LinkedIn Zyxo, a maker of robots, has
// raised …"), and the menu's cues must not take the story's lead with
// them. The part after the buttons is a paragraph of its own, judged
// like any other. paras is returned as is when no paragraph has one.
func splitAfterWidgets(paras []string) []string {
	var out []string
	for i, p := range paras {
		end := 0
		// Every widget phrase holds "hare " or "ave this": most
		// paragraphs are passed over without a search per phrase.
		if mayHoldWidget(p) {
			end = lastWidgetEnd(p)
		}
		tail := ""
		if end > 0 {
			tail = strings.TrimLeft(p[end:], " |/·•-")
		}
		if tail == "" || end == len(p) {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(paras)+1), paras[:i]...)
		}
		out = append(out, strings.TrimSpace(p[:end]), tail)
	}
	if out == nil {
		return paras
	}
	return out
}

// mayHoldWidget reports whether p holds "hare ", "HARE ", "ave this" or
// "AVE THIS". Each holds an e (or E) before a space, which it looks for
// eight bytes at a time; only there does it compare the phrases.
func mayHoldWidget(p string) bool {
	const ones = 0x0101010101010101
	at := func(j int) bool { // p[j] is e or E, p[j+1] a space
		return j >= 3 && (p[j-3:j+2] == "hare " || p[j-3:j+2] == "HARE ") ||
			j >= 2 && j+6 <= len(p) && (p[j-2:j+6] == "ave this" || p[j-2:j+6] == "AVE THIS")
	}
	i := 0
	for ; i+9 <= len(p); i += 8 {
		x, y := load64(p[i:]), load64(p[i+1:])
		m := zeroBytes((x|0x20*ones)^'e'*ones) & zeroBytes(y^' '*ones)
		for m != 0 {
			if at(i + bits.TrailingZeros64(m)/8) {
				return true
			}
			m &= m - 1
		}
	}
	for ; i+1 < len(p); i++ {
		if p[i]|0x20 == 'e' && p[i+1] == ' ' && at(i) {
			return true
		}
	}
	return false
}

// zeroBytes marks the high bit of each zero byte of v, exactly: no carry
// crosses a byte.
func zeroBytes(v uint64) uint64 {
	const lows, highs = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	return ^((v & lows) + lows | v) & highs
}

// load64 returns the first eight bytes of s as a little-endian number.
func load64(s string) uint64 {
	s = s[:8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// nextWidget returns the span of the first widget phrase w in p at or
// after from ("share on Xbox" is none), or -1, -1.
func nextWidget(p, w string, from int) (int, int) {
	for {
		i := indexFold(p[from:], w)
		if i < 0 {
			return -1, -1
		}
		i += from
		e := i + len(w)
		if e < len(p) && p[e] < utf8.RuneSelf && asciiAlnum[p[e]] {
			from = e
			continue
		}
		return i, e
	}
}

// lastWidgetEnd returns the byte offset just after the last widget phrase
// of p, or 0.
func lastWidgetEnd(p string) int {
	last := 0
	for _, w := range widgetPhrases {
		for _, e := nextWidget(p, w, 0); e >= 0; _, e = nextWidget(p, w, e) {
			last = max(last, e)
		}
	}
	return last
}

// stripWidgets removes widget phrases and the separators left around them.
func stripWidgets(p string) string {
	changed := false
	for _, w := range widgetPhrases {
		for i, e := nextWidget(p, w, 0); i >= 0; i, e = nextWidget(p, w, i) {
			p = p[:i] + p[e:]
			changed = true
		}
	}
	if !changed {
		return p
	}
	return strings.Trim(normalizeLine(p), " |/·•-")
}

// indexFold returns the index of the lower-case sub in s ignoring ASCII
// case, or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerByte(s[i]) == sub[0] && hasPrefixFold(s[i:], sub) {
			return i
		}
	}
	return -1
}

func isTeaserHeading(lower string) bool {
	l := strings.TrimRight(lower, " :.!>»-–—")
	if len(l) > maxTeaserHeading {
		return false
	}
	for _, h := range teaserHeadings {
		if l == h {
			return true
		}
	}
	return false
}

// isBreadcrumb reports whether p is a navigation trail such as
// "Home / Tech News / Featured".
func isBreadcrumb(p string) bool {
	if len(p) > 300 || !hasSeparatorByte(p) {
		return false
	}
	for _, sep := range []string{" / ", " > ", " » ", " › ", " | "} {
		if strings.Count(p, sep) < 2 {
			continue
		}
		parts := strings.Split(p, sep)
		if len(parts) < 3 {
			continue
		}
		short := 0
		for _, x := range parts[:len(parts)-1] {
			if len(strings.Fields(x)) <= 5 {
				short++
			}
		}
		if short == len(parts)-1 {
			return true
		}
	}
	return false
}

// hasSeparatorByte reports whether p may hold a breadcrumb separator:
// '/', '>', '|' or the first byte of '»' or '›'.
func hasSeparatorByte(p string) bool {
	return strings.IndexByte(p, '/') >= 0 || strings.IndexByte(p, '>') >= 0 ||
		strings.IndexByte(p, '|') >= 0 || strings.IndexByte(p, 0xC2) >= 0 ||
		strings.IndexByte(p, 0xE2) >= 0
}

// isByline reports whether p is a short author or date line.
func isByline(p string) bool {
	if len(p) > 120 || strings.Count(p, " ") > 9 {
		return false
	}
	return hasPrefixFold(p, "by ") && !strings.ContainsAny(p, ".!?") || hasDateLineCue(p)
}

// hasDateLineCue reports whether p holds "updated on", "posted on" or
// "published on", ignoring ASCII case, in one pass: each holds "ed on".
func hasDateLineCue(p string) bool {
	for i := 0; i+5 <= len(p); i++ {
		if lowerByte(p[i]) != 'e' || !hasPrefixFold(p[i:], "ed on") {
			continue
		}
		if head := p[:i]; hasSuffixFold(head, "updat") || hasSuffixFold(head, "post") || hasSuffixFold(head, "publish") {
			return true
		}
	}
	return false
}

// hasSuffixFold reports whether s ends with the lower-case suffix,
// ignoring ASCII case in s.
func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && hasPrefixFold(s[len(s)-len(suffix):], suffix)
}

// dropBoilerplate removes boilerplate paragraphs and sentences.
func dropBoilerplate(paras []string, publisher string) []string {
	paras = splitAfterWidgets(paras)
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	pub := strings.ToLower(publisher)
	var out []string
	seen := 0     // bytes of input paragraphs looked at so far
	story := 0    // bytes of story kept so far
	skipNext := 0 // teaser paragraphs to drop after a teaser heading
	for i, p := range paras {
		seen += len(p)
		p = stripPageMarker(p)
		lower := p // lower case only for short paragraphs, see below
		if len(p) <= 40 {
			lower = strings.ToLower(p)
		}
		if t := strings.TrimSpace(lower); len(t) <= maxFurnitureLine && furnitureLines[t] {
			continue
		}
		if isTeaserHeading(lower) {
			if story > 0 && seen > total/2 {
				break // past the middle: the rest of the page is teasers
			}
			skipNext = 1
			continue
		}
		if skipNext > 0 {
			skipNext--
			if len(strings.Fields(p)) <= 20 {
				continue
			}
		}
		if i < 3 && isBreadcrumb(p) || isByline(p) {
			continue
		}
		if len(out) > 0 && out[len(out)-1] == p {
			continue // repeated headline
		}
		cues, adblock, widget := countCues(p)
		if widget {
			if p = stripWidgets(p); p == "" {
				continue
			}
			cues, adblock, _ = countCues(p)
		}
		if adblock && story > 0 && seen > total/2 {
			break // an ad-blocker appeal ends the story
		}
		if cues >= 2 || cues == 1 && len(p) < 300 {
			// A long paragraph that is mostly story keeps its story
			// sentences: an event plug glued to a quote is no reason to
			// lose the quote.
			if len(p) < 800 {
				continue
			}
			q := dropSentences(p, pub)
			if len(q) < len(p)*2/3 {
				continue
			}
			p, cues = q, 0
		}
		if cues >= 1 || pub != "" && (strings.Contains(p, publisher) || strings.Contains(p, pub)) {
			p = dropSentences(p, pub)
			if p == "" {
				continue
			}
		}
		out = append(out, p)
		story += len(p)
	}
	return out
}

// pageMarkers are the words a page leaves where it took a box out of the
// story ("after newsletter promotion"), glued to the next paragraph of
// the story: the marker goes, the story stays.
var pageMarkers = []string{"after newsletter promotion"}

// stripPageMarker removes a page marker that opens p.
func stripPageMarker(p string) string {
	for _, m := range pageMarkers {
		if len(p) > len(m) && hasPrefixFold(p, m) {
			return strings.TrimLeft(p[len(m):], " \t")
		}
	}
	return p
}

// promoCues mark a promotional sentence when the sentence also names the
// publisher, or ends in an exclamation.
var promoCues = []string{
	"join", "event", "register", "connect with", "sign up", "subscribe", "newsletter",
	"mission", "briefing", "discover", "follow", "sponsor", "tour", "summit", "webinar",
}

// dropSentences removes boilerplate sentences from a story paragraph.
func dropSentences(p, pub string) string {
	var kept []string
	for _, s := range Sentences(p) {
		sent := p[s.Start:s.End]
		l := strings.ToLower(sent)
		if n, _, _ := countCues(l); n > 0 {
			continue
		}
		if pub != "" && strings.Contains(l, pub) || strings.HasSuffix(l, "!") {
			promo := false
			for _, c := range promoCues {
				if strings.Contains(l, c) {
					promo = true
					break
				}
			}
			if promo {
				continue
			}
		}
		kept = append(kept, sent)
	}
	return strings.Join(kept, " ")
}

// isUpperWord reports whether every letter of w is upper case and it has
// at least one letter.
func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}
