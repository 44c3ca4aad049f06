/**
 * Account pages and the organization back-office in a real Chromium (Debian's,
 * driven by playwright-core): registering, confirming from the mail and
 * signing in with JavaScript off; the register form by keyboard only;
 * axe-core (which needs JavaScript, so in another context) finds no
 * violation on every account and back-office page (forms with their errors,
 * the branded home page with its announcement). Screenshots at 360 and
 * 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };
const FR_NUMBERS = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
];

(available ? describe : describe.skip)('account and organization pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
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

  /** The newest link to `path` in a mail to `to`, read from the local mail box. */
  async function mailedLink(to: string, path: string): Promise<string> {
    const pattern = new RegExp(`https?://[^\\s<"]+${path}\\?token=[A-Za-z0-9_-]+`);
    for (let i = 0; i < 100; i++) {
      const box = await (await fetch(`${platform.url}/dev/mail`)).text();
      const mail = box.split('<article>').find((a) => a.includes(to) && pattern.test(a));
      const found = mail ? pattern.exec(mail) : null;
      if (found) {
        const url = new URL(found[0]);
        return `${url.pathname}${url.search}`;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`No mail to ${to} with a link to ${path}`);
  }

  async function captchaAnswer(page: Page): Promise<string> {
    const label = await page.locator('label[for="captchaAnswer"]').innerText();
    const q = /Combien font (\S+) plus (\S+) \?/.exec(label);
    if (!q) throw new Error(`Unexpected question: ${label}`);
    return String(FR_NUMBERS.indexOf(q[1]) + FR_NUMBERS.indexOf(q[2]));
  }

  /** With JavaScript the browser's proof of work is verified by itself and the question hidden. */
  const proofVerified = (page: Page) =>
    page.waitForSelector('[data-question][hidden]', { state: 'attached', timeout: 30_000 });

  async function fillRegistration(
    page: Page,
    email: string,
    name: string,
    javaScript = true,
  ): Promise<void> {
    await page.getByLabel('Nom affiché').fill(name);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe').fill('correct horse battery');
    if (javaScript) await proofVerified(page);
    else await page.locator('#captchaAnswer').fill(await captchaAnswer(page));
  }

  async function signIn(page: Page, email: string, password: string, returnTo: string) {
    await page.goto(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**${returnTo}`);
  }

  it('registers, confirms from the mail and signs in with JavaScript off', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const email = `jsoff.${Date.now()}@example.org`;
    await page.goto('/account/register');
    // Errors first: summarised, linked, next to each field.
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('4 erreur(s)');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    // No script, no proof of work: the question is there, and answered.
    expect(await page.locator('altcha-widget').innerText()).toBe('');
    await fillRegistration(page, email, 'Sans Script', false);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL('**/account/check-email?for=register');
    expect(await page.getByRole('status').innerText()).toContain('un message est en route');
    await page.goto(await mailedLink(email, '/account/confirm'));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.waitForURL('**/account/confirmed');
    await signIn(page, email, 'correct horse battery', '/account');
    expect(await page.locator('h1').innerText()).toBe('Mon compte');
    expect(await page.locator('main').innerText()).toContain(email);
    await ctx.close();
  }, 120_000);

  it('axe finds nothing on every account page, errors included', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const email = `axe.${Date.now()}@example.org`;

    await page.goto('/account/register');
    await expectAccessible(page);
    await shoot(page, 'account-register');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await shoot(page, 'account-register-errors');
    await fillRegistration(page, email, 'Axe Vérifie');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL('**/account/check-email?for=register');
    await expectAccessible(page);
    await page.goto(await mailedLink(email, '/account/confirm'));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.waitForURL('**/account/confirmed');
    await expectAccessible(page);

    await signIn(page, email, 'correct horse battery', '/account');
    await expectAccessible(page);
    await shoot(page, 'account-mine');

    await page.goto('/account/password-reset');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.waitForURL('**/account/check-email?for=reset');
    await page.goto(await mailedLink(email, '/account/password-reset'));
    await expectAccessible(page);
    await page.getByLabel('Nouveau mot de passe').fill('short');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.getByLabel('Nouveau mot de passe').fill('a brand new password');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL('**/account/password-reset/done');
    await expectAccessible(page);

    await signIn(page, email, 'a brand new password', '/account/delete');
    await expectAccessible(page);
    await shoot(page, 'account-delete');
    await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#confirm').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.getByLabel('J’ai compris').check();
    await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
    await page.waitForURL('**/account/deleted');
    await expectAccessible(page);
    await ctx.close();
  }, 180_000);

  it('keyboard only: the register form from the skip link to the confirmation', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto('/account/register');
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.className);
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
          return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('skip');
    await tabTo('#displayName');
    await page.keyboard.type('Clavier Seul');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('email');
    await page.keyboard.type(`keyboard.${Date.now()}@example.org`);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await page.keyboard.type('correct horse battery');
    // The focus is visible on every control (outline from the stylesheet).
    expect(
      await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
    ).not.toBe('none');
    // The browser proved itself (its check box, ticked, says so); the question is hidden.
    await proofVerified(page);
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          !!document.activeElement?.closest('altcha-widget') &&
          (document.activeElement as HTMLInputElement).checked,
      ),
    ).toBe(true);
    expect(await page.locator('#captchaAnswer').isVisible()).toBe(false);
    // The newsletter box (unticked) comes before the button; space ticks it.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('newsletter');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#newsletter')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Créer mon compte',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/account/check-email?for=register');
    await ctx.close();
  });

  it('back-office: settings, branding and users pages pass axe, and the branded home page too', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await signIn(page, ADMIN.email, ADMIN.password, '/admin/organization');
    await expectAccessible(page);
    await shoot(page, 'org-settings');
    // A tile server without {y} nor a credit: both refused next to their field, nothing saved.
    await page
      .getByLabel('Serveur de tuiles de carte (facultatif)')
      .fill('https://tile.openstreetmap.org/{z}/{x}.png');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('{z}, {x} et {y}');
    expect(await page.locator('#mapAttribution-error').innerText()).toContain('OpenStreetMap');
    await expectAccessible(page);
    await shoot(page, 'org-settings-errors');
    await page.goto('/admin');
    expect(await page.locator('main').innerText()).toContain('Utilisateurs et rôles');

    await page.goto('/admin/organization/branding');
    await expectAccessible(page);
    await page.getByLabel('Couleur principale (facultatif)').fill('#ffcc00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('trop claire');
    await expectAccessible(page);
    await shoot(page, 'org-branding-errors');
    await page.getByLabel('Couleur principale (facultatif)').fill('#1d4ed8');
    await page.locator('#welcomeText-fr').fill('Bienvenue sur la plateforme de Démo.');
    await page.locator('#announcement-fr').fill('Réunion publique jeudi à 18 h.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL('**/admin/organization/branding?saved=1');
    await expectAccessible(page);
    try {
      await page.goto('/');
      expect(await page.getByRole('region', { name: 'Annonce' }).innerText()).toContain(
        'Réunion publique jeudi à 18 h.',
      );
      expect(await page.locator('main').innerText()).toContain(
        'Bienvenue sur la plateforme de Démo.',
      );
      // The brand colour applies through the stylesheet the CSP allows.
      expect(
        await page.evaluate(
          () =>
            getComputedStyle(document.querySelector('main a.button') as Element).backgroundColor,
        ),
      ).toBe('rgb(29, 78, 216)');
      await expectAccessible(page);
      await shoot(page, 'home-branded');
    } finally {
      await page.goto('/admin/organization/branding');
      await page.getByLabel('Couleur principale (facultatif)').fill('');
      await page.locator('#welcomeText-fr').fill('');
      await page.locator('#announcement-fr').fill('');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.waitForURL('**/admin/organization/branding?saved=1');
    }

    await page.goto('/admin/organization/users');
    await expectAccessible(page);
    await shoot(page, 'org-users');
    await page.locator('#email').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Donner le rôle' }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
    await ctx.close();
  }, 180_000);
});
