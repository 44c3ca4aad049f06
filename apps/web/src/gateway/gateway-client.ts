import {
  Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { injectTraceHeaders } from '@palabre/observability';
import { closedWhileReused } from '@palabre/service-kit';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: IncomingHttpHeaders;
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
  errors?: { field: string; message: string }[];
}

/** Set by the gateway on the page requests it hands to web (apps/gateway/src/routing/site-client.ts). */
export const SITE_CLIENT_HEADER = 'x-palabre-site-client';

/** The gateway's seal of the visitor's address on this page request, if any. */
export function siteClientOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const v = req.headers[SITE_CLIENT_HEADER];
  return typeof v === 'string' ? v : undefined;
}

// An idle timeout on the agents lets Node close a kept-alive connection a second
// before the gateway's own idle timeout (its Keep-Alive hint), rather than reuse it
// as the gateway closes it; the rare race left is retried for reads (send).
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
const TIMEOUT_MS = 10_000;

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

  private send<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
    retried = false,
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
    injectTraceHeaders(headers);
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        { method, headers, agent: secure ? httpsAgent : agent, timeout: TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            const status = res.statusCode ?? 502;
            if (!/json/.test(String(res.headers['content-type'] ?? '')))
              return resolve({ status, headers: res.headers, body: null as T, bytes });
            let parsed: unknown = null;
            const text = bytes.toString('utf8');
            if (text) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = null;
              }
            }
            resolve({ status, headers: res.headers, body: parsed as T });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Gateway call timed out: ${method} ${path}`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the gateway closed (its idle timeout) just as this
        // request went out: nothing was answered. A read asks again once, on a new
        // connection; a write is not repeated (it may have been received).
        if (!retried && closedWhileReused(req, error) && (method === 'GET' || method === 'HEAD'))
          return void this.send<T>(method, path, body, extra, true).then(resolve, reject);
        reject(error);
      });
      req.end(payload);
    });
  }
}
