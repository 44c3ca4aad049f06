import { z } from 'zod';

/** Thrown when the environment does not satisfy an app's schema; names every bad variable. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: { variable: string; message: string }[],
  ) {
    super(
      `Invalid configuration for ${app}:\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates `env` against an app's schema and returns the typed result.
 * Fails fast, naming each variable, so an operator fixes all of them at once.
 */
export function loadEnv<S extends z.ZodObject<z.ZodRawShape>>(
  app: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  // `VAR=` in a shell or a manifest means "not set", not "set to nothing".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    app,
    result.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(root)',
      message: issue.message,
    })),
  );
}

/** Building blocks shared by the apps' env schemas. */
export const envFields = {
  port: z.coerce.number().int().min(1).max(65535).default(3000),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  dataDir: z.string().min(1).default('.data'),
  transport: z.enum(['postgres', 'kafka']).default('postgres'),
  kafkaBrokers: z
    .string()
    .regex(/^[^,\s]+(,[^,\s]+)*$/, 'must be a comma-separated list of host:port')
    .optional(),
  /** TLS to the brokers (a managed Kafka): "true" or "false", as the Helm chart writes it. */
  kafkaSsl: z
    .enum(['true', 'false'], { message: 'must be "true" or "false"' })
    .default('false')
    .transform((v) => v === 'true'),
  /** SASL authentication; needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. */
  kafkaSaslMechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  kafkaSaslUsername: z.string().optional(),
  kafkaSaslPassword: z.string().optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /**
   * The operations listener (/metrics, /health/* with each check): its own
   * port, never the public one (0: a free one, for tests). METRICS_HOST 127.0.0.1 keeps it on the
   * machine; 0.0.0.0 where probes and Prometheus come from elsewhere (the Helm chart).
   */
  metricsPort: z.coerce.number().int().min(0).max(65535),
  metricsHost: z.string().min(1).default('127.0.0.1'),
};

/** KAFKA_BROKERS is required once the kafka transport is chosen (a refinement for any app schema). */
export function requireKafkaBrokers(
  env: { EVENTS_TRANSPORT?: string; KAFKA_BROKERS?: string },
  ctx: z.RefinementCtx,
): void {
  if (env.EVENTS_TRANSPORT === 'kafka' && !env.KAFKA_BROKERS) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_BROKERS'],
      message: 'is required when EVENTS_TRANSPORT=kafka',
    });
  }
}

/** How a Kafka client authenticates: the variables of a managed Kafka (TLS, SASL). */
export const kafkaSecurityEnvFields = {
  KAFKA_SSL: envFields.kafkaSsl,
  KAFKA_SASL_MECHANISM: envFields.kafkaSaslMechanism,
  KAFKA_SASL_USERNAME: envFields.kafkaSaslUsername,
  KAFKA_SASL_PASSWORD: envFields.kafkaSaslPassword,
};

/**
 * A SASL mechanism needs both credentials, and credentials without a mechanism
 * would be ignored: either is a configuration error (a refinement for any app schema).
 */
export function requireKafkaSaslCredentials(
  env: {
    KAFKA_SASL_MECHANISM?: string;
    KAFKA_SASL_USERNAME?: string;
    KAFKA_SASL_PASSWORD?: string;
  },
  ctx: z.RefinementCtx,
): void {
  if (env.KAFKA_SASL_MECHANISM) {
    for (const variable of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!env[variable]) {
        ctx.addIssue({
          code: 'custom',
          path: [variable],
          message: `is required when KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}`,
        });
      }
    }
  } else if (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_MECHANISM'],
      message:
        'is required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set (plain, scram-sha-256 or scram-sha-512)',
    });
  }
}

export const kafkaSecurityEnvSchema = z
  .object(kafkaSecurityEnvFields)
  .superRefine(requireKafkaSaslCredentials);

export type KafkaSecurityEnv = z.infer<typeof kafkaSecurityEnvSchema>;

/** The variables every Palabre service reads, whatever its domain. */
export const serviceEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: envFields.port,
    /** The address the service listens on: every interface, since the gateway reaches it from another pod. */
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: envFields.databaseUrl,
    /** Connections per service process (PostgreSQL; PGlite has one session). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    PALABRE_DATA_DIR: envFields.dataDir,
    EVENTS_TRANSPORT: envFields.transport,
    KAFKA_BROKERS: envFields.kafkaBrokers,
    ...kafkaSecurityEnvFields,
    REDIS_URL: envFields.redisUrl,
    LOG_LEVEL: envFields.logLevel,
    /** This service's identity token key, derived from the gateway's secret (ADR 0030). */
    INTERNAL_TOKEN_KEY: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters (npm run internal-token-keys)')
      .optional(),
    /** Keys to call other services as this one, `callee=hex,…` (ADR 0038; newsletter only). */
    INTERNAL_CALLER_KEYS: z
      .string()
      .regex(
        /^([a-z][a-z0-9-]*=[0-9a-f]{64})(,[a-z][a-z0-9-]*=[0-9a-f]{64})*$/,
        'must be callee=<64 hex characters>,… (npm run internal-token-keys)',
      )
      .optional(),
    SMTP_URL: envFields.smtpUrl,
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_FROM: z.string().optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    /** A service alone is reached by the gateway only; set, it also listens for probes and Prometheus there. */
    METRICS_PORT: envFields.metricsPort.optional(),
    METRICS_HOST: envFields.metricsHost,
  })
  .superRefine((env, ctx) => {
    requireKafkaBrokers(env, ctx);
    requireKafkaSaslCredentials(env, ctx);
  });

export type ServiceEnv = z.infer<typeof serviceEnvSchema>;
