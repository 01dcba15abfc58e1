package loader

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStoryLevelRules checks the rules that read a deal across the
// sentences of a story: speculation and denials, the deal a story is
// about, talks that ended and clouds chosen as suppliers.
func TestStoryLevelRules(t *testing.T) {
	tests := []struct {
		name, text, published string
		want                  []string
	}{
		// Speculation and denials.
		{"talk of a bid is speculation", "Analysts revive talk of a [Quillon] offer for [Harbex]\n\nShares of [Harbex] rose 4 percent.", "2024-02-01", nil},
		{"a denial drops a proposed deal", "[Quillon] weighs offer for [Harbex]\n\nNo talks have taken place, a [Harbex] spokeswoman said.", "2024-02-01", nil},
		{"a denial with no company drops it too", "[Quillon] bid for [Harbex] back in focus\n\nThere is no sign of any approach so far.", "2024-02-01", nil},
		{"a denial about other companies changes nothing", "[Quillon] makes offer for [Harbex]\n\nNo talks with [Veltro] have taken place, [Mardan] said.", "2024-02-01",
			[]string{"acquisition Quillon/buyer,Harbex/target 2024 proposed"}},
		{"an open bid without a denial stays", "[Quillon] makes offer for [Harbex]\n\n[Harbex] said its board would study the offer.", "2024-02-01",
			[]string{"acquisition Quillon/buyer,Harbex/target 2024 proposed"}},
		// The deal a story is about.
		{"the takeover is the story's takeover", "[Zyxo] agreed to buy [Orbital] for $2 billion.\n\n[Zyxo] agreed to acquire [Orbital] after a year of talks.\n\n[Quillon] signed a supply contract with [Harbex].\n\nRegulators blocked the takeover on Friday.", "2024-02-01",
			[]string{"acquisition Zyxo/buyer,Orbital/target 2024 blocked", "supply Quillon/supplier,Harbex/customer 2024 announced"}},
		{"an earlier block does not undo a completed deal", "[Zyxo] completed its purchase of [Orbital] on Tuesday.\n\nA court had blocked an earlier form of the transaction last year.", "2024-02-01",
			[]string{"acquisition Zyxo/buyer,Orbital/target 2024 completed"}},
		{"rights for a company's products are not the company", "[Zyxo] will sell the streaming rights for [Orbital] films in Asia to [Quillon].", "2024-02-01", nil},
		{"a company's named units are still sold", "[Zyxo] agreed to sell the assets of its [Orbital] subsidiaries to [Quillon].", "2024-02-01",
			[]string{"acquisition Quillon/buyer,Orbital/target 2024 agreed_in_principle"}},
		// Talks that ended.
		{"talks ended in the same sentence", "[Quillon] said it was ending its talks to acquire [Harbex].", "2024-02-01",
			[]string{"acquisition Quillon/buyer,Harbex/target 2024 terminated"}},
		{"talks ended in another sentence", "[Harbex] will not sell its port unit to [Quillon], ending months of negotiations.\n\n[Quillon] had said in May it was in talks to buy [Harbex].", "2024-09-01",
			[]string{"acquisition Quillon/buyer,Harbex/target 2024 terminated"}},
		{"an offer ended", "[Quillon] said on Friday it ended its cash offer for [Harbex].", "2024-09-01",
			[]string{"acquisition Quillon/buyer,Harbex/target 2024 terminated"}},
		{"ended talks with others leave a deal alone", "[Quillon] was in talks to buy [Harbex].\n\n[Veltro] ended its negotiations with [Mardan] on Monday.", "2024-09-01",
			[]string{"acquisition Quillon/buyer,Harbex/target 2024 proposed"}},
		// Clouds chosen as suppliers.
		{"moving to a cloud", "[Zyxo] is moving its payment systems to {Orbital Cloud|Orbital|cloud} over two years.", "2024-02-01",
			[]string{"supply Zyxo/customer,Orbital/supplier 2024 announced [Orbital Cloud]"}},
		{"finished moving to a cloud product", "[Zyxo] said it had finished migrating its stores to {Nimbus|Orbital|cloud}.", "2024-02-01",
			[]string{"supply Zyxo/customer,Orbital/supplier 2024 completed [Nimbus]"}},
		{"spending on a cloud", "[Zyxo] will spend $300 million on {Orbital Cloud|Orbital|cloud} over four years.", "2024-02-01",
			[]string{"supply Zyxo/customer,Orbital/supplier 2024 announced [Orbital Cloud]"}},
		{"choosing the owner of a cloud", "{Nimbus|Orbital|cloud} is growing fast.\n\n[Zyxo] chose [Orbital] for its machine learning tools.", "2024-02-01",
			[]string{"supply Zyxo/customer,Orbital/supplier 2024 announced [Nimbus]"}},
		{"the company after a cloud deal", "[Zyxo] agreed to spend $1 billion on {Orbital Cloud|Orbital|cloud}.\n\nThe company had earlier signed up to spend $500 million on {Veltro Cloud|Veltro|cloud}.", "2024-02-01",
			[]string{"supply Zyxo/customer,Orbital/supplier 2024 announced [Orbital Cloud]", "supply Zyxo/customer,Veltro/supplier 2024 announced [Veltro Cloud]"}},
		{"moving somewhere else is no deal", "[Zyxo] moved its headquarters to [Orbital]'s old campus.", "2024-02-01", nil},
		{"a move agreed as part of a deal", "[Zyxo] and [Orbital] formed a partnership on Monday.\n\nAs part of the deal, [Zyxo] will move its data to {Nimbus|Orbital|cloud}.", "2024-02-01",
			[]string{"partnership Zyxo/partner,Orbital/partner 2024 announced [Nimbus]"}},
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
