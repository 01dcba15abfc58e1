package resolvetest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/loader"
)

// ClusterSet is a set of articles grouped by the deal they report, and the
// pairs of groups that are distinct deals between the same companies.
type ClusterSet struct {
	Clusters []Cluster `json:"clusters"`
	// Distinct are pairs of cluster names: two deals that must stay two.
	Distinct [][2]string `json:"distinct"`
}

// Cluster is the articles that report one deal.
type Cluster struct {
	// Name identifies the cluster in Distinct.
	Name string `json:"name"`
	// Type is the deal type; an acquisition and a merger are alike.
	Type pg.DealType `json:"type"`
	// Parties are names of the companies taking part (a name or alias
	// the store knows them by).
	Parties []string `json:"parties"`
	// Articles are "modern:ID" (a line of modern/articles.jsonl) or
	// "bbc:FOLDER/NNN" (a file of the BBC set).
	Articles []string `json:"articles"`
}

//go:embed testdata/clusters.json
var devClusters []byte

// DevClusters returns the project's cluster set, built by reading the
// articles of ../shared/datasets (see docs/resolution.md).
func DevClusters() ClusterSet {
	var cs ClusterSet
	if err := json.Unmarshal(devClusters, &cs); err != nil {
		panic(fmt.Sprintf("resolvetest: testdata/clusters.json: %v", err))
	}
	return cs
}

// ArticleID returns the store ID of a cluster article reference.
func ArticleID(ref string) string {
	return pg.ArticleID(strings.NewReplacer(":", "-", "/", "-").Replace(ref))
}

// Articles reads the articles the clusters name from datasets (the
// ../shared/datasets folder), each once, in the order first named.
func (cs ClusterSet) Articles(ctx context.Context, datasets string) ([]loader.RawArticle, error) {
	var refs []string
	for _, c := range cs.Clusters {
		for _, a := range c.Articles {
			if !slices.Contains(refs, a) {
				refs = append(refs, a)
			}
		}
	}
	modern := map[string]loader.RawArticle{}
	for _, ref := range refs {
		if strings.HasPrefix(ref, "modern:") {
			if len(modern) == 0 {
				path := filepath.Join(datasets, "modern", "articles.jsonl")
				if _, err := os.Stat(path); err != nil {
					return nil, err
				}
				for _, a := range Articles(ctx, []string{path}) {
					modern[a.SourceID] = a
				}
			}
		}
	}
	out := make([]loader.RawArticle, 0, len(refs))
	for _, ref := range refs {
		kind, id, _ := strings.Cut(ref, ":")
		var a loader.RawArticle
		switch kind {
		case "modern":
			var ok bool
			if a, ok = modern[id]; !ok {
				return nil, fmt.Errorf("%s: no such article in modern/articles.jsonl", ref)
			}
		case "bbc":
			arts := Articles(ctx, []string{filepath.Join(datasets, "bbc", id+".txt")})
			if len(arts) != 1 {
				return nil, fmt.Errorf("%s: cannot read bbc/%s.txt", ref, id)
			}
			a = arts[0]
		default:
			return nil, fmt.Errorf("%s: unknown source %q", ref, kind)
		}
		a.SourceID = strings.TrimPrefix(ArticleID(ref), "a:")
		out = append(out, a)
	}
	return out, nil
}

// ClusterResult is how a store holds one cluster.
type ClusterResult struct {
	Name string
	// Articles is the number of the cluster's articles.
	Articles int
	// Best is the deal of the cluster's parties and type that most of its
	// articles report, and Reported how many do ("" and 0 when none).
	Best     string
	Reported int
	// Deals is the number of distinct such deals the articles report.
	Deals int
	// Off are the articles not reporting Best, each with the deals of the
	// cluster's parties it reports instead (none: extraction missed it).
	Off map[string][]string
}

// Whole reports whether one deal has every article of the cluster as a
// source.
func (r ClusterResult) Whole() bool { return r.Reported == r.Articles }

// CheckClusters returns how the store holds each cluster of cs, and the
// pairs of cs.Distinct that it holds as one deal.
func CheckClusters(ctx context.Context, s pg.Reader, cs ClusterSet) ([]ClusterResult, [][2]string, error) {
	byName := map[string]Cluster{}
	for _, c := range cs.Clusters {
		byName[c.Name] = c
	}
	var results []ClusterResult
	reporting := map[string]map[string][]string{} // cluster -> deal -> its articles reporting it
	for _, c := range cs.Clusters {
		deals, err := clusterDeals(ctx, s, c)
		if err != nil {
			return nil, nil, fmt.Errorf("cluster %s: %w", c.Name, err)
		}
		reporting[c.Name] = deals
		r := ClusterResult{Name: c.Name, Articles: len(c.Articles), Deals: len(deals), Off: map[string][]string{}}
		for _, id := range slices.Sorted(maps.Keys(deals)) {
			if len(deals[id]) > r.Reported {
				r.Best, r.Reported = id, len(deals[id])
			}
		}
		for _, a := range c.Articles {
			if slices.Contains(deals[r.Best], a) {
				continue
			}
			r.Off[a] = []string{}
			for _, id := range slices.Sorted(maps.Keys(deals)) {
				if slices.Contains(deals[id], a) {
					r.Off[a] = append(r.Off[a], id)
				}
			}
		}
		results = append(results, r)
	}
	var merged [][2]string
	for _, pair := range cs.Distinct {
		a, b := byName[pair[0]], byName[pair[1]]
		for id, arts := range reporting[a.Name] {
			other := reporting[b.Name][id]
			if slices.ContainsFunc(arts, func(x string) bool { return !slices.Contains(b.Articles, x) }) &&
				slices.ContainsFunc(other, func(x string) bool { return !slices.Contains(a.Articles, x) }) {
				merged = append(merged, pair)
				break
			}
		}
	}
	return results, merged, nil
}

// clusterDeals returns the deals of the cluster's parties and type family
// that its articles report, each with the cluster articles reporting it.
func clusterDeals(ctx context.Context, s pg.Reader, c Cluster) (map[string][]string, error) {
	var parties []string
	for _, n := range c.Parties {
		co, err := s.CompanyByName(ctx, n)
		if err != nil {
			return map[string][]string{}, nil // the company was never extracted
		}
		parties = append(parties, co.ID)
	}
	ids := make([]string, len(c.Articles))
	for i, a := range c.Articles {
		ids[i] = ArticleID(a)
	}
	byArticle, err := s.DealIDsByArticle(ctx, ids)
	if err != nil {
		return nil, err
	}
	var all []string
	for _, ds := range byArticle {
		all = append(all, ds...)
	}
	deals, err := s.DealsByID(ctx, all)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for i, a := range ids {
		for _, did := range byArticle[a] {
			d, ok := deals[did]
			if !ok || family(d.Type) != family(c.Type) || !hasParties(d, parties) {
				continue
			}
			out[did] = append(out[did], c.Articles[i])
		}
	}
	return out, nil
}

func family(t pg.DealType) pg.DealType {
	if t == pg.Merger {
		return pg.Acquisition
	}
	return t
}

func hasParties(d pg.Deal, ids []string) bool {
	for _, id := range ids {
		if !slices.ContainsFunc(d.Parties, func(p pg.Party) bool { return p.CompanyID == id }) {
			return false
		}
	}
	return true
}
