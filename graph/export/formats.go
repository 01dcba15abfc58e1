package export

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// graphAttrs are the graph-level attributes every graph format carries.
type graphAttrs struct {
	Name      string            `json:"name"`
	Filter    map[string]string `json:"filter"`
	Deals     int               `json:"deals"`
	Truncated bool              `json:"truncated"`
}

func attrsOf(g *Graph, filter map[string]string) graphAttrs {
	if filter == nil {
		filter = map[string]string{}
	}
	return graphAttrs{Name: "partnergraph", Filter: filter, Deals: g.Deals, Truncated: g.Truncated}
}

// WriteNodeLink writes g in networkx's node-link format, with the edge list
// under "links": read it with networkx.node_link_graph(data, edges="links").
func WriteNodeLink(w io.Writer, g *Graph, filter map[string]string) error {
	doc := struct {
		Directed   bool       `json:"directed"`
		Multigraph bool       `json:"multigraph"`
		Graph      graphAttrs `json:"graph"`
		Nodes      []Node     `json:"nodes"`
		Links      []Edge     `json:"links"`
	}{true, false, attrsOf(g, filter), nonNil(g.Nodes), nonNil(g.Edges)}
	if err := json.NewEncoder(w).Encode(doc); err != nil {
		return fmt.Errorf("export: write node-link JSON: %w", err)
	}
	return nil
}

// cyNode is a node's data in Cytoscape JSON: the node's attributes plus
// "name", and "value" = id, which networkx.cytoscape_graph uses as the
// node key.
type cyNode struct {
	Node
	Name  string `json:"name"`
	Value string `json:"value"`
}

// cyEdge is an edge's data in Cytoscape JSON, with a unique id.
type cyEdge struct {
	ID string `json:"id"`
	Edge
}

// WriteCytoscape writes g as Cytoscape.js JSON ({"elements": {"nodes",
// "edges"}}), also readable with networkx.cytoscape_graph.
func WriteCytoscape(w io.Writer, g *Graph, filter map[string]string) error {
	type el[T any] struct {
		Data T `json:"data"`
	}
	nodes := make([]el[cyNode], len(g.Nodes))
	for i, n := range g.Nodes {
		nodes[i] = el[cyNode]{cyNode{Node: n, Name: n.Label, Value: n.ID}}
	}
	edges := make([]el[cyEdge], len(g.Edges))
	for i, e := range g.Edges {
		edges[i] = el[cyEdge]{cyEdge{ID: edgeID(e), Edge: e}}
	}
	doc := struct {
		Data       graphAttrs `json:"data"`
		Directed   bool       `json:"directed"`
		Multigraph bool       `json:"multigraph"`
		Elements   struct {
			Nodes []el[cyNode] `json:"nodes"`
			Edges []el[cyEdge] `json:"edges"`
		} `json:"elements"`
	}{Data: attrsOf(g, filter), Directed: true}
	doc.Elements.Nodes, doc.Elements.Edges = nodes, edges
	if err := json.NewEncoder(w).Encode(doc); err != nil {
		return fmt.Errorf("export: write Cytoscape JSON: %w", err)
	}
	return nil
}

// edgeID names an edge uniquely: there is at most one edge of a relation
// between two nodes.
func edgeID(e Edge) string { return e.Relation + ":" + e.Source + "->" + e.Target }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// graphMLKey declares one GraphML attribute.
type graphMLKey struct {
	XMLName xml.Name `xml:"key"`
	ID      string   `xml:"id,attr"`
	For     string   `xml:"for,attr"`
	Name    string   `xml:"attr.name,attr"`
	Type    string   `xml:"attr.type,attr"`
}

// graphMLData is one attribute value.
type graphMLData struct {
	XMLName xml.Name `xml:"data"`
	Key     string   `xml:"key,attr"`
	Value   string   `xml:",chardata"`
}

type graphMLNode struct {
	XMLName xml.Name      `xml:"node"`
	ID      string        `xml:"id,attr"`
	Data    []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	XMLName xml.Name      `xml:"edge"`
	ID      string        `xml:"id,attr"`
	Source  string        `xml:"source,attr"`
	Target  string        `xml:"target,attr"`
	Data    []graphMLData `xml:"data"`
}

