package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// The documentation's examples are run against the sample graph on both
// stores, so that they cannot drift from what the server answers:
//
//   - every ```graphql block of README.md and docs/*.md (a block may hold
//     several operations, each run on its own);
//   - every curl command in a ```sh or ```console block that posts to
//     /graphql or gets an /export/ URL;
//   - the playground's example tabs (web/src/examples.js).
//
// An example fails on any GraphQL error and on an answer with no data (every
// value null, empty, zero or false). A comment line "# result: JSON" after
// an operation (continued by further "# " lines) states what its data must
// contain: every key it shows with the value it shows, and list items in
// the order shown, more being allowed. After curl, a line "# {...}" is the
// whole response, checked the same way. "# variables: JSON" gives an
// operation's variables.
//
// Queries run first, then the mutations in document order with the API key
// (as an analyst following the docs would), while every subscription of the
// docs is open: each must then have received an event.

// docsKey is the API key of the servers the examples run against.
const docsKey = "docs-example-key"

// docExample is one example of the documentation.
type docExample struct {
	where     string // file:line
	kind      string // query, mutation, subscription or export
	query     string
	variables map[string]any
	result    any // what the data must contain, or nil
	path      string
}

func (e docExample) String() string { return e.where }

// collectExamples reads every example of the README, docs/ and the
// playground's tabs.
func collectExamples(t *testing.T) []docExample {
	t.Helper()
	files := []string{"../../README.md"}
	docs, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, docs...)
	var out []docExample
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		exs, err := markdownExamples(strings.TrimPrefix(f, "../../"), string(b))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, exs...)
	}
	b, err := os.ReadFile("../../web/src/examples.js")
	if err != nil {
		t.Fatal(err)
	}
	exs, err := playgroundExamples("web/src/examples.js", string(b))
	if err != nil {
		t.Fatal(err)
	}
	return append(out, exs...)
}

var fence = regexp.MustCompile("^\\s*```\\s*(\\w*)")

// markdownExamples returns the examples of one Markdown file.
func markdownExamples(file, text string) ([]docExample, error) {
	var out []docExample
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		lang, start := m[1], i+1
		indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
		end := start
		for end < len(lines) && !fence.MatchString(lines[end]) {
			end++
		}
		block := make([]string, 0, end-start)
		for _, l := range lines[start:end] {
			block = append(block, strings.TrimPrefix(l, strings.Repeat(" ", indent)))
		}
		var exs []docExample
		var err error
		switch lang {
		case "graphql":
			exs, err = graphqlExamples(file, start+1, block)
		case "sh", "console", "bash":
			exs, err = shellExamples(file, start+1, block)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, exs...)
		i = end
	}
	return out, nil
}

// graphqlExamples splits a block into its operations: an operation ends
// where its braces close; the comment lines after it are its annotations.
func graphqlExamples(file string, firstLine int, block []string) ([]docExample, error) {
	var out []docExample
	var cur *docExample
	var body, result []string
	depth, inResult := 0, false
	finish := func() error {
		if cur == nil {
			return nil
		}
		cur.query = strings.TrimSpace(strings.Join(body, "\n"))
		if len(result) > 0 {
			if err := json.Unmarshal([]byte(strings.Join(result, "\n")), &cur.result); err != nil {
				return fmt.Errorf("%s: # result: is not JSON: %v", cur.where, err)
			}
		}
		out = append(out, *cur)
		cur, body, result, inResult = nil, nil, nil, false
		return nil
	}
	for n, line := range block {
		trimmed := strings.TrimSpace(line)
		if depth == 0 && strings.HasPrefix(trimmed, "#") {
			c := strings.TrimSpace(strings.TrimPrefix(trimmed, "#"))
			switch {
			case cur == nil:
			case strings.HasPrefix(c, "result:"):
				inResult, result = true, append(result, strings.TrimPrefix(c, "result:"))
			case strings.HasPrefix(c, "variables:"):
				inResult = false
				if err := json.Unmarshal([]byte(strings.TrimPrefix(c, "variables:")), &cur.variables); err != nil {
					return nil, fmt.Errorf("%s: # variables: is not JSON: %v", cur.where, err)
				}
			case inResult:
				result = append(result, c)
			}
			continue
		}
		if depth == 0 && trimmed != "" {
			if err := finish(); err != nil {
				return nil, err
			}
			cur = &docExample{where: fmt.Sprintf("%s:%d", file, firstLine+n), kind: operationKind(trimmed)}
		}
		if cur != nil {
			body = append(body, line)
		}
		depth += braceDepth(line)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return out, nil
}

// operationKind says what the operation starting with line is.
func operationKind(line string) string {
	for _, k := range []string{"mutation", "subscription"} {
		if strings.HasPrefix(line, k) {
			return k
		}
	}
	return "query"
}

// braceDepth returns the change of brace depth over a line, ignoring
// strings and comments.
func braceDepth(line string) int {
	d, inString := 0, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '#':
			return d
		case c == '{':
			d++
		case c == '}':
			d--
		}
	}
	return d
}

