import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import type { EntityManager, QueryRunner } from 'typeorm';
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
  const headers: Record<string, string> = { [EventHeaders.eventId]: id };
  if (event.tenantId) headers[EventHeaders.tenantId] = event.tenantId;
  if (event.schema) headers[EventHeaders.schema] = event.schema;
  propagation.inject(context.active(), headers);
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
  const ids: string[] = [];
  const topics: string[] = [];
  const keys: string[] = [];
  const headers: string[] = [];
  const payloads: string[] = [];
  const trace: Record<string, string> = {};
  propagation.inject(context.active(), trace);
  for (const event of events) {
    if (!TOPIC.test(event.topic)) throw new Error(`Invalid topic name "${event.topic}"`);
    const id = randomUUID();
    const h: Record<string, string> = { [EventHeaders.eventId]: id, ...trace };
    if (event.tenantId) h[EventHeaders.tenantId] = event.tenantId;
    if (event.schema) h[EventHeaders.schema] = event.schema;
    ids.push(id);
    topics.push(event.topic);
    keys.push(event.key);
    headers.push(JSON.stringify(h));
    payloads.push(JSON.stringify(event.payload));
  }
  await manager.query(
    `WITH recorded AS (INSERT INTO "${schema}".outbox (event_id, topic, key, headers, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]))
     ${NOTIFY_RELAY}`,
    [ids, topics, keys, headers, payloads, OUTBOX_CHANNEL, schema],
  );
  return ids;
}

/**
 * One kind of event recorded by `outboxCtes`: one event per row of `from`, a
 * relation of the statement (a CTE). `key`, `tenantId`, `payload` and
 * `orderBy` are SQL expressions over its columns; `payload` is jsonb.
 */
export interface OutboxRows {
  from: string;
  topic: string;
  /** Fully-qualified proto message name (header `schema`). */
  schema?: string;
  key: string;
  tenantId?: string;
  payload: string;
  /** Order of these events in the outbox, which is the order consumers of a key see. */
  orderBy: string;
}

/** What `outboxCtes` and `jsonbPayload` inline in SQL: a service schema, a message name, a field. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const MESSAGE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The SQL of an event payload (`jsonb_build_object`), one SQL expression per
 * field of its JSON type `T`: every field, so that a field renamed or added
 * in the contract fails the build rather than the consumers.
 */
export function jsonbPayload<T extends object>(fields: { [K in keyof T]-?: string }): string {
  const pairs = Object.entries(fields as Record<string, string>).map(([name, sql]) => {
    if (!FIELD.test(name)) throw new Error(`Invalid payload field "${name}"`);
    return `'${name}', ${sql}`;
  });
  return `jsonb_build_object(${pairs.join(', ')})`;
}

/**
 * The trace context of the active span as event headers (W3C `traceparent`,
 * `tracestate`), in JSON: the jsonb parameter that `outboxCtes` merges into
 * every event's headers.
 */
export function traceContextHeaders(): string {
  const trace: Record<string, string> = {};
  propagation.inject(context.active(), trace);
  return JSON.stringify(trace);
}

/**
 * For a write that is one statement (a group-commit batch in autocommit, say):
 * the SQL of two CTEs to put at the end of its `WITH` list, which record in
 * `schema`'s outbox one event per row of each `events` relation and wake the
 * relay — the rows and headers `publishMany` writes (event id from
 * `gen_random_uuid()`, tenant id and schema when given, the trace context of
 * `traceParam`, from `traceContextHeaders()`), in the order of `events`, then
 * of each one's `orderBy`.
 *
 * `outbox_recorded` is a data-modifying CTE: it runs to completion whatever
 * the statement reads. `relay_woken` (one row: `woken`, 1 when events were
 * recorded, else 0) runs only if read: the statement's main query must read it,
 * e.g. `CROSS JOIN relay_woken`. As with `publish`, the notification is
 * delivered on commit only.
 */
export function outboxCtes(schema: string, events: OutboxRows[], traceParam: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  if (events.length === 0) throw new Error('outboxCtes needs at least one kind of event');
  const sources = events.map((e, i) => {
    // Topic and message name are constants of the code, inlined once checked.
    if (!TOPIC.test(e.topic)) throw new Error(`Invalid topic name "${e.topic}"`);
    if (e.schema !== undefined && !MESSAGE_NAME.test(e.schema))
      throw new Error(`Invalid message name "${e.schema}"`);
    return `SELECT ${i} AS source, row_number() OVER (ORDER BY ${e.orderBy}) AS n,
              '${e.topic}'::text AS topic, (${e.key})::text AS key,
              NULLIF((${e.tenantId ?? 'NULL'})::text, '') AS tenant_id,
              ${e.schema === undefined ? 'NULL' : `'${e.schema}'`}::text AS schema,
              (${e.payload})::jsonb AS payload
         FROM ${e.from}`;
  });
  return `outbox_recorded AS (
    INSERT INTO "${schema}".outbox (event_id, topic, key, headers, payload)
    SELECT e.event_id, e.topic, e.key,
           ${traceParam}::jsonb || jsonb_strip_nulls(jsonb_build_object(
             '${EventHeaders.eventId}', e.event_id, '${EventHeaders.tenantId}', e.tenant_id,
             '${EventHeaders.schema}', e.schema)),
           e.payload
      -- A subquery, so that each event's id is drawn once for its column and its header.
      FROM (SELECT gen_random_uuid() AS event_id, u.*
              FROM (${sources.join(' UNION ALL ')}) u) e
     ORDER BY e.source, e.n
    RETURNING 1),
  relay_woken AS (
    SELECT count(pg_notify('${OUTBOX_CHANNEL}', '${schema}')) AS woken
      FROM (SELECT FROM outbox_recorded LIMIT 1) r)`;
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
