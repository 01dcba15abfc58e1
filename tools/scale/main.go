// Command scale measures how partnergraph scales with the number of
// articles (issue 14, "Scale"). For each store and size it generates N
// synthetic articles (`partnergraph gen`), pipes them into `partnergraph
// load` on an empty store, and records the load's wall time, its peak
// resident memory (from the kernel's accounting of the finished process),
// the store's size on disk (embedded store) and the graph's counts. It then
// serves the store (`partnergraph serve`) and drives the five analyst
// queries of the side-by-side benchmark (Q1 company page, Q2 filtered deal
// page, Q3 three-level nesting, Q4 neighbourhood, Q5 search) with
// tools/loadgen at a fixed rate, recording p50 and p99 of each. The inputs
// are the same at every size: the generator's 50 most popular companies
// (by name for Q1, by ID for Q4), their two-letter name prefixes (Q3),
// four-letter substrings of their names (Q5), and 12 platforms × 5 year
// ranges (Q2).
//
// With -shard-procs it also loads the first size into Neo4j with 1, 2, 4…
// concurrent `load --shard i/n` processes and records the wall times and
// the speedups.
//
// It prints progress to stderr and writes a JSON report to -out (format:
// see [Report]). It is a benchmark, not a test: a missed target is
// reported in the JSON ("targets"), not failed. A load that exceeds
// -max-load-time or -max-rss is stopped and recorded as incomplete with
// how far it got; its queries are not measured.
//
// Usage:
//
//	go run ./tools/scale -sizes 10000,100000,1000000 -out scale.json
//	go run ./tools/scale -stores neo4j -neo4j-uri bolt://127.0.0.1:7687 -wipe -sizes 10000 -shard-procs 1,2,4
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/partnergraph/partnergraph/synth"
)

// Report is the JSON the tool writes.
type Report struct {
	// Started is when the run began (RFC 3339).
	Started string `json:"started"`
	// Machine describes where it ran.
	Machine Machine `json:"machine"`
	// Seed, Rate and Duration are the settings of the run.
	Seed     uint64  `json:"seed"`
	Rate     float64 `json:"rate"`
	Duration string  `json:"duration"`
	// Commands are the command lines that produced the figures, in order.
	Commands []string `json:"commands"`
	// Runs are the loads and their query latencies, one per store and size.
	Runs []Run `json:"runs"`
	// Shards are the sharded Neo4j loads, when -shard-procs is given.
	Shards []ShardRun `json:"shards,omitempty"`
	// Targets compares the runs with the targets.
	Targets Targets `json:"targets"`
}

// Machine describes the machine.
type Machine struct {
	CPUs         int    `json:"cpus"`
	GoVersion    string `json:"go"`
	LoadAvgStart string `json:"loadavg_start"`
	LoadAvgEnd   string `json:"loadavg_end"`
}

// Run is one load of one size into one store and the queries on it.
type Run struct {
	Store    string `json:"store"`
	Articles int    `json:"articles"`
	// Completed is false when the load was stopped by a limit or failed;
	// Reason says why, LoadedArticles how far it got.
	Completed      bool    `json:"completed"`
	Reason         string  `json:"reason,omitempty"`
	LoadedArticles int     `json:"loaded_articles"`
	LoadSeconds    float64 `json:"load_seconds"`
	ArticlesPerSec float64 `json:"articles_per_second"`
	// PeakRSSBytes is the load process's peak resident memory.
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
	// StoreBytes is the embedded store's file size (0 for Neo4j).
	StoreBytes int64 `json:"store_bytes"`
	// Counts are the store's counts as load prints them.
	Counts map[string]int `json:"counts,omitempty"`
	// Queries maps q1..q5 to their latency at the fixed rate.
	Queries map[string]Latency `json:"queries,omitempty"`
}

// Latency is what loadgen measured for one query.
type Latency struct {
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
	Achieved float64 `json:"achieved_rate"`
}

