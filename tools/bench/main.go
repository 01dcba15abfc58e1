// Command bench runs partnergraph's benchmarks and writes one report of
// them, in markdown and JSON: the machine they ran on, each step's exact
// command, wall time and status, and the figures parsed from its output.
// `make bench` runs it.
//
// The steps, in order (see docs/performance.md):
//
//	extract     BenchmarkExtractReuters on one core (MB/s of article text)
//	gobench     every Go benchmark of the module (ns/op, B/op, allocs/op, metrics)
//	load        tools/bench-load.sh: Reuters-21578 into the embedded store
//	neo4j-load  make bench-neo4j: Reuters-21578 into Neo4j, batched and per fact
//	api         tools/bench-api.sh: GraphQL latency at fixed rates, embedded and Neo4j
//	peer        ../shared/peers/neo4j-graphql/run.sh: side by side with @neo4j/graphql
//	scale       the scale tool, when the checkout has one
//
// -steps selects steps, -skip leaves some out. A failing step is reported
// with its status and log, the other steps still run, and the command
// exits 1. -peer-results imports the results directory of a run.sh run
// made elsewhere instead of running it, -scale-json imports a scale
// result, and -merge carries the steps not run now over from an earlier
// report.json, so that a report can be completed without rerunning
// everything. Raw logs go to -logs (default .cache/bench), never into the
// report's directory.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Report is the JSON form of a benchmark report.
type Report struct {
	Schema    int       `json:"schema"`
	Generated time.Time `json:"generated"`
	// Invocation is the command line of tools/bench that wrote it.
	Invocation string  `json:"invocation"`
	TotalS     float64 `json:"total_s"`
	Machine    Machine `json:"machine"`
	Steps      []Step  `json:"steps"`
}

// Step is one benchmark step's outcome.
type Step struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	// Command is the exact command run, environment settings first, from
	// the repository's root; for an import, what was read.
	Command string `json:"command"`
	// Status is ok, failed, imported, not-available or not-selected.
	Status string `json:"status"`
	// CarriedFrom is the date of the earlier report a step was copied from
	// by -merge (its status is the one it had there).
	CarriedFrom string    `json:"carried_from,omitempty"`
	Note        string    `json:"note,omitempty"`
	Error       string    `json:"error,omitempty"`
	Started     time.Time `json:"started,omitzero"`
	WallS       float64   `json:"wall_s,omitempty"`
	// LoadAverage is the 1, 5 and 15-minute load average when it started.
	LoadAverage string `json:"load_average,omitempty"`
	// Commit is the commit the step measured, when it differs from the
	// report's (a carried or imported step).
	Commit string `json:"commit,omitempty"`
	Log    string `json:"log,omitempty"`

	GoBench *GoBenchOutput  `json:"go_bench,omitempty"`
	Load    *LoadFigures    `json:"load,omitempty"`
	API     *APIFigures     `json:"api,omitempty"`
	Peer    *PeerFigures    `json:"peer,omitempty"`
	Scale   json.RawMessage `json:"scale,omitempty"`
	// ScaleMD is the scale tool's own Markdown of Scale.
	ScaleMD string `json:"scale_md,omitempty"`
}

// stepDef is a step's name, title and how to run it.
type stepDef struct {
	name, title string
	timeout     time.Duration
	run         func(ctx context.Context, r *runner, s *Step) error
}

// errNotAvailable marks a step this checkout cannot run.
var errNotAvailable = errors.New("not available in this checkout")

var steps = []stepDef{
	{"extract", "Extraction throughput (Reuters-21578, one core)", 30 * time.Minute, runExtract},
	{"gobench", "Go benchmarks", 60 * time.Minute, runGoBench},
	{"load", "Loading Reuters-21578 into the embedded store", 45 * time.Minute, runLoad},
	{"neo4j-load", "Loading Reuters-21578 into Neo4j", 60 * time.Minute, runNeo4jLoad},
	{"api", "GraphQL latency at fixed rates (tools/bench-api.sh)", 60 * time.Minute, runAPI},
	{"peer", "Side by side with @neo4j/graphql on the same Neo4j", 120 * time.Minute, runPeer},
	{"scale", "Scale: synthetic articles at growing sizes", 180 * time.Minute, runScale},
}

