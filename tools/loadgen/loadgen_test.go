package main

// The tests are in package main because a command cannot be imported.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of 1..100", ms(hundred...), 50, 50 * time.Millisecond},
		{"p90 of 1..100", ms(hundred...), 90, 90 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 99, 99 * time.Millisecond},
		{"max of 1..100", ms(hundred...), 100, 100 * time.Millisecond},
		{"nearest rank rounds up", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"nearest rank of 5", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"p99 of 10 is the max", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"tiny p is the min", ms(4, 5, 6), 0.1, 4 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	var samples []sample
	for i := 100; i >= 1; i-- { // unsorted on purpose
		s := sample{latency: time.Duration(i) * time.Millisecond, bytes: 10}
		if i%25 == 0 {
			s.fail = "status 500: boom"
		}
		samples = append(samples, s)
	}
	got := summarize(Config{URL: "http://127.0.0.1/graphql", Rate: 50}, samples, 2*time.Second)
	want := Result{
		URL: "http://127.0.0.1/graphql", Rate: 50, Duration: 2, Requests: 100,
		Errors: 4, ErrorKinds: map[string]int{"status 500: boom": 4}, FirstError: "status 500: boom",
		Achieved: 50, P50: 50, P90: 90, P99: 99, Max: 100, Mean: 50.5, BytesPerReq: 10,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summarize mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckLoopbackURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080/graphql", true},
		{"http://127.1.2.3/graphql", true},
		{"https://localhost:8443/graphql", true},
		{"http://LOCALHOST/graphql", true},
		{"http://[::1]:8080/graphql", true},
		{"http://[::ffff:127.0.0.1]:8080/graphql", true},
		{"http://10.0.0.1:8080/graphql", false},
		{"http://0.0.0.0:8080/graphql", false},
		{"http://192.168.1.1/graphql", false},
		{"http://example.com/graphql", false},
		{"http://127.0.0.1.nip.io/graphql", false},
		{"http://localhost.example.com/graphql", false},
		{"http://[::2]/graphql", false},
		{"ftp://127.0.0.1/graphql", false},
		{"127.0.0.1:8080/graphql", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			err := checkLoopbackURL(tt.url)
			if (err == nil) != tt.ok {
				t.Errorf("checkLoopbackURL(%q) = %v, want ok=%v", tt.url, err, tt.ok)
			}
		})
	}
}

func TestLoopbackOnlyDial(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:80": true, "[::1]:80": true,
		"10.1.2.3:80": false, "93.184.216.34:443": false, "[2001:db8::1]:80": false,
	} {
		err := loopbackOnly("tcp", addr, nil)
		if (err == nil) != ok {
			t.Errorf("loopbackOnly(%q) = %v, want ok=%v", addr, err, ok)
		}
		if err != nil && !errors.Is(err, errNotLoopback) {
			t.Errorf("loopbackOnly(%q) = %v, want errNotLoopback", addr, err)
		}
	}
}

// TestRunRefusesNonLoopback checks that Run itself, not only the flag
// parsing, refuses a remote target before sending anything.
func TestRunRefusesNonLoopback(t *testing.T) {
	_, err := Run(t.Context(), Config{
		URL: "http://192.0.2.1/graphql", Rate: 10, Duration: time.Second,
		Timeout: time.Second, MaxInFlight: 1,
	})
	if !errors.Is(err, errNotLoopback) {
		t.Fatalf("Run to 192.0.2.1 = %v, want errNotLoopback", err)
	}
}

// recorder is a GraphQL stand-in that records when each request arrived.
type recorder struct {
	mu     sync.Mutex
	times  []time.Time
	bodies [][]byte
	delay  time.Duration
	reply  string
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.times = append(rec.times, time.Now())
	rec.bodies = append(rec.bodies, body)
	rec.mu.Unlock()
	time.Sleep(rec.delay)
	w.Header().Set("Content-Type", "application/graphql-response+json")
	io.WriteString(w, rec.reply)
}

