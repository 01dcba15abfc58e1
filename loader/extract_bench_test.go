package loader_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/loader"
)

// reutersDir holds the Reuters-21578 SGML files (shared/datasets).
const reutersDir = "../../shared/datasets/reuters21578"

var (
	reutersDoc   = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	reutersTitle = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reutersBody  = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reutersDate  = regexp.MustCompile(`<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})`)
	months       = map[string]string{"JAN": "01", "FEB": "02", "MAR": "03", "APR": "04", "MAY": "05", "JUN": "06", "JUL": "07", "AUG": "08", "SEP": "09", "OCT": "10", "NOV": "11", "DEC": "12"}
)

// reutersArticles reads every Reuters-21578 story as a raw article (title,
// blank line, body), as reuters_to_jsonl.py does.
func reutersArticles(tb testing.TB) ([]loader.RawArticle, int64) {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(reutersDir, "reut2-*.sgm"))
	if len(files) == 0 {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("no Reuters-21578 files in %s", reutersDir)
		}
		tb.Skipf("no Reuters-21578 files in %s", reutersDir)
	}
	var out []loader.RawArticle
	var size int64
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range reutersDoc.FindAllStringSubmatch(string(b), -1) {
			var title, body string
			if t := reutersTitle.FindStringSubmatch(m[2]); t != nil {
				title = html.UnescapeString(t[1])
			}
			if t := reutersBody.FindStringSubmatch(m[2]); t != nil {
				body = strings.ReplaceAll(html.UnescapeString(t[1]), "\x03", "")
			}
			text := strings.TrimSpace(title + "\n\n" + body)
			if text == "" {
				continue
			}
			var published string
			if d := reutersDate.FindStringSubmatch(m[2]); d != nil {
				published = d[3] + "-" + months[d[2]] + "-" + fmt.Sprintf("%02s", d[1])
			}
			out = append(out, loader.RawArticle{SourceID: "reuters-" + m[1], Title: title, Publisher: "Reuters", Published: published, Text: text})
			size += int64(len(text))
		}
	}
	return out, size
}

// reutersJSONL encodes articles as the JSONL that `partnergraph extract`
// reads, with the fields reuters_to_jsonl.py writes.
func reutersJSONL(tb testing.TB, arts []loader.RawArticle) []byte {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, a := range arts {
		rec := map[string]string{"id": a.SourceID, "title": a.Title, "publisher": a.Publisher, "text": a.Text}
		if a.Published != "" {
			rec["published"] = a.Published
		}
		if err := enc.Encode(rec); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// BenchmarkExtractReuters measures the whole path of `partnergraph
// extract` (reading JSONL, cleaning, entity recognition, deal extraction,
// labelling and JSON encoding of the output) over all 21,578 Reuters
// stories on one core. Run with
//
//	go test -run '^$' -bench ExtractReuters -benchtime 3x -cpu 1 ./loader/
//
// MB/s is megabytes of article text per second of wall time; MB/cpu-s is
// the same per second of CPU time of the process (user and system), which
// a busy machine disturbs less.
func BenchmarkExtractReuters(b *testing.B) {
	arts, size := reutersArticles(b)
	in := reutersJSONL(b, arts)
	g, err := loader.DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	x := loader.NewExtractor(g)
	ctx := context.Background()
	runtime.GC()
	b.SetBytes(size)
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		deals := 0
		w := bufio.NewWriterSize(io.Discard, 1<<16)
		var line []byte
		for raw, err := range loader.Read(ctx, []string{"-"}, bytes.NewReader(in)) {
			if err != nil {
				b.Fatal(err)
			}
			doc, err := loader.Clean(raw)
			if err != nil {
				continue
			}
			l := loader.Label(x.Extract(doc))
			deals += len(l.Deals)
			if line, err = l.AppendJSON(line[:0]); err != nil {
				b.Fatal(err)
			}
			if _, err := w.Write(append(line, '\n')); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		if deals == 0 {
			b.Fatal("no deals extracted from Reuters")
		}
	}
	reportCPU(b, cpu, int(size)*b.N)
}
