package loader

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Funding rounds across sentences.
//
// Funding news names the company raising money in one sentence ("Seebo
// has raised $9 million") and its investors in others ("Pinecrest Ventures led
// the round, with participation from Ardent Capital and existing
// investors Orla Partners", "Other investors included A, B and C", "The
// round was led by A"). Convention 12 of the labels makes every investor
// the text says led or joined the round an investment in the raiser,
// existing investors included when named as taking part; investors named
// only as earlier backers make none. roundRaiser finds the story's raiser
// and roundInvestors the investors of each sentence about its round.

// roundNouns name a round of funding.
var roundNouns = setOf("round", "rounds", "funding", "financing", "investment", "raise", "tranche", "capital", "injection")

// roundNounsFilter is the filterOf roundNouns.
var roundNounsFilter = filterOf(roundNouns)

// moneyWords say a sentence speaks of an amount.
var moneyWords = setOf("$", "£", "€", "million", "billion", "mln", "bln", "m", "bn")

// investorNouns name the investors of a round: "co-leaders", but not
// "leaders" alone, which names firms of a market ("partnerships with
// market leaders including A and B") far more often than of a round.
var investorNouns = setOf("investors", "investor", "backers", "participants", "co-leaders", "participation", "shareholders", "firms")

// pastRoundWords say that a sentence speaks of earlier rounds or of a
// firm's investments elsewhere: its investors are background.
var pastRoundWords = setOf("previous", "previously", "earlier", "prior", "past", "portfolio", "among", "ago")

// totalOrLoan reports whether a sentence tells a total raised over time
// ("has raised $310 million to date from", "so far", "in total"), or
// money that is no stake: a loan, credits, a grant, a price paid in cash.
func totalOrLoan(toks []dtok) bool {
	for k, t := range toks {
		if runningTotal(toks, k) || notStakeWords[t.w] {
			return true
		}
	}
	return false
}

// notStakeWords tell a total over time or money that buys no stake.
var notStakeWords = setOf("totals", "totaling", "totalling", "altogether", "cumulative", "inception",
	"credit", "credits", "loan", "loans", "debt", "grant", "grants", "cash")

// runningTotal reports whether the word at k tells a total raised over
// time: "total", "to date", "so far".
func runningTotal(toks []dtok, k int) bool {
	switch toks[k].w {
	case "total":
		return true
	case "date":
		return k > 0 && toks[k-1].w == "to"
	case "far":
		return k > 0 && toks[k-1].w == "so"
	}
	return false
}

// totalBefore reports whether a running total comes before the word at
// i: "brings total funding to $36 million, including support from A"
// (but "contributions from A, and it brings the total to" names the
// round's investors first).
func totalBefore(toks []dtok, i int) bool {
	for k := 0; k < i; k++ {
		if runningTotal(toks, k) {
			return true
		}
	}
	return false
}

// raisedBefore reports whether the word at i ends a receiving verb's
// phrase of money: "raised $7 million", "secured $9 million in seed
// funding", "attracted sizeable venture capital" (a receiving verb
// within eight words before, an amount or a noun of money between).
func raisedBefore(toks []dtok, i int) bool {
	money := false
	for k := i; k >= 0 && k > i-9; k-- {
		w := toks[k].w
		switch {
		case moneyWords[w], roundNouns[w]:
			money = true // "$7 million", or "venture capital", "funding"
		case receiveVerbs[w]:
			return money
		case approxWords[w]:
			return false // "has raised about $14.5 million from": a running total
		case isNum(w) || amountWords[w] || roundNouns[w] || w == "series" || w == "seed" || len(w) == 1 && w != ",":
		case (w == "down" || w == "up") && k > 0 && toks[k-1].w == "locked":
			// "locked down $55 million from A"
		default:
			return false // "raised $4 million for a system that learns from"
		}
	}
	return false
}

// approxWords make an amount a rounded total: "has raised about $14.5
// million from investors including A" tells a company's backers, not a
// round.
var approxWords = setOf("about", "around", "roughly", "nearly", "over", "close", "approximately", "some", "almost")

// amountWords may stand in the phrase of an amount raised: "another $52
// million in new funding", "close to $100 million".
var amountWords = setOf("a", "an", "another", "in", "of", "new", "fresh", "additional", "more", "than", "to", "up", "venture", "growth", "equity",
	"sizeable", "sizable", "significant", "undisclosed", "strategic")

// investorsBefore reports whether investors of the round are named in
// the clause before the colon at i: "two new investors are notable in
// this round:".
func investorsBefore(toks []dtok, i int) bool {
	inv, round := false, false
	for k := i - 1; k >= 0 && k > i-10; k-- {
		inv = inv || investorNouns[toks[k].w] && toks[k].w != "participation"
		round = round || roundNouns[toks[k].w]
	}
	return inv && round
}

// moneyBefore reports whether the subject just before the verb at i is
// money of a round: "the new funding comes from", "the money came from".
func moneyBefore(toks []dtok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if w := toks[k].w; w == "funding" || w == "money" || w == "financing" || w == "capital" || w == "investment" || w == "round" {
			return true
		}
		if w := toks[k].w; w != "has" && w != "have" && w != "had" && w != "also" && w != "mostly" && w != "largely" {
			return false
		}
	}
	return false
}

// pastTold reports whether a sentence sets its news in an undated past:
// "a few months back", "some time ago", "previously", "earlier".
func pastTold(toks []dtok) bool {
	for _, t := range toks {
		switch t.w {
		case "back", "ago", "previously", "earlier", "once":
			return true
		}
	}
	return false
}

// amongOthers reports whether the word at i opens "among others" or
// "among them", which ends a list of this round's investors rather
// than placing them in a portfolio ("among its investments").
func amongOthers(toks []dtok, i int) bool {
	return toks[i].w == "among" && i+1 < len(toks) && (toks[i+1].w == "others" || toks[i+1].w == "them")
}

// roundNegations say an investor did not take part: "A did not join
// the round", "without B". The words of a fight over a takeover
// ("against", "resist") say nothing of a round ("it's against that
// backdrop that Zyxo raised ...").
var roundNegations = setOf("not", "no", "never", "neither", "nor", "n't", "without", "denied", "denies", "deny", "declined", "refused")

// nameModifies reports whether the last mention of entity e before the
// verb at i describes a noun in lower case that comes before the verb
// ("the Zyxo (ZY) graduate also nabbing"): that noun is the subject, not
// the company named.
func nameModifies(toks []dtok, e, i int) bool {
	p := -1
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		if toks[k].ent == e {
			p = k
			break
		}
	}
	if p < 0 {
		return false
	}
	for k := p + 1; k < i; k++ {
		w := toks[k].w
		switch {
		case toks[k].ent >= 0 || w == "(" || w == ")" || toks[k].cap:
		case w == "has" || w == "have" || w == "had" || w == "also" || w == "just" || w == "now" || w == "today" || w == "then" || strings.HasSuffix(w, "ly"):
		case isCompanyNoun(w) || describedNouns[w]:
			return k == p+1 || toks[k-1].w == ")"
		default:
			return false
		}
	}
	return false
}

// describedNouns are nouns a company's name may describe as the subject
// of a sentence: "the Zyxo graduate", "a Zyxo spinout".
var describedNouns = setOf("graduate", "alum", "alumnus", "spinout", "spin-off", "spinoff", "offshoot")

// nounRaise reports whether "raise" at i is a noun ("taking X's total
// capital raise to $32 million", "a $5 million raise"): a total or a
// round, not a verb with a subject.
func nounRaise(toks []dtok, i int) bool {
	if i == 0 || toks[i].w != "raise" && toks[i].w != "raises" {
		return false
	}
	switch w := toks[i-1].w; w {
	case "capital", "total", "'s", "a", "the", "its", "their", "this", "latest", "new", "equity", "funding", "cash", "seed":
		return true
	default:
		return moneyWords[w] || isNum(w)
	}
}

