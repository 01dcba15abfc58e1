package storekit

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
)

// Company resolution across the graph. The companies of a batch are
// matched with each other and with the stored companies that share a key
// with them (see [MatchKeys]); the pairs the identity rules of the root
// package join are joined unless one owns the other or an analyst split
// them, and each resulting group becomes one company under the ID that
// comes with its best name. Stored companies that lose their ID are merged
// into the group's company: their deals, mentions, platforms and
// subsidiaries move to it.

// names caches the keys and cores of the names a resolution looks at.
type names map[string][2]string

func (nc names) get(s string) [2]string {
	v, ok := nc[s]
	if !ok {
		v = [2]string{pg.CompanyKey(s), pg.CompanyCore(s)}
		nc[s] = v
	}
	return v
}

func (nc names) key(s string) string  { return nc.get(s)[0] }
func (nc names) core(s string) string { return nc.get(s)[1] }

// shortForm is [pg.IsShortForm] on cached keys.
func (nc names) shortForm(alias, name string) bool {
	return pg.IsShortFormKey(nc.key(alias), nc.key(name))
}

// node is one company taking part in resolution: a stored company, the
// batch's records with its ID, or both.
type node struct {
	id     string
	stored bool
	// names are the names articles give the company: the stored name and
	// the names of the batch's records.
	names   []string
	aliases []string
	// fulls are the spellings that identify it across the graph: its names
	// and the aliases that are not short forms of them (see full).
	fulls []string
	links []pg.NameLink
	// parent is the stored parent; stated the latest stated ownership.
	parent, stated *pg.Ownership
	// fresh: the batch gives the company a spelling or former name the
	// store does not hold for it. A stored company that gets nothing new
	// was matched when its spellings were written and is not looked up
	// again (matching is symmetric: whichever of two companies came later
	// found the other).
	fresh bool
	// relink: the batch gives the company links or a parent to merge with
	// the stored ones.
	relink bool
	// lost are aliases that are the name of a company kept apart from it,
	// won those it takes from such a company.
	lost, won []string
}

// contest moves to x every alias of y that is, in some legal form, a name
// of x: x and y are two companies, and the name is x's.
func contest(nc names, x, y *node) {
	for _, m := range x.names {
		k := nc.key(m)
		for _, a := range y.aliases {
			if nc.key(a) == k && !slices.Contains(y.names, a) && !slices.Contains(y.lost, a) {
				y.lost = append(y.lost, a)
				if !x.has(a) && !slices.Contains(x.won, a) {
					x.won = append(x.won, a)
				}
			}
		}
	}
}

func (n *node) addName(name string) {
	if !slices.Contains(n.names, name) {
		n.names = append(n.names, name)
		n.fulls = nil
	}
}

func (n *node) addAliases(aliases []string) {
	for _, a := range aliases {
		if a != "" && !slices.Contains(n.aliases, a) {
			n.aliases = append(n.aliases, a)
			n.fulls = nil
		}
	}
}

func (n *node) has(s string) bool {
	return slices.Contains(n.names, s) || slices.Contains(n.aliases, s)
}

// newLink reports whether link l would change the links stored for n: it
// explains an alias no stored link or form rule does, or better.
func (n *node) newLink(nc names, l pg.NameLink) bool {
	if !n.stored || len(n.names) == 0 {
		return true
	}
	i := slices.IndexFunc(n.links, func(x pg.NameLink) bool { return x.Name == l.Name })
	if i >= 0 {
		return pg.CompareLinks(l, n.links[i]) < 0
	}
	if l.Reason != pg.LinkAlias {
		return true
	}
	name := n.names[0]
	k, c := nc.key(l.Name), nc.core(l.Name)
	return k != nc.key(name) && c != nc.core(name) && k != nc.core(name) && c != nc.key(name)
}

// full returns n's identifying spellings: its names and the aliases that
// are not a short form of one of them.
func (n *node) full(nc names) []string {
	if n.fulls != nil {
		return n.fulls
	}
	n.fulls = slices.Clone(n.names)
	for _, a := range n.aliases {
		if !slices.Contains(n.fulls, a) && !slices.ContainsFunc(n.names, func(m string) bool { return nc.shortForm(a, m) }) {
			n.fulls = append(n.fulls, a)
		}
	}
	return n.fulls
}

