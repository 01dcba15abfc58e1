package partnergraph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// statusRank orders statuses by how far a deal has got. Terminated and
// blocked end a deal and rank above the rest.
var statusRank = map[DealStatus]int{
	Rumored: 0, Proposed: 1, AgreedInPrinciple: 2, Announced: 3, Completed: 4, Blocked: 5, Terminated: 5,
}

func terminal(s DealStatus) bool { return s == Terminated || s == Blocked }

// compareReports orders a deal's reports in time: by publication date,
// undated reports last (nothing says when they came), then by how far the
// status has got, then by article.
func compareReports(a, b Evidence) int {
	return cmp.Or(boolCmp(a.Published == "", b.Published == ""), cmp.Compare(a.Published, b.Published),
		cmp.Compare(statusRank[a.Status], statusRank[b.Status]), cmp.Compare(a.ArticleID, b.ArticleID))
}

// StatusChange is one step of a deal's status history: the status an
// article reported, on its publication date.
type StatusChange struct {
	// Status is the status from then on.
	Status DealStatus
	// Date is the reporting article's publication date (YYYY-MM-DD), or ""
	// when it carries none.
	Date string
	// ArticleID is the reporting article.
	ArticleID string
}

// StatusHistory returns how a deal's status moved with its reports, in
// report order (by date, undated reports last): the first report's status,
// then every report that moved it. A report moves the status forward
// (proposed → announced → completed) or ends the deal (terminated,
// blocked); a later report of an earlier stage (a story recalling the
// announcement of a deal long completed) does not move it back, and only a
// completion or another ending follows an ending. The last entry is the
// deal's status.
func StatusHistory(ev []Evidence) []StatusChange {
	reports := slices.Clone(ev)
	slices.SortFunc(reports, compareReports)
	var out []StatusChange
	var cur DealStatus
	for _, e := range reports {
		s := e.Status
		if s == "" || s == cur {
			continue
		}
		switch {
		case cur == "":
		case terminal(cur):
			if s != Completed && !terminal(s) {
				continue
			}
		case !terminal(s) && statusRank[s] < statusRank[cur]:
			continue
		}
		cur = s
		out = append(out, StatusChange{Status: s, Date: e.Published, ArticleID: e.ArticleID})
	}
	return out
}

// Aggregate returns d with Year, Status, PlatformIDs, Confidence and, when
// some report states it, Value derived from every piece of evidence that
// supports it, so that all stores agree:
//
//   - Year is the earliest non-zero year any article gives (the deal was
//     made then; later articles often only repeat it).
//   - Status is the last of [StatusHistory]: the latest report moves it,
//     unless it only recalls an earlier stage.
//   - PlatformIDs is the sorted union of the platforms of the reports about
//     the deal's time: those published by the year after the deal's year
//     (or undated), and of later ones only the platforms their sentence
//     names, so that a story years later about something else lends the
//     deal none of its platforms. When no report qualifies, those of the
//     reports of the first year any was published.
//   - Confidence is 1 - Π(1 - c): independent reports corroborate.
//   - Value and Currency are the amount most reports state (ties to the
//     earliest report); without one they are left as they are.
//
// With no evidence d is returned unchanged.
func Aggregate(d Deal, ev []Evidence) Deal {
	if len(ev) == 0 {
		return d
	}
	reports := slices.Clone(ev)
	slices.SortFunc(reports, compareReports)
	d.Year = 0
	miss := 1.0
	for _, e := range reports {
		if e.Year != 0 && (d.Year == 0 || e.Year < d.Year) {
			d.Year = e.Year
		}
		miss *= 1 - clamp01(e.Confidence)
	}
	if h := StatusHistory(reports); len(h) > 0 {
		d.Status = h[len(h)-1].Status
	} else {
		d.Status = reports[len(reports)-1].Status
	}
	d.Confidence = 1 - miss
	d.PlatformIDs = dealPlatforms(d.Year, reports)
	if v, cur, ok := statedValue(reports); ok {
		d.Value, d.Currency = &v, cur
	}
	return d
}

// dealPlatforms returns the platforms of a deal of the given year from its
// reports in report order, as [Aggregate] documents.
func dealPlatforms(year int, reports []Evidence) []string {
	var platforms []string
	allLate := true
	for _, e := range reports {
		if contemporary(year, e) {
			allLate = false
			platforms = append(platforms, e.PlatformIDs...)
			continue
		}
		for _, p := range e.PlatformIDs {
			if namesPlatform(e.Sentence, p) {
				platforms = append(platforms, p)
			}
		}
	}
	if platforms == nil && allLate && len(reports) > 0 {
		// Every report is late: take those of the first year reported.
		first := reports[0].Published[:4]
		for _, e := range reports {
			if strings.HasPrefix(e.Published, first) {
				platforms = append(platforms, e.PlatformIDs...)
			}
		}
	}
	slices.Sort(platforms)
	return slices.Compact(platforms)
}

// contemporary reports whether report e was published by the year after
// the deal's year (or the year or date is unknown).
func contemporary(year int, e Evidence) bool {
	if year == 0 || len(e.Published) < 4 {
		return true
	}
	y, err := strconv.Atoi(e.Published[:4])
	return err != nil || y <= year+1
}

// namesPlatform reports whether sentence names the platform with ID id
// (its words, as [PlatformID] makes them, in a row).
func namesPlatform(sentence, id string) bool {
	words := strings.TrimPrefix(id, "p:")
	return words != "" && strings.Contains("-"+Slug(sentence)+"-", "-"+words+"-")
}

// statedValue returns the amount most reports state, ties going to the
// earliest report.
func statedValue(reports []Evidence) (float64, string, bool) {
	type amount struct {
		v   float64
		cur string
	}
	count := map[amount]int{}
	var order []amount
	for _, e := range reports {
		if e.Value == nil {
			continue
		}
		a := amount{*e.Value, e.Currency}
		if count[a] == 0 {
			order = append(order, a)
		}
		count[a]++
	}
	if len(order) == 0 {
		return 0, "", false
	}
	best := order[0]
	for _, a := range order[1:] {
		if count[a] > count[best] {
			best = a
		}
	}
	return best.v, best.cur, true
}

func clamp01(x float64) float64 { return min(max(x, 0), 1) }

// DealSummary describes deal d in one line from the names of its parties
// and platforms, e.g. "Microsoft and SEGA partnership on Azure" or
// "Chrysler Corp acquisition of American Motors Corp". companyName and
// platformName return a name for an ID, or "" when they know none (the ID
// is used then).
func DealSummary(d Deal, companyName, platformName func(id string) string) string {
	if len(d.Parties) == 0 {
		return strings.ReplaceAll(string(d.Type), "_", " ")
	}
	ns := make([]string, len(d.Parties))
	for i, p := range d.Parties {
		if ns[i] = companyName(p.CompanyID); ns[i] == "" {
			ns[i] = p.CompanyID
		}
	}
	var s string
	switch {
	case len(ns) == 1:
		s = ns[0] + " " + strings.ReplaceAll(string(d.Type), "_", " ")
	case d.Type == Acquisition:
		s = ns[0] + " acquisition of " + strings.Join(ns[1:], " and ")
	case d.Type == Investment:
		s = ns[0] + " investment in " + strings.Join(ns[1:], " and ")
	default:
		s = strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1] + " " + strings.ReplaceAll(string(d.Type), "_", " ")
	}
	var ps []string
	for _, id := range d.PlatformIDs {
		if n := platformName(id); n != "" {
			ps = append(ps, n)
		}
	}
	if len(ps) > 0 {
		s += " on " + strings.Join(ps, ", ")
	}
	return s
}
