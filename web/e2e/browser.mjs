// browser.mjs drives Debian's Chromium with playwright-core against a
// running partnergraph server. e2e/browser_test.go runs it; by hand:
//
//   node web/e2e/browser.mjs --url http://127.0.0.1:8080 [--chromium /usr/bin/chromium]
//        [--embed-origin http://localhost:8080] [--screenshots DIR]
//
// It checks that
//   1. the playground loads with its example tabs and a query run from it
//      shows SEGA in the result pane;
//   2. no request leaves the loopback interface (every other request is
//      blocked and counted: the pages work offline);
//   3. the widget page draws the neighbourhood of SEGA, and its details
//      panel shows a deal's evidence;
//   4. the widget embeds with an <iframe> and with a <script> tag on a page
//      of another origin (--embed-origin, which the server must allow with
//      --cors-origin; this script serves that page on 127.0.0.1);
//   5. article text containing <script> and <img onerror> is shown as text
//      and never runs, on a page without any Content-Security-Policy.
// It prints one line per check and exits non-zero on the first failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const base = (args.url || 'http://127.0.0.1:8080').replace(/\/$/, '');
const executablePath = args.chromium || '/usr/bin/chromium';
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
// --hostile-company ID runs only check 6, against a server that loaded
// articles with markup in their text.
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

