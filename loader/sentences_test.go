package loader_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/loader"
)

func sentenceTexts(text string) []string {
	rs := text
	var out []string
	for _, s := range loader.Sentences(text) {
		out = append(out, string(rs[s.Start:s.End]))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Microsoft and SEGA agreed. Sony did too.", []string{"Microsoft and SEGA agreed.", "Sony did too."}},
		{"company suffix mid-sentence", "Hughes Tool Co. said it would merge with Baker International Corp. of Orinda.",
			[]string{"Hughes Tool Co. said it would merge with Baker International Corp. of Orinda."}},
		{"suffix then opener", "It bought Pizza Inn Inc. The deal closed.", []string{"It bought Pizza Inn Inc.", "The deal closed."}},
		{"titles and months", "Mr. Smith met Dr. Jones on Jan. 5. They agreed.", []string{"Mr. Smith met Dr. Jones on Jan. 5.", "They agreed."}},
		{"decimals", "Sales rose 4.4 pct to 4.2 billion dlrs. Profit fell.", []string{"Sales rose 4.4 pct to 4.2 billion dlrs.", "Profit fell."}},
		{"initials", "Its largest shareholder, F.J. Spillman, agreed.", []string{"Its largest shareholder, F.J. Spillman, agreed."}},
		{"country abbreviation", "It sells in the U.S. and Canada. The U.S. unit grew.", []string{"It sells in the U.S. and Canada.", "The U.S. unit grew."}},
		{"country abbreviation ends", "It expanded in the U.S. The move paid off.", []string{"It expanded in the U.S.", "The move paid off."}},
		{"quotes", `"We are pleased," he said. "It is a good deal." Shares rose.`, []string{`"We are pleased," he said.`, `"It is a good deal."`, "Shares rose."}},
		{"question and exclamation", "Is it a merger? No! It is a partnership.", []string{"Is it a merger?", "No!", "It is a partnership."}},
		{"line breaks", "KLM DENIES TAKEOVER\n\nKLM said no.", []string{"KLM DENIES TAKEOVER", "KLM said no."}},
		{"lower case after period", "The firm, i.e. the buyer, paid 10 dlrs. a share.", []string{"The firm, i.e. the buyer, paid 10 dlrs. a share."}},
		{"unicode offsets", "Nestlé bought it. Café Noir agreed.", []string{"Nestlé bought it.", "Café Noir agreed."}},
		{"empty", "   ", nil},
		{"ellipsis", "Talks stalled… Sony walked away.", []string{"Talks stalled…", "Sony walked away."}},
		{"ellipsis after other characters", "Die Gespräche — gescheitert… Sony ging.", []string{"Die Gespräche — gescheitert…", "Sony ging."}},
		{"ellipsis after a broken character", "Talks \xf0… Sony left.", []string{"Talks \xf0…", "Sony left."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentenceTexts(tt.in)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSentencesSpansAreByteOffsets(t *testing.T) {
	text := "Über AG grew. Sony fell." // Ü takes two bytes
	got := loader.Sentences(text)
	want := []loader.Span{{0, 14}, {15, 25}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
