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
    `INSERT INTO "${schema}".outbox (event_id, topic, key, headers, payload) VALUES ($1, $2, $3, $4, $5)`,
    [id, event.topic, event.key, JSON.stringify(headers), JSON.stringify(event.payload)],
  );
  // Delivered by PostgreSQL on commit only: wakes the relay without polling.
  await manager.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, schema]);
  return id;
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
