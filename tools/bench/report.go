package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// writeReport writes dir/report.json and dir/report.md.
func writeReport(dir string, rep *Report) error {
	j, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "report.json"), append(j, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "report.md"), []byte(Markdown(rep)), 0o644)
}

// Markdown renders the report.
func Markdown(rep *Report) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# partnergraph benchmark report\n\n")
	p("Written by `%s`, started %s; the steps run took %s in all. ", rep.Invocation,
		rep.Generated.Format("2006-01-02 15:04 MST"), dur(rep.TotalS))
	p("Every figure below comes from the command in its step's row, run from the repository's root; " +
		"raw logs are kept outside the repository (`-logs`, default `.cache/bench`).\n\n")

	m := rep.Machine
	p("## Machine\n\n| | |\n|---|---|\n")
	p("| CPU | %s, %d cores |\n", orDash(m.CPUModel), m.Cores)
	p("| memory | %.1f GiB |\n", float64(m.MemoryMiB)/1024)
	p("| load average (1, 5, 15 min) when this command started | %s |\n", orDash(m.LoadAverage))
	if m.Kernel != "" {
		p("| kernel | %s |\n", m.Kernel)
	}
	p("| Go | %s |\n| Java | %s |\n| Node | %s |\n", orDash(m.Go), orDash(m.Java), orDash(m.Node))
	if m.Neo4j != "" {
		p("| Neo4j (tools/neo4j-test-server) | %s |\n", m.Neo4j)
	}
	dirty := ""
	if m.Dirty {
		dirty = " (with uncommitted changes)"
	}
	p("| commit | `%s`%s |\n\n", orDash(m.Commit), dirty)
	for _, s := range rep.Steps {
		if s.CarriedFrom != "" || s.Status == "imported" {
			p("Some steps were carried over from earlier runs (`-merge`) or imported: each keeps the load average and commit of its own run, in the table below or in its section.\n\n")
			break
		}
	}

	p("## Steps\n\n| step | status | wall time | load average at start | command |\n|---|---|---|---|---|\n")
	for _, s := range rep.Steps {
		wall, load := "", s.LoadAverage
		if s.WallS > 0 {
			wall = dur(s.WallS)
		}
		cmd := ""
		if s.Command != "" {
			cmd = "`" + strings.ReplaceAll(s.Command, "|", `\|`) + "`"
		}
		status := s.Status
		if s.CarriedFrom != "" {
			status += ", carried from " + s.CarriedFrom
		}
		p("| %s | %s | %s | %s | %s |\n", s.Name, status, wall, load, cmd)
	}
	p("\n")
	for _, s := range rep.Steps {
		if s.Error != "" || s.Note != "" || s.Commit != "" && s.Commit != m.Commit {
			p("- **%s**:", s.Name)
			if s.Note != "" {
				p(" %s.", strings.TrimSuffix(s.Note, "."))
			}
			if s.Error != "" {
				p(" Error: `%s`.", strings.ReplaceAll(s.Error, "`", "'"))
			}
			if s.Log != "" && s.Status == "failed" {
				p(" Log: `%s`.", s.Log)
			}
			if s.Commit != "" && s.Commit != m.Commit {
				p(" Measured commit: `%s`.", s.Commit)
			}
			p("\n")
		}
	}
	p("\n")

	for _, s := range rep.Steps {
		switch {
		case s.Status == "not-selected" || s.Status == "not-available":
			p("## %s\n\n%s (step `%s`).\n\n", s.Title, map[string]string{
				"not-selected":  "Not run in this report",
				"not-available": "Not available in this checkout",
			}[s.Status], s.Name)
			continue
		}
		p("## %s\n\n", s.Title)
		if s.Status == "failed" {
			p("**The step failed**: `%s`", s.Error)
			if s.Log != "" {
				p(" (log `%s`)", s.Log)
			}
			p(". What it measured before failing, if anything, follows.\n\n")
		}
		stepMD(&b, s, s.GoBench)
	}
	return b.String()
}

