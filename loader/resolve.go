package loader

import (
	"cmp"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// legalSuffixes are the company-name endings that do not tell two companies
// apart: "Microsoft Corp" is "Microsoft".
var legalSuffixes = setOf("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc",
	"llc", "lp", "ag", "sa", "nv", "bv", "gmbh", "se", "spa", "kk", "pty", "cos")

// companyKey is the key under which spellings of one company meet: its slug
// without a leading "the" and without legal suffixes, so "SEGA", "Sega" and
// "Sega Corp" share a key while "Sears Plc" and "Sears Motor Group" do not.
func companyKey(name string) string {
	words := strings.Split(partnergraph.Slug(name), "-")
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, "-")
}

// resolver collects the entities of several extractions.
type resolver struct {
	// names maps a company key to its spellings with their counts, in
	// order of first appearance.
	names map[string]*spellings
	// alias maps a lower-case alias to the company key it belongs to.
	alias map[string]string
}

type spellings struct {
	order  []string
	count  map[string]int
	extras []string // aliases
}

func (s *spellings) add(name string, n int) {
	if _, ok := s.count[name]; !ok {
		s.order = append(s.order, name)
	}
	s.count[name] += n
}

// canonical is the most used spelling; among equals the plainest (no legal
// suffix, no leading "the"), then the one with more capitals ("SEGA" over
// "Sega"), then the first in byte order, so the choice does not depend on
// the order of the articles.
func (s *spellings) canonical() string {
	best := s.order[0]
	for _, n := range s.order[1:] {
		if c := s.count[n] - s.count[best]; c > 0 || c == 0 && plainer(n, best) {
			best = n
		}
	}
	return best
}

func plainer(a, b string) bool {
	// Fewer characters dropped by companyKey is plainer.
	da := len(partnergraph.Slug(a)) - len(companyKey(a))
	db := len(partnergraph.Slug(b)) - len(companyKey(b))
	if da != db {
		return da < db
	}
	if ua, ub := upperCount(a), upperCount(b); ua != ub {
		return ua > ub
	}
	return a < b
}

func upperCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n
}

