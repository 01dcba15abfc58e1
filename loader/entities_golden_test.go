package loader_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/loader"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/entities")

// TestEntitiesGolden cleans each testdata/entities/*.txt article, finds its
// mentions and compares them with NAME.golden.json. Run with -update after
// an intended change and review the diff.
func TestEntitiesGolden(t *testing.T) {
	r := recognizer(t)
	files, err := filepath.Glob(filepath.Join("testdata", "entities", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := loader.Clean(loader.RawArticle{SourceID: "golden", Publisher: "Example Games", Text: string(text)})
			if err != nil {
				t.Fatal(err)
			}
			type mention struct {
				Kind, Name, Surface, Source string
				Start, End                  int
			}
			got := struct {
				Text     string
				Mentions []mention
			}{Text: doc.Text}
			rs := doc.Text
			for _, m := range r.Find(doc) {
				if string(rs[m.Start:m.End]) != m.Surface {
					t.Errorf("offsets [%d,%d) do not hold %q", m.Start, m.End, m.Surface)
				}
				got.Mentions = append(got.Mentions, mention{Kind: string(m.Kind), Name: m.Name, Surface: m.Surface, Source: m.Source, Start: m.Start, End: m.End})
			}
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			want := got
			want.Mentions = nil
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
