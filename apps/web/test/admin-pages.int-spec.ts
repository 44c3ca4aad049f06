/**
 * The author pages and the petitions back-office over HTTP, against the real
 * platform (spawned as `npm start` runs it): who may enter, each form's
 * errors next to their fields, cross-site posts refused, and the lifecycle
 * draft → submitted → published | rejected → paper counts → answer/close.
 */
import { completeFranceConnectLogin, flowCookie } from '@palabre/fc-local';
import { startPlatform, type RunningPlatform } from './platform';

let platform: RunningPlatform;
let admin: string;
let author: string;
let otherAuthor: string;

const FORM = 'application/x-www-form-urlencoded';
const TEXT =
  'Nous demandons que la bibliothèque municipale ouvre le dimanche après-midi, toute l’année, pour les familles et les étudiants.';

const page = async (
  path: string,
  init: {
    cookie?: string;
    form?: Record<string, string>;
    origin?: string | null;
    lang?: string;
  } = {},
) => {
  const headers: Record<string, string> = { 'accept-language': init.lang ?? 'fr-FR,fr;q=0.9' };
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
  return { status: r.status, headers: r.headers, text: await r.text() };
};

const sessionOf = (headers: Headers) =>
  String(headers.getSetCookie().find((c) => c.startsWith('palabre_session='))).split(';')[0];

async function signInAsAdmin(): Promise<string> {
  const r = await page('/sign-in', {
    form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/admin' },
  });
  expect(r.status).toBe(303);
  return sessionOf(r.headers);
}

/** An author identified at the local FranceConnect (mode=author), as the browser would do it. */
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
  expect(r.headers.get('location')).toBe('/my/petitions');
  return sessionOf(r.headers);
}

type Text = { fr?: string; en?: string };

async function petitionTypes(): Promise<{ id: string; name: Text }[]> {
  const r = await fetch(`${platform.url}/api/petitions/types`);
  return ((await r.json()) as { items: { id: string; name: Text }[] }).items;
}

/** The state now: a query of its own reads past the gateway's public micro-cache (1 s). */
async function apiState(id: string, cookie: string): Promise<string> {
  const r = await fetch(`${platform.url}/api/petitions/${id}?at=${Date.now()}`, {
    headers: { cookie },
  });
  return ((await r.json()) as { state: string }).state;
}

/** Drafts through the page and submits it; returns the petition id. */
async function draftAndSubmit(cookie: string, title: string, typeId?: string): Promise<string> {
  const [type] = await petitionTypes();
  const created = await page('/petitions/new', {
    cookie,
    form: { typeId: typeId ?? type.id, title, body: TEXT },
  });
  expect(created.status).toBe(303);
  const id = /^\/my\/petitions\/([0-9a-f-]{36})\?done=created$/.exec(
    created.headers.get('location') ?? '',
  )![1];
  const submitted = await page(`/my/petitions/${id}/submit`, { cookie, form: {} });
  expect(submitted.status).toBe(303);
  expect(submitted.headers.get('location')).toBe(`/my/petitions/${id}?done=submitted`);
  return id;
}

