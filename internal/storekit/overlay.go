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
}

// NewOverlay returns an Overlay on g with no changes yet.
func NewOverlay(g Graph) *Overlay {
	return &Overlay{g: g, ch: NewChanges(), touched: map[string]bool{}}
}

// Changes returns what the overlay has built so far. The store persists
// them and must not modify them while the overlay is still in use.
func (o *Overlay) Changes() Changes { return o.ch }

// Write merges b into the graph, as [pg.Writer] documents it: it checks b
// with [Validate], rewrites it with [pg.ApplyCurations] under the recorded
// curations, checks that everything it refers to is in b or stored, and
// merges it. An error wraps ErrInvalid and leaves no usable changes: the
// store must then persist nothing.
func (o *Overlay) Write(b pg.Batch, curations []pg.Curation) error {
	if err := Validate(b); err != nil {
		return err
	}
	cb := pg.ApplyCurations(b, curations)
	if p, ok := o.g.(Preloader); ok {
		p.Preload(RefsOf(cb))
	}
	if err := o.checkRefs(cb); err != nil {
		return err
	}
	o.writeBatch(cb)
	return nil
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
	for k, e := range o.ch.Evidence {
		if k.DealID == id && e != nil {
			out = append(out, *e)
		}
	}
	return out
}

func (o *Overlay) putCompany(c pg.Company)   { o.ch.Companies[c.ID] = &c }
func (o *Overlay) putPlatform(p pg.Platform) { o.ch.Platforms[p.ID] = &p }
func (o *Overlay) putArticle(a pg.Article)   { o.ch.Articles[a.ID] = &a }

func (o *Overlay) putDeal(d pg.Deal) {
	o.ch.Deals[d.ID] = &d
	o.touched[d.ID] = true
}

func (o *Overlay) putEvidence(e pg.Evidence) {
	o.ch.Evidence[EvidenceKey{e.DealID, e.ArticleID}] = &e
	o.touched[e.DealID] = true
}

func (o *Overlay) deleteEvidence(deal, article string) {
	o.ch.Evidence[EvidenceKey{deal, article}] = nil
	o.touched[deal] = true
}

// deleteDeal removes a deal and all its evidence.
func (o *Overlay) deleteDeal(id string) {
	for _, e := range o.evidenceOf(id) {
		o.ch.Evidence[EvidenceKey{id, e.ArticleID}] = nil
	}
	o.ch.Deals[id] = nil
	delete(o.touched, id)
}

// upsertCompany merges c into the stored company of the same ID: the stored
// name stays and every other spelling becomes an alias.
func (o *Overlay) upsertCompany(c pg.Company) {
	old, ok := o.company(c.ID)
	if !ok {
		c.Aliases = pg.MergeAliases(c.Name, nil, c.Aliases)
		o.putCompany(c)
		return
	}
	old.Aliases = pg.MergeAliases(old.Name, old.Aliases, append([]string{c.Name}, c.Aliases...))
	o.putCompany(old)
}

// upsertPlatform merges p like upsertCompany; a non-empty kind or owner
// fills in an empty one.
func (o *Overlay) upsertPlatform(p pg.Platform) {
	old, ok := o.platform(p.ID)
	if !ok {
		p.Aliases = pg.MergeAliases(p.Name, nil, p.Aliases)
		o.putPlatform(p)
		return
	}
	old.Aliases = pg.MergeAliases(old.Name, old.Aliases, append([]string{p.Name}, p.Aliases...))
	if old.Kind == "" {
		old.Kind = p.Kind
	}
	if old.OwnerID == "" {
		old.OwnerID = p.OwnerID
	}
	o.putPlatform(old)
}

// upsertDeal merges d into the stored deal of the same ID: type and parties
// are the same by construction of the ID; summary, value and currency fill
// in empty ones; the aggregated attributes are recomputed by finish.
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
// order. A deal that had evidence and has none left is removed, since no
// article supports it any more.
func (o *Overlay) finish() {
	for _, id := range slices.Sorted(maps.Keys(o.touched)) {
		d, ok := o.deal(id)
		if !ok {
			continue
		}
		ev := o.evidenceOf(id)
		if len(ev) == 0 {
			if len(o.g.EvidenceOf(id)) > 0 {
				o.ch.Deals[id] = nil
			} else {
				d.PlatformIDs = sortedUniq(d.PlatformIDs)
				o.ch.Deals[id] = &d
			}
			continue
		}
		slices.SortFunc(ev, CompareEvidence)
		d = pg.Aggregate(d, ev)
		o.ch.Deals[id] = &d
	}
}

// writeBatch merges the (already curated and validated) batch b.
func (o *Overlay) writeBatch(b pg.Batch) {
	for _, a := range b.Articles {
		o.putArticle(a)
	}
	for _, c := range b.Companies {
		o.upsertCompany(c)
	}
	for _, p := range b.Platforms {
		o.upsertPlatform(p)
	}
	for _, d := range b.Deals {
		o.upsertDeal(d)
	}
	for _, e := range b.Evidence {
		e.PlatformIDs = sortedUniq(e.PlatformIDs)
		o.putEvidence(e)
	}
	for _, m := range b.Mentions {
		o.ch.Mentions[m] = true
	}
	o.finish()
}
