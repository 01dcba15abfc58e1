package partnergraph

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
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

// MarshalGQL writes k as a GraphQL enum value, e.g. ON_PLATFORM.
func (k LinkKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(k)) }

// UnmarshalGQL reads a GraphQL enum value into k.
func (k *LinkKind) UnmarshalGQL(v any) (err error) {
	*k, err = unmarshalEnum(v, "LinkKind", []LinkKind{LinkOnPlatform, LinkOwnedBy})
	return err
}

// Decimal is a number the API writes in plain decimal notation (GraphQL
// scalar Decimal): 8450000000 rather than 8.45e+09.
type Decimal float64

// MarshalGQL writes d as a JSON number without an exponent.
func (d Decimal) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.FormatFloat(float64(d), 'f', -1, 64))
}

// UnmarshalGQL reads a JSON number, or a string holding one, into d.
func (d *Decimal) UnmarshalGQL(v any) error {
	var f float64
	var err error
	switch x := v.(type) {
	case json.Number:
		f, err = x.Float64()
	case string:
		f, err = strconv.ParseFloat(x, 64)
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case float64:
		f = x
	default:
		err = fmt.Errorf("%T is not a number", v)
	}
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return fmt.Errorf("%w: Decimal must be a finite number: %v", ErrInvalid, v)
	}
	*d = Decimal(f)
	return nil
}

// RoundTo returns v rounded to places decimal places, which removes the
// noise of binary floating point (0.8500000000000001 is 0.85 to 2 places).
func RoundTo(v float64, places int) float64 {
	p := math.Pow10(places)
	r := math.Round(v*p) / p
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return v
	}
	return r
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

// DecimalValue returns the deal's stated value to the cent, or nil.
func (d Deal) DecimalValue() *Decimal {
	if d.Value == nil {
		return nil
	}
	v := Decimal(RoundTo(*d.Value, 2))
	return &v
}

// RoundedConfidence returns the deal's confidence to 2 decimal places.
func (d Deal) RoundedConfidence() float64 { return RoundTo(d.Confidence, 2) }

// RoundedConfidence returns the report's confidence to 2 decimal places.
func (e Evidence) RoundedConfidence() float64 { return RoundTo(e.Confidence, 2) }

// DecimalValue returns the amount the report states, to the cent, or nil.
func (e Evidence) DecimalValue() *Decimal {
	if e.Value == nil {
		return nil
	}
	v := Decimal(RoundTo(*e.Value, 2))
	return &v
}

// CompanyOrNil returns the node's company, or nil for a platform node.
func (n GraphNode) CompanyOrNil() *Company {
	if n.Kind != NodeCompany {
		return nil
	}
	return &n.Company
}

// PlatformOrNil returns the node's platform, or nil for a company node.
func (n GraphNode) PlatformOrNil() *Platform {
	if n.Kind != NodePlatform {
		return nil
	}
	return &n.Platform
}

// DealOrNil returns the link's deal, or nil for an ownership link.
func (l GraphLink) DealOrNil() *Deal {
	if l.Kind != LinkOnPlatform {
		return nil
	}
	return &l.Deal
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
