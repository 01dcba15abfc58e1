package partnergraph

// Company is a business that takes part in deals: the set of names that
// evidence says are one company (see identity.go). Its ID is derived from
// its displayed name by [CompanyID] when the loader proposes it, so the same
// company loaded twice is one node.
type Company struct {
	// ID is the deterministic identifier, e.g. "microsoft".
	ID string
	// Name is the displayed name, e.g. "SEGA": the best by [CompareNames]
	// of the names articles give the company, former names aside.
	Name string
	// Aliases are the other spellings seen for the company, e.g. "Sega",
	// sorted by [SortNames].
	Aliases []string
	// Links say why aliases belong to the company. In a batch they are the
	// loader's evidence (aliases an article states, former names); stores
	// keep one per alias, as [LinkFor] gives it.
	Links []NameLink
	// Parent is the company that owns this one and the evidence for it,
	// or nil when none is known: the latest by [CompareOwnership] of
	// Stated and the completed acquisitions of the company.
	Parent *Ownership
	// Stated is the latest ownership of the company that an article
	// states ("X's unit Y"), or nil. In a batch it is a claim to merge.
	Stated *Ownership
}

// PlatformKind says what sort of technology platform a Platform is.
type PlatformKind string

// The platform kinds the loader assigns. Other values are allowed.
const (
	PlatformCloud   PlatformKind = "cloud"
	PlatformConsole PlatformKind = "console"
	PlatformStore   PlatformKind = "store"
	PlatformOS      PlatformKind = "os"
	PlatformOther   PlatformKind = "other"
)

// Platform is a named product or service that deals are built on or about,
// such as Azure (a cloud owned by Microsoft) or Xbox (a console).
type Platform struct {
	// ID is the deterministic identifier from [PlatformID], e.g. "p:azure".
	ID string
	// Name is the canonical name, e.g. "Azure".
	Name string
	// Kind is the sort of platform.
	Kind PlatformKind
	// OwnerID is the ID of the owning company, or "" when unknown.
	OwnerID string
	// Aliases are the other spellings seen, e.g. "Microsoft Azure".
	Aliases []string
}

// DealType is the kind of business relationship a Deal records.
type DealType string

// The deal types, spelled as in the label format of the corpus.
const (
	Partnership  DealType = "partnership"
	Acquisition  DealType = "acquisition"
	Merger       DealType = "merger"
	Investment   DealType = "investment"
	JointVenture DealType = "joint_venture"
	Licensing    DealType = "licensing"
	Supply       DealType = "supply"
)

// DealTypes lists every DealType in a stable order.
var DealTypes = []DealType{Partnership, Acquisition, Merger, Investment, JointVenture, Licensing, Supply}

// Valid reports whether t is one of [DealTypes].
func (t DealType) Valid() bool {
	for _, x := range DealTypes {
		if x == t {
			return true
		}
	}
	return false
}

// DealStatus is how far a deal has got.
type DealStatus string

// The deal statuses, spelled as in the label format of the corpus.
const (
	Announced         DealStatus = "announced"
	AgreedInPrinciple DealStatus = "agreed_in_principle"
	Proposed          DealStatus = "proposed"
	Completed         DealStatus = "completed"
	Terminated        DealStatus = "terminated"
	Blocked           DealStatus = "blocked"
	Rumored           DealStatus = "rumored"
)

// DealStatuses lists every DealStatus in a stable order.
var DealStatuses = []DealStatus{Announced, AgreedInPrinciple, Proposed, Completed, Terminated, Blocked, Rumored}

