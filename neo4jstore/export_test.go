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
