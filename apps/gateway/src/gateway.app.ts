import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Catch,
  Controller,
  Get,
  Inject,
  Module,
  NotFoundException,
  Param,
  Res,
  type ArgumentsHost,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { request } from 'undici';
import {
  CLIENT_ADDRESS_HEADER,
  IDENTITY_HEADER,
  type IdentityTokenIssuer,
  type SignerSessionSeal,
} from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import type { MailCatcher } from '@palabre/mail';
import {
  httpRequestDuration,
  injectTraceHeaders,
  serverSpan,
  tracingMiddleware,
  requestLog,
  REQUEST_ROUTE,
  isStopping,
  type JsonLogger,
  type Readiness,
} from '@palabre/observability';
import {
  ProblemFilter,
  httpClient,
  problem,
  sendProblem,
  type Problem,
} from '@palabre/service-kit';
import { aggregateOpenApi } from './openapi/aggregate';
import {
  crossSitePage,
  homePage,
  mailboxPage,
  notFoundPage,
  unknownOrganizationPage,
} from './pages/pages';
import type { RateLimiter } from './rate-limit/rate-limiter';
import { SITE_CLIENT_HEADER, SiteClientSeal } from './routing/site-client';
import { PublicResponseCache } from './routing/public-cache';
import { acceptableApiBody, crossSiteWrite } from './routing/write-guard';
import {
  Admission,
  DEFAULT_MAX_IN_FLIGHT,
  writeProblem,
  type ServiceRoute,
} from './routing/service-route';
import { OrganizationResolver, type ResolvedOrganization } from './tenancy/organization-resolver';
import {
  SESSION_COOKIE,
  SessionResolver,
  readCookie,
  type ResolvedSession,
} from './tenancy/session-resolver';
import { SignerRevocations } from './tenancy/signer-revocations';

export interface GatewayOptions {
  routes: ServiceRoute[];
  issuer: IdentityTokenIssuer;
  limiter: RateLimiter;
  logger: JsonLogger;
  maxBodyBytes: number;
  /** Requests waiting on one service at a time; beyond, 503 + Retry-After. */
  maxInFlight?: number;
  trustProxy?: number;
  /**
   * Origins a form may be redirected to besides this site: FranceConnect's,
   * for the 303 of a FranceConnect sign-out to its end_session_endpoint
   * (browsers apply CSP `form-action` to the redirects of a form post).
   */
  formActionOrigins?: string[];
  /** Seals the visitor's address for web's API calls (replicas must share it); random by default. */
  siteClientSeal?: SiteClientSeal;
  /**
   * Opens signer sessions' sealed cookies (identity seals them with the same
   * SESSION_SEAL_SECRET, ADR 0027); none: every session is looked up.
   */
  signerSessionSeal?: SignerSessionSeal;
  /** Extra readiness conditions (e.g. the embedded platform finished starting). */
  ready?: () => boolean;
  /** How readiness is judged: gatewayReadiness (distributed, the default) or platformReadiness (embedded). */
  readiness?: typeof gatewayReadiness;
  /** Embedded mode's mail box, shown at /dev/mail. */
  devMail?: MailCatcher;
  /** Embedded mode's local FranceConnect, served under /fc-local. */
  devFranceConnect?: (
    req: IncomingMessage,
    res: ServerResponse,
    next?: (err?: unknown) => void,
  ) => void;
}

/** What the gateway's request hooks learn about a request, for its routes. */
type GatewayRequest = FastifyRequest & {
  organization: ResolvedOrganization | null;
  requestId: string;
  /** The `route` label of the request's metrics: the service, health or site. */
  metricRoute: string;
};

const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
const RESERVED = new Set(['docs']);
/** The service that renders the site's pages; it is not an API under /api. */
export const SITE_SERVICE = 'web';
/** Paths the gateway and the services answer; every other path is a page of the site. */
const NOT_SITE = /^\/(api|auth|health|metrics|fc-local|dev)(\/|$)/;
const HEALTH = /^\/health(\/|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The one kind of page another site may show in an <iframe>: a space's
 * embeddable card (read-only, no form). Every other response keeps
 * frame-ancestors 'self' and X-Frame-Options: SAMEORIGIN (clickjacking).
 */
export const FRAMEABLE_PAGE = /^\/spaces\/[a-z0-9]+(-[a-z0-9]+)*\/card\/?$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The caller's address: the socket peer, or the Nth address from the right of X-Forwarded-For behind N trusted proxies. */
export function clientIp(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const chain = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - trustedProxies] ?? chain[0] ?? peer;
}

