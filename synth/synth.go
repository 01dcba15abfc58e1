// Package synth writes realistic synthetic news articles for measuring how
// the loader and the stores scale: companies, platforms and deals from the
// gazetteer plus generated company names, told in the sentence shapes of
// business news (partnerships, platform deals, acquisitions announced and
// completed, funding rounds with several investors, joint ventures, past
// deals with their year), with denials, rumours, market colour and
// boilerplate around them.
//
// Article i depends only on the seed and i, so any range of articles can be
// generated on its own and a run of N articles is the first N of a run of
// more. Company popularity follows a Zipf law over the gazetteer's
// companies (the hubs) and a long tail of generated names, so a million
// articles name a realistic number of distinct companies. Every article
// records the deals planted in it, and the denials and rumours, so that
// extraction can be scored against them.
package synth

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// DefaultTail is the number of generated company names behind the
// gazetteer's companies when [Config].Tail is 0.
const DefaultTail = 500_000

// Config says what to generate.
type Config struct {
	// Seed selects the corpus: the same seed gives the same articles.
	Seed uint64
	// Tail is the number of generated company names after the gazetteer's
	// companies in popularity; 0 means [DefaultTail].
	Tail int
}

// Party is a company's part in a planted deal.
type Party struct {
	// Name is the company's canonical name as the gazetteer or the
	// generator spells it (the full name with its legal form for a
	// generated company).
	Name string `json:"name"`
	// Role is the company's role.
	Role partnergraph.Role `json:"role"`
}

// Planted is a deal, denial or rumour written into an article.
type Planted struct {
	// Kind is "deal" for a deal the article reports, "denial" for a deal a
	// party denies and "rumour" for talks attributed to unnamed sources.
	Kind string `json:"kind"`
	// Type is the kind of deal.
	Type partnergraph.DealType `json:"type"`
	// Status is how far the deal has got (for Kind "deal").
	Status partnergraph.DealStatus `json:"status,omitempty"`
	// Parties are the companies, buyer or investor first.
	Parties []Party `json:"parties"`
	// Platforms are the platforms the deal is about.
	Platforms []string `json:"platforms,omitempty"`
	// Year is the year the sentence states, or 0.
	Year int `json:"year,omitempty"`
	// Sentence is the sentence that tells it.
	Sentence string `json:"sentence"`
}

// Article is one generated article in the fields `partnergraph load` reads
// from JSONL, and what was planted in it.
type Article struct {
	// ID is "synth-SEED-I".
	ID string `json:"id"`
	// URL is a made-up address under news.example.com.
	URL string `json:"url"`
	// Title is the headline, about the lead's deal.
	Title string `json:"title"`
	// Publisher is one of a few made-up outlets.
	Publisher string `json:"publisher"`
	// Published is the date, YYYY-MM-DD, from 2000 to 2024.
	Published string `json:"published"`
	// Text is the body: paragraphs separated by blank lines.
	Text string `json:"text"`
	// Planted lists the deals, denials and rumours written into Text;
	// it is not written to JSONL.
	Planted []Planted `json:"-"`
}

// company is one company the generator can name.
type company struct {
	full, short string
}

// platform is one platform with its owner.
type platform struct {
	name, owner string
	kind        partnergraph.PlatformKind
}

// Generator writes articles. It is safe for concurrent use.
type Generator struct {
	seed      uint64
	known     []company // the gazetteer's companies, in its order
	tail      int
	platforms []platform
	owners    map[string]bool // companies that own a platform
}

// New returns a generator of the corpus cfg describes, naming the
// companies and platforms of g (the shipped gazetteer for nil).
func New(cfg Config, g *loader.Gazetteer) (*Generator, error) {
	if g == nil {
		var err error
		if g, err = loader.DefaultGazetteer(); err != nil {
			return nil, fmt.Errorf("synth: %w", err)
		}
	}
	tail := cfg.Tail
	if tail == 0 {
		tail = DefaultTail
	}
	if tail < 0 || tail > stemSpace {
		return nil, fmt.Errorf("synth: tail of %d names is outside 0..%d", tail, stemSpace)
	}
	gen := &Generator{seed: cfg.Seed, tail: tail, owners: map[string]bool{}}
	for _, c := range g.Companies() {
		// An ambiguous name ("Target", "Shell") is a company only in
		// context; real news writes those too, but the planted truth
		// would then be unclear.
		if c.Ambiguous || strings.ContainsAny(c.Name, "&'") {
			continue
		}
		gen.known = append(gen.known, company{full: c.Name, short: c.Name})
	}
	have := map[string]bool{}
	for _, c := range gen.known {
		have[c.full] = true
	}
	for _, p := range g.Platforms() {
		if p.Ambiguous || p.Owner == "" || !have[p.Owner] {
			continue
		}
		gen.platforms = append(gen.platforms, platform{name: p.Name, owner: p.Owner, kind: p.Kind})
		gen.owners[p.Owner] = true
	}
	if len(gen.known) < 10 || len(gen.platforms) == 0 {
		return nil, fmt.Errorf("synth: the gazetteer has too few companies (%d) or platforms (%d)", len(gen.known), len(gen.platforms))
	}
	return gen, nil
}

