import { randomUUID } from 'node:crypto';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limiter';

async function hits(limiter: RateLimiter, key: string, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await limiter.hit(key));
  return out;
}

describe('MemoryRateLimiter', () => {
  it('allows the limit per window and per key, then refuses with the time to wait', async () => {
    const limiter = new MemoryRateLimiter(3, 60_000);
    const r = await hits(limiter, 'org:1.2.3.4', 4);
    expect(r.map((x) => x.allowed)).toEqual([true, true, true, false]);
    expect(r[3].resetSeconds).toBeGreaterThan(0);
    expect((await limiter.hit('org:5.6.7.8')).allowed).toBe(true);
  });

  it('opens a new window when the old one ends', async () => {
    const limiter = new MemoryRateLimiter(1, 50);
    expect((await limiter.hit('k')).allowed).toBe(true);
    expect((await limiter.hit('k')).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect((await limiter.hit('k')).allowed).toBe(true);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
(redisUrl ? describe : describe.skip)('RedisRateLimiter (real Redis)', () => {
  it('shares one window between gateway replicas', async () => {
    const a = new RedisRateLimiter(redisUrl!, 5);
    const b = new RedisRateLimiter(redisUrl!, 5);
    const key = `test-${randomUUID()}`;
    try {
      const r = [...(await hits(a, key, 3)), ...(await hits(b, key, 3))];
      expect(r.map((x) => x.allowed)).toEqual([true, true, true, true, true, false]);
      expect(r[5].remaining).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fails open when Redis is unreachable rather than refusing everyone', async () => {
    const down = new RedisRateLimiter('redis://127.0.0.1:1', 1);
    try {
      expect((await down.hit('k')).allowed).toBe(true);
      expect((await down.hit('k')).allowed).toBe(true);
    } finally {
      await down.close();
    }
  });
});
