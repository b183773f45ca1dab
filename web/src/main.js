// harmattan dashboard: filters -> (events page, stats, map features) -> map, timeline, list,
// counts; an event view with the evidence for every field. State lives in the URL hash.
import { ApiError, filterParams, getJson } from './api.js';
import { renderDetail } from './detail.js';
import { EventMap } from './map.js';
import { Timeline } from './timeline.js';
import { EVENT_TYPES, dayNumber, debounce, el, esc, fmtDate, fmtInt, fold, typeColour } from './util.js';

const PAGE = 50;
/** At most this many events are drawn as markers (all of them are fetched at once). */
const MAP_LIMIT = 20000;
const FILTERS = ['from', 'to', 'country', 'admin1', 'event_type', 'actor', 'q'];
const $ = (s) => document.querySelector(s);

const state = {
  filters: Object.fromEntries(FILTERS.map((k) => [k, ''])),
  offset: 0,
  group: '',
  event: '',
  facets: null,
  seq: 0,
};

const form = $('#filters');
const inputs = {
  from: $('#f-from'),
  to: $('#f-to'),
  country: $('#f-country'),
  admin1: $('#f-admin1'),
  event_type: $('#f-type'),
  actor: $('#f-actor'),
  q: $('#f-q'),
};

let map;
let timeline;

function setStatus(text, error = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('error', error);
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const k of FILTERS) state.filters[k] = p.get(k) || '';
  state.offset = Math.max(0, Number(p.get('offset')) || 0);
  state.group = p.get('group') === 'day' || p.get('group') === 'week' ? p.get('group') : '';
  state.event = p.get('event') || '';
}

function writeHash() {
  const p = new URLSearchParams(filterParams(state.filters));
  if (state.offset) p.set('offset', state.offset);
  if (state.group) p.set('group', state.group);
  if (state.event) p.set('event', state.event);
  const h = p.toString();
  history.replaceState(null, '', h ? `#${h}` : location.pathname + location.search);
}

function fillSelect(select, options, current, allLabel) {
  select.textContent = '';
  select.append(el('option', { value: '', text: allLabel }));
  for (const [value, label] of options) select.append(el('option', { value, text: label }));
  if (current && !options.some(([v]) => v === current)) select.append(el('option', { value: current, text: current }));
  select.value = current;
}

function fillAdmin1() {
  const country = state.filters.country;
  const rows = (state.facets?.admin1 || []).filter((r) => !country || fold(r.country) === fold(country));
  const opts = rows
    .map((r) => [r.admin1, country ? r.admin1 : `${r.admin1} (${r.country})`])
    .sort((a, b) => a[1].localeCompare(b[1]));
  // one option per name: the filter is by admin1 name
  const seen = new Set();
  fillSelect(inputs.admin1, opts.filter(([v]) => !seen.has(v) && seen.add(v)), state.filters.admin1, country ? `All regions of ${country}` : 'All regions');
}

