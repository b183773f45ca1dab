// The map: Natural Earth country outlines, optional admin boundaries with a choropleth of
// events per admin 1, and events as circle markers (colour: event type, size: fatalities),
// clustered when dense. No tiles: every layer is a vector drawn from local data.
import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { getJson } from './api.js';
import { EVENT_TYPES, esc, fmtDate, fmtInt, fold, foldLoose, typeColour } from './util.js';

const SAHEL = L.latLngBounds([9.0, -12.5], [24.5, 16.5]);
const CHORO = ['#f6f5f1', '#e2e8ef', '#c8d4e2', '#a5b9d0', '#7f9cbd', '#5a7ca6'];

export const radiusFor = (fat) => 4 + Math.min(14, 2.2 * Math.sqrt(Math.max(0, fat || 0)));

// Property names of admin names and of the country in common boundary files (GADM,
// geoBoundaries, OCHA CODs, Natural Earth admin 1).
const NAME_KEYS = {
  1: ['NAME_1', 'ADM1_EN', 'ADM1_FR', 'admin1Name', 'shapeName', 'name', 'NAME'],
  2: ['NAME_2', 'ADM2_EN', 'ADM2_FR', 'admin2Name', 'shapeName', 'name', 'NAME'],
};
const ALT_KEYS = { 1: ['VARNAME_1', 'ADM1_REF', 'ADM1ALT1EN'], 2: ['VARNAME_2', 'ADM2_REF', 'ADM2ALT1EN'] };
const COUNTRY_KEYS = ['NAME_0', 'ADM0_EN', 'COUNTRY', 'admin', 'ADMIN'];

function prop(props, keys) {
  for (const k of keys) {
    const v = props?.[k];
    if (v != null && v !== '' && v !== '<NA>' && v !== 'NA') return String(v);
  }
  return '';
}

