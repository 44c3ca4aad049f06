/**
 * The administrators' newsletter pages over HTTP, against the real platform
 * (spawned as `npm start` runs it, mails caught at /dev/mail), as a browser
 * without JavaScript uses them: plain form posts answered by a 303 or by the
 * page again. The demo administrator composes a newsletter (blocks added,
 * moved and removed by buttons; an http image refused next to its field,
 * what was typed kept), previews it (the mail's HTML served with its own
 * policy for a sandboxed frame, and its text), sends themself a test, counts
 * the audience, is told that nobody consented, then — once a resident has
 * registered and confirmed the newsletter — confirms the sending (the page
 * says how many), and the list shows the history. A second newsletter is
 * scheduled, unscheduled and deleted; the sending settings are saved.
 */
import { DateTime } from 'luxon';
import { withFields } from './html-forms';
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

const FORM = 'application/x-www-form-urlencoded';
const ADMIN_EMAIL = 'admin@demo.palabre.test';
const READER = 'lectrice-lettre@example.org';
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

const formFields = browserFormFields;

const page = (path: string, init: Parameters<typeof fetchPage>[2] = {}) =>
  fetchPage(platform.url, path, init);

const api = <T>(path: string, cookie?: string) => callApi<T>(platform.url, path, cookie);

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
function confirmationOf(r: { status: number; text: string }) {
  expect(r.status).toBe(200);
  expect(r.text).toContain('<input type="hidden" name="confirmed" value="yes" />');
  const form = /<form method="post"[\s\S]*?<\/form>/.exec(r.text)![0];
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)" \/>/g))
    fields[m[1]] = decode(m[2]);
  return { title: decode(/<h1>([^<]*)<\/h1>/.exec(r.text)![1]), text: textOf(r.text), fields };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  for (let i = 0; i < 150; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The mails of the local mail box to `to`, as text. */
async function mailsTo(to: string): Promise<string[]> {
  const box = await (await fetch(`${platform.url}/dev/mail`)).text();
  return box
    .split('<article>')
    .slice(1)
    .filter((a) => a.includes(to))
    .map((a) => decode(a.replace(/<[^>]+>/g, ' ')));
}

/** The newest link to `path` in a mail to `to`. */
async function mailedToken(to: string, path: string): Promise<string> {
  const pattern = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`);
  return until(`a mail to ${to} with ${path}`, async () => {
    const mail = (await mailsTo(to)).find((m) => pattern.test(m));
    return mail ? pattern.exec(mail)![1] : null;
  });
}

/** A resident who registers with the newsletter box ticked, confirms the address, then the newsletter. */
async function consentingResident(email: string): Promise<void> {
  const form = await page('/account/register');
  const captchaId = /name="captchaId" value="([0-9a-f-]{36})"/.exec(form.text)![1];
  const q = /Combien font (\S+) plus (\S+) \?/.exec(decode(form.text))!;
  const r = await page('/account/register', {
    form: {
      displayName: 'Lectrice',
      email,
      password: 'correct horse battery',
      captchaId,
      captchaAnswer: String(FR_NUMBERS.indexOf(q[1]) + FR_NUMBERS.indexOf(q[2])),
      newsletter: 'true',
    },
  });
  expect(r.status).toBe(303);
  const confirmed = await page('/account/confirm', {
    form: { token: await mailedToken(email, '/account/confirm') },
  });
  expect(confirmed.status).toBe(303);
  const consent = await page('/account/newsletter/confirm', {
    form: { token: await mailedToken(email, '/account/newsletter/confirm') },
  });
  expect(consent.status).toBe(303);
}

/** The compose form of `markup` with `changes`, posted to `path` by the button `op`. */
const compose = (
  path: string,
  markup: string,
  changes: Record<string, string | string[] | null>,
  op: string,
) =>
  page(path, {
    cookie: admin,
    form: withFields(formFields(markup, 'newsletter-form'), { ...changes, op }),
  });

beforeAll(async () => {
  platform = await startPlatform();
  admin = sessionOf(
    (
      await fetch(`${platform.url}/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': FORM, origin: platform.url },
        body: new URLSearchParams({
          email: ADMIN_EMAIL,
          password: 'palabre-demo-admin',
          returnTo: '/',
        }).toString(),
      })
    ).headers,
  );
}, 120_000);
afterAll(() => platform?.stop());

afterEach(() => {
  const state = expect.getState();
  if (state.assertionCalls !== state.numPassingAsserts) console.log(platform.output());
});