/** The input or textarea with this id, and the error paragraph tied to it. */
function expectFieldError(text: string, id: string, message?: string) {
  expect(text).toContain(`<a href="#${id}">`);
  expect(text).toMatch(
    new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`),
  );
  const error = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text);
  expect(error).not.toBeNull();
  if (message) expect(error![1]).toContain(message);
}

beforeAll(async () => {
  platform = await startPlatform();
  [admin, author, otherAuthor] = await Promise.all([
    signInAsAdmin(),
    signInAsAuthor('adult-jean'),
    signInAsAuthor('adult-marie'),
  ]);
}, 120_000);
afterAll(() => platform?.stop());

describe('who may enter the back-office', () => {
  it('sends an anonymous visitor to the sign-in page, coming back to the page asked for', async () => {
    for (const path of ['/admin', '/admin/petitions?state=published', '/admin/petitions/types']) {
      const r = await page(path);
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe(`/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
  });

  it('answers an account without the role with a 403 that says why and offers a way on; no Administration link', async () => {
    const r = await page('/admin/petitions', { cookie: author });
    expect(r.status).toBe(403);
    expect(r.text).toContain('<h1>Accès réservé aux administrateurs</h1>');
    expect(r.text).toContain('Jean Martin');
    expect(r.text).toContain(`href="/sign-in?returnTo=${encodeURIComponent('/admin/petitions')}"`);
    expect(r.text).not.toContain('href="/admin"');
    expect(r.text).toContain('href="/my/petitions"');
    expect((await page('/admin', { cookie: author })).status).toBe(403);
  });

  it('refuses a back-office action to a non-admin: the petition does not move', async () => {
    const id = await draftAndSubmit(otherAuthor, 'Des bancs le long de la promenade du canal');
    const r = await page(`/admin/petitions/${id}/publish`, { cookie: author, form: {} });
    expect(r.status).toBe(403);
    expect(await apiState(id, admin)).toBe('submitted');
  });

  it('shows the admin the Administration link and a home listing the sections', async () => {
    const r = await page('/admin', { cookie: admin });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/<a href="\/admin" aria-current="page">Administration<\/a>/);
    expect(r.text).toContain('<a href="/admin/petitions">Pétitions</a>');
    expect(r.text).toContain('<a href="/admin/petitions/types">Types de pétition</a>');
  });
});

