/**
 * The participatory spaces pages in a real Chromium (Debian's, driven by
 * playwright-core): axe-core finds no violation on every public and
 * back-office page of spaces (forms with their errors included); an
 * administrator creates a process with two phases and activates the second
 * with JavaScript turned off; the phases are reordered with the keyboard
 * only. Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const YEAR = new Date().getFullYear();
const BUDGET = `budget-participatif-${YEAR}`;

(available ? describe : describe.skip)('participatory spaces pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    // The demo spaces arrive through an event after start.
    for (let i = 0; i < 100; i++) {
      const r = await fetch(`${platform.url}/api/spaces`);
      if (r.ok && ((await r.json()) as { items: unknown[] }).items.length >= 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const context = (options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> =>
    browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
      ...options,
    });

  /** The demo administrator signs in from the page `path` sends them to. */
  async function signIn(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.waitForURL(`**/sign-in?returnTo=${encodeURIComponent(path)}`);
    await page.locator('#email').fill('admin@demo.palabre.test');
    await page.locator('#password').fill('palabre-demo-admin');
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.waitForURL(`**${path}`);
  }

  /** Creates a process from the back-office form; returns the id of its page. */
  async function createProcess(page: Page, slug: string, title: string): Promise<string> {
    await page.goto('/admin/spaces/new?kind=process');
    await page.locator('#slug').fill(slug);
    await page.locator('#title-fr').fill(title);
    await page
      .locator('#welcome-fr')
      .fill('Donnez votre avis sur les rues qui deviennent piétonnes.');
    await page.locator('#organizer-fr').fill('Direction des mobilités');
    await page.getByRole('button', { name: 'Créer l’espace (en brouillon)' }).click();
    await page.waitForURL('**/admin/spaces/*?done=created');
    return /\/admin\/spaces\/([0-9a-f-]{36})/.exec(page.url())![1];
  }

  async function addPhase(page: Page, id: string, title: string): Promise<void> {
    await page.goto(`/admin/spaces/${id}/phases/new`);
    await page.locator('#phaseTitle-fr').fill(title);
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.waitForURL(`**/admin/spaces/${id}?done=phaseAdded*`);
  }

  it('public pages: list, landing page, card; axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto('/spaces');
    await expectAccessible(page);
    await shoot(page, 'spaces-list');
    await page.getByRole('link', { name: `Budget participatif ${YEAR}` }).click();
    await page.waitForURL(`**/spaces/${BUDGET}`);
    expect(await page.locator('h1').innerText()).toBe(`Budget participatif ${YEAR}`);
    const current = page.locator('li[aria-current="step"]');
    expect(await current.innerText()).toContain('étape en cours');
    await expectAccessible(page);
    await shoot(page, 'space-landing');
    const snippet = await page.locator('#embed-code').inputValue();
    expect(snippet).toContain(`/spaces/${BUDGET}/card?lang=fr`);
    await page.goto('/spaces/conseil-de-quartier');
    await expectAccessible(page);
    await page.goto('/spaces?type=assembly&lang=en');
    expect(await page.locator('h1').innerText()).toBe('Participatory spaces');
    await expectAccessible(page);
    await page.goto('/?lang=fr');
    await expectAccessible(page);

    // The card, framed by a page of another origin (another port) as the snippet says.
    const other = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="fr"><head><title>Autre site</title></head><body><main><h1>Autre site</h1>${snippet}</main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const host = await ctx.newPage();
      await host.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const frame = host.frameLocator('iframe');
      await frame.locator('article h1').waitFor();
      expect(await frame.locator('article h1').innerText()).toBe(`Budget participatif ${YEAR}`);
      expect(await frame.locator('main').innerText()).toContain('Boîte à idées');
      // Any other page of the site stays out of frames.
      const refused = await host.evaluate(async (url) => {
        const f = document.createElement('iframe');
        f.src = url;
        document.body.append(f);
        await new Promise((r) => setTimeout(r, 1500));
        try {
          return f.contentDocument === null || f.contentWindow?.location.href !== url;
        } catch {
          return true;
        }
      }, `${platform.url}/spaces/${BUDGET}`);
      expect(refused).toBe(true);
    } finally {
      other.close();
    }
    await page.goto(`/spaces/${BUDGET}/card`);
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 600 });
    await page.screenshot({ path: join(ARTIFACTS, 'space-card-360.png'), fullPage: true });
    await ctx.close();
  });

  it('back-office pages, forms with their errors included: axe finds nothing', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, '/admin/spaces');
    await expectAccessible(page);
    await shoot(page, 'admin-spaces');
    await page.getByRole('link', { name: 'Créer un processus participatif' }).click();
    await page.waitForURL('**/admin/spaces/new?kind=process');
    await expectAccessible(page);
    await page.locator('#slug').fill('Mauvaise Adresse');
    await page.getByRole('button', { name: 'Créer l’espace (en brouillon)' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
    expect(await page.locator('#slug').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-space-errors');

    const id = await createProcess(page, `rues-${Date.now().toString(36)}`, 'Rues apaisées');
    await expectAccessible(page);
    await page.goto(`/admin/spaces/${id}/phases/new`);
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#phaseTitle-fr-error').innerText()).toContain('Donnez le titre');
    await expectAccessible(page);
    await addPhase(page, id, 'Diagnostic');
    await addPhase(page, id, 'Propositions');
    await expectAccessible(page);
    await shoot(page, 'admin-space');
    await page.goto(`/admin/spaces/${id}/edit`);
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Modifier : Étape 1/ }).count();
    await page.goto(`/admin/spaces/${id}`);
    await page.getByRole('link', { name: 'Modifier : Étape 1 : Diagnostic' }).click();
    await page.waitForURL(`**/admin/spaces/${id}/phases/*`);
    await expectAccessible(page);
    await page.goto(`/admin/spaces/${id}`);
    await page
      .getByRole('link', { name: 'Rendre cette étape active : Étape 2 : Propositions' })
      .click();
    await page.waitForURL(`**/activate`);
    await expectAccessible(page);
    await shoot(page, 'admin-phase-activate');

    await page.goto(`/admin/spaces/${id}/components/new`);
    await expectAccessible(page);
    const types = page.locator('input[name="type"]');
    if ((await types.count()) > 0) {
      await page.getByRole('button', { name: 'Ajouter le composant' }).click();
      await page.waitForLoadState();
      await expectAccessible(page);
      await types.first().check();
      await page.locator('#name-fr').fill('Idées');
      await page.getByRole('button', { name: 'Ajouter le composant' }).click();
      await page.waitForURL('**/components/*?done=created');
      await expectAccessible(page);
      await shoot(page, 'admin-component');
      // The settings are one form: a phase folded under its name opens, a box is ticked, one
      // button saves; the phase that is not the current one is folded again on the way back.
      const part = page.locator('#form-settings details').first();
      expect(await part.getAttribute('open')).toBeNull();
      await part.locator('summary').click();
      const box = part.locator('input[type="checkbox"]').first();
      await box.check();
      await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
      await page.waitForURL('**?done=settings*');
      expect(await box.isChecked()).toBe(true);
      await expectAccessible(page);
      // A permission with an impossible age: the error is announced next to its field (the
      // permission, folded under the rule in force, opens with its error).
      await page.locator('details[id^="part-perm-"] summary').first().click();
      const age = page.locator('input[id$="-age"]').first();
      await age.fill('300');
      await age.press('Enter');
      await page.waitForLoadState();
      expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
      expect(await page.locator('details[id^="part-perm-"][open] input[id$="-age"]').count()).toBe(
        1,
      );
      await expectAccessible(page);
    }

    // A private assembly and its members.
    await page.goto('/admin/spaces/new?kind=assembly');
    await page.locator('#slug').fill(`comite-${Date.now().toString(36)}`);
    await page.locator('#title-fr').fill('Comité des usagers');
    await page.locator('#private').check();
    await page.getByRole('button', { name: 'Créer l’espace (en brouillon)' }).click();
    await page.waitForURL('**/admin/spaces/*?done=created');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Membres de l’espace privé' }).click();
    await page.locator('#userId').fill('quelqu’un');
    await page.getByRole('button', { name: 'Ajouter ce membre' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#userId').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-members');
    await ctx.close();
  });

  it('an admin creates a process with two phases and activates the second, JavaScript turned off', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, '/admin/spaces');
    const slug = `velo-${Date.now().toString(36)}`;
    const id = await createProcess(page, slug, 'Plan vélo');
    await addPhase(page, id, 'Consultation');
    await addPhase(page, id, 'Décision');
    await page
      .getByRole('link', { name: 'Rendre cette étape active : Étape 2 : Décision' })
      .click();
    await page.waitForURL(`**/admin/spaces/${id}/phases/*/activate`);
    expect(await page.locator('h1').innerText()).toBe('Rendre active « Étape 2 : Décision » ?');
    await page.getByRole('button', { name: 'Oui, rendre cette étape active' }).click();
    await page.waitForURL(`**/admin/spaces/${id}?done=activated#phases`);
    expect(await page.getByRole('status').innerText()).toContain(
      'L’étape « Décision » est maintenant en cours.',
    );
    expect(await page.locator('li[aria-current="step"] h3').innerText()).toContain(
      'Étape 2 : Décision',
    );
    await page.getByRole('button', { name: 'Publier l’espace' }).click();
    await page.waitForURL(`**/admin/spaces/${id}?done=published`);
    await page.goto(`/spaces/${slug}`);
    expect(await page.locator('li[aria-current="step"]').innerText()).toContain('Décision');
    await shoot(page, 'space-published-nojs');
    await ctx.close();
  });

  it('reorders the phases with the keyboard only: the focus stays on the phase moved', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, '/admin/spaces');
    const id = await createProcess(page, `parc-${Date.now().toString(36)}`, 'Parc des berges');
    for (const title of ['Idées', 'Ateliers', 'Vote']) await addPhase(page, id, title);
    await page.goto(`/admin/spaces/${id}`);
    const order = async () =>
      (await page.locator('#phases li h3').allInnerTexts()).map((t) => t.trim());
    expect(await order()).toEqual(['Étape 1 : Idées', 'Étape 2 : Ateliers', 'Étape 3 : Vote']);
    // Tab until the "move down" button of the first phase has the focus.
    const focusedName = () =>
      page.evaluate(() =>
        document.activeElement?.tagName === 'BUTTON'
          ? (document.activeElement.textContent ?? '').replace(/\s+/g, ' ').trim()
          : `(${document.activeElement?.tagName})`,
      );
    // `autofocus` is applied at a rendering update after `load`, later on a busy machine.
    const autofocused = () =>
      page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON', undefined, {
        timeout: 10_000,
      });
    for (let i = 0; i < 80 && !(await focusedName()).startsWith('Descendre : Étape 1 : Idées'); i++)
      await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Descendre : Étape 1 : Idées');
    // The form posts and the page comes back (303): wait for the new page, not the same URL.
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(page.url()).toContain(`/admin/spaces/${id}?done=moved`);
    expect(await order()).toEqual(['Étape 1 : Ateliers', 'Étape 2 : Idées', 'Étape 3 : Vote']);
    expect(await page.getByRole('status').innerText()).toContain(
      '« Idées » est maintenant l’étape 2 sur 3.',
    );
    // The focus came back to the same button: Enter again moves it once more.
    await autofocused();
    expect(await focusedName()).toBe('Descendre : Étape 2 : Idées');
    // The form posts and the page comes back (303): wait for the new page, not the same URL.
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(page.url()).toContain(`/admin/spaces/${id}?done=moved`);
    expect(await order()).toEqual(['Étape 1 : Ateliers', 'Étape 2 : Vote', 'Étape 3 : Idées']);
    // At the bottom there is no "down": the focus is on "up".
    await autofocused();
    expect(await focusedName()).toBe('Monter : Étape 3 : Idées');
    await expectAccessible(page);
    await shoot(page, 'admin-phases-moved');
    await ctx.close();
  });
});
