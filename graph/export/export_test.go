package export_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/export"
	"github.com/partnergraph/partnergraph/memstore"
)

// Names chosen to break naive HTML, XML and CSV writers.
const (
	evilName    = `<script>alert("x, y")</script> & <img src=x onerror=alert(1)>`
	formulaName = `=HYPERLINK("http://evil.example","click")`
)

var (
	evilID    = pg.CompanyID(evilName)
	formulaID = pg.CompanyID(formulaName)
)

// dealSpec describes one fixture deal and the articles that report it.
type dealSpec struct {
	typ       pg.DealType
	parties   []pg.Party
	platforms []string
	year      int
	status    pg.DealStatus
	summary   string
	value     *float64
	articles  []string
}

func party(id string, r pg.Role) pg.Party { return pg.Party{CompanyID: id, Role: r} }

// add appends the deal and its evidence to b and returns the deal's ID.
func (s dealSpec) add(b *pg.Batch) string {
	d := pg.Deal{Type: s.typ, Parties: s.parties, PlatformIDs: s.platforms, Summary: s.summary, Value: s.value, Confidence: 0.8}
	if s.value != nil {
		d.Currency = "USD"
	}
	d.ID = pg.DealID(d.Type, d.Parties)
	b.Deals = append(b.Deals, d)
	for _, a := range s.articles {
		b.Evidence = append(b.Evidence, pg.Evidence{
			DealID: d.ID, ArticleID: a, Sentence: s.summary + ".", Year: s.year, Status: s.status,
			PlatformIDs: s.platforms, Confidence: 0.8, Published: "2021-11-01",
		})
	}
	return d.ID
}

// fixture is the small graph most tests read.
type fixture struct {
	store                          *memstore.Store
	sega, sony, acquire, licensing string
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	value := 68.7e9
	b := pg.Batch{
		Articles: []pg.Article{
			{ID: "a:1", URL: "https://news.example/sega,azure", Title: "SEGA and Microsoft", Publisher: "Example", Published: "2021-11-01"},
			{ID: "a:2", URL: "", Title: "Azure round-up", Publisher: "Example", Published: "2021-11-02"},
			{ID: "a:3", URL: "https://news.example/rumour", Title: "Rumour", Publisher: "Example", Published: "2022-01-18"},
		},
		Companies: []pg.Company{
			{ID: "microsoft", Name: "Microsoft", Aliases: []string{"MSFT"}},
			{ID: "sega", Name: "SEGA", Aliases: []string{"Sega"}},
			{ID: "sony", Name: "Sony"},
			{ID: evilID, Name: evilName},
			{ID: formulaID, Name: formulaName},
		},
		Platforms: []pg.Platform{
			{ID: "p:azure", Name: "Azure", Kind: pg.PlatformCloud, OwnerID: "microsoft", Aliases: []string{"Microsoft Azure"}},
			{ID: "p:xbox", Name: "Xbox", Kind: pg.PlatformConsole, OwnerID: "microsoft"},
		},
	}
	f := fixture{}
	f.sega = dealSpec{pg.Partnership, []pg.Party{party("microsoft", pg.RolePartner), party("sega", pg.RolePartner)}, []string{"p:azure"}, 2021, pg.AgreedInPrinciple, "Microsoft and SEGA partnership on Azure", nil, []string{"a:1", "a:2"}}.add(&b)
	f.sony = dealSpec{pg.Partnership, []pg.Party{party("microsoft", pg.RolePartner), party("sony", pg.RolePartner)}, []string{"p:azure"}, 2019, pg.Announced, "Microsoft and Sony partnership on Azure", nil, []string{"a:2"}}.add(&b)
	f.acquire = dealSpec{pg.Acquisition, []pg.Party{party("microsoft", pg.RoleBuyer), party(evilID, pg.RoleTarget)}, nil, 2022, pg.Rumored, "Microsoft to buy " + evilName, &value, []string{"a:3"}}.add(&b)
	f.licensing = dealSpec{pg.Licensing, []pg.Party{party(formulaID, pg.RoleLicensor), party("sega", pg.RoleLicensee)}, []string{"p:xbox"}, 0, pg.Announced, "Licence on Xbox", nil, []string{"a:3"}}.add(&b)

	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatalf("open memstore: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Write(t.Context(), b); err != nil {
		t.Fatalf("write fixture: %v", err)
	}
	f.store = s
	return f
}

