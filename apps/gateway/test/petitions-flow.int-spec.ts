/**
 * A petition's whole life through the gateway, as people do it: an author
 * identified with FranceConnect drafts and submits, an admin publishes,
 * citizens sign through the local FranceConnect (anonymous signer mode), the
 * count follows. Proves the petitions service receives only the signer key:
 * no FranceConnect `sub`, no birthdate, no name of a signer in its tables.
 */
import request from 'supertest';
import {
  completeFranceConnectLogin,
  pairwiseSub,
  startLocalFranceConnectServer,
  type LocalFranceConnect,
} from '@palabre/fc-local';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { franceConnectEnv, startTestPlatform } from './test-platform';

const CLIENT = {
  clientId: 'palabre-petitions-test',
  clientSecret: 'palabre-petitions-secret-0123456789',
  redirectUris: ['http://localhost/auth/franceconnect/callback'],
};
const TEXT =
  'Nous demandons l’ouverture de la piscine municipale le dimanche matin, toute l’année, pour les familles.';

describe.each(testDatabaseTargets())('petitions through the gateway on $name', (target) => {
  let fc: LocalFranceConnect & { url: string };
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;

  beforeAll(async () => {
    fc = await startLocalFranceConnectServer({ clients: [CLIENT] });
    platform = await startTestPlatform(target, {
      only: ['identity', 'petitions'],
      env: franceConnectEnv(fc, CLIENT),
    });
    server = platform.gateway.getHttpServer();
    // Listening for real (not once per request, as supertest would): the gateway's background
    // refreshes of its public cache are requests to itself.
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await platform.stop();
    await fc.close();
  });

  const call = (method: 'get' | 'post', path: string, cookie?: string) => {
    const r = request(server)
      [method](path)
      .set('Host', 'localhost')
      .set('Origin', 'http://localhost');
    return cookie ? r.set('Cookie', cookie) : r;
  };

  async function signIn(mode: 'signer' | 'author', citizen: string): Promise<string> {
    const start = await call(
      'get',
      `/auth/franceconnect/login?mode=${mode}&returnTo=/&login_hint=${citizen}`,
    ).expect(302);
    const callback = new URL(await completeFranceConnectLogin(start.headers.location));
    const flow = String(
      (start.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('palabre_fc_flow='),
      ),
    ).split(';')[0];
    const r = await call('get', `${callback.pathname}${callback.search}`, flow).expect(302);
    const cookies = (r.headers['set-cookie'] as unknown as string[]) ?? [];
    return String(cookies.find((c) => c.startsWith('palabre_session='))).split(';')[0];
  }

  it("seeds demo petitions in embedded mode, from identity's organization.created event", async () => {
    let titles: string[] = [];
    for (let i = 0; i < 100 && titles.length < 3; i++) {
      const list = await call('get', '/api/petitions?state=published,answered&sort=newest');
      titles = list.body.items.map((p: { title: string }) => p.title);
      if (titles.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(titles).toEqual(
      expect.arrayContaining([
        'Des pistes cyclables continues entre le centre et les écoles',
        'Planter des arbres dans la cour de l’école Jules-Ferry',
      ]),
    );
    const types = await call('get', '/api/petitions/types').expect(200);
    // Texts per language: the Senate type of the demo is written in French only.
    expect(types.body.items.map((t: { name: object }) => t.name)).toContainEqual({
      fr: 'Pétition au Sénat',
    });
  });

  it('runs draft → review → signatures → count, one signature per person', async () => {
    const author = await signIn('author', 'adult-jean');
    const admin = await signIn('author', 'adult-marie');
    // The first administrator is named by SQL here, as the CLI would do it.
    await platform.db.query(
      `INSERT INTO identity.grants (organization_id, user_id, role)
       SELECT s.organization_id, s.user_id, 'org-admin' FROM identity.sessions s
        WHERE s.token_hash IS NOT NULL AND s.user_id IS NOT NULL AND s.id = (
          SELECT id FROM identity.sessions WHERE kind = 'account' ORDER BY created_at DESC LIMIT 1)`,
    );
    await new Promise((r) => setTimeout(r, 2_100)); // the gateway's session cache
    const type = await call('post', '/api/petitions/types', admin)
      .send({
        name: { fr: 'Pétition au conseil municipal', en: 'City council petition' },
        signatureDays: 90,
        signers: 'franceconnect',
        milestones: [{ threshold: 2, label: { fr: 'Examen en conseil municipal' } }],
      })
      .expect(201);
    expect(type.body.name).toEqual({
      fr: 'Pétition au conseil municipal',
      en: 'City council petition',
    });
    const draft = await call('post', '/api/petitions', author)
      .send({ typeId: type.body.id, title: 'La piscine ouverte le dimanche', body: TEXT })
      .expect(201);
    const id = draft.body.id as string;
    await call('post', `/api/petitions/${id}/submit`, author).expect(200);
    await call('post', `/api/petitions/${id}/review`, author)
      .send({ decision: 'publish' })
      .expect(403);
    await call('post', `/api/petitions/${id}/review`, admin)
      .send({ decision: 'publish' })
      .expect(200);
    const shown = await call('get', `/api/petitions/${id}`).expect(200);
    // The gateway answers the next visitors itself, and 304s a known version.
    const cached = await call('get', `/api/petitions/${id}`).expect(200);
    expect(cached.headers['x-cache']).toBe('HIT');
    expect(cached.headers.etag).toBe(shown.headers.etag);
    expect(cached.body).toEqual(shown.body);
    // Served before the framework, but with the same security headers and its own request id.
    expect(cached.headers['content-security-policy']).toBe(
      shown.headers['content-security-policy'],
    );
    expect(cached.headers['x-content-type-options']).toBe('nosniff');
    expect(cached.headers['x-request-id']).not.toBe(shown.headers['x-request-id']);
    expect(cached.headers['set-cookie']).toBeUndefined();
    await call('get', `/api/petitions/${id}`).set('If-None-Match', shown.headers.etag).expect(304);
    expect(shown.body).toMatchObject({
      state: 'published',
      author: { name: expect.stringMatching(/\S+ \S+/) },
    });

    // Anonymous: told where to sign in. A signed-in author (not a signer) is told to use FranceConnect.
    const anonymous = await call('post', `/api/petitions/${id}/signatures`).send({}).expect(401);
    expect(anonymous.body.signIn).toContain('mode=signer');
    await call('post', `/api/petitions/${id}/signatures`, author).send({}).expect(403);

    const marie = await signIn('signer', 'adult-marie');
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('post', `/api/petitions/${id}/signatures`, marie).send({}),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    // Signing in again later is the same person: the same receipt, no second signature.
    const marieAgain = await signIn('signer', 'adult-marie');
    const again = await call('post', `/api/petitions/${id}/signatures`, marieAgain)
      .send({})
      .expect(200);
    expect(again.body.receipt).toBe(attempts[0].body.receipt);
    const jean = await signIn('signer', 'adult-jean');
    await call('post', `/api/petitions/${id}/signatures`, jean).send({}).expect(201);
    // A cross-site form cannot sign with the citizen's cookie.
    await request(server)
      .post(`/api/petitions/${id}/signatures`)
      .set('Host', 'localhost')
      .set('Origin', 'https://evil.example')
      .set('Cookie', jean)
      .send({})
      .expect(403);

    // Service and gateway each keep a public petition page for a second. Read just after, the
    // gateway answers the stale copy at once and refreshes it in the background (a page read
    // often never makes a reader wait for the service); the new count follows within moments.
    await new Promise((r) => setTimeout(r, 2_200));
    const stale = await call('get', `/api/petitions/${id}`).expect(200);
    expect(stale.headers['x-cache']).toBe('STALE');
    expect(stale.body.counts.total).toBeLessThan(2);
    let counted = stale;
    for (let i = 0; i < 40 && counted.body.counts.total !== 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      counted = await call('get', `/api/petitions/${id}`).expect(200);
    }
    expect(counted.body.counts).toEqual({ online: 2, offline: 0, total: 2 });
    expect(counted.body.milestones[0].reachedAt).not.toBeNull();
    const mine = await call('get', '/api/petitions/signatures/mine', jean).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ petitionId: id })]);

    // Privacy: the petitions schema knows signer keys, never a sub, a birthdate or a signer's name.
    const dump = JSON.stringify(
      await platform.db.query(
        `SELECT s.*, p.* FROM petitions.signatures s JOIN petitions.petitions p ON p.id = s.petition_id`,
      ),
    );
    for (const citizen of ['adult-marie', 'adult-jean'])
      expect(dump).not.toContain(pairwiseSub(citizen, CLIENT.clientId));
    expect(dump).not.toMatch(/1980-05-12|12\/05\/1980/);
    const keys = await platform.db.query<{ signer_key: string }>(
      `SELECT signer_key FROM petitions.signatures WHERE petition_id = $1 ORDER BY signer_key`,
      [id],
    );
    const identityKeys = await platform.db.query<{ signer_key: string }>(
      `SELECT DISTINCT signer_key FROM identity.sessions WHERE kind = 'signer' ORDER BY signer_key`,
    );
    expect(keys).toEqual(identityKeys);
  });
});
