package neo4jstore

import (
	"cmp"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// Map projections that every read and every load of a write uses, so that a
// record is decoded the same way wherever it comes from. The variables they
// project (c, p, d, a, r) are bound by the surrounding query. Nodes at the
// far end of a relationship are not checked for their label: the model
// gives each relationship type one label at either end (see the package
// documentation), and the check costs a db hit per row.
const (
	companyProjection = "c {.id, .name, .aliases, .linkNames, .linkReasons, .linkArticles, .parentId, .parentArticleId, .parentDealId, .parentDate, " +
		".statedParentId, .statedArticleId, .statedDealId, .statedDate}"
	platformProjection = "p {.id, .name, .kind, .aliases, ownerId: head([(p)-[:OWNED_BY]->(o:Company) | o.id])}"
	dealProjection     = "d {.id, .type, .status, .year, .value, .currency, .summary, .confidence, " +
		"parties: [(c)-[r:PARTY_TO]->(d) | {companyId: c.id, role: r.role, position: r.position}], " +
		"platformIds: [(d)-[:ON_PLATFORM]->(p) | p.id]}"
	articleProjection  = "a {.id, .url, .title, .publisher, .published}"
	evidenceProjection = "r {.sentence, .start, .end, .year, .status, .platformIds, .confidence, .published, " +
		".type, .partyIds, .partyRoles, .value, .currency, .rules, dealId: d.id, articleId: a.id}"
)

// List projections of the same values for the reads that return many
// of them in one record (the combined reads of combined.go and query.go):
// a list costs the driver no key string per property when it decodes it,
// and the store no map look-up; decodeCompanyList and decodeDealList read
// them by position and give what decodeCompany and decodeDeal give for the
// map projections. A party is the list [company ID, role, position].
const (
	companyList = "[c.id, c.name, c.aliases, c.linkNames, c.linkReasons, c.linkArticles, c.parentId, c.parentArticleId, c.parentDealId, c.parentDate, " +
		"c.statedParentId, c.statedArticleId, c.statedDealId, c.statedDate]"
	dealList = "[d.id, d.type, d.status, d.year, d.value, d.currency, d.summary, d.confidence, " +
		"[(c)-[r:PARTY_TO]->(d) | [c.id, r.role, r.position]], [(d)-[:ON_PLATFORM]->(p) | p.id]]"
)

// Decoding of driver values. Missing properties are nil and decode to the
// zero value.

func str(m map[string]any, k string) string { return strOf(m[k]) }

func integer(m map[string]any, k string) int { return intOf(m[k]) }

func float(m map[string]any, k string) float64 { return floatOf(m[k]) }

func strs(m map[string]any, k string) []string { return strsOf(m[k]) }

func strOf(v any) string {
	s, _ := v.(string)
	return s
}

func intOf(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func floatOf(v any) float64 {
	switch v := v.(type) {
	case float64:
		return v
	case int64:
		return float64(v)
	}
	return 0
}

func strsOf(v any) []string {
	l, _ := v.([]any)
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
	return companyOf([]any{m["id"], m["name"], m["aliases"], m["linkNames"], m["linkReasons"], m["linkArticles"],
		m["parentId"], m["parentArticleId"], m["parentDealId"], m["parentDate"],
		m["statedParentId"], m["statedArticleId"], m["statedDealId"], m["statedDate"]})
}

// companyListLen is the number of fields of companyList.
const companyListLen = 14

// companyOf builds a company from its properties l in the order of
// companyList.
func companyOf(l []any) pg.Company {
	id, name, aliases, linkNames, linkReasons, linkArticles := l[0], l[1], l[2], l[3], l[4], l[5]
	c := pg.Company{ID: strOf(id), Name: strOf(name), Aliases: strsOf(aliases)}
	names, reasons, articles := strsOf(linkNames), strsOf(linkReasons), strsOf(linkArticles)
	for i, n := range names {
		l := pg.NameLink{Name: n}
		if i < len(reasons) {
			l.Reason = pg.LinkReason(reasons[i])
		}
		if i < len(articles) {
			l.ArticleID = articles[i]
		}
		c.Links = append(c.Links, l)
	}
	c.Parent = ownershipOf(c.ID, l[6:10])
	c.Stated = ownershipOf(c.ID, l[10:14])
	return c
}

// ownershipOf decodes the parent ID, article ID, deal ID and date of an
// ownership of company child, or returns nil when the parent is missing.
func ownershipOf(child string, l []any) *pg.Ownership {
	p := strOf(l[0])
	if p == "" {
		return nil
	}
	return &pg.Ownership{ParentID: p, ChildID: child, ArticleID: strOf(l[1]), DealID: strOf(l[2]), Date: strOf(l[3])}
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
	if v, ok := m["value"].(float64); ok {
		d.Value = &v
	}
	ps, _ := m["parties"].([]any)
	parties := make([]party, 0, len(ps))
	for _, v := range ps {
		pm := asMap(v)
		parties = append(parties, party{pg.Party{CompanyID: str(pm, "companyId"), Role: pg.Role(str(pm, "role"))}, integer(pm, "position")})
	}
	d.Parties = sortParties(parties)
	d.PlatformIDs = strs(m, "platformIds")
	slices.Sort(d.PlatformIDs)
	return d
}

// party is a deal's party with its position.
type party struct {
	pg.Party
	pos int
}

// sortParties returns the parties of ps in the order of their positions
// (then company ID and role), or nil when there are none.
func sortParties(ps []party) []pg.Party {
	if len(ps) == 0 {
		return nil
	}
	slices.SortFunc(ps, func(a, b party) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.CompanyID, b.CompanyID), cmp.Compare(a.Role, b.Role))
	})
	out := make([]pg.Party, len(ps))
	for i, p := range ps {
		out[i] = p.Party
	}
	return out
}

