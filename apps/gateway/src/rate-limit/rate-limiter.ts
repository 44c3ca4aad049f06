import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

export interface RateLimitResult {
  allowed: boolean;
  /** Requests allowed per window (RateLimit-Limit). */
  limit: number;
  remaining: number;
  /** Seconds until the window resets (RateLimit-Reset, and Retry-After when refused). */
  resetSeconds: number;
}

export interface RateLimiterSettings {
  /** Requests one client may make per window. */
  points: number;
  /** Window length in seconds (60: RATE_LIMIT_PER_MINUTE). */
  windowSeconds?: number;
  /** Shared by every gateway replica when set (distributed mode); process memory otherwise. */
  redisUrl?: string;
}

/**
 * The gateway's requests-per-client limit, counted by rate-limiter-flexible:
 * in Redis, shared by every replica, when REDIS_URL is set; in process memory
 * otherwise (embedded mode, one process). When Redis is unreachable each
 * replica goes on counting in its own memory (the library's insurance limiter)
 * rather than refusing everyone or letting everyone through.
 */
export class RateLimiter {
  private constructor(
    /** Where the counts live, as logged at start. */
    readonly store: 'redis' | 'memory',
    readonly limit: number,
    private readonly windowSeconds: number,
    private readonly limiter: RateLimiterAbstract,
    private readonly redis?: Redis,
  ) {}

  static create(settings: RateLimiterSettings): RateLimiter {
    const points = settings.points;
    const duration = settings.windowSeconds ?? 60;
    const memory = new RateLimiterMemory({ keyPrefix: 'palabre:rl', points, duration });
    if (!settings.redisUrl) return new RateLimiter('memory', points, duration, memory);
    // Loaded only for counts shared through Redis: an embedded platform never holds a Redis client.
    const { default: RedisClient } = require('ioredis') as typeof import('ioredis');
    const redis = new RedisClient(settings.redisUrl, {
      maxRetriesPerRequest: 1,
      // Without a connection, answer from the insurance limiter at once instead of queueing.
      enableOfflineQueue: false,
    });
    redis.on('error', () => undefined);
    const shared = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'palabre:rl',
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
    return new RateLimiter('redis', points, duration, shared, redis);
  }

  /** Settles once Redis answers (at once in memory); until then replicas count in their own memory. */
  async connected(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  }

  /** Counts one request of `key` (a client address) and says whether it may go on. */
  async hit(key: string): Promise<RateLimitResult> {
    try {
      return this.result(true, await this.limiter.consume(key));
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return this.result(false, outcome);
      // Neither the store nor the insurance limiter answered: let the request through.
      return {
        allowed: true,
        limit: this.limit,
        remaining: this.limit,
        resetSeconds: this.windowSeconds,
      };
    }
  }

  private result(allowed: boolean, r: RateLimiterRes): RateLimitResult {
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, r.remainingPoints),
      resetSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)),
    };
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }
}