// ShardRun is one load with several concurrent loader processes.
type ShardRun struct {
	Store     string  `json:"store"`
	Articles  int     `json:"articles"`
	Processes int     `json:"processes"`
	Seconds   float64 `json:"seconds"`
	// Speedup is the time with one process divided by this time.
	Speedup float64        `json:"speedup"`
	Counts  map[string]int `json:"counts,omitempty"`
}

// Targets holds the scale targets as measured; nil means not
// measured.
type Targets struct {
	// Embedded1MUnder10Min: 1M articles loaded into the embedded store in
	// under 10 minutes.
	Embedded1MUnder10Min *bool `json:"embedded_1m_under_10min"`
	// Embedded1MUnder4GiB: that load's peak RSS under 4 GiB.
	Embedded1MUnder4GiB *bool `json:"embedded_1m_under_4gib"`
	// P99Ratio maps store → query → p99 at the largest completed size over
	// p99 at the smallest (target: at most 2 from 10k to 1M).
	P99Ratio map[string]map[string]float64 `json:"p99_ratio_largest_vs_smallest"`
	// Sizes maps store → [smallest, largest] completed size in the ratio.
	Sizes map[string][2]int `json:"p99_ratio_sizes"`
	// LowerBound maps store → the queries some of whose requests failed
	// (timed out) at either size: their ratio is not a measurement.
	LowerBound map[string][]string `json:"p99_ratio_unreliable,omitempty"`
}

