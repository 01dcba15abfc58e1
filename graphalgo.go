package partnergraph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
)

// Subgraph is a set of companies and the deals between them, shaped for a
// graph widget such as Cytoscape.js (nodes with an id and label, edges with
// a source and target).
type Subgraph struct {
	// Nodes are the companies, the centre first, then by depth and ID.
	Nodes []GraphNode
	// Edges link pairs of nodes that are parties to the same deal, ordered
	// by deal ID, then source and target.
	Edges []GraphEdge
	// Links join platform nodes to company nodes; see [AddPlatforms].
	Links []GraphLink
	// Truncated reports whether the node limit left companies out.
	Truncated bool
}

// The kinds of GraphNode.
const (
	NodeCompany  = "company"
	NodePlatform = "platform"
)

// GraphNode is one company or platform of a Subgraph.
type GraphNode struct {
	// ID is the company or platform ID.
	ID string
	// Label is the company or platform name.
	Label string
	// Kind is NodeCompany or NodePlatform.
	Kind string
	// Depth is the number of deals between the node and the centre; for a
	// platform, that of the nearest company linked to it.
	Depth int
	// Company is the company itself, for a company node.
	Company Company
	// Platform is the platform itself, for a platform node.
	Platform Platform
}

// LinkKind says what a GraphLink joins.
type LinkKind string

// The kinds of GraphLink.
const (
	// LinkOnPlatform joins a party of a deal to a platform the deal is on.
	LinkOnPlatform LinkKind = "on_platform"
	// LinkOwnedBy joins a platform to the company that owns it.
	LinkOwnedBy LinkKind = "owned_by"
)

// GraphLink joins a platform node to a company node of a Subgraph.
type GraphLink struct {
	// ID is unique among the links: kind, deal (for LinkOnPlatform),
	// source and target.
	ID string
	// Source and Target are node IDs: the company and the platform of a
	// LinkOnPlatform, the platform and its owner of a LinkOwnedBy.
	Source, Target string
	// Kind says what the link means.
	Kind LinkKind
	// Deal is the deal on the platform, for LinkOnPlatform.
	Deal Deal
}

// GraphEdge is one deal between two companies of a Subgraph. A deal with
// more than two parties gives one edge per pair of parties in the subgraph.
type GraphEdge struct {
	// ID is the deal ID for a two-party deal, and "dealID#source#target"
	// otherwise, so that edge IDs are unique.
	ID string
	// Source and Target are company IDs, in the deal's party order.
	Source, Target string
	// Type, Status and Year are the deal's.
	Type   DealType
	Status DealStatus
	Year   int
	// Label is a short caption such as "partnership 2021".
	Label string
	// Deal is the deal itself.
	Deal Deal
}

// Path is a chain of deals linking two companies: Deals[i] has both
// Companies[i] and Companies[i+1] as parties.
type Path struct {
	Companies []Company
	Deals     []Deal
}

// Length returns the number of deals on the path.
func (p Path) Length() int { return len(p.Deals) }

// TimelineEntry is one deal on a company's timeline.
type TimelineEntry struct {
	// Deal is the deal.
	Deal Deal
	// Year is the deal's year, or 0 when unknown.
	Year int
	// FirstReported and LastReported are the publication dates of the
	// earliest and latest article reporting the deal, or "" when unknown.
	FirstReported, LastReported string
	// Status is the deal's aggregated status.
	Status DealStatus
	// History is how the status moved, report by report ([StatusHistory]).
	History []StatusChange
}

