package memstore

import (
	"cmp"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// set is a set of IDs built by a read; the state's indexes keep theirs as
// [refs].
type set map[string]struct{}

func (s set) add(id string) { s[id] = struct{}{} }

// mentionRef is a mention seen from its article: the kind (a number in
// the state's word table) and the entity mentioned.
type mentionRef struct {
	kind word
	id   ref
}

// compareRefs orders mentions of one article by kind, then by the ID of
// the entity.
func (s *state) compareRefs(a, b mentionRef) int {
	if a.kind != b.kind {
		return cmp.Compare(s.wordList[a.kind], s.wordList[b.kind])
	}
	return s.ids.compare(a.id, b.id)
}

// state is the whole graph in memory with the indexes the reads need. It is
// guarded by Store.mu; only apply changes it.
type state struct {
	companies table[pg.Company]
	platforms map[string]pg.Platform
	deals     table[deal]
	articles  table[article]
	// evidence maps a deal to its evidence, in ascending order of article
	// ID.
	evidence  map[ref][]evidence
	curations []pg.Curation

	// ids numbers every ID the state holds; the indexes below hold the
	// numbers.
	ids idTable

	// Lower-cased name and alias of platforms -> IDs (those of companies
	// are in names).
	platformNames, platformAliases map[string]refs
	// Company, platform and article ID -> IDs of its deals.
	companyDeals, platformDeals, articleDeals map[ref]refs
	// Company -> the companies it shares a deal with, and pair of
	// companies -> the deals both are parties to, both in no order: the
	// neighbourhood finds the deals among a set of companies through them
	// without reading every deal of a hub.
	partners  map[ref][]ref
	pairDeals pairIndex
	// Company ID -> IDs of the acquisitions it is a target of
	// (storekit.TargetIndex).
	targetDeals map[ref]refs
	// Owner company ID -> IDs of the platforms it owns.
	ownerPlatforms map[ref]refs
	// keys finds the companies by their match keys (storekit.MatchKeys).
	keys keyIndex
	// Parent company ID -> IDs of the companies it owns, and of those an
	// article states it owns.
	children, claimed map[ref]refs
	// Each mention is kept once from each end: article ID -> the entities
	// it mentions, in compareRefs order, and entity kind and ID -> the
	// articles mentioning it, in no order (an entity can have thousands,
	// which a sorted insert would move on every write).
	articleMentions map[ref][]mentionRef
	entityMentions  map[pg.MentionKind]map[ref][]ref

	// names holds the companies' sorted names and aliases for prefix
	// filters, search the trigram postings of every company, platform and
	// deal summary for Search.
	names  nameIndex
	search *searchIndex

	// words and ruleLists hold the single copies of short strings and of
	// lists of rule names that records share (see canon).
	words     map[string]string
	ruleLists [][]string
	ruleIDs   map[string]word
	// wordIDs and wordList number the words of evidence (see evidence).
	wordIDs  map[string]word
	wordList []string

	// sets and pairsBefore hold what apply defers to its end (see
	// flushSets and flushPartners); both are empty outside apply.
	sets        setEdits
	pairsBefore map[pairKey]bool

	// nEvidence and nParties etc. are running totals for Counts.
	nEvidence, nMentions, nParties, nDealPlatforms, nOwners, nOwnerships int

	// version grows with every change; sorted orders are cached per version.
	version uint64
}

func newState() *state {
	s := &state{
		companies:       newTable[pg.Company](),
		platforms:       map[string]pg.Platform{},
		deals:           newTable[deal](),
		articles:        newTable[article](),
		evidence:        map[ref][]evidence{},
		ids:             newIDTable(),
		platformNames:   map[string]refs{},
		platformAliases: map[string]refs{},
		companyDeals:    map[ref]refs{},
		targetDeals:     map[ref]refs{},
		partners:        map[ref][]ref{},
		pairDeals:       newPairIndex(),
		platformDeals:   map[ref]refs{},
		articleDeals:    map[ref]refs{},
		ownerPlatforms:  map[ref]refs{},
		children:        map[ref]refs{},
		claimed:         map[ref]refs{},
		articleMentions: map[ref][]mentionRef{},
		entityMentions:  map[pg.MentionKind]map[ref][]ref{},
		search:          newSearchIndex(),
		words:           map[string]string{},
		ruleLists:       [][]string{nil},
		ruleIDs:         map[string]word{},
		wordIDs:         map[string]word{"": 0},
		wordList:        []string{""},
		sets:            setEdits{},
		pairsBefore:     map[pairKey]bool{},
	}
	s.keys = newKeyIndex(&s.ids)
	return s
}

// company returns the company with the given ID. It never changes the
// state; the pointer is valid until the state changes.
func (s *state) company(id string) (*pg.Company, bool) {
	r, ok := s.ids.lookup(id)
	if !ok {
		return nil, false
	}
	return s.companies.get(r)
}

// companyValue returns the company with the given ID, or the zero
// company. It never changes the state.
func (s *state) companyValue(id string) pg.Company {
	if c, ok := s.company(id); ok {
		return *c
	}
	return pg.Company{}
}

// setOf returns the set of the ID key in idx, or nil. It never changes
// the state.
func (s *state) setOf(idx map[ref]refs, key string) refs {
	k, ok := s.ids.lookup(key)
	if !ok {
		return nil
	}
	return idx[k]
}

// idsOf returns the IDs of the set of key in idx, in ascending order, as a
// slice of the caller's; nil when there are none.
func (s *state) idsOf(idx map[ref]refs, key string) []string {
	return s.ids.strings(s.setOf(idx, key))
}

// delta is a set of changes to apply to the state at once, with the
// curations recorded with them. It is what one Write or Curate persists in
// one bbolt transaction.
type delta struct {
	storekit.Changes
	curations []pg.Curation
}

func newDelta() *delta {
	return &delta{Changes: storekit.NewChanges()}
}

// apply makes the changes of d. It cannot fail: everything was validated
// before d was built.
func (s *state) apply(d *delta) {
	for id, c := range d.Companies {
		r := s.ids.intern(id)
		var old, own *pg.Company
		if o, ok := s.companies.get(r); ok {
			c := *o
			old = &c
		}
		if c != nil {
			o := s.ownCompany(*c)
			own = &o
		}
		// The name index holds the kept record's ID and name.
		s.names.update(old, own)
		s.keys.update(old, own)
		s.unindexCompany(r)
		if own != nil {
			s.companies.put(r, *own)
			s.indexCompany(*own)
		} else {
			s.search.remove(searchRef{searchCompany, r})
		}
	}
	for id, p := range d.Platforms {
		s.unindexPlatform(id)
		if p != nil {
			s.platforms[id] = *p
			s.indexPlatform(*p)
		} else {
			s.search.remove(searchRef{searchPlatform, s.ids.intern(id)})
		}
	}
	for id, a := range d.Articles {
		if a == nil {
			if r, ok := s.ids.lookup(id); ok {
				s.articles.remove(r)
			}
			continue
		}
		s.articles.put(s.ids.intern(id), s.compactArticle(*a))
	}
	for id, dl := range d.Deals {
		r := s.ids.intern(id)
		var old, own *deal
		if o, ok := s.deals.get(r); ok {
			c := *o
			old = &c
		}
		if dl != nil {
			c := s.compactDeal(*dl)
			own = &c
		}
		s.updatePairs(r, old, own)
		s.unindexDeal(r)
		if own != nil {
			s.deals.put(r, *own)
			s.indexDeal(own)
		} else {
			s.search.remove(searchRef{searchDeal, r})
		}
	}
	for k, e := range d.Evidence {
		deal := s.ids.intern(k.DealID)
		ev := s.evidence[deal]
		i, found := slices.BinarySearchFunc(ev, k.ArticleID, s.byArticle)
		switch {
		case found && e != nil:
			ev[i] = s.compact(*e)
		case found:
			if ev = slices.Delete(ev, i, i+1); len(ev) == 0 {
				delete(s.evidence, deal)
			} else {
				s.evidence[deal] = ev
			}
			s.removeFrom(&s.articleDeals, k.ArticleID, k.DealID)
			s.nEvidence--
		case e != nil:
			s.evidence[deal] = slices.Insert(ev, i, s.compact(*e))
			s.addTo(&s.articleDeals, k.ArticleID, k.DealID)
			s.nEvidence++
		}
	}
	var dropped []mention
	for m, put := range d.Mentions {
		a := s.ids.intern(m.ArticleID)
		r := mentionRef{s.wordID(string(m.Kind)), s.ids.intern(m.EntityID)}
		refs := s.articleMentions[a]
		i, had := slices.BinarySearchFunc(refs, r, s.compareRefs)
		switch {
		case put && !had:
			s.articleMentions[a] = slices.Insert(refs, i, r)
			s.addEntityMention(m.Kind, r.id, a)
			s.nMentions++
		case !put && had:
			if refs = slices.Delete(refs, i, i+1); len(refs) == 0 {
				delete(s.articleMentions, a)
			} else {
				s.articleMentions[a] = refs
			}
			dropped = append(dropped, mention{m.Kind, r.id, a})
			s.nMentions--
		}
	}
	s.dropEntityMentions(dropped)
	s.flushSets()
	s.flushPartners()
	s.search.compact()
	s.curations = append(s.curations, d.curations...)
	s.version++
}

// The records written come with their own copy of every string: a
// company's ID in each deal and mention naming it, a deal's type in each
// deal, and so on (a file read back decodes one per record). Before a
// record is kept, the own* methods below (and the compact* ones, for
// deals, articles and evidence) replace the IDs in it with the ID table's
// copies or refs and its words (types, statuses, roles, currencies,
// dates, publishers, rule names) with the state's single copy or its
// number, so that equal strings are held once; slices that would
// otherwise be written in place are copied first, never changed.

func (s *state) companyID(id string) string  { return s.ids.own(id) }
func (s *state) articleID(id string) string  { return s.ids.own(id) }
func (s *state) platformID(id string) string { return s.ids.own(id) }
func (s *state) dealID(id string) string     { return s.ids.own(id) }

// word returns the state's copy of w.
func (s *state) word(w string) string {
	if c, ok := s.words[w]; ok {
		return c
	}
	s.words[w] = w
	return w
}

// ruleListID returns the number of a list of rule names in the state's
// table of them, adding it; nil is 0. Evidence keeps the number, and
// equal lists are held once.
func (s *state) ruleListID(rs []string) word {
	if rs == nil {
		return 0
	}
	k := strings.Join(rs, "\x00")
	if n, ok := s.ruleIDs[k]; ok && slices.Equal(s.ruleLists[n], rs) {
		return n
	}
	c := make([]string, len(rs))
	for i, r := range rs {
		c[i] = s.word(r)
	}
	n := word(len(s.ruleLists))
	s.ruleLists = append(s.ruleLists, c)
	s.ruleIDs[k] = n
	return n
}

// ownCompany returns c as the state keeps it: its IDs and words shared
// (see canon) and its own copy of its names, which the loader gives as
// slices of an article's text that would otherwise stay in memory with
// the company.
func (s *state) ownCompany(c pg.Company) pg.Company {
	c.ID = s.companyID(c.ID)
	c.Name = strings.Clone(c.Name)
	if c.Aliases != nil {
		aliases := make([]string, len(c.Aliases))
		for i, a := range c.Aliases {
			aliases[i] = strings.Clone(a)
		}
		c.Aliases = aliases
	}
	if c.Links != nil {
		links := make([]pg.NameLink, len(c.Links))
		for i, l := range c.Links {
			links[i] = pg.NameLink{Name: strings.Clone(l.Name), Reason: pg.LinkReason(s.word(string(l.Reason))), ArticleID: s.articleID(l.ArticleID)}
		}
		c.Links = links
	}
	c.Parent, c.Stated = s.ownOwnership(c.Parent), s.ownOwnership(c.Stated)
	return c
}

// ownOwnership returns a copy of o with the state's IDs and words, or nil.
func (s *state) ownOwnership(o *pg.Ownership) *pg.Ownership {
	if o == nil {
		return nil
	}
	return &pg.Ownership{ParentID: s.companyID(o.ParentID), ChildID: s.companyID(o.ChildID),
		ArticleID: s.articleID(o.ArticleID), DealID: s.dealID(o.DealID), Date: s.word(o.Date)}
}

func (s *state) ownParties(ps []pg.Party) []pg.Party {
	if ps == nil {
		return nil
	}
	out := make([]pg.Party, len(ps))
	for i, p := range ps {
		out[i] = pg.Party{CompanyID: s.companyID(p.CompanyID), Role: pg.Role(s.word(string(p.Role)))}
	}
	return out
}

func (s *state) ownPlatformIDs(ids []string) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = s.platformID(id)
	}
	return out
}

