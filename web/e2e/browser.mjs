// browser.mjs drives Debian's Chromium with playwright-core through the
// README's tour against a running partnergraph server (loaded with
// examples/articles). e2e/browser_test.go runs it; by hand:
//
//   node web/e2e/browser.mjs --url http://127.0.0.1:8080 [--chromium /usr/bin/chromium]
//        [--embed-origin http://127.0.0.1:8081] [--api-key KEY] [--screenshots DIR]
//        [--hostile-company ID]
//
// Each check prints "ok NAME: …" and saves DIR/NAME.png; the first failure
// prints "FAIL …" and exits non-zero. The checks:
//   playground       the example tabs load and the SEGA tab runs
//   playground-live  the subscription tab receives a deal ingested meanwhile
//   widget-sega      SEGA two deals out at 640×420: platforms are nodes and
//                    Azure links SEGA and Sony; readable statuses, values, a
//                    legend that matches (the README's picture)
//   widget-details   the details panel never hides the selection at 640×420
//   widget-evidence  a deal's evidence sentences and article links
//   widget-search    the search box focuses another company
//   widget-expand    clicking a company and Expand adds its deals
//   widget-filters   the year and type controls
//   widget-live      a deal ingested through ingestArticle appears without a reload
//   widget-png       the PNG button downloads the graph
//   widget-dark      the dark theme
//   widget-200       200 companies stay legible: groups, no overlapping labels
//   embed            an <iframe> and a <partner-graph> element on another origin
//   xss              hostile names, sentences and URLs stay text
//   hostile-N        (with --hostile-company) real hostile article text is inert
//   offline          no request left the loopback interface
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const base = (args.url || 'http://127.0.0.1:8080').replace(/\/$/, '');
const executablePath = args.chromium || '/usr/bin/chromium';
const apiKey = args['api-key'] || '';
// The embedding pages are served by a small HTTP server of this script on
// another loopback origin (--embed-origin, default: a free port). Both must
// be loopback: Chromium keeps public pages away from loopback servers.
const fakePages = new Map(); // path -> (body) => { status, type, body }
const hostServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const serve = fakePages.get(new URL(req.url, 'http://x').pathname);
    const out = serve ? serve(body) : { status: 404, type: 'text/plain', body: 'not found' };
    res.writeHead(out.status || 200, { 'Content-Type': out.type || 'text/html; charset=utf-8' });
    res.end(out.body);
  });
});
const wantedPort = args['embed-origin'] ? Number(new URL(args['embed-origin']).port) : 0;
await new Promise((resolve, reject) => hostServer.listen(wantedPort, '127.0.0.1', resolve).on('error', reject));
const embedOrigin = args['embed-origin'] || `http://127.0.0.1:${hostServer.address().port}`;
const corsAllowed = Boolean(args['embed-origin']);
const hostileCompany = args['hostile-company'] || '';
const shots = args.screenshots || '';
if (shots) mkdirSync(shots, { recursive: true });

const TIMEOUT = 30000;

function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

class CheckError extends Error {}
function check(cond, msg) {
  if (!cond) throw new CheckError(msg);
}

