package partnergraph

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// Company identity. A company is the set of names that evidence says are
// one company; the rules below decide which names meet, and stores apply
// them across the whole graph (see internal/storekit). They are written so
// that the outcome does not depend on the order in which names arrive:
// each rule looks at two names at a time, never at a third.

// legalSuffixes are company-name endings that do not tell two companies
// apart: "Microsoft Corp" is "Microsoft".
var legalSuffixes = wordSet("inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "plc",
	"llc", "llp", "lp", "ag", "sa", "nv", "bv", "gmbh", "se", "spa", "kk", "pty", "cos")

// descriptorWords are generic words that often trail a company's name and
// are as often left out: "Attivo Networks" is called "Attivo", "Axelera AI"
// "Axelera". Words that usually name a part of a company ("Ventures",
// "Capital", "Cloud", "Research", "Studios", "Motor") are not among them,
// so "Intel Capital" never shortens to "Intel" nor "Sears Motor Group" to
// "Sears".
var descriptorWords = wordSet("ai", "automation", "communications", "computer", "electronics", "group", "holding",
	"holdings", "international", "lab", "labs", "network", "networks", "platforms", "robotics", "software",
	"solutions", "systems", "technologies", "technology")

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// keyWords returns the words of name's company key.
func keyWords(name string) []string {
	s := Slug(joinPossessive(name))
	if s == "" {
		return nil
	}
	words := strings.Split(s, "-")
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 1 && (legalSuffixes[words[len(words)-1]] || words[len(words)-1] == "and") {
		words = words[:len(words)-1]
	}
	return words
}