// roundRaiser returns the company the sentence says raised money: the
// subject of a receiving verb ("raised", "secured", "closed",
// "announced") followed within twelve words by an amount or a round
// ("has raised $9 million", "announced a $250 million series E round"),
// or the owner of a round ("X's series B round"). When the subject is a
// pronoun or "the company" ("the company said it raised"), the story's
// subject raised the money. It returns "" when there is none.
func roundRaiser(s *dsent, subject string, publisher func(string) bool) string {
	toks := s.toks
	for i, t := range toks {
		switch {
		case inSet(receiveVerbsFilter, receiveVerbs, t.w) && !nounRaise(toks, i):
			money := false
			for k := i + 1; k < len(toks) && k <= i+12; k++ {
				if moneyWords[toks[k].w] || roundNouns[toks[k].w] || toks[k].w == "series" || toks[k].w == "seed" {
					money = true
					break
				}
				if toks[k].ent >= 0 {
					break
				}
			}
			if !money {
				continue
			}
			if h, ok := asideHead(toks, i); ok {
				if h < 0 {
					return "" // the subject before the aside is no known company
				}
				return s.ents[h].name
			}
			// "X is a studio in Hamburg, and it has raised": the
			// clause's actor; "the company said it raised", "the
			// startup has raised": the story's subject.
			if sg := subjectGroup(toks, 0, i); len(sg) == 1 && !publisher(s.ents[sg[0]].name) {
				// "with the Zyxo graduate also nabbing $2 million": the
				// name describes the noun that raised.
				if nameModifies(toks, sg[0], i) {
					return ""
				}
				return s.ents[sg[0]].name
			}
			if pronounSubject(toks, 0, i) >= 0 || companyNounBefore(toks, i) {
				return subject
			}
			return ""
		case t.w == "'s" && i > 0 && toks[i-1].ent >= 0:
			for k := i + 1; k < len(toks) && k <= i+5; k++ {
				if w := toks[k].w; w == "round" || w == "series" || w == "funding" || w == "seed" {
					return s.ents[toks[i-1].ent].name
				}
				if !isWordLike(toks[k].w) && !moneyWords[toks[k].w] && !isNum(toks[k].w) {
					break
				}
			}
		}
	}
	return ""
}

// roundInvestors returns the entities of s (indices into s.ents) that the
// sentence names as leading or joining a funding round, which it names or
// which (nearRound) a sentence shortly before named: after "led by",
// "co-led by", "participation from", "investment from", "backed by"; after
// "included", "include", "including", "were", "such as" when investors or
// the round come shortly before ("Participants in the round included A
// and B", "The co-leaders of the round were A and B"); and before "led",
// "co-led", "participated" or "joined" followed by the round ("A led the
// $9 million investment"). A sentence that speaks of earlier rounds or a
// portfolio ("had invested in previous rounds", "counts A among its other
// investors") names no investor of this round, nor one that says an
// investor did not take part.
func roundInvestors(s *dsent, person func(string) bool, nearRound bool) []int {
	toks := s.toks
	round := false
	// total says, once read, whether the sentence tells a total over
	// time or money that buys no stake (totalOrLoan).
	totalRead, totalSaid := false, false
	total := func() bool {
		if !totalRead {
			totalRead, totalSaid = true, totalOrLoan(toks)
		}
		return totalSaid
	}
	depth := 0 // brackets open at i: "(It had raised $2 million in 2018.)" tells another round
	// "raised $50 million in its series A round three years ago, and its
	// latest cash injection was led by A": the past words tell the first
	// clause, and the investors are the latest round's.
	start := latestRoundClause(toks)
	for i, t := range toks {
		switch t.w {
		case "(":
			depth++
		case ")":
			depth = max(0, depth-1)
		}
		if roundNouns[t.w] || t.w == "series" || investorNouns[t.w] && nearRound || receiveVerbs[t.w] && moneyAfter(toks, i) && !approxAfter(toks, i) && !total() {
			round = true
		}
		if depth == 0 && (pastRoundWords[t.w] && i >= start && !earlierBackers(toks, i) && !amongOthers(toks, i) || roundNegations[t.w] || sentenceHedges[t.w]) {
			return nil
		}
	}
	// "A and B participated." after a sentence about the round.
	if n := len(toks); nearRound && n > 1 && (toks[n-1].w == "participated" || toks[n-1].w == "joined") {
		round = true
	}
	if !round {
		return nil
	}
	var out []int
	list := func(from int) {
		for _, x := range s.investorList(from, person) {
			out = appendInt(out, x)
		}
	}
	for i := start; i < len(toks); i++ {
		w, next := toks[i].w, ""
		if i+1 < len(toks) {
			next = toks[i+1].w
		}
		switch {
		case w == "backed" && next == "by" && (backedAsState(toks, i) || backedDescribes(toks, i)):
			// "X is based in Austin and backed by A and B": the firm's
			// backers, not this round's; nor those of a firm an aside
			// describes ("led by A, a venture fund backed by B").
		case (w == "led" || w == "co-led" || w == "backed" || w == "joined" || w == "provided" || w == "spearheaded" || w == "headed" || w == "contributed") && next == "by",
			// "Orla also participated in the round, as did A, B and C".
			w == "as" && next == "did" && i > 0 && investedBefore(toks, i),
			// "The round was participated in by A; B; and C".
			w == "in" && next == "by" && i > 0 && toks[i-1].w == "participated",
			// "much of the new funding comes from A and B", not "the
			// bid has come from A".
			(w == "comes" || w == "came" || w == "come") && next == "from" && moneyBefore(toks, i),
			(w == "participation" || w == "investment" || w == "investments" || w == "funding") && next == "from",
			// "with support from A", but not "brings total funding to $36
			// million, including support from B" (a total to date).
			fromMoney[w] && next == "from" && !totalBefore(toks, i),
			w == "participation" && (next == "of" || next == "by"),
			// "has raised $7 million from A and existing investors", but
			// not a total to date nor a loan or a price.
			next == "from" && raisedBefore(toks, i) && !total(),
			// "investors such as A", "other funds such as B".
			w == "such" && next == "as" && i > 0 && (investorNouns[toks[i-1].w] || toks[i-1].w == "funds"):
			list(i + 2)
		case w == ":" && i > 0 && investorsBefore(toks, i):
			list(i + 1) // "Two new investors are notable in this round: A and B"
		case w == "included" || w == "include" || w == "includes" || w == "including" || w == "were" || w == "are":
			if backersOnly(toks, i) {
				continue
			}
			// "To date, the company has raised $45 million from backers
			// including A and B": a running total's backers, not this
			// round's.
			if w == "including" && totalBefore(toks, i) && len(out) == 0 {
				continue
			}
			// "was led by A of Austin, Texas and includes B and C":
			// the list goes on the round's investors.
			if len(out) > 0 && w == "includes" || len(out) > 0 && w == "included" {
				list(i + 1)
				continue
			}
			for k := max(0, i-6); k < i; k++ {
				if investorNouns[toks[k].w] || toks[k].w == "round" {
					list(i + 1)
					break
				}
			}
		case (w == "joined" || w == "joins") && joinedInRound(toks, i) > 0:
			// "A joined B and other investors in the round": A and the
			// ones it joined take part.
			for _, x := range subjectGroup(toks, 0, i) {
				out = appendInt(out, x)
			}
			for _, x := range s.investorListTo(i+1, joinedInRound(toks, i), person) {
				out = appendInt(out, x)
			}
		case w == "led" || w == "co-led" || w == "participated" || w == "joined" || w == "contributed":
			// "A, B and undisclosed individual investors participated."
			// after a sentence about the round.
			ends := (w == "participated" || w == "joined") && nearRound && (i+1 == len(toks) || toks[i+1].w == ".")
			if !ends && !roundAhead(toks, i+1) {
				continue
			}
			// With no round after the verb only the list just before
			// it took part ("former Zyxo CEO Jane Doe also
			// participated" names no firm).
			var g []int
			if !ends || roundAhead(toks, i+1) {
				g = subjectGroup(toks, 0, i)
			}
			if l := s.namesBefore(i, person); len(l) > len(g) {
				g = l
			}
			for _, x := range g {
				out = appendInt(out, x)
			}
		}
	}
	// "Besides A, investors in the round include B and C": A takes part
	// too, when the sentence's own list names this round's investors.
	if len(out) > 0 && len(toks) > 2 && (toks[0].w == "besides" || toks[0].w == "alongside") && toks[1].ent >= 0 {
		for _, x := range partyGroup(toks, 1, len(toks)) {
			if !person(s.ents[x].name) {
				out = appendInt(out, x)
			}
		}
	}
	return out
}

