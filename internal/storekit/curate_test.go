package storekit_test

import (
	"errors"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// TestCurate applies each kind of curation to the fixture and compares the
// resulting graph with the fixture edited by hand.
func TestCurate(t *testing.T) {
	tests := []struct {
		name     string
		past     []pg.Curation
		curation pg.Curation
		want     func(g *graph) // edits the fixture into the expected graph
		wantErr  error
	}{
		{
			name:     "add an alias",
			curation: pg.Curation{Kind: pg.CurateAddAlias, CompanyID: sega, Alias: "Sega Games"},
			want: func(g *graph) {
				c := g.Companies[sega]
				c.Aliases, c.Links = []string{"Sega", "Sega Games"}, []pg.NameLink{{Name: "Sega Games", Reason: pg.LinkCuration}}
				g.Companies[sega] = c
			},
		},
		{
			name:     "add an empty alias",
			curation: pg.Curation{Kind: pg.CurateAddAlias, CompanyID: sega, Alias: "  "},
			wantErr:  pg.ErrInvalid,
		},
		{
			name:     "add an alias to an unknown company",
			curation: pg.Curation{Kind: pg.CurateAddAlias, CompanyID: "atari", Alias: "Atari Inc"},
			wantErr:  pg.ErrNotFound,
		},
		{
			// SEGA Sammy's deal with Microsoft becomes SEGA's, which exists
			// already: the two merge and are re-aggregated over the
			// evidence of both; its mention and its platform move to SEGA.
			name:     "merge a company into another",
			past:     []pg.Curation{{Kind: pg.CurateAddAlias, CompanyID: sony, Alias: "Sony Group"}},
			curation: pg.Curation{Kind: pg.CurateMerge, KeepID: sega, DropID: segaSammy},
			want: func(g *graph) {
				c := g.Companies[sega]
				c.Aliases, c.Links = []string{"Sega", "SEGA Sammy"}, []pg.NameLink{{Name: "SEGA Sammy", Reason: pg.LinkCuration}}
				g.Companies[sega] = c
				delete(g.Companies, segaSammy)
				delete(g.Deals, msSammy)
				d := g.Deals[msSega]
				d.Status, d.PlatformIDs, d.Confidence = pg.Completed, []string{azure, xbox}, 0.75
				g.Deals[msSega] = d
				e := g.Evidence[storekit.EvidenceKey{DealID: msSammy, ArticleID: a2}]
				delete(g.Evidence, storekit.EvidenceKey{DealID: msSammy, ArticleID: a2})
				e.DealID = msSega
				g.Evidence[storekit.EvidenceKey{DealID: msSega, ArticleID: a2}] = e
				delete(g.Mentions, pg.Mention{ArticleID: a2, Kind: pg.MentionCompany, EntityID: segaSammy})
				g.Mentions[pg.Mention{ArticleID: a2, Kind: pg.MentionCompany, EntityID: sega}] = true
				p := g.Platforms[naomi]
				p.OwnerID = sega
				g.Platforms[naomi] = p
			},
		},
		{
			name:     "merge a company into itself",
			curation: pg.Curation{Kind: pg.CurateMerge, KeepID: sega, DropID: sega},
			wantErr:  pg.ErrConflict,
		},
		{
			name:     "merge an unknown company",
			curation: pg.Curation{Kind: pg.CurateMerge, KeepID: sega, DropID: "atari"},
			wantErr:  pg.ErrNotFound,
		},
		{
			name:     "split an alias off, ignoring case",
			curation: pg.Curation{Kind: pg.CurateSplit, CompanyID: microsoft, Alias: "xbox game studios"},
			want: func(g *graph) {
				g.Companies[microsoft] = pg.Company{ID: microsoft, Name: "Microsoft", Aliases: []string{"MSFT"}}
				g.Companies["xbox-game-studios"] = pg.Company{ID: "xbox-game-studios", Name: "xbox game studios"}
			},
		},
		{
			name:     "split off an alias whose ID is taken",
			curation: pg.Curation{Kind: pg.CurateSplit, CompanyID: sega, Alias: "Sega"},
			wantErr:  pg.ErrConflict,
		},
		{
			name:     "split off an alias the company lacks",
			curation: pg.Curation{Kind: pg.CurateSplit, CompanyID: sega, Alias: "Sammy"},
			wantErr:  pg.ErrNotFound,
		},
		{
			name:     "reject a deal",
			curation: pg.Curation{Kind: pg.CurateRejectDeal, DealID: sonySega},
			want: func(g *graph) {
				delete(g.Deals, sonySega)
				delete(g.Evidence, storekit.EvidenceKey{DealID: sonySega, ArticleID: a1})
				delete(g.Evidence, storekit.EvidenceKey{DealID: sonySega, ArticleID: a2})
			},
		},
		{
			name:     "reject an unknown deal",
			curation: pg.Curation{Kind: pg.CurateRejectDeal, DealID: "d:none"},
			wantErr:  pg.ErrNotFound,
		},
		{
			// The deal only a1 supports goes; the one a2 supports too is
			// re-aggregated over a2's evidence alone.
			name:     "delete an article",
			curation: pg.Curation{Kind: pg.CurateDeleteArticle, ArticleID: a1},
			want: func(g *graph) {
				delete(g.Articles, a1)
				delete(g.Deals, msSega)
				delete(g.Evidence, storekit.EvidenceKey{DealID: msSega, ArticleID: a1})
				delete(g.Evidence, storekit.EvidenceKey{DealID: sonySega, ArticleID: a1})
				d := g.Deals[sonySega]
				d.Year, d.Confidence = 0, 0.5
				g.Deals[sonySega] = d
				for m := range g.Mentions {
					if m.ArticleID == a1 {
						delete(g.Mentions, m)
					}
				}
			},
		},
		{
			name:     "delete an unknown article",
			curation: pg.Curation{Kind: pg.CurateDeleteArticle, ArticleID: "a:none"},
			wantErr:  pg.ErrNotFound,
		},
		{
			name:     "an unknown kind",
			curation: pg.Curation{Kind: "rename", CompanyID: sega},
			wantErr:  pg.ErrInvalid,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := fixture()
			o := storekit.NewOverlay(g)
			err := o.Curate(tt.curation, tt.past)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Curate: %v, want an error wrapping %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Curate: %v", err)
			}
			want := fixture()
			tt.want(want)
			checkGraph(t, want, g.applied(o.Changes()))
		})
	}
}

