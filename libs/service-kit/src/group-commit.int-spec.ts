import { Database } from '@palabre/persistence';
import type { DataSource } from 'typeorm';
import { GroupCommit, GroupCommitOverloadedError } from './group-commit';

/** Group commit against a real (embedded) PostgreSQL: batching, answers, refusals. */
describe('GroupCommit', () => {
  let db: Database;
  let ds: DataSource;
  beforeAll(async () => {
    db = await Database.open({ dataDir: 'memory://' });
    ds = db.dataSource({ schema: 'gc_test' });
    await ds.initialize();
    await ds.query(`CREATE SCHEMA IF NOT EXISTS gc_test`);
    await ds.query(`CREATE TABLE gc_test.items (n int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.close();
  });

  const writer = (
    options: {
      maxQueue?: number;
      maxBatch?: number;
      batches?: number[];
      concurrency?: number;
      lingerMs?: number;
    } = {},
  ) =>
    new GroupCommit<number, string>(ds, {
      name: `gc_test_${Math.random().toString(36).slice(2)}`,
      help: 'Test items',
      maxQueue: options.maxQueue ?? 1_000,
      maxBatch: options.maxBatch ?? 500,
      concurrency: options.concurrency ?? 1,
      lingerMs: options.lingerMs,
      async store(m, ops) {
        options.batches?.push(ops.length);
        // One statement for the batch; a number already stored is refused, not failed.
        const rows: { n: number }[] = await m.query(
          `INSERT INTO gc_test.items (n) SELECT unnest($1::int[]) ON CONFLICT DO NOTHING RETURNING n`,
          [ops],
        );
        const stored = new Set(rows.map((r) => r.n));
        // In arrival order: a number twice in one batch is stored for the first request only.
        return ops.map((n) => (stored.delete(n) ? `stored ${n}` : `already ${n}`));
      },
    });

  it('writes requests arriving together in few transactions and answers each with its own outcome', async () => {
    const batches: number[] = [];
    const gc = writer({ batches });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => gc.submit(1_000 + (i % 60))),
    );
    // The first request goes alone; the 99 queued behind it share the next transaction.
    expect(batches).toEqual([1, 99]);
    expect(answers.slice(0, 60)).toEqual(
      Array.from({ length: 60 }, (_, i) => `stored ${1_000 + i}`),
    );
    expect(answers.slice(60)).toEqual(Array.from({ length: 40 }, (_, i) => `already ${1_000 + i}`));
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM gc_test.items WHERE n >= 1000`);
    expect(n).toBe(60);
    await gc.close();
  });

  it('with a linger, starts a batch at once after a quiet moment, then gathers the next ones for it', async () => {
    const batches: number[] = [];
    const gc = writer({ batches, concurrency: 3, lingerMs: 150 });
    const started = performance.now();
    const first = gc.submit(6_000);
    // Three slots are free, yet these wait for the linger and leave together.
    const rest = Array.from({ length: 20 }, (_, i) => gc.submit(6_001 + i));
    expect(await first).toBe('stored 6000');
    const firstAt = performance.now() - started;
    const answers = await Promise.all(rest);
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `stored ${6_001 + i}`));
    expect(batches).toEqual([1, 20]);
    expect(firstAt).toBeLessThan(150);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await gc.close();
  });

  it('with a linger, never holds a full batch back', async () => {
    const batches: number[] = [];
    const gc = writer({ batches, concurrency: 2, maxBatch: 10, lingerMs: 10_000 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 21 }, (_, i) => gc.submit(7_000 + i)));
    // The lone first, then full batches as soon as a slot is free: none waits out the linger.
    expect(batches).toEqual([1, 10, 10]);
    expect(performance.now() - started).toBeLessThan(5_000);
    await gc.close();
  });

  it('answers a large batch a slice at a time, other work running between slices', async () => {
    const gc = writer();
    const order: string[] = [];
    let between: Promise<void> | undefined;
    const all = Array.from({ length: 65 }, (_, i) =>
      gc.submit(2_000 + i).then(() => {
        order.push(`answer ${i}`);
        // Scheduled as the first answer of the big batch goes out: it must not wait for the last.
        if (i === 1)
          between = new Promise((r) => setImmediate(r)).then(() => void order.push('other'));
      }),
    );
    await Promise.all(all);
    await between;
    const other = order.indexOf('other');
    expect(other).toBeGreaterThan(order.indexOf('answer 1'));
    expect(other).toBeLessThan(order.indexOf('answer 64'));
    expect(order.filter((o) => o.startsWith('answer'))).toHaveLength(65);
    await gc.close();
  });

  it('rolls a failing batch back and fails each of its requests', async () => {
    // A NULL breaks the primary key: the whole batch holding it fails.
    const failing = new GroupCommit<number | null, string>(ds, {
      name: 'gc_test_failing',
      help: 'Test items',
      maxQueue: 10,
      maxBatch: 10,
      concurrency: 1,
      async store(m, ops) {
        await m.query(`INSERT INTO gc_test.items (n) SELECT unnest($1::int[])`, [ops]);
        return ops.map(() => 'stored');
      },
    });
    const first = failing.submit(4_000);
    const batch = [failing.submit(4_001), failing.submit(null), failing.submit(4_002)];
    await expect(first).resolves.toBe('stored');
    for (const r of await Promise.allSettled(batch)) expect(r.status).toBe('rejected');
    const rows = await ds.query(`SELECT n FROM gc_test.items WHERE n BETWEEN 4000 AND 4002`);
    expect(rows).toEqual([{ n: 4_000 }]);
    await failing.close();
  });

  it('refuses beyond its queue, and everything once closed', async () => {
    const gc = writer({ maxQueue: 2 });
    const accepted = [gc.submit(5_000), gc.submit(5_001), gc.submit(5_002)];
    // The first left the queue for its transaction; two wait; the fourth finds it full.
    await expect(gc.submit(5_003)).rejects.toBeInstanceOf(GroupCommitOverloadedError);
    await Promise.all(accepted);
    await gc.close();
    const late = gc.submit(5_004);
    await expect(late).rejects.toMatchObject({ retryAfterSeconds: 5 });
  });
});
