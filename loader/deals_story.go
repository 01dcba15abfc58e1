package loader

import (
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Story-level rules. The sentence rules of deals.go need a grammatical
// frame around the deal word ("X agreed to acquire Y", "Y received a bid
// from X"). Many ownership stories are told in shapes those rules do not
// read: "the sale, to a subsidiary of Y, will take place this month",
// "shares in Z were tendered pursuant to X's offer", "the two companies
// had been holding discussions on a bid to be made by X". When the story
// classifier (StoryModel) holds an article to be about a change of
// ownership and the sentence rules found no acquisition, merger or
// investment in it, the opening sentences of the story are read once more
// with a looser rule: a sentence with an ownership word and exactly two
// companies that can be parties reports a deal between them. The hedge,
// negation and status checks of the sentence rules still apply, and such a
// deal carries a lower confidence.

// storyLead is how many sentences from the top of the story the
// story-level rule reads: news puts the deal in its lead.
const storyLead = 4

// storyConf is the confidence of a deal found by the story-level rule.
const storyConf = 0.55

// storyFamilies are the trigger families that speak of a change of
// ownership.
var storyFamilies = map[dfamily]bool{famAcquire: true, famAcqNoun: true, famSell: true, famMerge: true, famStake: true, famInvest: true, famPay: true}

// adviserCues are words that make the company after them an adviser,
// lender or agent rather than a party: "retained Kidder Peabody",
// "advised by Goldman Sachs".
var adviserCues = setOf("retained", "retains", "engaged", "engages", "hired", "hires", "advised", "adviser", "advisers", "advisor", "advisors",
	"underwriter", "underwriters", "manager", "managers", "through", "represented", "lender", "lenders", "banker", "bankers", "financed", "loans", "loan", "via", "with", "analyst", "analysts")

// authorityWords mark names of regulators, courts and exchanges, which
// are never parties.
var authorityWords = []string{"commission", "department", "court", "ministry", "exchange", "agency", "bureau", "authority", "government", "council", "administration", "tribunal", "regulator"}

// unitWords follow a company that is a unit being sold by another: "its
// Triplett subsidiary".
var unitWords = setOf("unit", "units", "subsidiary", "subsidiaries", "division", "divisions", "affiliate", "affiliates", "arm", "operations", "business", "businesses")

// storyVetoes are words that make a sentence unfit for the story-level
// rule: securities offerings and their underwriters, joint ventures
// (their own rules read them), and hedges, denials and refusals to
// comment anywhere in the sentence.
var storyVetoes = setOf("offering", "offerings", "underwriting", "underwrite", "underwriters", "debentures", "notes", "bonds", "placement", "prospectus",
	"venture", "speculating", "speculation", "rumor", "rumors", "rumour", "rumours", "rumored", "rumoured", "declined", "denied", "denies",
	"not", "no", "n't", "never", "without", "reportedly", "possible", "possibility", "may", "might", "could", "would", "if", "whether",
	"considering", "consider", "considers", "exploring", "explore", "seeking", "seeks", "seek", "interested", "interest", "expressions", "study", "studying", "options", "alternatives",
	"financing", "funding", "loan", "loans", "credit", "commitment", "float", "flotation", "spinoff", "spin-off", "ipo", "retain", "retains", "analyst", "analysts",
	"mergers", "acquisitions", "takeovers", "evade", "evades", "avoid", "avoids", "escape", "offload", "offloads", "offloading", "dispose", "disposes", "disposing", "disposal")

// storyVetoesFilter is the filterOf storyVetoes.
var storyVetoesFilter = filterOf(storyVetoes)

// storyDeal applies the story-level rule to sentence s, returning the
// deal it reports if any.
func (c *dealContext) storyDeal(s *dsent) (dmention, bool) {
	toks := s.toks
	for k, t := range toks {
		// "may" as a month ("in May") is not a hedge.
		if inSet(storyVetoesFilter, storyVetoes, t.w) && !(t.w == "may" && t.cap && k > 0 && toks[k-1].w != "it" && toks[k-1].w != "they") {
			return dmention{}, false
		}
	}
	cue, cueEnd := -1, -1
	var cueT dtrigger
	for i := 0; i < len(toks) && cue < 0; i++ {
		ts, _ := triggersOf(toks[i].w)
		for _, t := range ts {
			if !storyFamilies[t.fam] {
				continue
			}
			j, ok := t.endAt(toks, i)
			if !ok {
				continue
			}
			// "pct" and "holding" speak of ownership only with a number:
			// "8.6 pct of Cenergy".
			if t.fam == famStake && toks[i].w != "stake" && toks[i].w != "stakes" && !ownedPct(toks, i) {
				continue
			}
			// "pay" and "receive" are deal words only with money.
			if t.fam == famPay && !moneyNear(toks, i) {
				continue
			}
			// "is to offer a video recorder to challenge Y": providing,
			// no bid; "X should now bid for Y": advice.
			if offerToProvide(toks, i, len(toks)) || adviceBefore(toks, 0, i) {
				continue
			}
			// "X, which sells software": a line of business, not a sale.
			if t.verb && (t.fam == famSell || t.fam == famAcquire) && beforeHas(toks, max(0, i-2), i, "which", "who", "that") {
				continue
			}
			cue, cueEnd, cueT = i, j, t
			break
		}
	}
	if cue < 0 {
		return dmention{}, false
	}
	// "X's planned purchase of its former partner's plant": the thing
	// bought is named and is no company, so the other company the
	// sentence names (a lender, say) is no party.
	if cueT.fam == famAcqNoun && cueEnd+1 < len(toks) && toks[cueEnd].w == "of" {
		if e, _ := entAfter(toks, cueEnd+1, len(toks), 4); e < 0 {
			return dmention{}, false
		}
	}
	// "X also holds a 20 pct stake in Y": a holding told beside the
	// story's news.
	if cueT.fam == famStake {
		for v := max(0, cue-6); v < cue; v++ {
			if alsoHolds(toks, 0, v) {
				return dmention{}, false
			}
		}
	}
	// A stake or company "for sale" or "sold by" its holder, with no buyer
	// named, is no deal between the two companies the sentence names.
	if cueT.fam != famSell && hasFamily(toks, famSell) {
		return dmention{}, false
	}
	parties := storyParties(s)
	var units []storyParty
	for _, p := range parties {
		if p.unit {
			units = append(units, p)
		}
	}
	var a, b storyParty
	switch {
	case cueT.fam == famSell:
		// A sale names its buyer: "sell ... to Y". The thing sold is the
		// named unit, else the seller stands in for its unnamed asset.
		buyer, ok := partyAfter(toks, parties, cue, "to")
		if !ok {
			return dmention{}, false
		}
		var rest []storyParty
		for _, p := range parties {
			if p.ent != buyer.ent {
				rest = append(rest, p)
			}
		}
		switch {
		case len(units) == 1 && units[0].ent != buyer.ent:
			a, b = buyer, units[0]
		case len(rest) == 1:
			a, b = buyer, rest[0]
		default:
			return dmention{}, false
		}
	default:
		var free []storyParty
		for _, p := range parties {
			if !p.unit {
				free = append(free, p)
			}
		}
		if len(free) != 2 {
			return dmention{}, false
		}
		a, b = free[0], free[1]
		if cueT.fam == famAcquire && cueT.verb {
			// "X bought Y": the buyer is named before the verb, and a
			// company after "from" is the seller, not a party.
			if a.tok > cue {
				return dmention{}, false
			}
			if _, ok := partyAfter(toks, []storyParty{b}, cue, "from"); ok {
				return dmention{}, false
			}
		} else if storyBuyer(toks, cue, a, b) == b.ent {
			a, b = b, a
		}
	}
	// "an offer from A in light of a competing bid from B": two
	// bidders, neither buying the other.
	if bidderAt(toks, 0, a.tok) && bidderAt(toks, 0, b.tok) {
		return dmention{}, false
	}
	if sameCompany(s.ents[a.ent].name, s.ents[b.ent].name) || junkName(s.ents[a.ent].name) || junkName(s.ents[b.ent].name) {
		return dmention{}, false
	}
	lo, hi := min(a.tok, b.tok), max(a.tok, b.tok)
	// "Telefon AB L.M. Ericsson", "U.S. Bancorp's Pacific State Bank": one
	// company, or a company and its unit.
	if oneName(toks, lo, hi) || toks[lo].poss && hi == lo+1 || hi == lo+2 && toks[lo+1].w == "'s" {
		return dmention{}, false
	}
	// "X and Y": two companies joined as one subject or object are not
	// each other's counterparty, except in a merger.
	if cueT.fam != famMerge && coordinated(toks, lo, hi) {
		return dmention{}, false
	}
	// "X, a unit of Y": an ownership link stated as background.
	if between(toks, lo, hi, "unit", "subsidiary", "division", "affiliate", "parent", "owned", "owns", "controls", "controlled", "controlling") {
		return dmention{}, false
	}
	m, ok := c.newMention(s, 0, len(toks), cue, cueEnd, cueT, partnergraph.Acquisition)
	if !ok {
		return dmention{}, false
	}
	typ, roles := partnergraph.Acquisition, [2]partnergraph.Role{partnergraph.RoleBuyer, partnergraph.RoleTarget}
	pct := statedPct(toks)
	switch {
	case cueT.fam == famMerge && !hasFamily(toks, famAcquire, famAcqNoun):
		typ, roles = partnergraph.Merger, [2]partnergraph.Role{partnergraph.RolePartner, partnergraph.RolePartner}
	case hasFamily(toks, famStake, famInvest) && (pct > 0 && pct < 50 || pct == 0 && !between(toks, -1, len(toks), "control", "majority", "all", "remaining")):
		// A stated minority stake, or a stake whose size the sentence
		// leaves open without speaking of control or of all the shares.
		typ, roles = partnergraph.Investment, [2]partnergraph.Role{partnergraph.RoleInvestor, partnergraph.RoleInvestee}
	}
	m.typ = typ
	if cueT.past && m.status == "" {
		m.status = partnergraph.Completed
	}
	m.parties = []dparty{{s.ents[a.ent].name, roles[0]}, {s.ents[b.ent].name, roles[1]}}
	m.conf = storyConf
	m.rule = "ownership-story-lead"
	return c.finish(s, m, []int{a.ent, b.ent}), true
}

// storyParty is a company of a sentence that can take part in a deal: its
// entity index, the token of its first mention, and whether the sentence
// presents it as a unit of another ("its Triplett subsidiary").
type storyParty struct {
	ent, tok int
	unit     bool
}

// storyParties returns the companies of s that can be deal parties, once
// each and in order: not advisers, lenders or agents, and not authorities.
func storyParties(s *dsent) []storyParty {
	var out []storyParty
	seen := map[string]bool{}
	for k, t := range s.toks {
		if t.ent < 0 {
			continue
		}
		name := s.ents[t.ent].name
		if seen[name] {
			continue
		}
		seen[name] = true
		if isAuthority(name) || aside(s.toks, k) || k+1 < len(s.toks) && (s.toks[k+1].w == "exchange" || s.toks[k+1].w == "stock") || advisedParty(s.toks, k) {
			continue
		}
		out = append(out, storyParty{ent: t.ent, tok: k, unit: ownedUnit(s.toks, k)})
	}
	return out
}

// aside reports whether the company at token k is named in a
// parenthetical remark ("(founded by eBay's Pierre Omidyar)"), not as an
// actor of the sentence; a bracketed short form alone ("(IDC)") is no
// remark.
func aside(toks []dtok, k int) bool {
	open := -1
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if toks[j].w == ")" {
			return false
		}
		if toks[j].w == "(" {
			open = j
			break
		}
	}
	if open < 0 {
		return false
	}
	for j := open + 1; j < len(toks); j++ {
		if toks[j].w == ")" {
			return j-open > 2
		}
	}
	return false
}

