/**
 * The sortitions pages over HTTP, against the real platform (spawned as
 * `npm start` runs it, with its demo content). A visitor reads the budget
 * process's draws and the demo citizens' panel: its commitment, when its
 * list was fixed, each group's chance with the lowest and the uniform ideal,
 * the public numbers, witnesses, members in order and replacements per
 * group, and how to verify it (draw.json and the redraw command, which
 * indeed says VERIFIED). Through the site's forms only, an administrator
 * prepares a draw among the demo "Idées" (refusals next to their fields),
 * draws it (asked first: it is final), and the public page lists the
 * proposals drawn with links to them; another draw is cancelled with a
 * reason (asked first), which its page shows; a panel is prepared from a
 * small pasted pool with quotas in rows (more rows without JavaScript), a
 * bad pool line and quotas no panel can meet being said next to the right
 * control.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { withFields, type FormFields } from './html-forms';
import { startPlatform, type RunningPlatform } from './platform';
import {
  browserFormFields as formFields,
  callApi,
  decodeEntities as decode,
  fetchPage,
  mainText as textOf,
  sessionOf,
} from './page-kit';

let platform: RunningPlatform;
let admin: string;
let spaceId: string;
let componentId: string;
let ideasId: string;
let demoDraw: string;

const SLUG = `budget-participatif-${new Date().getFullYear()}`;
const ZONE = 'Europe/Paris';
const ROOT = join(__dirname, '..', '..', '..');

const page = (path: string, init: Parameters<typeof fetchPage>[2] = {}) =>
  fetchPage(platform.url, path, init);

const api = <T>(path: string, cookie?: string) => callApi<T>(platform.url, path, cookie);

interface Draw {
  id: string;
  kind: string;
  state: string;
  count: number;
  among: number;
  commitment: string;
  revealAt: string | null;
  publicNumbers: string | null;
  witnesses: string | null;
  cancelReason: string | null;
  selectedProposals: { id: string; title: string }[] | null;
  panel: {
    selected: string[];
    replacements: Record<string, string[]>;
    groups: { category: string; value: string; volunteers: number }[];
    uniform: number;
  } | null;
}

const draw = async (id: string) => (await api<Draw>(`/api/sortitions/draws/${id}`, admin)).body;

function expectFieldError(text: string, id: string, message?: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(error).not.toBeNull();
  if (message) expect(decode(error![1]).replace(/[\u00a0\u202f]/g, ' ')).toContain(message);
}

/** A quota control's error: its cell says it, its input points to it. */
function expectQuotaError(text: string, id: string, message: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-invalid="true" aria-describedby="${id}-error"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(decode(error?.[1] ?? '').replace(/[\u00a0\u202f]/g, ' ')).toContain(message);
}

