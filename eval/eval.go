// Package eval scores extracted articles against the gold labels of the
// labelled corpus (shared/corpus/README.md). It is a port of the corpus's
// score.py and gives the same numbers on the same input: precision, recall
// and F1 for companies, platforms and deals (micro-averaged over all
// articles), per deal type and ignoring type, and the accuracy of the
// platforms, year and status of matched deals.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/partnergraph/partnergraph"
)

// Label is one article's gold label or prediction in the corpus label
// format. Predictions may carry more fields (evidence, confidence); they
// are ignored.
type Label struct {
	ID                string   `json:"id"`
	Source            *Source  `json:"source,omitempty"`
	Companies         []Entity `json:"companies"`
	OptionalCompanies []string `json:"optional_companies,omitempty"`
	Platforms         []Entity `json:"platforms"`
	OptionalPlatforms []string `json:"optional_platforms,omitempty"`
	Deals             []Deal   `json:"deals"`
	NonDeals          []Deal   `json:"non_deals,omitempty"`
}

// Source is an article's metadata in a label.
type Source struct {
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
}

// Entity is a company or platform: a name with other spellings, and for a
// platform its owner. In JSON it is an object, or just a name string.
type Entity struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Owner   *string  `json:"owner,omitempty"`
}

// UnmarshalJSON accepts an object or a bare name.
func (e *Entity) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*e = Entity{Name: s}
		return nil
	}
	type plain Entity
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*e = Entity(p)
	return nil
}

// names returns the name followed by the aliases.
func (e Entity) names() []string { return append([]string{e.Name}, e.Aliases...) }

// Deal is a deal or non-deal of a label. Year is kept as decoded from
// JSON (a number, null or anything else) because score.py compares it
// as such.
type Deal struct {
	Parties   []string `json:"parties"`
	Type      string   `json:"type"`
	Platforms []string `json:"platforms,omitempty"`
	Year      any      `json:"year"`
	Status    string   `json:"status,omitempty"`
	Why       string   `json:"why,omitempty"`
}

// PRF is precision, recall and F1 with the counts they come from, rounded
// to four places as score.py rounds them.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

type counts struct{ tp, fp, fn int }

func (c *counts) add(tp, fp, fn int) { c.tp += tp; c.fp += fp; c.fn += fn }

func (c counts) prf() PRF {
	var p, r, f float64
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{Precision: round4(p), Recall: round4(r), F1: round4(f), TP: c.tp, FP: c.fp, FN: c.fn}
}

// round4 rounds like Python's round(x, 4): to the nearest, ties to even
// on the exact binary value.
func round4(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}

// Result is the score of a set of predictions.
type Result struct {
	Articles          int `json:"articles"`
	PredictedArticles int `json:"predicted_articles"`
	Companies         PRF `json:"companies"`
	Platforms         PRF `json:"platforms"`
	Deals             PRF `json:"deals"`
	DealsIgnoringType PRF `json:"deals_ignoring_type"`
	// DealAttributeAccuracy maps platforms, year and status to the share
	// of matched deals that get them right; nil when no deal matched.
	DealAttributeAccuracy map[string]*float64 `json:"deal_attribute_accuracy"`
	NonDealsExtracted     int                 `json:"non_deals_extracted"`
	DealsByType           map[string]PRF      `json:"deals_by_type"`
	// Errors lists every miss and extra, as score.py --errors does.
	Errors []string `json:"errors,omitempty"`
}

// suffixes are the legal suffixes norm drops from the end of a name.
var suffixes = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true, "company": true,
	"ltd": true, "limited": true, "plc": true, "llc": true, "lp": true, "ag": true, "sa": true,
	"nv": true, "bv": true, "gmbh": true, "se": true, "spa": true, "kk": true, "pty": true, "cos": true,
}

var folder = cases.Fold()

// isWord is Python's \w on str: letters, numbers and underscore.
func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }

// isSpace is Python's str.isspace.
func isSpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

// Norm is score.py's matching key: case-, accent-, punctuation- and
// legal-suffix-insensitive, without a leading "the" and possessive 's.
func Norm(name string) string {
	s := norm.NFKD.String(name)
	var b strings.Builder
	for _, r := range s {
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		b.WriteRune(r)
	}
	s = folder.String(b.String())
	s = strings.ReplaceAll(s, "\u2019", "'")
	s = strings.ReplaceAll(s, "&", " and ")
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		// 's at a word boundary is dropped
		if rs[i] == '\'' && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isWord(rs[i+2])) {
			i++
			continue
		}
		out = append(out, rs[i])
	}
	for i, r := range out {
		if !isWord(r) && !isSpace(r) {
			out[i] = ' '
		}
	}
	words := strings.FieldsFunc(string(out), isSpace)
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 1 && suffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// lexicon maps any spelling of a gold entity to its canonical name.
type lexicon map[string]string

