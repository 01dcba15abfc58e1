package memstore_test

import (
	"context"
	"errors"
	"testing"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/graphtest"
	"github.com/partnergraph/partnergraph/memstore"
)

// TestScansStopWhenTheContextIsDone: the reads that may visit every item
// (search for a text most records contain, an unindexed deal filter, its
// count and stats, a company filter no index answers)
// give up with the context's error once the request is cancelled, instead
// of finishing work nobody will read.
func TestScansStopWhenTheContextIsDone(t *testing.T) {
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Write(context.Background(), graphtest.Synthetic(3000, 6000, 1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// A filter nothing matches makes the page walk every deal.
	none := pg.DealFilter{Text: "no deal says this"}
	calls := map[string]func() error{
		"Search": func() error { _, err := s.Search(ctx, "company", 10); return err },
		"Deals": func() error {
			_, err := s.Deals(ctx, pg.DealQuery{Filter: none})
			return err
		},
		"CountDeals":     func() error { _, err := s.CountDeals(ctx, none); return err },
		"Stats":          func() error { _, err := s.Stats(ctx, none); return err },
		"CountCompanies": func() error { _, err := s.CountCompanies(ctx, pg.CompanyFilter{MinDeals: 1000}); return err },
		"Companies": func() error {
			_, err := s.Companies(ctx, pg.CompanyQuery{Filter: pg.CompanyFilter{MinDeals: 1000}})
			return err
		},
		"CountCompaniesByPrefix": func() error {
			_, err := s.CountCompanies(ctx, pg.CompanyFilter{NamePrefix: "company", MinDeals: 1000})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: err = %v, want context.Canceled", name, err)
		}
	}
	// The same reads answer on a live context.
	if _, err := s.CountDeals(context.Background(), none); err != nil {
		t.Errorf("CountDeals: %v", err)
	}
}