// Companies returns the number of companies the generator can name.
func (g *Generator) Companies() int { return len(g.known) + g.tail }

// CompanyName returns the canonical name of the company of popularity rank
// r (0 is the most named), as the articles write it on first mention.
func (g *Generator) CompanyName(r int) string { return g.company(r).full }

// Platforms returns the platforms deals are built on, most named first.
func (g *Generator) Platforms() []string {
	out := make([]string, len(g.platforms))
	for i, p := range g.platforms {
		out[i] = p.name
	}
	return out
}

func (g *Generator) company(r int) company {
	if r < len(g.known) {
		return g.known[r]
	}
	short, full := generatedName(r - len(g.known))
	return company{full: full, short: short}
}

// WriteJSONL writes articles from, from+1, …, from+n-1 to w, one JSON
// object a line, in the format `partnergraph load` reads. Memory stays
// bounded whatever n is.
func (g *Generator) WriteJSONL(w io.Writer, from, n int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := from; i < from+n; i++ {
		a := g.Article(i)
		if err := enc.Encode(&a); err != nil {
			return fmt.Errorf("synth: write article %d: %w", i, err)
		}
	}
	return nil
}

// article is the state of one article being written.
type article struct {
	g       *Generator
	r       *rand.Rand
	zipf    *rand.Zipf
	year    int
	used    map[string]bool // full names already written in this article
	named   []company
	planted []Planted
}

// Article returns article i.
func (g *Generator) Article(i int) Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)*0x9e3779b97f4a7c15+1))
	a := &article{g: g, r: r, used: map[string]bool{}}
	// P(rank k) is proportional to (20+k)^-1.05: a few hubs named in one
	// article in a hundred or so, and a long tail.
	a.zipf = rand.NewZipf(r, 1.05, 20, uint64(len(g.known)+g.tail-1))
	a.year = 2000 + r.IntN(25)
	month, day := 1+r.IntN(12), 1+r.IntN(28)

	var paras []string
	lead, title := a.mainStory()
	city := pick(r, cities)
	if r.IntN(2) == 0 {
		lead = fmt.Sprintf("%s, %s %d - %s", strings.ToUpper(city), monthNames[month-1], day, lead)
	}
	paras = append(paras, lead)
	// Further paragraphs: more news, colour, denials and rumours.
	for range 2 + r.IntN(3) {
		paras = append(paras, a.paragraph())
	}
	paras = append(paras, a.boilerplate())
	pub := pick(r, publishers)
	id := fmt.Sprintf("synth-%d-%d", g.seed, i)
	return Article{
		ID:        id,
		URL:       fmt.Sprintf("https://news.example.com/%d/%02d/%s", a.year, month, id),
		Title:     title,
		Publisher: pub,
		Published: fmt.Sprintf("%d-%02d-%02d", a.year, month, day),
		Text:      strings.Join(paras, "\n\n"),
		Planted:   a.planted,
	}
}

// targetMinRank is the most popular rank a company bought or funded can
// have: the companies named most are the buyers and investors of the news,
// seldom its targets.
const targetMinRank = 300

// pickCompany draws a company not yet named in this article.
func (a *article) pickCompany() company { return a.pickRanked(0) }

// pickTarget draws a company to be bought or funded: one of the less
// popular ones.
func (a *article) pickTarget() company { return a.pickRanked(targetMinRank) }