// Valid reports whether s is one of [DealStatuses].
func (s DealStatus) Valid() bool {
	for _, x := range DealStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Role is the part a company plays in a deal.
type Role string

// The roles a party can have.
const (
	RolePartner  Role = "partner"
	RoleBuyer    Role = "buyer"
	RoleTarget   Role = "target"
	RoleInvestor Role = "investor"
	RoleInvestee Role = "investee"
	RoleLicensor Role = "licensor"
	RoleLicensee Role = "licensee"
	RoleSupplier Role = "supplier"
	RoleCustomer Role = "customer"
)

// Party is one company's participation in a deal.
type Party struct {
	// CompanyID is the ID of the company.
	CompanyID string
	// Role is the company's role, e.g. buyer or partner.
	Role Role
}

// Deal is a business relationship between companies: a partnership,
// acquisition, merger, investment, joint venture, licence or supply contract.
// The reports of the same parties with a compatible type and time are one
// deal (see [ResolveDeals]) with one [Evidence] per reporting article; a
// deal repeated years later is another. Year, Status, PlatformIDs,
// Confidence and, when articles state it, Value are aggregated over the
// evidence by [Aggregate].
type Deal struct {
	// ID is the deterministic identifier from [DealID] (or [DealIDAt] for a
	// repeated deal), e.g. "d:1a2b…".
	ID string
	// Type is the kind of deal.
	Type DealType
	// Status is how far the deal has got.
	Status DealStatus
	// Year is the year the deal was made or announced, or 0 when unknown.
	Year int
	// Parties are the companies taking part, buyer or investor first.
	Parties []Party
	// PlatformIDs are the platforms the deal is built on or about.
	PlatformIDs []string
	// Value is the stated monetary value, or nil when none is stated.
	Value *float64
	// Currency is the ISO 4217 code of Value, e.g. "USD", or "".
	Currency string
	// Summary is a one-line description, e.g. "Microsoft and SEGA partnership on Azure".
	Summary string
	// Confidence is the extractor's belief that the deal is real, in [0, 1].
	Confidence float64
}

// Article is a news article that facts were extracted from.
type Article struct {
	// ID is the identifier given by the source (a JSONL id or a file name)
	// prefixed by "a:", see [ArticleID].
	ID string
	// URL is where the article was published, or "".
	URL string
	// Title is the headline.
	Title string
	// Publisher is the outlet, e.g. "Reuters".
	Publisher string
	// Published is the publication date as YYYY-MM-DD, or "" when unknown.
	Published string
}

// Evidence is one article's report of one deal: the sentence that states it,
// its character offsets in the article's cleaned text, and what that article
// claims about the deal. Stores aggregate the claims of all evidence of a
// deal into the Deal's attributes with [Aggregate].
type Evidence struct {
	// DealID is the deal the evidence supports.
	DealID string
	// ArticleID is the reporting article.
	ArticleID string
	// Sentence is the evidence sentence, verbatim from the cleaned text.
	Sentence string
	// Start and End are the rune offsets of Sentence in the cleaned text.
	Start, End int
	// Year is the year this article gives for the deal, or 0.
	Year int
	// Status is the status this article gives.
	Status DealStatus
	// PlatformIDs are the platforms this article ties to the deal.
	PlatformIDs []string
	// Confidence is the extractor's confidence for this report.
	Confidence float64
	// Published is the reporting article's publication date (YYYY-MM-DD or
	// ""), copied here so that aggregation needs no other lookup.
	Published string
	// Type and Parties are the deal as this article reports it: its type
	// and the parties with their roles. Empty means the deal's own; stores
	// fill them in, so stored evidence always has them.
	Type    DealType
	Parties []Party
	// Value and Currency are the amount this article states, or nil and "".
	Value    *float64
	Currency string
}

// MentionKind says what an article mentions.
type MentionKind string

// The kinds of thing an article can mention.
const (
	MentionCompany  MentionKind = "company"
	MentionPlatform MentionKind = "platform"
)

// Mention records that an article names a company or a platform.
type Mention struct {
	// ArticleID is the mentioning article.
	ArticleID string
	// Kind says whether EntityID is a company or a platform.
	Kind MentionKind
	// EntityID is the ID of the company or platform.
	EntityID string
}

// Batch is a set of facts written to a store in one atomic step, usually the
// extraction of one or more articles.
type Batch struct {
	Articles  []Article
	Companies []Company
	Platforms []Platform
	Deals     []Deal
	Evidence  []Evidence
	Mentions  []Mention
	// Ownerships are the articles' statements that one company owns
	// another (DealID empty).
	Ownerships []Ownership
}

// Empty reports whether the batch holds nothing.
func (b Batch) Empty() bool {
	return len(b.Articles)+len(b.Companies)+len(b.Platforms)+len(b.Deals)+len(b.Evidence)+len(b.Mentions)+len(b.Ownerships) == 0
}
