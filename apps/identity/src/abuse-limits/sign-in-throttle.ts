import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { IdentityConfig } from '../config/identity.config';
import { AbuseLimitsConfig, type ThrottlePolicy } from './abuse-limits.config';
import { AbuseCountersRepository, type CounterKey } from './abuse-counters.repository';

/** What a counter remembers of recent sign-in attempts. */
export interface AttemptCounter {
  /** Attempts not proven right (failures, and attempts still being checked). */
  hits: number;
  lastHitAt: Date;
  /** Locks in a row: each lasts twice the one before. */
  locks: number;
  lockedUntil: Date | null;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Whole seconds until `c` lets attempts in again; 0 when it does now. */
export function lockedFor(c: AttemptCounter | null, now: Date): number {
  const left = (c?.lockedUntil?.getTime() ?? 0) - now.getTime();
  return left > 0 ? seconds(left) : 0;
}

/**
 * The counter after one more attempt at `now` (made while it was not locked).
 * A counter quiet for a whole window starts over. The attempt that reaches
 * `maxFailures` starts a lock of lockSeconds * 2^(locks in a row), at most
 * lockMaxSeconds; after a lock one more failure within the window locks again,
 * twice as long: guessing slows down exponentially.
 */
export function afterAttempt(
  c: AttemptCounter | null,
  now: Date,
  p: ThrottlePolicy,
): AttemptCounter & { lockStarted: boolean; expiresAt: Date } {
  const lastSeen = Math.max(c?.lastHitAt.getTime() ?? 0, c?.lockedUntil?.getTime() ?? 0);
  const fresh = !c || now.getTime() - lastSeen > p.windowSeconds * 1000;
  let hits = (fresh ? 0 : c.hits) + 1;
  let locks = fresh ? 0 : c.locks;
  let lockedUntil = fresh ? null : c.lockedUntil;
  let lockStarted = false;
  if (hits >= p.maxFailures) {
    const lockMs = Math.min(p.lockMaxSeconds, p.lockSeconds * 2 ** locks) * 1000;
    locks += 1;
    lockedUntil = new Date(now.getTime() + lockMs);
    hits = p.maxFailures - 1;
    lockStarted = true;
  }
  const forgetFrom = Math.max(now.getTime(), lockedUntil?.getTime() ?? 0);
  return {
    hits,
    lastHitAt: now,
    locks,
    lockedUntil,
    lockStarted,
    expiresAt: new Date(forgetFrom + p.windowSeconds * 1000),
  };
}

/** One admitted attempt: its counters, and whether it started a lock. */
export interface SignInAttempt {
  organizationId: string;
  account: CounterKey;
  address?: CounterKey;
  /** This attempt locked the account's sign-in (tell the owner, if it fails). */
  accountLockStarted: boolean;
  /** The counters (keyed hashes) whose lock this attempt started, for the log. */
  locked: CounterKey[];
  /** Seconds of the lock this attempt started (account or address), 0 if none. */
  lockSeconds: number;
}

export type AdmitResult =
  { admitted: true; attempt: SignInAttempt } | { admitted: false; retryAfterSeconds: number };

/**
 * Sign-in attempts per account (per email, whether an account has it or not:
 * the answers never tell) and per client address, counted in identity's
 * database so that every replica sees them. An attempt is counted before its
 * password is checked and taken back when it is right: a burst of parallel
 * guesses gets no more checks than a sequence would.
 */
@Injectable()
export class SignInThrottle {
  /** The time, replaceable in tests. */
  clock: () => Date = () => new Date();

  constructor(
    private readonly counters: AbuseCountersRepository,
    private readonly limits: AbuseLimitsConfig,
    private readonly config: IdentityConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  accountKey(email: string): CounterKey {
    return { scope: 'sign-in-account', keyHash: this.config.keyed('sign-in-account', email) };
  }

  /** Counts the attempt unless the account or the address is locked. */
  async admit(organizationId: string, email: string, address?: string): Promise<AdmitResult> {
    const now = this.clock();
    const account = this.accountKey(email);
    const addressKey: CounterKey | undefined = address
      ? { scope: 'sign-in-address', keyHash: this.config.keyed('sign-in-address', address) }
      : undefined;
    const keys = addressKey ? [account, addressKey] : [account];
    const { result, created } = await this.counters.transaction(async (m) => {
      const { rows, created } = await this.counters.lockCounters(m, organizationId, keys, now);
      const counters = keys.map((k) => {
        const row = rows.find((r) => r.scope === k.scope && r.key_hash === k.keyHash);
        return row && row.hits + row.locks > 0
          ? {
              hits: row.hits,
              lastHitAt: new Date(row.last_hit_at),
              locks: row.locks,
              lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
            }
          : null;
      });
      const wait = Math.max(...counters.map((c) => lockedFor(c, now)));
      if (wait > 0)
        return { result: { admitted: false, retryAfterSeconds: wait } as const, created };
      const policies = [this.limits.account, this.limits.address];
      const next = counters.map((c, i) => afterAttempt(c, now, policies[i]));
      for (const [i, key] of keys.entries())
        await this.counters.saveCounter(m, organizationId, key, next[i]);
      const attempt: SignInAttempt = {
        organizationId,
        account,
        address: addressKey,
        accountLockStarted: next[0].lockStarted,
        locked: keys.filter((_, i) => next[i].lockStarted),
        lockSeconds: Math.max(...next.map((n) => (n.lockStarted ? lockedFor(n, now) : 0))),
      };
      return { result: { admitted: true, attempt } as const, created };
    });
    if (created) await this.counters.purgeExpired(organizationId, now);
    return result;
  }

  /** The password was right: the account's failures are forgotten, the address's hit taken back. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    await this.counters.forget(attempt.organizationId, attempt.account);
    if (attempt.address) await this.counters.takeBack(attempt.organizationId, attempt.address);
  }

  /** The password was wrong: a lock this attempt started stands, and is logged. */
  failed(attempt: SignInAttempt): void {
    for (const key of attempt.locked)
      // A prefix of the keyed hash tells repeated locks apart; never the email or the address.
      this.runtime.logger.emit('warn', 'Sign-in paused after repeated wrong passwords', {
        organizationId: attempt.organizationId,
        counter: key.scope,
        key: key.keyHash.slice(0, 16),
        lockSeconds: attempt.lockSeconds,
      });
  }

  /** A new password (set through a mailed link) ends any lock on the account. */
  async reset(organizationId: string, email: string): Promise<void> {
    await this.counters.forget(organizationId, this.accountKey(email));
  }
}
