import { randomUUID } from 'node:crypto';
import { SpanKind, context, propagation, trace, type Span } from '@opentelemetry/api';
import type { EntityManager, QueryRunner } from 'typeorm';
import { namedStatement, queryNamed, type NamedStatement } from '@palabre/persistence';
import { EventHeaders, type OutgoingEvent } from './event';

export const OUTBOX_CHANNEL = 'palabre_outbox';

export class OutboxOutsideTransactionError extends Error {
  constructor() {
    super('publish() must be called inside a database transaction (transactional outbox)');
    this.name = 'OutboxOutsideTransactionError';
  }
}

/**
 * The tail of the statement that records events: the insert (a data-modifying
 * WITH, run to completion whatever the query reads) and the relay's wake-up
 * in one round trip. PostgreSQL delivers the notification on commit only.
 */
const NOTIFY_RELAY = 'SELECT pg_notify($6, $7)';

const TOPIC = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

const tracer = trace.getTracer('@palabre/messaging');

/**
 * Runs the recording of events in a PRODUCER span (`<topic> publish`) whose
 * context the events carry: their consumers' spans continue the trace of the
 * request that created them, whichever transport and relay ship them.
 */
function publishing<T>(
  topic: string,
  count: number,
  record: (span: Span, headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `${topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'palabre',
        'messaging.operation.type': 'create',
        'messaging.destination.name': topic,
        ...(count > 1 ? { 'messaging.batch.message_count': count } : {}),
      },
    },
    async (span) => {
      const trace: Record<string, string> = {};
      propagation.inject(context.active(), trace);
      try {
        return await record(span, trace);
      } finally {
        span.end();
      }
    },
  );
}

/** An event's headers: its id, the publication's trace context, its tenant and schema. */
function eventHeaders(
  id: string,
  event: OutgoingEvent,
  trace: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = { [EventHeaders.eventId]: id, ...trace };
  if (event.tenantId) headers[EventHeaders.tenantId] = event.tenantId;
  if (event.schema) headers[EventHeaders.schema] = event.schema;
  return headers;
}

/**
 * Records an event in the service's outbox, in the caller's transaction: the
 * event exists if and only if the state change commits. The relay ships it.
 */
export async function publish(
  manager: EntityManager,
  schema: string,
  event: OutgoingEvent,
): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) throw new OutboxOutsideTransactionError();
  if (!TOPIC.test(event.topic)) throw new Error(`Invalid topic name "${event.topic}"`);
  const id = randomUUID();
  return publishing(event.topic, 1, async (span, trace) => {
    span.setAttribute('messaging.message.id', id);
    const headers = eventHeaders(id, event, trace);
    await manager.query(
      `WITH recorded AS (INSERT INTO "${schema}".outbox (event_id, topic, key, headers, payload)
       VALUES ($1, $2, $3, $4, $5))
     ${NOTIFY_RELAY}`,
      [
        id,
        event.topic,
        event.key,
        JSON.stringify(headers),
        JSON.stringify(event.payload),
        OUTBOX_CHANNEL,
        schema,
      ],
    );
    return id;
  });
}

const publishManyStatements = new Map<string, NamedStatement>();

/** `publishMany`'s statement for one schema, prepared once per connection (ADR 0028). */
function publishManyStatement(schema: string): NamedStatement {
  let s = publishManyStatements.get(schema);
  if (!s) {
    s = namedStatement(
      `outbox_publish_many_${schema.replace(/[^a-z0-9]/g, '_')}`,
      `WITH recorded AS (INSERT INTO "${schema}".outbox (event_id, topic, key, headers, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]))
       ${NOTIFY_RELAY}`,
    );
    publishManyStatements.set(schema, s);
  }
  return s;
}

/**
 * Records many events in one statement (a batch of signatures, say), in the
 * caller's transaction, with one wake-up of the relay. Same guarantees as
 * `publish()`.
 */
export async function publishMany(
  manager: EntityManager,
  schema: string,
  events: OutgoingEvent[],
): Promise<string[]> {
  if (!manager.queryRunner?.isTransactionActive) throw new OutboxOutsideTransactionError();
  if (events.length === 0) return [];
  const first = events[0].topic;
  const topic = events.every((e) => e.topic === first) ? first : 'events';
  return publishing(topic, events.length, async (_span, trace) => {
    const ids: string[] = [];
    const topics: string[] = [];
    const keys: string[] = [];
    const headers: string[] = [];
    const payloads: string[] = [];
    for (const event of events) {
      if (!TOPIC.test(event.topic)) throw new Error(`Invalid topic name "${event.topic}"`);
      const id = randomUUID();
      ids.push(id);
      topics.push(event.topic);
      keys.push(event.key);
      headers.push(JSON.stringify(eventHeaders(id, event, trace)));
      payloads.push(JSON.stringify(event.payload));
    }
    await queryNamed(manager, publishManyStatement(schema), [
      ids,
      topics,
      keys,
      headers,
      payloads,
      OUTBOX_CHANNEL,
      schema,
    ]);
    return ids;
  });
}

/** Creates the outbox and inbox of a service; call from its first migration. */
export async function createMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`CREATE TABLE "${schema}".outbox (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    topic text NOT NULL,
    key text NOT NULL,
    headers jsonb NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`);
  await q.query(`CREATE TABLE "${schema}".inbox (
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    topic text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id))`);
}

export async function dropMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`DROP TABLE "${schema}".inbox`);
  await q.query(`DROP TABLE "${schema}".outbox`);
}
