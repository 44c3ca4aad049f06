import { Database } from '@palabre/persistence';
import { EventBus } from './bus';
import { EventHeaders } from './event';
import type { TransportMessage } from './event';
import { OutboxOutsideTransactionError, publish, publishMany } from './outbox';
import { PostgresTransport } from './postgres-transport';
import { OutboxRelay } from './relay';
import type { Transport } from './transport';
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

describe('the relay, woken by a commit', () => {
  let db: Database;

  beforeAll(async () => {
    db = await Database.open({ dataDir: 'memory://' });
  });
  afterAll(() => db.close());

  /** A transport that records what each pass of the relay sent. */
  const recording = () => {
    const sends: number[][] = [];
    const transport: Transport = {
      name: 'postgres',
      start: async () => undefined,
      stop: async () => undefined,
      subscribe: async () => ({ stop: async () => undefined }),
      send: async (messages: TransportMessage[]) =>
        void sends.push(messages.map((m) => (m.payload as { n: number }).n)),
    };
    return { sends, transport };
  };

  const commit = (ds: Awaited<ReturnType<typeof setUpServiceSchema>>, schema: string, n: number) =>
    ds.transaction((m) =>
      publish(m, schema, { topic: 'test.relay.gathered.v1', key: `k${n}`, payload: { n } }),
    );

  it('ships the commits made while it lingers in the same pass as the one that woke it, in order', async () => {
    const schema = 'relay_gathers';
    const ds = await setUpServiceSchema(db, schema);
    const { sends, transport } = recording();
    // No fallback poll during the test: only notifications wake the relay.
    const relay = new OutboxRelay(db, ds, schema, transport, {
      pollIntervalMs: 60_000,
      lingerMs: 500,
    });
    try {
      await relay.start();
      await commit(ds, schema, 0);
      await waitUntil(() => relay.shipped === 1, 10_000, 'the first event');
      for (let n = 1; n <= 10; n++) await commit(ds, schema, n);
      await waitUntil(() => relay.shipped === 11, 10_000, 'ten more events');
      expect(sends).toEqual([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    } finally {
      await relay.stop();
      await ds.destroy();
    }
  });

  it('records an event and wakes the relay in one statement, on commit only', async () => {
    const schema = 'relay_one_statement';
    const ds = await setUpServiceSchema(db, schema);
    const notified: string[] = [];
    const unlisten = await db.listen('palabre_outbox', (payload) => void notified.push(payload));
    try {
      let statements = 0;
      await ds.transaction(async (m) => {
        const query = m.query.bind(m);
        m.query = ((sql: string, params?: unknown[]) => (
          statements++,
          query(sql, params)
        )) as typeof m.query;
        await publish(m, schema, { topic: 'test.relay.one.v1', key: 'k', payload: { n: 1 } });
        await publishMany(
          m,
          schema,
          [2, 3].map((n) => ({ topic: 'test.relay.one.v1', key: 'k', payload: { n } })),
        );
        expect(statements).toBe(2);
        expect(notified).toEqual([]);
      });
      await waitUntil(() => notified.includes(schema), 10_000, 'the notification');
      const rows = await ds.query(`SELECT payload FROM "${schema}".outbox ORDER BY id`);
      expect(rows.map((r: { payload: { n: number } }) => r.payload.n)).toEqual([1, 2, 3]);
    } finally {
      unlisten();
      await ds.destroy();
    }
  });
});
