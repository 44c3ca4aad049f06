/**
 * Issue 20's "done when", across services: a new resident writes a
 * proposal; a neighbour comments on it and the city answers it; the
 * resident hears of the answer at once by mail and sees both on their
 * notifications page (the comment waits for the daily summary, as
 * chosen by default), and the page is read once seen.
 */
import request from 'supertest';
import { testDatabaseTargets, until } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ORIGIN = 'http://localhost';
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const PASSWORD = 'correct horse battery';

describe.each(testDatabaseTargets().slice(0, 1))('what became of it, on $name', (target) => {
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  let componentId: string;

  const get = (path: string, cookie?: string) => {
    const r = request(server).get(path).set('Host', 'localhost').set('Cache-Control', 'no-cache');
    return cookie ? r.set('Cookie', cookie) : r;
  };
  const post = (path: string, cookie: string | undefined, body: object) => {
    const r = request(server).post(path).set('Host', 'localhost').set('Origin', ORIGIN);
    if (cookie) r.set('Cookie', cookie);
    return r.send(body);
  };
  const signIn = async (email: string, password: string) => {
    const r = await post('/api/identity/sessions', undefined, { email, password }).expect(201);
    return (r.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  };
  async function resident(email: string, displayName: string) {
    const { body: captcha } = await get('/api/identity/captcha').expect(200);
    const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.question.en)!;
    await post('/api/identity/registrations', undefined, {
      email,
      password: PASSWORD,
      displayName,
      captchaId: captcha.id,
      captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
    }).expect(202);
    const mail = await platform.mail!.waitFor(email, /adresse électronique/);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await post('/api/identity/registrations/confirm', undefined, { token }).expect(204);
    return signIn(email, PASSWORD);
  }

  beforeAll(async () => {
    platform = await startTestPlatform(target, {
      only: ['identity', 'spaces', 'proposals', 'newsletter', 'web'],
    });
    server = platform.gateway.getHttpServer();
    componentId = await until(
      'the demo proposals component',
      async () =>
        (
          await platform.db.query<{ seeded_component_id: string | null }>(
            `SELECT seeded_component_id FROM proposals.demo_organizations`,
          )
        )[0]?.seeded_component_id ?? undefined,
      30_000,
    );
  }, 120_000);
  afterAll(() => platform?.stop());

  it('tells the author of a proposal that it was commented and answered', async () => {
    const lea = await resident('lea.life@example.org', 'Léa');
    const max = await resident('max.life@example.org', 'Max');
    const admin = await signIn('admin@demo.palabre.test', 'palabre-demo-admin');
    const created = await post(`/api/proposals/components/${componentId}/proposals`, lea, {
      title: 'Un composteur partagé square Gambetta',
      body: 'Un composteur collectif pour les habitants du quartier, géré par une association.',
    }).expect(201);
    const id = created.body.id as string;
    await post(`/api/proposals/proposals/${id}/comments`, max, {
      body: 'Bonne idée, je veux bien aider à le gérer.',
      stance: 'for',
    }).expect(201);
    await post(`/api/proposals/proposals/${id}/answer`, admin, {
      state: 'accepted',
      answer: 'Le service des espaces verts installera le composteur au printemps.',
    }).expect((r) => expect(r.status).toBeLessThan(300));

    const mail = await platform.mail!.waitFor(
      'lea.life@example.org',
      /Votre proposition « Un composteur partagé square Gambetta » est acceptée/,
    );
    expect(mail.text).toContain('Bonjour Léa,');
    expect(mail.text).toMatch(
      new RegExp(`http://localhost(:\\d+)?/spaces/[^/]+/proposals/${componentId}/${id}`),
    );

    const page = await until('both notifications', async () => {
      const r = await get('/api/newsletter/me/notifications', lea).expect(200);
      return r.body.items.length === 2 ? r.body : undefined;
    });
    expect(page.unread).toBe(2);
    expect(page.items.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'proposal.answered',
      'proposal.commented',
    ]);
    expect(page.items[0].space).toEqual(expect.objectContaining({ title: expect.any(String) }));
    // The comment is for the daily summary (the default for comments): no mail yet about it.
    expect(
      platform.mail!.list('lea.life@example.org').filter((m) => /commentaire/.test(m.subject)),
    ).toEqual([]);
    // Max, who commented, is told nothing about his own comment.
    expect((await get('/api/newsletter/me/notifications/count', max).expect(200)).body).toEqual({
      unread: 0,
    });
    await post('/api/newsletter/me/notifications/read', lea, { all: true }).expect(200, {
      unread: 0,
    });
  });
});