// TestCurationThenWriteAgrees checks the promise curations make: applying a
// merge to the stored graph gives the same graph as writing the original
// facts again after the merge was recorded.
func TestCurationThenWriteAgrees(t *testing.T) {
	merge := pg.Curation{Kind: pg.CurateMerge, KeepID: sega, DropID: segaSammy}
	curated := fixture()
	o := storekit.NewOverlay(curated)
	if err := o.Curate(merge, nil); err != nil {
		t.Fatal(err)
	}
	curated = curated.applied(o.Changes())

	// Reloading the article that reported SEGA Sammy's deal changes
	// nothing once the merge is recorded.
	f := fixture()
	reload := pg.Batch{
		Articles:  []pg.Article{f.Articles[a2]},
		Companies: []pg.Company{f.Companies[microsoft], f.Companies[segaSammy]},
		Deals:     []pg.Deal{f.Deals[msSammy]},
		Evidence:  []pg.Evidence{f.Evidence[storekit.EvidenceKey{DealID: msSammy, ArticleID: a2}]},
		Mentions:  []pg.Mention{{ArticleID: a2, Kind: pg.MentionCompany, EntityID: segaSammy}},
	}
	o = storekit.NewOverlay(curated)
	if err := o.Write(reload, []pg.Curation{merge}); err != nil {
		t.Fatal(err)
	}
	checkGraph(t, curated, curated.applied(o.Changes()))
}