type config struct {
	sizes, procs              []int
	stores                    []string
	seed                      uint64
	work, bin, loadgen, out   string
	neo4jURI                  string
	wipe, keep                bool
	rate                      float64
	duration, warmup, maxTime time.Duration
	maxRSS                    int64
	batch                     int
	serveArgs                 []string
	md                        string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func intList(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(f, "_", ""))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad number %q", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	var c config
	sizes := fs.String("sizes", "10000,100000,1000000", "comma-separated article counts to load, each into an empty store")
	stores := fs.String("stores", "embedded", "comma-separated stores: embedded, neo4j")
	procs := fs.String("shard-procs", "", "also load the first size into Neo4j with each of these numbers of concurrent `load --shard` processes, e.g. 1,2,4")
	fs.Uint64Var(&c.seed, "seed", 1, "corpus seed of `partnergraph gen`")
	fs.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "partnergraph-scale"), "work `dir` (stores, binaries, inputs, logs)")
	fs.StringVar(&c.bin, "bin", "", "partnergraph `binary` (default: go build ./cmd/partnergraph into -work)")
	fs.StringVar(&c.loadgen, "loadgen", "", "loadgen `binary` (default: go build ./tools/loadgen into -work)")
	fs.StringVar(&c.out, "out", "-", "write the JSON report to `file` (- for stdout)")
	fs.StringVar(&c.neo4jURI, "neo4j-uri", os.Getenv("NEO4J_URI"), "Neo4j `URI` for -stores neo4j (auth from NEO4J_USERNAME/NEO4J_PASSWORD)")
	fs.BoolVar(&c.wipe, "wipe", false, "allow deleting everything in the Neo4j database before each load (required with -stores neo4j)")
	fs.BoolVar(&c.keep, "keep", false, "keep the embedded stores in -work after measuring")
	fs.Float64Var(&c.rate, "rate", 50, "requests/s of each query")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "measured time per query")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "unrecorded warm-up per query")
	fs.DurationVar(&c.maxTime, "max-load-time", 0, "stop a load running longer than this and record it incomplete (0: no limit)")
	maxRSS := fs.Int64("max-rss-mib", 0, "stop a load whose resident memory passes this many MiB and record it incomplete (0: no limit)")
	fs.IntVar(&c.batch, "batch", 0, "load --batch (0: load's default)")
	fs.StringVar(&c.md, "md", "", "also write the tables as Markdown to `file`")
	serveArgs := fs.String("serve-args", "--response-cache-mb 0",
		"extra `flags` of serve: by default no response cache, so every request reaches the store (the five queries run under serve's default complexity limit at any size)")
	render := fs.String("render", "", "measure nothing: print the Markdown tables of the JSON report in `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *render != "" {
		raw, err := os.ReadFile(*render)
		if err != nil {
			return err
		}
		var rep Report
		if err := json.Unmarshal(raw, &rep); err != nil {
			return fmt.Errorf("%s: %w", *render, err)
		}
		_, err = fmt.Print(Markdown(rep))
		return err
	}
	c.maxRSS = *maxRSS << 20
	c.serveArgs = strings.Fields(*serveArgs)
	var err error
	if c.sizes, err = intList(*sizes); err != nil || len(c.sizes) == 0 {
		return fmt.Errorf("-sizes: %v", err)
	}
	if c.procs, err = intList(*procs); err != nil {
		return fmt.Errorf("-shard-procs: %v", err)
	}
	for _, s := range strings.Split(*stores, ",") {
		switch s = strings.TrimSpace(s); s {
		case "embedded", "neo4j":
			c.stores = append(c.stores, s)
		case "":
		default:
			return fmt.Errorf("-stores: unknown store %q", s)
		}
	}
	if (slices.Contains(c.stores, "neo4j") || len(c.procs) > 0) && (c.neo4jURI == "" || !c.wipe) {
		return errors.New("Neo4j runs need -neo4j-uri and -wipe (the database is emptied before each load)")
	}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return err
	}
	if err := c.build(ctx); err != nil {
		return err
	}
	rep := Report{Started: time.Now().UTC().Format(time.RFC3339), Seed: c.seed, Rate: c.rate, Duration: c.duration.String(),
		Machine: Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), LoadAvgStart: loadavg()}}
	inputs, err := c.writeInputs()
	if err != nil {
		return err
	}
	for _, store := range c.stores {
		for _, n := range c.sizes {
			r, cmds, err := c.measure(ctx, store, n, inputs)
			rep.Commands = append(rep.Commands, cmds...)
			if err != nil {
				return err
			}
			rep.Runs = append(rep.Runs, r)
			say("%s %d: %+v", store, n, r)
		}
	}
	if len(c.procs) > 0 {
		var base float64
		for _, p := range c.procs {
			sr, cmds, err := c.shardLoad(ctx, c.sizes[0], p)
			rep.Commands = append(rep.Commands, cmds...)
			if err != nil {
				return err
			}
			if base == 0 && p == 1 {
				base = sr.Seconds
			}
			if base > 0 {
				sr.Speedup = round(base / sr.Seconds)
			}
			rep.Shards = append(rep.Shards, sr)
			say("neo4j %d articles, %d loader processes: %.1fs", sr.Articles, p, sr.Seconds)
		}
	}
	rep.Machine.LoadAvgEnd = loadavg()
	rep.Targets = targets(rep.Runs)
	if c.md != "" {
		if err := os.WriteFile(c.md, []byte(Markdown(rep)), 0o644); err != nil {
			return err
		}
	}
	return writeJSON(c.out, rep)
}

