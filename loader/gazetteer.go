package loader

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

//go:embed gazetteer.json
var defaultGazetteer []byte

// GazetteerFile is the JSON format of a gazetteer: the one shipped with the
// binary (loader/gazetteer.json) and the files users add with
// `--gazetteer FILE`. Every section is optional.
//
//	{
//	  "criteria": {"sp500": "a constituent of the S&P 500 at any time from 1980 to 2024"},
//	  "companies": [{"name": "Microsoft", "aliases": ["Microsoft Corp"], "tickers": ["MSFT"], "sources": ["sp500"]}],
//	  "platforms": [{"name": "Azure", "aliases": ["Microsoft Azure"], "kind": "cloud", "owner": "Microsoft"}],
//	  "person_names": ["Michael"],
//	  "non_companies": ["Silicon Valley"]
//	}
//
// The shipped file states in "criteria" the public lists its entries are
// taken from (docs/gazetteer.md), and every company and platform names in
// "sources" the criteria it meets, so that the choice of entries can be
// checked against the lists rather than against the labelled articles.
type GazetteerFile struct {
	// Criteria maps a source name to the public criterion it stands for,
	// e.g. "ftse100" to "a constituent of the FTSE 100 at any time from
	// 1984 to 2024". Entries may cite the criteria of this file and of the
	// files added before it.
	Criteria map[string]string `json:"criteria"`
	// Companies are well-known companies.
	Companies []CompanyEntry `json:"companies"`
	// Platforms are well-known technology platforms.
	Platforms []PlatformEntry `json:"platforms"`
	// PersonNames are given names: a capitalised word after one of them is
	// a person's surname, never a company ("Michael Dell").
	PersonNames []string `json:"person_names"`
	// NonCompanies are capitalised words and phrases that are never a
	// company on their own: places, nationalities, months, job titles.
	NonCompanies []string `json:"non_companies"`
	// LateNonCompanies are words never a company on their own, such as
	// generic abbreviations ("TV", "VC"), applied only after the tagger
	// like late companies: a company name found by context or by the
	// tagger that is exactly one of them, as the text spells it, is
	// dropped. The rules and the tagger never read them, so adding one
	// retrains no model (docs/gazetteer.md).
	LateNonCompanies []string `json:"late_non_companies"`
	// CommonWords are everyday lower-case words. One of them alone,
	// capitalised, is not taken for a company on context alone ("Rent
	// rose", "shares in Ring" need the gazetteer or a legal suffix). The
	// shipped gazetteer lists none: [DefaultGazetteer] takes them from the
	// shipped lexicon (see [Lexicon.Common]).
	CommonWords []string `json:"common_words"`
}

// CompanyEntry is one company of a gazetteer file.
type CompanyEntry struct {
	// Name is the canonical name, e.g. "SEGA".
	Name string `json:"name"`
	// Aliases are other names written in prose, e.g. "Sega", "SEGA Corp".
	Aliases []string `json:"aliases,omitempty"`
	// Tickers are stock symbols. They are recorded but never matched in
	// prose: "MSFT" names a share, and short tickers are common words.
	Tickers []string `json:"tickers,omitempty"`
	// Ambiguous marks a name that is also a common word or a person's
	// name ("Target", "Shell", "Dell"): it is recognised only away from
	// the start of a sentence, or when the article also names it
	// unambiguously elsewhere. A one-word name the lexicon calls an
	// everyday word, or that is a listed given name, is ambiguous anyway.
	Ambiguous bool `json:"ambiguous,omitempty"`
	// Sources name the criteria of the file that the company meets.
	Sources []string `json:"sources,omitempty"`
	// Late marks a company recognised only after the tagger, where the
	// text writes its name or an alias and nothing else was found
	// there: the rules and the tagger never see it, so adding it
	// retrains no model (docs/gazetteer.md).
	Late bool `json:"late,omitempty"`
}

// PlatformEntry is one platform of a gazetteer file.
type PlatformEntry struct {
	// Name is the canonical name, e.g. "Azure".
	Name string `json:"name"`
	// Aliases are other names written in prose, e.g. "Microsoft Azure".
	Aliases []string `json:"aliases,omitempty"`
	// Kind is cloud, console, store, os or other.
	Kind partnergraph.PlatformKind `json:"kind"`
	// Owner is the canonical name of the owning company, or "".
	Owner string `json:"owner,omitempty"`
	// Ambiguous is as for CompanyEntry.
	Ambiguous bool `json:"ambiguous,omitempty"`
	// Sources name the criteria of the file that the platform meets.
	Sources []string `json:"sources,omitempty"`
}

