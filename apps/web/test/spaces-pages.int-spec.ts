/**
 * The participatory spaces pages over HTTP, against the real platform
 * (spawned as `npm start` runs it, with the demo budget and neighbourhood
 * council): the list and a landing page (side panel, phases with the one
 * under way, reference code, components), the embeddable card (the only
 * frameable page), private spaces hidden, and the back-office: who may enter,
 * a process created with its errors named per field, phases added, moved and
 * activated, a component's settings and permissions, members, publication,
 * cross-site posts refused.
 */
import { completeFranceConnectLogin, flowCookie } from '@palabre/fc-local';
import { formFields, withFields, type FormFields } from './html-forms';
import { startPlatform, type RunningPlatform } from './platform';

let platform: RunningPlatform;
let admin: string;
let author: string;

const FORM = 'application/x-www-form-urlencoded';
const YEAR = new Date().getFullYear();
/** The day `offset` days from today, as the French pages write it ("6 janvier 2027"). */
const frenchDay = (offset: number) =>
  new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.now() + offset * 86_400_000));
const BUDGET = `budget-participatif-${YEAR}`;

const page = async (
  path: string,
  init: {
    cookie?: string;
    form?: FormFields;
    origin?: string | null;
    lang?: string;
  } = {},
) => {
  const headers: Record<string, string> = { 'accept-language': init.lang ?? 'fr-FR,fr;q=0.9' };
  if (init.cookie) headers.cookie = init.cookie;
  let payload: string | undefined;
  if (init.form) {
    headers['content-type'] = FORM;
    if (init.origin !== null) headers.origin = init.origin ?? platform.url;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(init.form))
      for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
    payload = p.toString();
  }
  const r = await fetch(`${platform.url}${path}`, {
    method: init.form ? 'POST' : 'GET',
    redirect: 'manual',
    headers,
    body: payload,
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
};

/** The API as it is now, past the gateway's micro-cache. */
async function api<T>(path: string, cookie?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${platform.url}${path}`, {
    headers: { 'cache-control': 'no-cache', ...(cookie ? { cookie } : {}) },
  });
  return { status: r.status, body: (await r.json()) as T };
}

const sessionOf = (headers: Headers) =>
  String(headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];

async function signInAsAdmin(): Promise<string> {
  const r = await page('/sign-in', {
    form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/admin' },
  });
  expect(r.status).toBe(303);
  return sessionOf(r.headers);
}

async function signInAsAuthor(citizen: string): Promise<string> {
  const start = await page(
    `/auth/franceconnect/login?mode=author&returnTo=%2Fmy%2Fpetitions&login_hint=${citizen}`,
  );
  expect(start.status).toBe(302);
  const callback = new URL(
    await completeFranceConnectLogin(new URL(start.headers.get('location')!, platform.url).href),
  );
  const r = await page(`${callback.pathname}${callback.search}`, {
    cookie: flowCookie(start.headers),
  });
  return sessionOf(r.headers);
}

/** The input with this id is invalid, described by its error, and the summary links to it. */
function expectFieldError(text: string, id: string, message?: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(error).not.toBeNull();
  if (message) expect(error![1]).toContain(message);
}

/** The status of a public page once the caches have caught up (a few seconds at most). */
async function statusSoon(path: string, wanted: number): Promise<number> {
  let status = 0;
  for (let i = 0; i < 40 && status !== wanted; i++) {
    if (i) await new Promise((r) => setTimeout(r, 250));
    status = (await page(path)).status;
  }
  return status;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** Visible text of some markup, tags dropped, spaces collapsed. */
const textOf = (markup: string) => decode(markup.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

interface Landing {
  id: string;
  slug: string;
  reference: string;
  state: string;
  phases: { id: string; title: { fr?: string }; active: boolean }[];
  components: { id: string; type: string }[];
}

const spaceForm = (over: Record<string, string> = {}) => ({
  kind: 'process',
  slug: `concertation-${Date.now().toString(36)}`,
  'title-fr': 'Concertation sur la place du marché',
  'title-en': 'Consultation on the market square',
  'subtitle-fr': 'Imaginons ensemble la place de demain',
  'welcome-fr': 'Venez donner votre avis sur le réaménagement de la place du marché.',
  'objectives-fr': 'Recueillir les usages de la place.',
  'organizer-fr': 'Direction de l’urbanisme',
  startsOn: `${YEAR}-03-01`,
  endsOn: `${YEAR}-09-30`,
  ...over,
});

/** Creates a process through the back-office page; returns its id (the 303 says where it went). */
async function createSpace(
  over: Record<string, string> = {},
): Promise<{ id: string; slug: string }> {
  const form = spaceForm(over);
  const r = await page('/admin/spaces/new', { cookie: admin, form });
  expect(r.status).toBe(303);
  const id = /^\/admin\/spaces\/([0-9a-f-]{36})\?done=created$/.exec(
    r.headers.get('location') ?? '',
  )![1];
  return { id, slug: form.slug };
}

beforeAll(async () => {
  platform = await startPlatform();
  // The demo spaces arrive through an event after start.
  for (let i = 0; i < 100; i++) {
    const r = await api<{ items: unknown[] }>('/api/spaces');
    if (r.body.items.length >= 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  [admin, author] = await Promise.all([signInAsAdmin(), signInAsAuthor('adult-jean')]);
}, 120_000);
afterAll(() => platform?.stop());

describe('public pages', () => {
  it('lists processes and assemblies, filtered by kind, with the navigation entry marked', async () => {
    const all = await page('/spaces');
    expect(all.status).toBe(200);
    expect(all.text).toMatch(/<a href="\/spaces" aria-current="page">Espaces participatifs<\/a>/);
    expect(all.text).toContain(`<a href="/spaces/${BUDGET}">Budget participatif ${YEAR}</a>`);
    expect(all.text).toContain('<a href="/spaces/conseil-de-quartier">Conseil de quartier</a>');
    expect(textOf(all.text)).toContain('Étape en cours : Boîte à idées');
    const assemblies = await page('/spaces?type=assembly');
    expect(assemblies.text).toContain('Conseil de quartier');
    expect(assemblies.text).not.toContain(`Budget participatif ${YEAR}</a>`);
    expect(assemblies.text).toMatch(/<option value="assembly"\s+selected>/);
    // A cursor that is not one: back to the first page, not an error.
    const stale = await page('/spaces?cursor=nope');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/spaces');
  });

  it('shows a landing page: texts, side panel, reference code, phases with the one under way, components', async () => {
    const { body: space } = await api<Landing>(`/api/spaces/${BUDGET}`);
    expect(space.reference).toMatch(/^demo-PART-\d{4}-\d{2}-\d+$/);
    const r = await page(`/spaces/${BUDGET}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(`<h1>Budget participatif ${YEAR}</h1>`);
    const text = textOf(r.text);
    expect(text).toContain('1 million d’euros pour vos projets de quartier');
    expect(text).toContain('Proposez vos idées pour la ville');
    // Side panel: each fact under its name.
    for (const [name, value] of [
      ['Objectifs', 'Financer des projets d’intérêt général'],
      ['Qui participe', 'dès 16 ans'],
      ['Comment les décisions sont prises', 'le conseil municipal vote leur financement'],
      ['Territoire concerné', 'Toute la commune'],
      ['Organisateur', 'Mairie — service démocratie locale'],
      // The demo's calendar is the seed day's (its idea box open today).
      ['Date de début', frenchDay(-45)],
      ['Date de fin', frenchDay(150)],
      ['Référence', space.reference],
    ])
      expect(text).toMatch(
        new RegExp(`${name} [^]{0,120}${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
    // Phases in order; the one under way is marked in words and for assistive technologies.
    const phases = /<ol[^>]*>([\s\S]*?)<\/ol>/.exec(r.text)![1];
    const items = phases.split('<li').slice(1);
    expect(items).toHaveLength(5);
    expect(textOf(items[0])).toContain('Étape 1 : Information');
    expect(items[1]).toContain('aria-current="step"');
    expect(textOf(items[1])).toContain('Étape 2 : Boîte à idées étape en cours');
    expect(textOf(items[1])).toContain(`du ${frenchDay(-15)} au ${frenchDay(30)}`);
    expect(items.filter((i) => i.includes('aria-current'))).toHaveLength(1);
    expect(text).toContain('Étape en cours : « Boîte à idées », étape 2 sur 5.');
    // Components: proposals and budgets link to their pages in the space.
    const proposals = space.components.find((c) => c.type === 'proposals')!;
    const budgets = space.components.find((c) => c.type === 'budgets')!;
    expect(r.text).toContain(`<a href="/spaces/${BUDGET}/proposals/${proposals.id}">Idées</a>`);
    expect(r.text).toContain(`<a href="/spaces/${BUDGET}/budgets/${budgets.id}">Vote</a>`);
    // Share and embed.
    expect(r.text).toContain(`value="${platform.url}/spaces/${BUDGET}"`);
    expect(decode(r.text)).toContain(
      `<iframe src="${platform.url}/spaces/${BUDGET}/card?lang=fr" title="Budget participatif ${YEAR}"`,
    );
  });

  it('speaks English when asked, and shows an assembly without phases', async () => {
    const en = await page(`/spaces/${BUDGET}?lang=en`);
    expect(en.text).toContain(`<h1>Participatory budget ${YEAR}</h1>`);
    expect(textOf(en.text)).toContain('Phase 2: Idea box current phase');
    const council = await page('/spaces/conseil-de-quartier');
    expect(council.status).toBe(200);
    expect(textOf(council.text)).toContain('Assemblée');
    expect(council.text).not.toContain('Les étapes');
    // Its meetings component leads to the meetings pages.
    expect(council.text).toMatch(
      /<a href="\/spaces\/conseil-de-quartier\/meetings\/[0-9a-f-]{36}">Réunions<\/a>/,
    );
  });

  it('serves the card as a small page another site may frame; every other page refuses framing', async () => {
    const card = await page(`/spaces/${BUDGET}/card`);
    expect(card.status).toBe(200);
    expect(card.text).toMatch(/^<!doctype html>/);
    expect(card.text).not.toContain('<nav');
    expect(textOf(card.text)).toContain('Étape en cours : Boîte à idées');
    expect(card.text).toContain(`href="${platform.url}/spaces/${BUDGET}" target="_blank"`);
    expect(card.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(card.headers.get('x-frame-options')).toBeNull();
    for (const path of [
      `/spaces/${BUDGET}`,
      '/spaces',
      `/spaces/${BUDGET}/card/extra`,
      '/admin/spaces',
    ]) {
      const r = await page(path, { cookie: admin });
      expect([path, r.headers.get('x-frame-options')]).toEqual([path, 'SAMEORIGIN']);
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    }
  });

  it('answers 404 for a space that does not exist, an API path, or a private space to outsiders', async () => {
    for (const path of [
      '/spaces/nope-nope',
      '/spaces/settings',
      '/spaces/component-types',
      '/spaces/NOPE',
    ])
      expect([path, (await page(path)).status]).toEqual([path, 404]);
    const { id, slug } = await createSpace({ private: 'true' });
    expect((await page(`/admin/spaces/${id}/publish`, { cookie: admin, form: {} })).status).toBe(
      303,
    );
    for (const who of [undefined, author]) {
      const landing = await page(`/spaces/${slug}`, { cookie: who });
      expect(landing.status).toBe(404);
      expect(landing.text).toContain('Page introuvable');
      expect((await page(`/spaces/${slug}/card`, { cookie: who })).status).toBe(404);
      expect((await page('/spaces', { cookie: who })).text).not.toContain(`/spaces/${slug}"`);
    }
    expect((await page(`/spaces/${slug}`, { cookie: admin })).status).toBe(200);
  });

  it('lists processes under way on the home page', async () => {
    const home = await page('/');
    expect(home.text).toContain('Les démarches en cours');
    expect(home.text).toContain(`<a href="/spaces/${BUDGET}">Budget participatif ${YEAR}</a>`);
  });
});

