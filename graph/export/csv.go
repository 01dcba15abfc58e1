package export

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// CSVHeader is the header row of deals.csv.
var CSVHeader = []string{"id", "type", "status", "year", "parties", "roles", "platforms", "value", "currency", "sources", "confidence"}

// listSep separates the items of a multi-valued CSV cell.
const listSep = "; "

// cell makes untrusted text safe to open in a spreadsheet: a cell starting
// with = + - @ or a control character would be read as a formula, so it
// gets a leading apostrophe (the OWASP "CSV injection" advice).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes one row per deal matching req, reading the deals a page at
// a time and flushing after each page, so memory does not grow with the
// export. parties and roles are aligned lists of company names and roles;
// platforms lists platform names; sources lists the URL (or, lacking one,
// the ID) of every reporting article; list items are separated by "; ".
// It reports whether the limit cut the export short.
func WriteCSV(ctx context.Context, w io.Writer, r partnergraph.Reader, req Request) (truncated bool, err error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return false, fmt.Errorf("export: write CSV header: %w", err)
	}
	names := map[string]string{} // company and platform ID -> name, across pages
	truncated, err = eachDealPage(ctx, r, req, func(page []partnergraph.Deal) error {
		if err := fillNames(ctx, r, page, names); err != nil {
			return err
		}
		ids := make([]string, len(page))
		for i, d := range page {
			ids[i] = d.ID
		}
		ev, err := r.EvidenceByDeal(ctx, ids)
		if err != nil {
			return fmt.Errorf("export: read evidence: %w", err)
		}
		var articleIDs []string
		for _, es := range ev {
			for _, e := range es {
				articleIDs = append(articleIDs, e.ArticleID)
			}
		}
		articles, err := r.ArticlesByID(ctx, articleIDs)
		if err != nil {
			return fmt.Errorf("export: read articles: %w", err)
		}
		for _, d := range page {
			if err := cw.Write(dealRow(d, ev[d.ID], articles, names)); err != nil {
				return fmt.Errorf("export: write CSV row %s: %w", d.ID, err)
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return false, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return false, fmt.Errorf("export: write CSV: %w", err)
	}
	return truncated, nil
}

// fillNames adds the names of the page's companies and platforms to names.
func fillNames(ctx context.Context, r partnergraph.Reader, page []partnergraph.Deal, names map[string]string) error {
	var cids, pids []string
	for _, d := range page {
		for _, p := range d.Parties {
			if _, ok := names[p.CompanyID]; !ok {
				cids = append(cids, p.CompanyID)
			}
		}
		for _, p := range d.PlatformIDs {
			if _, ok := names[p]; !ok {
				pids = append(pids, p)
			}
		}
	}
	cs, err := companies(ctx, r, cids)
	if err != nil {
		return err
	}
	for id, c := range cs {
		names[id] = c.Name
	}
	ps, err := platforms(ctx, r, pids)
	if err != nil {
		return err
	}
	for id, p := range ps {
		names[id] = p.Name
	}
	return nil
}

// dealRow renders one deal as a CSV row in CSVHeader's order.
func dealRow(d partnergraph.Deal, ev []partnergraph.Evidence, articles map[string]partnergraph.Article, names map[string]string) []string {
	nameOf := func(id string) string {
		if n, ok := names[id]; ok && n != "" {
			return n
		}
		return id
	}
	var parties, roles, plats, sources []string
	for _, p := range d.Parties {
		parties = append(parties, nameOf(p.CompanyID))
		roles = append(roles, string(p.Role))
	}
	for _, p := range d.PlatformIDs {
		plats = append(plats, nameOf(p))
	}
	for _, e := range ev {
		src := e.ArticleID
		if a, ok := articles[e.ArticleID]; ok && a.URL != "" {
			src = a.URL
		}
		sources = append(sources, src)
	}
	return []string{
		d.ID,
		string(d.Type),
		string(d.Status),
		intOrEmpty(d.Year),
		cell(strings.Join(parties, listSep)),
		strings.Join(roles, listSep),
		cell(strings.Join(plats, listSep)),
		floatOrEmpty(roundMoney(d.Value)),
		cell(d.Currency),
		cell(strings.Join(sources, listSep)),
		strconv.FormatFloat(roundConfidence(d.Confidence), 'f', -1, 64),
	}
}
