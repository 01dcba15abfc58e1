package loader

import (
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// shoutStops are the words of an all-capitals headline that end a name
// read leftwards from its legal suffix: function words and the verbs and
// nouns that headlines put between names ("EMERY AIR FREIGHT CORP TO
// OFFER ... FOR PUROLATOR COURIER CORP").
var shoutStops = setOf(
	"to", "for", "in", "of", "by", "from", "with", "and", "on", "at", "as", "the", "a", "an", "into", "over", "after", "its", "it", "his", "their",
	"says", "said", "say", "sees", "see", "gets", "get", "got", "has", "have", "had", "is", "are", "was", "were", "be", "will", "would", "may", "not", "no",
	"acquire", "acquires", "acquired", "acquisition", "buy", "buys", "bought", "buyout", "sell", "sells", "sold", "sale",
	"merge", "merges", "merger", "bid", "bids", "offer", "offers", "offered", "tender", "takeover", "stake", "pct", "shares", "share", "unit", "units",
	"agree", "agrees", "agreed", "complete", "completes", "completed", "end", "ends", "ended", "terminate", "terminates", "plans", "plan",
	"seek", "seeks", "make", "makes", "made", "raise", "raises", "cut", "cuts", "hold", "holds", "talks", "rejects", "reject", "sets", "set", "up",
	"purchase", "purchases", "purchased", "deal", "pact", "venture", "invest", "invests", "interest", "control", "holders", "holder", "vs", "unsolicited",
	"ordinary", "common", "preferred", "stock", "shr", "shrs", "dlrs", "dlr", "mln", "billion",
)

// shoutVerbs are verbs common in headlines ("X REJECTS Y BID"): they end a
// name, and a name may follow them.
var shoutVerbs = setOf("rejects", "makes", "gets", "sets", "amends", "raises", "extends", "ups", "boosts", "lifts", "ends", "seeks",
	"plans", "sees", "files", "asks", "confirms", "completes", "considers", "studies", "explores", "accepts", "receives", "reaches",
	"signs", "wins", "drops", "buys", "sells", "offers", "bids", "holds", "owns", "takes", "acquires", "agrees", "urges", "opposes",
	"backs", "supports", "welcomes", "denies", "sues", "begins", "launches", "proposes", "approves", "forms", "tells", "reports",
	"increases", "reduces", "lowers", "discloses", "reveals", "expects", "pursues", "eyes", "weighs", "favors", "favours", "calls",
	"withdraws", "terminates", "cancels", "drops", "renews", "revises", "sweetens", "extend", "says", "said")

// shoutSuffix are the legal suffixes that mark a company in all-capitals
// text; the short ones that are also words or abbreviations (SA, AS, SE)
// are left out.
var shoutSuffix = setOf("inc", "corp", "corporation", "co", "cos", "ltd", "plc", "llc", "nv", "ag", "spa", "gmbh", "bhd", "pty", "incorporated", "limited")

// shoutCandidates finds companies in a text written wholly in capitals (a
// wire item that is only a headline), where case tells nothing: a run of
// words ending in a legal suffix and bounded on the left by a function
// word, a headline verb or the line start ("PUROLATOR COURIER CORP"), and
// known names of more than one word, or of one word that is neither
// ambiguous nor an everyday word ("EASTMAN KODAK", "CHRYSLER"). Names are
// given in title case ("Purolator Courier Corp").
func (r *EntityRecognizer) shoutCandidates(text string, toks []token, blocked []bool, out []candidate) []candidate {
	var keyBuf [64]byte // most keys: no copy on the heap
	key := keyBuf[:0]
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || isBlocked(blocked, i) || !t.hasLetter {
			continue
		}
		// A known name, matched without regard to case.
		n, ok := r.root.next[lowerASCII(text[t.s:t.e])]
		bestJ, best := -1, aliasRef{}
		for j := i; ok && j < len(toks) && j < i+6; j++ {
			if j > i {
				if toks[j].nlBefore || isBlocked(blocked, j) {
					break
				}
				key = appendLower(key[:0], text[toks[j].s:toks[j].e])
				if n, ok = n.next[string(key)]; !ok {
					break
				}
			}
			for _, ref := range n.refs {
				if ref.platform || ref.ambiguous {
					continue
				}
				if len(ref.toks) == 1 && (len(ref.toks[0]) < 4 || r.g.commonWords[strings.ToLower(ref.toks[0])]) {
					continue
				}
				bestJ, best = j, ref
			}
		}
		if bestJ >= 0 {
			out = append(out, candidate{ti: i, tj: bestJ + 1, s: t.s, e: toks[bestJ].e, kind: partnergraph.MentionCompany,
				name: r.g.companies[best.idx].Name, source: "gazetteer", conf: 0.7, priority: 4})
		}
		// A legal suffix and the name words before it.
		if !shoutSuffix[lowerASCII(text[t.s:t.e])] || i == 0 || t.nlBefore {
			continue
		}
		end := i + 1
		for end < len(toks) && !toks[end].nlBefore && toks[end].kind == tokWord && shoutSuffix[lowerASCII(text[toks[end].s:toks[end].e])] {
			end++
		}
		start := i
		for k := i - 1; k >= 0 && k >= i-6; k-- {
			tk := toks[k]
			if toks[k+1].nlBefore || isBlocked(blocked, k) {
				break
			}
			w := text[tk.s:tk.e]
			if tk.kind == tokPunct && w == "&" {
				continue
			}
			if tk.kind != tokWord || !tk.hasLetter || shoutStops[lowerASCII(w)] || r.g.IsNonCompany(titleWord(w)) {
				break
			}
			start = k
		}
		if start == i {
			continue
		}
		var name strings.Builder
		for k := start; k < end; k++ {
			if k > start {
				name.WriteByte(' ')
			}
			name.WriteString(titleWord(text[toks[k].s:toks[k].e]))
		}
		out = append(out, candidate{ti: start, tj: end, s: toks[start].s, e: toks[end-1].e, kind: partnergraph.MentionCompany,
			name: name.String(), source: "suffix", conf: 0.6, priority: 3})
		i = end - 1
	}
	return r.shoutDealNames(text, toks, blocked, out)
}

