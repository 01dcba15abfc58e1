package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Bounds on a run, so that a typo cannot turn the tool into a flood.
const (
	// MaxRate is the highest request rate accepted, in requests per second.
	MaxRate = 20000
	// MaxDuration is the longest run accepted, warm-up excluded.
	MaxDuration = 10 * time.Minute
	// MaxRequests is the largest request count accepted.
	MaxRequests = 1_000_000
)

// Config describes one open-loop run.
type Config struct {
	// URL is the GraphQL endpoint; it must name a loopback host.
	URL string
	// Body is the JSON request body sent with every POST.
	Body []byte
	// Bodies, when not empty, replaces Body: request i sends
	// Bodies[i%len(Bodies)], so that a run cycles through several inputs
	// (warm-up and measured part each start at the first).
	Bodies [][]byte
	// Rate is the number of requests started per second.
	Rate float64
	// Duration bounds the measured part of the run.
	Duration time.Duration
	// Requests, when positive, also bounds the number of measured requests.
	Requests int
	// Warmup is sent at Rate before the measured part; its requests are
	// not recorded.
	Warmup time.Duration
	// Timeout bounds each request.
	Timeout time.Duration
	// MaxInFlight bounds the requests outstanding at once. A request due
	// while the bound is reached is not sent and counts as an error with
	// latency Timeout, so a stalled server shows up as errors and high
	// latency rather than as a slower schedule.
	MaxInFlight int
	// Probes are read when the measured part starts and when it ends; the
	// difference divided by the request count is reported per probe.
	Probes []Probe
}

// Probe reads a cumulative quantity, such as the CPU time a process has
// used so far.
type Probe struct {
	// Name labels the probe in the result.
	Name string
	// Read returns the current value.
	Read func() (time.Duration, error)
}

// validate checks c against the bounds above and the loopback rule.
func (c Config) validate() error {
	if err := checkLoopbackURL(c.URL); err != nil {
		return err
	}
	switch {
	case !(c.Rate > 0) || c.Rate > MaxRate:
		return fmt.Errorf("rate %v is out of range (0, %d]", c.Rate, MaxRate)
	case c.Duration <= 0 || c.Duration > MaxDuration:
		return fmt.Errorf("duration %v is out of range (0, %v]", c.Duration, MaxDuration)
	case c.Requests < 0 || c.Requests > MaxRequests:
		return fmt.Errorf("requests %d is out of range [0, %d]", c.Requests, MaxRequests)
	case c.Warmup < 0 || c.Warmup > MaxDuration:
		return fmt.Errorf("warm-up %v is out of range [0, %v]", c.Warmup, MaxDuration)
	case c.Timeout <= 0:
		return fmt.Errorf("timeout %v must be positive", c.Timeout)
	case c.MaxInFlight <= 0:
		return fmt.Errorf("max in flight %d must be positive", c.MaxInFlight)
	}
	return nil
}

// body returns the request body of request i.
func (c Config) body(i int) []byte {
	if len(c.Bodies) > 0 {
		return c.Bodies[i%len(c.Bodies)]
	}
	return c.Body
}

// sample is the outcome of one measured request.
type sample struct {
	// latency runs from the time the request was due, not the time it was
	// sent, so that a late send (a stalled generator) still counts.
	latency time.Duration
	// lag is how late the generator sent the request.
	lag time.Duration
	// fail names the error class, or is empty on success.
	fail string
	// bytes is the size of the response body.
	bytes int
}

// Result summarises a run. Latencies (P50 to Max, Mean, SendLagP99) are in
// milliseconds and cover every measured request, failed ones included (a
// timed-out request, or one not sent because MaxInFlight were outstanding,
// counts with the timeout); Duration is in seconds;
// Achieved is the measured requests divided by Duration.
type Result struct {
	URL         string         `json:"url"`
	Rate        float64        `json:"rate"`
	Duration    float64        `json:"duration_s"`
	Requests    int            `json:"requests"`
	Errors      int            `json:"errors"`
	ErrorKinds  map[string]int `json:"error_kinds,omitempty"`
	FirstError  string         `json:"first_error,omitempty"`
	Achieved    float64        `json:"achieved_rate"`
	P50         float64        `json:"p50_ms"`
	P90         float64        `json:"p90_ms"`
	P99         float64        `json:"p99_ms"`
	Max         float64        `json:"max_ms"`
	Mean        float64        `json:"mean_ms"`
	SendLagP99  float64        `json:"send_lag_p99_ms"`
	BytesPerReq float64        `json:"bytes_per_request"`
	// CPUPerReq is each probe's increase per request, in milliseconds.
	CPUPerReq map[string]float64 `json:"cpu_ms_per_request,omitempty"`
}

