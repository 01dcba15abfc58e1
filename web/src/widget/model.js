// model.js: the graph the widget holds, independent of drawing. It merges
// neighbourhoods and live deals into one set of companies, platforms,
// deals (edges between companies) and links (a company to the platform of
// its deal, a platform to its owner), and computes what to show: the deals
// of the chosen years, and, when there are more companies than fit,
// companies with a single deal gathered into one "+N" node per neighbour.

/** GraphModel holds nodes, deal edges and platform links by ID. */
export class GraphModel {
  constructor() {
    this.clear();
  }

  /** clear forgets everything. */
  clear() {
    this.nodes = new Map(); // id -> { id, kind, label, depth }
    this.edges = new Map(); // id -> { id, source, target, type, status, year, deal }
    this.links = new Map(); // id -> { id, source, target, kind, dealId, year }
    this.centre = null;
    this.truncated = false;
  }

  /**
   * addNeighborhood merges a neighbourhood answer (nodes, edges, links).
   * Depths are counted from the model's centre: a node first seen in the
   * neighbourhood of another company gets that company's depth plus its
   * own. It returns the IDs of the nodes it added.
   */
  addNeighborhood(hood, baseDepth = 0) {
    const added = [];
    for (const n of hood.nodes || []) {
      const id = String(n.id);
      const depth = baseDepth + Number(n.depth || 0);
      const old = this.nodes.get(id);
      if (!old) {
        this.nodes.set(id, { id, kind: kindOf(n.kind), label: String(n.label ?? id), depth });
        added.push(id);
      } else if (depth < old.depth) {
        old.depth = depth;
      }
    }
    for (const e of hood.edges || []) this.putEdge(e);
    for (const l of hood.links || []) {
      const id = String(l.id);
      this.links.set(id, {
        id, source: String(l.source), target: String(l.target), kind: String(l.kind || '').toLowerCase(),
        dealId: l.deal ? String(l.deal.id) : '', year: l.deal && l.deal.year ? Number(l.deal.year) : null,
      });
    }
    if (hood.truncated) this.truncated = true;
    return added;
  }

  /** putEdge adds or updates a deal edge from a GraphEdge-shaped value. */
  putEdge(e) {
    const deal = e.deal || {};
    const id = String(e.id);
    this.edges.set(id, {
      id, source: String(e.source), target: String(e.target),
      type: String(e.type || deal.type || '').toLowerCase(),
      status: String(e.status || deal.status || '').toLowerCase(),
      year: e.year || deal.year ? Number(e.year || deal.year) : null,
      deal: { ...deal, id: String(deal.id || id) },
    });
  }

  /**
   * addDeal adds a deal as a live event carries it: its parties (new ones
   * one step beyond the nearest known party), the edges between them, its
   * platforms and their links, as the server's neighbourhood would. It
   * does nothing unless a party is already in the model, and returns the
   * IDs of the deal's edges, or [] when it did nothing.
   */
  addDeal(deal) {
    const parties = [...new Map((deal.parties || []).filter((p) => p.company).map((p) => [String(p.company.id), p])).values()];
    const known = parties.map((p) => this.nodes.get(String(p.company.id))).filter(Boolean);
    if (known.length === 0 || parties.length < 2) return [];
    const depth = Math.min(...known.map((n) => n.depth)) + 1;
    for (const p of parties) {
      const id = String(p.company.id);
      if (!this.nodes.has(id)) this.nodes.set(id, { id, kind: 'company', label: String(p.company.name ?? id), depth });
    }
    const edgeIDs = [];
    for (let i = 0; i < parties.length; i++) {
      for (let j = i + 1; j < parties.length; j++) {
        const a = String(parties[i].company.id);
        const b = String(parties[j].company.id);
        const id = parties.length > 2 ? `${deal.id}#${a}#${b}` : String(deal.id);
        this.putEdge({ id, source: a, target: b, type: deal.type, status: deal.status, year: deal.year, deal });
        edgeIDs.push(id);
      }
    }
    for (const pl of deal.platforms || []) {
      const pid = String(pl.id);
      const owner = pl.owner ? String(pl.owner.id) : '';
      if (!this.nodes.has(pid)) this.nodes.set(pid, { id: pid, kind: 'platform', label: String(pl.name ?? pid), depth });
      for (const p of parties) {
        const cid = String(p.company.id);
        if (cid === owner) continue;
        const id = `on:${deal.id}:${cid}:${pid}`;
        this.links.set(id, { id, source: cid, target: pid, kind: 'on_platform', dealId: String(deal.id), year: deal.year || null });
      }
      if (owner && this.nodes.has(owner)) {
        const id = `owner:${pid}:${owner}`;
        this.links.set(id, { id, source: pid, target: owner, kind: 'owned_by', dealId: '', year: null });
      }
    }
    return edgeIDs;
  }