// joinedInRound returns where "in the round" closes the list of
// investors that "joined" at i takes as its object ("A joined B and
// other investors in the round", "A joins existing investors B and C in
// this round"), or 0 when the object is no list of names followed by it.
func joinedInRound(toks []dtok, i int) int {
	if i+1 >= len(toks) || toks[i+1].ent < 0 && toks[i+1].w != "existing" && toks[i+1].w != "investors" && toks[i+1].w != "backers" {
		return 0
	}
	for k := i + 1; k+2 < len(toks) && k <= i+14; k++ {
		if toks[k].w == "in" && (toks[k+1].w == "the" || toks[k+1].w == "this" || toks[k+1].w == "its") && (roundNouns[toks[k+2].w] || k+3 < len(toks) && roundNouns[toks[k+3].w]) {
			return k
		}
		if subjStop[toks[k].w] || toks[k].w == ";" {
			return 0
		}
	}
	return 0
}

// backedAsState reports whether "backed" at i tells what a company is
// rather than who took part in a round: a present "is" or "are" governs
// it ("X is based in Austin, Texas, and backed by A", "X is backed by
// A"), with no word of a round or a past between. "The round is led by
// A, backed by B" and "X was backed by A in the round" are rounds.
func backedAsState(toks []dtok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-15; k-- {
		switch w := toks[k].w; {
		case w == "is" || w == "are":
			return true
		case roundNouns[w] || w == "series" || w == "led" || w == "co-led" || w == "was" || w == "were" || w == "been" || w == "raised" || w == "which" && k+1 < i && toks[k+1].w != "is" && toks[k+1].w != "was":
			return false
		}
	}
	return false
}

// backedDescribes reports whether "backed" at i ends an aside that
// describes a firm ("A, a $1.2 billion venture fund backed by B"): a
// noun of a firm, not of a round, right before it, and the aside opened
// by a comma and "a" or "an" within eight words. B backs the firm A,
// not the round A leads.
func backedDescribes(toks []dtok, i int) bool {
	if i < 1 || !isCompanyNoun(toks[i-1].w) && !descriptionHeads[toks[i-1].w] || roundNouns[toks[i-1].w] {
		return false
	}
	for k := i - 2; k >= 1 && k >= i-9; k-- {
		switch toks[k].w {
		case "a", "an":
			return toks[k-1].w == ","
		case ",", "(", "led", "by", "from":
			return false
		}
	}
	return false
}

// latestRoundClause returns where a clause about the latest round opens
// after an earlier one (", and its latest cash injection was led by"):
// the token after the comma, "and" or semicolon before "its latest" (or
// "newest", "new", "current") and a round noun, when a word of an
// earlier round comes before it; 0 when the sentence has none.
func latestRoundClause(toks []dtok) int {
	for i := 2; i+1 < len(toks); i++ {
		switch toks[i].w {
		case "latest", "newest", "new", "current":
		default:
			continue
		}
		noun := false
		for q := i + 1; q < len(toks) && q <= i+3; q++ {
			if roundNouns[toks[q].w] || toks[q].w == "series" {
				noun = true
				break
			}
		}
		if !noun {
			continue
		}
		for k := i - 1; k >= 1 && k >= i-3; k-- {
			if toks[k].w == "," || toks[k].w == ";" || toks[k].w == "and" || toks[k].w == "but" {
				if toks[k].w == "and" && toks[k-1].w == "," {
					k--
				}
				// Only after a clause of an earlier round ("three years
				// ago"): "Co-led by A and B, the current round brings"
				// names this round's investors first.
				if k == 0 || !slices.ContainsFunc(toks[:k], func(t dtok) bool { return pastRoundWords[t.w] }) {
					return 0
				}
				return k + 1
			}
		}
	}
	return 0
}

// nameParticles join the words of a name in lower case: "Fonds de
// placement du Zorvex", "Banco do Orla".
var nameParticles = setOf("de", "du", "des", "do", "da", "der", "von", "van", "la", "le", "et")

// investedBefore reports whether a verb of taking part in a round comes
// before "as did" at i: "Orla also participated in the round, as did A
// and B". Counter-example: "Zyxo grew fast, as did its rivals".
func investedBefore(toks []dtok, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch toks[k].w {
		case "participated", "invested", "joined", "co-invested":
			return true
		}
	}
	return false
}

// fromMoney are nouns of money given whose givers follow "from" in a
// sentence about a round: "includes money from A", "with contributions
// from B", "additional backing from C".
var fromMoney = setOf("money", "contributions", "contribution", "backing", "commitments", "support")

// backersOnly reports whether the list opened at i names a company's
// backers rather than those of the round: "X's existing investors
// include A and B", "its current backers are A and B", in a sentence that
// names no round (convention 12: earlier backers make no deal; "existing
// investors in the round include A" still counts).
func backersOnly(toks []dtok, i int) bool {
	existing := false
	for k := max(0, i-4); k < i; k++ {
		// "Other Zyxo investors include A": the company's backers.
		if toks[k].w == "existing" || toks[k].w == "current" || earlierBackers(toks, k) ||
			toks[k].w == "other" && k+2 < i && toks[k+1].ent >= 0 && investorNouns[toks[k+2].w] {
			existing = true
		}
	}
	if !existing {
		return false
	}
	for _, t := range toks {
		if t.w == "round" || t.w == "series" || t.w == "participation" || t.w == "participated" || t.w == "led" || t.w == "co-led" || t.w == "joined" {
			return false
		}
	}
	return true
}

// listHeadedBy reports whether the company name opens a list of
// investors: it comes right after "led by", "co-led by" or
// "participation from".
func listHeadedBy(toks []dtok, name string, ents []partyCand) bool {
	for k := 2; k < len(toks); k++ {
		if toks[k].ent < 0 || ents[toks[k].ent].name != name {
			continue
		}
		p, q := toks[k-2].w, toks[k-1].w
		if (p == "led" || p == "co-led") && q == "by" || p == "participation" && (q == "from" || q == "of") {
			return true
		}
	}
	return false
}