// stepMD writes the figures of step s; gobench gives the Go benchmarks
// to show for the gobench step (all of them, or a summary's choice).
func stepMD(b *strings.Builder, s Step, gobench *GoBenchOutput) {
	switch s.Name {
	case "extract":
		extractMD(b, s.GoBench)
	case "gobench":
		goBenchMD(b, gobench)
	case "load":
		loadMD(b, s.Load)
	case "neo4j-load":
		neo4jLoadMD(b, s.GoBench)
	case "api":
		apiMD(b, s.API)
	case "peer":
		peerMD(b, s.Peer)
	case "scale":
		if s.ScaleMD != "" {
			b.WriteString(strings.TrimSpace(s.ScaleMD) + "\n\n")
		} else {
			scaleMD(b, s.Scale)
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// dur formats seconds as "1 h 2 min", "3 min 4 s" or "5.6 s".
func dur(sec float64) string {
	d := time.Duration(sec * float64(time.Second)).Round(time.Second)
	switch {
	case sec < 60:
		return fmt.Sprintf("%.1f s", sec)
	case d < time.Hour:
		return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
	default:
		return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
	}
}

// nsTime formats nanoseconds per operation.
func nsTime(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

// num formats a figure with three significant digits and thousands
// separators above 1,000.
func num(v float64) string {
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	var s string
	switch {
	case a >= 1000:
		s = fmt.Sprintf("%.0f", v)
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimPrefix(s, "-")
		var out []byte
		for i := range len(s) {
			if i > 0 && (len(s)-i)%3 == 0 {
				out = append(out, ',')
			}
			out = append(out, s[i])
		}
		s = string(out)
		if neg {
			s = "-" + s
		}
	case a >= 100:
		s = fmt.Sprintf("%.0f", v)
	case a >= 10:
		s = fmt.Sprintf("%.1f", v)
	case a >= 1:
		s = fmt.Sprintf("%.2f", v)
	default:
		s = fmt.Sprintf("%.3g", v)
	}
	return s
}

// whole formats a count with thousands separators.
func whole(v float64) string {
	if v < 1000 {
		return fmt.Sprintf("%.0f", v)
	}
	return num(v)
}

func ptr(v *float64, f func(float64) string) string {
	if v == nil {
		return ""
	}
	return f(*v)
}

// benchGroup is the runs of one benchmark (several with -count).
type benchGroup struct {
	pkg, name string
	runs      []Benchmark
}

func groupBench(bs []Benchmark) []benchGroup {
	var out []benchGroup
	idx := map[string]int{}
	for _, bm := range bs {
		k := bm.Package + " " + bm.Name
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, benchGroup{pkg: bm.Package, name: bm.Name})
		}
		out[i].runs = append(out[i].runs, bm)
	}
	return out
}

// median of the values get returns for each run that has one.
func median(runs []Benchmark, get func(Benchmark) *float64) *float64 {
	var v []float64
	for _, r := range runs {
		if x := get(r); x != nil {
			v = append(v, *x)
		}
	}
	if len(v) == 0 {
		return nil
	}
	sort.Float64s(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return &m
}

func metric(unit string) func(Benchmark) *float64 {
	return func(b Benchmark) *float64 {
		if v, ok := b.Metrics[unit]; ok {
			return &v
		}
		return nil
	}
}

func shortPkg(p string) string {
	return strings.TrimPrefix(strings.TrimPrefix(p, "github.com/partnergraph/partnergraph"), "/")
}

func extractMD(b *strings.Builder, g *GoBenchOutput) {
	if g == nil || len(g.Benchmarks) == 0 {
		b.WriteString("No figures.\n\n")
		return
	}
	b.WriteString("`partnergraph extract`'s whole path (read JSONL, clean, recognise, extract, label, encode) over all 21,578 stories; " +
		"MB/s is megabytes of article text per second of wall time, MB/cpu-s per second of the process's CPU time.\n\n")
	b.WriteString("| benchmark | runs×iterations | time/op | MB/s | MB/cpu-s |\n|---|---|---|---|---|\n")
	for _, gr := range groupBench(g.Benchmarks) {
		fmt.Fprintf(b, "| %s | %d×%d | %s | %s | %s |\n", gr.name, len(gr.runs), gr.runs[0].Iterations,
			ptr(median(gr.runs, func(x Benchmark) *float64 { return x.NsPerOp }), nsTime),
			ptr(median(gr.runs, func(x Benchmark) *float64 { return x.MBPerS }), num),
			ptr(median(gr.runs, metric("MB/cpu-s")), num))
	}
	b.WriteString("\n")
}

func goBenchMD(b *strings.Builder, g *GoBenchOutput) {
	if g == nil {
		b.WriteString("No figures.\n\n")
		return
	}
	if g.CPU != "" {
		fmt.Fprintf(b, "go test reports the CPU as %q. With `-count` above 1 each figure is the median of the runs. ", g.CPU)
	}
	b.WriteString("Other metrics are the benchmarks' own (`b.ReportMetric`), e.g. `cpu-ns/op`, the process's CPU time per operation.\n\n")
	b.WriteString("| package | benchmark | runs×iterations | time/op | B/op | allocs/op | MB/s | other metrics |\n|---|---|---|---|---|---|---|---|\n")
	for _, gr := range groupBench(g.Benchmarks) {
		units := map[string]bool{}
		for _, r := range gr.runs {
			for u := range r.Metrics {
				units[u] = true
			}
		}
		var other []string
		for _, u := range sortedKeys(units) {
			v := median(gr.runs, metric(u))
			if v == nil {
				continue
			}
			if per, ok := strings.CutPrefix(u, "cpu-ns/"); ok {
				other = append(other, fmt.Sprintf("CPU %s/%s", nsTime(*v), per))
			} else {
				other = append(other, fmt.Sprintf("%s %s", num(*v), u))
			}
		}
		fmt.Fprintf(b, "| %s | %s | %d×%d | %s | %s | %s | %s | %s |\n", shortPkg(gr.pkg), gr.name, len(gr.runs), gr.runs[0].Iterations,
			ptr(median(gr.runs, func(x Benchmark) *float64 { return x.NsPerOp }), nsTime),
			ptr(median(gr.runs, func(x Benchmark) *float64 { return x.BytesPerOp }), whole),
			ptr(median(gr.runs, func(x Benchmark) *float64 { return x.AllocsPerOp }), whole),
			ptr(median(gr.runs, func(x Benchmark) *float64 { return x.MBPerS }), num),
			strings.Join(other, ", "))
	}
	b.WriteString("\n")
	if len(g.Skipped) > 0 {
		b.WriteString("Skipped (they need a setting or a server the step does not give them; the loading and API steps measure the same paths):\n\n")
		for _, s := range g.Skipped {
			fmt.Fprintf(b, "- `%s`\n", shortPkg(s))
		}
		b.WriteString("\n")
	}
	if len(g.Failed) > 0 {
		fmt.Fprintf(b, "Failed: %s\n\n", strings.Join(g.Failed, ", "))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return k
}

func loadMD(b *strings.Builder, f *LoadFigures) {
	if f == nil {
		b.WriteString("No figures.\n\n")
		return
	}
	runs := 0
	for _, r := range f.Runs {
		if r.Binary == "head" {
			runs++
		}
	}
	fmt.Fprintf(b, "`partnergraph load` of all of Reuters-21578 (converted to JSONL once) into a fresh embedded store file, "+
		"%d runs of each binary, alternating; medians. CPU time is user + system of the whole process.\n\n", runs)
	fmt.Fprintf(b, "| | base `%s` | head `%s` | head / base |\n|---|---|---|---|\n", f.Base, f.Head)
	fmt.Fprintf(b, "| median wall time | %.2f s | %.2f s | %.2f |\n", f.BaseWallS, f.HeadWallS, f.WallRatio)
	fmt.Fprintf(b, "| median CPU time | %.2f s | %.2f s | %.2f |\n\n", f.BaseCPUS, f.HeadCPUS, f.CPURatio)
}

func neo4jLoadMD(b *strings.Builder, g *GoBenchOutput) {
	if g == nil || len(g.Benchmarks) == 0 {
		b.WriteString("No figures.\n\n")
		return
	}
	b.WriteString("`BenchmarkNeo4jLoad`: every Reuters story, run through the loader beforehand, 100 articles a batch, into a fresh " +
		"Neo4j test server, with the store's batched writer (one transaction per batch) and one transaction per node or " +
		"relationship (for at most 60 s). An upsert is one node or relationship.\n\n")
	b.WriteString("| benchmark | batched upserts/s | per-fact upserts/s | batched / per fact | upserts |\n|---|---|---|---|---|\n")
	for _, gr := range groupBench(g.Benchmarks) {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", gr.name,
			ptr(median(gr.runs, metric("batched-upserts/s")), num),
			ptr(median(gr.runs, metric("per-fact-upserts/s")), num),
			ptr(median(gr.runs, metric("speedup")), func(v float64) string { return num(v) + "×" }),
			ptr(median(gr.runs, metric("upserts")), num))
	}
	b.WriteString("\n")
}

func apiMD(b *strings.Builder, f *APIFigures) {
	if f == nil {
		b.WriteString("No figures.\n\n")
		return
	}
	b.WriteString("Open-loop load from a second process (`tools/loadgen`) on the graph loaded from all of Reuters-21578: " +
		"the three-level query (deals → parties → company → deals) and the depth-2 neighbourhood. " +
		"emb-off / emb-on: embedded store without and with the response cache; neo4j: a private test server, warmed up. " +
		"CPU is per request, of the server and of Neo4j.\n\n")
	if f.Context != "" {
		fmt.Fprintf(b, "%s\n\n", f.Context)
	}
	if f.Warmup != "" {
		fmt.Fprintf(b, "%s\n\n", f.Warmup)
	}
	b.WriteString("| server | query | rate/s | requests | errors | p50 ms | p90 ms | p99 ms | max ms | p99 target | | CPU ms/request |\n" +
		"|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range f.Rows {
		var cpu []string
		for _, k := range sortedKeys(r.CPUmsPerRequest) {
			cpu = append(cpu, fmt.Sprintf("%s %.2f", k, r.CPUmsPerRequest[k]))
		}
		fmt.Fprintf(b, "| %s | %s | %g | %d | %d | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |\n", r.Server, r.Query, r.Rate,
			r.Requests, r.Errors, r.P50ms, r.P90ms, r.P99ms, r.MaxMs, r.Target, r.TargetMet, strings.Join(cpu, ", "))
	}
	b.WriteString("\n")
}

func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func peerMD(b *strings.Builder, f *PeerFigures) {
	if f == nil {
		b.WriteString("No figures.\n\n")
		return
	}
	b.WriteString("`../shared/peers/neo4j-graphql/run.sh` (its README says how): partnergraph (`serve --store neo4j`) and " +
		"`@neo4j/graphql` on Apollo Server over the same Neo4j holding Reuters-21578 and the modern set, interleaved runs. " +
		"Max throughput with closed-loop clients; latency at fixed rates (open loop, from each request's due time); " +
		"CPU per request of each server and of Neo4j from /proc. Ratios above 1 favour partnergraph.\n\n")
	if mt := f.Meta; len(mt) > 0 {
		g := func(k string) string {
			if v, ok := mt[k]; ok {
				return fmt.Sprint(v)
			}
			return "?"
		}
		fmt.Fprintf(b, "Measured %s on %s CPUs, load average before measuring %s, after %s; %s per run, %s closed-loop clients. "+
			"partnergraph `%s`; peer: %s; Neo4j %s; graph: %s.\n\n",
			g("date"), g("cpus"), g("load_before"), g("load_after"), g("duration"), g("clients"),
			g("pg_commit"), g("peer_versions"), g("neo4j"), g("counts"))
	}
	fmt.Fprintf(b, "Results read from `%s`.\n\n", f.Dir)
	if f.Correctness != "" {
		fmt.Fprintf(b, "**Correctness** (check.mjs, from run.sh's report):\n\n%s\n\n", f.Correctness)
	}
	hasHits := false
	for _, q := range f.Queries {
		if len(q.DBHits) > 0 {
			hasHits = true
		}
	}
	b.WriteString("| query | max req/s partnergraph | max req/s peer | partnergraph / peer | server CPU ms/req pg / peer | Neo4j CPU ms/req pg / peer |")
	if hasHits {
		b.WriteString(" db hits/req pg / peer |")
	}
	b.WriteString("\n|---|---|---|---|---|---|")
	if hasHits {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, q := range f.Queries {
		c := q.Modes["closed"]
		thr := func(r *PeerRun) string {
			if r == nil {
				return "-"
			}
			s := num(r.Throughput)
			if r.Errors > 0 {
				s += fmt.Sprintf(" (%d errors)", r.Errors)
			}
			return s
		}
		var tp, tq float64
		if c.PG != nil {
			tp = c.PG.Throughput
		}
		if c.Peer != nil {
			tq = c.Peer.Throughput
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s / %s | %s / %s |", q.Title, thr(c.PG), thr(c.Peer), ratio(tp, tq),
			cpuOf(c.PG, "server"), cpuOf(c.Peer, "server"), cpuOf(c.PG, "neo4j"), cpuOf(c.Peer, "neo4j"))
		if hasHits {
			fmt.Fprintf(b, " %s / %s |", hitsOf(q.DBHits, "pg"), hitsOf(q.DBHits, "peer"))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	if len(f.Rates) == 0 {
		return
	}
	b.WriteString("Latency, p50 / p99 ms, at fixed rates (a note says when a server answered fewer than 95 % of the rate or had errors):\n\n| query |")
	for _, r := range f.Rates {
		fmt.Fprintf(b, " %d/s partnergraph | %d/s peer |", r, r)
	}
	b.WriteString("\n|---|")
	for range f.Rates {
		b.WriteString("---|---|")
	}
	b.WriteString("\n")
	for _, q := range f.Queries {
		fmt.Fprintf(b, "| %s |", strings.ToUpper(q.Query))
		for _, r := range f.Rates {
			pair := q.Modes[fmt.Sprintf("rate%d", r)]
			fmt.Fprintf(b, " %s | %s |", latency(pair.PG, r), latency(pair.Peer, r))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

func cpuOf(r *PeerRun, who string) string {
	if r == nil {
		return "-"
	}
	v, ok := r.CPUmsPerReq[who]
	if !ok {
		return "-"
	}
	return num(v)
}

func hitsOf(h map[string]float64, who string) string {
	v, ok := h[who]
	if !ok {
		return "-"
	}
	return num(v)
}

func latency(r *PeerRun, rate int) string {
	if r == nil {
		return "-"
	}
	s := num(r.P50ms) + " / " + num(r.P99ms)
	var notes []string
	if r.Errors > 0 {
		notes = append(notes, fmt.Sprintf("%d errors", r.Errors))
	}
	if r.AchievedRate > 0 && r.AchievedRate < 0.95*float64(rate) {
		notes = append(notes, fmt.Sprintf("answered %.0f/s", r.AchievedRate))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// scaleMD renders the scale tool's JSON: a table of the first list of
// flat objects found in it, or the JSON itself.
func scaleMD(b *strings.Builder, raw json.RawMessage) {
	if len(raw) == 0 {
		b.WriteString("No figures.\n\n")
		return
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	if rows := firstTable(v); len(rows) > 0 {
		cols := map[string]bool{}
		var order []string
		for _, r := range rows {
			for _, k := range sortedKeys(r) {
				if !cols[k] {
					cols[k] = true
					order = append(order, k)
				}
			}
		}
		b.WriteString("| " + strings.Join(order, " | ") + " |\n|" + strings.Repeat("---|", len(order)) + "\n")
		for _, r := range rows {
			var cells []string
			for _, k := range order {
				cells = append(cells, cell(r[k]))
			}
			b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		}
		b.WriteString("\n")
		return
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") != nil {
		pretty.Reset()
		pretty.Write(raw)
	}
	b.WriteString("```json\n" + pretty.String() + "\n```\n\n")
}

// firstTable finds the first array of objects whose values are scalars.
func firstTable(v any) []map[string]any {
	switch x := v.(type) {
	case []any:
		var rows []map[string]any
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return nil
			}
			flat := map[string]any{}
			for k, val := range m {
				switch val.(type) {
				case map[string]any, []any:
					if sub, ok := val.(map[string]any); ok {
						for sk, sv := range sub {
							switch sv.(type) {
							case map[string]any, []any:
							default:
								flat[k+"."+sk] = sv
							}
						}
					}
				default:
					flat[k] = val
				}
			}
			rows = append(rows, flat)
		}
		return rows
	case map[string]any:
		for _, k := range sortedKeys(x) {
			if rows := firstTable(x[k]); len(rows) > 0 {
				return rows
			}
		}
	}
	return nil
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return num(x)
	default:
		return strings.ReplaceAll(fmt.Sprint(x), "|", `\|`)
	}
}

// The markers around the summary -quote maintains in a markdown file.
const (
	quoteBegin = "<!-- begin bench report: written by tools/bench -quote, do not edit -->"
	quoteEnd   = "<!-- end bench report -->"
)

// quoteInto replaces what lies between the markers in the markdown file
// path with Summary, linking the full report at reportPath.
func quoteInto(path, reportPath string, rep *Report) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	i := bytes.Index(b, []byte(quoteBegin))
	j := bytes.Index(b, []byte(quoteEnd))
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %q ... %q block", path, quoteBegin, quoteEnd)
	}
	link, err := filepath.Rel(filepath.Dir(path), reportPath)
	if err != nil {
		link = reportPath
	}
	var out bytes.Buffer
	out.Write(b[:i+len(quoteBegin)])
	out.WriteString("\n\n" + Summary(rep, filepath.ToSlash(link)))
	out.Write(b[j:])
	return os.WriteFile(path, out.Bytes(), 0o644)
}

// Summary is the report's figures for a page that quotes them: the
// machine and steps in one table, then each section with its headings one
// level down, the Go benchmarks cut to the GraphQL handler's and the
// extraction's.
func Summary(rep *Report, link string) string {
	var b strings.Builder
	m := rep.Machine
	fmt.Fprintf(&b, "From [%s](%s) (JSON beside it), run started %s at commit `%.12s` by `%s`, on %s with %d cores and %.0f GiB; "+
		"Go %s, Java %s, Node %s.\n\n", filepath.Base(link), link, rep.Generated.Format("2006-01-02 15:04 MST"), m.Commit, rep.Invocation,
		orDash(m.CPUModel), m.Cores, float64(m.MemoryMiB)/1024, strings.TrimPrefix(strings.Fields(m.Go + " ? ? ?")[2], "go"),
		strings.Trim(strings.Fields(m.Java + " ? ?")[2], `"`), m.Node)
	b.WriteString("| step | status | wall time | load average at start | measured commit |\n|---|---|---|---|---|\n")
	for _, s := range rep.Steps {
		status := s.Status
		if s.CarriedFrom != "" {
			status += " (run of " + s.CarriedFrom + ")"
		}
		wall := ""
		if s.WallS > 0 {
			wall = dur(s.WallS)
		}
		commit := s.Commit
		switch {
		case commit != "":
		case s.Status == "imported":
			commit = "its own run (below)"
		case s.Status != "not-selected" && s.Status != "not-available":
			commit = m.Commit
		}
		if len(commit) > 7 && !strings.Contains(commit, " ") {
			commit = commit[:7]
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", s.Name, status, wall, s.LoadAverage, commit)
	}
	b.WriteString("\n")
	for _, s := range rep.Steps {
		fmt.Fprintf(&b, "### %s\n\n", s.Title)
		switch {
		case s.Status == "not-selected":
			b.WriteString("Not in this report.\n\n")
			continue
		case s.Status == "not-available":
			b.WriteString("Not available in the checkout the report measured.\n\n")
			continue
		case s.Status == "failed":
			fmt.Fprintf(&b, "The step failed: `%s`.\n\n", strings.ReplaceAll(s.Error, "`", "'"))
		}
		g := s.GoBench
		if s.Name == "gobench" {
			if s.GoBench == nil {
				b.WriteString("No figures.\n\n")
				continue
			}
			// The summary shows the GraphQL handler's benchmarks only.
			brief := *s.GoBench
			brief.Skipped = nil
			brief.Benchmarks = nil
			for _, x := range s.GoBench.Benchmarks {
				if strings.HasSuffix(x.Package, "/graph") {
					brief.Benchmarks = append(brief.Benchmarks, x)
				}
			}
			b.WriteString("The GraphQL handler's benchmarks; every other one is in the full report.\n\n")
			g = &brief
		}
		stepMD(&b, s, g)
	}
	return b.String()
}

// scaleReport is the part of tools/scale's JSON report that ScaleMarkdown
// shows.
type scaleReport struct {
	Started  string `json:"started"`
	Rate     float64
	Duration string
	Machine  struct {
		LoadAvgStart string `json:"loadavg_start"`
		LoadAvgEnd   string `json:"loadavg_end"`
	} `json:"machine"`
	Runs []struct {
		Store          string         `json:"store"`
		Articles       int            `json:"articles"`
		Completed      bool           `json:"completed"`
		Reason         string         `json:"reason"`
		LoadedArticles int            `json:"loaded_articles"`
		LoadSeconds    float64        `json:"load_seconds"`
		ArticlesPerSec float64        `json:"articles_per_second"`
		PeakRSSBytes   int64          `json:"peak_rss_bytes"`
		StoreBytes     int64          `json:"store_bytes"`
		Counts         map[string]int `json:"counts"`
		Queries        map[string]struct {
			Requests int     `json:"requests"`
			Errors   int     `json:"errors"`
			P50      float64 `json:"p50_ms"`
			P99      float64 `json:"p99_ms"`
		} `json:"queries"`
	} `json:"runs"`
	Shards []struct {
		Store     string  `json:"store"`
		Articles  int     `json:"articles"`
		Processes int     `json:"processes"`
		Seconds   float64 `json:"seconds"`
		Speedup   float64 `json:"speedup"`
	} `json:"shards"`
}

// ScaleMarkdown renders a tools/scale JSON report as tables (the same
// columns as tools/scale -render, for a checkout without the tool), or
// the JSON itself when it is not in that format.
func ScaleMarkdown(raw []byte) string {
	var r scaleReport
	if err := json.Unmarshal(raw, &r); err != nil || len(r.Runs) == 0 {
		var b strings.Builder
		scaleMD(&b, raw)
		return b.String()
	}
	var b strings.Builder
	mib := func(n int64) string {
		if n <= 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f", float64(n)/(1<<20))
	}
	fmt.Fprintf(&b, "Run started %s, load average %s at the start and %s at the end; each query at %g requests/s for %s.\n\n",
		r.Started, r.Machine.LoadAvgStart, r.Machine.LoadAvgEnd, r.Rate, r.Duration)
	qs := []string{"q1", "q2", "q3", "q4", "q5"}
	b.WriteString("| store | articles | loaded | load s | articles/s | peak RSS MiB | store MiB | companies | deals |")
	for _, q := range qs {
		fmt.Fprintf(&b, " %s p50 / p99 ms |", strings.ToUpper(q))
	}
	b.WriteString("\n|---|---|---|---|---|---|---|---|---|" + strings.Repeat("---|", len(qs)) + "\n")
	for _, run := range r.Runs {
		loaded := fmt.Sprint(run.LoadedArticles)
		if !run.Completed {
			loaded += " (" + run.Reason + ")"
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %.0f | %.0f | %s | %s | %d | %d |", run.Store, run.Articles, loaded, run.LoadSeconds,
			run.ArticlesPerSec, mib(run.PeakRSSBytes), mib(run.StoreBytes), run.Counts["companies"], run.Counts["deals"])
		for _, q := range qs {
			l, ok := run.Queries[q]
			switch {
			case !ok:
				b.WriteString(" - |")
			case l.Errors > 0:
				fmt.Fprintf(&b, " %.1f / %.1f (%d of %d failed) |", l.P50, l.P99, l.Errors, l.Requests)
			default:
				fmt.Fprintf(&b, " %.1f / %.1f |", l.P50, l.P99)
			}
		}
		b.WriteString("\n")
	}
	if len(r.Shards) > 0 {
		b.WriteString("\n| store | articles | loader processes | wall s | speedup |\n|---|---|---|---|---|\n")
		for _, s := range r.Shards {
			fmt.Fprintf(&b, "| %s | %d | %d | %.0f | %.2f |\n", s.Store, s.Articles, s.Processes, s.Seconds, s.Speedup)
		}
	}
	return b.String()
}
