package neo4jstore_test

import (
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// tiedDeals returns 12 companies and 40 deals between them whose years
// repeat often (1990-1993) and of which every fifth has no year, so that
// pages end inside runs of equal years and on the border to unknown years.
func tiedDeals() pg.Batch {
	var b pg.Batch
	for i := range 12 {
		name := fmt.Sprintf("Tied %02d", i)
		b.Companies = append(b.Companies, pg.Company{ID: pg.CompanyID(name), Name: name})
	}
	types := []pg.DealType{pg.Partnership, pg.Supply, pg.Investment, pg.JointVenture}
	for i := range 40 {
		a, c := b.Companies[i%12].ID, b.Companies[(i/12+i+1)%12].ID
		typ := types[i%len(types)]
		parties := []pg.Party{{CompanyID: a, Role: pg.RolePartner}, {CompanyID: c, Role: pg.RolePartner}}
		if typ == pg.Investment {
			parties = []pg.Party{{CompanyID: a, Role: pg.RoleInvestor}, {CompanyID: c, Role: pg.RoleInvestee}}
		}
		year := 1990 + i%4
		if i%5 == 0 {
			year = 0
		}
		b.Deals = append(b.Deals, pg.Deal{
			ID: pg.DealID(typ, parties), Type: typ, Status: pg.Announced, Year: year,
			Parties: parties, Summary: fmt.Sprintf("Tied deal %02d", i), Confidence: 0.5,
		})
	}
	return b
}

// pages reads every page of q from s and returns the IDs and cursors.
func pages(t *testing.T, s pg.Reader, q pg.DealQuery) (ids, cursors []string) {
	t.Helper()
	for range 100 {
		p, err := s.Deals(t.Context(), q)
		if err != nil {
			t.Fatalf("Deals(%+v): %v", q, err)
		}
		for i, d := range p.Items {
			ids = append(ids, d.ID)
			cursors = append(cursors, p.Cursors[i])
		}
		if !p.HasNextPage {
			return ids, cursors
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatalf("Deals(%+v): pagination does not end", q)
	return nil, nil
}

// TestYearOrdersMatchEmbeddedStore pages through deals with many equal
// years and unknown years in every order, page size and a few filters, and
// wants the deals and cursors memstore gives. It then removes the yearDesc
// property the year_desc order reads, as in a database written before it
// existed, and wants Open to restore it.
func TestYearOrdersMatchEmbeddedStore(t *testing.T) {
	s, m := open(t), openMem(t)
	b := tiedDeals()
	for _, st := range []pg.Store{s, m} {
		if err := st.Write(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	filters := []pg.DealFilter{
		{},
		{Types: []pg.DealType{pg.Partnership, pg.Investment}},
		{YearFrom: 1991, YearTo: 1992},
		{CompanyID: b.Companies[3].ID},
	}
	compare := func(t *testing.T, s pg.Reader) {
		for _, sort := range []pg.DealSort{"", pg.DealsByYearDesc, pg.DealsByYearAsc, pg.DealsBySourcesDesc} {
			for _, size := range []int{1, 3, 7, 100} {
				for i, f := range filters {
					q := pg.DealQuery{Filter: f, Sort: sort, PageArgs: pg.PageArgs{First: size}}
					wantIDs, wantCursors := pages(t, m, q)
					gotIDs, gotCursors := pages(t, s, q)
					if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
						t.Errorf("sort %q, size %d, filter %d: deals (-memstore +neo4j):\n%s", sort, size, i, diff)
					}
					if diff := cmp.Diff(wantCursors, gotCursors); diff != "" {
						t.Errorf("sort %q, size %d, filter %d: cursors (-memstore +neo4j):\n%s", sort, size, i, diff)
					}
				}
			}
		}
	}
	compare(t, s)

	uri := neo4jtest.URI(t)
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, d, "MATCH (d:Deal) REMOVE d.yearDesc", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	reopened, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	compare(t, reopened)
}
