package storetest

import (
	"testing"

	pg "github.com/partnergraph/partnergraph"
)

// testArticles checks the article list: newest first with undated articles
// last, every filter, counts, and a cursor that survives an insert.
func testArticles(t *testing.T, s pg.Store) {
	withFixture(t, s)
	// An undated article and one published the same day as ArticleBid.
	write(t, s, pg.Batch{Articles: []pg.Article{
		{ID: "a:undated", Title: "Undated note", Publisher: "Example Tech"},
		{ID: "a:same-day", Title: "Another view of the bid", Publisher: "Example News", Published: publishedBid},
	}})
	all := []string{ArticleCloses, ArticleBid, "a:same-day", ArticleCloud, "a:undated"}
	tests := []struct {
		name   string
		filter pg.ArticleFilter
		want   []string
	}{
		{"NewestFirst", pg.ArticleFilter{}, all},
		{"TextInTitle", pg.ArticleFilter{Text: "ACTIVISION"}, []string{ArticleCloses, ArticleBid}},
		{"TextInPublisher", pg.ArticleFilter{Text: "example tech"}, []string{ArticleCloud, "a:undated"}},
		{"TextInURL", pg.ArticleFilter{Text: "reuters/"}, []string{ArticleBid}},
		{"MentionsCompany", pg.ArticleFilter{CompanyID: SEGA}, []string{ArticleCloses, ArticleCloud}},
		{"MentionsPlatform", pg.ArticleFilter{PlatformID: Xbox}, []string{ArticleCloses, ArticleBid}},
		{"CompanyIsNotPlatform", pg.ArticleFilter{PlatformID: SEGA}, nil},
		{"YearFrom", pg.ArticleFilter{YearFrom: 2022}, []string{ArticleCloses, ArticleBid, "a:same-day"}},
		{"YearTo", pg.ArticleFilter{YearTo: 2022}, []string{ArticleBid, "a:same-day", ArticleCloud}},
		{"YearAndCompany", pg.ArticleFilter{YearFrom: 2022, YearTo: 2022, CompanyID: Nintendo}, []string{ArticleBid}},
		{"Nothing", pg.ArticleFilter{Text: "no such words"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diff(t, "Articles", tt.want, idsOfArticles(allArticles(t, s, pg.ArticleQuery{Filter: tt.filter})))
			n, err := s.CountArticles(ctx(t), tt.filter)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountArticles = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}

	p, err := s.Articles(ctx(t), pg.ArticleQuery{PageArgs: pg.PageArgs{First: 2}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "first page", all[:2], idsOfArticles(p.Items))
	if !p.HasNextPage {
		t.Error("first page: HasNextPage = false")
	}
	// An article inserted before the cursor does not shift the next page.
	write(t, s, pg.Batch{Articles: []pg.Article{{ID: "a:newest", Title: "Newest", Published: "2024-01-01"}}})
	p, err = s.Articles(ctx(t), pg.ArticleQuery{PageArgs: pg.PageArgs{First: 2, After: p.Cursors[1]}})
	if err != nil {
		t.Fatal(err)
	}
	diff(t, "second page", all[2:4], idsOfArticles(p.Items))
	_, err = s.Articles(ctx(t), pg.ArticleQuery{PageArgs: pg.PageArgs{After: "not a cursor"}})
	wantErr(t, "Articles with a bad cursor", err, pg.ErrInvalid)
}

func allArticles(t testing.TB, s pg.Store, q pg.ArticleQuery) []pg.Article {
	t.Helper()
	q.First = 2 // small pages, so paging is exercised too
	var out []pg.Article
	for {
		p, err := s.Articles(ctx(t), q)
		if err != nil {
			t.Fatalf("Articles(%+v): %v", q, err)
		}
		out = append(out, p.Items...)
		if !p.HasNextPage {
			return out
		}
		q.After = p.Cursors[len(p.Cursors)-1]
	}
}

func idsOfArticles(as []pg.Article) []string {
	ids := make([]string, 0, len(as))
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}
