import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { generateIdentityKeys } from '@palabre/auth';
import { EventBus } from '@palabre/messaging';
import type { JsonLogger } from '@palabre/observability';
import { Database } from '@palabre/persistence';
import { createServiceApp, type ServiceApp, type ServiceDefinition } from '@palabre/service-kit';
import { createGatewayApp } from '../gateway.app';
import { MemoryRateLimiter, RedisRateLimiter } from '../rate-limit/rate-limiter';
import { InProcessRoute } from '../routing/service-route';
import { discoverServices } from './service-discovery';

export interface EmbeddedOptions {
  logger: JsonLogger;
  /** Real PostgreSQL; PGlite under dataDir otherwise. */
  databaseUrl?: string;
  dataDir: string;
  transport?: 'postgres' | 'kafka';
  kafkaBrokers?: string;
  redisUrl?: string;
  seed: boolean;
  rateLimitPerMinute: number;
  maxBodyBytes: number;
  services?: ServiceDefinition[];
  busPollIntervalMs?: number;
}

export interface EmbeddedPlatform {
  gateway: NestExpressApplication;
  services: ServiceApp[];
  db: Database;
  bus: EventBus;
  stop(): Promise<void>;
}

/**
 * Every service, the gateway and the event bus in one process on one
 * database: what `npm start` runs and what the integration tests boot.
 */
export async function startEmbeddedPlatform(options: EmbeddedOptions): Promise<EmbeddedPlatform> {
  const { logger } = options;
  const dataDir = options.dataDir.startsWith('memory://')
    ? options.dataDir
    : join(options.dataDir, 'pglite');
  const db = await Database.open({ url: options.databaseUrl, dataDir });
  const bus = EventBus.create(db, {
    transport: options.transport ?? 'postgres',
    kafkaBrokers: options.kafkaBrokers,
    clientId: 'palabre-embedded',
    postgres: options.busPollIntervalMs ? { pollIntervalMs: options.busPollIntervalMs } : undefined,
    relay: {
      onError: (error) =>
        logger.emit('warn', 'Outbox relay failed; will retry', { error: String(error) }),
    },
  });
  const keys = generateIdentityKeys();
  const services: ServiceApp[] = [];
  try {
    await bus.start();
    for (const def of options.services ?? discoverServices()) {
      services.push(
        await createServiceApp(def, {
          db,
          bus,
          verifier: keys.verifier,
          logger,
          seed: options.seed,
        }),
      );
    }
    const limiter = options.redisUrl
      ? new RedisRateLimiter(options.redisUrl, options.rateLimitPerMinute)
      : new MemoryRateLimiter(options.rateLimitPerMinute);
    const gateway = await createGatewayApp({
      routes: services.map((s) => new InProcessRoute(s)),
      issuer: keys.issuer,
      limiter,
      logger,
      maxBodyBytes: options.maxBodyBytes,
      ready: () => bus.isReady,
    });
    return {
      gateway,
      services,
      db,
      bus,
      stop: async () => {
        await gateway.close();
        await limiter.close();
        // Relays drain inside bus.stop(), after the services stop taking requests.
        for (const s of services) await s.app.close();
        await bus.stop();
        await db.close();
      },
    };
  } catch (error) {
    await bus.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
