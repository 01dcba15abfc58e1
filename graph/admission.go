package graph

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/partnergraph/partnergraph/internal/obs"
)

// CodeOverloaded is the extensions.code of a request refused because the
// server is at its capacity; the response is a 503 with Retry-After.
const CodeOverloaded = "OVERLOADED"

// retryAfterSeconds is the Retry-After of an overloaded answer.
const retryAfterSeconds = 1

// Admit answers at most max requests at once through h; a request beyond
// that gets 503 Service Unavailable with Retry-After at once, without
// waiting, so a flood cannot queue up work or memory. Routes that must
// keep answering under load (/healthz, /readyz, /metrics) and
// subscriptions (see [IsStream]), which have their own cap, are mounted
// outside it.
func Admit(max int, m *obs.Metrics, h http.Handler) http.Handler {
	slots := make(chan struct{}, max)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
		default:
			m.Refused("overloaded")
			writeOverloaded(w, "the server is answering as many requests as it can; retry shortly")
			return
		}
		defer func() { <-slots }()
		h.ServeHTTP(w, r)
	})
}

// writeOverloaded writes a 503 with Retry-After and a coded GraphQL error.
func writeOverloaded(w http.ResponseWriter, msg string) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	writeError(w, http.StatusServiceUnavailable, msg, CodeOverloaded)
}

// heavyGate lets at most cap(slots) operations whose estimated cost is at
// least threshold run at once; a heavy operation waits up to wait for a
// slot and is then refused with OVERLOADED (HTTP 503, Retry-After). Light
// operations never wait, so they keep answering while heavy ones queue.
type heavyGate struct {
	slots     chan struct{}
	threshold int
	wait      time.Duration
	metrics   *obs.Metrics
}

// overloadFlag is set, through the request's context, when the gate
// refuses the operation, so that the HTTP answer becomes a 503.
type overloadFlag struct{ set bool }

type overloadKey struct{}

func (g *heavyGate) aroundOperations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if operationCost(ctx) < g.threshold {
		return next(ctx)
	}
	if oc := graphql.GetOperationContext(ctx); oc.Operation != nil && oc.Operation.Operation == ast.Subscription {
		return next(ctx) // it would hold the slot for as long as it is open
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
	case <-t.C:
		return g.refuse(ctx)
	case <-ctx.Done():
		return g.refuse(ctx)
	}
	h := next(ctx)
	released := false
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		if !released {
			released = true
			<-g.slots
		}
		return resp
	}
}

func (g *heavyGate) refuse(ctx context.Context) graphql.ResponseHandler {
	g.metrics.Refused("heavy_busy")
	if f, ok := ctx.Value(overloadKey{}).(*overloadFlag); ok {
		f.set = true
	}
	e := &gqlerror.Error{Message: "too many costly operations are running; retry shortly or ask for less (smaller pages, fewer searches)"}
	setCode(e, CodeOverloaded)
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{e}})
}
