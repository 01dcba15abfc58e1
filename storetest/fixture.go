package storetest

import (
	pg "github.com/partnergraph/partnergraph"
)

// The IDs of the fixture's articles, companies and platforms.
const (
	ArticleCloud  = "a:cloud-gaming-alliances" // 2019-11-05: Microsoft–SEGA and Sony–Microsoft
	ArticleBid    = "a:reuters-activision-bid" // 2022-01-18: Microsoft bids for Activision; Sony–Nintendo supply
	ArticleCloses = "a:activision-deal-closes" // 2023-10-13: the Activision deal closes; SEGA–Nintendo licence
	Microsoft     = "microsoft"
	SEGA          = "sega"
	Sony          = "sony"
	Activision    = "activision-blizzard"
	Nintendo      = "nintendo"
	Azure         = "p:azure"
	Xbox          = "p:xbox"
	PlayStation   = "p:playstation"
	GamePass      = "p:game-pass"
)

const (
	publishedCloud   = "2019-11-05"
	publishedBid     = "2022-01-18"
	publishedCloses  = "2023-10-13"
	activisionValue  = 68.7e9
	activisionSource = "Microsoft Corp will buy Activision Blizzard for $68.7 billion."
)

// The IDs of the fixture's deals.
var (
	// DealMicrosoftSEGA is the 2019 Microsoft–SEGA partnership on Azure,
	// reported by ArticleCloud.
	DealMicrosoftSEGA = pg.DealID(pg.Partnership, []pg.Party{{CompanyID: Microsoft, Role: pg.RolePartner}, {CompanyID: SEGA, Role: pg.RolePartner}})
	// DealSonyMicrosoft is the 2019 Sony–Microsoft cloud partnership on
	// Azure, reported by ArticleCloud.
	DealSonyMicrosoft = pg.DealID(pg.Partnership, []pg.Party{{CompanyID: Sony, Role: pg.RolePartner}, {CompanyID: Microsoft, Role: pg.RolePartner}})
	// DealActivision is Microsoft's acquisition of Activision Blizzard,
	// announced in 2022 (ArticleBid) and completed in 2023 (ArticleCloses).
	DealActivision = pg.DealID(pg.Acquisition, []pg.Party{{CompanyID: Microsoft, Role: pg.RoleBuyer}, {CompanyID: Activision, Role: pg.RoleTarget}})
	// DealSonyNintendo is a 2017 supply deal on PlayStation, reported by
	// ArticleBid.
	DealSonyNintendo = pg.DealID(pg.Supply, []pg.Party{{CompanyID: Sony, Role: pg.RoleSupplier}, {CompanyID: Nintendo, Role: pg.RoleCustomer}})
	// DealSEGANintendo is a rumoured licence of unknown year, reported by
	// ArticleCloses.
	DealSEGANintendo = pg.DealID(pg.Licensing, []pg.Party{{CompanyID: SEGA, Role: pg.RoleLicensor}, {CompanyID: Nintendo, Role: pg.RoleLicensee}})
)

