import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Pool, type Dispatcher } from 'undici';
import { httpClientTraced } from '@palabre/observability';
import {
  callJson,
  loopbackUrl,
  problem,
  type InternalResponse,
  type Problem,
  type ServiceApp,
} from '@palabre/service-kit';

/** How the gateway reaches one service: in this process, or over HTTP. */
export interface ServiceRoute {
  readonly name: string;
  /** Forwards a public request whose url is already relative to the service. */
  forward(req: IncomingMessage, res: ServerResponse): void;
  /** A synchronous internal call (e.g. tenant lookup); a `body` is sent as JSON. */
  call(
    method: 'GET' | 'POST',
    path: string,
    headers?: Record<string, string>,
    body?: unknown,
  ): Promise<InternalResponse>;
  openapi(): Promise<OpenAPIObject | null>;
  /** Whether the service says it is ready, within `timeoutMs` when it is remote. */
  ready(timeoutMs?: number): Promise<boolean>;
  /** Closes the connections kept to the service. */
  close(): Promise<void>;
}

/** Requests a gateway process lets wait on one service at a time (GATEWAY_MAX_IN_FLIGHT). */
export const DEFAULT_MAX_IN_FLIGHT = 128;

/** A problem+json answer on a bare node:http response (forwarding has no framework reply). */
export function writeProblem(res: ServerResponse, p: Problem): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = p.status;
  res.setHeader('content-type', 'application/problem+json');
  res.end(JSON.stringify(p));
}

/**
 * Load shedding: beyond `max` requests waiting on a service, the next ones
 * get an immediate 503 with Retry-After rather than a growing queue that
 * ends in timeouts (work done for clients that already left). Nothing was
 * done for a refused request; retrying is safe.
 */
export class Admission {
  private inFlight = 0;

  constructor(private readonly max: number) {}

  admit(name: string, res: ServerResponse): boolean {
    if (this.inFlight >= this.max) {
      res.setHeader('Retry-After', '1');
      writeProblem(
        res,
        problem(503, `The ${name} service is very busy right now; try again in a second.`, {
          type: 'urn:palabre:overloaded',
        }),
      );
      return false;
    }
    this.inFlight++;
    // A response closes once, answered or not (its client gone).
    res.once('close', () => this.inFlight--);
    return true;
  }

  get current(): number {
    return this.inFlight;
  }
}

/** Headers of one connection, never forwarded (RFC 9110 §7.6.1), nor refused by undici. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'http2-settings',
]);

/** Written by undici's instrumentation when it traces the forward (its CLIENT span). */
const TRACE_CONTEXT = new Set(['traceparent', 'tracestate']);

/** The request's headers without those of the client's connection. */
function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const traced = httpClientTraced();
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && !HOP_BY_HOP.has(name) && !(traced && TRACE_CONTEXT.has(name)))
      out[name] = value;
  }
  return out;
}

/** Bodies up to this size are read before forwarding, and leave with their headers (one write). */
const SMALL_BODY_BYTES = 16 * 1024;

/** Whether a request carries a body to stream (GET and HEAD bodies are not forwarded). */
function hasBody(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Writes a service's answer into the client's response as it arrives, with
 * back-pressure both ways; a client that leaves aborts the request to the
 * service. `unreachable` answers when the service never answered.
 */
class ForwardHandler implements Dispatcher.DispatchHandler {
  private answered = false;
  private done = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly unreachable: (error: Error) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.res.once('close', () => {
      if (!this.done) controller.abort(new Error('The client closed the connection'));
    });
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) return; // 100 Continue, 103 Early Hints: the final answer follows
    this.answered = true;
    const res = this.res;
    for (const name in headers) {
      const value = headers[name];
      if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
    }
    res.statusCode = statusCode;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.res.write(chunk)) return;
    controller.pause();
    this.res.once('drain', () => controller.resume());
  }

  onResponseEnd(): void {
    this.done = true;
    this.res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.done) return;
    this.done = true;
    if (!this.answered && !this.res.headersSent) this.unreachable(error);
    else this.res.destroy(error);
  }
}