var (
	curlData   = regexp.MustCompile(`-d\s+'([^']*)'`)
	curlExport = regexp.MustCompile(`https?://(?:127\.0\.0\.1|localhost):8080(/export/[^'"\s]*)`)
)

// shellExamples returns the curl commands of a shell block that post to
// /graphql or get an export, with the "# {...}" response line after them.
func shellExamples(file string, firstLine int, block []string) ([]docExample, error) {
	var out []docExample
	for n := 0; n < len(block); n++ {
		line := strings.TrimPrefix(strings.TrimSpace(block[n]), "$ ")
		if !strings.HasPrefix(line, "curl ") {
			continue
		}
		where := fmt.Sprintf("%s:%d", file, firstLine+n)
		cmd := line
		for strings.HasSuffix(cmd, `\`) && n+1 < len(block) {
			n++
			cmd = strings.TrimSuffix(cmd, `\`) + " " + strings.TrimSpace(block[n])
		}
		if m := curlExport.FindStringSubmatch(cmd); m != nil {
			out = append(out, docExample{where: where, kind: "export", path: m[1]})
			continue
		}
		m := curlData.FindStringSubmatch(cmd)
		if m == nil || !strings.Contains(cmd, "/graphql") {
			continue
		}
		var req struct {
			Query     string
			Variables map[string]any
		}
		if err := json.Unmarshal([]byte(m[1]), &req); err != nil {
			return nil, fmt.Errorf("%s: the -d body is not JSON: %v", where, err)
		}
		ex := docExample{where: where, kind: operationKind(strings.TrimSpace(req.Query)), query: req.Query, variables: req.Variables}
		if n+1 < len(block) {
			if resp, ok := strings.CutPrefix(strings.TrimSpace(block[n+1]), "# {"); ok {
				var whole struct{ Data any }
				if err := json.Unmarshal([]byte("{"+resp), &whole); err != nil {
					return nil, fmt.Errorf("%s: the response line is not JSON: %v", where, err)
				}
				ex.result = whole.Data
			}
		}
		out = append(out, ex)
	}
	return out, nil
}

var jsTemplate = regexp.MustCompile("(?s)`(#[^`]*?)`")

// playgroundExamples returns the example tabs of the playground: the
// template literals of examples.js that start with a comment.
func playgroundExamples(file, text string) ([]docExample, error) {
	var out []docExample
	for _, m := range jsTemplate.FindAllStringSubmatchIndex(text, -1) {
		q := text[m[2]:m[3]]
		line := strings.Count(text[:m[2]], "\n") + 1
		body := strings.TrimSpace(q)
		for strings.HasPrefix(body, "#") {
			_, body, _ = strings.Cut(body, "\n")
			body = strings.TrimSpace(body)
		}
		out = append(out, docExample{where: fmt.Sprintf("%s:%d", file, line), kind: operationKind(body), query: q})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no example tabs found", file)
	}
	return out, nil
}

// TestDocExamples runs every example of the documentation against the
// sample articles on the embedded store and on Neo4j.
func TestDocExamples(t *testing.T) {
	exs := collectExamples(t)
	counts := map[string]int{}
	for _, e := range exs {
		counts[e.kind]++
	}
	t.Logf("%d examples: %v", len(exs), counts)
	if counts["query"] < 20 || counts["mutation"] == 0 || counts["subscription"] == 0 || counts["export"] == 0 {
		t.Fatalf("too few examples found (%v): is the parser broken?", counts)
	}
	t.Run("embedded", func(t *testing.T) {
		base, _ := startServer(t, "--data", ":memory:", "--api-key", docsKey, "--load", examples)
		runExamples(t, base, exs)
	})
	t.Run("neo4j", func(t *testing.T) {
		uri := neo4jtest.URI(t)
		neo4jtest.Wipe(t, uri)
		base, _ := startServer(t, "--store", "neo4j", "--neo4j-uri", uri, "--api-key", docsKey, "--load", examples)
		runExamples(t, base, exs)
	})
}

// runExamples runs the queries and exports, opens the subscriptions, runs
// the mutations and checks that each subscription saw an event.
func runExamples(t *testing.T, base string, exs []docExample) {
	for _, e := range exs {
		switch e.kind {
		case "query":
			t.Run(e.where, func(t *testing.T) { checkAnswer(t, e, postExample(t, base, e)) })
		case "export":
			t.Run(e.where, func(t *testing.T) { checkExport(t, base, e) })
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	type stream struct {
		e      docExample
		events chan json.RawMessage
	}
	var streams []stream
	for _, e := range exs {
		if e.kind == "subscription" {
			s := stream{e, make(chan json.RawMessage, 100)}
			openSubscription(t, ctx, base, e, s.events)
			streams = append(streams, s)
		}
	}
	for _, e := range exs {
		if e.kind == "mutation" {
			t.Run(e.where, func(t *testing.T) { checkAnswer(t, e, postExample(t, base, e, "Authorization", "Bearer "+docsKey)) })
		}
	}
	for _, s := range streams {
		t.Run(s.e.where, func(t *testing.T) {
			select {
			case data := <-s.events:
				checkAnswer(t, s.e, data)
			case <-time.After(10 * time.Second):
				t.Errorf("%s: the subscription received no event while the documented mutations ran", s.e.where)
			}
		})
	}
}

// postExample runs a query or mutation and returns its data, failing on
// errors.
func postExample(t *testing.T, base string, e docExample, header ...string) json.RawMessage {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": e.query, "variables": e.variables})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var env struct {
		Data   json.RawMessage
		Errors []json.RawMessage
	}
	if err := json.Unmarshal(raw, &env); err != nil || resp.StatusCode != http.StatusOK || len(env.Errors) > 0 {
		t.Fatalf("%s: the example fails (status %d): %s\n%s", e.where, resp.StatusCode, raw, e.query)
	}
	return env.Data
}

// openSubscription starts e over server-sent events and sends the data of
// every event it receives to events.
func openSubscription(t *testing.T, ctx context.Context, base string, e docExample, events chan<- json.RawMessage) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": e.query, "variables": e.variables})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", e.where, err)
	}
	if resp.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Fatalf("%s: status %d: %s", e.where, resp.StatusCode, raw)
	}
	first := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		opened := false
		for sc.Scan() {
			if !opened {
				opened = true
				close(first)
			}
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var env struct{ Data json.RawMessage }
			if json.Unmarshal([]byte(data), &env) == nil && env.Data != nil {
				events <- env.Data
			}
		}
	}()
	select {
	case <-first:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: the subscription did not open", e.where)
	}
	// The stream opens before the subscription is registered; let it settle.
	time.Sleep(200 * time.Millisecond)
}

