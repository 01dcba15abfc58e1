package neo4jstore_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// compose is the part of the Compose file format docker-compose.yml uses.
// Decoding is strict, so a misspelt key fails the test.
type compose struct {
	Name     string                    `yaml:"name"`
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Build       *composeBuild     `yaml:"build"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	Healthcheck *struct {
		Test        []string `yaml:"test"`
		Interval    string   `yaml:"interval"`
		Timeout     string   `yaml:"timeout"`
		Retries     int      `yaml:"retries"`
		StartPeriod string   `yaml:"start_period"`
	} `yaml:"healthcheck"`
	DependsOn map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Restart string `yaml:"restart"`
}

type composeBuild struct {
	Context    string `yaml:"context"`
	Dockerfile string `yaml:"dockerfile"`
}

// TestComposeFile validates docker-compose.yml without a Docker engine:
// Neo4j 5.26 Community with a healthcheck and a data volume, and the server
// built from the repository's Dockerfile, loading the sample articles into
// that Neo4j once it is healthy.
func TestComposeFile(t *testing.T) {
	root := ".."
	data, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c compose
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.Strict()); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}

	db, ok := c.Services["neo4j"]
	if !ok {
		t.Fatalf("no neo4j service among %v", keys(c.Services))
	}
	if db.Image != "neo4j:5.26-community" {
		t.Errorf("neo4j image %q, want neo4j:5.26-community", db.Image)
	}
	if h := db.Healthcheck; h == nil || len(h.Test) < 2 || !slices.Contains([]string{"CMD", "CMD-SHELL"}, h.Test[0]) || h.Interval == "" || h.Retries < 1 {
		t.Errorf("neo4j healthcheck %+v: want a CMD or CMD-SHELL test, an interval and retries", db.Healthcheck)
	} else if !strings.Contains(strings.Join(h.Test[1:], " "), "cypher-shell") {
		t.Errorf("neo4j healthcheck %v does not ask Neo4j itself (cypher-shell)", h.Test)
	}
	var dataVolume string
	for _, v := range db.Volumes {
		if src, dst, ok := strings.Cut(v, ":"); ok && dst == "/data" {
			dataVolume = src
		}
	}
	if dataVolume == "" {
		t.Errorf("neo4j volumes %v: none mounted at /data", db.Volumes)
	} else if _, ok := c.Volumes[dataVolume]; !ok {
		t.Errorf("volume %q is not declared under the top-level volumes %v", dataVolume, keys(c.Volumes))
	}
	auth := db.Environment["NEO4J_AUTH"]
	if !strings.HasPrefix(auth, "neo4j/") {
		t.Errorf("NEO4J_AUTH %q: want neo4j/PASSWORD", auth)
	}

	app, ok := c.Services["partnergraph"]
	if !ok {
		t.Fatalf("no partnergraph service among %v", keys(c.Services))
	}
	if app.Build == nil || app.Build.Context != "." {
		t.Fatalf("partnergraph build %+v: want the repository as context", app.Build)
	}
	dockerfile := filepath.Join(root, app.Build.Context, cmpOr(app.Build.Dockerfile, "Dockerfile"))
	checkDockerfile(t, dockerfile)
	args := strings.Join(app.Command, " ")
	for _, want := range []string{"serve", "--store neo4j", "--load examples/articles", "--addr 0.0.0.0:"} {
		if !strings.Contains(args, want) {
			t.Errorf("partnergraph command %q lacks %q", args, want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "examples", "articles")); err != nil {
		t.Errorf("the command loads examples/articles: %v", err)
	}
	if got := app.Environment["NEO4J_URI"]; got != "bolt://neo4j:7687" {
		t.Errorf("NEO4J_URI %q, want bolt://neo4j:7687 (the neo4j service)", got)
	}
	if app.Environment["NEO4J_USERNAME"] != "neo4j" || !strings.HasSuffix(auth, app.Environment["NEO4J_PASSWORD"]) {
		t.Errorf("partnergraph credentials %q/%q do not match NEO4J_AUTH %q",
			app.Environment["NEO4J_USERNAME"], app.Environment["NEO4J_PASSWORD"], auth)
	}
	if dep, ok := app.DependsOn["neo4j"]; !ok || dep.Condition != "service_healthy" {
		t.Errorf("partnergraph depends_on %+v: want neo4j with condition service_healthy", app.DependsOn)
	}
	if !slices.ContainsFunc(app.Ports, func(p string) bool { return strings.HasSuffix(p, ":8080") }) {
		t.Errorf("partnergraph ports %v do not publish 8080", app.Ports)
	}
}

// checkDockerfile checks that the Dockerfile builds the binary with the Go
// version of go.mod and ships the sample articles.
func checkDockerfile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Dockerfile: %v", err)
	}
	mod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	if goLine == nil {
		t.Fatal("go.mod has no go line")
	}
	text := string(data)
	for _, want := range []string{
		"FROM golang:" + string(goLine[1]) + " AS build",
		"go build",
		"./cmd/partnergraph",
		"COPY examples/articles",
		"ENTRYPOINT",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q", path, want)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
