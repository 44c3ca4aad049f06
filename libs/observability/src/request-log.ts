import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import type { JsonLogger } from './logger';

/** Set on the request by the app once routed: the route's template (`/surveys/:id`), for its log line. */
export const REQUEST_ROUTE = Symbol.for('palabre.request.route');
const TRACE_ID = Symbol.for('palabre.request.trace');
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

type Request = IncomingMessage & { [REQUEST_ROUTE]?: string; [TRACE_ID]?: string; id?: unknown };

export interface RequestLogOptions {
  /** Requests not logged (the orchestrator's probes). */
  ignore?: (req: IncomingMessage) => boolean;
}

/**
 * One log line per request, when its response is finished (pino-http): method,
 * route template, status, duration, request id (the gateway's `x-request-id`,
 * carried to the services) and trace id, at info (error for a 5xx; debug at
 * a terminal, LOG_FORMAT=pretty), in the shape and through the output of the
 * service's JsonLogger. Nothing personal:
 * no address, no headers, no query string, no body; the path appears only as
 * its template (`unmatched` when no route took it).
 */
export function requestLog(
  logger: JsonLogger,
  options: RequestLogOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const route = (req: Request) => req[REQUEST_ROUTE] ?? 'unmatched';
  const line = (req: Request, res: ServerResponse, val: Record<string, unknown>) => ({
    method: req.method,
    route: route(req),
    status: res.statusCode,
    duration_ms: val.duration_ms,
    request_id: req.id,
    ...(req[TRACE_ID] ? { trace_id: req[TRACE_ID] } : {}),
  });
  const http = pinoHttp({
    logger: pino(
      {
        level: logger.minLevel,
        base: { service: logger.name },
        messageKey: 'msg',
        timestamp: () => `,"time":"${new Date().toISOString()}"`,
        formatters: { level: (label) => ({ level: label }) },
      },
      { write: (text: string) => logger.writeJson(text.trimEnd()) },
    ),
    genReqId: (req) => {
      const id = req.headers['x-request-id'];
      return typeof id === 'string' && REQUEST_ID.test(id) ? id : randomUUID();
    },
    autoLogging: options.ignore ? { ignore: options.ignore } : true,
    // The request and the response are not serialized at all (headers, cookies, address):
    // the line carries only the fields below.
    serializers: { req: () => undefined, res: () => undefined },
    customAttributeKeys: { responseTime: 'duration_ms' },
    // At a terminal (`npm start`), requests that went well are debug detail.
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : logger.isPretty ? 'debug' : 'info',
    customSuccessMessage: (req, res) => `${req.method} ${route(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${route(req)} ${res.statusCode}`,
    customSuccessObject: (req, res, val) => line(req, res, val),
    customErrorObject: (req, res, _error, val) => line(req, res, val),
  });
  return (req, res) => {
    // The trace is the request's span, active now (the tracing middleware runs first).
    (req as Request)[TRACE_ID] = trace.getActiveSpan()?.spanContext().traceId;
    http(req, res);
  };
}