/** A final action's confirmation page: its question, then the fields it posts again. */
function expectConfirmation(r: { status: number; text: string }, title: string, final: string) {
  expect(r.status).toBe(200);
  expect(decode(r.text)).toContain(`<h1>${title}</h1>`);
  expect(textOf(r.text)).toContain(`Cela ne pourra pas être défait : ${final}`);
  const form = /<form method="post"[\s\S]*?<\/form>/.exec(r.text)![0];
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g))
    fields[m[1]] = decode(m[2]);
  expect(fields.confirmed).toBe('yes');
  return fields;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  for (let i = 0; i < 150; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The wall-clock time `days` from now at `time`, in Paris, as a `datetime-local` sends it. */
const wallClock = (days: number, time: string) =>
  `${DateTime.now().setZone(ZONE).plus({ days }).toFormat('yyyy-LL-dd')}T${time}`;
const instant = (wall: string) =>
  DateTime.fromISO(wall, { zone: ZONE }).toUTC().toISO({ suppressMilliseconds: true });

const componentPath = () => `/admin/sortitions/components/${componentId}`;
const publicList = () => `/spaces/${SLUG}/sortitions/${componentId}`;

/** A form of the component's page, as the page shows it, with some fields changed; the answer. */
async function postComponentForm(
  form: 'proposals' | 'panel',
  changes: Record<string, string | string[] | null>,
) {
  const r = await page(componentPath(), { cookie: admin });
  expect(r.status).toBe(200);
  return page(`${componentPath()}/${form}`, {
    cookie: admin,
    form: withFields(formFields(r.text, `${form}-form`), changes),
  });
}

/** A draw prepared through a form; its id. */
async function prepared(form: 'proposals' | 'panel', changes: Record<string, string | null>) {
  const r = await postComponentForm(form, changes);
  if (r.status !== 303) throw new Error(`Not prepared: ${textOf(r.text).slice(0, 900)}`);
  expect(r.location).toMatch(/^\/admin\/sortitions\/[0-9a-f-]{36}\?done=prepared$/);
  return /\/admin\/sortitions\/([0-9a-f-]{36})/.exec(r.location!)![1];
}

/** Posts a final action, checks its confirmation page, then confirms it. */
async function confirmed(path: string, form: FormFields, title: string, final: string) {
  const ask = await page(path, { cookie: admin, form });
  const fields = expectConfirmation(ask, title, final);
  return page(path, { cookie: admin, form: fields });
}

beforeAll(async () => {
  platform = await startPlatform();
  const signIn = await page('/sign-in', {
    form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/admin' },
  });
  expect(signIn.status).toBe(303);
  admin = sessionOf(signIn.headers);
  // The demo panel arrives through spaces' announcement of the demo component: wait for it.
  await until('the demo draw', async () => {
    const s = await api<{ id: string; components: { id: string; type: string }[] }>(
      `/api/spaces/${SLUG}`,
    );
    const c = s.body?.components?.find((x) => x.type === 'sortitions');
    if (!c) return false;
    spaceId = s.body.id;
    componentId = c.id;
    ideasId = s.body.components.find((x) => x.type === 'proposals')!.id;
    const l = await api<{ items: { id: string }[] }>(`/api/sortitions/components/${c.id}/draws`);
    demoDraw = l.body?.items?.[0]?.id ?? '';
    return !!demoDraw;
  });
}, 180_000);

afterAll(async () => {
  if (process.env.PRINT_PLATFORM) console.log(platform?.output());
  await platform?.stop();
});

describe('the public sortitions pages', () => {
  it('lists the process’s draws from its page', async () => {
    const space = await page(`/spaces/${SLUG}`);
    expect(space.text).toContain(`href="${publicList()}"`);
    const list = await page(publicList());
    expect(list.status).toBe(200);
    const text = textOf(list.text);
    expect(text).toContain('Panel citoyen du budget participatif');
    expect(text).toContain('Panel citoyen Tiré');
    expect(text).toContain('Tiré au sort le 2 décembre');
    expect(text).toContain('12 personnes parmi 240 volontaires');
    expect(list.text).toContain(`href="${publicList()}/${demoDraw}"`);
    const english = textOf((await page(publicList(), { lang: 'en' })).text);
    expect(english).toContain('Citizens’ panel Drawn');
    expect(english).toContain('12 people among 240 volunteers');
  });

  it('shows the demo panel: sealed before, drawn, and how to verify it (which works)', async () => {
    const d = await draw(demoDraw);
    const r = await page(`${publicList()}/${demoDraw}`);
    expect(r.status).toBe(200);
    const text = textOf(r.text);
    // Before the draw: the commitment in a <code> that wraps, the dates, each group's chance.
    expect(r.text).toContain(
      `<code style="overflow-wrap:anywhere;word-break:break-all">${d.commitment}</code>`,
    );
    expect(text).toContain('Avant le tirage');
    expect(text).toContain('Liste arrêtée le 1 décembre');
    expect(text).toContain('Révélation des nombres publics 1 décembre');
    expect(text).toContain('Catégories des quotas genre, age, quartier');
    expect(text).toMatch(
      /Catégorie Groupe Volontaires Places au panel Chance la plus basse Chance la plus haute/,
    );
    for (const g of d.panel!.groups)
      expect(text).toContain(`${g.category} ${g.value} ${g.volunteers} `);
    expect(text).toMatch(
      /Chance la plus basse d’un volontaire : \d+,\d % \(idéal uniforme : 5 %\)/,
    );
    expect(text).toContain('12 places pour 240 volontaires');
    expect(text).toMatch(
      /La liste des volontaires \(identifiants et catégories\) sera supprimée le/,
    );
    // The draw: numbers, witnesses, the members in order, replacements per group.
    expect(text).toContain('Nombres publics Dés lancés en séance publique : 4 2 6 1 5 3');
    expect(text).toContain('Témoins Mme Leroy, M. Diallo (conseil de quartier)');
    expect(text).toContain(d.panel!.selected.join(' '));
    const replacements = Object.values(d.panel!.replacements).flat().length;
    expect(text).toContain(`Remplaçants (${replacements})`);
    expect(text).toMatch(/genre (F|H) · age [^ ]+ · quartier (Centre|Nord|Sud)/);
    expect(r.text).toMatch(/<details>\s*<summary>Remplaçants/);
    // Verify: the file, the command with its absolute address, the README.
    const json = `/api/sortitions/draws/${demoDraw}/draw.json`;
    expect(r.text).toContain(`href="${json}"`);
    expect(text).toContain(`node tools/sortition/redraw.mjs --url ${platform.url}${json}`);
    expect(text).toContain('tools/sortition/README.md, dans le code source de Palabre');
    expect(text).not.toContain('Gérer ce tirage');
    const published = await api<{ commitment: string; inputs: { pool: unknown[] } }>(json);
    expect(published.body.commitment).toBe(d.commitment);
    expect(published.body.inputs.pool).toHaveLength(240);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['tools/sortition/redraw.mjs', '--url', `${platform.url}${json}`],
      { cwd: ROOT },
    );
    expect(stdout).toContain('VERIFIED: the commitment matches the inputs');
    // In English, and for its administrator a link to manage it.
    const english = textOf((await page(`${publicList()}/${demoDraw}`, { lang: 'en' })).text);
    expect(english).toContain('Before the draw');
    expect(english).toContain('Verify this draw');
    expect(english).toMatch(/Lowest chance of any volunteer: \d+\.\d% \(uniform ideal: 5%\)/);
    const mine = await page(`${publicList()}/${demoDraw}`, { cookie: admin });
    expect(mine.text).toContain(`href="/admin/sortitions/${demoDraw}"`);
  }, 60_000);

  it('answers 404 for what is not a draw of this component', async () => {
    expect((await page(`${publicList()}/not-a-uuid`)).status).toBe(404);
    expect((await page(`${publicList()}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await page(`/spaces/${SLUG}/sortitions/${ideasId}`)).status).toBe(404);
    expect((await page(`/spaces/${SLUG}/sortitions/${ideasId}/${demoDraw}`)).status).toBe(404);
  });
});

describe('the administrators’ sortitions pages', () => {
  let drawn: string;

  it('are linked from the space and the admin home; a visitor is sent to sign in', async () => {
    const space = await page(`/admin/spaces/${spaceId}`, { cookie: admin });
    expect(space.text).toContain(`href="${componentPath()}"`);
    expect(textOf(space.text)).toContain('Gérer les tirages au sort : Tirages au sort');
    expect((await page('/admin', { cookie: admin })).text).toContain('href="/admin/sortitions"');
    const index = await page('/admin/sortitions', { cookie: admin });
    expect(index.status).toBe(200);
    expect(index.text).toContain(`href="${componentPath()}"`);
    const list = await page(componentPath(), { cookie: admin });
    expect(list.status).toBe(200);
    const text = textOf(list.text);
    expect(text).toContain('Tirages au sort : Tirages au sort');
    expect(text).toContain('Panel citoyen du budget participatif');
    expect(list.text).toContain(`href="/admin/sortitions/${demoDraw}#cancel"`);
    expect(list.text).toContain(`<option value="${ideasId}" selected>`);
    // Twelve rows of quotas, each control labelled.
    expect(list.text).toContain('id="quota-11-category"');
    expect(list.text).not.toContain('id="quota-12-category"');
    expect(list.text).toMatch(
      /<label for="quota-0-min" class="visually-hidden">Minimum \(ligne 1\)<\/label>/,
    );
    const english = textOf((await page(componentPath(), { cookie: admin, lang: 'en' })).text);
    expect(english).toContain('Prepare a draw among proposals');
    expect(english).toContain('Prepare a citizens’ panel');
    const visitor = await page(componentPath());
    expect([visitor.status, visitor.location]).toEqual([
      303,
      `/sign-in?returnTo=${encodeURIComponent(componentPath())}`,
    ]);
    expect(
      (
        await page('/admin/sortitions/components/00000000-0000-4000-8000-000000000000', {
          cookie: admin,
        })
      ).status,
    ).toBe(404);
  });

  it('prepares a draw among the demo ideas, its refusals next to their fields', async () => {
    const bad = await postComponentForm('proposals', {
      'title-fr': '',
      count: '0',
      revealAt: wallClock(-1, '18:00'),
    });
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('3 erreur(s)');
    expectFieldError(bad.text, 'title-fr', 'Donnez un titre au tirage');
    expectFieldError(bad.text, 'count', 'Un nombre entier de 1 à 1');
    expectFieldError(bad.text, 'revealAt', 'choisissez une date à venir');
    // An area without a proposal: the proposals service says so, next to the area.
    const empty = await postComponentForm('proposals', {
      'title-fr': 'Tirage des idées du secteur',
      area: 'Nulle-part',
      count: '2',
      revealAt: wallClock(3, '18:00'),
    });
    expect(empty.status).toBe(400);
    expectFieldError(empty.text, 'area', 'Aucune proposition publiée du secteur « Nulle-part »');

    const reveal = wallClock(3, '18:30');
    drawn = await prepared('proposals', {
      'title-fr': 'Les idées étudiées en premier',
      'title-en': 'The ideas studied first',
      'description-fr': 'Les dés seront lancés en séance publique.',
      count: '3',
      revealAt: reveal,
    });
    const d = await draw(drawn);
    expect(d).toMatchObject({ kind: 'proposals', state: 'prepared', count: 3 });
    expect(d.among).toBeGreaterThan(3);
    expect(d.revealAt).toBe(`${instant(reveal)!.replace('Z', '')}.000Z`);
    const mine = await page(`/admin/sortitions/${drawn}?done=prepared`, { cookie: admin });
    const text = textOf(mine.text);
    expect(text).toContain('La liste est arrêtée et son engagement publié.');
    expect(text).toContain('Tirer au sort maintenant');
    expect(text).toContain('Les nombres publics sont annoncés pour le');
    expect(mine.text).toContain(`href="${publicList()}/${drawn}"`);
    const pub = textOf((await page(`${publicList()}/${drawn}`)).text);
    expect(pub).toContain('À tirer');
    expect(pub).toContain(
      'Le tirage n’est pas encore fait : les nombres publics seront révélés le',
    );
    expect(pub).toContain(`Propositions candidates ${d.among} propositions — Idées`);
    expect(pub).toContain('Gardez dès maintenant une copie');
  });

  it('draws it once, asked first; the public page lists the proposals drawn with links', async () => {
    const path = `/admin/sortitions/${drawn}/draw`;
    const empty = await page(path, { cookie: admin, form: { publicNumbers: '', witnesses: '' } });
    expect(empty.status).toBe(400);
    expectFieldError(empty.text, 'publicNumbers', 'Saisissez les nombres publics');
    const done = await confirmed(
      path,
      { publicNumbers: 'Dés : 6 2 4 1 3', witnesses: 'M. Diallo' },
      'Tirer au sort « Les idées étudiées en premier » maintenant ?',
      'un tirage n’est fait qu’une fois',
    );
    expect([done.status, done.location]).toEqual([
      303,
      `/admin/sortitions/${drawn}?done=drawn#result`,
    ]);
    const d = await draw(drawn);
    expect(d.state).toBe('drawn');
    expect(d.publicNumbers).toBe('Dés : 6 2 4 1 3');
    expect(d.selectedProposals).toHaveLength(3);
    const mine = textOf(
      (await page(`/admin/sortitions/${drawn}?done=drawn`, { cookie: admin })).text,
    );
    expect(mine).toContain('Le tirage est fait et son résultat publié.');
    expect(mine).not.toContain('Tirer au sort maintenant');

    const r = await page(`${publicList()}/${drawn}`);
    const text = textOf(r.text);
    expect(text).toContain('Nombres publics Dés : 6 2 4 1 3');
    expect(text).toContain('Témoins M. Diallo');
    expect(text).toContain(
      `Propositions tirées, dans l’ordre du tirage : ${d.selectedProposals!.map((p) => p.title).join(' ')}`,
    );
    for (const p of d.selectedProposals!)
      expect(r.text).toContain(`href="/spaces/${SLUG}/proposals/${ideasId}/${p.id}"`);
    const first = d.selectedProposals![0];
    const proposal = await page(`/spaces/${SLUG}/proposals/${ideasId}/${first.id}`);
    expect(proposal.status).toBe(200);
    expect(decode(proposal.text)).toContain(first.title);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'tools/sortition/redraw.mjs',
        '--url',
        `${platform.url}/api/sortitions/draws/${drawn}/draw.json`,
      ],
      { cwd: ROOT },
    );
    expect(stdout).toContain('VERIFIED');

    // Never twice: a second post (a stale tab) is told why.
    const again = await page(path, {
      cookie: admin,
      form: { publicNumbers: 'Dés : 1 1 1', confirmed: 'yes' },
    });
    expect(again.status).toBe(409);
    expect(textOf(again.text)).toContain('Ce tirage a déjà été fait ou annulé');
    expect((await draw(drawn)).publicNumbers).toBe('Dés : 6 2 4 1 3');
  }, 60_000);

  it('cancels a draw with a reason, asked first; its page shows the reason', async () => {
    const id = await prepared('proposals', {
      'title-fr': 'Un tirage préparé par erreur',
      count: '2',
      revealAt: wallClock(5, '10:00'),
    });
    const path = `/admin/sortitions/${id}/cancel`;
    const empty = await page(path, { cookie: admin, form: { reason: '' } });
    expect(empty.status).toBe(400);
    expectFieldError(empty.text, 'reason', 'Donnez la raison de l’annulation');
    const done = await confirmed(
      path,
      { reason: 'Le conseil a changé la liste des secteurs.' },
      'Annuler le tirage « Un tirage préparé par erreur » ?',
      'un tirage annulé ne sera jamais fait',
    );
    expect([done.status, done.location]).toEqual([303, `/admin/sortitions/${id}?done=cancelled`]);
    expect(await draw(id)).toMatchObject({
      state: 'cancelled',
      cancelReason: 'Le conseil a changé la liste des secteurs.',
    });
    const pub = await page(`${publicList()}/${id}`);
    const text = textOf(pub.text);
    expect(pub.text).toContain('<div class="notice warning" id="cancelled">');
    expect(text).toContain('Ce tirage a été annulé. Annulé le');
    expect(text).toContain('Raison : Le conseil a changé la liste des secteurs.');
    expect(text).toContain('Ce tirage ne sera pas fait.');
    const list = textOf((await page(publicList())).text);
    expect(list).toContain(
      'Un tirage préparé par erreur Parmi des propositions Annulé Annulé avant d’être tiré',
    );
    const mine = await page(`/admin/sortitions/${id}`, { cookie: admin });
    expect(mine.text).not.toContain('id="draw-form"');
    expect(mine.text).not.toContain('id="cancel-form"');
  });
});

