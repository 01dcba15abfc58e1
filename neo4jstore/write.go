package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// Write implements [pg.Writer]: the whole batch is one transaction, in
// which a [storekit.Overlay] reads the records the batch touches through the
// base, merges them, and flush writes the result.
//
// Several writers (loader processes given shards of the input) may write
// at once: they take turns on the lock node, and a transient failure (a
// deadlock, a lock wait the server gave up on) that outlasts the driver's
// own retries is retried here with backoff for up to [WriteRetryTime]. A
// failed transaction left nothing behind, and writing a batch again gives
// the same graph, so a retry neither loses nor duplicates a fact.
func (s *Store) Write(ctx context.Context, b pg.Batch) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("neo4jstore: write: %w", err)
	}
	if err := storekit.Validate(b); err != nil {
		return fmt.Errorf("neo4jstore: write: %w", err)
	}
	if b.Empty() {
		return nil
	}
	start := time.Now()
	for attempt := 0; ; attempt++ {
		err := s.writeBatch(ctx, b)
		if err == nil || !errors.Is(err, errTransient) || time.Since(start) >= WriteRetryTime {
			return err
		}
		// Exponential backoff from 50 ms to 2 s, with jitter so that
		// writers that collided do not collide again.
		pause := min(50*time.Millisecond<<min(attempt, 6), 2*time.Second)
		pause = pause/2 + rand.N(pause/2+1)
		s.logger.Info("neo4jstore: transient write failure; retrying the batch", "attempt", attempt+1, "pause", pause, "err", err)
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return fmt.Errorf("neo4jstore: write: interrupted while retrying (%v): %w", err, ctx.Err())
		}
	}
}

// WriteRetryTime bounds how long [Store.Write] retries a batch that failed
// with a transient error after the driver's own retries (Config.RetryTime).
const WriteRetryTime = 2 * time.Minute

// errTransient marks an error the server calls transient: the same
// transaction may succeed if run again.
var errTransient = errors.New("transient server error")

// isTransient reports whether err is, or the driver gave up retrying, a
// server error classified as transient.
func isTransient(err error) bool {
	if limit, ok := errors.AsType[*neo4j.TransactionExecutionLimit](err); ok {
		return slices.ContainsFunc(limit.Errors, isTransient)
	}
	n4j, ok := errors.AsType[*neo4j.Neo4jError](err)
	return ok && n4j.IsRetriable()
}

// writeBatch writes b in one transaction.
func (s *Store) writeBatch(ctx context.Context, b pg.Batch) error {
	return s.write(ctx, "write", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		bs := newBase(ctx, tx)
		o := storekit.NewOverlay(bs)
		err := o.Write(b, bs.lock())
		if bs.err != nil { // a failed read makes every later answer unreliable
			return bs.err
		}
		if err != nil {
			return err
		}
		return flush(bs, o.Changes())
	})
}

