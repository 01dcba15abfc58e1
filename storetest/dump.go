package storetest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Dump returns everything s holds about its companies, platforms, deals
// and their evidence, and about the articles articleIDs, as text in a
// canonical order, one record per line: two stores, or two loads of the
// same articles, hold the same graph when their dumps are equal. Lists
// that are sets (aliases) are sorted; confidences are rounded to nine
// places. Mentions, which no read returns, are counted.
func Dump(ctx context.Context, s pg.Reader, articleIDs []string) (string, error) {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	counts, err := s.Counts(ctx)
	if err != nil {
		return "", fmt.Errorf("dump: counts: %w", err)
	}
	add("counts %+v", counts)

	companies, err := every(ctx, pg.CompanyQuery{}, s.Companies)
	if err != nil {
		return "", fmt.Errorf("dump: companies: %w", err)
	}
	var companyIDs []string
	for _, c := range companies {
		companyIDs = append(companyIDs, c.ID)
		aliases := slices.Clone(c.Aliases)
		pg.SortNames(aliases)
		parent, stated := "-", "-"
		if c.Parent != nil {
			parent = fmt.Sprintf("%+v", *c.Parent)
		}
		if c.Stated != nil {
			stated = fmt.Sprintf("%+v", *c.Stated)
		}
		add("company %s | %s | %q | %+v | %s | %s", c.ID, c.Name, aliases, c.Links, parent, stated)
	}
	subs, err := s.Subsidiaries(ctx, companyIDs)
	if err != nil {
		return "", fmt.Errorf("dump: subsidiaries: %w", err)
	}
	for _, id := range slices.Sorted(maps.Keys(subs)) {
		add("owns %s %v", id, subs[id])
	}
	platforms, err := every(ctx, pg.PlatformQuery{}, s.Platforms)
	if err != nil {
		return "", fmt.Errorf("dump: platforms: %w", err)
	}
	for _, pl := range platforms {
		aliases := slices.Clone(pl.Aliases)
		pg.SortNames(aliases)
		add("platform %s | %s | %s | %s | %q", pl.ID, pl.Name, pl.Kind, pl.OwnerID, aliases)
	}
	deals, err := every(ctx, pg.DealQuery{Sort: pg.DealsByYearAsc}, s.Deals)
	if err != nil {
		return "", fmt.Errorf("dump: deals: %w", err)
	}
	var dealIDs []string
	for _, d := range deals {
		dealIDs = append(dealIDs, d.ID)
		value := "-"
		if d.Value != nil {
			value = fmt.Sprintf("%g %s", *d.Value, d.Currency)
		}
		add("deal %s | %s | %s | %d | %v | %v | %s | %s | %.9f", d.ID, d.Type, d.Status, d.Year, d.Parties, d.PlatformIDs, value, d.Summary, d.Confidence)
	}
	ev, err := s.EvidenceByDeal(ctx, dealIDs)
	if err != nil {
		return "", fmt.Errorf("dump: evidence: %w", err)
	}
	for _, id := range slices.Sorted(maps.Keys(ev)) {
		for _, e := range ev[id] {
			value := "-"
			if e.Value != nil {
				value = fmt.Sprintf("%g %s", *e.Value, e.Currency)
			}
			add("evidence %s | %s | %d-%d | %d | %s | %v | %.9f | %s | %s | %v | %s | %q", e.DealID, e.ArticleID, e.Start, e.End,
				e.Year, e.Status, e.PlatformIDs, e.Confidence, e.Published, e.Type, e.Parties, value, e.Sentence)
		}
	}
	arts, err := s.ArticlesByID(ctx, articleIDs)
	if err != nil {
		return "", fmt.Errorf("dump: articles: %w", err)
	}
	byArticle, err := s.DealIDsByArticle(ctx, articleIDs)
	if err != nil {
		return "", fmt.Errorf("dump: deals by article: %w", err)
	}
	for _, id := range slices.Sorted(maps.Keys(arts)) {
		a := arts[id]
		add("article %s | %s | %s | %s | %s | %v", a.ID, a.Title, a.URL, a.Publisher, a.Published, byArticle[id])
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n", nil
}

// query is a list query with its page arguments.
type query interface {
	pg.CompanyQuery | pg.PlatformQuery | pg.DealQuery
}

// every pages through all items of a list query, MaxPageSize at a time.
func every[Q query, T any](ctx context.Context, q Q, list func(context.Context, Q) (pg.Page[T], error)) ([]T, error) {
	var out []T
	after := ""
	for {
		page := pg.PageArgs{First: pg.MaxPageSize, After: after}
		switch x := any(&q).(type) {
		case *pg.CompanyQuery:
			x.PageArgs = page
		case *pg.PlatformQuery:
			x.PageArgs = page
		case *pg.DealQuery:
			x.PageArgs = page
		}
		p, err := list(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if !p.HasNextPage {
			return out, nil
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
}

// FirstDiff shows the first line where two dumps differ, for a test's
// failure message.
func FirstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "one dump is a prefix of the other"
}
