package neo4jstore

import "context"

// SetFailAfterStatement makes every write fail right after it has run n+1
// statements of its flush (n < 0 turns this off), for atomicity tests.
func SetFailAfterStatement(n int, err error) {
	if n < 0 {
		testHookAfterStatement = nil
		return
	}
	testHookAfterStatement = func(i int) error {
		if i == n {
			return err
		}
		return nil
	}
}

// SetReadHook makes f see every read query and its parameters before it
// runs (nil turns this off), for benchmarks that profile the reads.
func SetReadHook(f func(query string, params map[string]any)) {
	testHookRead = f
}

// Read runs one read query the way every read of the store does.
func (s *Store) Read(ctx context.Context, query string, params map[string]any) error {
	_, err := s.read(ctx, "test read", query, params)
	return err
}
