// The timeline: events per day or week as bars, fatalities as a line on a second axis.
// Hand-drawn SVG; a click on a bar filters the dashboard to that period.
import { dayNumber, esc, fmtDate, fmtInt, isoOfDay, monthName } from './util.js';

const NS = 'http://www.w3.org/2000/svg';

export class Timeline {
  constructor(container, { onPeriod }) {
    this.el = container;
    this.onPeriod = onPeriod;
    this.rows = [];
    this.group = 'week';
    new ResizeObserver(() => this.render()).observe(container);
  }

  set(rows, group) {
    this.group = group;
    this.rows = fillGaps(rows || [], group === 'day' ? 1 : 7);
    this.render();
  }

  render() {
    const w = this.el.clientWidth;
    const h = this.el.clientHeight;
    this.el.textContent = '';
    if (!w || !h) return;
    const rows = this.rows;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    svg.setAttribute('role', 'img');
    const totalE = rows.reduce((s, r) => s + r.events, 0);
    const totalF = rows.reduce((s, r) => s + r.fatalities, 0);
    svg.setAttribute(
      'aria-label',
      rows.length
        ? `${fmtInt(totalE)} events and ${fmtInt(totalF)} fatalities from ${fmtDate(rows[0].period)} to ${fmtDate(rows[rows.length - 1].period)}, per ${this.group}`
        : 'No events',
    );
    this.el.append(svg);
    if (!rows.length) {
      svg.innerHTML = `<text x="${w / 2}" y="${h / 2}" text-anchor="middle" class="axis" fill="#7a8796">No events under these filters</text>`;
      return;
    }
    const m = { l: 34, r: 34, t: 8, b: 20 };
    const iw = w - m.l - m.r;
    const ih = h - m.t - m.b;
    const maxE = niceMax(Math.max(...rows.map((r) => r.events)));
    const maxF = niceMax(Math.max(...rows.map((r) => r.fatalities)));
    const step = iw / rows.length;
    const bw = Math.max(1, Math.min(28, step * 0.78));
    const y = (v) => m.t + ih - (v / maxE) * ih;
    const yf = (v) => m.t + ih - (v / maxF) * ih;
    let s = '<g class="grid">';
    const ticks = [0, 0.5, 1];
    for (const t of ticks) s += `<line x1="${m.l}" x2="${w - m.r}" y1="${y(t * maxE)}" y2="${y(t * maxE)}"/>`;
    s += '</g><g class="axis">';
    for (const t of ticks) {
      s += `<text x="${m.l - 5}" y="${y(t * maxE) + 3}" text-anchor="end">${fmtInt(t * maxE)}</text>`;
      s += `<text x="${w - m.r + 5}" y="${yf(t * maxF) + 3}" fill="#b9483f">${fmtInt(t * maxF)}</text>`;
    }
    // month (or year) labels where the month changes, spaced so they do not collide
    let lastX = -1e9;
    let lastMonth = '';
    rows.forEach((r, i) => {
      const month = r.period.slice(0, 7);
      if (month === lastMonth) return;
      lastMonth = month;
      const x = m.l + i * step;
      if (x - lastX < 48) return;
      lastX = x;
      const mm = Number(r.period.slice(5, 7)) - 1;
      const label = mm === 0 || i === 0 ? `${monthName(mm)} ${r.period.slice(0, 4)}` : monthName(mm);
      s += `<line x1="${x}" x2="${x}" y1="${m.t + ih}" y2="${m.t + ih + 4}" stroke="#c9d2dc"/><text x="${x + 2}" y="${h - 5}">${label}</text>`;
    });
    s += '</g><g class="tl-bars">';
    rows.forEach((r, i) => {
      if (!r.events) return;
      const x = m.l + i * step + (step - bw) / 2;
      const end = this.group === 'day' ? r.period : isoOfDay(dayNumber(r.period) + 6);
      s += `<rect class="tl-bar" data-i="${i}" x="${x.toFixed(1)}" y="${y(r.events).toFixed(1)}" width="${bw.toFixed(1)}" height="${(m.t + ih - y(r.events)).toFixed(1)}">` +
        `<title>${esc(this.group === 'day' ? fmtDate(r.period) : `${fmtDate(r.period)} – ${fmtDate(end)}`)}: ${fmtInt(r.events)} events, ${fmtInt(r.fatalities)} fatalities</title></rect>`;
    });
    s += '</g>';
    const pts = rows.map((r, i) => `${(m.l + i * step + step / 2).toFixed(1)},${yf(r.fatalities).toFixed(1)}`);
    s += `<polyline class="fat-line" points="${pts.join(' ')}"/>`;
    if (rows.length <= 60) rows.forEach((r, i) => { if (r.fatalities) s += `<circle class="fat-dot" r="2.2" cx="${(m.l + i * step + step / 2).toFixed(1)}" cy="${yf(r.fatalities).toFixed(1)}"/>`; });
    s += `<line x1="${m.l}" x2="${w - m.r}" y1="${m.t + ih}" y2="${m.t + ih}" stroke="#9aa6b2"/>`;
    svg.innerHTML = s;
    svg.addEventListener('click', (e) => {
      const i = e.target?.getAttribute?.('data-i');
      if (i == null) return;
      const r = rows[Number(i)];
      const to = this.group === 'day' ? r.period : isoOfDay(dayNumber(r.period) + 6);
      this.onPeriod?.(r.period, to);
    });
  }
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}

/** Adds the empty days or weeks between the API's periods (when they are ISO dates). */
function fillGaps(rows, stepDays) {
  const sorted = [...rows].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  if (!sorted.length || sorted.some((r) => Number.isNaN(dayNumber(r.period)))) return sorted;
  const byDay = new Map(sorted.map((r) => [dayNumber(r.period), r]));
  const first = dayNumber(sorted[0].period);
  const last = dayNumber(sorted[sorted.length - 1].period);
  if ((last - first) / stepDays > 2000) return sorted;
  const out = [];
  for (let d = first; d <= last; d += stepDays) out.push(byDay.get(d) || { period: isoOfDay(d), events: 0, fatalities: 0 });
  // periods that are not on the step grid (should not happen) are kept
  for (const r of sorted) if ((dayNumber(r.period) - first) % stepDays) out.push(r);
  return out.sort((a, b) => (a.period < b.period ? -1 : 1));
}
