package loader

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/partnergraph/partnergraph"
)

// Extractor finds the companies, platforms and deals of cleaned articles.
// It is safe for concurrent use once built.
type Extractor struct {
	rec   *EntityRecognizer
	story *StoryModel
	deals *DealModel
}

// NewExtractor returns an Extractor that recognises the companies and
// platforms of g, with the learned models shipped with the binary (see
// [DefaultModels]), and gates its story-level rules with the story
// classifier shipped with the binary (see [DefaultStoryModel]).
func NewExtractor(g *Gazetteer) *Extractor {
	m, err := DefaultStoryModel()
	if err != nil {
		// The model is embedded at build time and checked by the tests.
		panic(err)
	}
	models, err := DefaultModels()
	if err != nil {
		panic(err) // embedded at build time and checked by the tests
	}
	return (&Extractor{rec: NewEntityRecognizer(g), story: m}).WithModels(models)
}

// WithStoryModel returns a copy of x that gates its story-level rules
// with m; nil turns those rules off, leaving the sentence rules alone.
func (x *Extractor) WithStoryModel(m *StoryModel) *Extractor {
	y := *x
	y.story = m
	return &y
}

// Extraction is what one article says: its companies, platforms and deals.
type Extraction struct {
	// Doc is the cleaned article.
	Doc Document
	// Companies are the companies the article names, once each.
	Companies []ExtractedCompany
	// Platforms are the platforms the article names, once each.
	Platforms []ExtractedPlatform
	// Deals are the deals the article reports, once each.
	Deals []ExtractedDeal
}

// ExtractedCompany is a company named by an article.
type ExtractedCompany struct {
	// Name is the canonical name.
	Name string
	// Aliases are the other spellings the article uses.
	Aliases []string
}

// ExtractedPlatform is a platform named by an article.
type ExtractedPlatform struct {
	// Name is the canonical name.
	Name string
	// Aliases are the other spellings the article uses.
	Aliases []string
	// Owner is the canonical name of the owning company, or "".
	Owner string
	// Kind is the sort of platform.
	Kind partnergraph.PlatformKind
}

// ExtractedParty is one company's part in an extracted deal.
type ExtractedParty struct {
	// Name is the company's canonical name.
	Name string
	// Role is its role in the deal.
	Role partnergraph.Role
}

// ExtractedDeal is a deal reported by an article.
type ExtractedDeal struct {
	// Type is the kind of deal.
	Type partnergraph.DealType
	// Parties are the companies taking part, buyer or investor first.
	Parties []ExtractedParty
	// Platforms are the canonical names of the platforms the deal is about.
	Platforms []string
	// Year is the year the article gives for the deal, or 0.
	Year int
	// Status is how far the deal has got according to the article.
	Status partnergraph.DealStatus
	// Value is the stated amount of money, or nil.
	Value *float64
	// Currency is the ISO 4217 code of Value, or "".
	Currency string
	// Sentence is the evidence sentence (the first that reports the deal).
	Sentence string
	// Start and End are the byte offsets of Sentence in the cleaned text.
	Start, End int
	// Confidence is the belief that the deal is real, in [0, 1]: the deal
	// model's probability, or the rules' own belief without a model.
	Confidence float64
	// Rules name the rules that found the deal (see deal_rules.json).
	Rules []string
}

// Extract finds the companies, platforms and deals of doc.
func (x *Extractor) Extract(doc Document) Extraction {
	old, _ := textPool.Get().(*Text)
	tx := newText(doc.Text, old)
	tx.Title = doc.Article.Title
	defer textPool.Put(tx) // nothing the extraction returns keeps a token
	return extractWith(doc, tx, x.rec.FindIn(tx), x.parts())
}

// parts returns what extractWith needs of x.
func (x *Extractor) parts() extractParts {
	return extractParts{story: x.story, person: x.rec.g.isPerson, nonCompany: x.rec.g.isNonCompany, deals: x.deals}
}

// extractParts are the models and word lists extractWith uses besides the
// rules; the zero value uses the sentence rules alone.
type extractParts struct {
	// story gates the story-level rules (deals_story.go), or is nil.
	story *StoryModel
	// person reports whether a word is a given name, or is nil.
	person func(string) bool
	// nonCompany reports whether a word is never a company alone, or is
	// nil.
	nonCompany func(string) bool
	// deals gives the deals their confidence, or is nil to keep the
	// rules' own.
	deals *DealModel
	// candidates, when set, receives every deal with its features before
	// the deal model scores them (for training).
	candidates func(ExtractedDeal, []string)
}

// extractFrom builds the extraction of doc from its entity mentions with
// the sentence rules alone.
func extractFrom(doc Document, ms []EntityMention) Extraction {
	return extractWith(doc, NewText(doc.Text), ms, extractParts{})
}

