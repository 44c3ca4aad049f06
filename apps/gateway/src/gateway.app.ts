import { randomUUID } from 'node:crypto';
import {
  Agent,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {
  Catch,
  Controller,
  Get,
  Inject,
  Module,
  NotFoundException,
  Req,
  Res,
  type ArgumentsHost,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { CLIENT_ADDRESS_HEADER, IDENTITY_HEADER, type IdentityTokenIssuer } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import type { MailCatcher } from '@palabre/mail';
import {
  httpRequestDuration,
  injectTraceHeaders,
  tracingMiddleware,
  type JsonLogger,
  type Readiness,
} from '@palabre/observability';
import { ProblemFilter, problem, sendProblem } from '@palabre/service-kit';
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
import { Admission, DEFAULT_MAX_IN_FLIGHT, type ServiceRoute } from './routing/service-route';
import { OrganizationResolver, type ResolvedOrganization } from './tenancy/organization-resolver';
import {
  SESSION_COOKIE,
  SessionResolver,
  readCookie,
  type ResolvedSession,
} from './tenancy/session-resolver';

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
  /** Extra readiness conditions (e.g. the embedded platform finished starting). */
  ready?: () => boolean;
  /** Embedded mode's mail box, shown at /dev/mail. */
  devMail?: MailCatcher;
  /** Embedded mode's local FranceConnect, served under /fc-local. */
  devFranceConnect?: (
    req: IncomingMessage,
    res: ServerResponse,
    next?: (err?: unknown) => void,
  ) => void;
}

type GatewayRequest = Request & { organization?: ResolvedOrganization; requestId?: string };

const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
const RESERVED = new Set(['docs']);
/** The service that renders the site's pages; it is not an API under /api. */
export const SITE_SERVICE = 'web';
/** Paths the gateway and the services answer; every other path is a page of the site. */
const NOT_SITE = /^\/(api|auth|health|metrics|fc-local|dev)(\/|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The one kind of page another site may show in an <iframe>: a space's
 * embeddable card (read-only, no form). Every other response keeps
 * frame-ancestors 'self' and X-Frame-Options: SAMEORIGIN (clickjacking).
 */
export const FRAMEABLE_PAGE = /^\/spaces\/[a-z0-9]+(-[a-z0-9]+)*\/card\/?$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The caller's address: the socket peer, or the Nth address from the right of X-Forwarded-For behind N trusted proxies. */
export function clientIp(req: Request, trustedProxies: number): string {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const chain = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - trustedProxies] ?? chain[0] ?? peer;
}

const wantsHtml = (req: Request) => (req.headers.accept ?? '').includes('text/html');

/** Problem+json for API clients; a helpful page for a browser that lands on a missing page. */
@Catch()
class SitePageFilter extends ProblemFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof NotFoundException && wantsHtml(req) && !req.path.startsWith('/api/')) {
      return void res.status(404).type('html').send(notFoundPage(req.path));
    }
    super.catch(exception, host);
  }
}

@Controller()
class GatewayController {
  /** The services' documents gathered into one, a minute at a time. */
  private readonly docs = new BoundedCache<OpenAPIObject>({ max: 1, ttlMs: 60_000 });

  constructor(@Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions) {}

  @Get()
  home(@Req() req: GatewayRequest, @Res() res: Response) {
    res.type('html').send(homePage(req.organization?.name ?? 'Palabre'));
  }

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Ok or not, nothing more: which service is down is for operators (the operations port). */
  @Get('health/ready')
  async ready(@Res() res: Response) {
    const { ready } = await gatewayReadiness(this.options);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable' });
  }

  @Get('dev/mail')
  mailbox(@Res() res: Response) {
    if (!this.options.devMail)
      throw new NotFoundException('No local mail box: mail goes out over SMTP');
    res.type('html').send(mailboxPage(this.options.devMail.list()));
  }

  @Get('api/docs/openapi.json')
  openapi() {
    return this.docs.fetch('openapi', () =>
      aggregateOpenApi(this.options.routes.filter((r) => r.name !== SITE_SERVICE)),
    );
  }
}

/**
 * The platform's readiness with each check (the platform itself, every
 * service): served on the operations port (METRICS_PORT) only, with /metrics.
 */
