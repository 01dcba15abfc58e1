package loader

import (
	"testing"

	"github.com/partnergraph/partnergraph"
)

// TestLegalFormAloneIsNoCompany: a mention that is only a legal form
// ("Inc" cut off "Harbex Labs, Inc." by a recogniser) is dropped; the
// name before it stays.
func TestLegalFormAloneIsNoCompany(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	text := "Zyxo bought Harbex Labs, Inc. last year."
	picked := []candidate{
		{s: 12, e: 23, kind: partnergraph.MentionCompany, name: "Harbex Labs", source: "tagger"},
		{s: 25, e: 28, kind: partnergraph.MentionCompany, name: "Inc", source: "tagger"},
	}
	got := r.dropLateNonCompanies(text, picked)
	if len(got) != 1 || got[0].name != "Harbex Labs" {
		t.Errorf("kept %+v, want only Harbex Labs", got)
	}
}

// TestNameOpeningAPlaceIsNoCompany: a tagger's name that is the first
// word of a place the gazetteer knows ("New" of "New York") is dropped.
func TestNameOpeningAPlaceIsNoCompany(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	text := "A group led by New York investor Jane Doe cut its stake in Zyxo."
	picked := []candidate{
		{s: 15, e: 18, kind: partnergraph.MentionCompany, name: "New", source: "tagger"},
		{s: 60, e: 64, kind: partnergraph.MentionCompany, name: "Zyxo", source: "tagger"},
	}
	got := r.dropLateNonCompanies(text, picked)
	if len(got) != 1 || got[0].name != "Zyxo" {
		t.Errorf("kept %+v, want only Zyxo", got)
	}
}
