// Command train-models builds the loader's learned data from public
// corpora and the labelled articles, deterministically: the same inputs
// give the same files byte for byte, and CI checks that the committed
// files are what it makes (`make models`).
//
//	go run ./tools/train-models -words loader/models/words.tsv -names loader/models/names.tsv \
//		-exclude ../shared/corpus/dev -unlabelled UNLABELLED... \
//		-tagger loader/models/tagger.tsv -deals loader/models/deals.json \
//		-labels ../shared/corpus/seeds -labels ../shared/corpus/dev \
//		-articles ../shared/corpus/seeds.jsonl -articles ../shared/corpus/dev.jsonl
//
// -words counts how the unlabelled articles (JSONL files or directories of
// .txt files, read as `partnergraph load` reads them) write each word, in
// lower case or capitalised inside a sentence; -names lists the company
// names the hand-written recognition rules find in them, with the number
// of articles each is found in (see loader.Lexicon). The articles that
// the labels below the -exclude directories come from (by their dataset
// and ID) are left out, so that cross-validation on the labelled articles
// does not see their own names counted.
//
// -tagger and -deals then train the company tagger (loader.Tagger) and
// the deal model (loader.DealModel) on the labelled articles (-articles,
// with their labels below the -labels directories), reading the lexicon
// just counted, or without -words the one built into this binary. The
// deal model also reads the story classifier built in, so `make models`
// counts the lexicon, trains the story classifier, then runs this again
// for the tagger and the deal model: each step compiled with the files
// the one before wrote.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/partnergraph/partnergraph/eval"
	"github.com/partnergraph/partnergraph/loader"
)

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

type options struct {
	words, names, tagger, deals string
	exclude, unlabelled         multiFlag
	labels, articles            multiFlag
	minCount, minArticles       int
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var o options
	flag.StringVar(&o.words, "words", "", "write the word lexicon of the unlabelled articles to `file`")
	flag.StringVar(&o.names, "names", "", "write the company names the rules find in the unlabelled articles to `file`")
	flag.Var(&o.unlabelled, "unlabelled", "unlabelled articles: a JSONL `file` or a directory (repeatable)")
	flag.Var(&o.exclude, "exclude", "leave out the articles labelled below this `dir` (repeatable)")
	flag.IntVar(&o.minCount, "min-count", 3, "keep words seen at least `n` times")
	flag.IntVar(&o.minArticles, "min-articles", 2, "keep names found in at least `n` articles")
	flag.StringVar(&o.tagger, "tagger", "", "write the company tagger trained on the labelled articles to `file`")
	flag.StringVar(&o.deals, "deals", "", "write the deal model trained on the labelled articles to `file` (with -tagger)")
	flag.Var(&o.labels, "labels", "a `dir` of gold labels for -tagger (repeatable)")
	flag.Var(&o.articles, "articles", "a JSONL `file` of the labelled articles for -tagger (repeatable)")
	flag.Parse()
	if err := run(log, o); err != nil {
		fmt.Fprintln(os.Stderr, "train-models:", err)
		os.Exit(1)
	}
}

