// Types only: kafkajs itself is loaded when a Kafka transport first connects, so
// a process on the postgres transport (embedded mode) never loads it.
import type { Consumer, IHeaders, Kafka, Producer } from 'kafkajs';
import { EventHeaders, type DeliveredMessage, type TransportMessage } from './event';
import { deadLetterMessage, defaultRetryPolicy, deliverWithRetry } from './retry';
import type { SubscribeOptions, Subscription, Transport } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId?: string;
  /** Partitions for topics this transport creates. */
  partitions?: number;
  replicationFactor?: number;
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
          logLevel: logLevel.NOTHING,
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
      const producer = (await this.client()).producer({ idempotent: true, maxInFlightRequests: 1 });
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
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 8,
          replicationFactor: this.options.replicationFactor ?? -1,
        })),
      });
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
    const consumer = (await this.client()).consumer({ groupId: options.groupId });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    let stopping = false;
    const retry = { ...defaultRetryPolicy, ...options.retry };
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 4,
      eachMessage: async ({ topic, partition, message }) => {
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
        const outcome = await deliverWithRetry(
          delivered,
          options.handler,
          retry,
          (msg, error, attempts) => this.send([deadLetterMessage(msg, error, attempts)]),
          () => stopping,
        );
        // Throwing leaves the offset uncommitted: the message comes back after restart.
        if (outcome === 'aborted') throw new Error('consumer stopping');
      },
    });
    return {
      stop: async () => {
        stopping = true;
        await consumer.disconnect();
        this.consumers.delete(consumer);
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
