package neo4jstore

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// evKey identifies one piece of evidence.
type evKey struct{ deal, article string }

// delta is what one write or curation changes: a nil value deletes.
type delta struct {
	companies map[string]*pg.Company
	platforms map[string]*pg.Platform
	deals     map[string]*pg.Deal
	articles  map[string]*pg.Article
	evidence  map[evKey]*pg.Evidence
	mentions  map[pg.Mention]bool // true puts, false deletes
}

// overlay reads the stored graph as it will be once its delta is written.
// Its merge rules are those of memstore, so both stores give the same
// answers.
type overlay struct {
	b *base
	d delta
	// touched are the deals whose attributes must be re-aggregated.
	touched map[string]bool
}

func newOverlay(b *base) *overlay {
	return &overlay{b: b, touched: map[string]bool{}, d: delta{
		companies: map[string]*pg.Company{},
		platforms: map[string]*pg.Platform{},
		deals:     map[string]*pg.Deal{},
		articles:  map[string]*pg.Article{},
		evidence:  map[evKey]*pg.Evidence{},
		mentions:  map[pg.Mention]bool{},
	}}
}

func (o *overlay) company(id string) (pg.Company, bool) {
	if c, ok := o.d.companies[id]; ok {
		if c == nil {
			return pg.Company{}, false
		}
		return *c, true
	}
	return o.b.company(id)
}

func (o *overlay) platform(id string) (pg.Platform, bool) {
	if p, ok := o.d.platforms[id]; ok {
		if p == nil {
			return pg.Platform{}, false
		}
		return *p, true
	}
	return o.b.platform(id)
}

func (o *overlay) deal(id string) (pg.Deal, bool) {
	if d, ok := o.d.deals[id]; ok {
		if d == nil {
			return pg.Deal{}, false
		}
		return *d, true
	}
	return o.b.deal(id)
}

func (o *overlay) article(id string) (pg.Article, bool) {
	if a, ok := o.d.articles[id]; ok {
		if a == nil {
			return pg.Article{}, false
		}
		return *a, true
	}
	return o.b.article(id)
}

// evidenceOf returns the evidence of deal id in no particular order.
func (o *overlay) evidenceOf(id string) []pg.Evidence {
	var out []pg.Evidence
	for _, e := range o.b.evidenceOf(id) {
		if _, changed := o.d.evidence[evKey{id, e.ArticleID}]; !changed {
			out = append(out, e)
		}
	}
	for k, e := range o.d.evidence {
		if k.deal == id && e != nil {
			out = append(out, *e)
		}
	}
	return out
}

func (o *overlay) putCompany(c pg.Company)   { o.d.companies[c.ID] = &c }
func (o *overlay) putPlatform(p pg.Platform) { o.d.platforms[p.ID] = &p }
func (o *overlay) putArticle(a pg.Article)   { o.d.articles[a.ID] = &a }

func (o *overlay) putDeal(d pg.Deal) {
	o.d.deals[d.ID] = &d
	o.touched[d.ID] = true
}

func (o *overlay) putEvidence(e pg.Evidence) {
	o.d.evidence[evKey{e.DealID, e.ArticleID}] = &e
	o.touched[e.DealID] = true
}

func (o *overlay) deleteEvidence(deal, article string) {
	o.d.evidence[evKey{deal, article}] = nil
	o.touched[deal] = true
}

// deleteDeal removes a deal and all its evidence.
func (o *overlay) deleteDeal(id string) {
	for _, e := range o.evidenceOf(id) {
		o.d.evidence[evKey{id, e.ArticleID}] = nil
	}
	o.d.deals[id] = nil
	delete(o.touched, id)
}

// upsertCompany merges c into the stored company of the same ID: the stored
// name stays and every other spelling becomes an alias.
func (o *overlay) upsertCompany(c pg.Company) {
	old, ok := o.company(c.ID)
	if !ok {
		c.Aliases = pg.MergeAliases(c.Name, nil, c.Aliases)
		o.putCompany(c)
		return
	}
	old.Aliases = pg.MergeAliases(old.Name, old.Aliases, append([]string{c.Name}, c.Aliases...))
	o.putCompany(old)
}

