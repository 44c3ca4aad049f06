/**
 * What page tests against a running platform share: calling its JSON API as a
 * signed-in person (the site's same-origin writes), asking for a page or
 * posting its form as a browser without JavaScript, the session cookie of a
 * sign-in, and a page's visible text.
 */
import { formFields, type FormFields } from './html-forms';

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

/**
 * A page as a browser without JavaScript asks for it: a GET, or a form posted
 * (with the site's origin unless `origin` says otherwise, `null` for none);
 * redirects are answered, not followed.
 */
export async function fetchPage(
  base: string,
  path: string,
  init: { cookie?: string; form?: FormFields; origin?: string | null; lang?: string } = {},
): Promise<{ status: number; headers: Headers; location: string | null; text: string }> {
  const headers: Record<string, string> = { 'accept-language': init.lang ?? 'fr-FR,fr;q=0.9' };
  if (init.cookie) headers.cookie = init.cookie;
  let payload: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    if (init.origin !== null) headers.origin = init.origin ?? base;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(init.form))
      for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
    payload = p.toString();
  }
  const r = await fetch(`${base}${path}`, {
    method: init.form ? 'POST' : 'GET',
    redirect: 'manual',
    headers,
    body: payload,
  });
  return {
    status: r.status,
    headers: r.headers,
    location: r.headers.get('location'),
    text: await r.text(),
  };
}

/** A form's fields as a browser sends them, text areas included (their first line break is not part of their value). */
export const browserFormFields = (markup: string, id: string): FormFields =>
  formFields(
    markup.replace(/(<textarea\b[^>]*>)\r?\n/g, '$1').replace(/<\/textarea\s+>/g, '</textarea>'),
    id,
  );

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
