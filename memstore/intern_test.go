package memstore

import (
	"fmt"
	"testing"
)

// TestIDTableNumbersEachIDOnce interns enough IDs to make the table grow
// several times, some of them twice, and checks that every ID keeps its
// first number, that the numbers name the IDs, and that an ID never
// interned is not found.
func TestIDTableNumbersEachIDOnce(t *testing.T) {
	tab := newIDTable()
	want := map[string]ref{}
	for i := range 20 * minSlots {
		id := fmt.Sprintf("c%d", i*7919%(5*minSlots))
		r := tab.intern(id)
		if w, seen := want[id]; seen && r != w {
			t.Fatalf("%s numbered %d, then %d", id, w, r)
		}
		want[id] = r
	}
	if len(want) != len(tab.strs)-1 {
		t.Fatalf("%d IDs, %d numbers", len(want), len(tab.strs)-1)
	}
	for id, r := range want {
		if got, ok := tab.lookup(id); !ok || got != r || tab.str(r) != id {
			t.Fatalf("lookup(%q) = %d, %v; str(%d) = %q; want %d", id, got, ok, r, tab.str(r), r)
		}
	}
	if r, ok := tab.lookup(""); !ok || r != 0 || tab.intern("") != 0 {
		t.Fatalf("the empty ID is %d, %v", r, ok)
	}
	if _, ok := tab.lookup("nowhere"); ok {
		t.Fatal("an ID never interned is found")
	}
	if n := float64(len(tab.strs)) / float64(len(tab.slots)); n > maxLoad {
		t.Fatalf("table %.2f full", n)
	}
}
