package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	pg "github.com/partnergraph/partnergraph"
)

// health tracks whether the server answers. A store call that fails as
// unavailable, times out, or is still running after suspectAfter makes the
// server suspect, and a probe (a connection borrowed and checked with a
// RESET, bounded by probeTimeout) settles it: if the probe fails, the
// server is down: the outage is logged once at WARN, the calls in flight
// are cancelled and every new call fails at once with one clear error
// until a probe, repeated every probeEvery, succeeds; the recovery is then
// logged once at INFO.
type health struct {
	s *Store
	// probe checks the server; the Store's probe by default.
	probe func(ctx context.Context) error

	suspectAfter, probeTimeout, probeEvery time.Duration

	mu      sync.Mutex
	down    bool
	probing bool
	since   time.Time // when the outage began
	cause   string    // why the server was found down, one line
	calls   map[*call]struct{}
	closed  bool
	stop    chan struct{}
}

// call is one store call in flight.
type call struct {
	cancel context.CancelCauseFunc
	timer  *time.Timer
}

func newHealth(s *Store, cfg Config) *health {
	h := &health{
		s:            s,
		suspectAfter: cfg.SuspectAfter,
		probeTimeout: cfg.ProbeTimeout,
		probeEvery:   cfg.ProbeEvery,
		calls:        map[*call]struct{}{},
		stop:         make(chan struct{}),
	}
	h.probe = func(ctx context.Context) error { return s.driver.VerifyConnectivity(ctx) }
	return h
}

// errOutage is the cause given to calls cancelled by an outage.
var errOutage = errors.New("neo4j outage")

// begin starts a call: it fails at once while the server is down, and
// otherwise returns the call's context, cancelled if an outage is found
// while it runs, and the function that ends the call.
func (h *health) begin(ctx context.Context, what string) (context.Context, func(), error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down {
		return nil, nil, h.outageError(what)
	}
	cctx, cancel := context.WithCancelCause(ctx)
	c := &call{cancel: cancel}
	c.timer = time.AfterFunc(h.suspectAfter, func() { h.suspect("a call took longer than " + h.suspectAfter.String()) })
	h.calls[c] = struct{}{}
	return cctx, func() {
		c.timer.Stop()
		h.mu.Lock()
		delete(h.calls, c)
		h.mu.Unlock()
		cancel(nil)
	}, nil
}

// outageError is the error of every call while the server is down. The
// caller holds mu.
func (h *health) outageError(what string) error {
	return fmt.Errorf("neo4jstore: %s: the server at %s has not answered since %s (%s): %w",
		what, h.s.uri, h.since.Format(time.TimeOnly), h.cause, pg.ErrUnavailable)
}

// end looks at the error of a finished call: a call cancelled by an outage
// gets the outage's error; one that failed as unavailable or timed out
// makes the server suspect.
func (h *health) end(cctx context.Context, what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(context.Cause(cctx), errOutage) {
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.outageError(what)
	}
	if errors.Is(err, pg.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		h.suspect(oneLine(err))
	}
	return err
}

// suspect starts a probe unless one runs or the server is known down.
func (h *health) suspect(why string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.probing || h.down || h.closed {
		return
	}
	h.probing = true
	go h.probeLoop(why)
}

// probeLoop probes the server until it answers: the first failure marks
// the outage, the first success after it the recovery.
func (h *health) probeLoop(why string) {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), h.probeTimeout)
		err := h.probe(ctx)
		cancel()
		h.mu.Lock()
		if err == nil || h.closed {
			if h.down && err == nil {
				h.s.logger.Info("neo4j answers again; store calls resume", "uri", h.s.uri, "outage", time.Since(h.since).Round(time.Millisecond))
			}
			h.down, h.probing = false, false
			h.mu.Unlock()
			return
		}
		if !h.down {
			h.down, h.since = true, time.Now()
			h.cause = oneLine(h.s.unavailable(err))
			if errors.Is(err, context.DeadlineExceeded) {
				h.cause = "no answer within " + h.probeTimeout.String()
			}
			h.s.logger.Warn("neo4j does not answer; store calls fail at once until it does", "uri", h.s.uri,
				"cause", h.cause, "noticed", why)
			for c := range h.calls {
				c.cancel(errOutage)
			}
		}
		h.mu.Unlock()
		select {
		case <-time.After(h.probeEvery):
		case <-h.stop:
			h.mu.Lock()
			h.probing = false
			h.mu.Unlock()
			return
		}
	}
}

// close stops probing.
func (h *health) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.stop)
	}
}
