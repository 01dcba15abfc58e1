// Command loadgen measures the latency of a GraphQL endpoint on this machine
// under a fixed request rate. tools/bench-api.sh drives it against
// `partnergraph serve` (see the README's Performance section).
//
// It is an open-loop generator: request i is due at start + i/rate whether
// or not earlier requests have been answered, and its latency runs from that
// due time to the end of its response. A slow server therefore shows up as
// high latency instead of as a lower request rate (no coordinated
// omission). The run is bounded by -duration and -n, and only loopback
// targets (localhost, 127.0.0.0/8, ::1) are accepted.
//
// Usage:
//
//	loadgen [flags] -query '{ counts { nodes } }'
//	loadgen [flags] -query-file q.graphql -variables '{"id":"sega"}'
//	loadgen [flags] -query-file q.graphql -variables-file inputs.jsonl
//
// With -variables-file, a file of JSON objects one a line, request i sends
// the variables of line i modulo the number of lines, so that a run cycles
// through many inputs instead of repeating one.
//
// It prints one summary line with the request count, the errors and the
// p50, p90, p99 and maximum latency, and with -cpu NAME=PID the CPU time
// the process PID used per request (the server's, the database's, and then
// also the generator's own); -json FILE (or -json - for stdout)
// writes the same figures as JSON. The exit status is 1 when any request
// failed (a non-200 status, GraphQL errors, a timeout), 2 for a usage error.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var u usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, &u):
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// usageError marks a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errFailures is returned when the run completed but some requests failed.
var errFailures = errors.New("some requests failed")

// run parses args, runs the load and writes the summary.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg       Config
		query     = fs.String("query", "", "GraphQL `document` to send")
		queryFile = fs.String("query-file", "", "read the GraphQL document from `file`")
		variables = fs.String("variables", "", "GraphQL variables as a JSON `object`")
		varsFile  = fs.String("variables-file", "", "cycle through the variables in `file`, one JSON object a line")
		opName    = fs.String("operation", "", "GraphQL operation `name`")
		name      = fs.String("name", "", "`label` printed before the summary and stored in the JSON")
		jsonOut   = fs.String("json", "", "also write the result as JSON to `file` (- for stdout)")
	)
	fs.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint (loopback only)")
	fs.Float64Var(&cfg.Rate, "rate", 100, fmt.Sprintf("requests started per second (at most %d)", MaxRate))
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Second, fmt.Sprintf("length of the measured run (at most %v)", MaxDuration))
	fs.IntVar(&cfg.Requests, "n", 0, "stop after this many measured requests (0: rate × duration)")
	fs.DurationVar(&cfg.Warmup, "warmup", 0, "send at the same rate for this long first, unrecorded")
	fs.DurationVar(&cfg.Timeout, "timeout", 5*time.Second, "per-request timeout")
	fs.IntVar(&cfg.MaxInFlight, "max-in-flight", 512, "requests outstanding at most; a request due beyond it fails")
	fs.Var((*probeFlag)(&cfg.Probes), "cpu", "report the CPU time per request of process `NAME=PID` (Linux; repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: loadgen [flags] (-query DOC | -query-file FILE)\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if *varsFile != "" {
		if *variables != "" {
			return usageError{errors.New("give -variables or -variables-file, not both")}
		}
		lines, err := readLines(*varsFile)
		if err != nil {
			return usageError{err}
		}
		for _, v := range lines {
			body, err := requestBody(*query, *queryFile, v, *opName)
			if err != nil {
				return usageError{fmt.Errorf("%s: %w", *varsFile, err)}
			}
			cfg.Bodies = append(cfg.Bodies, body)
		}
		if len(cfg.Bodies) == 0 {
			return usageError{fmt.Errorf("%s holds no variables", *varsFile)}
		}
	} else {
		body, err := requestBody(*query, *queryFile, *variables, *opName)
		if err != nil {
			return usageError{err}
		}
		cfg.Body = body
	}
	if len(cfg.Probes) > 0 {
		// The generator's own share, to show it is not the bottleneck.
		cfg.Probes = append(cfg.Probes, processCPU("loadgen", os.Getpid()))
	}
	if err := cfg.validate(); err != nil {
		return usageError{err}
	}

	res, err := Run(ctx, cfg)
	if err != nil {
		return err
	}
	prefix := ""
	if *name != "" {
		prefix = *name + ": "
	}
	fmt.Fprintf(stdout, "%s%s\n", prefix, res)
	if res.Errors > 0 {
		fmt.Fprintf(stderr, "loadgen: %d errors, first: %s\n", res.Errors, res.FirstError)
	}
	if *jsonOut != "" {
		if err := writeJSON(*jsonOut, *name, res, stdout); err != nil {
			return err
		}
	}
	if res.Errors > 0 {
		return errFailures
	}
	return nil
}

// requestBody builds the JSON body of a GraphQL POST.
func requestBody(query, file, variables, opName string) ([]byte, error) {
	switch {
	case query != "" && file != "":
		return nil, errors.New("give -query or -query-file, not both")
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("read query: %w", err)
		}
		query = string(b)
	case query == "":
		return nil, errors.New("a query is needed: -query or -query-file")
	}
	req := struct {
		Query         string          `json:"query"`
		Variables     json.RawMessage `json:"variables,omitempty"`
		OperationName string          `json:"operationName,omitempty"`
	}{Query: query, OperationName: opName}
	if variables != "" {
		var obj map[string]any
		if err := json.Unmarshal([]byte(variables), &obj); err != nil {
			return nil, fmt.Errorf("-variables must be a JSON object: %w", err)
		}
		req.Variables = json.RawMessage(variables)
	}
	return json.Marshal(req)
}

// readLines returns the lines of path that are not blank.
func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read variables: %w", err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// writeJSON writes res, labelled with name, to path or to stdout for "-".
func writeJSON(path, name string, res Result, stdout io.Writer) error {
	b, err := json.Marshal(struct {
		Name string `json:"name,omitempty"`
		Result
	}{name, res})
	if err != nil {
		return fmt.Errorf("encode result: %w", err)
	}
	b = append(b, '\n')
	if path == "-" {
		_, err = stdout.Write(b)
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	return nil
}
