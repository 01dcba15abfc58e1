package partnergraph

import (
	"cmp"
	"slices"
)

// statusRank orders statuses by how far a deal has got, so that among claims
// of the same publication date the most advanced one wins.
var statusRank = map[DealStatus]int{
	Rumored: 0, Proposed: 1, Announced: 2, AgreedInPrinciple: 3, Completed: 4, Blocked: 5, Terminated: 6,
}

// Aggregate returns d with Year, Status, PlatformIDs and Confidence derived
// from every piece of evidence that supports it, so that all stores agree:
//
//   - Year is the earliest non-zero year any article gives (the deal was
//     made then; later articles often only repeat it).
//   - Status comes from the most recently published article (news moves a
//     deal on); on equal dates the most advanced status wins.
//   - PlatformIDs is the sorted union of every article's platforms.
//   - Confidence is 1 - Π(1 - c): independent reports corroborate.
//
// With no evidence d is returned unchanged.
func Aggregate(d Deal, ev []Evidence) Deal {
	if len(ev) == 0 {
		return d
	}
	d.Year = 0
	latest := ev[0]
	miss := 1.0
	var platforms []string
	for _, e := range ev {
		if e.Year != 0 && (d.Year == 0 || e.Year < d.Year) {
			d.Year = e.Year
		}
		if c := cmp.Compare(e.Published, latest.Published); c > 0 || c == 0 && statusRank[e.Status] > statusRank[latest.Status] {
			latest = e
		}
		miss *= 1 - clamp01(e.Confidence)
		platforms = append(platforms, e.PlatformIDs...)
	}
	d.Status = latest.Status
	d.Confidence = 1 - miss
	slices.Sort(platforms)
	d.PlatformIDs = slices.Compact(platforms)
	return d
}

func clamp01(x float64) float64 { return min(max(x, 0), 1) }
