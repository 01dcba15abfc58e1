package memstore

import (
	"hash/maphash"
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
//
// The IDs are found by their hash in slots, an open-addressing table of
// refs (linear probing; 0 is an empty slot, as the empty ID is not kept
// there): about 8 bytes an ID and no pointers, where a Go map of strings
// to refs takes about 40 and a string header each for the collector.
type idTable struct {
	seed  maphash.Seed
	slots []ref // a power of two long, at most maxLoad full
	strs  []string
}

// minSlots is the table's first size, and maxLoad the fraction of its
// slots in use beyond which it doubles.
const (
	minSlots = 1 << 10
	maxLoad  = 0.75
)

func newIDTable() idTable {
	return idTable{seed: maphash.MakeSeed(), slots: make([]ref, minSlots), strs: []string{""}}
}

// find returns the slot where id is, or where it would go, and its ref if
// it is there.
func (t *idTable) find(id string) (int, ref, bool) {
	mask := len(t.slots) - 1
	i := int(maphash.String(t.seed, id)) & mask
	for {
		r := t.slots[i]
		if r == 0 {
			return i, 0, false
		}
		if t.strs[r] == id {
			return i, r, true
		}
		i = (i + 1) & mask
	}
}

// intern returns the number of id, adding it. The table keeps its own
// copy of a new ID, so that an ID given as a slice of a longer string
// does not keep that string in memory.
func (t *idTable) intern(id string) ref {
	if id == "" {
		return 0
	}
	i, r, ok := t.find(id)
	if ok {
		return r
	}
	if float64(len(t.strs)) >= maxLoad*float64(len(t.slots)) {
		t.grow()
		i, _, _ = t.find(id)
	}
	r = ref(len(t.strs))
	t.strs = append(t.strs, strings.Clone(id))
	t.slots[i] = r
	return r
}

// grow doubles the slots and puts every ref in its slot again.
func (t *idTable) grow() {
	t.slots = make([]ref, 2*len(t.slots))
	for r, id := range t.strs[1:] {
		i, _, _ := t.find(id)
		t.slots[i] = ref(r + 1)
	}
}

// lookup returns the number of id, if the table has it. Unlike intern it
// never changes the table, so readers holding the state's read lock can
// call it.
func (t *idTable) lookup(id string) (ref, bool) {
	if id == "" {
		return 0, true
	}
	_, r, ok := t.find(id)
	return r, ok
}

// trim gives the list of IDs the capacity of its length: it grew one
// append at a time.
func (t *idTable) trim() {
	if cap(t.strs) > len(t.strs) {
		t.strs = slices.Clone(t.strs)
	}
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