// earlierBackers reports whether the word at i calls investors earlier
// ones ("previous investors", "prior backers", "past investors") in a
// sentence that says who led or joined a round: like "existing
// investors", they may take part in this round ("with participation from
// previous investors A and B"), so the word does not make the sentence
// one about earlier rounds
// ("had invested in previous rounds" does, and so does "has raised $600
// million, with previous investors including A": no one takes part).
func earlierBackers(toks []dtok, i int) bool {
	if i+1 >= len(toks) || toks[i].w != "previous" && toks[i].w != "prior" && toks[i].w != "earlier" && toks[i].w != "past" {
		return false
	}
	switch toks[i+1].w {
	case "investors", "investor", "backers", "backer":
	default:
		return false
	}
	for _, t := range toks {
		switch t.w {
		case "led", "co-led", "participation", "participated", "participating", "joined":
			return true
		}
	}
	return false
}

// pastRoundYear returns the byte offset of a year before the story's
// that the sentence gives a round ("a first round of $14 million raised
// in 2016 that was led by A", "its 2016 series A"), or -1. Investors named
// after it are those of that earlier round and make no deal; those named
// before it ("A led this week's series B, which follows a round in
// 2019") are this round's.
func pastRoundYear(s *dsent, pubYear int) int {
	toks := s.toks
	depth := 0
	for i, t := range toks {
		switch t.w {
		case "(":
			depth++
		case ")":
			depth = max(0, depth-1)
		}
		// A year in brackets dates an aside, not the round the
		// sentence goes on to tell.
		if depth > 0 || len(t.w) != 4 || !isNum(t.w) || t.w[0] != '1' && t.w[0] != '2' {
			continue
		}
		if y, err := strconv.Atoi(t.w); err != nil || pubYear == 0 || y >= pubYear {
			continue
		}
		for k := max(0, i-4); k < len(toks) && k <= i+3; k++ {
			if w := toks[k].w; k != i && (roundNouns[w] || w == "series" || w == "seed" || w == "raised" && k < i) {
				return t.b
			}
		}
	}
	return -1
}

// namesBefore returns the investors listed just before the verb at i
// ("A, B, and Orla Capital participated in the round"), read as any
// list of investors is (investorList) from where the list starts: the
// run of names, capitalised words, commas, "and" and list words before
// the verb, with "also" or "all" passed over.
func (s *dsent) namesBefore(i int, person func(string) bool) []int {
	toks := s.toks
	k := i - 1
	for k >= 0 && (toks[k].w == "also" || toks[k].w == "all" || toks[k].w == "have" || toks[k].w == "has") {
		k--
	}
	end := k
	for k >= 0 && (toks[k].ent >= 0 || toks[k].cap || partyJoin[toks[k].w] || listSkip[toks[k].w] || toks[k].w != "" && isDig(toks[k].w[0])) {
		k--
	}
	if end < 0 || k == end || k >= 0 && (toks[k].w == "of" || toks[k].w == "at") {
		return nil // "the CTO of Zyxo participated", "partner at Zyxo": a person took part
	}
	if k >= 0 && nameParticles[toks[k].w] {
		return nil // "Fonds de placement du Zorvex led": a longer name
	}
	// A capitalised word the recognisers did not know is an investor
	// here as a firm's name of several words ("Orla Growth Fund"), or
	// as one word that is no everyday word nor a given name ("Zorvex
	// led"): "Angel and existing investors participated", "Repeat
	// investor A led", "believes in AI and led" name no firm.
	known := len(s.ents)
	var out []int
	for _, x := range s.investorListTo(k+1, end+1, person) {
		n := s.ents[x].name
		switch {
		case x < known, strings.IndexByte(n, ' ') > 0 && firmWords[n[strings.LastIndexByte(n, ' ')+1:]]:
		case strings.IndexByte(n, ' ') < 0 && len(n) > 3 && !firmWords[n] && !DefaultLexicon().Everyday(n) && (person == nil || !person(n)):
		default:
			continue
		}
		out = append(out, x)
	}
	return out
}

// roundAhead reports whether a round is named within five words after k
// ("led the $9 million investment", "participated in this round"). The
// round may be owned by a company named on the way ("led 40-person
// Quillo's series B"), but a company named otherwise ends the search
// ("joined Quillo in its round": Quillo's round is not the subject's).
func roundAhead(toks []dtok, k int) bool {
	for x := k; x < len(toks) && x < k+10; x++ {
		if roundNouns[toks[x].w] || toks[x].w == "series" {
			return true
		}
		if toks[x].ent >= 0 && !(x+1 < len(toks) && toks[x+1].w == "'s") {
			return false
		}
	}
	return false
}

// unknownReceiver reports whether the subject of a receiving verb with
// an amount after it is a capitalised word that no recogniser took for
// a company, no pronoun, article or date ("Zabl snagged $20 million
// from A"): the sentence tells some other firm's round.
func unknownReceiver(s *dsent) bool {
	toks := s.toks
	for i := 1; i < len(toks); i++ {
		if !receiveVerbs[toks[i].w] || !moneyAfter(toks, i) {
			continue
		}
		k := i - 1
		if strings.HasSuffix(toks[k].w, "ly") && k > 0 || toks[k].w == "has" || toks[k].w == "have" || toks[k].w == "had" {
			k--
		}
		t := toks[k]
		// "Zyxo Computing raised": the rest of a known name.
		if t.ent >= 0 || !t.cap || !isLetters(t.w) || notReceivers[t.w] || monthOrDay(s.text[t.b:t.e]) || k > 0 && toks[k-1].ent >= 0 {
			return false
		}
		return true
	}
	return false
}

// notReceivers are capitalised words before a receiving verb that name
// no firm of their own: pronouns and articles ("It raised", "The
// company raised" ends in a noun).
var notReceivers = setOf("it", "they", "we", "he", "she", "which", "who", "that", "this", "the", "company", "startup", "firm")

// roundAmount returns the amount a sentence says was raised: the first
// sum of money after a receiving verb ("has raised $9 million"), or nil.
func roundAmount(s *dsent) (*float64, string) {
	for i, t := range s.toks {
		if receiveVerbs[t.w] {
			if v, cur := moneyValue(s.toks, i, len(s.toks), i+1); v != nil {
				return v, cur
			}
		}
	}
	return nil, ""
}

// roundDeals returns an investment by each investor s names in the
// story's round in raiser, the company the story says raised it, for
// the round's amount when the story gave one.
func (c *dealContext) roundDeals(s *dsent, raiser string) []dmention {
	if raiser == "" {
		return nil
	}
	// "GV led a $20 million investment in Mabl", "X's series B round":
	// a round the sentence gives to another company is not the story's.
	if owner := roundOwner(s); owner != "" && owner != raiser && !strings.HasPrefix(raiser, owner) {
		return nil
	}
	// "Late last year, Zabl snagged a $20 million investment from A": a
	// name no recogniser knew took this money, not the story's raiser.
	if raiser == c.raiser && unknownReceiver(s) {
		return nil
	}
	past := pastRoundYear(s, c.pubYear)
	var out []dmention
	var cues uint32
	known := len(s.ents)
	investors := roundInvestors(s, c.person, c.roundAt >= 0 && s.si-c.roundAt <= 2)
	if raiser != c.raiser {
		// A raiser of the sentence's own is no investor in it ("... and
		// Orla, and it brings the total raised to"): the round is the
		// story's.
		for _, e := range investors {
			if s.ents[e].name == raiser {
				raiser = c.raiser
				break
			}
		}
	}
	// "The latest round was led by A, B and C" where A is the story's
	// most named company: a company leads no round of its own, so the
	// raiser read from the story is not this round's. (In "which was led
	// by A, Zyxo has raised" the raiser comes after the list.)
	if listHeadedBy(s.toks, raiser, s.ents) {
		return nil
	}
	for _, e := range investors {
		if out == nil {
			cues = sentenceCues(s)
		}
		inv := s.ents[e].name
		if inv == raiser {
			continue
		}
		// A word of the list no recogniser knew that names a place or a
		// people ("led by German VC Xange", "BT Group, the U.K.-based
		// carrier") invests nothing.
		if e >= known && c.nonCompany != nil && strings.IndexByte(inv, ' ') < 0 && c.nonCompany(strings.TrimSuffix(inv, "-based")) {
			continue
		}
		if past >= 0 && s.text != "" {
			if at := strings.Index(s.text[s.b:s.e], inv); at >= 0 && s.b+at > past {
				continue
			}
		}
		m := dmention{typ: partnergraph.Investment, status: partnergraph.Completed, conf: 0.7, sb: s.b, se: s.e, rule: "funding-round",
			si: s.si, nents: len(s.ents), cues: cues}
		m.year = c.pubYear
		if raiser != c.raiser {
			// Another company's round, told in passing: the year the
			// sentence gives, else none when it speaks of the past
			// ("a few months back", convention 18).
			if y, ok := c.year(s.toks, 0, len(s.toks), 0); ok {
				m.year, m.explicit = y, true
			} else if pastTold(s.toks) {
				m.year, m.explicit = 0, true
			}
		}
		if raiser == c.raiser {
			m.value, m.currency = c.roundValue, c.roundCurrency
		} else {
			m.value, m.currency = roundAmount(s)
		}
		m.parties = []dparty{{inv, partnergraph.RoleInvestor}, {raiser, partnergraph.RoleInvestee}}
		out = append(out, m)
	}
	return out
}

