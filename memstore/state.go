package memstore

import (
	"maps"
	"slices"
	"strings"
	"sync"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// set is a set of IDs.
type set map[string]struct{}

func (s set) add(id string) { s[id] = struct{}{} }

// state is the whole graph in memory with the indexes the reads need. It is
// guarded by Store.mu; only apply changes it.
type state struct {
	companies map[string]pg.Company
	platforms map[string]pg.Platform
	deals     map[string]pg.Deal
	articles  map[string]pg.Article
	// evidence maps a deal ID to its evidence keyed by article ID.
	evidence  map[string]map[string]pg.Evidence
	mentions  map[pg.Mention]struct{}
	curations []pg.Curation

	// Lower-cased name and alias of companies and platforms -> IDs.
	companyNames, companyAliases   map[string]set
	platformNames, platformAliases map[string]set
	// Company, platform and article ID -> IDs of its deals.
	companyDeals, platformDeals, articleDeals map[string]set
	// Company ID -> the IDs of the companies it shares a deal with, and
	// pair of company IDs (the smaller first) -> the IDs of the deals both
	// are parties to, in no order: the neighbourhood finds the deals among
	// a set of companies through them without reading every deal of a hub.
	partners  map[string][]string
	pairDeals map[[2]string][]string
	// Company ID -> IDs of the acquisitions it is a target of
	// (storekit.TargetIndex).
	targetDeals map[string]set
	// Owner company ID -> IDs of the platforms it owns.
	ownerPlatforms map[string]set
	// Match key (storekit.MatchKeys) -> IDs of the companies having it,
	// and company ID -> its match keys.
	companyKeys map[string]set
	keysOf      map[string][]string
	// Parent company ID -> IDs of the companies it owns, and of those an
	// article states it owns.
	children, claimed map[string]set
	// Article ID and entity ID -> its mentions.
	articleMentions, entityMentions map[string]map[pg.Mention]struct{}

	// sorted caches the deal IDs of a company with many deals in ascending
	// order, as reads want them; an entry is dropped whenever the
	// company's deals change. Readers holding Store.mu for reading fill it
	// under smu.
	sorted map[string][]string
	smu    sync.Mutex

	// names holds the companies' sorted names and aliases for prefix
	// filters, search the trigram postings of every company, platform and
	// deal summary for Search.
	names  nameIndex
	search *searchIndex

	// nEvidence and nParties etc. are running totals for Counts.
	nEvidence, nParties, nDealPlatforms, nOwners, nOwnerships int

	// version grows with every change; sorted orders are cached per version.
	version uint64
}

func newState() *state {
	return &state{
		companies:       map[string]pg.Company{},
		platforms:       map[string]pg.Platform{},
		deals:           map[string]pg.Deal{},
		articles:        map[string]pg.Article{},
		evidence:        map[string]map[string]pg.Evidence{},
		mentions:        map[pg.Mention]struct{}{},
		companyNames:    map[string]set{},
		companyAliases:  map[string]set{},
		platformNames:   map[string]set{},
		platformAliases: map[string]set{},
		companyDeals:    map[string]set{},
		targetDeals:     map[string]set{},
		partners:        map[string][]string{},
		pairDeals:       map[[2]string][]string{},
		platformDeals:   map[string]set{},
		articleDeals:    map[string]set{},
		ownerPlatforms:  map[string]set{},
		companyKeys:     map[string]set{},
		keysOf:          map[string][]string{},
		children:        map[string]set{},
		claimed:         map[string]set{},
		articleMentions: map[string]map[pg.Mention]struct{}{},
		entityMentions:  map[string]map[pg.Mention]struct{}{},
		search:          newSearchIndex(),
		sorted:          map[string][]string{},
	}
}

func addTo(idx map[string]set, key, id string) {
	s, ok := idx[key]
	if !ok {
		s = set{}
		idx[key] = s
	}
	s.add(id)
}

func removeFrom(idx map[string]set, key, id string) {
	if s, ok := idx[key]; ok {
		delete(s, id)
		if len(s) == 0 {
			delete(idx, key)
		}
	}
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
		var old *pg.Company
		if o, ok := s.companies[id]; ok {
			old = &o
		}
		s.names.update(old, c)
		s.unindexCompany(id)
		if c != nil {
			s.companies[id] = *c
			s.indexCompany(*c)
		} else {
			s.search.remove(searchRef{pg.SearchCompany, id})
		}
	}
	for id, p := range d.Platforms {
		s.unindexPlatform(id)
		if p != nil {
			s.platforms[id] = *p
			s.indexPlatform(*p)
		} else {
			s.search.remove(searchRef{pg.SearchPlatform, id})
		}
	}
	for id, a := range d.Articles {
		if a == nil {
			delete(s.articles, id)
		} else {
			s.articles[id] = *a
		}
	}
	for k, e := range d.Evidence {
		if _, ok := s.evidence[k.DealID][k.ArticleID]; ok {
			delete(s.evidence[k.DealID], k.ArticleID)
			if len(s.evidence[k.DealID]) == 0 {
				delete(s.evidence, k.DealID)
			}
			removeFrom(s.articleDeals, k.ArticleID, k.DealID)
			s.nEvidence--
		}
		if e != nil {
			m, ok := s.evidence[k.DealID]
			if !ok {
				m = map[string]pg.Evidence{}
				s.evidence[k.DealID] = m
			}
			m[k.ArticleID] = *e
			addTo(s.articleDeals, k.ArticleID, k.DealID)
			s.nEvidence++
		}
	}
	for id, dl := range d.Deals {
		var old *pg.Deal
		if o, ok := s.deals[id]; ok {
			old = &o
		}
		s.updatePairs(id, old, dl)
		s.unindexDeal(id)
		if dl != nil {
			s.deals[id] = *dl
			s.indexDeal(*dl)
		} else {
			s.search.remove(searchRef{pg.SearchDeal, id})
		}
	}
	for m, put := range d.Mentions {
		_, had := s.mentions[m]
		switch {
		case put && !had:
			s.mentions[m] = struct{}{}
			addMention(s.articleMentions, m.ArticleID, m)
			addMention(s.entityMentions, m.EntityID, m)
		case !put && had:
			delete(s.mentions, m)
			removeMention(s.articleMentions, m.ArticleID, m)
			removeMention(s.entityMentions, m.EntityID, m)
		}
	}
	s.search.compact()
	s.curations = append(s.curations, d.curations...)
	s.version++
}

