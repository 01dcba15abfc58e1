package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/introspection"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/storetest"
)

func TestLimitsGiveCodedErrors(t *testing.T) {
	h := fixtureHandler(t, graph.Options{ComplexityLimit: 5000, DepthLimit: 8, ParserTokenLimit: 300})
	deep := `{ company(id: "sega") { deals { edges { node { parties { company { deals { edges { node { id } } } } } } } } } }`
	tests := []struct {
		name, query, code string
	}{
		{"PageTooLarge", `{ deals(first: 101) { edges { cursor } } }`, "BAD_USER_INPUT"},
		{"NegativePage", `{ companies(first: -1) { totalCount } }`, "BAD_USER_INPUT"},
		{"BadCursor", `{ company(id: "sega") { deals(after: "!!") { totalCount } } }`, "BAD_USER_INPUT"},
		{"BadStoreCursor", `{ deals(after: "garbage") { totalCount } }`, "BAD_USER_INPUT"},
		{"YearRange", `{ deals(filter: {yearFrom: 2020, yearTo: 2019}) { totalCount } }`, "BAD_USER_INPUT"},
		{"NeighborhoodTooDeep", `{ neighborhood(id: "sega", depth: 9) { truncated } }`, "BAD_USER_INPUT"},
		{"NeighborhoodUnknown", `{ neighborhood(id: "nope") { truncated } }`, "NOT_FOUND"},
		{"PathUnknown", `{ path(from: "sega", to: "nope") { length } }`, "NOT_FOUND"},
		{"TimelineUnknown", `{ timeline(company: "nope") { year } }`, "NOT_FOUND"},
		{"CompanyNoArgs", `{ company { id } }`, "BAD_USER_INPUT"},
		{"Depth", deep, "DEPTH_LIMIT_EXCEEDED"},
		{"Complexity", `{ deals(first: 100) { edges { node { parties { company { deals(first: 100) { totalCount } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
		{"Tokens", "{ " + strings.Repeat("counts { deals } ", 100) + "}", "GRAPHQL_PARSE_FAILED"},
		{"Validation", `{ nope }`, "GRAPHQL_VALIDATION_FAILED"},
		{"Parse", `{ deals(`, "GRAPHQL_PARSE_FAILED"},
		{"BadEnum", `{ deals(filter: {type: [FRIENDSHIP]}) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request(t, h, tt.query, nil)
			if got := r.code(); got != tt.code {
				t.Errorf("code = %q (status %d, errors %+v), want %s", got, r.Status, r.Errors, tt.code)
			}
			if r.Status >= 500 {
				t.Errorf("status = %d, want below 500", r.Status)
			}
		})
	}
}

func TestIntrospectionPassesLimits(t *testing.T) {
	// Tight limits, as a deployment might set; schema tools must still work.
	h := fixtureHandler(t, graph.Options{ComplexityLimit: 1000, DepthLimit: 5})
	var got struct {
		Schema struct{ Types []struct{ Name string } } `json:"__schema"`
	}
	query(t, h, introspection.Query, nil, &got)
	if len(got.Schema.Types) < 20 {
		t.Errorf("introspection returned %d types", len(got.Schema.Types))
	}
}

func TestEnumVariables(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	const q = `query($t: [DealType!]) { deals(filter: {type: $t}) { totalCount } }`
	// gqlparser matches enum variables ignoring case; the label format's
	// lower case therefore works too.
	for _, v := range []string{"PARTNERSHIP", "partnership"} {
		var got struct{ Deals struct{ TotalCount int } }
		query(t, h, q, map[string]any{"t": []string{v}}, &got)
		if got.Deals.TotalCount != 2 {
			t.Errorf("type %s: totalCount %d, want 2", v, got.Deals.TotalCount)
		}
	}
	r := request(t, h, q, map[string]any{"t": []string{"friendship"}})
	if r.code() != "GRAPHQL_VALIDATION_FAILED" || r.Status >= 500 {
		t.Errorf("unknown enum variable: status %d code %q, want a validation error", r.Status, r.code())
	}
}

func TestBodyLimit(t *testing.T) {
	h := fixtureHandler(t, graph.Options{MaxBodyBytes: 200})
	r := request(t, h, `{ counts { deals } }`+strings.Repeat(" ", 300), nil)
	if r.Status != http.StatusRequestEntityTooLarge || r.code() != "REQUEST_TOO_LARGE" {
		t.Errorf("status %d code %q, want 413 REQUEST_TOO_LARGE", r.Status, r.code())
	}
	// Without a Content-Length the limit still holds.
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ counts { deals } }`+strings.Repeat(" ", 300)+`"}`))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	if r := serve(t, h, req); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: status %d, want 413", r.Status)
	}
}

