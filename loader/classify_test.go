package loader

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnergraph/partnergraph"
)

func TestStoryFeatures(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Zorvex Corp agreed to buy Quallin Inc", []string{"@", "agreed", "@ agreed", "to", "agreed to", "buy", "to buy", "@", "buy @"}},
		{"ZORVEX TO BUY WIDGET MAKER", []string{"@", "to", "@ to", "buy", "to buy", "widget", "buy widget", "maker", "widget maker"}},
		{"a 9.8 pct stake", []string{"#", "pct", "# pct", "stake", "pct stake"}},
		{"holds 1,250,000 shares", []string{"holds", "#", "holds #", "shares", "# shares"}},
		{"Zorvex's offer", []string{"@", "offer", "@ offer"}},
		{"The Company's offer", []string{"the", "company", "the company", "offer", "company offer"}},
		{"sold. Then bought", []string{"sold", "then", "bought", "then bought"}},
		{"3rd", []string{"#"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		StoryFeatures(tt.text, func(f string) { got = append(got, f) })
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("StoryFeatures(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestParseStoryModelRejectsBadModels(t *testing.T) {
	for _, in := range []string{`{`, `{"bias":0,"threshold":0.5,"weights":{}}`, `{"bias":0,"threshold":1.5,"weights":{"buy":1}}`, `{"weights":{"buy":1}}`} {
		if _, err := ParseStoryModel([]byte(in)); !errors.Is(err, partnergraph.ErrInvalid) {
			t.Errorf("ParseStoryModel(%s) = %v, want ErrInvalid", in, err)
		}
	}
}

// TestDefaultStoryModel checks that the shipped model separates plain
// cases: stories about a takeover or a stake from a crop report and a
// dividend notice. The texts are written for this test.
func TestDefaultStoryModel(t *testing.T) {
	m, err := DefaultStoryModel()
	if err != nil {
		t.Fatal(err)
	}
	about := []string{
		"Northfield Industries Inc said it agreed to acquire Bexley Tool Co for 42 mln dlrs in cash. The acquisition is subject to approval by Bexley shareholders and is expected to close in the second quarter.",
		"An investor group told the Securities and Exchange Commission it has acquired 612,000 shares of Carrow Corp, or 7.1 pct of the outstanding common stock, and may seek control of the company.",
		"Delmont Corp said its board rejected the unsolicited tender offer of 31 dlrs a share from Hale Holdings, calling the bid inadequate.",
	}
	other := []string{
		"The Agriculture Department said the winter wheat crop was rated 61 pct good to excellent, up from 55 pct a week earlier, while corn planting lagged the five-year average.",
		"Pell Utilities Co declared a quarterly dividend of 45 cts a share, payable June 1 to holders of record May 15. The company said first quarter net income rose to 12 mln dlrs.",
	}
	for _, s := range about {
		if !m.About(s) {
			t.Errorf("About = false (p %.2f), want true: %q", m.Prob(s), s)
		}
	}
	for _, s := range other {
		if m.About(s) {
			t.Errorf("About = true (p %.2f), want false: %q", m.Prob(s), s)
		}
	}
	if !strings.Contains(m.Note, "TRAIN") {
		t.Errorf("model note %q does not say what it was trained on", m.Note)
	}
	var nilModel *StoryModel
	if nilModel.About(about[0]) {
		t.Error("a nil model must hold no story to be about ownership")
	}
}

// TestStoryHashesMatchFeatures checks that the hashed features Prob reads
// are exactly the hashes of the features the trainer saw.
func TestStoryHashesMatchFeatures(t *testing.T) {
	texts := []string{
		"Acme Corp said it agreed to BUY a 9.8 pct stake in Widgets Inc's unit; terms: 1,250,000 dlrs.\nThen X sold 3rd-quarter shares.",
		"", "a b c", "O'Neil's 5.5% of it", "  spaced   out\twords  ",
	}
	for _, text := range texts {
		var want, got []uint64
		StoryFeatures(text, func(f string) { want = append(want, featureHash(f)) })
		storyHashes(NewText(text), func(h uint64) { got = append(got, h) })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("storyHashes(%q) differs from the hashes of StoryFeatures (-want +got):\n%s", text, diff)
		}
	}
}