describe('author pages', () => {
  it('asks a visitor without an account to identify as an author with FranceConnect', async () => {
    const r = await page('/petitions/new');
    expect(r.status).toBe(200);
    expect(r.text).toContain(
      `href="/auth/franceconnect/login?mode=author&amp;returnTo=${encodeURIComponent('/petitions/new')}"`,
    );
    expect(r.text).not.toContain('<form method="post" action="/petitions/new"');
  });

  it('drafts a petition: the type is a fieldset of radios; errors are summarised and tied to each field (400)', async () => {
    const form = await page('/petitions/new', { cookie: author });
    expect(form.status).toBe(200);
    expect(form.text).toContain('<legend>Type de pétition</legend>');
    expect(form.text).toMatch(/<a href="\/my\/petitions" aria-current="page">Mes pétitions<\/a>/);
    const bad = await page('/petitions/new', {
      cookie: author,
      form: { typeId: '', title: 'Court', body: 'Trop court.' },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Le formulaire contient 3 erreur(s) :');
    expect(bad.text).toContain('class="error-summary" role="alert"');
    expect(bad.text).toContain('<a href="#typeId">');
    expectFieldError(bad.text, 'title', 'au moins 10 caractères (vous en avez saisi 5)');
    expectFieldError(bad.text, 'body', 'au moins 50 caractères');
    // What was typed is kept.
    expect(bad.text).toContain('value="Court"');
    expect(bad.text).toContain('Trop court.</textarea');
  });

  it('edits a draft, submits it, and follows it: state, what happens next, timeline', async () => {
    const [type] = await petitionTypes();
    const created = await page('/petitions/new', {
      cookie: author,
      form: { typeId: type.id, title: 'Ouvrir la médiathèque le dimanche', body: TEXT },
    });
    const id = /\/my\/petitions\/([0-9a-f-]{36})/.exec(created.headers.get('location')!)![1];
    const shown = await page(`/my/petitions/${id}?done=created`, { cookie: author });
    expect(shown.text).toContain('Votre brouillon est enregistré.');
    expect(shown.text).toContain('<span class="tag">Brouillon</span>');
    expect(shown.text).toContain(`action="/my/petitions/${id}/submit"`);
    // Someone else's petition is not "mine".
    expect((await page(`/my/petitions/${id}`, { cookie: otherAuthor })).status).toBe(404);

    const badEdit = await page(`/my/petitions/${id}/edit`, {
      cookie: author,
      form: { typeId: type.id, title: '', body: TEXT },
    });
    expect(badEdit.status).toBe(400);
    expectFieldError(badEdit.text, 'title', 'Ce champ est obligatoire.');
    const edited = await page(`/my/petitions/${id}/edit`, {
      cookie: author,
      form: { typeId: type.id, title: 'Ouvrir la médiathèque le dimanche après-midi', body: TEXT },
    });
    expect(edited.status).toBe(303);
    expect(edited.headers.get('location')).toBe(`/my/petitions/${id}?done=saved`);

    const crossSite = await page(`/my/petitions/${id}/submit`, {
      cookie: author,
      form: {},
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(await apiState(id, author)).toBe('draft');

    const submitted = await page(`/my/petitions/${id}/submit`, { cookie: author, form: {} });
    expect(submitted.status).toBe(303);
    const follow = await page(`/my/petitions/${id}?done=submitted`, { cookie: author });
    expect(follow.text).toContain('<span class="tag">En examen</span>');
    expect(follow.text).toContain('examine la recevabilité de votre pétition');
    expect(follow.text).toContain('Soumise à l’examen de recevabilité');
    expect(follow.text).not.toContain(`action="/my/petitions/${id}/submit"`);
    // A submitted petition can no longer be edited: the edit page leads back.
    const edit = await page(`/my/petitions/${id}/edit`, { cookie: author });
    expect(edit.status).toBe(303);

    const list = await page('/my/petitions', { cookie: author });
    expect(list.text).toContain(
      `<a href="/my/petitions/${id}">Ouvrir la médiathèque le dimanche après-midi</a>`,
    );
  });
});

describe('the review queue', () => {
  it('lists submitted petitions and publishes one; the petition is then public', async () => {
    const id = await draftAndSubmit(author, 'Une fontaine d’eau potable place du Marché');
    const queue = await page('/admin/petitions', { cookie: admin });
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('<h1>Pétitions à examiner</h1>');
    expect(queue.text).toContain(`href="/admin/petitions/${id}"`);
    const review = await page(`/admin/petitions/${id}`, { cookie: admin });
    expect(review.text).toContain(`action="/admin/petitions/${id}/publish"`);
    expect(review.text).toContain('<legend>Déclarer la pétition non recevable</legend>');
    expect((await page(`/petitions/${id}`)).status).toBe(404);

    // Publishing is final: the first post asks for confirmation on a page of its own and changes nothing.
    const asked = await page(`/admin/petitions/${id}/publish`, { cookie: admin, form: {} });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(
      '<h1>Publier la pétition « Une fontaine d’eau potable place du Marché » ?</h1>',
    );
    expect(asked.text).toContain('Cela ne pourra pas être défait :');
    expect(asked.text).toContain(`<form method="post" action="/admin/petitions/${id}/publish">`);
    expect(asked.text).toContain('<input type="hidden" name="confirmed" value="yes" />');
    expect(asked.text).toContain(`href="/admin/petitions/${id}">Revenir sans rien faire</a>`);
    expect(await apiState(id, admin)).toBe('submitted');

    const published = await page(`/admin/petitions/${id}/publish`, {
      cookie: admin,
      form: { confirmed: 'yes' },
    });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(
      `/admin/petitions?state=submitted&done=published&id=${id}`,
    );
    const after = await page(published.headers.get('location')!, { cookie: admin });
    expect(after.text).toContain('« Une fontaine d’eau potable place du Marché » est publiée');
    expect(after.text).not.toContain(`<h3><a href="/admin/petitions/${id}">`);
    const pub = await page(`/petitions/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain(`<form method="post" action="/petitions/${id}/sign" data-once>`);
    const mine = await page('/my/petitions', { cookie: author });
    expect(mine.text).toMatch(/Votre pétition est ouverte à la signature jusqu’au \d+/);
  });

  it('refuses to reject without a reason (400, naming the field); the author reads the reason given', async () => {
    const id = await draftAndSubmit(author, 'Supprimer toutes les voitures dès demain matin');
    const missing = await page(`/admin/petitions/${id}/reject`, {
      cookie: admin,
      form: { reason: '  ' },
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('class="error-summary" role="alert"');
    expectFieldError(missing.text, 'reason', 'Ce champ est obligatoire.');
    expect(await apiState(id, admin)).toBe('submitted');

    const reason = 'Une pétition doit relever des compétences de la commune.';
    const rejected = await page(`/admin/petitions/${id}/reject`, {
      cookie: admin,
      form: { reason },
    });
    expect(rejected.status).toBe(303);
    expect(await apiState(id, admin)).toBe('rejected');
    const mine = await page('/my/petitions', { cookie: author });
    expect(mine.text).toContain('<span class="tag">Non recevable</span>');
    expect(mine.text).toContain(reason);
    const follow = await page(`/my/petitions/${id}`, { cookie: author });
    expect(follow.text).toContain(reason);
  });

  it('refuses a publish posted from another site (403): nothing changes', async () => {
    const id = await draftAndSubmit(author, 'Des toilettes publiques au parc des Sports');
    const r = await page(`/admin/petitions/${id}/publish`, {
      cookie: admin,
      form: {},
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(403);
    expect(await apiState(id, admin)).toBe('submitted');
  });
});

describe('petition types', () => {
  it('shows each error of the type form next to its field (400), then creates and edits a type', async () => {
    const form = await page('/admin/petitions/types/new', { cookie: admin });
    expect(form.status).toBe(200);
    expect(form.text).toContain('<legend>Qui peut signer</legend>');
    expect(form.text).toContain('<legend>Palier 1</legend>');
    // Each text has one control per language, each marked with its language.
    for (const id of ['name', 'description', 'milestone-0-label'])
      for (const lang of ['fr', 'en']) {
        expect(form.text).toContain(`<label for="${id}-${lang}"`);
        expect(form.text).toMatch(new RegExp(`id="${id}-${lang}"[^>]*lang="${lang}"`));
      }
    const bad = await page('/admin/petitions/types/new', {
      cookie: admin,
      form: {
        'name-fr': ' ',
        'name-en': '',
        'description-en': 'x'.repeat(4001),
        signatureDays: '0',
        signers: 'franceconnect',
        authors: 'franceconnect',
        'milestone-0-threshold': '1 000',
        'milestone-0-label-en': 'Examined in committee',
        'milestone-1-threshold': '500',
        'milestone-1-label-fr': 'Débat',
        'milestone-2-threshold': '2000',
        areaRuleSignatures: '5000',
        areaRuleAreas: '3',
        active: 'true',
      },
    });
    expect(bad.status).toBe(400);
    // A name missing in both languages is said next to the first language's control.
    expectFieldError(bad.text, 'name-fr', 'Donnez le nom dans une langue au moins.');
    expectFieldError(bad.text, 'description-en', 'caractères (vous en avez saisi');
    expectFieldError(bad.text, 'signatureDays', 'de 1 à 3');
    expectFieldError(bad.text, 'milestone-1-threshold', 'plus grand que celui du palier précédent');
    expectFieldError(bad.text, 'milestone-2-label-fr', 'dans une langue au moins');
    expectFieldError(bad.text, 'areaBreakdown', 'Demander leur territoire aux signataires');
    expect(bad.text).toContain('value="1 000"');
    expect(bad.text).toContain('value="Examined in committee"');

    const good = {
      'name-fr': 'Pétition au conseil de quartier',
      'name-en': 'Neighbourhood council petition',
      'description-fr': 'Trois mois pour réunir 300 signatures.',
      'description-en': 'Three months to gather 300 signatures.',
      signatureDays: '90',
      signers: 'franceconnect-or-account',
      authors: 'account',
      'milestone-0-threshold': '300',
      'milestone-0-label-fr': 'Examen en conseil de quartier',
      'milestone-0-label-en': 'Examined by the neighbourhood council',
      active: 'true',
    };
    const created = await page('/admin/petitions/types/new', { cookie: admin, form: good });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/admin/petitions/types?done=created');
    // The same name in one language only is a duplicate too.
    const duplicate = await page('/admin/petitions/types/new', {
      cookie: admin,
      form: { ...good, 'name-fr': 'Un autre nom' },
    });
    expect(duplicate.status).toBe(409);
    expectFieldError(duplicate.text, 'name-fr', 'porte déjà ce nom');

    const all = async () => {
      const r = await fetch(`${platform.url}/api/petitions/types?all=true`, {
        headers: { cookie: admin },
      });
      return (
        (await r.json()) as {
          items: {
            id: string;
            name: Text;
            description: Text;
            milestones: { threshold: number; label: Text }[];
            signatureDays: number;
            active: boolean;
          }[];
        }
      ).items;
    };
    const type = (await all()).find((t) => t.name.fr === good['name-fr'])!;
    expect(type).toMatchObject({
      name: { fr: good['name-fr'], en: good['name-en'] },
      description: { fr: good['description-fr'], en: good['description-en'] },
      milestones: [
        {
          threshold: 300,
          label: { fr: good['milestone-0-label-fr'], en: good['milestone-0-label-en'] },
        },
      ],
    });
    const list = await page('/admin/petitions/types', { cookie: admin });
    expect(list.text).toContain(
      `<a href="/admin/petitions/types/${type.id}">${good['name-fr']}</a>`,
    );
    expect(list.text).toContain('Signature pendant 90 jours');
    expect(list.text).toContain('Palier à 300 signatures : Examen en conseil de quartier');
    const english = await page('/admin/petitions/types', { cookie: admin, lang: 'en' });
    expect(english.text).toContain(
      `<a href="/admin/petitions/types/${type.id}">${good['name-en']}</a>`,
    );
    expect(english.text).toContain(
      'Milestone at 300 signatures: Examined by the neighbourhood council',
    );
    const edit = await page(`/admin/petitions/types/${type.id}`, { cookie: admin });
    expect(edit.text).toContain('value="300"');
    expect(edit.text).toContain(`value="${good['name-en']}"`);
    expect(edit.text).toMatch(/value="account"\s+checked/);
    // Emptying one language keeps the other.
    const saved = await page(`/admin/petitions/types/${type.id}`, {
      cookie: admin,
      form: { ...good, 'name-en': '', signatureDays: '120', active: '' },
    });
    expect(saved.status).toBe(303);
    const changed = (await all()).find((t) => t.id === type.id)!;
    expect(changed).toMatchObject({
      name: { fr: good['name-fr'] },
      signatureDays: 120,
      active: false,
    });
    expect(changed.name.en).toBeUndefined();
    // An inactive type is no longer offered to authors.
    expect((await petitionTypes()).map((t) => t.id)).not.toContain(type.id);
  });

  it('shows a type written in French only in French on English pages, marked lang="fr"', async () => {
    const created = await page('/admin/petitions/types/new', {
      cookie: admin,
      form: {
        'name-fr': 'Vœu au conseil municipal',
        signatureDays: '60',
        signers: 'franceconnect',
        authors: 'franceconnect',
        'milestone-0-threshold': '50',
        'milestone-0-label-fr': 'Réponse du maire',
        active: 'true',
      },
    });
    expect(created.status).toBe(303);
    const type = (await petitionTypes()).find((t) => t.name.fr === 'Vœu au conseil municipal')!;
    expect(type.name).toEqual({ fr: 'Vœu au conseil municipal' });
    const id = await draftAndSubmit(author, 'Un composteur partagé dans chaque quartier', type.id);
    expect(
      (await page(`/admin/petitions/${id}/publish`, { cookie: admin, form: { confirmed: 'yes' } }))
        .status,
    ).toBe(303);

    const pub = await page(`/petitions/${id}`, { lang: 'en' });
    expect(pub.text).toContain('<html lang="en">');
    expect(pub.text).toContain('<span lang="fr">Vœu au conseil municipal</span>');
    expect(pub.text).toContain('<span lang="fr">Réponse du maire</span>: 0 of 50 signatures');
    // On a French page the same text is the page's language: nothing to mark.
    const fr = await page(`/petitions/${id}`);
    expect(fr.text).toContain('Vœu au conseil municipal');
    expect(fr.text).toContain('Réponse du maire : 0 sur 50 signatures');
    expect(fr.text).not.toContain('<span lang="fr">Vœu');
    expect(fr.text).not.toContain('<span lang="fr">Réponse');
    // The list's filter: an option holds no element, so the option carries the language.
    let list = await page('/petitions', { lang: 'en' });
    for (let i = 0; i < 30 && !list.text.includes(type.id); i++) {
      await new Promise((r) => setTimeout(r, 200));
      list = await page('/petitions', { lang: 'en' });
    }
    expect(list.text).toContain(
      `<option value="${type.id}" lang="fr">Vœu au conseil municipal</option>`,
    );
    const mine = await page(`/my/petitions/${id}`, { cookie: author, lang: 'en' });
    expect(mine.text).toContain('<span lang="fr">Vœu au conseil municipal</span>');
    const start = await page('/petitions/new', { cookie: author, lang: 'en' });
    expect(start.text).toMatch(
      new RegExp(
        `<label for="typeId(-\\d+)?"[^>]*><span lang="fr">Vœu au conseil municipal</span>`,
      ),
    );
    const back = await page(`/admin/petitions/types`, { cookie: admin, lang: 'en' });
    expect(back.text).toContain(
      `<a href="/admin/petitions/types/${type.id}"><span lang="fr">Vœu au conseil municipal</span></a>`,
    );
    const edit = await page(`/admin/petitions/types/${type.id}`, { cookie: admin, lang: 'en' });
    expect(edit.text).toContain(
      '<h1>Edit the type “<span lang="fr">Vœu au conseil municipal</span>”</h1>',
    );
    expect(edit.text).toContain('<title>Edit the type “Vœu au conseil municipal”');
  });
});

describe('a published petition in the back-office', () => {
  let id: string;
  beforeAll(async () => {
    id = await draftAndSubmit(otherAuthor, 'Un marché de producteurs le samedi matin');
    expect(
      (await page(`/admin/petitions/${id}/publish`, { cookie: admin, form: { confirmed: 'yes' } }))
        .status,
    ).toBe(303);
  });

  it('records paper signatures with their source and lists the audit trail', async () => {
    const bad = await page(`/admin/petitions/${id}/offline-counts`, {
      cookie: admin,
      form: { count: '0', source: '' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'count', 'différent de zéro');
    expectFieldError(bad.text, 'source', 'Ce champ est obligatoire.');
    const ok = await page(`/admin/petitions/${id}/offline-counts`, {
      cookie: admin,
      form: {
        count: '1 250',
        source: 'Mairie annexe, registre papier',
        note: 'Vérifié par deux agents',
      },
    });
    expect(ok.status).toBe(303);
    const shown = await page(`/admin/petitions/${id}?done=offline`, { cookie: admin });
    expect(shown.text).toContain('Les signatures papier sont enregistrées');
    expect(shown.text).toContain('<caption');
    expect(shown.text).toContain('Mairie annexe, registre papier');
    expect(shown.text).toContain('Vérifié par deux agents');
    expect(shown.text).toMatch(/>\s*vous\s*</);
    const api = await fetch(`${platform.url}/api/petitions/${id}`);
    expect(((await api.json()) as { counts: { offline: number } }).counts.offline).toBe(1250);
  });

  it("publishes the institution's answer (date checked) and the public page shows it", async () => {
    const bad = await page(`/admin/petitions/${id}/answer`, {
      cookie: admin,
      form: { answerText: 'Oui.', answerDate: '31/02/2026', answerUrl: 'pas une adresse' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'answerText', 'au moins 5 caractères');
    expectFieldError(bad.text, 'answerDate', 'date réelle');
    expectFieldError(bad.text, 'answerUrl', 'adresse web complète');
    const answer = {
      answerText: 'Le conseil municipal a voté la création du marché.',
      answerDate: '20/11/2026',
      answerUrl: 'https://www.example.org/deliberation',
    };
    // The first answer closes signing: it is confirmed on a page that carries the typed answer.
    const asked = await page(`/admin/petitions/${id}/answer`, { cookie: admin, form: answer });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('la signature se clôt maintenant');
    expect(asked.text).toContain('la signature ne pourra pas être rouverte');
    expect(asked.text).toContain(
      '<input type="hidden" name="answerText" value="Le conseil municipal a voté la création du marché." />',
    );
    expect(await apiState(id, admin)).toBe('published');
    const ok = await page(`/admin/petitions/${id}/answer`, {
      cookie: admin,
      form: { ...answer, confirmed: 'yes' },
    });
    expect(ok.status).toBe(303);
    // The public page may lag by the gateway's micro-cache (a second or two).
    let pub = await page(`/petitions/${id}`);
    for (let i = 0; i < 30 && !pub.text.includes('<section class="answer"'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      pub = await page(`/petitions/${id}`);
    }
    expect(pub.text).toContain('Le conseil municipal a voté la création du marché.');
    expect(pub.text).toContain('20 novembre 2026');
    expect(await apiState(id, admin)).toBe('answered');
  });

  it('closes a published petition early only with a reason', async () => {
    const other = await draftAndSubmit(otherAuthor, 'Éclairer le chemin de halage la nuit');
    await page(`/admin/petitions/${other}/publish`, {
      cookie: admin,
      form: { confirmed: 'yes' },
    });
    const manage = await page(`/admin/petitions/${other}`, { cookie: admin });
    expect(manage.text).toContain(`action="/admin/petitions/${other}/close"`);
    const bad = await page(`/admin/petitions/${other}/close`, {
      cookie: admin,
      form: { closeReason: 'Non' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'closeReason', 'au moins 5 caractères');
    expect(await apiState(other, admin)).toBe('published');
    const ok = await page(`/admin/petitions/${other}/close`, {
      cookie: admin,
      form: { closeReason: 'Retirée à la demande de son autrice.' },
    });
    expect(ok.status).toBe(303);
    expect(await apiState(other, admin)).toBe('closed');
    const again = await page(`/admin/petitions/${other}/close`, {
      cookie: admin,
      form: { closeReason: 'Retirée à la demande de son autrice.' },
    });
    expect(again.status).toBe(409);
    expect(again.text).toContain('L’état de cette pétition a changé entre-temps');
  });
});

describe('the back-office home says what waits', () => {
  const api = async <T>(path: string, cookie: string, body?: unknown) => {
    const r = await fetch(`${platform.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        cookie,
        'cache-control': 'no-cache',
        ...(body === undefined ? {} : { 'content-type': 'application/json', origin: platform.url }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as T };
  };

  it('counts the petitions to review as a link to the queue; a moderator sees the reports count, not the petitions one', async () => {
    const before = await api<{ states: { submitted: number } }>('/api/petitions/counts', admin);
    expect(before.status).toBe(200);
    await draftAndSubmit(author, 'Un composteur partagé rue des Lilas');
    const n = before.body.states.submitted + 1;
    const home = await page('/admin', { cookie: admin });
    expect(home.status).toBe(200);
    expect(home.text).toContain('<h2 id="todo-title">À faire</h2>');
    expect(home.text).toContain(
      `<a href="/admin/petitions?state=submitted">${n} ${n === 1 ? 'pétition' : 'pétitions'} à examiner</a>`,
    );
    const english = await fetch(`${platform.url}/admin`, {
      headers: { cookie: admin, 'accept-language': 'en' },
    });
    expect(await english.text()).toContain(
      `${n} ${n === 1 ? 'petition' : 'petitions'} to review</a>`,
    );

    // A moderator of the whole organization: the reports, and nothing of the petitions.
    const me = await api<{ id: string }>('/api/identity/me', otherAuthor);
    const granted = await api('/api/identity/grants', admin, {
      userId: me.body.id,
      role: 'moderator',
    });
    expect(granted.status).toBe(201);
    // The session picks the role up within seconds (the gateway caches sessions 2 s).
    let mine = await page('/admin', { cookie: otherAuthor });
    for (let i = 0; i < 20 && mine.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      mine = await page('/admin', { cookie: otherAuthor });
    }
    expect(mine.status).toBe(200);
    const summary = await api<{ toModerate: number | null; toAnswer: number | null }>(
      '/api/proposals/staff/summary',
      otherAuthor,
    );
    expect(summary.body.toAnswer).toBeNull();
    const m = summary.body.toModerate;
    expect(mine.text).toContain(
      m === 0
        ? 'Signalements à modérer : rien à faire.'
        : `${m} ${m === 1 ? 'contenu signalé' : 'contenus signalés'} à modérer</a>`,
    );
    expect(mine.text).not.toContain('à examiner');
    expect(mine.text).not.toContain('en attente de réponse');
    // The count the petitions service gives is the admins' alone.
    expect((await api('/api/petitions/counts', otherAuthor)).status).toBe(403);
  });
});
