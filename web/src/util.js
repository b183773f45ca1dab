// Small helpers shared by the dashboard modules.

/** The six ACLED event types, in ACLED's order, with their colours (CSS variables in app.css). */
export const EVENT_TYPES = [
  ['Battles', '#c62828'],
  ['Violence against civilians', '#7b3fa0'],
  ['Explosions/Remote violence', '#ef6c00'],
  ['Riots', '#c9a100'],
  ['Protests', '#1b8fb0'],
  ['Strategic developments', '#4b7f2a'],
];
const TYPE_COLOUR = new Map(EVENT_TYPES);
export const typeColour = (t) => TYPE_COLOUR.get(t) || '#6b7785';

/** Lower case, accents stripped, punctuation to single spaces: keys for matching place names. */
export function fold(s) {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A looser key: also spelling variants French and English transliterations disagree on. */
export function foldLoose(s) {
  return fold(s)
    .replace(/\b(region|province|cercle|department|departement|commune|district|of|de|du|la|le)\b/g, ' ')
    .replace(/y/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/[\s-]+/g, '');
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const NF = new Intl.NumberFormat('en-GB');
export const fmtInt = (n) => NF.format(Number(n) || 0);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2025-11-07" -> "7 Nov 2025" (no time zone involved: the string is split, not parsed). */
export function fmtDate(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d || '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : d || '';
}
export const monthName = (i) => MONTHS[i];

/** Days since 1970-01-01 for an ISO date, in UTC; NaN when it is not one. */
export function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : NaN;
}
export function isoOfDay(n) {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}

/**
 * Maps UTF-8 byte offsets of `text` to JavaScript string (UTF-16) offsets: evidence spans
 * from the API are byte ranges. Offsets inside a character map to that character's start.
 */
export function byteOffsetMap(text) {
  const bytes = new TextEncoder().encode(text).length;
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const units = cp > 0xffff ? 2 : 1;
    const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < len; k++) map[b + k] = i;
    b += len;
    i += units;
  }
  map[bytes] = text.length;
  return { map, bytes };
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
