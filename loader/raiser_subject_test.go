package loader_test

import (
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// TestKnownSubjectRaisesNoRound: "It has raised $1 million from A and
// B" in a story that names a large company the gazetteer knows most
// gives that company no round; named outright, it would.
func TestKnownSubjectRaisesNoRound(t *testing.T) {
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	x := loader.NewExtractor(g)
	investees := func(text string) []string {
		doc, err := loader.Clean(loader.RawArticle{SourceID: "t", Title: "A tool for search teams", Published: "2021-07-01", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range x.Extract(doc).Deals {
			for _, p := range d.Parties {
				if d.Type == partnergraph.Investment && p.Role == partnergraph.RoleInvestee {
					out = append(out, p.Name)
				}
			}
		}
		return out
	}
	story := "Microsoft search engineers built the tool. Microsoft tested it, and Microsoft may ship it next year.\n\n"
	if got := investees(story + "It has raised $1 million from Pinecrest Ventures, Orvane Capital and several angel investors."); len(got) != 0 {
		t.Errorf("a known subject standing in for \"it\" raised money: %v", got)
	}
	if got := investees(story + "Microsoft has raised $1 million from Pinecrest Ventures and Orvane Capital."); len(got) == 0 {
		t.Error("a known company named as the raiser raised nothing")
	}
}
