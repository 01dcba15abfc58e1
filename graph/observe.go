package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/partnergraph/partnergraph/internal/obs"
)

// countErrors wraps an error presenter so that every error sent is counted
// by its extensions.code, and store failures also as store errors.
func countErrors(m *obs.Metrics, present graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	if m == nil {
		return present
	}
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		code, _ := e.Extensions["code"].(string)
		if code == "" {
			code = "NONE"
		}
		m.GraphQLError(code)
		switch code {
		case CodeUnavailable:
			m.StoreError("unavailable")
		case CodeTimeout:
			m.StoreError("timeout")
		case CodeInternal:
			m.StoreError("other")
		}
		return e
	}
}

// measureRootField times every root field ("Query.deals") with its whole
// selection and records whether it ended with an error.
func measureRootField(m *obs.Metrics) graphql.RootFieldMiddleware {
	return func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		if m == nil {
			return next(ctx)
		}
		start := time.Now()
		out := next(ctx)
		rf := graphql.GetRootFieldContext(ctx)
		if rf == nil {
			return out
		}
		failed := false
		alias := rf.Field.Alias
		for _, e := range graphql.GetErrors(ctx) {
			if len(e.Path) > 0 {
				if name, ok := e.Path[0].(ast.PathName); ok && string(name) == alias {
					failed = true
					break
				}
			}
		}
		// RootFieldContext.Object holds the field's name: the type is the
		// operation's.
		typ := "Query"
		if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
			typ = "Mutation"
		}
		m.Operation(typ+"."+rf.Field.Name, time.Since(start), failed)
		return out
	}
}