// clauseRaises reads rounds of other companies told clause by clause in
// passing: "with the likes of Zyxo securing $300 million from Orla,
// Quillon raising $40 million, ...", "followed by Zyxo, which secured $55
// million from Orla". The raiser is the company right before the
// receiving verb (through "has" or ", which"), the investors the list
// after "from", and only a raiser other than the story's counts: the
// story's own round is read by roundDeals. Counter-example: "Zyxo grew
// after raising $9 million from Orla" (no company right before the verb).
func (c *dealContext) clauseRaises(s *dsent) []dmention {
	toks := s.toks
	var out []dmention
	for i, t := range toks {
		if t.w != "from" || i == 0 || !raisedBefore(toks, i-1) || totalBefore(toks, i) {
			continue
		}
		v := i - 1
		for v >= 0 && !receiveVerbs[toks[v].w] {
			v--
		}
		// "Zyxo has secured": the perfect is news; "Zyxo had raised $38
		// million from A and B" tells a company's backers so far
		// (convention 12) and names no raiser here.
		x := v - 1
		for x >= 0 && (toks[x].w == "has" || toks[x].w == "have" || toks[x].w == "recently" || toks[x].w == "also") {
			x--
		}
		if x >= 2 && toks[x].w == "which" && toks[x-1].w == "," {
			x -= 2
		}
		if x < 0 || toks[x].ent < 0 {
			continue
		}
		raiser := s.ents[toks[x].ent].name
		if raiser == c.raiser || c.raiser == "" || c.publisher != nil && c.publisher(raiser) {
			continue
		}
		// The clause ends at a semicolon: "Zyxo secured $300 million from
		// A; Quillon attracted $12 million".
		end := i + 1
		for end < len(toks) && toks[end].w != ";" {
			end++
		}
		for _, e := range s.investorListTo(i+1, end, c.person) {
			inv := s.ents[e].name
			if inv == raiser || inv == c.raiser {
				continue
			}
			m := dmention{typ: partnergraph.Investment, status: partnergraph.Completed, conf: 0.7, sb: s.b, se: s.e, rule: "funding-round",
				si: s.si, nents: len(s.ents)}
			m.year = c.pubYear
			if y, ok := c.year(toks, 0, len(toks), i); ok {
				m.year, m.explicit = y, true
			} else if pastTold(toks) {
				m.year, m.explicit = 0, true
			}
			m.parties = []dparty{{inv, partnergraph.RoleInvestor}, {raiser, partnergraph.RoleInvestee}}
			out = append(out, m)
		}
	}
	return out
}

// companyNounBefore reports whether "the company", "the startup" or the
// like is the subject just before the verb at i ("the startup has
// raised"), described or not ("the Lisbon-based company", "the Israeli
// startup") and with adverbs between ("the company recently announced").
// A noun phrase that names a company ("the company's investor Zyxo") or
// runs on ("the company that bought it") is no such subject.
func companyNounBefore(toks []dtok, i int) bool {
	k := i - 1
	for k >= 1 && k >= i-4 && (auxWords[toks[k].w] || subjectAdverbs[toks[k].w]) {
		k--
	}
	if k < 1 || !storyNouns[toks[k].w] {
		return false
	}
	for q := k - 1; q >= 0 && q >= k-4; q-- {
		switch w := toks[q].w; {
		case w == "the" || w == "this":
			return true
		case toks[q].ent >= 0 || !isWordLike(w) || clauseWords[w]:
			return false
		}
	}
	return false
}

// subjectAdverbs may stand between a subject and its verb besides the
// auxiliaries and adverbs of auxWords: "the company just announced".
var subjectAdverbs = setOf("just", "officially", "quietly", "successfully")

// clauseWords end the description of a noun: "the firm that backs the
// company raised" is not about the company.
var clauseWords = setOf("that", "which", "who", "of", "and", "or", "with", "by", "for", "in", "to", "as", "said", "says")

// storyNouns stand for the company a story is about.
var storyNouns = setOf("company", "startup", "start-up", "firm", "business", "group")

// storySubject returns the company an article is about: the one it names
// most often, the first named on a tie, never its publisher; "" when it
// names none.
func storySubject(ms []EntityMention, publisher func(string) bool) string {
	count := map[string]int{}
	best, n := "", 0
	for _, m := range ms {
		if m.Kind != partnergraph.MentionCompany || publisher(m.Name) {
			continue
		}
		count[m.Name]++
		if c := count[m.Name]; c > n {
			best, n = m.Name, c
		}
	}
	return best
}

// listSkip are words that may stand between the items of a list of
// investors without ending it: "with participation from A and existing
// investors B and C".
var listSkip = setOf("existing", "new", "previous", "prior", "investors", "investor", "backers", "seed", "firm", "firms", "fund", "funds", "as", "well", "such", "the",
	"undisclosed", "unnamed", "individual", "angel", "private", "co-leads", "co-lead", "leads")

// firmWords end the names of investment firms and other businesses.
var firmWords = setOf("Ventures", "Venture", "Capital", "Partners", "Fund", "Funds", "Investments", "Investment", "VC", "Equity",
	"Group", "Holdings", "Management", "Lab", "Labs", "Advisors", "Advisers", "Associates", "Growth", "Global", "Technologies", "International")

// listOpeners open a sentence before a list of investors and are no
// part of a name: "Beyond Orla Ventures, B and C also participated".
var listOpeners = setOf("beyond", "besides", "alongside", "after", "unlike", "also", "plus")

// basedAt returns the index of a word ending in "-based" in toks[k:e],
// or -1.
func basedAt(toks []dtok, k, e int) int {
	for x := k; x < e; x++ {
		if strings.HasSuffix(toks[x].w, "-based") {
			return x
		}
	}
	return -1
}

// firmLike reports whether a run of two or three capitalised words in a
// list of investors reads as a firm's name rather than a person's: it
// holds a number ("Formation 8") or an everyday word ("Innovation
// Endeavors", "Fifth Wall"), and does not end in a word of a non-profit
// or a person's job ("Norrsken Foundation", "Zyxo CEO"). "Jane Doe" and
// "Elad Gil" hold neither.
func firmLike(run []dtok) bool {
	last := run[len(run)-1].w
	if nonFirmTails[last] || jobTitles[last] {
		return false
	}
	lex := DefaultLexicon()
	for _, t := range run {
		if t.w != "" && (isDig(t.w[0]) || lex.Everyday(t.w)) {
			return true
		}
	}
	return false
}

