import {
  Column,
  Entity,
  PrimaryGeneratedColumn,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { Database } from './database';
import { namedStatement, queryNamed } from './named-statement';
import { TenantMismatchError, TenantScope } from './tenant';
import { testDatabaseTargets } from './test-targets';

@Entity({ name: 'widgets' })
class Widget {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'bigint', default: '0' }) count!: string;
}

class CreateWidgets1700000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "pers_test"."widgets" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      name text NOT NULL UNIQUE,
      count bigint NOT NULL DEFAULT 0)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "pers_test"."widgets"`);
  }
}

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';

describe.each(testDatabaseTargets())('Database on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await db.query('DROP SCHEMA IF EXISTS "pers_test" CASCADE');
  });
  afterAll(async () => {
    await db.query('DROP SCHEMA IF EXISTS "pers_test" CASCADE');
    await db.close();
  });

  it('runs migrations once, in the service schema', async () => {
    const ds = db.dataSource({
      schema: 'pers_test',
      entities: [Widget],
      migrations: [CreateWidgets1700000000000],
    });
    await db.migrate(ds, 'pers_test');
    await db.migrate(ds, 'pers_test');
    const rows = await db.query<{ name: string }>(`SELECT name FROM "pers_test"."migrations"`);
    expect(rows.map((r) => r.name)).toEqual(['CreateWidgets1700000000000']);
  });

  it('isolates concurrent transactions and rolls back a failed one entirely', async () => {
    const ds = db.dataSource({ schema: 'pers_test', entities: [Widget] });
    await ds.initialize();
    // The second transaction takes 'a1' once the first holds it, whichever connection
    // the pool hands out first: on PostgreSQL it waits for the first to commit, then fails.
    let holdsA1!: () => void;
    const a1Taken = new Promise<void>((resolve) => (holdsA1 = resolve));
    const ok = ds.transaction(async (m) => {
      await m.insert(Widget, { organizationId: ORG_A, name: 'a1' });
      holdsA1();
      await new Promise((r) => setTimeout(r, 20));
      await m.insert(Widget, { organizationId: ORG_A, name: 'a2' });
    });
    const failing = ds.transaction(async (m) => {
      await m.insert(Widget, { organizationId: ORG_A, name: 'b1' });
      await a1Taken;
      await m.insert(Widget, { organizationId: ORG_A, name: 'a1' }); // unique violation
    });
    await ok;
    await expect(failing).rejects.toThrow();
    const names = (await ds.getRepository(Widget).find()).map((w) => w.name).sort();
    expect(names).toEqual(['a1', 'a2']);
    // node-postgres shapes on both backends: bigint as string
    expect((await ds.getRepository(Widget).findOneByOrFail({ name: 'a1' })).count).toBe('0');
  });

  it('scopes every read and write to one organization', async () => {
    const ds = db.dataSource({ schema: 'pers_test', entities: [Widget] });
    await ds.initialize();
    await ds.manager.insert(Widget, { organizationId: ORG_B, name: 'b-only' });
    const a = new TenantScope(ds.manager, Widget, ORG_A);
    expect((await a.find()).every((w) => w.organizationId === ORG_A)).toBe(true);
    expect(await a.findOneBy({ name: 'b-only' })).toBeNull();
    await expect(a.save({ organizationId: ORG_B, name: 'sneaky' })).rejects.toBeInstanceOf(
      TenantMismatchError,
    );
    const saved = await a.save({ name: 'a3' });
    expect(saved.organizationId).toBe(ORG_A);
  });

  it('runs a named statement, prepared once per connection, with its values', async () => {
    const add = namedStatement('pers_test_add', 'SELECT $1::int + $2::int AS sum');
    const ds = db.dataSource({ schema: 'pers_test' });
    await ds.initialize();
    for (const [a, b] of [
      [1, 2],
      [40, 2],
    ])
      expect(await queryNamed(ds, add, [a, b])).toEqual([{ sum: a + b }]);
    // Inside a transaction too, through its manager.
    await ds.transaction(async (m) =>
      expect(await queryNamed(m, add, [5, 5])).toEqual([{ sum: 10 }]),
    );
    await ds.destroy();
  });

  it('delivers NOTIFY only when the transaction commits', async () => {
    const got: string[] = [];
    const stop = await db.listen('pers_test_channel', (p) => got.push(p));
    const ds = db.dataSource({ schema: 'pers_test' });
    await ds.initialize();
    await expect(
      ds.transaction(async (m) => {
        await m.query(`SELECT pg_notify('pers_test_channel', 'rolled-back')`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await ds.transaction((m) => m.query(`SELECT pg_notify('pers_test_channel', 'committed')`));
    await waitFor(() => got.length > 0);
    expect(got).toEqual(['committed']);
    stop();
  });
});

async function waitFor(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
