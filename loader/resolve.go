package loader

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// The resolve stage. Each article is first made consistent with its own
// statements: a name the extractor took for another name of a company but
// that the article says owns it or is owned by it ("Quillon Games, the
// parent of Orla Studios") becomes a company of its own, a former
// name ("Velmora, formerly Harbex Media") joins the company as such, and a name
// the article gives in brackets as its initials or clipped form ("Orla &
// Northern Gas Corp (ONGC)") joins it as an alias. Then the articles of a
// batch are put together: spellings of one name in
// another legal form become one company, each report of a deal becomes
// evidence carrying the article's claim (type, parties, year, status,
// value), and the reports are grouped into deals by
// [partnergraph.ResolveDeals]. The store resolves the batch again against
// the whole graph with the same rules, so the batch is only a proposal:
// IDs here are those the names give, and the store may join them with
// companies and deals it holds.

// articleFacts are one article's companies, deals and statements after the
// article is made consistent with its statements.
type articleFacts struct {
	companies []ExtractedCompany
	// formers are former names by company: rename links to record.
	formers map[string][]string
	deals   []ExtractedDeal
	// owned are (parent, child) canonical names the article states.
	owned [][2]string
}

// resolveArticle applies the article's ownership and rename statements
// to its extraction.
func resolveArticle(x Extraction) articleFacts {
	f := articleFacts{companies: make([]ExtractedCompany, len(x.Companies)), formers: map[string][]string{}}
	for i, c := range x.Companies {
		f.companies[i] = ExtractedCompany{Name: c.Name, Aliases: slices.Clone(c.Aliases)}
	}
	f.deals = slices.Clone(x.Deals)
	rels := findRelations(x.Doc.Text, f.spellings())
	if len(rels) == 0 {
		return f
	}
	// splits maps a company to the companies split off it.
	splits := map[string][]string{}
	moved := map[string]string{} // merged-away name -> the company it joined
	for _, r := range rels {
		known := f.spellings()
		switch r.kind {
		case owns:
			p, c := known[r.parent], known[r.child]
			if p == "" || c == "" {
				continue
			}
			if p == c {
				// One company in the extraction, two in the statement:
				// split off the spelling that is not its name.
				off := r.child
				if r.child == p {
					off = r.parent
				}
				if off == p || !f.split(p, off) {
					continue
				}
				splits[p] = append(splits[p], off)
				if off == r.parent {
					p = off
				} else {
					c = off
				}
			}
			f.owned = append(f.owned, [2]string{p, c})
		case renamed, abbreviated:
			// The child's name is the parent's former name or its short
			// form: one company, under the parent's name.
			n := known[r.parent]
			if n == "" {
				continue
			}
			o := known[r.child]
			if o != "" && o != n {
				f.merge(o, n)
				moved[o] = n
			}
			switch {
			case r.kind == renamed:
				f.addFormer(n, r.child)
			case o == "":
				f.addAlias(n, r.child)
			}
		}
	}
	for i := range f.deals {
		d := &f.deals[i]
		d.Parties = slices.Clone(d.Parties)
		for j := range d.Parties {
			p := &d.Parties[j]
			if to, ok := moved[p.Name]; ok {
				p.Name = to
			}
			if offs, ok := splits[p.Name]; ok {
				p.Name = f.firstNamed(d.Sentence, append([]string{p.Name}, offs...))
			}
		}
	}
	return f
}

// spellings maps every name and alias of the article's companies to the
// company's name.
func (f *articleFacts) spellings() map[string]string {
	m := map[string]string{}
	for _, c := range f.companies {
		for _, s := range append([]string{c.Name}, c.Aliases...) {
			if _, taken := m[s]; !taken {
				m[s] = c.Name
			}
		}
	}
	return m
}

func (f *articleFacts) index(name string) int {
	return slices.IndexFunc(f.companies, func(c ExtractedCompany) bool { return c.Name == name })
}