// pickRanked draws a company of popularity rank minRank or lower not yet
// named in this article.
func (a *article) pickRanked(minRank int) company {
	for range 50 {
		r := int(a.zipf.Uint64())
		if r < minRank {
			continue
		}
		c := a.g.company(r)
		if !a.used[c.full] && !a.clashes(c) {
			a.used[c.full] = true
			a.named = append(a.named, c)
			return c
		}
	}
	// Far down the tail every draw is new.
	for k := len(a.g.known) + a.r.IntN(a.g.tail); ; k++ {
		c := a.g.company(k)
		if !a.used[c.full] && !a.clashes(c) {
			a.used[c.full] = true
			a.named = append(a.named, c)
			return c
		}
	}
}

// clashes reports whether c's name contains, or is contained in, a name
// already used in the article ("Google" and "Google Cloud"), which would
// make the planted truth unclear.
func (a *article) clashes(c company) bool {
	for _, n := range a.named {
		if strings.Contains(n.full, c.short) || strings.Contains(c.full, n.short) {
			return true
		}
	}
	return false
}

// mention writes c: the full name the first time, the short one after.
func (a *article) mention(c company) string {
	key := "m:" + c.full
	if a.used[key] {
		return c.short
	}
	a.used[key] = true
	return c.full
}

func (a *article) plant(p Planted) { a.planted = append(a.planted, p) }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// money renders an amount in millions.
func (a *article) money() string {
	if a.r.IntN(3) == 0 {
		return fmt.Sprintf("$%d.%d billion", 1+a.r.IntN(40), a.r.IntN(10))
	}
	return fmt.Sprintf("$%d million", 5+a.r.IntN(900))
}

// mainStory writes the lead paragraph, which reports one deal, and the
// headline.
func (a *article) mainStory() (lead, title string) {
	switch k := a.r.IntN(10); {
	case k < 3:
		return a.partnership()
	case k < 5:
		return a.platformDeal()
	case k < 7:
		return a.acquisition()
	case k < 9:
		return a.funding()
	default:
		return a.jointVenture()
	}
}

func (a *article) partnership() (string, string) {
	x, y := a.pickCompany(), a.pickCompany()
	xs, ys := a.mention(x), a.mention(y)
	purpose := pick(a.r, purposes)
	var s string
	switch a.r.IntN(3) {
	case 0:
		s = fmt.Sprintf("%s and %s announced a partnership on %s to %s.", xs, ys, pick(a.r, weekdays), purpose)
	case 1:
		s = fmt.Sprintf("%s said it had formed a strategic partnership with %s to %s.", xs, ys, purpose)
	default:
		s = fmt.Sprintf("%s has teamed up with %s to %s, the companies said.", xs, ys, purpose)
	}
	a.plant(Planted{Kind: "deal", Type: partnergraph.Partnership, Status: partnergraph.Announced,
		Parties: []Party{{x.full, partnergraph.RolePartner}, {y.full, partnergraph.RolePartner}}, Sentence: s})
	more := fmt.Sprintf("Financial terms of the agreement were not disclosed. %s said the first products would reach customers next year.", x.short)
	return s + " " + more, fmt.Sprintf("%s and %s team up to %s", x.short, y.short, purpose)
}

func (a *article) platformDeal() (string, string) {
	p := pick(a.r, a.g.platforms)
	owner := company{full: p.owner, short: p.owner}
	if a.used[owner.full] || a.clashes(owner) {
		return a.partnership()
	}
	a.used[owner.full] = true
	a.named = append(a.named, owner)
	x := a.pickCompany()
	xs, os := a.mention(x), a.mention(owner)
	var s string
	switch a.r.IntN(3) {
	case 0:
		s = fmt.Sprintf("%s signed a multi-year agreement with %s to build its games on %s.", xs, os, p.name)
	case 1:
		s = fmt.Sprintf("%s and %s announced a partnership to run %s's services on %s.", xs, os, x.short, p.name)
	default:
		s = fmt.Sprintf("%s said it had chosen %s as its preferred platform under a partnership with %s.", xs, p.name, os)
	}
	a.plant(Planted{Kind: "deal", Type: partnergraph.Partnership, Status: partnergraph.Announced,
		Parties: []Party{{x.full, partnergraph.RolePartner}, {owner.full, partnergraph.RolePartner}}, Platforms: []string{p.name}, Sentence: s})
	return s, fmt.Sprintf("%s picks %s in deal with %s", x.short, p.name, owner.short)
}

