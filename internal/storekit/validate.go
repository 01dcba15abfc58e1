package storekit

import (
	"fmt"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// Validate checks the shape of b on its own, without the stored graph: it
// rejects records with an empty ID or name, deals of an unknown type, empty
// party or platform IDs and mentions of an unknown kind. Its errors wrap
// ErrInvalid. Stores call it before they take a lock or open a transaction,
// so a malformed batch fails fast; [Overlay.Write] calls it again.
func Validate(b pg.Batch) error {
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
		if e.Type != "" && !e.Type.Valid() {
			return fmt.Errorf("evidence %s/%s: unknown type %q: %w", e.DealID, e.ArticleID, e.Type, pg.ErrInvalid)
		}
		for _, p := range e.Parties {
			if p.CompanyID == "" {
				return fmt.Errorf("evidence %s/%s: party with empty company ID: %w", e.DealID, e.ArticleID, pg.ErrInvalid)
			}
		}
	}
	for _, o := range b.Ownerships {
		if o.ParentID == "" || o.ChildID == "" {
			return fmt.Errorf("ownership with empty parent or child ID: %w", pg.ErrInvalid)
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
// that are neither in b nor in the graph.
func (o *Overlay) checkRefs(b pg.Batch) error {
	companies, platforms, deals, articles := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range b.Companies {
		companies[c.ID] = true
	}
	for _, p := range b.Platforms {
		platforms[p.ID] = true
	}
	for _, d := range b.Deals {
		deals[d.ID] = true
	}
	for _, a := range b.Articles {
		articles[a.ID] = true
	}
	hasCompany := func(id string) bool { _, ok := o.company(id); return companies[id] || ok }
	hasPlatform := func(id string) bool { _, ok := o.platform(id); return platforms[id] || ok }
	hasDeal := func(id string) bool { _, ok := o.deal(id); return deals[id] || ok }
	hasArticle := func(id string) bool { _, ok := o.article(id); return articles[id] || ok }
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
		for _, p := range e.Parties {
			if !hasCompany(p.CompanyID) {
				return fmt.Errorf("evidence %s/%s: unknown party %s: %w", e.DealID, e.ArticleID, p.CompanyID, pg.ErrInvalid)
			}
		}
	}
	for _, o := range b.Ownerships {
		for _, id := range []string{o.ParentID, o.ChildID} {
			if !hasCompany(id) {
				return fmt.Errorf("ownership of %s by %s: unknown company %s: %w", o.ChildID, o.ParentID, id, pg.ErrInvalid)
			}
		}
	}
	for _, m := range b.Mentions {
		if !hasArticle(m.ArticleID) {
			return fmt.Errorf("mention from unknown article %s: %w", m.ArticleID, pg.ErrInvalid)
		}
		var known bool
		if m.Kind == pg.MentionPlatform {
			known = hasPlatform(m.EntityID)
		} else {
			known = hasCompany(m.EntityID)
		}
		if !known {
			return fmt.Errorf("article %s mentions unknown %s %s: %w", m.ArticleID, m.Kind, m.EntityID, pg.ErrInvalid)
		}
	}
	return nil
}
