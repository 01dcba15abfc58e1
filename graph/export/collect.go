package export

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// idChunk bounds the number of IDs passed to one batched store read.
const idChunk = 500

// Node is one node of an exported graph: a company, a platform or a deal.
// The same attribute names are used by every graph format; fields that do
// not apply to a kind are omitted.
type Node struct {
	// ID is the store ID ("sega", "p:azure", "d:…").
	ID string `json:"id"`
	// Kind is "company", "platform" or "deal".
	Kind string `json:"kind"`
	// Label is the name of a company or platform, the summary of a deal.
	Label string `json:"label"`
	// Aliases are the other spellings of a company or platform.
	Aliases []string `json:"aliases,omitempty"`
	// PlatformKind is a platform's kind (cloud, console, …).
	PlatformKind string `json:"platform_kind,omitempty"`
	// Owner is the ID of a platform's owning company.
	Owner string `json:"owner,omitempty"`
	// Type is a deal's type in the label format ("joint_venture").
	Type string `json:"type,omitempty"`
	// Status is a deal's status in the label format.
	Status string `json:"status,omitempty"`
	// Year is a deal's year; omitted when unknown.
	Year int `json:"year,omitempty"`
	// Amount is a deal's stated monetary value; omitted when none.
	Amount *float64 `json:"amount,omitempty"`
	// Currency is the ISO 4217 code of Amount.
	Currency string `json:"currency,omitempty"`
	// Confidence is a deal's aggregated confidence.
	Confidence *float64 `json:"confidence,omitempty"`
	// Sources is the number of articles reporting a deal.
	Sources *int `json:"sources,omitempty"`
}

// Edge is one directed edge of an exported graph.
type Edge struct {
	// Source and Target are node IDs.
	Source string `json:"source"`
	Target string `json:"target"`
	// Relation is "party" (company → deal), "on_platform" (deal → platform)
	// or "owned_by" (platform → company).
	Relation string `json:"relation"`
	// Role is a party's role(s) in the deal, comma-separated when a company
	// plays several.
	Role string `json:"role,omitempty"`
}

// Graph is the subgraph an export writes: the deals matching a filter, the
// companies party to them, the platforms they are on and those platforms'
// owners.
type Graph struct {
	Nodes []Node
	Edges []Edge
	// Deals is the number of deal nodes.
	Deals int
	// Truncated reports that more deals matched than the limit allowed.
	Truncated bool
}

// Relations, the edge kinds of an exported graph.
const (
	RelParty      = "party"
	RelOnPlatform = "on_platform"
	RelOwnedBy    = "owned_by"
)

// Request is a parsed export request: which deals, and at most how many.
type Request struct {
	Filter partnergraph.DealFilter
	// Limit is the maximum number of deals exported.
	Limit int
}

// eachDealPage calls fn with every page of deals matching req, in the
// store's default order, reading MaxPageSize deals at a time and stopping
// after req.Limit deals. It reports whether more deals matched.
func eachDealPage(ctx context.Context, r partnergraph.Reader, req Request, fn func([]partnergraph.Deal) error) (truncated bool, err error) {
	q := partnergraph.DealQuery{Filter: req.Filter, PageArgs: partnergraph.PageArgs{First: partnergraph.MaxPageSize}}
	seen := 0
	for {
		if want := req.Limit - seen; want < q.First {
			q.First = want
		}
		page, err := r.Deals(ctx, q)
		if err != nil {
			return false, fmt.Errorf("export: read deals: %w", err)
		}
		if len(page.Items) > 0 {
			if err := fn(page.Items); err != nil {
				return false, err
			}
		}
		seen += len(page.Items)
		if !page.HasNextPage || len(page.Items) == 0 {
			return false, nil
		}
		if seen >= req.Limit {
			return true, nil
		}
		q.After = page.Cursors[len(page.Cursors)-1]
	}
}