func TestRunKeepsTheRate(t *testing.T) {
	rec := &recorder{reply: `{"data":{"counts":{"nodes":3}}}`}
	srv := httptest.NewServer(rec)
	defer srv.Close()

	const rate, dur = 200.0, time.Second
	start := time.Now()
	res, err := Run(t.Context(), Config{
		URL: srv.URL, Body: []byte(`{"query":"{ counts { nodes } }"}`),
		Rate: rate, Duration: dur, Timeout: time.Second, MaxInFlight: 64,
	})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 200 || len(rec.times) != 200 {
		t.Fatalf("sent %d, server saw %d; want 200 each", res.Requests, len(rec.times))
	}
	if res.Errors != 0 {
		t.Errorf("errors = %d (%v), want 0", res.Errors, res.ErrorKinds)
	}
	if elapsed < 990*time.Millisecond || elapsed > 2*time.Second {
		t.Errorf("run took %v, want about %v", elapsed, dur)
	}
	// The arrivals are spread evenly: each quarter of the run gets about a
	// quarter of the requests (a burst at the start would fail this). The
	// margin allows for a busy machine delaying some sends.
	first := rec.times[0]
	var quarters [4]int
	for _, at := range rec.times {
		q := min(int(at.Sub(first)/(dur/4)), 3)
		quarters[q]++
	}
	for q, n := range quarters {
		if n < 30 || n > 70 {
			t.Errorf("quarter %d got %d requests, want about 50 (all: %v)", q, n, quarters)
		}
	}
	if !bytes.Equal(rec.bodies[0], []byte(`{"query":"{ counts { nodes } }"}`)) {
		t.Errorf("body = %s", rec.bodies[0])
	}
	if res.P99 <= 0 || res.P50 > res.P99 || res.P99 > res.Max {
		t.Errorf("percentiles out of order: p50 %v p99 %v max %v", res.P50, res.P99, res.Max)
	}
}

