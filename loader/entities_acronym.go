package loader

import (
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// acronymConnectors are the small words a spelled-out name may hold
// without a letter in its acronym: "Bank of Tokyo", "Procter and Gamble".
var acronymConnectors = setOf("of", "and", "the", "for", "&", "de")

// spelledAcronyms drops the all-capitals names of three to five letters
// that the gazetteer gives to a company ("DEC", "UTC") when the article
// spells them out as the name of a public body, a charity or another
// institution: beside the "Dental Examiners Council", "DEC" is no
// computer maker. A name spells an acronym when its capitalised words
// start with the acronym's letters in order, connectors aside. A name
// spelled out as a business may be the gazetteer company under its full
// or former name, so the acronym keeps its company.
func (r *EntityRecognizer) spelledAcronyms(text string, toks []token, picked []candidate) []candidate {
	if !slices.ContainsFunc(picked, func(c candidate) bool { return acronymMention(text, toks, c) }) {
		return picked
	}
	drop := map[string]bool{}
	out := picked[:0:0]
	for _, c := range picked {
		acr := text[c.s:c.e]
		if acronymMention(text, toks, c) {
			d, seen := drop[acr]
			if !seen {
				d = r.spelledInstitution(text, toks, acr, c.name)
				drop[acr] = d
			}
			if d {
				continue
			}
		}
		out = append(out, c)
	}
	if len(out) == len(picked) {
		return picked
	}
	return out
}

// acronymMention reports whether c is a gazetteer company written as one
// all-capitals word of three to five letters.
func acronymMention(text string, toks []token, c candidate) bool {
	return c.source == "gazetteer" && c.kind == partnergraph.MentionCompany && c.tj-c.ti == 1 && toks[c.ti].upper && c.e-c.s >= 3 && c.e-c.s <= 5
}

// spelledInstitution reports whether the text spells acr out as a name
// holding an institution word ("Committee", "Association") that is not
// one of the names of the gazetteer company known by acr.
func (r *EntityRecognizer) spelledInstitution(text string, toks []token, acr, known string) bool {
	own := []string{strings.ToLower(known)}
	if e, ok := r.g.Company(known); ok {
		for _, a := range e.Aliases {
			own = append(own, strings.ToLower(a))
		}
	}
	for k := range toks {
		if toks[k].kind != tokWord || !toks[k].cap || toks[k].upper || text[toks[k].s] != acr[0] {
			continue
		}
		m, q := 1, k+1
		for m < len(acr) && q < len(toks) && !toks[q].nlBefore {
			w := text[toks[q].s:toks[q].e]
			if acronymConnectors[w] {
				q++
				continue
			}
			if toks[q].kind != tokWord || !toks[q].cap || text[toks[q].s] != acr[m] {
				break
			}
			m++
			q++
		}
		if m < len(acr) {
			continue
		}
		spelled := strings.ToLower(text[toks[k].s:toks[q-1].e])
		for _, o := range own {
			if strings.HasPrefix(o, spelled) || strings.HasPrefix(spelled, o) {
				return false
			}
		}
		for x := k; x < q; x++ {
			if institutionWords[text[toks[x].s:toks[x].e]] {
				return true
			}
		}
	}
	return false
}