// extractWith builds the extraction of doc, whose text layer is tx, from
// its entity mentions with the models of p.
func extractWith(doc Document, tx *Text, ms []EntityMention, p extractParts) Extraction {
	story := p.story
	text := doc.Text
	x := Extraction{Doc: doc}
	x.Companies, x.Platforms = entitiesOf(ms)
	if len(ms) == 0 {
		return x
	}
	bms := make([]byteMent, len(ms))
	for i := range ms {
		bms[i] = byteMent{b: ms[i].Start, e: ms[i].End, m: &ms[i]}
	}
	ctx := dealContext{pubYear: yearOf(doc.Article.Published), owners: map[string]string{}, clouds: map[string]string{}}
	if ctx.pubYear == 0 {
		ctx.pubYear = datelineYear(text)
	} else if p := doc.Article.Published; len(p) >= 7 {
		ctx.pubMonth, _ = strconv.Atoi(p[5:7])
	}
	ctx.publisher = publisherOf(doc.Article.Publisher)
	ctx.subject = storySubject(ms, ctx.publisher)
	ctx.raiser = headlineRaiser(doc.Article.Title, ms, ctx.publisher)
	ctx.headlineRaiser = ctx.raiser != ""
	ctx.roundAt = -1
	ctx.person = p.person
	ctx.nonCompany = p.nonCompany
	ctx.nameKinds = map[string]string{}
	for _, m := range ms {
		if m.Kind == partnergraph.MentionCompany {
			if _, ok := ctx.nameKinds[m.Name]; !ok || m.Source != "tagger" && m.Source != "alias" {
				ctx.nameKinds[m.Name] = nameKind(m.Source)
			}
		}
	}
	names := map[string]string{}
	for _, m := range ms {
		if m.Kind == partnergraph.MentionCompany && strings.IndexByte(m.Surface, ' ') < 0 && strings.IndexByte(m.Surface, '-') < 0 {
			names[lowerASCII(m.Surface)] = m.Name
		}
		if m.Kind == partnergraph.MentionPlatform && m.Owner != "" {
			ctx.owners[m.Name] = m.Owner
			if _, ok := ctx.clouds[m.Owner]; !ok && m.PlatformKind == partnergraph.PlatformCloud {
				ctx.clouds[m.Owner] = m.Name
			}
		}
	}
	var mentions []dmention
	var s dsent
	if p, _ := dtokBufs.Get().(*[]dtok); p != nil {
		s.toks = (*p)[:0]
	}
	defer func() { // nothing keeps the tokens of a sentence: reuse them
		buf := s.toks[:0]
		dtokBufs.Put(&buf)
	}()
	mi := 0
	prevActor := ""                // the company opening the previous sentence, if any
	prevSole, prevSoleAt := "", -1 // the one company a sentence names, and that sentence
	lastActor := ""                // the last company that opened a sentence
	lead := 0                      // sentences of the story read so far, headlines aside
	var storyCand []dmention
	owned := false // a sentence rule found an ownership deal: no story rule needed
	for si, sp := range tx.Sents {
		b, e := sp.Start, sp.End
		inLead := lead < storyLead
		if !isShouted(text[b:e]) {
			lead++
		} else {
			inLead = false
		}
		for mi < len(bms) && bms[mi].e <= b {
			mi++
		}
		actor := prevActor
		prevActor = ""
		// Headline lists and captions that run together with no full stop
		// make "sentences" of thousands of characters: page furniture,
		// not prose, and no evidence a reader could check.
		if e-b > maxDealSentence {
			continue
		}
		// Only sentences that name a company or platform can report a
		// deal; most sentences are skipped without tokenising.
		if mi >= len(bms) || bms[mi].b >= e {
			if denies(text[b:e]) {
				ctx.denials = append(ctx.denials, nil)
			}
			if (ctx.raiser == "" || ctx.headlineRaiser) && mayNameRaise(text[b:e]) {
				// "The company recently announced $35 million in
				// funding": the story's subject raised it, and the
				// sentences that follow may name its investors.
				s = dsent{toks: s.toks[:0]}
				dealTokens(tx, si, nil, &s)
				if r := roundRaiser(&s, ctx.subject, ctx.publisher); r != "" && !earlierRaise(&s, ctx.pubYear) && ctx.sameRaiser(r) && !ctx.knownBySubject(r, text[b:e]) {
					ctx.raiser, ctx.headlineRaiser = r, false
					ctx.roundValue, ctx.roundCurrency = roundAmount(&s)
					if namesRound(&s) {
						ctx.roundAt = si
					}
					continue
				}
			}
			if ctx.raiser != "" && mayNameInvestors(text[b:e]) {
				// "Other investors included A, B and C": names the
				// recognisers did not know, in the story's round.
				s = dsent{toks: s.toks[:0]}
				dealTokens(tx, si, nil, &s)
				mentions = append(mentions, ctx.roundDeals(&s, ctx.raiser)...)
				// "The funding includes a new series A round": the
				// round is named again for the sentences that follow.
				if namesRound(&s) {
					ctx.roundAt = si
				}
				continue
			}
			if len(mentions) > 0 && mayUpdate(text[b:e]) {
				s = dsent{toks: s.toks[:0]}
				dealTokens(tx, si, nil, &s)
				if m, ok := ctx.pairPartnership(&s, mentions); ok {
					mentions = append(mentions, m)
				} else {
					ctx.anaphora(&s, mentions)
				}
			}
			continue
		}
		s = dsent{toks: s.toks[:0], names: names}
		dealTokens(tx, si, bms[mi:], &s)
		prevActor = openingActor(&s)
		sole := soleCompany(&s)
		// Who "it" or "the company" opening the sentence stands for: the
		// company that opened the sentence before; else "the company"
		// is the story's subject when the last company to open a
		// sentence is also the one named most, or the one company of
		// the sentence just before ("Profits at Zyxo fell. The firm also
		// agreed to buy Y").
		ref, nounOnly, says := "", false, false
		switch {
		case actor != "":
			ref, says = actor, true
		case lastActor != "" && lastActor == ctx.subject:
			ref, nounOnly, says = lastActor, true, true
		case prevSole != "" && prevSoleAt == si-1:
			ref, nounOnly = prevSole, true
		}
		resolved := ""
		if ref != "" && (!nounOnly && leadingIt(&s, ref) || nounOnly && leadingCompanyNoun(&s, ref) ||
			// "Its latest releases came the week that the company
			// announced it was to buy Y": "the company" that reports
			// its own move, with no company named before it.
			says && companySaysIt(&s, ref)) {
			resolved = ref
		}
		if prevActor == "" {
			// "On the software side, the company signed up banks. And
			// it also landed a partnership with Y": a subject read from
			// "the company" or "it" opens the sentence for the next.
			prevActor = resolved
		}
		quoteSpeaker(&s)
		prevSole, prevSoleAt = sole, si
		if prevActor != "" {
			lastActor = prevActor
		}
		if denies(text[b:e]) {
			ctx.denials = append(ctx.denials, entNames(&s))
		}
		found := preferJV(ctx.findDeals(&s))
		if len(found) == 0 && talksEnded(&s) {
			ctx.endings = append(ctx.endings, entNames(&s))
		}
		if len(found) == 0 {
			if m, ok := ctx.pairPartnership(&s, mentions); ok {
				found = append(found, m)
			} else if m, ok := ctx.participation(&s, mentions); ok {
				found = append(found, m)
			} else {
				ctx.anaphora(&s, mentions)
			}
		}
		if ctx.raiser == "" || ctx.headlineRaiser {
			if r := roundRaiser(&s, ctx.subject, ctx.publisher); r != "" && ctx.sameRaiser(r) && !ctx.knownBySubject(r, text[b:e]) {
				ctx.raiser, ctx.headlineRaiser = r, false
				ctx.roundValue, ctx.roundCurrency = roundAmount(&s)
			}
		}
		// A sentence whose own rules give its round to another company
		// ("Kestrel has raised $11 million from A and B" in a story
		// about Zyxo's round) lends its investors to nobody else.
		if cr := ctx.clauseRaises(&s); len(cr) > 0 {
			// "with the likes of Quillon securing $300 million from A":
			// rounds of other companies, clause by clause.
			found = append(found, cr...)
		} else if own := ownRaiser(&s, &ctx, text[b:e]); own != "" {
			// "Quillon Data emerged from stealth with $44 million in
			// funding from A and B" in a story about Zyxo's round: the
			// sentence's investors are Quillon Data's.
			if !otherInvestee(found, own, ctx.publisher) {
				found = append(found, ctx.roundDeals(&s, own)...)
			}
		} else if !otherInvestee(found, ctx.raiser, ctx.publisher) {
			found = append(found, ctx.roundDeals(&s, ctx.raiser)...)
		}
		if namesRound(&s) {
			ctx.roundAt = si
		}
		if len(found) > 0 {
			cues := sentenceCues(&s)
			for k := range found {
				found[k].si, found[k].nents, found[k].cues = si, len(s.ents), cues
			}
		}
		owned = owned || ownershipFound(found)
		if story != nil && inLead && len(storyCand) == 0 && !owned {
			if m, ok := ctx.storyDeal(&s); ok {
				storyCand = append(storyCand, m)
			}
		}
		mentions = append(mentions, found...)
	}
	if len(storyCand) > 0 && !ownershipFound(mentions) && story.about(tx) {
		mentions = append(mentions, storyCand...)
	}
	if m, ok := ctx.headlineDeal(doc.Article.Title, tx, bms, mentions); ok {
		mentions = append(mentions, m)
	}
	deals, from := mergeMentions(text, mentions, ctx.pubYear)
	deals, from = dropAbsorbedPartnerships(deals, from)
	deals, from = dropStakesOfPurchase(deals, from)
	for i, d := range deals {
		d, ok := ctx.articleLevel(d)
		if !ok {
			continue
		}
		if p.deals == nil && p.candidates == nil {
			x.Deals = append(x.Deals, d)
			continue
		}
		fs := dealFeatures(d, from[i], &ctx)
		if p.candidates != nil {
			p.candidates(d, fs)
		}
		if p.deals != nil {
			d.Confidence = roundTo(p.deals.Prob(fs), 2)
		}
		x.Deals = append(x.Deals, d)
	}
	x.Companies = addParties(x.Companies, x.Deals, ms)
	x.Deals = dropSelfDeals(x.Deals, x.Companies, doc.Text)
	return x
}