// chunks splits ids into slices of at most idChunk.
func chunks(ids []string) [][]string {
	var out [][]string
	for len(ids) > idChunk {
		out = append(out, ids[:idChunk])
		ids = ids[idChunk:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// companies reads the companies among ids in chunks.
func companies(ctx context.Context, r partnergraph.Reader, ids []string) (map[string]partnergraph.Company, error) {
	out := map[string]partnergraph.Company{}
	for _, c := range chunks(ids) {
		m, err := r.CompaniesByID(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("export: read companies: %w", err)
		}
		maps.Copy(out, m)
	}
	return out, nil
}

// platforms reads the platforms among ids in chunks.
func platforms(ctx context.Context, r partnergraph.Reader, ids []string) (map[string]partnergraph.Platform, error) {
	out := map[string]partnergraph.Platform{}
	for _, c := range chunks(ids) {
		m, err := r.PlatformsByID(ctx, c)
		if err != nil {
			return nil, fmt.Errorf("export: read platforms: %w", err)
		}
		maps.Copy(out, m)
	}
	return out, nil
}

// sourceCounts returns the number of evidence records of each deal.
func sourceCounts(ctx context.Context, r partnergraph.Reader, deals []partnergraph.Deal) (map[string]int, error) {
	ids := make([]string, len(deals))
	for i, d := range deals {
		ids[i] = d.ID
	}
	ev, err := r.EvidenceByDeal(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("export: read evidence: %w", err)
	}
	out := make(map[string]int, len(ev))
	for id, e := range ev {
		out[id] = len(e)
	}
	return out, nil
}

// elements receives the elements of an exported graph in the order Walk
// finds them: every node, then every edge, then the graph's attributes.
type elements interface {
	node(Node) error
	edge(Edge) error
	// end receives the number of deals and whether the limit cut the
	// export short.
	end(deals int, truncated bool) error
}

// walk reads the subgraph of the deals matching req and hands its elements
// to out as it reads them: deal nodes a page at a time in the store's
// order, then the companies party to them and the platforms they are on
// (with the platforms' owners), by ID, a chunk at a time; then the party,
// on_platform and owned_by edges, which are the only part held until the
// end (a few short strings per deal).
func walk(ctx context.Context, r partnergraph.Reader, req Request, out elements) error {
	companySet, platformSet := map[string]bool{}, map[string]bool{}
	var edges []Edge
	deals := 0
	truncated, err := eachDealPage(ctx, r, req, func(page []partnergraph.Deal) error {
		sources, err := sourceCounts(ctx, r, page)
		if err != nil {
			return err
		}
		for _, d := range page {
			n := sources[d.ID]
			conf := roundConfidence(d.Confidence)
			if err := out.node(Node{
				ID: d.ID, Kind: "deal", Label: d.Summary, Type: string(d.Type), Status: string(d.Status), Year: d.Year,
				Amount: roundMoney(d.Value), Currency: d.Currency, Confidence: &conf, Sources: &n,
			}); err != nil {
				return err
			}
			deals++
			var order []string
			roles := map[string][]string{}
			for _, p := range d.Parties {
				if _, ok := roles[p.CompanyID]; !ok {
					order = append(order, p.CompanyID)
				}
				roles[p.CompanyID] = append(roles[p.CompanyID], string(p.Role))
				companySet[p.CompanyID] = true
			}
			for _, c := range order {
				edges = append(edges, Edge{Source: c, Target: d.ID, Relation: RelParty, Role: strings.Join(roles[c], ",")})
			}
			for _, p := range d.PlatformIDs {
				edges = append(edges, Edge{Source: d.ID, Target: p, Relation: RelOnPlatform})
				platformSet[p] = true
			}
		}
		return nil
	})
	if err != nil {
		return err
	}

	// Platforms first: their owners are companies of the graph too.
	var platformNodes []Node
	for _, ids := range chunks(sortedKeys(platformSet)) {
		plats, err := r.PlatformsByID(ctx, ids)
		if err != nil {
			return fmt.Errorf("export: read platforms: %w", err)
		}
		for _, id := range ids {
			p, ok := plats[id]
			if !ok {
				p = partnergraph.Platform{ID: id, Name: id} // a dangling reference: keep the graph well-formed
			}
			platformNodes = append(platformNodes, Node{ID: p.ID, Kind: "platform", Label: p.Name, Aliases: p.Aliases, PlatformKind: string(p.Kind), Owner: p.OwnerID})
			if p.OwnerID != "" {
				companySet[p.OwnerID] = true
				edges = append(edges, Edge{Source: p.ID, Target: p.OwnerID, Relation: RelOwnedBy})
			}
		}
	}
	for _, ids := range chunks(sortedKeys(companySet)) {
		comps, err := r.CompaniesByID(ctx, ids)
		if err != nil {
			return fmt.Errorf("export: read companies: %w", err)
		}
		for _, id := range ids {
			c, ok := comps[id]
			if !ok {
				c = partnergraph.Company{ID: id, Name: id}
			}
			if err := out.node(Node{ID: c.ID, Kind: "company", Label: c.Name, Aliases: c.Aliases}); err != nil {
				return err
			}
		}
	}
	for _, n := range platformNodes {
		if err := out.node(n); err != nil {
			return err
		}
	}
	for _, e := range edges {
		if err := out.edge(e); err != nil {
			return err
		}
	}
	return out.end(deals, truncated)
}

// collector gathers the elements into a Graph.
type collector struct{ g *Graph }

func (c collector) node(n Node) error { c.g.Nodes = append(c.g.Nodes, n); return nil }
func (c collector) edge(e Edge) error { c.g.Edges = append(c.g.Edges, e); return nil }
func (c collector) end(deals int, truncated bool) error {
	c.g.Deals, c.g.Truncated = deals, truncated
	return nil
}

// Collect reads the subgraph of the deals matching req into memory: deal
// nodes in the store's order, then their companies and platforms (and
// platform owners) by ID; party, on_platform and owned_by edges. The
// export handler streams the same elements instead.
func Collect(ctx context.Context, r partnergraph.Reader, req Request) (*Graph, error) {
	g := &Graph{}
	if err := walk(ctx, r, req, collector{g}); err != nil {
		return nil, err
	}
	return g, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// roundConfidence gives a confidence to 2 decimal places and roundMoney a
// value to the cent, as the GraphQL API does: no binary floating-point
// noise (0.8500000000000001, 8449999999.999999) reaches an export.
func roundConfidence(x float64) float64 { return partnergraph.RoundTo(x, 2) }

func roundMoney(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := partnergraph.RoundTo(*v, 2)
	return &r
}
