package graph

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
	"github.com/partnergraph/partnergraph/graph/plan"
)

// Limits of the arguments that are not page sizes.
const (
	defaultSearchSize        = 10
	defaultNeighborhoodDepth = 1
	minNeighborhoodDepth     = 1
	maxNeighborhoodDepth     = 4
	defaultNeighborhoodLimit = 100
	maxNeighborhoodLimit     = 500
	defaultPathDepth         = 4
	maxPathDepth             = 6
)

// pageArgs checks first and after and turns them into store page arguments.
// first defaults to DefaultPageSize and must lie in [0, MaxPageSize]; 0
// returns no items but still answers hasNextPage and totalCount.
func pageArgs(first *int, after *string) (pg.PageArgs, bool, error) {
	p := pg.PageArgs{First: pg.DefaultPageSize}
	empty := false
	if first != nil {
		if *first < 0 || *first > pg.MaxPageSize {
			return p, false, invalid("first must be between 0 and %d, got %d", pg.MaxPageSize, *first)
		}
		p.First = *first
		if p.First == 0 {
			p.First, empty = 1, true
		}
	}
	if after != nil {
		p.After = *after
	}
	return p, empty, nil
}

// intArg returns *v, or def when v is nil, checking that it lies in
// [lo, hi].
func intArg(name string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, invalid("%s must be between %d and %d, got %d", name, lo, hi, *v)
	}
	return *v, nil
}

// pageInfo builds the Relay page information of a page of cursors.
func pageInfo(cursors []string, hasNext bool, after string) model.PageInfo {
	pi := model.PageInfo{HasNextPage: hasNext, HasPreviousPage: after != ""}
	if len(cursors) > 0 {
		pi.StartCursor, pi.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return pi
}

// idCursor is the opaque cursor of an item of a list kept in ID order.
func idCursor(id string) string { return model.IDCursor(id) }

func parseIDCursor(c string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(b), "id:") {
		return "", invalid("malformed cursor %q", c)
	}
	return string(b[3:]), nil
}

// dealPage returns one page of the deals with the given IDs, which are in
// ascending order: keyset pagination on the ID, so a cursor stays valid
// while deals are added. count is the number of IDs.
func (r *Resolver) dealPage(ctx context.Context, ids []string, first *int, after *string) (model.DealConnection, error) {
	start, end, hasNext, err := pageRange(ids, first, after)
	if err != nil {
		return model.DealConnection{}, err
	}
	total := len(ids)
	conn := model.DealConnection{Count: func(context.Context) (int, error) { return total, nil }}
	var deals []pg.Deal
	if pageIDsOnly(ctx) {
		// Every ID in ids is a deal's: the page's IDs answer the selection.
		deals = make([]pg.Deal, end-start)
		for i, id := range ids[start:end] {
			deals[i].ID = id
		}
	} else {
		if deals, err = loadMany(ctx, r.loaders(ctx).deal, ids[start:end]); err != nil {
			return model.DealConnection{}, err
		}
		r.prefetchParties(ctx, deals)
	}
	// Cursors are derived from the IDs when asked for; only the page's
	// first and last are made here, for pageInfo.
	var ends []string
	conn.Edges = make([]model.DealEdge, len(deals))
	for i, d := range deals {
		conn.Edges[i] = model.DealEdge{Node: d}
	}
	if n := len(deals); n > 0 {
		ends = []string{idCursor(deals[0].ID), idCursor(deals[n-1].ID)}
	}
	var afterCursor string
	if after != nil {
		afterCursor = *after
	}
	conn.PageInfo = pageInfo(ends, hasNext, afterCursor)
	return conn, nil
}

// pageIDsOnly reports whether the selection of the current deal connection
// field asks for no field of its deals but their IDs (see nodeIDsOnly).
func pageIDsOnly(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return false
	}
	return nodeIDsOnly(graphql.GetOperationContext(ctx), fc.Field.Selections)
}

