package graph

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/generated"
	"github.com/partnergraph/partnergraph/internal/obs"
)

// Options configures NewHandler. Zero fields take the defaults below.
type Options struct {
	// Logger receives internal errors and panics; default: discard.
	Logger *slog.Logger
	// APIKey enables the curation mutations for requests that send it as
	// "Authorization: Bearer KEY" or "X-API-Key: KEY". Empty means the
	// server is read-only.
	APIKey string
	// Ingester extracts facts for ingestArticle; nil makes ingestArticle
	// answer UNAVAILABLE.
	Ingester pg.Ingester
	// Timeout bounds each request; default 10s.
	Timeout time.Duration
	// MaxBodyBytes bounds the request body; default 1 MiB.
	MaxBodyBytes int64
	// ComplexityLimit bounds the estimated cost of an operation, where a
	// list field costs its page size times its selection and a field that
	// scans the store costs the items it scans; default 25000.
	ComplexityLimit int
	// DepthLimit bounds how deeply fields nest (introspection excluded);
	// default 15.
	DepthLimit int
	// ParserTokenLimit bounds the tokens in a query document; default 10000.
	ParserTokenLimit int
	// LoaderWait is how long a dataloader collects keys before reading the
	// store; default 250µs.
	LoaderWait time.Duration
	// MaxFragmentSpreads bounds the fragment spreads written in a query
	// document; default 200.
	MaxFragmentSpreads int
	// HeavyCost is the estimated cost from which an operation is heavy;
	// default a tenth of ComplexityLimit.
	HeavyCost int
	// MaxHeavy bounds the heavy operations running at once; default
	// GOMAXPROCS. A heavy operation waits up to HeavyWait (default 2s)
	// for a slot, then gets OVERLOADED with HTTP 503 and Retry-After.
	// Light operations never wait for heavy ones.
	MaxHeavy  int
	HeavyWait time.Duration
	// Metrics receives requests refused, operations resolved and errors;
	// nil records nothing.
	Metrics *obs.Metrics
	// StreamOrigins are the origins (as for CORS; "*" for any) whose pages
	// may open subscriptions over WebSocket besides the server's own.
	StreamOrigins []string
	// MaxSubscriptions bounds the subscriptions and streaming connections
	// open at once; default DefaultMaxSubscriptions.
	MaxSubscriptions int
	// ResponseCacheBytes, when positive and the store implements
	// [Generational], caches the data of query responses up to about this
	// many bytes (the indexes of exact requests and of normalised documents
	// take at most a quarter as much again each), keyed by the normalised document, the operation name, the
	// variables and the request's authorisation, and emptied whenever the
	// store's generation changes (every write and curation). Responses with
	// errors are not cached; mutations always run. Zero, unlike the other
	// fields, means no cache.
	ResponseCacheBytes int
}

// The defaults of Options.
const (
	DefaultTimeout          = 10 * time.Second
	DefaultMaxBodyBytes     = 1 << 20
	DefaultComplexityLimit  = 25000
	DefaultDepthLimit       = 15
	DefaultParserTokenLimit = 10000
	DefaultLoaderWait       = 250 * time.Microsecond
	DefaultMaxSpreads       = 200
	DefaultHeavyWait        = 2 * time.Second
)

func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.ComplexityLimit <= 0 {
		o.ComplexityLimit = DefaultComplexityLimit
	}
	if o.DepthLimit <= 0 {
		o.DepthLimit = DefaultDepthLimit
	}
	if o.ParserTokenLimit <= 0 {
		o.ParserTokenLimit = DefaultParserTokenLimit
	}
	if o.LoaderWait <= 0 {
		o.LoaderWait = DefaultLoaderWait
	}
	if o.MaxFragmentSpreads <= 0 {
		o.MaxFragmentSpreads = DefaultMaxSpreads
	}
	if o.HeavyCost <= 0 {
		o.HeavyCost = max(1, o.ComplexityLimit/10)
	}
	if o.MaxHeavy <= 0 {
		o.MaxHeavy = runtime.GOMAXPROCS(0)
	}
	if o.HeavyWait <= 0 {
		o.HeavyWait = DefaultHeavyWait
	}
	if o.MaxSubscriptions <= 0 {
		o.MaxSubscriptions = DefaultMaxSubscriptions
	}
	return o
}

