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

func attrsOf(deals int, truncated bool, filter map[string]string) graphAttrs {
	if filter == nil {
		filter = map[string]string{}
	}
	return graphAttrs{Name: "partnergraph", Filter: filter, Deals: deals, Truncated: truncated}
}

// formatWriter writes the elements of a graph in one format as they come.
type formatWriter interface {
	elements
	// begin writes what comes before the first node.
	begin() error
}

// feed writes the elements of g through fw.
func feed(fw formatWriter, g *Graph) error {
	if err := fw.begin(); err != nil {
		return err
	}
	for _, n := range g.Nodes {
		if err := fw.node(n); err != nil {
			return err
		}
	}
	for _, e := range g.Edges {
		if err := fw.edge(e); err != nil {
			return err
		}
	}
	return fw.end(g.Deals, g.Truncated)
}

// jsonWriter writes a JSON document made of a head, an array of nodes, an
// array of edges and a tail holding the graph attributes, one element at a
// time.
type jsonWriter struct {
	w      io.Writer
	filter map[string]string
	what   string
	// head opens the document and its node array; mid closes the node
	// array and opens the edge array; tail closes the edge array and
	// writes the attributes (the argument) and the document's end.
	head, mid string
	tail      func(attrs []byte) string
	// wrapNode and wrapEdge give the JSON value of an element.
	wrapNode func(Node) any
	wrapEdge func(Edge) any

	nodes, edges int
	buf          []byte
}

func (j *jsonWriter) write(s string) error {
	if _, err := io.WriteString(j.w, s); err != nil {
		return fmt.Errorf("export: write %s: %w", j.what, err)
	}
	return nil
}

func (j *jsonWriter) value(sep bool, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("export: encode %s: %w", j.what, err)
	}
	j.buf = j.buf[:0]
	if sep {
		j.buf = append(j.buf, ',')
	}
	j.buf = append(j.buf, b...)
	if _, err := j.w.Write(j.buf); err != nil {
		return fmt.Errorf("export: write %s: %w", j.what, err)
	}
	return nil
}

func (j *jsonWriter) begin() error { return j.write(j.head) }

func (j *jsonWriter) node(n Node) error {
	j.nodes++
	return j.value(j.nodes > 1, j.wrapNode(n))
}

func (j *jsonWriter) edge(e Edge) error {
	if j.edges == 0 {
		if err := j.write(j.mid); err != nil {
			return err
		}
	}
	j.edges++
	return j.value(j.edges > 1, j.wrapEdge(e))
}

func (j *jsonWriter) end(deals int, truncated bool) error {
	if j.edges == 0 {
		if err := j.write(j.mid); err != nil {
			return err
		}
	}
	attrs, err := json.Marshal(attrsOf(deals, truncated, j.filter))
	if err != nil {
		return fmt.Errorf("export: encode %s: %w", j.what, err)
	}
	return j.write(j.tail(attrs))
}

// newNodeLinkWriter writes networkx's node-link format, with the edge list
// under "links".
func newNodeLinkWriter(w io.Writer, filter map[string]string) *jsonWriter {
	return &jsonWriter{w: w, filter: filter, what: "node-link JSON",
		head:     `{"directed":true,"multigraph":false,"nodes":[`,
		mid:      `],"links":[`,
		tail:     func(attrs []byte) string { return `],"graph":` + string(attrs) + "}\n" },
		wrapNode: func(n Node) any { return n },
		wrapEdge: func(e Edge) any { return e },
	}
}

