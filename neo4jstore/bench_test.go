package neo4jstore_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
	"github.com/partnergraph/partnergraph/neo4jstore"
	"github.com/partnergraph/partnergraph/neo4jstore/neo4jtest"
)

// BenchmarkNeo4jLoad loads Reuters-21578 (all 21,578 stories, extracted by
// the loader beforehand, 100 articles per batch) into a real Neo4j twice:
// with the store's batched writer (one transaction per batch) and the naive
// way (one transaction per node or relationship). It reports node and
// relationship upserts per second for both and their ratio. A tenth of the
// batches is written once beforehand to warm the server up. The naive load
// runs for at most PARTNERGRAPH_BENCH_NAIVE_SECONDS (default 60) and its
// rate is taken over what it wrote.
//
// It runs only with PARTNERGRAPH_BENCH_NEO4J=1 (`make bench-neo4j` sets it),
// so that `go test -bench .` elsewhere does not spend minutes on it.
func BenchmarkNeo4jLoad(b *testing.B) {
	if os.Getenv("PARTNERGRAPH_BENCH_NEO4J") == "" {
		b.Skip("set PARTNERGRAPH_BENCH_NEO4J=1 (make bench-neo4j) to load Reuters-21578 into Neo4j")
	}
	uri := neo4jtest.URI(b)
	batches := reutersBatches(b)
	total := 0
	for _, bt := range batches {
		total += len(facts(bt))
	}
	naiveBudget := 60 * time.Second
	if v, err := strconv.Atoi(os.Getenv("PARTNERGRAPH_BENCH_NAIVE_SECONDS")); err == nil && v > 0 {
		naiveBudget = time.Duration(v) * time.Second
	}
	ctx := context.Background()
	// Warm the server's JIT and query caches with a tenth of the load, then
	// start from an empty database.
	warm, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, bt := range batches[:len(batches)/10] {
		if err := warm.Write(ctx, bt); err != nil {
			b.Fatalf("warm-up write: %v", err)
		}
	}
	_ = warm.Close()
	b.ResetTimer()
	var batchedRate, naiveRate float64
	for range b.N {
		b.StopTimer()
		neo4jtest.Wipe(b, uri)
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for _, bt := range batches {
			if err := s.Write(ctx, bt); err != nil {
				b.Fatalf("batched write: %v", err)
			}
		}
		batched := time.Since(start)
		b.StopTimer()
		counts, err := s.Counts(ctx)
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
		batchedRate = float64(total) / batched.Seconds()
		b.Logf("batched: %d articles in %d batches, %d upserts (store holds %d nodes, %d relationships) in %s: %.0f upserts/s",
			len(articlesOf(batches)), len(batches), total, counts.Nodes(), counts.Relationships(), batched.Round(time.Millisecond), batchedRate)

		neo4jtest.Wipe(b, uri)
		b.StartTimer()
		n, naive := naiveLoad(b, uri, batches, naiveBudget)
		b.StopTimer()
		naiveRate = float64(n) / naive.Seconds()
		b.Logf("one transaction per fact: %d upserts in %s: %.0f upserts/s", n, naive.Round(time.Millisecond), naiveRate)
		b.Logf("batched / per fact: %.1fx", batchedRate/naiveRate)
		b.StartTimer()
	}
	b.ReportMetric(batchedRate, "batched-upserts/s")
	b.ReportMetric(naiveRate, "per-fact-upserts/s")
	b.ReportMetric(batchedRate/naiveRate, "speedup")
	b.ReportMetric(float64(total), "upserts")
}

// reutersBatches converts Reuters-21578 with the shared converter and runs
// the loader's stages on it, 100 articles per batch.
func reutersBatches(b *testing.B) []pg.Batch {
	b.Helper()
	path := os.Getenv("PARTNERGRAPH_REUTERS_JSONL")
	if path == "" {
		shared := filepath.Join("..", "..", "shared", "datasets")
		if _, err := os.Stat(filepath.Join(shared, "reuters21578")); err != nil {
			b.Fatalf("Reuters-21578 not found beside the repository (%v); set PARTNERGRAPH_REUTERS_JSONL", err)
		}
		path = filepath.Join(b.TempDir(), "reuters.jsonl")
		out, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command("python3", filepath.Join(shared, "tools", "reuters_to_jsonl.py"), filepath.Join(shared, "reuters21578"), "--split", "all")
		var stderr strings.Builder
		cmd.Stdout, cmd.Stderr = out, &stderr
		if err := cmd.Run(); err != nil {
			b.Fatalf("convert Reuters-21578: %v\n%s", err, stderr.String())
		}
		_ = out.Close()
	}
	g, err := loader.DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	x := loader.NewExtractor(g)
	start := time.Now()
	var batches []pg.Batch
	var xs []loader.Extraction
	for raw, err := range loader.Read(context.Background(), []string{path}, nil) {
		if err != nil {
			continue
		}
		doc, err := loader.Clean(raw)
		if err != nil {
			continue
		}
		xs = append(xs, x.Extract(doc))
		if len(xs) == loader.DefaultBatchSize {
			batches = append(batches, loader.Resolve(xs))
			xs = nil
		}
	}
	if len(xs) > 0 {
		batches = append(batches, loader.Resolve(xs))
	}
	b.Logf("extracted %d articles into %d batches in %s", len(articlesOf(batches)), len(batches), time.Since(start).Round(time.Millisecond))
	return batches
}

