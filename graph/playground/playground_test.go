package playground_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/graph/playground"
)

// get performs one request against h and returns the recorded response.
func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return string(b)
}

func TestAssetsAreBundledAndSmall(t *testing.T) {
	names := playground.Assets()
	slices.Sort(names)
	want := []string{"playground.css", "playground.js", "widget.js"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Fatalf("embedded assets mismatch (-want +got):\n%s", diff)
	}
	h := playground.Handler("/graphql")
	for _, n := range names {
		res := get(t, h, http.MethodGet, "/assets/"+n, nil)
		b := body(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /assets/%s: status %d", n, res.StatusCode)
		}
		if len(b) >= 2<<20 {
			t.Errorf("%s is %d bytes, want < 2 MiB", n, len(b))
		}
		if strings.Contains(b, "sourceMappingURL") {
			t.Errorf("%s references a source map", n)
		}
	}
}

func TestRoutes(t *testing.T) {
	h := playground.Handler("/graphql")
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantType           string
		wantCache          string
	}{
		{"playground", "GET", "/", 200, "text/html; charset=utf-8", "no-cache"},
		{"playground head", "HEAD", "/", 200, "text/html; charset=utf-8", "no-cache"},
		{"widget", "GET", "/widget?company=sega", 200, "text/html; charset=utf-8", "no-cache"},
		{"script", "GET", "/assets/playground.js", 200, "text/javascript; charset=utf-8", "public, no-cache"},
		{"style", "GET", "/assets/playground.css", 200, "text/css; charset=utf-8", "public, no-cache"},
		{"widget script", "GET", "/assets/widget.js", 200, "text/javascript; charset=utf-8", "public, no-cache"},
		{"unknown asset", "GET", "/assets/nope.js", 404, "text/plain; charset=utf-8", ""},
		{"directory escape", "GET", "/assets/../playground.go", 404, "text/plain; charset=utf-8", ""},
		{"unknown page", "GET", "/admin", 404, "text/plain; charset=utf-8", ""},
		{"post", "POST", "/", 405, "text/plain; charset=utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, tt.method, tt.path, nil)
			got := []string{strconv.Itoa(res.StatusCode), res.Header.Get("Content-Type"), res.Header.Get("Cache-Control")}
			want := []string{strconv.Itoa(tt.wantStatus), tt.wantType, tt.wantCache}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s %s: (-want +got):\n%s", tt.method, tt.path, diff)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" && tt.wantStatus != 405 {
				t.Errorf("missing X-Content-Type-Options: nosniff")
			}
		})
	}
}

// assetRef finds the versioned asset URL a page refers to.
var assetRef = regexp.MustCompile(`(?:src|href)="assets/([a-z.]+)\?v=([0-9a-f]{16})"`)

func TestPagesReferenceVersionedAssets(t *testing.T) {
	h := playground.Handler("/graphql")
	for _, page := range []string{"/", "/widget"} {
		html := body(t, get(t, h, "GET", page, nil))
		refs := assetRef.FindAllStringSubmatch(html, -1)
		if len(refs) == 0 {
			t.Fatalf("%s refers to no versioned asset:\n%s", page, html)
		}
		for _, ref := range refs {
			res := get(t, h, "GET", "/assets/"+ref[1]+"?v="+ref[2], nil)
			if res.StatusCode != 200 {
				t.Errorf("%s: asset %s: status %d", page, ref[1], res.StatusCode)
			}
			if got, want := res.Header.Get("Cache-Control"), "public, max-age=31536000, immutable"; got != want {
				t.Errorf("%s: versioned asset %s: Cache-Control %q, want %q", page, ref[1], got, want)
			}
			// A stale version must not be cached for a year.
			stale := get(t, h, "GET", "/assets/"+ref[1]+"?v=0000000000000000", nil)
			if got := stale.Header.Get("Cache-Control"); strings.Contains(got, "immutable") {
				t.Errorf("stale version of %s cached as immutable", ref[1])
			}
		}
		if strings.Contains(html, "http://") || strings.Contains(html, "https://") {
			t.Errorf("%s refers to an absolute URL (CDN?):\n%s", page, html)
		}
	}
}

func TestEndpointIsEscapedAndAllowedByCSP(t *testing.T) {
	evil := `https://api.example.com/graphql?a="><script>alert(1)</script>`
	h := playground.Handler(evil)
	res := get(t, h, "GET", "/", nil)
	html := body(t, res)
	if strings.Contains(html, "<script>alert(1)") {
		t.Fatalf("endpoint reflected unescaped:\n%s", html)
	}
	if !strings.Contains(html, `data-endpoint="https://api.example.com/graphql?a=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`) {
		t.Errorf("endpoint not in data-endpoint, escaped:\n%s", html)
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "connect-src 'self' https://api.example.com", "frame-ancestors 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
}

func TestWidgetIsEmbeddableAndDoesNotReflectQuery(t *testing.T) {
	h := playground.Handler("/graphql")
	res := get(t, h, "GET", "/widget?company=%3Cscript%3Ealert(1)%3C/script%3E", nil)
	html := body(t, res)
	if strings.Contains(html, "alert(1)") {
		t.Errorf("widget page reflects the query string:\n%s", html)
	}
	if xfo := res.Header.Get("X-Frame-Options"); xfo != "" {
		t.Errorf("widget sets X-Frame-Options %q; it must be embeddable", xfo)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
		t.Errorf("widget CSP %q does not allow framing", csp)
	}
	if xfo := get(t, h, "GET", "/", nil).Header.Get("X-Frame-Options"); xfo != "SAMEORIGIN" {
		t.Errorf("playground X-Frame-Options = %q, want SAMEORIGIN", xfo)
	}
}

func TestGzipAndConditionalRequests(t *testing.T) {
	h := playground.Handler("/graphql")
	plain := get(t, h, "GET", "/assets/widget.js", nil)
	plainBody := body(t, plain)
	if plain.Header.Get("Content-Encoding") != "" {
		t.Fatalf("gzip without Accept-Encoding")
	}

	zipped := get(t, h, "GET", "/assets/widget.js", map[string]string{"Accept-Encoding": "br, gzip"})
	if zipped.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", zipped.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader([]byte(body(t, zipped))))
	if err != nil {
		t.Fatalf("gzip reader: %v", err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	if string(unzipped) != plainBody {
		t.Errorf("gzip body differs from the plain body")
	}
	if zipped.Header.Get("ETag") == plain.Header.Get("ETag") {
		t.Errorf("gzip and plain representations share ETag %s", plain.Header.Get("ETag"))
	}

	refused := get(t, h, "GET", "/assets/widget.js", map[string]string{"Accept-Encoding": "gzip;q=0"})
	if refused.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip sent although q=0")
	}

	again := get(t, h, "GET", "/assets/widget.js", map[string]string{"If-None-Match": plain.Header.Get("ETag")})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with current ETag: status %d, want 304", again.StatusCode)
	}
	changed := get(t, h, "GET", "/assets/widget.js", map[string]string{"If-None-Match": `"0000"`})
	if changed.StatusCode != http.StatusOK {
		t.Errorf("If-None-Match with old ETag: status %d, want 200", changed.StatusCode)
	}
}
