import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'palabre_session';

export const isLocal = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);

/** HttpOnly, SameSite=Lax, and Secure everywhere but on a developer's localhost. */
export function setSessionCookie(
  req: Request,
  res: Response,
  token: string,
  ttlHours: number,
): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: !isLocal(req.headers.host ?? ''),
    path: '/',
    maxAge: ttlHours * 3600 * 1000,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
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
export function publicOrigin(req: Request): string {
  const host = req.headers.host ?? 'localhost';
  const proto = isLocal(host) ? 'http' : 'https';
  return `${proto}://${host}`;
}
