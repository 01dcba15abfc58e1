package storekit

import (
	"maps"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// Ownership in the graph. A company's parent is the latest claim about who
// owns it (pg.CompareOwnership): the latest an article states, kept in
// Company.Stated, or a completed acquisition of it with a single buyer,
// dated by the report that completed it. The parent is settled again from
// all the claims whenever one may have changed, so it does not depend on
// the order the claims came in.

// dirty marks company id's parent to be settled again.
func (o *Overlay) dirty(id string) { o.owned[id] = true }

// stateParent records an article's statement that s.ParentID owns
// s.ChildID, if it is the latest statement about the child.
func (o *Overlay) stateParent(s pg.Ownership) {
	if s.ParentID == s.ChildID {
		return
	}
	c, ok := o.company(s.ChildID)
	if !ok {
		return
	}
	if c.Stated == nil || pg.CompareOwnership(s, *c.Stated) > 0 {
		c.Stated = &s
		o.putCompany(c)
	}
	o.dirty(s.ChildID)
}

// reparent returns claim p with parent from renamed to, or nil when that
// makes child its own parent.
func reparent(p *pg.Ownership, from, to, child string) *pg.Ownership {
	if p == nil {
		return nil
	}
	q := *p
	if q.ParentID == from {
		q.ParentID = to
	}
	q.ChildID = child
	if q.ParentID == child {
		return nil
	}
	return &q
}

// acquisitionsChanged marks the parties of deal id, as stored and as it
// is now, when it is an acquisition: their parents may change.
func (o *Overlay) acquisitionsChanged(id string) {
	for _, d := range []func(string) (pg.Deal, bool){o.g.Deal, o.deal} {
		if x, ok := d(id); ok && x.Type == pg.Acquisition {
			for _, p := range x.Parties {
				o.dirty(p.CompanyID)
			}
		}
	}
}

// dealsOf returns the IDs of the deals company id is a party to, with the
// changes made so far.
func (o *Overlay) dealsOf(id string) []string {
	ids := o.changedDealsOf(id, o.g.DealsOfCompany(id))
	return sortedUniq(ids)
}

// acquisitionClaim returns the claim deal d makes on who owns company id:
// set when d is a completed acquisition of id by a single buyer, dated by
// the report that completed it.
func (o *Overlay) acquisitionClaim(d pg.Deal, id string) (pg.Ownership, bool) {
	if d.Type != pg.Acquisition || d.Status != pg.Completed {
		return pg.Ownership{}, false
	}
	var buyers []string
	target := false
	for _, p := range d.Parties {
		switch p.Role {
		case pg.RoleBuyer:
			buyers = append(buyers, p.CompanyID)
		case pg.RoleTarget:
			target = target || p.CompanyID == id
		}
	}
	if len(buyers) != 1 || !target || buyers[0] == id {
		return pg.Ownership{}, false // a consortium owns jointly
	}
	var from pg.StatusChange
	for _, s := range pg.StatusHistory(o.evidenceOf(d.ID)) {
		if s.Status == pg.Completed {
			from = s
		}
	}
	return pg.Ownership{ParentID: buyers[0], ChildID: id, ArticleID: from.ArticleID, DealID: d.ID, Date: from.Date}, true
}

// TargetIndex is a [Graph] that also knows, for each company, the stored
// acquisitions in which it is a target. Settling a company's parent then
// reads those deals only, not every deal of the company, which for a
// company in thousands of deals makes each write touching it cost as much
// as the whole history. A deal's type and parties never change (its ID is
// made from them), so the index follows the deals alone.
type TargetIndex interface {
	// AcquisitionsOfTarget returns the IDs of the stored acquisitions in
	// which companyID has the target role, in any order.
	AcquisitionsOfTarget(companyID string) []string
}

// acquisitionsOf returns the IDs of the deals that may be acquisitions of
// company id, with the changes made so far: every deal of the company, or
// only its acquisitions as a target when the graph indexes them.
func (o *Overlay) acquisitionsOf(id string) []string {
	ti, ok := o.g.(TargetIndex)
	if !ok {
		return o.dealsOf(id)
	}
	ids := o.changedDealsOf(id, ti.AcquisitionsOfTarget(id))
	return sortedUniq(ids)
}

// settleParents sets the parent of every company marked dirty, in ID
// order: the latest of its claims whose parent exists and is not its own
// descendant.
func (o *Overlay) settleParents() {
	ids := slices.Sorted(maps.Keys(o.owned))
	if p, ok := o.g.(Preloader); ok && len(ids) > 0 {
		p.Preload(Refs{DealsOf: ids})
		var deals []string
		for _, id := range ids {
			deals = append(deals, o.g.DealsOfCompany(id)...)
		}
		o.preloadDeals(sortedUniq(deals))
	}
	for _, id := range ids {
		c, ok := o.company(id)
		if !ok {
			continue
		}
		var claims []pg.Ownership
		if c.Stated != nil {
			claims = append(claims, *c.Stated)
		}
		for _, did := range o.acquisitionsOf(id) {
			if d, ok := o.deal(did); ok {
				if claim, ok := o.acquisitionClaim(d, id); ok {
					claims = append(claims, claim)
				}
			}
		}
		slices.SortFunc(claims, func(a, b pg.Ownership) int { return pg.CompareOwnership(b, a) })
		c.Parent = nil
		for _, cl := range claims {
			if _, ok := o.company(cl.ParentID); ok && cl.ParentID != id && !o.descends(cl.ParentID, id) {
				c.Parent = &cl
				break
			}
		}
		o.putCompany(c)
	}
	clear(o.owned)
}

// descends reports whether company id is owned, directly or not, by
// ancestor.
func (o *Overlay) descends(id, ancestor string) bool {
	for n := 0; id != "" && n < 64; n++ {
		if id == ancestor {
			return true
		}
		c, ok := o.company(id)
		if !ok || c.Parent == nil {
			return false
		}
		id = c.Parent.ParentID
	}
	return false
}
