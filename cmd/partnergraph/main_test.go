package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func noEnv(string) string { return "" }

const examples = "../../examples/articles"

// startServer runs serve with args on a free port and returns its base URL
// and a function that stops it and fails the test if serve returned an
// error. The server is stopped at the end of the test at the latest.
func startServer(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	argv := append([]string{"partnergraph", "serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, args...)
	go func() { done <- run(ctx, argv, noEnv, strings.NewReader(""), stdout, stderr) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve returned %v; stderr:\n%s", err, stderr)
				}
			case <-time.After(15 * time.Second):
				t.Errorf("serve did not stop within 15s of cancellation")
			}
		})
	}
	t.Cleanup(stop)
	addr := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/`)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped early: %v\nstderr:\n%s", err, stderr)
		default:
		}
		if m := addr.FindStringSubmatch(stdout.String()); m != nil {
			waitHealthy(t, m[1])
			return m[1], stop
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve printed no address within 60s; stdout:\n%s\nstderr:\n%s", stdout, stderr)
	return "", stop
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	for range 100 {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s/healthz never answered 200", base)
}

// gql posts query to the server and decodes the data into out, failing on
// any GraphQL error.
func gql(t *testing.T, base, query string, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("status %d, body %s: %v", resp.StatusCode, raw, err)
	}
	if resp.StatusCode != http.StatusOK || len(env.Errors) > 0 {
		t.Fatalf("status %d, errors %+v for query %s", resp.StatusCode, env.Errors, query)
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		t.Fatalf("decode %s: %v", env.Data, err)
	}
}

type gqlDeal struct {
	Type    string
	Status  string
	Year    int
	Parties []struct {
		Company struct{ Name string }
		Role    string
	}
	Platforms []struct {
		Name  string
		Owner *struct{ Name string }
	}
	Sources []struct {
		Article    struct{ Title, URL, Publisher, Published string }
		Sentence   string
		Start, End int
	}
}

func (d gqlDeal) partyNames() []string {
	var names []string
	for _, p := range d.Parties {
		names = append(names, p.Company.Name)
	}
	slices.Sort(names)
	return names
}

func (d gqlDeal) platformNames() []string {
	var names []string
	for _, p := range d.Platforms {
		names = append(names, p.Name)
	}
	return names
}

const companyDeals = `{ company(name: %q) { name deals(first: 100) { edges { node {
  type status year
  parties { company { name } role }
  platforms { name owner { name } }
  sources { article { title url publisher published } sentence start end }
} } } } }`

func companyDealsOf(t *testing.T, base, name string) (string, []gqlDeal) {
	t.Helper()
	var resp struct {
		Company *struct {
			Name  string
			Deals struct{ Edges []struct{ Node gqlDeal } }
		}
	}
	gql(t, base, strings.Replace(companyDeals, "%q", `"`+name+`"`, 1), &resp)
	if resp.Company == nil {
		t.Fatalf("company %q not found", name)
	}
	var deals []gqlDeal
	for _, e := range resp.Company.Deals.Edges {
		deals = append(deals, e.Node)
	}
	return resp.Company.Name, deals
}

func TestServeLoadsSamplesAndAnswersGraphQL(t *testing.T) {
	base, _ := startServer(t, "--data", ":memory:", "--load", examples)

	name, deals := companyDealsOf(t, base, "sega")
	if name != "SEGA" {
		t.Errorf("company(name: \"sega\").name = %q, want SEGA", name)
	}
	var found *gqlDeal
	for i, d := range deals {
		if d.Type == "ACQUISITION" && slices.Equal(d.partyNames(), []string{"Microsoft", "SEGA"}) {
			t.Errorf("found a Microsoft–SEGA acquisition; the article says it is not one: %+v", d)
		}
		if d.Type == "PARTNERSHIP" && slices.Equal(d.partyNames(), []string{"Microsoft", "SEGA"}) {
			found = &deals[i]
		}
	}
	if found == nil {
		t.Fatalf("no Microsoft–SEGA partnership among SEGA's deals: %+v", deals)
	}
	if !slices.Contains(found.platformNames(), "Azure") {
		t.Errorf("SEGA–Microsoft partnership platforms = %v, want Azure among them", found.platformNames())
	}
	for _, p := range found.Platforms {
		if p.Name == "Azure" && (p.Owner == nil || p.Owner.Name != "Microsoft") {
			t.Errorf("Azure owner = %+v, want Microsoft", p.Owner)
		}
	}
	if found.Year != 2021 || found.Status != "AGREED_IN_PRINCIPLE" {
		t.Errorf("year, status = %d, %s; want 2021, AGREED_IN_PRINCIPLE", found.Year, found.Status)
	}
	text := readArticleBody(t, filepath.Join(examples, "sega-microsoft-azure-2021.txt"))
	var fromSample bool
	for _, s := range found.Sources {
		if s.Article.URL != "https://example.com/sample-wire/2021/11/sega-microsoft-azure-alliance" {
			continue
		}
		fromSample = true
		if s.Article.Publisher != "Sample Wire" || s.Article.Published != "2021-11-01" {
			t.Errorf("source article = %+v", s.Article)
		}
		if s.Sentence == "" || !strings.Contains(text, s.Sentence) {
			t.Errorf("evidence sentence %q is not in the article", s.Sentence)
		}
		if s.End <= s.Start {
			t.Errorf("evidence offsets [%d, %d) are empty", s.Start, s.End)
		}
	}
	if !fromSample {
		t.Errorf("the partnership has no source from the SEGA sample article: %+v", found.Sources)
	}

	var counts struct{ Counts struct{ Articles, Deals int } }
	gql(t, base, `{ counts { articles deals } }`, &counts)
	if counts.Counts.Articles < 12 {
		t.Errorf("counts.articles = %d, want every sample article (at least 12)", counts.Counts.Articles)
	}

	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET / = %d, want the playground", resp.StatusCode)
	}
}

// readArticleBody returns the text of a sample file after its front matter,
// with runs of whitespace made single spaces.
func readArticleBody(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(data), "---\n", 3)
	return strings.Join(strings.Fields(parts[len(parts)-1]), " ")
}

func TestServedQueriesSeeCurations(t *testing.T) {
	for _, tt := range []struct {
		name  string
		flags []string
	}{
		{"response cache", nil},
		{"no response cache", []string{"--response-cache-mb", "0"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := startServer(t, append([]string{"--data", ":memory:", "--api-key", "k", "--load", examples}, tt.flags...)...)
			const q = `{ companies(first: 1) { edges { node { id aliases } } } }`
			var got struct {
				Companies struct {
					Edges []struct {
						Node struct {
							ID      string
							Aliases []string
						}
					}
				}
			}
			for range 2 { // the second answer may come from the cache
				gql(t, base, q, &got)
			}
			if len(got.Companies.Edges) != 1 {
				t.Fatalf("no company served: %+v", got)
			}
			id := got.Companies.Edges[0].Node.ID
			body, _ := json.Marshal(map[string]string{"query": fmt.Sprintf(`mutation { addAlias(company: %q, alias: "Curated Alias") { id } }`, id)})
			req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-API-Key", "k")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || bytes.Contains(raw, []byte(`"errors"`)) {
				t.Fatalf("addAlias: status %d, %s", resp.StatusCode, raw)
			}
			gql(t, base, q, &got)
			if !slices.Contains(got.Companies.Edges[0].Node.Aliases, "Curated Alias") {
				t.Errorf("after addAlias, %s has aliases %q", id, got.Companies.Edges[0].Node.Aliases)
			}
		})
	}
}

func TestServeTwiceOnTheSameFileIsIdempotent(t *testing.T) {
	data := filepath.Join(t.TempDir(), "pg.db")
	var counts []string
	for range 2 {
		base, stop := startServer(t, "--data", data, "--load", examples)
		var c struct{ Counts map[string]int }
		gql(t, base, `{ counts { companies platforms deals articles evidence mentions } }`, &c)
		b, _ := json.Marshal(c.Counts)
		counts = append(counts, string(b))
		stop()
	}
	if counts[0] != counts[1] {
		t.Errorf("second serve changed the store: %s then %s", counts[0], counts[1])
	}
}

func TestLoadPrintsSummary(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"partnergraph", "load", "--data", ":memory:", examples}, noEnv, nil, &stdout, &stderr)
	if err != nil {
		t.Fatalf("load: %v\nstderr:\n%s", err, stderr.String())
	}
	out := stdout.String()
	m := regexp.MustCompile(`articles read: (\d+), loaded: (\d+), skipped: 0\ncompanies: (\d+), platforms: (\d+), deals: (\d+), evidence: (\d+)\n`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary in output:\n%s", out)
	}
	if m[1] != m[2] || m[1] == "0" {
		t.Errorf("read %s, loaded %s articles; want all loaded", m[1], m[2])
	}
	if m[5] == "0" {
		t.Errorf("no deals in summary:\n%s", out)
	}
}

func TestLoadFromStdinAndReportsSkips(t *testing.T) {
	stdin := strings.NewReader(`{"id":"x1","text":"Microsoft agreed to acquire GitHub for $7.5 billion."}` + "\n" + `{"id":"x2"}` + "\n")
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"partnergraph", "load", "-", "--data", ":memory:"}, noEnv, stdin, &stdout, &stderr)
	var se skippedError
	if !errors.As(err, &se) || se.n != 1 {
		t.Fatalf("load: error %v, want one input skipped (exit status %d)", err, exitSkipped)
	}
	for _, want := range []string{"articles read: 1, loaded: 1, skipped: 1", "skipped stdin:2: field text: missing"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	// Scrapers that expect junk keep exit status 0.
	stdin.Seek(0, io.SeekStart)
	stdout.Reset()
	if err := run(t.Context(), []string{"partnergraph", "load", "--allow-skips", "-", "--data", ":memory:"}, noEnv, stdin, &stdout, &stderr); err != nil {
		t.Errorf("load --allow-skips: %v", err)
	}
	if !strings.Contains(stdout.String(), "skipped: 1") {
		t.Errorf("load --allow-skips output:\n%s", stdout.String())
	}
	// The same from the environment, for scripts that run load for us.
	stdin.Seek(0, io.SeekStart)
	env := func(k string) string {
		if k == "PARTNERGRAPH_ALLOW_SKIPS" {
			return "true"
		}
		return ""
	}
	if err := run(t.Context(), []string{"partnergraph", "load", "-", "--data", ":memory:"}, env, stdin, &stdout, &stderr); err != nil {
		t.Errorf("load with PARTNERGRAPH_ALLOW_SKIPS=true: %v", err)
	}
}

func TestLoadTwiceIntoAFileIsIdempotent(t *testing.T) {
	data := filepath.Join(t.TempDir(), "pg.db")
	var holds []string
	for range 2 {
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), []string{"partnergraph", "load", "--data", data, examples}, noEnv, nil, &stdout, &stderr); err != nil {
			t.Fatalf("load: %v", err)
		}
		sc := bufio.NewScanner(&stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "store ") {
				holds = append(holds, sc.Text())
			}
		}
	}
	if len(holds) != 2 || holds[0] != holds[1] {
		t.Errorf("store totals after two loads: %q", holds)
	}
}

func TestCommandLineErrors(t *testing.T) {
	env := map[string]string{"NEO4J_URI": ""}
	tests := []struct {
		name  string
		args  []string
		want  string
		usage bool
	}{
		{"no command", nil, "no command given", true},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`, true},
		{"unknown flag", []string{"load", "--bogus", "x"}, "load: flag provided but not defined: -bogus", true},
		{"no paths", []string{"load", "--data", ":memory:"}, "load: no PATH given", true},
		{"missing path", []string{"load", "--data", ":memory:", "does/not/exist"}, "load: does/not/exist: no such file or directory", false},
		{"bad store kind", []string{"load", "--store", "sqlite", examples}, `load: unknown --store "sqlite"`, true},
		{"neo4j without uri", []string{"serve", "--store", "neo4j"}, "serve: --store neo4j needs --neo4j-uri or NEO4J_URI", true},
		{"neo4j stub", []string{"load", "--store", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:1", examples}, "load: open neo4j store at bolt://127.0.0.1:1", false},
		{"bad log level", []string{"serve", "--log-level", "loud", "--data", ":memory:"}, `serve: bad --log-level "loud"`, true},
		{"bad address", []string{"serve", "--data", ":memory:", "--addr", "127.0.0.1:99999"}, "serve: listen on 127.0.0.1:99999", false},
		{"bad gc percent", []string{"serve", "--data", ":memory:", "--gc-percent", "0"}, "serve: --gc-percent must be positive, got 0", true},
		{"negative cache", []string{"serve", "--data", ":memory:", "--response-cache-mb", "-1"}, "serve: --response-cache-mb must not be negative, got -1", true},
		{"missing gazetteer", []string{"load", "--data", ":memory:", "--gazetteer", "nope.json", examples}, "load: gazetteer: open nope.json: no such file or directory", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), append([]string{"partnergraph"}, tt.args...), func(k string) string { return env[k] }, nil, &stdout, &stderr)
			if err == nil {
				t.Fatalf("run(%q) succeeded, want error %q", tt.args, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %q, want one line starting %q", err, tt.want)
			}
			var ue usageError
			if got := errors.As(err, &ue); got != tt.usage {
				t.Errorf("usage error = %v, want %v (%v)", got, tt.usage, err)
			}
		})
	}
}

