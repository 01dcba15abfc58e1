package synth

import "strings"

// The pieces of generated company names. A generated name is three
// syllables, an industry word and a legal form ("Velmarion Networks Inc");
// the syllables and the word make the name unique, the legal form varies.
var (
	syllables = []string{
		"ve", "mar", "ion", "tal", "qua", "rix", "no", "zen", "lo", "cor", "bri", "sta",
		"pel", "dra", "vin", "ko", "ta", "ler", "syn", "gal", "ori", "pha", "tex", "mo",
		"ra", "lum", "cal", "dex", "fen", "gra", "hel", "ix", "jun", "ky", "lan", "mir",
		"nex", "ob", "pra", "sol",
	}
	industries = []string{
		"Systems", "Networks", "Labs", "Therapeutics", "Energy", "Logistics", "Games",
		"Software", "Robotics", "Semiconductor", "Analytics", "Materials", "Biosciences",
		"Foods", "Motors", "Payments", "Media", "Aerospace", "Pharmaceuticals", "Telecom",
		"Security", "Devices", "Interactive", "Instruments",
	}
	legalForms = []string{"Inc", "Corp", "Ltd", "Holdings", "Group", "AG", "plc", "Inc", "Corp", "SA"}
)

// stemSpace is the number of distinct generated names.
var stemSpace = len(syllables) * len(syllables) * len(syllables) * len(industries)

// generatedName returns the k-th generated company: its short name, used
// after the first mention, and its full name with the legal form. Distinct
// k below stemSpace give distinct short names; neighbouring k look
// unrelated because k is first scattered by a multiplication modulo
// stemSpace with a factor prime to it.
func generatedName(k int) (short, full string) {
	n := (k*7919 + 104729) % stemSpace
	a := n % len(syllables)
	n /= len(syllables)
	b := n % len(syllables)
	n /= len(syllables)
	c := n % len(syllables)
	n /= len(syllables)
	word := industries[n%len(industries)]
	stem := syllables[a] + syllables[b] + syllables[c]
	stem = strings.ToUpper(stem[:1]) + stem[1:]
	short = stem + " " + word
	return short, short + " " + legalForms[(k/7)%len(legalForms)]
}