// slowStore blocks every Deals call until the context ends.
type slowStore struct{ pg.Store }

func (s slowStore) Deals(ctx context.Context, q pg.DealQuery) (pg.Page[pg.Deal], error) {
	<-ctx.Done()
	return pg.Page[pg.Deal]{}, fmt.Errorf("slow: %w", ctx.Err())
}

// stuckStore ignores the context and blocks Counts for a long time.
type stuckStore struct {
	pg.Store
	release chan struct{}
}

func (s stuckStore) Counts(context.Context) (pg.Counts, error) {
	<-s.release
	return pg.Counts{}, nil
}

func TestTimeout(t *testing.T) {
	h := graph.NewHandler(slowStore{newStore(t, storetest.Fixture())}, graph.Options{Timeout: 50 * time.Millisecond})
	start := time.Now()
	r := request(t, h, `{ deals { totalCount } }`, nil)
	if r.code() != "TIMEOUT" || r.Status >= 500 {
		t.Errorf("status %d code %q, want TIMEOUT", r.Status, r.code())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}

	stuck := stuckStore{newStore(t), make(chan struct{})}
	defer close(stuck.release)
	h = graph.NewHandler(stuck, graph.Options{Timeout: 20 * time.Millisecond})
	start = time.Now()
	r = request(t, h, `{ counts { deals } }`, nil)
	if r.code() != "TIMEOUT" || r.Status == http.StatusInternalServerError {
		t.Errorf("store ignoring its context: status %d code %q, want TIMEOUT", r.Status, r.code())
	}
	if d := time.Since(start); d > 6*time.Second {
		t.Errorf("store ignoring its context: took %v", d)
	}
}

func TestHTTP(t *testing.T) {
	h := fixtureHandler(t, graph.Options{APIKey: "k"})
	get := func(q string, header ...string) response {
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(q), nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		return serve(t, h, req)
	}

	t.Run("GETQuery", func(t *testing.T) {
		r := get(`{ company(id: "sega") { name } }`)
		if r.Status != 200 || string(r.Data) != `{"company":{"name":"SEGA"}}` {
			t.Errorf("status %d data %s", r.Status, r.Data)
		}
	})
	t.Run("GETMutationIs405", func(t *testing.T) {
		r := get(`mutation { rejectDeal(id: "x") { kind } }`, "Authorization", "Bearer k")
		if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "POST" {
			t.Errorf("status %d Allow %q, want 405 POST", r.Status, r.Header.Get("Allow"))
		}
	})
	t.Run("GraphQLResponseJSON", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ deals("}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
		r := serve(t, h, req)
		if r.Status != http.StatusBadRequest || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/graphql-response+json") {
			t.Errorf("parse error: status %d content type %q, want 400 graphql-response+json", r.Status, r.Header.Get("Content-Type"))
		}
		if r.Data != nil {
			t.Errorf("parse error: data = %s, want absent", r.Data)
		}
	})
	t.Run("ApplicationJSON", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ counts { deals } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		r := serve(t, h, req)
		if r.Status != 200 || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
			t.Errorf("status %d content type %q", r.Status, r.Header.Get("Content-Type"))
		}
	})
	t.Run("MethodNotAllowed", func(t *testing.T) {
		r := serve(t, h, httptest.NewRequest(http.MethodDelete, "/graphql", nil))
		if r.Status != http.StatusMethodNotAllowed || r.Header.Get("Allow") == "" {
			t.Errorf("DELETE: status %d Allow %q", r.Status, r.Header.Get("Allow"))
		}
	})
	t.Run("Options", func(t *testing.T) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodOptions, "/graphql", nil))
		if rec.Code >= 300 || !strings.Contains(rec.Header().Get("Allow"), "POST") {
			t.Errorf("OPTIONS: status %d Allow %q", rec.Code, rec.Header().Get("Allow"))
		}
	})
}

