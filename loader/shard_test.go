package loader_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
	"github.com/partnergraph/partnergraph/synth"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]loader.Shard{"0/1": {0, 1}, "1/2": {1, 2}, " 3/4": {3, 4}} {
		got, err := loader.ParseShard(in)
		if err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "2/2", "-1/2", "0/0", "a/b", "1/2/3"} {
		if _, err := loader.ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q) succeeded", in)
		}
	}
}

// synthJSONL returns n synthetic articles as JSONL, and the same articles
// in reverse order.
func synthJSONL(t *testing.T, n int) (forward, reverse []byte) {
	t.Helper()
	g, err := synth.New(synth.Config{Seed: 11}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := g.WriteJSONL(&b, 0, n); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	slices.Reverse(lines)
	return b.Bytes(), []byte(strings.Join(lines, "\n") + "\n")
}

// TestShardsLoadWhatOneLoadDoes loads 400 synthetic articles at once, and
// as shards 0/2 and 1/2 into one store (the second shard reading the input
// in reverse order), and as 3 shards: the dumps are the same, and the
// shards read disjoint sets that cover the input.
func TestShardsLoadWhatOneLoadDoes(t *testing.T) {
	const n = 400
	fwd, rev := synthJSONL(t, n)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = partnergraph.ArticleID("synth-11-" + strconv.Itoa(i))
	}
	x := newExtractor(t)
	dump := func(inputs [][]byte, shards []loader.Shard) (string, []int) {
		t.Helper()
		s, err := memstore.Open(memstore.InMemory, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var read []int
		for i, sh := range shards {
			p := &loader.Pipeline{Extractor: x, Store: s, BatchSize: 50, Shard: sh}
			rep, err := p.Run(t.Context(), []string{"-"}, bytes.NewReader(inputs[i%len(inputs)]))
			if err != nil || len(rep.Skipped) > 0 {
				t.Fatalf("shard %v: %v, skipped %v", sh, err, rep.Skipped)
			}
			if rep.Read+rep.OtherShards != n {
				t.Fatalf("shard %v read %d and left %d to other shards, want %d in all", sh, rep.Read, rep.OtherShards, n)
			}
			read = append(read, rep.Read)
		}
		d, err := storetest.Dump(t.Context(), s, ids)
		if err != nil {
			t.Fatal(err)
		}
		return d, read
	}
	whole, _ := dump([][]byte{fwd}, []loader.Shard{{}})
	halves, read2 := dump([][]byte{fwd, rev}, []loader.Shard{{Index: 0, Count: 2}, {Index: 1, Count: 2}})
	thirds, read3 := dump([][]byte{rev}, []loader.Shard{{Index: 2, Count: 3}, {Index: 0, Count: 3}, {Index: 1, Count: 3}})
	if read2[0]+read2[1] != n || read3[0]+read3[1]+read3[2] != n || slices.Min(read2) < n/4 || slices.Min(read3) < n/6 {
		t.Fatalf("shards read %v and %v articles of %d", read2, read3, n)
	}
	if !strings.Contains(whole, "deal ") || len(whole) < 10000 {
		t.Fatalf("the whole load dumps too little to compare:\n%.500s", whole)
	}
	if halves != whole {
		t.Errorf("shards 0/2 and 1/2 load another graph than one load:\n%s", storetest.FirstDiff(whole, halves))
	}
	if thirds != whole {
		t.Errorf("three shards load another graph than one load:\n%s", storetest.FirstDiff(whole, thirds))
	}
	// Each article is in exactly one shard of n, whatever n.
	for _, id := range ids {
		for _, count := range []int{2, 3, 4} {
			in := 0
			for i := range count {
				if (loader.Shard{Index: i, Count: count}).Takes(id) {
					in++
				}
			}
			if in != 1 {
				t.Fatalf("%s is in %d of %d shards", id, in, count)
			}
		}
	}
}
