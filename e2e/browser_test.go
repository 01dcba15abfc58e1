package e2e_test

import (
	"bytes"
	bin "encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumPath is Debian's Chromium; PARTNERGRAPH_CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("PARTNERGRAPH_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// screenshotDir is where the browser checks save one screenshot each:
// PARTNERGRAPH_SCREENSHOTS, else e2e/screenshots (not committed).
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("PARTNERGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = "screenshots"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readmePicture is the README's picture of the widget: the screenshot the
// widget-sega check takes. PARTNERGRAPH_UPDATE_PICTURE=1 copies a fresh one
// over it (make readme-picture).
const readmePicture = "../docs/img/widget-sega.png"

// browserKey is the API key of the browser checks' server, for their
// ingestArticle calls.
const browserKey = "e2e-browser-key"

// TestBrowser runs web/e2e/browser.mjs in a real Chromium through the
// README's tour on a fresh server loaded with the sample articles: the
// playground and its live tab, the widget with platforms around SEGA,
// search, expand, filters, evidence, a deal arriving live, PNG export, the
// dark theme, 200 companies, embedding on another origin and hostile text.
// Every check saves a screenshot.
func TestBrowser(t *testing.T) {
	ok, why := haveNode("playwright-core")
	need(t, "Chromium", ok, "%s", why)
	chromium := chromiumPath()
	need(t, "Chromium", exists(chromium), "no Chromium at %s (apt-get install -y chromium, or set PARTNERGRAPH_CHROMIUM)", chromium)
	s, err := startServer(binary(t), "--api-key", browserKey, "--load", articles)
	if err != nil {
		t.Fatal(err)
	}
	defer s.stop()

	shots := screenshotDir(t)
	args := []string{webDir + "/e2e/browser.mjs", "--url", s.URL, "--chromium", chromium, "--embed-origin", s.EmbedOrigin,
		"--api-key", browserKey, "--screenshots", shots}
	start := time.Now()
	stdout, stderr, err := run(t, 5*time.Minute, nil, "node", args...)
	t.Logf("browser checks took %v (screenshots in %s):\n%s", time.Since(start).Round(time.Millisecond), shots, stdout)
	if err != nil {
		t.Fatalf("browser checks failed: %v\n%s\nserver log:\n%s", err, stderr, s.logs.String())
	}
	checks := []string{"playground", "playground-live", "widget-sega", "widget-evidence", "widget-details", "widget-search",
		"widget-expand", "widget-filters", "widget-live", "widget-png", "widget-dark", "widget-200", "embed", "xss"}
	for _, name := range checks {
		if !strings.Contains(stdout, "ok "+name+":") {
			t.Errorf("browser checks did not report %q", name)
		}
		if !exists(filepath.Join(shots, name+".png")) {
			t.Errorf("check %s saved no screenshot", name)
		}
	}
	for _, want := range []string{"ok values:", "ok offline", "ok no page errors"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("browser checks did not report %q", want)
		}
	}
	if os.Getenv("PARTNERGRAPH_UPDATE_PICTURE") == "1" {
		b, err := os.ReadFile(filepath.Join(shots, "widget-sega.png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(readmePicture, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s (%d bytes)", readmePicture, len(b))
	}
}

// TestReadmePicture checks that the README's picture is a screenshot of the
// widget at the embedding size the README shows, small enough to commit.
func TestReadmePicture(t *testing.T) {
	b, err := os.ReadFile(readmePicture)
	if err != nil {
		t.Fatalf("the README's picture is missing (make readme-picture): %v", err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, []byte("(docs/img/widget-sega.png)")) {
		t.Error("README.md does not show docs/img/widget-sega.png")
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || len(b) < 24 {
		t.Fatal("the README's picture is not a PNG")
	}
	w, h := bin.BigEndian.Uint32(b[16:20]), bin.BigEndian.Uint32(b[20:24])
	if w != 640 || h != 420 {
		t.Errorf("the README's picture is %dx%d, want the widget's 640x420 screenshot", w, h)
	}
	if len(b) > 150<<10 {
		t.Errorf("the README's picture is %d KiB; keep it under 150 KiB", len(b)>>10)
	}
}
