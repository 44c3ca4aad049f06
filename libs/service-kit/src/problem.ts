import {
  Catch,
  HttpException,
  HttpStatus,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { JsonLogger } from '@palabre/observability';

/** RFC 9457 problem details: the one error shape of every Palabre API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The refused fields: `message` in English; `rule` and `limit` for clients that translate (validation.ts). */
  errors?: { field: string; message: string; rule?: string; limit?: number }[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: extra.type ?? 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

/** An answer being written: a Fastify reply (services, site, gateway). */
export interface ProblemReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
  send(body: string): unknown;
}

export function sendProblem(res: ProblemReply, p: Problem): void {
  res.status(p.status);
  res.header('Content-Type', 'application/problem+json');
  res.send(JSON.stringify(p));
}

/** Errors Fastify raises before a handler runs (body too large, malformed, of an unknown type). */
interface FastifyError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/** Maps any exception to problem+json; only unexpected errors become 500 (and are logged). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: JsonLogger,
    /** The service's body limit, named in a 413. */
    private readonly bodyLimitBytes?: number,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<ProblemReply>();
    const req = host.switchToHttp().getRequest<{ originalUrl?: string; url?: string }>();
    sendProblem(res, { ...this.toProblem(exception), instance: req.originalUrl?.split('?')[0] });
  }

  toProblem(exception: unknown): Problem {
    const cause = exception instanceof HttpException ? exception.cause : undefined;
    // Nest hands on Fastify's errors (raised before a handler) as an HttpException with the cause.
    const fastify = (cause ?? exception) as FastifyError | undefined;
    if (typeof fastify?.code === 'string' && fastify.code.startsWith('FST_ERR_CTP_')) {
      if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return problem(
          413,
          this.bodyLimitBytes
            ? `Request body exceeds the limit of ${this.bodyLimitBytes} bytes`
            : 'Request body exceeds the size limit',
        );
      if (fastify.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return problem(415, `Unsupported body type: ${fastify.message}`);
      return problem(400, `Malformed body: ${fastify.message}`);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body && 'errors' in body)
        return problem(status, (body as { message?: string }).message, body as Partial<Problem>);
      const message =
        typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      // A domain error's code (and what it says to do next) travels with it,
      // for clients that translate messages.
      const extra: Record<string, unknown> = {};
      if (typeof body === 'object' && body && 'code' in body) {
        for (const [k, v] of Object.entries(body))
          if (k !== 'message' && k !== 'error' && k !== 'statusCode' && k !== 'status')
            extra[k] = k === 'code' ? String(v) : v;
      }
      return problem(status, Array.isArray(message) ? message.join('; ') : message, extra);
    }
    // An Express or http-errors error with a client status (a path segment whose
    // percent-encoding does not decode) is the client's, not a failure.
    const http = exception as { status?: unknown; message?: unknown } | null;
    if (typeof http?.status === 'number' && http.status >= 400 && http.status < 500)
      return problem(http.status, typeof http.message === 'string' ? http.message : undefined);
    this.logger.emit('error', 'Unhandled exception', {
      error: exception instanceof Error ? exception.stack : String(exception),
    });
    return problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'An unexpected error occurred; it has been logged.',
    );
  }
}
