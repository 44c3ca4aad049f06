import { Database } from '@palabre/persistence';
import { EventBus } from './bus';
import { EventHeaders } from './event';
import { OutboxOutsideTransactionError, publishMany } from './outbox';
import { PostgresTransport } from './postgres-transport';
import { setUpServiceSchema, waitUntil } from './transport.contract';

describe('publishMany (one statement for a batch of events)', () => {
  let db: Database;

  beforeAll(async () => {
    db = await Database.open({ dataDir: 'memory://' });
  });
  afterAll(() => db.close());

  it('ships every event of a committed batch in order, and none of a rolled-back one', async () => {
    const schema = 'bus_many';
    const ds = await setUpServiceSchema(db, schema);
    const bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
      pollIntervalMs: 50,
    });
    const seen: { key: string; n: number; tenant?: string; id?: string }[] = [];
    try {
      await expect(
        publishMany(ds.manager, schema, [
          { topic: 'test.many.happened.v1', key: 'k', payload: {} },
        ]),
      ).rejects.toBeInstanceOf(OutboxOutsideTransactionError);
      await ds
        .transaction(async (m) => {
          await publishMany(m, schema, [
            { topic: 'test.many.happened.v1', key: 'lost', payload: { n: -1 } },
          ]);
          throw new Error('rollback');
        })
        .catch(() => undefined);
      await bus.relay(ds, schema);
      await bus.consume({
        ds,
        schema,
        group: 'g-many',
        topics: ['test.many.happened.v1'],
        handle: async (event) =>
          void seen.push({
            key: event.key,
            n: (event.payload as { n: number }).n,
            tenant: event.headers[EventHeaders.tenantId],
            id: event.headers[EventHeaders.eventId],
          }),
      });
      const ids = await ds.transaction((m) =>
        publishMany(
          m,
          schema,
          [1, 2, 3].map((n) => ({
            topic: 'test.many.happened.v1',
            key: 'same-key',
            tenantId: 'org-1',
            payload: { n },
          })),
        ),
      );
      expect(await ds.transaction((m) => publishMany(m, schema, []))).toEqual([]);
      await waitUntil(() => seen.length >= 3, 10_000, 'three events');
      expect(seen.map((s) => s.n)).toEqual([1, 2, 3]);
      expect(seen.map((s) => s.id)).toEqual(ids);
      expect(seen.every((s) => s.key === 'same-key' && s.tenant === 'org-1')).toBe(true);
    } finally {
      await bus.stop();
      await ds.destroy();
    }
  });
});
