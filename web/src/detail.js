// The event view: the coded fields, each source's text with the evidence for every field
// highlighted (<mark data-field="...">), and the revision history.
import { byteOffsetMap, esc, fmtDate, fmtInt, typeColour } from './util.js';

const FIELDS = [
  ['event_date', 'Date'],
  ['time_precision', 'Time precision'],
  ['event_type', 'Event type'],
  ['sub_event_type', 'Sub-event type'],
  ['disorder_type', 'Disorder type'],
  ['interaction', 'Interaction'],
  ['actor1', 'Actor 1'],
  ['assoc_actor_1', 'Assoc. actor 1'],
  ['actor2', 'Actor 2'],
  ['assoc_actor_2', 'Assoc. actor 2'],
  ['inter1', 'Inter 1'],
  ['inter2', 'Inter 2'],
  ['country', 'Country'],
  ['admin1', 'Admin 1'],
  ['admin2', 'Admin 2'],
  ['admin3', 'Admin 3'],
  ['location', 'Location'],
  ['geo_precision', 'Geo precision'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['fatalities', 'Fatalities'],
  ['sources_count', 'Reports'],
  ['source', 'Source'],
];

/** Highlight class of a field: one colour per family of fields. */
export function fieldClass(field) {
  if (/^(event_type|sub_event_type|disorder_type)$/.test(field)) return 'hl-type';
  if (/^(event_date|time_precision)$/.test(field)) return 'hl-date';
  if (/^(actor|assoc_actor|inter)/.test(field)) return 'hl-actor';
  if (/^(country|admin\d|location|latitude|longitude|geo_precision|region|iso)$/.test(field)) return 'hl-place';
  if (field === 'fatalities') return 'hl-fat';
  return 'hl-other';
}
const PRIORITY = ['hl-fat', 'hl-type', 'hl-actor', 'hl-date', 'hl-place', 'hl-other'];
const OPTIONAL = new Set(['assoc_actor_1', 'assoc_actor_2', 'admin3', 'disorder_type']);
const WIDE = new Set(['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2', 'source']);
const PRECISION = { 1: 'exact', 2: 'approximate', 3: 'coarse' };

/**
 * The source text as HTML with one <mark> per stretch covered by evidence. Spans may overlap
 * (one clause supports several fields): the text is cut at every span boundary and each
 * piece lists all the fields that cover it, space-separated, in data-field.
 */
export function highlight(text, evidence) {
  const { map, bytes } = byteOffsetMap(text);
  const spans = [];
  for (const e of evidence || []) {
    const s = Number(e.start);
    const t = Number(e.end);
    if (!(s >= 0 && t > s && t <= bytes)) continue;
    spans.push({ start: map[s], end: map[t], field: e.field, rule: e.rule });
  }
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const pts = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const piece = esc(text.slice(a, b));
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length) {
      html += piece;
      continue;
    }
    const fields = [...new Set(cover.map((s) => s.field))];
    const rules = [...new Set(cover.map((s) => `${s.field}: ${s.rule}`))];
    const cls = PRIORITY.find((c) => fields.some((f) => fieldClass(f) === c));
    html += `<mark class="${cls}" data-field="${esc(fields.join(' '))}" title="${esc(rules.join('\n'))}">${piece}</mark>`;
  }
  return html;
}

function value(ev, key) {
  const v = ev[key];
  if (v == null || v === '') return '<span class="muted">—</span>';
  if (key === 'event_date') return esc(fmtDate(v));
  if (key === 'time_precision' || key === 'geo_precision') return `${esc(v)} <span class="muted">(${PRECISION[v] || ''})</span>`;
  if (key === 'event_type') return `<span class="swatch" style="background:${typeColour(v)}"></span> ${esc(v)}`;
  if (key === 'fatalities') return `<b>${fmtInt(v)}</b>`;
  return esc(v);
}