// shoutObjectCues are the headline words after which the object of a deal
// starts ("TO ACQUIRE WTC INTERNATIONAL", "STAKE IN IC GAS", "OFFER FOR
// USAIR"); shoutDealWords say that a headline reports a deal at all.
var (
	shoutObjectCues = setOf("acquire", "acquires", "buy", "buys", "purchase", "purchases", "for", "in", "of", "with", "from", "by", ",", "and")
	shoutDealWords  = setOf("acquire", "acquires", "acquired", "acquiring", "acquisition", "buy", "buys", "bought", "buyout", "merge", "merges", "merger",
		"takeover", "tender", "stake", "purchase", "purchases", "purchased", "bid", "bids", "bidding", "offer", "offers", "offering",
		"sell", "sells", "sold", "sale", "divest", "divests")
	// shoutNotNames are words that head no company name in a headline.
	shoutNotNames = setOf("all", "up", "rest", "remaining", "outstanding", "another", "new", "higher", "possible", "cash", "its", "their",
		"affiliate", "subsidiary", "shareholders", "holders", "board", "stock", "approval", "one", "two", "three", "four", "five", "six",
		"seven", "eight", "nine", "ten", "common", "preferred", "additional", "group", "investor", "investors", "management", "talks",
		"court", "agency", "government", "u.s.", "department", "union", "he", "she", "they", "it", "we", "undisclosed", "unnamed", "private",
		"exchange", "part", "principle", "letter", "intent", "latest", "deadline", "review", "options", "hike", "spokesman", "managing", "chairman", "president", "director", "editor", "response", "addition", "order", "talks", "us", "him", "them", "any", "some", "most", "each")
)

