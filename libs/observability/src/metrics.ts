import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, served at /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'palabre_' });

export const httpRequestDuration = new Histogram({
  name: 'palabre_http_request_duration_seconds',
  help: 'HTTP request duration by service, method, route and status',
  labelNames: ['service', 'method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const eventsHandled = new Counter({
  name: 'palabre_events_handled_total',
  help: 'Events handled by consumers, by outcome',
  labelNames: ['group', 'topic', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const securityEvents = new Counter({
  name: 'palabre_security_events_total',
  help: 'Refused sign-ins and cross-site or forged requests, by service and event',
  labelNames: ['service', 'event'] as const,
  registers: [metricsRegistry],
});