// nonFirmTails end the names of bodies that are no businesses
// (convention 15) or of a family's money.
var nonFirmTails = setOf("foundation", "clinic", "university", "institute", "family", "trust", "society", "association", "council", "school", "college", "hospital")

// describingCaps are abbreviations written in capitals that describe a
// firm rather than name one: "Zyxo's VC arm ZV", "Zyxo's AI fund".
var describingCaps = setOf("vc", "ai", "cvc", "pe")

// notNames are capitalised words that open no investor's name.
var notNames = setOf("the", "a", "an", "its", "their", "series", "seed", "in", "on", "and", "other", "others", "several", "some", "both")

// investorList reads the list of investors starting at token from: items
// joined by commas, "and", "&", and the words of listSkip; an item is a
// company mention or, in such a list, a run of capitalised words ("8VC",
// "Keystone Fund"), which becomes a company of the sentence. A bracketed
// aside is passed over ("Hashed (a crypto investor in South Korea) and
// Fable+Forge"). The list ends at any other word.
func (s *dsent) investorList(from int, person func(string) bool) []int {
	return s.investorListTo(from, len(s.toks), person)
}

// investorListTo is investorList with the sentence cut at token to: a
// list before a verb ("Orla Growth Fund and Zorvex led") ends there.
func (s *dsent) investorListTo(from, to int, person func(string) bool) []int {
	toks := s.toks[:to]
	var out []int
	// capRun returns the end of the run of capitalised words from k.
	capRun := func(k int) int {
		e := k
		for e < len(toks) && toks[e].ent < 0 && (toks[e].cap || toks[e].w != "" && isDig(toks[e].w[0])) && !notNames[toks[e].w] {
			e++
			// "Orla Teachers' Pension Plan": a plural's apostrophe
			// inside a name (not "Orla's").
			if e > k && e+1 < len(toks) && toks[e].w == "'s" && s.text != "" && s.text[toks[e].b:toks[e].e] == "'" && toks[e+1].cap && toks[e+1].ent < 0 {
				e++
			}
		}
		return e
	}
	// whole reports whether an item ending at e is followed by a joiner,
	// an aside or the end.
	whole := func(e int) bool {
		return e >= len(toks) || partyJoin[toks[e].w] || toks[e].w == "(" || toks[e].w == ";" || listSkip[toks[e].w]
	}
	// "angel investors A and B": unknown names are people; so are names
	// shaped as people's in "several angel investors and other funds
	// such as A, B and Jane Doe".
	people := false
	for k := max(0, from-8); k < from; k++ {
		if (toks[k].w == "angel" || toks[k].w == "individual") && k+1 < len(toks) && (toks[k+1].w == "investors" || toks[k+1].w == "backers") {
			people = true
		}
	}
	for k := from; k < len(toks); {
		t := &toks[k]
		if t.w == "angel" || t.w == "angels" || t.w == "individual" || t.w == "individuals" {
			people = true
		}
		desc := -1 // the name after a description starting at k
		if t.ent < 0 {
			desc = investorDescription(toks, k)
		}
		switch {
		case t.ent >= 0 && k+1 < len(toks) && toks[k+1].w == "'s":
			// "from Alphabet's venture capital arm GV": the arm invests.
			x := k + 2
			// "from Zyxo's AI-focused fund X": a hyphenated
			// description may open with capitals.
			for x < len(toks) && x < k+11 && toks[x].ent < 0 && (isWordLike(toks[x].w) && (!toks[x].cap || strings.IndexByte(toks[x].w, '-') > 0 || describingCaps[toks[x].w]) || toks[x].w == "-" || x+1 < len(toks) && toks[x+1].w == "-") {
				x++
				// "Zyxo's venture capital (VC) arm": a bracketed
				// abbreviation describes too.
				if x+2 < len(toks) && toks[x].w == "(" && toks[x+2].w == ")" && describingCaps[toks[x+1].w] {
					x += 3
				}
			}
			// "including Zyxo's AI fund, Orla Ventures": the arm after a
			// comma.
			if x > k+2 && x+1 < len(toks) && toks[x].w == "," && toks[x+1].ent >= 0 {
				x++
			}
			if x < len(toks) && toks[x].ent < 0 && toks[x].cap && !notNames[toks[x].w] && s.text != "" {
				// "from Zyxo's ZyxoG": an arm no recogniser knew is
				// read like any other name of the list.
				k = x
				continue
			}
			if x >= len(toks) || toks[x].ent < 0 {
				return out
			}
			k = x
		case t.ent >= 0 && k+1 < len(toks) && !toks[k+1].cap && titledAfter(toks, k+1) > 0:
			// "from Zyxo co-founder Jane Doe's fund Orla Ventures": a
			// person of the firm, or what the person owns, invests; but
			// "led by Orla managing partner Jane Doe": a partner of an
			// investment firm invests for the firm.
			if partnerTitle(toks, k+1, titledAfter(toks, k+1)) && !(k+1 < len(toks) && possAfterPerson(toks, titledAfter(toks, k+1))) {
				out = appendInt(out, t.ent)
			}
			k = titledAfter(toks, k+1)
			for k < len(toks) && (toks[k].cap || toks[k].ent >= 0) {
				k++ // the person, whatever a recogniser made of the name
			}
			if k < len(toks) && toks[k].w == "'s" {
				k++
			}
		case t.ent >= 0 && k+1 < len(toks) && titled(toks[k+1:capRun(k+1)]):
			// "from Zyxo Chairman Jane Doe": a person of the firm, not
			// the firm, invests.
			k = capRun(k + 1)
			// "Zyxo CEO and founder Jane Doe": the title goes on in
			// lower case before the person.
			if x := titledAfter(toks, k); x > 0 {
				for k = x; k < len(toks) && (toks[k].cap || toks[k].ent >= 0); k++ {
				}
			}
		case t.ent >= 0 && k+1 < len(toks) && toks[k+1].ent >= 0 && toks[k+1].ent != t.ent && toks[k+1].b == t.e+1 && whole(k+2) && s.text != "":
			// "Zyxo One Growth Ventures": two names the recognisers
			// found side by side in a list are one longer name.
			out = appendInt(out, s.addCand(partyCand{name: s.text[t.b:toks[k+1].e]}))
			k += 2
		case t.ent >= 0 && people && personLike(s.ents[t.ent].name):
			k++ // "as did angel investors Jane Doe and John Roe": people
		case t.ent >= 0:
			// "Zyxo Growth Equity": a known name that goes on
			// in capitals is a longer name.
			if e := capRun(k + 1); e > k+1 && whole(e) && s.text != "" {
				out = appendInt(out, s.addCand(partyCand{name: s.text[t.b:toks[e-1].e]}))
				k = e
				continue
			}
			out = appendInt(out, t.ent)
			k++
		case t.ent < 0 && k+1 < len(toks) && toks[k+1].ent >= 0 && describesName(t.w):
			k++ // "Harbex-backed Orla Capital": a description of the next
		case desc > k:
			k = desc
		case t.w == "&" && k+1 < len(toks) && toks[k+1].ent < 0 && toks[k+1].cap:
			// "Fidelity Management & Research Company": the rest of a
			// name, no item of its own.
			k = capRun(k + 1)
		case (t.w == "managed" || t.w == "advised") && k+1 < len(toks) && toks[k+1].w == "by" && k > from && (toks[k-1].w == "funds" || toks[k-1].w == "accounts"):
			k += 2 // "participation from funds managed by A and B": A and B invest
		case t.w == "along" && k+1 < len(toks) && toks[k+1].w == "with" && k > from:
			k += 2 // "led by A along with B and C"
		case t.w == "alongside" && k > from:
			k++ // "led by A alongside B"
		case partyJoin[t.w] || t.w == ";" || listSkip[t.w] && !(t.cap && !notNames[t.w] && k+1 < len(toks) && toks[k+1].cap && toks[k+1].ent < 0):
			// "New Orla Asset Management" is a name, "new investors
			// A and B" a list.
			k++
		case t.w == "(":
			for k < len(toks) && toks[k].w != ")" {
				k++
			}
			k++
		case t.cap && strings.HasSuffix(t.w, "-based"):
			k++ // "led by Israel-based Orla": a description
		case (t.cap || t.w != "" && isDig(t.w[0])) && !notNames[t.w] && s.text != "":
			e := capRun(k)
			// "Quillon & Partners": a firm word after "&" ends the name.
			if e+1 < len(toks) && toks[e].w == "&" && toks[e+1].ent < 0 && firmWords[s.text[toks[e+1].b:toks[e+1].e]] && capRun(e+1) == e+2 {
				e += 2
			}
			// "Next Orla Ventures" where a recogniser found only "Orla
			// Ventures": one name.
			if e == k+1 && !prepositions[t.w] && !listOpeners[t.w] && !demonym(t.w) && !describingCaps[t.w] && e < len(toks) && toks[e].ent >= 0 && toks[e].b == toks[e-1].e+1 && whole(e+1) {
				out = appendInt(out, s.addCand(partyCand{name: s.text[toks[k].b:toks[e].e]}))
				k = e + 1
				continue
			}
			if d := basedAt(toks, k, e); d >= 0 {
				k = d + 1 // "led by New York-based firm Orla": a description
				continue
			}
			if !whole(e) {
				return out // the run must be a whole item
			}
			// People invest too ("backers including Jane Doe and John
			// Roe"): a name of several words counts only when its last
			// word names a firm ("Keystone Fund", "World Innovation
			// Lab"), and none that opens with a given name.
			name := s.text[toks[k].b:toks[e-1].e]
			last := s.text[toks[e-1].b:toks[e-1].e]
			// "led by European VC firm Atomix": capitals before "firm" or
			// "fund" and a name describe the name.
			described := e+1 < len(toks) && (toks[e].w == "firm" || toks[e].w == "fund") && (toks[e+1].ent >= 0 || toks[e+1].cap)
			if !described && (!people || firmWords[last]) && (e == k+1 || firmWords[last] || e-k <= 3 && firmLike(toks[k:e])) && (person == nil || !person(s.text[toks[k].b:toks[k].e])) {
				out = appendInt(out, s.addCand(partyCand{name: name}))
			}
			k = e
		default:
			return out
		}
	}
	return out
}

