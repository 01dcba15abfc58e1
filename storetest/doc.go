// Package storetest is the contract suite of [partnergraph.Store]: every
// store runs it, and passing it is what makes two stores give the same
// answers. It is in the style of golang.org/x/net/nettest.TestConn: Run
// starts one subtest per behaviour, each on a fresh, empty store. Fixture
// returns the small graph most subtests write first; other packages may
// reuse it in their own tests.
//
// Where the documentation in the root package leaves a choice open, the
// suite pins it down as follows.
//
// Writes:
//   - A company is resolved across the graph (see [partnergraph.Writer]):
//     it joins the stored companies the identity rules say it is, unless
//     one owns the other or an analyst split them, and the joined company
//     has the best name ([partnergraph.CompareNames]) with the ID written
//     with it; every other spelling is an alias, aliases sorted by
//     [partnergraph.SortNames]; Links keep the renames, curations and
//     article aliases that explain an alias. A completed acquisition with
//     one buyer, or a later ownership statement, gives the target a
//     Parent. The same facts written in any order give the same graph
//     (the Resolve subtests).
//   - Upserting a platform keeps the name its ID is made from; other
//     spellings join the aliases. A kind other than "other" beats "other"
//     and none; of two owners the smaller ID is kept.
//   - Deals with evidence are resolved with [partnergraph.ResolveDeals]
//     over the evidence of the same party block, so their IDs are those it
//     gives. Upserting a deal keeps the stored summary, value and currency,
//     filling in empty ones (a summary the store made is made again from
//     the current names; where reports state amounts, the value is
//     theirs); repeated parties are dropped, stored party order kept.
//     A deal with no evidence has the Year, Status, PlatformIDs (sorted,
//     distinct) and Confidence of its latest write; once it has evidence
//     they come from [partnergraph.Aggregate] over all of it alone, given in
//     EvidenceByDeal order. A deal that had evidence and loses all of it
//     (CurateDeleteArticle) is removed.
//   - Evidence is replaced whole per (deal, article); its PlatformIDs are
//     stored sorted and distinct. Mentions are distinct per (article, kind,
//     entity).
//   - A batch is ErrInvalid and writes nothing when any record has an
//     empty ID (article, company, platform, deal, party, platform
//     reference, evidence deal or article, mention article or entity), a
//     company or platform has an empty name, a deal has an unknown type or
//     a mention an unknown kind; or when, after
//     [partnergraph.ApplyCurations], a reference points to nothing in the
//     batch or the store: a platform's owner, a deal's parties and
//     platforms, evidence's deal, article and platforms, a mention's
//     article and entity (of the mention's kind).
//
// Reads:
//   - Counts: Parties is the number of (deal, company, role) parties,
//     DealPlatforms the total length of the deals' aggregated PlatformIDs,
//     Owners the platforms with an owner.
//   - Names sort lower-cased (strings.ToLower), for platforms too; deals of
//     unknown year come last in both year orders; "sources" is the number
//     of evidence. DealIDsByArticle lists IDs in ascending order.
//     EvidenceByDeal orders by the evidence's own Published, then ArticleID.
//   - A malformed cursor, or a cursor of another order, and an unknown sort
//     are ErrInvalid. Cursor strings are private to each store.
//   - Search: limit <= 0 means DefaultPageSize and is capped at
//     MaxPageSize; blank text finds nothing; only hits scoring above 0 are
//     returned; a deal is scored and named by its Summary, without aliases.
//   - Stats: unknown years are left out of DealsByYear; a company taking
//     two roles in a deal counts once in TopPartners.
//
// Curations (a failed curation is not recorded; Curations returns them as
// given, Reason included; an unknown kind is ErrInvalid):
//   - CurateAddAlias adds the alias (ErrInvalid if empty) and nothing else.
//   - CurateMerge checks that both companies exist (ErrNotFound) before the
//     self-merge (ErrConflict). The kept company gains the dropped one's
//     name, then its aliases; the dropped company is removed; its deals are
//     rewritten through ApplyCurations (re-keyed, merged with equal deals,
//     removed with their evidence when fewer than two distinct parties are
//     left); its mentions move to the kept company; its platforms pass to
//     the kept company.
//   - CurateSplit needs the alias among the company's aliases, ignoring case
//     (else ErrNotFound); it removes every alias equal to it ignoring case
//     and creates the company {ID: CompanyID(alias), Name: alias as given};
//     if that ID is the company's own or exists, ErrConflict. Deals stay.
//   - CurateRejectDeal removes the deal and its evidence; mentions stay.
package storetest
