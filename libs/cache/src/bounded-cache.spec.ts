import { BoundedCache } from './bounded-cache';

/** A clock the test moves (not at 0: lru-cache takes a start of 0 for "no start"). */
const clockAt = (ms: number) => {
  const clock = { at: ms, now: () => clock.at };
  return clock;
};

/** A lookup that answers when the test says so, counting the calls. */
function controlled<V>() {
  const calls: { resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  const lookup = () => new Promise<V>((resolve, reject) => calls.push({ resolve, reject }));
  return { lookup, calls };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('BoundedCache', () => {
  it('keeps at most max entries, the least recently used going first', async () => {
    const cache = new BoundedCache<string>({ max: 3, ttlMs: 60_000 });
    let asked = 0;
    const answer = (key: string) => cache.fetch(key, async () => `${key}#${++asked}`);
    for (const key of ['a', 'b', 'c']) await answer(key);
    expect(await answer('a')).toBe('a#1'); // a is now the most recently used
    await answer('d'); // evicts b, the least recently used
    expect(cache.size).toBe(3);
    expect(cache.peek('b')).toBeUndefined();
    expect(await answer('a')).toBe('a#1');
    expect(await answer('b')).toBe('b#5');
  });

  it('keeps an answer for its time to live, then looks it up again', async () => {
    const clock = clockAt(1_000);
    const cache = new BoundedCache<number>({ max: 10, ttlMs: 2_000, clock });
    let asked = 0;
    const answer = () => cache.fetch('k', async () => ++asked);
    expect(await answer()).toBe(1);
    clock.at = 2_999;
    expect(await answer()).toBe(1);
    clock.at = 3_001;
    expect(await answer()).toBe(2);
    expect(cache.peek('k')).toBe(2);
    clock.at = 5_002;
    expect(cache.peek('k')).toBeUndefined();
  });

  it('keeps each answer as long as it says, and an answer of no time not at all', async () => {
    const clock = clockAt(1_000);
    const cache = new BoundedCache<{ maxAgeMs: number; n: number }>({
      max: 10,
      ttlMs: (v) => v.maxAgeMs,
      clock,
    });
    let asked = 0;
    const answer = (key: string, maxAgeMs: number) =>
      cache.fetch(key, async () => ({ maxAgeMs, n: ++asked }));
    expect((await answer('long', 10_000)).n).toBe(1);
    expect((await answer('short', 1_000)).n).toBe(2);
    expect((await answer('never', 0)).n).toBe(3);
    expect((await answer('never', 0)).n).toBe(4);
    clock.at = 3_000;
    expect((await answer('long', 10_000)).n).toBe(1);
    expect((await answer('short', 1_000)).n).toBe(5);
  });

  it('asks once for the concurrent callers of a key, and separately for another key', async () => {
    const cache = new BoundedCache<string>({ max: 10, ttlMs: 60_000 });
    const { lookup, calls } = controlled<string>();
    const waiting = Array.from({ length: 20 }, () => cache.fetch('k', lookup));
    const other = cache.fetch('other', lookup);
    expect(calls).toHaveLength(2);
    calls[0].resolve('answer');
    calls[1].resolve('other answer');
    expect(await Promise.all(waiting)).toEqual(Array(20).fill('answer'));
    expect(await other).toBe('other answer');
    expect(await cache.fetch('k', lookup)).toBe('answer');
    expect(calls).toHaveLength(2);
  });

  it('fails every caller of a failed lookup, keeps nothing, and asks again next time', async () => {
    const cache = new BoundedCache<string>({ max: 10, ttlMs: 60_000 });
    const { lookup, calls } = controlled<string>();
    const waiting = Promise.allSettled([cache.fetch('k', lookup), cache.fetch('k', lookup)]);
    calls[0].reject(new Error('identity answered 500'));
    expect((await waiting).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(cache.peek('k')).toBeUndefined();
    const again = cache.fetch('k', lookup);
    expect(calls).toHaveLength(2);
    calls[1].resolve('answer');
    expect(await again).toBe('answer');
  });

  it('gives an answer kept for no time to its asker only: the others waiting ask for themselves', async () => {
    // Keyed without the asker; only a public answer is everyone's.
    const cache = new BoundedCache<{ public: boolean; for: string }>({
      max: 10,
      ttlMs: (v) => (v.public ? 1_000 : 0),
    });
    const { lookup, calls } = controlled<{ public: boolean; for: string }>();
    const admin = cache.fetch('space', lookup);
    const visitors = [cache.fetch('space', lookup), cache.fetch('space', lookup)];
    expect(calls).toHaveLength(1);
    calls[0].resolve({ public: false, for: 'admin' });
    expect(await admin).toEqual({ public: false, for: 'admin' });
    await settle();
    expect(calls).toHaveLength(3);
    calls[1].resolve({ public: true, for: 'visitor 1' });
    calls[2].resolve({ public: true, for: 'visitor 2' });
    expect((await Promise.all(visitors)).map((v) => v.for)).toEqual(['visitor 1', 'visitor 2']);
    // Their own answers, public, are kept.
    expect(cache.peek('space')?.public).toBe(true);
  });

  it('forgets one key, even while it is being looked up: its callers get the answer, nobody else', async () => {
    const cache = new BoundedCache<string>({ max: 10, ttlMs: 60_000 });
    await cache.fetch('a', async () => 'a1');
    await cache.fetch('b', async () => 'b1');
    cache.delete('a');
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBe('b1');

    const { lookup, calls } = controlled<string>();
    const before = cache.fetch('a', lookup);
    cache.delete('a'); // e.g. the component's phase switched during the lookup
    const after = cache.fetch('a', lookup);
    expect(calls).toHaveLength(2);
    calls[0].resolve('from before the change');
    calls[1].resolve('from after the change');
    expect(await before).toBe('from before the change');
    expect(await after).toBe('from after the change');
    expect(cache.peek('a')).toBe('from after the change');
  });

  it('forgets the keys a predicate matches, or everything', async () => {
    const cache = new BoundedCache<string>({ max: 10, ttlMs: 60_000 });
    for (const key of ['org|u1|c1', 'org|u2|c1', 'org|u1|c2'])
      await cache.fetch(key, async () => key);
    cache.deleteWhere((k) => k.endsWith('|c1'));
    expect(['org|u1|c1', 'org|u2|c1', 'org|u1|c2'].map((k) => cache.peek(k))).toEqual([
      undefined,
      undefined,
      'org|u1|c2',
    ]);
    const { lookup, calls } = controlled<string>();
    const inFlight = cache.fetch('org|u3|c1', lookup);
    cache.deleteWhere((k) => k.endsWith('|c1'));
    cache.clear();
    expect(cache.size).toBe(0);
    const fresh = cache.fetch('org|u3|c1', lookup);
    expect(calls).toHaveLength(2);
    calls[1].resolve('new');
    calls[0].resolve('old');
    expect(await inFlight).toBe('old');
    expect(await fresh).toBe('new');
    expect(cache.peek('org|u3|c1')).toBe('new');
  });

  it('keeps what it is told, for as long as it is told, and a value of no time is forgotten', () => {
    const clock = clockAt(1_000);
    const cache = new BoundedCache<string | null>({ max: 10, ttlMs: 5_000, clock });
    cache.set('token', 'signed');
    cache.set('short', 'x', 100);
    cache.set('unknown', null);
    clock.at = 1_200;
    expect(cache.peek('token')).toBe('signed');
    expect(cache.peek('short')).toBeUndefined();
    expect(cache.peek('unknown')).toBeNull();
    cache.set('token', 'other', 0);
    expect(cache.peek('token')).toBeUndefined();
    cache.set('forever', 'x', Infinity);
    clock.at = 1e12;
    expect(cache.peek('forever')).toBe('x');
  });

  it('refuses a size or a time to live that cannot be', () => {
    expect(() => new BoundedCache({ max: 0, ttlMs: 1_000 })).toThrow(/max/);
    expect(() => new BoundedCache({ max: 1.5, ttlMs: 1_000 })).toThrow(/max/);
    expect(() => new BoundedCache({ max: 10, ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => new BoundedCache({ max: 10, ttlMs: Number.NaN })).toThrow(/ttlMs/);
  });
});
