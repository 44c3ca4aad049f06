import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { organizationSignerKey } from '@palabre/auth';
import type { Database } from './database';
import { rewriteSignerKeys } from './signer-keys';
import { testDatabaseTargets } from './test-targets';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const PERSON = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

class Seed1700000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE rekey_test.votes (
      organization_id uuid NOT NULL, voter text NOT NULL, kind text NOT NULL,
      PRIMARY KEY (organization_id, voter, kind))`);
    // One person in two organizations, twice in one; an account; another kind left alone;
    // more rows than a page, so paging meets keys it already rewrote.
    await q.query(
      `INSERT INTO rekey_test.votes VALUES
         ($1, 'fc:' || $3, 'budget'), ($1, 'fc:' || $3, 'other'), ($2, 'fc:' || $3, 'budget'),
         ($1, 'fc:' || $4, 'budget'), ($1, 'account:123', 'budget'), ($1, 'fc:' || $3, 'skip')`,
      [ORG_A, ORG_B, PERSON, OTHER],
    );
    await q.query(
      `INSERT INTO rekey_test.votes
         SELECT $1, 'fc:' || md5(i::text) || md5(i::text), 'bulk' FROM generate_series(1, 4500) i`,
      [ORG_A],
    );
  }
  async down() {}
}

class Rekey1700000000001 implements MigrationInterface {
  async up(q: QueryRunner) {
    await rewriteSignerKeys(q, {
      table: 'rekey_test.votes',
      column: 'voter',
      prefix: 'fc:',
      where: `kind <> 'skip'`,
    });
  }
  async down() {}
}

describe.each(testDatabaseTargets())('rewriteSignerKeys on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await db.query('DROP SCHEMA IF EXISTS rekey_test CASCADE');
  });
  afterAll(async () => {
    await db.query('DROP SCHEMA IF EXISTS rekey_test CASCADE');
    await db.close();
  });

  it('gives each organization its own pseudonym of a person, once, in the migration', async () => {
    const ds = db.dataSource({
      schema: 'rekey_test',
      entities: [],
      migrations: [Seed1700000000000, Rekey1700000000001],
    });
    await db.migrate(ds, 'rekey_test');
    const rows = await db.query<{ organization_id: string; voter: string; kind: string }>(
      `SELECT organization_id, voter, kind FROM rekey_test.votes WHERE kind <> 'bulk' ORDER BY kind, voter`,
    );
    const inA = `fc:${organizationSignerKey(PERSON, ORG_A)}`;
    const inB = `fc:${organizationSignerKey(PERSON, ORG_B)}`;
    expect(inA).not.toBe(inB);
    expect(rows).toEqual(
      expect.arrayContaining([
        { organization_id: ORG_A, voter: inA, kind: 'budget' },
        { organization_id: ORG_A, voter: inA, kind: 'other' },
        { organization_id: ORG_B, voter: inB, kind: 'budget' },
        {
          organization_id: ORG_A,
          voter: `fc:${organizationSignerKey(OTHER, ORG_A)}`,
          kind: 'budget',
        },
        { organization_id: ORG_A, voter: 'account:123', kind: 'budget' },
        { organization_id: ORG_A, voter: `fc:${PERSON}`, kind: 'skip' },
      ]),
    );
    expect(rows).toHaveLength(6);
    // Every bulk key rewritten exactly once (a second rewrite would not match this).
    const bulk = await db.query<{ voter: string }>(
      `SELECT voter FROM rekey_test.votes WHERE kind = 'bulk' ORDER BY voter`,
    );
    const expected = Array.from({ length: 4500 }, (_, i) => {
      const md5 = createHash('md5')
        .update(String(i + 1))
        .digest('hex');
      return `fc:${organizationSignerKey(md5 + md5, ORG_A)}`;
    }).sort();
    expect(bulk.map((r) => r.voter)).toEqual(expected);
  });
});
