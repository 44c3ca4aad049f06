/**
 * The site's pages on Fastify (ADR 0021): the few types and helpers every
 * controller shares, so that none casts the request or writes a redirect its
 * own way.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A query string as Fastify parses it: a name given twice is an array. */
export type Query = Partial<Record<string, string | string[]>>;

/** A page request. Its body (a form, or nothing) is read by each controller as a record of fields. */
export type PageRequest = FastifyRequest<{ Querystring: Query }>;

/** The path of the request, without its query. */
export const pathOf = (req: { url: string }): string => req.url.split('?')[0];

// Characters a URL may hold as they are, and a `%` that starts no escape (encodeurl, MIT).
const NOT_URL = /(?:[^\x21\x23-\x3B\x3D\x3F-\x5F\x61-\x7A\x7C\x7E]+|%+(?![0-9A-Fa-f]{2})){1,1024}/g;
const SURROGATES = /([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g;

/**
 * A Location header is ASCII: what a visitor typed (a `returnTo` with an
 * accent) is percent-encoded, and what is already encoded is left as it is.
 */
export function locationOf(url: string): string {
  return url
    .replace(SURROGATES, (_, pair?: string) => pair ?? '\uFFFD')
    .replace(NOT_URL, encodeURI);
}

/** After a form post (and to the canonical address of a page): 303 See Other, so that reloading never posts again. */
export function seeOther(res: FastifyReply, url: string): void {
  void res.redirect(locationOf(url), 303);
}

/**
 * A cookie of the site's own (the chosen language, the order of a random
 * list): sent back to the site only, never read by scripts, for `seconds`;
 * with an Expires for the browsers that read no Max-Age.
 */
export function keepCookie(res: FastifyReply, name: string, value: string, seconds: number): void {
  void res.setCookie(name, value, {
    path: '/',
    sameSite: 'lax',
    httpOnly: true,
    maxAge: seconds,
    expires: new Date(Date.now() + seconds * 1000),
  });
}

/** An id in a path or a query: a UUID, or the page answers 404 without asking the API. */
export const isUuid = (v: unknown): v is string =>
  typeof v === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