// mention is a mention as refs: the entity of the given kind, and the
// article mentioning it.
type mention struct {
	kind            pg.MentionKind
	entity, article ref
}

// addEntityMention adds the mention of the entity of the given kind by
// the article to the entity's end of the index.
func (s *state) addEntityMention(kind pg.MentionKind, entity, article ref) {
	byID, ok := s.entityMentions[kind]
	if !ok {
		byID = map[ref][]ref{}
		s.entityMentions[pg.MentionKind(s.word(string(kind)))] = byID
	}
	byID[entity] = append(byID[entity], article)
}

// dropEntityMentions removes mentions from the entities' end of the
// index, each entity's list in one pass, so that taking every mention of a
// hub away costs one read of its list.
func (s *state) dropEntityMentions(ms []mention) {
	type entity struct {
		kind pg.MentionKind
		id   ref
	}
	byEntity := map[entity]map[ref]struct{}{}
	for _, m := range ms {
		e := entity{m.kind, m.entity}
		if byEntity[e] == nil {
			byEntity[e] = map[ref]struct{}{}
		}
		byEntity[e][m.article] = struct{}{}
	}
	for e, articles := range byEntity {
		byID := s.entityMentions[e.kind]
		left := slices.DeleteFunc(byID[e.id], func(a ref) bool {
			_, drop := articles[a]
			return drop
		})
		if len(left) == 0 {
			delete(byID, e.id)
			continue
		}
		byID[e.id] = left
	}
}

