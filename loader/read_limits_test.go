//go:build unix

package loader_test

import (
	"bytes"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/loader"
)

// readWithin reads paths with lim, failing the test if reading does not
// finish within a minute (a FIFO used to block it for ever). It returns
// the source IDs read and the errors by origin.
func readWithin(t *testing.T, lim loader.Limits, paths ...string) (ids []string, errs map[string]string) {
	t.Helper()
	type out struct {
		ids  []string
		errs map[string]string
	}
	done := make(chan out, 1)
	go func() {
		o := out{errs: map[string]string{}}
		for a, err := range lim.Read(t.Context(), paths, nil) {
			if err != nil {
				o.errs[a.Origin] = err.Error()
				continue
			}
			o.ids = append(o.ids, a.SourceID)
		}
		done <- o
	}()
	select {
	case o := <-done:
		return o.ids, o.errs
	case <-time.After(time.Minute):
		t.Fatal("reading did not finish within a minute")
		return nil, nil
	}
}

const goodText = "Alpha Corp and Beta Inc agreed to merge.\n"

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadSkipsSpecialFiles: a named pipe, a link to a device and a socket
// with article extensions are named and skipped, never opened for reading,
// and the good file beside them is read.
func TestReadSkipsSpecialFiles(t *testing.T) {
	d := t.TempDir()
	write(t, filepath.Join(d, "good.txt"), goodText)
	if err := syscall.Mkfifo(filepath.Join(d, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(d, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("unix", filepath.Join(d, "sock.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	ids, errs := readWithin(t, loader.Limits{}, d)
	if strings.Join(ids, ",") != "good" {
		t.Errorf("read %v, want [good]", ids)
	}
	for name, want := range map[string]string{
		"pipe.txt":   "not a regular file (a named pipe)",
		"zero.txt":   "not a regular file (a character device)",
		"sock.jsonl": "not a regular file (a socket)",
	} {
		if got := errs[filepath.Join(d, name)]; !strings.Contains(got, want) {
			t.Errorf("%s: error %q, want it to say %q", name, got, want)
		}
	}
	// Given by name, a FIFO is refused the same way.
	if _, errs := readWithin(t, loader.Limits{}, filepath.Join(d, "pipe.txt")); len(errs) != 1 {
		t.Errorf("FIFO given by name: errors %v", errs)
	}
}

// TestReadSizeLimits: a file over the file limit is skipped unread (a 200
// MB sparse file costs nothing to make or to skip), an article over the
// article limit is skipped, and a JSONL line over it is named while the
// good lines after it are read.
func TestReadSizeLimits(t *testing.T) {
	d := t.TempDir()
	big, err := os.Create(filepath.Join(d, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()
	write(t, filepath.Join(d, "long.md"), strings.Repeat("Alpha Corp and Beta Inc. ", 100))
	write(t, filepath.Join(d, "good.txt"), goodText)
	long := `{"id": "long", "text": "` + strings.Repeat("x", 5000) + `"}`
	write(t, filepath.Join(d, "lines.jsonl"), `{"id": "first", "text": "`+strings.TrimSpace(goodText)+`"}`+"\n"+long+"\n"+
		`{"id": "after", "text": "`+strings.TrimSpace(goodText)+`"}`+"\n"+long)

	lim := loader.Limits{MaxFileBytes: 100 << 20, MaxArticleBytes: 2000}
	ids, errs := readWithin(t, lim, d)
	if got := strings.Join(ids, ","); got != "good,first,after" {
		t.Errorf("read %s, want good,first,after", got)
	}
	for origin, want := range map[string]string{
		"big.txt":       "skipped unread: the file is 200 MiB, over the limit of 100 MiB (--max-file-bytes)",
		"long.md":       "over the limit of 2000 bytes (--max-article-bytes)",
		"lines.jsonl:2": "skipped: the line is 5026 bytes, over the limit of 2000 bytes (--max-article-bytes)",
		"lines.jsonl:4": "skipped: the line is 5026 bytes",
	} {
		if got := errs[filepath.Join(d, origin)]; !strings.Contains(got, want) {
			t.Errorf("%s: error %q, want it to say %q", origin, got, want)
		}
	}
	if len(errs) != 4 {
		t.Errorf("errors %v, want 4", errs)
	}
}

// TestReadLongJSONLLineAtTheDefaultLimit: a line just over the default
// article limit (4 MiB) is named and the line after it read, with memory
// for one line at most.
func TestReadLongJSONLLineAtTheDefaultLimit(t *testing.T) {
	d := t.TempDir()
	var b bytes.Buffer
	b.WriteString(`{"id": "long", "text": "`)
	b.Write(bytes.Repeat([]byte("y"), loader.DefaultMaxArticleBytes))
	b.WriteString("\"}\n{\"id\": \"next\", \"text\": \"" + strings.TrimSpace(goodText) + "\"}\n")
	write(t, filepath.Join(d, "a.jsonl"), b.String())
	ids, errs := readWithin(t, loader.Limits{}, d)
	if strings.Join(ids, ",") != "next" || !strings.Contains(errs[filepath.Join(d, "a.jsonl:1")], "over the limit of 4 MiB") {
		t.Errorf("ids %v, errors %v", ids, errs)
	}
}

// TestReadRefusesBinaryMarkup: random bytes named .html or .rss are
// refused as binary instead of loading as an article of junk.
func TestReadRefusesBinaryMarkup(t *testing.T) {
	d := t.TempDir()
	junk := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	write(t, filepath.Join(d, "junk.html"), string(junk))
	write(t, filepath.Join(d, "junk.rss"), string(junk))
	// Latin-1 markup is not binary.
	write(t, filepath.Join(d, "latin1.html"), "<html><body><p>Alpha Corp and Beta Inc agreed to merge, said the caf\xe9 owner.</p></body></html>")
	ids, errs := readWithin(t, loader.Limits{}, d)
	if strings.Join(ids, ",") != "latin1" {
		t.Errorf("read %v, want [latin1]", ids)
	}
	for _, name := range []string{"junk.html", "junk.rss"} {
		if got := errs[filepath.Join(d, name)]; !strings.Contains(got, "binary content") {
			t.Errorf("%s: error %q, want binary content", name, got)
		}
	}
}

// TestReadFollowsSymlinkedDirectories: a link to a directory is read as
// the directory, with IDs under the link's name; a link that loops back
// and a second link to the same file are named once and not followed.
func TestReadFollowsSymlinkedDirectories(t *testing.T) {
	base := t.TempDir()
	d := filepath.Join(base, "in")
	write(t, filepath.Join(d, "a.txt"), goodText)
	write(t, filepath.Join(base, "elsewhere", "b.txt"), goodText)
	for link, target := range map[string]string{
		filepath.Join(d, "more"):       filepath.Join(base, "elsewhere"),
		filepath.Join(d, "loop"):       d,
		filepath.Join(d, "again.txt"):  filepath.Join(d, "a.txt"),
		filepath.Join(d, "broken.txt"): filepath.Join(base, "nowhere.txt"),
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	ids, errs := readWithin(t, loader.Limits{}, d)
	if got := strings.Join(ids, ","); got != "a,more/b" {
		t.Errorf("read %s, want a,more/b", got)
	}
	for name, want := range map[string]string{
		"loop":       "symbolic link to the directory " + d + ", already read",
		"again.txt":  "the same file as " + filepath.Join(d, "a.txt"),
		"broken.txt": "broken symbolic link",
	} {
		if got := errs[filepath.Join(d, name)]; !strings.Contains(got, want) {
			t.Errorf("%s: error %q, want it to say %q", name, got, want)
		}
	}
	// The directory given through a link is read the same way.
	if err := os.Symlink(d, filepath.Join(base, "via")); err != nil {
		t.Fatal(err)
	}
	if ids, _ := readWithin(t, loader.Limits{}, filepath.Join(base, "via")); strings.Join(ids, ",") != "a,more/b" {
		t.Errorf("through a link: read %v", ids)
	}
}
