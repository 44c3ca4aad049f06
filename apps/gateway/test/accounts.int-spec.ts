/**
 * Local accounts end to end, as a browser would use them through the gateway:
 * CAPTCHA, registration, mailed confirmation, sign-in cookie, sessions,
 * password reset, CSRF, blocking by a moderator and by the antispam service.
 */
import request from 'supertest';
import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { Topics } from '@palabre/contracts';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ORIGIN = 'http://localhost';
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

describe.each(testDatabaseTargets())('local accounts through the gateway on $name', (target) => {
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;

  beforeAll(async () => {
    platform = await startTestPlatform(target, { only: ['identity'] });
    server = platform.gateway.getHttpServer();
  });
  afterAll(() => platform.stop());

  const get = (path: string, cookie?: string) => {
    const r = request(server).get(path).set('Host', 'localhost');
    return cookie ? r.set('Cookie', cookie) : r;
  };
  const post = (path: string, body: object, cookie?: string) => {
    const r = request(server).post(path).set('Host', 'localhost').set('Origin', ORIGIN).send(body);
    return cookie ? r.set('Cookie', cookie) : r;
  };

  async function solveCaptcha() {
    const { body } = await get('/api/identity/captcha').expect(200);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(body.question.en)!;
    expect(body.question.fr).toMatch(/^Combien font/);
    return {
      captchaId: body.id as string,
      captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
    };
  }

  const tokenFrom = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1];

  async function registerAndConfirm(email: string, password = 'correct horse battery') {
    await post('/api/identity/registrations', {
      email,
      password,
      displayName: 'Alice',
      ...(await solveCaptcha()),
    }).expect(202);
    const mail = await platform.mail!.waitFor(email, /confirmez/);
    await post('/api/identity/registrations/confirm', { token: tokenFrom(mail.text) }).expect(204);
  }

  async function signIn(email: string, password = 'correct horse battery') {
    const r = await post('/api/identity/sessions', { email, password }).expect(201);
    const cookie = (r.headers['set-cookie'] as unknown as string[])[0];
    return { cookie: cookie.split(';')[0], raw: cookie };
  }

  const userId = async (email: string) =>
    (
      await platform.db.query<{ id: string }>(`SELECT id FROM identity.users WHERE email = $1`, [
        email,
      ])
    )[0].id;

  it('answers a script that filled the hidden trap field as usual, and creates nothing', async () => {
    const email = 'trapped@example.org';
    const captcha = await solveCaptcha();
    const trapped = await post('/api/identity/registrations', {
      email,
      password: 'correct horse battery',
      displayName: 'Robot',
      website: 'https://cheap-backlinks.example',
      ...captcha,
    }).expect(202);
    // The same answer as a real registration: nothing tells the script it was caught.
    const real = await post('/api/identity/registrations', {
      email: 'not-trapped@example.org',
      password: 'correct horse battery',
      displayName: 'Personne',
      ...(await solveCaptcha()),
    }).expect(202);
    expect(trapped.body).toEqual(real.body);
    await platform.mail!.waitFor('not-trapped@example.org', /confirmez/);
    expect(platform.mail!.list(email)).toEqual([]);
    // Nothing was created and the question was not spent: a person may use both.
    await post('/api/identity/registrations', {
      email,
      password: 'correct horse battery',
      displayName: 'Personne',
      ...captcha,
    }).expect(202);
    await platform.mail!.waitFor(email, /confirmez/);
  });

  it('registers with a text CAPTCHA, confirms by mail, then signs in with a safe cookie', async () => {
    const email = 'alice@example.org';
    await post('/api/identity/registrations', {
      email,
      password: 'correct horse battery',
      displayName: 'Alice',
      ...(await solveCaptcha()),
    }).expect(202);
    const mail = await platform.mail!.waitFor(email, /confirmez/);
    expect(mail.text).toContain('http://localhost/account/confirm?token=');
    const early = await post('/api/identity/sessions', {
      email,
      password: 'correct horse battery',
    }).expect(403);
    expect(early.body.code).toBe('EMAIL_NOT_CONFIRMED');
    await post('/api/identity/registrations/confirm', { token: tokenFrom(mail.text) }).expect(204);
    await post('/api/identity/registrations/confirm', { token: tokenFrom(mail.text) }).expect(400);

    const { cookie, raw } = await signIn(email);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).not.toMatch(/Secure/i); // localhost only
    const me = await get('/api/identity/me', cookie).expect(200);
    expect(me.body).toMatchObject({
      kind: 'account',
      email,
      displayName: 'Alice',
      emailConfirmed: true,
    });
    const list = await get('/api/identity/sessions', cookie).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0].current).toBe(true);
    // The stored password is an argon2id hash.
    const [row] = await platform.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM identity.users WHERE email = $1`,
      [email],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("mails links to the organization's primary host, not to the Host and port the request named", async () => {
    const email = 'ports@example.org';
    const elsewhere = (r: request.Test) =>
      r.set('Host', '127.0.0.1:8443').set('Origin', 'http://127.0.0.1:8443');
    await elsewhere(request(server).post('/api/identity/registrations'))
      .send({
        email,
        password: 'correct horse battery',
        displayName: 'Ports',
        ...(await solveCaptcha()),
      })
      .expect(202);
    const mail = await platform.mail!.waitFor(email, /confirmez/);
    // The demo city's primary host is localhost; the test platform listens on no fixed port.
    expect(mail.text).toContain('http://localhost/account/confirm?token=');
    expect(mail.text).not.toContain('8443');
  });

  it('refuses a wrong or reused CAPTCHA answer and writes nothing', async () => {
    const c = await solveCaptcha();
    const wrong = String(Number(c.captchaAnswer) + 1);
    const r = await post('/api/identity/registrations', {
      email: 'bot@example.org',
      password: 'xxxxxxxxxxxx',
      displayName: 'Bot',
      captchaId: c.captchaId,
      captchaAnswer: wrong,
    }).expect(400);
    expect(r.body.code).toBe('CAPTCHA_FAILED');
    await post('/api/identity/registrations', {
      email: 'bot@example.org',
      password: 'xxxxxxxxxxxx',
      displayName: 'Bot',
      ...c,
    }).expect(400);
    expect(
      await platform.db.query(`SELECT 1 FROM identity.users WHERE email = 'bot@example.org'`),
    ).toHaveLength(0);
  });

  it('names invalid fields, and answers a taken email exactly like a new one', async () => {
    const bad = await post('/api/identity/registrations', {
      email: 'not-an-email',
      password: 'short',
      displayName: 'A',
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['email', 'password', 'captchaId']),
    );
    const again = await post('/api/identity/registrations', {
      email: 'alice@example.org',
      password: 'another long password',
      displayName: 'Eve',
      ...(await solveCaptcha()),
    }).expect(202);
    expect(again.body.message).toMatch(/on its way/);
    await platform.mail!.waitFor('alice@example.org', /déjà un compte/);
    expect(
      await platform.db.query(`SELECT 1 FROM identity.users WHERE email = 'alice@example.org'`),
    ).toHaveLength(1);
  });

  it('creates one account when the same email registers twice at once', async () => {
    const email = `twice-${randomUUID().slice(0, 6)}@example.org`;
    const [a, b] = await Promise.all([solveCaptcha(), solveCaptcha()]);
    const body = { email, password: 'correct horse battery', displayName: 'Twice' };
    const results = await Promise.all([
      post('/api/identity/registrations', { ...body, ...a }),
      post('/api/identity/registrations', { ...body, ...b }),
    ]);
    expect(results.map((r) => r.status)).toEqual([202, 202]);
    expect(
      await platform.db.query(`SELECT 1 FROM identity.users WHERE email = $1`, [email]),
    ).toHaveLength(1);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await post('/api/identity/sessions', {
      email: 'nobody@example.org',
      password: 'whatever-long',
    }).expect(401);
    const wrong = await post('/api/identity/sessions', {
      email: 'alice@example.org',
      password: 'whatever-long',
    }).expect(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('refuses cookie-authenticated writes from another site (CSRF)', async () => {
    const { cookie } = await signIn('alice@example.org');
    const evil = await request(server)
      .post('/auth/logout')
      .set('Host', 'localhost')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .expect(403);
    expect(evil.body.type).toBe('urn:palabre:csrf');
    await request(server)
      .post('/auth/logout')
      .set('Host', 'localhost')
      .set('Cookie', cookie)
      .expect(403);
    await get('/api/identity/me', cookie).expect(200);
  });

  it('signs out with /auth/logout and the cookie stops working', async () => {
    const { cookie } = await signIn('alice@example.org');
    const r = await post('/auth/logout', {}, cookie).expect(204);
    expect(String(r.headers['set-cookie'])).toMatch(/palabre_session=;/);
    await new Promise((res) => setTimeout(res, 2_100));
    await get('/api/identity/me', cookie).expect(401);
    // A sign-out form in a page (no JavaScript) goes back to the home page.
    const other = (await signIn('alice@example.org')).cookie;
    const form = await request(server)
      .post('/auth/logout')
      .set('Host', 'localhost')
      .set('Origin', ORIGIN)
      .set('Cookie', other)
      .type('form')
      .send('')
      .expect(303);
    expect(form.headers.location).toBe('/');
  });

  it('resets a forgotten password by mail and signs every old session out', async () => {
    const email = 'bob@example.org';
    await registerAndConfirm(email);
    const { cookie } = await signIn(email);
    await post('/api/identity/password-resets', { email }).expect(202);
    await post('/api/identity/password-resets', { email: 'nobody@example.org' }).expect(202);
    const mail = await platform.mail!.waitFor(email, /nouveau mot de passe/);
    await post('/api/identity/password-resets/complete', {
      token: tokenFrom(mail.text),
      password: 'a brand new passphrase',
    }).expect(204);
    await new Promise((res) => setTimeout(res, 2_100));
    await get('/api/identity/me', cookie).expect(401);
    await post('/api/identity/sessions', { email, password: 'correct horse battery' }).expect(401);
    await signIn(email, 'a brand new passphrase');
  });

  it('lets a moderator block an account: sessions end within seconds, sign-in refused, unblock restores', async () => {
    const email = 'carol@example.org';
    await registerAndConfirm(email);
    const victim = await signIn(email);
    await registerAndConfirm('mod@example.org');
    const orgId = (
      await platform.db.query<{ id: string }>(
        `SELECT id FROM identity.organizations WHERE slug = 'demo'`,
      )
    )[0].id;
    await platform.db.query(
      `INSERT INTO identity.grants (organization_id, user_id, role) VALUES ($1, $2, 'moderator')`,
      [orgId, await userId('mod@example.org')],
    );
    const mod = await signIn('mod@example.org');
    const plain = await signIn('alice@example.org');
    const target = await userId(email);

    await post(`/api/identity/users/${target}/block`, { reason: 'spam' }, plain.cookie).expect(403);
    await post(`/api/identity/users/${target}/block`, { reason: 'spam' }, mod.cookie).expect(204);
    await post(`/api/identity/users/${target}/block`, {}, mod.cookie).expect(409);
    const started = Date.now();
    while ((await get('/api/identity/me', victim.cookie)).status === 200) {
      expect(Date.now() - started).toBeLessThan(5_000);
      await new Promise((res) => setTimeout(res, 100));
    }
    const refused = await post('/api/identity/sessions', {
      email,
      password: 'correct horse battery',
    }).expect(403);
    expect(refused.body.code).toBe('ACCOUNT_BLOCKED');
    await post(`/api/identity/users/${target}/unblock`, {}, mod.cookie).expect(204);
    await signIn(email);
    const log = await platform.db.query<{ action: string; source: string }>(
      `SELECT action, source FROM identity.blocks WHERE user_id = $1 ORDER BY created_at`,
      [target],
    );
    expect(log).toEqual([
      { action: 'block', source: 'moderator' },
      { action: 'unblock', source: 'moderator' },
    ]);
    // A moderator cannot lock an administrator out.
    await registerAndConfirm('admin@example.org');
    const admin = await userId('admin@example.org');
    await platform.db.query(
      `INSERT INTO identity.grants (organization_id, user_id, role) VALUES ($1, $2, 'org-admin')`,
      [orgId, admin],
    );
    const protectedAdmin = await post(`/api/identity/users/${admin}/block`, {}, mod.cookie).expect(
      403,
    );
    expect(protectedAdmin.body.code).toBe('PROTECTED_ACCOUNT');
  });

  it('enforces the antispam service block decision, once', async () => {
    const email = 'dave@example.org';
    await registerAndConfirm(email);
    const { cookie } = await signIn(email);
    const target = await userId(email);
    const orgId = (
      await platform.db.query<{ id: string }>(
        `SELECT id FROM identity.organizations WHERE slug = 'demo'`,
      )
    )[0].id;
    const decision = {
      id: randomUUID(),
      topic: Topics.AntispamUserBlockedV1,
      key: target,
      headers: {},
      payload: { userId: target, organizationId: orgId, reason: 'spam-score' },
    };
    await platform.bus.transport.send([decision]);
    await platform.bus.transport.send([decision]);
    const started = Date.now();
    while ((await get('/api/identity/me', cookie)).status === 200) {
      expect(Date.now() - started).toBeLessThan(8_000);
      await new Promise((res) => setTimeout(res, 100));
    }
    await new Promise((res) => setTimeout(res, 300));
    const log = await platform.db.query(`SELECT source FROM identity.blocks WHERE user_id = $1`, [
      target,
    ]);
    expect(log).toEqual([{ source: 'antispam' }]);
  });

  it('exports my data and erases my account on request', async () => {
    const email = 'erin@example.org';
    await registerAndConfirm(email);
    const { cookie } = await signIn(email);
    const exported = await get('/api/identity/me/export', cookie)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    // Identity alone here: its file, and a README naming the services this platform does not run.
    const files = unzipSync(new Uint8Array(exported.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'identity.json']);
    expect(strFromU8(files['README.txt'])).toContain('proposals, budgeting, petitions');
    const identity = JSON.parse(strFromU8(files['identity.json']));
    expect(identity).toMatchObject({
      format: 'palabre.identity.export.v2',
      account: { email, displayName: 'Alice' },
    });
    expect(identity.sessions.length).toBeGreaterThan(0);
    const id = await userId(email);
    await request(server)
      .delete('/api/identity/me')
      .set('Host', 'localhost')
      .set('Origin', ORIGIN)
      .set('Cookie', cookie)
      .expect(204);
    const [row] = await platform.db.query(
      `SELECT email, display_name, password_hash, status FROM identity.users WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      email: null,
      display_name: null,
      password_hash: null,
      status: 'deleted',
    });
    await new Promise((res) => setTimeout(res, 2_100));
    await get('/api/identity/me', cookie).expect(401);
    await post('/api/identity/sessions', { email, password: 'correct horse battery' }).expect(401);
  });

  it('refuses registration where the organization opens accounts by invitation only', async () => {
    await platform.db.query(
      `UPDATE identity.organizations SET registration_mode = 'invitation' WHERE slug = 'demo'`,
    );
    try {
      const r = await post('/api/identity/registrations', {
        email: 'late@example.org',
        password: 'correct horse battery',
        displayName: 'Late',
        ...(await solveCaptcha()),
      }).expect(403);
      expect(r.body.code).toBe('REGISTRATION_CLOSED');
    } finally {
      await platform.db.query(
        `UPDATE identity.organizations SET registration_mode = 'open' WHERE slug = 'demo'`,
      );
    }
  });
});
