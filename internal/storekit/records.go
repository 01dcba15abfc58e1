package storekit

import (
	"cmp"
	"slices"

	pg "github.com/partnergraph/partnergraph"
)

// CloneDeal returns a deep copy of d, sharing no slice or pointer with it.
func CloneDeal(d pg.Deal) pg.Deal {
	d.Parties = slices.Clone(d.Parties)
	d.PlatformIDs = slices.Clone(d.PlatformIDs)
	if d.Value != nil {
		v := *d.Value
		d.Value = &v
	}
	return d
}

// CompareEvidence orders evidence by publication date, then article ID: the
// order in which [pg.Aggregate] reads it and [pg.Reader.EvidenceByDeal]
// returns it.
func CompareEvidence(a, b pg.Evidence) int {
	return cmp.Or(cmp.Compare(a.Published, b.Published), cmp.Compare(a.ArticleID, b.ArticleID))
}

// uniqParties drops repeated parties, keeping the first occurrence.
func uniqParties(ps []pg.Party) []pg.Party {
	out := make([]pg.Party, 0, len(ps))
	for _, p := range ps {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// sortedUniq returns the sorted distinct values of ids in a new slice.
func sortedUniq(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// SameCompany reports whether a and b are the same record.
func SameCompany(a, b pg.Company) bool {
	same := func(x, y *pg.Ownership) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return a.ID == b.ID && a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Links, b.Links) &&
		same(a.Parent, b.Parent) && same(a.Stated, b.Stated)
}
