package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/graph/export"
	"github.com/partnergraph/partnergraph/internal/obs"
	"github.com/partnergraph/partnergraph/loader"
)

// serveOptions are the flags of serve.
type serveOptions struct {
	store     storeConfig
	log       logFlags
	addr      string
	load      pathsFlag
	cors      listFlag
	apiKey    string
	gazetteer string
	// gcPercent is the garbage collector's target heap growth in percent,
	// applied unless the environment sets GOGC.
	gcPercent int
	// cacheMB is the response cache budget in MiB; 0 turns it off.
	cacheMB int
	// maxInFlight caps the GraphQL and export requests answered at once;
	// maxExports caps the exports among them; exportTimeout bounds one
	// export.
	maxInFlight, maxExports int
	exportTimeout           time.Duration
	// requestTimeout bounds one GraphQL request.
	requestTimeout time.Duration
	// complexityLimit bounds an operation's estimated cost.
	complexityLimit int
	// limits bound the articles of --load.
	limits limitFlags
}

// Defaults of serve's tuning flags.
const (
	// defaultGCPercent lets the heap grow by 4× the live heap between
	// collections instead of 1×: the server's live heap is mostly the
	// embedded graph, which every cycle marks, so collecting a quarter as
	// often saves 13–18 % of the CPU per GraphQL request for a few hundred
	// MB more memory (README, Performance).
	defaultGCPercent = 400
	// defaultCacheMB is the response cache budget of the embedded store.
	defaultCacheMB = 64
)

// serveEnv maps serve's own flags to the environment variables that supply
// them when the flag is not given.
var serveEnv = map[string]string{"api-key": "PARTNERGRAPH_API_KEY"}

// shutdownGrace is how long serve waits for requests in flight on stop.
const shutdownGrace = 10 * time.Second

// Defaults of the admission flags.
const (
	// defaultMaxInFlight caps concurrent GraphQL and export requests: far
	// above what two cores answer at once, far below what fills memory.
	defaultMaxInFlight = 128
	// defaultMaxExports caps concurrent exports; each holds a store
	// cursor and up to a page of deals.
	defaultMaxExports = 4
)

// The server's connection timeouts. A GraphQL request's own deadline is
// graph.DefaultTimeout; an export sets its write deadline itself.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeMargin       = 5 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 64 << 10
	// slowRequest is the latency from which a request is logged at WARN.
	slowRequest = 5 * time.Second
)