// shoutDealNames reads the names of a headline that reports a deal: the
// words before its first verb or function word ("PITTSTON AGREES TO
// ACQUIRE ...") and the words after a deal word's object cue up to the
// next such word or number ("... TO ACQUIRE WTC INTERNATIONAL IN EXCHANGE
// ..."). Runs that start with a word that heads no name ("ALL", "UNIT",
// "U.S.") are skipped.
func (r *EntityRecognizer) shoutDealNames(text string, toks []token, blocked []bool, out []candidate) []candidate {
	deal := false
	for _, t := range toks {
		if t.kind == tokWord && shoutDealWords[lowerASCII(text[t.s:t.e])] {
			deal = true
			break
		}
	}
	if !deal {
		return out
	}
	nameWord := func(k int) bool {
		t := &toks[k]
		if isBlocked(blocked, k) || !t.hasLetter {
			return false
		}
		w := text[t.s:t.e]
		if t.kind == tokPoss {
			return false
		}
		if t.kind != tokWord {
			return w == "&"
		}
		lw := lowerASCII(w)
		return !shoutStops[lw] && !shoutVerbs[lw] && !shoutDealWords[lw] && !hasDigit(w)
	}
	run := func(start int) {
		if start >= len(toks) || !nameWord(start) || shoutNotNames[lowerASCII(text[toks[start].s:toks[start].e])] {
			return
		}
		end := start
		for end < len(toks) && end < start+5 && (end == start || !toks[end].nlBefore) && nameWord(end) {
			end++
		}
		for end > start && toks[end-1].kind != tokWord {
			end--
		}
		var name strings.Builder
		for k := start; k < end; k++ {
			w := text[toks[k].s:toks[k].e]
			if k == start && r.g.personNames[titleWord(w)] {
				return // a person, not a firm
			}
			if k > start {
				name.WriteByte(' ')
			}
			name.WriteString(titleWord(w))
		}
		// Everyday words alone name nothing: "BANK", "MORNING
		// INTERVENTION" after a cue.
		common := true
		for k := start; k < end; k++ {
			common = common && r.g.commonWords[lowerASCII(text[toks[k].s:toks[k].e])]
		}
		if common && (end == start+1 || start > 0 && !toks[start].nlBefore) {
			return
		}
		if end > start && !r.g.IsNonCompany(name.String()) && !(end == start+1 && r.g.IsNonCompany(titleWord(text[toks[start].s:toks[start].e]))) {
			out = append(out, candidate{ti: start, tj: end, s: toks[start].s, e: toks[end-1].e, kind: partnergraph.MentionCompany,
				name: name.String(), source: "pattern", conf: 0.5, priority: 1})
		}
	}
	selling := false
	for i, t := range toks {
		if i == 0 || t.nlBefore {
			run(i)
			continue
		}
		w := lowerASCII(text[t.s:t.e])
		if w == "sell" || w == "sells" || w == "sold" || w == "sale" {
			selling = true
		}
		switch {
		case w == "to" && selling, shoutObjectCues[w] && (t.kind == tokWord || w == ","), shoutVerbs[w] && t.kind == tokWord:
			// "SELLS UNIT TO AJINOMOTO": the buyer follows "TO".
			run(i + 1)
		}
	}
	return out
}

// titleWord writes an all-capitals word in title case: "PUROLATOR" is
// "Purolator", "INC" is "Inc"; a word of up to three letters ("GAF",
// "IBM", "NV") stays in capitals unless it is a suffix.
func titleWord(w string) string {
	if len(w) <= 3 {
		switch w {
		case "PLC":
			return "Plc"
		case "LTD":
			return "Ltd"
		case "INC":
			return "Inc"
		case "CO":
			return "Co"
		}
		return w
	}
	return w[:1] + strings.ToLower(w[1:])
}

// shoutedTitle writes titleWord(strings.ToUpper(w)) into buf and returns
// it, for an ASCII word that fits; otherwise it returns false.
func shoutedTitle(w string, buf []byte) ([]byte, bool) {
	if len(w) > len(buf) || !isASCII(w) {
		return nil, false
	}
	b := buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		b[i] = c
	}
	// titleWord keeps the length of an ASCII word: it lower-cases all but
	// the first letter of a word of four letters or more and of the
	// suffixes it knows.
	switch string(b) {
	case "PLC", "LTD", "INC", "CO":
		lowerASCIIBytes(b[1:])
	default:
		if len(b) > 3 {
			lowerASCIIBytes(b[1:])
		}
	}
	return b, true
}

