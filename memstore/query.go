package memstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// key is the position of an item in a sorted list; see [storekit.Key].
type key = storekit.Key

// orders caches sorted lists for one state version.
type orders struct {
	version   uint64
	deals     map[pg.DealSort][]key
	companies map[pg.CompanySort][]key
	platforms []key
	articles  []key
	stats     *pg.Stats // of all deals
	// counts memoises CountDeals and CountCompanies by filter.
	counts map[string]int
	// summaries holds the lower-cased deal summaries by deal ID.
	summaries map[string]string
}

// maxMemo bounds the memoised counts of one state version.
const maxMemo = 10000

// memoCount returns count() for the filter f of the given kind, computing
// it once per state version. The caller holds mu for reading.
func (s *Store) memoCount(kind string, f any, count func() (int, error)) (int, error) {
	buf, _ := json.Marshal(f) // filters always encode
	k := kind + string(buf)
	s.omu.Lock()
	n, ok := s.cached().counts[k]
	s.omu.Unlock()
	if ok {
		return n, nil
	}
	n, err := count()
	if err != nil {
		return 0, err
	}
	s.omu.Lock()
	if o := s.cached(); len(o.counts) < maxMemo {
		o.counts[k] = n
	}
	s.omu.Unlock()
	return n, nil
}

// checkEvery is how many items a scan visits between checks of its
// context, so that a cancelled request stops scanning.
const checkEvery = 1024

// stopped reports, every checkEvery calls, whether ctx is done; i counts
// the calls.
func stopped(ctx context.Context, i int) bool {
	return i%checkEvery == checkEvery-1 && ctx.Err() != nil
}

// cancelled wraps ctx's error for a scan it stopped.
func cancelled(ctx context.Context) error {
	return fmt.Errorf("memstore: scan stopped: %w", ctx.Err())
}

// lowerSummaries returns the lower-cased summary of every deal by ID.
func (s *Store) lowerSummaries() map[string]string {
	s.omu.Lock()
	defer s.omu.Unlock()
	o := s.cached()
	if o.summaries == nil {
		o.summaries = make(map[string]string, s.st.deals.len())
		for _, d := range s.st.deals.all() {
			o.summaries[s.st.ids.str(d.id)] = strings.ToLower(d.summary)
		}
	}
	return o.summaries
}

// allStats returns the Stats of all deals, computed once per version; the
// caller holds mu for reading and must not change the result.
func (s *Store) allStats() pg.Stats {
	s.omu.Lock()
	defer s.omu.Unlock()
	o := s.cached()
	if o.stats == nil {
		// Not cancellable: computed once per version for every later caller.
		st, _ := s.stats(context.Background(), pg.DealFilter{})
		o.stats = &st
	}
	return cloneStats(*o.stats)
}

func cloneStats(st pg.Stats) pg.Stats {
	st.DealsByYear = slices.Clone(st.DealsByYear)
	st.DealsByType = slices.Clone(st.DealsByType)
	st.DealsByPlatform = slices.Clone(st.DealsByPlatform)
	st.TopPartners = slices.Clone(st.TopPartners)
	return st
}

// cached returns the orders of the current state, resetting them when the
// state changed. The caller holds mu for reading.
func (s *Store) cached() *orders {
	if s.orders == nil || s.orders.version != s.st.version {
		s.orders = &orders{
			version:   s.st.version,
			deals:     map[pg.DealSort][]key{},
			companies: map[pg.CompanySort][]key{},
			counts:    map[string]int{},
		}
	}
	return s.orders
}

func sortKeys(ks []key) []key {
	slices.SortFunc(ks, key.Compare)
	return ks
}

func (s *Store) dealKeys(sort pg.DealSort, ids []string) []key {
	ks := make([]key, 0, len(ids))
	for _, id := range ids {
		var d pg.Deal
		if r, ok := s.st.dealByID(id); ok {
			d = s.st.dealHead(r)
		}
		ks = append(ks, storekit.DealKey(sort, d, len(s.st.evidenceOf(id))))
	}
	return sortKeys(ks)
}

// allDeals returns every deal in the given order. The caller holds mu for
// reading.
func (s *Store) allDeals(sort pg.DealSort) []key {
	s.omu.Lock()
	defer s.omu.Unlock()
	o := s.cached()
	ks, ok := o.deals[sort]
	if !ok {
		ids := make([]string, 0, s.st.deals.len())
		for _, d := range s.st.deals.all() {
			ids = append(ids, s.st.ids.str(d.id))
		}
		ks = s.dealKeys(sort, ids)
		o.deals[sort] = ks
	}
	return ks
}

