/**
 * The organizers' meetings pages over HTTP, against the real platform
 * (spawned as `npm start` runs it, mails caught at /dev/mail). An
 * organization admin creates a space with a meetings component through the
 * spaces API, then, through the site's forms: creates a meeting (its
 * refusals next to their fields: an end before the start, an http link),
 * publishes it (asked first), edits it (prefilled in its zone; registrants
 * told what changed, and only that), sees the registrations of an account
 * and of a guest who confirmed from the mail, downloads them as CSV, checks
 * codes at the door (valid, already present, unknown), marks attendance,
 * registers someone, cancels with a reason (asked first), closes a meeting
 * that has started with its minutes, and deletes a draft.
 */
import { DateTime } from 'luxon';
import { withFields, type FormFields } from './html-forms';
import { startPlatform, type RunningPlatform } from './platform';
import {
  browserFormFields,
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

const formFields = browserFormFields;
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

/** A final action's confirmation page: its question, then the fields it posts again. */
function expectConfirmation(r: { status: number; text: string }, title: string, final: string) {
  expect(r.status).toBe(200);
  expect(decode(r.text)).toContain(`<h1>${title}</h1>`);
  expect(textOf(r.text)).toContain(`Cela ne pourra pas être défait : ${final}`);
  expect(r.text).toContain('<input type="hidden" name="confirmed" value="yes" />');
  const form = /<form method="post"[\s\S]*?<\/form>/.exec(r.text)![0];
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g))
    fields[m[1]] = decode(m[2]);
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

/** The mails of the local mail box to `to`, newest first, as text. */
async function mailsTo(to: string): Promise<string[]> {
  const box = await (await fetch(`${platform.url}/dev/mail`)).text();
  return box
    .split('<article>')
    .slice(1)
    .filter((a) => a.includes(to))
    .map((a) => decode(a.replace(/<[^>]+>/g, ' ')));
}

/** The wall-clock time `days` from now at `time`, in Paris, as a `datetime-local` sends it. */
const wallClock = (days: number, time: string) =>
  `${DateTime.now().setZone(ZONE).plus({ days }).toFormat('yyyy-LL-dd')}T${time}`;
const instant = (wall: string) => DateTime.fromISO(wall, { zone: ZONE }).toUTC().toISO();

interface Meeting {
  id: string;
  state: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  version: number;
  title: { fr?: string; en?: string };
  agenda: { title: { fr?: string; en?: string }; durationMinutes: number }[];
  services: string[];
  online: { url: string | null; visibility: string } | null;
  seats: { capacity: number | null; taken: number; waiting: number };
  cancelReason: { fr?: string; en?: string };
  minutes: { text: { fr?: string }; attendeesCount: number; contributionsCount: number } | null;
  proposals: { proposalId: string; kind: string }[];
  photos: { url: string; alt: { fr?: string } }[];
}
interface Registration {
  id: string;
  name: string | null;
  email: string | null;
  withAccount: boolean;
  status: string;
  code: string | null;
  attendedAt: string | null;
}

const meeting = async (id: string) =>
  (await api<Meeting>(`/api/meetings/meetings/${id}`, admin)).body;
const registrations = async (id: string) =>
  (
    await api<{ items: Registration[]; attended: number }>(
      `/api/meetings/meetings/${id}/registrations`,
      admin,
    )
  ).body;

/** The meeting form as the new-meeting page shows it, filled in. */
async function newMeetingForm(changes: Record<string, string | string[] | null>) {
  const r = await page(`/admin/meetings/components/${componentId}/new`, { cookie: admin });
  expect(r.status).toBe(200);
  return withFields(formFields(r.text, 'meeting-form'), changes);
}

