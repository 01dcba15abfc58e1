package memstore

import (
	"slices"
	"strings"
)

// The state holds every ID it knows once, in its ID table, and refers to
// it everywhere else by its number there (a ref): the index sets, the
// company pairs, the mentions, the evidence and the match keys hold refs
// of 4 bytes where they held string headers of 16, and their slices hold
// no pointers for the collector to follow. The records keep their ID
// strings, which are the table's copies.

// ref is the number of an ID in the state's ID table. The ref 0 is the
// empty ID.
type ref uint32

// idTable numbers IDs in the order they are first seen. A number is never
// reused: an ID whose records are all gone keeps its number, so a ref held
// anywhere always names the same ID.
type idTable struct {
	nums map[string]ref
	strs []string
}

func newIDTable() idTable {
	return idTable{nums: map[string]ref{"": 0}, strs: []string{""}}
}

// intern returns the number of id, adding it. The table keeps its own
// copy of a new ID, so that an ID given as a slice of a longer string
// does not keep that string in memory.
func (t *idTable) intern(id string) ref {
	if r, ok := t.nums[id]; ok {
		return r
	}
	id = strings.Clone(id)
	r := ref(len(t.strs))
	t.strs = append(t.strs, id)
	t.nums[id] = r
	return r
}

// lookup returns the number of id, if the table has it. Unlike intern it
// never changes the table, so readers holding the state's read lock can
// call it.
func (t *idTable) lookup(id string) (ref, bool) {
	r, ok := t.nums[id]
	return r, ok
}

// str returns the ID numbered r.
func (t *idTable) str(r ref) string { return t.strs[r] }

// own returns the table's copy of id, adding it.
func (t *idTable) own(id string) string { return t.strs[t.intern(id)] }

// compare orders two refs as their IDs.
func (t *idTable) compare(a, b ref) int {
	if a == b {
		return 0
	}
	return strings.Compare(t.strs[a], t.strs[b])
}

// strings returns the IDs of rs, in their order.
func (t *idTable) strings(rs []ref) []string {
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = t.strs[r]
	}
	return out
}

// refs is a set of IDs kept as the refs of its IDs in ascending order of
// the IDs (not of the refs), so that reads that want the IDs sorted get
// them as they are. Most of the state's index sets hold one ID or a few,
// where a map would cost about ten times the memory.
type refs []ref

// search returns where id is or would be in x, and whether it is there.
func (x refs) search(t *idTable, id string) (int, bool) {
	return slices.BinarySearchFunc(x, id, func(r ref, id string) int { return strings.Compare(t.strs[r], id) })
}

// has reports whether id is in x.
func (x refs) has(t *idTable, id string) bool {
	_, ok := x.search(t, id)
	return ok
}

// insertRef adds r to the set of key in idx.
func insertRef[K comparable](t *idTable, idx map[K]refs, key K, r ref) {
	x := idx[key]
	if i, found := x.search(t, t.strs[r]); !found {
		idx[key] = slices.Insert(x, i, r)
	}
}

// deleteRef removes r from the set of key in idx, and the set when it is
// left empty.
func deleteRef[K comparable](t *idTable, idx map[K]refs, key K, r ref) {
	x := idx[key]
	i, found := x.search(t, t.strs[r])
	if !found {
		return
	}
	if x = slices.Delete(x, i, i+1); len(x) == 0 {
		delete(idx, key)
		return
	}
	idx[key] = x
}
