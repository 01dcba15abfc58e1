package e2e_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

var auditReport = flag.String("audit-report", "", "write the graphql-http SHOULD/MAY audit results as a Markdown table to this file")

// auditResult is one graphql-http audit outcome as audit.mjs prints it.
type auditResult struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"` // ok, notice, warn or error
	Reason string `json:"reason"`
}

// TestGraphQLOverHTTPAudit runs the graphql-http server audits against the
// real server: every MUST audit has to pass; the SHOULD and MAY results
// are logged and, with -audit-report FILE, written as a Markdown table.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	ok, why := haveNode("graphql-http")
	need(t, "audit", ok, "%s", why)
	s := shared.get(t)

	stdout, stderr, err := run(t, 2*time.Minute, nil, "node", webDir+"/e2e/audit.mjs", "--url", s.URL+"/graphql")
	if err != nil {
		t.Fatalf("audit.mjs: %v\n%s", err, stderr)
	}
	var results []auditResult
	if err := json.Unmarshal([]byte(stdout), &results); err != nil {
		t.Fatalf("decode audit results: %v\n%s", err, stdout)
	}
	if len(results) < 30 {
		t.Fatalf("only %d audits ran, want the full suite", len(results))
	}
	counts := map[string]int{}
	for _, r := range results {
		level, _, _ := strings.Cut(r.Name, " ")
		counts[level+" "+r.Status]++
		if level == "MUST" && r.Status != "ok" {
			t.Errorf("MUST audit failed (%s): %s: %s", r.ID, r.Name, r.Reason)
		}
	}
	table := auditTable(results)
	t.Logf("graphql-http audits: %d run; %v\n%s", len(results), counts, table)
	if *auditReport != "" {
		if err := os.WriteFile(*auditReport, []byte(table), 0o644); err != nil {
			t.Fatalf("write audit report: %v", err)
		}
	}
}

// auditTable renders a summary line and the SHOULD and MAY results as a
// Markdown table.
func auditTable(results []auditResult) string {
	var b strings.Builder
	pass := map[string][2]int{}
	for _, r := range results {
		level, _, _ := strings.Cut(r.Name, " ")
		p := pass[level]
		p[1]++
		if r.Status == "ok" {
			p[0]++
		}
		pass[level] = p
	}
	fmt.Fprintf(&b, "graphql-http audits: MUST %d/%d, SHOULD %d/%d, MAY %d/%d passed.\n\n",
		pass["MUST"][0], pass["MUST"][1], pass["SHOULD"][0], pass["SHOULD"][1], pass["MAY"][0], pass["MAY"][1])
	b.WriteString("| Audit | Result | Note |\n|---|---|---|\n")
	for _, r := range results {
		if strings.HasPrefix(r.Name, "MUST ") {
			continue
		}
		note := strings.ReplaceAll(r.Reason, "|", `\|`)
		note = strings.ReplaceAll(note, "\n", " ")
		if len(note) > 120 {
			note = note[:117] + "..."
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", strings.ReplaceAll(r.Name, "|", `\|`), r.Status, note)
	}
	return b.String()
}