// options are the command-line settings.
type options struct {
	steps, skip     string
	out, logs       string
	benchtime       string
	extractTime     string
	loadRuns        int
	peerResults     string
	peerDir         string
	scaleJSON       string
	scaleArgs       string
	merge           string
	render          string
	quote           string
	quiet           bool
	root            string
	invocation      string
	goTestTimeout   string
	neo4jNaiveLimit int
}

func main() {
	var o options
	flag.StringVar(&o.steps, "steps", "", "comma-separated steps to run (default all: "+strings.Join(stepNames(), ",")+"); also $STEPS")
	flag.StringVar(&o.skip, "skip", "", "comma-separated steps to leave out; also $BENCH_SKIP")
	flag.StringVar(&o.out, "out", "bench", "directory of report.md and report.json")
	flag.StringVar(&o.logs, "logs", ".cache/bench", "directory of the raw logs")
	flag.StringVar(&o.benchtime, "benchtime", "1s", "-benchtime of the gobench step")
	flag.StringVar(&o.extractTime, "extract-benchtime", "3x", "-benchtime of the extract step")
	flag.IntVar(&o.loadRuns, "load-runs", 5, "runs per binary of the load step (BENCH_RUNS of tools/bench-load.sh)")
	flag.StringVar(&o.peerResults, "peer-results", "", "import this run.sh results directory (QUERY.SERVER.MODE.json, meta.json) instead of running run.sh")
	flag.StringVar(&o.peerDir, "peer-dir", "../shared/peers/neo4j-graphql", "the side-by-side benchmark's directory")
	flag.StringVar(&o.scaleJSON, "scale-json", "", "import these JSON reports of tools/scale (comma-separated) instead of running it")
	flag.StringVar(&o.scaleArgs, "scale-args", "", "arguments of the scale tool (default \""+defaultScaleArgs+"\"); a private Neo4j is started when they name the neo4j store without -neo4j-uri")
	flag.StringVar(&o.merge, "merge", "", "earlier report.json whose steps not run now are carried over")
	flag.StringVar(&o.render, "render", "", "only rewrite -out/report.md from this report.json (after a change of the markdown's layout)")
	flag.StringVar(&o.quote, "quote", "", "also replace the summary between the bench report markers of this markdown file (docs/performance.md)")
	flag.BoolVar(&o.quiet, "quiet", false, "do not echo the steps' output")
	flag.StringVar(&o.goTestTimeout, "go-test-timeout", "60m", "-timeout of the go test steps")
	flag.IntVar(&o.neo4jNaiveLimit, "neo4j-naive-seconds", 0, "PARTNERGRAPH_BENCH_NAIVE_SECONDS of neo4j-load (0: the benchmark's default, 60)")
	flag.Parse()
	if o.steps == "" {
		o.steps = os.Getenv("STEPS")
	}
	if o.skip == "" {
		o.skip = os.Getenv("BENCH_SKIP")
	}
	o.invocation = "go run ./tools/bench " + shellJoin(os.Args[1:])
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if err := run(o, log); err != nil {
		log.Error("bench", "err", err)
		os.Exit(1)
	}
}

func stepNames() []string {
	var n []string
	for _, s := range steps {
		n = append(n, s.name)
	}
	return n
}

// selectSteps returns the names of the steps to run, in order.
func selectSteps(only, skip string) ([]string, error) {
	known := stepNames()
	list := func(s string) ([]string, error) {
		var out []string
		for _, n := range strings.Split(s, ",") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			if !slices.Contains(known, n) {
				return nil, fmt.Errorf("unknown step %q (steps: %s)", n, strings.Join(known, ", "))
			}
			out = append(out, n)
		}
		return out, nil
	}
	want, err := list(only)
	if err != nil {
		return nil, err
	}
	drop, err := list(skip)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range known {
		if (len(want) == 0 || slices.Contains(want, n)) && !slices.Contains(drop, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no step selected")
	}
	return out, nil
}

// runner runs the steps' commands from the repository's root and keeps
// their logs.
type runner struct {
	o    options
	log  *slog.Logger
	logs string // absolute
	root string
}

