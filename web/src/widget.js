// widget.js: an embeddable Cytoscape view of a company's neighbourhood in
// the partnership graph, fetched from the partnergraph GraphQL endpoint.
//
// Three ways to use it:
//   - the page /widget?company=sega served by the Go binary (put it in an
//     <iframe>);
//   - <div data-partnergraph-company="sega"></div> plus
//     <script src="https://HOST/assets/widget.js"></script> on any page (the
//     endpoint defaults to the script's origin + /graphql; the server must
//     list the page's origin with --cors-origin);
//   - PartnerGraph.mount(element, { company, endpoint, depth, limit }).
//
// Every string that comes from articles (names, summaries, sentences, titles,
// URLs) is untrusted. It reaches the page only through text nodes
// (Node.append of a string, textContent) or Cytoscape's canvas labels, never
// as HTML; links are kept only for http(s) URLs.
import cytoscape from 'cytoscape';
import { query } from './fetcher.js';

const RESOLVE = `query WidgetCompany($id: ID, $name: String) {
  byId: company(id: $id) { id name }
  byName: company(name: $name) { id name }
}`;

const NEIGHBORHOOD = `query WidgetNeighborhood($id: ID!, $depth: Int, $limit: Int) {
  neighborhood(id: $id, depth: $depth, limit: $limit) {
    nodes { id kind label depth }
    edges { id source target type status year label deal { id } }
    truncated
  }
}`;

const DEAL = `query WidgetDeal($id: ID!) {
  deal(id: $id) {
    id type status year summary confidence sourceCount
    parties { role company { id name } }
    platforms { id name }
    sources(first: 10) { sentence article { title url publisher published } }
  }
}`;

const COMPANY = `query WidgetCompanyDetails($id: ID!) {
  company(id: $id) { id name aliases dealCount }
}`;

const PLATFORM = `query WidgetPlatform($id: ID!) {
  platform(id: $id) { id name kind owner { id name } }
}`;

const STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': 120,
      color: '#1f2933',
      'background-color': '#7b8794',
      width: 22,
      height: 22,
    },
  },
  { selector: 'node[kind = "company"]', style: { 'background-color': '#2f6fb5', shape: 'ellipse', width: 28, height: 28 } },
  { selector: 'node[kind = "platform"]', style: { 'background-color': '#2f9e5b', shape: 'round-hexagon' } },
  { selector: 'node[kind = "deal"]', style: { 'background-color': '#e08a1e', shape: 'diamond', width: 16, height: 16, 'font-size': 8 } },
  { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#102a43' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#d64545' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#bcccdc',
      'curve-style': 'bezier',
    },
  },
  { selector: 'edge[type = "partnership"]', style: { 'line-color': '#2f6fb5' } },
  { selector: 'edge[type = "acquisition"], edge[type = "merger"]', style: { 'line-color': '#d64545' } },
  { selector: 'edge[type = "investment"], edge[type = "joint_venture"]', style: { 'line-color': '#2f9e5b' } },
  { selector: 'edge[status = "rumored"], edge[status = "proposed"], edge[status = "terminated"], edge[status = "blocked"]', style: { 'line-style': 'dashed' } },
  { selector: 'edge:selected, edge.hover', style: { label: 'data(label)', 'font-size': 9, 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8, width: 3 } },
];

const CSS = `
.pg-widget { position: relative; display: flex; flex-direction: column; font: 13px/1.4 system-ui, sans-serif; color: #1f2933; min-height: 320px; height: 100%; box-sizing: border-box; border: 1px solid #d9e2ec; background: #fff; }
.pg-widget .pg-graph { flex: 1 1 auto; min-height: 240px; }
.pg-widget .pg-status { position: absolute; top: 6px; left: 8px; right: 8px; color: #52606d; pointer-events: none; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pg-widget .pg-status.pg-error { color: #b42318; pointer-events: auto; }
.pg-widget .pg-info { position: absolute; left: 8px; bottom: 8px; max-width: min(520px, calc(100% - 16px)); max-height: 50%; overflow: auto; box-sizing: border-box; padding: 8px 28px 8px 10px; background: rgba(255,255,255,.96); border: 1px solid #d9e2ec; border-radius: 6px; box-shadow: 0 2px 8px rgba(16,42,67,.15); }
.pg-widget .pg-info[hidden] { display: none; }
.pg-widget .pg-close { position: absolute; top: 4px; right: 6px; border: 0; background: none; font-size: 16px; line-height: 1; cursor: pointer; color: #52606d; }
.pg-widget .pg-sources { margin: 0; padding-left: 16px; }
.pg-widget .pg-info h3 { margin: 0 0 4px; font-size: 14px; }
.pg-widget .pg-info dl { display: grid; grid-template-columns: max-content auto; gap: 2px 10px; margin: 0 0 6px; }
.pg-widget .pg-info dt { color: #52606d; }
.pg-widget .pg-info dd { margin: 0; }
.pg-widget .pg-info blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #d9e2ec; }
.pg-widget .pg-legend { position: absolute; bottom: 6px; right: 8px; color: #52606d; font-size: 11px; pointer-events: none; }
.pg-widget .pg-legend span::before { content: ""; display: inline-block; width: 8px; height: 8px; margin: 0 3px 0 8px; border-radius: 50%; background: var(--c); }
`;

