package loader

import (
	"strings"

	"github.com/partnergraph/partnergraph"
)

// listCompanies completes lists of companies: in a run of names joined
// by commas and "and" ("customers such as Harlow, Bremont, Great Pike
// and other chains"; "with participation from Vexa Ventures, Orlen
// Partners and WI Holt"), a name no rule or the tagger knew is taken for
// a company when the list's other names are mostly companies: at least
// two of them, no fewer than the unknown ones, and none a platform. A
// name that is an everyday word or a given name, a place or other word
// the gazetteer marks as no company, or a person of the article is left
// alone, and so is every name of a list that also names a platform
// ("Xbox, PlayStation and Switch") or holds fewer than two companies
// ("London, Paris and Zyxo"), or is joined without a comma ("integrate
// USD and IFC and Zyxo's tools").
func (r *EntityRecognizer) listCompanies(text string, toks []token, blocked []bool, ps persons, picked []candidate) []candidate {
	// A list of two companies or more has one of them next to a comma.
	companies, commaNext := 0, false
	comma := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].kind != tokWord && text[toks[k].s:toks[k].e] == ","
	}
	for _, c := range picked {
		if c.kind == partnergraph.MentionCompany {
			companies++
			commaNext = commaNext || comma(c.tj) || comma(c.ti-1)
		}
	}
	if companies < 2 || !commaNext {
		return picked
	}
	// at maps a token to the picked candidate that starts there (+1), or
	// to -1 inside one, or to 0 outside them.
	at := make([]int32, len(toks))
	for n, c := range picked {
		for k := c.ti; k < c.tj; k++ {
			at[k] = -1
		}
		at[c.ti] = int32(n + 1)
	}
	var add []candidate
	var items []listEntry // the items of the list at k, reused from k to k
	k := 0
	for k < len(toks) {
		items = items[:0]
		commas := 0
		q := k
		for q < len(toks) {
			it, ok := listItem(text, toks, blocked, picked, at, q)
			if !ok {
				break
			}
			items = append(items, it)
			// Separators: ",", "and", ", and", "or", ", or".
			n := it.tj
			if comma(n) {
				n++
				commas++
			}
			if n < len(toks) && !toks[n].nlBefore && toks[n].kind == tokWord {
				if w := text[toks[n].s:toks[n].e]; w == "and" || w == "or" {
					n++
				}
			}
			if n == it.tj || n >= len(toks) || toks[n].nlBefore {
				break
			}
			q = n
		}
		// "A and B and C" is rarely a list of companies: a list has commas.
		if len(items) < 3 || commas == 0 {
			if len(items) == 0 {
				k++
			} else {
				k = items[0].tj
			}
			continue
		}
		companies, unknown, platform := 0, 0, false
		for _, it := range items {
			switch {
			case it.known < 0:
				unknown++
			case picked[it.known].kind == partnergraph.MentionCompany:
				companies++
			default:
				platform = true
			}
		}
		// "acquiring a number of startup businesses — A, B, C and D":
		// a list a plural company noun opens is of companies even where
		// the known ones are fewer.
		named := companies >= 2 && unknown <= companies || companies >= 1 && companiesIntro(text, toks, items[0].ti)
		if !platform && named && unknown > 0 {
			for u, it := range items {
				if it.known >= 0 || surnameFirm(text, toks, items, u) {
					continue
				}
				if !r.listedName(text, toks, it.ti, it.tj, ps) {
					continue
				}
				add = append(add, candidate{ti: it.ti, tj: it.tj, s: toks[it.ti].s, e: toks[it.tj-1].e,
					kind: partnergraph.MentionCompany, name: joinTokens(text, toks[it.ti:it.tj]), source: "list", conf: 0.6, priority: -2})
			}
		}
		k = items[len(items)-1].tj
	}
	if len(add) == 0 {
		return picked
	}
	return r.propagate(text, toks, blocked, pick(append(picked, add...)))
}

// companiesIntro reports whether the list starting at token q follows
// a plural noun of businesses, directly or through words that open
// examples: "startup businesses — A, B", "rivals such as A", "firms
// including A", "vendors: A". Nouns that people share ("investors",
// "partners", "customers") do not count: "individual investors Jane
// Doe, John Roe and Ann Poe". Counter-example: "rivals in Ohio, Utah and
// Iowa" (a preposition between).
func companiesIntro(text string, toks []token, q int) bool {
	word := func(k int) string { return strings.ToLower(text[toks[k].s:toks[k].e]) }
	k := q - 1
	for ; k >= 0 && k >= q-4; k-- {
		switch word(k) {
		case "—", "–", ":", "including", "like", "namely", "such", "as":
			continue
		}
		break
	}
	return k >= 0 && toks[k].kind == tokWord && businessPlurals[word(k)]
}

