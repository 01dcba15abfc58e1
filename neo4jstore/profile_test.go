package neo4jstore_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	gql "github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// The five analyst queries of the side-by-side benchmark against the Neo4j
// GraphQL library (shared/peers/neo4j-graphql/queries/qN.pg.graphql).
const (
	peerQ1 = `query Q1($name: String!) { company(name: $name) { id name
  deals(first: 100) { edges { node { id type year status parties { role company { id name } } platforms { id name } } } }
  partners(first: 100) { company { id name } dealCount } } }`
	peerQ2 = `query Q2($platform: String!, $from: Int!, $to: Int!) {
  deals(first: 20, filter: { platform: $platform, yearFrom: $from, yearTo: $to }, sort: YEAR_DESC) {
    totalCount edges { cursor node { id type status year summary } } pageInfo { hasNextPage endCursor } } }`
	peerQ3 = `query Q3($prefix: String!) { companies(first: 10, filter: { namePrefix: $prefix }, sort: NAME) {
  edges { node { id name deals(first: 10) { edges { node { id type year
    parties { role company { id name deals(first: 5) { edges { node { id type year } } } } } } } } } }
  pageInfo { hasNextPage endCursor } } }`
	peerQ4 = `query Q4($id: ID!) { neighborhood(id: $id, depth: 2, limit: 500) { truncated nodes { id label depth }
  edges { id source target type status year } } }`
	peerQ5 = `query Q5($text: String!) { search(text: $text, first: 10) { kind id name score } }`
)

// TestProfilePeerQueries prints, for each of the five queries of the
// side-by-side benchmark, the Cypher statements one GraphQL request runs
// and the db hits they cost (each statement run once more under PROFILE),
// averaged over inputs chosen as the benchmark's gen-inputs.mjs chooses
// them: the companies with most deals by name (Q1) and ID (Q4), the
// platforms with most deals and a year range (Q2), the 2-letter prefixes
// of the hubs' names (Q3) and a 4-letter prefix or inner substring of them
// (Q5). It reads a database already loaded (Reuters-21578 and the modern
// set, as run.sh loads them) and runs only with
// PARTNERGRAPH_PROFILE_NEO4J=1:
//
//	PARTNERGRAPH_PROFILE_NEO4J=1 PARTNERGRAPH_TEST_NEO4J_URI=bolt://… go test -run TestProfilePeerQueries -v ./neo4jstore/
//
// With -v it also logs each statement's plan with the db hits of every
// operator. It does not write to the database.
func TestProfilePeerQueries(t *testing.T) {
	if os.Getenv("PARTNERGRAPH_PROFILE_NEO4J") == "" {
		t.Skip("set PARTNERGRAPH_PROFILE_NEO4J=1 to profile the benchmark's queries on a loaded Neo4j")
	}
	uri := os.Getenv("PARTNERGRAPH_TEST_NEO4J_URI")
	if uri == "" {
		uri = neo4jtest.URI(t)
	}
	ctx := context.Background()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Articles < 20000 {
		t.Fatalf("the database holds %d articles: load Reuters-21578 and the modern set first", counts.Articles)
	}
	t.Logf("graph: %d companies, %d platforms, %d deals, %d articles", counts.Companies, counts.Platforms, counts.Deals, counts.Articles)

	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	rows := func(q string) []map[string]any {
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatal(err)
		}
		out := make([]map[string]any, len(res.Records))
		for i, r := range res.Records {
			out[i] = r.AsMap()
		}
		return out
	}
	const inputs = 10
	hubs := rows(fmt.Sprintf("MATCH (c:Company)-[:PARTY_TO]->(d:Deal) WITH c, count(DISTINCT d) AS n "+
		"ORDER BY n DESC, c.id LIMIT %d RETURN c.id AS id, c.name AS name, c.nameKey AS key", inputs))
	platforms := rows("MATCH (d:Deal)-[:ON_PLATFORM]->(p:Platform) WITH p, count(d) AS n ORDER BY n DESC, p.id LIMIT 12 RETURN p.id AS id")
	ranges := [][2]int{{2015, 2023}, {2018, 2021}, {1980, 2023}, {2019, 2022}, {2010, 2019}}

	vars := map[string][]map[string]any{}
	seen := map[string]bool{}
	for i, h := range hubs {
		name, key := h["name"].(string), h["key"].(string)
		vars["Q1"] = append(vars["Q1"], map[string]any{"name": name})
		vars["Q4"] = append(vars["Q4"], map[string]any{"id": h["id"]})
		if p := key[:min(2, len(key))]; len(p) == 2 && !seen["p"+p] {
			seen["p"+p] = true
			vars["Q3"] = append(vars["Q3"], map[string]any{"prefix": p})
		}
		k := strings.TrimSpace(strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ' ' {
				return r
			}
			return ' '
		}, key))
		text := k[:min(4, len(k))]
		if i%2 == 1 && len(k) >= 7 {
			text = k[2:6]
		}
		if text = strings.TrimSpace(text); len(text) >= 3 && !seen["t"+text] {
			seen["t"+text] = true
			vars["Q5"] = append(vars["Q5"], map[string]any{"text": text})
		}
	}
	for i := range inputs {
		p := platforms[i%len(platforms)]
		r := ranges[i%len(ranges)]
		vars["Q2"] = append(vars["Q2"], map[string]any{"platform": p["id"], "from": r[0], "to": r[1]})
	}

	api := gql.NewHandler(s, gql.Options{})
	queries := []struct{ name, text string }{{"Q1", peerQ1}, {"Q2", peerQ2}, {"Q3", peerQ3}, {"Q4", peerQ4}, {"Q5", peerQ5}}
	var table strings.Builder
	table.WriteString("| query | requests | statements per request | db hits per request |\n|---|---|---|---|\n")
	for _, q := range queries {
		var statements int
		var hits int64
		for _, v := range vars[q.name] {
			n, h := profile(t, uri, q.name, func() error { return graphql(api, q.text, v) })
			statements += n
			hits += h
		}
		n := len(vars[q.name])
		fmt.Fprintf(&table, "| %s | %d | %.1f | %d |\n", q.name, n, float64(statements)/float64(n), hits/int64(n))
	}
	t.Logf("per request, averaged over the inputs:\n%s", table.String())
}
