import type { DataSource } from 'typeorm';
import type { Database } from '@palabre/persistence';
import { inboxHandler, type EventEffect } from './inbox';
import { kafkaClientOptions, type KafkaClientSecurity, type KafkaLogSink } from './kafka-client';
import { KafkaTransport } from './kafka-transport';
import { PostgresTransport, type PostgresTransportOptions } from './postgres-transport';
import { OutboxRelay, type RelayOptions } from './relay';
import type { RetryPolicy } from './retry';
import type { Subscription, Transport } from './transport';

export interface BusConfig {
  transport: 'postgres' | 'kafka';
  kafkaBrokers?: string;
  /** TLS and SASL of the Kafka client; when not given, read from KAFKA_SSL and KAFKA_SASL_*. */
  kafka?: KafkaClientSecurity;
  clientId?: string;
  postgres?: PostgresTransportOptions;
  relay?: RelayOptions;
  /** Told about failures of relays and consuming loops (the bus keeps retrying). */
  onError?: (error: unknown, where: string) => void;
  /** Told the Kafka client's own warnings and errors; without it they go to onError. */
  logger?: KafkaLogSink;
}

export interface ConsumerOptions<T> {
  /** The consuming service's data source and schema (where its inbox lives). */
  ds: DataSource;
  schema: string;
  /** Consumer group and inbox name, e.g. `newsletter.petition-signed`. */
  group: string;
  topics: string[];
  handle: EventEffect<T>;
  decode?: (topic: string, payload: unknown) => T;
  retry?: Partial<RetryPolicy>;
}

export function createTransport(db: Database, config: BusConfig): Transport {
  if (config.transport === 'kafka') {
    if (!config.kafkaBrokers) throw new Error('KAFKA_BROKERS is required for the kafka transport');
    const security = config.kafka ?? kafkaClientOptions(process.env, config.clientId);
    const log: KafkaLogSink = config.logger ?? {
      emit: (_level, message, fields) =>
        config.onError?.(new KafkaClientError(message, fields), 'kafka client'),
    };
    return new KafkaTransport({
      brokers: config.kafkaBrokers.split(','),
      clientId: config.clientId,
      ...security,
      log,
    });
  }
  return new PostgresTransport(db, config.postgres);
}

/** A warning or error of the Kafka client, told to a bus's onError when it has no logger. */
export class KafkaClientError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    const detail = Object.entries(fields)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    super(detail ? `${message} (${detail})` : message);
    this.name = 'KafkaClientError';
  }
}

/**
 * What a service sees of messaging: a relay for its outbox and inbox-backed
 * consumers. Stopping drains the relays first (nothing committed stays
 * behind longer than needed), then stops consumers, then the transport.
 */
export class EventBus {
  private readonly relays: OutboxRelay[] = [];
  private readonly subscriptions: Subscription[] = [];
  private started = false;

  constructor(
    readonly db: Database,
    readonly transport: Transport,
    private readonly relayOptions: RelayOptions = {},
  ) {}

  static create(db: Database, config: BusConfig): EventBus {
    const bus = new EventBus(db, createTransport(db, config), {
      ...config.relay,
      onError: config.relay?.onError ?? ((error) => config.onError?.(error, 'relay')),
    });
    bus.onError = config.onError;
    return bus;
  }

  onError?: (error: unknown, where: string) => void;

  async start(): Promise<void> {
    if (this.started) return;
    await this.transport.start();
    this.started = true;
  }

  /** Starts relaying one service's outbox. */
  async relay(ds: DataSource, schema: string): Promise<OutboxRelay> {
    await this.start();
    const relay = new OutboxRelay(this.db, ds, schema, this.transport, this.relayOptions);
    await relay.start();
    this.relays.push(relay);
    return relay;
  }

  async consume<T>(options: ConsumerOptions<T>): Promise<Subscription> {
    await this.start();
    const sub = await this.transport.subscribe({
      groupId: options.group,
      topics: options.topics,
      retry: options.retry,
      onError: (error) => this.onError?.(error, `consumer ${options.group}`),
      handler: inboxHandler({
        ds: options.ds,
        schema: options.schema,
        consumer: options.group,
        handle: options.handle,
        decode: options.decode,
      }),
    });
    this.subscriptions.push(sub);
    return sub;
  }

  /** Started and every relay shipping (consumers subscribe during start-up or fail it). */
  get isReady(): boolean {
    return this.started && this.relays.every((r) => r.isRunning);
  }

  async stop(): Promise<void> {
    for (const relay of this.relays.splice(0)) await relay.stop();
    for (const sub of this.subscriptions.splice(0)) await sub.stop();
    await this.transport.stop();
    this.started = false;
  }
}
