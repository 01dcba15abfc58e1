package memstore

import (
	"iter"
	"slices"
)

// table holds the records of one kind (companies, deals, articles) in one
// slice, found by the ref of their ID through a slice of places indexed by
// ref: 4 bytes for every ID of the state, where a Go map of IDs to records
// costs a string key and the room its load factor leaves free in every
// entry, about half again the size of a record of a hundred bytes, and a
// look-up is an index rather than a hash. A deleted record leaves a free
// place that the next record added takes.
type table[T any] struct {
	// at holds, for each ref, 1 + the place of its record in recs, or 0
	// when it has none; it is no longer than the greatest ref stored.
	at   []int32
	recs []T
	// keys holds the ref of each record of recs, 0 at a free place.
	keys []ref
	free []int32
	n    int
}

func newTable[T any]() table[T] { return table[T]{} }

// place returns the place of the record whose ID has ref r.
func (x *table[T]) place(r ref) (int32, bool) {
	if int(r) >= len(x.at) || x.at[r] == 0 {
		return 0, false
	}
	return x.at[r] - 1, true
}

// get returns the record whose ID has ref r. The pointer is valid until
// the table changes.
func (x *table[T]) get(r ref) (*T, bool) {
	i, ok := x.place(r)
	if !ok {
		return nil, false
	}
	return &x.recs[i], true
}

// put stores v as the record whose ID has ref r, replacing the one there.
func (x *table[T]) put(r ref, v T) {
	if i, ok := x.place(r); ok {
		x.recs[i] = v
		return
	}
	var i int32
	if n := len(x.free); n > 0 {
		i, x.free = x.free[n-1], x.free[:n-1]
		x.recs[i], x.keys[i] = v, r
	} else {
		i = int32(len(x.recs))
		x.recs, x.keys = append(x.recs, v), append(x.keys, r)
	}
	if int(r) >= len(x.at) {
		x.at = append(x.at, make([]int32, int(r)+1-len(x.at))...)
	}
	x.at[r] = i + 1
	x.n++
}

// remove deletes the record whose ID has ref r, if any.
func (x *table[T]) remove(r ref) {
	i, ok := x.place(r)
	if !ok {
		return
	}
	x.at[r] = 0
	var zero T
	x.recs[i], x.keys[i] = zero, 0
	x.free = append(x.free, i)
	x.n--
}

// len returns the number of records.
func (x *table[T]) len() int { return x.n }

// all yields the ref of every record's ID and the record, in no order.
func (x *table[T]) all() iter.Seq2[ref, *T] {
	return func(yield func(ref, *T) bool) {
		for i, r := range x.keys {
			if r != 0 && !yield(r, &x.recs[i]) {
				return
			}
		}
	}
}

// trim gives the table's slices the capacity of their length: they grew
// one append at a time.
func (x *table[T]) trim() {
	if cap(x.recs) > len(x.recs) {
		x.recs, x.keys = slices.Clone(x.recs), slices.Clone(x.keys)
	}
	if cap(x.at) > len(x.at) {
		x.at = slices.Clone(x.at)
	}
}
