/**
 * Login CSRF through the gateway: a page on another site must not sign a
 * visitor in (or register, or ask a reset) in someone's name, with or without
 * a session cookie. The API takes JSON bodies only (a form post or a
 * text/plain fetch is a "simple request" a browser sends cross-site without
 * asking), and a browser's cross-site write is refused by Origin or
 * Sec-Fetch-Site. Each refusal is logged as a security event, without
 * personal data.
 */
import request from 'supertest';
import { JsonLogger } from '@palabre/observability';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ADMIN = { email: 'admin@demo.palabre.test', password: 'palabre-demo-admin' };

describe.each(testDatabaseTargets())('login CSRF through the gateway on $name', (target) => {
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  const logs: string[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform(target, {
      only: ['identity'],
      logger: new JsonLogger('test', 'info', (line) => logs.push(line)),
    });
    server = platform.gateway.getHttpServer();
  });
  afterAll(() => platform.stop());

  const sessions = async () =>
    (await platform.db.query(`SELECT 1 FROM identity.sessions WHERE revoked_at IS NULL`)).length;
  const sessionCookie = (r: request.Response) =>
    ((r.headers['set-cookie'] as unknown as string[] | undefined) ?? []).some((c) =>
      /^palabre_session=[^;]/.test(c),
    );
  const securityEvents = () =>
    logs.map((l) => JSON.parse(l)).filter((l) => l.security_event === 'request.cross-site-refused');

  it('signs in with a JSON body from this site, and from a client that names no origin', async () => {
    const fromSite = await request(server)
      .post('/api/identity/sessions')
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost')
      .set('Sec-Fetch-Site', 'same-origin')
      .send(ADMIN)
      .expect(201);
    expect(sessionCookie(fromSite)).toBe(true);
    const script = await request(server)
      .post('/api/identity/sessions')
      .set('Host', 'localhost')
      .send(ADMIN)
      .expect(201);
    expect(sessionCookie(script)).toBe(true);
  });

  it.each([
    ['a form post', 'application/x-www-form-urlencoded', new URLSearchParams(ADMIN).toString()],
    ['a multipart form', 'multipart/form-data; boundary=x', `--x\r\n--x--\r\n`],
    ['a text/plain fetch', 'text/plain', JSON.stringify(ADMIN)],
  ])('refuses %s with 415 even from this site, and signs nobody in', async (_, type, body) => {
    const before = await sessions();
    const r = await request(server)
      .post('/api/identity/sessions')
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost')
      .set('Content-Type', type)
      .send(body)
      .expect(415);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body.type).toBe('urn:palabre:json-only');
    expect(sessionCookie(r)).toBe(false);
    expect(await sessions()).toBe(before);
  });

  it.each([
    ['Origin of another site', { Origin: 'https://evil.example' }],
    ['Origin "null" (a sandboxed page)', { Origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling sub-domain)', { 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses a JSON sign-in with %s though it carries no session cookie', async (_, headers) => {
    const before = await sessions();
    logs.length = 0;
    const r = await request(server)
      .post('/api/identity/sessions')
      .set('Host', 'localhost')
      .set(headers)
      .send(ADMIN)
      .expect(403);
    expect(r.body.type).toBe('urn:palabre:csrf');
    expect(sessionCookie(r)).toBe(false);
    expect(await sessions()).toBe(before);
    const [event] = securityEvents();
    expect(event).toMatchObject({ method: 'POST', path: '/api/identity/sessions' });
    expect(JSON.stringify(event)).not.toContain(ADMIN.email);
  });

  it('refuses cross-site registration and password-reset requests: no mail leaves', async () => {
    const mails = platform.mail!.list().length;
    for (const path of ['/api/identity/password-resets', '/api/identity/registrations']) {
      await request(server)
        .post(path)
        .set('Host', 'localhost')
        .set('Origin', 'https://evil.example')
        .send({ email: ADMIN.email })
        .expect(403);
      await request(server)
        .post(path)
        .set('Host', 'localhost')
        .type('form')
        .send({ email: ADMIN.email })
        .expect(415);
    }
    expect(platform.mail!.list()).toHaveLength(mails);
  });
});
