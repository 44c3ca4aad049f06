/**
 * The sortitions pages in a real Chromium (Debian's, driven by
 * playwright-core), against the platform as `npm start` runs it, on the demo
 * budget process and its "Tirages au sort" component. axe-core finds no
 * violation, at 360 and 1280 px, on the public list of draws, the demo
 * citizens' panel's page (its replacements opened), the administrators'
 * component page (and its two forms with their errors: a bad pool line, a
 * quota no panel can meet), a prepared draw's administrators' page and the
 * confirmation of its draw; nothing is wider than a 360 px screen (the
 * commitment and the redraw command wrap). With JavaScript turned off, an
 * administrator goes from the space's page to a draw among the demo ideas,
 * prepares it, draws it (confirmed) and reads its result on the public page.
 * Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const FORM = 'application/x-www-form-urlencoded';
const SLUG = `budget-participatif-${new Date().getFullYear()}`;

/** 40 volunteers: 20 F / 20 M, ages in two bands. */
const POOL = [
  'id,genre,age',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `v${String(i + 1).padStart(2, '0')},${i % 2 ? 'F' : 'M'},${i % 4 < 2 ? 'jeune' : 'senior'}`,
  ),
].join('\n');

(available ? describe : describe.skip)('the sortitions pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let spaceId: string;
  let componentId: string;
  let demo: string;
  let prepared: string;

  /** A page of the site over HTTP (redirects not followed), as the browser would post a form. */
  const fetchPage = (path: string, init: { cookie?: string; form?: Record<string, string> } = {}) =>
    fetch(`${platform.url}${path}`, {
      method: init.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        'accept-language': 'fr-FR',
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.form ? { 'content-type': FORM, origin: platform.url } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
  const sessionOf = (r: Response) =>
    String(r.headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];
  const api = async <T>(path: string, cookie?: string) => {
    const r = await fetch(`${platform.url}${path}`, {
      headers: { 'cache-control': 'no-cache', ...(cookie ? { cookie } : {}) },
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as T };
  };

  /** The wall-clock time `days` from now, as a `datetime-local` control takes it. */
  const later = (days: number) =>
    new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 11) + '18:00';

  const context = async (
    options: { javaScriptEnabled?: boolean; signedIn?: boolean } = {},
  ): Promise<BrowserContext> => {
    const ctx = await browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    if (options.signedIn ?? true) {
      const [name, value] = admin.split('=');
      await ctx.addCookies([{ name, value, url: platform.url }]);
    }
    return ctx;
  };

  /** axe at 360 and 1280 px, then the screenshots (nothing wider than 360 px). */
  async function check(page: Page, name: string): Promise<void> {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await expectAccessible(page);
    }
    await shoot(page, name);
  }

  /** Posts a form by its button and waits for the page that answers (a 303's target, or the refusal). */
  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.locator(button).click()]);
  }

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    admin = sessionOf(
      await fetchPage('/sign-in', {
        form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/' },
      }),
    );
    // The demo panel arrives through spaces' announcement: wait for it.
    type Landing = { id: string; components: { id: string; type: string }[] };
    for (let i = 0; i < 150 && !demo; i++) {
      const space = await api<Landing>(`/api/spaces/${SLUG}`);
      const c = space.body?.components?.find((x) => x.type === 'sortitions');
      if (c) {
        spaceId = space.body.id;
        componentId = c.id;
        const r = await api<{ items: { id: string }[] }>(
          `/api/sortitions/components/${c.id}/draws`,
        );
        demo = r.body?.items?.[0]?.id ?? '';
      }
      if (!demo) await new Promise((res) => setTimeout(res, 200));
    }
    expect(demo).toBeTruthy();
    // A prepared draw, through the site's form.
    const r = await fetchPage(`/admin/sortitions/components/${componentId}/panel`, {
      cookie: admin,
      form: {
        'panel-title-fr': 'Panel des habitants du quartier, tiré au sort parmi les volontaires',
        size: '6',
        'panel-revealAt': later(10),
        pool: POOL,
        rows: '12',
        'quota-0-category': 'genre',
        'quota-0-value': 'F',
        'quota-0-min': '3',
        'quota-0-max': '3',
        'quota-1-category': 'genre',
        'quota-1-value': 'M',
        'quota-1-min': '3',
        'quota-1-max': '3',
        'quota-2-category': 'age',
        'quota-2-value': 'jeune',
        'quota-2-min': '3',
        'quota-2-max': '3',
        'quota-3-category': 'age',
        'quota-3-value': 'senior',
        'quota-3-min': '3',
        'quota-3-max': '3',
      },
    });
    expect(r.status).toBe(303);
    prepared = /\/admin\/sortitions\/([0-9a-f-]{36})/.exec(r.headers.get('location')!)![1];
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the public list and the demo panel’s page: axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context({ signedIn: false });
    const page = await ctx.newPage();
    await page.goto(`/spaces/${SLUG}/sortitions/${componentId}`);
    expect(await page.locator('main').innerText()).toContain(
      'Panel citoyen du budget participatif',
    );
    await check(page, 'sortitions-list');
    await page.goto(`/spaces/${SLUG}/sortitions/${componentId}/${demo}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Vérifier ce tirage');
    expect(main).toContain('node tools/sortition/redraw.mjs --url');
    await page.locator('details summary').first().click();
    expect(await page.locator('details ol').first().isVisible()).toBe(true);
    await check(page, 'sortitions-panel');
    // The commitment wraps inside a phone's screen.
    await page.setViewportSize({ width: 360, height: 800 });
    const box = await page.locator('#before code').first().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await page.goto(`/spaces/${SLUG}/sortitions/${componentId}/${prepared}`);
    expect(await page.locator('main').innerText()).toContain('Le tirage n’est pas encore fait');
    await check(page, 'sortitions-prepared');
    await ctx.close();
  }, 120_000);

  it('the administrators’ component page and its forms with their errors: axe finds nothing', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/sortitions/components/${componentId}`);
    expect(await page.locator('main').innerText()).toContain('Panel des habitants du quartier');
    await check(page, 'admin-sortitions');

    // A bad pool line, named next to the pool.
    await page.locator('#panel-title-fr').fill('Panel d’essai');
    await page.locator('#size').fill('6');
    await page.locator('#panel-revealAt').fill(later(3));
    await page.locator('#pool').fill(POOL.replace('v03,M,senior', 'v03,X,senior'));
    for (const [i, [category, value, min, max]] of [
      ['age', 'jeune', '0', '6'],
      ['age', 'senior', '0', '6'],
      ['genre', 'F', '5', '6'],
      ['genre', 'M', '3', '3'],
    ].entries()) {
      await page.locator(`#quota-${i}-category`).fill(category);
      await page.locator(`#quota-${i}-value`).fill(value);
      await page.locator(`#quota-${i}-min`).fill(min);
      await page.locator(`#quota-${i}-max`).fill(max);
    }
    await submit(page, '#panel-form button[type="submit"]:not([name])');
    expect(await page.locator('#pool-error').innerText()).toContain('Ligne 4 du vivier');
    expect(await page.locator('#pool').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'admin-sortitions-pool-error');

    // Quotas no panel can meet: said on the row of their category.
    await page.locator('#pool').fill(POOL);
    await submit(page, '#panel-form button[type="submit"]:not([name])');
    expect(await page.locator('#quota-2-min-error').innerText()).toContain(
      'Les minimums de « genre » font 8 membres',
    );
    expect(await page.locator('#quota-2-min').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'admin-sortitions-infeasible');

    // The proposals draw's form with its errors.
    await page.locator('#count').fill('0');
    await submit(page, '#proposals-form button[type="submit"]');
    expect(await page.locator('#title-fr').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#count').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'admin-sortitions-proposals-errors');

    await page.goto('/admin/sortitions');
    await expectAccessible(page);
    await ctx.close();
  }, 120_000);

  it('a prepared draw’s page and the confirmation of its draw: axe finds nothing', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/sortitions/${prepared}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Tirer au sort maintenant');
    expect(main).toContain('Les nombres publics sont annoncés pour le');
    await check(page, 'admin-sortition-prepared');
    await page.locator('#publicNumbers').fill('Dés : 3 5 1 6');
    await submit(page, '#draw-form button[type="submit"]');
    expect(await page.locator('h1').innerText()).toContain('Tirer au sort « Panel des habitants');
    await check(page, 'admin-sortition-confirm');
    await page.goto(`/admin/sortitions/${demo}`);
    await check(page, 'admin-sortition-drawn');
    await ctx.close();
  }, 120_000);

  it('without JavaScript: from the space to a draw among the ideas, prepared, drawn and published', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`/admin/spaces/${spaceId}`);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator(`a[href="/admin/sortitions/components/${componentId}"]`).click(),
    ]);
    await page.locator('#title-fr').fill('Les trois idées étudiées en premier');
    await page.locator('#count').fill('3');
    await page.locator('#revealAt').fill(later(2));
    await submit(page, '#proposals-form button[type="submit"]');
    expect(page.url()).toMatch(/\/admin\/sortitions\/[0-9a-f-]{36}\?done=prepared$/);
    const id = /\/admin\/sortitions\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await page.locator('[role="status"]').innerText()).toContain('La liste est arrêtée');

    await page.locator('#publicNumbers').fill('Dés lancés devant témoins : 2 6 3 3 1');
    await page.locator('#witnesses').fill('Mme Leroy');
    await submit(page, '#draw-form button[type="submit"]');
    expect(await page.locator('main').innerText()).toContain('Cela ne pourra pas être défait');
    await submit(page, 'main form button[type="submit"]');
    expect(page.url()).toMatch(new RegExp(`/admin/sortitions/${id}\\?done=drawn#result$`));
    expect(await page.locator('[role="status"]').innerText()).toContain('Le tirage est fait');
    expect(await page.locator('#result li').count()).toBe(3);

    await Promise.all([
      page.waitForEvent('load'),
      page.locator(`a[href="/spaces/${SLUG}/sortitions/${componentId}/${id}"]`).first().click(),
    ]);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Dés lancés devant témoins : 2 6 3 3 1');
    expect(await page.locator('#draw ol li a').count()).toBe(3);
    const d = await api<{ state: string; selectedProposals: { title: string }[] }>(
      `/api/sortitions/draws/${id}`,
      admin,
    );
    expect(d.body.state).toBe('drawn');
    expect(await page.locator('#draw ol li').allInnerTexts()).toEqual(
      d.body.selectedProposals.map((p) => p.title),
    );
    await shoot(page, 'sortitions-proposals-drawn');
    await ctx.close();
  }, 120_000);
});