// upsertPlatform merges p like upsertCompany; a non-empty kind or owner
// fills in an empty one.
func (o *overlay) upsertPlatform(p pg.Platform) {
	old, ok := o.platform(p.ID)
	if !ok {
		p.Aliases = pg.MergeAliases(p.Name, nil, p.Aliases)
		o.putPlatform(p)
		return
	}
	old.Aliases = pg.MergeAliases(old.Name, old.Aliases, append([]string{p.Name}, p.Aliases...))
	if old.Kind == "" {
		old.Kind = p.Kind
	}
	if old.OwnerID == "" {
		old.OwnerID = p.OwnerID
	}
	o.putPlatform(old)
}

// upsertDeal merges d into the stored deal of the same ID: type and parties
// are the same by construction of the ID; summary, value and currency fill
// in empty ones; the aggregated attributes are recomputed by finish.
func (o *overlay) upsertDeal(d pg.Deal) {
	d.Parties = uniqParties(d.Parties)
	old, ok := o.deal(d.ID)
	if !ok {
		o.putDeal(d)
		return
	}
	if old.Summary == "" {
		old.Summary = d.Summary
	}
	if old.Value == nil {
		old.Value, old.Currency = d.Value, d.Currency
	} else if old.Currency == "" {
		old.Currency = d.Currency
	}
	// Without evidence the latest write states the attributes.
	old.Year, old.Status, old.PlatformIDs, old.Confidence = d.Year, d.Status, d.PlatformIDs, d.Confidence
	o.putDeal(old)
}

// finish re-aggregates every touched deal over all its evidence. A deal
// that had evidence and has none left is removed, since no article
// supports it any more.
func (o *overlay) finish() {
	for _, id := range slices.Sorted(maps.Keys(o.touched)) {
		d, ok := o.deal(id)
		if !ok {
			continue
		}
		ev := o.evidenceOf(id)
		if len(ev) == 0 {
			if len(o.b.evidenceOf(id)) > 0 {
				o.d.deals[id] = nil
			} else {
				d.PlatformIDs = sortedUniq(d.PlatformIDs)
				o.d.deals[id] = &d
			}
			continue
		}
		slices.SortFunc(ev, compareEvidence)
		d = pg.Aggregate(d, ev)
		o.d.deals[id] = &d
	}
}

// writeBatch merges the (already curated and validated) batch b.
func (o *overlay) writeBatch(b pg.Batch) {
	for _, a := range b.Articles {
		o.putArticle(a)
	}
	for _, c := range b.Companies {
		o.upsertCompany(c)
	}
	for _, p := range b.Platforms {
		o.upsertPlatform(p)
	}
	for _, d := range b.Deals {
		o.upsertDeal(d)
	}
	for _, e := range b.Evidence {
		e.PlatformIDs = sortedUniq(e.PlatformIDs)
		o.putEvidence(e)
	}
	for _, m := range b.Mentions {
		o.d.mentions[m] = true
	}
	o.finish()
}

// prefetch loads in bulk every stored record that writing b reads.
func (o *overlay) prefetch(b pg.Batch) {
	var companies, platforms, deals, articles []string
	for _, c := range b.Companies {
		companies = append(companies, c.ID)
	}
	for _, p := range b.Platforms {
		platforms = append(platforms, p.ID)
		if p.OwnerID != "" {
			companies = append(companies, p.OwnerID)
		}
	}
	for _, d := range b.Deals {
		deals = append(deals, d.ID)
		for _, p := range d.Parties {
			companies = append(companies, p.CompanyID)
		}
		platforms = append(platforms, d.PlatformIDs...)
	}
	for _, a := range b.Articles {
		articles = append(articles, a.ID)
	}
	for _, e := range b.Evidence {
		deals = append(deals, e.DealID)
		articles = append(articles, e.ArticleID)
		platforms = append(platforms, e.PlatformIDs...)
	}
	for _, m := range b.Mentions {
		articles = append(articles, m.ArticleID)
		if m.Kind == pg.MentionPlatform {
			platforms = append(platforms, m.EntityID)
		} else {
			companies = append(companies, m.EntityID)
		}
	}
	o.b.loadCompanies(companies)
	o.b.loadPlatforms(platforms)
	o.b.loadDeals(deals)
	o.b.loadArticles(articles)
	// Only stored deals have stored evidence: a new deal has none.
	for _, id := range deals {
		if _, known := o.b.evidence[id]; !known && o.b.deals[id] == nil {
			o.b.evidence[id] = nil
		}
	}
	o.b.loadEvidence(deals)
}