/** injectStyle adds the widget's stylesheet to the document once. */
function injectStyle(doc) {
  if (doc.getElementById('partnergraph-widget-style')) return;
  const style = doc.createElement('style');
  style.id = 'partnergraph-widget-style';
  style.textContent = CSS;
  doc.head.append(style);
}

/**
 * h builds an element. Children that are strings become text nodes, so
 * untrusted text can never turn into markup.
 */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, String(v));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** safeURL returns url when it is an absolute http(s) URL, else null. */
export function safeURL(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** defaultEndpoint derives the endpoint from the widget script's own URL. */
function defaultEndpoint(script) {
  if (script && script.src) {
    try {
      return new URL('/graphql', script.src).href;
    } catch {
      /* fall through */
    }
  }
  return '/graphql';
}

/** instances holds every mounted widget, for scripting and tests. */
export const instances = [];

const currentScript = typeof document !== 'undefined' ? document.currentScript : null;

function toInt(v, def, lo, hi) {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n)) return def;
  return Math.min(Math.max(n, lo), hi);
}

function kindOf(node) {
  const k = String(node.kind || node.type || node.__typename || '').toLowerCase();
  if (k.includes('company')) return 'company';
  if (k.includes('platform')) return 'platform';
  if (k.includes('deal')) return 'deal';
  return k || 'other';
}

/** toElements turns a neighborhood { nodes edges } into Cytoscape elements. */
export function toElements(hood) {
  const nodes = (hood && hood.nodes) || [];
  const ids = new Set(nodes.map((n) => String(n.id)));
  const elements = nodes.map((n) => ({
    group: 'nodes',
    data: { id: String(n.id), kind: kindOf(n), label: String(n.label ?? n.name ?? n.id), depth: Number(n.depth ?? 0) },
  }));
  ((hood && hood.edges) || []).forEach((e, i) => {
    const source = String(e.source);
    const target = String(e.target);
    if (!ids.has(source) || !ids.has(target)) return;
    elements.push({
      group: 'edges',
      data: {
        id: `e${i}:${e.id ?? ''}`,
        source,
        target,
        kind: 'deal',
        type: String(e.type ?? '').toLowerCase(),
        status: String(e.status ?? '').toLowerCase(),
        label: String(e.label ?? ''),
        deal: String((e.deal && e.deal.id) || e.id || ''),
      },
    });
  });
  return elements;
}

