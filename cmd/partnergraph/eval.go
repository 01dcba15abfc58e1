package main

import (
	"context"
	"errors"
	"io"
)

// runEval implements `partnergraph eval`.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("eval: not available yet")
}
