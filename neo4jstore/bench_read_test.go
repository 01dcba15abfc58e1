package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"

	gql "github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/plan"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// BenchmarkNeo4jReads times the store calls behind the two GraphQL queries
// of `make bench-api` on Reuters-21578 (and `RETURN 1`, the cost of a
// round trip): the three-level query (the first
// page of Deals in the default order, CompaniesByID of its parties,
// DealIDsByCompany of those companies and DealsByID of the first five deals
// of each) and the depth-2 neighbourhood of the company with most deals
// (plan.Neighborhood, limit 100, as the resolver calls it, and the generic
// walk it replaces on Neo4j). Besides time per
// call it reports the queries per call and the db hits they cost, summed
// over the plan of each query run once more under PROFILE, and, when
// PARTNERGRAPH_BENCH_NEO4J_PID names the Neo4j process, its CPU time per
// call read from /proc.
//
// The database is loaded with Reuters-21578 as BenchmarkNeo4jLoad does,
// unless it already holds at least 20,000 articles (then it is reused, so
// that repeated runs skip the load). It runs only with
// PARTNERGRAPH_BENCH_NEO4J=1.
func BenchmarkNeo4jReads(b *testing.B) {
	if os.Getenv("PARTNERGRAPH_BENCH_NEO4J") == "" {
		b.Skip("set PARTNERGRAPH_BENCH_NEO4J=1 to time reads on Reuters-21578 in Neo4j")
	}
	uri := neo4jtest.URI(b)
	ctx := context.Background()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	counts, err := s.Counts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if counts.Articles < 20000 {
		neo4jtest.Wipe(b, uri)
		start := time.Now()
		for _, bt := range reutersBatches(b) {
			if err := s.Write(ctx, bt); err != nil {
				b.Fatalf("load: %v", err)
			}
		}
		if counts, err = s.Counts(ctx); err != nil {
			b.Fatal(err)
		}
		b.Logf("loaded in %s", time.Since(start).Round(time.Millisecond))
	}
	b.Logf("graph: %d companies, %d deals, %d articles", counts.Companies, counts.Deals, counts.Articles)

	// The inputs of every level, as the GraphQL resolvers compute them.
	first, err := s.Deals(ctx, pg.DealQuery{})
	if err != nil {
		b.Fatal(err)
	}
	var parties []string
	for _, d := range first.Items {
		for _, p := range d.Parties {
			parties = append(parties, p.CompanyID)
		}
	}
	slices.Sort(parties)
	parties = slices.Compact(parties)
	lists, err := s.DealIDsByCompany(ctx, parties)
	if err != nil {
		b.Fatal(err)
	}
	var inner []string
	for _, ids := range lists {
		inner = append(inner, ids[:min(5, len(ids))]...)
	}
	slices.Sort(inner)
	inner = slices.Compact(inner)
	hubs, err := s.Companies(ctx, pg.CompanyQuery{Sort: pg.CompaniesByDealsDesc, PageArgs: pg.PageArgs{First: 1}})
	if err != nil || len(hubs.Items) == 0 {
		b.Fatalf("hub: %v", err)
	}
	hub := hubs.Items[0].ID
	b.Logf("first page: %d deals, %d parties, %d inner deals; hub %s", len(first.Items), len(parties), len(inner), hub)

	drv, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		b.Fatal(err)
	}
	defer drv.Close(ctx)
	api := gql.NewHandler(s, gql.Options{})
	calls := []struct {
		name string
		call func() error
	}{
		{"Return1", func() error { return s.Read(ctx, "RETURN 1 AS n", nil) }},
		// The same in a managed transaction (BEGIN, RUN, COMMIT), as the
		// store read before it used auto-commit queries.
		{"Return1ExecuteQuery", func() error {
			_, err := neo4j.ExecuteQuery(ctx, drv, "RETURN 1 AS n", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
			return err
		}},
		{"Deals", func() error { _, err := s.Deals(ctx, pg.DealQuery{}); return err }},
		{"CompaniesByID", func() error { _, err := s.CompaniesByID(ctx, parties); return err }},
		{"DealIDsByCompany", func() error { _, err := s.DealIDsByCompany(ctx, parties); return err }},
		{"DealsByID", func() error { _, err := s.DealsByID(ctx, inner); return err }},
		{"ThreeLevel", func() error {
			if _, err := s.Deals(ctx, pg.DealQuery{}); err != nil {
				return err
			}
			if _, err := s.CompaniesByID(ctx, parties); err != nil {
				return err
			}
			if _, err := s.DealIDsByCompany(ctx, parties); err != nil {
				return err
			}
			_, err := s.DealsByID(ctx, inner)
			return err
		}},
		// The same in two round trips: Deals, then CompanyDeals for the
		// three levels below it, as the GraphQL prefetch reads them.
		{"ThreeLevelCompanyDeals", func() error {
			if _, err := s.Deals(ctx, pg.DealQuery{}); err != nil {
				return err
			}
			_, err := s.CompanyDeals(ctx, parties, []plan.IDWindow{{First: 5}})
			return err
		}},
		// And in one: DealsWithCompanyDeals, as Query.deals reads it.
		{"ThreeLevelOneQuery", func() error {
			_, _, err := s.DealsWithCompanyDeals(ctx, pg.DealQuery{}, []plan.IDWindow{{First: 5}})
			return err
		}},
		// The same without windows, as Query.deals reads it when the
		// inner pages select deal IDs only (the bench-api query).
		{"ThreeLevelOneQueryIDs", func() error {
			_, _, err := s.DealsWithCompanyDeals(ctx, pg.DealQuery{}, nil)
			return err
		}},
		// The generic walk through the Reader (eight queries at depth 2)
		// and the store's own neighbourhood query.
		{"NeighborhoodWalk", func() error { _, err := pg.WalkNeighborhood(ctx, s, hub, 2, 100, nil); return err }},
		{"Neighborhood", func() error { _, err := plan.Neighborhood(ctx, s, hub, 2, 100, nil, false); return err }},
		// The two queries of `make bench-api` through the GraphQL handler
		// (without HTTP), with its dataloaders.
		{"GraphQLThreeLevel", func() error { return graphql(api, threeLevelQuery, nil) }},
		{"GraphQLNeighborhood", func() error { return graphql(api, neighborhoodQuery, map[string]any{"id": hub}) }},
	}
	pid := os.Getenv("PARTNERGRAPH_BENCH_NEO4J_PID")
	for _, c := range calls {
		queries, hits := profile(b, uri, c.name, c.call)
		b.Run(c.name, func(b *testing.B) {
			for range 20 { // warm the plan cache and the JIT
				if err := c.call(); err != nil {
					b.Fatal(err)
				}
			}
			cpu0 := neo4jtest.ProcessCPU(b, pid)
			b.ResetTimer()
			for range b.N {
				if err := c.call(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if pid != "" {
				b.ReportMetric(float64(neo4jtest.ProcessCPU(b, pid)-cpu0)/float64(time.Millisecond)/float64(b.N), "neo4j-cpu-ms/op")
			}
			b.ReportMetric(float64(queries), "queries/op")
			b.ReportMetric(float64(hits), "dbhits/op")
		})
	}
}

// The queries of tools/bench-api.sh.
const (
	threeLevelQuery   = `{ deals(first: 20) { edges { node { parties { company { deals(first: 5) { edges { node { id } } } } } } } } }`
	neighborhoodQuery = `query ($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }`
)

// graphql posts query to h and fails unless it answers 200 without errors.
func graphql(h http.Handler, query string, vars map[string]any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
		return fmt.Errorf("graphql: %d %s", rec.Code, rec.Body.String())
	}
	return nil
}

// profile runs call once, recording its read queries, then runs each of
// them again under PROFILE and returns their number and total db hits.
func profile(b testing.TB, uri, name string, call func() error) (queries int, hits int64) {
	b.Helper()
	type run struct {
		query  string
		params map[string]any
	}
	var runs []run
	neo4jstore.SetReadHook(func(q string, p map[string]any) { runs = append(runs, run{q, p}) })
	err := call()
	neo4jstore.SetReadHook(nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close(ctx)
	for _, r := range runs {
		res, err := neo4j.ExecuteQuery(ctx, d, "PROFILE "+r.query, r.params, neo4j.EagerResultTransformer)
		if err != nil {
			b.Fatalf("profile %s: %v", r.query, err)
		}
		n := planHits(res.Summary.Profile())
		if testing.Verbose() {
			b.Logf("%s: %d db hits, %d records, plan %s", name, n, len(res.Records), planString(res.Summary.Profile()))
		}
		hits += n
	}
	return len(runs), hits
}

func planHits(p neo4j.ProfiledPlan) int64 {
	if p == nil {
		return 0
	}
	n := p.DbHits()
	for _, c := range p.Children() {
		n += planHits(c)
	}
	return n
}

// planString shows the operators of p with their db hits, children in
// brackets.
func planString(p neo4j.ProfiledPlan) string {
	out := fmt.Sprintf("%s(%d)", p.Operator(), p.DbHits())
	if len(p.Children()) > 0 {
		var cs []string
		for _, c := range p.Children() {
			cs = append(cs, planString(c))
		}
		out += "[" + strings.Join(cs, " ") + "]"
	}
	return out
}