// NewHandler returns the GraphQL endpoint over store: POST with a JSON
// body, GET for queries (a GET mutation gets 405), OPTIONS, and
// application/graphql-response+json when the client asks for it, else
// application/json. With graphql-response+json, requests that cannot run
// (parse or validation errors) get 400; with application/json they get 200
// and the errors, as legacy clients expect; every MUST and SHOULD audit of
// the graphql-http suite passes. Every request gets its own dataloaders, a
// timeout, a body limit, and complexity, depth and token limits; exceeding
// one yields a GraphQL error with extensions.code. Introspection is on.
// Wrap the result in CORS to serve other origins.
func NewHandler(store pg.Store, opts Options) http.Handler {
	opts = opts.withDefaults()
	events := newDealEvents(opts.Logger, opts.MaxSubscriptions)
	cfg := generated.Config{Resolvers: &Resolver{Store: store, Ingester: opts.Ingester, Logger: opts.Logger, events: events}}
	sizes := newStoreSizes(store)
	setComplexity(&cfg.Complexity, sizes)
	srv := handler.New(generated.NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(transport.GET{})
	addStreamTransports(srv, opts) // before POST, which would take SSE requests too
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(opts.ParserTokenLimit)
	srv.Use(extension.Introspection{})
	srv.Use(&opLimits{maxCost: opts.ComplexityLimit, maxDepth: opts.DepthLimit, maxSpreads: opts.MaxFragmentSpreads, metrics: opts.Metrics})
	srv.SetErrorPresenter(countErrors(opts.Metrics, presentError(opts.Logger)))
	srv.SetRecoverFunc(recoverPanic(opts.Logger))
	srv.AroundOperations(requireKeyForMutations)
	h := &httpHandler{gql: srv, store: store, opts: opts, sizes: sizes, streams: make(chan struct{}, opts.MaxSubscriptions)}
	srv.AroundOperations(h.aroundStreamOperations)
	if g, ok := store.(Generational); ok && opts.ResponseCacheBytes > 0 {
		h.cache = newResponseCache(g, opts.ResponseCacheBytes)
		srv.AroundOperations(h.cache.aroundOperations)
	}
	// After the cache: a cached answer costs nothing and needs no slot.
	gate := &heavyGate{slots: make(chan struct{}, opts.MaxHeavy), threshold: opts.HeavyCost, wait: opts.HeavyWait, metrics: opts.Metrics}
	srv.AroundOperations(gate.aroundOperations)
	srv.AroundRootFields(measureRootField(opts.Metrics))

	body, _ := json.Marshal(errorBody("the request took too long and was stopped", CodeTimeout))
	// The context deadline stops well-behaved resolvers at Timeout; the
	// TimeoutHandler, a little later, answers even if one ignores it.
	th := http.TimeoutHandler(h, opts.Timeout+time.Second, string(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isStream(r) { // subscriptions last longer than any request timeout
			h.serveStream(w, r)
			return
		}
		// The content type of the TimeoutHandler's own answer; a normal
		// answer replaces it.
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		th.ServeHTTP(w, r)
	})
}

type httpHandler struct {
	gql     http.Handler
	store   pg.Store
	opts    Options
	sizes   *storeSizes
	cache   *responseCache // nil without a response cache
	streams chan struct{}  // a semaphore of the streaming connections
}

// ServeHTTP checks the method and the size of the request, then answers it
// from the response cache or through gqlgen.
func (h *httpHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodPost, http.MethodOptions:
	default:
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed", CodeBadRequest)
		return
	}
	if r.Method == http.MethodPost {
		if !isJSON(r.Header.Get("Content-Type")) {
			writeError(w, http.StatusUnsupportedMediaType, "send the request as POST with Content-Type: application/json (or as GET)", CodeBadRequest)
			return
		}
		if r.ContentLength > h.opts.MaxBodyBytes {
			h.opts.Metrics.Refused("body_too_large")
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", h.opts.MaxBodyBytes), CodeTooLarge)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				h.opts.Metrics.Refused("body_too_large")
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", h.opts.MaxBodyBytes), CodeTooLarge)
				return
			}
			writeError(w, http.StatusBadRequest, "could not read the request body", CodeBadUserInput)
			return
		}
		if !json.Valid(body) {
			writeError(w, http.StatusBadRequest, "the request body is not valid JSON", CodeBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if h.cache != nil {
			h.serveCached(w, r, body)
			return
		}
	}
	if r.Method == http.MethodGet && len(r.URL.RawQuery) > int(h.opts.MaxBodyBytes) {
		h.opts.Metrics.Refused("uri_too_long")
		writeError(w, http.StatusRequestURITooLong, "query string too long", CodeTooLarge)
		return
	}

	h.serveGraphQL(w, r, authorize(r, h.opts.APIKey), nil)
}

// serveGraphQL runs the request through gqlgen. slot, if not nil, learns
// the response cache entry the answer came from or went into.
func (h *httpHandler) serveGraphQL(w http.ResponseWriter, r *http.Request, a auth, slot *rawSlot) *responseWriter {
	ctx, cancel := context.WithTimeout(r.Context(), h.opts.Timeout)
	defer cancel()
	h.sizes.refresh(ctx)
	ctx = withLoaders(ctx, newLoaders(h.store, h.opts.LoaderWait))
	ctx = withAuth(ctx, a)
	if slot != nil {
		ctx = context.WithValue(ctx, rawSlotKey{}, slot)
	}
	overload := &overloadFlag{}
	ctx = context.WithValue(ctx, overloadKey{}, overload)
	rw := &responseWriter{ResponseWriter: w, get: r.Method == http.MethodGet, overload: overload}
	h.gql.ServeHTTP(rw, r.WithContext(ctx))
	if ctx.Err() == context.DeadlineExceeded {
		h.opts.Metrics.Refused("timeout")
	}
	return rw
}

// serveCached answers a POST whose body was read: from the response cache
// when the same request (rawKey) was answered from or into it in the
// current generation, else through gqlgen, remembering the request when
// its answer is cached.
func (h *httpHandler) serveCached(w http.ResponseWriter, r *http.Request, body []byte) {
	a := authorize(r, h.opts.APIKey)
	rk := rawKey(a, r.Header.Get("Content-Type"), r.Header.Get("Accept"), body)
	if h.cache.serveRaw(w, rk) {
		return
	}
	slot := &rawSlot{}
	rw := h.serveGraphQL(w, r, a, slot)
	if slot.key != "" && rw.status == http.StatusOK {
		h.cache.putRaw(rk, slot, rw.Header().Get("Content-Type"))
	}
}

// responseWriter adapts gqlgen's answers to the GraphQL-over-HTTP spec: it
// names the charset, turns the 406 gqlgen gives a GET mutation into 405
// with an Allow header, and the 422 it gives request errors under
// application/json into 200.
type responseWriter struct {
	http.ResponseWriter
	get         bool
	overload    *overloadFlag // set when the heavy gate refused the operation
	wroteHeader bool
	status      int
}

// WriteHeader records the status and applies the GraphQL-over-HTTP rules
// before passing it on.
func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	hdr := w.Header()
	if ct := hdr.Get("Content-Type"); ct != "" && !strings.Contains(ct, "charset") {
		hdr.Set("Content-Type", ct+"; charset=utf-8")
	}
	if w.get && code == http.StatusNotAcceptable {
		hdr.Set("Allow", "POST")
		code = http.StatusMethodNotAllowed
	}
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		code = http.StatusOK
	}
	if w.overload != nil && w.overload.set {
		hdr.Set("Retry-After", strconv.Itoa(retryAfterSeconds))
		code = http.StatusServiceUnavailable
	}
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Write drops the "data": null gqlgen adds to request errors (the spec
// says such a response has no data entry) and gives BAD_REQUEST to the
// errors gqlgen's transports write without a code.
func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.status >= 400 {
		out := codeErrors(b)
		if trimmed, ok := bytes.CutSuffix(out, []byte(`,"data":null}`)); ok {
			out = append(trimmed, '}')
		}
		if _, err := w.ResponseWriter.Write(out); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// codeErrors returns the JSON response body b with extensions.code
// BAD_REQUEST on every error that has no code, or b itself when it is not
// such a body or every error has a code.
func codeErrors(b []byte) []byte {
	var resp struct {
		Errors []map[string]any `json:"errors"`
		Data   json.RawMessage  `json:"data,omitempty"`
	}
	if json.Unmarshal(b, &resp) != nil || len(resp.Errors) == 0 {
		return b
	}
	changed := false
	for _, e := range resp.Errors {
		ext, _ := e["extensions"].(map[string]any)
		if _, ok := ext["code"]; ok {
			continue
		}
		if ext == nil {
			ext = map[string]any{}
			e["extensions"] = ext
		}
		ext["code"] = CodeBadRequest
		changed = true
	}
	if !changed {
		return b
	}
	out, err := json.Marshal(resp)
	if err != nil {
		return b
	}
	return out
}

// errorBody is a GraphQL response holding one coded error.
func errorBody(msg, code string) *graphql.Response {
	e := &gqlerror.Error{Message: msg}
	setCode(e, code)
	return &graphql.Response{Errors: gqlerror.List{e}}
}

// writeError answers a request that cannot run: one coded error and, as
// the GraphQL-over-HTTP spec asks, no data entry.
func writeError(w http.ResponseWriter, status int, msg, code string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Errors gqlerror.List `json:"errors"`
	}{errorBody(msg, code).Errors})
}

