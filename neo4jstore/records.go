package neo4jstore

import (
	"cmp"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
)

// Map projections that every read and every load of a write uses, so that a
// record is decoded the same way wherever it comes from. The variables they
// project (c, p, d, a, r) are bound by the surrounding query. Nodes at the
// far end of a relationship are not checked for their label: the model
// gives each relationship type one label at either end (see the package
// documentation), and the check costs a db hit per row.
const (
	companyProjection  = "c {.id, .name, .aliases}"
	platformProjection = "p {.id, .name, .kind, .aliases, ownerId: head([(p)-[:OWNED_BY]->(o:Company) | o.id])}"
	dealProjection     = "d {.id, .type, .status, .year, .value, .currency, .summary, .confidence, " +
		"parties: [(c)-[r:PARTY_TO]->(d) | {companyId: c.id, role: r.role, position: r.position}], " +
		"platformIds: [(d)-[:ON_PLATFORM]->(p) | p.id]}"
	articleProjection  = "a {.id, .url, .title, .publisher, .published}"
	evidenceProjection = "r {.sentence, .start, .end, .year, .status, .platformIds, .confidence, .published, dealId: d.id, articleId: a.id}"
)

// Decoding of driver values. Missing properties are nil and decode to the
// zero value.

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func integer(m map[string]any, k string) int {
	n, _ := m[k].(int64)
	return int(n)
}

func float(m map[string]any, k string) float64 {
	switch v := m[k].(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func strs(m map[string]any, k string) []string {
	l, _ := m[k].([]any)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func decodeCompany(m map[string]any) pg.Company {
	return pg.Company{ID: str(m, "id"), Name: str(m, "name"), Aliases: strs(m, "aliases")}
}

func decodePlatform(m map[string]any) pg.Platform {
	return pg.Platform{
		ID: str(m, "id"), Name: str(m, "name"), Kind: pg.PlatformKind(str(m, "kind")),
		OwnerID: str(m, "ownerId"), Aliases: strs(m, "aliases"),
	}
}

func decodeDeal(m map[string]any) pg.Deal {
	d := pg.Deal{
		ID: str(m, "id"), Type: pg.DealType(str(m, "type")), Status: pg.DealStatus(str(m, "status")),
		Year: integer(m, "year"), Currency: str(m, "currency"), Summary: str(m, "summary"),
		Confidence: float(m, "confidence"),
	}
	if _, ok := m["value"].(float64); ok {
		v := float(m, "value")
		d.Value = &v
	}
	type party struct {
		pg.Party
		pos int
	}
	var parties []party
	ps, _ := m["parties"].([]any)
	for _, v := range ps {
		pm := asMap(v)
		parties = append(parties, party{pg.Party{CompanyID: str(pm, "companyId"), Role: pg.Role(str(pm, "role"))}, integer(pm, "position")})
	}
	slices.SortFunc(parties, func(a, b party) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.CompanyID, b.CompanyID), cmp.Compare(a.Role, b.Role))
	})
	for _, p := range parties {
		d.Parties = append(d.Parties, p.Party)
	}
	d.PlatformIDs = strs(m, "platformIds")
	slices.Sort(d.PlatformIDs)
	return d
}

func decodeArticle(m map[string]any) pg.Article {
	return pg.Article{
		ID: str(m, "id"), URL: str(m, "url"), Title: str(m, "title"),
		Publisher: str(m, "publisher"), Published: str(m, "published"),
	}
}

func decodeEvidence(m map[string]any) pg.Evidence {
	return pg.Evidence{
		DealID: str(m, "dealId"), ArticleID: str(m, "articleId"), Sentence: str(m, "sentence"),
		Start: integer(m, "start"), End: integer(m, "end"), Year: integer(m, "year"),
		Status: pg.DealStatus(str(m, "status")), PlatformIDs: strs(m, "platformIds"),
		Confidence: float(m, "confidence"), Published: str(m, "published"),
	}
}

// column returns the map in column k of rec.
func column(rec *neo4j.Record, k string) map[string]any {
	v, _ := rec.Get(k)
	return asMap(v)
}

// Encoding of rows for UNWIND. Empty strings and zero years are stored as
// missing properties, which reads nicer in Cypher (`WHERE d.year IS NULL`).

func opt(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func optInt(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

func list(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func lowerAll(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

func companyRow(c pg.Company) map[string]any {
	return map[string]any{
		"id": c.ID, "name": c.Name, "aliases": list(c.Aliases),
		"nameKey": strings.ToLower(c.Name), "aliasKeys": lowerAll(c.Aliases),
	}
}

func platformRow(p pg.Platform) map[string]any {
	return map[string]any{
		"id": p.ID, "name": p.Name, "kind": opt(string(p.Kind)), "ownerId": opt(p.OwnerID),
		"aliases": list(p.Aliases), "nameKey": strings.ToLower(p.Name), "aliasKeys": lowerAll(p.Aliases),
	}
}

func articleRow(a pg.Article) map[string]any {
	return map[string]any{
		"id": a.ID, "url": opt(a.URL), "title": opt(a.Title), "publisher": opt(a.Publisher), "published": opt(a.Published),
	}
}

func dealRow(d pg.Deal) map[string]any {
	var value any
	if d.Value != nil {
		value = *d.Value
	}
	parties := make([]any, len(d.Parties))
	for i, p := range d.Parties {
		parties[i] = map[string]any{"companyId": p.CompanyID, "role": string(p.Role), "position": int64(i)}
	}
	return map[string]any{
		"id": d.ID, "type": string(d.Type), "status": opt(string(d.Status)), "year": optInt(d.Year),
		"value": value, "currency": opt(d.Currency), "summary": opt(d.Summary),
		"summaryKey": strings.ToLower(d.Summary), "confidence": d.Confidence,
		"parties": parties, "platformIds": list(d.PlatformIDs),
	}
}

func evidenceRow(e pg.Evidence) map[string]any {
	return map[string]any{
		"dealId": e.DealID, "articleId": e.ArticleID, "sentence": e.Sentence,
		"start": int64(e.Start), "end": int64(e.End), "year": optInt(e.Year), "status": opt(string(e.Status)),
		"platformIds": list(e.PlatformIDs), "confidence": e.Confidence, "published": opt(e.Published),
	}
}

func mentionRow(m pg.Mention) map[string]any {
	return map[string]any{"articleId": m.ArticleID, "entityId": m.EntityID}
}

func curationRow(c pg.Curation) map[string]any {
	return map[string]any{
		"kind": string(c.Kind), "companyId": opt(c.CompanyID), "alias": opt(c.Alias), "keepId": opt(c.KeepID),
		"dropId": opt(c.DropID), "dealId": opt(c.DealID), "articleId": opt(c.ArticleID), "reason": opt(c.Reason),
	}
}

func decodeCuration(m map[string]any) pg.Curation {
	return pg.Curation{
		Kind: pg.CurationKind(str(m, "kind")), CompanyID: str(m, "companyId"), Alias: str(m, "alias"),
		KeepID: str(m, "keepId"), DropID: str(m, "dropId"), DealID: str(m, "dealId"),
		ArticleID: str(m, "articleId"), Reason: str(m, "reason"),
	}
}
