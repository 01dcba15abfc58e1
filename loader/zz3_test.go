package loader

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZ3(t *testing.T) {
	id := os.Getenv("DBG_ID")
	if id == "" {
		t.Skip()
	}
	f, _ := os.Open("/tmp/rtrain.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct{ ID, Text, Published string }
		json.Unmarshal(sc.Bytes(), &r)
		if r.ID != id {
			continue
		}
		doc, _ := Clean(RawArticle{SourceID: r.ID, Text: r.Text, Published: r.Published})
		fmt.Printf("%q\n", doc.Text)
		conv := newRuneOffsets(doc.Text)
		for _, sp := range joinWrapped(doc.Text, conv, Sentences(doc.Text)) {
			fmt.Printf("  %q\n", doc.Text[conv.toByte(sp.Start):conv.toByte(sp.End)])
		}
	}
}
