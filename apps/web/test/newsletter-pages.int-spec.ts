/**
 * The newsletter's pages over HTTP, against the real platform (mails caught
 * at /dev/mail): the box at registration, unticked; "my account"'s section
 * with its state and date; the mailed confirmation link, whose GET only
 * shows a button (mail scanners open links); the one-click unsubscribe page,
 * signed out, with its RFC 8058 POST, and a tampered link's 400 page.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { callApi, mainText } from './page-kit';
import { startPlatform, type RunningPlatform } from './platform';

// A known secret, so that the test can make unsubscribe tokens as a newsletter sender would.
const IDENTITY_SECRET = 'newsletter-pages-test-secret-0123456789abcdef';

let platform: RunningPlatform;
beforeAll(async () => {
  platform = await startPlatform({ IDENTITY_SECRET });
}, 120_000);
afterAll(() => platform?.stop());

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
  opts: { cookie?: string; form?: Record<string, string>; origin?: string | null } = {},
): Promise<Page> {
  const headers: Record<string, string> = { 'accept-language': 'fr-FR,fr;q=0.9' };
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    if (opts.origin !== null) headers.origin = opts.origin ?? platform.url;
    body = new URLSearchParams(opts.form).toString();
  }
  const r = await fetch(`${platform.url}${path}`, {
    method: opts.form ? 'POST' : 'GET',
    redirect: 'manual',
    headers,
    body,
  });
  return {
    status: r.status,
    headers: r.headers,
    text: await r.text(),
    location: r.headers.get('location'),
  };
}

/** The newest link to `path` in a mail to `to`, from the local mail box. */
async function mailedLink(to: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s<"]+${path}\\?token=[A-Za-z0-9_-]+`);
  for (let i = 0; i < 100; i++) {
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    const mail = box.split('<article>').find((a) => a.includes(to) && pattern.test(a));
    const found = mail ? pattern.exec(mail) : null;
    if (found) {
      const url = new URL(found[0]);
      return `${url.pathname}${url.search}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No mail to ${to} with a link to ${path}`);
}

const tokenOf = (link: string) => new URL(link, platform.url).searchParams.get('token') as string;

/** Registers (with the newsletter box ticked or not), confirms the address, signs in: the session cookie. */
async function newAccount(email: string, newsletter: boolean): Promise<string> {
  const form = await page('/account/register');
  const captchaId = /name="captchaId" value="([0-9a-f-]{36})"/.exec(form.text)![1];
  const q = /Combien font (\S+) plus (\S+) \?/.exec(form.text)!;
  const r = await page('/account/register', {
    form: {
      displayName: 'Lectrice',
      email,
      password: 'correct horse battery',
      captchaId,
      captchaAnswer: String(FR_NUMBERS.indexOf(q[1]) + FR_NUMBERS.indexOf(q[2])),
      ...(newsletter ? { newsletter: 'true' } : {}),
    },
  });
  expect([r.status, r.location]).toEqual([303, '/account/check-email?for=register']);
  const confirm = await page('/account/confirm', {
    form: { token: tokenOf(await mailedLink(email, '/account/confirm')) },
  });
  expect(confirm.status).toBe(303);
  const signIn = await page('/sign-in', {
    form: { email, password: 'correct horse battery', returnTo: '/account' },
  });
  expect(signIn.status).toBe(303);
  const c = signIn.headers.getSetCookie().find((x) => x.startsWith('palabre_session='))!;
  return c.split(';')[0];
}

const newsletterSection = async (cookie: string) => {
  const account = await page('/account', { cookie });
  expect(account.status).toBe(200);
  return mainText(
    /<section aria-labelledby="newsletter-title"[\s\S]*?<\/section>/.exec(account.text)![0],
  );
};

/** The unsubscribe token a newsletter sender makes (identity's unsubscribe-token.ts, redone here). */
async function unsubscribeToken(cookie: string): Promise<string> {
  const me = await callApi<{ id: string }>(platform.url, '/api/identity/me', cookie);
  const org = await callApi<{ id: string }>(platform.url, '/api/identity/organizations/current');
  const key = Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(IDENTITY_SECRET),
      Buffer.alloc(0),
      'palabre newsletter unsubscribe v1',
      32,
    ),
  );
  const mac = createHmac('sha256', key).update(`${org.body.id}.${me.body.id}`).digest('base64url');
  return `${me.body.id}.${mac}`;
}

