package loader

import (
	"slices"
	"strings"
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
// unknown), and the evidence sentence with its rune offsets.
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
}

// LabelEvidence is the sentence that reports a deal and its rune offsets
// in the cleaned text.
type LabelEvidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
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
		aliases := []string{}
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			if a != name && !slices.Contains(aliases, a) {
				aliases = append(aliases, a)
			}
		}
		out.Companies = append(out.Companies, LabelEntity{Name: name, Aliases: aliases})
	}
	named := func(n string) string {
		if l, ok := label[n]; ok {
			return l
		}
		return n
	}
	for _, p := range x.Platforms {
		lp := LabelPlatform{Name: p.Name, Aliases: nonNil(p.Aliases), Kind: string(p.Kind)}
		if p.Owner != "" {
			owner := named(p.Owner)
			lp.Owner = &owner
		}
		out.Platforms = append(out.Platforms, lp)
	}
	for _, d := range x.Deals {
		ld := LabelDeal{
			Type:       strings.ToLower(string(d.Type)),
			Platforms:  nonNil(slices.Clone(d.Platforms)),
			Status:     strings.ToLower(string(d.Status)),
			Value:      d.Value,
			Currency:   d.Currency,
			Evidence:   LabelEvidence{Sentence: d.Sentence, Start: d.Start, End: d.End},
			Confidence: roundConf(d.Confidence),
		}
		if d.Year != 0 {
			y := d.Year
			ld.Year = &y
		}
		for _, p := range d.Parties {
			ld.Parties = append(ld.Parties, named(p.Name))
			ld.Roles = append(ld.Roles, string(p.Role))
		}
		out.Deals = append(out.Deals, ld)
	}
	return out
}

// fullestForm returns the longest spelling of c that occurs in text, the
// canonical name on a tie or when no spelling occurs.
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
	return best
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