func TestCORS(t *testing.T) {
	inner := fixtureHandler(t, graph.Options{})
	tests := []struct {
		name, origin string
		origins      []string
		wantAllow    string
	}{
		{"Listed", "https://nb.example", []string{"https://nb.example"}, "https://nb.example"},
		{"Star", "https://any.example", []string{"*"}, "*"},
		{"NotListed", "https://evil.example", []string{"https://nb.example"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := graph.CORS(tt.origins, inner)
			pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
			pre.Header.Set("Origin", tt.origin)
			pre.Header.Set("Access-Control-Request-Method", "POST")
			pre.Header.Set("Access-Control-Request-Headers", "content-type, authorization")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, pre)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantAllow {
				t.Errorf("preflight Allow-Origin = %q, want %q", got, tt.wantAllow)
			}
			if tt.wantAllow != "" && (rec.Code != http.StatusNoContent || !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization")) {
				t.Errorf("preflight: status %d headers %v", rec.Code, rec.Header())
			}
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ counts { deals } }"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Origin", tt.origin)
			rec = httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantAllow || rec.Code != 200 {
				t.Errorf("POST: status %d Allow-Origin %q, want 200 %q", rec.Code, got, tt.wantAllow)
			}
		})
	}
}

func TestAPIKey(t *testing.T) {
	const mutation = `mutation { addAlias(company: "sega", alias: "Sega Sammy") { aliases } }`
	tests := []struct {
		name   string
		key    string
		header []string
		code   string
	}{
		{"ReadOnlyServer", "", []string{"Authorization", "Bearer k"}, "FORBIDDEN"},
		{"NoKeySent", "k", nil, "UNAUTHENTICATED"},
		{"WrongBearer", "k", []string{"Authorization", "Bearer nope"}, "UNAUTHENTICATED"},
		{"WrongScheme", "k", []string{"Authorization", "Basic k"}, "UNAUTHENTICATED"},
		{"WrongXAPIKey", "k", []string{"X-API-Key", "kk"}, "UNAUTHENTICATED"},
		{"Bearer", "k", []string{"Authorization", "Bearer k"}, ""},
		{"XAPIKey", "k", []string{"X-API-Key", "k"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := fixtureHandler(t, graph.Options{APIKey: tt.key})
			r := request(t, h, mutation, nil, tt.header...)
			if r.code() != tt.code {
				t.Fatalf("code = %q (errors %+v), want %q", r.code(), r.Errors, tt.code)
			}
			var got struct{ Company *struct{ ID string } }
			query(t, h, `{ company(name: "sega sammy") { id } }`, nil, &got)
			if applied := got.Company != nil; applied != (tt.code == "") {
				t.Errorf("alias applied = %v, want %v", applied, tt.code == "")
			}
		})
	}
}

// fakeIngester extracts one deal between two companies named in the text
// as "A+B".
type fakeIngester struct{}

func (fakeIngester) Ingest(_ context.Context, in pg.ArticleInput) (pg.Batch, error) {
	a, b, ok := strings.Cut(in.Text, "+")
	if !ok {
		return pg.Batch{}, fmt.Errorf("no deal in %q: %w", in.Text, pg.ErrInvalid)
	}
	art := pg.Article{ID: pg.ArticleID(in.ID), Title: in.Title, Publisher: in.Publisher, Published: in.Published}
	parties := []pg.Party{{CompanyID: pg.CompanyID(a), Role: pg.RolePartner}, {CompanyID: pg.CompanyID(b), Role: pg.RolePartner}}
	d := pg.Deal{ID: pg.DealID(pg.Partnership, parties), Type: pg.Partnership, Status: pg.Announced, Year: 2024, Parties: parties, Summary: in.Text, Confidence: 0.5}
	return pg.Batch{
		Articles:  []pg.Article{art},
		Companies: []pg.Company{{ID: pg.CompanyID(a), Name: a}, {ID: pg.CompanyID(b), Name: b}},
		Deals:     []pg.Deal{d},
		Evidence: []pg.Evidence{{DealID: d.ID, ArticleID: art.ID, Sentence: in.Text, End: len(in.Text), Year: 2024,
			Status: pg.Announced, Confidence: 0.5, Published: in.Published}},
	}, nil
}

