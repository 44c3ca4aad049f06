import { fromJson, type MessageShape } from '@bufbuild/protobuf';
import type { JsonValue } from '@bufbuild/protobuf';
import { topicSchemas, type Topic } from './generated/topics';

/** A received event payload does not match its topic's schema (or the topic is unknown). */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';

  constructor(
    readonly topic: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`invalid event on topic "${topic}": ${problem}`, options);
  }
}

export function isTopic(topic: string): topic is Topic {
  return Object.prototype.hasOwnProperty.call(topicSchemas, topic);
}

/** Message type published on a topic. */
export type EventOf<T extends Topic> = MessageShape<(typeof topicSchemas)[T]>;

/**
 * Validates a received payload (already JSON-parsed) against the schema of its
 * topic, with the proto3 JSON rules: unknown fields and wrong types are
 * rejected. Throws InvalidEventError, never returns a partial message.
 */
export function decodeEvent<T extends Topic>(topic: T, json: unknown): EventOf<T>;
export function decodeEvent(topic: string, json: unknown): EventOf<Topic>;
export function decodeEvent(topic: string, json: unknown): EventOf<Topic> {
  if (!isTopic(topic)) {
    throw new InvalidEventError(topic, 'unknown topic');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidEventError(
      topic,
      `expected a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`,
    );
  }
  try {
    return fromJson(topicSchemas[topic], json as JsonValue);
  } catch (err) {
    throw new InvalidEventError(topic, err instanceof Error ? err.message : String(err), {
      cause: err,
    });
  }
}
