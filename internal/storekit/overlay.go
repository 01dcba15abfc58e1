package storekit

import (
	"maps"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// Overlay reads a Graph as it will be once its Changes are applied, and
// builds those Changes. It holds the merge rules of every store. An Overlay
// is meant for one write or one curation and is not safe for concurrent use.
type Overlay struct {
	g  Graph
	ch Changes
	// touched are the deals whose attributes must be re-aggregated.
	touched map[string]bool
	// rejected are the deals analysts rejected: no write brings them back.
	rejected map[string]bool
	// owned are the companies whose parent must be settled again.
	owned map[string]bool
	// changedEvidence indexes the keys of ch.Evidence by deal ID, so that
	// evidenceOf does not scan every change of the batch.
	changedEvidence map[string][]string
	// changedDeals indexes the deals of ch.Deals by the companies party to
	// them (possibly more than once, and including deals set to nil
	// since), so that reading a company's deals with the changes does not
	// scan every change: a merge of a hub changes thousands of deals and
	// settles the parent of every company party to an acquisition among
	// them.
	changedDeals map[string][]string
}

// NewOverlay returns an Overlay on g with no changes yet.
func NewOverlay(g Graph) *Overlay {
	return &Overlay{g: g, ch: NewChanges(), touched: map[string]bool{}, rejected: map[string]bool{}, owned: map[string]bool{},
		changedEvidence: map[string][]string{}, changedDeals: map[string][]string{}}
}

// Changes returns what the overlay has built so far. The store persists
// them and must not modify them while the overlay is still in use.
func (o *Overlay) Changes() Changes { return o.ch }

// Write merges b into the graph, as [pg.Writer] documents it: it checks b
// with [Validate], rewrites it with [pg.ApplyCurations] under the recorded
// curations, checks that everything it refers to is in b or stored,
// resolves its companies against the graph and its deals against the
// stored reports of the same parties, and merges it. An error wraps
// ErrInvalid and leaves no usable changes: the store must then persist
// nothing.
func (o *Overlay) Write(b pg.Batch, curations []pg.Curation) error {
	if err := Validate(b); err != nil {
		return err
	}
	o.noteRejected(curations)
	cb := pg.ApplyCurations(b, curations)
	if p, ok := o.g.(Preloader); ok {
		p.Preload(RefsOf(cb))
	}
	if err := o.checkRefs(cb); err != nil {
		return err
	}
	cb.Evidence = o.fillClaims(cb)
	res := o.resolveCompanies(cb, curations)
	w := work{fresh: renameFacts(cb, res.rename)}
	for _, id := range res.dropped {
		o.pull(id, res.rename, &w)
	}
	for _, id := range slices.Sorted(maps.Keys(res.companies)) {
		c := res.companies[id]
		if old, ok := o.g.Company(id); ok && old.Name != c.Name {
			// Summaries name the company: make them again.
			for _, did := range o.g.DealsOfCompany(id) {
				o.touched[did] = true
			}
		}
		o.putCompany(c)
		if res.merged[id] {
			o.dirty(id)
		}
	}
	o.apply(w)
	return nil
}

func (o *Overlay) noteRejected(curations []pg.Curation) {
	for _, c := range curations {
		if c.Kind == pg.CurateRejectDeal {
			o.rejected[c.DealID] = true
		}
	}
}

func (o *Overlay) company(id string) (pg.Company, bool) {
	if c, ok := o.ch.Companies[id]; ok {
		if c == nil {
			return pg.Company{}, false
		}
		return *c, true
	}
	return o.g.Company(id)
}

func (o *Overlay) platform(id string) (pg.Platform, bool) {
	if p, ok := o.ch.Platforms[id]; ok {
		if p == nil {
			return pg.Platform{}, false
		}
		return *p, true
	}
	return o.g.Platform(id)
}

func (o *Overlay) deal(id string) (pg.Deal, bool) {
	if d, ok := o.ch.Deals[id]; ok {
		if d == nil {
			return pg.Deal{}, false
		}
		return *d, true
	}
	return o.g.Deal(id)
}

func (o *Overlay) article(id string) (pg.Article, bool) {
	if a, ok := o.ch.Articles[id]; ok {
		if a == nil {
			return pg.Article{}, false
		}
		return *a, true
	}
	return o.g.Article(id)
}

// evidenceOf returns the evidence of deal id in no particular order.
func (o *Overlay) evidenceOf(id string) []pg.Evidence {
	var out []pg.Evidence
	for _, e := range o.g.EvidenceOf(id) {
		if _, changed := o.ch.Evidence[EvidenceKey{id, e.ArticleID}]; !changed {
			out = append(out, e)
		}
	}
	for _, article := range o.changedEvidence[id] {
		if e := o.ch.Evidence[EvidenceKey{id, article}]; e != nil {
			out = append(out, *e)
		}
	}
	return out
}

// setEvidence records a change to the evidence of deal by article: e, or
// its deletion when e is nil.
func (o *Overlay) setEvidence(deal, article string, e *pg.Evidence) {
	k := EvidenceKey{deal, article}
	if _, seen := o.ch.Evidence[k]; !seen {
		o.changedEvidence[deal] = append(o.changedEvidence[deal], article)
	}
	o.ch.Evidence[k] = e
}

// putCompany records c, unless it is stored as it is already.
func (o *Overlay) putCompany(c pg.Company) {
	if _, changed := o.ch.Companies[c.ID]; !changed {
		if old, ok := o.g.Company(c.ID); ok && SameCompany(old, c) {
			return
		}
	}
	o.ch.Companies[c.ID] = &c
}

func (o *Overlay) putPlatform(p pg.Platform) { o.ch.Platforms[p.ID] = &p }
func (o *Overlay) putArticle(a pg.Article)   { o.ch.Articles[a.ID] = &a }

func (o *Overlay) putDeal(d pg.Deal) {
	o.setDeal(d.ID, &d)
	o.touched[d.ID] = true
}

// setDeal records a change to deal id: d, or its deletion when d is nil.
func (o *Overlay) setDeal(id string, d *pg.Deal) {
	o.ch.Deals[id] = d
	if d == nil {
		return
	}
	for _, p := range d.Parties {
		o.changedDeals[p.CompanyID] = append(o.changedDeals[p.CompanyID], id)
	}
}

// changedDealsOf appends to ids the deals of the changes made so far that
// company id is a party to.
func (o *Overlay) changedDealsOf(id string, ids []string) []string {
	for _, did := range o.changedDeals[id] {
		if d := o.ch.Deals[did]; d != nil && slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == id }) {
			ids = append(ids, did)
		}
	}
	return ids
}

