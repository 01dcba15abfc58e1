package loader

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStakeAndBidShapes covers the ways wire copy tells stakes and bids
// that the first rules missed: a described investee, a bid for a number of
// shares, a takeover proposal and a spelled-out price.
func TestStakeAndBidShapes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"stake in a described company", "[Orbis Metals Ltd] plans to buy a 25 pct stake in Norwegian zinc and lead smelter [Fjord Smelting AS].",
			[]string{"investment Orbis Metals Ltd/investor,Fjord Smelting AS/investee 1987 proposed"}},
		{"stake in a company named in apposition", "[Orbis Metals Ltd] has taken a 30 pct stake in Canada's second largest nickel miner, [Tundra Nickel Inc].",
			[]string{"investment Orbis Metals Ltd/investor,Tundra Nickel Inc/investee 1987 completed"}},
		{"stake in the company is told elsewhere", "[Orbis Metals Ltd] has taken a 30 pct stake in the company, [Tundra Nickel Inc] said.", nil},
		{"stake description cut by another phrase", "[Orbis Metals Ltd] raised its stake to 9 pct from 7 pct, according to [Tundra Nickel Inc].", nil},
		{"paid for a percentage", "[Orbis Metals Ltd] said it paid 4 mln dlrs for about 6.5 pct of [Tundra Nickel Inc].",
			[]string{"investment Orbis Metals Ltd/investor,Tundra Nickel Inc/investee 1987 completed"}},
		{"tender offer for shares in", "[Orbis Metals Ltd] said it is making a tender offer for up to 12 mln shares in [Tundra Nickel Inc].",
			[]string{"investment Orbis Metals Ltd/investor,Tundra Nickel Inc/investee 1987 proposed"}},
		{"offer for all the stock of", "[Orbis Metals Ltd] launched an offer for all the outstanding common stock of [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"merger proposal for", "[Orbis Metals Ltd] made a 31 dlr a share cash merger proposal for [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"proposal for", "[Orbis Metals Ltd] sent the board a proposal for [Tundra Nickel Inc] at 31 dlrs a share.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"a proposal to restructure is no bid", "[Tundra Nickel Inc] rejected a proposal from [Orbis Metals Ltd] to restructure its bank debt.", nil},
		{"letter of intent for the sale of a unit", "[Orbis Metals Ltd] said it signed a letter of intent with [Tundra Nickel Inc] for the sale of its Ohio foundry business.",
			[]string{"acquisition Tundra Nickel Inc/buyer,Orbis Metals Ltd/target 1987 agreed_in_principle"}},
		{"a meeting for the sale of products is no deal", "[Orbis Metals Ltd] met with [Tundra Nickel Inc] for the sale of its products.", nil},
		{"sold to a group headed by a company", "[Orbis Metals Ltd] agreed to sell its Ohio foundry to an investor group headed by [Tundra Nickel Inc].",
			[]string{"acquisition Tundra Nickel Inc/buyer,Orbis Metals Ltd/target 1987 agreed_in_principle"}},
		{"sold to a group led by its managers", "[Orbis Metals Ltd] agreed to sell its Ohio foundry to a group led by its managers.", nil},
		{"a named bid received", "[Tundra Nickel Inc] gets another new [Orbis Metals Ltd] bid.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"its named offer", "[Orbis Metals Ltd] amended its [Tundra Nickel Inc] offer, raising it to 35 dlrs a share.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"a bare named offer has no side", "[Orbis Metals Ltd] said the [Tundra Nickel Inc] offer expires on Friday.", nil},
		{"money received for a company", "[Orbis Metals Ltd] will receive 90 mln dlrs for [Tundra Nickel Inc] from [Quillon Corp].",
			[]string{"acquisition Quillon Corp/buyer,Tundra Nickel Inc/target 1987 announced"}},
		{"money received for a unit", "[Orbis Metals Ltd] received 20 mln dlrs for its valve unit from [Quillon Corp].",
			[]string{"acquisition Quillon Corp/buyer,Orbis Metals Ltd/target 1987 completed"}},
		{"money received in a settlement", "[Orbis Metals Ltd] received 20 mln dlrs from [Quillon Corp] to settle the suit.", nil},
		{"the company's acquisition", "[Orbis Metals Ltd] said senior managers will discuss the company's proposed acquisition of [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 announced"}},
		{"the company's bid names no target", "[Orbis Metals Ltd] said the company's bid was too low.", nil},
		{"cable systems sold are a business", "[Orbis Media Inc] signed a letter of intent to sell seven cable television systems to [Quillon Corp].",
			[]string{"acquisition Quillon Corp/buyer,Orbis Media Inc/target 1987 agreed_in_principle"}},
		{"a sawmill sold is a business", "[Orbis Timber Inc] sold its sawmill and 9,000 acres of timberland to [Quillon Corp].",
			[]string{"acquisition Quillon Corp/buyer,Orbis Timber Inc/target 1987 completed"}},
		{"computer systems sold are goods", "[Orbis Media Inc] sold 40 computer systems to [Quillon Corp].",
			[]string{"supply Quillon Corp/customer,Orbis Media Inc/supplier 1987 completed"}},
		{"sell the buyer its unit", "[Orbis Media Inc] agreed to sell [Quillon Corp] its Ohio cable system.",
			[]string{"acquisition Quillon Corp/buyer,Orbis Media Inc/target 1987 agreed_in_principle"}},
		{"sell the buyer its named unit", "[Orbis Media Inc] agreed to sell [Quillon Corp] its [Tundra Cable Inc] unit.",
			[]string{"acquisition Quillon Corp/buyer,Tundra Cable Inc/target 1987 agreed_in_principle"}},
		{"sell the customer its printers", "[Orbis Media Inc] will sell [Quillon Corp] its new printers.", nil},
		{"shares restated as a percentage of", "[Orbis Metals Ltd] will buy 8.1 mln shares, or 51 pct, of [Tundra Nickel Inc]'s common stock.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 announced"}},
		{"holdings raised to a percentage", "[Orbis Metals Ltd] agreed to increase its holdings in [Tundra Nickel Inc] to 30 pct from 23 pct.",
			[]string{"investment Orbis Metals Ltd/investor,Tundra Nickel Inc/investee 1987 agreed_in_principle"}},
		{"holdings with no percentage", "[Orbis Metals Ltd] will raise its holdings in [Tundra Nickel Inc].", nil},
		{"a company's assets bought", "[Orbis Metals Ltd] completed the acquisition of most of [Tundra Nickel Inc]'s coal properties.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 completed"}},
		{"a company's people are no asset", "[Orbis Metals Ltd] said it completed the acquisition of land from former [Tundra Nickel Inc]'s managers.", nil},
		{"the speaker is the company bought", "[Tundra Nickel Inc] said [Orbis Metals Ltd] offered to acquire the company for 20 dlrs a share.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"a stake in the speaker's stock", "[Tundra Nickel Inc] said [Orbis Metals Ltd] has acquired 5.2 pct of its common stock.",
			[]string{"investment Orbis Metals Ltd/investor,Tundra Nickel Inc/investee 1987 completed"}},
		{"the company's building is no company", "[Tundra Nickel Inc] said [Orbis Metals Ltd] bought the company's headquarters.", nil},
		{"its own shares are a buyback", "[Tundra Nickel Inc] said [Orbis Metals Ltd] will buy back its own shares.", nil},
		{"business combination", "[Orbis Metals Ltd] signed a letter of intent for a business combination with [Tundra Nickel Inc].",
			[]string{"merger Orbis Metals Ltd/partner,Tundra Nickel Inc/partner 1987 agreed_in_principle"}},
		{"a combination of cash and stock is no merger", "[Orbis Metals Ltd] will pay a combination of cash and stock to [Tundra Nickel Inc].", nil},
		{"it and Y", "[Orbis Metals Ltd] said it and [Tundra Nickel Inc] reached a definitive merger agreement.",
			[]string{"merger Orbis Metals Ltd/partner,Tundra Nickel Inc/partner 1987 agreed_in_principle"}},
		{"buyer in round-bracket markup", "[Orbis Shoes Inc] said it sold its boot division to Montreal-based ([Tundra Footwear Inc]).",
			[]string{"acquisition Tundra Footwear Inc/buyer,Orbis Shoes Inc/target 1987 completed"}},
		{"buyer after a place", "[Orbis Shoes Inc] agreed to sell its boot business to Troy, Michigan-based [Tundra Footwear Inc].",
			[]string{"acquisition Tundra Footwear Inc/buyer,Orbis Shoes Inc/target 1987 agreed_in_principle"}},
		{"sold to a company formed by a firm", "[Orbis Shoes Inc] sold its boot unit to a company formed by Boston investment firm [Tundra Partners].",
			[]string{"acquisition Tundra Partners/buyer,Orbis Shoes Inc/target 1987 completed"}},
		{"sold to a group including a company", "[Orbis Shoes Inc] sold its boot unit to a group of investors including the unit's managers and [Tundra Partners].",
			[]string{"acquisition Tundra Partners/buyer,Orbis Shoes Inc/target 1987 completed"}},
		{"a list including a company is no group", "[Orbis Shoes Inc] sold its boot unit to buyers including the unit's managers and [Tundra Partners].", nil},
		{"bought from a unit of a company", "[Orbis Shoes Inc] agreed to acquire a leather business from a unit of [Tundra Partners] for undisclosed terms.",
			[]string{"acquisition Orbis Shoes Inc/buyer,Tundra Partners/target 1987 agreed_in_principle"}},
		{"the speaker as object pronoun", "[Tundra Nickel Inc] said [Orbis Metals Ltd] has agreed to acquire it for 20 dlrs a share.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 agreed_in_principle"}},
		{"acquisition of the company that speaks", "[Tundra Nickel Inc] said [Orbis Metals Ltd] completed its acquisition of the company.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 completed"}},
		{"an option exercised", "[Orbis Metals Ltd] said it exercised an option to acquire [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 announced"}},
		{"an option held is no deal", "[Orbis Metals Ltd] said it has an option to acquire [Tundra Nickel Inc].", nil},
		{"price before the object", "[Orbis Metals Ltd] signed a letter of intent to acquire for about 3.5 mln dlrs, a majority of the stock of [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 agreed_in_principle"}},
		{"a clause after the comma", "[Orbis Metals Ltd] agreed to buy for cash, and [Tundra Nickel Inc] agreed to sell, the plant.", nil},
		{"a far seller after from", "[Orbis Bank Inc] said it will purchase branches in two towns with approximately 80 mln dlrs in deposits from [Tundra Savings Association].",
			[]string{"acquisition Orbis Bank Inc/buyer,Tundra Savings Association/target 1987 announced"}},
		{"a far name is no object", "[Orbis Bank Inc] said it will buy a lot of very old and very fine farm equipment and other things like trucks and [Tundra Savings Association].", nil},
		{"a made offer considered by its target", "[Tundra Nickel Inc]'s board met to consider [Orbis Metals Ltd]'s takeover offer.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"considering a bid is a guess", "[Orbis Metals Ltd] is considering a bid for [Tundra Nickel Inc].", nil},
		{"the bidder amends its named offer", "[Orbis Metals Ltd] amends [Tundra Nickel Inc] offer, raising it to 35 dlrs a share.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"shares accepted in a tender", "[Orbis Metals Ltd] said it accepted 54 pct of [Tundra Nickel Inc] shares tendered in its offer.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 completed"}},
		{"accepting a share of a proposal", "[Orbis Metals Ltd] accepted 54 pct of [Tundra Nickel Inc]'s proposal.", nil},
		{"prices for shares and warrants", "[Orbis Metals Ltd] offers 50 dlrs/shr and 40 dlrs/warrant for [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"a stake named by its company", "[Orbis Metals Ltd] raised its [Tundra Nickel Inc] stake to 9 pct.",
			[]string{"investment Orbis Metals Ltd/investor,Tundra Nickel Inc/investee 1987 completed"}},
		{"a possessor's stake is no modifier", "[Orbis Metals Ltd] said [Tundra Nickel Inc]'s stake was sold.", nil},
		{"a per-share price before the proposal", "[Tundra Nickel Inc] said it has received [Orbis Metals Ltd]'s 46 dlrs a share acquisition proposal.",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
		{"a share offer is an issue", "[Orbis Metals Ltd] made a share offer for [Tundra Nickel Inc] shares.", nil},
		{"a wire typo of acquisition", "[Orbis Metals Ltd] said it completed the acquisiton of [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 completed"}},
		{"spelled-out price", "[Orbis Metals Ltd] offered six dlrs a share for [Tundra Nickel Inc].",
			[]string{"acquisition Orbis Metals Ltd/buyer,Tundra Nickel Inc/target 1987 proposed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ms := marked(t, tt.text, "1987-04-01")
			got := briefs(extractFrom(doc, ms))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\ndeals (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
