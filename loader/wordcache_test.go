package loader

import "testing"

// TestWordCache checks that a wordCache gives back only what was put for
// the very word, and keeps no word too long for its slots.
func TestWordCache(t *testing.T) {
	var c wordCache[int]
	if _, ok := c.get("acme", 7); ok {
		t.Fatal("empty cache found a word")
	}
	c.put("acme", 7, 1)
	if v, ok := c.get("acme", 7); !ok || v != 1 {
		t.Fatalf("get(acme) = %d, %v", v, ok)
	}
	// Another word of the same slot is not acme's, and replaces it.
	if _, ok := c.get("acmf", 7); ok {
		t.Fatal("acmf found in acme's slot")
	}
	if _, ok := c.get("acm", 7); ok {
		t.Fatal("acm found in acme's slot")
	}
	c.put("zyxo", 7+wordCacheLen, 2)
	if _, ok := c.get("acme", 7); ok {
		t.Fatal("acme kept after zyxo took its slot")
	}
	if v, ok := c.get("zyxo", 7); !ok || v != 2 {
		t.Fatalf("get(zyxo) = %d, %v", v, ok)
	}
	long := "abcdefghijklmnopqrstuvwxyz"
	c.put(long, 9, 3)
	if _, ok := c.get(long, 9); ok {
		t.Fatal("a word longer than wordCacheMax was cached")
	}
	if _, ok := c.get(long[:wordCacheMax+1], 9); ok {
		t.Fatal("a prefix of a long word was found")
	}
	c.put("", 11, 4)
	if v, ok := c.get("", 11); !ok || v != 4 {
		t.Fatalf("get(\"\") = %d, %v", v, ok)
	}
	if _, ok := c.get("", 12); ok {
		t.Fatal("the empty word found in an empty slot")
	}
	c.reset()
	if _, ok := c.get("zyxo", 7); ok {
		t.Fatal("reset kept zyxo")
	}
}