// shoutedSuffix reports whether legalSuffix[titleWord(strings.ToUpper(w))]:
// whether w written in capitals is a legal suffix. An ASCII word is
// turned on the stack.
func shoutedSuffix(w string) bool {
	var buf [24]byte
	if b, ok := shoutedTitle(w, buf[:]); ok {
		return legalSuffix[string(b)]
	}
	return legalSuffix[titleWord(strings.ToUpper(w))]
}

// shoutedNonCompany is g.IsNonCompany(titleWord(strings.ToUpper(w))),
// with an ASCII word turned on the stack.
func (g *Gazetteer) shoutedNonCompany(w string) bool {
	var buf [32]byte
	if b, ok := shoutedTitle(w, buf[:]); ok {
		return g.IsNonCompany(string(b))
	}
	return g.IsNonCompany(titleWord(strings.ToUpper(w)))
}

// shoutAliases finds, on the all-capitals headline of a story, the
// companies that the story names in mixed case: "LIFETIME TO BUY SHARES OF
// NIPPON LACE" over "Lifetime Corp ... <Nippon Lace Co Ltd>". A company is
// matched by its whole written name, by that name without its legal
// suffix, or by its first word when that word is distinctive (four letters
// or more, not an everyday word) and no other company of the story starts
// with it.
//
// lower is text with its ASCII letters lower-cased (Text.lowered).
func (r *EntityRecognizer) shoutAliases(text, lower string, toks []token, blocked []bool, picked []candidate) []candidate {
	type form struct {
		words []string // lower case
		name  string
	}
	// At most three forms a company: its name, its core and its first
	// word.
	forms := make([]form, 0, 3*len(picked))
	owner := map[string]string{} // first word -> company, "" when shared
	add := func(ws []string, name string) {
		if len(ws) == 0 {
			return
		}
		for _, f := range forms {
			if f.name == name && slices.Equal(f.words, ws) {
				return
			}
		}
		forms = append(forms, form{ws, name})
	}
	for _, c := range picked {
		if c.kind != partnergraph.MentionCompany || toks[c.ti].shout {
			continue
		}
		ws := make([]string, 0, c.tj-c.ti)
		for k := c.ti; k < c.tj; k++ {
			if toks[k].kind == tokWord {
				ws = append(ws, lower[toks[k].s:toks[k].e]) // lowerASCII of the word
			}
		}
		add(ws, c.name)
		core := len(ws)
		for core > 1 && shoutedSuffix(ws[core-1]) {
			core--
		}
		add(ws[:core], c.name)
		if f, seen := owner[ws[0]]; !seen {
			owner[ws[0]] = c.name
		} else if f != c.name {
			owner[ws[0]] = ""
		}
	}
	for w, name := range owner {
		if name != "" && len(w) >= 4 && !r.g.commonWords[w] && !r.g.shoutedNonCompany(w) {
			add([]string{w}, name)
		}
	}
	if len(forms) == 0 {
		return picked
	}
	covered := make([]bool, len(toks))
	for _, c := range picked {
		for k := c.ti; k < c.tj; k++ {
			covered[k] = true
		}
	}
	var added []candidate
	for i := 0; i < len(toks); i++ {
		if !toks[i].shout || toks[i].kind != tokWord || covered[i] || isBlocked(blocked, i) {
			continue
		}
		best, bestLen := "", 0
		for _, f := range forms {
			n := len(f.words)
			if n <= bestLen || i+n > len(toks) {
				continue
			}
			ok := true
			for k := 0; k < n; k++ {
				t := toks[i+k]
				if !t.shout || covered[i+k] || t.kind != tokWord || !equalLowerASCII(text[t.s:t.e], f.words[k]) {
					ok = false
					break
				}
			}
			if ok {
				best, bestLen = f.name, n
			}
		}
		if bestLen == 0 {
			continue
		}
		added = append(added, candidate{ti: i, tj: i + bestLen, s: toks[i].s, e: toks[i+bestLen-1].e, kind: partnergraph.MentionCompany,
			name: best, source: "alias", conf: 0.65, priority: 0})
		i += bestLen - 1
	}
	if len(added) == 0 {
		return picked
	}
	return pick(append(picked, added...))
}
