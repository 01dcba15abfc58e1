// Command train-models builds the loader's learned data from public
// corpora and the labelled articles, deterministically: the same inputs
// give the same files byte for byte, and CI checks that the committed
// files are what it makes.
//
//	go run ./tools/train-models -words loader/models/words.tsv UNLABELLED...
//
// -words counts how the unlabelled articles (JSONL files or directories of
// .txt files, read as `partnergraph load` reads them) write each word, in
// lower case or capitalised inside a sentence (see loader.Lexicon).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/partnergraph/partnergraph/loader"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	words := flag.String("words", "", "write the word lexicon of the unlabelled inputs to `file`")
	minCount := flag.Int("min-count", 3, "keep words seen at least `n` times")
	flag.Parse()
	if err := run(log, *words, *minCount, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "train-models:", err)
		os.Exit(1)
	}
}

func run(log *slog.Logger, words string, minCount int, inputs []string) error {
	if words == "" || len(inputs) == 0 {
		return fmt.Errorf("usage: train-models -words FILE UNLABELLED...")
	}
	b := loader.NewLexiconBuilder()
	n, skipped := 0, 0
	for raw, err := range loader.Read(context.Background(), inputs, nil) {
		if err != nil {
			skipped++
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
	f, err := os.Create(words)
	if err != nil {
		return err
	}
	if err := b.WriteTo(f, minCount); err != nil {
		f.Close()
		return err
	}
	log.Info("wrote lexicon", "file", words, "articles", n, "skipped", skipped)
	return f.Close()
}
