package memstore

import "slices"

// pairKey is a pair of companies as one number: the smaller ref in the
// high 32 bits, the greater in the low.
type pairKey uint64

// pairOf returns the key of the pair of companies a and b, in either order.
func pairOf(a, b ref) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey(a)<<32 | pairKey(b)
}

// refs returns the two companies of k, the smaller ref first.
func (k pairKey) refs() (ref, ref) { return ref(k >> 32), ref(k) }

// pairIndex maps each pair of companies that share a deal to the deals
// both are parties to, in no order. Most pairs share one deal, which one
// holds as a number in a map without pointers; the deals of the others
// are in many. No pair is in both.
type pairIndex struct {
	one  map[pairKey]ref
	many map[pairKey][]ref
}

func newPairIndex() pairIndex {
	return pairIndex{one: map[pairKey]ref{}, many: map[pairKey][]ref{}}
}

// has reports whether the pair k shares a deal.
func (x *pairIndex) has(k pairKey) bool {
	if _, ok := x.one[k]; ok {
		return true
	}
	_, ok := x.many[k]
	return ok
}

// appendDeals appends the deals of the pair k to dst.
func (x *pairIndex) appendDeals(dst []ref, k pairKey) []ref {
	if d, ok := x.one[k]; ok {
		return append(dst, d)
	}
	return append(dst, x.many[k]...)
}

// add adds deal d to the pair k, which must not have it.
func (x *pairIndex) add(k pairKey, d ref) {
	if ds, ok := x.many[k]; ok {
		x.many[k] = append(ds, d)
		return
	}
	if other, ok := x.one[k]; ok {
		delete(x.one, k)
		x.many[k] = []ref{other, d}
		return
	}
	x.one[k] = d
}

// remove takes deal d from the pair k, and the pair out when it is left
// without a deal.
func (x *pairIndex) remove(k pairKey, d ref) {
	if other, ok := x.one[k]; ok {
		if other == d {
			delete(x.one, k)
		}
		return
	}
	ds, ok := x.many[k]
	if !ok {
		return
	}
	ds = slices.DeleteFunc(ds, func(r ref) bool { return r == d })
	switch len(ds) {
	case 0:
		delete(x.many, k)
	case 1:
		delete(x.many, k)
		x.one[k] = ds[0]
	default:
		x.many[k] = ds
	}
}

// each calls fn with every pair and its deals; the slice is only valid
// during the call.
func (x *pairIndex) each(fn func(k pairKey, deals []ref)) {
	var buf [1]ref
	for k, d := range x.one {
		buf[0] = d
		fn(k, buf[:])
	}
	for k, ds := range x.many {
		fn(k, ds)
	}
}
