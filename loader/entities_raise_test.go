package loader_test

import (
	"strings"
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// TestRaiserNames: the name that opens a funding sentence, before a
// description or "announced that it", raised the money and is a
// company; "the company", people and names after a possessive are not.
func TestRaiserNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a description between the name and its verb",
			"Quillora, a platform for designing warehouses, has raised $25 million in a series A round.",
			[]string{"Quillora"}, nil},
		{"a clause between the name and its verb",
			"Quillora, which builds robots for farms, today announced that it raised $80 million.",
			[]string{"Quillora"}, nil},
		{"the name announced that it raised",
			"Brindle Logistics announced that it raised $14 million in new funding.",
			[]string{"Brindle Logistics"}, nil},
		{"a description before the name is no part of it",
			"Lake Tarn-based Quillora, a startup that sorts parcels, has raised $12 million.",
			[]string{"Quillora"}, []string{"Lake Tarn-based Quillora"}},
		{"the company names no one",
			"The company, a maker of robots, has raised $25 million.",
			nil, []string{"The company"}},
		{"a person raising money is no company",
			"Jane Morrow, a former banker, has raised $9 million for her fund.",
			nil, []string{"Jane Morrow"}},
		{"announcing no raise",
			"Quillora, a platform for designers, today said that it hired 40 people.",
			nil, []string{"Quillora"}},
		{"a given name before a word that ends firms' names",
			"Today, Maria Health announced that it has raised $47 million in a funding round.",
			[]string{"Maria Health"}, nil},
		{"a given name and a surname stay a person even before a funding verb",
			"Today, Maria Morrow announced that it has raised $4 million for the fund.",
			nil, []string{"Maria Morrow"}},
	})
}

// TestTrimDescriptions: a hyphenated description before a name is no
// part of it; a hyphenated name stays whole.
func TestTrimDescriptions(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a provider before the name", "Last week, fintech-provider Quillora Networks said it had raised $30 million.",
			[]string{"Quillora Networks"}, []string{"fintech-provider Quillora Networks"}},
		{"a backer before the name", "The round was led by Harbex-backed Orla Capital Partners and Pinecrest Ventures.",
			[]string{"Orla Capital Partners"}, []string{"Harbex-backed Orla Capital Partners"}},
		{"a description of two words", "An investor group including New York-based Orvane Shares Corp said it raised its stake.",
			[]string{"Orvane Shares Corp"}, []string{"New York-based Orvane Shares Corp"}},
		{"a hyphenated name", "Harbex Corp said its venture with Velmo-communications Inc signed a letter of intent.",
			[]string{"Velmo-communications Inc"}, []string{"Inc"}},
	})
}

// TestOwnUnitNames: a unit a company calls "its" by name is a company;
// a place, a people or a division is not.
func TestOwnUnitNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a named unit sold", "Harbex Corp said it agreed to sell its Quillon Products unit to Orla Partners.",
			[]string{"Quillon Products"}, nil},
		{"a named subsidiary", "Harbex Corp said its Velmora Couriers subsidiary would be sold.",
			[]string{"Velmora Couriers"}, nil},
		{"a place is no unit's name", "Harbex Corp said it sold its Brazilian subsidiary to a group of investors.",
			nil, []string{"Brazilian"}},
		{"a division named only as a division", "Harbex Corp sold its Retail Lending Services division.",
			nil, []string{"Retail Lending Services"}},
	})
}

// companyCase is a text with the companies a recogniser must find in it
// and the names it must not find as companies.
type companyCase struct {
	name      string
	text      string
	want, not []string
}

// checkCompanyCases runs checkCompanies on every case as a subtest.
func checkCompanyCases(t *testing.T, cases []companyCase) {
	t.Helper()
	r := recognizer(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkCompanies(t, r, tc.text, tc.want, tc.not)
		})
	}
}

