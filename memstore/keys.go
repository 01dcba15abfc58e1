package memstore

import (
	"hash/maphash"
	"slices"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// keyIndex finds the companies having a match key ([storekit.MatchKeys]).
// It holds each key as a 64-bit hash rather than as a string, and the
// companies of a hash that only one company has (almost all) as that
// company's ref rather than as a set: a fifth of the memory of a map of
// keys to sets, and no pointer in the map of single companies. A company is under a hash when any of its keys has it;
// lookups check the keys of the companies found, so two keys with one
// hash cannot make a company match a key it does not have.
type keyIndex struct {
	seed maphash.Seed
	// one maps a hash that one company has to its ID, and many a hash
	// that several have to their IDs in ascending order; no hash is in
	// both.
	one  map[uint64]ref
	many map[uint64]refs
	// t is the state's ID table.
	t *idTable
}

func newKeyIndex(t *idTable) keyIndex {
	return keyIndex{seed: maphash.MakeSeed(), one: map[uint64]ref{}, many: map[uint64]refs{}, t: t}
}

// hashes returns the distinct hashes of the match keys of c.
func (x *keyIndex) hashes(c *pg.Company) []uint64 {
	if c == nil {
		return nil
	}
	keys := storekit.MatchKeys(*c)
	hs := make([]uint64, len(keys))
	for i, k := range keys {
		hs[i] = maphash.String(x.seed, k)
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

// update replaces the entries of company old (nil if it was not stored)
// with those of company c (nil when it is deleted), both of the same ID.
func (x *keyIndex) update(old, c *pg.Company) {
	if old != nil && c != nil && old.Name == c.Name && slices.Equal(old.Aliases, c.Aliases) {
		return
	}
	before, after := x.hashes(old), x.hashes(c)
	for _, h := range before {
		if _, kept := slices.BinarySearch(after, h); !kept {
			x.remove(h, x.t.intern(old.ID))
		}
	}
	for _, h := range after {
		if _, had := slices.BinarySearch(before, h); !had {
			x.add(h, x.t.intern(c.ID))
		}
	}
}

func (x *keyIndex) add(h uint64, id ref) {
	if _, ok := x.many[h]; ok {
		insertRef(x.t, x.many, h, id)
		return
	}
	other, ok := x.one[h]
	switch {
	case !ok:
		x.one[h] = id
	case other != id:
		delete(x.one, h)
		if x.t.compare(id, other) > 0 {
			id, other = other, id
		}
		x.many[h] = refs{id, other}
	}
}

func (x *keyIndex) remove(h uint64, id ref) {
	if set, ok := x.many[h]; ok {
		i, found := set.search(x.t, x.t.str(id))
		if !found {
			return
		}
		set = slices.Delete(set, i, i+1)
		if len(set) == 1 {
			delete(x.many, h)
			x.one[h] = set[0]
			return
		}
		x.many[h] = set
		return
	}
	if x.one[h] == id {
		delete(x.one, h)
	}
}

// each calls fn with the ID of every company under hash h.
func (x *keyIndex) each(h uint64, fn func(id string)) {
	if id, ok := x.one[h]; ok {
		fn(x.t.str(id))
		return
	}
	for _, id := range x.many[h] {
		fn(x.t.str(id))
	}
}

// CompaniesByKey implements [storekit.Graph].
func (s *state) CompaniesByKey(keys []string) []string {
	seen := set{}
	var out []string
	for _, k := range keys {
		s.keys.each(maphash.String(s.keys.seed, k), func(id string) {
			if _, dup := seen[id]; dup {
				return
			}
			seen.add(id)
			if c, ok := s.company(id); ok && slices.ContainsFunc(storekit.MatchKeys(*c), func(m string) bool { return slices.Contains(keys, m) }) {
				out = append(out, id)
			}
		})
	}
	return out
}