// Resolve turns the extractions of a run into one batch: companies under
// one ID whatever their spelling ("Sega" = "SEGA" = "Sega Corp"), platforms
// with their owners, and each deal once however many articles report it,
// with one Evidence per reporting article carrying that article's claims.
// The deal's year, status, platforms and confidence are aggregated over its
// evidence with [partnergraph.Aggregate]. The result is sorted by ID, so the
// same extractions always give the same batch.
func Resolve(xs []Extraction) partnergraph.Batch {
	r := resolver{names: map[string]*spellings{}, alias: map[string]string{}}
	for _, x := range xs {
		for _, c := range x.Companies {
			r.addCompany(c.Name, c.Aliases)
		}
		for _, d := range x.Deals {
			for _, p := range d.Parties {
				r.addCompany(p.Name, nil)
			}
		}
		for _, p := range x.Platforms {
			if p.Owner != "" {
				r.addCompany(p.Owner, nil)
			}
		}
	}
	var b partnergraph.Batch
	companyName := map[string]string{} // key → canonical name
	keys := make([]string, 0, len(r.names))
	for k := range r.names {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := r.names[k]
		name := s.canonical()
		companyName[k] = name
		c := partnergraph.Company{ID: partnergraph.CompanyID(name), Name: name}
		for _, n := range append(slices.Clone(s.order), s.extras...) {
			if n != name && !slices.Contains(c.Aliases, n) {
				c.Aliases = append(c.Aliases, n)
			}
		}
		slices.Sort(c.Aliases)
		b.Companies = append(b.Companies, c)
	}
	companyID := func(name string) string {
		return partnergraph.CompanyID(companyName[r.key(name)])
	}

	platforms := map[string]*partnergraph.Platform{}
	deals := map[string]*partnergraph.Deal{}
	evidence := map[string][]partnergraph.Evidence{}
	mentions := map[partnergraph.Mention]bool{}
	for _, x := range xs {
		art := x.Doc.Article
		if art.ID == "" {
			art.ID = partnergraph.ArticleID(x.Doc.SourceID)
		}
		b.Articles = append(b.Articles, art)
		for _, c := range x.Companies {
			mentions[partnergraph.Mention{ArticleID: art.ID, Kind: partnergraph.MentionCompany, EntityID: companyID(c.Name)}] = true
		}
		for _, p := range x.Platforms {
			id := partnergraph.PlatformID(p.Name)
			pl, ok := platforms[id]
			if !ok {
				pl = &partnergraph.Platform{ID: id, Name: p.Name, Kind: p.Kind}
				platforms[id] = pl
			}
			if pl.OwnerID == "" && p.Owner != "" {
				pl.OwnerID = companyID(p.Owner)
			}
			if pl.Kind == "" {
				pl.Kind = p.Kind
			}
			for _, a := range p.Aliases {
				if a != pl.Name && !slices.Contains(pl.Aliases, a) {
					pl.Aliases = append(pl.Aliases, a)
				}
			}
			mentions[partnergraph.Mention{ArticleID: art.ID, Kind: partnergraph.MentionPlatform, EntityID: id}] = true
		}
		for _, d := range x.Deals {
			parties := make([]partnergraph.Party, 0, len(d.Parties))
			for _, p := range d.Parties {
				id := companyID(p.Name)
				if !slices.ContainsFunc(parties, func(q partnergraph.Party) bool { return q.CompanyID == id }) {
					parties = append(parties, partnergraph.Party{CompanyID: id, Role: p.Role})
				}
			}
			if len(parties) < 2 {
				continue
			}
			// Buyer, investor, licensor or supplier first; equals by ID,
			// so that the order does not depend on the article.
			slices.SortStableFunc(parties, func(a, c partnergraph.Party) int {
				return cmp.Or(cmp.Compare(roleRank(a.Role), roleRank(c.Role)), cmp.Compare(a.CompanyID, c.CompanyID))
			})
			id := partnergraph.DealID(d.Type, parties)
			var pids []string
			for _, p := range d.Platforms {
				pid := partnergraph.PlatformID(p)
				pids = appendUnique(pids, pid)
				if _, ok := platforms[pid]; !ok {
					platforms[pid] = &partnergraph.Platform{ID: pid, Name: p}
				}
			}
			slices.Sort(pids)
			deal, ok := deals[id]
			if !ok {
				deal = &partnergraph.Deal{ID: id, Type: d.Type, Parties: parties}
				deals[id] = deal
			}
			if deal.Value == nil && d.Value != nil {
				v := *d.Value
				deal.Value, deal.Currency = &v, d.Currency
			}
			if slices.ContainsFunc(evidence[id], func(e partnergraph.Evidence) bool { return e.ArticleID == art.ID }) {
				continue // the article's first report of the deal is its evidence
			}
			evidence[id] = append(evidence[id], partnergraph.Evidence{
				DealID: id, ArticleID: art.ID, Sentence: d.Sentence, Start: d.Start, End: d.End,
				Year: d.Year, Status: d.Status, PlatformIDs: pids, Confidence: d.Confidence, Published: art.Published,
			})
		}
	}
	for _, p := range platforms {
		slices.Sort(p.Aliases)
		b.Platforms = append(b.Platforms, *p)
	}
	slices.SortFunc(b.Platforms, func(a, c partnergraph.Platform) int { return cmp.Compare(a.ID, c.ID) })
	for id, d := range deals {
		evs := evidence[id]
		slices.SortFunc(evs, func(a, c partnergraph.Evidence) int { return cmp.Compare(a.ArticleID, c.ArticleID) })
		agg := partnergraph.Aggregate(*d, evs)
		agg.Summary = summary(agg, b.Companies, platforms)
		b.Deals = append(b.Deals, agg)
		b.Evidence = append(b.Evidence, evs...)
	}
	slices.SortFunc(b.Deals, func(a, c partnergraph.Deal) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortFunc(b.Companies, func(a, c partnergraph.Company) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortFunc(b.Evidence, func(a, c partnergraph.Evidence) int {
		return cmp.Or(cmp.Compare(a.DealID, c.DealID), cmp.Compare(a.ArticleID, c.ArticleID))
	})
	for m := range mentions {
		b.Mentions = append(b.Mentions, m)
	}
	slices.SortFunc(b.Mentions, func(a, c partnergraph.Mention) int {
		return cmp.Or(cmp.Compare(a.ArticleID, c.ArticleID), cmp.Compare(a.Kind, c.Kind), cmp.Compare(a.EntityID, c.EntityID))
	})
	slices.SortFunc(b.Articles, func(a, c partnergraph.Article) int { return cmp.Compare(a.ID, c.ID) })
	b.Articles = slices.CompactFunc(b.Articles, func(a, c partnergraph.Article) bool { return a.ID == c.ID })
	return b
}

// roleRank puts the acting side of a deal first.
func roleRank(r partnergraph.Role) int {
	switch r {
	case partnergraph.RoleBuyer, partnergraph.RoleInvestor, partnergraph.RoleLicensor, partnergraph.RoleSupplier:
		return 0
	case partnergraph.RolePartner:
		return 1
	}
	return 2
}

// addCompany records one spelling of a company and its aliases. A name that
// is a known alias of another company joins that company.
func (r *resolver) addCompany(name string, aliases []string) {
	k := r.key(name)
	s, ok := r.names[k]
	if !ok {
		s = &spellings{count: map[string]int{}}
		r.names[k] = s
	}
	s.add(name, 1)
	for _, a := range aliases {
		if a == "" {
			continue
		}
		if !slices.Contains(s.extras, a) {
			s.extras = append(s.extras, a)
		}
		if _, taken := r.alias[strings.ToLower(a)]; !taken {
			r.alias[strings.ToLower(a)] = k
		}
	}
}

// key returns the company key of name, following a known alias.
func (r *resolver) key(name string) string {
	k := companyKey(name)
	if _, ok := r.names[k]; ok {
		return k
	}
	if ak, ok := r.alias[strings.ToLower(name)]; ok {
		return ak
	}
	return k
}

// summary describes a deal in one line, e.g. "Microsoft and SEGA
// partnership on Azure" or "Chrysler Corp acquisition of Allied Motors
// Corp".
func summary(d partnergraph.Deal, companies []partnergraph.Company, platforms map[string]*partnergraph.Platform) string {
	ns := make([]string, len(d.Parties))
	for i, p := range d.Parties {
		ns[i] = p.CompanyID
		if k := slices.IndexFunc(companies, func(c partnergraph.Company) bool { return c.ID == p.CompanyID }); k >= 0 {
			ns[i] = companies[k].Name
		}
	}
	var s string
	switch d.Type {
	case partnergraph.Acquisition:
		s = ns[0] + " acquisition of " + strings.Join(ns[1:], " and ")
	case partnergraph.Investment:
		s = ns[0] + " investment in " + strings.Join(ns[1:], " and ")
	default:
		s = strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1] + " " + strings.ReplaceAll(string(d.Type), "_", " ")
	}
	var ps []string
	for _, id := range d.PlatformIDs {
		if p, ok := platforms[id]; ok {
			ps = append(ps, p.Name)
		}
	}
	if len(ps) > 0 {
		s += " on " + strings.Join(ps, ", ")
	}
	return s
}