// checkAnswer fails when data is empty or lacks what the example shows.
func checkAnswer(t *testing.T, e docExample, data json.RawMessage) {
	t.Helper()
	var got any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%s: data is not JSON: %s", e.where, data)
	}
	if e.result != nil {
		if d := contains(got, e.result, "data"); d != "" {
			want, _ := json.Marshal(e.result)
			t.Errorf("%s: the answer differs from what the docs show: %s\n got: %s\nshown: %s\n(if the sample or extraction changed on purpose, update the example's result line)", e.where, d, data, want)
		}
		return
	}
	if empty(got) {
		t.Errorf("%s: the example answers no data: %s\n%s", e.where, data, e.query)
	}
}

// checkExport fails unless the export URL answers 200 with some rows.
func checkExport(t *testing.T, base string, e docExample) {
	t.Helper()
	resp, err := http.Get(base + e.path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || len(bytes.TrimSpace(raw)) == 0 {
		t.Fatalf("%s: GET %s: status %d, %d bytes: %.300s", e.where, e.path, resp.StatusCode, len(raw), raw)
	}
	if strings.HasSuffix(strings.SplitN(e.path, "?", 2)[0], ".csv") && bytes.Count(raw, []byte("\n")) < 2 {
		t.Errorf("%s: GET %s: a header and no rows:\n%s", e.where, e.path, raw)
	}
}

// contains returns "" when got holds everything want shows (keys with
// their values; list items in order, more allowed), else where it differs.
func contains(got, want any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s is %s, not an object", path, short(got))
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				return fmt.Sprintf("%s.%s is missing", path, k)
			}
			if d := contains(gv, w[k], path+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Sprintf("%s is %s, not a list", path, short(got))
		}
		j := 0
		for i, wv := range w {
			for j < len(g) && contains(g[j], wv, "") != "" {
				j++
			}
			if j == len(g) {
				return fmt.Sprintf("%s[%d] %s is not in the list (in that order)", path, i, short(wv))
			}
			j++
		}
		return ""
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("%s is %s, shown as %s", path, short(got), short(want))
	}
	return ""
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// empty reports whether a value carries no data: null, an empty string or
// list, zero, false, or an object of such values.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		for _, e := range x {
			if !empty(e) {
				return false
			}
		}
		return true
	case []any:
		return len(x) == 0
	case string:
		return x == ""
	case float64:
		return x == 0
	case bool:
		return !x
	}
	return false
}

