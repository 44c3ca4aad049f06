import { I18n } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { MAP_ZOOM, mapGrid, openStreetMapHref, placeMap, tilePoint, tileUrl } from './meeting-map';

/** Enough of a page's context for the map: its words and the organization's tile server. */
const ctxWith = (org: { mapTileUrl?: string | null; mapAttribution?: string | null }) => {
  const i18n = new I18n('fr');
  return {
    t: i18n.t.bind(i18n),
    org: { id: 'o', name: 'Ville', ...org },
  } as unknown as PageContext;
};
const lyon = {
  id: '9fc53989-27ec-4e1b-9153-98d953e6f9f2',
  address: '12 rue de la République',
  latitude: 45.764,
  longitude: 4.8357,
};

describe('a meeting’s map', () => {
  it('finds the tile of a point as OpenStreetMap numbers them', () => {
    // The OpenStreetMap wiki's example (Slippy map tilenames): the Brandenburg Gate at zoom 17.
    const p = tilePoint(52.51628011262304, 13.37771496361961, 17);
    expect([Math.floor(p.x), Math.floor(p.y)]).toEqual([70406, 42987]);
    expect(MAP_ZOOM).toBe(16);
  });

  it('takes the 3×3 tiles around the point and marks the point inside the middle one', () => {
    const grid = mapGrid(lyon.latitude, lyon.longitude);
    const p = tilePoint(lyon.latitude, lyon.longitude);
    expect(grid.tiles).toHaveLength(9);
    expect(grid.tiles[4]).toEqual({ x: Math.floor(p.x), y: Math.floor(p.y) });
    expect(grid.tiles[0]).toEqual({ x: Math.floor(p.x) - 1, y: Math.floor(p.y) - 1 });
    for (const v of [grid.marker.left, grid.marker.top]) {
      expect(v).toBeGreaterThanOrEqual(100 / 3);
      expect(v).toBeLessThanOrEqual(200 / 3);
    }
    expect(tileUrl('https://tile.example.org/{z}/{x}/{y}.png?key=k', 1, 2)).toBe(
      'https://tile.example.org/16/1/2.png?key=k',
    );
  });

  it('draws nine tiles from this site, the marker and the credit with a tile server', () => {
    const markup = String(
      placeMap(
        ctxWith({
          mapTileUrl: 'https://tile.example.org/{z}/{x}/{y}.png',
          mapAttribution: '© OpenStreetMap',
        }),
        lyon,
      ),
    );
    const tiles = [...markup.matchAll(/<img\s+src="([^"]+)"\s+alt=""/g)].map((m) => m[1]);
    expect(tiles).toHaveLength(9);
    for (const src of tiles)
      expect(src).toMatch(new RegExp(`^/meetings/map/${lyon.id}/\\d+-\\d+$`));
    expect(markup).toMatch(
      /role="img"\s+aria-label="Plan du quartier autour de 12 rue de la République"/,
    );
    expect(markup).toContain('© OpenStreetMap');
    expect(markup).toContain(
      'href="https://www.openstreetmap.org/?mlat=45.764&amp;mlon=4.8357#map=17/45.764/4.8357"',
    );
    // The tile server's address never reaches the page.
    expect(markup).not.toContain('tile.example.org');
  });

  it('without a tile server or without coordinates: a link to OpenStreetMap, never a map', () => {
    const noServer = String(placeMap(ctxWith({ mapTileUrl: null }), lyon));
    expect(noServer).not.toContain('<img');
    expect(noServer).toContain('Voir le lieu sur OpenStreetMap');
    const noPoint = String(
      placeMap(ctxWith({ mapTileUrl: 'https://tile.example.org/{z}/{x}/{y}.png' }), {
        ...lyon,
        latitude: null,
        longitude: null,
      }),
    );
    expect(noPoint).not.toContain('<img');
    expect(noPoint).toContain(
      'https://www.openstreetmap.org/search?query=12%20rue%20de%20la%20R%C3%A9publique',
    );
    expect(openStreetMapHref(null, null, null)).toBeNull();
    expect(
      String(placeMap(ctxWith({}), { ...lyon, address: null, latitude: null, longitude: null })),
    ).toBe('');
  });
});
