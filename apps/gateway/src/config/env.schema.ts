import { z } from 'zod';
import {
  envFields,
  kafkaSecurityEnvFields,
  requireKafkaBrokers,
  requireKafkaSaslCredentials,
} from '@palabre/config';

/** Every variable the gateway reads. SERVICE_URL_<NAME> entries are read separately (one per service). */
export const gatewayEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: envFields.port,
    HOST: z.string().default('0.0.0.0'),
    /** /metrics and readiness with each check: on this port only, never on PORT. */
    METRICS_PORT: envFields.metricsPort.default(9464),
    METRICS_HOST: envFields.metricsHost,
    /** embedded: every service in this process; distributed: proxy to SERVICE_URL_<NAME>. */
    GATEWAY_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
    DATABASE_URL: envFields.databaseUrl,
    PALABRE_DATA_DIR: envFields.dataDir,
    EVENTS_TRANSPORT: envFields.transport,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    ...kafkaSecurityEnvFields,
    REDIS_URL: envFields.redisUrl,
    SMTP_URL: envFields.smtpUrl,
    SMTP_HOST: z.string().optional(),
    LOG_LEVEL: envFields.logLevel,
    /** The gateway's only: each service's token key is derived from it (ADR 0030). */
    INTERNAL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Shared with identity only: signer cookies sealed with it are read without a lookup (ADR 0027). */
    SESSION_SEAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Requests per minute per client address (rate-limiter-flexible: Redis with REDIS_URL, else memory). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Requests one gateway process lets wait on one service; beyond, 503 + Retry-After (load shedding). */
    GATEWAY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(128),
    // Each service keeps its own, smaller limit (100 kB unless its definition says: a
    // sortition's pool of 30,000 volunteers is about 1 MB of CSV).
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(4_194_304),
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    SEED_DEMO: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.GATEWAY_MODE === 'distributed' && !env.INTERNAL_TOKEN_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['INTERNAL_TOKEN_SECRET'],
        message: 'is required in distributed mode',
      });
    }
    if (env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'must differ from PORT: the public port never serves metrics',
      });
    }
    requireKafkaBrokers(env, ctx);
    requireKafkaSaslCredentials(env, ctx);
  });

export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** SERVICE_URL_IDENTITY=http://identity:3000 → { identity: 'http://identity:3000' } */
export function serviceUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const m = /^SERVICE_URL_([A-Z0-9_]+)$/.exec(k);
    const name = m?.[1].toLowerCase().replace(/_/g, '-');
    // The gateway is not behind itself; `web` (the site) is routed pages, not /api.
    if (name && v && name !== 'gateway') out[name] = v.replace(/\/$/, '');
  }
  return out;
}
