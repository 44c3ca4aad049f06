import { setFlagsFromString } from 'node:v8';
import { IdentityTokenIssuer, SignerSessionSeal } from '@palabre/auth';
import { loadEnv } from '@palabre/config';
import { mailerFromEnv } from '@palabre/mail';
import { JsonLogger, listenOperations } from '@palabre/observability';
import { onShutdown } from '@palabre/service-kit';
import { gatewayEnvSchema, serviceUrls, type GatewayEnv } from './config/env.schema';
import { createGatewayApp, gatewayReadiness, originOf } from './gateway.app';
import { RateLimiter } from './rate-limit/rate-limiter';
import { HttpRoute } from './routing/service-route';
import { SiteClientSeal } from './routing/site-client';

export async function start(): Promise<void> {
  const started = Date.now();
  let env: GatewayEnv;
  try {
    env = loadEnv('gateway', gatewayEnvSchema);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = new JsonLogger('gateway', env.LOG_LEVEL);

  if (env.GATEWAY_MODE === 'embedded') {
    // Every service and the development tools (local FranceConnect, mail catcher) load
    // in embedded mode only; a distributed gateway's process never holds them.
    const { startEmbeddedPlatform } = await import('./embedded/embedded-platform');
    const platform = await startEmbeddedPlatform({
      logger,
      databaseUrl: env.DATABASE_URL,
      dataDir: env.PALABRE_DATA_DIR,
      transport: env.EVENTS_TRANSPORT,
      kafkaBrokers: env.KAFKA_BROKERS,
      redisUrl: env.REDIS_URL,
      seed: env.SEED_DEMO,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      maxInFlight: env.GATEWAY_MAX_IN_FLIGHT,
      maxBodyBytes: env.MAX_BODY_BYTES,
      mailer: mailerFromEnv(process.env),
      // The local FranceConnect (anyone may sign in as a test citizen) and the mail box
      // (which shows every token mailed) are development tools: never in production.
      port: env.NODE_ENV === 'production' ? undefined : env.PORT,
      devTools: env.NODE_ENV !== 'production',
    });
    await platform.gateway.listen(env.PORT, env.HOST);
    // Metrics and readiness details: their own port, never the public one (METRICS_PORT).
    const ops = await listenOperations({
      port: env.METRICS_PORT,
      host: env.METRICS_HOST,
      readiness: () => platform.readiness(),
    });
    logger.emit(
      'info',
      `Palabre is ready on http://localhost:${env.PORT} (embedded, ${Date.now() - started} ms)`,
      {
        metrics: `http://${env.METRICS_HOST}:${ops.port}/metrics`,
        services: platform.services.map((s) => s.definition.name),
        database: platform.db.kind,
        transport: platform.bus.transport.name,
        boot: {
          ...platform.boot,
          at: { ...platform.boot.at, listening: Math.round(performance.now()) },
        },
      },
    );
    // Started, V8 now favours memory over speed when it sizes and collects its heap: the
    // idle platform holds about 40 MB less (ADR 0025). Given at launch, the flag made a
    // cold start take half as much CPU again.
    setFlagsFromString('--optimize-for-size');
    onShutdown(async () => {
      await ops.close();
      await platform.stop();
    }, logger);
    return;
  }

  const tokenSecret = env.INTERNAL_TOKEN_SECRET;
  if (!tokenSecret) throw new Error('INTERNAL_TOKEN_SECRET is required in distributed mode');
  const urls = serviceUrls(process.env);
  // Shared by the replicas through Redis when REDIS_URL is set; each replica's own otherwise.
  const limiter = RateLimiter.create({
    points: env.RATE_LIMIT_PER_MINUTE,
    redisUrl: env.REDIS_URL,
  });
  const routes = Object.entries(urls).map(([name, url]) => new HttpRoute(name, url));
  // Ready once listening, until SIGTERM: a service that is down does not make the gateway
  // unready (its routes answer 503), it shows in the details of the operations port.
  let listening = false;
  const ready = () => listening;
  const app = await createGatewayApp({
    routes,
    ready,
    issuer: new IdentityTokenIssuer(tokenSecret),
    limiter,
    logger,
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxInFlight: env.GATEWAY_MAX_IN_FLIGHT,
    trustProxy: env.TRUST_PROXY,
    formActionOrigins: originOf(process.env.FC_ISSUER),
    siteClientSeal: SiteClientSeal.fromSecret(tokenSecret),
    signerSessionSeal: SignerSessionSeal.fromEnv(env.SESSION_SEAL_SECRET),
  });
  await app.listen(env.PORT, env.HOST);
  listening = true;
  const ops = await listenOperations({
    port: env.METRICS_PORT,
    host: env.METRICS_HOST,
    readiness: () => gatewayReadiness({ routes, ready }),
  });
  logger.emit('info', `Gateway listening on port ${env.PORT} (distributed)`, {
    metricsPort: ops.port,
    services: Object.keys(urls),
    rateLimitStore: limiter.store,
  });
  // SIGTERM: unready at once, serving through SHUTDOWN_DELAY_SECONDS, then the requests
  // in flight end and the listeners close.
  onShutdown(async () => {
    await app.close();
    await ops.close();
    await limiter.close();
  }, logger);
}
