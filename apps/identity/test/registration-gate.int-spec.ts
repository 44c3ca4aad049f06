/**
 * What stands between a script and a new account (ADR 0041): the challenge a
 * registration comes with passes with a solved proof of work (ALTCHA, as the
 * browser's widget sends it, solved here with the library's own solver) or
 * the text question's answer; a proof of another challenge, a forged or
 * replayed one, or no answer at all is refused naming the field; a form sent
 * back sooner than REGISTRATION_MIN_SECONDS is refused; and the honeypot
 * answers as usual while creating nothing.
 */
import { solveChallenge } from 'altcha-lib/v1';
import request from 'supertest';
import type { IdentityCaptchaView } from '@palabre/contracts';
import type { InternalIdentity } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { identityService } from '../src/identity.definition';

const MIN_SECONDS = 2;

describe.each(testDatabaseTargets())('the registration gate on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];
  let visitor: InternalIdentity;
  const operator: InternalIdentity = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    grants: [{ role: 'platform-operator' }],
  };
  const before = process.env.REGISTRATION_MIN_SECONDS;

  beforeAll(async () => {
    process.env.REGISTRATION_MIN_SECONDS = String(MIN_SECONDS);
    booted = await bootService(identityService, { database: target.open });
    server = booted.service.app.getHttpServer();
    const created = await request(server)
      .post('/organizations')
      .set(...(await booted.as(operator)))
      .send({
        slug: 'ville-gate',
        name: 'Ville du portail',
        hosts: ['gate.example'],
        defaultLocale: 'fr',
      })
      .expect(201);
    visitor = { organizationId: created.body.id, grants: [] };
  });
  afterAll(async () => {
    process.env.REGISTRATION_MIN_SECONDS = before;
    await booted?.close();
  });

  const captcha = async (): Promise<IdentityCaptchaView> =>
    (
      await request(server)
        .get('/captcha')
        .set(...(await booted.as(visitor)))
        .expect(200)
    ).body;

  /** The payload the widget posts: the challenge and the number it found, base64 JSON. */
  async function solve(c: IdentityCaptchaView): Promise<string> {
    const { promise } = solveChallenge(
      c.proof.challenge,
      c.proof.salt,
      c.proof.algorithm,
      c.proof.maxnumber,
    );
    const solution = await promise;
    expect(solution).not.toBeNull();
    return Buffer.from(
      JSON.stringify({
        algorithm: c.proof.algorithm,
        challenge: c.proof.challenge,
        number: solution!.number,
        salt: c.proof.salt,
        signature: c.proof.signature,
      }),
    ).toString('base64');
  }

  const register = async (email: string, body: object) =>
    request(server)
      .post('/registrations')
      .set(...(await booted.as(visitor)))
      .send({ email, password: 'correct horse battery', displayName: 'Portail', ...body });

  const wait = () => new Promise((r) => setTimeout(r, MIN_SECONDS * 1000 + 100));

  it('gives a proof-of-work challenge with the question, and a solved proof opens that registration once', async () => {
    const c = await captcha();
    expect(c.proof).toMatchObject({ algorithm: 'SHA-256', maxnumber: 50_000 });
    expect(c.proof.salt).toContain(`id=${c.id}`);
    const proof = await solve(c);
    await wait();
    expect((await register('proof@example.org', { captchaId: c.id, proof })).status).toBe(202);
    const [row] = await booted.db.query(
      `SELECT count(*)::int AS n FROM identity.users WHERE email = 'proof@example.org'`,
    );
    expect(row.n).toBe(1);
    // The same proof again, even with a new question's id: refused.
    const next = await captcha();
    await wait();
    const replay = await register('replay@example.org', { captchaId: next.id, proof });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('CAPTCHA_FAILED');
  });

  it('refuses a forged proof, and a registration with neither proof nor answer, naming the field', async () => {
    const c = await captcha();
    await wait();
    const forged = Buffer.from(
      JSON.stringify({ ...c.proof, number: 1, maxnumber: undefined }),
    ).toString('base64');
    const refused = await register('forged@example.org', { captchaId: c.id, proof: forged });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('CAPTCHA_FAILED');
    const nothing = await register('nothing@example.org', { captchaId: (await captcha()).id });
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors.map((e: { field: string }) => e.field)).toContain('captchaAnswer');
  });

  it('refuses a form sent back sooner than a person fills it; the answer still works later', async () => {
    const c = await captcha();
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(c.question.en)!;
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const answer = String(words.indexOf(a) + words.indexOf(b));
    const fast = await register('fast@example.org', { captchaId: c.id, captchaAnswer: answer });
    expect(fast.status).toBe(400);
    expect(fast.body.code).toBe('REGISTRATION_TOO_FAST');
    const again = await captcha();
    const [, a2, b2] = /What is (\w+) plus (\w+)\?/.exec(again.question.en)!;
    await wait();
    const slow = await register('fast@example.org', {
      captchaId: again.id,
      captchaAnswer: String(words.indexOf(a2) + words.indexOf(b2)),
    });
    expect(slow.status).toBe(202);
  });
});
