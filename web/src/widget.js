// widget.js: an embeddable view of the partnership graph around a company:
// companies and the platforms their deals are on, deals as lines coloured
// by type, fetched from the partnergraph GraphQL endpoint and kept current
// by its dealAdded and dealUpdated subscriptions.
//
// Ways to use it (docs/widget.md):
//   - the page /widget?company=sega&depth=2, e.g. in an <iframe>;
//   - <partner-graph company="sega" depth="2"></partner-graph> after
//     <script src="https://HOST/assets/widget.js"></script> on any page (the
//     endpoint defaults to the script's origin + /graphql; the server must
//     list the page's origin with --cors-origin);
//   - <div data-partnergraph-company="sega"></div> with the same script;
//   - PartnerGraph.mount(element, { company, endpoint, depth, ... }).
//
// Every string that comes from articles is untrusted: it reaches the page
// only as text (format.js's h, textContent) or as Cytoscape canvas labels,
// never as HTML; links are kept only for http(s) URLs.
import cytoscape from 'cytoscape';
import { query } from './fetcher.js';
import { h, safeURL, words, money, dealCaption, DEAL_TYPES, TENTATIVE, FAILED } from './widget/format.js';
import { GraphModel } from './widget/model.js';
import { pickLabels } from './widget/labels.js';
import { subscribe } from './widget/live.js';

export { safeURL } from './widget/format.js';
export { pickLabels, overlaps } from './widget/labels.js';

const NEIGHBORHOOD = `query WidgetNeighborhood($id: ID!, $depth: Int, $limit: Int, $types: [DealType!]) {
  neighborhood(id: $id, depth: $depth, limit: $limit, types: $types, platforms: true) {
    truncated
    nodes { id kind label depth }
    edges { id source target type status year deal { id summary sourceCount value currency } }
    links { id source target kind deal { id year } }
  }
}`;

const SEARCH = `query WidgetSearch($text: String!) {
  search(text: $text, first: 12) { kind id name score company { dealCount } }
}`;

// COMPANY_FIELDS is the company selection of the details panel. Fields the
// schema grows (a parent company, subsidiaries) can be added here; the
// panel shows parent and subsidiaries when the answer has them.
export const COMPANY_FIELDS = 'id name aliases dealCount ownedPlatforms { id name }';

const COMPANY = `query WidgetCompanyDetails($id: ID!) { company(id: $id) { ${COMPANY_FIELDS} } }`;

const PLATFORM = `query WidgetPlatform($id: ID!) {
  platform(id: $id) {
    id name kind aliases owner { id name }
    deals(first: 50) { totalCount edges { node {
      id type status year summary sourceCount value currency
      parties { role company { id name } }
      platforms { id name owner { id } }
    } } }
  }
}`;

// DEAL_FIELDS is the deal selection of the details panel. A status history
// the schema grows (statusHistory { status date article { title } }) can
// be added here; the panel lists it when the answer has it.
export const DEAL_FIELDS = `id type status year summary confidence value currency sourceCount
    parties { role company { id name } }
    platforms { id name }
    sources(first: 10) { sentence article { title url publisher published } }`;

const DEAL = `query WidgetDeal($id: ID!) { deal(id: $id) { ${DEAL_FIELDS} } }`;

const EVENT_FIELDS = `kind deal {
  id type status year summary sourceCount value currency
  parties { role company { id name } }
  platforms { id name owner { id } }
} article { title }`;
const DEAL_ADDED = `subscription WidgetDealAdded { dealAdded { ${EVENT_FIELDS} } }`;
const DEAL_UPDATED = `subscription WidgetDealUpdated { dealUpdated { ${EVENT_FIELDS} } }`;

// Themes: the colours of the page and of the canvas.
const THEMES = {
  light: { bg: '#ffffff', fg: '#1f2933', muted: '#52606d', line: '#d9e2ec', company: '#475569', centre: '#d97706', platform: '#0f766e', group: '#94a3b8', link: '#9aa5b1', select: '#d64545', labelBg: '#ffffff' },
  dark: { bg: '#0f172a', fg: '#e2e8f0', muted: '#94a3b8', line: '#334155', company: '#94a3b8', centre: '#f59e0b', platform: '#2dd4bf', group: '#64748b', link: '#64748b', select: '#f87171', labelBg: '#0f172a' },
};

const FONT_PX = 11; // label size on screen, whatever the zoom
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif'; // the canvas measures with it too
// Where a node's label may go, in order of preference: text-valign,
// text-halign and the margins in screen pixels (see updateLabels).
const POSITIONS = [['bottom', 'center', 0, 2], ['top', 'center', 0, -2], ['center', 'right', 2, 0], ['center', 'left', -2, 0]];
const LABEL_MAX_PX = 130; // longest label on screen before an ellipsis

