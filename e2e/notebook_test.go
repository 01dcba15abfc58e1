package e2e_test

import (
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

// TestNotebook executes examples/notebook.ipynb with nbclient against the
// running server and fails on any cell error; it also checks that the
// notebook paged through the deals and saved its figure.
func TestNotebook(t *testing.T) {
	py := pythonPath()
	_, _, err := run(t, time.Minute, nil, py, "-c", "import nbclient, nbformat, ipykernel, pandas, networkx, matplotlib, requests")
	need(t, "notebook", err == nil, "%s lacks the notebook packages (pip install -r examples/requirements.txt, or set PARTNERGRAPH_PYTHON): %v", py, err)
	s := shared.get(t)

	out := t.TempDir()
	start := time.Now()
	stdout, stderr, err := run(t, 5*time.Minute,
		[]string{"PARTNERGRAPH_URL=" + s.URL, "PARTNERGRAPH_OUT=" + out, "MPLBACKEND=Agg"},
		py, "testdata/run_notebook.py", "../examples/notebook.ipynb", out)
	t.Logf("notebook ran in %v:\n%s", time.Since(start).Round(time.Millisecond), stdout)
	if err != nil {
		t.Fatalf("notebook failed: %v\n%s", err, stderr)
	}

	m := pagesLine.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("notebook did not report paging through the deals")
	}
	deals, _ := strconv.Atoi(m[1])
	pages, _ := strconv.Atoi(m[2])
	if deals == 0 || pages < 2 {
		t.Errorf("notebook read %d deals in %d pages; want deals over several pages", deals, pages)
	}

	png, err := os.ReadFile(filepath.Join(out, "deals_per_platform_year.png"))
	if err != nil {
		t.Fatalf("the notebook saved no figure: %v", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 5000 {
		t.Errorf("figure is not a plausible PNG (%d bytes)", len(png))
	}
}