// Gazetteer holds the known companies and platforms and the word lists the
// entity recognizer uses. Build one with [DefaultGazetteer] and add user
// files with [Gazetteer.Extend]; it must not be changed once an
// [EntityRecognizer] uses it.
type Gazetteer struct {
	companies    []CompanyEntry
	platforms    []PlatformEntry
	companyIndex map[string]int // lower-case name → index in companies
	platIndex    map[string]int // lower-case name → index in platforms
	personNames  map[string]bool
	nonCompanies map[string]bool // lower-case words and phrases
	// nonCompanyBits is a bit set of smallHash of the keys of
	// nonCompanies: a word whose bit is clear is none of them.
	nonCompanyBits [smallFilterLen / 64]uint64
	commonWords    map[string]bool
	criteria       map[string]string
	// late are the companies marked Late, and lateFirst maps the
	// lower-cased first word of each of their names to their indices.
	late      []CompanyEntry
	lateFirst map[string][]int
	// lateFirstBits is a bit set of smallHash of the keys of
	// lateFirst: a word whose bit is clear starts no late name.
	lateFirstBits [smallFilterLen / 64]uint64
	// lateNon are the LateNonCompanies, as spelled.
	lateNon map[string]bool
	// isPerson and isNonCompany are IsPersonName and IsNonCompany as
	// funcs, made once for every extraction to share.
	isPerson, isNonCompany func(string) bool
}

// NewGazetteer returns an empty gazetteer.
func NewGazetteer() *Gazetteer {
	g := &Gazetteer{
		companyIndex: map[string]int{},
		platIndex:    map[string]int{},
		personNames:  map[string]bool{},
		nonCompanies: map[string]bool{},
		commonWords:  map[string]bool{},
		criteria:     map[string]string{},
		lateFirst:    map[string][]int{},
		lateNon:      map[string]bool{},
	}
	g.isPerson, g.isNonCompany = g.IsPersonName, g.IsNonCompany
	return g
}

// DefaultGazetteer returns the gazetteer shipped with the binary: about a
// thousand companies and two hundred platforms chosen by the public
// criteria the file states (docs/gazetteer.md), given names, words that
// are never companies alone, and the everyday words of the shipped
// lexicon ([Lexicon.Common]).
func DefaultGazetteer() (*Gazetteer, error) {
	g := NewGazetteer()
	if err := g.Extend(strings.NewReader(string(defaultGazetteer))); err != nil {
		return nil, fmt.Errorf("embedded gazetteer: %w", err)
	}
	for w := range DefaultLexicon().Common() {
		g.commonWords[w] = true
	}
	return g, nil
}

// Extend adds the entries of a gazetteer file in the [GazetteerFile] JSON
// format read from r. An entry whose name is already known (ignoring case)
// adds its aliases to the known entry; a platform's non-empty kind or owner
// replaces the old one. A malformed file returns an error wrapping
// partnergraph.ErrInvalid and leaves g unchanged.
func (g *Gazetteer) Extend(r io.Reader) error {
	var f GazetteerFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("gazetteer: %w: %w", partnergraph.ErrInvalid, err)
	}
	declared := func(src string) bool {
		_, ok := f.Criteria[src]
		_, known := g.criteria[src]
		return ok || known
	}
	for i, c := range f.Companies {
		if strings.TrimSpace(c.Name) == "" {
			return fmt.Errorf("gazetteer: company %d has no name: %w", i, partnergraph.ErrInvalid)
		}
		for _, src := range c.Sources {
			if !declared(src) {
				return fmt.Errorf("gazetteer: company %q cites source %q that no criteria entry states: %w", c.Name, src, partnergraph.ErrInvalid)
			}
		}
	}
	for i, p := range f.Platforms {
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("gazetteer: platform %d has no name: %w", i, partnergraph.ErrInvalid)
		}
		for _, src := range p.Sources {
			if !declared(src) {
				return fmt.Errorf("gazetteer: platform %q cites source %q that no criteria entry states: %w", p.Name, src, partnergraph.ErrInvalid)
			}
		}
	}
	for k, v := range f.Criteria {
		g.criteria[k] = v
	}
	for _, c := range f.Companies {
		key := strings.ToLower(c.Name)
		if c.Late {
			if _, ok := g.companyIndex[key]; !ok {
				g.addLate(c)
			}
			continue
		}
		if i, ok := g.companyIndex[key]; ok {
			old := &g.companies[i]
			old.Aliases = partnergraph.MergeAliases(old.Name, old.Aliases, c.Aliases)
			old.Tickers = partnergraph.MergeAliases("", old.Tickers, c.Tickers)
			old.Ambiguous = old.Ambiguous && c.Ambiguous
			old.Sources = partnergraph.MergeAliases("", old.Sources, c.Sources)
			continue
		}
		g.companyIndex[key] = len(g.companies)
		g.companies = append(g.companies, c)
	}
	for _, p := range f.Platforms {
		if p.Kind == "" {
			p.Kind = partnergraph.PlatformOther
		}
		key := strings.ToLower(p.Name)
		if i, ok := g.platIndex[key]; ok {
			old := &g.platforms[i]
			old.Aliases = partnergraph.MergeAliases(old.Name, old.Aliases, p.Aliases)
			if p.Kind != partnergraph.PlatformOther {
				old.Kind = p.Kind
			}
			if p.Owner != "" {
				old.Owner = p.Owner
			}
			old.Ambiguous = old.Ambiguous && p.Ambiguous
			old.Sources = partnergraph.MergeAliases("", old.Sources, p.Sources)
			continue
		}
		g.platIndex[key] = len(g.platforms)
		g.platforms = append(g.platforms, p)
	}
	for _, n := range f.PersonNames {
		g.personNames[n] = true
	}
	for _, n := range f.NonCompanies {
		l := strings.ToLower(n)
		g.nonCompanies[l] = true
		if l != "" {
			h := smallHash(l)
			g.nonCompanyBits[h>>6] |= 1 << (h & 63)
		}
	}
	for _, n := range f.LateNonCompanies {
		g.lateNon[n] = true
	}
	for _, n := range f.CommonWords {
		g.commonWords[strings.ToLower(n)] = true
	}
	return nil
}

