package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSummaryCountsComponents(t *testing.T) {
	evs := []event{
		{Action: "run", Package: "p", Test: "TestA"},
		{Action: "output", Package: "p", Test: "TestA", Output: "    x_test.go:9: component: Neo4j\n"},
		{Action: "pass", Package: "p", Test: "TestA"},
		{Action: "output", Package: "p", Test: "TestB", Output: "    x_test.go:9: component: Chromium\n"},
		{Action: "output", Package: "p", Test: "TestB", Output: "    x_test.go:10: skipping: no Chromium at /usr/bin/chromium\n"},
		{Action: "output", Package: "p", Test: "TestB", Output: "--- SKIP: TestB (0.00s)\n"},
		{Action: "skip", Package: "p", Test: "TestB"},
		{Action: "output", Package: "p", Test: "TestC", Output: "    x_test.go:3: boom\n"},
		{Action: "fail", Package: "p", Test: "TestC"},
		{Action: "pass", Package: "p", Test: "TestD"},
		{Action: "output", Package: "p", Test: "TestE", Output: "    x_test.go:4: set -report to run\n"},
		{Action: "skip", Package: "p", Test: "TestE"},
		{Action: "output", Package: "p", Output: "FAIL\tp\t0.1s\n"},
		{Action: "fail", Package: "p"},
	}
	var out strings.Builder
	s := newSummary(&out)
	for _, e := range evs {
		b, _ := json.Marshal(e)
		var back event
		_ = json.Unmarshal(b, &back)
		s.add(back)
	}
	if s.finish() {
		t.Error("finish reported success with a failed test")
	}
	got := out.String()
	for _, want := range []string{
		"boom",
		"FAIL\tp\t0.1s",
		"skipped (Chromium): TestB (x_test.go:10: skipping: no Chromium at /usr/bin/chromium)",
		"skipped: TestE (x_test.go:4: set -report to run)",
		"tests FAILED (1 tests, packages: p): 3 ran, 2 skipped; Neo4j 1 ran, 0 skipped; Chromium 0 ran, 1 skipped; notebook 0 ran, 0 skipped; audit 0 ran, 0 skipped\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasSuffix(got, "audit 0 ran, 0 skipped\n") {
		t.Errorf("the summary is not the last line:\n%s", got)
	}
}
