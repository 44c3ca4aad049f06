/**
 * The gateway hands every browser page to the `web` service when it runs, and
 * keeps its own placeholder pages when it does not. A stand-in web service
 * echoes what it received, so the routing is tested apart from the real site.
 */
import { Controller, Module, All, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import request from 'supertest';
import { IDENTITY_HEADER, Public } from '@palabre/auth';
import type { ServiceDefinition } from '@palabre/service-kit';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { discoverServices } from '../src/embedded/service-discovery';
import { startTestPlatform } from './test-platform';

@Public()
@Controller()
class EchoSiteController {
  @All('*')
  echo(@Req() req: FastifyRequest) {
    return {
      site: true,
      method: req.method,
      url: req.url,
      identityHeader: req.headers[IDENTITY_HEADER] ?? null,
      requestId: req.headers['x-request-id'] ?? null,
    };
  }
}

@Module({ controllers: [EchoSiteController] })
class EchoSiteModule {}

const echoSite: ServiceDefinition = {
  name: 'web',
  schema: 'web',
  stateless: true,
  description: 'stand-in site',
  module: EchoSiteModule,
  entities: [],
  migrations: [],
};

// The APIs this file needs; web is the stand-in above (or absent).
const apis = () => discoverServices(undefined, ['identity', 'petitions']);

describe.each(testDatabaseTargets().slice(0, 1))('site routing on $name', (target) => {
  describe('with a web service', () => {
    let platform: EmbeddedPlatform;
    let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
    beforeAll(async () => {
      platform = await startTestPlatform(target, { services: [...apis(), echoSite] });
      server = platform.gateway.getHttpServer();
    });
    afterAll(() => platform.stop());
    const get = (path: string) => request(server).get(path).set('Host', 'localhost');

    it('forwards the home page and any other page to web, query included, without an identity token', async () => {
      const home = await get('/').set(IDENTITY_HEADER, 'forged').expect(200);
      expect(home.body).toMatchObject({
        site: true,
        method: 'GET',
        url: '/',
        identityHeader: null,
      });
      expect(home.body.requestId).toBe(home.headers['x-request-id']);
      const page = await get('/petitions/42?lang=en').expect(200);
      expect(page.body).toMatchObject({ site: true, url: '/petitions/42?lang=en' });
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('keeps /api, /auth, /health, /metrics, /dev and /api/docs from the site', async () => {
      const org = await get('/api/identity/organizations/current').expect(200);
      expect(org.body).toMatchObject({ slug: 'demo' });
      const none = await get('/api/web/petitions').expect(404);
      expect(none.body.services).toEqual(['identity', 'petitions']);
      await get('/health/live').expect(200, { status: 'ok' });
      await get('/health/ready').expect(200, { status: 'ok' });
      expect((await platform.readiness()).checks.web).toBe(true);
      // Metrics are on the operations port only; here, neither the gateway nor the site answers.
      const metrics = await get('/metrics').expect(404);
      expect(metrics.body.site).toBeUndefined();
      await get('/dev/mail').expect(200);
      const docs = await get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(docs.body.paths).some((p) => p.startsWith('/api/web'))).toBe(false);
      const auth = await get('/auth/franceconnect/login?mode=nope');
      expect(auth.body.site).toBeUndefined();
    });

    it('refuses a page form posted from another site while signed in, and lets same-site posts through', async () => {
      const cross = await request(server)
        .post('/petitions/42/sign')
        .set('Host', 'localhost')
        .set('Cookie', 'palabre_session=abcdefghijklmnopqrstuvwxyz012345')
        .set('Origin', 'https://evil.example')
        .expect(403);
      expect(cross.text).toContain('Demande refusée');
      const same = await request(server)
        .post('/petitions/42/sign')
        .set('Host', 'localhost')
        .set('Cookie', 'palabre_session=abcdefghijklmnopqrstuvwxyz012345')
        .set('Origin', 'http://localhost')
        .expect(200);
      expect(same.body).toMatchObject({ site: true, method: 'POST' });
    });

    it('refuses a sign-in form posted from another site though no one is signed in (login CSRF)', async () => {
      for (const headers of [
        { Origin: 'https://evil.example' },
        { 'Sec-Fetch-Site': 'cross-site' },
      ]) {
        const cross = await request(server)
          .post('/sign-in')
          .set('Host', 'localhost')
          .set(headers)
          .type('form')
          .send('email=victim%40example.org&password=x')
          .expect(403);
        expect(cross.text).toContain('Demande refusée');
      }
      const same = await request(server)
        .post('/sign-in')
        .set('Host', 'localhost')
        .set('Origin', 'http://localhost')
        .set('Sec-Fetch-Site', 'same-origin')
        .type('form')
        .send('email=someone%40example.org&password=x')
        .expect(200);
      expect(same.body).toMatchObject({ site: true, method: 'POST' });
    });

    it("lets other sites frame a space's card, and only that page", async () => {
      const card = await get('/spaces/budget-participatif-2026/card?lang=fr').expect(200);
      expect(card.body).toMatchObject({
        site: true,
        url: '/spaces/budget-participatif-2026/card?lang=fr',
      });
      expect(card.headers['content-security-policy']).toContain('frame-ancestors *');
      expect(card.headers['content-security-policy']).toContain("default-src 'self'");
      expect(card.headers['x-frame-options']).toBeUndefined();
      for (const path of [
        '/spaces/budget-participatif-2026',
        '/spaces/budget-participatif-2026/card/more',
        '/spaces/../admin/card',
        '/admin/spaces/budget/card',
        '/api/spaces/budget-participatif-2026/card',
      ]) {
        const r = await get(path);
        expect([path, r.headers['x-frame-options']]).toEqual([path, 'SAMEORIGIN']);
        expect(r.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      }
      const post = await request(server)
        .post('/spaces/budget-participatif-2026/card')
        .set('Host', 'localhost')
        .expect(200);
      expect(post.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('leaves unknown hosts to the gateway: no site for a host no organization claims', async () => {
      const r = await request(server)
        .get('/')
        .set('Host', 'nope.example')
        .set('Accept', 'text/html')
        .expect(404);
      expect(r.text).toContain('Aucune plateforme');
    });
  });

  describe('without a web service', () => {
    let platform: EmbeddedPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform(target, { services: apis() });
    });
    afterAll(() => platform.stop());

    it('serves its placeholder home and 404 pages', async () => {
      const server = platform.gateway.getHttpServer();
      const home = await request(server).get('/').set('Host', 'localhost').expect(200);
      expect(home.text).toContain('Ville de Démo');
      const missing = await request(server)
        .get('/no/such/page')
        .set('Host', 'localhost')
        .set('Accept', 'text/html')
        .expect(404);
      expect(missing.text).toContain('Page introuvable');
    });
  });
});
