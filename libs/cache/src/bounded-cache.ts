import { LRUCache } from 'lru-cache';

export interface BoundedCacheOptions<V> {
  /** Entries kept at most; past it, the least recently used one goes. */
  max: number;
  /**
   * How long an answer is kept, in milliseconds: the same for all, or decided
   * per answer (as long as the server allows, longer for a hit than a miss).
   * Zero or less: that answer is not kept (see `fetch`). Infinity: kept as
   * long as it is among the `max` most recently used (what never changes).
   */
  ttlMs: number | ((value: V) => number);
  /**
   * Milliseconds since some origin. `performance` (monotonic) unless told:
   * a cache of something dated by the wall clock (a token's `exp`) passes
   * `Date`; tests pass a clock they move.
   */
  clock?: { now(): number };
}

type Lookup<V> = Promise<{ value: V; shared: boolean }>;

/**
 * The one in-memory cache of the workspace: bounded (least recently used out
 * first), each answer kept for its time to live, one lookup in flight per key.
 *
 * - Concurrent callers of `fetch` for a key share one lookup. A failed lookup
 *   fails all of them and is not remembered: the next caller asks again.
 * - An answer kept for no time is its asker's alone: neither stored nor handed
 *   to the callers who waited on that lookup (they look up for themselves).
 *   So a lookup whose answer depends on who asks, keyed without the asker,
 *   shares only the answers it keeps (a public page, spaces' policy for all).
 * - `delete`, `deleteWhere` and `clear` also cut off the lookups in flight:
 *   their callers get the answer, the cache does not keep it, and the next
 *   caller asks afresh (a change made meanwhile is never answered from before it).
 *
 * Storage is lru-cache; lookups in flight are held here rather than with its
 * `fetchMethod`, which keeps every answer (a TTL of 0 there means forever),
 * counts lookups in flight against `max`, and rejects the waiting callers
 * when an entry is deleted under them.
 */
export class BoundedCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;
  private readonly inFlight = new Map<string, Lookup<V>>();
  private readonly ttlOf: (value: V) => number;
  /** Moves at each invalidation: a caller's own lookup started before it keeps nothing. */
  private epoch = 0;

  constructor(options: BoundedCacheOptions<V>) {
    const { max, ttlMs } = options;
    if (!Number.isSafeInteger(max) || max < 1)
      throw new RangeError(`A cache's max must be a positive integer, not ${max}`);
    if (typeof ttlMs === 'number' && !(ttlMs > 0))
      throw new RangeError(
        `A cache's ttlMs must be a positive number of milliseconds, not ${ttlMs}`,
      );
    this.ttlOf = typeof ttlMs === 'number' ? () => ttlMs : ttlMs;
    this.entries = new LRUCache({
      // Bounded by count through maxSize, not max: `max` allocates storage for
      // every entry up front (about 45 bytes each, 23 MB for the embedded
      // platform's caches, mostly empty), maxSize grows with use like a Map.
      // Hits cost the same; a miss ~2 µs more, beside the lookup it makes.
      maxSize: max,
      sizeCalculation: () => 1,
      perf: options.clock ?? performance,
      // Ages read off the clock at each look (no cached "now", no timer).
      ttlResolution: 0,
    });
  }

  /** The kept answer for `key`, else `lookup`'s (shared with concurrent callers, kept for its TTL). */
  async fetch(key: string, lookup: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    const pending = this.inFlight.get(key);
    if (pending) {
      const other = await pending;
      return other.shared ? other.value : this.lookUp(key, lookup);
    }
    const mine: Lookup<V> = lookup().then(
      (value) => {
        // Not ours any more: invalidated (or set) meanwhile, so not kept.
        const ours = this.inFlight.get(key) === mine;
        if (ours) this.inFlight.delete(key);
        const ttlMs = this.ttlOf(value);
        if (ours && ttlMs > 0) this.entries.set(key, { value }, { ttl: ttlMs });
        return { value, shared: ttlMs > 0 };
      },
      (error: unknown) => {
        if (this.inFlight.get(key) === mine) this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, mine);
    return (await mine).value;
  }

  /** The kept answer for `key`, without looking it up; undefined when none (or it expired). */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /**
   * Keeps `value` for `key`, for `ttlMs` or the cache's TTL of this value
   * (none: forgets the key). A lookup in flight for the key is not kept over it.
   */
  set(key: string, value: V, ttlMs = this.ttlOf(value)): void {
    this.inFlight.delete(key);
    if (ttlMs > 0) this.entries.set(key, { value }, { ttl: ttlMs });
    else this.entries.delete(key);
  }

  /** Forgets `key`: the next caller looks it up, even if a lookup was in flight. */
  delete(key: string): void {
    this.epoch++;
    this.inFlight.delete(key);
    this.entries.delete(key);
  }

  /** Forgets every key `matches` (e.g. every entry about a component). */
  deleteWhere(matches: (key: string) => boolean): void {
    this.epoch++;
    for (const key of [...this.inFlight.keys()]) if (matches(key)) this.inFlight.delete(key);
    for (const key of [...this.entries.keys()]) if (matches(key)) this.entries.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.epoch++;
    this.inFlight.clear();
    this.entries.clear();
  }

  /** Entries held (some may have expired and not been looked at since). */
  get size(): number {
    return this.entries.size;
  }

  /** A caller's own lookup, after a shared one whose answer was not for them. */
  private async lookUp(key: string, lookup: () => Promise<V>): Promise<V> {
    const epoch = this.epoch;
    const value = await lookup();
    const ttlMs = this.ttlOf(value);
    if (ttlMs > 0 && epoch === this.epoch) this.entries.set(key, { value }, { ttl: ttlMs });
    return value;
  }
}