export class EventMap {
  constructor(container, { onEvent, onRegion }) {
    this.onEvent = onEvent;
    this.onRegion = onRegion;
    this.map = L.map(container, {
      zoomSnap: 0.25,
      minZoom: 2,
      maxZoom: 13,
      worldCopyJump: false,
      attributionControl: true,
      preferCanvas: false,
    });
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com" rel="noopener noreferrer">Leaflet</a>');
    this.map.fitBounds(SAHEL);
    for (const [name, z] of [['countries', 200], ['admin1', 250], ['admin2', 260], ['admin0', 270], ['labels', 350]]) {
      const pane = this.map.createPane(name);
      pane.style.zIndex = z;
      if (name === 'labels' || name === 'admin2' || name === 'admin0') pane.style.pointerEvents = 'none';
    }
    this.svg = L.svg({ padding: 0.5 });
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: (z) => (z < 7 ? 34 : 24),
      disableClusteringAtZoom: 11,
      iconCreateFunction: clusterIcon,
      chunkedLoading: true,
    });
    this.cluster.addTo(this.map);
    this.markers = new Map();
    this.admin1Layers = [];
    this.admin2Layers = [];
    this.regionStats = new Map();
    this.fitted = false;
    this.addLegend();
  }

  async loadCountries(url, focusCountries) {
    const topo = await getJson(url);
    const geo = feature(topo, topo.objects.countries);
    const focus = new Set((focusCountries || []).map(fold));
    this.countries = L.geoJSON(geo, {
      pane: 'countries',
      interactive: false,
      attribution: 'Country outlines: Natural Earth',
      style: (f) => ({
        color: '#8d99a6',
        weight: focus.has(fold(f.properties?.name)) ? 1.4 : 0.7,
        fillColor: focus.has(fold(f.properties?.name)) ? '#fbfaf6' : '#f1efe9',
        fillOpacity: 1,
      }),
    }).addTo(this.map);
    this.labels = L.layerGroup().addTo(this.map);
    this.countries.eachLayer((layer) => {
      const name = layer.feature.properties?.name;
      if (!focus.has(fold(name))) return;
      // label at the centre of the country's largest ring's bounds
      const latlngs = layer.getLatLngs();
      let best = null;
      const walk = (a) => {
        if (a.length && a[0] instanceof L.LatLng) {
          const b = L.latLngBounds(a);
          const area = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
          if (!best || area > best.area) best = { b, area };
        } else a.forEach(walk);
      };
      walk(latlngs);
      if (!best) return;
      L.marker(best.b.getCenter(), {
        pane: 'labels',
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'country-label', html: `<span>${esc(name)}</span>`, iconSize: null }),
      }).addTo(this.labels);
    });
  }

  /** Loads every layer GET /api/boundaries lists: level 1 as the choropleth, others as outlines. */
  async loadBoundaries() {
    let listing;
    try {
      listing = await getJson('api/boundaries');
    } catch {
      return 0;
    }
    const layers = listing?.layers || [];
    await Promise.all(
      layers.map(async (l) => {
        const gj = await getJson(l.url.replace(/^\//, ''));
        const level = Number(l.level);
        if (level === 1) {
          const layer = L.geoJSON(gj, {
            pane: 'admin1',
            style: () => ({ color: '#7d8a99', weight: 0.9, fillColor: CHORO[0], fillOpacity: 0.8, className: 'admin1-region' }),
            onEachFeature: (f, lyr) => {
              f.properties = f.properties || {};
              lyr._region = {
                name: prop(f.properties, NAME_KEYS[1]),
                alts: prop(f.properties, ALT_KEYS[1]).split('|').filter(Boolean),
                country: prop(f.properties, COUNTRY_KEYS),
              };
              lyr.bindTooltip(() => this.regionTooltip(lyr._region), { sticky: true, className: 'ev-tip' });
              lyr.on('click', () => this.onRegion?.(lyr._region));
            },
          });
          layer.addTo(this.map);
          this.admin1Layers.push(layer);
        } else if (level >= 2) {
          const layer = L.geoJSON(gj, {
            pane: 'admin2',
            interactive: false,
            style: () => ({ color: '#9aa6b2', weight: 0.5, dashArray: '2 3', fill: false, className: 'admin2-outline' }),
          });
          this.admin2Layers.push(layer);
        } else {
          L.geoJSON(gj, {
            pane: 'admin0',
            interactive: false,
            style: () => ({ color: '#5e6b79', weight: 1.4, fill: false, className: 'admin0-outline' }),
          }).addTo(this.map);
        }
      }),
    );
    if (this.admin2Layers.length) {
      const sync = () => {
        const show = this.map.getZoom() >= 6;
        for (const l of this.admin2Layers) {
          if (show && !this.map.hasLayer(l)) l.addTo(this.map);
          if (!show && this.map.hasLayer(l)) this.map.removeLayer(l);
        }
      };
      this.map.on('zoomend', sync);
      sync();
    }
    if (this.admin1Layers.length) this.choroLegend.addTo(this.map);
    this.paintChoropleth();
    return layers.length;
  }

  regionStat(region) {
    const c = fold(region.country);
    for (const n of [region.name, ...region.alts]) {
      const hit = this.regionStats.get(`${c}|${fold(n)}`) || this.regionStats.get(`|${fold(n)}`) ||
        this.regionStats.get(`${c}|~${foldLoose(n)}`) || this.regionStats.get(`|~${foldLoose(n)}`);
      if (hit) return hit;
    }
    return null;
  }

  regionTooltip(region) {
    const s = this.regionStat(region);
    return `<b>${esc(region.name)}</b>${region.country ? `, ${esc(region.country)}` : ''}<br>` +
      (s ? `${fmtInt(s.events)} events · ${fmtInt(s.fatalities)} fatalities` : 'no events under the filters') +
      '<br><span class="muted">click to filter</span>';
  }

  /** by_admin1 rows from /api/stats: the choropleth's counts. */
  setRegionStats(rows) {
    this.regionStats = new Map();
    for (const r of rows || []) {
      const c = fold(r.country);
      const n = r.key ?? r.admin1;
      for (const k of [`${c}|${fold(n)}`, `|${fold(n)}`, `${c}|~${foldLoose(n)}`, `|~${foldLoose(n)}`]) {
        const prev = this.regionStats.get(k);
        this.regionStats.set(k, prev ? { events: prev.events + r.events, fatalities: prev.fatalities + r.fatalities } : r);
      }
    }
    this.paintChoropleth();
  }

  paintChoropleth() {
    if (!this.admin1Layers.length) return;
    let max = 0;
    const counts = [];
    for (const layer of this.admin1Layers)
      layer.eachLayer((l) => {
        const s = this.regionStat(l._region);
        const n = s ? s.events : 0;
        counts.push([l, n]);
        if (n > max) max = n;
      });
    const breaks = choroBreaks(max);
    for (const [l, n] of counts) {
      let cls = 0;
      while (cls < breaks.length && n >= breaks[cls]) cls++;
      l.setStyle({ fillColor: CHORO[cls] });
      l.getElement?.()?.setAttribute('data-events', String(n));
    }
    this.renderChoroLegend(breaks);
  }

  addLegend() {
    const sizes = L.control({ position: 'bottomleft' });
    sizes.onAdd = () => {
      const d = L.DomUtil.create('div', 'map-legend');
      d.innerHTML = '<h3>Fatalities</h3><div class="sizes">' +
        [0, 5, 20, 50].map((f) => { const r = radiusFor(f); return `<span><i style="width:${2 * r}px;height:${2 * r}px"></i>${f}</span>`; }).join('') +
        '</div>';
      return d;
    };
    sizes.addTo(this.map);
    this.choroLegend = L.control({ position: 'bottomright' });
    this.choroLegend.onAdd = () => {
      this.choroDiv = L.DomUtil.create('div', 'map-legend');
      return this.choroDiv;
    };
  }

  renderChoroLegend(breaks) {
    if (!this.choroDiv) return;
    const labels = ['0', ...breaks.map((b, i) => (i + 1 < breaks.length && breaks[i + 1] - 1 > b ? `${b}–${breaks[i + 1] - 1}` : i + 1 < breaks.length ? `${b}` : `${b}+`))];
    this.choroDiv.innerHTML = '<h3>Events per admin 1</h3><div class="ramp">' +
      CHORO.slice(0, labels.length).map((c, i) => `<i style="background:${c}" title="${labels[i]}"></i>`).join('') +
      `</div><div class="ramp-labels"><span>0</span><span>${esc(labels[labels.length - 1])}</span></div>`;
  }

  /** Replaces the markers with the features of /api/export.geojson. */
  setEvents(fc) {
    this.cluster.clearLayers();
    this.markers.clear();
    const layers = [];
    const bounds = [];
    for (const f of fc?.features || []) {
      const p = f.properties || {};
      const c = f.geometry?.coordinates;
      if (!c || c[0] == null || c[1] == null) continue;
      const ll = L.latLng(c[1], c[0]);
      const colour = typeColour(p.event_type);
      const m = L.circleMarker(ll, {
        radius: radiusFor(p.fatalities),
        color: '#ffffff',
        weight: 1.2,
        fillColor: colour,
        fillOpacity: 0.88,
        className: 'ev-marker',
        eventType: p.event_type,
        eventId: p.event_id_cnty,
      });
      m.bindTooltip(
        `<b>${esc(p.event_type)}</b> · ${esc(p.sub_event_type)}<br>${esc(fmtDate(p.event_date))} · ${esc(p.location)}${p.admin1 ? ', ' + esc(p.admin1) : ''}<br>` +
          `${fmtInt(p.fatalities)} fatalities · ${esc(p.event_id_cnty)}`,
        { className: 'ev-tip', direction: 'top', offset: [0, -4] },
      );
      m.on('click', () => this.onEvent?.(p.event_id_cnty));
      layers.push(m);
      bounds.push(ll);
      this.markers.set(p.event_id_cnty, m);
    }
    this.cluster.addLayers(layers);
    if (this.selected) this.highlight(this.selected);
    if (!this.fitted && bounds.length) {
      this.fitted = true;
      this.map.fitBounds(L.latLngBounds(bounds).pad(0.06), { maxZoom: 7 });
    }
    return layers.length;
  }

  fitTo(ids) {
    const pts = ids.map((id) => this.markers.get(id)?.getLatLng()).filter(Boolean);
    if (pts.length) this.map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 8 });
  }

  /** A line over the map (null: leave it as it is; empty: remove it). */
  setNote(text) {
    if (text == null) return;
    if (!this.note) {
      this.note = L.control({ position: 'topright' });
      this.note.onAdd = () => L.DomUtil.create('div', 'map-note');
    }
    const shown = !!this.note._map;
    if (text && !shown) this.note.addTo(this.map);
    if (text) this.note.getContainer().textContent = text;
    else if (shown) this.note.remove();
  }

  /** Outlines the marker of the open event (none when id is empty). */
  highlight(id) {
    const prev = this.markers.get(this.selected);
    prev?.setStyle({ color: '#ffffff', weight: 1.2 });
    this.selected = id;
    const m = this.markers.get(id);
    if (m) {
      m.setStyle({ color: '#14202c', weight: 3 });
      m.bringToFront?.();
    }
  }

  focusEvent(id) {
    const m = this.markers.get(id);
    if (!m) return;
    this.cluster.zoomToShowLayer(m, () => m.openTooltip());
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

function choroBreaks(max) {
  if (max <= 0) return [1];
  if (max <= 5) return Array.from({ length: max }, (_, i) => i + 1);
  // five classes on a square-root scale, starting at 1
  const out = [1];
  for (let i = 1; i < 5; i++) {
    const b = Math.max(out[out.length - 1] + 1, Math.round(((i / 5) ** 2) * max) + 1);
    if (b <= max) out.push(b);
  }
  return out;
}

function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const counts = new Map();
  for (const m of children) counts.set(m.options.eventType, (counts.get(m.options.eventType) || 0) + 1);
  let acc = 0;
  const stops = [];
  for (const [t, colour] of [...EVENT_TYPES, ['', '#6b7785']]) {
    const n = t ? counts.get(t) || 0 : children.length - [...counts.entries()].filter(([k]) => EVENT_TYPES.some(([e]) => e === k)).reduce((s, [, v]) => s + v, 0);
    if (!n) continue;
    const a = (acc / children.length) * 360;
    acc += n;
    const b = (acc / children.length) * 360;
    stops.push(`${colour} ${a.toFixed(1)}deg ${b.toFixed(1)}deg`);
  }
  const n = children.length;
  const size = n < 10 ? 30 : n < 100 ? 38 : 46;
  return L.divIcon({
    html: `<div style="background:conic-gradient(${stops.join(',')})"><span>${n}</span></div>`,
    className: 'ev-cluster',
    iconSize: L.point(size, size),
  });
}
