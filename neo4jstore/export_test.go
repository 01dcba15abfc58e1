package neo4jstore

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
