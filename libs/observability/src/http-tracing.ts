import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

const tracer = trace.getTracer('@palabre/http');

/**
 * A SERVER span per request, continuing the caller's W3C trace context, and
 * active for everything the request does (logs, queries, published events).
 * Explicit middleware rather than require-hook instrumentation: no start-up
 * cost, and the same behaviour under jest, SWC or plain node.
 */
export function tracingMiddleware(service: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const path = (req.url ?? '/').split('?')[0];
    const span = tracer.startSpan(
      `${req.method} ${path}`,
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
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Writes the active trace context into headers of a request about to be forwarded. */
export function injectTraceHeaders(headers: IncomingHttpHeaders | Record<string, string>): void {
  propagation.inject(context.active(), headers);
}
