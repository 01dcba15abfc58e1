package storekit_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

func value(v float64) *float64 { return &v }

// TestWrite writes batches into the fixture and compares the resulting
// graph with the fixture edited by hand.
func TestWrite(t *testing.T) {
	a2Again := pg.Article{ID: a2, Title: "Deals of the year", Published: "2022-05-01"}
	tests := []struct {
		name       string
		curations  []pg.Curation
		batch      pg.Batch
		want       func(g *graph) // edits the fixture into the expected graph
		wantErr    error
		errMessage string
	}{
		{
			name: "a second article corroborates a deal",
			batch: pg.Batch{
				Articles: []pg.Article{a2Again},
				Deals: []pg.Deal{{ID: msSega, Type: pg.Partnership, Parties: partners(microsoft, sega),
					Summary: "ignored: the stored summary stays", Value: value(10), Currency: "USD"}},
				Evidence: []pg.Evidence{{DealID: msSega, ArticleID: a2, Year: 2022, Status: pg.Completed,
					PlatformIDs: []string{xbox, azure, xbox}, Confidence: 0.5, Published: "2022-05-01"}},
			},
			want: func(g *graph) {
				d := g.Deals[msSega]
				d.Year, d.Status, d.PlatformIDs, d.Confidence = 2021, pg.Completed, []string{azure, xbox}, 0.75
				d.Value, d.Currency = value(10), "USD"
				g.Deals[msSega] = d
				g.Evidence[storekit.EvidenceKey{DealID: msSega, ArticleID: a2}] = pg.Evidence{DealID: msSega, ArticleID: a2,
					Year: 2022, Status: pg.Completed, PlatformIDs: []string{azure, xbox}, Confidence: 0.5, Published: "2022-05-01"}
			},
		},
		{
			name:  "the stored name of a company stays and other spellings become aliases",
			batch: pg.Batch{Companies: []pg.Company{{ID: sega, Name: "Sega Corp", Aliases: []string{"SEGA", "Sega Games", "Sega"}}}},
			want: func(g *graph) {
				c := g.Companies[sega]
				c.Aliases = []string{"Sega", "Sega Corp", "Sega Games"}
				g.Companies[sega] = c
			},
		},
		{
			name: "a new company keeps its name out of its aliases",
			batch: pg.Batch{Companies: []pg.Company{{ID: "nintendo", Name: "Nintendo",
				Aliases: []string{"Nintendo", "Nintendo Co", "Nintendo Co"}}}},
			want: func(g *graph) {
				g.Companies["nintendo"] = pg.Company{ID: "nintendo", Name: "Nintendo", Aliases: []string{"Nintendo Co"}}
			},
		},
		{
			name: "a platform's kind and owner fill in empty ones only",
			batch: pg.Batch{Platforms: []pg.Platform{
				{ID: xbox, Name: "Xbox", Kind: pg.PlatformConsole, OwnerID: microsoft, Aliases: []string{"Xbox One"}},
				{ID: azure, Name: "Microsoft Azure", Kind: pg.PlatformOther, OwnerID: sony},
			}},
			want: func(g *graph) {
				g.Platforms[xbox] = pg.Platform{ID: xbox, Name: "Xbox", Kind: pg.PlatformConsole, OwnerID: microsoft, Aliases: []string{"Xbox One"}}
				g.Platforms[azure] = pg.Platform{ID: azure, Name: "Azure", Kind: pg.PlatformCloud, OwnerID: microsoft, Aliases: []string{"Microsoft Azure"}}
			},
		},
		{
			name: "a deal without evidence keeps the attributes written, tidied",
			batch: pg.Batch{Deals: []pg.Deal{{ID: "d:new", Type: pg.Licensing, Status: pg.Proposed, Year: 2019,
				Parties:     []pg.Party{{CompanyID: sony, Role: pg.RoleLicensor}, {CompanyID: sega, Role: pg.RoleLicensee}, {CompanyID: sony, Role: pg.RoleLicensor}},
				PlatformIDs: []string{xbox, azure, xbox}, Confidence: 0.3}}},
			want: func(g *graph) {
				g.Deals["d:new"] = pg.Deal{ID: "d:new", Type: pg.Licensing, Status: pg.Proposed, Year: 2019,
					Parties:     []pg.Party{{CompanyID: sony, Role: pg.RoleLicensor}, {CompanyID: sega, Role: pg.RoleLicensee}},
					PlatformIDs: []string{azure, xbox}, Confidence: 0.3}
			},
		},
		{
			name: "a later write fills in an empty summary and value, and states the attributes",
			batch: pg.Batch{Deals: []pg.Deal{
				{ID: "d:new", Type: pg.Licensing, Status: pg.Rumored, Year: 2018, Parties: partners(sony, sega), Confidence: 0.2},
				{ID: "d:new", Type: pg.Licensing, Status: pg.Announced, Year: 2019, Parties: partners(sony, sega),
					Summary: "Sony licenses SEGA games", Value: value(3), Currency: "USD", Confidence: 0.4},
				{ID: "d:new", Type: pg.Licensing, Status: pg.Completed, Year: 2019, Parties: partners(sony, sega),
					Summary: "ignored", Value: value(4), Currency: "EUR", Confidence: 0.5},
			}},
			want: func(g *graph) {
				g.Deals["d:new"] = pg.Deal{ID: "d:new", Type: pg.Licensing, Status: pg.Completed, Year: 2019,
					Parties: partners(sony, sega), Summary: "Sony licenses SEGA games", Value: value(3), Currency: "USD", Confidence: 0.5}
			},
		},
		{
			name:      "a curated alias sends a new spelling to its company",
			curations: []pg.Curation{{Kind: pg.CurateAddAlias, CompanyID: sega, Alias: "Sega Enterprises"}},
			batch: pg.Batch{
				Articles:  []pg.Article{a2Again},
				Companies: []pg.Company{{ID: "sega-enterprises", Name: "Sega Enterprises"}},
				Mentions:  []pg.Mention{{ArticleID: a2, Kind: pg.MentionCompany, EntityID: "sega-enterprises"}},
			},
			want: func(g *graph) {
				c := g.Companies[sega]
				c.Aliases, c.Links = []string{"Sega", "Sega Enterprises"}, []pg.NameLink{{Name: "Sega Enterprises", Reason: pg.LinkCuration}}
				g.Companies[sega] = c
				g.Mentions[pg.Mention{ArticleID: a2, Kind: pg.MentionCompany, EntityID: sega}] = true
			},
		},
		{
			name:      "a rejected deal stays out",
			curations: []pg.Curation{{Kind: pg.CurateRejectDeal, DealID: "d:rejected"}},
			batch: pg.Batch{
				Deals:    []pg.Deal{{ID: "d:rejected", Type: pg.Partnership, Parties: partners(sony, sega)}},
				Evidence: []pg.Evidence{{DealID: "d:rejected", ArticleID: a1, Status: pg.Rumored}},
			},
			want: func(*graph) {},
		},
		{
			name:    "evidence for an unknown deal",
			batch:   pg.Batch{Evidence: []pg.Evidence{{DealID: "d:none", ArticleID: a1}}},
			wantErr: pg.ErrInvalid, errMessage: "evidence for unknown deal d:none: invalid input",
		},
		{
			name:    "evidence from an unknown article",
			batch:   pg.Batch{Evidence: []pg.Evidence{{DealID: msSega, ArticleID: "a:none"}}},
			wantErr: pg.ErrInvalid, errMessage: "evidence for deal " + msSega + " from unknown article a:none: invalid input",
		},
		{
			name:    "a deal with an unknown party",
			batch:   pg.Batch{Deals: []pg.Deal{{ID: "d:x", Type: pg.Merger, Parties: partners(sega, "atari")}}},
			wantErr: pg.ErrInvalid, errMessage: "deal d:x: unknown party atari: invalid input",
		},
		{
			name:    "a platform with an unknown owner",
			batch:   pg.Batch{Platforms: []pg.Platform{{ID: "p:lynx", Name: "Lynx", OwnerID: "atari"}}},
			wantErr: pg.ErrInvalid, errMessage: "platform p:lynx: unknown owner atari: invalid input",
		},
		{
			name:    "a mention of an unknown platform",
			batch:   pg.Batch{Mentions: []pg.Mention{{ArticleID: a1, Kind: pg.MentionPlatform, EntityID: sega}}},
			wantErr: pg.ErrInvalid, errMessage: "article a:1 mentions unknown platform sega: invalid input",
		},
		{
			name:    "a malformed batch",
			batch:   pg.Batch{Companies: []pg.Company{{ID: "nameless"}}},
			wantErr: pg.ErrInvalid, errMessage: `company "nameless": empty ID or name: invalid input`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := fixture()
			o := storekit.NewOverlay(g)
			err := o.Write(tt.batch, tt.curations)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || err.Error() != tt.errMessage {
					t.Fatalf("Write: %v, want %q wrapping %v", err, tt.errMessage, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Write: %v", err)
			}
			want := fixture()
			tt.want(want)
			checkGraph(t, want, g.applied(o.Changes()))
			checkGraph(t, fixture(), g) // the overlay never writes to the graph
		})
	}
}

