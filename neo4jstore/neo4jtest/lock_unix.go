//go:build unix

package neo4jtest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"syscall"
)

// lockFile is held, once taken, until the process exits.
var lockFile *os.File

// lockServer waits until no other test process uses the server at u, and
// then keeps it for this process: tests wipe the database, so two test
// binaries must not share it at the same time.
func lockServer(u string) {
	sum := sha256.Sum256([]byte(u))
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "partnergraph-neo4jtest-"+hex.EncodeToString(sum[:6])+".lock"),
		os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return // best effort: without a lock file tests still run
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		_ = f.Close()
		return
	}
	lockFile = f
}
