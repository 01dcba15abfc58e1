package memstore

import (
	"encoding/binary"
	"iter"
	"slices"
	"sort"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// This file holds the two indexes that keep name-prefix filters and search
// from visiting every company and deal: keyList, the sorted lower-cased
// names and aliases that a prefix is binary-searched in, and searchIndex,
// the trigram postings that search reads its candidates from. Both are
// updated by every write (state.apply), record by record.

// keyList is a sorted set of keys, kept as a list of sorted blocks so that
// adding or removing a key moves at most one block's worth of keys rather
// than the whole list.
type keyList struct {
	blocks [][]key
	n      int
}

// Blocks are split when they grow past 2·blockSize keys.
const blockSize = 128

// block returns the index of the block where k is or would be inserted.
func (l *keyList) block(k key) int {
	b := sort.Search(len(l.blocks), func(i int) bool { return l.blocks[i][len(l.blocks[i])-1].Compare(k) >= 0 })
	return min(b, len(l.blocks)-1)
}

// add inserts k unless it is already there.
func (l *keyList) add(k key) {
	if len(l.blocks) == 0 {
		l.blocks = [][]key{{k}}
		l.n = 1
		return
	}
	bi := l.block(k)
	b := l.blocks[bi]
	i, found := slices.BinarySearchFunc(b, k, key.Compare)
	if found {
		return
	}
	b = slices.Insert(b, i, k)
	l.n++
	if len(b) <= 2*blockSize {
		l.blocks[bi] = b
		return
	}
	// The second half is copied so that inserting into the first cannot
	// write over it.
	tail := slices.Clone(b[blockSize:])
	l.blocks[bi] = b[:blockSize:blockSize]
	l.blocks = slices.Insert(l.blocks, bi+1, tail)
}

// remove deletes k if it is there.
func (l *keyList) remove(k key) {
	if len(l.blocks) == 0 {
		return
	}
	bi := l.block(k)
	b := l.blocks[bi]
	i, found := slices.BinarySearchFunc(b, k, key.Compare)
	if !found {
		return
	}
	l.n--
	if b = slices.Delete(b, i, i+1); len(b) == 0 {
		l.blocks = slices.Delete(l.blocks, bi, bi+1)
		return
	}
	l.blocks[bi] = b
}

// from yields the keys not before k, in order.
func (l *keyList) from(k key) iter.Seq[key] {
	return func(yield func(key) bool) {
		if len(l.blocks) == 0 {
			return
		}
		bi := l.block(k)
		i, _ := slices.BinarySearchFunc(l.blocks[bi], k, key.Compare)
		for ; bi < len(l.blocks); bi, i = bi+1, 0 {
			for _, x := range l.blocks[bi][i:] {
				if !yield(x) {
					return
				}
			}
		}
	}
}

// withPrefix yields, in order, the keys whose S starts with prefix.
func (l *keyList) withPrefix(prefix string) iter.Seq[key] {
	return func(yield func(key) bool) {
		for k := range l.from(key{S: prefix}) {
			if !strings.HasPrefix(k.S, prefix) || !yield(k) {
				return
			}
		}
	}
}

// nameIndex holds the companies' lower-cased names, as the keys of the
// name order ([storekit.CompanyKey]), and their lower-cased aliases, as
// {S: alias, ID: company ID}, each sorted.
type nameIndex struct {
	names, aliases keyList
}

// named returns the smallest ID of the companies whose lower-cased name is
// lower, else of those having it as a lower-cased alias.
func (x *nameIndex) named(lower string) (string, bool) {
	for _, l := range []*keyList{&x.names, &x.aliases} {
		for k := range l.from(key{S: lower}) {
			if k.S == lower {
				return k.ID, true
			}
			break
		}
	}
	return "", false
}

// update replaces the entries of company old (nil if it was not stored)
// with those of company c (nil when it is deleted).
func (x *nameIndex) update(old, c *pg.Company) {
	if old != nil && c != nil && old.Name == c.Name && slices.Equal(old.Aliases, c.Aliases) {
		return
	}
	if old != nil {
		x.names.remove(storekit.CompanyKey(pg.CompaniesByName, *old, 0))
		for _, a := range old.Aliases {
			x.aliases.remove(key{S: strings.ToLower(a), ID: old.ID})
		}
	}
	if c != nil {
		x.names.add(storekit.CompanyKey(pg.CompaniesByName, *c, 0))
		for _, a := range c.Aliases {
			x.aliases.add(key{S: strings.ToLower(a), ID: c.ID})
		}
	}
}

// searchKind is the kind of a searchable record as a number; 0 is none.
type searchKind uint8

const (
	searchCompany searchKind = 1 + iota
	searchPlatform
	searchDeal
)

// searchKinds maps a searchKind to the kind it stands for.
var searchKinds = [...]pg.SearchKind{searchCompany: pg.SearchCompany, searchPlatform: pg.SearchPlatform, searchDeal: pg.SearchDeal}

// searchRef names a searchable record: its kind and the ref of its ID.
type searchRef struct {
	kind searchKind
	id   ref
}

// searchEntry is a searchable record (a company, a platform, or a deal by
// its summary) with its lower-cased name and aliases joined by NULs, which
// a query must be a substring of to match. The name and aliases that score
// a hit are read from the record (state.searchText). A dead slot's entry
// is the zero entry.
type searchEntry struct {
	searchRef
	hay string
}

// live reports whether e is the entry of a record.
func (e *searchEntry) live() bool { return e.kind != 0 }

// searchIndex finds the records whose name or an alias contains a text.
// Every record is an entry in a slot; postings map each trigram (three
// bytes) of an entry's hay, padded with two NULs so that every byte starts
// one, to the slots having it (a posting). A text of three bytes or more can only be
// in the entries having its rarest trigram; a shorter one only in those
// having a trigram that starts with it. Replaced and removed entries leave
// dead slots behind, skipped by readers and dropped when they outnumber
// the live ones.
type searchIndex struct {
	entries  []searchEntry
	slots    slotMap
	postings map[uint32]posting
	dead     int
}

func newSearchIndex() *searchIndex {
	return &searchIndex{slots: slotMap{}, postings: map[uint32]posting{}}
}

// posting is the slots having one trigram, in ascending order, kept as
// the varint-encoded differences between consecutive slots: a quarter of
// the bytes of a list of slots for the common trigrams.
type posting struct {
	deltas []byte
	// n is the number of slots, last the greatest.
	n, last int32
}

// add appends slot, greater than every slot p has.
func (p *posting) add(slot int32) {
	p.deltas = binary.AppendUvarint(p.deltas, uint64(slot-p.last))
	p.last = slot
	p.n++
}

// slots yields the slots of p in ascending order.
func (p posting) slots() iter.Seq[int32] {
	return func(yield func(int32) bool) {
		slot := int32(0)
		for b := p.deltas; len(b) > 0; {
			d, k := binary.Uvarint(b)
			b = b[k:]
			slot += int32(d)
			if !yield(slot) {
				return
			}
		}
	}
}

// slotMap maps the records to their slots, keyed by kind and ref as one
// number: a map without pointers.
type slotMap map[uint64]int32

func slotKey(r searchRef) uint64 { return uint64(r.kind)<<32 | uint64(r.id) }

func (m slotMap) get(r searchRef) (int32, bool) {
	slot, ok := m[slotKey(r)]
	return slot, ok
}

func (m slotMap) set(r searchRef, slot int32) { m[slotKey(r)] = slot }

func (m slotMap) delete(r searchRef) { delete(m, slotKey(r)) }

// len returns the number of records.
func (m slotMap) len() int { return len(m) }

// minCompact is the number of dead slots below which the index is never
// rebuilt.
const minCompact = 4096

func trigram(s string, i int) uint32 {
	return uint32(s[i])<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])
}

