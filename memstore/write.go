package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// overlay reads the state as it will be once d is applied. Writes and
// curations build their delta through it while holding only a read lock.
type overlay struct {
	s *state
	d *delta
	// touched are the deals whose attributes must be re-aggregated.
	touched map[string]bool
}

func newOverlay(s *state) *overlay {
	return &overlay{s: s, d: newDelta(), touched: map[string]bool{}}
}

func (o *overlay) company(id string) (pg.Company, bool) {
	if c, ok := o.d.companies[id]; ok {
		if c == nil {
			return pg.Company{}, false
		}
		return *c, true
	}
	c, ok := o.s.companies[id]
	return c, ok
}

func (o *overlay) platform(id string) (pg.Platform, bool) {
	if p, ok := o.d.platforms[id]; ok {
		if p == nil {
			return pg.Platform{}, false
		}
		return *p, true
	}
	p, ok := o.s.platforms[id]
	return p, ok
}

func (o *overlay) deal(id string) (pg.Deal, bool) {
	if d, ok := o.d.deals[id]; ok {
		if d == nil {
			return pg.Deal{}, false
		}
		return *d, true
	}
	d, ok := o.s.deals[id]
	return d, ok
}

func (o *overlay) article(id string) (pg.Article, bool) {
	if a, ok := o.d.articles[id]; ok {
		if a == nil {
			return pg.Article{}, false
		}
		return *a, true
	}
	a, ok := o.s.articles[id]
	return a, ok
}

// evidenceOf returns the evidence of deal id in no particular order.
func (o *overlay) evidenceOf(id string) []pg.Evidence {
	var out []pg.Evidence
	for art, e := range o.s.evidence[id] {
		if _, changed := o.d.evidence[evKey{id, art}]; !changed {
			out = append(out, e)
		}
	}
	for k, e := range o.d.evidence {
		if k.deal == id && e != nil {
			out = append(out, *e)
		}
	}
	return out
}

func (o *overlay) putCompany(c pg.Company)   { o.d.companies[c.ID] = &c }
func (o *overlay) putPlatform(p pg.Platform) { o.d.platforms[p.ID] = &p }
func (o *overlay) putArticle(a pg.Article)   { o.d.articles[a.ID] = &a }

func (o *overlay) putDeal(d pg.Deal) {
	o.d.deals[d.ID] = &d
	o.touched[d.ID] = true
}

func (o *overlay) putEvidence(e pg.Evidence) {
	o.d.evidence[evKey{e.DealID, e.ArticleID}] = &e
	o.touched[e.DealID] = true
}

func (o *overlay) deleteEvidence(deal, article string) {
	o.d.evidence[evKey{deal, article}] = nil
	o.touched[deal] = true
}

// deleteDeal removes a deal and all its evidence.
func (o *overlay) deleteDeal(id string) {
	for _, e := range o.evidenceOf(id) {
		o.d.evidence[evKey{id, e.ArticleID}] = nil
	}
	o.d.deals[id] = nil
	delete(o.touched, id)
}

