/**
 * The proposals pages over HTTP, against the real platform (spawned as
 * `npm start` runs it, with the demo "Budget participatif" and its ideas):
 * the list (filters, search, sorts, the visitor's random order), a proposal
 * (answer, cost, comments with stances), the phase closing supports with its
 * reason, proposals within the per-person limit and the refusal beyond it,
 * supports up to the maximum then the refusal, withdrawals, comments
 * (add, reply, edit with history, delete), reports until hidden, moderation
 * (restore, the log of who and why), the evaluation's answer shown to all,
 * official entries, errors named per field, cross-site posts refused.
 */
import { completeFranceConnectLogin, flowCookie } from '@palabre/fc-local';
import { startPlatform, type RunningPlatform } from './platform';

let platform: RunningPlatform;
let admin: string;
let marie: string;
let jean: string;
let alice: string;
let space: Landing;
let componentId: string;
let base: string;
let adminBase: string;

const FORM = 'application/x-www-form-urlencoded';
const YEAR = new Date().getFullYear();
const BUDGET = `budget-participatif-${YEAR}`;
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

interface Landing {
  id: string;
  slug: string;
  phases: { id: string; title: { fr?: string }; active: boolean }[];
  components: { id: string; type: string }[];
}

interface ProposalView {
  id: string;
  title: string;
  state: string | null;
  votes: number | null;
  comments: number;
}

