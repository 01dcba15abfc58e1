package e2e_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestHostileArticleText loads an article whose title, publisher, URL,
// company names and evidence sentences carry <script> and <img onerror>
// markup (testdata/hostile), then checks that every export stays
// well-formed and that the widget, opening every company and deal of the
// neighbourhood, shows the markup as text and runs none of it.
func TestHostileArticleText(t *testing.T) {
	s, err := startServer(binary(t), "--gazetteer", "testdata/hostile-gazetteer.json", "--load", "testdata/hostile")
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()

	// The loader keeps evidence sentences verbatim, markup included.
	var resp struct {
		Data struct {
			Deals struct {
				Edges []struct {
					Node struct {
						ID      string
						Parties []struct{ Company struct{ ID, Name string } }
						Sources []struct{ Sentence string }
					}
				}
			}
		}
	}
	postGraphQL(t, s.URL, `{ deals(first: 100) { edges { node { id parties { company { id name } } sources { sentence } } } } }`, &resp)
	var company string
	for _, e := range resp.Data.Deals.Edges {
		for _, src := range e.Node.Sources {
			if strings.Contains(src.Sentence, "<script>") && len(e.Node.Parties) > 0 {
				company = e.Node.Parties[0].Company.ID
			}
		}
	}
	if company == "" {
		t.Fatalf("no deal has an evidence sentence with <script>; the test needs one (deals: %+v)", resp.Data.Deals.Edges)
	}

	t.Run("exports", func(t *testing.T) {
		var nodeLink struct {
			Nodes []struct{ ID, Label string }
		}
		if err := json.Unmarshal(get(t, s.URL+"/export/graph.json"), &nodeLink); err != nil {
			t.Fatalf("graph.json: %v", err)
		}
		var jsonLabels []string
		for _, n := range nodeLink.Nodes {
			jsonLabels = append(jsonLabels, n.Label)
		}
		var gml struct {
			Nodes []struct {
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"graph>node"`
		}
		dec := xml.NewDecoder(bytes.NewReader(get(t, s.URL+"/export/graph.graphml")))
		dec.Strict = true
		if err := dec.Decode(&gml); err != nil {
			t.Fatalf("graph.graphml is not well-formed: %v", err)
		}
		var xmlLabels []string
		for _, n := range gml.Nodes {
			for _, d := range n.Data {
				if d.Key == "label" {
					xmlLabels = append(xmlLabels, d.Value)
				}
			}
		}
		slices.Sort(jsonLabels)
		slices.Sort(xmlLabels)
		if !slices.Equal(jsonLabels, xmlLabels) {
			t.Errorf("labels differ between graph.json and GraphML:\n json %q\n  xml %q", jsonLabels, xmlLabels)
		}
		rows, err := csv.NewReader(bytes.NewReader(get(t, s.URL+"/export/deals.csv"))).ReadAll()
		if err != nil {
			t.Fatalf("deals.csv: %v", err)
		}
		if len(rows)-1 != len(resp.Data.Deals.Edges) {
			t.Errorf("deals.csv has %d rows, GraphQL %d deals", len(rows)-1, len(resp.Data.Deals.Edges))
		}
	})

	t.Run("widget", func(t *testing.T) {
		ok, why := haveNode("playwright-core")
		need(t, "Chromium", ok, "%s", why)
		need(t, "Chromium", exists(chromiumPath()), "no Chromium at %s", chromiumPath())
		args := []string{webDir + "/e2e/browser.mjs",
			"--url", s.URL, "--chromium", chromiumPath(), "--embed-origin", s.EmbedOrigin, "--hostile-company", company,
			"--screenshots", screenshotDir(t)}
		stdout, stderr, err := run(t, 3*time.Minute, nil, "node", args...)
		t.Logf("%s", stdout)
		if err != nil {
			t.Fatalf("hostile widget checks failed: %v\n%s\nserver log:\n%s", err, stderr, s.logs.String())
		}
		if n := strings.Count(stdout, "ok hostile"); n != 2 {
			t.Errorf("%d hostile pages checked, want 2 (widget page and script embed)", n)
		}
	})
}

// postGraphQL runs query against the server and decodes the response.
func postGraphQL(t *testing.T, base, query string, into any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	res, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /graphql: %d %s", res.StatusCode, raw)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatalf("decode GraphQL response: %v\n%s", err, raw)
	}
}

// get fetches url and returns its body, failing the test on any non-200.
func get(t *testing.T, url string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v %s", url, res.StatusCode, err, b)
	}
	return b
}
