package neo4jstore

import "github.com/neo4j/neo4j-go-driver/v5/neo4j"

// FailTransactions makes the next n write transactions fail at their first
// statement with a deadlock, as the server reports one (n <= 0 turns this
// off). It returns a function that reports how many failed.
func FailTransactions(n int) (failed func() int) {
	if n <= 0 {
		testHookAfterStatement = nil
		return func() int { return 0 }
	}
	count := 0
	testHookAfterStatement = func(i int) error {
		if i == 0 && count < n {
			count++
			return &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "test: deadlock"}
		}
		return nil
	}
	return func() int { return count }
}