// Markdown renders the report's tables.
func Markdown(rep Report) string {
	var b strings.Builder
	mib := func(n int64) string { return fmt.Sprintf("%.0f", float64(n)/(1<<20)) }
	fmt.Fprintf(&b, "| store | articles | loaded | load s | articles/s | peak RSS MiB | store MiB | companies | deals |")
	qs := []string{"q1", "q2", "q3", "q4", "q5"}
	for _, q := range qs {
		fmt.Fprintf(&b, " %s p50 / p99 ms |", strings.ToUpper(q))
	}
	b.WriteString("\n|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	b.WriteString(strings.Repeat("---|", len(qs)))
	b.WriteString("\n")
	for _, r := range rep.Runs {
		loaded := strconv.Itoa(r.LoadedArticles)
		if !r.Completed {
			loaded += " (" + r.Reason + ")"
		}
		store := "-"
		if r.StoreBytes > 0 {
			store = mib(r.StoreBytes)
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %.0f | %.0f | %s | %s | %d | %d |", r.Store, r.Articles, loaded, r.LoadSeconds,
			r.ArticlesPerSec, mib(r.PeakRSSBytes), store, r.Counts["companies"], r.Counts["deals"])
		for _, q := range qs {
			l, ok := r.Queries[q]
			switch {
			case !ok:
				b.WriteString(" – |")
			case l.Errors > 0:
				fmt.Fprintf(&b, " %.1f / %.1f (%d of %d failed) |", l.P50, l.P99, l.Errors, l.Requests)
			default:
				fmt.Fprintf(&b, " %.1f / %.1f |", l.P50, l.P99)
			}
		}
		b.WriteString("\n")
	}
	if len(rep.Shards) > 0 {
		b.WriteString("\n| store | articles | loader processes | wall s | speedup |\n|---|---:|---:|---:|---:|\n")
		for _, s := range rep.Shards {
			fmt.Fprintf(&b, "| %s | %d | %d | %.0f | %.2f |\n", s.Store, s.Articles, s.Processes, s.Seconds, s.Speedup)
		}
	}
	return b.String()
}

func say(format string, args ...any) { fmt.Fprintf(os.Stderr, "scale: "+format+"\n", args...) }

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func round(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "-" {
		_, err = os.Stdout.Write(b)
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// build builds the binaries not given.
func (c *config) build(ctx context.Context) error {
	for _, b := range []struct {
		dst *string
		pkg string
	}{{&c.bin, "./cmd/partnergraph"}, {&c.loadgen, "./tools/loadgen"}} {
		if *b.dst != "" {
			continue
		}
		*b.dst = filepath.Join(c.work, filepath.Base(b.pkg))
		say("building %s", b.pkg)
		cmd := exec.CommandContext(ctx, "go", "build", "-o", *b.dst, b.pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", b.pkg, err)
		}
	}
	return nil
}

// inputs are the variables files of the five queries and their documents.
type inputs struct {
	hubs           []string // names
	q2, q3, q5     string   // variables files
	queries        map[string]string
	q1src, q4names string
}

// The five query documents, as in ../shared/peers/neo4j-graphql/queries.
var queries = map[string]string{
	"q1": `query Q1($name: String!) { company(name: $name) { id name
  deals(first: 100) { edges { node { id type year status parties { role company { id name } } platforms { id name } } } }
  partners(first: 100) { company { id name } dealCount } } }`,
	"q2": `query Q2($platform: String!, $from: Int!, $to: Int!) {
  deals(first: 20, filter: { platform: $platform, yearFrom: $from, yearTo: $to }, sort: YEAR_DESC) {
    totalCount edges { cursor node { id type status year summary } } pageInfo { hasNextPage endCursor } } }`,
	"q3": `query Q3($prefix: String!) { companies(first: 10, filter: { namePrefix: $prefix }, sort: NAME) {
  edges { node { id name deals(first: 10) { edges { node { id type year
    parties { role company { id name deals(first: 5) { edges { node { id type year } } } } } } } } } }
  pageInfo { hasNextPage endCursor } } }`,
	"q4": `query Q4($id: ID!) { neighborhood(id: $id, depth: 2, limit: 500) { truncated nodes { id label depth } edges { id source target type status year } } }`,
	"q5": `query Q5($text: String!) { search(text: $text, first: 10) { kind id name score } }`,
}

// hubCount is the number of popular companies the queries cycle through.
const hubCount = 50

// writeInputs writes the query documents and the inputs that do not need
// the loaded graph (Q1 by name, Q2, Q3, Q5); Q4's IDs are looked up per
// store.
func (c *config) writeInputs() (*inputs, error) {
	g, err := synth.New(synth.Config{Seed: c.seed}, nil)
	if err != nil {
		return nil, err
	}
	in := &inputs{queries: map[string]string{}}
	for q, doc := range queries {
		p := filepath.Join(c.work, q+".graphql")
		if err := os.WriteFile(p, []byte(doc+"\n"), 0o644); err != nil {
			return nil, err
		}
		in.queries[q] = p
	}
	for r := range hubCount {
		in.hubs = append(in.hubs, g.CompanyName(r))
	}
	write := func(name string, rows []map[string]any) (string, error) {
		var b bytes.Buffer
		for _, r := range rows {
			j, _ := json.Marshal(r)
			b.Write(append(j, '\n'))
		}
		p := filepath.Join(c.work, name)
		return p, os.WriteFile(p, b.Bytes(), 0o644)
	}
	var q1, q3, q5, q2 []map[string]any
	seen3, seen5 := map[string]bool{}, map[string]bool{}
	for i, h := range in.hubs {
		q1 = append(q1, map[string]any{"name": h})
		k := strings.ToLower(h)
		if p := k[:min(2, len(k))]; len(p) == 2 && !seen3[p] {
			seen3[p] = true
			q3 = append(q3, map[string]any{"prefix": p})
		}
		clean := strings.TrimSpace(regexp.MustCompile(`[^a-z0-9 ]`).ReplaceAllString(k, " "))
		t := clean[:min(4, len(clean))]
		if i%2 == 1 && len(clean) >= 7 {
			t = clean[2:6]
		}
		if t = strings.TrimSpace(t); len(t) >= 3 && !seen5[t] {
			seen5[t] = true
			q5 = append(q5, map[string]any{"text": t})
		}
	}
	plats := g.Platforms()
	for _, yr := range [][2]int{{2015, 2023}, {2018, 2021}, {1980, 2023}, {2019, 2022}, {2010, 2019}} {
		for _, p := range plats[:min(12, len(plats))] {
			q2 = append(q2, map[string]any{"platform": p, "from": yr[0], "to": yr[1]})
		}
	}
	if in.q1src, err = write("q1.jsonl", q1); err != nil {
		return nil, err
	}
	if in.q2, err = write("q2.jsonl", q2); err != nil {
		return nil, err
	}
	if in.q3, err = write("q3.jsonl", q3); err != nil {
		return nil, err
	}
	if in.q5, err = write("q5.jsonl", q5); err != nil {
		return nil, err
	}
	return in, nil
}

// storeArgs are the store flags of load and serve for store.
func (c *config) storeArgs(store, data string) []string {
	if store == "neo4j" {
		return []string{"--store", "neo4j", "--neo4j-uri", c.neo4jURI}
	}
	return []string{"--data", data}
}

// wipeNeo4j deletes everything in the database, a batch at a time.
func (c *config) wipeNeo4j(ctx context.Context) error {
	auth := neo4j.NoAuth()
	if u := os.Getenv("NEO4J_USERNAME"); u != "" {
		auth = neo4j.BasicAuth(u, os.Getenv("NEO4J_PASSWORD"), "")
	}
	d, err := neo4j.NewDriverWithContext(c.neo4jURI, auth)
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	_, err = neo4j.ExecuteQuery(ctx, d, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(os.Getenv("NEO4J_DATABASE")))
	if err != nil {
		// Managed transactions cannot run CALL … IN TRANSACTIONS; use an
		// implicit one.
		s := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: os.Getenv("NEO4J_DATABASE")})
		defer s.Close(ctx)
		res, err := s.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		if err != nil {
			return fmt.Errorf("wipe neo4j: %w", err)
		}
		if _, err := res.Consume(ctx); err != nil {
			return fmt.Errorf("wipe neo4j: %w", err)
		}
	}
	return nil
}

var countsRE = regexp.MustCompile(`now holds (\d+) companies, (\d+) platforms, (\d+) deals, (\d+) articles`)

func parseCounts(out string) map[string]int {
	m := countsRE.FindStringSubmatch(out)
	if m == nil {
		return nil
	}
	at := func(i int) int { n, _ := strconv.Atoi(m[i]); return n }
	return map[string]int{"companies": at(1), "platforms": at(2), "deals": at(3), "articles": at(4)}
}

// loadResult is what one load process did.
type loadResult struct {
	seconds       float64
	peakRSS       int64
	stdout        string
	loaded        int
	stopped, fail string
}

var batchRE = regexp.MustCompile(`msg="batch written" articles=(\d+)`)

// load runs gen | load with extra load args and waits for it, enforcing
// the limits.
func (c *config) load(ctx context.Context, n int, loadArgs []string, logName string) (loadResult, []string, error) {
	genArgs := []string{"gen", "--articles", strconv.Itoa(n), "--seed", strconv.FormatUint(c.seed, 10)}
	args := append([]string{"load", "--log-level", "debug"}, loadArgs...)
	if c.batch > 0 {
		args = append(args, "--batch", strconv.Itoa(c.batch))
	}
	args = append(args, "-")
	cmdline := fmt.Sprintf("partnergraph %s | partnergraph %s", strings.Join(genArgs, " "), strings.Join(args, " "))
	gen := exec.CommandContext(ctx, c.bin, genArgs...)
	ld := exec.CommandContext(ctx, c.bin, args...)
	pipe, err := gen.StdoutPipe()
	if err != nil {
		return loadResult{}, nil, err
	}
	ld.Stdin = pipe
	var out bytes.Buffer
	ld.Stdout = &out
	logf, err := os.Create(filepath.Join(c.work, logName))
	if err != nil {
		return loadResult{}, nil, err
	}
	defer logf.Close()
	errPipe, err := ld.StderrPipe()
	if err != nil {
		return loadResult{}, nil, err
	}
	start := time.Now()
	if err := gen.Start(); err != nil {
		return loadResult{}, nil, err
	}
	if err := ld.Start(); err != nil {
		_ = gen.Process.Kill()
		_ = gen.Wait()
		return loadResult{}, nil, err
	}
	res := loadResult{}
	loaded := make(chan int, 1)
	go func() {
		// Count the articles written from the debug log, and keep it.
		total := 0
		sc := bufio.NewScanner(errPipe)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := batchRE.FindStringSubmatch(line); m != nil {
				k, _ := strconv.Atoi(m[1])
				total += k
				continue
			}
			fmt.Fprintln(logf, line)
		}
		loaded <- total
	}()
	done := make(chan error, 1)
	go func() { done <- ld.Wait() }()
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	var werr error
wait:
	for {
		select {
		case werr = <-done:
			break wait
		case <-tick.C:
			if c.maxTime > 0 && time.Since(start) > c.maxTime {
				res.stopped = fmt.Sprintf("stopped after -max-load-time %s", c.maxTime)
			} else if rss := rssOf(ld.Process.Pid); c.maxRSS > 0 && rss > c.maxRSS {
				res.stopped = fmt.Sprintf("stopped at %d MiB resident, over -max-rss-mib %d", rss>>20, c.maxRSS>>20)
			}
			if res.stopped != "" {
				_ = ld.Process.Signal(syscall.SIGKILL)
				werr = <-done
				break wait
			}
		}
	}
	res.seconds = time.Since(start).Seconds()
	_ = gen.Process.Kill() // done already unless the load stopped early
	_ = gen.Wait()
	res.loaded = <-loaded
	res.stdout = out.String()
	if ld.ProcessState != nil {
		if ru, ok := ld.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.peakRSS = ru.Maxrss << 10 // KiB on Linux
		}
	}
	if werr != nil && res.stopped == "" {
		res.fail = fmt.Sprintf("load failed: %v: %s", werr, strings.TrimSpace(lastLines(res.stdout, 3)))
	}
	return res, []string{cmdline}, ctx.Err()
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}