func TestExampleParsing(t *testing.T) {
	md := "text\n```graphql\n{ a { b } }\n# result: {\"a\":\n#   {\"b\": 1}}\n{ c }\nmutation { m(x: \"}\") { y } }\n# variables: {\"v\": 2}\n```\n" +
		"  ```sh\n  curl -s localhost:8080/graphql -H 'Content-Type: application/json' \\\n    -d '{\"query\":\"{ q }\"}'\n  # {\"data\":{\"q\":3}}\n  curl -s 'http://127.0.0.1:8080/export/deals.csv?company=sega'\n  ```\n"
	got, err := markdownExamples("x.md", md)
	if err != nil {
		t.Fatal(err)
	}
	want := []docExample{
		{where: "x.md:3", kind: "query", query: "{ a { b } }", result: map[string]any{"a": map[string]any{"b": 1.0}}},
		{where: "x.md:6", kind: "query", query: "{ c }"},
		{where: "x.md:7", kind: "mutation", query: "mutation { m(x: \"}\") { y } }", variables: map[string]any{"v": 2.0}},
		{where: "x.md:11", kind: "query", query: "{ q }", result: map[string]any{"q": 3.0}},
		{where: "x.md:14", kind: "export", path: "/export/deals.csv?company=sega"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
	for _, tt := range []struct {
		got, want string
		ok        bool
	}{
		{`{"a":[1,2,3],"b":"x"}`, `{"a":[1,3]}`, true},
		{`{"a":[1,2,3]}`, `{"a":[3,1]}`, false},
		{`{"a":[{"n":1,"m":2}]}`, `{"a":[{"m":2}]}`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`{"a":null}`, `{"b":null}`, false},
	} {
		var g, w any
		_ = json.Unmarshal([]byte(tt.got), &g)
		_ = json.Unmarshal([]byte(tt.want), &w)
		if d := contains(g, w, "data"); (d == "") != tt.ok {
			t.Errorf("contains(%s, %s) = %q, want ok=%v", tt.got, tt.want, d, tt.ok)
		}
	}
	for v, want := range map[string]bool{`{"a":null,"b":[],"c":{"d":0}}`: true, `{"a":{"b":[1]}}`: false, `{"t":"x"}`: false} {
		var x any
		_ = json.Unmarshal([]byte(v), &x)
		if empty(x) != want {
			t.Errorf("empty(%s) = %v", v, !want)
		}
	}
}

var mdLink = regexp.MustCompile(`\]\(([^)#\s]+)(#[^)]*)?\)`)

// TestReadmeIsAGuide keeps the README a short guide: at most 300 lines,
// every page of docs/ linked from it or from another page, and every
// relative link of the README and docs/ pointing at a file that exists.
func TestReadmeIsAGuide(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(readme, []byte("\n")); n > 300 {
		t.Errorf("README.md has %d lines; keep it at most 300 and move details to docs/", n)
	}
	docs, _ := filepath.Glob("../../docs/*.md")
	var all []byte
	for _, d := range docs {
		b, _ := os.ReadFile(d)
		all = append(all, b...)
	}
	for _, d := range docs {
		name := filepath.Base(d)
		if !bytes.Contains(readme, []byte("(docs/"+name+")")) && !bytes.Contains(all, []byte("("+name)) {
			t.Errorf("neither README.md nor another page of docs/ links %s", strings.TrimPrefix(d, "../../"))
		}
	}
	for _, f := range append([]string{"../../README.md"}, docs...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(f), target)); err != nil {
				t.Errorf("%s links %s, which does not exist", strings.TrimPrefix(f, "../../"), target)
			}
		}
	}
}
