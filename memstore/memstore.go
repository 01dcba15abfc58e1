// Package memstore is the embedded, zero-setup implementation of
// [partnergraph.Store]. The whole graph lives in memory with the indexes its
// reads need, so queries never scan the graph where an index does; every
// change is also written to a single bbolt file in one transaction, and the
// memory is rebuilt from that file when it is opened again. The special path
// ":memory:" keeps everything in memory only. Writes and curations are
// merged by internal/storekit's Overlay, the engine neo4jstore runs too, so
// both stores give the same answers.
package memstore

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	pg "github.com/partnergraph/partnergraph"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// InMemory is the path that makes Open create a store without a file.
const InMemory = ":memory:"

// lockTimeout is how long Open waits for another process to release the file.
const lockTimeout = 2 * time.Second

// Store is the embedded store. It is safe for concurrent use by many
// goroutines; only one process at a time can open the same file.
type Store struct {
	path   string
	logger *slog.Logger
	db     *bolt.DB // nil for InMemory
	closed bool     // guarded by wmu

	// wmu serialises writers, so a writer can prepare its changes under a
	// read lock and readers are blocked only while the changes are applied.
	wmu sync.Mutex
	// mu guards st.
	mu sync.RWMutex
	st *state

	// orders caches the sorted lists for the state version they were built at.
	omu    sync.Mutex
	orders *orders
}

var _ pg.Store = (*Store)(nil)

// Open opens the store kept in the file at path, creating the file if
// needed, and loads the graph into memory. The path InMemory keeps no file.
// If another process holds the file, Open gives up after a few seconds with
// an error wrapping [pg.ErrUnavailable].
func Open(path string, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Store{path: path, logger: logger, st: newState()}
	if path == InMemory {
		return s, nil
	}
	start := time.Now()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("memstore: open %s: the file is locked by another process (a running server?): %w: %w", path, pg.ErrUnavailable, err)
	}
	if err != nil {
		return nil, fmt.Errorf("memstore: open %s: %w", path, err)
	}
	s.db = db
	d, err := s.load()
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	s.st.apply(d)
	s.st.trim()
	c := s.counts()
	logger.Info("memstore opened", "path", path, "companies", c.Companies, "platforms", c.Platforms,
		"deals", c.Deals, "articles", c.Articles, "curations", len(s.st.curations), "took", time.Since(start))
	return s, nil
}

// Path returns the file the store is kept in, or InMemory.
func (s *Store) Path() string { return s.path }

// Close releases the file. The store must not be used afterwards.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	if err != nil {
		return fmt.Errorf("memstore: close %s: %w", s.path, err)
	}
	return nil
}

// Generation returns a number that grows with every write and curation
// applied, so equal generations mean equal data. Only this Store changes
// its file (bbolt locks it), so the number covers every change.
func (s *Store) Generation() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.version
}
