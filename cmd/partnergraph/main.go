// Command partnergraph loads news articles into a graph of companies,
// platforms and deals and serves it over GraphQL.
//
// Usage:
//
//	partnergraph load [flags] PATH...     load articles into the store
//	partnergraph serve [flags] [PATH...]  serve the GraphQL API and playground
//	partnergraph extract PATH...          print what extraction finds, as JSON lines
//	partnergraph eval GOLD_DIR...         score extraction against gold labels
//	partnergraph gen [flags]              write synthetic articles as JSONL
//	partnergraph version                  print the version
//	partnergraph help [COMMAND]           show help
//
// Run "partnergraph help COMMAND" for the flags of a command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.3"; otherwise it comes from the build info.
var version = ""

func main() {
	ctx, stop := stopOnSignal(os.Stderr)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var se skippedError
		if errors.As(err, &se) {
			fmt.Fprintf(os.Stderr, "partnergraph: %v\n", err)
			os.Exit(exitSkipped)
		}
		fmt.Fprintf(os.Stderr, "partnergraph: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(os.Stderr, "Run 'partnergraph help %s' for usage.\n", ue.cmd)
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// stopOnSignal returns a context cancelled by the first SIGINT or
// SIGTERM, so that the command stops cleanly (serve drains its requests,
// load keeps the batches written); a second signal exits at once, with
// status 1. stop releases the signals.
func stopOnSignal(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			fmt.Fprintf(stderr, "partnergraph: %v: stopping (send it again to exit at once)\n", s)
			cancel()
		case <-done:
			return
		}
		select {
		case s := <-sigs:
			fmt.Fprintf(stderr, "partnergraph: second %v: exiting at once\n", s)
			os.Exit(1)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}

// usageError is a mistake on the command line: an unknown command or flag,
// a missing argument.
type usageError struct {
	cmd string
	err error
}

func (e usageError) Error() string {
	if e.cmd == "" {
		return e.err.Error()
	}
	return e.cmd + ": " + e.err.Error()
}

func (e usageError) Unwrap() error { return e.err }

func usagef(cmd, format string, args ...any) error {
	return usageError{cmd: cmd, err: fmt.Errorf(format, args...)}
}

// run is the whole program: args[0] is the program name, getenv reads the
// environment. It returns when the command is done or, for serve, when ctx
// is cancelled.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, mainUsage)
		return usagef("", "no command given")
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "load":
		return runLoad(ctx, rest, getenv, stdin, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, getenv, stdin, stdout, stderr)
	case "extract":
		return runExtract(ctx, rest, stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, rest, stdin, stdout, stderr)
	case "gen":
		return runGen(ctx, rest, stdout, stderr)
	case "version", "--version", "-version":
		_, err := fmt.Fprintln(stdout, versionString())
		return err
	case "help", "-h", "-help", "--help":
		return runHelp(ctx, rest, stdout)
	}
	return usagef("", "unknown command %q (commands: load, serve, extract, eval, gen, version, help)", cmd)
}

const mainUsage = `partnergraph turns news articles into a graph of companies, platforms and
deals, and serves it over GraphQL.

Usage:
  partnergraph load [flags] PATH...     load articles into the store
  partnergraph serve [flags] [PATH...]  serve the GraphQL API and playground
  partnergraph extract PATH...          print what extraction finds, as JSON lines
  partnergraph eval GOLD_DIR...         score extraction against gold labels
  partnergraph gen [flags]              write synthetic articles as JSONL
  partnergraph version                  print the version
  partnergraph help [COMMAND]           show help for a command

PATH is a file, a directory (read recursively) or - for JSONL on stdin.
Formats: .txt/.md (optional front matter), .html/.htm, .jsonl, .xml/.rss/.atom.
`

func runHelp(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		_, err := fmt.Fprint(stdout, mainUsage)
		return err
	}
	var fs *flag.FlagSet
	switch args[0] {
	case "load":
		fs, _ = loadFlags(func(string) string { return "" })
	case "serve":
		fs, _ = serveFlags(func(string) string { return "" })
	case "gen":
		fs, _ = genFlags()
	case "extract":
		// Their flags are their own: let them print their usage, to stdout.
		return runExtract(ctx, []string{"-h"}, nil, stdout, stdout)
	case "eval":
		return runEval(ctx, []string{"-h"}, nil, stdout, stdout)
	case "version":
		_, err := fmt.Fprintln(stdout, "usage: partnergraph version\n\nPrints the version of the binary.")
		return err
	case "help":
		_, err := fmt.Fprint(stdout, mainUsage)
		return err
	default:
		return usagef("help", "unknown command %q", args[0])
	}
	fs.SetOutput(stdout)
	fs.Usage()
	return nil
}

// versionString describes the build: the version set at link time or
// recorded by the go command, the VCS revision when known, and Go's version.
func versionString() string {
	v := version
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	parts := []string{"partnergraph", v}
	if rev != "" {
		parts = append(parts, rev)
	}
	return strings.Join(append(parts, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH), " ")
}

// parseFlags parses args with fs, allowing flags after positional
// arguments ("load dir --data x"); everything after "--" is positional.
// -h and --help print the command's usage to stdout and return flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				fs.Usage()
				return nil, err
			}
			return nil, usageError{cmd: fs.Name(), err: err}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return append(pos, tail...), nil
}

// listFlag is a flag that may be repeated; each value may also hold a
// comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// pathsFlag is a flag that may be repeated, one path per use.
type pathsFlag []string

func (p *pathsFlag) String() string { return strings.Join(*p, " ") }

func (p *pathsFlag) Set(s string) error {
	*p = append(*p, s)
	return nil
}
