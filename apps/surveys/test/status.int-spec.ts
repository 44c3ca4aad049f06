import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { IDENTITY_HEADER } from '@palabre/auth';
import { bootService, testDatabaseTargets, type BootedService } from '@palabre/testing';
import { surveysService } from '../src/surveys.definition';

describe.each(testDatabaseTargets())('surveys status on $name', (target) => {
  let booted: BootedService;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    booted = await bootService(surveysService, { database: target.open });
    server = booted.service.app.getHttpServer();
  });
  afterAll(() => booted.close());

  it('answers with the organization of the verified identity', async () => {
    const organizationId = randomUUID();
    const r = await request(server)
      .get('/status')
      .set(...(await booted.as({ organizationId, grants: [] })))
      .expect(200);
    expect(r.body).toEqual({ service: 'surveys', organizationId });
  });

  it('refuses a request without a valid gateway token with 401', async () => {
    const missing = await request(server).get('/status').expect(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await request(server).get('/status').set(IDENTITY_HEADER, 'not-a-token').expect(401);
  });

  it('is ready once its migrations ran and its outbox relay is up', async () => {
    const r = await request(server).get('/health/ready').expect(200);
    expect(r.body).toEqual({ status: 'ok', checks: { database: true, relay: true } });
  });

  it('answers an unknown route with a 404 in problem+json', async () => {
    const r = await request(server)
      .get('/no-such-route')
      .set(...(await booted.as({ organizationId: randomUUID(), grants: [] })))
      .expect(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/no-such-route' });
  });
});
