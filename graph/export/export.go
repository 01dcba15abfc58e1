// Package export serves the partnership graph as files for notebooks and
// graph tools: networkx node-link JSON, Cytoscape.js JSON, a CSV of deals
// and GraphML. Every export is filtered like the GraphQL deals query and
// reads the store one page of deals at a time.
package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/obs"
)

// Limits on the number of deals one export holds.
const (
	// DefaultLimit is the number of deals exported when no limit is given.
	DefaultLimit = 10000
	// MaxLimit is the largest limit accepted.
	MaxLimit = 100000
)

// TruncatedHeader is set to "true" on a graph export that the limit cut
// short. (deals.csv is streamed, so it cannot carry it; ask for limit+1
// rows to find out.)
const TruncatedHeader = "X-Partnergraph-Truncated"

// params are the query parameters an export accepts.
var params = []string{"type", "status", "company", "platform", "yearFrom", "yearTo", "text", "article", "limit"}

// handler serves the exports.
type handler struct {
	r      partnergraph.Reader
	logger *slog.Logger
	opts   Options
	slots  chan struct{} // one per export streaming now
}

// Options configures Handler. Zero fields take the defaults.
type Options struct {
	// Logger receives failed and cut-short exports; default: discard.
	Logger *slog.Logger
	// MaxConcurrent bounds the exports streaming at once; one more is
	// answered 429 Too Many Requests with Retry-After. Default
	// DefaultMaxConcurrent.
	MaxConcurrent int
	// Timeout bounds one export, reading and writing: a client that reads
	// too slowly is cut off when it passes. Default DefaultTimeout.
	Timeout time.Duration
	// Metrics counts refused exports and store errors; nil records
	// nothing.
	Metrics *obs.Metrics
}

// The defaults of Options.
const (
	DefaultMaxConcurrent = 4
	DefaultTimeout       = 2 * time.Minute
	// stallTimeout bounds one write to the client: a client that reads
	// nothing for this long is cut off before Timeout.
	stallTimeout = 30 * time.Second
	// busyRetryAfter is the Retry-After, in seconds, of a refused export.
	busyRetryAfter = "5"
)

// Handler returns the export handler. Mount it at "/export/" (with or
// without http.StripPrefix); it answers GET and HEAD for
//
//	/export/graph.json      networkx node-link JSON (edges under "links")
//	/export/cytoscape.json  Cytoscape.js elements JSON
//	/export/deals.csv       one row per deal (see CSVHeader)
//	/export/graph.graphml   GraphML
//	/export/                a plain-text index of the above
//
// Query parameters filter the deals as the GraphQL DealFilter does: type and
// status (comma-separated or repeated, either case), company and platform
// (ID or name), yearFrom, yearTo, text, article; limit caps the number of
// deals (default DefaultLimit, at most MaxLimit). An invalid or unknown
// parameter is a 400.
//
// Exports stream: elements are written as they are read, a page of deals
// at a time, so memory does not grow with the export (the edges, a few
// short strings per deal, are held until the nodes are written). At most
// opts.MaxConcurrent exports run at once, each within opts.Timeout.
func Handler(r partnergraph.Reader, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = DefaultMaxConcurrent
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	return &handler{r: r, logger: opts.Logger, opts: opts, slots: make(chan struct{}, opts.MaxConcurrent)}
}

