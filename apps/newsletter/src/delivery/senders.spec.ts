import { pace } from './senders';

describe('the pace of an organization’s pool', () => {
  it('keeps the setting in windows of a tenth of a second, or one message each when slower', () => {
    for (const [perSecond, window] of [
      [500, { rateLimit: 50, rateDelta: 100 }],
      [2000, { rateLimit: 200, rateDelta: 100 }],
      [25, { rateLimit: 2, rateDelta: 80 }],
      [5, { rateLimit: 1, rateDelta: 200 }],
      [1, { rateLimit: 1, rateDelta: 1000 }],
    ] as const) {
      const p = pace(perSecond);
      expect([perSecond, p]).toEqual([perSecond, window]);
      expect((p.rateLimit * 1000) / p.rateDelta).toBeCloseTo(perSecond, 0);
    }
  });
});