func (n *node) addStated(p *pg.Ownership) {
	if p != nil && (n.stated == nil || pg.CompareOwnership(*p, *n.stated) > 0) {
		q := *p
		n.stated = &q
	}
}

// indexKeys are the keys n is found under (as [MatchKeys]).
func (n *node) indexKeys(nc names) []string {
	var ks []string
	for _, f := range n.full(nc) {
		ks = append(ks, "k:"+nc.key(f))
	}
	for _, m := range n.names {
		ks = append(ks, "c:"+nc.core(m))
	}
	return sortedUniq(ks)
}

// lookupKeys are the keys under which n's matches are found.
func (n *node) lookupKeys(nc names) []string {
	var ks []string
	for _, f := range n.full(nc) {
		ks = append(ks, "k:"+nc.key(f))
	}
	for _, m := range n.names {
		ks = append(ks, "c:"+nc.key(m), "k:"+nc.core(m))
	}
	return sortedUniq(ks)
}

// match reports whether the identity rules join x and y, and why: a name
// of one is a name or identifying alias of the other in some legal form
// (an alias of one meeting an alias of the other joins nothing, since two
// companies may share a loose alias), or a name of one is a short form of
// a name of the other. A former name of one meeting a name of the other
// is a rename.
func match(nc names, x, y *node) (pg.LinkReason, bool) {
	reason, found := pg.LinkAlias, false
	better := func(r pg.LinkReason) {
		if !found || pg.CompareLinks(pg.NameLink{Reason: r}, pg.NameLink{Reason: reason}) < 0 {
			reason, found = r, true
		}
	}
	sameName := func(a, b *node) {
		for _, m := range a.names {
			k := nc.key(m)
			for _, f := range b.full(nc) {
				switch {
				case nc.key(f) != k:
				case pg.Former(f, b.links) || pg.Former(m, a.links):
					better(pg.LinkRename)
				case slices.Contains(b.names, f):
					better(pg.LinkLegalForm)
				default:
					better(pg.LinkAlias)
				}
			}
		}
	}
	sameName(x, y)
	sameName(y, x)
	for _, m := range x.names {
		for _, n := range y.names {
			km, kn := nc.key(m), nc.key(n)
			if km != kn && (km == nc.core(n) || nc.core(m) == kn) {
				better(pg.LinkShortForm)
			}
		}
	}
	return reason, found
}

// resolution is the outcome of resolving a batch's companies.
type resolution struct {
	// rename maps every resolved company ID, stored or written, to the ID
	// it has now.
	rename map[string]string
	// companies are the resolved companies, by ID.
	companies map[string]pg.Company
	// dropped are the stored companies merged into another, sorted.
	dropped []string
	// merged are the resolved companies made of several.
	merged map[string]bool
}

// renamed returns the ID company id has now.
func (r resolution) renamed(id string) string {
	if to, ok := r.rename[id]; ok {
		return to
	}
	return id
}