func run(o options, log *slog.Logger) error {
	if o.render != "" {
		var rep Report
		if err := readJSON(o.render, &rep); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(o.out, "report.md"), []byte(Markdown(&rep)), 0o644); err != nil {
			return err
		}
		if o.quote != "" {
			return quoteInto(o.quote, filepath.Join(o.out, "report.md"), &rep)
		}
		return nil
	}
	selected, err := selectSteps(o.steps, o.skip)
	if err != nil {
		return err
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	o.root = root
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	o.out, o.logs, o.peerDir = abs(o.out), abs(o.logs), abs(o.peerDir)
	if o.peerResults != "" {
		if o.peerResults, err = filepath.Abs(o.peerResults); err != nil {
			return err
		}
	}
	if o.scaleJSON != "" {
		if o.scaleJSON, err = filepath.Abs(o.scaleJSON); err != nil {
			return err
		}
	}
	if o.merge != "" {
		if o.merge, err = filepath.Abs(o.merge); err != nil {
			return err
		}
	}
	var previous *Report
	if o.merge != "" {
		previous = &Report{}
		if err := readJSON(o.merge, previous); err != nil {
			return fmt.Errorf("-merge: %w", err)
		}
	}
	if err := os.MkdirAll(o.logs, 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	rep := Report{Schema: 1, Generated: start.UTC().Round(time.Second), Invocation: o.invocation,
		Machine: probeMachine(ctx, root)}
	r := &runner{o: o, log: log, logs: o.logs, root: root}
	log.Info("bench", "steps", strings.Join(selected, ","), "logs", o.logs, "report", o.out)
	failed := 0
	for _, def := range steps {
		if !slices.Contains(selected, def.name) {
			s := Step{Name: def.name, Title: def.title, Status: "not-selected"}
			if previous != nil {
				if p := previous.step(def.name); p != nil && p.Status != "not-selected" && p.Status != "not-available" {
					s = *p
					if s.CarriedFrom == "" {
						s.CarriedFrom = previous.Generated.Format(time.RFC3339)
					}
					if s.Commit == "" && s.Status != "imported" {
						s.Commit = previous.Machine.Commit
					}
					if s.Status == "failed" {
						failed++
					}
				}
			}
			rep.Steps = append(rep.Steps, s)
			continue
		}
		if ctx.Err() != nil {
			rep.Steps = append(rep.Steps, Step{Name: def.name, Title: def.title, Status: "failed", Error: "interrupted before it started"})
			failed++
			continue
		}
		s := Step{Name: def.name, Title: def.title, Started: time.Now().UTC().Round(time.Second), LoadAverage: loadAverage()}
		log.Info("step", "name", def.name, "load", s.LoadAverage)
		sctx, cancel := context.WithTimeout(ctx, def.timeout)
		t0 := time.Now()
		err := def.run(sctx, r, &s)
		cancel()
		s.WallS = time.Since(t0).Seconds()
		if s.Status == "imported" {
			// Measured elsewhere: the import's own time and load say
			// nothing about the figures (the section says when and under
			// what load they were measured).
			s.WallS, s.LoadAverage, s.Started = 0, "", time.Time{}
		}
		switch {
		case errors.Is(err, errNotAvailable):
			s.Status = "not-available"
			s.Note = strings.TrimSpace(err.Error() + ". " + s.Note)
		case err != nil:
			s.Status = "failed"
			s.Error = err.Error()
			if sctx.Err() == context.DeadlineExceeded {
				s.Error += fmt.Sprintf(" (step timeout %s)", def.timeout)
			}
			failed++
		case s.Status == "":
			s.Status = "ok"
		}
		log.Info("step done", "name", def.name, "status", s.Status, "wall", time.Duration(s.WallS*float64(time.Second)).Round(time.Second), "err", s.Error)
		rep.Steps = append(rep.Steps, s)
	}
	rep.TotalS = time.Since(start).Seconds()
	if err := writeReport(o.out, &rep); err != nil {
		return err
	}
	if o.quote != "" {
		if err := quoteInto(o.quote, filepath.Join(o.out, "report.md"), &rep); err != nil {
			return err
		}
	}
	log.Info("report written", "markdown", filepath.Join(o.out, "report.md"), "json", filepath.Join(o.out, "report.json"),
		"total", time.Since(start).Round(time.Second))
	if failed > 0 {
		return fmt.Errorf("%d step(s) failed; see the report and the logs in %s", failed, o.logs)
	}
	return nil
}

func (r *Report) step(name string) *Step {
	for i := range r.Steps {
		if r.Steps[i].Name == name {
			return &r.Steps[i]
		}
	}
	return nil
}

// repoRoot is the root of the git work tree holding the current directory.
func repoRoot() (string, error) {
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return "", fmt.Errorf("finding the repository's root: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// exec runs a command from the repository's root with extra environment
// settings, writes its standard output and error to the step's log (and to
// this process's standard error unless -quiet), records the exact command
// in s and returns the standard output. Cancelling ctx sends SIGTERM to the
// command's process group, so the scripts' cleanup traps run, and SIGKILL
// 60 s later.
func (r *runner) exec(ctx context.Context, s *Step, env []string, argv ...string) ([]byte, error) {
	cmdline := shellJoin(argv)
	if len(env) > 0 {
		cmdline = shellJoin(env) + " " + cmdline
	}
	if s.Command == "" {
		s.Command = cmdline
	} else {
		s.Command += " && " + cmdline
	}
	logPath := filepath.Join(r.logs, s.Name+".log")
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if s.Log != "" {
		flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	lf, err := os.OpenFile(logPath, flags, 0o644)
	if err != nil {
		return nil, err
	}
	defer lf.Close()
	s.Log = r.rel(logPath)
	fmt.Fprintf(lf, "$ %s\n", cmdline)
	c := exec.CommandContext(ctx, argv[0], argv[1:]...)
	c.Dir = r.root
	c.Env = append(os.Environ(), env...)
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	c.Cancel = func() error { return syscall.Kill(-c.Process.Pid, syscall.SIGTERM) }
	c.WaitDelay = 60 * time.Second
	var stdout bytes.Buffer
	var echo io.Writer = io.Discard
	if !r.o.quiet {
		echo = os.Stderr
	}
	c.Stdout = io.MultiWriter(&stdout, lf, echo)
	c.Stderr = io.MultiWriter(lf, echo)
	err = c.Run()
	if c.Process != nil && ctx.Err() != nil {
		// Cancelled: whatever the command left in its process group goes
		// too. After a normal exit the group is left alone, as a server
		// started in the background (neo4j-test-server.sh up) lives in it.
		_ = syscall.Kill(-c.Process.Pid, syscall.SIGKILL)
	}
	if err != nil {
		return stdout.Bytes(), fmt.Errorf("%s: %w", cmdline, err)
	}
	return stdout.Bytes(), nil
}

func runExtract(ctx context.Context, r *runner, s *Step) error {
	out, err := r.exec(ctx, s, nil, "go", "test", "-run", "^$", "-bench", "ExtractReuters",
		"-benchtime", r.o.extractTime, "-cpu", "1", "-timeout", r.o.goTestTimeout, "./loader/")
	return goBenchFigures(s, out, err)
}

func runGoBench(ctx context.Context, r *runner, s *Step) error {
	out, err := r.exec(ctx, s, nil, "go", "test", "-run", "^$", "-bench", ".", "-benchmem",
		"-benchtime", r.o.benchtime, "-timeout", r.o.goTestTimeout, "./...")
	s.Note = "BenchmarkNeo4jLoad and BenchmarkNeo4jReads skip here: they need PARTNERGRAPH_BENCH_NEO4J=1 and a Neo4j (the neo4j-load step runs the first)"
	return goBenchFigures(s, out, err)
}

func runNeo4jLoad(ctx context.Context, r *runner, s *Step) error {
	var env []string
	if r.o.neo4jNaiveLimit > 0 {
		env = append(env, fmt.Sprintf("PARTNERGRAPH_BENCH_NAIVE_SECONDS=%d", r.o.neo4jNaiveLimit))
	}
	out, err := r.exec(ctx, s, env, "make", "--no-print-directory", "bench-neo4j")
	return goBenchFigures(s, out, err)
}

// goBenchFigures parses go test's output into s even when the command
// failed, so that the benchmarks that did run are reported.
func goBenchFigures(s *Step, out []byte, runErr error) error {
	g, err := ParseGoBench(bytes.NewReader(out))
	if err == nil && (len(g.Benchmarks) > 0 || len(g.Skipped) > 0) {
		s.GoBench = &g
	}
	if runErr != nil {
		return runErr
	}
	if err != nil {
		return err
	}
	if len(g.Benchmarks) == 0 {
		return errors.New("no benchmark results in the output")
	}
	return nil
}

func runLoad(ctx context.Context, r *runner, s *Step) error {
	var env []string
	if os.Getenv("BENCH_RUNS") == "" {
		env = append(env, fmt.Sprintf("BENCH_RUNS=%d", r.o.loadRuns))
	}
	out, err := r.exec(ctx, s, env, "tools/bench-load.sh")
	f, perr := ParseBenchLoad(bytes.NewReader(out))
	if perr == nil || len(f.Runs) > 0 {
		s.Load = &f
	}
	if err != nil {
		return err
	}
	if perr != nil {
		return perr
	}
	s.Note = "head is the measured checkout, base the merge base with main (BENCH_BASE); on main they are the same commit"
	return nil
}

func runAPI(ctx context.Context, r *runner, s *Step) error {
	var env []string
	if os.Getenv("BENCH_DIR") == "" {
		env = append(env, "BENCH_DIR="+r.rel(filepath.Join(r.logs, "api")))
	}
	out, err := r.exec(ctx, s, env, "tools/bench-api.sh")
	f, perr := ParseBenchAPI(bytes.NewReader(out))
	if perr == nil {
		s.API = &f
	}
	if err != nil {
		failed := 0
		for _, row := range f.Rows {
			failed += row.Errors
		}
		if failed > 0 {
			// The script exits 1 when requests failed, which a saturated
			// server answers with 503 or a timeout; the table says where.
			return fmt.Errorf("%w; %d requests failed (the errors column)", err, failed)
		}
		return err
	}
	return perr
}

func runPeer(ctx context.Context, r *runner, s *Step) error {
	dir := r.o.peerResults
	if dir == "" {
		script := filepath.Join(r.o.peerDir, "run.sh")
		if _, err := os.Stat(script); err != nil {
			return fmt.Errorf("%w: no %s", errNotAvailable, script)
		}
		// run.sh changes directory before it uses its work directory, so
		// that must be an absolute path.
		work := os.Getenv("BENCH_WORK")
		if work == "" {
			work = filepath.Join(r.logs, "peer")
		}
		work, err := filepath.Abs(work)
		if err != nil {
			return err
		}
		// run.sh loads all of Reuters-21578, whose stories without text
		// load skips (exit status 3 unless skips are allowed).
		env := []string{"BENCH_WORK=" + work, "PARTNERGRAPH_ALLOW_SKIPS=true"}
		if _, err := r.exec(ctx, s, env, r.rel(script), "."); err != nil {
			return err
		}
		dir = filepath.Join(work, "results")
	} else {
		s.Command = "imported from " + dir
		s.Status = "imported"
	}
	f, err := LoadPeerResults(dir)
	if err != nil {
		return err
	}
	s.Peer = &f
	if c, ok := f.Meta["pg_commit"].(string); ok && s.Status == "imported" {
		s.Commit = c
		if d, ok := f.Meta["date"].(string); ok {
			s.Note = fmt.Sprintf("measured %s by run.sh at partnergraph %s", d, c)
		}
	}
	return nil
}

// defaultScaleArgs are the scale tool's arguments unless -scale-args
// says otherwise: both stores at the tool's default sizes (10k, 100k and
// 1M articles), the first size also loaded into Neo4j by 1, 2 and 4
// sharded loaders, a load stopped after 15 minutes or 4 GiB (the issue's
// bounds for 1M articles) and recorded as incomplete.
const defaultScaleArgs = "-stores embedded,neo4j -shard-procs 1,2,4 -rate 5 -duration 20s -max-load-time 15m -max-rss-mib 4096"

// runScale imports -scale-json, or runs the checkout's scale tool
// (tools/scale) when it has one, with a private Neo4j when its arguments
// name the neo4j store or sharded loads and no -neo4j-uri. The tables are
// the tool's own (tools/scale -render, -md).
func runScale(ctx context.Context, r *runner, s *Step) error {
	_, statErr := os.Stat(filepath.Join(r.root, "tools", "scale"))
	haveTool := statErr == nil
	if r.o.scaleJSON != "" {
		// One file or several (comma-separated, e.g. the embedded and
		// the Neo4j runs); several are kept as a JSON array.
		var raws []json.RawMessage
		var mds []string
		for _, path := range strings.Split(r.o.scaleJSON, ",") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if !json.Valid(b) {
				return fmt.Errorf("%s is not JSON", path)
			}
			raws = append(raws, json.RawMessage(b))
			md := ""
			if haveTool {
				c := exec.CommandContext(ctx, "go", "run", "./tools/scale", "-render", path)
				c.Dir = r.root
				if out, err := c.Output(); err == nil {
					md = string(out)
				}
			}
			if md == "" {
				md = ScaleMarkdown(b)
			}
			mds = append(mds, fmt.Sprintf("From `%s`:\n\n%s", path, strings.TrimSpace(md)))
		}
		s.Scale = raws[0]
		if len(raws) > 1 {
			all, err := json.Marshal(raws)
			if err != nil {
				return err
			}
			s.Scale = all
		}
		s.ScaleMD = strings.Join(mds, "\n\n")
		s.Command = "imported from " + strings.ReplaceAll(r.o.scaleJSON, ",", ", ")
		s.Status = "imported"
		return nil
	}
	if !haveTool {
		return fmt.Errorf("%w: no tools/scale", errNotAvailable)
	}
	args := strings.Fields(r.o.scaleArgs)
	if r.o.scaleArgs == "" {
		args = strings.Fields(defaultScaleArgs)
	}
	joined := " " + strings.Join(args, " ") + " "
	needsNeo4j := strings.Contains(joined, "neo4j") && !strings.Contains(joined, "-neo4j-uri") ||
		strings.Contains(joined, "-shard-procs") && !strings.Contains(joined, "-neo4j-uri")
	if needsNeo4j {
		state := filepath.Join(r.logs, "scale-neo4j")
		if err := os.MkdirAll(state, 0o755); err != nil {
			return err
		}
		// The start script reads its log before the server writes it.
		if f, err := os.OpenFile(filepath.Join(state, "log"), os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			_ = f.Close()
		}
		env := []string{"NEO4J_TEST_STATE=" + r.rel(state)}
		out, err := r.exec(ctx, s, env, "tools/neo4j-test-server/neo4j-test-server.sh", "up")
		if err != nil {
			return err
		}
		defer func() {
			dctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			_, _ = r.exec(dctx, s, env, "tools/neo4j-test-server/neo4j-test-server.sh", "down")
		}()
		uri := strings.TrimSpace(string(out))
		if i := strings.LastIndex(uri, "\n"); i >= 0 {
			uri = uri[i+1:]
		}
		args = append(args, "-neo4j-uri", uri, "-wipe")
	}
	out := filepath.Join(r.logs, "scale.json")
	md := filepath.Join(r.logs, "scale.md")
	argv := append([]string{"go", "run", "./tools/scale", "-out", r.rel(out), "-md", r.rel(md),
		"-work", filepath.Join(r.logs, "scale-work")}, args...) // absolute: the tool may run commands elsewhere
	_ = os.Remove(out)
	_, runErr := r.exec(ctx, s, nil, argv...)
	if b, err := os.ReadFile(out); err == nil && json.Valid(b) {
		s.Scale = json.RawMessage(b)
	}
	if b, err := os.ReadFile(md); err == nil {
		s.ScaleMD = string(b)
	} else if s.Scale != nil {
		s.ScaleMD = ScaleMarkdown(s.Scale)
	}
	if runErr != nil {
		return runErr
	}
	if s.Scale == nil {
		return fmt.Errorf("the scale tool wrote no JSON report to %s", out)
	}
	return nil
}

// rel returns path relative to the repository's root when it is under it
// or beside it, so that the report's commands read the same on any machine.
func (r *runner) rel(path string) string {
	rel, err := filepath.Rel(r.root, path)
	if err != nil || strings.HasPrefix(rel, "../../") {
		return path
	}
	return rel
}

// shellJoin quotes words for a POSIX shell where needed.
func shellJoin(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shellQuote(w)
	}
	return strings.Join(q, " ")
}

func shellQuote(w string) string {
	if w == "" {
		return "''"
	}
	safe := true
	for _, c := range w {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./=:,+@%", c)) {
			safe = false
			break
		}
	}
	if safe {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