const wantsHtml = (req: IncomingMessage) => (req.headers.accept ?? '').includes('text/html');
const pathOf = (url: string | undefined) => {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q < 0 ? u : u.slice(0, q);
};

/** Problem+json for API clients; a helpful page for a browser that lands on a missing page. */
@Catch()
class SitePageFilter extends ProblemFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const path = pathOf(req.url);
    if (exception instanceof NotFoundException && wantsHtml(req.raw) && !path.startsWith('/api/')) {
      return void reply.status(404).type('text/html; charset=utf-8').send(notFoundPage(path));
    }
    super.catch(exception, host);
  }
}

@Controller()
class GatewayController {
  /** The services' documents gathered into one, a minute at a time. */
  private readonly docs = new BoundedCache<OpenAPIObject>({ max: 1, ttlMs: 60_000 });

  constructor(@Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Ok or not, nothing more: which service is down is for operators (the operations port). */
  @Get('health/ready')
  async ready(@Res() reply: FastifyReply) {
    const { ready } = await (this.options.readiness ?? gatewayReadiness)(this.options);
    reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable' });
  }

  @Get('dev/mail')
  mailbox(@Res() reply: FastifyReply) {
    if (!this.options.devMail)
      throw new NotFoundException('No local mail box: mail goes out over SMTP');
    reply.type('text/html; charset=utf-8').send(mailboxPage(this.options.devMail.list()));
  }

  /**
   * A caught mail's HTML part, as a mail client would show it: nothing of it
   * runs (no script, no form, no frame), images over https only.
   */
  @Get('dev/mail/:id/html')
  mailHtml(@Param('id') id: string, @Res() reply: FastifyReply) {
    const mail = this.options.devMail?.list().find((m) => String(m.id) === id);
    if (!mail?.html) throw new NotFoundException('No such mail, or it has no HTML part');
    reply
      .type('text/html; charset=utf-8')
      .header(
        'Content-Security-Policy',
        "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'; sandbox allow-popups allow-popups-to-escape-sandbox",
      )
      .send(mail.html);
  }

  @Get('api/docs/openapi.json')
  openapi() {
    return this.docs.fetch('openapi', () =>
      aggregateOpenApi(this.options.routes.filter((r) => r.name !== SITE_SERVICE)),
    );
  }
}

/** How long the gateway waits for each service's readiness, all asked at once. */
export const SERVICE_CHECK_TIMEOUT_MS = 500;

/** Each service's readiness, asked concurrently; one that does not answer within `timeoutMs` is false. */
async function serviceStates(
  routes: readonly ServiceRoute[],
  timeoutMs: number,
): Promise<Record<string, boolean>> {
  const states = await Promise.all(
    routes.map(async (route) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return [route.name, await Promise.race([route.ready(timeoutMs).catch(() => false), late])];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(states) as Record<string, boolean>;
}

/**
 * A distributed gateway's readiness: whether it can serve itself (started,
 * not stopping). A service that is down answers 503 on its own routes but does
 * not take the whole site out of the load balancer; the services' states are
 * reported as details, asked concurrently within a short timeout. Served as is
 * on the operations port (METRICS_PORT); the public port says ok or not only.
 */
export async function gatewayReadiness(
  options: Pick<GatewayOptions, 'routes' | 'ready'>,
  timeoutMs = SERVICE_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const gateway = (options.ready?.() ?? true) && !isStopping();
  return {
    ready: gateway,
    checks: { gateway },
    details: await serviceStates(options.routes, timeoutMs),
  };
}

/**
 * The embedded platform's readiness: every service runs in this process, so
 * the platform is ready when it started and each of them is (asked concurrently).
 */
export async function platformReadiness(
  options: Pick<GatewayOptions, 'routes' | 'ready'>,
  timeoutMs = SERVICE_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const checks: Record<string, boolean> = {
    platform: (options.ready?.() ?? true) && !isStopping(),
    ...(await serviceStates(options.routes, timeoutMs)),
  };
  return { ready: Object.values(checks).every(Boolean), checks };
}

/** The origin of a URL setting (e.g. FC_ISSUER), as a list for CSP; empty when unset or invalid. */
export function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

/** Takes the answer over from Fastify and writes `p` on the raw response. */
function refuse(reply: FastifyReply, p: Problem): void {
  reply.hijack();
  writeProblem(reply.raw, p);
}

/** Takes the answer over from Fastify and writes an HTML page on the raw response. */
function page(reply: FastifyReply, status: number, html: string): void {
  reply.hijack();
  const res = reply.raw;
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html);
}

/**
 * The one public entry, Nest on Fastify (ADR 0024). Its request hooks, in
 * order: answer a fresh public copy from the cache, trace, serve the local
 * FranceConnect (embedded mode), set the request id, set security headers,
 * limit rates per client address, resolve the organization from the Host
 * header. Its routes then turn the caller into a short-lived signed identity
 * token and hand /api/<service>/... to the service, /auth to identity and
 * every other page to the site: in this process (embedded) or over HTTP
 * (distributed), the body streamed, never parsed here.
 */
export async function createGatewayApp(options: GatewayOptions): Promise<NestFastifyApplication> {
  const { logger, routes } = options;
  const site = routes.find((r) => r.name === SITE_SERVICE);
  const byName = new Map(routes.filter((r) => r !== site).map((r) => [r.name, r]));
  const identity = byName.get('identity');
  const resolver = new OrganizationResolver(identity);
  const sessions = new SessionResolver(identity);
  const seal = options.signerSessionSeal;
  const revocations = seal && identity ? new SignerRevocations(identity) : undefined;
  if (seal && revocations) sessions.readSealedSigners(seal, revocations);
  const siteClients = options.siteClientSeal ?? SiteClientSeal.random();
  // Web's calls back for a visitor count against the visitor's address, not web's (site-client.ts).
  const visitorIp = (req: IncomingMessage) =>
    siteClients.open(req.headers[SITE_CLIENT_HEADER]) ?? clientIp(req, options.trustProxy ?? 0);

  // Swagger UI needs inline scripts; every other response gets the strict default policy.
  const formAction = ["'self'", ...(options.formActionOrigins ?? [])];
  const strict = helmet({ contentSecurityPolicy: { directives: { 'form-action': formAction } } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'form-action': formAction,
      },
    },
  });
  const frameable = helmet({
    contentSecurityPolicy: {
      directives: { 'form-action': formAction, 'frame-ancestors': ['*'] },
    },
    xFrameOptions: false,
  });