describe('who may enter the spaces back-office', () => {
  it('sends an anonymous visitor to sign in, and answers 403 to an account without the role', async () => {
    const r = await page('/admin/spaces');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(
      `/sign-in?returnTo=${encodeURIComponent('/admin/spaces')}`,
    );
    const denied = await page('/admin/spaces', { cookie: author });
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('Jean Martin');
    expect((await page('/admin/spaces/new', { cookie: author })).status).toBe(403);
  });

  it('refuses a non-admin form post: nothing is created, published or activated', async () => {
    const { body: space } = await api<Landing>(`/api/spaces/${BUDGET}`);
    const slug = `intrus-${Date.now().toString(36)}`;
    expect(
      (await page('/admin/spaces/new', { cookie: author, form: spaceForm({ slug }) })).status,
    ).toBe(403);
    expect((await api(`/api/spaces/${slug}`, admin)).status).toBe(404);
    expect(
      (await page(`/admin/spaces/${space.id}/unpublish`, { cookie: author, form: {} })).status,
    ).toBe(403);
    const analysis = space.phases[2];
    expect(
      (
        await page(`/admin/spaces/${space.id}/phases/${analysis.id}/activate`, {
          cookie: author,
          form: {},
        })
      ).status,
    ).toBe(403);
    const after = (await api<Landing>(`/api/spaces/${BUDGET}`)).body;
    expect(after.state).toBe('published');
    expect(after.phases[1].active).toBe(true);
  });

  it('lists the section on the admin home for an organization admin', async () => {
    const home = await page('/admin', { cookie: admin });
    expect(home.text).toContain('<a href="/admin/spaces">Espaces participatifs</a>');
    const list = await page('/admin/spaces', { cookie: admin });
    expect(list.status).toBe(200);
    expect(list.text).toContain('Conseil de quartier');
    expect(list.text).toContain('href="/admin/spaces/new?kind=process"');
  });
});