const CSS = `
partner-graph { display: block; height: 420px; }
.pg-widget { --pg-bg: #fff; --pg-fg: #1f2933; --pg-muted: #52606d; --pg-line: #d9e2ec; --pg-panel: #f8fafc; --pg-accent: #2563eb;
  position: relative; display: flex; flex-direction: column; height: 100%; min-height: 300px; box-sizing: border-box;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--pg-fg); background: var(--pg-bg); border: 1px solid var(--pg-line); overflow: hidden; }
.pg-widget[data-theme="dark"] { --pg-bg: #0f172a; --pg-fg: #e2e8f0; --pg-muted: #94a3b8; --pg-line: #334155; --pg-panel: #111c33; --pg-accent: #60a5fa; }
.pg-widget *, .pg-widget *::before { box-sizing: border-box; }
.pg-widget button, .pg-widget select, .pg-widget input { font: inherit; color: inherit; background: var(--pg-bg); border: 1px solid var(--pg-line); border-radius: 4px; padding: 2px 6px; height: 26px; }
.pg-widget button { cursor: pointer; }
.pg-widget button:hover, .pg-widget summary:hover { border-color: var(--pg-accent); }
.pg-toolbar { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 4px 6px; border-bottom: 1px solid var(--pg-line); }
.pg-search { position: relative; flex: 1 1 130px; min-width: 110px; }
.pg-search input { width: 100%; }
.pg-suggest { position: absolute; z-index: 5; top: 28px; left: 0; right: 0; margin: 0; padding: 2px 0; list-style: none; background: var(--pg-bg); border: 1px solid var(--pg-line); border-radius: 4px; box-shadow: 0 4px 12px rgba(0,0,0,.15); max-height: 220px; overflow: auto; }
.pg-suggest[hidden] { display: none; }
.pg-suggest li { padding: 3px 8px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pg-suggest li[aria-selected="true"], .pg-suggest li:hover { background: var(--pg-line); }
.pg-suggest small { color: var(--pg-muted); margin-left: 6px; }
.pg-types { position: relative; }
.pg-types summary { list-style: none; cursor: pointer; border: 1px solid var(--pg-line); border-radius: 4px; padding: 2px 6px; height: 26px; line-height: 20px; }
.pg-types summary::-webkit-details-marker { display: none; }
.pg-types > div { position: absolute; z-index: 5; top: 28px; left: 0; background: var(--pg-bg); border: 1px solid var(--pg-line); border-radius: 4px; padding: 4px 8px; box-shadow: 0 4px 12px rgba(0,0,0,.15); white-space: nowrap; }
.pg-types label { display: block; }
.pg-swatch { display: inline-block; width: 10px; height: 3px; margin: 0 4px 2px 2px; vertical-align: middle; border-radius: 1px; }
.pg-main { position: relative; flex: 1 1 auto; display: flex; min-height: 0; }
.pg-widget[data-layout="bottom"] .pg-main { flex-direction: column; }
.pg-graph { position: relative; flex: 1 1 auto; min-width: 0; min-height: 120px; }
.pg-panel { flex: 0 0 auto; position: relative; overflow: auto; background: var(--pg-panel); border-left: 1px solid var(--pg-line); padding: 6px 26px 8px 10px; }
.pg-widget[data-layout="side"] .pg-panel { width: clamp(200px, 38%, 340px); }
.pg-widget[data-layout="bottom"] .pg-panel { max-height: 45%; border-left: 0; border-top: 1px solid var(--pg-line); }
.pg-panel[hidden] { display: none; }
.pg-panel h3 { margin: 0 0 4px; font-size: 13px; overflow-wrap: anywhere; }
.pg-panel dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 1px 8px; margin: 0 0 6px; }
.pg-panel dt { color: var(--pg-muted); }
.pg-panel dd { margin: 0; overflow-wrap: anywhere; }
.pg-panel blockquote { margin: 2px 0; padding-left: 6px; border-left: 3px solid var(--pg-line); }
.pg-panel ul { margin: 2px 0 6px; padding-left: 16px; }
.pg-panel a { color: var(--pg-accent); }
.pg-panel .pg-actions { display: flex; gap: 4px; margin: 4px 0 6px; flex-wrap: wrap; }
.pg-panel .pg-deal-link { cursor: pointer; text-decoration: underline dotted; }
.pg-close { position: absolute; top: 4px; right: 4px; border: 0 !important; background: none !important; font-size: 16px; line-height: 1; padding: 0 4px !important; height: auto !important; color: var(--pg-muted); }
.pg-footer { display: flex; gap: 8px; align-items: center; padding: 2px 6px; border-top: 1px solid var(--pg-line); color: var(--pg-muted); font-size: 11px; min-height: 20px; }
.pg-status { flex: 1 1 auto; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.pg-status.pg-error { color: #dc2626; white-space: normal; }
.pg-live { flex: 0 0 auto; }
.pg-live::before { content: ""; display: inline-block; width: 7px; height: 7px; border-radius: 50%; margin-right: 4px; background: var(--pg-muted); }
.pg-live[data-live="live"]::before { background: #16a34a; }
.pg-legend { display: flex; flex-wrap: wrap; gap: 2px 8px; padding: 2px 6px 3px; border-top: 1px solid var(--pg-line); color: var(--pg-muted); font-size: 11px; }
.pg-legend span { white-space: nowrap; }
.pg-legend i { display: inline-block; vertical-align: middle; margin-right: 3px; }
.pg-legend .pg-dot { width: 9px; height: 9px; border-radius: 50%; }
.pg-legend .pg-hex { width: 10px; height: 9px; clip-path: polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%); }
.pg-legend .pg-line { width: 14px; height: 0; border-top: 2px solid; }
`;

