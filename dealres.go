package partnergraph

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Deal resolution: which reports are one deal. A report is an [Evidence]
// carrying the article's claim (its Type, Parties with roles, Year and
// Value). Reports of the same set of party companies are one deal when
// their types are compatible and their times are close, and never when one
// article reports both (an article names each of its deals once). The rules
// look only at the reports themselves, taken in a fixed order, so the same
// reports always make the same deals.

// Time windows, in years from a deal's first year, within which a report
// of the same parties and type is the same deal.
const (
	// investmentWindow: rounds are years apart; a report the year after
	// the round is usually about that round.
	investmentWindow = 1
	// relationshipWindow: partnerships, joint ventures, licences and
	// supply contracts are expanded and re-announced; a report three years
	// on is still the same relationship.
	relationshipWindow = 3
	// combinationWindow: an acquisition or merger runs from announcement
	// to completion or failure, often more than a year; beyond this a new
	// attempt needs the first to have failed.
	combinationWindow = 2
)

// Value tolerances: the relative difference under which two stated values
// are the same amount.
const (
	// sameRound: two investment reports stating amounts further apart are
	// two rounds ($300M and $400M).
	sameRound = 0.1
	// sameAmount: a report of another type joins a deal only on the same
	// stated amount (an acquisition some article calls a partnership).
	sameAmount = 0.02
)

// family groups deal types that may describe the same deal: an acquisition
// that some article calls a merger.
func family(t DealType) DealType {
	if t == Merger {
		return Acquisition
	}
	return t
}

// typePriority breaks ties between types in a deal's reports: the more
// specific type first.
var typePriority = map[DealType]int{Acquisition: 0, Merger: 1, Investment: 2, JointVenture: 3, Licensing: 4, Supply: 5, Partnership: 6}

// RoleRank puts the acting side of a deal first: buyer, investor, licensor
// or supplier, then partners, then the other side.
func RoleRank(r Role) int {
	switch r {
	case RoleBuyer, RoleInvestor, RoleLicensor, RoleSupplier:
		return 0
	case RolePartner:
		return 1
	}
	return 2
}

// SortParties orders parties acting side first ([RoleRank]), then by
// company ID, so the order does not depend on the article.
func SortParties(ps []Party) {
	slices.SortStableFunc(ps, func(a, b Party) int {
		return cmp.Or(cmp.Compare(RoleRank(a.Role), RoleRank(b.Role)), cmp.Compare(a.CompanyID, b.CompanyID), cmp.Compare(a.Role, b.Role))
	})
}

// DealIDAt returns the ID of a repeated deal: the n-th (n ≥ 1) further deal
// of type t between parties, first made in year. The first deal of a type
// between the same parties has [DealID].
func DealIDAt(t DealType, parties []Party, year, n int) string {
	keys := make([]string, len(parties))
	for i, p := range parties {
		keys[i] = string(p.Role) + "=" + p.CompanyID
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	sum := sha256.Sum256([]byte(string(t) + "|" + strings.Join(keys, ",") + "|" + strconv.Itoa(year) + "|" + strconv.Itoa(n)))
	return "d:" + hex.EncodeToString(sum[:8])
}

// PartyBlock returns the key of the set of companies taking part in a deal:
// their sorted distinct IDs. Only reports with the same block can be one
// deal.
func PartyBlock(ps []Party) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.CompanyID
	}
	slices.Sort(ids)
	return strings.Join(slices.Compact(ids), "\x00")
}

// DealCluster is one deal as [ResolveDeals] finds it.
type DealCluster struct {
	// Deal has the ID, Type and Parties of the deal; the other attributes
	// are left to [Aggregate].
	Deal Deal
	// Evidence are its reports in report order. Each keeps the DealID it
	// came with (the deal it was proposed for or stored in), so callers can
	// tell where it was; set it to Deal.ID to store it.
	Evidence []Evidence
}

// cluster is a deal being built from reports.
type cluster struct {
	fam      DealType
	first    int // first year, 0 when no report gives one
	reports  []Evidence
	articles map[string]bool
	ended    bool // the latest report so far says it failed
}

func (c *cluster) add(e Evidence) {
	c.reports = append(c.reports, e)
	c.articles[e.ArticleID] = true
	if c.first == 0 && e.Year != 0 {
		c.first = e.Year
	}
	c.ended = e.Status == Terminated || e.Status == Blocked
}

// hasValue reports whether some report of c states v within tolerance tol.
func (c *cluster) hasValue(v float64, tol float64) bool {
	return slices.ContainsFunc(c.reports, func(e Evidence) bool { return e.Value != nil && sameValue(*e.Value, v, tol) })
}

func (c *cluster) anyValue() bool {
	return slices.ContainsFunc(c.reports, func(e Evidence) bool { return e.Value != nil })
}

