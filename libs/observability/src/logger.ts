import { trace } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import { securityEvents } from './metrics';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const NEST_CHATTER = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Field names whose values are personal data: never written to logs. */
const PERSONAL =
  /^(email|password|pass|sub|birth_?date|given_?name|family_?name|name|phone|address|ip|token|cookie|authorization)$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = PERSONAL.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/**
 * One JSON object per line with the active trace and span ids, so logs and
 * traces join up. Fields named like personal data are redacted.
 */
export class JsonLogger implements LoggerService {
  private readonly pretty = process.env.LOG_FORMAT === 'pretty';

  constructor(
    private readonly service: string,
    private readonly level: Level = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  child(service: string): JsonLogger {
    return new JsonLogger(service, this.level, this.write);
  }

  /** The service this logger writes for. */
  get name(): string {
    return this.service;
  }

  /** Lines for a person at a terminal (LOG_FORMAT=pretty, `npm start`), not JSON. */
  get isPretty(): boolean {
    return this.pretty;
  }

  /** The lowest level written. */
  get minLevel(): Level {
    return this.level;
  }

  /** A line another logger made in this shape (pino's, see request-log.ts): written as is, or pretty. */
  writeJson(line: string): void {
    this.write(this.pretty ? this.format(JSON.parse(line) as Record<string, unknown>) : line);
  }

  /** One short line for a person at a terminal (`npm start`); JSON everywhere else. */
  private format(entry: Record<string, unknown>): string {
    if (!this.pretty) return JSON.stringify(entry);
    const { time, level, service, msg, ...rest } = entry;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(time).slice(11, 19)} ${String(level).padEnd(5)} [${service}] ${msg}${extra}`;
  }

  emit(level: Level, message: unknown, fields?: Record<string, unknown>) {
    if (order[level] < order[this.level]) return;
    const span = trace.getActiveSpan()?.spanContext();
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      msg:
        message instanceof Error
          ? message.message
          : typeof message === 'string'
            ? message
            : JSON.stringify(redact(message)),
    };
    if (span) {
      entry.trace_id = span.traceId;
      entry.span_id = span.spanId;
    }
    if (fields) Object.assign(entry, redact(fields));
    this.write(this.format(entry));
  }

  /**
   * A refused sign-in or request an attacker may be behind (forged or replayed
   * FranceConnect return, cross-site write, ...): one warn line with a stable
   * `security_event` name to alert on, and a counter. Never personal data:
   * fields are redacted like any other, and callers pass only kinds and ids.
   */
  security(event: string, fields: Record<string, unknown> = {}) {
    securityEvents.inc({ service: this.service, event });
    this.emit('warn', `Security event: ${event}`, { security_event: event, ...fields });
  }

  log(message: unknown, context?: string) {
    // Nest's start-up chatter (one line per module and route) is debug detail.
    const level = context && NEST_CHATTER.has(context) ? 'debug' : 'info';
    this.emit(level, message, context ? { context } : undefined);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.emit('error', message, {
      ...(context ? { context } : {}),
      ...(trace ? { stack: trace } : {}),
    });
  }
  warn(message: unknown, context?: string) {
    this.emit('warn', message, context ? { context } : undefined);
  }
  debug(message: unknown, context?: string) {
    this.emit('debug', message, context ? { context } : undefined);
  }
  verbose(message: unknown, context?: string) {
    this.emit('debug', message, context ? { context } : undefined);
  }
}