func TestEnvironmentSuppliesNeo4jFlags(t *testing.T) {
	env := map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_USERNAME": "neo", "NEO4J_PASSWORD": "secret", "NEO4J_DATABASE": "graph"}
	fs, o := loadFlags(noEnv)
	if _, err := parseFlags(fs, []string{"--store", "neo4j", "--neo4j-user", "flaguser", "x"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	applyEnv(fs, storeEnv, func(k string) string { return env[k] })
	want := storeConfig{Kind: "neo4j", Data: defaultData, Neo4jURI: "bolt://127.0.0.1:1", Neo4jUser: "flaguser", Neo4jPassword: "secret", Neo4jDatabase: "graph"}
	if o.store != want {
		t.Errorf("store config = %+v, want %+v (flags win over env)", o.store, want)
	}
}

func TestHelpAndVersion(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"help"}, []string{"partnergraph load [flags] PATH...", "partnergraph serve"}},
		{[]string{"help", "load"}, []string{"usage: partnergraph load", "-data file", "-gazetteer file"}},
		{[]string{"help", "serve"}, []string{"usage: partnergraph serve", "-addr address", "-cors-origin origin", "-api-key key", "-neo4j-uri URI", "-gc-percent percent", "-response-cache-mb MiB"}},
		{[]string{"serve", "-h"}, []string{"usage: partnergraph serve"}},
		{[]string{"help", "extract"}, []string{"usage: partnergraph extract"}},
		{[]string{"version"}, []string{"partnergraph ", "go1."}},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if err := run(t.Context(), append([]string{"partnergraph"}, tt.args...), noEnv, nil, &stdout, &stderr); err != nil {
			t.Errorf("run(%q): %v", tt.args, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("run(%q) output lacks %q:\n%s", tt.args, w, stdout.String())
			}
		}
	}
}
