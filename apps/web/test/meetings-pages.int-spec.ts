/**
 * The public meetings pages over HTTP, against the real platform (spawned as
 * `npm start` runs it, mails caught at /dev/mail). The organization's
 * administrator creates a space with a meetings component through the spaces
 * API, and meetings through the meetings API; then the pages: the space links
 * to the component; its list (upcoming soonest first, past with minutes
 * marked, by type, paged, the calendar feed); a meeting's page (in person
 * with its address and OpenStreetMap link, online with its link hidden, then
 * shown to a registered person); registering with an account (code shown) and
 * cancelling after a confirmation page; registering without an account (the
 * mailed link's page changes nothing, its button confirms, then cancels);
 * the waiting list when full; a cancelled meeting's banner; a closed
 * meeting's minutes; the directory with its filters; French and English.
 */
import { startPlatform, type RunningPlatform } from './platform';
import { callApi, decodeEntities as decode, mainText, sessionOf } from './page-kit';

let platform: RunningPlatform;
let admin: string;
let lea: string;
let space: { id: string; slug: string };
let componentId: string;
let base: string;

const SLUG = 'conseil-de-quartier-nord';
const NEXT = new Date().getFullYear() + 1;
const LAST = new Date().getFullYear() - 1;
const FORM = 'application/x-www-form-urlencoded';
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

interface Page {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

async function page(
  path: string,
  init: { cookie?: string; form?: Record<string, string>; lang?: string; origin?: string } = {},
): Promise<Page> {
  const headers: Record<string, string> = { 'accept-language': init.lang ?? 'fr-FR,fr;q=0.9' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.form) {
    headers['content-type'] = FORM;
    headers.origin = init.origin ?? platform.url;
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

const api = <T>(path: string, cookie?: string, write?: { method: string; body?: unknown }) =>
  callApi<T>(platform.url, path, cookie, write);

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  for (let i = 0; i < 150; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
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
  const token = await until('the account mail', async () => {
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    const mail = box.split('<article>').find((a) => a.includes(email));
    return mail ? /\/account\/confirm\?token=([A-Za-z0-9_-]+)/.exec(mail)?.[1] : null;
  });
  expect((await page('/account/confirm', { form: { token } })).status).toBe(303);
  const signed = await page('/sign-in', { form: { email, password, returnTo: '/' } });
  expect(signed.status).toBe(303);
  return sessionOf(signed.headers);
}

/** The newest link to a registration's page in a mail to `to`. */
async function mailedRegistrationLink(to: string): Promise<string> {
  return until(`a mail to ${to}`, async () => {
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    const mail = box.split('<article>').find((a) => a.includes(to));
    const found =
      mail && /https?:\/\/[^\s<"]+\/meetings\/registration\?token=[A-Za-z0-9_-]+/.exec(mail);
    if (!found) return null;
    const url = new URL(decode(found[0]));
    return `${url.pathname}${url.search}`;
  });
}

interface Meeting {
  id: string;
  state: string;
  seats: { taken: number; waiting: number; left: number | null };
  myRegistration: { status: string; code: string | null } | null;
  online: { url: string | null } | null;
}

/** A published meeting of the component (as its organizer, the administrator). */
async function meeting(body: Record<string, unknown>): Promise<string> {
  const created = await api<{ id: string }>(
    `/api/meetings/components/${componentId}/meetings`,
    admin,
    {
      method: 'POST',
      body: {
        type: 'in_person',
        timeZone: 'Europe/Paris',
        address: '3 place de la Mairie, 69004 Lyon',
        registrationsEnabled: true,
        ...body,
      },
    },
  );
  expect(created.status).toBe(201);
  const published = await api(`/api/meetings/meetings/${created.body.id}/publish`, admin, {
    method: 'POST',
  });
  expect(published.status).toBe(200);
  return created.body.id;
}

const meetingView = (id: string, cookie?: string) =>
  api<Meeting>(`/api/meetings/meetings/${id}`, cookie).then((r) => r.body);
const path = (id: string) => `${base}/${id}`;
/** The fields of a form of the page, as a browser would send them. */
function fieldsOf(markup: string, id: string): Record<string, string> {
  const form = new RegExp(`<form\\b[^>]*id="${id}"[^>]*>([\\s\\S]*?)</form>`).exec(markup);
  if (!form) throw new Error(`No form #${id}`);
  const out: Record<string, string> = {};
  for (const m of form[1].matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(m[1])?.[1];
    const value = /value="([^"]*)"/.exec(m[1])?.[1] ?? '';
    const type = /type="([^"]*)"/.exec(m[1])?.[1] ?? 'text';
    if (!name || (type === 'checkbox' && !/\bchecked\b/.test(m[1]))) continue;
    out[name] = decode(value);
  }
  return out;
}
const actionOf = (markup: string, id: string) =>
  decode(new RegExp(`<form\\b[^>]*action="([^"]+)"[^>]*id="${id}"`).exec(markup)![1]);