func newLexicon(entries []Entity) lexicon {
	lex := lexicon{}
	for _, e := range entries {
		names := e.names()
		for _, n := range names {
			if k := Norm(n); k != "" {
				if _, ok := lex[k]; !ok {
					lex[k] = names[0]
				}
			}
		}
	}
	return lex
}

func (l lexicon) resolve(name string) (string, bool) {
	c, ok := l[Norm(name)]
	return c, ok
}

func pyRepr(s string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

func scoreEntities(gold []Entity, optional []string, predicted []Entity, stat *counts, errs *[]string, what, art string) {
	lex := newLexicon(gold)
	opt := map[string]bool{}
	for _, n := range optional {
		opt[Norm(n)] = true
	}
	found := map[string]bool{}
	var fp []string
	for _, p := range predicted {
		c, ok := lex.resolve(p.Name)
		if !ok {
			for _, a := range p.Aliases {
				c, ok = lex.resolve(a)
				if ok && c != "" {
					break
				}
			}
		}
		switch {
		case ok:
			found[c] = true
		case !opt[Norm(p.Name)]:
			fp = append(fp, p.Name)
		}
	}
	var missed []string
	for _, e := range gold {
		if !found[e.Name] && !slices.Contains(missed, e.Name) {
			missed = append(missed, e.Name)
		}
	}
	slices.Sort(missed)
	stat.add(len(found), len(fp), len(missed))
	for _, n := range fp {
		*errs = append(*errs, fmt.Sprintf("%s: extra %s %s", art, what, pyRepr(n)))
	}
	for _, n := range missed {
		*errs = append(*errs, fmt.Sprintf("%s: missed %s %s", art, what, pyRepr(n)))
	}
}

// dealKey is a deal's party set (sorted, as a string) and lower-case type.
type dealKey struct {
	parties string
	typ     string
}

func keyOf(d Deal, lex lexicon) dealKey {
	var ps []string
	for _, p := range d.Parties {
		c, ok := lex.resolve(p)
		if !ok || c == "" {
			c = Norm(p)
		}
		if !slices.Contains(ps, c) {
			ps = append(ps, c)
		}
	}
	slices.Sort(ps)
	return dealKey{parties: strings.Join(ps, "\x00"), typ: strings.ToLower(d.Type)}
}

func (k dealKey) partyList() string {
	ps := strings.Split(k.parties, "\x00")
	if k.parties == "" {
		ps = nil
	}
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = pyRepr(p)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func platformSet(ps []string, lex lexicon) map[string]bool {
	out := map[string]bool{}
	for _, x := range ps {
		c, ok := lex.resolve(x)
		if !ok || c == "" {
			c = Norm(x)
		}
		out[c] = true
	}
	return out
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// sameYear compares JSON years as Python's == does: numbers by value,
// null only with null.
func sameYear(a, b any) bool {
	fa, oka := a.(float64)
	fb, okb := b.(float64)
	switch {
	case oka && okb:
		return fa == fb
	case a == nil || b == nil:
		return a == nil && b == nil
	}
	sa, oka := a.(string)
	sb, okb := b.(string)
	return oka && okb && sa == sb
}

func reprYear(y any) string {
	switch v := y.(type) {
	case nil:
		return "None"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return pyRepr(v)
	}
	return fmt.Sprint(y)
}

func withOptional(es []Entity, optional []string) []Entity {
	out := slices.Clone(es)
	for _, n := range optional {
		out = append(out, Entity{Name: n})
	}
	return out
}

// Score compares predictions with gold labels exactly as score.py does.
// Every gold article is scored; a gold article with no prediction counts
// as all missed; predictions for articles with no gold label are ignored.
// When several labels share an id, the last one counts.
func Score(gold, pred []Label) Result {
	goldBy := map[string]Label{}
	for _, g := range gold {
		goldBy[g.ID] = g
	}
	predBy := map[string]Label{}
	for _, p := range pred {
		predBy[p.ID] = p
	}
	ids := make([]string, 0, len(goldBy))
	for id := range goldBy {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	var comp, plat, deals, loose counts
	attr := map[string]*[2]int{"platforms": {}, "year": {}, "status": {}}
	perType := map[string]*counts{}
	typeStat := func(t string) *counts {
		if t == "" {
			t = "?"
		}
		c, ok := perType[t]
		if !ok {
			c = &counts{}
			perType[t] = c
		}
		return c
	}
	res := Result{Articles: len(goldBy)}
	var errs []string
	for _, art := range ids {
		g := goldBy[art]
		p, ok := predBy[art]
		if ok {
			res.PredictedArticles++
		}
		scoreEntities(g.Companies, g.OptionalCompanies, p.Companies, &comp, &errs, "company", art)
		scoreEntities(g.Platforms, g.OptionalPlatforms, p.Platforms, &plat, &errs, "platform", art)
		lex := newLexicon(withOptional(g.Companies, g.OptionalCompanies))
		plex := newLexicon(withOptional(g.Platforms, g.OptionalPlatforms))
		goldDeals := map[dealKey]Deal{}
		var goldOrder []dealKey
		for _, d := range g.Deals {
			k := keyOf(d, lex)
			if _, ok := goldDeals[k]; !ok {
				goldOrder = append(goldOrder, k)
			}
			goldDeals[k] = d
		}
		nonDeals := map[dealKey]bool{}
		for _, d := range g.NonDeals {
			nonDeals[keyOf(d, lex)] = true
		}
		looseGold := map[string]bool{}
		for k := range goldDeals {
			looseGold[k.parties] = true
		}
		matched, seen := map[dealKey]bool{}, map[dealKey]bool{}
		looseMatched, looseSeen := map[string]bool{}, map[string]bool{}
		for _, d := range p.Deals {
			k := keyOf(d, lex)
			if seen[k] {
				continue // the same deal extracted twice counts once
			}
			seen[k] = true
			looseSeen[k.parties] = true
			t := typeStat(k.typ)
			if looseGold[k.parties] {
				looseMatched[k.parties] = true
			}
			gd, isGold := goldDeals[k]
			if isGold && !matched[k] {
				matched[k] = true
				t.add(1, 0, 0)
				checks := []struct {
					name     string
					ok       bool
					got, was string
				}{
					{"platforms", sameSet(platformSet(gd.Platforms, plex), platformSet(d.Platforms, plex)), reprList(d.Platforms), reprList(gd.Platforms)},
					{"year", sameYear(gd.Year, d.Year), reprYear(d.Year), reprYear(gd.Year)},
					{"status", strings.ToLower(gd.Status) == strings.ToLower(d.Status), reprStr(d.Status), reprStr(gd.Status)},
				}
				for _, c := range checks {
					attr[c.name][1]++
					if c.ok {
						attr[c.name][0]++
					} else {
						errs = append(errs, fmt.Sprintf("%s: deal %s %s wrong %s: %s vs gold %s", art, k.partyList(), k.typ, c.name, c.got, c.was))
					}
				}
				continue
			}
			t.add(0, 1, 0)
			if nonDeals[k] {
				res.NonDealsExtracted++
				errs = append(errs, fmt.Sprintf("%s: extracted a NON-deal %s %s", art, k.partyList(), k.typ))
			} else {
				errs = append(errs, fmt.Sprintf("%s: extra deal %s %s", art, k.partyList(), k.typ))
			}
		}
		for _, k := range goldOrder {
			if !matched[k] {
				typeStat(k.typ).add(0, 0, 1)
				errs = append(errs, fmt.Sprintf("%s: missed deal %s %s", art, k.partyList(), k.typ))
			}
		}
		deals.add(len(matched), len(seen)-len(matched), len(goldDeals)-len(matched))
		loose.add(len(looseMatched), len(looseSeen)-len(looseMatched), len(looseGold)-len(looseMatched))
	}
	res.Companies, res.Platforms = comp.prf(), plat.prf()
	res.Deals, res.DealsIgnoringType = deals.prf(), loose.prf()
	res.DealAttributeAccuracy = map[string]*float64{}
	for k, v := range attr {
		if v[1] == 0 {
			res.DealAttributeAccuracy[k] = nil
			continue
		}
		a := round4(float64(v[0]) / float64(v[1]))
		res.DealAttributeAccuracy[k] = &a
	}
	res.DealsByType = map[string]PRF{}
	for k, v := range perType {
		res.DealsByType[k] = v.prf()
	}
	res.Errors = errs
	return res
}

func reprStr(s string) string {
	if s == "" {
		return "None"
	}
	return pyRepr(s)
}

func reprList(xs []string) string {
	if xs == nil {
		return "None"
	}
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = pyRepr(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// LoadGold reads every *.json label below the given directories, in
// lexical order; a later label with the same id replaces an earlier one.
func LoadGold(dirs ...string) ([]Label, error) {
	var out []Label
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() || !strings.HasSuffix(path, ".json") {
				return nil
			}
			l, err := ReadLabel(path)
			if err != nil {
				return err
			}
			out = append(out, l)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("eval: load gold %s: %w", d, err)
		}
	}
	return out, nil
}

// ReadLabel reads one NAME.json label file.
func ReadLabel(path string) (Label, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Label{}, err
	}
	var l Label
	if err := json.Unmarshal(b, &l); err != nil {
		return Label{}, fmt.Errorf("eval: %s: %w: %w", path, partnergraph.ErrInvalid, err)
	}
	return l, nil
}

// ReadPredictions reads predictions as score.py's --pred does: a JSONL
// stream with one label per line (blank lines skipped), or, when path is a
// directory, its NAME.json files. Path "-" reads stdin.
func ReadPredictions(path string, stdin io.Reader) ([]Label, error) {
	if path != "-" {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			ents, err := os.ReadDir(path)
			if err != nil {
				return nil, fmt.Errorf("eval: %w", err)
			}
			var out []Label
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".json") {
					l, err := ReadLabel(filepath.Join(path, e.Name()))
					if err != nil {
						return nil, err
					}
					out = append(out, l)
				}
			}
			return out, nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		defer f.Close()
		return ReadJSONL(f)
	}
	return ReadJSONL(stdin)
}

// ReadJSONL reads one label per non-blank line.
func ReadJSONL(r io.Reader) ([]Label, error) {
	var out []Label
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if t := bytes.TrimSpace(line); len(t) > 0 {
			var l Label
			if jerr := json.Unmarshal(t, &l); jerr != nil {
				return nil, fmt.Errorf("eval: line %d: %w: %w", n, partnergraph.ErrInvalid, jerr)
			}
			out = append(out, l)
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
	}
}

// Table formats r as score.py prints it (without --errors).
func (r Result) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles %d (predicted %d)\n", r.Articles, r.PredictedArticles)
	for _, x := range []struct {
		name string
		p    PRF
	}{{"companies", r.Companies}, {"platforms", r.Platforms}, {"deals", r.Deals}, {"deals_ignoring_type", r.DealsIgnoringType}} {
		fmt.Fprintf(&b, "%-20s P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)\n", x.name, x.p.Precision, x.p.Recall, x.p.F1, x.p.TP, x.p.FP, x.p.FN)
	}
	var attrs []string
	for _, k := range []string{"platforms", "year", "status"} {
		v := "null"
		if a := r.DealAttributeAccuracy[k]; a != nil {
			v = strconv.FormatFloat(*a, 'f', -1, 64)
			if !strings.Contains(v, ".") {
				v += ".0"
			}
		}
		attrs = append(attrs, fmt.Sprintf("%q: %s", k, v))
	}
	fmt.Fprintf(&b, "deal attributes {%s} non-deals extracted %d\n", strings.Join(attrs, ", "), r.NonDealsExtracted)
	return b.String()
}

