package e2e_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Paths relative to this package's directory, where go test runs.
const (
	repoRoot = ".."
	webDir   = "../web"
	articles = "../examples/articles"
)

// tmpDir holds the binary; TestMain removes it.
var tmpDir string

func TestMain(m *testing.M) {
	var err error
	tmpDir, err = os.MkdirTemp("", "partnergraph-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	code := m.Run()
	shared.stop()
	_ = os.RemoveAll(tmpDir)
	os.Exit(code)
}

// inCI reports whether missing components must fail the tests.
func inCI() bool { return os.Getenv("CI") == "true" }

// need declares that the test uses a real component (for the summary of
// make test, tools/testsummary), and skips the test when ok is false, or
// fails it in CI.
func need(t *testing.T, component string, ok bool, format string, args ...any) {
	t.Helper()
	t.Log("component: " + component)
	if ok {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if inCI() {
		t.Fatalf("CI=true and a required component is missing: %s", msg)
	}
	t.Skipf("skipping: %s", msg)
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds cmd/partnergraph once per test run and returns its path.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binPath = filepath.Join(tmpDir, "partnergraph")
		start := time.Now()
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/partnergraph")
		cmd.Dir = repoRoot
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/partnergraph: %w\n%s", err, out)
			return
		}
		t.Logf("built %s in %v", binPath, time.Since(start).Round(time.Millisecond))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// server is a running `partnergraph serve`.
type server struct {
	// URL is the server's base URL, without a trailing slash.
	URL string
	// EmbedOrigin is a second loopback origin the server allows with
	// --cors-origin, for embedding tests.
	EmbedOrigin string

	cmd  *exec.Cmd
	logs *syncBuffer
	done chan error
}

// syncBuffer is a bytes.Buffer safe for the process's output goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// sharedServer starts one server for the whole package.
type sharedServer struct {
	once sync.Once
	srv  *server
	err  error
}

var shared sharedServer

// get returns the package's server, starting it on first use.
func (s *sharedServer) get(t *testing.T) *server {
	t.Helper()
	s.once.Do(func() {
		bin := binary(t)
		s.srv, s.err = startServer(bin, "--load", articles)
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.srv
}

func (s *sharedServer) stop() {
	if s.srv != nil {
		s.srv.stop()
	}
}

// startServer runs `serve` on a free port with an in-memory store and the
// given extra flags (e.g. --load PATH), and waits until /healthz answers.
func startServer(bin string, flags ...string) (*server, error) {
	port, embedPort, err := twoPorts()
	if err != nil {
		return nil, err
	}
	s := &server{
		URL:         "http://127.0.0.1:" + strconv.Itoa(port),
		EmbedOrigin: "http://127.0.0.1:" + strconv.Itoa(embedPort),
		logs:        &syncBuffer{},
		done:        make(chan error, 1),
	}
	args := append([]string{"serve",
		"--addr", "127.0.0.1:" + strconv.Itoa(port),
		"--data", ":memory:",
		"--cors-origin", s.EmbedOrigin,
		"--log-level", "warn",
	}, flags...)
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s serve: %w", bin, err)
	}
	go func() { s.done <- s.cmd.Wait() }()

	deadline := time.Now().Add(90 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("server exited before it was healthy: %v\n%s", err, s.logs.String())
		default:
		}
		res, err := client.Get(s.URL + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("server not healthy after 90s (last error %v)\n%s", err, s.logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// twoPorts returns two distinct free loopback ports.
func twoPorts() (int, int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	var ports []int
	for range 2 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, 0, fmt.Errorf("find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports[0], ports[1], nil
}

// stop interrupts the server and kills it if it does not exit in time.
func (s *server) stop() {
	if s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// run executes a command with a timeout and returns its stdout and stderr.
func run(t *testing.T, timeout time.Duration, env []string, name string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("%s timed out after %v: %w", name, timeout, err)
	}
	return out.String(), errOut.String(), err
}

// haveNode reports whether node is installed and web/node_modules holds pkg.
func haveNode(pkg string) (bool, string) {
	if _, err := exec.LookPath("node"); err != nil {
		return false, "node is not installed (apt-get install -y nodejs npm)"
	}
	if !exists(filepath.Join(webDir, "node_modules", pkg, "package.json")) {
		return false, "web/node_modules/" + pkg + " is missing (run: cd web && npm ci)"
	}
	return true, ""
}

func TestServerServesPagesAndExports(t *testing.T) {
	s := shared.get(t)
	for _, tt := range []struct{ path, wantType string }{
		{"/", "text/html; charset=utf-8"},
		{"/widget?company=sega", "text/html; charset=utf-8"},
		{"/assets/widget.js", "text/javascript; charset=utf-8"},
		{"/export/graph.json", "application/json"},
		{"/export/deals.csv", "text/csv; charset=utf-8; header=present"},
	} {
		res, err := http.Get(s.URL + tt.path)
		if err != nil {
			t.Fatalf("GET %s: %v", tt.path, err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != tt.wantType {
			t.Errorf("GET %s: %d %q, want 200 %q", tt.path, res.StatusCode, res.Header.Get("Content-Type"), tt.wantType)
		}
	}
}
