/**
 * The administrators' newsletter pages in a real Chromium (Debian's, driven
 * by playwright-core), against the platform as `npm start` runs it. With
 * JavaScript off, a newsletter is composed by the buttons that add, move and
 * remove blocks, refused an http image next to its field, saved (303) and
 * sent a test; with JavaScript (axe-core needs it), axe finds no violation on
 * the list, the compose form and its errors, a newsletter's page with its
 * preview frame, the sending's confirmation, and the settings, in French and
 * English; nothing is wider than a 360 px screen. Screenshots at 360 and
 * 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const FORM = 'application/x-www-form-urlencoded';

(available ? describe : describe.skip)('the administrators’ newsletter pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let id: string;

  const context = async (
    options: { javaScriptEnabled?: boolean; locale?: string } = {},
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

  /** Posts a form by its button and waits for the page that answers (a 303's target, or the page again). */
  async function submit(page: Page, button: string): Promise<void> {
    const navigated = page.waitForEvent('framenavigated', (f) => f === page.mainFrame());
    // Scrolled first: a click that scrolls on its own can land before the page settles.
    await page.locator(button).scrollIntoViewIfNeeded();
    await page.locator(button).click();
    await navigated;
    await page.waitForLoadState('load');
  }

  beforeAll(async () => {
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    const r = await fetch(`${platform.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM, origin: platform.url },
      body: new URLSearchParams({
        email: 'admin@demo.palabre.test',
        password: 'palabre-demo-admin',
        returnTo: '/',
      }).toString(),
    });
    admin = String(r.headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(
      ';',
    )[0];
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('composes, saves and tests a newsletter with JavaScript turned off', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/admin/newsletters');
    await submit(page, 'main a[href="/admin/newsletters/new"]');
    expect(page.url()).toContain('/admin/newsletters/new');
    await page.locator('#fr-subject').fill('La lettre du printemps');
    await page.locator('#fr-block-0-text').fill('Bonjour,\n\nLe printemps arrive au parc.');
    await submit(page, 'button[value="add-button-fr"]');
    await submit(page, 'button[value="add-image-fr"]');
    await page.locator('#fr-block-1-label').fill('Lire la suite');
    await page.locator('#fr-block-1-url').fill('https://demo.example.org/printemps');
    await page.locator('#fr-block-2-url').fill('http://images.example.org/parc.jpg');
    await page.locator('#fr-block-2-alt').fill('Le parc en fleurs');
    // The image goes up, above the button.
    await submit(page, 'button[value="up-fr-2"]');
    expect(await page.locator('input[name="fr-block-1-kind"]').inputValue()).toBe('image');
    await submit(page, '#newsletter-form button[value="save"] >> nth=-1');
    expect(await page.locator('.error-summary').innerText()).toContain('https://');
    expect(await page.locator('#fr-block-1-url').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#fr-block-1-url').inputValue()).toBe(
      'http://images.example.org/parc.jpg',
    );
    await page.locator('#fr-block-1-url').fill('https://images.example.org/parc.jpg');
    await submit(page, '#newsletter-form button[value="save"] >> nth=-1');
    const m = /\/admin\/newsletters\/([0-9a-f-]{36})\?done=created$/.exec(page.url());
    expect(m).not.toBeNull();
    id = m![1];
    expect(await page.locator('main').innerText()).toContain('Le brouillon est enregistré.');
    await submit(page, '#test-form button[type="submit"]');
    expect(await page.locator('main').innerText()).toContain(
      'Essai envoyé à admin@demo.palabre.test.',
    );
    await ctx.close();
  }, 120_000);

  it('the list, the compose form and its errors, a newsletter’s page and the confirmation: axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto('/admin/newsletters');
    expect(await page.locator('table.stacked').innerText()).toContain('La lettre du printemps');
    await expectAccessible(page);
    await shoot(page, 'admin-newsletters');

    await page.goto('/admin/newsletters/new');
    await expectAccessible(page);
    await shoot(page, 'admin-newsletter-new');
    await submit(page, 'button[value="add-image-en"]');
    await submit(page, 'button[value="count"]');
    expect(await page.locator('[role="status"]').innerText()).toContain('0 personne');
    // English written in part: its subject and the image's text are asked for.
    await page.locator('#en-block-0-url').fill('https://images.example.org/park.jpg');
    await submit(page, '#newsletter-form button[value="save"] >> nth=0');
    expect(await page.locator('#fr-subject').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#en-subject').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#en-block-0-alt').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await shoot(page, 'admin-newsletter-errors');

    await page.goto(`/admin/newsletters/${id}`);
    const frame = page.frameLocator('iframe[title="Aperçu du courriel en français"]');
    expect(await frame.locator('body').innerText()).toContain('Le printemps arrive au parc.');
    await expectAccessible(page);
    await shoot(page, 'admin-newsletter');

    // Nobody consented in the demo: the service's refusal is said, in the page's words.
    await submit(page, '#send-form button[type="submit"]');
    expect(await page.locator('main').innerText()).toContain(
      'Personne parmi ces destinataires n’a consenti',
    );
    await expectAccessible(page);

    // Deleting asks first, on a page of its own.
    await submit(page, '#remove-form button[type="submit"]');
    expect(await page.locator('h1').innerText()).toContain('Supprimer le brouillon');
    await expectAccessible(page);
    await shoot(page, 'admin-newsletter-confirm');

    await page.goto('/admin/newsletters/settings');
    await expectAccessible(page);
    await shoot(page, 'admin-newsletter-settings');
    await ctx.close();
  }, 120_000);

  it('in English too: axe finds nothing on the compose form and a newsletter’s page', async () => {
    const ctx = await context({ locale: 'en-GB' });
    const page = await ctx.newPage();
    await page.goto('/admin/newsletters/new?lang=en');
    expect(await page.locator('h1').innerText()).toBe('New newsletter');
    await expectAccessible(page);
    await page.goto(`/admin/newsletters/${id}?lang=en`);
    expect(await page.locator('main').innerText()).toContain('Send me a test');
    await expectAccessible(page);
    await ctx.close();
  }, 120_000);
});
