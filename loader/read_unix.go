//go:build unix

package loader

import (
	"io/fs"
	"os"
	"syscall"
)

// openRegular opens path for reading without blocking, so that a named
// pipe put in place of a checked file cannot hang the reader, and returns
// errNotRegular for anything but a regular file.
func openRegular(path string) (*os.File, error) {
	return onlyRegular(os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0))
}

// fileKey identifies a file or directory whatever path reaches it.
type fileKey struct{ dev, ino uint64 }

// keyOf returns the identity of the file info describes.
func keyOf(info fs.FileInfo) (fileKey, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true //nolint:unconvert // widths differ by platform
}
