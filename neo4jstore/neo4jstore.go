// Package neo4jstore keeps the partnership graph in Neo4j and implements
// [partnergraph.Store] on it with the official Go driver.
//
// The graph model is the one analysts query with Cypher directly:
//
//	(:Company)-[:PARTY_TO {role, position}]->(:Deal)-[:ON_PLATFORM]->(:Platform)-[:OWNED_BY]->(:Company)
//	(:Company)-[:OWNS {articleId, dealId, date}]->(:Company)
//	(:Article)-[:REPORTS {sentence, start, end, year, status, platformIds, confidence, published, type, partyIds, partyRoles, value, currency, rules}]->(:Deal)
//	(:Article)-[:MENTIONS]->(:Company|Platform)
//	(:Curation {seq, kind, …})
//
// Company resolution finds companies by key in (:CompanyKey {key})-[:KEY_OF]->(:Company)
// entries (storekit.MatchKeys), which are not part of the model.
//
// Every write (a [partnergraph.Batch] or a curation) is one transaction run
// with ExecuteWrite, so transient errors are retried and a batch lands all or
// nothing. Inside it the store reads the records the batch touches, merges
// them in Go with the merge engine memstore uses too (internal/storekit's
// Overlay), and writes the result back with a fixed set of parameterised
// `UNWIND $rows … MERGE` statements. Writers are serialised by
// a lock node, (:PartnergraphLock), so concurrent writers never lose updates.
// Reads are managed read transactions of one parameterised query each on
// the configured database, retried on transient errors. Names, aliases,
// name prefixes and search text are found through TEXT indexes (see
// namesKey). Besides the [partnergraph.Reader] calls, the store implements
// the read plans of the GraphQL API (package graph/plan: a company with its
// deals, parties and platforms; a page of deals with its count; pages of
// deals or companies with their parties' deals; a neighbourhood) with one
// query each, so that each common request costs one round trip.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is the server address: bolt://host:7687 for one server, or
	// neo4j://host and neo4j+s://host (Aura) for a routing cluster.
	URI string
	// Username and Password authenticate; an empty Username means no
	// authentication.
	Username, Password string
	// Database is the database to use; "" is the server's default one.
	Database string

	// The budgets below bound how long a call waits on a server that does
	// not answer; zero fields take the defaults.

	// AcquireTimeout bounds getting a connection, checked first if it was
	// idle: a server that is down or frozen fails a call within it.
	AcquireTimeout time.Duration
	// RetryTime bounds the driver's retries of a transaction after
	// transient errors.
	RetryTime time.Duration
	// SchemaTimeout bounds creating the schema at Open, which on a server
	// still starting up (or a loaded machine) takes a while.
	SchemaTimeout time.Duration
	// SuspectAfter, ProbeTimeout and ProbeEvery tune outage detection: a
	// call still running after SuspectAfter, or failing as unavailable,
	// starts a probe bounded by ProbeTimeout; a failed probe marks an
	// outage, during which calls fail at once and the probe is repeated
	// every ProbeEvery.
	SuspectAfter, ProbeTimeout, ProbeEvery time.Duration
}

// The defaults of Config's budgets.
const (
	DefaultAcquireTimeout = 5 * time.Second
	DefaultRetryTime      = 5 * time.Second
	DefaultSchemaTimeout  = 3 * time.Minute
	DefaultSuspectAfter   = 2 * time.Second
	DefaultProbeTimeout   = 5 * time.Second
	DefaultProbeEvery     = time.Second
	// livenessCheckIdle is how long a pooled connection may sit idle
	// before it is checked on borrowing.
	livenessCheckIdle = 2 * time.Second
)

func (c Config) withDefaults() Config {
	for _, f := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&c.AcquireTimeout, DefaultAcquireTimeout}, {&c.RetryTime, DefaultRetryTime}, {&c.SchemaTimeout, DefaultSchemaTimeout},
		{&c.SuspectAfter, DefaultSuspectAfter}, {&c.ProbeTimeout, DefaultProbeTimeout}, {&c.ProbeEvery, DefaultProbeEvery},
	} {
		if *f.v <= 0 {
			*f.v = f.def
		}
	}
	return c
}

// Store is a [pg.Store] backed by Neo4j. It is safe for concurrent use.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	uri    string
	logger *slog.Logger
	health *health
}

var _ pg.Store = (*Store)(nil)

// openTimeout bounds how long Open waits for the server to answer.
const openTimeout = 15 * time.Second

