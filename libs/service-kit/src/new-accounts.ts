import { HttpException, HttpStatus } from '@nestjs/common';
import type { InternalIdentity } from '@palabre/auth';

/**
 * New accounts contribute at a pace (ADR 0041): in their first
 * NEW_ACCOUNT_HOURS (24), at most NEW_ACCOUNT_CONTRIBUTIONS_PER_HOUR (3)
 * contributions an hour — a person says what they came to say, a script's
 * fresh accounts cannot flood a space. Staff are never limited; 0 turns the
 * limit off. The services that take contributions count their own.
 */
export interface NewAccountPace {
  hours: number;
  perHour: number;
}

export function newAccountPace(env: Record<string, string | undefined>): NewAccountPace {
  const int = (v: string | undefined, fallback: number) => {
    const n = Number(v);
    return v !== undefined && v !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return {
    hours: int(env.NEW_ACCOUNT_HOURS, 24),
    perHour: int(env.NEW_ACCOUNT_CONTRIBUTIONS_PER_HOUR, 3),
  };
}

/** Is this caller an account young enough to be paced (and not staff)? */
export function pacedAccount(
  identity: InternalIdentity,
  pace: NewAccountPace,
  now = Date.now(),
): boolean {
  if (!identity.userId || identity.accountCreatedAt === undefined) return false;
  if (pace.hours === 0 || pace.perHour === 0 || identity.grants.length > 0) return false;
  return now / 1000 - identity.accountCreatedAt < pace.hours * 3600;
}

/**
 * 429 when a paced account already made `lastHour` contributions in the last
 * hour, saying when it may again (Retry-After in the body: `retryAfterSeconds`).
 */
export function checkNewAccountPace(
  identity: InternalIdentity,
  pace: NewAccountPace,
  lastHour: { count: number; oldestAt: Date | null },
  now = Date.now(),
): void {
  if (!pacedAccount(identity, pace, now) || lastHour.count < pace.perHour) return;
  const oldest = lastHour.oldestAt ? lastHour.oldestAt.getTime() : now;
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + 3_600_000 - now) / 1000));
  throw new HttpException(
    {
      code: 'NEW_ACCOUNT_LIMIT',
      message: `A new account may post ${pace.perHour} contributions an hour in its first ${pace.hours} hours; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
      limit: pace.perHour,
      retryAfterSeconds,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