func addMention(idx map[string]map[pg.Mention]struct{}, key string, m pg.Mention) {
	s, ok := idx[key]
	if !ok {
		s = map[pg.Mention]struct{}{}
		idx[key] = s
	}
	s[m] = struct{}{}
}

func removeMention(idx map[string]map[pg.Mention]struct{}, key string, m pg.Mention) {
	if s, ok := idx[key]; ok {
		delete(s, m)
		if len(s) == 0 {
			delete(idx, key)
		}
	}
}

func (s *state) indexCompany(c pg.Company) {
	s.search.put(searchRef{pg.SearchCompany, c.ID}, c.Name, c.Aliases)
	addTo(s.companyNames, strings.ToLower(c.Name), c.ID)
	for _, a := range c.Aliases {
		addTo(s.companyAliases, strings.ToLower(a), c.ID)
	}
	keys := storekit.MatchKeys(c)
	for _, k := range keys {
		addTo(s.companyKeys, k, c.ID)
	}
	s.keysOf[c.ID] = keys
	if c.Parent != nil {
		addTo(s.children, c.Parent.ParentID, c.ID)
		s.nOwnerships++
	}
	if c.Stated != nil {
		addTo(s.claimed, c.Stated.ParentID, c.ID)
	}
}

func (s *state) unindexCompany(id string) {
	c, ok := s.companies[id]
	if !ok {
		return
	}
	removeFrom(s.companyNames, strings.ToLower(c.Name), id)
	for _, a := range c.Aliases {
		removeFrom(s.companyAliases, strings.ToLower(a), id)
	}
	for _, k := range s.keysOf[id] {
		removeFrom(s.companyKeys, k, id)
	}
	delete(s.keysOf, id)
	if c.Parent != nil {
		removeFrom(s.children, c.Parent.ParentID, id)
		s.nOwnerships--
	}
	if c.Stated != nil {
		removeFrom(s.claimed, c.Stated.ParentID, id)
	}
	delete(s.companies, id)
}

