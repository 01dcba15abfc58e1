package storekit_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// checkEqual fails t when got is not want.
func checkEqual[T any](t testing.TB, what string, want, got T) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// TestCursorRoundTrip checks that a cursor gives back its key in its own
// order and is refused in any other.
func TestCursorRoundTrip(t *testing.T) {
	keys := []storekit.Key{
		{ID: "sega"},
		{N: -12, ID: "d:1"},
		{N: storekit.UnknownYear, ID: "d:2"},
		{S: "sega \"games\" ∑", ID: "x/y"},
	}
	for _, k := range keys {
		c := storekit.EncodeCursor("year_desc", k)
		got, err := storekit.DecodeCursor("year_desc", c)
		if err != nil {
			t.Fatalf("DecodeCursor(%q): %v", c, err)
		}
		checkEqual(t, "key", k, *got)
		if _, err := storekit.DecodeCursor("year_asc", c); !errors.Is(err, pg.ErrInvalid) {
			t.Errorf("a year_desc cursor in year_asc: %v, want ErrInvalid", err)
		}
	}
}

// TestDecodeCursor checks the first page and malformed cursors.
func TestDecodeCursor(t *testing.T) {
	tests := []struct {
		name, after string
		wantNil     bool
	}{
		{"first page", "", true},
		{"not base64", "!!!", false},
		{"not JSON", "bm90IGpzb24", false},
		{"no ID", storekit.EncodeCursor("name", storekit.Key{S: "sega"}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := storekit.DecodeCursor("name", tt.after)
			switch {
			case tt.wantNil && (k != nil || err != nil):
				t.Errorf("DecodeCursor(%q) = %v, %v; want nil, nil", tt.after, k, err)
			case !tt.wantNil && !errors.Is(err, pg.ErrInvalid):
				t.Errorf("DecodeCursor(%q) = %v, %v; want ErrInvalid", tt.after, k, err)
			}
		})
	}
}

// TestParseQueries checks the default orders, unknown sorts and cursors of
// another order.
func TestParseQueries(t *testing.T) {
	byYear := storekit.EncodeCursor(string(pg.DealsByYearAsc), storekit.Key{N: 2020, ID: "d:1"})
	order, after, err := storekit.ParseDealQuery(pg.DealQuery{})
	if order != pg.DealsByYearDesc || after != nil || err != nil {
		t.Errorf("ParseDealQuery(zero) = %q, %v, %v; want year_desc, nil, nil", order, after, err)
	}
	order, after, err = storekit.ParseDealQuery(pg.DealQuery{Sort: pg.DealsByYearAsc, PageArgs: pg.PageArgs{After: byYear}})
	if order != pg.DealsByYearAsc || after == nil || after.N != 2020 || err != nil {
		t.Errorf("ParseDealQuery(year_asc) = %q, %v, %v; want year_asc at 2020", order, after, err)
	}
	if _, _, err := storekit.ParseDealQuery(pg.DealQuery{Sort: "random"}); !errors.Is(err, pg.ErrInvalid) {
		t.Errorf("ParseDealQuery(random): %v, want ErrInvalid", err)
	}
	if _, _, err := storekit.ParseDealQuery(pg.DealQuery{PageArgs: pg.PageArgs{After: byYear}}); !errors.Is(err, pg.ErrInvalid) {
		t.Errorf("ParseDealQuery with a year_asc cursor in year_desc: %v, want ErrInvalid", err)
	}
	corder, _, err := storekit.ParseCompanyQuery(pg.CompanyQuery{})
	if corder != pg.CompaniesByName || err != nil {
		t.Errorf("ParseCompanyQuery(zero) = %q, %v; want name", corder, err)
	}
	if _, _, err := storekit.ParseCompanyQuery(pg.CompanyQuery{Sort: "size"}); !errors.Is(err, pg.ErrInvalid) {
		t.Errorf("ParseCompanyQuery(size): %v, want ErrInvalid", err)
	}
	if _, err := storekit.ParsePlatformQuery(pg.PlatformQuery{PageArgs: pg.PageArgs{After: byYear}}); !errors.Is(err, pg.ErrInvalid) {
		t.Errorf("ParsePlatformQuery with a deal cursor: %v, want ErrInvalid", err)
	}
}

// TestDealKeyOrders sorts deals by their keys in every order and checks
// the documented orders, unknown years last in both year orders.
func TestDealKeyOrders(t *testing.T) {
	deals := []struct {
		deal    pg.Deal
		sources int
	}{
		{pg.Deal{ID: "d:a", Year: 2020}, 1},
		{pg.Deal{ID: "d:b"}, 3},
		{pg.Deal{ID: "d:c", Year: 2022}, 2},
		{pg.Deal{ID: "d:d", Year: 2020}, 3},
	}
	tests := []struct {
		sort pg.DealSort
		want []string
	}{
		{pg.DealsByYearDesc, []string{"d:c", "d:a", "d:d", "d:b"}},
		{"", []string{"d:c", "d:a", "d:d", "d:b"}},
		{pg.DealsByYearAsc, []string{"d:a", "d:d", "d:c", "d:b"}},
		{pg.DealsBySourcesDesc, []string{"d:b", "d:d", "d:c", "d:a"}},
	}
	for _, tt := range tests {
		var keys []storekit.Key
		for _, d := range deals {
			keys = append(keys, storekit.DealKey(tt.sort, d.deal, d.sources))
		}
		slices.SortFunc(keys, storekit.Key.Compare)
		var got []string
		for _, k := range keys {
			got = append(got, k.ID)
		}
		checkEqual(t, "order "+string(tt.sort), tt.want, got)
	}
}

// TestCompanyAndPlatformKeys checks that names sort ignoring case and deal
// counts descending.
func TestCompanyAndPlatformKeys(t *testing.T) {
	a := storekit.CompanyKey(pg.CompaniesByName, pg.Company{ID: "b", Name: "alpha"}, 1)
	b := storekit.CompanyKey(pg.CompaniesByName, pg.Company{ID: "a", Name: "Beta"}, 5)
	if a.Compare(b) >= 0 {
		t.Errorf("by name: %v does not sort before %v", a, b)
	}
	a = storekit.CompanyKey(pg.CompaniesByDealsDesc, pg.Company{ID: "b", Name: "alpha"}, 1)
	b = storekit.CompanyKey(pg.CompaniesByDealsDesc, pg.Company{ID: "a", Name: "Beta"}, 5)
	if b.Compare(a) >= 0 {
		t.Errorf("by deals: %v does not sort before %v", b, a)
	}
	p, q := storekit.PlatformKey(pg.Platform{ID: "p:2", Name: "azure"}), storekit.PlatformKey(pg.Platform{ID: "p:1", Name: "Xbox"})
	if p.Compare(q) >= 0 || q.Compare(p) <= 0 || p.Compare(p) != 0 {
		t.Errorf("platform keys %v and %v compare wrongly", p, q)
	}
}
