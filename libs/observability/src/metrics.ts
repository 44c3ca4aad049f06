import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

export const eventsDeadLettered = new Counter({
  name: 'palabre_events_dead_lettered_total',
  help: 'Events a consumer gave up on after its retries, sent to <topic>.dlt',
  labelNames: ['group', 'topic'] as const,
  registers: [metricsRegistry],
});

/**
 * Readings taken when Prometheus scrapes (a query of the outbox, the offsets of
 * a consumer group): each source registers how to read, and the gauge asks
 * them all at each scrape. A source that fails is left out of that scrape.
 */
function scrapeTime<T>() {
  const sources = new Map<string, () => Promise<T>>();
  // The gauges of one scrape are collected concurrently: they share the reading in flight
  // (one query of the outbox for its backlog and its age).
  let inFlight: Promise<[string, T][]> | undefined;
  const readAll = async (): Promise<[string, T][]> => {
    const settled = await Promise.all(
      [...sources].map(async ([key, read]) => {
        try {
          return [[key, await read()] as [string, T]];
        } catch {
          return [];
        }
      }),
    );
    return settled.flat();
  };
  return {
    watch(key: string, read: () => Promise<T>): () => void {
      sources.set(key, read);
      return () => {
        if (sources.get(key) === read) sources.delete(key);
      };
    },
    read(): Promise<[string, T][]> {
      return (inFlight ??= readAll().finally(() => (inFlight = undefined)));
    },
  };
}

export interface OutboxReading {
  backlog: number;
  oldestAgeSeconds: number;
}
const outboxes = scrapeTime<OutboxReading>();
/** Reports a service's outbox (its relay registers it); returns the way to stop. */
export const watchOutbox = outboxes.watch;

export const outboxBacklog = new Gauge({
  name: 'palabre_outbox_backlog',
  help: 'Events committed to the outbox and not yet published, by service',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await outboxes.read();
    this.reset();
    for (const [service, r] of readings) this.set({ service }, r.backlog);
  },
});

export const outboxOldestAge = new Gauge({
  name: 'palabre_outbox_oldest_age_seconds',
  help: 'Age of the oldest event waiting in the outbox (0 when none waits), by service',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await outboxes.read();
    this.reset();
    for (const [service, r] of readings) this.set({ service }, r.oldestAgeSeconds);
  },
});

const lags = scrapeTime<{ group: string; topic: string; lag: number }[]>();
/** Reports a consumer group's lag per topic (its subscription registers it); returns the way to stop. */
export const watchConsumerLag = lags.watch;

export const consumerLag = new Gauge({
  name: 'palabre_consumer_lag',
  help: 'Events published on a topic that a consumer group has not handled yet',
  labelNames: ['group', 'topic'] as const,
  registers: [metricsRegistry],
  async collect() {
    const readings = await lags.read();
    this.reset();
    for (const [, rows] of readings)
      for (const { group, topic, lag } of rows) this.set({ group, topic }, lag);
  },
});

export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
}
const pools = new Map<string, () => PoolUsage | undefined>();

/** Reports a service's database pool in palabre_db_pool_connections, read at each scrape; returns the way to stop. */
export function watchPool(service: string, read: () => PoolUsage | undefined): () => void {
  pools.set(service, read);
  return () => {
    if (pools.get(service) === read) pools.delete(service);
  };
}

export const dbPoolConnections = new Gauge({
  name: 'palabre_db_pool_connections',
  help: "Database connections of a service's pool, by state (total, idle, waiting: queries waiting for one)",
  labelNames: ['service', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [service, read] of pools) {
      const usage = read();
      if (!usage) continue;
      for (const state of ['total', 'idle', 'waiting'] as const)
        this.set({ service, state }, usage[state]);
    }
  },
});