// TestWriteTwiceChangesNothing writes a batch, then writes it again on the
// result, and checks that the second write leaves the graph as it was.
func TestWriteTwiceChangesNothing(t *testing.T) {
	d3 := pg.DealID(pg.Partnership, partners("nintendo", sega))
	b := pg.Batch{
		Articles:  []pg.Article{{ID: "a:3", Published: "2023-03-03"}},
		Companies: []pg.Company{{ID: "nintendo", Name: "Nintendo", Aliases: []string{"Nintendo Co"}}, {ID: sega, Name: "Sega"}},
		Deals:     []pg.Deal{{ID: d3, Type: pg.Partnership, Parties: partners("nintendo", sega), Summary: "Nintendo and SEGA"}},
		Evidence: []pg.Evidence{{DealID: d3, ArticleID: "a:3", Year: 2023, Status: pg.Announced,
			PlatformIDs: []string{xbox}, Confidence: 0.6, Published: "2023-03-03"}},
		Mentions: []pg.Mention{{ArticleID: "a:3", Kind: pg.MentionCompany, EntityID: "nintendo"}},
	}
	once := fixture()
	o := storekit.NewOverlay(once)
	if err := o.Write(b, nil); err != nil {
		t.Fatalf("first Write: %v", err)
	}
	once = once.applied(o.Changes())
	o = storekit.NewOverlay(once)
	if err := o.Write(b, nil); err != nil {
		t.Fatalf("second Write: %v", err)
	}
	checkGraph(t, once, once.applied(o.Changes()))
	if d := once.Deals[d3]; d.Year != 2023 || d.Status != pg.Announced || d.Confidence != 0.6 {
		t.Errorf("deal %s = %+v, want it aggregated from its evidence", d3, d)
	}
}

