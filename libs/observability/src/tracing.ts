import { propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

type OtlpModule = typeof import('@opentelemetry/exporter-trace-otlp-http');

let provider: NodeTracerProvider | undefined;

export interface TracingOptions {
  /** Extra exporter (tests use an in-memory one). OTLP is added when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  exporter?: SpanExporter;
}

/**
 * The `service.name` of the spans: OTEL_SERVICE_NAME when set (the Helm chart
 * sets `palabre-<app>`), as the OpenTelemetry specification says, else the app's name.
 */
export function tracingServiceName(appName: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.OTEL_SERVICE_NAME?.trim() || appName;
}

/**
 * Starts OpenTelemetry tracing (call first in main.ts). Requests get their
 * SERVER span from `tracingMiddleware`; W3C trace context goes out on
 * forwarded HTTP calls and in event headers (see @palabre/messaging).
 */
export function startTracing(
  serviceName: string,
  options: TracingOptions = {},
): NodeTracerProvider {
  if (provider) return provider;
  const processors: SpanProcessor[] = [];
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    // Loaded only when spans are exported (a third of a second of start-up otherwise spent
    // for nothing, in embedded mode above all); tracing starts before anything else, synchronously.
    const otlp = require('@opentelemetry/exporter-trace-otlp-http') as OtlpModule;
    processors.push(new BatchSpanProcessor(new otlp.OTLPTraceExporter()));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: tracingServiceName(serviceName) }),
    spanProcessors: processors,
    // Nothing exports spans: none is recorded (no attributes kept, nothing to end), yet each
    // request still gets its trace and span ids, so logs correlate and `traceparent` goes on.
    // With an exporter, the SDK's default sampler (OTEL_TRACES_SAMPLER, else parent-based).
    ...(processors.length === 0 ? { sampler: new AlwaysOffSampler() } : {}),
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  return provider;
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
  trace.disable();
  propagation.disable();
}
