package loader

import "github.com/partnergraph/partnergraph"

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
// person (plausibleName); and "In 2013, the start-up raised" starts with
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
		t := toks[i]
		if t.kind != tokWord || t.hasUpper || !fundVerbs[word(i)] || !raisedMoney(text, toks, i+1) {
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
		c := candidate{ti: s, tj: e}
		if overlapsAny(c, picked) || !r.listedName(text, toks, s, e, ps) {
			continue
		}
		c.s, c.e = toks[s].s, toks[e-1].e
		c.kind, c.name, c.source, c.conf, c.priority = partnergraph.MentionCompany, joinTokens(text, toks[s:e]), "raise", 0.6, -2
		add = append(add, c)
	}
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
