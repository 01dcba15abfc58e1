package storekit_test

import (
	"errors"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// TestValidate checks each shape rule on a batch that breaks only it.
func TestValidate(t *testing.T) {
	deal := pg.Deal{ID: "d:1", Type: pg.Partnership, Parties: partners(sega, sony)}
	tests := []struct {
		name  string
		batch pg.Batch
		valid bool
	}{
		{"an empty batch", pg.Batch{}, true},
		{"a well-formed batch", pg.Batch{
			Articles:  []pg.Article{{ID: a1}},
			Companies: []pg.Company{{ID: sega, Name: "SEGA"}},
			Platforms: []pg.Platform{{ID: azure, Name: "Azure"}},
			Deals:     []pg.Deal{deal},
			Evidence:  []pg.Evidence{{DealID: "d:1", ArticleID: a1, PlatformIDs: []string{azure}}},
			Mentions:  []pg.Mention{{ArticleID: a1, Kind: pg.MentionPlatform, EntityID: azure}},
		}, true},
		{"an article without ID", pg.Batch{Articles: []pg.Article{{Title: "x"}}}, false},
		{"a company without name", pg.Batch{Companies: []pg.Company{{ID: sega}}}, false},
		{"a company without ID", pg.Batch{Companies: []pg.Company{{Name: "SEGA"}}}, false},
		{"a platform without name", pg.Batch{Platforms: []pg.Platform{{ID: azure}}}, false},
		{"a deal without ID", pg.Batch{Deals: []pg.Deal{{Type: pg.Partnership}}}, false},
		{"a deal of unknown type", pg.Batch{Deals: []pg.Deal{{ID: "d:1", Type: "friendship"}}}, false},
		{"a party without company", pg.Batch{Deals: []pg.Deal{{ID: "d:1", Type: pg.Merger, Parties: []pg.Party{{Role: pg.RolePartner}}}}}, false},
		{"a deal on an empty platform ID", pg.Batch{Deals: []pg.Deal{{ID: "d:1", Type: pg.Merger, PlatformIDs: []string{""}}}}, false},
		{"evidence without article", pg.Batch{Evidence: []pg.Evidence{{DealID: "d:1"}}}, false},
		{"evidence on an empty platform ID", pg.Batch{Evidence: []pg.Evidence{{DealID: "d:1", ArticleID: a1, PlatformIDs: []string{""}}}}, false},
		{"a mention without entity", pg.Batch{Mentions: []pg.Mention{{ArticleID: a1, Kind: pg.MentionCompany}}}, false},
		{"a mention of unknown kind", pg.Batch{Mentions: []pg.Mention{{ArticleID: a1, Kind: "person", EntityID: "x"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := storekit.Validate(tt.batch)
			if tt.valid && err != nil {
				t.Errorf("Validate: %v, want nil", err)
			}
			if !tt.valid && !errors.Is(err, pg.ErrInvalid) {
				t.Errorf("Validate: %v, want an error wrapping ErrInvalid", err)
			}
		})
	}
}

// TestRefsOf checks that the refs of a batch name every record writing it
// reads.
func TestRefsOf(t *testing.T) {
	b := pg.Batch{
		Articles:  []pg.Article{{ID: a1}},
		Companies: []pg.Company{{ID: sega}},
		Platforms: []pg.Platform{{ID: naomi, OwnerID: segaSammy}},
		Deals:     []pg.Deal{{ID: msSega, Parties: partners(microsoft, sega), PlatformIDs: []string{azure}}},
		Evidence:  []pg.Evidence{{DealID: sonySega, ArticleID: a2, PlatformIDs: []string{xbox}}},
		Mentions: []pg.Mention{
			{ArticleID: "a:3", Kind: pg.MentionCompany, EntityID: sony},
			{ArticleID: "a:3", Kind: pg.MentionPlatform, EntityID: "p:switch"},
		},
	}
	got := storekit.RefsOf(b)
	want := storekit.Refs{
		Companies: []string{sega, segaSammy, microsoft, sega, sony},
		Platforms: []string{naomi, azure, xbox, "p:switch"},
		Deals:     []string{msSega, sonySega},
		Articles:  []string{a1, a2, "a:3", "a:3"},
	}
	checkEqual(t, "RefsOf", want, got)
}