func (s *Store) allCompanies(sort pg.CompanySort) []key {
	s.omu.Lock()
	defer s.omu.Unlock()
	o := s.cached()
	ks, ok := o.companies[sort]
	if !ok {
		ks = make([]key, 0, s.st.companies.len())
		for r, c := range s.st.companies.all() {
			ks = append(ks, storekit.CompanyKey(sort, *c, len(s.st.companyDeals[r])))
		}
		o.companies[sort] = sortKeys(ks)
		ks = o.companies[sort]
	}
	return ks
}

func (s *Store) allPlatforms() []key {
	s.omu.Lock()
	defer s.omu.Unlock()
	o := s.cached()
	if o.platforms == nil {
		o.platforms = keysOf(s.st.platforms, storekit.PlatformKey)
	}
	return o.platforms
}

// keysOf returns the keys of every value of m, sorted.
func keysOf[T any](m map[string]T, keyOf func(T) key) []key {
	ks := make([]key, 0, len(m))
	for _, v := range m {
		ks = append(ks, keyOf(v))
	}
	return sortKeys(ks)
}

// paginate walks ks from just after the cursor and returns the keys of the
// first size items that match, and whether another match follows.
// It stops with ctx's error when ctx is done.
func paginate(ctx context.Context, ks []key, after *key, size int, match func(id string) bool) ([]key, bool, error) {
	start := 0
	if after != nil {
		start = sort.Search(len(ks), func(i int) bool { return ks[i].Compare(*after) > 0 })
	}
	var out []key
	for i, k := range ks[start:] {
		if stopped(ctx, i) {
			return nil, false, cancelled(ctx)
		}
		if !match(k.ID) {
			continue
		}
		if len(out) == size {
			return out, true, nil
		}
		out = append(out, k)
	}
	return out, false, nil
}

func makePage[T any](order string, ks []key, hasNext bool, get func(id string) T) pg.Page[T] {
	p := pg.Page[T]{Items: make([]T, 0, len(ks)), Cursors: make([]string, 0, len(ks)), HasNextPage: hasNext}
	for _, k := range ks {
		p.Items = append(p.Items, get(k.ID))
		p.Cursors = append(p.Cursors, storekit.EncodeCursor(order, k))
	}
	return p
}

// dealCandidates returns the IDs of the deals that can match f when an
// index narrows them down, and false when every deal must be considered.
func (s *Store) dealCandidates(f pg.DealFilter) ([]string, bool) {
	var sets []refs
	if f.CompanyID != "" {
		sets = append(sets, s.st.setOf(s.st.companyDeals, f.CompanyID))
	}
	if f.PlatformID != "" {
		sets = append(sets, s.st.setOf(s.st.platformDeals, f.PlatformID))
	}
	if f.ArticleID != "" {
		sets = append(sets, s.st.setOf(s.st.articleDeals, f.ArticleID))
	}
	if len(sets) == 0 {
		return nil, false
	}
	smallest := slices.MinFunc(sets, func(a, b refs) int { return cmp.Compare(len(a), len(b)) })
	return s.st.ids.strings(smallest), true
}

// dealMatcher returns whether the deal with a given ID passes f.
func (s *Store) dealMatcher(f pg.DealFilter) func(id string) bool {
	text := strings.ToLower(f.Text)
	var summaries map[string]string
	if text != "" {
		summaries = s.lowerSummaries()
	}
	t := &s.st.ids
	var companyDeals, platformDeals, articleDeals refs
	if f.CompanyID != "" {
		companyDeals = s.st.setOf(s.st.companyDeals, f.CompanyID)
	}
	if f.PlatformID != "" {
		platformDeals = s.st.setOf(s.st.platformDeals, f.PlatformID)
	}
	if f.ArticleID != "" {
		articleDeals = s.st.setOf(s.st.articleDeals, f.ArticleID)
	}
	return func(id string) bool {
		d, ok := s.st.dealByID(id)
		if !ok {
			return false
		}
		if len(f.Types) > 0 && !slices.Contains(f.Types, d.dealType(s.st)) {
			return false
		}
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, pg.DealStatus(s.st.wordList[d.status])) {
			return false
		}
		if f.YearFrom != 0 && (d.year == 0 || d.year < f.YearFrom) {
			return false
		}
		if f.YearTo != 0 && (d.year == 0 || d.year > f.YearTo) {
			return false
		}
		if f.CompanyID != "" && !companyDeals.has(t, id) {
			return false
		}
		if f.PlatformID != "" && !platformDeals.has(t, id) {
			return false
		}
		if f.ArticleID != "" && !articleDeals.has(t, id) {
			return false
		}
		if text != "" && !strings.Contains(summaries[id], text) {
			return false
		}
		return true
	}
}

