import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Logouts sent to FranceConnect, by `state`, consumed once when the browser
 * comes back. No ID token here: it rides, sealed, in the browser's cookie
 * (docs/adr/0009-franceconnect-logout.md).
 */
export class FranceConnectLogout1763810000000 implements MigrationInterface {
  name = 'FranceConnectLogout1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.oidc_logouts (
      state text PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES identity.organizations(id) ON DELETE CASCADE,
      return_to text NOT NULL,
      expires_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.oidc_logouts`);
  }
}