// split moves spelling off, and the aliases that are its short or legal
// forms, out of company name into a company of its own.
func (f *articleFacts) split(name, off string) bool {
	i := f.index(name)
	if i < 0 {
		return false
	}
	goes := func(a string) bool {
		return a == off || partnergraph.IsShortForm(a, off) && !partnergraph.IsShortForm(a, name) ||
			partnergraph.CompanyKey(a) == partnergraph.CompanyKey(off)
	}
	var took []string
	f.companies[i].Aliases = slices.DeleteFunc(f.companies[i].Aliases, func(a string) bool {
		if goes(a) && a != off {
			took = append(took, a)
		}
		return goes(a)
	})
	f.companies = append(f.companies, ExtractedCompany{Name: off, Aliases: took})
	return true
}

// merge moves company from, named and aliases, into company into.
func (f *articleFacts) merge(from, into string) {
	i, j := f.index(from), f.index(into)
	if i < 0 || j < 0 {
		return
	}
	f.companies[j].Aliases = append(f.companies[j].Aliases, from)
	f.companies[j].Aliases = append(f.companies[j].Aliases, f.companies[i].Aliases...)
	f.companies = slices.Delete(f.companies, i, i+1)
	f.formers[into] = append(f.formers[into], f.formers[from]...)
	delete(f.formers, from)
}

// addFormer records former as a former name of company name.
func (f *articleFacts) addFormer(name, former string) {
	i := f.index(name)
	if i < 0 || former == name {
		return
	}
	if !slices.Contains(f.companies[i].Aliases, former) {
		f.companies[i].Aliases = append(f.companies[i].Aliases, former)
	}
	if !slices.Contains(f.formers[name], former) {
		f.formers[name] = append(f.formers[name], former)
	}
}

// addAlias records alias as another name of company name.
func (f *articleFacts) addAlias(name, alias string) {
	if i := f.index(name); i >= 0 && alias != name && !slices.Contains(f.companies[i].Aliases, alias) {
		f.companies[i].Aliases = append(f.companies[i].Aliases, alias)
	}
}

// firstNamed returns, of the companies names, the one whose name or alias
// the sentence gives first; the first of names when it gives none.
func (f *articleFacts) firstNamed(sentence string, names []string) string {
	best, at := names[0], len(sentence)+1
	for _, n := range names {
		i := f.index(n)
		if i < 0 {
			continue
		}
		for _, s := range append([]string{n}, f.companies[i].Aliases...) {
			if k := wordIndex(sentence, s); k >= 0 && k < at {
				best, at = n, k
			}
		}
	}
	return best
}