// Open connects to the Neo4j server cfg names, checks that it answers, and
// creates the schema (constraints and indexes) if it is missing. An
// unreachable server or rejected credentials give a one-line error wrapping
// [pg.ErrUnavailable]; so does a schema step that does not finish within
// cfg.SchemaTimeout, with a message saying it timed out.
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if strings.TrimSpace(cfg.URI) == "" {
		return nil, fmt.Errorf("neo4jstore: empty URI: %w", pg.ErrInvalid)
	}
	cfg = cfg.withDefaults()
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *neo4j.Config) {
		c.SocketConnectTimeout = cfg.AcquireTimeout
		c.ConnectionAcquisitionTimeout = cfg.AcquireTimeout
		c.ConnectionLivenessCheckTimeout = livenessCheckIdle
		c.MaxTransactionRetryTime = cfg.RetryTime
	})
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: %s: %s: %w", cfg.URI, oneLine(err), pg.ErrInvalid)
	}
	s := &Store{driver: driver, db: cfg.Database, uri: cfg.URI, logger: logger}
	s.health = newHealth(s, cfg)
	octx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	if err := driver.VerifyConnectivity(octx); err != nil {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("neo4jstore: %w", s.unavailable(err))
	}
	start := time.Now()
	sctx, cancel := context.WithTimeout(ctx, cfg.SchemaTimeout)
	defer cancel()
	err = s.ensureSchema(sctx)
	if err == nil {
		err = s.backfillKeys(sctx)
	}
	if err != nil {
		s.health.close()
		_ = driver.Close(context.WithoutCancel(ctx))
		if sctx.Err() != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("neo4jstore: create schema at %s: timed out after %s: the server accepted the connection but did not finish (it may still be starting, or the machine is overloaded): %w",
				s.uri, cfg.SchemaTimeout, pg.ErrUnavailable)
		}
		return nil, err
	}
	logger.Info("neo4j store opened", "uri", cfg.URI, "database", cfg.Database, "schema", time.Since(start))
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	s.health.close()
	if err := s.driver.Close(context.Background()); err != nil {
		return fmt.Errorf("neo4jstore: close: %w", err)
	}
	return nil
}

// schema is created at Open, and properties added by later versions of the
// store are filled in. Every statement is idempotent.
var schema = []string{
	"CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT deal_id IF NOT EXISTS FOR (n:Deal) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT curation_seq IF NOT EXISTS FOR (n:Curation) REQUIRE n.seq IS UNIQUE",
	"CREATE CONSTRAINT partnergraph_lock_id IF NOT EXISTS FOR (n:PartnergraphLock) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT company_key IF NOT EXISTS FOR (n:CompanyKey) REQUIRE n.key IS UNIQUE",
	"CREATE INDEX company_stated_parent IF NOT EXISTS FOR (n:Company) ON (n.statedParentId)",
	"CREATE INDEX company_name_key IF NOT EXISTS FOR (n:Company) ON (n.nameKey)",
	"CREATE INDEX platform_name_key IF NOT EXISTS FOR (n:Platform) ON (n.nameKey)",
	"CREATE INDEX deal_year IF NOT EXISTS FOR (n:Deal) ON (n.year)",
	// The year orders of Deals page through these two in index order.
	"CREATE INDEX deal_year_id IF NOT EXISTS FOR (n:Deal) ON (n.year, n.id)",
	"CREATE INDEX deal_year_desc_id IF NOT EXISTS FOR (n:Deal) ON (n.yearDesc, n.id)",
	// Deals written before yearDesc existed get it.
	"MATCH (d:Deal) WHERE d.yearDesc IS NULL AND d.year IS NOT NULL SET d.yearDesc = -d.year",
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Company|Platform) ON EACH [n.name, n.aliases]",
	// Look-up by name or alias, name prefix and search go through these
	// TEXT indexes (trigram, for CONTAINS) on names (see namesKey) and on
	// the deals' summaries.
	"CREATE TEXT INDEX company_names IF NOT EXISTS FOR (n:Company) ON (n.names)",
	"CREATE TEXT INDEX platform_names IF NOT EXISTS FOR (n:Platform) ON (n.names)",
	"CREATE TEXT INDEX deal_summary_key IF NOT EXISTS FOR (n:Deal) ON (n.summaryKey)",
	// Companies and platforms written before names existed get it.
	"MATCH (c:Company) WHERE c.names IS NULL AND c.nameKey IS NOT NULL SET c.names = " + namesExpr("c"),
	"MATCH (p:Platform) WHERE p.names IS NULL AND p.nameKey IS NOT NULL SET p.names = " + namesExpr("p"),
	// The new indexes are online before the first read needs them.
	"CALL db.awaitIndexes(120)",
}

func (s *Store) ensureSchema(ctx context.Context) error {
	for _, q := range schema {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithWritersRouting())
		if err != nil {
			return s.wrap(ctx, "create schema", err)
		}
	}
	return nil
}

