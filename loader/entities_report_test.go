package loader_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnergraph/partnergraph/loader"
)

// TestEntityReport writes the companies and platforms found in the JSONL
// articles named by ENTITY_ARTICLES (space separated) to ENTITY_REPORT in
// the corpus label format, for scoring with score.py. It is a development
// driver and skips unless both variables are set.
func TestEntityReport(t *testing.T) {
	in, out := os.Getenv("ENTITY_ARTICLES"), os.Getenv("ENTITY_REPORT")
	if in == "" || out == "" {
		t.Skip("set ENTITY_ARTICLES and ENTITY_REPORT to run")
	}
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	rec := loader.NewEntityRecognizer(g)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, path := range splitFields(in) {
		src, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(src)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var a struct {
				ID                                     any
				URL, Title, Publisher, Published, Text string
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatal(err)
			}
			doc, err := loader.Clean(loader.RawArticle{SourceID: fmt.Sprint(a.ID), URL: a.URL, Title: a.Title, Publisher: a.Publisher, Published: a.Published, Text: a.Text})
			if err != nil {
				t.Log(err)
				continue
			}
			ms := rec.Find(doc)
			cs, ps := loader.Entities(ms)
			type ent struct {
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
				Owner   string   `json:"owner,omitempty"`
				Source  []string `json:"sources,omitempty"`
			}
			rec := struct {
				ID        string `json:"id"`
				Companies []ent  `json:"companies"`
				Platforms []ent  `json:"platforms"`
				Deals     []any  `json:"deals"`
				Text      string `json:"text,omitempty"`
			}{ID: fmt.Sprint(a.ID), Deals: []any{}, Companies: []ent{}, Platforms: []ent{}}
			srcs := map[string][]string{}
			for _, m := range ms {
				srcs[m.Name] = append(srcs[m.Name], m.Source)
			}
			for _, c := range cs {
				rec.Companies = append(rec.Companies, ent{Name: c.Name, Aliases: c.Aliases, Source: srcs[c.Name]})
			}
			for _, p := range ps {
				rec.Platforms = append(rec.Platforms, ent{Name: p.Name, Aliases: p.Aliases, Owner: p.OwnerID})
			}
			if os.Getenv("ENTITY_TEXT") != "" {
				rec.Text = doc.Text
			}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
		src.Close()
	}
}

// corpusPath returns the path of a file of the labelled corpus, skipping
// the test when the corpus is not there (and failing under CI=true).
func corpusPath(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "corpus", name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("corpus file %s not found", name)
	}
	t.Skipf("corpus file %s not found", name)
	return ""
}

// readJSONL reads JSONL articles as RawArticles.
func readJSONL(t testing.TB, path string) []loader.RawArticle {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []loader.RawArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var a struct {
			ID                                     any
			URL, Title, Publisher, Published, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprint(a.ID)
		out = append(out, loader.RawArticle{SourceID: id, URL: a.URL, Title: a.Title, Publisher: a.Publisher, Published: a.Published, Text: a.Text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func splitFields(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		if r == ' ' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