// String is the one-line summary.
func (r Result) String() string {
	s := fmt.Sprintf("%d requests in %.1fs (%.1f req/s of %.0f), %d errors, latency p50 %s p90 %s p99 %s max %s, send lag p99 %s",
		r.Requests, r.Duration, r.Achieved, r.Rate, r.Errors,
		fmtMS(r.P50), fmtMS(r.P90), fmtMS(r.P99), fmtMS(r.Max), fmtMS(r.SendLagP99))
	names := make([]string, 0, len(r.CPUPerReq))
	for name := range r.CPUPerReq {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s += fmt.Sprintf(", %s CPU %s/request", name, fmtMS(r.CPUPerReq[name]))
	}
	return s
}

func fmtMS(ms float64) string { return fmt.Sprintf("%.2fms", ms) }

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of
// sorted, which must be in ascending order, or 0 when it is empty.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// newClient returns an HTTP client whose connections may only reach
// loopback addresses (checked on the resolved address, so a name that
// resolves elsewhere is refused too) and which does not follow redirects.
func newClient(cfg Config) *http.Client {
	dialer := &net.Dialer{Timeout: cfg.Timeout, Control: loopbackOnly}
	tr := &http.Transport{
		DialContext:         dialer.DialContext,
		MaxIdleConns:        cfg.MaxInFlight,
		MaxIdleConnsPerHost: cfg.MaxInFlight,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// Run sends requests at cfg.Rate until cfg.Duration has passed or
// cfg.Requests were sent, waits for the outstanding ones and summarises.
// Requests are scheduled at fixed intervals from the start whatever the
// responses do (an open loop), and each latency is measured from the time
// the request was due.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if err := cfg.validate(); err != nil {
		return Result{}, err
	}
	client := newClient(cfg)
	defer client.CloseIdleConnections()

	if cfg.Warmup > 0 {
		warm := cfg
		warm.Duration, warm.Requests = cfg.Warmup, 0
		if _, err := schedule(ctx, client, warm); err != nil {
			return Result{}, err
		}
	}
	before, err := readProbes(cfg.Probes)
	if err != nil {
		return Result{}, err
	}
	start := time.Now()
	samples, err := schedule(ctx, client, cfg)
	if err != nil {
		return Result{}, err
	}
	elapsed := time.Since(start)
	after, err := readProbes(cfg.Probes)
	if err != nil {
		return Result{}, err
	}
	res := summarize(cfg, samples, elapsed)
	if len(cfg.Probes) > 0 && len(samples) > 0 {
		res.CPUPerReq = map[string]float64{}
		for i, p := range cfg.Probes {
			res.CPUPerReq[p.Name] = float64(after[i]-before[i]) / float64(time.Millisecond) / float64(len(samples))
		}
	}
	return res, nil
}

// readProbes reads every probe in order.
func readProbes(probes []Probe) ([]time.Duration, error) {
	vals := make([]time.Duration, len(probes))
	for i, p := range probes {
		v, err := p.Read()
		if err != nil {
			return nil, fmt.Errorf("probe %s: %w", p.Name, err)
		}
		vals[i] = v
	}
	return vals, nil
}