/** A final action: its confirmation page first, then the same form confirmed. */
async function confirmed(action: string, form: Record<string, string>, cookie?: string) {
  const ask = await page(action, { form, cookie });
  expect(ask.status).toBe(200);
  expect(ask.text).toContain('<input type="hidden" name="confirmed" value="yes" />');
  return page(action, { form: { ...form, confirmed: 'yes' }, cookie });
}

let bike: string;
let online: string;
let soon: string;
let tiny: string;
let cancelled: string;
let past: string;
let proposal: { id: string; title: string; componentId: string; spaceId: string };

beforeAll(async () => {
  platform = await startPlatform();
  const signIn = await page('/sign-in', {
    form: { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin', returnTo: '/' },
  });
  admin = sessionOf(signIn.headers);
  const created = await api<{ id: string; slug: string }>('/api/spaces', admin, {
    method: 'POST',
    body: {
      kind: 'assembly',
      slug: SLUG,
      title: { fr: 'Conseil de quartier Nord', en: 'North district council' },
      area: { fr: 'Nord', en: 'North' },
    },
  });
  expect(created.status).toBe(201);
  space = created.body;
  expect((await api(`/api/spaces/${space.id}/publish`, admin, { method: 'POST' })).status).toBe(
    200,
  );
  const component = await api<{ id: string }>(`/api/spaces/${space.id}/components`, admin, {
    method: 'POST',
    body: { type: 'meetings', name: { fr: 'Réunions publiques', en: 'Public meetings' } },
  });
  expect(component.status).toBe(201);
  componentId = component.body.id;
  base = `/spaces/${SLUG}/meetings/${componentId}`;
  // Meetings learns of the component through spaces' event.
  await until('the meetings component', async () => {
    const r = await api(`/api/meetings/components/${componentId}/meetings`);
    return r.status === 200;
  });
  lea = await registerAndSignIn('Léa Martin');

  bike = await meeting({
    title: { fr: 'Atelier vélo', en: 'Cycling workshop' },
    description: { fr: 'Imaginons les pistes cyclables du quartier.' },
    startsAt: `${NEXT}-03-10T18:30`,
    endsAt: `${NEXT}-03-10T20:30`,
    latitude: 45.7741,
    longitude: 4.8325,
    locationHints: { fr: 'Salle 2, entrée par la cour', en: 'Room 2, through the courtyard' },
    agenda: [
      { title: { fr: 'Accueil', en: 'Welcome' }, durationMinutes: 15 },
      { title: { fr: 'Ateliers en groupes', en: 'Group workshops' }, durationMinutes: 90 },
    ],
    services: ['childcare', 'sign_language', 'accessible_venue'],
    capacity: 30,
    registrationTerms: {
      fr: 'J’accepte que mon nom figure sur la liste d’émargement.',
      en: 'I agree that my name appears on the attendance sheet.',
    },
  });
  online = await meeting({
    title: { fr: 'Webinaire budget', en: 'Budget webinar' },
    type: 'online',
    address: undefined,
    timeZone: 'America/Martinique',
    startsAt: `${NEXT}-04-02T18:00`,
    endsAt: `${NEXT}-04-02T19:00`,
    onlineUrl: 'https://visio.example.org/budget',
  });
  const inTen = new Date(Date.now() + 10 * 60_000);
  soon = await meeting({
    title: { fr: 'Point d’étape en ligne', en: 'Online progress update' },
    type: 'online',
    address: undefined,
    startsAt: inTen.toISOString(),
    endsAt: new Date(inTen.getTime() + 3_600_000).toISOString(),
    onlineUrl: 'https://visio.example.org/point',
  });
  tiny = await meeting({
    title: { fr: 'Visite de chantier', en: 'Site visit' },
    startsAt: `${NEXT}-05-20T10:00`,
    endsAt: `${NEXT}-05-20T11:00`,
    capacity: 1,
  });
  cancelled = await meeting({
    title: { fr: 'Marche exploratoire', en: 'Exploratory walk' },
    startsAt: `${NEXT}-06-01T14:00`,
    endsAt: `${NEXT}-06-01T16:00`,
  });
  expect(
    (
      await api(`/api/meetings/meetings/${cancelled}/cancel`, admin, {
        method: 'POST',
        body: {
          reason: { fr: 'La salle n’est plus disponible.', en: 'The room is no longer available.' },
        },
      })
    ).status,
  ).toBe(200);
  // A demo proposal, linked to the meeting that took place.
  const budget = await until('the demo space', async () => {
    const r = await api<{ id: string; components: { id: string; type: string }[] }>(
      `/api/spaces/budget-participatif-${new Date().getFullYear()}`,
    );
    return r.status === 200 && r.body.components.some((c) => c.type === 'proposals')
      ? r.body
      : null;
  });
  const proposalsComponent = budget.components.find((c) => c.type === 'proposals')!.id;
  const first = await until('the demo proposals', async () => {
    const r = await api<{ items: { id: string; title: string }[] }>(
      `/api/proposals/components/${proposalsComponent}/proposals?sort=newest`,
    );
    return r.status === 200 ? r.body.items[0] : null;
  });
  proposal = { ...first, componentId: proposalsComponent, spaceId: budget.id };
  past = await meeting({
    title: { fr: 'Réunion de lancement', en: 'Kick-off meeting' },
    startsAt: `${LAST}-09-15T18:00`,
    endsAt: `${LAST}-09-15T20:00`,
  });
  const closed = await api(`/api/meetings/meetings/${past}/minutes`, admin, {
    method: 'POST',
    body: {
      text: {
        fr: 'Quarante personnes ont débattu des priorités.',
        en: 'Forty people discussed the priorities.',
      },
      attendeesCount: 40,
      contributionsCount: 12,
      organizations: 'Association des habitants du Nord',
      videoUrl: 'https://video.example.org/lancement',
      photos: [
        {
          url: 'https://images.example.org/lancement.jpg',
          alt: {
            fr: 'Les habitants autour du plan du quartier',
            en: 'Residents around the district map',
          },
        },
      ],
      proposals: [{ proposalId: proposal.id, kind: 'born' }],
    },
  });
  expect(closed.status).toBe(200);
}, 240_000);

afterAll(async () => {
  await platform?.stop();
});

describe('the meetings of a component', () => {
  it('is linked from its space, lists upcoming meetings soonest first with seats, and past ones with minutes marked', async () => {
    const landing = await until('the component on the space page', async () => {
      const r = await page(`/spaces/${SLUG}`);
      return r.text.includes(`href="${base}"`) ? r : null;
    });
    expect(mainText(landing.text)).toContain('Réunions publiques');

    const list = await page(base);
    expect(list.status).toBe(200);
    const text = mainText(list.text);
    expect(text).toContain('Réunions publiques');
    // Soonest first: the one in ten minutes, then March, April, May, June.
    const order = [
      'Point d’étape en ligne',
      'Atelier vélo',
      'Webinaire budget',
      'Visite de chantier',
      'Marche exploratoire',
    ];
    const at = order.map((t) => text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('10 mars');
    expect(text).toContain('18:30 – 20:30');
    expect(text).toContain('30 places restantes');
    expect(text).toContain('Annulée');
    expect(text).not.toContain('Réunion de lancement');
    // Another zone is named; Paris's is not.
    expect(text).toMatch(/heure de America\/Martinique : /);
    expect(text).toContain('Adresse : 3 place de la Mairie, 69004 Lyon');
    expect(list.text).toContain(`href="${base}/${bike}"`);
    expect(list.text).toContain(
      `href="/api/meetings/components/${componentId}/calendar.ics?lang=fr"`,
    );
    expect(text).toContain('S’abonner au calendrier');

    const pastList = mainText((await page(`${base}?when=past`)).text);
    expect(pastList).toContain('Réunion de lancement');
    expect(pastList).toContain('Compte rendu disponible');
    expect(pastList).not.toContain('Atelier vélo');
    expect((await page(`${base}?when=past`)).text).toMatch(
      /<a href="[^"]*\?when=past" aria-current="page"/,
    );

    const onlineOnly = mainText((await page(`${base}?type=online`)).text);
    expect(onlineOnly).toContain('Webinaire budget');
    expect(onlineOnly).not.toContain('Atelier vélo');

    const en = mainText((await page(base, { lang: 'en' })).text);
    expect(en).toContain('Public meetings');
    expect(en).toContain('Cycling workshop');
    expect(en).toContain('10 March');
    expect(en).toContain('30 seats left');
    expect(en).toContain('Subscribe to the calendar');
  });

  it('pages through a long list with the API’s cursor', async () => {
    for (let i = 1; i <= 6; i++)
      await meeting({
        title: { fr: `Permanence ${i}` },
        startsAt: `${NEXT}-09-${String(i + 10).padStart(2, '0')}T09:00`,
        endsAt: `${NEXT}-09-${String(i + 10).padStart(2, '0')}T10:00`,
      });
    const first = await page(base);
    const next = /<a href="([^"]+)" rel="next">Réunions suivantes<\/a>/.exec(first.text);
    expect(next).not.toBeNull();
    const second = await page(decode(next![1]));
    expect(second.status).toBe(200);
    const text = mainText(second.text);
    expect(text).toContain('Permanence 6');
    expect(text).not.toContain('Atelier vélo');
    expect(text).toContain('Première page');
    // A cursor that is not one: the first page.
    const stale = await page(`${base}?cursor=bm90LWEtY3Vyc29y`);
    expect([stale.status, stale.location]).toEqual([303, base]);
  });
});

