package loader

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnergraph/partnergraph"
)

// Companies that raise money.
//
// Funding news opens with the company that raised the money, often a
// start-up no list knows and whose name is an everyday word or is set
// apart from its verb by a description: "Zyxo, a platform for designers,
// has raised $9 million", "Zyxo, which builds robots, today announced
// that it raised $20 million in a series A round". Whoever raises money
// is a business, so raiserNames takes the name before such a verb as a
// company when no rule and not the tagger found one there.
//
// Counter-examples: "the company has raised $9 million" names no one;
// "Zyxo's unit Quill raised" is left to the unit rules (the name follows
// a possessive); "Jane Doe, a former banker, has raised $9 million" is a
// person (plausibleName); and "In 2016, the start-up raised" starts with
// no name. It runs after the tagger, so what the tagger learns does not
// depend on it.

// raiserNames adds to picked the company each funding sentence of the
// text says raised money where nothing was picked, and returns picked.
func (r *EntityRecognizer) raiserNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	word := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return text[toks[k].s:toks[k].e]
	}
	var add []candidate
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		// Funding verbs are pattern triggers: the flag spares a map
		// look-up for most words, and the look for money after them
		// (below, a word neither a trigger nor "announced" raises
		// nothing either).
		if t.kind != tokWord || t.hasUpper || t.lex&fTrigger == 0 && !isAnnounced(text[t.s:t.e]) || !raisedMoney(text, toks, i+1) {
			continue
		}
		// "Zyxo announced a $12 million investment in its series A":
		// announcing money that a round word follows.
		if w := word(i); (t.lex&fTrigger == 0 || !fundVerbs[w]) && !(isAnnounced(w) && roundWordAhead(text, toks, i+2)) {
			continue
		}
		k := i
		for k > 0 && fundAux[word(k-1)] {
			k--
		}
		// "X today announced that it has raised $9 million": X speaks
		// of its own round.
		if word(k-1) == "it" {
			v := k - 2
			if word(v) == "that" {
				v--
			}
			if !announceVerbs[word(v)] {
				continue
			}
			for k = v; k > 0 && fundAux[word(k-1)]; k-- {
			}
		}
		var s, e int
		if word(k-1) == "," {
			var ok bool
			if s, e, ok = asideOpener(text, toks, blocked, k-1); !ok {
				continue
			}
		} else {
			s, e = nameRunLeft(text, toks, blocked, k), k
			if s == e || s > 0 && toks[s-1].kind == tokPoss {
				continue
			}
		}
		// "San Mateo-based Zyxo": the description is no part of the
		// name.
		for x := e - 1; x > s; x-- {
			if describesName(word(x - 1)) {
				s = x
				break
			}
		}
		if overlapsAny(candidate{ti: s, tj: e}, picked) || !r.listedName(text, toks, s, e, ps) && !r.givenNameFirm(text, toks, s, e) {
			continue
		}
		add = append(add, contextCompany(text, toks, s, e, "raise"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// isAnnounced reports whether w is "announced" or "announces".
func isAnnounced(w string) bool {
	return len(w) == 9 && w[0] == 'a' && (w == "announced" || w == "announces")
}

// givenNameFirm reports whether toks[s:e] is a firm's name that opens
// with a given name and ends with a word that ends many firms' names
// ("Nadia Health", "Maria Security"): two or three capitalised words,
// the last one of extraDesignators. The person rules read such a name as
// a given name and a surname; the funding verb after it says otherwise.
func (r *EntityRecognizer) givenNameFirm(text string, toks []token, s, e int) bool {
	if e-s < 2 || e-s > 3 || !r.g.personNames[text[toks[s].s:toks[s].e]] || !extraDesignators[text[toks[e-1].s:toks[e-1].e]] {
		return false
	}
	for k := s; k < e; k++ {
		if toks[k].kind != tokWord || !toks[k].cap {
			return false
		}
	}
	return true
}

// roundWordAhead reports whether a word of a funding round comes within
// six tokens from k: "a $12 million investment", "$5M in seed funding".
func roundWordAhead(text string, toks []token, k int) bool {
	for x := k; x < len(toks) && x < k+6; x++ {
		switch text[toks[x].s:toks[x].e] {
		case "investment", "round", "funding", "financing", "series", "seed":
			return true
		}
	}
	return false
}

// contextCompany is the company mention toks[s:e] that a pass after the
// tagger found by its context, with source naming the pass.
func contextCompany(text string, toks []token, s, e int, source string) candidate {
	return candidate{ti: s, tj: e, s: toks[s].s, e: toks[e-1].e, kind: partnergraph.MentionCompany,
		name: joinTokens(text, toks[s:e]), source: source, conf: 0.6, priority: -2}
}

// withAdded returns picked with the mentions add, their other
// occurrences found again; picked itself when add is empty.
func (r *EntityRecognizer) withAdded(text string, toks []token, blocked []bool, picked, add []candidate) []candidate {
	if len(add) == 0 {
		return picked
	}
	return r.propagate(text, toks, blocked, pick(append(picked, add...)))
}

// announceVerbs report a company's own news: "X announced that it has
// raised".
var announceVerbs = map[string]bool{"announced": true, "announces": true, "said": true, "says": true, "confirmed": true, "revealed": true}

// asideOpener finds the name that opens a sentence before an aside ending
// with the comma at c: "Zyxo, a platform for designers, has raised",
// "Zyxo, which builds robots," (the aside opens with a comma and "a",
// "an", "the", "which" or "who", and holds no other comma). It returns
// the name's tokens [s, e) and whether there is one.
func asideOpener(text string, toks []token, blocked []bool, c int) (s, e int, ok bool) {
	for x := c - 1; x > 0 && x >= c-40; x-- {
		if toks[x].nlBefore {
			return 0, 0, false
		}
		switch w := text[toks[x].s:toks[x].e]; w {
		case ".", ";", ":", "(", ")":
			return 0, 0, false
		case ",":
			if x+1 >= c {
				return 0, 0, false
			}
			switch text[toks[x+1].s:toks[x+1].e] {
			case "a", "an", "the", "which", "who":
			default:
				return 0, 0, false
			}
			s := nameRunLeft(text, toks, blocked, x)
			if s < x && (toks[s].sentStart || s == 0) {
				return s, x, true
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// describesName reports whether a hyphenated word before a name
// describes it rather than begins it: its last part is a lower-case
// participle or one of describingTails ("Seattle-based", "Harbex-backed",
// "Forty-person", "fintech-provider"), unlike "Harbex-Orla",
// "Q-Tel" or "Velmo-communications".
func describesName(w string) bool {
	h := strings.LastIndexByte(w, '-')
	if h < 1 || h == len(w)-1 {
		return false
	}
	tail := w[h+1:]
	for i := 0; i < len(tail); i++ {
		if tail[i] < 'a' || tail[i] > 'z' {
			return false
		}
	}
	return len(tail) > 3 && strings.HasSuffix(tail, "ed") || describingTails[tail]
}

// describingTails end hyphenated descriptions that are no participle.
var describingTails = setOf("provider", "maker", "employee", "person", "passenger", "old", "member", "strong", "seat", "store")

// trimDescriptions drops a description written as one hyphenated word
// from the front of the company names picked from the text: "fintech-provider
// Quillora Networks" is Quillora Networks, "Harbex-backed Orla Capital" Orla
// Capital, "New York-based Orla Capital" Orla Capital. It runs after the tagger, which therefore still learns from
// the names as the rules find them. A name the gazetteer gave, or one
// word long, is left as it is.
func trimDescriptions(text string, toks []token, picked []candidate) {
	for i := range picked {
		c := &picked[i]
		if c.kind != partnergraph.MentionCompany || c.tj-c.ti < 2 || c.name != joinTokens(text, toks[c.ti:c.tj]) {
			continue
		}
		// "New York-based Orla Capital": the description may take
		// more than one word.
		d := -1
		for k := c.ti; k < c.tj-1 && k < c.ti+3; k++ {
			if describesName(text[toks[k].s:toks[k].e]) {
				d = k
			}
		}
		if d < 0 {
			continue
		}
		c.ti = d + 1
		c.s = toks[c.ti].s
		c.name = joinTokens(text, toks[c.ti:c.tj])
	}
}

// trimPlaces drops "of" and a place from the end of the company names
// picked from the text when the name before it ends in a word of an
// investment firm: "Orla Capital of Austin, Texas" is Orla Capital.
// Counter-examples: "Bank of Austin", "Royal Bank of Tarn" (no
// firm word before "of"). Like trimDescriptions it runs after the
// tagger.
func (r *EntityRecognizer) trimPlaces(text string, toks []token, picked []candidate) {
	for i := range picked {
		c := &picked[i]
		if c.kind != partnergraph.MentionCompany || c.tj-c.ti < 3 || c.name != joinTokens(text, toks[c.ti:c.tj]) {
			continue
		}
		for k := c.ti + 1; k+1 < c.tj; k++ {
			if text[toks[k].s:toks[k].e] != "of" || !firmWords[text[toks[k-1].s:toks[k-1].e]] {
				continue
			}
			if r.g.IsNonCompany(text[toks[k+1].s:toks[c.tj-1].e]) {
				c.tj = k
				c.e = toks[k-1].e
				c.name = joinTokens(text, toks[c.ti:c.tj])
			}
			break
		}
	}
}

// ownUnitNames adds to picked the named units a company's own text
// calls "its" or "their": "agreed to sell its Quillon Products unit to
// Y", "the merger of its Zyxo Air subsidiary and Y". Convention 1 makes
// a named unit a company of its own, and a sale or merger of it is a
// deal of the unit, not of its owner. Like raiserNames it runs after the
// tagger. Counter-examples: "its main unit" (no name), "its Brazilian
// subsidiary" (a place), "its Consumer Banking division" (a division
// named only as a division is optional, convention 2).
func (r *EntityRecognizer) ownUnitNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	var add []candidate
	for i := 1; i+1 < len(toks); i++ {
		if toks[i].lex&fTrigger == 0 || toks[i].kind != tokWord || toks[i].hasUpper {
			continue // unit nouns are pattern triggers
		}
		if w := text[toks[i].s:toks[i].e]; w != "unit" && w != "subsidiary" && w != "affiliate" {
			continue
		}
		s := nameRunLeft(text, toks, blocked, i)
		if s >= i || s == 0 {
			continue
		}
		if o := text[toks[s-1].s:toks[s-1].e]; o != "its" && o != "their" {
			continue
		}
		if overlapsAny(candidate{ti: s, tj: i}, picked) || !r.listedName(text, toks, s, i, ps) || r.placeWords(text, toks, s, i) {
			continue
		}
		add = append(add, contextCompany(text, toks, s, i, "unit"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// basedNames adds to picked the name that a place's "-based" describes:
// "Palo Alto-based Quillon Data emerged from stealth", "the Berlin-based
// Zyxo". News sets a company's home before its name this way, and the
// pass runs after the tagger. Only a place the gazetteer knows counts,
// and the name must be plausible and no place itself. Counter-examples:
// "ARM-based Graviton" and "cloud-based Office" (no place), "London-based
// designer Jane Doe" (no capital after the description), "Seattle-based
// AI" (a non-company word).
func (r *EntityRecognizer) basedNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	if !strings.Contains(text, "-based ") {
		return picked
	}
	var add []candidate
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.kind != tokWord || !t.cap || !strings.HasSuffix(text[t.s:t.e], "-based") {
			continue
		}
		place := text[t.s : t.e-len("-based")]
		ok := r.g.IsNonCompany(place)
		if !ok && i > 0 && toks[i-1].kind == tokWord && toks[i-1].cap && toks[i-1].e+1 == t.s {
			ok = r.g.IsNonCompany(text[toks[i-1].s : t.e-len("-based")]) // "Palo Alto-based"
		}
		if !ok || !toks[i+1].cap || toks[i+1].nlBefore {
			continue
		}
		e := nameRunRight(text, toks, blocked, i+1)
		if e <= i+1 || overlapsAny(candidate{ti: i + 1, tj: e}, picked) || !r.listedName(text, toks, i+1, e, ps) || r.placeWords(text, toks, i+1, e) || r.g.IsNonCompany(text[toks[i+1].s:toks[i+1].e]) {
			continue
		}
		add = append(add, contextCompany(text, toks, i+1, e, "based"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// apposNouns say that the noun phrase they head is a business:
// "X, a startup developing chatbots", "Y, an Israeli chip maker".
// Nouns of things a business makes ("platform", "app", "service") are
// left out: "Kubernetes, an open source platform" is a product.
var apposNouns = setOf("startup", "start-up", "company", "firm", "maker", "manufacturer", "provider", "developer",
	"retailer", "carrier", "operator", "lender", "insurer", "publisher", "supplier", "distributor", "vendor",
	"conglomerate", "subsidiary", "airline", "brewer", "miner", "producer", "bank")

// apposAfter may follow the business noun that heads an appositive.
var apposAfter = setOf("of", "that", "which", "whose", "with", "in", "for", "from", "behind", "and", "to", "on", "owned", "backed")

// apposDealVerbs close a relative clause after an appositive's noun:
// "a startup Harbex acquired", "the firm Orla bought".
var apposDealVerbs = setOf("acquired", "bought", "purchased", "backed", "funded", "invested", "sold", "spun")

// apposStops are words before a name that make the appositive after it
// describe something else: "Founded by Jane Doe, the company", "Formerly
// known as Zyxo, the company".
var apposStops = setOf("by", "as", "with", "of", "from", "for", "to", "at", "in", "on", "via", "into", "through", "about", "against", "under")

// appositiveNames adds to picked the name that an appositive describes
// as a business: "Quorvex, a startup developing a chatbot for
// recruiters", "Tellamy, an Israeli chip maker", "Zorbex, the
// Lisbon-based company". The phrase opens with "a", "an" or "the" right
// after the comma and reaches its business noun within six words.
// Like raiserNames it runs after the tagger. Counter-examples: "Jane
// Doe, a former banker" (a person, no business noun), "Kubernetes, an
// open source platform" (a product), "Paris, a city" (a place).
func (r *EntityRecognizer) appositiveNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	var add []candidate
	for c := 1; c+2 < len(toks); c++ {
		if toks[c].kind != tokPunct || text[toks[c].s:toks[c].e] != "," {
			continue
		}
		if d := text[toks[c+1].s:toks[c+1].e]; d != "a" && d != "an" && d != "the" {
			continue
		}
		noun := false
		for x := c + 2; x < len(toks) && x <= c+7; x++ {
			t := &toks[x]
			if t.kind != tokWord || t.nlBefore {
				break
			}
			if w := text[t.s:t.e]; apposNouns[w] {
				// The noun heads the phrase: "a game developer that",
				// "a chip maker," but not "a business developer
				// manager" (a person's job).
				if x+1 < len(toks) {
					n := toks[x+1]
					nw := text[n.s:n.e]
					noun = n.kind != tokWord || apposAfter[nw] || strings.HasSuffix(nw, "ing") || strings.HasSuffix(nw, "ed")
					// "the Tel Aviv company Harbex acquired in 2017".
					for y := x + 2; !noun && n.cap && y < len(toks) && y <= x+4; y++ {
						noun = apposDealVerbs[text[toks[y].s:toks[y].e]]
					}
				}
				break
			} else if w == "of" || w == "that" || w == "which" || w == "who" || w == "and" {
				break
			} else if whichBought[w] && x+1 < len(toks) && text[toks[x+1].s:toks[x+1].e] == "by" && x > c+2 {
				// "Quillon, the data platform acquired by Harbex": a thing
				// some company bought is a business.
				noun = true
				break
			}
		}
		if !noun {
			continue
		}
		s := nameRunLeft(text, toks, blocked, c)
		// "San Mateo-based Zyxo, a startup": the description is no part
		// of the name.
		for x := c - 1; x > s; x-- {
			if describesName(text[toks[x-1].s:toks[x-1].e]) {
				s = x
				break
			}
		}
		if s >= c || s > 0 && (toks[s-1].kind == tokPoss || apposStops[text[toks[s-1].s:toks[s-1].e]]) {
			continue
		}
		if overlapsAny(candidate{ti: s, tj: c}, picked) || !r.listedName(text, toks, s, c, ps) || r.placeWords(text, toks, s, c) {
			continue
		}
		add = append(add, contextCompany(text, toks, s, c, "appositive"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// placeWords reports whether a run of words names a place or a people
// ("Brazilian", "Paris"): its last word is one of the gazetteer's
// non-company words.
func (r *EntityRecognizer) placeWords(text string, toks []token, s, e int) bool {
	return r.g.IsNonCompany(text[toks[e-1].s:toks[e-1].e]) || r.g.IsNonCompany(text[toks[s].s:toks[e-1].e])
}

// whichActors adds to picked the names that a "which" clause says made a
// deal: "Quarrowby, which snapped up Quillon Labs, ..." , "Orla, which
// raised $9 million last year, ...". People take "who", and only a
// business buys, raises, invests or partners, so the name before the
// clause is a company. Like raiserNames it runs after the tagger.
// Counter-examples: "Jane Doe, who acquired ..." (a person); "Kubernetes,
// which runs containers" (no deal verb).
func (r *EntityRecognizer) whichActors(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	var add []candidate
	for i := 2; i+1 < len(toks); i++ {
		if toks[i].kind != tokWord || text[toks[i].s:toks[i].e] != "which" || text[toks[i-1].s:toks[i-1].e] != "," {
			continue
		}
		if !whichDeal(text, toks, picked, i) {
			continue
		}
		s := nameRunLeft(text, toks, blocked, i-1)
		if s >= i-1 || overlapsAny(candidate{ti: s, tj: i - 1}, picked) || !r.listedName(text, toks, s, i-1, ps) || r.placeWords(text, toks, s, i-1) {
			continue
		}
		add = append(add, contextCompany(text, toks, s, i-1, "which"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// whichDeal reports whether the clause opened by "which" at i tells of
// a deal of the name before it: "which acquired Y" or "which has raised"
// (whichDealVerbs); a purchase of it, told as a passive ("which was
// later acquired by Y"), with the buyer first ("which Y acquired",
// "which it bought"), or
// after another verb of the clause ("which made cable gear and was
// snapped up by Y").
func whichDeal(text string, toks []token, picked []candidate, i int) bool {
	word := func(k int) string {
		if k >= len(toks) || toks[k].kind == tokPunct && text[toks[k].s:toks[k].e] != "," && text[toks[k].s:toks[k].e] != "." {
			return ""
		}
		return text[toks[k].s:toks[k].e]
	}
	// bought reports whether a passive or an object's verb of purchase
	// starts at k, after an adverb ("later", "eventually").
	bought := func(k int) bool {
		if w := word(k); strings.HasSuffix(w, "ly") || w == "later" || w == "then" || w == "since" {
			k++
		}
		return whichBought[word(k)]
	}
	v := i + 1
	if fundAux[word(v)] && v+1 < len(toks) {
		v++
	}
	if whichDealVerbs[word(v)] {
		return true
	}
	if w := word(v); w == "was" || w == "were" {
		return bought(v + 1)
	}
	// "Tellamo, which it bought a few months back".
	if w := word(v); w == "it" || w == "they" {
		return bought(v + 1)
	}
	for _, c := range picked {
		if c.ti == v {
			return bought(c.tj)
		}
	}
	for k := v; k+1 < len(toks) && k < v+16; k++ {
		switch word(k) {
		case "", ",", ".", "who", "which", "that":
			return false
		case "and":
			if w := word(k + 1); w == "was" || w == "were" {
				return bought(k + 2)
			}
		}
	}
	return false
}

// whichBought are the participles of a purchase of the name before
// "which": "which was acquired by", "which Y bought".
var whichBought = setOf("acquired", "bought", "purchased", "snapped")

// whichDealVerbs make a deal in "X, which acquired Y".
var whichDealVerbs = map[string]bool{"acquired": true, "bought": true, "purchased": true, "snapped": true, "raised": true,
	"invested": true, "partnered": true, "merged": true, "acquires": true, "buys": true}

// Headlines that name a raiser.
//
// Funding news names the raiser in its headline in a fixed shape: a
// name, a funding verb in lower case and an amount ("Zyxo raises $9M to
// build robots", "Design platform Quillon Labs lands $20 million",
// "Quillon raises funding to grow"). The
// words that describe the name are in lower case, so the name is the run
// of capitalised words just before the verb. Counter-examples: "Zyxo
// Raises $9M" (title case: where the name starts is unknown), "Zyxo
// reportedly raises $9M" (the verb must follow the name), "How Zyxo
// raises money" (no amount follows), "Zyxo's Quill unit raises $9M" (a
// possessive is no part of a name).

// headlineVerbs say in a headline that a company took money.
var headlineVerbs = setOf("raises", "lands", "secures", "nabs", "closes", "bags", "snags", "collects", "grabs", "pockets", "scores")

// headlineFresh may stand between a funding verb and what it took in a
// headline: "raises new funding", "nabs additional funding".
var headlineFresh = setOf("new", "fresh", "additional", "more")

// headlineFunding are nouns of money raised that a funding headline may
// name instead of an amount: "Zyxo raises funding", "Zyxo lands seed
// funding" (but not "Zyxo raises prices" or "raises money", which tell
// no round).
var headlineFunding = setOf("funding", "seed", "pre-seed", "series", "financing", "capital", "investment")

// headlineRaisers returns the names a funding headline may give its
// raiser, longest first: the run of capitalised words before the verb,
// then the run without its first word and so on ("Israeli Zyxo",
// "Zyxo"), since a capitalised description may open the headline. It
// returns nil when the headline has no such shape.
func headlineRaisers(title string) []string {
	ws := strings.Fields(title)
	for v := 1; v+1 < len(ws); v++ {
		if !headlineVerbs[ws[v]] {
			continue
		}
		a := v + 1
		if a+1 < len(ws) && (ws[a] == "a" || ws[a] == "an" || ws[a] == "another" || headlineFresh[ws[a]]) {
			a++
		}
		// An amount, or a noun of funding in lower case ("Zyxo raises
		// funding to expand", "Zyxo nabs seed funding").
		if c := ws[a][0]; c != '$' && !strings.HasPrefix(ws[a], "€") && !strings.HasPrefix(ws[a], "£") && !isDigitASCII(c) && !headlineFunding[ws[a]] {
			return nil
		}
		// "Orla Ventures raises $50 million fund": a firm raising a fund
		// to invest, no round of its own.
		for x := a + 1; x < len(ws) && x <= a+3; x++ {
			if w := strings.TrimRight(ws[x], ",:;"); w == "fund" || w == "funds" || w == "fund," {
				return nil
			}
		}
		// "Zyxo launches Orla, raises $9M": the verb ends a clause
		// whose subject, before its own verb, raised the money too.
		if strings.HasSuffix(ws[v-1], ",") {
			f := 1
			for f < v-1 && !(clauseVerbShape(ws[f]) && headlineNameWord(ws[f-1], false)) {
				f++
			}
			if f == v-1 || slices.ContainsFunc(ws[:f], func(w string) bool { return strings.HasSuffix(w, ",") }) {
				return nil // "Zyxo, which develops tools, raises": left alone
			}
			v = f
		}
		s := v
		for s > 0 && headlineNameWord(ws[s-1], s-1 < v-1) {
			s--
		}
		// "and" joins two capitalised words of one name only.
		for s < v && (ws[s] == "and" || ws[s] == "&") {
			s++
		}
		if s == v {
			return nil
		}
		out := []string{strings.Join(ws[s:v], " ")}
		for k := s + 1; k < v; k++ {
			// "Quillon Labs": "Labs" alone is no shorter form.
			if ws[k] != "and" && ws[k] != "&" && !firmWords[ws[k]] && !legalSuffix[ws[k]] {
				out = append(out, strings.Join(ws[k:v], " "))
			}
		}
		return out
	}
	return nil
}

// clauseVerbShape reports whether a headline word reads as a verb in the
// present ("launches", "expands"): lower case, ending in "s", and no
// plain word of a description ("creator" is none).
func clauseVerbShape(w string) bool {
	return len(w) > 3 && w[0] >= 'a' && w[0] <= 'z' && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && isWordLike(w)
}

// headlineNameWord reports whether w may be a word of a name in a
// headline: capitalised or a number, and with nothing after it that
// ends a name ("Report:", "Zyxo's"); inner says whether a word of the
// name follows, so that "and" may join two.
func headlineNameWord(w string, inner bool) bool {
	if inner && (w == "and" || w == "&") {
		return true
	}
	if w == "" || strings.HasSuffix(w, ":") || strings.HasSuffix(w, ",") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return (unicode.IsUpper(r) || unicode.IsDigit(r)) && strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// headlineNames adds to picked the name a funding headline gives its
// raiser (headlineRaisers), or the parties of the deal a headline states
// (parseHeadline), where the text writes them and no rule or the tagger
// found them: the longest form of a name the text writes counts, and a
// name already picked there is left as it is.
func (r *EntityRecognizer) headlineNames(tx *Text, blocked []bool, ps persons, picked []candidate) []candidate {
	if !hasLowerASCII(tx.Title) {
		return picked // no headline verb in lower case: a wire headline in capitals
	}
	if names := headlineRaisers(tx.Title); len(names) > 0 {
		return r.headlineName(tx, blocked, ps, picked, names)
	}
	// The parties of a purchase or partnership the headline states
	// (parseHeadline): the name before the verb, and the last name of the
	// object ("acquires AI startup Quillon": Quillon, not AI).
	if h, ok := parseHeadline(tx.Title); ok {
		picked = r.headlineName(tx, blocked, ps, picked, h.a[0])
		picked = r.headlineName(tx, blocked, ps, picked, h.b[0])
	}
	return picked
}

// headlineName adds to picked the longest of the forms of a name that
// the text writes (names, longest first), where no rule or the tagger
// found a name, and returns picked.
func (r *EntityRecognizer) headlineName(tx *Text, blocked []bool, ps persons, picked []candidate, names []string) []candidate {
	text, toks := tx.Src, tx.toks
	for _, name := range names {
		if publicBody(text, name) {
			return picked // "U.S. Army taps X": no company (convention 15)
		}
		var add []candidate
		seen := false
		// "Confirm raises $6M" over a text that writes "... said
		// Confirm's chief executive": an everyday word the text
		// capitalises inside a sentence is a name here.
		midCap := false
		for k := range toks {
			if toks[k].cap && !toks[k].sentStart && text[toks[k].s:toks[k].e] == name {
				midCap = true
				break
			}
		}
		for k := range toks {
			if text[toks[k].s] != name[0] || !strings.HasPrefix(text[toks[k].s:], name) {
				continue
			}
			e := k + 1
			for e < len(toks) && toks[e-1].e < toks[k].s+len(name) {
				e++
			}
			if toks[e-1].e != toks[k].s+len(name) || k > 0 && toks[k-1].e == toks[k].s && toks[k-1].kind == tokWord {
				continue // the name must start and end at a word's edge
			}
			seen = true
			c := candidate{ti: k, tj: e}
			if overlapsAny(c, picked) || isBlocked(blocked, k) {
				continue
			}
			if len(add) == 0 && !r.listedName(text, toks, k, e, ps) && !(e-k == 1 && midCap && !ps.surnames[name] && len(name) > 2 && !r.g.IsNonCompany(name) && !r.g.IsPersonName(name)) {
				break
			}
			add = append(add, contextCompany(text, toks, k, e, "headline"))
		}
		if seen {
			return r.withAdded(text, toks, blocked, picked, add)
		}
	}
	return picked
}

// hasLowerASCII reports whether s has a lower-case ASCII letter.
func hasLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// lateNames adds to picked the gazetteer's companies marked Late (see
// CompanyEntry.Late) where the text writes one of their names, the
// longest first, and nothing was picked there; each gets the entry's
// canonical name. It runs after the tagger, so those entries change
// nothing the tagger learns.
func (r *EntityRecognizer) lateNames(tx *Text, blocked []bool, picked []candidate) []candidate {
	g := r.g
	if len(g.late) == 0 {
		return picked
	}
	text, toks, lower := tx.Src, tx.toks, tx.lowered()
	var add []candidate
	m := 0 // picked are in reading order
	for k := 0; k < len(toks); k++ {
		for m < len(picked) && picked[m].tj <= k {
			m++
		}
		if m < len(picked) && picked[m].ti <= k {
			k = picked[m].tj - 1 // inside a name found before: no look-up
			continue
		}
		t := &toks[k]
		if t.kind != tokWord || !t.cap || k > 0 && toks[k-1].e == t.s && toks[k-1].kind == tokWord {
			continue
		}
		idx := g.lateStarting(lower[t.s:t.e])
		best, bestE := -1, 0
		for _, i := range idx {
			e := g.late[i]
			for f := -1; f < len(e.Aliases); f++ {
				form := e.Name
				if f >= 0 {
					form = e.Aliases[f]
				}
				if !strings.HasPrefix(text[t.s:], form) {
					continue
				}
				end := k + 1
				for end < len(toks) && toks[end-1].e < t.s+len(form) {
					end++
				}
				if toks[end-1].e == t.s+len(form) && end > bestE {
					best, bestE = i, end
				}
			}
		}
		if best < 0 {
			continue
		}
		if c := (candidate{ti: k, tj: bestE}); !overlapsAny(c, picked[m:]) && !isBlocked(blocked, k) {
			c = contextCompany(text, toks, k, bestE, "gazetteer")
			c.name = g.late[best].Name
			add = append(add, c)
		}
		k = bestE - 1
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// placeAhead reports whether the mention c and the word after it make a
// place the gazetteer knows ("New" before "York").
func (r *EntityRecognizer) placeAhead(text string, c candidate) bool {
	rest := text[c.e:]
	if len(rest) < 2 || rest[0] != ' ' {
		return false
	}
	end := 1
	for end < len(rest) && (rest[end] >= 'a' && rest[end] <= 'z' || rest[end] >= 'A' && rest[end] <= 'Z') {
		end++
	}
	return end > 1 && rest[1] >= 'A' && rest[1] <= 'Z' && r.g.IsNonCompany(text[c.s:c.e]+rest[:end])
}

// dropLateNonCompanies removes from picked the company names that are
// exactly one of the gazetteer's late non-companies as the text spells
// them ("a VC firm", "TV shows"), unless the gazetteer, Reuters markup
// or a legal suffix gave the name, and those that are a legal form alone
// ("Inc"), and those whose shape is no name's (see shapeOfNoName); a
// short form the article defines ("<IP>" after a name) stays. It runs
// last, after the tagger, so the list retrains no model, and after the
// headline mends the names the tagger cut ("IP" of a headline's "Harbex
// IP" is whole by then); a name the mending made a place ("New" of "New
// York") is dropped too.
func (r *EntityRecognizer) dropLateNonCompanies(text string, picked []candidate) []candidate {
	out := picked[:0]
	for _, c := range picked {
		if c.kind == partnergraph.MentionCompany && legalSuffix[strings.TrimSuffix(c.name, ".")] {
			continue // "Harbex Labs, Inc.": a legal form alone names no one
		}
		if c.kind == partnergraph.MentionCompany && c.source == "tagger" && (r.placeAhead(text, c) || r.g.IsNonCompany(c.name)) {
			continue // "New York investor Jane Doe": "New" opens a place
		}
		if c.kind == partnergraph.MentionCompany && c.tj-c.ti == 1 && c.source != "gazetteer" && c.source != "markup" && c.source != "suffix" && cityBeforeState(text, c) {
			continue // "acquire Englewood, Colo., homebuilder Y": a city
		}
		if c.kind == partnergraph.MentionCompany && (r.g.lateNon[text[c.s:c.e]] && r.g.lateNon[c.name] || shapeOfNoName(c.name)) && !definedShortForm(text, c.name, picked) {
			switch c.source {
			case "gazetteer", "markup", "suffix":
			default:
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// cityBeforeState reports whether the name c is followed by a comma and
// a U.S. state's abbreviation or name ("Englewood, Colo., homebuilder Y",
// "Dublin, Calif.-based"): a city, as wire copy writes places, when the
// name is one word (a bank "of Pensacola, Fla." keeps its name).
func cityBeforeState(text string, c candidate) bool {
	rest := text[c.e:]
	if !strings.HasPrefix(rest, ", ") {
		return false
	}
	rest = rest[2:]
	for _, st := range usStates {
		if strings.HasPrefix(rest, st) && (len(rest) == len(st) || !isASCIIAlnum(rest[len(st)])) {
			return true
		}
	}
	return false
}

// usStates are the U.S. states as wire copy writes them after a city:
// the AP abbreviations and the names.
var usStates = []string{"Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.",
	"Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.",
	"N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Tex.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.",
	"Wyo.", "California", "Texas", "Colorado", "Florida", "Ohio", "Illinois", "Massachusetts", "Georgia", "Michigan",
	"Minnesota", "Pennsylvania", "Virginia", "Washington", "Arizona", "Oregon", "Utah", "Nevada", "Connecticut", "Maryland",
	"Missouri", "Tennessee", "Wisconsin", "Indiana", "Kentucky", "Louisiana", "Oklahoma", "Alabama", "Iowa", "Kansas", "Idaho"}

// definedShortForm reports whether the article defines name as a
// company's short form or ticker: "(IP)" or "<IP>" right after a company
// named in picked, as in "Harbex Paper Co <HP>" or "Harbex Paper (HP)".
// Counter-example: "venture capital (VC)" (no company before the
// bracket).
func definedShortForm(text, name string, picked []candidate) bool {
	for _, w := range [...][2]string{{"(", ")"}, {"<", ">"}} {
		form := w[0] + name + w[1]
		for from := 0; ; {
			i := strings.Index(text[from:], form)
			if i < 0 {
				break
			}
			at := from + i
			for _, c := range picked {
				if c.kind == partnergraph.MentionCompany && (c.e == at || c.e == at-1) && c.name != name {
					return true
				}
			}
			from = at + len(form)
		}
	}
	return false
}

// measureUnits are the units written after a number in one word
// ("512GB", "14W", "4K"), which make the word a measure, not a name.
var measureUnits = setOf("gb", "tb", "mb", "kb", "w", "kw", "mw", "gw", "kwh", "k", "p", "nm", "mm", "cm",
	"hz", "khz", "mhz", "ghz", "mah", "v", "fps", "bit", "gbps", "mbps")

// shapeOfNoName reports whether a name has the shape of no company's: a
// single character ("O" of "I/O" split at its slash, a stray "Â" of a
// page's encoding) or a number with a unit ("512GB", "14W", "8K"). A
// company whose name is a number and a letter that is no unit ("3M",
// "8VC") or a number before a word ("1Password") keeps its name, and so
// does any name the gazetteer, the markup or a legal suffix gave.
func shapeOfNoName(name string) bool {
	if utf8.RuneCountInString(name) == 1 {
		return true
	}
	i := 0
	for i < len(name) && (isDigitASCII(name[i]) || i > 0 && name[i] == '.') {
		i++
	}
	return i > 0 && i < len(name) && measureUnits[strings.ToLower(name[i:])]
}

// staffTitles are the job titles that sit between a firm's name and its
// person's: "Zyxo CEO Jane Doe", "Orla managing partner John Roe".
var staffTitles = setOf("ceo", "cto", "cfo", "coo", "founder", "co-founder", "cofounder", "partner", "chairman",
	"chairwoman", "president", "executive")

// staffTitleWords may go with a title between the names: "managing
// partner", "general partner", "chief executive", "CEO and founder".
var staffTitleWords = setOf("managing", "general", "chief", "and", "senior", "founding")

// titledNames reads "<firm> <job title> <person>" ("Orla managing partner
// Jane Doe", "Zyxo CEO and founder John Roe", in lists of investors and
// quotes): the name before a job title written in lower case (or an
// officer's acronym) is a company when it is plausible as one and no
// place, and the two or three capitalised words after the title are a
// person, so a company mention the tagger made of them is dropped. Like
// raiserNames it runs after the tagger. Counter-examples: "Former CEO
// Jane Doe" (an everyday word before the title), "Ohio governor" (no
// title of a firm), "Paris CEO Jane Doe" (a place), "Zyxo partner
// Harbex Capital" (a firm after the title: the tagger's name stays).
func (r *EntityRecognizer) titledNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	word := func(k int) string {
		if w := text[toks[k].s:toks[k].e]; !toks[k].hasUpper {
			return w // most words: no copy
		}
		return strings.ToLower(text[toks[k].s:toks[k].e])
	}
	var add []candidate
	var drop []int // token starts of person names the tagger took for companies
	for a := 1; a+2 < len(toks); a++ {
		t := &toks[a]
		if t.kind != tokWord || t.nlBefore || !isNameWord(text, toks[a-1]) || toks[a-1].kind != tokWord {
			continue
		}
		// The title: up to three words, lower case but for the officers'
		// acronyms, holding a job title.
		b, titled := a, false
		for b < len(toks) && b < a+3 && toks[b].kind == tokWord && !toks[b].nlBefore {
			if toks[b].cap && (!toks[b].upper || toks[b].e-toks[b].s != 3) {
				// Capitalised and no officer's acronym of three
				// letters: no title (below), without lower-casing.
				break
			}
			w := word(b)
			acronym := toks[b].upper && (w == "ceo" || w == "cto" || w == "cfo" || w == "coo")
			if toks[b].cap && !acronym || !staffTitles[w] && !staffTitleWords[w] {
				break
			}
			titled = titled || staffTitles[w]
			b++
		}
		// "Co-CEO and cofounder Jane Doe": a title goes on, no firm
		// before it.
		if !titled || b >= len(toks) || word(a) == "and" {
			continue
		}
		// The person: two or three capitalised words, then no more.
		pe := b
		for pe < len(toks) && pe < b+4 && toks[pe].kind == tokWord && toks[pe].cap && !toks[pe].upper && !toks[pe].nlBefore {
			pe++
		}
		if pe-b < 2 || pe-b > 3 || pe < len(toks) && isNameWord(text, toks[pe]) {
			continue
		}
		if firmWords[text[toks[pe-1].s:toks[pe-1].e]] || legalSuffix[text[toks[pe-1].s:toks[pe-1].e]] {
			continue
		}
		drop = append(drop, b)
		s := nameRunLeft(text, toks, blocked, a)
		if s >= a || overlapsAny(candidate{ti: s, tj: a}, picked) || !r.listedName(text, toks, s, a, ps) || r.placeWords(text, toks, s, a) {
			continue
		}
		add = append(add, contextCompany(text, toks, s, a, "titled"))
		a = pe - 1
	}
	if len(drop) > 0 {
		out := picked[:0]
		for _, c := range picked {
			if c.kind == partnergraph.MentionCompany && slices.Contains(drop, c.ti) {
				switch c.source {
				case "gazetteer", "markup", "suffix":
				default:
					continue
				}
			}
			out = append(out, c)
		}
		picked = out
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// bracketShortForms renames the mentions of a short form that the
// article defines in brackets and quotes right after a company's name:
// in `K&L Parts Supply Corp ("K&L" or the "Company")`, "K&L" is the
// company wherever the text uses it. The short form must be the name's first words.
// Counter-example: `Orla Distributors ("Quillon")` (no part of the name).
func bracketShortForms(text string, toks []token, picked []candidate) {
	short := map[string]string{}
	for _, c := range picked {
		if c.kind != partnergraph.MentionCompany {
			continue
		}
		k := c.tj
		if k+2 >= len(toks) || text[toks[k].s:toks[k].e] != "(" || text[toks[k+1].s:toks[k+1].e] != `"` {
			continue
		}
		q := strings.IndexByte(text[toks[k+1].e:], '"')
		if q <= 0 {
			continue
		}
		form := strings.TrimSpace(text[toks[k+1].e : toks[k+1].e+q])
		name := text[c.s:c.e]
		if form == "" || form == name || !strings.HasPrefix(name, form+" ") {
			continue
		}
		short[form] = c.name
	}
	if len(short) == 0 {
		return
	}
	for i := range picked {
		c := &picked[i]
		if n, ok := short[text[c.s:c.e]]; ok && c.kind == partnergraph.MentionCompany {
			c.name = n
		}
	}
}

// investmentFirmWords end the names of investment firms: "Quarro
// Ventures", "Orvane Growth Equity", "Harbex Capital Partners".
var investmentFirmWords = setOf("Ventures", "Capital", "Partners", "Equity", "Investments", "Holdings", "Management", "Fund", "Advisors")

// firmNames adds to picked the runs of two to five capitalised words
// that end in an investment firm's word ("Orvane Growth Equity", "Harbex
// Capital Partners") and that no recogniser took, however the tagger
// was trained: such names are firms. A run whose first word is an
// everyday word ("Private Equity", "Venture Capital", "The Capital") or
// a place, is none, and so is one a person's name opens ("Jane
// Capital"), unless two firm words end it ("Varden Equity Partners"). It
// runs after the tagger.
func (r *EntityRecognizer) firmNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	var add []candidate
	for e := 1; e < len(toks); e++ {
		t := &toks[e]
		if t.kind != tokWord || !t.cap || t.e-t.s < 4 || t.e-t.s > 11 || !investmentFirmWords[text[t.s:t.e]] || e+1 < len(toks) && isNameWord(text, toks[e+1]) && !toks[e+1].nlBefore {
			continue
		}
		s := nameRunLeft(text, toks, blocked, e+1)
		if e+1-s < 2 || e+1-s > 5 || overlapsAny(candidate{ti: s, tj: e + 1}, picked) || r.placeWords(text, toks, s, e+1) {
			continue
		}
		first := text[toks[s].s:toks[s].e]
		firms := 0
		for k := s; k <= e; k++ {
			if investmentFirmWords[text[toks[k].s:toks[k].e]] {
				firms++
			}
		}
		// Two firm words ending the name outweigh a given name or a
		// surname before them: "Varden Equity Partners".
		strong := firms >= 2 && investmentFirmWords[text[toks[e-1].s:toks[e-1].e]]
		if firms == e+1-s || DefaultLexicon().Everyday(first) || !strong && (ps.surnames[first] || r.g.IsPersonName(first)) {
			continue
		}
		add = append(add, contextCompany(text, toks, s, e+1, "firm"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// trimSums cuts from a company's name a price that a connector joined
// to it: "Mediobanca for 775m" (a stake sold "to Italian bank Mediobanca
// for 775m euros") is Mediobanca. A name's "for" before a word stays
// ("Bank for International Settlements").
func trimSums(text string, toks []token, picked []candidate) {
	for n := range picked {
		c := &picked[n]
		if c.kind != partnergraph.MentionCompany || c.tj-c.ti < 3 {
			continue
		}
		for k := c.ti + 1; k+1 < c.tj; k++ {
			w := text[toks[k].s:toks[k].e]
			if w != "for" && w != "at" {
				continue
			}
			if next := text[toks[k+1].s]; isDigitASCII(next) || next == '$' || strings.HasPrefix(text[toks[k+1].s:], "£") || strings.HasPrefix(text[toks[k+1].s:], "€") {
				c.tj, c.e = k, toks[k-1].e
				c.name = joinTokens(text, toks[c.ti:k])
				break
			}
		}
	}
}

// cutDesignators are the last words of company names that name nothing
// alone: the designators ("Labs", "Systems", "Games") and a few more
// words that end many names ("Security", "Analytics").
func cutDesignator(w string) bool {
	return designators[w] || extraDesignators[w]
}

var extraDesignators = setOf("Security", "Analytics", "Solutions", "Automation", "Computing", "Health", "Biotherapeutics")

// designatorNames mends or drops a company name the tagger made of a
// designator alone ("Security" of "Orla Security", "Labs" of "Zyxo
// Labs"): where the word before it is capitalised, not an everyday word
// and no name of its own, the name takes it in ("Orla Security"); a
// designator with no such word before it ("Data Security" in a menu,
// "Security" opening a line) names no company and is dropped. A name the
// gazetteer, markup or a suffix gave is left as it is. It runs after the
// tagger. Counter-example: "Cloud Security" (an everyday word before
// the designator: dropped, not mended).
func (r *EntityRecognizer) designatorNames(text string, toks []token, picked []candidate) []candidate {
	out := picked[:0]
	for n, c := range picked {
		if c.kind != partnergraph.MentionCompany || c.source != "tagger" || c.tj-c.ti != 1 || !cutDesignator(c.name) {
			out = append(out, c)
			continue
		}
		k := c.ti - 1
		if k < 0 || toks[k].kind != tokWord || !toks[k].cap || toks[c.ti].nlBefore || toks[k].e+1 != toks[c.ti].s {
			continue
		}
		p := text[toks[k].s:toks[k].e]
		if r.g.commonWords[strings.ToLower(p)] || cutDesignator(p) || genericCap[p] || r.g.IsNonCompany(p) || n > 0 && picked[n-1].tj > k {
			continue
		}
		c.ti, c.s = k, toks[k].s
		c.name = p + " " + c.name
		out = append(out, c)
	}
	return out
}

// unitNames lengthens a known company's name by a designator written
// right after it that names a business of its own: "Keyence Airlines"
// would be an airline, not the maker of sensors the gazetteer knows as
// Keyence; "Orla Pictures" is Orla's film business (convention 1:
// named units are companies). Only designators of a trade count, not a
// cloud, a fund or a platform, which have rules of their own. It runs
// after the tagger. Counter-examples: "Keyence Airlines Chairman" (the
// name goes on, left alone), "Keyence said" (no designator).
func (r *EntityRecognizer) unitNames(text string, toks []token, picked []candidate) {
	for n := range picked {
		c := &picked[n]
		if c.kind != partnergraph.MentionCompany || c.source != "gazetteer" || c.tj >= len(toks) {
			continue
		}
		d := toks[c.tj]
		if d.kind != tokWord || d.nlBefore || d.s != toks[c.tj-1].e+1 || !unitDesignators[text[d.s:d.e]] {
			continue
		}
		if n+1 < len(picked) && picked[n+1].ti <= c.tj {
			continue // the designator is part of another mention
		}
		// "Keyence Airlines Chairman", "Orla Pictures Group": a
		// longer name goes on; leave it to the other rules.
		if c.tj+1 < len(toks) && toks[c.tj+1].kind == tokWord && toks[c.tj+1].cap && !toks[c.tj+1].nlBefore {
			continue
		}
		c.tj, c.e = c.tj+1, d.e
		c.name = normalizeLine(text[c.s:c.e])
		c.source = "pattern"
	}
}

// unitDesignators end the name of a business of its own after a known
// company's name.
var unitDesignators = setOf("Airlines", "Airways", "Bank", "Motors", "Pictures", "Records", "Studios", "Pharmaceuticals",
	"Insurance", "Publishing", "Foods", "Steel", "Chemicals", "Shipping", "Logistics")

// titleFullNames mends a name the tagger cut short: where it took one
// word of a name ("Security" of "Parallax Security", "Move" of "Move Zorvex")
// and the headline writes the name whole, in a run of two or three
// capitalised words that the text also writes, every mention of the
// word inside that run becomes the whole name, and the word alone
// elsewhere is its short form. It runs after the tagger. Counter-example:
// a headline "Why Zorvex Won" over a text that never writes "Why Zorvex".
func (r *EntityRecognizer) titleFullNames(tx *Text, picked []candidate) {
	if tx.Title == "" || !hasLowerASCII(tx.Title) {
		return
	}
	text, toks := tx.Src, tx.toks
	title := strings.Fields(tx.Title)
	full := map[string]string{} // the cut word -> the whole name
	for _, c := range picked {
		if c.kind != partnergraph.MentionCompany || c.source != "tagger" || c.tj-c.ti != 1 {
			continue
		}
		w := text[c.s:c.e]
		if _, done := full[w]; done {
			continue
		}
		// A name the gazetteer knows is whole ("Microsoft" before
		// "Azure" in a headline).
		if _, known := r.g.Company(w); known {
			continue
		}
		for i, t := range title {
			if strings.Trim(t, ",:;'\"") != w {
				continue
			}
			// The longest run of two or three title words with w in it,
			// all capitalised, that the text writes.
			best := ""
			for a := max(0, i-2); a <= i; a++ {
				for b := i + 1; b <= min(len(title), a+3); b++ {
					if b-a < 2 {
						continue
					}
					run := title[a:b]
					ok := true
					for _, x := range run {
						// "Tessly's Orvane": a possessive is no name.
						if x == "" || !unicode.IsUpper([]rune(x)[0]) || strings.ContainsAny(x, ",:;|'’") {
							ok = false
						}
					}
					name := strings.Join(run, " ")
					if ok && len(name) > len(best) && containsWord(text, name) {
						best = name
					}
				}
			}
			if best != "" {
				full[w] = best
			}
		}
	}
	if len(full) == 0 {
		return
	}
	for n := range picked {
		c := &picked[n]
		name, ok := full[text[c.s:c.e]]
		if !ok || c.kind != partnergraph.MentionCompany {
			continue
		}
		// Widen the mention to the whole name where the text writes it.
		for a := max(0, c.ti-2); a <= c.ti; a++ {
			for b := c.tj; b <= min(len(toks), a+3); b++ {
				if text[toks[a].s:toks[b-1].e] == name {
					c.ti, c.tj, c.s, c.e = a, b, toks[a].s, toks[b-1].e
				}
			}
		}
		c.name = name
	}
}

// andHalves reports whether the words from first to and and the name
// c2 after "and" read as the halves of one name: no legal suffix or
// "of" before "and", and after it at most three words before the
// suffix, the first of them no name the gazetteer knows ("Zyxo Capital
// Markets and Quillon Brothers Inc" names two firms).
func (r *EntityRecognizer) andHalves(text string, toks []token, first, and int, c2 candidate) bool {
	for k := first; k < and; k++ {
		if w := text[toks[k].s:toks[k].e]; legalSuffix[w] || w == "of" || w == "L.P" || w == "U.S." {
			return false
		}
	}
	// "United States and Quillon Ltd", "New York and Quillon Inc": a
	// place before "and".
	if r.g.IsNonCompany(text[toks[first].s:toks[and-1].e]) || and-2 >= first && r.g.IsNonCompany(text[toks[and-2].s:toks[and-1].e]) {
		return false
	}
	words := 0
	for k := c2.ti; k < c2.tj && !legalSuffix[text[toks[k].s:toks[k].e]]; k++ {
		words++
	}
	// "... and Zorvo's Corp": a possessive makes a name of its own.
	if strings.Contains(text[c2.s:c2.e], "'s") || strings.Contains(text[c2.s:c2.e], "’s") {
		return false
	}
	if words == 0 || words > 3 || text[toks[c2.ti+words-1].s:toks[c2.ti+words-1].e] == "Bank" {
		return false
	}
	if _, known := r.g.Company(text[toks[c2.ti].s:toks[c2.ti].e]); known {
		return false
	}
	if c2.ti+1 < c2.tj {
		if _, known := r.g.Company(text[toks[c2.ti].s:toks[c2.ti+1].e]); known {
			return false
		}
	}
	return true
}

// businessWords end the names of businesses, beside the firm words of
// investors (firmWords): "Harbex Systems and Quillon Corp" names two.
var businessWords = setOf("Systems", "Industries", "Technologies", "Networks", "Software", "Bank", "Bancorp", "Airlines",
	"Motors", "Foods", "Electronics", "Communications", "Pharmaceuticals", "Energy", "Resources", "Petroleum", "Oil",
	"Mining", "Media", "Entertainment", "Brands", "Stores", "Services", "Products", "Enterprises", "Studios",
	"Games", "Robotics", "Therapeutics", "Biosciences", "Financial", "Insurance", "Securities", "Trust",
	"Markets", "Division", "Brothers", "University", "Fabrics", "Inn", "Hotels", "Restaurants")

// andJoinedNames mends a name that "and" cut in two, as wire copy writes
// "&": "Zorvo Life and Casualty Co", "Tellan Life and General Insurance
// Sdn Bhd". A company ending in a legal suffix right after a bare "and"
// takes in what comes before it when that is a run of capitalised words
// no recogniser took: "Life" after a known "Zorvo", or two words or more
// ("Tellan Life"). Two names the recognisers found side by side ("Harbex
// Inn and Zorvo's Corp") stay two.
// It runs after the tagger. Counter-examples: "Harbex and Quillon Corp"
// (one unknown word before "and": two companies), "Harbex Systems and
// Quillon Corp" (a word of business ends the first name), "A, B and
// Quillon Corp" (a list).
func (r *EntityRecognizer) andJoinedNames(text string, toks []token, picked []candidate) []candidate {
	for n := 0; n < len(picked); n++ {
		c2 := picked[n]
		if c2.kind != partnergraph.MentionCompany || c2.ti < 2 || !legalSuffix[text[toks[c2.tj-1].s:toks[c2.tj-1].e]] {
			continue
		}
		and := c2.ti - 1
		if text[toks[and].s:toks[and].e] != "and" || toks[and].nlBefore || toks[c2.ti].nlBefore || toks[and].s != toks[and-1].e+1 || toks[c2.ti].s != toks[and].e+1 {
			continue
		}
		// The capitalised words before "and" that no name holds.
		start := and
		for start > 0 && toks[start-1].kind == tokWord && toks[start-1].cap && !toks[start-1].nlBefore &&
			toks[start-1].e+1 == toks[start].s && !(n > 0 && picked[n-1].tj > start-1) {
			start--
		}
		words := and - start
		first := start // where the joined name starts
		if n > 0 && picked[n-1].tj == start && picked[n-1].kind == partnergraph.MentionCompany && (start == and || toks[start].s == toks[start-1].e+1) {
			c1 := picked[n-1]
			if words == 0 {
				// "Harbex Inn and Zorvo's Corp": two names the
				// recognisers found side by side are two companies.
				continue
			}
			first = c1.ti
		} else if words < 2 {
			continue // "Harbex and Quillon Corp": two companies
		}
		// The last word before "and" must not end a name of its own,
		// nor a place; the words before it hold no suffix and no "of"
		// ("Zyxo Bank of Austin and Quillon Corp" names two).
		if last := text[toks[and-1].s:toks[and-1].e]; firmWords[last] || legalSuffix[last] || businessWords[last] || r.g.IsNonCompany(last) {
			continue
		}
		if !r.andHalves(text, toks, first, and, c2) {
			continue
		}
		// "A, B and Quillon Corp": a list.
		if first > 0 && text[toks[first-1].s:toks[first-1].e] == "," {
			continue
		}
		c := c2
		c.ti, c.s = first, toks[first].s
		c.name = text[c.s:c.e]
		c.source = "and-join"
		k := n
		if first < c2.ti && n > 0 && picked[n-1].ti >= first {
			k = n - 1
		}
		picked = append(picked[:k], append([]candidate{c}, picked[n+1:]...)...)
		n = k
	}
	return picked
}

// soldNames adds to picked the name a sale says was sold to a company
// the recognisers know: "sold Dublin-based Quillon Research to Y", "the
// sale of Harbex's Delivery Service to Y". Convention 5 makes the thing
// sold the target when it is a named business, and the seller the target
// only when it is not; a run of capitalised words between the sale and
// "to" and a known buyer names a business. It runs after the tagger.
// Counter-examples: "sold its Quillon Division to Y" (the seller's own
// unit), "sold the Quillon Center to Y" (a unit's word ends it), "sold
// 500 Quillon Corp shares to Y" (a number first), "sold it to Y".
func (r *EntityRecognizer) soldNames(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	if !strings.Contains(text, "sold ") && !strings.Contains(text, "sale of ") && !strings.Contains(text, "sell ") {
		return picked
	}
	startsAt := make(map[int]bool, len(picked))
	for _, c := range picked {
		if c.kind == partnergraph.MentionCompany {
			startsAt[c.ti] = true
		}
	}
	var add []candidate
	for i := 0; i+3 < len(toks); i++ {
		k := i + 1
		switch text[toks[i].s:toks[i].e] {
		case "sold", "sell", "sells", "selling":
		case "sale":
			if text[toks[k].s:toks[k].e] != "of" {
				continue
			}
			k++
		default:
			continue
		}
		// "sold its Zyxo Division to Y": the seller's own unit, which
		// stands in as the seller (convention 5), no company of its own.
		if k < len(toks) {
			if w := text[toks[k].s:toks[k].e]; w == "its" || w == "their" {
				continue
			} else if w == "the" {
				k++
			}
		}
		// A place's "-based" before the name: "Dublin, Calif.-based".
		for x := k; x < len(toks) && x < k+7; x++ {
			if w := text[toks[x].s:toks[x].e]; strings.HasSuffix(w, "-based") || w == "based" && toks[x].s > 0 && text[toks[x].s-1] == '-' {
				k = x + 1
				break
			}
		}
		if k >= len(toks) || !toks[k].cap || toks[k].kind != tokWord {
			continue
		}
		e := nameRunRight(text, toks, blocked, k)
		// "Harbex's Delivery Service": a possessive inside the name.
		if e+1 < len(toks) && toks[e].kind == tokPoss && toks[e+1].cap {
			e = nameRunRight(text, toks, blocked, e+1)
		}
		if e <= k || e+1 >= len(toks) || text[toks[e].s:toks[e].e] != "to" || !startsAt[e+1] {
			continue
		}
		if soldUnitWords[text[toks[e-1].s:toks[e-1].e]] || overlapsAny(candidate{ti: k, tj: e}, picked) || !r.listedName(text, toks, k, e, ps) || r.placeWords(text, toks, k, e) {
			continue
		}
		add = append(add, contextCompany(text, toks, k, e, "sold"))
	}
	return r.withAdded(text, toks, blocked, picked, add)
}

// soldUnitWords end the names of a company's units and sites, no company of
// their own: "the Quillon Division", "the Harbex Art Supply Center".
var soldUnitWords = setOf("Division", "Unit", "Center", "Centre", "Operations", "Plant", "Mill", "Business", "Stores", "Store", "Branch", "Branches")
