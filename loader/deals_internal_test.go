package loader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/partnergraph/partnergraph"
)

// marked builds a document and its entity mentions from text in which
// companies are written [Name] or [Surface|Name] and platforms
// {Name|Owner|kind}.
func marked(t *testing.T, text, published string) (Document, []EntityMention) {
	t.Helper()
	var b strings.Builder
	var ms []EntityMention
	for i := 0; i < len(text); {
		c := text[i]
		if c != '[' && c != '{' {
			b.WriteByte(c)
			i++
			continue
		}
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		j := strings.IndexByte(text[i:], closer)
		if j < 0 {
			t.Fatalf("unclosed %c in %q", c, text)
		}
		fields := strings.Split(text[i+1:i+j], "|")
		start := b.Len()
		b.WriteString(fields[0])
		m := EntityMention{Surface: fields[0], Start: start, End: start + len(fields[0])}
		if c == '[' {
			m.Kind, m.Name = partnergraph.MentionCompany, fields[0]
			if len(fields) > 1 {
				m.Name = fields[1]
			}
		} else {
			m.Kind, m.Name = partnergraph.MentionPlatform, fields[0]
			if len(fields) > 1 {
				m.Owner = fields[1]
			}
			if len(fields) > 2 {
				m.PlatformKind = partnergraph.PlatformKind(fields[2])
			}
		}
		ms = append(ms, m)
		i += j + 1
	}
	doc := Document{SourceID: "t", Text: b.String(), Article: partnergraph.Article{ID: "a:t", Published: published}}
	return doc, ms
}

// brief renders a deal compactly for comparison: "type a>b year status
// [platforms]".
func brief(d ExtractedDeal) string {
	var ps []string
	for _, p := range d.Parties {
		ps = append(ps, p.Name+"/"+string(p.Role))
	}
	s := fmt.Sprintf("%s %s %d %s", d.Type, strings.Join(ps, ","), d.Year, d.Status)
	if len(d.Platforms) > 0 {
		s += " [" + strings.Join(d.Platforms, ",") + "]"
	}
	return s
}

func briefs(x Extraction) []string {
	var out []string
	for _, d := range x.Deals {
		out = append(out, brief(d))
	}
	return out
}

// TestRunOnSentenceNotRead checks that a "sentence" of page furniture run
// together, longer than maxDealSentence, gives no deal, while the same
// claim in a sentence of normal length does.
func TestRunOnSentenceNotRead(t *testing.T) {
	short := "[Zyxo] acquired [Orbital] for $5 million."
	long := "Top stories Read more Newsletter Share this " + strings.Repeat("Latest headlines from the week in games ", 30) + short
	for _, tt := range []struct {
		text string
		want int
	}{{short, 1}, {long, 0}} {
		doc, ms := marked(t, tt.text, "2020-01-01")
		if got := len(extractFrom(doc, ms).Deals); got != tt.want {
			t.Errorf("%d-byte sentence: %d deals, want %d", len(doc.Text), got, tt.want)
		}
	}
}

func TestDealsMergeWithinArticle(t *testing.T) {
	text := "[Microsoft] and [SEGA] form strategic partnership\n\n" +
		"[Microsoft] is forming a strategic alliance with [SEGA].\n\n" +
		"[Sega] has agreed in principle to build games on [Microsoft]'s {Azure|Microsoft|cloud} cloud platform.\n\n" +
		"[Microsoft] sees this partnership as a chance to work with [Sega]."
	doc, ms := marked(t, strings.ReplaceAll(text, "[Sega]", "[Sega|SEGA]"), "2021-11-01")
	x := extractFrom(doc, ms)
	want := []string{"partnership Microsoft/partner,SEGA/partner 2021 agreed_in_principle [Azure]"}
	if diff := cmp.Diff(want, briefs(x)); diff != "" {
		t.Fatalf("deals (-want +got):\n%s", diff)
	}
	// The headline names the deal first, but the story's first report of
	// it is the evidence.
	d := x.Deals[0]
	if d.Sentence != "Microsoft is forming a strategic alliance with SEGA." {
		t.Errorf("evidence = %q, want the story's first report", d.Sentence)
	}
	if got := doc.Text[d.Start:d.End]; string(got) != d.Sentence {
		t.Errorf("offsets [%d,%d) point at %q, not the sentence", d.Start, d.End, string(got))
	}
}

func TestEvidenceOffsetsAreBytes(t *testing.T) {
	doc, ms := marked(t, "Café “news” — ok.\n\n[Acme] agreed to acquire [Widget] for $5 million.", "2020-01-01")
	x := extractFrom(doc, ms)
	if len(x.Deals) != 1 {
		t.Fatalf("got %v, want one deal", briefs(x))
	}
	d := x.Deals[0]
	if got := string(doc.Text[d.Start:d.End]); got != d.Sentence {
		t.Errorf("text at [%d,%d) = %q, want %q", d.Start, d.End, got, d.Sentence)
	}
	if d.Value == nil || *d.Value != 5e6 || d.Currency != "USD" {
		t.Errorf("value = %v %q, want 5e6 USD", d.Value, d.Currency)
	}
}

