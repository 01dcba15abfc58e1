package storekit_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// graph is a plain in-memory storekit.Graph for the tests: it stores
// records as given, with no merging and no indexes, and answers the
// neighbourhood lookups by scanning.
type graph struct {
	Companies map[string]pg.Company
	Platforms map[string]pg.Platform
	Deals     map[string]pg.Deal
	Articles  map[string]pg.Article
	Evidence  map[storekit.EvidenceKey]pg.Evidence
	Mentions  map[pg.Mention]bool
}

// newGraph returns a graph holding the records of b as they are.
func newGraph(b pg.Batch) *graph {
	g := &graph{
		Companies: map[string]pg.Company{},
		Platforms: map[string]pg.Platform{},
		Deals:     map[string]pg.Deal{},
		Articles:  map[string]pg.Article{},
		Evidence:  map[storekit.EvidenceKey]pg.Evidence{},
		Mentions:  map[pg.Mention]bool{},
	}
	for _, c := range b.Companies {
		g.Companies[c.ID] = c
	}
	for _, p := range b.Platforms {
		g.Platforms[p.ID] = p
	}
	for _, d := range b.Deals {
		g.Deals[d.ID] = d
	}
	for _, a := range b.Articles {
		g.Articles[a.ID] = a
	}
	for _, e := range b.Evidence {
		g.Evidence[storekit.EvidenceKey{DealID: e.DealID, ArticleID: e.ArticleID}] = e
	}
	for _, m := range b.Mentions {
		g.Mentions[m] = true
	}
	return g
}

// clone returns a copy of g that shares no map with it.
func (g *graph) clone() *graph {
	return &graph{
		Companies: maps.Clone(g.Companies),
		Platforms: maps.Clone(g.Platforms),
		Deals:     maps.Clone(g.Deals),
		Articles:  maps.Clone(g.Articles),
		Evidence:  maps.Clone(g.Evidence),
		Mentions:  maps.Clone(g.Mentions),
	}
}

// applied returns a copy of g with ch applied, as a store persists it.
func (g *graph) applied(ch storekit.Changes) *graph {
	out := g.clone()
	put(out.Companies, ch.Companies)
	put(out.Platforms, ch.Platforms)
	put(out.Deals, ch.Deals)
	put(out.Articles, ch.Articles)
	put(out.Evidence, ch.Evidence)
	for m, add := range ch.Mentions {
		if add {
			out.Mentions[m] = true
		} else {
			delete(out.Mentions, m)
		}
	}
	return out
}

func put[K comparable, V any](into map[K]V, changes map[K]*V) {
	for k, v := range changes {
		if v == nil {
			delete(into, k)
		} else {
			into[k] = *v
		}
	}
}

func (g *graph) Company(id string) (pg.Company, bool)   { c, ok := g.Companies[id]; return c, ok }
func (g *graph) Platform(id string) (pg.Platform, bool) { p, ok := g.Platforms[id]; return p, ok }
func (g *graph) Deal(id string) (pg.Deal, bool)         { d, ok := g.Deals[id]; return d, ok }
func (g *graph) Article(id string) (pg.Article, bool)   { a, ok := g.Articles[id]; return a, ok }

func (g *graph) EvidenceOf(dealID string) []pg.Evidence {
	var out []pg.Evidence
	for k, e := range g.Evidence {
		if k.DealID == dealID {
			out = append(out, e)
		}
	}
	return out
}

func (g *graph) DealsOfCompany(companyID string) []string {
	var out []string
	for id, d := range g.Deals {
		if slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == companyID }) {
			out = append(out, id)
		}
	}
	return out
}

func (g *graph) DealsOfArticle(articleID string) []string {
	var out []string
	for k := range g.Evidence {
		if k.ArticleID == articleID {
			out = append(out, k.DealID)
		}
	}
	return out
}

func (g *graph) MentionsByArticle(articleID string) []pg.Mention {
	var out []pg.Mention
	for m := range g.Mentions {
		if m.ArticleID == articleID {
			out = append(out, m)
		}
	}
	return out
}

func (g *graph) MentionsOfCompany(companyID string) []pg.Mention {
	var out []pg.Mention
	for m := range g.Mentions {
		if m.Kind == pg.MentionCompany && m.EntityID == companyID {
			out = append(out, m)
		}
	}
	return out
}

func (g *graph) PlatformsOwnedBy(companyID string) []string {
	var out []string
	for id, p := range g.Platforms {
		if p.OwnerID == companyID {
			out = append(out, id)
		}
	}
	return out
}

func (g *graph) CompaniesByKey(keys []string) []string {
	var out []string
	for id, c := range g.Companies {
		if slices.ContainsFunc(storekit.MatchKeys(c), func(k string) bool { return slices.Contains(keys, k) }) {
			out = append(out, id)
		}
	}
	return out
}

func (g *graph) ChildrenOf(companyID string) []string {
	var out []string
	for id, c := range g.Companies {
		if c.Parent != nil && c.Parent.ParentID == companyID || c.Stated != nil && c.Stated.ParentID == companyID {
			out = append(out, id)
		}
	}
	return out
}

func (g *graph) DealsBetween(companyIDs []string) []string {
	var out []string
	for id, d := range g.Deals {
		if !slices.ContainsFunc(companyIDs, func(c string) bool {
			return !slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == c })
		}) {
			out = append(out, id)
		}
	}
	return out
}

// The fixture: four companies, three platforms, two articles and three
// deals, each deal stored with the attributes its evidence aggregates to.
const (
	microsoft = "microsoft"
	sega      = "sega"
	sony      = "sony"
	segaSammy = "sega-sammy"
	azure     = "p:azure"
	xbox      = "p:xbox"
	naomi     = "p:naomi"
	a1        = "a:1"
	a2        = "a:2"
)