/** injectStyle adds the widget's stylesheet to the document once. */
function injectStyle(doc) {
  if (doc.getElementById('partnergraph-widget-style')) return;
  const style = doc.createElement('style');
  style.id = 'partnergraph-widget-style';
  style.textContent = CSS;
  doc.head.append(style);
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

function toYear(v) {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** parseTypes reads "partnership,joint_venture" into known type names. */
function parseTypes(v) {
  const known = DEAL_TYPES.map(([t]) => t);
  const list = Array.isArray(v) ? v : String(v || '').split(',');
  return list.map((t) => String(t).trim().toLowerCase().replace(/[\s-]+/g, '_')).filter((t) => known.includes(t));
}

function typeColour(type, dark) {
  const row = DEAL_TYPES.find(([t]) => t === type);
  return row ? row[dark ? 2 : 1] : '#9aa5b1';
}

/** stylesheet is the Cytoscape style for a theme. */
function stylesheet(themeName) {
  const t = THEMES[themeName] || THEMES.light;
  const dark = themeName === 'dark';
  const style = [
    {
      selector: 'node',
      style: {
        label: '', 'font-size': FONT_PX, 'font-family': FONT_FAMILY, color: t.fg, 'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 2,
        'text-wrap': 'ellipsis', 'text-max-width': LABEL_MAX_PX, 'text-background-color': t.labelBg, 'text-background-opacity': 0.7,
        'text-background-padding': 1, 'min-zoomed-font-size': 0, 'background-color': t.company, width: 'data(size)', height: 'data(size)',
        'border-width': 1, 'border-color': t.bg,
      },
    },
    { selector: 'node.pg-label, node.pg-hover, node:selected', style: { label: 'data(label)' } },
    { selector: 'node[kind = "platform"]', style: { shape: 'round-hexagon', 'background-color': t.platform } },
    { selector: 'node[kind = "group"]', style: { shape: 'round-rectangle', 'background-color': t.group, label: 'data(label)', 'text-valign': 'center', color: t.bg, 'text-background-opacity': 0, width: 30, height: 20 } },
    { selector: 'node.pg-centre', style: { 'background-color': t.centre, 'border-width': 3, 'border-color': t.bg } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': t.select, 'z-index': 10 } },
    { selector: 'node.pg-new', style: { 'border-width': 4, 'border-color': '#16a34a' } },
    {
      selector: 'edge',
      style: { width: 'data(width)', 'curve-style': 'bezier', 'line-color': '#9aa5b1', 'text-rotation': 'autorotate', 'font-size': FONT_PX, 'font-family': FONT_FAMILY, color: t.fg, 'text-background-color': t.labelBg, 'text-background-opacity': 0.85, 'text-background-padding': 1 },
    },
    ...DEAL_TYPES.map(([type]) => ({ selector: `edge[type = "${type}"]`, style: { 'line-color': typeColour(type, dark) } })),
    { selector: TENTATIVE.map((s) => `edge[status = "${s}"]`).join(', '), style: { 'line-style': 'dashed' } },
    { selector: FAILED.map((s) => `edge[status = "${s}"]`).join(', '), style: { 'line-style': 'dotted', opacity: 0.6 } },
    { selector: 'edge[kind = "on_platform"]', style: { width: 1, 'line-color': t.link, 'line-style': 'dotted', 'curve-style': 'straight' } },
    { selector: 'edge[kind = "owned_by"]', style: { width: 1, 'line-color': t.link, 'line-style': 'dashed', 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'target-arrow-color': t.link, 'arrow-scale': 0.7 } },
    { selector: 'edge[kind = "group"]', style: { width: 1, 'line-color': t.group } },
    { selector: 'edge:selected, edge.pg-hover', style: { label: 'data(caption)', width: 4, 'z-index': 10 } },
    { selector: 'edge.pg-new', style: { width: 5, 'z-index': 10 } },
  ];
  return style;
}

/** legend builds the legend for the deal types present, in the theme's colours. */
function legend(types, themeName) {
  const t = THEMES[themeName] || THEMES.light;
  const dark = themeName === 'dark';
  return [
    h('span', null, h('i', { class: 'pg-dot', style: `background:${t.centre}` }), 'centre'),
    h('span', null, h('i', { class: 'pg-dot', style: `background:${t.company}` }), 'company'),
    h('span', null, h('i', { class: 'pg-hex', style: `background:${t.platform}` }), 'platform'),
    ...types.map((type) => h('span', null, h('i', { class: 'pg-line', style: `border-top-color:${typeColour(type, dark)}` }), words(type))),
    h('span', null, h('i', { class: 'pg-line', style: `border-top:2px dashed ${t.muted}` }), 'rumoured / proposed'),
    h('span', null, h('i', { class: 'pg-line', style: `border-top:2px dotted ${t.muted}` }), 'terminated / blocked'),
    h('span', null, h('i', { class: 'pg-line', style: `border-top:1px dotted ${t.link}` }), 'deal on platform'),
  ];
}

function rows(pairs) {
  return h('dl', null, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/**
 * mount renders the graph around options.company into element and returns
 * a handle (see docs/widget.md). handle.ready resolves once the graph is
 * drawn, or rejects with the error the widget shows.
 */
export function mount(element, options = {}) {
  if (!element) throw new Error('PartnerGraph.mount: no element');
  const doc = element.ownerDocument;
  injectStyle(doc);
  const endpoint = options.endpoint || defaultEndpoint(currentScript);
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const state = {
    company: String(options.company || '').trim(),
    depth: toInt(options.depth, 1, 1, 4),
    limit: toInt(options.limit, 100, 1, 500),
    maxNodes: toInt(options.maxNodes, 60, 10, 500),
    types: parseTypes(options.types),
    yearFrom: toYear(options.yearFrom),
    yearTo: toYear(options.yearTo),
    theme: options.theme === 'dark' || (options.theme !== 'light' && prefersDark && options.theme === 'auto') ? 'dark' : 'light',
    live: options.live !== false && options.live !== 'false',
    keep: [], // node IDs never gathered into a group (the selection)
    open: new Set(), // neighbours whose group was opened
    extra: 0, // companies shown beyond maxNodes because groups were opened
    selected: null,
  };
  const model = new GraphModel();
  const abort = new AbortController();

  // --- the DOM ---------------------------------------------------------
  const input = h('input', { type: 'search', placeholder: 'Find a company…', 'aria-label': 'Find a company', autocomplete: 'off', spellcheck: 'false' });
  const suggest = h('ul', { class: 'pg-suggest', role: 'listbox', hidden: true });
  const depthSelect = h('select', { 'aria-label': 'Depth', title: 'How many deals away from the centre' },
    [1, 2, 3, 4].map((d) => h('option', { value: d }, `depth ${d}`)));
  depthSelect.value = String(state.depth);
  const typeBoxes = DEAL_TYPES.map(([type, light, dark]) => h('input', { type: 'checkbox', value: type, checked: state.types.length === 0 || state.types.includes(type), 'data-light': light, 'data-dark': dark }));
  const typesSummary = h('summary', { title: 'Deal types' }, 'types');
  const typesMenu = h('details', { class: 'pg-types' }, typesSummary,
    h('div', null, typeBoxes.map((box, i) => h('label', null, box, h('span', { class: 'pg-swatch', style: `background:${DEAL_TYPES[i][1]}` }), words(DEAL_TYPES[i][0])))));
  const yearFromSelect = h('select', { 'aria-label': 'From year', title: 'Deals from this year' });
  const yearToSelect = h('select', { 'aria-label': 'To year', title: 'Deals up to this year' });
  const pngButton = h('button', { type: 'button', title: 'Save the graph as a PNG image', 'aria-label': 'Save as PNG' }, 'PNG');
  const themeButton = h('button', { type: 'button', title: 'Switch between light and dark', 'aria-label': 'Switch theme' }, '◐');
  const toolbar = h('div', { class: 'pg-toolbar' }, h('div', { class: 'pg-search' }, input, suggest), depthSelect, typesMenu, yearFromSelect, '–', yearToSelect, pngButton, themeButton);
  const graph = h('div', { class: 'pg-graph' });
  const panelBody = h('div', { class: 'pg-panel-body' });
  const closeButton = h('button', { class: 'pg-close', type: 'button', 'aria-label': 'Close details' }, '×');
  const panel = h('aside', { class: 'pg-panel', 'aria-live': 'polite', hidden: true }, closeButton, panelBody);
  const status = h('div', { class: 'pg-status', role: 'status' }, 'Loading…');
  const liveBadge = h('span', { class: 'pg-live', 'data-live': 'off', title: 'Live updates', hidden: !state.live }, 'live');
  const legendBox = h('div', { class: 'pg-legend', 'aria-label': 'Legend' });
  const box = h('div', { class: 'pg-widget', 'data-state': 'loading', 'data-theme': state.theme, 'data-layout': 'side' },
    toolbar, h('div', { class: 'pg-main' }, graph, panel), h('div', { class: 'pg-footer' }, status, liveBadge), legendBox);
  element.replaceChildren(box);

  const handle = {
    element: box,
    cy: null,
    model,
    state,
    events: [],
    destroy() {
      abort.abort();
      if (handle.cy) handle.cy.destroy();
      resizeObserver.disconnect();
      element.replaceChildren();
      const i = instances.indexOf(handle);
      if (i >= 0) instances.splice(i, 1);
    },
  };
  instances.push(handle);

  const setStatus = (text, error = false) => {
    status.textContent = text;
    status.className = error ? 'pg-status pg-error' : 'pg-status';
  };

  // --- Cytoscape -------------------------------------------------------
  const cy = cytoscape({
    container: graph,
    style: stylesheet(state.theme),
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
  });
  handle.cy = cy;

  const measure = doc.createElement('canvas').getContext('2d');
  const textWidth = (text) => {
    if (!measure) return text.length * FONT_PX * 0.6;
    measure.font = `${FONT_PX}px ${FONT_FAMILY}`;
    return measure.measureText(text).width;
  };

  /**
   * updateLabels shows the labels that fit without overlapping, most
   * important first, at a constant size on screen whatever the zoom.
   */
  const updateLabels = () => {
    const zoom = cy.zoom();
    const candidates = [];
    const obstacles = [];
    cy.nodes().forEach((n) => {
      const p = n.position();
      const half = n.height() / 2;
      obstacles.push({ id: n.id(), box: { x1: p.x - n.width() / 2, x2: p.x + n.width() / 2, y1: p.y - half, y2: p.y + half } });
      if (n.data('kind') === 'group') return;
      // The label's box in model units: its text, at most LABEL_MAX_PX wide,
      // with a pixel of margin, below the node, else above, right or left
      // of it (POSITIONS).
      const w = Math.min(textWidth(n.data('label')), LABEL_MAX_PX) / zoom;
      const hgt = (FONT_PX * 1.3) / zoom;
      const below = p.y + half + 1 / zoom;
      const above = p.y - half - 1 / zoom - hgt;
      const centre = n.hasClass('pg-centre');
      const priority = (centre ? 1e6 : 0) + (n.selected() ? 5e5 : 0) + n.degree(false) * 100 - n.data('depth') * 10;
      // Cytoscape's own label box adds its background padding and line
      // spacing: each box is padded so that it covers it.
      const pad = 4 / zoom;
      const padded = (b) => ({ x1: b.x1 - pad, x2: b.x2 + pad, y1: b.y1 - pad, y2: b.y2 + pad });
      candidates.push({
        id: n.id(), priority, free: centre,
        boxes: [
          { x1: p.x - w / 2, x2: p.x + w / 2, y1: below, y2: below + hgt },
          { x1: p.x - w / 2, x2: p.x + w / 2, y1: above, y2: above + hgt },
          { x1: p.x + n.width() / 2 + 1 / zoom, x2: p.x + n.width() / 2 + 1 / zoom + w, y1: p.y - hgt / 2, y2: p.y + hgt / 2 },
          { x1: p.x - n.width() / 2 - 1 / zoom - w, x2: p.x - n.width() / 2 - 1 / zoom, y1: p.y - hgt / 2, y2: p.y + hgt / 2 },
        ].map(padded),
      });
    });
    const picked = pickLabels(candidates, obstacles, 0);
    handle.labelBoxes = new Map([...picked].map(([id, i]) => [id, candidates.find((c) => c.id === id).boxes[i]]));
    cy.batch(() => cy.nodes().forEach((n) => {
      const at = picked.get(n.id());
      n.toggleClass('pg-label', at !== undefined);
      const [valign, halign, mx, my] = POSITIONS[at || 0];
      n.style({ 'font-size': FONT_PX / zoom, 'text-max-width': LABEL_MAX_PX / zoom, 'text-valign': valign, 'text-halign': halign, 'text-margin-x': mx / zoom, 'text-margin-y': my / zoom });
    }));
  };
  let labelTimer = null;
  cy.on('zoom', () => {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(updateLabels, 80);
  });
  cy.on('dragfree', 'node', updateLabels);

  /** elementsOf turns the model's view into Cytoscape elements. */
  const elementsOf = (view) => {
    const degree = new Map();
    for (const e of view.edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) || 0) + 1);
    const els = [];
    for (const n of view.nodes) {
      const d = degree.get(n.id) || 0;
      let size = n.kind === 'platform' ? 20 : Math.round(Math.min(40, 14 + 5 * Math.sqrt(d)));
      if (n.id === model.centre) size = Math.max(size, 26);
      els.push({ group: 'nodes', data: { id: n.id, kind: n.kind, label: n.label, depth: n.depth, size } });
    }
    for (const g of view.groups) {
      els.push({ group: 'nodes', data: { id: g.id, kind: 'group', label: g.label, depth: 99, size: 20, neighbour: g.neighbour, members: g.members.length } });
      els.push({ group: 'edges', data: { id: `${g.id}:edge`, source: g.neighbour, target: g.id, kind: 'group', width: 1, caption: '' } });
    }
    for (const e of view.edges) {
      const sources = Number(e.deal.sourceCount || 1);
      els.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, kind: 'deal', type: e.type, status: e.status, deal: e.deal.id, width: 1.5 + Math.min(sources - 1, 4) * 0.75, caption: dealCaption({ ...e, ...e.deal, type: e.type, year: e.year }) } });
    }
    for (const l of view.links) {
      els.push({ group: 'edges', data: { id: l.id, source: l.source, target: l.target, kind: l.kind, deal: l.dealId, width: 1, caption: l.kind === 'owned_by' ? 'owns' : 'deal on platform' } });
    }
    return els;
  };

  /**
   * render draws the model's current view. New nodes start next to a
   * neighbour already drawn; a layout runs when nodes came or went.
   */
  const render = ({ relayout = false } = {}) => {
    const view = model.view({ yearFrom: state.yearFrom, yearTo: state.yearTo, maxNodes: state.maxNodes + state.extra, keep: state.keep, open: state.open });
    const els = elementsOf(view);
    const want = new Set(els.map((e) => e.data.id));
    let changed = false;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!want.has(el.id())) {
          el.remove();
          changed = true;
        }
      });
      for (const el of els) {
        const old = cy.getElementById(el.data.id);
        if (old.nonempty()) {
          old.data(el.data);
          continue;
        }
        if (el.group === 'nodes') {
          const anchor = els.find((e) => e.group === 'edges' && (e.data.source === el.data.id || e.data.target === el.data.id) && cy.getElementById(e.data.source === el.data.id ? e.data.target : e.data.source).nonempty());
          if (anchor) {
            const other = cy.getElementById(anchor.data.source === el.data.id ? anchor.data.target : anchor.data.source).position();
            el.position = { x: other.x + (Math.random() - 0.5) * 80, y: other.y + (Math.random() - 0.5) * 80 };
          }
          changed = true;
        }
      }
      cy.add(els.filter((el) => cy.getElementById(el.data.id).empty() && el.group === 'nodes'));
      cy.add(els.filter((el) => cy.getElementById(el.data.id).empty() && el.group === 'edges'));
      cy.nodes().removeClass('pg-centre');
      if (model.centre) cy.getElementById(model.centre).addClass('pg-centre');
    });
    // The legend and the year lists first: they take the room the graph
    // is then fitted into.
    legendBox.replaceChildren(...legend(model.types(DEAL_TYPES.map(([t]) => t)), state.theme));
    fillYears();
    if (changed || relayout) {
      cy.resize();
      runLayout(relayout);
    }
    updateLabels();
    const companies = view.nodes.filter((n) => n.kind === 'company').length;
    const platforms = view.nodes.length - companies;
    const gathered = view.groups.reduce((s, g) => s + g.members.length, 0);
    const centre = model.nodes.get(model.centre);
    setStatus(`${centre ? centre.label : ''}: ${companies} companies, ${platforms} platforms, ${new Set(view.edges.map((e) => e.deal.id)).size} deals` +
      (gathered ? `; ${gathered} companies with one deal gathered in “+N”` : '') + (model.truncated ? ' (limit reached)' : '') + '. Click for details.');
    box.dataset.nodes = String(cy.nodes().length);
    box.dataset.edges = String(cy.edges('[kind = "deal"]').length);
    box.dataset.platforms = String(platforms);
  };

  const runLayout = (full) => {
    const n = cy.nodes().length;
    const opts = n > 150
      ? { name: 'concentric', concentric: (node) => 10 - Math.min(node.data('depth'), 9), levelWidth: () => 1, minNodeSpacing: 6, animate: false }
      : { name: 'cose', animate: false, randomize: full, nodeDimensionsIncludeLabels: false, idealEdgeLength: () => 70, nodeRepulsion: () => 9000, numIter: 1500, padding: 20 };
    cy.layout({ ...opts, fit: true, padding: 30 }).run();
    if (cy.zoom() > 1.6) {
      cy.zoom(1.6);
      cy.center();
    }
    fitted = true;
  };
  // fitted says the view is the layout's fit, which a resize of the widget
  // keeps; panning or zooming by hand ends it.
  let fitted = false;
  cy.on('dragpan scrollzoom pinchzoom', () => { fitted = false; });
  const refit = () => {
    cy.fit(undefined, 30);
    if (cy.zoom() > 1.6) {
      cy.zoom(1.6);
      cy.center();
    }
  };

  // --- the years and types controls ------------------------------------
  const fillYears = () => {
    const years = model.years();
    for (const [select, value, label] of [[yearFromSelect, state.yearFrom, 'from'], [yearToSelect, state.yearTo, 'to']]) {
      const opts = [h('option', { value: '' }, label === 'from' ? 'any year' : 'any year'), ...years.map((y) => h('option', { value: y }, String(y)))];
      select.replaceChildren(...opts);
      select.value = value == null ? '' : String(value);
    }
  };
  yearFromSelect.addEventListener('change', () => {
    state.yearFrom = toYear(yearFromSelect.value);
    render();
  });
  yearToSelect.addEventListener('change', () => {
    state.yearTo = toYear(yearToSelect.value);
    render();
  });
  depthSelect.addEventListener('change', () => {
    state.depth = toInt(depthSelect.value, 1, 1, 4);
    load(model.centre || state.company).catch(() => {});
  });
  typeBoxes.forEach((b) => b.addEventListener('change', () => {
    const on = typeBoxes.filter((x) => x.checked).map((x) => x.value);
    state.types = on.length === typeBoxes.length ? [] : on;
    typesSummary.textContent = state.types.length ? `types (${state.types.length})` : 'types';
    load(model.centre || state.company).catch(() => {});
  }));

  // --- search ------------------------------------------------------------
  let searchTicket = 0;
  let hits = [];
  let active = -1;
  const showSuggestions = () => {
    suggest.replaceChildren(...hits.map((hit, i) => h('li', { role: 'option', 'aria-selected': i === active ? 'true' : 'false', 'data-id': hit.id, onmousedown: (ev) => { ev.preventDefault(); choose(hit); } },
      hit.name, h('small', null, `${hit.company ? hit.company.dealCount : 0} deals`))));
    suggest.hidden = hits.length === 0;
  };
  const choose = (hit) => {
    hits = [];
    showSuggestions();
    input.value = hit.name;
    handle.focus(hit.id).catch(() => {});
  };
  input.addEventListener('input', async () => {
    const text = input.value.trim();
    const ticket = ++searchTicket;
    if (text.length < 1) {
      hits = [];
      showSuggestions();
      return;
    }
    try {
      const data = await query(endpoint, SEARCH, { text });
      if (ticket !== searchTicket) return;
      hits = (data.search || []).filter((x) => x.kind === 'COMPANY').slice(0, 8);
      active = hits.length ? 0 : -1;
      showSuggestions();
    } catch {
      /* the next keystroke tries again */
    }
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!hits.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      showSuggestions();
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      if (hits[active]) choose(hits[active]);
      else if (input.value.trim()) handle.focus(input.value.trim()).catch(() => {});
    } else if (ev.key === 'Escape') {
      hits = [];
      showSuggestions();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => { hits = []; showSuggestions(); }, 150));

  // --- the details panel -------------------------------------------------
  let ticket = 0; // only the latest click may fill the panel
  const openPanel = (...nodes) => {
    panelBody.replaceChildren(...nodes);
    if (panel.hidden) {
      panel.hidden = false;
      cy.resize();
    }
    keepVisible();
  };
  const closePanel = () => {
    panel.hidden = true;
    cy.resize();
    cy.elements().unselect();
    state.selected = null;
  };
  closeButton.addEventListener('click', closePanel);

  /** keepVisible pans so that the selection lies inside the graph area. */
  const keepVisible = () => {
    const el = state.selected ? cy.getElementById(state.selected) : null;
    if (!el || el.empty()) return;
    const bb = el.renderedBoundingBox({ includeLabels: false });
    const w = cy.width();
    const ht = cy.height();
    const m = 12;
    if (bb.x1 < m || bb.y1 < m || bb.x2 > w - m || bb.y2 > ht - m) cy.center(el);
  };

  const dealLine = (e) => h('li', null, h('span', { class: 'pg-deal-link', role: 'button', tabindex: '0', onclick: () => handle.show(e.id) },
    `${words(e.type)}${e.year ? ` ${e.year}` : ''}: ${e.deal.summary || ''}`), e.deal.value ? ` (${money(e.deal.value, e.deal.currency)})` : '');

  const companyPanel = async (id, my) => {
    const node = model.nodes.get(id);
    openPanel(h('h3', null, node ? node.label : id), h('p', null, 'Loading…'));
    const data = await query(endpoint, COMPANY, { id });
    if (my !== ticket) return;
    const c = data.company || { name: node ? node.label : id, aliases: [] };
    const shown = [...model.edges.values()].filter((e) => e.source === id || e.target === id);
    openPanel(
      h('h3', null, c.name),
      h('div', { class: 'pg-actions' },
        h('button', { type: 'button', onclick: () => handle.expand(id) }, 'Expand'),
        id !== model.centre ? h('button', { type: 'button', onclick: () => handle.focus(id) }, 'Centre here') : null),
      rows([
        ['Kind', 'company'],
        ['Aliases', (c.aliases || []).join(', ')],
        ['Deals', c.dealCount],
        ['Owns', (c.ownedPlatforms || []).map((p) => p.name).join(', ')],
        ['Parent', c.parent ? c.parent.name : ''],
        ['Subsidiaries', (c.subsidiaries || []).map((s) => s.name).join(', ')],
      ]),
      shown.length ? h('ul', null, shown.map(dealLine)) : null,
    );
  };

  const platformPanel = async (id, my) => {
    const node = model.nodes.get(id);
    openPanel(h('h3', null, node ? node.label : id), h('p', null, 'Loading…'));
    const data = await query(endpoint, PLATFORM, { id });
    if (my !== ticket) return;
    const p = data.platform || { name: node ? node.label : id, deals: { edges: [] } };
    handle.platformDeals = (p.deals && p.deals.edges || []).map((e) => e.node);
    openPanel(
      h('h3', null, p.name),
      h('div', { class: 'pg-actions' }, h('button', { type: 'button', onclick: () => handle.expand(id) }, 'Expand')),
      rows([
        ['Kind', `platform (${words(p.kind)})`],
        ['Owner', p.owner ? p.owner.name : ''],
        ['Aliases', (p.aliases || []).join(', ')],
        ['Deals', p.deals ? p.deals.totalCount : ''],
      ]),
    );
  };

  const dealPanel = async (dealID, label, my) => {
    openPanel(h('h3', null, label), h('p', null, 'Loading…'));
    const data = await query(endpoint, DEAL, { id: dealID });
    if (my !== ticket) return;
    const d = data.deal;
    if (!d) {
      openPanel(h('h3', null, label), h('p', null, 'This deal is no longer in the graph.'));
      return;
    }
    const sources = (d.sources || []).map((s) => {
      const a = s.article || {};
      const href = safeURL(a.url);
      const title = a.title || a.url || 'article';
      return h('li', null, h('blockquote', null, s.sentence || ''),
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title) : h('span', null, title),
        a.publisher ? ` — ${a.publisher}` : '', a.published ? `, ${a.published}` : '');
    });
    openPanel(
      h('h3', null, d.summary || d.id),
      rows([
        ['Type', words(d.type)],
        ['Status', words(d.status)],
        ['Year', d.year || 'unknown'],
        ['Value', money(d.value, d.currency)],
        ['Parties', (d.parties || []).map((p) => `${p.company ? p.company.name : '?'} (${words(p.role)})`).join(', ')],
        ['Platforms', (d.platforms || []).map((p) => p.name).join(', ')],
        ['Confidence', typeof d.confidence === 'number' ? d.confidence.toFixed(2) : undefined],
        ['Sources', d.sourceCount > sources.length ? `${d.sourceCount} (first ${sources.length} below)` : d.sourceCount],
      ]),
      Array.isArray(d.statusHistory) && d.statusHistory.length
        ? h('ul', { class: 'pg-history' }, d.statusHistory.map((x) => h('li', null, `${words(x.status)}${x.date ? ` ${x.date}` : ''}`, x.article && x.article.title ? ` — ${x.article.title}` : '')))
        : null,
      sources.length ? h('ul', null, sources) : null,
    );
  };

  /** show selects an element (node or edge ID) and opens its details. */
  handle.show = async (id) => {
    const el = cy.getElementById(id);
    if (el.empty()) return;
    const my = ++ticket;
    cy.elements().unselect();
    el.select();
    state.selected = id;
    try {
      if (el.isEdge()) {
        if (el.data('kind') === 'deal' || el.data('deal')) await dealPanel(el.data('deal'), el.data('caption'), my);
      } else if (el.data('kind') === 'group') {
        state.open.add(el.data('neighbour'));
        state.extra += el.data('members'); // opening a group must not gather another
        render({ relayout: true });
        openPanel(h('h3', null, `${el.data('members')} companies`), h('p', null, `Companies whose only deal here is with ${(model.nodes.get(el.data('neighbour')) || {}).label || ''}, now shown.`));
      } else if (el.data('kind') === 'platform') {
        await platformPanel(id, my);
      } else {
        await companyPanel(id, my);
      }
    } catch (err) {
      if (my === ticket) openPanel(h('h3', null, el.data('label') || id), h('p', null, `Could not load details: ${err.message}`));
    }
    updateLabels();
  };

  cy.on('tap', 'node, edge', (evt) => { handle.show(evt.target.id()); });
  cy.on('tap', (evt) => { if (evt.target === cy && !panel.hidden) closePanel(); });
  cy.on('dbltap', 'node[kind = "company"]', (evt) => { handle.focus(evt.target.id()).catch(() => {}); });
  cy.on('mouseover', 'node, edge', (evt) => evt.target.addClass('pg-hover'));
  cy.on('mouseout', 'node, edge', (evt) => evt.target.removeClass('pg-hover'));

  // --- loading -------------------------------------------------------------
  const fetchHood = (id, depth) => query(endpoint, NEIGHBORHOOD, { id, depth, limit: state.limit, types: state.types.length ? state.types.map((t) => t.toUpperCase()) : null });

  /** load draws the neighbourhood of company, replacing the graph. */
  const load = async (company) => {
    box.dataset.state = 'loading';
    setStatus(`Loading ${company}…`);
    try {
      if (!company) throw new Error('no company given (use ?company=NAME, the company attribute or the search box)');
      const data = await fetchHood(company, state.depth);
      const hood = data.neighborhood;
      model.clear();
      state.keep = [];
      state.open = new Set();
      state.extra = 0;
      model.addNeighborhood(hood);
      model.centre = hood.nodes.length ? String(hood.nodes[0].id) : null;
      state.company = model.centre || company;
      cy.elements().remove();
      if (!panel.hidden) closePanel();
      render({ relayout: true });
      box.dataset.state = 'ready';
      box.dataset.centre = model.centre || '';
      return handle;
    } catch (err) {
      const msg = /no company has/.test(err.message) ? `No company is called “${company}”. Try the search box.` : `Could not load the graph: ${err.message}`;
      setStatus(msg, true);
      box.dataset.state = 'error';
      throw err;
    }
  };

  /** focus re-centres the graph on a company (ID or name). */
  handle.focus = (company) => load(String(company || '').trim());

  /** expand adds the deals one step out of a company or platform. */
  handle.expand = async (id) => {
    const node = model.nodes.get(id);
    if (!node) return;
    setStatus(`Expanding ${node.label}…`);
    if (node.kind === 'platform') {
      const data = await query(endpoint, PLATFORM, { id });
      const deals = data.platform && data.platform.deals ? data.platform.deals.edges.map((e) => e.node) : [];
      for (const d of deals) model.addDeal(d);
    } else {
      const data = await fetchHood(id, 1);
      model.addNeighborhood(data.neighborhood, node.depth);
    }
    state.open.add(id);
    if (!state.keep.includes(id)) state.keep.push(id);
    render();
    box.dataset.expanded = String(Number(box.dataset.expanded || 0) + 1);
  };

  handle.setTheme = (name) => {
    state.theme = name === 'dark' ? 'dark' : 'light';
    box.dataset.theme = state.theme;
    cy.style(stylesheet(state.theme));
    legendBox.replaceChildren(...legend(model.types(DEAL_TYPES.map(([t]) => t)), state.theme));
    updateLabels();
  };
  themeButton.addEventListener('click', () => handle.setTheme(state.theme === 'dark' ? 'light' : 'dark'));

  /** png returns the whole graph as a PNG Blob, on the theme's background. */
  handle.png = () => cy.png({ output: 'blob', full: true, scale: 2, bg: (THEMES[state.theme] || THEMES.light).bg });
  pngButton.addEventListener('click', () => {
    const blob = handle.png();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `partnergraph-${(state.company || 'graph').replace(/[^\w-]+/g, '_')}.png` });
    box.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });

  // --- live updates --------------------------------------------------------
  const onEvent = (data) => {
    const ev = data.dealAdded || data.dealUpdated;
    if (!ev || !ev.deal) return;
    handle.events.push(ev);
    const ids = model.addDeal(ev.deal);
    if (!ids.length) return; // a deal of companies not in view
    for (const p of ev.deal.parties || []) if (p.company && !state.keep.includes(String(p.company.id))) state.keep.push(String(p.company.id));
    render();
    const els = cy.collection();
    for (const id of ids) els.merge(cy.getElementById(id)).merge(cy.getElementById(id).connectedNodes());
    els.addClass('pg-new');
    setTimeout(() => els.removeClass('pg-new'), 6000);
    const from = ev.article && ev.article.title ? ` (“${ev.article.title}”)` : '';
    setStatus(`${ev.kind === 'UPDATED' ? 'Updated' : 'New'} deal: ${ev.deal.summary || words(ev.deal.type)}${from}`);
    box.dataset.events = String(handle.events.length);
  };
  const liveStates = { added: 'off', updated: 'off' };
  const setLive = (which, s) => {
    liveStates[which] = s;
    const on = liveStates.added === 'live' && liveStates.updated === 'live';
    liveBadge.dataset.live = on ? 'live' : 'off';
    liveBadge.title = on ? 'Live: new deals appear as articles are ingested' : 'Live updates are off';
    box.dataset.live = on ? 'live' : 'off';
  };

  // --- size ----------------------------------------------------------------
  const resizeObserver = new ResizeObserver(() => {
    const layout = box.clientWidth >= 560 ? 'side' : 'bottom';
    if (box.dataset.layout !== layout) box.dataset.layout = layout;
    cy.resize();
    if (fitted && panel.hidden && cy.nodes().nonempty()) refit();
    keepVisible();
  });
  resizeObserver.observe(box);

  handle.ready = load(state.company);
  handle.ready.catch(() => {}); // the error is already shown in the widget
  if (state.live) {
    handle.ready.then(() => {
      subscribe(endpoint, DEAL_ADDED, { signal: abort.signal, onData: onEvent, onState: (s) => setLive('added', s) });
      subscribe(endpoint, DEAL_UPDATED, { signal: abort.signal, onData: onEvent, onState: (s) => setLive('updated', s) });
    }, () => {});
  }
  return handle;
}