// WriteNodeLink writes g in networkx's node-link format, with the edge list
// under "links": read it with networkx.node_link_graph(data, edges="links").
func WriteNodeLink(w io.Writer, g *Graph, filter map[string]string) error {
	return feed(newNodeLinkWriter(w, filter), g)
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

// cyElement is one Cytoscape element.
type cyElement[T any] struct {
	Data T `json:"data"`
}

// newCytoscapeWriter writes Cytoscape.js JSON ({"elements": {"nodes",
// "edges"}}).
func newCytoscapeWriter(w io.Writer, filter map[string]string) *jsonWriter {
	return &jsonWriter{w: w, filter: filter, what: "Cytoscape JSON",
		head:     `{"directed":true,"multigraph":false,"elements":{"nodes":[`,
		mid:      `],"edges":[`,
		tail:     func(attrs []byte) string { return `]},"data":` + string(attrs) + "}\n" },
		wrapNode: func(n Node) any { return cyElement[cyNode]{cyNode{Node: n, Name: n.Label, Value: n.ID}} },
		wrapEdge: func(e Edge) any { return cyElement[cyEdge]{cyEdge{ID: edgeID(e), Edge: e}} },
	}
}

// WriteCytoscape writes g as Cytoscape.js JSON ({"elements": {"nodes",
// "edges"}}), also readable with networkx.cytoscape_graph.
func WriteCytoscape(w io.Writer, g *Graph, filter map[string]string) error {
	return feed(newCytoscapeWriter(w, filter), g)
}

// edgeID names an edge uniquely: there is at most one edge of a relation
// between two nodes.
func edgeID(e Edge) string { return e.Relation + ":" + e.Source + "->" + e.Target }

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

// graphMLWriter writes GraphML (graphml.graphdrawing.org) one element at a
// time; encoding/xml escapes every name and attribute. The graph's own
// attributes come after its nodes and edges, where GraphML allows them.
type graphMLWriter struct {
	w      io.Writer
	enc    *xml.Encoder
	filter map[string]string
}

var graphStart = xml.StartElement{Name: xml.Name{Local: "graph"}, Attr: []xml.Attr{{Name: xml.Name{Local: "id"}, Value: "partnergraph"}, {Name: xml.Name{Local: "edgedefault"}, Value: "directed"}}}

func newGraphMLWriter(w io.Writer, filter map[string]string) *graphMLWriter {
	enc := xml.NewEncoder(w)
	enc.Indent("  ", "  ")
	return &graphMLWriter{w: w, enc: enc, filter: filter}
}

func (g *graphMLWriter) begin() error {
	if _, err := io.WriteString(g.w, xml.Header+`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`+"\n"); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	var keys []graphMLKey
	keys = append(keys, graphKeys...)
	for _, k := range nodeKeys {
		keys = append(keys, k.key)
	}
	for _, k := range edgeKeys {
		keys = append(keys, k.key)
	}
	for _, k := range keys {
		if err := g.enc.Encode(k); err != nil {
			return fmt.Errorf("export: write GraphML key: %w", err)
		}
	}
	if err := g.enc.EncodeToken(graphStart); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	return nil
}

func (g *graphMLWriter) node(n Node) error {
	el := graphMLNode{ID: n.ID}
	for _, k := range nodeKeys {
		if v := k.get(n); v != "" {
			el.Data = append(el.Data, graphMLData{Key: k.key.ID, Value: v})
		}
	}
	if err := g.enc.Encode(el); err != nil {
		return fmt.Errorf("export: write GraphML node %s: %w", n.ID, err)
	}
	return nil
}

func (g *graphMLWriter) edge(e Edge) error {
	el := graphMLEdge{ID: edgeID(e), Source: e.Source, Target: e.Target}
	for _, k := range edgeKeys {
		if v := k.get(e); v != "" {
			el.Data = append(el.Data, graphMLData{Key: k.key.ID, Value: v})
		}
	}
	if err := g.enc.Encode(el); err != nil {
		return fmt.Errorf("export: write GraphML edge: %w", err)
	}
	return nil
}

func (g *graphMLWriter) end(deals int, truncated bool) error {
	attrs := attrsOf(deals, truncated, g.filter)
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
		if err := g.enc.Encode(d); err != nil {
			return fmt.Errorf("export: write GraphML: %w", err)
		}
	}
	if err := g.enc.EncodeToken(graphStart.End()); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	if err := g.enc.Flush(); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	if _, err := io.WriteString(g.w, "\n</graphml>\n"); err != nil {
		return fmt.Errorf("export: write GraphML: %w", err)
	}
	return nil
}

// WriteGraphML writes g as GraphML (graphml.graphdrawing.org).
func WriteGraphML(w io.Writer, g *Graph, filter map[string]string) error {
	return feed(newGraphMLWriter(w, filter), g)
}

func sortedFilterKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