// The statements that write a delta. Their shapes are fixed; only the rows
// differ.
const (
	deleteMentionsQuery  = "UNWIND $rows AS row MATCH (:Article {id: row.articleId})-[r:MENTIONS]->(e {id: row.entityId}) DELETE r"
	deleteEvidenceQuery  = "UNWIND $rows AS row MATCH (:Article {id: row.articleId})-[r:REPORTS]->(:Deal {id: row.dealId}) DELETE r"
	deleteDealsQuery     = "UNWIND $ids AS id MATCH (n:Deal {id: id}) DETACH DELETE n"
	deleteArticlesQuery  = "UNWIND $ids AS id MATCH (n:Article {id: id}) DETACH DELETE n"
	deletePlatformsQuery = "UNWIND $ids AS id MATCH (n:Platform {id: id}) DETACH DELETE n"
	deleteCompaniesQuery = "UNWIND $ids AS id MATCH (n:Company {id: id}) DETACH DELETE n"

	putCompaniesQuery = "UNWIND $rows AS row MERGE (c:Company {id: row.id}) " +
		"SET c.name = row.name, c.aliases = row.aliases, c.nameKey = row.nameKey, c.aliasKeys = row.aliasKeys, c.names = row.names, " +
		"c.linkNames = row.linkNames, c.linkReasons = row.linkReasons, c.linkArticles = row.linkArticles, c.keys = row.keys, " +
		"c.parentId = row.parentId, c.parentArticleId = row.parentArticleId, c.parentDealId = row.parentDealId, c.parentDate = row.parentDate, " +
		"c.statedParentId = row.statedId, c.statedArticleId = row.statedArticleId, c.statedDealId = row.statedDealId, c.statedDate = row.statedDate"
	// A company's match keys (storekit.MatchKeys) are (:CompanyKey) nodes,
	// so that resolution finds companies by key with an index seek.
	dropKeysQuery = "UNWIND $rows AS row MATCH (k:CompanyKey)-[r:KEY_OF]->(:Company {id: row.id}) WHERE NOT k.key IN row.keys DELETE r"
	putKeysQuery  = "UNWIND $rows AS row MATCH (c:Company {id: row.id}) UNWIND row.keys AS key " +
		"MERGE (k:CompanyKey {key: key}) MERGE (k)-[:KEY_OF]->(c)"
	pruneKeysQuery = "UNWIND $keys AS key MATCH (k:CompanyKey {key: key}) WHERE NOT (k)-[:KEY_OF]->() DELETE k"
	dropOwnsQuery  = "UNWIND $rows AS row MATCH (p:Company)-[r:OWNS]->(:Company {id: row.id}) " +
		"WHERE row.parentId IS NULL OR p.id <> row.parentId DELETE r"
	putOwnsQuery = "UNWIND $rows AS row WITH row WHERE row.parentId IS NOT NULL " +
		"MATCH (c:Company {id: row.id}), (p:Company {id: row.parentId}) MERGE (p)-[o:OWNS]->(c) " +
		"SET o.articleId = row.parentArticleId, o.dealId = row.parentDealId, o.date = row.parentDate"
	putPlatformsQuery = "UNWIND $rows AS row MERGE (p:Platform {id: row.id}) " +
		"SET p.name = row.name, p.kind = row.kind, p.aliases = row.aliases, p.nameKey = row.nameKey, p.aliasKeys = row.aliasKeys, p.names = row.names"
	dropOwnersQuery = "UNWIND $rows AS row MATCH (:Platform {id: row.id})-[r:OWNED_BY]->(o:Company) " +
		"WHERE row.ownerId IS NULL OR o.id <> row.ownerId DELETE r"
	putOwnersQuery = "UNWIND $rows AS row WITH row WHERE row.ownerId IS NOT NULL " +
		"MATCH (p:Platform {id: row.id}), (c:Company {id: row.ownerId}) MERGE (p)-[:OWNED_BY]->(c)"
	putArticlesQuery = "UNWIND $rows AS row MERGE (a:Article {id: row.id}) " +
		"SET a.url = row.url, a.title = row.title, a.publisher = row.publisher, a.published = row.published"
	putDealsQuery = "UNWIND $rows AS row MERGE (d:Deal {id: row.id}) " +
		"SET d.type = row.type, d.status = row.status, d.year = row.year, d.yearDesc = -row.year, d.value = row.value, d.currency = row.currency, " +
		"d.summary = row.summary, d.summaryKey = row.summaryKey, d.confidence = row.confidence"
	dropPartiesQuery = "UNWIND $rows AS row MATCH (c:Company)-[r:PARTY_TO]->(:Deal {id: row.id}) " +
		"WHERE NOT {companyId: c.id, role: r.role} IN [p IN row.parties | {companyId: p.companyId, role: p.role}] DELETE r"
	putPartiesQuery = "UNWIND $rows AS row MATCH (d:Deal {id: row.id}) UNWIND row.parties AS party " +
		"MATCH (c:Company {id: party.companyId}) MERGE (c)-[r:PARTY_TO {role: party.role}]->(d) SET r.position = party.position"
	dropDealPlatformsQuery = "UNWIND $rows AS row MATCH (:Deal {id: row.id})-[r:ON_PLATFORM]->(p:Platform) " +
		"WHERE NOT p.id IN row.platformIds DELETE r"
	putDealPlatformsQuery = "UNWIND $rows AS row MATCH (d:Deal {id: row.id}) UNWIND row.platformIds AS pid " +
		"MATCH (p:Platform {id: pid}) MERGE (d)-[:ON_PLATFORM]->(p)"
	putEvidenceQuery = "UNWIND $rows AS row MATCH (a:Article {id: row.articleId}), (d:Deal {id: row.dealId}) " +
		"MERGE (a)-[r:REPORTS]->(d) SET r.sentence = row.sentence, r.start = row.start, r.end = row.end, " +
		"r.year = row.year, r.status = row.status, r.platformIds = row.platformIds, r.confidence = row.confidence, " +
		"r.published = row.published, r.type = row.type, r.partyIds = row.partyIds, r.partyRoles = row.partyRoles, " +
		"r.value = row.value, r.currency = row.currency, r.rules = row.rules"
	putCompanyMentionsQuery = "UNWIND $rows AS row MATCH (a:Article {id: row.articleId}), (e:Company {id: row.entityId}) " +
		"MERGE (a)-[:MENTIONS]->(e)"
	putPlatformMentionsQuery = "UNWIND $rows AS row MATCH (a:Article {id: row.articleId}), (e:Platform {id: row.entityId}) " +
		"MERGE (a)-[:MENTIONS]->(e)"
)

