import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organization's branding and announcement: a logo (https address), a
 * primary colour (#rrggbb, dark enough for white text: checked by the API),
 * a welcome text and an announcement per language ({"fr": "…", "en": "…"},
 * a missing language shows nothing).
 */
export class OrganizationBranding1795336100000 implements MigrationInterface {
  name = 'OrganizationBranding1795336100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.organizations
      ADD COLUMN logo_url text CHECK (logo_url IS NULL OR (logo_url LIKE 'https://%' AND length(logo_url) <= 2000)),
      ADD COLUMN primary_color text CHECK (primary_color IS NULL OR primary_color ~ '^#[0-9a-f]{6}$'),
      ADD COLUMN welcome_text jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(welcome_text) = 'object'),
      ADD COLUMN announcement jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(announcement) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.organizations
      DROP COLUMN announcement, DROP COLUMN welcome_text, DROP COLUMN primary_color, DROP COLUMN logo_url`);
  }
}
