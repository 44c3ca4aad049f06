import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing, stopTracing } from '@palabre/observability';
import { Database } from '@palabre/persistence';
import { EventBus } from './bus';
import { publish } from './outbox';
import { PostgresTransport } from './postgres-transport';
import { setUpServiceSchema, waitUntil } from './transport.contract';

describe('trace context across the bus', () => {
  const exporter = new InMemorySpanExporter();
  let db: Database;

  beforeAll(async () => {
    startTracing('test', { exporter, instrumentations: false });
    db = await Database.open({ dataDir: 'memory://' });
  });
  afterAll(async () => {
    await db.close();
    await stopTracing();
  });

  it('continues the producer trace in the consumer span', async () => {
    const schema = 'bus_trace';
    const ds = await setUpServiceSchema(db, schema);
    const bus = new EventBus(db, new PostgresTransport(db, { pollIntervalMs: 50 }), {
      pollIntervalMs: 50,
    });
    const seen: string[] = [];
    try {
      await bus.relay(ds, schema);
      await bus.consume({
        ds,
        schema,
        group: 'g-trace',
        topics: ['test.trace.happened.v1'],
        handle: async () => void seen.push(trace.getActiveSpan()?.spanContext().traceId ?? 'none'),
      });
      const producerTrace = await trace
        .getTracer('test')
        .startActiveSpan('POST /api/x', async (span) => {
          await ds.transaction((m) =>
            publish(m, schema, { topic: 'test.trace.happened.v1', key: 'k', payload: {} }),
          );
          span.end();
          return span.spanContext().traceId;
        });
      await waitUntil(() => seen.length === 1, 10_000, 'the event');
      expect(seen[0]).toBe(producerTrace);
      const consumer = exporter
        .getFinishedSpans()
        .find((s) => s.name === 'test.trace.happened.v1 process');
      expect(consumer?.kind).toBe(SpanKind.CONSUMER);
      expect(consumer?.spanContext().traceId).toBe(producerTrace);
    } finally {
      await bus.stop();
      await ds.destroy();
    }
  });
});
