package partnergraph

import (
	"slices"
	"strings"
)

// ApplyCurations rewrites a batch about to be written so that it respects
// the recorded curations cs, in order:
//
//   - a company merged away (CurateMerge) is written as the kept company,
//     its name becoming an alias of the kept one;
//   - a company whose name or alias is a curated alias of another company
//     (CurateAddAlias) is written as that company;
//   - evidence parties and ownership statements follow the renamed
//     companies (an ownership of a company by itself is dropped);
//   - a split-off alias (CurateSplit) is not re-added to the company it was
//     split from;
//   - rejected deals (CurateRejectDeal) and deleted articles
//     (CurateDeleteArticle) are dropped with their evidence and mentions, and
//     so is every deal left with no evidence in the batch by that.
//
// Deal IDs are recomputed with [DealID] after parties are renamed, and deals
// or companies that become the same are merged. The input is not modified.
func ApplyCurations(b Batch, cs []Curation) Batch {
	if len(cs) == 0 {
		return b
	}
	rename := map[string]string{}     // company ID -> company ID
	aliasOwner := map[string]string{} // lower-case alias -> company ID
	splitOff := map[string]string{}   // lower-case alias -> company it left
	rejected := map[string]bool{}
	deleted := map[string]bool{}
	for _, c := range cs {
		switch c.Kind {
		case CurateMerge:
			rename[c.DropID] = c.KeepID
		case CurateAddAlias:
			aliasOwner[strings.ToLower(c.Alias)] = c.CompanyID
		case CurateSplit:
			splitOff[strings.ToLower(c.Alias)] = c.CompanyID
			delete(aliasOwner, strings.ToLower(c.Alias))
		case CurateRejectDeal:
			rejected[c.DealID] = true
		case CurateDeleteArticle:
			deleted[c.ArticleID] = true
		}
	}
	resolve := func(id string) string {
		for range len(rename) + 1 { // bounded: merge chains cannot loop forever
			next, ok := rename[id]
			if !ok || next == id {
				break
			}
			id = next
		}
		return id
	}
	for _, co := range b.Companies {
		for _, n := range append([]string{co.Name}, co.Aliases...) {
			if owner, ok := aliasOwner[strings.ToLower(n)]; ok && owner != co.ID {
				rename[co.ID] = owner
				break
			}
		}
	}

	var out Batch
	for _, a := range b.Articles {
		if !deleted[a.ID] {
			out.Articles = append(out.Articles, a)
		}
	}
	companies := map[string]int{}
	for _, co := range b.Companies {
		id := resolve(co.ID)
		aliases := slices.Clone(co.Aliases)
		links := slices.Clone(co.Links)
		if id != co.ID {
			aliases = append(aliases, co.Name)
			links = append(links, NameLink{Name: co.Name, Reason: LinkCuration})
		}
		isSplit := func(a string) bool {
			left, ok := splitOff[strings.ToLower(a)]
			return ok && left == id
		}
		aliases = slices.DeleteFunc(aliases, isSplit)
		links = slices.DeleteFunc(links, func(l NameLink) bool { return isSplit(l.Name) })
		if i, ok := companies[id]; ok {
			out.Companies[i].Aliases = mergeAliases(out.Companies[i].Name, out.Companies[i].Aliases, aliases)
			out.Companies[i].Links = append(out.Companies[i].Links, links...)
			continue
		}
		name := co.Name
		if id != co.ID {
			name = "" // the kept company's stored name wins; see below
		}
		companies[id] = len(out.Companies)
		out.Companies = append(out.Companies, Company{ID: id, Name: name, Aliases: mergeAliases(name, nil, aliases), Links: links, Stated: co.Stated})
	}
	// A renamed company whose target is not in the batch keeps no name of
	// its own: stores merge aliases into the stored company by ID. Give it
	// its first alias as a name so the record is complete if it is new.
	for i := range out.Companies {
		if out.Companies[i].Name == "" && len(out.Companies[i].Aliases) > 0 {
			out.Companies[i].Name = out.Companies[i].Aliases[0]
			out.Companies[i].Aliases = out.Companies[i].Aliases[1:]
		}
	}
	for _, p := range b.Platforms {
		if p.OwnerID != "" {
			p.OwnerID = resolve(p.OwnerID)
		}
		out.Platforms = append(out.Platforms, p)
	}

	dealRename := map[string]string{}
	dropped := map[string]bool{} // deals left with fewer than two parties
	deals := map[string]int{}
	for _, d := range b.Deals {
		parties := make([]Party, 0, len(d.Parties))
		for _, p := range d.Parties {
			p.CompanyID = resolve(p.CompanyID)
			if !slices.Contains(parties, p) {
				parties = append(parties, p)
			}
		}
		id := DealID(d.Type, parties)
		dealRename[d.ID] = id
		if len(parties) < 2 {
			dropped[id] = true
		}
		if rejected[d.ID] || rejected[id] || len(parties) < 2 {
			continue
		}
		d.ID, d.Parties = id, parties
		if _, ok := deals[id]; ok {
			continue
		}
		deals[id] = len(out.Deals)
		out.Deals = append(out.Deals, d)
	}
	supported := map[string]bool{}
	seenEvidence := map[[2]string]bool{}
	for _, e := range b.Evidence {
		id, ok := dealRename[e.DealID]
		if !ok {
			id = e.DealID
		}
		if rejected[e.DealID] || rejected[id] || dropped[id] || deleted[e.ArticleID] || seenEvidence[[2]string{id, e.ArticleID}] {
			continue
		}
		if e.Parties != nil {
			parties := make([]Party, 0, len(e.Parties))
			distinct := map[string]bool{}
			for _, p := range e.Parties {
				p.CompanyID = resolve(p.CompanyID)
				distinct[p.CompanyID] = true
				if !slices.Contains(parties, p) {
					parties = append(parties, p)
				}
			}
			if len(distinct) < 2 {
				continue
			}
			e.Parties = parties
		}
		seenEvidence[[2]string{id, e.ArticleID}] = true
		e.DealID = id
		supported[id] = true
		out.Evidence = append(out.Evidence, e)
	}
	hadEvidence := map[string]bool{}
	for _, e := range b.Evidence {
		if id, ok := dealRename[e.DealID]; ok {
			hadEvidence[id] = true
		}
	}
	out.Deals = slices.DeleteFunc(out.Deals, func(d Deal) bool { return hadEvidence[d.ID] && !supported[d.ID] })
	for _, o := range b.Ownerships {
		o.ParentID, o.ChildID = resolve(o.ParentID), resolve(o.ChildID)
		if !deleted[o.ArticleID] && o.ParentID != o.ChildID {
			out.Ownerships = append(out.Ownerships, o)
		}
	}
	seenMention := map[Mention]bool{}
	for _, m := range b.Mentions {
		if deleted[m.ArticleID] {
			continue
		}
		if m.Kind == MentionCompany {
			m.EntityID = resolve(m.EntityID)
		}
		if !seenMention[m] {
			seenMention[m] = true
			out.Mentions = append(out.Mentions, m)
		}
	}
	return out
}

// mergeAliases returns the union of a and b without duplicates and without
// name itself, in first-seen order. Spellings that differ only in case are
// kept ("Sega" beside "SEGA"): they are what readers saw.
func mergeAliases(name string, a, b []string) []string {
	seen := map[string]bool{name: true}
	var out []string
	for _, s := range append(slices.Clone(a), b...) {
		k := s
		if s == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// MergeAliases returns the union of two alias lists without duplicates and
// without the canonical name itself. Stores use it when
// upserting a company or platform that already exists.
func MergeAliases(name string, stored, added []string) []string {
	return mergeAliases(name, stored, added)
}