// upsertCompany merges c into the stored company of the same ID: the stored
// name stays and every other spelling becomes an alias.
func (o *overlay) upsertCompany(c pg.Company) {
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
func (o *overlay) upsertPlatform(p pg.Platform) {
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
func (o *overlay) upsertDeal(d pg.Deal) {
	d = cloneDeal(d) // the caller keeps its batch
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

// finish re-aggregates every touched deal over all its evidence. A deal
// that had evidence and has none left is removed, since no article
// supports it any more.
func (o *overlay) finish() {
	for id := range o.touched {
		d, ok := o.deal(id)
		if !ok {
			continue
		}
		ev := o.evidenceOf(id)
		if len(ev) == 0 {
			if len(o.s.evidence[id]) > 0 {
				o.d.deals[id] = nil
			} else {
				d.PlatformIDs = sortedUniq(d.PlatformIDs)
				o.d.deals[id] = &d
			}
			continue
		}
		slices.SortFunc(ev, compareEvidence)
		d = pg.Aggregate(d, ev)
		o.d.deals[id] = &d
	}
}

// writeBatch merges the (already curated and validated) batch b.
func (o *overlay) writeBatch(b pg.Batch) {
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
		o.d.mentions[m] = true
	}
	o.finish()
}

// Write implements [pg.Writer].
func (s *Store) Write(ctx context.Context, b pg.Batch) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	if err := checkShape(b); err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()

	s.mu.RLock()
	cb := pg.ApplyCurations(b, s.st.curations)
	o := newOverlay(s.st)
	err := checkRefs(o, cb)
	if err == nil {
		o.writeBatch(cb)
	}
	s.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	return s.commit(o.d)
}

// commit persists d and then applies it in memory, so a failed persist
// leaves memory as it was, consistent with the file. The caller holds wmu.
func (s *Store) commit(d *delta) error {
	if err := s.persist(d); err != nil {
		return err
	}
	s.mu.Lock()
	s.st.apply(d)
	s.mu.Unlock()
	return nil
}

// checkShape rejects records with an empty ID or an unknown deal type.
func checkShape(b pg.Batch) error {
	for _, a := range b.Articles {
		if a.ID == "" {
			return fmt.Errorf("article with empty ID: %w", pg.ErrInvalid)
		}
	}
	for _, c := range b.Companies {
		if c.ID == "" || c.Name == "" {
			return fmt.Errorf("company %q: empty ID or name: %w", c.ID+c.Name, pg.ErrInvalid)
		}
	}
	for _, p := range b.Platforms {
		if p.ID == "" || p.Name == "" {
			return fmt.Errorf("platform %q: empty ID or name: %w", p.ID+p.Name, pg.ErrInvalid)
		}
	}
	for _, d := range b.Deals {
		if d.ID == "" {
			return fmt.Errorf("deal with empty ID: %w", pg.ErrInvalid)
		}
		if !d.Type.Valid() {
			return fmt.Errorf("deal %s: unknown type %q: %w", d.ID, d.Type, pg.ErrInvalid)
		}
		for _, p := range d.Parties {
			if p.CompanyID == "" {
				return fmt.Errorf("deal %s: party with empty company ID: %w", d.ID, pg.ErrInvalid)
			}
		}
		if slices.Contains(d.PlatformIDs, "") {
			return fmt.Errorf("deal %s: empty platform ID: %w", d.ID, pg.ErrInvalid)
		}
	}
	for _, e := range b.Evidence {
		if e.DealID == "" || e.ArticleID == "" {
			return fmt.Errorf("evidence with empty deal or article ID: %w", pg.ErrInvalid)
		}
		if slices.Contains(e.PlatformIDs, "") {
			return fmt.Errorf("evidence %s/%s: empty platform ID: %w", e.DealID, e.ArticleID, pg.ErrInvalid)
		}
	}
	for _, m := range b.Mentions {
		if m.ArticleID == "" || m.EntityID == "" {
			return fmt.Errorf("mention with empty article or entity ID: %w", pg.ErrInvalid)
		}
		if m.Kind != pg.MentionCompany && m.Kind != pg.MentionPlatform {
			return fmt.Errorf("mention %s/%s: unknown kind %q: %w", m.ArticleID, m.EntityID, m.Kind, pg.ErrInvalid)
		}
	}
	return nil
}

// checkRefs rejects references to companies, platforms, deals or articles
// that are neither in b nor stored.
func checkRefs(o *overlay, b pg.Batch) error {
	companies, platforms, deals, articles := set{}, set{}, set{}, set{}
	for _, c := range b.Companies {
		companies.add(c.ID)
	}
	for _, p := range b.Platforms {
		platforms.add(p.ID)
	}
	for _, d := range b.Deals {
		deals.add(d.ID)
	}
	for _, a := range b.Articles {
		articles.add(a.ID)
	}
	hasCompany := func(id string) bool {
		_, inBatch := companies[id]
		_, stored := o.company(id)
		return inBatch || stored
	}
	hasPlatform := func(id string) bool {
		_, inBatch := platforms[id]
		_, stored := o.platform(id)
		return inBatch || stored
	}
	hasDeal := func(id string) bool {
		_, inBatch := deals[id]
		_, stored := o.deal(id)
		return inBatch || stored
	}
	hasArticle := func(id string) bool {
		_, inBatch := articles[id]
		_, stored := o.article(id)
		return inBatch || stored
	}
	for _, p := range b.Platforms {
		if p.OwnerID != "" && !hasCompany(p.OwnerID) {
			return fmt.Errorf("platform %s: unknown owner %s: %w", p.ID, p.OwnerID, pg.ErrInvalid)
		}
	}
	for _, d := range b.Deals {
		for _, p := range d.Parties {
			if !hasCompany(p.CompanyID) {
				return fmt.Errorf("deal %s: unknown party %s: %w", d.ID, p.CompanyID, pg.ErrInvalid)
			}
		}
		for _, p := range d.PlatformIDs {
			if !hasPlatform(p) {
				return fmt.Errorf("deal %s: unknown platform %s: %w", d.ID, p, pg.ErrInvalid)
			}
		}
	}
	for _, e := range b.Evidence {
		if !hasDeal(e.DealID) {
			return fmt.Errorf("evidence for unknown deal %s: %w", e.DealID, pg.ErrInvalid)
		}
		if !hasArticle(e.ArticleID) {
			return fmt.Errorf("evidence for deal %s from unknown article %s: %w", e.DealID, e.ArticleID, pg.ErrInvalid)
		}
		for _, p := range e.PlatformIDs {
			if !hasPlatform(p) {
				return fmt.Errorf("evidence %s/%s: unknown platform %s: %w", e.DealID, e.ArticleID, p, pg.ErrInvalid)
			}
		}
	}
	for _, m := range b.Mentions {
		if !hasArticle(m.ArticleID) {
			return fmt.Errorf("mention from unknown article %s: %w", m.ArticleID, pg.ErrInvalid)
		}
		known := hasCompany(m.EntityID)
		if m.Kind == pg.MentionPlatform {
			known = hasPlatform(m.EntityID)
		}
		if !known {
			return fmt.Errorf("article %s mentions unknown %s %s: %w", m.ArticleID, m.Kind, m.EntityID, pg.ErrInvalid)
		}
	}
	return nil
}

// uniqParties drops repeated parties, keeping the first occurrence.
func uniqParties(ps []pg.Party) []pg.Party {
	out := make([]pg.Party, 0, len(ps))
	for _, p := range ps {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// sortedUniq returns the sorted distinct values of ids.
func sortedUniq(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// compareEvidence orders evidence by publication date, then article ID.
func compareEvidence(a, b pg.Evidence) int {
	return cmp.Or(cmp.Compare(a.Published, b.Published), cmp.Compare(a.ArticleID, b.ArticleID))
}