// rssOf returns the resident memory of process pid, or 0.
func rssOf(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				k, _ := strconv.ParseInt(f[0], 10, 64)
				return k << 10
			}
		}
	}
	return 0
}

// measure loads n articles into an empty store and measures the queries.
func (c *config) measure(ctx context.Context, store string, n int, in *inputs) (Run, []string, error) {
	r := Run{Store: store, Articles: n}
	data := filepath.Join(c.work, fmt.Sprintf("scale-%d.db", n))
	if store == "neo4j" {
		if err := c.wipeNeo4j(ctx); err != nil {
			return r, nil, err
		}
	} else {
		_ = os.Remove(data)
		if !c.keep {
			defer os.Remove(data)
		}
	}
	say("%s: loading %d articles", store, n)
	res, cmds, err := c.load(ctx, n, c.storeArgs(store, data), fmt.Sprintf("load-%s-%d.log", store, n))
	if err != nil {
		return r, cmds, err
	}
	r.LoadSeconds = round(res.seconds)
	r.PeakRSSBytes = res.peakRSS
	r.LoadedArticles = res.loaded
	r.ArticlesPerSec = round(float64(res.loaded) / res.seconds)
	r.Counts = parseCounts(res.stdout)
	if fi, err := os.Stat(data); err == nil && store == "embedded" {
		r.StoreBytes = fi.Size()
	}
	if res.stopped != "" || res.fail != "" {
		r.Reason = res.stopped + res.fail
		return r, cmds, nil
	}
	r.Completed = true
	r.Queries = map[string]Latency{}
	qcmds, err := c.queries(ctx, store, data, in, r.Queries)
	return r, append(cmds, qcmds...), err
}

