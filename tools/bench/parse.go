package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Benchmark is one result line of `go test -bench`.
type Benchmark struct {
	// Package is the import path from the preceding "pkg:" line.
	Package string `json:"package"`
	// Name is the benchmark's name without the GOMAXPROCS suffix.
	Name string `json:"name"`
	// Procs is the GOMAXPROCS suffix (-2), 1 when there is none.
	Procs      int   `json:"procs"`
	Iterations int64 `json:"iterations"`
	// NsPerOp, BytesPerOp, AllocsPerOp and MBPerS are the standard units;
	// nil when the line does not have them.
	NsPerOp     *float64 `json:"ns_per_op,omitempty"`
	BytesPerOp  *float64 `json:"bytes_per_op,omitempty"`
	AllocsPerOp *float64 `json:"allocs_per_op,omitempty"`
	MBPerS      *float64 `json:"mb_per_s,omitempty"`
	// Metrics holds every other unit reported with b.ReportMetric.
	Metrics map[string]float64 `json:"metrics,omitempty"`
}

// GoBenchOutput is what ParseGoBench reads from `go test -bench` output.
type GoBenchOutput struct {
	Benchmarks []Benchmark `json:"benchmarks"`
	// CPU is the "cpu:" line go test prints.
	CPU string `json:"cpu,omitempty"`
	// Skipped names the benchmarks that reported --- SKIP, with the reason
	// when the next line gives one.
	Skipped []string `json:"skipped,omitempty"`
	// Failed names the packages or benchmarks that reported FAIL.
	Failed []string `json:"failed,omitempty"`
}

var procsSuffix = regexp.MustCompile(`^(.*)-(\d+)$`)

// ParseGoBench reads the text output of `go test -bench` (one or several
// packages) and returns every benchmark line, in order.
func ParseGoBench(r io.Reader) (GoBenchOutput, error) {
	var out GoBenchOutput
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	// reason is the last indented log line (file.go:N: text), which go
	// test -v prints before the --- SKIP line it explains.
	reason := ""
	for sc.Scan() {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimSpace(strings.TrimPrefix(line, "pkg: "))
			reason = ""
			continue
		case strings.HasPrefix(line, "cpu: "):
			out.CPU = strings.TrimSpace(strings.TrimPrefix(line, "cpu: "))
			continue
		case strings.HasPrefix(trim, "--- SKIP: "):
			name := strings.Fields(strings.TrimPrefix(trim, "--- SKIP: "))
			if len(name) > 0 {
				s := qualify(pkg, name[0])
				if reason != "" {
					s += ": " + reason
				}
				out.Skipped = append(out.Skipped, s)
			}
			reason = ""
			continue
		case strings.HasPrefix(trim, "--- FAIL: "):
			name := strings.Fields(strings.TrimPrefix(trim, "--- FAIL: "))
			if len(name) > 0 {
				out.Failed = append(out.Failed, qualify(pkg, name[0]))
			}
			continue
		case strings.HasPrefix(line, "FAIL\t"):
			f := strings.Fields(line)
			if len(f) > 1 {
				out.Failed = append(out.Failed, f[1])
			}
			continue
		case strings.HasPrefix(line, "ok  \t"), strings.HasPrefix(line, "?   \t"):
			pkg = ""
			continue
		}
		if strings.HasPrefix(line, "    ") {
			if i := strings.Index(trim, ": "); i > 0 && strings.Contains(trim[:i], ".go:") {
				reason = trim[i+2:]
			}
			continue
		}
		if strings.HasPrefix(line, "Benchmark") && len(strings.Fields(line)) == 1 {
			reason = "" // go test -v names a benchmark before its logs
			continue
		}
		if b, ok := parseBenchLine(line); ok {
			b.Package = pkg
			out.Benchmarks = append(out.Benchmarks, b)
		}
	}
	return out, sc.Err()
}

func qualify(pkg, name string) string {
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

// parseBenchLine parses "BenchmarkX-2  10  123 ns/op  45 B/op ...".
func parseBenchLine(line string) (Benchmark, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
		return Benchmark{}, false
	}
	n, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return Benchmark{}, false
	}
	b := Benchmark{Name: f[0], Procs: 1, Iterations: n}
	if m := procsSuffix.FindStringSubmatch(f[0]); m != nil {
		b.Name = m[1]
		b.Procs, _ = strconv.Atoi(m[2])
	}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return Benchmark{}, false
		}
		switch unit := f[i+1]; unit {
		case "ns/op":
			b.NsPerOp = &v
		case "B/op":
			b.BytesPerOp = &v
		case "allocs/op":
			b.AllocsPerOp = &v
		case "MB/s":
			b.MBPerS = &v
		default:
			if b.Metrics == nil {
				b.Metrics = map[string]float64{}
			}
			b.Metrics[unit] = v
		}
	}
	return b, true
}

