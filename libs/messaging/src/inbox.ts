import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { DataSource, EntityManager } from 'typeorm';
import { EventHeaders, type DeliveredMessage, type MessageHandler } from './event';
import { NonRetryableError } from './retry';

export interface ReceivedEvent<T = unknown> extends DeliveredMessage {
  payload: T;
  tenantId?: string;
}

export type EventEffect<T = unknown> = (
  event: ReceivedEvent<T>,
  manager: EntityManager,
) => Promise<void>;

export interface InboxHandlerOptions<T> {
  ds: DataSource;
  schema: string;
  /** Stable name of this consumer (one inbox entry per consumer and event). */
  consumer: string;
  handle: EventEffect<T>;
  /** Validates the payload; a throw sends the event to the dead-letter topic at once. */
  decode?: (topic: string, payload: unknown) => T;
}

const tracer = trace.getTracer('@palabre/messaging');

/**
 * The context a consumer's span starts in: the publication's, carried by the
 * event; or the active one when it continues that same trace (kafkajs'
 * instrumentation opened a `process` span under the publication). The
 * service's name in the active context stays (embedded mode: which service).
 */
function consumerParent(headers: Record<string, string>) {
  const active = context.active();
  const created = propagation.extract(trace.deleteSpan(active), headers);
  const current = trace.getSpanContext(active);
  return current && current.traceId === trace.getSpanContext(created)?.traceId ? active : created;
}

/**
 * Wraps a service's effect so it runs effectively once: the event id is
 * recorded in the inbox in the same transaction as the effect, so a redelivery
 * is skipped and a failed effect leaves no trace (and is retried).
 */
export function inboxHandler<T>(options: InboxHandlerOptions<T>): MessageHandler {
  const { ds, schema, consumer, handle, decode } = options;
  return async (message) => {
    let payload: T;
    try {
      payload = decode ? decode(message.topic, message.payload) : (message.payload as T);
    } catch (error) {
      throw new NonRetryableError(`Invalid payload on ${message.topic}`, { cause: error });
    }
    const parent = consumerParent(message.headers);
    await context.with(parent, () =>
      tracer.startActiveSpan(
        `${message.topic} process`,
        { kind: SpanKind.CONSUMER },
        async (span) => {
          span.setAttribute('messaging.destination.name', message.topic);
          span.setAttribute('messaging.consumer.group.name', consumer);
          span.setAttribute('messaging.message.id', message.id);
          try {
            await ds.transaction(async (m) => {
              const seen = await m.query(
                `INSERT INTO "${schema}".inbox (consumer, event_id, topic) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING RETURNING event_id`,
                [consumer, message.id, message.topic],
              );
              if (seen.length === 0) {
                span.setAttribute('palabre.duplicate', true);
                return;
              }
              await handle(
                { ...message, payload, tenantId: message.headers[EventHeaders.tenantId] },
                m,
              );
            });
          } catch (error) {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        },
      ),
    );
  };
}
