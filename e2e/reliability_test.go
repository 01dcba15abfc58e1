//go:build unix

package e2e_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/export"
	"github.com/partnergraph/partnergraph/graph/graphtest"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// exitCode returns the exit status of a finished command, or -1.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err == nil {
		return 0
	}
	return -1
}

// goodArticle is a text article the loader reads; n makes it unique.
func goodArticle(n int) string {
	return fmt.Sprintf("Story %d\n\nMicrosoft agreed to acquire GitHub for $7.5 billion, the companies said in report %d.\n", n, n)
}

// badDirectory builds a directory holding every kind of bad input beside
// good articles, and returns it with the bad inputs' names and the number
// of good articles.
func badDirectory(t *testing.T) (dir string, bad []string, good int) {
	t.Helper()
	dir = t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		write(fmt.Sprintf("good-%d.txt", i), goodArticle(i))
		good++
	}
	// A named pipe nobody writes to: opening it for reading blocks.
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A link to a device that never ends.
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	// A 200 MB text file (sparse: nothing to write, everything to read).
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Binary content under a known extension.
	junk := make([]byte, 32<<10)
	for i := range junk {
		junk[i] = byte(i*7919 + i>>3)
	}
	write("junk.html", string(junk))
	// A JSONL line over the article limit between good lines.
	long := `{"id":"long","text":"` + strings.Repeat("Microsoft and Sony. ", (4<<20)/20+1) + `"}`
	write("lines.jsonl", fmt.Sprintf(`{"id":"line-1","text":%q}`, goodArticle(10))+"\n"+long+"\n"+
		fmt.Sprintf(`{"id":"line-3","text":%q}`, goodArticle(11))+"\n")
	good += 2
	// A symbolic link to a directory of good articles: followed.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "linked.txt"), []byte(goodArticle(20)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(dir, "more")); err != nil {
		t.Fatal(err)
	}
	good++
	bad = []string{"pipe.txt", "zero.txt", "huge.txt", "junk.html", "lines.jsonl:2"}
	return dir, bad, good
}

// TestLoadBadDirectory loads a directory with a FIFO, a link to /dev/zero,
// a 200 MB file, a binary .html and an over-long JSONL line beside good
// articles and a symlinked directory: every good article loads, every bad
// input is named with its reason, the load finishes, and it exits with
// status 3 (0 with --allow-skips).
func TestLoadBadDirectory(t *testing.T) {
	bin := binary(t)
	dir, bad, good := badDirectory(t)
	data := filepath.Join(t.TempDir(), "pg.db")
	stdout, stderr, err := run(t, 3*time.Minute, nil, bin, "load", "--data", data, dir)
	if code := exitCode(err); code != 3 {
		t.Fatalf("load exited with %v (status %d), want status 3\nstdout:\n%s\nstderr:\n%s", err, code, stdout, stderr)
	}
	if want := fmt.Sprintf("articles read: %d, loaded: %d, skipped: %d", good, good, len(bad)); !strings.Contains(stdout, want) {
		t.Errorf("summary lacks %q:\n%s", want, stdout)
	}
	reasons := map[string]string{
		"pipe.txt":      "not a regular file (a named pipe)",
		"zero.txt":      "not a regular file (a character device)",
		"huge.txt":      "over the limit of 32 MiB (--max-file-bytes)",
		"junk.html":     "binary content",
		"lines.jsonl:2": "over the limit of 4 MiB (--max-article-bytes)",
	}
	for _, name := range bad {
		if want := "skipped " + filepath.Join(dir, name) + ": "; !strings.Contains(stdout, want) || !strings.Contains(stdout, reasons[name]) {
			t.Errorf("output does not name %s with %q:\n%s", name, reasons[name], stdout)
		}
	}
	if !strings.Contains(stderr, fmt.Sprintf("%d input(s) skipped", len(bad))) {
		t.Errorf("stderr does not say inputs were skipped:\n%s", stderr)
	}
	stdout, stderr, err = run(t, 3*time.Minute, nil, bin, "load", "--allow-skips", "--data", data, dir)
	if err != nil {
		t.Errorf("load --allow-skips: %v\n%s\n%s", err, stdout, stderr)
	}
}

