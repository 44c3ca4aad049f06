import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestException, PayloadTooLargeException, type Type } from '@nestjs/common';
import { IDENTITY_HEADER, identify, type IdentityTokenVerifier } from '@palabre/auth';
import type { InternalIdentity } from '@palabre/auth';
import { tracingMiddleware } from '@palabre/observability';
import { problem, type Problem } from './problem';
import {
  badInput,
  createValidationPipe,
  UNACCEPTABLE_TEXT,
  unacceptableRequestText,
} from './validation';

/**
 * What a lean route's handler gets: the verified caller, the path's capture
 * groups, and the two things of a response it may set (like an Express
 * response, so one implementation serves the Nest route and the lean one).
 */
export interface LeanExchange {
  identity: InternalIdentity;
  /** The gateway's token, to call other services on the caller's behalf. */
  token: string;
  /** Capture groups of the route's `path`, decoded. */
  params: string[];
  /** The validated body (an instance of the route's `body` class), or undefined without one. */
  body?: unknown;
  /** The query string as Express gives it: a key given twice is an array. */
  query: Record<string, string | string[]>;
  status(code: number): LeanExchange;
  setHeader(name: string, value: string): LeanExchange;
}

/**
 * What a handler shared by a Nest route and a lean one sets on its response:
 * an Express response and a LeanExchange both are one.
 */
export interface Reply {
  setHeader(name: string, value: string): unknown;
  status(code: number): unknown;
}

/**
 * A hot route answered before Express and Nest (ADR 0016): the identity token
 * is verified as the global guard does, the request is traced as every other,
 * errors become the same problem+json. A route without `body` takes none (a
 * request that carries one goes the usual way); with `body`, it takes a JSON
 * body validated by the same pipe as the Nest routes (anything but JSON goes
 * the usual way). The Nest route of the same method and
 * path stays (OpenAPI, and the same behaviour when the lean layer is absent);
 * both call the same code.
 */
export interface LeanRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the path without its query string; anchor it (`^...$`). */
  path: RegExp;
  /** The DTO class of a JSON body (class-validator), as `@Body()` would take it. */
  body?: Type<object>;
  /**
   * At most this many requests of the route at once in this process; beyond,
   * a 503 with Retry-After at once, before any other work (no token checked,
   * no body read): an overloaded service answers quickly and keeps its other
   * routes responsive instead of queueing every request behind the hot one.
   */
  maxInFlight?: number;
  /** Resolves to the JSON body of the answer (status 200 unless set); throws like a controller. */
  handle(x: LeanExchange): Promise<unknown>;
}

/** Resolves one of the service's providers or controllers, or a token (Nest's `app.get`). */
export type Resolve = <T>(type: Type<T> | symbol) => T;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LeanRouterOptions {
  service: string;
  verifier: IdentityTokenVerifier;
  /** The service's exception filter's mapping (HttpException → its status, anything else → 500, logged). */
  toProblem(error: unknown): Problem;
  /** Largest JSON body taken, in bytes (default 100 KB, as the service's body parser). */
  bodyLimitBytes?: number;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The request's JSON body, parsed; `undefined` when it has none; 413 / 400 problems otherwise. */
function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Read already by a body parser in front (none does today: the gateway forwards streams).
    const parsed = req as IncomingMessage & { _body?: boolean; body?: unknown };
    if (parsed._body || req.readableEnded) return resolve(parsed.body);
    if (!hasBody(req)) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (over)
        return reject(
          new PayloadTooLargeException(`Request body exceeds the limit of ${limit} bytes`),
        );
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (e) {
        reject(new BadRequestException(`Malformed JSON body: ${(e as Error).message}`));
      }
    });
  });
}

function decodePart(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '');
  } catch {
    throw new BadRequestException(`Malformed path segment: ${JSON.stringify(part)}`);
  }
}

const RETRY = new Map([['Retry-After', '1']]);

function parseQuery(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers?: Map<string, string>,
) {
  if (headers) for (const [k, v] of headers) res.setHeader(k, v);
  const length = Buffer.byteLength(body);
  // A read gets a weak ETag of its body and a 304 for a copy the client has, as from Express.
  if (req.method === 'GET' && status === 200) {
    const etag = `W/"${length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag)) {
      res.writeHead(304);
      return void res.end();
    }
  }
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': length });
  res.end(body);
}

/** `fallback` (the Express app) answers every request no lean route takes. */
export function leanRouter(
  routes: LeanRoute[],
  fallback: Handler,
  options: LeanRouterOptions,
): Handler {
  if (routes.length === 0) return fallback;
  const trace = tracingMiddleware(options.service);
  const methods = new Set(routes.map((r) => r.method));
  const pipe = createValidationPipe();
  const limit = options.bodyLimitBytes ?? 100 * 1024;
  const inFlight = new Map<LeanRoute, number>();

  const run = async (
    req: IncomingMessage,
    res: ServerResponse,
    route: LeanRoute,
    m: string[],
    search: string,
  ) => {
    const path = m[0];
    let status = 200;
    const headers = new Map<string, string>();
    try {
      const header = req.headers[IDENTITY_HEADER];
      const identity = await identify(options.verifier, header);
      const raw = route.body ? await readJson(req, limit) : undefined;
      const params = m.slice(1).map(decodePart);
      const query = parseQuery(search);
      // The same refusal as the Nest routes' guard; a capture group is named by its place (path.0).
      const refused = unacceptableRequestText({ params: { path: params }, query, body: raw });
      if (refused.length) throw badInput(refused, UNACCEPTABLE_TEXT);
      const body = route.body
        ? await pipe.transform(raw ?? {}, { type: 'body', metatype: route.body })
        : undefined;
      const exchange: LeanExchange = {
        identity,
        token: header as string,
        params,
        body,
        query,
        status(code) {
          status = code;
          return exchange;
        },
        setHeader(name, value) {
          headers.set(name, value);
          return exchange;
        },
      };
      const answer = await route.handle(exchange);
      send(req, res, status, 'application/json', JSON.stringify(answer ?? null), headers);
    } catch (error) {
      const p = { ...options.toProblem(error), instance: path };
      send(req, res, p.status, 'application/problem+json', JSON.stringify(p), headers);
    }
  };

  return (req, res) => {
    const method = req.method ?? 'GET';
    if (!methods.has(method as LeanRoute['method'])) return fallback(req, res);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.path.exec(path);
      if (!m) continue;
      // A body only where the route takes one, and only JSON: anything else goes the usual way.
      if (hasBody(req) && !(route.body && JSON_TYPE.test(req.headers['content-type'] ?? ''))) break;
      if (!route.body) req.resume();
      return trace(req, res, () => {
        const max = route.maxInFlight;
        if (max !== undefined && (inFlight.get(route) ?? 0) >= max) {
          const p = problem(503, 'Too many requests of this kind at once; try again in a second', {
            code: 'OVERLOADED',
            instance: path,
          });
          return send(req, res, 503, 'application/problem+json', JSON.stringify(p), RETRY);
        }
        inFlight.set(route, (inFlight.get(route) ?? 0) + 1);
        void run(req, res, route, [...m], q < 0 ? '' : url.slice(q)).finally(() =>
          inFlight.set(route, (inFlight.get(route) ?? 1) - 1),
        );
      });
    }
    fallback(req, res);
  };
}