func (s *state) indexCompany(c pg.Company) {
	s.search.put(searchRef{searchCompany, s.ids.intern(c.ID)}, c.Name, c.Aliases)
	if c.Parent != nil {
		s.addTo(&s.children, c.Parent.ParentID, c.ID)
		s.nOwnerships++
	}
	if c.Stated != nil {
		s.addTo(&s.claimed, c.Stated.ParentID, c.ID)
	}
}

// unindexCompany takes the company whose ID has ref r out of the indexes
// and the state, if it is there.
func (s *state) unindexCompany(r ref) {
	c, ok := s.companies.get(r)
	if !ok {
		return
	}
	id := c.ID
	if c.Parent != nil {
		s.removeFrom(&s.children, c.Parent.ParentID, id)
		s.nOwnerships--
	}
	if c.Stated != nil {
		s.removeFrom(&s.claimed, c.Stated.ParentID, id)
	}
	s.companies.remove(r)
}

// searchText returns the name and aliases a search hit on ref is scored
// by: a company's or platform's, or a deal's summary.
func (s *state) searchText(r searchRef) (string, []string) {
	id := s.ids.str(r.id)
	switch r.kind {
	case searchCompany:
		c, _ := s.companies.get(r.id)
		return c.Name, c.Aliases
	case searchPlatform:
		p := s.platforms[id]
		return p.Name, p.Aliases
	}
	d, _ := s.deals.get(r.id)
	return d.summary, nil
}

