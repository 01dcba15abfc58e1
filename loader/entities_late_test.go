package loader

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
)

// TestLateDrops: a mention that is only a legal form ("Inc" cut off
// "Harbex Labs, Inc." by a recogniser), or a tagger's name that opens a
// place the gazetteer knows ("New" of "New York"), is dropped; the other
// names stay.
func TestLateDrops(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	mention := func(text, name string) candidate {
		i := strings.Index(text, name)
		return candidate{s: i, e: i + len(name), kind: partnergraph.MentionCompany, name: name, source: "tagger"}
	}
	for _, tc := range []struct{ text, drop, keep string }{
		{"Zyxo bought Harbex Labs, Inc. last year.", "Inc", "Harbex Labs"},
		{"A group led by New York investor Jane Doe cut its stake in Zyxo.", "New", "Zyxo"},
		// Terms of technology, regulation and measure the late list holds.
		{"Zyxo writes its tools in Python and sells them to banks.", "Python", "Zyxo"},
		{"Zyxo helps banks meet HIPAA rules.", "HIPAA", "Zyxo"},
		{"Zyxo licenses the IP of its games to studios.", "IP", "Zyxo"},
		// Shapes of no name: one character, a number with a unit.
		{"Harbex Language I/O raised money from Zyxo.", "O", "Zyxo"},
		{"Zyxo ships a 512GB drive.", "512GB", "Zyxo"},
		{"Zyxo sells 8K screens.", "8K", "Zyxo"},
	} {
		got := r.dropLateNonCompanies(tc.text, []candidate{mention(tc.text, tc.keep), mention(tc.text, tc.drop)})
		if len(got) != 1 || got[0].name != tc.keep {
			t.Errorf("%q: kept %+v, want only %s", tc.text, got, tc.keep)
		}
	}
	// Counter-examples: names of companies that look like the shapes, and
	// a short form the article defines after a company's name.
	for _, tc := range []struct{ text, before, keep string }{
		{"Zyxo bought a stake in 3M last year.", "Zyxo", "3M"},
		{"Zyxo bought a stake in 8VC last year.", "Zyxo", "8VC"},
		{"Harbex Paper Co <IP> said IP will sell pulp to Zyxo.", "Harbex Paper Co", "IP"},
		{"Harbex Paper (IP) said IP will sell pulp to Zyxo.", "Harbex Paper", "IP"},
	} {
		later := mention(tc.text[len(tc.before):], tc.keep) // the first mention after the name
		later.s, later.e = later.s+len(tc.before), later.e+len(tc.before)
		got := r.dropLateNonCompanies(tc.text, []candidate{mention(tc.text, tc.before), later})
		if len(got) != 2 {
			t.Errorf("%q: kept %+v, want %s and %s", tc.text, got, tc.before, tc.keep)
		}
	}
	// "venture capital (VC)": a term the article defines names no company.
	text := "Zyxo took money from a venture capital (VC) fund."
	if got := r.dropLateNonCompanies(text, []candidate{mention(text, "Zyxo"), mention(text, "VC")}); len(got) != 1 {
		t.Errorf("%q: kept %+v, want only Zyxo", text, got)
	}
}

// TestTitleFullNames: a word the tagger cut from a name that the
// headline and the text write whole becomes the whole name; a headline
// run the text never writes changes nothing, and a known company stays
// as it is.
func TestTitleFullNames(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	cut := func(tx *Text, word string) []candidate {
		for k, tok := range tx.toks {
			if tx.Src[tok.s:tok.e] == word {
				return []candidate{{ti: k, tj: k + 1, s: tok.s, e: tok.e, kind: partnergraph.MentionCompany, name: word, source: "tagger"}}
			}
		}
		t.Fatalf("no %q in %q", word, tx.Src)
		return nil
	}
	for _, tc := range []struct{ title, text, word, want string }{
		{"How Modern Tessly uses clouds to keep data", "Modern Tessly will announce its purchase of Orvane next week.", "Tessly", "Modern Tessly"},
		{"Why Tessly won the contest", "Tessly will announce its purchase of Orvane next week.", "Tessly", "Tessly"},
		{"Microsoft Azure gains a rival", "Microsoft Azure will host the games, Microsoft said.", "Microsoft", "Microsoft"},
		{"Tessly's Orvane platform grows", "Tessly's Orvane platform grew fast.", "Orvane", "Orvane"},
	} {
		tx := NewText(tc.text)
		tx.Title = tc.title
		picked := cut(tx, tc.word)
		r.titleFullNames(tx, picked)
		if picked[0].name != tc.want || tx.Src[picked[0].s:picked[0].e] != tc.want {
			t.Errorf("%q over %q: %q at %q, want %q", tc.title, tc.text, picked[0].name, tx.Src[picked[0].s:picked[0].e], tc.want)
		}
	}
}

