package loader

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/partnergraph/partnergraph"
)

// RawArticle is one article as read from its source, before cleaning: the
// metadata the source gives and the article's plain text.
type RawArticle struct {
	// SourceID identifies the article in its source: the JSONL "id", the
	// file name without extension (with the subdirectories below a
	// directory given to [Read], "tech/001"), or a feed item's GUID or link.
	SourceID string
	// Origin says where the article came from for messages: "path",
	// "path:line" for a JSONL line, "path#n" for the n-th item of a feed.
	Origin string
	// URL is where the article was published, or "".
	URL string
	// Title is the headline, or "".
	Title string
	// Publisher is the outlet, or "".
	Publisher string
	// Published is the publication date as YYYY-MM-DD, or "".
	Published string
	// Text is the article's plain text. For a text file it is the whole
	// body after any front matter, headline included.
	Text string
}

// An InputError reports an input that could not be read: a file, a JSONL
// line or a feed item. It wraps [partnergraph.ErrInvalid], or the I/O error
// when the input could not be opened.
type InputError struct {
	// Origin names the input: "path", "path:line" or "path#item".
	Origin string
	// Reason says what is wrong, naming the field when one is at fault.
	Reason string
	// Err is the underlying error.
	Err error
}

// Error returns "origin: reason".
func (e *InputError) Error() string { return e.Origin + ": " + e.Reason }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

func invalid(origin, format string, args ...any) *InputError {
	return &InputError{Origin: origin, Reason: fmt.Sprintf(format, args...), Err: partnergraph.ErrInvalid}
}

// Limits bound the work one input may cause while it is read. Zero fields
// take the defaults.
type Limits struct {
	// MaxFileBytes is the largest file read whole: a text, Markdown or
	// HTML article, or a feed. A larger file is skipped unread. JSONL files
	// are read a line at a time and may be of any size.
	MaxFileBytes int64
	// MaxArticleBytes is the largest article: a JSONL line, a text file,
	// or the text found in an HTML page or a feed item. A larger one is
	// skipped, and the lines after a long JSONL line are still read.
	MaxArticleBytes int64
}

// The default limits: no news article comes near them (the longest of
// Reuters-21578, the BBC set and the 2,488 modern articles is under 64 KB
// of text), and extraction of an article at the limit takes a few seconds.
const (
	DefaultMaxFileBytes    = 32 << 20
	DefaultMaxArticleBytes = 4 << 20
)