// queries serves the store and measures the five queries.
func (c *config) queries(ctx context.Context, store, data string, in *inputs, into map[string]Latency) ([]string, error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "warn"}, c.serveArgs...)
	args = append(args, c.storeArgs(store, data)...)
	cmds := []string{"partnergraph " + strings.Join(args, " ")}
	srv := exec.CommandContext(ctx, c.bin, args...)
	outPipe, err := srv.StdoutPipe()
	if err != nil {
		return cmds, err
	}
	srvLog, err := os.Create(filepath.Join(c.work, "serve.log"))
	if err != nil {
		return cmds, err
	}
	defer srvLog.Close()
	srv.Stderr = srvLog
	if err := srv.Start(); err != nil {
		return cmds, err
	}
	defer func() {
		_ = srv.Process.Signal(syscall.SIGTERM)
		_ = srv.Wait()
	}()
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(outPipe)
		for sc.Scan() {
			if m := regexp.MustCompile(`partnergraph serving (http://[^/ ]+)/`).FindStringSubmatch(sc.Text()); m != nil {
				urlc <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, outPipe)
	}()
	var base string
	select {
	case base = <-urlc:
	case <-time.After(10 * time.Minute):
		return cmds, errors.New("serve did not start within 10 minutes")
	case <-ctx.Done():
		return cmds, ctx.Err()
	}
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
			return cmds, ctx.Err()
		}
	}
	// Q4 needs the hubs' IDs: ask the server.
	var ids []map[string]any
	for _, h := range in.hubs {
		var out struct {
			Data struct {
				Company *struct{ ID string } `json:"company"`
			} `json:"data"`
		}
		body, _ := json.Marshal(map[string]any{"query": "query($n: String!) { company(name: $n) { id } }", "variables": map[string]any{"n": h}})
		resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			return cmds, err
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err == nil && out.Data.Company != nil {
			ids = append(ids, map[string]any{"id": out.Data.Company.ID})
		}
	}
	if len(ids) == 0 {
		return cmds, errors.New("none of the hub companies is in the store")
	}
	var b bytes.Buffer
	for _, m := range ids {
		j, _ := json.Marshal(m)
		b.Write(append(j, '\n'))
	}
	q4 := filepath.Join(c.work, "q4-"+store+".jsonl")
	if err := os.WriteFile(q4, b.Bytes(), 0o644); err != nil {
		return cmds, err
	}
	vars := map[string]string{"q1": in.q1src, "q2": in.q2, "q3": in.q3, "q4": q4, "q5": in.q5}
	for _, q := range []string{"q1", "q2", "q3", "q4", "q5"} {
		jsonPath := filepath.Join(c.work, "loadgen-"+q+".json")
		args := []string{"-url", base + "/graphql", "-query-file", in.queries[q], "-variables-file", vars[q],
			"-rate", strconv.FormatFloat(c.rate, 'g', -1, 64), "-duration", c.duration.String(), "-warmup", c.warmup.String(),
			"-name", store + "-" + q, "-json", jsonPath}
		cmds = append(cmds, "loadgen "+strings.Join(args, " "))
		lg := exec.CommandContext(ctx, c.loadgen, args...)
		lg.Stderr = os.Stderr
		lg.Stdout = os.Stderr
		// loadgen exits 1 when requests failed; the JSON says how many.
		if err := lg.Run(); err != nil && ctx.Err() != nil {
			return cmds, ctx.Err()
		}
		raw, err := os.ReadFile(jsonPath)
		if err != nil {
			return cmds, fmt.Errorf("loadgen %s wrote no JSON: %w", q, err)
		}
		var l Latency
		if err := json.Unmarshal(raw, &l); err != nil {
			return cmds, fmt.Errorf("loadgen %s: %w", q, err)
		}
		into[q] = l
	}
	return cmds, nil
}

