import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per FranceConnect login in progress: consumed once, so a replayed `state` finds nothing. */
export class FranceConnectFlows1763800000000 implements MigrationInterface {
  name = 'FranceConnectFlows1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.oidc_flows (
      state text PRIMARY KEY,
      organization_id uuid NOT NULL REFERENCES identity.organizations(id) ON DELETE CASCADE,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('signer', 'author')),
      return_to text NOT NULL,
      redirect_uri text NOT NULL,
      expires_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.oidc_flows`);
  }
}