export function renderDetail(body, data, { onShowEvidence } = {}) {
  const ev = data.event || {};
  const sources = data.sources || [];
  const revisions = data.revisions || [];
  const evidenceFields = new Map();
  for (const s of sources) for (const e of s.evidence || []) evidenceFields.set(e.field, (evidenceFields.get(e.field) || 0) + 1);

  const where = [ev.location, ev.admin2, ev.admin1, ev.country].filter((x, i, a) => x && a.indexOf(x) === i).join(', ');
  let h = `<p class="ev-title">${esc(ev.sub_event_type || ev.event_type)} — ${esc(where)}</p>`;
  h += `<div class="ev-meta"><span class="badge"><span class="swatch" style="background:${typeColour(ev.event_type)}"></span>${esc(ev.event_type)}</span>` +
    `<span class="badge">${esc(fmtDate(ev.event_date))}</span>` +
    `<span class="badge badge-fat">${fmtInt(ev.fatalities)} fatalities</span>` +
    `<span class="badge">${fmtInt(ev.sources_count ?? sources.length)} report${(ev.sources_count ?? sources.length) === 1 ? '' : 's'}</span></div>`;
  if (ev.notes) h += `<div class="ev-notes">${esc(ev.notes)}</div>`;

  h += '<h3>Coded fields</h3><dl class="fields">';
  for (const [key, label] of FIELDS) {
    if (!(key in ev)) continue;
    if ((ev[key] == null || ev[key] === '') && OPTIONAL.has(key)) continue;
    const n = evidenceFields.get(key);
    const chip = n
      ? `<button type="button" class="ev-chip ${fieldClass(key)}" data-show="${key}" title="Show the evidence for ${esc(label)} (${n} span${n > 1 ? 's' : ''})" aria-label="Show the evidence for ${esc(label)}">${n}</button>`
      : '';
    h += `<div class="${WIDE.has(key) ? 'wide' : ''}"><dt>${esc(label)}</dt><dd>${value(ev, key)}${chip}</dd></div>`;
  }
  h += '</dl>';

  h += `<h3>Sources (${sources.length})</h3>`;
  h += '<div class="hl-legend" aria-label="Highlight colours"><span class="hl-type">event type</span><span class="hl-date">date</span><span class="hl-actor">actors</span><span class="hl-place">place</span><span class="hl-fat">fatalities</span></div>';
  sources.forEach((s, i) => {
    const meta = [s.source, s.published && fmtDate(s.published), s.document_id && `document ${s.document_id}`].filter(Boolean).map(esc).join(' · ');
    const link = s.url && /^https?:\/\//i.test(s.url) ? `<br><a href="${esc(s.url)}" rel="noopener noreferrer nofollow" target="_blank">${esc(s.url)}</a>` : '';
    h += `<article class="source" aria-labelledby="src-${i}"><div class="source-head"><div class="source-title" id="src-${i}">${esc(s.title || 'Untitled report')}</div>` +
      `<div class="source-meta">${meta}${link}</div></div><div class="source-text" tabindex="0">${highlight(s.text || '', s.evidence)}</div></article>`;
  });
  if (!sources.length) h += '<p class="empty">No stored source text (an imported event).</p>';

  // one block per revision (the API lists field changes; the store numbers its revisions)
  const groups = [];
  for (const r of revisions) {
    const key = r.revision != null ? `#${r.revision}` : `${r.at}|${r.reason || ''}`;
    let g = groups[groups.length - 1];
    if (!g || g.key !== key) groups.push((g = { key, r, changes: [] }));
    g.changes.push(r);
  }
  h += `<h3>Revision history (${groups.length})</h3>`;
  if (groups.length) {
    h += '<ol class="revs">';
    for (const g of groups) {
      const when = String(g.r.at || '').replace('T', ' ').replace(/:\d\dZ?$|Z$/, '');
      // the first revision sets every field: folded, the later ones (what other reports changed) open
      h += `<li><details${g === groups[0] && groups.length > 1 ? '' : ' open'}><summary class="rev-head"><b>${g.r.revision != null ? `Revision ${esc(g.r.revision)}` : 'Change'}</b> · ${esc(when)} · ${g.changes.length} field${g.changes.length === 1 ? '' : 's'}${g.r.reason ? `<div class="rev-reason">${esc(g.r.reason)}</div>` : ''}</summary>`;
      h += '<table><tbody>';
      for (const c of g.changes) {
        const change = c.old == null || c.old === '' || c.old === '0' && c.field !== 'fatalities'
          ? `<span class="rev-new">${esc(c.new)}</span>`
          : `<span class="rev-old">${esc(c.old)}</span> → <span class="rev-new">${esc(c.new)}</span>`;
        h += `<tr><th scope="row">${esc(c.field)}</th><td>${change}${c.why ? `<span class="sub">${esc(c.why)}</span>` : ''}</td></tr>`;
      }
      h += '</tbody></table></details></li>';
    }
    h += '</ol>';
  } else h += '<p class="empty">No revisions.</p>';

  body.innerHTML = h;
  body.scrollTop = 0;
  body.querySelectorAll('[data-show]').forEach((b) =>
    b.addEventListener('click', () => {
      const field = b.getAttribute('data-show');
      const marks = body.querySelectorAll(`mark[data-field~="${CSS.escape(field)}"]`);
      body.querySelectorAll('mark.flash').forEach((m) => m.classList.remove('flash'));
      marks.forEach((m) => m.classList.add('flash'));
      marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      onShowEvidence?.(field, marks.length);
    }),
  );
}
