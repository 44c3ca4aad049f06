import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account's consent to its organization's newsletter, with its dates
 * (double opt-in: pending until the mailed link is confirmed). The pending
 * token is stored only as a keyed hash, like every mailed token. A row is
 * created on the first request; no row means no consent ('none').
 */
export class NewsletterConsents1796000012000 implements MigrationInterface {
  name = 'NewsletterConsents1796000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.newsletter_consents (
      organization_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES identity.users(id) ON DELETE CASCADE,
      state text NOT NULL CHECK (state IN ('none', 'pending', 'granted', 'withdrawn')),
      asked_at timestamptz,
      granted_at timestamptz,
      withdrawn_at timestamptz,
      token_hash text,
      token_expires_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, user_id),
      CHECK ((token_hash IS NULL) = (token_expires_at IS NULL))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX newsletter_consents_token ON identity.newsletter_consents (token_hash) WHERE token_hash IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.newsletter_consents`);
  }
}