describe('the administrators’ newsletter pages', () => {
  let id: string;

  it('are linked from the back-office home, for administrators only', async () => {
    const home = await page('/admin', { cookie: admin });
    expect(home.text).toContain('href="/admin/newsletters"');
    expect(home.text).toContain('href="/admin/newsletters/settings"');
    const anonymous = await page('/admin/newsletters');
    expect([anonymous.status, anonymous.location]).toEqual([
      303,
      `/sign-in?returnTo=${encodeURIComponent('/admin/newsletters')}`,
    ]);
    const english = await page('/admin/newsletters', { cookie: admin, lang: 'en' });
    expect(textOf(english.text)).toContain('Newsletters');
  });

  it('composes without JavaScript: blocks added, moved and removed; an http image refused next to its field', async () => {
    const blank = await page('/admin/newsletters/new', { cookie: admin });
    expect(blank.status).toBe(200);
    expect(blank.text).toContain('name="fr-block-0-kind" value="text"');

    const withImage = await compose(
      '/admin/newsletters/new',
      blank.text,
      {
        'fr-subject': 'La lettre de décembre',
        'fr-block-0-text': 'Bonjour,\n\nLes résultats du budget participatif sont publiés.',
      },
      'add-image-fr',
    );
    expect(withImage.status).toBe(200);
    expect(withImage.text).toContain('name="fr-block-1-kind" value="image"');
    const withButton = await compose(
      '/admin/newsletters/new',
      withImage.text,
      {
        'fr-block-1-url': 'http://images.example.org/parc.jpg',
        'fr-block-1-alt': 'Le parc des Beaumonts au printemps',
      },
      'add-button-fr',
    );
    const extra = await compose(
      '/admin/newsletters/new',
      withButton.text,
      {
        'fr-block-2-label': 'Voir les résultats',
        'fr-block-2-url': 'https://demo.example.org/budgets',
      },
      'add-text-fr',
    );
    expect(extra.text).toContain('name="fr-block-3-kind" value="text"');
    // The button moves above the image; the empty text block goes.
    const moved = await compose('/admin/newsletters/new', extra.text, {}, 'up-fr-2');
    expect(moved.text).toMatch(
      /name="fr-block-1-kind" value="button"[\s\S]*name="fr-block-2-kind" value="image"/,
    );
    const removed = await compose('/admin/newsletters/new', moved.text, {}, 'remove-fr-3');
    expect(removed.text).not.toContain('fr-block-3-kind');
    // An English text block, written.
    const english = await compose(
      '/admin/newsletters/new',
      removed.text,
      {
        'en-subject': 'The December newsletter',
      },
      'add-text-en',
    );
    const ready = { 'en-block-0-text': 'Hello,\n\nThe participatory budget results are out.' };

    // A post from another site changes nothing, not even the form.
    const crossSite = await page('/admin/newsletters/new', {
      cookie: admin,
      form: withFields(formFields(removed.text, 'newsletter-form'), { op: 'add-text-fr' }),
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.text).not.toContain('fr-block-3-kind');

    const refused = await compose('/admin/newsletters/new', english.text, ready, 'save');
    expect(refused.status).toBe(400);
    expectFieldError(refused.text, 'fr-block-2-url', 'https://');
    expect(refused.text).toContain('value="http://images.example.org/parc.jpg"');
    expect(refused.text).toContain('Le parc des Beaumonts au printemps');

    const created = await compose(
      '/admin/newsletters/new',
      refused.text,
      {
        ...ready,
        'fr-block-2-url': 'https://images.example.org/parc.jpg',
      },
      'save',
    );
    expect(created.status).toBe(303);
    const m = /^\/admin\/newsletters\/([0-9a-f-]{36})\?done=created$/.exec(created.location!);
    expect(m).not.toBeNull();
    id = m![1];
    const stored = await api<{ contents: { fr: { blocks: { kind: string }[] } } }>(
      `/api/newsletter/newsletters/${id}`,
      admin,
    );
    expect(stored.body.contents.fr.blocks.map((b) => b.kind)).toEqual(['text', 'button', 'image']);
  });

  it('shows the preview in a sandboxed frame served with its own policy, and the text version', async () => {
    const detail = await page(`/admin/newsletters/${id}?done=created`, { cookie: admin });
    expect(detail.status).toBe(200);
    const text = textOf(detail.text);
    expect(text).toContain('Le brouillon est enregistré.');
    expect(text).toContain('Brouillon');
    expect(detail.text).toMatch(
      new RegExp(
        `<iframe\\s+src="/admin/newsletters/${id}/preview/fr"\\s+sandbox=""\\s+title="Aperçu du courriel en français"`,
      ),
    );
    expect(text).toContain('Voir les résultats');

    const frame = await page(`/admin/newsletters/${id}/preview/fr`, { cookie: admin });
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-type')).toContain('text/html');
    const csp = frame.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(frame.text).toContain('<html lang="fr"');
    expect(frame.text).toContain('alt="Le parc des Beaumonts au printemps"');

    const english = await page(`/admin/newsletters/${id}?preview=en`, { cookie: admin });
    expect(textOf(english.text)).toContain('The participatory budget results are out.');
    expect((await page(`/admin/newsletters/${id}/preview/de`, { cookie: admin })).status).toBe(404);
    expect((await page(`/admin/newsletters/${id}/preview/fr`)).status).toBe(303);
  });

  it('sends a test to the administrator’s own address', async () => {
    const r = await page(`/admin/newsletters/${id}/test`, { cookie: admin, form: { lang: 'fr' } });
    expect([r.status, r.location]).toEqual([303, `/admin/newsletters/${id}?done=test&preview=fr`]);
    expect(textOf((await page(r.location!, { cookie: admin })).text)).toContain(
      `Essai envoyé à ${ADMIN_EMAIL}.`,
    );
    await until('the test mail', async () =>
      (await mailsTo(ADMIN_EMAIL)).some((m) => m.includes('[Essai] La lettre de décembre')),
    );
    // A post from another site does nothing.
    const crossSite = await page(`/admin/newsletters/${id}/test`, {
      cookie: admin,
      form: { lang: 'fr' },
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
  });

  it('counts the audience, and says that nobody consented rather than sending', async () => {
    expect(
      (await api<{ recipients: number }>(`/api/newsletter/newsletters/${id}/audience`, admin)).body,
    ).toEqual({ recipients: 0 });
    const edit = await page(`/admin/newsletters/${id}/edit`, { cookie: admin });
    expect(edit.status).toBe(200);
    const counted = await compose(`/admin/newsletters/${id}/edit`, edit.text, {}, 'count');
    expect(counted.status).toBe(200);
    expect(textOf(counted.text)).toContain(
      '0 personne la recevrait si elle était envoyée maintenant.',
    );
    // Members of spaces, none chosen: said next to the boxes.
    const none = await compose(
      `/admin/newsletters/${id}/edit`,
      edit.text,
      { audience: 'members' },
      'count',
    );
    // The demo has no private space: the error stands next to the line that says so.
    expect(none.text).toContain('<a href="#memberSpaces">');
    expect(
      decode(/<p class="field-error" id="memberSpaces-error">([^<]*)<\/p>/.exec(none.text)![1]),
    ).toContain('Choisissez au moins un espace.');

    const send = await page(`/admin/newsletters/${id}/send`, {
      cookie: admin,
      form: { when: 'now' },
    });
    expect(send.status).toBe(400);
    expect(textOf(send.text)).toContain(
      'Personne parmi ces destinataires n’a consenti à recevoir la lettre',
    );
    const english = await page(`/admin/newsletters/${id}/send`, {
      cookie: admin,
      form: { when: 'now' },
      lang: 'en',
    });
    expect(textOf(english.text)).toContain(
      'Nobody in this audience consented to receive the newsletter: nothing would be sent.',
    );
  });

  it('sends to a resident who consented, after a confirmation that says how many, and lists its history', async () => {
    await consentingResident(READER);
    await until('the consent to reach the newsletter service', async () => {
      const r = await api<{ recipients: number }>(
        `/api/newsletter/newsletters/${id}/audience`,
        admin,
      );
      return r.body.recipients === 1;
    });
    const asked = confirmationOf(
      await page(`/admin/newsletters/${id}/send`, { cookie: admin, form: { when: 'now' } }),
    );
    expect(asked.title).toBe('Envoyer « La lettre de décembre » maintenant ?');
    expect(asked.text).toContain('Elle partira vers 1 personne qui a consenti à la recevoir');
    const sent = await page(`/admin/newsletters/${id}/send`, { cookie: admin, form: asked.fields });
    expect([sent.status, sent.location]).toEqual([303, `/admin/newsletters/${id}?done=sent`]);
    await until('the newsletter in the resident’s box', async () =>
      (await mailsTo(READER)).some((m) => m.includes('La lettre de décembre')),
    );
    await until('the newsletter to be sent', async () => {
      const r = await api<{ state: string }>(`/api/newsletter/newsletters/${id}`, admin);
      return r.body.state === 'sent';
    });
    const list = await page('/admin/newsletters', { cookie: admin });
    const row = textOf(/<tr role="row">\s*<th scope="row"[\s\S]*?<\/tr>/.exec(list.text)![0]);
    expect(row).toContain('La lettre de décembre');
    expect(row).toContain('Envoyée');
    expect(textOf(list.text)).toContain(
      'Objet État Dates Destinataires Envoyés Échecs Non envoyés En attente Désinscriptions depuis',
    );
    expect(row).toMatch(/Envoi terminé le .+ 1 1 0 0 0 0$/);
    // Sent is sent: no form to send it again, and the API's refusal is said in words.
    const again = await page(`/admin/newsletters/${id}/send`, {
      cookie: admin,
      form: { when: 'now', confirmed: 'yes' },
    });
    expect(again.status).toBe(409);
    expect(textOf(again.text)).toContain('Cette lettre est déjà programmée ou envoyée.');
  });

  it('schedules a second newsletter in Paris time, cancels the schedule, then deletes the draft', async () => {
    const blank = await page('/admin/newsletters/new', { cookie: admin });
    const created = await compose(
      '/admin/newsletters/new',
      blank.text,
      {
        'fr-subject': 'La lettre de janvier',
        'fr-block-0-text': 'Bonne année !',
      },
      'save',
    );
    expect(created.status).toBe(303);
    const second = /([0-9a-f-]{36})/.exec(created.location!)![1];

    const past = await page(`/admin/newsletters/${second}/send`, {
      cookie: admin,
      form: { when: 'later', at: '2020-01-01T10:00' },
    });
    expect(past.status).toBe(400);
    expectFieldError(past.text, 'at', 'Choisissez une date et une heure à venir.');

    const at = DateTime.now()
      .setZone('Europe/Paris')
      .plus({ days: 3 })
      .set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
    const asked = confirmationOf(
      await page(`/admin/newsletters/${second}/send`, {
        cookie: admin,
        form: { when: 'later', at: at.toFormat("yyyy-LL-dd'T'HH:mm") },
      }),
    );
    expect(asked.title).toMatch(/^Programmer « La lettre de janvier » pour le .+ 09:30 \?$/);
    const scheduled = await page(`/admin/newsletters/${second}/send`, {
      cookie: admin,
      form: asked.fields,
    });
    expect(scheduled.location).toBe(`/admin/newsletters/${second}?done=scheduled`);
    const stored = await api<{ state: string; scheduledAt: string }>(
      `/api/newsletter/newsletters/${second}`,
      admin,
    );
    expect(stored.body).toMatchObject({
      state: 'scheduled',
      scheduledAt: at.toUTC().toISO(),
    });
    expect(textOf((await page(scheduled.location!, { cookie: admin })).text)).toContain(
      'La lettre est programmée.',
    );

    const stopped = await page(`/admin/newsletters/${second}/stop`, { cookie: admin, form: {} });
    expect(stopped.location).toBe(`/admin/newsletters/${second}?done=unscheduled`);

    const remove = confirmationOf(
      await page(`/admin/newsletters/${second}/delete`, { cookie: admin, form: {} }),
    );
    expect(remove.title).toBe('Supprimer le brouillon « La lettre de janvier » ?');
    const deleted = await page(`/admin/newsletters/${second}/delete`, {
      cookie: admin,
      form: remove.fields,
    });
    expect(deleted.location).toBe('/admin/newsletters?done=deleted');
    expect((await page(`/admin/newsletters/${second}`, { cookie: admin })).status).toBe(404);
  });

  it('saves the sending settings, the SMTP password never shown back', async () => {
    const shown = await page('/admin/newsletters/settings', { cookie: admin });
    expect(shown.status).toBe(200);
    const fields = formFields(shown.text, 'settings-form');
    const bad = await page('/admin/newsletters/settings', {
      cookie: admin,
      form: withFields(fields, { messagesPerSecond: '0' }),
    });
    expect(bad.status).toBe(400);
    expectFieldError(bad.text, 'messagesPerSecond', 'de 1 à 2');
    const saved = await page('/admin/newsletters/settings', {
      cookie: admin,
      form: withFields(fields, {
        senderName: 'Ville de Démo',
        senderAddress: 'lettre@demo.example.org',
        messagesPerSecond: '20',
        smtp: 'own',
        smtpHost: 'smtp.demo.example.org',
        smtpPort: '587',
        smtpUser: 'lettre',
        smtpPassword: 's3cret-du-serveur',
      }),
    });
    expect([saved.status, saved.location]).toEqual([303, '/admin/newsletters/settings?done=saved']);
    const again = await page(saved.location!, { cookie: admin });
    expect(textOf(again.text)).toContain('Les réglages d’envoi sont enregistrés.');
    expect(again.text).toContain('value="smtp.demo.example.org"');
    expect(again.text).not.toContain('s3cret-du-serveur');
    expect((await api('/api/newsletter/settings', admin)).body).toEqual({
      senderName: 'Ville de Démo',
      senderAddress: 'lettre@demo.example.org',
      replyTo: null,
      messagesPerSecond: 20,
      smtp: { host: 'smtp.demo.example.org', port: 587, secure: false, user: 'lettre' },
    });
    // Back to the platform's server, so that later mails of this platform still go out.
    const back = await page('/admin/newsletters/settings', {
      cookie: admin,
      form: withFields(formFields(again.text, 'settings-form'), { smtp: 'deployment' }),
    });
    expect(back.status).toBe(303);
    expect((await api<{ smtp: unknown }>('/api/newsletter/settings', admin)).body.smtp).toBeNull();
  });
});
