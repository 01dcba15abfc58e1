package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/storetest"
)

// TestNamesEverywhere checks that every argument naming a company or a
// platform takes its ID, its name or an alias, in any case.
func TestNamesEverywhere(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	tests := []struct {
		name, query, want string
	}{
		{"CompanyByID", `{ company(id: "sega") { id } }`, `{"company":{"id":"sega"}}`},
		{"CompanyByNameAsID", `{ company(id: "SEGA Corporation") { id } }`, `{"company":{"id":"sega"}}`},
		{"CompanyByAliasAnyCase", `{ company(name: "sony interactive ENTERTAINMENT") { id } }`, `{"company":{"id":"sony"}}`},
		{"CompanyBySlug", `{ company(name: "Activision-Blizzard") { id } }`, `{"company":{"id":"activision-blizzard"}}`},
		{"PlatformByAlias", `{ platform(name: "ps5") { id } }`, `{"platform":{"id":"p:playstation"}}`},
		{"PlatformByOwnerAndName", `{ platform(name: "Sony PlayStation") { id } }`, `{"platform":{"id":"p:playstation"}}`},
		{"PlatformOfAnotherOwner", `{ platform(name: "Sony Xbox") { id } }`, `{"platform":null}`},
		{"PlatformIDAnyCase", `{ platform(id: "P:XBOX") { id } }`, `{"platform":{"id":"p:xbox"}}`},
		{"Neighborhood", `{ neighborhood(id: "Sega") { nodes { id } } }`, `{"neighborhood":{"nodes":[{"id":"sega"},{"id":"microsoft"},{"id":"nintendo"}]}}`},
		{"Path", `{ path(from: "SEGA", to: "Sony Group") { length } }`, `{"path":{"length":2}}`},
		{"Timeline", `{ timeline(company: "MSFT") { year } }`, `{"timeline":[{"year":2019},{"year":2019},{"year":2022}]}`},
		{"DealFilter", `{ deals(filter: {company: "sega corporation", platform: "MICROSOFT AZURE"}) { totalCount } }`, `{"deals":{"totalCount":1}}`},
		{"CompanyFilter", `{ companies(filter: {platform: "microsoft azure"}) { totalCount } }`, `{"companies":{"totalCount":3}}`},
		{"PlatformFilter", `{ platforms(filter: {owner: "Microsoft Corp"}) { totalCount } }`, `{"platforms":{"totalCount":2}}`},
		{"ArticleFilter", `{ articles(filter: {company: "Activision"}) { totalCount } }`, `{"articles":{"totalCount":2}}`},
		{"UnknownInFilterMatchesNothing", `{ deals(filter: {company: "No Such Co"}) { totalCount } }`, `{"deals":{"totalCount":0}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got json.RawMessage
			query(t, h, tt.query, nil, &got)
			if !jsonEqual(t, got, tt.want) {
				t.Errorf("%s\n got %s\nwant %s", tt.query, got, tt.want)
			}
		})
	}
}

func TestMutationsTakeNames(t *testing.T) {
	h := fixtureHandler(t, graph.Options{APIKey: "k"})
	auth := []string{"Authorization", "Bearer k"}
	var added struct{ AddAlias struct{ ID string } }
	query(t, h, `mutation { addAlias(company: "SEGA CORPORATION", alias: "Sega Sammy") { id } }`, nil, &added, auth...)
	if added.AddAlias.ID != storetest.SEGA {
		t.Errorf("addAlias by alias went to %q", added.AddAlias.ID)
	}
	var split struct {
		SplitCompany struct{ Original struct{ ID string } }
	}
	query(t, h, `mutation { splitCompany(company: "Sony", alias: "Sony Interactive Entertainment") { original { id } } }`, nil, &split, auth...)
	if split.SplitCompany.Original.ID != storetest.Sony {
		t.Errorf("splitCompany by name went to %q", split.SplitCompany.Original.ID)
	}
	var merged struct{ MergeCompanies struct{ ID string } }
	query(t, h, `mutation { mergeCompanies(keep: "Microsoft", drop: "activision") { id } }`, nil, &merged, auth...)
	if merged.MergeCompanies.ID != storetest.Microsoft {
		t.Errorf("mergeCompanies by name kept %q", merged.MergeCompanies.ID)
	}
	for q, code := range map[string]string{
		`mutation { mergeCompanies(keep: "MSFT", drop: "microsoft") { id } }`:  "CONFLICT",
		`mutation { addAlias(company: "No Such Co", alias: "x") { id } }`:      "NOT_FOUND",
		`mutation { mergeCompanies(keep: "sega", drop: "No Such Co") { id } }`: "NOT_FOUND",
	} {
		if r := request(t, h, q, nil, auth...); r.code() != code {
			t.Errorf("%s: code %q (%+v), want %s", q, r.code(), r.Errors, code)
		}
	}
}

func TestArticlesQuery(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	var got struct {
		Articles struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ ID, Published string }
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	q := `query($after: String) { articles(first: 2, after: $after) { totalCount edges { cursor node { id published } } pageInfo { hasNextPage endCursor } } }`
	query(t, h, q, nil, &got)
	if got.Articles.TotalCount != 3 || len(got.Articles.Edges) != 2 || !got.Articles.PageInfo.HasNextPage {
		t.Fatalf("first page: %+v", got.Articles)
	}
	if got.Articles.Edges[0].Node.ID != storetest.ArticleCloses {
		t.Errorf("newest first: got %s first", got.Articles.Edges[0].Node.ID)
	}
	query(t, h, q, map[string]any{"after": got.Articles.PageInfo.EndCursor}, &got)
	if len(got.Articles.Edges) != 1 || got.Articles.Edges[0].Node.ID != storetest.ArticleCloud || got.Articles.PageInfo.HasNextPage {
		t.Errorf("second page: %+v", got.Articles)
	}
	var text struct {
		Articles struct {
			Edges []struct{ Node struct{ Title string } }
		}
	}
	query(t, h, `{ articles(filter: {text: "activision", yearFrom: 2023}) { edges { node { title } } } }`, nil, &text)
	if len(text.Articles.Edges) != 1 || text.Articles.Edges[0].Node.Title != "Microsoft closes Activision deal" {
		t.Errorf("search by text and year: %+v", text.Articles)
	}
	if r := request(t, h, `{ articles(filter: {yearFrom: 2024, yearTo: 2020}) { totalCount } }`, nil); r.code() != "BAD_USER_INPUT" {
		t.Errorf("reversed years: code %q", r.code())
	}
}

func TestDocumentedBoundsAreEnforced(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	for _, q := range []string{
		`{ neighborhood(id: "sega", depth: 0) { truncated } }`,
		`{ neighborhood(id: "sega", depth: 5) { truncated } }`,
		`{ neighborhood(id: "sega", limit: 0) { truncated } }`,
		`{ neighborhood(id: "sega", limit: 501) { truncated } }`,
		`{ path(from: "sega", to: "sony", maxDepth: 0) { length } }`,
		`{ path(from: "sega", to: "sony", maxDepth: 7) { length } }`,
		`{ search(text: "s", first: 0) { id } }`,
		`{ search(text: "s", first: 101) { id } }`,
		`{ articles(first: 101) { totalCount } }`,
		`{ company(id: "sega") { partners(first: 101) { dealCount } } }`,
		`{ deal(id: "x") { sources(first: -1) { sentence } } }`,
	} {
		if r := request(t, h, q, nil); r.code() != "BAD_USER_INPUT" && !(strings.Contains(q, "deal(id") && r.code() == "") {
			t.Errorf("%s: code %q, want BAD_USER_INPUT", q, r.code())
		}
	}
}

func TestNeighborhoodWithPlatforms(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	var got struct {
		Neighborhood struct {
			Nodes []struct {
				ID, Kind string
				Depth    int
				Platform *struct{ Name string }
				Company  *struct{ Name string }
			}
			Links []struct {
				Source, Target, Kind string
				Deal                 *struct{ ID string }
			}
		}
	}
	query(t, h, `{ neighborhood(id: "sega", depth: 2, platforms: true) {
		nodes { id kind depth platform { name } company { name } }
		links { source target kind deal { id } } } }`, nil, &got)
	kinds := map[string]string{}
	for _, n := range got.Neighborhood.Nodes {
		kinds[n.ID] = n.Kind
		if (n.Kind == "platform") != (n.Platform != nil) || (n.Kind == "company") != (n.Company != nil) {
			t.Errorf("node %s of kind %s: platform %v, company %v", n.ID, n.Kind, n.Platform, n.Company)
		}
	}
	if kinds[storetest.Azure] != "platform" || kinds[storetest.Sony] != "company" {
		t.Fatalf("nodes: %+v", got.Neighborhood.Nodes)
	}
	// Azure links SEGA and Sony (both have a deal on it) and belongs to
	// Microsoft, which has no ON_PLATFORM link of its own to it.
	links := map[string]bool{}
	for _, l := range got.Neighborhood.Links {
		links[l.Kind+" "+l.Source+" "+l.Target] = true
		if (l.Kind == "ON_PLATFORM") != (l.Deal != nil) {
			t.Errorf("link %+v: deal only on ON_PLATFORM links", l)
		}
	}
	for _, want := range []string{"ON_PLATFORM sega p:azure", "ON_PLATFORM sony p:azure", "OWNED_BY p:azure microsoft"} {
		if !links[want] {
			t.Errorf("missing link %s in %v", want, links)
		}
	}
	if links["ON_PLATFORM microsoft p:azure"] {
		t.Error("the owner has an ON_PLATFORM link besides OWNED_BY")
	}
	var plain struct {
		Neighborhood struct {
			Nodes []struct{ Kind string }
			Links []struct{ ID string }
		}
	}
	query(t, h, `{ neighborhood(id: "sega", depth: 2) { nodes { kind } links { id } } }`, nil, &plain)
	for _, n := range plain.Neighborhood.Nodes {
		if n.Kind != "company" {
			t.Errorf("platform node without platforms: true: %+v", plain)
		}
	}
	if len(plain.Neighborhood.Links) != 0 {
		t.Errorf("links without platforms: true: %+v", plain.Neighborhood.Links)
	}
}

// TestErrorsAreCodedAndPublic checks that HTTP-level failures carry
// extensions.code and no data, and that messages name no internal package.
func TestErrorsAreCodedAndPublic(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	post := func(contentType, body string) (*httptest.ResponseRecorder, map[string]any) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%q: answer is not JSON: %s", body, rec.Body)
		}
		return rec, out
	}
	for _, tt := range []struct {
		name, contentType, body string
		status                  int
	}{
		{"NoContentType", "", `{"query":"{ counts { deals } }"}`, http.StatusUnsupportedMediaType},
		{"TextPlain", "text/plain", `{"query":"{ counts { deals } }"}`, http.StatusUnsupportedMediaType},
		{"MalformedJSON", "application/json", `{"query":`, http.StatusBadRequest},
		{"NotARequest", "application/json", `{"query": 1}`, http.StatusBadRequest},
		{"Empty", "application/json", ``, http.StatusBadRequest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec, out := post(tt.contentType, tt.body)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d", rec.Code, tt.status)
			}
			errs, _ := out["errors"].([]any)
			if len(errs) == 0 {
				t.Fatalf("no errors: %v", out)
			}
			e, _ := errs[0].(map[string]any)
			ext, _ := e["extensions"].(map[string]any)
			if ext["code"] != "BAD_REQUEST" {
				t.Errorf("code %v, want BAD_REQUEST: %v", ext["code"], out)
			}
			if _, ok := out["data"]; ok {
				t.Errorf("a request that cannot run has a data entry: %v", out)
			}
			if msg, _ := e["message"].(string); strings.Contains(msg, tt.body) && tt.body != "" {
				t.Errorf("the message echoes the body: %q", msg)
			}
		})
	}
	r := request(t, h, `{ deals(after: "garbage") { totalCount } }`, nil)
	for _, e := range r.Errors {
		for _, pkg := range []string{"memstore", "neo4jstore", "storekit", "partnergraph:"} {
			if strings.Contains(e.Message, pkg) {
				t.Errorf("message names %s: %q", pkg, e.Message)
			}
		}
	}
}

func TestMoneyAndConfidenceWithoutNoise(t *testing.T) {
	b := storetest.Fixture()
	v := 8.45 * 1e9 // 8449999999.999999 in binary floating point
	b.Deals[2].Value = &v
	b.Deals[0].Confidence = 0.1 + 0.75 // 0.8500000000000001
	b.Evidence[0].Confidence = 0.1 + 0.75
	h := graph.NewHandler(newStore(t, b), graph.Options{})
	r := request(t, h, `{ deals(first: 10) { edges { node { value confidence sources { confidence } } } } }`, nil)
	body := string(r.Data)
	if !strings.Contains(body, `"value":8450000000`) {
		t.Errorf("value not written as a plain decimal: %s", body)
	}
	for _, noise := range []string{"e+", "0000000001", "99999999"} {
		if strings.Contains(body, noise) {
			t.Errorf("float noise %q in %s", noise, body)
		}
	}
}

// jsonEqual reports whether two JSON documents hold the same value.
func jsonEqual(t testing.TB, got json.RawMessage, want string) bool {
	t.Helper()
	var a, b any
	if err := json.Unmarshal(got, &a); err != nil {
		t.Fatalf("got is not JSON: %s", got)
	}
	if err := json.Unmarshal([]byte(want), &b); err != nil {
		t.Fatalf("want is not JSON: %s", want)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// TestTransportErrorsAreCoded covers the errors gqlgen's transports and the
// WebSocket upgrade write themselves.
func TestTransportErrorsAreCoded(t *testing.T) {
	h := fixtureHandler(t, graph.Options{StreamOrigins: []string{"https://allowed.example"}})
	for _, tt := range []struct {
		name string
		req  func() *http.Request
	}{
		{"GetBadVariables", func() *http.Request {
			return httptest.NewRequest(http.MethodGet, "/graphql?query=%7Bcounts%7Bdeals%7D%7D&variables=notjson", nil)
		}},
		{"GetMutation", func() *http.Request {
			return httptest.NewRequest(http.MethodGet, `/graphql?query=mutation%7BrejectDeal(id:%22x%22)%7Bkind%7D%7D`, nil)
		}},
		{"WebSocketWithoutVersion", func() *http.Request {
			r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
			r.Header.Set("Upgrade", "websocket")
			r.Header.Set("Connection", "Upgrade")
			return r
		}},
		{"WebSocketFromAnotherOrigin", func() *http.Request {
			r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
			for k, v := range map[string]string{"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
				"Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Origin": "https://evil.example"} {
				r.Header.Set(k, v)
			}
			return r
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := serve(t, h, tt.req())
			if r.Status < 400 || r.code() == "" {
				t.Errorf("status %d, errors %+v: want a 4xx with extensions.code", r.Status, r.Errors)
			}
		})
	}
}
