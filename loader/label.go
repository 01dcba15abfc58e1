package loader

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// LabelArticle is an extraction in the label format of the labelled corpus
// (shared/corpus/README.md), with the evidence and confidence of each deal
// added. `partnergraph extract` prints one per article as a JSON line.
type LabelArticle struct {
	ID        string          `json:"id"`
	Source    LabelSource     `json:"source"`
	Companies []LabelEntity   `json:"companies"`
	Platforms []LabelPlatform `json:"platforms"`
	Deals     []LabelDeal     `json:"deals"`
}

// LabelSource is the article's metadata.
type LabelSource struct {
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
}

// LabelEntity is a company with its other spellings.
type LabelEntity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// LabelPlatform is a platform with its other spellings and owner.
type LabelPlatform struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	// Owner is the owner's canonical name, or null when unknown.
	Owner *string `json:"owner"`
	Kind  string  `json:"kind,omitempty"`
}

// LabelDeal is a deal: parties by canonical name (buyer or investor first)
// with their roles, type and status in lower case, year (null when
// unknown), and the evidence sentence with its byte offsets.
type LabelDeal struct {
	Parties    []string      `json:"parties"`
	Roles      []string      `json:"roles"`
	Type       string        `json:"type"`
	Platforms  []string      `json:"platforms"`
	Year       *int          `json:"year"`
	Status     string        `json:"status"`
	Value      *float64      `json:"value,omitempty"`
	Currency   string        `json:"currency,omitempty"`
	Evidence   LabelEvidence `json:"evidence"`
	Confidence float64       `json:"confidence"`
	// Rules name the rules that found the deal (loader/rules.json).
	Rules []string `json:"rules,omitempty"`
}

