import { createHash } from 'node:crypto';
import type { FastifyRequest, FastifyReply } from 'fastify';
import { isLocal } from '../sessions/session-cookie';

/**
 * Binds a FranceConnect sign-in to the browser that started it (login CSRF):
 * the start leaves a short-lived HttpOnly cookie with a hash of the flow's
 * `state`; the callback gives a session only to a browser whose cookie holds
 * that hash. A callback URL (code + state) taken from one browser and opened
 * in another finds no matching cookie there and signs nobody in.
 *
 * The cookie holds hashes, not states, so reading it does not give a usable
 * callback. It keeps the last few flows, so two tabs signing in at once both
 * complete.
 */
export const FC_FLOW_COOKIE = 'palabre_fc_flow';
const COOKIE_PATH = '/auth/franceconnect';
/** As long as identity keeps the flow itself (oidc_flows.expires_at). */
const FLOW_MINUTES = 10;
const KEPT_FLOWS = 4;
const HASH = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (state: string) => createHash('sha256').update(state).digest('base64url');

function flowsIn(req: FastifyRequest): string[] {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === FC_FLOW_COOKIE)
      return part
        .slice(eq + 1)
        .trim()
        .split('.')
        .filter((h) => HASH.test(h));
  }
  return [];
}

function write(req: FastifyRequest, res: FastifyReply, hashes: string[]): void {
  const options = {
    httpOnly: true,
    // Lax: sent on FranceConnect's top-level redirect back to the callback.
    sameSite: 'lax' as const,
    secure: !isLocal(req.headers.host ?? ''),
    path: COOKIE_PATH,
  };
  if (hashes.length === 0) return void res.clearCookie(FC_FLOW_COOKIE, options);
  res.setCookie(FC_FLOW_COOKIE, hashes.join('.'), { ...options, maxAge: FLOW_MINUTES * 60 });
}

/** At the start of a flow: this browser may complete it. */
export function bindFlow(req: FastifyRequest, res: FastifyReply, state: string): void {
  write(req, res, [...flowsIn(req).slice(-(KEPT_FLOWS - 1)), hashOf(state)]);
}

/**
 * At the callback: whether this browser started the flow of `state`. The
 * flow's hash leaves the cookie either way (a flow completes once).
 */
export function takeFlow(req: FastifyRequest, res: FastifyReply, state: string): boolean {
  const hashes = flowsIn(req);
  const own = hashOf(state);
  const bound = hashes.includes(own);
  if (bound)
    write(
      req,
      res,
      hashes.filter((h) => h !== own),
    );
  return bound;
}
