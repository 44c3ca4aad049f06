import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateIdentityKeys, SignerSessionSeal } from '@palabre/auth';
import { EventBus } from '@palabre/messaging';
import type { JsonLogger, Readiness } from '@palabre/observability';
import { randomBytes } from 'node:crypto';
import type { LocalFranceConnect, LocalFranceConnectOptions, NodeHandler } from '@palabre/fc-local';
import { MailCatcher, Mailer } from '@palabre/mail';
import { Database } from '@palabre/persistence';
import {
  InternalServices,
  createServiceApp,
  loopbackUrl,
  type ServiceApp,
  type ServiceDefinition,
} from '@palabre/service-kit';
import { createGatewayApp, originOf, platformReadiness } from '../gateway.app';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { InProcessRoute } from '../routing/service-route';
import type { SiteClientSeal } from '../routing/site-client';
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
  /** Tests: a known seal of visitors' addresses for web's calls back (random otherwise). */
  siteClientSeal?: SiteClientSeal;
  /** Requests waiting on one service at a time (load shedding); default 128. */
  maxInFlight?: number;
  maxBodyBytes: number;
  services?: ServiceDefinition[];
  busPollIntervalMs?: number;
  /** Real SMTP; without it a local catcher keeps the mail, readable at /dev/mail. */
  mailer?: Mailer;
  /** Settings for the services (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Where the platform listens, for the local FranceConnect's URLs
   * (http://127.0.0.1:<port>). Without it, or with FC_ISSUER set, no local provider runs.
   */
  port?: number;
  /** Development conveniences (the /dev/mail box); off in production. Default on. */
  devTools?: boolean;
}

export interface EmbeddedPlatform {
  gateway: NestFastifyApplication;
  services: ServiceApp[];
  db: Database;
  bus: EventBus;
  /** The local mail box (absent when SMTP_URL sends real mail). */
  mail?: MailCatcher;
  /** Readiness with each check, for the operations port (never the public one). */
  readiness(): Promise<Readiness>;
  /** Where the start went (bench:embedded prints it). */
  boot: BootTimings;
  stop(): Promise<void>;
}

export interface BootTimings {
  /** How PGlite's data directory began (existing, template, initdb); absent on PostgreSQL. */
  database?: string;
  /** Milliseconds since the process began at the end of each step, in order. */
  at: Record<string, number>;
  /** Milliseconds the services spent, summed over them, in each part of their start. */
  services: { migrate: number; nest: number; seed: number };
}

/**
 * Every service, the gateway and the event bus in one process on one
 * database: what `npm start` runs and what the integration tests boot.
 */
