package storetest_test

import (
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/storetest"
)

func TestFixtureIsConsistent(t *testing.T) {
	f := storetest.Fixture()
	companies, platforms, articles, deals := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range f.Companies {
		if c.ID != pg.CompanyID(c.Name) {
			t.Errorf("company %q: ID is not CompanyID(%q)", c.ID, c.Name)
		}
		companies[c.ID] = true
	}
	for _, p := range f.Platforms {
		if p.ID != pg.PlatformID(p.Name) {
			t.Errorf("platform %q: ID is not PlatformID(%q)", p.ID, p.Name)
		}
		if p.OwnerID != "" && !companies[p.OwnerID] {
			t.Errorf("platform %q: unknown owner %q", p.ID, p.OwnerID)
		}
		platforms[p.ID] = true
	}
	published := map[string]string{}
	for _, a := range f.Articles {
		articles[a.ID] = true
		published[a.ID] = a.Published
	}
	for _, d := range f.Deals {
		if d.ID != pg.DealID(d.Type, d.Parties) {
			t.Errorf("deal %q: ID is not DealID of its type and parties", d.Summary)
		}
		for _, p := range d.Parties {
			if !companies[p.CompanyID] {
				t.Errorf("deal %q: unknown party %q", d.Summary, p.CompanyID)
			}
		}
		deals[d.ID] = true
	}
	for _, e := range f.Evidence {
		if !deals[e.DealID] || !articles[e.ArticleID] || e.Published != published[e.ArticleID] {
			t.Errorf("evidence %s/%s: dangling or wrong date", e.DealID, e.ArticleID)
		}
		for _, p := range e.PlatformIDs {
			if !platforms[p] {
				t.Errorf("evidence %s/%s: unknown platform %q", e.DealID, e.ArticleID, p)
			}
		}
	}
	for _, m := range f.Mentions {
		known := companies[m.EntityID]
		if m.Kind == pg.MentionPlatform {
			known = platforms[m.EntityID]
		}
		if !known || !articles[m.ArticleID] {
			t.Errorf("mention %+v: dangling", m)
		}
	}
	want := storetest.FixtureCounts
	if len(f.Companies) != want.Companies || len(f.Platforms) != want.Platforms || len(f.Deals) != want.Deals ||
		len(f.Articles) != want.Articles || len(f.Evidence) != want.Evidence || len(f.Mentions) != want.Mentions {
		t.Errorf("FixtureCounts %+v does not match the fixture", want)
	}
}

func TestFixtureReturnsCopies(t *testing.T) {
	f := storetest.Fixture()
	f.Companies[0].Aliases[0] = "changed"
	*f.Deals[2].Value = 1
	g := storetest.Fixture()
	if g.Companies[0].Aliases[0] == "changed" || *g.Deals[2].Value == 1 {
		t.Error("Fixture shares memory between calls")
	}
}
