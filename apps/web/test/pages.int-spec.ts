/**
 * The site's pages over HTTP, against the real platform (spawned as `npm start`
 * runs it): language, landmarks, petitions, signing without a session, forms
 * that work without JavaScript, 404s that help, user links that warn.
 */
import { startPlatform, type RunningPlatform } from './platform';

let platform: RunningPlatform;
beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);
afterAll(() => platform?.stop());

const page = async (path: string, init: RequestInit & { lang?: string } = {}) => {
  const r = await fetch(`${platform.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { 'accept-language': init.lang ?? 'fr-FR,fr;q=0.9', ...(init.headers ?? {}) },
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
};

async function demoPetition(): Promise<{ id: string; title: string }> {
  const r = await fetch(`${platform.url}/api/petitions?state=published&sort=most-signed`);
  return ((await r.json()) as { items: { id: string; title: string }[] }).items[0];
}

describe('web pages', () => {
  it('renders the home page with the shell: lang, skip link, landmarks, organization name, footer pages', async () => {
    const r = await page('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toMatch(/^<!doctype html><html lang="fr">/);
    expect(r.text).toContain('<a class="skip" href="#main">Aller au contenu</a>');
    for (const landmark of [
      '<header',
      '<nav aria-label="Menu principal">',
      '<main id="main"',
      '<footer',
    ])
      expect(r.text).toContain(landmark);
    expect(r.text).toContain('Ville de Démo');
    for (const path of ['/legal-notice', '/accessibility', '/personal-data']) {
      expect(r.text).toContain(`href="${path}"`);
      expect((await page(path)).status).toBe(200);
    }
  });

  it('speaks English from Accept-Language, ?lang= or the remembered cookie, with numbers and dates per locale', async () => {
    const en = await page('/petitions', { lang: 'en-GB,en;q=0.9' });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Most signed');
    const switched = await page('/petitions?lang=en');
    expect(switched.text).toContain('<html lang="en">');
    const cookie = String(switched.headers.get('set-cookie')).split(';')[0];
    expect(cookie).toBe('palabre_lang=en');
    const remembered = await page('/', { headers: { cookie } });
    expect(remembered.text).toContain('<html lang="en">');
    expect(remembered.text).toContain('href="/?lang=fr"');
  });

  it('offers visitors to start a petition, and asks them to sign in as its author', async () => {
    const list = await page('/petitions');
    expect(list.text).toContain('<a class="button" href="/petitions/new">Déposer une pétition</a>');
    const start = await page('/petitions/new');
    expect(start.status).toBe(200);
    expect(start.text).toContain('/auth/franceconnect/login?mode=author');
  });

  it('lists petitions with a GET form of filters and sorts, and a next-page link', async () => {
    const r = await page('/petitions?state=published&sort=newest');
    expect(r.text).toContain('<form method="get" action="/petitions"');
    expect(r.text).toContain('<label for="state">');
    expect(r.text).toMatch(/<option value="newest" selected>/);
    expect(r.text).toMatch(/<option value="published" selected>/);
    const hrefs = [...r.text.matchAll(/href="\/petitions\/([0-9a-f-]{36})"/g)];
    expect(hrefs.length).toBeGreaterThan(0);
    // A bad value is not an error page: the default applies.
    expect((await page('/petitions?sort=nonsense&state=<x>')).status).toBe(200);
  });

  it('shows a petition: text, author, count, milestones with text and bars, timeline, sign form', async () => {
    const p = await demoPetition();
    const r = await page(`/petitions/${p.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(`<h1>${p.title.replace(/'/g, '&#39;')}</h1>`);
    expect(r.text).toContain('data-live-count=');
    expect(r.text).toMatch(/<progress\s+max="\d+"\s+value="\d+"\s+aria-labelledby="milestone-0"/);
    expect(r.text).toContain('<ol class="timeline">');
    expect(r.text).toContain(`<form method="post" action="/petitions/${p.id}/sign" data-once>`);
  });

  it("shows a petition's type and milestones in the page's language, another one marked with its lang", async () => {
    const p = await demoPetition();
    // The demo's citizens' petition type is written in French and English.
    const en = await page(`/petitions/${p.id}`, { lang: 'en-GB,en;q=0.9' });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toMatch(/·\s*Citizens’ petition\s*·/);
    expect(en.text).toContain('Examined by the city council: ');
    expect(en.text).not.toContain('Pétition citoyenne');
    const fr = await page(`/petitions/${p.id}`);
    expect(fr.text).toMatch(/·\s*Pétition citoyenne\s*·/);
    expect(fr.text).toContain('Examen par le conseil municipal : ');
    // The Senate one is in French only: on an English page its option says so (an option holds no span).
    const types = (
      (await (await fetch(`${platform.url}/api/petitions/types`)).json()) as {
        items: { id: string; name: { fr?: string; en?: string } }[];
      }
    ).items;
    const senate = types.find((t) => t.name.fr === 'Pétition au Sénat')!;
    const citizens = types.find((t) => t.name.fr === 'Pétition citoyenne')!;
    expect(senate.name.en).toBeUndefined();
    const list = await page('/petitions', { lang: 'en' });
    expect(list.text).toContain(
      `<option value="${senate.id}" lang="fr">Pétition au Sénat</option>`,
    );
    expect(list.text).toContain(`<option value="${citizens.id}">Citizens’ petition</option>`);
    expect(list.text).toMatch(/·\s*Citizens’ petition\s*·/);
  });

  it('signing without a session leads to the FranceConnect button, back to the petition', async () => {
    const p = await demoPetition();
    const post = await page(`/petitions/${p.id}/sign`, {
      method: 'POST',
      headers: { origin: platform.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe(`/petitions/${p.id}?step=identify#sign`);
    const next = await page(`/petitions/${p.id}?step=identify`);
    expect(next.text).toContain('S’identifier avec FranceConnect');
    expect(next.text).toContain(
      `href="/auth/franceconnect/login?mode=signer&amp;returnTo=${encodeURIComponent(`/petitions/${p.id}?step=confirm#sign`)}"`,
    );
  });

  it('refuses to sign for a form posted from another site', async () => {
    const p = await demoPetition();
    const r = await page(`/petitions/${p.id}/sign`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
    expect(r.status).toBe(403);
  });

  it('answers unknown pages and petitions with a helpful 404 in the visitor language', async () => {
    const r = await page('/no/such/page', { lang: 'en' });
    expect(r.status).toBe(404);
    expect(r.text).toContain('Page not found');
    expect(r.text).toContain('href="/petitions"');
    expect((await page('/petitions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await page('/petitions/not-a-uuid')).status).toBe(404);
  });

  it('sign-in form: labelled fields; errors summarised, linked and described', async () => {
    const form = await page('/sign-in');
    expect(form.text).toMatch(/<label for="email"\s*>/);
    expect(form.text).toContain('mode=signer');
    expect(form.text).toContain('mode=author');
    const bad = await page('/sign-in', {
      method: 'POST',
      headers: { origin: platform.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=not-an-email&password=',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('class="error-summary" role="alert"');
    expect(bad.text).toContain('<a href="#email">');
    expect(bad.text).toMatch(
      /id="email"[^>]*aria-describedby="email-hint email-error"[^>]*aria-invalid="true"/,
    );
    const wrong = await page('/sign-in', {
      method: 'POST',
      headers: { origin: platform.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=nobody%40example.org&password=wrong-password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Adresse électronique ou mot de passe incorrect.');
  });

  it('sends user links through the leaving page with rel="nofollow noopener noreferrer ugc"', async () => {
    const r = await page(`/leave?url=${encodeURIComponent('https://example.org/a?b=1')}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(
      'href="https://example.org/a?b=1" rel="nofollow noopener noreferrer ugc"',
    );
    expect((await page('/leave?url=javascript:alert(1)')).status).toBe(400);
  });

  it('serves its assets content-hashed and cached for a year', async () => {
    const home = await page('/');
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(home.text)![1];
    const r = await fetch(`${platform.url}${css}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toContain('immutable');
  });
});
