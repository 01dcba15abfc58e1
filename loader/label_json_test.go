package loader_test

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/partnergraph/partnergraph/loader"
)

// marshalLabel is the reference encoding: encoding/json without HTML
// escaping, without the trailing newline.
func marshalLabel(t *testing.T, l loader.LabelArticle) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func checkAppendJSON(t *testing.T, name string, l loader.LabelArticle) {
	t.Helper()
	got, err := l.AppendJSON([]byte("prefix"))
	if err != nil {
		t.Fatalf("%s: AppendJSON: %v", name, err)
	}
	want := append([]byte("prefix"), marshalLabel(t, l)...)
	if !bytes.Equal(got, want) {
		t.Errorf("%s: AppendJSON\n got %s\nwant %s", name, got, want)
	}
}

func TestLabelAppendJSON(t *testing.T) {
	owner, year := "Sony <Group> & \"Co\"", 1987
	tiny, huge, val := 1.5e-9, 2e21, 12.5e6
	tests := []struct {
		name string
		l    loader.LabelArticle
	}{
		{"zero", loader.LabelArticle{}},
		{"empty", loader.LabelArticle{ID: "x", Companies: []loader.LabelEntity{}, Platforms: []loader.LabelPlatform{}, Deals: []loader.LabelDeal{}}},
		{"full", loader.LabelArticle{
			ID:     "reuters-1\t<b>",
			Source: loader.LabelSource{URL: "https://x/?a=1&b=2", Title: "Caf\u00e9 \u2028 \u2029 \x01 \x7f \xff", Published: "1987-02-26"},
			Companies: []loader.LabelEntity{
				{Name: "A \"quoted\" back\\slash\n\r\b\f", Aliases: []string{}},
				{Name: "B", Aliases: nil},
				{Name: "C", Aliases: []string{"c1", "c2"}},
			},
			Platforms: []loader.LabelPlatform{
				{Name: "P", Aliases: []string{}, Owner: &owner, Kind: "console"},
				{Name: "Q", Aliases: []string{"q"}},
			},
			Deals: []loader.LabelDeal{
				{Parties: []string{"A", "B"}, Roles: []string{"buyer", "target"}, Type: "acquisition", Platforms: []string{}, Year: &year, Status: "announced", Value: &val, Currency: "USD",
					Evidence: loader.LabelEvidence{Sentence: "A said it \u2019d buy B.", Start: 3, End: 40}, Confidence: 0.85},
				{Parties: nil, Roles: nil, Type: "", Platforms: nil, Status: "", Value: &tiny, Confidence: 1},
				{Value: &huge, Confidence: 0},
				{Confidence: 1e-7},
			},
		}},
	}
	for _, tt := range tests {
		checkAppendJSON(t, tt.name, tt.l)
	}
	nan := math.NaN()
	if _, err := (loader.LabelArticle{Deals: []loader.LabelDeal{{Value: &nan}}}).AppendJSON(nil); err == nil {
		t.Error("AppendJSON of a NaN value: no error")
	}
}

// TestLabelAppendJSONCorpus compares AppendJSON with encoding/json on the
// extractions of the labelled corpus.
func TestLabelAppendJSONCorpus(t *testing.T) {
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	x := loader.NewExtractor(g)
	n := 0
	for _, name := range []string{"seeds.jsonl", "dev.jsonl"} {
		for _, a := range readJSONL(t, corpusPath(t, name)) {
			doc, err := loader.Clean(a)
			if err != nil {
				continue
			}
			checkAppendJSON(t, a.SourceID, loader.Label(x.Extract(doc)))
			n++
		}
	}
	if n == 0 {
		t.Fatal("no corpus article was labelled")
	}
}

// TestLabelAppendJSONFields fails when a label type gains or loses a
// field, so that AppendJSON is updated with it.
func TestLabelAppendJSONFields(t *testing.T) {
	want := map[reflect.Type]int{
		reflect.TypeFor[loader.LabelArticle]():  5,
		reflect.TypeFor[loader.LabelSource]():   4,
		reflect.TypeFor[loader.LabelEntity]():   2,
		reflect.TypeFor[loader.LabelPlatform](): 4,
		reflect.TypeFor[loader.LabelDeal]():     11,
		reflect.TypeFor[loader.LabelEvidence](): 3,
	}
	for typ, n := range want {
		if typ.NumField() != n {
			t.Errorf("%v has %d fields, AppendJSON writes %d: update LabelArticle.AppendJSON", typ, typ.NumField(), n)
		}
	}
}
