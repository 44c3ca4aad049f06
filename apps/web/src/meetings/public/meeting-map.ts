/**
 * Where a meeting is, on a map or in words. With the organization's tile
 * server and the meeting's coordinates: a static map of 3×3 tiles at zoom
 * 16 around the point, the point marked, the tile server's credit under it,
 * tiles served by this site from the organization's template (the CSP
 * allows no third-party image; no script needed). Without either: the
 * address and a link to OpenStreetMap, never a map that cannot draw.
 */
import { html, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';

export const MAP_ZOOM = 16;
/** The tiles of the grid, by their x and y at MAP_ZOOM: "33198-22546". */
export const TILE = /^(\d{1,6})-(\d{1,6})$/;

export interface MapGrid {
  /** Row by row, top left first. */
  tiles: { x: number; y: number }[];
  /** Where the point is in the grid, in percent of its width and height. */
  marker: { left: number; top: number };
}

/** The point's position in tiles at `zoom` (Web Mercator, as OpenStreetMap's tiles). */
export function tilePoint(latitude: number, longitude: number, zoom = MAP_ZOOM) {
  const n = 2 ** zoom;
  const lat = (Math.max(-85.0511, Math.min(85.0511, latitude)) * Math.PI) / 180;
  return {
    x: ((longitude + 180) / 360) * n,
    y: ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n,
  };
}

/** The 3×3 tiles around the point (the point in the middle one) and where the point falls. */
export function mapGrid(latitude: number, longitude: number): MapGrid {
  const n = 2 ** MAP_ZOOM;
  const p = tilePoint(latitude, longitude);
  const cx = Math.min(n - 1, Math.floor(p.x));
  const cy = Math.min(n - 2, Math.max(1, Math.floor(p.y)));
  const tiles: MapGrid['tiles'] = [];
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) tiles.push({ x: (cx + dx + n) % n, y: cy + dy });
  const percent = (v: number) => Math.round(v * 10_000) / 100;
  return {
    tiles,
    marker: { left: percent((p.x - (cx - 1)) / 3), top: percent((p.y - (cy - 1)) / 3) },
  };
}

/** The tile's address at the organization's tile server ({z}, {x} and {y} of its template). */
export const tileUrl = (template: string, x: number, y: number): string =>
  template.replace('{z}', String(MAP_ZOOM)).replace('{x}', String(x)).replace('{y}', String(y));

/** Where this site serves a meeting's tile from. */
export const tilePath = (meetingId: string, t: { x: number; y: number }) =>
  `/meetings/map/${meetingId}/${t.x}-${t.y}`;

const coordinate = (v: number) => String(Math.round(v * 1e6) / 1e6);

/** The point on OpenStreetMap, or a search for the address; null with neither. */
export function openStreetMapHref(
  latitude: number | null,
  longitude: number | null,
  address: string | null,
): string | null {
  if (latitude !== null && longitude !== null) {
    const lat = coordinate(latitude);
    const lon = coordinate(longitude);
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  }
  return address
    ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`
    : null;
}

export interface MapPlace {
  id: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A red pin whose tip is the point (drawn over the tiles; the figure says where in words). */
const PIN = html`<svg
  width="28"
  height="40"
  viewBox="0 0 28 40"
  aria-hidden="true"
  focusable="false"
  style="position:absolute;left:var(--x);top:var(--y);transform:translate(-50%,-100%)"
>
  <path
    d="M14 1C7 1 1.5 6.5 1.5 13.5 1.5 23 14 39 14 39s12.5-16 12.5-25.5C26.5 6.5 21 1 14 1z"
    fill="#b00020"
    stroke="#fff"
    stroke-width="2"
  />
  <circle cx="14" cy="13.5" r="4.5" fill="#fff" />
</svg>`;

/**
 * The map of a meeting's place when the organization has a tile server and
 * the meeting coordinates, else the link to OpenStreetMap (nothing when
 * there is neither an address nor coordinates).
 */
export function placeMap(ctx: PageContext, m: MapPlace): Html | string {
  const { t } = ctx;
  const osm = openStreetMapHref(m.latitude, m.longitude, m.address);
  const template = ctx.org.mapTileUrl;
  if (!template || m.latitude === null || m.longitude === null)
    return osm
      ? html`<p>
          <a href="${osm}" rel="noopener"
            >${m.latitude !== null ? t('meetings.map.osm') : t('meetings.map.osmSearch')}</a
          >
        </p>`
      : '';
  const grid = mapGrid(m.latitude, m.longitude);
  const label = m.address
    ? t('meetings.map.labelAt', { address: m.address })
    : t('meetings.map.label');
  return html`<figure style="margin:1rem 0;max-width:30rem">
    <div
      role="img"
      aria-label="${label}"
      style="position:relative;display:grid;grid-template-columns:repeat(3,1fr);border:1px solid #555;border-radius:.25rem;overflow:hidden;background:#e8e8e8;--x:${grid.marker.left}%;--y:${grid.marker.top}%"
    >
      ${grid.tiles.map(
        (tile) =>
          html`<img
            src="${tilePath(m.id, tile)}"
            alt=""
            width="256"
            height="256"
            style="display:block;width:100%;height:auto"
          />`,
      )}
      ${PIN}
    </div>
    <figcaption class="meta">
      ${ctx.org.mapAttribution ? html`${ctx.org.mapAttribution} · ` : ''}<a
        href="${osm}"
        rel="noopener"
        >${t('meetings.map.osm')}</a
      >
    </figcaption>
  </figure>`;
}