/** Creates a meeting through the form; its id. */
async function createMeeting(changes: Record<string, string | string[] | null>) {
  const r = await page(`/admin/meetings/components/${componentId}/new`, {
    cookie: admin,
    form: await newMeetingForm(changes),
  });
  if (r.status !== 303)
    throw new Error(
      `Not created: ${textOf(/error-summary[\s\S]*?<\/div>/.exec(r.text)?.[0] ?? r.text)}`,
    );
  expect(r.location).toMatch(/^\/admin\/meetings\/[0-9a-f-]{36}\?done=created$/);
  return /\/admin\/meetings\/([0-9a-f-]{36})/.exec(r.location!)![1];
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
      slug: 'assemblee-des-quartiers',
      title: { fr: 'Assemblée des quartiers', en: 'Assembly of the districts' },
    },
  });
  expect(space.status).toBe(201);
  spaceId = space.body.id;
  const component = await api<{ id: string }>(`/api/spaces/${spaceId}/components`, admin, {
    method: 'POST',
    body: { type: 'meetings', name: { fr: 'Réunions publiques', en: 'Public meetings' } },
  });
  expect(component.status).toBe(201);
  componentId = component.body.id;
  expect((await api(`/api/spaces/${spaceId}/publish`, admin, { method: 'POST' })).status).toBe(200);
  // The meetings service learns the component from spaces' event.
  await until('the meetings service to know the component', async () => {
    const r = await api(`/api/meetings/components/${componentId}/meetings`, admin);
    return r.status === 200;
  });
}, 180_000);

afterAll(async () => {
  if (process.env.PRINT_PLATFORM) console.log(platform?.output());
  await platform?.stop();
});