describe('newsletter pages', () => {
  it('registration offers the newsletter, unticked, with a hint that a mail follows', async () => {
    const form = await page('/account/register');
    const box = /<input[^>]*id="newsletter"[^>]*>/s.exec(form.text)![0];
    expect(box).toContain('type="checkbox"');
    expect(box).not.toContain('checked');
    const text = mainText(form.text);
    expect(text).toMatch(/Je souhaite recevoir la lettre d’information de \S/);
    expect(text).toContain('Un courriel vous demandera de confirmer');
  });

  it('ticked at registration: pending on my account; the mailed link confirms only with its button', async () => {
    const email = 'lettre-web@example.org';
    const cookie = await newAccount(email, true);
    expect(await newsletterSection(cookie)).toMatch(/Inscription demandée le .+ confirmez-la/);

    const link = await mailedLink(email, '/account/newsletter/confirm');
    const landing = await page(link);
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('Confirmer mon inscription');
    // Opening the link (as a mail scanner does) confirmed nothing.
    expect(await newsletterSection(cookie)).toContain('Inscription demandée');

    const confirmed = await page('/account/newsletter/confirm', { form: { token: tokenOf(link) } });
    expect([confirmed.status, confirmed.location]).toEqual([303, '/account/newsletter/confirmed']);
    expect(mainText((await page('/account/newsletter/confirmed')).text)).toContain(
      'Inscription confirmée',
    );
    const section = await newsletterSection(cookie);
    expect(section).toMatch(/Vous recevez la lettre d’information de .+ depuis le \d/);
    expect(section).toContain('Me désinscrire');

    // Used once: the page says the link no longer works.
    const again = await page('/account/newsletter/confirm', { form: { token: tokenOf(link) } });
    expect(again.status).toBe(400);
    expect(mainText(again.text)).toContain('Lien de confirmation non valable');
    expect((await page('/account/newsletter/confirm?token=short')).status).toBe(400);
  });

  it('my account: subscribe (a mail goes), then unsubscribe at once', async () => {
    const email = 'compte-web@example.org';
    const cookie = await newAccount(email, false);
    expect(await newsletterSection(cookie)).toContain('Vous n’êtes pas inscrit·e');
    const asked = await page('/account/newsletter/subscribe', { cookie, form: {} });
    expect([asked.status, asked.location]).toEqual([303, '/account?newsletter=asked#newsletter']);
    const link = await mailedLink(email, '/account/newsletter/confirm');
    await page('/account/newsletter/confirm', { form: { token: tokenOf(link) } });
    const withdrawn = await page('/account/newsletter/withdraw', { cookie, form: {} });
    expect(withdrawn.location).toBe('/account?newsletter=withdrawn#newsletter');
    const account = mainText((await page('/account?newsletter=withdrawn', { cookie })).text);
    expect(account).toContain('Vous ne recevrez plus la lettre d’information.');
    expect(await newsletterSection(cookie)).toMatch(/Vous vous êtes désinscrit·e le \d/);
    // A cross-site post changes nothing.
    const crossSite = await page('/account/newsletter/subscribe', {
      cookie,
      form: {},
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
  });

  it('unsubscribes signed out in one click, again without harm; a tampered link is a 400 page', async () => {
    const email = 'un-clic-web@example.org';
    const cookie = await newAccount(email, true);
    await page('/account/newsletter/confirm', {
      form: { token: tokenOf(await mailedLink(email, '/account/newsletter/confirm')) },
    });
    const token = await unsubscribeToken(cookie);

    // Tampered: a 400 page, and the consent stands.
    const [id, mac] = token.split('.');
    const tampered = `${id}.${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`;
    const shown = await page(`/newsletter/unsubscribe?token=${tampered}`);
    expect(shown.status).toBe(200);
    const refused = await page(`/newsletter/unsubscribe?token=${tampered}`, {
      form: { token: tampered },
    });
    expect(refused.status).toBe(400);
    expect(mainText(refused.text)).toContain('Lien de désinscription non valable');
    expect((await page('/newsletter/unsubscribe?token=nope')).status).toBe(400);
    expect(await newsletterSection(cookie)).toContain('Vous recevez');

    // The footer link, signed out: one button, then done.
    const landing = await page(`/newsletter/unsubscribe?token=${token}`);
    expect(landing.status).toBe(200);
    expect(mainText(landing.text)).toContain('Aucune connexion n’est nécessaire');
    const done = await page(`/newsletter/unsubscribe?token=${token}`, { form: { token } });
    expect(done.status).toBe(200);
    expect(mainText(done.text)).toContain('Vous êtes désinscrit·e');
    expect(await newsletterSection(cookie)).toMatch(/Vous vous êtes désinscrit·e le/);

    // A mail client's RFC 8058 POST, from no page of the site, to the List-Unsubscribe URL.
    const oneClick = await page(`/newsletter/unsubscribe?token=${token}`, {
      form: { 'List-Unsubscribe': 'One-Click' },
      origin: null,
    });
    expect(oneClick.status).toBe(200);
  });
});
