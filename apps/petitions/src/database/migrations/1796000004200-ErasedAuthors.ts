import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deleted account's name is erased from the petitions it wrote
 * (docs/adr/0018): `author_name` NULL means "deleted participant".
 */
export class ErasedAuthors1796000004200 implements MigrationInterface {
  name = 'ErasedAuthors1796000004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE petitions.petitions ALTER COLUMN author_name DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE petitions.petitions SET author_name = '' WHERE author_name IS NULL`);
    await q.query(`ALTER TABLE petitions.petitions ALTER COLUMN author_name SET NOT NULL`);
  }
}