// dropAbsorbedPartnerships removes the partnerships still to come
// (announced, proposed or agreed in principle) between two companies
// that the article also has one buy or merge with the other: once one
// owns the other, their "working together on an integrated offering" or
// the "partnership of two companies" that a merger is billed as is the
// purchase itself. A partnership in force before the story's news
// ("the two had worked together for years") is a deal of its own and
// stays, and so does one beside a purchase that failed.
func dropAbsorbedPartnerships(deals []ExtractedDeal, from [][]dmention) ([]ExtractedDeal, [][]dmention) {
	var owns [][]ExtractedParty
	for _, d := range deals {
		if (d.Type == partnergraph.Acquisition || d.Type == partnergraph.Merger) && d.Status != partnergraph.Terminated && d.Status != partnergraph.Blocked {
			owns = append(owns, d.Parties)
		}
	}
	if len(owns) == 0 {
		return deals, from
	}
	n := 0
	for i, d := range deals {
		if d.Type == partnergraph.Partnership && d.Status != partnergraph.Completed && d.Status != partnergraph.Terminated &&
			slices.ContainsFunc(owns, func(ps []ExtractedParty) bool { return sameParties(ps, d.Parties) }) {
			continue
		}
		deals[n], from[n] = d, from[i]
		n++
	}
	return deals[:n], from[:n]
}

// dropSelfDeals folds the parties of a deal that are one company under
// two of its names ("Quillon" and "Quillon and Vane Publishers Inc": the
// fullest form the text gives one, the name a label would use, is the
// first words of the other's) into one party, the one whose role no
// other party has; a deal left with one party is dropped. A company
// makes no deal with itself, and such a pair means a sentence was
// misread. A parent buying out its unit keeps its deal: "Orla Group"
// and "Orla Oil Co" share a first word but neither is the other's.
func dropSelfDeals(deals []ExtractedDeal, companies []ExtractedCompany, text string) []ExtractedDeal {
	if len(deals) == 0 {
		return deals
	}
	byName := make(map[string]int, len(companies))
	for i, c := range companies {
		byName[c.Name] = i
	}
	forms := map[string]string{}
	full := func(n string) string {
		if f, ok := forms[n]; ok {
			return f
		}
		f := n
		if i, ok := byName[n]; ok {
			f = fullestForm(text, companies[i])
		}
		forms[n] = f
		return f
	}
	n := 0
	for _, d := range deals {
		ps := d.Parties
		for a := 0; a < len(ps); a++ {
			for b := a + 1; b < len(ps); b++ {
				// Two names of one company share a first word; only
				// then are the spellings looked up in the text.
				if !strings.EqualFold(firstWord(ps[a].Name), firstWord(ps[b].Name)) || !sameName(full(ps[a].Name), full(ps[b].Name)) {
					continue
				}
				// Keep the one whose role is its own.
				drop := b
				if roleShared(ps, ps[a].Role, a, b) && !roleShared(ps, ps[b].Role, a, b) {
					drop = a
				}
				ps = slices.Delete(slices.Clone(ps), drop, drop+1)
				a, b = -1, len(ps) // start over
			}
		}
		if len(ps) < 2 {
			continue
		}
		d.Parties = ps
		deals[n] = d
		n++
	}
	return deals[:n]
}

// roleShared reports whether a party other than those at a and b has
// role r.
func roleShared(ps []ExtractedParty, r partnergraph.Role, a, b int) bool {
	for k, p := range ps {
		if k != a && k != b && p.Role == r {
			return true
		}
	}
	return false
}

// dropStakesOfPurchase removes the investments reported only in
// sentences that also report the same buyer acquiring the same company:
// "X agreed to buy the 46 pct interest held by Z in Y and acquire the
// balance of Y" is one purchase of Y, the stake a step of it. A stake
// told in a sentence of its own ("X bought an 18 pct stake in Y" before
// "X's takeover offer for Y") stays a deal of its own.
func dropStakesOfPurchase(deals []ExtractedDeal, from [][]dmention) ([]ExtractedDeal, [][]dmention) {
	bought := map[int][]int{} // sentence → the acquisitions it reports
	for i, d := range deals {
		if d.Type != partnergraph.Acquisition {
			continue
		}
		for _, m := range from[i] {
			if ds := bought[m.si]; len(ds) == 0 || ds[len(ds)-1] != i {
				bought[m.si] = append(ds, i)
			}
		}
	}
	if len(bought) == 0 {
		return deals, from
	}
	n := 0
	for i, d := range deals {
		if d.Type == partnergraph.Investment && len(from[i]) > 0 && !slices.ContainsFunc(from[i], func(m dmention) bool {
			return !slices.ContainsFunc(bought[m.si], func(a int) bool { return sameParties(deals[a].Parties, d.Parties) })
		}) {
			continue
		}
		deals[n], from[n] = d, from[i]
		n++
	}
	return deals[:n], from[:n]
}

// sameParties reports whether two deals have the same parties, a name
// and its first words counting as one ("Harbex" and "Harbex Labs": the
// article's short form of a name).
func sameParties(a, b []ExtractedParty) bool {
	if len(a) != len(b) {
		return false
	}
	for _, p := range a {
		if !slices.ContainsFunc(b, func(q ExtractedParty) bool { return sameName(p.Name, q.Name) }) {
			return false
		}
	}
	return true
}

// sameName reports whether a and b are one name or one is the first
// words of the other.
func sameName(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || strings.HasPrefix(b, a) && b[len(a)] == ' '
}

// maxDealSentence is the longest sentence, in bytes, read for deals. No
// deal of Reuters-21578, the BBC set or the labelled corpus comes from a
// sentence over 600 bytes; the longer ones are page furniture run
// together.
const maxDealSentence = 1000

// ownershipFound reports whether ms has an acquisition, merger or
// investment.
func ownershipFound(ms []dmention) bool {
	for _, m := range ms {
		switch m.typ {
		case partnergraph.Acquisition, partnergraph.Merger, partnergraph.Investment:
			return true
		}
	}
	return false
}

// dtokBufs recycles the token buffers of extractFrom between articles.
var dtokBufs sync.Pool

// denialCues are phrases by which an article says that no deal is in the
// works: "there is no sign of any deal", "no talks have been reported".
var denialCues = []string{"no sign of", "no talks", "no negotiations", "no discussions", "not in talks", "no formal offer", "no formal bid", "no offer has", "no bid has"}

