import type { ThrottlePolicy } from './abuse-limits.config';
import { afterAttempt, lockedFor, type AttemptCounter } from './sign-in-throttle';

const policy: ThrottlePolicy = {
  maxFailures: 3,
  windowSeconds: 900,
  lockSeconds: 60,
  lockMaxSeconds: 300,
};
const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, 0) + s * 1000);

/** Failures at the given seconds, each made only if the counter let it in. */
function failures(times: number[], start: AttemptCounter | null = null) {
  let c = start;
  const outcomes: (number | 'refused')[] = [];
  for (const t of times) {
    if (lockedFor(c, at(t)) > 0) {
      outcomes.push('refused');
      continue;
    }
    const next = afterAttempt(c, at(t), policy);
    outcomes.push(next.lockStarted ? lockedFor(next, at(t)) : 0);
    c = next;
  }
  return { outcomes, counter: c };
}

describe('sign-in attempt counter', () => {
  it('locks on the attempt that reaches the limit and refuses every attempt during the lock', () => {
    const { outcomes } = failures([0, 1, 2, 3, 61]);
    expect(outcomes).toEqual([0, 0, 60, 'refused', 'refused']);
  });

  it('locks again after one more failure, twice as long each time, up to the maximum', () => {
    const { outcomes } = failures([0, 1, 2, 63, 200, 450, 700, 1000]);
    expect(outcomes).toEqual([0, 0, 60, 120, 240, 300, 'refused', 300]);
  });

  it('starts over after a quiet window', () => {
    const { counter } = failures([0, 1, 2]);
    // The lock ended at 62 s; 900 s later the counter is forgotten.
    const { outcomes } = failures([62 + 901, 964, 965], counter);
    expect(outcomes).toEqual([0, 0, 60]);
  });

  it('may be forgotten once the lock and then a whole window have passed', () => {
    const next = afterAttempt(
      afterAttempt(afterAttempt(null, at(0), policy), at(1), policy),
      at(2),
      policy,
    );
    expect(next.lockedUntil).toEqual(at(62));
    expect(next.expiresAt).toEqual(at(62 + 900));
  });
});