func TestMutations(t *testing.T) {
	auth := []string{"X-API-Key", "secret"}
	newH := func(t *testing.T) http.Handler {
		return graph.NewHandler(newStore(t, storetest.Fixture()), graph.Options{APIKey: "secret", Ingester: fakeIngester{}})
	}
	t.Run("IngestArticle", func(t *testing.T) {
		h := newH(t)
		var got struct {
			IngestArticle struct {
				Articles  []struct{ ID string }
				Companies []struct{ Name string }
				Deals     []struct {
					Type    string
					Sources []struct{ Article struct{ Publisher string } }
				}
			}
		}
		query(t, h, `mutation($in: ArticleInput!) { ingestArticle(input: $in) { articles { id } companies { name } deals { type sources { article { publisher } } } } }`,
			map[string]any{"in": map[string]any{"id": "n1", "title": "T", "publisher": "Wire", "published": "2024-05-01", "text": "SEGA+Valve"}}, &got, auth...)
		g := got.IngestArticle
		if len(g.Articles) != 1 || g.Articles[0].ID != "a:n1" || len(g.Companies) != 2 || len(g.Deals) != 1 || g.Deals[0].Sources[0].Article.Publisher != "Wire" {
			t.Errorf("ingestArticle = %+v", g)
		}
		var after struct{ Company struct{ DealCount int } }
		query(t, h, `{ company(id: "valve") { dealCount } }`, nil, &after)
		if after.Company.DealCount != 1 {
			t.Errorf("valve has %d deals after ingest, want 1", after.Company.DealCount)
		}
		r := request(t, h, `mutation { ingestArticle(input: {text: "x", html: "<p>x</p>"}) { deals { id } } }`, nil, auth...)
		if r.code() != "BAD_USER_INPUT" {
			t.Errorf("text and html: code %q, want BAD_USER_INPUT", r.code())
		}
		r = request(t, h, `mutation { ingestArticle(input: {text: "no deal"}) { deals { id } } }`, nil, auth...)
		if r.code() != "BAD_USER_INPUT" {
			t.Errorf("ingester ErrInvalid: code %q, want BAD_USER_INPUT", r.code())
		}
	})
	t.Run("IngestWithoutIngester", func(t *testing.T) {
		h := graph.NewHandler(newStore(t), graph.Options{APIKey: "secret"})
		r := request(t, h, `mutation { ingestArticle(input: {text: "a+b"}) { deals { id } } }`, nil, auth...)
		if r.code() != "UNAVAILABLE" {
			t.Errorf("code %q, want UNAVAILABLE", r.code())
		}
	})
	t.Run("MergeCompanies", func(t *testing.T) {
		h := newH(t)
		var got struct {
			MergeCompanies struct {
				Aliases   []string
				DealCount int
			}
		}
		query(t, h, `mutation { mergeCompanies(keep: "sega", drop: "nintendo") { aliases dealCount } }`, nil, &got, auth...)
		if !strings.Contains(strings.Join(got.MergeCompanies.Aliases, ","), "Nintendo") || got.MergeCompanies.DealCount != 3 {
			t.Errorf("merged = %+v, want Nintendo alias and 3 deals", got.MergeCompanies)
		}
		var curations struct {
			Curations []struct{ Kind, KeepID, DropID string }
		}
		query(t, h, `{ curations { kind keepId dropId } }`, nil, &curations)
		if len(curations.Curations) != 1 || curations.Curations[0].Kind != "MERGE" || curations.Curations[0].DropID != "nintendo" {
			t.Errorf("curations = %+v", curations.Curations)
		}
	})
	t.Run("SplitCompany", func(t *testing.T) {
		h := newH(t)
		var got struct {
			SplitCompany struct {
				Original struct{ Aliases []string }
				Split    *struct{ ID, Name string }
			}
		}
		query(t, h, `mutation { splitCompany(company: "sony", alias: "Sony Interactive Entertainment") { original { aliases } split { id name } } }`, nil, &got, auth...)
		if got.SplitCompany.Split == nil || got.SplitCompany.Split.ID != "sony-interactive-entertainment" || slicesContain(got.SplitCompany.Original.Aliases, "Sony Interactive Entertainment") {
			t.Errorf("split = %+v", got.SplitCompany)
		}
	})
	t.Run("RejectDeal", func(t *testing.T) {
		h := newH(t)
		var got struct {
			RejectDeal struct{ Kind, DealID, Reason string }
		}
		query(t, h, `mutation($id: ID!) { rejectDeal(id: $id, reason: "denied") { kind dealId reason } }`, map[string]any{"id": storetest.DealSEGANintendo}, &got, auth...)
		if got.RejectDeal.Kind != "REJECT_DEAL" || got.RejectDeal.Reason != "denied" {
			t.Errorf("rejectDeal = %+v", got.RejectDeal)
		}
		var after struct{ Deal *struct{ ID string } }
		query(t, h, `query($id: ID!) { deal(id: $id) { id } }`, map[string]any{"id": storetest.DealSEGANintendo}, &after)
		if after.Deal != nil {
			t.Errorf("rejected deal still there")
		}
	})
	t.Run("DeleteArticle", func(t *testing.T) {
		h := newH(t)
		query(t, h, `mutation { deleteArticle(id: "a:activision-deal-closes") { kind } }`, nil, &struct{}{}, auth...)
		var after struct {
			Deal struct {
				SourceCount int
				Status      string
			}
		}
		query(t, h, `query($id: ID!) { deal(id: $id) { sourceCount status } }`, map[string]any{"id": storetest.DealActivision}, &after)
		if after.Deal.SourceCount != 1 || after.Deal.Status != "ANNOUNCED" {
			t.Errorf("after deleting the closing article: %+v, want 1 source, ANNOUNCED", after.Deal)
		}
	})
	t.Run("Errors", func(t *testing.T) {
		h := newH(t)
		tests := []struct{ mutation, code string }{
			{`mutation { mergeCompanies(keep: "sega", drop: "sega") { id } }`, "CONFLICT"},
			{`mutation { mergeCompanies(keep: "sega", drop: "nope") { id } }`, "NOT_FOUND"},
			{`mutation { addAlias(company: "nope", alias: "x") { id } }`, "NOT_FOUND"},
			{`mutation { addAlias(company: "sega", alias: " ") { id } }`, "BAD_USER_INPUT"},
			{`mutation { rejectDeal(id: "d:nope") { kind } }`, "NOT_FOUND"},
			{`mutation { deleteArticle(id: "a:nope") { kind } }`, "NOT_FOUND"},
			{`mutation { splitCompany(company: "sega", alias: "Microsoft") { split { id } } }`, "NOT_FOUND"},
		}
		for _, tt := range tests {
			if r := request(t, h, tt.mutation, nil, auth...); r.code() != tt.code {
				t.Errorf("%s: code %q (errors %+v), want %s", tt.mutation, r.code(), r.Errors, tt.code)
			}
		}
	})
}

