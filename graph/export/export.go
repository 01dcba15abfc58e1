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

	"github.com/partnergraph/partnergraph"
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
}

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
func Handler(r partnergraph.Reader, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &handler{r: r, logger: logger}
}

// ServeHTTP routes an export request.
func (h *handler) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(strings.TrimPrefix(req.URL.Path, "/export"), "/")
	type graphWriter func(io.Writer, *Graph, map[string]string) error
	var (
		write       graphWriter
		contentType string
		disposition string
	)
	switch name {
	case "", "index.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, index)
		return
	case "graph.json":
		write, contentType = WriteNodeLink, "application/json"
	case "cytoscape.json":
		write, contentType = WriteCytoscape, "application/json"
	case "graph.graphml":
		write, contentType, disposition = WriteGraphML, "application/graphml+xml; charset=utf-8", `attachment; filename="partnergraph.graphml"`
	case "deals.csv":
	default:
		http.NotFound(w, req)
		return
	}
	ctx := req.Context()
	ereq, filter, err := h.parse(ctx, req.URL.Query())
	if err != nil {
		h.fail(w, req, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")

	if name == "deals.csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
		w.Header().Set("Content-Disposition", `attachment; filename="deals.csv"`)
		if req.Method == http.MethodHead {
			return
		}
		// Buffer the first page so that an early store error still gets a
		// proper status; later errors abort the connection, so a client
		// never mistakes a cut-off stream for a complete file.
		bw := &firstPageBuffer{w: w, limit: 64 << 10}
		if _, err := WriteCSV(ctx, bw, h.r, ereq); err != nil {
			if !bw.flushed {
				h.fail(w, req, err)
				return
			}
			h.logger.Error("export: deals.csv cut short", "err", err)
			panic(http.ErrAbortHandler)
		}
		if err := bw.Close(); err != nil {
			h.logger.Warn("export: write deals.csv", "err", err)
		}
		return
	}

	g, err := Collect(ctx, h.r, ereq)
	if err != nil {
		h.fail(w, req, err)
		return
	}
	var buf bytes.Buffer
	if err := write(&buf, g, filter); err != nil {
		h.fail(w, req, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	if disposition != "" {
		w.Header().Set("Content-Disposition", disposition)
	}
	w.Header().Set(TruncatedHeader, strconv.FormatBool(g.Truncated))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if req.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(buf.Bytes())
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
	switch {
	case errors.Is(err, partnergraph.ErrInvalid):
		http.Error(w, err.Error(), http.StatusBadRequest)
	case errors.Is(err, partnergraph.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		h.logger.Warn("export unavailable", "path", req.URL.Path, "err", err)
		http.Error(w, "store unavailable, try again", http.StatusServiceUnavailable)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		h.logger.Error("export failed", "path", req.URL.Path, "err", err)
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
	w       http.ResponseWriter
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
	if f, ok := b.w.(http.Flusher); ok && err == nil {
		f.Flush()
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