// WalkNeighborhood returns the companies within depth deals of company
// companyID and every deal among them, keeping at most limit companies and,
// when types is not empty, only deals of those types. The walk is
// breadth-first with one batched DealIDsByCompany and one DealsByID read per
// level, plus one of each to find the deals among the outermost companies.
// At each level the companies not seen yet are taken in the order of the
// level's deals (by ID) and of their parties, until limit companies are
// kept; Truncated then reports that some were left out and the walk stops.
// Every order is deterministic (frontiers and deals by ID), so every store
// gives the same answer. An unknown company returns an error wrapping
// ErrNotFound; depth below 0 counts as 0 and limit below 1 as 1.
func WalkNeighborhood(ctx context.Context, r Reader, companyID string, depth, limit int, types []DealType) (Subgraph, error) {
	center, err := r.Company(ctx, companyID)
	if err != nil {
		return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
	}
	depth, limit = max(depth, 0), max(limit, 1)
	wanted := func(d Deal) bool { return len(types) == 0 || slices.Contains(types, d.Type) }

	var sg Subgraph
	depthOf := map[string]int{center.ID: 0}
	order := []string{center.ID}
	lists := make(map[string][]string, limit) // company ID -> its deal IDs, once read
	loaded := make(map[string]bool, 4*limit)  // deal IDs read, wanted or not
	deals := make(map[string]Deal, 4*limit)   // the wanted deals read
	load := func(ids []string) error {
		got, err := r.DealsByID(ctx, ids)
		if err != nil {
			return fmt.Errorf("deals: %w", err)
		}
		for _, id := range ids {
			loaded[id] = true
			if d, ok := got[id]; ok && wanted(d) {
				deals[id] = d
			}
		}
		return nil
	}
	readLists := func(companies []string) error {
		byCompany, err := r.DealIDsByCompany(ctx, companies)
		if err != nil {
			return fmt.Errorf("deal IDs: %w", err)
		}
		for _, c := range companies {
			lists[c] = byCompany[c]
		}
		return nil
	}

	frontier := []string{center.ID}
	for level := 1; level <= depth && len(frontier) > 0 && !sg.Truncated; level++ {
		if err := ctx.Err(); err != nil {
			return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
		}
		if err := readLists(frontier); err != nil {
			return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
		}
		var want []string
		for _, c := range frontier {
			for _, id := range lists[c] {
				if !loaded[id] {
					want = append(want, id)
				}
			}
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if err := load(want); err != nil {
			return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
		}
		var next []string
		for _, id := range want {
			d, ok := deals[id]
			if !ok {
				continue
			}
			for _, p := range d.Parties {
				if _, seen := depthOf[p.CompanyID]; seen {
					continue
				}
				if len(depthOf) >= limit {
					sg.Truncated = true
					continue
				}
				depthOf[p.CompanyID] = level
				next = append(next, p.CompanyID)
			}
		}
		// order stays sorted by depth, then ID: the order of the nodes.
		slices.Sort(next)
		order = append(order, next...)
		frontier = next
	}

	// The deals among companies whose deals were not all read yet: a deal
	// between two companies of the subgraph is in both their lists.
	var rest []string
	for _, c := range order {
		if _, ok := lists[c]; !ok {
			rest = append(rest, c)
		}
	}
	if len(rest) > 0 {
		if err := readLists(rest); err != nil {
			return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
		}
		inLists := map[string]int{}
		for _, c := range order {
			for _, id := range lists[c] {
				if !loaded[id] {
					inLists[id]++
				}
			}
		}
		var among []string
		for id, n := range inLists {
			if n > 1 {
				among = append(among, id)
			}
		}
		slices.Sort(among)
		if len(among) > 0 {
			if err := load(among); err != nil {
				return Subgraph{}, fmt.Errorf("neighborhood of %q: %w", companyID, err)
			}
		}
	}

	companies, err := r.CompaniesByID(ctx, order)
	if err != nil {
		return Subgraph{}, fmt.Errorf("neighborhood of %q: companies: %w", companyID, err)
	}
	return AssembleSubgraph(depthOf, companies, deals, sg.Truncated), nil
}

// AssembleSubgraph builds the Subgraph of a neighbourhood from the depth of
// each of its companies, the companies themselves (a missing one is named
// by its ID) and its deals, which are all assumed to be of the wanted
// types; only the deals' pairs of distinct parties that are both nodes give
// edges. Nodes are ordered by depth, then ID, and edges by deal ID, then
// party order.
func AssembleSubgraph(depthOf map[string]int, companies map[string]Company, deals map[string]Deal, truncated bool) Subgraph {
	sg := Subgraph{Truncated: truncated}
	order := make([]string, 0, len(depthOf))
	for id := range depthOf {
		order = append(order, id)
	}
	slices.SortFunc(order, func(a, b string) int { return cmp.Or(cmp.Compare(depthOf[a], depthOf[b]), cmp.Compare(a, b)) })
	sg.Nodes = make([]GraphNode, len(order))
	for i, id := range order {
		c, ok := companies[id]
		if !ok {
			c = Company{ID: id, Name: id}
		}
		sg.Nodes[i] = GraphNode{ID: id, Label: c.Name, Kind: NodeCompany, Depth: depthOf[id], Company: c}
	}

	ids := make([]string, 0, len(deals))
	for id := range deals {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		d := deals[id]
		for i, a := range d.Parties {
			for _, b := range d.Parties[i+1:] {
				if a.CompanyID == b.CompanyID {
					continue
				}
				_, okA := depthOf[a.CompanyID]
				_, okB := depthOf[b.CompanyID]
				if !okA || !okB {
					continue
				}
				e := GraphEdge{ID: d.ID, Source: a.CompanyID, Target: b.CompanyID, Type: d.Type, Status: d.Status, Year: d.Year, Label: edgeLabel(d), Deal: d}
				if len(d.Parties) > 2 {
					e.ID = d.ID + "#" + a.CompanyID + "#" + b.CompanyID
				}
				sg.Edges = append(sg.Edges, e)
			}
		}
	}
	return sg
}

// AddPlatforms returns sg with the platforms its deals are on as nodes of
// kind NodePlatform, at most limit of them (nearest first, then by ID;
// Truncated is set when the limit leaves some out). A platform's depth is
// the smallest depth of the parties of its deals. Every party of such a deal
// gets a LinkOnPlatform to the platform, except the platform's owner, which
// the platform's LinkOwnedBy joins instead when the owner is a node. The
// platforms are read with one PlatformsByID call; links are ordered by deal
// ID, then party order, then platform, with the ownership links last by
// platform ID.
func AddPlatforms(ctx context.Context, r Reader, sg Subgraph, limit int) (Subgraph, error) {
	depthOf := make(map[string]int, len(sg.Nodes))
	for _, n := range sg.Nodes {
		if n.Kind == NodeCompany {
			depthOf[n.ID] = n.Depth
		}
	}
	deals := map[string]Deal{}
	for _, e := range sg.Edges {
		deals[e.Deal.ID] = e.Deal
	}
	dealIDs := make([]string, 0, len(deals))
	for id := range deals {
		dealIDs = append(dealIDs, id)
	}
	slices.Sort(dealIDs)
	depthOfPlatform := map[string]int{}
	for _, id := range dealIDs {
		for _, pid := range deals[id].PlatformIDs {
			for _, p := range deals[id].Parties {
				d, ok := depthOf[p.CompanyID]
				if old, seen := depthOfPlatform[pid]; ok && (!seen || d < old) {
					depthOfPlatform[pid] = d
				}
			}
		}
	}
	ids := make([]string, 0, len(depthOfPlatform))
	for id := range depthOfPlatform {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(depthOfPlatform[a], depthOfPlatform[b]), cmp.Compare(a, b))
	})
	if len(ids) > max(limit, 0) {
		ids, sg.Truncated = ids[:max(limit, 0)], true
	}
	if len(ids) == 0 {
		return sg, nil
	}
	platforms, err := r.PlatformsByID(ctx, ids)
	if err != nil {
		return Subgraph{}, fmt.Errorf("platforms of the subgraph: %w", err)
	}
	kept := make(map[string]bool, len(ids))
	for _, id := range ids {
		p, ok := platforms[id]
		if !ok {
			p = Platform{ID: id, Name: id}
		}
		kept[id] = true
		sg.Nodes = append(sg.Nodes, GraphNode{ID: id, Label: p.Name, Kind: NodePlatform, Depth: depthOfPlatform[id], Platform: p})
	}
	ownerIsNode := func(pid string) bool {
		_, ok := depthOf[platforms[pid].OwnerID]
		return ok
	}
	for _, id := range dealIDs {
		d := deals[id]
		seen := map[string]bool{}
		for _, p := range d.Parties {
			if _, ok := depthOf[p.CompanyID]; !ok || seen[p.CompanyID] {
				continue
			}
			seen[p.CompanyID] = true
			for _, pid := range d.PlatformIDs {
				if !kept[pid] || p.CompanyID == platforms[pid].OwnerID && ownerIsNode(pid) {
					continue
				}
				sg.Links = append(sg.Links, GraphLink{ID: "on:" + d.ID + ":" + p.CompanyID + ":" + pid,
					Source: p.CompanyID, Target: pid, Kind: LinkOnPlatform, Deal: d})
			}
		}
	}
	for _, pid := range ids {
		if ownerIsNode(pid) {
			owner := platforms[pid].OwnerID
			sg.Links = append(sg.Links, GraphLink{ID: "owner:" + pid + ":" + owner, Source: pid, Target: owner, Kind: LinkOwnedBy})
		}
	}
	return sg, nil
}