func (s *state) indexPlatform(p pg.Platform) {
	s.search.put(searchRef{searchPlatform, s.ids.intern(p.ID)}, p.Name, p.Aliases)
	r := s.ids.intern(p.ID)
	insertRef(&s.ids, s.platformNames, strings.ToLower(p.Name), r)
	for _, a := range p.Aliases {
		insertRef(&s.ids, s.platformAliases, strings.ToLower(a), r)
	}
	if p.OwnerID != "" {
		s.addTo(&s.ownerPlatforms, p.OwnerID, p.ID)
		s.nOwners++
	}
}

func (s *state) unindexPlatform(id string) {
	p, ok := s.platforms[id]
	if !ok {
		return
	}
	r := s.ids.intern(id)
	deleteRef(&s.ids, s.platformNames, strings.ToLower(p.Name), r)
	for _, a := range p.Aliases {
		deleteRef(&s.ids, s.platformAliases, strings.ToLower(a), r)
	}
	if p.OwnerID != "" {
		s.removeFrom(&s.ownerPlatforms, p.OwnerID, id)
		s.nOwners--
	}
	delete(s.platforms, id)
}

func (s *state) indexDeal(d *deal) {
	s.search.put(searchRef{searchDeal, d.id}, d.summary, nil)
	acquisition := d.dealType(s) == pg.Acquisition
	for _, p := range d.parties {
		s.edit(&s.companyDeals, p.company, setOp{d.id, true})
		if acquisition && pg.Role(s.wordList[p.role]) == pg.RoleTarget {
			s.edit(&s.targetDeals, p.company, setOp{d.id, true})
		}
	}
	for _, p := range d.platforms {
		s.edit(&s.platformDeals, p, setOp{d.id, true})
	}

	s.nParties += len(d.parties)
	s.nDealPlatforms += len(d.platforms)
}