/** optionsFrom reads widget options from attributes or URL parameters. */
function optionsFrom(get) {
  return {
    endpoint: get('endpoint') || undefined,
    company: get('company'),
    depth: get('depth'),
    limit: get('limit'),
    types: get('types'),
    yearFrom: get('year-from') || get('yearFrom'),
    yearTo: get('year-to') || get('yearTo'),
    theme: get('theme') || 'auto',
    live: get('live') !== 'false',
    maxNodes: get('max-nodes') || get('maxNodes'),
  };
}

/**
 * PartnerGraphElement is <partner-graph company="…" depth="…" types="…"
 * year-from="…" year-to="…" theme="light|dark|auto" endpoint="…"
 * live="false">: the widget as an element, re-drawn when an attribute
 * changes.
 */
const Base = typeof HTMLElement === 'undefined' ? class {} : HTMLElement;
export class PartnerGraphElement extends Base {
  static get observedAttributes() {
    return ['company', 'depth', 'types', 'year-from', 'year-to', 'theme', 'endpoint', 'limit', 'max-nodes', 'live'];
  }

  connectedCallback() {
    this.remount();
  }

  disconnectedCallback() {
    if (this.handle) this.handle.destroy();
    this.handle = null;
  }

  attributeChangedCallback() {
    if (this.isConnected && this.handle) this.remount();
  }

  remount() {
    if (this.handle) this.handle.destroy();
    const opts = optionsFrom((k) => this.getAttribute(k));
    if (!opts.endpoint) opts.endpoint = defaultEndpoint(currentScript);
    this.handle = mount(this, opts);
  }
}

function autoMount() {
  const page = document.getElementById('partnergraph-widget-page');
  if (page) {
    const params = new URLSearchParams(window.location.search);
    const opts = optionsFrom((k) => params.get(k));
    opts.endpoint = page.dataset.endpoint;
    mount(page, opts);
  }
  document.querySelectorAll('[data-partnergraph-company]').forEach((el) => {
    if (el.dataset.partnergraphMounted) return;
    el.dataset.partnergraphMounted = 'true';
    mount(el, optionsFrom((k) => el.dataset[`partnergraph${k.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`]));
  });
}

if (typeof document !== 'undefined') {
  if (typeof customElements !== 'undefined' && !customElements.get('partner-graph')) customElements.define('partner-graph', PartnerGraphElement);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoMount);
  else autoMount();
}
