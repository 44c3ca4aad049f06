/**
 * A person's notifications in a real Chromium (Debian's, driven by
 * playwright-core), against the platform on its own PostgreSQL database:
 * with JavaScript off, from the header's count to the list, "mark all as
 * read", older ones and the settings, by links and plain forms; with
 * JavaScript on (axe-core needs it), no violation on a page with the count,
 * on the list with new ones and on the settings, with and without an error.
 * Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import {
  postgres,
  registerPerson,
  startNotifyingPlatform,
  tell,
  unreadOf,
  until,
  type NotifyingPlatform,
  type Person,
} from './notifications-kit';

(available && postgres ? describe : describe.skip)('notifications in Chromium', () => {
  let env: NotifyingPlatform;
  let browser: Browser;
  let ada: Person;
  let noe: Person;

  beforeAll(async () => {
    [env, browser] = await Promise.all([
      startNotifyingPlatform(),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }),
    ]);
    [ada, noe] = await Promise.all([
      registerPerson(env, 'ada.browser@example.org', 'Ada'),
      registerPerson(env, 'noe.browser@example.org', 'Noé'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  const context = (
    options: { javaScriptEnabled?: boolean; cookie?: string } = {},
  ): Promise<BrowserContext> =>
    browser
      .newContext({
        baseURL: env.platform.url,
        locale: 'fr-FR',
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      })
      .then(async (ctx) => {
        if (options.cookie) {
          const [name, value] = options.cookie.split('=');
          await ctx.addCookies([{ name, value, url: env.platform.url }]);
        }
        return ctx;
      });

  it('follows the count to the list, marks all read, pages and saves settings with JavaScript off', async () => {
    await tell(
      env,
      ada,
      Array.from({ length: 22 }, (_, i) => ({
        kind: 'petition.milestone' as const,
        params: { milestone: String((i + 1) * 100) },
        occurredAt: new Date(Date.UTC(2026, 9, 1 + i, 8)),
      })),
    );
    await until('told', async () => (await unreadOf(env.platform.url, ada)) === 22);
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    try {
      await page.goto('/notifications');
      await page.waitForURL('**/sign-in?returnTo=%2Fnotifications');
      await page.locator('#email').fill(ada.email);
      await page.locator('#password').fill(ada.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL('**/notifications');
      // Back from signing in: the first 20, new, and now read; 2 left to read.
      expect(await page.locator('main li strong.tag').count()).toBe(20);
      await page.goto('/');
      const link = page.getByRole('link', { name: 'Notifications, 2 non lues' });
      await expect(link.innerText()).resolves.toBe('Notifications (2)');
      await link.click();
      await page.waitForURL('**/notifications');
      expect(await page.locator('main li strong.tag').count()).toBe(0);
      await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
      await page.waitForURL('**/notifications?read=all');
      await expect(page.getByRole('status').innerText()).resolves.toContain(
        'Toutes vos notifications sont marquées comme lues.',
      );
      expect(await page.getByRole('link', { name: 'Notifications', exact: true }).count()).toBe(1);
      await page.getByRole('link', { name: 'Notifications plus anciennes' }).click();
      expect(await page.locator('main ol > li').count()).toBe(2);
      await expect(page.locator('main ol > li').first().innerText()).resolves.toContain(
        'a atteint 200 signatures',
      );

      await page.getByRole('link', { name: 'Choisir comment être prévenu·e' }).click();
      await page.waitForURL('**/account/notifications');
      const group = page.getByRole('group', {
        name: 'Ma pétition atteint un palier de signatures',
      });
      await group.getByLabel('Dans un résumé hebdomadaire').check();
      await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
      await page.waitForURL('**/account/notifications?saved=1');
      await expect(page.getByRole('status').innerText()).resolves.toContain(
        'Vos préférences de notification sont enregistrées.',
      );
      await expect(
        page
          .getByRole('group', { name: 'Ma pétition atteint un palier de signatures' })
          .getByLabel('Dans un résumé hebdomadaire')
          .isChecked(),
      ).resolves.toBe(true);
    } finally {
      await ctx.close();
    }
  });

  it('has no axe violation on the header’s count, the list and the settings', async () => {
    await tell(env, noe, [
      {
        kind: 'petition.published',
        space: {
          id: '2b0c7c5e-8d1e-4c44-9d3b-6f0c1d2e3f40',
          title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
        },
      },
      { kind: 'comment.replied' },
      ...Array.from({ length: 20 }, (_, i) => ({
        kind: 'petition.milestone' as const,
        params: { milestone: String((i + 1) * 100) },
        occurredAt: new Date(Date.UTC(2026, 0, 1 + i, 8)),
      })),
    ]);
    await until('told', async () => (await unreadOf(env.platform.url, noe)) === 22);
    const ctx = await context({ cookie: noe.cookie });
    const page = await ctx.newPage();
    try {
      await page.goto('/');
      await expect(
        page.getByRole('link', { name: 'Notifications, 22 non lues' }).count(),
      ).resolves.toBe(1);
      await expectAccessible(page);

      // New ones, the "mark all" form (2 left on the next page) and the link to older ones.
      await page.goto('/notifications');
      expect(await page.locator('main li strong.tag').count()).toBe(20);
      await expect(
        page.getByRole('button', { name: 'Tout marquer comme lu' }).count(),
      ).resolves.toBe(1);
      await expectAccessible(page);
      await shoot(page, 'notifications');

      await page.goto('/notifications?lang=en');
      await expectAccessible(page);

      await page.goto('/account/notifications?lang=fr');
      await expectAccessible(page);
      await shoot(page, 'notification-settings');
      // A value no radio offers (a tampered form): the error summary and the group marked.
      await page.evaluate(() => {
        const radio = document.querySelector<HTMLInputElement>(
          'input[name="petition.milestone"]:checked',
        );
        if (radio) radio.value = 'hourly';
      });
      await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
      await expect(page.locator('#error-summary').innerText()).resolves.toContain(
        'Choisissez une des quatre possibilités.',
      );
      await expectAccessible(page);
    } finally {
      await ctx.close();
    }
  });
});