// LabelEvidence is the sentence that reports a deal and its byte offsets
// in the cleaned text.
type LabelEvidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// labelAliases returns the aliases of an entity labelled name: its
// canonical name canon and then its other spellings, each once, name
// aside; never nil.
func labelAliases(name, canon string, others []string) []string {
	aliases := make([]string, 0, 1+len(others))
	if canon != name {
		aliases = append(aliases, canon)
	}
	for _, a := range others {
		if a != name && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	return aliases
}

// Label returns x in the label format. The id is the article's source ID.
func Label(x Extraction) LabelArticle {
	a := x.Doc.Article
	out := LabelArticle{
		ID:        x.Doc.SourceID,
		Source:    LabelSource{URL: a.URL, Title: a.Title, Publisher: a.Publisher, Published: a.Published},
		Companies: []LabelEntity{},
		Platforms: []LabelPlatform{},
		Deals:     []LabelDeal{},
	}
	// The label format names a company by the fullest form the text uses;
	// the recogniser's canonical name becomes an alias.
	label := map[string]string{}
	for _, c := range x.Companies {
		name := fullestForm(x.Doc.Text, c)
		label[c.Name] = name
		out.Companies = append(out.Companies, LabelEntity{Name: name, Aliases: labelAliases(name, c.Name, c.Aliases)})
	}
	named := func(n string) string {
		if l, ok := label[n]; ok {
			return l
		}
		return n
	}
	// A platform too is named by the fullest form the text writes ("Xbox
	// Game Pass Ultimate", "PS4" when "PlayStation 4" is never written),
	// with the gazetteer's name as an alias; a bare family name ("the new
	// PlayStation console") beside a numbered member of the family
	// ("PlayStation 3") is that member and is not listed on its own.
	pname := map[string]string{}
	for _, p := range x.Platforms {
		if familyOfListed(p.Name, x.Platforms) {
			continue
		}
		name := platformForm(x.Doc.Text, p)
		pname[p.Name] = name
		lp := LabelPlatform{Name: name, Aliases: labelAliases(name, p.Name, p.Aliases), Kind: string(p.Kind)}
		if p.Owner != "" {
			owner := named(p.Owner)
			lp.Owner = &owner
		}
		out.Platforms = append(out.Platforms, lp)
	}
	for _, d := range x.Deals {
		ld := LabelDeal{
			Type:       strings.ToLower(string(d.Type)),
			Platforms:  []string{},
			Status:     strings.ToLower(string(d.Status)),
			Value:      d.Value,
			Currency:   d.Currency,
			Evidence:   LabelEvidence{Sentence: d.Sentence, Start: d.Start, End: d.End},
			Confidence: roundConf(d.Confidence),
			Rules:      d.Rules,
		}
		for _, p := range d.Platforms {
			if n, ok := pname[p]; ok {
				p = n
			}
			if !slices.Contains(ld.Platforms, p) {
				ld.Platforms = append(ld.Platforms, p)
			}
		}
		if d.Year != 0 {
			y := d.Year
			ld.Year = &y
		}
		for _, p := range d.Parties {
			ld.Parties = append(ld.Parties, named(p.Name))
			ld.Roles = append(ld.Roles, string(p.Role))
		}
		// Two spellings of one company ("MTG" beside the fullest form
		// it abbreviates) make no deal with each other.
		if distinct := slices.Compact(slices.Sorted(slices.Values(ld.Parties))); len(distinct) < 2 {
			continue
		}
		out.Deals = append(out.Deals, ld)
	}
	return out
}

// fullestForm returns the longest spelling of c that occurs in text: the
// canonical name or a fuller form of it, else, when the text writes
// neither, the longest alias it does write; the canonical name when no
// spelling occurs.
func fullestForm(text string, c ExtractedCompany) string {
	best := c.Name
	found := strings.Contains(text, c.Name)
	for _, a := range c.Aliases {
		if strings.ContainsAny(a, "<>") {
			continue // wire ticker markup is no spelling
		}
		// Only a fuller form of the same name ("Delta Airlines Inc" for
		// "Delta Air Lines"), not another name ("Delphi" for "Aptiv").
		if f, _, _ := strings.Cut(a, " "); !strings.EqualFold(f, firstWord(c.Name)) {
			continue
		}
		if strings.Contains(text, a) && (!found || len(a) > len(best)) {
			best, found = a, true
		}
	}
	if found {
		return best
	}
	// The text never writes the canonical name or a fuller form of it
	// ("HVR" for a gazetteer's "Harlow Vance Roberts"): the longest
	// spelling it does write.
	for _, a := range c.Aliases {
		if !strings.ContainsAny(a, "<>") && strings.Contains(text, a) && (!found || len(a) > len(best)) {
			best, found = a, true
		}
	}
	return best
}

// platformForm returns the longest spelling of p written in text,
// lengthened by its owner's name written right before it ("Microsoft
// Azure"); the canonical name when none is written.
func platformForm(text string, p ExtractedPlatform) string {
	best, found := p.Name, false
	for _, a := range append([]string{p.Name}, p.Aliases...) {
		if !containsWord(text, a) {
			continue
		}
		// A generic word after a name ("Azure cloud") is no part of it.
		if i := strings.LastIndexByte(a, ' '); i > 0 && isLowerWord(a[i+1:]) && (a[:i] == p.Name || slices.Contains(p.Aliases, a[:i])) {
			a = a[:i]
		}
		if p.Owner != "" && !strings.HasPrefix(a, p.Owner+" ") && containsWord(text, p.Owner+" "+a) {
			a = p.Owner + " " + a
		}
		if !found || len(a) > len(best) {
			best, found = a, true
		}
	}
	return best
}

// isLowerWord reports whether w is a word of lower-case ASCII letters.
func isLowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// containsWord reports whether text holds s as whole words.
func containsWord(text, s string) bool {
	for i := 0; s != ""; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return false
		}
		j += i
		before, after := j == 0, j+len(s) == len(text)
		if !before {
			r, _ := utf8.DecodeLastRuneInString(text[:j])
			before = !isWordRune(r)
		}
		if !after {
			r, _ := utf8.DecodeRuneInString(text[j+len(s):])
			after = !isWordRune(r)
		}
		if before && after {
			return true
		}
		i = j + 1
	}
	return false
}

// familyOfListed reports whether name is the bare family name of another
// listed platform that adds a version number ("PlayStation" beside
// "PlayStation 3").
func familyOfListed(name string, ps []ExtractedPlatform) bool {
	for _, q := range ps {
		if rest, ok := strings.CutPrefix(q.Name, name+" "); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	return false
}

func firstWord(s string) string {
	f, _, _ := strings.Cut(s, " ")
	return f
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// roundConf rounds a confidence to two decimals for stable output.
func roundConf(c float64) float64 {
	return float64(int(c*100+0.5)) / 100
}