describe('a citizens’ panel prepared from a pasted pool', () => {
  /** 40 volunteers: 20 F / 20 M, ages in two bands (as the service's own test). */
  const POOL = [
    'id,genre,age',
    ...Array.from(
      { length: 40 },
      (_, i) =>
        `v${String(i + 1).padStart(2, '0')},${i % 2 ? 'F' : 'M'},${i % 4 < 2 ? 'jeune' : 'senior'}`,
    ),
  ].join('\n');
  /** Quotas in rows: ages first, so that the genre rows are rows 3 and 4. */
  const quotas = (rows: [string, string, string, string][]) =>
    Object.fromEntries(
      rows.flatMap(([category, value, min, max], i) => [
        [`quota-${i}-category`, category],
        [`quota-${i}-value`, value],
        [`quota-${i}-min`, min],
        [`quota-${i}-max`, max],
      ]),
    );
  const FAIR = quotas([
    ['age', 'jeune', '3', '3'],
    ['age', 'senior', '3', '3'],
    ['genre', 'F', '3', '3'],
    ['genre', 'M', '3', '3'],
  ]);
  const base = () => ({
    'panel-title-fr': 'Panel des habitants',
    size: '6',
    'panel-revealAt': wallClock(7, '18:00'),
    pool: POOL,
  });

  it('adds quota rows without JavaScript, keeping what was typed', async () => {
    const r = await postComponentForm('panel', { ...base(), ...FAIR, moreRows: 'yes' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('id="quota-17-category"');
    expect(r.text).not.toContain('id="quota-18-category"');
    expect(r.text).toContain('name="rows" value="18"');
    expect(r.text).toMatch(/id="quota-2-value" name="quota-2-value" type="text" value="F"/);
    expect(r.text).not.toContain('error-summary');
    const fields = formFields(r.text, 'panel-form');
    expect(fields.pool).toBe(POOL);
    expect(fields['panel-title-fr']).toBe('Panel des habitants');
  });

  it('names the bad line of a pool, next to it', async () => {
    const unknown = await postComponentForm('panel', {
      ...base(),
      ...FAIR,
      pool: POOL.replace('v03,M,senior', 'v03,X,senior'),
    });
    expect(unknown.status).toBe(400);
    expectFieldError(
      unknown.text,
      'pool',
      'Ligne 4 du vivier : « X » n’est pas une valeur de « genre » dans les quotas.',
    );
    const name = await postComponentForm('panel', {
      ...base(),
      ...FAIR,
      pool: POOL.replace('v05,M,jeune', 'Jean Dupont,M,jeune'),
    });
    expectFieldError(
      name.text,
      'pool',
      'Ligne 6 du vivier : « Jean Dupont » n’est pas un identifiant',
    );
    const twice = await postComponentForm('panel', {
      ...base(),
      ...FAIR,
      pool: `${POOL}\nv01,F,jeune`,
    });
    expectFieldError(
      twice.text,
      'pool',
      'Ligne 42 du vivier : l’identifiant « v01 » est déjà à la ligne 2.',
    );
    // Quoted fields are left to the service: its refusal is said with its line.
    const quoted = await postComponentForm('panel', {
      ...base(),
      ...FAIR,
      pool: `${POOL}\n"v02",F,jeune`,
    });
    expect(quoted.status).toBe(400);
    expectFieldError(
      quoted.text,
      'pool',
      'Ligne 42 du vivier : cet identifiant figure déjà plus haut.',
    );
    // What was typed comes back.
    expect(formFields(quoted.text, 'panel-form')['quota-2-value']).toBe('F');
  });

  it('says which quota no panel can meet, on its row', async () => {
    const sums = await postComponentForm('panel', {
      ...base(),
      ...quotas([
        ['age', 'jeune', '0', '6'],
        ['age', 'senior', '0', '6'],
        ['genre', 'F', '5', '6'],
        ['genre', 'M', '3', '3'],
      ]),
    });
    expect(sums.status).toBe(422);
    expectQuotaError(
      sums.text,
      'quota-2-min',
      'Les minimums de « genre » font 8 membres, plus que la taille du panel (6).',
    );
    const few = await postComponentForm('panel', {
      ...base(),
      size: '30',
      ...quotas([
        ['age', 'jeune', '', ''],
        ['age', 'senior', '', ''],
        ['genre', 'F', '25', '30'],
        ['genre', 'M', '0', '10'],
      ]),
    });
    expect(few.status).toBe(422);
    expectQuotaError(
      few.text,
      'quota-2-min',
      '« genre » = « F » demande au moins 25 membres, mais le vivier n’en compte que 20.',
    );
    // The site's own checks: a row half filled, a minimum above its maximum.
    const rows = await postComponentForm('panel', {
      ...base(),
      ...FAIR,
      'quota-3-value': '',
      'quota-1-min': '4',
    });
    expect(rows.status).toBe(400);
    expectQuotaError(
      rows.text,
      'quota-3-value',
      'Ligne 4 des quotas : il manque la catégorie ou la valeur.',
    );
    expectQuotaError(
      rows.text,
      'quota-1-min',
      'Ligne 2 des quotas : le minimum dépasse le maximum.',
    );
  }, 60_000);

  it('prepares the panel: each group’s chance is published with the commitment', async () => {
    const id = await prepared('panel', { ...base(), ...FAIR });
    const d = await draw(id);
    expect(d).toMatchObject({ kind: 'panel', state: 'prepared', count: 6, among: 40 });
    expect(d.panel!.groups).toHaveLength(4);
    const text = textOf((await page(`${publicList()}/${id}`)).text);
    expect(text).toContain('Panel citoyen À tirer');
    expect(text).toContain('6 personnes parmi 40 volontaires');
    expect(text).toContain('genre F 20 3 ');
    expect(text).toMatch(/idéal uniforme : 15 %/);
    expect(text).toContain('Le tirage n’est pas encore fait');
  }, 60_000);
});