interface Page {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

async function page(
  path: string,
  init: { cookie?: string; form?: Record<string, string>; origin?: string | null } = {},
): Promise<Page> {
  const headers: Record<string, string> = { 'accept-language': 'fr-FR,fr;q=0.9' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) {
    headers['content-type'] = FORM;
    if (init.origin !== null) headers.origin = init.origin ?? platform.url;
  }
  const r = await fetch(`${platform.url}${path}`, {
    method: init.form ? 'POST' : 'GET',
    redirect: 'manual',
    headers,
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  return {
    status: r.status,
    headers: r.headers,
    text: await r.text(),
    location: r.headers.get('location'),
  };
}

/** The API as it is now, past the gateway's micro-cache. */
async function api<T>(
  path: string,
  cookie?: string,
  write?: { method: string; body: unknown },
): Promise<{ status: number; body: T }> {
  const r = await fetch(`${platform.url}${path}`, {
    method: write?.method ?? 'GET',
    headers: {
      'cache-control': 'no-cache',
      ...(cookie ? { cookie } : {}),
      ...(write ? { 'content-type': 'application/json', origin: platform.url } : {}),
    },
    body: write ? JSON.stringify(write.body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
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

async function signInWithFranceConnect(citizen: string): Promise<string> {
  const start = await page(
    `/auth/franceconnect/login?mode=author&returnTo=%2F&login_hint=${citizen}`,
  );
  expect(start.status).toBe(302);
  const callback = new URL(
    await completeFranceConnectLogin(new URL(start.location!, platform.url).href),
  );
  const r = await page(`${callback.pathname}${callback.search}`, {
    cookie: flowCookie(start.headers),
  });
  return sessionOf(r.headers);
}

/** A local account, registered and confirmed through the mail catcher, then signed in. */
async function registerAndSignIn(displayName: string): Promise<string> {
  const email = `${displayName.toLowerCase().replace(/\W/g, '.')}.${Date.now()}@example.org`;
  const password = 'correct horse battery';
  const form = await page('/account/register');
  const captchaId = /name="captchaId" value="([0-9a-f-]{36})"/.exec(form.text)![1];
  const q = /Combien font (\S+) plus (\S+) \?/.exec(form.text)!;
  const answer = String(FR_NUMBERS.indexOf(q[1]) + FR_NUMBERS.indexOf(q[2]));
  const r = await page('/account/register', {
    form: { displayName, email, password, captchaId, captchaAnswer: answer },
  });
  expect(r.status).toBe(303);
  let token: string | null = null;
  for (let i = 0; i < 100 && !token; i++) {
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    const mail = box.split('<article>').find((a) => a.includes(email));
    token = mail ? (/\/account\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail)?.[1] ?? null) : null;
    if (!token) await new Promise((res) => setTimeout(res, 100));
  }
  expect((await page('/account/confirm', { form: { token: token! } })).status).toBe(303);
  const signed = await page('/sign-in', { form: { email, password, returnTo: '/' } });
  expect(signed.status).toBe(303);
  return sessionOf(signed.headers);
}

const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** Visible text of some markup, tags dropped, spaces collapsed. */
const textOf = (markup: string) =>
  decode(markup.replace(/<[^>]+>/g, ' '))
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
const mainOf = (markup: string) => textOf(/<main[\s\S]*<\/main>/.exec(markup)?.[0] ?? markup);
/** The titles of the proposals listed, in order. */
const titles = (markup: string) =>
  [...markup.matchAll(/<h3><a href="[^"]+\/([0-9a-f-]{36})">([^<]*)<\/a><\/h3>/g)].map((m) =>
    decode(m[2]),
  );

/** The control with this id is invalid, described by its error, and the summary links to it. */
function expectFieldError(text: string, id: string, message?: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(error).not.toBeNull();
  if (message) expect(spaced(decode(error![1]))).toContain(message);
}

/** A group of radios in error: the summary links to its first radio, the fieldset is described by the error. */
function expectGroupError(text: string, name: string, message: string) {
  expect(text).toContain(`<a href="#${name}">`);
  expect(text).toMatch(new RegExp(`<fieldset\\s+aria-describedby="[^"]*${name}-error"`));
  const error = new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`).exec(text);
  expect(spaced(decode(error![1]))).toContain(message);
}

async function proposalsApi(query = 'sort=newest&limit=100', cookie?: string) {
  return (
    await api<{ items: ProposalView[] }>(
      `/api/proposals/components/${componentId}/proposals?${query}`,
      cookie,
    )
  ).body.items;
}

const byTitle = async (title: string) =>
  (
    await proposalsApi(
      'sort=newest&limit=100&state=not_answered,evaluating,accepted,rejected,withdrawn',
    )
  ).find((p) => p.title === title)!;

/** Changes the component's settings as its admin would (global, or the active phase's), then waits until proposals has them. */
async function setSettings(
  global: Record<string, unknown>,
  phase: Record<string, unknown>,
  ready: () => Promise<boolean>,
) {
  if (Object.keys(global).length)
    expect(
      (
        await api(`/api/spaces/${space.id}/components/${componentId}`, admin, {
          method: 'PATCH',
          body: { settings: global },
        })
      ).status,
    ).toBe(200);
  if (Object.keys(phase).length) {
    const active = space.phases.find((p) => p.active)!;
    expect(
      (
        await api(
          `/api/spaces/${space.id}/components/${componentId}/phases/${active.id}/settings`,
          admin,
          { method: 'PATCH', body: { settings: phase } },
        )
      ).status,
    ).toBe(200);
  }
  for (let i = 0; i < 100 && !(await ready()); i++) await new Promise((r) => setTimeout(r, 200));
  expect(await ready()).toBe(true);
}

beforeAll(async () => {
  platform = await startPlatform();
  for (let i = 0; i < 100; i++) {
    const r = await api<Landing>(`/api/spaces/${BUDGET}`);
    if (r.status === 200 && r.body.components.some((c) => c.type === 'proposals')) {
      space = r.body;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  componentId = space.components.find((c) => c.type === 'proposals')!.id;
  base = `/spaces/${BUDGET}/proposals/${componentId}`;
  adminBase = `/admin/spaces/${space.id}/proposals/${componentId}`;
  // The demo ideas are written when the component is first asked about.
  for (let i = 0; i < 100 && (await proposalsApi()).length < 12; i++)
    await new Promise((r) => setTimeout(r, 200));
  [admin, marie, jean] = await Promise.all([
    signInAsAdmin(),
    signInWithFranceConnect('adult-marie'),
    signInWithFranceConnect('adult-jean'),
  ]);
  alice = await registerAndSignIn('Alice Lambert');
}, 180_000);
afterAll(() => platform?.stop());

describe('the list', () => {
  it('lists the ideas with state, author and counts, filtered by state and area, searched and sorted', async () => {
    const all = await page(base);
    expect(all.status).toBe(200);
    expect(all.text).toContain('<h1>Idées</h1>');
    const listed = titles(all.text);
    // The twelve ideas, and the demo spam account's two proposals (reported, not hidden:
    // automatic blocking is off, moderators decide).
    expect(listed).toHaveLength(14);
    expect(listed).toContain('Cheap solution for the city budget');
    expect(listed).toContain('Des fontaines à eau dans chaque parc');
    const text = mainOf(all.text);
    expect(text).toContain(
      'Des fontaines à eau dans chaque parc État : Retenue par Camille Martin',
    );
    expect(text).toMatch(
      /Un jardin partagé derrière la médiathèque État : Retenue par Amina Benali, au nom de Association Les Jardins du Centre · quartier Centre-ville \d+ soutiens · 1 commentaire/,
    );
    expect(text).toContain(
      'Des toilettes publiques au marché État : En attente de réponse Officielle Proposition issue d’un atelier',
    );
    // Anonymous visitors have no personal filters.
    expect(all.text).not.toContain('name="mine"');

    const accepted = titles((await page(`${base}?state=accepted`)).text);
    expect(accepted.sort()).toEqual(
      ['Des fontaines à eau dans chaque parc', 'Un jardin partagé derrière la médiathèque'].sort(),
    );
    const north = titles((await page(`${base}?area=Nord`)).text);
    expect(north).toContain('Une piste cyclable rue Jean-Jaurès');
    expect(north).not.toContain('Des fontaines à eau dans chaque parc');

    const search = await page(`${base}?q=v%C3%A9lo`);
    expect(titles(search.text)).toEqual(['Stationnement vélo sécurisé à la gare']);
    expect(search.text).toMatch(/<option value="relevance"\s+selected>/);
    expect(search.text).toContain('value="vélo"');

    const commented = await page(`${base}?sort=most-commented`);
    const first = titles(commented.text).slice(0, 2).sort();
    expect(first).toEqual(
      ['Des fontaines à eau dans chaque parc', 'Une piste cyclable rue Jean-Jaurès'].sort(),
    );
    const newest = titles((await page(`${base}?sort=newest`)).text);
    expect(newest[0]).toBe('Fresque participative sur le mur du gymnase');
    expect(newest[11]).toBe('Des fontaines à eau dans chaque parc');
  });

  it('keeps each visitor’s random order from page to page (seed in a cookie and in the address)', async () => {
    const first = await page(base);
    const cookie = first.headers
      .getSetCookie()
      .find((c) => c.startsWith('palabre_proposals_seed='))!
      .split(';')[0];
    const again = await page(base, { cookie });
    expect(again.headers.getSetCookie().some((c) => c.startsWith('palabre_proposals_seed='))).toBe(
      false,
    );
    expect(titles(again.text)).toEqual(titles(first.text));
    const seed = cookie.split('=')[1];
    const bySeed = await page(`${base}?sort=random&seed=${seed}`);
    expect(titles(bySeed.text)).toEqual(titles(first.text));
    // Another seed, another order (the same ideas).
    const other = await page(
      `${base}?sort=random&seed=${(Number(seed) + 977_777_777) % 2147483647}`,
    );
    expect(titles(other.text).sort()).toEqual(titles(first.text).sort());
    expect(titles(other.text)).not.toEqual(titles(first.text));
    // A cursor that is not one: the first page, not an error.
    const stale = await page(`${base}?sort=newest&cursor=nope`);
    expect(stale.status).toBe(303);
    expect(stale.location).toContain(`${base}?sort=`);
  });
});

describe('pages of the list', () => {
  it('pages through more than twenty proposals in the visitor’s order, each once', async () => {
    for (let i = 1; i <= 10; i++)
      expect(
        (
          await api(`/api/proposals/components/${componentId}/proposals`, admin, {
            method: 'POST',
            body: {
              origin: 'workshop',
              title: `Idée d’atelier numéro ${i}`,
              body: 'Une idée recueillie lors de l’atelier de quartier.',
            },
          })
        ).status,
      ).toBe(201);
    const seed = 123456789;
    const first = await page(`${base}?sort=random&seed=${seed}`);
    const one = titles(first.text);
    expect(one).toHaveLength(20);
    const next = /<a href="([^"]+)" rel="next">Propositions suivantes<\/a>/.exec(first.text)!;
    expect(decode(next[1])).toContain(`seed=${seed}`);
    const second = await page(decode(next[1]));
    // What the platform said, should page two fail (it did, rarely, in CI: the cause is in there).
    if (second.status !== 200) console.log(platform.output().slice(-4000));
    expect({ status: second.status, location: second.location }).toEqual({
      status: 200,
      location: null,
    });
    // 12 ideas, the demo's 2 spam proposals, the 10 added here.
    const two = titles(second.text);
    expect(two).toHaveLength(4);
    expect(new Set([...one, ...two]).size).toBe(24);
    expect(second.text).not.toContain('rel="next"');
    expect(second.text).toContain('Revenir au début de la liste');
  });
});

describe('a proposal', () => {
  it('shows its text, author, public answer with the estimated cost, comments with their stance in words', async () => {
    const p = await byTitle('Des fontaines à eau dans chaque parc');
    const r = await page(`${base}/${p.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('<h1>Des fontaines à eau dans chaque parc</h1>');
    const text = mainOf(r.text);
    expect(text).toContain('État : Retenue');
    expect(text).toContain('par Camille Martin');
    expect(text).toContain('Installer des fontaines à eau potable dans les parcs');
    expect(text).toContain('Réponse de Ville de Démo');
    expect(text).toContain('Les services techniques ont validé la faisabilité');
    expect(text).toContain('Coût estimé : 15 000 €');
    expect(text).toContain('Jean Dupont + Position : Pour');
    expect(text).toContain('Sophie Leroy = Position : Neutre');
    expect(text).toContain(`${p.votes} soutiens`);
  });

  it('says why supports are closed in this phase, and refuses a support posted anyway with the phase named', async () => {
    const p = await byTitle('Des bancs le long du canal');
    const shown = mainOf((await page(`${base}/${p.id}`, { cookie: marie })).text);
    expect(shown).toContain(
      'Pas pendant l’étape « Boîte à idées » : cette étape ne le permet pas.',
    );
    expect(shown).not.toContain('Soutenir cette proposition');
    const r = await page(`${base}/${p.id}/vote`, { cookie: marie, form: {} });
    expect(r.status).toBe(409);
    expect(r.text).toMatch(
      /<div class="notice warning" role="alert">\s*<p>Pas pendant l’étape « Boîte à idées »/,
    );
    expect((await byTitle('Des bancs le long du canal')).votes).toBe(p.votes);
  });

  it('asks an anonymous visitor to sign in, with FranceConnect or an account, to support and to comment', async () => {
    const p = await byTitle('Repair café mensuel');
    const r = await page(`${base}/${p.id}`);
    expect(r.text).toContain('Connectez-vous pour commenter.');
    expect(r.text).toContain(
      `href="/auth/franceconnect/login?mode=author&amp;returnTo=${encodeURIComponent(`${base}/${p.id}#comments`)}"`,
    );
    expect(r.text).toContain(
      `href="/sign-in?returnTo=${encodeURIComponent(`${base}/${p.id}#comments`)}"`,
    );
    // A support posted without a session: the refusal says to sign in, with both ways, beside the button.
    const posted = await page(`${base}/${p.id}/vote`, { form: {} });
    expect(posted.status).toBe(403);
    const support = /<section id="support"[\s\S]*?<\/section>/.exec(posted.text)![0];
    expect(textOf(support)).toContain('Connectez-vous pour participer.');
    expect(support).toContain('href="/auth/franceconnect/login?mode=author&amp;returnTo=');
    expect(support).toContain('href="/sign-in?returnTo=');
    expect((await page(`${base}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await page(`/spaces/${BUDGET}/proposals/not-a-uuid`)).status).toBe(404);
  });
});

describe('making proposals', () => {
  it('names each error by its field, publishes within the limit, refuses beyond it with the limit, then accepts again after a withdrawal', async () => {
    await setSettings(
      { proposal_limit: 1, vote_limit: 3, minimum_votes_per_user: 2 },
      {},
      async () => {
        const r = await api<{ limit: number | null }>(
          `/api/proposals/components/${componentId}/votes/mine`,
          alice,
        );
        return r.body?.limit === 3;
      },
    );
    const form = await page(`${base}/new`, { cookie: alice });
    expect(form.status).toBe(200);
    expect(mainOf(form.text)).toContain(
      'Propositions par personne ici : 1 au plus ; vous en avez 0 en cours.',
    );
    expect(mainOf(form.text)).toContain('Vous pourrez la modifier pendant 15 minutes');

    const bad = await page(`${base}/new`, {
      cookie: alice,
      form: { title: 'Court', body: 'Trop bref', address: 'x'.repeat(301) },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Le formulaire contient 3 erreur(s)');
    expectFieldError(bad.text, 'title', 'Saisissez un titre de 10 à 150 caractères.');
    expectFieldError(bad.text, 'body', 'Saisissez un texte de 15 à 1 000 caractères.');
    expectFieldError(bad.text, 'address', 'Saisissez au plus 300 caractères.');
    expect(bad.text).toContain('value="Court"');

    const good = {
      title: 'Des ruches sur le toit de la mairie',
      body: 'Installer trois ruches sur le toit de la mairie, suivies par un apiculteur du quartier.',
      address: '1 place de la Mairie',
      area: 'Centre-ville',
      onBehalfOf: 'Collectif Abeilles',
    };
    const created = await page(`${base}/new`, { cookie: alice, form: good });
    expect(created.status).toBe(303);
    const id = /\/([0-9a-f-]{36})\?done=created$/.exec(created.location!)![1];
    const shown = await page(created.location!.replace(platform.url, ''), { cookie: alice });
    const text = mainOf(shown.text);
    expect(text).toContain('Votre proposition est publiée.');
    expect(text).toContain('par Alice Lambert, au nom de Collectif Abeilles');
    expect(text).toContain('Adresse 1 place de la Mairie');
    expect(text).toContain('Modifier la proposition (modifiable jusqu’au');

    const over = await page(`${base}/new`, {
      cookie: alice,
      form: { ...good, title: 'Un second rucher au parc' },
    });
    expect(over.status).toBe(422);
    expect(mainOf(over.text)).toContain(
      'Vous avez atteint la limite par personne ici (1 au plus) : retirez une de vos propositions pour en déposer une autre.',
    );
    expect(over.text).toContain('value="Un second rucher au parc"');

    // Edit within the window.
    const edited = await page(`${base}/${id}/edit`, {
      cookie: alice,
      form: { ...good, title: 'Des ruches sur le toit de la mairie annexe' },
    });
    expect(edited.status).toBe(303);
    expect(mainOf((await page(`${base}/${id}`, { cookie: alice })).text)).toContain(
      'Des ruches sur le toit de la mairie annexe',
    );
    // Someone else may not edit nor withdraw it.
    expect((await page(`${base}/${id}/withdraw`, { cookie: marie })).status).toBe(404);

    const confirm = await page(`${base}/${id}/withdraw`, { cookie: alice });
    expect(mainOf(confirm.text)).toContain(
      'Retirer « Des ruches sur le toit de la mairie annexe » ?',
    );
    const withdrawn = await page(`${base}/${id}/withdraw`, { cookie: alice, form: {} });
    expect(withdrawn.status).toBe(303);
    const after = mainOf((await page(`${base}/${id}?done=withdrawn`, { cookie: alice })).text);
    expect(after).toContain('Votre proposition est retirée.');
    expect(after).toContain('État : Retirée');
    expect(titles((await page(`${base}?state=withdrawn`)).text)).toContain(
      'Des ruches sur le toit de la mairie annexe',
    );
    // Searched for (and signed in: no shared copy), not left to a random first page.
    expect(
      titles(
        (await page(`${base}?q=${encodeURIComponent('ruches mairie')}`, { cookie: marie })).text,
      ),
    ).not.toContain('Des ruches sur le toit de la mairie annexe');

    const again = await page(`${base}/new`, {
      cookie: alice,
      form: { ...good, title: 'Un hôtel à insectes au jardin' },
    });
    expect(again.status).toBe(303);
    // "My proposals" lists it for its author.
    const mine = await page(`${base}?mine=1&sort=newest`, { cookie: alice });
    expect(titles(mine.text)).toEqual(['Un hôtel à insectes au jardin']);
  });
});

describe('supports', () => {
  it('counts supports up to the per-person maximum, says what is used and needed, refuses the next one, and lets one be withdrawn', async () => {
    await setSettings({}, { votes_enabled: true }, async () => {
      const r = await api<{ actions: { name: string; open: boolean }[] }>(
        `/api/spaces/${space.id}/components/${componentId}/effective`,
      );
      return r.body.actions.find((a) => a.name === 'vote')?.open === true;
    });
    // The proposals service reuses spaces' answers for 2 s (ADR 0012): the earlier refusal expires.
    await new Promise((r) => setTimeout(r, 2_500));
    const picks = await Promise.all(
      [
        'Des bancs le long du canal',
        'Repair café mensuel',
        'Une boîte à livres dans chaque quartier',
        'Fresque participative sur le mur du gymnase',
      ].map(byTitle),
    );
    const first = await page(`${base}/${picks[0].id}/vote`, { cookie: marie, form: {} });
    expect(first.status).toBe(303);
    expect(first.location).toContain('?done=voted#support');
    const after = mainOf((await page(`${base}/${picks[0].id}?done=voted`, { cookie: marie })).text);
    expect(after).toContain('Votre soutien est enregistré.');
    expect(after).toContain('Vous soutenez cette proposition.');
    expect(after).toContain(
      'Vous avez utilisé 1 de vos 3 soutiens. Il en faut au moins 2 pour qu’ils comptent : encore 1.',
    );
    for (const p of picks.slice(1, 3))
      expect((await page(`${base}/${p.id}/vote`, { cookie: marie, form: {} })).status).toBe(303);
    // With the minimum reached, her supports count.
    expect((await byTitle(picks[0].title)).votes).toBe(picks[0].votes! + 1);
    const third = mainOf((await page(`${base}/${picks[2].id}`, { cookie: marie })).text);
    expect(third).toContain(
      'Vous avez utilisé 3 de vos 3 soutiens. Vous en avez donné au moins 2 : ils comptent.',
    );

    const refused = await page(`${base}/${picks[3].id}/vote`, { cookie: marie, form: {} });
    expect(refused.status).toBe(422);
    expect(mainOf(refused.text)).toContain(
      'Vous avez utilisé vos 3 soutiens, la limite par personne : retirez-en un pour en soutenir une autre.',
    );
    expect((await byTitle(picks[3].title)).votes).toBe(picks[3].votes);
    // "Voted by me" lists exactly those three.
    expect(
      titles((await page(`${base}?voted=1&sort=newest`, { cookie: marie })).text).sort(),
    ).toEqual(
      picks
        .slice(0, 3)
        .map((p) => p.title)
        .sort(),
    );

    const withdrawn = await page(`${base}/${picks[0].id}/unvote`, { cookie: marie, form: {} });
    expect(withdrawn.status).toBe(303);
    const back = mainOf(
      (await page(`${base}/${picks[0].id}?done=unvoted`, { cookie: marie })).text,
    );
    expect(back).toContain('Votre soutien est retiré.');
    expect(back).toContain('Vous avez utilisé 2 de vos 3 soutiens.');
    expect(back).toContain('Soutenir cette proposition');
    expect((await page(`${base}/${picks[3].id}/vote`, { cookie: marie, form: {} })).status).toBe(
      303,
    );
  });

  it('refuses a support posted from another site, and records nothing', async () => {
    const p = await byTitle('Un parcours sportif au bois de la Garenne');
    const r = await page(`${base}/${p.id}/vote`, {
      cookie: jean,
      form: {},
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(403);
    expect(textOf(r.text)).toContain('Ce formulaire ne vient pas de ce site');
    expect((await byTitle(p.title)).votes).toBe(p.votes);
    const created = await page(`${base}/new`, {
      cookie: jean,
      form: {
        title: 'Une proposition venue d’ailleurs',
        body: 'Ce texte est envoyé par un autre site.',
      },
      origin: 'https://evil.example',
    });
    expect(created.status).toBe(403);
    expect(await byTitle('Une proposition venue d’ailleurs')).toBeUndefined();
  });
});

describe('comments', () => {
  it('adds a comment with a stance, a reply under it, edits it with its history, deletes it', async () => {
    const p = await byTitle('Éclairage solaire du skatepark');
    const empty = await page(`${base}/${p.id}/comments`, {
      cookie: jean,
      form: { body: ' ', stance: 'for' },
    });
    expect(empty.status).toBe(400);
    expectFieldError(empty.text, 'body', 'Saisissez un commentaire de 2 à 2 000 caractères.');

    const added = await page(`${base}/${p.id}/comments`, {
      cookie: jean,
      form: {
        body: 'Un éclairage à détecteur de présence serait une bonne solution.',
        stance: 'against',
      },
    });
    expect(added.status).toBe(303);
    const commentId = /#comment-([0-9a-f-]{36})$/.exec(added.location!)![1];
    let text = mainOf((await page(`${base}/${p.id}`, { cookie: jean })).text);
    expect(text).toContain('Jean Martin − Position : Contre');
    expect(text).toContain('Un éclairage à détecteur de présence serait une bonne solution.');

    const replyForm = await page(`${base}/${p.id}/comments/${commentId}/reply`, { cookie: marie });
    expect(replyForm.status).toBe(200);
    expect(mainOf(replyForm.text)).toContain('Répondre à Jean Martin');
    const reply = await page(`${base}/${p.id}/comments`, {
      cookie: marie,
      form: { body: 'D’accord, et il coûte peu.', stance: 'for', parentId: commentId },
    });
    expect(reply.status).toBe(303);
    const shown = await page(`${base}/${p.id}`, { cookie: jean });
    expect(shown.text).toMatch(
      /aria-label="Réponses à Jean Martin"[\s\S]*D’accord, et il coûte peu\./,
    );

    const edit = await page(`${base}/${p.id}/comments/${commentId}/edit`, {
      cookie: jean,
      form: { body: 'Un éclairage à détecteur de présence, éteint à 22 h.', stance: 'neutral' },
    });
    expect(edit.status).toBe(303);
    text = mainOf((await page(`${base}/${p.id}`, { cookie: jean })).text);
    expect(text).toContain('Jean Martin = Position : Neutre');
    expect(text).toMatch(/modifié le \d+ novembre|modifié le \d+ \S+ \d{4}/);
    const history = mainOf((await page(`${base}/${p.id}/comments/${commentId}/history`)).text);
    expect(history).toMatch(
      /Écrit le [^]*Position : Contre Un éclairage à détecteur de présence serait une bonne solution\.[^]*Position : Neutre \(version actuelle\) Un éclairage à détecteur de présence, éteint à 22 h\./,
    );
    // Only its author may edit or delete it.
    expect(
      (await page(`${base}/${p.id}/comments/${commentId}/edit`, { cookie: marie })).status,
    ).toBe(404);

    const deleted = await page(`${base}/${p.id}/comments/${commentId}/delete`, {
      cookie: jean,
      form: {},
    });
    expect(deleted.status).toBe(303);
    text = mainOf((await page(`${base}/${p.id}?done=commentDeleted`, { cookie: jean })).text);
    expect(text).toContain('Votre commentaire est supprimé.');
    expect(text).toContain('Commentaire supprimé par son auteur.');
    expect(text).not.toContain('détecteur de présence');
    expect(text).toContain('D’accord, et il coûte peu.');
  });
});

describe('reports and moderation', () => {
  it('hides a proposal reported by three people, keeps it out of the list, and lets a moderator restore it with the log of who and why', async () => {
    const p = await byTitle('Plus d’arbres dans la cour de l’école Jules-Ferry');
    const noReason = await page(`${base}/${p.id}/report`, { cookie: marie, form: { details: '' } });
    expect(noReason.status).toBe(400);
    expectGroupError(noReason.text, 'reason', 'Choisissez la raison du signalement.');

    for (const [who, reason] of [
      [marie, 'spam'],
      [jean, 'offensive'],
    ] as const) {
      const r = await page(`${base}/${p.id}/report`, {
        cookie: who,
        form: { reason, details: 'à vérifier' },
      });
      expect(r.status).toBe(303);
      expect(r.location).toContain('?done=reported');
    }
    const twice = await page(`${base}/${p.id}/report`, { cookie: marie, form: { reason: 'spam' } });
    expect(twice.status).toBe(409);
    expect(mainOf(twice.text)).toContain('Vous avez déjà signalé ce contenu.');
    // Searched for, so that it is on the first page whatever the visitor's random order;
    // signed in, so that no shared copy of this search is kept for anonymous visitors yet.
    const search = `${base}?q=${encodeURIComponent('Jules-Ferry')}`;
    expect(titles((await page(search, { cookie: jean })).text)).toContain(p.title);

    const third = await page(`${base}/${p.id}/report`, {
      cookie: alice,
      form: { reason: 'does_not_belong' },
    });
    expect(third.status).toBe(303);
    expect(third.location).toBe(`${base}?done=reportedHidden`);
    expect(mainOf((await page(`${base}?done=reportedHidden`)).text)).toContain(
      'Merci : ce contenu est masqué en attendant la décision des modérateurs.',
    );
    expect(titles((await page(search)).text)).not.toContain(p.title);
    expect(titles((await page(search, { cookie: jean })).text)).not.toContain(p.title);
    expect((await page(`${base}/${p.id}`, { cookie: marie })).status).toBe(404);

    const queue = await page(`${adminBase}/moderation`, { cookie: admin });
    expect(queue.status).toBe(200);
    const q = mainOf(queue.text);
    expect(q).toContain(`Proposition ${p.title}`);
    expect(q).toContain('3 signalements · Masqué (par les signalements)');
    expect(q).toMatch(
      /Publicité ou spam — à vérifier[^]*Propos injurieux, haineux ou discriminatoires[^]*Hors sujet/,
    );

    const short = await page(`${adminBase}/moderation/proposal/${p.id}/restore`, {
      cookie: admin,
      form: { [`reason-${p.id}`]: 'ok' },
    });
    expect(short.status).toBe(400);
    expectFieldError(short.text, `reason-${p.id}`, 'Donnez une raison de 3 à 500 caractères.');

    const restored = await page(`${adminBase}/moderation/proposal/${p.id}/restore`, {
      cookie: admin,
      form: { [`reason-${p.id}`]: 'Signalements infondés : projet d’école' },
    });
    expect(restored.status).toBe(303);
    const log = mainOf(
      (await page(`${adminBase}/moderation?done=restored`, { cookie: admin })).text,
    );
    expect(log).toContain('Le contenu est rétabli.');
    expect(log).toMatch(
      /Administration de Démo Rétabli \(Proposition\) Signalements infondés : projet d’école/,
    );
    expect(log).toMatch(
      /La plateforme \(seuil de signalements\) Masqué par les signalements[^]*3 reports/,
    );
    // Signed in: the anonymous copy of this search may still be the one kept while it was hidden.
    expect(titles((await page(search, { cookie: jean })).text)).toContain(p.title);
  });

  it('lets a moderator dismiss an unfounded report: the proposal stays, leaves the queue, and cannot be reported again by the same person', async () => {
    const p = await byTitle('Des toilettes publiques au marché');
    const reported = await page(`${base}/${p.id}/report`, {
      cookie: marie,
      form: { reason: 'offensive', details: 'je ne suis pas d’accord' },
    });
    expect(reported.status).toBe(303);
    const queue = await page(`${adminBase}/moderation`, { cookie: admin });
    const action = `${adminBase}/moderation/proposal/${p.id}/dismiss`;
    expect(queue.text).toContain(`formaction="${action}"`);
    expect(mainOf(queue.text)).toContain(`Rejeter les signalements : ${p.title}`);

    const noReason = await page(action, { cookie: admin, form: { [`reason-${p.id}`]: '' } });
    expect(noReason.status).toBe(400);
    expectFieldError(noReason.text, `reason-${p.id}`, 'Donnez une raison de 3 à 500 caractères.');
    const crossSite = await page(action, {
      cookie: admin,
      form: { [`reason-${p.id}`]: 'Un désaccord, pas un abus' },
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);

    const dismissed = await page(action, {
      cookie: admin,
      form: { [`reason-${p.id}`]: 'Un désaccord, pas un abus' },
    });
    expect(dismissed.status).toBe(303);
    expect(dismissed.location).toBe(`${adminBase}/moderation?done=dismissed`);
    const after = await page(dismissed.location!, { cookie: admin });
    expect(after.text).not.toContain(`id="item-${p.id}"`);
    expect(mainOf(after.text)).toContain('Les signalements sont rejetés');
    expect(mainOf(after.text)).toMatch(
      /Administration de Démo Signalements rejetés \(Proposition\) Un désaccord, pas un abus/,
    );
    // The proposal stays shown; the same person cannot bring it back to the queue.
    expect((await page(`${base}/${p.id}`)).status).toBe(200);
    const again = await page(`${base}/${p.id}/report`, {
      cookie: marie,
      form: { reason: 'spam' },
    });
    expect(again.status).toBe(409);
    expect(mainOf(again.text)).toContain('Vous avez déjà signalé ce contenu.');
  });

  it('lets a moderator hide a comment, which then disappears from the proposal page', async () => {
    const p = await byTitle('Une piste cyclable rue Jean-Jaurès');
    const queueBefore = await api<{ items: { id: string; body: string }[] }>(
      `/api/proposals/proposals/${p.id}/comments`,
    );
    const target = (queueBefore.body.items as { id: string; body: string }[]).find((c) =>
      c.body.includes('trop étroite'),
    )!;
    const reported = await page(`${base}/${p.id}/comments/${target.id}/report`, {
      cookie: alice,
      form: { reason: 'other', details: 'Propos déplacé' },
    });
    expect(reported.status).toBe(303);
    const queue = mainOf((await page(`${adminBase}/moderation`, { cookie: admin })).text);
    expect(queue).toContain('La rue est trop étroite');
    expect(queue).toContain('1 signalement · Visible');
    const hidden = await page(`${adminBase}/moderation/comment/${target.id}/hide`, {
      cookie: admin,
      form: { [`reason-${target.id}`]: 'Propos hors charte' },
    });
    expect(hidden.status).toBe(303);
    expect(mainOf((await page(`${base}/${p.id}`, { cookie: marie })).text)).not.toContain(
      'La rue est trop étroite',
    );
  });

  it('keeps the back-office to the staff: sign-in first, a 403 that says why for a resident', async () => {
    const anonymous = await page(`${adminBase}/moderation`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe(
      `/sign-in?returnTo=${encodeURIComponent(`${adminBase}/moderation`)}`,
    );
    const resident = await page(adminBase, { cookie: marie });
    expect(resident.status).toBe(403);
    expect(mainOf(resident.text)).toContain('votre compte n’a aucun rôle dans cet espace');
    const hide = await page(
      `${adminBase}/moderation/proposal/${(await byTitle('Repair café mensuel')).id}/hide`,
      {
        cookie: marie,
        form: { reason: 'nope' },
      },
    );
    expect(hide.status).toBe(403);
  });
});

describe('evaluation and official proposals', () => {
  it('publishes an evaluation’s state, answer and cost, shown on the public page; errors named per field', async () => {
    const p = await byTitle('Des bancs le long du canal');
    const overview = await page(adminBase, { cookie: admin });
    expect(overview.status).toBe(200);
    expect(overview.text).toContain(`href="${adminBase}/${p.id}"`);
    const form = await page(`${adminBase}/${p.id}`, { cookie: admin });
    expect(form.status).toBe(200);
    expect(mainOf(form.text)).toContain('Évaluer « Des bancs le long du canal »');

    const bad = await page(`${adminBase}/${p.id}/answer`, {
      cookie: admin,
      form: { state: '', answer: 'Oui', cost: 'douze euros' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'cost', 'Saisissez un montant en euros');
    expect(bad.text).toContain('<a href="#state">');

    const unknown = await page(`${adminBase}/${p.id}/answer`, {
      cookie: admin,
      form: { state: 'feasible', answer: '', cost: '' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<a href="#state">');

    const ok = await page(`${adminBase}/${p.id}/answer`, {
      cookie: admin,
      form: {
        state: 'accepted',
        answer: 'Les bancs seront posés au printemps, à l’ombre des platanes.',
        cost: '12 500',
      },
    });
    expect(ok.status).toBe(303);
    const shown = mainOf((await page(`${base}/${p.id}`)).text);
    expect(shown).toContain('État : Retenue');
    expect(shown).toContain('Les bancs seront posés au printemps, à l’ombre des platanes.');
    expect(shown).toContain('Coût estimé : 12 500 €');
    expect(titles((await page(`${base}?state=accepted`)).text)).toContain(p.title);
    // The staff page now offers to send it to the budget.
    const staff = mainOf(
      (await page(`${adminBase}/${p.id}?done=answered`, { cookie: admin })).text,
    );
    expect(staff).toContain('La réponse est publiée.');
    expect(staff).toContain('Cette proposition retenue, au coût estimé de 12 500 €');
  });

  it('assigns an evaluator, who then sees the proposal among theirs and answers it; an accepted one with a cost goes to the budget', async () => {
    const me = await api<{ id: string }>('/api/identity/me', jean);
    expect(
      (
        await api('/api/identity/grants', admin, {
          method: 'POST',
          body: { userId: me.body.id, role: 'evaluator', spaceId: space.id },
        })
      ).status,
    ).toBe(201);
    const p = await byTitle('Un parcours sportif au bois de la Garenne');
    const form = await page(`${adminBase}/${p.id}`, { cookie: admin });
    expect(mainOf(form.text)).toContain('Aucun évaluateur n’est assigné à cette proposition.');
    expect(form.text).toContain(`value="${me.body.id}"`);
    const none = await page(`${adminBase}/${p.id}/evaluators`, { cookie: admin, form: {} });
    expect(none.status).toBe(400);
    expect(none.text).toContain('<a href="#userId">');
    const assigned = await page(`${adminBase}/${p.id}/evaluators`, {
      cookie: admin,
      form: { userId: me.body.id },
    });
    expect(assigned.status).toBe(303);
    expect(mainOf((await page(`${adminBase}/${p.id}`, { cookie: admin })).text)).toMatch(
      /Évaluateurs assignés Jean Martin \(depuis le/,
    );

    // The evaluator's session picks the role up within seconds (the gateway caches sessions 2 s).
    let overview = await page(adminBase, { cookie: jean });
    for (let i = 0; i < 20 && overview.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      overview = await page(adminBase, { cookie: jean });
    }
    expect(overview.status).toBe(200);
    expect(mainOf(overview.text)).toContain('1 proposition vous est assignée.');
    expect(mainOf(overview.text)).toMatch(
      /Un parcours sportif au bois de la Garenne — évaluer Assignée à vous/,
    );
    // No moderation for an evaluator, and no entry of official proposals.
    expect((await page(`${adminBase}/moderation`, { cookie: jean })).status).toBe(403);
    expect((await page(`${adminBase}/new`, { cookie: jean })).status).toBe(403);
    const answered = await page(`${adminBase}/${p.id}/answer`, {
      cookie: jean,
      form: { state: 'accepted', answer: 'Dix agrès en bois local.', cost: '40 000,50' },
    });
    expect(answered.status).toBe(303);
    // Another proposal, not assigned to him: the service refuses, and the page says so.
    const other = await byTitle('Une boîte à livres dans chaque quartier');
    const refused = await page(`${adminBase}/${other.id}/answer`, {
      cookie: jean,
      form: { state: 'rejected', answer: '', cost: '' },
    });
    expect(refused.status).toBe(403);
    expect(mainOf(refused.text)).toContain(
      'Votre rôle ne permet pas cette action dans cet espace.',
    );

    const staff = mainOf((await page(`${adminBase}/${p.id}`, { cookie: admin })).text);
    expect(staff).toContain('Cette proposition retenue, au coût estimé de 40 000,50 €');
    const sent = await page(`${adminBase}/${p.id}/send-to-budget`, {
      cookie: admin,
      form: { budgetComponentId: space.components.find((c) => c.type === 'budgets')!.id },
    });
    expect(sent.status).toBe(303);
    const shown = mainOf((await page(`${base}/${p.id}?done=voted`)).text);
    expect(shown).toContain('Dix agrès en bois local.');
    expect(shown).toContain('Coût estimé : 40 000,50 €');
    expect(shown).toMatch(/Envoyée au budget participatif le \d+ \S+ \d{4}\./);
  });

  it('enters a proposal handed in on paper, shown as such', async () => {
    const r = await page(`${adminBase}/new`, {
      cookie: admin,
      form: {
        origin: 'paper',
        title: 'Un marché de producteurs le dimanche',
        body: 'Recueillie au forum des associations : un marché de producteurs locaux le dimanche matin.',
        onBehalfOf: 'Forum des associations',
      },
    });
    expect(r.status).toBe(303);
    expect(r.location).toMatch(new RegExp(`^${adminBase}/[0-9a-f-]{36}\\?done=created$`));
    // A visitor's list is a shared copy a few seconds old at most (the gateway's public cache).
    const shown =
      'Un marché de producteurs le dimanche État : En attente de réponse Officielle Proposition déposée sur papier, au nom de Forum des associations';
    let list = '';
    for (let i = 0; i < 40 && !list.includes(shown); i++) {
      if (i) await new Promise((r) => setTimeout(r, 250));
      list = mainOf((await page(`${base}?sort=newest`)).text);
    }
    expect(list).toContain(shown);
    const noOrigin = await page(`${adminBase}/new`, {
      cookie: admin,
      form: {
        origin: 'participant',
        title: 'Titre assez long',
        body: 'Un texte assez long pour passer.',
      },
    });
    expect(noOrigin.status).toBe(400);
    expect(noOrigin.text).toContain('<a href="#origin">');
  });
});

describe('blocking an author', () => {
  it('blocks the author of a reported proposal: their content leaves the site and they may no longer post', async () => {
    const p = await byTitle('Un hôtel à insectes au jardin');
    expect(
      (await page(`${base}/${p.id}/report`, { cookie: marie, form: { reason: 'spam' } })).status,
    ).toBe(303);
    const queue = await page(`${adminBase}/moderation`, { cookie: admin });
    expect(mainOf(queue.text)).toContain('Bloquer Alice Lambert');
    // Alice's own block form (the demo's spam account has one too).
    const { authorId } = (
      await api<{ items: { id: string; authorId: string }[] }>(
        `/api/proposals/components/${componentId}/moderation`,
        admin,
      )
    ).body.items.find((i) => i.id === p.id)!;
    const action = `${adminBase}/moderation/users/${authorId}/block`;
    expect(queue.text).toContain(`action="${action}"`);
    const target = `${authorId}-${p.id}`;
    const blocked = await page(action, {
      cookie: admin,
      form: { item: p.id, [`reason-${target}`]: 'Publicités répétées' },
    });
    expect(blocked.status).toBe(303);
    const log = mainOf(
      (await page(`${adminBase}/moderation?done=blocked`, { cookie: admin })).text,
    );
    expect(log).toContain('L’auteur est bloqué et ses contenus masqués.');
    expect(log).toMatch(
      /Administration de Démo Auteur bloqué — Alice Lambert \(auteur\) Publicités répétées/,
    );
    expect(titles((await page(`${base}?sort=newest`, { cookie: marie })).text)).not.toContain(
      p.title,
    );
    const refused = await page(`${base}/new`, {
      cookie: alice,
      form: { title: 'Encore une proposition', body: 'Un texte de plus de quinze caractères.' },
    });
    expect(refused.status).toBe(403);
    expect(mainOf(refused.text)).toContain(
      'Votre compte ne peut plus publier ici : contactez les modérateurs.',
    );
  });
});