  // The gateway's own server, once listening: background refreshes are requests to it.
  const self: { server?: Server; origin?: string } = {};
  const selfOrigin = (): string | null => {
    if (self.origin) return self.origin;
    const address = self.server?.address() as AddressInfo | string | null | undefined;
    if (!address || typeof address === 'string') return null;
    const host = ['0.0.0.0', '::'].includes(address.address)
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
    return (self.origin = `http://${host}:${address.port}`);
  };
  const publicCache = new PublicResponseCache({
    // A stale public answer read often is refreshed by a request of the gateway to itself,
    // anonymous and asking for a fresh copy: the same tenancy, routing, token and capture
    // as a visitor's, counted against the visitor whose read found it stale.
    revalidate: (key, req) => {
      const origin = selfOrigin();
      if (!origin || !req.url) return false;
      request(`${origin}${req.url}`, {
        dispatcher: httpClient,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
        headers: {
          host: req.headers.host ?? 'localhost',
          accept: req.headers.accept ?? 'application/json',
          'cache-control': 'no-cache',
          [SITE_CLIENT_HEADER]: siteClients.seal(visitorIp(req)),
        },
      }).then(
        (answer) => answer.body.dump().catch(() => undefined),
        (error: unknown) => {
          publicCache.refreshFailed(key);
          logger.emit('warn', 'Background refresh of a cached public answer failed', {
            path: pathOf(req.url),
            error: String(error),
          });
        },
      );
      return true;
    },
  });
  const admissions = new Map<string, Admission>();
  const admissionOf = (route: ServiceRoute) => {
    let a = admissions.get(route.name);
    if (!a)
      admissions.set(route.name, (a = new Admission(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT)));
    return a;
  };

  @Module({
    controllers: [GatewayController],
    providers: [{ provide: GATEWAY_OPTIONS, useValue: options }],
  })
  class GatewayModule {}

  /**
   * Cached public API responses are answered first, before Fastify routes the request:
   * for a known host and a fresh entry, the gateway only writes bytes it already has
   * (no routing, hooks, tenancy, session, rate limit nor tracing; a CDN in front would
   * not see those either).
   */
  const answeredFromCache = (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/api/'))
      return false;
    const host = OrganizationResolver.normalizeHost(req.headers.host);
    const org = host ? resolver.peek(host) : undefined;
    const anonymous = readCookie(req.headers.cookie, SESSION_COOKIE) === undefined;
    return !!org && publicCache.serve(`${org.id} ${req.url}`, req, res, { anonymous });
  };