func (a *article) acquisition() (string, string) {
	x, y := a.pickCompany(), a.pickTarget()
	xs, ys := a.mention(x), a.mention(y)
	amount := a.money()
	var s string
	status := partnergraph.Announced
	switch a.r.IntN(4) {
	case 0:
		s = fmt.Sprintf("%s agreed to acquire %s for %s in cash, the companies said.", xs, ys, amount)
	case 1:
		s = fmt.Sprintf("%s said it would buy %s for about %s.", xs, ys, amount)
	case 2:
		s = fmt.Sprintf("%s completed its acquisition of %s, the company said.", xs, ys)
		status = partnergraph.Completed
	default:
		s = fmt.Sprintf("%s said it had completed the purchase of %s for %s.", xs, ys, amount)
		status = partnergraph.Completed
	}
	a.plant(Planted{Kind: "deal", Type: partnergraph.Acquisition, Status: status,
		Parties: []Party{{x.full, partnergraph.RoleBuyer}, {y.full, partnergraph.RoleTarget}}, Sentence: s})
	more := fmt.Sprintf("%s, which employs about %d people, will become a unit of %s.", y.short, 100*(1+a.r.IntN(90)), x.short)
	verb := "to buy"
	if status == partnergraph.Completed {
		verb = "completes purchase of"
	}
	return s + " " + more, fmt.Sprintf("%s %s %s", x.short, verb, y.short)
}

func (a *article) funding() (string, string) {
	y := a.pickTarget()
	n := 1 + a.r.IntN(3)
	inv := make([]company, n)
	for j := range inv {
		inv[j] = a.pickCompany()
	}
	ys := a.mention(y)
	names := make([]string, n)
	for j, c := range inv {
		names[j] = a.mention(c)
	}
	var s string
	if n == 1 {
		s = fmt.Sprintf("%s invested %s in %s.", names[0], a.money(), ys)
	} else {
		s = fmt.Sprintf("%s raised %s in a Series %c funding round led by %s, with participation from %s.",
			ys, a.money(), 'A'+rune(a.r.IntN(4)), names[0], strings.Join(names[1:], " and "))
	}
	// The graph records a round as one investment per investor, as the
	// loader does.
	for _, c := range inv {
		a.plant(Planted{Kind: "deal", Type: partnergraph.Investment, Status: partnergraph.Completed,
			Parties: []Party{{c.full, partnergraph.RoleInvestor}, {y.full, partnergraph.RoleInvestee}}, Sentence: s})
	}
	more := fmt.Sprintf("%s said it would use the money to hire engineers and expand into %s.", y.short, pick(a.r, regions))
	return s + " " + more, fmt.Sprintf("%s raises new funding", y.short)
}

func (a *article) jointVenture() (string, string) {
	x, y := a.pickCompany(), a.pickCompany()
	s := fmt.Sprintf("%s and %s will form a joint venture to %s.", a.mention(x), a.mention(y), pick(a.r, purposes))
	a.plant(Planted{Kind: "deal", Type: partnergraph.JointVenture, Status: partnergraph.Announced,
		Parties: []Party{{x.full, partnergraph.RolePartner}, {y.full, partnergraph.RolePartner}}, Sentence: s})
	more := fmt.Sprintf("Each company will hold half of the venture, which is expected to start operating in %d.", a.year+1)
	return s + " " + more, fmt.Sprintf("%s, %s set up joint venture", x.short, y.short)
}

// paragraph writes a paragraph after the lead: a past deal, a denial, a
// rumour, a second deal or market colour.
func (a *article) paragraph() string {
	switch k := a.r.IntN(10); {
	case k < 2:
		return a.pastDeal()
	case k < 3:
		return a.denial()
	case k < 4:
		return a.rumour()
	case k < 5:
		s, _ := a.mainStory()
		return s
	default:
		return a.colour()
	}
}

func (a *article) pastDeal() string {
	var x company
	if len(a.named) > 0 && a.r.IntN(2) == 0 {
		x = a.named[a.r.IntN(len(a.named))]
	} else {
		x = a.pickCompany()
	}
	y := a.pickTarget()
	year := a.year - 1 - a.r.IntN(15)
	xs, ys := a.mention(x), a.mention(y)
	var s string
	if a.r.IntN(2) == 0 {
		s = fmt.Sprintf("In %d, %s acquired %s for %s.", year, xs, ys, a.money())
	} else {
		s = fmt.Sprintf("%s bought %s in %d.", xs, ys, year)
	}
	a.plant(Planted{Kind: "deal", Type: partnergraph.Acquisition, Status: partnergraph.Completed,
		Parties: []Party{{x.full, partnergraph.RoleBuyer}, {y.full, partnergraph.RoleTarget}}, Year: year, Sentence: s})
	return s + " " + fmt.Sprintf("That deal gave %s a foothold in %s.", x.short, pick(a.r, markets))
}

