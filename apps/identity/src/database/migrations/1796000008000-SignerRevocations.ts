import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway asks every second for the signer sessions revoked since a
 * minute (ADR 0027): an index over those rows only, so the question costs
 * the few revocations of the last minutes, not a scan of the sessions.
 */
export class SignerRevocations1796000008000 implements MigrationInterface {
  name = 'SignerRevocations1796000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX sessions_signers_revoked ON identity.sessions (revoked_at)
        WHERE kind = 'signer' AND revoked_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX identity.sessions_signers_revoked`);
  }
}
