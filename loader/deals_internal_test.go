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

func TestDealRules(t *testing.T) {
	tests := []struct {
		name, text, published string
		want                  []string
	}{
		// Acquisitions: active, passive, nominal, possessive, selling.
		{"to buy", "[Acme Corp] said it agreed to buy [Widget Inc] for 50 mln dlrs.", "1987-03-02",
			[]string{"acquisition Acme Corp/buyer,Widget Inc/target 1987 agreed_in_principle"}},
		{"passive", "[Widget Inc] was acquired by [Acme Corp] in 2014.", "2020-01-01",
			[]string{"acquisition Acme Corp/buyer,Widget Inc/target 2014 completed"}},
		{"possessive noun", "Shares rose after [Acme]'s proposed acquisition of [Widget].", "2001-05-05",
			[]string{"acquisition Acme/buyer,Widget/target 2001 announced"}},
		{"bid is proposed", "[Acme] launched a hostile bid for [Widget] on Monday.", "2001-05-05",
			[]string{"acquisition Acme/buyer,Widget/target 2001 proposed"}},
		{"has bought", "[Acme] has bought the [Widget] website to improve search.", "",
			[]string{"acquisition Acme/buyer,Widget/target 0 completed"}},
		{"seller of a named company is no party", "[Acme] bought [Widget] from [Holdco] last year.", "2010-06-01",
			[]string{"acquisition Acme/buyer,Widget/target 2009 completed"}},
		{"seller of an unnamed unit stands in", "[Holdco] agreed to sell its cement unit to [Acme].", "1999-01-01",
			[]string{"acquisition Acme/buyer,Holdco/target 1999 agreed_in_principle"}},
		{"completes purchase", "[Acme] completes [Widget] purchase.", "1987-03-03",
			[]string{"acquisition Acme/buyer,Widget/target 1987 completed"}},
		{"minority stake bought is an investment", "[Acme] bought a 20 pct stake in [Widget].", "1987-03-03",
			[]string{"investment Acme/investor,Widget/investee 1987 completed"}},
		{"majority stake is an acquisition", "[Acme] acquired a 60 pct stake in [Widget].", "1987-03-03",
			[]string{"acquisition Acme/buyer,Widget/target 1987 completed"}},
		{"stake holding as news", "[Acme] said it holds 7.2 pct of [Widget] common stock.", "1987-03-03",
			[]string{"investment Acme/investor,Widget/investee 1987 completed"}},
		{"stake as background", "[Widget], which is 46 pct owned by [Acme], reported higher sales.", "1987-03-03", nil},
		{"invest in", "[Acme] will invest $1 billion in [Widget].", "2019-07-22",
			[]string{"investment Acme/investor,Widget/investee 2019 announced"}},

		// Mergers and joint ventures.
		{"merge", "[Acme] and [Widget] agreed to merge.", "1990-01-01",
			[]string{"merger Acme/partner,Widget/partner 1990 agreed_in_principle"}},
		{"court blocks merger", "A court blocked the [Delta]-[Western] merger.", "1987-04-01",
			[]string{"merger Delta/partner,Western/partner 1987 blocked"}},
		{"merger talks broken off", "[Acme] broke off merger talks with [Widget].", "1987-04-01",
			[]string{"merger Acme/partner,Widget/partner 1987 terminated"}},
		{"joint venture", "[Acme] and [Widget] formed a joint venture to make chips.", "1987-04-01",
			[]string{"joint_venture Acme/partner,Widget/partner 1987 announced"}},

		// Partnerships, platforms and years.
		{"back in", "Back in 2019, [Microsoft] and [Sony] formed a \"strategic partnership\" on {Azure|Microsoft|cloud}.", "2021-11-01",
			[]string{"partnership Microsoft/partner,Sony/partner 2019 announced [Azure]"}},
		{"one subject, several partners", "[Microsoft] partnered with [Razer], [PowerA] and [8BitDo] on controllers.", "2020-08-04",
			[]string{"partnership Microsoft/partner,Razer/partner 2020 announced", "partnership Microsoft/partner,PowerA/partner 2020 announced", "partnership Microsoft/partner,8BitDo/partner 2020 announced"}},
		{"several partners together", "[Sony], [IBM] and [Toshiba] formed an alliance to build the chip.", "2005-02-07",
			[]string{"partnership Sony/partner,IBM/partner,Toshiba/partner 2005 announced"}},
		{"cloud division stands for its parent", "[Twitter] expanded its partnership with {Google Cloud|Google|cloud}.", "2021-02-25",
			[]string{"partnership Twitter/partner,Google/partner 2021 completed [Google Cloud]"}},
		{"no date", "[Acme] teamed up with [Widget] on batteries.", "",
			[]string{"partnership Acme/partner,Widget/partner 0 announced"}},
		{"future year is a plan", "[Acme] and [Widget] signed a partnership to launch cars by 2022.", "2020-08-11",
			[]string{"partnership Acme/partner,Widget/partner 2020 announced"}},

		// Licences and supply.
		{"licence", "[Acme] licensed its brand to [Widget] for phones.", "2017-02-06",
			[]string{"licensing Acme/licensor,Widget/licensee 2017 announced"}},
		{"cloud provider", "[Acme] chose [Widget] as its cloud provider.", "2018-01-01",
			[]string{"supply Widget/supplier,Acme/customer 2018 announced"}},
		{"supply deal", "[Apple] signed a $15 billion wireless parts deal with [Broadcom].", "2020-01-23",
			[]string{"supply Apple/supplier,Broadcom/customer 2020 announced"}},

		// Negation and hedging.
		{"not an acquisition", "This is not an acquisition of [Sega] by [Microsoft].", "2021-11-01", nil},
		{"rumoured target", "[Sega] has long been rumoured to be an acquisition target for [Microsoft].", "2021-11-01", nil},
		{"denied talks", "[KLM] denied it was in talks to buy [Air Atlanta].", "1987-03-18", nil},
		{"analysts speculate", "Analysts speculate that [Acme] could buy [Widget].", "2001-01-01", nil},
		{"may consider", "[Acme] may consider a bid for [Widget].", "2001-01-01", nil},
		{"reportedly", "[Acme] is reportedly close to a partnership with [Widget].", "2001-01-01", nil},
		{"rejected offer stays proposed", "[Widget] rejected [Acme]'s takeover offer for the company.", "2005-01-01",
			[]string{"acquisition Acme/buyer,Widget/target 2005 proposed"}},
		{"open bid rejected", "The board of [Widget] rejected a bid from [Acme].", "2005-01-01",
			[]string{"acquisition Acme/buyer,Widget/target 2005 proposed"}},
		{"hearsay", "[Acme] sold four mln shares it held in [Widget], Wall Street sources said.", "1987-01-01", nil},
		{"conditional", "If [Acme] buys a stake in [Widget] it will be the largest deal this year.", "2005-01-01", nil},
		{"partners of an unnamed speaker are not partners of each other", "\"Partnering with [Sapphire] and [Scale] will help us grow,\" the founder said.", "2019-01-01", nil},
		{"fronted partnership names its subject after the comma", "In partnership with [Warner], [Roblox] launched a quest.", "2018-03-01",
			[]string{"partnership Warner/partner,Roblox/partner 2018 announced"}},
		{"co-investors in a round", "[Sequoia] is excited to partner with [Falcon Edge] in this round.", "2019-01-01", nil},
		{"an investment firm excited to partner with a startup invests", "\"[Redpoint Ventures] is excited to partner with [Dgraph] on its mission,\" she said.", "2020-09-01",
			[]string{"investment Redpoint Ventures/investor,Dgraph/investee 2020 announced"}},
		{"a company excited to partner stays a partner", "\"[Antstream] is thrilled to partner with [Atari] on the arcade,\" he said.", "2020-09-01",
			[]string{"partnership Antstream/partner,Atari/partner 2020 announced"}},
		{"partner as a job title", "\"It is a great team,\" said Jane Roe, a partner with [Bitkraft].", "2019-01-01", nil},
		{"managing partner", "Jane Roe, managing partner at [Bitkraft], joined [Acme]'s board.", "2019-01-01", nil},
		{"goods a company owns are not the company", "The top reason for purchasing [Sony]'s console was its games, [Acme] found.", "2021-01-01", nil},
		{"buying into a vision is no purchase", "It has been great to have [Smedvig Capital] buy into [Masabi]'s vision.", "2019-01-01", nil},
		{"a business a company owns is bought from it", "In February [Alleghany] agreed to buy [Cyclops]' steel and construction business for 111.6 mln dlrs.", "1987-03-01",
			[]string{"acquisition Alleghany/buyer,Cyclops/target 1987 agreed_in_principle"}},
		{"a pronoun object ends the object", "I had a Ring camera and [Amazon] bought that and then [Google]'s Nest was in my house.", "2021-01-01", nil},
		{"the startup a person founded", "In 2013 the tech giant [Google] acquired [Hinton]'s AI startup [DNNresearch].", "2023-05-01",
			[]string{"acquisition Google/buyer,DNNresearch/target 2013 completed"}},
		{"studio named by its game", "[Paradox Interactive] acquires [Age of Wonders] dev [Triumph Studios].", "2017-06-01",
			[]string{"acquisition Paradox Interactive/buyer,Triumph Studios/target 2017 announced"}},
		{"relative passive names its target before which", "[Crunchbase] began under TechCrunch, which was acquired in 2010 by [AOL].", "2023-01-01", nil},
		{"relative passive with a known head", "It grew out of [TechCrunch], which was acquired in 2010 by [AOL].", "2023-01-01",
			[]string{"acquisition AOL/buyer,TechCrunch/target 2010 completed"}},
		{"passive in brackets names the name before them", "It followed [Pentacom] (which [Cisco] bought in 2000), Qumranet (acquired by [Red Hat] in 2008) and others.", "2020-01-01",
			[]string{"acquisition Cisco/buyer,Pentacom/target 2000 completed"}},
		{"unknown names stand in a list of examples", "The firm names customers, including [Google], Okta, and [Airbnb], but it was acquired by [Vista] in 2018.", "2021-01-01", nil},
		{"both acquired by takes the list", "Its staff came from [Informatica], [GoldenGate Software] and BEA, both acquired by [Oracle].", "2021-01-01",
			[]string{"acquisition Oracle/buyer,GoldenGate Software/target 2021 completed"}},
		{"the object of one purchase is not the buyer of the next", "It grew by acquiring [Mowbly] in 2018 and the acquisition of [Mobius] in 2007.", "2021-01-01", nil},
		{"rivals in apposition", "[Google] has invested $300 million in one of the [OpenAI] rivals, [Anthropic].", "2023-02-03",
			[]string{"investment Google/investor,Anthropic/investee 2023 completed"}},
		{"a stake in a named unit of a parent", "[Honda] will take a 5.7 percent stake in [General Motors]'s [Cruise] self-driving unit.", "2018-10-03",
			[]string{"investment Honda/investor,Cruise/investee 2018 announced"}},
		{"a buyer's unit stays credited to the parent", "[AMCA] agreed to sell assets to [Federal Industries]'s [Russelsteel] unit.", "1987-03-01",
			[]string{"acquisition Federal Industries/buyer,AMCA/target 1987 agreed_in_principle"}},
		{"funding from a parent's named arm", "[Polar Signals] raised $4 million in seed funding from [Alphabet]'s venture capital arm [GV].", "2021-10-27",
			[]string{"investment GV/investor,Polar Signals/investee 2021 completed"}},
		{"a bracketed aside holds no subject", "[KKR] put $1.5 billion in [Epic Games] (excluding [Sony]'s $250 million) and invested $450 million in [Zwift].", "2021-01-01",
			[]string{"investment KKR/investor,Zwift/investee 2021 completed"}},
		{"a relative clause after an aside", "He founded [Socialcam], a mobile video app that was acquired by [Autodesk] in 2012.", "2016-03-11",
			[]string{"acquisition Autodesk/buyer,Socialcam/target 2012 completed"}},
		{"a unit named in apposition is what is sold", "The Kremlin seized and sold [Yukos]' main production arm, [Yugansk], to state-run oil group [Rosneft] for $9.3bn.", "2005-01-01",
			[]string{"acquisition Rosneft/buyer,Yugansk/target 2005 completed"}},
		{"a bid for a named unit", "[WPP] submitted a proposal for [United Business Media]'s [NOP World] market research unit.", "2005-01-01",
			[]string{"acquisition WPP/buyer,NOP World/target 2005 proposed"}},
		{"the sale of a parent's named unit", "He had concerns about the sale of [Schlumberger Ltd] unit [Fairchild Semiconductor Inc] to [Fujitsu Ltd].", "1987-03-12",
			[]string{"acquisition Fujitsu Ltd/buyer,Fairchild Semiconductor Inc/target 1987 announced"}},
		{"buying another holder's minority stake is an investment", "[Rainbow Corp Ltd] bought [Safeway Stores Inc]'s 20 pct holding in [Woolworths] for 190 mln dlrs.", "1987-03-01",
			[]string{"investment Rainbow Corp Ltd/investor,Woolworths/investee 1987 completed"}},
		{"a buy recommendation is advice", "[Kidder Peabody and Co] analyst Roy Burry issued a strong buy recommendation on [Pepsico Inc].", "1987-03-01", nil},
		{"buying a company's debt is lending", "[Merrill Lynch and Co] has committed to buy 175 mln dlrs of subordinated debt in [LPL].", "1987-03-01", nil},
		{"notes sold to a bank are a financing", "The company said 600 mln dlrs of notes which were sold to [Morgan Stanley and Co Inc] paid for it, [KKR] said.", "1987-03-01", nil},
		{"selling a controlling interest after a word about debentures", "[Chapman] will exchange cash for its debentures and will sell a controlling interest to [Troon Partners Ltd].", "1987-03-01",
			[]string{"acquisition Troon Partners Ltd/buyer,Chapman/target 1987 announced"}},
		{"warrants to buy shares are no purchase", "[Strata] holders will receive warrants to buy about .06 shares of [Lomak].", "1987-03-01", nil},
		{"the stake not already owned is the rest", "[BP] intends to make a tender offer for the 45 pct of [Standard Oil Co] it does not already own.", "1987-03-10",
			[]string{"acquisition BP/buyer,Standard Oil Co/target 1987 proposed"}},
		{"buying out a stake is control", "[DaimlerChrysler] agreed a package with [Mitsubishi Motors] which will see it buy out its stake in [Fuso].", "2005-01-01",
			[]string{"acquisition DaimlerChrysler/buyer,Fuso/target 2005 agreed_in_principle"}},
		{"the name before an aside acts", "[Woven Planet], a newly established [Toyota] subsidiary, today announced plans to acquire [Lyft]'s self-driving unit.", "2021-04-27",
			[]string{"acquisition Woven Planet/buyer,Lyft/target 2021 announced"}},
		{"listed examples are not the subject", "Tricentis, a firm used by companies such as [Merck], [ANZ], and [Dell], has acquired rival [Testim].", "2022-01-01", nil},
		{"as well as is no list", "It cited the proposed acquisition, as well as [Trans World Airlines Inc]'s proposed merger with [USAir].", "1987-03-01",
			[]string{"merger Trans World Airlines Inc/partner,USAir/partner 1987 proposed"}},
		{"majority investment is an acquisition", "[Vista Equity Partners] made a majority investment in [Sonatype] in 2019.", "2022-01-01",
			[]string{"acquisition Vista Equity Partners/buyer,Sonatype/target 2019 completed"}},
		{"control in a description is no controlling stake", "[Nvidia] has invested $15 million in [PassiveLogic], a pioneer in building control systems.", "2022-01-01",
			[]string{"investment Nvidia/investor,PassiveLogic/investee 2022 completed"}},
		{"all of a company's shares is control", "[Banner Industries Inc] completed the purchase of all [Rexnord Inc] common shares.", "1987-03-01",
			[]string{"acquisition Banner Industries Inc/buyer,Rexnord Inc/target 1987 completed"}},
		{"investing in a company's products is no stake", "[Amazon] had invested in [Habana]'s chips to speed them to market.", "2020-01-01", nil},
		{"heavily invested is no stake", "[Baidu] is already heavily invested in [Apollo Labs].", "2017-01-01", nil},
		{"expected to announce", "[Acme] is expected to announce its acquisition of [Widget] on Monday.", "2015-06-01", nil},
		{"expected to close stays made", "[Acme] agreed to buy [Widget]; the deal is expected to close in May.", "2015-06-01",
			[]string{"acquisition Acme/buyer,Widget/target 2015 agreed_in_principle"}},
		{"looking into", "[Acme] is looking into acquiring [Widget], the streaming service.", "2015-06-01", nil},
		{"according to a new report", "[Acme] plans to buy [Widget], according to a new report.", "2015-06-01", nil},
		{"outlet reported", "[Acme] will buy [Widget] for $2 billion, the Wall Street Journal reported today.", "2015-06-01", nil},
		{"a source told", "[Acme]'s private equity arm is in talks to acquire [Widget], a fifth source told Reuters.", "2021-01-01", nil},
		{"citing sources", "[Acme] made an offer for [Widget], Bloomberg said, citing unnamed sources.", "2015-06-01", nil},
		{"infinitive ends the object", "The exploit let [Acme]'s tool take over devices to install [Widget]'s spyware.", "2021-06-01", nil},
		{"passive target is the subject, not a listed example", "[Citrix], a company used by firms including [Microsoft], [Google], and [SAP], agreed to be acquired by [Vista].", "2022-01-01",
			[]string{"acquisition Vista/buyer,Citrix/target 2022 agreed_in_principle"}},
		{"passive right after a listed name", "Rivals like [Datadog] and [Splunk] (recently acquired by [Cisco]) compete.", "2024-01-01",
			[]string{"acquisition Cisco/buyer,Splunk/target 2024 completed"}},
		{"passive target is not the parent in an aside", "[Heublein], a former subsidiary of [RJR Nabisco Inc], was acquired by [Grand Metropolitan PLC].", "1987-03-01",
			[]string{"acquisition Grand Metropolitan PLC/buyer,Heublein/target 1987 completed"}},
		{"settlement offer", "[Acme] has yet to receive a settlement offer from [Widget].", "1987-01-01", nil},
		{"purchase from a seller is no bid", "[Acme] embarked on a purchase of a dozen aircraft from [Widget].", "1987-01-01", nil},

		// More acquisition and investment shapes.
		{"funding round", "[Antstream] received a round of funding led by gaming giant [Tencent] and [Hambro Perks].", "2019-07-22",
			[]string{"investment Tencent/investor,Antstream/investee 2019 completed", "investment Hambro Perks/investor,Antstream/investee 2019 completed"}},
		{"pay for a business", "[Agricola] will pay 630 mln dlrs for the corn milling business of [CPC International Inc].", "1987-03-20",
			[]string{"acquisition Agricola/buyer,CPC International Inc/target 1987 announced"}},
		{"goods bought", "[Kingfisher Airlines] is to buy 10 A320 aircraft from [Airbus].", "2005-01-01",
			[]string{"supply Kingfisher Airlines/customer,Airbus/supplier 2005 announced"}},
		{"stake cut", "[Harris Associates] said it cut its stake in [Cyclops Corp] to 11.1 pct.", "1987-03-02",
			[]string{"investment Harris Associates/investor,Cyclops Corp/investee 1987 announced"}},
		{"seller's stake", "[Chrysler] will purchase [Renault]'s stake held in bonds and shares.", "1987-03-09", nil},
		{"parent of a unit", "[Chevron Corp] said its [Chevron USA] unit and Tokyo-based [Nippon Oil] agreed to form a joint venture.", "1987-03-31",
			[]string{"joint_venture Chevron Corp/partner,Nippon Oil/partner 1987 announced"}},
		{"ticker markup", "[Delta Airlines Inc] <DAL.N> and <[Western Airlines]> agreed to merge.", "1987-04-01",
			[]string{"merger Delta Airlines Inc/partner,Western Airlines/partner 1987 agreed_in_principle"}},
		{"the two companies", "[Microsoft] is investing $1 billion in [OpenAI], and the two companies will work together on supercomputers.", "2019-07-22",
			[]string{"investment Microsoft/investor,OpenAI/investee 2019 announced", "partnership Microsoft/partner,OpenAI/partner 2019 announced"}},
		{"merger between the two groups", "[Norcros] has no intention of pursuing talks on [Williams]'s idea of a merger between the two groups.", "1987-03-09",
			[]string{"merger Norcros/partner,Williams/partner 1987 terminated"}},
		{"pronoun subject is the first actor", "[Daimler] agreed a package with partner [Mitsubishi] which will see it buy a stake in [Fuso].", "2005-01-01",
			[]string{"investment Daimler/investor,Fuso/investee 2005 agreed_in_principle"}},
		{"relative clause subject", "The [Chipotle] pilot is a win for Miso, which recently inked a deal with [White Castle].", "2021-01-01", nil},
		{"investor co-leads, not raises", "[Altimeter] and [Insight] co-led the round, with participation from [Redpoint].", "2021-01-01", nil},
		{"participation in a round", "[Rafay] raised $25 million in a round led by [ForgePoint], with participation from [Costanoa] and [Ridge].", "2021-01-01",
			[]string{"investment ForgePoint/investor,Rafay/investee 2021 completed", "investment Costanoa/investor,Rafay/investee 2021 completed", "investment Ridge/investor,Rafay/investee 2021 completed"}},
		{"supply chain is no supply deal", "[Acme] and [Widget] sell supply chain software.", "2021-01-01", nil},
		{"a restraining order is no order", "[Acme] asked for a temporary restraining order from [Widget].", "2021-01-01", nil},
		{"no action on an offer", "[Widget] asked holders to take no action on the tender offer launched by [Acme].", "1987-01-01",
			[]string{"acquisition Acme/buyer,Widget/target 1987 proposed"}},
		{"offices sold are a business", "[CityFed] agreed to sell 14 lending offices to [Goldome].", "1987-01-01",
			[]string{"acquisition Goldome/buyer,CityFed/target 1987 agreed_in_principle"}},
		{"formed by a merger", "[SSL] was formed by a three-way merger between [Seton], footwear maker [Scholl] and [LIG].", "",
			[]string{"merger Seton/partner,Scholl/partner,LIG/partner 0 completed"}},
		{"rights secured", "[Kodak] said it secured worldwide marketing rights for [Enzon]'s enzymes.", "1987-03-05",
			[]string{"licensing Kodak/licensor,Enzon/licensee 1987 completed"}},
		{"agreed plans only announce", "[UBA] and [Standard Trust] have agreed plans to merge.", "",
			[]string{"merger UBA/partner,Standard Trust/partner 0 announced"}},
		{"possessive in the name", "[Southcorp] said [Foster's|Foster's Group] takeover offer was too low.", "2005-01-01",
			[]string{"acquisition Foster's Group/buyer,Southcorp/target 2005 proposed"}},
		{"founded is not the deal year", "[Amazon] will invest $4bn in [Anthropic], which was founded in 2021.", "2023-09-25",
			[]string{"investment Amazon/investor,Anthropic/investee 2023 announced"}},

		// Parties.
		{"buyer named in apposition", "[Zyxo] agreed to sell its bakery arm to a newly created company, [Crumbly Ltd].", "1988-01-01",
			[]string{"acquisition Crumbly Ltd/buyer,Zyxo/target 1988 agreed_in_principle"}},
		{"units after said its act for the parent", "[Zyxo] said its [Orbit Finance Inc], a Delaware firm, and [Lakeside Life Co] bought 9 pct of [Quillon].", "1988-01-01",
			[]string{"investment Zyxo/investor,Quillon/investee 1988 completed"}},

		{"it opening a sentence is the previous opener", "[Zyxo] expects a loss this year. Last month, it signed a supply contract with [Orbital] to supply it with 500 engines.", "",
			[]string{"supply Zyxo/supplier,Orbital/customer 0 completed"}},
		{"it is not an actor", "[Zyxo] expects a loss. It is said that [Orbital] likes rivals.", "2001-01-01", nil},
		{"priced offer is a bid", "[Zyxo] offered 46 dlrs a share in cash for [Orbital].", "1988-01-01",
			[]string{"acquisition Zyxo/buyer,Orbital/target 1988 proposed"}},
		{"a company that rejects a bid is its target", "[Orbital] said it rejected a [Zyxo] takeover bid.", "1988-01-01",
			[]string{"acquisition Zyxo/buyer,Orbital/target 1988 proposed"}},
		{"headline deal restated by the story", "[ZYXO|Zyxo] TO BUY [ORB|Orb]\n\n[Zyxo] agreed to buy [Orbital Devices] for 5 mln dlrs.", "1988-01-01",
			[]string{"acquisition Zyxo/buyer,Orbital Devices/target 1988 agreed_in_principle"}},

		{"its acquisition is the clause's actor's", "[Zyxo Corp] said the price of its previously announced acquisition of [Quillon Inc] was set.", "1988-01-01",
			[]string{"acquisition Zyxo Corp/buyer,Quillon Inc/target 1988 announced"}},
		{"bidding for the shares is a bid for the company", "[Zyxo] said it was bidding 500 mln stg for the ordinary shares of [Quillon].", "1988-01-01",
			[]string{"acquisition Zyxo/buyer,Quillon/target 1988 proposed"}},
		{"a group led by a company acts for it", "An investor group led by [Zyxo Capital] said it raised its stake in [Quillon] to 12 pct.", "1988-01-01",
			[]string{"investment Zyxo Capital/investor,Quillon/investee 1988 completed"}},
		{"investment losses are no deal", "[Zyxo] said it will add a reserve for investment losses in [Quillon].", "1988-01-01", nil},

		// Status from the clause.
		{"expanding a partnership means it exists", "[Zyxo] is expanding its partnership with [Orbital] to cover Europe.", "2022-05-10",
			[]string{"partnership Zyxo/partner,Orbital/partner 2022 completed"}},
		{"partnership signed in an earlier year", "[Zyxo] followed up with a global partnership signed with [Orbital] in November.", "2022-02-10",
			[]string{"partnership Zyxo/partner,Orbital/partner 2021 completed"}},
		{"partnership agreed in a dated past", "In 2011 [Zyxo] and [Orbital] agreed to form a strategic alliance.", "",
			[]string{"partnership Zyxo/partner,Orbital/partner 2011 completed"}},
		{"partnership formed in the past stays announced", "Back in 2011, [Zyxo] and [Orbital] formed an alliance.", "2014-01-01",
			[]string{"partnership Zyxo/partner,Orbital/partner 2011 announced"}},
		{"partnered years ago is done", "Three years ago, [Zyxo] partnered with [Orbital] to run a taxi fleet.", "2022-05-01",
			[]string{"partnership Zyxo/partner,Orbital/partner 2019 completed"}},
		{"a deal something follows is done", "The new alliance follows [Orbital]'s big deal with [Quillon] in March.", "2022-05-01",
			[]string{"partnership Orbital/partner,Quillon/partner 2022 completed"}},
		{"no longer about something else", "[Zyxo] can no longer make money on hardware and is focusing on software, including a recently announced partnership with [Orbital].", "2014-01-01",
			[]string{"partnership Zyxo/partner,Orbital/partner 2014 announced"}},
		{"an agreement after a past purchase is another matter", "When [Google] acquired [Fitbit], it agreed to keep the data apart.", "2022-10-01",
			[]string{"acquisition Google/buyer,Fitbit/target 2022 completed"}},
		{"suing to block is an attempt", "The regulator sued to block [Zyxo]'s $75 billion takeover of [Orbital].", "2021-12-02",
			[]string{"acquisition Zyxo/buyer,Orbital/target 2021 announced"}},
		{"a decision to block is a ruling", "[Zyxo] will appeal a decision to block its bid for [Orbital].", "1987-03-01",
			[]string{"acquisition Zyxo/buyer,Orbital/target 1987 blocked"}},
		{"building blocks block nothing", "The deal gives building blocks for [Zyxo]'s partnership with [Orbital].", "2022-01-01",
			[]string{"partnership Zyxo/partner,Orbital/partner 2022 announced"}},
		{"revealed plans announce a deal", "[Zyxo] revealed plans to snap up [Orbital] in an all-cash deal.", "2017-06-16",
			[]string{"acquisition Zyxo/buyer,Orbital/target 2017 announced"}},
		{"a stake reported as news keeps the article's year", "LEUCADIA HAS 7.2 PCT OF MINSTAR\n\n[Leucadia] said it acquired a 7.2 pct stake in [Minstar]. [Leucadia] had held an 11.0 pct stake in [Minstar], but cut it to 1.8 pct last July.", "1987-03-02",
			[]string{"investment Leucadia/investor,Minstar/investee 1987 completed"}},
		{"a partnership keeps the year it was formed", "[Zyxo] expanded its partnership with [Orbital]. [Zyxo] first partnered with [Orbital] in 2015.", "2022-03-02",
			[]string{"partnership Zyxo/partner,Orbital/partner 2015 completed"}},
		{"will be merged is not done", "[Zyxo] will now be merged with [Orbital], the company said.", "2022-05-01",
			[]string{"merger Zyxo/partner,Orbital/partner 2022 announced"}},
		{"no intention ends merger talks", "[Zyxo] said it had no intention of pursuing further talks about the idea of a merger with [Orbital].", "1990-01-01",
			[]string{"merger Zyxo/partner,Orbital/partner 1990 terminated"}},
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
