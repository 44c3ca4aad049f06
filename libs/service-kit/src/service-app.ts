import { context } from '@opentelemetry/api';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyEtag from '@fastify/etag';
import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { IdentityTokenVerifier, ServiceTokenIssuer } from '@palabre/auth';
import type { EventBus, OutboxRelay } from '@palabre/messaging';
import {
  Health,
  httpRequestDuration,
  REQUEST_ROUTE,
  requestLog,
  serverSpan,
  tracingMiddleware,
  withService,
  type JsonLogger,
} from '@palabre/observability';
import type { Mailer } from '@palabre/mail';
import type { Database } from '@palabre/persistence';
import { ProblemFilter, problem, sendProblem } from './problem';
import { RuntimeModule } from './runtime.module';
import type { ServiceDefinition, ServiceRuntime } from './service-definition';
import { InternalServices } from './internal-services';
import { AcceptableTextGuard, createValidationPipe } from './validation';

export interface ServiceAppDeps {
  db: Database;
  bus: EventBus;
  verifier: IdentityTokenVerifier;
  /** The tokens this service calls others with as itself (ADR 0038), if it does. */
  serviceTokens?: ServiceTokenIssuer;
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
  app: INestApplication;
  /** Every request of the service, traced, to its Nest application. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  runtime: ServiceRuntime;
  health: Health;
  /** Null for a stateless service (nothing to ship). */
  relay: OutboxRelay | null;
  openapi(): OpenAPIObject;
  /** Milliseconds this service's start spent migrating, building its Nest app, and seeding. */
  bootMs: { migrate: number; nest: number; seed: number };
  close(): Promise<void>;
}

/**
 * Builds one service the same way in every mode: migrations first, then the
 * Nest app with problem+json errors, validation and the identity guard, then
 * the outbox relay. Ready only when all of that is up.
 */
export function createServiceApp(
  def: ServiceDefinition,
  deps: ServiceAppDeps,
): Promise<ServiceApp> {
  // Everything the service starts (relay, consumers, timers) runs in a context that names
  // it: their spans say which service they belong to, in embedded mode too.
  return context.with(withService(context.active(), def.name), () => buildServiceApp(def, deps));
}

async function buildServiceApp(def: ServiceDefinition, deps: ServiceAppDeps): Promise<ServiceApp> {
  const logger = deps.logger.child(def.name);
  const dataSource = deps.db.dataSource({
    schema: def.schema,
    entities: def.entities,
    migrations: def.migrations,
  });
  let mark = performance.now();
  const lap = () => {
    const from = mark;
    mark = performance.now();
    return Math.round(mark - from);
  };
  if (!def.stateless) await deps.db.migrate(dataSource, def.schema);
  const migrateMs = lap();
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
    serviceTokens: deps.serviceTokens,
  };
  const health = new Health();

  @Module({ imports: [RuntimeModule.forService(runtime, deps.verifier, health), def.module] })
  class ServiceRootModule {}
  Object.defineProperty(ServiceRootModule, 'name', { value: `${def.name}RootModule` });

  const bodyLimit = deps.bodyLimit ?? def.bodyLimit;
  const filter = new ProblemFilter(logger, parseSize(bodyLimit ?? '100kb'));
  const built = await fastifyApp(ServiceRootModule, { name: def.name, logger, bodyLimit });
  const { app, route: handler } = built;
  app.useGlobalFilters(filter);
  app.useGlobalPipes(createValidationPipe());
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
  built.openapiAt('/openapi.json', openapi);
  await app.init();
  await built.ready();

  const relay = def.stateless ? null : await deps.bus.relay(dataSource, def.schema);
  const nestMs = lap();
  if (deps.seed && def.seed) await def.seed(runtime);
  const seedMs = lap();
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
    bootMs: { migrate: migrateMs, nest: nestMs, seed: seedMs },
    close: async () => {
      // The requests in flight first (each may commit outbox rows), then the relay ships
      // everything committed (its drain) before the connections go.
      await app.close();
      await relay?.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A service's Nest application on an HTTP adapter, and how a raw request reaches it. */
interface BuiltApp {
  app: INestApplication;
  /** Hands one request to the application (traced), as its own server does. */
  route: Handler;
  /** Serves the OpenAPI document at `path` (outside Nest's routes and guard). */
  openapiAt(path: string, document: () => OpenAPIObject): void;
  /** After `app.init()`: the adapter has every route and plugin. */
  ready(): Promise<void>;
}

interface BuildOptions {
  name: string;
  logger: JsonLogger;
  /** "100kb" (the default), "1mb" or a number of bytes. */
  bodyLimit?: string;
}

/**
 * Nest on Fastify (ADR 0021): the framework costs about what bare Node does.
 * JSON and form bodies (a browser's form post) up to the service's limit,
 * weak ETags and 304s as Express gave them, cookies for identity's sessions
 * and the site's; errors Fastify raises before Nest (a body too large or
 * malformed) become the same problem+json as every other. The application
 * and the traced handler its server and the embedded gateway hand requests to.
 */
export async function createFastifyApp(
  module: Type<unknown>,
  { name, logger, bodyLimit }: BuildOptions,
): Promise<{ app: NestFastifyApplication; handler: Handler }> {
  const trace = tracingMiddleware(name);
  const log = requestLog(logger);
  let fastifyHandler: Handler = (_req, res) => void res.writeHead(503).end();
  const handler: Handler = (req, res) =>
    trace(req, res, () => {
      log(req, res);
      fastifyHandler(req, res);
    });
  const adapter = new FastifyAdapter({
    bodyLimit: parseSize(bodyLimit ?? '100kb'),
    // As Express routed them: `/spaces/` is `/spaces`.
    routerOptions: { ignoreTrailingSlash: true },
    // A path whose percent-encoding does not decode (400), or with a parameter past
    // maxParamLength (414), is refused by the router before Nest: problem+json too.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, {
        ...problem(error.statusCode ?? 400, error.message),
        instance: req.url.split('?')[0],
      }),
    // The service's own server and the gateway hand requests to the same traced handler.
    serverFactory: (h: Handler) => {
      fastifyHandler = h;
      return createServer(handler);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger,
    abortOnError: false,
  });
  await app.register(fastifyEtag, { weak: true });
  await app.register(fastifyCookie);
  // Routed: the span is named by the route's template (/surveys/:id, never an id), and
  // palabre_http_request_duration_seconds gets that template as its route label.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (route)
      (request.raw as FastifyRequest['raw'] & { [REQUEST_ROUTE]?: string })[REQUEST_ROUTE] = route;
    const span = serverSpan(request.raw);
    // No route (a 404): the method alone, as OpenTelemetry's conventions name it.
    span?.updateName(route ? `${request.method} ${route}` : request.method);
    if (route) span?.setAttribute('http.route', route);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpRequestDuration.observe(
      {
        service: name,
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  return { app, handler };
}

async function fastifyApp(module: Type<unknown>, options: BuildOptions): Promise<BuiltApp> {
  const { app, handler } = await createFastifyApp(module, options);
  const fastify = app.getHttpAdapter().getInstance();
  return {
    app,
    route: handler,
    openapiAt: (path, document) => fastify.get(path, (_req, reply) => void reply.send(document())),
    ready: async () => {
      await fastify.ready();
    },
  };
}

/** "100kb", "1mb" or a number of bytes, as the Express body parser took them. */
function parseSize(size: string): number {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(size.trim());
  if (!m) throw new Error(`Invalid body limit "${size}"`);
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}
