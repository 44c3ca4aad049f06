import { createServer, type ClientRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import { injectClientTraceHeaders } from '@palabre/observability';

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

/**
 * The one HTTP client of the platform's outgoing calls (undici): internal
 * calls between services, the gateway's JSON calls, FranceConnect. Kept-alive
 * connections (64 per origin) stay open 30 s when idle, or until a second
 * before the other side's Keep-Alive hint, so that they are not reused as the
 * other side closes them (callJson asks again for the rest).
 */
export const httpClient = new Agent({
  connections: 64,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 30_000,
  keepAliveTimeoutThreshold: 1_000,
  connect: { timeout: 5_000 },
});

/**
 * node:http's client: the request went out on a kept-alive connection the
 * other side closed at that moment (its idle timeout): nothing was answered,
 * and a question may be asked again once on a fresh connection.
 */
export function closedWhileReused(req: ClientRequest, error: NodeJS.ErrnoException): boolean {
  return req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
}

/**
 * The same for undici: the connection was closed or reset before any answer
 * came, on a socket that had carried answers before (undici's SocketError says
 * what the socket had read); a bare reset (no socket information) counts too.
 */
function closedBeforeAnswer(error: unknown): boolean {
  const e = error as { code?: string; socket?: { bytesRead?: number } };
  if (e?.code === 'UND_ERR_SOCKET') return (e.socket?.bytesRead ?? 0) > 0;
  return e?.code === 'ECONNRESET' || e?.code === 'EPIPE';
}

/**
 * One JSON request to a service's base URL; a `body` is sent as JSON. Refused,
 * timed out (no answer within `timeoutMs`) or not JSON: rejected.
 */
export async function callJson<T = unknown>(
  url: string,
  method: string,
  extra: Record<string, string> = {},
  body?: unknown,
  timeoutMs = 5_000,
): Promise<InternalResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  injectClientTraceHeaders(headers);
  const options = {
    dispatcher: httpClient,
    method: method as Dispatcher.HttpMethod,
    headers,
    body: payload,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  };
  let res: Dispatcher.ResponseData;
  try {
    res = await request(url, options);
  } catch (error) {
    // A kept-alive connection the other side closed just as this request went out:
    // nothing was answered, so ask again once on a fresh connection (internal calls
    // are questions: authorize, lookups).
    if (!closedBeforeAnswer(error)) throw error;
    res = await request(url, options);
  }
  const text = await res.body.text();
  return {
    status: res.statusCode,
    body: (text ? JSON.parse(text) : null) as T,
    headers: res.headers as IncomingHttpHeaders,
  };
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
