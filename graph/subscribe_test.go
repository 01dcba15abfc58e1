package graph_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/storetest"
)

// dealEvent is the part of a dealAdded or dealUpdated event the tests read.
type dealEvent struct {
	Kind string
	Deal struct {
		Summary     string
		SourceCount int
		Parties     []struct{ Company struct{ ID string } }
	}
	Article *struct{ Title string }
}

const eventFields = `kind deal { summary sourceCount parties { company { id } } } article { title }`

// ingest posts an ingestArticle mutation for the fake ingester's "A+B" text.
func ingest(t *testing.T, url, id, text string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($in: ArticleInput!) { ingestArticle(input: $in) { deals { id } } }`,
		"variables": map[string]any{"in": map[string]any{"id": id, "title": "Note " + id, "published": "2024-05-01", "text": text}},
	})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", "secret")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	defer res.Body.Close()
	var out response
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("ingest %q: %v %+v", text, err, out.Errors)
	}
}

// untilEvent ingests "partner+Co<i>" articles, one every 100 ms, until
// events yields one (a subscription may take a moment to open), and
// returns it.
func untilEvent(t *testing.T, url, partner string, events <-chan dealEvent) dealEvent {
	t.Helper()
	for i := 0; i < 50; i++ {
		ingest(t, url, fmt.Sprintf("n%d", i), fmt.Sprintf("%s+Co%d", partner, i))
		select {
		case ev := <-events:
			return ev
		case <-time.After(100 * time.Millisecond):
		}
	}
	t.Fatal("no event arrived in 5 s")
	return dealEvent{}
}

func newSubscriptionServer(t *testing.T, opts graph.Options) *httptest.Server {
	opts.APIKey, opts.Ingester = "secret", fakeIngester{}
	srv := httptest.NewServer(graph.NewHandler(newStore(t, storetest.Fixture()), opts))
	t.Cleanup(srv.Close)
	return srv
}

func TestSubscriptionOverSSE(t *testing.T) {
	srv := newSubscriptionServer(t, graph.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	body := fmt.Sprintf(`{"query":"subscription { dealAdded(company: \"SEGA\") { %s } }"}`, eventFields)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type %q, want text/event-stream", ct)
	}
	events := make(chan dealEvent, 10)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var msg struct {
				Data struct{ DealAdded dealEvent }
			}
			if json.Unmarshal([]byte(data), &msg) == nil {
				events <- msg.Data.DealAdded
			}
		}
	}()
	// A deal of other companies is not announced to a SEGA subscription.
	ingest(t, srv.URL, "other", "Valve+Epic")
	ev := untilEvent(t, srv.URL, "SEGA", events)
	if ev.Kind != "ADDED" || ev.Deal.Parties[0].Company.ID != storetest.SEGA || ev.Article == nil || !strings.HasPrefix(ev.Article.Title, "Note ") {
		t.Errorf("event %+v", ev)
	}
}

func TestSubscriptionOverGraphQLWS(t *testing.T) {
	srv := newSubscriptionServer(t, graph.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	ws := "ws" + strings.TrimPrefix(srv.URL, "http") + "/graphql"
	conn, _, err := websocket.Dial(ctx, ws, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatalf("dial %s: %v", ws, err)
	}
	defer conn.CloseNow()
	send := func(v any) {
		if err := wsjson.Write(ctx, conn, v); err != nil {
			t.Fatal(err)
		}
	}
	type message struct {
		ID      string          `json:"id"`
		Type    string          `json:"type"`
		Payload json.RawMessage `json:"payload"`
	}
	send(map[string]any{"type": "connection_init"})
	var ack message
	if err := wsjson.Read(ctx, conn, &ack); err != nil || ack.Type != "connection_ack" {
		t.Fatalf("connection_init: %+v %v", ack, err)
	}
	send(map[string]any{"id": "added", "type": "subscribe", "payload": map[string]any{
		"query": "subscription { dealAdded(platform: \"microsoft azure\") { " + eventFields + " } }"}})
	send(map[string]any{"id": "updated", "type": "subscribe", "payload": map[string]any{
		"query": "subscription { dealUpdated { " + eventFields + " } }"}})
	send(map[string]any{"id": "bad", "type": "subscribe", "payload": map[string]any{
		"query": "subscription { dealAdded(company: \"No Such Co\") { kind } }"}})
	// The fake ingester puts its deals on no platform: none is "added" on
	// Azure. Ingesting an existing deal's article again updates it.
	events := make(chan dealEvent, 10)
	errs := make(chan string, 10)
	go func() {
		for {
			var m message
			if err := wsjson.Read(ctx, conn, &m); err != nil {
				return
			}
			switch m.Type {
			case "next":
				var p struct {
					Data   map[string]dealEvent
					Errors []gqlError
				}
				_ = json.Unmarshal(m.Payload, &p)
				if len(p.Errors) > 0 {
					errs <- m.ID + ": " + fmt.Sprint(p.Errors[0].Extensions["code"])
				}
				for field, ev := range p.Data {
					if field == "dealAdded" {
						t.Errorf("dealAdded on Azure announced a deal on no platform: %+v", ev)
					}
					events <- ev
				}
			case "error":
				errs <- m.ID + ": " + string(m.Payload)
			}
		}
	}()
	ingest(t, srv.URL, "first", "SEGA+Valve")
	var ev dealEvent
	for i := 0; ; i++ {
		ingest(t, srv.URL, "again", "SEGA+Valve")
		select {
		case ev = <-events:
		case <-time.After(100 * time.Millisecond):
			if i < 50 {
				continue
			}
			t.Fatal("no dealUpdated event in 5 s")
		}
		break
	}
	if ev.Kind != "UPDATED" || ev.Deal.SourceCount < 2 {
		t.Errorf("update event %+v, want UPDATED with 2 sources", ev)
	}
	select {
	case e := <-errs:
		if !strings.HasPrefix(e, "bad: ") || !strings.Contains(e, "NOT_FOUND") {
			t.Errorf("error %s, want NOT_FOUND for the unknown company", e)
		}
	case <-time.After(5 * time.Second):
		t.Error("a subscription to an unknown company got no error")
	}
}

func TestWebSocketOrigins(t *testing.T) {
	srv := newSubscriptionServer(t, graph.Options{StreamOrigins: []string{"https://allowed.example"}})
	ws := "ws" + strings.TrimPrefix(srv.URL, "http") + "/graphql"
	for origin, ok := range map[string]bool{"https://allowed.example": true, "https://evil.example": false} {
		h := http.Header{"Origin": {origin}}
		conn, res, err := websocket.Dial(t.Context(), ws, &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: h})
		if conn != nil {
			conn.CloseNow()
		}
		if (err == nil) != ok {
			status := 0
			if res != nil {
				status = res.StatusCode
			}
			t.Errorf("origin %s: err %v (status %d), want allowed=%v", origin, err, status, ok)
		}
	}
}

func TestSubscriptionsAreBounded(t *testing.T) {
	srv := newSubscriptionServer(t, graph.Options{MaxSubscriptions: 1})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	open := func() *http.Response {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/graphql",
			strings.NewReader(`{"query":"subscription { dealAdded { kind } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := open()
	defer first.Body.Close()
	second := open()
	defer second.Body.Close()
	if second.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("second stream: status %d, want 503", second.StatusCode)
	}
}