// TestWhichActors: a name before a "which" clause that makes a deal is a
// company; a person takes "who", and a clause with no deal verb says
// nothing.
func TestWhichActors(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a buyer in a which clause", "Analysts pointed to Quarrowby Systems, which snapped up an observability startup last year.",
			[]string{"Quarrowby Systems"}, nil},
		{"a raiser in a which clause", "Luminex Tessaly, which raised $5 million last year, designs sensors.",
			[]string{"Luminex Tessaly"}, nil},
		{"no deal verb", "Analysts pointed to Kubernetes, which runs containers for most firms.",
			nil, []string{"Kubernetes"}},
		{"bought, told as a passive", "Clients include Quorvane, which was later acquired by Harbex Corp.",
			[]string{"Quorvane"}, nil},
		{"bought, the buyer first", "She cofounded Tellavo, which Harbex Corp bought last year.",
			[]string{"Tellavo"}, nil},
		{"bought by the pronoun's company", "Its tools include Tellamo, which it bought a few months back, and a blog platform.",
			[]string{"Tellamo"}, nil},
		{"bought after another verb of the clause", "He founded Zorlane, which made cable gear and was snapped up by Harbex Corp in 2016.",
			[]string{"Zorlane"}, nil},
		{"a passive of no purchase", "Many teams run Kubernetes, which runs containers and was written by engineers.",
			nil, []string{"Kubernetes"}},
	})
}

// TestHeadlineNames: a funding headline's raiser is a company where the
// text writes it; a title-case or hedged headline, or a person, is not.
func TestHeadlineNames(t *testing.T) {
	r := recognizer(t)
	body := "The round was led by Pinecrest Ventures. Tessly will use the money to hire engineers, and Tessly plans to sell to growers."
	for _, tc := range []struct {
		name, title, text string
		want, not         []string
	}{
		{"a described start-up raises", "Farm robotics startup Tessly raises $12M to hire engineers", body, []string{"Tessly"}, nil},
		{"an amount with an article", "Tessly lands a $12 million series A", body, []string{"Tessly"}, nil},
		{"title case says nothing of names", "Tessly Raises $12M To Hire Engineers", body, nil, []string{"Tessly"}},
		{"a hedged headline", "Tessly reportedly raises $12M", body, nil, []string{"Tessly"}},
		{"no amount follows", "How Tessly raises money from growers", body, nil, []string{"Tessly"}},
		{"a person raising a fund", "Jane Morrow raises $9M for a new fund", "Jane Morrow said the fund would back farm start-ups.", nil, []string{"Jane Morrow"}},
		{"an everyday word the text capitalises mid-sentence", "Confirm raises $6M to rate staff", "Confirm sells software to managers. Last year Confirm hired 40 engineers.", []string{"Confirm"}, nil},
		{"an everyday word the text never capitalises mid-sentence", "Confirm raises $6M to rate staff", "Confirm the order by Friday. Staff can confirm it online.", nil, []string{"Confirm"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, x := range r.Find(loader.Document{Text: tc.text, Article: partnergraph.Article{Title: tc.title}}) {
				if x.Kind == partnergraph.MentionCompany {
					got = append(got, x.Name)
				}
			}
			checkNames(t, tc.title, got, tc.want, tc.not)
		})
	}
}

// TestLateGazetteerNames: a company marked late in the gazetteer is found
// where the text writes its name or an alias, under its canonical name,
// and is no company of the lists the rules and the tagger read.
func TestLateGazetteerNames(t *testing.T) {
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Extend(strings.NewReader(`{"companies": [{"name": "Velloq", "aliases": ["Velloq Holdings"], "late": true}]}`)); err != nil {
		t.Fatal(err)
	}
	for _, c := range g.Companies() {
		if c.Name == "Velloq" {
			t.Fatal("a late company is listed among the rules' companies")
		}
	}
	r := loader.NewEntityRecognizer(g)
	text := "Analysts said demand at Velloq fell, and Velloq cut prices."
	checkNames(t, "late", names(r, text), []string{"Velloq"}, nil)
	checkNames(t, "without the entry", names(loader.NewEntityRecognizer(mustDefault(t)), text), nil, []string{"Velloq"})
}

func names(r *loader.EntityRecognizer, text string) []string {
	var got []string
	for _, x := range r.Find(loader.Document{Text: text}) {
		if x.Kind == partnergraph.MentionCompany {
			got = append(got, x.Name)
		}
	}
	return got
}