/** gql runs an operation against the real server from Node. */
async function gql(queryText, variables, key) {
  const headers = { 'Content-Type': 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: queryText, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`${queryText.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

let ingested = 0;
/** ingest posts an article through ingestArticle with the API key. */
async function ingest(title, text) {
  check(apiKey, 'the live checks need --api-key (the server must run with the same key)');
  ingested++;
  return gql('mutation($in: ArticleInput!) { ingestArticle(input: $in) { deals { id summary } } }',
    { in: { id: `e2e-live-${ingested}-${Date.now()}`, title, publisher: 'E2E', published: '2024-05-01', text } }, apiKey);
}

const offsite = [];
const pageErrors = [];

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT);
  // Every request is checked: loopback passes, anything else is blocked and
  // recorded.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (isLoopback(u.hostname) || u.protocol === 'blob:' || u.protocol === 'data:') return route.continue();
    offsite.push(u.href);
    return route.abort('blockedbyclient');
  });
  context.on('weberror', (e) => pageErrors.push(String(e.error())));

  const newPage = async (viewport) => {
    const page = await context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`${page.url()}: console: ${m.text()}`);
    });
    return page;
  };
  const shot = async (page, name) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
  };
  const ready = async (page, scope = '') => {
    await page.waitForSelector(`${scope} .pg-widget[data-state="ready"], ${scope} .pg-widget[data-state="error"]`);
    const state = await page.locator(`${scope} .pg-widget`).first().getAttribute('data-state');
    check(state === 'ready', `widget failed: ${await page.locator(`${scope} .pg-status`).first().innerText()}`);
  };
  // graphInfo describes what the first widget of a page draws.
  const graphInfo = (page) => page.evaluate(() => {
    const inst = window.PartnerGraph.instances[0];
    const cy = inst.cy;
    return {
      centre: inst.model.centre,
      nodes: cy.nodes().map((n) => ({ id: n.id(), kind: n.data('kind'), label: n.data('label') })),
      deals: cy.edges('[kind = "deal"]').map((e) => ({ id: e.id(), deal: e.data('deal'), type: e.data('type'), year: inst.model.edges.get(e.id()).year })),
      links: cy.edges('[kind = "on_platform"], [kind = "owned_by"]').map((e) => ({ source: e.data('source'), target: e.data('target'), kind: e.data('kind') })),
      labels: cy.nodes('.pg-label').map((n) => n.id()),
    };
  });
  // panelText waits until the details panel has left "Loading…".
  const panelText = async (page, scope = '') => {
    await page.waitForFunction((s) => {
      const p = document.querySelector(`${s} .pg-panel`);
      return p && !p.hidden && !/Loading…/.test(p.textContent);
    }, scope);
    return page.locator(`${scope} .pg-panel`).first().innerText();
  };
  // labelOverlaps returns the pairs of drawn node labels whose boxes (as
  // Cytoscape computes them) intersect.
  const labelOverlaps = (page) => page.evaluate(() => {
    const cy = window.PartnerGraph.instances[0].cy;
    const boxes = cy.nodes('.pg-label').map((n) => ({ id: n.id(), box: n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }) }));
    return window.PartnerGraph.overlaps(boxes.filter((b) => b.box.w > 0)).map(([a, b]) => [a, b, boxes.find((x) => x.id === a).box, boxes.find((x) => x.id === b).box, cy.getElementById(a).style('text-halign'), cy.getElementById(b).style('text-halign')]);
  });

  if (!hostileCompany) {
    // --- playground ----------------------------------------------------
    {
      const page = await newPage();
      const res = await page.goto(`${base}/`);
      check(res && res.ok(), `GET / returned ${res && res.status()}`);
      await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror');
      const tabs = await page.locator('.graphiql-tab').count();
      check(tabs >= 7, `playground shows ${tabs} tabs, want the example tabs (>= 7)`);
      const editor = await page.locator('.graphiql-query-editor .CodeMirror').first().evaluate((el) => el.CodeMirror.getValue());
      check(/company\(name: "SEGA"\)/.test(editor), `first tab is not the SEGA query:\n${editor}`);
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(() => {
        const cm = document.querySelector('.graphiql-response .CodeMirror');
        return cm && cm.CodeMirror && /"name": "SEGA"/.test(cm.CodeMirror.getValue());
      }, null, { timeout: TIMEOUT });
      const parsed = JSON.parse(await page.locator('.graphiql-response .CodeMirror').first().evaluate((el) => el.CodeMirror.getValue()));
      check(!parsed.errors && parsed.data.company.name === 'SEGA', `SEGA query: ${JSON.stringify(parsed).slice(0, 300)}`);
      await shot(page, 'playground');
      console.log(`ok playground: ${tabs} example tabs; the SEGA tab ran (${parsed.data.company.deals.totalCount} deals)`);

      // The last tab is the live subscription, over graphql-ws.
      await page.locator('.graphiql-tab').last().click();
      await page.waitForFunction(() => /subscription LiveDeals/.test(document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()));
      await page.locator('.graphiql-execute-button').click();
      await page.waitForTimeout(1000); // the WebSocket opens and subscribes
      await ingest('Playground live check', 'Nintendo and Valve announced a partnership on Tuesday to bring Steam games to the Switch.');
      await page.waitForFunction(() => {
        const cm = document.querySelector('.graphiql-response .CodeMirror');
        return cm && /"dealAdded"|"dealUpdated"/.test(cm.CodeMirror.getValue()) && /Valve/.test(cm.CodeMirror.getValue());
      }, null, { timeout: TIMEOUT }).catch(async () => {
        throw new CheckError(`the subscription tab showed no event: ${await page.locator('.graphiql-response').innerText()}`);
      });
      await shot(page, 'playground-live');
      console.log('ok playground-live: the LiveDeals tab received the ingested deal over graphql-ws');
      await page.close();
    }

    // --- the widget at the README's size ---------------------------------
    const page = await newPage({ width: 640, height: 420 });
    {
      const res = await page.goto(`${base}/widget?company=sega&depth=2`);
      check(res && res.ok(), `GET /widget returned ${res && res.status()}`);
      await ready(page);
      const info = await graphInfo(page);
      const ids = info.nodes.map((n) => n.id);
      check(info.centre === 'sega', `centre ${info.centre}, want sega`);
      check(ids.includes('sony') && ids.includes('microsoft'), `nodes ${ids}`);
      const azure = info.nodes.find((n) => n.id === 'p:azure');
      check(azure && azure.kind === 'platform', `Azure is not a platform node: ${JSON.stringify(info.nodes)}`);
      const has = (s, t, k) => info.links.some((l) => l.source === s && l.target === t && l.kind === k);
      check(has('sega', 'p:azure', 'on_platform') && has('sony', 'p:azure', 'on_platform'), `Azure does not link SEGA and Sony: ${JSON.stringify(info.links)}`);
      check(has('p:azure', 'microsoft', 'owned_by'), 'Azure is not linked to its owner Microsoft');
      const legend = await page.locator('.pg-legend').innerText();
      for (const want of ['company', 'platform', 'partnership', 'acquisition']) check(legend.includes(want), `legend lacks ${want}: ${legend}`);
      check(!legend.includes('joint venture'), 'the legend lists a deal type the graph does not show');
      check(info.labels.includes('sega') && info.labels.includes('microsoft'), `SEGA and Microsoft are not labelled: ${info.labels}`);
      const overlapping = await labelOverlaps(page);
      check(overlapping.length === 0, `labels overlap: ${JSON.stringify(overlapping)}`);
      // Cytoscape draws on the next animation frames.
      const painted = await page.waitForFunction(() => [...document.querySelectorAll('.pg-graph canvas')].some((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 28) if (d[i] !== 0) return true;
        return false;
      }), null, { timeout: 10000 }).then(() => true, () => false);
      check(painted, 'the widget canvas is blank');
      await shot(page, 'widget-sega');
      console.log(`ok widget-sega: ${info.nodes.length} nodes (${info.nodes.filter((n) => n.kind === 'platform').length} platforms), ${info.deals.length} deals; Azure links SEGA and Sony and belongs to Microsoft; ${info.labels.length} labels, none overlapping`);

      // Readable statuses and values in the deal panel.
      const segaDeal = info.deals.find((d) => d.type === 'partnership' && /.*/.test(d.id));
      const activision = info.deals.find((d) => d.type === 'acquisition');
      check(segaDeal && activision, 'no partnership or acquisition edge');
      await page.evaluate((id) => window.PartnerGraph.instances[0].show(id), (await page.evaluate(() => window.PartnerGraph.instances[0].cy.edges('[kind = "deal"]').filter((e) => e.connectedNodes().some((n) => n.id() === 'sega')).id())));
      let text = await panelText(page);
      check(/Status\s+agreed in principle/.test(text) && !/agreed_in_principle|AGREED/.test(text), `status not readable: ${text}`);
      check(/SEGA and Microsoft have agreed in principle/.test(text), `the SEGA deal's evidence is missing: ${text}`);
      const link = await page.locator('.pg-panel a').first().getAttribute('href');
      check(/^https:\/\/example\.com\//.test(link || ''), `no article link in the panel: ${link}`);
      await shot(page, 'widget-evidence');
      console.log('ok widget-evidence: the SEGA deal shows its status in words, its sentence and a link to its article');
      const actEdge = await page.evaluate(() => window.PartnerGraph.instances[0].cy.edges('[type = "acquisition"]').filter((e) => e.connectedNodes().some((n) => n.id() === 'activision-blizzard')).id());
      await page.evaluate((id) => window.PartnerGraph.instances[0].show(id), actEdge);
      text = await panelText(page);
      check(/Value\s+\$68\.7 billion/.test(text), `the deal value is not shown readably: ${text}`);
      console.log('ok values: Microsoft–Activision shows "$68.7 billion"');

      // The details panel never hides the selection, whatever is selected.
      const all = await page.evaluate(() => window.PartnerGraph.instances[0].cy.elements('node, edge[kind = "deal"]').map((e) => e.id()));
      for (const id of all) {
        await page.evaluate((x) => window.PartnerGraph.instances[0].show(x), id);
        await panelText(page);
        const geo = await page.evaluate((x) => {
          const inst = window.PartnerGraph.instances[0];
          const el = inst.cy.getElementById(x);
          const g = document.querySelector('.pg-graph').getBoundingClientRect();
          const p = document.querySelector('.pg-panel').getBoundingClientRect();
          const bb = el.renderedBoundingBox({ includeLabels: false });
          const mid = el.isEdge() ? el.renderedMidpoint() : el.renderedPosition();
          return { g: [g.left, g.top, g.right, g.bottom], p: [p.left, p.top, p.right, p.bottom], bb: [bb.x1 + g.left, bb.y1 + g.top, bb.x2 + g.left, bb.y2 + g.top], mid: [mid.x + g.left, mid.y + g.top] };
        }, id);
        const inside = geo.mid[0] >= geo.g[0] && geo.mid[0] <= geo.g[2] && geo.mid[1] >= geo.g[1] && geo.mid[1] <= geo.g[3];
        const underPanel = geo.mid[0] >= geo.p[0] && geo.mid[0] <= geo.p[2] && geo.mid[1] >= geo.p[1] && geo.mid[1] <= geo.p[3];
        check(inside && !underPanel, `selecting ${id} at 640×420: its centre ${geo.mid} is outside the graph ${geo.g} or under the panel ${geo.p}`);
      }
      await shot(page, 'widget-details');
      console.log(`ok widget-details: at 640×420, each of ${all.length} nodes and deals stays in view beside the details panel`);
    }

    // --- search, expand, filters -------------------------------------------
    {
      await page.locator('.pg-search input').fill('son');
      await page.waitForSelector('.pg-suggest li');
      const suggestions = await page.locator('.pg-suggest li').allInnerTexts();
      check(suggestions.some((s) => s.startsWith('Sony')), `no Sony among the suggestions: ${suggestions}`);
      await page.locator('.pg-suggest li', { hasText: 'Sony' }).first().dispatchEvent('mousedown');
      await page.waitForFunction(() => document.querySelector('.pg-widget').dataset.centre === 'sony' && document.querySelector('.pg-widget').dataset.state === 'ready');
      await shot(page, 'widget-search');
      console.log(`ok widget-search: typing "son" suggested ${suggestions.length} companies; choosing Sony re-centred the graph on it`);

      await page.selectOption('.pg-toolbar select[aria-label="Depth"]', '1');
      await page.waitForFunction(() => document.querySelector('.pg-widget').dataset.state === 'ready');
      await page.waitForTimeout(300);
      const before = await graphInfo(page);
      check(!before.nodes.some((n) => n.id === 'sega'), 'SEGA is already drawn at depth 1 around Sony');
      // A real click on Microsoft's node, then Expand.
      const pos = await page.evaluate(() => {
        const n = window.PartnerGraph.instances[0].cy.getElementById('microsoft');
        const r = document.querySelector('.pg-graph').getBoundingClientRect();
        const p = n.renderedPosition();
        return { x: r.left + p.x, y: r.top + p.y };
      });
      await page.mouse.click(pos.x, pos.y);
      const text = await panelText(page);
      check(/Microsoft/.test(text) && /Expand/.test(text), `clicking Microsoft did not open its details: ${text}`);
      await page.locator('.pg-panel button', { hasText: 'Expand' }).click();
      await page.waitForFunction(() => window.PartnerGraph.instances[0].cy.getElementById('sega').nonempty());
      const after = await graphInfo(page);
      check(after.nodes.length > before.nodes.length, `Expand added nothing (${before.nodes.length} → ${after.nodes.length})`);
      await shot(page, 'widget-expand');
      console.log(`ok widget-expand: clicking Microsoft and Expand grew the graph from ${before.nodes.length} to ${after.nodes.length} nodes (SEGA among them)`);

      await page.selectOption('.pg-toolbar select[aria-label="From year"]', '2021');
      await page.waitForTimeout(300);
      let f = await graphInfo(page);
      check(f.deals.length > 0 && f.deals.every((d) => d.year >= 2021), `year filter: ${JSON.stringify(f.deals)}`);
      await page.selectOption('.pg-toolbar select[aria-label="From year"]', '');
      await page.locator('.pg-types summary').click();
      for (const t of ['partnership', 'merger', 'investment', 'joint_venture', 'licensing', 'supply']) await page.locator(`.pg-types input[value="${t}"]`).uncheck();
      await page.waitForFunction(() => document.querySelector('.pg-widget').dataset.state === 'ready');
      await page.waitForTimeout(300);
      f = await graphInfo(page);
      check(f.deals.length > 0 && f.deals.every((d) => d.type === 'acquisition'), `type filter: ${JSON.stringify(f.deals)}`);
      await shot(page, 'widget-filters');
      console.log(`ok widget-filters: from 2021 only deals of 2021 on; acquisitions only: ${f.deals.length} acquisitions`);
      await page.close();
    }

    // --- live, PNG, dark ------------------------------------------------------
    {
      const live = await newPage({ width: 640, height: 420 });
      await live.goto(`${base}/widget?company=sega&depth=2`);
      await ready(live);
      await live.waitForSelector('.pg-widget[data-live="live"]');
      const before = await graphInfo(live);
      check(!before.nodes.some((n) => n.id === 'valve'), 'Valve is drawn before its deal was ingested');
      await ingest('SEGA brings its classics to Steam', 'SEGA and Valve announced a partnership on Tuesday to bring SEGA classics to Steam.');
      await live.waitForFunction(() => window.PartnerGraph.instances[0].cy.getElementById('valve').nonempty(), null, { timeout: TIMEOUT })
        .catch(() => { throw new CheckError('the ingested SEGA–Valve deal did not appear in the open widget'); });
      const status = await live.locator('.pg-status').innerText();
      check(/New deal: SEGA and Valve/.test(status), `status line: ${status}`);
      const after = await graphInfo(live);
      check(after.nodes.some((n) => n.id === 'p:steam' && n.kind === 'platform'), 'the new deal\'s platform Steam is not drawn');
      await shot(live, 'widget-live');
      console.log(`ok widget-live: an article ingested through ingestArticle added Valve, Steam and the deal to the open widget (${before.nodes.length} → ${after.nodes.length} nodes)`);

      const [download] = await Promise.all([live.waitForEvent('download'), live.locator('.pg-toolbar button', { hasText: 'PNG' }).click()]);
      const png = readFileSync(await download.path());
      check(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && png.length > 5000, `the download is not a PNG (${png.length} bytes)`);
      check(/\.png$/.test(download.suggestedFilename()), `download name ${download.suggestedFilename()}`);
      await shot(live, 'widget-png');
      console.log(`ok widget-png: the PNG button saved ${download.suggestedFilename()} (${png.length} bytes)`);

      await live.locator('.pg-toolbar button[aria-label="Switch theme"]').click();
      const dark = await live.evaluate(() => ({ theme: document.querySelector('.pg-widget').dataset.theme, bg: getComputedStyle(document.querySelector('.pg-widget')).backgroundColor }));
      check(dark.theme === 'dark' && dark.bg === 'rgb(15, 23, 42)', `dark theme: ${JSON.stringify(dark)}`);
      await shot(live, 'widget-dark');
      console.log('ok widget-dark: the theme button switched to the dark theme');
      await live.close();
    }

    // --- 200 companies (a fake endpoint) ------------------------------------
    {
      const nodes = [{ id: 'hub', kind: 'company', label: 'Hub Holdings', depth: 0 }];
      const edges = [];
      const links = [];
      let k = 0;
      for (let i = 0; i < 24; i++) {
        const mid = `mid-${i}`;
        nodes.push({ id: mid, kind: 'company', label: `Middle Company ${i}`, depth: 1 });
        edges.push({ id: `d:h${i}`, source: 'hub', target: mid, type: i % 3 ? 'PARTNERSHIP' : 'ACQUISITION', status: 'ANNOUNCED', year: 2010 + (i % 12), deal: { id: `d:h${i}`, sourceCount: 1 } });
        for (let j = 0; j < 7 && nodes.length < 200; j++, k++) {
          const leaf = `leaf-${k}`;
          nodes.push({ id: leaf, kind: 'company', label: `Leaf Enterprises Number ${k}`, depth: 2 });
          edges.push({ id: `d:l${k}`, source: mid, target: leaf, type: 'INVESTMENT', status: 'COMPLETED', year: 2015, deal: { id: `d:l${k}`, sourceCount: 1 } });
        }
      }
      for (let p = 0; p < 6; p++) {
        nodes.push({ id: `p:${p}`, kind: 'platform', label: `Platform ${p}`, depth: 1 });
        links.push({ id: `on:${p}`, source: `mid-${p}`, target: `p:${p}`, kind: 'ON_PLATFORM', deal: { id: `d:h${p}`, year: 2010 + p } });
      }
      const companies = nodes.filter((n) => n.kind === 'company').length;
      fakePages.set('/big-graphql', (raw) => {
        const req = JSON.parse(raw || '{}');
        if (/WidgetNeighborhood/.test(req.query || '')) return { type: 'application/json', body: JSON.stringify({ data: { neighborhood: { truncated: false, nodes, edges, links } } }) };
        return { type: 'application/json', body: JSON.stringify({ data: {} }) };
      });
      fakePages.set('/big.html', () => ({
        body: `<!doctype html><title>big</title><div id="w" style="height:600px"></div>
<script src="${base}/assets/widget.js"></script>
<script>window.__handle = PartnerGraph.mount(document.getElementById('w'), { endpoint: '${embedOrigin}/big-graphql', company: 'hub', live: false });</script>`,
      }));
      const big = await newPage({ width: 900, height: 640 });
      await big.goto(`${embedOrigin}/big.html`);
      await ready(big);
      const info = await graphInfo(big);
      const groups = info.nodes.filter((n) => n.kind === 'group');
      const shownCompanies = info.nodes.filter((n) => n.kind === 'company').length;
      check(companies === 200 - 6 || companies >= 190, `fake graph has ${companies} companies`);
      check(shownCompanies <= 60 && groups.length > 0, `${shownCompanies} companies and ${groups.length} groups drawn of ${companies}`);
      const overlapping = await labelOverlaps(big);
      check(overlapping.length === 0, `labels overlap: ${JSON.stringify(overlapping.slice(0, 5))}`);
      await shot(big, 'widget-200');
      check(info.labels.length >= 10 && info.labels.includes('hub'), `only ${info.labels.length} labels drawn (${info.labels})`);
      await shot(big, 'widget-200');
      // Opening a group shows its companies.
      await big.evaluate((id) => window.__handle.show(id), groups[0].id);
      await big.waitForFunction((id) => window.__handle.cy.getElementById(id).empty(), groups[0].id);
      const opened = await graphInfo(big);
      check(opened.nodes.filter((n) => n.kind === 'company').length > shownCompanies, 'opening a group showed no companies');
      const after = await labelOverlaps(big);
      check(after.length === 0, `labels overlap after opening a group: ${JSON.stringify(after)}`);
      console.log(`ok widget-200: ${companies} companies drawn as ${shownCompanies} companies and ${groups.length} "+N" groups, ${info.labels.length} labels none overlapping; a group opens on click`);
      await big.close();
    }
  }

  // --- embedding from another origin: <iframe> and <partner-graph> -----------
  if (!hostileCompany && corsAllowed) {
    fakePages.set('/host.html', () => ({
      body: `<!doctype html><title>host</title>
<h1>Some other site</h1>
<iframe id="frame" src="${base}/widget?company=sega&depth=2" width="640" height="420"></iframe>
<script src="${base}/assets/widget.js"></script>
<partner-graph id="element" company="SEGA" depth="2" style="display:block;width:640px;height:420px"></partner-graph>
<div id="legacy" data-partnergraph-company="sega" data-partnergraph-depth="2" style="width:640px;height:420px"></div>`,
    }));
    const page = await newPage();
    await page.goto(`${embedOrigin}/host.html`);
    const frame = page.frameLocator('#frame');
    await frame.locator('.pg-widget[data-state="ready"]').waitFor();
    await ready(page, '#element');
    await ready(page, '#legacy');
    const frameNodes = Number(await frame.locator('.pg-widget').getAttribute('data-nodes'));
    const elementNodes = Number(await page.locator('#element .pg-widget').getAttribute('data-nodes'));
    const legacyNodes = Number(await page.locator('#legacy .pg-widget').getAttribute('data-nodes'));
    check(frameNodes >= 5 && elementNodes === frameNodes && legacyNodes === frameNodes, `nodes: iframe ${frameNodes}, element ${elementNodes}, div ${legacyNodes}`);
    for (const [name, loc] of [['iframe', frame.locator('.pg-toolbar')], ['element', page.locator('#element .pg-toolbar')]]) {
      for (const control of ['input[type="search"]', 'select[aria-label="Depth"]', '.pg-types', 'select[aria-label="From year"]', 'button[aria-label="Save as PNG"]', 'button[aria-label="Switch theme"]']) {
        check(await loc.locator(control).count() === 1, `the ${name} widget lacks ${control}`);
      }
    }
    await page.locator('#element .pg-widget[data-live="live"]').waitFor();
    await frame.locator('.pg-widget[data-live="live"]').waitFor();
    // The element follows its attributes.
    await page.evaluate(() => document.getElementById('element').setAttribute('company', 'Sony'));
    await page.waitForFunction(() => document.querySelector('#element .pg-widget') && document.querySelector('#element .pg-widget').dataset.centre === 'sony');
    await shot(page, 'embed');
    console.log(`ok embed: an <iframe>, a <partner-graph> element and a data- div on ${embedOrigin} each drew ${frameNodes} nodes with every control and live updates; the element re-centred when its company attribute changed`);
    await page.close();
  } else if (!hostileCompany) {
    console.log('skip embed: no --embed-origin given (the server must allow it with --cors-origin)');
  }

  // --- XSS: hostile text through a faked GraphQL answer, on a page without CSP ----
  if (!hostileCompany) {
    const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
    const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';
    const EVIL = `Evil ${SCRIPT} Corp ${IMG}`;
    const answers = {
      WidgetNeighborhood: {
        neighborhood: {
          truncated: false,
          nodes: [
            { id: 'evil', kind: 'company', label: EVIL, depth: 0 },
            { id: 'other', kind: 'company', label: IMG, depth: 1 },
            { id: 'p:evil', kind: 'platform', label: SCRIPT, depth: 0 },
          ],
          edges: [{ id: 'd:1', source: 'evil', target: 'other', type: 'PARTNERSHIP', status: 'ANNOUNCED', year: 2021, deal: { id: 'd:1', summary: EVIL, sourceCount: 2, value: 1e9, currency: 'USD' } }],
          links: [{ id: 'on:1', source: 'other', target: 'p:evil', kind: 'ON_PLATFORM', deal: { id: 'd:1', year: 2021 } }],
        },
      },
      WidgetSearch: { search: [{ kind: 'COMPANY', id: 'evil', name: EVIL, score: 1, company: { dealCount: 1 } }] },
      WidgetCompanyDetails: { company: { id: 'evil', name: EVIL, aliases: [IMG, SCRIPT], dealCount: 1, ownedPlatforms: [{ id: 'p:evil', name: SCRIPT }] } },
      WidgetPlatform: { platform: { id: 'p:evil', name: SCRIPT, kind: IMG, aliases: [IMG], owner: { id: 'evil', name: EVIL }, deals: { totalCount: 0, edges: [] } } },
      WidgetDeal: {
        deal: {
          id: 'd:1', type: 'PARTNERSHIP', status: 'ANNOUNCED', year: 2021, summary: EVIL, confidence: 0.9, value: 1e9, currency: 'USD', sourceCount: 2,
          parties: [{ role: 'PARTNER', company: { id: 'evil', name: EVIL } }, { role: 'PARTNER', company: { id: 'other', name: IMG } }],
          platforms: [{ id: 'p:evil', name: SCRIPT }],
          sources: [
            { sentence: `They said ${IMG} and ${SCRIPT}.`, article: { title: IMG, url: 'javascript:window.__xss=99', publisher: SCRIPT, published: '2021-01-01' } },
            { sentence: 'A fine sentence.', article: { title: 'Good link', url: 'https://news.example/ok', publisher: 'X', published: '2021-01-02' } },
          ],
        },
      },
    };
    fakePages.set('/xss.html', () => ({
      body: `<!doctype html><title>xss</title><div id="w" style="height:500px"></div>
<script src="${base}/assets/widget.js"></script>
<script>window.__handle = PartnerGraph.mount(document.getElementById('w'), { endpoint: '${embedOrigin}/fake-graphql', company: 'evil', live: false });</script>`,
    }));
    fakePages.set('/fake-graphql', (raw) => {
      const req = JSON.parse(raw || '{}');
      const name = (/(?:query|subscription) (\w+)/.exec(req.query || '') || [])[1];
      const data = answers[name];
      if (!data) return { type: 'application/json', body: JSON.stringify({ errors: [{ message: `unexpected operation ${name}` }] }) };
      return { type: 'application/json', body: JSON.stringify({ data }) };
    });
    const page = await newPage();
    await page.goto(`${embedOrigin}/xss.html`);
    await ready(page);
    await page.locator('.pg-search input').fill('evil');
    await page.waitForSelector('.pg-suggest li');
    await page.evaluate(() => window.__handle.show('evil'));
    await panelText(page);
    const companyText = await page.locator('.pg-panel').textContent();
    check(companyText.includes(EVIL) && companyText.includes(IMG), 'company details do not show the hostile text literally');
    await page.evaluate(() => window.__handle.show('p:evil'));
    await panelText(page);
    await page.evaluate(() => window.__handle.show('d:1'));
    await page.waitForFunction(() => /A fine sentence/.test(document.querySelector('.pg-panel').textContent));
    await page.waitForTimeout(300); // let any injected <img> fail to load and fire onerror
    const verdict = await page.evaluate(() => ({
      xss: window.__xss || 0,
      injected: document.querySelectorAll('.pg-widget img, .pg-widget script, .pg-widget [onerror]').length,
      jsLinks: document.querySelectorAll('.pg-widget a[href^="javascript:"]').length,
      goodLinks: [...document.querySelectorAll('.pg-widget a[href]')].map((a) => a.href),
      text: document.querySelector('.pg-panel').textContent,
      labels: window.__handle.cy.nodes().map((n) => n.data('label')),
    }));
    check(verdict.xss === 0, `hostile text executed (${verdict.xss} times)`);
    check(verdict.injected === 0, `${verdict.injected} hostile elements were created in the widget`);
    check(verdict.jsLinks === 0, 'a javascript: URL became a link');
    check(verdict.goodLinks.length === 1 && verdict.goodLinks[0] === 'https://news.example/ok', `links: ${JSON.stringify(verdict.goodLinks)}`);
    check(verdict.text.includes(`They said ${IMG} and ${SCRIPT}.`), 'evidence sentence not shown verbatim');
    check(verdict.labels.includes(EVIL), 'the hostile name is not the node label verbatim');
    await shot(page, 'xss');
    console.log('ok xss: <script> and <img onerror> in names, suggestions, summaries, sentences and titles shown as text, never run; javascript: URL dropped');
    await page.close();
  }

  // --- real hostile data: every element of the company's graph opened ----------
  if (hostileCompany) {
    fakePages.set('/hostile.html', () => ({
      body: `<!doctype html><title>hostile</title><script src="${base}/assets/widget.js"></script>
<partner-graph company=${JSON.stringify(hostileCompany)} depth="2" endpoint="${base}/graphql" style="height:600px"></partner-graph>`,
    }));
    const urls = [`${base}/widget?company=${encodeURIComponent(hostileCompany)}&depth=2`];
    if (corsAllowed) urls.push(`${embedOrigin}/hostile.html`);
    for (const [n, url] of urls.entries()) {
      const page = await newPage();
      await page.goto(url);
      await ready(page);
      const ids = await page.evaluate(() => window.PartnerGraph.instances[0].cy.elements().map((e) => e.id()));
      const seen = [];
      for (const id of ids) {
        await page.evaluate((elementID) => window.PartnerGraph.instances[0].show(elementID), id);
        seen.push(await panelText(page));
      }
      await page.waitForTimeout(300);
      const verdict = await page.evaluate(() => ({
        xss: window.__xss || 0,
        injected: document.querySelectorAll('.pg-widget img, .pg-widget script, .pg-widget [onerror]').length,
      }));
      check(verdict.xss === 0, `hostile article text executed on ${url}`);
      check(verdict.injected === 0, `${verdict.injected} elements were created from article text on ${url}`);
      const literal = seen.filter((t) => /<script>|<img /.test(t)).length;
      check(literal > 0, `no details panel showed the article's markup as text on ${url}`);
      await shot(page, `hostile-${n}`);
      console.log(`ok hostile: ${ids.length} elements of ${hostileCompany}'s graph opened on ${url}; ${literal} panels show <script>/<img> as text; nothing ran`);
      await page.close();
    }
  }

  check(offsite.length === 0, `requests left the machine (blocked): ${offsite.join(', ')}`);
  console.log('ok offline: no request left the loopback interface');
  check(pageErrors.length === 0, `page errors:\n${pageErrors.join('\n')}`);
  console.log('ok no page errors');
} catch (err) {
  failed = true;
  console.error(`FAIL ${err instanceof CheckError ? err.message : err.stack || err}`);
} finally {
  await browser.close();
  hostServer.close();
}
process.exit(failed ? 1 : 0);
