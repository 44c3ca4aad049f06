/**
 * The participatory budgeting pages in a real Chromium (Debian's, driven by
 * playwright-core), against the platform as `npm start` runs it with its demo
 * "Budget participatif" (two budgets, a dozen projects, seeded with no admin
 * action). axe-core finds no violation on every budgets page: the list, a
 * budget with a selection and with a refusal shown, the confirmation step,
 * the confirmation after the vote, the results (SVG chart and table), the
 * implementation tracking, and every back-office page, forms with their
 * errors included. axe runs in contexts with JavaScript (it cannot run
 * without); the full vote (FranceConnect signer through the local provider,
 * projects added, confirmation step, vote recorded) runs with JavaScript
 * turned off, and a checkout is done with the keyboard only. Screenshots at
 * 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { completeFranceConnectLogin, flowCookie } from '@palabre/fc-local';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const YEAR = new Date().getFullYear();
const SLUG = `budget-participatif-${YEAR}`;
const FORM = 'application/x-www-form-urlencoded';

interface Project {
  id: string;
  /** Per language (ADR 0033). */
  title: { fr?: string; en?: string };
}

(available ? describe : describe.skip)('participatory budgeting pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let componentId: string;
  let base: string;
  let centre: string;
  let nord: string;
  const projects = new Map<string, Project[]>();

  /** A page of the site over HTTP (redirects not followed), as the browser would post a form. */
  const fetchPage = (path: string, init: { cookie?: string; form?: Record<string, string> } = {}) =>
    fetch(`${platform.url}${path}`, {
      method: init.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.form ? { 'content-type': FORM, origin: platform.url } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
  const sessionOf = (r: Response) =>
    String(r.headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];

  /** A FranceConnect signer's session, through the local provider, without a browser. */
  async function signer(citizen: string): Promise<string> {
    const start = await fetchPage(
      `/auth/franceconnect/login?mode=signer&returnTo=%2F&login_hint=${citizen}`,
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

  const api = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${platform.url}${path}`, { headers: { 'cache-control': 'no-cache' } });
    expect(r.status).toBe(200);
    return (await r.json()) as T;
  };
  const project = (budgetId: string, start: string): Project =>
    projects.get(budgetId)!.find((p) => p.title.fr?.startsWith(start))!;

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
    for (let i = 0; i < 150 && !space; i++) {
      const r = await fetch(`${platform.url}/api/spaces/${SLUG}`);
      if (r.ok) space = await r.json();
      else await new Promise((res) => setTimeout(res, 200));
    }
    componentId = space!.components.find((c) => c.type === 'budgets')!.id;
    base = `/spaces/${SLUG}/budgets/${componentId}`;
    // The demo budgets are there without any admin action (seeded when spaces announced the component).
    let budgets: { id: string; title: { fr?: string; en?: string } }[] = [];
    for (let i = 0; i < 150 && budgets.length < 2; i++) {
      const r = await fetch(`${platform.url}/api/budgeting/components/${componentId}/budgets`);
      if (r.ok) budgets = ((await r.json()) as { items: typeof budgets }).items;
      if (budgets.length < 2) await new Promise((res) => setTimeout(res, 200));
    }
    expect(budgets.map((b) => b.title.fr)).toEqual(['Centre-ville', 'Quartiers Nord']);
    [centre, nord] = budgets.map((b) => b.id);
    for (const id of [centre, nord])
      projects.set(
        id,
        (await api<{ items: Project[] }>(`/api/budgeting/budgets/${id}/projects`)).items,
      );
    // Open the vote: the demo's fourth phase has votes_enabled. It comes after the idea box,
    // and a phase opens nothing outside its dates (ADR 0032): move them to include today first.
    const vote = space!.phases[3].id;
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const edited = await fetchPage(`/admin/spaces/${space!.id}/phases/${vote}`, {
      cookie: admin,
      form: {
        'phaseTitle-fr': 'Vote',
        'phaseTitle-en': 'Vote',
        phaseStartsOn: day(-1),
        phaseEndsOn: day(30),
      },
    });
    expect(edited.status).toBe(303);
    const activated = await fetchPage(`/admin/spaces/${space!.id}/phases/${vote}/activate`, {
      cookie: admin,
      form: {},
    });
    expect(activated.status).toBe(303);
    for (let i = 0; i < 150; i++) {
      const l = await api<{ component: { votingOpen: boolean } }>(
        `/api/budgeting/components/${componentId}/budgets`,
      );
      if (l.component.votingOpen) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    await new Promise((res) => setTimeout(res, 2_100)); // the public caches (2 s at most)
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('public pages: list, a selection, a refusal, the confirmation step, the vote recorded; axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context(null);
    const page = await ctx.newPage();
    await page.goto(base);
    expect(await page.locator('#who-may-vote').innerText()).toContain('Qui peut voter');
    await expectAccessible(page);
    await shoot(page, 'budgets-list');

    // A FranceConnect signer, through the local provider's page.
    await page.locator('a.fc-button').first().click();
    await page.waitForURL('**/fc-local/**');
    await page.locator('button[value="adult-jean"]').click();
    await page.waitForURL(`**${base}`);
    await page
      .getByRole('link', { name: /Quartiers Nord/ })
      .first()
      .click();
    await page.waitForURL(`**${base}/${nord}`);
    await expectAccessible(page);

    const field = project(nord, 'Un terrain');
    const light = project(nord, 'Éclairer');
    const garden = project(nord, 'Un jardin');
    const tables = project(nord, 'Des tables');
    await submit(page, `#add-${field.id}`);
    expect(page.url()).toContain(`?done=added&project=${field.id}`);
    expect(await page.locator(`#project-${field.id}-message`).innerText()).toContain(
      'est dans votre sélection',
    );
    await submit(page, `#add-${light.id}`);
    expect(await page.locator('#cart-needs').count()).toBe(0);
    await expectAccessible(page);
    await shoot(page, 'budget-selection');

    // Over the envelope: refused, the reason next to the project.
    await submit(page, `#add-${garden.id}`);
    const refusal = page.locator(`#project-${garden.id}-message`);
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.innerText()).toContain('ne peut pas être ajouté');
    expect(await page.locator(`#add-${garden.id}`).getAttribute('aria-describedby')).toBe(
      `project-${garden.id}-message`,
    );
    await expectAccessible(page);
    await shoot(page, 'budget-refusal');

    await submit(page, `#add-${tables.id}`);
    await page.locator('#checkout-link').click();
    await page.waitForURL(`**${base}/${nord}/checkout`);
    expect(await page.locator('h1').innerText()).toBe('Confirmer mon vote — Quartiers Nord');
    await expectAccessible(page);
    await shoot(page, 'budget-checkout');
    await submit(page, 'form[action$="/checkout"] button[type="submit"]');
    expect(page.url()).toContain(`${base}/${nord}?done=voted`);
    expect(await page.locator('#vote').innerText()).toContain('Merci : votre vote est enregistré.');
    await expectAccessible(page);
    await shoot(page, 'budget-voted');
    await page.goto(base);
    expect(await page.locator('main').innerText()).toContain('Vous avez voté');
    await expectAccessible(page);
    await ctx.close();
  }, 240_000);

  it('the full vote with JavaScript turned off: FranceConnect, projects added, confirmation, vote recorded', async () => {
    const ctx = await context(null, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    const here = `${base}/${centre}`;
    await page.goto(here);
    expect(await page.locator('#vote').innerText()).toContain('FranceConnect');
    await page.locator('#vote a.fc-button').click();
    await page.waitForURL('**/fc-local/**');
    await page.locator('button[value="adult-marie"]').click();
    await page.waitForURL(`**${here}`);
    const picks = ['Des arbres', 'Une fontaine', 'Des arceaux'].map((s) => project(centre, s));
    for (const p of picks) {
      await page.locator(`#add-${p.id}`).click();
      await page.waitForURL(`**${here}?done=added&project=${p.id}*`);
      expect(await page.locator(`#project-${p.id}-message`).innerText()).toContain(
        'est dans votre sélection',
      );
    }
    expect(await page.locator('#vote').innerText()).toContain('Votre sélection respecte la règle');
    await page.locator('#checkout-link').click();
    await page.waitForURL(`**${here}/checkout`);
    const listed = await page.locator('main ul').first().innerText();
    for (const p of picks) expect(listed).toContain(p.title.fr);
    await page.getByRole('button', { name: 'Je confirme mon vote' }).click();
    await page.waitForURL(`**${here}?done=voted*`);
    const receipt = await page.locator('#vote').innerText();
    expect(receipt).toContain('Merci : votre vote est enregistré.');
    for (const p of picks) expect(receipt).toContain(p.title.fr);
    await shoot(page, 'budget-voted-nojs');
    await ctx.close();
  }, 240_000);

  it('a checkout with the keyboard only', async () => {
    const ctx = await context(await signer('adult-marie'));
    const page = await ctx.newPage();
    const here = `${base}/${nord}`;
    await page.goto(here);
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return a ? `${a.tagName.toLowerCase()}#${a.id}` : '';
      });
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
          return;
      }
      throw new Error(`Tab never reached ${selector} (last: ${await focused()})`);
    };
    // The first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    for (const p of ['Un terrain', 'Un jardin'].map((s) => project(nord, s))) {
      await tabTo(`#add-${p.id}`);
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      expect(page.url()).toContain(`?done=added&project=${p.id}`);
    }
    await tabTo('#checkout-link');
    await Promise.all([page.waitForURL(`**${here}/checkout`), page.keyboard.press('Enter')]);
    await tabTo('form[action$="/checkout"] button[type="submit"]');
    await Promise.all([page.waitForURL(`**${here}?done=voted*`), page.keyboard.press('Enter')]);
    expect(await page.locator('#vote').innerText()).toContain('Merci : votre vote est enregistré.');
    await ctx.close();
  }, 240_000);

  it('back-office pages, forms with their errors included, then the public results and tracking: axe finds nothing', async () => {
    const ctx = await context(admin);
    const page = await ctx.newPage();
    const admin_ = `/admin/budgets/${componentId}`;
    await page.goto('/admin/budgets');
    await expectAccessible(page);
    await page.goto(admin_);
    await expectAccessible(page);
    await shoot(page, 'admin-budgets');

    // A new budget: the form, then its errors.
    await page.goto(`${admin_}/new`);
    await expectAccessible(page);
    await page.locator('#envelope').fill('beaucoup');
    await submit(page, `form[action="${admin_}/new"] button[type="submit"]`);
    expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
    expect(await page.locator('#title-fr').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-budget-errors');

    // A budget with votes: the form says envelope and rule are frozen.
    await page.goto(`${admin_}/${centre}`);
    expect(await page.locator('main').innerText()).toContain(
      'Des votes ont été exprimés : l’enveloppe et la règle ne peuvent plus changer.',
    );
    await expectAccessible(page);
    await shoot(page, 'admin-budget');

    // A project: new with errors, then one to edit.
    await page.goto(`${admin_}/${centre}/projects/new`);
    await expectAccessible(page);
    await page.locator('#imageUrls').fill('http://insecure.example/a.png');
    await submit(page, `form[action="${admin_}/${centre}/projects/new"] button[type="submit"]`);
    expect(await page.locator('#amount').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.goto(`${admin_}/${centre}/projects/${project(centre, 'Une boîte').id}`);
    await expectAccessible(page);
    await shoot(page, 'admin-project');

    // Paper ballots: errors, then an entry.
    const fountain = project(centre, 'Une fontaine');
    await page.goto(`${admin_}/${centre}/paper`);
    await expectAccessible(page);
    await page.locator('#station').fill('Mairie annexe');
    await page.locator('#ballots').fill('2');
    await page.locator(`#votes-${fountain.id}`).fill('5');
    await submit(page, `form[action="${admin_}/${centre}/paper"] button[type="submit"]`);
    expect(await page.locator(`#votes-${fountain.id}`).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-paper-errors');
    await page.locator('#ballots').fill('6');
    await submit(page, `form[action="${admin_}/${centre}/paper"] button[type="submit"]`);
    expect(page.url()).toContain('done=');
    await expectAccessible(page);

    // Results: every project ticked is over the envelope (its own error), then the computed selection.
    const results = `${admin_}/${centre}/results`;
    await page.goto(results);
    await expectAccessible(page);
    const boxes = page.locator('input[type="checkbox"][name="projectIds"]');
    const computed: string[] = [];
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      if (await box.isChecked()) computed.push(await box.getAttribute('value').then(String));
      await box.check();
    }
    await submit(page, `form[action="${results}"] button[type="submit"]`);
    expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
    expect(await page.locator('main').innerText()).toContain('dépassent l’enveloppe');
    await expectAccessible(page);
    await shoot(page, 'admin-results-errors');
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      const value = String(await box.getAttribute('value'));
      if (computed.includes(value)) await box.check();
      else await box.uncheck();
    }
    await submit(page, `form[action="${results}"] button[type="submit"]`);
    // A final action: its own page asks first, then the same form is posted again.
    expect(await page.locator('h1').innerText()).toBe(
      'Confirmer les résultats de « Centre-ville » ?',
    );
    expect(await page.locator('main').innerText()).toContain('Cela ne pourra pas être défait');
    await expectAccessible(page);
    await shoot(page, 'admin-results-confirm');
    await submit(page, `form[action="${results}"] button[type="submit"]`);
    expect(page.url()).toContain('done=confirmed');
    await expectAccessible(page);

    // Tracking: a progress out of range is an error on its field, then an update.
    await page.goto(`${admin_}/progress`);
    await expectAccessible(page);
    const progress = page.locator('input[id^="progress-"]').first();
    const progressId = String(await progress.getAttribute('id'));
    await progress.fill('140');
    await Promise.all([page.waitForEvent('load'), progress.press('Enter')]);
    expect(await page.locator(`#${progressId}`).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-progress-errors');
    await page.locator(`#${progressId}`).fill('40');
    await Promise.all([page.waitForEvent('load'), page.locator(`#${progressId}`).press('Enter')]);
    expect(page.url()).toContain('done=');

    // The public results, as an SVG chart and a table, and the tracking.
    await new Promise((res) => setTimeout(res, 2_100)); // the public caches (2 s at most)
    await page.goto(`${base}/${centre}/results`);
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    expect(await page.locator('table').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await shoot(page, 'budget-results');
    await page.goto(`${base}/progress`);
    expect(await page.locator('progress').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await shoot(page, 'budget-progress');
    // The budget once confirmed: voting over, with the reason (once the shared copy of the
    // budget list a visitor may be given is refreshed: a few seconds at most).
    const confirmed = 'résultats de ce budget sont confirmés';
    let vote = '';
    for (let i = 0; i < 40 && !vote.includes(confirmed); i++) {
      if (i) await new Promise((res) => setTimeout(res, 250));
      await page.goto(`${base}/${centre}`);
      vote = await page.locator('#vote').innerText();
    }
    expect(vote).toContain(confirmed);
    await expectAccessible(page);
    await ctx.close();
  }, 240_000);
});