// shardLoad loads n articles into an empty Neo4j with p concurrent
// processes, each given one shard.
func (c *config) shardLoad(ctx context.Context, n, p int) (ShardRun, []string, error) {
	sr := ShardRun{Store: "neo4j", Articles: n, Processes: p}
	if err := c.wipeNeo4j(ctx); err != nil {
		return sr, nil, err
	}
	say("neo4j: loading %d articles with %d processes", n, p)
	type result struct {
		res  loadResult
		cmds []string
		err  error
	}
	results := make(chan result, p)
	start := time.Now()
	for i := range p {
		go func() {
			args := c.storeArgs("neo4j", "")
			if p > 1 {
				args = append(args, "--shard", fmt.Sprintf("%d/%d", i, p))
			}
			res, cmds, err := c.load(ctx, n, args, fmt.Sprintf("shard-%d-%d.log", p, i))
			results <- result{res, cmds, err}
		}()
	}
	var cmds []string
	var firstErr error
	for range p {
		r := <-results
		cmds = append(cmds, r.cmds...)
		if r.err != nil && firstErr == nil {
			firstErr = r.err
		}
		if r.res.fail != "" && firstErr == nil {
			firstErr = errors.New(r.res.fail)
		}
		if cs := parseCounts(r.res.stdout); cs != nil && (sr.Counts == nil || cs["articles"] > sr.Counts["articles"]) {
			sr.Counts = cs
		}
	}
	sr.Seconds = round(time.Since(start).Seconds())
	return sr, cmds, firstErr
}

