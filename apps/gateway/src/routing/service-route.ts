import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Request, Response } from 'express';
import {
  callJson,
  loopbackUrl,
  problem,
  sendProblem,
  type InternalResponse,
  type ServiceApp,
} from '@palabre/service-kit';

/** How the gateway reaches one service: in this process, or over HTTP. */
export interface ServiceRoute {
  readonly name: string;
  /** Forwards a public request whose url is already relative to the service. */
  forward(req: Request, res: Response): void;
  /** A synchronous internal call (e.g. tenant lookup); a `body` is sent as JSON. */
  call(
    method: 'GET' | 'POST',
    path: string,
    headers?: Record<string, string>,
    body?: unknown,
  ): Promise<InternalResponse>;
  openapi(): Promise<OpenAPIObject | null>;
  ready(): Promise<boolean>;
}

/** Requests a gateway process lets wait on one service at a time (GATEWAY_MAX_IN_FLIGHT). */
export const DEFAULT_MAX_IN_FLIGHT = 128;

/**
 * Load shedding: beyond `max` requests waiting on a service, the next ones
 * get an immediate 503 with Retry-After rather than a growing queue that
 * ends in timeouts (work done for clients that already left). Nothing was
 * done for a refused request; retrying is safe.
 */
export class Admission {
  private inFlight = 0;

  constructor(private readonly max: number) {}

  admit(name: string, res: Response): boolean {
    if (this.inFlight >= this.max) {
      res.setHeader('Retry-After', '1');
      sendProblem(
        res,
        problem(503, `The ${name} service is very busy right now; try again in a second.`, {
          type: 'urn:palabre:overloaded',
        }),
      );
      return false;
    }
    this.inFlight++;
    let done = false;
    const release = () => {
      if (!done) {
        done = true;
        this.inFlight--;
      }
    };
    res.once('finish', release);
    res.once('close', release);
    return true;
  }

  get current(): number {
    return this.inFlight;
  }
}

/**
 * A service running in this process. Public requests are handed to its
 * request handler directly; internal calls go through a loopback-only
 * listener, so they are real HTTP exchanges like in distributed mode.
 */
export class InProcessRoute implements ServiceRoute {
  constructor(private readonly service: ServiceApp) {}

  get name() {
    return this.service.definition.name;
  }

  forward(req: Request, res: Response): void {
    this.service.handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
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
}

export class HttpRoute implements ServiceRoute {
  private readonly proxy;

  constructor(
    readonly name: string,
    private readonly baseUrl: string,
  ) {
    this.proxy = createProxyMiddleware<Request, Response>({
      target: baseUrl,
      changeOrigin: false,
      xfwd: true,
      proxyTimeout: 30_000,
      // Connections to the service are kept and reused: no TCP handshake per request.
      agent: new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, timeout: 30_000 }),
      on: {
        error: (_err, _req, res) => {
          const r = res as Response;
          if (r.headersSent) return;
          // Restarting or unreachable: nothing was done; the client may retry shortly.
          r.setHeader('Retry-After', '2');
          sendProblem(r, problem(503, `The ${name} service is unreachable; try again shortly.`));
        },
      },
    });
  }

  forward(req: Request, res: Response): void {
    void this.proxy(req, res, () => undefined);
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
      const r = await fetch(`${this.baseUrl}/openapi.json`, { signal: AbortSignal.timeout(5_000) });
      return r.ok ? ((await r.json()) as OpenAPIObject) : null;
    } catch {
      return null;
    }
  }

  async ready(): Promise<boolean> {
    try {
      const r = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      return r.ok;
    } catch {
      return false;
    }
  }
}
