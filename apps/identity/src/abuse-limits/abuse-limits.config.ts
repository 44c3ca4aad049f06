import { z } from 'zod';
import { loadEnv } from '@palabre/config';

const count = (fallback: number) => z.coerce.number().int().min(1).max(10_000).default(fallback);
const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(fallback);

/**
 * Identity's abuse limits. Their counters live in identity's own database
 * (table identity.abuse_counters), whatever the mode: every replica sees the
 * same counts, embedded and distributed alike, with no store to add.
 */
export const abuseLimitsEnvSchema = z
  .object({
    /** Wrong passwords for one account (one email) within the window before its sign-in is locked. */
    SIGN_IN_MAX_FAILURES: count(5),
    /** Wrong passwords from one client address (any account) within the window before it is locked. */
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: count(50),
    /** How long failures are remembered, counted from the last one. */
    SIGN_IN_FAILURE_WINDOW_SECONDS: seconds(15 * 60),
    /** The first lock; each further lock in a row doubles it, up to SIGN_IN_LOCK_MAX_SECONDS. */
    SIGN_IN_LOCK_SECONDS: seconds(60),
    SIGN_IN_LOCK_MAX_SECONDS: seconds(3600),
    /** Account mails (confirmation, password reset, notices) to one address per window. */
    ACCOUNT_MAILS_PER_ADDRESS: count(5),
    ACCOUNT_MAIL_WINDOW_SECONDS: seconds(3600),
  })
  .refine((e) => e.SIGN_IN_LOCK_SECONDS <= e.SIGN_IN_LOCK_MAX_SECONDS, {
    path: ['SIGN_IN_LOCK_MAX_SECONDS'],
    message: 'must be at least SIGN_IN_LOCK_SECONDS',
  });

/** One counter's policy: how many hits in how long, and how long a lock lasts. */
export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
  lockMaxSeconds: number;
}

export class AbuseLimitsConfig {
  constructor(
    readonly account: ThrottlePolicy,
    readonly address: ThrottlePolicy,
    readonly mails: { perAddress: number; windowSeconds: number },
  ) {}

  static load(env: NodeJS.ProcessEnv = process.env): AbuseLimitsConfig {
    const e = loadEnv('identity', abuseLimitsEnvSchema, env);
    const lock = {
      windowSeconds: e.SIGN_IN_FAILURE_WINDOW_SECONDS,
      lockSeconds: e.SIGN_IN_LOCK_SECONDS,
      lockMaxSeconds: e.SIGN_IN_LOCK_MAX_SECONDS,
    };
    return new AbuseLimitsConfig(
      { maxFailures: e.SIGN_IN_MAX_FAILURES, ...lock },
      { maxFailures: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS, ...lock },
      { perAddress: e.ACCOUNT_MAILS_PER_ADDRESS, windowSeconds: e.ACCOUNT_MAIL_WINDOW_SECONDS },
    );
  }
}