// denies reports whether the sentence l says that no deal is in the works.
func denies(l string) bool {
	// Cheap test first: most sentences have no "no" at all.
	if !mayDeny(l) {
		return false
	}
	l = lowerASCII(l)
	for _, c := range denialCues {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// mayDeny reports whether l holds "no ", "No " or "not in talks", in one
// pass: each starts with "no" or "No".
func mayDeny(l string) bool {
	for i := 0; i+2 < len(l); i++ {
		if l[i+1] != 'o' {
			continue
		}
		switch c := l[i]; {
		case c != 'n' && c != 'N':
		case l[i+2] == ' ':
			return true
		case c == 'n' && strings.HasPrefix(l[i:], "not in talks"):
			return true
		}
	}
	return false
}

// talksEnded reports whether a sentence says that talks ended ("ending
// weeks of talks", "talks collapsed").
func talksEnded(s *dsent) bool {
	toks := s.toks
	for k := range toks {
		if endsTalks(toks, k, len(toks)) {
			return true
		}
		if w := toks[k].w; (w == "talks" || w == "negotiations") && k+1 < len(toks) {
			switch toks[k+1].w {
			case "collapsed", "failed", "ended":
				return true
			case "broke":
				if k+2 < len(toks) && toks[k+2].w == "down" {
					return true
				}
			}
		}
	}
	return false
}

// knownBySubject reports whether raiser r stands in a sentence only as
// "it" or "the company" for the story's subject, and the subject is a
// company the gazetteer knows: a large listed company that the story
// names most is seldom the start-up whose round it tells ("It has
// raised $1 million from A and B" in a story that names a search giant
// most).
func (c *dealContext) knownBySubject(r, sentence string) bool {
	return r == c.subject && !strings.Contains(sentence, r) && c.nameKinds[r] == "known"
}

// ownRaiser returns the raiser a funding sentence names of its own when
// it is another company than the story's raiser and subject and the
// sentence writes its name ("For example, X emerged from stealth with
// $44 million in funding from A"), else "".
func ownRaiser(s *dsent, ctx *dealContext, sentence string) string {
	if ctx.raiser == "" || !mayNameRaise(sentence) {
		return ""
	}
	own := roundRaiser(s, ctx.subject, ctx.publisher)
	if own == "" || own == ctx.raiser || own == ctx.subject || !strings.Contains(sentence, own) {
		return ""
	}
	return own
}

// entNames returns the names of the companies a sentence names.
func entNames(s *dsent) []string {
	names := make([]string, 0, len(s.ents))
	for _, e := range s.ents {
		names = append(names, e.name)
	}
	return names
}

// involves reports whether every one of names is a party of d.
func involves(d ExtractedDeal, names []string) bool {
	for _, n := range names {
		if !slices.ContainsFunc(d.Parties, func(p ExtractedParty) bool { return p.Name == n }) {
			return false
		}
	}
	return true
}

// articleLevel applies what the article says about its deals as a whole:
// a deal with the article's publisher as a party is no deal;
// a proposed deal is dropped when the article denies that any talks or
// deal are under way ("there is no sign of any deal"; a denial naming
// companies concerns only deals between them), and a proposed deal or one
// agreed in principle is terminated when a sentence that reports no deal
// of its own, naming every party, says the talks ended.
func (c *dealContext) articleLevel(d ExtractedDeal) (ExtractedDeal, bool) {
	// "The company tells VentureBeat that it raised ...": the article's
	// own publisher is the one told, never a party (news outlets are
	// optional companies, convention 2).
	if slices.ContainsFunc(d.Parties, func(p ExtractedParty) bool { return c.publisher != nil && c.publisher(p.Name) }) {
		return d, false
	}
	if d.Status == partnergraph.Proposed && slices.ContainsFunc(c.denials, func(n []string) bool { return involves(d, n) }) {
		return d, false
	}
	switch d.Status {
	case partnergraph.Proposed, partnergraph.AgreedInPrinciple:
		for _, n := range c.endings {
			if len(n) >= 2 && subsetOfParties(d, n) {
				d.Status = partnergraph.Terminated
			}
		}
	}
	return d, true
}

// subsetOfParties reports whether every party of d is among names.
func subsetOfParties(d ExtractedDeal, names []string) bool {
	for _, p := range d.Parties {
		if !slices.Contains(names, p.Name) {
			return false
		}
	}
	return true
}

// openingActor returns the company that opens the sentence as its
// subject ("Quillon Motors has forecast ...", "Robotics startup Zyxo
// has raised ..."), or "".
func openingActor(s *dsent) string {
	start := describedOpening(s.toks)
	for k := start; k < len(s.toks) && k < start+3; k++ {
		if e := s.toks[k].ent; e >= 0 {
			// "X and Y reported profits": two openers, neither the actor.
			if k+1 < len(s.toks) && (s.toks[k+1].w == "'s" || s.toks[k+1].ent >= 0 || partyJoin[s.toks[k+1].w] && k+2 < len(s.toks) && s.toks[k+2].ent >= 0) {
				return ""
			}
			return s.ents[e].name
		}
		if s.toks[k].w != "the" && s.toks[k].w != "\"" {
			return ""
		}
	}
	return ""
}

// describedOpening returns the index of the company a sentence opens
// with after a phrase describing it, ending in a noun for a company
// ("AI unicorn startup Zyxo, known for ...", "Chinese tech giant Zyxo
// said"), or 0. Only words may come before the noun: in "In March,
// startup Zyxo ..." or "Shares of Zyxo ..." no such phrase opens the
// sentence.
func describedOpening(toks []dtok) int {
	for k := 1; k < len(toks) && k <= 5; k++ {
		if toks[k].ent >= 0 {
			if w := toks[k-1].w; subjectNouns[w] || w == "giant" || w == "unicorn" {
				return k
			}
			return 0
		}
		if w := toks[k-1].w; !isWordLike(w) || reportVerbs[w] || openingLinks[w] {
			return 0
		}
	}
	return 0
}

// openingLinks are words that put a described company inside another
// phrase ("Shares of startup Zyxo", "a deal with startup Zyxo").
var openingLinks = setOf("of", "in", "at", "for", "with", "by", "from", "to", "and", "or", "on", "as", "like")

// leadingIt lets "it" opening a sentence stand for the company that opened
// the sentence before ("Mitsubishi Motors has forecast a loss. Last month,
// it signed an agreement with Nissan"), when no company comes before it:
// the pronoun becomes an entity token of that company. It reports
// whether a token now stands for the company.
func leadingIt(s *dsent, actor string) bool {
	for k := 0; k < len(s.toks) && k < 6; k++ {
		t := &s.toks[k]
		if t.ent >= 0 {
			return false
		}
		if t.w == "it" {
			if k+1 < len(s.toks) && (s.toks[k+1].w == "is" || s.toks[k+1].w == "was" || s.toks[k+1].w == "'s") {
				return false // "it is expected that": no actor
			}
			s.ents = append(s.ents, partyCand{name: actor})
			t.ent = len(s.ents) - 1
			return true
		}
		// "The company had already disclosed a contract": the sentence's
		// subject is the company the sentence before opened with; but in
		// "The company said the acquisition ..." it only reports.
		if k == 1 && t.w == "company" && s.toks[0].w == "the" && !onlyReports(s.toks, 2) && !entBeforeTrigger(s.toks[2:]) {
			s.ents = append(s.ents, partyCand{name: actor})
			t.ent = len(s.ents) - 1
			return true
		}
		if k == 1 && subjectNouns[t.w] && s.toks[0].w == "the" && !onlyReports(s.toks, 2) {
			break // "The firm acquired Y": leadingCompanyNoun reads it
		}
	}
	return leadingCompanyNoun(s, actor)
}

// quoteSpeaker lets "we", "us" and "our" in a quotation stand for the
// company of the officer the sentence credits with it after the quote:
// "'Through our partnership with Y, we ...,' Jane Doe, Zyxo's head of
// data, told reporters", "'We are partnering with Y,' said Zyxo CEO Jane
// Doe", "..., said Jane Doe, chief executive of Zyxo". The credit needs a
// verb of speech and an officer's title next to the company; an
// analyst's firm quoted about others is no speaker of "we", nor is an
// investment firm, whose "we" often speaks for the companies it owns.
func quoteSpeaker(s *dsent) {
	toks := s.toks
	// quote reports whether token k is a quotation mark, not an
	// apostrophe inside a word ("we're" read as "we", a mark, "re").
	quote := func(k int) bool {
		return toks[k].w == "\"" && !(k > 0 && k+1 < len(toks) && toks[k-1].e == toks[k].b && toks[k+1].b == toks[k].e)
	}
	closing := -1
	for k := len(toks) - 1; k > 0; k-- {
		if quote(k) {
			closing = k
			break
		}
	}
	if closing < 2 {
		return
	}
	speaker := -1
	said := false
	for k := closing + 1; k < len(toks); k++ {
		w := toks[k].w
		if speechVerbs[w] {
			said = true
		}
		if toks[k].ent < 0 || speaker >= 0 {
			continue
		}
		titleNear := func(from, to int) bool {
			for x := max(closing+1, from); x < min(len(toks), to); x++ {
				if officerTitles[toks[x].w] {
					return true
				}
			}
			return false
		}
		switch {
		case k > 0 && (toks[k-1].w == "of" || toks[k-1].w == "at") && titleNear(k-5, k-1):
			speaker = toks[k].ent // "chief executive of Zyxo"
		case toks[k].poss || k+1 < len(toks) && toks[k+1].w == "'s":
			if titleNear(k+1, k+6) {
				speaker = toks[k].ent // "Zyxo's head of data"
			}
		case titleNear(k+1, k+3):
			speaker = toks[k].ent // "Zyxo CEO Jane Doe"
		}
	}
	// An investment firm's "we" often speaks for the firms it owns ("we
	// are excited to enter the market through the acquisition of Y", said
	// of its portfolio company's purchase).
	if speaker < 0 || !said || fundFirm(s.ents[speaker].name) {
		return
	}
	opening := 0
	for k := closing - 1; k >= 0; k-- {
		if quote(k) {
			opening = k
			break
		}
	}
	for k := opening; k < closing; k++ {
		switch toks[k].w {
		case "we", "us":
			toks[k].ent, toks[k].w = speaker, ""
		case "our":
			toks[k].ent, toks[k].w, toks[k].poss = speaker, "", true
		}
	}
}

// speechVerbs credit a quotation to its speaker.
var speechVerbs = setOf("said", "says", "told", "added", "noted", "explained", "wrote", "stated", "commented")

// officerTitles name an officer or a partner of a company, who speaks for
// it: the job titles of a person of a firm (jobTitles) and a few more.
var officerTitles = func() map[string]bool {
	m := setOf("cmo", "cio", "ciso", "head", "vice", "vp", "svp", "evp", "leader", "manager", "officer",
		"spokesperson", "spokesman", "spokeswoman", "general")
	for w := range jobTitles {
		m[w] = true
	}
	return m
}()

// leadingCompanyNoun lets "the company" or "the startup", after a
// fronted phrase or described by its place ("The San Francisco-based
// company later announced a partnership with Y", "Earlier this year, the
// startup struck a partnership with Y"), as the subject opening a
// sentence stand for name, the last company that opened a sentence: the
// noun becomes an entity token of that company. It leaves the sentence
// alone when a company comes before the noun, when the noun only reports
// ("the company said") or owns ("the company's bid", told of a company
// named elsewhere), when other words describe it ("the combined
// company"), or when another company acts before the first deal word.
// It reports whether the noun now stands for the company.
func leadingCompanyNoun(s *dsent, name string) bool {
	toks := s.toks
	start := 0
	// "The Oakland, California-based company …" opens with the noun
	// phrase; otherwise a phrase before a comma may come first ("In
	// 2019, the company …").
	for k := 0; k < len(toks) && k < 7 && toks[0].w != "the"; k++ {
		if toks[k].ent >= 0 {
			return false
		}
		if toks[k].w == "," {
			start = k + 1
			break
		}
		if subjectNouns[toks[k].w] {
			break // "The firm acquired Y": the noun opens the sentence
		}
	}
	if start >= len(toks) || toks[start].w != "the" {
		return false
	}
	for k := start + 1; k < len(toks) && k <= start+5; k++ {
		t := &toks[k]
		if t.ent >= 0 {
			return false
		}
		// "the Oakland, California-based company": a place may hold a
		// comma.
		if t.w == "," && k > start+1 && toks[k-1].cap && k+1 < len(toks) && toks[k+1].cap {
			continue
		}
		if subjectNouns[t.w] {
			if k+1 < len(toks) && (onlyReports(toks, k+1) || toks[k+1].w == "'s") || entBeforeTrigger(toks[k+1:]) {
				return false
			}
			s.ents = append(s.ents, partyCand{name: name})
			t.ent = len(s.ents) - 1
			return true
		}
		// "the tech giant", "the Chinese search giant": a giant of an
		// industry is the large company the story is about; of two
		// industries as well ("the software and cloud giant").
		if giantIndustries[t.w] && k+2 < len(toks) && toks[k+1].w == "and" && giantIndustries[toks[k+2].w] {
			k++ // past "and", to the second industry
			continue
		}
		if giantIndustries[t.w] && k+1 < len(toks) && toks[k+1].w == "giant" {
			if k+2 < len(toks) && (onlyReports(toks, k+2) || toks[k+2].w == "'s") || entBeforeTrigger(toks[k+2:]) {
				return false
			}
			s.ents = append(s.ents, partyCand{name: name})
			toks[k+1].ent = len(s.ents) - 1
			return true
		}
		// Only a place describes the company meant ("the San
		// Francisco-based company"); "the combined company", "the shell
		// company" or "the garden supply company" may be another.
		if !(t.cap && isWordLike(t.w) || strings.HasSuffix(t.w, "-based")) {
			return false
		}
	}
	return false
}

// companySaysIt lets "the company" or "the firm" inside a sentence stand
// for name when it reports a move of its own ("… the week that the
// company announced it was to buy Y", "the firm said it would acquire
// Y") and no company is named before it in the sentence. It reports
// whether the noun now stands for the company. Counter-example: "Zyxo
// said the company it bought …" (a company named first).
func companySaysIt(s *dsent, name string) bool {
	toks := s.toks
	for k := 1; k+2 < len(toks); k++ {
		if toks[k].ent >= 0 {
			return false
		}
		if (toks[k].w != "company" && toks[k].w != "firm") || toks[k-1].w != "the" || !reportVerbs[toks[k+1].w] || toks[k+1].w == "also" {
			continue
		}
		if toks[k+2].w == "it" || toks[k+2].w == "that" && k+3 < len(toks) && toks[k+3].w == "it" {
			s.ents = append(s.ents, partyCand{name: name})
			toks[k].ent = len(s.ents) - 1
			return true
		}
	}
	return false
}

// soleCompany returns the one company a sentence names, or "" when it
// names none or several.
func soleCompany(s *dsent) string {
	name := ""
	for _, t := range s.toks {
		if t.ent < 0 {
			continue
		}
		if n := s.ents[t.ent].name; name == "" {
			name = n
		} else if n != name {
			return ""
		}
	}
	return name
}

// onlyReports reports whether the subject before k only reports: "the
// company said the acquisition ...", "the company also noted". It acts
// when it announces a deal of its own ("the company also announced a
// partnership with Y", "the company announced it has acquired Y") or
// "also" comes before another verb ("the firm also acquired Y").
func onlyReports(toks []dtok, k int) bool {
	if k >= len(toks) {
		return false
	}
	if toks[k].w == "also" {
		k++
		if k >= len(toks) || !reportVerbs[toks[k].w] {
			return false
		}
	}
	if !reportVerbs[toks[k].w] {
		return false
	}
	if toks[k].w == "announced" && k+1 < len(toks) {
		switch n := toks[k+1].w; n {
		case "a", "an", "it", "plans", "that":
			return n == "that" && !(k+2 < len(toks) && toks[k+2].w == "it")
		}
		// "the company also announced new offerings as well as a
		// partnership with Y": a deal of its own among the news.
		for x := k + 2; x+1 < len(toks) && x <= k+10; x++ {
			if (toks[x].w == "a" || toks[x].w == "an") && announcedDeals[toks[x+1].w] {
				return false
			}
			if toks[x].ent >= 0 || toks[x].w == "." || toks[x].w == ";" || toks[x].w == "," {
				break
			}
		}
	}
	return true
}

// announcedDeals are the deals a company announces as its own news
// among other news: "announced new products and a partnership with Y".
var announcedDeals = setOf("partnership", "collaboration", "alliance", "deal", "agreement", "tie-up")

// subjectNouns stand for the story's company as a sentence's subject.
var subjectNouns = setOf("company", "startup", "start-up", "firm")

// giantIndustries are the industries of "the tech giant", "the search
// giant".
var giantIndustries = setOf("tech", "technology", "search", "software", "chip", "chipmaking", "internet", "e-commerce",
	"ecommerce", "retail", "cloud", "media", "telecom", "telecoms", "networking", "semiconductor", "gaming", "payments")

// entBeforeTrigger reports whether a company comes before the first deal
// word of toks: "The company has announced one sale - X said it would
// acquire ..." has a subject of its own for the deal.
func entBeforeTrigger(toks []dtok) bool {
	for k, t := range toks {
		if k > 0 && toks[k-1].ent >= 0 && reportVerbs[t.w] {
			return true // "X said it would acquire": X is the actor
		}
	}
	for _, t := range toks {
		if t.ent >= 0 {
			return true
		}
		if _, ok := triggersOf(t.w); ok {
			return false
		}
	}
	return false
}

// reportVerbs introduce reported speech.
var reportVerbs = setOf("said", "says", "added", "adds", "told", "reported", "reports", "noted", "notes", "stated", "states", "announced", "expects", "expected", "also")

// isShouted reports whether s has no lower-case ASCII letters (a wire
// headline).
func isShouted(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// anaphora lets a sentence that reports no deal of its own add to one
// reported before: "Sega has agreed in principle to ...", "the companies
// came to an agreement in principle", "this is a deal centred on
// Microsoft's Azure". The sentence refers to the latest deal whose parties
// include every company it names or, naming none, that it calls "the
// companies", "the agreement" and the like. It can raise the deal's status
// (agreed in principle, completed, terminated, blocked) and add platforms
// owned by a party.
func (c *dealContext) anaphora(s *dsent, ms []dmention) {
	ms = recent(ms)
	if len(ms) == 0 {
		return
	}
	toks := s.toks
	for k := range toks {
		if sentenceHedges[toks[k].w] || negWords[toks[k].w] {
			return
		}
	}
	var last *dmention
	if len(s.ents) > 0 {
		for i := len(ms) - 1; i >= 0 && last == nil; i-- {
			all := true
			for _, e := range s.ents {
				if !hasParty(ms[i].parties, e.name) {
					all = false
					break
				}
			}
			if all {
				last = &ms[i]
			}
		}
	}
	if last == nil {
		for k, t := range toks {
			switch t.w {
			case "companies", "firms", "agreement", "accord", "pact":
				last = &ms[len(ms)-1]
			case "deal", "transaction":
				last = established(ms, "")
			case "merger", "acquisition", "takeover", "alliance", "partnership":
				if k > 0 && (toks[k-1].w == "the" || toks[k-1].w == "this" || toks[k-1].w == "their") {
					last = established(ms, t.w)
				}
			}
		}
	}
	if last == nil {
		return
	}
	// "The regulator had blocked an earlier version of the deal": an
	// event before the one the story reports does not change its status.
	pluperfect := false
	for k := 0; k+1 < len(toks); k++ {
		if toks[k].w == "had" && (blockWords[toks[k+1].w] || termWords[toks[k+1].w]) {
			pluperfect = true
		}
	}
	// "The investment grants X a majority stake": a controlling stake is
	// an acquisition.
	if last.typ == partnergraph.Investment {
		for k, t := range toks {
			if (t.w == "majority" || t.w == "controlling") && k+1 < len(toks) && stakeNouns[toks[k+1].w] {
				last.control = true
			}
		}
	}
	switch st := c.status(toks, 0, len(toks), 0, len(toks), last.typ, "", false); st {
	case partnergraph.AgreedInPrinciple, partnergraph.Completed, partnergraph.Terminated, partnergraph.Blocked:
		if raises(last.status, st) && !(pluperfect && last.status == partnergraph.Completed) {
			last.status = st
		}
	}
	for _, p := range s.platforms {
		if hasParty(last.parties, c.owners[p]) {
			last.platforms = appendUnique(last.platforms, p)
		}
	}
	// "The partnership, which officially started in 2018, involved
	// ...": an expanded tie is one deal with the year it was formed
	// (convention 9).
	if last.typ == partnergraph.Partnership || last.typ == partnergraph.JointVenture {
		if y := formedYear(toks, c.pubYear); y != 0 && (last.year == 0 || y < last.year) {
			last.year, last.explicit = y, true
		}
	}
}

// formedYear returns the year a sentence says a tie started or was
// formed in ("The partnership, which officially started in 2018", "the
// venture was formed in 2015"), or 0; a company formed in a year is no
// tie.
func formedYear(toks []dtok, pubYear int) int {
	for k := 0; k+2 < len(toks); k++ {
		switch toks[k].w {
		case "started", "began", "formed", "launched":
		default:
			continue
		}
		if toks[k+1].w != "in" || len(toks[k+2].w) != 4 || !isNum(toks[k+2].w) {
			continue
		}
		// The tie is what started: "The partnership, which officially
		// started in 2018", not "Zyxo was formed in 2014".
		tie := false
		for q := k - 1; q >= 0 && q >= k-6 && toks[q].ent < 0; q-- {
			switch toks[q].w {
			case "partnership", "alliance", "venture", "collaboration", "relationship", "tie-up":
				tie = true
			}
		}
		if !tie {
			continue
		}
		if y, err := strconv.Atoi(toks[k+2].w); err == nil && y >= 1900 && (pubYear == 0 || y <= pubYear) {
			return y
		}
	}
	return 0
}

// maxRecall bounds the earlier deal mentions a sentence that refers back
// ("the deal", "the companies", "also participated") is matched against,
// so that the work per sentence does not grow with the length of the
// article and extraction stays linear in it. No article of the labelled
// corpus or Reuters-21578 comes near it.
const maxRecall = 256

// recent returns the last maxRecall mentions of ms.
func recent(ms []dmention) []dmention {
	return ms[max(0, len(ms)-maxRecall):]
}

// established returns the deal the story is about, for "the deal" or "the
// merger" in a sentence naming no company: the one reported most often so
// far (the earliest on a tie), of the kind the noun names, if any; else the
// latest deal.
func established(ms []dmention, noun string) *dmention {
	want := partnergraph.DealType("")
	switch noun {
	case "merger":
		want = partnergraph.Merger
	case "acquisition", "takeover":
		want = partnergraph.Acquisition
	case "alliance", "partnership":
		want = partnergraph.Partnership
	}
	count := map[string]int{}
	for _, m := range ms {
		count[dealKey(m.typ, m.parties)]++
	}
	best, n := -1, 0
	for i, m := range ms {
		if want != "" && m.typ != want {
			continue
		}
		if c := count[dealKey(m.typ, m.parties)]; c > n {
			best, n = i, c
		}
	}
	if best < 0 {
		return &ms[len(ms)-1]
	}
	// Update the latest mention of that deal.
	k := dealKey(ms[best].typ, ms[best].parties)
	for i := len(ms) - 1; i >= 0; i-- {
		if dealKey(ms[i].typ, ms[i].parties) == k {
			return &ms[i]
		}
	}
	return &ms[best]
}

// raises reports whether status st is more definite than old and may
// replace it: a deal that was completed was in the end not blocked.
func raises(old, st partnergraph.DealStatus) bool {
	if old == partnergraph.Completed && st == partnergraph.Blocked {
		return false
	}
	return statusRank(st) > statusRank(old)
}

// pairPartnership reads "the two companies will work together" after a
// deal between two companies as a partnership between them.
func (c *dealContext) pairPartnership(s *dsent, ms []dmention) (dmention, bool) {
	if len(ms) == 0 || len(s.ents) > 0 {
		return dmention{}, false
	}
	last := ms[len(ms)-1]
	if len(last.parties) != 2 || last.typ == partnergraph.Partnership {
		return dmention{}, false
	}
	toks := s.toks
	for k := 0; k+1 < len(toks); k++ {
		pair := toks[k].w == "two" && toks[k+1].w == "companies" || toks[k].w == "both" && toks[k+1].w == "companies"
		if !pair {
			continue
		}
		for i := k + 2; i < len(toks) && i < k+8; i++ {
			for _, t := range triggers[toks[i].w] {
				if t.fam != famPartner && t.fam != famTogether {
					continue
				}
				j, ok := t.endAt(toks, i)
				if !ok {
					continue
				}
				m, ok := c.newMention(s, 0, len(toks), i, j, t, partnergraph.Partnership)
				if !ok {
					return dmention{}, false
				}
				m.parties = []dparty{{last.parties[0].name, partnergraph.RolePartner}, {last.parties[1].name, partnergraph.RolePartner}}
				m.conf -= 0.1
				m.rule = "two-companies-together"
				return m, true
			}
		}
	}
	return dmention{}, false
}

// participation reads "X also participated in the Series A round" after a
// funding round was reported as an investment by X in the company that
// raised the round.
func (c *dealContext) participation(s *dsent, ms []dmention) (dmention, bool) {
	ms = recent(ms)
	var last *dmention
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].typ == partnergraph.Investment {
			last = &ms[i]
			break
		}
	}
	if last == nil || len(last.parties) != 2 {
		return dmention{}, false
	}
	toks := s.toks
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].w != "participated" && toks[i].w != "participates" && toks[i].w != "joined" {
			continue
		}
		round := false
		for k := i + 1; k < len(toks) && k < i+7; k++ {
			if w := toks[k].w; w == "round" || w == "funding" || w == "financing" {
				round = true
			}
		}
		sg := subjectGroup(toks, 0, i)
		if !round || len(sg) == 0 || s.ents[sg[0]].name == last.parties[1].name {
			return dmention{}, false
		}
		t := dtrigger{fam: famFunding}
		m, ok := c.newMention(s, 0, len(toks), i, i+1, t, partnergraph.Investment)
		if !ok {
			return dmention{}, false
		}
		m.status = last.status
		m.parties = []dparty{{s.ents[sg[0]].name, partnergraph.RoleInvestor}, {last.parties[1].name, partnergraph.RoleInvestee}}
		m.conf -= 0.1
		m.rule = "joined-the-round"
		return c.finish(s, m, sg[:1]), true
	}
	return dmention{}, false
}