/**
 * The public requests forwarded to one service origin over HTTP (undici):
 * one pool of kept-alive connections per origin, apart from the JSON
 * questions of `callJson` (service-kit's client), so that a burst of
 * forwarded requests never queues the gateway's own tenant and session
 * lookups behind it.
 */
export class ForwardingPool {
  private readonly pool: Pool;
  /** The base URL's path (`http://host/prefix`), before every request's. */
  private readonly prefix: string;

  constructor(baseUrl: string, options: { connections?: number } = {}) {
    const url = new URL(baseUrl);
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 512,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      keepAliveTimeout: 30_000,
    });
  }

  /**
   * Sends `req` (url relative to the service) to the service and streams its
   * answer back into `res`. A small body of announced length (a form, a
   * signature: up to 16 KiB) is read first and sent with the headers in one
   * write; a larger or chunked one is streamed as it arrives.
   */
  forward(req: IncomingMessage, res: ServerResponse, unreachable: (error: Error) => void): void {
    const dispatch = (body: IncomingMessage | Buffer | null): void => {
      this.pool.dispatch(
        {
          path: this.prefix + (req.url ?? '/'),
          method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
          headers: forwardedHeaders(req.headers),
          body,
        },
        new ForwardHandler(res, unreachable),
      );
    };
    if (!hasBody(req)) return dispatch(null);
    const length = Number(req.headers['content-length']);
    if (req.headers['transfer-encoding'] !== undefined || !(length <= SMALL_BODY_BYTES))
      return dispatch(req);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that leaves before its body is complete gets nothing forwarded.
    req.once('end', () => dispatch(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * A service running in this process. Public requests are handed to its
 * request handler directly (Fastify or Express, both take node:http's
 * request and response); internal calls go through a loopback-only
 * listener, so they are real HTTP exchanges like in distributed mode.
 */
export class InProcessRoute implements ServiceRoute {
  constructor(private readonly service: ServiceApp) {}

  get name() {
    return this.service.definition.name;
  }

  forward(req: IncomingMessage, res: ServerResponse): void {
    this.service.handler(req, res);
  }

  async call(
    method: 'GET' | 'POST',
    path: string,
    headers?: Record<string, string>,
    body?: unknown,
  ): Promise<InternalResponse> {
    return callJson(`${await loopbackUrl(this.service)}${path}`, method, headers, body);
  }

  async openapi() {
    return this.service.openapi();
  }

  async ready() {
    return (await this.service.health.readiness()).ready;
  }

  async close(): Promise<void> {
    // Nothing of its own: the service closes its loopback listener.
  }
}

/** A service in another process (distributed mode), at SERVICE_URL_<NAME>. */
export class HttpRoute implements ServiceRoute {
  private readonly pool: ForwardingPool;

  constructor(
    readonly name: string,
    private readonly baseUrl: string,
  ) {
    this.pool = new ForwardingPool(baseUrl);
  }

  forward(req: IncomingMessage, res: ServerResponse): void {
    this.pool.forward(req, res, () => {
      // Restarting or unreachable: nothing was done; the client may retry shortly.
      res.setHeader('Retry-After', '2');
      writeProblem(
        res,
        problem(503, `The ${this.name} service is unreachable; try again shortly.`),
      );
    });
  }

  call(
    method: 'GET' | 'POST',
    path: string,
    headers?: Record<string, string>,
    body?: unknown,
  ): Promise<InternalResponse> {
    return callJson(`${this.baseUrl}${path}`, method, headers, body);
  }

  async openapi(): Promise<OpenAPIObject | null> {
    try {
      const r = await callJson<OpenAPIObject>(`${this.baseUrl}/openapi.json`, 'GET');
      return r.status === 200 ? r.body : null;
    } catch {
      return null;
    }
  }

  async ready(timeoutMs = 2_000): Promise<boolean> {
    try {
      const r = await callJson(`${this.baseUrl}/health/ready`, 'GET', {}, undefined, timeoutMs);
      return r.status === 200;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
