package loader

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Ownership, rename and abbreviation statements. Articles say who owns
// whom ("Harbex-owned Quillon", "Orbital, a subsidiary of Harbex",
// "Quillon Games, the parent of Orla Studios"), what a company used
// to be called ("Velmora, formerly Harbex Media", "HV (formerly Harbex
// Ventures)") and how they shorten its name ("Orla & Northern Gas
// Corp (ONGC)"). The resolve stage turns the first into ownership in the graph
// and keeps parent and unit apart, the second into a former name, which
// joins the company under its new name, and the third into an alias, which
// joins the company named by it. The rules are named patterns over the cleaned text with
// their examples and counter-examples (ownership_test.go runs them); a
// statement counts only when the names it joins are companies the article
// names (a former name may be one it names nowhere else).

// relationKind says what a statement states.
type relationKind int

const (
	// owns: the first company owns the second.
	owns relationKind = iota
	// renamed: the first company was formerly called the second.
	renamed
	// abbreviated: the first company is also called the second, its
	// initials or clipped form in brackets ("Arden Micro Devices
	// (AMD)").
	abbreviated
)

// relationRule is one pattern of statement. Its regexp has the groups a
// and b, in text order; aFirst says whether a is the parent (the new name)
// or the child (the former name).
type relationRule struct {
	name string
	kind relationKind
	// cues are strings every match contains: only the text around them
	// is searched.
	cues []string
	re   *regexp.Regexp
	// aFirst: group a is the parent, or the new name; else group b is.
	aFirst bool
	// examples are sentences the rule finds, with the two names it
	// finds in the order (parent or new name, child or former name).
	examples [][3]string
	// counter are sentences it must find nothing in, for the companies of
	// the examples.
	counter []string
	// check, when set, must accept the two names (in the order of
	// examples) for a match to be a statement.
	check func(first, second string) bool
}

// namePattern matches a capitalised name of up to seven words ("Advanced
// Micro Devices", "Bank of America", "Amazon.com"); the statement checks
// which part of it is a company the article names.
const namePattern = `[A-Z0-9][\w.&-]*(?: (?:[A-Z0-9][\w.&-]*|of|and|&|de)){0,6}`

// rel builds a rule's regexp from a template in which A and B stand for
// the two names.
func rel(template string) *regexp.Regexp {
	t := strings.ReplaceAll(template, "A", "(?P<a>"+namePattern+")")
	t = strings.ReplaceAll(t, "B", "(?P<b>"+namePattern+")")
	return regexp.MustCompile(t)
}