// partyAfter returns the party introduced by one of preps within four
// words after the deal word at cue: "sell ... to Air Canada".
func partyAfter(toks []dtok, ps []storyParty, cue int, preps ...string) (storyParty, bool) {
	for _, p := range ps {
		if p.tok <= cue {
			continue
		}
		for j := max(cue, p.tok-4); j < p.tok; j++ {
			for _, w := range preps {
				if toks[j].w == w {
					return p, true
				}
			}
		}
	}
	return storyParty{}, false
}

// sameCompany reports whether two names of one sentence may well be one
// company: one is the other's leading words ("Peabody Holding" and
// "Peabody Holding Co Inc") or its initials ("SMC" and "San Miguel Corp").
func sameCompany(x, y string) bool {
	lx, ly := strings.ToLower(x), strings.ToLower(y)
	lx, ly = strings.Replace(lx, "'s", "", 1), strings.Replace(ly, "'s", "", 1)
	if lx == ly {
		return true
	}
	if strings.HasPrefix(lx, ly+" ") || strings.HasPrefix(ly, lx+" ") {
		return true
	}
	return initials(x) == y || initials(y) == x
}

// initials returns the capital initials of the words of name.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if w[0] >= 'A' && w[0] <= 'Z' {
			b.WriteByte(w[0])
		}
	}
	return b.String()
}