func edgeLabel(d Deal) string {
	if d.Year == 0 {
		return string(d.Type)
	}
	return string(d.Type) + " " + strconv.Itoa(d.Year)
}

// dealsOf returns the deal IDs of the given companies and loads, in ID
// order, those of their deals not already in have, with one
// DealIDsByCompany and at most one DealsByID call.
func dealsOf(ctx context.Context, r Reader, companyIDs []string, have map[string]Deal) (map[string][]string, []Deal, error) {
	byCompany, err := r.DealIDsByCompany(ctx, companyIDs)
	if err != nil {
		return nil, nil, fmt.Errorf("deal IDs: %w", err)
	}
	var want []string
	for _, ids := range byCompany {
		for _, id := range ids {
			if _, ok := have[id]; !ok {
				want = append(want, id)
			}
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	if len(want) == 0 {
		return byCompany, nil, nil
	}
	got, err := r.DealsByID(ctx, want)
	if err != nil {
		return nil, nil, fmt.Errorf("deals: %w", err)
	}
	out := make([]Deal, 0, len(want))
	for _, id := range want {
		if d, ok := got[id]; ok {
			out = append(out, d)
		}
	}
	return byCompany, out, nil
}

// ShortestPath returns a shortest chain of deals from company from to
// company to, at most maxDepth deals long, or a Path with no companies when
// there is none. The search is breadth-first with one batched
// DealIDsByCompany and one DealsByID read per level; among equally short
// paths it returns the one found first when frontiers are walked in ID
// order and deals in ID order, so every store gives the same answer. An
// unknown company returns an error wrapping ErrNotFound.
func ShortestPath(ctx context.Context, r Reader, from, to string, maxDepth int) (Path, error) {
	ends, err := r.CompaniesByID(ctx, []string{from, to})
	if err != nil {
		return Path{}, fmt.Errorf("path %q to %q: %w", from, to, err)
	}
	for _, id := range []string{from, to} {
		if _, ok := ends[id]; !ok {
			return Path{}, fmt.Errorf("path %q to %q: company %q: %w", from, to, id, ErrNotFound)
		}
	}
	if from == to {
		return Path{Companies: []Company{ends[from]}}, nil
	}

	type step struct{ prev, deal string }
	parent := map[string]step{from: {}}
	deals := map[string]Deal{}
	frontier := []string{from}
	found := false
	for level := 1; level <= maxDepth && len(frontier) > 0 && !found; level++ {
		if err := ctx.Err(); err != nil {
			return Path{}, fmt.Errorf("path %q to %q: %w", from, to, err)
		}
		byCompany, loaded, err := dealsOf(ctx, r, frontier, deals)
		if err != nil {
			return Path{}, fmt.Errorf("path %q to %q: %w", from, to, err)
		}
		for _, d := range loaded {
			deals[d.ID] = d
		}
		var next []string
		for _, c := range frontier {
			for _, id := range byCompany[c] {
				d, ok := deals[id]
				if !ok {
					continue
				}
				for _, p := range d.Parties {
					if _, seen := parent[p.CompanyID]; seen {
						continue
					}
					parent[p.CompanyID] = step{prev: c, deal: id}
					next = append(next, p.CompanyID)
					if p.CompanyID == to {
						found = true
					}
				}
			}
		}
		slices.Sort(next)
		frontier = next
	}
	if !found {
		return Path{}, nil
	}

	var chain []string
	var chainDeals []Deal
	for c := to; c != from; c = parent[c].prev {
		chain = append(chain, c)
		chainDeals = append(chainDeals, deals[parent[c].deal])
	}
	chain = append(chain, from)
	slices.Reverse(chain)
	slices.Reverse(chainDeals)
	companies, err := r.CompaniesByID(ctx, chain)
	if err != nil {
		return Path{}, fmt.Errorf("path %q to %q: companies: %w", from, to, err)
	}
	p := Path{Deals: chainDeals}
	for _, id := range chain {
		c, ok := companies[id]
		if !ok {
			c = Company{ID: id, Name: id}
		}
		p.Companies = append(p.Companies, c)
	}
	return p, nil
}

// Timeline returns the deals of company companyID ordered by year (unknown
// years last), then by the date of the first article reporting them (unknown
// dates last), then by ID. An unknown company returns an error wrapping
// ErrNotFound.
func Timeline(ctx context.Context, r Reader, companyID string) ([]TimelineEntry, error) {
	if _, err := r.Company(ctx, companyID); err != nil {
		return nil, fmt.Errorf("timeline of %q: %w", companyID, err)
	}
	_, deals, err := dealsOf(ctx, r, []string{companyID}, nil)
	if err != nil {
		return nil, fmt.Errorf("timeline of %q: %w", companyID, err)
	}
	if len(deals) == 0 {
		return []TimelineEntry{}, nil
	}
	ids := make([]string, len(deals))
	for i, d := range deals {
		ids[i] = d.ID
	}
	evidence, err := r.EvidenceByDeal(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("timeline of %q: evidence: %w", companyID, err)
	}
	out := make([]TimelineEntry, 0, len(deals))
	for _, d := range deals {
		e := TimelineEntry{Deal: d, Year: d.Year, Status: d.Status, History: StatusHistory(evidence[d.ID])}
		for _, ev := range evidence[d.ID] {
			if ev.Published == "" {
				continue
			}
			if e.FirstReported == "" || ev.Published < e.FirstReported {
				e.FirstReported = ev.Published
			}
			if ev.Published > e.LastReported {
				e.LastReported = ev.Published
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b TimelineEntry) int {
		return cmp.Or(
			cmp.Compare(unknownLast(a.Year), unknownLast(b.Year)),
			cmp.Compare(dateKey(a.FirstReported), dateKey(b.FirstReported)),
			cmp.Compare(a.Deal.ID, b.Deal.ID),
		)
	})
	return out, nil
}

// dateKey maps an unknown date ("") after every known YYYY-MM-DD date.
func dateKey(date string) string {
	if date == "" {
		return "~"
	}
	return date
}

// unknownLast maps a year of 0 (unknown) after every known year.
func unknownLast(year int) int {
	if year == 0 {
		return int(^uint(0) >> 1)
	}
	return year
}
