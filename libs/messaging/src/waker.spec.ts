import { IdleBackoff, Waker } from './waker';

describe('Waker and IdleBackoff', () => {
  it('backs an idle poll off from the base to the maximum, and back to the base after work', () => {
    const b = new IdleBackoff(1_000, 5_000);
    expect([0, 0, 0, 0, 0].map((n) => b.after(n))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(b.after(3)).toBe(1_000);
    expect([b.after(0), b.after(0)]).toEqual([1_000, 2_000]);
    // A maximum below the base never shortens the base.
    const tight = new IdleBackoff(1_000, 500);
    expect([tight.after(0), tight.after(0)]).toEqual([1_000, 1_000]);
  });

  it('a wake-up cuts a long sleep short, and one that comes while busy is not lost', async () => {
    const w = new Waker();
    const t = Date.now();
    setTimeout(() => w.wake(), 20);
    await w.sleep(10_000);
    expect(Date.now() - t).toBeLessThan(5_000);
    w.wake();
    const before = Date.now();
    await w.sleep(10_000);
    expect(Date.now() - before).toBeLessThan(5_000);
  });
});
