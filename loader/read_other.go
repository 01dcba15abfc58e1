//go:build !unix

package loader

import (
	"io/fs"
	"os"
)

// openRegular opens path for reading and returns errNotRegular for
// anything but a regular file.
func openRegular(path string) (*os.File, error) {
	return onlyRegular(os.Open(path))
}

// fileKey identifies a file; without inode numbers files are not told
// apart by identity, only by path.
type fileKey struct{}

// keyOf reports that identities are unknown here.
func keyOf(fs.FileInfo) (fileKey, bool) { return fileKey{}, false }