// TestRunIsOpenLoop checks that a slow server does not slow the schedule:
// with 50 ms per answer, 100 requests/s for half a second still sends 50
// requests in about half a second, and latency includes the server's time.
func TestRunIsOpenLoop(t *testing.T) {
	rec := &recorder{reply: `{"data":{}}`, delay: 50 * time.Millisecond}
	srv := httptest.NewServer(rec)
	defer srv.Close()

	res, err := Run(t.Context(), Config{
		URL: srv.URL, Body: []byte(`{"query":"{a}"}`),
		Rate: 100, Duration: 500 * time.Millisecond, Timeout: time.Second, MaxInFlight: 64,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 50 {
		t.Fatalf("requests = %d, want 50", res.Requests)
	}
	rec.mu.Lock()
	span := rec.times[len(rec.times)-1].Sub(rec.times[0])
	rec.mu.Unlock()
	if span > time.Second {
		t.Errorf("requests spread over %v, want about 500ms (a closed loop would need 2.5s)", span)
	}
	if res.P50 < 50 {
		t.Errorf("p50 = %vms, want at least the server's 50ms", res.P50)
	}
}

// TestRunCountsFailures checks the error classes: GraphQL errors, bad
// statuses and requests beyond the in-flight bound.
func TestRunCountsFailures(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) % 3 {
		case 0:
			io.WriteString(w, `{"errors":[{"message":"no such field"}]}`)
		case 1:
			http.Error(w, "bad gateway", http.StatusBadGateway)
		default:
			io.WriteString(w, `{"data":{"x":1}}`)
		}
	}))
	defer srv.Close()
	res, err := Run(t.Context(), Config{
		URL: srv.URL, Body: []byte(`{}`), Rate: 300, Duration: 100 * time.Millisecond,
		Timeout: time.Second, MaxInFlight: 64,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"graphql: no such field": 10, "status 502: bad gateway": 10}
	if diff := cmp.Diff(want, res.ErrorKinds); diff != "" || res.Errors != 20 || res.Requests != 30 {
		t.Errorf("requests %d, errors %d, kinds mismatch (-want +got):\n%s", res.Requests, res.Errors, diff)
	}

	stall := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-stall
		io.WriteString(w, `{"data":{}}`)
	}))
	defer slow.Close()
	defer close(stall)
	// The two requests in flight are held until every other one is due.
	go func() { time.Sleep(time.Second); stall <- struct{}{}; stall <- struct{}{} }()
	res, err = Run(t.Context(), Config{
		URL: slow.URL, Body: []byte(`{}`), Rate: 100, Duration: 100 * time.Millisecond,
		Timeout: time.Second, MaxInFlight: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 10 || res.ErrorKinds["too many in flight"] != 8 {
		t.Errorf("requests %d, kinds %v; want 10 with 8 too many in flight", res.Requests, res.ErrorKinds)
	}
	// The 8 not sent count as taking the whole timeout, so the median is
	// the timeout, not the near-zero time it took to give up on them.
	if res.P50 != 1000 {
		t.Errorf("p50 = %vms, want the 1000ms timeout", res.P50)
	}
}

func TestRunCommand(t *testing.T) {
	rec := &recorder{reply: `{"data":{"company":{"id":"sega"}}}`}
	srv := httptest.NewServer(rec)
	defer srv.Close()

	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{
		"-url", srv.URL + "/graphql", "-rate", "100", "-duration", "200ms", "-name", "q1",
		"-query", "query Q($id: ID!) { company(id: $id) { id } }", "-variables", `{"id":"sega"}`,
		"-json", "-",
	}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v; stderr: %s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "q1: 20 requests") {
		t.Fatalf("stdout = %q, want a summary line starting %q and a JSON line", stdout.String(), "q1: 20 requests")
	}
	var got struct {
		Name     string `json:"name"`
		Requests int    `json:"requests"`
		Errors   int    `json:"errors"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &got); err != nil {
		t.Fatalf("JSON line %q: %v", lines[1], err)
	}
	if got.Name != "q1" || got.Requests != 20 || got.Errors != 0 {
		t.Errorf("JSON = %+v", got)
	}
	var body map[string]any
	if err := json.Unmarshal(rec.bodies[0], &body); err != nil {
		t.Fatal(err)
	}
	wantBody := map[string]any{
		"query":     "query Q($id: ID!) { company(id: $id) { id } }",
		"variables": map[string]any{"id": "sega"},
	}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("request body mismatch (-want +got):\n%s", diff)
	}

	for _, args := range [][]string{
		{"-url", "http://203.0.113.5/graphql", "-query", "{a}"},
		{"-query", "{a}", "-rate", "0"},
		{"-query", "{a}", "-duration", "11m"},
		{"-query", "{a}", "-variables", "[1]"},
		{},
	} {
		err := run(t.Context(), args, io.Discard, io.Discard)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}

func TestParseStatCPU(t *testing.T) {
	tests := []struct {
		name string
		stat string
		want time.Duration
		ok   bool
	}{
		{"plain", "4242 (partnergraph) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 130 0 0 20 0 9 0 100 0 0",
			3800 * time.Millisecond, true},
		{"name with spaces and parens", "7 (java (main) x) R 1 7 7 0 -1 0 0 0 0 0 1 2 0 0 20 0 1 0 5 0 0",
			30 * time.Millisecond, true},
		{"truncated", "7 (x) R 1 7", 0, false},
		{"no name", "garbage", 0, false},
		{"not a number", "7 (x) R 1 7 7 0 -1 0 0 0 0 0 a 2 0", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatCPU(tt.stat)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("parseStatCPU = %v, %v; want %v, ok=%v", got, err, tt.want, tt.ok)
			}
		})
	}
}

// TestRunReportsProbes checks that probes are read around the measured
// part only and reported per request.
func TestRunReportsProbes(t *testing.T) {
	srv := httptest.NewServer(&recorder{reply: `{"data":{}}`})
	defer srv.Close()
	var reads atomic.Int64
	probe := Probe{Name: "fake", Read: func() (time.Duration, error) {
		// 0 before the run, 50ms after it.
		return time.Duration(reads.Add(1)-1) * 50 * time.Millisecond, nil
	}}
	res, err := Run(t.Context(), Config{
		URL: srv.URL, Body: []byte(`{}`), Rate: 100, Duration: 100 * time.Millisecond,
		Warmup: 50 * time.Millisecond, Timeout: time.Second, MaxInFlight: 8, Probes: []Probe{probe},
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]float64{"fake": 5}, res.CPUPerReq); diff != "" || reads.Load() != 2 {
		t.Errorf("probe read %d times; CPU per request mismatch (-want +got):\n%s", reads.Load(), diff)
	}
	if !strings.Contains(res.String(), "fake CPU 5.00ms/request") {
		t.Errorf("summary %q lacks the probe", res.String())
	}

	// The real probe reads this test process (Linux only).
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	p := processCPU("self", os.Getpid())
	if d, err := p.Read(); err != nil || d < 0 {
		t.Errorf("processCPU(self) = %v, %v", d, err)
	}
}

func TestVariablesFileCyclesThroughInputs(t *testing.T) {
	rec := &recorder{reply: `{"data":{"company":{"id":"x"}}}`}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "vars.jsonl")
	if err := os.WriteFile(file, []byte("{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-url", srv.URL, "-rate", "200", "-n", "7", "-duration", "1s",
		"-query", "query ($id: ID!) { company(id: $id) { id } }", "-variables-file", file}
	if err := run(t.Context(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var got []string
	for _, b := range rec.bodies {
		var body struct{ Variables struct{ ID string } }
		if err := json.Unmarshal(b, &body); err != nil {
			t.Fatal(err)
		}
		got = append(got, body.Variables.ID)
	}
	// Requests run concurrently, so the server may see them out of order.
	slices.Sort(got)
	if want := []string{"a", "a", "a", "b", "b", "c", "c"}; !slices.Equal(got, want) {
		t.Errorf("variables sent = %q, want %q", got, want)
	}

	for _, args := range [][]string{
		{"-query", "{a}", "-variables", "{}", "-variables-file", file},
		{"-query", "{a}", "-variables-file", filepath.Join(t.TempDir(), "none")},
	} {
		var u usageError
		if err := run(t.Context(), args, io.Discard, io.Discard); !errors.As(err, &u) {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}
