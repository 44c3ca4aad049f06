import type { IncomingHttpHeaders } from 'node:http';

/**
 * Did this form post come from a page of this site? Origin first, then
 * Sec-Fetch-Site, then Referer (old browsers). The gateway checks the same
 * for cookie-carrying writes; web checks again because it calls the API
 * with the site's own Origin on the visitor's behalf.
 */
export function isSameSite(req: { headers: IncomingHttpHeaders }): boolean {
  const host = req.headers.host?.toLowerCase();
  const sameHost = (value: string) => {
    try {
      return new URL(value).host.toLowerCase() === host;
    } catch {
      return false;
    }
  };
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return sameHost(origin);
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const referer = req.headers.referer;
  return typeof referer === 'string' && sameHost(referer);
}