func mustDefault(t *testing.T) *loader.Gazetteer {
	t.Helper()
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestBasedNames: a name right after a known place's "-based" is a
// company; a technology's "-based", a person after a role noun and a
// generic word are not.
func TestBasedNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a two-word place", "For example, Palo Alto-based Quillon Data emerged from stealth with $44 million.",
			[]string{"Quillon Data"}, []string{"Palo Alto-based Quillon Data"}},
		{"a city", "Analysts expect Berlin-based Tessaly to hire more engineers this year.",
			[]string{"Tessaly"}, nil},
		{"a technology is no place", "Servers will run on ARM-based Gravelo chips next year.",
			nil, []string{"Gravelo"}},
		{"a role noun before a person", "London-based designer Jane Morrow opened a studio.",
			nil, []string{"Jane Morrow"}},
	})
}

// TestTrimPlaces: "of" and a place after an investment firm's name are
// no part of it; "Bank of" and a place is a name.
func TestTrimPlaces(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a firm and its city", "The round was led by Orvane Capital of Austin, Texas and includes Pinecrest Ventures.",
			[]string{"Orvane Capital"}, []string{"Orvane Capital of Austin"}},
		{"a bank named after a place", "Shares of Bank of Austin Corp rose after the results.",
			[]string{"Bank of Austin Corp"}, []string{"Bank"}},
	})
}

// TestLateNonCompanies: a generic abbreviation the tagger or a context
// rule reads as a name is dropped, unless a legal suffix makes it one.
func TestLateNonCompanies(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a VC arm", "Quillora, a clinic startup, has raised $40 million in a series B round of funding led by Greenvale Partners, with participation from Harbex's VC arm HX and Pinecrest Ventures.",
			[]string{"Pinecrest Ventures"}, []string{"VC"}},
		{"TV shows", "Microsoft has invested more than $2 billion in making TV shows and films for its Xbox service.",
			[]string{"Microsoft"}, []string{"TV"}},
	})
}

// TestAnnouncedRaiser: a name that announced money for a round raised
// it, so it is a company.
func TestAnnouncedRaiser(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"announced an investment", "On Wednesday, QuorvaDB announced a $12 million investment in its series A round.",
			[]string{"QuorvaDB"}, nil},
		{"announced no round", "On Wednesday, Jane Morrow announced a $12 million gift to the museum.",
			nil, []string{"Jane Morrow"}},
	})
}

// TestAppositiveNames: a name that an appositive calls a business is a
// company; a person's job, a product, an object of "by" and a place are
// not.
func TestAppositiveNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a startup developing", "There is also Quorvex, a startup developing a chatbot for recruiters.",
			[]string{"Quorvex"}, nil},
		{"the company another bought", "Tellavo, the Lisbon company Harbex Corp acquired for $15 million in 2017, makes sensors.",
			[]string{"Tellavo"}, nil},
		{"a person's job", "Analysts agreed, wrote Kestro Vell, an Orvane business developer manager.",
			nil, []string{"Kestro Vell"}},
		{"a product", "Many teams run Quillix, an open source platform for containers.",
			nil, []string{"Quillix"}},
		{"a thing some company bought", "Velmora, the data science platform acquired by Harbex Corp last year, came up too.",
			[]string{"Velmora"}, nil},
	})
}

// TestTitledNames: the name before a job title and a person's name is
// the person's firm; the person is no company, and neither is a title,
// an everyday word or a place before it.
func TestTitledNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a firm before its managing partner",
			"The seed round was led by Quillora managing partner Navid Charran.",
			[]string{"Quillora"}, []string{"Navid Charran"}},
		{"a firm before its CEO and founder",
			"Backers include Tessaly CEO and founder Ormand Vickery, among others.",
			[]string{"Tessaly"}, []string{"Ormand Vickery"}},
		{"an everyday word before the title",
			"Former CEO Ormand Vickery left the board in May.",
			nil, []string{"Former"}},
		{"a title before the title",
			"Co-CEO and cofounder Ormand Vickery said the cash will fund hiring.",
			nil, []string{"Co-CEO"}},
		{"a firm after the title stays a firm",
			"It counts Quillora partner Harbex Capital among its backers.",
			[]string{"Harbex Capital"}, nil},
	})
}

