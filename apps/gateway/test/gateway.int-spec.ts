import request from 'supertest';
import { decodeEvent, Topics } from '@palabre/contracts';
import type { DeliveredMessage } from '@palabre/messaging';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, stopTracing } from '@palabre/observability';
import { testDatabaseTargets } from '@palabre/testing';

const spans = new InMemorySpanExporter();
beforeAll(() => startTracing('gateway-test', { exporter: spans, instrumentations: false }));
afterAll(() => stopTracing());
import type { EmbeddedPlatform } from '../src/embedded/embedded-platform';
import { startTestPlatform } from './test-platform';

describe.each(testDatabaseTargets())('gateway in the embedded platform on $name', (target) => {
  let platform: EmbeddedPlatform;
  let server: ReturnType<EmbeddedPlatform['gateway']['getHttpServer']>;

  beforeAll(async () => {
    platform = await startTestPlatform(target, {
      rateLimitPerMinute: 80,
    });
    server = platform.gateway.getHttpServer();
  });
  afterAll(() => platform.stop());

  const api = (host = 'localhost') => ({
    get: (path: string) => request(server).get(path).set('Host', host),
    post: (path: string) => request(server).post(path).set('Host', host),
  });

  it('answers liveness and readiness once migrations ran and the relay is up', async () => {
    await request(server).get('/health/live').expect(200, { status: 'ok' });
    // The public answer is ok or not; which service is down is for the operations port.
    await request(server).get('/health/ready').expect(200, { status: 'ok' });
    const ready = await platform.readiness();
    expect(ready.ready).toBe(true);
    expect(ready.checks).toEqual({
      platform: true,
      antispam: true,
      budgeting: true,
      identity: true,
      meetings: true,
      newsletter: true,
      petitions: true,
      proposals: true,
      sortitions: true,
      spaces: true,
      surveys: true,
      web: true,
    });
  });

  it('resolves the organization from the Host header, whatever the port', async () => {
    const r = await api('LOCALHOST:3000').get('/api/identity/organizations/current').expect(200);
    expect(r.body).toMatchObject({ slug: 'demo', hosts: ['127.0.0.1', 'localhost'] });
    await api('127.0.0.1:8080').get('/api/identity/organizations/current').expect(200);
  });

  it('sets security headers and a request id, and no CORS headers', async () => {
    const r = await api()
      .get('/api/identity/organizations/current')
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const echoed = await api()
      .get('/api/identity/organizations/current')
      .set('x-request-id', 'req-12345678')
      .expect(200);
    expect(echoed.headers['x-request-id']).toBe('req-12345678');
  });

  it('answers an unknown host with a clear 404, as a page for browsers', async () => {
    const json = await api('nope.example').get('/api/identity/organizations/current').expect(404);
    expect(json.headers['content-type']).toContain('application/problem+json');
    expect(json.body.detail).toContain('nope.example');
    const page = await api('nope.example').get('/').set('Accept', 'text/html').expect(404);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('No participation platform at this address');
  });

  it('404s unknown routes and services in problem+json, and hides internal APIs', async () => {
    const svc = await api().get('/api/nothing/here').expect(404);
    expect(svc.headers['content-type']).toContain('application/problem+json');
    expect(svc.body.services).toEqual([
      'antispam',
      'budgeting',
      'identity',
      'meetings',
      'newsletter',
      'petitions',
      'proposals',
      'sortitions',
      'spaces',
      'surveys',
    ]);
    const route = await api().get('/api/identity/no-such-route').expect(404);
    expect(route.body).toMatchObject({ status: 404, title: 'Not Found' });
    await api().get('/api/identity/internal/organizations/by-host/localhost').expect(404);
    const page = await api().get('/no/such/page').set('Accept', 'text/html').expect(404);
    expect(page.text).toContain('Page introuvable');
  });

  it('refuses malformed JSON with 400 and oversized bodies with 413', async () => {
    const bad = await api()
      .post('/api/identity/organizations')
      .set('Content-Type', 'application/json')
      .send('{"slug": ')
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.detail).toMatch(/JSON/);
    const huge = 'x'.repeat(300 * 1024);
    await api()
      .post('/api/identity/organizations')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: huge }))
      .expect(413);
    const overService = 'x'.repeat(150 * 1024);
    const r = await api()
      .post('/api/identity/organizations')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: overService }))
      .expect(413);
    expect(r.body.detail).toMatch(/limit/);
  });

  it('never trusts an identity header sent by a client', async () => {
    const forged =
      'eyJhbGciOiJFZERTQSJ9.eyJvcmciOiJ4IiwiZ3JhbnRzIjpbeyJyb2xlIjoicGxhdGZvcm0tb3BlcmF0b3IifV19.AAAA';
    const r = await api()
      .post('/api/identity/organizations')
      .set('x-palabre-identity', forged)
      .send({ slug: 'evil', name: 'Evil', hosts: ['evil.example'], defaultLocale: 'fr' })
      .expect(403);
    expect(r.body.detail).toContain('platform-operator');
  });

  it('serves the aggregated OpenAPI document without internal routes', async () => {
    const r = await api().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/identity/organizations/current',
        '/api/identity/organizations',
      ]),
    );
    expect(Object.keys(r.body.paths).some((p) => p.includes('internal'))).toBe(false);
    expect(r.body.components.schemas['identity.CreateOrganizationDto']).toBeDefined();
    const ui = await api().get('/api/docs').set('Accept', 'text/html').expect(200);
    expect(ui.text).toContain('swagger');
    // Swagger UI loads the gathered document, not the empty placeholder it is set up with.
    const init = await api().get('/api/docs/swagger-ui-init.js').expect(200);
    const options = JSON.parse(/let options = (\{[\s\S]*?\n\});/.exec(init.text)![1]);
    expect(options.customOptions).toMatchObject({ url: '/api/docs/openapi.json', spec: null });
  });

  it('publishes the seeded organization through the outbox to consumers, with headers', async () => {
    const got: DeliveredMessage[] = [];
    const sub = await platform.bus.transport.subscribe({
      groupId: `test-${Date.now()}`,
      topics: [Topics.IdentityOrganizationCreatedV1],
      handler: async (m) => void got.push(m),
    });
    const until = Date.now() + 10_000;
    while (got.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await sub.stop();
    const event = got.find((m) => (m.payload as { name: string }).name === 'Ville de Démo')!;
    expect(event).toBeDefined();
    const payload = decodeEvent(Topics.IdentityOrganizationCreatedV1, event.payload);
    expect(payload.hosts).toEqual(['localhost', '127.0.0.1']);
    expect(event.headers['tenant-id']).toBe(payload.organizationId);
    expect(event.headers['event-id']).toBe(event.id);
    expect(event.key).toBe(payload.organizationId);
  });

  it('carries one trace from the client through the gateway into the service', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await api()
      .get('/api/identity/organizations/current')
      .set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`)
      .expect(200);
    const mine = spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const gateway = mine.find((s) => s.attributes['service.name'] === 'gateway');
    const identity = mine.find((s) => s.attributes['service.name'] === 'identity');
    // Never a raw path (ids): the gateway's span names the service, the service's the template.
    expect(gateway?.name).toBe('GET /api/identity');
    expect(gateway?.attributes['url.path']).toBe('/api/identity/organizations/current');
    expect(identity?.name).toBe('GET /organizations/current');
    expect(identity?.parentSpanContext?.spanId).toBe(gateway?.spanContext().spanId);
  });

  it('records no span for the probes of a load balancer', async () => {
    const traceId = '5cf92f3577b34da6a3ce929d0e0e4737';
    for (const path of ['/health/live', '/health/ready'])
      await api().get(path).set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`);
    expect(spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toEqual([]);
  });

  it('serves no metrics and no health details through the public entry, on any host', async () => {
    for (const host of ['localhost', '127.0.0.1:3000', 'unknown.example']) {
      for (const path of [
        '/metrics',
        '/api/identity/metrics',
        '/api/identity/health/ready',
        '/api/petitions/health/live',
      ]) {
        const r = await request(server).get(path).set('Host', host);
        expect({ host, path, status: r.status }).toEqual({ host, path, status: 404 });
        expect(r.text).not.toContain('palabre_');
        expect(r.text).not.toContain('"checks"');
      }
    }
  });

  it('rate-limits per client address with 429 and Retry-After', async () => {
    let limited: request.Response | undefined;
    for (let i = 0; i < 100 && !limited; i++) {
      const r = await api().get('/api/identity/organizations/current');
      if (r.status === 429) limited = r;
    }
    expect(limited).toBeDefined();
    expect(limited!.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited!.body.detail).toMatch(/Too many requests/);
    // health stays reachable for orchestrators
    await request(server).get('/health/live').expect(200);
  });
});
