/**
 * The contract every transport passes. It runs against the postgres transport
 * (PGlite and real PostgreSQL) always, and against Kafka when KAFKA_BROKERS is
 * set. It exercises the whole path a service uses: publish() in a transaction
 * → outbox → relay → transport → inbox-backed consumer.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Database } from '@palabre/persistence';
import { EventBus } from './bus';
import {
  EventHeaders,
  deadLetterTopic,
  type DeliveredMessage,
  type TransportMessage,
} from './event';
import { publish, createMessagingTables } from './outbox';
import { OutboxRelay } from './relay';
import type { Transport } from './transport';

export interface ContractEnv {
  db: Database;
  /** A fresh transport instance on the same backend (a "restarted process"). */
  makeTransport(): Transport;
}

export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function setUpServiceSchema(db: Database, schema: string): Promise<DataSource> {
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.query(`CREATE SCHEMA "${schema}"`);
  const ds = db.dataSource({ schema });
  await ds.initialize();
  const q = ds.createQueryRunner();
  try {
    await createMessagingTables(q, schema);
    await q.query(`CREATE TABLE "${schema}".effects (event_id uuid NOT NULL, key text, n int)`);
  } finally {
    await q.release();
  }
  return ds;
}

export function describeTransportContract(name: string, setup: () => Promise<ContractEnv>) {
  describe(`transport contract: ${name}`, () => {
    let env: ContractEnv;
    let ds: DataSource;
    let schema: string;
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      env = await setup();
    });
    afterAll(async () => {
      await env.db.close();
    });
    beforeEach(async () => {
      schema = `bus_${randomUUID().slice(0, 8)}`;
      ds = await setUpServiceSchema(env.db, schema);
    });
    afterEach(async () => {
      for (const c of cleanups.splice(0).reverse()) await c();
      await ds.destroy();
      await env.db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });

    const topicName = (label: string) => `test.${label}-${randomUUID().slice(0, 8)}.happened.v1`;

    async function startBus(transport = env.makeTransport()) {
      const bus = new EventBus(env.db, transport, { pollIntervalMs: 100 });
      cleanups.push(() => bus.stop());
      await bus.start();
      return bus;
    }

    async function recordEffect(m: EntityManager, event: DeliveredMessage) {
      const payload = event.payload as { n: number };
      await m.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, $3)`, [
        event.id,
        event.key,
        payload.n,
      ]);
    }

    const effects = async () =>
      env.db.query<{ event_id: string; key: string; n: number }>(
        `SELECT event_id, key, n FROM "${schema}".effects`,
      );

    it('emits nothing for a publish inside a rolled-back transaction', async () => {
      const topic = topicName('rollback');
      const bus = await startBus();
      await bus.relay(ds, schema);
      const seen: number[] = [];
      await bus.consume({
        ds,
        schema,
        group: 'g-rollback',
        topics: [topic],
        handle: async (e, m) => {
          seen.push((e.payload as { n: number }).n);
          await recordEffect(m, e);
        },
      });
      await expect(
        ds.transaction(async (m) => {
          await publish(m, schema, { topic, key: 'k', payload: { n: 1 } });
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
      await ds.transaction((m) => publish(m, schema, { topic, key: 'k', payload: { n: 2 } }));
      await waitUntil(() => seen.includes(2), 20_000, 'the committed event');
      expect(seen).toEqual([2]);
      expect(await env.db.query(`SELECT 1 FROM "${schema}".outbox`)).toHaveLength(0);
    });

    it('refuses publish() outside a transaction', async () => {
      await expect(
        publish(ds.manager, schema, { topic: topicName('no-tx'), key: 'k', payload: {} }),
      ).rejects.toThrow(/inside a database transaction/);
    });

    it('loses nothing when the process dies between commit and relay, and redelivery has one effect', async () => {
      const topic = topicName('crash');
      for (let n = 0; n < 20; n++) {
        await ds.transaction((m) =>
          publish(m, schema, { topic, key: `k${n % 3}`, payload: { n } }),
        );
      }
      // First "process": ships the batch, then dies before clearing the outbox.
      const real = env.makeTransport();
      await real.start();
      const dying: Transport = {
        name: real.name,
        start: () => real.start(),
        stop: () => real.stop(),
        subscribe: (o) => real.subscribe(o),
        send: async (messages, manager) => {
          await real.send(messages, manager);
          throw new Error('process killed');
        },
      };
      const crashed = new OutboxRelay(env.db, ds, schema, dying);
      await expect(crashed.tick()).rejects.toThrow('process killed');
      await real.stop();
      expect(await env.db.query(`SELECT 1 FROM "${schema}".outbox`)).toHaveLength(20);

      // Restarted process: relays again and consumes.
      const bus = await startBus();
      let deliveries = 0;
      await bus.consume({
        ds,
        schema,
        group: 'g-crash',
        topics: [topic],
        handle: async (e, m) => {
          deliveries++;
          await recordEffect(m, e);
        },
      });
      await bus.relay(ds, schema);
      await waitUntil(async () => (await effects()).length >= 20, 30_000, '20 effects');
      await new Promise((r) => setTimeout(r, 300));
      const rows = await effects();
      expect(rows.map((r) => r.n).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      expect(new Set(rows.map((r) => r.event_id)).size).toBe(20);
      expect(deliveries).toBe(20);
    });

    it('gives a duplicate delivery exactly one effect', async () => {
      const topic = topicName('dup');
      const bus = await startBus();
      let calls = 0;
      const raw: string[] = [];
      await bus.transport.subscribe({
        groupId: 'g-dup-raw',
        topics: [topic],
        handler: async (m) => {
          raw.push(m.id);
        },
      });
      await bus.consume({
        ds,
        schema,
        group: 'g-dup',
        topics: [topic],
        handle: async (e, m) => {
          calls++;
          await recordEffect(m, e);
        },
      });
      const message: TransportMessage = {
        id: randomUUID(),
        topic,
        key: 'same',
        headers: { [EventHeaders.eventId]: 'x' },
        payload: { n: 7 },
      };
      await bus.transport.send([message]);
      await bus.transport.send([message]);
      await waitUntil(() => raw.length >= 2, 20_000, 'two raw deliveries');
      await waitUntil(async () => (await effects()).length >= 1, 20_000, 'the effect');
      await new Promise((r) => setTimeout(r, 300));
      expect(raw).toEqual([message.id, message.id]);
      expect(calls).toBe(1);
      expect(await effects()).toHaveLength(1);
    });

    it('delivers events with the same key in publish order', async () => {
      const topic = topicName('order');
      const bus = await startBus();
      await bus.relay(ds, schema);
      const byKey = new Map<string, number[]>();
      await bus.consume({
        ds,
        schema,
        group: 'g-order',
        topics: [topic],
        handle: async (e) => {
          const list = byKey.get(e.key) ?? [];
          list.push((e.payload as { n: number }).n);
          byKey.set(e.key, list);
        },
      });
      const keys = ['alpha', 'beta', 'gamma', 'delta'];
      for (let n = 0; n < 25; n++) {
        await Promise.all(
          keys.map((key) =>
            ds.transaction((m) => publish(m, schema, { topic, key, payload: { n } })),
          ),
        );
      }
      await waitUntil(
        () => keys.every((k) => (byKey.get(k) ?? []).length === 25),
        30_000,
        'all events',
      );
      for (const k of keys) expect(byKey.get(k)).toEqual([...Array(25).keys()]);
    });

    it('sends a poison message to the dead-letter topic after N tries without blocking the others', async () => {
      const topic = topicName('poison');
      const bus = await startBus();
      await bus.relay(ds, schema);
      const attempts = new Map<number, number>();
      const handled: number[] = [];
      await bus.consume({
        ds,
        schema,
        group: 'g-poison',
        topics: [topic],
        retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
        handle: async (e) => {
          const n = (e.payload as { n: number }).n;
          attempts.set(n, (attempts.get(n) ?? 0) + 1);
          if (n === 2) throw new Error('cannot handle n=2');
          handled.push(n);
        },
      });
      const dead: DeliveredMessage[] = [];
      await bus.transport.subscribe({
        groupId: 'g-poison-dlt',
        topics: [deadLetterTopic(topic)],
        handler: async (m) => {
          dead.push(m);
        },
      });
      for (const [n, key] of [
        [1, 'k1'],
        [2, 'k1'],
        [3, 'k1'],
        [4, 'k2'],
      ] as const) {
        await ds.transaction((m) => publish(m, schema, { topic, key, payload: { n } }));
      }
      await waitUntil(
        () => dead.length === 1 && handled.length === 3,
        30_000,
        'dead letter and others',
      );
      expect(handled.sort()).toEqual([1, 3, 4]);
      expect(attempts.get(2)).toBe(3);
      expect(dead[0].payload).toEqual({ n: 2 });
      expect(dead[0].headers[EventHeaders.deadLetterAttempts]).toBe('3');
      expect(dead[0].headers[EventHeaders.originalTopic]).toBe(topic);
      expect(dead[0].headers[EventHeaders.deadLetterReason]).toContain('cannot handle n=2');
    });

    it("tells the bus's onError when a consumer fails, and delivers the message again", async () => {
      const topic = topicName('dlt-down');
      const transport = env.makeTransport();
      const send = transport.send.bind(transport);
      let refused = 0;
      // The dead-letter topic refuses the first two writes (a broker or database hiccup).
      transport.send = async (messages, manager) => {
        if (refused < 2 && messages.some((m) => m.topic === deadLetterTopic(topic))) {
          refused++;
          throw new Error('dead-letter topic unavailable');
        }
        return send(messages, manager);
      };
      const bus = await startBus(transport);
      const told: [string, string][] = [];
      bus.onError = (error, where) => told.push([String(error), where]);
      await bus.relay(ds, schema);
      let attempts = 0;
      await bus.consume({
        ds,
        schema,
        group: 'g-dlt-down',
        topics: [topic],
        retry: { maxAttempts: 1 },
        handle: async () => {
          attempts++;
          throw new Error('cannot handle');
        },
      });
      const dead: DeliveredMessage[] = [];
      await bus.transport.subscribe({
        groupId: 'g-dlt-down-dlt',
        topics: [deadLetterTopic(topic)],
        handler: async (m) => {
          dead.push(m);
        },
      });
      await ds.transaction((m) => publish(m, schema, { topic, key: 'k', payload: { n: 1 } }));
      await waitUntil(() => dead.length === 1, 30_000, 'the dead letter');
      expect(told).toEqual([
        ['Error: dead-letter topic unavailable', 'consumer g-dlt-down'],
        ['Error: dead-letter topic unavailable', 'consumer g-dlt-down'],
      ]);
      expect(attempts).toBe(3);
      expect(dead[0].payload).toEqual({ n: 1 });
    });
  });
}
