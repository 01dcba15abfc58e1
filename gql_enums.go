package partnergraph

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The GraphQL API spells enum values in upper case (PARTNERSHIP,
// AGREED_IN_PRINCIPLE); the domain and the label format use lower case. The
// MarshalGQL and UnmarshalGQL methods below convert between the two for
// gqlgen without the root package importing it. Unmarshalling ignores case,
// so "partnership" is accepted too; an unknown value is an error wrapping
// ErrInvalid.

func marshalEnum(w io.Writer, v string) {
	_, _ = io.WriteString(w, strconv.Quote(strings.ToUpper(v)))
}

func unmarshalEnum[T ~string](v any, name string, valid []T) (T, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%w: %s must be a string, got %T", ErrInvalid, name, v)
	}
	t := T(strings.ToLower(s))
	if !slices.Contains(valid, t) {
		return "", fmt.Errorf("%w: %q is not a %s", ErrInvalid, s, name)
	}
	return t, nil
}

// MarshalGQL writes t as a GraphQL enum value, e.g. JOINT_VENTURE.
func (t DealType) MarshalGQL(w io.Writer) { marshalEnum(w, string(t)) }

// UnmarshalGQL reads a GraphQL enum value into t.
func (t *DealType) UnmarshalGQL(v any) (err error) {
	*t, err = unmarshalEnum(v, "DealType", DealTypes)
	return err
}

// MarshalGQL writes s as a GraphQL enum value, e.g. AGREED_IN_PRINCIPLE.
func (s DealStatus) MarshalGQL(w io.Writer) { marshalEnum(w, string(s)) }

// UnmarshalGQL reads a GraphQL enum value into s.
func (s *DealStatus) UnmarshalGQL(v any) (err error) {
	*s, err = unmarshalEnum(v, "DealStatus", DealStatuses)
	return err
}

// Roles lists every Role in a stable order.
var Roles = []Role{RolePartner, RoleBuyer, RoleTarget, RoleInvestor, RoleInvestee, RoleLicensor, RoleLicensee, RoleSupplier, RoleCustomer}

// MarshalGQL writes r as a GraphQL enum value, e.g. BUYER.
func (r Role) MarshalGQL(w io.Writer) { marshalEnum(w, string(r)) }

// UnmarshalGQL reads a GraphQL enum value into r.
func (r *Role) UnmarshalGQL(v any) (err error) {
	*r, err = unmarshalEnum(v, "Role", Roles)
	return err
}

// MarshalGQL writes s as a GraphQL enum value, e.g. YEAR_DESC.
func (s DealSort) MarshalGQL(w io.Writer) { marshalEnum(w, string(s)) }

// UnmarshalGQL reads a GraphQL enum value into s.
func (s *DealSort) UnmarshalGQL(v any) (err error) {
	*s, err = unmarshalEnum(v, "DealSort", []DealSort{DealsByYearDesc, DealsByYearAsc, DealsBySourcesDesc})
	return err
}

// MarshalGQL writes s as a GraphQL enum value, e.g. DEALS_DESC.
func (s CompanySort) MarshalGQL(w io.Writer) { marshalEnum(w, string(s)) }

// UnmarshalGQL reads a GraphQL enum value into s.
func (s *CompanySort) UnmarshalGQL(v any) (err error) {
	*s, err = unmarshalEnum(v, "CompanySort", []CompanySort{CompaniesByName, CompaniesByDealsDesc})
	return err
}

// MarshalGQL writes k as a GraphQL enum value, e.g. COMPANY.
func (k SearchKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(k)) }

// UnmarshalGQL reads a GraphQL enum value into k.
func (k *SearchKind) UnmarshalGQL(v any) (err error) {
	*k, err = unmarshalEnum(v, "SearchKind", []SearchKind{SearchCompany, SearchPlatform, SearchDeal})
	return err
}

// MarshalGQL writes k as a GraphQL enum value, e.g. REJECT_DEAL.
func (k CurationKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(k)) }

// UnmarshalGQL reads a GraphQL enum value into k.
func (k *CurationKind) UnmarshalGQL(v any) (err error) {
	*k, err = unmarshalEnum(v, "CurationKind", []CurationKind{CurateAddAlias, CurateMerge, CurateSplit, CurateRejectDeal, CurateDeleteArticle})
	return err
}

// The methods below give GraphQL the nullable form of attributes whose zero
// value means unknown, so that gqlgen can resolve them inline instead of
// through a resolver goroutine per object.

// LinkReasons lists every LinkReason, strongest first.
var LinkReasons = []LinkReason{LinkRename, LinkCuration, LinkLegalForm, LinkShortForm, LinkAlias}

// MarshalGQL writes r as a GraphQL enum value, e.g. SHORT_FORM.
func (r LinkReason) MarshalGQL(w io.Writer) { marshalEnum(w, string(r)) }

// UnmarshalGQL reads a GraphQL enum value into r.
func (r *LinkReason) UnmarshalGQL(v any) (err error) {
	*r, err = unmarshalEnum(v, "LinkReason", LinkReasons)
	return err
}

// YearOrNil returns the deal's year, or nil when it is unknown.
func (d Deal) YearOrNil() *int { return nonZero(d.Year) }

// CurrencyOrNil returns the deal's currency, or nil when none is stated.
func (d Deal) CurrencyOrNil() *string {
	if d.Currency == "" {
		return nil
	}
	return &d.Currency
}

// YearOrNil returns the year the evidence gives, or nil.
func (e Evidence) YearOrNil() *int { return nonZero(e.Year) }

// YearOrNil returns the edge's deal year, or nil.
func (e GraphEdge) YearOrNil() *int { return nonZero(e.Year) }

// YearOrNil returns the entry's year, or nil.
func (e TimelineEntry) YearOrNil() *int { return nonZero(e.Year) }

func nonZero(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}