  const adapter = new FastifyAdapter({
    // As Express routed the gateway's own paths: `/health/live/` is `/health/live`.
    routerOptions: { ignoreTrailingSlash: true },
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
      createServer((req, res) => {
        let answered = false;
        try {
          answered = answeredFromCache(req, res);
        } catch (error) {
          // Outside Fastify nothing else would catch it: the request goes the usual way.
          logger.emit('error', 'Answering from the public cache failed', { error: String(error) });
          if (res.headersSent) return void res.destroy();
        }
        if (!answered) handler(req, res);
      }),
    // The router refuses a URL before any hook: a path whose percent-encoding does not
    // decode is the client's error (400), with the same headers and shape as every other.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      strict(request.raw, reply.raw, () => undefined);
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      sendProblem(
        reply,
        problem(
          status,
          error.code === 'FST_ERR_BAD_URL'
            ? 'Malformed URL: a percent-encoded sequence does not decode'
            : error.message,
        ),
      );
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, adapter, {
    logger: logger.child('gateway'),
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The gateway's routes are a router's: its own SERVER span (below) and undici's CLIENT spans
  // tell its part; the Fastify instrumentation's request and middleware spans would only repeat it.
  fastify.addHook('onRoute', (route) => {
    route.config = { ...route.config, otel: false };
  });
  const filter = new SitePageFilter(logger);

  // Bodies are the services' to read: streamed to them untouched, whatever their type.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  fastify.decorateRequest('organization', null);
  fastify.decorateRequest('requestId', '');
  fastify.decorateRequest('metricRoute', '');

  const trace = tracingMiddleware('gateway');
  const logRequest = requestLog(logger.child('gateway'));
  // No span for the probes of a load balancer: a trace per request that matters.
  fastify.addHook('onRequest', (request, reply, done) =>
    HEALTH.test(pathOf(request.raw.url)) ? done() : trace(request.raw, reply.raw, done),
  );

  // The local FranceConnect is not an organization's page: served before tenant resolution.
  const fcLocal = options.devFranceConnect;
  if (fcLocal)
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!/^\/fc-local(\/|\?|$)/.test(request.raw.url ?? '')) return done();
      reply.hijack();
      fcLocal(request.raw, reply.raw, () =>
        writeProblem(reply.raw, problem(404, 'No such page of the local FranceConnect')),
      );
      done();
    });

  fastify.addHook('onRequest', (request, reply, done) => {
    const req = request.raw;
    const res = reply.raw;
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (request as GatewayRequest).requestId = requestId;
    res.setHeader('x-request-id', requestId);
    req.headers['x-request-id'] = requestId;
    const path = pathOf(req.url);
    const route = ((request as GatewayRequest).metricRoute =
      /^\/api\/([a-z0-9-]+)/.exec(path)?.[1] ?? (HEALTH.test(path) ? 'health' : 'site'));
    // The gateway's own line of the request (the service that answers it writes its own,
    // with the route's template); not for the probes.
    const own = route === 'site' || route === 'health' ? route : `/api/${route}`;
    (req as typeof req & { [REQUEST_ROUTE]?: string })[REQUEST_ROUTE] = own;
    // Its span too: `GET /api/petitions` (the service's child span has the template), `GET site`.
    serverSpan(req)?.updateName(`${req.method} ${own}`);
    if (route !== 'health') logRequest(req, res);
    done();
  });
  // Answered by the gateway or a service alike (Fastify runs it for taken-over replies too).
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = (request as GatewayRequest).metricRoute;
    if (route)
      httpRequestDuration.observe(
        { service: 'gateway', method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    done();
  });

