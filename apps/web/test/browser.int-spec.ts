/**
 * End to end in a real Chromium (Debian's, driven by playwright-core): a
 * citizen signs a demo petition through the local FranceConnect and gets a
 * receipt; a minor is refused kindly; the same flow with JavaScript off;
 * keyboard only; axe-core finds no violation on every page visited.
 * Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

(available ? describe : describe.skip)('the site in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let petitions: { id: string; title: string }[];

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    const r = await fetch(`${platform.url}/api/petitions?state=published&sort=most-signed`);
    petitions = ((await r.json()) as { items: { id: string; title: string }[] }).items;
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

  /** From a petition page: sign, identify at the local FranceConnect as `citizen`, come back. */
  async function signAs(page: Page, id: string, citizen: string): Promise<void> {
    await page.goto(`/petitions/${id}`);
    await page.getByRole('button', { name: 'Signer cette pétition' }).click();
    await page.waitForURL(`**/petitions/${id}?step=identify#sign`);
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await page.locator(`button[name="citizen"][value="${citizen}"]`).click();
  }

  it('a citizen signs through FranceConnect, sees the confirmation and receipt; axe finds nothing on every page', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    for (const path of [
      '/',
      '/petitions',
      '/sign-in',
      '/legal-notice',
      '/accessibility',
      '/personal-data',
      '/no/such/page',
      '/?lang=en',
      '/petitions?lang=fr',
    ]) {
      await page.goto(path);
      await expectAccessible(page);
    }
    await shoot(page, 'petitions');
    const { id } = petitions[0];
    await page.goto(`/petitions/${id}`);
    await expectAccessible(page);
    await shoot(page, 'petition');
    const count = async () =>
      Number((await page.locator('[data-live-count]').innerText()).replace(/\D/g, ''));
    const before = await count();
    await page.getByRole('button', { name: 'Signer cette pétition' }).click();
    await page.waitForURL(`**/petitions/${id}?step=identify#sign`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await page.locator('button[name="citizen"][value="adult-marie"]').click();
    await page.waitForURL(`**/petitions/${id}?step=confirm#sign`);
    expect(await page.locator('#sign').innerText()).toContain(
      'Vous êtes identifié·e avec FranceConnect',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Signer cette pétition' }).click();
    await page.waitForURL(`**/petitions/${id}?signed=1#sign`);
    // The page after signing counts the signature, though the public copy may be a second old.
    expect(await count()).toBe(before + 1);
    const status = page.getByRole('status');
    await status.waitFor();
    expect(await status.innerText()).toContain('Merci ! Votre signature est enregistrée.');
    const receipt = (await page.locator('.receipt').innerText()).trim();
    expect(receipt.length).toBeGreaterThan(6);
    await expectAccessible(page);
    await shoot(page, 'signed');
    await page.goto('/my/signatures');
    expect(await page.locator('main').innerText()).toContain(receipt);
    await expectAccessible(page);
    await ctx.close();
  });

  it('a minor is told at once, kindly, that petitions are for adults, and cannot sign', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const { id } = petitions[0];
    // FranceConnect signs Léa (16) in: her age may open a youth budget's vote, not a petition.
    await signAs(page, id, 'minor-lea');
    await page.waitForURL(`**/petitions/${id}?step=confirm#sign`);
    const section = page.locator('#sign');
    expect(await section.innerText()).toContain('Signature réservée aux personnes majeures');
    expect(await section.innerText()).toContain('il faut avoir 18 ans');
    expect(await page.locator('#sign-button').count()).toBe(0);
    await expectAccessible(page);
    // The form posted anyway (an old tab): petitions refuses, the page says why, nothing is signed.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/petitions/${id}/sign`)),
      page.evaluate((action) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        document.body.append(form);
        form.submit();
      }, `/petitions/${id}/sign`),
    ]);
    expect(answer.status()).toBe(403);
    await page.waitForLoadState();
    expect(await page.locator('#sign').innerText()).toContain('il faut avoir 18 ans');
    await page.goto('/my/signatures');
    expect(await page.locator('.receipt').count()).toBe(0);
    await ctx.close();
  });

  it('a FranceConnect sign-in cancelled or without a birthdate ends on a page of the site, in French or English, with the way back', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const { id, title } = petitions[0];
    await page.goto(`/petitions/${id}`);
    await page.getByRole('button', { name: 'Signer cette pétition' }).click();
    await page.waitForURL(`**/petitions/${id}?step=identify#sign`);
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await page.getByRole('button', { name: 'Annuler et revenir au service' }).click();
    await page.waitForURL('**/sign-in/refused?reason=cancelled&**');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe('Connexion FranceConnect annulée');
    expect(await page.locator('main').innerText()).toContain('vous n’êtes pas connecté·e');
    await expectAccessible(page);
    await shoot(page, 'franceconnect-cancelled');
    // The same page in English, from the language switch.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/sign-in/refused?**lang=en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('FranceConnect sign-in cancelled');
    // Back to the petition, where signing can start again.
    await page.getByRole('link', { name: 'Back to the page you were on' }).click();
    await page.waitForURL(`**/petitions/${id}?step=confirm#sign`);
    expect(await page.locator('h1').innerText()).toBe(title);
    await page.goto(`/petitions/${id}?lang=fr`);
    // Without a birthdate, nobody is signed in, and the page says why and what to try.
    await signAs(page, id, 'no-birthdate');
    await page.waitForURL('**/sign-in/refused?reason=no-birthdate&**');
    expect(await page.locator('h1').innerText()).toBe('Date de naissance inconnue');
    expect(await page.locator('main').innerText()).toContain('un autre des comptes');
    expect(await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).count()).toBe(
      1,
    );
    await expectAccessible(page);
    await ctx.close();
  });

  it('signs with JavaScript turned off', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const { id } = petitions[0];
    await signAs(page, id, 'adult-jean');
    await page.waitForURL(`**/petitions/${id}?step=confirm#sign`);
    await page.getByRole('button', { name: 'Signer cette pétition' }).click();
    await page.waitForURL(`**/petitions/${id}?signed=1#sign`);
    expect(await page.getByRole('status').innerText()).toContain('Votre signature est enregistrée');
    await shoot(page, 'signed-nojs');
    // Where its type allows it, the signer may take the signature back, and sign again.
    await page.getByRole('button', { name: 'Retirer ma signature' }).click();
    await page.waitForURL(`**/petitions/${id}?withdrawn=1#sign`);
    expect(await page.getByRole('status').innerText()).toContain('Votre signature est retirée');
    await page.getByRole('button', { name: 'Signer cette pétition' }).click();
    await page.waitForURL(`**/petitions/${id}?signed=1#sign`);
    // Anyone may check the receipt: the page names the petition and the day, nothing of the signer.
    const receipt = await page.locator('#sign .receipt').innerText();
    await page.getByRole('link', { name: 'Vérifier un récépissé' }).click();
    await page.waitForURL(`**/petitions/receipt?number=${receipt}`);
    const found = await page.getByRole('status').innerText();
    expect(found).toContain('Ce récépissé compte dans la pétition');
    expect(found).toContain(petitions[0].title);
    expect(found).toMatch(/Signée le \d{1,2} \S+ \d{4}\./);
    // A mistyped number is named next to its field; an unknown one is said plainly.
    await page.getByLabel('Numéro de récépissé').fill('1234');
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.waitForURL('**/petitions/receipt?number=1234');
    expect(await page.locator('#number-error').innerText()).toContain('36 caractères');
    await page.getByLabel('Numéro de récépissé').fill('00000000-0000-4000-8000-000000000000');
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.waitForURL('**/petitions/receipt?number=00000000-0000-4000-8000-000000000000');
    expect(await page.getByRole('status').innerText()).toContain('Aucune signature ne compte');
    await ctx.close();
    // axe runs in a page with scripts: the same pages, found, malformed and unknown.
    const axeCtx = await context();
    const checker = await axeCtx.newPage();
    for (const n of [receipt, '1234', '00000000-0000-4000-8000-000000000000']) {
      await checker.goto(`/petitions/receipt?number=${n}`);
      await expectAccessible(checker);
      await shoot(checker, `receipt-${n.length}`);
    }
    await axeCtx.close();
  });

  it('keyboard only: Tab to the sign button, Enter, Tab to FranceConnect, Enter', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    const { id } = petitions[petitions.length > 1 ? 1 : 0];
    await page.goto(`/petitions/${id}`);
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
          return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    // The first Tab reaches the skip link, which is visible when focused.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await tabTo('#sign-button');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/petitions/${id}?step=identify#sign`);
    await tabTo('a.fc-button');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/fc-local/**');
    await tabTo('button[value="adult-marie"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/petitions/${id}?step=confirm#sign`);
    await tabTo('#sign-button');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/petitions/${id}?signed=1#sign`);
    expect(await page.getByRole('status').innerText()).toContain('Votre signature est enregistrée');
    await ctx.close();
  });
});
