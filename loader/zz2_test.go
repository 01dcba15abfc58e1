package loader

import (
	"fmt"
	"testing"
)

func TestZZ2(t *testing.T) {
	for _, txt := range []string{
		"But not considered was how this technology will evolve.\" Roughly two years ago, [Lyft] partnered with [Motional] to launch a fleet of autonomous BMW 5 series cars on the former's network in Las Vegas.",
	} {
		doc, ms := marked(t, txt, "2020-08-11")
		for _, sp := range Sentences(doc.Text) {
			fmt.Printf("%q\n", doc.Text[sp.Start:sp.End])
		}
		x := extractFrom(doc, ms)
		fmt.Println(briefs(x))
	}
}
