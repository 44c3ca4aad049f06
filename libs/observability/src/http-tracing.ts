import {
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { RPCType, setRPCMetadata } from '@opentelemetry/core';
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { httpClientTraced, withService } from './tracing';

const tracer = trace.getTracer('@palabre/http');
const SERVER_SPAN = Symbol.for('palabre.request.span');

type TracedRequest = IncomingMessage & { [SERVER_SPAN]?: Span };

const INTERNAL = /^\/internal\//;
/**
 * An internal call that comes with no trace is a service's background work (the
 * gateway polling revoked sessions, say): a parent that is not sampled, so that
 * it records no trace every few seconds; its logs still get trace ids.
 */
function background(): ReturnType<typeof trace.setSpanContext> {
  const ids = randomBytes(24).toString('hex');
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: ids.slice(0, 32),
    spanId: ids.slice(32),
    traceFlags: TraceFlags.NONE,
    isRemote: true,
  });
}

/** The SERVER span `tracingMiddleware` opened for a request (the app names it by route). */
export function serverSpan(req: IncomingMessage): Span | undefined {
  return (req as TracedRequest)[SERVER_SPAN];
}

/**
 * A SERVER span per request, continuing the caller's W3C trace context, and
 * active for everything the request does (logs, queries, published events).
 * Ours rather than the HTTP instrumentation's: it costs nothing when no span
 * is exported, and in embedded mode each service that a request reaches
 * in-process opens its own (ADR 0043). Its context names the service (every
 * span under it says so) and carries HTTP RPC metadata, so the Fastify
 * instrumentation's `request` span is an INTERNAL child, not a second SERVER span.
 */
export function tracingMiddleware(service: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = (req.url ?? '/').split('?')[0];
    const parent =
      req.headers.traceparent === undefined && INTERNAL.test(path)
        ? background()
        : propagation.extract(ROOT_CONTEXT, req.headers);
    // Named by the method until the app knows the route's template (never a raw path: ids).
    const span = tracer.startSpan(
      req.method ?? 'HTTP',
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method ?? '',
          'url.path': path,
          'service.name': service,
        },
      },
      parent,
    );
    res.on('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    (req as TracedRequest)[SERVER_SPAN] = span;
    const ctx = trace.setSpan(withService(parent, service), span);
    context.with(setRPCMetadata(ctx, { type: RPCType.HTTP, span }), next);
  };
}

/**
 * Writes the active trace context into the headers of a request handed to a
 * service, replacing the caller's.
 */
export function injectTraceHeaders(headers: IncomingHttpHeaders | Record<string, string>): void {
  delete headers.traceparent;
  delete headers.tracestate;
  propagation.inject(context.active(), headers);
}

/**
 * The same for a request sent through undici: nothing to write when undici's
 * instrumentation does it (with its CLIENT span as the parent).
 */
export function injectClientTraceHeaders(headers: Record<string, string>): void {
  if (!httpClientTraced()) injectTraceHeaders(headers);
}
