// Package neo4jtest gives tests a real Neo4j to talk to.
//
// [URI] returns the bolt URI of a server: the one named by the environment
// variable PARTNERGRAPH_TEST_NEO4J_URI (set by `make test`), or else an
// in-process Neo4j started once per test binary from the Maven project in
// tools/neo4j-test-server, when it is built and java is on the PATH. When
// neither is possible the test is skipped, except under CI=true, where it
// fails. Test binaries that use the same server take turns (a file lock), so
// `go test ./...` may run several packages against it.
package neo4jtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// EnvURI names the environment variable holding the bolt URI of the Neo4j
// to test against. When it is set, Neo4j is required.
const EnvURI = "PARTNERGRAPH_TEST_NEO4J_URI"

// startTimeout bounds how long starting the in-process server may take.
const startTimeout = 3 * time.Minute

var (
	once   sync.Once
	uri    string
	skip   string // why Neo4j is unavailable, when uri is ""
	failed bool   // whether the failure is an error rather than an absence

	// server and serverStdin keep the started server alive: closing its
	// standard input (which happens when this process exits) stops it.
	server      *exec.Cmd
	serverStdin io.WriteCloser
)

// URI returns the bolt URI of a Neo4j with authentication off, or skips t
// (fails it under CI=true, or when EnvURI names a server that does not
// answer).
func URI(t testing.TB) string {
	t.Helper()
	t.Log("component: Neo4j") // counted by tools/testsummary in make test
	once.Do(setup)
	if uri == "" {
		if failed || os.Getenv("CI") == "true" {
			t.Fatalf("neo4jtest: Neo4j is required but unavailable: %s", skip)
		}
		t.Skipf("neo4jtest: no Neo4j (%s); run `make neo4j-up` and set %s, or build tools/neo4j-test-server", skip, EnvURI)
	}
	return uri
}

func setup() {
	if u := os.Getenv(EnvURI); u != "" {
		if err := ping(u); err != nil {
			skip, failed = fmt.Sprintf("%s=%s does not answer: %v", EnvURI, u, err), true
			return
		}
		lockServer(u)
		uri = u
		return
	}
	u, err := start()
	if err != nil {
		skip = err.Error()
		failed = !errors.Is(err, errNotBuilt)
		return
	}
	uri = u
}

// errNotBuilt means the in-process server cannot be started on this machine.
var errNotBuilt = errors.New("not built")

// start launches the in-process server and returns its bolt URI.
func start() (string, error) {
	dir, err := serverDir()
	if err != nil {
		return "", err
	}
	classes := filepath.Join(dir, "target", "classes", "partnergraph", "tools", "Neo4jTestServer.class")
	if _, err := os.Stat(classes); err != nil {
		return "", fmt.Errorf("%s is not built (make neo4j-build): %w", dir, errNotBuilt)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return "", fmt.Errorf("java not found: %w", errNotBuilt)
	}
	log, err := os.CreateTemp("", "neo4j-test-server-*.log")
	if err != nil {
		return "", err
	}
	cmd := exec.Command(java,
		"-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/java.lang=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-Dio.netty.tryReflectionSetAccessible=true",
		"-cp", filepath.Join(dir, "target", "classes")+string(os.PathListSeparator)+filepath.Join(dir, "target", "dependency", "*"),
		"partnergraph.tools.Neo4jTestServer", "0")
	cmd.Stderr = log
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start %s: %w", java, err)
	}
	server, serverStdin = cmd, stdin

	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "BOLT "); ok {
				found <- u
				break
			}
		}
		close(found)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case u, ok := <-found:
		if ok {
			return u, nil
		}
		_ = cmd.Wait()
		return "", fmt.Errorf("neo4j test server exited before printing its URI; log: %s", log.Name())
	case <-time.After(startTimeout):
		_ = cmd.Process.Kill()
		return "", fmt.Errorf("neo4j test server printed no URI within %s; log: %s", startTimeout, log.Name())
	}
}

// serverDir finds tools/neo4j-test-server above the working directory.
func serverDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "tools", "neo4j-test-server")
		if _, err := os.Stat(filepath.Join(p, "pom.xml")); err == nil {
			return p, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("tools/neo4j-test-server not found above %s: %w", wd, errNotBuilt)
		}
	}
}

// ping checks that a server answers at u.
func ping(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	d, err := neo4j.NewDriverWithContext(u, neo4j.NoAuth())
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	return d.VerifyConnectivity(ctx)
}

// Wipe deletes every node and relationship of the server at u, keeping the
// schema. Tests call it before using a store so each starts empty.
func Wipe(t testing.TB, u string) {
	t.Helper()
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(u, neo4j.NoAuth())
	if err != nil {
		t.Fatalf("neo4jtest: wipe: %v", err)
	}
	defer d.Close(ctx)
	// CALL … IN TRANSACTIONS needs an auto-commit transaction: session.Run.
	session := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	res, err := session.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		t.Fatalf("neo4jtest: wipe: %v", err)
	}
}
