package loader

import (
	"slices"
	"testing"
)

// TestHeadlineRaisers: the name before a lower-case funding verb and an
// amount, then its shorter forms without a capitalised description; no
// name for other shapes.
func TestHeadlineRaisers(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"Tessly raises $12M to hire engineers", []string{"Tessly"}},
		{"Design platform Quillon Labs lands $20 million", []string{"Quillon Labs"}},
		{"Israeli Tessly secures €8M", []string{"Israeli Tessly", "Tessly"}},
		{"Brindle and Orr raises $3 million seed round", []string{"Brindle and Orr", "Orr"}},
		{"Myst maker Velloq raises $3.5M to build avatars", []string{"Velloq"}},
		{"Tessly Raises $12M", nil},
		{"Tessly reportedly raises $12M", nil},
		{"Report: Tessly raises more money", nil},
		{"Orla's Quill unit raises $9M", nil},
	} {
		if got := headlineRaisers(tc.title); !slices.Equal(got, tc.want) {
			t.Errorf("headlineRaisers(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
