import Redis from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateLimitResult>;
  close(): Promise<void>;
}

/** Fixed one-minute windows in process memory (embedded mode, one replica). */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  async hit(key: string): Promise<RateLimitResult> {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 100_000) this.sweep(now);
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return {
      allowed: w.count <= this.limit,
      remaining: Math.max(0, this.limit - w.count),
      resetSeconds: Math.ceil((w.resetAt - now) / 1000),
    };
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }

  async close() {}
}

/** The same windows shared by every gateway replica through Redis. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {
    this.redis = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: false,
    });
    this.redis.on('error', () => undefined);
    this.connected = new Promise((resolve) => {
      this.redis.once('ready', () => resolve());
      setTimeout(resolve, 2_000).unref();
    });
  }

  /** Settles when the first connection is up (or after 2 s, to fail open). */
  private readonly connected: Promise<void>;

  async hit(key: string): Promise<RateLimitResult> {
    const window = Math.floor(Date.now() / this.windowMs);
    const k = `palabre:rl:${key}:${window}`;
    if (this.redis.status !== 'ready') await this.connected;
    try {
      const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, this.windowMs).exec()) as [
        [null, number],
      ];
      const resetMs = (window + 1) * this.windowMs - Date.now();
      return {
        allowed: count <= this.limit,
        remaining: Math.max(0, this.limit - count),
        resetSeconds: Math.ceil(resetMs / 1000),
      };
    } catch {
      // Redis down: fail open rather than take the whole platform offline.
      return { allowed: true, remaining: this.limit, resetSeconds: 60 };
    }
  }

  async close() {
    this.redis.disconnect();
  }
}
