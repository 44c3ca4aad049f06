import {
  Agent,
  createServer,
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { injectTraceHeaders } from '@palabre/observability';

export interface InternalResponse<T = unknown> {
  status: number;
  body: T;
  headers: IncomingHttpHeaders;
}

/** The other service could not be reached (no address known, refused, timed out, not JSON). */
export class ServiceUnreachableError extends Error {
  constructor(
    readonly service: string,
    reason: string,
  ) {
    super(`Service ${service} is unreachable: ${reason}`);
  }
}

// Internal calls reuse their connections (node:http: cheaper per call than fetch).
// With an idle timeout, Node closes a kept connection a second before the other
// side's Keep-Alive hint instead of reusing it as it is closed (callJson retries the rest).
const agent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16, timeout: 30_000 });
const httpsAgent = new HttpsAgent({
  keepAlive: true,
  maxSockets: 64,
  maxFreeSockets: 16,
  timeout: 30_000,
});

/**
 * The request went out on a kept-alive connection the other side closed at that
 * moment (its idle timeout): nothing was answered, and a question may be asked
 * again once on a fresh connection.
 */
export function closedWhileReused(req: ClientRequest, error: NodeJS.ErrnoException): boolean {
  return req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/** One JSON request to a service's base URL; a `body` is sent as JSON. */
export function callJson<T = unknown>(
  url: string,
  method: string,
  extra: Record<string, string> = {},
  body?: unknown,
  timeoutMs = 5_000,
  retried = false,
): Promise<InternalResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  injectTraceHeaders(headers);
  const https = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method, headers, agent: https ? httpsAgent : agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: (text ? JSON.parse(text) : null) as T,
              headers: res.headers,
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the other side closed just as this request went out:
      // nothing was answered, so ask again once on a fresh connection (internal calls
      // are questions: authorize, lookups).
      if (!retried && closedWhileReused(req, error))
        return void callJson<T>(url, method, extra, body, timeoutMs, true).then(resolve, reject);
      reject(error);
    });
    req.end(payload);
  });
}

const loopbacks = new WeakMap<object, Promise<string>>();

/**
 * A private listener on 127.0.0.1 for a service running in this process
 * (embedded mode), so internal calls take the same HTTP path as between pods.
 * Started on first use; closed with the service's own server.
 */
export function loopbackUrl(service: {
  handler: Parameters<typeof createServer>[1];
  app: { getHttpServer(): Server };
}): Promise<string> {
  let url = loopbacks.get(service);
  if (!url) {
    url = new Promise((resolve, reject) => {
      const server = createServer(service.handler);
      server.on('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.unref();
        service.app.getHttpServer().on('close', () => server.close());
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      });
    });
    loopbacks.set(service, url);
  }
  return url;
}

const envName = (service: string) => `SERVICE_URL_${service.toUpperCase().replace(/-/g, '_')}`;

/**
 * How one service calls another's internal API: a service of the same
 * process (embedded mode, registered by the platform), else
 * SERVICE_URL_<NAME> (distributed mode, e.g. SERVICE_URL_SPACES). The caller
 * forwards the person's identity token when the answer is about that person.
 */
export class InternalServices {
  private readonly local = new Map<string, () => Promise<string>>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Embedded platform: `name` runs in this process, reached at `url()`. */
  registerLocal(name: string, url: () => Promise<string>): void {
    this.local.set(name, url);
  }

  /** Whether this deployment knows where `name` is (in this process, or configured). */
  has(name: string): boolean {
    return this.local.has(name) || Boolean(this.env[envName(name)]?.trim());
  }

  /** The service's base URL, or null when this deployment does not know it. */
  async url(name: string): Promise<string | null> {
    const local = this.local.get(name);
    if (local) return local();
    const configured = this.env[envName(name)]?.trim();
    return configured ? configured.replace(/\/$/, '') : null;
  }

  async call<T = unknown>(
    service: string,
    method: 'GET' | 'POST',
    path: string,
    options: { headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
  ): Promise<InternalResponse<T>> {
    const base = await this.url(service);
    if (!base) throw new ServiceUnreachableError(service, 'no address configured');
    try {
      return await callJson<T>(
        `${base}${path}`,
        method,
        options.headers,
        options.body,
        options.timeoutMs,
      );
    } catch (error) {
      throw new ServiceUnreachableError(service, (error as Error).message);
    }
  }
}