// relationRules are the statement patterns. Lower-case words between the
// names keep them apart from the names themselves.
var relationRules = []relationRule{
	{
		name: "owned-adjective", cues: []string{"-owned"}, kind: owns, aFirst: true,
		re:       rel(`A-owned B`),
		examples: [][3]string{{"Other clients include Harbex-owned Quillon and Orbital.", "Harbex", "Quillon"}},
		counter:  []string{"It is a state-owned Quillon rival."},
	},
	{
		name: "owned-by", cues: []string{"owned by"}, kind: owns, aFirst: false,
		re: rel(`A,? \(?(?:which is |also |now |is |a )?(?:wholly |majority |partly )?owned by B`),
		examples: [][3]string{
			{"Quillon, owned by Harbex, has honed its recommendations.", "Harbex", "Quillon"},
			{"Velmora (also owned by Zyxo) works the same way.", "Zyxo", "Velmora"},
		},
		counter: []string{"Harbex owned by its founders is a myth."},
	},
	{
		name: "unit-of", cues: []string{"subsidiary of", "unit of", "division of", "arm of"}, kind: owns, aFirst: false,
		re: rel(`A,? \(?(?:a|an|the) (?:[a-z-]+ ){0,3}(?:subsidiary|unit|division|arm) of B`),
		examples: [][3]string{
			{"Orbital, a subsidiary of Harbex, built the model.", "Harbex", "Orbital"},
			{"Brightline (a wholly owned subsidiary of Kestrel Security) said so.", "Kestrel Security", "Brightline"},
			{"HV, the venture capital arm of Orla Holdings, led the round.", "Orla Holdings", "HV"},
		},
		counter: []string{"Orbital, a partner of Harbex, built the model."},
	},
	{
		name: "parent-unit", cues: []string{"subsidiary ", "unit ", "division ", "arm "}, kind: owns, aFirst: true,
		re: rel(`A (?:[a-z-]+ ){0,2}(?:subsidiary|unit|division|arm) B`),
		examples: [][3]string{
			{"Back then Harbex subsidiary Orbital played Pong.", "Harbex", "Orbital"},
			{"It was funded by Orla Holdings investment arm HV and others.", "Orla Holdings", "HV"},
		},
		counter: []string{"Harbex and Orbital played Pong."},
	},
	{
		name: "possessive-unit", cues: []string{"subsidiary", "unit", "division", "arm"}, kind: owns, aFirst: true,
		re: rel(`A's (?:[a-z-]+ ){0,3}(?:subsidiary|unit|division|arm),? B`),
		examples: [][3]string{
			{"It raised money from Harbex's venture capital arm HV last year.", "Harbex", "HV"},
			{"Marlow's unit Linkora reported growth.", "Marlow", "Linkora"},
		},
		counter: []string{"Marlow's rival Linkora reported growth."},
	},
	{
		name: "appositive-possessive-unit", cues: []string{"subsidiary", "unit", "division", "arm"}, kind: owns, aFirst: false,
		re: rel(`A, B's (?:[a-z-]+ ){0,3}(?:subsidiary|unit|division|arm)\b`),
		examples: [][3]string{
			{"The round was led by HV, Harbex's venture capital arm, with others.", "Harbex", "HV"},
		},
		counter: []string{"The round was led by HV, Harbex's partner, with others."},
	},
	{
		name: "parent-of", cues: []string{"parent"}, kind: owns, aFirst: true,
		re: rel(`A,? \(?(?:the |a )?parent(?: company)? of B`),
		examples: [][3]string{
			{"Marlow completed its acquisition of Quillon Games, the parent of Orla Studios, on Tuesday.", "Quillon Games", "Orla Studios"},
		},
		counter: []string{"Quillon Games, the partner of Orla Studios, said so."},
	},
	{
		name: "child-parent", cues: []string{"parent", "owner"}, kind: owns, aFirst: false,
		re: rel(`A(?:'s)? (?:parent|owner)(?: company)?,? B`),
		examples: [][3]string{
			{"Harbex parent company Orla Holdings reported revenue.", "Orla Holdings", "Harbex"},
			{"Marlow closes purchase of Orla owner Quillon.", "Quillon", "Orla"},
		},
		counter: []string{"Harbex and Orla Holdings reported revenue."},
	},
	{
		name: "appositive-parent", cues: []string{"parent"}, kind: owns, aFirst: true,
		re: rel(`A, B's parent(?: company)?\b`),
		examples: [][3]string{
			{"Orla Holdings, Harbex's parent company, reported revenue.", "Orla Holdings", "Harbex"},
		},
	},
	{
		name: "formerly", cues: []string{"formerly", "previously"}, kind: renamed, aFirst: true,
		re: rel(`A,? (?:\(|- )?(?:the company |which was )?(?:formerly|previously)(?: known as| called)? B`),
		examples: [][3]string{
			{"Meridia, the company formerly known as Zyxo, has become a voice.", "Meridia", "Zyxo"},
			{"The round was led by HV (formerly Harbex Ventures), with others.", "HV", "Harbex Ventures"},
			{"A round led by Q12, formerly Marlow Ventures, closed.", "Q12", "Marlow Ventures"},
		},
		counter: []string{"Jane Morrow, formerly of Kestrel, joined Harbex.", "Marlow, formerly a rival, joined."},
	},
	{
		name: "now-called", cues: []string{", now", "(now"}, kind: renamed, aFirst: false,
		re: rel(`A(?:,| \() ?now(?: known as| called)? B`),
		examples: [][3]string{
			{"It began at Zyxo (now Meridia) in 2016.", "Meridia", "Zyxo"},
		},
		counter: []string{"Tessaly, now Marlow's, is bigger."},
	},
	{
		name: "renamed-itself", cues: []string{"renamed", "changed its name", "rebranded"}, kind: renamed, aFirst: false,
		re: rel(`A (?:renamed itself|changed its name to|rebranded (?:itself )?as|was renamed) B`),
		examples: [][3]string{
			{"In 2018 Brindle Labs rebranded as Northway and pivoted.", "Northway", "Brindle Labs"},
		},
	},
	{
		name: "abbreviation", cues: []string{" ("}, kind: abbreviated, aFirst: true, check: isAbbreviation,
		re: rel(`A \(B\)`),
		examples: [][3]string{
			{"Its biggest explorer, Orla & Northern Gas Corp (ONGC), is in talks.", "Orla & Northern Gas Corp", "ONGC"},
			{"Chipmaker Arden Micro Devices (AMD) rose.", "Arden Micro Devices", "AMD"},
			{"The brewer Selwyn & Norcross (S&N) bought a stake.", "Selwyn & Norcross", "S&N"},
			{"It sold its unit Vorkutaneftegas (Vorkuta) last month.", "Vorkutaneftegas", "Vorkuta"},
		},
		counter: []string{
			"Shares of Velmora (VLMR) rose.",                     // a ticker, not its initials
			"Orla Partners (OPV and others) led the round.",      // not initials alone
			"Zyxo Web Services (and ZWS Marketplace) grew.",      // an aside
			"Kestrel Interactive Entertainment (Japan) said so.", // a place
			"Kestrel First Bank (KFB's parent) said so.",         // a possessive
			"Orbit (Orbitsat) said so.",                          // longer, not clipped
			"Vorkutaneft (Vor) said so.",                         // too short a clip
			"Tessel Finance Group (Tessel) said so.",             // a word of the name
		},
	},
}

