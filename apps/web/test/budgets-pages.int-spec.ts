/**
 * The participatory budgeting pages over HTTP, against the real platform
 * (spawned as `npm start` runs it, with the demo "Budget participatif" and
 * its two budgets): voting closed with its reason, a FranceConnect citizen
 * filling a selection and reading what the rule still needs, refused over
 * the envelope, confirming, seeing the vote and unable to vote twice; the
 * back-office creating a budget and a project (errors named per field),
 * entering paper ballots with their audit trail and confirming results; the
 * public results (SVG chart and table) and the implementation tracking;
 * cross-site posts refused; the final actions (cancelling a vote, confirming
 * results) asked on a page of their own first.
 */
import { completeFranceConnectLogin, flowCookie } from '@palabre/fc-local';
import { formFields, withFields } from './html-forms';
import { startPlatform, type RunningPlatform } from './platform';

let platform: RunningPlatform;
let admin: string;
let citizen: string;
let space: { id: string; phases: { id: string; active: boolean }[] };
let componentId: string;
let centre: { id: string };
let base: string;

const FORM = 'application/x-www-form-urlencoded';
/** The day `offset` days from today, as YYYY-MM-DD, and as the French pages write it. */
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const frenchDay = (offset: number) =>
  new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.now() + offset * 86_400_000));
const YEAR = new Date().getFullYear();
const SLUG = `budget-participatif-${YEAR}`;