describe('the organizers’ meetings pages', () => {
  let meetingId: string;
  let startsAt: string;
  const guestEmail = `camille.${Date.now()}@example.org`;
  let guestCode: string;
  let accountCode: string;

  it('links the space’s meetings component to its meetings, listed by drafts, upcoming and past', async () => {
    const space = await page(`/admin/spaces/${spaceId}`, { cookie: admin });
    expect(space.text).toContain(`href="/admin/meetings/components/${componentId}"`);
    expect(textOf(space.text)).toContain('Gérer les réunions : Réunions publiques');
    const list = await page(`/admin/meetings/components/${componentId}`, { cookie: admin });
    expect(list.status).toBe(200);
    const text = textOf(list.text);
    expect(text).toContain('Réunions : Réunions publiques');
    expect(text).toContain('Aucun brouillon.');
    expect(text).toContain('Aucune réunion à venir.');
    expect(list.text).toContain(`href="/admin/meetings/components/${componentId}/new"`);
    const english = await page(`/admin/meetings/components/${componentId}`, {
      cookie: admin,
      lang: 'en',
    });
    expect(textOf(english.text)).toContain('Meetings: Public meetings');
    expect(textOf(english.text)).toContain('New meeting');
    // Without an account: the sign-in page, and back here.
    const visitor = await page(`/admin/meetings/components/${componentId}`);
    expect([visitor.status, visitor.location]).toEqual([
      303,
      `/sign-in?returnTo=${encodeURIComponent(`/admin/meetings/components/${componentId}`)}`,
    ]);
  });

  it('refuses a meeting that ends before it starts, and an online link that is not https, next to their fields', async () => {
    startsAt = wallClock(3, '18:30');
    const bad = await page(`/admin/meetings/components/${componentId}/new`, {
      cookie: admin,
      form: await newMeetingForm({
        'title-fr': 'Atelier vélo du quartier Nord',
        type: 'hybrid',
        startsAt,
        endsAt: wallClock(3, '17:00'),
        address: '12 rue de la République, Lyon',
        onlineUrl: 'http://visio.example.org/atelier',
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Le formulaire contient 2 erreur(s) :');
    expectFieldError(bad.text, 'endsAt', 'La fin doit venir après le début.');
    expectFieldError(bad.text, 'onlineUrl', 'https://');
    // What was typed is kept.
    expect(bad.text).toContain('value="Atelier vélo du quartier Nord"');
    expect(bad.text).toContain(`value="${startsAt}"`);
    // A cross-site post is refused, the form shown again.
    const crossSite = await page(`/admin/meetings/components/${componentId}/new`, {
      cookie: admin,
      origin: 'https://evil.example',
      form: await newMeetingForm({ 'title-fr': 'X', startsAt, endsAt: wallClock(3, '20:30') }),
    });
    expect(crossSite.status).toBe(403);
  });

  it('creates a draft with its times in its zone, its agenda rows (empty ones ignored) and services', async () => {
    meetingId = await createMeeting({
      'title-fr': 'Atelier vélo du quartier Nord',
      'title-en': 'North district cycling workshop',
      'description-fr': 'Venez imaginer les pistes cyclables de demain.',
      type: 'hybrid',
      startsAt,
      endsAt: wallClock(3, '20:30'),
      address: '12 rue de la République, 69002 Lyon',
      'locationHints-fr': 'Salle 2, premier étage',
      latitude: '45,764',
      longitude: '4,8357',
      onlineUrl: 'https://visio.example.org/atelier',
      'agenda-0-title-fr': 'Accueil',
      'agenda-0-title-en': 'Welcome',
      'agenda-0-duration': '15',
      'agenda-2-title-fr': 'Ateliers en groupes',
      'agenda-2-duration': '90',
      services: ['childcare', 'accessible_venue'],
      capacity: '20',
      'registrationTerms-fr': 'J’accepte que mon nom figure sur la liste d’émargement.',
      'photo-0-url': 'https://images.example.org/atelier.jpg',
      'photo-0-alt-fr': 'La salle du quartier Nord',
    });
    const done = await page(`/admin/meetings/${meetingId}?done=created`, { cookie: admin });
    expect(textOf(done.text)).toContain('Le brouillon est enregistré.');
    expect(textOf(done.text)).toContain('Brouillon');
    const m = await meeting(meetingId);
    expect(m.state).toBe('draft');
    expect([m.startsAt, m.endsAt, m.timeZone]).toEqual([
      instant(startsAt),
      instant(wallClock(3, '20:30')),
      ZONE,
    ]);
    expect(m.agenda.map((a) => [a.title.fr, a.durationMinutes])).toEqual([
      ['Accueil', 15],
      ['Ateliers en groupes', 90],
    ]);
    expect(m.services).toEqual(['childcare', 'accessible_venue']);
    expect(m.online).toMatchObject({
      url: 'https://visio.example.org/atelier',
      visibility: 'registered',
    });
    expect(m.photos).toEqual([
      { url: 'https://images.example.org/atelier.jpg', alt: { fr: 'La salle du quartier Nord' } },
    ]);
    const list = textOf(
      (await page(`/admin/meetings/components/${componentId}`, { cookie: admin })).text,
    );
    expect(list).toMatch(
      /Brouillons Brouillons — Réunions publiques .* Atelier vélo du quartier Nord Brouillon/,
    );
    // Minutes wait for the meeting to start.
    expect(textOf(done.text)).not.toContain('Vous pourrez publier le compte rendu');
  });

  it('publishes the draft, asked first', async () => {
    const r = await confirmed(
      `/admin/meetings/${meetingId}/publish`,
      {},
      'Publier la réunion « Atelier vélo du quartier Nord » ?',
      'une réunion publiée ne redevient pas un brouillon',
    );
    expect([r.status, r.location]).toEqual([303, `/admin/meetings/${meetingId}?done=published`]);
    expect((await meeting(meetingId)).state).toBe('published');
    const manage = textOf((await page(r.location!, { cookie: admin })).text);
    expect(manage).toContain('La réunion est publiée.');
    expect(manage).toContain('Vous pourrez publier le compte rendu une fois la réunion commencée');
    expect(manage).toContain('Annuler la réunion');
  });

  it('shows the registrations of an account and of a guest who confirmed from the mail', async () => {
    const mine = await api<{ registration: { status: string; code: string } }>(
      `/api/meetings/meetings/${meetingId}/registrations`,
      admin,
      { method: 'POST', body: { acceptTerms: true } },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.registration.status).toBe('confirmed');
    accountCode = mine.body.registration.code;
    const guest = await api<{ confirmationMailSent: boolean }>(
      `/api/meetings/meetings/${meetingId}/registrations`,
      undefined,
      { method: 'POST', body: { name: 'Camille Martin', email: guestEmail, acceptTerms: true } },
    );
    expect([guest.status, guest.body.confirmationMailSent]).toEqual([200, true]);
    const token = await until('the confirmation mail', async () => {
      const mail = (await mailsTo(guestEmail)).find((m) => m.includes('Confirmez'));
      return mail && /\/meetings\/registration\?token=([A-Za-z0-9_-]+)/.exec(mail)?.[1];
    });
    const confirmedGuest = await api<{ registration: { status: string; code: string } }>(
      '/api/meetings/registrations/confirm',
      undefined,
      { method: 'POST', body: { token } },
    );
    expect(confirmedGuest.body.registration.status).toBe('confirmed');
    guestCode = confirmedGuest.body.registration.code;

    const r = await page(`/admin/meetings/${meetingId}/registrations`, { cookie: admin });
    expect(r.status).toBe(200);
    const text = textOf(r.text);
    expect(text).toContain('2 place(s) prise(s) sur 20 (0 réservée(s), 18 libre(s))');
    expect(text).toContain('0 personne présente');
    expect(r.text).toContain('<table class="stacked" role="table">');
    expect(text).toContain(`Camille Martin ${guestEmail} Non Inscrit ${guestCode}`);
    expect(text).toContain(accountCode);
    expect(r.text).toContain(`href="/admin/meetings/${meetingId}/registrations.csv"`);
  });

  it('downloads the registrations as CSV, through the site, as the signed-in organizer', async () => {
    const r = await page(`/admin/meetings/${meetingId}/registrations.csv`, { cookie: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="registrations-${meetingId}.csv"`,
    );
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    const lines = r.text
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'name,email,with_account,status,code,waiting_position,registered_at,confirmed_at,attended_at',
    );
    expect(
      lines.some((l) => l.startsWith(`Camille Martin,${guestEmail},no,confirmed,${guestCode}`)),
    ).toBe(true);
    expect(lines).toHaveLength(3);
    const visitor = await page(`/admin/meetings/${meetingId}/registrations.csv`);
    expect(visitor.status).toBe(303);
  });

  it('edits the published meeting prefilled in its zone; registrants are told what changed, and only that', async () => {
    const form = await page(`/admin/meetings/${meetingId}/edit`, { cookie: admin });
    expect(form.status).toBe(200);
    expect(textOf(form.text)).toContain('les inscrits seront prévenus des changements');
    expect(form.text).toMatch(
      new RegExp(
        `id="startsAt"\\s+name="startsAt"\\s+type="datetime-local"\\s+value="${startsAt}"`,
      ),
    );
    const fields = formFields(form.text, 'meeting-form');
    expect(fields['agenda-1-title-fr']).toBe('Ateliers en groupes');
    expect(fields.services).toEqual(['childcare', 'accessible_venue']);
    // What only the service knows is said next to its field too: fewer seats than registrants hold.
    const tooFew = await page(`/admin/meetings/${meetingId}/edit`, {
      cookie: admin,
      form: withFields(fields, { capacity: '1' }),
    });
    expect(tooFew.status).toBe(400);
    expectFieldError(tooFew.text, 'capacity', 'La valeur doit être au moins 2.');

    const before = (await meeting(meetingId)).version;
    const later = wallClock(3, '21:00');
    const saved = await page(`/admin/meetings/${meetingId}/edit`, {
      cookie: admin,
      form: withFields(fields, {
        endsAt: later,
        'description-en': 'Come and imagine tomorrow’s cycle lanes.',
      }),
    });
    expect([saved.status, saved.location]).toEqual([
      303,
      `/admin/meetings/${meetingId}?done=saved`,
    ]);
    const m = await meeting(meetingId);
    expect(m.endsAt).toBe(instant(later));
    expect(m.version).toBe(before + 1);
    const news = await until('the change mail', async () =>
      (await mailsTo(guestEmail)).find((x) => x.includes('La réunion a changé')),
    );
    expect(news).toContain('a changé (la date ou l’horaire)');

    // Saved again as it is: nothing registrants rely on changed, nobody is told.
    const again = await page(`/admin/meetings/${meetingId}/edit`, { cookie: admin });
    const unchanged = await page(`/admin/meetings/${meetingId}/edit`, {
      cookie: admin,
      form: formFields(again.text, 'meeting-form'),
    });
    expect(unchanged.status).toBe(303);
    expect((await meeting(meetingId)).version).toBe(before + 1);
  });

  it('checks codes at the door: valid, already present, unknown', async () => {
    const path = `/admin/meetings/${meetingId}/registrations/check`;
    const typed = `${guestCode.slice(0, 4).toLowerCase()} ${guestCode.slice(4)}`;
    const welcome = await page(path, { cookie: admin, form: { code: typed } });
    expect(welcome.status).toBe(303);
    expect(welcome.location).toMatch(/\?door=welcome&r=[0-9a-f-]{36}#door$/);
    expect(textOf((await page(welcome.location!, { cookie: admin })).text)).toContain(
      'Code valide : Camille Martin est inscrit·e. Sa présence est enregistrée.',
    );
    const already = await page(path, { cookie: admin, form: { code: guestCode } });
    expect(already.location).toMatch(/\?door=already&r=/);
    expect(textOf((await page(already.location!, { cookie: admin })).text)).toContain(
      'Déjà présent·e : Camille Martin a été enregistré·e à l’entrée le',
    );
    const unknown = await page(path, { cookie: admin, form: { code: 'ZZZZ9999' } });
    expect(unknown.location).toMatch(/\?door=unknown&code=ZZZZ9999#door$/);
    const unknownPage = await page(unknown.location!, { cookie: admin });
    expect(textOf(unknownPage.text)).toContain('Code inconnu : ZZZZ9999');
    expect(unknownPage.text).toContain('role="alert" id="door-result"');
    const empty = await page(path, { cookie: admin, form: { code: '' } });
    expect(empty.status).toBe(400);
    expectFieldError(empty.text, 'code', 'Saisissez le code');
    expect((await registrations(meetingId)).attended).toBe(1);
  });

  it('marks attendance present and absent from the list', async () => {
    const list = await registrations(meetingId);
    const account = list.items.find((r) => r.withAccount)!;
    const guest = list.items.find((r) => !r.withAccount)!;
    const present = await page(
      `/admin/meetings/${meetingId}/registrations/${account.id}/attendance`,
      { cookie: admin, form: { attended: 'true' } },
    );
    expect([present.status, present.location]).toEqual([
      303,
      `/admin/meetings/${meetingId}/registrations?done=attendance#r-${account.id}`,
    ]);
    const absent = await page(`/admin/meetings/${meetingId}/registrations/${guest.id}/attendance`, {
      cookie: admin,
      form: { attended: 'false' },
    });
    expect(absent.status).toBe(303);
    const after = await registrations(meetingId);
    expect(after.items.find((r) => r.id === account.id)!.attendedAt).not.toBeNull();
    expect(after.items.find((r) => r.id === guest.id)!.attendedAt).toBeNull();
    const text = textOf((await page(absent.location!, { cookie: admin })).text);
    expect(text).toContain('La présence est enregistrée.');
    expect(text).toContain('1 personne présente');
    expect(text).toContain('Marquer absent·e : ');
    expect(text).toContain('Marquer présent·e : Camille Martin');
  });

  it('registers someone by name and email', async () => {
    const path = `/admin/meetings/${meetingId}/registrations/invitations`;
    const bad = await page(path, {
      cookie: admin,
      form: { 'invite-name': 'Dominique Petit', 'invite-email': 'pas-une-adresse' },
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'invite-email', 'adresse e-mail valide');
    const email = `dominique.${Date.now()}@example.org`;
    const ok = await page(path, {
      cookie: admin,
      form: { 'invite-name': 'Dominique Petit', 'invite-email': email },
    });
    expect([ok.status, ok.location]).toEqual([
      303,
      `/admin/meetings/${meetingId}/registrations?done=invited#list`,
    ]);
    expect(textOf((await page(ok.location!, { cookie: admin })).text)).toContain(
      `Dominique Petit ${email} Non Inscrit`,
    );
    await until('the invited person’s code', async () =>
      (await mailsTo(email)).find((m) => m.includes('Inscription confirmée')),
    );
  });

  it('cancels the meeting with a reason, asked first; registrants are told why', async () => {
    const path = `/admin/meetings/${meetingId}/cancel`;
    const noReason = await page(path, { cookie: admin, form: {} });
    expect(noReason.status).toBe(400);
    expectFieldError(noReason.text, 'cancelReason-fr', 'Expliquez pourquoi');
    const r = await confirmed(
      path,
      { 'cancelReason-fr': 'La salle n’est plus disponible.', 'cancelReason-en': '' },
      'Annuler la réunion « Atelier vélo du quartier Nord » ?',
      'une réunion annulée ne peut plus être modifiée',
    );
    expect([r.status, r.location]).toEqual([303, `/admin/meetings/${meetingId}?done=cancelled`]);
    const m = await meeting(meetingId);
    expect([m.state, m.cancelReason]).toEqual([
      'cancelled',
      { fr: 'La salle n’est plus disponible.' },
    ]);
    const manage = textOf((await page(r.location!, { cookie: admin })).text);
    expect(manage).toContain('La réunion est annulée ; les inscrits en sont prévenus.');
    expect(manage).toContain('La salle n’est plus disponible.');
    expect(manage).not.toContain('Modifier');
    const mail = await until('the cancellation mail', async () =>
      (await mailsTo(guestEmail)).find((x) => x.includes('Réunion annulée')),
    );
    expect(mail).toContain('La salle n’est plus disponible.');
    // The edit form of a meeting called off leads back to its page.
    const edit = await page(`/admin/meetings/${meetingId}/edit`, { cookie: admin });
    expect([edit.status, edit.location]).toEqual([303, `/admin/meetings/${meetingId}`]);
  });

  it('closes a meeting that has started with its minutes, linked proposals and photos', async () => {
    const id = await createMeeting({
      'title-fr': 'Conseil de quartier de mars',
      type: 'in_person',
      startsAt: wallClock(-1, '18:00'),
      endsAt: wallClock(-1, '20:00'),
      address: 'Mairie de quartier, 1 place Sathonay, Lyon',
    });
    await confirmed(
      `/admin/meetings/${id}/publish`,
      {},
      'Publier la réunion « Conseil de quartier de mars » ?',
      'une réunion publiée',
    );
    const manage = await page(`/admin/meetings/${id}`, { cookie: admin });
    expect(textOf(manage.text)).toContain('Clore la réunion avec son compte rendu');
    const fields = formFields(manage.text, 'minutes-form');
    expect(fields.attendeesCount).toBe('0');
    const path = `/admin/meetings/${id}/minutes`;
    const bad = await page(path, {
      cookie: admin,
      form: withFields(fields, { bornProposals: 'pas une proposition', videoUrl: 'ftp://x' }),
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'minutes-fr', 'Rédigez le compte rendu');
    expectFieldError(bad.text, 'bornProposals', 'Ligne 1');
    expectFieldError(bad.text, 'videoUrl', 'https://');
    const born = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const linked = '1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const ok = await page(path, {
      cookie: admin,
      form: withFields(fields, {
        'minutes-fr': 'Trente personnes ont proposé douze itinéraires.',
        attendeesCount: '30',
        contributionsCount: '12',
        organizations: 'Association Vélo Lyon',
        bornProposals: `${platform.url}/spaces/x/proposals/y/${born}`,
        linkedProposals: linked,
        'photo-0-url': 'https://images.example.org/conseil.jpg',
        'photo-0-alt-fr': 'Les habitants autour de la carte',
      }),
    });
    expect([ok.status, ok.location]).toEqual([303, `/admin/meetings/${id}?done=closed#minutes`]);
    const m = await meeting(id);
    expect(m.minutes).toMatchObject({
      text: { fr: 'Trente personnes ont proposé douze itinéraires.' },
      attendeesCount: 30,
      contributionsCount: 12,
    });
    expect(m.proposals).toEqual([
      { proposalId: born, kind: 'born' },
      { proposalId: linked, kind: 'linked' },
    ]);
    expect(m.photos).toEqual([
      {
        url: 'https://images.example.org/conseil.jpg',
        alt: { fr: 'Les habitants autour de la carte' },
      },
    ]);
    const closed = await page(ok.location!, { cookie: admin });
    const text = textOf(closed.text);
    expect(text).toContain('Le compte rendu est publié.');
    expect(text).toContain('30 participant(s), 12 contribution(s).');
    expect(text).toContain('2 propositions liées.');
    // The minutes can be edited again, prefilled.
    expect(formFields(closed.text, 'minutes-form')['minutes-fr']).toBe(
      'Trente personnes ont proposé douze itinéraires.',
    );
    const list = textOf(
      (await page(`/admin/meetings/components/${componentId}`, { cookie: admin })).text,
    );
    expect(list).toMatch(/Passées .*Conseil de quartier de mars Publiée Compte rendu publié/);
  });

  it('withdraws a published meeting, asked first, its reason optional', async () => {
    const id = await createMeeting({
      'title-fr': 'Réunion publiée par erreur',
      type: 'online',
      startsAt: wallClock(20, '18:00'),
      endsAt: wallClock(20, '19:00'),
      address: '',
      onlineUrl: 'https://visio.example.org/erreur',
    });
    await confirmed(
      `/admin/meetings/${id}/publish`,
      {},
      'Publier la réunion « Réunion publiée par erreur » ?',
      'une réunion publiée',
    );
    const r = await confirmed(
      `/admin/meetings/${id}/withdraw`,
      { 'withdrawReason-fr': '', 'withdrawReason-en': '' },
      'Retirer la réunion « Réunion publiée par erreur » ?',
      'une réunion retirée ne peut plus être modifiée',
    );
    expect([r.status, r.location]).toEqual([303, `/admin/meetings/${id}?done=withdrawn`]);
    expect((await meeting(id)).state).toBe('withdrawn');
    expect(textOf((await page(r.location!, { cookie: admin })).text)).toContain(
      'Réunion retirée le',
    );
    // Published no more: it cannot be published again.
    const again = await page(`/admin/meetings/${id}/publish`, {
      cookie: admin,
      form: { confirmed: 'yes' },
    });
    expect(again.status).toBe(409);
    expect(textOf(again.text)).toContain('Cette réunion a été retirée : rien n’a été enregistré.');
  });

  it('deletes a draft, asked first', async () => {
    const id = await createMeeting({
      'title-fr': 'Brouillon à effacer',
      type: 'online',
      startsAt: wallClock(10, '10:00'),
      endsAt: wallClock(10, '11:00'),
      address: '',
    });
    const r = await confirmed(
      `/admin/meetings/${id}/delete`,
      {},
      'Supprimer le brouillon « Brouillon à effacer » ?',
      'un brouillon supprimé ne peut pas être retrouvé.',
    );
    expect([r.status, r.location]).toEqual([
      303,
      `/admin/meetings/components/${componentId}?done=deleted`,
    ]);
    expect((await api(`/api/meetings/meetings/${id}`, admin)).status).toBe(404);
    expect((await page(`/admin/meetings/${id}`, { cookie: admin })).status).toBe(404);
  });
});
