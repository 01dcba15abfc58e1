package neo4jstore_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// logBuffer collects log output safely from several goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// fastOutages are detection budgets short enough for tests.
var fastOutages = neo4jstore.Config{AcquireTimeout: 2 * time.Second, SuspectAfter: time.Second, ProbeTimeout: 2 * time.Second, ProbeEvery: 200 * time.Millisecond}

// TestFrozenServerFailsFastAndIsLoggedOnce freezes the server (a proxy
// holds every byte, as a stopped process does): a read that would have
// waited its whole 30 s deadline fails as unavailable once the probe
// finds no answer; later reads fail at once with the same clear error;
// the outage is logged once at WARN, and once the server answers again
// the recovery once at INFO.
func TestFrozenServerFailsFastAndIsLoggedOnce(t *testing.T) {
	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t, uri)
	px := neo4jtest.NewProxy(t, uri)
	var logs logBuffer
	cfg := fastOutages
	cfg.URI = px.URI()
	s, err := neo4jstore.Open(t.Context(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Counts(t.Context()); err != nil {
		t.Fatal(err)
	}

	px.Freeze()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	start := time.Now()
	_, err = s.Counts(ctx)
	took := time.Since(start)
	if !errors.Is(err, pg.ErrUnavailable) || !strings.Contains(err.Error(), "has not answered since") {
		t.Fatalf("read on a frozen server: %v, want ErrUnavailable saying since when", err)
	}
	t.Logf("the first read on the frozen server failed after %v", took.Round(time.Millisecond))
	// SuspectAfter + ProbeTimeout, with room for a loaded machine.
	if took > 15*time.Second {
		t.Errorf("the read failed after %v, want well before its 30s deadline", took)
	}
	start = time.Now()
	for range 5 {
		if _, err := s.Deals(ctx, pg.DealQuery{}); !errors.Is(err, pg.ErrUnavailable) {
			t.Fatalf("read during the outage: %v", err)
		}
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("5 reads during a known outage took %v, want them to fail at once", took)
	} else {
		t.Logf("5 reads during the outage failed in %v", took.Round(time.Microsecond))
	}

	px.Restore()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := s.Counts(t.Context()); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the store did not recover within 30s of the server answering")
		}
		time.Sleep(100 * time.Millisecond)
	}
	text := logs.String()
	if n := strings.Count(text, "level=WARN"); n != 1 || !strings.Contains(text, "neo4j does not answer") {
		t.Errorf("%d WARN lines, want one for the outage:\n%s", n, text)
	}
	if n := strings.Count(text, "neo4j answers again"); n != 1 {
		t.Errorf("%d recovery lines, want one:\n%s", n, text)
	}
}

// TestServerRestartMidLoadLosesNothing cuts every connection to the server
// in the middle of a load and refuses new ones for three seconds, as a
// restart does: the loader waits for the server, goes on, and the graph is
// exactly the one an undisturbed load gives.
func TestServerRestartMidLoadLosesNothing(t *testing.T) {
	paths := examples(t)
	s := open(t)
	load(t, s, paths)
	want := dump(t)

	uri := neo4jtest.URI(t)
	neo4jtest.Wipe(t, uri)
	px := neo4jtest.NewProxy(t, uri)
	cfg := fastOutages
	cfg.URI = px.URI()
	var logs logBuffer
	ps, err := neo4jstore.Open(t.Context(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	batches := 0
	p := &loader.Pipeline{Store: ps, BatchSize: 3, Logger: slog.New(slog.NewTextHandler(&logs, nil)), Observe: func(outcome string) {
		if outcome != "loaded" {
			return
		}
		if batches++; batches == 3 { // after the first batch
			px.Drop()
			time.AfterFunc(3*time.Second, px.Restore)
		}
	}}
	rep, err := p.Run(t.Context(), paths, nil)
	if err != nil {
		t.Fatalf("load through a restart: %v\n%s", err, logs.String())
	}
	if len(rep.Skipped) != 0 {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	if d := cmp.Diff(want, dump(t)); d != "" {
		t.Errorf("the graph after a restart mid-load differs (-undisturbed +restarted):\n%s", d)
	}
	if !strings.Contains(logs.String(), "store unavailable; retrying") {
		t.Errorf("the outage was not noticed:\n%s", logs.String())
	}
}

// TestSchemaStepSaysTimedOut: a schema step that runs out of time says it
// timed out, not that the server cannot be reached.
func TestSchemaStepSaysTimedOut(t *testing.T) {
	uri := neo4jtest.URI(t)
	_, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri, SchemaTimeout: time.Nanosecond}, nil)
	if !errors.Is(err, pg.ErrUnavailable) || !strings.Contains(err.Error(), "create schema at "+uri+": timed out after 1ns") ||
		strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("Open with no time for the schema: %v", err)
	}
}