func (l Limits) file() int64 {
	if l.MaxFileBytes > 0 {
		return l.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

func (l Limits) article() int64 {
	if l.MaxArticleBytes > 0 {
		return l.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

// size renders n bytes for messages.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB (%d bytes)", float64(n)/(1<<20), n)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 10<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Read returns the articles found in paths, in order. A path is a file, a
// directory (read recursively in lexical order, hidden entries skipped) or
// "-", which reads JSONL from stdin. Files are read by extension:
//
//   - .txt, .md: the first non-empty line is the title; an optional front
//     matter block between "---" lines may set url, title, publisher and
//     published (YYYY-MM-DD);
//   - .html, .htm: the main text is extracted with a readability parser, the
//     title, publisher and date come from the page's metadata;
//   - .jsonl: one JSON object per line with id, url, title, publisher,
//     published and either text or html;
//   - .xml, .rss, .atom: an RSS or Atom feed, one article per item.
//
// A file of another type, a malformed line or an unreadable file yields an
// [*InputError] naming it (with the line and the field when known) together
// with a RawArticle whose Origin is set, and reading goes on with the next
// input. So does anything that is not a regular file (a named pipe, a
// device, a socket: never opened for reading), a file or article over the
// default [Limits], and a binary file with a known extension. Symbolic
// links are followed, to directories too; a directory or file reached a
// second time through a link is reported and read once. When ctx is done,
// Read yields ctx.Err() once and stops.
func Read(ctx context.Context, paths []string, stdin io.Reader) iter.Seq2[RawArticle, error] {
	return Limits{}.Read(ctx, paths, stdin)
}

// Read is [Read] with the limits l.
func (l Limits) Read(ctx context.Context, paths []string, stdin io.Reader) iter.Seq2[RawArticle, error] {
	return func(yield func(RawArticle, error) bool) {
		r := reader{ctx: ctx, yield: yield, lim: l, dirs: map[fileKey]string{}, files: map[fileKey]string{}}
		for _, p := range paths {
			if !r.path(p, stdin) {
				return
			}
		}
	}
}

// reader walks the inputs of one Read call. Its methods return false once
// the consumer has stopped or ctx is done.
type reader struct {
	ctx   context.Context
	yield func(RawArticle, error) bool
	lim   Limits
	// dirs and files map the directories walked and the files read, by
	// identity, to the path they were first reached by.
	dirs, files map[fileKey]string
}

func (r *reader) emit(a RawArticle) bool {
	if err := r.ctx.Err(); err != nil {
		r.yield(RawArticle{Origin: a.Origin}, err)
		return false
	}
	return r.yield(a, nil)
}

func (r *reader) fail(err *InputError) bool {
	if cerr := r.ctx.Err(); cerr != nil {
		r.yield(RawArticle{Origin: err.Origin}, cerr)
		return false
	}
	return r.yield(RawArticle{Origin: err.Origin}, err)
}

func (r *reader) path(p string, stdin io.Reader) bool {
	if p == "-" {
		if stdin == nil {
			return r.fail(&InputError{Origin: "stdin", Reason: "no standard input", Err: partnergraph.ErrInvalid})
		}
		return r.jsonl("stdin", stdin)
	}
	info, err := os.Stat(p)
	if err != nil {
		return r.fail(&InputError{Origin: p, Reason: describeIOError(err), Err: err})
	}
	if !info.IsDir() {
		return r.file(p, sourceID(p))
	}
	return r.dir(p, p)
}

// dir reads the directory dir, reached as a directory given to Read or
// through a symbolic link under root, in lexical order; source IDs are
// relative to root.
func (r *reader) dir(root, dir string) bool {
	ok := true
	// With a trailing separator the walk starts in the directory a link
	// points to; without, it would see the link itself.
	start := strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	walkErr := filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
		if path == start {
			path = dir
		}
		if err != nil {
			ok = r.fail(&InputError{Origin: path, Reason: describeIOError(err), Err: err})
			if !ok {
				return fs.SkipAll
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			// The walk's own root may be a link; its entries are not.
			info, err := os.Stat(path)
			if err != nil {
				return nil // the walk reports it when reading the directory
			}
			if k, known := keyOf(info); known {
				if first, seen := r.dirs[k]; seen && path != dir {
					ok = r.fail(invalid(path, "skipped: the directory %s, already read", first))
					return fs.SkipDir
				}
				r.dirs[k] = path
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Stat(path)
			switch {
			case err != nil:
				ok = r.fail(&InputError{Origin: path, Reason: "skipped: broken symbolic link (" + describeIOError(err) + ")", Err: partnergraph.ErrInvalid})
			case target.IsDir():
				k, known := keyOf(target)
				if first, seen := r.dirs[k]; known && seen {
					ok = r.fail(invalid(path, "skipped: symbolic link to the directory %s, already read", first))
				} else {
					ok = r.dir(root, path)
				}
			default:
				ok = r.file(path, nestedSourceID(root, path))
			}
			if !ok {
				return fs.SkipAll
			}
			return nil
		}
		if ok = r.file(path, nestedSourceID(root, path)); !ok {
			return fs.SkipAll
		}
		return nil
	})
	if walkErr != nil && ok {
		return r.fail(&InputError{Origin: dir, Reason: describeIOError(walkErr), Err: walkErr})
	}
	return ok
}

// describeIOError turns an I/O error into a short reason without the path,
// which the caller puts in front.
func describeIOError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

func (r *reader) file(path, id string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".txt", ".md", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom":
	default:
		return r.fail(invalid(path, "skipped: unsupported file type %q", ext))
	}
	// Only regular files are opened: reading a named pipe blocks until a
	// writer comes, a device such as /dev/zero never ends.
	info, err := os.Stat(path)
	if err != nil {
		return r.fail(&InputError{Origin: path, Reason: describeIOError(err), Err: err})
	}
	if !info.Mode().IsRegular() {
		return r.fail(invalid(path, "skipped: not a regular file (%s)", describeMode(info.Mode())))
	}
	if k, known := keyOf(info); known {
		if first, seen := r.files[k]; seen {
			return r.fail(invalid(path, "skipped: the same file as %s, already read", first))
		}
		r.files[k] = path
	}
	if ext != ".jsonl" && info.Size() > r.lim.file() {
		return r.fail(invalid(path, "skipped unread: the file is %s, over the limit of %s (--max-file-bytes)", size(info.Size()), size(r.lim.file())))
	}
	f, err := openRegular(path)
	if err != nil {
		if errors.Is(err, errNotRegular) {
			return r.fail(invalid(path, "skipped: not a regular file"))
		}
		return r.fail(&InputError{Origin: path, Reason: describeIOError(err), Err: err})
	}
	defer f.Close()
	if ext == ".jsonl" {
		return r.jsonl(path, f)
	}
	// The file may have grown since it was measured.
	data, err := io.ReadAll(io.LimitReader(f, r.lim.file()+1))
	if err != nil {
		return r.fail(&InputError{Origin: path, Reason: describeIOError(err), Err: err})
	}
	if int64(len(data)) > r.lim.file() {
		return r.fail(invalid(path, "skipped: the file grew past the limit of %s (--max-file-bytes) while read", size(r.lim.file())))
	}
	if ext != ".txt" && ext != ".md" && looksBinary(data) {
		return r.fail(invalid(path, "skipped: binary content, not %s", strings.TrimPrefix(ext, ".")))
	}
	var a RawArticle
	var ierr *InputError
	switch ext {
	case ".xml", ".rss", ".atom":
		return r.feed(path, bytes.NewReader(data))
	case ".html", ".htm":
		a, ierr = parseHTMLFile(path, id, data)
	default:
		a, ierr = parseText(path, id, data)
	}
	if ierr == nil {
		ierr = r.checkSize(path, a.Text)
	}
	if ierr != nil {
		return r.fail(ierr)
	}
	return r.emit(a)
}

// checkSize refuses an article text over the article limit.
func (r *reader) checkSize(origin, text string) *InputError {
	if n := int64(len(text)); n > r.lim.article() {
		return invalid(origin, "skipped: the article is %s of text, over the limit of %s (--max-article-bytes)", size(n), size(r.lim.article()))
	}
	return nil
}

// describeMode names the kind of a file that is not a regular one.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "type " + m.Type().String()
}

// errNotRegular is what openRegular returns for anything but a regular
// file.
var errNotRegular = errors.New("not a regular file")

// onlyRegular passes on the file os.Open gave unless it is not a regular
// file, which it closes.
func onlyRegular(f *os.File, err error) (*os.File, error) {
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = errNotRegular
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// looksBinary reports whether data, meant to be markup, is binary: it has a
// NUL byte or more than one control character in a hundred among its first
// 64 KiB. Text in any 8-bit charset or in UTF-8 has neither.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 64<<10)]
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f', c == 0x7f:
			ctl++
		}
	}
	return ctl*100 > len(head)
}