// TestWriteLeavesTheBatchAlone checks that writing does not modify the
// caller's batch, and that the changes share no slice with it.
func TestWriteLeavesTheBatchAlone(t *testing.T) {
	parties := []pg.Party{{CompanyID: sony, Role: pg.RoleBuyer}, {CompanyID: sega, Role: pg.RoleTarget}, {CompanyID: sony, Role: pg.RoleBuyer}}
	b := pg.Batch{Deals: []pg.Deal{{ID: "d:x", Type: pg.Acquisition, Parties: parties, PlatformIDs: []string{xbox, azure},
		Value: value(7), Currency: "EUR"}}}
	o := storekit.NewOverlay(fixture())
	if err := o.Write(b, nil); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{xbox, azure}, b.Deals[0].PlatformIDs); d != "" {
		t.Errorf("batch platforms changed (-want +got):\n%s", d)
	}
	if len(b.Deals[0].Parties) != 3 {
		t.Errorf("batch parties changed: %v", b.Deals[0].Parties)
	}
	got := o.Changes().Deals["d:x"]
	got.Parties[0].CompanyID = "changed"
	*got.Value = 8
	if b.Deals[0].Parties[0].CompanyID != sony || *b.Deals[0].Value != 7 {
		t.Error("the stored deal shares its parties or its value with the batch")
	}
}

