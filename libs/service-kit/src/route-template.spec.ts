import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { JsonLogger, metricsRegistry, startTracing, stopTracing } from '@palabre/observability';
import { createFastifyApp } from './service-app';

@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('a service’s requests, by route template', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => startTracing('route-test', { exporter, instrumentations: false }));
  afterAll(() => stopTracing());

  it('names the span, labels the duration and logs one line by the template, never the id', async () => {
    const lines: string[] = [];
    const { app } = await createFastifyApp(ThingsModule, {
      name: 'route-test',
      logger: new JsonLogger('route-test', 'info', (line) => lines.push(line)),
    });
    await app.listen(0, '127.0.0.1');
    try {
      const port = (app.getHttpServer().address() as AddressInfo).port;
      const ok = await fetch(`http://127.0.0.1:${port}/things/4242`, {
        headers: { 'x-request-id': 'request-0001' },
      });
      expect(await ok.json()).toEqual({ id: '4242' });
      expect((await fetch(`http://127.0.0.1:${port}/nowhere/4242`)).status).toBe(404);

      const spans = exporter.getFinishedSpans().map((s) => s.name);
      expect(spans).toContain('GET /things/:id');
      expect(spans.join(' ')).not.toContain('4242');

      const durations = await metricsRegistry.getSingleMetricAsString(
        'palabre_http_request_duration_seconds',
      );
      expect(durations).toContain(
        'palabre_http_request_duration_seconds_count{service="route-test",method="GET",route="/things/:id",status="200"} 1',
      );
      expect(durations).toContain(
        'palabre_http_request_duration_seconds_count{service="route-test",method="GET",route="unmatched",status="404"} 1',
      );
      expect(durations).not.toContain('4242');

      // One request line each, by template, with the caller's request id and the trace id.
      const requests = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => 'route' in l);
      expect(requests).toEqual([
        expect.objectContaining({
          service: 'route-test',
          msg: 'GET /things/:id 200',
          route: '/things/:id',
          status: 200,
          request_id: 'request-0001',
          trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
        }),
        expect.objectContaining({ msg: 'GET unmatched 404', status: 404 }),
      ]);
      expect(JSON.stringify(requests)).not.toContain('4242');
    } finally {
      await app.close();
    }
  });
});
