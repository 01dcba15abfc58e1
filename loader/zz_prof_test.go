package loader_test

import (
	"os"
	"testing"

	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/memstore"
)

func TestZZProfLoad(t *testing.T) {
	path := os.Getenv("PROF_INPUT")
	if path == "" {
		t.Skip()
	}
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &loader.Pipeline{Store: s}
	rep, err := p.Run(t.Context(), []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", rep.Elapsed)
}