// countingReader records the page sizes of every Deals call.
type countingReader struct {
	pg.Reader
	mu    sync.Mutex
	pages []int
}

func (c *countingReader) Deals(ctx context.Context, q pg.DealQuery) (pg.Page[pg.Deal], error) {
	c.mu.Lock()
	c.pages = append(c.pages, q.First)
	c.mu.Unlock()
	return c.Reader.Deals(ctx, q)
}

// failingReader fails every Deals call with err.
type failingReader struct {
	pg.Reader
	err error
}

func (f failingReader) Deals(context.Context, pg.DealQuery) (pg.Page[pg.Deal], error) {
	return pg.Page[pg.Deal]{}, f.err
}

// fetch GETs target from h and returns the response and its body.
func fetch(t *testing.T, h http.Handler, target string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return res, string(b)
}

// nodeLink is the node-link document, loosely typed as a notebook sees it.
type nodeLink struct {
	Directed   bool `json:"directed"`
	Multigraph bool `json:"multigraph"`
	Graph      struct {
		Name      string            `json:"name"`
		Filter    map[string]string `json:"filter"`
		Deals     int               `json:"deals"`
		Truncated bool              `json:"truncated"`
	} `json:"graph"`
	Nodes []map[string]any `json:"nodes"`
	Links []map[string]any `json:"links"`
}

func getNodeLink(t *testing.T, h http.Handler, query string) nodeLink {
	t.Helper()
	res, body := fetch(t, h, "/export/graph.json"+query)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET graph.json%s: %d %s", query, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var doc nodeLink
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("decode graph.json: %v\n%s", err, body)
	}
	return doc
}

// dealIDs returns the sorted IDs of the deal nodes.
func (d nodeLink) dealIDs() []string {
	var ids []string
	for _, n := range d.Nodes {
		if n["kind"] == "deal" {
			ids = append(ids, n["id"].(string))
		}
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func TestNodeLink(t *testing.T) {
	f := newFixture(t)
	doc := getNodeLink(t, export.Handler(f.store, export.Options{}), "")
	if !doc.Directed || doc.Multigraph || doc.Graph.Name != "partnergraph" || doc.Graph.Deals != 4 || doc.Graph.Truncated {
		t.Errorf("graph header = directed %v multigraph %v %+v", doc.Directed, doc.Multigraph, doc.Graph)
	}
	kinds := map[string]string{}
	for _, n := range doc.Nodes {
		kinds[n["id"].(string)] = n["kind"].(string)
	}
	wantKinds := map[string]string{
		"microsoft": "company", "sega": "company", "sony": "company", evilID: "company", formulaID: "company",
		"p:azure": "platform", "p:xbox": "platform",
		f.sega: "deal", f.sony: "deal", f.acquire: "deal", f.licensing: "deal",
	}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}

	var links []string
	for _, l := range doc.Links {
		s := fmt.Sprintf("%s -%s-> %s", l["source"], l["relation"], l["target"])
		if r, ok := l["role"]; ok {
			s += " (" + r.(string) + ")"
		}
		links = append(links, s)
	}
	slices.Sort(links)
	want := sorted(
		"p:azure -owned_by-> microsoft", "p:xbox -owned_by-> microsoft",
		"microsoft -party-> "+f.sega+" (partner)", "sega -party-> "+f.sega+" (partner)", f.sega+" -on_platform-> p:azure",
		"microsoft -party-> "+f.sony+" (partner)", "sony -party-> "+f.sony+" (partner)", f.sony+" -on_platform-> p:azure",
		"microsoft -party-> "+f.acquire+" (buyer)", evilID+" -party-> "+f.acquire+" (target)",
		formulaID+" -party-> "+f.licensing+" (licensor)", "sega -party-> "+f.licensing+" (licensee)", f.licensing+" -on_platform-> p:xbox",
	)
	if diff := cmp.Diff(want, links); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}

	byID := map[string]map[string]any{}
	for _, n := range doc.Nodes {
		byID[n["id"].(string)] = n
	}
	wantSega := map[string]any{
		"id": f.sega, "kind": "deal", "label": "Microsoft and SEGA partnership on Azure", "type": "partnership",
		"status": "agreed_in_principle", "year": 2021.0, "confidence": 1 - 0.2*0.2, "sources": 2.0,
	}
	if diff := cmp.Diff(wantSega, byID[f.sega], cmpApprox); diff != "" {
		t.Errorf("SEGA deal node (-want +got):\n%s", diff)
	}
	if got := byID[f.acquire]; got["amount"] != 68.7e9 || got["currency"] != "USD" {
		t.Errorf("acquisition amount/currency = %v %v", got["amount"], got["currency"])
	}
	if got := byID[evilID]["label"]; got != evilName {
		t.Errorf("evil company label = %q, want it verbatim", got)
	}
	if got := byID["p:azure"]; got["platform_kind"] != "cloud" || got["owner"] != "microsoft" {
		t.Errorf("Azure node = %v", got)
	}
}

