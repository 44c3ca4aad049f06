/**
 * The proposals pages in a real Chromium (Debian's, driven by playwright-core):
 * axe-core finds no violation on every public and back-office page of
 * proposals (forms with their errors included) and nothing overflows at
 * 360 px; a resident makes a proposal and supports another with JavaScript
 * turned off; a resident supports a proposal with the keyboard only.
 * Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { completeFranceConnectLogin, flowCookie } from '@palabre/fc-local';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const YEAR = new Date().getFullYear();
const BUDGET = `budget-participatif-${YEAR}`;

/** Checks a page both ways: axe, and the screenshots (with the 360 px check). */
async function check(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await shoot(page, name);
}

(available ? describe : describe.skip)('proposals pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let spaceId: string;
  let componentId: string;
  let base: string;
  let adminBase: string;
  let admin: string;

  const fetchPage = async (
    path: string,
    init: { cookie?: string; form?: Record<string, string> } = {},
  ) =>
    fetch(`${platform.url}${path}`, {
      method: init.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.form
          ? { 'content-type': 'application/x-www-form-urlencoded', origin: platform.url }
          : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });

  const sessionOf = (r: Response) =>
    String(r.headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];

  async function franceConnect(citizen: string): Promise<string> {
    const start = await fetchPage(
      `/auth/franceconnect/login?mode=author&returnTo=%2F&login_hint=${citizen}`,
    );
    const callback = new URL(
      await completeFranceConnectLogin(new URL(start.headers.get('location')!, platform.url).href),
    );
    return sessionOf(
      await fetchPage(`${callback.pathname}${callback.search}`, {
        cookie: flowCookie(start.headers),
      }),
    );
  }

  async function api<T>(path: string, write?: { method: string; body: unknown }): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const r = await fetch(`${platform.url}${path}`, {
        method: write?.method ?? 'GET',
        headers: {
          'cache-control': 'no-cache',
          cookie: admin,
          ...(write ? { 'content-type': 'application/json', origin: platform.url } : {}),
        },
        body: write ? JSON.stringify(write.body) : undefined,
      });
      if (r.status < 300) return (await r.json()) as T;
      // A 503 says "try again shortly" (a loaded test machine): a well-behaved client does, a few times.
      if (r.status === 503 && attempt < 4) {
        await new Promise((ok) => setTimeout(ok, 1000 * Number(r.headers.get('retry-after') ?? 1)));
        continue;
      }
      throw new Error(`${write?.method ?? 'GET'} ${path} answered ${r.status}: ${await r.text()}`);
    }
  }

  const idOf = async (title: string) =>
    (
      await api<{ items: { id: string; title: string }[] }>(
        `/api/proposals/components/${componentId}/proposals?sort=newest&limit=100`,
      )
    ).items.find((p) => p.title === title)!.id;

  /** A browser context signed in with this session cookie (or anonymous). */
  const context = async (
    cookie: string | null,
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<BrowserContext> => {
    const ctx = await browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      ...options,
    });
    if (cookie) {
      const [name, value] = cookie.split('=');
      await ctx.addCookies([{ name, value, url: platform.url }]);
    }
    return ctx;
  };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    admin = sessionOf(
      await fetchPage('/sign-in', {
        form: {
          email: 'admin@demo.palabre.test',
          password: 'palabre-demo-admin',
          returnTo: '/',
        },
      }),
    );
    let space: {
      id: string;
      phases: { id: string; active: boolean }[];
      components: { id: string; type: string }[];
    } | null = null;
    for (let i = 0; i < 100 && !space; i++) {
      const r = await fetch(`${platform.url}/api/spaces/${BUDGET}`);
      if (r.ok) space = await r.json();
      else await new Promise((res) => setTimeout(res, 200));
    }
    spaceId = space!.id;
    componentId = space!.components.find((c) => c.type === 'proposals')!.id;
    base = `/spaces/${BUDGET}/proposals/${componentId}`;
    adminBase = `/admin/spaces/${spaceId}/proposals/${componentId}`;
    for (let i = 0; i < 100; i++) {
      const r = await fetch(
        `${platform.url}/api/proposals/components/${componentId}/proposals?limit=100`,
      );
      if (r.ok && ((await r.json()) as { items: unknown[] }).items.length >= 12) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    // Supports open in the phase under way, three per person.
    const active = space!.phases.find((p) => p.active)!;
    await api(`/api/spaces/${spaceId}/components/${componentId}`, {
      method: 'PATCH',
      body: { settings: { vote_limit: 3, threshold_per_proposal: 20 } },
    });
    await api(`/api/spaces/${spaceId}/components/${componentId}/phases/${active.id}/settings`, {
      method: 'PATCH',
      body: { settings: { votes_enabled: true } },
    });
    for (let i = 0; i < 100; i++) {
      const mine = await fetch(
        `${platform.url}/api/proposals/components/${componentId}/votes/mine`,
        { headers: { cookie: admin, 'cache-control': 'no-cache' } },
      );
      if (mine.ok && ((await mine.json()) as { limit: number | null }).limit === 3) break;
      await new Promise((res) => setTimeout(res, 200));
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('public pages, a resident’s forms with their errors: axe finds nothing, nothing overflows at 360 px', async () => {
    const anonymous = await context(null);
    let page = await anonymous.newPage();
    await page.goto(base);
    expect(await page.locator('h1').innerText()).toBe('Idées');
    await check(page, 'proposals-list');
    await page.goto(`${base}?q=jardin&state=accepted&sort=relevance`);
    expect(await page.locator('main h3').allInnerTexts()).toEqual([
      'Un jardin partagé derrière la médiathèque',
    ]);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Un jardin partagé derrière la médiathèque' }).click();
    await page.waitForURL(`**${base}/*`);
    await check(page, 'proposal-anonymous');
    await page.goto(`${base}/new`);
    await expectAccessible(page);
    await anonymous.close();

    const resident = await context(await franceConnect('adult-marie'));
    page = await resident.newPage();
    await page.goto(`${base}?mine=1`);
    await expectAccessible(page);
    await page.goto(`${base}/new`);
    await page.getByRole('button', { name: 'Publier la proposition' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'proposal-new-errors');
    await page.locator('#title').fill('Des bacs à compost dans chaque résidence');
    await page
      .locator('#body')
      .fill('Installer des bacs à compost partagés au pied des immeubles, avec un guide.');
    await page.locator('#area').fill('Sud');
    await page.getByRole('button', { name: 'Publier la proposition' }).click();
    await page.waitForURL('**?done=created');
    await check(page, 'proposal-mine');
    const mineUrl = page.url().split('?')[0];
    await page.getByRole('link', { name: 'Modifier la proposition' }).click();
    await page.waitForURL('**/edit');
    await expectAccessible(page);
    await page.goto(`${mineUrl}/withdraw`);
    await expectAccessible(page);

    // Comments: the form with an error, a comment, its reply page, edit, history, delete, report.
    const fountains = await idOf('Des fontaines à eau dans chaque parc');
    await page.goto(`${base}/${fountains}`);
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#body').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.locator('#body').fill('Pensez aussi aux gobelets réutilisables.');
    await page.locator('label[for="stance"]').click();
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await page.waitForURL('**?done=commented*');
    expect(await page.getByRole('status').innerText()).toContain('Votre commentaire est publié.');
    await check(page, 'proposal-comments');
    await page.getByRole('link', { name: 'Répondre — Jean Dupont' }).click();
    await page.waitForURL('**/reply');
    await check(page, 'proposal-reply');
    await page.goto(`${base}/${fountains}`);
    await page.getByRole('link', { name: 'Modifier', exact: true }).click();
    await page.waitForURL('**/edit');
    await expectAccessible(page);
    await page.locator('#body').fill('Pensez aussi aux gobelets réutilisables, et au lavage.');
    await page.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
    await page.waitForURL('**?done=commentEdited*');
    await page.getByRole('link', { name: 'Voir l’historique' }).click();
    await page.waitForURL('**/history');
    await check(page, 'comment-history');
    await page.goto(`${base}/${fountains}`);
    await page.getByRole('link', { name: 'Supprimer', exact: true }).click();
    await page.waitForURL('**/delete');
    await expectAccessible(page);
    await page.goto(`${base}/${fountains}/report`);
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#reason-error').innerText()).toContain('Choisissez la raison');
    await check(page, 'proposal-report-errors');
    await resident.close();
  });

  it('back-office pages: evaluation, official entry, moderation queue and log; axe finds nothing', async () => {
    const ctx = await context(admin);
    const page = await ctx.newPage();
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Propositions', exact: true }).click();
    await page.waitForURL('**/admin/proposals');
    await check(page, 'admin-proposals-index');
    await page.getByRole('link', { name: 'Idées' }).click();
    await page.waitForURL(`**${adminBase}`);
    await check(page, 'admin-proposals');
    await page.getByRole('link', { name: /^Des bancs le long du canal/ }).click();
    await page.waitForURL(`**${adminBase}/*`);
    await expectAccessible(page);
    await page.locator('#cost').fill('douze');
    await page.getByRole('button', { name: 'Publier la réponse' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#cost').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'admin-proposal-evaluation-errors');
    await page.locator('label[for="state-1"]').click();
    await page.locator('#answer').fill('Les bancs seront posés au printemps.');
    await page.locator('#cost').fill('12 500');
    await page.getByRole('button', { name: 'Publier la réponse' }).click();
    await page.waitForURL('**?done=answered*');
    await check(page, 'admin-proposal-evaluation');

    await page.goto(`${adminBase}/new`);
    await page.getByRole('button', { name: 'Publier la proposition' }).click();
    await page.waitForLoadState();
    await check(page, 'admin-proposal-official-errors');

    // Something to moderate: a proposal reported, then hidden by a moderator.
    await ctx.request.post(`${base}/${await idOf('Repair café mensuel')}/report`, {
      form: { reason: 'spam', details: 'Publicité' },
      headers: { origin: platform.url },
    });
    await page.goto(`${adminBase}/moderation`);
    await expectAccessible(page);
    const id = await idOf('Repair café mensuel');
    await page.locator(`#reason-${id}`).fill('Publicité pour un commerce');
    await page.getByRole('button', { name: 'Masquer : Repair café mensuel' }).click();
    await page.waitForURL('**/moderation?done=hidden');
    expect(await page.locator('main table').innerText()).toContain('Publicité pour un commerce');
    await check(page, 'admin-proposals-moderation');
    await ctx.close();
  });

  it('a resident makes a proposal and supports another, JavaScript turned off', async () => {
    const ctx = await context(await franceConnect('adult-jean'), { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'Déposer une proposition' }).click();
    await page.waitForURL('**/new');
    await page.locator('#title').fill('Une aire de jeux pour les plus petits');
    await page
      .locator('#body')
      .fill('Une aire de jeux clôturée pour les moins de six ans, près de la crèche.');
    await page.locator('#onBehalfOf').fill('Parents de la crèche Les Lutins');
    await page.getByRole('button', { name: 'Publier la proposition' }).click();
    await page.waitForURL('**?done=created');
    expect(await page.getByRole('status').innerText()).toContain('Votre proposition est publiée.');
    expect(await page.locator('main').innerText()).toContain(
      'par Jean Martin, au nom de Parents de la crèche Les Lutins',
    );

    await page.goto(`${base}/${await idOf('Une boîte à livres dans chaque quartier')}`);
    await page.getByRole('button', { name: 'Soutenir cette proposition' }).click();
    await page.waitForURL('**?done=voted#support');
    expect(await page.getByRole('status').innerText()).toContain('Votre soutien est enregistré.');
    expect(await page.locator('#support').innerText()).toContain(
      'Vous avez utilisé 1 de vos 3 soutiens.',
    );
    await shoot(page, 'proposal-supported-nojs');
    await ctx.close();
  });

  it('supports a proposal with the keyboard only, and the focus lands on the support panel', async () => {
    const ctx = await context(await franceConnect('adult-jean'));
    const page = await ctx.newPage();
    await page.goto(`${base}/${await idOf('Stationnement vélo sécurisé à la gare')}`);
    const focusedName = () =>
      page.evaluate(() =>
        document.activeElement?.tagName === 'BUTTON'
          ? (document.activeElement.textContent ?? '').replace(/\s+/g, ' ').trim()
          : `(${document.activeElement?.tagName})`,
      );
    for (let i = 0; i < 120 && (await focusedName()) !== 'Soutenir cette proposition'; i++)
      await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Soutenir cette proposition');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(page.url()).toContain('?done=voted#support');
    expect(await page.getByRole('status').innerText()).toContain('Votre soutien est enregistré.');
    // From the support panel (the target of the address), the next Tab reaches "withdraw".
    for (let i = 0; i < 5 && (await focusedName()) !== 'Retirer mon soutien'; i++)
      await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Retirer mon soutien');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(page.url()).toContain('?done=unvoted#support');
    expect(await page.getByRole('status').innerText()).toContain('Votre soutien est retiré.');
    await ctx.close();
  });
});