function syncForm() {
  for (const k of FILTERS) {
    if (k === 'admin1') continue;
    if (inputs[k].value !== state.filters[k]) inputs[k].value = state.filters[k];
  }
  fillAdmin1();
  for (const k of FILTERS) inputs[k].classList.toggle('active', !!state.filters[k]);
  document.querySelectorAll('.seg button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.group === currentGroup())));
}

function currentGroup() {
  if (state.group) return state.group;
  const a = dayNumber(state.filters.from || state.facets?.date_min);
  const b = dayNumber(state.filters.to || state.facets?.date_max);
  return Number.isFinite(a) && Number.isFinite(b) && b - a <= 120 ? 'day' : 'week';
}

function setFilter(changes, { fit = false } = {}) {
  Object.assign(state.filters, changes);
  state.offset = 0;
  syncForm();
  refresh({ map: true, fit });
}

async function refresh({ map: withMap = true, fit = false } = {}) {
  const seq = ++state.seq;
  writeHash();
  const params = filterParams(state.filters);
  const group = currentGroup();
  setStatus('Loading…');
  try {
    const [page, stats] = await Promise.all([
      getJson('api/events', { ...params, limit: PAGE, offset: state.offset }),
      getJson('api/stats', { ...params, group }),
    ]);
    if (seq !== state.seq) return;
    // markers for every filtered event, unless there are too many to draw: the choropleth,
    // timeline and list still show them
    const mapped = withMap && (page.total ?? 0) <= MAP_LIMIT;
    const features = mapped ? await getJson('api/export.geojson', params) : null;
    if (seq !== state.seq) return;
    if (withMap && !mapped) {
      map.setEvents({ features: [] });
      $('#located-count').textContent = '—';
    }
    map.setNote(withMap && !mapped ? `${fmtInt(page.total)} events: narrow the filters to see them as points (at most ${fmtInt(MAP_LIMIT)})` : withMap ? '' : null);
    renderCounts(page, stats);
    renderList(page);
    timeline.set(stats.timeline, group);
    renderLegend(stats.by_event_type || []);
    renderBars($('#admin1-bars'), stats.by_admin1 || [], (r) => `${r.key}${state.filters.country ? '' : ` (${r.country})`}`,
      (r) => r.key === state.filters.admin1, (r) => setFilter(state.filters.admin1 === r.key ? { admin1: '' } : { admin1: r.key, country: r.country }, { fit: true }));
    renderBars($('#actor-bars'), stats.by_actor || [], (r) => r.key, (r) => r.key === state.filters.actor,
      (r) => setFilter({ actor: state.filters.actor === r.key ? '' : r.key }));
    $('#actor-options').replaceChildren(...(stats.by_actor || []).slice(0, 50).map((r) => el('option', { value: r.key })));
    map.setRegionStats(stats.by_admin1 || []);
    if (features) {
      const located = map.setEvents(features);
      $('#located-count').textContent = fmtInt(located);
      if (fit) map.fitTo(features.features.map((f) => f.properties?.event_id_cnty));
    }
    const qs = new URLSearchParams(params).toString();
    $('#export-csv').href = `api/export.csv${qs ? '?' + qs : ''}`;
    $('#export-geojson').href = `api/export.geojson${qs ? '?' + qs : ''}`;
    setStatus('');
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (seq !== state.seq) return;
    setStatus(e instanceof ApiError ? `${e.message} (${e.code})` : `Cannot reach the server: ${e.message}`, true);
  }
}

function renderCounts(page, stats) {
  const total = page.total ?? stats.totals?.events ?? 0;
  const count = $('#event-count');
  count.textContent = fmtInt(total);
  count.dataset.count = String(total);
  $('#fatality-count').textContent = fmtInt(stats.totals?.fatalities ?? 0);
  const from = state.filters.from || state.facets?.date_min;
  const to = state.filters.to || state.facets?.date_max;
  $('#date-range').textContent = from ? `${fmtDate(from)} – ${fmtDate(to)}` : '—';
}

function renderList(page) {
  const tbody = $('#event-list tbody');
  tbody.textContent = '';
  for (const ev of page.events || []) {
    const place = [ev.location, ev.admin1].filter((x, i, a) => x && a.indexOf(x) === i).join(', ');
    const fat = Number(ev.fatalities) || 0;
    const tr = el('tr', { tabindex: '0', 'data-id': ev.event_id_cnty, 'aria-selected': String(ev.event_id_cnty === state.event) });
    const actors = [ev.actor1, ev.actor2].filter(Boolean).join(' vs ');
    tr.innerHTML =
      `<td class="date">${esc(ev.event_date)}<span class="sub mono">${esc(ev.event_id_cnty)}</span></td>` +
      `<td><div class="type-cell"><span class="swatch" style="background:${typeColour(ev.event_type)}" title="${esc(ev.event_type)}"></span><div><span class="type-name">${esc(ev.sub_event_type || ev.event_type)}</span><span class="sub" title="${esc(actors)}">${esc(actors) || '&nbsp;'}</span></div></div></td>` +
      `<td><span class="main" title="${esc(place)}">${esc(place)}</span><span class="sub">${esc(ev.country)}${ev.sources_count > 1 ? ` · ${ev.sources_count} rep.` : ''}</span></td>` +
      `<td class="num ${fat === 0 ? 'fat-0' : fat >= 10 ? 'fat-hi' : ''}">${fmtInt(fat)}</td>`;
    const open = () => openEvent(ev.event_id_cnty, { focusMap: true });
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    tbody.append(tr);
  }
  if (!(page.events || []).length) tbody.innerHTML = '<tr><td colspan="4" class="empty">No events match these filters.</td></tr>';
  const total = page.total || 0;
  $('#page-info').textContent = total ? `${fmtInt(state.offset + 1)}–${fmtInt(Math.min(total, state.offset + PAGE))} of ${fmtInt(total)}` : '';
  $('#page-prev').disabled = state.offset === 0;
  $('#page-next').disabled = state.offset + PAGE >= total;
}

function renderLegend(rows) {
  const byType = new Map(rows.map((r) => [r.key, r]));
  const ul = $('#type-legend');
  ul.textContent = '';
  const types = [...EVENT_TYPES.map(([t]) => t), ...rows.map((r) => r.key).filter((k) => !EVENT_TYPES.some(([t]) => t === k))];
  for (const t of types) {
    const r = byType.get(t);
    const b = el('button', { type: 'button', 'aria-pressed': String(state.filters.event_type === t), class: r ? '' : 'zero', title: r ? `${fmtInt(r.fatalities)} fatalities` : 'no events' });
    b.innerHTML = `<span class="swatch" style="background:${typeColour(t)}"></span><span>${esc(t)}</span><span class="n">${fmtInt(r?.events || 0)}</span>`;
    b.addEventListener('click', () => setFilter({ event_type: state.filters.event_type === t ? '' : t }));
    ul.append(el('li', {}, b));
  }
}

function renderBars(list, rows, label, pressed, onClick) {
  list.textContent = '';
  const top = rows.slice(0, 8);
  const max = Math.max(1, ...top.map((r) => r.events));
  for (const r of top) {
    const b = el('button', { type: 'button', 'aria-pressed': String(pressed(r)), title: `${label(r)}: ${fmtInt(r.events)} events, ${fmtInt(r.fatalities)} fatalities` });
    b.innerHTML = `<span class="label">${esc(label(r))}</span><span class="n">${fmtInt(r.events)}</span><span class="bar"><span style="width:${((100 * r.events) / max).toFixed(1)}%"></span></span>`;
    b.addEventListener('click', () => onClick(r));
    list.append(el('li', {}, b));
  }
  if (!top.length) list.append(el('li', { class: 'empty', text: 'None' }));
}

let lastFocus = null;
async function openEvent(id, { focusMap = false } = {}) {
  if (!id) return;
  state.event = id;
  writeHash();
  document.querySelectorAll('#event-list tbody tr').forEach((tr) => tr.setAttribute('aria-selected', String(tr.dataset.id === id)));
  const panel = $('#detail');
  const body = $('#detail-body');
  if (panel.hidden) lastFocus = document.activeElement;
  panel.hidden = false;
  $('#detail-title').textContent = id;
  map.highlight(id);
  body.innerHTML = '<p class="muted">Loading…</p>';
  try {
    const data = await getJson(`api/events/${encodeURIComponent(id)}`);
    if (state.event !== id) return;
    renderDetail(body, data);
    panel.dataset.loaded = id;
  } catch (e) {
    body.innerHTML = `<p class="status error">${esc(e.message)}</p>`;
  }
  $('#detail-title').focus();
  if (focusMap) map.focusEvent(id);
}

function closeEvent() {
  const panel = $('#detail');
  if (panel.hidden) return;
  panel.hidden = true;
  delete panel.dataset.loaded;
  state.event = '';
  map.highlight('');
  writeHash();
  document.querySelectorAll('#event-list tbody tr[aria-selected="true"]').forEach((tr) => tr.setAttribute('aria-selected', 'false'));
  lastFocus?.focus?.();
}

function wire() {
  const now = (k) => () => {
    const v = inputs[k].value;
    if (v === state.filters[k]) return;
    const changes = { [k]: v };
    if (k === 'country') changes.admin1 = '';
    setFilter(changes, { fit: k === 'country' || k === 'admin1' });
  };
  for (const k of ['from', 'to', 'country', 'admin1', 'event_type']) inputs[k].addEventListener('change', now(k));
  for (const k of ['actor', 'q']) {
    const d = debounce(now(k), 350);
    inputs[k].addEventListener('input', d);
    inputs[k].addEventListener('change', now(k));
  }
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    setFilter(Object.fromEntries(FILTERS.map((k) => [k, ''])));
  });
  $('#page-prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - PAGE);
    refresh({ map: false });
  });
  $('#page-next').addEventListener('click', () => {
    state.offset += PAGE;
    refresh({ map: false });
  });
  document.querySelectorAll('.seg button').forEach((b) =>
    b.addEventListener('click', () => {
      state.group = b.dataset.group;
      syncForm();
      refresh({ map: false });
    }),
  );
  $('#detail-close').addEventListener('click', closeEvent);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeEvent();
  });
}