var cmpApprox = cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })

func TestFilters(t *testing.T) {
	f := newFixture(t)
	h := export.Handler(f.store, export.Options{})
	tests := []struct {
		query string
		want  []string
	}{
		{"", sorted(f.sega, f.sony, f.acquire, f.licensing)},
		{"?type=partnership", sorted(f.sega, f.sony)},
		{"?type=PARTNERSHIP,licensing", sorted(f.sega, f.sony, f.licensing)},
		{"?type=partnership&type=acquisition", sorted(f.sega, f.sony, f.acquire)},
		{"?status=RUMORED", sorted(f.acquire)},
		{"?status=agreed-in-principle", sorted(f.sega)},
		{"?company=sega", sorted(f.sega, f.licensing)},
		{"?company=SEGA", sorted(f.sega, f.licensing)},
		{"?company=Sega", sorted(f.sega, f.licensing)},
		{"?company=nobody", nil},
		{"?platform=Azure", sorted(f.sega, f.sony)},
		{"?platform=microsoft%20azure", sorted(f.sega, f.sony)},
		{"?platform=p:xbox", sorted(f.licensing)},
		{"?yearFrom=2020", sorted(f.sega, f.acquire)},
		{"?yearFrom=2019&yearTo=2019", sorted(f.sony)},
		{"?text=sony", sorted(f.sony)},
		{"?company=microsoft&type=partnership&yearTo=2020", sorted(f.sony)},
		{"?article=a:3", sorted(f.acquire, f.licensing)},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			doc := getNodeLink(t, h, tt.query)
			if diff := cmp.Diff(tt.want, doc.dealIDs()); diff != "" {
				t.Errorf("deals (-want +got):\n%s", diff)
			}
			_, body := fetch(t, h, "/export/deals.csv"+tt.query)
			rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatalf("parse CSV: %v", err)
			}
			var ids []string
			for _, r := range rows[1:] {
				ids = append(ids, r[0])
			}
			slices.Sort(ids)
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("CSV deals (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	f := newFixture(t)
	h := export.Handler(f.store, export.Options{})
	tests := []struct {
		method, target string
		want           int
	}{
		{"GET", "/export/graph.json?type=friendship", 400},
		{"GET", "/export/deals.csv?status=maybe", 400},
		{"GET", "/export/graph.json?yearFrom=last", 400},
		{"GET", "/export/graph.json?limit=0", 400},
		{"GET", "/export/graph.json?limit=100001", 400},
		{"GET", "/export/graph.graphml?year_from=2020", 400},
		{"POST", "/export/graph.json", 405},
		{"GET", "/export/graph.gexf", 404},
		{"GET", "/export/", 200},
		{"HEAD", "/export/graph.json", 200},
		{"GET", "/graph.json", 200}, // mounted with http.StripPrefix
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d: %s", rec.Code, tt.want, rec.Body.String())
			}
			if tt.method == "HEAD" && rec.Body.Len() != 0 {
				t.Errorf("HEAD wrote a body")
			}
		})
	}
}

func TestStoreErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("neo4j down: %w", pg.ErrUnavailable), http.StatusServiceUnavailable},
		{errors.New("secret internal detail"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		for _, path := range []string{"/export/graph.json", "/export/deals.csv", "/export/graph.graphml"} {
			h := export.Handler(failingReader{Reader: f.store, err: tt.err}, export.Options{})
			res, body := fetch(t, h, path)
			if res.StatusCode != tt.want {
				t.Errorf("%s with %v: status %d, want %d", path, tt.err, res.StatusCode, tt.want)
			}
			if strings.Contains(body, "secret") {
				t.Errorf("%s leaks the internal error: %q", path, body)
			}
		}
	}
}

func TestCSV(t *testing.T) {
	f := newFixture(t)
	res, body := fetch(t, export.Handler(f.store, export.Options{}), "/export/deals.csv")
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q", ct)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.FieldsPerRecord = len(export.CSVHeader)
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse CSV: %v\n%s", err, body)
	}
	if diff := cmp.Diff(export.CSVHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[0]] = row
		for i, c := range row {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("row %s column %s starts with a formula character: %q", row[0], export.CSVHeader[i], c)
			}
		}
	}
	want := map[string][]string{
		f.sega:      {f.sega, "partnership", "agreed_in_principle", "2021", "Microsoft; SEGA", "partner; partner", "Azure", "", "", "https://news.example/sega,azure; a:2", "0.96"},
		f.sony:      {f.sony, "partnership", "announced", "2019", "Microsoft; Sony", "partner; partner", "Azure", "", "", "a:2", "0.8"},
		f.acquire:   {f.acquire, "acquisition", "rumored", "2022", "Microsoft; " + evilName, "buyer; target", "", "68700000000", "USD", "https://news.example/rumour", "0.8"},
		f.licensing: {f.licensing, "licensing", "announced", "", "'" + formulaName + "; SEGA", "licensor; licensee", "Xbox", "", "", "https://news.example/rumour", "0.8"},
	}
	// Confidence is aggregated in floating point; compare it loosely.
	roundConf := cmp.Transformer("conf", func(row []string) []string {
		out := slices.Clone(row)
		if len(out) == len(export.CSVHeader) {
			var c float64
			if _, err := fmt.Sscan(out[len(out)-1], &c); err == nil {
				out[len(out)-1] = fmt.Sprintf("%.4f", c)
			}
		}
		return out
	})
	if diff := cmp.Diff(want, byID, roundConf); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// graphML mirrors the parts of a GraphML document the tests check.