// preloading is a graph that records the Preload calls and reports every
// lookup of a record no preload named before it.
type preloading struct {
	*graph
	t     *testing.T
	calls int
	refs  storekit.Refs
}

func (p *preloading) Preload(refs storekit.Refs) {
	p.calls++
	p.refs.Companies = append(p.refs.Companies, refs.Companies...)
	p.refs.Platforms = append(p.refs.Platforms, refs.Platforms...)
	p.refs.Deals = append(p.refs.Deals, refs.Deals...)
	p.refs.Articles = append(p.refs.Articles, refs.Articles...)
}

func (p *preloading) check(kind string, ids []string, id string) {
	if p.calls == 0 {
		p.t.Errorf("%s %s read before Preload", kind, id)
	} else if !slices.Contains(ids, id) {
		p.t.Errorf("%s %s read but not preloaded", kind, id)
	}
}

// The lookups check, then read the graph.

func (p *preloading) Company(id string) (pg.Company, bool) {
	return checked(p, "company", p.refs.Companies, id, p.graph.Company)
}

func (p *preloading) Platform(id string) (pg.Platform, bool) {
	return checked(p, "platform", p.refs.Platforms, id, p.graph.Platform)
}

func (p *preloading) Deal(id string) (pg.Deal, bool) {
	return checked(p, "deal", p.refs.Deals, id, p.graph.Deal)
}

func (p *preloading) Article(id string) (pg.Article, bool) {
	return checked(p, "article", p.refs.Articles, id, p.graph.Article)
}

func (p *preloading) EvidenceOf(id string) []pg.Evidence {
	p.check("evidence of deal", p.refs.Deals, id)
	return p.graph.EvidenceOf(id)
}

func checked[T any](p *preloading, kind string, preloaded []string, id string, read func(string) (T, bool)) (T, bool) {
	p.check(kind, preloaded, id)
	return read(id)
}

// TestWritePreloadsEverythingItReads checks that a Preloader is asked,
// first and a fixed number of times whatever the batch, for every record
// the write then reads: the batch's records, the stored companies sharing
// a key with them, the stored deals of their parties and those deals'
// parties, and the deals of the companies whose parent is settled again. A database store loads them with one statement per kind and
// call instead of one per record.
func TestWritePreloadsEverythingItReads(t *testing.T) {
	g := &preloading{graph: fixture(), t: t}
	b := pg.Batch{
		Articles:  []pg.Article{{ID: "a:3", Published: "2023-03-03"}},
		Companies: []pg.Company{{ID: "sega-enterprises", Name: "Sega Enterprises"}, {ID: "nintendo", Name: "Nintendo"}},
		Platforms: []pg.Platform{{ID: "p:switch", Name: "Switch", OwnerID: "nintendo"}},
		Deals:     []pg.Deal{{ID: "d:3", Type: pg.Partnership, Parties: partners("nintendo", "sega-enterprises"), PlatformIDs: []string{"p:switch"}}},
		Evidence:  []pg.Evidence{{DealID: "d:3", ArticleID: "a:3", PlatformIDs: []string{xbox}}, {DealID: msSega, ArticleID: "a:3"}},
		Mentions:  []pg.Mention{{ArticleID: a1, Kind: pg.MentionPlatform, EntityID: azure}},
	}
	curations := []pg.Curation{{Kind: pg.CurateAddAlias, CompanyID: sega, Alias: "Sega Enterprises"}}
	if err := storekit.NewOverlay(g).Write(b, curations); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if g.calls > 8 {
		t.Errorf("Preload called %d times, want at most 8", g.calls)
	}
	// The refs are those of the curated batch: the renamed company is read
	// under its curated ID only.
	if !slices.Contains(g.refs.Companies, sega) || slices.Contains(g.refs.Companies, "sega-enterprises") {
		t.Errorf("preloaded companies %v, want those of the curated batch", g.refs.Companies)
	}
}