function renderRows(rows) {
  return h('dl', null, rows.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

function dealDetails(deal) {
  const parties = (deal.parties || []).map((p) => `${p.company ? p.company.name : '?'} (${String(p.role || '').toLowerCase()})`).join(', ');
  const platforms = (deal.platforms || []).map((p) => p.name).join(', ');
  const sources = (deal.sources || []).map((s) => {
    const a = s.article || {};
    const href = safeURL(a.url);
    const title = a.title || a.url || 'article';
    const cite = href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title) : h('span', null, title);
    return h('li', null, h('blockquote', null, s.sentence || ''), cite, a.publisher ? ` — ${a.publisher}` : '', a.published ? `, ${a.published}` : '');
  });
  return [
    h('h3', null, deal.summary || deal.id),
    renderRows([
      ['Type', String(deal.type || '').toLowerCase()],
      ['Status', String(deal.status || '').toLowerCase()],
      ['Year', deal.year || undefined],
      ['Parties', parties],
      ['Platforms', platforms],
      ['Confidence', typeof deal.confidence === 'number' ? deal.confidence.toFixed(2) : undefined],
      ['Sources', typeof deal.sourceCount === 'number' && deal.sourceCount > sources.length ? `${deal.sourceCount} (first ${sources.length} below)` : deal.sourceCount],
    ]),
    sources.length ? h('ul', { class: 'pg-sources' }, sources) : null,
  ];
}

/**
 * mount renders the neighbourhood of options.company into element and
 * returns a handle { cy, ready, destroy }. ready resolves once the graph is
 * drawn (or rejects with the error shown in the widget).
 */
export function mount(element, options = {}) {
  if (!element) throw new Error('PartnerGraph.mount: no element');
  const doc = element.ownerDocument;
  injectStyle(doc);
  const endpoint = options.endpoint || defaultEndpoint(currentScript);
  const company = String(options.company || '').trim();
  const depth = toInt(options.depth, 1, 1, 4);
  const limit = toInt(options.limit, 60, 1, 500);

  const graph = h('div', { class: 'pg-graph' });
  const status = h('div', { class: 'pg-status', role: 'status' }, 'Loading…');
  const legend = h('div', { class: 'pg-legend', 'aria-hidden': 'true' },
    h('span', { style: '--c:#2f6fb5' }, 'partnership'), h('span', { style: '--c:#d64545' }, 'acquisition / merger'), h('span', { style: '--c:#2f9e5b' }, 'investment / JV'), h('span', { style: '--c:#bcccdc' }, 'other'));
  const infoBody = h('div', { class: 'pg-info-body' });
  const closeButton = h('button', { class: 'pg-close', type: 'button', 'aria-label': 'Close details' }, '×');
  const info = h('div', { class: 'pg-info', 'aria-live': 'polite', hidden: '' }, closeButton, infoBody);
  closeButton.addEventListener('click', () => { info.hidden = true; });
  const showInfo = (...nodes) => { infoBody.replaceChildren(...nodes); info.hidden = false; };
  const box = h('div', { class: 'pg-widget', 'data-state': 'loading' }, graph, status, legend, info);
  element.replaceChildren(box);

  const handle = {
    cy: null,
    element: box,
    destroy() {
      if (handle.cy) handle.cy.destroy();
      element.replaceChildren();
      const i = instances.indexOf(handle);
      if (i >= 0) instances.splice(i, 1);
    },
  };
  instances.push(handle);

  const fail = (err) => {
    status.className = 'pg-status pg-error';
    status.textContent = `Could not load the graph: ${err && err.message ? err.message : err}`;
    box.dataset.state = 'error';
    throw err;
  };

  let shown = 0; // only the latest click may fill the panel
  const showElement = async (node) => {
    const ticket = ++shown;
    const show = (...nodes) => { if (ticket === shown) showInfo(...nodes); };
    const kind = node.data('kind');
    const id = kind === 'deal' && node.isEdge() ? node.data('deal') : node.id();
    show(h('h3', null, node.data('label')), h('p', null, 'Loading…'));
    try {
      if (kind === 'deal') {
        const data = await query(endpoint, DEAL, { id });
        show(...(data.deal ? dealDetails(data.deal) : [h('p', null, 'Deal not found.')]));
      } else if (kind === 'company') {
        const data = await query(endpoint, COMPANY, { id });
        const c = data.company || { name: node.data('label') };
        show(h('h3', null, c.name), renderRows([['Kind', 'company'], ['ID', id], ['Aliases', (c.aliases || []).join(', ')], ['Deals', c.dealCount]]));
      } else if (kind === 'platform') {
        const data = await query(endpoint, PLATFORM, { id });
        const p = data.platform || { name: node.data('label') };
        show(h('h3', null, p.name), renderRows([['Kind', `platform (${String(p.kind || '').toLowerCase()})`], ['ID', id], ['Owner', p.owner ? p.owner.name : '']]));
      } else {
        show(h('h3', null, node.data('label')), renderRows([['ID', id]]));
      }
    } catch (err) {
      show(h('h3', null, node.data('label')), h('p', null, `Could not load details: ${err.message}`));
    }
  };

  handle.ready = (async () => {
    if (!company) throw new Error('no company given (use ?company=ID or data-partnergraph-company)');
    const found = await query(endpoint, RESOLVE, { id: company, name: company });
    const c = found.byId || found.byName;
    if (!c) throw new Error(`company not found: ${company}`);
    const data = await query(endpoint, NEIGHBORHOOD, { id: c.id, depth, limit });
    const elements = toElements(data.neighborhood);
    const cy = cytoscape({
      container: graph,
      elements,
      style: STYLE,
      layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 20 },
      wheelSensitivity: 0.3,
    });
    handle.cy = cy;
    cy.getElementById(c.id).addClass('focus');
    if (cy.zoom() > 1.5) { // a tiny neighbourhood: do not blow it up
      cy.zoom(1.5);
      cy.center();
    }
    cy.on('tap', 'node, edge', (evt) => { showElement(evt.target); });
    cy.on('mouseover', 'edge', (evt) => evt.target.addClass('hover'));
    cy.on('mouseout', 'edge', (evt) => evt.target.removeClass('hover'));
    status.textContent = `${c.name}: ${cy.nodes().length} companies, ${cy.edges().length} deal links${data.neighborhood.truncated ? ' (truncated)' : ''}. Click a company or a link.`;
    box.dataset.state = 'ready';
    box.dataset.nodes = String(cy.nodes().length);
    box.dataset.edges = String(cy.edges().length);
    handle.show = (elementID) => showElement(cy.getElementById(elementID));
    return handle;
  })().catch(fail);
  handle.ready.catch(() => {}); // the error is already shown in the widget
  return handle;
}


function autoMount() {
  const page = document.getElementById('partnergraph-widget-page');
  if (page) {
    const params = new URLSearchParams(window.location.search);
    mount(page, {
      endpoint: page.dataset.endpoint,
      company: params.get('company'),
      depth: params.get('depth'),
      limit: params.get('limit'),
    });
  }
  document.querySelectorAll('[data-partnergraph-company]').forEach((el) => {
    if (el.dataset.partnergraphMounted) return;
    el.dataset.partnergraphMounted = 'true';
    mount(el, {
      endpoint: el.dataset.partnergraphEndpoint,
      company: el.dataset.partnergraphCompany,
      depth: el.dataset.partnergraphDepth,
      limit: el.dataset.partnergraphLimit,
    });
  });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoMount);
  else autoMount();
}
