package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	pg "github.com/partnergraph/partnergraph"
)

// Run runs the contract suite. newStore must return a new, empty store for
// each call; it should register its own cleanup (closing the store) with t.
func Run(t *testing.T, newStore func(t *testing.T) pg.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s pg.Store)
	}{
		{"EmptyStore", testEmptyStore},
		{"WriteCounts", testWriteCounts},
		{"WriteIsIdempotent", testWriteIdempotent},
		{"WriteInBatchesEqualsOneBatch", testWriteInBatches},
		{"InvalidBatchWritesNothing", testInvalidBatch},
		{"UpsertUnionsAliases", testUpsertUnionsAliases},
		{"PlatformOwnerAndKindFillIn", testPlatformFillIn},
		{"DealAggregatesEvidence", testDealAggregation},
		{"DealAggregationOnLaterEvidence", testDealAggregationLater},
		{"DealKeepsStoredSummaryAndValue", testDealKeepsStored},
		{"DealWithoutEvidence", testDealWithoutEvidence},
		{"EvidenceKeyedByDealAndArticle", testEvidenceKeyed},
		{"SingleReadsReturnErrNotFound", testNotFound},
		{"ReadsReturnFixture", testReadsReturnFixture},
		{"ByIDReadsReturnOnlyExisting", testByID},
		{"CompanyByName", testCompanyByName},
		{"PlatformByName", testPlatformByName},
		{"PlatformsByOwner", testPlatformsByOwner},
		{"DealIDsByCompanyPlatformArticle", testDealIDsBy},
		{"EvidenceByDealOrder", testEvidenceOrder},
		{"DealsSorts", testDealsSorts},
		{"DealsFilters", testDealsFilters},
		{"DealsPagination", testDealsPagination},
		{"DealsCursorSurvivesInserts", testDealsCursorSurvivesInserts},
		{"DealsPageSize", testDealsPageSize},
		{"BadQueriesAreErrInvalid", testBadQueries},
		{"CompaniesSortsAndFilters", testCompanies},
		{"CompaniesPagination", testCompaniesPagination},
		{"PlatformsFiltersAndPagination", testPlatforms},
		{"ArticlesOrderFiltersAndPagination", testArticles},
		{"Search", testSearch},
		{"SearchRanksPerSearchScore", testSearchRanking},
		{"Stats", testStats},
		{"NeighborhoodEqualsWalk", testNeighborhoodEqualsWalk},
		{"CompanyDealsEqualsReads", testCompanyDealsEqualsReads},
		{"DealsWithCompanyDealsEqualsReads", testDealsWithCompanyDealsEqualsReads},
		{"CompanyViewEqualsReads", testCompanyViewEqualsReads},
		{"DealPageEqualsReads", testDealPageEqualsReads},
		{"CompanyPageEqualsReads", testCompanyPageEqualsReads},
		{"ResultsAreCopies", testResultsAreCopies},
		{"CurateAddAlias", testCurateAddAlias},
		{"CurateMerge", testCurateMerge},
		{"CurateSplit", testCurateSplit},
		{"CurateRejectDeal", testCurateRejectDeal},
		{"CurateDeleteArticle", testCurateDeleteArticle},
		{"CurateErrors", testCurateErrors},
		{"CurationsInOrder", testCurationsInOrder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore(t)) })
	}
	resolution := []struct {
		name string
		fn   func(t *testing.T, newStore func(t *testing.T) pg.Store)
	}{
		{"ResolveCompanyForms", testResolveCompanyForms},
		{"ResolveRenameAndAlias", testResolveRenameAndAlias},
		{"ResolveKeepsParentUnitAndArmApart", testResolveKeepsApart},
		{"ResolveSplitStays", testResolveSplitStays},
		{"ResolveRepeatedDeals", testResolveRepeatedDeals},
		{"ResolveDealToldTwice", testResolveDealToldTwice},
	}
	for _, tt := range resolution {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore) })
	}
}

// opts compares results: nil and empty slices and maps are equal, floats
// (confidences, scores) are equal to within rounding.
var opts = cmp.Options{cmpopts.EquateEmpty(), cmpopts.EquateApprox(0, 1e-9)}

// diff fails t when want and got differ.
func diff(t testing.TB, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, opts); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

func write(t testing.TB, s pg.Store, b pg.Batch) {
	t.Helper()
	if err := s.Write(t.Context(), b); err != nil {
		t.Fatalf("Write: %v", err)
	}
}

func curate(t testing.TB, s pg.Store, c pg.Curation) {
	t.Helper()
	if err := s.Curate(t.Context(), c); err != nil {
		t.Fatalf("Curate(%+v): %v", c, err)
	}
}

// withFixture writes Fixture to s and returns s.
func withFixture(t testing.TB, s pg.Store) pg.Store {
	t.Helper()
	write(t, s, Fixture())
	return s
}

func wantErr(t testing.TB, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want one wrapping %v", what, err, target)
	}
}