// Threshold is a minimum a score must reach, as score.py's --min-* flags.
type Threshold struct {
	// Name is deal_f1, deal_precision, company_f1 or platform_f1.
	Name string
	Min  float64
}

// Check returns one message per threshold r does not meet, formatted as
// score.py's "below threshold" list, in the order given.
func (r Result) Check(ts ...Threshold) []string {
	var short []string
	for _, t := range ts {
		var got float64
		switch t.Name {
		case "deal_f1":
			got = r.Deals.F1
		case "deal_precision":
			got = r.Deals.Precision
		case "company_f1":
			got = r.Companies.F1
		case "platform_f1":
			got = r.Platforms.F1
		default:
			short = append(short, "unknown threshold "+t.Name)
			continue
		}
		if got < t.Min {
			short = append(short, fmt.Sprintf("%s %.3f < %s", t.Name, got, strconv.FormatFloat(t.Min, 'f', -1, 64)))
		}
	}
	return short
}

// DealMatcher tells which deals of one article its gold label holds,
// matching them exactly as Score does: same type, same set of parties
// after alias matching.
type DealMatcher struct {
	lex  lexicon
	gold map[dealKey]bool
}

// NewDealMatcher returns the matcher of gold's deals.
func NewDealMatcher(gold Label) *DealMatcher {
	m := &DealMatcher{lex: newLexicon(withOptional(gold.Companies, gold.OptionalCompanies)), gold: map[dealKey]bool{}}
	for _, d := range gold.Deals {
		m.gold[keyOf(d, m.lex)] = true
	}
	return m
}

// Match reports whether a deal of type typ between parties is a gold deal.
func (m *DealMatcher) Match(typ string, parties []string) bool {
	return m.gold[keyOf(Deal{Type: typ, Parties: parties}, m.lex)]
}
