//go:build unix

package loader_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnergraph/partnergraph/loader"
)

// longArticle returns about n bytes of news-like text made to stress
// extraction: every sentence names new companies (so the names an article
// holds grow with it), reports, denies and ends deals and refers back to
// them ("the deal", "the two companies"). With runOn the sentences run
// together with commas, as one endless sentence.
func longArticle(n int, runOn bool) string {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	name := func() string {
		var b strings.Builder
		for range 3 {
			b.WriteByte("bcdfghklmnprstvz"[rng.IntN(16)])
			b.WriteByte("aeiou"[rng.IntN(5)])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	templates := []string{
		"%s Corp agreed to buy %s Inc for $5 million. ",
		"%s Corp is not buying %s Inc, the company said. ",
		"Talks between %s Corp and %s Inc have ended. ",
		"The deal was completed, %s Ltd and %s Group said. ",
		"%s Ltd also participated in the Series A round of %s Systems. ",
		"The two companies, %s Holdings and %s Networks, will work together on Azure. ",
		"Microsoft and %s Inc announced a partnership with %s Labs on Azure. ",
	}
	var b strings.Builder
	b.WriteString("Wire roundup\n\n")
	for b.Len() < n {
		s := fmt.Sprintf(templates[rng.IntN(len(templates))], name(), name())
		if runOn {
			s = strings.ReplaceAll(s, ". ", ", ")
		}
		b.WriteString(s)
	}
	return b.String()
}

func extractText(b testing.TB, x *loader.Extractor, text string) loader.Extraction {
	doc, err := loader.Clean(loader.RawArticle{SourceID: "long", Origin: "long", Title: "Wire roundup", Text: text})
	if err != nil {
		b.Fatal(err)
	}
	return x.Extract(doc)
}

// BenchmarkExtractLongArticle extracts articles of growing size: CPU time
// per byte stays about flat (linear time). Before the fix, a 2 MB article of this
// kind took over five minutes (a pass over every name found per name).
func BenchmarkExtractLongArticle(b *testing.B) {
	x := newExtractor(b)
	for _, shape := range []struct {
		name  string
		runOn bool
	}{{"sentences", false}, {"run-on", true}} {
		for _, size := range []int{256 << 10, 1 << 20, 4 << 20} {
			text := longArticle(size, shape.runOn)
			b.Run(fmt.Sprintf("%s/%dKiB", shape.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				start := processCPU(b)
				for b.Loop() {
					extractText(b, x, text)
				}
				// CPU time, which a loaded machine does not inflate as
				// it does wall time.
				b.ReportMetric(float64(processCPU(b)-start)/float64(b.N)/float64(len(text)), "cpu-ns/byte")
			})
		}
	}
}

// processCPU returns the CPU time the process has used so far.
func processCPU(b testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