const page = async (
  path: string,
  init: {
    cookie?: string;
    form?: Record<string, string | string[]>;
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

async function api<T>(path: string, cookie?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(`${platform.url}${path}`, {
    headers: { 'cache-control': 'no-cache', ...(cookie ? { cookie } : {}) },
  });
  return { status: r.status, body: (await r.json()) as T };
}

const sessionOf = (headers: Headers) =>
  String(headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** Visible text, tags dropped, every kind of space (the euro formats use narrow ones) made plain. */
const textOf = (markup: string) =>
  decode(markup.replace(/<[^>]+>/g, ' '))
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

/** A final action's confirmation page (issue 18, journey 2): its question, then the fields it posts again. */
function expectConfirmation(r: { status: number; text: string }, title: string, final: string) {
  expect(r.status).toBe(200);
  expect(r.text).toContain(`<h1>${title}</h1>`);
  expect(textOf(r.text)).toContain(`Cela ne pourra pas être défait : ${final}`);
  expect(r.text).toContain('<input type="hidden" name="confirmed" value="yes" />');
  const form = /<form method="post"[\s\S]*?<\/form>/.exec(r.text)![0];
  // A field posted several times (ticked projects) comes back as several hidden inputs.
  const fields: Record<string, string[]> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g))
    (fields[m[1]] ??= []).push(decode(m[2]));
  return fields;
}

function expectFieldError(text: string, id: string, message?: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(error).not.toBeNull();
  if (message) expect(textOf(error![1])).toContain(message);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  for (let i = 0; i < 150; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** A public page's text once the caches (two seconds at most) show `wanted`. */
async function textSoon(path: string, wanted: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 40 && !text.includes(wanted); i++) {
    if (i) await new Promise((r) => setTimeout(r, 250));
    text = textOf((await page(path)).text);
  }
  return text;
}

async function signInAsSigner(who: string, returnTo: string): Promise<string> {
  const start = await page(
    `/auth/franceconnect/login?mode=signer&returnTo=${encodeURIComponent(returnTo)}&login_hint=${who}`,
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

type Text = { fr?: string; en?: string };
interface Budget {
  id: string;
  title: Text;
}
interface Project {
  id: string;
  title: Text;
  amountCents: number;
}

const projectsOf = async (budgetId: string) =>
  (await api<{ items: Project[] }>(`/api/budgeting/budgets/${budgetId}/projects`)).body.items;
const byTitle = (items: Project[], start: string) =>
  items.find((p) => p.title.fr?.startsWith(start))!;
/** The markup of one project's card on the budget page. */
const card = (text: string, id: string) =>
  new RegExp(`<li class="card" id="project-${id}"[\\s\\S]*?</li>`).exec(text)?.[0] ?? '';

beforeAll(async () => {
  platform = await startPlatform();
  const landing = await until('the demo space', async () => {
    const r = await api<{
      id: string;
      phases: { id: string; active: boolean }[];
      components: { id: string; type: string }[];
    }>(`/api/spaces/${SLUG}`);
    return r.status === 200 ? r.body : null;
  });
  space = landing;
  componentId = landing.components.find((c) => c.type === 'budgets')!.id;
  base = `/spaces/${SLUG}/budgets/${componentId}`;
  const signIn = await page('/sign-in', {
    form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/admin' },
  });
  expect(signIn.status).toBe(303);
  admin = sessionOf(signIn.headers);
  // The demo budgets come with the platform: budgeting seeds them as soon as spaces announces
  // its demo component (ComponentSettingsChanged, cause "created"), no admin action needed.
  const budgets = await until('the demo budgets', async () => {
    const r = await api<{ items: Budget[] }>(`/api/budgeting/components/${componentId}/budgets`);
    return r.status === 200 && r.body.items.length >= 2 ? r.body.items : null;
  });
  centre = budgets.find((b) => b.title.fr === 'Centre-ville')!;
  citizen = await signInAsSigner('adult-marie', base);
}, 180_000);

afterAll(async () => {
  await platform?.stop();
});

describe('participatory budgeting pages', () => {
  it('shows the budgets, the workflow, who may vote and, while voting is closed, the reason next to the action', async () => {
    // The demo starts in its idea box: voting is not open yet.
    expect(space.phases[1].active).toBe(true);
    const text = await textSoon(base, '« Boîte à idées »');
    const r = await page(base);
    expect(r.status).toBe(200);
    expect(text).toContain('Vous pouvez voter dans chacun des budgets ci-dessous.');
    expect(text).toContain(
      'Le vote n’est pas ouvert en ce moment. Étape en cours : « Boîte à idées ».',
    );
    // The demo's vote has no permission: anyone signed in may vote.
    expect(text).toContain(
      'Qui peut voter : toute personne connectée (compte de la plateforme ou FranceConnect).',
    );
    expect(text).toContain(
      'Choisissez au moins 3 projets dans la limite de l’enveloppe de 300 000 €.',
    );
    expect(text).toContain('Dépensez au moins 70 % (140 000 €) de l’enveloppe de 200 000 €');
    expect(r.text).toContain(`href="${base}/${centre.id}"`);

    const trees = byTitle(await projectsOf(centre.id), 'Des arbres');
    const refused = await page(`${base}/${centre.id}/cart/${trees.id}/add`, {
      cookie: citizen,
      form: {},
    });
    expect(refused.status).toBe(409);
    // The phase named is the one budgeting's refusal carries (spaces', in process).
    expect(textOf(card(refused.text, trees.id))).toContain(
      'Le vote est fermé : l’étape en cours, « Boîte à idées », ne permet pas de voter.',
    );
  });

  it('names the voting workflows in the administrator’s language on the component’s page', async () => {
    const r = await page(`/admin/spaces/${space.id}/components/${componentId}`, { cookie: admin });
    expect(r.status).toBe(200);
    const select = /<select\s+id="global-workflow"[\s\S]*?<\/select>/.exec(r.text)![0];
    expect(
      [...select.matchAll(/<option value="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['all', 'Tous les budgets'],
      ['one', 'Un seul budget'],
      ['district_plus_one', 'Le budget de son quartier et un autre'],
    ]);
    expect(textOf(r.text)).toContain('Par défaut : Tous les budgets');
  });

  it('never calls an active phase outside its dates current, nor its vote open, and refuses the vote; dates moved to include today open it', async () => {
    // The demo's vote phase comes after the idea box; an administrator activates it by hand
    // while its dates say it ended three weeks ago (issue 18, journey 1; ADR 0032).
    const vote = space.phases[3].id;
    const dates = (from: number, to: number) => ({
      'phaseTitle-fr': 'Vote',
      'phaseTitle-en': 'Vote',
      'phaseDescription-fr': 'Choisissez vos projets dans la limite du budget.',
      'phaseDescription-en': 'Choose your projects within the budget.',
      phaseStartsOn: day(from),
      phaseEndsOn: day(to),
    });
    const edited = await page(`/admin/spaces/${space.id}/phases/${vote}`, {
      cookie: admin,
      form: dates(-40, -21),
    });
    expect(edited.status).toBe(303);
    const activated = await page(`/admin/spaces/${space.id}/phases/${vote}/activate`, {
      cookie: admin,
      form: {},
    });
    expect(activated.status).toBe(303);
    const notice = textOf((await page(activated.headers.get('location')!, { cookie: admin })).text);
    expect(notice).toContain(
      `L’étape « Vote » est maintenant active, mais elle s’est terminée le ${frenchDay(-21)}`,
    );
    const landing = await textSoon(`/spaces/${SLUG}`, 'Dernière étape');
    expect(landing).toContain(
      `Dernière étape : « Vote », étape 4 sur 5, terminée le ${frenchDay(-21)}.`,
    );
    expect(landing).not.toContain('Étape en cours');
    expect(landing).not.toContain('étape en cours');
    const list = await textSoon('/spaces', `terminée le ${frenchDay(-21)}`);
    expect(list).toContain(`Étape : Vote (terminée le ${frenchDay(-21)})`);

    const here = `${base}/${centre.id}`;
    const trees = byTitle(await projectsOf(centre.id), 'Des arbres');
    const refused = await page(`${here}/cart/${trees.id}/add`, { cookie: citizen, form: {} });
    expect(refused.status).toBe(409);
    const budgetPage = textOf((await page(here, { cookie: citizen })).text);
    expect(budgetPage).not.toContain('Le vote est ouvert');
    expect(budgetPage).toContain(`L’étape « Vote » s’est terminée le ${frenchDay(-21)}.`);

    // Its dates moved to include today: current, and the vote opens (page and service agree).
    expect(
      (
        await page(`/admin/spaces/${space.id}/phases/${vote}`, {
          cookie: admin,
          form: dates(-1, 30),
        })
      ).status,
    ).toBe(303);
    await until('voting open in budgeting', async () => {
      const r = await api<{ component: { votingOpen: boolean } }>(
        `/api/budgeting/components/${componentId}/budgets`,
      );
      return r.body.component.votingOpen;
    });
    expect(await textSoon(here, 'Le vote est ouvert')).toContain('Le vote est ouvert');
    expect(await textSoon(`/spaces/${SLUG}`, 'Étape en cours')).toContain(
      'Étape en cours : « Vote », étape 4 sur 5.',
    );
  });

  it('asks an anonymous visitor to sign in with FranceConnect to vote', async () => {
    // Open the vote: the demo's fourth phase has votes_enabled.
    const activated = await page(
      `/admin/spaces/${space.id}/phases/${space.phases[3].id}/activate`,
      {
        cookie: admin,
        form: {},
      },
    );
    expect(activated.status).toBe(303);
    await until('voting open in budgeting', async () => {
      const r = await api<{ component: { votingOpen: boolean } }>(
        `/api/budgeting/components/${componentId}/budgets`,
      );
      return r.body.component.votingOpen;
    });
    await new Promise((r) => setTimeout(r, 1_100));
    const r = await page(`${base}/${centre.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(
      `href="/auth/franceconnect/login?mode=signer&amp;returnTo=${encodeURIComponent(`${base}/${centre.id}`)}"`,
    );
    expect(r.text).not.toContain('/cart/');
  });

  it('lets a FranceConnect citizen fill a selection, says what the rule needs, refuses over the envelope, then records the vote once', async () => {
    const items = await projectsOf(centre.id);
    const [trees, play, toilets, fountain] = [
      'Des arbres',
      'Rénover',
      'Des toilettes',
      'Une fontaine',
    ].map((s) => byTitle(items, s));
    const here = `${base}/${centre.id}`;
    const add = (p: Project) => page(`${here}/cart/${p.id}/add`, { cookie: citizen, form: {} });

    const first = await add(trees);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(
      `${here}?done=added&project=${trees.id}#project-${trees.id}`,
    );
    const after = await page(first.headers.get('location')!, { cookie: citizen });
    expect(textOf(card(after.text, trees.id))).toContain(
      '« Des arbres place de la Mairie » est dans votre sélection. Votre sélection : 1 projet(s), 85 000 € sur 300 000 €.',
    );
    const vote = textOf(
      /<section aria-labelledby="vote-title"[\s\S]*?<\/section>/.exec(after.text)![0],
    );
    expect(vote).toContain('Dépensé : 85 000 € sur 300 000 € (28 %).');
    expect(vote).toContain('Sélectionnez au moins 3 projets : encore 2.');
    expect(after.text).toMatch(
      /<progress max="30000000" value="8500000" aria-labelledby="cart-meter">/,
    );
    expect(after.text).not.toContain(`href="${here}/checkout"`);

    expect((await add(play)).status).toBe(303);
    const over = await add(toilets);
    expect(over.status).toBe(422);
    expect(textOf(card(over.text, toilets.id))).toContain(
      '« Des toilettes publiques ouvertes la nuit » ne peut pas être ajouté. Votre sélection atteindrait 320 000 €, soit 20 000 € de plus que l’enveloppe de 300 000 €.',
    );
    expect(over.text).toContain(`aria-describedby="project-${toilets.id}-message"`);

    expect((await add(fountain)).status).toBe(303);
    const ready = await page(here, { cookie: citizen });
    expect(textOf(ready.text)).toContain('Votre sélection respecte la règle');
    expect(ready.text).toContain(`href="${here}/checkout"`);

    const confirm = await page(`${here}/checkout`, { cookie: citizen });
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.text)).toContain('Total : 243 000 € sur une enveloppe de 300 000 €.');
    expect(textOf(confirm.text)).toContain('une fois validé, votre vote est définitif');
    for (const p of [trees, play, fountain])
      expect(confirm.text).toContain(`<input type="hidden" name="projectIds" value="${p.id}" />`);

    const voted = await page(`${here}/checkout`, {
      cookie: citizen,
      form: { projectIds: [trees.id, play.id, fountain.id] },
    });
    expect(voted.status).toBe(303);
    expect(voted.headers.get('location')).toBe(`${here}?done=voted#vote`);
    const receipt = textOf((await page(voted.headers.get('location')!, { cookie: citizen })).text);
    expect(receipt).toContain('Merci : votre vote est enregistré.');
    expect(receipt).toMatch(/Vous avez voté le .* pour : Des arbres place de la Mairie — 85 000 €/);
    expect(receipt).toContain('Un vote validé est définitif.');

    const twice = await page(`${here}/checkout`, {
      cookie: citizen,
      form: { projectIds: [toilets.id, fountain.id, trees.id] },
    });
    expect(twice.status).toBe(409);
    expect(textOf(twice.text)).toContain(
      'Vous avez déjà voté dans ce budget : un vote est définitif.',
    );
    const mine = await page(base, { cookie: citizen });
    expect(textOf(mine.text)).toContain('Vous avez voté');
  });

  it('asks before cancelling a vote, on a page of its own, then cancels it; the voter may vote again', async () => {
    const items = await projectsOf(centre.id);
    const chosen = ['Des arbres', 'Rénover', 'Une fontaine'].map((s) => byTitle(items, s));
    const here = `${base}/${centre.id}`;
    const state = async () =>
      (await api<{ state: string }>(`/api/budgeting/budgets/${centre.id}/order`, citizen)).body
        .state;
    const allowCancel = async (on: boolean) => {
      // The component's settings form, as its admin sends it: everything else as the page shows it.
      const path = `/admin/spaces/${space.id}/components/${componentId}`;
      const shown = formFields((await page(path, { cookie: admin })).text, 'form-settings');
      const r = await page(`${path}/settings`, {
        cookie: admin,
        form: withFields(shown, { 'global-allow_cancel': on ? 'true' : null }),
      });
      expect(r.status).toBe(303);
      await until(`allow_cancel ${on} in budgeting`, async () => {
        const l = await api<{ component: { allowCancel: boolean } }>(
          `/api/budgeting/components/${componentId}/budgets`,
        );
        return l.body.component.allowCancel === on;
      });
    };
    expect(await state()).toBe('checked_out');
    try {
      await allowCancel(true);
      const asked = await page(`${here}/cancel`, { cookie: citizen, form: {} });
      const again = expectConfirmation(
        asked,
        'Annuler votre vote dans « Centre-ville » ?',
        'votre bulletin ne pourra pas être rétabli.',
      );
      expect(textOf(asked.text)).toContain(
        'Tant que le vote est ouvert, vous pourrez voter à nouveau dans ce budget.',
      );
      expect(asked.text).toContain(`<form method="post" action="${here}/cancel">`);
      expect(asked.text).toContain(`href="${here}#vote"`);
      // Asking changed nothing.
      expect(await state()).toBe('checked_out');

      const cancelled = await page(`${here}/cancel`, { cookie: citizen, form: again });
      expect(cancelled.status).toBe(303);
      expect(cancelled.headers.get('location')).toBe(`${here}?done=cancelled#vote`);
      expect(await state()).toBe('empty');
      const after = textOf(
        (await page(cancelled.headers.get('location')!, { cookie: citizen })).text,
      );
      expect(after).toContain('Votre vote est annulé. Vous pouvez voter à nouveau');

      // As the page said: a new vote while voting is open (the results below count it).
      for (const p of chosen)
        expect((await page(`${here}/cart/${p.id}/add`, { cookie: citizen, form: {} })).status).toBe(
          303,
        );
      const voted = await page(`${here}/checkout`, {
        cookie: citizen,
        form: { projectIds: chosen.map((p) => p.id) },
      });
      expect(voted.status).toBe(303);
      expect(await state()).toBe('checked_out');
    } finally {
      await allowCancel(false);
    }
  });

  it('refuses a cross-site post: nothing is added', async () => {
    const nord = (
      await api<{ items: Budget[] }>(`/api/budgeting/components/${componentId}/budgets`)
    ).body.items.find((b) => b.title.fr === 'Quartiers Nord')!;
    const garden = byTitle(await projectsOf(nord.id), 'Un jardin');
    const r = await page(`${base}/${nord.id}/cart/${garden.id}/add`, {
      cookie: citizen,
      form: {},
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(403);
    const order = await api<{ projects: unknown[] }>(
      `/api/budgeting/budgets/${nord.id}/order`,
      citizen,
    );
    expect(order.body.projects).toEqual([]);
  });

  it('a youth vote from 16: Léa (16, FranceConnect) is told a vote from 18 is not for her; from 16 her selection takes a project', async () => {
    const nord = (
      await api<{ items: Budget[] }>(`/api/budgeting/components/${componentId}/budgets`)
    ).body.items.find((b) => b.title.fr === 'Quartiers Nord')!;
    const garden = byTitle(await projectsOf(nord.id), 'Un jardin');
    const permission = `/admin/spaces/${space.id}/components/${componentId}/permissions/vote`;
    const minimumAge = async (age: string) => {
      const r = await page(permission, {
        cookie: admin,
        form: { 'perm-vote-verification': age ? 'franceconnect' : 'none', 'perm-vote-age': age },
      });
      expect(r.status).toBe(303);
      await until(`minimum age "${age}" in budgeting`, async () => {
        const r = await api<{ component: { whoMayVote: { minimumAge: number | null } } }>(
          `/api/budgeting/components/${componentId}/budgets`,
        );
        return r.body.component.whoMayVote.minimumAge === (age ? Number(age) : null);
      });
      await new Promise((r) => setTimeout(r, 2_100)); // authorizations reused for up to 2 s
    };
    // FranceConnect signs her in whatever her age: the vote's own rule decides.
    const lea = await signInAsSigner('minor-lea', `${base}/${nord.id}`);
    const add = () => page(`${base}/${nord.id}/cart/${garden.id}/add`, { cookie: lea, form: {} });
    try {
      await minimumAge('18');
      const refused = await add();
      expect(refused.status).toBe(403);
      expect(textOf(card(refused.text, garden.id))).toContain(
        'Vous n’avez pas l’âge minimum demandé pour ce vote.',
      );
      await minimumAge('16');
      expect(await textSoon(base, 'au moins 16 ans')).toContain(
        'Il faut avoir au moins 16 ans : l’âge est vérifié avec FranceConnect.',
      );
      const added = await add();
      expect(added.status).toBe(303);
      const order = await api<{ projects: { id: string }[] }>(
        `/api/budgeting/budgets/${nord.id}/order`,
        lea,
      );
      expect(order.body.projects.map((p) => p.id)).toEqual([garden.id]);
    } finally {
      await minimumAge('');
    }
  });

  it('lets the back-office create a budget and a project, each error named on its field', async () => {
    const bad = await page(`/admin/budgets/${componentId}/new`, {
      cookie: admin,
      form: {
        'title-fr': '',
        'title-en': ' ',
        envelope: 'beaucoup',
        rule: 'projects_range',
        minimumProjects: '5',
        maximumProjects: '3',
      },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'title-fr', 'Saisissez un titre');
    expectFieldError(bad.text, 'envelope', 'Saisissez un montant en euros');
    expectFieldError(bad.text, 'maximumProjects', 'au moins égal au minimum');

    const created = await page(`/admin/budgets/${componentId}/new`, {
      cookie: admin,
      form: {
        'title-fr': 'Quartiers Sud',
        envelope: '150 000',
        area: 'Sud',
        rule: 'projects_range',
        minimumProjects: '2',
        maximumProjects: '4',
      },
    });
    expect(created.status).toBe(303);
    const budgetId = /\/admin\/budgets\/[0-9a-f-]{36}\/([0-9a-f-]{36})\?done=created$/.exec(
      created.headers.get('location') ?? '',
    )![1];
    const shown = await page(created.headers.get('location')!, { cookie: admin });
    expect(textOf(shown.text)).toContain('Le budget est créé.');

    const noAmount = await page(`/admin/budgets/${componentId}/${budgetId}/projects/new`, {
      cookie: admin,
      form: { 'title-fr': 'Un banc', amount: '', imageUrls: 'http://insecure.example/a.png' },
    });
    expect(noAmount.status).toBe(400);
    expectFieldError(noAmount.text, 'amount');
    expectFieldError(noAmount.text, 'imageUrls', 'https');
    const project = await page(`/admin/budgets/${componentId}/${budgetId}/projects/new`, {
      cookie: admin,
      form: {
        'title-fr': 'Des bancs au bord du canal',
        'title-en': 'Benches along the canal',
        amount: '12 500,50',
        area: 'Sud',
      },
    });
    expect(project.status).toBe(303);
    const [p] = await projectsOf(budgetId);
    expect(p).toMatchObject({
      title: { fr: 'Des bancs au bord du canal', en: 'Benches along the canal' },
      amountCents: 1_250_050,
    });
    const pub = await page(`${base}/${budgetId}`);
    expect(textOf(pub.text)).toContain(
      'Choisissez entre 2 et 4 projets, quel que soit leur montant.',
    );
    expect(textOf(pub.text)).toContain('12 500,50 €');
  });

  it('shows budgets and projects in the page’s language, another one marked with its lang', async () => {
    // The demo's city-centre budget and some of its projects are written in French and English;
    // the others in French only.
    const items = await projectsOf(centre.id);
    const trees = byTitle(items, 'Des arbres');
    const toilets = byTitle(items, 'Des toilettes');
    expect(trees.title.en).toBe('Trees on the Town Hall square');
    expect(toilets.title.en).toBeUndefined();
    const en = await page(`${base}/${centre.id}`, { lang: 'en-GB,en;q=0.9' });
    expect(en.status).toBe(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>City centre</h1>');
    expect(card(en.text, trees.id)).toContain('<h3>Trees on the Town Hall square</h3>');
    expect(card(en.text, trees.id)).toContain('Plant twelve street trees');
    expect(en.text).not.toContain('Des arbres place de la Mairie');
    expect(card(en.text, toilets.id)).toContain(
      '<h3><span lang="fr">Des toilettes publiques ouvertes la nuit</span></h3>',
    );
    expect(card(en.text, toilets.id)).toMatch(/<div lang="fr">[\s\S]*Deux sanitaires/);
    const fr = await page(`${base}/${centre.id}`);
    expect(fr.text).toContain('<h1>Centre-ville</h1>');
    expect(card(fr.text, trees.id)).toContain('<h3>Des arbres place de la Mairie</h3>');
    expect(card(fr.text, toilets.id)).toContain(
      '<h3>Des toilettes publiques ouvertes la nuit</h3>',
    );
    expect(card(fr.text, toilets.id)).not.toContain('lang=');
    // The component's list: the budget in English, the one written in French only marked.
    const list = await page(base, { lang: 'en' });
    expect(list.text).toContain('>City centre</a></h3>');
    expect(list.text).toContain('<span lang="fr">Quartiers Nord</span>');
  });

  it('has one title and one description field per language in the project form, a title missing in both named next to it', async () => {
    const form = await page(`/admin/budgets/${componentId}/${centre.id}/projects/new`, {
      cookie: admin,
    });
    expect(form.status).toBe(200);
    for (const id of ['title-fr', 'title-en', 'description-fr', 'description-en'])
      expect(form.text).toMatch(new RegExp(`id="${id}"[^>]*lang="${id.slice(-2)}"`));
    const missing = await page(`/admin/budgets/${componentId}/${centre.id}/projects/new`, {
      cookie: admin,
      form: { 'title-fr': ' ', 'title-en': '', 'description-en': 'Nameless', amount: '100' },
    });
    expect(missing.status).toBe(400);
    expectFieldError(missing.text, 'title-fr', 'Saisissez le titre du projet');
    // What was typed comes back, in its language's control.
    expect(missing.text).toMatch(/id="description-en"[^>]*>\s*Nameless\s*<\/textarea/);
    const trees = byTitle(await projectsOf(centre.id), 'Des arbres');
    const edit = await page(`/admin/budgets/${componentId}/${centre.id}/projects/${trees.id}`, {
      cookie: admin,
    });
    expect(edit.text).toMatch(/id="title-en"[^>]*value="Trees on the Town Hall square"/);
  });

  it('enters paper ballots with their audit trail, confirms results, and publishes the chart, the table and the tracking', async () => {
    const hidden = await page(`${base}/${centre.id}/results`);
    expect(hidden.status).toBe(404);
    expect(textOf(hidden.text)).toContain('ne sont pas encore publiés');

    const items = await projectsOf(centre.id);
    const fountain = byTitle(items, 'Une fontaine');
    const books = byTitle(items, 'Une boîte');
    const paperPath = `/admin/budgets/${componentId}/${centre.id}/paper`;
    const bad = await page(paperPath, {
      cookie: admin,
      form: { station: 'Mairie annexe', ballots: '', [`votes-${fountain.id}`]: '3' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'ballots');
    const tooMany = await page(paperPath, {
      cookie: admin,
      form: { station: 'Mairie annexe', ballots: '10', [`votes-${fountain.id}`]: '12' },
    });
    expect(tooMany.status).toBe(400);
    expectFieldError(tooMany.text, `votes-${fountain.id}`, 'Plus de voix que les 10 bulletins');
    const ok = await page(paperPath, {
      cookie: admin,
      form: {
        station: 'Mairie annexe — urne 1',
        ballots: '10',
        [`votes-${fountain.id}`]: '7',
        [`votes-${books.id}`]: '4',
        note: 'Recompté deux fois',
      },
    });
    expect(ok.status).toBe(303);
    const logPage = (await page(ok.headers.get('location')!, { cookie: admin })).text;
    const log = textOf(logPage);
    expect(log).toContain('Les bulletins de ce bureau sont enregistrés.');
    expect(log).toContain('Mairie annexe — urne 1');
    expect(log).toContain('Une fontaine à eau au square Jean-Moulin : 7');
    expect(log).toContain('Recompté deux fois');
    // The trail names who entered it, as the users page knows them, not an account id.
    const who = textOf(/<table[\s\S]*?<\/table>/.exec(logPage)![0]);
    expect(who).toContain('Administration de Démo');
    expect(who).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);

    // A station typed twice is voided (with its reason), not edited: it stays listed and stops counting.
    const twice = await page(paperPath, {
      cookie: admin,
      form: {
        station: 'Mairie annexe — urne 1 (doublon)',
        ballots: '10',
        [`votes-${fountain.id}`]: '7',
      },
    });
    expect(twice.status).toBe(303);
    const entries = await api<{ items: { id: string; station: string }[] }>(
      `/api/budgeting/budgets/${centre.id}/paper-ballots`,
      admin,
    );
    const entry = entries.body.items.find((e) => e.station.endsWith('(doublon)'))!;
    const voidPath = `${paperPath}/void`;
    const noReason = await page(voidPath, { cookie: admin, form: { entry: entry.id, reason: '' } });
    expect(noReason.status).toBe(400);
    expectFieldError(noReason.text, 'reason', 'Expliquez l’annulation');
    const voided = await page(voidPath, {
      cookie: admin,
      form: { entry: entry.id, reason: 'Bureau saisi deux fois' },
    });
    expect(voided.status).toBe(303);
    const after = textOf((await page(voided.headers.get('location')!, { cookie: admin })).text);
    expect(after).toContain('La saisie est annulée : elle ne compte plus.');
    expect(after).toContain('Mairie annexe — urne 1 (doublon)');
    expect(after).toContain('Bureau saisi deux fois');
    expect(after).toContain('Bureau saisi deux fois (Administration de Démo)');

    const resultsPath = `/admin/budgets/${componentId}/${centre.id}/results`;
    const before = await page(resultsPath, { cookie: admin });
    expect(before.status).toBe(200);
    const checked = [
      ...before.text.matchAll(/name="projectIds"[^>]*checked|checked[^>]*name="projectIds"/g),
    ];
    expect(checked.length).toBeGreaterThan(0);
    const computed = [
      ...before.text.matchAll(/<input\s+type="checkbox"[^>]*value="([0-9a-f-]{36})"[^>]*checked/g),
    ].map((m) => m[1]);
    const asked = await page(resultsPath, { cookie: admin, form: { projectIds: computed } });
    const again = expectConfirmation(
      asked,
      'Confirmer les résultats de « Centre-ville » ?',
      'la liste des projets financés ne pourra plus être changée, et le vote de ce budget ne pourra pas être rouvert.',
    );
    expect(textOf(asked.text)).toContain('Une fontaine à eau au square Jean-Moulin');
    expect(textOf(asked.text)).toContain('le vote de ce budget sera terminé');
    // Asking changed nothing: the results are neither confirmed nor public.
    const still = await api<{ confirmed: boolean }>(
      `/api/budgeting/budgets/${centre.id}/results`,
      admin,
    );
    expect(still.body.confirmed).toBe(false);
    expect((await page(`${base}/${centre.id}/results`)).status).toBe(404);
    const confirmed = await page(resultsPath, { cookie: admin, form: again });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${resultsPath}?done=confirmed`);
    const done = await page(confirmed.headers.get('location')!, { cookie: admin });
    expect(textOf(done.text)).toContain('Les résultats sont confirmés et publiés.');

    const pub = await page(`${base}/${centre.id}/results`);
    expect(pub.status).toBe(200);
    expect(pub.text).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
    expect(pub.text).toContain('<title id="chart-title">Votes par projet — Centre-ville</title>');
    const table = textOf(/<table[\s\S]*?<\/table>/.exec(pub.text)![0]);
    expect(table).toContain('Une fontaine à eau au square Jean-Moulin 18 000 € 1 7 8 Financé');
    expect(textOf(pub.text)).toContain('1 vote(s) en ligne et 10 bulletin(s) papier.');
    expect(textOf(pub.text)).toContain('chaque projet est financé s’il tient encore');

    // Voting in a confirmed budget is over, with the reason.
    const closed = await textSoon(`${base}/${centre.id}`, 'Le vote est terminé');
    expect(closed).toContain('Le vote est terminé : les résultats de ce budget sont confirmés.');
    // ... and nothing on the page says otherwise.
    expect(closed).not.toContain('Le vote est ouvert.');
    expect(closed).not.toContain('Annuler mon vote');

    const progress = await api<{ items: { id: string; title: Text }[] }>(
      `/api/budgeting/components/${componentId}/progress`,
    );
    const result = progress.body.items.find((x) => x.title.fr?.startsWith('Une fontaine'))!;
    const status = await page(`/admin/budgets/${componentId}/progress/${result.id}`, {
      cookie: admin,
      form: { status: 'in_progress', progress: '140' },
    });
    expect(status.status).toBe(400);
    expectFieldError(status.text, `progress-${result.id}`, 'entre 0 et 100');
    expect(
      (
        await page(`/admin/budgets/${componentId}/progress/${result.id}`, {
          cookie: admin,
          form: { status: 'in_progress', progress: '40' },
        })
      ).status,
    ).toBe(303);
    const update = await page(`/admin/budgets/${componentId}/progress/${result.id}/updates`, {
      cookie: admin,
      form: { date: `${YEAR}-11-02`, text: 'La fontaine est raccordée au réseau.', progress: '60' },
    });
    expect(update.status).toBe(303);
    await textSoon(`${base}/progress`, 'Avancement : 60 %');
    const tracking = await page(`${base}/progress`);
    expect(tracking.status).toBe(200);
    const t = textOf(
      /<li class="card" id="result-[\s\S]*?<\/li>\s*<\/ol>|<li class="card" id="result-[\s\S]*?<\/li>/.exec(
        tracking.text.slice(tracking.text.indexOf(`id="result-${result.id}"`) - 30),
      )![0],
    );
    expect(t).toContain('En cours');
    expect(t).toContain('Avancement : 60 %');
    expect(t).toContain(`2 novembre ${YEAR}`);
    expect(t).toContain('La fontaine est raccordée au réseau.');
    expect(tracking.text).toMatch(
      new RegExp(`<progress max="100" value="60" aria-labelledby="progress-${result.id}">`),
    );
    expect(textOf(tracking.text)).toContain('Avancement d’ensemble (pondéré par le coût)');
  });
});
