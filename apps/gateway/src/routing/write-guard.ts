import type { IncomingMessage } from 'node:http';
import { isSameOrigin } from '../tenancy/session-resolver';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Why a state-changing request must be refused as cross-site, or null.
 *
 * A browser says where a request comes from (Origin, Sec-Fetch-Site); when it
 * says "another site", the write is refused whether or not it carries a
 * session cookie: a form on another site that signs the visitor in (or
 * registers, or asks a reset) in someone else's name is login CSRF, and needs
 * no cookie at all. A request that names no origin is not a browser's
 * cross-site request (servers, scripts, the site's own calls), except when it
 * carries the session cookie: then some positive sign of this site is needed
 * (`isSameOrigin`, which also reads Referer).
 */
export function crossSiteWrite(req: IncomingMessage, hasSession: boolean): string | null {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return null;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none')
    return `sec-fetch-site-${site}`.slice(0, 40);
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(req)) return 'origin-mismatch';
  if (hasSession && !isSameOrigin(req)) return 'no-origin-with-session';
  return null;
}

/**
 * Whether a state-changing API request's body is acceptable: JSON only. A
 * form post or a `text/plain` fetch from another site is a "simple request"
 * that a browser sends without asking first; the API takes neither, so none
 * can act in a visitor's name. A write without a body needs no type.
 */
export function acceptableApiBody(req: IncomingMessage): boolean {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return true;
  const type = req.headers['content-type'];
  if (type !== undefined) return JSON_TYPE.test(type);
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