// put makes the entry of ref the record called name with the given
// aliases, unless it already is.
func (x *searchIndex) put(ref searchRef, name string, aliases []string) {
	hay := strings.ToLower(strings.Join(append([]string{name}, aliases...), "\x00"))
	if slot, ok := x.slots.get(ref); ok {
		if x.entries[slot].hay == hay {
			return
		}
		x.kill(slot)
	}
	slot := int32(len(x.entries))
	x.entries = append(x.entries, searchEntry{searchRef: ref, hay: hay})
	x.slots.set(ref, slot)
	x.post(slot)
}

// post adds slot to the postings of every distinct trigram of its hay.
func (x *searchIndex) post(slot int32) {
	padded := x.entries[slot].hay + "\x00\x00"
	grams := make([]uint32, 0, len(padded)-2)
	for i := range len(padded) - 2 {
		grams = append(grams, trigram(padded, i))
	}
	slices.Sort(grams)
	for _, g := range slices.Compact(grams) {
		p := x.postings[g]
		p.add(slot)
		x.postings[g] = p
	}
}

// remove drops the entry of ref, if any.
func (x *searchIndex) remove(ref searchRef) {
	if slot, ok := x.slots.get(ref); ok {
		x.kill(slot)
		x.slots.delete(ref)
	}
}

func (x *searchIndex) kill(slot int32) {
	x.entries[slot] = searchEntry{}
	x.dead++
}

// compact rebuilds the index without its dead slots once they are more
// than the live ones, so it stays within twice its live size.
func (x *searchIndex) compact() {
	if x.dead < minCompact || x.dead <= len(x.entries)-x.dead {
		return
	}
	live := make([]searchEntry, 0, len(x.entries)-x.dead)
	for _, e := range x.entries {
		if e.live() {
			live = append(live, e)
		}
	}
	*x = searchIndex{entries: live, slots: slotMap{}, postings: map[uint32]posting{}}
	for i, e := range live {
		x.slots.set(e.searchRef, int32(i))
		x.post(int32(i))
	}
}

// candidates yields the live entries whose hay may contain q (lower-cased
// and not empty), each once; the caller checks that it does.
func (x *searchIndex) candidates(q string) iter.Seq[*searchEntry] {
	return func(yield func(*searchEntry) bool) {
		if len(q) >= 3 {
			var rarest posting
			for i := range len(q) - 2 {
				p := x.postings[trigram(q, i)]
				if p.n == 0 {
					return
				}
				if rarest.n == 0 || p.n < rarest.n {
					rarest = p
				}
			}
			for slot := range rarest.slots() {
				if e := &x.entries[slot]; e.live() && !yield(e) {
					return
				}
			}
			return
		}
		// A text of one or two bytes starts a trigram at each place it
		// occurs: read the postings of every trigram it starts, each slot
		// once.
		shift := 8 * uint(3-len(q))
		want := uint32(q[0])
		if len(q) == 2 {
			want = want<<8 | uint32(q[1])
		}
		seen := make([]bool, len(x.entries))
		for g, p := range x.postings {
			if g>>shift != want {
				continue
			}
			for slot := range p.slots() {
				if e := &x.entries[slot]; e.live() && !seen[slot] {
					seen[slot] = true
					if !yield(e) {
						return
					}
				}
			}
		}
	}
}
