import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deleted account's name is erased from what it wrote (docs/adr/0018):
 * `author_name` NULL means "deleted participant" (an official entry's is '').
 */
export class ErasedAuthors1796000004100 implements MigrationInterface {
  name = 'ErasedAuthors1796000004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE proposals.proposals ALTER COLUMN author_name DROP NOT NULL`);
    await q.query(`ALTER TABLE proposals.comments ALTER COLUMN author_name DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['proposals', 'comments']) {
      await q.query(`UPDATE proposals.${table} SET author_name = '' WHERE author_name IS NULL`);
      await q.query(`ALTER TABLE proposals.${table} ALTER COLUMN author_name SET NOT NULL`);
    }
  }
}
