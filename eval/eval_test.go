package eval_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/eval"
)

// scorePy is the reference scorer of the labelled corpus.
func scorePy(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "shared", "corpus", "score.py")
	if env := os.Getenv("PARTNERGRAPH_SCORE_PY"); env != "" {
		p = env
	}
	if _, err := os.Stat(p); err != nil {
		needExternal(t, "score.py not found")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		needExternal(t, "python3 not found")
	}
	return p
}

func needExternal(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why + " (required when CI=true)")
	}
	t.Skip(why)
}

// runPy scores with score.py --json --errors and returns its result.
func runPy(t *testing.T, py, pred string, gold ...string) map[string]any {
	t.Helper()
	args := append([]string{py}, gold...)
	args = append(args, "--pred", pred, "--json", "--errors")
	out, err := exec.Command("python3", args...).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("score.py output: %v\n%s", err, out)
	}
	return m
}

// asJSON round-trips v through JSON so that Go and Python results compare
// as plain values.
func asJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func goScore(t *testing.T, pred string, gold ...string) eval.Result {
	t.Helper()
	g, err := eval.LoadGold(gold...)
	if err != nil {
		t.Fatal(err)
	}
	p, err := eval.ReadPredictions(pred, nil)
	if err != nil {
		t.Fatal(err)
	}
	return eval.Score(g, p)
}

func compareWithPython(t *testing.T, py, pred string, gold ...string) {
	t.Helper()
	want := runPy(t, py, pred, gold...)
	got := asJSON(t, goScore(t, pred, gold...))
	// Errors are compared as sets of lines: both list them in the same
	// order, but only the numbers are the contract.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Go score differs from score.py (-python +go):\n%s", diff)
	}
}

// TestScoreMatchesScorePy scores the same hand-made gold and predictions
// (accents, suffixes, possessives, optional names, duplicates, non-deals,
// float years, string entries, missing and unknown articles) with
// score.py and with Score.
func TestScoreMatchesScorePy(t *testing.T) {
	py := scorePy(t)
	compareWithPython(t, py, filepath.Join("testdata", "pred.jsonl"), filepath.Join("testdata", "gold"))
}

// TestScoreMatchesScorePyOnCorpus scores perturbed copies of the corpus
// labels against the corpus with both scorers.
func TestScoreMatchesScorePyOnCorpus(t *testing.T) {
	py := scorePy(t)
	corpus := filepath.Dir(py)
	dirs := []string{filepath.Join(corpus, "seeds"), filepath.Join(corpus, "dev")}
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			needExternal(t, "corpus labels not found")
		}
	}
	gold, err := eval.LoadGold(dirs...)
	if err != nil {
		t.Fatal(err)
	}
	// Perturb: drop every third company and the last alias of others,
	// rename every fourth deal's type, shift every fifth year, add an
	// optional company as a deal party.
	var b strings.Builder
	for i, g := range gold {
		p := g
		p.Companies = nil
		for j, c := range g.Companies {
			switch {
			case (i+j)%3 == 0:
				continue
			case len(c.Aliases) > 0 && j%2 == 0:
				p.Companies = append(p.Companies, eval.Entity{Name: c.Aliases[len(c.Aliases)-1]})
			default:
				p.Companies = append(p.Companies, c)
			}
		}
		p.Companies = append(p.Companies, eval.Entity{Name: "Invented Widgets Inc"})
		p.Deals = nil
		for j, d := range g.Deals {
			switch (i + j) % 5 {
			case 1:
				d.Type = "merger"
			case 2:
				d.Year = 1900.0
			case 3:
				d.Status = "completed"
			}
			p.Deals = append(p.Deals, d)
		}
		p.Deals = append(p.Deals, g.NonDeals...)
		if p.Deals == nil {
			p.Deals = []eval.Deal{}
		}
		if p.Platforms == nil {
			p.Platforms = []eval.Entity{}
		}
		if i%7 == 0 {
			continue // a missing prediction
		}
		line, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := os.WriteFile(pred, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	compareWithPython(t, py, pred, dirs...)
}

// TestTableMatchesScorePy compares Result.Table with score.py's printed
// summary on the same input.
func TestTableMatchesScorePy(t *testing.T) {
	py := scorePy(t)
	pred := filepath.Join("testdata", "pred.jsonl")
	gold := filepath.Join("testdata", "gold")
	out, err := exec.Command("python3", py, gold, "--pred", pred).Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	if diff := cmp.Diff(string(out), goScore(t, pred, gold).Table()); diff != "" {
		t.Errorf("table differs from score.py (-python +go):\n%s", diff)
	}
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Microsoft Corp", "microsoft"},
		{"The Walt Disney Company", "walt disney"},
		{"Pantera's Corp", "pantera"},
		{"Procter & Gamble", "procter and gamble"},
		{"Nestlé S.A.", "nestle s a"}, {"Nestlé SA", "nestle"},
		{"Sam’s Club", "sam club"},
		{"Co", "co"},
		{"Triton Beleggineng Nederland B.V.", "triton beleggineng nederland b v"},
		{"  Wal-Mart Stores, Inc. ", "wal mart stores"},
		{"STRASSE AG", "strasse"},
		{"Straße AG", "strasse"},
	}
	for _, tt := range tests {
		if got := eval.Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScoreCounts(t *testing.T) {
	gold := []eval.Label{{
		ID:        "x",
		Companies: []eval.Entity{{Name: "SEGA", Aliases: []string{"Sega"}}, {Name: "Microsoft"}},
		Platforms: []eval.Entity{{Name: "Azure"}},
		Deals:     []eval.Deal{{Parties: []string{"Microsoft", "SEGA"}, Type: "partnership", Year: 2021.0, Status: "announced"}},
		NonDeals:  []eval.Deal{{Parties: []string{"Microsoft", "SEGA"}, Type: "acquisition"}},
	}}
	pred := []eval.Label{{
		ID:        "x",
		Companies: []eval.Entity{{Name: "Sega Corp"}, {Name: "Sony"}},
		Platforms: []eval.Entity{{Name: "Microsoft Azure", Aliases: []string{"Azure"}}},
		Deals: []eval.Deal{
			{Parties: []string{"Sega", "Microsoft Corp"}, Type: "Partnership", Year: 2021.0, Status: "announced"},
			{Parties: []string{"Sega", "Microsoft"}, Type: "acquisition"},
		},
	}}
	r := eval.Score(gold, pred)
	if diff := cmp.Diff(eval.PRF{Precision: 0.5, Recall: 0.5, F1: 0.5, TP: 1, FP: 1, FN: 1}, r.Companies); diff != "" {
		t.Errorf("companies (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(eval.PRF{Precision: 1, Recall: 1, F1: 1, TP: 1}, r.Platforms); diff != "" {
		t.Errorf("platforms (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(eval.PRF{Precision: 0.5, Recall: 1, F1: 0.6667, TP: 1, FP: 1}, r.Deals); diff != "" {
		t.Errorf("deals (-want +got):\n%s", diff)
	}
	if r.NonDealsExtracted != 1 {
		t.Errorf("non-deals extracted = %d, want 1", r.NonDealsExtracted)
	}
	if !strings.Contains(r.Table(), "companies            P 0.500  R 0.500  F1 0.500  (tp 1 fp 1 fn 1)") {
		t.Errorf("table:\n%s", r.Table())
	}
	if got := r.Check(eval.Threshold{Name: "deal_precision", Min: 0.9}, eval.Threshold{Name: "platform_f1", Min: 0.9}); len(got) != 1 || got[0] != "deal_precision 0.500 < 0.9" {
		t.Errorf("Check = %q", got)
	}
}