func TestMoneyValues(t *testing.T) {
	tests := []struct {
		text     string
		value    float64
		currency string
	}{
		{"[A] agreed to buy [B] for 50 mln dlrs.", 50e6, "USD"},
		{"[A] agreed to buy [B] for $1.2 billion.", 1.2e9, "USD"},
		{"[A] agreed to buy [B] for £300m.", 300e6, "GBP"},
		{"[A] agreed to buy [B] for $11bn.", 11e9, "USD"},
		{"[A] agreed to buy [B] for 94.8 mln stg.", 94.8e6, "GBP"},
		{"[A] agreed to buy [B] for 1,200 mln yen.", 1200e6, "JPY"},
		{"[A] offered 42 dlrs/shr for [B].", 42, "USD"},
	}
	for _, tt := range tests {
		doc, ms := marked(t, tt.text, "2000-01-01")
		x := extractFrom(doc, ms)
		if len(x.Deals) != 1 {
			t.Errorf("%s: got %v, want one deal", tt.text, briefs(x))
			continue
		}
		d := x.Deals[0]
		if d.Value == nil || *d.Value != tt.value || d.Currency != tt.currency {
			t.Errorf("%s: value = %v %q, want %v %s", tt.text, d.Value, d.Currency, tt.value, tt.currency)
		}
	}
}

func TestEntitiesOfMergesSpellings(t *testing.T) {
	_, ms := marked(t, "[SEGA] and [Sega|SEGA] and {Microsoft Azure|Microsoft|cloud}", "")
	ms[2].Name = "Azure"
	cs, ps := entitiesOf(ms)
	if diff := cmp.Diff([]ExtractedCompany{{Name: "SEGA", Aliases: []string{"Sega"}}}, cs); diff != "" {
		t.Errorf("companies (-want +got):\n%s", diff)
	}
	if len(ps) != 1 || ps[0].Name != "Azure" || ps[0].Owner != "Microsoft" || !slices.Contains(ps[0].Aliases, "Microsoft Azure") {
		t.Errorf("platforms = %+v", ps)
	}
}

func TestArticleLevelRules(t *testing.T) {
	tests := []struct {
		name, text, published string
		want                  []string
	}{
		{"hard-wrapped wire copy", "NEOAX BUYS UNIT\n\n[Neoax Inc] said it bought\n\n[Fairfield Manufacturing Co] for 70.5 mln dlrs\n\ncash.", "1987-04-01",
			[]string{"acquisition Neoax Inc/buyer,Fairfield Manufacturing Co/target 1987 completed"}},
		{"headline is not joined", "Macy's owner buys rival\n\n[Federated] is to buy rival [May Department Stores] for $11bn.", "",
			[]string{"acquisition Federated/buyer,May Department Stores/target 0 announced"}},
		{"dateline gives the year", "Menu\n\nMon 25 Sep 2023 08.38 EDT [Amazon] is to invest up to $4bn in [Anthropic].", "",
			[]string{"investment Amazon/investor,Anthropic/investee 2023 announced"}},
		{"a press release's wire dateline gives the year", "Share on Facebook\n\nSAN JOSE, Calif.–(BUSINESS WIRE)–July 31, 2019– [Harbex] has partnered with [Quillon] to deploy payment terminals.\n\n\"We are thrilled to partner with [Harbex],\" said Jane Doe, CEO of [Quillon].", "",
			[]string{"partnership Harbex/partner,Quillon/partner 2019 announced"}},
		{"a year in prose is no dateline", "In March 2005 the firms met.\n\n[Mitsubishi Motors] has struck a deal to supply [Peugeot] with 30,000 cars.", "",
			[]string{"supply Mitsubishi Motors/supplier,Peugeot/customer 0 announced"}},
		{"compound names", "The Hyundai-Aptiv Autonomous Driving Joint Venture, backed by [Hyundai] and [Aptiv], has a new name.", "2020-08-11",
			[]string{"joint_venture Hyundai/partner,Aptiv/partner 2020 announced"}},
		{"majority stake later", "[TinyBuild] has invested $3 million in [Hologryph].\n\nThe investment grants [TinyBuild] a majority stake in the studio.", "2021-01-01",
			[]string{"acquisition TinyBuild/buyer,Hologryph/target 2021 completed"}},
		{"status from a later sentence", "[Sega] and [Microsoft] announce a strategic alliance.\n\nThe companies came to an agreement \"in principle\".", "2021-11-01",
			[]string{"partnership Sega/partner,Microsoft/partner 2021 agreed_in_principle"}},
		{"participation after a round", "[Antstream] received a round of funding led by [Tencent].\n\n[Hambro Perks] also participated in the Series A funding.", "2019-07-22",
			[]string{"investment Tencent/investor,Antstream/investee 2019 completed", "investment Hambro Perks/investor,Antstream/investee 2019 completed"}},
		{"an aside in brackets ends before the round's investors", "[Quillon] raised $8 million. (The startup had previously raised a $2 million seed round in 2018.) [Pinecrest Ventures] led the series A round.", "2021-03-01",
			[]string{"investment Pinecrest Ventures/investor,Quillon/investee 2021 completed"}},
		{"a negated later sentence changes nothing", "[Sega] and [Microsoft] announce a strategic alliance.\n\nThe companies have not completed the agreement.", "2021-11-01",
			[]string{"partnership Sega/partner,Microsoft/partner 2021 announced"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ms := marked(t, tt.text, tt.published)
			got := briefs(extractFrom(doc, ms))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\ndeals (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