func (s *state) indexPlatform(p pg.Platform) {
	s.search.put(searchRef{pg.SearchPlatform, p.ID}, p.Name, p.Aliases)
	addTo(s.platformNames, strings.ToLower(p.Name), p.ID)
	for _, a := range p.Aliases {
		addTo(s.platformAliases, strings.ToLower(a), p.ID)
	}
	if p.OwnerID != "" {
		addTo(s.ownerPlatforms, p.OwnerID, p.ID)
		s.nOwners++
	}
}

func (s *state) unindexPlatform(id string) {
	p, ok := s.platforms[id]
	if !ok {
		return
	}
	removeFrom(s.platformNames, strings.ToLower(p.Name), id)
	for _, a := range p.Aliases {
		removeFrom(s.platformAliases, strings.ToLower(a), id)
	}
	if p.OwnerID != "" {
		removeFrom(s.ownerPlatforms, p.OwnerID, id)
		s.nOwners--
	}
	delete(s.platforms, id)
}

func (s *state) indexDeal(d pg.Deal) {
	s.search.put(searchRef{pg.SearchDeal, d.ID}, d.Summary, nil)
	for _, p := range d.Parties {
		addTo(s.companyDeals, p.CompanyID, d.ID)
		delete(s.sorted, p.CompanyID)
		if d.Type == pg.Acquisition && p.Role == pg.RoleTarget {
			addTo(s.targetDeals, p.CompanyID, d.ID)
		}
	}
	for _, p := range d.PlatformIDs {
		addTo(s.platformDeals, p, d.ID)
	}

	s.nParties += len(d.Parties)
	s.nDealPlatforms += len(d.PlatformIDs)
}

func (s *state) unindexDeal(id string) {
	d, ok := s.deals[id]
	if !ok {
		return
	}
	for _, p := range d.Parties {
		removeFrom(s.companyDeals, p.CompanyID, id)
		delete(s.sorted, p.CompanyID)
		removeFrom(s.targetDeals, p.CompanyID, id)
	}
	for _, p := range d.PlatformIDs {
		removeFrom(s.platformDeals, p, id)
	}
	s.nParties -= len(d.Parties)
	s.nDealPlatforms -= len(d.PlatformIDs)
	delete(s.deals, id)
}

// updatePairs moves deal id from the company pairs of its old parties
// (old is nil when the deal is new) to those of its new ones (nil when it
// is deleted); a deal whose set of parties did not change is left alone.
func (s *state) updatePairs(id string, old, d *pg.Deal) {
	before, after := partySet(old), partySet(d)
	if slices.Equal(before, after) {
		return
	}
	eachPair(before, func(k [2]string) {
		ids := slices.DeleteFunc(s.pairDeals[k], func(x string) bool { return x == id })
		if len(ids) > 0 {
			s.pairDeals[k] = ids
			return
		}
		delete(s.pairDeals, k)
		s.dropPartner(k[0], k[1])
		s.dropPartner(k[1], k[0])
	})
	eachPair(after, func(k [2]string) {
		if len(s.pairDeals[k]) == 0 {
			s.partners[k[0]] = append(s.partners[k[0]], k[1])
			s.partners[k[1]] = append(s.partners[k[1]], k[0])
		}
		s.pairDeals[k] = append(s.pairDeals[k], id)
	})
}

// dropPartner removes b from a's partners.
func (s *state) dropPartner(a, b string) {
	ps := s.partners[a]
	if i := slices.Index(ps, b); i >= 0 {
		ps[i] = ps[len(ps)-1]
		ps = ps[:len(ps)-1]
	}
	if len(ps) == 0 {
		delete(s.partners, a)
		return
	}
	s.partners[a] = ps
}

// partySet returns the distinct company IDs party to d, sorted; none for
// nil.
func partySet(d *pg.Deal) []string {
	if d == nil {
		return nil
	}
	ids := make([]string, 0, len(d.Parties))
	for _, p := range d.Parties {
		ids = append(ids, p.CompanyID)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// eachPair calls fn with every pair of ids, sorted and distinct, the
// smaller first.
func eachPair(ids []string, fn func(k [2]string)) {
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			fn([2]string{a, b})
		}
	}
}

