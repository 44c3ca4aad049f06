import { metricsRegistry, watchOutbox } from './metrics';

describe('readings taken at scrape time', () => {
  it('read the outbox once per scrape for both of its gauges, and afresh at the next', async () => {
    let reads = 0;
    let backlog = 3;
    const stop = watchOutbox('metrics-spec', async () => {
      reads++;
      return { backlog, oldestAgeSeconds: 1.5 };
    });
    try {
      const first = await metricsRegistry.metrics();
      expect(reads).toBe(1);
      expect(first).toContain('palabre_outbox_backlog{service="metrics-spec"} 3');
      expect(first).toContain('palabre_outbox_oldest_age_seconds{service="metrics-spec"} 1.5');
      backlog = 0;
      const second = await metricsRegistry.metrics();
      expect(reads).toBe(2);
      expect(second).toContain('palabre_outbox_backlog{service="metrics-spec"} 0');
    } finally {
      stop();
    }
  });
});
