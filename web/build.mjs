// build.mjs bundles the playground and the widget with esbuild into
// ../graph/playground/assets, the directory the Go binary embeds. Run it via
// `npm run build` (or `make web`). It fails when a bundle exceeds 2 MB or a
// source file uses an HTML-parsing DOM API on data.
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'graph', 'playground', 'assets');
const maxBytes = 2 * 1024 * 1024;

// Article-derived text must never be parsed as HTML: forbid the APIs that do.
const forbidden = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML)\b/;
for (const name of readdirSync(join(here, 'src'), { recursive: true })) {
  if (!/\.(js|jsx|mjs)$/.test(name)) continue;
  const text = readFileSync(join(here, 'src', name), 'utf8');
  const m = text.match(forbidden);
  if (m) throw new Error(`src/${name} uses ${m[1]}; insert untrusted text with textContent or Node.append`);
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = {
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  jsx: 'automatic',
  sourcemap: false,
  legalComments: 'eof',
  charset: 'utf8',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};
await build({ ...common, entryPoints: { playground: join(here, 'src', 'playground.jsx') } });
// The widget's exports (mount, instances, ...) become window.PartnerGraph.
await build({ ...common, entryPoints: { widget: join(here, 'src', 'widget.js') }, globalName: 'PartnerGraph' });

let failed = false;
for (const name of readdirSync(outdir).sort()) {
  const size = statSync(join(outdir, name)).size;
  console.log(`${name.padEnd(20)} ${(size / 1024).toFixed(0).padStart(6)} KiB`);
  if (size >= maxBytes) {
    console.error(`${name} is ${size} bytes, over the 2 MB limit`);
    failed = true;
  }
}
if (failed) process.exit(1);
