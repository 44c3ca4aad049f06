/**
 * The public surveys pages in a real Chromium against the platform as
 * `npm start` runs it, on the demo's consultation (a majority-judgment grid,
 * a ranking, a matrix, a condition): a visitor without an account answers
 * with JavaScript turned off, is told what is missing first, then sees the
 * thanks and the published results; the same browser cannot answer twice;
 * a signed-in administrator answers with JavaScript on. axe-core finds no
 * violation on the list, the survey with its errors, and the results, at
 * 360 and 1280 px; nothing is wider than a 360 px screen.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

(available ? describe : describe.skip)('surveys pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let list: string;
  let surveyPath: string;

  const context = (options: { javaScriptEnabled?: boolean; cookie?: string } = {}) =>
    browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });

  async function check(page: Page, name: string): Promise<void> {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await expectAccessible(page);
    }
    await shoot(page, name);
  }

  /** The survey's answers so far, as its results say (published). */
  async function answerCount(): Promise<number> {
    const id = surveyPath.split('/').pop();
    const r = await fetch(`${platform.url}/api/surveys/surveys/${id}/results`, {
      headers: { 'cache-control': 'no-cache' },
    });
    return ((await r.json()) as { answerCount: number }).answerCount;
  }

  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.locator(button).click()]);
  }

  /** Fills the demo survey's required questions (and a few others). */
  async function fill(page: Page): Promise<void> {
    await page.locator('input[name="q__lien"][value="riverain"]').check();
    await page.locator('input[name="q__trajet"][value="velo"]').check();
    for (const [option, grade] of [
      ['horaires', '0'],
      ['journee', '2'],
      ['jardin', '1'],
      ['rien', '5'],
    ])
      await page.locator(`input[name="q__scenarios__${option}"][value="${grade}"]`).check();
    await page.locator('select[name="q__priorites__securite"]').selectOption('1');
    await page.locator('select[name="q__priorites__calme"]').selectOption('2');
    await page.locator('select[name="q__priorites__acces"]').selectOption('3');
    await page.locator('input[name="q__idee"]').fill('Des arceaux pour les vélos');
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
    // The demo survey arrives through spaces' announcement: wait for it.
    for (let i = 0; i < 100 && !surveyPath; i++) {
      const space = (await (
        await fetch(`${platform.url}/api/spaces/conseil-de-quartier`)
      ).json()) as { components: { id: string; type: string }[] };
      const c = space.components.find((x) => x.type === 'surveys');
      if (c) {
        const r = (await (
          await fetch(`${platform.url}/api/surveys/components/${c.id}/surveys`)
        ).json()) as { items: { id: string }[] };
        list = `/spaces/conseil-de-quartier/surveys/${c.id}`;
        if (r.items?.length) surveyPath = `${list}/${r.items[0].id}`;
      }
      if (!surveyPath) await new Promise((r) => setTimeout(r, 200));
    }
    expect(surveyPath).toBeDefined();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a visitor without an account and without JavaScript answers, is told what is missing first, then sees the published results', async () => {
    const before = await answerCount();
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/spaces/conseil-de-quartier');
    await Promise.all([page.waitForEvent('load'), page.locator(`a[href="${list}"]`).click()]);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator(`a[href="${surveyPath}"]`).first().click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('Rue scolaire Jean-Macé');
    // Nothing filled: the required questions are named in the error summary.
    await submit(page, 'form[action$="/answer"] button[type="submit"]');
    const summary = await page.locator('.error-summary, [role="alert"]').first().innerText();
    expect(summary).toContain('Répondez à cette question');
    expect(await page.title()).toMatch(/^\(?\d|Erreur|erreur/);
    await fill(page);
    // Some grades missing on the majority-judgment grid: said beside it, the rest kept.
    await page.locator('input[name="q__scenarios__rien"][value="5"]').evaluate((e) => {
      (e as HTMLInputElement).checked = false;
    });
    await submit(page, 'form[action$="/answer"] button[type="submit"]');
    expect(await page.locator('#q__scenarios-error').innerText()).toContain(
      'Donnez une mention à chaque proposition',
    );
    expect(await page.locator('input[name="q__idee"]').inputValue()).toBe(
      'Des arceaux pour les vélos',
    );
    await page.locator('input[name="q__scenarios__rien"][value="5"]').check();
    await submit(page, 'form[action$="/answer"] button[type="submit"]');
    expect(page.url()).toContain('done=answered');
    expect(await page.locator('[role="status"]').innerText()).toContain('Merci');
    expect(await page.locator('form[action$="/answer"]').count()).toBe(0);
    // The same browser comes back: already answered.
    await page.goto(surveyPath);
    expect(await page.locator('main').innerText()).toContain('déjà répondu');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator(`a[href="${surveyPath}/results"]`).click(),
    ]);
    const results = await page.locator('main').innerText();
    expect(results).toContain(`${before + 1} personnes ont répondu`);
    expect(results).toContain('Mention majoritaire');
    // Free texts are listed (folded under their count).
    expect(await page.locator('main details').last().textContent()).toContain(
      'Des arceaux pour les vélos',
    );
    expect(await page.locator('figure[role="img"]').count()).toBeGreaterThan(3);
    expect(await page.locator('svg[role="img"]').count()).toBe(4);
    await ctx.close();
  });

  it('a signed-in person answers with JavaScript; the pages pass axe at both widths', async () => {
    const before = await answerCount();
    const ctx = await context();
    const [name, value] = admin.split('=');
    await ctx.addCookies([{ name, value, url: platform.url }]);
    const page = await ctx.newPage();
    await page.goto(list);
    await check(page, 'surveys-list');
    await page.goto(surveyPath);
    await submit(page, 'form[action$="/answer"] button[type="submit"]');
    await check(page, 'survey-errors');
    await fill(page);
    await page.locator('input[name="q__lien"][value="commerce"]').check();
    // The condition met, its question is asked: a shopkeeper's text.
    await page.locator('textarea[name="q__commerce-impact"]').fill('Moins de livraisons le matin');
    await submit(page, 'form[action$="/answer"] button[type="submit"]');
    expect(await page.locator('[role="status"]').innerText()).toContain('Merci');
    await page.goto(`${surveyPath}/results`);
    await check(page, 'survey-results');
    const choices = await page.locator('main').innerText();
    expect(choices).toContain(`${before + 1} personnes ont répondu`);
    await ctx.close();
  });
});
