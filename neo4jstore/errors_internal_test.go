package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// TestWrapClassifiesDriverErrors checks which driver errors become
// ErrUnavailable and that every message is one line.
func TestWrapClassifiesDriverErrors(t *testing.T) {
	s := &Store{uri: "neo4j+s://example.databases.neo4j.io"}
	refused := &neo4j.ConnectivityError{Inner: errors.New("dial tcp 10.0.0.1:7687: connect: connection refused\n\tat driver internals")}
	tests := []struct {
		name        string
		err         error
		unavailable bool
		want        string // a substring of the message
	}{
		{"wrong password", &neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized", Msg: "The client is unauthorized due to authentication failure."}, true, "rejected the credentials"},
		{"unreachable", refused, true, "cannot reach the server (dial tcp 10.0.0.1:7687: connect: connection refused)"},
		{"retries exhausted", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{refused}}, true, "connection refused"},
		{"database unavailable", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable", Msg: "down"}, true, "cannot reach"},
		{"constraint", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "already exists\nwith label"}, false, "already exists"},
		{"domain", fmt.Errorf("deal x: %w", pg.ErrInvalid), false, "deal x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.wrap(t.Context(), "write", tt.err)
			if got := errors.Is(err, pg.ErrUnavailable); got != tt.unavailable {
				t.Errorf("wrap(%v) = %v; ErrUnavailable %v, want %v", tt.err, err, got, tt.unavailable)
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, tt.want) {
				t.Errorf("message %q: want one line containing %q", msg, tt.want)
			}
		})
	}
}

// TestWrapSaysTimedOut: an error after the caller's deadline passed is a
// timeout (the server is slow), not an unreachable server.
func TestWrapSaysTimedOut(t *testing.T) {
	s := &Store{uri: "bolt://db:7687"}
	ctx, cancel := context.WithTimeout(t.Context(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	err := s.wrap(ctx, "deals", &neo4j.ConnectivityError{Inner: context.DeadlineExceeded})
	if errors.Is(err, pg.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "deals: timed out waiting for the server at bolt://db:7687") {
		t.Errorf("wrap after the deadline = %v", err)
	}
}