describe('a meeting’s page', () => {
  it('shows an in-person meeting: when, address and hints, OpenStreetMap, agenda, services, calendar; by the space’s id too', async () => {
    const r = await page(path(bike));
    expect(r.status).toBe(200);
    const text = mainText(r.text);
    expect(text).toContain('Atelier vélo');
    expect(text).toContain('Imaginons les pistes cyclables du quartier.');
    expect(text).toContain('10 mars');
    expect(text).toContain('18:30 – 20:30');
    expect(text).not.toContain('heure de Europe/Paris');
    expect(text).toContain('Adresse : 3 place de la Mairie, 69004 Lyon');
    expect(text).toContain('Salle 2, entrée par la cour');
    // No tile server configured: a link to the point on OpenStreetMap, never a broken map.
    expect(r.text).toContain(
      'href="https://www.openstreetmap.org/?mlat=45.7741&amp;mlon=4.8325#map=17/45.7741/4.8325"',
    );
    expect(r.text).not.toContain('/meetings/map/');
    expect((await page(`/meetings/map/${bike}/33198-22546`)).status).toBe(404);
    expect(text).toContain('Accueil (15 min)');
    expect(text).toContain('Ateliers en groupes (1 h 30)');
    expect(text).toContain('Garde d’enfants');
    expect(text).toContain('Interprétation en langue des signes française (LSF)');
    expect(text).toContain('Lieu accessible aux personnes à mobilité réduite');
    expect(r.text).toContain(`href="/api/meetings/meetings/${bike}/calendar.ics?lang=fr"`);
    expect(text).toContain('Ajouter à mon agenda');
    expect(text).toContain('30 places restantes sur 30');
    // The guest form (the component lets people register without an account) and the sign-in link.
    expect(r.text).toContain('id="register-form"');
    expect(r.text).toContain('id="name"');
    expect(r.text).toContain('id="email"');
    expect(r.text).toContain('id="acceptTerms"');
    expect(r.text).toContain(`href="/sign-in?returnTo=${encodeURIComponent(path(bike))}"`);
    expect(text).not.toContain('Gérer cette réunion');
    expect((await page(path(bike), { cookie: admin })).text).toContain(
      `href="/admin/meetings/${bike}"`,
    );

    // As meetings' mails and proposals' pages address it: by the space's id, sent to its slug.
    const byId = await page(`/spaces/${space.id}/meetings/${componentId}/${bike}`);
    expect([byId.status, byId.location]).toEqual([303, path(bike)]);
    expect((await page(`${base}/${space.id}`)).status).toBe(404);

    const en = mainText((await page(path(bike), { lang: 'en' })).text);
    expect(en).toContain('Cycling workshop');
    expect(en).toContain('Room 2, through the courtyard');
    expect(en).toContain('Group workshops (1 h 30 min)');
    expect(en).toContain('Childcare');
    expect(en).toContain('Add to my calendar');
    // The description was written in French only: shown in French, marked as such.
    expect(en).toContain('Imaginons les pistes cyclables du quartier.');
    expect((await page(path(bike), { lang: 'en' })).text).toContain('<div lang="fr">');
  });

  it('hides an online meeting’s link until its time, then shows it to registered people only', async () => {
    const later = mainText((await page(path(online))).text);
    expect(later).toContain('Le lien sera visible par les inscrits 30 minutes avant le début');
    expect(later).not.toContain('visio.example.org');
    expect(later).toContain('heure de America/Martinique');
    expect(mainText((await page(path(online), { lang: 'en' })).text)).toContain(
      'The link will be shown to registered people 30 minutes before the start',
    );

    // Ten minutes before: registered people see it, no one else.
    const anonymous = await page(path(soon));
    expect(mainText(anonymous.text)).toContain(
      'Le lien est visible par les personnes inscrites : inscrivez-vous pour le voir.',
    );
    expect(anonymous.text).not.toContain('visio.example.org');
    const form = await page(path(soon), { cookie: lea });
    const registered = await page(actionOf(form.text, 'register-form'), {
      cookie: lea,
      form: fieldsOf(form.text, 'register-form'),
    });
    expect(registered.status).toBe(303);
    const shown = await page(path(soon), { cookie: lea });
    expect(mainText(shown.text)).toContain('Rejoindre la réunion en ligne');
    expect(shown.text).toContain(
      `href="/leave?url=${encodeURIComponent('https://visio.example.org/point')}"`,
    );
    expect((await page(path(soon))).text).not.toContain('visio.example.org');
  });
});