// auth is what a request proved about the API key.
type auth int

const (
	authNoKeyConfigured auth = iota // the server is read-only
	authMissing                     // a key is configured, none was sent
	authWrong                       // a key was sent and does not match
	authOK
)

type authKey struct{}

func withAuth(ctx context.Context, a auth) context.Context {
	return context.WithValue(ctx, authKey{}, a)
}

// authorize checks the request's key against the configured one in
// constant time.
func authorize(r *http.Request, key string) auth {
	if key == "" {
		return authNoKeyConfigured
	}
	sent := r.Header.Get("X-API-Key")
	if h := r.Header.Get("Authorization"); sent == "" && h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return authWrong
		}
		sent = strings.TrimSpace(token)
	}
	switch {
	case sent == "":
		return authMissing
	case subtle.ConstantTimeCompare([]byte(sent), []byte(key)) == 1:
		return authOK
	}
	return authWrong
}

// requireKeyForMutations refuses a mutation operation before any of it runs
// unless the request carried the API key.
func requireKeyForMutations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return next(ctx)
	}
	a, _ := ctx.Value(authKey{}).(auth)
	var resp *graphql.Response
	switch a {
	case authOK:
		return next(ctx)
	case authNoKeyConfigured:
		resp = errorBody(errReadOnly.Error(), CodeForbidden)
	case authMissing:
		resp = errorBody("mutations need the API key: send Authorization: Bearer KEY or X-API-Key: KEY", CodeUnauthenticated)
	default:
		resp = errorBody("the API key is not valid", CodeUnauthenticated)
	}
	return graphql.OneShot(resp)
}

// CORS lets browsers on the given origins call h: it answers preflight
// requests and adds Access-Control-Allow-Origin to the others. "*" allows
// every origin. Requests from origins not listed get no CORS headers, so
// browsers refuse them; other clients are unaffected.
func CORS(origins []string, h http.Handler) http.Handler {
	all := false
	allowed := map[string]bool{}
	for _, o := range origins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "*" {
			all = true
		}
		allowed[strings.ToLower(o)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !all && !allowed[strings.ToLower(origin)] {
			h.ServeHTTP(w, r)
			return
		}
		hdr := w.Header()
		hdr.Add("Vary", "Origin")
		if all {
			hdr.Set("Access-Control-Allow-Origin", "*")
		} else {
			hdr.Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			hdr.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			hdr.Set("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization, X-API-Key")
			hdr.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}
