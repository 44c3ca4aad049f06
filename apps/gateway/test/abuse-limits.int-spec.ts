/**
 * Identity's abuse limits through the gateway: wrong passwords pause sign-in
 * for one account (and for one address), the owner is told once, and one
 * address gets only a few account mails, while every answer stays the one a
 * stranger would get for an address with no account.
 */
import request from 'supertest';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { SITE_CLIENT_HEADER, SiteClientSeal } from '../src/routing/site-client';
import { startTestPlatform } from './test-platform';

const ORIGIN = 'http://localhost';
const PASSWORD = 'correct horse battery';
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const MAX_FAILURES = 3;
const MAX_FAILURES_PER_ADDRESS = 8;
const MAILS_PER_ADDRESS = 3;

describe.each(testDatabaseTargets())('abuse limits through the gateway on $name', (target) => {
  // Each test signs in from its own address (web's sealed visitor address), as different people would.
  const seal = SiteClientSeal.fromSecret('abuse limits test key');
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;

  beforeAll(async () => {
    platform = await startTestPlatform(target, {
      only: ['identity'],
      siteClientSeal: seal,
      env: {
        ...process.env,
        SIGN_IN_MAX_FAILURES: String(MAX_FAILURES),
        SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(MAX_FAILURES_PER_ADDRESS),
        ACCOUNT_MAILS_PER_ADDRESS: String(MAILS_PER_ADDRESS),
      },
    });
    server = platform.gateway.getHttpServer();
  });
  afterAll(() => platform.stop());

  const post = (path: string, body: object, from = '198.51.100.1') =>
    request(server)
      .post(path)
      .set('Host', 'localhost')
      .set('Origin', ORIGIN)
      .set(SITE_CLIENT_HEADER, seal.seal(from))
      .send(body);
  const signIn = (email: string, password: string, from?: string) =>
    post('/api/identity/sessions', { email, password }, from);

  async function solveCaptcha() {
    const { body } = await request(server)
      .get('/api/identity/captcha')
      .set('Host', 'localhost')
      .expect(200);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(body.question.en)!;
    return {
      captchaId: body.id as string,
      captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
    };
  }

  const register = async (email: string) =>
    post('/api/identity/registrations', {
      email,
      password: PASSWORD,
      displayName: 'Résidente',
      ...(await solveCaptcha()),
    }).expect(202);

  async function registerAndConfirm(email: string) {
    await register(email);
    const mail = await platform.mail!.waitFor(email, /confirmez/);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await post('/api/identity/registrations/confirm', { token }).expect(204);
  }

  const mailsTo = (email: string, subject?: RegExp) =>
    platform.mail!.list(email).filter((m) => !subject || subject.test(m.subject));

  it("pauses one account's sign-in after a few wrong passwords, even for the right one, and tells its owner once", async () => {
    await registerAndConfirm('victim@example.org');
    await registerAndConfirm('neighbour@example.org');
    const from = '203.0.113.10';

    const statuses = [];
    for (let i = 0; i < MAX_FAILURES; i++)
      statuses.push((await signIn('victim@example.org', `guess number ${i}`, from)).status);
    expect(statuses).toEqual([401, 401, 429]);

    const right = await signIn('victim@example.org', PASSWORD, from).expect(429);
    expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.body).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(right.headers['set-cookie']).toBeUndefined();
    // From anywhere: the pause is the account's, not the address's.
    await signIn('victim@example.org', PASSWORD, '192.0.2.77').expect(429);
    for (let i = 0; i < 5; i++)
      await signIn('victim@example.org', `another guess ${i}`, from).expect(429);

    // Another account, even from the same address, is not affected.
    await signIn('neighbour@example.org', PASSWORD, from).expect(201);

    await platform.mail!.waitFor('victim@example.org', /connexion à votre compte suspendue/);
    expect(mailsTo('victim@example.org', /suspendue/)).toHaveLength(1);
    expect(mailsTo('victim@example.org', /suspendue/)[0].text).toMatch(
      /Mot de passe oublié[\s\S]*Forgot your password/,
    );
    expect(mailsTo('neighbour@example.org', /suspendue/)).toHaveLength(0);
  });

  it('checks no more passwords for a burst of parallel guesses than for a sequence', async () => {
    await registerAndConfirm('burst@example.org');
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signIn('burst@example.org', `parallel ${i}`, '203.0.113.40'),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - (MAX_FAILURES - 1));
    await signIn('burst@example.org', PASSWORD, '203.0.113.40').expect(429);
  });

  it('answers an email with no account exactly like one with an account', async () => {
    await registerAndConfirm('real@example.org');
    const answers = async (email: string, from: string) => {
      const out = [];
      for (let i = 0; i <= MAX_FAILURES; i++) {
        const r = await signIn(email, `wrong password ${i}`, from);
        out.push({ status: r.status, code: r.body.code, detail: r.body.detail });
      }
      return out;
    };
    const real = await answers('real@example.org', '203.0.113.20');
    const none = await answers('nobody-here@example.org', '203.0.113.21');
    expect(real.map((a) => a.status)).toEqual([401, 401, 429, 429]);
    expect(none).toEqual(real);
  });

  it('pauses sign-in from one address that tries many accounts, and only from there', async () => {
    await registerAndConfirm('walker@example.org');
    const from = '203.0.113.30';
    const statuses = [];
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
      statuses.push((await signIn(`target-${i}@example.org`, 'not the password', from)).status);
    expect(statuses).toEqual([...Array(MAX_FAILURES_PER_ADDRESS - 1).fill(401), 429]);
    const refused = await signIn('walker@example.org', PASSWORD, from).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await signIn('walker@example.org', PASSWORD, '203.0.113.31').expect(201);
  });

  it('ends the pause when the owner chooses a new password through the mailed link', async () => {
    await registerAndConfirm('owner@example.org');
    for (let i = 0; i < MAX_FAILURES; i++) await signIn('owner@example.org', `guess ${i}`);
    await signIn('owner@example.org', PASSWORD).expect(429);
    await post('/api/identity/password-resets', { email: 'owner@example.org' }).expect(202);
    const mail = await platform.mail!.waitFor('owner@example.org', /nouveau mot de passe/);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await post('/api/identity/password-resets/complete', {
      token,
      password: 'a brand new passphrase',
    }).expect(204);
    await signIn('owner@example.org', 'a brand new passphrase').expect(201);
  });

  it('sends one address a few account mails at most, and answers every request the same', async () => {
    // Password resets for an account: the confirmation mail was the first of its share.
    await registerAndConfirm('flooded@example.org');
    for (let i = 0; i < 6; i++)
      await post('/api/identity/password-resets', { email: 'flooded@example.org' }).expect(202);
    expect(mailsTo('flooded@example.org')).toHaveLength(MAILS_PER_ADDRESS);

    // Registrations with an address: one confirmation, then "you already have an account".
    for (let i = 0; i < 5; i++) await register('signed-up-twice@example.org');
    expect(mailsTo('signed-up-twice@example.org')).toHaveLength(MAILS_PER_ADDRESS);

    // Another address still gets its mail.
    await post('/api/identity/password-resets', { email: 'victim@example.org' }).expect(202);
    await platform.mail!.waitFor('victim@example.org', /nouveau mot de passe/);
  });
});
