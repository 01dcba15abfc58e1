package main

import (
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// TestParseGoBench reads the output of `go test -bench . -benchmem ./...`
// over several packages, with skipped benchmarks and custom metrics.
func TestParseGoBench(t *testing.T) {
	g, err := ParseGoBench(open(t, "gobench.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if g.CPU != "AMD EPYC" {
		t.Errorf("cpu %q", g.CPU)
	}
	find := func(pkg, name string) *Benchmark {
		for i := range g.Benchmarks {
			if strings.HasSuffix(g.Benchmarks[i].Package, pkg) && g.Benchmarks[i].Name == name {
				return &g.Benchmarks[i]
			}
		}
		t.Fatalf("no %s %s in %+v", pkg, name, g.Benchmarks)
		return nil
	}
	tl := find("/graph", "BenchmarkThreeLevel/reuters")
	if tl.Procs != 2 || tl.Iterations <= 0 || tl.NsPerOp == nil || tl.BytesPerOp == nil || tl.AllocsPerOp == nil {
		t.Errorf("three-level: %+v", tl)
	}
	if _, ok := tl.Metrics["cpu-ns/op"]; !ok {
		t.Errorf("three-level lacks cpu-ns/op: %v", tl.Metrics)
	}
	x := find("/loader", "BenchmarkExtractReuters")
	if x.MBPerS == nil || *x.MBPerS <= 0 || x.Metrics["MB/cpu-s"] <= 0 {
		t.Errorf("extraction: %+v", x)
	}
	for _, b := range g.Benchmarks {
		if b.Package == "" {
			t.Errorf("%s has no package", b.Name)
		}
		if b.NsPerOp == nil {
			t.Errorf("%s has no ns/op", b.Name)
		}
	}
	var neo4j bool
	for _, s := range g.Skipped {
		if strings.Contains(s, "BenchmarkNeo4jLoad") && strings.Contains(s, "PARTNERGRAPH_BENCH_NEO4J") {
			neo4j = true
		}
	}
	if !neo4j {
		t.Errorf("the skipped Neo4j benchmark and its reason are missing: %q", g.Skipped)
	}
	if len(g.Failed) != 0 {
		t.Errorf("failed: %v", g.Failed)
	}
}

func TestParseBenchLine(t *testing.T) {
	b, ok := parseBenchLine("BenchmarkNeo4jLoad-2   \t       1\t61234567890 ns/op\t     16234 batched-upserts/s\t       480.5 per-fact-upserts/s\t        33.79 speedup\t     80635 upserts")
	if !ok || b.Name != "BenchmarkNeo4jLoad" || b.Procs != 2 || b.Metrics["batched-upserts/s"] != 16234 || b.Metrics["speedup"] != 33.79 {
		t.Errorf("%+v %v", b, ok)
	}
	for _, line := range []string{"BenchmarkX", "Benchmarks are fun to write and run", "BenchmarkX-2 ten 5 ns/op", "BenchmarkX 1 abc ns/op"} {
		if _, ok := parseBenchLine(line); ok {
			t.Errorf("%q parsed as a benchmark", line)
		}
	}
	// A name ending in a number that is not GOMAXPROCS keeps it when -cpu 1 drops the suffix.
	b, _ = parseBenchLine("BenchmarkExtractReuters \t       3\t7080463374 ns/op\t   2.38 MB/s\t         6.274 MB/cpu-s")
	if b.Name != "BenchmarkExtractReuters" || b.Procs != 1 || *b.MBPerS != 2.38 {
		t.Errorf("%+v", b)
	}
}

func TestParseBenchLoad(t *testing.T) {
	f, err := ParseBenchLoad(open(t, "bench-load.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Base == "" || f.Head == "" || len(f.Runs) == 0 || len(f.Runs)%2 != 0 {
		t.Errorf("%+v", f)
	}
	if f.HeadWallS <= 0 || f.BaseWallS <= 0 || f.WallRatio <= 0 || f.HeadCPUS <= 0 || f.CPURatio <= 0 {
		t.Errorf("medians: %+v", f)
	}
	for _, r := range f.Runs {
		if (r.Binary != "old" && r.Binary != "head") || r.WallS <= 0 || r.CPUS <= 0 {
			t.Errorf("run %+v", r)
		}
	}
	if _, err := ParseBenchLoad(strings.NewReader("base abc, head def\nrun 1 old 1.0s (cpu 2.0s)\n")); err == nil {
		t.Error("output without medians parsed")
	}
}

func TestParseBenchAPI(t *testing.T) {
	f, err := ParseBenchAPI(open(t, "bench-api.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(f.Context, "Reuters-21578 (") {
		t.Errorf("context %q", f.Context)
	}
	servers := map[string]bool{}
	for _, r := range f.Rows {
		servers[r.Server] = true
		if r.Rate <= 0 || r.Requests <= 0 || r.P50ms <= 0 || r.P99ms < r.P50ms || r.MaxMs < r.P99ms {
			t.Errorf("row %+v", r)
		}
		if r.CPUmsPerRequest["server"] <= 0 {
			t.Errorf("row without the server's CPU: %+v", r)
		}
		if strings.HasPrefix(r.Server, "neo4j") && r.CPUmsPerRequest["neo4j"] <= 0 {
			t.Errorf("Neo4j row without Neo4j's CPU: %+v", r)
		}
		if r.Query != "three-level" && r.Query != "neighborhood" {
			t.Errorf("query %q", r.Query)
		}
	}
	for _, s := range []string{"emb-off", "emb-on", "neo4j"} {
		if !servers[s] {
			t.Errorf("no %s rows in %v", s, servers)
		}
	}
	if _, err := ParseBenchAPI(strings.NewReader("bench-api: the server exited while starting\n")); err == nil {
		t.Error("output without a table parsed")
	}
}

// TestLoadPeerResults reads a results directory in run.sh's layout:
// closedloop's and loadgen's JSON per query, server and mode, meta.json
// and dbhits.json.
func TestLoadPeerResults(t *testing.T) {
	f, err := LoadPeerResults(filepath.Join("testdata", "peer"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Queries) != 2 || f.Queries[0].Query != "q1" || f.Queries[1].Query != "q4" {
		t.Fatalf("queries %+v", f.Queries)
	}
	if len(f.Rates) != 2 || f.Rates[0] != 10 || f.Rates[1] != 50 {
		t.Errorf("rates %v", f.Rates)
	}
	q := f.Queries[0]
	c := q.Modes["closed"]
	if c.PG == nil || c.Peer == nil || c.PG.Throughput <= 0 || c.PG.Clients == 0 {
		t.Fatalf("closed %+v", c)
	}
	if want := c.PG.Throughput / c.Peer.Throughput; q.ThroughputRatio != want {
		t.Errorf("ratio %v, want %v", q.ThroughputRatio, want)
	}
	r := q.Modes["rate10"]
	if r.PG == nil || r.Peer == nil || r.PG.Rate != 10 || r.PG.AchievedRate <= 0 || r.PG.CPUmsPerReq["server"] <= 0 || r.Peer.CPUmsPerReq["neo4j"] <= 0 {
		t.Errorf("rate10 %+v", r)
	}
	if q.DBHits["pg"] <= 0 || q.DBHits["peer"] <= 0 {
		t.Errorf("db hits %v", q.DBHits)
	}
	if f.Meta["pg_commit"] != "134c69e" {
		t.Errorf("meta %v", f.Meta)
	}
	// report.md's Correctness section: the table, then each note as a
	// list item after a blank line.
	if !strings.HasPrefix(f.Correctness, "| query | inputs | same data | differ | notes |") ||
		!strings.Contains(f.Correctness, "| Q5 | 47 | 47 | 0 |") || !strings.Contains(f.Correctness, "|\n\n- Q1B note: ") ||
		strings.Contains(f.Correctness, "## Performance") {
		t.Errorf("correctness %q", f.Correctness)
	}
	md := Markdown(&Report{Steps: []Step{{Name: "peer", Title: "Side by side", Status: "imported", Peer: &f}}})
	for _, want := range []string{"| Q1 company by name", "10/s partnergraph", "50/s peer", "db hits/req"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if _, err := LoadPeerResults(t.TempDir()); err == nil {
		t.Error("an empty directory was read as results")
	}
}

func TestSelectSteps(t *testing.T) {
	got, err := selectSteps("", "peer,scale")
	if err != nil || strings.Join(got, ",") != "extract,gobench,load,neo4j-load,api" {
		t.Errorf("%v %v", got, err)
	}
	got, err = selectSteps("api, extract", "")
	if err != nil || strings.Join(got, ",") != "extract,api" {
		t.Errorf("%v %v", got, err)
	}
	if _, err := selectSteps("extrct", ""); err == nil {
		t.Error("an unknown step was accepted")
	}
	if _, err := selectSteps("api", "api"); err == nil {
		t.Error("an empty selection was accepted")
	}
}

// TestMerge runs the tool with only a step that imports and a previous
// report: the other steps are carried over with their figures.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	prev := Report{Schema: 1, Generated: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), Machine: Machine{Commit: "abc"},
		Steps: []Step{{Name: "load", Title: "Loading", Status: "ok", Command: "tools/bench-load.sh", WallS: 10,
			Load: &LoadFigures{Base: "a", Head: "b", HeadWallS: 12, BaseWallS: 11, WallRatio: 1.09}}}}
	b, _ := json.Marshal(prev)
	if err := os.WriteFile(filepath.Join(dir, "prev.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	peer, _ := filepath.Abs(filepath.Join("testdata", "peer"))
	o := options{steps: "peer", out: dir, logs: filepath.Join(dir, "logs"), merge: filepath.Join(dir, "prev.json"),
		peerResults: peer, quiet: true, invocation: "test"}
	if err := run(o, discardLogger()); err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := readJSON(filepath.Join(dir, "report.json"), &got); err != nil {
		t.Fatal(err)
	}
	if s := got.step("load"); s == nil || s.Status != "ok" || s.CarriedFrom != "2026-12-07T09:00:00Z" || s.Load == nil || s.Load.HeadWallS != 12 || s.Commit != "abc" {
		t.Errorf("load %+v", s)
	}
	if s := got.step("peer"); s == nil || s.Status != "imported" || s.Peer == nil {
		t.Errorf("peer %+v", s)
	}
	if s := got.step("api"); s == nil || s.Status != "not-selected" {
		t.Errorf("api %+v", s)
	}
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| load | ok, carried from 2026-12-07T09:00:00Z |") || !strings.Contains(string(md), "| 12.00 s |") {
		t.Errorf("report.md:\n%s", md)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestParseGoBenchFailures(t *testing.T) {
	out := "goos: linux\npkg: example.com/p\nBenchmarkA-2 \t 10\t 100 ns/op\n--- FAIL: BenchmarkB\n    b_test.go:9: boom\nFAIL\nexit status 1\nFAIL\texample.com/p\t0.5s\n"
	g, err := ParseGoBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Benchmarks) != 1 || g.Benchmarks[0].Package != "example.com/p" || *g.Benchmarks[0].NsPerOp != 100 {
		t.Errorf("benchmarks %+v", g.Benchmarks)
	}
	if strings.Join(g.Failed, ",") != "example.com/p.BenchmarkB,example.com/p" {
		t.Errorf("failed %q", g.Failed)
	}
}

// TestQuote replaces the block between the markers and keeps the rest.
func TestQuote(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "perf.md")
	orig := "# P\n\nbefore\n\n" + quoteBegin + "\nold figures\n" + quoteEnd + "\n\nafter\n"
	if err := os.WriteFile(doc, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ParseBenchLoad(open(t, "bench-load.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rep := &Report{Machine: Machine{Commit: "0123456789abcdef", Go: "go version go1.26.8 linux/amd64", Java: `openjdk version "17.0.15" 2025-04-15`},
		Steps: []Step{{Name: "load", Title: "Loading", Status: "ok", Load: &f}, {Name: "peer", Title: "Side by side", Status: "not-selected"}}}
	for range 2 { // a second quote replaces the first
		if err := quoteInto(doc, filepath.Join(dir, "bench", "report.md"), rep); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(doc)
	got := string(b)
	for _, want := range []string{"before\n\n" + quoteBegin + "\n\nFrom [report.md](bench/report.md)", "Go 1.26.8, Java 17.0.15",
		"| median wall time |", "### Side by side\n\nNot in this report.", quoteEnd + "\n\nafter\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "old figures") || strings.Count(got, quoteBegin) != 1 {
		t.Errorf("the old block survived:\n%s", got)
	}
	if err := quoteInto(filepath.Join("testdata", "README.md"), "r.md", rep); err == nil {
		t.Error("a file without markers was accepted")
	}
}

// TestPeerStepRunsRunSh runs the peer step against a stand-in run.sh that
// checks how it is called (the checkout as its argument, an absolute
// BENCH_WORK) and leaves results and a report where the real one does.
func TestPeerStepRunsRunSh(t *testing.T) {
	dir := t.TempDir()
	peer, _ := filepath.Abs(filepath.Join("testdata", "peer"))
	script := `#!/bin/sh
set -e
[ "$1" = . ] || { echo "checkout $1" >&2; exit 2; }
case $BENCH_WORK in /*) ;; *) echo "BENCH_WORK $BENCH_WORK is relative" >&2; exit 2 ;; esac
mkdir -p "$BENCH_WORK/results"
cp ` + peer + `/*.json "$BENCH_WORK/results/"
printf '## Correctness\n\n| query | inputs | same data | differ | notes |\n|---|---|---|---|---|\n| Q1 | 50 | 50 | 0 | |\nQ1 note: aliases differ\n\n## Performance\n\nx\n' >"$BENCH_WORK/report.md"
`
	if err := os.WriteFile(filepath.Join(dir, "run.sh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	o := options{steps: "peer", out: dir, logs: filepath.Join(dir, "logs"), peerDir: dir, quiet: true, invocation: "test"}
	if err := run(o, discardLogger()); err != nil {
		t.Fatal(err)
	}
	var got Report
	if err := readJSON(filepath.Join(dir, "report.json"), &got); err != nil {
		t.Fatal(err)
	}
	s := got.step("peer")
	if s == nil || s.Status != "ok" || s.Peer == nil || len(s.Peer.Queries) != 2 {
		t.Fatalf("peer step %+v", s)
	}
	if !strings.Contains(s.Command, "BENCH_WORK=/") || !strings.HasSuffix(s.Command, "run.sh .") {
		t.Errorf("command %q", s.Command)
	}
	if want := "| Q1 | 50 | 50 | 0 | |\n\n- Q1 note: aliases differ"; s.Peer.Correctness != "| query | inputs | same data | differ | notes |\n|---|---|---|---|---|\n"+want {
		t.Errorf("correctness %q", s.Peer.Correctness)
	}
	// A run.sh that fails makes the step and the command fail.
	if err := os.WriteFile(filepath.Join(dir, "run.sh"), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := run(o, discardLogger()); err == nil {
		t.Error("a failing run.sh did not fail the command")
	}
	if err := readJSON(filepath.Join(dir, "report.json"), &got); err != nil {
		t.Fatal(err)
	}
	if s := got.step("peer"); s == nil || s.Status != "failed" || s.Error == "" {
		t.Errorf("peer step after a failure: %+v", s)
	}
}

// TestScaleStep runs the scale step against a stand-in tools/scale in a
// module of its own that checks the flags it is given and writes its JSON
// and Markdown where asked; without tools/scale the step is not available.
func TestScaleStep(t *testing.T) {
	root := t.TempDir()
	logs := filepath.Join(root, "logs")
	r := &runner{o: options{quiet: true, scaleArgs: "-stores embedded -sizes 10"}, log: discardLogger(), logs: logs, root: root}
	var s Step
	s.Name = "scale"
	if err := runScale(t.Context(), r, &s); err == nil || !strings.Contains(err.Error(), errNotAvailable.Error()) {
		t.Fatalf("without tools/scale: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(root, "tools", "scale"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": "module stand.in/scale\n\ngo 1.22\n",
		"tools/scale/main.go": `package main

import (
	"flag"
	"os"
)

func main() {
	out := flag.String("out", "", "")
	md := flag.String("md", "", "")
	work := flag.String("work", "", "")
	stores := flag.String("stores", "", "")
	sizes := flag.String("sizes", "", "")
	flag.Parse()
	if *work == "" || *stores != "embedded" || *sizes != "10" {
		os.Exit(2)
	}
	os.WriteFile(*out, []byte(` + "`" + `{"runs": [{"store": "embedded", "articles": 10}]}` + "`" + `), 0o644)
	os.WriteFile(*md, []byte("| store | articles |\n|---|---|\n| embedded | 10 |\n"), 0o644)
}
`,
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s = Step{Name: "scale"}
	if err := runScale(t.Context(), r, &s); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Command, "go run ./tools/scale -out logs/scale.json -md logs/scale.md -work "+filepath.Join(logs, "scale-work")+" -stores embedded -sizes 10") {
		t.Errorf("command %q", s.Command)
	}
	if !strings.Contains(string(s.Scale), `"articles": 10`) || !strings.Contains(s.ScaleMD, "| embedded | 10 |") {
		t.Errorf("scale %s / %q", s.Scale, s.ScaleMD)
	}
}

func TestScaleMarkdown(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "scale.json"))
	if err != nil {
		t.Fatal(err)
	}
	md := ScaleMarkdown(b)
	for _, want := range []string{"| store | articles | loaded |", "| neo4j | 10000 | 10000 |", "Q5 p50 / p99 ms |",
		"| loader processes |", "| neo4j | 10000 | 4 |", "failed) |"} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
	if md := ScaleMarkdown([]byte(`{"other": 1}`)); !strings.Contains(md, "```json") {
		t.Errorf("an unknown format: %s", md)
	}
}
