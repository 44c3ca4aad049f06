import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the landing page's image shows, in words, per language: the image's
 * alternative text for people who cannot see it. Empty: the image is
 * decorative (alt="").
 */
export class SpaceImageAlt1795400000000 implements MigrationInterface {
  name = 'SpaceImageAlt1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spaces.spaces ADD COLUMN image_alt jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spaces.spaces DROP COLUMN image_alt`);
  }
}
