package storekit

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Key is the position of an item in a sorted list: items are ordered by N,
// then S, then ID, all ascending; descending orders negate N. An opaque
// cursor holds the Key of the item it points at, so every store must put
// the same values in it.
type Key struct {
	N  int    `json:"n,omitempty"`
	S  string `json:"s,omitempty"`
	ID string `json:"id"`
}

// Compare returns -1, 0 or +1 as k sorts before, with or after other.
func (k Key) Compare(other Key) int {
	return cmp.Or(cmp.Compare(k.N, other.N), cmp.Compare(k.S, other.S), cmp.Compare(k.ID, other.ID))
}

// UnknownYear is the N of a deal of unknown year in both year orders; it
// sorts such deals after all others.
const UnknownYear = math.MaxInt32

// DealKey returns the key of deal d, reported by sources articles, in the
// order sort (an empty sort is [pg.DealsByYearDesc]).
func DealKey(sort pg.DealSort, d pg.Deal, sources int) Key {
	switch sort {
	case pg.DealsByYearAsc:
		if d.Year == 0 {
			return Key{N: UnknownYear, ID: d.ID}
		}
		return Key{N: d.Year, ID: d.ID}
	case pg.DealsBySourcesDesc:
		return Key{N: -sources, ID: d.ID}
	default: // pg.DealsByYearDesc
		if d.Year == 0 {
			return Key{N: UnknownYear, ID: d.ID}
		}
		return Key{N: -d.Year, ID: d.ID}
	}
}

// CompanyKey returns the key of company c, party to deals deals, in the
// order sort (an empty sort is [pg.CompaniesByName]).
func CompanyKey(sort pg.CompanySort, c pg.Company, deals int) Key {
	if sort == pg.CompaniesByDealsDesc {
		return Key{N: -deals, ID: c.ID}
	}
	return Key{S: strings.ToLower(c.Name), ID: c.ID}
}

// PlatformKey returns the key of platform p in the only platform order,
// by name ignoring case.
func PlatformKey(p pg.Platform) Key {
	return Key{S: strings.ToLower(p.Name), ID: p.ID}
}

// PlatformOrder names the only platform order in cursors.
const PlatformOrder = "name"

// ArticleOrder names the only article order in cursors: newest first.
const ArticleOrder = "published_desc"

// ArticleKey returns the key of article a in the article order: N is minus
// its date as the number YYYYMMDD, or [UnknownYear] when it has no valid
// YYYY-MM-DD date, which sorts it after every dated article.
func ArticleKey(a pg.Article) Key {
	if d := ArticleDate(a.Published); d != 0 {
		return Key{N: -d, ID: a.ID}
	}
	return Key{N: UnknownYear, ID: a.ID}
}

// ArticleDate returns the date published (YYYY-MM-DD) as the number
// YYYYMMDD, or 0 when it is not such a date.
func ArticleDate(published string) int {
	if len(published) != 10 || published[4] != '-' || published[7] != '-' {
		return 0
	}
	n := 0
	for i, r := range published {
		if i == 4 || i == 7 {
			continue
		}
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// ArticleMatches reports whether article a passes the parts of f that
// concern the article alone: Text and the year range (the caller checks
// CompanyID and PlatformID against its mentions).
func ArticleMatches(a pg.Article, f pg.ArticleFilter) bool {
	year := ArticleDate(a.Published) / 10000
	if f.YearFrom != 0 && (year == 0 || year < f.YearFrom) || f.YearTo != 0 && (year == 0 || year > f.YearTo) {
		return false
	}
	if f.Text == "" {
		return true
	}
	text := strings.ToLower(f.Text)
	return strings.Contains(strings.ToLower(a.Title), text) || strings.Contains(strings.ToLower(a.Publisher), text) ||
		strings.Contains(strings.ToLower(a.URL), text)
}

// cursor is what an opaque cursor encodes: the order it belongs to and the
// key of the item it points at.
type cursor struct {
	Order string `json:"o"`
	Key   Key    `json:"k"`
}

// EncodeCursor returns the opaque cursor of the item at k in the order
// named order.
func EncodeCursor(order string, k Key) string {
	buf, _ := json.Marshal(cursor{Order: order, Key: k}) // cannot fail
	return base64.RawURLEncoding.EncodeToString(buf)
}

// DecodeCursor returns the key encoded in the cursor after, or nil for the
// first page (an empty after). A cursor that is malformed or belongs to
// another order returns an error wrapping ErrInvalid.
func DecodeCursor(order, after string) (*Key, error) {
	if after == "" {
		return nil, nil
	}
	buf, err := base64.RawURLEncoding.DecodeString(after)
	var c cursor
	if err == nil {
		err = json.Unmarshal(buf, &c)
	}
	if err != nil || c.Order != order || c.Key.ID == "" {
		return nil, fmt.Errorf("bad cursor %q for order %s: %w", after, order, pg.ErrInvalid)
	}
	return &c.Key, nil
}

var (
	dealSorts    = []pg.DealSort{pg.DealsByYearDesc, pg.DealsByYearAsc, pg.DealsBySourcesDesc}
	companySorts = []pg.CompanySort{pg.CompaniesByName, pg.CompaniesByDealsDesc}
)

// ParseDealQuery checks q and returns its effective order and the key to
// resume after (nil for the first page). An unknown sort or a bad cursor
// returns an error wrapping ErrInvalid.
func ParseDealQuery(q pg.DealQuery) (pg.DealSort, *Key, error) {
	order := cmp.Or(q.Sort, pg.DealsByYearDesc)
	if !slices.Contains(dealSorts, order) {
		return "", nil, fmt.Errorf("deals: unknown sort %q: %w", q.Sort, pg.ErrInvalid)
	}
	after, err := DecodeCursor(string(order), q.After)
	return order, after, err
}

// ParseCompanyQuery is ParseDealQuery for companies.
func ParseCompanyQuery(q pg.CompanyQuery) (pg.CompanySort, *Key, error) {
	order := cmp.Or(q.Sort, pg.CompaniesByName)
	if !slices.Contains(companySorts, order) {
		return "", nil, fmt.Errorf("companies: unknown sort %q: %w", q.Sort, pg.ErrInvalid)
	}
	after, err := DecodeCursor(string(order), q.After)
	return order, after, err
}

// ParseArticleQuery returns the key to resume after in q (nil for the
// first page); articles have one order, [ArticleOrder]. A bad cursor
// returns an error wrapping ErrInvalid.
func ParseArticleQuery(q pg.ArticleQuery) (*Key, error) {
	return DecodeCursor(ArticleOrder, q.After)
}

// ParsePlatformQuery returns the key to resume after in q (nil for the
// first page); platforms have one order, [PlatformOrder]. A bad cursor
// returns an error wrapping ErrInvalid.
func ParsePlatformQuery(q pg.PlatformQuery) (*Key, error) {
	return DecodeCursor(PlatformOrder, q.After)
}
