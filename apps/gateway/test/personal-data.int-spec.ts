/**
 * Personal data rights across the whole platform, as a resident uses them
 * through the gateway and the site: someone writes a proposal and a comment
 * (edited, so it has a history), downloads their data (one JSON file per
 * service in a zip, with a README), then deletes their account; within
 * seconds every service shows "deleted participant" where their name was,
 * on the API and on the site's pages, and no copy of the name is left.
 */
import request from 'supertest';
import { strFromU8, unzipSync } from 'fflate';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

const ORIGIN = 'http://localhost';
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const NAME = 'Zoé Effacée';
const EMAIL = 'zoe@example.org';
const PASSWORD = 'correct horse battery';

/** Resolves once `check` returns something other than undefined; fails after `ms`. */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe.each(testDatabaseTargets().slice(0, 1))(
  'personal data rights through the platform on $name',
  (target) => {
    let platform: EmbeddedPlatform;
    let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
    let cookie: string;
    let userId: string;
    let componentId: string;

    beforeAll(async () => {
      platform = await startTestPlatform(target, {
        only: ['identity', 'spaces', 'proposals', 'budgeting', 'petitions', 'web'],
      });
      server = platform.gateway.getHttpServer();
      componentId = await eventually(async () => {
        const [row] = await platform.db.query<{ seeded_component_id: string | null }>(
          `SELECT seeded_component_id FROM proposals.demo_organizations`,
        );
        return row?.seeded_component_id ?? undefined;
      }, 30_000);
    });
    afterAll(() => platform?.stop());

    const get = (path: string, withCookie = true) => {
      const r = request(server).get(path).set('Host', 'localhost').set('Cache-Control', 'no-cache');
      return withCookie ? r.set('Cookie', cookie) : r;
    };
    const send = (method: 'post' | 'patch' | 'delete', path: string, body?: object) => {
      const r = request(server)[method](path).set('Host', 'localhost').set('Origin', ORIGIN);
      if (cookie) r.set('Cookie', cookie);
      return body ? r.send(body) : r;
    };

    it('signs up, writes a proposal and an edited comment', async () => {
      const { body: captcha } = await get('/api/identity/captcha', false).expect(200);
      const [, a, b] = /What is (\w+) plus (\w+)\?/.exec(captcha.question.en)!;
      await send('post', '/api/identity/registrations', {
        email: EMAIL,
        password: PASSWORD,
        displayName: NAME,
        captchaId: captcha.id,
        captchaAnswer: String(WORDS.indexOf(a) + WORDS.indexOf(b)),
      }).expect(202);
      const mail = await platform.mail!.waitFor(EMAIL, /confirmez/);
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
      await send('post', '/api/identity/registrations/confirm', { token }).expect(204);
      const signIn = await send('post', '/api/identity/sessions', {
        email: EMAIL,
        password: PASSWORD,
      }).expect(201);
      cookie = (signIn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      userId = (
        await platform.db.query<{ id: string }>(`SELECT id FROM identity.users WHERE email = $1`, [
          EMAIL,
        ])
      )[0].id;
    });

    let proposalId: string;
    let commentId: string;

    it('downloads one JSON file per service and a README in a zip', async () => {
      const p = await send('post', `/api/proposals/components/${componentId}/proposals`, {
        title: 'Des bancs à l’ombre place du marché',
        body: 'Des bancs sous les platanes, pour les anciens et les familles.',
      });
      expect(p.status).toBe(201);
      proposalId = p.body.id;
      expect(p.body.author).toMatchObject({ name: NAME, deleted: false });
      const c = await send('post', `/api/proposals/proposals/${proposalId}/comments`, {
        body: 'Et une fontaine à côté ?',
        stance: 'for',
      }).expect(201);
      commentId = c.body.id;
      await send('patch', `/api/proposals/comments/${commentId}`, {
        body: 'Et une fontaine à côté, surtout.',
      }).expect(200);

      const r = await get('/api/identity/me/export')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(r.headers['content-type']).toBe('application/zip');
      expect(r.headers['content-disposition']).toContain('attachment');
      const files = unzipSync(new Uint8Array(r.body as Buffer));
      expect(Object.keys(files).sort()).toEqual([
        'README.txt',
        'budgeting.json',
        'identity.json',
        'petitions.json',
        'proposals.json',
      ]);
      const json = (name: string) => JSON.parse(strFromU8(files[name]));
      expect(json('identity.json').account).toMatchObject({ email: EMAIL, displayName: NAME });
      const proposals = json('proposals.json');
      expect(proposals.proposals).toEqual([
        expect.objectContaining({ id: proposalId, title: 'Des bancs à l’ombre place du marché' }),
      ]);
      expect(proposals.comments).toEqual([
        expect.objectContaining({
          id: commentId,
          body: 'Et une fontaine à côté, surtout.',
          versions: [expect.objectContaining({ body: 'Et une fontaine à côté ?' })],
        }),
      ]);
      expect(json('budgeting.json')).toMatchObject({ votes: [] });
      expect(json('petitions.json')).toMatchObject({ petitions: [] });
      const readme = strFromU8(files['README.txt']);
      expect(readme).toContain('proposals.json');
      expect(readme).toMatch(/FranceConnect without\s+an account are anonymous/);
      // The site's "download my data" hands the same archive on.
      const site = await get('/account/export')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(site.headers['content-disposition']).toMatch(/my-data-.*\.zip/);
      expect(Object.keys(unzipSync(new Uint8Array(site.body as Buffer)))).toContain(
        'proposals.json',
      );
    });

    it('deletes the account: within seconds the proposal, the comment and its history show "deleted participant"', async () => {
      await send('delete', '/api/identity/me').expect(204);
      cookie = '';

      const proposal = await eventually(async () => {
        const r = await get(`/api/proposals/proposals/${proposalId}`, false);
        return r.body.author?.deleted ? r.body : undefined;
      });
      expect(proposal.author).toEqual({ name: '', onBehalfOf: null, deleted: true });
      const comments = await get(`/api/proposals/proposals/${proposalId}/comments`, false).expect(
        200,
      );
      const comment = (comments.body.items ?? comments.body).find(
        (x: { id: string }) => x.id === commentId,
      );
      expect(comment.author).toEqual({ name: '', deleted: true });
      const versions = await get(`/api/proposals/comments/${commentId}/versions`, false).expect(
        200,
      );
      expect(JSON.stringify(versions.body)).not.toContain(NAME);
      expect(JSON.stringify(versions.body)).toContain('fontaine');

      // On the site, in French: "participant supprimé", never the name.
      const [space] = await platform.db.query<{ slug: string }>(
        `SELECT s.slug FROM spaces.spaces s JOIN spaces.components c ON c.space_id = s.id WHERE c.id = $1`,
        [componentId],
      );
      const base = `/spaces/${space.slug}/proposals/${componentId}/${proposalId}`;
      for (const path of [base, `${base}/comments/${commentId}/history`]) {
        const page = await request(server)
          .get(path)
          .set('Host', 'localhost')
          .set('Accept-Language', 'fr')
          .expect(200);
        expect(page.text).toContain('participant supprimé');
        expect(page.text).not.toContain(NAME);
      }

      // No copy of the name anywhere in the services' tables.
      for (const [sql, params] of [
        [`SELECT count(*)::int AS n FROM proposals.proposals WHERE author_name = $1`, [NAME]],
        [`SELECT count(*)::int AS n FROM proposals.comments WHERE author_name = $1`, [NAME]],
        [`SELECT count(*)::int AS n FROM petitions.petitions WHERE author_name = $1`, [NAME]],
        [`SELECT count(*)::int AS n FROM identity.users WHERE display_name = $1`, [NAME]],
      ] as const)
        expect((await platform.db.query<{ n: number }>(sql, [...params]))[0].n).toBe(0);
      // Each service handled the event once.
      const handled = await platform.db.query<{ consumer: string }>(
        `SELECT consumer FROM proposals.inbox WHERE topic = 'identity.user.erased.v1'
         UNION ALL SELECT consumer FROM budgeting.inbox WHERE topic = 'identity.user.erased.v1'
         UNION ALL SELECT consumer FROM petitions.inbox WHERE topic = 'identity.user.erased.v1'
         ORDER BY consumer`,
      );
      expect(handled.map((h) => h.consumer)).toEqual([
        'budgeting.user-erased',
        'petitions.user-erased',
        'proposals.user-erased',
      ]);
      expect(userId).toBeTruthy();
    });
  },
);