// schedule runs the open loop and returns every request's outcome.
func schedule(ctx context.Context, client *http.Client, cfg Config) ([]sample, error) {
	// Request i is due at i/rate seconds; those due before Duration run.
	// The small epsilon keeps 300/s for 100ms at 30, not 31.
	n := int(math.Ceil(cfg.Duration.Seconds()*cfg.Rate - 1e-9))
	if cfg.Requests > 0 {
		n = min(n, cfg.Requests)
	}
	samples := make([]sample, n)
	slots := make(chan struct{}, cfg.MaxInFlight)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		due := start.Add(time.Duration(float64(i) * float64(time.Second) / cfg.Rate))
		if d := time.Until(due); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-ctx.Done():
				t.Stop()
				wg.Wait()
				return nil, ctx.Err()
			case <-t.C:
			}
		} else if ctx.Err() != nil {
			wg.Wait()
			return nil, ctx.Err()
		}
		select {
		case slots <- struct{}{}:
		default:
			// Not sent: it would have queued behind MaxInFlight others,
			// so it counts as failing after the full timeout.
			samples[i] = sample{latency: cfg.Timeout, lag: time.Since(due), fail: "too many in flight"}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			samples[i] = send(ctx, client, cfg, cfg.body(i), due)
		}()
	}
	wg.Wait()
	return samples, nil
}

// send posts one request and classifies its outcome. A request succeeds
// when it gets status 200 and a JSON body without GraphQL errors.
func send(ctx context.Context, client *http.Client, cfg Config, reqBody []byte, due time.Time) sample {
	s := sample{lag: time.Since(due)}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.URL, bytes.NewReader(reqBody))
	if err != nil {
		s.fail = "request: " + err.Error()
		s.latency = time.Since(due)
		return s
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	resp, err := client.Do(req)
	if err != nil {
		s.latency = time.Since(due)
		s.fail = classify(err)
		return s
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	s.latency = time.Since(due)
	switch {
	case err != nil:
		s.fail = "read body: " + classify(err)
	case resp.StatusCode != http.StatusOK:
		s.fail = fmt.Sprintf("status %d: %s", resp.StatusCode, firstLine(body))
	default:
		s.fail = graphQLFailure(body)
	}
	s.bytes = len(body)
	return s
}

// graphQLFailure returns "" when body is a GraphQL response with data and
// no errors, else a short description.
func graphQLFailure(body []byte) string {
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return "bad JSON: " + err.Error()
	}
	if len(r.Errors) > 0 {
		return "graphql: " + r.Errors[0].Message
	}
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return "graphql: no data"
	}
	return ""
}

// classify names a transport error without the per-request details, so
// that the error kinds stay few.
func classify(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, errNotLoopback):
		return errNotLoopback.Error()
	}
	return "transport: " + err.Error()
}

func firstLine(b []byte) string {
	s := string(b)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// summarize turns samples into a Result.
func summarize(cfg Config, samples []sample, elapsed time.Duration) Result {
	r := Result{
		URL:      cfg.URL,
		Rate:     cfg.Rate,
		Duration: elapsed.Seconds(),
		Requests: len(samples),
	}
	lat := make([]time.Duration, len(samples))
	lag := make([]time.Duration, len(samples))
	var sum time.Duration
	var bytes int64
	for i, s := range samples {
		lat[i], lag[i] = s.latency, s.lag
		sum += s.latency
		bytes += int64(s.bytes)
		if s.fail != "" {
			r.Errors++
			if r.ErrorKinds == nil {
				r.ErrorKinds = map[string]int{}
				r.FirstError = s.fail
			}
			kind := s.fail
			if len(r.ErrorKinds) >= 20 && r.ErrorKinds[kind] == 0 {
				kind = "other"
			}
			r.ErrorKinds[kind]++
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	sort.Slice(lag, func(i, j int) bool { return lag[i] < lag[j] })
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	r.P50 = ms(Percentile(lat, 50))
	r.P90 = ms(Percentile(lat, 90))
	r.P99 = ms(Percentile(lat, 99))
	r.Max = ms(Percentile(lat, 100))
	r.SendLagP99 = ms(Percentile(lag, 99))
	if len(samples) > 0 {
		r.Mean = ms(sum / time.Duration(len(samples)))
		r.BytesPerReq = float64(bytes) / float64(len(samples))
	}
	if elapsed > 0 {
		r.Achieved = float64(len(samples)) / elapsed.Seconds()
	}
	return r
}
