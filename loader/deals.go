package loader

import (
	"slices"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// dfamily groups trigger words by the rule that assigns their parties.
type dfamily uint8

const (
	famAcquire  dfamily = iota + 1 // acquire, buy, purchase, take over (verbs)
	famAcqNoun                     // acquisition, purchase, takeover, buyout, bid, offer
	famSell                        // sell, sold, sale, divest
	famMerge                       // merge (verb) and merger (noun)
	famInvest                      // invest (verb), investment (noun)
	famStake                       // stake, pct, percent, %
	famJV                          // joint venture
	famPartner                     // partnership, alliance, tie-up, team up, collaborate ...
	famLicense                     // license, licence, licensing
	famSupply                      // supply, supplier, contract, order, provider
	famGeneric                     // deal, agreement, pact, accord
	famTogether                    // work together
	famFunding                     // funding round led by
	famPay                         // pay N dlrs for X
	famUnit                        // X becomes a unit of Y
	famCloud                       // X moves to, spends on or chose a cloud
)

// dtrigger is a word (or phrase) that can report a deal.
type dtrigger struct {
	fam dfamily
	// next are the words that must follow, space-separated ("over"
	// after "take", "program with" after "pilot"), or "".
	next string
	// rest are the words of next, one by one.
	rest []string
	// verb says the trigger is a verb (so it has a subject and an object).
	verb bool
	// past says the verb form is a past tense or participle.
	past bool
	// perfect says the word is a past participle usable after "has".
	status partnergraph.DealStatus
}

// endAt returns the end of trigger t starting at token i: i+1, or past
// the next words t needs ("take over", "pilot program with"), and
// whether they are there.
func (t dtrigger) endAt(toks []dtok, i int) (int, bool) {
	j := i + 1
	for _, w := range t.rest {
		if j >= len(toks) || toks[j].w != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// Word lists used by the rules.
var (
	hedgeWords = setOf("could", "may", "might", "rumour", "rumours", "rumoured", "rumor", "rumors", "rumored",
		"speculation", "speculated", "speculate", "speculates", "speculative", "reportedly", "considering", "consider", "considers",
		"mulling", "mull", "mulls", "eyeing", "eyes", "exploring", "explore", "explores", "possible", "possibly", "potential",
		"potentially", "whether", "interested", "if", "unless", "option", "options", "wary", "wariness", "tipped", "suitor", "suitors", "hypothetical", "unconfirmed", "alleged", "allegedly", "perhaps", "contemplating", "warrants", "warrant")
	sentenceHedges = setOf("rumour", "rumours", "rumoured", "rumor", "rumors", "rumored", "speculation", "speculated", "speculate",
		"speculates", "reportedly", "unconfirmed", "denied", "denies", "deny", "denying", "suitor", "suitors", "false", "untrue", "claimed", "possibility")
	negWords = setOf("not", "no", "never", "neither", "nor", "n't", "without", "denied", "denies", "deny", "declined", "refused",
		"evade", "evades", "avoid", "avoids", "escape", "resist", "resists", "oppose", "opposed", "opposes", "fend", "thwart", "fight", "fights", "against")
	propWords  = setOf("talks", "negotiations", "negotiating", "negotiate", "proposal", "proposes", "propose", "plans", "plan", "intends", "intend", "seeks", "seeking", "sought", "approach", "approached", "discussions", "bid", "offer", "offered", "tender", "wants", "hostile")
	termWords  = setOf("terminated", "terminate", "terminates", "terminating", "termination", "defeated", "repelled", "scrapped", "scrap", "scraps", "scrapping", "abandoned", "abandon", "abandons", "abandoning", "withdrew", "withdrawn", "withdraw", "withdraws", "cancelled", "canceled", "cancel", "expired", "collapsed", "unwound", "dropped")
	blockWords = setOf("blocked", "block", "blocks", "blocking", "injunction", "barred", "vetoed", "veto", "prohibited", "enjoined")
	doneWords  = setOf("completed", "completes", "complete", "closed", "finalised", "finalized", "concluded")
	aipWords   = setOf("agreed", "agrees", "agree", "definitive")
	// settleWords make an agreement a settlement of a dispute.
	settleWords = setOf("settle", "settles", "settled", "settling", "settlement", "resolve", "resolves", "resolved", "resolving", "dispute", "disputes", "differences", "lawsuit", "lawsuits", "litigation")
	// preventWords rule a deal out when they keep its buyer "from" it.
	preventWords = setOf("prevent", "prevents", "prevented", "preventing", "prohibit", "prohibits", "prohibited", "forbid", "forbids", "forbade", "forbidden", "preclude", "precludes", "precluded", "restrict", "restricts", "restricted")
	// contractSigned are past forms of putting an agreement to paper.
	contractSigned = setOf("signed", "inked", "sealed", "agreed", "struck", "reached")
	// existingWords say that a relationship is already in place.
	existingWords = setOf("expanding", "expand", "expands", "expanded", "extending", "extend", "extends", "extended", "deepen", "deepens", "deepened", "deepening",
		"broaden", "broadens", "broadened", "broadening", "existing", "longstanding", "long-standing", "renewed", "renews", "renewing")
	subjStop   = setOf("said", "says", "which", "who", "whom", "while", "but", "because", "although", "though", "after", "before", "when", "where", "whose", "following", "rather", "pending", "awaiting")
	partyJoin  = setOf("and", ",", "&", "-", "/", "plus")
	stakeNouns = setOf("stake", "stakes", "pct", "percent", "%", "shares", "interest", "holding", "equity")
	haveVerbs  = setOf("has", "have", "had", "holds", "held", "hold", "raised", "raises", "increased", "increases", "boosted", "lifted", "took", "takes", "taken", "take", "owns", "acquired", "bought", "buy", "buys", "acquire", "acquires", "purchased", "built", "amassed", "obtained", "sells", "sold", "sell", "cut", "reduced", "lowered", "bought", "taking", "build", "increase", "raise", "boost", "boosts", "accepts", "accepted",
		"negotiating", "negotiate", "negotiates", "seeking", "seeks", "seek")
	bgVerbs    = setOf("owns", "own", "owned", "owning", "controls", "controlled")
	supplyCue  = setOf("supply", "supplies", "parts", "components", "chips", "chip", "processors", "provide", "provides", "deliver", "deliveries", "aircraft", "planes", "jets", "equipment")
	dealVerbs  = setOf("cut", "signed", "sign", "signs", "struck", "strike", "strikes", "inked", "ink", "inks", "reached", "reach", "reaches", "entered", "enter", "enters", "forged", "forge", "announced", "announce", "announces", "concluded", "sealed", "agreed", "agree", "agrees", "form", "formed", "forms", "renewed", "expanded", "extended", "secured", "landed", "clinched", "finalized", "finalised")
	monthNames = setOf("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
	yearPreps  = setOf("in", "since", "back", "during", "early", "late", "mid", "of", "from", "around", "spring", "summer", "autumn", "fall", "winter", "year")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// filterOf returns a wordBits of the words of set, for the word sets the
// rules test every word of a sentence against: a word whose bit is clear
// is not in the set, without a map look-up. The set must not change
// afterwards.
func filterOf[V any](set map[string]V) *wordBits {
	b := new(wordBits)
	for w := range set {
		b.add(w)
	}
	return b
}

// triggersFilter is the filterOf triggers.
var triggersFilter = filterOf(triggers)

// triggersOf returns triggers[w], without a map look-up for most words.
func triggersOf(w string) ([]dtrigger, bool) {
	if !triggersFilter.has(w) {
		return nil, false
	}
	ts, ok := triggers[w]
	return ts, ok
}

// inSet is set[w] for a set whose filterOf is f.
func inSet(f *wordBits, set map[string]bool, w string) bool {
	return f.has(w) && set[w]
}

// dmention is one report of a deal in one sentence.
type dmention struct {
	typ       partnergraph.DealType
	parties   []dparty
	platforms []string
	year      int  // 0 when the sentence gives none
	explicit  bool // year stated in the sentence
	status    partnergraph.DealStatus
	value     *float64
	currency  string
	conf      float64
	sb, se    int  // byte offsets of the sentence
	ti        int  // index of the trigger token in the sentence
	control   bool // a later sentence says the stake is a controlling one
	// rule names the rule that found the mention.
	rule string
	// si is the index of the sentence in the text layer, nents the
	// number of companies it names, cues its cues (sentenceCues), trig
	// the trigger word ("" when the rule reads none).
	si, nents int
	cues      uint32
	trig      string
}

// dparty is a deal party: a company name and its role.
type dparty struct {
	name string
	role partnergraph.Role
}

// dealContext carries what the rules need from the article.
type dealContext struct {
	pubYear int
	// pubMonth is the month of publication (1-12), or 0.
	pubMonth int
	// owners maps each platform the article names to its owner.
	owners map[string]string
	// clouds maps an owner to the first cloud platform of it the article
	// names, so that "Microsoft's cloud" can be read as Azure.
	clouds map[string]string
	// denials are the company names of each sentence denying that a deal
	// is in the works (nil when it names none).
	denials [][]string
	// endings are the company names of each sentence saying talks ended.
	endings [][]string
	// raiser is the company the story says raised a round of funding,
	// or "" (see roundRaiser); roundValue and roundCurrency the amount
	// its sentence gives, if any.
	raiser string
	// headlineRaiser says that raiser is the headline's (headlineRaiser)
	// and no sentence has yet said so with an amount.
	headlineRaiser bool
	roundValue     *float64
	roundCurrency  string
	// subject is the company the story is about (see storySubject).
	subject string
	// publisher reports whether a company is the article's publisher.
	publisher func(string) bool
	// roundAt is the index of the last sentence naming a round of
	// funding, or -1.
	roundAt int
	// person reports whether a capitalised word is a given name, or is
	// nil.
	person func(string) bool
	// nonCompany reports whether a word is never a company alone (a
	// place, a people), or is nil.
	nonCompany func(string) bool
	// nameKinds says how each company of the article was recognised
	// (nameKind).
	nameKinds map[string]string
}

// findDeals applies the rules to one tokenised sentence.
func (c *dealContext) findDeals(s *dsent) []dmention {
	if len(s.ents) == 0 || menuRun(s.toks) {
		return nil
	}
	var out []dmention
	toks := s.toks
	hasGeneric := false
	type thit struct {
		i, j int // trigger tokens [i, j)
		ts   []dtrigger
	}
	var hits []thit
	for i := 0; i < len(toks); i++ {
		ts, ok := triggersOf(toks[i].w)
		if !ok {
			continue
		}
		h := thit{i: i, j: i + 1}
		for _, t := range ts {
			j, ok := t.endAt(toks, i)
			if !ok {
				continue
			}
			if len(h.ts) == 0 || j == h.j {
				h.j = j
				h.ts = append(h.ts, t)
			}
			if t.fam == famGeneric {
				hasGeneric = true
			}
		}
		if len(h.ts) > 0 {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	// Specific triggers first; "a deal with" counts only when they find
	// nothing.
	for _, generic := range []bool{false, true} {
		if generic && (len(out) > 0 || !hasGeneric) {
			break
		}
		for _, h := range hits {
			if menuAround(toks, h.i) {
				continue
			}
			for _, t := range h.ts {
				if (t.fam == famGeneric) != generic {
					continue
				}
				// A word that is both a verb and a noun ("purchase") takes
				// the first reading whose rule finds parties.
				if ms := c.apply(s, h.i, h.j, t); len(ms) > 0 {
					out = append(out, ms...)
					break
				}
			}
		}
	}
	return out
}

// menuRun reports whether a "sentence" is a page's run of teaser
// headlines or menu entries rather than prose: 25 words or more, at
// least seven in ten capitalised, and hardly a comma (fewer than one per
// twelve words) — "Gear The Best Phones to Buy Right Now Jane Doe Gear
// Zyxo Will Sell Cars Next Year ...", where any capitalised word may pass
// for a name. A list of investors is as capitalised but comma-separated.
func menuRun(toks []dtok) bool {
	var n capsCount
	for i := range toks {
		n.add(&toks[i], false)
	}
	return n.words >= 25 && n.caps*10 >= n.words*7 && n.commas*12 < n.words
}

// capsCount counts the words of a run of tokens, the capitalised ones
// (a company name counts as one) and the commas.
type capsCount struct{ words, caps, commas int }

// add counts t; with small, the small words title case leaves in lower
// case (titleSmall) are passed over.
func (n *capsCount) add(t *dtok, small bool) {
	switch {
	case t.ent >= 0:
		n.words++
		n.caps++
	case t.w == ",":
		n.commas++
	case small && inSet(titleSmallFilter, titleSmall, t.w) && !t.cap:
	case isWordLike(t.w):
		n.words++
		if t.cap {
			n.caps++
		}
	}
}

// menuAround reports whether the trigger at i stands inside a run of
// teaser headlines that the sentence splitter glued to a sentence of
// prose: of the twelve words on each side, the small words title case
// leaves in lower case ("on", "and", "for") aside, at least nine in ten
// are capitalised, and hardly any comma falls between them.
func menuAround(toks []dtok, i int) bool {
	var n capsCount
	for k := i; k >= 0 && n.words < 13; k-- {
		n.add(&toks[k], true)
	}
	before := n.words
	for k := i + 1; k < len(toks) && n.words-before < 12; k++ {
		n.add(&toks[k], true)
	}
	return n.words >= 20 && n.caps*10 >= n.words*9 && n.commas*12 < n.words
}

// titleSmall are the words title case leaves in lower case.
var titleSmall = setOf("a", "an", "the", "and", "or", "but", "of", "on", "in", "at", "to", "for", "by", "with", "from", "as", "vs", "ll", "s", "t", "re", "ve")

// titleSmallFilter is the filterOf titleSmall.
var titleSmallFilter = filterOf(titleSmall)

// clauseOf returns the token range [lo, hi) of the clause around trigger i:
// bounded by the sentence and by semicolons.
func clauseOf(toks []dtok, i int) (int, int) {
	lo, hi := 0, len(toks)
	for k := i - 1; k >= 0; k-- {
		if toks[k].w == ";" {
			lo = k + 1
			break
		}
	}
	for k := i + 1; k < len(toks); k++ {
		if toks[k].w == ";" {
			hi = k
			break
		}
	}
	return lo, hi
}

// subjectGroup returns the entities of the subject of trigger i: the
// nearest entity before it that is not the object of a preposition ("by
// X", "of X"), with the entities coordinated with it ("X, Y and Z"). When
// the trigger sits inside a quotation or parentheses, the subject is looked
// for only there. "X's unit, Y, ..." has Y as its subject.
func subjectGroup(toks []dtok, lo, i int) []int {
	// "X said it agreed to buy", "... which will see it buy": a pronoun
	// subject stands for the clause's first actor, not the nearest name.
	if p := pronounSubject(toks, lo, i); p > lo {
		for k := lo; k < p; k++ {
			if toks[k].ent >= 0 && !isObject(toks, lo, k) {
				return partyGroup(toks, k, p)
			}
		}
	}
	quotes, lastQuote, parens := 0, -1, 0
	for k := lo; k < i; k++ {
		switch toks[k].w {
		case "\"":
			quotes++
			lastQuote = k
		case "(":
			parens++
		case ")":
			parens = max(parens-1, 0)
		}
	}
	if quotes%2 == 1 && lastQuote >= i-3 {
		quotes++ // scare quotes round the trigger: "strategic partnership"
	}
	for k := i - 1; k >= lo; k-- {
		w := toks[k].w
		if quotes%2 == 1 && w == "\"" || parens > 0 && w == "(" {
			break
		}
		// "$1.5 billion invested in Epic (excluding Sony's $250 million)
		// and $450 million invested in Zwift": a bracketed aside holds
		// no subject.
		if w == ")" && parens == 0 {
			depth := 0
			for ; k >= lo; k-- {
				if toks[k].w == ")" {
					depth++
				} else if toks[k].w == "(" {
					if depth--; depth == 0 {
						break
					}
				}
			}
			continue
		}
		// "Woven Planet, a newly established Toyota subsidiary, today
		// announced plans to acquire": the name before the aside acts.
		if w == "," {
			if h := appositiveStart(toks, lo, k); h >= lo && toks[h].ent >= 0 {
				k = h + 1
				continue
			}
		}
		// "..., which recently inked a deal": the subject is what "which"
		// refers to, the name just before the comma, or nobody we know.
		if (w == "which" || w == "who") && k > lo && toks[k-1].w == "," {
			if k-2 >= lo && toks[k-2].ent >= 0 {
				return partyGroup(toks, k-2, i)
			}
			return nil
		}
		if toks[k].ent < 0 {
			continue
		}
		// "with Okta recently completing its purchase of Y", "with X
		// snapping up Y": an absolute phrase, whose name before the
		// verb in -ing acts.
		if k > lo && toks[k-1].w == "with" && absoluteVerb(toks, k, i) {
			return []int{toks[k].ent}
		}
		// "with X snapping up Y, Z buying W": each phrase of the series
		// has its own actor, the name before its verb.
		if k > lo && toks[k-1].w == "," && absoluteVerb(toks, k, i) && slices.ContainsFunc(toks[lo:k], func(t dtok) bool { return t.w == "with" }) {
			return []int{toks[k].ent}
		}
		if isObject(toks, lo, k) {
			continue
		}
		// "X outbid favourite Y to buy Z": the one outbid buys nothing.
		if outbid(toks, lo, k) {
			continue
		}
		// "by acquiring Mowbly in 2018 and the acquisition of Mobius":
		// the object of a purchase is not the subject of the next one,
		// nor is one a description puts after the verb ("bought chip
		// maker Altera in 2015 and a year later acquired Y").
		if k > lo && (purchaseVerbs[toks[k-1].w] || describedObject(toks, lo, k)) {
			continue
		}
		// "Tricentis, used by companies such as Merck, ANZ, and Dell, has
		// acquired Y": listed examples are not the subject.
		if first := listStart(toks, lo, k); first >= 0 {
			k = first
			continue
		}
		// Walk back over a coordination to its first entity: "X and Y",
		// "X's unit and Tokyo-based Y".
		first := k
		for {
			p := prevCoordinated(toks, lo, first)
			if p < 0 {
				break
			}
			first = p
		}
		if isObject(toks, lo, first) {
			k = first
			continue
		}
		g := partyGroup(toks, first, i)
		if !slices.Contains(g, toks[k].ent) {
			g = append(g, toks[k].ent)
		}
		// "X said it and Y reached a merger agreement": "it" is X.
		if first-2 >= lo && toks[first-1].w == "and" && toks[first-2].w == "it" {
			for p := lo; p < first-2; p++ {
				if toks[p].ent >= 0 && !isObject(toks, lo, p) && !slices.Contains(g, toks[p].ent) {
					return append([]int{toks[p].ent}, g...)
				}
			}
		}
		// "X said its Y unit and Z agreed ...": the parent named as the
		// actor stands for its unit.
		if first > lo && (toks[first-1].w == "its" || toks[first-1].w == "their") {
			for p := first - 2; p >= lo; p-- {
				if toks[p].ent >= 0 {
					g[0] = toks[p].ent
					break
				}
			}
		} else if parent := saidItsParent(toks, lo, first); parent >= 0 {
			// "X said its A, a Delaware firm, and B bought ...": units
			// listed after "said its" act for X.
			return []int{parent}
		}
		return g
	}
	return nil
}

// absoluteVerb reports whether the entity at k is followed, before the
// trigger at i, by a verb in -ing, right after it or after one adverb:
// "with X completing", "with X recently snapping up".
func absoluteVerb(toks []dtok, k, i int) bool {
	q := k + 1
	if q < i && (strings.HasSuffix(toks[q].w, "ly") || toks[q].w == "now" || toks[q].w == "also") {
		q++
	}
	return q <= i && len(toks[q].w) > 4 && strings.HasSuffix(toks[q].w, "ing") && !ingPrepositions[toks[q].w]
}

// ingPrepositions end in -ing but are no verbs of an absolute phrase:
// "talks with X regarding the purchase".
var ingPrepositions = setOf("regarding", "including", "concerning", "following", "involving", "according", "excluding", "during", "pending", "notwithstanding", "considering", "covering")

// saidItsParent returns the entity X of "X said its ..." between lo and
// k, when an "and" after "its" joins the units listed up to k; else -1.
func saidItsParent(toks []dtok, lo, k int) int {
	for p := lo + 1; p+1 < k; p++ {
		if (toks[p].w != "said" && toks[p].w != "says") || toks[p+1].w != "its" && toks[p+1].w != "their" || toks[p-1].ent < 0 {
			continue
		}
		if p+2 >= k || toks[p+2].ent < 0 || toks[k-1].w != "and" && !(k >= 2 && toks[k-2].w == "," && toks[k-1].w == "and") {
			return -1
		}
		for q := p + 3; q < k; q++ {
			if subjStop[toks[q].w] || phraseStop[toks[q].w] {
				return -1
			}
		}
		return toks[p-1].ent
	}
	return -1
}

// prevCoordinated returns the index of the entity coordinated before the
// entity at k ("X and Y", "X unit and Tokyo-based Y"), or -1.
func prevCoordinated(toks []dtok, lo, k int) int {
	n := k - 1
	if n > lo && toks[n].w == "the" && toks[n-1].w == "and" {
		n-- // "X and the Y Corp"
	}
	for d := 0; d < 2 && n >= lo && isDescriptor(toks[n]); d++ {
		n--
	}
	if n < lo || !partyJoin[toks[n].w] {
		return -1
	}
	n--
	for d := 0; d < 2 && n >= lo && isDescriptor(toks[n]); d++ {
		n--
	}
	if n < lo || toks[n].ent < 0 {
		return -1
	}
	return n
}

// isDescriptor reports whether t describes a neighbouring company: a
// lower-case word that is not a function word ("unit", "rival"), or a
// "-based" word.
func isDescriptor(t dtok) bool {
	if t.ent >= 0 {
		return false
	}
	if strings.HasSuffix(t.w, "-based") {
		return true
	}
	return isWordLike(t.w) && !t.cap && !groupStop[t.w] && !partyJoin[t.w] && !prepositions[t.w] && !subjStop[t.w]
}

// auxWords may stand between a subject and its verb.
var auxWords = setOf("to", "will", "would", "shall", "should", "has", "have", "had", "is", "are", "was", "were", "be", "been", "being",
	"agreed", "agrees", "agree", "plans", "planned", "plan", "intends", "intended", "wants", "wanted", "expects", "expected", "hopes",
	"also", "now", "then", "still", "already", "previously", "recently", "formally", "finally", "later", "earlier", "today", "yesterday")

// pronounSubject returns the index of "it" or "they" when that pronoun is
// the subject of the verb at i ("it has agreed to buy"), else -1.
func pronounSubject(toks []dtok, lo, i int) int {
	for k := i - 1; k >= lo && k >= i-6; k-- {
		switch w := toks[k].w; {
		case w == "it" || w == "they":
			return k
		case !auxWords[w]:
			return -1
		}
	}
	return -1
}

// pairNoun reports whether toks[from:to] say "the two companies" or "both
// companies" (or firms, groups, banks).
func pairNoun(toks []dtok, from, to int) bool {
	for k := from; k+1 < to; k++ {
		if (toks[k].w == "two" || toks[k].w == "both") && (toks[k+1].w == "companies" || toks[k+1].w == "firms" || toks[k+1].w == "groups" || toks[k+1].w == "banks") {
			return true
		}
	}
	return false
}

// isObject reports whether the entity at k is the object of a preposition
// ("by X", "of X"), except "the directors of X", who speak for X.
func isObject(toks []dtok, lo, k int) bool {
	if k <= lo || !prepositions[toks[k-1].w] {
		return false
	}
	// "an offer by X to acquire", "for X to buy": X is the actor (but
	// not in "an agreement with X to buy").
	if k+1 < len(toks) && toks[k+1].w == "to" && (toks[k-1].w == "by" || toks[k-1].w == "for") {
		return false
	}
	// "an investor group led by X said it ...": X acts through the group.
	if toks[k-1].w == "by" && k-2 >= lo && (toks[k-2].w == "led" || toks[k-2].w == "headed" || toks[k-2].w == "controlled") {
		return false
	}
	// "a majority of X shareholders approved": X's owners act for X.
	if toks[k-1].w == "of" && k+1 < len(toks) && governance[toks[k+1].w] {
		return false
	}
	return !(toks[k-1].w == "of" && k > lo+1 && governance[toks[k-2].w])
}

// prepositions mark an entity as the object of a phrase, not a subject.
var prepositions = setOf("by", "from", "of", "with", "for", "to", "in", "at", "on", "about", "than", "including", "into", "like", "between", "among", "over", "against")

// governance nouns speak for their company: "the directors of X said".
var governance = setOf("directors", "board", "shareholders", "stockholders", "management", "chairman", "president", "executives", "spokesman", "spokeswoman")

// roleNouns link two entities where the second is the one meant: "OpenAI
// rival Anthropic", "Starfall developer Glintworks".
var roleNouns = setOf("developer", "dev", "creator", "maker", "studio", "rival", "subsidiary", "unit", "parent", "owner", "startup", "start-up", "affiliate", "competitor", "partner", "supplier", "publisher", "producer", "operator", "arm", "division")

// group returns the entity at k and the entities coordinated with it
// ("X, Y and Z"), stopping before limit.
func partyGroup(toks []dtok, k, limit int) []int {
	g := []int{toks[k].ent}
	for k+1 < limit {
		n := k + 1
		for n < limit && (partyJoin[toks[n].w] || toks[n].w == "'s" && n+1 < limit && partyJoin[toks[n+1].w]) {
			n++
		}
		if n == k+1 || n >= limit {
			break
		}
		// "X and the Y Corp": the article before a name.
		if toks[n].ent < 0 && toks[n].w == "the" && n+1 < limit && toks[n+1].ent >= 0 && toks[n-1].w == "and" {
			n++
		}
		// "Fenmoor Healthcare, footwear specialists Scholl and condom-maker
		// Kensal Brands Group": up to two describing words.
		if toks[n].ent < 0 {
			d := n
			for d < limit && d < n+2 && toks[d].ent < 0 && isWordLike(toks[d].w) && !toks[d].cap && !groupStop[toks[d].w] {
				d++
			}
			if d >= limit || toks[d].ent < 0 || d == n {
				break
			}
			n = d
		}
		g = appendInt(g, toks[n].ent)
		k = n
	}
	return g
}

// firmPerson reports whether the first mention of entity e from token k
// is followed by a job title other than a partner's ("Zyxo CEO Jane
// Doe", "Zyxo co-founder Jane Doe"): the sentence names a person of the
// firm, not the firm. A partner of an investment firm invests for it.
func firmPerson(toks []dtok, e, k, hi int) bool {
	for x := k; x < hi; x++ {
		if toks[x].ent != e || x+1 < hi && toks[x+1].ent == e {
			continue
		}
		if x+1 >= hi {
			return false
		}
		end := titledAfter(toks, x+1)
		if jobTitles[toks[x+1].w] {
			end = x + 2
		}
		return end > 0 && !partnerTitle(toks, x+1, end)
	}
	return false
}

// objectList returns the companies listed after the object at k: names
// joined by nothing but commas and "and" ("acquired A, B and C for 20
// mln dlrs"), none in the possessive or followed by a relative clause,
// the list ending the clause (at its end, a comma, or "for", "from",
// "in", "last", "earlier", "this"). Any other word in between is no list
// of objects: "bought Getty and sued Texaco", "Intel's purchase of A and
// Google's of B", "Microsoft, which acquired A, and IBM, which bought B".
// A name with a legal suffix joined by a bare "and" to one without
// ("Harper and Row Publishers Inc") is more likely one name the
// recogniser split: no list then.
func objectList(s *dsent, k, hi int) []int {
	toks := s.toks
	suffixed := func(e int) bool {
		n := s.ents[e].name
		return legalSuffix[n[strings.LastIndexByte(n, ' ')+1:]]
	}
	var out []int
	n := k + 1
	for n < hi {
		x := n
		for x < hi && (toks[x].w == "," || toks[x].w == "and") {
			x++
		}
		if x == n || x >= hi || toks[x].ent < 0 || x+1 < hi && toks[x+1].w == "'s" {
			break
		}
		if x+2 < hi && toks[x+1].w == "," && (toks[x+2].w == "which" || toks[x+2].w == "who") {
			return nil
		}
		if x == n+1 && toks[n].w == "and" && suffixed(toks[x].ent) && !suffixed(toks[n-1].ent) {
			return nil
		}
		out = append(out, toks[x].ent)
		n = x + 1
	}
	if len(out) == 0 || toks[k+1].w == "'s" {
		return nil
	}
	if n < hi {
		switch toks[n].w {
		case ",", "for", "from", "in", "last", "earlier", "this", ";", "—", "–", "-":
		default:
			return nil
		}
	}
	return out
}

// fundedBy are the words before "by" that name who puts money into a
// round: "led by", "backed by".
var fundedBy = setOf("led", "co-led", "backed", "funded")

// groupStop are words that end a coordination of companies.
var groupStop = setOf("which", "who", "that", "said", "says", "to", "in", "on", "of", "for", "with", "by", "the", "a", "an", "its", "their", "is", "are", "was", "were", "has", "have", "will", "would", "other", "others", "also", "then", "later", "it", "they", "as", "at", "from")

func appendInt(xs []int, x int) []int {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// after returns the first entity in (from, hi) within max tokens, not
// crossing a clause stop word; -1 when there is none. The token index is
// returned as well.
func entAfter(toks []dtok, from, hi, max int) (int, int) {
	for k := from; k < hi && k < from+max; k++ {
		if toks[k].ent >= 0 {
			// "OpenAI rival Anthropic", "one of the OpenAI rivals,
			// Anthropic": the entity after the role noun.
			if k+2 < hi && roleNouns[toks[k+1].w] && toks[k+2].ent >= 0 {
				return toks[k+2].ent, k + 2
			}
			// "Android security startup Kestrel", "cloud gaming
			// maker Orla": a name modifying a descriptive noun phrase
			// that ends in a company noun is not the object; the name
			// after the phrase is.
			if q := describedName(toks, k, hi); q >= 0 {
				return toks[q].ent, q
			}
			if k+3 < hi && (toks[k+1].w == "rivals" || toks[k+1].w == "competitors") && toks[k+2].w == "," && toks[k+3].ent >= 0 {
				return toks[k+3].ent, k + 3
			}
			// "a stake in General Motors's Cruise unit", "acquisition of
			// PS Group's Pacific Southwest": the named unit is what is
			// bought or invested in. (A buyer "to X's Y unit" stays the
			// parent X that the story names.)
			if from > 0 && (toks[from-1].w == "in" || toks[from-1].w == "of" || toks[from-1].w == "for") {
				if u := namedUnit(toks, k, hi); u >= 0 {
					return toks[u].ent, u
				}
			}
			// "funding from Zyxo's venture capital arm ZV", "led by
			// Zyxo's VC arm ZV": the arm that invests.
			if k+1 < hi && from > 0 && (toks[from-1].w == "from" || from > 1 && toks[from-1].w == "by" && fundedBy[toks[from-2].w]) && toks[k+1].w == "'s" {
				for q := k + 2; q < hi && q < k+10; q++ {
					if toks[q].ent >= 0 && toks[q].ent != toks[k].ent {
						return toks[q].ent, q
					}
					if q+2 < hi && toks[q].w == "(" && toks[q+2].w == ")" && describingCaps[toks[q+1].w] {
						q += 2 // "venture capital (VC) arm"
						continue
					}
					if !isWordLike(toks[q].w) || toks[q].cap && !describingCaps[toks[q].w] {
						break
					}
				}
			}
			// "with Microsoft's deal ...": a possessive far from the
			// preposition modifies another noun (but "45 pct of
			// Standard's stock" is Standard's).
			if k > from && k+1 < hi && toks[k+1].w == "'s" && toks[k-1].w != "of" && !ownsAsset(toks, k+2, hi) {
				return -1, -1
			}
			return toks[k].ent, k
		}
		// "to a newly formed private company, Seawind Ltd": a company
		// noun and then the name in apposition.
		if toks[k].w == "," && k > from && k+1 < hi && toks[k+1].ent >= 0 && companyNounBetween(toks, from, k) {
			return toks[k+1].ent, k + 1
		}
		// "to an investor group headed by X", "to a company formed by Los
		// Angeles investment firm X": the group stands for X.
		if groupActors[toks[k].w] && k > from && (groupNouns[toks[k-1].w] || isCompanyNoun(toks[k-1].w)) && k+1 < hi && toks[k+1].w == "by" {
			if e, at := nameAhead(toks, k+2, hi, 6); e >= 0 {
				return e, at
			}
		}
		// "to a group of investors including the unit's managers and X".
		if toks[k].w == "including" && groupBetween(toks, from, k) {
			if e, at := nameAhead(toks, k+1, hi, 8); e >= 0 {
				return e, at
			}
		}
		// "(Taurus Footwear Inc)": wire markup in round brackets;
		// "to Troy, Michigan-based X": a place before the name.
		if toks[k].w == "(" && k+1 < hi && toks[k+1].ent >= 0 {
			return toks[k+1].ent, k + 1
		}
		if toks[k].w == "," && k+2 < hi && strings.HasSuffix(toks[k+1].w, "-based") && toks[k+2].ent >= 0 {
			return toks[k+2].ent, k + 2
		}
		if subjStop[toks[k].w] || toks[k].w == "(" || k > from && (phraseStop[toks[k].w] || toks[k].w == ",") {
			return -1, -1
		}
		if k+1 == from+max && k+2 < hi && toks[k+1].w == "," && toks[k+2].ent >= 0 && companyNounBetween(toks, from, k+1) {
			return toks[k+2].ent, k + 2
		}
	}
	return longDescribed(toks, from, hi, max)
}

// longDescribed finds the name after a description in lower-case words
// longer than max that ends in a noun for a company: "its purchase of
// text search and document indexing startup Y"; -1 when there is none.
func longDescribed(toks []dtok, from, hi, max int) (int, int) {
	for k := from; k < hi && k < from+max+4; k++ {
		if toks[k].ent >= 0 {
			if k >= from+max && isCompanyNoun(toks[k-1].w) {
				return toks[k].ent, k
			}
			return -1, -1
		}
		if w := toks[k].w; !isWordLike(w) || toks[k].cap || subjStop[w] || phraseStop[w] || w == "the" || w == "a" || w == "an" {
			return -1, -1 // not "became part of the new holding company Y"
		}
	}
	return -1, -1
}

// describedName returns the position of the name after a descriptive
// noun phrase that the entity at k modifies: one or two lower-case words
// ending in a company noun ("Android security startup Kestrel"). It
// returns -1 when the entity is not followed by such a phrase and a
// name, or when a function word breaks the phrase ("Kestrel from parent
// company Orla", "Kestrel and security firm Orla").
func describedName(toks []dtok, k, hi int) int {
	for q := k + 1; q < hi && q <= k+3; q++ {
		w := toks[q].w
		if toks[q].ent >= 0 || !isWordLike(w) || phraseWords[w] || subjStop[w] || phraseStop[w] {
			return -1
		}
		if q > k+1 && (isCompanyNoun(w) || roleNouns[w] || offeringNouns[w]) {
			if q+1 < hi && toks[q+1].ent >= 0 && toks[q+1].ent != toks[k].ent {
				return q + 1
			}
			return -1
		}
	}
	return -1
}

// offeringNouns name what a company is by what it offers: "Kubernetes
// observability platform Quillon Labs", "payments provider Y".
var offeringNouns = setOf("platform", "provider", "vendor", "specialist", "service")

// phraseWords are function words that end a descriptive noun phrase.
var phraseWords = setOf("and", "or", "the", "a", "an", "its", "their", "his", "her", "of", "in", "as", "is", "was", "which", "that", "who")

// companyNounBetween reports whether an indefinite noun phrase naming a
// company ("a newly formed company", "an investor group") fills the
// tokens from lo to hi.
func companyNounBetween(toks []dtok, lo, hi int) bool {
	if lo >= hi || toks[lo].w != "a" && toks[lo].w != "an" {
		return false
	}
	return isCompanyNoun(toks[hi-1].w) && toks[hi-1].ent < 0
}

// phraseStop are prepositions that start another phrase: an entity after
// them is not the object looked for.
var phraseStop = setOf("to", "for", "from", "by", "with", "at", "on", "into", "between")

// prepEntity finds "PREP [words] ENT" after position from: the entity
// following the first occurrence of one of preps within max tokens.
func prepEntity(toks []dtok, from, hi, max int, preps ...string) (int, int) {
	return prepEntityWithin(toks, from, hi, max, 6, preps...)
}

// prepEntityWithin is prepEntity with the entity at most reach tokens
// after the preposition.
func prepEntityWithin(toks []dtok, from, hi, max, reach int, preps ...string) (int, int) {
	for k := from; k < hi && k < from+max; k++ {
		if subjStop[toks[k].w] {
			return -1, -1
		}
		for _, p := range preps {
			if toks[k].w == p {
				e, at := entAfter(toks, k+1, hi, reach)
				if e >= 0 {
					return e, at
				}
			}
		}
	}
	return -1, -1
}

// possessor returns the entity that owns the noun at i ("X's proposed
// acquisition"), or -1.
func possessor(toks []dtok, lo, i int) int {
	for k := i - 1; k >= lo && k >= i-5; k-- {
		if toks[k].w == "'s" && k > lo && toks[k-1].ent >= 0 {
			return toks[k-1].ent
		}
		if toks[k].ent >= 0 && toks[k].poss {
			return toks[k].ent // "Carrow's takeover offer"
		}
		if toks[k].ent >= 0 || toks[k].w == "," {
			return -1
		}
	}
	return -1
}

// modifier returns the entity directly before noun i used as a modifier
// ("the Kaiser purchase"), or -1.
func modifier(toks []dtok, lo, i int) int {
	k := i - 1
	for k >= lo && (toks[k].w == "proposed" || toks[k].w == "planned" || toks[k].w == "\"") {
		k--
	}
	if k >= lo && toks[k].ent >= 0 {
		return toks[k].ent
	}
	return -1
}

// modifierGroup returns the group of entities directly before noun i
// ("the Norland-Pacifica merger", "a Zyxo-Orbital joint venture").
func modifierGroup(toks []dtok, lo, i int) []int {
	k := i - 1
	for k >= lo && (toks[k].w == "proposed" || toks[k].w == "planned" || toks[k].w == "\"" || toks[k].w == "new") {
		k--
	}
	// "the Zyxo-Orbital Autonomous Driving Joint Venture".
	for n := 0; n < 3 && k > lo && toks[k].ent < 0 && toks[k].cap; n++ {
		k--
	}
	if k < lo || toks[k].ent < 0 {
		return nil
	}
	end := k
	for k-2 >= lo && partyJoin[toks[k-1].w] && toks[k-2].ent >= 0 {
		k -= 2
	}
	if k == end {
		return nil
	}
	return partyGroup(toks, k, end+1)
}

// apply runs the rule of trigger t at tokens [i, j) of s.
func (c *dealContext) apply(s *dsent, i, j int, t dtrigger) []dmention {
	ms := c.applyFamily(s, i, j, t)
	ms = slices.DeleteFunc(ms, func(m dmention) bool { return agentParty(s, m) || institutionParty(s, m) })
	for k := range ms {
		if ms[k].rule == "" {
			ms[k].rule = familyRule[t.fam]
		}
		if t.fam == famAcquire || t.fam == famAcqNoun {
			jointBuyers(s, i, &ms[k])
		}
	}
	return ms
}

// agentRoles are the parts a firm plays in another's deal without being a
// party: "the depositary for X's offer", "its adviser on the sale".
var agentRoles = setOf("depositary", "depository", "adviser", "advisor", "advisers", "advisors", "agent", "underwriter",
	"underwriters", "dealer-manager", "manager", "trustee", "lender", "lenders", "broker", "auditor", "counsel", "arranger")

// agentParty reports whether a party of m other than the first is named
// in the sentence with an aside that makes it an agent of the deal ("Y
// Bank, the depositary for X's offer"): it is no party.
func agentParty(s *dsent, m dmention) bool {
	toks := s.toks
	for _, p := range m.parties[min(1, len(m.parties)):] {
		for k := 0; k+3 < len(toks); k++ {
			if toks[k].ent < 0 || s.ents[toks[k].ent].name != p.name {
				continue
			}
			n := k + 1
			if toks[n].w == "unit" || toks[n].w == "subsidiary" {
				n++
			}
			if n+2 < len(toks) && toks[n].w == "," && (toks[n+1].w == "the" || toks[n+1].w == "its" || toks[n+1].w == "a") && agentRoles[toks[n+2].w] {
				return true
			}
		}
	}
	return false
}

// institutionWords describe bodies that are no companies (convention 15):
// "research institute X", "the university's X", "regulator X".
var institutionNouns = setOf("institute", "university", "agency", "ministry", "government", "regulator", "commission", "laboratory", "council", "academy", "foundation", "nonprofit", "non-profit")

// institutionParty reports whether a party of m is introduced by a noun
// that makes it a public body or a research institution ("French research
// institute X and startup Y have announced a partnership"): deals with
// such bodies are not labelled.
func institutionParty(s *dsent, m dmention) bool {
	toks := s.toks
	for k := 1; k < len(toks); k++ {
		if toks[k].ent < 0 || !hasParty(m.parties, s.ents[toks[k].ent].name) {
			continue
		}
		if institutionNouns[toks[k-1].w] {
			return true
		}
	}
	return false
}

// jointBuyers makes every company of a subject joined by "and" a buyer
// of an acquisition whose buyer is the first of them (convention 17: "X
// and Y have closed their purchase of Z" is one deal with both buyers).
// A list with commas ("X, Y and Z said they ...") or a subject of more
// than three is left alone.
func jointBuyers(s *dsent, i int, m *dmention) {
	if m.typ != partnergraph.Acquisition || len(m.parties) != 2 || m.parties[0].role != partnergraph.RoleBuyer {
		return
	}
	lo, _ := clauseOf(s.toks, i)
	sg := subjectGroup(s.toks, lo, i)
	if len(sg) < 2 || len(sg) > 3 || s.ents[sg[0]].name != m.parties[0].name {
		return
	}
	first := -1
	for k := lo; k < i; k++ {
		if s.toks[k].ent == sg[0] {
			first = k
			break
		}
	}
	for k := first + 1; first >= 0 && k < i && s.toks[k].ent != sg[len(sg)-1]; k++ {
		if s.toks[k].w == "," {
			return
		}
	}
	for _, e := range sg[1:] {
		if n := s.ents[e].name; !hasParty(m.parties, n) {
			m.parties = append(m.parties, dparty{n, partnergraph.RoleBuyer})
		}
	}
}

// applyFamily dispatches a trigger to the rule of its family.
func (c *dealContext) applyFamily(s *dsent, i, j int, t dtrigger) []dmention {
	toks := s.toks
	lo, hi := clauseOf(toks, i)
	// A plural noun names a deal only with its object: "the acquisitions of
	// X and Y", not "alliances with technology companies".
	if !t.verb && (toks[i].w == "acquisitions" || toks[i].w == "mergers") && !(j < hi && toks[j].w == "of") {
		return nil
	}
	switch t.fam {
	case famAcquire:
		return c.acquireVerb(s, lo, hi, i, j, t)
	case famAcqNoun:
		return c.acquireNoun(s, lo, hi, i, j, t)
	case famSell:
		return c.sell(s, lo, hi, i, j, t)
	case famMerge:
		return c.symmetric(s, lo, hi, i, j, t, partnergraph.Merger)
	case famJV:
		if w := toks[i].w; (w == "venture" || w == "ventures") && !sharedVenture(toks, lo, i, j, hi) {
			return nil
		}
		return c.symmetric(s, lo, hi, i, j, t, partnergraph.JointVenture)
	case famTogether:
		// "X and Y are working together on ...", but not "X and Y are among
		// the companies working together".
		g := subjectGroup(toks, lo, i)
		if len(g) < 2 && pairNoun(toks, max(lo, i-4), i) && len(s.ents) == 2 {
			// "the investment ... Microsoft ... OpenAI, and the two
			// companies will work together".
			m, ok := c.newMention(s, lo, hi, i, j, t, partnergraph.Partnership)
			if !ok {
				return nil
			}
			m.parties = []dparty{{s.ents[0].name, partnergraph.RolePartner}, {s.ents[1].name, partnergraph.RolePartner}}
			m.conf -= 0.1
			return []dmention{c.finish(s, m, []int{0, 1})}
		}
		if len(g) < 2 {
			return nil
		}
		for k := lo; k < i; k++ {
			if toks[k].w == "among" || toks[k].w == "other" {
				return nil
			}
		}
		return c.symmetric(s, lo, hi, i, j, t, partnergraph.Partnership)
	case famFunding:
		return c.funding(s, lo, hi, i, j, t)
	case famPay:
		return c.pay(s, lo, hi, i, j, t)
	case famUnit:
		return c.unitOf(s, lo, hi, i, j, t)
	case famPartner:
		if workWith(toks[i].w) && !workPurpose(toks, lo, i, j, hi) {
			return nil
		}
		// "X launched an integration with Y's P6": an integration is
		// news only when launched or announced, with the partner after
		// "with" (convention 14); "integrates with tools like Y" is a
		// product's feature.
		if toks[i].w == "integration" && !(j < hi && toks[j].w == "with" && beforeHas(toks, max(lo, i-4), i, launchVerbs...)) {
			return nil
		}
		if !t.verb && (toks[i].w == "partner" || toks[i].w == "partners") {
			// "partner" as a noun is too loose ("a partner at a law firm");
			// only "X and Y are partners" / "partner of".
			if !(j < hi && (toks[j].w == "of" || toks[j].w == "with" || toks[j].w == "in")) &&
				!(j < hi && (toks[j].w == "on" || toks[j].w == "to" || toks[j].w == "for") && len(subjectGroup(toks, lo, i)) >= 2) {
				return nil
			}
		}
		return c.symmetric(s, lo, hi, i, j, t, partnergraph.Partnership)
	case famInvest:
		return c.invest(s, lo, hi, i, j, t)
	case famStake:
		return c.stake(s, lo, hi, i, j)
	case famLicense:
		return c.twoSided(s, lo, hi, i, j, t, partnergraph.Licensing, partnergraph.RoleLicensor, partnergraph.RoleLicensee)
	case famSupply:
		return c.supply(s, lo, hi, i, j, t)
	case famGeneric:
		return c.generic(s, lo, hi, i, j, t)
	case famCloud:
		return c.cloudSupply(s, lo, hi, i, j, t)
	}
	return nil
}

// cloudVerbs are the prepositions after a verb of moving or spending that
// lead to the cloud chosen: "moved its servers to AWS", "spend $1 billion
// on Google Cloud".
var cloudPreps = setOf("to", "onto", "on")

// cloudSupply reads a company choosing a cloud provider as a supply deal
// with the cloud's owner, the cloud being its platform: "X is moving its
// infrastructure to Google Cloud", "X agreed to spend $1 billion on Amazon
// Web Services", "X chose Google for its analytics" (when the article
// names a Google cloud). Only a named cloud counts: "moved to London" and
// "chose Jane Doe" are no deals.
func (c *dealContext) cloudSupply(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	choose := false
	switch toks[i].w {
	case "choose", "chooses", "choosing", "chose", "chosen", "select", "selects", "selecting", "selected", "pick", "picks", "picking", "picked":
		choose = true
	}
	vendor, platform := -1, ""
	for k := j; k < hi && k < j+12; k++ {
		tk := toks[k]
		if subjStop[tk.w] || tk.w == ";" {
			break
		}
		if choose && k > j+1 && vendor < 0 {
			break // the chosen cloud follows the verb
		}
		if !choose && (k == j || !cloudPreps[toks[k-1].w]) {
			continue
		}
		if name, ok := strings.CutPrefix(tk.w, "cloud:"); ok && c.owners[name] != "" {
			platform = name
			break
		}
		if tk.ent >= 0 {
			if p := s.ents[tk.ent].platform; p != "" {
				vendor, platform = tk.ent, p
			} else if p, ok := c.clouds[s.ents[tk.ent].name]; ok && choose {
				vendor, platform = tk.ent, p
			}
			break
		}
	}
	if platform == "" {
		return nil
	}
	// "As part of the deal, X will migrate to Azure": a term of a deal
	// reported before, not a deal of its own.
	for k := 0; k+3 < len(toks) && k < i; k++ {
		if toks[k].w == "part" && toks[k+1].w == "of" && (toks[k+2].w == "the" || toks[k+2].w == "this" || toks[k+2].w == "their" || toks[k+2].w == "its") {
			switch toks[k+3].w {
			case "deal", "agreement", "partnership", "alliance", "pact", "accord", "contract":
				return nil
			}
		}
	}
	sg := subjectGroup(toks, lo, i)
	if len(sg) == 0 {
		return nil
	}
	customer := sg[0]
	owner := c.owners[platform]
	if vendor >= 0 {
		owner = s.ents[vendor].name
	}
	if owner == "" || owner == s.ents[customer].name {
		return nil
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, partnergraph.Supply)
	if !ok {
		return nil
	}
	// "finished moving its service to X": the move is done.
	if m.status == "" && beforeHas(toks, lo, i, "finished", "completed", "completes", "finishes") {
		m.status = partnergraph.Completed
	}
	m.parties = []dparty{{s.ents[customer].name, partnergraph.RoleCustomer}, {owner, partnergraph.RoleSupplier}}
	ents := []int{customer}
	if vendor >= 0 {
		ents = append(ents, vendor)
	}
	m = c.finish(s, m, ents)
	m.platforms = appendUnique(m.platforms, platform)
	return []dmention{m}
}

// objectHasStake reports whether the words between i and k mention a stake
// ("a 20 pct stake in"), and whether that stake is controlling.
func objectHasStake(toks []dtok, i, k int) (stake, control bool) {
	// "the 45 pct of Y it does not already own": the rest of Y.
	for x := k; x+1 < len(toks) && x < k+8; x++ {
		if toks[x].w == "already" && x > 0 && (toks[x-1].w == "not" || toks[x-1].w == "n't") {
			switch toks[x+1].w {
			case "own", "owns", "owned", "hold", "holds", "held":
				control = true
			}
		}
	}
	for x := i; x < k; x++ {
		w := toks[x].w
		if stakeNouns[w] {
			stake = true
		}
		next := ""
		if x+1 < k {
			next = toks[x+1].w
		}
		switch w {
		case "majority", "controlling", "remaining", "outstanding", "rest":
			control = true
		case "control":
			// "control of Y", "control in Y"; not "building control
			// systems".
			control = control || next == "of" || next == "in" || next == ","
		case "all":
			// "all of Y", "all outstanding shares", "all Y common shares".
			control = control || next == "of" || next == "the" || next == "its" || slices.ContainsFunc(toks[x+1:min(k, x+5)], func(t dtok) bool {
				return t.w == "shares" || t.w == "stock" || t.w == "outstanding" || t.w == "remaining"
			})
		case "100":
			control = control || next == "pct" || next == "percent" || next == "%"
		}
		if (w == "pct" || w == "percent" || w == "%") && x > 0 {
			if n, err := strconv.ParseFloat(toks[x-1].w, 64); err == nil && n > 50 {
				control = true
			}
		}
	}
	// "raised its bid for Y by approximately 10 pct": a change of the
	// bid, no stake.
	if stake && !control && pctByOnly(toks, i, k) {
		stake = false
	}
	return stake, control
}

// pctByOnly reports whether every percentage between i and k (and a few
// words on) follows "by", with at most one word between ("by 10 pct",
// "by approximately 10 pct"), and no noun of a stake stands there.
func pctByOnly(toks []dtok, i, k int) bool {
	seen := false
	for x := i; x < len(toks) && x < k+6; x++ {
		w := toks[x].w
		if w == "stake" || w == "interest" || w == "shares" || w == "stock" {
			return false
		}
		if w != "pct" && w != "percent" && w != "%" {
			continue
		}
		if !(x >= 2 && toks[x-2].w == "by" || x >= 3 && toks[x-3].w == "by" && approxWords[toks[x-2].w]) {
			return false
		}
		seen = true
	}
	return seen
}

// bidderAt reports whether the entity at k is named as a bidder: "a
// cash offer from X", "a bid by X".
func bidderAt(toks []dtok, lo, k int) bool {
	if k-2 < lo || toks[k-1].w != "from" && toks[k-1].w != "by" {
		return false
	}
	switch toks[k-2].w {
	case "offer", "offers", "bid", "bids", "proposal", "counterbid", "counter-bid":
		return true
	}
	return false
}

// subsidiaryOf reports whether the words from j to the company at k
// make it the owner of what merges: "merge with a wholly-owned
// subsidiary of Y", "be merged into a unit of Y".
func subsidiaryOf(toks []dtok, j, k int) bool {
	if k-2 < j || toks[k-1].w != "of" {
		return false
	}
	switch toks[k-2].w {
	case "subsidiary", "unit", "affiliate":
		return true
	}
	return false
}

// alsoHolds reports whether the verb at v states a holding with "also"
// before it: "also holds", "also owns", "also has".
func alsoHolds(toks []dtok, lo, v int) bool {
	if v <= lo || toks[v-1].w != "also" {
		return false
	}
	switch toks[v].w {
	case "holds", "hold", "owns", "own", "has", "have", "controls", "control":
		return true
	}
	return false
}

// adviceBefore reports whether a modal of advice or possibility comes
// right before the verb at i, an adverb allowed between ("should now
// bid", "could offer"): a bid someone suggests or weighs, not one made.
func adviceBefore(toks []dtok, lo, i int) bool {
	k := i - 1
	if k > lo && (strings.HasSuffix(toks[k].w, "ly") || toks[k].w == "now" || toks[k].w == "also") {
		k--
	}
	if k < lo {
		return false
	}
	switch toks[k].w {
	case "should", "could", "might", "may", "ought":
		return true
	}
	return false
}

// tenderOffer reports whether the noun at i is a tender offer ("its
// tender offer for Y shares", "a tender for Y"): a bid for the company.
func tenderOffer(toks []dtok, i int) bool {
	return toks[i].w == "tender" || toks[i].w == "offer" && i > 0 && toks[i-1].w == "tender"
}

// minorityStated reports whether the words from i to k give a share of
// 50 percent or less ("for 500,000 shares, or about 22 pct") or a cap
// on the shares bought ("for up to 12 mln shares"): a tender offer for
// part of the shares buys a stake, not the company.
func minorityStated(toks []dtok, i, k int) bool {
	for x := i + 1; x < k; x++ {
		if toks[x].w == "up" && x+2 < k && toks[x+1].w == "to" && isNum(toks[x+2].w) {
			return true
		}
		if w := toks[x].w; w == "pct" || w == "percent" || w == "%" {
			if n, err := strconv.ParseFloat(toks[x-1].w, 64); err == nil && n <= 50 {
				return true
			}
		}
	}
	return false
}

// heldBy reports whether the entity at k follows "held by", "owned by"
// or "controlled by" (with "the" between) after j: the one whose stake is
// sold.
func heldBy(toks []dtok, j, k int) bool {
	q := k - 1
	if q > j && toks[q].w == "the" {
		q--
	}
	if q <= j || toks[q].w != "by" {
		return false
	}
	switch toks[q-1].w {
	case "held", "owned", "controlled":
		return true
	}
	return false
}

// personSubject reports whether the verb at i has a person or a crowd
// for its subject right before it, past auxiliaries ("you would have
// bought", "someone bought", "consumers buy").
func personSubject(toks []dtok, lo, i int) bool {
	k := i - 1
	for k >= lo && (auxWords[toks[k].w] || toks[k].w == "have" || toks[k].w == "had" || toks[k].w == "already" || toks[k].w == "also") {
		k--
	}
	if k < lo {
		return false
	}
	switch toks[k].w {
	case "you", "i", "we", "someone", "somebody", "anyone", "anybody", "everyone", "people", "consumers", "customers", "shoppers", "users", "gamers", "fans", "buyers":
		return true
	}
	return false
}

// passiveBe reports whether the participle at i is a passive: a form of
// "be" right before it, or before one adverb ("was later acquired").
// "has bought", "had acquired" are no passives.
func passiveBe(toks []dtok, lo, i int) bool {
	k := i - 1
	if k > lo && (strings.HasSuffix(toks[k].w, "ly") || passiveAdverbs[toks[k].w]) {
		k--
	}
	if k < lo {
		return false
	}
	switch toks[k].w {
	case "be", "been", "being", "was", "were", "is", "are":
		return true
	}
	return false
}

// passiveAdverbs may stand between "be" and a passive participle.
var passiveAdverbs = setOf("later", "already", "also", "since", "then", "once", "subsequently", "eventually", "just", "first")

func (c *dealContext) acquireVerb(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	var buyer, target int = -1, -1
	passive := false
	if t.past {
		// The agent of a passive may follow the price and the date:
		// "Y, which was acquired for $32 billion in 2016 by X".
		// So may a long description of the agent: "was purchased by the
		// Japanese telecom and Internet company X".
		window, reach := 4, 6
		if passiveBe(toks, lo, i) {
			window, reach = 12, 9
		}
		if b, _ := prepEntityWithin(toks, j, hi, window, reach, "by"); b >= 0 {
			buyer, passive = b, true
			// "Citrix, used by companies including Microsoft and SAP, is
			// to be acquired by Y": the target is the subject, not a name
			// listed in an aside.
			// "TechCrunch, which was acquired in 2010 by AOL": the name
			// before ", which" is the target, or no name we know.
			if r := relativeHead(toks, lo, i); r >= lo {
				if toks[r].ent < 0 {
					return nil
				}
				target = toks[r].ent
			}
			for k := i - 1; k >= lo && target < 0; k-- {
				if toks[k].ent < 0 {
					continue
				}
				// ("A and B, both acquired by Y" does take the list.)
				if first := listStart(toks, lo, k); first >= 0 && toks[i-1].w != "both" && toks[i-1].w != "all" && slices.ContainsFunc(toks[k:i], func(t dtok) bool { return t.w == "," }) {
					k = first
					continue
				}
				// "Heublein, a former subsidiary of RJR Nabisco Inc, was
				// acquired by Y": the parent in an aside is not the target;
				// nor in "Heublein, another Nabisco subsidiary being
				// purchased by Y".
				if k-2 >= lo && toks[k-1].w == "of" && roleNouns[toks[k-2].w] || k+1 < i && (toks[k+1].w == "subsidiary" || toks[k+1].w == "unit" || toks[k+1].w == "affiliate" || toks[k+1].w == "division") {
					continue
				}
				target = toks[k].ent
			}
		}
	}
	// "Y, to be bought from X", "in which 98 pct was acquired from X": a
	// passive with no buyer named makes the subject the thing bought and
	// the name after "from" its seller; no buyer is known.
	if !passive && t.past && passiveBe(toks, lo, i) {
		return nil
	}
	targetAt := -1
	spoken := false // the object is "the company" or "its stock" of the speaker
	frontEnd := -1  // the end of a phrase before the subject that tells the purchase
	if !passive {
		// "a controller you would have bought from X", "every time
		// someone bought a Y": a person or a crowd buys, no company.
		if personSubject(toks, lo, i) {
			return nil
		}
		sg := subjectGroup(toks, lo, i)
		// "After acquiring Y last year, X launched ...": the subject
		// after the fronted phrase bought.
		if len(sg) == 0 && inFrontedPhrase(toks, lo, i) {
			// ("By buying Y, X would gain ...": a move weighed.)
			if f := frontedOwner(toks, lo, j, hi, -1); f >= 0 && !modalAfter(toks, f, hi) {
				sg = []int{f}
				frontEnd = frontedEnd(toks, j, hi)
			}
		}
		if len(sg) == 0 {
			return nil
		}
		buyer = sg[0]
		// Find the object: first entity after the verb; an entity after
		// "from" is the seller, a party only when nothing else is named.
		seller := -1
		for k := j; k < hi && k < j+18; k++ {
			// "Amazon bought that and then Google's Nest ...": a pronoun
			// object is the thing bought; no name after it is.
			if k == j && (toks[k].w == "it" || toks[k].w == "that" || toks[k].w == "them" || toks[k].w == "this") {
				break
			}
			// A comma ends the object unless it restates it ("one mln
			// shares, or a 20 pct interest, of Y").
			if subjStop[toks[k].w] || toks[k].w == ":" || infinitiveAt(toks, k, hi) || toks[k].w == "," && target < 0 && seller < 0 && !(k+1 < hi && (toks[k+1].w == "or" || isNum(toks[k+1].w) || toks[k+1].w == "of" && (toks[k-1].w == "pct" || toks[k-1].w == "percent"))) && !assetOfAhead(toks, k, hi) && !priceAside(toks, j, k) {
				break
			}
			if toks[k].ent >= 0 && toks[k].ent != buyer {
				if k > 0 && toks[k-1].w == "from" || fromUnitOf(toks, j, k) || heldBy(toks, j, k) {
					// "from X", "from a unit of X", "the 30 pct interest
					// held by X": the seller.
					if seller < 0 {
						seller, targetAt = toks[k].ent, k
					}
					continue
				}
				if k > 0 && (toks[k-1].w == "by" || toks[k-1].w == "with") {
					continue
				}
				// "its technology, acquired from its investment in X":
				// the verb's object came before it; a name further on
				// is no target.
				if toks[j].w == "from" {
					break
				}
				if k >= j+14 {
					break // past 14 words only a seller after "from" is read
				}
				// "acquires Age of Wonders dev Triumph Studios": the name
				// after the role noun is the one bought.
				if k+2 < hi && roleNouns[toks[k+1].w] && toks[k+2].ent >= 0 && toks[k+2].ent != buyer {
					k += 2
				} else if q := describedName(toks, k, hi); q >= 0 && toks[q].ent != buyer {
					k = q // "acquired Android security startup Kestrel"
				} else if k+1 < hi && toks[k+1].w == "'s" {
					// "acquired Marlow's AI startup DeepLoom".
					for q := k + 2; q+1 < hi && q < k+6; q++ {
						if roleNouns[toks[q].w] && toks[q+1].ent >= 0 && toks[q+1].ent != buyer {
							k = q + 1
							break
						}
						if toks[q].ent >= 0 || !isWordLike(toks[q].w) && !isNum(toks[q].w) {
							break
						}
					}
				}
				target, targetAt = toks[k].ent, k
				break
			}
		}
		// "purchase lower-cost power from Y", "bought 50,000 tonnes of
		// wheat from Y": a commodity bought from a seller is trade, and
		// the seller stands in for no business sold.
		if target < 0 && seller >= 0 && !commodityBought(toks, j, targetAt) {
			target = seller
		}
		if target < 0 {
			target = relativeObject(toks, lo, i, buyer)
		}
		if target < 0 {
			target = speakerObject(toks, lo, j, hi, buyer)
			spoken = target >= 0
		}
	}
	if buyer < 0 || target < 0 || buyer == target {
		return nil
	}
	// "a purchase of", "the recent pick-up in Soviet purchases of ...": a
	// noun, not a verb.
	if !passive && i > lo {
		switch p := toks[i-1]; {
		case p.w == "a" || p.w == "an" || p.w == "the" || p.w == "its" || p.w == "their" || p.w == "'s":
			return nil
		case (p.w == "in" || p.cap && p.ent < 0 && i-1 > lo) && strings.HasSuffix(toks[i].w, "s"):
			return nil
		}
	}
	// "a strong buy recommendation on Y", "buy 175 mln dlrs of debt in
	// Y": advice and lending, not a purchase of Y.
	if !passive && targetAt >= j && (j < hi && (toks[j].w == "recommendation" || toks[j].w == "rating" || toks[j].w == "ratings") || debtBought(toks, j, targetAt)) {
		return nil
	}
	// "buy Chrysler cars", "acquire Texaco lease production": the company
	// only describes what is bought; so in "purchasing Sony's console".
	if !passive && targetAt >= j && (productModifier(toks, targetAt, hi) || goodsOf(toks, targetAt, hi)) {
		return nil
	}
	typ := partnergraph.Acquisition
	roles := [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	if targetAt >= j {
		// "X's stake" is a stake X sells in something else: the company
		// it is in, if named, is the investee; else there is no deal.
		end := targetAt
		if stakeAt := ownStake(toks, targetAt, hi); stakeAt > 0 {
			in, _ := prepEntity(toks, stakeAt+1, hi, 4, "in")
			if in < 0 || in == buyer {
				return nil
			}
			target = in
			end = stakeAt + 1 // "bought Safeway's 20 pct holding in Y": the stake's size
		}
		// "bought 1,261,000 Quarrow common shares", "bought the Quarrow
		// stock as an investment".
		stock := false
		for k := targetAt + 1; k < hi && k <= targetAt+2; k++ {
			if w := toks[k].w; w == "shares" || w == "stock" || w == "stake" || w == "interest" || w == "holding" {
				end = k + 1
				// ("buy Y for stock": the price, not the thing bought.)
				stock = stock || w == "stock" && (k == targetAt+1 || toks[k-1].w == "common" || toks[k-1].w == "preferred")
			}
		}
		// "buy out its stake in Kestrel Trucks": the rest of the company.
		// "acquired 6,200,000 Quarrow shares, about 90 pct of those
		// outstanding": the share told in apposition.
		if stake, control := objectHasStake(toks, j, end); (stake || stock) && !control && !(j < hi && toks[j].w == "out") && !(end < hi && toks[end].w == "," && majorityAhead(toks, end+1, hi)) {
			typ = partnergraph.Investment
			roles = [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
		}
		// "buy 10 aircraft from Airbus": goods bought from a supplier.
		// "20 planes from Harbex Aerospace (HA)": the
		// supplier may be named by the alias in brackets.
		from := -1
		for k := j; k < targetAt; k++ {
			if toks[k].w == "from" {
				from = k
				break
			}
		}
		if typ == partnergraph.Acquisition && from > j && goodsBought(toks, j, from) {
			typ = partnergraph.Supply
			roles = [2]partnergraph.Role{partnergraph.RoleCustomer, partnergraph.RoleSupplier}
		}
		// "buy 15 new Zyxo 72-500 aircraft", "purchase two Zyxo MD-11
		// jets": a count before the maker's name and a model number after
		// it buy the maker's products, not the maker.
		if typ == partnergraph.Acquisition && targetAt > j && targetAt+1 < hi && hasDigit(toks[targetAt+1].w) {
			k := targetAt - 1
			if k > j && (toks[k].w == "new" || toks[k].w == "more" || toks[k].w == "used" || toks[k].w == "additional") {
				k--
			}
			if k >= j && (isNum(toks[k].w) || countWords[toks[k].w]) {
				typ = partnergraph.Supply
				roles = [2]partnergraph.Role{partnergraph.RoleCustomer, partnergraph.RoleSupplier}
			}
		}
	}
	if spoken {
		if stake, control := objectHasStake(toks, j, min(hi, j+8)); stake && !control {
			typ = partnergraph.Investment
			roles = [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
		}
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, typ)
	if !ok {
		return nil
	}
	if t.past && !passive && (m.status == "" || m.status == partnergraph.Proposed || m.status == partnergraph.AgreedInPrinciple && !aipBefore(toks, lo, i)) {
		// "X bought Y after months of talks": the past tense says it is
		// done; so in "when X acquired Y, it agreed to keep ..." the
		// agreement after the verb is another matter.
		m.status = partnergraph.Completed
	}
	if passive && t.past && m.status == "" && !beforeHas(toks, lo, i, "to", "be", "will", "would") {
		m.status = partnergraph.Completed
	}
	// "with Y being bought by X earlier this year": a purchase under way,
	// agreed and not closed.
	if passive && i > lo && toks[i-1].w == "being" && (m.status == "" || m.status == partnergraph.Completed) {
		m.status = partnergraph.Announced
	}
	if frontEnd > j {
		// "After acquiring A and B, X went public in 2018": done before
		// the main clause, and dated only by the phrase itself. "After
		// announcing plans to acquire A, X ..." tells a deal agreed,
		// and "... X confirmed the deal is off" one called off.
		m.status = partnergraph.Completed
		if beforeHas(toks, lo, i, "announcing", "announced", "agreeing", "agreed", "plans", "plan") && !closedAfter(toks, frontEnd, hi) {
			m.status = partnergraph.Announced
		}
		if calledOff(toks, frontEnd, hi) {
			m.status = partnergraph.Terminated
		}
		if y, ok := c.year(toks, lo, frontEnd, i); ok {
			m.year, m.explicit = y, true
		} else {
			m.year, m.explicit = 0, true // a past purchase, its year untold
		}
	}
	m.parties = []dparty{{s.ents[buyer].name, roles[0]}, {s.ents[target].name, roles[1]}}
	out := []dmention{c.finish(s, m, []int{buyer, target})}
	// "X has acquired A, B and C": each company of a list of objects is
	// bought (not a seller after "from", not a stake's company).
	if !passive && typ == partnergraph.Acquisition && targetAt >= j && toks[targetAt].ent == target && (targetAt == 0 || toks[targetAt-1].w != "from") {
		for _, e := range objectList(s, targetAt, hi) {
			if e == buyer || e == target {
				continue
			}
			mm := m
			mm.parties = []dparty{{s.ents[buyer].name, roles[0]}, {s.ents[e].name, roles[1]}}
			out = append(out, c.finish(s, mm, []int{buyer, e}))
		}
	}
	return out
}

// frontedPreps open a phrase set before a sentence's subject: "Following
// its acquisition of Y, X ...".
var frontedPreps = setOf("following", "after", "with", "since", "through", "by", "in", "thanks", "amid", "despite", "shortly", "soon", "days", "weeks", "months")

// frontedOwner returns the company "its" stands for in a phrase set
// before the subject ("Following its recent acquisition of Y, X claims
// ..."): the company opening the clause after the phrase's comma, when
// the phrase opens the sentence with a preposition; else -1.
// Counter-example: "Following the talks, X said its acquisition of Y"
// (the pronoun follows its company; the caller reads that).
func frontedOwner(toks []dtok, lo, j, hi, of int) int {
	if lo != 0 || len(toks) == 0 || !opensFronted(toks) {
		return -1
	}
	// "After buying a few firms — A, B and C — X went public": the
	// aside's list is no subject; the name after it is.
	e := frontedEnd(toks, j, hi)
	if e < 0 || e+1 >= hi {
		return -1
	}
	n := toks[e+1].ent
	if n < 0 || n == of || toks[e].w == "," && e+2 < hi && (toks[e+2].w == "'s" || toks[e+2].w == "," || toks[e+2].w == "and") {
		return -1
	}
	return n
}

// opensFronted reports whether a word of frontedPreps opens the sentence
// within its first six words, after no company: "After …", "Nearly five
// months after …".
func opensFronted(toks []dtok) bool {
	for k := 0; k < len(toks) && k < 6; k++ {
		if toks[k].ent >= 0 {
			return false
		}
		if frontedPreps[toks[k].w] {
			return true
		}
	}
	return false
}

// inFrontedPhrase reports whether the verb at i lies in a phrase set
// before the sentence's subject: one opened, within its first six words,
// by a word of frontedPreps ("After acquiring Y, …", "Nearly five months
// after announcing its plans to acquire Y, …"), with no company and no
// comma before the verb.
func inFrontedPhrase(toks []dtok, lo, i int) bool {
	if lo != 0 || !opensFronted(toks) {
		return false
	}
	for k := lo; k < i; k++ {
		if toks[k].ent >= 0 || toks[k].w == "," {
			return false
		}
	}
	return true
}

// closedAfter reports whether the clause from k on says a deal closed:
// "... X has officially closed the deal", "completed the purchase".
func closedAfter(toks []dtok, k, hi int) bool {
	for ; k < hi; k++ {
		switch toks[k].w {
		case "closed", "closes", "completed", "completes", "finalized", "finalised", "finalizes", "finalises":
			return true
		}
	}
	return false
}

// calledOff reports whether the clause from k on says a deal is off:
// "confirmed the deal is off", "called off the merger", "scrapped it".
func calledOff(toks []dtok, k, hi int) bool {
	for ; k < hi; k++ {
		if termWords[toks[k].w] || toks[k].w == "off" && k > 0 && (toks[k-1].w == "is" || toks[k-1].w == "was" || toks[k-1].w == "called" || toks[k-1].w == "calls") {
			return true
		}
	}
	return false
}

// frontedEnd returns the index of the comma or closing dash that ends a
// phrase set before the subject from j on (a dashed aside is passed
// over whole), or -1.
func frontedEnd(toks []dtok, j, hi int) int {
	for k := j; k+1 < hi && k < j+15; k++ {
		switch toks[k].w {
		case "—", "–", "-":
			e := k + 1
			for e < hi && e < k+30 && toks[e].w != toks[k].w {
				e++
			}
			if e >= hi || e >= k+30 {
				return -1
			}
			return e
		case ",":
			return k
		}
	}
	return -1
}

// sharedVenture reports whether "venture" at i names a joint venture:
// a word of sharing before it ("a 50-50 venture", "an equal venture", "a
// new venture") and "with" after it.
func sharedVenture(toks []dtok, lo, i, j, hi int) bool {
	if j >= hi || toks[j].w != "with" || i == lo {
		return false
	}
	for k := i - 1; k >= lo && k >= i-3; k-- {
		switch toks[k].w {
		case "50-50", "50/50", "equal", "jointly-owned", "jointly", "new", "shared", "equally-owned", "equally":
			return true
		}
	}
	return false
}

// soldBusiness reports whether what is sold between from and to names a
// business or a holding ("its chip unit", "its stake", "the assets", "the
// company", "its Swiss subsidiary"), not products ("its chips").
func soldBusiness(toks []dtok, from, to int) bool {
	for k := from; k < to; k++ {
		w := toks[k].w
		if assetNouns[w] || stakeNouns[w] || businessNouns[w] || unitNouns[w] || w == "it" || w == "itself" || w == "them" {
			return true
		}
	}
	return false
}

// modalAfter reports whether the company e is followed shortly by a
// modal that makes its clause a guess: "X would be able to", "X could".
func modalAfter(toks []dtok, e, hi int) bool {
	for k := range toks[:hi] {
		if toks[k].ent != e {
			continue
		}
		for q := k + 1; q < hi && q <= k+2; q++ {
			switch toks[q].w {
			case "would", "could", "might", "may":
				return true
			}
		}
	}
	return false
}

// ownStake returns the index of the stake noun when the entity at k owns
// it ("Safeway's 20 pct holding"), else -1.
func ownStake(toks []dtok, k, hi int) int {
	// "to take over Zyxo stake in Orbital Motors": a headline drops
	// the possessive; a stake "in" another company is still the holder's.
	if k+2 < hi && (toks[k+1].w == "stake" || toks[k+1].w == "holding" || toks[k+1].w == "interest") && toks[k+2].w == "in" {
		return k + 1
	}
	if k+2 >= hi || toks[k+1].w != "'s" {
		return -1
	}
	for n := k + 2; n < hi && n <= k+5; n++ {
		if w := toks[n].w; w == "stake" || w == "holding" || w == "interest" || w == "shares" || w == "stakes" {
			return n
		}
		if toks[n].ent >= 0 {
			return -1
		}
	}
	return -1
}

// businessNouns name what is bought when a company name modifies them.
var businessNouns = setOf("unit", "units", "division", "subsidiary", "business", "businesses", "operations", "assets", "team", "studio",
	"group", "stake", "shares", "stock", "holding", "interest", "common", "preferred", "affiliate", "company", "corp", "inc", "plc", "ltd")

// productModifier reports whether the entity at k modifies a following
// common noun that is not a business ("Equatorial master earth stations").
func productModifier(toks []dtok, k, hi int) bool {
	if k+1 >= hi {
		return false
	}
	// Only plural nouns: "Chrysler cars", not "the Feedwell website".
	n := toks[k+1]
	return n.ent < 0 && isWordLike(n.w) && !n.cap && !businessNouns[n.w] && !groupStop[n.w] && !prepositions[n.w] &&
		len(n.w) > 3 && strings.HasSuffix(n.w, "s") && !strings.HasSuffix(n.w, "ss")
}

// notInvestmentDeal are nouns that "investment" qualifies without naming
// a deal.
var notInvestmentDeal = setOf("losses", "loss", "gains", "gain", "income", "banking", "banker", "bankers", "bank", "portfolio",
	"portfolios", "adviser", "advisers", "advisor", "management", "manager", "managers", "tax", "credit", "credits", "spending", "grade", "trust", "fund", "funds")

// bidReceived are verbs whose subject is the company a bid is made for.
var bidReceived = setOf("reject", "rejects", "rejected", "receive", "receives", "received", "gets", "got", "accept", "accepts", "accepted",
	"considers", "considering", "studying", "studies", "opposes", "opposed", "welcomed", "welcomes", "spurned", "rebuffed", "rebuffs")

// assetOfAhead reports whether "operations of X" (an asset noun, "of"
// and a company) follows within a few tokens of k, with no clause
// boundary between: "acquired the Wallaceburg, Ontario, can making
// operations of X".
func assetOfAhead(toks []dtok, k, hi int) bool {
	for q := k + 1; q+2 < hi && q < k+8; q++ {
		if subjStop[toks[q].w] || toks[q].ent >= 0 {
			return false
		}
		if assetNouns[toks[q].w] && toks[q+1].w == "of" && toks[q+2].ent >= 0 {
			return true
		}
	}
	return false
}

// assetNouns are parts of a business: selling them is an acquisition, not
// a supply of goods.
var assetNouns = setOf("unit", "units", "business", "businesses", "division", "divisions", "assets", "operations", "subsidiary", "subsidiaries",
	"company", "companies", "offices", "branches", "stores", "stations", "plants", "mills", "properties", "restaurants", "hotels", "banks", "firms", "outlets", "newspapers",
	"plant", "mill", "sawmill", "sawmills", "refinery", "refineries", "factory", "factories", "mine", "mines", "timberland", "station", "newspaper", "hotel", "franchises", "interests")

// goodsBought reports whether the object of a purchase is a quantity of
// goods ("10 A320 aircraft"), not a business.
func goodsBought(toks []dtok, from, to int) bool {
	for k := from; k < to; k++ {
		w := toks[k].w
		if stakeNouns[w] || assetNouns[w] {
			return false
		}
		// "seven cable television systems": a business, not equipment.
		if (w == "systems" || w == "system") && k > from && (toks[k-1].w == "cable" || toks[k-1].w == "television" || toks[k-1].w == "tv") {
			return false
		}
	}
	for k := from; k < to; k++ {
		if toks[k].ent >= 0 {
			return false // a named company is a business, not goods
		}
	}
	// A count of things ("36 planes", "10 aircraft"), not a sum ("for
	// 210 mln dlrs") or a share of something ("51 pct").
	for k := from; k+1 < to; k++ {
		if n := toks[k+1].w; isNum(toks[k].w) && n != "" && isLetter(n[0]) && !moneyWords[n] && !sumWords[n] || countWords[toks[k].w] && goodsNouns[n] {
			return true
		}
	}
	return false
}

// countWords count things in words; with one of goodsNouns after them
// ("three tankers") they are goods, not a business ("two cosmetics
// labels", "eight retirement centers").
var countWords = setOf("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen")

// goodsNouns are things bought and sold as goods.
var goodsNouns = setOf("tankers", "ships", "vessels", "aircraft", "planes", "jets", "airliners", "helicopters", "satellites",
	"locomotives", "trucks", "buses", "rigs", "computers", "machines", "reactors", "turbines")

// sumWords follow a number that is no count of goods.
var sumWords = setOf("dlrs", "dollars", "stg", "pounds", "euros", "yen", "marks", "francs", "crowns", "pct", "percent", "per", "cent", "shares", "pence", "cents")

// beforeHas reports whether one of words occurs in the 3 tokens before i.
func beforeHas(toks []dtok, lo, i int, words ...string) bool {
	for k := i - 1; k >= lo && k >= i-3; k-- {
		for _, w := range words {
			if toks[k].w == w {
				return true
			}
		}
	}
	return false
}

func (c *dealContext) acquireNoun(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	w := toks[i].w
	// "will exclusively offer 50 titles", "to offer its tools": the verb
	// of providing, no bid.
	if w == "offer" && offerToProvide(toks, i, hi) {
		return nil
	}
	// "X should now bid for the balance of Y": advice, no bid.
	if (w == "bid" || w == "offer") && adviceBefore(toks, lo, i) {
		return nil
	}
	// "a share offer" is an issue of shares; "46 dlrs a share acquisition
	// proposal" is a price.
	if i > lo && !(toks[i-1].w == "share" && i-3 >= lo && toks[i-2].w == "a" && isLetters(toks[i-3].w) && currencies[toks[i-3].w] != "") {
		switch toks[i-1].w {
		case "settlement", "exchange", "debt", "rights", "share", "public", "secondary", "stock", "debenture", "notes":
			return nil
		}
	}
	// "the brewing company's bid": the bidder is a phrase we cannot name.
	for k := i - 1; k > lo && k >= i-4; k-- {
		if toks[k].w == "'s" && toks[k-1].ent < 0 && !(toks[k-1].w == "company" && k-2 >= lo && toks[k-2].w == "the") {
			if by, _ := prepEntity(toks, j, hi, 8, "by", "from"); by < 0 {
				return nil
			}
		}
		if toks[k].ent >= 0 {
			break
		}
	}
	if w == "proposal" {
		// "a takeover proposal", "a merger proposal for X", "a proposal
		// for X": only a proposal to take a company over ("a proposal
		// from X to restructure its debt" is none).
		if !(j < hi && toks[j].w == "for") && !(i > lo && takeoverModifiers[toks[i-1].w]) {
			return nil
		}
		w = "offer"
	}
	if w == "offer" || w == "bid" || w == "bids" {
		// Only takeover offers: "offer for X", "bid for X", "X's bid",
		// "takeover/tender offer", "bid from X".
		forEnt, _ := prepEntity(toks, j, hi, 8, "for")
		if forEnt < 0 && namedBid(toks, lo, i) {
			forEnt = toks[i-1].ent
		}
		if !(j < hi && (toks[j].w == "for" || toks[j].w == "to" || toks[j].w == "from" || toks[j].w == "by")) &&
			!(i > lo && (toks[i-1].w == "takeover" || toks[i-1].w == "tender" || toks[i-1].w == "cash" || toks[i-1].w == "'s" || toks[i-1].w == "buyout")) && forEnt < 0 {
			return nil
		}
		if j < hi && toks[j].w == "to" && !(j+1 < hi && (toks[j+1].w == "acquire" || toks[j+1].w == "buy" || toks[j+1].w == "purchase")) {
			return nil
		}
		if j < hi && toks[j].w == "to" {
			return nil // the verb after "to" is a trigger of its own
		}
	}
	if w == "purchase" && j < hi && toks[j].w != "of" && !(i > lo && toks[i-1].w == "'s") && modifier(toks, lo, i) < 0 {
		return nil
	}
	buyer, target := -1, -1
	// "a bid from X" names the bidder; "a purchase from X" the seller.
	by := -1
	if w == "offer" || w == "bid" || w == "bids" || w == "counterbid" || w == "counter-bid" {
		by, _ = prepEntity(toks, j, hi, 8, "by", "from")
	} else {
		// "the regulator approved the acquisition of Y, a savings
		// association of Ohio, by X": the buyer may come after a long
		// aside when a third party approves or blocks the deal.
		window := 12
		if approvedNoun(toks, lo, i) {
			window = 22
		}
		by, _ = prepEntity(toks, j, hi, window, "by")
	}
	if by < 0 && (w == "buyout" || w == "buy-out") {
		// "X may complete a leveraged buyout agreement with Y": Y buys X.
		by, _ = prepEntity(toks, j, hi, 4, "with")
	}
	of, _ := prepEntity(toks, j, hi, 3, "of", "for")
	// "the purchase of 10 Zyxo Corp MD82 aircraft": goods a maker's name
	// describes, no company bought.
	if of >= 0 && j+2 < hi && (toks[j].w == "of" || toks[j].w == "for") && isNum(toks[j+1].w) && toks[j+2].ent == of {
		e := j + 2
		for e < hi && toks[e].ent == of {
			e++
		}
		if e >= hi || !stakeNouns[toks[e].w] && toks[e].w != "stock" && toks[e].w != "common" && toks[e].w != "preferred" {
			return nil // but "a tender offer for 500,000 Zyxo shares" is for shares
		}
	}
	if of < 0 && j < hi && toks[j].w == "of" {
		// "the acquisition of the container fleet and assets of X".
		of, _ = prepEntity(toks, j+1, hi, 10, "of")
	}
	if of < 0 && (w == "offer" || w == "bid") {
		of, _ = prepEntity(toks, j, hi, 8, "for")
	}
	if of < 0 && (w == "offer" || w == "bid" || w == "bids") && j < hi && toks[j].w == "for" {
		of = sharesOf(toks, j+1, hi)
	}
	if of < 0 && j+2 < hi && (toks[j].w == "of" || toks[j].w == "for") && toks[j+1].w == "the" && toks[j+2].w == "company" && !(j+3 < hi && (toks[j+3].w == "'s" || toks[j+3].w == "of")) {
		// "X said Y completed its acquisition of the company": X.
		of = speakerObject(toks, lo, j+1, hi, -1)
	}
	poss := possessor(toks, lo, i)
	// "X said it affirmed Y's debt following its purchase of Z": in
	// a rating agency's words "its" is the rated company, which the
	// clause's first actor is not.
	if poss < 0 && of >= 0 && !ratingWords(toks) {
		// "X said ... its previously announced acquisition of Y": the
		// pronoun stands for the clause's first actor.
		for k := i - 1; k >= lo && k >= i-4; k-- {
			if toks[k].ent >= 0 || toks[k].w == "," {
				break
			}
			// "the company's proposed acquisition" is the same pronoun.
			if toks[k].w == "its" || toks[k].w == "'s" && k-2 >= lo && toks[k-1].w == "company" && toks[k-2].w == "the" {
				// "Y marks Zyxo's second acquisition since its purchase
				// of Z": the owner of the deal told before is "its".
				if q := dealOwnerBefore(toks, lo, k); q >= 0 && toks[q].ent != of {
					poss = toks[q].ent
					break
				}
				for q := lo; q < k; q++ {
					if toks[q].ent >= 0 && !isObject(toks, lo, q) && toks[q].ent != of {
						poss = toks[q].ent
						break
					}
				}
				if poss < 0 && toks[k].w == "its" {
					poss = frontedOwner(toks, lo, j, hi, of)
				}
				break
			}
			// "Following the takeover of anti-spyware firm Y, X said":
			// a purchase told before the subject is the subject's.
			if toks[k].w == "the" && k == i-1 && of >= 0 && lo == 0 && inFrontedPhrase(toks, lo, i) {
				poss = frontedOwner(toks, lo, j, hi, of)
				break
			}
		}
	}
	switch {
	case by >= 0:
		buyer = by
		switch {
		case of >= 0:
			target = of
		case poss >= 0:
			target = poss
		default:
			// "The board of X rejected a bid from Y", but in "an offer
			// from Z in light of a competing bid from Y" Z bids too.
			for k := i - 1; k >= lo; k-- {
				if toks[k].ent >= 0 && toks[k].ent != by && !bidderAt(toks, lo, k) {
					target = toks[k].ent
					break
				}
			}
		}
	case poss >= 0:
		buyer = poss
		target = of
		if target < 0 {
			target = modifier(toks, lo, i)
		}
		// "X's planned purchase of its former partner's plant": the
		// object is named and no company; nobody else is the target.
		if target < 0 && j < hi && toks[j].w == "of" && w != "offer" && w != "bid" && w != "bids" {
			return nil
		}
		if target < 0 || target == buyer {
			// "Vintara said Carrow's takeover offer was inadequate".
			target = -1
			for k := i - 1; k >= lo; k-- {
				if toks[k].ent >= 0 && toks[k].ent != buyer && !isObject(toks, lo, k) {
					target = toks[k].ent
					break
				}
			}
		}
	default:
		target = of
		before := i
		if target < 0 {
			target = modifier(toks, lo, i)
			if target >= 0 {
				// "X completes the Y purchase": the subject comes before Y.
				for before > lo && toks[before-1].ent != target {
					before--
				}
				before--
			}
		}
		if sg := subjectGroup(toks, lo, max(before, lo)); len(sg) > 0 {
			buyer = sg[0]
			if buyer == target && len(sg) > 1 {
				buyer = sg[1]
			}
		}
		// "X rejected a Y takeover bid": the company that receives a bid
		// is its target, the name on the bid the bidder.
		if of < 0 && target >= 0 && (w == "offer" || w == "bid" || w == "bids" || w == "proposal" || w == "takeover" || w == "tender") {
			for k := lo; k < i; k++ {
				if bidReceived[toks[k].w] {
					buyer, target = target, buyer
					break
				}
			}
		}
	}
	if buyer < 0 || target < 0 || buyer == target {
		return nil
	}
	// "the purchase of a stake in X by Y" is an investment; a tender
	// offer for X's shares bids for X unless it states a minority.
	typ := partnergraph.Acquisition
	roles := [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	if stake, control := objectHasStake(toks, j, min(hi, j+6)); stake && !control && !(tenderOffer(toks, i) && !minorityStated(toks, j, min(hi, j+14))) {
		typ = partnergraph.Investment
		roles = [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, typ)
	if !ok {
		return nil
	}
	m.parties = []dparty{{s.ents[buyer].name, roles[0]}, {s.ents[target].name, roles[1]}}
	m.conf -= 0.05
	return []dmention{c.finish(s, m, []int{buyer, target})}
}

// received handles "X will receive N dlrs for Z from Y" and "X received N
// dlrs for its unit from Y": Y buys Z, or buys X's unnamed unit (X stands
// in for it). Money received from a company for anything else (a loan, a
// settlement) has no "for" and is no deal.
func (c *dealContext) received(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	forAt := -1
	for k := j; k < hi && k < j+8; k++ {
		if toks[k].w == "for" {
			forAt = k
			break
		}
		if toks[k].ent >= 0 || subjStop[toks[k].w] {
			return nil
		}
	}
	if forAt < 0 {
		return nil
	}
	target, unit, fromAt := -1, false, -1
	for k := forAt + 1; k < hi && k < forAt+10; k++ {
		if toks[k].w == "from" {
			fromAt = k
			break
		}
		if toks[k].ent >= 0 && target < 0 {
			target = toks[k].ent
		}
		switch toks[k].w {
		case "business", "businesses", "unit", "division", "operations", "assets", "subsidiary", "stake", "interest", "shares", "plant", "units":
			unit = true
		}
		if subjStop[toks[k].w] || toks[k].w == "," {
			return nil
		}
	}
	if fromAt < 0 {
		return nil
	}
	buyer, _ := entAfter(toks, fromAt+1, hi, 4)
	sg := subjectGroup(toks, lo, i)
	if target < 0 && unit && len(sg) > 0 {
		target = sg[0]
	}
	if buyer < 0 || target < 0 || buyer == target {
		return nil
	}
	typ := partnergraph.Acquisition
	roles := [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	if stake, control := objectHasStake(toks, forAt, fromAt); stake && !control {
		typ = partnergraph.Investment
		roles = [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	}
	return c.twoPartyMention(s, lo, hi, i, j, t, typ, roles, buyer, target, -0.1)
}

// namedBid reports whether the bid at i is named after a company whose
// side the sentence tells: "X gets a new Y bid" (a bid received: Y bids)
// or "X amends its Y offer" (X bids for Y). A bare "the Y offer" may be
// Y's offer or an offer for Y, and is left alone.
func namedBid(toks []dtok, lo, i int) bool {
	if i-1 <= lo || toks[i-1].ent < 0 {
		return false
	}
	k := i - 1
	for k > lo && toks[k-1].ent == toks[i-1].ent {
		k--
	}
	if k > lo && (toks[k-1].w == "its" || toks[k-1].w == "their" || bidOwnerVerbs[toks[k-1].w]) {
		return true
	}
	for q := lo; q < k; q++ {
		if bidReceived[toks[q].w] {
			return true
		}
	}
	return false
}

// bidOwnerVerbs are done by a bidder to its own bid: "X amends Y offer",
// "X raises Y bid".
var bidOwnerVerbs = setOf("amends", "amended", "raises", "raised", "extends", "extended", "sweetens", "sweetened", "launches", "launched", "increases", "increased", "boosts", "boosted")

// takeoverModifiers make a proposal a takeover bid ("a merger proposal").
var takeoverModifiers = setOf("takeover", "take-over", "merger", "acquisition", "buyout", "buy-out", "tender")

// sharesOf finds the company of "for up to 33 mln shares in Y", "for
// all the outstanding common stock of Y" or "for the 70 pct it does not
// already hold in Y" from position k: words that count or describe
// shares, then "of" or "in" and the name.
func sharesOf(toks []dtok, k, hi int) int {
	shares := false
	for end := min(hi, k+14); k < end; k++ {
		w := toks[k].w
		switch {
		case w == "shares" || w == "stock" || w == "pct" || w == "percent" || w == "%":
			shares = true
		case (w == "of" || w == "in") && shares:
			if k+1 < hi && toks[k+1].ent >= 0 {
				return toks[k+1].ent
			}
			if k+2 < hi && toks[k+1].w == "the" && toks[k+2].ent >= 0 {
				return toks[k+2].ent
			}
			return -1
		case isNum(w) || numberWords[w] > 0 || shareWords[w]:
		case shares && notHeldWords[w]:
			// "for the 70 pct it does not already hold in Y": the rest
			// of Y.
		default:
			return -1
		}
	}
	return -1
}

// notHeldWords tell, after a share of a company, that the bidder does
// not hold it yet: "the 70 pct (that) it does not already hold in Y".
var notHeldWords = setOf("it", "that", "does", "did", "not", "n't", "already", "hold", "own", "control")

// shareWords may stand between "for" and the shares an offer is for.
var shareWords = setOf("up", "to", "all", "the", "of", "remaining", "outstanding", "common", "class", "a", "b", "mln", "million", "billion", "ordinary", "preferred", "its", "about", "approximately", "another", "additional")

func (c *dealContext) sell(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	buyer, at := prepEntity(toks, j, hi, 30, "to")
	if buyer < 0 && !t.verb {
		buyer, at = saleCounterparty(toks, lo, i), j
	}
	if buyer < 0 && t.verb && j+1 < hi && toks[j].ent >= 0 && (toks[j+1].w == "its" || toks[j+1].w == "their") {
		// "agreed to sell Y its cable system": Y is the buyer; the thing
		// sold is named after it or is the seller's own.
		buyer, at = toks[j].ent, j+1
		business := false
		for at < hi && at < j+10 && !subjStop[toks[at].w] && !phraseStop[toks[at].w] {
			w := toks[at].w
			business = business || toks[at].ent >= 0 || assetNouns[w] || stakeNouns[w] || (w == "system" || w == "systems") && (toks[at-1].w == "cable" || toks[at-1].w == "television")
			at++
		}
		if !business {
			return nil // "sell Y its new printers": goods, told elsewhere
		}
	}
	if buyer < 0 {
		return nil
	}
	// "600 mln dlrs of notes which were sold to Y", "sold debentures to
	// Y": a financing, not a sale of a business.
	if t.verb && debtAntecedent(toks, lo, i) || debtBought(toks, j, at) {
		return nil
	}
	target := -1
	// The thing sold: an entity between the verb and "to". Rights or
	// products of a company ("the streaming rights for X games") are not
	// the company itself.
	for k := j; k < at; k++ {
		if toks[k].w == "rights" {
			return nil
		}
		if toks[k].ent >= 0 && toks[k].ent != buyer {
			if productModifier(toks, k, at) && !assetNouns[toks[k+1].w] {
				return nil
			}
			// "sold Yukos' main production arm, Yugansk, to Rosneft".
			if u := namedUnit(toks, k, at); u >= 0 && toks[u].ent != buyer {
				k = u
			}
			target = toks[k].ent
			break
		}
	}
	if target < 0 {
		// "X sells its chips to Y and other phone makers", "the chips it
		// sells to Y": what X sells as its trade, in the present tense,
		// is products, not a part of X ("agreed to sell its smelter to
		// Y" and "sold its store to Y" are sales the seller stands in
		// for).
		if (toks[i].w == "sells" || toks[i].w == "selling" && !beforeHas(toks, lo, i, "is", "are", "was", "were")) && !soldBusiness(toks, j, at) {
			return nil
		}
		// "X sold its unit to Y": the seller stands in for the unnamed unit;
		// "X was sold to Y": X is the target.
		if t.verb {
			if sg := subjectGroup(toks, lo, i); len(sg) > 0 {
				target = sg[0]
			}
		} else if of, _ := prepEntity(toks, j, hi, 3, "of"); of >= 0 {
			target = of
		} else if p := possessor(toks, lo, i); p >= 0 {
			target = p
		} else if sg := subjectGroup(toks, lo, i); len(sg) > 0 {
			target = sg[0]
		}
	}
	if target < 0 || target == buyer {
		return nil
	}
	typ := partnergraph.Acquisition
	roles := [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	if stake, control := objectHasStake(toks, j, at); stake && !control {
		typ = partnergraph.Investment
		roles = [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	} else if t.verb && goodsBought(toks, j, at) {
		// "sell three tankers to X": goods supplied, not a business sold.
		typ = partnergraph.Supply
		roles = [2]partnergraph.Role{partnergraph.RoleCustomer, partnergraph.RoleSupplier}
	}
	return c.twoPartyMention(s, lo, hi, i, j, t, typ, roles, buyer, target, 0)
}

// speakerObject handles "X said Y offered to acquire the company" and "X
// said Y has acquired 5.2 pct of its common stock": an object that is
// "the company", or a stake in "its" stock, stands for X, the company
// that speaks at the start of the clause (and is not the buyer). It
// returns -1 otherwise.
func speakerObject(toks []dtok, lo, j, hi, buyer int) int {
	speaker := -1
	for k := lo; k+1 < j && k < lo+4; k++ {
		if toks[k].ent >= 0 {
			if w := toks[k+1].w; w == "said" || w == "says" || w == "announced" || w == "disclosed" {
				speaker = toks[k].ent
			}
			break
		}
	}
	if speaker < 0 || speaker == buyer {
		return -1
	}
	if j < hi && toks[j].w == "it" {
		return speaker // "X said Y agreed to acquire it"
	}
	for k := j; k < hi && k < j+8; k++ {
		switch w := toks[k].w; {
		case w == "company" && toks[k-1].w == "the" && !(k+1 < hi && (toks[k+1].w == "'s" || toks[k+1].w == "of")):
			return speaker
		case w == "its" && k+1 < hi && (stakeNouns[toks[k+1].w] || toks[k+1].w == "common" || toks[k+1].w == "stock" || toks[k+1].w == "outstanding"):
			return speaker
		case toks[k].ent >= 0 || subjStop[w] || w == "," || phraseStop[w] && w != "to":
			return -1
		}
	}
	return -1
}

// ownsAsset reports whether a business asset follows a possessive at k
// ("Eastern Gas's coal properties", "X's cable unit"): the owner then
// stands in for the asset.
func ownsAsset(toks []dtok, k, hi int) bool {
	for q := k; q < hi && q < k+3; q++ {
		if assetNouns[toks[q].w] {
			return true
		}
		if toks[q].ent >= 0 || !isLetter(toks[q].w[0]) {
			return false
		}
	}
	return false
}

// priceAside reports whether the comma at k closes a price put before the
// object ("to acquire for about 3.5 mln dlrs, a majority of Y").
func priceAside(toks []dtok, j, k int) bool {
	if k-1 <= j || toks[j].w != "for" {
		return false
	}
	_, ok := currencies[toks[k-1].w]
	return ok && isLetters(toks[k-1].w)
}

// considerWords weigh something; before a bid already made they are no
// hedge.
var considerWords = setOf("consider", "considers", "considering", "mulling", "mull", "mulls")

// existingBid reports whether the words from the hedge at k to the
// trigger at i name a bid already made: the trigger is an offer, bid or
// proposal, and a definite article or a possessive ("the", "its",
// "Chrysler Corp's") comes before it, no "a" or "an".
func existingBid(toks []dtok, k, i int) bool {
	switch toks[i].w {
	case "offer", "bid", "bids", "proposal", "tender":
	default:
		return false
	}
	definite := false
	for q := k + 1; q < i; q++ {
		switch w := toks[q].w; {
		case w == "a" || w == "an" || w == "any" || w == "possible" || w == "potential" || w == "making" || w == "make":
			return false
		case w == "the" || w == "its" || w == "their" || w == "'s" || toks[q].poss:
			definite = true
		}
	}
	return definite
}

// fromUnitOf reports whether the entity at k ends "from a unit of X" or
// "from the Food Prep division of X" (within six words of "from").
func fromUnitOf(toks []dtok, j, k int) bool {
	if k-2 < j || toks[k-1].w != "of" {
		return false
	}
	switch toks[k-2].w {
	case "unit", "division", "subsidiary", "affiliate", "units", "divisions", "subsidiaries":
	default:
		return false
	}
	for q := k - 3; q >= j && q >= k-8; q-- {
		if toks[q].w == "from" {
			return true
		}
		if toks[q].ent >= 0 || phraseStop[toks[q].w] || subjStop[toks[q].w] {
			return false
		}
	}
	return false
}

// groupActors are participles after which "by" names who stands behind a
// group or company ("a group led by X", "a company formed by X").
var groupActors = setOf("led", "headed", "formed", "owned", "controlled", "created", "organized", "organised", "managed")

// groupBetween reports whether a group of investors is named between lo
// and hi ("a group of investors", "a consortium").
func groupBetween(toks []dtok, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if groupNouns[toks[k].w] {
			return true
		}
	}
	return false
}

// nameAhead returns the first entity within max tokens from k, stopping
// at a clause or another phrase.
func nameAhead(toks []dtok, k, hi, max int) (int, int) {
	for q := k; q < hi && q < k+max; q++ {
		if toks[q].ent >= 0 {
			return toks[q].ent, q
		}
		if subjStop[toks[q].w] || phraseStop[toks[q].w] || toks[q].w == "," || toks[q].w == "(" {
			return -1, -1
		}
	}
	return -1, -1
}

// groupNouns name a group of investors that a company can lead.
var groupNouns = setOf("group", "consortium", "syndicate", "partnership", "investors")

// saleCounterparty finds the buyer of "X signed a letter of intent with Y
// for the sale of its unit": the company an agreement is made with, when
// the agreement is "for the sale". It returns -1 otherwise.
func saleCounterparty(toks []dtok, lo, i int) int {
	if i-2 < lo || toks[i-1].w != "the" || toks[i-2].w != "for" {
		return -1
	}
	for k := i - 3; k >= lo && k >= i-18; k-- {
		if toks[k].w != "with" {
			continue
		}
		agreed := false
		for q := max(lo, k-5); q < k; q++ {
			switch toks[q].w {
			case "agreement", "intent", "contract", "accord", "deal", "pact", "agreed", "signed":
				agreed = true
			}
		}
		if !agreed {
			return -1
		}
		e, _ := entAfter(toks, k+1, i, 3)
		return e
	}
	return -1
}

// symmetric handles deals whose parties are equals: mergers, joint ventures
// and partnerships. "X and Y formed a P", "X P with Y", "P between X and Y",
// "X-Y P". One subject partnering with several others ("X partners with
// A, B and C") gives one deal per pair.
func (c *dealContext) symmetric(s *dsent, lo, hi, i, j int, t dtrigger, typ partnergraph.DealType) []dmention {
	toks := s.toks
	if typ == partnergraph.Partnership && (jobPartner(toks, lo, i) || coInvestors(toks, j, hi)) {
		return nil
	}
	// "a 12 pct interest in the general partnership of X", "a limited
	// partnership sponsored by Y": a form of business, no alliance.
	if typ == partnergraph.Partnership && i > lo && (toks[i-1].w == "general" || toks[i-1].w == "limited" || toks[i-1].w == "master") {
		return nil
	}
	var left, right []int
	prep := -1
	for k := j; k < hi && k < j+3; k++ {
		if w := toks[k].w; w == "between" || w == "among" || w == "of" && typ != partnergraph.Partnership {
			prep = k
			break
		}
	}
	var at int
	if prep >= 0 {
		_, at = entAfter(toks, prep+1, hi, 4)
		// "a merger between the two groups": the two companies named.
		if at < 0 && pairNoun(toks, prep+1, min(hi, prep+4)) && len(s.ents) == 2 {
			m, ok := c.newMention(s, lo, hi, i, j, t, typ)
			if !ok {
				return nil
			}
			if typ == partnergraph.Merger && t.past && m.status == "" && !beforeHas(toks, lo, i, "will", "would", "to", "shall") {
				m.status = partnergraph.Completed
			}
			m.parties = []dparty{{s.ents[0].name, partnergraph.RolePartner}, {s.ents[1].name, partnergraph.RolePartner}}
			return []dmention{c.finish(s, m, []int{0, 1})}
		}
	}
	if prep >= 0 && at >= 0 {
		right = partyGroup(toks, at, hi)
		// "the merger of its X unit and Y": the unit merges with Y, not
		// the company that owns it.
		if len(right) == 1 && at > 0 && toks[at-1].w == "its" && at+3 < hi && unitNouns[toks[at+1].w] &&
			(toks[at+2].w == "and" || toks[at+2].w == "with") && toks[at+3].ent >= 0 && toks[at+3].ent != toks[at].ent {
			right = append(right, toks[at+3].ent)
		}
		if len(right) < 2 {
			left = subjectGroup(toks, lo, i)
		}
	} else {
		if g := modifierGroup(toks, lo, i); len(g) >= 2 {
			left = g
		} else {
			left = subjectGroup(toks, lo, i)
			if p := possessor(toks, lo, i); p >= 0 && len(left) == 0 {
				left = []int{p}
			}
		}
		at := -1
		if typ == partnergraph.Merger && t.verb && mergesThings(toks, j, hi) {
			return nil
		}
		if toks[j-1].w == "with" {
			_, at = entAfter(toks, j, hi, 6)
		} else {
			_, at = prepEntity(toks, j, hi, 8, "with", "into", "and")
		}
		if at >= 0 {
			right = partyGroup(toks, at, hi)
			// "X expects to merge with a wholly-owned subsidiary of Y":
			// Y takes X over (convention 4).
			if typ == partnergraph.Merger && len(left) == 1 && len(right) == 1 && subsidiaryOf(toks, j, at) && left[0] != right[0] {
				return c.twoPartyMention(s, lo, hi, i, j, t, partnergraph.Acquisition,
					[2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}, right[0], left[0], 0)
			}
			// "In partnership with A, B and C, D will ...": the list closed
			// by "and" and then a comma names the subject last.
			if len(left) == 0 && len(right) > 2 && i-lo <= 2 {
				if d := frontedSubject(toks, at, hi, right); d >= 0 {
					left = []int{d}
					right = right[:len(right)-1]
				}
			}
		}
		// "Shortly after announcing a partnership with X to deploy
		// cars, Y revealed ...": the subject after the fronted phrase.
		if len(left) == 0 && len(right) == 1 {
			if f := frontedOwner(toks, lo, j, hi, right[0]); f >= 0 {
				left = []int{f}
			}
		}
		// "Partnering with X and Y will help us": X and Y are partners
		// of an unnamed speaker, not of each other. But in "In
		// partnership with X, Y will ..." the name after the comma is the
		// subject.
		if len(left) == 0 && len(right) > 1 && !(len(right) == 2 && commaJoined(toks, at, hi)) {
			return nil
		}
	}
	// "a partnership network with agencies like A and B", "partners with
	// retailers such as A": partners given as examples (convention 14).
	if typ == partnergraph.Partnership && len(right) > 0 {
		for _, r := range right[:1] {
			for k := j; k < hi && k < j+12 && toks[k].ent != r; k++ {
				if toks[k].w == "like" || toks[k].w == "such" && k+1 < hi && toks[k+1].w == "as" || toks[k].w == "including" {
					return nil
				}
			}
		}
	}
	// "Redpoint is excited to partner with Dgraph": an investment firm's
	// words about the startup it funds.
	if typ == partnergraph.Partnership && len(left) == 1 && len(right) == 1 && investorVoice(toks, lo, i) && fundFirm(s.ents[left[0]].name) && !fundFirm(s.ents[right[0]].name) {
		return c.twoPartyMention(s, lo, hi, i, j, t, partnergraph.Investment,
			[2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}, left[0], right[0], 0)
	}
	var pairs [][]int
	switch {
	case len(left) == 1 && len(right) > 1:
		for _, r := range right {
			if r != left[0] {
				pairs = append(pairs, []int{left[0], r})
			}
		}
	default:
		all := append([]int(nil), left...)
		for _, r := range right {
			all = appendInt(all, r)
		}
		if len(all) >= 2 {
			pairs = append(pairs, all)
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, typ)
	if !ok {
		return nil
	}
	if typ == partnergraph.Merger && t.past && m.status == "" && !beforeHas(toks, lo, i, "will", "would", "to", "shall") {
		// "merged with Y" is done; "will now be merged with Y" is not.
		m.status = partnergraph.Completed
	}
	var out []dmention
	for _, p := range pairs {
		mm := m
		mm.parties = nil
		for _, e := range p {
			mm.parties = append(mm.parties, dparty{s.ents[e].name, partnergraph.RolePartner})
		}
		out = append(out, c.finish(s, mm, p))
	}
	return out
}

func (c *dealContext) invest(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	// "investment losses", "investment banking": a kind of thing, not a
	// deal.
	if j < hi && notInvestmentDeal[toks[j].w] {
		return nil
	}
	// "Baidu is heavily invested in AI": committed to, not a stake.
	if i > lo && (toks[i-1].w == "heavily" || toks[i-1].w == "deeply" || toks[i].w == "invested" && (toks[i-1].w == "is" || toks[i-1].w == "are")) {
		return nil
	}
	// "X has a long history of investments, having recently invested in
	// A, B and C": a portfolio told as background (convention 12).
	if toks[i].w == "invested" && (i > lo && toks[i-1].w == "having" || i-1 > lo && toks[i-2].w == "having" && strings.HasSuffix(toks[i-1].w, "ly")) {
		return nil
	}
	// "pumped $2bn into Y": money poured into a company, never effort
	// ("poured years of work into the chips it sells to Y").
	if w := toks[i].w; !strings.HasPrefix(w, "invest") {
		k := j
		for k < hi && k < j+8 && toks[k].w != "into" {
			k++
		}
		if k >= hi || k >= j+8 || k+1 >= hi || toks[k+1].ent < 0 || !moneyNear(toks, i) {
			return nil
		}
	}
	investor, investee := -1, -1
	if in, at := prepEntity(toks, j, hi, 10, "in", "into"); in >= 0 && !ownsOther(toks, at, hi) {
		investee = in
		// "has invested in such startups as Y", "in firms like Y":
		// a portfolio given as examples (convention 14).
		for k := j; k < at; k++ {
			if toks[k].w == "like" || toks[k].w == "including" || toks[k].w == "such" && k+1 < at && toks[k+1].w == "as" || toks[k].w == "as" && k > j && toks[k-1].w != "such" && slices.ContainsFunc(toks[j:k], func(t dtok) bool { return t.w == "such" }) {
				return nil
			}
		}
	}
	if by, _ := prepEntity(toks, j, hi, 10, "by", "from"); by >= 0 {
		investor = by
		if investee < 0 && receives(toks, lo, i) {
			if sg := subjectGroup(toks, lo, i); len(sg) > 0 {
				investee = sg[0]
			}
		}
	}
	if investor < 0 {
		if p := possessor(toks, lo, i); p >= 0 {
			investor = p
		} else if sg := subjectGroup(toks, lo, i); len(sg) > 0 {
			investor = sg[0]
		}
	}
	if investor < 0 || investee < 0 || investor == investee {
		return nil
	}
	typ := partnergraph.Investment
	roles := [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	// "made a majority investment in Y": a controlling stake is an
	// acquisition.
	if _, control := objectHasStake(toks, j, hi); control || i > lo && (toks[i-1].w == "majority" || toks[i-1].w == "controlling") {
		typ = partnergraph.Acquisition
		roles = [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	}
	return c.twoPartyMention(s, lo, hi, i, j, t, typ, roles, investor, investee, 0)
}

// pay handles "X will pay 630 mln dlrs for the business of Y" and "X
// paid $5 million for Y": an acquisition when a sum of money is paid for a
// named company or its business (shares or a stake make it an investment).
func (c *dealContext) pay(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	if v, _ := moneyValue(toks, j, min(hi, j+6), j); v == nil {
		return nil
	}
	if w := toks[i].w; w == "receive" || w == "receives" || w == "receiving" || w == "received" {
		return c.received(s, lo, hi, i, j, t)
	}
	forAt := -1
	for k := j; k < hi && k < j+12; k++ {
		if toks[k].w == "for" {
			forAt = k
			break
		}
	}
	if forAt < 0 {
		return nil
	}
	target, at := entAfter(toks, forAt+1, hi, 3)
	if target < 0 {
		// "for the European corn milling business of Y", "for 38 mln
		// shares in Y".
		if target, at = prepEntity(toks, forAt+1, hi, 10, "of", "in"); target < 0 {
			return nil
		}
		business := false
		for k := forAt; k < at; k++ {
			switch toks[k].w {
			case "business", "businesses", "unit", "division", "operations", "assets", "subsidiary", "shares", "stake", "interest", "stock", "pct", "percent", "%":
				business = true
			}
		}
		if !business {
			return nil
		}
	}
	sg := subjectGroup(toks, lo, i)
	if len(sg) == 0 || sg[0] == target {
		return nil
	}
	// "pay N for Renault's stake", "for Renault share interests": whose
	// shares these are is not said here.
	if at+1 < hi && (toks[at+1].w == "'s" || toks[at+1].w == "share" || toks[at+1].w == "shares" || toks[at+1].w == "stake" || toks[at+1].w == "interests" || toks[at+1].w == "holding") {
		return nil
	}
	typ := partnergraph.Acquisition
	roles := [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	// "for the ordinary shares of Y", "for all Y shares": the whole
	// company, not a stake.
	whole := forAt+1 < at && (toks[forAt+1].w == "the" || toks[forAt+1].w == "all")
	for k := forAt + 1; k < at; k++ {
		if isNum(toks[k].w) || toks[k].w == "pct" || toks[k].w == "percent" || toks[k].w == "%" || toks[k].w == "stake" {
			whole = false
		}
	}
	if stake, control := objectHasStake(toks, forAt, at); stake && !control && !whole {
		typ = partnergraph.Investment
		roles = [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	}
	return c.twoPartyMention(s, lo, hi, i, j, t, typ, roles, sg[0], target, -0.1)
}

// unitOf handles "X will become a subsidiary of Y" and "... making X a
// wholly owned unit of Y": Y acquires X.
func (c *dealContext) unitOf(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	verbAt := -1
	for k := i - 1; k >= lo && k >= i-7; k-- {
		switch toks[k].w {
		case "become", "becomes", "became", "becoming", "make", "makes", "making", "made":
			verbAt = k
		}
		if verbAt >= 0 {
			break
		}
	}
	if toks[i].w == "part" {
		// "X became part of Y", "X is now part of Y": nothing between.
		if i == lo || verbAt != i-1 && toks[i-1].w != "now" {
			return nil
		}
		if toks[i-1].w == "now" {
			verbAt = i - 1
		}
	}
	if verbAt < 0 || j >= hi || toks[j].w != "of" {
		return nil
	}
	buyer, bat := entAfter(toks, j+1, hi, 3)
	// "will become part of Nokia's Fixed Networks group": a unit of the
	// buyer, named after it, receives the company; the group is no buyer.
	if toks[i].w == "part" && bat >= 0 {
		n := bat + 1
		for n < hi && toks[n].ent == buyer {
			n++
		}
		if bat > j+1 && (toks[bat-1].w == "'s" || toks[bat-1].ent >= 0) || n < hi && (toks[n].w == "'s" || unitNouns[toks[n].w] || toks[n].w == "group") {
			return nil
		}
	}
	target := -1
	for k := verbAt + 1; k < i; k++ {
		if toks[k].ent >= 0 {
			target = toks[k].ent
			break
		}
	}
	if target < 0 {
		if sg := subjectGroup(toks, lo, verbAt); len(sg) > 0 {
			target = sg[0]
		}
	}
	if buyer < 0 || target < 0 || buyer == target {
		return nil
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, partnergraph.Acquisition)
	if !ok {
		return nil
	}
	switch toks[verbAt].w {
	case "became", "made", "making", "now":
		if m.status == "" || m.status == partnergraph.Announced {
			m.status = partnergraph.Completed
		}
	}
	m.parties = []dparty{{s.ents[buyer].name, partnergraph.RoleBuyer}, {s.ents[target].name, partnergraph.RoleTarget}}
	m.conf -= 0.1
	return []dmention{c.finish(s, m, []int{buyer, target})}
}

// funding handles "Y received a round of funding led by X and Z" and "Y
// raised $N in funding from X": one investment per investor.
func (c *dealContext) funding(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	if out := c.ledRoundIn(s, lo, hi, i, j, t); out != nil {
		return out
	}
	_, at := prepEntity(toks, j, hi, 10, "by", "from")
	if at < 0 {
		return nil
	}
	// "led by European VC firm Atomix": a name that describes the firm
	// named after it.
	if at+2 < hi && isCompanyNoun(toks[at+1].w) && toks[at+2].ent >= 0 && toks[at+2].ent != toks[at].ent {
		at += 2
	}
	// "from investors including Uber CEO Jane Doe": a person of the firm
	// invests, not the firm.
	if at+1 < hi && (jobTitles[toks[at+1].w] || titledAfter(toks, at+1) > 0) {
		return nil
	}
	investors := partyGroup(toks, at, hi)
	// "..., with participation from Y and Z": investors too.
	for k := at; k+2 < hi; k++ {
		if toks[k].w == "participation" && toks[k+1].w == "from" {
			if _, p := entAfter(toks, k+2, hi, 4); p >= 0 {
				for _, e := range partyGroup(toks, p, hi) {
					// "from Zyxo CEO and co-founder Jane Doe": a person
					// of the firm takes part, not the firm.
					if firmPerson(toks, e, p, hi) {
						continue
					}
					// "from Zyxo's ZyxoG": the arm invests, not its
					// parent (convention 13); the funding-round rule
					// reads the arm.
					if q := p; q+1 < hi && toks[q].ent == e && toks[q+1].w == "'s" {
						continue
					}
					investors = appendInt(investors, e)
				}
			}
			break
		}
	}
	if !receives(toks, lo, i) {
		return nil // "X co-led the round": X is an investor, not the investee
	}
	sg := subjectGroup(toks, lo, i)
	if len(sg) == 0 {
		return nil
	}
	investee := sg[0]
	// "with the Zyxo graduate also nabbing $2 million": the name
	// describes the one that raised.
	for k := i - 1; k > lo && k >= i-12; k-- {
		if receiveVerbs[toks[k].w] {
			if nameModifies(toks, investee, k) {
				return nil
			}
			break
		}
	}
	// "Zyxo, the company best known for Quillon, has raised": the name
	// before the aside, not the last one in it.
	for k := i - 1; k >= lo && k >= i-10; k-- {
		if receiveVerbs[toks[k].w] {
			if h, ok := asideHead(toks, k); ok && h >= 0 {
				investee = h
			}
			break
		}
	}
	return c.investorsOf(s, lo, hi, i, j, t, investors, investee)
}

// investorsOf returns one investment of each of investors (entity
// indices) in investee, read at the trigger i: completed unless its
// clause says otherwise, none when the trigger is hedged or negated.
func (c *dealContext) investorsOf(s *dsent, lo, hi, i, j int, t dtrigger, investors []int, investee int) []dmention {
	m, ok := c.newMention(s, lo, hi, i, j, t, partnergraph.Investment)
	if !ok {
		return nil
	}
	if m.status == "" {
		m.status = partnergraph.Completed
	}
	var out []dmention
	for _, inv := range investors {
		if inv == investee {
			continue
		}
		mm := m
		mm.parties = []dparty{{s.ents[inv].name, partnergraph.RoleInvestor}, {s.ents[investee].name, partnergraph.RoleInvestee}}
		out = append(out, c.finish(s, mm, []int{inv, investee}))
	}
	return out
}

// ledRoundIn handles a round the subject led in a company named after
// "in": "A led a $90 million funding round in Y, with participation
// from B" (A and B invest in Y). The round must follow the verb at once,
// bar an article, an amount and the round's name, so that "A led the
// push for a round in Y" or "A led the firm's round in 2019" make none.
func (c *dealContext) ledRoundIn(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	k := i - 1
	for k > lo && k >= i-8 && (roundWords[toks[k].w] || isNum(toks[k].w) || strings.HasPrefix(toks[k].w, "$")) {
		k--
	}
	if k <= lo || !leadVerbs[toks[k].w] {
		return nil
	}
	in, at := prepEntityWithin(toks, j, hi, 3, 1, "in")
	if in < 0 || at+1 < hi && toks[at+1].w == "'s" || toks[at].poss {
		return nil // "a round in Y's rival"
	}
	leaders := subjectGroup(toks, lo, k)
	if len(leaders) == 0 {
		return nil
	}
	investors := leaders
	for q := at; q+2 < hi; q++ {
		if toks[q].w == "participation" && (toks[q+1].w == "from" || toks[q+1].w == "of") {
			if _, p := entAfter(toks, q+2, hi, 4); p >= 0 {
				for _, e := range partyGroup(toks, p, hi) {
					if !firmPerson(toks, e, p, hi) {
						investors = appendInt(investors, e)
					}
				}
			}
			break
		}
	}
	return c.investorsOf(s, lo, hi, i, j, t, investors, in)
}

// leadVerbs lead a round: "A led a round in Y".
var leadVerbs = setOf("led", "co-led", "leads", "co-leads", "headed", "spearheaded")

// roundWords may stand between a lead verb and its round: "led a $90
// million series B funding round".
var roundWords = setOf("a", "an", "the", "its", "$", "€", "£", "million", "billion", "mln", "bln", "m", "bn", "series", "seed", "pre-seed",
	"funding", "financing", "investment", "new", "latest", "growth", "extension", "early-stage", "late-stage",
	"a1", "a2", "b", "c", "d", "e", "f", "g", "a+", "b+")

// receiveVerbs say that the subject gets money: "X raised a round led by
// Y", "X received an investment from Y".
var receiveVerbs = setOf("raised", "raises", "raise", "raising", "received", "receives", "receive", "secured", "secures", "secure",
	"closed", "closes", "landed", "lands", "gets", "got", "emerged", "emerges", "emerging", "completed", "completes", "announced", "announces", "announcing", "attracted", "won", "bagged", "nabbed", "snagged", "snags", "locked",
	"securing", "receiving", "landing", "nabbing", "bagging", "attracting")

// receiveVerbsFilter is the filterOf receiveVerbs.
var receiveVerbsFilter = filterOf(receiveVerbs)

// receives reports whether a receiving verb comes shortly before the
// trigger at i.
func receives(toks []dtok, lo, i int) bool {
	for k := i - 1; k >= lo && k >= i-10; k-- {
		if receiveVerbs[toks[k].w] {
			return true
		}
		if toks[k].ent >= 0 {
			return false
		}
	}
	return false
}

// stake handles "X holds/raised/bought a N pct stake in Y" and "X has N pct
// of Y". Ownership stated as background ("owned", "which holds") is not a
// deal.
func (c *dealContext) stake(s *dsent, lo, hi, i, j int) []dmention {
	toks := s.toks
	w := toks[i].w
	if w == "pct" || w == "percent" || w == "%" {
		if i == 0 || !isNum(toks[i-1].w) {
			return nil
		}
		// "N pct stake" is handled at "stake".
		if j < hi && (toks[j].w == "stake" || toks[j].w == "interest" || toks[j].w == "holding" || toks[j].w == "owned" || toks[j].w == "equity") {
			return nil
		}
		if !(j < hi && toks[j].w == "of") {
			return nil
		}
	}
	if w == "holding" && !(i > lo && (isNum(toks[i-1].w) || toks[i-1].w == "pct" || toks[i-1].w == "%")) {
		return nil
	}
	// "increase its holdings in Y to 30 pct": holdings are a stake only
	// with a percentage told in the same clause.
	if w == "holdings" {
		pct := false
		for k := j; k < hi && k < j+10; k++ {
			if toks[k].w == "pct" || toks[k].w == "percent" || toks[k].w == "%" {
				pct = true
			}
		}
		if !pct {
			return nil
		}
	}
	// The verb: a have/acquire verb before the stake within the clause.
	verbAt := -1
	for k := i - 1; k >= lo && k >= i-8; k-- {
		if bgVerbs[toks[k].w] {
			// "X said it now owns 8% of Y": a holding that changed,
			// news; "owned by" and "owns" alone tell background.
			if k > lo && toks[k-1].w == "now" && (toks[k].w == "owns" || toks[k].w == "controls") {
				verbAt = k
				break
			}
			return nil
		}
		// "completed the sale of the 51 pct of its unit to Y": a
		// stake sold, which the sale rule reads; the seller holds it.
		if w := toks[k].w; w == "sale" || w == "sales" || w == "disposal" || w == "divestiture" {
			return nil
		}
		if haveVerbs[toks[k].w] {
			verbAt = k
			break
		}
		// "buy out its stake in Y" buys the rest: the purchase rule
		// reads it as an acquisition.
		if toks[k].w == "out" && k > lo && (toks[k-1].w == "buy" || toks[k-1].w == "buys" || toks[k-1].w == "buying" || toks[k-1].w == "bought") {
			return nil
		}
		if toks[k].ent >= 0 && !(k == i-1 && (w == "stake" || w == "holding") && !toks[k].poss) {
			break
		}
	}
	if verbAt < 0 {
		return nil
	}
	if verbAt > lo && (toks[verbAt-1].w == "which" || toks[verbAt-1].w == "who" || toks[verbAt-1].w == "already") {
		return nil
	}
	// "X also holds 6 pct of Y": a holding told beside the news, no deal
	// of its own (convention 6); "X also bought 6 pct of Y" is news.
	if alsoHolds(toks, lo, verbAt) {
		return nil
	}
	// "X accepted 54 pct of Y shares in its tender": shares bought in a
	// tender offer; accepting anything else is no purchase.
	if w := toks[verbAt].w; w == "accepts" || w == "accepted" {
		tender := false
		for k := j; k < hi && k < j+10; k++ {
			tender = tender || toks[k].w == "tender" || toks[k].w == "tendered"
		}
		if !tender {
			return nil
		}
	}
	// Selling a stake belongs to the sell rule; a stake cut "to N pct" is
	// still a stake.
	switch toks[verbAt].w {
	case "sells", "sold", "sell":
		return nil
	case "cut", "reduced", "lowered":
		if !beforeHas(toks, i, min(i+4, hi), "to") && !(j+1 < hi && toks[j].w == "to") {
			to := false
			for k := j; k < hi && k < j+8; k++ {
				if toks[k].w == "to" {
					to = true
				}
			}
			if !to {
				return nil
			}
		}
	}
	investee, _ := prepEntity(toks, j, hi, 6, "in", "of")
	if investee < 0 {
		investee = describedInvestee(toks, j, hi)
	}
	if investee < 0 && (w == "stake" || w == "holding") && i-1 > verbAt && toks[i-1].ent >= 0 && !toks[i-1].poss {
		// "raised its Tosco Corp stake to 5.5 pct": the name before the
		// stake is the company it is in.
		investee = toks[i-1].ent
	}
	if investee < 0 {
		return nil
	}
	sg := subjectGroup(toks, lo, verbAt)
	if len(sg) == 0 || sg[0] == investee {
		return nil
	}
	investor := sg[0]
	typ := partnergraph.Investment
	roles := [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	// "increased its holdings in Y to about 83 pct": a majority reached
	// is control.
	if _, control := objectHasStake(toks, verbAt, j); control || majorityAhead(toks, j, hi) && raisedTo(toks, j, hi) {
		typ = partnergraph.Acquisition
		roles = [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	}
	t := dtrigger{fam: famStake}
	m, ok := c.newMention(s, lo, hi, verbAt, j, t, typ)
	if !ok {
		return nil
	}
	if m.status == "" || m.status == partnergraph.Proposed {
		switch toks[verbAt].w {
		case "has", "have", "had", "holds", "held", "hold", "owns", "controls", "raised", "increased", "boosted", "lifted", "took", "acquired", "bought", "purchased", "obtained", "amassed", "built", "accepted", "accepts":
			m.status = partnergraph.Completed
		case "negotiating", "negotiate", "negotiates", "seeking", "seeks", "seek":
			m.status = partnergraph.Proposed
		}
	}
	m.parties = []dparty{{s.ents[investor].name, roles[0]}, {s.ents[investee].name, roles[1]}}
	return []dmention{c.finish(s, m, []int{investor, investee})}
}

// majorityAhead reports whether a share of more than half ("about 95
// pct", "83 percent") is told within eight words from k, before the
// clause ends.
func majorityAhead(toks []dtok, k, hi int) bool {
	for x := k; x < hi && x < k+8; x++ {
		w := toks[x].w
		if subjStop[w] || w == ";" || w == "and" {
			return false
		}
		if (w == "pct" || w == "percent" || w == "%") && x > k {
			n, err := strconv.ParseFloat(toks[x-1].w, 64)
			return err == nil && n > 50
		}
	}
	return false
}

// raisedTo reports whether "to" comes within four words from k: "raised
// its stake in Y to 83 pct".
func raisedTo(toks []dtok, k, hi int) bool {
	for x := k; x < hi && x < k+5; x++ {
		if toks[x].w == "to" {
			return true
		}
	}
	return false
}

// ratingWords reports whether a sentence speaks of a credit rating:
// "affirmed", "upgraded", "downgraded", "the upgrading", "ratings".
func ratingWords(toks []dtok) bool {
	for _, t := range toks {
		switch t.w {
		case "affirmed", "affirms", "upgraded", "upgrades", "upgrading", "downgraded", "downgrades", "downgrading", "rating", "ratings":
			return true
		}
	}
	return false
}

// describedInvestee finds the company of "a stake in Spanish cotton mill
// Y" or "a stake in Europe's largest copper producer, Y": after "in" or
// "of" (within four words of j) a description of up to ten lower-case
// words, then the name, or a company noun and the name in apposition.
// Another phrase, a clause or a number in between ends the search.
func describedInvestee(toks []dtok, j, hi int) int {
	in := -1
	for k := j; k < hi && k < j+4; k++ {
		if toks[k].w == "in" || toks[k].w == "of" {
			in = k
			break
		}
		if toks[k].ent >= 0 || subjStop[toks[k].w] {
			return -1
		}
	}
	if in < 0 {
		return -1
	}
	for k := in + 1; k < hi && k < in+12; k++ {
		t := &toks[k]
		if t.ent >= 0 {
			return t.ent
		}
		switch {
		case t.w == "," && k > in+1 && k+1 < hi && toks[k+1].ent >= 0 && isCompanyNoun(toks[k-1].w):
			return toks[k+1].ent
		case t.w == "'s" || t.w == "and" || t.w == "-":
		case t.w == "" || !isLetter(t.w[0]) || subjStop[t.w] || phraseStop[t.w] || t.w == "the" && k > in+1:
			return -1
		case t.w == "its" || t.w == "it" || t.w == "their" || t.w == "company" && toks[k-1].w == "the":
			// "a stake in the company": the story's company, told elsewhere.
			return -1
		}
	}
	return -1
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func isNum(w string) bool {
	if w == "" || !isDig(w[0]) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDig(w[i]) && w[i] != '.' && w[i] != ',' {
			return false
		}
	}
	return true
}

// twoSided handles licences: the subject grants, the other side ("to",
// "with", "from" or the object) receives.
func (c *dealContext) twoSided(s *dsent, lo, hi, i, j int, t dtrigger, typ partnergraph.DealType, r1, r2 partnergraph.Role) []dmention {
	toks := s.toks
	sg := subjectGroup(toks, lo, i)
	if p := possessor(toks, lo, i); p >= 0 && len(sg) == 0 {
		sg = []int{p}
	}
	other := -1
	if t.verb {
		// "X will supply Y with ...", "X licensed Y to ...".
		other, _ = entAfter(toks, j, hi, 5)
	}
	if other < 0 {
		var at int
		other, at = prepEntity(toks, j, hi, 8, "to", "with", "from")
		// "licensed to either the X unit of Y or to Z": one of two,
		// not yet chosen.
		if other >= 0 && (at > 0 && toks[at-1].w == "either" || at > 1 && toks[at-2].w == "either") {
			return nil
		}
	}
	// "X granted Y, a backer of X, an exclusive license to ...": the one
	// granted the licence takes it.
	if other < 0 && typ == partnergraph.Licensing {
		var at int
		if other, at = grantee(toks, lo, i); other >= 0 {
			sg = subjectGroup(toks, lo, at) // the grantor, before the verb
		}
	}
	if toks[i].w == "rights" {
		// "X secured marketing rights for Y's drugs", "rights from Y".
		ok := false
		for k := max(lo, i-4); k < i; k++ {
			switch toks[k].w {
			case "marketing", "distribution", "licensing", "exclusive", "worldwide", "manufacturing", "secured", "acquired", "obtained", "granted", "won":
				ok = true
			}
		}
		if !ok {
			return nil
		}
		for k := j; k < hi && k < j+8 && other < 0; k++ {
			if toks[k].ent >= 0 {
				other = toks[k].ent
			}
		}
	}
	var a, b int
	switch {
	case len(sg) >= 2 && other < 0 && t.verb:
		// "A and B supply the computing power": two suppliers of someone
		// else, not a contract between them. Only a deal noun joins the
		// two ("A and B signed a supply contract").
		return nil
	case len(sg) >= 2 && other < 0:
		a, b = sg[0], sg[1]
	case len(sg) >= 1 && other >= 0:
		a, b = sg[0], other
	default:
		return nil
	}
	if a == b {
		return nil
	}
	if typ == partnergraph.Licensing && (notALicenceDeal(toks, lo, i, j, hi) || sameFamily(s.ents[a].name, s.ents[b].name)) {
		return nil
	}
	// "X licensed Y's patents from Z", "X bought chips from Z": the one
	// "from" names gives; but "X won a contract from Z" makes X the
	// supplier and Z the customer.
	if from, _ := prepEntity(toks, j, hi, 8, "from"); from == b && !(typ == partnergraph.Supply && wonBefore(toks, lo, i)) {
		a, b = b, a
	}
	// "X placed an order with Y": X buys, Y supplies.
	if typ == partnergraph.Supply && (toks[i].w == "order" || toks[i].w == "orders") && beforeHas(toks, lo, i, "placed", "places", "placing", "place") {
		a, b = b, a
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, typ)
	if !ok {
		return nil
	}
	// "X secured marketing rights": rights obtained are a licence made.
	if toks[i].w == "rights" && m.status == "" && beforeHas(toks, lo, i, "secured", "acquired", "obtained", "won", "granted") {
		m.status = partnergraph.Completed
	}
	m.parties = []dparty{{s.ents[a].name, r1}, {s.ents[b].name, r2}}
	out := []dmention{c.finish(s, m, []int{a, b})}
	// "X inked contracts with A and B": one contract with each.
	if typ == partnergraph.Supply && (toks[i].w == "contracts" || toks[i].w == "orders") && len(sg) > 0 && a == sg[0] {
		if _, at := prepEntity(toks, j, hi, 8, "with"); at >= 0 && toks[at].ent == b {
			for _, e := range partyGroup(toks, at, hi)[1:] {
				if e != a {
					mm := m
					mm.parties = []dparty{{s.ents[a].name, r1}, {s.ents[e].name, r2}}
					out = append(out, c.finish(s, mm, []int{a, e}))
				}
			}
		}
	}
	return out
}

func (c *dealContext) supply(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	w := toks[i].w
	if j < hi && toks[j].ent < 0 && (toks[j].w == "chain" || toks[j].w == "chains" || supplyModified[toks[j].w]) && (w == "supply" || w == "supplies") {
		return nil // "supply chain management", "the automotive supply group Y"
	}
	switch w {
	case "selected", "chose", "chosen", "picked", "tapped", "taps", "hired", "enlisted":
		return c.chosenSupplier(s, lo, hi, i, j, t)
	case "ordered":
		return c.orderedFrom(s, lo, hi, i, j, t)
	case "provider", "vendor", "supplier":
		// "X chose Y as its cloud provider".
		as := -1
		for k := i - 1; k >= lo && k >= i-5; k-- {
			if toks[k].w == "as" {
				as = k
				break
			}
		}
		if as < 1 || toks[as-1].ent < 0 {
			return nil
		}
		supplier := toks[as-1].ent
		sg := subjectGroup(toks, lo, as-1)
		if len(sg) == 0 || sg[0] == supplier {
			return nil
		}
		m, ok := c.newMention(s, lo, hi, i, j, t, partnergraph.Supply)
		if !ok {
			return nil
		}
		m.parties = []dparty{{s.ents[supplier].name, partnergraph.RoleSupplier}, {s.ents[sg[0]].name, partnergraph.RoleCustomer}}
		return []dmention{c.finish(s, m, []int{supplier, sg[0]})}
	case "contract", "contracts", "order", "orders":
		// "X won a contract from Y", "X signed a contract with Y", "X placed
		// an order with Y".
		// ("X inked contracts with A and B": a plural right after the
		// verb of signing.)
		if !beforeHas(toks, lo, i, "a", "an", "the", "its", "contract", "new", "firm") &&
			!((w == "contracts" || w == "orders") && i > lo && signVerbs[toks[i-1].w]) {
			return nil
		}
		// An order is a purchase order only when something is ordered or
		// someone places it: not "a restraining order".
		if (w == "order" || w == "orders") && !beforeHas(toks, lo, i, "placed", "won", "received", "booked", "firm", "signed") &&
			!(j < hi && (toks[j].w == "for" || isNum(toks[j].w))) {
			return nil
		}
	}
	return c.twoSided(s, lo, hi, i, j, t, partnergraph.Supply, partnergraph.RoleSupplier, partnergraph.RoleCustomer)
}

// supplyModified are the nouns that "supply" describes rather than
// names a deal with: a kind of business ("an auto supply group", "an
// office supply store") or the state of supply ("supply shortages").
var supplyModified = setOf("group", "groups", "company", "companies", "firm", "firms", "business", "businesses",
	"maker", "makers", "industry", "concern", "unit", "division", "giant", "specialist", "store", "stores",
	"sector", "network", "networks", "base", "shortage", "shortages", "constraints", "disruption",
	"disruptions", "glut", "side", "problems", "issues")

// generic handles "X signed a deal with Y" and "X and Y struck a deal" when
// the sentence names no more specific kind of deal: a partnership, or a
// supply or licence deal when the sentence says so.
func (c *dealContext) generic(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	// "X signed a deal with Y", "X's deal with Y".
	ok := possessor(toks, lo, i) >= 0 && j < hi && toks[j].w == "with"
	// "X ... with its recent deal with Y to produce a phone": the
	// pronoun is X's, and the purpose says the deal is to work together
	// (not "under its sale agreement with Y", "its agreement with Y is
	// effective through 1990").
	for k := i - 1; k >= lo && k >= i-3 && !ok; k-- {
		if toks[k].w == "its" && j < hi && toks[j].w == "with" && purposeAfter(toks, j, hi) {
			ok = true
		}
	}
	// "X has a deal with Y", "X has an exclusive agreement with Y".
	for k := i - 1; k > lo && k >= i-3 && !ok; k-- {
		if (toks[k].w == "a" || toks[k].w == "an") && (toks[k-1].w == "has" || toks[k-1].w == "have") && j < hi && toks[j].w == "with" {
			ok = true
		}
	}
	for k := i - 1; k >= lo && k >= i-9 && !ok; k-- {
		if dealVerbs[toks[k].w] {
			ok = true
			break
		}
		if toks[k].ent >= 0 {
			break
		}
	}
	if !ok {
		return nil
	}
	// "reached an agreement with Y to sell its station": a sale or a
	// purchase agreed with Y, which the sale and purchase rules read, is
	// no partnership.
	for k := j; k+1 < hi && k < j+8; k++ {
		if toks[k].w == "to" && transferVerbs[toks[k+1].w] {
			return nil
		}
	}
	// "a revolving credit and term loan agreement with Y", "an
	// agreement with Y for a $35 million mortgage line": lending.
	for k := max(lo, i-4); k < hi && k < j+12; k++ {
		switch toks[k].w {
		case "loan", "credit", "debt", "financing", "lending", "lease", "mortgage":
			return nil
		}
	}
	// "an agreement resolving all differences", "a deal to settle the
	// lawsuit": a settlement ends a quarrel, it makes no partnership.
	for k := lo; k < hi; k++ {
		if settleWords[toks[k].w] {
			return nil
		}
	}
	typ := partnergraph.Partnership
	for k := lo; k < hi; k++ {
		if supplyCue[toks[k].w] {
			typ = partnergraph.Supply
			break
		}
	}
	var ms []dmention
	if typ == partnergraph.Supply {
		ms = c.twoSided(s, lo, hi, i, j, t, typ, partnergraph.RoleSupplier, partnergraph.RoleCustomer)
	} else {
		ms = c.symmetric(s, lo, hi, i, j, t, typ)
	}
	for k := range ms {
		ms[k].conf -= 0.1
	}
	return ms
}

// rumourEnded reports whether a sentence names a rumour only to end it:
// a word of rumour or speculation and one that confirms it ("confirmed",
// "true", "put to rest"), with no denial ("denied", "false", "untrue").
func rumourEnded(toks []dtok) bool {
	rumour, ended := false, false
	for k, t := range toks {
		switch t.w {
		case "rumour", "rumours", "rumor", "rumors", "speculation":
			rumour = true
		case "confirmed", "confirms", "confirming", "true":
			ended = true
		case "rest":
			ended = ended || k >= 2 && toks[k-1].w == "to" && toks[k-2].w == "put"
		case "denied", "denies", "deny", "denying", "false", "untrue", "not", "n't", "unconfirmed":
			return false
		}
	}
	return rumour && ended
}

// saidTo reports whether token k is hearsay in the passive: "Y was said
// at the time to be a contender to buy it", "is believed to hold 4.9
// pct". It governs a deal told after it; one told before ("a startup
// Zyxo acquired last year, whose staff are said to work on cars") is
// none of its business.
func saidTo(toks []dtok, k int) bool {
	switch toks[k].w {
	case "said", "thought", "believed", "understood", "tipped":
	default:
		return false
	}
	if k == 0 || !(toks[k-1].w == "was" || toks[k-1].w == "were" || toks[k-1].w == "is" || toks[k-1].w == "are") {
		return false
	}
	for q := k + 1; q < len(toks) && q <= k+4; q++ {
		if toks[q].w == "to" {
			return true
		}
	}
	return false
}

// dealOwnerBefore returns the token of a company named in the possessive
// before a purchase word between lo and k ("Zyxo's second major
// acquisition"), or -1.
func dealOwnerBefore(toks []dtok, lo, k int) int {
	for q := k - 1; q >= lo; q-- {
		if !buyNouns[toks[q].w] {
			continue
		}
		for p := q - 1; p >= lo && p >= q-7; p-- {
			if toks[p].ent >= 0 {
				if toks[p].poss || p+1 < q && toks[p+1].w == "'s" {
					return p
				}
				break
			}
		}
	}
	return -1
}

// buyNouns name a purchase: "Zyxo's latest acquisition".
var buyNouns = setOf("acquisition", "acquisitions", "purchase", "purchases", "takeover", "takeovers", "buyout")

// purposeAfter reports whether a purpose ("to produce", "to develop")
// follows the partner named after "with" at j, within a few words.
func purposeAfter(toks []dtok, j, hi int) bool {
	_, at := entAfter(toks, j+1, hi, 4)
	if at < 0 {
		return false
	}
	for k := at + 1; k+1 < hi && k <= at+3; k++ {
		if toks[k].w == "to" {
			return !transferVerbs[toks[k+1].w] && isWordLike(toks[k+1].w) && toks[k+1].w != "be"
		}
	}
	return false
}

// describedObject reports whether the name at k follows a verb of
// purchase across a description of it ending in a noun for a company:
// "bought field-programmable gate array (FPGA) manufacturer Altera", not
// "the purchase gives Esso".
func describedObject(toks []dtok, lo, k int) bool {
	if k == lo || !isCompanyNoun(toks[k-1].w) {
		return false // the description ends in a noun for a company
	}
	for q := k - 1; q >= lo && q >= k-8; q-- {
		w := toks[q].w
		if purchaseVerbs[w] {
			return q < k-1
		}
		if toks[q].ent >= 0 || !(isWordLike(w) && !toks[q].cap || w == "(" || w == ")" || toks[q].cap && q > lo && toks[q-1].w == "(") {
			return false
		}
	}
	return false
}

// launchVerbs make an integration news: "launched a new integration
// with Y".
var launchVerbs = []string{"launched", "launches", "launching", "announced", "announces", "announcing", "unveiled", "unveils",
	"introduced", "introduces", "debuted", "debuts", "released", "releases", "rolled", "rolls", "added", "adds", "built", "builds"}

// signVerbs sign or win contracts: "inked contracts with A and B".
var signVerbs = setOf("signed", "signs", "inked", "inks", "won", "wins", "landed", "lands", "secured", "secures", "struck", "penned")

// grantee returns the company a verb of granting names before the
// licence at i ("granted Y an exclusive license", "gave Y a licence"),
// and the verb's index; -1, -1 when there is none.
func grantee(toks []dtok, lo, i int) (int, int) {
	for k := i - 1; k >= lo && k >= i-12; k-- {
		switch toks[k].w {
		case "granted", "grants", "granting", "gave", "gives", "giving", "issued", "awarded":
			if k+1 < i && toks[k+1].ent >= 0 {
				return toks[k+1].ent, k
			}
			return -1, -1
		}
	}
	return -1, -1
}

// wonBefore reports whether a verb of winning comes shortly before the
// contract or order at i: "won a $50 million contract", "received an
// order".
func wonBefore(toks []dtok, lo, i int) bool {
	for k := i - 1; k >= lo && k >= i-6; k-- {
		switch toks[k].w {
		case "won", "wins", "win", "winning", "received", "receives", "secured", "secures", "landed", "lands", "awarded", "bagged", "booked", "got", "gets":
			return true
		}
		if toks[k].ent >= 0 {
			return false
		}
	}
	return false
}

// outbid reports whether the name at k is the object of a verb of
// beating a rival bidder: "outbid favourite Y", "beating rival Y".
func outbid(toks []dtok, lo, k int) bool {
	for q := k - 1; q >= lo && q >= k-3; q-- {
		switch toks[q].w {
		case "outbid", "outbids", "outbidding", "beat", "beating", "beats":
			return true
		}
		if !isWordLike(toks[q].w) || toks[q].cap {
			return false
		}
	}
	return false
}

// commodityBought reports whether the words from j to the seller at
// end name a commodity: power, grain, metal, fuel.
func commodityBought(toks []dtok, j, end int) bool {
	found := false
	for k := j; k < end && k < len(toks); k++ {
		if commodities[toks[k].w] {
			found = true
		}
		// "the natural gas reserves and pipeline system owned by Y":
		// assets that produce the commodity are a business.
		if producingAssets[toks[k].w] {
			return false
		}
	}
	return found
}

// producingAssets are the assets of a business named by what they
// produce: "gas reserves", "oil fields", "a power plant".
var producingAssets = setOf("reserves", "pipeline", "pipelines", "field", "fields", "assets", "business", "businesses", "unit", "division",
	"operations", "plant", "plants", "refinery", "refineries", "mine", "mines", "interest", "interests", "stake", "properties", "system", "network", "station", "stations", "leases")

// commodities are traded goods whose purchase from a company is trade,
// no purchase of a business.
var commodities = setOf("power", "electricity", "energy", "gas", "oil", "crude", "coal", "fuel", "gasoline", "diesel",
	"grain", "wheat", "corn", "maize", "soybeans", "soybean", "sugar", "cotton", "coffee", "cocoa", "rice", "barley",
	"copper", "gold", "silver", "zinc", "nickel", "aluminium", "aluminum", "ore", "uranium", "tonnes", "tons", "barrels", "bushels", "ounces")

// adjectiveHedge reports whether the hedge at k qualifies an adjective
// after an article ("acquired the reportedly lucrative Y"), not the
// deal.
func adjectiveHedge(toks []dtok, lo, k int) bool {
	return toks[k].w == "reportedly" && k > lo && (toks[k-1].w == "the" || toks[k-1].w == "a" || toks[k-1].w == "an")
}

// futureBefore reports whether a modal of the future comes within eight
// words before k: "will remain in their posts following the merger".
func futureBefore(toks []dtok, lo, k int) bool {
	for q := k - 1; q >= lo && q >= k-8; q-- {
		switch toks[q].w {
		case "will", "would", "shall":
			return true
		}
	}
	return false
}

// plannedBetween reports whether a word between k and the trigger at i
// makes the deal one still to come: "following the planned merger".
func plannedBetween(toks []dtok, k, i int) bool {
	for q := k + 1; q < i; q++ {
		switch toks[q].w {
		case "planned", "proposed", "pending", "expected", "announced", "possible", "potential":
			return true
		}
	}
	return false
}

// newClauseBetween reports whether a clause with a company of its own as
// subject starts after token a and before token b: "Zyxo's chips have
// reportedly sold poorly, and Zyxo has formed a partnership with Y" (a
// hedge of the first clause says nothing of the second), or a semicolon.
func newClauseBetween(toks []dtok, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if toks[k].w == ";" {
			return true
		}
		if toks[k].w != "," || k+2 >= b || !clauseJoins[toks[k+1].w] {
			continue
		}
		// ", and Zyxo", ", and in 2018 Zyxo", ", and later Zyxo".
		for q := k + 2; q < b && q <= k+5; q++ {
			if toks[q].ent >= 0 {
				return true
			}
			if !(isNum(toks[q].w) || clauseTimes[toks[q].w]) {
				break
			}
		}
	}
	return false
}

// clauseTimes may date a clause before its subject: ", and in 2018 Zyxo".
var clauseTimes = setOf("in", "on", "at", "last", "this", "next", "later", "then", "earlier", "year", "month", "week")

// clauseJoins join two clauses after a comma: ", and Zyxo ...".
var clauseJoins = setOf("and", "but", "while", "whereas")

// transferVerbs make a deal "to" do a sale, a purchase or a merger.
var transferVerbs = setOf("sell", "buy", "acquire", "purchase", "merge")

// newMention checks the trigger for negation and hedging and reads the
// status, year and value from its clause. ok is false for a negated or
// hedged trigger.
func (c *dealContext) newMention(s *dsent, lo, hi, i, j int, t dtrigger, typ partnergraph.DealType) (dmention, bool) {
	toks := s.toks
	// Hedges anywhere in the sentence that make it hearsay, unless the
	// sentence ends the rumour ("The rumors were true: X confirmed",
	// "weeks of rumors were put to rest as X announced").
	ended := rumourEnded(toks)
	if !ended {
		for k := range toks {
			if adjectiveHedge(toks, 0, k) {
				continue
			}
			if (sentenceHedges[toks[k].w] || hearsay(toks, k)) && !(k < i && newClauseBetween(toks, k, i)) {
				return dmention{}, false
			}
			if k < i && saidTo(toks, k) && !newClauseBetween(toks, k, i) {
				return dmention{}, false
			}
		}
	}
	// "the reported $10 billion investment", "a potential acquisition".
	for k := max(lo, i-4); k < i; k++ {
		switch toks[k].w {
		case "reported", "rumoured", "rumored", "alleged", "mooted", "touted":
			if k > lo && (toks[k-1].w == "the" || toks[k-1].w == "a" || toks[k-1].w == "an") {
				return dmention{}, false
			}
		}
	}
	talks := false
	for k := max(lo, i-15); k < i; k++ {
		w := toks[k].w
		if w == "talks" || w == "negotiations" || w == "discussions" {
			talks = true
		}
		// "talks on a possible merger" are confirmed talks, not a guess.
		if talks && (w == "possible" || w == "potential") {
			continue
		}
		// "exercised an option to acquire": the option is used, the deal
		// made.
		if (w == "option" || w == "options") && k-3 >= lo && (beforeHas(toks, lo, k, "exercised", "exercises", "exercise", "exercising")) {
			continue
		}
		// "the board will consider Y's takeover offer": an offer that is
		// already made, weighed by its target, stays an open bid (but
		// "considering a bid" is a guess).
		if considerWords[w] && existingBid(toks, k, i) {
			continue
		}
		// "in May" is a month, not a hedge.
		if w == "may" && toks[k].cap && k > lo && (yearPreps[toks[k-1].w] || isNum(toks[k-1].w) || k+1 < len(toks) && isNum(toks[k+1].w)) {
			continue
		}
		// "an opposed bid" is a hostile one, still made.
		if w == "opposed" && k > lo && (toks[k-1].w == "an" || toks[k-1].w == "a") {
			continue
		}
		// A rumour the sentence ends is no hedge.
		if ended && sentenceHedges[w] {
			continue
		}
		// "not only partnered with Y but also": no negation.
		if w == "not" && k+1 < len(toks) && toks[k+1].w == "only" {
			continue
		}
		if adjectiveHedge(toks, lo, k) {
			continue
		}
		// "no acquisition", "not an acquisition", but not "take no action
		// on the tender offer".
		if hedgeWords[w] || negWords[w] && k >= i-6 && (w != "no" || k >= i-2) {
			return dmention{}, false
		}
		// "is expected to announce its acquisition", "is looking into
		// acquiring": a deal foreseen or weighed, not made.
		if expectedMove(toks, k, i) {
			return dmention{}, false
		}
		// "revives talk of a bid", "talk about a merger": speculation.
		if w == "talk" && k+1 < i && (toks[k+1].w == "of" || toks[k+1].w == "about") {
			return dmention{}, false
		}
	}
	// "rather than buy Y": the course not taken; "will gain the right to
	// sell its unit to Y", "seeking the right to raise its stake": a deal
	// that may come, not one made (but "exercised its right to buy" is
	// made, and an agreement that gives Y "the right to acquire" a stake
	// is read as agreed).
	if i-2 >= lo && toks[i-1].w == "than" && toks[i-2].w == "rather" {
		return dmention{}, false
	}
	if i-2 >= lo && toks[i-1].w == "to" && (toks[i-2].w == "right" || toks[i-2].w == "rights") &&
		beforeHas(toks, lo, i-2, "gain", "gains", "has", "have", "had", "would", "seeking", "seek", "seeks", "sought") &&
		!beforeHas(toks, lo, i-2, "exercised", "exercises", "exercise", "exercising") {
		return dmention{}, false
	}
	// "X, which also invested in Y and Z,": the investor's record told in
	// passing, not news (convention 14).
	if i-2 >= lo && toks[i-1].w == "also" && (toks[i-2].w == "which" || toks[i-2].w == "who") && (toks[i].w == "invested" || toks[i].w == "backed" || toks[i].w == "funded") {
		return dmention{}, false
	}
	// "an agreement that prevents X from buying more shares": a purchase
	// ruled out by a standstill, not made.
	if i-1 > lo && toks[i-1].w == "from" {
		for k := max(lo, i-7); k < i-1; k++ {
			if preventWords[toks[k].w] {
				return dmention{}, false
			}
		}
	}
	// "not" right after an auxiliary following the trigger noun: "the
	// merger will not go ahead".
	for k := j; k < hi && k < j+3; k++ {
		if toks[k].w == "," || toks[k].w == "and" || toks[k].w == ";" {
			break // "rejected the offer and explores alternatives"
		}
		// "bought Quillon in May": a month, not a hedge.
		if toks[k].w == "may" && toks[k].cap && k > lo && (yearPreps[toks[k-1].w] || isNum(toks[k-1].w) || k+1 < len(toks) && isNum(toks[k+1].w)) {
			continue
		}
		if adjectiveHedge(toks, lo, k) {
			continue
		}
		if toks[k].w == "not" || toks[k].w == "n't" || hedgeWords[toks[k].w] {
			return dmention{}, false
		}
	}
	m := dmention{typ: typ, status: t.status, conf: 0.8, sb: s.b, se: s.e, ti: i, trig: toks[i].w}
	m.status = c.status(toks, lo, hi, i, j, typ, m.status, true)
	m.year, m.explicit = c.year(toks, lo, hi, i)
	switch {
	case !m.explicit && backgroundClause(toks, lo, i) && !presentBefore(toks, lo, i, typ != partnergraph.Partnership) && !newsTime(toks, lo, hi) && !runningPerfect(toks, lo, i):
		// "Zyxo, which partnered with Orla": a tie of the past
		// the text gives no year (convention 18); "Ford, which is
		// collaborating with Postmates" runs now.
		m.year, m.explicit = 0, true
	case !m.explicit:
		m.year = c.pubYear
	case m.status == "" && (c.pubYear == 0 || m.year < c.pubYear):
		// A deal dated before the article is done: an acquisition
		// made then, or a partnership or contract formed then and in
		// force by the story's news ("Back in 2019, X and Y formed a
		// partnership" in a 2021 story), as convention 11 of the labels
		// has it.
		m.status = partnergraph.Completed
	}
	m.value, m.currency = moneyValue(toks, lo, hi, j)
	return m, true
}

// endsTalks reports whether toks[k] ends talks or a bid: "ending weeks of
// talks", "ended their negotiations", "ended its tender offer".
func endsTalks(toks []dtok, k, to int) bool {
	switch toks[k].w {
	case "end", "ends", "ended", "ending":
	default:
		return false
	}
	for q := k + 1; q < to && q <= k+4; q++ {
		switch toks[q].w {
		case "talks", "negotiations", "discussions", "offer", "bid":
			return true
		case ",", ";", "and", "but":
			return false
		}
	}
	return false
}

// pastTimeIn reports whether toks[lo:hi] date the clause in the past:
// "last month", "last year", "two years ago", "earlier this month".
func pastTimeIn(toks []dtok, lo, hi int) bool {
	for k := lo; k+1 < hi; k++ {
		w, n := toks[k].w, toks[k+1].w
		switch {
		case w == "last" && (n == "month" || n == "week" || n == "year" || n == "summer" || n == "spring" || n == "autumn" || n == "winter" || n == "fall" || monthNames[n]):
			return true
		case n == "ago" && (w == "years" || w == "year" || w == "months" || w == "month" || w == "weeks"):
			return true
		case w == "earlier" && n == "this":
			return true
		case n == "earlier" && (w == "month" || w == "year" || w == "months" || w == "years" || w == "weeks" || w == "week"):
			// "a month earlier, Zyxo announced a partnership".
			return true
		}
	}
	return false
}

// approvedNoun reports whether the deal noun at i is the object of a
// third party's approval or refusal: "approved the acquisition",
// "cleared the proposed takeover", "blocked the merger".
func approvedNoun(toks []dtok, lo, i int) bool {
	k := i - 1
	for k > lo && (toks[k].w == "the" || toks[k].w == "proposed" || toks[k].w == "planned" || toks[k].w == "pending") {
		k--
	}
	if k < lo {
		return false
	}
	switch toks[k].w {
	case "approved", "approves", "approve", "cleared", "clears", "authorized", "authorised", "blocked", "blocks", "rejected", "vetoed", "reviewed":
		return true
	}
	return false
}

// verbAfterModal reports whether the word at i follows a modal or "to",
// with at most one adverb in between ("will offer", "will exclusively
// offer"): a verb, not a noun.
func verbAfterModal(toks []dtok, lo, i int) bool {
	k := i - 1
	if k > lo && strings.HasSuffix(toks[k].w, "ly") {
		k--
	}
	if k < lo {
		return false
	}
	switch toks[k].w {
	case "will", "would", "can", "could", "to", "may", "might", "should", "also":
		return true
	}
	return false
}

// otherThingDone reports whether the done word at k ends a clause about
// something other than the deal: "until a broader investigation had been
// completed", "after the review was completed".
func otherThingDone(toks []dtok, lo, k int) bool {
	for q := k - 1; q >= lo && q >= k-14; q-- {
		switch toks[q].w {
		case "until", "before", "unless":
			return true
		case "investigation", "review", "probe", "inquiry", "study", "audit", "testing", "trial", "trials", "construction", "project":
			return true
		case ",", ";":
			return false
		}
	}
	return false
}

// announcedPlan reports whether the plan at k is one made public:
// "announced plans to", "confirmed the plan to", "unveiled its plans".
func announcedPlan(toks []dtok, k int) bool {
	p := k - 1
	if p > 0 && (toks[p].w == "the" || toks[p].w == "its" || toks[p].w == "their") {
		p--
	}
	switch toks[p].w {
	case "announced", "announcing", "announces", "unveiled", "unveils", "unveiling", "agreed", "revealed", "disclosed", "confirmed", "confirms":
		return true
	}
	return false
}

// offerToProvide reports whether "offer" at k is the verb of providing
// after a modal or "to" ("where it will offer advisory services", "will
// exclusively offer 50 titles"), not a bid: no sum, no "for" and no "to
// buy" follows it ("will offer $20 a share for Y" bids).
func offerToProvide(toks []dtok, k, to int) bool {
	if toks[k].w != "offer" || k == 0 || !verbAfterModal(toks, 0, k) {
		return false
	}
	if moneyAfter(toks, k) {
		return false
	}
	for q := k + 1; q < to && q < len(toks) && q <= k+6; q++ {
		if toks[q].w == "for" || toks[q].w == "to" && q+1 < len(toks) && (toks[q+1].w == "buy" || toks[q+1].w == "acquire" || toks[q+1].w == "purchase") {
			return false
		}
	}
	return true
}

// backgroundClause reports whether the trigger at i stands in a clause
// that tells a tie as background: a relative or time clause ("which
// partnered with", "who is collaborating with", "after Zyxo partnered
// with"), a perfect with an adverb ("has also formed a partnership") or
// a past verb after "previously" ("previously partnered with").
// A clause of plans ("which will partner", "after agreeing to work
// with") is none.
func backgroundClause(toks []dtok, lo, i int) bool {
	for k := max(lo, i-5); k < i; k++ {
		w := toks[k].w
		// The clause tells of a company: "Zyxo, which", "after Zyxo",
		// "since it"; not "which is why we have seen partnerships".
		rel := (w == "which" || w == "who") && k > 0 && (toks[k-1].ent >= 0 || toks[k-1].w == "," && k > 1 && toks[k-2].ent >= 0)
		tied := (w == "after" || w == "since") && k+1 < i && (toks[k+1].ent >= 0 || toks[k+1].w == "it" || toks[k+1].w == "they")
		switch {
		case rel, tied:
			for q := k + 1; q <= i && q < len(toks); q++ {
				switch toks[q].w {
				case "will", "would", "to", "plans", "plan", "may", "could", "agreeing", "signing", "announcing":
					return false
				}
			}
			return true
		case w == "has" || w == "have" || w == "had":
			if k+2 < len(toks) && (toks[k+1].w == "also" || toks[k+1].w == "already" || toks[k+1].w == "previously") && k+2 <= i {
				switch toks[k+2].w {
				case "formed", "signed", "partnered", "struck", "inked", "established":
					return true
				}
			}
			// "has worked with", "had already been working together":
			// work done together before the story (not "has partnered
			// with", often the news itself).
			q := k + 1
			if q < i && workAdverbs[toks[q].w] {
				q++
			}
			if q < i && toks[q].w == "been" {
				q++
				if q <= i && workingTogether[toks[q].w] {
					return true
				}
			} else if q <= i && workedTogether[toks[q].w] {
				return true
			}
		case w == "already" && k > lo && (toks[k-1].w == "is" || toks[k-1].w == "are" || toks[k-1].w == "was" || toks[k-1].w == "were"):
			return true // "is already a partner of"
		case w == "previously" && k+1 <= i && pastTies[toks[k+1].w]:
			return true // "X previously partnered with Y"
		}
	}
	return false
}

// runningPerfect reports whether a present perfect of working together
// ("has been working with", "have been collaborating") stands before the
// trigger at i: a tie running at the story's time, dated by it.
func runningPerfect(toks []dtok, lo, i int) bool {
	for k := max(lo, i-5); k+2 <= i; k++ {
		if (toks[k].w == "has" || toks[k].w == "have") && toks[k+1].w == "been" && workingTogether[toks[k+2].w] {
			return true
		}
	}
	return false
}

// pastTies are the past verbs of a tie that "previously" puts before the
// story's news: "previously partnered with", "previously teamed up".
var pastTies = setOf("formed", "signed", "partnered", "struck", "inked", "established", "teamed", "worked", "collaborated", "allied")

// workAdverbs may stand in a perfect of working together: "has long
// worked with", "had already been working together".
var workAdverbs = setOf("also", "already", "long", "previously", "closely", "since")

// workedTogether and workingTogether are the verbs of work done together
// in a perfect: "has worked with", "has been collaborating with".
var (
	workedTogether  = setOf("worked", "collaborated", "cooperated")
	workingTogether = setOf("working", "collaborating", "cooperating", "partnering")
)

// newsTime reports whether the clause dates itself to the story's news:
// "today", "yesterday", "this week".
func newsTime(toks []dtok, lo, hi int) bool {
	for k := lo; k < hi; k++ {
		switch toks[k].w {
		case "today", "yesterday", "tonight":
			return true
		case "week":
			if k > lo && toks[k-1].w == "this" {
				return true
			}
		}
	}
	return false
}

// presentBefore reports whether a verb of the present stands within five
// words before the trigger at i ("which is collaborating with"), or,
// with perfect, a perfect ("which has acquired": often the news itself
// for a purchase, while "has also formed a partnership" tells a tie of
// the past).
func presentBefore(toks []dtok, lo, i int, perfect bool) bool {
	for k := max(lo, i-5); k < i; k++ {
		switch toks[k].w {
		case "is", "are", "'s", "'re":
			return true
		case "has", "have":
			if perfect {
				return true
			}
		}
	}
	return false
}

// contractBefore reports whether the clause from lo to the trigger at i,
// or the word right after it, says the agreement was signed or agreed.
func contractBefore(toks []dtok, lo, i int) bool {
	for k := lo; k <= i+1 && k < len(toks); k++ {
		if contractSigned[toks[k].w] && !beforeHas(toks, lo, k, "to", "will", "would", "be", "expected", "if", "yet", "not") {
			return true
		}
	}
	return false
}

// reportsSurfaced are the verbs of reports that come to light: "reports
// emerged that", "reports surfaced that".
var reportsSurfaced = setOf("emerged", "surfaced", "circulated", "suggested", "suggest", "claimed", "claim", "indicated", "indicate")

// hearsay reports whether token k starts a second-hand account: "a press
// report", "reports that", "declined to confirm".
func hearsay(toks []dtok, k int) bool {
	switch toks[k].w {
	case "report", "reports":
		if k+1 < len(toks) && (toks[k+1].w == "saying" || toks[k+1].w == "that" || toks[k+1].w == "said") {
			return true
		}
		// "after reports emerged that X was in talks to buy Y".
		// ("reports first surfaced that": an adverb may come between.)
		if k+2 < len(toks) && reportsSurfaced[toks[k+1].w] && toks[k+2].w == "that" ||
			k+3 < len(toks) && (strings.HasSuffix(toks[k+1].w, "ly") || toks[k+1].w == "first") && reportsSurfaced[toks[k+2].w] && toks[k+3].w == "that" {
			return true
		}
		if k > 0 {
			switch toks[k-1].w {
			case "a", "press", "newspaper", "media", "news", "unconfirmed":
				return true
			}
			return toks[k-1].ent >= 0
		}
	case "confirm":
		return k > 1 && toks[k-1].w == "to" && (toks[k-2].w == "declined" || toks[k-2].w == "refused" || toks[k-2].w == "would")
	case "according":
		// "according to a new report", "according to people familiar".
		if k+1 < len(toks) && toks[k+1].w == "to" {
			for q := k + 2; q < len(toks) && q < k+6; q++ {
				switch toks[q].w {
				case "report", "reports", "reporting", "sources", "people", "persons", "insiders", "media":
					return true
				}
			}
		}
	case "citing":
		// "..., citing unnamed sources".
		for q := k + 1; q < len(toks) && q < k+4; q++ {
			switch toks[q].w {
			case "sources", "people", "persons", "insiders", "unnamed", "anonymous":
				return true
			}
		}
	case "reported", "reporting":
		// "the Wall Street Journal reported today": a news outlet tells it.
		return k > 0 && newsOutlets[toks[k-1].w]

	case "sources", "source":
		// "sources said", "a source told Reuters", "sources familiar".
		return k+1 < len(toks) && (toks[k+1].w == "said" || toks[k+1].w == "say" || toks[k+1].w == "says" || toks[k+1].w == "told" || toks[k+1].w == "familiar" || toks[k+1].w == "close" || toks[k+1].w == "as") ||
			k > 0 && toks[k-1].w == "quoted"
	}
	return false
}

// status reads the status words of the clause around the trigger.
func (c *dealContext) status(toks []dtok, lo, hi, i, j int, typ partnergraph.DealType, st partnergraph.DealStatus, own bool) partnergraph.DealStatus {
	from, to := max(lo, i-10), min(hi, j+8)
	var block, term, done, aip, prop bool
	for k := from; k < to; k++ {
		w := toks[k].w
		switch {
		case blockWords[w] && k > 0 && toks[k-1].w == "building":
			// "building blocks"
		case blockWords[w] && k > 1 && toks[k-1].w == "to" && !rulingWords[toks[k-2].w]:
			// "sued to block", "is trying to block": an attempt, not a
			// ruling; "voted to block" and "a decision to block" are one.
		case blockWords[w]:
			block = true
		case (w == "thrown" || w == "threw" || w == "struck") && k+1 < len(toks) && toks[k+1].w == "out":
			block = true
		case (w == "reject" || w == "rejected" || w == "rejects") && typ == partnergraph.Merger:
			// A merger needs both boards; an open bid stays proposed.
			term = true
		case (w == "tried" || w == "attempted" || w == "failed") && k < i:
			term = true
		case w == "unable" && k < i && k+2 < len(toks) && toks[k+1].w == "to" && dealEndVerbs[toks[k+2].w]:
			// "was unable to complete negotiations to acquire Y": talks
			// that failed.
			term = true
		case (w == "formed" || w == "created") && k+1 < len(toks) && toks[k+1].w == "by" && k < i:
			// "SSL was formed by a three-way merger".
			done = true
		case termWords[w]:
			term = true
		case doneWords[w]:
			if !beforeHas(toks, lo, k, "be", "to", "will", "would", "expected", "is", "are", "when", "once", "until", "yet", "if") && !otherThingDone(toks, lo, k) {
				done = true
			}
		case w == "principle" && k > 0 && toks[k-1].w == "in":
			aip = true
		case (w == "following" || w == "after") && k < i && k >= i-3 && !plannedBetween(toks, k, i) && (toks[k+1].w == "the" || toks[k+1].w == "its" || toks[k+1].ent >= 0) &&
			!futureBefore(toks, lo, k):
			// (not "will remain in their posts following the merger")
			// "following Dixons' acquisition of 83 pct of Y", "after its
			// purchase of Y": the purchase the sentence follows is done.
			done = true
		case w == "discussing" && k < i:
			// "is discussing marketing cooperation with Y": talks.
			prop = true
		case w == "letter" && k+2 < len(toks) && toks[k+1].w == "of" && toks[k+2].w == "intent":
			aip = true
		case aipWords[w] && (typ == partnergraph.Acquisition || typ == partnergraph.Merger || typ == partnergraph.Investment) &&
			k+1 < len(toks) && (toks[k+1].w == "preliminary" || toks[k+1].w == "tentative" || toks[k+1].w == "tentatively" || toks[k+1].w == "provisionally"):
			// "agreed preliminary terms"; a plain "agreed to buy" is a
			// deal made public and not yet closed: announced.
			aip = true
		case propWords[w]:
			// "announced plans to collaborate" is an announcement; an offer
			// or bid proposes only a purchase ("offer access" does not).
			switch {
			case (w == "plans" || w == "plan") && k > 0 && announcedPlan(toks, k):
			case (w == "offer" || w == "bid" || w == "tender" || w == "hostile") && typ != partnergraph.Acquisition && typ != partnergraph.Merger && typ != partnergraph.Investment:
			case offerToProvide(toks, k, to):
			default:
				prop = true
			}
		case w == "proposed" || w == "planned":
			// "the proposed merger" names an agreed deal; "X proposed a
			// merger" is a proposal.
			if k+1 != i {
				prop = true
			}
		case (w == "called" || w == "call" || w == "calls" || w == "broke" || w == "break" || w == "breaks" || w == "broken") && k+1 < to && toks[k+1].w == "off":
			term = true
		case (w == "ended" || w == "end" || w == "ends") && k+1 < to && (toks[k+1].w == "talks" || toks[k+1].w == "merger" || toks[k+1].w == "negotiations"):
			term = true
		case endsTalks(toks, k, to):
			// "ending weeks of talks".
			term = true
		case w == "pulled" && k+1 < to && toks[k+1].w == "out", w == "fell" && k+1 < to && toks[k+1].w == "through":
			term = true
		case w == "longer" && k > 0 && toks[k-1].w == "no" && k < i && k >= i-6, w == "intention" && k > 0 && toks[k-1].w == "no":
			// "no longer plans to merge"; but in "can no longer make money
			// ..., including a partnership" the words end something else.
			term = true
		case (w == "has" || w == "have" || w == "had") && k+1 < len(toks) && k+1 == i && !propWords[toks[i].w] && (typ == partnergraph.Acquisition || typ == partnergraph.Investment || typ == partnergraph.Merger):
			// "X has bought Y" is done; "X has offered N for Y" proposes.
			done = true
		case (w == "has" || w == "have") && k+1 < i && k+3 >= i && (toks[k+1].w == "formed" || toks[k+1].w == "signed" || toks[k+1].w == "established" || toks[k+1].w == "secured" || toks[k+1].w == "set"):
			// "X has formed a joint venture with Y".
			done = true
		case w == "memorandum" && k+2 < len(toks) && toks[k+1].w == "of" && toks[k+2].w == "understanding", w == "mou":
			aip = true
		case existingWords[w] && k < i && k >= i-4 && typ != partnergraph.Acquisition && typ != partnergraph.Merger:
			// "expanding its partnership with Y", "their existing
			// alliance": the relationship is already in place.
			done = true
		}
	}
	// "Amazon's move follows Microsoft's deal with OpenAI": a deal that
	// something follows has been made.
	for k := max(lo, i-5); k < i; k++ {
		if w := toks[k].w; (w == "follows" || w == "followed") && !prop && !aip && !beforeHas(toks, k, i, "proposed", "planned", "pending", "possible") {
			if k+1 < i && (toks[k+1].ent >= 0 || toks[k+1].w == "the" || toks[k+1].w == "its" || toks[k+1].w == "their") {
				done = true
			}
		}
	}
	// "last month it signed an agreement", "inked a deal two years ago":
	// signed at a time now past, the agreement is made.
	// A purchase or merger agreed last month is signed, not closed: still
	// announced (convention 11).
	if !aip && !prop && typ != partnergraph.Acquisition && typ != partnergraph.Merger && contractBefore(toks, lo, i) && pastTimeIn(toks, lo, to) {
		done = true
	}
	// "Quillon, which partnered with Harbex", "after Zyxo teamed up
	// with Orla", "Roughly two years ago, Zyxo partnered with Orla": a
	// tie told as background was in force before the story's news.
	// Only a sentence's own trigger counts (own): a later sentence read
	// back for the status of an earlier deal may tell of something else
	// in the past ("started in 2008 and raised $12 million earlier this
	// year").
	if own && !aip && !prop && !term && typ == partnergraph.Partnership && (backgroundClause(toks, lo, i) || pastTimeIn(toks, lo, to)) {
		done = true
	}
	// "has no intention of proceeding with talks on a merger", "no
	// longer plans to": the whole clause before the trigger counts.
	for k := lo + 1; k < i; k++ {
		if toks[k-1].w == "no" && (toks[k].w == "intention" || toks[k].w == "longer" && k >= i-6) {
			term = true
		}
	}
	switch {
	case block:
		return partnergraph.Blocked
	case term:
		return partnergraph.Terminated
	case done:
		return partnergraph.Completed
	case aip:
		return partnergraph.AgreedInPrinciple

	case prop:
		return partnergraph.Proposed
	}
	return st
}

// year reads the year the clause gives: "in 2019", "back in 2019", "March
// 2019", "last year"; years after the publication are plans, not dates.
// nextOwnClause returns where a clause with a subject of its own opens
// after the trigger at ti: ", and" or ", but" followed within six words
// by "it" or "they" ("…, and in 2017, it launched"); hi when none does.
func nextOwnClause(toks []dtok, ti, hi int) int {
	for k := ti + 1; k+2 < hi; k++ {
		// "M&D's first acquisition since Y acquired a majority interest
		// in M&D in December 2018": a "since" clause with a subject of
		// its own dates its own event.
		if toks[k].w == "since" && (toks[k+1].ent >= 0 || toks[k+1].w == "it" || toks[k+1].w == "they") {
			return k
		}
		if toks[k].w != "," || toks[k+1].w != "and" && toks[k+1].w != "but" {
			continue
		}
		for q := k + 2; q < hi && q <= k+7; q++ {
			if toks[q].w == "it" || toks[q].w == "they" {
				return k
			}
		}
	}
	return hi
}

func (c *dealContext) year(toks []dtok, lo, hi, ti int) (int, bool) {
	best, dist := 0, 1<<30
	take := func(y, k int) {
		d := k - ti
		if d < 0 {
			d = -d
		}
		if d < dist {
			best, dist = y, d
		}
	}
	// "inked a deal with Y to build cars, and in 2017, it launched a
	// fund": a clause of its own after the trigger dates something else.
	hi = min(hi, nextOwnClause(toks, ti, hi))
	last := 0 // the last year read: "in 2015 and a year later" counts from it
	for k := lo; k < hi; k++ {
		w := toks[k].w
		// "bought A in 2015 and a year later acquired B": 2016.
		if (w == "year" || w == "years") && last != 0 && k > 0 && k+1 < hi && toks[k+1].w == "later" {
			if n := smallNumber(toks[k-1].w); n > 0 && (c.pubYear == 0 || last+n <= c.pubYear) {
				take(last+n, k)
			}
		}
		if len(w) == 4 && w[0] >= '1' && w[0] <= '2' && isNum(w) {
			y, _ := strconv.Atoi(w)
			if y < 1900 || y > 2100 || k == 0 {
				continue
			}
			p := toks[k-1].w
			if !yearPreps[p] && !monthNames[p] && !isNum(p) && p != "," {
				continue
			}
			if foundedBefore(toks, lo, k) {
				continue
			}
			if p == "," && !(k >= 3 && monthNames[toks[k-3].w]) {
				continue
			}
			if c.pubYear != 0 && y > c.pubYear {
				continue
			}
			take(y, k)
			last = y
			continue
		}
		if (w == "years" || w == "year") && k+1 < hi && toks[k+1].w == "ago" && k > 0 && c.pubYear != 0 && !foundedBefore(toks, lo, k) {
			if n := smallNumber(toks[k-1].w); n > 0 {
				take(c.pubYear-n, k)
			}
		}
		// "in December" in a February article, with no year, is the
		// December before.
		if monthNames[w] && len(w) > 2 && k > 0 && toks[k-1].w == "in" && c.pubYear != 0 && c.pubMonth != 0 &&
			!(k+1 < hi && len(toks[k+1].w) == 4 && isNum(toks[k+1].w)) && monthIndex(w) > c.pubMonth {
			take(c.pubYear-1, k)
		}
		if monthNames[w] && len(w) > 2 && k > 0 && toks[k-1].w == "last" && c.pubYear != 0 && c.pubMonth != 0 {
			// "last September" in an August article is the year before.
			if m := monthIndex(w); m >= c.pubMonth {
				take(c.pubYear-1, k)
			} else {
				take(c.pubYear, k)
			}
		}
		if w == "year" && k > 0 && c.pubYear != 0 {
			switch toks[k-1].w {
			case "last":
				take(c.pubYear-1, k)
			}
		}
	}
	return best, best != 0
}

// monthIndex returns 1 for "january" or "jan", …, 12 for "december".
func monthIndex(w string) int {
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(w, m) {
			return i + 1
		}
	}
	return 0
}

// foundedBefore reports whether a word such as "founded" comes just before
// the date at k: "Anthropic, founded in 2021", "founded about two years
// ago" date the company, not the deal.
func foundedBefore(toks []dtok, lo, k int) bool {
	for n := k - 1; n >= lo && n >= k-8; n-- {
		switch toks[n].w {
		case "founded", "established", "incorporated", "created", "born", "started":
			return true
		case ",", ";", "(", ")":
			// "founded by two former engineers in 2011" is one phrase;
			// a comma closes it.
			return false
		}
	}
	return false
}

// smallNumber reads "two" or "2" as 2; 0 when w is not a small number.
func smallNumber(w string) int {
	for i, n := range []string{"a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"} {
		if w == n {
			return i + 1
		}
	}
	if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 50 {
		return n
	}
	return 0
}

// Currency words and symbols with their ISO codes.
var currencies = map[string]string{
	"$": "USD", "dlrs": "USD", "dlr": "USD", "dollars": "USD", "usd": "USD", "£": "GBP", "stg": "GBP", "sterling": "GBP", "pounds": "GBP",
	"€": "EUR", "euros": "EUR", "eur": "EUR", "¥": "JPY", "yen": "JPY", "francs": "FRF", "marks": "DEM", "guilders": "NLG", "lire": "ITL",
}

// Scale words and suffixes.
var scales = map[string]float64{
	"billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6, "thousand": 1e3, "k": 1e3, "trillion": 1e12,
}

// value finds the first amount of money in the clause, preferring one after
// the trigger: "$1.2 billion", "50 mln dlrs", "£300m", "$11bn".
func moneyValue(toks []dtok, lo, hi, j int) (*float64, string) {
	try := func(k int) (*float64, string, bool) {
		cur := ""
		n := k
		if c, ok := currencies[toks[k].w]; ok && len(toks[k].w) <= 3 && !isLetters(toks[k].w) {
			cur = c
			n = k + 1
			if n >= hi {
				return nil, "", false
			}
		}
		num, suffix := splitNumber(toks[n].w)
		var v float64
		if wv, ok := numberWords[toks[n].w]; ok {
			// "five dlrs a share": a spelled-out sum.
			v = wv
		} else {
			if num == "" {
				return nil, "", false
			}
			var err error
			v, err = strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
			if err != nil {
				return nil, "", false
			}
		}
		scale := 1.0
		if suffix != "" {
			s, ok := scales[suffix]
			if !ok {
				return nil, "", false
			}
			scale = s
		} else if n+1 < hi {
			if s, ok := scales[toks[n+1].w]; ok && len(toks[n+1].w) > 1 {
				scale = s
				n++
			}
		}
		if cur == "" {
			if n+1 < hi {
				// "50 dlrs/shr": a price per share.
				w, _, _ := strings.Cut(toks[n+1].w, "/")
				if c, ok := currencies[w]; ok && isLetters(w) {
					cur = c
				}
			}
			if cur == "" {
				return nil, "", false
			}
		}
		v *= scale
		return &v, cur, true
	}
	for k := j; k < hi; k++ {
		if v, c, ok := try(k); ok {
			return v, c
		}
	}
	for k := lo; k < j && k < hi; k++ {
		if v, c, ok := try(k); ok {
			return v, c
		}
	}
	return nil, ""
}

// numberWords are the spelled-out numbers wire copy uses for small sums
// ("five dlrs a share").
var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}

// isWordLike reports whether w is a lower-case word, hyphens allowed.
func isWordLike(w string) bool {
	for i := 0; i < len(w); i++ {
		if !(w[i] >= 'a' && w[i] <= 'z' || w[i] == '-') {
			return false
		}
	}
	return w != ""
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !(w[i] >= 'a' && w[i] <= 'z') {
			return false
		}
	}
	return w != ""
}

// splitNumber splits "11bn" into "11" and "bn".
func splitNumber(w string) (string, string) {
	i := 0
	for i < len(w) && (isDig(w[i]) || w[i] == '.' || w[i] == ',') {
		i++
	}
	if i == 0 || !isDig(w[0]) {
		return "", ""
	}
	return w[:i], w[i:]
}

// finish adds the platforms of the sentence and the parties' cloud
// divisions to m.
func (c *dealContext) finish(s *dsent, m dmention, ents []int) dmention {
	m.platforms = append([]string(nil), s.platforms...)
	for _, e := range ents {
		if p := s.ents[e].platform; p != "" {
			m.platforms = appendUnique(m.platforms, p)
		}
	}
	if len(m.platforms) == 0 {
		// "Microsoft's cloud technology": a party's cloud named elsewhere.
		for k, t := range s.toks {
			if t.w == "cloud" && k > 0 && s.toks[k-1].w == "'s" && k > 1 && s.toks[k-2].ent >= 0 {
				if p, ok := c.clouds[s.ents[s.toks[k-2].ent].name]; ok && hasParty(m.parties, s.ents[s.toks[k-2].ent].name) {
					m.platforms = append(m.platforms, p)
				}
			}
		}
	}
	return m
}

// twoPartyMention builds the mention of a deal of type typ between the
// sentence's entities a and b with the given roles, as the two-party rules
// share it: a past-tense trigger with no other status cue makes the deal
// completed, and confDelta adjusts the rule's confidence.
func (c *dealContext) twoPartyMention(s *dsent, lo, hi, i, j int, t dtrigger, typ partnergraph.DealType, roles [2]partnergraph.Role, a, b int, confDelta float64) []dmention {
	m, ok := c.newMention(s, lo, hi, i, j, t, typ)
	if !ok {
		return nil
	}
	if t.past && m.status == "" {
		m.status = partnergraph.Completed
	}
	m.parties = []dparty{{s.ents[a].name, roles[0]}, {s.ents[b].name, roles[1]}}
	m.conf += confDelta
	return []dmention{c.finish(s, m, []int{a, b})}
}

// newsOutlets are the last words of names of news outlets, by which "X
// reported" is second-hand news of a deal.
var newsOutlets = setOf("journal", "times", "post", "news", "herald", "telegraph", "guardian", "tribune", "bloomberg", "reuters",
	"cnbc", "axios", "information", "insider", "techcrunch", "verge", "economist", "nikkei", "observer", "semafor", "recode")

// foreseenMoves are verbs after "expected to" or "looking to" that name a
// deal yet to be made ("is expected to announce a merger"); completing
// one already agreed is not among them.
var foreseenMoves = setOf("announce", "unveil", "sign", "make", "launch", "buy", "acquire", "purchase", "bid", "offer", "merge",
	"invest", "partner", "team", "take", "strike", "seal", "ink", "form", "enter")

// expectedMove reports whether toks[k] starts a forecast or search for a
// deal before the trigger at i: "is expected to announce", "is looking
// into acquiring", "looking to buy".
func expectedMove(toks []dtok, k, i int) bool {
	if k+2 > i {
		return false
	}
	switch toks[k].w {
	case "expected", "tipped":
		return toks[k+1].w == "to" && k+2 < len(toks) && foreseenMoves[toks[k+2].w] && k > 0 && (toks[k-1].w == "is" || toks[k-1].w == "are" || toks[k-1].w == "was" || toks[k-1].w == "were")
	case "looking":
		switch toks[k+1].w {
		case "into", "at":
			return true
		case "to":
			return k+2 < len(toks) && foreseenMoves[toks[k+2].w]
		}
	}
	return false
}

// infinitiveAt reports whether toks[k] is "to" opening a verb phrase
// ("take over devices to install spyware"), which ends the object of a
// purchase; "to" before a number, a name or a determiner does not.
func infinitiveAt(toks []dtok, k, hi int) bool {
	if toks[k].w != "to" || k+1 >= hi {
		return false
	}
	n := toks[k+1]
	if n.ent >= 0 || n.cap || !isWordLike(n.w) || isNum(n.w) {
		return false
	}
	switch n.w {
	case "a", "an", "the", "its", "their", "his", "her", "our", "as", "about", "around", "some", "be":
		return false
	}
	return k > 0 && toks[k-1].w != "up" && toks[k-1].w != "from"
}

// listIntro are words that open a list of examples: "used by companies
// including Microsoft and SAP, is to be acquired by Y"; a name in such a
// list is the target only when the passive follows it directly ("rivals
// like Splunk (recently acquired by Cisco)").
var listIntro = setOf("including", "like", "as", "among")

// listStart returns the index of the list word when the entity at k is
// one of a list of examples ("including Microsoft, Google, and SAP"), or
// -1.
func listStart(toks []dtok, lo, k int) int {
	for p := k - 1; p >= lo; p-- {
		switch w := toks[p].w; {
		case listIntro[w]:
			if w == "as" && (p == lo || toks[p-1].w != "such") {
				return -1 // "as well as X", "known as X"
			}
			return p
		case toks[p].ent >= 0 || toks[p].cap || w == "," || w == "and" || w == "or" || w == "&":
			// names we do not know stand in the list as well
		default:
			return -1
		}
	}
	return -1
}

// jobPartner reports whether the partner word at i is a job title: "said
// Jane Doe, a partner with Y", "managing partner at Y".
func jobPartner(toks []dtok, lo, i int) bool {
	if toks[i].w != "partner" || i == lo {
		return false
	}
	switch toks[i-1].w {
	case "managing", "general", "founding", "senior", "operating", "venture", "limited":
		return true
	case "a":
		return i-2 >= lo && toks[i-2].w == ","
	}
	return false
}

// coInvestors reports whether the clause after a partnership word speaks
// of a funding round: "excited to partner with X in this round" pairs two
// investors, not two partners.
func coInvestors(toks []dtok, j, hi int) bool {
	for k := j + 1; k < hi; k++ {
		if w := toks[k].w; w != "round" && w != "financing" {
			continue
		}
		switch toks[k-1].w {
		case "this", "the", "funding", "investment", "seed", "latest", "new":
			for q := k - 2; q >= j && q >= k-4; q-- {
				if toks[q].w == "in" || toks[q].w == "on" || toks[q].w == "for" {
					return true
				}
			}
		}
	}
	return false
}

// commaJoined reports whether the entity at k is followed by a comma and,
// straight after it, another entity: "with Warner, Roblox has".
// frontedSubject returns the last company of the group g (listed from
// token at) when the list of the others closes with "and" and a comma
// then names it: "with A, B and C, D plans" gives D; "with A, B and C"
// and "with A, B, C and D" give -1.
func frontedSubject(toks []dtok, at, hi int, g []int) int {
	first := make(map[int]int, len(g))
	for k := at; k < hi; k++ {
		if e := toks[k].ent; e >= 0 {
			if _, ok := first[e]; !ok {
				first[e] = k
			}
		}
	}
	last, prev := first[g[len(g)-1]], first[g[len(g)-2]]
	if last < 1 || prev < 1 || toks[last-1].w != "," || toks[prev-1].w != "and" {
		return -1
	}
	return g[len(g)-1]
}

func commaJoined(toks []dtok, k, hi int) bool {
	for n := k + 1; n < hi; n++ {
		if toks[n].ent == toks[k].ent {
			continue // a name over several tokens
		}
		if toks[n].w != "," || n+1 >= hi || toks[n+1].ent < 0 {
			return false
		}
		// "In partnership with A, B and C, D plans": the name after the
		// comma goes on the list when another comma or "and" follows it.
		e := toks[n+1].ent
		for m := n + 2; m < hi; m++ {
			if toks[m].ent == e {
				continue
			}
			return !partyJoin[toks[m].w]
		}
		return true
	}
	return false
}

// relativeHead returns the index of the token before ", which" (or
// "—which", "that") opening the relative clause that holds the passive
// verb at i ("X, which was later acquired by Y"), or before the bracket
// that holds it ("X (acquired by Y in 2008)"), or -1.
func relativeHead(toks []dtok, lo, i int) int {
	for k := i - 1; k > lo && k >= i-5; k-- {
		switch w := toks[k].w; {
		case w == "(":
			// "Qumranet (acquired by Red Hat in 2008)".
			return k - 1
		case w == "which" || w == "that":
			if p := toks[k-1].w; (p == "," || p == "-" || p == "—" || p == "–") && k-2 >= lo {
				return k - 2
			}
			// "Socialcam, a mobile video app that was acquired by Y": the
			// name the aside describes.
			if c := appositiveStart(toks, lo, k); c >= 0 {
				return c
			}
			return -1
		case auxWords[w] || w == "been" || w == "being" || w == "later" || w == "since" || w == "itself":
		default:
			return -1
		}
	}
	return -1
}

// ownsOther reports whether the entity at k owns a following noun that is
// not a stake in it nor its round: "invest in Arm's R&D" is spending,
// "invest in Arm's shares" a stake, "invest in Arm's series B" funding.
func ownsOther(toks []dtok, k, hi int) bool {
	if k+2 >= hi || toks[k+1].w != "'s" {
		return false
	}
	// "invested $1 million into Y's ongoing token presale": Y's own
	// round takes the money.
	for x := k + 2; x < hi && x < k+6 && isWordLike(toks[x].w); x++ {
		if roundNouns[toks[x].w] || toks[x].w == "presale" || toks[x].w == "pre-sale" || toks[x].w == "series" {
			return false
		}
	}
	return !stakeNouns[toks[k+2].w] && toks[k+2].w != "stock" && toks[k+2].ent < 0
}

// aipBefore reports whether the clause before the trigger at i agrees a
// deal in principle: "agreed to", "in principle", "letter of intent".
func aipBefore(toks []dtok, lo, i int) bool {
	for k := lo; k < i; k++ {
		if aipWords[toks[k].w] || toks[k].w == "principle" || toks[k].w == "intent" || toks[k].w == "understanding" {
			return true
		}
	}
	return false
}

// purchaseVerbs take the company bought as their direct object: the
// one-word verbs of the acquisition triggers ("acquire", "bought").
var purchaseVerbs = func() map[string]bool {
	m := map[string]bool{}
	for w, ts := range triggers {
		for _, t := range ts {
			if t.fam == famAcquire && t.verb && t.next == "" {
				m[w] = true
			}
		}
	}
	return m
}()

// mergesThings reports whether a merging verb's object is a thing, not
// a business: "merged the database of videos with its own dataset of
// Zyxo networks" and "merged the data troves after all" merge data
// ("merged its operations with Y", "merged its unit into Y", "merged
// the two companies" merge businesses).
func mergesThings(toks []dtok, j, hi int) bool {
	if j >= hi {
		return false
	}
	switch toks[j].w {
	case "the", "its", "their", "a", "an", "his", "her":
	default:
		return false
	}
	for k := j + 1; k < hi && k < j+10; k++ {
		w := toks[k].w
		if w == "with" || w == "into" {
			return true
		}
		if toks[k].ent >= 0 || businessNouns[w] || assetNouns[w] || unitNouns[w] || w == "firms" || w == "companies" || w == "groups" {
			return false
		}
		// "Y merged the data troves after all": the object ends with
		// no business in it.
		if w == "," || w == "." || w == ";" || w == "after" || w == "to" || w == "in" || w == "for" {
			return k > j+1
		}
	}
	return j+1 < hi && j+10 >= hi
}

// licenceKinds before a licence word say it is a public or software
// licence, not a deal between two companies: "an open source license",
// "its broadcast licence", "exploration licence".
var licenceKinds = setOf("open", "source", "proprietary", "software", "broadcast", "broadcasting", "operating", "exploration",
	"production", "mining", "spectrum", "banking", "driving", "gaming", "export", "import", "business")

// licenceActs before a licence word make it a permit sought, held in
// common or changed, not a deal: "obtain a license", "share the
// licence", "changed the license for X".
var licenceActs = setOf("obtain", "obtained", "obtaining", "share", "shares", "sharing", "renew", "renewed", "revoke", "revoked",
	"apply", "applied", "change", "changed", "switched", "switch", "proceedings")

// licenceModified are nouns after "licensing" that make it a trade, not a
// deal: "a chip licensing firm", "its licensing model", "licensing fees".
var licenceModified = setOf("firm", "company", "business", "model", "portfolio", "fees", "fee", "revenue", "revenues",
	"proceedings", "income", "costs", "terms", "program", "programme", "arm", "unit", "division")

// notALicenceDeal reports whether the licence word at i names no deal
// between two companies (licenceKinds, licenceActs, licenceModified).
// Counter-examples keep their deal: "a licensing agreement with Y", "X
// licensed its patents to Y".
func notALicenceDeal(toks []dtok, lo, i, j, hi int) bool {
	for k := max(lo, i-4); k < i; k++ {
		if licenceKinds[toks[k].w] && k >= i-2 || licenceActs[toks[k].w] {
			return true
		}
	}
	return j < hi && licenceModified[toks[j].w]
}

// sameFamily reports whether two names are of one company and its
// product or division ("Cockroach Labs" and "CockroachDB", "Zyxo" and
// "Zyxo Payments Inc"): the first word of one begins the first word of
// the other.
func sameFamily(a, b string) bool {
	fa, _, _ := strings.Cut(strings.ToLower(a), " ")
	fb, _, _ := strings.Cut(strings.ToLower(b), " ")
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	return len(fa) >= 4 && strings.HasPrefix(fb, fa)
}

// workWith reports whether w is a form of "work" (with "with", a
// partnership trigger).
func workWith(w string) bool {
	return w == "work" || w == "works" || w == "working" || w == "worked"
}

// workPurpose reports whether "work with" at i names a partnership: a
// company right after "with" (a description of up to three words
// before it, "with chip maker Y"), then a purpose ("to build", "on a
// chip", "for its cars"), and no "how" before the verb ("how to work
// with Y"). "Works with developers like Y" names no partner.
func workPurpose(toks []dtok, lo, i, j, hi int) bool {
	if beforeHas(toks, lo, i, "how", "who", "whom") {
		return false
	}
	at := -1
	for k := j; k < hi && k < j+4; k++ {
		if toks[k].ent >= 0 {
			at = k
			break
		}
		if !isWordLike(toks[k].w) || toks[k].w == "like" || toks[k].w == "such" || toks[k].w == "including" {
			return false
		}
	}
	if at < 0 {
		return false
	}
	for k := at + 1; k < hi && k < at+4; k++ {
		switch toks[k].w {
		case "to", "on", "for":
			return true
		case "'s", ",", "and":
			if toks[k].w != "'s" {
				return false
			}
		}
		if toks[k].ent >= 0 {
			continue
		}
	}
	return false
}

// supplyMention returns the supply deal between supplier and customer
// (entity indices) that the trigger at i reports.
func (c *dealContext) supplyMention(s *dsent, lo, hi, i, j int, t dtrigger, supplier, customer int) []dmention {
	if supplier < 0 || customer < 0 || supplier == customer {
		return nil
	}
	m, ok := c.newMention(s, lo, hi, i, j, t, partnergraph.Supply)
	if !ok {
		return nil
	}
	m.parties = []dparty{{s.ents[supplier].name, partnergraph.RoleSupplier}, {s.ents[customer].name, partnergraph.RoleCustomer}}
	return []dmention{c.finish(s, m, []int{supplier, customer})}
}

// chosenSupplier reads a company chosen to do a job: "X selected Y to
// supply batteries", "X has tapped Y to measure its audience". The
// chosen company follows the verb directly and "to" and a verb follow
// it; the subject is the customer. "X was selected to ..." (no chooser)
// and "X hired Jane Doe to ..." (no company) are none.
func (c *dealContext) chosenSupplier(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	if j >= hi || toks[j].ent < 0 {
		return nil
	}
	k := j + 1
	for k < hi && toks[k].ent == toks[j].ent {
		k++
	}
	if k+1 >= hi || toks[k].w != "to" || !isWordLike(toks[k+1].w) || toks[k+1].cap || financeJob(toks, k+1, hi) {
		return nil
	}
	sg := subjectGroup(toks, lo, i)
	if len(sg) != 1 {
		return nil
	}
	return c.supplyMention(s, lo, hi, i, j, t, toks[j].ent, sg[0])
}

// financeJob reports whether the job at k is lending or advice, which
// the labels make no supply: "to provide financing", "to advise on".
func financeJob(toks []dtok, k, hi int) bool {
	switch toks[k].w {
	case "advise", "underwrite", "represent", "arrange", "lend", "finance", "manage":
		return true
	}
	for q := k + 1; q < hi && q <= k+3; q++ {
		switch toks[q].w {
		case "financing", "funding", "loan", "loans", "credit", "advice", "capital":
			return true
		}
	}
	return false
}

// orderedFrom reads goods ordered from a maker: "X ordered 20 trucks
// from Y" (a count of things, then "from" and the maker).
func (c *dealContext) orderedFrom(s *dsent, lo, hi, i, j int, t dtrigger) []dmention {
	toks := s.toks
	from, at := prepEntity(toks, j, hi, 8, "from")
	if from < 0 || !goodsBought(toks, j, at) {
		return nil
	}
	sg := subjectGroup(toks, lo, i)
	if len(sg) != 1 {
		return nil
	}
	return c.supplyMention(s, lo, hi, i, j, t, from, sg[0])
}

// relativeObject finds the company bought in "X (which Y bought in 2000)",
// "X, which Y acquired" and "X, which it bought": the name before the relative pronoun whose
// clause has buyer as its subject; else -1. The name may be described
// before the pronoun ("X, a London startup that Y acquired in 2014", "its
// X division, which Y bought"), and the pronoun may be left out after
// such a description ("X, the AI company Y acquired last year").
// Counter-example: "the startup that Y acquired" names no company bought.
func relativeObject(toks []dtok, lo, i, buyer int) int {
	for k := i - 1; k > lo && k >= i-12; k-- {
		if toks[k].w != "which" && toks[k].w != "that" {
			continue
		}
		// the subject must follow the pronoun: the buyer, or "it"
		// standing for the buyer ("Tellamo, which it bought"), after
		// a description of the buyer if any ("which automation (RPA)
		// leader Y later acquired").
		sub := describedSubject(toks, k+1, i)
		// "which Zyxo parent company Orla acquired": a name in
		// the description modifies the buyer's noun.
		for sub+1 < i && toks[sub].ent >= 0 && toks[sub].ent != buyer && isWordLike(toks[sub+1].w) && !toks[sub+1].cap && !auxWords[toks[sub+1].w] && !purchaseVerbs[toks[sub+1].w] {
			sub = describedSubject(toks, sub+1, i)
		}
		if sub >= i || toks[sub].ent != buyer && toks[sub].w != "it" {
			return -1
		}
		h := k - 1
		if toks[h].w == "," || toks[h].w == "(" {
			h--
		}
		if h >= lo && toks[h].ent >= 0 && toks[h].ent != buyer {
			return toks[h].ent
		}
		return describedBefore(toks, lo, h+1, buyer)
	}
	// "X, the AI company Y acquired": the subject directly before the
	// verb, a description before it, and no object after the verb ("X,
	// the bank Y has bought 49% of" buys something else).
	if i+1 < len(toks) && !clauseEndAfterVerb(toks, i+1) {
		return -1
	}
	k := i - 1
	for k > lo && auxWords[toks[k].w] {
		k--
	}
	if k <= lo || toks[k].ent != buyer {
		return -1
	}
	for k > lo && toks[k-1].ent == buyer {
		k--
	}
	d := k - 1
	for d > lo && d >= k-6 && toks[d].ent < 0 && isWordLike(toks[d].w) && toks[d].w != "the" && toks[d].w != "a" && toks[d].w != "an" {
		d--
	}
	if d > lo && d < k-1 && (toks[d].w == "the" || toks[d].w == "a" || toks[d].w == "an") && toks[d-1].w == "," {
		return describedBefore(toks, lo, d, buyer)
	}
	return -1
}

// describedSubject returns the first token from k past a description in
// lower-case words, with a bracketed abbreviation ("robotic process
// automation (RPA) leader"), of at most seven tokens before i; k itself
// when there is none. An article or a preposition ends the search: "which
// the board of Y approved" has no described subject.
func describedSubject(toks []dtok, k, i int) int {
	for q := k; q < i && q < k+8; q++ {
		t := toks[q]
		switch {
		case t.ent >= 0 || t.w == "it":
			return q
		case t.w == "(" && q+2 < i && toks[q+2].w == ")":
			q += 2
		case !isWordLike(t.w) || t.cap || openingLinks[t.w] || t.w == "the" || t.w == "a" || t.w == "an" || auxWords[t.w] || clauseVerbs[t.w]:
			return k
		}
	}
	return k
}

// clauseVerbs start a clause of their own after "that": "an offer that
// would allow Y to acquire" describes no buyer.
var clauseVerbs = setOf("would", "will", "could", "can", "may", "might", "should", "allow", "allows", "allowed", "let", "lets",
	"help", "helps", "enable", "enables", "make", "makes", "made", "see", "sees", "saw", "give", "gives", "gave")

// clauseEndAfterVerb reports whether the verb before k takes no object:
// the clause ends there or a time follows ("acquired last year", "bought
// in 2015", "acquired a few months ago").
func clauseEndAfterVerb(toks []dtok, k int) bool {
	switch w := toks[k].w; w {
	case ",", ".", ";", ")", "(", "—", "-", "in", "last", "earlier", "this", "back", "during", "for", "since":
		return true
	case "a":
		return k+1 < len(toks) && (toks[k+1].w == "few" || toks[k+1].w == "year" || toks[k+1].w == "couple" || toks[k+1].w == "decade" || toks[k+1].w == "little")
	}
	return isNum(toks[k].w) && k+1 < len(toks) && (toks[k+1].w == "years" || toks[k+1].w == "months")
}

// describedBefore returns the company named just before the description
// that ends before at: "X, a London startup" (the name, a comma and the
// description), "its X division" (a unit noun after the name); else -1.
func describedBefore(toks []dtok, lo, at, buyer int) int {
	// "its X division": the unit named before its noun.
	if at-2 >= lo && roleNouns[toks[at-1].w] && toks[at-2].ent >= 0 && toks[at-2].ent != buyer {
		return toks[at-2].ent
	}
	for d := at - 1; d > lo && d >= at-7; d-- {
		t := &toks[d]
		// "X, a London startup that Y acquired", "X - a startup that
		// Y acquired", "X is a London startup that Y acquired".
		if t.w == "," || t.w == "-" || t.w == "is" || t.w == "was" {
			if toks[d-1].ent >= 0 && toks[d-1].ent != buyer && (toks[d+1].w == "a" || toks[d+1].w == "an" || toks[d+1].w == "the") {
				return toks[d-1].ent
			}
			return -1
		}
		if t.ent >= 0 || !isWordLike(t.w) {
			return -1
		}
	}
	return -1
}

// rulingWords before "to block" make the block a ruling, not an attempt.
var rulingWords = setOf("voted", "decided", "ruled", "agreed", "decision", "ruling", "order", "orders", "ordered")

// investorVoice reports whether the partnership verb at i follows "excited
// to", "thrilled to" and the like.
func investorVoice(toks []dtok, lo, i int) bool {
	if i-2 < lo || toks[i-1].w != "to" {
		return false
	}
	switch toks[i-2].w {
	case "excited", "thrilled", "proud", "delighted", "pleased", "honored", "honoured", "happy", "glad", "eager":
		return true
	}
	return false
}

// fundFirm reports whether a company name is that of an investment firm:
// "Redpoint Ventures", "Liberty Strategic Capital", "Harbor Lane Partners".
func fundFirm(name string) bool {
	last := name[strings.LastIndexByte(name, ' ')+1:]
	switch last {
	case "Ventures", "Capital", "Partners", "Investments", "Fund", "VC", "Equity":
		return true
	}
	return false
}

// ownedBusiness are what a company owns that can be bought as a business:
// a purchase of "X's memory chip business" buys part of X.
var ownedBusiness = setOf("team", "teams", "brand", "brands", "patents", "portfolio", "technology", "technologies", "rights",
	"line", "lines", "catalog", "catalogue", "library", "arm", "studio", "studios", "stake", "stakes", "shares", "stock",
	"interest", "holding", "holdings", "network", "networks", "service", "services", "software", "intellectual",
	"group", "groups", "property", "field", "fields", "claims", "reserves", "routes", "spectrum", "licenses", "licences", "frequencies")

// goodsOf reports whether the company at k only owns what is bought, and
// that is no part of its business: "purchasing Sony's console".
func goodsOf(toks []dtok, k, hi int) bool {
	if k+2 >= hi || toks[k+1].w != "'s" || toks[k+2].ent >= 0 {
		return false
	}
	// "Corvex' steel and nonresidential construction business",
	// "Nabisco Brands Ltd's Club, Melrose and Simpson businesses".
	for q := k + 2; q < hi && q < k+14; q++ {
		w := toks[q].w
		if assetNouns[w] || ownedBusiness[w] {
			return false
		}
		if toks[q].ent >= 0 {
			return false // "X's unit Y": Y is what is bought
		}
		if prepositions[w] || subjStop[w] || w == "." || w == ";" {
			break
		}
	}
	return true
}

// appositiveStart returns the index of the token before an aside that
// runs up to k ("X, a Toyota subsidiary," or "X, a mobile video app
// that"), or -1 when no aside opened by ", a", ", an" or ", the" ends there.
func appositiveStart(toks []dtok, lo, k int) int {
	for c := k - 1; c > lo && c >= k-10; c-- {
		switch toks[c].w {
		case ",":
			if c+1 < k && (toks[c+1].w == "a" || toks[c+1].w == "an" || toks[c+1].w == "the") {
				return c - 1
			}
			return -1
		case "said", "says", "and", "which", "who", ";", "(", ")":
			return -1
		}
	}
	return -1
}

// namedUnit returns the token index of the unit named after the company
// at k: "GM's Cruise unit", "Yukos' main production arm, Yugansk",
// "Marlow's AI startup DeepLoom", "Schlumberger Ltd unit Brightline";
// or -1 when no named unit follows.
func namedUnit(toks []dtok, k, hi int) int {
	// "Schlumberger Ltd unit Brightline Semiconductor Inc".
	if k+2 < hi && (toks[k+1].w == "unit" || toks[k+1].w == "subsidiary" || toks[k+1].w == "division" || toks[k+1].w == "arm") && toks[k+2].ent >= 0 && toks[k+2].ent != toks[k].ent {
		return k + 2
	}
	if k+2 >= hi || toks[k+1].w != "'s" {
		return -1
	}
	if toks[k+2].ent >= 0 && toks[k+2].ent != toks[k].ent {
		return k + 2
	}
	for q := k + 2; q+1 < hi && q < k+7; q++ {
		if roleNouns[toks[q].w] {
			n := q + 1
			if toks[n].w == "," && n+1 < hi {
				n++
			}
			if toks[n].ent >= 0 && toks[n].ent != toks[k].ent {
				return n
			}
			return -1
		}
		if toks[q].ent >= 0 || !isWordLike(toks[q].w) && !isNum(toks[q].w) {
			return -1
		}
	}
	return -1
}

// debtBought reports whether the words from j to the company at k buy
// its debt: "buy 175 mln dlrs of subordinated debt in Y".
func debtBought(toks []dtok, j, k int) bool {
	owed, assets := false, false
	for q := j; q < k; q++ {
		if debtNouns[toks[q].w] {
			return true
		}
		owed = owed || liabilityNouns[toks[q].w]
		assets = assets || toks[q].w == "assets" || toks[q].w == "business" || toks[q].w == "operations"
	}
	return owed && !assets
}

// debtNouns name borrowed money and securities, whose sale or purchase is
// a financing.
var debtNouns = setOf("debt", "notes", "debentures", "bonds", "securities", "paper", "loans", "debts")

// dealEndVerbs bring a deal or its talks to an end: "unable to complete
// negotiations", "unable to reach agreement".
var dealEndVerbs = setOf("complete", "reach", "agree", "finalize", "finalise", "conclude", "close")

// liabilityNouns name what a company owes: taking them over alone ("take
// over certain liabilities of its unit") buys no company, but "the assets
// and liabilities of Y" is the business.
var liabilityNouns = setOf("liabilities", "obligations")

// debtAntecedent reports whether the verb at i opens a relative clause
// about debt: "600 mln dlrs of notes which were sold to Y".
func debtAntecedent(toks []dtok, lo, i int) bool {
	k := i - 1
	for k >= lo && (auxWords[toks[k].w] || toks[k].w == "which" || toks[k].w == "that" || toks[k].w == "been" || toks[k].w == "being") {
		k--
	}
	return k >= lo && debtNouns[toks[k].w]
}