// personLike reports whether a name in a list of angel or individual
// investors reads as a person's: two or three words in title case, none
// of which names a firm ("Jane Doe", "Tavin Olvard", but not "Orla
// Ventures" or "ZX Labs").
func personLike(name string) bool {
	ws := strings.Fields(name)
	if len(ws) < 2 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if firmWords[w] || legalSuffix[w] || strings.ToUpper(w) == w || strings.ToLower(w[:1]) == w[:1] {
			return false
		}
	}
	return true
}

// descriptionHeads end a description set before an investor's name:
// "hedge fund", "growth equity firm", "Japanese telecom giant".
var descriptionHeads = setOf("firm", "fund", "investor", "giant", "juggernaut", "arm", "company", "conglomerate", "manager",
	"bank", "insurer", "backer", "operator", "office", "outfit", "vehicle", "capitalist", "incubator", "accelerator", "investors", "backers",
	"firms", "funds", "organizations", "organisations")

// investorDescription returns the index of the name that a description
// starting at k sets apart in a list of investors, or -1: up to six
// words in lower case, a people's adjective ("European") or a bracketed
// abbreviation, ending in a noun of descriptionHeads and followed, after
// a comma or not, by a name ("led by hedge fund Orla Capital", "led by
// European venture capital (VC) juggernaut Pinecrest", "strategic
// investor Velmora Group"). Counter-examples: "led by partner Jane Doe"
// (no noun of a firm), "led by funds it manages" (no name follows).
func investorDescription(toks []dtok, k int) int {
	for x := k; x < len(toks) && x < k+9; x++ {
		t := &toks[x]
		switch {
		case t.ent >= 0:
			return -1
		case t.w == "(" && x+2 < len(toks) && toks[x+2].w == ")" && toks[x+1].cap:
			x += 2
			continue
		case t.cap && x == k && (demonym(t.w) || strings.HasSuffix(t.w, "-based")):
			continue // "European", "Boston-based"
		case t.cap && x > k && toks[x-1].w == "series" && len(t.w) <= 2:
			continue // "its series A investors B"
		case x == k && (t.w == "its" || t.w == "their"):
			continue
		case !isWordLike(t.w) || t.cap || partyJoin[t.w] || prepositions[t.w] || groupStop[t.w]:
			return -1
		}
		if !descriptionHeads[t.w] {
			continue
		}
		n := x + 1
		if n < len(toks) && toks[n].w == "," {
			n++
		}
		if n < len(toks) && (toks[n].ent >= 0 || toks[n].cap && !notNames[toks[n].w]) {
			return n
		}
		return -1
	}
	return -1
}

// demonym reports whether a word (lower-cased, as the deal tokens are)
// looks like a people's adjective ("european", "japanese", "israeli").
func demonym(w string) bool {
	if len(w) < 5 {
		return false
	}
	for _, suf := range []string{"an", "ese", "ish", "ch", "li", "di"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// asideHead finds an aside that ends just before the verb at i ("Off,
// which is creating a platform dubbed Myty, has raised": Off raised, not
// Myty) and returns the company before it, -1 when what stands there is
// no company; ok is false when there is no such aside.
func asideHead(toks []dtok, i int) (int, bool) {
	k := i - 1
	for k >= 0 && auxWords[toks[k].w] {
		k--
	}
	if k < 1 || toks[k].w != "," {
		return 0, false
	}
	// The aside may hold commas of its own ("Zyxo, the company best
	// known for Quillon and its open source, hosted alternative, has
	// raised"): up to three are passed over.
	commas := 0
	for x := k - 1; x >= 1 && x >= k-40; x-- {
		if toks[x].w != "," {
			continue
		}
		switch toks[x+1].w {
		case "which", "who", "that", "a", "an", "the":
			return toks[x-1].ent, true
		}
		if commas++; commas == 3 {
			return 0, false
		}
	}
	return 0, false
}

// namesRound reports whether a sentence names a round of funding, or
// money raised ("X has raised $20 million").
func namesRound(s *dsent) bool {
	for i, t := range s.toks {
		if inSet(roundNounsFilter, roundNouns, t.w) || t.w == "series" || inSet(receiveVerbsFilter, receiveVerbs, t.w) && moneyAfter(s.toks, i) {
			return true
		}
	}
	return false
}

// approxAfter reports whether a rounded amount follows the verb at i:
// "has raised about $14.5 million", "over $1 million".
func approxAfter(toks []dtok, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		if approxWords[toks[k].w] {
			return true
		}
	}
	return false
}

// moneyAfter reports whether an amount follows the verb at i within
// four words: "raised $20 million", "secured €5m".
func moneyAfter(toks []dtok, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		if moneyWords[toks[k].w] {
			return true
		}
	}
	return false
}

// mayNameInvestors reports whether a sentence naming no known company may
// still list the investors of a round: it speaks of investors, backers,
// participants or a round. It looks at the text as written, to stay
// cheap on the many sentences that name no company.
func mayNameInvestors(l string) bool {
	return strings.Contains(l, "nvestor") || strings.Contains(l, "round") || strings.Contains(l, "led by") ||
		strings.Contains(l, "backer") || strings.Contains(l, "articipa")
}

