import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rewriteSignerKeys } from '@palabre/persistence';

/**
 * A FranceConnect signer's session keeps nothing that joins it to an account
 * or to the same browser's other session (ADR 0007): no User-Agent, and times
 * only to the minute (an identified session of the same browser, opened a few
 * hundred milliseconds before, would otherwise match it by time and browser).
 * The CHECK makes the database refuse a signer row that keeps more. Signer
 * keys become per-organization pseudonyms.
 */
export class SignerSessionsUnlinkable1796000001000 implements MigrationInterface {
  name = 'SignerSessionsUnlinkable1796000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE identity.sessions SET user_agent = NULL,
              created_at = date_trunc('minute', created_at),
              last_seen_at = date_trunc('minute', created_at),
              expires_at = date_trunc('minute', expires_at),
              revoked_at = date_trunc('minute', revoked_at)
        WHERE kind = 'signer'`,
    );
    await rewriteSignerKeys(q, {
      table: 'identity.sessions',
      column: 'signer_key',
      where: `kind = 'signer'`,
    });
    await q.query(
      `ALTER TABLE identity.sessions ADD CONSTRAINT sessions_signer_unlinkable CHECK (
         kind <> 'signer' OR (user_agent IS NULL
           AND created_at = date_trunc('minute', created_at)
           AND last_seen_at = created_at
           AND expires_at = date_trunc('minute', expires_at)
           AND (revoked_at IS NULL OR revoked_at = date_trunc('minute', revoked_at))))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.sessions DROP CONSTRAINT sessions_signer_unlinkable`);
  }
}