func ctx(t testing.TB) context.Context { return t.Context() }

// fixtureDeal returns the deal with the given ID as the fixture writes it,
// before aggregation.
func fixtureDeal(id string) pg.Deal {
	for _, d := range Fixture().Deals {
		if d.ID == id {
			return d
		}
	}
	panic("storetest: no fixture deal " + id)
}

// fixtureCompany returns the fixture's company with the given ID as a
// store holds it after writing the fixture: Activision Blizzard has the
// parent its completed acquisition gives it.
func fixtureCompany(id string) pg.Company {
	for _, c := range Fixture().Companies {
		if c.ID == id {
			if id == Activision {
				p := ActivisionParent
				c.Parent = &p
			}
			return c
		}
	}
	panic("storetest: no fixture company " + id)
}

// fixturePlatform returns the fixture's platform with the given ID.
func fixturePlatform(id string) pg.Platform {
	for _, p := range Fixture().Platforms {
		if p.ID == id {
			return p
		}
	}
	panic("storetest: no fixture platform " + id)
}

// snapshot is everything a store answers about a graph, read through the
// public methods, to compare two states of a store.
type snapshot struct {
	Counts    pg.Counts
	Companies []pg.Company
	Platforms []pg.Platform
	Deals     []pg.Deal
	Articles  map[string]pg.Article
	Evidence  map[string][]pg.Evidence
	ByCompany map[string][]string
	ByArticle map[string][]string
	Owned     map[string][]pg.Platform
	Curations []pg.Curation
}

// articleIDs are the article IDs snapshots read: the fixture's and the
// extra ones some subtests write.
var articleIDs = []string{ArticleCloud, ArticleBid, ArticleCloses, articleExtra, articleLater}

func takeSnapshot(t testing.TB, s pg.Store) snapshot {
	t.Helper()
	var sn snapshot
	var err error
	must := func(what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("snapshot: %s: %v", what, err)
		}
	}
	sn.Counts, err = s.Counts(ctx(t))
	must("Counts")
	sn.Companies = allCompanies(t, s, pg.CompanyQuery{})
	sn.Platforms = allPlatforms(t, s, pg.PlatformQuery{})
	sn.Deals = allDeals(t, s, pg.DealQuery{})
	sn.Articles, err = s.ArticlesByID(ctx(t), articleIDs)
	must("ArticlesByID")
	var dealIDs, companyIDs []string
	for _, d := range sn.Deals {
		dealIDs = append(dealIDs, d.ID)
	}
	for _, c := range sn.Companies {
		companyIDs = append(companyIDs, c.ID)
	}
	sn.Evidence, err = s.EvidenceByDeal(ctx(t), dealIDs)
	must("EvidenceByDeal")
	sn.ByCompany, err = s.DealIDsByCompany(ctx(t), companyIDs)
	must("DealIDsByCompany")
	sn.ByArticle, err = s.DealIDsByArticle(ctx(t), articleIDs)
	must("DealIDsByArticle")
	sn.Owned, err = s.PlatformsByOwner(ctx(t), companyIDs)
	must("PlatformsByOwner")
	sn.Curations, err = s.Curations(ctx(t))
	must("Curations")
	return sn
}

// allDeals pages through every deal matching q, MaxPageSize at a time.
func allDeals(t testing.TB, s pg.Store, q pg.DealQuery) []pg.Deal {
	t.Helper()
	q.First = pg.MaxPageSize
	var out []pg.Deal
	for {
		p, err := s.Deals(ctx(t), q)
		if err != nil {
			t.Fatalf("Deals(%+v): %v", q, err)
		}
		out = append(out, p.Items...)
		if !p.HasNextPage {
			return out
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
}

func allCompanies(t testing.TB, s pg.Store, q pg.CompanyQuery) []pg.Company {
	t.Helper()
	q.First = pg.MaxPageSize
	var out []pg.Company
	for {
		p, err := s.Companies(ctx(t), q)
		if err != nil {
			t.Fatalf("Companies(%+v): %v", q, err)
		}
		out = append(out, p.Items...)
		if !p.HasNextPage {
			return out
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
}

func allPlatforms(t testing.TB, s pg.Store, q pg.PlatformQuery) []pg.Platform {
	t.Helper()
	q.First = pg.MaxPageSize
	var out []pg.Platform
	for {
		p, err := s.Platforms(ctx(t), q)
		if err != nil {
			t.Fatalf("Platforms(%+v): %v", q, err)
		}
		out = append(out, p.Items...)
		if !p.HasNextPage {
			return out
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
}

func dealIDs(ds []pg.Deal) []string {
	ids := make([]string, 0, len(ds))
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	return ids
}

func companyIDs(cs []pg.Company) []string {
	ids := make([]string, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func platformIDs(ps []pg.Platform) []string {
	ids := make([]string, 0, len(ps))
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

// sorted returns ids in ascending order, for expectations on ID ties.
func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// concat joins lists of IDs.
func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