const offsite = [];
const pageErrors = [];

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(TIMEOUT);
  // Every request is checked: loopback passes, anything else is blocked and
  // recorded.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (isLoopback(u.hostname)) return route.continue();
    offsite.push(u.href);
    return route.abort('blockedbyclient');
  });
  context.on('weberror', (e) => pageErrors.push(String(e.error())));

  const newPage = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`${page.url()}: console: ${m.text()}`);
    });
    return page;
  };
  const shot = async (page, name) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
  };

  // 1. Playground: example tabs, run the SEGA query, SEGA in the result.
  if (!hostileCompany) {
    const page = await newPage();
    const res = await page.goto(`${base}/`);
    check(res && res.ok(), `GET / returned ${res && res.status()}`);
    await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror');
    const tabs = await page.locator('.graphiql-tab').count();
    check(tabs >= 4, `playground shows ${tabs} tabs, want the example tabs (>= 4)`);
    const editor = await page.locator('.graphiql-query-editor .CodeMirror').first().evaluate((el) => el.CodeMirror.getValue());
    check(/company\(name: "SEGA"\)/.test(editor), `first tab is not the SEGA query:\n${editor}`);
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(() => {
      const cm = document.querySelector('.graphiql-response .CodeMirror');
      return cm && cm.CodeMirror && /"name": "SEGA"/.test(cm.CodeMirror.getValue());
    }, null, { timeout: TIMEOUT });
    const result = await page.locator('.graphiql-response .CodeMirror').first().evaluate((el) => el.CodeMirror.getValue());
    const parsed = JSON.parse(result);
    check(!parsed.errors, `SEGA query returned errors: ${JSON.stringify(parsed.errors)}`);
    check(parsed.data.company && parsed.data.company.name === 'SEGA', `result is not SEGA: ${result.slice(0, 300)}`);
    const visible = await page.locator('.graphiql-response').innerText();
    check(visible.includes('SEGA'), 'result pane does not display SEGA');
    await shot(page, 'playground');
    console.log(`ok playground: ${tabs} example tabs; SEGA query ran, ${parsed.data.company.deals.totalCount} deals, ${parsed.data.company.partners.length} partners`);
    await page.close();
  }

  // 3. Widget page: the neighbourhood of SEGA is drawn.
  if (!hostileCompany) {
    const page = await newPage();
    const res = await page.goto(`${base}/widget?company=sega&depth=2`);
    check(res && res.ok(), `GET /widget returned ${res && res.status()}`);
    await page.waitForSelector('.pg-widget[data-state="ready"], .pg-widget[data-state="error"]');
    const state = await page.locator('.pg-widget').getAttribute('data-state');
    check(state === 'ready', `widget failed: ${await page.locator('.pg-status').innerText()}`);
    const info = await page.evaluate(() => {
      const cy = window.PartnerGraph.instances[0].cy;
      const canvas = document.querySelector('.pg-graph canvas');
      return {
        nodes: cy.nodes().map((n) => n.data('label')),
        edges: cy.edges().map((e) => e.data('deal')),
        canvas: canvas ? [canvas.width, canvas.height] : null,
        rendered: cy.nodes().every((n) => Number.isFinite(n.renderedPosition().x)),
      };
    });
    check(info.nodes.includes('SEGA') && info.nodes.length >= 2, `widget nodes: ${JSON.stringify(info.nodes)}`);
    check(info.edges.length >= 1, 'widget drew no edges');
    check(info.canvas && info.canvas[0] > 0 && info.canvas[1] > 0, 'widget has no canvas');
    check(info.rendered, 'widget nodes have no rendered positions');
    // The drawing is not blank: some canvas pixels differ from the background.
    const painted = await page.evaluate(() => {
      const layers = [...document.querySelectorAll('.pg-graph canvas')];
      return layers.some((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || !c.width || !c.height) return false;
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4 * 7) if (d[i] !== 0) return true;
        return false;
      });
    });
    check(painted, 'widget canvas is blank');
    // Details of a deal: click-equivalent on the first edge.
    await page.evaluate(() => {
      const inst = window.PartnerGraph.instances[0];
      return inst.show(inst.cy.edges()[0].id());
    });
    await page.waitForFunction(() => /Type/.test(document.querySelector('.pg-info').textContent));
    const details = await page.locator('.pg-info').innerText();
    check(/Parties/.test(details) && /Status/.test(details), `deal details: ${details}`);
    await shot(page, 'widget');
    console.log(`ok widget: ${info.nodes.length} nodes (${info.nodes.slice(0, 6).join(', ')}), ${info.edges.length} edges; deal details shown`);
    await page.close();
  }

  // 4. Embedding from another origin: <iframe> and <script>.
  if (hostileCompany) {
    // skipped: --hostile-company checks only real hostile data
  } else if (corsAllowed) {
    const hostPage = `${embedOrigin}/host.html`;
    fakePages.set('/host.html', () => ({
        body: `<!doctype html><title>host</title>
<h1>Some other site</h1>
<iframe id="frame" src="${base}/widget?company=sega" width="600" height="400"></iframe>
<div id="embedded" data-partnergraph-company="sega" style="height:400px"></div>
<script src="${base}/assets/widget.js"></script>`,
    }));
    const page = await newPage();
    await page.goto(hostPage);
    const frame = page.frameLocator('#frame');
    await frame.locator('.pg-widget[data-state="ready"]').waitFor();
    const frameNodes = Number(await frame.locator('.pg-widget').getAttribute('data-nodes'));
    check(frameNodes >= 2, `iframe widget has ${frameNodes} nodes`);
    await page.waitForSelector('#embedded .pg-widget[data-state="ready"], #embedded .pg-widget[data-state="error"]');
    const st = await page.locator('#embedded .pg-widget').getAttribute('data-state');
    check(st === 'ready', `script-embedded widget failed (is ${embedOrigin} allowed by --cors-origin?): ${await page.locator('#embedded .pg-status').innerText()}`);
    const scriptNodes = Number(await page.locator('#embedded .pg-widget').getAttribute('data-nodes'));
    check(scriptNodes === frameNodes, `script widget has ${scriptNodes} nodes, iframe ${frameNodes}`);
    await shot(page, 'embed');
    console.log(`ok embed: iframe and <script> on ${embedOrigin} both drew ${frameNodes} nodes`);
    await page.close();
  } else {
    console.log('skip embed: no --embed-origin given (the server must allow it with --cors-origin)');
  }

  // 5. XSS: hostile article text reaches the widget through a faked GraphQL
  // answer, on a page without CSP, so only escaping stands in the way.
  if (!hostileCompany) {
    const IMG = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
    const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';
    const EVIL = `Evil ${SCRIPT} Corp ${IMG}`;
    const answers = {
      WidgetCompany: { byId: { id: 'evil', name: EVIL }, byName: null },
      WidgetNeighborhood: {
        neighborhood: {
          truncated: false,
          nodes: [
            { id: 'evil', kind: 'company', label: EVIL, depth: 0 },
            { id: 'other', kind: 'company', label: IMG, depth: 1 },
          ],
          edges: [{ id: 'd:1', source: 'evil', target: 'other', type: 'PARTNERSHIP', status: 'ANNOUNCED', year: 2021, label: IMG, deal: { id: 'd:1' } }],
        },
      },
      WidgetCompanyDetails: { company: { id: 'evil', name: EVIL, aliases: [IMG, SCRIPT] } },
      WidgetDeal: {
        deal: {
          id: 'd:1', type: 'PARTNERSHIP', status: 'ANNOUNCED', year: 2021, summary: EVIL, confidence: 0.9,
          parties: [{ role: 'PARTNER', company: { id: 'evil', name: EVIL } }, { role: 'PARTNER', company: { id: 'other', name: IMG } }],
          platforms: [{ id: 'p:x', name: SCRIPT }],
          sources: [
            { sentence: `They said ${IMG} and ${SCRIPT}.`, article: { title: IMG, url: 'javascript:window.__xss=99', publisher: SCRIPT, published: '2021-01-01' } },
            { sentence: 'A fine sentence.', article: { title: 'Good link', url: 'https://news.example/ok', publisher: 'X', published: '2021-01-02' } },
          ],
        },
      },
    };
    const xssOrigin = embedOrigin;
    fakePages.set('/xss.html', () => ({
        body: `<!doctype html><title>xss</title><div id="w" style="height:500px"></div>
<script src="${base}/assets/widget.js"></script>
<script>window.__handle = PartnerGraph.mount(document.getElementById('w'), { endpoint: '${xssOrigin}/fake-graphql', company: 'evil' });</script>`,
    }));
    fakePages.set('/fake-graphql', (raw) => {
      const req = JSON.parse(raw || '{}');
      const name = (/query (\w+)/.exec(req.query || '') || [])[1];
      const data = answers[name];
      if (!data) return { status: 400, type: 'application/json', body: JSON.stringify({ errors: [{ message: `unexpected operation ${name}` }] }) };
      return { type: 'application/json', body: JSON.stringify({ data }) };
    });
    const page = await newPage();
    await page.goto(`${xssOrigin}/xss.html`);
    await page.waitForSelector('.pg-widget[data-state="ready"], .pg-widget[data-state="error"]');
    check((await page.locator('.pg-widget').getAttribute('data-state')) === 'ready', `XSS widget failed: ${await page.locator('.pg-status').innerText()}`);
    const statusText = await page.locator('.pg-status').textContent();
    check(statusText.includes(EVIL), `status line does not show the hostile name as text: ${statusText}`);
    await page.evaluate(() => window.__handle.show('evil'));
    await page.waitForFunction(() => /Aliases/.test(document.querySelector('.pg-info').textContent));
    const companyText = await page.locator('.pg-info').textContent();
    check(companyText.includes(EVIL) && companyText.includes(IMG), 'company details do not show the hostile text literally');
    await page.evaluate(() => window.__handle.show(window.__handle.cy.edges()[0].id()));
    await page.waitForFunction(() => /A fine sentence/.test(document.querySelector('.pg-info').textContent));
    await page.waitForTimeout(300); // let any injected <img> fail to load and fire onerror
    const verdict = await page.evaluate(() => ({
      xss: window.__xss || 0,
      injected: document.querySelectorAll('.pg-widget img, .pg-widget script, .pg-widget [onerror]').length,
      jsLinks: document.querySelectorAll('.pg-widget a[href^="javascript:"]').length,
      goodLinks: [...document.querySelectorAll('.pg-widget a')].map((a) => a.href),
      text: document.querySelector('.pg-info').textContent,
    }));
    check(verdict.xss === 0, `hostile text executed (${verdict.xss} times)`);
    check(verdict.injected === 0, `${verdict.injected} hostile elements were created in the widget`);
    check(verdict.jsLinks === 0, 'a javascript: URL became a link');
    check(verdict.goodLinks.length === 1 && verdict.goodLinks[0] === 'https://news.example/ok', `links: ${JSON.stringify(verdict.goodLinks)}`);
    check(verdict.text.includes(`They said ${IMG} and ${SCRIPT}.`), 'evidence sentence not shown verbatim');
    const labels = await page.evaluate(() => window.__handle.cy.nodes().map((n) => n.data('label')));
    check(labels.includes(EVIL), 'hostile name is not the node label verbatim');
    await shot(page, 'xss');
    console.log('ok xss: <script> and <img onerror> in names, summaries, sentences and titles shown as text, never run; javascript: URL dropped');
    await page.close();
  }

  // 6. Real hostile data: the server loaded an article whose names and
  // sentences carry markup. The widget page and a CSP-free embedding page
  // open every deal of the company; nothing may run or become an element.
  if (hostileCompany) {
    fakePages.set('/hostile.html', () => ({
      body: `<!doctype html><title>hostile</title><div id="w" style="height:600px"></div>
<script src="${base}/assets/widget.js"></script>
<script>PartnerGraph.mount(document.getElementById('w'), { endpoint: '${base}/graphql', company: ${JSON.stringify(hostileCompany)}, depth: 2 });</script>`,
    }));
    const urls = [`${base}/widget?company=${encodeURIComponent(hostileCompany)}&depth=2`];
    if (corsAllowed) urls.push(`${embedOrigin}/hostile.html`);
    for (const [n, url] of urls.entries()) {
      const page = await newPage();
      await page.goto(url);
      await page.waitForSelector('.pg-widget[data-state="ready"], .pg-widget[data-state="error"]');
      check((await page.locator('.pg-widget').getAttribute('data-state')) === 'ready', `hostile widget failed on ${url}: ${await page.locator('.pg-status').innerText()}`);
      const ids = await page.evaluate(() => window.PartnerGraph.instances[0].cy.elements().map((e) => e.id()));
      const seen = [];
      for (const id of ids) {
        await page.evaluate((elementID) => window.PartnerGraph.instances[0].show(elementID), id);
        await page.waitForFunction(() => !/Loading…/.test(document.querySelector('.pg-info').textContent));
        seen.push(await page.locator('.pg-info').textContent());
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
      console.log(`ok hostile: ${ids.length} elements of ${hostileCompany}'s neighbourhood opened on ${url}; ${literal} panels show <script>/<img> as text; nothing ran`);
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
