package graph

import (
	"container/list"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// Generational is implemented by a store whose every change, by any writer,
// goes through the store value itself: Generation then changes with every
// write and curation, and the same generation always means the same data.
// memstore implements it (it is the only writer of its file); a store that
// other processes can write, such as Neo4j, must not. NewHandler caches
// whole query responses only for stores that implement it.
type Generational interface {
	// Generation returns a number that grows whenever the data changes and
	// never decreases.
	Generation() uint64
}

// responseCache holds the data of recent query responses for one store
// generation. A response is stored under its key only if it had no errors,
// no extensions and no deferred parts; the first lookup that sees a newer
// generation empties the cache, and an entry filled while a write was in
// progress carries the generation read before the query ran, so it is never
// served once that write has been applied. Its size is bounded by maxBytes,
// least recently used entries first out.
type responseCache struct {
	store    Generational
	maxBytes int

	mu    sync.Mutex
	gen   uint64
	bytes int
	lru   *list.List // of *cacheEntry, most recently used first
	byKey map[string]*list.Element
	// docs memoises the normalised text of query documents by their raw
	// text; bounded by maxDocs entries and maxBytes/4 bytes.
	docs      map[string]string
	docsBytes int
	// raw maps the exact requests (see rawKey) answered from or into the
	// cache to their entry's key and the Content-Type of the answer, so
	// that the same request again is answered before gqlgen parses it.
	// Its size is bounded by maxBytes/4.
	raw      map[string]rawEntry
	rawBytes int
}

// rawEntry is what an exact request was answered with: the entry under key,
// with this Content-Type.
type rawEntry struct {
	key, contentType string
}

// rawSlot carries, through the context of one request, the cache entry its
// answer came from or went into, if any.
type rawSlot struct {
	key string
	gen uint64
}

type rawSlotKey struct{}

// cacheEntry is one cached response.
type cacheEntry struct {
	key  string
	data json.RawMessage
}

// Bounds of the response cache besides its byte budget.
const (
	// maxDocs bounds the memoised normalised documents.
	maxDocs = 1000
	// entryOverhead approximates the bookkeeping bytes of one entry.
	entryOverhead = 160
)

func newResponseCache(store Generational, maxBytes int) *responseCache {
	return &responseCache{
		store:    store,
		maxBytes: maxBytes,
		lru:      list.New(),
		byKey:    map[string]*list.Element{},
		docs:     map[string]string{},
		raw:      map[string]rawEntry{},
	}
}

// rawKey identifies a POST request by everything gqlgen's answer to it
// can depend on: the caller's authorisation, the Content-Type and Accept
// headers and the body.
func rawKey(a auth, contentType, accept string, body []byte) string {
	var b strings.Builder
	b.Grow(len(contentType) + len(accept) + len(body) + 8)
	b.WriteString(strconv.Itoa(int(a)))
	b.WriteByte(0)
	b.WriteString(contentType)
	b.WriteByte(0)
	b.WriteString(accept)
	b.WriteByte(0)
	b.Write(body)
	return b.String()
}

// serveRaw answers the request with raw key rk from the cache if it was
// answered from or into the current generation's cache before, writing
// exactly what gqlgen wrote then, and reports whether it did.
func (c *responseCache) serveRaw(w http.ResponseWriter, rk string) bool {
	gen := c.store.Generation()
	c.mu.Lock()
	c.advance(gen)
	re, ok := c.raw[rk]
	var el *list.Element
	if ok && gen == c.gen {
		el, ok = c.byKey[re.key]
	}
	if !ok || gen != c.gen {
		c.mu.Unlock()
		return false
	}
	c.lru.MoveToFront(el)
	data := el.Value.(*cacheEntry).data
	c.mu.Unlock()
	w.Header().Set("Content-Type", re.contentType)
	w.WriteHeader(http.StatusOK)
	buf := make([]byte, 0, len(data)+len(`{"data":}`))
	buf = append(append(append(buf, `{"data":`...), data...), '}')
	_, _ = w.Write(buf)
	return true
}

// putRaw records that the request with raw key rk was answered with the
// entry of slot, with the given Content-Type.
func (c *responseCache) putRaw(rk string, slot *rawSlot, contentType string) {
	size := len(rk) + len(slot.key) + len(contentType) + entryOverhead
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(slot.gen)
	if slot.gen != c.gen || size > c.maxBytes/4 {
		return
	}
	if _, ok := c.byKey[slot.key]; !ok {
		return // evicted meanwhile
	}
	if _, ok := c.raw[rk]; ok {
		return
	}
	if c.rawBytes+size > c.maxBytes/4 {
		clear(c.raw)
		c.rawBytes = 0
	}
	c.raw[rk] = rawEntry{key: slot.key, contentType: contentType}
	c.rawBytes += size
}

// aroundOperations answers query operations from the cache when it can and
// fills the cache with the answers it could not. Mutations and
// subscriptions always run.
func (c *responseCache) aroundOperations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return next(ctx)
	}
	key, ok := c.key(ctx, oc)
	if !ok {
		return next(ctx)
	}
	gen := c.store.Generation()
	slot, _ := ctx.Value(rawSlotKey{}).(*rawSlot)
	if data, ok := c.get(key, gen); ok {
		if slot != nil {
			slot.key, slot.gen = key, gen
		}
		return graphql.OneShot(&graphql.Response{Data: data})
	}
	h := next(ctx)
	first := true
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		if first {
			first = false
			if resp != nil && len(resp.Errors) == 0 && len(resp.Extensions) == 0 && resp.HasNext == nil &&
				len(resp.Data) > 0 && ctx.Err() == nil && c.put(key, gen, resp.Data) && slot != nil {
				slot.key, slot.gen = key, gen
			}
		}
		return resp
	}
}