func serveFlags(getenv func(string) string) (*flag.FlagSet, *serveOptions) {
	o := &serveOptions{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen `address`; port 0 picks a free port")
	fs.Var(&o.load, "load", "load the articles at `PATH` before serving (repeatable)")
	fs.Var(&o.cors, "cors-origin", "allow browser calls from `origin` (repeatable or comma-separated; * for any)")
	fs.StringVar(&o.apiKey, "api-key", "", "`key` that enables the curation mutations (env PARTNERGRAPH_API_KEY); without one the API is read-only")
	fs.StringVar(&o.gazetteer, "gazetteer", "", "extra gazetteer `file` of companies and platforms")
	fs.IntVar(&o.gcPercent, "gc-percent", defaultGCPercent, "garbage collector target `percent` (as GOGC; the GOGC environment variable wins)")
	fs.IntVar(&o.cacheMB, "response-cache-mb", defaultCacheMB, "cache query responses up to `MiB` (embedded store only; emptied by every write and curation; 0 turns it off)")
	fs.IntVar(&o.maxInFlight, "max-in-flight", defaultMaxInFlight, "answer at most `n` GraphQL and export requests at once; more get 503 with Retry-After")
	fs.IntVar(&o.maxExports, "max-exports", defaultMaxExports, "stream at most `n` exports at once; more get 429 with Retry-After")
	fs.DurationVar(&o.exportTimeout, "export-timeout", export.DefaultTimeout, "stop an export that takes longer than `duration`")
	fs.DurationVar(&o.requestTimeout, "request-timeout", graph.DefaultTimeout, "stop a GraphQL request that takes longer than `duration` (TIMEOUT)")
	fs.IntVar(&o.complexityLimit, "complexity-limit", graph.DefaultComplexityLimit, "refuse an operation whose estimated `cost` is higher (a scan of the store, such as a search text under three characters, costs its size; name prefixes and longer search texts go through indexes and cost their page)")
	o.limits.add(fs)
	addStoreFlags(fs, &o.store)
	o.log.add(fs, "info")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `usage: partnergraph serve [flags] [PATH...]

Loads the articles at every --load PATH and every PATH argument (a file, a
directory read recursively, or - for JSONL on stdin), then serves:

  /          the GraphiQL playground
  /graphql   the GraphQL endpoint (POST and GET)
  /export/   graph.json, cytoscape.json, deals.csv, graph.graphml (streamed)
  /healthz   200 while the process is up
  /readyz    200 when the store answers, else 503
  /metrics   Prometheus metrics

Every response carries an X-Request-Id, also on the log lines of the
request. It stops gracefully on SIGINT or SIGTERM; a second signal exits at
once.

Flags:
`)
		fs.PrintDefaults()
	}
	return fs, o
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	fs, o := serveFlags(getenv)
	rest, err := parseFlags(fs, args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	applyEnv(fs, storeEnv, getenv)
	applyEnv(fs, serveEnv, getenv)
	paths := append(o.load, rest...)
	if err := o.store.validate("serve"); err != nil {
		return err
	}
	if o.gcPercent <= 0 {
		return usagef("serve", "--gc-percent must be positive, got %d", o.gcPercent)
	}
	if o.cacheMB < 0 {
		return usagef("serve", "--response-cache-mb must not be negative, got %d", o.cacheMB)
	}
	if o.maxInFlight < 1 || o.maxExports < 1 || o.exportTimeout <= 0 || o.requestTimeout <= 0 || o.complexityLimit < 1 {
		return usagef("serve", "--max-in-flight, --max-exports, --export-timeout, --request-timeout and --complexity-limit must be positive")
	}
	if err := o.limits.validate("serve"); err != nil {
		return err
	}
	gcPercent := "GOGC=" + getenv("GOGC") // the environment wins
	if getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(o.gcPercent))
		gcPercent = strconv.Itoa(o.gcPercent)
	}
	logger, err := o.log.logger("serve", stderr)
	if err != nil {
		return err
	}
	if err := checkPaths("serve", paths); err != nil {
		return err
	}
	x, err := newExtractor(o.gazetteer)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	store, err := openStore(ctx, o.store, logger)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("serve: close store: %w", cerr)
		}
	}()

	metrics := obs.NewMetrics(obs.NewRegistry())
	if len(paths) > 0 {
		p := &loader.Pipeline{Extractor: x, Store: store, Logger: logger, Observe: metrics.LoaderArticle}
		o.limits.apply(p)
		if isTerminal(stderr) {
			p.Progress = stderr
		}
		rep, err := p.Run(ctx, paths, stdin)
		if err != nil {
			return fmt.Errorf("serve: load: %w", err)
		}
		logger.Info("articles loaded", "read", rep.Read, "loaded", rep.Loaded, "skipped", len(rep.Skipped),
			"companies", rep.Companies, "platforms", rep.Platforms, "deals", rep.Deals, "evidence", rep.Evidence,
			"took", rep.Elapsed.Round(time.Millisecond))
	}

	handler := routes(store, loader.NewIngester(x), o, logger, metrics)
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", o.addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		// A GraphQL answer is written within its timeout (and the
		// TimeoutHandler's second); an export moves its own deadline.
		WriteTimeout:   o.requestTimeout + writeMargin,
		IdleTimeout:    idleTimeout,
		MaxHeaderBytes: maxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:    func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	url := "http://" + ln.Addr().String()
	logger.Info("serving", "addr", ln.Addr().String(), "playground", url+"/", "graphql", url+"/graphql",
		"store", o.store.Kind, "read_only", o.apiKey == "",
		"response_cache_mb", o.cacheMB, "gc_percent", gcPercent)
	fmt.Fprintf(stdout, "partnergraph serving %s/ (GraphQL at %s/graphql)\n", url, url)

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-serveErr; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