// ServeHTTP routes an export request.
func (h *handler) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(strings.TrimPrefix(req.URL.Path, "/export"), "/")
	var (
		newWriter   func(io.Writer, map[string]string) formatWriter
		contentType string
		disposition string
	)
	switch name {
	case "", "index.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, index)
		return
	case "graph.json":
		newWriter, contentType = func(w io.Writer, f map[string]string) formatWriter { return newNodeLinkWriter(w, f) }, "application/json"
	case "cytoscape.json":
		newWriter, contentType = func(w io.Writer, f map[string]string) formatWriter { return newCytoscapeWriter(w, f) }, "application/json"
	case "graph.graphml":
		newWriter, contentType, disposition = func(w io.Writer, f map[string]string) formatWriter { return newGraphMLWriter(w, f) },
			"application/graphml+xml; charset=utf-8", `attachment; filename="partnergraph.graphml"`
	case "deals.csv":
		contentType, disposition = "text/csv; charset=utf-8; header=present", `attachment; filename="deals.csv"`
	default:
		http.NotFound(w, req)
		return
	}
	select {
	case h.slots <- struct{}{}:
		defer func() { <-h.slots }()
	default:
		h.opts.Metrics.Refused("exports_busy")
		w.Header().Set("Retry-After", busyRetryAfter)
		http.Error(w, "too many exports are streaming; retry shortly", http.StatusTooManyRequests)
		return
	}
	deadline := time.Now().Add(h.opts.Timeout)
	ctx, cancel := context.WithDeadline(req.Context(), deadline)
	defer cancel()
	ereq, filter, err := h.parse(ctx, req.URL.Query())
	if err != nil {
		h.fail(w, req, err)
		return
	}
	truncated := false
	if name != "deals.csv" {
		// The header goes before the body: count first.
		n, err := h.r.CountDeals(ctx, ereq.Filter)
		if err != nil {
			h.fail(w, req, fmt.Errorf("export: count deals: %w", err))
			return
		}
		truncated = n > ereq.Limit
	}
	hdr := w.Header()
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Type", contentType)
	if disposition != "" {
		hdr.Set("Content-Disposition", disposition)
	}
	if name != "deals.csv" {
		hdr.Set(TruncatedHeader, strconv.FormatBool(truncated))
	}
	if req.Method == http.MethodHead {
		return
	}
	// Buffer the first page so that an early store error still gets a
	// proper status; later errors abort the connection, so a client never
	// mistakes a cut-off stream for a complete file.
	bw := &firstPageBuffer{w: &deadlineWriter{w: w, rc: http.NewResponseController(w), end: deadline}, flusher: w, limit: 64 << 10}
	if name == "deals.csv" {
		_, err = WriteCSV(ctx, bw, h.r, ereq)
	} else {
		fw := newWriter(bw, filter)
		if err = fw.begin(); err == nil {
			err = walk(ctx, h.r, ereq, fw)
		}
	}
	if err != nil {
		if !bw.flushed {
			h.fail(w, req, err)
			return
		}
		h.logger.WarnContext(req.Context(), "export cut short", "path", req.URL.Path, "err", err)
		h.countStoreError(err)
		panic(http.ErrAbortHandler)
	}
	if err := bw.Close(); err != nil {
		h.logger.WarnContext(req.Context(), "export: write", "path", req.URL.Path, "err", err)
	}
}

// deadlineWriter writes to a response, moving the connection's write
// deadline before each write to stallTimeout ahead, never past end: a
// client that stops reading is cut off, and so is one that reads the
// export slower than its Timeout allows. It moves the deadline at most
// once a second.
type deadlineWriter struct {
	w   io.Writer
	rc  *http.ResponseController
	end time.Time
	set time.Time // when the deadline was last moved
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	if now := time.Now(); now.Sub(d.set) >= time.Second {
		d.set = now
		// Not every writer supports deadlines (a test recorder); the
		// export's context still ends it.
		next := now.Add(stallTimeout)
		if next.After(d.end) {
			next = d.end
		}
		_ = d.rc.SetWriteDeadline(next)
	}
	return d.w.Write(p)
}

// countStoreError records a failed store read by its kind.
func (h *handler) countStoreError(err error) {
	switch {
	case errors.Is(err, partnergraph.ErrUnavailable):
		h.opts.Metrics.StoreError("unavailable")
	case errors.Is(err, context.DeadlineExceeded):
		h.opts.Metrics.StoreError("timeout")
	case errors.Is(err, context.Canceled), errors.Is(err, partnergraph.ErrInvalid):
	default:
		h.opts.Metrics.StoreError("other")
	}
}

// index lists the exports.
const index = `partnergraph exports (GET; filter with type, status, company, platform, yearFrom, yearTo, text, article, limit):
  graph.json      networkx node-link JSON: networkx.node_link_graph(data, edges="links")
  cytoscape.json  Cytoscape.js elements; networkx.cytoscape_graph(data)
  deals.csv       one row per deal: ` + "id,type,status,year,parties,roles,platforms,value,currency,sources,confidence" + `
  graph.graphml   GraphML
`