// key returns what identifies the answer to the operation: the normalised
// document, the operation name, the coerced variables and the request's
// authorisation. ok is false when the operation is not to be cached.
func (c *responseCache) key(ctx context.Context, oc *graphql.OperationContext) (string, bool) {
	vars, err := json.Marshal(oc.Variables) // maps encode with sorted keys
	if err != nil {
		return "", false
	}
	a, _ := ctx.Value(authKey{}).(auth)
	doc := c.normalised(oc)
	var b strings.Builder
	b.Grow(len(doc) + len(oc.OperationName) + len(vars) + 8)
	b.WriteString(strconv.Itoa(int(a)))
	b.WriteByte(0)
	b.WriteString(oc.OperationName)
	b.WriteByte(0)
	b.Write(vars)
	b.WriteByte(0)
	b.WriteString(doc)
	return b.String(), true
}

// normalised returns the document of oc as gqlparser formats it, so that
// documents differing only in whitespace, commas or comments share entries.
func (c *responseCache) normalised(oc *graphql.OperationContext) string {
	c.mu.Lock()
	doc, ok := c.docs[oc.RawQuery]
	c.mu.Unlock()
	if ok {
		return doc
	}
	var b strings.Builder
	formatter.NewFormatter(&b, formatter.WithIndent(" ")).FormatQueryDocument(oc.Doc)
	doc = b.String()
	size := len(oc.RawQuery) + len(doc)
	if size > c.maxBytes/4 {
		return doc
	}
	c.mu.Lock()
	if len(c.docs) >= maxDocs || c.docsBytes+size > c.maxBytes/4 {
		clear(c.docs)
		c.docsBytes = 0
	}
	c.docs[oc.RawQuery] = doc
	c.docsBytes += size
	c.mu.Unlock()
	return doc
}

// get returns the data cached under key for generation gen.
func (c *responseCache) get(key string, gen uint64) (json.RawMessage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(gen)
	if gen != c.gen {
		return nil, false
	}
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry).data, true
}

// put stores data under key if gen is still the current generation and
// reports whether it did.
func (c *responseCache) put(key string, gen uint64, data json.RawMessage) bool {
	size := len(key) + len(data) + entryOverhead
	if size > c.maxBytes {
		return false
	}
	data = append(json.RawMessage(nil), data...)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(gen)
	if gen != c.gen {
		return false
	}
	if el, ok := c.byKey[key]; ok {
		c.remove(el)
	}
	for c.bytes+size > c.maxBytes {
		c.remove(c.lru.Back())
	}
	c.byKey[key] = c.lru.PushFront(&cacheEntry{key: key, data: data})
	c.bytes += size
	return true
}

// advance empties the cache when gen is newer than the cached generation.
// Generations only grow, so an older gen (a query that started before a
// write) leaves the cache alone. The caller holds mu.
func (c *responseCache) advance(gen uint64) {
	if gen > c.gen {
		c.gen = gen
		c.lru.Init()
		clear(c.byKey)
		c.bytes = 0
		clear(c.raw)
		c.rawBytes = 0
	}
}

// remove drops one entry. The caller holds mu.
func (c *responseCache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*cacheEntry)
	delete(c.byKey, e.key)
	c.bytes -= len(e.key) + len(e.data) + entryOverhead
}
