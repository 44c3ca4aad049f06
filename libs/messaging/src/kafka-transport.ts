// Types only: kafkajs itself is loaded when a Kafka transport first connects, so
// a process on the postgres transport (embedded mode) never loads it.
import type { Admin, Consumer, IHeaders, Kafka, Producer, SASLOptions } from 'kafkajs';
import { watchConsumerLag } from '@palabre/observability';
import { EventHeaders, type DeliveredMessage, type TransportMessage } from './event';
import { kafkaLogCreator, type KafkaLogSink } from './kafka-client';
import { countOutcome, deadLetterMessage, defaultRetryPolicy, deliverWithRetry } from './retry';
import type { SubscribeOptions, Subscription, Transport } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId?: string;
  /** Partitions for topics this transport creates. */
  partitions?: number;
  replicationFactor?: number;
  /** TLS to the brokers (see kafkaClientOptions). */
  ssl?: boolean;
  sasl?: SASLOptions;
  /** Told kafkajs's own warnings and errors (connections, rebalances, crashes). */
  log?: KafkaLogSink;
  /**
   * How long a group's coordinator waits for a silent member before it gives its
   * partitions to the others (kafkajs says 30 s): after a crash, the replacement
   * process's consumers wait that long. 10 s by default, a heartbeat every 3 s
   * (brokers accept 6 s at least).
   */
  sessionTimeoutMs?: number;
}

export function toKafkaHeaders(headers: Record<string, string>): IHeaders {
  return { ...headers };
}

export function fromKafkaHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return out;
}

/** Key = aggregate id (Kafka partitions by it), value = JSON payload, headers as in EventHeaders. */
export function toKafkaMessage(m: TransportMessage) {
  return {
    key: m.key,
    value: JSON.stringify(m.payload),
    headers: toKafkaHeaders({ ...m.headers, [EventHeaders.eventId]: m.id }),
  };
}

/**
 * Waits until every partition of `topics` has a leader. A topic that another
 * process has just created (two services starting at once) may have none yet,
 * and a consumer subscribing to it then fails. (createTopics' own wait covers
 * only the topics it created, and gives up when the broker does not list one yet.)
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const led = metadata.topics.every(
        (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
      );
      if (led && metadata.topics.length === topics.length) return;
      if (Date.now() > end) throw new Error(`No leader for a partition of ${topics.join(', ')}`);
    } catch (error) {
      if (Date.now() > end) throw error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * National-scale transport. The producer is idempotent with one request in
 * flight, so per-key order holds across retries; consumers commit an offset
 * only after the handler (or the dead-letter write) succeeded.
 */
export class KafkaTransport implements Transport {
  readonly name = 'kafka' as const;
  private kafka?: Promise<Kafka>;
  private producer?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();

  constructor(private readonly options: KafkaTransportOptions) {}

  private client(): Promise<Kafka> {
    return (this.kafka ??= import('kafkajs').then(
      ({ Kafka, logLevel }) =>
        new Kafka({
          clientId: this.options.clientId ?? 'palabre',
          brokers: this.options.brokers,
          ssl: this.options.ssl || undefined,
          sasl: this.options.sasl,
          logLevel: this.options.log ? logLevel.WARN : logLevel.NOTHING,
          logCreator: this.options.log ? kafkaLogCreator(this.options.log) : undefined,
          retry: { retries: 8, initialRetryTime: 200 },
        }),
    ));
  }

  async start(): Promise<void> {
    await this.connectedProducer();
  }

