package loader

// wordTableMax is the longest word a wordTable holds.
const wordTableMax = 15

// wordTable is a read-only copy of a map by word for the hot paths: an
// open-addressing table whose slots hold words of up to wordTableMax
// bytes beside their values, so that a look-up reads one stretch of
// memory, where a map reads its control bytes, then a key, then the
// key's bytes, each elsewhere. Longer words are left to the map.
type wordTable[V any] struct {
	slots []wordSlot[V]
	mask  uint64
}

// wordSlot is one slot of a wordTable: n is the length of its word plus
// one, 0 for an empty slot.
type wordSlot[V any] struct {
	n uint8
	w [wordTableMax]byte
	v V
}

// newWordTable copies the entries of m whose words are short enough.
func newWordTable[V any](m map[string]V) wordTable[V] {
	n := 16
	for n < 2*len(m) {
		n *= 2
	}
	t := wordTable[V]{slots: make([]wordSlot[V], n), mask: uint64(n - 1)}
	for w, v := range m {
		if len(w) > wordTableMax {
			continue
		}
		i := t.first(w)
		for t.slots[i].n != 0 {
			i = (i + 1) & t.mask
		}
		s := &t.slots[i]
		s.n, s.v = uint8(len(w)+1), v
		copy(s.w[:], w)
	}
	return t
}

// first returns the first slot to probe for w.
func (t *wordTable[V]) first(w string) uint64 {
	return (wordHash(w) * 0x9E3779B97F4A7C15 >> 32) & t.mask
}

// get returns m[w] for the map m the table copies, and true; or false
// for a word too long for the table (or an empty table), which the
// caller looks up in m.
func (t *wordTable[V]) get(w string) (V, bool) {
	var zero V
	if len(w) > wordTableMax || len(t.slots) == 0 {
		return zero, false
	}
	for i := t.first(w); ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.n == 0 {
			return zero, true // not in m
		}
		if int(s.n) == len(w)+1 && string(s.w[:len(w)]) == w {
			return s.v, true
		}
	}
}
