package loader

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scoreTestTexts returns the cleaned texts of the test and example
// articles, and of the JSONL file in $TAGGER_SCORE_JSONL when it is set
// (a larger corpus to check by hand).
func scoreTestTexts(t *testing.T) []string {
	t.Helper()
	var raws []string
	for _, pat := range []string{"testdata/entities/*.txt", "../examples/articles/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			raws = append(raws, string(b))
		}
	}
	if path := os.Getenv("TAGGER_SCORE_JSONL"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var rec struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Text != "" {
				raws = append(raws, rec.Text)
			}
		}
	}
	var out []string
	for _, raw := range raws {
		if doc, err := Clean(RawArticle{SourceID: "t", Text: raw}); err == nil {
			out = append(out, doc.Text)
		}
	}
	if len(out) == 0 {
		t.Fatal("no articles")
	}
	return out
}

// TestScoreTokenIsScore checks that scoreToken gives every token of every
// run, after every pair of earlier tags, the very score of score and
// features, bit for bit.
func TestScoreTokenIsScore(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewExtractor(g).rec
	tg := r.tagger
	if tg == nil || tg.fixed == nil {
		t.Fatal("no tagger")
	}
	scored := 0
	for _, text := range scoreTestTexts(t) {
		tx := NewText(text)
		rules, _, _ := r.rulePicks(tx)
		c := newTagContext(tx, r.lexicon(), r.g, rules)
		for _, run := range c.runs {
			for k := run.i; k < run.j; k++ {
				for prev := -1; prev < nTags; prev++ {
					for prev2 := -1; prev2 < nTags; prev2++ {
						want := tg.score(c.features(k, prev, prev2, nil))
						got := c.scoreToken(tg, k, prev, prev2)
						for i := range want {
							if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
								w := tx.Src[tx.toks[k].s:tx.toks[k].e]
								t.Fatalf("token %d %q after %d, %d: scoreToken %v, score %v", k, w, prev2, prev, got, want)
							}
						}
						scored++
					}
				}
			}
		}
	}
	if scored == 0 {
		t.Fatal("no token scored")
	}
	t.Logf("%d scores compared", scored)
}

// TestCorpusIndex checks corpusIndex against the values init writes.
func TestCorpusIndex(t *testing.T) {
	seen := map[int]string{}
	for _, pos := range []string{"B", "I"} {
		for _, b := range lexBuckets {
			v := pos + b
			i := corpusIndex(v)
			if i <= 0 || i >= len(fixedWeights{}.corpus) || seen[i] != "" {
				t.Fatalf("corpusIndex(%q) = %d", v, i)
			}
			seen[i] = v
		}
	}
	if corpusIndex("") != 0 || !strings.HasPrefix(lexBucket(5), "2") {
		t.Fatal("corpusIndex or lexBucket is off")
	}
}
