package neo4jtest

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ProcessCPU returns the user plus system CPU time that process pid (a
// Neo4j server, for the benchmarks that charge it its work per request)
// has used so far, read from /proc; zero when pid is empty.
func ProcessCPU(tb testing.TB, pid string) time.Duration {
	tb.Helper()
	if pid == "" {
		return 0
	}
	raw, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		tb.Fatalf("neo4j CPU time: %v", err)
	}
	// The fields after the command name (which may hold spaces) start with
	// the state; utime and stime are the 12th and 13th of them.
	f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
	if len(f) < 13 {
		tb.Fatalf("neo4j CPU time: cannot parse %s", raw)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		tb.Fatalf("neo4j CPU time: cannot parse %s", raw)
	}
	return time.Duration(ut+st) * time.Second / 100 // clock ticks of USER_HZ = 100
}