// isAbbreviation reports whether abbr, which an article puts in brackets
// after name, is a short form of it that names it alone: its initials
// ([isInitials]) or, for a one-word name, its first letters, four or more
// and fewer than the name's ("Vorkuta" of "Vorkutaneftegas"). A word of
// the name ("Tessel" of "Tessel Finance Group") is no such form: two
// companies may share it.
func isAbbreviation(name, abbr string) bool {
	if isInitials(name, abbr) {
		return true
	}
	if strings.ContainsAny(name, " -") || strings.ContainsAny(abbr, " -&.") || len(abbr) < 4 || len(abbr) >= len(name) {
		return false
	}
	return strings.HasPrefix(strings.ToLower(name), strings.ToLower(abbr)) && abbr[0] >= 'A' && abbr[0] <= 'Z'
}

// connectives are the words of a name its initials leave out.
var connectives = map[string]bool{"and": true, "&": true, "of": true, "the": true, "de": true, "for": true}

// isInitials reports whether abbr, in capitals (two to six, "&" and "."
// aside), is the initials of the words of name, connectives aside, with
// or without its legal suffixes: "ONGC" of "Oil & Natural Gas Corp", "KFB"
// of "Korea First Bank", "S&N" of "Scottish & Newcastle".
func isInitials(name, abbr string) bool {
	letters := strings.NewReplacer("&", "", ".", "").Replace(abbr)
	if len(letters) < 2 || len(letters) > 6 || strings.ToUpper(letters) != letters {
		return false
	}
	var initials []byte
	var suffix int // how many of the last initials are legal suffixes
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		lw := strings.ToLower(strings.TrimRight(w, "."))
		if connectives[lw] {
			continue
		}
		if c := w[0]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
		initials = append(initials, w[0])
		// A legal suffix is what a company key leaves out of a name.
		if partnergraph.CompanyKey("x "+lw) == "x" {
			suffix++
		} else {
			suffix = 0
		}
	}
	if len(initials) < 2 {
		return false
	}
	return string(initials) == letters || suffix > 0 && string(initials[:len(initials)-suffix]) == letters
}

// reach is how far before a cue the first name of a statement may end,
// and how far after it the statement may run, in bytes.
const (
	reachBefore = 48
	reachAfter  = 120
)

// relation is one statement: For owns, Parent owns Child; for renamed,
// Parent is the new name and Child the former one. Each is a spelling the
// article uses (a former name may be any capitalised name).
type relation struct {
	kind          relationKind
	rule          string
	parent, child string
	start         int // byte offset of the statement in the text
}

