package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/generated"
	"github.com/partnergraph/partnergraph/graph/model"
)

// depthLimit is a gqlgen extension that refuses operations whose fields
// nest deeper than its value. Introspection fields are not counted, so that
// tools can always read the schema.
type depthLimit int

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit(0)

// ExtensionName names the extension for gqlgen.
func (depthLimit) ExtensionName() string { return "DepthLimit" }

// Validate accepts every schema.
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation and refuses it when it is
// too deep.
func (d depthLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if got := selectionDepth(oc.Operation.SelectionSet, int(d)+1); got > int(d) {
		err := gqlerror.Errorf("operation is nested more than %d fields deep", int(d))
		setCode(err, CodeDepthLimit)
		return err
	}
	return nil
}

// selectionDepth returns the depth of set, stopping at bound so that
// fragment cycles (which validation rejects anyway) cannot loop.
func selectionDepth(set ast.SelectionSet, bound int) int {
	if bound <= 0 {
		return 0
	}
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, bound-1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, bound)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, bound)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// pageCost is the complexity of a list field: one for the field plus its
// selection once per item of a full page.
func pageCost(first *int, def, child int) int {
	n := def
	if first != nil {
		n = min(max(*first, 1), pg.MaxPageSize)
	}
	return 1 + n*child
}

// setComplexity prices every list field by its page size, so that nested
// connections multiply: deals(first: 100) { … deals(first: 100) } costs
// about 10,000 times its innermost selection.
func setComplexity(c *generated.ComplexityRoot) {
	const listGuess = 10 // items assumed for lists without an argument
	c.Query.Deals = func(child int, first *int, _ *string, _ *model.DealFilter, _ *pg.DealSort) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Query.Companies = func(child int, first *int, _ *string, _ *model.CompanyFilter, _ *pg.CompanySort) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Query.Platforms = func(child int, first *int, _ *string, _ *model.PlatformFilter) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Query.Search = func(child int, _ string, first *int) int {
		return pageCost(first, defaultSearchSize, child)
	}
	c.Query.Articles = func(child int, first *int, _ *string, _ *model.ArticleFilter) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, limit *int, _ []pg.DealType, _ *bool) int {
		n := defaultNeighborhoodLimit
		if limit != nil {
			n = min(max(*limit, 1), maxNeighborhoodLimit)
		}
		return 1 + n/10*child
	}
	c.Company.Deals = func(child int, first *int, _ *string) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Company.Partners = func(child int, first *int) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Company.Platforms = func(child int) int { return 1 + listGuess*child }
	c.Company.Timeline = func(child int) int { return 1 + pg.DefaultPageSize*child }
	c.Platform.Deals = func(child int, first *int, _ *string) int {
		return pageCost(first, pg.DefaultPageSize, child)
	}
	c.Partner.Deals = func(child int) int { return 1 + listGuess*child }
	c.Article.Deals = func(child int) int { return 1 + listGuess*child }
	c.Deal.Sources = func(child int, first *int) int { return pageCost(first, listGuess, child) }
}
