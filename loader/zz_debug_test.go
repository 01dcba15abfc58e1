package loader

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	id := os.Getenv("DBG_ID")
	if id == "" {
		t.Skip()
	}
	g, _ := DefaultGazetteer()
	rec := NewEntityRecognizer(g)
	for _, path := range []string{"/work/shared/corpus/dev.jsonl", "/work/shared/corpus/seeds.jsonl", os.Getenv("DBG_FILE")} {
		if path == "" {
			continue
		}
		f, _ := os.Open(path)
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var r struct{ ID, Text, Published string }
			json.Unmarshal(sc.Bytes(), &r)
			if r.ID != id {
				continue
			}
			doc, _ := Clean(RawArticle{SourceID: r.ID, Text: r.Text, Published: r.Published})
			ms := rec.Find(doc)
			conv := newRuneOffsets(doc.Text)
			grep := os.Getenv("DBG_GREP")
			for _, sp := range Sentences(doc.Text) {
				b, e := conv.toByte(sp.Start), conv.toByte(sp.End)
				s := doc.Text[b:e]
				if grep != "" && !strings.Contains(strings.ToLower(s), grep) {
					continue
				}
				var names []string
				for _, m := range ms {
					if m.Start >= sp.Start && m.End <= sp.End {
						names = append(names, fmt.Sprintf("%s[%s]{%s}", m.Surface, m.Name, m.Kind))
					}
				}
				fmt.Printf("S: %s\n   ents: %v\n", s, names)
			}
			x := extractFrom(doc, ms)
			for _, d := range x.Deals {
				fmt.Println("  DEAL", brief(d))
			}
		}
	}
}
