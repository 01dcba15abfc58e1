package loader

import (
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// The deal a headline states.
//
// News of a purchase or a partnership states it in the headline in a few
// fixed shapes: "Harbex acquires design startup Quillon", "Harbex to buy
// Quillon for $2 billion", "Harbex invests in design startup Quillon",
// "Harbex partners with Orla to build robots",
// "Harbex and Orla team up on farm robots". The body then tells it in
// sentences the sentence rules may not read ("Today, the Lisbon-based
// company announced it has acquired Quillon", "... by acquiring
// Quillon"). When the headline has such a shape, both names are
// companies of the text and no rule found a deal of that kind between
// them, headlineDeal adds it, with the first sentence that names both as
// its evidence.
//
// Counter-examples: "Harbex reportedly acquires Quillon", "Harbex in
// talks to buy Quillon", "Could Harbex buy Quillon?" (hedged: the verb
// must follow the name, and a question says nothing); "Harbex Acquires
// Quillon" (title case: where the names end is unknown); "Harbex, Orla
// and Velmora partner" (three parties: which deal the story tells is
// unclear); a headline whose names the text never writes together with
// a deal word.

// headlineShape is the deal a headline states: its type, the names that
// may be each party (longest form first), and the status its verb gives.
type headlineShape struct {
	typ    partnergraph.DealType
	a, b   [][]string
	status partnergraph.DealStatus
}

// headlineBuyVerbs state a purchase in a headline, with the status each
// gives: the present tense reports a deal just made public.
var headlineBuyVerbs = map[string]partnergraph.DealStatus{
	"acquires": partnergraph.Announced, "buys": partnergraph.Announced, "acquired": partnergraph.Completed,
	"bought": partnergraph.Completed,
}

// headlineChooseVerbs state in a headline that a company chose another
// to do a job: "Harbex taps Orla to …", "Harbex selects Orla for …".
var headlineChooseVerbs = setOf("taps", "selects", "picks", "chooses", "hires", "enlists")

// chosenFor reports whether the chosen name after ws[k] is followed by
// the job it is chosen for ("to …", "for …", "as its …").
func chosenFor(ws []string, k int) bool {
	for x := k; x < len(ws) && x < k+6; x++ {
		switch ws[x] {
		case "to", "for", "as":
			return x > k
		}
	}
	return false
}

// headlineWithVerbs state a partnership with the party after "with":
// "partners with", "teams up with".
var headlineWithVerbs = setOf("partners", "teams", "collaborates", "joins", "inks", "signs", "expands", "extends")

// headlinePairVerbs state a partnership of the two names before them:
// "Harbex and Orla partner", "Harbex, Orla team up".
var headlinePairVerbs = setOf("partner", "team", "collaborate", "join", "ink", "sign", "expand", "extend")

// headlineWithObjects may stand between a partnership verb and "with":
// "joins forces with", "inks deal with", "expands its alliance with".
var headlineWithObjects = setOf("up", "forces", "deal", "pact", "agreement", "its", "alliance", "partnership", "a", "an", "multiyear", "multi-year", "strategic")

// parseHeadline returns the deal a headline states, if it has one of the
// shapes above.
func parseHeadline(title string) (headlineShape, bool) {
	if i := strings.Index(title, " | "); i >= 0 {
		title = title[:i] // "… | Publisher"
	}
	if strings.ContainsRune(title, '?') {
		return headlineShape{}, false
	}
	ws := strings.Fields(title)
	for v := 1; v+1 < len(ws); v++ {
		w := ws[v]
		switch {
		case headlineBuyVerbs[w] != "" || (w == "acquire" || w == "buy") && ws[v-1] == "to":
			st, at := headlineBuyVerbs[w], v
			if st == "" {
				st, at = partnergraph.Announced, v-1 // "Harbex to acquire Quillon"
				if at > 0 && (ws[at-1] == "agrees" || ws[at-1] == "plans") {
					at--
				}
			}
			a := nameRunBefore(ws, at)
			b := namesAfter(ws, v+1)
			if len(a) > 0 && len(b) > 0 {
				return headlineShape{typ: partnergraph.Acquisition, a: a, b: b, status: st}, true
			}
			return headlineShape{}, false
		case (w == "invests" || w == "invested") && ws[v+1] == "in":
			// "Harbex invests in design startup Quillon": an investment
			// made, the story's news (funding told as news is done).
			a := nameRunBefore(ws, v)
			b := namesAfter(ws, v+2)
			if len(a) == 0 || len(b) == 0 || listedAfter(ws, v+2) {
				return headlineShape{}, false
			}
			return headlineShape{typ: partnergraph.Investment, a: a, b: b, status: partnergraph.Completed}, true
		case headlineChooseVerbs[w]:
			// "Harbex taps Orla to run its cloud": a supplier chosen.
			a := nameRunBefore(ws, v)
			b := namesAfter(ws, v+1)
			if len(a) == 0 || len(b) == 0 || listedAfter(ws, v+1) || !chosenFor(ws, v+1) {
				return headlineShape{}, false
			}
			return headlineShape{typ: partnergraph.Supply, a: a, b: b, status: partnergraph.Announced}, true
		case headlineWithVerbs[w]:
			k := v + 1
			for k < len(ws) && headlineWithObjects[ws[k]] {
				k++
			}
			if k >= len(ws) || ws[k] != "with" || (w == "joins" || w == "teams") && k == v+1 {
				continue
			}
			a := nameRunBefore(ws, v)
			b := namesAfter(ws, k+1)
			if len(a) == 0 || len(b) == 0 || listedAfter(ws, k+1) {
				return headlineShape{}, false
			}
			return headlineShape{typ: partnergraph.Partnership, a: a, b: b, status: partnergraph.Announced}, true
		case headlinePairVerbs[w]:
			s := v
			for s > 0 && headlineNameWord(ws[s-1], s-1 < v-1) || s > 0 && ws[s-1] == "and" {
				s--
			}
			if listEndsAt(ws, s) {
				return headlineShape{}, false // three names or more
			}
			run := ws[s:v]
			// Two names joined by "and" or a comma, and no more.
			cut := -1
			for k, x := range run {
				if x == "and" || x == "&" || strings.HasSuffix(x, ",") {
					if cut >= 0 {
						return headlineShape{}, false
					}
					cut = k
				}
			}
			if cut <= 0 || cut == len(run)-1 {
				return headlineShape{}, false
			}
			left := run[:cut+1]
			if x := left[len(left)-1]; x == "and" || x == "&" {
				left = left[:len(left)-1]
			} else {
				left[len(left)-1] = strings.TrimSuffix(x, ",")
			}
			right := run[cut+1:]
			if len(left) == 0 || len(right) == 0 {
				return headlineShape{}, false
			}
			return headlineShape{typ: partnergraph.Partnership, a: [][]string{shorterForms(left)}, b: [][]string{shorterForms(right)}, status: partnergraph.Announced}, true
		}
	}
	return headlineShape{}, false
}

// nameRunBefore returns the forms of the name just before ws[v] (see
// shorterForms), or nil; nil too when a list ends there ("Dell, Orla
// and Velmora partner").
func nameRunBefore(ws []string, v int) [][]string {
	s := v
	for s > 0 && headlineNameWord(ws[s-1], s-1 < v-1) {
		s--
	}
	for s < v && (ws[s] == "and" || ws[s] == "&") {
		s++
	}
	if s == v || listEndsAt(ws, s) {
		return nil
	}
	return [][]string{shorterForms(ws[s:v])}
}

// listEndsAt reports whether the name at ws[s] ends a list of names:
// "Dell, Orla and Velmora", but not "Fresh from a round, Velmora".
func listEndsAt(ws []string, s int) bool {
	if s == 0 || !strings.HasSuffix(ws[s-1], ",") {
		return false
	}
	return headlineNameWord(strings.TrimSuffix(ws[s-1], ","), false)
}

// shorterForms returns a name of words and its shorter forms without a
// capitalised description in front ("Israeli Zyxo", "Zyxo"), none of
// them a firm word alone ("Labs").
func shorterForms(run []string) []string {
	out := []string{strings.Join(run, " ")}
	for k := 1; k < len(run); k++ {
		if run[k] != "and" && run[k] != "&" && !firmWords[run[k]] && !legalSuffix[run[k]] {
			out = append(out, strings.Join(run[k:], " "))
		}
	}
	return out
}

// namesAfter returns the capitalised runs of up to eight words after
// ws[k] that may name the object, the last first, each followed by its
// shorter forms: descriptions stand before the name, capitalised or not
// ("AI startup Quillon", "Kubernetes experts Quillon"). A word that ends
// the object ("for", "to", "from", a comma) ends the search.
func namesAfter(ws []string, k int) [][]string {
	var out [][]string
	for x := k; x < len(ws) && x < k+8; {
		w := strings.TrimRight(ws[x], ",:;")
		if !headlineNameWord(w, false) {
			if objectEnds[w] || w != ws[x] {
				break
			}
			x++
			continue
		}
		e := x + 1
		for e < len(ws) && headlineNameWord(strings.TrimRight(ws[e], ",:;"), false) && ws[e-1] == strings.TrimRight(ws[e-1], ",:;") {
			e++
		}
		run := make([]string, e-x)
		for i := range run {
			run[i] = strings.TrimRight(ws[x+i], ",:;")
		}
		out = append([][]string{shorterForms(run)}, out...)
		if ws[e-1] != run[len(run)-1] {
			return out // a comma ends the object
		}
		x = e
		// "acquires Quillon's esports team", "acquires Quillon devs",
		// "a 70% stake in": a noun in lower case after the last name is
		// what is bought, and the names only describe it.
		for x < len(ws) && x < k+8 && !headlineNameWord(ws[x], false) && !objectEnds[strings.TrimRight(ws[x], ",:;")] {
			if ws[x] != strings.TrimRight(ws[x], ",:;") || x+1 >= len(ws) || x+1 < len(ws) && objectEnds[ws[x+1]] {
				return nil
			}
			x++
		}
		if x >= len(ws) || x >= k+8 || objectEnds[strings.TrimRight(ws[x], ",:;")] {
			return out
		}
	}
	return out
}

// objectEnds end the object of a headline's verb.
var objectEnds = setOf("for", "to", "from", "in", "on", "at", "as", "amid", "after", "with", "and", "—", "-", "–")

// listedAfter reports whether the object after ws[k] lists several
// names ("with Nvidia and Accenture"), which names more than one deal.
func listedAfter(ws []string, k int) bool {
	for x := k; x < len(ws) && x < k+5; x++ {
		if ws[x] == "and" || ws[x] == "&" || strings.HasSuffix(ws[x], ",") {
			return x+1 < len(ws) && headlineNameWord(ws[x+1], false)
		}
		if !headlineNameWord(ws[x], false) {
			return false
		}
	}
	return false
}

// headlineDeal returns the deal the article's headline states (see
// parseHeadline) when the text names both parties and no rule found a
// deal of its kind between them, with the first sentence of the text
// that names both as evidence, or that names the second with a word of
// the deal's kind; ok is false otherwise.
func (c *dealContext) headlineDeal(title string, tx *Text, bms []byteMent, found []dmention) (dmention, bool) {
	if !hasLowerASCII(title) {
		return dmention{}, false // a wire headline in capitals
	}
	h, ok := parseHeadline(title)
	if !ok {
		if h, ok = titleCaseShape(title); !ok {
			return dmention{}, false
		}
	}
	resolve := func(runs [][]string) string {
		for _, forms := range runs {
			// "teams up with Jane Doe": a person is no party.
			if first, _, _ := strings.Cut(forms[0], " "); c.person != nil && strings.Contains(forms[0], " ") && c.person(first) {
				continue
			}
			for i, f := range forms {
				// "with Alec Doe" written so in the text but recognised
				// only as "Doe": the longer form is what the headline
				// names.
				if i > 0 && strings.Contains(tx.Src, forms[0]) {
					break
				}
				company := ""
				for _, bm := range bms {
					m := bm.m
					if m.Name != f && m.Surface != f && !strings.HasPrefix(m.Name, f+" ") || c.publisher(m.Name) {
						continue
					}
					if m.Kind == partnergraph.MentionPlatform && m.Owner != "" {
						// "partners with Zyxo Cloud": the cloud's owner is
						// the party (convention 8).
						return m.Owner
					}
					if m.Kind == partnergraph.MentionCompany && company == "" {
						company = m.Name
					}
				}
				if company != "" {
					return company
				}
			}
		}
		return ""
	}
	a, b := resolve(h.a), resolve(h.b)
	if a == "" || b == "" || a == b || publicBody(tx.Src, a) || publicBody(tx.Src, b) {
		return dmention{}, false
	}
	// A deal the rules found between the two reads the body more closely
	// than the headline does ("partners with X in a $24M deal" may be an
	// investment); but a purchase the headline states stands beside an
	// older partnership of the two ("has worked with X on remakes").
	for _, m := range found {
		if !hasParty(m.parties, a) || !hasParty(m.parties, b) {
			continue
		}
		if h.typ != partnergraph.Acquisition || m.typ == partnergraph.Acquisition || m.typ == partnergraph.Merger {
			return dmention{}, false
		}
	}
	words := partnerWords
	switch h.typ {
	case partnergraph.Acquisition:
		words = buyWords
	case partnergraph.Supply:
		words = supplyWords
	case partnergraph.Investment:
		words = investWords
	}
	text := tx.Src
	pick, fallback := -1, -1
	mi := 0
	for si, sp := range tx.Sents {
		if sp.End-sp.Start > maxDealSentence || isShouted(text[sp.Start:sp.End]) {
			continue
		}
		for mi < len(bms) && bms[mi].e <= sp.Start {
			mi++
		}
		hasA, hasB := false, false
		for k := mi; k < len(bms) && bms[k].b < sp.End; k++ {
			hasA = hasA || bms[k].m.Name == a
			hasB = hasB || bms[k].m.Name == b
		}
		if !hasB {
			continue
		}
		l := lowerASCII(text[sp.Start:sp.End])
		if hasA && containsAny(l, words) {
			pick = si
			break
		}
		if fallback < 0 && containsAny(l, words) {
			fallback = si
		}
	}
	if pick < 0 {
		pick = fallback
	}
	if pick < 0 {
		return dmention{}, false
	}
	sp := tx.Sents[pick]
	st := h.status
	// "Harbex has acquired Quillon": a purchase the evidence tells as
	// done is complete (convention 11), whatever the headline's tense.
	if l := lowerASCII(text[sp.Start:sp.End]); h.typ == partnergraph.Acquisition && containsAny(l, doneBuyWords) && !strings.Contains(l, "to be acquired") {
		st = partnergraph.Completed
	}
	m := dmention{typ: h.typ, status: st, conf: 0.6, sb: sp.Start, se: sp.End, rule: "headline-deal", si: pick, year: c.pubYear}
	switch h.typ {
	case partnergraph.Acquisition:
		m.parties = []dparty{{a, partnergraph.RoleBuyer}, {b, partnergraph.RoleTarget}}
	case partnergraph.Supply:
		m.parties = []dparty{{b, partnergraph.RoleSupplier}, {a, partnergraph.RoleCustomer}}
	case partnergraph.Investment:
		m.parties = []dparty{{a, partnergraph.RoleInvestor}, {b, partnergraph.RoleInvestee}}
	default:
		m.parties = []dparty{{a, partnergraph.RolePartner}, {b, partnergraph.RolePartner}}
	}
	return m, true
}

// buyWords, supplyWords, investWords and partnerWords are the words by
// which a sentence tells a purchase, a supply, an investment or a
// partnership, looked for in its lower-cased text.
var (
	buyWords     = []string{"acqui", "buy", "bought", "purchas", "deal", "takeover"}
	supplyWords  = []string{"use", "using", "tap", "select", "chose", "choos", "deal", "agreement", "contract", "partner", "provide", "power", "run", "customer", "deploy"}
	investWords  = []string{"invest", "funding", "round", "backer", "stake", "raise"}
	doneBuyWords = []string{"has acquired", "have acquired", "'s acquired", "had acquired", "has bought", "completed", "closed the"}
	partnerWords = []string{"partner", "collaborat", "team", "alliance", "together", "deal", "agreement", "work with", "working with", "integrat"}
)

// publicBodyWords mark names of public bodies, schools and charities:
// deals with them are not labelled (convention 15).
var publicBodyWords = setOf("Department", "Force", "Army", "Navy", "Ministry", "Government", "University", "College", "School",
	"Agency", "Commission", "Council", "Institute", "Foundation", "Hospital", "Authority", "Administration", "Bureau", "Court",
	"Parliament", "Museum", "Society", "Association", "Committee")

// publicBody reports whether a name holds a word of publicBodyWords, or
// the text describes it as a public body in apposition ("Orla Metro, the
// region's public transport authority").
func publicBody(text, name string) bool {
	for _, w := range strings.Fields(name) {
		if publicBodyWords[w] {
			return true
		}
	}
	for at := 0; ; {
		i := strings.Index(text[at:], name+", ")
		if i < 0 {
			return false
		}
		at += i + len(name) + 2
		end := strings.IndexAny(text[at:], ",.;")
		if end < 0 {
			end = len(text) - at
		}
		if ws := strings.Fields(lowerASCII(text[at : at+end])); len(ws) <= 10 {
			for _, w := range ws {
				if slices.Contains(authorityWords, w) || institutionNouns[w] {
					return true
				}
			}
		}
	}
}

// containsAny reports whether l contains one of subs.
func containsAny(l string, subs []string) bool {
	for _, s := range subs {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// Title-case headlines.
//
// Headlines in title case ("Google Buys Fitbit to Fulfill Its Ambitions",
// "Minim Raises $2.5M Seed Round") capitalise every word, so where a name
// starts or ends is unknown. titleCaseShape and titleCaseRaisers offer
// every run of words around the verb as a form of each name, and the
// callers take only forms that are companies the text already names: no
// name is made from such a headline. Counter-examples: "Uber Buys a
// Mysterious Startup" (no company after the verb), "Industry Ventures
// Raises $335 Million Fund" (a firm raising a fund).

// titleVerbs are the one-word verbs of a title-case headline that state
// a purchase ("Partners With" and "Teams Up With" are read apart).
var titleVerbs = map[string]partnergraph.DealType{"Acquires": partnergraph.Acquisition, "Buys": partnergraph.Acquisition}

// titleSmallWords end a name in a title-case headline.
var titleSmallWords = setOf("to", "To", "for", "For", "in", "In", "on", "On", "with", "With", "and", "And", "of", "Of", "a", "A", "an", "An", "the", "The", "at", "At", "from", "From", "as", "As", "&", "–", "-", "—", "|")

// titleCaseShape returns the purchase or partnership a title-case
// headline states ("X Acquires Y", "X Buys Y", "X Partners With Y", "X
// Teams Up With Y"), each party as every run of up to five words before
// or after the verb, longest first.
func titleCaseShape(title string) (headlineShape, bool) {
	if i := strings.Index(title, " | "); i >= 0 {
		title = title[:i]
	}
	if strings.ContainsRune(title, '?') {
		return headlineShape{}, false
	}
	ws := strings.Fields(title)
	for v := 1; v+1 < len(ws); v++ {
		typ, obj := partnergraph.DealType(""), -1
		switch {
		case titleVerbs[ws[v]] != "":
			typ, obj = titleVerbs[ws[v]], v+1
		case ws[v] == "Partners" && ws[v+1] == "With":
			typ, obj = partnergraph.Partnership, v+2
		case ws[v] == "Teams" && v+2 < len(ws) && ws[v+1] == "Up" && ws[v+2] == "With":
			typ, obj = partnergraph.Partnership, v+3
		}
		if typ == "" {
			continue
		}
		a := titleRunsBefore(ws, v)
		b := titleRunsAfter(ws, obj)
		if len(a) == 0 || len(b) == 0 {
			return headlineShape{}, false
		}
		return headlineShape{typ: typ, a: [][]string{a}, b: [][]string{b}, status: partnergraph.Announced}, true
	}
	return headlineShape{}, false
}

// titleCaseRaisers returns the forms of a title-case funding headline's
// raiser ("Minim Raises $2.5M Seed Round"), or nil: the verb "Raises",
// an amount within two words, and no fund raised.
func titleCaseRaisers(title string) []string {
	if i := strings.Index(title, " | "); i >= 0 {
		title = title[:i]
	}
	ws := strings.Fields(title)
	for v := 1; v+1 < len(ws); v++ {
		if ws[v] != "Raises" && ws[v] != "Secures" && ws[v] != "Closes" && ws[v] != "Lands" {
			continue
		}
		money := false
		for x := v + 1; x < len(ws) && x <= v+2; x++ {
			if c := ws[x][0]; c == '$' || isDigitASCII(c) || strings.HasPrefix(ws[x], "€") || strings.HasPrefix(ws[x], "£") {
				money = true
			}
		}
		for x := v + 1; x < len(ws) && x <= v+6; x++ {
			if w := strings.ToLower(strings.TrimRight(ws[x], ",:;")); w == "fund" || w == "funds" {
				return nil
			}
		}
		if !money {
			return nil
		}
		return titleRunsBefore(ws, v)
	}
	return nil
}

// titleRunsBefore returns the runs of up to five words that end just
// before ws[v], longest first, none starting with a small word.
func titleRunsBefore(ws []string, v int) []string {
	var out []string
	for s := max(0, v-5); s < v; s++ {
		if titleSmallWords[ws[s]] {
			continue
		}
		bad := false
		for _, w := range ws[s:v] {
			if titleSmallWords[w] || strings.HasSuffix(w, ":") {
				bad = true
			}
		}
		if !bad {
			out = append(out, strings.TrimRight(strings.Join(ws[s:v], " "), ","))
		}
	}
	return out
}

// titleRunsAfter returns the runs of up to five words from ws[k] on,
// longest first, that stop before a small word or a comma.
func titleRunsAfter(ws []string, k int) []string {
	e := k
	for e < len(ws) && e < k+5 && !titleSmallWords[ws[e]] {
		e++
		if strings.HasSuffix(ws[e-1], ",") {
			break
		}
	}
	var out []string
	for x := e; x > k; x-- {
		out = append(out, strings.TrimRight(strings.Join(ws[k:x], " "), ","))
	}
	return out
}
