package memstore

import pg "github.com/partnergraph/partnergraph"

// article is an article as the state keeps it (in a [table]), in 40 bytes
// rather than a [pg.Article]'s 80: without its ID (the table's key), with
// its publisher and date as numbers in the state's word table.
type article struct {
	url, title           string
	publisher, published word
}

// compactArticle returns a as the state keeps it, adding its words to the
// state's table.
func (s *state) compactArticle(a pg.Article) article {
	return article{url: a.URL, title: a.Title, publisher: s.wordID(a.Publisher), published: s.wordID(a.Published)}
}

// expandArticle returns the article whose ID has ref r.
func (s *state) expandArticle(r ref, a *article) pg.Article {
	return pg.Article{ID: s.ids.str(r), URL: a.url, Title: a.title, Publisher: s.wordList[a.publisher], Published: s.wordList[a.published]}
}

// Article implements [storekit.Graph].
func (s *state) Article(id string) (pg.Article, bool) {
	r, ok := s.ids.lookup(id)
	if !ok {
		return pg.Article{}, false
	}
	a, ok := s.articles.get(r)
	if !ok {
		return pg.Article{}, false
	}
	return s.expandArticle(r, a), true
}