// flush writes d: deletions first (a record is either put or deleted, never
// both), then nodes, then relationships. Records equal to the stored ones
// are not written again, so reloading the same articles writes little.
func flush(b *base, d storekit.Changes) error {
	var delCompanies, delPlatforms, delDeals, delArticles []any
	// oldPlatforms and oldDeals are the changed records that are stored
	// already: only they can have relationships to drop.
	var oldPlatforms, oldDeals, oldCompanies, oldKeys []any
	var companies, platforms, deals, articles, delEvidence, evidence, delMentions, companyMentions, platformMentions []any
	for _, id := range slices.Sorted(maps.Keys(d.Companies)) {
		old := b.companies[id]
		if c := d.Companies[id]; c == nil {
			delCompanies = append(delCompanies, id)
		} else if old == nil || !sameCompany(*old, *c) {
			companies = append(companies, companyRow(*c))
			if old != nil {
				oldCompanies = append(oldCompanies, companies[len(companies)-1])
			}
		} else {
			continue
		}
		if old != nil {
			for _, k := range storekit.MatchKeys(*old) {
				oldKeys = append(oldKeys, k)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.Platforms)) {
		if p := d.Platforms[id]; p == nil {
			delPlatforms = append(delPlatforms, id)
		} else if old := b.platforms[id]; old == nil || !samePlatform(*old, *p) {
			platforms = append(platforms, platformRow(*p))
			if old != nil {
				oldPlatforms = append(oldPlatforms, platforms[len(platforms)-1])
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.Deals)) {
		if x := d.Deals[id]; x == nil {
			delDeals = append(delDeals, id)
		} else if old := b.deals[id]; old == nil || !sameDeal(*old, *x) {
			deals = append(deals, dealRow(*x))
			if old != nil {
				oldDeals = append(oldDeals, deals[len(deals)-1])
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.Articles)) {
		if a := d.Articles[id]; a == nil {
			delArticles = append(delArticles, id)
		} else if old := b.articles[id]; old == nil || *old != *a {
			articles = append(articles, articleRow(*a))
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(d.Evidence), func(a, b storekit.EvidenceKey) int {
		return cmpStrings(a.DealID+"\x00"+a.ArticleID, b.DealID+"\x00"+b.ArticleID)
	}) {
		if e := d.Evidence[k]; e == nil {
			delEvidence = append(delEvidence, map[string]any{"dealId": k.DealID, "articleId": k.ArticleID})
		} else if !slices.ContainsFunc(b.evidence[k.DealID], func(old pg.Evidence) bool { return sameEvidence(old, *e) }) {
			evidence = append(evidence, evidenceRow(*e))
		}
	}
	for _, m := range slices.SortedFunc(maps.Keys(d.Mentions), func(a, b pg.Mention) int {
		return cmpStrings(a.ArticleID+"\x00"+a.EntityID, b.ArticleID+"\x00"+b.EntityID)
	}) {
		switch {
		case !d.Mentions[m]:
			delMentions = append(delMentions, mentionRow(m))
		case m.Kind == pg.MentionPlatform:
			platformMentions = append(platformMentions, mentionRow(m))
		default:
			companyMentions = append(companyMentions, mentionRow(m))
		}
	}
	steps := []struct {
		query string
		key   string
		rows  []any
	}{
		{deleteMentionsQuery, "rows", delMentions},
		{deleteEvidenceQuery, "rows", delEvidence},
		{deleteDealsQuery, "ids", delDeals},
		{deleteArticlesQuery, "ids", delArticles},
		{deletePlatformsQuery, "ids", delPlatforms},
		{deleteCompaniesQuery, "ids", delCompanies},
		{putCompaniesQuery, "rows", companies},
		{dropKeysQuery, "rows", oldCompanies},
		{putKeysQuery, "rows", companies},
		{pruneKeysQuery, "keys", oldKeys},
		{dropOwnsQuery, "rows", oldCompanies},
		{putOwnsQuery, "rows", companies},
		{putPlatformsQuery, "rows", platforms},
		{dropOwnersQuery, "rows", oldPlatforms},
		{putOwnersQuery, "rows", platforms},
		{putArticlesQuery, "rows", articles},
		{putDealsQuery, "rows", deals},
		{dropPartiesQuery, "rows", oldDeals},
		{putPartiesQuery, "rows", deals},
		{dropDealPlatformsQuery, "rows", oldDeals},
		{putDealPlatformsQuery, "rows", deals},
		{putEvidenceQuery, "rows", evidence},
		{putCompanyMentionsQuery, "rows", companyMentions},
		{putPlatformMentionsQuery, "rows", platformMentions},
	}
	for _, st := range steps {
		if len(st.rows) > 0 {
			b.run(st.query, map[string]any{st.key: st.rows})
		}
	}
	return b.err
}

// Equality of a record about to be written with the stored one.

func sameCompany(a, b pg.Company) bool { return storekit.SameCompany(a, b) }

func samePlatform(a, b pg.Platform) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind && a.OwnerID == b.OwnerID && slices.Equal(a.Aliases, b.Aliases)
}

func sameDeal(a, b pg.Deal) bool {
	sameValue := a.Value == nil && b.Value == nil || a.Value != nil && b.Value != nil && *a.Value == *b.Value
	return a.ID == b.ID && a.Type == b.Type && a.Status == b.Status && a.Year == b.Year &&
		slices.Equal(a.Parties, b.Parties) && slices.Equal(a.PlatformIDs, b.PlatformIDs) && sameValue &&
		a.Currency == b.Currency && a.Summary == b.Summary && a.Confidence == b.Confidence
}

func sameEvidence(a, b pg.Evidence) bool {
	sameValue := a.Value == nil && b.Value == nil || a.Value != nil && b.Value != nil && *a.Value == *b.Value
	return a.DealID == b.DealID && a.ArticleID == b.ArticleID && a.Sentence == b.Sentence && a.Start == b.Start &&
		a.End == b.End && a.Year == b.Year && a.Status == b.Status && slices.Equal(a.PlatformIDs, b.PlatformIDs) &&
		a.Confidence == b.Confidence && a.Published == b.Published && a.Type == b.Type &&
		slices.Equal(a.Parties, b.Parties) && sameValue && a.Currency == b.Currency && slices.Equal(a.Rules, b.Rules)
}

func cmpStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
