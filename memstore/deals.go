package memstore

import (
	pg "github.com/partnergraph/partnergraph"
)

// deal is a deal as the state keeps it (in a [table]), in 104 bytes rather
// than a [pg.Deal]'s 152: its ID, parties and
// platforms as refs, its short words (type, status, currency, roles) as
// numbers in the state's word table, and parties of 8 bytes rather than
// 32. expandDeal gives the pg.Deal back field for field; a nil list stays
// nil and an empty one empty.
type deal struct {
	summary    string
	value      *float64
	confidence float64
	year       int
	parties    []party
	platforms  []ref
	id         ref
	// typ, status and currency are numbers in the state's word table.
	typ, status, currency word
}

// party is a party to a deal: the company's ref and its role in the
// state's word table.
type party struct {
	company ref
	role    word
}

// compactDeal returns d as the state keeps it, adding its IDs and words to
// the state's tables.
func (s *state) compactDeal(d pg.Deal) deal {
	c := deal{
		summary:    d.Summary,
		value:      d.Value,
		confidence: d.Confidence,
		year:       d.Year,
		id:         s.ids.intern(d.ID),
		typ:        s.wordID(string(d.Type)),
		status:     s.wordID(string(d.Status)),
		currency:   s.wordID(d.Currency),
	}
	if d.Parties != nil {
		c.parties = make([]party, len(d.Parties))
		for i, p := range d.Parties {
			c.parties[i] = party{s.ids.intern(p.CompanyID), s.wordID(string(p.Role))}
		}
	}
	if d.PlatformIDs != nil {
		c.platforms = make([]ref, len(d.PlatformIDs))
		for i, p := range d.PlatformIDs {
			c.platforms[i] = s.ids.intern(p)
		}
	}
	return c
}

// expandDeal returns d as a [pg.Deal] of its own: its lists and value are
// copies the caller may change.
func (s *state) expandDeal(d *deal) pg.Deal {
	out := pg.Deal{
		ID:         s.ids.str(d.id),
		Type:       d.dealType(s),
		Status:     pg.DealStatus(s.wordList[d.status]),
		Year:       d.year,
		Parties:    s.expandParties(d.parties),
		Summary:    d.summary,
		Currency:   s.wordList[d.currency],
		Confidence: d.confidence,
	}
	if d.platforms != nil {
		out.PlatformIDs = s.ids.strings(d.platforms)
	}
	if d.value != nil {
		v := *d.value
		out.Value = &v
	}
	return out
}

// dealHead returns d as a [pg.Deal] without its parties and platforms,
// for reads that need only the other fields (sort keys). Its value is the
// state's: the caller must not change it.
func (s *state) dealHead(d *deal) pg.Deal {
	return pg.Deal{
		ID:         s.ids.str(d.id),
		Type:       d.dealType(s),
		Status:     pg.DealStatus(s.wordList[d.status]),
		Year:       d.year,
		Value:      d.value,
		Currency:   s.wordList[d.currency],
		Summary:    d.summary,
		Confidence: d.confidence,
	}
}

// expandParties returns ps as [pg.Party] values; nil stays nil.
func (s *state) expandParties(ps []party) []pg.Party {
	if ps == nil {
		return nil
	}
	out := make([]pg.Party, len(ps))
	for i, p := range ps {
		out[i] = pg.Party{CompanyID: s.ids.str(p.company), Role: pg.Role(s.wordList[p.role])}
	}
	return out
}

// dealType returns the type of d.
func (d *deal) dealType(s *state) pg.DealType { return pg.DealType(s.wordList[d.typ]) }

// dealByID returns the deal with the given ID. It never changes the state;
// the pointer is valid until the state changes.
func (s *state) dealByID(id string) (*deal, bool) {
	r, ok := s.ids.lookup(id)
	if !ok {
		return nil, false
	}
	return s.deals.get(r)
}
