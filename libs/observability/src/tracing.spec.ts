import type { IncomingMessage, ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import { trace } from '@opentelemetry/api';
import { injectTraceHeaders, tracingMiddleware } from './http-tracing';
import { JsonLogger } from './logger';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, stopTracing, tracingServiceName } from './tracing';

/** One request through the middleware: what its logs and its forwarded call carry. */
function serve(headers: Record<string, string>) {
  const lines: string[] = [];
  const logger = new JsonLogger('gateway', 'info', (l) => lines.push(l));
  const forwarded: Record<string, string> = {};
  let recording: boolean | undefined;
  const res = Object.assign(new EventEmitter(), { statusCode: 200 });
  tracingMiddleware('gateway')(
    { method: 'GET', url: '/api/petitions/x', headers } as unknown as IncomingMessage,
    res as unknown as ServerResponse,
    () => {
      recording = trace.getActiveSpan()?.isRecording();
      logger.emit('info', 'handled');
      injectTraceHeaders(forwarded);
    },
  );
  res.emit('finish');
  return { log: JSON.parse(lines[0]), traceparent: forwarded.traceparent, recording };
}

describe('tracing without an exporter', () => {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  beforeAll(() => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    startTracing('gateway');
  });
  afterAll(async () => {
    await stopTracing();
    if (endpoint) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
  });

  it('records no span, yet gives each request a trace that its logs and calls carry', () => {
    const a = serve({});
    const b = serve({});
    expect(a.recording).toBe(false);
    expect(a.log.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.log.trace_id).not.toMatch(/^0+$/);
    expect(b.log.trace_id).not.toBe(a.log.trace_id);
    expect(a.traceparent).toMatch(new RegExp(`^00-${a.log.trace_id}-[0-9a-f]{16}-00$`));
  });

  it("continues the caller's trace", () => {
    const caller = '4bf92f3577b34da6a3ce929d0e0e4736';
    const r = serve({ traceparent: `00-${caller}-00f067aa0ba902b7-01` });
    expect(r.log.trace_id).toBe(caller);
    expect(r.traceparent).toContain(caller);
  });
});

describe('the service name of the spans', () => {
  const saved = process.env.OTEL_SERVICE_NAME;
  afterEach(async () => {
    await stopTracing();
    if (saved === undefined) delete process.env.OTEL_SERVICE_NAME;
    else process.env.OTEL_SERVICE_NAME = saved;
  });

  /** The service.name of a span recorded after startTracing('petitions'). */
  async function recordedServiceName(): Promise<unknown> {
    const exporter = new InMemorySpanExporter();
    startTracing('petitions', { exporter, instrumentations: false });
    trace.getTracer('test').startSpan('x').end();
    return exporter.getFinishedSpans()[0]?.resource.attributes['service.name'];
  }

  it('is OTEL_SERVICE_NAME when set (the Helm chart names each pod palabre-<app>)', async () => {
    process.env.OTEL_SERVICE_NAME = 'palabre-petitions';
    expect(await recordedServiceName()).toBe('palabre-petitions');
  });

  it("is the app's name otherwise", async () => {
    delete process.env.OTEL_SERVICE_NAME;
    expect(await recordedServiceName()).toBe('petitions');
    expect(tracingServiceName('petitions', { OTEL_SERVICE_NAME: '  ' })).toBe('petitions');
  });
});
