// examples.js: the example operations preloaded as GraphiQL tabs. They use
// only names the schema promises scripts and notebooks (schema.graphqls);
// the e2e browser test runs the first one and expects SEGA in the result.

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

const neighborhood = `# Microsoft's partners and their partners: the data behind the widget
# at /widget?company=microsoft.
query Neighborhood {
  neighborhood(id: "microsoft", depth: 2, limit: 50) {
    truncated
    nodes { id label depth }
    edges { source target type status year label }
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

const search = `# Search names, aliases and deal summaries; then find a chain of deals.
query SearchAndPath {
  search(text: "sony", first: 5) { kind id name score }
  path(from: "sega", to: "sony", maxDepth: 4) {
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
];
