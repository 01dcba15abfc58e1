package obs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"
)

// RequestIDHeader carries a request's ID, in requests (a proxy's, kept when
// well-formed) and in every response.
const RequestIDHeader = "X-Request-Id"

type requestIDKey struct{}

// WithRequestID returns ctx carrying id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID ctx carries, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// newRequestID returns 16 random hex digits.
func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// validRequestID accepts an incoming ID of 1 to 64 letters, digits, '-',
// '_' or '.', so that a client cannot forge log lines through it.
func validRequestID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush passes a flush on.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Observe wraps h: every request gets an ID (the client's X-Request-Id when
// well-formed, else a random one) in its context and in the response
// header; the request is counted and timed under route in m; and one log
// line is written per request, at DEBUG, or at WARN for a 5xx answer or one
// slower than slow (0: none is too slow, as for long-lived streams). Log with the *Context methods and a logger whose
// handler is a [LogHandler] to have the ID on every line of the request.
func Observe(route string, m *Metrics, logger *slog.Logger, slow time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		ctx := WithRequestID(r.Context(), id)
		rec := &statusRecorder{ResponseWriter: w}
		m.InFlight(1)
		defer func() {
			m.InFlight(-1)
			took := time.Since(start)
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			m.HTTPRequest(route, status, took)
			level := slog.LevelDebug
			if status >= 500 || slow > 0 && took > slow {
				level = slog.LevelWarn
			}
			logger.Log(ctx, level, "request", "method", r.Method, "route", route, "status", status, "took", took.Round(time.Microsecond))
		}()
		h.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// LogHandler wraps a slog.Handler so that every record logged with a
// context carrying a request ID gets a request_id attribute.
type LogHandler struct{ slog.Handler }

// Handle adds the request ID of ctx, if any, and passes r on.
func (h LogHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the wrapper around the derived handler.
func (h LogHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return LogHandler{h.Handler.WithAttrs(as)}
}

// WithGroup keeps the wrapper around the derived handler.
func (h LogHandler) WithGroup(name string) slog.Handler {
	return LogHandler{h.Handler.WithGroup(name)}
}
