package e2e_test

import (
	"os"
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

// TestBrowser runs web/e2e/browser.mjs: the playground runs the SEGA query,
// the widget draws a neighbourhood (alone, in an <iframe> and through a
// <script> tag on another origin), hostile article text never executes, and
// no request leaves the loopback interface.
func TestBrowser(t *testing.T) {
	ok, why := haveNode("playwright-core")
	need(t, "Chromium", ok, "%s", why)
	chromium := chromiumPath()
	need(t, "Chromium", exists(chromium), "no Chromium at %s (apt-get install -y chromium, or set PARTNERGRAPH_CHROMIUM)", chromium)
	s := shared.get(t)

	args := []string{webDir + "/e2e/browser.mjs", "--url", s.URL, "--chromium", chromium, "--embed-origin", s.EmbedOrigin}
	if dir := os.Getenv("PARTNERGRAPH_SCREENSHOTS"); dir != "" {
		args = append(args, "--screenshots", dir)
	}
	start := time.Now()
	stdout, stderr, err := run(t, 3*time.Minute, nil, "node", args...)
	t.Logf("browser checks took %v:\n%s", time.Since(start).Round(time.Millisecond), stdout)
	if err != nil {
		t.Fatalf("browser checks failed: %v\n%s\nserver log:\n%s", err, stderr, s.logs.String())
	}
	for _, want := range []string{"ok playground", "ok widget", "ok embed", "ok xss", "ok offline", "ok no page errors"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("browser checks did not report %q", want)
		}
	}
}
