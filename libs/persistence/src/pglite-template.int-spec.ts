import { existsSync, mkdtempSync, rmSync, truncateSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Database } from './database';
import { isTemplateComplete } from './pglite-template';

class CreateNotes1700000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "tpl_test"."notes" (id serial PRIMARY KEY, body text NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "tpl_test"."notes"`);
  }
}

// Every test opens on-disk PGlite databases; building the template runs initdb once.
jest.setTimeout(180_000);

describe('PGlite data directories from the initdb template', () => {
  let root: string;
  let template: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'palabre-template-'));
    template = join(root, 'template');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const open = (name: string) =>
    Database.open({ dataDir: join(root, name), pgliteTemplate: template });

  it('builds the template once, then a new data directory opens from it, migrates and keeps its data', async () => {
    const db = await open('first');
    expect(db.origin).toBe('template');
    expect(await isTemplateComplete(template)).toBe(true);
    const ds = db.dataSource({ schema: 'tpl_test', migrations: [CreateNotes1700000000000] });
    await db.migrate(ds, 'tpl_test');
    await db.query(`INSERT INTO "tpl_test"."notes" (body) VALUES ('kept')`);
    await db.close();

    const again = await open('first');
    expect(again.origin).toBe('existing');
    expect(await again.query(`SELECT body FROM "tpl_test"."notes"`)).toEqual([{ body: 'kept' }]);
    await again.close();

    // A second database from the same template shares nothing with the first.
    const other = await open('second');
    expect(other.origin).toBe('template');
    expect(
      await other.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'tpl_test'`),
    ).toEqual([{ n: 0 }]);
    await other.close();
  });

  it.each([
    ['partial (a file missing)', (dir: string) => unlinkSync(join(dir, 'global', 'pg_control'))],
    ['corrupt (a file cut short)', (dir: string) => truncateSync(join(dir, 'PG_VERSION'), 1)],
  ])('rebuilds a %s template before copying it', async (_kind, damage) => {
    damage(template);
    expect(await isTemplateComplete(template)).toBe(false);

    const db = await open(`after-${_kind.split(' ')[0]}`);
    expect(db.origin).toBe('template');
    expect(await db.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    await db.close();
    expect(await isTemplateComplete(template)).toBe(true);
  });

  it('treats a template without its manifest (an interrupted build) as missing', async () => {
    expect(await isTemplateComplete(template)).toBe(true);
    unlinkSync(join(template, 'palabre-template.json'));
    expect(await isTemplateComplete(template)).toBe(false);
    expect(existsSync(join(template, 'PG_VERSION'))).toBe(true);
  });
});