// TestDesignatorNames: a designator the tagger took alone ("Security" of
// "Orla Security") takes in the capitalised word before it, and is
// dropped where none names it ("Cloud Security": an everyday word;
// "Labs" opening a line; a name found before it stays its own).
func TestDesignatorNames(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	for _, tc := range []struct{ text, word, want string }{
		{"The round drew Jane Doe, former CTO of Orla Security, and others.", "Security", "Orla Security"},
		{"Zyxo sells Cloud Security tools to banks.", "Security", ""},
		{"Labs across the country closed.", "Labs", ""},
		{"Zyxo bought a stake in Orla Labs last year.", "Labs", "Orla Labs"},
	} {
		tx := NewText(tc.text)
		var picked []candidate
		for k, tok := range tx.toks {
			if tx.Src[tok.s:tok.e] == tc.word {
				picked = append(picked, candidate{ti: k, tj: k + 1, s: tok.s, e: tok.e, kind: partnergraph.MentionCompany, name: tc.word, source: "tagger"})
			}
		}
		got := r.designatorNames(tx.Src, tx.toks, picked)
		switch {
		case tc.want == "" && len(got) != 0:
			t.Errorf("%q: kept %+v, want it dropped", tc.text, got)
		case tc.want != "" && (len(got) != 1 || got[0].name != tc.want || tx.Src[got[0].s:got[0].e] != tc.want):
			t.Errorf("%q: got %+v, want %q", tc.text, got, tc.want)
		}
	}
	// A name found before the designator is not swallowed: "Orla" is a
	// mention of its own, so "Labs" alone names nothing.
	tx := NewText("Orla Labs said so.")
	picked := []candidate{
		{ti: 0, tj: 1, s: 0, e: 4, kind: partnergraph.MentionCompany, name: "Orla", source: "gazetteer"},
		{ti: 1, tj: 2, s: 5, e: 9, kind: partnergraph.MentionCompany, name: "Labs", source: "tagger"},
	}
	if got := r.designatorNames(tx.Src, tx.toks, picked); len(got) != 1 || got[0].name != "Orla" {
		t.Errorf("%q: got %+v, want only Orla", tx.Src, got)
	}
}

// TestTrimSums: a price joined to a name by "for" or "at" is cut off;
// a name whose "for" goes on with a word keeps it.
func TestTrimSums(t *testing.T) {
	for _, tc := range []struct{ text, name, want string }{
		{"It sold a stake to Italian bank Orla for 775m euros.", "Orla for 775m", "Orla"},
		{"It sold a stake to Orla Bank at $12 a share.", "Orla Bank at $", "Orla Bank"},
		{"The Harbex Bank for International Settlements said so.", "Harbex Bank for International Settlements", "Harbex Bank for International Settlements"},
	} {
		tx := NewText(tc.text)
		i := strings.Index(tx.Src, tc.name)
		var c candidate
		for k, tok := range tx.toks {
			if tok.s == i {
				c.ti, c.s = k, tok.s
			}
			if tok.e <= i+len(tc.name) {
				c.tj, c.e = k+1, tok.e
			}
		}
		c.kind, c.name = partnergraph.MentionCompany, tc.name
		picked := []candidate{c}
		trimSums(tx.Src, tx.toks, picked)
		if picked[0].name != tc.want || tx.Src[picked[0].s:picked[0].e] != tc.want {
			t.Errorf("%q: %q at %q, want %q", tc.text, picked[0].name, tx.Src[picked[0].s:picked[0].e], tc.want)
		}
	}
}

// TestUnitNames: a known company's name followed by a designator of a
// trade names a business of its own ("Keyence Airlines", an airline the
// gazetteer's Keyence is not); a longer name or no designator leaves the
// known name as it is.
func TestUnitNames(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	r := NewEntityRecognizer(g)
	for _, tc := range []struct{ text, want, not string }{
		{"Meanwhile, the group's budget airline, Keyence Airlines, is to buy ten jets from Zyxo Corp.", "Keyence Airlines", "Keyence"},
		{"Keyence Pictures will make the film with Zyxo Corp.", "Keyence Pictures", "Keyence"},
		// Counter-examples.
		{"Keyence said it would sell sensors to Zyxo Corp.", "Keyence", "Keyence Airlines"},
		{"Keyence Airlines Chairman Jane Doe said fares would rise.", "", "Keyence Airlines"},
	} {
		var names []string
		for _, m := range r.Find(Document{Text: tc.text}) {
			names = append(names, m.Name)
		}
		if tc.want != "" && !slices.Contains(names, tc.want) || slices.Contains(names, tc.not) {
			t.Errorf("%q: names %q, want %q and not %q", tc.text, names, tc.want, tc.not)
		}
	}
}