// decodeCompanyList decodes companyList.
func decodeCompanyList(v any) pg.Company {
	l, _ := v.([]any)
	if len(l) < companyListLen {
		return pg.Company{}
	}
	return companyOf(l)
}

// decodeDealList decodes dealList.
func decodeDealList(v any) pg.Deal {
	l, _ := v.([]any)
	if len(l) < 10 {
		return pg.Deal{}
	}
	d := pg.Deal{
		ID: strOf(l[0]), Type: pg.DealType(strOf(l[1])), Status: pg.DealStatus(strOf(l[2])),
		Year: intOf(l[3]), Currency: strOf(l[5]), Summary: strOf(l[6]), Confidence: floatOf(l[7]),
	}
	if v, ok := l[4].(float64); ok {
		d.Value = &v
	}
	ps, _ := l[8].([]any)
	parties := make([]party, 0, len(ps))
	for _, v := range ps {
		if p, _ := v.([]any); len(p) == 3 {
			parties = append(parties, party{pg.Party{CompanyID: strOf(p[0]), Role: pg.Role(strOf(p[1]))}, intOf(p[2])})
		}
	}
	d.Parties = sortParties(parties)
	d.PlatformIDs = strsOf(l[9])
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
	e := pg.Evidence{
		DealID: str(m, "dealId"), ArticleID: str(m, "articleId"), Sentence: str(m, "sentence"),
		Start: integer(m, "start"), End: integer(m, "end"), Year: integer(m, "year"),
		Status: pg.DealStatus(str(m, "status")), PlatformIDs: strs(m, "platformIds"),
		Confidence: float(m, "confidence"), Published: str(m, "published"),
		Type: pg.DealType(str(m, "type")), Currency: str(m, "currency"), Rules: strs(m, "rules"),
	}
	if v, ok := m["value"].(float64); ok {
		e.Value = &v
	}
	ids, roles := strs(m, "partyIds"), strs(m, "partyRoles")
	for i, id := range ids {
		p := pg.Party{CompanyID: id}
		if i < len(roles) {
			p.Role = pg.Role(roles[i])
		}
		e.Parties = append(e.Parties, p)
	}
	return e
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

// namesKey is the names property of a company or platform: its lower-cased
// name and aliases, each followed by a newline, after a newline. A TEXT
// index on it answers, through CONTAINS, the look-up of an exact name or
// alias ("\n" + key + "\n"), a name or alias prefix ("\n" + prefix) and a
// substring of any of them, which the list property aliasKeys cannot (no
// index covers a list). namesExpr computes the same in Cypher.
func namesKey(name string, aliases []string) string {
	var b strings.Builder
	b.WriteString("\n" + strings.ToLower(name) + "\n")
	for _, a := range aliases {
		b.WriteString(strings.ToLower(a) + "\n")
	}
	return b.String()
}

// namesExpr is namesKey in Cypher for node n, from its nameKey and
// aliasKeys.
func namesExpr(n string) string {
	return "'\n' + " + n + ".nameKey + '\n' + reduce(s = '', a IN coalesce(" + n + ".aliasKeys, []) | s + a + '\n')"
}

func companyRow(c pg.Company) map[string]any {
	names, reasons, articles := make([]any, len(c.Links)), make([]any, len(c.Links)), make([]any, len(c.Links))
	for i, l := range c.Links {
		names[i], reasons[i], articles[i] = l.Name, string(l.Reason), l.ArticleID
	}
	row := map[string]any{
		"id": c.ID, "name": c.Name, "aliases": list(c.Aliases),
		"nameKey": strings.ToLower(c.Name), "aliasKeys": lowerAll(c.Aliases), "names": namesKey(c.Name, c.Aliases),
		"linkNames": names, "linkReasons": reasons, "linkArticles": articles,
		"keys": list(storekit.MatchKeys(c)),
	}
	for prefix, p := range map[string]*pg.Ownership{"parent": c.Parent, "stated": c.Stated} {
		row[prefix+"Id"], row[prefix+"ArticleId"], row[prefix+"DealId"], row[prefix+"Date"] = nil, nil, nil, nil
		if p != nil {
			row[prefix+"Id"], row[prefix+"ArticleId"], row[prefix+"DealId"], row[prefix+"Date"] = p.ParentID, opt(p.ArticleID), opt(p.DealID), opt(p.Date)
		}
	}
	return row
}

func platformRow(p pg.Platform) map[string]any {
	return map[string]any{
		"id": p.ID, "name": p.Name, "kind": opt(string(p.Kind)), "ownerId": opt(p.OwnerID),
		"aliases": list(p.Aliases), "nameKey": strings.ToLower(p.Name), "aliasKeys": lowerAll(p.Aliases),
		"names": namesKey(p.Name, p.Aliases),
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
	var value, partyIDs, partyRoles any
	if e.Value != nil {
		value = *e.Value
	}
	if e.Parties != nil {
		ids, roles := make([]any, len(e.Parties)), make([]any, len(e.Parties))
		for i, p := range e.Parties {
			ids[i], roles[i] = p.CompanyID, string(p.Role)
		}
		partyIDs, partyRoles = ids, roles
	}
	return map[string]any{
		"dealId": e.DealID, "articleId": e.ArticleID, "sentence": e.Sentence,
		"start": int64(e.Start), "end": int64(e.End), "year": optInt(e.Year), "status": opt(string(e.Status)),
		"platformIds": list(e.PlatformIDs), "confidence": e.Confidence, "published": opt(e.Published),
		"type": opt(string(e.Type)), "partyIds": partyIDs, "partyRoles": partyRoles, "value": value, "currency": opt(e.Currency), "rules": list(e.Rules),
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