  fastify.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request.raw.url);
    const policy = path.startsWith('/api/docs')
      ? docs
      : SAFE_METHODS.has(request.raw.method ?? 'GET') && FRAMEABLE_PAGE.test(path)
        ? frameable
        : strict;
    policy(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });

  // Rate limit per client address, before tenant resolution: a flood of requests (to
  // unknown hosts too) is refused before it costs an organization lookup. The address
  // is the only key, so varying the Host header buys no extra budget.
  fastify.addHook('onRequest', async (request, reply) => {
    const req = request.raw;
    if (HEALTH.test(pathOf(req.url))) return; // orchestrators' probes
    const address = visitorIp(req);
    // Services key their own abuse limits (sign-in failures) on it; never the caller's copy.
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    const r = await options.limiter.hit(address);
    const res = reply.raw;
    res.setHeader('RateLimit-Limit', String(r.limit));
    res.setHeader('RateLimit-Remaining', String(r.remaining));
    res.setHeader('RateLimit-Reset', String(r.resetSeconds));
    if (r.allowed) return;
    res.setHeader('Retry-After', String(r.resetSeconds));
    refuse(
      reply,
      problem(429, `Too many requests; try again in ${r.resetSeconds} s.`, {
        type: 'urn:palabre:rate-limited',
      }),
    );
  });

  // Tenant resolution: every request but the probes' belongs to one organization. There is
  // no /metrics here, on any host: metrics are on the operations port (METRICS_PORT).
  fastify.addHook('onRequest', async (request, reply) => {
    const req = request.raw;
    if (HEALTH.test(pathOf(req.url))) return;
    const host = OrganizationResolver.normalizeHost(req.headers.host);
    try {
      const org = host ? await resolver.resolve(host) : null;
      if (org) {
        (request as GatewayRequest).organization = org;
        return;
      }
      if (wantsHtml(req)) return page(reply, 404, unknownOrganizationPage(host ?? ''));
      refuse(
        reply,
        problem(404, `No organization answers on host "${host ?? ''}"`, {
          type: 'urn:palabre:unknown-organization',
        }),
      );
    } catch (error) {
      logger.emit('error', 'Organization lookup failed', { error: String(error) });
      reply.raw.setHeader('Retry-After', '5');
      refuse(
        reply,
        problem(503, 'The platform is starting or degraded; try again in a few seconds.'),
      );
    }
  });

  /** The 404 of a path nobody answers: a page for browsers, problem+json for the API. */
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.raw.url);
    if (wantsHtml(request.raw) && !path.startsWith('/api/'))
      return page(reply, 404, notFoundPage(path));
    refuse(reply, problem(404, `Cannot ${request.raw.method} ${path}`, { instance: path }));
  };

  // A refused cross-site write is a security event: someone may be trying a visitor's browser.
  const refusedCrossSite = (request: GatewayRequest, reason: string) =>
    logger.security('request.cross-site-refused', {
      reason,
      method: request.raw.method,
      path: pathOf(request.raw.url),
      requestId: request.requestId,
    });

  /**
   * Checks, identifies and hands one request to a service, at `path` in the
   * service. The answer is the service's: Fastify's reply is taken over first.
   */
  const forward = async (
    request: GatewayRequest,
    reply: FastifyReply,
    route: ServiceRoute,
    path: string,
  ) => {
    reply.hijack();
    const req = request.raw;
    const res = reply.raw;
    const organization = request.organization;
    if (!organization) throw new Error('forward() before tenant resolution');
    // Shed load first, before any session lookup or signing is spent on a request that cannot be served.
    if (!admissionOf(route).admit(route.name, res)) return;
    const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
    const crossSite = crossSiteWrite(req, sessionToken !== undefined);
    if (crossSite) {
      refusedCrossSite(request, crossSite);
      return writeProblem(
        res,
        problem(
          403,
          'Cross-site request refused: a change on this site can only be asked from this site',
          { type: 'urn:palabre:csrf' },
        ),
      );
    }
    if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
      return writeProblem(
        res,
        problem(413, `Request body exceeds the limit of ${options.maxBodyBytes} bytes`),
      );
    }
    let session: ResolvedSession | null = null;
    try {
      session = sessionToken ? await sessions.resolve(sessionToken, organization.id) : null;
    } catch (error) {
      logger.emit('error', 'Session lookup failed', { error: String(error) });
      res.setHeader('Retry-After', '5');
      return writeProblem(
        res,
        problem(503, 'Sign-in is momentarily unavailable; try again in a few seconds.'),
      );
    }
    const own = session && session.organizationId === organization.id ? session : null;
    // Never trust an identity header from outside: only the gateway mints it.
    delete req.headers[IDENTITY_HEADER];
    req.headers[IDENTITY_HEADER] = options.issuer.issue(
      {
        organizationId: organization.id,
        userId: own?.userId,
        signerKey: own?.signerKey,
        sessionId: own?.sessionId,
        displayName: own?.displayName,
        identified: own?.identified,
        age: own?.age,
        accountCreatedAt: own?.accountCreatedAt
          ? Math.floor(Date.parse(own.accountCreatedAt) / 1000)
          : undefined,
        grants: own?.grants ?? [],
      },
      route.name,
    );
    req.headers['x-request-id'] = request.requestId;
    injectTraceHeaders(req.headers);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    req.url = q < 0 ? path : path + url.slice(q);
    route.forward(req, res);
  };

  /** Runs a route's handler; an unexpected failure is logged and answered 500, never left hanging. */
  const guarded =
    (handler: (request: GatewayRequest, reply: FastifyReply) => Promise<void> | void) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        await handler(request as GatewayRequest, reply);
      } catch (error) {
        const p = filter.toProblem(error);
        if (!reply.sent) return sendProblem(reply, p);
        writeProblem(reply.raw, p);
      }
    };

  fastify.all(
    '/api/*',
    guarded(async (request, reply) => {
      const req = request.raw;
      const match = /^\/api\/([a-z0-9-]+)(\/.*)?$/.exec(pathOf(req.url));
      if (!request.organization || !match || RESERVED.has(match[1]))
        return notFound(request, reply);
      const route = byName.get(match[1]);
      const rest = match[2] ?? '/';
      // A service's internal API, health details and metrics are never public, in any mode.
      if (!route || /^\/(internal|health|metrics)(\/|$)/.test(rest)) {
        return refuse(
          reply,
          problem(404, `No API at /api/${match[1]}${route ? rest : ''}`, {
            ...(route ? {} : { services: [...byName.keys()] }),
          }),
        );
      }
      if (!acceptableApiBody(req)) {
        return refuse(
          reply,
          problem(
            415,
            'A change through the API takes a JSON body only: send Content-Type: application/json',
            { type: 'urn:palabre:json-only' },
          ),
        );
      }
      // Hits were answered in the first hook; a miss (or a stale entry's refresh) is kept for the next visitors.
      if (req.method === 'GET') {
        delete req.headers['if-none-match'];
        publicCache.capture(`${request.organization.id} ${req.url}`, reply.raw, {
          anonymous: readCookie(req.headers.cookie, SESSION_COOKIE) === undefined,
        });
      }
      await forward(request, reply, route, rest);
    }),
  );

  // Browser-facing sign-in routes (FranceConnect redirects, logout) belong to identity.
  const auth = guarded(async (request, reply) => {
    if (!request.organization || !identity) return notFound(request, reply);
    await forward(request, reply, identity, pathOf(request.raw.url));
  });
  fastify.all('/auth', auth);
  fastify.all('/auth/*', auth);

  // Every other browser path is a page of the site, when the web service runs; without
  // it the gateway's own placeholder home and 404 pages answer. Web gets no identity
  // token: it calls the public API back with the visitor's cookie, like any client.
  fastify.all(
    '/*',
    guarded((request, reply) => {
      const req = request.raw;
      const path = pathOf(req.url);
      if (!request.organization || !site || NOT_SITE.test(path)) {
        if (!site && path === '/' && (req.method === 'GET' || req.method === 'HEAD'))
          return page(reply, 200, homePage(request.organization?.name ?? 'Palabre'));
        return notFound(request, reply);
      }
      reply.hijack();
      const res = reply.raw;
      const hasSession = readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;
      const crossSite = crossSiteWrite(req, hasSession);
      if (crossSite) {
        refusedCrossSite(request, crossSite);
        return page(reply, 403, crossSitePage());
      }
      if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
        return writeProblem(
          res,
          problem(413, `Request body exceeds the limit of ${options.maxBodyBytes} bytes`),
        );
      }
      delete req.headers[IDENTITY_HEADER];
      req.headers['x-request-id'] = request.requestId;
      req.headers[SITE_CLIENT_HEADER] = siteClients.seal(visitorIp(req));
      injectTraceHeaders(req.headers);
      site.forward(req, res);
    }),
  );

  SwaggerModule.setup(
    'api/docs',
    app,
    { openapi: '3.0.0', info: { title: 'Palabre API', version: '1' }, paths: {} },
    {
      raw: false,
      // The document is the services' own, gathered per request at openapi.json: `spec: null`
      // so that Swagger UI loads it there instead of showing the empty placeholder above.
      swaggerOptions: { url: '/api/docs/openapi.json', spec: null },
      customSiteTitle: 'Palabre API',
    },
  );
  app.useGlobalFilters(filter);
  fastify.addHook('onClose', async () => {
    revocations?.stop();
    await Promise.all(routes.map((r) => r.close()));
  });
  await app.init();
  await fastify.ready();
  revocations?.start();
  self.server = app.getHttpServer() as Server;
  return app;
}