describe('a process set up in the back-office', () => {
  it('names each error next to its field, and refuses a taken address', async () => {
    const r = await page('/admin/spaces/new', {
      cookie: admin,
      form: {
        kind: 'process',
        slug: 'Pas Une Adresse',
        startsOn: '31/02/2026',
        endsOn: `${YEAR}-01-01`,
        imageUrl: 'http://insecure.example/image.png',
        transparent: 'true',
      },
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain('<title>Le formulaire contient');
    expectFieldError(r.text, 'slug', 'lettres minuscules');
    expectFieldError(r.text, 'title-fr', 'Donnez le titre');
    expectFieldError(r.text, 'startsOn', 'date réelle');
    expectFieldError(r.text, 'imageUrl', 'https://');
    expectFieldError(r.text, 'transparent', 'espace privé');
    // What was typed comes back.
    expect(r.text).toContain('value="Pas Une Adresse"');
    const taken = await page('/admin/spaces/new', {
      cookie: admin,
      form: spaceForm({ slug: BUDGET }),
    });
    expect(taken.status).toBe(409);
    expectFieldError(taken.text, 'slug', 'Un autre espace utilise déjà cette adresse');
    const order = await page('/admin/spaces/new', {
      cookie: admin,
      form: spaceForm({ startsOn: `${YEAR}-05-01`, endsOn: `${YEAR}-04-01` }),
    });
    expect(order.status).toBe(400);
    expectFieldError(order.text, 'endsOn', 'date de fin');
  });

  it('refuses a cross-site post: nothing is created', async () => {
    const slug = `cross-${Date.now().toString(36)}`;
    const r = await page('/admin/spaces/new', {
      cookie: admin,
      form: spaceForm({ slug }),
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(403);
    expect((await api(`/api/spaces/${slug}`, admin)).status).toBe(404);
  });

  it('creates a process, adds, moves and activates phases, publishes it, and the public page follows', async () => {
    const { id, slug } = await createSpace();
    const created = await page(`/admin/spaces/${id}?done=created`, { cookie: admin });
    expect(created.status).toBe(200);
    expect(textOf(created.text)).toContain('L’espace est créé, en brouillon.');
    expect(textOf(created.text)).toContain('Brouillon');
    // A draft is not public.
    expect((await page(`/spaces/${slug}`)).status).toBe(404);

    const empty = await page(`/admin/spaces/${id}/phases/new`, {
      cookie: admin,
      form: { 'phaseTitle-fr': '', phaseStartsOn: 'demain' },
    });
    expect(empty.status).toBe(400);
    expectFieldError(empty.text, 'phaseTitle-fr', 'Donnez le titre');
    expectFieldError(empty.text, 'phaseStartsOn', 'date réelle');
    for (const [fr, from, to] of [
      ['Diagnostic', `${YEAR}-03-01`, `${YEAR}-04-30`],
      ['Ateliers', `${YEAR}-05-01`, `${YEAR}-06-30`],
      ['Restitution', '', ''],
    ]) {
      const r = await page(`/admin/spaces/${id}/phases/new`, {
        cookie: admin,
        form: { 'phaseTitle-fr': fr, 'phaseTitle-en': fr, phaseStartsOn: from, phaseEndsOn: to },
      });
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toMatch(
        new RegExp(`^/admin/spaces/${id}\\?done=phaseAdded#phase-`),
      );
    }
    let space = (await api<Landing>(`/api/spaces/${id}`, admin)).body;
    expect(space.phases.map((p) => p.title.fr)).toEqual(['Diagnostic', 'Ateliers', 'Restitution']);

    // "Restitution" one step up: the page says where it went, and keeps the focus on the button used.
    const restitution = space.phases[2];
    const moved = await page(`/admin/spaces/${id}/phases/${restitution.id}/move`, {
      cookie: admin,
      form: { direction: 'up' },
    });
    expect(moved.status).toBe(303);
    const after = await page(moved.headers.get('location')!.replace(/#.*$/, ''), { cookie: admin });
    expect(textOf(after.text)).toContain('« Restitution » est maintenant l’étape 2 sur 3.');
    const row = new RegExp(`<li id="phase-${restitution.id}"[\\s\\S]*?</li>`).exec(after.text)![0];
    expect(row).toMatch(/<button[^>]*autofocus[^>]*>\s*Monter/);
    space = (await api<Landing>(`/api/spaces/${id}`, admin)).body;
    expect(space.phases.map((p) => p.title.fr)).toEqual(['Diagnostic', 'Restitution', 'Ateliers']);
    // The first phase cannot go up: no such button.
    expect(
      new RegExp(`<li id="phase-${space.phases[0].id}"[\\s\\S]*?</li>`).exec(after.text)![0],
    ).not.toContain('value="up"');

    // Activation asks first, then switches.
    const ateliers = space.phases[2];
    const confirm = await page(`/admin/spaces/${id}/phases/${ateliers.id}/activate`, {
      cookie: admin,
    });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<h1>Rendre active « Étape 3 : Ateliers » ?</h1>');
    expect((await api<Landing>(`/api/spaces/${id}`, admin)).body.phases.some((p) => p.active)).toBe(
      false,
    );
    const activated = await page(`/admin/spaces/${id}/phases/${ateliers.id}/activate`, {
      cookie: admin,
      form: {},
    });
    expect(activated.status).toBe(303);
    expect(activated.headers.get('location')).toBe(`/admin/spaces/${id}?done=activated#phases`);
    space = (await api<Landing>(`/api/spaces/${id}`, admin)).body;
    expect(space.phases.find((p) => p.active)?.id).toBe(ateliers.id);
    const done = await page(`/admin/spaces/${id}?done=activated`, { cookie: admin });
    // Ateliers runs from 1 May to 30 June: "current" only on those days (ADR 0032).
    const today = new Date().toISOString().slice(0, 10);
    expect(textOf(done.text)).toContain(
      today > `${YEAR}-06-30`
        ? 'L’étape « Ateliers » est maintenant active, mais elle s’est terminée le 30 juin'
        : today < `${YEAR}-05-01`
          ? 'L’étape « Ateliers » est maintenant active, mais elle ne commence que le 1 mai'
          : 'L’étape « Ateliers » est maintenant en cours.',
    );

    // Edit a phase's dates, with an error first.
    const bad = await page(`/admin/spaces/${id}/phases/${ateliers.id}`, {
      cookie: admin,
      form: {
        'phaseTitle-fr': 'Ateliers',
        phaseStartsOn: `${YEAR}-06-30`,
        phaseEndsOn: `${YEAR}-05-01`,
      },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'phaseEndsOn', 'date de fin');
    expect(
      (
        await page(`/admin/spaces/${id}/phases/${ateliers.id}`, {
          cookie: admin,
          form: { 'phaseTitle-fr': 'Ateliers de quartier', phaseStartsOn: `${YEAR}-05-02` },
        })
      ).status,
    ).toBe(303);

    // Published: the public page shows it, the active phase marked.
    expect(
      (await page(`/admin/spaces/${id}/publish`, { cookie: admin, form: {} })).headers.get(
        'location',
      ),
    ).toBe(`/admin/spaces/${id}?done=published`);
    const landing = await page(`/spaces/${slug}`);
    expect(landing.status).toBe(200);
    expect(textOf(landing.text)).toContain('Étape 3 : Ateliers de quartier étape en cours');
    expect(textOf(landing.text)).toContain('Organisateur Direction de l’urbanisme');
    expect((await page(`/spaces?type=process`)).text).toContain(`/spaces/${slug}"`);
    // And back to draft.
    expect((await page(`/admin/spaces/${id}/unpublish`, { cookie: admin, form: {} })).status).toBe(
      303,
    );
    // Public reads may be cached a few seconds (max-age=2 and a stale copy while it refreshes).
    expect(await statusSoon(`/spaces/${slug}`, 404)).toBe(404);
  });

  it('edits the information of a space, with the API refusing what it refuses on its field', async () => {
    const { id, slug } = await createSpace();
    const edit = await page(`/admin/spaces/${id}/edit`, { cookie: admin });
    expect(edit.status).toBe(200);
    expect(edit.text).toContain(`value="${slug}"`);
    expect(edit.text).toContain('Concertation sur la place du marché');
    const saved = await page(`/admin/spaces/${id}/edit`, {
      cookie: admin,
      form: spaceForm({
        slug,
        'title-fr': 'Place du marché : le projet',
        'area-fr': 'Quartier des halles',
        imageUrl: 'https://ville.example/halles.jpg',
        'imageAlt-fr': 'La halle du marché un samedi matin',
      }),
    });
    expect(saved.status).toBe(303);
    // The image's words are its alternative text on the landing page (admins see drafts).
    const landing = await page(`/spaces/${slug}`, { cookie: admin });
    expect(landing.text).toMatch(/<img src="[^"]+" alt="La halle du marché un samedi matin"/);
    const space = (
      await api<{ title: { fr: string }; facts: { area: { fr: string } } }>(
        `/api/spaces/${id}`,
        admin,
      )
    ).body;
    expect(space.title.fr).toBe('Place du marché : le projet');
    expect(space.facts.area.fr).toBe('Quartier des halles');
    const taken = await page(`/admin/spaces/${id}/edit`, {
      cookie: admin,
      form: spaceForm({ slug: BUDGET }),
    });
    expect(taken.status).toBe(409);
    expectFieldError(taken.text, 'slug', 'Un autre espace');
  });
});

interface ComponentType {
  type: string;
  globalSettings: {
    name: string;
    type: string;
    minimum?: number;
    maximum?: number;
    choices?: string[];
    label: { fr?: string };
  }[];
  phaseSettings: { name: string; type: string }[];
  actions: { name: string }[];
}

describe('components in the back-office', () => {
  it('adds a component of a registered type, with settings forms generated from its definitions and permissions per action', async () => {
    const types = (await api<{ items: ComponentType[] }>('/api/spaces/component-types', admin)).body
      .items;
    const { id } = await createSpace();
    for (const fr of ['Idées', 'Vote'])
      await page(`/admin/spaces/${id}/phases/new`, {
        cookie: admin,
        form: { 'phaseTitle-fr': fr },
      });
    const space = (await api<Landing>(`/api/spaces/${id}`, admin)).body;

    const form = await page(`/admin/spaces/${id}/components/new`, { cookie: admin });
    expect(form.status).toBe(200);
    if (types.length === 0) {
      // No service has registered a type here: the page says so, and the API refuses any type.
      expect(textOf(form.text)).toContain('Aucun type de composant n’est disponible');
      const r = await page(`/admin/spaces/${id}/components/new`, {
        cookie: admin,
        form: { type: 'proposals', 'name-fr': 'Idées' },
      });
      expect(r.status).toBe(400);
      expectFieldError(r.text, 'type', 'Choisissez un type');
      return;
    }
    for (const t of types) expect(form.text).toContain(`value="${t.type}"`);
    const missing = await page(`/admin/spaces/${id}/components/new`, {
      cookie: admin,
      form: { type: types[0].type },
    });
    expect(missing.status).toBe(400);
    expectFieldError(missing.text, 'name-fr', 'Donnez le nom');

    // The type with the most to configure.
    const type = [...types].sort(
      (a, b) =>
        b.globalSettings.length +
        b.phaseSettings.length -
        (a.globalSettings.length + a.phaseSettings.length),
    )[0];
    const created = await page(`/admin/spaces/${id}/components/new`, {
      cookie: admin,
      form: { type: type.type, 'name-fr': 'Boîte à idées', 'name-en': 'Idea box' },
    });
    expect(created.status).toBe(303);
    const componentPath =
      /^(\/admin\/spaces\/[0-9a-f-]{36}\/components\/[0-9a-f-]{36})\?done=created$/.exec(
        created.headers.get('location') ?? '',
      )![1];
    const componentId = componentPath.split('/').pop()!;
    const cpage = await page(componentPath, { cookie: admin });
    expect(cpage.status).toBe(200);
    // A control per definition, of the kind its type asks for.
    for (const def of type.globalSettings) {
      const id = `global-${def.name}`;
      if (def.type === 'boolean')
        expect(cpage.text).toMatch(new RegExp(`type="checkbox"\\s+id="${id}"`));
      if (def.type === 'integer')
        expect(cpage.text).toMatch(new RegExp(`id="${id}"[^>]*inputmode="numeric"`));
      if (def.type === 'enum') expect(cpage.text).toContain(`<select\n      id="${id}"`);
    }
    for (const p of space.phases)
      for (const def of type.phaseSettings)
        expect(cpage.text).toContain(`id="phase-${p.id}-${def.name}"`);
    for (const def of type.phaseSettings) expect(cpage.text).toContain(`id="default-${def.name}"`);
    for (const a of type.actions)
      expect(cpage.text).toContain(`action="${componentPath}/permissions/${a.name}"`);
    // All the settings are one form; each phase is folded under its name, with its own legend.
    expect(cpage.text.match(/<form\b[^>]*action="[^"]*\/settings"/g)).toHaveLength(1);
    expect(textOf(cpage.text)).toContain('Étape 2 : Vote');

    // A global setting and a phase setting changed together: one post saves both.
    const bounded = type.globalSettings.find(
      (d) => d.type === 'integer' && d.maximum !== undefined,
    )!;
    const flag = type.phaseSettings.find((d) => d.type === 'boolean')!;
    const [first, second] = space.phases;
    const shown = formFields(cpage.text, 'form-settings');
    expect(shown.phases).toEqual([first.id, second.id]);
    const detailNow = async () =>
      (
        await api<{
          settings: Record<string, unknown>;
          phaseSettings: Record<string, Record<string, unknown>>;
        }>(`/api/spaces/${id}/components/${componentId}`, admin)
      ).body;
    const both = await page(`${componentPath}/settings`, {
      cookie: admin,
      form: withFields(shown, {
        [`global-${bounded.name}`]: String(bounded.maximum),
        [`phase-${second.id}-${flag.name}`]: 'true',
      }),
    });
    expect(both.status).toBe(303);
    expect(both.headers.get('location')).toBe(`${componentPath}?done=settings#settings-title`);
    const saved = await detailNow();
    expect(saved.settings[bounded.name]).toBe(bounded.maximum);
    expect(saved.phaseSettings[second.id][flag.name]).toBe(true);
    expect(saved.phaseSettings[first.id]?.[flag.name]).not.toBe(true);
    const again = await page(componentPath, { cookie: admin });
    expect(again.text).toMatch(
      new RegExp(
        `id="phase-${second.id}-${flag.name}"\\s+name="phase-${second.id}-${flag.name}"\\s+value="true"\\s+checked`,
      ),
    );

    // One value out of its bounds: named on its field and in the summary with its part; nothing
    // of the post saved, not even the phase setting beside it.
    const wrong = await page(`${componentPath}/settings`, {
      cookie: admin,
      form: withFields(formFields(again.text, 'form-settings'), {
        [`global-${bounded.name}`]: String(bounded.maximum! + 1),
        [`phase-${first.id}-${flag.name}`]: 'true',
        [`phase-${second.id}-${flag.name}`]: null,
      }),
    });
    expect(wrong.status).toBe(400);
    expectFieldError(wrong.text, `global-${bounded.name}`);
    expect(wrong.text.replace(/[\s\u00a0\u202f]/g, '')).toContain(`à${bounded.maximum}`);
    expect(textOf(wrong.text)).toContain(`Réglages généraux, « ${bounded.label.fr}`);
    // What was sent comes back as sent.
    expect(wrong.text).toMatch(
      new RegExp(`id="phase-${first.id}-${flag.name}"\\s+name="[^"]+"\\s+value="true"\\s+checked`),
    );
    expect(await detailNow()).toEqual(saved);

    // A phase deleted since the page was shown: said so, and nothing saved.
    const gone = await page(`${componentPath}/settings`, {
      cookie: admin,
      form: withFields(formFields(again.text, 'form-settings'), {
        [`global-${bounded.name}`]: '0',
        phases: [first.id, second.id, '6f1c2a4e-0000-4000-8000-000000000009'],
      }),
    });
    expect(gone.status).toBe(400);
    expect(textOf(gone.text)).toContain('Une étape a été supprimée entre-temps');
    expect(await detailNow()).toEqual(saved);

    // Who may act: FranceConnect and a minimum age; a bad age named on its field.
    const action = type.actions[0].name;
    const badAge = await page(`${componentPath}/permissions/${action}`, {
      cookie: admin,
      form: { [`perm-${action}-verification`]: 'franceconnect', [`perm-${action}-age`]: '200' },
    });
    expect(badAge.status).toBe(400);
    expectFieldError(badAge.text, `perm-${action}-age`, 'de 1 à 18');
    const perm = await page(`${componentPath}/permissions/${action}`, {
      cookie: admin,
      form: {
        [`perm-${action}-verification`]: 'franceconnect',
        [`perm-${action}-age`]: '16',
        [`perm-${action}-members`]: 'true',
      },
    });
    expect(perm.status).toBe(303);
    const detail = (
      await api<{ permissions: Record<string, unknown> }>(
        `/api/spaces/${id}/components/${componentId}`,
        admin,
      )
    ).body;
    expect(detail.permissions[action]).toEqual({
      verification: 'franceconnect',
      minimumAge: 16,
      membersOnly: true,
    });
    // Each permission is folded under the rule in force.
    expect(textOf((await page(componentPath, { cookie: admin })).text)).toContain(
      'Identité vérifiée avec FranceConnect · 16 ans ou plus · membres de l’espace seulement',
    );
    // Rename and move.
    expect(
      (await page(componentPath, { cookie: admin, form: { 'name-fr': 'Idées', position: '3' } }))
        .status,
    ).toBe(303);
    expect(
      (
        await page(componentPath, {
          cookie: admin,
          form: { 'name-fr': 'Idées', position: 'trois' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('members of a private space', () => {
  it('adds an account by email or id and removes it; a bad id or an unknown address is named on its field', async () => {
    const me = (
      await api<{ id: string; email: string; displayName: string }>('/api/identity/me', author)
    ).body;
    const { id } = await createSpace({ private: 'true' });
    const bad = await page(`/admin/spaces/${id}/members`, {
      cookie: admin,
      form: { userId: 'jean' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'userId', 'identifiant de compte');
    const nobody = await page(`/admin/spaces/${id}/members`, {
      cookie: admin,
      form: { userId: 'personne@exemple.fr' },
    });
    expect(nobody.status).toBe(400);
    expectFieldError(nobody.text, 'userId', 'Aucun compte actif');
    // By the address the person signs in with (identity says which account has it)…
    const byEmail = await page(`/admin/spaces/${id}/members`, {
      cookie: admin,
      form: { userId: me.email.toUpperCase() },
    });
    expect(byEmail.status).toBe(303);
    const list = await page(`/admin/spaces/${id}/members?done=added`, { cookie: admin });
    // Named as identity knows the account, its id beside.
    expect(list.text).toContain(`<strong>${me.displayName}</strong>`);
    expect(textOf(list.text)).toContain(`Compte ${me.id}`);
    expect(textOf(list.text)).toContain('Membres (1)');
    // …or by account id: the same member, still one.
    const added = await page(`/admin/spaces/${id}/members`, {
      cookie: admin,
      form: { userId: me.id },
    });
    expect(added.status).toBe(303);
    expect(textOf((await page(`/admin/spaces/${id}/members`, { cookie: admin })).text)).toContain(
      'Membres (1)',
    );
    const removed = await page(`/admin/spaces/${id}/members/${me.id}/remove`, {
      cookie: admin,
      form: {},
    });
    expect(removed.status).toBe(303);
    const after = await page(`/admin/spaces/${id}/members`, { cookie: admin });
    expect(after.text).not.toContain(me.id);
    expect(textOf(after.text)).toContain('Membres (0)');
    // Removed again (an old tab): the members page says it, rather than a missing page.
    const twice = await page(`/admin/spaces/${id}/members/${me.id}/remove`, {
      cookie: admin,
      form: {},
    });
    expect(twice.status).toBe(409);
    expect(textOf(twice.text)).toContain('Ce compte n’est pas membre');
  });

  it('says a refusal of the spaces service in the page’s language, not in the service’s English', async () => {
    const me = (await api<{ id: string }>('/api/identity/me', author)).body;
    // Open to everyone: the spaces service refuses members (409) with an English detail.
    const { id } = await createSpace();
    const fr = await page(`/admin/spaces/${id}/members`, {
      cookie: admin,
      form: { userId: me.id },
    });
    expect(fr.status).toBe(409);
    expect(textOf(fr.text)).toContain('Impossible dans l’état actuel de l’espace');
    expect(fr.text).not.toMatch(/Members are invited|this space is open/i);
    const en = await page(`/admin/spaces/${id}/members`, {
      cookie: admin,
      form: { userId: me.id },
      lang: 'en',
    });
    expect(en.status).toBe(409);
    expect(textOf(en.text)).toContain('Not possible in the current state of the space');
  });
});