func (o *Overlay) putEvidence(e pg.Evidence) {
	o.setEvidence(e.DealID, e.ArticleID, &e)
	o.touched[e.DealID] = true
}

func (o *Overlay) deleteEvidence(deal, article string) {
	o.setEvidence(deal, article, nil)
	o.touched[deal] = true
}

// deleteDeal removes a deal and all its evidence.
func (o *Overlay) deleteDeal(id string) {
	for _, e := range o.evidenceOf(id) {
		o.setEvidence(id, e.ArticleID, nil)
	}
	o.setDeal(id, nil)
	o.touched[id] = true
}

// upsertPlatform merges p into the stored platform of the same ID. The
// result does not depend on which came first: the name the ID is made from
// (then the one with more capitals, then the first in byte order) is shown
// and the other spellings become aliases; a kind other than "other" beats "other" and an empty one, and
// of two owners the one with the smaller ID is kept, as is the smaller of
// two kinds, so that disagreeing articles settle the same way in any order.
func (o *Overlay) upsertPlatform(p pg.Platform) {
	old, ok := o.platform(p.ID)
	if !ok {
		p.Aliases = pg.UnionNames(p.Name, p.Aliases)
		o.putPlatform(p)
		return
	}
	all := append([]string{old.Name, p.Name}, append(old.Aliases, p.Aliases...)...)
	if pg.BetterPlatformName(p.ID, p.Name, old.Name) {
		old.Name = p.Name
	}
	old.Aliases = pg.UnionNames(old.Name, all)
	old.Kind = pg.BetterKind(old.Kind, p.Kind)
	if p.OwnerID != "" && (old.OwnerID == "" || p.OwnerID < old.OwnerID) {
		old.OwnerID = p.OwnerID
	}
	o.putPlatform(old)
}