// LoadFigures is what tools/bench-load.sh prints: each run's wall and CPU
// time with the base and head binaries, and the medians.
type LoadFigures struct {
	Base string    `json:"base"`
	Head string    `json:"head"`
	Runs []LoadRun `json:"runs"`
	// Medians in seconds, and head / base.
	BaseWallS float64 `json:"base_wall_s"`
	HeadWallS float64 `json:"head_wall_s"`
	WallRatio float64 `json:"wall_ratio"`
	BaseCPUS  float64 `json:"base_cpu_s"`
	HeadCPUS  float64 `json:"head_cpu_s"`
	CPURatio  float64 `json:"cpu_ratio"`
}

// LoadRun is one load of Reuters-21578 into the embedded store.
type LoadRun struct {
	Run    int     `json:"run"`
	Binary string  `json:"binary"` // old (the base) or head
	WallS  float64 `json:"wall_s"`
	CPUS   float64 `json:"cpu_s"`
}

var (
	loadHeader = regexp.MustCompile(`^base (\S+), head (\S+)`)
	loadRun    = regexp.MustCompile(`^run (\d+) (\S+) ([0-9.]+)s \(cpu ([0-9.]+)s\)`)
	loadWall   = regexp.MustCompile(`^median wall time: base ([0-9.]+)s, head ([0-9.]+)s, ratio ([0-9.]+)`)
	loadCPU    = regexp.MustCompile(`^median CPU time .*: base ([0-9.]+)s, head ([0-9.]+)s, ratio ([0-9.]+)`)
)

// ParseBenchLoad reads the output of tools/bench-load.sh.
func ParseBenchLoad(r io.Reader) (LoadFigures, error) {
	var f LoadFigures
	sc := bufio.NewScanner(r)
	medians := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := loadHeader.FindStringSubmatch(line); m != nil {
			f.Base, f.Head = m[1], strings.TrimSuffix(m[2], ",")
		} else if m := loadRun.FindStringSubmatch(line); m != nil {
			run, _ := strconv.Atoi(m[1])
			f.Runs = append(f.Runs, LoadRun{Run: run, Binary: m[2], WallS: atof(m[3]), CPUS: atof(m[4])})
		} else if m := loadWall.FindStringSubmatch(line); m != nil {
			f.BaseWallS, f.HeadWallS, f.WallRatio = atof(m[1]), atof(m[2]), atof(m[3])
			medians++
		} else if m := loadCPU.FindStringSubmatch(line); m != nil {
			f.BaseCPUS, f.HeadCPUS, f.CPURatio = atof(m[1]), atof(m[2]), atof(m[3])
			medians++
		}
	}
	if err := sc.Err(); err != nil {
		return f, err
	}
	if medians < 2 {
		return f, errors.New("no median lines in the output of bench-load.sh")
	}
	return f, nil
}

func atof(s string) float64 {
	v, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v
}

// APIRow is one row of the latency table tools/bench-api.sh prints.
type APIRow struct {
	Server    string  `json:"server"` // emb-off, emb-on, neo4j or neo4j-cold
	Query     string  `json:"query"`
	Rate      float64 `json:"rate"`
	Requests  int     `json:"requests"`
	Errors    int     `json:"errors"`
	P50ms     float64 `json:"p50_ms"`
	P90ms     float64 `json:"p90_ms"`
	P99ms     float64 `json:"p99_ms"`
	MaxMs     float64 `json:"max_ms"`
	Target    string  `json:"target,omitempty"`
	TargetMet string  `json:"target_met,omitempty"` // ok, MISSED or empty
	// CPUmsPerRequest maps a process (server, neo4j) to its CPU time per
	// request in milliseconds.
	CPUmsPerRequest map[string]float64 `json:"cpu_ms_per_request,omitempty"`
}

// APIFigures is the table and the context line bench-api.sh prints.
type APIFigures struct {
	Context string   `json:"context,omitempty"`
	Warmup  string   `json:"warmup,omitempty"`
	Rows    []APIRow `json:"rows"`
}

