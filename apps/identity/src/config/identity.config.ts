import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { organizationSignerKey, SignerSessionSeal } from '@palabre/auth';
import { ConfigError, loadEnv } from '@palabre/config';
import type { ServiceRuntime } from '@palabre/service-kit';

export const identityEnvSchema = z.object({
  /** Key for HMAC(secret, FranceConnect sub) and token hashing; 32+ bytes, base64 or hex. */
  IDENTITY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Shared with the gateway only: signer sessions' cookies are sealed with it, so
   * that the gateway reads them without a lookup (ADR 0027). Unset: opaque tokens.
   */
  SESSION_SEAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  /** An account nobody signed in to for this many months is deleted (its owner warned first); 0: never. */
  IDENTITY_INACTIVE_ACCOUNT_MONTHS: z.coerce.number().int().min(0).max(240).default(24),
  /** The warning mail goes this many days before the deletion (and at least this long before it). */
  IDENTITY_INACTIVE_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often a replica looks for inactive accounts; 0: never (another replica or a job does it). */
  IDENTITY_INACTIVE_CHECK_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60 * 60 * 1000),
  /** A registration sent sooner than this after its question was given is refused (a script). */
  REGISTRATION_MIN_SECONDS: z.coerce.number().int().min(0).max(600).default(3),
  /** The proof-of-work's size: the browser tries up to this many numbers (half on average). */
  REGISTRATION_PROOF_MAX_NUMBER: z.coerce.number().int().min(1000).max(10_000_000).default(50_000),
});

/** What stands between a script and a new account (ADR 0041). */
export interface RegistrationGate {
  minSeconds: number;
  proofMaxNumber: number;
}

/** When unused accounts are warned and deleted (docs/adr/0018). */
export interface InactivityPolicy {
  /** 0: accounts are never deleted for inactivity. */
  months: number;
  warningDays: number;
  checkEveryMs: number;
}

/** Identity's own settings, resolved once at start. */
export class IdentityConfig {
  constructor(
    readonly secret: Buffer,
    readonly sessionTtlHours: number,
    readonly inactivity: InactivityPolicy = {
      months: 24,
      warningDays: 30,
      checkEveryMs: 3_600_000,
    },
    /** Seals signer sessions' cookies for the gateway (ADR 0027); none: opaque tokens. */
    readonly signerSessionSeal?: SignerSessionSeal,
    readonly registration: RegistrationGate = { minSeconds: 3, proofMaxNumber: 50_000 },
  ) {}

  /** The secret as a KeyObject, prepared once (from a Buffer, each HMAC would prepare it again). */
  private secretKey?: KeyObject;

  /** HMAC-SHA256 under the server secret, hex: the only form in which a `sub` or a token is stored. */
  keyed(purpose: string, value: string): string {
    this.secretKey ??= createSecretKey(this.secret);
    return createHmac('sha256', this.secretKey).update(`${purpose}\u0000${value}`).digest('hex');
  }

  /** A FranceConnect signer's pseudonym in one organization (never the same in two). */
  signerKey(organizationId: string, sub: string): string {
    return organizationSignerKey(this.keyed('fc-signer', sub), organizationId);
  }

  static load(
    runtime: Pick<ServiceRuntime, 'embedded' | 'dataDir'>,
    env = process.env,
  ): IdentityConfig {
    const parsed = loadEnv('identity', identityEnvSchema, env);
    const inactivity: InactivityPolicy = {
      months: parsed.IDENTITY_INACTIVE_ACCOUNT_MONTHS,
      warningDays: parsed.IDENTITY_INACTIVE_WARNING_DAYS,
      checkEveryMs: parsed.IDENTITY_INACTIVE_CHECK_INTERVAL_MS,
    };
    if (inactivity.months > 0 && inactivity.warningDays >= inactivity.months * 28)
      throw new ConfigError('identity', [
        {
          variable: 'IDENTITY_INACTIVE_WARNING_DAYS',
          message: 'must be shorter than IDENTITY_INACTIVE_ACCOUNT_MONTHS',
        },
      ]);
    const seal = SignerSessionSeal.fromEnv(parsed.SESSION_SEAL_SECRET);
    const registration: RegistrationGate = {
      minSeconds: parsed.REGISTRATION_MIN_SECONDS,
      proofMaxNumber: parsed.REGISTRATION_PROOF_MAX_NUMBER,
    };
    let secret = parsed.IDENTITY_SECRET;
    if (!secret) {
      if (!runtime.embedded) {
        throw new Error(
          'IDENTITY_SECRET is required outside embedded mode (a leak of the database alone must identify no signer)',
        );
      }
      // Embedded mode keeps a generated key beside its data, so signer keys survive
      // restarts; an in-memory platform (tests) gets a throw-away one.
      if (!runtime.dataDir)
        return new IdentityConfig(
          randomBytes(32),
          parsed.SESSION_TTL_HOURS,
          inactivity,
          seal,
          registration,
        );
      const file = join(runtime.dataDir, 'secrets', 'identity.key');
      if (!existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      }
      secret = readFileSync(file, 'utf8').trim();
    }
    return new IdentityConfig(
      Buffer.from(secret, 'utf8'),
      parsed.SESSION_TTL_HOURS,
      inactivity,
      seal,
      registration,
    );
  }
}