// dealFilter converts the GraphQL deal filter.
func (r *Resolver) dealFilter(ctx context.Context, f *model.DealFilter) (pg.DealFilter, error) {
	return convertDealFilter(ctx, f, r.filterRefs)
}

// convertDealFilter is dealFilter with refs resolving the company and
// platform.
func convertDealFilter(ctx context.Context, f *model.DealFilter, refs func(ctx context.Context, company, platform *string) (string, string, error)) (pg.DealFilter, error) {
	var out pg.DealFilter
	if f == nil {
		return out, nil
	}
	out.Types, out.Statuses = f.Type, f.Status
	var err error
	if out.CompanyID, out.PlatformID, err = refs(ctx, f.Company, f.Platform); err != nil {
		return out, err
	}
	if out.YearFrom, out.YearTo, err = yearRange(f.YearFrom, f.YearTo); err != nil {
		return out, err
	}
	if f.Text != nil {
		out.Text = *f.Text
	}
	if f.Article != nil {
		out.ArticleID = *f.Article
	}
	return out, nil
}

// articleFilter converts the GraphQL article filter.
func (r *Resolver) articleFilter(ctx context.Context, f *model.ArticleFilter) (pg.ArticleFilter, error) {
	var out pg.ArticleFilter
	if f == nil {
		return out, nil
	}
	var err error
	if f.Text != nil {
		out.Text = strings.TrimSpace(*f.Text)
	}
	if out.CompanyID, out.PlatformID, err = r.filterRefs(ctx, f.Company, f.Platform); err != nil {
		return out, err
	}
	out.YearFrom, out.YearTo, err = yearRange(f.YearFrom, f.YearTo)
	return out, err
}

// filterRefs resolves the company and platform of a filter (either may be
// nil) to IDs; see companyRef.
func (r *Resolver) filterRefs(ctx context.Context, company, platform *string) (companyID, platformID string, err error) {
	if company != nil {
		if companyID, err = r.companyRef(ctx, *company); err != nil {
			return "", "", err
		}
	}
	if platform != nil {
		if platformID, err = r.platformRef(ctx, *platform); err != nil {
			return "", "", err
		}
	}
	return companyID, platformID, nil
}

// yearRange returns a filter's years (0 when not given), refusing a range
// that ends before it starts.
func yearRange(from, to *int) (int, int, error) {
	var f, t int
	if from != nil {
		f = *from
	}
	if to != nil {
		t = *to
	}
	if f != 0 && t != 0 && f > t {
		return f, t, invalid("yearFrom %d is after yearTo %d", f, t)
	}
	return f, t, nil
}

// companyFilter converts the GraphQL company filter.
func (r *Resolver) companyFilter(ctx context.Context, f *model.CompanyFilter) (pg.CompanyFilter, error) {
	var out pg.CompanyFilter
	if f == nil {
		return out, nil
	}
	if f.NamePrefix != nil {
		out.NamePrefix = *f.NamePrefix
	}
	if f.Platform != nil {
		var err error
		if out.PlatformID, err = r.platformRef(ctx, *f.Platform); err != nil {
			return out, err
		}
	}
	if f.MinDeals != nil {
		if *f.MinDeals < 0 {
			return out, invalid("minDeals must not be negative")
		}
		out.MinDeals = *f.MinDeals
	}
	return out, nil
}

// platformFilter converts the GraphQL platform filter.
func (r *Resolver) platformFilter(ctx context.Context, f *model.PlatformFilter) (pg.PlatformFilter, error) {
	var out pg.PlatformFilter
	if f == nil {
		return out, nil
	}
	if f.Kind != nil {
		out.Kind = pg.PlatformKind(strings.ToLower(*f.Kind))
	}
	if f.Owner != nil {
		var err error
		if out.OwnerID, err = r.companyRef(ctx, *f.Owner); err != nil {
			return out, err
		}
	}
	return out, nil
}