func has(s set, id string) bool {
	_, ok := s[id]
	return ok
}

// eachDeal calls fn for every deal matching f, in no particular order, and
// stops with ctx's error when ctx is done.
func (s *Store) eachDeal(ctx context.Context, f pg.DealFilter, fn func(*deal)) error {
	match := s.dealMatcher(f)
	ids, narrowed := s.dealCandidates(f)
	i := 0
	if !narrowed {
		for _, d := range s.st.deals.all() {
			if i++; stopped(ctx, i) {
				return cancelled(ctx)
			}
			if match(s.st.ids.str(d.id)) {
				fn(d)
			}
		}
		return nil
	}
	for _, id := range ids {
		if i++; stopped(ctx, i) {
			return cancelled(ctx)
		}
		if match(id) {
			d, _ := s.st.dealByID(id)
			fn(d)
		}
	}
	return nil
}

// Deals implements [pg.Reader].
func (s *Store) Deals(ctx context.Context, q pg.DealQuery) (pg.Page[pg.Deal], error) {
	order, after, err := storekit.ParseDealQuery(q)
	if err != nil {
		return pg.Page[pg.Deal]{}, fmt.Errorf("memstore: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ks []key
	if ids, narrowed := s.dealCandidates(q.Filter); narrowed {
		ks = s.dealKeys(order, ids)
	} else {
		ks = s.allDeals(order)
	}
	got, hasNext, err := paginate(ctx, ks, after, q.Size(), s.dealMatcher(q.Filter))
	if err != nil {
		return pg.Page[pg.Deal]{}, err
	}
	return makePage(string(order), got, hasNext, func(id string) pg.Deal {
		d, _ := s.st.Deal(id)
		return d
	}), nil
}

// CountDeals implements [pg.Reader].
func (s *Store) CountDeals(ctx context.Context, f pg.DealFilter) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if cmpDealFilter(f, pg.DealFilter{}) {
		return s.st.deals.len(), nil
	}
	return s.memoCount("deals", f, func() (int, error) {
		n := 0
		err := s.eachDeal(ctx, f, func(*deal) { n++ })
		return n, err
	})
}

// companyMatcher returns whether the company with a given ID passes f.
func (s *Store) companyMatcher(f pg.CompanyFilter) func(id string) bool {
	prefix := strings.ToLower(f.NamePrefix)
	others := s.otherMatcher(f)
	return func(id string) bool {
		c, ok := s.st.company(id)
		if !ok || !others(id) {
			return false
		}
		if prefix != "" && !strings.HasPrefix(strings.ToLower(c.Name), prefix) &&
			!slices.ContainsFunc(c.Aliases, func(a string) bool { return strings.HasPrefix(strings.ToLower(a), prefix) }) {
			return false
		}
		return true
	}
}

// otherMatcher returns whether the company with a given ID passes the
// parts of f other than its name prefix.
func (s *Store) otherMatcher(f pg.CompanyFilter) func(id string) bool {
	var onPlatform set
	if f.PlatformID != "" {
		onPlatform = set{}
		for _, did := range s.st.setOf(s.st.platformDeals, f.PlatformID) {
			d, _ := s.st.deals.get(did)
			for _, p := range d.parties {
				onPlatform.add(s.st.ids.str(p.company))
			}
		}
	}
	return func(id string) bool {
		if f.MinDeals > 0 && len(s.st.setOf(s.st.companyDeals, id)) < f.MinDeals {
			return false
		}
		return onPlatform == nil || has(onPlatform, id)
	}
}

// byPrefix yields the keys, in the name order, of the companies whose
// name starts with prefix (lower-cased, not empty) followed by those whose
// name does not but an alias does, in no order; each company once.
func (s *Store) byPrefix(prefix string) iter.Seq[key] {
	return func(yield func(key) bool) {
		for k := range s.st.names.names.withPrefix(prefix) {
			if !yield(k) {
				return
			}
		}
		seen := set{}
		for a := range s.st.names.aliases.withPrefix(prefix) {
			c, ok := s.st.company(a.ID)
			if !ok || has(seen, a.ID) {
				continue
			}
			seen.add(a.ID)
			k := storekit.CompanyKey(pg.CompaniesByName, *c, 0)
			if strings.HasPrefix(k.S, prefix) {
				continue // found by its name
			}
			if !yield(k) {
				return
			}
		}
	}
}

// prefixPage returns the page of companies q selects when its filter has
// a name prefix, reading only the companies the name index has under the
// prefix. In the name order the companies found by their names come
// sorted from the index, from the cursor on, and are merged with those
// found by an alias only, so the page reads about as many names as it
// returns plus the aliases under the prefix.
func (s *Store) prefixPage(ctx context.Context, q pg.CompanyQuery, order pg.CompanySort, after *key) ([]key, bool, error) {
	prefix := strings.ToLower(q.Filter.NamePrefix)
	match := s.otherMatcher(q.Filter)
	size := q.Size()
	if order != pg.CompaniesByName {
		var ks []key
		for k := range s.byPrefix(prefix) {
			ks = append(ks, storekit.CompanyKey(order, s.st.companyValue(k.ID), len(s.st.setOf(s.st.companyDeals, k.ID))))
		}
		return paginate(ctx, sortKeys(ks), after, size, match)
	}
	var byAlias []key
	for a := range s.st.names.aliases.withPrefix(prefix) {
		if c, ok := s.st.company(a.ID); ok {
			if k := storekit.CompanyKey(order, *c, 0); !strings.HasPrefix(k.S, prefix) && (after == nil || k.Compare(*after) > 0) {
				byAlias = append(byAlias, k)
			}
		}
	}
	byAlias = slices.Compact(sortKeys(byAlias))
	start := key{S: prefix}
	if after != nil && after.Compare(start) > 0 {
		start = *after
	}
	var out []key
	i := 0
	// take adds k to the page when it matches; it returns false once the
	// page is full and k would be on the next.
	take := func(k key) bool {
		if !match(k.ID) {
			return true
		}
		if len(out) == size {
			return false
		}
		out = append(out, k)
		return true
	}
	n := 0
	for k := range s.st.names.names.from(start) {
		if n++; stopped(ctx, n) {
			return nil, false, cancelled(ctx)
		}
		if !strings.HasPrefix(k.S, prefix) {
			break
		}
		if after != nil && k.Compare(*after) <= 0 {
			continue
		}
		for ; i < len(byAlias) && byAlias[i].Compare(k) < 0; i++ {
			if !take(byAlias[i]) {
				return out, true, nil
			}
		}
		if !take(k) {
			return out, true, nil
		}
	}
	for ; i < len(byAlias); i++ {
		if !take(byAlias[i]) {
			return out, true, nil
		}
	}
	return out, false, nil
}

// Companies implements [pg.Reader]. A name prefix is looked up in the
// name index; other filters walk the companies in the requested order.
func (s *Store) Companies(ctx context.Context, q pg.CompanyQuery) (pg.Page[pg.Company], error) {
	order, after, err := storekit.ParseCompanyQuery(q)
	if err != nil {
		return pg.Page[pg.Company]{}, fmt.Errorf("memstore: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var got []key
	var hasNext bool
	if q.Filter.NamePrefix != "" {
		got, hasNext, err = s.prefixPage(ctx, q, order, after)
	} else {
		got, hasNext, err = paginate(ctx, s.allCompanies(order), after, q.Size(), s.companyMatcher(q.Filter))
	}
	if err != nil {
		return pg.Page[pg.Company]{}, err
	}
	return makePage(string(order), got, hasNext, func(id string) pg.Company { return cloneCompany(s.st.companyValue(id)) }), nil
}

// CountCompanies implements [pg.Reader].
func (s *Store) CountCompanies(ctx context.Context, f pg.CompanyFilter) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f == (pg.CompanyFilter{}) {
		return s.st.companies.len(), nil
	}
	return s.memoCount("companies", f, func() (int, error) {
		n, i := 0, 0
		if f.NamePrefix != "" {
			match := s.otherMatcher(f)
			for k := range s.byPrefix(strings.ToLower(f.NamePrefix)) {
				if i++; stopped(ctx, i) {
					return 0, cancelled(ctx)
				}
				if match(k.ID) {
					n++
				}
			}
			return n, nil
		}
		match := s.companyMatcher(f)
		for _, c := range s.st.companies.all() {
			id := c.ID
			if i++; stopped(ctx, i) {
				return 0, cancelled(ctx)
			}
			if match(id) {
				n++
			}
		}
		return n, nil
	})
}

func (s *Store) platformMatcher(f pg.PlatformFilter) func(id string) bool {
	return func(id string) bool {
		p, ok := s.st.platforms[id]
		return ok && (f.Kind == "" || p.Kind == f.Kind) && (f.OwnerID == "" || p.OwnerID == f.OwnerID)
	}
}

// Platforms implements [pg.Reader].
func (s *Store) Platforms(ctx context.Context, q pg.PlatformQuery) (pg.Page[pg.Platform], error) {
	after, err := storekit.ParsePlatformQuery(q)
	if err != nil {
		return pg.Page[pg.Platform]{}, fmt.Errorf("memstore: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var ks []key
	if q.Filter.OwnerID != "" {
		for _, id := range s.st.setOf(s.st.ownerPlatforms, q.Filter.OwnerID) {
			ks = append(ks, storekit.PlatformKey(s.st.platforms[s.st.ids.str(id)]))
		}
		sortKeys(ks)
	} else {
		ks = s.allPlatforms()
	}
	got, hasNext, err := paginate(ctx, ks, after, q.Size(), s.platformMatcher(q.Filter))
	if err != nil {
		return pg.Page[pg.Platform]{}, err
	}
	return makePage(storekit.PlatformOrder, got, hasNext, func(id string) pg.Platform { return clonePlatform(s.st.platforms[id]) }), nil
}

// CountPlatforms implements [pg.Reader].
func (s *Store) CountPlatforms(_ context.Context, f pg.PlatformFilter) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	match, n := s.platformMatcher(f), 0
	for id := range s.st.platforms {
		if match(id) {
			n++
		}
	}
	return n, nil
}

// allArticles returns every article in the article order. The caller holds
// mu for reading.
func (s *Store) allArticles() []key {
	s.omu.Lock()
	defer s.omu.Unlock()
	o := s.cached()
	if o.articles == nil {
		ks := make([]key, 0, s.st.articles.len())
		for r, a := range s.st.articles.all() {
			ks = append(ks, storekit.ArticleKey(s.st.expandArticle(r, a)))
		}
		o.articles = sortKeys(ks)
	}
	return o.articles
}

// articleMatcher returns whether the article with a given ID passes f.
func (s *Store) articleMatcher(f pg.ArticleFilter) func(id string) bool {
	mentions := s.st.mentions
	return func(id string) bool {
		a, ok := s.st.Article(id)
		return ok && storekit.ArticleMatches(a, f) &&
			(f.CompanyID == "" || mentions(id, pg.MentionCompany, f.CompanyID)) &&
			(f.PlatformID == "" || mentions(id, pg.MentionPlatform, f.PlatformID))
	}
}

// Articles implements [pg.Reader].
func (s *Store) Articles(ctx context.Context, q pg.ArticleQuery) (pg.Page[pg.Article], error) {
	after, err := storekit.ParseArticleQuery(q)
	if err != nil {
		return pg.Page[pg.Article]{}, fmt.Errorf("articles: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	got, hasNext, err := paginate(ctx, s.allArticles(), after, q.Size(), s.articleMatcher(q.Filter))
	if err != nil {
		return pg.Page[pg.Article]{}, err
	}
	return makePage(storekit.ArticleOrder, got, hasNext, func(id string) pg.Article {
		a, _ := s.st.Article(id)
		return a
	}), nil
}

// CountArticles implements [pg.Reader].
func (s *Store) CountArticles(ctx context.Context, f pg.ArticleFilter) (int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f == (pg.ArticleFilter{}) {
		return s.st.articles.len(), nil
	}
	match, n, i := s.articleMatcher(f), 0, 0
	for r := range s.st.articles.all() {
		if i++; stopped(ctx, i) {
			return 0, cancelled(ctx)
		}
		if match(s.st.ids.str(r)) {
			n++
		}
	}
	return n, nil
}
