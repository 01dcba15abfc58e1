package e2e_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// pythonPath is the interpreter with examples/requirements.txt installed;
// PARTNERGRAPH_PYTHON overrides python3 (e.g. a virtualenv's python).
func pythonPath() string {
	if p := os.Getenv("PARTNERGRAPH_PYTHON"); p != "" {
		return p
	}
	return "python3"
}

// pagesLine is what the notebook prints after paging through the deals.
var pagesLine = regexp.MustCompile(`(\d+) deals in (\d+) pages`)

// modernSlice is how many articles of the modern tech-news set the notebook
// also runs against: a graph it was not written for.
const modernSlice = 400

// TestNotebook executes examples/notebook.ipynb with `jupyter nbconvert
// --execute`, as a user would, against the sample articles and against a
// slice of ../shared/datasets/modern, and fails on any cell error; it checks
// that the notebook paged through every deal and saved both charts.
func TestNotebook(t *testing.T) {
	py := pythonPath()
	_, _, err := run(t, time.Minute, nil, py, "-m", "nbconvert", "--version")
	need(t, "notebook", err == nil, "%s cannot run nbconvert (pip install -r examples/requirements.txt, or set PARTNERGRAPH_PYTHON): %v", py, err)
	_, _, err = run(t, time.Minute, nil, py, "-c", "import pandas, networkx, matplotlib, requests, ipykernel")
	need(t, "notebook", err == nil, "%s lacks the notebook's packages (pip install -r examples/requirements.txt): %v", py, err)

	t.Run("sample", func(t *testing.T) {
		runNotebook(t, py, shared.get(t).URL)
	})
	t.Run("modern", func(t *testing.T) {
		src := filepath.Join(repoRoot, "..", "shared", "datasets", "modern", "articles.jsonl")
		need(t, "notebook", exists(src), "no %s (the shared datasets beside the repository)", src)
		slice := filepath.Join(t.TempDir(), "modern.jsonl")
		if err := headLines(src, slice, modernSlice); err != nil {
			t.Fatal(err)
		}
		s, err := startServer(binary(t), "--load", slice)
		if err != nil {
			t.Fatal(err)
		}
		defer s.stop()
		runNotebook(t, py, s.URL)
	})
}

// runNotebook executes the notebook against the server at url.
func runNotebook(t *testing.T, py, url string) {
	t.Helper()
	t.Log("component: notebook")
	out := t.TempDir()
	start := time.Now()
	stdout, stderr, err := run(t, 8*time.Minute,
		[]string{"PARTNERGRAPH_URL=" + url, "PARTNERGRAPH_OUT=" + out, "MPLBACKEND=Agg"},
		py, "-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
		"--output-dir", out, "--output", "executed.ipynb", "../examples/notebook.ipynb")
	if err != nil {
		t.Fatalf("jupyter nbconvert --execute failed after %v: %v\n%s\n%s", time.Since(start).Round(time.Millisecond), err, stdout, stderr)
	}
	printed, err := exec2text(filepath.Join(out, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("notebook ran in %v against %s:\n%s", time.Since(start).Round(time.Millisecond), url, printed)
	m := pagesLine.FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("the notebook did not report paging through the deals")
	}
	deals, _ := strconv.Atoi(m[1])
	pages, _ := strconv.Atoi(m[2])
	if deals == 0 || pages < 2 {
		t.Errorf("the notebook read %d deals in %d pages; want deals over several pages", deals, pages)
	}
	for _, name := range []string{"deals_per_year.png", "deals_per_platform.png"} {
		png, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("the notebook saved no %s: %v", name, err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 5000 {
			t.Errorf("%s is not a plausible PNG (%d bytes)", name, len(png))
		}
	}
}

// headLines copies the first n lines of src to dst.
func headLines(src, dst string, n int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	var buf bytes.Buffer
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		buf.Write(sc.Bytes())
		buf.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}
