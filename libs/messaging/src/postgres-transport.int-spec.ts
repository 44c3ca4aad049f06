import { randomUUID } from 'node:crypto';
import { testDatabaseTargets } from '@palabre/persistence';
import { partitionFor } from './event';
import { PostgresTransport } from './postgres-transport';
import { describeTransportContract } from './transport.contract';

for (const target of testDatabaseTargets()) {
  describeTransportContract(`postgres on ${target.name}`, async () => {
    const db = await target.open();
    return { db, makeTransport: () => new PostgresTransport(db, { pollIntervalMs: 100 }) };
  });

  describe(`postgres transport's log on ${target.name}`, () => {
    it('numbers each partition of each topic from 1 without gaps, in batch order, when passes append at once', async () => {
      const db = await target.open();
      try {
        const transport = new PostgresTransport(db);
        await transport.start();
        const run = randomUUID().slice(0, 8);
        const topics = [`t.${run}.a`, `t.${run}.b`];
        // Six relay passes at once, each spread over both topics and all eight partitions.
        const passes = Array.from({ length: 6 }, (_, p) =>
          Array.from({ length: 40 }, (_, i) => ({
            id: randomUUID(),
            topic: topics[i % 2],
            key: `k${i % 13}`,
            headers: {},
            payload: { pass: p, i },
          })),
        );
        await Promise.all(passes.map((messages) => transport.send(messages)));
        const rows = await db.query<{
          topic: string;
          partition: number;
          seq: string;
          key: string;
          payload: { pass: number; i: number };
        }>(
          `SELECT topic, partition, seq, key, payload FROM palabre_bus.events
            WHERE topic = ANY($1) ORDER BY topic, partition, seq::bigint`,
          [topics],
        );
        expect(rows).toHaveLength(240);
        const byPartition = new Map<string, typeof rows>();
        for (const r of rows) {
          expect(r.partition).toBe(partitionFor(r.key, 8));
          const k = `${r.topic}/${r.partition}`;
          byPartition.set(k, [...(byPartition.get(k) ?? []), r]);
        }
        expect(byPartition.size).toBeGreaterThan(8);
        for (const [, list] of byPartition) {
          expect(list.map((r) => Number(r.seq))).toEqual(list.map((_, i) => i + 1));
          // One pass's messages of a partition are consecutive and in the pass's order.
          for (let i = 1; i < list.length; i++)
            if (list[i].payload.pass === list[i - 1].payload.pass)
              expect(list[i].payload.i).toBeGreaterThan(list[i - 1].payload.i);
        }
        const counters = await db.query<{ next_seq: string; partition: number; topic: string }>(
          `SELECT topic, partition, next_seq FROM palabre_bus.partitions WHERE topic = ANY($1)`,
          [topics],
        );
        for (const c of counters)
          expect(Number(c.next_seq)).toBe(byPartition.get(`${c.topic}/${c.partition}`)!.length + 1);
      } finally {
        await db.close();
      }
    });
  });
}
