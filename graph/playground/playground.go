// Package playground serves the browser side of partnergraph from the
// binary itself: the GraphiQL playground, the embeddable Cytoscape graph
// widget and their bundled scripts and styles. The assets are built from
// web/ with esbuild (`make web`) and committed, so `go build` needs no npm
// and the pages load nothing from outside the server.
package playground

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
)

//go:embed assets templates
var files embed.FS

// pages are the HTML pages; they are rendered once per Handler.
var pages = template.Must(template.ParseFS(files, "templates/*.html"))

// contentTypes maps asset extensions to their Content-Type.
var contentTypes = map[string]string{
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
}

// asset is one embedded file with its validators and a lazily compressed
// copy.
type asset struct {
	name        string
	body        []byte
	contentType string
	version     string // first 16 hex digits of the SHA-256 of body

	gzipOnce sync.Once
	gzipped  []byte
}

// gzipBody returns the gzip-compressed body, computed on first use.
func (a *asset) gzipBody() []byte {
	a.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(a.body) // writes to a bytes.Buffer cannot fail
		_ = zw.Close()
		if buf.Len() < len(a.body) {
			a.gzipped = buf.Bytes()
		}
	})
	return a.gzipped
}

// loadAssets reads every embedded asset once per process.
var loadAssets = sync.OnceValues(func() (map[string]*asset, error) {
	sub, err := fs.Sub(files, "assets")
	if err != nil {
		return nil, fmt.Errorf("playground: open assets: %w", err)
	}
	out := map[string]*asset{}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(sub, name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		ct, ok := contentTypes[path.Ext(name)]
		if !ok {
			ct = "application/octet-stream"
		}
		sum := sha256.Sum256(body)
		out[name] = &asset{name: name, body: body, contentType: ct, version: hex.EncodeToString(sum[:8])}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("playground: load assets: %w", err)
	}
	return out, nil
})

// Assets returns the names of the embedded assets, served under /assets/.
func Assets() []string {
	as, err := loadAssets()
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(as))
	for n := range as {
		names = append(names, n)
	}
	return names
}

// handler serves the pages and the assets.
type handler struct {
	assets     map[string]*asset
	playground []byte
	widget     []byte
	connectSrc string
}

// Handler returns the handler for the browser pages, meant to be mounted at
// the server root ("/"):
//
//   - GET / is the GraphiQL playground, sending queries to endpoint;
//   - GET /widget?company=ID-or-name[&depth=1..4][&limit=N] is the graph
//     widget, a page designed to be embedded with an <iframe>;
//   - GET /assets/NAME are the bundled scripts and styles, among them
//     widget.js for embedding the widget with a <script> tag.
//
// endpoint is the GraphQL endpoint as the browser should call it: a path
// such as "/graphql" or an absolute URL. Pages are served with no-cache and
// a Content-Security-Policy that allows scripts only from the server itself;
// assets requested with their current ?v= version are cacheable for a year,
// others revalidate with an ETag. Any other path is 404.
func Handler(endpoint string) http.Handler {
	if endpoint == "" {
		endpoint = "/graphql"
	}
	as, err := loadAssets()
	if err != nil {
		panic(err) // the assets are embedded at build time; failing here is a build defect
	}
	versions := map[string]string{}
	for n, a := range as {
		versions[n] = a.version
	}
	data := struct {
		Endpoint string
		Versions map[string]string
	}{endpoint, versions}
	render := func(name string) []byte {
		var buf bytes.Buffer
		if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
			panic(fmt.Sprintf("playground: render %s: %v", name, err)) // templates are embedded; a failure is a build defect
		}
		return buf.Bytes()
	}
	h := &handler{assets: as, playground: render("playground.html"), widget: render("widget.html"), connectSrc: "'self'"}
	if u, err := url.Parse(endpoint); err == nil && u.Scheme != "" && u.Host != "" {
		h.connectSrc += " " + u.Scheme + "://" + u.Host
	}
	return h
}

// ServeHTTP routes a request to a page or an asset.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch p := r.URL.Path; {
	case p == "/" || p == "":
		h.page(w, r, h.playground, "'self'")
	case p == "/widget":
		h.page(w, r, h.widget, "*")
	case strings.HasPrefix(p, "/assets/"):
		h.asset(w, r, strings.TrimPrefix(p, "/assets/"))
	default:
		http.NotFound(w, r)
	}
}

// page writes an HTML page. frameAncestors says who may embed it.
func (h *handler) page(w http.ResponseWriter, r *http.Request, body []byte, frameAncestors string) {
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data:; font-src 'self' data:; connect-src "+h.connectSrc+"; base-uri 'none'; form-action 'none'; "+
		"frame-ancestors "+frameAncestors)
	if frameAncestors != "*" {
		hd.Set("X-Frame-Options", "SAMEORIGIN")
	}
	hd.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// asset writes one embedded asset, compressed when the client accepts gzip.
func (h *handler) asset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := h.assets[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	body, etag := a.body, `"`+a.version+`"`
	hd := w.Header()
	hd.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		if gz := a.gzipBody(); gz != nil {
			body, etag = gz, `"`+a.version+`-gz"`
			hd.Set("Content-Encoding", "gzip")
		}
	}
	hd.Set("Content-Type", a.contentType)
	hd.Set("ETag", etag)
	if r.URL.Query().Get("v") == a.version {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "public, no-cache")
	}
	// Widgets embedded with a <script> tag load widget.js cross-origin.
	hd.Set("Cross-Origin-Resource-Policy", "cross-origin")
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(params), " ", "") != "q=0"
		}
	}
	return false
}

// etagMatches reports whether an If-None-Match header lists etag or "*".
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		t = strings.TrimPrefix(t, "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