// preferJV drops a partnership that a sentence reports between the same
// companies as a joint venture: "the joint venture, a collaboration between
// X and Y".
func preferJV(ms []dmention) []dmention {
	out := ms[:0]
	for _, m := range ms {
		if m.typ == partnergraph.Partnership && slices.ContainsFunc(ms, func(o dmention) bool {
			return o.typ == partnergraph.JointVenture && o.ti < m.ti && partySet(o.parties) == partySet(m.parties)
		}) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// mayUpdate reports whether a sentence naming no company may still update
// an earlier deal: it speaks of the companies or the agreement and of a
// status. It looks at the text as written (such words are rarely
// capitalised), to stay cheap on the many sentences that name no company.
func mayUpdate(l string) bool {
	if strings.Contains(l, "companies") && (strings.Contains(l, "together") || strings.Contains(l, "partner") || strings.Contains(l, "collaborat")) {
		return true
	}
	// "The partnership, which officially started in 2018, ...": the
	// year a tie told just before was formed.
	if (strings.Contains(l, "partnership") || strings.Contains(l, "alliance") || strings.Contains(l, "joint venture")) &&
		(strings.Contains(l, "started") || strings.Contains(l, "began") || strings.Contains(l, "formed") || strings.Contains(l, "launched")) && strings.Contains(l, " in ") {
		return true
	}
	// "The two firms signed a Memorandum of Understanding": the deal
	// just told is agreed in principle.
	if (strings.Contains(l, "firms") || strings.Contains(l, "compan")) && (strings.Contains(l, "emorandum of") || strings.Contains(l, " MoU") || strings.Contains(l, " MOU")) {
		return true
	}
	return (strings.Contains(l, "compan") || strings.Contains(l, "agreement") || strings.Contains(l, "deal") || strings.Contains(l, "merger") || strings.Contains(l, "acquisition") || strings.Contains(l, "takeover")) &&
		(strings.Contains(l, "principle") || strings.Contains(l, "intent") || strings.Contains(l, "complete") || strings.Contains(l, "terminat") || strings.Contains(l, "off") || strings.Contains(l, "block") || strings.Contains(l, "closed"))
}

func hasParty(ps []dparty, name string) bool {
	for _, p := range ps {
		if p.name == name {
			return true
		}
	}
	return false
}

// statusRank orders the statuses a single article can give a deal when it
// mentions it several times: the most definite wins.
func statusRank(s partnergraph.DealStatus) int {
	switch s {
	case partnergraph.Blocked:
		return 6
	case partnergraph.Terminated:
		return 5
	case partnergraph.Completed:
		return 4
	case partnergraph.AgreedInPrinciple:
		return 3
	case partnergraph.Proposed:
		return 2
	case partnergraph.Announced:
		return 1
	}
	return 0
}

// datelineWords introduce a page's date line.
var datelineWords = setOf("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "published", "updated", "posted", "modified", "last",
	// A press release's wire service: "(BUSINESS WIRE)–July 31, 2019–".
	"wire", "newswire", "prnewswire", "accesswire")

// datelineYear finds the year of a date written near the start of an
// undated article ("Mon 25 Sep 2023", "Updated September 25, 2023", a
// press release's "(BUSINESS WIRE)–July 31, 2019–"): the page's own
// dateline. It returns 0 when there is none.
func datelineYear(text string) int {
	head := text[:min(len(text), 2000)]
	for i := 0; i+4 <= len(head); i++ {
		if head[i] != '1' && head[i] != '2' || i > 0 && isASCIIAlnum(head[i-1]) || i+4 < len(head) && isASCIIAlnum(head[i+4]) {
			continue
		}
		y, err := strconv.Atoi(head[i : i+4])
		if err != nil || y < 1950 || y > 2100 {
			continue
		}
		// A dateline: a month name just before, and a weekday or a word
		// such as "published" before that ("Mon 25 Sep 2023", "Updated
		// Sep 25, 2023"); a year in the story's prose is not a dateline.
		month, day := false, false
		sep := func(r rune) bool {
			switch r {
			case ' ', '\n', '\t', ',', '.', ':', '|', '(', ')', '–', '—':
				return true
			}
			return false
		}
		for _, w := range strings.FieldsFunc(head[max(0, i-14):i], sep) {
			month = month || monthNames[lowerASCII(w)]
		}
		for _, w := range strings.FieldsFunc(head[max(0, i-40):i], sep) {
			day = day || datelineWords[lowerASCII(w)]
		}
		if month && day {
			return y
		}
	}
	return 0
}

func yearOf(date string) int {
	if len(date) < 4 {
		return 0
	}
	y, err := strconv.Atoi(date[:4])
	if err != nil {
		return 0
	}
	return y
}

// entitiesOf lists the companies and platforms of the mentions once each,
// with the other spellings as aliases.
func entitiesOf(ms []EntityMention) ([]ExtractedCompany, []ExtractedPlatform) {
	var cs []ExtractedCompany
	var ps []ExtractedPlatform
	ci, pi := map[string]int{}, map[string]int{}
	for _, m := range ms {
		if m.Kind == partnergraph.MentionCompany {
			i, ok := ci[m.Name]
			if !ok {
				i = len(cs)
				ci[m.Name] = i
				cs = append(cs, ExtractedCompany{Name: m.Name})
			}
			if m.Surface != "" && m.Surface != m.Name && !slices.Contains(cs[i].Aliases, m.Surface) {
				cs[i].Aliases = append(cs[i].Aliases, m.Surface)
			}
			continue
		}
		i, ok := pi[m.Name]
		if !ok {
			i = len(ps)
			pi[m.Name] = i
			ps = append(ps, ExtractedPlatform{Name: m.Name, Owner: m.Owner, Kind: m.PlatformKind})
		}
		if ps[i].Owner == "" {
			ps[i].Owner = m.Owner
		}
		if m.Surface != "" && m.Surface != m.Name && !slices.Contains(ps[i].Aliases, m.Surface) {
			ps[i].Aliases = append(ps[i].Aliases, m.Surface)
		}
	}
	return cs, ps
}

// addParties makes sure every deal party is listed as a company: a cloud
// division standing in for its owner adds the owner, with the division's
// name as an alias.
func addParties(cs []ExtractedCompany, ds []ExtractedDeal, ms []EntityMention) []ExtractedCompany {
	listed := make(map[string]bool, len(cs)) // a set, not a scan per party: long articles stay linear
	for _, c := range cs {
		listed[c.Name] = true
	}
	for _, d := range ds {
		for _, p := range d.Parties {
			if listed[p.Name] {
				continue
			}
			listed[p.Name] = true
			c := ExtractedCompany{Name: p.Name}
			for _, m := range ms {
				if m.Kind == partnergraph.MentionPlatform && m.Owner == p.Name && !slices.Contains(c.Aliases, m.Name) && m.Name != p.Name {
					c.Aliases = append(c.Aliases, m.Name)
				}
			}
			cs = append(cs, c)
		}
	}
	return cs
}

// dropShortNames drops a mention that another mention of the same
// sentence and type repeats with a longer name for one party, the rest
// the same ("led by Zyxo Growth Equity" read by one rule as Zyxo, by
// another whole).
func dropShortNames(ms []dmention) []dmention {
	longer := func(a, b dmention) bool { // b names a party of a more fully
		if a.sb != b.sb || a.typ != b.typ || len(a.parties) != len(b.parties) {
			return false
		}
		diff := 0
		for i, p := range a.parties {
			q := b.parties[i].name
			switch {
			case p.name == q:
			case strings.HasPrefix(q, p.name+" "):
				diff++
			default:
				return false
			}
		}
		return diff == 1
	}
	bySentence := map[int][]int{}
	for i, m := range ms {
		bySentence[m.sb] = append(bySentence[m.sb], i)
	}
	drop := make([]bool, len(ms))
	for _, idx := range bySentence {
		for _, i := range idx {
			drop[i] = slices.ContainsFunc(idx, func(j int) bool { return longer(ms[i], ms[j]) })
		}
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// dealKey identifies a deal within an article: its type and party names.
func dealKey(t partnergraph.DealType, ps []dparty) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.name
	}
	slices.Sort(names)
	return string(t) + "|" + strings.Join(names, "|")
}

func partySet(ps []dparty) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.name
	}
	slices.Sort(names)
	return strings.Join(names, "|")
}