// TestLoadStopsOnSIGTERM: a load waiting on a standard input that never
// ends stops within a second of SIGTERM (2 s allowed for a loaded
// machine), keeping what it wrote.
func TestLoadStopsOnSIGTERM(t *testing.T) {
	bin := binary(t)
	data := filepath.Join(t.TempDir(), "pg.db")
	cmd := exec.Command(bin, "load", "--data", data, "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	fmt.Fprintf(stdin, `{"id":"a1","text":%q}`+"\n", goodArticle(1))
	// The store file exists once the command runs, signal handling set up.
	waitFor(t, 30*time.Second, func() bool { _, err := os.Stat(data); return err == nil })
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		took := time.Since(start)
		t.Logf("load stopped %v after SIGTERM: %v", took.Round(time.Millisecond), err)
		if took > 2*time.Second {
			t.Errorf("load took %v to stop after SIGTERM, want about a second at most", took)
		}
		if code := exitCode(err); code != 1 || !strings.Contains(out.String(), "interrupted") {
			t.Errorf("exit status %d, output:\n%s", code, out.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("load ignored SIGTERM for 30s:\n%s", out.String())
	}
}

// TestSecondSignalExitsAtOnce: serve drains its requests after a first
// SIGTERM; a second one exits at once even while an export is stuck on a
// client that reads nothing.
func TestSecondSignalExitsAtOnce(t *testing.T) {
	bin := binary(t)
	data := syntheticStore(t, 2000, 20000)
	s, err := startServer(bin, "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()
	// A client that asks for a big export and never reads it.
	conn := stalledExport(t, s.URL, "/export/graph.json?limit=20000")
	defer conn.Close()
	time.Sleep(500 * time.Millisecond)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		s.done <- err // for s.stop
		t.Fatalf("serve exited on the first signal with a request in flight (%v); want it to drain", err)
	case <-time.After(time.Second):
	}
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		s.done <- err // for s.stop
		took := time.Since(start)
		t.Logf("serve exited %v after the second signal", took.Round(time.Millisecond))
		if took > 2*time.Second || exitCode(err) != 1 {
			t.Errorf("second signal: exit %v after %v, want status 1 at once", err, took)
		}
		if !strings.Contains(s.logs.String(), "exiting at once") {
			t.Errorf("logs:\n%s", s.logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve ignored a second SIGTERM")
	}
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syntheticStore writes a synthetic graph of companies and deals into an
// embedded store file and returns its path.
func syntheticStore(t *testing.T, companies, deals int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "synthetic.db")
	s, err := memstore.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(t.Context(), graphtest.Synthetic(companies, deals, 7)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// stalledExport sends a GET for path on a connection with a tiny receive
// buffer and returns the connection without reading the answer.
func stalledExport(t *testing.T, base, path string) net.Conn {
	t.Helper()
	addr := strings.TrimPrefix(base, "http://")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.(*net.TCPConn).SetReadBuffer(4 << 10)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)
	return c
}

// vmKB reads a field of /proc/PID/status in kB.
func vmKB(t *testing.T, pid int, field string) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("read status of %d: %v", pid, err)
	}
	m := regexp.MustCompile(`(?m)^` + field + `:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("no %s in /proc/%d/status", field, pid)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestSlowExportReadersKeepMemoryFlat opens 300 exports of a 20,000-deal
// graph at once and reads them slowly (1 KiB every 100 ms through a 4 KiB
// receive buffer): exports stream, at most four at a time (the others get
// 429 with Retry-After), and the server's peak RSS stays under 300 MB.
// Before exports streamed, 300 such readers took the server from 93 MB
// to 5.1 GB, and the memory stayed.
func TestSlowExportReadersKeepMemoryFlat(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc")
	}
	bin := binary(t)
	data := syntheticStore(t, 5000, 20000)
	s, err := startServer(bin, "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()
	pid := s.cmd.Process.Pid
	// Warm up: one export read in full.
	res, err := http.Get(s.URL + "/export/graph.json")
	if err != nil {
		t.Fatal(err)
	}
	full, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || len(full) < 2<<20 {
		t.Fatalf("warm-up export: status %d, %d bytes", res.StatusCode, len(full))
	}
	before := vmKB(t, pid, "VmRSS")

	const readers = 300
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		retry    = 0
		read     int64
	)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, hasRetry, n := slowRead(ctx, s.URL, "/export/graph.json")
			mu.Lock()
			statuses[status]++
			if hasRetry {
				retry++
			}
			read += n
			mu.Unlock()
		}()
	}
	peak := 0
	sample := time.NewTicker(200 * time.Millisecond)
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case <-sample.C:
			peak = max(peak, vmKB(t, pid, "VmRSS"))
		}
	}
	sample.Stop()
	wg.Wait()
	hwm := vmKB(t, pid, "VmHWM")
	t.Logf("RSS before %d MB, peak sampled %d MB, high-water mark %d MB; statuses %v (%d with Retry-After); %d KB read",
		before>>10, peak>>10, hwm>>10, statuses, retry, read>>10)
	if hwm > 300<<10 {
		t.Errorf("peak RSS %d MB with %d slow export readers, want under 300 MB", hwm>>10, readers)
	}
	if statuses[http.StatusOK] == 0 || statuses[http.StatusOK] > export.DefaultMaxConcurrent {
		t.Errorf("%d exports streamed at once, want 1 to %d", statuses[http.StatusOK], export.DefaultMaxConcurrent)
	}
	if refused := statuses[http.StatusTooManyRequests] + statuses[http.StatusServiceUnavailable]; refused+statuses[http.StatusOK] != readers || retry != refused {
		t.Errorf("statuses %v, %d with Retry-After: want the rest refused with Retry-After", statuses, retry)
	}
	// The server still answers, and memory came back down.
	res, err = http.Get(s.URL + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz after the readers: %v %v", res, err)
	}
	res.Body.Close()
}

// slowRead GETs path and reads the answer 1 KiB every 100 ms until ctx
// ends. It returns the status, whether Retry-After was set and the bytes
// read.
func slowRead(ctx context.Context, base, path string) (status int, retryAfter bool, read int64) {
	addr := strings.TrimPrefix(base, "http://")
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return -1, false, 0
	}
	defer c.Close()
	_ = c.(*net.TCPConn).SetReadBuffer(4 << 10)
	go func() {
		<-ctx.Done()
		c.Close()
	}()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, addr)
	br := bufio.NewReaderSize(c, 1<<10)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		return -2, false, 0
	}
	defer res.Body.Close()
	buf := make([]byte, 1<<10)
	for {
		n, err := res.Body.Read(buf)
		read += int64(n)
		if err != nil {
			break
		}
		select {
		case <-ctx.Done():
			return res.StatusCode, res.Header.Get("Retry-After") != "", read
		case <-time.After(100 * time.Millisecond):
		}
	}
	return res.StatusCode, res.Header.Get("Retry-After") != "", read
}

// graphOf returns the node-link export of the embedded store at path, the
// whole graph, as bytes: two stores with the same graph give the same
// bytes.
func graphOf(t *testing.T, r pg.Reader) []byte {
	t.Helper()
	g, err := export.Collect(t.Context(), r, export.Request{Limit: export.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.WriteNodeLink(&b, g, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func embeddedGraph(t *testing.T, path string) []byte {
	t.Helper()
	s, err := memstore.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return graphOf(t, s)
}

// killMidLoad starts `load args...` with debug logs, kills it with SIGKILL
// once it has written two batches, and reports whether it was still
// running then.
func killMidLoad(t *testing.T, bin string, args ...string) bool {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"load", "--log-level", "debug", "--batch", "5"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	batches := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "batch written") {
			if batches++; batches == 2 {
				break
			}
		}
	}
	killed := batches == 2 && cmd.Process.Signal(syscall.SIGKILL) == nil
	go io.Copy(io.Discard, stderr)
	_ = cmd.Wait()
	return killed
}

// TestKillDashNineMidLoadThenRerun kills the loader with SIGKILL in the
// middle of a load into the embedded store and loads again: the graph is
// byte for byte the one a single undisturbed load gives.
func TestKillDashNineMidLoadThenRerun(t *testing.T) {
	bin := binary(t)
	input := corpusInput(t)
	clean := filepath.Join(t.TempDir(), "clean.db")
	if out, errOut, err := run(t, 5*time.Minute, nil, bin, "load", "--allow-skips", "--batch", "5", "--data", clean, input); err != nil {
		t.Fatalf("clean load: %v\n%s\n%s", err, out, errOut)
	}
	killedDB := filepath.Join(t.TempDir(), "killed.db")
	if !killMidLoad(t, bin, "--data", killedDB, input) {
		t.Fatal("the load finished before it could be killed")
	}
	if out, errOut, err := run(t, 5*time.Minute, nil, bin, "load", "--allow-skips", "--batch", "5", "--data", killedDB, input); err != nil {
		t.Fatalf("rerun: %v\n%s\n%s", err, out, errOut)
	}
	want, got := embeddedGraph(t, clean), embeddedGraph(t, killedDB)
	if !bytes.Equal(want, got) {
		t.Errorf("after kill -9 and a rerun the graph differs from a clean load (%d vs %d bytes)", len(got), len(want))
	}
}

// corpusInput is the labelled corpus when ../shared is there (fails in CI
// when it is not), else the sample articles.
func corpusInput(t *testing.T) string {
	t.Helper()
	dev := filepath.Join(repoRoot, "..", "shared", "corpus", "dev.jsonl")
	if exists(dev) {
		return dev
	}
	if inCI() {
		t.Fatalf("CI=true and the shared corpus is missing at %s", dev)
	}
	return articles // the sample articles stand in
}

// TestKillDashNineMidLoadOnNeo4j does the same on a real Neo4j: the graph
// after a killed load and a rerun is byte for byte the one a clean load
// gives, and the one the embedded store gives.
func TestKillDashNineMidLoadOnNeo4j(t *testing.T) {
	bin := binary(t)
	input := corpusInput(t)
	uri := neo4jtest.URI(t)
	neo4jArgs := []string{"--store", "neo4j", "--neo4j-uri", uri}
	loadNeo4j := func() {
		t.Helper()
		args := append([]string{"load", "--allow-skips", "--batch", "5"}, neo4jArgs...)
		if out, errOut, err := run(t, 10*time.Minute, nil, bin, append(args, input)...); err != nil {
			t.Fatalf("load: %v\n%s\n%s", err, out, errOut)
		}
	}
	neo4jGraph := func() []byte {
		t.Helper()
		s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		return graphOf(t, s)
	}
	neo4jtest.Wipe(t, uri)
	loadNeo4j()
	want := neo4jGraph()

	neo4jtest.Wipe(t, uri)
	if !killMidLoad(t, bin, append(neo4jArgs, input)...) {
		t.Fatal("the load finished before it could be killed")
	}
	loadNeo4j()
	if got := neo4jGraph(); !bytes.Equal(want, got) {
		t.Errorf("after kill -9 and a rerun the Neo4j graph differs from a clean load (%d vs %d bytes)", len(got), len(want))
	}
	clean := filepath.Join(t.TempDir(), "clean.db")
	if out, errOut, err := run(t, 5*time.Minute, nil, bin, "load", "--allow-skips", "--batch", "5", "--data", clean, input); err != nil {
		t.Fatalf("embedded load: %v\n%s\n%s", err, out, errOut)
	}
	if embedded := embeddedGraph(t, clean); !bytes.Equal(want, embedded) {
		t.Errorf("the Neo4j graph differs from the embedded store's (%d vs %d bytes)", len(want), len(embedded))
	}
}
