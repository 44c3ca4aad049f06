/** What a producer hands to `publish()`: the topic, the aggregate key and the payload. */
export interface OutgoingEvent<T = unknown> {
  topic: string;
  /** The aggregate id that needs ordering: same key → same partition → in order. */
  key: string;
  payload: T;
  /** Organization the event belongs to (header `tenant-id`). */
  tenantId?: string;
  /** Fully-qualified proto message name (header `schema`). */
  schema?: string;
}

/** Header names carried by every event, on every transport. */
export const EventHeaders = {
  eventId: 'event-id',
  tenantId: 'tenant-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  schema: 'schema',
  deadLetterReason: 'dead-letter-reason',
  deadLetterAttempts: 'dead-letter-attempts',
  originalTopic: 'original-topic',
} as const;

/** A message as the transports carry it. */
export interface TransportMessage {
  id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  payload: unknown;
}

/** A message as a consumer receives it. */
export interface DeliveredMessage extends TransportMessage {
  partition: number;
  /** Position in the partition (Kafka offset or bus sequence). */
  offset: string;
}

export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

export const deadLetterTopic = (topic: string) => `${topic}.dlt`;

/** Partition for a key: stable across processes and transports that use it. */
export function partitionFor(key: string, partitions: number): number {
  // FNV-1a, 32-bit
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}