// ParseBenchAPI reads the standard output of tools/bench-api.sh: the line
// naming the corpus and load, and the table.
func ParseBenchAPI(r io.Reader) (APIFigures, error) {
	var f APIFigures
	sc := bufio.NewScanner(r)
	header := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "Reuters-21578 ("):
			f.Context = line
			continue
		case strings.HasPrefix(line, "Neo4j warm-up before measuring"):
			f.Warmup = line
			continue
		case !strings.HasPrefix(line, "|"):
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) > 0 && cells[0] == "server" {
			header = true
			continue
		}
		if !header || len(cells) != 12 || strings.HasPrefix(cells[0], "-") {
			continue
		}
		row := APIRow{Server: cells[0], Query: cells[1], Rate: atof(cells[2]),
			P50ms: atof(cells[5]), P90ms: atof(cells[6]), P99ms: atof(cells[7]), MaxMs: atof(cells[8]),
			Target: cells[9], TargetMet: cells[10]}
		row.Requests, _ = strconv.Atoi(cells[3])
		row.Errors, _ = strconv.Atoi(cells[4])
		for _, kv := range strings.Split(cells[11], ",") {
			p := strings.Fields(kv)
			if len(p) == 2 {
				if row.CPUmsPerRequest == nil {
					row.CPUmsPerRequest = map[string]float64{}
				}
				row.CPUmsPerRequest[p[0]] = atof(p[1])
			}
		}
		f.Rows = append(f.Rows, row)
	}
	if err := sc.Err(); err != nil {
		return f, err
	}
	if len(f.Rows) == 0 {
		return f, errors.New("no latency table in the output of bench-api.sh")
	}
	return f, nil
}

// PeerRun is one results file of the side-by-side benchmark: the JSON of
// closedloop (mode "closed") or of tools/loadgen (mode "rateN").
type PeerRun struct {
	Requests     int                `json:"requests"`
	Errors       int                `json:"errors"`
	Clients      int                `json:"clients,omitempty"`
	Throughput   float64            `json:"throughput,omitempty"`
	Rate         float64            `json:"rate,omitempty"`
	AchievedRate float64            `json:"achieved_rate,omitempty"`
	P50ms        float64            `json:"p50_ms"`
	P90ms        float64            `json:"p90_ms"`
	P99ms        float64            `json:"p99_ms"`
	MaxMs        float64            `json:"max_ms"`
	BytesPerReq  float64            `json:"bytes_per_request,omitempty"`
	CPUmsPerReq  map[string]float64 `json:"cpu_ms_per_request,omitempty"`
	DBHits       *float64           `json:"db_hits,omitempty"`
	Statements   *float64           `json:"statements,omitempty"`
	FirstError   string             `json:"first_error,omitempty"`
	DurationS    float64            `json:"duration_s,omitempty"`
	SendLagP99ms float64            `json:"send_lag_p99_ms,omitempty"`
	ErrorKinds   map[string]int     `json:"error_kinds,omitempty"`
	CPUCores     map[string]float64 `json:"cpu_cores,omitempty"`
	URL          string             `json:"url,omitempty"`
	Name         string             `json:"name,omitempty"`
	MeanMs       float64            `json:"mean_ms,omitempty"`
}

// PeerQuery is the comparison of one query: every mode measured, for
// partnergraph (pg) and the peer.
type PeerQuery struct {
	Query string `json:"query"`
	Title string `json:"title"`
	// Modes maps "closed", "rate10", ... to the two runs.
	Modes map[string]PeerPair `json:"modes"`
	// ThroughputRatio is partnergraph's closed-loop throughput over the
	// peer's (above 1 favours partnergraph); 0 when either is missing.
	ThroughputRatio float64 `json:"throughput_ratio,omitempty"`
	// DBHits are Neo4j's db hits per request when the results hold them.
	DBHits map[string]float64 `json:"db_hits,omitempty"`
}

// PeerPair is one mode's runs of both servers; either may be missing.
type PeerPair struct {
	PG   *PeerRun `json:"pg,omitempty"`
	Peer *PeerRun `json:"peer,omitempty"`
}

// PeerFigures is the imported side-by-side benchmark.
type PeerFigures struct {
	Dir     string         `json:"dir"`
	Meta    map[string]any `json:"meta,omitempty"`
	Rates   []int          `json:"rates"`
	Queries []PeerQuery    `json:"queries"`
	// Correctness is the "Correctness" section of run.sh's report.md
	// (check.mjs: do both servers answer the same data), when the results
	// directory or its parent holds that report.
	Correctness string            `json:"correctness,omitempty"`
	Extra       map[string]string `json:"extra,omitempty"`
}

// peerTitles are report.py's titles of the side-by-side queries.
var peerTitles = map[string]string{
	"q1":  "Q1 company by name with deals, parties, platforms and partners",
	"q1b": "Q1b = Q1, the peer also matching aliases",
	"q2":  "Q2 deals by platform and year range, first page of 20 with totalCount",
	"q3":  "Q3 companies by name prefix (10) -> deals (10) -> parties -> deals (5)",
	"q4":  "Q4 depth-2 neighbourhood of a hub",
	"q5":  "Q5 name search",
}

