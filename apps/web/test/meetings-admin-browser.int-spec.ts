/**
 * The organizers' meetings pages in a real Chromium (Debian's, driven by
 * playwright-core), against the platform as `npm start` runs it, on the
 * demo "Conseil de quartier" and its meetings component. axe-core finds no
 * violation on the index, a component's meetings, the meeting form (and its
 * errors), a meeting's management page (before it starts, and once started
 * with the minutes form), a final action's confirmation page and the
 * registrations page (with a code checked at the door); nothing is wider
 * than a 360 px screen. A code is checked at the door with JavaScript turned
 * off. Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { DateTime } from 'luxon';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const FORM = 'application/x-www-form-urlencoded';
const ZONE = 'Europe/Paris';
const wallClock = (days: number, time: string) =>
  `${DateTime.now().setZone(ZONE).plus({ days }).toFormat('yyyy-LL-dd')}T${time}`;

(available ? describe : describe.skip)('the organizers’ meetings pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let componentId: string;
  let upcoming: string;
  let started: string;
  let code: string;

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
  const api = async <T>(path: string, cookie?: string, body?: unknown) => {
    const r = await fetch(`${platform.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'cache-control': 'no-cache',
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json', origin: platform.url }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as T };
  };

  /** A meeting created (and published) through the site's forms; its id. */
  async function meeting(fields: Record<string, string>, publish: boolean): Promise<string> {
    const r = await fetchPage(`/admin/meetings/components/${componentId}/new`, {
      cookie: admin,
      form: {
        type: 'in_person',
        timeZone: ZONE,
        onlineVisibility: 'registered',
        registrationsEnabled: 'true',
        waitingListEnabled: 'true',
        address: 'Mairie de quartier, 1 place Sathonay, 69001 Lyon',
        ...fields,
      },
    });
    expect(r.status).toBe(303);
    const id = /\/admin\/meetings\/([0-9a-f-]{36})/.exec(r.headers.get('location')!)![1];
    if (publish) {
      const p = await fetchPage(`/admin/meetings/${id}/publish`, {
        cookie: admin,
        form: { confirmed: 'yes' },
      });
      expect(p.status).toBe(303);
    }
    return id;
  }

  const context = async (
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<BrowserContext> => {
    const ctx = await browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      ...options,
    });
    const [name, value] = admin.split('=');
    await ctx.addCookies([{ name, value, url: platform.url }]);
    return ctx;
  };

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
    type Landing = { components: { id: string; type: string }[] };
    let space: Landing | null = null;
    for (let i = 0; i < 150 && !space; i++) {
      const r = await api<Landing>('/api/spaces/conseil-de-quartier');
      if (r.status === 200) space = r.body;
      else await new Promise((res) => setTimeout(res, 200));
    }
    componentId = space!.components.find((c) => c.type === 'meetings')!.id;
    for (let i = 0; i < 150; i++) {
      if ((await api(`/api/meetings/components/${componentId}/meetings`, admin)).status === 200)
        break;
      await new Promise((res) => setTimeout(res, 200));
    }
    upcoming = await meeting(
      {
        'title-fr': 'Conseil de quartier d’hiver, ouvert à toutes et à tous',
        'title-en': 'Winter neighbourhood council, open to all',
        'description-fr': 'Ordre du jour : les travaux de la place, le marché de Noël.',
        startsAt: wallClock(5, '18:30'),
        endsAt: wallClock(5, '20:30'),
        capacity: '40',
        reservedSeats: '4',
        'agenda-0-title-fr': 'Accueil',
        'agenda-0-duration': '15',
        services: 'accessible_venue',
      },
      true,
    );
    started = await meeting(
      {
        'title-fr': 'Réunion publique sur la place Sathonay',
        startsAt: wallClock(-1, '18:00'),
        endsAt: wallClock(-1, '20:00'),
      },
      true,
    );
    await meeting(
      {
        'title-fr': 'Brouillon : visite du chantier',
        startsAt: wallClock(12, '10:00'),
        endsAt: wallClock(12, '11:30'),
      },
      false,
    );
    const mine = await api<{ registration: { code: string } }>(
      `/api/meetings/meetings/${upcoming}/registrations`,
      admin,
      {},
    );
    code = mine.body.registration.code;
    const guest = await api(`/api/meetings/meetings/${upcoming}/registrations`, undefined, {
      name: 'Camille Martin-Desrochers de la Grande-Côte',
      email: 'camille.martin-desrochers.de-la-grande-cote@example.org',
    });
    expect(guest.status).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the index, a component’s meetings and the meeting form with its errors: axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto('/admin/meetings');
    await expectAccessible(page);
    await page.goto(`/admin/meetings/components/${componentId}`);
    expect(await page.locator('main').innerText()).toContain('Brouillon : visite du chantier');
    await expectAccessible(page);
    await shoot(page, 'admin-meetings');

    await page.goto(`/admin/meetings/components/${componentId}/new`);
    await expectAccessible(page);
    await shoot(page, 'admin-meeting-new');
    await page.locator('#title-fr').fill('Atelier mobilité');
    await page.locator('#startsAt').fill(wallClock(8, '18:30'));
    await page.locator('#endsAt').fill(wallClock(8, '17:00'));
    await page.locator('#onlineUrl').fill('http://visio.example.org/atelier');
    await submit(page, '#meeting-form button[type="submit"]');
    expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
    expect(await page.locator('#endsAt').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#onlineUrl').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-meeting-errors');

    await page.goto(`/admin/meetings/${upcoming}/edit`);
    expect(await page.locator('#startsAt').inputValue()).toBe(wallClock(5, '18:30'));
    await expectAccessible(page);
    await ctx.close();
  }, 120_000);

  it('a meeting’s management page, before and once started, and a final action’s confirmation: axe finds nothing', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/meetings/${upcoming}`);
    expect(await page.locator('main').innerText()).toContain('Annuler la réunion');
    await expectAccessible(page);
    await shoot(page, 'admin-meeting');

    // Cancelling asks first, on a page of its own.
    await page.locator('#cancelReason-fr').fill('La salle est en travaux.');
    await submit(page, 'form[action$="/cancel"] button[type="submit"]');
    expect(await page.locator('h1').innerText()).toContain('Annuler la réunion');
    await expectAccessible(page);
    await shoot(page, 'admin-meeting-confirm');

    await page.goto(`/admin/meetings/${started}`);
    expect(await page.locator('main').innerText()).toContain(
      'Clore la réunion avec son compte rendu',
    );
    await submit(page, '#minutes-form button[type="submit"]');
    expect(await page.locator('#minutes-fr').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-meeting-minutes');
    await ctx.close();
  }, 120_000);

  it('the registrations page, with a code checked at the door: axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/meetings/${upcoming}/registrations`);
    expect(await page.locator('table.stacked').innerText()).toContain(
      'Camille Martin-Desrochers de la Grande-Côte',
    );
    await expectAccessible(page);
    await shoot(page, 'admin-meeting-registrations');
    await page.locator('#code').fill(code.toLowerCase());
    await submit(page, '#door-form button[type="submit"]');
    expect(await page.locator('#door-result').innerText()).toContain('Code valide');
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await shoot(page, 'admin-meeting-door');
    await ctx.close();
  }, 120_000);

  it('checks a code at the door without JavaScript', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`/admin/meetings/${upcoming}/registrations`);
    await page.locator('#code').fill(code);
    await submit(page, '#door-form button[type="submit"]');
    expect(await page.locator('#door-result').innerText()).toContain('Déjà présent·e');
    await page.locator('#code').fill('ZZZZ9999');
    await submit(page, '#door-form button[type="submit"]');
    expect(await page.locator('#door-result').innerText()).toContain('Code inconnu : ZZZZ9999');
    await ctx.close();
  }, 120_000);
});
