package loader

import (
	"fmt"
	"testing"
)

func TestZZ2(t *testing.T) {
	for _, txt := range []string{
		"[Sega|SEGA] and [Microsoft] announce a strategic alliance.\n\nIn a press release (spotted by [Gematsu]), the companies declared that they've come to an agreement \"in principle\" that will \"explores ways for [SEGA] to produce games built on [Microsoft]'s {Azure cloud|Microsoft|cloud} platform.\"",
	} {
		doc, ms := marked(t, txt, "1987-01-01")
		x := extractFrom(doc, ms)
		fmt.Println(briefs(x))
	}
}
