import { z } from 'zod';
import { loadEnv } from '@palabre/config';

export const publicOriginEnvSchema = z.object({
  /**
   * The port in the mailed links of an organization whose primary host is
   * localhost or 127.0.0.1 (development: `npm start`, deploy/local):
   * http://localhost:<port>. Embedded mode sets it to the port it listens on.
   */
  LOCAL_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1']);

/**
 * Where an organization's mailed links lead (confirmation, password reset,
 * notifications): https://<its primary host>, the first host it was given.
 * Never the request's Host header or port, which the sender of the request
 * chooses. A loopback host (a developer's platform, never reached from
 * another machine) gets http and LOCAL_PUBLIC_PORT instead.
 */
export class PublicOrigin {
  constructor(readonly localPort?: number) {}

  static load(env: NodeJS.ProcessEnv): PublicOrigin {
    return new PublicOrigin(loadEnv('identity', publicOriginEnvSchema, env).LOCAL_PUBLIC_PORT);
  }

  of(primaryHost: string): string {
    const host = primaryHost.toLowerCase();
    if (LOOPBACK.has(host)) return `http://${host}${this.localPort ? `:${this.localPort}` : ''}`;
    return `https://${host}`;
  }
}