// upsertDeal merges a deal written without evidence into the stored deal
// of the same ID: type and parties are the same by construction of the ID;
// summary, value and currency fill in empty ones; the aggregated
// attributes are recomputed by finish.
func (o *Overlay) upsertDeal(d pg.Deal) {
	d = CloneDeal(d) // the caller keeps its batch
	d.Parties = uniqParties(d.Parties)
	old, ok := o.deal(d.ID)
	if !ok {
		o.putDeal(d)
		return
	}
	if old.Summary == "" {
		old.Summary = d.Summary
	}
	if old.Value == nil {
		old.Value, old.Currency = d.Value, d.Currency
	} else if old.Currency == "" {
		old.Currency = d.Currency
	}
	// Without evidence the latest write states the attributes.
	old.Year, old.Status, old.PlatformIDs, old.Confidence = d.Year, d.Status, d.PlatformIDs, d.Confidence
	o.putDeal(old)
}

// finish re-aggregates every touched deal over all its evidence, in ID
// order, gives one with evidence a summary when it has none of its own (or
// the one the store made, from the current names), and settles the parents
// of the companies whose ownership may have changed. A deal that had
// evidence and has none left is removed, since no article supports it any
// more.
func (o *Overlay) finish() {
	ids := slices.Sorted(maps.Keys(o.touched))
	for _, id := range ids {
		o.acquisitionsChanged(id)
	}
	for _, id := range ids {
		d, ok := o.deal(id)
		if !ok {
			continue
		}
		ev := o.evidenceOf(id)
		if len(ev) == 0 {
			if len(o.g.EvidenceOf(id)) > 0 {
				o.setDeal(id, nil)
				continue
			}
			d.PlatformIDs = sortedUniq(d.PlatformIDs)
			o.setDeal(id, &d)
			continue
		}
		slices.SortFunc(ev, CompareEvidence)
		d = pg.Aggregate(d, ev)
		if d.Summary == "" || o.autoSummary(id) {
			d.Summary = pg.DealSummary(d, o.companyName, o.platformName)
		}
		o.setDeal(id, &d)
		o.acquisitionsChanged(id)
	}
	o.settleParents()
}

func (o *Overlay) companyName(id string) string {
	c, _ := o.company(id)
	return c.Name
}

func (o *Overlay) platformName(id string) string {
	p, _ := o.platform(id)
	return p.Name
}

// autoSummary reports whether the stored deal id has the summary the store
// made for it from the names stored, rather than one written with it.
func (o *Overlay) autoSummary(id string) bool {
	d, ok := o.g.Deal(id)
	if !ok || d.Summary == "" {
		return ok
	}
	name := func(cid string) string {
		c, _ := o.g.Company(cid)
		return c.Name
	}
	platform := func(pid string) string {
		p, _ := o.g.Platform(pid)
		return p.Name
	}
	return d.Summary == pg.DealSummary(d, name, platform)
}

// work is what a write or a merge applies once companies are resolved:
// the batch's facts under the resolved IDs, and the stored facts of merged
// companies taken out to be written back under their new IDs.
type work struct {
	fresh pg.Batch
	// pulled holds stored deals, evidence and mentions being moved.
	pulled pg.Batch
}

