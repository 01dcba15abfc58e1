package loader

import (
	"syscall"
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func loadTmp(b *testing.B) ([]RawArticle, int) {
	f, _ := os.Open("/tmp/reuters-train.jsonl")
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []RawArticle
	n := 0
	for sc.Scan() && len(out) < 2000 {
		var a struct{ ID, Text string }
		json.Unmarshal(sc.Bytes(), &a)
		out = append(out, RawArticle{SourceID: a.ID, Text: a.Text})
		n += len(a.Text)
	}
	return out, n
}

func BenchmarkTmpClean(b *testing.B) {
	arts, n := loadTmp(b)
	b.SetBytes(int64(n))
	c0 := cpuT()
	k := 0
	for b.Loop() {
		k++
		for _, a := range arts {
			Clean(a)
		}
	}
	b.ReportMetric(float64(n*k)/(cpuT()-c0)/1e6, "MB/cpu-s")
}

func BenchmarkTmpTokenize(b *testing.B) {
	arts, n := loadTmp(b)
	b.SetBytes(int64(n))
	var toks []token
	for b.Loop() {
		for _, a := range arts {
			toks = tokenize(a.Text, toks[:0])
		}
	}
}

func BenchmarkTmpStages(b *testing.B) {
	arts, n := loadTmp(b)
	g, _ := DefaultGazetteer()
	r := NewEntityRecognizer(g)
	var docs []Document
	for _, a := range arts {
		d, _ := Clean(a)
		docs = append(docs, d)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, d := range docs {
			text := d.Text
			toks := tokenize(text, nil)
			for i := range toks {
				if toks[i].kind == tokWord {
					e := r.lex[text[toks[i].s:toks[i].e]]
					toks[i].lex, toks[i].first = e.flags, e.first
				}
			}
			blocked := markupBlocks(text, toks)
			var cands []candidate
			cands = r.markupCandidates(text, toks, cands)
			cands = r.gazetteerCandidates(text, toks, blocked, cands)
			cands = r.suffixCandidates(text, toks, blocked, cands)
			cands = r.patternCandidates(text, toks, blocked, cands)
			picked := pick(cands)
			picked = r.propagate(text, toks, blocked, picked)
			toMentions(text, picked)
		}
	}
}

func BenchmarkTmpCum(b *testing.B) {
	arts, n := loadTmp(b)
	g, _ := DefaultGazetteer()
	r := NewEntityRecognizer(g)
	var docs []Document
	for _, a := range arts {
		d, _ := Clean(a)
		docs = append(docs, d)
	}
	for stage := 0; stage <= 6; stage++ {
		b.Run(string(rune('0'+stage)), func(b *testing.B) {
			b.SetBytes(int64(n))
			var toks []token
			c0 := cpuT()
			k := 0
			defer func() { b.ReportMetric(float64(n*k)/(cpuT()-c0)/1e6, "MB/cpu-s") }()
			for b.Loop() {
				k++
				for _, d := range docs {
					text := d.Text
					toks = tokenize(text, toks[:0])
					for i := range toks {
						if toks[i].kind == tokWord {
							e := r.lex[text[toks[i].s:toks[i].e]]
							toks[i].lex, toks[i].first = e.flags, e.first
						}
					}
					if stage < 1 {
						continue
					}
					blocked := markupBlocks(text, toks)
					var cands []candidate
					cands = r.markupCandidates(text, toks, cands)
					if stage < 2 {
						continue
					}
					cands = r.gazetteerCandidates(text, toks, blocked, cands)
					if stage < 3 {
						continue
					}
					cands = r.suffixCandidates(text, toks, blocked, cands)
					if stage < 4 {
						continue
					}
					cands = r.patternCandidates(text, toks, blocked, cands)
					if stage < 5 {
						continue
					}
					picked := pick(cands)
					if stage < 6 {
						continue
					}
					picked = r.propagate(text, toks, blocked, picked)
					toMentions(text, picked)
				}
			}
		})
	}
}

func cpuT() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func BenchmarkTmpExtract(b *testing.B) {
	arts, n := loadTmp(b)
	g, _ := DefaultGazetteer()
	x := NewExtractor(g)
	b.SetBytes(int64(n))
	c0 := cpuT()
	k := 0
	for b.Loop() {
		k++
		for _, a := range arts {
			d, err := Clean(a)
			if err == nil {
				x.Extract(d)
			}
		}
	}
	b.ReportMetric(float64(n*k)/(cpuT()-c0)/1e6, "MB/cpu-s")
}