// nodeKeys are the node attributes in GraphML, with how to read each from
// a Node ("" means absent).
var nodeKeys = []struct {
	key graphMLKey
	get func(Node) string
}{
	{graphMLKey{ID: "kind", For: "node", Name: "kind", Type: "string"}, func(n Node) string { return n.Kind }},
	{graphMLKey{ID: "label", For: "node", Name: "label", Type: "string"}, func(n Node) string { return n.Label }},
	{graphMLKey{ID: "aliases", For: "node", Name: "aliases", Type: "string"}, func(n Node) string { return strings.Join(n.Aliases, "; ") }},
	{graphMLKey{ID: "platform_kind", For: "node", Name: "platform_kind", Type: "string"}, func(n Node) string { return n.PlatformKind }},
	{graphMLKey{ID: "owner", For: "node", Name: "owner", Type: "string"}, func(n Node) string { return n.Owner }},
	{graphMLKey{ID: "type", For: "node", Name: "type", Type: "string"}, func(n Node) string { return n.Type }},
	{graphMLKey{ID: "status", For: "node", Name: "status", Type: "string"}, func(n Node) string { return n.Status }},
	{graphMLKey{ID: "year", For: "node", Name: "year", Type: "int"}, func(n Node) string { return intOrEmpty(n.Year) }},
	{graphMLKey{ID: "amount", For: "node", Name: "amount", Type: "double"}, func(n Node) string { return floatOrEmpty(n.Amount) }},
	{graphMLKey{ID: "currency", For: "node", Name: "currency", Type: "string"}, func(n Node) string { return n.Currency }},
	{graphMLKey{ID: "confidence", For: "node", Name: "confidence", Type: "double"}, func(n Node) string { return floatOrEmpty(n.Confidence) }},
	{graphMLKey{ID: "sources", For: "node", Name: "sources", Type: "int"}, func(n Node) string {
		if n.Sources == nil {
			return ""
		}
		return strconv.Itoa(*n.Sources)
	}},
}

// edgeKeys are the edge attributes in GraphML.
var edgeKeys = []struct {
	key graphMLKey
	get func(Edge) string
}{
	{graphMLKey{ID: "relation", For: "edge", Name: "relation", Type: "string"}, func(e Edge) string { return e.Relation }},
	{graphMLKey{ID: "role", For: "edge", Name: "role", Type: "string"}, func(e Edge) string { return e.Role }},
}

// graphKeys are the graph attributes in GraphML.
var graphKeys = []graphMLKey{
	{ID: "g_name", For: "graph", Name: "name", Type: "string"},
	{ID: "g_filter", For: "graph", Name: "filter", Type: "string"},
	{ID: "g_deals", For: "graph", Name: "deals", Type: "int"},
	{ID: "g_truncated", For: "graph", Name: "truncated", Type: "boolean"},
}

func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func floatOrEmpty(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// WriteGraphML writes g as GraphML (graphml.graphdrawing.org), streaming
// one element at a time; encoding/xml escapes every name and attribute.
func WriteGraphML(w io.Writer, g *Graph, filter map[string]string) error {
	if _, err := io.WriteString(w, xml.Header+`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`+"\n"); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("  ", "  ")
	var keys []graphMLKey
	keys = append(keys, graphKeys...)
	for _, k := range nodeKeys {
		keys = append(keys, k.key)
	}
	for _, k := range edgeKeys {
		keys = append(keys, k.key)
	}
	for _, k := range keys {
		if err := enc.Encode(k); err != nil {
			return fmt.Errorf("export: write GraphML key: %w", err)
		}
	}
	graphStart := xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{{Name: xml.Name{Local: "id"}, Value: "partnergraph"}, {Name: xml.Name{Local: "edgedefault"}, Value: "directed"}}}
	if err := enc.EncodeToken(graphStart); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	attrs := attrsOf(g, filter)
	var pairs []string
	for _, k := range sortedFilterKeys(attrs.Filter) {
		pairs = append(pairs, k+"="+attrs.Filter[k])
	}
	for _, d := range []graphMLData{
		{Key: "g_name", Value: attrs.Name},
		{Key: "g_filter", Value: strings.Join(pairs, "&")},
		{Key: "g_deals", Value: strconv.Itoa(attrs.Deals)},
		{Key: "g_truncated", Value: strconv.FormatBool(attrs.Truncated)},
	} {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("export: write GraphML: %w", err)
		}
	}
	for _, n := range g.Nodes {
		el := graphMLNode{ID: n.ID}
		for _, k := range nodeKeys {
			if v := k.get(n); v != "" {
				el.Data = append(el.Data, graphMLData{Key: k.key.ID, Value: v})
			}
		}
		if err := enc.Encode(el); err != nil {
			return fmt.Errorf("export: write GraphML node %s: %w", n.ID, err)
		}
	}
	for _, e := range g.Edges {
		el := graphMLEdge{ID: edgeID(e), Source: e.Source, Target: e.Target}
		for _, k := range edgeKeys {
			if v := k.get(e); v != "" {
				el.Data = append(el.Data, graphMLData{Key: k.key.ID, Value: v})
			}
		}
		if err := enc.Encode(el); err != nil {
			return fmt.Errorf("export: write GraphML edge: %w", err)
		}
	}
	if err := enc.EncodeToken(graphStart.End()); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	if err := enc.Flush(); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	if _, err := io.WriteString(w, "\n</graphml>\n"); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	return nil
}

func sortedFilterKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
