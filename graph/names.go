package graph

import (
	"context"
	"fmt"

	pg "github.com/partnergraph/partnergraph"
)

// companyID returns the ID of the company ref names (its ID, name or alias,
// ignoring case; see pg.FindCompany), or an error wrapping ErrNotFound
// (NOT_FOUND) that quotes ref.
func (r *Resolver) companyID(ctx context.Context, what, ref string) (string, error) {
	c, ok, err := pg.FindCompany(ctx, r.Store, ref)
	return mustFind(what, "company", ref, c.ID, ok, err)
}

// platformID is companyID for platforms (see pg.FindPlatform).
func (r *Resolver) platformID(ctx context.Context, what, ref string) (string, error) {
	p, ok, err := pg.FindPlatform(ctx, r.Store, ref)
	return mustFind(what, "platform", ref, p.ID, ok, err)
}

// mustFind returns id, or the error of a look-up that failed or found
// nothing.
func mustFind(what, kind, ref, id string, ok bool, err error) (string, error) {
	switch {
	case err != nil:
		return "", err
	case !ok:
		return "", fmt.Errorf("%s: no %s has the ID, name or alias %q: %w", what, kind, ref, pg.ErrNotFound)
	}
	return id, nil
}

// companyRef resolves a company filter value to an ID; one that names no
// company is returned unchanged, so that it matches nothing.
func (r *Resolver) companyRef(ctx context.Context, ref string) (string, error) {
	c, ok, err := pg.FindCompany(ctx, r.Store, ref)
	if err != nil || !ok {
		return ref, err
	}
	return c.ID, nil
}

// platformRef is companyRef for platforms.
func (r *Resolver) platformRef(ctx context.Context, ref string) (string, error) {
	p, ok, err := pg.FindPlatform(ctx, r.Store, ref)
	if err != nil || !ok {
		return ref, err
	}
	return p.ID, nil
}