func run(log *slog.Logger, o options) error {
	if (o.words == "") != (o.names == "") || (o.tagger == "") != (o.deals == "") || o.words == "" && o.tagger == "" {
		return fmt.Errorf("give -words and -names, or -tagger and -deals, or all four")
	}
	ctx := context.Background()
	g, err := loader.DefaultGazetteer()
	if err != nil {
		return err
	}
	rec := loader.NewEntityRecognizer(g)
	lex := loader.DefaultLexicon()
	if o.words != "" {
		if len(o.unlabelled) == 0 {
			return fmt.Errorf("-words and -names need -unlabelled articles")
		}
		if lex, err = countLexicon(ctx, log, rec, o); err != nil {
			return err
		}
	}
	if o.tagger == "" {
		return nil
	}
	arts, err := labelled(ctx, o.labels, o.articles)
	if err != nil {
		return err
	}
	note := fmt.Sprintf("trained by tools/train-models on %d labelled articles (%s)", len(arts), strings.Join(o.labels, ", "))
	m := loader.NewExtractor(g).WithModels(nil).WithLexicon(lex).Train(arts, loader.TrainOptions{
		Tagger: loader.TaggerOptions{Seed: 1, Note: "company tagger " + note},
		Deals:  loader.DealModelOptions{Seed: 1, Note: "deal model " + note},
	})
	if err := write(o.tagger, m.Tagger.Encode); err != nil {
		return err
	}
	b, err := m.Deals.Encode()
	if err != nil {
		return err
	}
	if err := write(o.deals, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return err
	}
	log.Info("wrote models", "tagger", o.tagger, "deals", o.deals, "articles", len(arts))
	return nil
}

// countLexicon counts the unlabelled articles, writes the word and name
// files and returns the lexicon they hold.
func countLexicon(ctx context.Context, log *slog.Logger, rec *loader.EntityRecognizer, o options) (*loader.Lexicon, error) {
	skip, err := labelledSources(o.exclude)
	if err != nil {
		return nil, err
	}
	b := loader.NewLexiconBuilder(rec)
	n, skipped, excluded := 0, 0, 0
	for raw, err := range loader.Read(ctx, o.unlabelled, nil) {
		if err != nil {
			skipped++
			continue
		}
		if skip[raw.SourceID] {
			excluded++
			continue
		}
		doc, err := loader.Clean(raw)
		if err != nil {
			skipped++
			continue
		}
		b.Add(doc.Text)
		n++
	}
	if err := write(o.words, func(w io.Writer) error { return b.WriteWords(w, o.minCount) }); err != nil {
		return nil, err
	}
	if err := write(o.names, func(w io.Writer) error { return b.WriteNames(w, o.minArticles) }); err != nil {
		return nil, err
	}
	log.Info("wrote lexicon", "words", o.words, "names", o.names, "articles", n, "excluded", excluded, "skipped", skipped)
	return b.Lexicon(o.minCount, o.minArticles), nil
}

// labelled reads the labelled articles and pairs each with its label.
func labelled(ctx context.Context, dirs, articles []string) ([]loader.LabelledArticle, error) {
	gold, err := eval.LoadGold(dirs...)
	if err != nil {
		return nil, err
	}
	byID := map[string]eval.Label{}
	for _, l := range gold {
		byID[l.ID] = l
	}
	var out []loader.LabelledArticle
	for raw, err := range loader.Read(ctx, articles, nil) {
		if err != nil {
			return nil, err
		}
		doc, err := loader.Clean(raw)
		if err != nil {
			return nil, err
		}
		if l, ok := byID[doc.SourceID]; ok {
			out = append(out, loader.LabelledArticle{Doc: doc, Gold: l})
		}
	}
	return out, nil
}

// labelledSources returns the source IDs (as loader.Read gives them) of
// the articles labelled below dirs: a modern article's id, "reuters-N" for
// a Reuters story, "business/005" for a BBC file.
func labelledSources(dirs []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, d := range dirs {
		paths, err := filepath.Glob(filepath.Join(d, "*.json"))
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			var l struct {
				Source struct {
					Dataset string `json:"dataset"`
					ID      string `json:"id"`
					NewID   int    `json:"newid"`
					Path    string `json:"path"`
				} `json:"source"`
			}
			if err := json.Unmarshal(b, &l); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			switch s := l.Source; s.Dataset {
			case "modern":
				out[s.ID] = true
			case "reuters21578":
				out[fmt.Sprintf("reuters-%d", s.NewID)] = true
			case "bbc":
				out[strings.TrimSuffix(s.Path, ".txt")] = true
			}
		}
	}
	return out, nil
}

// write creates path and fills it.
func write(path string, fill func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
