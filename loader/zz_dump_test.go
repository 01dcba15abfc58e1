package loader

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDumpDealToks(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	var a struct{ Text, Title, Published string }
	json.Unmarshal(b, &a)
	doc, err := Clean(RawArticle{Text: a.Text, Title: a.Title, Published: a.Published, SourceID: "x"})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := DefaultGazetteer()
	r := NewEntityRecognizer(g)
	ms := r.Find(doc)
	for _, m := range ms {
		fmt.Println("M", m.Start, m.End, m.Surface, m.Name)
	}
}