// joinPossessive writes a possessive "'s" ending a word of name as a plain
// "s": a name in the possessive is spelled with and without its apostrophe
// ("Foster's" and "Fosters", "McDonald's" and "McDonalds").
func joinPossessive(name string) string {
	if !strings.ContainsAny(name, "'\u2019") {
		return name
	}
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if (r == '\'' || r == '\u2019') && i > 0 && wordRune(rs[i-1]) && i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') &&
			(i+2 == len(rs) || !wordRune(rs[i+2])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// CompanyKey returns the key under which spellings of one name meet: its
// [Slug] without a leading "the" and without trailing legal suffixes, and
// with a possessive "'s" written "s", so "SEGA", "Sega" and "Sega Corp."
// share the key "sega", "Goldman Sachs and Co" is "goldman-sachs" and
// "Foster's" is "fosters". Two names with the same key are the same
// company unless an analyst split them.
func CompanyKey(name string) string { return strings.Join(keyWords(name), "-") }

// CompanyCore returns the company key of name without trailing generic
// descriptors ("Attivo Networks Inc" → "attivo", "Sears Motor Group" →
// "sears-motor") and without "Venture" before "Partners" or "Capital"
// ("Insight Venture Partners" → "insight-partners") or before "Group"
// ("Madrona Venture Group" → "madrona"). A name whose key is the core of
// another's is its short form. At least one word is kept.
func CompanyCore(name string) string {
	words := keyWords(name)
	// "Venture Partners" and "Venture Capital" say no more than
	// "Partners" and "Capital": "Insight Venture Partners" is "Insight
	// Partners"; a "Venture Group" is a firm's generic "Group". A
	// trailing "Ventures" names a venture arm and stays, and so does
	// "Ventures Group".
	for i := 1; i+1 < len(words); i++ {
		next := words[i+1]
		if (words[i] == "venture" || words[i] == "ventures") && (next == "partners" || next == "capital") ||
			words[i] == "venture" && next == "group" {
			words = slices.Delete(slices.Clone(words), i, i+1)
			break
		}
	}
	for len(words) > 1 && descriptorWords[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, "-")
}

// IsShortForm reports whether alias is a part of name: its key's words are
// a run of the words of name's key, fewer of them ("Bethesda" of "Bethesda
// Softworks", "Blizzard" of "Activision Blizzard"). Such an alias is
// ambiguous across the graph (two companies may both be called "Quanta" for
// short), so it is never evidence that two companies are one.
func IsShortForm(alias, name string) bool {
	return shortForm(keyWords(alias), keyWords(name))
}

// IsShortFormKey is [IsShortForm] for two names given by their
// [CompanyKey]s.
func IsShortFormKey(aliasKey, nameKey string) bool {
	if aliasKey == "" || len(aliasKey) >= len(nameKey) {
		return false
	}
	return shortForm(strings.Split(aliasKey, "-"), strings.Split(nameKey, "-"))
}

func shortForm(a, n []string) bool {
	if len(a) == 0 || len(a) >= len(n) {
		return false
	}
	for i := 0; i+len(a) <= len(n); i++ {
		if slices.Equal(a, n[i:i+len(a)]) {
			return true
		}
	}
	return false
}

// IdentifyingAlias reports whether alias, given by an article as another
// name of the company it calls name, identifies that company across the
// graph: it is not the same name in another legal form and not a short form
// of it. "AWS" for "Amazon Web Services" and a former name identify;
// "Quanta" for "Quanta Computer" does not.
func IdentifyingAlias(alias, name string) bool {
	k := CompanyKey(alias)
	return k != "" && k != CompanyKey(name) && !IsShortForm(alias, name)
}

// CompareNames orders the names a company is known by, best first, for
// choosing its displayed name: the shortest form wins ("Nuance" over
// "Nuance Communications", "OpenAI" over "OpenAI LP"), then the plainest
// spelling (no legal suffix or leading "The"), then the one with more
// capitals ("SEGA" over "Sega"), then byte order. It is a total order, so
// the best of a set of names does not depend on the order they were seen.
func CompareNames(a, b string) int {
	ka, kb := keyWords(a), keyWords(b)
	la, lb := len(strings.Join(ka, "-")), len(strings.Join(kb, "-"))
	return cmp.Or(
		cmp.Compare(len(ka), len(kb)),
		cmp.Compare(la, lb),
		cmp.Compare(len(Slug(a))-la, len(Slug(b))-lb),
		cmp.Compare(upperCount(b), upperCount(a)),
		cmp.Compare(a, b),
	)
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
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

// LinkReason says why a name belongs to a company.
type LinkReason string

// The reasons a name belongs to a company, strongest first.
const (
	// LinkRename: an article says the company was formerly called so
	// ("Meta, formerly Facebook"). A former name is never the displayed one.
	LinkRename LinkReason = "rename"
	// LinkCuration: an analyst added the name or merged its company in.
	LinkCuration LinkReason = "curation"
	// LinkLegalForm: the same name in another legal form, case or
	// punctuation ("Microsoft Corp" for "Microsoft"), see [CompanyKey].
	LinkLegalForm LinkReason = "legal_form"
	// LinkShortForm: the name with or without a generic descriptor
	// ("Attivo Networks" for "Attivo"), see [CompanyCore].
	LinkShortForm LinkReason = "short_form"
	// LinkAlias: an article gives the name as another name of the company
	// ("Advanced Micro Devices (AMD)").
	LinkAlias LinkReason = "alias"
)

// linkRank orders link reasons, strongest first.
var linkRank = map[LinkReason]int{LinkRename: 0, LinkCuration: 1, LinkLegalForm: 2, LinkShortForm: 3, LinkAlias: 4}

// NameLink records why one alias of a company is that company's.
type NameLink struct {
	// Name is the alias.
	Name string
	// Reason is why it belongs to the company.
	Reason LinkReason
	// ArticleID is the article that says so (the first by ID when several
	// do), or "" when the reason needs no article.
	ArticleID string
}

// CompareLinks orders two links for the same name, the one to keep first:
// the stronger reason, then the smaller article ID (an empty one last).
func CompareLinks(a, b NameLink) int {
	return cmp.Or(cmp.Compare(linkRank[a.Reason], linkRank[b.Reason]),
		boolCmp(a.ArticleID == "", b.ArticleID == ""), cmp.Compare(a.ArticleID, b.ArticleID))
}

// LinkFor returns why alias belongs to a company called name, given the
// explicit links recorded for it (renames, curations and aliases stated by
// articles): the strongest of those, or the form rule that joins the two
// names, or a plain alias link when nothing else applies.
func LinkFor(alias, name string, explicit []NameLink) NameLink {
	best := NameLink{Name: alias, Reason: LinkAlias}
	switch {
	case CompanyKey(alias) == CompanyKey(name):
		best.Reason = LinkLegalForm
	case CompanyCore(alias) == CompanyCore(name) || CompanyKey(alias) == CompanyCore(name) || CompanyCore(alias) == CompanyKey(name):
		best.Reason = LinkShortForm
	}
	found := false
	for _, l := range explicit {
		if l.Name != alias {
			continue
		}
		// An article's alias link only explains a name no form rule does.
		if l.Reason == LinkAlias && best.Reason != LinkAlias {
			continue
		}
		if !found && best.Reason == LinkAlias || CompareLinks(l, best) < 0 {
			best, found = l, true
		}
	}
	return best
}

// Former reports whether links mark name as a former name.
func Former(name string, links []NameLink) bool {
	return slices.ContainsFunc(links, func(l NameLink) bool { return l.Reason == LinkRename && l.Name == name })
}

// SortNames sorts names for display and storage: ignoring case, then in
// byte order, so that the order does not depend on which article came
// first.
func SortNames(names []string) {
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
	})
}

// UnionNames returns the distinct names of all lists except name itself,
// sorted by [SortNames].
func UnionNames(name string, lists ...[]string) []string {
	seen := map[string]bool{name: true, "": true}
	var out []string
	for _, l := range lists {
		for _, s := range l {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	SortNames(out)
	return out
}

// Ownership is a company owning another, with its evidence: an article
// stating it ("ZeniMax Media, the parent of Bethesda Softworks") or a
// completed acquisition.
type Ownership struct {
	// ParentID owns ChildID.
	ParentID, ChildID string
	// ArticleID is the article that states the ownership or reports the
	// acquisition complete.
	ArticleID string
	// DealID is the completed acquisition it comes from, or "" when an
	// article states it.
	DealID string
	// Date is the article's publication date (YYYY-MM-DD), or "".
	Date string
}

// CompareOwnership orders two claims about who owns a company, the one to
// believe last: the later evidence wins (an undated one loses), then the
// larger article, deal and parent ID, so the choice does not depend on the
// order of the claims.
func CompareOwnership(a, b Ownership) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ArticleID, b.ArticleID),
		cmp.Compare(a.DealID, b.DealID), cmp.Compare(a.ParentID, b.ParentID))
}

// BetterPlatformName reports whether a is the better of two names of the
// platform with ID id, the one to show: the one the ID is made from, then
// the one with more capitals, then the first in byte order.
func BetterPlatformName(id, a, b string) bool {
	if ma, mb := PlatformID(a) == id, PlatformID(b) == id; ma != mb {
		return ma
	}
	ua, ub := upperCount(a), upperCount(b)
	return ua > ub || ua == ub && a < b
}

// BetterKind returns the platform kind to keep of two that articles give:
// a specific kind beats "other", which beats none; of two specific kinds
// the smaller, so that disagreeing articles settle the same way in any
// order.
func BetterKind(a, b PlatformKind) PlatformKind {
	rank := func(k PlatformKind) int {
		switch k {
		case "":
			return 0
		case PlatformOther:
			return 1
		}
		return 2
	}
	switch ra, rb := rank(a), rank(b); {
	case ra != rb:
		if ra > rb {
			return a
		}
		return b
	case b < a:
		return b
	}
	return a
}
