import { z } from 'zod';
import { loadEnv } from '@palabre/config';
import { markStopping, stopTracing, type JsonLogger } from '@palabre/observability';

/** What a process reads about how it stops. */
export const shutdownEnvSchema = z.object({
  /**
   * Seconds between SIGTERM and closing (0-300; 0): readiness already answers
   * 503, so load balancers take the pod out, while the requests that still
   * reach it are served. The Helm chart sets it (`shutdown.delaySeconds`).
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().int().min(0).max(300).default(0),
});

export interface ShutdownOptions {
  /** The pause after SIGTERM, in milliseconds; default SHUTDOWN_DELAY_SECONDS. */
  delayMs?: number;
}

/**
 * Stops the process gracefully, once:
 * - SIGTERM (Kubernetes, `docker stop`): readiness turns false at once
 *   (markStopping), the process keeps serving for the pause, then `stop`
 *   closes it (requests in flight, then the outbox relay's drain) and exits 0;
 * - SIGINT (Ctrl-C): the same without the pause;
 * - a second signal exits at once (1).
 * Reads SHUTDOWN_DELAY_SECONDS when called: a bad value refuses to start.
 */
export function onShutdown(
  stop: () => Promise<void>,
  logger: JsonLogger,
  options: ShutdownOptions = {},
): void {
  const delayMs =
    options.delayMs ?? loadEnv('shutdown', shutdownEnvSchema).SHUTDOWN_DELAY_SECONDS * 1000;
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    markStopping();
    const pause = signal === 'SIGTERM' ? delayMs : 0;
    logger.emit('info', `Received ${signal}, shutting down`, { pauseMs: pause });
    new Promise((resolve) => setTimeout(resolve, pause))
      .then(stop)
      // The spans still buffered leave last (the stop's own included); an unreachable
      // collector loses them, it does not fail the stop.
      .then(() => stopTracing().catch(() => undefined))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.emit('error', 'Shutdown failed', { error: String(error) });
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
