import {
  type Context,
  type TextMapPropagator,
  type TextMapSetter,
  createContextKey,
  propagation,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

type SdkModule = typeof import('@opentelemetry/sdk-node');
type Instrumentation = NonNullable<
  ConstructorParameters<SdkModule['NodeSDK']>[0]
>['instrumentations'] extends (infer I)[] | undefined
  ? I
  : never;

let provider: NodeTracerProvider | undefined;
let sdk: InstanceType<SdkModule['NodeSDK']> | undefined;
let instrumented = false;

export interface TracingOptions {
  /** Extra exporter (tests use an in-memory one). OTLP is added when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  exporter?: SpanExporter;
  /**
   * Whether the libraries' instrumentations (HTTP client, undici, Fastify, pg,
   * ioredis, kafkajs) are loaded when spans are exported (default true). Jest's
   * module registry escapes their require hooks: its suites pass false.
   */
  instrumentations?: boolean;
}

/**
 * The `service.name` of the spans: OTEL_SERVICE_NAME when set (the Helm chart
 * sets `palabre-<app>`), as the OpenTelemetry specification says, else the app's name.
 */
export function tracingServiceName(appName: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.OTEL_SERVICE_NAME?.trim() || appName;
}

const SERVICE = createContextKey('palabre.service');

/**
 * The context of work done by one service: every span started under it says so
 * (`service.name` attribute). In embedded mode all services share one process
 * and one resource; this is how a span tells which one it belongs to.
 */
export function withService(ctx: Context, service: string): Context {
  return ctx.setValue(SERVICE, service);
}

export function serviceOf(ctx: Context): string | undefined {
  return ctx.getValue(SERVICE) as string | undefined;
}

/** Copies the service of the context a span starts in onto the span. */
class ServiceAttributeProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const service = serviceOf(parentContext);
    if (service) span.setAttribute('service.name', service);
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * W3C trace context that never replaces a context a carrier already holds. An
 * event carries the context of the request that created it (outbox `publish`);
 * kafkajs' instrumentation injects its own send span into every message it
 * sends, which would tie the consumer to the relay's batch instead of the
 * request. Our own HTTP calls build fresh headers (the gateway drops the
 * caller's before injecting), so nothing else is affected (ADR 0043).
 */
class KeepExistingTraceContext implements TextMapPropagator {
  private readonly w3c = new W3CTraceContextPropagator();
  inject(ctx: Context, carrier: unknown, setter: TextMapSetter): void {
    if (
      typeof carrier === 'object' &&
      carrier !== null &&
      (carrier as Record<string, unknown>).traceparent !== undefined
    )
      return;
    this.w3c.inject(ctx, carrier, setter);
  }
  extract: TextMapPropagator['extract'] = (ctx, carrier, getter) =>
    this.w3c.extract(ctx, carrier, getter);
  fields(): string[] {
    return this.w3c.fields();
  }
}

/** Health probes: no span (a trace per request that matters). */
const HEALTH = /^\/health(\/|$)/;

/**
 * The maintained instrumentations, loaded only when spans are exported.
 * Incoming HTTP requests get their SERVER span from `tracingMiddleware`
 * (named by route template, one per service even when the embedded gateway
 * hands a request to a service in-process); the HTTP instrumentation traces
 * the outgoing calls of node:http, undici's those of fetch and undici (the
 * gateway's forwards, internal calls, FranceConnect). Library spans need a
 * parent: the relay's and consumers' polling queries make no trace of their own.
 */
function loadInstrumentations(): Instrumentation[] {
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  const { KafkaJsInstrumentation } =
    require('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs');
  const { FastifyOtelInstrumentation } = require('@fastify/otel') as typeof import('@fastify/otel');
  return [
    new HttpInstrumentation({
      disableIncomingRequestInstrumentation: true,
      requireParentforOutgoingSpans: true,
    }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
    new FastifyOtelInstrumentation({
      registerOnInitialization: true,
      // The request and its handler; not a span per lifecycle hook (etag, cookies, ours).
      instrumentHooks: false,
      ignorePaths: (opts: { url: string }) => HEALTH.test(opts.url),
    } as ConstructorParameters<typeof FastifyOtelInstrumentation>[0]),
    new PgInstrumentation({ requireParentSpan: true }),
    new IORedisInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
  ] as Instrumentation[];
}

/**
 * Starts OpenTelemetry tracing: first thing in a process, before pg, ioredis,
 * kafkajs or Fastify load (each app's `instrumentation.ts`, imported first by
 * its main). Requests get their SERVER span from `tracingMiddleware`; W3C trace
 * context goes out on forwarded HTTP calls and in event headers (see
 * @palabre/messaging).
 *
 * Spans exported (OTEL_EXPORTER_OTLP_ENDPOINT set, or a test's exporter): the
 * OpenTelemetry Node SDK with the libraries' instrumentations, one resource
 * named by `tracingServiceName`. Otherwise a bare tracer that records nothing
 * but still gives each request trace and span ids for its log lines: the SDK
 * and its instrumentations cost start-up time and memory for nothing (ADR 0043).
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): void {
  if (provider || sdk) return;
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const otlp =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    processors.push(new BatchSpanProcessor(new otlp.OTLPTraceExporter()));
  }
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: tracingServiceName(serviceName),
  });
  if (processors.length === 0) {
    provider = new NodeTracerProvider({
      resource,
      // Nothing exports spans: none is recorded (no attributes kept, nothing to end), yet each
      // request still gets its trace and span ids, so logs correlate and `traceparent` goes on.
      sampler: new AlwaysOffSampler(),
    });
    provider.register({
      contextManager: new AsyncLocalStorageContextManager(),
      propagator: new KeepExistingTraceContext(),
    });
    return;
  }
  const { NodeSDK } = require('@opentelemetry/sdk-node') as SdkModule;
  const libraries = options.instrumentations === false ? [] : loadInstrumentations();
  instrumented = libraries.length > 0;
  sdk = new NodeSDK({
    resource,
    // OTEL_RESOURCE_ATTRIBUTES (the chart sets the pod's name and namespace); not the process's
    // command line, nor the host's id (read asynchronously: spans would wait for it).
    resourceDetectors: [envDetector],
    spanProcessors: [new ServiceAttributeProcessor(), ...processors],
    instrumentations: libraries,
    contextManager: new AsyncLocalStorageContextManager(),
    textMapPropagator: new KeepExistingTraceContext(),
    // Traces only: metrics are Prometheus' (/metrics), logs are stdout's.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
}

/**
 * Whether undici's requests are traced by its instrumentation, which then
 * writes their `traceparent` itself, its CLIENT span as the parent.
 */
export function httpClientTraced(): boolean {
  return instrumented;
}

/** Ends tracing, exporting the spans still buffered (called on shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  await sdk?.shutdown();
  provider = undefined;
  sdk = undefined;
  instrumented = false;
  trace.disable();
  propagation.disable();
}
