import { join } from 'node:path';
import { IdentityTokenVerifier, parseCallerKeys, ServiceTokenIssuer } from '@palabre/auth';
import { ConfigError, loadEnv, serviceEnvSchema, type ServiceEnv } from '@palabre/config';
import { mailerFromEnv } from '@palabre/mail';
import { EventBus } from '@palabre/messaging';
import { JsonLogger, listenOperations } from '@palabre/observability';
import { Database } from '@palabre/persistence';
import { createServiceApp } from './service-app';
import { onShutdown } from './shutdown';
import type { ServiceDefinition } from './service-definition';

/** The database and event bus a process uses, as its environment says. */
export async function openInfrastructure(env: ServiceEnv, clientId: string, logger: JsonLogger) {
  const db = await Database.open({
    url: env.DATABASE_URL,
    dataDir: join(env.PALABRE_DATA_DIR, 'pglite'),
    poolSize: env.DATABASE_POOL_SIZE,
  });
  const bus = EventBus.create(db, {
    logger,
    transport: env.EVENTS_TRANSPORT,
    kafkaBrokers: env.KAFKA_BROKERS,
    clientId,
    onError: (error, where) =>
      logger.emit('warn', `Event bus ${where} failed; will retry`, { error: String(error) }),
  });
  return { db, bus };
}

/** Distributed mode: one service, its own process, configured from the environment. */
export async function runStandalone(def: ServiceDefinition): Promise<void> {
  let env;
  let tokenKey: string;
  try {
    env = loadEnv(def.name, serviceEnvSchema);
    if (!env.INTERNAL_TOKEN_KEY) {
      throw new ConfigError(def.name, [
        {
          variable: 'INTERNAL_TOKEN_KEY',
          message: `is required to check the gateway's identity tokens (npm run internal-token-keys)`,
        },
      ]);
    }
    tokenKey = env.INTERNAL_TOKEN_KEY;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = new JsonLogger(def.name, env.LOG_LEVEL);
  const { db, bus } = await openInfrastructure(env, def.name, logger);
  const verifier = new IdentityTokenVerifier(def.name, tokenKey);
  const mailer = mailerFromEnv(process.env);
  const serviceTokens = new ServiceTokenIssuer(def.name, parseCallerKeys(env.INTERNAL_CALLER_KEYS));
  const service = await createServiceApp(def, { db, bus, verifier, serviceTokens, logger, mailer });
  // Fastify alone would listen on localhost only, out of the gateway's reach in a cluster.
  await service.app.listen(env.PORT, env.HOST);
  // Probes and Prometheus (the Helm chart) on a port of their own, like the gateway's.
  const ops =
    env.METRICS_PORT === undefined
      ? undefined
      : await listenOperations({
          port: env.METRICS_PORT,
          host: env.METRICS_HOST,
          readiness: () => service.health.readiness(),
        });
  logger.emit('info', `${def.name} listening on port ${env.PORT}`, {
    transport: bus.transport.name,
    database: db.kind,
    ...(ops ? { metricsPort: ops.port } : {}),
  });
  // SIGTERM: unready at once, serving through SHUTDOWN_DELAY_SECONDS; then the requests in
  // flight end, the outbox relay ships what they committed, and the connections close.
  onShutdown(async () => {
    await service.close();
    mailer?.close();
    await bus.stop();
    await db.close();
    await ops?.close();
  }, logger);
}
