package graph_test

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph/graph"
	"github.com/partnergraph/partnergraph/storetest"
)

// sortedIDs returns ids sorted, for expectations in ID order.
func sortedIDs(ids ...string) []string {
	return slices.Sorted(slices.Values(ids))
}

func TestSeedQuery(t *testing.T) {
	h := fixtureHandler(t, graph.Options{})
	var got struct {
		Company struct {
			Name  string
			Deals struct {
				Edges []struct {
					Node struct {
						Type, Status string
						Year         *int
						Platforms    []struct {
							Name  string
							Owner *struct{ Name string }
						}
						Sources []struct {
							Article  struct{ Publisher string }
							Sentence string
						}
					}
				}
			}
		}
	}
	query(t, h, `{ company(name: "sega") { name deals { edges { node {
		type status year platforms { name owner { name } } sources { article { publisher } sentence } } } } } }`, nil, &got)

	if got.Company.Name != "SEGA" {
		t.Errorf("name = %q, want SEGA", got.Company.Name)
	}
	byType := map[string]int{}
	for i, e := range got.Company.Deals.Edges {
		byType[e.Node.Type] = i
	}
	if diff := cmp.Diff([]string{"LICENSING", "PARTNERSHIP"}, slices.Sorted(maps.Keys(byType))); diff != "" {
		t.Fatalf("deal types mismatch (-want +got):\n%s", diff)
	}
	p := got.Company.Deals.Edges[byType["PARTNERSHIP"]].Node
	if p.Status != "ANNOUNCED" || p.Year == nil || *p.Year != 2019 {
		t.Errorf("partnership status %s year %v, want ANNOUNCED 2019", p.Status, p.Year)
	}
	if len(p.Platforms) != 1 || p.Platforms[0].Name != "Azure" || p.Platforms[0].Owner == nil || p.Platforms[0].Owner.Name != "Microsoft" {
		t.Errorf("partnership platforms = %+v, want Azure owned by Microsoft", p.Platforms)
	}
	if len(p.Sources) != 1 || p.Sources[0].Article.Publisher != "Example Tech" || p.Sources[0].Sentence == "" {
		t.Errorf("partnership sources = %+v, want one from Example Tech", p.Sources)
	}
	l := got.Company.Deals.Edges[byType["LICENSING"]].Node
	if l.Year != nil || l.Status != "RUMORED" || len(l.Platforms) != 0 {
		t.Errorf("licence = %+v, want RUMORED with null year and no platform", l)
	}
}

