package memstore

import (
	"slices"
)

// The index sets ([refs]) are sorted slices, so adding or removing one ID
// moves the IDs after it. A write adds a few IDs to a set, but a change
// that moves every deal of a hub to another company (a merge) would take
// thousands of IDs out of one set and put thousands into another, one
// move of the set each: time quadratic in the hub's deals. apply therefore
// edits a small set at once but records the edits of a large one (addTo,
// removeFrom) and makes them at its end (flushSets): a set with few edits
// gets them one by one, and one with many is rebuilt once, merging its
// IDs with those added.

// mergeEdits is the number of edits from which a set is rebuilt rather than
// edited in place.
const mergeEdits = 8

// setOp is an edit of an index set: id added to it, or removed.
type setOp struct {
	id  ref
	add bool
}

// setEdits are the edits apply recorded, per index (the address of the
// state's field holding it) and key, each key's in the order they were
// made.
type setEdits map[*map[ref]refs]map[ref][]setOp

// addTo adds id to the set of key in *idx, at once or at the end of apply
// (see edit). Both IDs are added to the ID table.
func (s *state) addTo(idx *map[ref]refs, key, id string) {
	s.edit(idx, s.ids.intern(key), setOp{s.ids.intern(id), true})
}

// removeFrom removes id from the set of key in *idx, at once or at the end
// of apply (see edit); the set goes when it is left empty.
func (s *state) removeFrom(idx *map[ref]refs, key, id string) {
	k, ok := s.ids.lookup(key)
	r, known := s.ids.lookup(id)
	if !ok || !known {
		return // in no set
	}
	s.edit(idx, k, setOp{r, false})
}

// edit makes op on the set of key in *idx at once when the set is small
// and has no edits waiting, and otherwise records it for flushSets.
func (s *state) edit(idx *map[ref]refs, key ref, op setOp) {
	byKey := s.sets[idx]
	if ops, waiting := byKey[key]; waiting {
		byKey[key] = append(ops, op)
		return
	}
	if len((*idx)[key]) < smallSet {
		if op.add {
			insertRef(&s.ids, *idx, key, op.id)
		} else {
			deleteRef(&s.ids, *idx, key, op.id)
		}
		return
	}
	if byKey == nil {
		byKey = map[ref][]setOp{}
		s.sets[idx] = byKey
	}
	byKey[key] = []setOp{op}
}

// smallSet is the size under which a set is edited at once: moving fewer
// IDs costs less than recording the edit.
const smallSet = 64

// flushSets makes the edits recorded since the last flush. The maps that
// recorded them are kept for the next apply, unless a large one (a file
// opened, a hub merged) made them large.
func (s *state) flushSets() {
	n := 0
	for idx, byKey := range s.sets {
		for key, ops := range byKey {
			editSet(&s.ids, *idx, key, ops)
		}
		n += len(byKey)
		clear(byKey)
	}
	if n > maxKeptScratch {
		s.sets = setEdits{}
	}
}

// maxKeptScratch is the number of entries beyond which apply drops its
// scratch maps rather than clear them: clear keeps a map's table.
const maxKeptScratch = 4096

// editSet makes edits ops, in their order, to the set of key in idx; it
// may reorder ops.
func editSet(t *idTable, idx map[ref]refs, key ref, ops []setOp) {
	if len(ops) < mergeEdits {
		for _, op := range ops {
			if op.add {
				insertRef(t, idx, key, op.id)
			} else {
				deleteRef(t, idx, key, op.id)
			}
		}
		return
	}
	// The last edit of an ID decides whether it is in the set.
	slices.SortStableFunc(ops, func(a, b setOp) int { return t.compare(a.id, b.id) })
	var add, drop []ref
	for i := 0; i < len(ops); {
		j := i + 1
		for j < len(ops) && ops[j].id == ops[i].id {
			j++
		}
		if last := ops[j-1]; last.add {
			add = append(add, last.id)
		} else {
			drop = append(drop, last.id)
		}
		i = j
	}
	x := idx[key]
	out := make(refs, 0, len(x)+len(add))
	i, j, k := 0, 0, 0
	for i < len(x) || j < len(add) {
		var id ref
		switch {
		case j == len(add) || i < len(x) && t.compare(x[i], add[j]) < 0:
			id, i = x[i], i+1
		case i == len(x) || t.compare(add[j], x[i]) < 0:
			id, j = add[j], j+1
		default: // in both
			id, i, j = x[i], i+1, j+1
		}
		for k < len(drop) && t.compare(drop[k], id) < 0 {
			k++
		}
		if k < len(drop) && drop[k] == id {
			continue
		}
		out = append(out, id)
	}
	if len(out) == 0 {
		delete(idx, key)
		return
	}
	if cap(out) > 2*len(out) {
		out = slices.Clone(out) // most of the set was dropped
	}
	idx[key] = slices.Clip(out)
}

// trim gives the slices of the indexes and of the evidence the capacity of
// their length, or the size class just above it. Open calls it once the
// file is applied: the slices grew one append or insert at a time, which
// leaves up to half of their room unused, and most will not grow again.
func (s *state) trim() {
	s.ids.trim()
	s.deals.trim()
	s.companies.trim()
	s.articles.trim()
	trimAll(s.platformNames)
	trimAll(s.platformAliases)
	for _, idx := range []map[ref]refs{s.companyDeals, s.platformDeals,
		s.articleDeals, s.targetDeals, s.ownerPlatforms, s.children, s.claimed} {
		trimAll(idx)
	}
	trimAll(s.keys.many)
	trimAll(s.partners)
	trimAll(s.pairDeals.many)
	trimAll(s.evidence)
	trimAll(s.articleMentions)
	for _, byID := range s.entityMentions {
		trimAll(byID)
	}
}

// trimAll replaces each slice of m that has room to spare with a copy that
// has none.
func trimAll[K comparable, S ~[]E, E any](m map[K]S) {
	for k, x := range m {
		if cap(x) > len(x) {
			m[k] = slices.Clone(x)
		}
	}
}