// renameFacts returns the facts of b other than companies with company IDs
// mapped through rename: repeated parties and mentions are merged, and
// deals and evidence left with fewer than two parties (company and role)
// dropped. A deal written without evidence whose parties change gets the
// ID of its new parties.
func renameFacts(b pg.Batch, rename map[string]string) pg.Batch {
	to := func(id string) string {
		if r, ok := rename[id]; ok {
			return r
		}
		return id
	}
	out := pg.Batch{Articles: b.Articles}
	for _, p := range b.Platforms {
		if p.OwnerID != "" {
			p.OwnerID = to(p.OwnerID)
		}
		out.Platforms = append(out.Platforms, p)
	}
	dropped := map[string]bool{}
	rekeyed := map[string]string{}
	for _, d := range b.Deals {
		d = CloneDeal(d)
		parties := renameParties(d.Parties, to)
		if len(parties) < 2 {
			dropped[d.ID] = true
			continue
		}
		if slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return to(p.CompanyID) != p.CompanyID }) {
			rekeyed[d.ID] = pg.DealID(d.Type, parties)
			d.ID, d.Parties = rekeyed[d.ID], parties
		}
		out.Deals = append(out.Deals, d)
	}
	for _, e := range b.Evidence {
		if dropped[e.DealID] {
			continue
		}
		if id, ok := rekeyed[e.DealID]; ok {
			e.DealID = id
		}
		e.PlatformIDs = slices.Clone(e.PlatformIDs)
		if e.Parties != nil {
			e.Parties = renameParties(e.Parties, to)
			if len(e.Parties) < 2 {
				continue
			}
		}
		out.Evidence = append(out.Evidence, e)
	}
	seen := map[pg.Mention]bool{}
	for _, m := range b.Mentions {
		if m.Kind == pg.MentionCompany {
			m.EntityID = to(m.EntityID)
		}
		if !seen[m] {
			seen[m] = true
			out.Mentions = append(out.Mentions, m)
		}
	}
	for _, s := range b.Ownerships {
		s.ParentID, s.ChildID = to(s.ParentID), to(s.ChildID)
		if s.ParentID != s.ChildID {
			out.Ownerships = append(out.Ownerships, s)
		}
	}
	return out
}

func renameParties(ps []pg.Party, to func(string) string) []pg.Party {
	out := make([]pg.Party, 0, len(ps))
	for _, p := range ps {
		p.CompanyID = to(p.CompanyID)
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// pull takes stored company id, merged into rename[id], out of the graph:
// its deals with their evidence and its mentions go into w under the new
// IDs, and its platforms and subsidiaries pass to the company it joined.
func (o *Overlay) pull(id string, rename map[string]string, w *work) {
	to := func(x string) string {
		if r, ok := rename[x]; ok {
			return r
		}
		return x
	}
	keep := to(id)
	var sub pg.Batch
	for _, did := range sortedUniq(o.g.DealsOfCompany(id)) {
		d, ok := o.deal(did)
		if !ok {
			continue
		}
		if o.autoSummary(did) {
			d.Summary = "" // made again from the new names
		}
		sub.Deals = append(sub.Deals, d)
		ev := o.evidenceOf(did)
		slices.SortFunc(ev, CompareEvidence)
		for _, e := range ev {
			sub.Evidence = append(sub.Evidence, fillClaim(e, d))
		}
		o.deleteDeal(did)
	}
	for _, m := range o.g.MentionsOfCompany(id) {
		sub.Mentions = append(sub.Mentions, m)
		o.ch.Mentions[m] = false
	}
	for _, pid := range o.g.PlatformsOwnedBy(id) {
		if p, ok := o.platform(pid); ok {
			p.OwnerID = keep
			o.putPlatform(p)
		}
	}
	for _, cid := range o.g.ChildrenOf(id) {
		// A child resolved with the batch is renamed there already; the
		// others, and those stored as they were, are renamed here.
		if c, ok := o.company(cid); ok {
			c.Stated = reparent(c.Stated, id, keep, cid)
			o.putCompany(c)
			o.dirty(cid)
		}
	}
	o.ch.Companies[id] = nil
	moved := renameFacts(sub, rename)
	w.pulled.Deals = append(w.pulled.Deals, moved.Deals...)
	w.pulled.Evidence = append(w.pulled.Evidence, moved.Evidence...)
	w.pulled.Mentions = append(w.pulled.Mentions, moved.Mentions...)
}

// fillClaim returns e with its claim (type and parties) filled in from its
// deal d where e leaves it to the deal.
func fillClaim(e pg.Evidence, d pg.Deal) pg.Evidence {
	if e.Type == "" {
		e.Type = d.Type
	}
	if e.Parties == nil {
		e.Parties = slices.Clone(d.Parties)
	}
	return e
}

// apply merges the (curated, validated, resolved) work into the graph.
func (o *Overlay) apply(w work) {
	for _, a := range w.fresh.Articles {
		o.putArticle(a)
	}
	for _, p := range w.fresh.Platforms {
		o.upsertPlatform(p)
	}
	o.writeDeals(w)
	for _, m := range append(slices.Clone(w.pulled.Mentions), w.fresh.Mentions...) {
		o.ch.Mentions[m] = true
	}
	for _, s := range w.fresh.Ownerships {
		o.stateParent(s)
	}
	o.finish()
}