// Write implements [pg.Writer]: the whole batch is one transaction.
func (s *Store) Write(ctx context.Context, b pg.Batch) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("neo4jstore: write: %w", err)
	}
	if err := checkShape(b); err != nil {
		return fmt.Errorf("neo4jstore: write: %w", err)
	}
	if b.Empty() {
		return nil
	}
	return s.write(ctx, "write", func(tx neo4j.ManagedTransaction) error {
		bs := newBase(ctx, tx)
		cb := pg.ApplyCurations(b, bs.lock())
		o := newOverlay(bs)
		o.prefetch(cb)
		if bs.err != nil {
			return bs.err
		}
		if err := checkRefs(o, cb); err != nil {
			return err
		}
		o.writeBatch(cb)
		if bs.err != nil {
			return bs.err
		}
		return flush(bs, &o.d)
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
		"SET c.name = row.name, c.aliases = row.aliases, c.nameKey = row.nameKey, c.aliasKeys = row.aliasKeys"
	putPlatformsQuery = "UNWIND $rows AS row MERGE (p:Platform {id: row.id}) " +
		"SET p.name = row.name, p.kind = row.kind, p.aliases = row.aliases, p.nameKey = row.nameKey, p.aliasKeys = row.aliasKeys"
	dropOwnersQuery = "UNWIND $rows AS row MATCH (:Platform {id: row.id})-[r:OWNED_BY]->(o:Company) " +
		"WHERE row.ownerId IS NULL OR o.id <> row.ownerId DELETE r"
	putOwnersQuery = "UNWIND $rows AS row WITH row WHERE row.ownerId IS NOT NULL " +
		"MATCH (p:Platform {id: row.id}), (c:Company {id: row.ownerId}) MERGE (p)-[:OWNED_BY]->(c)"
	putArticlesQuery = "UNWIND $rows AS row MERGE (a:Article {id: row.id}) " +
		"SET a.url = row.url, a.title = row.title, a.publisher = row.publisher, a.published = row.published"
	putDealsQuery = "UNWIND $rows AS row MERGE (d:Deal {id: row.id}) " +
		"SET d.type = row.type, d.status = row.status, d.year = row.year, d.value = row.value, d.currency = row.currency, " +
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
		"r.published = row.published"
	putCompanyMentionsQuery = "UNWIND $rows AS row MATCH (a:Article {id: row.articleId}), (e:Company {id: row.entityId}) " +
		"MERGE (a)-[:MENTIONS]->(e)"
	putPlatformMentionsQuery = "UNWIND $rows AS row MATCH (a:Article {id: row.articleId}), (e:Platform {id: row.entityId}) " +
		"MERGE (a)-[:MENTIONS]->(e)"
)

// flush writes d: deletions first (a record is either put or deleted, never
// both), then nodes, then relationships. Records equal to the stored ones
// are not written again, so reloading the same articles writes little.
func flush(b *base, d *delta) error {
	var delCompanies, delPlatforms, delDeals, delArticles []any
	// oldPlatforms and oldDeals are the changed records that are stored
	// already: only they can have relationships to drop.
	var oldPlatforms, oldDeals []any
	var companies, platforms, deals, articles, delEvidence, evidence, delMentions, companyMentions, platformMentions []any
	for _, id := range slices.Sorted(maps.Keys(d.companies)) {
		if c := d.companies[id]; c == nil {
			delCompanies = append(delCompanies, id)
		} else if old := b.companies[id]; old == nil || !sameCompany(*old, *c) {
			companies = append(companies, companyRow(*c))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.platforms)) {
		if p := d.platforms[id]; p == nil {
			delPlatforms = append(delPlatforms, id)
		} else if old := b.platforms[id]; old == nil || !samePlatform(*old, *p) {
			platforms = append(platforms, platformRow(*p))
			if old != nil {
				oldPlatforms = append(oldPlatforms, platforms[len(platforms)-1])
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.deals)) {
		if x := d.deals[id]; x == nil {
			delDeals = append(delDeals, id)
		} else if old := b.deals[id]; old == nil || !sameDeal(*old, *x) {
			deals = append(deals, dealRow(*x))
			if old != nil {
				oldDeals = append(oldDeals, deals[len(deals)-1])
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(d.articles)) {
		if a := d.articles[id]; a == nil {
			delArticles = append(delArticles, id)
		} else if old := b.articles[id]; old == nil || *old != *a {
			articles = append(articles, articleRow(*a))
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(d.evidence), func(a, b evKey) int {
		return cmpStrings(a.deal+"\x00"+a.article, b.deal+"\x00"+b.article)
	}) {
		if e := d.evidence[k]; e == nil {
			delEvidence = append(delEvidence, map[string]any{"dealId": k.deal, "articleId": k.article})
		} else if !slices.ContainsFunc(b.evidence[k.deal], func(old pg.Evidence) bool { return sameEvidence(old, *e) }) {
			evidence = append(evidence, evidenceRow(*e))
		}
	}
	for _, m := range slices.SortedFunc(maps.Keys(d.mentions), func(a, b pg.Mention) int {
		return cmpStrings(a.ArticleID+"\x00"+a.EntityID, b.ArticleID+"\x00"+b.EntityID)
	}) {
		switch {
		case !d.mentions[m]:
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

func sameCompany(a, b pg.Company) bool {
	return a.ID == b.ID && a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases)
}

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
	return a.DealID == b.DealID && a.ArticleID == b.ArticleID && a.Sentence == b.Sentence && a.Start == b.Start &&
		a.End == b.End && a.Year == b.Year && a.Status == b.Status && slices.Equal(a.PlatformIDs, b.PlatformIDs) &&
		a.Confidence == b.Confidence && a.Published == b.Published
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

// checkShape rejects records with an empty ID or an unknown deal type.
func checkShape(b pg.Batch) error {
	for _, a := range b.Articles {
		if a.ID == "" {
			return fmt.Errorf("article with empty ID: %w", pg.ErrInvalid)
		}
	}
	for _, c := range b.Companies {
		if c.ID == "" || c.Name == "" {
			return fmt.Errorf("company %q: empty ID or name: %w", c.ID+c.Name, pg.ErrInvalid)
		}
	}
	for _, p := range b.Platforms {
		if p.ID == "" || p.Name == "" {
			return fmt.Errorf("platform %q: empty ID or name: %w", p.ID+p.Name, pg.ErrInvalid)
		}
	}
	for _, d := range b.Deals {
		if d.ID == "" {
			return fmt.Errorf("deal with empty ID: %w", pg.ErrInvalid)
		}
		if !d.Type.Valid() {
			return fmt.Errorf("deal %s: unknown type %q: %w", d.ID, d.Type, pg.ErrInvalid)
		}
		for _, p := range d.Parties {
			if p.CompanyID == "" {
				return fmt.Errorf("deal %s: party with empty company ID: %w", d.ID, pg.ErrInvalid)
			}
		}
		if slices.Contains(d.PlatformIDs, "") {
			return fmt.Errorf("deal %s: empty platform ID: %w", d.ID, pg.ErrInvalid)
		}
	}
	for _, e := range b.Evidence {
		if e.DealID == "" || e.ArticleID == "" {
			return fmt.Errorf("evidence with empty deal or article ID: %w", pg.ErrInvalid)
		}
		if slices.Contains(e.PlatformIDs, "") {
			return fmt.Errorf("evidence %s/%s: empty platform ID: %w", e.DealID, e.ArticleID, pg.ErrInvalid)
		}
	}
	for _, m := range b.Mentions {
		if m.ArticleID == "" || m.EntityID == "" {
			return fmt.Errorf("mention with empty article or entity ID: %w", pg.ErrInvalid)
		}
		if m.Kind != pg.MentionCompany && m.Kind != pg.MentionPlatform {
			return fmt.Errorf("mention %s/%s: unknown kind %q: %w", m.ArticleID, m.EntityID, m.Kind, pg.ErrInvalid)
		}
	}
	return nil
}

// checkRefs rejects references to companies, platforms, deals or articles
// that are neither in b nor stored.
func checkRefs(o *overlay, b pg.Batch) error {
	companies, platforms, deals, articles := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range b.Companies {
		companies[c.ID] = true
	}
	for _, p := range b.Platforms {
		platforms[p.ID] = true
	}
	for _, d := range b.Deals {
		deals[d.ID] = true
	}
	for _, a := range b.Articles {
		articles[a.ID] = true
	}
	hasCompany := func(id string) bool { _, ok := o.company(id); return companies[id] || ok }
	hasPlatform := func(id string) bool { _, ok := o.platform(id); return platforms[id] || ok }
	hasDeal := func(id string) bool { _, ok := o.deal(id); return deals[id] || ok }
	hasArticle := func(id string) bool { _, ok := o.article(id); return articles[id] || ok }
	for _, p := range b.Platforms {
		if p.OwnerID != "" && !hasCompany(p.OwnerID) {
			return fmt.Errorf("platform %s: unknown owner %s: %w", p.ID, p.OwnerID, pg.ErrInvalid)
		}
	}
	for _, d := range b.Deals {
		for _, p := range d.Parties {
			if !hasCompany(p.CompanyID) {
				return fmt.Errorf("deal %s: unknown party %s: %w", d.ID, p.CompanyID, pg.ErrInvalid)
			}
		}
		for _, p := range d.PlatformIDs {
			if !hasPlatform(p) {
				return fmt.Errorf("deal %s: unknown platform %s: %w", d.ID, p, pg.ErrInvalid)
			}
		}
	}
	for _, e := range b.Evidence {
		if !hasDeal(e.DealID) {
			return fmt.Errorf("evidence for unknown deal %s: %w", e.DealID, pg.ErrInvalid)
		}
		if !hasArticle(e.ArticleID) {
			return fmt.Errorf("evidence for deal %s from unknown article %s: %w", e.DealID, e.ArticleID, pg.ErrInvalid)
		}
		for _, p := range e.PlatformIDs {
			if !hasPlatform(p) {
				return fmt.Errorf("evidence %s/%s: unknown platform %s: %w", e.DealID, e.ArticleID, p, pg.ErrInvalid)
			}
		}
	}
	for _, m := range b.Mentions {
		if !hasArticle(m.ArticleID) {
			return fmt.Errorf("mention from unknown article %s: %w", m.ArticleID, pg.ErrInvalid)
		}
		var known bool
		if m.Kind == pg.MentionPlatform {
			known = hasPlatform(m.EntityID)
		} else {
			known = hasCompany(m.EntityID)
		}
		if !known {
			return fmt.Errorf("article %s mentions unknown %s %s: %w", m.ArticleID, m.Kind, m.EntityID, pg.ErrInvalid)
		}
	}
	return o.b.err
}

// uniqParties drops repeated parties, keeping the first occurrence.
func uniqParties(ps []pg.Party) []pg.Party {
	out := make([]pg.Party, 0, len(ps))
	for _, p := range ps {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// sortedUniq returns the sorted distinct values of ids.
func sortedUniq(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