// sourceID returns the file name of path without its extension.
func sourceID(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// nestedSourceID returns the source ID of a file found at path while
// walking the directory root: its name without extension, prefixed by its
// subdirectories below root ("tech/001") so that equal names in different
// folders stay different articles.
func nestedSourceID(root, path string) string {
	rel, err := filepath.Rel(root, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return sourceID(path)
	}
	rel = filepath.ToSlash(rel)
	return strings.TrimSuffix(rel, filepath.Ext(rel))
}

// parseText reads a .txt or .md article with optional front matter.
func parseText(path, id string, data []byte) (RawArticle, *InputError) {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return RawArticle{}, invalid(path, "not UTF-8 text (a binary file?)")
	}
	text := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
	a := RawArticle{SourceID: id, Origin: path}
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		end := -1
		for i := 1; i < len(lines); i++ {
			line := strings.TrimSpace(lines[i])
			if line == "---" {
				end = i
				break
			}
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			origin := fmt.Sprintf("%s:%d", path, i+1)
			key, value, ok := strings.Cut(line, ":")
			if !ok {
				return a, invalid(origin, "front matter: want \"key: value\", got %q", line)
			}
			key = strings.ToLower(strings.TrimSpace(key))
			value = unquote(strings.TrimSpace(value))
			switch key {
			case "url":
				a.URL = value
			case "title":
				a.Title = value
			case "publisher":
				a.Publisher = value
			case "published", "date":
				d, err := normaliseDate(value)
				if err != nil {
					return a, invalid(origin, "field published: %v", err)
				}
				a.Published = d
			}
		}
		if end < 0 {
			return a, invalid(path, "front matter: no closing \"---\" line")
		}
		text = strings.Join(lines[end+1:], "")
	}
	a.Text = strings.TrimSpace(text)
	if a.Text == "" {
		return a, invalid(path, "field text: empty article")
	}
	if a.Title == "" {
		first, _, _ := strings.Cut(a.Text, "\n")
		a.Title = strings.TrimSpace(strings.TrimLeft(first, "# "))
	}
	return a, nil
}

// unquote strips one pair of matching single or double quotes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		if s[0] == '"' {
			var out string
			if err := json.Unmarshal([]byte(s), &out); err == nil {
				return out
			}
		}
		return s[1 : len(s)-1]
	}
	return s
}

// normaliseDate accepts YYYY-MM-DD or an RFC 3339 timestamp and returns the
// date as YYYY-MM-DD; "" stays "".
func normaliseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{time.DateOnly, time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
}