// companyDeals loads every deal of a company through the loaders.
func (r *Resolver) companyDeals(ctx context.Context, companyID string) ([]pg.Deal, error) {
	l := r.loaders(ctx)
	ids, _, err := loadOne(ctx, l.dealIDsByCompany, companyID)
	if err != nil {
		return nil, err
	}
	return loadMany(ctx, l.deal, ids)
}

// primeDeals caches deals read by a list query, so that later loads of the
// same deal in this request cost nothing.
func (r *Resolver) primeDeals(ctx context.Context, deals []pg.Deal) {
	l := r.loaders(ctx).deal
	for _, d := range deals {
		l.Prime(d.ID, d)
	}
}

// nonNil returns s, or an empty slice when s is nil, for non-null lists.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// refsAsIDs takes a filter's company and platform references for IDs, as
// pg.FindCompany and pg.FindPlatform try them first; ok is false for a
// reference that they would not try as it is (empty, or with spaces
// around it).
func refsAsIDs(company, platform *string) (companyID, platformID string, ok bool) {
	for _, ref := range []*string{company, platform} {
		if ref != nil && (*ref == "" || strings.TrimSpace(*ref) != *ref) {
			return "", "", false
		}
	}
	if company != nil {
		companyID = *company
	}
	if platform != nil {
		platformID = *platform
	}
	return companyID, platformID, true
}

// countedDeals answers Query.deals in one store read when the store reads
// a page with its count (plan.DealPageCounter) and the selection asks for
// nothing below the deals' parties that prefetching would read: the
// filter's references are taken for IDs, and when one names nothing
// (plan.DealPage.Missing) ok is false and the caller resolves them as
// usual.
func (r *Resolver) countedDeals(ctx context.Context, p pg.PageArgs, empty bool, filter *model.DealFilter, sort *pg.DealSort) (conn model.DealConnection, ok bool, err error) {
	if _, can := r.Store.(plan.DealPageCounter); !can || planAhead(ctx).companies {
		return model.DealConnection{}, false, nil
	}
	refsOK := true
	f, err := convertDealFilter(ctx, filter, func(_ context.Context, company, platform *string) (string, string, error) {
		c, pl, ok := refsAsIDs(company, platform)
		refsOK = ok
		return c, pl, nil
	})
	if err != nil || !refsOK {
		return model.DealConnection{}, false, err
	}
	q := pg.DealQuery{Filter: f, PageArgs: p}
	if sort != nil {
		q.Sort = *sort
	}
	got, err := plan.ReadDealPage(ctx, r.Store, q, selects(ctx, "DealConnection", "totalCount"))
	if err != nil {
		return model.DealConnection{}, false, fmt.Errorf("deals: %w", err)
	}
	if got.Missing {
		return model.DealConnection{}, false, nil
	}
	page := got.Page
	counted := selects(ctx, "DealConnection", "totalCount")
	conn = model.DealConnection{Count: func(ctx context.Context) (int, error) {
		if counted {
			return got.Count, nil
		}
		return r.Store.CountDeals(ctx, f)
	}}
	if empty {
		conn.PageInfo = pageInfo(nil, len(page.Items) > 0, p.After)
		return conn, true, nil
	}
	r.primeDeals(ctx, page.Items)
	conn.Edges = make([]model.DealEdge, len(page.Items))
	for i, d := range page.Items {
		conn.Edges[i] = model.DealEdge{StoreCursor: page.Cursors[i], Node: d}
	}
	conn.PageInfo = pageInfo(page.Cursors, page.HasNextPage, p.After)
	return conn, true, nil
}

// selects reports whether the selection of the current field, an object
// of type typeName, asks for the field name.
func selects(ctx context.Context, typeName, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return true // unknown: read it
	}
	for _, f := range collect(graphql.GetOperationContext(ctx), fc.Field.Selections, typeName) {
		if f.Name == name {
			return true
		}
	}
	return false
}