func slicesContain(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// failingStore fails reads with a given error.
type failingStore struct {
	pg.Store
	err error
}

func (s failingStore) Counts(context.Context) (pg.Counts, error) { return pg.Counts{}, s.err }

func (s failingStore) CompaniesByID(context.Context, []string) (map[string]pg.Company, error) {
	return nil, s.err
}

func TestErrorPresenter(t *testing.T) {
	secret := errors.New("bolt: disk on fire at /var/secret")
	tests := []struct {
		name     string
		err      error
		code     string
		leaks    bool
		wantLogs bool
	}{
		{"Internal", fmt.Errorf("memstore: counts: %w", secret), "INTERNAL_SERVER_ERROR", false, true},
		{"Unavailable", fmt.Errorf("neo4j down: %w", pg.ErrUnavailable), "UNAVAILABLE", true, false},
		{"NotFound", fmt.Errorf("x: %w", pg.ErrNotFound), "NOT_FOUND", true, false},
		{"Conflict", fmt.Errorf("x: %w", pg.ErrConflict), "CONFLICT", true, false},
		{"Unauthorized", fmt.Errorf("x: %w", pg.ErrUnauthorized), "UNAUTHENTICATED", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, nil))
			h := graph.NewHandler(failingStore{newStore(t, storetest.Fixture()), tt.err}, graph.Options{Logger: logger})
			for _, q := range []string{`{ counts { deals } }`, `{ deal(id: "` + storetest.DealActivision + `") { parties { company { name } } } }`} {
				r := request(t, h, q, nil)
				if r.code() != tt.code || r.Status != 200 {
					t.Fatalf("%s: status %d code %q, want 200 %s", q, r.Status, r.code(), tt.code)
				}
				if leaked := strings.Contains(r.Errors[0].Message, tt.err.Error()); leaked != tt.leaks {
					t.Errorf("%s: message %q: leaked = %v, want %v", q, r.Errors[0].Message, leaked, tt.leaks)
				}
				if len(r.Errors[0].Path) == 0 {
					t.Errorf("%s: error has no path", q)
				}
			}
			if logged := strings.Contains(logs.String(), "disk on fire"); logged != tt.wantLogs {
				t.Errorf("logged = %v, want %v: %s", logged, tt.wantLogs, logs.String())
			}
			if tt.wantLogs && !strings.Contains(logs.String(), "path=counts") {
				t.Errorf("log lacks the path: %s", logs.String())
			}
		})
	}
}
