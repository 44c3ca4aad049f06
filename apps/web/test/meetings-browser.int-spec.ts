/**
 * The public meetings pages in a real Chromium (Debian's, driven by
 * playwright-core), against the platform as `npm start` runs it: axe-core
 * finds no violation, at 360 and at 1280 px, on a component's list, a
 * meeting's page with its registration form (and with its errors), the
 * page of a registration's mailed link and the directory; nothing is wider
 * than a 360 px screen. axe runs in contexts with JavaScript (it cannot run
 * without); registering without an account (the form, the mailed link,
 * confirming, then cancelling after the confirmation page) runs with
 * JavaScript turned off. Screenshots land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const NEXT = new Date().getFullYear() + 1;
const LAST = new Date().getFullYear() - 1;

(available ? describe : describe.skip)('meetings pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let base: string;
  let workshop: string;
  let past: string;

  const api = async <T>(path: string, write?: { method: string; body?: unknown }) => {
    const r = await fetch(`${platform.url}${path}`, {
      method: write?.method ?? 'GET',
      headers: {
        'cache-control': 'no-cache',
        cookie: admin,
        ...(write ? { 'content-type': 'application/json', origin: platform.url } : {}),
      },
      body: write ? JSON.stringify(write.body ?? {}) : undefined,
    });
    return { status: r.status, body: (await r.json()) as T };
  };

  /** The newest link to a registration's page in a mail to `to`, from the local mail box. */
  async function mailedLink(to: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const box = await (await fetch(`${platform.url}/dev/mail`)).text();
      const mail = box.split('<article>').find((a) => a.includes(to));
      const found =
        mail && /https?:\/\/[^\s<"]+\/meetings\/registration\?token=[A-Za-z0-9_-]+/.exec(mail);
      if (found) {
        const url = new URL(found[0]);
        return `${url.pathname}${url.search}`;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`No mail to ${to}`);
  }

  const context = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> =>
    browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      ...options,
    });

  /** axe at both widths, then the screenshots (and nothing wider than 360 px). */
  async function check(page: Page, name: string): Promise<void> {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await expectAccessible(page);
    }
    await shoot(page, name);
  }

  /** Posts a form by its button and waits for the page that answers. */
  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.locator(button).click()]);
  }

  async function meeting(componentId: string, body: Record<string, unknown>) {
    const created = await api<{ id: string }>(`/api/meetings/components/${componentId}/meetings`, {
      method: 'POST',
      body: {
        type: 'in_person',
        timeZone: 'Europe/Paris',
        address: '3 place de la Mairie, 69004 Lyon',
        registrationsEnabled: true,
        ...body,
      },
    });
    expect(created.status).toBe(201);
    expect(
      (await api(`/api/meetings/meetings/${created.body.id}/publish`, { method: 'POST' })).status,
    ).toBe(200);
    return created.body.id;
  }

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    const signIn = await fetch(`${platform.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: platform.url },
      body: new URLSearchParams({
        email: 'admin@demo.palabre.test',
        password: 'palabre-demo-admin',
        returnTo: '/',
      }).toString(),
    });
    admin = String(
      signIn.headers.getSetCookie().find((c) => c.startsWith('palabre_session=')),
    ).split(';')[0];
    const space = await api<{ id: string; slug: string }>('/api/spaces', {
      method: 'POST',
      body: {
        kind: 'assembly',
        slug: 'conseil-de-quartier-sud',
        title: { fr: 'Conseil de quartier Sud', en: 'South district council' },
        area: { fr: 'Sud', en: 'South' },
      },
    });
    await api(`/api/spaces/${space.body.id}/publish`, { method: 'POST' });
    const component = await api<{ id: string }>(`/api/spaces/${space.body.id}/components`, {
      method: 'POST',
      body: { type: 'meetings', name: { fr: 'Réunions publiques', en: 'Public meetings' } },
    });
    const componentId = component.body.id;
    base = `/spaces/${space.body.slug}/meetings/${componentId}`;
    for (let i = 0; i < 150; i++) {
      const r = await fetch(`${platform.url}/api/meetings/components/${componentId}/meetings`);
      if (r.ok) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    workshop = await meeting(componentId, {
      title: { fr: 'Atelier sur les jardins partagés', en: 'Shared gardens workshop' },
      description: { fr: 'Où planter ? Qui arrose ? Venez en parler.' },
      startsAt: `${NEXT}-03-10T18:30`,
      endsAt: `${NEXT}-03-10T20:30`,
      latitude: 45.7485,
      longitude: 4.8467,
      locationHints: { fr: 'Salle du rez-de-chaussée' },
      agenda: [{ title: { fr: 'Tour de table' }, durationMinutes: 20 }],
      services: ['childcare', 'hearing_loop'],
      capacity: 25,
      registrationTerms: { fr: 'J’accepte que mon nom figure sur la liste d’émargement.' },
    });
    await meeting(componentId, {
      title: { fr: 'Webinaire de restitution', en: 'Feedback webinar' },
      type: 'online',
      address: undefined,
      timeZone: 'Indian/Reunion',
      startsAt: `${NEXT}-04-02T18:00`,
      endsAt: `${NEXT}-04-02T19:00`,
      onlineUrl: 'https://visio.example.org/restitution',
    });
    past = await meeting(componentId, {
      title: { fr: 'Réunion de lancement', en: 'Kick-off meeting' },
      startsAt: `${LAST}-09-15T18:00`,
      endsAt: `${LAST}-09-15T20:00`,
    });
    await api(`/api/meetings/meetings/${past}/minutes`, {
      method: 'POST',
      body: {
        text: { fr: 'Trente personnes ont proposé des emplacements.' },
        attendeesCount: 30,
        contributionsCount: 8,
        videoUrl: 'https://video.example.org/lancement',
      },
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the list, a meeting with its registration form (and its errors), the mailed link’s page and the directory: axe finds nothing at 360 and 1280 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(base);
    expect(await page.locator('main').innerText()).toContain('Atelier sur les jardins partagés');
    await check(page, 'meetings-list');
    await page.getByRole('link', { name: 'Passées' }).click();
    await page.waitForURL(`**${base}?when=past`);
    expect(await page.locator('main').innerText()).toContain('Compte rendu disponible');
    await check(page, 'meetings-list-past');

    await page.goto(`${base}/${workshop}`);
    expect(await page.locator('#register-form').isVisible()).toBe(true);
    await check(page, 'meeting');
    // Sent empty: the error summary, each error next to its field.
    await submit(page, '#register-form button[type="submit"]');
    expect(await page.locator('#error-summary').innerText()).toContain('3 erreur(s)');
    expect(await page.locator('#name').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'meeting-errors');

    await page.goto(`${base}/${past}`);
    expect(await page.locator('#minutes').innerText()).toContain('30 participants');
    await check(page, 'meeting-minutes');

    // A registration without an account, made over HTTP; its mailed link opened in the browser.
    const email = `nour.${Date.now()}@example.org`;
    const sent = await fetch(`${platform.url}${base}/${workshop}/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: platform.url },
      body: new URLSearchParams({ name: 'Nour', email, acceptTerms: 'true' }).toString(),
    });
    expect(sent.status).toBe(303);
    await page.goto(await mailedLink(email));
    expect(await page.locator('#confirm-form').isVisible()).toBe(true);
    await check(page, 'meeting-registration-link');

    await page.goto('/meetings');
    expect(await page.locator('main').innerText()).toContain('Conseil de quartier Sud');
    await check(page, 'meetings-directory');
    await page.goto('/meetings?from=demain');
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    await check(page, 'meetings-directory-errors');
    await ctx.close();
  }, 240_000);

  it('registering without an account with JavaScript turned off: the form, the mailed link, confirming, cancelling', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const here = `${base}/${workshop}`;
    await page.goto(here);
    const email = `sam.${Date.now()}@example.org`;
    await page.getByLabel('Votre nom').fill('Sam Petit');
    await page.getByLabel('Votre adresse électronique').fill(email);
    await page.getByLabel('J’accepte les conditions d’inscription').check();
    await page.getByRole('button', { name: 'S’inscrire' }).click();
    await page.waitForURL(`**${here}?done=checkMail*`);
    expect(await page.locator('#registration').innerText()).toContain('Presque fini');

    const link = await mailedLink(email);
    await page.goto(link);
    expect(await page.locator('main').innerText()).toContain(
      'Votre inscription attend la confirmation de votre adresse électronique.',
    );
    await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
    await page.waitForURL('**done=confirmed');
    const confirmedText = await page.locator('main').innerText();
    expect(confirmedText).toContain('Merci, votre adresse est confirmée.');
    expect(confirmedText).toMatch(/Votre code, à présenter à l’entrée :\s+[A-Z0-9]{6,10}/);

    await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').innerText()).toBe(
      'Annuler votre inscription à « Atelier sur les jardins partagés » ?',
    );
    await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
    await page.waitForURL('**done=cancelled');
    expect(await page.locator('main').innerText()).toContain('Cette inscription est annulée.');
    await ctx.close();
  }, 240_000);
});
