import type { EntityManager } from 'typeorm';
import type { MessageHandler, TransportMessage } from './event';
import type { RetryPolicy } from './retry';

export interface SubscribeOptions {
  /** Consumer group: each group gets every message once; members share partitions. */
  groupId: string;
  topics: string[];
  handler: MessageHandler;
  retry?: Partial<RetryPolicy>;
  /**
   * Told about failures of the consuming loop itself, on every transport: a
   * pass that could not read or commit, a dead-letter write that failed (the
   * message is delivered again). A handler's failures are retried, then
   * dead-lettered, not told here.
   */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * Moves messages from outboxes to consumers. Both implementations keep
 * per-key order (partition by key), at-least-once delivery, retries with
 * back-off and a dead-letter topic; exactly-once effects come from the inbox.
 */
export interface Transport {
  readonly name: 'postgres' | 'kafka';
  start(): Promise<void>;
  /**
   * Ships messages in order. `manager` is the relay's transaction: a transport
   * living in the same database writes in it, so shipping and clearing the
   * outbox commit together.
   */
  send(messages: TransportMessage[], manager?: EntityManager): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  stop(): Promise<void>;
}