// TestBracketShortForms: a short form an article defines in brackets and
// quotes after a company's name is that company wherever it is used; a
// quoted name that is no part of the company's is not.
func TestBracketShortForms(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"initials with an ampersand",
			`K&L Parts Supply Corp ("K&L" or the "Company") announced its acquisition of Orvane Inc. Orvane is K&L's first purchase since Zyxo Capital acquired a stake in K&L.`,
			[]string{"K&L Parts Supply Corp"}, []string{"K&L"}},
		{"a quoted name that is no part of the company's",
			`K&L Parts Supply Corp ("K&Q") announced its acquisition of Orvane Inc. Orvane is K&Q's first purchase since Zyxo Capital acquired a stake in K&Q.`,
			[]string{"K&L Parts Supply Corp", "K&Q"}, nil},
	})
}

// TestFirmNames: a run of capitalised words ending in an investment
// firm's word is a firm, even one opening with a given name when two
// firm words end it; everyday words, places and people are not.
func TestFirmNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a firm no other rule found",
			"Funds from Orlan Ridge Capital Partners and Tavi Growth Equity were used.",
			[]string{"Orlan Ridge Capital Partners", "Tavi Growth Equity"}, nil},
		{"an everyday word before the firm word",
			"Private Equity firms piled in.",
			nil, []string{"Private Equity"}},
		{"a given name before one firm word",
			"Funds from Jane Growth Equity were used.",
			nil, []string{"Jane Growth Equity"}},
	})
}

// TestAndJoinedNames: a name that "and" cut in two, as wire copy writes
// "&", is one name; two companies joined by "and" stay two.
func TestAndJoinedNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a known name and the rest of it", "Nokia Life and Casualty Co said it would buy the unit.",
			[]string{"Nokia Life and Casualty Co"}, []string{"Casualty Co"}},
		{"a name of several words before the suffixed half", "Nokia agreed to buy 49 pct of Tellan Life and General Insurance Sdn Bhd, a Malaysian insurer.",
			[]string{"Tellan Life and General Insurance Sdn Bhd"}, []string{"General Insurance Sdn Bhd"}},
		{"a known name alone before and: two companies", "Nokia and Quillon Corp agreed to merge their units.",
			[]string{"Nokia", "Quillon Corp"}, []string{"Nokia and Quillon Corp"}},
		{"a word of business ends the first name", "Harbex Systems and Quillon Corp signed an agreement.",
			[]string{"Quillon Corp"}, []string{"Harbex Systems and Quillon Corp"}},
		{"a place before and", "Banks in New York and Quillon Finance Corp joined.",
			[]string{"Quillon Finance Corp"}, []string{"New York and Quillon Finance Corp"}},
	})
}

// TestCityBeforeState: a one-word name followed by a comma and a U.S.
// state is a city; a bank "of" a city keeps its name.
func TestCityBeforeState(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a city before a described company", "Harbex Corp agreed to acquire Englewood, Colo., homebuilder Quillon Inc for stock.",
			[]string{"Harbex Corp", "Quillon Inc"}, []string{"Englewood"}},
		{"a bank of a city", "Harbex Corp agreed to acquire Quillon Bancorp Inc of Pensacola, Fla., for stock.",
			[]string{"Quillon Bancorp Inc of Pensacola"}, nil},
	})
}

// TestSoldNames: the capitalised name a sale says was sold to a known
// company is a company; the seller's own division is not.
func TestSoldNames(t *testing.T) {
	checkCompanyCases(t, []companyCase{
		{"a named business sold", "Harbex Corp said it sold Dublin, Calif.-based Plant Seed Research to Zorvex SpA of Milan.",
			[]string{"Plant Seed Research", "Zorvex SpA"}, nil},
		{"a named business with a possessive", "Contracts were exchanged for the sale of Tavi's Courier Service to Zorvex SpA for cash.",
			[]string{"Tavi's Courier Service", "Zorvex SpA"}, nil},
		{"the seller's own division", "Harbex Corp said it sold its Plant Seed Division to Zorvex SpA for cash.",
			[]string{"Zorvex SpA"}, []string{"Plant Seed Division"}},
	})
}