// findRelations returns the ownership and rename statements of text about
// the companies whose spellings are known (spelling → canonical name).
// Each rule is tried only where one of its cues follows closely on a known
// spelling (and, for ownership, with a second one nearby).
func findRelations(text string, known map[string]string) []relation {
	if len(known) == 0 {
		return nil
	}
	var occ [][2]int // known spellings in text, by start
	hits := map[string][]int{}
	var out []relation
	for _, r := range relationRules {
		ai, bi := r.re.SubexpIndex("a"), r.re.SubexpIndex("b")
		seen := map[int]bool{}
		for _, cue := range r.cues {
			at, ok := hits[cue]
			if !ok {
				at = cueHits(text, cue)
				hits[cue] = at
			}
			for _, at := range at {
				if occ == nil {
					occ = spellingsIn(text, known)
				}
				lo, near := -1, 0
				for _, o := range occ {
					if o[1] >= at-reachBefore && o[1] <= at && lo < 0 {
						lo = o[0]
					}
					if o[1] >= at-2*reachBefore && o[0] <= at+len(cue)+reachBefore {
						near++
					}
				}
				if lo < 0 || r.kind == owns && near < 2 {
					continue
				}
				hi := min(len(text), at+len(cue)+reachAfter)
				for _, m := range r.re.FindAllStringSubmatchIndex(text[lo:hi], -1) {
					if lo+m[0] > at || lo+m[1] < at+len(cue) || seen[lo+m[0]] {
						continue
					}
					seen[lo+m[0]] = true
					if st, ok := statement(r, text, lo, m, ai, bi, known); ok {
						out = append(out, st)
					}
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b relation) int { return cmp.Compare(a.start, b.start) })
	return out
}

// cueHits returns the offsets of cue in text, except inside a word
// ("farm ", "community").
func cueHits(text, cue string) []int {
	out := []int{}
	for from := 0; ; {
		i := strings.Index(text[from:], cue)
		if i < 0 {
			return out
		}
		at := from + i
		from = at + len(cue)
		if at == 0 || !isWordByte(cue[0]) || !isWordByte(text[at-1]) {
			out = append(out, at)
		}
	}
}

// spellingsIn returns the spans of the known spellings in text at word
// boundaries, by start.
func spellingsIn(text string, known map[string]string) [][2]int {
	out := [][2]int{}
	for s := range known {
		for from := 0; from < len(text); {
			i := wordIndex(text[from:], s)
			if i < 0 {
				break
			}
			out = append(out, [2]int{from + i, from + i + len(s)})
			from += i + len(s)
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return out
}

// statement checks one match m of rule r in text[lo:] and returns the
// statement it makes.
func statement(r relationRule, text string, lo int, m []int, ai, bi int, known map[string]string) (relation, bool) {
	a, b := text[lo+m[2*ai]:lo+m[2*ai+1]], text[lo+m[2*bi]:lo+m[2*bi+1]]
	// The first name ends at the cue: its known part is a suffix; the
	// second starts after it: a prefix, which may be a former name the
	// article gives nowhere else.
	first := knownSuffix(a, known)
	second, secondKnown := knownPrefix(b, known)
	if first == "" || second == "" || (r.kind == owns || !r.aFirst) && !secondKnown {
		return relation{}, false
	}
	if end := lo + m[2*bi] + len(second); r.kind == renamed && strings.HasPrefix(text[end:], "'s") {
		return relation{}, false // "now Marlow's": a possessive, not a name
	}
	if r.check != nil && !r.check(first, second) {
		return relation{}, false
	}
	st := relation{kind: r.kind, rule: r.name, parent: first, child: second, start: lo + m[0]}
	if !r.aFirst {
		st.parent, st.child = second, first
	}
	return st, true
}

// knownSuffix returns the longest run of last words of phrase that is a
// known spelling, or "".
func knownSuffix(phrase string, known map[string]string) string {
	words := strings.Fields(phrase)
	for i := range words {
		if s := strings.TrimRight(strings.Join(words[i:], " "), "."); known[s] != "" {
			return s
		}
	}
	return ""
}

// knownPrefix returns the longest run of first words of phrase that is a
// known spelling and true, or, when none is, the phrase itself if it is a
// plausible name (at most four capitalised words) and false.
func knownPrefix(phrase string, known map[string]string) (string, bool) {
	words := strings.Fields(phrase)
	for i := len(words); i > 0; i-- {
		if s := strings.TrimRight(strings.Join(words[:i], " "), "."); known[s] != "" {
			return s, true
		}
	}
	if len(words) == 0 || len(words) > 4 {
		return "", false
	}
	for _, w := range words {
		if w[0] < 'A' || w[0] > 'Z' {
			return "", false
		}
	}
	return strings.TrimRight(phrase, "."), false
}
