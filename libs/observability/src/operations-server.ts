import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStopping } from './health';
import { metricsRegistry } from './metrics';

export interface Readiness {
  ready: boolean;
  /** Each check's result, by name: for operators, never for the public. */
  checks: Record<string, boolean>;
  /**
   * States reported beside the checks that do not decide readiness (e.g. the
   * services behind a distributed gateway): for operators, never for the public.
   */
  details?: Record<string, boolean>;
}

export interface OperationsListenerOptions {
  /** METRICS_PORT; 0 picks a free port (tests). */
  port: number;
  /** METRICS_HOST: 127.0.0.1 by default, 0.0.0.0 where probes and Prometheus come from other machines. */
  host: string;
  readiness: () => Promise<Readiness>;
  /** Whether the process began to stop; then /health/ready answers 503 at once. Default: isStopping(). */
  stopping?: () => boolean;
}

export interface OperationsListener {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const json = (status: number, body: unknown) => ({
  status,
  type: 'application/json',
  body: JSON.stringify(body),
});

/**
 * The operations listener, on its own port: /metrics for Prometheus,
 * /health/live and /health/ready (with each check's result) for the probes;
 * readiness turns 503 as soon as the process begins to stop (markStopping).
 * It is never the public entry point: the gateway's public port answers
 * /health/* with a bare ok / not ok and has no /metrics, on any host.
 */
export async function listenOperations(
  options: OperationsListenerOptions,
): Promise<OperationsListener> {
  const stopping = options.stopping ?? isStopping;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { status: 'GET only' });
      if (path === '/metrics')
        return {
          status: 200,
          type: metricsRegistry.contentType,
          body: await metricsRegistry.metrics(),
        };
      if (path === '/health/live') return json(200, { status: 'ok' });
      if (path === '/health/ready') {
        // Stopping (SIGTERM): out of the load balancer now, without asking the checks.
        if (stopping()) return json(503, { status: 'unavailable', stopping: true, checks: {} });
        const r = await options.readiness();
        return json(r.ready ? 200 : 503, {
          status: r.ready ? 'ok' : 'unavailable',
          checks: r.checks,
          ...(r.details ? { details: r.details } : {}),
        });
      }
      return json(404, {
        status: 'not found',
        paths: ['/metrics', '/health/live', '/health/ready'],
      });
    };
    answer().then(
      ({ status, type, body }) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