// mayNameRaise reports whether a sentence naming no known company may
// still say the story's subject raised money ("The company recently
// announced $35 million in funding"): it speaks of an amount or a round.
// Like mayNameInvestors it looks at the text as written: it is
// strings.Contains of "illion", "round", "funding", "$", "€" or "£", in
// one pass that looks at the bytes those start with, or at the "ll" and
// "nd" the words hold, eight at a time.
func mayNameRaise(l string) bool {
	const ones = 0x0101010101010101
	at := func(j int) bool { // whether a phrase holds l[j] at its place
		switch l[j] {
		case '$':
			return true
		case 0xE2:
			return strings.HasPrefix(l[j:], "€")
		case 0xC2:
			return strings.HasPrefix(l[j:], "£")
		case 'l': // the first l of "illion"
			return j >= 1 && strings.HasPrefix(l[j-1:], "illion")
		case 'n': // the n of "nd"
			return j >= 3 && strings.HasPrefix(l[j-3:], "round") || j >= 2 && strings.HasPrefix(l[j-2:], "funding")
		}
		return false
	}
	i := 0
	for ; i+9 <= len(l); i += 8 {
		x, y := load64(l[i:]), load64(l[i+1:])
		m := zeroBytes(x^'l'*ones)&zeroBytes(y^'l'*ones) | zeroBytes(x^'n'*ones)&zeroBytes(y^'d'*ones) |
			zeroBytes(x^'$'*ones) | zeroBytes(x^0xE2*ones) | zeroBytes(x^0xC2*ones)
		for m != 0 {
			if at(i + bits.TrailingZeros64(m)/8) {
				return true
			}
			m &= m - 1
		}
	}
	for ; i < len(l); i++ {
		if at(i) {
			return true
		}
	}
	return false
}

// earlierRaise reports whether a sentence that names no company tells
// of money raised before the story's news: a year other than the
// publication year ("In 2016 the startup announced an $8 million
// round", often of a company another one is buying) or a running total
// ("has raised $42 million to date", "at least", "so far"). Such a
// sentence does not make the story's subject a raiser.
func earlierRaise(s *dsent, pubYear int) bool {
	for i, t := range s.toks {
		if pastRoundWords[t.w] || runningTotal(s.toks, i) || t.w == "least" || t.w == "since" {
			return true
		}
		if len(t.w) == 4 && isNum(t.w) && (t.w[0] == '1' || t.w[0] == '2') {
			if y, err := strconv.Atoi(t.w); err == nil && y != pubYear {
				return true
			}
		}
	}
	return false
}

// timeWords own no round: "today's round", "this week's series B".
var timeWords = setOf("today", "yesterday", "tomorrow", "tonight", "this", "last", "next", "week", "month", "year", "quarter")

// roundOwner returns the company a sentence says a round is in or of:
// "an investment in X", "X's latest round", "a round for X"; "" when it
// names none.
func roundOwner(s *dsent) string {
	toks := s.toks
	for k, t := range toks {
		if !roundNouns[t.w] && t.w != "series" {
			continue
		}
		// "Zyxo's venture capital fund ZV", "its investment arm": a
		// description of an investor, no round.
		if k+1 < len(toks) && (descriptionHeads[toks[k+1].w] || toks[k+1].w == "arm" || toks[k+1].w == "arms" || toks[k+1].w == "unit") {
			continue
		}
		if k+2 < len(toks) && (toks[k+1].w == "in" || toks[k+1].w == "for") && toks[k+2].ent >= 0 {
			return s.ents[toks[k+2].ent].name
		}
		for q := k - 1; q >= 0 && q >= k-5; q-- {
			if toks[q].w == "'s" && q > 0 && toks[q-1].ent >= 0 {
				return s.ents[toks[q-1].ent].name
			}
			// "Pinecrest led Quillo's latest round": a name no recogniser
			// knew still owns the round.
			if toks[q].w == "'s" && q > 0 && toks[q-1].cap && s.text != "" && !timeWords[toks[q-1].w] {
				if w := s.text[toks[q-1].b:toks[q-1].e]; !monthOrDay(w) {
					return w
				}
			}
			if !isWordLike(toks[q].w) && !moneyWords[toks[q].w] && !isNum(toks[q].w) {
				break
			}
		}
	}
	return ""
}

// publisherOf returns a test of whether a company name is the article's
// publisher (or a publication of its, "GamesBeat" beside "VentureBeat"
// shares no word; only the publisher's own name, any case, counts).
func publisherOf(pub string) func(string) bool {
	p := strings.ToLower(strings.TrimSpace(pub))
	return func(name string) bool {
		if p == "" {
			return false
		}
		if isASCII(name) {
			return equalLowerASCII(name, p) // strings.ToLower(name) == p, without the copy
		}
		return strings.ToLower(name) == p
	}
}

// jobTitles open the name of a person of a firm: "Zyxo Chairman Jane
// Doe", "founder and CEO".
var jobTitles = setOf("chairman", "chairwoman", "chair", "ceo", "cto", "cfo", "coo", "president", "founder", "cofounder", "co-founder", "director", "partner", "executive", "chief")

// titledAfter returns the index after a job title written in lower case
// from k ("co-founder", "managing partner", "chief executive"), or 0 when
// none starts there.
func titledAfter(toks []dtok, k int) int {
	for x := k; x < len(toks) && x < k+3 && !toks[x].cap && isWordLike(toks[x].w); x++ {
		if jobTitles[toks[x].w] {
			return x + 1
		}
	}
	return 0
}

// partnerTitle reports whether the lower-case title from k to e is a
// partner's of an investment firm ("managing partner", "general
// partner", "partner"), not a founder's or an officer's.
func partnerTitle(toks []dtok, k, e int) bool {
	for x := k; x < e; x++ {
		if toks[x].w == "partner" {
			return true
		}
	}
	return false
}

// possAfterPerson reports whether the person's name from k ends in a
// possessive ("Jane Doe's fund"): what the person owns invests.
func possAfterPerson(toks []dtok, k int) bool {
	for k < len(toks) && (toks[k].cap || toks[k].ent >= 0) {
		k++
	}
	return k < len(toks) && toks[k].w == "'s"
}

// titled reports whether a run of capitalised words holds a job title.
func titled(run []dtok) bool {
	for _, t := range run {
		if jobTitles[t.w] {
			return true
		}
	}
	return false
}

// headlineRaiser returns the company of ms a funding headline names as
// raising money (see headlineRaisers): one whose name or surface is a
// form of the headline's name, or whose name goes on from it ("Zyxo
// raises" over a text that names Zyxo Labs); "" when there is none or it
// is the publisher.
func headlineRaiser(title string, ms []EntityMention, publisher func(string) bool) string {
	if !hasLowerASCII(title) {
		return "" // a wire headline in capitals
	}
	forms := headlineRaisers(title)
	if len(forms) == 0 {
		forms = titleCaseRaisers(title) // only names the text's recognisers found
	}
	for _, n := range forms {
		for _, m := range ms {
			if m.Kind == partnergraph.MentionCompany && !publisher(m.Name) &&
				(m.Name == n || m.Surface == n || strings.HasPrefix(m.Name, n+" ")) {
				return m.Name
			}
		}
	}
	return ""
}

// sameRaiser reports whether a sentence that says r raised money may set
// the story's round: when no raiser is known, or r is the one the
// headline named (the sentence then gives the amount).
func (c *dealContext) sameRaiser(r string) bool {
	return c.raiser == "" || c.raiser == r
}