type graphML struct {
	XMLName xml.Name `xml:"http://graphml.graphdrawing.org/xmlns graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string    `xml:"edgedefault,attr"`
		Data        []gmlData `xml:"data"`
		Nodes       []struct {
			ID   string    `xml:"id,attr"`
			Data []gmlData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string    `xml:"id,attr"`
			Source string    `xml:"source,attr"`
			Target string    `xml:"target,attr"`
			Data   []gmlData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func TestGraphML(t *testing.T) {
	f := newFixture(t)
	h := export.Handler(f.store, export.Options{})
	res, body := fetch(t, h, "/export/graph.graphml?company=microsoft")
	if ct := res.Header.Get("Content-Type"); ct != "application/graphml+xml; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "<img") {
		t.Errorf("GraphML contains unescaped markup:\n%s", body)
	}
	var doc graphML
	dec := xml.NewDecoder(strings.NewReader(body))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("GraphML is not well-formed: %v\n%s", err, body)
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	keyFor := map[string]string{}
	for _, k := range doc.Keys {
		if _, dup := keyFor[k.ID]; dup {
			t.Errorf("duplicate key id %q", k.ID)
		}
		keyFor[k.ID] = k.For
		if !slices.Contains([]string{"string", "int", "double", "boolean"}, k.Type) {
			t.Errorf("key %s has attr.type %q", k.ID, k.Type)
		}
	}
	checkData := func(where, domain string, data []gmlData) map[string]string {
		out := map[string]string{}
		for _, d := range data {
			if keyFor[d.Key] != domain {
				t.Errorf("%s: data key %q is declared for %q, want %q", where, d.Key, keyFor[d.Key], domain)
			}
			out[d.Key] = d.Value
		}
		return out
	}
	checkData("graph", "graph", doc.Graph.Data)
	nodes := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		if _, dup := nodes[n.ID]; dup {
			t.Errorf("duplicate node %q", n.ID)
		}
		nodes[n.ID] = checkData("node "+n.ID, "node", n.Data)
	}
	for _, e := range doc.Graph.Edges {
		checkData("edge "+e.ID, "edge", e.Data)
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Errorf("edge %s has a dangling end", e.ID)
		}
	}
	// Same graph as the JSON export.
	nl := getNodeLink(t, h, "?company=microsoft")
	if len(doc.Graph.Nodes) != len(nl.Nodes) || len(doc.Graph.Edges) != len(nl.Links) {
		t.Errorf("GraphML has %d nodes, %d edges; JSON %d, %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), len(nl.Nodes), len(nl.Links))
	}
	if got := nodes[evilID]["label"]; got != evilName {
		t.Errorf("evil label round trip = %q, want %q", got, evilName)
	}
	if got := nodes[f.acquire]; got["amount"] != "68700000000" || got["year"] != "2022" || got["type"] != "acquisition" {
		t.Errorf("acquisition node data = %v", got)
	}
	if _, ok := nodes[f.licensing]; ok {
		t.Errorf("company=microsoft filter kept the licensing deal")
	}
}

func TestCytoscape(t *testing.T) {
	f := newFixture(t)
	_, body := fetch(t, export.Handler(f.store, export.Options{}), "/export/cytoscape.json?platform=azure")
	var doc struct {
		Directed bool `json:"directed"`
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("decode: %v", err)
	}
	ids := map[string]bool{}
	for _, n := range doc.Elements.Nodes {
		id, _ := n.Data["id"].(string)
		if id == "" || n.Data["value"] != id || n.Data["label"] == nil {
			t.Errorf("node data %v lacks id/value/label", n.Data)
		}
		ids[id] = true
	}
	edgeIDs := map[string]bool{}
	for _, e := range doc.Elements.Edges {
		id, _ := e.Data["id"].(string)
		if edgeIDs[id] {
			t.Errorf("duplicate edge id %q", id)
		}
		edgeIDs[id] = true
		if !ids[e.Data["source"].(string)] || !ids[e.Data["target"].(string)] {
			t.Errorf("edge %v has a dangling end", e.Data)
		}
	}
	wantNodes := map[string]bool{"microsoft": true, "sega": true, "sony": true, "p:azure": true, f.sega: true, f.sony: true}
	if diff := cmp.Diff(wantNodes, ids); diff != "" || !doc.Directed {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if len(doc.Elements.Edges) != 7 { // 4 party, 2 on_platform, 1 owned_by
		t.Errorf("%d edges, want 7", len(doc.Elements.Edges))
	}
}

// bulkStore holds n investment deals of one fund, each reported once.
func bulkStore(t *testing.T, n int) *memstore.Store {
	t.Helper()
	b := pg.Batch{Companies: []pg.Company{{ID: "fund", Name: "Fund"}}}
	for i := range n {
		id := fmt.Sprintf("startup-%03d", i)
		a := fmt.Sprintf("a:%03d", i)
		b.Companies = append(b.Companies, pg.Company{ID: id, Name: fmt.Sprintf("Startup %03d", i)})
		b.Articles = append(b.Articles, pg.Article{ID: a, Title: "Funding", Published: "2020-01-01"})
		dealSpec{pg.Investment, []pg.Party{party("fund", pg.RoleInvestor), party(id, pg.RoleInvestee)}, nil, 2000 + i%20, pg.Completed, "Fund invests in " + id, nil, []string{a}}.add(&b)
	}
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatalf("open memstore: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Write(t.Context(), b); err != nil {
		t.Fatalf("write: %v", err)
	}
	return s
}

func TestPagingIsBounded(t *testing.T) {
	s := bulkStore(t, 250)
	tests := []struct {
		target        string
		wantDeals     int
		wantPages     []int
		wantTruncated string
	}{
		{"/export/deals.csv", 250, []int{100, 100, 100}, ""},
		{"/export/graph.json", 250, []int{100, 100, 100}, "false"},
		{"/export/graph.json?limit=120", 120, []int{100, 20}, "true"},
		{"/export/deals.csv?limit=120", 120, []int{100, 20}, ""},
		{"/export/graph.graphml?limit=250", 250, []int{100, 100, 50}, "false"},
		{"/export/cytoscape.json?limit=200", 200, []int{100, 100}, "true"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			cr := &countingReader{Reader: s}
			res, body := fetch(t, export.Handler(cr, export.Options{}), tt.target)
			if res.StatusCode != 200 {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if diff := cmp.Diff(tt.wantPages, cr.pages); diff != "" {
				t.Errorf("Deals page sizes (-want +got):\n%s", diff)
			}
			if got := res.Header.Get(export.TruncatedHeader); got != tt.wantTruncated {
				t.Errorf("%s = %q, want %q", export.TruncatedHeader, got, tt.wantTruncated)
			}
			var got int
			switch {
			case strings.Contains(tt.target, ".csv"):
				got = strings.Count(body, "\n") - 1
			case strings.Contains(tt.target, ".graphml"):
				got = strings.Count(body, `<data key="kind">deal</data>`)
			default:
				got = strings.Count(body, `"kind":"deal"`)
			}
			if got != tt.wantDeals {
				t.Errorf("%d deals exported, want %d", got, tt.wantDeals)
			}
		})
	}
}

// TestNoFloatNoise checks that values and confidences reach every format
// as the API gives them: to the cent and to 2 decimal places.
func TestNoFloatNoise(t *testing.T) {
	value := 8.45 * 1e9 // 8449999999.999999 in binary floating point
	b := pg.Batch{Companies: []pg.Company{{ID: "amazon", Name: "Amazon"}, {ID: "mgm", Name: "MGM"}}}
	id := dealSpec{pg.Acquisition, []pg.Party{party("amazon", pg.RoleBuyer), party("mgm", pg.RoleTarget)}, nil, 2021, pg.Completed, "Amazon buys MGM", &value, nil}.add(&b)
	b.Deals[0].Confidence = 0.1 + 0.75 // 0.8500000000000001
	s, err := memstore.Open(memstore.InMemory, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Write(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	h := export.Handler(s, export.Options{})
	for _, path := range []string{"/export/deals.csv", "/export/graph.json", "/export/graph.graphml", "/export/cytoscape.json"} {
		_, body := fetch(t, h, path)
		if !strings.Contains(body, id) || !strings.Contains(body, "8450000000") {
			t.Errorf("%s lacks the deal's value 8450000000:\n%s", path, body)
		}
		for _, noise := range []string{"8449999999", "0.8500000000000001", "e+09"} {
			if strings.Contains(body, noise) {
				t.Errorf("%s holds float noise %q:\n%s", path, noise, body)
			}
		}
	}
}
