package loader

// wordCacheLen is the number of slots of a wordCache.
const wordCacheLen = 1 << 14

// wordCacheMax is the longest word a wordCache keeps.
const wordCacheMax = 15

// wordCache remembers what a fixed look-up (a map that does not change)
// gave for recent short words, in a small direct-mapped table kept from
// article to article: most words of an article were looked up in an
// article before, and reading them here is cheaper than probing a large
// map, whose memory is mostly out of the processor's caches. Each slot
// holds its word, so a word found in the cache is the word looked up and
// the value is the map's; a word that shares a slot with another just
// replaces it. Not safe for concurrent use: each user keeps its own.
type wordCache[V any] struct {
	slots *[wordCacheLen]wordCacheSlot[V]
}

// wordCacheSlot is one slot of a wordCache: n is the length of the word
// plus one, 0 for an empty slot.
type wordCacheSlot[V any] struct {
	n uint8
	w [wordCacheMax]byte
	v V
}

// get returns the value cached for w, whose hash is h (any hash of w
// that the caller uses for every look-up of the cache), and whether it
// was there.
func (c *wordCache[V]) get(w string, h uint32) (V, bool) {
	if c.slots != nil && len(w) <= wordCacheMax {
		s := &c.slots[h%wordCacheLen]
		if int(s.n) == len(w)+1 && string(s.w[:len(w)]) == w {
			return s.v, true
		}
	}
	var zero V
	return zero, false
}

// put caches v as the value of w, whose hash is h.
func (c *wordCache[V]) put(w string, h uint32, v V) {
	if len(w) > wordCacheMax {
		return
	}
	if c.slots == nil {
		c.slots = new([wordCacheLen]wordCacheSlot[V])
	}
	s := &c.slots[h%wordCacheLen]
	s.n = uint8(len(w) + 1)
	copy(s.w[:], w)
	s.v = v
}

// reset empties the cache.
func (c *wordCache[V]) reset() {
	if c.slots != nil {
		clear(c.slots[:])
	}
}
