package loader_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/loader"
)

// TestPipelineRidesOutAnOutage: writes refused as unavailable are retried
// until the store answers again; the wait and the recovery are logged once
// each, and nothing is lost.
func TestPipelineRidesOutAnOutage(t *testing.T) {
	var logs bytes.Buffer
	w := &fakeWriter{failFor: 3}
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: w, BatchSize: 1,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	rep, err := p.Run(t.Context(), []string{"-"}, strings.NewReader(jsonlOf("a1", "a2")))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if rep.Loaded != 2 || len(w.batches) != 2 {
		t.Errorf("loaded %d in batches %v, want both", rep.Loaded, w.batches)
	}
	text := logs.String()
	if n := strings.Count(text, "store unavailable; retrying the write"); n != 1 {
		t.Errorf("%d lines about the outage, want one:\n%s", n, text)
	}
	if n := strings.Count(text, "store reachable again"); n != 1 || !strings.Contains(text, "level=INFO msg=\"store reachable again") {
		t.Errorf("%d recovery lines, want one at INFO:\n%s", n, text)
	}
}

// TestPipelineSkipsArticlesOverTheirTimeBudget: an article whose
// extraction outlives the budget is named and skipped, and the load goes
// on and finishes.
func TestPipelineSkipsArticlesOverTheirTimeBudget(t *testing.T) {
	long := strings.Repeat("Microsoft agreed to acquire GitHub, the companies said. ", 4000)
	in := `{"id":"long","text":"` + long + `"}` + "\n"
	w := &fakeWriter{}
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: w, ArticleTimeout: time.Microsecond}
	rep, err := p.Run(t.Context(), []string{"-"}, strings.NewReader(in+in[:len(in)-1]+"\n"))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(rep.Skipped) != 2 || !strings.Contains(rep.Skipped[0].Reason, "extraction took longer than its budget of 1µs (--article-timeout)") {
		t.Errorf("skipped %+v, want both articles over budget", rep.Skipped)
	}
}

// blockingReader gives its content, then blocks until closed, as a
// standard input nobody writes to does.
type blockingReader struct {
	r      io.Reader
	closed chan struct{}
}

func (b *blockingReader) Read(p []byte) (int, error) {
	if n, err := b.r.Read(p); n > 0 || !errors.Is(err, io.EOF) {
		return n, err
	}
	<-b.closed
	return 0, io.EOF
}

// TestPipelineStopsWhileTheInputBlocks: cancelling the context stops Run
// at once even though the reader is stuck in a read that never returns.
func TestPipelineStopsWhileTheInputBlocks(t *testing.T) {
	in := &blockingReader{r: strings.NewReader(jsonlOf("a1")), closed: make(chan struct{})}
	defer close(in.closed)
	ctx, cancel := context.WithCancel(t.Context())
	w := &fakeWriter{}
	read := make(chan struct{})
	p := &loader.Pipeline{Extractor: newExtractor(t), Store: w, Observe: func(outcome string) {
		if outcome == "read" {
			close(read)
		}
	}}
	done := make(chan error, 1)
	go func() {
		_, err := p.Run(ctx, []string{"-"}, in)
		done <- err
	}()
	<-read
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run error = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after cancellation while its input blocked")
	}
}
