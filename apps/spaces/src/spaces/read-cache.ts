import { Injectable } from '@nestjs/common';
import { BoundedCache } from '@palabre/cache';

const MAX_ENTRIES = 5_000;

/**
 * Reads kept a second or two in this process (rendered landing pages,
 * component contexts for authorization). Any write in this process clears it
 * at once; other replicas see the change when their entries age out. A read
 * is not shared while it is being built: a page rendered for one person is
 * kept for all only when `keep` says every caller would get it.
 */
@Injectable()
export class ReadCache {
  /** Each read says how long it is kept (`ms`); the cache's own TTL is never used. */
  private readonly entries = new BoundedCache<unknown>({ max: MAX_ENTRIES, ttlMs: 1_000 });

  async get<T>(
    key: string,
    ms: number,
    build: () => Promise<T>,
    keep: (value: T) => boolean = () => true,
  ): Promise<T> {
    const hit = this.entries.peek(key);
    if (hit !== undefined) return hit as T;
    const value = await build();
    if (keep(value)) this.entries.set(key, value, ms);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
