package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/obs"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
)

// storeConfig says which store to open and how; load and serve share it.
type storeConfig struct {
	// Kind is "embedded" (the default) or "neo4j".
	Kind string
	// Data is the embedded store's file, or ":memory:".
	Data string
	// Neo4jURI, Neo4jUser, Neo4jPassword and Neo4jDatabase reach Neo4j.
	Neo4jURI, Neo4jUser, Neo4jPassword, Neo4jDatabase string
}

// defaultData is the embedded store's file when --data is not given.
const defaultData = "./partnergraph.db"

// storeEnv maps the Neo4j flags to the environment variables that supply
// them when the flag is not given.
var storeEnv = map[string]string{
	"neo4j-uri":      "NEO4J_URI",
	"neo4j-user":     "NEO4J_USERNAME",
	"neo4j-password": "NEO4J_PASSWORD",
	"neo4j-database": "NEO4J_DATABASE",
}

// addStoreFlags registers the store flags on fs.
func addStoreFlags(fs *flag.FlagSet, cfg *storeConfig) {
	fs.StringVar(&cfg.Data, "data", defaultData, "embedded store `file`; :memory: keeps nothing on disk")
	fs.StringVar(&cfg.Kind, "store", "embedded", "store `kind`: embedded or neo4j")
	fs.StringVar(&cfg.Neo4jURI, "neo4j-uri", "", "Neo4j `URI`, e.g. bolt://127.0.0.1:7687 (env NEO4J_URI)")
	fs.StringVar(&cfg.Neo4jUser, "neo4j-user", "", "Neo4j `user` (env NEO4J_USERNAME)")
	fs.StringVar(&cfg.Neo4jPassword, "neo4j-password", "", "Neo4j `password` (env NEO4J_PASSWORD)")
	fs.StringVar(&cfg.Neo4jDatabase, "neo4j-database", "", "Neo4j `database` (env NEO4J_DATABASE; default: the server's)")
}

// applyEnv fills every flag named in env that was not set on the command
// line from the environment variable env names.
func applyEnv(fs *flag.FlagSet, env map[string]string, getenv func(string) string) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for name, key := range env {
		if set[name] {
			continue
		}
		if v := getenv(key); v != "" {
			_ = fs.Set(name, v)
		}
	}
}

// validate checks cfg before anything is opened.
func (cfg storeConfig) validate(cmd string) error {
	switch cfg.Kind {
	case "embedded":
		if strings.TrimSpace(cfg.Data) == "" {
			return usagef(cmd, "--data is empty (give a file or :memory:)")
		}
	case "neo4j":
		if cfg.Neo4jURI == "" {
			return usagef(cmd, "--store neo4j needs --neo4j-uri or NEO4J_URI")
		}
	default:
		return usagef(cmd, "unknown --store %q (want embedded or neo4j)", cfg.Kind)
	}
	return nil
}

// openStore opens the store cfg describes.
func openStore(ctx context.Context, cfg storeConfig, logger *slog.Logger) (partnergraph.Store, error) {
	switch cfg.Kind {
	case "neo4j":
		s, err := openNeo4j(ctx, cfg, logger)
		if err != nil {
			return nil, fmt.Errorf("open neo4j store at %s: %w", cfg.Neo4jURI, err)
		}
		return s, nil
	default:
		s, err := memstore.Open(cfg.Data, logger)
		if err != nil {
			return nil, fmt.Errorf("open embedded store: %w", err)
		}
		return s, nil
	}
}

// logFlags are the logging flags shared by load and serve.
type logFlags struct {
	level string
}

func (l *logFlags) add(fs *flag.FlagSet, def string) {
	fs.StringVar(&l.level, "log-level", def, "log `level`: debug, info, warn or error")
}

// logger returns a text logger on w at the chosen level.
func (l *logFlags) logger(cmd string, w io.Writer) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(l.level)); err != nil {
		return nil, usagef(cmd, "bad --log-level %q (want debug, info, warn or error)", l.level)
	}
	return slog.New(obs.LogHandler{Handler: slog.NewTextHandler(w, &slog.HandlerOptions{Level: lv})}), nil
}

// newExtractor builds the extractor on the default gazetteer, extended with
// the file at path when path is not "".
func newExtractor(path string) (*loader.Extractor, error) {
	g, err := loader.DefaultGazetteer()
	if err != nil {
		return nil, fmt.Errorf("load default gazetteer: %w", err)
	}
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		defer f.Close()
		if err := g.Extend(f); err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", path, err)
		}
	}
	return loader.NewExtractor(g), nil
}

// withStoryModel returns x with the story classifier read from path, x
// without story-level rules for "none", or x itself for "".
func withStoryModel(x *loader.Extractor, path string) (*loader.Extractor, error) {
	switch path {
	case "":
		return x, nil
	case "none":
		return x.WithStoryModel(nil), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("story model: %w", err)
	}
	m, err := loader.ParseStoryModel(b)
	if err != nil {
		return nil, fmt.Errorf("story model %s: %w", path, err)
	}
	return x.WithStoryModel(m), nil
}

// checkPaths reports the first input path that does not exist, so that a
// typo fails at once with a clear message instead of an empty load.
func checkPaths(cmd string, paths []string) error {
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			if os.IsNotExist(err) {
				return fmt.Errorf("%s: %s: no such file or directory", cmd, p)
			}
			return fmt.Errorf("%s: %w", cmd, err)
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
