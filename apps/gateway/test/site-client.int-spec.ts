/**
 * Web calls the API back for each visitor from its own address; the gateway
 * counts those calls against the visitor's address, sealed on the page request
 * it handed to web (src/routing/site-client.ts), so one busy visitor cannot
 * exhaust the whole site's rate limit, and a forged seal buys nothing.
 */
import { All, Controller, Module, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import request from 'supertest';
import { Public } from '@palabre/auth';
import type { ServiceDefinition } from '@palabre/service-kit';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { discoverServices } from '../src/embedded/service-discovery';
import { SITE_CLIENT_HEADER, SiteClientSeal } from '../src/routing/site-client';
import { startTestPlatform } from './test-platform';

@Public()
@Controller()
class EchoSiteController {
  @All('*')
  echo(@Req() req: FastifyRequest) {
    return { sealed: req.headers[SITE_CLIENT_HEADER] ?? null };
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

const LIMIT = 6;

describe.each(testDatabaseTargets().slice(0, 1))(
  'visitor rate limits behind web on $name',
  (target) => {
    const seal = SiteClientSeal.fromSecret('site-client test key');
    let platform: EmbeddedPlatform;
    let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
    beforeAll(async () => {
      platform = await startTestPlatform(target, {
        services: [...discoverServices(undefined, ['identity']), echoSite],
        rateLimitPerMinute: LIMIT,
        siteClientSeal: seal,
      });
      server = platform.gateway.getHttpServer();
    });
    afterAll(() => platform.stop());
    const api = (sealed?: string) => {
      const r = request(server).get('/api/identity/organizations/current').set('Host', 'localhost');
      return sealed ? r.set(SITE_CLIENT_HEADER, sealed) : r;
    };

    it('hands web a seal of the visitor address, replacing any the visitor sent', async () => {
      const forged = SiteClientSeal.fromSecret('guess').seal('198.51.100.99');
      const page = await request(server)
        .get('/petitions')
        .set('Host', 'localhost')
        .set(SITE_CLIENT_HEADER, forged)
        .expect(200);
      expect(seal.open(page.body.sealed)).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });

    it("counts web's calls for a visitor against that visitor, and a forged seal against its sender", async () => {
      // This test's own address spends its budget (the page above took one request).
      let status = 200;
      for (let i = 0; i <= LIMIT && status !== 429; i++) status = (await api()).status;
      expect(status).toBe(429);
      // Web's call for another visitor still passes: its bucket is that visitor's.
      const visitor = seal.seal('203.0.113.7');
      const forWeb = await api(visitor).expect(200);
      expect(Number(forWeb.headers['ratelimit-remaining'])).toBe(LIMIT - 1);
      // A seal made with another key is ignored: the sender's own (spent) budget applies.
      await api(SiteClientSeal.fromSecret('guess').seal('203.0.113.8')).expect(429);
    });
  },
);
