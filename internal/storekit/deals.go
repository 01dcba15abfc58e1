package storekit

import (
	"maps"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Deal resolution in the graph. Every report (evidence with its claim) of
// a write joins the stored reports of the same party block, and the block's
// deals are found again with [pg.ResolveDeals]: a deal whose ID the block
// no longer makes is removed, the others are written with all their
// reports. Stored evidence keeps its claim only where it differs from its
// deal's (an empty Type or Parties means the deal's), so a report is
// resolved with what its article said, whatever deal it sits in.

// fillClaims returns the evidence of b with the claim of every report set:
// where a report leaves it to its deal, from the deal in b or else the
// stored one.
func (o *Overlay) fillClaims(b pg.Batch) []pg.Evidence {
	deals := make(map[string]pg.Deal, len(b.Deals))
	for _, d := range b.Deals {
		deals[d.ID] = d
	}
	out := make([]pg.Evidence, len(b.Evidence))
	for i, e := range b.Evidence {
		d, ok := deals[e.DealID]
		if !ok {
			d, _ = o.deal(e.DealID)
		}
		out[i] = fillClaim(e, d)
	}
	return out
}

// normalClaim returns e as stored in deal d: DealID set, and Type and
// Parties left empty where they are d's.
func normalClaim(e pg.Evidence, d pg.Deal) pg.Evidence {
	e.DealID = d.ID
	e.PlatformIDs = sortedUniq(e.PlatformIDs)
	if e.Type == d.Type {
		e.Type = ""
	}
	if sameParties(e.Parties, d.Parties) {
		e.Parties = nil
	}
	return e
}

// sameParties reports whether a and b hold the same (company, role) pairs.
func sameParties(a, b []pg.Party) bool {
	if len(a) != len(b) {
		return false
	}
	for _, p := range a {
		if !slices.Contains(b, p) {
			return false
		}
	}
	return true
}

// writeDeals writes the deals and evidence of w. A deal written without
// evidence is upserted by ID as it is; every report is resolved with the
// stored reports of its party block. A batch's reports from an article
// replace that article's stored reports in the same block: the article was
// extracted again.
func (o *Overlay) writeDeals(w work) {
	hint := map[string]pg.Deal{}
	for _, d := range append(slices.Clone(w.pulled.Deals), w.fresh.Deals...) {
		hint[d.ID] = d
	}
	reported := map[string]bool{}
	for _, e := range append(slices.Clone(w.pulled.Evidence), w.fresh.Evidence...) {
		reported[e.DealID] = true
	}
	for _, d := range append(slices.Clone(w.pulled.Deals), w.fresh.Deals...) {
		if !reported[d.ID] && !o.rejected[d.ID] {
			o.upsertDeal(d)
		}
	}

	claims := map[string][]pg.Evidence{}
	fresh := map[string]map[string]bool{}
	for _, e := range w.fresh.Evidence {
		b := pg.PartyBlock(e.Parties)
		if fresh[b] == nil {
			fresh[b] = map[string]bool{}
		}
		fresh[b][e.ArticleID] = true
		claims[b] = append(claims[b], e)
	}
	for _, e := range w.pulled.Evidence {
		if b := pg.PartyBlock(e.Parties); !fresh[b][e.ArticleID] {
			claims[b] = append(claims[b], e)
		}
	}
	blocks := slices.Sorted(maps.Keys(claims))
	if p, ok := o.g.(Preloader); ok && len(blocks) > 0 {
		refs := Refs{Blocks: make([][]string, len(blocks))}
		for i, b := range blocks {
			refs.Blocks[i] = strings.Split(b, "\x00")
		}
		p.Preload(refs)
	}
	stored := make(map[string][]string, len(blocks))
	var all []string
	for _, b := range blocks {
		stored[b] = sortedUniq(o.g.DealsBetween(strings.Split(b, "\x00")))
		all = append(all, stored[b]...)
	}
	o.preloadDeals(all)
	for _, b := range blocks {
		o.recluster(b, stored[b], claims[b], fresh[b], hint)
	}
}

// preloadDeals reads the deals ids, their evidence, parties and platforms
// in bulk when the graph can.
func (o *Overlay) preloadDeals(ids []string) {
	p, ok := o.g.(Preloader)
	if !ok || len(ids) == 0 {
		return
	}
	p.Preload(Refs{Deals: ids})
	var refs Refs
	for _, id := range ids {
		if d, ok := o.g.Deal(id); ok {
			for _, q := range d.Parties {
				refs.Companies = append(refs.Companies, q.CompanyID)
			}
			refs.Platforms = append(refs.Platforms, d.PlatformIDs...)
		}
	}
	p.Preload(refs)
}

// recluster resolves the deals of one party block: the stored deals
// candidates (some may be of other blocks), the reports in, the articles
// whose stored reports in reports replace, and the deals written with the
// reports (for their summary and value).
func (o *Overlay) recluster(block string, candidates []string, in []pg.Evidence, replaced map[string]bool, hint map[string]pg.Deal) {
	var claims []pg.Evidence
	var stored []string
	for _, did := range candidates {
		d, ok := o.deal(did)
		if !ok || pg.PartyBlock(d.Parties) != block {
			continue
		}
		ev := o.evidenceOf(did)
		if len(ev) == 0 {
			continue // written without evidence: not resolved
		}
		stored = append(stored, did)
		for _, e := range ev {
			o.deleteEvidence(did, e.ArticleID)
			if !replaced[e.ArticleID] {
				claims = append(claims, fillClaim(e, d))
			}
		}
	}
	claims = append(claims, in...)
	// Where reports state amounts, a deal's value is theirs alone (see
	// pg.Aggregate), not what an earlier grouping left on the record.
	valued := slices.ContainsFunc(claims, func(e pg.Evidence) bool { return e.Value != nil })
	made := map[string]bool{}
	for _, cl := range pg.ResolveDeals(claims) {
		if o.rejected[cl.Deal.ID] {
			continue
		}
		made[cl.Deal.ID] = true
		rec, ok := o.deal(cl.Deal.ID)
		if !ok {
			rec, ok = hint[cl.Deal.ID]
			if !ok {
				rec = pg.Deal{ID: cl.Deal.ID}
			}
		}
		rec = CloneDeal(rec)
		if rec.Type != cl.Deal.Type || !sameParties(rec.Parties, cl.Deal.Parties) {
			// A stored deal keeps the order its parties were written in.
			rec.Type, rec.Parties = cl.Deal.Type, cl.Deal.Parties
		}
		if valued {
			rec.Value, rec.Currency = nil, ""
		}
		o.hintInto(&rec, ok, cl.Evidence, hint, !valued)
		o.putDeal(rec)
		for _, e := range cl.Evidence {
			o.putEvidence(normalClaim(e, rec))
		}
	}
	for _, did := range stored {
		if !made[did] {
			o.deleteDeal(did)
		}
	}
}

// hintInto fills the summary, value and currency of rec from the deals its
// reports were written with or stored in, when rec lacks them: the first
// report's deal that has one, in report order. A summary the store made
// itself is no hint: it is made again from the current names. existed
// tells whether rec was stored or written already; values whether deals
// may lend their value (not where reports state amounts).
func (o *Overlay) hintInto(rec *pg.Deal, existed bool, reports []pg.Evidence, hint map[string]pg.Deal, values bool) {
	if existed && o.autoSummary(rec.ID) {
		rec.Summary = ""
	}
	for _, e := range reports {
		d, ok := hint[e.DealID]
		if !ok {
			if d, ok = o.g.Deal(e.DealID); ok && o.autoSummary(e.DealID) {
				d.Summary = ""
			}
		}
		if !ok {
			continue
		}
		if rec.Summary == "" && d.Summary != "" {
			rec.Summary = d.Summary
		}
		if !values {
			continue
		}
		if rec.Value == nil && d.Value != nil {
			v := *d.Value
			rec.Value, rec.Currency = &v, d.Currency
		} else if rec.Currency == "" && rec.Value != nil && d.Currency != "" && d.Value != nil && *d.Value == *rec.Value {
			rec.Currency = d.Currency
		}
	}
}
