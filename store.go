package partnergraph

import "context"

// Store is where the graph lives. memstore (embedded, the default) and
// neo4jstore implement it, and both pass the contract suite in storetest, so
// every answer below is the same whichever store is used.
//
// Reads that take a list of IDs return a map holding only the IDs that exist
// (dataloaders rely on this); single reads return ErrNotFound. Slices in
// results are in a deterministic order, documented per method.
type Store interface {
	Writer
	Reader
	Curator
	// Close releases the store's resources.
	Close() error
}

// Writer writes extracted facts.
type Writer interface {
	// Write upserts every fact of b in one atomic step: either all of it is
	// stored or none. Curations recorded earlier are applied to b first (see
	// [ApplyCurations]). Companies are then resolved across the whole
	// graph: a batch company joins every stored one that the identity rules
	// say it is (same name in another legal form, short form, an alias an
	// article states, a former name), unless one owns the other or an
	// analyst split them, and the joined companies become one under the ID
	// of the best name ([CompareNames]). Platforms are merged by ID. Deals
	// are resolved across articles and time: the evidence of the same
	// parties is clustered with [ResolveDeals], and a deal's attributes are
	// aggregated with [Aggregate] over its evidence; evidence is keyed by
	// (deal, article), mentions by (article, entity). Completed acquisitions
	// and ownership statements set the owned company's Parent. The result
	// depends only on the facts written, not on their order or batching,
	// and writing the same batch twice leaves the store unchanged.
	// A batch that breaks an invariant (evidence for a deal not in the batch
	// or store, an empty ID) returns an error wrapping ErrInvalid and writes
	// nothing.
	Write(ctx context.Context, b Batch) error
}

// Reader answers queries.
type Reader interface {
	// Company returns the company with the given ID, or ErrNotFound.
	Company(ctx context.Context, id string) (Company, error)
	// CompanyByName returns the company whose name or one of whose aliases
	// equals name, ignoring case, or ErrNotFound. An exact name match wins
	// over an alias match; ties go to the smallest ID.
	CompanyByName(ctx context.Context, name string) (Company, error)
	// CompaniesByID returns the companies that exist among ids.
	CompaniesByID(ctx context.Context, ids []string) (map[string]Company, error)
	// Subsidiaries returns, for each company ID, the IDs of the companies
	// whose Parent it is, in ascending order; companies owning none are
	// absent.
	Subsidiaries(ctx context.Context, companyIDs []string) (map[string][]string, error)
	// Companies returns one page of companies matching q.
	Companies(ctx context.Context, q CompanyQuery) (Page[Company], error)
	// CountCompanies counts the companies matching f without loading them.
	CountCompanies(ctx context.Context, f CompanyFilter) (int, error)

	// Platform returns the platform with the given ID, or ErrNotFound.
	Platform(ctx context.Context, id string) (Platform, error)
	// PlatformByName is CompanyByName for platforms.
	PlatformByName(ctx context.Context, name string) (Platform, error)
	// PlatformsByID returns the platforms that exist among ids.
	PlatformsByID(ctx context.Context, ids []string) (map[string]Platform, error)
	// PlatformsByOwner returns, for each company ID, the platforms it owns
	// ordered by ID; companies owning none are absent.
	PlatformsByOwner(ctx context.Context, companyIDs []string) (map[string][]Platform, error)
	// Platforms returns one page of platforms ordered by name, then ID.
	Platforms(ctx context.Context, q PlatformQuery) (Page[Platform], error)
	// CountPlatforms counts the platforms matching f without loading them.
	CountPlatforms(ctx context.Context, f PlatformFilter) (int, error)

	// Deal returns the deal with the given ID, or ErrNotFound.
	Deal(ctx context.Context, id string) (Deal, error)
	// DealsByID returns the deals that exist among ids.
	DealsByID(ctx context.Context, ids []string) (map[string]Deal, error)
	// Deals returns one page of deals matching q.
	Deals(ctx context.Context, q DealQuery) (Page[Deal], error)
	// CountDeals counts the deals matching f without loading them.
	CountDeals(ctx context.Context, f DealFilter) (int, error)
	// DealIDsByCompany returns, for each company ID, the IDs of its deals in
	// ascending ID order; companies with no deals are absent.
	DealIDsByCompany(ctx context.Context, companyIDs []string) (map[string][]string, error)
	// DealIDsByPlatform is DealIDsByCompany for platforms.
	DealIDsByPlatform(ctx context.Context, platformIDs []string) (map[string][]string, error)
	// DealIDsByArticle returns, for each article ID, the deals it reports.
	DealIDsByArticle(ctx context.Context, articleIDs []string) (map[string][]string, error)
	// EvidenceByDeal returns, for each deal ID, its evidence ordered by
	// article publication date, then article ID.
	EvidenceByDeal(ctx context.Context, dealIDs []string) (map[string][]Evidence, error)

	// Article returns the article with the given ID, or ErrNotFound.
	Article(ctx context.Context, id string) (Article, error)
	// ArticlesByID returns the articles that exist among ids.
	ArticlesByID(ctx context.Context, ids []string) (map[string]Article, error)
	// Articles returns one page of articles matching q, newest first
	// (articles without a date last), ties by ID.
	Articles(ctx context.Context, q ArticleQuery) (Page[Article], error)
	// CountArticles counts the articles matching f without loading them.
	CountArticles(ctx context.Context, f ArticleFilter) (int, error)

	// Search ranks companies, platforms and deals against text (see
	// [SearchScore]) and returns at most limit hits, best first; ties are
	// broken by kind (company, platform, deal), then ID.
	Search(ctx context.Context, text string, limit int) ([]SearchHit, error)
	// Stats aggregates the deals matching f.
	Stats(ctx context.Context, f DealFilter) (Stats, error)
	// Counts returns how many nodes and relationships of each kind the store
	// holds.
	Counts(ctx context.Context) (Counts, error)
}

