//go:build !unix

package neo4jtest

// lockServer does nothing where flock is not available.
func lockServer(string) {}