// unindexDeal takes the deal whose ID has ref r out of the indexes and
// the state, if it is there.
func (s *state) unindexDeal(r ref) {
	d, ok := s.deals.get(r)
	if !ok {
		return
	}
	for _, p := range d.parties {
		s.edit(&s.companyDeals, p.company, setOp{r, false})
		s.edit(&s.targetDeals, p.company, setOp{r, false})
	}
	for _, p := range d.platforms {
		s.edit(&s.platformDeals, p, setOp{r, false})
	}
	s.nParties -= len(d.parties)
	s.nDealPlatforms -= len(d.platforms)
	s.deals.remove(r)
}

// updatePairs moves deal id from the company pairs of its old parties
// (old is nil when the deal is new) to those of its new ones (nil when it
// is deleted); a deal whose set of parties did not change is left alone.
// The partners of the companies are brought in line with the pairs at the
// end of apply (flushPartners).
func (s *state) updatePairs(deal ref, old, d *deal) {
	before, after := partySet(old), partySet(d)
	if slices.Equal(before, after) {
		return
	}
	note := func(k pairKey) {
		if _, seen := s.pairsBefore[k]; !seen {
			s.pairsBefore[k] = s.pairDeals.has(k)
		}
	}
	eachPair(before, func(k pairKey) {
		note(k)
		s.pairDeals.remove(k, deal)
	})
	eachPair(after, func(k pairKey) {
		note(k)
		s.pairDeals.add(k, deal)
	})
}

// flushPartners adds the pairs that gained their first deal during apply
// to the partners of both companies and takes those left without a deal
// out, each company's list in one pass, so that taking every deal of a hub
// away costs one read of its partners rather than one per partner.
func (s *state) flushPartners() {
	drops := map[ref]map[ref]struct{}{}
	drop := func(a, b ref) {
		if drops[a] == nil {
			drops[a] = map[ref]struct{}{}
		}
		drops[a][b] = struct{}{}
	}
	for k, had := range s.pairsBefore {
		a, b := k.refs()
		switch has := s.pairDeals.has(k); {
		case had && !has:
			drop(a, b)
			drop(b, a)
		case has && !had:
			s.partners[a] = append(s.partners[a], b)
			s.partners[b] = append(s.partners[b], a)
		}
	}
	if len(s.pairsBefore) > maxKeptScratch {
		s.pairsBefore = map[pairKey]bool{}
	} else {
		clear(s.pairsBefore)
	}
	for a, gone := range drops {
		left := slices.DeleteFunc(s.partners[a], func(b ref) bool {
			_, d := gone[b]
			return d
		})
		if len(left) == 0 {
			delete(s.partners, a)
			continue
		}
		s.partners[a] = left
	}
}

// partySet returns the refs of the distinct companies party to d, in
// ascending order of the refs; none for nil.
func partySet(d *deal) []ref {
	if d == nil {
		return nil
	}
	rs := make([]ref, 0, len(d.parties))
	for _, p := range d.parties {
		rs = append(rs, p.company)
	}
	slices.Sort(rs)
	return slices.Compact(rs)
}

// eachPair calls fn with every pair of rs, distinct.
func eachPair(rs []ref, fn func(k pairKey)) {
	for i, a := range rs {
		for _, b := range rs[i+1:] {
			fn(pairOf(a, b))
		}
	}
}

// dealsSorted returns the deals of a company in ascending order of their
// IDs. The caller holds Store.mu for reading and must not change the
// result.
func (s *state) dealsSorted(companyID string) refs {
	return s.setOf(s.companyDeals, companyID)
}

// The state is the [storekit.Graph] that writes and curations read.
var _ storekit.Graph = (*state)(nil)

// lookup returns the record stored under id in m, if any.
func lookup[T any](m map[string]T, id string) (T, bool) {
	v, ok := m[id]
	return v, ok
}

// Company and Platform implement [storekit.Graph].

func (s *state) Company(id string) (pg.Company, bool) {
	if c, ok := s.company(id); ok {
		return *c, true
	}
	return pg.Company{}, false
}
func (s *state) Platform(id string) (pg.Platform, bool) { return lookup(s.platforms, id) }