export async function startEmbeddedPlatform(options: EmbeddedOptions): Promise<EmbeddedPlatform> {
  const { logger } = options;
  const at: Record<string, number> = {};
  const mark = (step: string) => (at[step] = Math.round(performance.now()));
  mark('modules');
  const dataDir = options.dataDir.startsWith('memory://')
    ? options.dataDir
    : join(options.dataDir, 'pglite');
  const db = await Database.open({ url: options.databaseUrl, dataDir });
  mark('database');
  const bus = EventBus.create(db, {
    logger,
    transport: options.transport ?? 'postgres',
    kafkaBrokers: options.kafkaBrokers,
    clientId: 'palabre-embedded',
    postgres: options.busPollIntervalMs ? { pollIntervalMs: options.busPollIntervalMs } : undefined,
    onError: (error, where) =>
      logger.emit('warn', `Event bus ${where} failed; will retry`, { error: String(error) }),
  });
  const keys = generateIdentityKeys();
  const services: ServiceApp[] = [];
  // Real SMTP when configured; otherwise a local catcher readable at /dev/mail.
  const mail = options.mailer || options.devTools === false ? undefined : new MailCatcher();
  let mailer: Mailer | undefined = options.mailer;
  let franceConnect: Promise<LocalFranceConnect> | undefined;
  let devFranceConnect: NodeHandler | undefined;
  let env = options.env ?? process.env;
  try {
    if (options.port && !env.FC_ISSUER) {
      // FranceConnect's integration environment, played locally, with test citizens.
      // Loaded only here, and only on its first request (oidc-provider and its dependencies
      // take a second and tens of megabytes): never in production, nor on a platform where
      // nobody signs in with FranceConnect. Identity reads its discovery lazily too.
      const base = `http://127.0.0.1:${options.port}`;
      const client = {
        clientId: 'palabre-embedded',
        clientSecret: randomBytes(24).toString('base64url'),
      };
      const settings: LocalFranceConnectOptions = {
        issuer: `${base}/fc-local/api/v2`,
        clients: [
          {
            ...client,
            redirectUris: [
              `${base}/auth/franceconnect/callback`,
              `http://localhost:${options.port}/auth/franceconnect/callback`,
            ],
            postLogoutRedirectUris: [
              `${base}/auth/franceconnect/logout-callback`,
              `http://localhost:${options.port}/auth/franceconnect/logout-callback`,
            ],
          },
        ],
      };
      const started = () =>
        (franceConnect ??= import('@palabre/fc-local')
          .then(({ createLocalFranceConnect }) => createLocalFranceConnect(settings))
          .catch((error: unknown) => {
            franceConnect = undefined;
            throw error;
          }));
      devFranceConnect = (req, res, next) =>
        void started()
          .then((fc) => fc.handler(req, res, next))
          .catch((error: unknown) => next?.(error));
      env = {
        ...env,
        FC_ISSUER: settings.issuer,
        FC_CLIENT_ID: client.clientId,
        FC_CLIENT_SECRET: client.clientSecret,
      };
    }
    // Mailed links of an organization on localhost lead to the port the platform listens on.
    if (options.port && !env.LOCAL_PUBLIC_PORT)
      env = { ...env, LOCAL_PUBLIC_PORT: String(options.port) };
    if (mail) mailer = new Mailer(await mail.start(), 'Palabre <ne-pas-repondre@palabre.local>');
    mark('dev tools');
    await bus.start();
    mark('bus');
    // Identity seals signer sessions' cookies and the gateway opens them (ADR 0027); a
    // cookie sealed before a restart with another secret is looked up at identity instead.
    if (!env.SESSION_SEAL_SECRET)
      env = { ...env, SESSION_SEAL_SECRET: randomBytes(32).toString('base64url') };
    // Services call each other's internal APIs over private loopback listeners.
    const internal = new InternalServices(env);
    const definitions = options.services ?? discoverServices();
    mark('service modules');
    for (const def of definitions) {
      const service = await createServiceApp(def, {
        internal,
        db,
        bus,
        verifier: keys.verifierFor(def.name),
        serviceTokens: keys.serviceTokensFor(def.name),
        logger,
        seed: options.seed,
        mailer,
        embedded: true,
        env,
        dataDir: options.dataDir.startsWith('memory://') ? undefined : options.dataDir,
      });
      internal.registerLocal(def.name, () => loopbackUrl(service));
      services.push(service);
    }
    mark('services');
    const limiter = RateLimiter.create({
      points: options.rateLimitPerMinute,
      redisUrl: options.redisUrl,
    });
    const routes = services.map((s) => new InProcessRoute(s));
    const ready = () => bus.isReady;
    const gateway = await createGatewayApp({
      routes,
      issuer: keys.issuer,
      limiter,
      logger,
      maxBodyBytes: options.maxBodyBytes,
      maxInFlight: options.maxInFlight,
      ready,
      readiness: platformReadiness,
      devMail: mail,
      devFranceConnect,
      formActionOrigins: originOf(env.FC_ISSUER),
      siteClientSeal: options.siteClientSeal,
      signerSessionSeal: SignerSessionSeal.fromEnv(env.SESSION_SEAL_SECRET),
    });
    mark('gateway');
    const sum = (part: 'migrate' | 'nest' | 'seed') =>
      services.reduce((total, s) => total + s.bootMs[part], 0);
    return {
      gateway,
      services,
      db,
      bus,
      mail,
      readiness: () => platformReadiness({ routes, ready }),
      boot: {
        database: db.origin,
        at,
        services: { migrate: sum('migrate'), nest: sum('nest'), seed: sum('seed') },
      },
      stop: async () => {
        await gateway.close();
        await limiter.close();
        // Relays drain inside bus.stop(), after the services stop taking requests.
        for (const s of services) await s.app.close();
        await bus.stop();
        await db.close();
        mailer?.close();
        await mail?.stop();
        await (await franceConnect?.catch(() => undefined))?.close();
      },
    };
  } catch (error) {
    mailer?.close();
    await mail?.stop().catch(() => undefined);
    await bus.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
