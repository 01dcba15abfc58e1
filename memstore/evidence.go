package memstore

import (
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// evidence is a report of a deal as the state keeps it, in 72 bytes
// rather than a [pg.Evidence]'s 224: without its deal ID (the state keeps a
// deal's evidence under the deal's ref), with its article as a ref, its
// short words (status, type, publication date, currency) and its list of
// rules as numbers in the state's tables, its offsets and year in 32 bits,
// and with the fields most reports leave empty (platforms, a claim of
// their own, a value) or that do not fit behind one pointer. expand gives
// the pg.Evidence back field for field.
type evidence struct {
	sentence   string
	confidence float64
	rare       *rareEvidence
	articleID  ref
	start, end int32
	year       int32
	// status, typ, published and currency are numbers in the state's word
	// table, and rules in its table of rule lists (state.ruleListID).
	status, typ, published, currency, rules word
}

// rareEvidence holds the fields of a report that are usually empty, and
// those that do not fit the 32 bits evidence has for them.
type rareEvidence struct {
	platformIDs []string
	parties     []pg.Party
	value       *float64
	// year is set when the year does not fit evidence.year.
	year int
	// wide is set when the offsets do not both fit evidence's; they are
	// then start and end.
	wide       bool
	start, end int
}

// word is the number of a string in the state's word table.
type word uint32

// wordID returns the number of w in the state's word table, adding it.
func (s *state) wordID(w string) word {
	if n, ok := s.wordIDs[w]; ok {
		return n
	}
	n := word(len(s.wordList))
	s.wordList = append(s.wordList, w)
	s.wordIDs[w] = n
	return n
}

// compact returns e as the state keeps it, with its IDs and words shared
// with the state's records (see canon) and its own copy of the sentence:
// the sentence written is often a slice of its article's whole text,
// which would otherwise stay in memory as long as the evidence.
func (s *state) compact(e pg.Evidence) evidence {
	c := evidence{
		articleID:  s.ids.intern(e.ArticleID),
		sentence:   strings.Clone(e.Sentence),
		start:      int32(e.Start),
		end:        int32(e.End),
		confidence: e.Confidence,
		rules:      s.ruleListID(e.Rules),
		year:       int32(e.Year),
		status:     s.wordID(string(e.Status)),
		typ:        s.wordID(string(e.Type)),
		published:  s.wordID(e.Published),
		currency:   s.wordID(e.Currency),
	}
	wide := int(c.start) != e.Start || int(c.end) != e.End
	if e.PlatformIDs != nil || e.Parties != nil || e.Value != nil || int(c.year) != e.Year || wide {
		c.rare = &rareEvidence{platformIDs: s.ownPlatformIDs(e.PlatformIDs), parties: s.ownParties(e.Parties), value: e.Value}
		if int(c.year) != e.Year {
			c.year, c.rare.year = 0, e.Year
		}
		if wide {
			c.start, c.end = 0, 0
			c.rare.wide, c.rare.start, c.rare.end = true, e.Start, e.End
		}
	}
	return c
}

// expand returns evidence e of deal dealID as a [pg.Evidence]. Its slices
// and value are those the state holds: callers outside the state clone
// them (cloneEvidence).
func (s *state) expand(dealID string, e evidence) pg.Evidence {
	out := pg.Evidence{
		DealID:     dealID,
		ArticleID:  s.ids.str(e.articleID),
		Sentence:   e.sentence,
		Start:      int(e.start),
		End:        int(e.end),
		Year:       int(e.year),
		Status:     pg.DealStatus(s.wordList[e.status]),
		Confidence: e.confidence,
		Published:  s.wordList[e.published],
		Type:       pg.DealType(s.wordList[e.typ]),
		Currency:   s.wordList[e.currency],
		Rules:      s.ruleLists[e.rules],
	}
	if r := e.rare; r != nil {
		out.PlatformIDs, out.Parties, out.Value = r.platformIDs, r.parties, r.value
		if r.year != 0 {
			out.Year = r.year
		}
		if r.wide {
			out.Start, out.End = r.start, r.end
		}
	}
	return out
}

// byArticle compares evidence with an article ID by its article ID.
func (s *state) byArticle(e evidence, articleID string) int {
	return strings.Compare(s.ids.str(e.articleID), articleID)
}

// evidenceOf returns the evidence of a deal, in ascending order of article
// ID. It never changes the state.
func (s *state) evidenceOf(dealID string) []evidence {
	r, ok := s.ids.lookup(dealID)
	if !ok {
		return nil
	}
	return s.evidence[r]
}