// targets compares the runs with the targets.
func targets(runs []Run) Targets {
	t := Targets{P99Ratio: map[string]map[string]float64{}, Sizes: map[string][2]int{}, LowerBound: map[string][]string{}}
	for _, r := range runs {
		if r.Store == "embedded" && r.Articles == 1_000_000 {
			under10 := r.Completed && r.LoadSeconds < 600
			under4 := r.PeakRSSBytes > 0 && r.PeakRSSBytes < 4<<30 && r.Completed
			t.Embedded1MUnder10Min, t.Embedded1MUnder4GiB = &under10, &under4
		}
	}
	byStore := map[string][]Run{}
	for _, r := range runs {
		if r.Completed && len(r.Queries) > 0 {
			byStore[r.Store] = append(byStore[r.Store], r)
		}
	}
	for store, rs := range byStore {
		if len(rs) < 2 {
			continue
		}
		slices.SortFunc(rs, func(a, b Run) int { return a.Articles - b.Articles })
		small, large := rs[0], rs[len(rs)-1]
		t.Sizes[store] = [2]int{small.Articles, large.Articles}
		t.P99Ratio[store] = map[string]float64{}
		for q, l := range large.Queries {
			if s, ok := small.Queries[q]; ok && s.P99 > 0 {
				t.P99Ratio[store][q] = round(l.P99 / s.P99)
				if s.Errors > 0 || l.Errors > 0 {
					t.LowerBound[store] = append(t.LowerBound[store], q)
					slices.Sort(t.LowerBound[store])
				}
			}
		}
	}
	return t
}
