/**
 * The gateway's limit of requests per client address (rate-limiter-flexible):
 * counted before the organization is resolved, whatever the host, announced
 * in RateLimit-* headers, refused with 429, Retry-After and problem+json.
 */
import request from 'supertest';
import { testDatabaseTargets } from '@palabre/testing';
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { SITE_CLIENT_HEADER, SiteClientSeal } from '../src/routing/site-client';
import { startTestPlatform } from './test-platform';

const LIMIT = 5;

describe.each(testDatabaseTargets().slice(0, 1))('gateway rate limit on $name', (target) => {
  const seal = SiteClientSeal.fromSecret('rate limit test key');
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;
  beforeAll(async () => {
    platform = await startTestPlatform(target, {
      only: ['identity'],
      rateLimitPerMinute: LIMIT,
      siteClientSeal: seal,
    });
    server = platform.gateway.getHttpServer();
  });
  afterAll(() => platform.stop());

  const get = (host: string, visitor: string) =>
    request(server)
      .get('/api/identity/organizations/current')
      .set('Host', host)
      .set(SITE_CLIENT_HEADER, seal.seal(visitor));

  it('announces the limit and what is left of it', async () => {
    const r = await get('localhost', '203.0.113.1').expect(200);
    expect(r.headers['ratelimit-limit']).toBe(String(LIMIT));
    expect(r.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
    expect(Number(r.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect(Number(r.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
  });

  it('counts requests to unknown hosts too, per address, before resolving the organization', async () => {
    const visitor = '203.0.113.2';
    const statuses = [];
    for (let i = 0; i <= LIMIT; i++)
      statuses.push((await get(`nowhere-${i}.example`, visitor)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(404), 429]);
    // The address's budget is spent for every host, the organization's own included.
    const refused = await get('localhost', visitor).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.body).toMatchObject({ status: 429, type: 'urn:palabre:rate-limited' });
    // Another visitor is not affected, and health stays reachable for orchestrators.
    await get('localhost', '203.0.113.3').expect(200);
    await request(server).get('/health/live').expect(200);
  });
});
