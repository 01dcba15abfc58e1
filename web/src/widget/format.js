// format.js: how the widget writes things for people, and the one way it
// builds DOM. Every string that comes from articles (names, summaries,
// sentences, titles, URLs) is untrusted: h() inserts it as text nodes only,
// and safeURL keeps a link only for an absolute http(s) URL.

/**
 * h builds an element. Children that are strings become text nodes, so
 * untrusted text can never turn into markup; attributes are set with
 * setAttribute, event handlers passed as functions under "on…" keys.
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
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

/** words turns an enum value (AGREED_IN_PRINCIPLE) into words (agreed in principle). */
export function words(v) {
  return String(v || '').toLowerCase().replace(/_/g, ' ');
}

/** The deal types in the API's order, with their colours (light, dark). */
export const DEAL_TYPES = [
  ['partnership', '#2563eb', '#60a5fa'],
  ['acquisition', '#dc2626', '#f87171'],
  ['merger', '#9333ea', '#c084fc'],
  ['investment', '#16a34a', '#4ade80'],
  ['joint_venture', '#ca8a04', '#facc15'],
  ['licensing', '#db2777', '#f472b6'],
  ['supply', '#0891b2', '#22d3ee'],
];

/** Statuses drawn dashed (not yet made) and dotted (did not happen). */
export const TENTATIVE = ['rumored', 'proposed'];
export const FAILED = ['terminated', 'blocked'];

/**
 * money writes a deal value with its currency in words ("$7.5 billion",
 * "€250 million"), or "" when there is none.
 */
export function money(value, currency) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const units = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']];
  const [div, unit] = units.find(([d]) => Math.abs(value) >= d) || [1, ''];
  const num = new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value / div);
  let symbol = '';
  const code = /^[A-Z]{3}$/.test(String(currency || '')) ? currency : '';
  if (code) {
    try {
      const part = new Intl.NumberFormat('en', { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
        .formatToParts(0).find((x) => x.type === 'currency');
      symbol = part ? part.value : '';
    } catch {
      symbol = '';
    }
  }
  const amount = `${num}${unit ? ` ${unit}` : ''}`;
  if (!code) return amount;
  return /^[A-Z]{2,}$/.test(symbol) || !symbol ? `${amount} ${code}` : `${symbol}${amount}`;
}

/** dealCaption is an edge's short text: "acquisition · 2021 · US$7.5 billion". */
export function dealCaption(d) {
  return [words(d.type), d.year, money(d.value, d.currency)].filter(Boolean).join(' · ');
}
