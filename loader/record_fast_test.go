package loader

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// recordLines are JSONL lines on both sides of the fast decoder's limits.
var recordLines = []string{
	`{}`,
	` { } `,
	`{"id": "a", "text": "hello"}`,
	`{"id":"a","title":"T","publisher":"P","published":"1987-02-26","url":"u","text":"x","html":"<p>"}`,
	`{"id": "a", "text": "line\nbreak \"quoted\" back\\slash \/ \t\r\b\f"}`,
	`{"id": "a", "text": "caf\u00e9 \u2019 \u0000 \uFFFD"}`,
	`{"id": "a", "text": "surrogates \ud83d\ude00"}`,
	`{"id": "a", "text": "lone \ud83d"}`,
	`{"id": "a", "text": "café ’"}`,
	"{\"id\": \"a\", \"text\": \"bad \xff utf8\"}",
	"{\"id\": \"a\", \"text\": \"bad \xff utf8 \\n escaped\"}",
	"{\"id\": \"a\", \"text\": \"raw \n newline\"}",
	`{"id": "a", "text": "dup", "text": "second"}`,
	`{"ID": "a", "Text": "case"}`,
	`{"id": "a", "topics": ["x"], "text": "t"}`,
	`{"id": 3, "text": "t"}`,
	`{"id": null, "text": "t"}`,
	`{"id": "a", "text": "t",}`,
	`{"id": "a", "text": "t"} x`,
	`{"id": "a" "text": "t"}`,
	`{"id": "a", "text": "bad \x escape"}`,
	`{"id": "a", "text": "\u12"}`,
	`{"id": "a", "text": "unterminated}`,
	`["id"]`,
	`{"id": "a", "topics": ["x", "y"], "split": "train", "text": "t"}`,
	`{"id": "a", "n": -1.5e+3, "m": 0, "o": {"p": [true, false, null, {}]}, "q": [], "text": "t"}`,
	`{"id": "a", "n": 01, "text": "t"}`,
	`{"id": "a", "n": 1., "text": "t"}`,
	`{"id": "a", "n": -, "text": "t"}`,
	`{"id": "a", "n": tru, "text": "t"}`,
	`{"id": "a", "o": {"p" 1}, "text": "t"}`,
	`{"id": "a", "o": [1,], "text": "t"}`,
	`{"id": "a", "s": "\q", "text": "t"}`,
	`{"id": "a", "s": "\u00zz", "text": "t"}`,
	"{\"id\": \"a\", \"s\": \"\xff\", \"text\": \"t\"}",
	`{"id": "a", "TITLE": "x", "text": "t"}`,
	`{"id": "a", "s": "\ud800", "text": "t"}`,
	`{"id": "a", "text": "t"`,
}

func init() {
	// long strings put quotes, escapes, control bytes and non-ASCII bytes
	// at every offset of an eight-byte word
	for _, special := range []string{`\"`, `\n`, `\u00e9`, "\x01", "é", "\xff", `\\`} {
		for k := 0; k < 17; k++ {
			pad := strings.Repeat("abcdefgh", 3)
			recordLines = append(recordLines, `{"id": "a", "text": "`+pad[:k]+special+pad[k:]+`"}`)
		}
	}
}

// TestDecodeRecordFast checks that whenever the fast decoder accepts a
// line, it stores exactly what encoding/json stores.
func TestDecodeRecordFast(t *testing.T) {
	accepted := 0
	for _, line := range recordLines {
		checkRecordFast(t, []byte(line))
		var rec record
		if decodeRecordFast([]byte(line), &rec) {
			accepted++
		}
	}
	if accepted < 6 {
		t.Errorf("fast decoder accepted only %d lines; the common shapes should not need encoding/json", accepted)
	}
}

func checkRecordFast(t *testing.T, line []byte) {
	t.Helper()
	var fast, slow record
	if !decodeRecordFast(line, &fast) {
		return
	}
	if err := json.Unmarshal(line, &slow); err != nil {
		t.Errorf("fast decoder accepted %q, encoding/json fails: %v", line, err)
		return
	}
	if diff := cmp.Diff(slow, fast, cmp.AllowUnexported(record{})); diff != "" {
		t.Errorf("decode %q (-encoding/json +fast):\n%s", line, diff)
	}
}

// FuzzDecodeRecordFast compares the fast decoder with encoding/json.
func FuzzDecodeRecordFast(f *testing.F) {
	for _, l := range recordLines {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, line []byte) { checkRecordFast(t, line) })
}
