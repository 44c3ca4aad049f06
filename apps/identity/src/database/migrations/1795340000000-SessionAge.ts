import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The age of a FranceConnect signer, in whole years at sign-in, capped at 18
 * (18 means "adult"): what services need to apply a minimum age (a youth
 * budget from 16, an idea box from 11, petitions for adults), without the
 * birthdate, which is never stored. It lives as long as the signer's session.
 */
export class SessionAge1795340000000 implements MigrationInterface {
  name = 'SessionAge1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE identity.sessions ADD COLUMN age smallint CHECK (age IS NULL OR age BETWEEN 0 AND 18)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.sessions DROP COLUMN age`);
  }
}
