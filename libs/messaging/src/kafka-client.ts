// Types only: kafkajs itself is loaded when a Kafka transport first connects.
import type { LogEntry, SASLOptions } from 'kafkajs';
import { kafkaSecurityEnvSchema, loadEnv } from '@palabre/config';

/** How the client reaches a managed Kafka: TLS, and SASL with a user's credentials. */
export interface KafkaClientSecurity {
  ssl: boolean;
  sasl?: SASLOptions;
}

/**
 * KAFKA_SSL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD
 * (as the Helm chart sets them) → the `ssl` and `sasl` options of `new Kafka()`.
 * A bad value, or a mechanism without both credentials, throws a ConfigError
 * naming each variable.
 */
export function kafkaClientOptions(
  env: NodeJS.ProcessEnv = process.env,
  app = 'kafka client',
): KafkaClientSecurity {
  const parsed = loadEnv(app, kafkaSecurityEnvSchema, env);
  const mechanism = parsed.KAFKA_SASL_MECHANISM;
  if (!mechanism) return { ssl: parsed.KAFKA_SSL };
  // The schema's refinement has checked both credentials are there.
  const username = parsed.KAFKA_SASL_USERNAME ?? '';
  const password = parsed.KAFKA_SASL_PASSWORD ?? '';
  return { ssl: parsed.KAFKA_SSL, sasl: { mechanism, username, password } };
}

export type KafkaLogLevel = 'warn' | 'error';

/** Where the transport tells what kafkajs reports (a JsonLogger fits). */
export interface KafkaLogSink {
  emit(level: KafkaLogLevel, message: string, fields?: Record<string, unknown>): void;
}

/**
 * What of a kafkajs log entry is kept: where and what, never message contents
 * (keys, values, headers) nor the client's configuration.
 */
const KEPT_FIELDS = ['broker', 'groupId', 'topic', 'partition', 'retryCount', 'retryTime'];

/**
 * kafkajs logs a failed eachMessage itself; the transport reports those to onError already.
 * It warns at every start that an idempotent producer with bounded retries may break
 * exactly-once delivery: the relay wants its send to fail (its transaction holds the outbox
 * rows, retried at the next pass) and consumers' inboxes absorb a duplicate.
 */
const REPORTED_ELSEWHERE = new Set([
  'Error when calling eachMessage',
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
]);

/** kafkajs log levels (its `logLevel` enum) that are forwarded. */
export const KAFKAJS_ERROR = 1;
export const KAFKAJS_WARN = 2;

/** A kafkajs logCreator forwarding its warnings and errors to `sink`. */
export function kafkaLogCreator(sink: KafkaLogSink) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      if (level !== KAFKAJS_ERROR && level !== KAFKAJS_WARN) return;
      if (REPORTED_ELSEWHERE.has(log.message)) return;
      // A broker's error response is logged as an error by the connection, then handled by
      // the request's caller (retried, or thrown to whoever asked): a warning at most.
      const demoted = namespace === 'Connection' && log.message.startsWith('Response ');
      const fields: Record<string, unknown> = { kafka: namespace };
      for (const key of KEPT_FIELDS) if (log[key] !== undefined) fields[key] = log[key];
      if (log.error !== undefined) fields.error = String(log.error);
      const error = level === KAFKAJS_ERROR && !demoted;
      sink.emit(error ? 'error' : 'warn', `Kafka: ${log.message}`, fields);
    };
}
