/**
 * The administrators' surveys pages in a real Chromium (Debian's, driven by
 * playwright-core), against the platform as `npm start` runs it, on the demo
 * "Conseil de quartier" and its surveys component. axe-core finds no
 * violation, at 360 and 1280 px, on the component's surveys and the new
 * survey's form (and its errors), a draft's page with its questions and
 * their buttons, the choice of a question's type, a question's form (new,
 * with its errors, and with a condition), the title and dates' form, a final
 * action's confirmation, and the demo survey that has answers (its questions
 * locked) with its answers by token; nothing is wider than a 360 px screen.
 * With JavaScript turned off, an administrator goes from the space's page to
 * a published survey with its questions: creates it, adds a single choice
 * and a majority-judgment question, moves one, publishes the survey and its
 * results. Screenshots at 360 and 1280 px land in artifacts/web/ (gitignored).
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, available, expectAccessible, shoot } from './browser-kit';
import { startPlatform, type RunningPlatform } from './platform';

const FORM = 'application/x-www-form-urlencoded';

(available ? describe : describe.skip)('the administrators’ surveys pages in Chromium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let spaceId: string;
  let componentId: string;
  let demo: string;
  let draft: string;

  /** A page of the site over HTTP (redirects not followed), as the browser would post a form. */
  const fetchPage = (path: string, init: { cookie?: string; form?: Record<string, string> } = {}) =>
    fetch(`${platform.url}${path}`, {
      method: init.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        'accept-language': 'fr-FR',
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.form ? { 'content-type': FORM, origin: platform.url } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
  const sessionOf = (r: Response) =>
    String(r.headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];
  const api = async <T>(path: string, cookie?: string) => {
    const r = await fetch(`${platform.url}${path}`, {
      headers: { 'cache-control': 'no-cache', ...(cookie ? { cookie } : {}) },
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as T };
  };

  /** Posts a form of the site; expects its 303 and gives where it leads. */
  async function post(path: string, form: Record<string, string>): Promise<string> {
    const r = await fetchPage(path, { cookie: admin, form });
    if (r.status !== 303) throw new Error(`${path}: ${r.status}`);
    return r.headers.get('location')!;
  }

  const context = async (
    options: { javaScriptEnabled?: boolean } = {},
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

  /** axe at 360 and 1280 px, then the screenshots (nothing wider than 360 px). */
  async function check(page: Page, name: string): Promise<void> {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await expectAccessible(page);
    }
    await shoot(page, name);
  }

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
        form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/' },
      }),
    );
    // The demo survey arrives through spaces' announcement: wait for it.
    type Landing = { id: string; components: { id: string; type: string }[] };
    for (let i = 0; i < 150 && !demo; i++) {
      const space = await api<Landing>('/api/spaces/conseil-de-quartier');
      const c = space.body?.components?.find((x) => x.type === 'surveys');
      if (c) {
        spaceId = space.body.id;
        componentId = c.id;
        const r = await api<{ items: { id: string; answerCount: number }[] }>(
          `/api/surveys/components/${c.id}/surveys`,
          admin,
        );
        demo = r.body?.items?.find((s) => s.answerCount > 0)?.id ?? '';
      }
      if (!demo) await new Promise((res) => setTimeout(res, 200));
    }
    expect(demo).toBeTruthy();
    // A draft with questions, written through the site's forms.
    const created = await post(`/admin/surveys/components/${componentId}/new`, {
      'title-fr': 'Les horaires de la bibliothèque de quartier, le soir et le week-end',
      'title-en': 'The opening hours of the district library',
      'description-fr': 'Nous voulons ouvrir plus tard : dites-nous quand vous viendriez.',
    });
    draft = /\/admin\/surveys\/([0-9a-f-]{36})/.exec(created)![1];
    await post(`/admin/surveys/${draft}/new-question?type=single`, {
      'title-fr': 'Venez-vous à la bibliothèque ?',
      mandatory: 'true',
      'options-fr': 'Chaque semaine\nChaque mois\nJamais',
      'options-en': 'Every week\nEvery month\nNever',
      other: 'true',
    });
    await post(`/admin/surveys/${draft}/new-question?type=matrix_multiple`, {
      'title-fr': 'Quand viendriez-vous ?',
      'rows-fr': 'En semaine\nLe samedi\nLe dimanche',
      'options-fr': 'Le matin\nL’après-midi\nLe soir',
      maxChoices: '2',
      'showIf-q1': 'jamais',
    });
    await post(`/admin/surveys/${draft}/new-question?type=section`, {
      'title-fr': 'Pour finir',
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a component’s surveys and the new survey’s form with its errors: axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/surveys/components/${componentId}`);
    expect(await page.locator('main').innerText()).toContain('Les horaires de la bibliothèque');
    await check(page, 'admin-surveys');
    await page.locator('#endsAt').fill('2027-03-01T08:00');
    await page.locator('#startsAt').fill('2027-03-02T08:00');
    await submit(page, '#survey-form button[type="submit"]');
    expect(await page.locator('.error-summary').innerText()).toContain('2 erreur(s)');
    expect(await page.locator('#title-fr').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#endsAt').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'admin-survey-new-errors');
    await page.goto('/admin/surveys');
    await expectAccessible(page);
    await ctx.close();
  }, 120_000);

  it('a draft’s page, the choice of a type, a question’s form (new, with errors, with a condition), the dates, a confirmation: axe finds nothing', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/surveys/${draft}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Posée seulement si la réponse à « Venez-vous à la bibliothèque ? »');
    // Each button names its question.
    for (const name of [
      'Monter : Quand viendriez-vous ?',
      'Descendre : Quand viendriez-vous ?',
      'Supprimer : Quand viendriez-vous ?',
    ])
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    await check(page, 'admin-survey-draft');

    await page.goto(`/admin/surveys/${draft}/new-question`);
    await check(page, 'admin-survey-question-type');

    await page.goto(`/admin/surveys/${draft}/new-question?type=grades`);
    expect(await page.locator('#scale-fr').inputValue()).toContain('Excellent\nTrès bien');
    await page.locator('#options-fr').fill('Ouvrir le soir\nOuvrir le dimanche');
    await page.locator('#options-en').fill('Open in the evening');
    await submit(page, '#question-form button[type="submit"]');
    expect(await page.locator('#title-fr').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#options-en').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'admin-survey-question-errors');

    await page.goto(`/admin/surveys/${draft}/questions/q2`);
    expect(await page.locator('input[name="showIf-q1"][value="jamais"]').isChecked()).toBe(true);
    await check(page, 'admin-survey-question');

    await page.goto(`/admin/surveys/${draft}/edit`);
    await check(page, 'admin-survey-details');

    await page.goto(`/admin/surveys/${draft}`);
    await submit(page, '#q-q3 form[action$="/delete"] button');
    expect(await page.locator('h1').innerText()).toContain(
      'Supprimer la question « Pour finir » ?',
    );
    await check(page, 'admin-survey-confirm');
    await ctx.close();
  }, 120_000);

  it('the demo survey that has answers, and its answers by token: axe finds nothing, nothing overflows at 360 px', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`/admin/surveys/${demo}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('les questions ne peuvent plus changer');
    expect(await page.locator('#questions form').count()).toBe(0);
    await check(page, 'admin-survey-answered');
    await page.goto(`/admin/surveys/${demo}/answers`);
    expect(await page.locator('table.stacked').innerText()).toContain('Voir la réponse');
    await page.locator('table.stacked details summary').first().click();
    expect(await page.locator('table.stacked details dl').first().isVisible()).toBe(true);
    await check(page, 'admin-survey-answers');
    await ctx.close();
  }, 120_000);

  it('without JavaScript: from the space to a published survey with its questions and its results', async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`/admin/spaces/${spaceId}`);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator(`a[href="/admin/surveys/components/${componentId}"]`).click(),
    ]);
    await page.locator('#title-fr').fill('Le jardin partagé de la rue Colbert');
    await page.locator('#endsAt').fill('2030-06-30T18:00');
    await submit(page, '#survey-form button[type="submit"]');
    expect(page.url()).toMatch(/\/admin\/surveys\/[0-9a-f-]{36}\?done=created#questions$/);
    const id = /\/admin\/surveys\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await page.locator('[role="status"]').innerText()).toContain(
      'Le brouillon est enregistré',
    );

    // A single choice question.
    await page.locator('#add-question input[value="single"]').check();
    await submit(page, '#add-question button[type="submit"]');
    await page.locator('#title-fr').fill('Voulez-vous un jardin partagé ?');
    await page.locator('#mandatory').check();
    await page.locator('#options-fr').fill('Oui\nNon\nJe ne sais pas');
    await submit(page, '#question-form button[type="submit"]');
    expect(await page.locator('[role="status"]').innerText()).toContain('La question est ajoutée.');

    // A majority-judgment question, its scale already written.
    await page.locator('#add-question input[value="grades"]').check();
    await submit(page, '#add-question button[type="submit"]');
    expect(await page.locator('#scale-fr').inputValue()).toContain('À rejeter');
    await page.locator('#title-fr').fill('Jugez chaque emplacement');
    await page.locator('#options-fr').fill('Square Colbert\nCour de l’école');
    await submit(page, '#question-form button[type="submit"]');

    // The second goes first.
    await submit(page, '#q-q2 form[action$="/move"] button');
    expect(await page.locator('#questions h3').allInnerTexts()).toEqual([
      '1. Jugez chaque emplacement',
      '2. Voulez-vous un jardin partagé ?',
      'Ajouter une question',
    ]);

    await submit(page, 'form[action$="/publish"] button');
    expect(await page.locator('[role="status"]').innerText()).toContain('L’enquête est publiée.');
    await submit(page, 'form[action$="/results/publish"] button');
    expect(await page.locator('[role="status"]').innerText()).toContain(
      'Les résultats sont publiés.',
    );
    const s = await api<{
      state: string;
      resultsPublished: boolean;
      questions: { id: string; type: string; scale?: unknown[] }[];
    }>(`/api/surveys/surveys/${id}`, admin);
    expect([s.body.state, s.body.resultsPublished]).toEqual(['published', true]);
    expect(s.body.questions.map((q) => [q.id, q.type])).toEqual([
      ['q2', 'grades'],
      ['q1', 'single'],
    ]);
    expect(s.body.questions[0].scale).toHaveLength(6);
    await ctx.close();
  }, 120_000);
});
