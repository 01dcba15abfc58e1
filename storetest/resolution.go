package storetest

import (
	"slices"
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// The resolution contract: companies and deals written in separate batches
// are resolved across the graph (see pg.Writer), and the outcome does not
// depend on the order of the batches.

// articleBatch is one article's facts: its companies and one deal between
// the first two, reported with the given claim.
func articleBatch(article, published string, companies []pg.Company, t pg.DealType, roles [2]pg.Role, year int, status pg.DealStatus, value *float64) pg.Batch {
	parties := []pg.Party{{CompanyID: companies[0].ID, Role: roles[0]}, {CompanyID: companies[1].ID, Role: roles[1]}}
	id := pg.DealID(t, parties)
	b := pg.Batch{
		Articles:  []pg.Article{{ID: article, Title: article, Published: published}},
		Companies: companies,
		Deals:     []pg.Deal{{ID: id, Type: t, Parties: parties}},
		Evidence: []pg.Evidence{{DealID: id, ArticleID: article, Sentence: "A deal.", End: 7, Year: year, Status: status,
			Confidence: 0.8, Published: published, Type: t, Parties: parties, Value: value}},
	}
	for _, c := range companies {
		b.Mentions = append(b.Mentions, pg.Mention{ArticleID: article, Kind: pg.MentionCompany, EntityID: c.ID})
	}
	return b
}

var (
	buyer    = [2]pg.Role{pg.RoleBuyer, pg.RoleTarget}
	investor = [2]pg.Role{pg.RoleInvestor, pg.RoleInvestee}
)

func co(name string, aliases ...string) pg.Company {
	return pg.Company{ID: pg.CompanyID(name), Name: name, Aliases: aliases}
}

// inOrders writes the batches to fresh stores in order and reversed and
// checks that both give the same graph; it returns the store written in
// order.
func inOrders(t *testing.T, newStore func(t *testing.T) pg.Store, batches ...pg.Batch) pg.Store {
	t.Helper()
	var ids []string
	for _, b := range batches {
		for _, a := range b.Articles {
			ids = append(ids, a.ID)
		}
	}
	var dumps []string
	var first pg.Store
	for _, reverse := range []bool{false, true} {
		s := newStore(t)
		bs := slices.Clone(batches)
		if reverse {
			slices.Reverse(bs)
		}
		for _, b := range bs {
			write(t, s, b)
		}
		d, err := Dump(ctx(t), s, ids)
		if err != nil {
			t.Fatal(err)
		}
		dumps = append(dumps, d)
		if first == nil {
			first = s
		}
	}
	if dumps[0] != dumps[1] {
		t.Errorf("the batches make another graph in reverse order:\n--- in order\n%s--- reversed\n%s", dumps[0], dumps[1])
	}
	return first
}

func company(t *testing.T, s pg.Store, name string) pg.Company {
	t.Helper()
	c, err := s.CompanyByName(ctx(t), name)
	if err != nil {
		t.Fatalf("CompanyByName(%q): %v", name, err)
	}
	return c
}

func testResolveCompanyForms(t *testing.T, newStore func(t *testing.T) pg.Store) {
	ms := co("Microsoft")
	s := inOrders(t, newStore,
		articleBatch("a:1", "2021-04-12", []pg.Company{ms, co("Nuance Communications Inc")}, pg.Acquisition, buyer, 2021, pg.Announced, nil),
		articleBatch("a:2", "2021-04-27", []pg.Company{ms, co("Nuance")}, pg.Acquisition, buyer, 2021, pg.Announced, nil),
		articleBatch("a:3", "2022-03-04", []pg.Company{ms, co("Nuance Communications")}, pg.Acquisition, buyer, 2022, pg.Completed, nil),
	)
	n := company(t, s, "Nuance Communications Inc")
	diff(t, "the company of three spellings", pg.Company{ID: "nuance", Name: "Nuance", Aliases: []string{"Nuance Communications", "Nuance Communications Inc"},
		Parent: &pg.Ownership{ParentID: "microsoft", ChildID: "nuance", ArticleID: "a:3", DealID: pg.DealID(pg.Acquisition, []pg.Party{{CompanyID: "microsoft", Role: pg.RoleBuyer}, {CompanyID: "nuance", Role: pg.RoleTarget}}), Date: "2022-03-04"}}, n)
	for _, gone := range []string{"nuance-communications", "nuance-communications-inc"} {
		if _, err := s.Company(ctx(t), gone); err == nil {
			t.Errorf("company %s is still stored", gone)
		}
	}
	ids, err := s.DealIDsByCompany(ctx(t), []string{"nuance"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids["nuance"]) != 1 {
		t.Fatalf("deals of nuance: %v, want one", ids)
	}
	ev, _ := s.EvidenceByDeal(ctx(t), ids["nuance"])
	if len(ev[ids["nuance"][0]]) != 3 {
		t.Errorf("the acquisition has %d sources, want 3", len(ev[ids["nuance"][0]]))
	}
	d, _ := s.Deal(ctx(t), ids["nuance"][0])
	if d.Summary != "Microsoft acquisition of Nuance" || d.Status != pg.Completed || d.Year != 2021 {
		t.Errorf("deal = %+v", d)
	}
}

func testResolveRenameAndAlias(t *testing.T, newStore func(t *testing.T) pg.Store) {
	meta := co("Meta", "Facebook")
	meta.Links = []pg.NameLink{{Name: "Facebook", Reason: pg.LinkRename, ArticleID: "a:2"}}
	aws := co("Amazon Web Services", "AWS")
	aws.Links = []pg.NameLink{{Name: "AWS", Reason: pg.LinkAlias, ArticleID: "a:3"}}
	s := inOrders(t, newStore,
		articleBatch("a:1", "2019-09-23", []pg.Company{co("Facebook"), co("Ctrl-labs")}, pg.Acquisition, buyer, 2019, pg.Announced, nil),
		articleBatch("a:2", "2022-01-01", []pg.Company{meta, co("Ctrl-labs")}, pg.Acquisition, buyer, 2019, pg.Completed, nil),
		articleBatch("a:3", "2020-01-01", []pg.Company{co("Zoom"), aws}, pg.Supply, [2]pg.Role{pg.RoleCustomer, pg.RoleSupplier}, 2020, pg.Completed, nil),
		articleBatch("a:4", "2020-02-01", []pg.Company{co("Zoom"), co("AWS")}, pg.Supply, [2]pg.Role{pg.RoleCustomer, pg.RoleSupplier}, 2020, pg.Completed, nil),
	)
	m := company(t, s, "facebook")
	if m.ID != "meta" || m.Name != "Meta" || !slices.Contains(m.Aliases, "Facebook") {
		t.Errorf("Facebook = %+v, want it under its new name Meta", m)
	}
	if l := pg.LinkFor("Facebook", m.Name, m.Links); l.Reason != pg.LinkRename || l.ArticleID != "a:2" {
		t.Errorf("why Facebook is Meta: %+v", l)
	}
	// The name an article gives as another name joins the company of that
	// name; the shorter name is shown.
	if a := company(t, s, "Amazon Web Services"); a.ID != company(t, s, "AWS").ID {
		t.Errorf("AWS and Amazon Web Services are two companies")
	}
}

func testResolveKeepsApart(t *testing.T, newStore func(t *testing.T) pg.Store) {
	own := articleBatch("a:1", "2020-01-01", []pg.Company{co("Sony"), co("Sony Electronics")}, pg.Supply, [2]pg.Role{pg.RoleSupplier, pg.RoleCustomer}, 2020, pg.Completed, nil)
	own.Ownerships = []pg.Ownership{{ParentID: "sony", ChildID: "sony-electronics", ArticleID: "a:1", Date: "2020-01-01"}}
	later := articleBatch("a:2", "2021-01-01", []pg.Company{co("Sony Electronics Inc"), co("Panasonic")}, pg.Partnership, [2]pg.Role{pg.RolePartner, pg.RolePartner}, 2021, pg.Announced, nil)
	arm := articleBatch("a:3", "2021-01-01", []pg.Company{co("Intel Capital"), co("Habana")}, pg.Investment, investor, 2017, pg.Completed, nil)
	intel := articleBatch("a:4", "2019-12-16", []pg.Company{co("Intel"), co("Habana Labs")}, pg.Acquisition, buyer, 2019, pg.Completed, nil)
	s := inOrders(t, newStore, own, later, arm, intel)
	se := company(t, s, "Sony Electronics Inc")
	if se.ID != "sony-electronics" || se.Parent == nil || se.Parent.ParentID != "sony" {
		t.Errorf("Sony Electronics = %+v, want a company of its own owned by Sony", se)
	}
	subs, err := s.Subsidiaries(ctx(t), []string{"sony", "intel"})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "Subsidiaries", map[string][]string{"sony": {"sony-electronics"}, "intel": {"habana"}}, subs)
	if ic := company(t, s, "Intel Capital"); ic.ID == "intel" {
		t.Error("the venture arm joined its parent")
	}
	if h := company(t, s, "Habana Labs"); h.ID != "habana" || h.Name != "Habana" {
		t.Errorf("Habana Labs = %+v, want Habana", h)
	}
	c, _ := s.Counts(ctx(t))
	if c.Ownerships != 2 {
		t.Errorf("Ownerships = %d, want 2", c.Ownerships)
	}
}

func testResolveSplitStays(t *testing.T, newStore func(t *testing.T) pg.Store) {
	s := newStore(t)
	write(t, s, articleBatch("a:1", "2020-01-01", []pg.Company{co("Attivo Networks"), co("SentinelOne")}, pg.Partnership, [2]pg.Role{pg.RolePartner, pg.RolePartner}, 2020, pg.Announced, nil))
	write(t, s, articleBatch("a:2", "2020-02-01", []pg.Company{co("Attivo"), co("Fortinet")}, pg.Partnership, [2]pg.Role{pg.RolePartner, pg.RolePartner}, 2020, pg.Announced, nil))
	a := company(t, s, "Attivo Networks")
	if a.ID != "attivo" || !slices.Contains(a.Aliases, "Attivo Networks") {
		t.Fatalf("Attivo = %+v, want the short form to join", a)
	}
	curate(t, s, pg.Curation{Kind: pg.CurateSplit, CompanyID: "attivo", Alias: "Attivo Networks", Reason: "two firms"})
	// The same articles again: the split stands.
	write(t, s, articleBatch("a:1", "2020-01-01", []pg.Company{co("Attivo Networks"), co("SentinelOne")}, pg.Partnership, [2]pg.Role{pg.RolePartner, pg.RolePartner}, 2020, pg.Announced, nil))
	write(t, s, articleBatch("a:2", "2020-02-01", []pg.Company{co("Attivo"), co("Fortinet")}, pg.Partnership, [2]pg.Role{pg.RolePartner, pg.RolePartner}, 2020, pg.Announced, nil))
	if n := company(t, s, "Attivo Networks"); n.ID != "attivo-networks" {
		t.Errorf("after the split, Attivo Networks = %+v", n)
	}
	if n := company(t, s, "Attivo"); slices.Contains(n.Aliases, "Attivo Networks") {
		t.Errorf("the split-off name came back: %+v", n)
	}
}

func testResolveRepeatedDeals(t *testing.T, newStore func(t *testing.T) pg.Store) {
	ms, oa := co("Microsoft"), co("OpenAI")
	s := inOrders(t, newStore,
		articleBatch("a:1", "2019-07-22", []pg.Company{ms, oa}, pg.Investment, investor, 2019, pg.Announced, ptr(1e9)),
		articleBatch("a:2", "2019-08-02", []pg.Company{ms, oa}, pg.Investment, investor, 2019, pg.Completed, ptr(1e9)),
		articleBatch("a:3", "2023-01-23", []pg.Company{ms, oa}, pg.Investment, investor, 2023, pg.Completed, ptr(10e9)),
		articleBatch("a:4", "2023-03-22", []pg.Company{ms, oa}, pg.Investment, investor, 2023, pg.Completed, nil),
	)
	ids, err := s.DealIDsByCompany(ctx(t), []string{"openai"})
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := s.DealsByID(ctx(t), ids["openai"])
	ev, _ := s.EvidenceByDeal(ctx(t), ids["openai"])
	byYear := map[int][]string{}
	for id, d := range ds {
		for _, e := range ev[id] {
			byYear[d.Year] = append(byYear[d.Year], e.ArticleID)
		}
		if d.Year == 2023 && (d.Value == nil || *d.Value != 10e9) {
			t.Errorf("the 2023 round's value = %v, want 1e10", d.Value)
		}
	}
	diff(t, "rounds", map[int][]string{2019: {"a:1", "a:2"}, 2023: {"a:3", "a:4"}}, byYear)
}

// testResolveDealToldTwice checks that an article telling one deal twice
// under two spellings of a company, which the store makes one company, is
// one source of one deal, while its two rounds of different amounts stay
// two deals.
func testResolveDealToldTwice(t *testing.T, newStore func(t *testing.T) pg.Store) {
	sap, long, short := co("SAP"), co("Qualtrics International Inc"), co("Qualtrics")
	first := articleBatch("a:1", "2018-11-11", []pg.Company{sap, long}, pg.Acquisition, buyer, 2018, pg.Announced, ptr(8e9))
	again := articleBatch("a:1", "2018-11-11", []pg.Company{sap, short}, pg.Acquisition, buyer, 2018, pg.Announced, ptr(7.9e9))
	first.Companies = append(first.Companies, short)
	first.Deals = append(first.Deals, again.Deals...)
	e := again.Evidence[0]
	e.Sentence, e.Start, e.End = "Another sentence.", 40, 57
	first.Evidence = append(first.Evidence, e)
	// The same article's two rounds of an investor: two deals.
	vc := co("Sequoia")
	for i, v := range []float64{35e6, 80e6} {
		r := articleBatch("a:1", "2018-11-11", []pg.Company{vc, short}, pg.Investment, investor, 2016, pg.Completed, ptr(v))
		r.Evidence[0].Start, r.Evidence[0].End = 100+20*i, 110+20*i
		r.Deals[0].ID = pg.DealIDAt(pg.Investment, r.Deals[0].Parties, 2016, i)
		r.Evidence[0].DealID = r.Deals[0].ID
		first.Companies = append(first.Companies, vc)
		first.Deals = append(first.Deals, r.Deals...)
		first.Evidence = append(first.Evidence, r.Evidence...)
	}
	s := inOrders(t, newStore, first,
		articleBatch("a:2", "2019-01-24", []pg.Company{sap, short}, pg.Acquisition, buyer, 2019, pg.Completed, ptr(8e9)))
	q := company(t, s, "Qualtrics International Inc")
	if q.ID != "qualtrics" {
		t.Fatalf("Qualtrics International Inc is %+v, want the company qualtrics", q)
	}
	ids, err := s.DealIDsByCompany(ctx(t), []string{"qualtrics"})
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := s.DealsByID(ctx(t), ids["qualtrics"])
	ev, _ := s.EvidenceByDeal(ctx(t), ids["qualtrics"])
	got := map[pg.DealType][][]string{}
	for id, d := range ds {
		var as []string
		for _, e := range ev[id] {
			as = append(as, e.ArticleID)
		}
		slices.Sort(as)
		got[d.Type] = append(got[d.Type], as)
	}
	for _, l := range got {
		slices.SortFunc(l, slices.Compare)
	}
	diff(t, "deals and their sources", map[pg.DealType][][]string{
		pg.Acquisition: {{"a:1", "a:2"}},
		pg.Investment:  {{"a:1"}, {"a:1"}},
	}, got)
}

func ptr(v float64) *float64 { return &v }
