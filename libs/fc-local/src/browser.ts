interface StoredCookie {
  origin: string;
  path: string;
  name: string;
  value: string;
}

/** A minimal cookie jar: origin + path scoping, expiry by Max-Age/Expires; enough for one login. */
class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attr of attrs) {
        const [k, ...v] = attr.trim().split('=');
        const key = k.toLowerCase();
        const val = v.join('=');
        if (key === 'path' && val.startsWith('/')) path = val;
        if (key === 'max-age' && Number(val) <= 0) expired = true;
        if (key === 'expires' && Date.parse(val) <= Date.now()) expired = true;
      }
      const id = `${url.origin} ${path} ${name}`;
      if (expired) this.cookies.delete(id);
      else this.cookies.set(id, { origin: url.origin, path, name, value });
    }
  }

  header(url: URL): string | undefined {
    const matching = [...this.cookies.values()].filter(
      (c) =>
        c.origin === url.origin &&
        (url.pathname === c.path ||
          url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
    );
    // Most specific path first, as browsers do.
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }
}

const MAX_STEPS = 20;

/**
 * Test helper: given the authorize URL the relying party redirected to,
 * performs the browser's part against the local provider over real HTTP
 * (cookie jar, `redirect: 'manual'`), logging in with `login_hint` or by
 * posting `citizenId` in the citizen form, and returns the final redirect
 * URL to the relying party's redirect_uri (with code & state, or error).
 * Throws if the form is shown and no (known) `citizenId` was given, or if
 * the provider answers with an error page.
 */
export async function completeFranceConnectLogin(
  authorizeUrl: string,
  citizenId?: string,
): Promise<string> {
  const redirectUri = new URL(authorizeUrl).searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error('The authorize URL has no redirect_uri');
  const isCallback = (u: URL) => `${u.origin}${u.pathname}` === redirectUri.split(/[?#]/)[0];

  const jar = new CookieJar();
  let url = new URL(authorizeUrl);
  let method: 'GET' | 'POST' = 'GET';
  let body: URLSearchParams | undefined;
  let posted = false;

  for (let step = 0; step < MAX_STEPS; step++) {
    if (isCallback(url)) return url.toString();
    const cookie = jar.header(url);
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    jar.store(url, res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const form = /<form method="post" action="([^"]+)"/.exec(html);
    if (form && html.includes('name="citizen"')) {
      if (posted) throw new Error(`The provider refused the citizen "${citizenId}"`);
      if (!citizenId) throw new Error('The provider shows the citizen form: pass a citizenId');
      url = new URL(form[1].replace(/&amp;/g, '&'), url);
      method = 'POST';
      body = new URLSearchParams({ citizen: citizenId });
      posted = true;
      continue;
    }
    const text = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    throw new Error(
      `Unexpected provider answer HTTP ${res.status} at ${url.pathname}: ${text.slice(0, 300)}`,
    );
  }
  throw new Error('Too many redirects during the FranceConnect login');
}

/**
 * The cookie that binds a FranceConnect sign-in to the browser that started it
 * (`palabre_fc_flow`), from the start's answer: a client without a cookie jar
 * sends it back with the callback, as a browser does.
 */
export function flowCookie(start: { getSetCookie(): string[] }): string | undefined {
  const line = start.getSetCookie().find((c) => c.startsWith('palabre_fc_flow='));
  return line?.split(';')[0];
}