// resolveCompanies resolves the companies of b (already curated) against
// the graph. statements are b's ownership statements; curations the
// recorded ones.
func (o *Overlay) resolveCompanies(b pg.Batch, curations []pg.Curation) resolution {
	nc := names{}
	nodes := map[string]*node{}
	var batchIDs []string
	load := func(id string) *node {
		if n, ok := nodes[id]; ok {
			return n
		}
		n := &node{id: id}
		if c, ok := o.company(id); ok {
			n.stored = true
			n.addName(c.Name)
			n.addAliases(c.Aliases)
			n.links = slices.Clone(c.Links)
			n.parent = c.Parent
			n.addStated(c.Stated)
		}
		nodes[id] = n
		return n
	}
	inBatch := map[string]bool{}
	for _, c := range b.Companies {
		n := load(c.ID)
		if !inBatch[c.ID] {
			inBatch[c.ID] = true
			batchIDs = append(batchIDs, c.ID)
		}
		if !n.fresh {
			// A better name than the stored one (known as an alias so far)
			// makes the company fresh too: its name may change.
			n.fresh = !n.stored || !n.has(c.Name) || slices.ContainsFunc(c.Aliases, func(a string) bool { return !n.has(a) }) ||
				slices.ContainsFunc(c.Links, func(l pg.NameLink) bool { return l.Reason == pg.LinkRename && !pg.Former(l.Name, n.links) }) ||
				len(n.names) > 0 && pg.CompareNames(c.Name, n.names[0]) < 0 && !pg.Former(c.Name, n.links)
		}
		n.relink = n.relink || c.Stated != nil || slices.ContainsFunc(c.Links, func(l pg.NameLink) bool { return n.newLink(nc, l) })
		n.addName(c.Name)
		n.addAliases(c.Aliases)
		n.links = append(n.links, c.Links...)
		n.addStated(c.Stated)
	}
	// The companies an ownership statement names are looked at again: the
	// statement may part them.
	for _, st := range b.Ownerships {
		for _, id := range []string{st.ParentID, st.ChildID} {
			if n, ok := nodes[id]; ok {
				n.fresh = true
			}
		}
	}
	slices.Sort(batchIDs)

	// Stored companies sharing a key with a batch company.
	var keys []string
	for _, id := range batchIDs {
		if nodes[id].fresh {
			keys = append(keys, nodes[id].lookupKeys(nc)...)
		}
	}
	found := sortedUniq(o.g.CompaniesByKey(sortedUniq(keys)))
	if p, ok := o.g.(Preloader); ok && len(found) > 0 {
		p.Preload(Refs{Companies: found})
	}
	for _, id := range found {
		if _, ok := o.company(id); ok {
			load(id)
		}
	}

	// Candidate pairs share a key; the rules decide. Only fresh companies
	// and those they found can meet.
	byKey := map[string][]string{}
	for id, n := range nodes {
		if _, ok := slices.BinarySearch(found, id); !n.fresh && !ok {
			continue
		}
		for _, k := range n.indexKeys(nc) {
			byKey[k] = append(byKey[k], id)
		}
	}
	type edge struct {
		a, b   string
		reason pg.LinkReason
	}
	var edges []edge
	seen := map[[2]string]bool{}
	for _, id := range batchIDs {
		x := nodes[id]
		if !x.fresh {
			continue
		}
		for _, k := range x.lookupKeys(nc) {
			for _, other := range byKey[k] {
				pair := [2]string{min(id, other), max(id, other)}
				if other == id || seen[pair] {
					continue
				}
				seen[pair] = true
				if r, ok := match(nc, x, nodes[other]); ok {
					edges = append(edges, edge{pair[0], pair[1], r})
				}
			}
		}
	}
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(pg.CompareLinks(pg.NameLink{Reason: x.reason}, pg.NameLink{Reason: y.reason}), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})

	owned, split := o.apartPairs(nodes, b.Ownerships, curations)
	uf := newUnionFind()
	for _, e := range edges {
		ra, rb := uf.find(e.a), uf.find(e.b)
		// A former name joins even a company said to own it: "Facebook's
		// parent company Meta" after the rename is still one company.
		if ra == rb {
			continue
		}
		if uf.anyPair(ra, rb, split) || e.reason != pg.LinkRename && uf.anyPair(ra, rb, owned) {
			// Two companies after all: a name of one is no alias of the
			// other, whichever article made it one.
			contest(nc, nodes[e.a], nodes[e.b])
			contest(nc, nodes[e.b], nodes[e.a])
			continue
		}
		uf.union(ra, rb)
	}

	// Each group of a batch company becomes one company, and so does a
	// stored company that lost an alias to a company kept apart from it.
	keep := curatedKeeps(curations)
	res := resolution{rename: map[string]string{}, companies: map[string]pg.Company{}, merged: map[string]bool{}}
	done := map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(nodes)) {
		if n := nodes[id]; n.stored && len(n.lost)+len(n.won) > 0 && !inBatch[id] && uf.find(id) == id && len(uf.members(id)) == 1 {
			batchIDs = append(batchIDs, id)
		}
	}
	for _, id := range batchIDs {
		root := uf.find(id)
		if done[root] {
			continue
		}
		done[root] = true
		members := uf.members(root)
		if n := nodes[id]; len(members) == 1 && !n.fresh && !n.relink && len(n.lost)+len(n.won) == 0 {
			res.rename[id] = id // stored as it is
			continue
		}
		c := o.finalCompany(members, nodes, keep, curations)
		for _, m := range members {
			res.rename[m] = c.ID
			if nodes[m].stored && m != c.ID {
				res.dropped = append(res.dropped, m)
			}
		}
		res.companies[c.ID] = c
		if len(members) > 1 {
			res.merged[c.ID] = true
		}
	}
	// Ownership claims naming a merged ID follow it.
	for id, c := range res.companies {
		if c.Stated != nil {
			c.Stated = reparent(c.Stated, c.Stated.ParentID, res.renamed(c.Stated.ParentID), id)
		}
		if c.Parent != nil {
			c.Parent = reparent(c.Parent, c.Parent.ParentID, res.renamed(c.Parent.ParentID), id)
		}
		res.companies[id] = c
	}
	slices.Sort(res.dropped)
	return res
}

