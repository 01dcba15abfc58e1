package loader_test

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

func recognizer(t testing.TB) *loader.EntityRecognizer {
	t.Helper()
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return loader.NewEntityRecognizer(g)
}

// m is a mention reduced to what the table tests check.
type m struct {
	Kind    string
	Name    string
	Surface string
	Owner   string
}

func find(r *loader.EntityRecognizer, text string) []m {
	var out []m
	for _, x := range r.Find(loader.Document{Text: text}) {
		out = append(out, m{Kind: string(x.Kind), Name: x.Name, Surface: x.Surface, Owner: x.Owner})
	}
	return out
}

func co(name, surface string) m { return m{Kind: "company", Name: name, Surface: surface} }
func pl(name, surface, owner string) m {
	return m{Kind: "platform", Name: name, Surface: surface, Owner: owner}
}

func TestFind(t *testing.T) {
	r := recognizer(t)
	tests := []struct {
		name string
		text string
		want []m
	}{
		{"gazetteer spellings", "SEGA and Microsoft Corp agreed; Sega said the deal was good.",
			[]m{co("SEGA", "SEGA"), co("Microsoft", "Microsoft Corp"), co("SEGA", "Sega")}},
		{"lower case is not a name", "She ate an apple and a sharp orange.", nil},
		{"platform with owner after a possessive", "Sega will build on Microsoft's Azure cloud platform.",
			[]m{co("SEGA", "Sega"), co("Microsoft", "Microsoft"), pl("Azure", "Azure cloud", "Microsoft")}},
		{"owner named in a platform's name", "Shoppers can use Google Assistant to order.",
			[]m{co("Google", "Google"), pl("Google Assistant", "Assistant", "Google")}},
		{"a platform inside a longer name", "The PlayStation Japan account posted it.", nil},
		{"a platform's team or fans", "The Xbox team courted PlayStation fans on Steam.", []m{pl("Steam", "Steam", "Valve")}},
		{"unknown version of a numbered platform", "Requests for Llama 1 grew before Llama 2 shipped.",
			[]m{pl("Llama 2", "Llama 2", "Meta")}},
		{"ambiguous name at sentence start needs support", "Shell out for the upgrade, analysts said.", nil},
		{"ambiguous name with support", "Shell rose. Traders bought Shell shares.",
			[]m{co("Shell", "Shell"), co("Shell", "Shell")}},
		{"a known name after a given name is a person", "Michael Dell founded the firm in Texas.", nil},
		{"ticker markup is not a company", "NV KLM Royal Dutch Airlines <KLM.AS> denied the report.",
			[]m{co("KLM", "KLM Royal Dutch Airlines")}},
		{"name markup", "KLM wants a stake in British courier <IML Air Services Group Ltd>, a unit of Acme.",
			[]m{co("KLM", "KLM"), co("IML Air Services Group Ltd", "IML Air Services Group Ltd")}},
		{"legal suffix and short forms", "Outboard Marine Corp said it rejected the bid. Outboard shares rose and Outboard Marine stayed calm.",
			[]m{co("Outboard Marine Corp", "Outboard Marine Corp"), co("Outboard Marine Corp", "Outboard"), co("Outboard Marine Corp", "Outboard Marine")}},
		{"similar names stay apart", "Globex Plc sold its stake in Globex Motor Group. Globex said the sale closed.",
			[]m{co("Globex Plc", "Globex Plc"), co("Globex Motor Group", "Globex Motor Group"), co("Globex Plc", "Globex")}},
		{"the brief's Sears example", "Sears Plc bid for Sears Motor Group. Sears Motor Group said no, and Sears raised the bid.",
			[]m{co("Sears Plc", "Sears Plc"), co("Sears Motor Group", "Sears Motor Group"), co("Sears Motor Group", "Sears Motor Group"), co("Sears Plc", "Sears")}},
		{"a shared short form is not used", "Initech Foods Inc and Initech Motor Group merged. Initech said so.",
			[]m{co("Initech Foods Inc", "Initech Foods Inc"), co("Initech Motor Group", "Initech Motor Group")}},
		{"two names joined by and", "Pizza Inn and Pantera's Corp agreed to merge.",
			[]m{co("Pantera's Corp", "Pantera's Corp")}},
		{"connectors inside a name", "Saatchi and Saatchi Co Plc bought Cleveland Consulting Associates Inc.",
			[]m{co("Saatchi and Saatchi Co Plc", "Saatchi and Saatchi Co Plc"), co("Cleveland Consulting Associates Inc", "Cleveland Consulting Associates Inc")}},
		{"ticker inside a name", "Norcros <NCRO.L> Plc said it ended talks.",
			[]m{co("Norcros Plc", "Norcros <NCRO.L> Plc")}},
		{"sentence opener is not part of a name", "Under the plan Zorvex Trust PLC would pay cash.",
			[]m{co("Zorvex Trust PLC", "Zorvex Trust PLC")}},
		{"headline in capitals yields nothing unknown", "PANTERA <PANT> AND PIZZA <PZA> AGREE TO MERGE\n\nThe firms agreed.", nil},
		{"people are not companies", "Mr Lanzone said it would help. Chief executive Karl Smith says it is on track.", nil},
		{"company noun before a name", "KLM denied buying regional carrier Air Atlanta.",
			[]m{co("KLM", "KLM"), co("Air Atlanta", "Air Atlanta")}},
		{"apposition", "Hologryph, a Ukrainian developer of games, signed with TinyBuild.",
			[]m{co("Hologryph", "Hologryph"), co("TinyBuild", "TinyBuild")}},
		{"lists after plural company nouns", "Rivals such as Zyxo, Quantel Devices Ltd and Initrode cut prices.",
			[]m{co("Zyxo", "Zyxo"), co("Quantel Devices Ltd", "Quantel Devices Ltd"), co("Initrode", "Initrode")}},
		{"places are not companies", "It signed an agreement with Japan and a deal with Brazil.", nil},
		{"designator", "Budget airline Skyway Airlines will buy ten jets.",
			[]m{co("Skyway Airlines", "Skyway Airlines")}},
		{"public bodies are not companies", "The loan came from the Inter-American Development Bank.", nil},
		{"thrift named by its savings designator", "The office went to Brookdale Savings Association last week.",
			[]m{co("Brookdale Savings Association", "Brookdale Savings Association")}},
		{"savings and loan thrift", "It will buy Linwood Savings and Loan Association soon.",
			[]m{co("Linwood Savings and Loan Association", "Linwood Savings and Loan Association")}},
		{"associates and investments end firm names", "Brightwater Associates and Kestrel Investments filed the papers.",
			[]m{co("Brightwater Associates", "Brightwater Associates"), co("Kestrel Investments", "Kestrel Investments")}},
		{"a name found by a deal pattern is the short form of the suffixed name", "Acme Corp offered to acquire Seton. Seton Co said it would study the bid.",
			[]m{co("Acme Corp", "Acme Corp"), co("Seton Co", "Seton"), co("Seton Co", "Seton Co")}},
		{"a unit named in apposition after a possessive", "The state sold Zyxo Corp's main production arm, Quillbrook, to Orbital Ltd.",
			[]m{co("Zyxo Corp", "Zyxo Corp"), co("Quillbrook", "Quillbrook"), co("Orbital Ltd", "Orbital Ltd")}},
		{"one name with 'and' before a suffix or a business word", "Shares of Brell Jones and Co Inc and Kestor Products and Chemicals Inc rose.",
			[]m{co("Brell Jones and Co Inc", "Brell Jones and Co Inc"), co("Kestor Products and Chemicals Inc", "Kestor Products and Chemicals Inc")}},
		{"an earlier suffix ends the name before 'and Co'", "It was sold through Varnum Brothers Inc and Morgan Stanley and Co Inc.",
			[]m{co("Varnum Brothers Inc", "Varnum Brothers Inc"), co("Morgan Stanley", "Morgan Stanley and Co Inc")}},
		{"technology acronyms are not companies", "Zyxo Inc acquired AI assistant startup Quillo and will invest in R&D.",
			[]m{co("Zyxo Inc", "Zyxo Inc"), co("Quillo", "Quillo")}},
		{"a known company's fund is a company of its own", "The round was led by Intel Capital and Salesforce Ventures.",
			[]m{co("Intel Capital", "Intel Capital"), co("Salesforce Ventures", "Salesforce Ventures")}},
		{"a longer name after the fund word is not cut to the fund", "Intel Capital Markets Group filed.",
			[]m{co("Intel Capital Markets Group", "Intel Capital Markets Group")}},
		{"a venture arm named after its parent", "It raised money from Alphabet's venture capital arm GV last week.",
			[]m{co("Alphabet", "Alphabet"), co("GV", "GV")}},
		{"privately held company bought", "Zyxo Inc bought privately held Marrow Creek Pottery last week.",
			[]m{co("Zyxo Inc", "Zyxo Inc"), co("Marrow Creek Pottery", "Marrow Creek Pottery")}},
		{"federal savings bank suffix", "Kettle Valley Bank FSB reported higher deposits.",
			[]m{co("Kettle Valley Bank FSB", "Kettle Valley Bank FSB")}},
		{"ownership words are not part of the name", "Privately-held Quorra Inc and state-owned Velmont Airways signed.",
			[]m{co("Quorra Inc", "Quorra Inc"), co("Velmont Airways", "Velmont Airways")}},
		{"assets of a firm", "Zyxo Inc bought the assets of Valley Cable TV last week.",
			[]m{co("Zyxo Inc", "Zyxo Inc"), co("Valley Cable TV", "Valley Cable TV")}},
		{"two firms speak of their merger", "Brandt Keller and Osgood Main Lowry said their merger is done.",
			[]m{co("Brandt Keller", "Brandt Keller"), co("Osgood Main Lowry", "Osgood Main Lowry")}},
		{"two names speaking of anything else", "Brandt Keller and Osgood Main Lowry said they liked the weather.", nil},
		{"savings in lower case is no name", "Household savings rose last month.", nil},
		{"pronouns are not companies", "He said it was a good deal.", nil},
		{"name after a dash ending the sentence", "Both own 40% of the venture - Quillon Brewing.",
			[]m{co("Quillon Brewing", "Quillon Brewing")}},
		{"a thrift is a firm", "Zyxo Corp agreed to acquire Lakeview Federal Savings and Loan Association for cash.",
			[]m{co("Zyxo Corp", "Zyxo Corp"), co("Lakeview Federal Savings and Loan Association", "Lakeview Federal Savings and Loan Association")}},
		{"a trade word outweighs an institution word", "Zyxo Corp dropped its bid for Eastern Counties Gas Association last week.",
			[]m{co("Zyxo Corp", "Zyxo Corp"), co("Eastern Counties Gas Association", "Eastern Counties Gas Association")}},
		{"legal suffix in lower case", "Kestrel Medical corp said it completed the sale.",
			[]m{co("Kestrel Medical corp", "Kestrel Medical corp")}},
		{"one firm named with and speaks", "Brill and Tanner said it agreed to buy the plant.",
			[]m{co("Brill and Tanner", "Brill and Tanner")}},
		{"designator Works", "Shares of Kestrel Glass Works rose.",
			[]m{co("Kestrel Glass Works", "Kestrel Glass Works")}},
		{"designator Electric", "Kobayashi Electric and Toyota said they would share plants.",
			[]m{co("Kobayashi Electric", "Kobayashi Electric"), co("Toyota", "Toyota")}},
		{"a firm's team bought", "Zyxo later acquired the Moonhaven Labs design team for cash.",
			[]m{co("Moonhaven Labs", "Moonhaven Labs")}},
		{"all-capitals item: legal suffixes", "BRAVOTEK CORP TO BID FOR QUILLON SHIPPING LTD",
			[]m{co("Bravotek Corp", "BRAVOTEK CORP"), co("Quillon Shipping Ltd", "QUILLON SHIPPING LTD")}},
		{"all-capitals item: deal headline", "ORVANE AGREES TO ACQUIRE TELMIRA SYSTEMS IN SHARE SWAP",
			[]m{co("Orvane", "ORVANE"), co("Telmira Systems", "TELMIRA SYSTEMS")}},
		{"all-capitals item without a deal word yields nothing unknown", "ORVANE SEES HIGHER PROFIT IN 1988", nil},
		{"short form of a known name", "Nvidia will make the chips, Argo AI said. Argo said it tested 300 cars.",
			[]m{co("Nvidia", "Nvidia"), co("Argo AI", "Argo AI"), co("Argo AI", "Argo")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, find(r, tt.text)); diff != "" {
				t.Errorf("Find(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestFindOffsetsAreRunesAndSorted(t *testing.T) {
	r := recognizer(t)
	text := "Nestlé et Café Noir: SEGA and Sony agreed, and Nestlé bought Bluepoint Games Inc."
	ms := r.Find(loader.Document{Text: text})
	rs := text
	if len(ms) < 3 {
		t.Fatalf("found %d mentions, want at least 3: %+v", len(ms), ms)
	}
	end := 0
	for _, x := range ms {
		if x.Start < end {
			t.Errorf("mention %+v overlaps or is out of order", x)
		}
		end = x.End
		if got := string(rs[x.Start:x.End]); got != x.Surface {
			t.Errorf("text at [%d,%d) = %q, want surface %q", x.Start, x.End, got, x.Surface)
		}
	}
}

func TestEntities(t *testing.T) {
	r := recognizer(t)
	ms := r.Find(loader.Document{Text: "Twitter moved data to Google Cloud. Sega and SEGA Corp used Microsoft Azure."})
	cs, ps := loader.Entities(ms)
	wantC := []partnergraph.Company{
		{ID: "twitter", Name: "Twitter"},
		{ID: "google", Name: "Google", Aliases: []string{"Google Cloud"}},
		{ID: "sega", Name: "SEGA", Aliases: []string{"Sega", "SEGA Corp"}},
		{ID: "microsoft", Name: "Microsoft"},
	}
	if diff := cmp.Diff(wantC, cs); diff != "" {
		t.Errorf("companies mismatch (-want +got):\n%s", diff)
	}
	wantP := []partnergraph.Platform{
		{ID: "p:google-cloud", Name: "Google Cloud", Kind: partnergraph.PlatformCloud, OwnerID: "google", Aliases: []string{"Cloud"}},
		{ID: "p:azure", Name: "Azure", Kind: partnergraph.PlatformCloud, OwnerID: "microsoft"},
	}
	if diff := cmp.Diff(wantP, ps); diff != "" {
		t.Errorf("platforms mismatch (-want +got):\n%s", diff)
	}
}

func TestGazetteerExtend(t *testing.T) {
	g, err := loader.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Companies()) < 250 || len(g.Platforms()) < 100 {
		t.Errorf("default gazetteer has %d companies and %d platforms", len(g.Companies()), len(g.Platforms()))
	}
	user := `{"companies": [{"name": "Zyxo Robotics", "aliases": ["Zyxo"]}, {"name": "SEGA", "aliases": ["Sega Games"]}],
	          "platforms": [{"name": "ZyxoOS", "kind": "os", "owner": "Zyxo Robotics"}]}`
	if err := g.Extend(strings.NewReader(user)); err != nil {
		t.Fatal(err)
	}
	sega, ok := g.Company("sega")
	if !ok || !strings.Contains(strings.Join(sega.Aliases, "|"), "Sega Games") {
		t.Errorf("SEGA after Extend = %+v", sega)
	}
	got := find(loader.NewEntityRecognizer(g), "Zyxo ships ZyxoOS; Sega Games agreed.")
	want := []m{co("Zyxo Robotics", "Zyxo"), pl("ZyxoOS", "ZyxoOS", "Zyxo Robotics"), co("SEGA", "Sega Games")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []string{`{"companies": [{"aliases": ["x"]}]}`, `{"companies": 3}`, `{"comapnies": []}`} {
		if err := g.Extend(strings.NewReader(bad)); !errors.Is(err, partnergraph.ErrInvalid) {
			t.Errorf("Extend(%s) = %v, want ErrInvalid", bad, err)
		}
	}
}

// TestFindSeeds checks the seed articles end to end: cleaning, then
// recognition, gives the labelled companies and platform and nothing from
// the boilerplate.
func TestFindSeeds(t *testing.T) {
	r := recognizer(t)
	for _, a := range readJSONL(t, corpusPath(t, "seeds.jsonl")) {
		doc, err := loader.Clean(a)
		if err != nil {
			t.Fatal(err)
		}
		cs, ps := loader.Entities(r.Find(doc))
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		for _, p := range ps {
			names = append(names, "p:"+p.Name)
		}
		want := []string{"Microsoft", "SEGA", "Sony", "p:Azure"}
		got := map[string]bool{}
		for _, n := range names {
			got[n] = true
		}
		for _, w := range want {
			if !got[w] {
				t.Errorf("%s: missing %s in %q", a.SourceID, w, names)
			}
		}
		for _, n := range names {
			if n == "Intel" || n == "Asus" || n == "KitGuru" {
				t.Errorf("%s: %s comes from boilerplate", a.SourceID, n)
			}
		}
	}
}

// BenchmarkFind measures recognition throughput on Reuters-21578 text
// (set REUTERS_JSONL to a file made by reuters_to_jsonl.py; the first
// 2,000 articles are used).
func BenchmarkFind(b *testing.B) {
	path := os.Getenv("REUTERS_JSONL")
	if path == "" {
		path = "/tmp/reuters-train.jsonl"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skip("no Reuters JSONL; set REUTERS_JSONL")
	}
	arts := readJSONL(b, path)
	if len(arts) > 2000 {
		arts = arts[:2000]
	}
	var docs []loader.Document
	size := 0
	for _, a := range arts {
		d, err := loader.Clean(a)
		if err != nil {
			continue
		}
		docs = append(docs, d)
		size += len(d.Text)
	}
	r := recognizer(b)
	b.SetBytes(int64(size))
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		n++
		for _, d := range docs {
			r.Find(d)
		}
	}
	reportCPU(b, cpu, n*size)
}

// cpuTime returns the process's user+system CPU time in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

// reportCPU reports throughput per CPU second, which stays meaningful on
// a busy machine where wall-clock MB/s does not.
func reportCPU(b *testing.B, start float64, bytes int) {
	if d := cpuTime() - start; d > 0 {
		b.ReportMetric(float64(bytes)/d/1e6, "MB/cpu-s")
	}
}

// BenchmarkCleanAndFind measures cleaning plus recognition.
func BenchmarkCleanAndFind(b *testing.B) {
	path := os.Getenv("REUTERS_JSONL")
	if path == "" {
		path = "/tmp/reuters-train.jsonl"
	}
	if _, err := os.Stat(path); err != nil {
		b.Skip("no Reuters JSONL; set REUTERS_JSONL")
	}
	arts := readJSONL(b, path)
	if len(arts) > 2000 {
		arts = arts[:2000]
	}
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	r := recognizer(b)
	b.SetBytes(int64(size))
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		n++
		for _, a := range arts {
			if d, err := loader.Clean(a); err == nil {
				r.Find(d)
			}
		}
	}
	reportCPU(b, cpu, n*size)
}

// FuzzFind checks that cleaning and recognition never panic and that every
// mention's offsets hold its surface, sorted and without overlaps.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Nestlé SA <NESN.S> bought Café Noir Inc. for 3.5 bln francs.",
		"HEADLINE <X> ONLY\n\n    Wrapped line of text that\ngoes on and on about Zyxo Corp's unit.",
		"日本の Sony Corp と Microsoft's Azure — “quoted” ‘text’ … 😀 Acme Group.",
		"<", ">", "'s", "Inc", "A & B Co", "U.S.", "Mr. X said it. Y shares rose.",
	} {
		f.Add(s)
	}
	g, err := loader.DefaultGazetteer()
	if err != nil {
		f.Fatal(err)
	}
	r := loader.NewEntityRecognizer(g)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := loader.Clean(loader.RawArticle{SourceID: "f", Text: text})
		if err != nil {
			return
		}
		rs := doc.Text
		end := 0
		for _, m := range r.Find(doc) {
			if m.Start < end || m.End <= m.Start || m.End > len(rs) {
				t.Fatalf("bad span %+v in %q", m, doc.Text)
			}
			if string(rs[m.Start:m.End]) != m.Surface {
				t.Fatalf("span [%d,%d) = %q, surface %q", m.Start, m.End, string(rs[m.Start:m.End]), m.Surface)
			}
			end = m.End
		}
		for _, s := range loader.Sentences(doc.Text) {
			if s.Start < 0 || s.End > len(rs) || s.Start >= s.End {
				t.Fatalf("bad sentence span %+v", s)
			}
		}
	})
}

// TestFindOffsetsOnCorpus checks the offset invariants on every corpus
// article.
func TestFindOffsetsOnCorpus(t *testing.T) {
	r := recognizer(t)
	for _, name := range []string{"seeds.jsonl", "dev.jsonl"} {
		for _, a := range readJSONL(t, corpusPath(t, name)) {
			doc, err := loader.Clean(a)
			if err != nil {
				t.Fatal(err)
			}
			rs := doc.Text
			end := 0
			for _, m := range r.Find(doc) {
				if m.Start < end || string(rs[m.Start:m.End]) != m.Surface {
					t.Errorf("%s: bad mention %+v", a.SourceID, m)
				}
				end = m.End
			}
		}
	}
}
