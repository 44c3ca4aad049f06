import { eventsDeadLettered, eventsHandled } from '@palabre/observability';
import {
  EventHeaders,
  deadLetterTopic,
  type DeliveredMessage,
  type MessageHandler,
  type TransportMessage,
} from './event';

/** palabre_events_handled_total by outcome, and palabre_events_dead_lettered_total. */
export function countOutcome(
  group: string,
  topic: string,
  outcome: 'handled' | 'dead-lettered' | 'aborted',
): void {
  if (outcome === 'aborted') return;
  eventsHandled.inc({ group, topic, outcome });
  if (outcome === 'dead-lettered') eventsDeadLettered.inc({ group, topic });
}

export interface RetryPolicy {
  /** Attempts before the message goes to the dead-letter topic. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
};

/** A failure that no retry can fix (e.g. a payload that does not match its schema). */
export class NonRetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}

export type DeadLetterSink = (
  message: DeliveredMessage,
  error: unknown,
  attempts: number,
) => Promise<void>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const exp = policy.initialDelayMs * 2 ** (attempt - 1);
  // Full jitter keeps many consumers from retrying in lockstep.
  return Math.min(policy.maxDelayMs, Math.round(exp / 2 + (Math.random() * exp) / 2));
}

/**
 * Delivers one message with exponential back-off; after the last attempt
 * (or at once for a NonRetryableError) hands it to the dead-letter sink, so a
 * poison message never blocks the partition behind it for good.
 */
export async function deliverWithRetry(
  message: DeliveredMessage,
  handler: MessageHandler,
  policy: RetryPolicy,
  deadLetter: DeadLetterSink,
  isStopping: () => boolean = () => false,
): Promise<'handled' | 'dead-lettered' | 'aborted'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(message);
      return 'handled';
    } catch (error) {
      const last = attempt >= policy.maxAttempts || error instanceof NonRetryableError;
      if (last) {
        await deadLetter(message, error, attempt);
        return 'dead-lettered';
      }
      if (isStopping()) return 'aborted';
      await sleep(backoffDelay(policy, attempt));
    }
  }
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

/** The copy of a failed message sent to `<topic>.dlt`, with why and after how many tries. */
export function deadLetterMessage(
  msg: DeliveredMessage,
  error: unknown,
  attempts: number,
): TransportMessage {
  return {
    id: msg.id,
    topic: deadLetterTopic(msg.topic),
    key: msg.key,
    headers: {
      ...msg.headers,
      [EventHeaders.originalTopic]: msg.topic,
      [EventHeaders.deadLetterReason]: describeError(error),
      [EventHeaders.deadLetterAttempts]: String(attempts),
    },
    payload: msg.payload,
  };
}
