import { z } from 'zod';
import { envFields } from '@palabre/config';

/** Every variable the web app reads. */
export const webEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: envFields.port,
  LOG_LEVEL: envFields.logLevel,
  /**
   * The gateway's public API, e.g. http://gateway:3000. Required when web runs
   * alone (distributed); in embedded mode, the gateway that handed over the request.
   */
  GATEWAY_URL: z.string().url().optional(),
  /** Set, web also listens there for probes and Prometheus (/metrics, /health/*). */
  METRICS_PORT: envFields.metricsPort.optional(),
  METRICS_HOST: envFields.metricsHost,
});

export type WebEnv = z.infer<typeof webEnvSchema>;

export const WEB_CONFIG = Symbol('WEB_CONFIG');

export interface WebConfig {
  gatewayUrl?: string;
}
