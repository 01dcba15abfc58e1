package memstore

import (
	"hash/maphash"
	"slices"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// TestKeyIndexChecksKeys puts a company under the hash of a key it does
// not have, as a collision of two keys' hashes would: CompaniesByKey must
// not return it for that key, and must still return it for its own.
func TestKeyIndexChecksKeys(t *testing.T) {
	st := newState()
	acme := pg.Company{ID: "acme", Name: "Acme Robotics"}
	other := pg.Company{ID: "other", Name: "Other Robotics"}
	st.apply(&delta{Changes: changesWith(acme, other)})
	foreign := "k:" + pg.CompanyKey("Zenith Motors")
	st.keys.add(maphash.String(st.keys.seed, foreign), st.ids.intern(acme.ID))
	if got := st.CompaniesByKey([]string{foreign}); len(got) != 0 {
		t.Fatalf("CompaniesByKey(%q) = %v, want none", foreign, got)
	}
	own := "k:" + pg.CompanyKey(acme.Name)
	if got := st.CompaniesByKey([]string{foreign, own}); !slices.Equal(got, []string{"acme"}) {
		t.Fatalf("CompaniesByKey(%q, %q) = %v, want [acme]", foreign, own, got)
	}
	// Two companies under one hash are a set; taking one away leaves
	// the other as the hash's only company.
	h := maphash.String(st.keys.seed, own)
	st.keys.add(h, st.ids.intern(other.ID))
	if got := st.ids.strings(st.keys.many[h]); !slices.Equal(got, []string{"acme", "other"}) {
		t.Fatalf("hash of two companies holds %v", got)
	}
	st.keys.remove(h, st.ids.intern(acme.ID))
	if _, many := st.keys.many[h]; many || st.ids.str(st.keys.one[h]) != "other" {
		t.Fatalf("after a removal: one %q, many %v", st.ids.str(st.keys.one[h]), st.keys.many[h])
	}
}

// changesWith returns the changes that store companies cs.
func changesWith(cs ...pg.Company) storekit.Changes {
	d := newDelta()
	for i := range cs {
		d.Companies[cs[i].ID] = &cs[i]
	}
	return d.Changes
}