var peerFile = regexp.MustCompile(`^([a-z0-9]+)\.(pg|peer)\.(closed|rate(\d+))\.json$`)

// LoadPeerResults reads a results directory of
// ../shared/peers/neo4j-graphql/run.sh: QUERY.SERVER.MODE.json for each
// query, server (pg or peer) and mode (closed or rateN), and meta.json.
// A file dbhits.json, {"q1": {"pg": 36421, "peer": 2377}, ...}, adds db
// hits per request when present, as do db_hits fields in the results.
func LoadPeerResults(dir string) (PeerFigures, error) {
	f := PeerFigures{Dir: dir}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return f, err
	}
	byQuery := map[string]*PeerQuery{}
	rates := map[int]bool{}
	for _, e := range entries {
		m := peerFile.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		var run PeerRun
		if err := readJSON(filepath.Join(dir, e.Name()), &run); err != nil {
			return f, err
		}
		q := byQuery[m[1]]
		if q == nil {
			q = &PeerQuery{Query: m[1], Title: peerTitles[m[1]], Modes: map[string]PeerPair{}}
			if q.Title == "" {
				q.Title = m[1]
			}
			byQuery[m[1]] = q
		}
		pair := q.Modes[m[3]]
		if m[2] == "pg" {
			pair.PG = &run
		} else {
			pair.Peer = &run
		}
		q.Modes[m[3]] = pair
		if m[4] != "" {
			r, _ := strconv.Atoi(m[4])
			rates[r] = true
		}
		if run.DBHits != nil {
			if q.DBHits == nil {
				q.DBHits = map[string]float64{}
			}
			q.DBHits[m[2]] = *run.DBHits
		}
	}
	if len(byQuery) == 0 {
		return f, fmt.Errorf("no QUERY.SERVER.MODE.json results in %s", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "meta.json")); err == nil {
		if err := readJSON(filepath.Join(dir, "meta.json"), &f.Meta); err != nil {
			return f, err
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "dbhits.json")); err == nil {
		var hits map[string]map[string]float64
		if err := readJSON(filepath.Join(dir, "dbhits.json"), &hits); err != nil {
			return f, err
		}
		for q, h := range hits {
			if pq := byQuery[q]; pq != nil {
				if pq.DBHits == nil {
					pq.DBHits = map[string]float64{}
				}
				for who, v := range h {
					pq.DBHits[who] = v
				}
			}
		}
	}
	for _, p := range []string{filepath.Join(dir, "report.md"), filepath.Join(dir, "..", "report.md")} {
		if b, err := os.ReadFile(p); err == nil {
			f.Correctness = correctness(string(b))
			break
		}
	}
	for r := range rates {
		f.Rates = append(f.Rates, r)
	}
	sort.Ints(f.Rates)
	order := []string{"q1", "q1b", "q2", "q3", "q4", "q5"}
	rank := func(q string) int {
		for i, o := range order {
			if o == q {
				return i
			}
		}
		return len(order)
	}
	for _, q := range byQuery {
		if c := q.Modes["closed"]; c.PG != nil && c.Peer != nil && c.Peer.Throughput > 0 {
			q.ThroughputRatio = c.PG.Throughput / c.Peer.Throughput
		}
		f.Queries = append(f.Queries, *q)
	}
	sort.Slice(f.Queries, func(i, j int) bool {
		a, b := f.Queries[i].Query, f.Queries[j].Query
		if rank(a) != rank(b) {
			return rank(a) < rank(b)
		}
		return a < b
	})
	return f, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// correctness returns the body of the "## Correctness" section of run.sh's
// report, its headings moved one level down.
func correctness(report string) string {
	_, body, ok := strings.Cut(report, "## Correctness\n")
	if !ok {
		return ""
	}
	if i := strings.Index(body, "\n## "); i >= 0 {
		body = body[:i]
	}
	// check.mjs prints a table, then a line per difference or note; each
	// such line becomes a list item after a blank line, so that markdown
	// does not read it as a row of the table.
	var out []string
	inTable := false
	for _, line := range strings.Split(strings.TrimSpace(body), "\n") {
		switch {
		case strings.HasPrefix(line, "|"):
			inTable = true
		case strings.HasPrefix(line, "#"):
			line = "#" + line
			inTable = false
		case strings.TrimSpace(line) == "":
			inTable = false
		default:
			if inTable {
				out = append(out, "")
				inTable = false
			}
			line = "- " + line
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
