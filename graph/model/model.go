// Package model holds the GraphQL-only types of the partnergraph API:
// connections, inputs and payloads that have no place in the domain. The
// domain types themselves (Company, Deal, …) come from the root package, to
// which gqlgen binds directly.
package model

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"

	pg "github.com/partnergraph/partnergraph"
)

// Counter counts the items of a connection's list. Connections keep it so
// that totalCount costs a store call only when a client asks for it.
type Counter func(ctx context.Context) (int, error)

// PageInfo is the Relay page information of a connection.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// DealEdge is one deal of a DealConnection with its cursor.
type DealEdge struct {
	// StoreCursor is the cursor the store gave the deal, or "" in a list
	// kept in ID order, where Cursor derives it from the ID when a client
	// asks for it.
	StoreCursor string
	Node        pg.Deal
}

// Cursor is the edge's opaque cursor. It takes no context, so gqlgen
// resolves it inline, and it costs nothing unless selected.
func (e DealEdge) Cursor() string {
	if e.StoreCursor != "" {
		return e.StoreCursor
	}
	return IDCursor(e.Node.ID)
}

// IDCursor is the opaque cursor of an item of a list kept in ID order.
func IDCursor(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + id))
}

// DealConnection is one page of deals.
type DealConnection struct {
	Edges    []DealEdge
	PageInfo PageInfo
	// Count counts every deal of the list, not only this page.
	Count Counter
}

// CompanyEdge is one company of a CompanyConnection with its cursor.
type CompanyEdge struct {
	Cursor string
	Node   pg.Company
}

// CompanyConnection is one page of companies.
type CompanyConnection struct {
	Edges    []CompanyEdge
	PageInfo PageInfo
	// Count counts every company of the list, not only this page.
	Count Counter
}

// PlatformEdge is one platform of a PlatformConnection with its cursor.
type PlatformEdge struct {
	Cursor string
	Node   pg.Platform
}

// PlatformConnection is one page of platforms.
type PlatformConnection struct {
	Edges    []PlatformEdge
	PageInfo PageInfo
	// Count counts every platform of the list, not only this page.
	Count Counter
}

// Partner is a company another company shares deals with.
type Partner struct {
	Company pg.Company
	Deals   []pg.Deal
}

// DealCount returns the number of shared deals.
func (p Partner) DealCount() int { return len(p.Deals) }

// DealFilter is the GraphQL input that selects deals. Company and Platform
// accept an ID or a name.
type DealFilter struct {
	Type     []pg.DealType
	Status   []pg.DealStatus
	Company  *string
	Platform *string
	YearFrom *int
	YearTo   *int
	Text     *string
	Article  *string
}

// CompanyFilter is the GraphQL input that selects companies.
type CompanyFilter struct {
	NamePrefix *string
	Platform   *string
	MinDeals   *int
}

// PlatformFilter is the GraphQL input that selects platforms.
type PlatformFilter struct {
	Kind  *string
	Owner *string
}

// ArticleFilter is the GraphQL input that selects articles. Company and
// Platform accept an ID or a name.
type ArticleFilter struct {
	Text     *string
	Company  *string
	Platform *string
	YearFrom *int
	YearTo   *int
}

// ArticleEdge is one article of an ArticleConnection with its cursor.
type ArticleEdge struct {
	Cursor string
	Node   pg.Article
}

// ArticleConnection is one page of articles.
type ArticleConnection struct {
	Edges    []ArticleEdge
	PageInfo PageInfo
	// Count counts every article of the list, not only this page.
	Count Counter
}

// DealEventKind says whether a DealEvent is a new deal or a changed one.
type DealEventKind string

// The kinds of deal event.
const (
	DealAdded   DealEventKind = "ADDED"
	DealUpdated DealEventKind = "UPDATED"
)

// MarshalGQL writes k as a GraphQL enum value.
func (k DealEventKind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a GraphQL enum value into k.
func (k *DealEventKind) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	switch DealEventKind(s) {
	case DealAdded, DealUpdated:
		*k = DealEventKind(s)
		return nil
	}
	return fmt.Errorf("%w: %v is not a DealEventKind", pg.ErrInvalid, v)
}

// DealEvent is one deal added or updated through this server, as stored
// after the change, with the ID of the article that caused it.
type DealEvent struct {
	Kind      DealEventKind
	Deal      pg.Deal
	ArticleID string
}

// IngestResult is what ingestArticle extracted and wrote.
type IngestResult struct {
	Articles  []pg.Article
	Companies []pg.Company
	Platforms []pg.Platform
	Deals     []pg.Deal
}

// SplitResult is the outcome of splitCompany.
type SplitResult struct {
	Original pg.Company
	Split    *pg.Company
}