// fail writes an error response: 400 for invalid input, 503 when the store
// is unavailable or the request timed out, 500 otherwise (logged, masked).
func (h *handler) fail(w http.ResponseWriter, req *http.Request, err error) {
	w.Header().Del("Content-Disposition")
	w.Header().Del(TruncatedHeader)
	h.countStoreError(err)
	ctx := req.Context()
	switch {
	case errors.Is(err, partnergraph.ErrInvalid):
		http.Error(w, err.Error(), http.StatusBadRequest)
	case errors.Is(err, partnergraph.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		h.logger.WarnContext(ctx, "export unavailable", "path", req.URL.Path, "err", err)
		w.Header().Set("Retry-After", "1")
		http.Error(w, "store unavailable, try again", http.StatusServiceUnavailable)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		h.logger.ErrorContext(ctx, "export failed", "path", req.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}

// invalid returns an error wrapping ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("export: %s: %w", fmt.Sprintf(format, args...), partnergraph.ErrInvalid)
}

// parse turns the query parameters into a Request, resolving company and
// platform names to IDs. It also returns the normalised filter for the
// exported graph's attributes.
func (h *handler) parse(ctx context.Context, q url.Values) (Request, map[string]string, error) {
	req := Request{Limit: DefaultLimit}
	echo := map[string]string{}
	for k := range q {
		if !slices.Contains(params, k) {
			return req, nil, invalid("unknown parameter %q (known: %s)", k, strings.Join(params, ", "))
		}
	}
	for _, v := range list(q["type"]) {
		t := partnergraph.DealType(norm(v))
		if !t.Valid() {
			return req, nil, invalid("type %q is not one of %v", v, partnergraph.DealTypes)
		}
		req.Filter.Types = append(req.Filter.Types, t)
	}
	for _, v := range list(q["status"]) {
		s := partnergraph.DealStatus(norm(v))
		if !s.Valid() {
			return req, nil, invalid("status %q is not one of %v", v, partnergraph.DealStatuses)
		}
		req.Filter.Statuses = append(req.Filter.Statuses, s)
	}
	var err error
	if v := strings.TrimSpace(q.Get("company")); v != "" {
		if req.Filter.CompanyID, err = h.companyID(ctx, v); err != nil {
			return req, nil, err
		}
	}
	if v := strings.TrimSpace(q.Get("platform")); v != "" {
		if req.Filter.PlatformID, err = h.platformID(ctx, v); err != nil {
			return req, nil, err
		}
	}
	ints := []struct {
		name     string
		dst      *int
		min, max int
	}{
		{"yearFrom", &req.Filter.YearFrom, 1, 9999},
		{"yearTo", &req.Filter.YearTo, 1, 9999},
		{"limit", &req.Limit, 1, MaxLimit},
	}
	for _, p := range ints {
		v := strings.TrimSpace(q.Get(p.name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < p.min || n > p.max {
			return req, nil, invalid("%s=%q is not a whole number from %d to %d", p.name, v, p.min, p.max)
		}
		*p.dst = n
	}
	req.Filter.Text = strings.TrimSpace(q.Get("text"))
	req.Filter.ArticleID = strings.TrimSpace(q.Get("article"))
	for _, k := range params {
		if v := strings.Join(q[k], ","); v != "" && k != "limit" {
			echo[k] = v
		}
	}
	return req, echo, nil
}

// companyID resolves a company given by ID or by name (aliases accepted).
// An unknown company is kept as given, so the export is empty.
func (h *handler) companyID(ctx context.Context, v string) (string, error) {
	c, ok, err := partnergraph.FindCompany(ctx, h.r, v)
	switch {
	case err != nil:
		return "", fmt.Errorf("company %q: %w", v, err)
	case !ok:
		return v, nil
	}
	return c.ID, nil
}

// platformID is companyID for platforms.
func (h *handler) platformID(ctx context.Context, v string) (string, error) {
	p, ok, err := partnergraph.FindPlatform(ctx, h.r, v)
	switch {
	case err != nil:
		return "", fmt.Errorf("platform %q: %w", v, err)
	case !ok:
		return v, nil
	}
	return p.ID, nil
}

// list splits comma-separated and repeated values, dropping empty ones.
func list(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// norm maps GraphQL enum spellings (JOINT_VENTURE) and hyphenated ones to
// the label format (joint_venture).
func norm(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
}

// firstPageBuffer holds the start of a streamed response until limit bytes
// have been written, so an error before then can still become a status code.
type firstPageBuffer struct {
	w       io.Writer
	flusher http.ResponseWriter // flushed once the buffer is written
	buf     bytes.Buffer
	limit   int
	flushed bool
}

// Write buffers p, or passes it through once the buffer has been flushed.
func (b *firstPageBuffer) Write(p []byte) (int, error) {
	if b.flushed {
		return b.w.Write(p)
	}
	b.buf.Write(p)
	if b.buf.Len() >= b.limit {
		return len(p), b.flush()
	}
	return len(p), nil
}

func (b *firstPageBuffer) flush() error {
	b.flushed = true
	_, err := b.w.Write(b.buf.Bytes())
	b.buf.Reset()
	if err == nil {
		err = http.NewResponseController(b.flusher).Flush()
		if errors.Is(err, http.ErrNotSupported) {
			err = nil
		}
	}
	return err
}

// Close writes whatever is still buffered.
func (b *firstPageBuffer) Close() error {
	if b.flushed && b.buf.Len() == 0 {
		return nil
	}
	return b.flush()
}