// apartPairs returns the pairs of node IDs that must stay apart: a parent
// and the company it owns (stored, or stated by the batch), and a company
// and the alias an analyst split off it (the company the split made, and
// any company named so).
func (o *Overlay) apartPairs(nodes map[string]*node, statements []pg.Ownership, curations []pg.Curation) (owned, split map[[2]string]bool) {
	owned, split = map[[2]string]bool{}, map[[2]string]bool{}
	pair := func(set map[[2]string]bool, a, b string) {
		if a != b {
			set[[2]string{min(a, b), max(a, b)}] = true
		}
	}
	for id, n := range nodes {
		for _, p := range []*pg.Ownership{n.parent, n.stated} {
			if p != nil {
				pair(owned, id, p.ParentID)
			}
		}
	}
	for _, s := range statements {
		pair(owned, s.ParentID, s.ChildID)
	}
	add := func(a, b string) { pair(split, a, b) }
	rename := map[string]string{}
	for _, c := range curations {
		switch c.Kind {
		case pg.CurateMerge:
			rename[c.DropID] = c.KeepID
		case pg.CurateSplit:
			from := c.CompanyID
			for range len(rename) + 1 {
				next, ok := rename[from]
				if !ok || next == from {
					break
				}
				from = next
			}
			add(from, pg.CompanyID(c.Alias))
			k := pg.CompanyKey(c.Alias)
			for id, n := range nodes {
				if slices.ContainsFunc(n.names, func(m string) bool { return pg.CompanyKey(m) == k }) {
					add(from, id)
				}
			}
		}
	}
	return owned, split
}

// curatedKeeps returns the companies analysts kept in merges, in the
// order of the curations.
func curatedKeeps(curations []pg.Curation) []string {
	var out []string
	for _, c := range curations {
		if c.Kind == pg.CurateMerge && !slices.Contains(out, c.KeepID) {
			out = append(out, c.KeepID)
		}
	}
	return out
}