// addLate adds a company marked Late (see CompanyEntry.Late).
func (g *Gazetteer) addLate(c CompanyEntry) {
	i := len(g.late)
	g.late = append(g.late, c)
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		first, _, _ := strings.Cut(strings.ToLower(n), " ")
		if !slices.Contains(g.lateFirst[first], i) {
			g.lateFirst[first] = append(g.lateFirst[first], i)
		}
		if first != "" {
			h := smallHash(first)
			g.lateFirstBits[h>>6] |= 1 << (h & 63)
		}
	}
}

// Companies returns the known companies, those marked Late aside.
func (g *Gazetteer) Companies() []CompanyEntry { return g.companies }

// Platforms returns the known platforms.
func (g *Gazetteer) Platforms() []PlatformEntry { return g.platforms }

// Company returns the company whose canonical name is name, ignoring case.
func (g *Gazetteer) Company(name string) (CompanyEntry, bool) {
	i, ok := g.companyIndex[strings.ToLower(name)]
	if !ok {
		return CompanyEntry{}, false
	}
	return g.companies[i], true
}

// Platform returns the platform whose canonical name is name, ignoring case.
func (g *Gazetteer) Platform(name string) (PlatformEntry, bool) {
	i, ok := g.platIndex[strings.ToLower(name)]
	if !ok {
		return PlatformEntry{}, false
	}
	return g.platforms[i], true
}

// Criterion returns the public criterion a source name stands for.
func (g *Gazetteer) Criterion(source string) (string, bool) {
	c, ok := g.criteria[source]
	return c, ok
}

// IsPersonName reports whether word is a known given name.
func (g *Gazetteer) IsPersonName(word string) bool { return g.personNames[word] }

// mayBeNonCompany reports whether the lower-case word lw may be one of
// nonCompanies: false means it is not.
func (g *Gazetteer) mayBeNonCompany(lw string) bool {
	if lw == "" {
		return true
	}
	h := smallHash(lw)
	return g.nonCompanyBits[h>>6]&(1<<(h&63)) != 0
}

// lateStarting returns lateFirst[lw] (lw in lower case), without a map
// look-up for most words.
func (g *Gazetteer) lateStarting(lw string) []int {
	if lw != "" {
		if h := smallHash(lw); g.lateFirstBits[h>>6]&(1<<(h&63)) == 0 {
			return nil
		}
	}
	return g.lateFirst[lw]
}

// IsNonCompany reports whether phrase is listed as never a company.
func (g *Gazetteer) IsNonCompany(phrase string) bool {
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(phrase); i++ {
		c := phrase[i]
		if c >= 0x80 {
			return g.nonCompanies[strings.ToLower(phrase)]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	if len(b) <= 32 && !g.mayBeNonCompany(string(b)) {
		return false // most phrases: no map look-up (and no copy of b)
	}
	return g.nonCompanies[string(b)]
}
