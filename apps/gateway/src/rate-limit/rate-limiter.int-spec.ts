import { randomUUID } from 'node:crypto';
import { RateLimiter } from './rate-limiter';

async function hits(limiter: RateLimiter, key: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await limiter.hit(key));
  return out;
}

describe('RateLimiter in memory (embedded mode)', () => {
  afterEach(() => jest.useRealTimers());

  it('allows the limit per window and per key, then refuses with the time to wait', async () => {
    const limiter = RateLimiter.create({ points: 3 });
    expect(limiter.store).toBe('memory');
    const r = await hits(limiter, '1.2.3.4', 4);
    expect(r.map((x) => x.allowed)).toEqual([true, true, true, false]);
    expect(r.map((x) => x.remaining)).toEqual([2, 1, 0, 0]);
    expect(r[3]).toMatchObject({ limit: 3, resetSeconds: 60 });
    expect((await limiter.hit('5.6.7.8')).allowed).toBe(true);
  });

  it('opens a new window when the old one ends', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T10:00:00Z') });
    const limiter = RateLimiter.create({ points: 1, windowSeconds: 60 });
    expect((await limiter.hit('k')).allowed).toBe(true);
    jest.setSystemTime(new Date('2026-03-01T10:00:45Z'));
    expect(await limiter.hit('k')).toMatchObject({ allowed: false, resetSeconds: 15 });
    jest.setSystemTime(new Date('2026-03-01T10:01:00.001Z'));
    expect((await limiter.hit('k')).allowed).toBe(true);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('RateLimiter in Redis (real Redis)', () => {
  it('shares one window between gateway replicas', async () => {
    const a = RateLimiter.create({ points: 5, redisUrl });
    const b = RateLimiter.create({ points: 5, redisUrl });
    const key = `test-${randomUUID()}`;
    try {
      expect(a.store).toBe('redis');
      await Promise.all([a.connected(), b.connected()]);
      const r = [...(await hits(a, key, 3)), ...(await hits(b, key, 3))];
      expect(r.map((x) => x.allowed)).toEqual([true, true, true, true, true, false]);
      expect(r.map((x) => x.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('counts in its own memory when Redis is unreachable, rather than refusing or allowing everyone', async () => {
    const down = RateLimiter.create({ points: 2, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const r = await hits(down, 'k', 3);
      expect(r.map((x) => x.allowed)).toEqual([true, true, false]);
    } finally {
      await down.close();
    }
  });
});