// oneName reports whether the entities at tokens a < b are parts of one
// name: only capitalised words and dots between them.
func oneName(toks []dtok, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if toks[k].ent < 0 && !toks[k].cap && toks[k].w != "." {
			return false
		}
	}
	return true
}

// ownedPct reports whether the percentage word at i speaks of ownership:
// a number before it and "of", "stake", "interest", "holding" or shares
// after it ("8.6 pct of Cenergy", "a 20 pct stake").
func ownedPct(toks []dtok, i int) bool {
	if i == 0 || !isNum(toks[i-1].w) || i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].w {
	case "of", "stake", "interest", "holding", "equity", "shares", "owned":
		return true
	}
	return false
}

// junkName reports whether a name cannot be a company's: it holds a digit
// or is a share class ("Class B").
func junkName(name string) bool {
	if strings.ContainsAny(name, "0123456789") || strings.HasPrefix(name, "Class ") {
		return true
	}
	// "BLDS ST": a ticker symbol in Reuters' angle brackets.
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws {
		if len(w) > 4 || strings.ToUpper(w) != w {
			return false
		}
	}
	return true
}

// coordinated reports whether the entities at tokens a < b are joined
// only by "and", "&", "," or words of names: "Prairie Resources Corp and
// Mack C. Colt Inc".
func coordinated(toks []dtok, a, b int) bool {
	and := false
	for k := a + 1; k < b; k++ {
		if toks[k].w == "(" {
			// skip a parenthetical remark: "X (founded by Z) and Y"
			for k < b && toks[k].w != ")" {
				k++
			}
			continue
		}
		switch w := toks[k].w; {
		case w == "and" || w == "&" || w == "," || w == "or":
			and = true
		case toks[k].ent == toks[a].ent || toks[k].cap:
		default:
			return false
		}
	}
	return and
}