async function main() {
  readHash();
  map = new EventMap('map', {
    onEvent: (id) => openEvent(id),
    onRegion: (r) => setFilter(state.filters.admin1 && fold(state.filters.admin1) === fold(r.name) ? { admin1: '' } : { admin1: r.name, ...(r.country ? { country: r.country } : {}) }),
  });
  timeline = new Timeline($('#timeline'), { onPeriod: (from, to) => setFilter({ from, to }) });
  wire();
  try {
    state.facets = await getJson('api/facets');
  } catch (e) {
    setStatus(`Cannot load the filters: ${e.message}`, true);
    state.facets = { countries: [], admin1: [], event_types: [] };
  }
  const f = state.facets;
  fillSelect(inputs.country, (f.countries || []).map((c) => [c, c]), state.filters.country, 'All countries');
  fillSelect(inputs.event_type, (f.event_types || []).map((t) => [t, t]), state.filters.event_type, 'All event types');
  for (const k of ['from', 'to']) {
    if (f.date_min) inputs[k].min = f.date_min;
    if (f.date_max) inputs[k].max = f.date_max;
  }
  inputs.from.placeholder = f.date_min || '';
  inputs.to.placeholder = f.date_max || '';
  syncForm();
  await Promise.all([
    map.loadCountries('countries-50m.json', f.countries).catch((e) => setStatus(`No country outlines: ${e.message}`, true)),
    refresh(),
  ]);
  map.loadBoundaries().then((n) => {
    document.body.dataset.boundaries = String(n);
  });
  if (state.event) openEvent(state.event);
}

main();
