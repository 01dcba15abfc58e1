package graph

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Limits of the live deal events.
const (
	// DefaultMaxSubscriptions bounds the subscriptions open at once.
	DefaultMaxSubscriptions = 256
	// eventBuffer is how many events a subscription may fall behind by;
	// a slower subscriber misses the newer ones (and the loss is logged).
	eventBuffer = 64
)

// dealEvents fans the deals added and updated through this server's
// mutations out to the open dealAdded and dealUpdated subscriptions.
type dealEvents struct {
	logger *slog.Logger
	max    int

	mu   sync.Mutex
	subs map[*subscriber]struct{}
}

// subscriber is one open subscription and what it asked for.
type subscriber struct {
	ch         chan model.DealEvent
	kind       model.DealEventKind
	companyID  string // "" for any
	platformID string // "" for any
}

func newDealEvents(logger *slog.Logger, max int) *dealEvents {
	return &dealEvents{logger: logger, max: max, subs: map[*subscriber]struct{}{}}
}

// subscribe registers a subscription to events of the given kind, about the
// given company and platform when not empty, until ctx ends. It fails with
// ErrUnavailable when too many subscriptions are open.
func (e *dealEvents) subscribe(ctx context.Context, kind model.DealEventKind, companyID, platformID string) (<-chan model.DealEvent, error) {
	s := &subscriber{ch: make(chan model.DealEvent, eventBuffer), kind: kind, companyID: companyID, platformID: platformID}
	e.mu.Lock()
	if len(e.subs) >= e.max {
		e.mu.Unlock()
		return nil, fmt.Errorf("%d subscriptions are open, the most this server keeps; try again later: %w", e.max, pg.ErrUnavailable)
	}
	e.subs[s] = struct{}{}
	e.mu.Unlock()
	go func() {
		<-ctx.Done()
		e.mu.Lock()
		delete(e.subs, s)
		close(s.ch)
		e.mu.Unlock()
	}()
	return s.ch, nil
}

// publish sends ev to every subscription that wants it, never blocking.
func (e *dealEvents) publish(ev model.DealEvent) {
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for s := range e.subs {
		if s.kind != ev.Kind || !concerns(ev.Deal, s.companyID, s.platformID) {
			continue
		}
		select {
		case s.ch <- ev:
		default:
			e.logger.Warn("graphql: a subscriber is too slow; an event was dropped", "deal", ev.Deal.ID)
		}
	}
}

// open returns the number of open subscriptions.
func (e *dealEvents) open() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.subs)
}

// concerns reports whether deal d has companyID as a party and is on
// platformID, an empty ID matching anything.
func concerns(d pg.Deal, companyID, platformID string) bool {
	if companyID != "" && !slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == companyID }) {
		return false
	}
	return platformID == "" || slices.Contains(d.PlatformIDs, platformID)
}

// subscribeDeals resolves the filter of a deal subscription and opens it.
func (r *Resolver) subscribeDeals(ctx context.Context, kind model.DealEventKind, company, platform *string) (<-chan model.DealEvent, error) {
	if r.events == nil {
		return nil, fmt.Errorf("this server does not publish deal events: %w", pg.ErrUnavailable)
	}
	var companyID, platformID string
	var err error
	if company != nil {
		if companyID, err = r.companyID(ctx, "subscription", *company); err != nil {
			return nil, err
		}
	}
	if platform != nil {
		if platformID, err = r.platformID(ctx, "subscription", *platform); err != nil {
			return nil, err
		}
	}
	return r.events.subscribe(ctx, kind, companyID, platformID)
}