// between reports whether one of words occurs between tokens a and b.
func between(toks []dtok, a, b int, words ...string) bool {
	for k := a + 1; k < b; k++ {
		for _, w := range words {
			if toks[k].w == w {
				return true
			}
		}
	}
	return false
}

// isAuthority reports whether a company name is that of a regulator,
// court or exchange.
func isAuthority(name string) bool {
	l := strings.ToLower(name)
	if l == "sec" || l == "ftc" || l == "icc" || l == "fcc" {
		return true
	}
	for _, w := range authorityWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// advisedParty reports whether the company at token k is named as an
// adviser, lender or agent: an adviser cue among the five words before it
// (up to another company), or "as financial adviser" right after it.
func advisedParty(toks []dtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if toks[j].ent >= 0 && toks[j].ent != toks[k].ent {
			break
		}
		if adviserCues[toks[j].w] {
			return true
		}
	}
	for j := k + 1; j < len(toks) && j <= k+4; j++ {
		switch toks[j].w {
		case "adviser", "advisor", "advisers", "advisors", "dealer-manager", "underwriter", "lender":
			return true
		}
	}
	return false
}

// ownedUnit reports whether the company at token k is presented as a unit
// of another: "its Triplett subsidiary", "its subsidiary, Lakeland and
// Northern Rail", "wholly-owned Multi-Step Manufacturing Inc".
func ownedUnit(toks []dtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch toks[j].w {
		case "its", "their", "wholly-owned", "owned", "wholly":
			return true
		}
		if !unitWords[toks[j].w] && toks[j].w != "," && toks[j].w != "(" && toks[j].w != ")" && !toks[j].cap {
			break
		}
	}
	return k+1 < len(toks) && unitWords[toks[k+1].w] && k > 0 && (toks[k-1].w == "its" || toks[k-1].w == "the")
}

// storyBuyer returns the entity index of the buyer among a and b: the
// company after "by" or "from" behind the deal word ("a bid by X"), the
// one with a possessive ("X's offer"), otherwise the one named first.
func storyBuyer(toks []dtok, cue int, a, b storyParty) int {
	if p, ok := partyAfter(toks, []storyParty{a, b}, cue, "by", "from"); ok {
		return p.ent
	}
	if toks[b.tok].poss && !toks[a.tok].poss {
		return b.ent
	}
	return a.ent
}

// hasFamily reports whether a token of toks is a trigger of one of fams.
func hasFamily(toks []dtok, fams ...dfamily) bool {
	for i := range toks {
		ts, _ := triggersOf(toks[i].w)
		for _, tr := range ts {
			for _, f := range fams {
				if tr.fam == f && tr.next == "" {
					return true
				}
			}
		}
	}
	return false
}

// statedPct returns the first percentage the sentence states ("8.6 pct",
// "51 percent"), or 0.
func statedPct(toks []dtok) float64 {
	for k := 1; k < len(toks); k++ {
		switch toks[k].w {
		case "pct", "percent", "%", "per":
			if v, err := strconv.ParseFloat(strings.ReplaceAll(toks[k-1].w, ",", ""), 64); err == nil {
				return v
			}
		}
	}
	return 0
}

// moneyNear reports whether a money amount ("5.4 mln dlrs", "$10")
// follows token i within eight tokens.
func moneyNear(toks []dtok, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+8; k++ {
		switch toks[k].w {
		case "dlrs", "dlr", "dollars", "$", "pounds", "stg", "yen", "marks", "francs", "euros", "mln", "million", "billion", "bln":
			return true
		}
	}
	return false
}
