package loader

import (
	"fmt"
	"os"
	"testing"
)

// TestZZDebug prints the sentences and mentions of DEBUG_TEXT (temporary).
func TestZZDebug(t *testing.T) {
	txt := os.Getenv("DEBUG_TEXT")
	if txt == "" {
		t.Skip()
	}
	g, _ := DefaultGazetteer()
	doc, err := Clean(RawArticle{SourceID: "d", Text: txt, Published: os.Getenv("DEBUG_PUB")})
	if err != nil {
		t.Fatal(err)
	}
	ms := NewEntityRecognizer(g).Find(doc)
	for _, sp := range Sentences(doc.Text) {
		fmt.Printf("S: %q\n", string([]rune(doc.Text)[sp.Start:sp.End]))
	}
	for _, m := range ms {
		fmt.Printf("M: %s %q -> %q (%s)\n", m.Kind, m.Surface, m.Name, m.Source)
	}
	x := extractFrom(doc, ms)
	for _, d := range x.Deals {
		fmt.Println("D:", brief(d))
	}
}

func TestZZCues(t *testing.T) {
	s := os.Getenv("DEBUG_CUES")
	if s == "" {
		t.Skip()
	}
	n, a, w := countCues(s)
	fmt.Println("CUES", n, a, w)
}
