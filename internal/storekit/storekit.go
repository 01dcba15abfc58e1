// Package storekit holds the store-independent logic that every
// [partnergraph.Store] implementation shares, so that memstore and
// neo4jstore give the same answers by running the same code rather than two
// copies of it.
//
// Its centre is the merge engine. A store describes its stored graph with a
// [Graph], opens an [Overlay] on it, and asks the overlay to write a batch
// ([Overlay.Write]) or to apply a curation ([Overlay.Curate]). The overlay
// validates the input, applies the recorded curations, resolves the
// batch's companies against the whole graph (identity.go) and its deals
// against the stored reports of the same parties (deals.go), merges
// platforms, re-aggregates every deal it touched, removes the deals no
// article supports any more and settles who owns whom (ownership.go); it
// returns the result as [Changes], the records to put and to delete, which
// the store then persists in its own way. The overlay never writes to the
// Graph.
//
// The package also holds the cursor format of keyset pagination ([Key],
// [EncodeCursor], [DecodeCursor]), the validation of list queries
// ([ParseDealQuery] and its siblings) and the aggregation of [pg.Stats]
// ([StatsCounter]).
package storekit

import (
	pg "github.com/partnergraph/partnergraph"
)

// Graph is read access to a store's graph as it was before the change an
// [Overlay] builds. Lookups report a missing record with false or an empty
// result; a Graph that can fail (one that reads a database) keeps the error
// itself and the store checks it before it persists anything.
type Graph interface {
	// Company returns the stored company with the given ID, if any.
	Company(id string) (pg.Company, bool)
	// Platform returns the stored platform with the given ID, if any.
	Platform(id string) (pg.Platform, bool)
	// Deal returns the stored deal with the given ID, if any.
	Deal(id string) (pg.Deal, bool)
	// Article returns the stored article with the given ID, if any.
	Article(id string) (pg.Article, bool)
	// EvidenceOf returns the stored evidence of a deal in any order.
	EvidenceOf(dealID string) []pg.Evidence

	// DealsOfCompany returns the IDs of the deals a company is a party to,
	// in any order.
	DealsOfCompany(companyID string) []string
	// DealsOfArticle returns the IDs of the deals an article reports, in
	// any order.
	DealsOfArticle(articleID string) []string
	// MentionsByArticle returns the mentions an article makes, of
	// companies and platforms, in any order.
	MentionsByArticle(articleID string) []pg.Mention
	// MentionsOfCompany returns the mentions of a company, in any order.
	MentionsOfCompany(companyID string) []pg.Mention
	// PlatformsOwnedBy returns the IDs of the platforms a company owns, in
	// any order.
	PlatformsOwnedBy(companyID string) []string

	// CompaniesByKey returns the IDs of the companies that have any of
	// keys among their [MatchKeys], in any order, each once.
	CompaniesByKey(keys []string) []string
	// ChildrenOf returns the IDs of the companies whose Parent or Stated
	// parent is companyID, in any order.
	ChildrenOf(companyID string) []string
	// DealsBetween returns the IDs of the deals every one of companyIDs
	// is a party to, in any order.
	DealsBetween(companyIDs []string) []string
}

// MatchKeys returns the keys under which a store indexes company c so that
// the identity rules can find it: "k:" and the [pg.CompanyKey] of its name
// and of every alias that is not a short form of the name, and "c:" and
// the [pg.CompanyCore] of its name. A company written with the same key in
// one of its own names, or with its core, is found under them.
func MatchKeys(c pg.Company) []string {
	keys := []string{"k:" + pg.CompanyKey(c.Name), "c:" + pg.CompanyCore(c.Name)}
	for _, a := range c.Aliases {
		if !pg.IsShortForm(a, c.Name) {
			keys = append(keys, "k:"+pg.CompanyKey(a))
		}
	}
	return sortedUniq(keys)
}

// Preloader is implemented by a Graph that reads records more cheaply in
// bulk than one at a time. Before [Overlay.Write] looks up anything, it
// calls Preload once with every ID the batch will make it read.
type Preloader interface {
	// Preload reads the records refs names, so that later lookups of them
	// need no further reads.
	Preload(refs Refs)
}

// Refs are the IDs of the stored records that writing a batch reads. The
// evidence of every deal in Deals is read as well. IDs may repeat.
type Refs struct {
	Companies, Platforms, Deals, Articles []string
	// Blocks are sets of companies whose common deals are read
	// (Graph.DealsBetween), and DealsOf companies whose deals are
	// (Graph.DealsOfCompany).
	Blocks  [][]string
	DealsOf []string
}

// RefsOf returns the IDs of the records that writing b reads: the records
// b holds and every record they refer to.
func RefsOf(b pg.Batch) Refs {
	var r Refs
	for _, c := range b.Companies {
		r.Companies = append(r.Companies, c.ID)
	}
	for _, p := range b.Platforms {
		r.Platforms = append(r.Platforms, p.ID)
		if p.OwnerID != "" {
			r.Companies = append(r.Companies, p.OwnerID)
		}
	}
	for _, d := range b.Deals {
		r.Deals = append(r.Deals, d.ID)
		for _, p := range d.Parties {
			r.Companies = append(r.Companies, p.CompanyID)
		}
		r.Platforms = append(r.Platforms, d.PlatformIDs...)
	}
	for _, a := range b.Articles {
		r.Articles = append(r.Articles, a.ID)
	}
	for _, e := range b.Evidence {
		r.Deals = append(r.Deals, e.DealID)
		r.Articles = append(r.Articles, e.ArticleID)
		r.Platforms = append(r.Platforms, e.PlatformIDs...)
		for _, p := range e.Parties {
			r.Companies = append(r.Companies, p.CompanyID)
		}
	}
	for _, o := range b.Ownerships {
		r.Companies = append(r.Companies, o.ParentID, o.ChildID)
	}
	for _, m := range b.Mentions {
		r.Articles = append(r.Articles, m.ArticleID)
		if m.Kind == pg.MentionPlatform {
			r.Platforms = append(r.Platforms, m.EntityID)
		} else {
			r.Companies = append(r.Companies, m.EntityID)
		}
	}
	return r
}

// EvidenceKey identifies one piece of evidence: a deal and the article
// reporting it.
type EvidenceKey struct {
	DealID, ArticleID string
}

// Changes are what one write or curation does to a graph. In the record
// maps a non-nil value is the record to store under its key and a nil value
// deletes the record; in Mentions true adds the mention and false removes
// it. A key appears at most once, so a record is either put or deleted.
type Changes struct {
	Companies map[string]*pg.Company
	Platforms map[string]*pg.Platform
	Deals     map[string]*pg.Deal
	Articles  map[string]*pg.Article
	Evidence  map[EvidenceKey]*pg.Evidence
	Mentions  map[pg.Mention]bool
}

// NewChanges returns empty Changes ready to be filled.
func NewChanges() Changes {
	return Changes{
		Companies: map[string]*pg.Company{},
		Platforms: map[string]*pg.Platform{},
		Deals:     map[string]*pg.Deal{},
		Articles:  map[string]*pg.Article{},
		Evidence:  map[EvidenceKey]*pg.Evidence{},
		Mentions:  map[pg.Mention]bool{},
	}
}