// Fixture returns a small realistic graph as one batch: five companies,
// four platforms (Game Pass with no owner), three articles and five deals of
// different types, years and statuses, one of them (DealActivision) reported
// by two articles. Each call returns a fresh copy.
func Fixture() pg.Batch {
	value := activisionValue
	return pg.Batch{
		Articles: []pg.Article{
			{ID: ArticleCloud, URL: "https://example.com/cloud-gaming", Title: "Cloud gaming makes strange bedfellows", Publisher: "Example Tech", Published: publishedCloud},
			{ID: ArticleBid, URL: "https://example.com/reuters/activision", Title: "Microsoft to buy Activision Blizzard in $68.7 billion deal", Publisher: "Reuters", Published: publishedBid},
			{ID: ArticleCloses, URL: "https://example.com/activision-closes", Title: "Microsoft closes Activision deal", Publisher: "Example News", Published: publishedCloses},
		},
		Companies: []pg.Company{
			{ID: Microsoft, Name: "Microsoft", Aliases: []string{"Microsoft Corp", "MSFT"}},
			{ID: SEGA, Name: "SEGA", Aliases: []string{"Sega", "SEGA Corporation"}},
			{ID: Sony, Name: "Sony", Aliases: []string{"Sony Group", "Sony Interactive Entertainment"}},
			{ID: Activision, Name: "Activision Blizzard", Aliases: []string{"Activision"}},
			{ID: Nintendo, Name: "Nintendo"},
		},
		Platforms: []pg.Platform{
			{ID: Azure, Name: "Azure", Kind: pg.PlatformCloud, OwnerID: Microsoft, Aliases: []string{"Microsoft Azure"}},
			{ID: Xbox, Name: "Xbox", Kind: pg.PlatformConsole, OwnerID: Microsoft, Aliases: []string{"Xbox Series X"}},
			{ID: PlayStation, Name: "PlayStation", Kind: pg.PlatformConsole, OwnerID: Sony, Aliases: []string{"PS5"}},
			{ID: GamePass, Name: "Game Pass", Kind: pg.PlatformStore},
		},
		Deals: []pg.Deal{
			{
				ID: DealMicrosoftSEGA, Type: pg.Partnership, Status: pg.Announced, Year: 2019,
				Parties:     []pg.Party{{CompanyID: Microsoft, Role: pg.RolePartner}, {CompanyID: SEGA, Role: pg.RolePartner}},
				PlatformIDs: []string{Azure}, Summary: "Microsoft and SEGA partnership on Azure", Confidence: 0.8,
			},
			{
				ID: DealSonyMicrosoft, Type: pg.Partnership, Status: pg.Announced, Year: 2019,
				Parties:     []pg.Party{{CompanyID: Sony, Role: pg.RolePartner}, {CompanyID: Microsoft, Role: pg.RolePartner}},
				PlatformIDs: []string{Azure}, Summary: "Sony and Microsoft cloud gaming partnership", Confidence: 0.7,
			},
			{
				ID: DealActivision, Type: pg.Acquisition, Status: pg.Announced, Year: 2022,
				Parties:     []pg.Party{{CompanyID: Microsoft, Role: pg.RoleBuyer}, {CompanyID: Activision, Role: pg.RoleTarget}},
				PlatformIDs: []string{Xbox}, Value: &value, Currency: "USD",
				Summary: "Microsoft acquires Activision Blizzard", Confidence: 0.9,
			},
			{
				ID: DealSonyNintendo, Type: pg.Supply, Status: pg.Completed, Year: 2017,
				Parties:     []pg.Party{{CompanyID: Sony, Role: pg.RoleSupplier}, {CompanyID: Nintendo, Role: pg.RoleCustomer}},
				PlatformIDs: []string{PlayStation}, Summary: "Sony supplies chips to Nintendo", Confidence: 0.4,
			},
			{
				ID: DealSEGANintendo, Type: pg.Licensing, Status: pg.Rumored,
				Parties: []pg.Party{{CompanyID: SEGA, Role: pg.RoleLicensor}, {CompanyID: Nintendo, Role: pg.RoleLicensee}},
				Summary: "SEGA licenses classic games to Nintendo", Confidence: 0.5,
			},
		},
		Evidence: []pg.Evidence{
			{
				DealID: DealMicrosoftSEGA, ArticleID: ArticleCloud, Start: 0, End: 64,
				Sentence: "SEGA and Microsoft agreed to explore a strategic alliance on Azure.",
				Year:     2019, Status: pg.Announced, PlatformIDs: []string{Azure}, Confidence: 0.8, Published: publishedCloud,
			},
			{
				DealID: DealSonyMicrosoft, ArticleID: ArticleCloud, Start: 65, End: 140,
				Sentence: "Sony and Microsoft will partner on cloud gaming built on Microsoft Azure.",
				Year:     2019, Status: pg.Announced, PlatformIDs: []string{Azure}, Confidence: 0.7, Published: publishedCloud,
			},
			{
				DealID: DealActivision, ArticleID: ArticleBid, Start: 0, End: 63,
				Sentence: activisionSource,
				Year:     2022, Status: pg.Announced, PlatformIDs: []string{Xbox}, Confidence: 0.9, Published: publishedBid,
			},
			{
				DealID: DealSonyNintendo, ArticleID: ArticleBid, Start: 200, End: 260,
				Sentence: "Sony has supplied chips to Nintendo since 2017.",
				Year:     2017, Status: pg.Completed, PlatformIDs: []string{PlayStation}, Confidence: 0.4, Published: publishedBid,
			},
			{
				DealID: DealActivision, ArticleID: ArticleCloses, Start: 0, End: 90,
				Sentence: "Microsoft completed its acquisition of Activision Blizzard, bringing its games to Game Pass and Xbox in 2023.",
				Year:     2023, Status: pg.Completed, PlatformIDs: []string{GamePass, Xbox}, Confidence: 0.6, Published: publishedCloses,
			},
			{
				DealID: DealSEGANintendo, ArticleID: ArticleCloses, Start: 91, End: 150,
				Sentence: "SEGA is rumoured to license classic games to Nintendo.",
				Status:   pg.Rumored, Confidence: 0.5, Published: publishedCloses,
			},
		},
		Mentions: []pg.Mention{
			{ArticleID: ArticleCloud, Kind: pg.MentionCompany, EntityID: Microsoft},
			{ArticleID: ArticleCloud, Kind: pg.MentionCompany, EntityID: SEGA},
			{ArticleID: ArticleCloud, Kind: pg.MentionCompany, EntityID: Sony},
			{ArticleID: ArticleCloud, Kind: pg.MentionPlatform, EntityID: Azure},
			{ArticleID: ArticleBid, Kind: pg.MentionCompany, EntityID: Microsoft},
			{ArticleID: ArticleBid, Kind: pg.MentionCompany, EntityID: Activision},
			{ArticleID: ArticleBid, Kind: pg.MentionCompany, EntityID: Sony},
			{ArticleID: ArticleBid, Kind: pg.MentionCompany, EntityID: Nintendo},
			{ArticleID: ArticleBid, Kind: pg.MentionPlatform, EntityID: Xbox},
			{ArticleID: ArticleCloses, Kind: pg.MentionCompany, EntityID: Microsoft},
			{ArticleID: ArticleCloses, Kind: pg.MentionCompany, EntityID: Activision},
			{ArticleID: ArticleCloses, Kind: pg.MentionCompany, EntityID: SEGA},
			{ArticleID: ArticleCloses, Kind: pg.MentionCompany, EntityID: Nintendo},
			{ArticleID: ArticleCloses, Kind: pg.MentionPlatform, EntityID: Xbox},
			{ArticleID: ArticleCloses, Kind: pg.MentionPlatform, EntityID: GamePass},
		},
	}
}

// FixtureCounts is what Counts returns after writing Fixture to an empty
// store.
var FixtureCounts = pg.Counts{
	Companies: 5, Platforms: 4, Deals: 5, Articles: 3,
	Parties: 10, DealPlatforms: 5, Owners: 3, Evidence: 6, Mentions: 15, Ownerships: 1,
}

// ActivisionParent is the ownership the fixture's completed acquisition
// gives Activision Blizzard: Microsoft owns it since the article that
// reported the deal complete.
var ActivisionParent = pg.Ownership{ParentID: Microsoft, ChildID: Activision, ArticleID: ArticleCloses, DealID: DealActivision, Date: publishedCloses}
