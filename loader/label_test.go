package loader_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

func TestLabelFormat(t *testing.T) {
	v := 2e6
	x := loader.Extraction{
		Doc: loader.Document{
			SourceID: "reuters-1103",
			Text:     "Saatchi and Saatchi Co Plc said it was buying Cleveland Consulting Associates Inc.",
			Article:  partnergraph.Article{ID: "a:reuters-1103", Title: "SAATCHI BUYS CLEVELAND", Publisher: "Reuters"},
		},
		Companies: []loader.ExtractedCompany{
			{Name: "Saatchi and Saatchi", Aliases: []string{"Saatchi and Saatchi Co Plc"}},
			{Name: "Cleveland Consulting Associates Inc"},
		},
		Platforms: []loader.ExtractedPlatform{{Name: "Azure", Kind: partnergraph.PlatformCloud}},
		Deals: []loader.ExtractedDeal{{
			Type:    partnergraph.Acquisition,
			Parties: []loader.ExtractedParty{{Name: "Saatchi and Saatchi", Role: partnergraph.RoleBuyer}, {Name: "Cleveland Consulting Associates Inc", Role: partnergraph.RoleTarget}},
			Status:  partnergraph.AgreedInPrinciple, Value: &v, Currency: "USD",
			Sentence: "Saatchi and Saatchi Co Plc said it was buying Cleveland Consulting Associates Inc.", Start: 0, End: 83, Confidence: 0.834,
		}},
	}
	b, err := json.Marshal(loader.Label(x))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"id":     "reuters-1103",
		"source": map[string]any{"title": "SAATCHI BUYS CLEVELAND", "publisher": "Reuters"},
		// The fullest spelling in the text names the company.
		"companies": []any{
			map[string]any{"name": "Saatchi and Saatchi Co Plc", "aliases": []any{"Saatchi and Saatchi"}},
			map[string]any{"name": "Cleveland Consulting Associates Inc", "aliases": []any{}},
		},
		"platforms": []any{map[string]any{"name": "Azure", "aliases": []any{}, "owner": nil, "kind": "cloud"}},
		"deals": []any{map[string]any{
			"parties": []any{"Saatchi and Saatchi Co Plc", "Cleveland Consulting Associates Inc"},
			"roles":   []any{"buyer", "target"},
			"type":    "acquisition", "platforms": []any{}, "year": nil, "status": "agreed_in_principle",
			"value": 2e6, "currency": "USD", "confidence": 0.83,
			"evidence": map[string]any{"sentence": "Saatchi and Saatchi Co Plc said it was buying Cleveland Consulting Associates Inc.", "start": 0.0, "end": 83.0},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("label JSON (-want +got):\n%s", diff)
	}
}

func TestLabelPlatformNames(t *testing.T) {
	tests := []struct {
		name, text string
		platforms  []loader.ExtractedPlatform
		dealPlats  []string
		want       []string // printed names, in order
		wantDeal   []string
	}{
		{
			name:      "only the short form is written",
			text:      "Zyxo ships its game on the PS5 next spring.",
			platforms: []loader.ExtractedPlatform{{Name: "PlayStation 5", Aliases: []string{"PS5"}, Owner: "Sony"}},
			dealPlats: []string{"PlayStation 5"},
			want:      []string{"PS5"},
			wantDeal:  []string{"PS5"},
		},
		{
			name:      "owner written before the name",
			text:      "Zyxo will run its shop on Oracle Cloud Infrastructure.",
			platforms: []loader.ExtractedPlatform{{Name: "Cloud Infrastructure", Owner: "Oracle"}},
			want:      []string{"Oracle Cloud Infrastructure"},
		},
		{
			name:      "generic word after a known name",
			text:      "Zyxo moves to the Azure cloud. Azure cloud customers gain.",
			platforms: []loader.ExtractedPlatform{{Name: "Azure", Aliases: []string{"Azure cloud"}, Owner: "Microsoft"}},
			want:      []string{"Azure"},
		},
		{
			name: "family name beside a numbered member",
			text: "Sony said the PlayStation 3 is due in May. The new PlayStation console is fast.",
			platforms: []loader.ExtractedPlatform{
				{Name: "PlayStation 3", Owner: "Sony"},
				{Name: "PlayStation", Owner: "Sony"},
			},
			want: []string{"PlayStation 3"},
		},
		{
			name:      "canonical not written as a whole word",
			text:      "The Xboxes sold out; Xbox Series X stock is low.",
			platforms: []loader.ExtractedPlatform{{Name: "Xbox", Owner: "Microsoft"}},
			want:      []string{"Xbox"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := loader.Extraction{Doc: loader.Document{Text: tt.text}, Platforms: tt.platforms}
			if tt.dealPlats != nil {
				x.Deals = []loader.ExtractedDeal{{Type: partnergraph.Partnership, Platforms: tt.dealPlats, Parties: []loader.ExtractedParty{{Name: "Zyxo"}, {Name: "Orbital"}}}}
			}
			l := loader.Label(x)
			var got []string
			for _, p := range l.Platforms {
				got = append(got, p.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("platform names (-want +got):\n%s", diff)
			}
			if tt.dealPlats != nil {
				if diff := cmp.Diff(tt.wantDeal, l.Deals[0].Platforms); diff != "" {
					t.Errorf("deal platforms (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestLabelNamesWhatTheTextWrites: a company whose canonical name the
// text never writes is named by the spelling it does write, and its
// deals by that name; a canonical name the text writes stays, even
// beside another alias.
func TestLabelNamesWhatTheTextWrites(t *testing.T) {
	x := loader.Extraction{
		Doc: loader.Document{
			SourceID: "t1",
			Text:     "Quillo raised $43 million in a round led by HVR. Orvane Group also backs Quillo, and Delphos said so.",
		},
		Companies: []loader.ExtractedCompany{
			{Name: "Quillo"},
			{Name: "Harlow Vance Roberts", Aliases: []string{"HVR", "HVR & Co"}},
			{Name: "Orvane Group", Aliases: []string{"Delphos"}},
		},
		Deals: []loader.ExtractedDeal{{
			Type:    partnergraph.Investment,
			Parties: []loader.ExtractedParty{{Name: "Harlow Vance Roberts", Role: partnergraph.RoleInvestor}, {Name: "Quillo", Role: partnergraph.RoleInvestee}},
		}},
	}
	got := loader.Label(x)
	var names []string
	for _, c := range got.Companies {
		names = append(names, c.Name)
	}
	if diff := cmp.Diff([]string{"Quillo", "HVR", "Orvane Group"}, names); diff != "" {
		t.Errorf("company names (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"HVR", "Quillo"}, got.Deals[0].Parties); diff != "" {
		t.Errorf("deal parties (-want +got):\n%s", diff)
	}
}