// Deal implements [storekit.Graph]. The deal is a copy of its own.
func (s *state) Deal(id string) (pg.Deal, bool) {
	d, ok := s.dealByID(id)
	if !ok {
		return pg.Deal{}, false
	}
	return s.expandDeal(d), true
}

// EvidenceOf implements [storekit.Graph].
func (s *state) EvidenceOf(dealID string) []pg.Evidence {
	ev := s.evidenceOf(dealID)
	if ev == nil {
		return nil
	}
	out := make([]pg.Evidence, len(ev))
	for i, e := range ev {
		out[i] = s.expand(dealID, e)
	}
	return out
}

// DealsOfCompany implements [storekit.Graph].
func (s *state) DealsOfCompany(companyID string) []string {
	return s.idsOf(s.companyDeals, companyID)
}

// AcquisitionsOfTarget implements [storekit.TargetIndex].
func (s *state) AcquisitionsOfTarget(companyID string) []string {
	return s.idsOf(s.targetDeals, companyID)
}

// DealsOfArticle implements [storekit.Graph].
func (s *state) DealsOfArticle(articleID string) []string {
	return s.idsOf(s.articleDeals, articleID)
}

// MentionsByArticle implements [storekit.Graph].
func (s *state) MentionsByArticle(articleID string) []pg.Mention {
	a, ok := s.ids.lookup(articleID)
	if !ok {
		return nil
	}
	refs := s.articleMentions[a]
	if len(refs) == 0 {
		return nil
	}
	out := make([]pg.Mention, 0, len(refs))
	for _, r := range refs {
		out = append(out, pg.Mention{ArticleID: articleID, Kind: pg.MentionKind(s.wordList[r.kind]), EntityID: s.ids.str(r.id)})
	}
	return out
}

// MentionsOfCompany implements [storekit.Graph].
func (s *state) MentionsOfCompany(companyID string) []pg.Mention {
	c, ok := s.ids.lookup(companyID)
	if !ok {
		return nil
	}
	var out []pg.Mention
	for _, a := range s.entityMentions[pg.MentionCompany][c] {
		out = append(out, pg.Mention{ArticleID: s.ids.str(a), Kind: pg.MentionCompany, EntityID: companyID})
	}
	return out
}

// mentions reports whether article articleID mentions the entity of the
// given kind and ID. It never changes the state.
func (s *state) mentions(articleID string, kind pg.MentionKind, entityID string) bool {
	a, okA := s.ids.lookup(articleID)
	e, okE := s.ids.lookup(entityID)
	k, okK := s.wordIDs[string(kind)]
	if !okA || !okE || !okK {
		return false
	}
	_, ok := slices.BinarySearchFunc(s.articleMentions[a], mentionRef{k, e}, s.compareRefs)
	return ok
}

// PlatformsOwnedBy implements [storekit.Graph].
func (s *state) PlatformsOwnedBy(companyID string) []string {
	return s.idsOf(s.ownerPlatforms, companyID)
}

// ChildrenOf implements [storekit.Graph].
func (s *state) ChildrenOf(companyID string) []string {
	return append(s.idsOf(s.children, companyID), s.idsOf(s.claimed, companyID)...)
}

// DealsBetween implements [storekit.Graph]. For two companies or more it
// starts from the deals of the pair among the first two (pairDeals), which
// are few even between hubs, and keeps those every other company is a
// party to; for one, they are the company's deals.
func (s *state) DealsBetween(companyIDs []string) []string {
	switch len(companyIDs) {
	case 0:
		return nil
	case 1:
		return s.idsOf(s.companyDeals, companyIDs[0])
	}
	if companyIDs[0] == companyIDs[1] {
		// Not a pair: the deals of a and of the others.
		return s.DealsBetween(companyIDs[1:])
	}
	a, okA := s.ids.lookup(companyIDs[0])
	b, okB := s.ids.lookup(companyIDs[1])
	if !okA || !okB {
		return nil
	}
	var out []string
	for _, d := range s.pairDeals.appendDeals(nil, pairOf(a, b)) {
		did := s.ids.str(d)
		all := true
		for _, id := range companyIDs[2:] {
			if !s.setOf(s.companyDeals, id).has(&s.ids, did) {
				all = false
				break
			}
		}
		if all {
			out = append(out, did)
		}
	}
	return out
}