// minSorted is the number of deals from which a company's sorted deal IDs
// are cached; fewer are sorted on each read.
const minSorted = 32

// dealsSorted returns the IDs of the deals of a company in ascending
// order. The caller holds Store.mu for reading and must not change the
// result.
func (s *state) dealsSorted(companyID string) []string {
	ids := s.companyDeals[companyID]
	if len(ids) < minSorted {
		return slices.Sorted(maps.Keys(ids))
	}
	s.smu.Lock()
	defer s.smu.Unlock()
	out, ok := s.sorted[companyID]
	if !ok {
		out = slices.Sorted(maps.Keys(ids))
		s.sorted[companyID] = out
	}
	return out
}

// The state is the [storekit.Graph] that writes and curations read.
var _ storekit.Graph = (*state)(nil)

// lookup returns the record stored under id in m, if any.
func lookup[T any](m map[string]T, id string) (T, bool) {
	v, ok := m[id]
	return v, ok
}

// Company, Platform, Deal and Article implement [storekit.Graph].

func (s *state) Company(id string) (pg.Company, bool)   { return lookup(s.companies, id) }
func (s *state) Platform(id string) (pg.Platform, bool) { return lookup(s.platforms, id) }
func (s *state) Deal(id string) (pg.Deal, bool)         { return lookup(s.deals, id) }
func (s *state) Article(id string) (pg.Article, bool)   { return lookup(s.articles, id) }

// EvidenceOf implements [storekit.Graph].
func (s *state) EvidenceOf(dealID string) []pg.Evidence {
	return slices.Collect(maps.Values(s.evidence[dealID]))
}

// DealsOfCompany implements [storekit.Graph].
func (s *state) DealsOfCompany(companyID string) []string {
	return slices.Collect(maps.Keys(s.companyDeals[companyID]))
}

// AcquisitionsOfTarget implements [storekit.TargetIndex].
func (s *state) AcquisitionsOfTarget(companyID string) []string {
	return slices.Collect(maps.Keys(s.targetDeals[companyID]))
}

// DealsOfArticle implements [storekit.Graph].
func (s *state) DealsOfArticle(articleID string) []string {
	return slices.Collect(maps.Keys(s.articleDeals[articleID]))
}

// MentionsByArticle implements [storekit.Graph].
func (s *state) MentionsByArticle(articleID string) []pg.Mention {
	return slices.Collect(maps.Keys(s.articleMentions[articleID]))
}

// MentionsOfCompany implements [storekit.Graph].
func (s *state) MentionsOfCompany(companyID string) []pg.Mention {
	var out []pg.Mention
	for m := range s.entityMentions[companyID] {
		if m.Kind == pg.MentionCompany {
			out = append(out, m)
		}
	}
	return out
}

// PlatformsOwnedBy implements [storekit.Graph].
func (s *state) PlatformsOwnedBy(companyID string) []string {
	return slices.Collect(maps.Keys(s.ownerPlatforms[companyID]))
}

// CompaniesByKey implements [storekit.Graph].
func (s *state) CompaniesByKey(keys []string) []string {
	seen := set{}
	var out []string
	for _, k := range keys {
		for id := range s.companyKeys[k] {
			if _, dup := seen[id]; !dup {
				seen.add(id)
				out = append(out, id)
			}
		}
	}
	return out
}

// ChildrenOf implements [storekit.Graph].
func (s *state) ChildrenOf(companyID string) []string {
	return append(slices.Collect(maps.Keys(s.children[companyID])), slices.Collect(maps.Keys(s.claimed[companyID]))...)
}

// DealsBetween implements [storekit.Graph]: it walks the deals of the
// company with fewest and keeps those of every other.
func (s *state) DealsBetween(companyIDs []string) []string {
	if len(companyIDs) == 0 {
		return nil
	}
	smallest := companyIDs[0]
	for _, id := range companyIDs[1:] {
		if len(s.companyDeals[id]) < len(s.companyDeals[smallest]) {
			smallest = id
		}
	}
	var out []string
	for did := range s.companyDeals[smallest] {
		all := true
		for _, id := range companyIDs {
			if _, ok := s.companyDeals[id][did]; !ok {
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