// Curator records analysts' corrections. Each correction is stored as such
// and is re-applied to later writes, so reloading articles does not undo it.
type Curator interface {
	// Curate applies c now and records it for later writes. Unknown IDs
	// return ErrNotFound; a self-merge returns ErrConflict.
	Curate(ctx context.Context, c Curation) error
	// Curations returns every recorded curation in the order applied.
	Curations(ctx context.Context) ([]Curation, error)
}

// CurationKind names a curation action.
type CurationKind string

// The curation actions.
const (
	// CurateAddAlias adds Alias to company CompanyID.
	CurateAddAlias CurationKind = "add_alias"
	// CurateMerge merges company DropID into KeepID: DropID's name becomes
	// an alias of KeepID and its deals move to KeepID.
	CurateMerge CurationKind = "merge"
	// CurateSplit moves the alias Alias of CompanyID out into a company of
	// its own; later mentions under that spelling go to the new company.
	CurateSplit CurationKind = "split"
	// CurateRejectDeal removes deal DealID and keeps it out of later writes.
	CurateRejectDeal CurationKind = "reject_deal"
	// CurateDeleteArticle removes article ArticleID, its evidence and
	// mentions, and every deal no other article supports.
	CurateDeleteArticle CurationKind = "delete_article"
)

// Curation is one analyst correction.
type Curation struct {
	Kind      CurationKind
	CompanyID string
	Alias     string
	KeepID    string
	DropID    string
	DealID    string
	ArticleID string
	Reason    string
}

// Page is one page of a keyset-paginated list.
type Page[T any] struct {
	// Items are the results in order.
	Items []T
	// Cursors[i] is the opaque cursor of Items[i]; passing it as After
	// resumes right after that item even when data was added meanwhile.
	Cursors []string
	// HasNextPage reports whether more items follow the last one.
	HasNextPage bool
}

// Default and maximum page sizes for every list.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// PageArgs selects a page: at most First items after the cursor After.
// First <= 0 means DefaultPageSize; stores cap it at MaxPageSize.
type PageArgs struct {
	First int
	After string
}

// Size returns the effective page size of p.
func (p PageArgs) Size() int {
	switch {
	case p.First <= 0:
		return DefaultPageSize
	case p.First > MaxPageSize:
		return MaxPageSize
	}
	return p.First
}

// DealFilter selects deals; zero fields do not filter.
type DealFilter struct {
	// Types keeps deals of any of these types.
	Types []DealType
	// Statuses keeps deals with any of these statuses.
	Statuses []DealStatus
	// CompanyID keeps deals the company is a party to.
	CompanyID string
	// PlatformID keeps deals on the platform.
	PlatformID string
	// YearFrom and YearTo keep deals whose year lies in the closed range;
	// a deal with an unknown year is dropped by either bound.
	YearFrom, YearTo int
	// Text keeps deals whose summary contains it, ignoring case.
	Text string
	// ArticleID keeps deals the article reports.
	ArticleID string
}

// DealSort orders deals.
type DealSort string