// mergeMentions turns the deal mentions of one article into its deals: one
// per type and party set, evidence from the first mention (the first after the headline), the most definite
// status, the earliest stated year (else the publication year), the union of
// platforms. A merger between firms the article also reports one buying the
// other is that acquisition, unless the merger itself failed.
func mergeMentions(text string, ms []dmention, pubYear int) ([]ExtractedDeal, [][]dmention) {
	ms = dropShortNames(ms)
	control := map[string]bool{}
	for _, m := range ms {
		if m.control {
			control[partySet(m.parties)] = true
		}
	}
	for i := range ms {
		if ms[i].typ == partnergraph.Investment && control[partySet(ms[i].parties)] {
			ms[i].typ = partnergraph.Acquisition
			ms[i].parties = []dparty{{ms[i].parties[0].name, partnergraph.RoleBuyer}, {ms[i].parties[1].name, partnergraph.RoleTarget}}
		}
	}
	type agg struct {
		m        dmention
		all      []dmention // every mention merged into this deal
		n        int
		explicit bool
		// leadDated: the first mention is a sentence of the story (not
		// the headline) that gives no year of its own, so it dates the
		// deal by the article.
		leadDated bool
	}
	var order []string
	byKey := map[string]*agg{}
	for _, m := range ms {
		k := dealKey(m.typ, m.parties)
		a, ok := byKey[k]
		if !ok {
			a = &agg{m: m, all: []dmention{m}, n: 1, explicit: m.explicit, leadDated: !m.explicit && m.sb > 0}
			if !m.explicit {
				a.m.year = 0
			}
			byKey[k] = a
			order = append(order, k)
			continue
		}
		a.n++
		a.all = append(a.all, m)
		// The headline states a deal least fully: the first sentence of
		// the story is the better evidence.
		if a.m.sb == 0 && m.sb > 0 {
			a.m.sb, a.m.se = m.sb, m.se
			a.leadDated = !m.explicit && !a.explicit
		}
		if raises(a.m.status, m.status) {
			a.m.status = m.status
		}
		// One relationship takes the year it was formed ("they first
		// partnered in 2015"); but stakes change hands over time, and an
		// investment the story reports as news keeps the article's year
		// ("has 7.2 pct of Y ... had cut its stake to 1.8 pct last July").
		if m.explicit && (a.m.year == 0 || m.year < a.m.year) && !(m.typ == partnergraph.Investment && a.leadDated) {
			a.m.year = m.year
			a.explicit = true
		}
		for _, p := range m.platforms {
			a.m.platforms = appendUnique(a.m.platforms, p)
		}
		if a.m.value == nil && m.value != nil {
			a.m.value, a.m.currency = m.value, m.currency
		}
		a.m.conf = max(a.m.conf, m.conf)
	}
	acquired := map[string]bool{}
	for _, k := range order {
		if a := byKey[k]; a.m.typ == partnergraph.Acquisition {
			acquired[partySet(a.m.parties)] = true
		}
	}
	// A deal read only from an all-capitals headline is dropped when the
	// story reports a deal of the same type with one of its parties, or a
	// deal of another type between the same parties: the headline sums up
	// that deal, often under shorter names ("CHRYSLER TO BUY AMC" over
	// "Chrysler Corp ... Allied Motors Corp") or looser words ("TO SELL
	// TANKERS TO" over a supply deal).
	headlineOnly := func(m dmention) bool {
		return m.sb == 0 && isShouted(text[m.sb:m.se])
	}
	restated := func(m dmention) bool {
		for _, k := range order {
			o := byKey[k].m
			if headlineOnly(o) {
				continue
			}
			if partySet(o.parties) == partySet(m.parties) && o.typ != m.typ {
				return true // the story tells what kind of deal it is
			}
			if o.typ != m.typ || partySet(o.parties) == partySet(m.parties) {
				continue
			}
			for _, p := range m.parties {
				if hasParty(o.parties, p.name) {
					return true
				}
			}
		}
		return false
	}
	var out []ExtractedDeal
	var from [][]dmention
	for _, k := range order {
		a := byKey[k]
		m := a.m
		if m.typ == partnergraph.Merger && acquired[partySet(m.parties)] && m.status != partnergraph.Terminated && m.status != partnergraph.Blocked {
			continue
		}
		if headlineOnly(m) && restated(m) {
			continue
		}
		if !a.explicit {
			m.year = pubYear
		}
		if m.status == "" {
			m.status = partnergraph.Announced
		}
		d := ExtractedDeal{
			Type:       m.typ,
			Platforms:  m.platforms,
			Year:       m.year,
			Status:     m.status,
			Value:      m.value,
			Currency:   m.currency,
			Sentence:   strings.TrimSpace(text[m.sb:m.se]),
			Confidence: min(0.95, m.conf+0.05*float64(a.n-1)),
		}
		lead := len(text[m.sb:m.se]) - len(strings.TrimLeft(text[m.sb:m.se], " \t\r\n"))
		d.Start = m.sb + lead
		d.End = d.Start + len(d.Sentence)
		for _, p := range m.parties {
			d.Parties = append(d.Parties, ExtractedParty{Name: p.name, Role: p.role})
		}
		for _, x := range a.all {
			d.Rules = appendUnique(d.Rules, x.rule)
		}
		slices.Sort(d.Rules)
		out = append(out, d)
		from = append(from, a.all)
	}
	return out, from
}

// otherInvestee reports whether ms hold an investment whose investee is
// neither raiser nor the article's publisher ("the company tells
// VentureBeat that it raised", which no deal keeps).
func otherInvestee(ms []dmention, raiser string, publisher func(string) bool) bool {
	for _, m := range ms {
		if m.typ != partnergraph.Investment {
			continue
		}
		for _, p := range m.parties {
			if p.role == partnergraph.RoleInvestee && p.name != raiser && !publisher(p.name) {
				return true
			}
		}
	}
	return false
}
