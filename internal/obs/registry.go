// Package obs is the server's observability: a small metrics registry that
// writes the Prometheus text exposition format, the metrics partnergraph
// records, request IDs, and a log handler that adds the request ID of a
// context to every log line. Nothing in it is global: every registry,
// metric and handler is a value the caller creates and passes on.
package obs

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Registry holds metric families and writes them in the Prometheus text
// format (version 0.0.4). It is safe for concurrent use.
type Registry struct {
	mu       sync.Mutex
	families []family
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

// family is one metric name with its help, type and series.
type family interface {
	write(w *bufio.Writer)
}

func (r *Registry) add(f family) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.families = append(r.families, f)
}

// WriteText writes every family in the order registered.
func (r *Registry) WriteText(w io.Writer) error {
	r.mu.Lock()
	fams := slices.Clone(r.families)
	r.mu.Unlock()
	bw := bufio.NewWriter(w)
	for _, f := range fams {
		f.write(bw)
	}
	return bw.Flush()
}

// Handler serves the registry at GET /metrics.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_ = r.WriteText(w)
	})
}

// header writes the HELP and TYPE lines of a family.
func header(w *bufio.Writer, name, help, typ string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, escapeHelp(help), name, typ)
}

func escapeHelp(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`).Replace(s)
}

// labelText renders names and values as {a="x",b="y"}, with extra appended
// (for a histogram's le), or "" when there are none.
func labelText(names, values []string, extra ...string) string {
	if len(names) == 0 && len(extra) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%s="%s"`, n, escapeLabel(values[i]))
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%s="%s"`, extra[i], escapeLabel(extra[i+1]))
	}
	b.WriteByte('}')
	return b.String()
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// vec keeps the series of a family by their label values, in the order
// first seen, so the output is stable.
type vec[T any] struct {
	name, help string
	labels     []string
	mk         func() *T

	mu     sync.RWMutex
	series map[string]*T
	order  []string
}

func (v *vec[T]) with(values []string) *T {
	if len(values) != len(v.labels) {
		panic(fmt.Sprintf("obs: %s wants %d label values, got %d", v.name, len(v.labels), len(values)))
	}
	key := strings.Join(values, "\xff")
	v.mu.RLock()
	s, ok := v.series[key]
	v.mu.RUnlock()
	if ok {
		return s
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok = v.series[key]; ok {
		return s
	}
	s = v.mk()
	v.series[key] = s
	v.order = append(v.order, key)
	return s
}

func (v *vec[T]) each(fn func(values []string, s *T)) {
	v.mu.RLock()
	keys := slices.Clone(v.order)
	series := make([]*T, len(keys))
	for i, k := range keys {
		series[i] = v.series[k]
	}
	v.mu.RUnlock()
	for i, k := range keys {
		var values []string
		if len(v.labels) > 0 {
			values = strings.Split(k, "\xff")
		}
		fn(values, series[i])
	}
}

// Counter is a monotonically increasing count.
type Counter struct{ n atomic.Uint64 }

// Inc adds one.
func (c *Counter) Inc() { c.n.Add(1) }

// Add adds n.
func (c *Counter) Add(n uint64) { c.n.Add(n) }

// Value returns the count.
func (c *Counter) Value() uint64 { return c.n.Load() }

// CounterVec is a counter family with labels.
type CounterVec struct{ v vec[Counter] }

// Counter registers a counter family. Label values must come from a
// bounded set: each distinct combination is a series kept forever.
func (r *Registry) Counter(name, help string, labels ...string) *CounterVec {
	c := &CounterVec{v: vec[Counter]{name: name, help: help, labels: labels, mk: func() *Counter { return &Counter{} }, series: map[string]*Counter{}}}
	r.add(c)
	return c
}

// With returns the counter of the given label values.
func (c *CounterVec) With(values ...string) *Counter { return c.v.with(values) }

func (c *CounterVec) write(w *bufio.Writer) {
	header(w, c.v.name, c.v.help, "counter")
	c.v.each(func(values []string, s *Counter) {
		fmt.Fprintf(w, "%s%s %d\n", c.v.name, labelText(c.v.labels, values), s.Value())
	})
}

// Histogram counts observations into cumulative buckets.
type Histogram struct {
	bounds []float64
	mu     sync.Mutex
	counts []uint64 // per bound, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

// Observe records one value.
func (h *Histogram) Observe(x float64) {
	i, _ := slices.BinarySearch(h.bounds, x)
	h.mu.Lock()
	h.counts[i]++
	h.sum += x
	h.count++
	h.mu.Unlock()
}

// HistogramVec is a histogram family with labels.
type HistogramVec struct{ v vec[Histogram] }

// Histogram registers a histogram family with the given upper bucket
// bounds (ascending; +Inf is added).
func (r *Registry) Histogram(name, help string, bounds []float64, labels ...string) *HistogramVec {
	bounds = slices.Clone(bounds)
	slices.Sort(bounds)
	h := &HistogramVec{v: vec[Histogram]{name: name, help: help, labels: labels, series: map[string]*Histogram{},
		mk: func() *Histogram { return &Histogram{bounds: bounds, counts: make([]uint64, len(bounds)+1)} }}}
	r.add(h)
	return h
}

// With returns the histogram of the given label values.
func (h *HistogramVec) With(values ...string) *Histogram { return h.v.with(values) }

func (h *HistogramVec) write(w *bufio.Writer) {
	header(w, h.v.name, h.v.help, "histogram")
	h.v.each(func(values []string, s *Histogram) {
		s.mu.Lock()
		counts, sum, count := slices.Clone(s.counts), s.sum, s.count
		s.mu.Unlock()
		var cum uint64
		for i, b := range s.bounds {
			cum += counts[i]
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.v.name, labelText(h.v.labels, values, "le", formatFloat(b)), cum)
		}
		fmt.Fprintf(w, "%s_bucket%s %d\n", h.v.name, labelText(h.v.labels, values, "le", "+Inf"), count)
		fmt.Fprintf(w, "%s_sum%s %s\n", h.v.name, labelText(h.v.labels, values), formatFloat(sum))
		fmt.Fprintf(w, "%s_count%s %d\n", h.v.name, labelText(h.v.labels, values), count)
	})
}

// gaugeFunc is a gauge read when the registry is written.
type gaugeFunc struct {
	name, help string
	fn         func() float64
}

// GaugeFunc registers a gauge whose value fn returns at each scrape.
func (r *Registry) GaugeFunc(name, help string, fn func() float64) {
	r.add(&gaugeFunc{name: name, help: help, fn: fn})
}

func (g *gaugeFunc) write(w *bufio.Writer) {
	header(w, g.name, g.help, "gauge")
	fmt.Fprintf(w, "%s %s\n", g.name, formatFloat(g.fn()))
}