// businessPlurals are the plural nouns that name only businesses.
var businessPlurals = setOf("companies", "firms", "startups", "start-ups", "businesses", "corporations", "conglomerates",
	"rivals", "competitors", "vendors", "providers", "makers", "chipmakers", "carmakers", "automakers", "manufacturers",
	"suppliers", "retailers", "banks", "lenders", "insurers", "airlines", "carriers", "operators", "publishers", "studios", "brewers")

// listEntry is one name of a list: its tokens and the picked mention it
// is, or -1.
type listEntry struct {
	ti, tj int
	known  int
}

// surnameFirm reports whether the unknown name items[u] may belong to a
// firm named by a list of names rather than stand alone: followed,
// through more unknown names, by a known name ending in a legal form
// ("Dorne, Lasker and Pell Securities Corp", "Ames, Burke, Cole Inc":
// where a list's companies carry legal forms, each carries its own), or,
// a single word, closing the list after a bare "and" and another one-word
// name ("Wexler and Brant").
func surnameFirm(text string, toks []token, items []listEntry, u int) bool {
	one := func(it listEntry) bool { return it.tj-it.ti == 1 }
	for n := u + 1; n < len(items); n++ {
		if items[n].known < 0 {
			continue
		}
		last := toks[items[n].tj-1]
		return legalSuffix[text[last.s:last.e]]
	}
	if !one(items[u]) {
		return false
	}
	if u == len(items)-1 && u > 0 && one(items[u-1]) {
		b := toks[items[u].ti-1]
		return text[b.s:b.e] == "and" && text[toks[items[u].ti-2].s:toks[items[u].ti-2].e] != ","
	}
	return false
}

// listItem reads one name of a list at token q: a picked mention that
// starts there, or a run of up to five name words (capitalised, in
// capitals, with inner capitals or starting with a digit: "9Lattice",
// "eKestra") joined by "&", "of", "de" or a hyphen, touching no picked
// mention or markup.
func listItem(text string, toks []token, blocked []bool, picked []candidate, at []int32, q int) (listEntry, bool) {
	if n := int(at[q]) - 1; n >= 0 {
		return listEntry{picked[n].ti, picked[n].tj, n}, true
	}
	covered := func(k int) bool { return k < len(at) && at[k] != 0 }
	e := q
	for e < len(toks) && e < q+5 && !covered(e) && !isBlocked(blocked, e) && (e == q || !toks[e].nlBefore) {
		t := toks[e]
		if isNameWord(text, t) || t.kind == tokWord && t.hasUpper {
			e++
			continue
		}
		w := text[t.s:t.e]
		if e > q && (w == "&" || w == "of" || w == "de" || w == "-") && e+1 < len(toks) && isNameWord(text, toks[e+1]) {
			e++
			continue
		}
		break
	}
	if e == q || covered(e) || !listEdge(text, toks, q-1) || !listEdge(text, toks, e) {
		return listEntry{}, false
	}
	return listEntry{q, e, -1}, true
}

// listEdge reports whether toks[k] may stand next to a name read as an
// item of a list: a comma, "and" or "or", other punctuation that
// ends or opens a phrase, a lower-case word, or the text's edge; not a
// name word or a mark that joins names ("&", "/", "-", "'s"), as in
// "Silver Light & Magic" or "Oak HC/FT".
func listEdge(text string, toks []token, k int) bool {
	if k < 0 || k >= len(toks) {
		return true
	}
	t := &toks[k]
	w := text[t.s:t.e]
	if t.kind == tokWord {
		return !t.hasUpper && !isDigitASCII(w[0]) || w == "and" || w == "or"
	}
	switch w {
	case ",", ".", ";", ":", "(", ")", "—", "–", "!", "?":
		return true
	}
	return false
}

// listedName reports whether the name in toks[s:e] may be a company: not
// an everyday word or given name, not what the gazetteer marks as no
// company (places, institutions), not a person of the article, no
// public body by its words.
func (r *EntityRecognizer) listedName(text string, toks []token, s, e int, ps persons) bool {
	name := text[toks[s].s:toks[e-1].e]
	if e-s == 1 && (isCommonWordName(r.g, name) || len(name) < 2) {
		return false
	}
	if strings.HasSuffix(name, "-") || e-s == 1 && (legalSuffix[name] || designators[name] || firmTails[name]) || creditRating(name) {
		return false
	}
	return r.plausibleName(text, toks, s, e, ps)
}

// firmTails are words that end a firm's name but name no firm alone:
// "Wexler and Sons".
var firmTails = setOf("Sons", "Brothers", "Associates", "Co", "Cos", "Company", "Companies")

// creditRating reports whether name is a credit rating ("Aa-3", "B-1",
// "Baa-2"): up to three letters of A, B and C, a hyphen and a digit.
func creditRating(name string) bool {
	i := strings.IndexByte(name, '-')
	if i < 1 || i > 3 || len(name) != i+2 || !isDigitASCII(name[i+1]) {
		return false
	}
	for _, c := range name[:i] {
		if !strings.ContainsRune("ABCabc", c) {
			return false
		}
	}
	return true
}
