/**
 * The site on a 360 px phone, in a real Chromium (Debian's, driven by
 * playwright-core): a budget's results table is read as stacked rows, each
 * cell with its column's name, with no box to scroll sideways, and still a
 * table for screen readers; signed in, the header leaves a petition's sign
 * button on the first screen, and its menu works without JavaScript.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const YEAR = new Date().getFullYear();
const SLUG = `budget-participatif-${YEAR}`;
const ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };
const PHONE = { width: 360, height: 800 };

(available ? describe : describe.skip)('the site on a 360 px screen', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;

  /** A page of the site over HTTP (redirects not followed), as the browser would post a form. */
  const fetchPage = (path: string, init: { cookie?: string; form?: Record<string, string> } = {}) =>
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

  const context = async (
    cookie: string | null,
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<BrowserContext> => {
    const ctx = await browser.newContext({
      baseURL: platform.url,
      locale: 'fr-FR',
      viewport: PHONE,
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
    const signedIn = await fetchPage('/sign-in', { form: { ...ADMIN, returnTo: '/' } });
    admin = String(
      signedIn.headers.getSetCookie().find((c) => c.startsWith('palabre_session=')),
    ).split(';')[0];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a budget’s results table is stacked rows with their column names, no sideways scroll, still a table', async () => {
    // The demo budgets are seeded when spaces announces the component: wait for them.
    let budgets: { id: string }[] = [];
    let componentId = '';
    for (let i = 0; i < 150 && budgets.length < 2; i++) {
      const space = await fetch(`${platform.url}/api/spaces/${SLUG}`);
      if (space.ok) {
        const s = (await space.json()) as { components: { id: string; type: string }[] };
        componentId = s.components.find((c) => c.type === 'budgets')!.id;
        const r = await fetch(`${platform.url}/api/budgeting/components/${componentId}/budgets`);
        if (r.ok) budgets = ((await r.json()) as { items: { id: string }[] }).items;
      }
      if (budgets.length < 2) await new Promise((res) => setTimeout(res, 200));
    }
    const budget = budgets[0].id;
    // The administrator confirms the results: they become public.
    const resultsPath = `/admin/budgets/${componentId}/${budget}/results`;
    const form = await (await fetchPage(resultsPath, { cookie: admin })).text();
    const computed = [
      ...form.matchAll(/<input\s+type="checkbox"[^>]*value="([0-9a-f-]{36})"[^>]*checked/g),
    ].map((m) => m[1]);
    const confirmed = await fetchPage(resultsPath, {
      cookie: admin,
      form: { chosen: computed.join(','), confirmed: 'yes' },
    });
    expect(confirmed.status).toBe(303);

    const ctx = await context(null);
    const page = await ctx.newPage();
    await page.goto(`/spaces/${SLUG}/budgets/${componentId}/${budget}/results`);
    const table = page.locator('table').first();
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(2);
    const layout = await table.evaluate((t) => {
      const cells = Array.from(t.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.children).map((c) => {
          const box = c.getBoundingClientRect();
          const before = getComputedStyle(c, '::before');
          return {
            label: c.getAttribute('data-label'),
            shown: before.display === 'none' ? '' : before.content,
            top: Math.round(box.top),
            right: Math.round(box.right),
          };
        }),
      );
      const head = t.querySelector('thead')!.getBoundingClientRect();
      return {
        scrolls: [t, ...(t.parentElement ? [t.parentElement] : [])].some(
          (e) => e.scrollWidth > e.clientWidth,
        ),
        headShown: head.height > 1 && head.width > 1,
        cells,
      };
    });
    const columns = await table.locator('thead th').allInnerTexts();
    expect(layout.scrolls).toBe(false);
    // The column names are on every cell, not in a header row out of sight.
    expect(layout.headShown).toBe(false);
    for (const row of layout.cells) {
      expect(row.map((c) => c.label)).toEqual(columns.map((c) => c.trim()));
      // Each cell under the one before, each label shown before its value, within the screen.
      for (const [i, c] of row.entries()) {
        expect(c.shown).toBe(JSON.stringify(columns[i].trim()));
        expect(c.right).toBeLessThanOrEqual(PHONE.width);
        if (i) expect(c.top).toBeGreaterThan(row[i - 1].top);
      }
    }
    // Screen readers still meet a table: rows, column headers, a header per row.
    const cdp = await ctx.newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value: string } }[];
    };
    const roles = nodes.map((n) => n.role?.value);
    expect(roles.filter((r) => r === 'table').length).toBeGreaterThan(0);
    expect(roles.filter((r) => r === 'columnheader')).toHaveLength(columns.length);
    expect(roles.filter((r) => r === 'rowheader')).toHaveLength(rows);
    await expectAccessible(page);
    await shoot(page, 'budget-results-stacked');
    await ctx.close();
  });

  it('signed in, the header leaves a petition’s sign button on the first screen; its menu works without JavaScript', async () => {
    const petitions = await fetch(`${platform.url}/api/petitions?state=published&sort=most-signed`);
    const { id } = ((await petitions.json()) as { items: { id: string }[] }).items[0];
    const ctx = await context(admin);
    const page = await ctx.newPage();
    await page.goto(`/petitions/${id}`);
    // Measured at 360×800 signed in as the administrator: the header was 272 px high and the
    // button at y=1580 (after the text and the timeline); now 119 px, and the button at y=625.
    const button = await page.locator('#sign-button').boundingBox();
    expect(button!.y + button!.height).toBeLessThanOrEqual(PHONE.height);
    await expectAccessible(page);
    await shoot(page, 'petition-signed-in');
    // The menu open: still no sideways scroll, and axe finds nothing.
    await page.getByText('Mon espace', { exact: true }).click();
    await expectAccessible(page);
    await shoot(page, 'menu-open');
    await ctx.close();
    // Without JavaScript, the person's pages are one tap away.
    const nojs = await context(admin, { javaScriptEnabled: false });
    const plain = await nojs.newPage();
    await plain.goto(`/petitions/${id}`);
    expect(await plain.getByRole('link', { name: 'Administration' }).isVisible()).toBe(false);
    await plain.getByText('Mon espace', { exact: true }).click();
    await Promise.all([
      plain.waitForURL('**/admin'),
      plain.getByRole('link', { name: 'Administration' }).click(),
    ]);
    await nojs.close();
  });
});