// wordIndex returns the byte offset of the first occurrence of word in s
// that starts and ends at word boundaries, or -1.
func wordIndex(s, word string) int {
	if word == "" {
		return -1
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(word)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// companyGroup is the batch's record of one company key.
type companyGroup struct {
	names, aliases []string
	links          []partnergraph.NameLink
	name, id       string
}

// Resolve turns the extractions of a run into one batch: each article made
// consistent with its own statements, spellings of one name in another
// legal form as one company ("Sega" = "SEGA" = "Sega Corp"), platforms
// with their owners, ownership statements, and the reports of deals as
// evidence carrying each article's claim, grouped into deals by
// [partnergraph.ResolveDeals] and aggregated with [partnergraph.Aggregate].
// A company's aliases other than its name's legal forms, and its former
// names, are recorded as links with the article that gives them. Deals get
// no summary: the store writes one from the names it settles on. The
// result is sorted by ID, so the same extractions always give the same
// batch.
func Resolve(xs []Extraction) partnergraph.Batch {
	facts := make([]articleFacts, len(xs))
	groups := map[string]*companyGroup{}
	group := func(name string) *companyGroup {
		k := partnergraph.CompanyKey(name)
		g, ok := groups[k]
		if !ok {
			g = &companyGroup{}
			groups[k] = g
		}
		if !slices.Contains(g.names, name) {
			g.names = append(g.names, name)
		}
		return g
	}
	for i, x := range xs {
		art := articleID(x)
		f := resolveArticle(x)
		facts[i] = f
		for _, c := range f.companies {
			g := group(c.Name)
			g.aliases = append(g.aliases, c.Aliases...)
			for _, a := range c.Aliases {
				switch {
				case slices.Contains(f.formers[c.Name], a):
					g.links = append(g.links, partnergraph.NameLink{Name: a, Reason: partnergraph.LinkRename, ArticleID: art})
				case partnergraph.CompanyKey(a) != partnergraph.CompanyKey(c.Name):
					g.links = append(g.links, partnergraph.NameLink{Name: a, Reason: partnergraph.LinkAlias, ArticleID: art})
				}
			}
		}
		for _, d := range f.deals {
			for _, p := range d.Parties {
				group(p.Name)
			}
		}
		for _, p := range x.Platforms {
			if p.Owner != "" {
				group(p.Owner)
			}
		}
	}
	var b partnergraph.Batch
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		g := groups[k]
		var links []partnergraph.NameLink
		for _, l := range g.links {
			if i := slices.IndexFunc(links, func(x partnergraph.NameLink) bool { return x.Name == l.Name }); i < 0 {
				links = append(links, l)
			} else if partnergraph.CompareLinks(l, links[i]) < 0 {
				links[i] = l
			}
		}
		candidates := slices.DeleteFunc(slices.Clone(g.names), func(n string) bool { return partnergraph.Former(n, links) })
		if len(candidates) == 0 {
			candidates = g.names
		}
		g.name = slices.MinFunc(candidates, partnergraph.CompareNames)
		g.id = partnergraph.CompanyID(g.name)
		c := partnergraph.Company{ID: g.id, Name: g.name, Aliases: partnergraph.UnionNames(g.name, g.names, g.aliases)}
		for _, l := range links {
			if slices.Contains(c.Aliases, l.Name) {
				c.Links = append(c.Links, l)
			}
		}
		b.Companies = append(b.Companies, c)
	}
	slices.SortFunc(b.Companies, func(a, c partnergraph.Company) int { return cmp.Compare(a.ID, c.ID) })
	companyID := func(name string) string { return groups[partnergraph.CompanyKey(name)].id }

	platforms := map[string]*partnergraph.Platform{}
	mentions := map[partnergraph.Mention]bool{}
	var claims []partnergraph.Evidence
	for i, x := range xs {
		f := facts[i]
		art := x.Doc.Article
		art.ID = articleID(x)
		b.Articles = append(b.Articles, art)
		for _, c := range f.companies {
			mentions[partnergraph.Mention{ArticleID: art.ID, Kind: partnergraph.MentionCompany, EntityID: companyID(c.Name)}] = true
		}
		for _, p := range x.Platforms {
			id := partnergraph.PlatformID(p.Name)
			pl, ok := platforms[id]
			if !ok {
				pl = &partnergraph.Platform{ID: id, Name: p.Name, Kind: p.Kind}
				platforms[id] = pl
			}
			// As the store merges platforms: in any order the same.
			if partnergraph.BetterPlatformName(id, p.Name, pl.Name) {
				pl.Aliases = append(pl.Aliases, pl.Name)
				pl.Name = p.Name
			} else if p.Name != pl.Name {
				pl.Aliases = append(pl.Aliases, p.Name)
			}
			if p.Owner != "" {
				if owner := companyID(p.Owner); pl.OwnerID == "" || owner < pl.OwnerID {
					pl.OwnerID = owner
				}
			}
			pl.Kind = partnergraph.BetterKind(pl.Kind, p.Kind)
			pl.Aliases = append(pl.Aliases, p.Aliases...)
			mentions[partnergraph.Mention{ArticleID: art.ID, Kind: partnergraph.MentionPlatform, EntityID: id}] = true
		}
		for _, o := range f.owned {
			if p, c := companyID(o[0]), companyID(o[1]); p != c {
				b.Ownerships = append(b.Ownerships, partnergraph.Ownership{ParentID: p, ChildID: c, ArticleID: art.ID, Date: art.Published})
			}
		}
		claims = append(claims, articleClaims(art, f.deals, companyID, platforms)...)
	}
	for _, p := range platforms {
		p.Aliases = partnergraph.UnionNames(p.Name, p.Aliases)
		b.Platforms = append(b.Platforms, *p)
	}
	slices.SortFunc(b.Platforms, func(a, c partnergraph.Platform) int { return cmp.Compare(a.ID, c.ID) })
	for _, cl := range partnergraph.ResolveDeals(claims) {
		ev := make([]partnergraph.Evidence, len(cl.Evidence))
		for i, e := range cl.Evidence {
			e.DealID = cl.Deal.ID
			ev[i] = e
		}
		slices.SortFunc(ev, func(a, c partnergraph.Evidence) int { return cmp.Compare(a.ArticleID, c.ArticleID) })
		b.Deals = append(b.Deals, partnergraph.Aggregate(cl.Deal, ev))
		b.Evidence = append(b.Evidence, ev...)
	}
	slices.SortFunc(b.Evidence, func(a, c partnergraph.Evidence) int {
		return cmp.Or(cmp.Compare(a.DealID, c.DealID), cmp.Compare(a.ArticleID, c.ArticleID))
	})
	for m := range mentions {
		b.Mentions = append(b.Mentions, m)
	}
	slices.SortFunc(b.Mentions, func(a, c partnergraph.Mention) int {
		return cmp.Or(cmp.Compare(a.ArticleID, c.ArticleID), cmp.Compare(a.Kind, c.Kind), cmp.Compare(a.EntityID, c.EntityID))
	})
	slices.SortFunc(b.Ownerships, func(a, c partnergraph.Ownership) int {
		return cmp.Or(cmp.Compare(a.ChildID, c.ChildID), cmp.Compare(a.ParentID, c.ParentID), cmp.Compare(a.ArticleID, c.ArticleID))
	})
	b.Ownerships = slices.Compact(b.Ownerships)
	slices.SortFunc(b.Articles, func(a, c partnergraph.Article) int { return cmp.Compare(a.ID, c.ID) })
	b.Articles = slices.CompactFunc(b.Articles, func(a, c partnergraph.Article) bool { return a.ID == c.ID })
	return b
}

// articleID returns the store ID of the article of x.
func articleID(x Extraction) string {
	if x.Doc.Article.ID != "" {
		return x.Doc.Article.ID
	}
	return partnergraph.ArticleID(x.Doc.SourceID)
}

// articleClaims returns the reports of one article's deals as evidence
// with the article's claim. A report of the same parties, type family and
// year as an earlier one of the article (and, for an investment, the same
// amount) is the same deal told twice: only the first is kept, as the
// article's evidence.
func articleClaims(art partnergraph.Article, deals []ExtractedDeal, companyID func(string) string, platforms map[string]*partnergraph.Platform) []partnergraph.Evidence {
	var out []partnergraph.Evidence
	seen := map[string]bool{}
	for _, d := range deals {
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
		partnergraph.SortParties(parties)
		fam := d.Type
		if fam == partnergraph.Merger {
			fam = partnergraph.Acquisition
		}
		key := partnergraph.PartyBlock(parties) + "|" + string(fam) + "|" + strconv.Itoa(d.Year)
		if d.Type == partnergraph.Investment && d.Value != nil {
			key += "|" + strconv.FormatFloat(*d.Value, 'g', -1, 64)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		var pids []string
		for _, p := range d.Platforms {
			pid := partnergraph.PlatformID(p)
			if !slices.Contains(pids, pid) {
				pids = append(pids, pid)
			}
			if _, ok := platforms[pid]; !ok {
				platforms[pid] = &partnergraph.Platform{ID: pid, Name: p}
			}
		}
		slices.Sort(pids)
		e := partnergraph.Evidence{
			ArticleID: art.ID, Sentence: d.Sentence, Start: d.Start, End: d.End, Year: d.Year, Status: d.Status,
			PlatformIDs: pids, Confidence: d.Confidence, Published: art.Published,
			Type: d.Type, Parties: parties, Currency: d.Currency, Rules: d.Rules,
		}
		if d.Value != nil {
			v := *d.Value
			e.Value = &v
		}
		out = append(out, e)
	}
	return out
}
