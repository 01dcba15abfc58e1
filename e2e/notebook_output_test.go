package e2e_test

import (
	"encoding/json"
	"os"
	"strings"
)

// exec2text returns what the cells of an executed notebook printed.
func exec2text(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var nb struct {
		Cells []struct {
			Outputs []struct {
				OutputType string          `json:"output_type"`
				Text       json.RawMessage `json:"text"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(b, &nb); err != nil {
		return "", err
	}
	var out strings.Builder
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.OutputType != "stream" {
				continue
			}
			var s string
			var lines []string
			if json.Unmarshal(o.Text, &s) != nil && json.Unmarshal(o.Text, &lines) == nil {
				s = strings.Join(lines, "")
			}
			out.WriteString(s)
		}
	}
	return out.String(), nil
}