func sameValue(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}

// timeFits reports whether a report of year y fits deal c in time.
func (c *cluster) timeFits(y int) bool {
	if y == 0 || c.first == 0 {
		return true
	}
	d := y - c.first
	switch c.fam {
	case Investment:
		return d <= investmentWindow && d >= -investmentWindow
	case Acquisition:
		return d <= combinationWindow || !c.ended
	}
	return d <= relationshipWindow && d >= -relationshipWindow
}

// fits reports whether report e can be part of deal c.
func (c *cluster) fits(e Evidence) bool {
	if c.articles[e.ArticleID] || !c.timeFits(e.Year) {
		return false
	}
	if family(e.Type) != c.fam {
		// Only an acquisition's amount identifies it: a partnership
		// stating an investment's amount may well be a deal of its own.
		return c.fam == Acquisition && e.Value != nil && c.hasValue(*e.Value, sameAmount)
	}
	if c.fam == Investment && e.Value != nil && c.anyValue() && !c.hasValue(*e.Value, sameRound) {
		return false
	}
	return true
}

// dayNumber maps a YYYY-MM-DD date to a number growing with the date, or -1.
func dayNumber(date string) int {
	if len(date) < 10 {
		return -1
	}
	y, err1 := strconv.Atoi(date[:4])
	m, err2 := strconv.Atoi(date[5:7])
	d, err3 := strconv.Atoi(date[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return -1
	}
	return y*372 + m*31 + d
}

// dateGap is the distance in days between date and the nearest dated
// report of c, or MaxInt when either has no date.
func (c *cluster) dateGap(date string) int {
	n := dayNumber(date)
	best := math.MaxInt
	if n < 0 {
		return best
	}
	for _, e := range c.reports {
		if m := dayNumber(e.Published); m >= 0 {
			best = min(best, abs(n-m))
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// reportOrder is the order ResolveDeals takes reports in: acquisitions
// and mergers first (a report of another type may join one on its amount),
// then those giving a year, by year; a stated value before none; then by
// date (undated last) and article.
func reportOrder(a, b Evidence) int {
	return cmp.Or(
		boolCmp(family(a.Type) != Acquisition, family(b.Type) != Acquisition),
		boolCmp(a.Year == 0, b.Year == 0), cmp.Compare(a.Year, b.Year),
		boolCmp(a.Value == nil, b.Value == nil),
		boolCmp(a.Published == "", b.Published == ""), cmp.Compare(a.Published, b.Published),
		cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Type, b.Type), cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.Status, b.Status), cmp.Compare(partyKey(sortedParties(a.Parties)), partyKey(sortedParties(b.Parties))),
		cmp.Compare(a.DealID, b.DealID),
	)
}

// sortedParties returns a copy of ps sorted by [SortParties].
func sortedParties(ps []Party) []Party {
	ps = slices.Clone(ps)
	SortParties(ps)
	return ps
}

// retold reports whether a and b, two reports of one article in one party
// block, are the article telling one deal twice: types of one family, the
// same year (or both undated) and, for an investment, the same amount or
// none. The loader keeps one report of such a pair when the article names
// the companies alike; an article often names them apart ("SAP is buying
// Qualtrics International Inc" and later "SAP will acquire Qualtrics"), and
// the two meet only once company resolution has made them one company.
func retold(a, b Evidence) bool {
	if a.ArticleID != b.ArticleID || family(a.Type) != family(b.Type) || a.Year != b.Year {
		return false
	}
	if family(a.Type) != Investment {
		return true
	}
	if a.Value == nil || b.Value == nil {
		return a.Value == nil && b.Value == nil
	}
	return sameValue(*a.Value, *b.Value, sameRound)
}

// ResolveDeals groups reports into deals. Every report must have Type and
// Parties set. Reports are one deal when they name the same set of
// companies ([PartyBlock]) and:
//
//   - their types are of one family (an acquisition and a merger are), or
//     a report of another type states an acquisition's amount;
//   - they are close in time: within a year of the deal's first year for
//     an investment, three for a partnership, joint venture, licence or
//     supply contract; an acquisition or merger is one deal however long
//     it takes, unless it failed and a new attempt came more than two years
//     later;
//   - for an investment, they do not state different amounts (two rounds);
//   - no article reports both: two reports of one article are two deals,
//     unless the article tells one deal twice (the same type family and
//     year, for an investment the same amount or none), which is one
//     report, the first in report order.
//
// Reports are taken dated ones first, by year, and each joins the fitting
// deal of its own type family whose first year is nearest (then the one
// stating its amount, the one reported nearest in date; for a report that
// gives no year the latest deal, else the earliest); a report that fits
// none starts a deal. A deal's type is its reports' most
// common (ties to the more specific), each party's role its most common in
// reports of that type. The first deal of a type between the same parties
// (by first year, unknown last) has [DealID]; later ones [DealIDAt]. The
// result is sorted by deal ID and does not depend on the order of claims.
func ResolveDeals(claims []Evidence) []DealCluster {
	blocks := map[string][]Evidence{}
	for _, e := range claims {
		k := PartyBlock(e.Parties)
		blocks[k] = append(blocks[k], e)
	}
	var out []DealCluster
	for _, k := range slices.Sorted(maps.Keys(blocks)) {
		out = append(out, resolveBlock(blocks[k])...)
	}
	slices.SortFunc(out, func(a, b DealCluster) int { return cmp.Compare(a.Deal.ID, b.Deal.ID) })
	return out
}

// resolveBlock resolves the reports of one party block.
func resolveBlock(claims []Evidence) []DealCluster {
	claims = slices.Clone(claims)
	slices.SortFunc(claims, reportOrder)
	// An article telling a deal twice is one report of it: the first in
	// report order is kept (a deal holds one report per article).
	kept, byArticle := claims[:0], map[string][]Evidence{}
	for _, e := range claims {
		if !slices.ContainsFunc(byArticle[e.ArticleID], func(k Evidence) bool { return retold(k, e) }) {
			byArticle[e.ArticleID] = append(byArticle[e.ArticleID], e)
			kept = append(kept, e)
		}
	}
	claims = kept
	var cs []*cluster
	for _, e := range claims {
		var best *cluster
		bestRank := [5]int{}
		for _, c := range cs {
			if !c.fits(e) {
				continue
			}
			gap := 0
			if e.Year != 0 && c.first != 0 {
				gap = abs(e.Year - c.first)
			}
			valueMiss := 1
			if e.Value != nil && c.hasValue(*e.Value, sameRound) {
				valueMiss = 0
			}
			otherFamily := 0
			if family(e.Type) != c.fam {
				otherFamily = 1
			}
			// An undated report fitting several deals is taken for the
			// latest: a story that does not date a deal tells it as news.
			latest := 0
			if e.Year == 0 {
				latest = -c.first
			}
			rank := [5]int{otherFamily, gap, valueMiss, c.dateGap(e.Published), latest}
			if best == nil || slices.Compare(rank[:], bestRank[:]) < 0 {
				best, bestRank = c, rank
			}
		}
		if best == nil {
			best = &cluster{fam: family(e.Type), articles: map[string]bool{}}
			cs = append(cs, best)
		}
		best.add(e)
	}
	deals := make([]DealCluster, len(cs))
	for i, c := range cs {
		deals[i] = DealCluster{Deal: clusterDeal(c), Evidence: c.reports}
	}
	// Number repeated deals of the same type and parties in time order.
	order := make([]int, len(deals))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := cs[a], cs[b]
		return cmp.Or(boolCmp(ca.first == 0, cb.first == 0), cmp.Compare(ca.first, cb.first),
			cmp.Compare(firstDate(ca), firstDate(cb)), cmp.Compare(ca.reports[0].ArticleID, cb.reports[0].ArticleID))
	})
	seen := map[string]int{}
	for _, i := range order {
		d := &deals[i].Deal
		id := DealID(d.Type, d.Parties)
		if n := seen[id]; n > 0 {
			d.ID = DealIDAt(d.Type, d.Parties, cs[i].first, n)
		} else {
			d.ID = id
		}
		seen[id]++
	}
	return deals
}

