// Package graphtest builds synthetic partnership graphs for benchmarks and
// load tests of the GraphQL API, so that they need no corpus.
package graphtest

import (
	"fmt"
	"math"
	"math/rand/v2"

	pg "github.com/partnergraph/partnergraph"
)

// Synthetic returns a deterministic graph of n companies, m deals and
// m/2 articles (at least one), with each article reporting two deals. A few
// companies take part in many deals and most in few (party choice follows
// a Zipf-like law, as news coverage does), deal types, years 1980–2024 and
// statuses vary, and there is one platform per 50 companies.
func Synthetic(n, m int, seed uint64) pg.Batch {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var b pg.Batch
	for i := range n {
		name := fmt.Sprintf("Company %04d", i)
		b.Companies = append(b.Companies, pg.Company{ID: pg.CompanyID(name), Name: name, Aliases: []string{fmt.Sprintf("C%04d", i)}})
	}
	for i := range max(n/50, 1) {
		name := fmt.Sprintf("Platform %02d", i)
		b.Platforms = append(b.Platforms, pg.Platform{ID: pg.PlatformID(name), Name: name, Kind: pg.PlatformCloud, OwnerID: b.Companies[i%n].ID})
	}
	articles := max(m/2, 1)
	for i := range articles {
		b.Articles = append(b.Articles, pg.Article{ID: pg.ArticleID(fmt.Sprintf("synth-%05d", i)), Title: fmt.Sprintf("Story %d", i),
			Publisher: "Synthetic Wire", Published: fmt.Sprintf("%04d-%02d-%02d", 1980+i%45, 1+i%12, 1+i%28)})
	}
	// zipf picks a company index with probability falling as 1/(i+1).
	zipf := func() int {
		return min(int(math.Exp(rng.Float64()*math.Log(float64(n+1))))-1, n-1)
	}
	roles := map[pg.DealType][2]pg.Role{
		pg.Partnership: {pg.RolePartner, pg.RolePartner}, pg.Acquisition: {pg.RoleBuyer, pg.RoleTarget},
		pg.Investment: {pg.RoleInvestor, pg.RoleInvestee}, pg.Licensing: {pg.RoleLicensor, pg.RoleLicensee},
		pg.Supply: {pg.RoleSupplier, pg.RoleCustomer},
	}
	types := []pg.DealType{pg.Partnership, pg.Partnership, pg.Acquisition, pg.Investment, pg.Licensing, pg.Supply}
	seen := map[string]bool{}
	for len(b.Deals) < m {
		a, c := zipf(), rng.IntN(n)
		if a == c {
			continue
		}
		t := types[rng.IntN(len(types))]
		parties := []pg.Party{{CompanyID: b.Companies[a].ID, Role: roles[t][0]}, {CompanyID: b.Companies[c].ID, Role: roles[t][1]}}
		id := pg.DealID(t, parties)
		if seen[id] {
			continue
		}
		seen[id] = true
		art := b.Articles[len(b.Deals)%articles]
		year := 1980 + rng.IntN(45)
		var platforms []string
		if rng.IntN(3) == 0 {
			platforms = []string{b.Platforms[rng.IntN(len(b.Platforms))].ID}
		}
		status := pg.DealStatuses[rng.IntN(len(pg.DealStatuses))]
		b.Deals = append(b.Deals, pg.Deal{ID: id, Type: t, Status: status, Year: year, Parties: parties, PlatformIDs: platforms,
			Summary: fmt.Sprintf("%s %s %s", b.Companies[a].Name, t, b.Companies[c].Name), Confidence: 0.5})
		b.Evidence = append(b.Evidence, pg.Evidence{DealID: id, ArticleID: art.ID, Sentence: "A synthetic sentence about the deal.",
			Start: 0, End: 36, Year: year, Status: status, PlatformIDs: platforms, Confidence: 0.5, Published: art.Published})
	}
	return b
}
