package partnergraph

import (
	"context"
	"errors"
	"strings"
)

// Every argument of the API and the exports that names a company or a
// platform takes its ID, its name or one of its aliases, ignoring case.
// FindCompany and FindPlatform implement that lookup once for all of them.

// maxNameWords bounds the owner/platform splits FindPlatform tries.
const maxNameWords = 8

// FindCompany returns the company that ref names, trying in order: ref as
// an ID; a name or alias equal to ref ignoring case ([Reader.CompanyByName]);
// the [CompanyID] of ref ("SEGA" is "sega"). It returns false when none
// matches, and an error only when the store fails.
func FindCompany(ctx context.Context, r Reader, ref string) (Company, bool, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Company{}, false, nil
	}
	if c, ok, err := found(r.Company(ctx, ref)); ok || err != nil {
		return c, ok, err
	}
	if c, ok, err := found(r.CompanyByName(ctx, ref)); ok || err != nil {
		return c, ok, err
	}
	if id := CompanyID(ref); id != "" && id != ref {
		return found(r.Company(ctx, id))
	}
	return Company{}, false, nil
}

// FindPlatform is FindCompany for platforms, with one more form: an
// owner's name in front of the platform's ("Microsoft Azure" is Azure when
// Microsoft owns it).
func FindPlatform(ctx context.Context, r Reader, ref string) (Platform, bool, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Platform{}, false, nil
	}
	if p, ok, err := found(r.Platform(ctx, ref)); ok || err != nil {
		return p, ok, err
	}
	if p, ok, err := found(r.PlatformByName(ctx, ref)); ok || err != nil {
		return p, ok, err
	}
	if id := PlatformID(strings.TrimPrefix(strings.ToLower(ref), "p:")); id != "p:" && id != ref {
		if p, ok, err := found(r.Platform(ctx, id)); ok || err != nil {
			return p, ok, err
		}
	}
	words := strings.Fields(ref)
	if len(words) < 2 || len(words) > maxNameWords {
		return Platform{}, false, nil
	}
	for i := 1; i < len(words); i++ {
		owner, ok, err := FindCompany(ctx, r, strings.Join(words[:i], " "))
		if err != nil {
			return Platform{}, false, err
		}
		if !ok {
			continue
		}
		p, ok, err := found(r.PlatformByName(ctx, strings.Join(words[i:], " ")))
		if err != nil {
			return Platform{}, false, err
		}
		if ok && p.OwnerID == owner.ID {
			return p, true, nil
		}
	}
	return Platform{}, false, nil
}

// found turns a single read's answer into (value, found, error): a value
// that is not found is no error.
func found[T any](v T, err error) (T, bool, error) {
	var zero T
	if errors.Is(err, ErrNotFound) {
		return zero, false, nil
	}
	if err != nil {
		return zero, false, err
	}
	return v, true, nil
}
