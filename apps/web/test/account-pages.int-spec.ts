/**
 * Account pages and the organization back-office over HTTP, against the real
 * platform (spawned as `npm start` runs it, mails caught at /dev/mail):
 * register → confirm from the mail → sign in → my account → sessions →
 * export → delete; a password reset from the mail; errors named per field;
 * cross-site posts refused; branding set by the administrator on every page;
 * users and roles, with the last administrator kept.
 */
import { startPlatform, type RunningPlatform } from './platform';

let platform: RunningPlatform;
beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);
afterAll(() => platform?.stop());

const ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };
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
  opts: {
    cookie?: string;
    form?: Record<string, string | string[]>;
    origin?: string;
    userAgent?: string;
  } = {},
): Promise<Page> {
  const headers: Record<string, string> = { 'accept-language': 'fr-FR,fr;q=0.9' };
  if (opts.userAgent) headers['user-agent'] = opts.userAgent;
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers.origin = opts.origin ?? platform.url;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    body = params.toString();
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

const sessionCookie = (r: Page): string => {
  const c = r.headers.getSetCookie().find((x) => x.startsWith('palabre_session='));
  if (!c) throw new Error(`No session cookie (status ${r.status})`);
  return c.split(';')[0];
};

async function signIn(email: string, password: string, userAgent?: string): Promise<string> {
  const r = await page('/sign-in', {
    form: { email, password, returnTo: '/account' },
    userAgent,
  });
  expect([r.status, r.location]).toEqual([303, '/account']);
  return sessionCookie(r);
}

/** The newest link to `path` in a mail to `to`, from the local mail box. */
async function mailedLink(to: string, path: string): Promise<string> {
  const pattern = new RegExp(
    `https?://[^\\s<"]+${path.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]+`,
  );
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

/** The registration form's question, answered. */
function captchaOf(form: Page): { captchaId: string; captchaAnswer: string } {
  const captchaId = /name="captchaId" value="([0-9a-f-]{36})"/.exec(form.text)?.[1];
  const q = /Combien font (\S+) plus (\S+) \?/.exec(form.text);
  if (!captchaId || !q) throw new Error('No captcha in the form');
  return {
    captchaId,
    captchaAnswer: String(FR_NUMBERS.indexOf(q[1]) + FR_NUMBERS.indexOf(q[2])),
  };
}

async function register(email: string, password: string, displayName: string): Promise<void> {
  const form = await page('/account/register');
  expect(form.status).toBe(200);
  const r = await page('/account/register', {
    form: { displayName, email, password, ...captchaOf(form) },
  });
  expect([r.status, r.location]).toEqual([303, '/account/check-email?for=register']);
  const link = await mailedLink(email, '/account/confirm');
  const landing = await page(link);
  expect(landing.status).toBe(200);
  expect(landing.text).toContain('Confirmer mon adresse');
  const token = new URL(link, platform.url).searchParams.get('token') as string;
  const confirmed = await page('/account/confirm', { form: { token } });
  expect([confirmed.status, confirmed.location]).toEqual([303, '/account/confirmed']);
}

/** Every field error of a page: the error summary's links and the controls marked invalid. */
function fieldErrors(p: Page): { summary: string[]; invalid: string[] } {
  const summary = [...p.text.matchAll(/<li><a href="#([\w-]+)">/g)].map((m) => m[1]);
  const invalid = [...p.text.matchAll(/id="([\w-]+)"[^>]*?aria-invalid="true"/gs)].map((m) => m[1]);
  return { summary, invalid };
}

describe('account pages', () => {
  it('registers, confirms from the mail, signs in, shows my account and sessions, exports, deletes', async () => {
    const email = `alice.${Date.now()}@example.org`;
    await register(email, 'correct horse battery', 'Alice Martin');
    expect((await page('/account/confirmed')).text).toContain('Adresse confirmée');

    const cookie = await signIn(email, 'correct horse battery');
    const other = await signIn(
      email,
      'correct horse battery',
      'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    );
    const mine = await page('/account', { cookie });
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Alice Martin');
    expect(mine.text).toContain(email);
    expect(mine.text).toContain('href="/account" aria-current="page"');
    expect(mine.text).toContain('cette session');
    // The other session is named by its browser (sent along by the site when signing in).
    expect(mine.text).toContain('Firefox, Linux');
    const revokable = [
      ...mine.text.matchAll(/action="\/account\/sessions\/([0-9a-f-]{36})\/revoke"/g),
    ];
    expect(revokable).toHaveLength(1);

    // Signing the other session out: that cookie no longer opens the account.
    const revoked = await page(`/account/sessions/${revokable[0][1]}/revoke`, { cookie, form: {} });
    expect([revoked.status, revoked.location]).toEqual([303, '/account?revoked=1#sessions']);
    expect((await page('/account?revoked=1', { cookie })).text).toContain(
      'La session est déconnectée.',
    );
    const gone = await page('/account', { cookie: other });
    expect([gone.status, gone.location]).toEqual([303, '/sign-in?returnTo=%2Faccount']);
    // Ending it again (an old tab): identity's 404 is explained on "my account", not a missing page.
    const endedAgain = await page(`/account/sessions/${revokable[0][1]}/revoke`, {
      cookie,
      form: {},
    });
    expect(endedAgain.status).toBe(404);
    expect(endedAgain.text).toContain('Cette session n’existe plus');
    expect(endedAgain.text).toContain('Alice Martin');

    const exported = await page('/account/export', { cookie });
    expect(exported.status).toBe(200);
    // A zip of one JSON file per service (its contents: gateway/test/personal-data.int-spec.ts).
    expect(exported.headers.get('content-type')).toContain('application/zip');
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename="my-data-[\d-]+\.zip"$/,
    );
    expect(exported.headers.get('cache-control')).toBe('no-store');
    expect(exported.text.startsWith('PK')).toBe(true);
    expect(exported.text).toContain('identity.json');

    const confirm = await page('/account/delete', { cookie });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('La suppression est définitive');
    expect(confirm.text).toContain('« participant supprimé »');
    const unticked = await page('/account/delete', { cookie, form: {} });
    expect(unticked.status).toBe(400);
    expect(fieldErrors(unticked)).toEqual({ summary: ['confirm'], invalid: ['confirm'] });
    const deleted = await page('/account/delete', { cookie, form: { confirm: 'yes' } });
    expect([deleted.status, deleted.location]).toEqual([303, '/account/deleted']);
    expect(deleted.headers.getSetCookie().join()).toMatch(/palabre_session=;/);
    expect((await page('/account/deleted')).text).toContain('Compte supprimé');
    const again = await page('/sign-in', { form: { email, password: 'correct horse battery' } });
    expect(again.status).toBe(401);
  });

  it('resets a forgotten password from the mailed link', async () => {
    const email = `bob.${Date.now()}@example.org`;
    await register(email, 'first password 123', 'Bob Durand');
    const asked = await page('/account/password-reset', { form: { email } });
    expect([asked.status, asked.location]).toEqual([303, '/account/check-email?for=reset']);
    const link = await mailedLink(email, '/account/password-reset');
    const form = await page(link);
    expect(form.status).toBe(200);
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    const token = new URL(link, platform.url).searchParams.get('token') as string;
    const short = await page('/account/password-reset/complete', {
      form: { token, password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(fieldErrors(short)).toEqual({ summary: ['password'], invalid: ['password'] });
    expect(short.text).toContain('de 10 à 128 caractères');
    const done = await page('/account/password-reset/complete', {
      form: { token, password: 'second password 456' },
    });
    expect([done.status, done.location]).toEqual([303, '/account/password-reset/done']);
    const reused = await page('/account/password-reset/complete', {
      form: { token, password: 'third password 789' },
    });
    expect(reused.status).toBe(400);
    expect(reused.text).toContain('Lien non valable');
    expect(
      (await page('/sign-in', { form: { email, password: 'first password 123' } })).status,
    ).toBe(401);
    await signIn(email, 'second password 456');
    expect((await page('/account/password-reset?token=nope')).status).toBe(400);
  });

  it('hides a trap field from people; a form that fills it is answered as usual and creates nothing', async () => {
    const form = await page('/account/register');
    expect(form.text).toMatch(
      /<div class="trap"><label for="website">[^<]+<\/label><input id="website"/,
    );
    const email = `robot.${Date.now()}@example.org`;
    const r = await page('/account/register', {
      form: {
        displayName: 'Robot',
        email,
        password: 'correct horse battery',
        website: 'https://cheap-backlinks.example',
        ...captchaOf(form),
      },
    });
    expect([r.status, r.location]).toEqual([303, '/account/check-email?for=register']);
    // A person registering next gets their mail; the robot's address got none.
    const person = `person.${Date.now()}@example.org`;
    await register(person, 'correct horse battery', 'Personne');
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    expect(box).toContain(person);
    expect(box).not.toContain(email);
  });

  it('names every field in error, in the summary and next to the field', async () => {
    const empty = await page('/account/register', {
      form: { displayName: '', email: '', password: '', captchaId: '', captchaAnswer: '' },
    });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Le formulaire contient 4 erreur(s)');
    expect(fieldErrors(empty)).toEqual({
      summary: ['displayName', 'email', 'password', 'captchaAnswer'],
      invalid: ['displayName', 'email', 'password', 'captchaAnswer'],
    });
    expect(empty.text).toMatch(/aria-describedby="email-hint email-error"/);
    expect(empty.text).toMatch(/<title>Le formulaire contient 4 erreur\(s\) : Créer un compte/);

    const bad = await page('/account/register', {
      form: {
        displayName: 'A',
        email: 'not-an-email',
        password: 'short',
        captchaId: '',
        captchaAnswer: '3',
      },
    });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad).summary).toEqual(['displayName', 'email', 'password']);
    expect(bad.text).toContain('Saisissez une adresse électronique valide');

    // A wrong answer is the API's to judge: the field is named, and a new question asked.
    const form = await page('/account/register');
    const { captchaId } = captchaOf(form);
    const wrong = await page('/account/register', {
      form: {
        displayName: 'Carole',
        email: `carole.${Date.now()}@example.org`,
        password: 'correct horse battery',
        captchaId,
        captchaAnswer: '42',
      },
    });
    expect(wrong.status).toBe(400);
    expect(fieldErrors(wrong)).toEqual({ summary: ['captchaAnswer'], invalid: ['captchaAnswer'] });
    expect(captchaOf(wrong).captchaId).not.toBe(captchaId);
    expect(wrong.text).toContain('value="Carole"');

    const reset = await page('/account/password-reset', { form: { email: 'nope' } });
    expect(reset.status).toBe(400);
    expect(fieldErrors(reset)).toEqual({ summary: ['email'], invalid: ['email'] });
  });

  it('tells an account whose address is not confirmed yet what to do', async () => {
    const email = `late.${Date.now()}@example.org`;
    const form = await page('/account/register');
    const r = await page('/account/register', {
      form: { displayName: 'Late', email, password: 'correct horse battery', ...captchaOf(form) },
    });
    expect(r.status).toBe(303);
    const early = await page('/sign-in', { form: { email, password: 'correct horse battery' } });
    expect(early.status).toBe(403);
    expect(early.text).toContain('pas encore confirmée');
    expect(fieldErrors(early).summary).toEqual(['email']);
    expect((await page('/account/confirm?token=short')).status).toBe(400);
    const forged = await page('/account/confirm', { form: { token: 'x'.repeat(40) } });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Lien de confirmation non valable');
  });

  it('refuses a form posted from another site, and does nothing', async () => {
    const email = `mallory.${Date.now()}@example.org`;
    const form = await page('/account/register');
    const cross = await page('/account/register', {
      origin: 'https://evil.example',
      form: {
        displayName: 'Mallory',
        email,
        password: 'correct horse battery',
        ...captchaOf(form),
      },
    });
    // Signed in or not, the gateway refuses a write from another site before the page is asked.
    expect(cross.status).toBe(403);
    expect(cross.text).toContain('ne vient pas de ce site');
    const reset = await page('/account/password-reset', {
      origin: 'https://evil.example',
      form: { email: ADMIN.email },
    });
    expect(reset.status).toBe(403);
    const cookie = await signIn(ADMIN.email, ADMIN.password);
    const branding = await page('/admin/organization/branding', {
      cookie,
      origin: 'https://evil.example',
      form: { primaryColor: '#000000' },
    });
    expect(branding.status).toBe(403);
    const box = await (await fetch(`${platform.url}/dev/mail`)).text();
    expect(box).not.toContain(email);
  });

  it('says when registration is closed and points to FranceConnect', async () => {
    const cookie = await signIn(ADMIN.email, ADMIN.password);
    const closed = await page('/admin/organization', {
      cookie,
      form: {
        name: 'Ville de Démo',
        locales: ['fr', 'en'],
        defaultLocale: 'fr',
        registrationMode: 'franceconnect',
        identityProviders: ['local', 'franceconnect'],
      },
    });
    expect([closed.status, closed.location]).toEqual([303, '/admin/organization?saved=1']);
    try {
      const r = await page('/account/register');
      expect(r.status).toBe(200);
      expect(r.text).toContain('Création de compte fermée');
      expect(r.text).toContain('/auth/franceconnect/login?mode=author');
      expect(r.text).not.toContain('name="captchaId"');
      expect((await page('/sign-in')).text).not.toContain('href="/account/register"');
    } finally {
      await page('/admin/organization', {
        cookie,
        form: {
          name: 'Ville de Démo',
          locales: ['fr', 'en'],
          defaultLocale: 'fr',
          registrationMode: 'open',
          identityProviders: ['local', 'franceconnect'],
        },
      });
    }
    expect((await page('/sign-in')).text).toContain('href="/account/register"');
  });
});

describe('organization back-office', () => {
  it('sends a visitor to sign in, and tells an account without the role why it may not enter', async () => {
    const anonymous = await page('/admin/organization/users');
    expect([anonymous.status, anonymous.location]).toEqual([
      303,
      '/sign-in?returnTo=%2Fadmin%2Forganization%2Fusers',
    ]);
    const email = `dora.${Date.now()}@example.org`;
    await register(email, 'correct horse battery', 'Dora');
    const cookie = await signIn(email, 'correct horse battery');
    for (const path of [
      '/admin/organization',
      '/admin/organization/branding',
      '/admin/organization/users',
    ]) {
      const r = await page(path, { cookie });
      expect(r.status).toBe(403);
      expect(r.text).toContain('Ville de Démo');
      expect(r.text).toContain('<h1>');
    }
  });

  it('settings: errors named per field; a default language that is not offered is refused', async () => {
    const cookie = await signIn(ADMIN.email, ADMIN.password);
    const form = await page('/admin/organization', { cookie });
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Ville de Démo"');
    const bad = await page('/admin/organization', {
      cookie,
      form: { name: 'X', locales: ['en'], defaultLocale: 'fr', registrationMode: 'open' },
    });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad).summary).toEqual(['name', 'defaultLocale', 'identityProviders']);
  });

  it('settings: the time zone and the map are chosen, refused next to their field, kept by a form without them', async () => {
    const cookie = await signIn(ADMIN.email, ADMIN.password);
    const form = await page('/admin/organization', { cookie });
    expect(form.status).toBe(200);
    // A labelled select, its hint tied to it, metropolitan France first and chosen.
    expect(form.text).toMatch(
      /<label for="timeZone"\s*>Fuseau horaire<span class="hint" id="timeZone-hint">/,
    );
    expect(form.text).toMatch(
      /<select\s+id="timeZone"\s+name="timeZone"\s+aria-describedby="timeZone-hint"[^>]*>\s*<option value="Europe\/Paris" selected>\s*France métropolitaine — Europe\/Paris/,
    );
    expect(form.text).toContain('<option value="America/Cayenne" >');
    expect(form.text).toMatch(/<label for="mapTileUrl"[^]*?\{z\} est le niveau de zoom/);
    expect(form.text).toMatch(/<label for="mapAttribution"[^]*?Affichée sur chaque carte/);
    const settings = {
      name: 'Ville de Démo',
      locales: ['fr', 'en'],
      defaultLocale: 'fr',
      registrationMode: 'open',
      identityProviders: ['local', 'franceconnect'],
    };
    const current = async () =>
      (await (await fetch(`${platform.url}/api/identity/organizations/current`)).json()) as {
        timeZone: string;
        mapTileUrl: string | null;
        mapAttribution: string | null;
      };

    const bad = await page('/admin/organization', {
      cookie,
      form: {
        ...settings,
        timeZone: 'Europe/Lutece',
        mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}.png',
        mapAttribution: '',
      },
    });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad)).toEqual({
      summary: ['timeZone', 'mapTileUrl', 'mapAttribution'],
      invalid: ['timeZone', 'mapTileUrl', 'mapAttribution'],
    });
    expect(bad.text).toContain('Choisissez le fuseau horaire de l’organisation.');
    // What the page does not check, identity refuses, and the page says it next to the field.
    const other = await page('/admin/organization', {
      cookie,
      form: {
        ...settings,
        timeZone: 'Europe/Paris',
        mapTileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
        mapAttribution: '© Exemple',
      },
    });
    expect(other.status).toBe(400);
    expect(fieldErrors(other)).toEqual({ summary: ['mapTileUrl'], invalid: ['mapTileUrl'] });
    expect(other.text).toContain('Saisissez une adresse https:// contenant {z}, {x} et {y}');
    expect(await current()).toMatchObject({ timeZone: 'Europe/Paris', mapTileUrl: null });

    const saved = await page('/admin/organization', {
      cookie,
      form: {
        ...settings,
        timeZone: 'America/Cayenne',
        mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        mapAttribution: '© les contributeurs d’OpenStreetMap',
      },
    });
    expect([saved.status, saved.location]).toEqual([303, '/admin/organization?saved=1']);
    try {
      const place = {
        timeZone: 'America/Cayenne',
        mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        mapAttribution: '© les contributeurs d’OpenStreetMap',
      };
      expect(await current()).toMatchObject(place);
      const again = await page('/admin/organization?saved=1', { cookie });
      expect(again.text).toContain('Modifications enregistrées.');
      expect(again.text).toMatch(/<option value="America\/Cayenne" selected>/);
      expect(again.text).toContain('value="https://tile.openstreetmap.org/{z}/{x}/{y}.png"');
      // A settings form without these fields (a page opened before they existed) leaves them alone.
      const older = await page('/admin/organization', { cookie, form: settings });
      expect(older.status).toBe(303);
      expect(await current()).toMatchObject(place);
    } finally {
      const reset = await page('/admin/organization', {
        cookie,
        form: { ...settings, timeZone: 'Europe/Paris', mapTileUrl: '', mapAttribution: '' },
      });
      expect(reset.status).toBe(303);
    }
    expect(await current()).toMatchObject({
      timeZone: 'Europe/Paris',
      mapTileUrl: null,
      mapAttribution: null,
    });
  });

  it('branding set by the administrator shows on every page; a colour too light for white text is refused, naming the field', async () => {
    const cookie = await signIn(ADMIN.email, ADMIN.password);
    const form = await page('/admin/organization/branding', { cookie });
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="primaryColor"');

    const light = await page('/admin/organization/branding', {
      cookie,
      form: { logoUrl: '', primaryColor: '#ffcc00' },
    });
    expect(light.status).toBe(400);
    expect(fieldErrors(light)).toEqual({ summary: ['primaryColor'], invalid: ['primaryColor'] });
    expect(light.text).toMatch(/contraste de 1[.,]\d\d:1/);
    // The API refuses it too, naming the field, whoever calls it.
    const api = await fetch(`${platform.url}/api/identity/organization`, {
      method: 'PATCH',
      headers: { cookie, origin: platform.url, 'content-type': 'application/json' },
      body: JSON.stringify({ primaryColor: '#ffcc00' }),
    });
    expect(api.status).toBe(400);
    expect(
      ((await api.json()) as { errors: { field: string }[] }).errors.map((e) => e.field),
    ).toEqual(['primaryColor']);
    const badLogo = await page('/admin/organization/branding', {
      cookie,
      form: { logoUrl: 'http://ville.example/logo.png', primaryColor: '' },
    });
    expect(fieldErrors(badLogo).summary).toEqual(['logoUrl']);

    const saved = await page('/admin/organization/branding', {
      cookie,
      form: {
        logoUrl: 'https://logo.ville-demo.example/logo.png',
        primaryColor: '#1D4ED8',
        'welcomeText-fr': 'Bienvenue sur la plateforme <b>citoyenne</b> de Démo.',
        'welcomeText-en': 'Welcome to the citizen platform of Démo.',
        'announcement-fr': 'Réunion publique jeudi à 18 h.',
        'announcement-en': '',
      },
    });
    expect([saved.status, saved.location]).toEqual([303, '/admin/organization/branding?saved=1']);
    expect((await page(saved.location as string, { cookie })).text).toContain(
      'Modifications enregistrées.',
    );
    try {
      const home = await page('/');
      expect(home.text).toMatch(
        /<a class="brand" href="\/"><img src="\/assets\/brand\/logo-[0-9a-f]{12}" alt="Ville de Démo" \/><\/a>/,
      );
      expect(home.text).toContain(
        'Bienvenue sur la plateforme &lt;b&gt;citoyenne&lt;/b&gt; de Démo.',
      );
      expect(home.text).toMatch(
        /<section class="announcement" aria-label="Annonce">\s*<div class="wrap">\s*<p>\s*Réunion publique jeudi à 18 h\./,
      );
      // Above the navigation, on every page.
      expect(home.text.indexOf('class="announcement"')).toBeLessThan(home.text.indexOf('<nav'));
      expect((await page('/petitions')).text).toContain('Réunion publique jeudi à 18 h.');
      const css = /<link rel="stylesheet" href="(\/assets\/brand\/[0-9a-f]{12}\.css)"/.exec(
        home.text,
      )?.[1];
      expect(css).toBeDefined();
      const sheet = await fetch(`${platform.url}${css}`);
      expect(sheet.headers.get('content-type')).toContain('text/css');
      expect(sheet.headers.get('cache-control')).toContain('immutable');
      expect(await sheet.text()).toContain('background:#1d4ed8');
      // In English: the English welcome, and no announcement (none was written).
      const en = await page('/?lang=en');
      expect(en.text).toContain('Welcome to the citizen platform of Démo.');
      expect(en.text).not.toContain('class="announcement"');
      // A logo that cannot be fetched is a 404, never an error page.
      const logo = /src="(\/assets\/brand\/logo-[0-9a-f]{12})"/.exec(home.text)?.[1] as string;
      expect((await fetch(`${platform.url}${logo}`)).status).toBe(404);
      expect((await fetch(`${platform.url}/assets/brand/nonsense`)).status).toBe(404);
    } finally {
      const cleared = await page('/admin/organization/branding', {
        cookie,
        form: { logoUrl: '', primaryColor: '', 'welcomeText-fr': '', 'announcement-fr': '' },
      });
      expect(cleared.status).toBe(303);
    }
    const plain = await page('/');
    expect(plain.text).toContain('<a class="brand" href="/">Ville de Démo</a>');
    expect(plain.text).not.toContain('/assets/brand/');
  });

  it('a moderator reaches the moderation queue from /admin, and sees only what a moderator may do', async () => {
    const email = `mo.${Date.now()}@example.org`;
    await register(email, 'correct horse battery', 'Mo Dératrice');
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const granted = await page('/admin/organization/users', {
      cookie: admin,
      form: { email, role: 'moderator' },
    });
    expect(granted.status).toBe(303);
    const cookie = await signIn(email, 'correct horse battery');
    const home = await page('/admin', { cookie });
    expect(home.status).toBe(200);
    expect(home.text).toContain('href="/admin/proposals"');
    // Sections for administrators only are not offered to a moderator.
    expect(home.text).not.toContain('href="/admin/organization/users"');
    const queue = await page('/admin/proposals', { cookie });
    expect(queue.status).toBe(200);
    // The demo's idea box is there, with its moderation page.
    const component = /href="(\/admin\/spaces\/[0-9a-f-]{36}\/proposals\/[0-9a-f-]{36})"/.exec(
      queue.text,
    )?.[1];
    expect(component).toBeDefined();
    expect((await page(`${component}/moderation`, { cookie })).status).toBe(200);
    // The organization's settings stay refused, with a page saying why.
    const users = await page('/admin/organization/users', { cookie });
    expect(users.status).toBe(403);
  });

  it("names an evaluator for one space from the users page, who then reaches that space's proposals", async () => {
    const email = `eva.${Date.now()}@example.org`;
    await register(email, 'correct horse battery', 'Eva Luatrice');
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const form = await page('/admin/organization/users', { cookie: admin });
    expect(form.text).toContain('value="evaluator"');
    // A space with an idea box, as the administrator's proposals page lists them.
    const proposals = await page('/admin/proposals', { cookie: admin });
    const spaceId = /\/admin\/spaces\/([0-9a-f-]{36})\/proposals\//.exec(
      proposals.text,
    )?.[1] as string;
    // The space's page leads to the users page with that space chosen.
    const spacePage = await page(`/admin/spaces/${spaceId}`, { cookie: admin });
    expect(spacePage.text).toContain(
      `href="/admin/organization/users?spaceId=${spaceId}#grant-title"`,
    );
    const preset = await page(`/admin/organization/users?spaceId=${spaceId}`, { cookie: admin });
    expect(preset.text).toMatch(new RegExp(`<option value="${spaceId}"\\s+selected`));
    const spaceTitle = new RegExp(`<option value="${spaceId}"[^>]*>\\s*([^<]+?)\\s*</option>`).exec(
      form.text,
    )?.[1] as string;
    expect(spaceTitle).toBeDefined();
    // A space role without its space, or administration narrowed to one: refused on the field.
    const noSpace = await page('/admin/organization/users', {
      cookie: admin,
      form: { email, role: 'evaluator', spaceId: '' },
    });
    expect(noSpace.status).toBe(400);
    expect(fieldErrors(noSpace)).toEqual({ summary: ['spaceId'], invalid: ['spaceId'] });
    expect(noSpace.text).toContain('Choisissez l’espace auquel ce rôle s’applique.');
    const narrowedAdmin = await page('/admin/organization/users', {
      cookie: admin,
      form: { email, role: 'org-admin', spaceId },
    });
    expect(narrowedAdmin.status).toBe(400);
    expect(fieldErrors(narrowedAdmin).summary).toEqual(['spaceId']);
    const granted = await page('/admin/organization/users', {
      cookie: admin,
      form: { email, role: 'evaluator', spaceId },
    });
    expect([granted.status, granted.location]).toEqual([
      303,
      '/admin/organization/users?done=granted',
    ]);
    const list = await page('/admin/organization/users?done=granted', { cookie: admin });
    const row = list.text.split('<tr>').find((r) => r.includes(email)) ?? '';
    expect(row).toContain('Évaluation');
    expect(row).toContain(spaceTitle);
    const cookie = await signIn(email, 'correct horse battery');
    expect((await page('/admin', { cookie })).text).toContain('href="/admin/proposals"');
    const queue = await page('/admin/proposals', { cookie });
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`/admin/spaces/${spaceId}/proposals/`);
  });

  it('signs people in back to the page they came from, and an administrator with no page in particular into /admin', async () => {
    // The header's sign-in link carries the page it is on.
    const petitions = await page('/petitions');
    expect(petitions.text).toContain('href="/sign-in?returnTo=%2Fpetitions"');
    expect((await page('/')).text).toContain('href="/sign-in"');
    const back = await page('/sign-in', {
      form: { email: ADMIN.email, password: ADMIN.password, returnTo: '/petitions' },
    });
    expect([back.status, back.location]).toEqual([303, '/petitions']);
    // From the bare sign-in page: the administrator lands in the back-office, a participant at home.
    const admin = await page('/sign-in', {
      form: { email: ADMIN.email, password: ADMIN.password, returnTo: '/' },
    });
    expect([admin.status, admin.location]).toEqual([303, '/sign-in/next']);
    const landing = await page('/sign-in/next', { cookie: sessionCookie(admin) });
    expect([landing.status, landing.location]).toEqual([303, '/admin']);
    const email = `pat.${Date.now()}@example.org`;
    await register(email, 'correct horse battery', 'Pat Participante');
    const participant = await page('/sign-in', {
      form: { email, password: 'correct horse battery', returnTo: '/' },
    });
    const home = await page('/sign-in/next', { cookie: sessionCookie(participant) });
    expect([home.status, home.location]).toEqual([303, '/']);
  });

  it('users and roles: grants a role by email, refuses unknown and duplicate grants, revokes, keeps the last administrator', async () => {
    const email = `eve.${Date.now()}@example.org`;
    await register(email, 'correct horse battery', 'Eve Moderatrice');
    const cookie = await signIn(ADMIN.email, ADMIN.password);
    const list = await page('/admin/organization/users', { cookie });
    expect(list.status).toBe(200);
    expect(list.text).toContain(ADMIN.email);
    expect(list.text).toContain('<caption');

    const granted = await page('/admin/organization/users', {
      cookie,
      form: { email, role: 'moderator' },
    });
    expect([granted.status, granted.location]).toEqual([
      303,
      '/admin/organization/users?done=granted',
    ]);
    const after = await page('/admin/organization/users?done=granted', { cookie });
    expect(after.text).toContain('Le rôle est attribué.');
    expect(after.text).toContain(email);

    const twice = await page('/admin/organization/users', {
      cookie,
      form: { email, role: 'moderator' },
    });
    expect(twice.status).toBe(409);
    expect(fieldErrors(twice)).toEqual({ summary: ['email'], invalid: ['email'] });
    expect(twice.text).toContain('Ce compte a déjà ce rôle.');
    const unknown = await page('/admin/organization/users', {
      cookie,
      form: { email: 'nobody@example.org', role: 'moderator' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Aucun compte de Ville de Démo n’a cette adresse.');
    const noRole = await page('/admin/organization/users', {
      cookie,
      form: { email, role: 'platform-operator' },
    });
    expect(noRole.status).toBe(400);
    expect(fieldErrors(noRole).summary).toEqual(['role']);

    const grantId = (who: string, role: string, text: string) => {
      const rows = text.split(/<tr[\s>]/).filter((r) => r.includes(who) && r.includes(role));
      return /\/admin\/organization\/users\/([0-9a-f-]{36})\/revoke/.exec(
        rows[0] ?? '',
      )?.[1] as string;
    };
    const eveGrant = grantId(email, 'Modération', after.text);
    // Taking a role back asks first, on a page of its own: nothing changes until it is confirmed.
    const asked = await page(`/admin/organization/users/${eveGrant}/revoke`, { cookie, form: {} });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('<h1>Retirer le rôle « Modération » à Eve Moderatrice ?</h1>');
    expect(asked.text).toContain(`Eve Moderatrice (${email}) n’aura plus le rôle « Modération »`);
    expect(asked.text).toContain('Cela ne pourra pas être défait :');
    expect(asked.text).toContain('la personne perd cet accès dès sa page suivante');
    expect(asked.text).toContain('<input type="hidden" name="confirmed" value="yes" />');
    expect(asked.text).toContain(`action="/admin/organization/users/${eveGrant}/revoke"`);
    expect(asked.text).toContain('href="/admin/organization/users">Revenir sans rien faire</a>');
    // Confirmed from another site: refused (by the gateway first), nothing taken back.
    const crossSite = await page(`/admin/organization/users/${eveGrant}/revoke`, {
      cookie,
      form: { confirmed: 'yes' },
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(
      grantId(email, 'Modération', (await page('/admin/organization/users', { cookie })).text),
    ).toBe(eveGrant);
    const revoked = await page(`/admin/organization/users/${eveGrant}/revoke`, {
      cookie,
      form: { confirmed: 'yes' },
    });
    expect([revoked.status, revoked.location]).toEqual([
      303,
      '/admin/organization/users?done=revoked',
    ]);
    expect((await page('/admin/organization/users', { cookie })).text).not.toContain(email);

    const adminGrant = grantId(ADMIN.email, 'Administration', list.text);
    // One's own administration: the page says who alone can give it back.
    const own = await page(`/admin/organization/users/${adminGrant}/revoke`, { cookie, form: {} });
    expect(own.status).toBe(200);
    expect(own.text).toContain('vous perdez vous-même cet accès dès votre page suivante');
    const last = await page(`/admin/organization/users/${adminGrant}/revoke`, {
      cookie,
      form: { confirmed: 'yes' },
    });
    expect(last.status).toBe(409);
    expect(last.text).toContain('c’est le dernier compte qui administre Ville de Démo');
    expect(last.text).toContain('role="alert"');
    expect((await page('/admin/organization/users', { cookie })).status).toBe(200);
  });
});
