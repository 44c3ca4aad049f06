import { trace } from '@opentelemetry/api';
import { startTracing, stopTracing } from '@palabre/observability';
import { testDatabaseTargets, type Database } from '@palabre/persistence';
import type { DataSource } from 'typeorm';
import { EventHeaders, type TransportMessage } from './event';
import {
  jsonbPayload,
  OUTBOX_CHANNEL,
  outboxCtes,
  publishMany,
  traceContextHeaders,
  type OutboxRows,
} from './outbox';
import { OutboxRelay } from './relay';
import type { Transport } from './transport';
import { setUpServiceSchema, waitUntil } from './transport.contract';

interface Thing {
  n?: number;
  label?: string;
}

/** What the relay hands the transport, in one pass. */
async function ship(db: Database, ds: DataSource, schema: string): Promise<TransportMessage[]> {
  const sent: TransportMessage[] = [];
  const transport: Transport = {
    name: 'postgres',
    start: async () => undefined,
    stop: async () => undefined,
    subscribe: async () => ({ stop: async () => undefined }),
    send: async (messages) => void sent.push(...messages),
  };
  await new OutboxRelay(db, ds, schema, transport).tick();
  return sent;
}

/** A message without its event id, which differs from one recording to the next. */
const shape = ({ id, headers, ...rest }: TransportMessage) => {
  expect(headers[EventHeaders.eventId]).toBe(id);
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const { [EventHeaders.eventId]: _, ...others } = headers;
  return { ...rest, headers: others };
};

describe.each(testDatabaseTargets())('outboxCtes on $name', (target) => {
  let db: Database;
  let ds: DataSource;
  const schema = 'bus_ctes';
  const topic = 'test.ctes.happened.v1';
  const things = `things AS (
    SELECT * FROM (VALUES ('k2', 'org-1', 2, 'b'), ('k1', 'org-1', 1, 'a'), ('k3', '', 3, ''))
           AS t(key, tenant, n, label))`;
  const payload = jsonbPayload<Thing>({ n: 'n', label: 'label' });
  /** Events of tenants, with a message name, in n order; then the others, bare. */
  const events: OutboxRows[] = [
    {
      from: `(SELECT * FROM things WHERE tenant <> '') t`,
      topic,
      schema: 'palabre.test.v1.Thing',
      key: 'key',
      tenantId: 'tenant',
      payload,
      orderBy: 'n',
    },
    {
      from: `(SELECT * FROM things WHERE tenant = '') t`,
      topic,
      key: 'key',
      payload,
      orderBy: 'n',
    },
  ];
  const statement = `WITH ${things}, ${outboxCtes(schema, events, '$1')}
    SELECT woken FROM relay_woken`;

  beforeAll(async () => {
    startTracing('test');
    db = await target.open();
    ds = await setUpServiceSchema(db, schema);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.close();
    await stopTracing();
  });

  it('records in one statement, outside any transaction, the events publishMany records', async () => {
    const tracer = trace.getTracer('test');
    const viaPublishMany = await tracer.startActiveSpan('POST /api/things', async (span) => {
      await ds.transaction((m) =>
        publishMany(m, schema, [
          {
            topic,
            key: 'k1',
            tenantId: 'org-1',
            schema: 'palabre.test.v1.Thing',
            payload: { n: 1, label: 'a' },
          },
          {
            topic,
            key: 'k2',
            tenantId: 'org-1',
            schema: 'palabre.test.v1.Thing',
            payload: { n: 2, label: 'b' },
          },
          { topic, key: 'k3', payload: { n: 3, label: '' } },
        ]),
      );
      span.end();
      return (await ship(db, ds, schema)).map(shape);
    });
    const viaStatement = await tracer.startActiveSpan('POST /api/things', async (span) => {
      const [row] = await ds.query(statement, [traceContextHeaders()]);
      expect(Number(row.woken)).toBe(1);
      span.end();
      return (await ship(db, ds, schema)).map(shape);
    });
    expect(viaPublishMany).toHaveLength(3);
    expect(viaPublishMany[0].headers[EventHeaders.traceparent]).toMatch(/^00-[0-9a-f]{32}-/);
    // The same messages but for the trace (another span), in the same order.
    const withoutTrace = (m: ReturnType<typeof shape>) => ({
      ...m,
      headers: { ...m.headers, [EventHeaders.traceparent]: 'the span' },
    });
    expect(viaStatement.map(withoutTrace)).toEqual(viaPublishMany.map(withoutTrace));
    expect(viaStatement[0].headers[EventHeaders.traceparent]).not.toBe(
      viaPublishMany[0].headers[EventHeaders.traceparent],
    );
    expect(viaStatement[2].headers).not.toHaveProperty(EventHeaders.tenantId);
    expect(viaStatement[2].headers).not.toHaveProperty(EventHeaders.schema);
  });

  it('wakes the relay on commit only, and only when it recorded events', async () => {
    const notified: string[] = [];
    const unlisten = await db.listen(OUTBOX_CHANNEL, (p) => void notified.push(p));
    try {
      const none = `WITH things AS (SELECT 'k' AS key, 1 AS n WHERE false),
        ${outboxCtes(schema, [{ from: 'things', topic, key: 'key', payload: 'jsonb_build_object()', orderBy: 'n' }], '$1')}
        SELECT woken FROM relay_woken`;
      const [row] = await ds.query(none, ['{}']);
      expect(Number(row.woken)).toBe(0);
      await ds
        .transaction(async (m) => {
          await m.query(statement, ['{}']);
          throw new Error('rollback');
        })
        .catch(() => undefined);
      expect(await ship(db, ds, schema)).toEqual([]);
      await ds.query(statement, ['{}']);
      await waitUntil(() => notified.length > 0, 10_000, 'the notification');
      expect(notified).toEqual([schema]);
      expect((await ship(db, ds, schema)).map((m) => m.key)).toEqual(['k1', 'k2', 'k3']);
    } finally {
      unlisten();
    }
  });

  it('refuses names it would inline unchecked', () => {
    const rows: OutboxRows = { from: 't', topic, key: 'k', payload: 'p', orderBy: 'n' };
    expect(() => outboxCtes('x"; DROP', [rows], '$1')).toThrow('schema');
    expect(() => outboxCtes(schema, [{ ...rows, topic: "a.b'" }], '$1')).toThrow('topic');
    expect(() => outboxCtes(schema, [{ ...rows, schema: "a'b" }], '$1')).toThrow('message');
    expect(() => outboxCtes(schema, [], '$1')).toThrow();
  });
});
