package export

import (
	"context"
	"fmt"
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
		for k, v := range m {
			out[k] = v
		}
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
		for k, v := range m {
			out[k] = v
		}
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

// Collect reads the subgraph of the deals matching req: deal nodes in the
// store's order, then their companies and platforms (and platform owners)
// by ID; party, on_platform and owned_by edges.
func Collect(ctx context.Context, r partnergraph.Reader, req Request) (*Graph, error) {
	g := &Graph{}
	var deals []partnergraph.Deal
	sources := map[string]int{}
	truncated, err := eachDealPage(ctx, r, req, func(page []partnergraph.Deal) error {
		n, err := sourceCounts(ctx, r, page)
		if err != nil {
			return err
		}
		for k, v := range n {
			sources[k] = v
		}
		deals = append(deals, page...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	g.Truncated, g.Deals = truncated, len(deals)

	companySet, platformSet := map[string]bool{}, map[string]bool{}
	for _, d := range deals {
		for _, p := range d.Parties {
			companySet[p.CompanyID] = true
		}
		for _, p := range d.PlatformIDs {
			platformSet[p] = true
		}
	}
	plats, err := platforms(ctx, r, sortedKeys(platformSet))
	if err != nil {
		return nil, err
	}
	for _, p := range plats {
		if p.OwnerID != "" {
			companySet[p.OwnerID] = true
		}
	}
	comps, err := companies(ctx, r, sortedKeys(companySet))
	if err != nil {
		return nil, err
	}

	for _, id := range sortedKeys(companySet) {
		c, ok := comps[id]
		if !ok {
			c = partnergraph.Company{ID: id, Name: id} // a dangling party: keep the graph well-formed
		}
		g.Nodes = append(g.Nodes, Node{ID: c.ID, Kind: "company", Label: c.Name, Aliases: c.Aliases})
	}
	for _, id := range sortedKeys(platformSet) {
		p, ok := plats[id]
		if !ok {
			p = partnergraph.Platform{ID: id, Name: id}
		}
		g.Nodes = append(g.Nodes, Node{ID: p.ID, Kind: "platform", Label: p.Name, Aliases: p.Aliases, PlatformKind: string(p.Kind), Owner: p.OwnerID})
		if p.OwnerID != "" {
			g.Edges = append(g.Edges, Edge{Source: p.ID, Target: p.OwnerID, Relation: RelOwnedBy})
		}
	}
	for _, d := range deals {
		n := sources[d.ID]
		conf := roundConfidence(d.Confidence)
		g.Nodes = append(g.Nodes, Node{
			ID: d.ID, Kind: "deal", Label: d.Summary, Type: string(d.Type), Status: string(d.Status), Year: d.Year,
			Amount: roundMoney(d.Value), Currency: d.Currency, Confidence: &conf, Sources: &n,
		})
		var order []string
		roles := map[string][]string{}
		for _, p := range d.Parties {
			if _, ok := roles[p.CompanyID]; !ok {
				order = append(order, p.CompanyID)
			}
			roles[p.CompanyID] = append(roles[p.CompanyID], string(p.Role))
		}
		for _, c := range order {
			g.Edges = append(g.Edges, Edge{Source: c, Target: d.ID, Relation: RelParty, Role: strings.Join(roles[c], ",")})
		}
		for _, p := range d.PlatformIDs {
			g.Edges = append(g.Edges, Edge{Source: d.ID, Target: p, Relation: RelOnPlatform})
		}
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

// round6 rounds x to six decimals, hiding floating-point noise such as
// 0.8500000000000001 from aggregated confidences.
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
