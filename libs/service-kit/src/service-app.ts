import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IdentityTokenVerifier } from '@palabre/auth';
import type { EventBus, OutboxRelay } from '@palabre/messaging';
import { Health, tracingMiddleware, type JsonLogger } from '@palabre/observability';
import type { Mailer } from '@palabre/mail';
import type { Database } from '@palabre/persistence';
import { ProblemFilter, sendProblem } from './problem';
import { RuntimeModule } from './runtime.module';
import type { ServiceDefinition, ServiceRuntime } from './service-definition';
import { InternalServices } from './internal-services';
import { leanRouter } from './lean-routes';
import { AcceptableTextGuard, createValidationPipe } from './validation';

export interface ServiceAppDeps {
  db: Database;
  bus: EventBus;
  verifier: IdentityTokenVerifier;
  logger: JsonLogger;
  /** Seed demo content (embedded mode). */
  seed?: boolean;
  bodyLimit?: string;
  /** Where embedded mode keeps files (generated dev secrets). */
  dataDir?: string;
  /** Transactional mail (SMTP_URL, or the embedded mail catcher). */
  mailer?: Mailer;
  /** Embedded mode: development conveniences (generated secrets, local providers). */
  embedded?: boolean;
  /** Settings the service reads (default: process.env); embedded mode adds its local providers'. */
  env?: NodeJS.ProcessEnv;
  /** Shared by the services of one process (embedded mode); default: SERVICE_URL_<NAME>. */
  internal?: InternalServices;
}

/** A running service: its HTTP handler (mounted by the gateway or listening alone) and lifecycle. */
export interface ServiceApp {
  definition: ServiceDefinition;
  app: NestExpressApplication;
  /** Every request of the service: its lean routes, then Express and Nest. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  runtime: ServiceRuntime;
  health: Health;
  /** Null for a stateless service (nothing to ship). */
  relay: OutboxRelay | null;
  openapi(): OpenAPIObject;
  close(): Promise<void>;
}

/**
 * Builds one service the same way in every mode: migrations first, then the
 * Nest app with problem+json errors, validation and the identity guard, then
 * the outbox relay. Ready only when all of that is up.
 */
export async function createServiceApp(
  def: ServiceDefinition,
  deps: ServiceAppDeps,
): Promise<ServiceApp> {
  const logger = deps.logger.child(def.name);
  const dataSource = deps.db.dataSource({
    schema: def.schema,
    entities: def.entities,
    migrations: def.migrations,
  });
  if (!def.stateless) await deps.db.migrate(dataSource, def.schema);
  const runtime: ServiceRuntime = {
    definition: def,
    db: deps.db,
    dataSource,
    bus: deps.bus,
    logger,
    dataDir: deps.dataDir,
    mailer: deps.mailer,
    embedded: deps.embedded ?? false,
    env: deps.env ?? process.env,
    internal: deps.internal ?? new InternalServices(deps.env ?? process.env),
  };
  const health = new Health();

  @Module({ imports: [RuntimeModule.forService(runtime, deps.verifier, health), def.module] })
  class ServiceRootModule {}
  Object.defineProperty(ServiceRootModule, 'name', { value: `${def.name}RootModule` });

  const app = await NestFactory.create<NestExpressApplication>(ServiceRootModule, {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  const filter = new ProblemFilter(logger);
  app.use(tracingMiddleware(def.name));
  app.use(express.json({ limit: deps.bodyLimit ?? '100kb' }));
  app.use(express.urlencoded({ extended: false, limit: deps.bodyLimit ?? '100kb' }));
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
  // After the identity guard (APP_GUARD), before any handler: no text that cannot be stored gets in.
  app.useGlobalGuards(new AcceptableTextGuard());
  // The service's own OpenAPI document, collected by the gateway into /api/docs.
  let document: OpenAPIObject | undefined;
  const openapi = () =>
    (document ??= SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(`Palabre ${def.name}`)
        .setDescription(def.description)
        .setVersion('1')
        .build(),
    ));
  app.use('/openapi.json', (_req: Request, res: Response) => void res.json(openapi()));
  app.disable('x-powered-by');
  await app.init();
  // Errors raised before Nest's router (body parsing) land here.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    sendProblem(res, filter.toProblem(err));
  });

  // Hot routes first (ADR 0016): for the gateway's calls (`handler`) and on Nest's own server.
  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  const handler = leanRouter(
    def.leanRoutes?.((type) => app.get(type, { strict: false })) ?? [],
    expressApp,
    { service: def.name, verifier: deps.verifier, toProblem: (e) => filter.toProblem(e) },
  );
  if (handler !== expressApp) {
    const server = app.getHttpServer() as import('node:http').Server;
    server.removeAllListeners('request');
    server.on('request', handler);
  }

  const relay = def.stateless ? null : await deps.bus.relay(dataSource, def.schema);
  if (deps.seed && def.seed) await def.seed(runtime);
  if (relay) {
    health.register('database', async () => (await dataSource.query('SELECT 1')).length === 1);
    health.register('relay', () => relay.isRunning);
  }

  return {
    definition: def,
    app,
    handler,
    runtime,
    health,
    relay,
    openapi,
    close: async () => {
      await relay?.stop();
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
