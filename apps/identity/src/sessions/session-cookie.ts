import type { FastifyRequest, FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'palabre_session';

export const isLocal = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);

/** HttpOnly, SameSite=Lax, and Secure everywhere but on a developer's localhost. */
export function setSessionCookie(
  req: FastifyRequest,
  res: FastifyReply,
  token: string,
  ttlHours: number,
): void {
  res.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: !isLocal(req.headers.host ?? ''),
    path: '/',
    maxAge: ttlHours * 3600, // seconds (@fastify/cookie)
  });
}

export function clearSessionCookie(req: FastifyRequest, res: FastifyReply): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: !isLocal(req.headers.host ?? ''),
    path: '/',
  });
}

/**
 * scheme://host the person used, for FranceConnect's redirect and logout
 * addresses (the provider accepts only the ones registered with it). Never
 * for a mailed link: a request's Host is whatever its sender wrote; mails
 * use the organization's own origin (organizations/public-origin.ts).
 */
export function publicOrigin(req: FastifyRequest): string {
  const host = req.headers.host ?? 'localhost';
  const proto = isLocal(host) ? 'http' : 'https';
  return `${proto}://${host}`;
}