// read runs one read query in a managed read transaction and returns its
// records. Sharing ExecuteQuery's bookmark manager makes the read see
// earlier writes on any cluster member.
func (s *Store) read(ctx context.Context, what, query string, params map[string]any) ([]*neo4j.Record, error) {
	if testHookRead != nil {
		testHookRead(query, params)
	}
	cctx, done, err := s.health.begin(ctx, what)
	if err != nil {
		return nil, err
	}
	defer done()
	// A managed read transaction: the driver retries transient errors and
	// routes it to a reader when the URI is a neo4j:// routing one.
	session := s.driver.NewSession(cctx, neo4j.SessionConfig{
		DatabaseName: s.db, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
	defer session.Close(context.WithoutCancel(ctx))
	recs, err := session.ExecuteRead(cctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(cctx, query, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(cctx)
	})
	if err != nil {
		return nil, s.health.end(cctx, what, s.wrap(ctx, what, err))
	}
	return recs.([]*neo4j.Record), nil
}

// testHookRead, when set by a test, sees every read query and its
// parameters before it runs.
var testHookRead func(query string, params map[string]any)

// write runs work in one write transaction, retried by the driver on
// transient errors. work gets the call's context, which an outage cancels:
// it must use it for every statement.
func (s *Store) write(ctx context.Context, what string, work func(ctx context.Context, tx neo4j.ManagedTransaction) error) error {
	cctx, done, err := s.health.begin(ctx, what)
	if err != nil {
		return err
	}
	defer done()
	// Sharing ExecuteQuery's bookmark manager makes later reads, on any
	// cluster member, see this write.
	session := s.driver.NewSession(cctx, neo4j.SessionConfig{
		DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager(),
	})
	defer session.Close(context.WithoutCancel(ctx))
	_, err = session.ExecuteWrite(cctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(cctx, tx)
	})
	if err != nil {
		return s.health.end(cctx, what, s.wrap(ctx, what, err))
	}
	return nil
}

// wrap adds context to err; errors of the domain pass through, errors that
// mean the server cannot be used become ErrUnavailable, and an error after
// the caller's deadline (ctx) passed says it timed out: the server was
// reached, it was slow.
func (s *Store) wrap(ctx context.Context, what string, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("neo4jstore: %s: timed out waiting for the server at %s: %w", what, s.uri, context.DeadlineExceeded)
	}
	if errors.Is(err, pg.ErrInvalid) || errors.Is(err, pg.ErrNotFound) || errors.Is(err, pg.ErrConflict) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("neo4jstore: %s: %w", what, err)
	}
	if isUnavailable(err) {
		return fmt.Errorf("neo4jstore: %s at %s: %w", what, s.uri, s.unavailable(err))
	}
	if isTransient(err) {
		return fmt.Errorf("neo4jstore: %s: %s: %w", what, oneLine(err), errTransient)
	}
	return fmt.Errorf("neo4jstore: %s: %s", what, oneLine(err))
}

// isUnavailable reports whether err means the server cannot be reached or
// refuses the credentials.
func isUnavailable(err error) bool {
	var conn *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	var n4j *neo4j.Neo4jError
	var expired *neo4j.TokenExpiredError
	switch {
	case errors.As(err, &conn), errors.As(err, &expired):
		return true
	case errors.As(err, &n4j):
		return n4j.HasSecurityCode() || strings.HasPrefix(n4j.Code, "Neo.TransientError.General.DatabaseUnavailable")
	case errors.As(err, &limit):
		for _, e := range limit.Errors {
			if isUnavailable(e) {
				return true
			}
		}
	}
	return false
}

// unavailable turns a driver error into one clear line wrapping
// ErrUnavailable, without the driver's stack of causes.
func (s *Store) unavailable(err error) error {
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) && n4j.HasSecurityCode() {
		return fmt.Errorf("the server rejected the credentials (check the user name and password): %w", pg.ErrUnavailable)
	}
	msg := oneLine(err)
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) && conn.Inner != nil {
		msg = oneLine(conn.Inner)
	}
	return fmt.Errorf("cannot reach the server (%s): %w", msg, pg.ErrUnavailable)
}

// oneLine shortens a driver error to its first line.
func oneLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return strings.TrimSpace(msg)
}

// backfillKeys gives the companies written before company resolution
// existed their match keys (see storekit.MatchKeys), a thousand per
// transaction, so that resolution finds them.
func (s *Store) backfillKeys(ctx context.Context) error {
	recs, err := s.read(ctx, "look for companies without keys", "MATCH (c:Company) WHERE c.keys IS NULL RETURN c.id LIMIT 1", nil)
	if err != nil || len(recs) == 0 {
		return err
	}
	for {
		n := 0
		err := s.write(ctx, "add company keys", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
			res, err := tx.Run(ctx, "MATCH (c:Company) WHERE c.keys IS NULL WITH c LIMIT 1000 RETURN "+companyProjection+" AS n", nil)
			if err != nil {
				return err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return err
			}
			n = len(recs)
			if n == 0 {
				return nil
			}
			rows := make([]any, 0, n)
			for _, rec := range recs {
				rows = append(rows, companyRow(decodeCompany(column(rec, "n"))))
			}
			for _, q := range []string{putCompaniesQuery, putKeysQuery} {
				if _, err := tx.Run(ctx, q, map[string]any{"rows": rows}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || n == 0 {
			return err
		}
	}
}