// TestQueries runs every query field of the schema on the fixture and
// compares the JSON data.
func TestQueries(t *testing.T) {
	dealsByID := sortedIDs(storetest.DealMicrosoftSEGA, storetest.DealSEGANintendo)
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"CompanyByID", `{ company(id: "sega") { id name aliases } }`,
			`{"company": {"id": "sega", "name": "SEGA", "aliases": ["Sega", "SEGA Corporation"]}}`},
		{"CompanyByAliasIgnoringCase", `{ company(name: "sega corporation") { id } }`, `{"company": {"id": "sega"}}`},
		{"CompanyUnknownIsNull", `{ company(id: "nope") { id } }`, `{"company": null}`},
		{"CompanyDealsAndCount", `{ company(id: "sega") { dealCount deals { totalCount edges { node { id } } } } }`,
			`{"company": {"dealCount": 2, "deals": {"totalCount": 2, "edges": [{"node": {"id": "` + dealsByID[0] + `"}}, {"node": {"id": "` + dealsByID[1] + `"}}]}}}`},
		{"CompanyPartners", `{ company(id: "microsoft") { partners { company { id } dealCount } } }`,
			`{"company": {"partners": [{"company": {"id": "activision-blizzard"}, "dealCount": 1}, {"company": {"id": "sega"}, "dealCount": 1}, {"company": {"id": "sony"}, "dealCount": 1}]}}`},
		{"CompanyPartnersFirst", `{ company(id: "sega") { partners(first: 1) { company { id } deals { type } } } }`,
			`{"company": {"partners": [{"company": {"id": "microsoft"}, "deals": [{"type": "PARTNERSHIP"}]}]}}`},
		{"CompanyPlatforms", `{ company(id: "microsoft") { platforms { id } ownedPlatforms { id kind } } }`,
			`{"company": {"platforms": [{"id": "p:azure"}, {"id": "p:game-pass"}, {"id": "p:xbox"}], "ownedPlatforms": [{"id": "p:azure", "kind": "cloud"}, {"id": "p:xbox", "kind": "console"}]}}`},
		{"CompanyTimeline", `{ company(id: "activision-blizzard") { timeline { year firstReported lastReported status deal { type } } } }`,
			`{"company": {"timeline": [{"year": 2022, "firstReported": "2022-01-18", "lastReported": "2023-10-13", "status": "COMPLETED", "deal": {"type": "ACQUISITION"}}]}}`},
		{"CompanyOwnership", `{ company(id: "activision-blizzard") { parent { id } ownership { parent { id } child { id } article { id } deal { type } date }
			timeline { statusHistory { status date article { id } } } } }`,
			`{"company": {"parent": {"id": "microsoft"}, "ownership": {"parent": {"id": "microsoft"}, "child": {"id": "activision-blizzard"},
			"article": {"id": "a:activision-deal-closes"}, "deal": {"type": "ACQUISITION"}, "date": "2023-10-13"},
			"timeline": [{"statusHistory": [{"status": "ANNOUNCED", "date": "2022-01-18", "article": {"id": "a:reuters-activision-bid"}},
			{"status": "COMPLETED", "date": "2023-10-13", "article": {"id": "a:activision-deal-closes"}}]}]}}`},
		{"CompanySubsidiariesAndNames", `{ company(id: "microsoft") { parent { id } ownership { date } subsidiaries { id } aliases names { name reason article { id } } } }`,
			`{"company": {"parent": null, "ownership": null, "subsidiaries": [{"id": "activision-blizzard"}], "aliases": ["Microsoft Corp", "MSFT"],
			"names": [{"name": "Microsoft Corp", "reason": "LEGAL_FORM", "article": null}, {"name": "MSFT", "reason": "ALIAS", "article": null}]}}`},
		{"DealStatusHistory", `{ deal(id: "` + storetest.DealSonyNintendo + `") { status statusHistory { status date } sources { type value } } }`,
			`{"deal": {"status": "COMPLETED", "statusHistory": [{"status": "COMPLETED", "date": "2022-01-18"}], "sources": [{"type": "SUPPLY", "value": null}]}}`},
		{"Companies", `{ companies { totalCount edges { node { name } } pageInfo { hasNextPage hasPreviousPage } } }`,
			`{"companies": {"totalCount": 5, "edges": [{"node": {"name": "Activision Blizzard"}}, {"node": {"name": "Microsoft"}}, {"node": {"name": "Nintendo"}}, {"node": {"name": "SEGA"}}, {"node": {"name": "Sony"}}], "pageInfo": {"hasNextPage": false, "hasPreviousPage": false}}}`},
		{"CompaniesFilterSort", `{ companies(filter: {minDeals: 2}, sort: DEALS_DESC) { totalCount edges { node { id } } } }`,
			`{"companies": {"totalCount": 4, "edges": [{"node": {"id": "microsoft"}}, {"node": {"id": "nintendo"}}, {"node": {"id": "sega"}}, {"node": {"id": "sony"}}]}}`},
		{"CompaniesByPlatformName", `{ companies(filter: {platform: "Azure", namePrefix: "so"}) { edges { node { id } } } }`,
			`{"companies": {"edges": [{"node": {"id": "sony"}}]}}`},
		{"Platform", `{ platform(name: "microsoft azure") { id name kind aliases owner { name } deals { totalCount } } }`,
			`{"platform": {"id": "p:azure", "name": "Azure", "kind": "cloud", "aliases": ["Microsoft Azure"], "owner": {"name": "Microsoft"}, "deals": {"totalCount": 2}}}`},
		{"PlatformWithoutOwner", `{ platform(id: "p:game-pass") { owner { name } } }`, `{"platform": {"owner": null}}`},
		{"Platforms", `{ platforms(filter: {kind: "console"}) { totalCount edges { node { name } } } }`,
			`{"platforms": {"totalCount": 2, "edges": [{"node": {"name": "PlayStation"}}, {"node": {"name": "Xbox"}}]}}`},
		{"Deal", `{ deal(id: "` + storetest.DealActivision + `") { type status year value currency summary sourceCount
			parties { company { id name } role } platforms { name } sources { article { title url publisher published } sentence start end year status } } }`,
			`{"deal": {"type": "ACQUISITION", "status": "COMPLETED", "year": 2022, "value": 68700000000, "currency": "USD", "summary": "Microsoft acquires Activision Blizzard", "sourceCount": 2,
			"parties": [{"company": {"id": "microsoft", "name": "Microsoft"}, "role": "BUYER"}, {"company": {"id": "activision-blizzard", "name": "Activision Blizzard"}, "role": "TARGET"}],
			"platforms": [{"name": "Game Pass"}, {"name": "Xbox"}],
			"sources": [
			 {"article": {"title": "Microsoft to buy Activision Blizzard in $68.7 billion deal", "url": "https://example.com/reuters/activision", "publisher": "Reuters", "published": "2022-01-18"}, "sentence": "Microsoft Corp will buy Activision Blizzard for $68.7 billion.", "start": 0, "end": 63, "year": 2022, "status": "ANNOUNCED"},
			 {"article": {"title": "Microsoft closes Activision deal", "url": "https://example.com/activision-closes", "publisher": "Example News", "published": "2023-10-13"}, "sentence": "Microsoft completed its acquisition of Activision Blizzard, bringing its games to Game Pass and Xbox in 2023.", "start": 0, "end": 90, "year": 2023, "status": "COMPLETED"}]}}`},
		{"DealConfidence", `{ deal(id: "` + storetest.DealActivision + `") { confidence sources(first: 1) { confidence } } }`,
			`{"deal": {"confidence": 0.96, "sources": [{"confidence": 0.9}]}}`},
		{"DealUnknownIsNull", `{ deal(id: "d:0") { id } }`, `{"deal": null}`},
		{"DealsDefaultSort", `{ deals { totalCount edges { node { year } } } }`,
			`{"deals": {"totalCount": 5, "edges": [{"node": {"year": 2022}}, {"node": {"year": 2019}}, {"node": {"year": 2019}}, {"node": {"year": 2017}}, {"node": {"year": null}}]}}`},
		{"DealsFilterType", `{ deals(filter: {type: [SUPPLY, LICENSING]}, sort: YEAR_ASC) { edges { node { type } } } }`,
			`{"deals": {"edges": [{"node": {"type": "SUPPLY"}}, {"node": {"type": "LICENSING"}}]}}`},
		{"DealsFilterSingleTypeCoerced", `{ deals(filter: {type: ACQUISITION}) { totalCount } }`, `{"deals": {"totalCount": 1}}`},
		{"DealsFilterCompanyByName", `{ deals(filter: {company: "Sega", status: RUMORED}) { edges { node { type } } } }`,
			`{"deals": {"edges": [{"node": {"type": "LICENSING"}}]}}`},
		{"DealsFilterPlatformYears", `{ deals(filter: {platform: "p:azure", yearFrom: 2019, yearTo: 2019}) { totalCount } }`, `{"deals": {"totalCount": 2}}`},
		{"DealsFilterText", `{ deals(filter: {text: "CHIPS"}) { edges { node { summary } } } }`,
			`{"deals": {"edges": [{"node": {"summary": "Sony supplies chips to Nintendo"}}]}}`},
		{"DealsFilterArticle", `{ deals(filter: {article: "a:reuters-activision-bid"}) { totalCount } }`, `{"deals": {"totalCount": 2}}`},
		{"DealsSortSources", `{ deals(first: 1, sort: SOURCES_DESC) { edges { node { type } } pageInfo { hasNextPage } } }`,
			`{"deals": {"edges": [{"node": {"type": "ACQUISITION"}}], "pageInfo": {"hasNextPage": true}}}`},
		{"DealsFirstZero", `{ deals(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }`,
			`{"deals": {"totalCount": 5, "edges": [], "pageInfo": {"hasNextPage": true}}}`},
		{"Article", `{ article(id: "a:cloud-gaming-alliances") { title publisher published deals { type } } }`,
			`{"article": {"title": "Cloud gaming makes strange bedfellows", "publisher": "Example Tech", "published": "2019-11-05", "deals": [{"type": "PARTNERSHIP"}, {"type": "PARTNERSHIP"}]}}`},
		{"Search", `{ search(text: "sega", first: 2) { kind id name score company { name } platform { name } deal { id } } }`,
			`{"search": [{"kind": "COMPANY", "id": "sega", "name": "SEGA", "score": 1, "company": {"name": "SEGA"}, "platform": null, "deal": null},
			 {"kind": "DEAL", "id": "` + storetest.DealSEGANintendo + `", "name": "SEGA licenses classic games to Nintendo", "score": 0.7, "company": null, "platform": null, "deal": {"id": "` + storetest.DealSEGANintendo + `"}}]}`},
		{"SearchBlank", `{ search(text: "  ") { id } }`, `{"search": []}`},
		{"NeighborhoodDepth1", `{ neighborhood(id: "sega") { nodes { id label kind depth company { name } } truncated edges { source target type status } } }`,
			`{"neighborhood": {"truncated": false,
			 "nodes": [{"id": "sega", "label": "SEGA", "kind": "company", "depth": 0, "company": {"name": "SEGA"}}, {"id": "microsoft", "label": "Microsoft", "kind": "company", "depth": 1, "company": {"name": "Microsoft"}}, {"id": "nintendo", "label": "Nintendo", "kind": "company", "depth": 1, "company": {"name": "Nintendo"}}],
			 "edges": ` + edgesSEGA() + `}}`},
		{"NeighborhoodTypes", `{ neighborhood(id: "sega", depth: 2, types: [LICENSING, SUPPLY]) { nodes { id depth } edges { type } } }`,
			`{"neighborhood": {"nodes": [{"id": "sega", "depth": 0}, {"id": "nintendo", "depth": 1}, {"id": "sony", "depth": 2}], "edges": ` + edgesTypes() + `}}`},
		{"NeighborhoodLimit", `{ neighborhood(id: "microsoft", limit: 2) { truncated nodes { id } } }`,
			`{"neighborhood": {"truncated": true, "nodes": [{"id": "microsoft"}, {"id": "` + firstPartnerOfMicrosoft() + `"}]}}`},
		{"Path", `{ path(from: "sega", to: "activision-blizzard") { length companies { id } deals { type } } }`,
			`{"path": {"length": 2, "companies": [{"id": "sega"}, {"id": "microsoft"}, {"id": "activision-blizzard"}], "deals": [{"type": "PARTNERSHIP"}, {"type": "ACQUISITION"}]}}`},
		{"PathTooShort", `{ path(from: "activision-blizzard", to: "nintendo", maxDepth: 2) { length } }`, `{"path": null}`},
		{"PathToItself", `{ path(from: "sega", to: "sega") { length companies { id } deals { id } } }`,
			`{"path": {"length": 0, "companies": [{"id": "sega"}], "deals": []}}`},
		{"Timeline", `{ timeline(company: "sega") { year status deal { type } } }`,
			`{"timeline": [{"year": 2019, "status": "ANNOUNCED", "deal": {"type": "PARTNERSHIP"}}, {"year": null, "status": "RUMORED", "deal": {"type": "LICENSING"}}]}`},
		{"Stats", `{ stats { dealsByYear { year count } dealsByType { key type count } dealsByPlatform { key count platform { name } } topPartners { key count company { name } } } }`,
			`{"stats": {
			 "dealsByYear": [{"year": 2017, "count": 1}, {"year": 2019, "count": 2}, {"year": 2022, "count": 1}],
			 "dealsByType": [{"key": "partnership", "type": "PARTNERSHIP", "count": 2}, {"key": "acquisition", "type": "ACQUISITION", "count": 1}, {"key": "licensing", "type": "LICENSING", "count": 1}, {"key": "supply", "type": "SUPPLY", "count": 1}],
			 "dealsByPlatform": [{"key": "p:azure", "count": 2, "platform": {"name": "Azure"}}, {"key": "p:game-pass", "count": 1, "platform": {"name": "Game Pass"}}, {"key": "p:playstation", "count": 1, "platform": {"name": "PlayStation"}}, {"key": "p:xbox", "count": 1, "platform": {"name": "Xbox"}}],
			 "topPartners": [{"key": "microsoft", "count": 3, "company": {"name": "Microsoft"}}, {"key": "nintendo", "count": 2, "company": {"name": "Nintendo"}}, {"key": "sega", "count": 2, "company": {"name": "SEGA"}}, {"key": "sony", "count": 2, "company": {"name": "Sony"}}, {"key": "activision-blizzard", "count": 1, "company": {"name": "Activision Blizzard"}}]}}`},
		{"StatsFiltered", `{ stats(filter: {platform: "Azure"}) { dealsByYear { year count } } }`,
			`{"stats": {"dealsByYear": [{"year": 2019, "count": 2}]}}`},
		{"Counts", `{ counts { companies platforms deals articles parties dealPlatforms owners evidence mentions ownerships nodes relationships } }`,
			`{"counts": {"companies": 5, "platforms": 4, "deals": 5, "articles": 3, "parties": 10, "dealPlatforms": 5, "owners": 3, "evidence": 6, "mentions": 15, "ownerships": 1, "nodes": 17, "relationships": 40}}`},
		{"CurationsEmpty", `{ curations { kind } }`, `{"curations": []}`},
		{"Introspection", `{ __type(name: "DealConnection") { fields { name } } }`,
			`{"__type": {"fields": [{"name": "edges"}, {"name": "pageInfo"}, {"name": "totalCount"}]}}`},
	}
	h := fixtureHandler(t, graph.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want any
			query(t, h, tt.query, nil, &got)
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatalf("bad want: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

// edgesSEGA is the edges of SEGA's depth-1 neighbourhood, in deal ID order.
func edgesSEGA() string {
	e := map[string]string{
		storetest.DealMicrosoftSEGA: `{"source": "microsoft", "target": "sega", "type": "PARTNERSHIP", "status": "ANNOUNCED"}`,
		storetest.DealSEGANintendo:  `{"source": "sega", "target": "nintendo", "type": "LICENSING", "status": "RUMORED"}`,
	}
	ids := sortedIDs(storetest.DealMicrosoftSEGA, storetest.DealSEGANintendo)
	return "[" + e[ids[0]] + "," + e[ids[1]] + "]"
}

func edgesTypes() string {
	e := map[string]string{
		storetest.DealSonyNintendo: `{"type": "SUPPLY"}`,
		storetest.DealSEGANintendo: `{"type": "LICENSING"}`,
	}
	ids := sortedIDs(storetest.DealSonyNintendo, storetest.DealSEGANintendo)
	return "[" + e[ids[0]] + "," + e[ids[1]] + "]"
}

// firstPartnerOfMicrosoft is the partner in Microsoft's deal of smallest
// ID: the one a neighbourhood limited to two nodes keeps.
func firstPartnerOfMicrosoft() string {
	partner := map[string]string{
		storetest.DealMicrosoftSEGA: storetest.SEGA,
		storetest.DealSonyMicrosoft: storetest.Sony,
		storetest.DealActivision:    storetest.Activision,
	}
	return partner[sortedIDs(storetest.DealMicrosoftSEGA, storetest.DealSonyMicrosoft, storetest.DealActivision)[0]]
}