  /** years returns the known deal years, ascending. */
  years() {
    return [...new Set([...this.edges.values()].map((e) => e.year).filter(Boolean))].sort((a, b) => a - b);
  }

  /** types returns the deal types present, in the API's order. */
  types(order) {
    const have = new Set([...this.edges.values()].map((e) => e.type));
    return order.filter((t) => have.has(t));
  }

  /**
   * view returns what to draw: { nodes, edges, links, groups }. yearFrom
   * and yearTo (null for open) keep the deals of those years (deals of
   * unknown year only when neither is set); a company is shown when it is
   * the centre or has a deal shown, a platform when a shown company's deal
   * is on it. With more than maxNodes companies shown, companies whose
   * only shown deal partner is one neighbour are gathered into a group node
   * "+N" per neighbour, largest groups first, until the rest fits; keep
   * lists the IDs never gathered, and open the neighbours whose group was
   * opened.
   */
  view({ yearFrom = null, yearTo = null, maxNodes = 60, keep = [], open = new Set() } = {}) {
    const inYears = (y) => (yearFrom == null && yearTo == null) || (y != null && (yearFrom == null || y >= yearFrom) && (yearTo == null || y <= yearTo));
    const edges = [...this.edges.values()].filter((e) => inYears(e.year) && this.nodes.has(e.source) && this.nodes.has(e.target));
    const shownDeals = new Set(edges.map((e) => e.deal.id));
    const partners = new Map(); // company -> Set of partner IDs
    for (const e of edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (!partners.has(a)) partners.set(a, new Set());
        partners.get(a).add(b);
      }
    }
    const companies = [...this.nodes.values()].filter((n) => n.kind === 'company' && (n.id === this.centre || partners.has(n.id)));
    const hidden = new Set();
    const groups = [];
    if (companies.length > maxNodes) {
      const byNeighbour = new Map();
      for (const n of companies) {
        const ps = partners.get(n.id);
        if (n.id === this.centre || keep.includes(n.id) || !ps || ps.size !== 1) continue;
        const [nb] = ps;
        if (open.has(nb) || (partners.get(nb) || new Set()).size <= 1) continue;
        if (!byNeighbour.has(nb)) byNeighbour.set(nb, []);
        byNeighbour.get(nb).push(n.id);
      }
      const candidates = [...byNeighbour.entries()].filter(([, ms]) => ms.length >= 2)
        .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
      let shown = companies.length;
      for (const [nb, members] of candidates) {
        if (shown <= maxNodes) break;
        members.sort();
        members.forEach((m) => hidden.add(m));
        groups.push({ id: `group:${nb}`, neighbour: nb, members, label: `+${members.length}` });
        shown -= members.length - 1;
      }
    }
    const shownCompanies = new Set(companies.filter((n) => !hidden.has(n.id)).map((n) => n.id));
    const shownEdges = edges.filter((e) => shownCompanies.has(e.source) && shownCompanies.has(e.target));
    const links = [...this.links.values()].filter((l) => l.kind === 'on_platform' && shownDeals.has(l.dealId) && shownCompanies.has(l.source));
    const platforms = new Set(links.map((l) => l.target));
    const ownerLinks = [...this.links.values()].filter((l) => l.kind === 'owned_by' && platforms.has(l.source) && shownCompanies.has(l.target));
    const nodes = [...this.nodes.values()].filter((n) => shownCompanies.has(n.id) || platforms.has(n.id));
    return { nodes, edges: shownEdges, links: [...links, ...ownerLinks], groups };
  }
}

function kindOf(kind) {
  const k = String(kind || '').toLowerCase();
  return k === 'platform' ? 'platform' : 'company';
}