  /** One producer for every caller; a failed connection is retried by the next caller. */
  private connectedProducer(): Promise<Producer> {
    return (this.producer ??= (async () => {
      const { Partitioners } = await import('kafkajs');
      const producer = (await this.client()).producer({
        idempotent: true,
        maxInFlightRequests: 1,
        // Keys hash as Java clients hash them (murmur2): kafkajs' default since 2.0, named.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    }));
  }

  private async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const admin = (await this.client()).admin();
    await admin.connect();
    try {
      // Created once; asking again for an existing topic only fills the broker's logs with errors.
      const existing = new Set(await admin.listTopics());
      const absent = missing.filter((t) => !existing.has(t));
      if (absent.length > 0) {
        // kafkajs's own wait fails on a topic the broker does not list yet: ours below.
        await admin.createTopics({
          waitForLeaders: false,
          topics: absent.map((topic) => ({
            topic,
            numPartitions: this.options.partitions ?? 8,
            replicationFactor: this.options.replicationFactor ?? -1,
          })),
        });
      }
      await waitForLeaders(admin, missing);
      missing.forEach((t) => this.knownTopics.add(t));
    } finally {
      await admin.disconnect();
    }
  }

  async send(messages: TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, TransportMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.ensureTopics([...byTopic.keys()]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, items]) => ({
        topic,
        messages: items.map(toKafkaMessage),
      })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureTopics(options.topics);
    const sessionTimeout = this.options.sessionTimeoutMs ?? 10_000;
    const consumer = (await this.client()).consumer({
      groupId: options.groupId,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    let stopping = false;
    const retry = { ...defaultRetryPolicy, ...options.retry };
    // Joining the group is not waited for: after a crash the coordinator keeps the dead
    // member's partitions until its session times out, and the service serves meanwhile
    // (its consumer lag shows the wait). A failure to run is told like any other.
    const running = consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 4,
      eachMessage: async ({ topic, partition, message }) => {
        let outcome;
        try {
          const headers = fromKafkaHeaders(message.headers);
          const delivered: DeliveredMessage = {
            id: headers[EventHeaders.eventId] ?? `${topic}:${partition}:${message.offset}`,
            topic,
            key: message.key?.toString('utf8') ?? '',
            headers,
            payload: message.value ? JSON.parse(message.value.toString('utf8')) : null,
            partition,
            offset: message.offset,
          };
          outcome = await deliverWithRetry(
            delivered,
            options.handler,
            retry,
            (msg, error, attempts) => this.send([deadLetterMessage(msg, error, attempts)]),
            () => stopping,
          );
          countOutcome(options.groupId, topic, outcome);
        } catch (error) {
          // E.g. the dead-letter write failed: told like a failed pass of the postgres
          // transport, then thrown so that kafkajs delivers the message again.
          if (!stopping) options.onError?.(error);
          throw error;
        }
        // Throwing leaves the offset uncommitted: the message comes back after restart.
        if (outcome === 'aborted') throw new Error('consumer stopping');
      },
    });
    running.catch((error: unknown) => {
      if (!stopping) options.onError?.(error);
    });
    // palabre_consumer_lag: each partition's end offset minus the group's committed one, read at each scrape.
    const group = options.groupId;
    let admin: Promise<Admin> | undefined;
    const unwatch = watchConsumerLag(`kafka:${group}`, async () => {
      admin ??= this.client().then(async (kafka) => {
        const a = kafka.admin();
        await a.connect();
        return a;
      });
      const client = await admin.catch((error: unknown) => {
        admin = undefined;
        throw error;
      });
      const committed = await client.fetchOffsets({ groupId: group, topics: options.topics });
      return Promise.all(
        committed.map(async ({ topic, partitions }) => {
          let lag = 0;
          for (const end of await client.fetchTopicOffsets(topic)) {
            const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
            lag += Math.max(0, Number(end.high) - (at >= 0 ? at : Number(end.low)));
          }
          return { group, topic, lag };
        }),
      );
    });
    return {
      stop: async () => {
        stopping = true;
        unwatch();
        await consumer.disconnect();
        this.consumers.delete(consumer);
        await (await admin?.catch(() => undefined))?.disconnect();
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    const producer = this.producer;
    this.producer = undefined;
    await (await producer?.catch(() => undefined))?.disconnect();
  }
}