var (
	// msSega is the partnership of Microsoft and SEGA, reported by a1.
	msSega = pg.DealID(pg.Partnership, partners(microsoft, sega))
	// msSammy is the partnership of Microsoft and SEGA Sammy, reported by
	// a2; merging SEGA Sammy into SEGA makes it msSega.
	msSammy = pg.DealID(pg.Partnership, partners(microsoft, segaSammy))
	// sonySega is Sony's acquisition of SEGA, reported by a1 and a2.
	sonySega = pg.DealID(pg.Acquisition, []pg.Party{{CompanyID: sony, Role: pg.RoleBuyer}, {CompanyID: sega, Role: pg.RoleTarget}})
)

func partners(ids ...string) []pg.Party {
	var out []pg.Party
	for _, id := range ids {
		out = append(out, pg.Party{CompanyID: id, Role: pg.RolePartner})
	}
	return out
}

// fixture returns the stored graph the tests start from.
func fixture() *graph {
	return newGraph(pg.Batch{
		Companies: []pg.Company{
			{ID: microsoft, Name: "Microsoft", Aliases: []string{"MSFT", "Xbox Game Studios"}},
			// Sony's completed acquisition makes it SEGA's parent.
			{ID: sega, Name: "SEGA", Aliases: []string{"Sega"},
				Parent: &pg.Ownership{ParentID: sony, ChildID: sega, ArticleID: a2, DealID: sonySega, Date: "2022-05-01"}},
			{ID: sony, Name: "Sony"},
			{ID: segaSammy, Name: "SEGA Sammy"},
		},
		Platforms: []pg.Platform{
			{ID: azure, Name: "Azure", Kind: pg.PlatformCloud, OwnerID: microsoft},
			{ID: xbox, Name: "Xbox"},
			{ID: naomi, Name: "NAOMI", Kind: pg.PlatformConsole, OwnerID: segaSammy},
		},
		Articles: []pg.Article{
			{ID: a1, Title: "Microsoft and SEGA team up", Published: "2021-01-01"},
			{ID: a2, Title: "Deals of the year", Published: "2022-05-01"},
		},
		Deals: []pg.Deal{
			{ID: msSega, Type: pg.Partnership, Status: pg.Announced, Year: 2021, Parties: partners(microsoft, sega),
				PlatformIDs: []string{azure}, Summary: "Microsoft and SEGA partner", Confidence: 0.5},
			{ID: msSammy, Type: pg.Partnership, Status: pg.Completed, Year: 2022, Parties: partners(microsoft, segaSammy),
				PlatformIDs: []string{xbox}, Summary: "Microsoft and SEGA Sammy partner", Confidence: 0.5},
			{ID: sonySega, Type: pg.Acquisition, Status: pg.Completed, Year: 2020,
				Parties: []pg.Party{{CompanyID: sony, Role: pg.RoleBuyer}, {CompanyID: sega, Role: pg.RoleTarget}},
				Summary: "Sony buys SEGA", Confidence: 0.7},
		},
		Evidence: []pg.Evidence{
			{DealID: msSega, ArticleID: a1, Sentence: "Microsoft and SEGA partner on Azure.", Year: 2021,
				Status: pg.Announced, PlatformIDs: []string{azure}, Confidence: 0.5, Published: "2021-01-01"},
			{DealID: msSammy, ArticleID: a2, Sentence: "SEGA Sammy brings games to Xbox.", Year: 2022,
				Status: pg.Completed, PlatformIDs: []string{xbox}, Confidence: 0.5, Published: "2022-05-01"},
			{DealID: sonySega, ArticleID: a1, Sentence: "Sony proposes to buy SEGA.", Year: 2020,
				Status: pg.Proposed, Confidence: 0.4, Published: "2021-01-01"},
			{DealID: sonySega, ArticleID: a2, Sentence: "Sony completes SEGA deal.",
				Status: pg.Completed, Confidence: 0.5, Published: "2022-05-01"},
		},
		Mentions: []pg.Mention{
			{ArticleID: a1, Kind: pg.MentionCompany, EntityID: microsoft},
			{ArticleID: a1, Kind: pg.MentionCompany, EntityID: sega},
			{ArticleID: a1, Kind: pg.MentionPlatform, EntityID: azure},
			{ArticleID: a2, Kind: pg.MentionCompany, EntityID: microsoft},
			{ArticleID: a2, Kind: pg.MentionCompany, EntityID: segaSammy},
		},
	})
}

// graphOpts compare graphs: empty and nil slices are alike, and aggregated
// confidences need only agree to rounding.
var graphOpts = cmp.Options{cmpopts.EquateEmpty(), cmpopts.EquateApprox(0, 1e-9)}

// checkGraph fails t when got is not want.
func checkGraph(t testing.TB, want, got *graph) {
	t.Helper()
	if d := cmp.Diff(want, got, graphOpts); d != "" {
		t.Errorf("graph mismatch (-want +got):\n%s", d)
	}
}

// TestFixtureIsAggregated checks that the fixture's deals hold what their
// evidence aggregates to, so that the other tests start from a consistent
// graph.
func TestFixtureIsAggregated(t *testing.T) {
	g := fixture()
	for id, d := range g.Deals {
		ev := g.EvidenceOf(id)
		slices.SortFunc(ev, storekit.CompareEvidence)
		if diff := cmp.Diff(pg.Aggregate(d, ev), d, graphOpts); diff != "" {
			t.Errorf("deal %s is not aggregated (-want +got):\n%s", id, diff)
		}
	}
}