func (a *article) denial() string {
	x, y := a.pickCompany(), a.pickTarget()
	xs, ys := a.mention(x), a.mention(y)
	var s string
	switch a.r.IntN(3) {
	case 0:
		s = fmt.Sprintf("%s denied a report that it planned to buy %s.", xs, ys)
	case 1:
		s = fmt.Sprintf("%s denied it would buy %s.", xs, ys)
	default:
		s = fmt.Sprintf("A spokesman for %s said the company had no plans to acquire %s.", xs, ys)
	}
	a.plant(Planted{Kind: "denial", Type: partnergraph.Acquisition,
		Parties: []Party{{x.full, partnergraph.RoleBuyer}, {y.full, partnergraph.RoleTarget}}, Sentence: s})
	return s
}

func (a *article) rumour() string {
	x, y := a.pickCompany(), a.pickTarget()
	xs, ys := a.mention(x), a.mention(y)
	var s string
	if a.r.IntN(2) == 0 {
		s = fmt.Sprintf("%s is in talks to buy %s, people familiar with the matter said.", xs, ys)
	} else {
		s = fmt.Sprintf("People familiar with the matter said %s was exploring a bid for %s.", xs, ys)
	}
	a.plant(Planted{Kind: "rumour", Type: partnergraph.Acquisition,
		Parties: []Party{{x.full, partnergraph.RoleBuyer}, {y.full, partnergraph.RoleTarget}}, Sentence: s})
	return s + " Neither company would comment."
}

func (a *article) colour() string {
	c := a.pickCompany()
	cs := a.mention(c)
	switch a.r.IntN(4) {
	case 0:
		return fmt.Sprintf("Shares of %s rose %d.%d percent to $%d.%02d in early trading.", cs, 1+a.r.IntN(9), a.r.IntN(10), 10+a.r.IntN(300), a.r.IntN(100))
	case 1:
		return fmt.Sprintf("%s reported quarterly revenue of %s, up %d percent from a year earlier.", cs, a.money(), 1+a.r.IntN(30))
	case 2:
		return fmt.Sprintf("Analysts said demand for %s had been stronger than expected in %s, and %s expects margins to improve.", pick(a.r, markets), pick(a.r, regions), cs)
	default:
		return fmt.Sprintf("%s has been cutting costs since %d and named a new chief executive last year.", cs, a.year-1-a.r.IntN(5))
	}
}

func (a *article) boilerplate() string {
	switch a.r.IntN(3) {
	case 0:
		return fmt.Sprintf("Reporting by %s %s; Editing by %s %s", pick(a.r, givenNames), pick(a.r, surnames), pick(a.r, givenNames), pick(a.r, surnames))
	case 1:
		return "This press release contains forward-looking statements that involve risks and uncertainties. Actual results may differ materially from those expressed or implied."
	default:
		return fmt.Sprintf("For more news, visit our %s coverage. Subscribe to our newsletter for daily updates.", pick(a.r, markets))
	}
}

// Word lists.
var (
	purposes = []string{
		"develop electric vehicle batteries", "build cloud gaming services", "sell software to hospitals",
		"make chips for data centres", "bring streaming video to set-top boxes", "develop autonomous delivery robots",
		"offer payments in online stores", "research new cancer drugs", "expand fibre networks in rural areas",
		"build wind farms in the North Sea", "develop satellite internet services", "make smart home devices",
	}
	markets    = []string{"cloud computing", "mobile games", "medical devices", "industrial robots", "online advertising", "renewable energy", "consumer electronics", "logistics software", "semiconductors", "digital payments"}
	regions    = []string{"Europe", "Asia", "Latin America", "the Middle East", "Africa", "North America", "Japan", "India"}
	cities     = []string{"New York", "London", "San Francisco", "Tokyo", "Frankfurt", "Paris", "Seoul", "Singapore", "Toronto", "Stockholm"}
	weekdays   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	publishers = []string{"Reuters", "Business Wire", "TechDaily", "The Market Journal", "Global Finance News"}
	givenNames = []string{"Anna", "David", "Maria", "James", "Yuki", "Pierre", "Sofia", "Ravi"}
	surnames   = []string{"Lee", "Schmidt", "Garcia", "Brown", "Tanaka", "Dubois", "Rossi", "Patel"}
	monthNames = []string{"Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"}
)
