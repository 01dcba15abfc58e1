package loader

import (
	"fmt"
	"testing"
)

func TestZZ2(t *testing.T) {
	for _, txt := range []string{
		"The directors of [Hughes Tool Co] said they would recommend to shareholders that they reject a merger with [Baker International Corp] today.",
		"Absa has said it is still in talks with UK bank [Barclays] over the sale of majority stake in the group.",
		"\"Discussions with [Barclays] are continuing, but shareholders are advised that no agreement has been reached as to any offer being made by [Barclays] to acquire a majority stake in [Absa],\" [Absa] said in a statement.",
	} {
		doc, ms := marked(t, txt, "1987-01-01")
		x := extractFrom(doc, ms)
		fmt.Println(briefs(x))
	}
}