func articlesOf(bs []pg.Batch) []pg.Article {
	var out []pg.Article
	for _, b := range bs {
		out = append(out, b.Articles...)
	}
	return out
}

// fact is one node or relationship upsert as a single Cypher statement.
type fact struct {
	query  string
	params map[string]any
}

// facts lists the upserts of a batch, nodes before the relationships that
// need them.
func facts(b pg.Batch) []fact {
	var out []fact
	add := func(q string, p map[string]any) { out = append(out, fact{q, p}) }
	for _, a := range b.Articles {
		add("MERGE (a:Article {id: $id}) SET a.url = $url, a.title = $title, a.publisher = $publisher, a.published = $published",
			map[string]any{"id": a.ID, "url": a.URL, "title": a.Title, "publisher": a.Publisher, "published": a.Published})
	}
	for _, c := range b.Companies {
		add("MERGE (c:Company {id: $id}) SET c.name = $name, c.aliases = $aliases",
			map[string]any{"id": c.ID, "name": c.Name, "aliases": c.Aliases})
	}
	for _, p := range b.Platforms {
		add("MERGE (p:Platform {id: $id}) SET p.name = $name, p.kind = $kind, p.aliases = $aliases",
			map[string]any{"id": p.ID, "name": p.Name, "kind": string(p.Kind), "aliases": p.Aliases})
	}
	for _, d := range b.Deals {
		add("MERGE (d:Deal {id: $id}) SET d.type = $type, d.status = $status, d.year = $year, d.summary = $summary, d.confidence = $confidence",
			map[string]any{"id": d.ID, "type": string(d.Type), "status": string(d.Status), "year": d.Year, "summary": d.Summary, "confidence": d.Confidence})
	}
	for _, p := range b.Platforms {
		if p.OwnerID != "" {
			add("MATCH (p:Platform {id: $platform}), (c:Company {id: $company}) MERGE (p)-[:OWNED_BY]->(c)",
				map[string]any{"platform": p.ID, "company": p.OwnerID})
		}
	}
	for _, d := range b.Deals {
		for i, p := range d.Parties {
			add("MATCH (c:Company {id: $company}), (d:Deal {id: $deal}) MERGE (c)-[r:PARTY_TO {role: $role}]->(d) SET r.position = $position",
				map[string]any{"company": p.CompanyID, "deal": d.ID, "role": string(p.Role), "position": i})
		}
		for _, pid := range d.PlatformIDs {
			add("MATCH (d:Deal {id: $deal}), (p:Platform {id: $platform}) MERGE (d)-[:ON_PLATFORM]->(p)",
				map[string]any{"deal": d.ID, "platform": pid})
		}
	}
	for _, e := range b.Evidence {
		add("MATCH (a:Article {id: $article}), (d:Deal {id: $deal}) MERGE (a)-[r:REPORTS]->(d) "+
			"SET r.sentence = $sentence, r.start = $start, r.end = $end, r.confidence = $confidence",
			map[string]any{"article": e.ArticleID, "deal": e.DealID, "sentence": e.Sentence, "start": e.Start, "end": e.End, "confidence": e.Confidence})
	}
	for _, m := range b.Mentions {
		label := "Company"
		if m.Kind == pg.MentionPlatform {
			label = "Platform"
		}
		add(fmt.Sprintf("MATCH (a:Article {id: $article}), (e:%s {id: $entity}) MERGE (a)-[:MENTIONS]->(e)", label),
			map[string]any{"article": m.ArticleID, "entity": m.EntityID})
	}
	return out
}

// naiveLoad writes the facts of batches one transaction each until budget
// is spent, and returns how many it wrote and how long that took.
func naiveLoad(b *testing.B, uri string, batches []pg.Batch, budget time.Duration) (int, time.Duration) {
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close(ctx)
	session := d.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	n, start := 0, time.Now()
	for _, bt := range batches {
		for _, f := range facts(bt) {
			if _, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				res, err := tx.Run(ctx, f.query, f.params)
				if err != nil {
					return nil, err
				}
				return res.Consume(ctx)
			}); err != nil {
				b.Fatalf("per-fact write: %v", err)
			}
			n++
		}
		if time.Since(start) > budget {
			break
		}
	}
	return n, time.Since(start)
}
