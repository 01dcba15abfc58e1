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
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("%s: no company has the ID, name or alias %q: %w", what, ref, pg.ErrNotFound)
	}
	return c.ID, nil
}

// platformID is companyID for platforms (see pg.FindPlatform).
func (r *Resolver) platformID(ctx context.Context, what, ref string) (string, error) {
	p, ok, err := pg.FindPlatform(ctx, r.Store, ref)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("%s: no platform has the ID, name or alias %q: %w", what, ref, pg.ErrNotFound)
	}
	return p.ID, nil
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