// firstDate is the earliest publication date of c's reports, "~" (after
// every date) when none is dated.
func firstDate(c *cluster) string {
	best := "~"
	for _, e := range c.reports {
		if e.Published != "" && e.Published < best {
			best = e.Published
		}
	}
	return best
}

// clusterDeal returns the type and parties of the deal c's reports make.
func clusterDeal(c *cluster) Deal {
	types := map[DealType]int{}
	for _, e := range c.reports {
		types[e.Type]++
	}
	var t DealType
	for x, n := range types {
		if t == "" || n > types[t] || n == types[t] && typePriority[x] < typePriority[t] {
			t = x
		}
	}
	// The parties with the roles most reports of that type give them; ties
	// to the earliest report.
	count := map[string]int{}
	var best []Party
	bestKey := ""
	for _, e := range c.reports {
		if e.Type != t {
			continue
		}
		ps := slices.Clone(e.Parties)
		SortParties(ps)
		k := partyKey(ps)
		count[k]++
		if best == nil || count[k] > count[bestKey] {
			best, bestKey = ps, k
		}
	}
	parties := best
	SortParties(parties)
	return Deal{Type: t, Parties: parties}
}

func partyKey(ps []Party) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(string(p.Role) + "=" + p.CompanyID + ",")
	}
	return b.String()
}
