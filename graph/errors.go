package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	pg "github.com/partnergraph/partnergraph"
)

// The extensions.code values this API adds to gqlgen's own
// (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED,
// COMPLEXITY_LIMIT_EXCEEDED).
const (
	CodeNotFound        = "NOT_FOUND"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeBadRequest      = "BAD_REQUEST"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeTimeout         = "TIMEOUT"
	CodeCancelled       = "CANCELLED"
	CodeDepthLimit      = "DEPTH_LIMIT_EXCEEDED"
	CodeTooLarge        = "REQUEST_TOO_LARGE"
	CodeInternal        = "INTERNAL_SERVER_ERROR"
)

// errReadOnly is returned for mutations on a server without an API key.
var errReadOnly = errors.New("the server is read-only: start it with an API key to enable curation")

// codeFor maps an error chain to its extensions.code, or "" when the error
// is not one the API expects.
func codeFor(err error) string {
	switch {
	case errors.Is(err, pg.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, pg.ErrInvalid):
		return CodeBadUserInput
	case errors.Is(err, pg.ErrConflict):
		return CodeConflict
	case errors.Is(err, pg.ErrUnauthorized):
		return CodeUnauthenticated
	case errors.Is(err, errReadOnly):
		return CodeForbidden
	case errors.Is(err, pg.ErrUnavailable):
		return CodeUnavailable
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout
	case errors.Is(err, context.Canceled):
		return CodeCancelled // the client went away; nobody reads this
	}
	return ""
}

// presentError returns gqlgen's error presenter: domain sentinels become
// extensions.code, errors gqlgen made itself keep their code or get
// BAD_REQUEST, and anything else is logged with its path and replaced by an
// opaque internal error. Messages lose the names of internal packages.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		gqlErr.Message = publicMessage(gqlErr.Message)
		if code := codeFor(err); code != "" {
			if code == CodeTimeout {
				gqlErr.Message = "the request took too long and was stopped"
			}
			setCode(gqlErr, code)
			return gqlErr
		}
		if _, ok := gqlErr.Extensions["code"]; ok {
			return gqlErr
		}
		if gqlErr.Err == nil || isFrameworkError(gqlErr.Err) {
			// A request gqlgen could not read, e.g. a body that is JSON
			// but not a GraphQL request; its message echoes the body.
			gqlErr.Message, _, _ = strings.Cut(gqlErr.Message, " body:")
			setCode(gqlErr, CodeBadRequest)
			return gqlErr
		}
		logger.ErrorContext(ctx, "graphql: internal error", "path", gqlErr.Path.String(), "err", err)
		masked := &gqlerror.Error{Message: "internal server error", Path: gqlErr.Path, Locations: gqlErr.Locations}
		setCode(masked, CodeInternal)
		return masked
	}
}

// internalPrefix matches the package names that wrapped errors start with.
var internalPrefix = regexp.MustCompile(`\b(?:memstore|neo4jstore|storekit|storetest|loader|export|partnergraph|graph|generated|model): `)

// publicMessage removes the names of internal packages from an error
// message: they mean nothing to an API client.
func publicMessage(msg string) string {
	return internalPrefix.ReplaceAllString(msg, "")
}

// isFrameworkError reports whether err (the cause of a gqlerror) was made by
// gqlgen itself while coercing input, as opposed to by a resolver.
func isFrameworkError(err error) bool {
	var ge *gqlerror.Error
	return errors.As(err, &ge) && ge.Err == nil
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverPanic turns a resolver panic into an internal error, logging the
// stack.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql: panic", "panic", p, "stack", string(debug.Stack()))
		return fmt.Errorf("panic: %v", p)
	}
}

// invalid returns an error wrapping ErrInvalid, presented as BAD_USER_INPUT.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", pg.ErrInvalid, fmt.Sprintf(format, args...))
}
