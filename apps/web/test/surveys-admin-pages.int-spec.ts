/**
 * The administrators' surveys pages over HTTP, against the real platform
 * (spawned as `npm start` runs it). An organization admin creates a space
 * with a surveys component (answers without an account) through the spaces
 * API, then, through the site's forms only: creates a survey (its refusals
 * next to their fields; dates typed in Paris's wall clock), is told why it
 * cannot be published without a question, writes a question of every type
 * (choices one per line per language, the grades scale prefilled, a
 * condition on an earlier question; refusals next to their controls, the
 * API's own included), edits one (a choice renamed keeps its id, a choice a
 * condition needs cannot go), moves and deletes questions (asked first; a
 * condition's order kept), edits the dates, publishes; once answered, the
 * questions are no longer editable and the survey cannot go back to draft
 * (said why); publishes and withdraws the results, reads the answers by
 * token page by page, downloads the exports, and deletes a draft (asked
 * first).
 */
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { questionControl, questionControls } from '../src/surveys/admin/survey-form';
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

const ZONE = 'Europe/Paris';

const page = (path: string, init: Parameters<typeof fetchPage>[2] = {}) =>
  fetchPage(platform.url, path, init);

const api = <T>(path: string, cookie?: string, write?: { method: string; body?: unknown }) =>
  callApi<T>(platform.url, path, cookie, write);

function expectFieldError(text: string, id: string, message?: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(error).not.toBeNull();
  if (message) expect(decode(error![1])).toContain(message);
}

