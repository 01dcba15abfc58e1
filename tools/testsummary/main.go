// Command testsummary reads the JSON stream of `go test -json` on standard
// input, prints what `go test` would print (package results, and the full
// output of failed tests and of build failures), and ends with one line
// counting the tests that ran and were skipped in all and for each real
// component a test declared it uses. It exits with status 1 when a test or
// a package failed.
//
// A test declares a component by logging a line "component: NAME" (see
// neo4jtest.URI and the e2e package's need): so a reader of `make test`
// sees at once whether Neo4j, Chromium, the notebook or the graphql-http
// audit really ran, or were skipped on a machine without them.
//
//	go test -json ./... | go run ./tools/testsummary
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	// ImportPath names the package of build-output events.
	ImportPath string
}

// componentLine matches what a test logs to declare a component.
var componentLine = regexp.MustCompile(`\bcomponent: ([A-Za-z][\w-]*)`)

// mainComponents are always listed, even when no test declared them.
var mainComponents = []string{"Neo4j", "Chromium", "notebook", "audit"}

// counts are the tests that ran (passed or failed) and were skipped.
type counts struct{ ran, skipped int }

// summary accumulates the stream.
type summary struct {
	out        io.Writer
	buf        map[string][]string // package/test -> output so far
	components map[string]string   // package/test -> component it declared
	total      counts
	failed     int
	byComp     map[string]*counts
	skips      map[string][]string // component ("" for none) -> skipped tests
	failedPkgs []string
}

func newSummary(out io.Writer) *summary {
	return &summary{out: out, buf: map[string][]string{}, components: map[string]string{},
		byComp: map[string]*counts{}, skips: map[string][]string{}}
}

// add takes one event.
func (s *summary) add(e event) {
	key := e.Package + "/" + e.Test
	switch e.Action {
	case "build-output":
		fmt.Fprint(s.out, e.Output)
	case "output":
		if e.Test == "" {
			if !strings.HasPrefix(e.Output, "=== ") && !strings.HasPrefix(e.Output, "PASS\n") {
				fmt.Fprint(s.out, e.Output)
			}
			return
		}
		s.buf[key] = append(s.buf[key], e.Output)
		if m := componentLine.FindStringSubmatch(e.Output); m != nil {
			s.components[key] = m[1]
		}
	case "pass", "fail", "skip":
		if e.Test == "" {
			if e.Action == "fail" {
				s.failedPkgs = append(s.failedPkgs, e.Package)
			}
			return
		}
		c := &s.total
		comp := s.components[key]
		var cc *counts
		if comp != "" {
			if cc = s.byComp[comp]; cc == nil {
				cc = &counts{}
				s.byComp[comp] = cc
			}
		}
		if e.Action == "skip" {
			c.skipped++
			if cc != nil {
				cc.skipped++
			}
			s.skips[comp] = append(s.skips[comp], e.Test+" ("+lastLine(s.buf[key])+")")
		} else {
			c.ran++
			if cc != nil {
				cc.ran++
			}
		}
		if e.Action == "fail" {
			s.failed++
			fmt.Fprint(s.out, strings.Join(s.buf[key], ""))
		}
		delete(s.buf, key)
	}
}

// lastLine returns the last non-empty output line of a test, trimmed: for
// a skipped test, why it skipped.
func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "--- ") && !strings.HasPrefix(l, "=== ") {
			if len(l) > 160 {
				l = l[:157] + "..."
			}
			return l
		}
	}
	return "no reason given"
}

// finish prints the skipped component tests and the closing line, and
// reports whether everything passed.
func (s *summary) finish() bool {
	names := slices.Clone(mainComponents)
	for c := range s.byComp {
		if !slices.Contains(names, c) {
			names = append(names, c)
		}
	}
	sort.SliceStable(names[len(mainComponents):], func(i, j int) bool {
		return names[len(mainComponents)+i] < names[len(mainComponents)+j]
	})
	for _, t := range s.skips[""] {
		fmt.Fprintf(s.out, "skipped: %s\n", t)
	}
	for _, c := range names {
		for _, t := range s.skips[c] {
			fmt.Fprintf(s.out, "skipped (%s): %s\n", c, t)
		}
	}
	parts := make([]string, 0, len(names))
	for _, c := range names {
		cc := s.byComp[c]
		if cc == nil {
			cc = &counts{}
		}
		parts = append(parts, fmt.Sprintf("%s %d ran, %d skipped", c, cc.ran, cc.skipped))
	}
	ok := s.failed == 0 && len(s.failedPkgs) == 0
	verdict := "ok"
	if !ok {
		verdict = fmt.Sprintf("FAILED (%d tests, packages: %s)", s.failed, strings.Join(s.failedPkgs, " "))
	}
	fmt.Fprintf(s.out, "tests %s: %d ran, %d skipped; %s\n", verdict, s.total.ran, s.total.skipped, strings.Join(parts, "; "))
	return ok
}

func main() {
	s := newSummary(os.Stdout)
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // not JSON: go test's own message
			continue
		}
		s.add(e)
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(1)
	}
	if !s.finish() {
		os.Exit(1)
	}
}
