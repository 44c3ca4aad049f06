import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an organization is: its IANA time zone (calendar feeds and mailed
 * times; the API checks the name, the column only its shape) and the tile
 * server of its maps, an https template with {z}, {x} and {y}, with the
 * attribution its terms ask for: no tile server without one.
 */
export class OrganizationTimeZoneAndMap1796000010000 implements MigrationInterface {
  name = 'OrganizationTimeZoneAndMap1796000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.organizations
      ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Paris'
        CHECK (time_zone ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$'),
      ADD COLUMN map_tile_url text
        CHECK (map_tile_url IS NULL OR (map_tile_url LIKE 'https://%' AND length(map_tile_url) <= 2000
          AND strpos(map_tile_url, '{z}') > 0 AND strpos(map_tile_url, '{x}') > 0 AND strpos(map_tile_url, '{y}') > 0)),
      ADD COLUMN map_attribution text
        CHECK (map_attribution IS NULL OR length(map_attribution) BETWEEN 1 AND 300),
      ADD CONSTRAINT organizations_map_attributed CHECK (map_tile_url IS NULL OR map_attribution IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.organizations
      DROP CONSTRAINT organizations_map_attributed,
      DROP COLUMN map_attribution, DROP COLUMN map_tile_url, DROP COLUMN time_zone`);
  }
}