/** The error of a group of radios or boxes: linked from the summary, said in its fieldset. */
function expectGroupError(text: string, id: string, message: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(new RegExp(`<fieldset\\s+aria-describedby="[^"]*${id}-error"`));
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(decode(error?.[1] ?? '')).toContain(message);
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
const instant = (wall: string) => DateTime.fromISO(wall, { zone: ZONE }).toUTC().toISO();

interface Choice {
  id: string;
  label: { fr?: string; en?: string };
}
interface Question {
  id: string;
  type: string;
  title: { fr?: string; en?: string };
  mandatory: boolean;
  options?: Choice[];
  rows?: Choice[];
  scale?: { fr?: string; en?: string }[];
  other?: boolean;
  maxChoices?: number;
  showIf?: { question: string; anyOf: string[] };
}
interface Survey {
  id: string;
  state: string;
  status: string;
  startsAt: string | null;
  endsAt: string | null;
  answerCount: number;
  resultsPublished: boolean;
  anonymousAnswers: boolean;
  title: { fr?: string; en?: string };
  questions: Question[];
}

const survey = async (id: string) => (await api<Survey>(`/api/surveys/surveys/${id}`, admin)).body;

const componentPath = () => `/admin/surveys/components/${componentId}`;

/** The new survey's form on the component's page, filled in, posted; the answer. */
async function postNewSurvey(changes: Record<string, string | null>) {
  const r = await page(componentPath(), { cookie: admin });
  expect(r.status).toBe(200);
  return page(`${componentPath()}/new`, {
    cookie: admin,
    form: withFields(formFields(r.text, 'survey-form'), changes),
  });
}

/** A survey created through the form; its id. */
async function createSurvey(changes: Record<string, string | null>) {
  const r = await postNewSurvey(changes);
  if (r.status !== 303) throw new Error(`Not created: ${textOf(r.text).slice(0, 600)}`);
  expect(r.location).toMatch(/^\/admin\/surveys\/[0-9a-f-]{36}\?done=created#questions$/);
  return /\/admin\/surveys\/([0-9a-f-]{36})/.exec(r.location!)![1];
}

/** The form of a new question of `type`, as the page shows it (reached from the survey's chooser). */
async function newQuestionForm(id: string, type: string) {
  const r = await page(`/admin/surveys/${id}/new-question?type=${type}`, { cookie: admin });
  expect(r.status).toBe(200);
  return { text: r.text, fields: formFields(r.text, 'question-form') };
}

/** Posts a new question of `type`; the answer. */
async function postQuestion(
  id: string,
  type: string,
  changes: Record<string, string | string[] | null>,
) {
  const { fields } = await newQuestionForm(id, type);
  return page(`/admin/surveys/${id}/new-question?type=${type}`, {
    cookie: admin,
    form: withFields(fields, changes),
  });
}

async function addQuestion(
  id: string,
  type: string,
  changes: Record<string, string | string[] | null>,
) {
  const r = await postQuestion(id, type, changes);
  if (r.status !== 303) throw new Error(`Question not added: ${textOf(r.text).slice(0, 800)}`);
  expect(r.location).toMatch(new RegExp(`^/admin/surveys/${id}\\?done=questionAdded#q-q\\d+$`));
  return /#q-(q\d+)$/.exec(r.location!)![1];
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
  const space = await api<{ id: string }>('/api/spaces', admin, {
    method: 'POST',
    body: {
      kind: 'assembly',
      slug: 'assemblee-des-enquetes',
      title: { fr: 'Assemblée des habitants', en: 'Residents’ assembly' },
    },
  });
  expect(space.status).toBe(201);
  spaceId = space.body.id;
  const component = await api<{ id: string }>(`/api/spaces/${spaceId}/components`, admin, {
    method: 'POST',
    body: { type: 'surveys', name: { fr: 'Consultations du quartier', en: 'District surveys' } },
  });
  expect(component.status).toBe(201);
  componentId = component.body.id;
  expect(
    (
      await api(`/api/spaces/${spaceId}/components/${componentId}`, admin, {
        method: 'PATCH',
        body: { settings: { anonymous_answers: true } },
      })
    ).status,
  ).toBe(200);
  expect((await api(`/api/spaces/${spaceId}/publish`, admin, { method: 'POST' })).status).toBe(200);
  // The surveys service learns the component from spaces' events.
  await until('the surveys service to know the component', async () => {
    const r = await api(`/api/surveys/components/${componentId}/surveys`, admin);
    return r.status === 200;
  });
}, 180_000);

afterAll(async () => {
  if (process.env.PRINT_PLATFORM) console.log(platform?.output());
  await platform?.stop();
});

describe('the administrators’ surveys pages', () => {
  let id: string;
  const startsAt = wallClock(2, '08:00');
  const endsAt = wallClock(30, '18:00');
  const q: Record<string, string> = {};

  it('links the space’s surveys component to its surveys; a visitor is sent to sign in', async () => {
    const space = await page(`/admin/spaces/${spaceId}`, { cookie: admin });
    expect(space.text).toContain(`href="/admin/surveys/components/${componentId}"`);
    expect(textOf(space.text)).toContain('Gérer les enquêtes : Consultations du quartier');
    const list = await page(componentPath(), { cookie: admin });
    expect(list.status).toBe(200);
    const text = textOf(list.text);
    expect(text).toContain('Enquêtes : Consultations du quartier');
    expect(text).toContain('Aucune enquête pour l’instant');
    expect(list.text).toContain(`action="${componentPath()}/new"`);
    const english = await page(componentPath(), { cookie: admin, lang: 'en' });
    expect(textOf(english.text)).toContain('Surveys: District surveys');
    expect(textOf(english.text)).toContain('New survey');
    const visitor = await page(componentPath());
    expect([visitor.status, visitor.location]).toEqual([
      303,
      `/sign-in?returnTo=${encodeURIComponent(componentPath())}`,
    ]);
    expect((await page('/admin/surveys', { cookie: admin })).status).toBe(200);
    expect(
      (
        await page('/admin/surveys/components/00000000-0000-4000-8000-000000000000', {
          cookie: admin,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a survey without a title, with a closing before its opening, or a date that is not one, next to their fields', async () => {
    const bad = await postNewSurvey({
      'title-fr': '',
      'description-fr': 'Votre avis sur la place du marché.',
      startsAt,
      endsAt: wallClock(1, '08:00'),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Le formulaire contient 2 erreur(s) :');
    expectFieldError(bad.text, 'title-fr', 'Donnez un titre à l’enquête');
    expectFieldError(bad.text, 'endsAt', 'La clôture doit venir après l’ouverture.');
    // What was typed is kept.
    expect(bad.text).toContain('Votre avis sur la place du marché.');
    expect(bad.text).toContain(`value="${startsAt}"`);
    const notADate = await postNewSurvey({ 'title-fr': 'La place', startsAt: '31/02/2027 08:00' });
    expect(notADate.status).toBe(400);
    expectFieldError(notADate.text, 'startsAt', 'date et une heure valides');
    const crossSite = await page(`${componentPath()}/new`, {
      cookie: admin,
      origin: 'https://evil.example',
      form: { 'title-fr': 'X' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('creates a draft, its dates in Paris’s wall clock, and lists it', async () => {
    id = await createSurvey({
      'title-fr': 'La place du marché',
      'title-en': 'The market square',
      'description-fr': 'Dites-nous comment vous voyez la place demain.',
      startsAt,
      endsAt,
    });
    const s = await survey(id);
    expect([s.state, s.startsAt, s.endsAt, s.questions]).toEqual([
      'draft',
      instant(startsAt),
      instant(endsAt),
      [],
    ]);
    const done = await page(`/admin/surveys/${id}?done=created`, { cookie: admin });
    const text = textOf(done.text);
    expect(text).toContain('Le brouillon est enregistré. Ajoutez-lui ses questions.');
    expect(text).toContain('Brouillon');
    expect(text).toContain('Aucune question pour l’instant.');
    expect(done.text).toContain(`action="/admin/surveys/${id}/new-question"`);
    expect(done.text).toContain(`href="/api/surveys/surveys/${id}/answers.csv"`);
    const list = textOf((await page(componentPath(), { cookie: admin })).text);
    expect(list).toMatch(/La place du marché Brouillon À venir Du .* au .* 0 Non publiés/);
  });

  it('says why a survey without a question cannot be published', async () => {
    const r = await page(`/admin/surveys/${id}/publish`, { cookie: admin, form: {} });
    expect(r.status).toBe(409);
    expect(textOf(r.text)).toContain(
      'Ajoutez d’abord une question à laquelle répondre : une enquête sans question ne peut pas être publiée.',
    );
    expect((await survey(id)).state).toBe('draft');
  });

  it('offers the type of a new question, and says when none is chosen', async () => {
    const chooser = await page(`/admin/surveys/${id}/new-question`, { cookie: admin });
    expect(chooser.status).toBe(200);
    expect(textOf(chooser.text)).toContain('Jugement majoritaire');
    const wrong = await page(`/admin/surveys/${id}/new-question?type=essay`, { cookie: admin });
    expect(wrong.status).toBe(400);
    expectGroupError(wrong.text, 'type', 'Choisissez un type de question.');
  });

  it('writes a single choice question: choices one per line per language, refused when the lines do not pair', async () => {
    const bad = await postQuestion(id, 'single', {
      'title-fr': 'Quel est votre lien avec la place ?',
      'options-fr': 'Riverain\nCommerçant\nPassant',
      'options-en': 'Resident\nShopkeeper',
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'options-en', 'autant de lignes en anglais qu’en français (3)');
    const few = await postQuestion(id, 'single', {
      'title-fr': 'Quel est votre lien avec la place ?',
      'options-fr': 'Riverain',
    });
    expectFieldError(few.text, 'options-fr', 'au moins 2 choix');
    q.lien = await addQuestion(id, 'single', {
      'title-fr': 'Quel est votre lien avec la place ?',
      'title-en': 'How are you connected to the square?',
      mandatory: 'true',
      'options-fr': 'Riverain\nCommerçant\n\nPassant',
      'options-en': 'Resident\nShopkeeper\nPasser-by',
      other: 'true',
    });
    expect(q.lien).toBe('q1');
    const [lien] = (await survey(id)).questions;
    expect(lien).toEqual({
      id: 'q1',
      type: 'single',
      title: {
        fr: 'Quel est votre lien avec la place ?',
        en: 'How are you connected to the square?',
      },
      mandatory: true,
      options: [
        { id: 'riverain', label: { fr: 'Riverain', en: 'Resident' } },
        { id: 'commercant', label: { fr: 'Commerçant', en: 'Shopkeeper' } },
        { id: 'passant', label: { fr: 'Passant', en: 'Passer-by' } },
      ],
      other: true,
    });
    const text = textOf((await page(`/admin/surveys/${id}`, { cookie: admin })).text);
    expect(text).toContain(
      '1. Quel est votre lien avec la place ? Choix unique · Obligatoire · Identifiant : q1',
    );
    expect(text).toContain('Choix : Riverain · Commerçant · Passant · Autre');
  });

  it('writes a question of every other type, the grades scale prefilled, a condition on an earlier answer', async () => {
    q.trajet = await addQuestion(id, 'multiple', {
      'title-fr': 'Comment venez-vous ?',
      'options-fr': 'À pied\nÀ vélo\nEn voiture',
      maxChoices: '2',
    });
    const grades = await newQuestionForm(id, 'grades');
    expect(grades.fields['scale-fr']).toBe(
      'Excellent\nTrès bien\nBien\nAssez bien\nPassable\nÀ rejeter',
    );
    expect(grades.fields['scale-en']).toBe('Excellent\nVery good\nGood\nFair\nPoor\nTo reject');
    // The condition offers the earlier single and multiple choice questions.
    expect(grades.text).toContain('name="showIf-q1"');
    expect(grades.text).toContain('name="showIf-q2"');
    q.projets = await addQuestion(id, 'grades', {
      'title-fr': 'Jugez chaque projet',
      'options-fr': 'Des arbres\nUn marché couvert',
      'options-en': 'Trees\nA covered market',
      mandatory: 'true',
    });
    q.priorites = await addQuestion(id, 'ranking', {
      'title-fr': 'Classez vos priorités',
      'options-fr': 'Le calme\nL’ombre\nLe commerce',
    });
    q.moments = await addQuestion(id, 'matrix_single', {
      'title-fr': 'La place est-elle agréable ?',
      'rows-fr': 'Le matin\nLe soir',
      'options-fr': 'Oui\nNon',
    });
    q.usages = await addQuestion(id, 'matrix_multiple', {
      'title-fr': 'Que faites-vous sur la place ?',
      'rows-fr': 'En semaine\nLe week-end',
      'options-fr': 'Je passe\nJe m’assois\nJ’achète',
    });
    q.section = await addQuestion(id, 'section', {
      'title-fr': 'Pour les commerçants',
      'description-fr': 'Quelques questions de plus.',
    });
    // Two sources ticked at once: one only.
    const twoSources = await postQuestion(id, 'long', {
      'title-fr': 'Qu’est-ce qui changerait pour votre commerce ?',
      'showIf-q1': 'commercant',
      'showIf-q2': 'a-velo',
    });
    expect(twoSources.status).toBe(400);
    expectGroupError(twoSources.text, 'showIf-q1', 'Cochez des réponses d’une seule question.');
    q.commerce = await addQuestion(id, 'long', {
      'title-fr': 'Qu’est-ce qui changerait pour votre commerce ?',
      'showIf-q1': ['commercant', 'other'],
    });
    q.idee = await addQuestion(id, 'short', { 'title-fr': 'Une idée à ajouter ?' });
    const s = await survey(id);
    expect(s.questions.map((x) => [x.id, x.type])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'grades'],
      ['q4', 'ranking'],
      ['q5', 'matrix_single'],
      ['q6', 'matrix_multiple'],
      ['q7', 'section'],
      ['q8', 'long'],
      ['q9', 'short'],
    ]);
    expect(s.questions[1].maxChoices).toBe(2);
    expect(s.questions[2].scale).toHaveLength(6);
    expect(s.questions[4].rows!.map((r) => r.id)).toEqual(['le-matin', 'le-soir']);
    expect(s.questions[7].showIf).toEqual({ question: 'q1', anyOf: ['commercant', 'other'] });
    const text = textOf((await page(`/admin/surveys/${id}`, { cookie: admin })).text);
    expect(text).toContain(
      'Posée seulement si la réponse à « Quel est votre lien avec la place ? » est « Commerçant » ou « Autre ».',
    );
    expect(text).toContain('Mentions, de la meilleure à la pire : Excellent · Très bien');
  });

  it('edits a question: a choice renamed keeps its id; a choice a condition needs cannot go', async () => {
    const form = await page(`/admin/surveys/${id}/questions/q1`, { cookie: admin });
    expect(form.status).toBe(200);
    const fields = formFields(form.text, 'question-form');
    expect(fields['options-fr']).toBe('Riverain\nCommerçant\nPassant');
    expect(fields.other).toBe('true');
    const lost = await page(`/admin/surveys/${id}/questions/q1`, {
      cookie: admin,
      form: withFields(fields, {
        'options-fr': 'Riverain\nPassant',
        'options-en': 'Resident\nPasser-by',
      }),
    });
    expect(lost.status).toBe(400);
    expectFieldError(
      lost.text,
      'options-fr',
      'La question « Qu’est-ce qui changerait pour votre commerce ? » est posée selon le choix « Commerçant »',
    );
    const saved = await page(`/admin/surveys/${id}/questions/q1`, {
      cookie: admin,
      form: withFields(fields, {
        'options-fr': 'Riverain\nCommerçante ou commerçant\nPassant\nTouriste',
        'options-en': 'Resident\nShopkeeper\nPasser-by\nTourist',
      }),
    });
    expect([saved.status, saved.location]).toEqual([
      303,
      `/admin/surveys/${id}?done=questionSaved#q-q1`,
    ]);
    const [lien] = (await survey(id)).questions;
    expect(lien.options!.map((o) => o.id)).toEqual([
      'riverain',
      'commercant',
      'passant',
      'touriste',
    ]);
    expect(lien.options![1].label).toEqual({ fr: 'Commerçante ou commerçant', en: 'Shopkeeper' });
  });

  it('moves questions, keeping a condition after its question, and deletes one, asked first', async () => {
    const path = (qid: string) => `/admin/surveys/${id}/questions/${qid}`;
    const move = (qid: string, direction: 'up' | 'down') =>
      page(`${path(qid)}/move`, { cookie: admin, form: { direction } });
    expect((await move('q1', 'down')).status).toBe(303);
    expect((await move('q8', 'up')).status).toBe(303);
    let order = (await survey(id)).questions.map((x) => x.id);
    expect(order).toEqual(['q2', 'q1', 'q3', 'q4', 'q5', 'q6', 'q8', 'q7', 'q9']);
    for (let i = 0; i < 4; i++) expect((await move('q8', 'up')).status).toBe(303);
    order = (await survey(id)).questions.map((x) => x.id);
    expect(order).toEqual(['q2', 'q1', 'q8', 'q3', 'q4', 'q5', 'q6', 'q7', 'q9']);
    // The long question is asked on q1's answer: it cannot come before q1.
    const blocked = await move('q8', 'up');
    expect(blocked.status).toBe(400);
    expect(textOf(blocked.text)).toContain(
      'La question « Qu’est-ce qui changerait pour votre commerce ? » est posée selon la réponse à « Quel est votre lien avec la place ? » : elle doit rester après elle.',
    );
    const first = await move('q2', 'up');
    expect(first.status).toBe(400);
    expect(textOf(first.text)).toContain('Cette question ne peut pas aller plus loin.');
    // Back to the first place.
    expect((await move('q1', 'up')).location).toBe(`/admin/surveys/${id}?done=questionMoved#q-q1`);
    // A question others are asked on cannot go.
    const source = await page(`${path('q1')}/delete`, { cookie: admin, form: {} });
    expect(source.status).toBe(400);
    expect(textOf(source.text)).toContain('changez d’abord sa condition');
    const r = await confirmed(
      `${path('q9')}/delete`,
      {},
      'Supprimer la question « Une idée à ajouter ? » ?',
      'ses textes et ses choix seront perdus.',
    );
    expect([r.status, r.location]).toEqual([
      303,
      `/admin/surveys/${id}?done=questionDeleted#questions`,
    ]);
    expect((await survey(id)).questions.map((x) => x.id)).toEqual([
      'q1',
      'q2',
      'q8',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
    ]);
    // The next question takes the id after the highest (nobody answered: no answer names it).
    const next = await newQuestionForm(id, 'short');
    expect(textOf(next.text)).toContain('Identifiant : q9');
  });

  it('edits the dates, prefilled in Paris’s wall clock; opening now', async () => {
    const form = await page(`/admin/surveys/${id}/edit`, { cookie: admin });
    expect(form.status).toBe(200);
    const fields = formFields(form.text, 'survey-form');
    expect([fields.startsAt, fields.endsAt]).toEqual([startsAt, endsAt]);
    const bad = await page(`/admin/surveys/${id}/edit`, {
      cookie: admin,
      form: withFields(fields, { endsAt: wallClock(1, '00:00') }),
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'endsAt', 'La clôture doit venir après l’ouverture.');
    const saved = await page(`/admin/surveys/${id}/edit`, {
      cookie: admin,
      form: withFields(fields, { startsAt: '', 'title-en': 'The market square tomorrow' }),
    });
    expect([saved.status, saved.location]).toEqual([303, `/admin/surveys/${id}?done=saved`]);
    const s = await survey(id);
    expect([s.startsAt, s.endsAt, s.title.en]).toEqual([
      null,
      instant(endsAt),
      'The market square tomorrow',
    ]);
  });

  it('publishes, goes back to draft, publishes again', async () => {
    const r = await page(`/admin/surveys/${id}/publish`, { cookie: admin, form: {} });
    expect([r.status, r.location]).toEqual([
      303,
      `/admin/surveys/${id}?done=published#publication`,
    ]);
    const s = await survey(id);
    expect([s.state, s.status]).toEqual(['published', 'open']);
    const text = textOf((await page(r.location!, { cookie: admin })).text);
    expect(text).toContain('L’enquête est publiée.');
    expect(text).toContain('Repasser en brouillon');
    const back = await page(`/admin/surveys/${id}/unpublish`, { cookie: admin, form: {} });
    expect(back.status).toBe(303);
    expect((await survey(id)).state).toBe('draft');
    expect((await page(`/admin/surveys/${id}/publish`, { cookie: admin, form: {} })).status).toBe(
      303,
    );
  });

  let answers = 0;
  /** An answer as a visitor without an account (their own session cookie). */
  async function answerAsVisitor(lien: string) {
    const r = await fetch(`${platform.url}/api/surveys/surveys/${id}/answers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: platform.url,
        'accept-language': 'en',
        cookie: `palabre_visitor=${randomBytes(24).toString('base64url')}`,
      },
      body: JSON.stringify({
        answers: {
          q1: lien === 'other' ? { choice: 'other', other: 'Livreur' } : { choice: lien },
          q3: { grades: { 'des-arbres': 0, 'un-marche-couvert': 2 } },
          q4: { order: ['l-ombre', 'le-calme', 'le-commerce'] },
          ...(lien === 'commercant' ? { q8: { text: 'Plus de clients le samedi.' } } : {}),
        },
      }),
    });
    if (r.status !== 200 && r.status !== 201) throw new Error(`${r.status} ${await r.text()}`);
    answers++;
  }

  it('once answered: the questions stay as they are, the survey stays published, said why', async () => {
    await until(
      'the survey to take answers without an account',
      async () => (await survey(id)).anonymousAnswers,
    );
    await answerAsVisitor('commercant');
    const r = await page(`/admin/surveys/${id}`, { cookie: admin });
    const text = textOf(r.text);
    expect(text).toContain('1 personne a répondu : les questions ne peuvent plus changer');
    expect(text).toContain('Une enquête qui a reçu des réponses reste publiée');
    expect(r.text).not.toContain(`href="/admin/surveys/${id}/questions/q1"`);
    expect(r.text).not.toContain('action="/admin/surveys/' + id + '/new-question"');
    expect(r.text).not.toContain(`/questions/q1/move`);
    // The edit form leads back to the list; a form posted from an older page is refused.
    const edit = await page(`/admin/surveys/${id}/questions/q1`, { cookie: admin });
    expect([edit.status, edit.location]).toEqual([303, `/admin/surveys/${id}#q-q1`]);
    const late = await page(`/admin/surveys/${id}/questions/q2`, {
      cookie: admin,
      form: { 'title-fr': 'Comment venez-vous sur la place ?', 'options-fr': 'À pied\nÀ vélo' },
    });
    expect(late.status).toBe(409);
    expect(textOf(late.text)).toContain(
      'Quelqu’un a répondu entre-temps : les questions ne peuvent plus changer.',
    );
    const move = await page(`/admin/surveys/${id}/questions/q2/move`, {
      cookie: admin,
      form: { direction: 'down' },
    });
    expect(move.status).toBe(409);
    const unpublish = await page(`/admin/surveys/${id}/unpublish`, { cookie: admin, form: {} });
    expect(unpublish.status).toBe(409);
    expect(textOf(unpublish.text)).toContain(
      'Une enquête qui a reçu des réponses reste publiée : pour l’arrêter, fixez sa date de clôture.',
    );
    // A published survey is not deleted.
    const remove = await page(`/admin/surveys/${id}/delete`, {
      cookie: admin,
      form: { confirmed: 'yes' },
    });
    expect(remove.status).toBe(409);
    expect(textOf(remove.text)).toContain(
      'Seul un brouillon auquel personne n’a répondu peut être supprimé',
    );
  });

  it('publishes and withdraws the results', async () => {
    const r = await page(`/admin/surveys/${id}/results/publish`, { cookie: admin, form: {} });
    expect([r.status, r.location]).toEqual([
      303,
      `/admin/surveys/${id}?done=resultsPublished#results`,
    ]);
    expect((await survey(id)).resultsPublished).toBe(true);
    expect(textOf((await page(r.location!, { cookie: admin })).text)).toContain(
      'Retirer les résultats',
    );
    const w = await page(`/admin/surveys/${id}/results/unpublish`, { cookie: admin, form: {} });
    expect(w.location).toBe(`/admin/surveys/${id}?done=resultsWithdrawn#results`);
    expect((await survey(id)).resultsPublished).toBe(false);
  });

  it('shows the answers by token, never anyone’s identity, page by page; the exports download', async () => {
    for (let i = 0; i < 50; i++) await answerAsVisitor(['riverain', 'passant', 'other'][i % 3]);
    expect((await survey(id)).answerCount).toBe(answers);
    const first = await page(`/admin/surveys/${id}/answers`, { cookie: admin });
    expect(first.status).toBe(200);
    const text = textOf(first.text);
    expect(text).toContain(`Réponses : La place du marché`);
    expect(text).toContain(`${answers} réponses`);
    expect(first.text).toContain('<table class="stacked" role="table">');
    // The first answer (oldest first): a commerçant, in English, with its long text.
    expect(text).toMatch(/[0-9a-f]{12} .* Anglais 4 questions répondues Voir la réponse/);
    expect(text).toContain('Quel est votre lien avec la place ? Commerçante ou commerçant');
    expect(text).toContain('Jugez chaque projet Des arbres : Excellent ; Un marché couvert : Bien');
    expect(text).toContain('Classez vos priorités 1. L’ombre, 2. Le calme, 3. Le commerce');
    expect(text).toContain('Autre : Livreur');
    expect(text).not.toContain('admin@demo');
    expect((first.text.match(/<tr role="row">/g) ?? []).length).toBe(51);
    const next = /href="(\/admin\/surveys\/[^"]+\/answers\?cursor=[^"]+)" rel="next"/.exec(
      first.text,
    );
    expect(next).not.toBeNull();
    const second = await page(decode(next![1]), { cookie: admin });
    expect(second.status).toBe(200);
    expect((second.text.match(/<tr role="row">/g) ?? []).length).toBe(answers - 50 + 1);
    expect(textOf(second.text)).toContain('Revenir aux premières réponses');
    const csv = await fetch(`${platform.url}/api/surveys/surveys/${id}/answers.csv`, {
      headers: { cookie: admin },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^token,answered_at,locale,/);
    expect(lines).toHaveLength(answers + 1);
    const json = await fetch(`${platform.url}/api/surveys/surveys/${id}/answers.json`, {
      headers: { cookie: admin },
    });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    // Not for a visitor.
    expect((await fetch(`${platform.url}/api/surveys/surveys/${id}/answers.csv`)).status).not.toBe(
      200,
    );
    expect((await page(`/admin/surveys/${id}/answers`)).status).toBe(303);
  });

  it('deletes a draft, asked first', async () => {
    const draft = await createSurvey({ 'title-fr': 'Brouillon à effacer' });
    const r = await confirmed(
      `/admin/surveys/${draft}/delete`,
      {},
      'Supprimer le brouillon « Brouillon à effacer » ?',
      'un brouillon supprimé ne peut pas être retrouvé.',
    );
    expect([r.status, r.location]).toEqual([303, `${componentPath()}?done=deleted`]);
    expect((await api(`/api/surveys/surveys/${draft}`, admin)).status).toBe(404);
    expect((await page(`/admin/surveys/${draft}`, { cookie: admin })).status).toBe(404);
    expect(textOf((await page(r.location!, { cookie: admin })).text)).toContain(
      'Le brouillon est supprimé.',
    );
  });
});

describe('the API’s refusals of a question, next to their controls', () => {
  // The site checks every rule the API has (the same limits, counted the same way), so
  // that a refusal of the API itself only comes of a race: its fields still land next
  // to the control they name, and another question's fields in the form's notice.
  it('maps the fields of the question sent to its controls, and no other question’s', () => {
    const before = [
      { id: 'lien', type: 'single' as const, title: { fr: 'Lien' }, mandatory: true },
    ];
    const fields = questionControls(before);
    const mapped = [
      'questions.3.title',
      'questions.3.title.en',
      'questions.3.description.fr',
      'questions.3.options',
      'questions.3.options.2.label.en',
      'questions.3.rows.0.label.fr',
      'questions.3.scale.1.en',
      'questions.3.maxChoices',
      'questions.3.other',
      'questions.2.options',
      'questions.3.id',
      'questions',
    ].map((f) => questionControl(f, 3));
    expect(mapped).toEqual([
      'title-fr',
      'title-en',
      'description-fr',
      'options-fr',
      'options-en',
      'rows-fr',
      'scale-en',
      'maxChoices',
      'other',
      null,
      null,
      null,
    ]);
    for (const control of mapped.filter((c): c is string => c !== null))
      expect(fields[control]).toBe(control);
    expect(fields['showIf-lien']).toBe('showIf-lien');
  });
});
