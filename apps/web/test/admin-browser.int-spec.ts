/**
 * End to end in a real Chromium (Debian's, driven by playwright-core): an
 * author identified with the local FranceConnect (mode=author) drafts and
 * submits a petition; the demo administrator signs in and publishes it from
 * the review queue; the petition is then public. The same with JavaScript
 * off. axe-core finds no violation on every author and back-office page
 * visited (forms with their errors included). Screenshots at 360 and 1280 px
 * land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const TEXT =
  'Nous demandons que les cours d’école restent ouvertes aux enfants du quartier le mercredi après-midi, sous la surveillance d’animateurs.';

(available ? describe : describe.skip)('author and back-office pages in Chromium', () => {
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

  /** From "Déposer une pétition": identify at the local FranceConnect, draft, submit. Returns the id. */
  async function draftAndSubmit(
    page: Page,
    citizen: string,
    title: string,
    opts: { checkEach: boolean; shots?: string },
  ): Promise<string> {
    await page.goto('/petitions/new');
    if (opts.checkEach) await expectAccessible(page);
    await page.getByRole('link', { name: 'S’identifier avec FranceConnect' }).click();
    await page.locator(`button[name="citizen"][value="${citizen}"]`).click();
    await page.waitForURL('**/petitions/new');
    expect(await page.locator('h1').innerText()).toBe('Déposer une pétition');
    // Sent empty first: the errors come back summarised, each next to its field.
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.error-summary').innerText()).toContain('erreur(s)');
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');
    if (opts.checkEach) {
      await expectAccessible(page);
      if (opts.shots) await shoot(page, `${opts.shots}-draft-errors`);
    }
    await page.locator('input[name="typeId"]').first().check();
    await page.locator('#title').fill(title);
    await page.locator('#body').fill(TEXT);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL('**/my/petitions/*?done=created');
    const id = /\/my\/petitions\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await page.getByRole('status').innerText()).toContain('Votre brouillon est enregistré.');
    if (opts.checkEach) {
      await expectAccessible(page);
      if (opts.shots) await shoot(page, `${opts.shots}-draft`);
      await page.getByRole('link', { name: 'Modifier le brouillon' }).click();
      await page.waitForURL(`**/my/petitions/${id}/edit`);
      await expectAccessible(page);
      await page.goto(`/my/petitions/${id}`);
    }
    await page.getByRole('button', { name: 'Soumettre à l’examen' }).click();
    await page.waitForURL(`**/my/petitions/${id}?done=submitted`);
    expect(await page.locator('main').innerText()).toContain('En examen');
    if (opts.checkEach) await expectAccessible(page);
    await page.goto('/my/petitions');
    expect(await page.locator('main').innerText()).toContain(title);
    if (opts.checkEach) {
      await expectAccessible(page);
      if (opts.shots) await shoot(page, `${opts.shots}-my-petitions`);
      // An author is not an administrator: a 403 that says so.
      const r = await page.goto('/admin');
      expect(r?.status()).toBe(403);
      await expectAccessible(page);
    }
    return id;
  }

  /** The demo administrator signs in (sent to the sign-in page by /admin) and publishes `id` from the queue. */
  async function publishFromQueue(
    page: Page,
    id: string,
    title: string,
    opts: { checkEach: boolean; shots?: string },
  ): Promise<void> {
    await page.goto('/admin');
    await page.waitForURL('**/sign-in?returnTo=%2Fadmin');
    await page.locator('#email').fill('admin@demo.palabre.test');
    await page.locator('#password').fill('palabre-demo-admin');
    await page.locator('form[action="/sign-in"] button[type="submit"]').click();
    await page.waitForURL('**/admin');
    if (opts.checkEach) {
      await expectAccessible(page);
      if (opts.shots) await shoot(page, `${opts.shots}-admin`);
    }
    await page.getByRole('link', { name: 'Pétitions à examiner', exact: true }).click();
    await page.waitForURL('**/admin/petitions?state=submitted');
    if (opts.checkEach) {
      await expectAccessible(page);
      if (opts.shots) await shoot(page, `${opts.shots}-queue`);
    }
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.waitForURL(`**/admin/petitions/${id}`);
    if (opts.checkEach) {
      // A refusal needs its reason: the error is announced next to the field.
      await page.getByRole('button', { name: 'Déclarer non recevable' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#reason-error').innerText()).toContain(
        'Ce champ est obligatoire.',
      );
      await expectAccessible(page);
      if (opts.shots) await shoot(page, `${opts.shots}-review`);
    }
    await page.getByRole('button', { name: 'Publier la pétition' }).click();
    // A page of its own asks for confirmation, saying what cannot be undone.
    await page.getByRole('heading', { name: `Publier la pétition « ${title} » ?` }).waitFor();
    if (opts.checkEach) await expectAccessible(page);
    await page.getByRole('button', { name: 'Publier la pétition' }).click();
    await page.waitForURL(`**/admin/petitions?state=submitted&done=published&id=${id}`);
    expect(await page.getByRole('status').innerText()).toContain(`« ${title} » est publiée`);
    if (opts.checkEach) await expectAccessible(page);
  }

  async function expectPublic(page: Page, id: string, title: string): Promise<void> {
    const r = await page.goto(`/petitions/${id}`);
    expect(r?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe(title);
    await page.getByRole('button', { name: 'Signer cette pétition' }).waitFor();
  }

  it('an author drafts and submits, an admin publishes from the queue, the petition is public; axe finds nothing on every page', async () => {
    const title = 'Ouvrir les cours d’école le mercredi après-midi';
    const authorCtx = await context();
    const author = await authorCtx.newPage();
    const id = await draftAndSubmit(author, 'adult-jean', title, {
      checkEach: true,
      shots: 'author',
    });
    const adminCtx = await context();
    const admin = await adminCtx.newPage();
    await publishFromQueue(admin, id, title, { checkEach: true, shots: 'admin' });
    const visitorCtx = await context();
    await expectPublic(await visitorCtx.newPage(), id, title);

    // The author now reads that it is open for signature.
    await author.goto(`/my/petitions/${id}`);
    expect(await author.locator('main').innerText()).toContain('Ouverte à la signature');
    await expectAccessible(author);

    // The rest of the back-office, each page checked by axe.
    await admin.goto(`/admin/petitions/${id}`);
    await admin.locator('#count').fill('120');
    await admin.locator('#source').fill('Mairie annexe, registre papier');
    await admin.getByRole('button', { name: 'Enregistrer le décompte' }).click();
    await admin.waitForURL(`**/admin/petitions/${id}?done=offline#offline`);
    expect(await admin.locator('table').innerText()).toContain('Mairie annexe, registre papier');
    await expectAccessible(admin);
    await shoot(admin, 'admin-petition');
    await admin.goto('/admin/petitions?state=published');
    await expectAccessible(admin);
    await admin.goto('/admin/petitions/types');
    await expectAccessible(admin);
    await shoot(admin, 'admin-types');
    await admin.getByRole('link', { name: 'Créer un type de pétition' }).click();
    await admin.waitForURL('**/admin/petitions/types/new');
    await expectAccessible(admin);
    await admin.locator('#signatureDays').fill('0');
    await admin.getByRole('button', { name: 'Créer le type' }).click();
    await admin.waitForLoadState();
    expect(await admin.locator('#name-fr-error').innerText()).toContain(
      'Donnez le nom dans une langue au moins.',
    );
    await expectAccessible(admin);
    await shoot(admin, 'admin-type-errors');
    await admin.goto('/admin/petitions/types');
    await admin.getByRole('link', { name: 'Pétition citoyenne', exact: true }).click();
    await admin.waitForURL('**/admin/petitions/types/*');
    expect(await admin.locator('#milestone-0-threshold').inputValue()).toBe('1000');
    await expectAccessible(admin);
    await admin.goto('/?lang=en');
    await admin.goto('/admin/petitions?state=published');
    expect(await admin.locator('h1').innerText()).toBe('Petitions');
    await expectAccessible(admin);
    await Promise.all([authorCtx.close(), adminCtx.close(), visitorCtx.close()]);
  });

  it('the same author and admin flow with JavaScript turned off', async () => {
    const title = 'Un composteur partagé dans chaque quartier';
    const authorCtx = await context({ javaScriptEnabled: false });
    const id = await draftAndSubmit(await authorCtx.newPage(), 'adult-marie', title, {
      checkEach: false,
    });
    const adminCtx = await context({ javaScriptEnabled: false });
    const admin = await adminCtx.newPage();
    await publishFromQueue(admin, id, title, { checkEach: false });
    await shoot(admin, 'admin-published-nojs');
    const visitorCtx = await context({ javaScriptEnabled: false });
    await expectPublic(await visitorCtx.newPage(), id, title);
    await Promise.all([authorCtx.close(), adminCtx.close(), visitorCtx.close()]);
  });
});
