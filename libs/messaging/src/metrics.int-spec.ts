import { randomUUID } from 'node:crypto';
import { metricsRegistry } from '@palabre/observability';
import { testDatabaseTargets, type Database } from '@palabre/persistence';
import { EventBus } from './bus';
import { publishMany } from './outbox';
import { KafkaTransport } from './kafka-transport';
import { PostgresTransport } from './postgres-transport';
import { NonRetryableError } from './retry';
import type { Transport } from './transport';
import { setUpServiceSchema, waitUntil } from './transport.contract';

/** One sample of a metric as Prometheus would scrape it now (undefined when absent). */
async function sample(name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = metric?.values.find((v) =>
    Object.entries(labels).every(([k, value]) => String(v.labels[k]) === value),
  );
  return found?.value;
}

describe.each(testDatabaseTargets())('event bus metrics on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('reports the outbox waiting while the broker is down, then empty', async () => {
    const schema = 'bus_metrics_outbox';
    const ds = await setUpServiceSchema(db, schema);
    const real = new PostgresTransport(db, { pollIntervalMs: 50 });
    let down = true;
    const flaky: Transport = {
      name: 'postgres',
      start: () => real.start(),
      send: (messages, m) =>
        down ? Promise.reject(new Error('broker down')) : real.send(messages, m),
      subscribe: (o) => real.subscribe(o),
      stop: () => real.stop(),
    };
    const bus = new EventBus(db, flaky, { pollIntervalMs: 50 });
    try {
      await ds.transaction((m) =>
        publishMany(
          m,
          schema,
          [1, 2, 3].map((n) => ({ topic: 'test.metrics.outbox.v1', key: 'k', payload: { n } })),
        ),
      );
      await bus.relay(ds, schema);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await sample('palabre_outbox_backlog', { service: schema })).toBe(3);
      expect(
        await sample('palabre_outbox_oldest_age_seconds', { service: schema }),
      ).toBeGreaterThan(1);
      down = false;
      await waitUntil(
        async () => (await sample('palabre_outbox_backlog', { service: schema })) === 0,
        10_000,
        'the outbox shipped',
      );
      expect(await sample('palabre_outbox_oldest_age_seconds', { service: schema })).toBe(0);
    } finally {
      await bus.stop();
      await ds.destroy();
    }
    // A stopped relay is no longer reported.
    expect(await sample('palabre_outbox_backlog', { service: schema })).toBeUndefined();
  });

  it('counts events handled and dead-lettered, and the lag of a consumer group', async () => {
    // The transport itself: a handler of the bus runs in a transaction, which on PGlite
    // would hold the one session that the scrape's query needs while the handler waits.
    await lagScenario(
      new PostgresTransport(db, { pollIntervalMs: 50 }),
      'test.metrics.consumer.v1',
    );
  });
});

/**
 * Four events on one key, the first held by its handler: the group's lag reads
 * four; released, the second dead-lettered, the lag back to 0 and the outcomes counted.
 */
async function lagScenario(transport: Transport, topic: string, waitMs = 10_000): Promise<void> {
  const group = `g-metrics-${randomUUID()}`;
  await transport.start();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const seen: number[] = [];
  const sub = await transport.subscribe({
    groupId: group,
    topics: [topic],
    handler: async (message) => {
      const n = (message.payload as { n: number }).n;
      if (n === 1) await released; // holds the partition: the others wait behind it
      seen.push(n);
      if (n === 2) throw new NonRetryableError('not for us');
    },
  });
  try {
    await transport.send(
      [1, 2, 3, 4].map((n) => ({
        id: randomUUID(),
        topic,
        key: 'same-key',
        headers: {},
        payload: { n },
      })),
    );
    await waitUntil(
      async () => ((await sample('palabre_consumer_lag', { group, topic })) ?? 0) >= 4,
      waitMs,
      'the lag of four events',
    );
    release();
    await waitUntil(() => seen.length === 4, waitMs, 'four events');
    await waitUntil(
      async () => (await sample('palabre_consumer_lag', { group, topic })) === 0,
      waitMs,
      'no lag',
    );
    expect(await sample('palabre_events_handled_total', { group, topic, outcome: 'handled' })).toBe(
      3,
    );
    expect(
      await sample('palabre_events_handled_total', { group, topic, outcome: 'dead-lettered' }),
    ).toBe(1);
    expect(await sample('palabre_events_dead_lettered_total', { group, topic })).toBe(1);
  } finally {
    release();
    await sub.stop();
    await transport.stop();
  }
  // A stopped subscription is no longer reported.
  expect(await sample('palabre_consumer_lag', { group, topic })).toBeUndefined();
}

const brokers = process.env.KAFKA_BROKERS;
(brokers ? describe : describe.skip)('event bus metrics on Kafka', () => {
  it(
    'reports the lag of a consumer group from the broker’s offsets, and counts outcomes',
    () =>
      lagScenario(
        new KafkaTransport({ brokers: brokers!.split(','), clientId: 'palabre-metrics-test' }),
        `test.metrics.kafka.${randomUUID().slice(0, 8)}.v1`,
        30_000,
      ),
    90_000,
  );
});