// The deal orders. Every order ends with ID ascending as tie-break.
const (
	// DealsByYearDesc puts the newest first; unknown years last.
	DealsByYearDesc DealSort = "year_desc"
	// DealsByYearAsc puts the oldest first; unknown years last.
	DealsByYearAsc DealSort = "year_asc"
	// DealsBySourcesDesc puts the deals with most evidence first.
	DealsBySourcesDesc DealSort = "sources_desc"
)

// DealQuery is a filtered, sorted page request for deals. An empty Sort is
// DealsByYearDesc.
type DealQuery struct {
	Filter DealFilter
	Sort   DealSort
	PageArgs
}

// CompanyFilter selects companies; zero fields do not filter.
type CompanyFilter struct {
	// NamePrefix keeps companies whose name or an alias starts with it,
	// ignoring case.
	NamePrefix string
	// PlatformID keeps companies party to a deal on the platform.
	PlatformID string
	// MinDeals keeps companies party to at least this many deals.
	MinDeals int
}

// CompanySort orders companies.
type CompanySort string

// The company orders. Every order ends with ID ascending as tie-break.
const (
	// CompaniesByName orders by name, ignoring case.
	CompaniesByName CompanySort = "name"
	// CompaniesByDealsDesc puts the companies with most deals first.
	CompaniesByDealsDesc CompanySort = "deals_desc"
)

// CompanyQuery is a filtered, sorted page request for companies. An empty
// Sort is CompaniesByName.
type CompanyQuery struct {
	Filter CompanyFilter
	Sort   CompanySort
	PageArgs
}

// PlatformFilter selects platforms; zero fields do not filter.
type PlatformFilter struct {
	// Kind keeps platforms of this kind.
	Kind PlatformKind
	// OwnerID keeps platforms owned by this company.
	OwnerID string
}

// PlatformQuery is a filtered page request for platforms.
type PlatformQuery struct {
	Filter PlatformFilter
	PageArgs
}

// ArticleFilter selects articles; zero fields do not filter.
type ArticleFilter struct {
	// Text keeps articles whose title, publisher or URL contains it,
	// ignoring case.
	Text string
	// CompanyID keeps articles that mention the company.
	CompanyID string
	// PlatformID keeps articles that mention the platform.
	PlatformID string
	// YearFrom and YearTo keep articles published in the closed range of
	// years; an article without a date is dropped by either bound.
	YearFrom, YearTo int
}

// ArticleQuery is a filtered page request for articles, which have one
// order: newest first, articles without a date last, ties by ID.
type ArticleQuery struct {
	Filter ArticleFilter
	PageArgs
}

// SearchKind says what a search hit is.
type SearchKind string

// The kinds of search hit, in tie-break order.
const (
	SearchCompany  SearchKind = "company"
	SearchPlatform SearchKind = "platform"
	SearchDeal     SearchKind = "deal"
)

// SearchHit is one search result.
type SearchHit struct {
	Kind  SearchKind
	ID    string
	Name  string
	Score float64
}

// Count is a labelled number, used in Stats.
type Count struct {
	Key   string
	Count int
}

// YearCount is the number of deals in one year, used in Stats.
type YearCount struct {
	Year  int
	Count int
}

// Stats aggregates a set of deals.
type Stats struct {
	// DealsByYear counts deals per known year, ascending by year.
	DealsByYear []YearCount
	// DealsByType counts deals per type, descending by count, then key.
	DealsByType []Count
	// DealsByPlatform counts deals per platform ID, descending by count,
	// then key; deals on no platform are not counted.
	DealsByPlatform []Count
	// TopPartners counts deals per company ID, descending by count, then
	// key, at most 20.
	TopPartners []Count
}

// Counts is how many nodes and relationships a store holds.
type Counts struct {
	Companies, Platforms, Deals, Articles int
	// Parties counts PARTY_TO relationships, DealPlatforms ON_PLATFORM,
	// Owners OWNED_BY, Evidence REPORTS, Mentions MENTIONS and Ownerships
	// OWNS (companies with a parent).
	Parties, DealPlatforms, Owners, Evidence, Mentions, Ownerships int
}

// Nodes is the total number of nodes.
func (c Counts) Nodes() int { return c.Companies + c.Platforms + c.Deals + c.Articles }

// Relationships is the total number of relationships.
func (c Counts) Relationships() int {
	return c.Parties + c.DealPlatforms + c.Owners + c.Evidence + c.Mentions + c.Ownerships
}