// record is one JSONL article, and the fields of an ingested article.
type record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// jsonl reads one article per line. A line over the article limit is
// reported and skipped without being held in memory, and the lines after
// it are read.
func (r *reader) jsonl(path string, in io.Reader) bool {
	br := bufio.NewReaderSize(in, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		line, length, err := readLine(br, r.lim.article(), &buf)
		if err != nil && err != io.EOF {
			return r.fail(&InputError{Origin: path + ":" + strconv.Itoa(n), Reason: describeIOError(err), Err: err})
		}
		if length == 0 && err == io.EOF {
			return true
		}
		origin := path + ":" + strconv.Itoa(n)
		var ok bool
		if length > r.lim.article() {
			ok = r.fail(invalid(origin, "skipped: the line is %s, over the limit of %s (--max-article-bytes)", size(length), size(r.lim.article())))
		} else {
			ok = r.jsonlLine(origin, line, n == 1)
		}
		if !ok {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

// jsonlLine reads the article of one JSONL line; an empty line is no
// article.
func (r *reader) jsonlLine(origin string, line []byte, first bool) bool {
	line = bytes.TrimSpace(line)
	if first {
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
	}
	if len(line) == 0 {
		return true
	}
	a, err := parseRecord(origin, line)
	if err == nil {
		err = r.checkSize(origin, a.Text)
	}
	if err != nil {
		return r.fail(err)
	}
	return r.emit(a)
}

// readLine reads the next line of br, without its end, into *buf and
// returns it with its full length. A line longer than max is read to its
// end but not kept: the returned line is then nil. err is io.EOF after the
// last line.
func readLine(br *bufio.Reader, max int64, buf *[]byte) (line []byte, length int64, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		length += int64(len(chunk))
		if length <= max+1 { // +1: the line's end is not part of it
			*buf = append(*buf, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && err != io.EOF:
			return nil, length, err
		}
		if n := len(chunk); n > 0 && chunk[n-1] == '\n' {
			length--
		}
		if length > max {
			return nil, length, err
		}
		return bytes.TrimSuffix(*buf, []byte("\n")), length, err
	}
}

// parseRecord decodes one JSONL line.
func parseRecord(origin string, line []byte) (RawArticle, *InputError) {
	var rec record
	if decodeRecordFast(line, &rec) {
		return fromRecord(origin, rec)
	}
	rec = record{}
	if err := json.Unmarshal(line, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return RawArticle{Origin: origin}, invalid(origin, "want a JSON object, got a JSON %s", te.Value)
			}
			return RawArticle{Origin: origin}, invalid(origin, "field %s: want a %s, got a JSON %s", te.Field, te.Type, te.Value)
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return RawArticle{Origin: origin}, invalid(origin, "invalid JSON at byte %d: %v", se.Offset, err)
		}
		return RawArticle{Origin: origin}, invalid(origin, "invalid JSON: %v", err)
	}
	return fromRecord(origin, rec)
}

// fromRecord validates rec and turns it into a RawArticle. The source ID is
// rec.ID, else rec.URL.
func fromRecord(origin string, rec record) (RawArticle, *InputError) {
	a := RawArticle{
		SourceID:  strings.TrimSpace(rec.ID),
		Origin:    origin,
		URL:       strings.TrimSpace(rec.URL),
		Title:     strings.TrimSpace(rec.Title),
		Publisher: strings.TrimSpace(rec.Publisher),
	}
	if a.SourceID == "" {
		a.SourceID = a.URL
	}
	if a.SourceID == "" {
		return a, invalid(origin, "field id: missing (and no url to stand in)")
	}
	d, err := normaliseDate(rec.Published)
	if err != nil {
		return a, invalid(origin, "field published: %v", err)
	}
	a.Published = d
	switch {
	case strings.TrimSpace(rec.Text) != "":
		a.Text = rec.Text
	case strings.TrimSpace(rec.HTML) != "":
		page, err := htmlToText(strings.NewReader(rec.HTML), a.URL)
		if err != nil {
			return a, invalid(origin, "field html: %v", err)
		}
		page.fillInto(&a)
	default:
		return a, invalid(origin, "field text: missing (neither text nor html is set)")
	}
	return a, nil
}

// page is what is read from an HTML document.
type page struct {
	URL, Title, Publisher, Published, Text string
}

// fillInto sets a's text and every metadata field a lacks.
func (p page) fillInto(a *RawArticle) {
	a.Text = p.Text
	if a.URL == "" {
		a.URL = p.URL
	}
	if a.Title == "" {
		a.Title = p.Title
	}
	if a.Publisher == "" {
		a.Publisher = p.Publisher
	}
	if a.Published == "" {
		a.Published = p.Published
	}
}

func parseHTMLFile(path, id string, data []byte) (RawArticle, *InputError) {
	a := RawArticle{SourceID: id, Origin: path}
	p, err := htmlToText(bytes.NewReader(data), "")
	if err != nil {
		return a, invalid(path, "html: %v", err)
	}
	p.fillInto(&a)
	return a, nil
}

// htmlToText extracts the main text and the metadata of an HTML page. The
// readability parser finds the article body; when it finds none (a short
// fragment, say) the text of the whole body is used instead.
func htmlToText(in io.Reader, pageURL string) (page, error) {
	doc, err := html.Parse(in)
	if err != nil {
		return page{}, fmt.Errorf("parse: %w", err)
	}
	var p page
	p.URL = canonicalURL(doc)
	if p.URL == "" {
		p.URL = pageURL
	}
	var base *url.URL
	if u, err := url.Parse(p.URL); err == nil && u.IsAbs() {
		base = u
	}
	fallback := strings.TrimSpace(render.InnerText(bodyOf(doc)))
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, base)
	if err == nil {
		p.Title = strings.TrimSpace(art.Title())
		p.Publisher = strings.TrimSpace(art.SiteName())
		if t, err := art.PublishedTime(); err == nil {
			p.Published = t.Format(time.DateOnly)
		}
		if art.Node != nil {
			p.Text = strings.TrimSpace(render.InnerText(art.Node))
		}
	}
	// Readability can keep a teaser and drop the story on very short pages;
	// prefer the whole body when the chosen part is a small share of it.
	if len(p.Text) < len(fallback)/3 {
		p.Text = fallback
	}
	if p.Text == "" {
		return p, errors.New("no text found")
	}
	return p, nil
}

