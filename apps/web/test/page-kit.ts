/**
 * What page tests against a running platform share: calling its JSON API as a
 * signed-in person (the site's same-origin writes), the session cookie of a
 * sign-in, and a page's visible text.
 */

/** Calls `${base}${path}` as JSON; writes carry the site's origin, as a browser's would. */
export async function callApi<T>(
  base: string,
  path: string,
  cookie?: string,
  write?: { method: string; body?: unknown },
): Promise<{ status: number; body: T }> {
  const r = await fetch(`${base}${path}`, {
    method: write?.method ?? 'GET',
    headers: {
      'cache-control': 'no-cache',
      ...(cookie ? { cookie } : {}),
      ...(write ? { 'content-type': 'application/json', origin: base } : {}),
    },
    body: write ? JSON.stringify(write.body ?? {}) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The `palabre_session=…` pair of a sign-in's answer. */
export const sessionOf = (headers: Headers): string =>
  String(headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];

/** HTML entities the site escapes, back to text. */
export const decodeEntities = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Visible text of a page's main content, tags dropped, every kind of space made plain. */
export const mainText = (markup: string): string =>
  decodeEntities(
    (/<main[\s\S]*<\/main>/.exec(markup)?.[0] ?? markup)
      .replace(/<\/?(a|span|strong|time)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
