// examples.js: the example operations preloaded as GraphiQL tabs. They use
// only names the schema promises scripts and notebooks (schema.graphqls);
// cmd/partnergraph's TestDocExamples runs every tab against the sample
// articles, and the e2e browser test runs the first and the last (the
// subscription) in the playground.

const sega = `# Who does SEGA work with, on which platforms, and who says so?
# Press the run button (or Ctrl-Enter). The other tabs hold more examples.
query Sega {
  company(name: "SEGA") {
    id
    name
    aliases
    partners {
      company { name }
      dealCount
    }
    deals(first: 10) {
      totalCount
      edges {
        node {
          type
          status
          year
          summary
          parties { role company { name } }
          platforms { name owner { name } }
          sources {
            sentence
            article { title publisher published url }
          }
        }
      }
    }
  }
}
`;

const azure = `# Every deal on Azure, oldest first, 20 per page. To page on, copy
# pageInfo.endCursor into the "after" variable and run again.
query DealsOnAzure($after: String) {
  deals(first: 20, after: $after, filter: { platform: "Azure" }, sort: YEAR_ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        year
        type
        status
        summary
        parties { role company { name } }
        sourceCount
        confidence
      }
    }
  }
}
`;

const neighborhood = `# Microsoft's partners and their partners, with the platforms of their
# deals: the data behind the widget at /widget?company=microsoft&depth=2.
query Neighborhood {
  neighborhood(id: "Microsoft", depth: 2, limit: 50, platforms: true) {
    truncated
    nodes { id kind label depth }
    edges { source target type status year label }
    links { source target kind }
  }
}
`;

const stats = `# Deals per year, type, platform and company, and the size of the graph.
query Stats {
  counts { companies platforms deals articles relationships }
  stats {
    dealsByYear { year count }
    dealsByType { type count }
    dealsByPlatform { platform { name kind owner { name } } count }
    topPartners { company { name } count }
  }
}
`;

const articles = `# The latest articles that mention a company, newest first, with the
# deals each reports. Names work for any company or platform argument.
query Articles {
  articles(first: 10, filter: { company: "Microsoft" }) {
    totalCount
    edges {
      node {
        title
        publisher
        published
        url
        deals { type status year summary }
      }
    }
  }
}
`;

const live = `# New deals as articles are ingested, over graphql-ws. Run it, then ingest
# an article (the ingestArticle mutation, with the server's API key in the
# Headers tab, or curl as in the README's tour) and watch the events arrive.
subscription LiveDeals {
  dealAdded {
    kind
    deal {
      summary
      type
      status
      year
      parties { role company { name } }
      platforms { name }
    }
    article { title published }
  }
}
`;

const search = `# Search names, aliases and deal summaries; then find a chain of deals.
query SearchAndPath {
  search(text: "sony", first: 5) { kind id name score }
  path(from: "SEGA", to: "Sony", maxDepth: 4) {
    length
    companies { name }
    deals { type year summary }
  }
}
`;

/** exampleTabs are GraphiQL's defaultTabs. */
export const exampleTabs = [
  { query: sega },
  { query: azure, variables: '{\n  "after": null\n}' },
  { query: neighborhood },
  { query: stats },
  { query: search },
  { query: articles },
  { query: live },
];
