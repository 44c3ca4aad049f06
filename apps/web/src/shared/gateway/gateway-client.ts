import type { IncomingMessage } from 'node:http';
import { Agent, errors, request, type Dispatcher } from 'undici';
import { injectClientTraceHeaders } from '@palabre/observability';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: T;
  /** The bytes of an answer that is not JSON (a file to hand on, e.g. the data archive). */
  bytes?: Buffer;
}

/** An RFC 9457 problem as the services send it. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  code?: string;
  signIn?: string;
  /** ACCOUNT_BLOCKED: who blocked it ("antispam": the person may contest it). */
  blockedBy?: string;
  /** `message` is English, for developers: pages say `rule` (and `limit`) in their language (form-notices.ts). */
  errors?: { field: string; message: string; rule?: string; limit?: number }[];
}

/** Set by the gateway on the page requests it hands to web (apps/gateway/src/routing/site-client.ts). */
export const SITE_CLIENT_HEADER = 'x-palabre-site-client';

/** The gateway's seal of the visitor's address on this page request, if any. */
export function siteClientOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const v = req.headers[SITE_CLIENT_HEADER];
  return typeof v === 'string' ? v : undefined;
}

const TIMEOUT_MS = 10_000;

/**
 * The one client of the site's calls to the gateway: connections kept alive
 * and reused (64 at most per gateway address), closed a second before the
 * gateway's own idle timeout (its Keep-Alive hint) or after 30 s idle without
 * one, rather than reused as the gateway closes them; the rare race left is
 * asked again for reads (send).
 */
const gateway = new Agent({
  connections: 64,
  keepAliveTimeout: 30_000,
  keepAliveTimeoutThreshold: 1_000,
  connect: { timeout: TIMEOUT_MS },
});

/** The connection was closed under the request (the gateway's idle close): nothing was answered. */
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** The gateway's address: GATEWAY_URL, or (embedded mode) the listener that accepted this request. */
export function gatewayBase(
  req: Pick<IncomingMessage, 'socket'>,
  configured: string | undefined,
): string {
  if (configured) return configured.replace(/\/$/, '');
  const socket = req.socket;
  let address = socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice(7);
  if (address === '::' || address === '0.0.0.0') address = '127.0.0.1';
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${socket.localPort}`;
}

const isLocalHost = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);

/**
 * The public API, called over HTTP like any client: the visitor's cookie,
 * Host and language go along, so the gateway resolves the same organization
 * and session as for the browser. Writes carry the site's own Origin, which
 * is what the browser's form post to this site had (see the ADR 0011).
 */
export class GatewayClient {
  constructor(
    private readonly base: string,
    private readonly visitor: {
      host: string;
      cookie?: string;
      locale: string;
      requestId?: string;
      /** The gateway's sealed copy of the visitor's address, handed back so rate limits count per visitor. */
      siteClient?: string;
      /** The visitor's browser, so a session opened through the site is recognizable in "my sessions". */
      userAgent?: string;
    },
  ) {}

  get origin(): string {
    return `${isLocalHost(this.visitor.host) ? 'http' : 'https'}://${this.visitor.host}`;
  }

  /** `fresh`: past the gateway's public micro-cache (to read what this page just changed). */
  get<T>(path: string, options: { fresh?: boolean } = {}): Promise<ApiResponse<T>> {
    return this.send<T>(
      'GET',
      path,
      undefined,
      options.fresh ? { 'cache-control': 'no-cache' } : {},
    );
  }

  post<T>(path: string, body: unknown = {}): Promise<ApiResponse<T>> {
    return this.send<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown = {}): Promise<ApiResponse<T>> {
    return this.send<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown = {}): Promise<ApiResponse<T>> {
    return this.send<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<ApiResponse<T>> {
    return this.send<T>('DELETE', path);
  }

  private async send<T>(
    method: Dispatcher.HttpMethod,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(path, `${this.base}/`);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      host: this.visitor.host,
      accept: 'application/json',
      'accept-language': this.visitor.locale,
      ...extra,
    };
    if (this.visitor.cookie) headers.cookie = this.visitor.cookie;
    if (this.visitor.requestId) headers['x-request-id'] = this.visitor.requestId;
    if (this.visitor.siteClient) headers[SITE_CLIENT_HEADER] = this.visitor.siteClient;
    if (this.visitor.userAgent) headers['user-agent'] = this.visitor.userAgent.slice(0, 500);
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    // Every write, with or without a body (DELETE), is the site's own: it passes the gateway's CSRF check.
    if (method !== 'GET') headers.origin = this.origin;
    injectClientTraceHeaders(headers);
    const options = {
      method,
      headers,
      body: payload,
      dispatcher: gateway,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    };
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, options).catch((error: { code?: string }) => {
        // A kept-alive connection the gateway closed (its idle timeout) just as this
        // request went out: nothing was answered. A read asks again once, on a new
        // connection; a write is not repeated (it may have been received).
        if (RESET.has(error.code ?? '') && (method === 'GET' || method === 'HEAD'))
          return request(url, options);
        throw error;
      });
    } catch (error) {
      throw timedOut(error) ? new Error(`Gateway call timed out: ${method} ${path}`) : error;
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await res.body.arrayBuffer());
    } catch (error) {
      throw timedOut(error) ? new Error(`Gateway call timed out: ${method} ${path}`) : error;
    }
    const status = res.statusCode;
    if (!/json/.test(String(res.headers['content-type'] ?? '')))
      return { status, headers: res.headers, body: null as T, bytes };
    let parsed: unknown = null;
    const text = bytes.toString('utf8');
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    return { status, headers: res.headers, body: parsed as T };
  }
}

const timedOut = (error: unknown) =>
  error instanceof errors.HeadersTimeoutError ||
  error instanceof errors.BodyTimeoutError ||
  error instanceof errors.ConnectTimeoutError;