// finalCompany returns the company a group of nodes becomes: an analyst's
// kept company when the group holds one, else the best name that is not a
// former one under the ID that comes with it (a stored company's first).
// Every other spelling becomes an alias, except those split off it.
func (o *Overlay) finalCompany(members []string, nodes map[string]*node, keep []string, curations []pg.Curation) pg.Company {
	var names, aliases []string
	var links []pg.NameLink
	var parent, stated *pg.Ownership
	for _, m := range members {
		n := nodes[m]
		names = append(names, n.names...)
		for _, a := range append(slices.Clone(n.aliases), n.won...) {
			if !slices.Contains(n.lost, a) {
				aliases = append(aliases, a)
			}
		}
		links = append(links, n.links...)
		if p := n.stated; p != nil && !slices.Contains(members, p.ParentID) && (stated == nil || pg.CompareOwnership(*p, *stated) > 0) {
			stated = p
		}
		if p := n.parent; p != nil && !slices.Contains(members, p.ParentID) && (parent == nil || pg.CompareOwnership(*p, *parent) > 0) {
			parent = p
		}
	}
	var id, name string
	for _, k := range keep {
		if n, ok := nodes[k]; ok && n.stored && slices.Contains(members, k) {
			c, _ := o.company(k)
			id, name = k, c.Name
			break
		}
	}
	if id == "" {
		candidates := slices.DeleteFunc(slices.Clone(names), func(s string) bool { return pg.Former(s, links) })
		if len(candidates) == 0 {
			candidates = names
		}
		name = slices.MinFunc(candidates, pg.CompareNames)
		// The ID of a stored company of that name, else of a written one.
		for _, stored := range []bool{true, false} {
			for _, m := range members {
				if n := nodes[m]; n.stored == stored && slices.Contains(n.names, name) {
					if id == "" || m < id {
						id = m
					}
				}
			}
			if id != "" {
				break
			}
		}
	}
	c := pg.Company{ID: id, Name: name, Aliases: pg.UnionNames(name, names, aliases)}
	for _, cu := range curations {
		if cu.Kind == pg.CurateSplit && cu.CompanyID == id {
			c.Aliases = slices.DeleteFunc(c.Aliases, func(a string) bool { return strings.EqualFold(a, cu.Alias) })
		}
	}
	c.Links = CompanyLinks(c, links)
	// The parent is settled again once deals are written; until then the
	// latest one stored stands.
	for _, p := range []struct {
		from *pg.Ownership
		to   **pg.Ownership
	}{{parent, &c.Parent}, {stated, &c.Stated}} {
		if p.from != nil {
			q := *p.from
			q.ChildID = id
			*p.to = &q
		}
	}
	return c
}

// CompanyLinks returns the links to store for c, given the links recorded
// for it so far: for each alias, the strongest of its renames, curations
// and aliases stated by articles that [pg.LinkFor] keeps. An alias whose
// link follows from the names alone (legal form, short form) has none
// stored; readers get it from pg.LinkFor.
func CompanyLinks(c pg.Company, recorded []pg.NameLink) []pg.NameLink {
	explicit := slices.DeleteFunc(slices.Clone(recorded), func(l pg.NameLink) bool {
		return l.Reason != pg.LinkRename && l.Reason != pg.LinkCuration && (l.Reason != pg.LinkAlias || l.ArticleID == "")
	})
	var out []pg.NameLink
	for _, a := range c.Aliases {
		l := pg.LinkFor(a, c.Name, explicit)
		if slices.Contains(explicit, l) {
			out = append(out, l)
		}
	}
	return out
}

// unionFind groups node IDs.
type unionFind struct {
	parent map[string]string
	group  map[string][]string
}

func newUnionFind() *unionFind {
	return &unionFind{parent: map[string]string{}, group: map[string][]string{}}
}

func (u *unionFind) find(x string) string {
	for {
		p, ok := u.parent[x]
		if !ok || p == x {
			return x
		}
		x = p
	}
}

func (u *unionFind) members(root string) []string {
	if g, ok := u.group[root]; ok {
		return g
	}
	return []string{root}
}

// union joins two roots; the smaller ID becomes the root.
func (u *unionFind) union(a, b string) {
	if b < a {
		a, b = b, a
	}
	u.parent[b] = a
	g := append(u.members(a), u.members(b)...)
	slices.Sort(g)
	u.group[a] = g
	delete(u.group, b)
}

// anyPair reports whether some member of a's group and some member of b's
// are a pair in set.
func (u *unionFind) anyPair(a, b string, set map[[2]string]bool) bool {
	if len(set) == 0 {
		return false
	}
	for _, x := range u.members(a) {
		for _, y := range u.members(b) {
			if set[[2]string{min(x, y), max(x, y)}] {
				return true
			}
		}
	}
	return false
}