export async function gatewayReadiness(
  options: Pick<GatewayOptions, 'routes' | 'ready'>,
): Promise<Readiness> {
  const checks: Record<string, boolean> = { platform: options.ready?.() ?? true };
  for (const route of options.routes) checks[route.name] = await route.ready();
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

/**
 * The one public entry: limits rates per client address, resolves the
 * organization from the Host header, sets security headers and request ids,
 * turns the caller into a short-lived signed identity token, and routes /api/<service>/... to the
 * service, in this process (embedded) or over HTTP (distributed).
 */
export async function createGatewayApp(options: GatewayOptions): Promise<NestExpressApplication> {
  const { logger, routes } = options;
  const site = routes.find((r) => r.name === SITE_SERVICE);
  const byName = new Map(routes.filter((r) => r !== site).map((r) => [r.name, r]));
  const resolver = new OrganizationResolver(byName.get('identity'));
  const sessions = new SessionResolver(byName.get('identity'));
  const siteClients = options.siteClientSeal ?? SiteClientSeal.random();
  // Web's calls back for a visitor count against the visitor's address, not web's (site-client.ts).
  const visitorIp = (req: Request) =>
    siteClients.open(req.headers[SITE_CLIENT_HEADER]) ?? clientIp(req, options.trustProxy ?? 0);
  // The gateway's own server, once listening: background refreshes are requests to it.
  const self: { server?: Server } = {};
  const refreshAgent = new Agent({ keepAlive: true, maxSockets: 16, timeout: 30_000 });
  const publicCache = new PublicResponseCache({
    // A stale public answer read often is refreshed by a request of the gateway to itself,
    // anonymous and asking for a fresh copy: the same tenancy, routing, token and capture
    // as a visitor's, counted against the visitor whose read found it stale.
    revalidate: (key, req) => {
      const address = self.server?.address();
      if (!address || typeof address === 'string' || !req.url) return false;
      const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
      const refresh = httpRequest(
        {
          host,
          port: address.port,
          path: req.url,
          agent: refreshAgent,
          headers: {
            host: req.headers.host ?? host,
            accept: req.headers.accept ?? 'application/json',
            'cache-control': 'no-cache',
            [SITE_CLIENT_HEADER]: siteClients.seal(visitorIp(req as Request)),
          },
        },
        (answer) => answer.resume(),
      );
      refresh.setTimeout(30_000, () => refresh.destroy(new Error('no answer in 30 s')));
      refresh.on('error', (error) => {
        publicCache.refreshFailed(key);
        logger.emit('warn', 'Background refresh of a cached public answer failed', {
          path: req.url?.split('?')[0],
          error: String(error),
        });
      });
      refresh.end();
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

  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    logger: logger.child('gateway'),
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  const filter = new SitePageFilter(logger);

  app.use(tracingMiddleware('gateway'));
  // The local FranceConnect is not an organization's page: served before tenant resolution.
  const fcLocal = options.devFranceConnect;
  if (fcLocal)
    app.use('/fc-local', (req: Request, res: Response, next: NextFunction) =>
      fcLocal(req, res, next),
    );
  app.use((req: GatewayRequest, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route =
        /^\/api\/([a-z0-9-]+)/.exec(req.path)?.[1] ??
        (req.path.startsWith('/health') ? 'health' : 'site');
      httpRequestDuration.observe(
        { service: 'gateway', method: req.method, route, status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  });
  // Swagger UI needs inline scripts; every other response gets the strict default policy.
  const strict = helmet({
    contentSecurityPolicy: {
      directives: { 'form-action': ["'self'", ...(options.formActionOrigins ?? [])] },
    },
  });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'form-action': ["'self'", ...(options.formActionOrigins ?? [])],
      },
    },
  });
  const frameable = helmet({
    contentSecurityPolicy: {
      directives: {
        'form-action': ["'self'", ...(options.formActionOrigins ?? [])],
        'frame-ancestors': ['*'],
      },
    },
    xFrameOptions: false,
  });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/api/docs')
      ? docs
      : SAFE_METHODS.has(req.method) && FRAMEABLE_PAGE.test(req.path)
        ? frameable
        : strict)(req, res, next),
  );

  // Rate limit per client address, before tenant resolution: a flood of requests (to
  // unknown hosts too) is refused before it costs an organization lookup. The address
  // is the only key, so varying the Host header buys no extra budget.
  app.use(async (req: GatewayRequest, res: Response, next: NextFunction) => {
    if (/^\/health(\/|$)/.test(req.path)) return next(); // orchestrators' probes
    const address = visitorIp(req);
    // Services key their own abuse limits (sign-in failures) on it; never the caller's copy.
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    const r = await options.limiter.hit(address);
    res.setHeader('RateLimit-Limit', String(r.limit));
    res.setHeader('RateLimit-Remaining', String(r.remaining));
    res.setHeader('RateLimit-Reset', String(r.resetSeconds));
    if (r.allowed) return next();
    res.setHeader('Retry-After', String(r.resetSeconds));
    sendProblem(
      res,
      problem(429, `Too many requests; try again in ${r.resetSeconds} s.`, {
        type: 'urn:palabre:rate-limited',
      }),
    );
  });

  // Tenant resolution: every request but the probes' belongs to one organization. There is
  // no /metrics here, on any host: metrics are on the operations port (METRICS_PORT).
  app.use(async (req: GatewayRequest, res: Response, next: NextFunction) => {
    if (/^\/health(\/|$)/.test(req.path)) return next();
    const host = OrganizationResolver.normalizeHost(req.headers.host);
    try {
      const org = host ? await resolver.resolve(host) : null;
      if (!org) {
        res.status(404);
        if (wantsHtml(req)) return void res.type('html').send(unknownOrganizationPage(host ?? ''));
        return sendProblem(
          res,
          problem(404, `No organization answers on host "${host ?? ''}"`, {
            type: 'urn:palabre:unknown-organization',
          }),
        );
      }
      req.organization = org;
      next();
    } catch (error) {
      logger.emit('error', 'Organization lookup failed', { error: String(error) });
      res.setHeader('Retry-After', '5');
      sendProblem(
        res,
        problem(503, 'The platform is starting or degraded; try again in a few seconds.'),
      );
    }
  });

  // A refused cross-site write is a security event: someone may be trying a visitor's browser.
  const refusedCrossSite = (req: GatewayRequest, reason: string) =>
    logger.security('request.cross-site-refused', {
      reason,
      method: req.method,
      path: req.originalUrl.split('?')[0],
      requestId: req.requestId,
    });

  /** Checks, identifies and hands one request to a service, at `path` in the service. */
  const forward = async (req: GatewayRequest, res: Response, route: ServiceRoute, path: string) => {
    const organization = req.organization;
    if (!organization) throw new Error('forward() before tenant resolution');
    // Shed load first, before any session lookup or signing is spent on a request that cannot be served.
    if (!admissionOf(route).admit(route.name, res)) return;
    const sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
    const crossSite = crossSiteWrite(req, sessionToken !== undefined);
    if (crossSite) {
      refusedCrossSite(req, crossSite);
      return sendProblem(
        res,
        problem(
          403,
          'Cross-site request refused: a change on this site can only be asked from this site',
          { type: 'urn:palabre:csrf' },
        ),
      );
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > options.maxBodyBytes) {
      return sendProblem(
        res,
        problem(413, `Request body exceeds the limit of ${options.maxBodyBytes} bytes`),
      );
    }
    let session: ResolvedSession | null = null;
    try {
      session = sessionToken ? await sessions.resolve(sessionToken) : null;
    } catch (error) {
      logger.emit('error', 'Session lookup failed', { error: String(error) });
      res.setHeader('Retry-After', '5');
      return sendProblem(
        res,
        problem(503, 'Sign-in is momentarily unavailable; try again in a few seconds.'),
      );
    }
    const own = session && session.organizationId === organization.id ? session : null;
    // Never trust an identity header from outside: only the gateway mints it.
    delete req.headers[IDENTITY_HEADER];
    req.headers[IDENTITY_HEADER] = await options.issuer.issue({
      organizationId: organization.id,
      userId: own?.userId,
      signerKey: own?.signerKey,
      sessionId: own?.sessionId,
      displayName: own?.displayName,
      identified: own?.identified,
      age: own?.age,
      grants: own?.grants ?? [],
    });
    req.headers['x-request-id'] = req.requestId;
    injectTraceHeaders(req.headers);
    req.url = path + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '');
    route.forward(req, res);
  };

  app.use('/api', async (req: GatewayRequest, res: Response, next: NextFunction) => {
    if (!req.organization) return next();
    const match = /^\/([a-z0-9-]+)(\/.*)?$/.exec(req.url.split('?')[0]);
    if (!match || RESERVED.has(match[1])) return next();
    const route = byName.get(match[1]);
    const rest = match[2] ?? '/';
    // A service's internal API, health details and metrics are never public, in any mode.
    if (!route || /^\/(internal|health|metrics)(\/|$)/.test(rest)) {
      return sendProblem(
        res,
        problem(404, `No API at /api/${match[1]}${route ? rest : ''}`, {
          ...(route ? {} : { services: [...byName.keys()] }),
        }),
      );
    }
    if (!acceptableApiBody(req)) {
      return sendProblem(
        res,
        problem(
          415,
          'A change through the API takes a JSON body only: send Content-Type: application/json',
          { type: 'urn:palabre:json-only' },
        ),
      );
    }
    // Hits were answered before the framework; a miss (or a stale entry's refresh) is kept for the next visitors.
    if (req.method === 'GET') {
      delete req.headers['if-none-match'];
      publicCache.capture(`${req.organization.id} ${req.originalUrl}`, res, {
        anonymous: readCookie(req.headers.cookie, SESSION_COOKIE) === undefined,
      });
    }
    await forward(req, res, route, rest);
  });

  // Browser-facing sign-in routes (FranceConnect redirects, logout) belong to identity.
  app.use('/auth', async (req: GatewayRequest, res: Response, next: NextFunction) => {
    const identity = byName.get('identity');
    if (!req.organization || !identity) return next();
    await forward(req, res, identity, `/auth${req.url.split('?')[0]}`);
  });

  // Every other browser path is a page of the site, when the web service runs; without
  // it the gateway's own placeholder home and 404 pages answer. Web gets no identity
  // token: it calls the public API back with the visitor's cookie, like any client.
  if (site) {
    app.use((req: GatewayRequest, res: Response, next: NextFunction) => {
      if (!req.organization || NOT_SITE.test(req.path)) return next();
      const hasSession = readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;
      const crossSite = crossSiteWrite(req, hasSession);
      if (crossSite) {
        refusedCrossSite(req, crossSite);
        return void res.status(403).type('html').send(crossSitePage());
      }
      if (Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes) {
        return sendProblem(
          res,
          problem(413, `Request body exceeds the limit of ${options.maxBodyBytes} bytes`),
        );
      }
      delete req.headers[IDENTITY_HEADER];
      req.headers['x-request-id'] = req.requestId;
      req.headers[SITE_CLIENT_HEADER] = siteClients.seal(visitorIp(req));
      injectTraceHeaders(req.headers);
      site.forward(req, res);
    });
  }

  SwaggerModule.setup(
    'api/docs',
    app,
    { openapi: '3.0.0', info: { title: 'Palabre API', version: '1' }, paths: {} },
    {
      raw: false,
      swaggerOptions: { url: '/api/docs/openapi.json' },
      customSiteTitle: 'Palabre API',
    },
  );
  app.useGlobalFilters(filter);
  await app.init();
  // Cached public API responses are answered before Express and Nest: for a
  // known host and a fresh entry, the gateway only writes bytes it already has.
  const server = app.getHttpServer() as Server;
  self.server = server;
  server.once('close', () => refreshAgent.destroy());
  const framework = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.url?.startsWith('/api/')) {
      const host = OrganizationResolver.normalizeHost(req.headers.host);
      const org = host ? resolver.peek(host) : undefined;
      const anonymous = readCookie(req.headers.cookie, SESSION_COOKIE) === undefined;
      if (org && publicCache.serve(`${org.id} ${req.url}`, req, res, { anonymous })) return;
    }
    for (const listener of framework) listener(req, res);
  });
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    sendProblem(res, filter.toProblem(err));
  });
  return app;
}