describe('registering', () => {
  it('with an account: the terms to accept, then the code; cancelling asks first', async () => {
    const form = await page(path(bike), { cookie: lea });
    expect(form.text).not.toContain('id="email"');
    const action = actionOf(form.text, 'register-form');
    // A refusal comes back where the form is, also at the bottom of a phone's screen.
    expect(action).toBe(`${path(bike)}/register#registration`);

    // The terms not accepted: named next to the box, nothing saved.
    const refused = await page(action, { cookie: lea, form: fieldsOf(form.text, 'register-form') });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<a href="#acceptTerms">');
    expect(mainText(refused.text)).toContain(
      'Cochez la case pour accepter les conditions d’inscription.',
    );
    expect((await meetingView(bike, lea)).myRegistration).toBeNull();

    const done = await page(action, {
      cookie: lea,
      form: { ...fieldsOf(form.text, 'register-form'), acceptTerms: 'true' },
    });
    expect([done.status, done.location]).toEqual([
      303,
      `${path(bike)}?done=registered#registration`,
    ]);
    const after = await page(done.location!, { cookie: lea });
    const { code } = (await meetingView(bike, lea)).myRegistration!;
    expect(code).toMatch(/^[A-Z0-9]{6,10}$/);
    const text = mainText(after.text);
    expect(text).toContain('Votre inscription est confirmée.');
    expect(text).toContain(`Votre code, à présenter à l’entrée : ${code}`);
    expect(text).toContain('29 places restantes sur 30');
    expect(mainText((await page(path(bike), { cookie: lea, lang: 'en' })).text)).toContain(
      `Your code, to show at the entrance: ${code}`,
    );

    // Cancelling: a page of its own asks first.
    const cancel = actionOf(after.text, 'cancel-form');
    const ask = await page(cancel, { cookie: lea, form: {} });
    expect(mainText(ask.text)).toContain('Annuler votre inscription à « Atelier vélo » ?');
    expect((await meetingView(bike, lea)).myRegistration).not.toBeNull();
    const gone = await confirmed(cancel, {}, lea);
    expect([gone.status, gone.location]).toEqual([
      303,
      `${path(bike)}?done=cancelled#registration`,
    ]);
    expect((await meetingView(bike, lea)).myRegistration).toBeNull();
    const again = await page(gone.location!, { cookie: lea });
    expect(mainText(again.text)).toContain('Votre inscription est annulée.');
    // Twice: the page says there is nothing to cancel.
    const twice = await page(cancel, { cookie: lea, form: { confirmed: 'yes' } });
    expect(twice.status).toBe(404);
    expect(mainText(twice.text)).toContain('Vous n’avez pas d’inscription à cette réunion.');
  });

  it('without an account: name and address, a mailed link whose page changes nothing until its button confirms', async () => {
    const form = await page(path(bike));
    const action = actionOf(form.text, 'register-form');
    const empty = await page(action, { form: { name: '', email: 'not-an-address' } });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#name">');
    expect(empty.text).toContain('<a href="#email">');
    expect(mainText(empty.text)).toContain('Saisissez une adresse électronique valide');

    const email = `camille.${Date.now()}@example.org`;
    const sent = await page(action, {
      form: { name: 'Camille Durand', email, acceptTerms: 'true' },
    });
    expect([sent.status, sent.location]).toEqual([
      303,
      `${path(bike)}?done=checkMail#registration`,
    ]);
    expect(mainText((await page(sent.location!)).text)).toContain(
      'Presque fini : ouvrez le lien envoyé à votre adresse électronique',
    );

    const link = await mailedRegistrationLink(email);
    expect(link).toMatch(/^\/meetings\/registration\?token=/);
    const token = new URL(link, platform.url).searchParams.get('token')!;
    // Opening the link (as a mail scanner does) changes nothing.
    const landing = await page(link);
    expect(landing.status).toBe(200);
    expect(landing.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(mainText(landing.text)).toContain(
      'Votre inscription attend la confirmation de votre adresse électronique.',
    );
    expect(mainText(landing.text)).toContain('Atelier vélo');
    expect((await page(link)).text).toContain('Confirmer mon inscription');
    const still = await api<{ registration: { status: string } }>(
      `/api/meetings/registrations/by-token?token=${token}`,
    );
    expect(still.body.registration.status).toBe('pending');

    const confirm = await page(actionOf(landing.text, 'confirm-form'), {
      form: fieldsOf(landing.text, 'confirm-form'),
    });
    expect([confirm.status, confirm.location]).toEqual([
      303,
      `/meetings/registration?token=${token}&done=confirmed`,
    ]);
    const confirmedPage = await page(confirm.location!);
    const code = /<strong class="receipt">([A-Z0-9]+)<\/strong>/.exec(confirmedPage.text)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{6,10}$/);
    expect(mainText(confirmedPage.text)).toContain('Merci, votre adresse est confirmée.');
    expect(mainText(confirmedPage.text)).toContain('Vous êtes inscrit·e à cette réunion.');
    expect(mainText((await page(link, { lang: 'en' })).text)).toContain(
      `Your code, to show at the entrance: ${code}`,
    );

    // Cancelling from the link: asked first, then the page says so.
    const cancel = actionOf(confirmedPage.text, 'cancel-form');
    const gone = await confirmed(cancel, fieldsOf(confirmedPage.text, 'cancel-form'));
    expect([gone.status, gone.location]).toEqual([
      303,
      `/meetings/registration?token=${token}&done=cancelled`,
    ]);
    const ended = mainText((await page(gone.location!)).text);
    expect(ended).toContain('Cette inscription est annulée.');
    expect(ended).not.toContain('Confirmer mon inscription');
    // Confirming a cancelled registration: said in words.
    const late = await page('/meetings/registration/confirm', { form: { token } });
    expect(late.status).toBe(409);
    expect(mainText(late.text)).toContain('Cette inscription est déjà annulée.');

    const unknown = await page('/meetings/registration?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(mainText(unknown.text)).toContain('Lien inconnu');
    expect((await page('/meetings/registration')).status).toBe(404);
    expect(mainText((await page('/meetings/registration?token=x', { lang: 'en' })).text)).toContain(
      'Unknown link',
    );
  });

  it('puts the next person on the waiting list when the meeting is full', async () => {
    const first = await page(path(tiny), { cookie: lea });
    expect(
      (
        await page(actionOf(first.text, 'register-form'), {
          cookie: lea,
          form: fieldsOf(first.text, 'register-form'),
        })
      ).status,
    ).toBe(303);
    const full = await page(path(tiny));
    expect(mainText(full.text)).toContain('Complet — liste d’attente');
    expect(mainText(full.text)).toContain('S’inscrire sur la liste d’attente');
    expect(mainText((await page(base)).text)).toContain('Complet — liste d’attente');

    const form = await page(path(tiny), { cookie: admin });
    const waiting = await page(actionOf(form.text, 'register-form'), {
      cookie: admin,
      form: fieldsOf(form.text, 'register-form'),
    });
    expect([waiting.status, waiting.location]).toEqual([
      303,
      `${path(tiny)}?done=waiting#registration`,
    ]);
    const text = mainText((await page(waiting.location!, { cookie: admin })).text);
    expect(text).toContain('Vous êtes sur la liste d’attente.');
    expect(text).toContain('Position : 1.');
    expect(text).toContain('1 personne en liste d’attente.');

    // Léa leaves: the administrator gets the seat and a code.
    const mine = await page(path(tiny), { cookie: lea });
    await confirmed(actionOf(mine.text, 'cancel-form'), {}, lea);
    const seated = mainText((await page(path(tiny), { cookie: admin })).text);
    expect(seated).toContain('Vous êtes inscrit·e à cette réunion.');
    expect(seated).toMatch(/Votre code, à présenter à l’entrée : [A-Z0-9]+/);

    // Without a waiting list, a full meeting says so instead of a form.
    await api(`/api/meetings/meetings/${tiny}`, admin, {
      method: 'PATCH',
      body: { waitingListEnabled: false },
    });
    const closed = await page(path(tiny));
    expect(mainText(closed.text)).toContain(
      'Cette réunion est complète et n’a pas de liste d’attente.',
    );
    expect(closed.text).not.toContain('id="register-form"');
  });

  it('refuses a post from another site', async () => {
    const r = await page(`${path(bike)}/register`, {
      origin: 'https://evil.example',
      form: { name: 'Eve', email: 'eve@example.org', acceptTerms: 'true' },
    });
    expect(r.status).toBe(403);
  });
});

describe('meetings that will not take place, and that took place', () => {
  it('says a cancelled meeting is cancelled, with the reason, and offers no registration', async () => {
    const r = await page(path(cancelled));
    const text = mainText(r.text);
    expect(text).toContain('Cette réunion est annulée.');
    expect(text).toContain('La salle n’est plus disponible.');
    expect(r.text).not.toContain('id="register-form"');
    expect(mainText((await page(path(cancelled), { lang: 'en' })).text)).toContain(
      'This meeting is cancelled. Announced on',
    );
  });

  it('shows a closed meeting’s minutes: text, numbers, links, photos with their text, proposals', async () => {
    const r = await page(path(past));
    const text = mainText(r.text);
    expect(text).toContain('Compte rendu');
    expect(text).toContain('Quarante personnes ont débattu des priorités.');
    expect(text).toContain('40 participants');
    expect(text).toContain('12 contributions');
    expect(text).toContain('Organisations présentes : Association des habitants du Nord');
    expect(r.text).toContain(
      `href="/leave?url=${encodeURIComponent('https://video.example.org/lancement')}"`,
    );
    const img = /<img\s+src="([^"]+)"\s+alt="([^"]*)"/.exec(r.text);
    expect(img?.[1]).toMatch(new RegExp(`^${path(past)}/photos/image-[0-9a-f]{12}$`));
    expect(decode(img![2])).toBe('Les habitants autour du plan du quartier');
    expect(text).toContain('Propositions nées lors de cette réunion');
    // A proposal of another space: addressed by that space's id, which its pages take as a slug.
    const href = `/spaces/${proposal.spaceId}/proposals/${proposal.componentId}/${proposal.id}`;
    expect(r.text).toContain(`href="${href}">${proposal.title}</a>`);
    expect((await page(href)).status).toBe(200);
    expect(r.text).not.toContain('id="register-form"');
    const en = mainText((await page(path(past), { lang: 'en' })).text);
    expect(en).toContain('Forty people discussed the priorities.');
    expect(en).toContain('40 attendees');
    expect(en).toContain('Proposals born in this meeting');
  });
});

describe('the directory of meetings', () => {
  it('lists the organization’s upcoming meetings with their space, filtered by type, space, area and date', async () => {
    const r = await page('/meetings');
    expect(r.status).toBe(200);
    const text = mainText(r.text);
    expect(text).toContain('Atelier vélo');
    expect(text).toContain('Espace : Conseil de quartier Nord');
    expect(r.text).toContain(`href="${path(bike)}"`);
    expect(r.text).toContain('href="/api/meetings/calendar.ics?lang=fr"');
    // The main navigation and the home page lead here.
    expect(r.text).toMatch(/<a href="\/meetings" aria-current="page">Réunions<\/a>/);
    const home = await page('/');
    expect(home.text).toContain('href="/meetings"');
    expect(mainText(home.text)).toContain('Réunions à venir');

    const online = mainText((await page('/meetings?type=online')).text);
    expect(online).toContain('Webinaire budget');
    expect(online).not.toContain('Atelier vélo');
    const bySpace = await page(`/meetings?space=${space.id}`);
    expect(bySpace.text).toMatch(new RegExp(`<option value="${space.id}"\\s+selected`));
    expect(mainText(bySpace.text)).toContain('Atelier vélo');
    expect(mainText((await page('/meetings?area=nord')).text)).toContain('Atelier vélo');
    expect(mainText((await page('/meetings?area=Sud')).text)).toContain(
      'Aucune réunion à venir pour le moment.',
    );
    const april = mainText((await page(`/meetings?from=01/04/${NEXT}&to=30/04/${NEXT}`)).text);
    expect(april).toContain('Webinaire budget');
    expect(april).not.toContain('Atelier vélo');
    const bad = await page('/meetings?from=demain');
    expect(bad.text).toContain('<a href="#from">');
    expect(mainText(bad.text)).toContain('Saisissez une date, par exemple 15/01/2027.');

    const past = mainText((await page('/meetings?when=past')).text);
    expect(past).toContain('Réunion de lancement');
    expect(past).toContain('Compte rendu disponible');

    const en = mainText((await page('/meetings', { lang: 'en' })).text);
    expect(en).toContain('Cycling workshop');
    expect(en).toContain('Space: North district council');
    expect(en).toContain('Subscribe to the calendar');
  });
});

describe('a component that takes registrations from accounts only', () => {
  it('offers to sign in instead of the guest form, and says why a guest’s post is refused', async () => {
    const changed = await api(`/api/spaces/${space.id}/components/${componentId}`, admin, {
      method: 'PATCH',
      body: { settings: { guest_registrations: false } },
    });
    expect(changed.status).toBe(200);
    const r = await until('the setting in meetings', async () => {
      const p = await page(path(bike));
      return p.text.includes('id="register-form"') ? null : p;
    });
    const text = mainText(r.text);
    expect(text).toContain('Pour s’inscrire à cette réunion, connectez-vous à votre compte.');
    expect(r.text).toContain(
      `<a class="button" href="/sign-in?returnTo=${encodeURIComponent(path(bike))}">Se connecter pour s’inscrire</a>`,
    );
    // A form posted anyway (an old page): refused in words, with the way to sign in.
    const refused = await page(`${path(bike)}/register`, {
      form: { name: 'Eve', email: 'eve@example.org', acceptTerms: 'true' },
    });
    expect(refused.status).toBe(409);
    expect(mainText(refused.text)).toContain(
      'Pour s’inscrire à cette réunion, connectez-vous à votre compte.',
    );
    // An account still registers.
    const form = await page(path(bike), { cookie: lea });
    expect(form.text).toContain('id="register-form"');
  });
});