// bodyOf returns the body element of doc, or doc itself.
func bodyOf(doc *html.Node) *html.Node {
	var body *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if body != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if body == nil {
		return doc
	}
	// Script and style contents are not text.
	clone := cloneWithout(body, atom.Script, atom.Style, atom.Noscript, atom.Template)
	return clone
}

// cloneWithout deep-copies n, leaving out elements of the given kinds.
func cloneWithout(n *html.Node, drop ...atom.Atom) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: n.Attr}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && containsAtom(drop, ch.DataAtom) {
			continue
		}
		c.AppendChild(cloneWithout(ch, drop...))
	}
	return c
}

func containsAtom(as []atom.Atom, a atom.Atom) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// canonicalURL returns the page's <link rel="canonical"> or og:url, or "".
func canonicalURL(doc *html.Node) string {
	var canonical, og string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				if strings.EqualFold(attr(n, "property"), "og:url") && og == "" {
					og = strings.TrimSpace(attr(n, "content"))
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if canonical != "" {
		return canonical
	}
	return og
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// fragmentToText renders an HTML fragment, such as a feed item's content,
// as plain text.
func fragmentToText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"})
	if err != nil {
		return strings.TrimSpace(s)
	}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return strings.TrimSpace(render.InnerText(cloneWithout(root, atom.Script, atom.Style, atom.Noscript, atom.Template)))
}

func (r *reader) feed(path string, in io.Reader) bool {
	f, err := gofeed.NewParser().Parse(in)
	if err != nil {
		return r.fail(invalid(path, "feed: %v", err))
	}
	publisher := strings.TrimSpace(f.Title)
	for i, it := range f.Items {
		origin := fmt.Sprintf("%s#%d", path, i+1)
		a := RawArticle{
			SourceID:  strings.TrimSpace(it.GUID),
			Origin:    origin,
			URL:       strings.TrimSpace(it.Link),
			Title:     strings.TrimSpace(it.Title),
			Publisher: publisher,
		}
		if a.SourceID == "" {
			a.SourceID = a.URL
		}
		if a.SourceID == "" {
			a.SourceID = fmt.Sprintf("%s-%d", sourceID(path), i+1)
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = it.PublishedParsed.UTC().Format(time.DateOnly)
		case it.UpdatedParsed != nil:
			a.Published = it.UpdatedParsed.UTC().Format(time.DateOnly)
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		a.Text = fragmentToText(body)
		if a.Text == "" {
			if !r.fail(invalid(origin, "field content: item has neither content nor description")) {
				return false
			}
			continue
		}
		if err := r.checkSize(origin, a.Text); err != nil {
			if !r.fail(err) {
				return false
			}
			continue
		}
		if !r.emit(a) {
			return false
		}
	}
	return true
}
