import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { loadEnv } from '@palabre/config';
import type { ServiceRuntime } from '@palabre/service-kit';

export const identityEnvSchema = z.object({
  /** Key for HMAC(secret, FranceConnect sub) and token hashing; 32+ bytes, base64 or hex. */
  IDENTITY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
});

/** Identity's own settings, resolved once at start. */
export class IdentityConfig {
  constructor(
    readonly secret: Buffer,
    readonly sessionTtlHours: number,
  ) {}

  /** HMAC-SHA256 under the server secret, hex: the only form in which a `sub` or a token is stored. */
  keyed(purpose: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\u0000${value}`).digest('hex');
  }

  static load(
    runtime: Pick<ServiceRuntime, 'embedded' | 'dataDir'>,
    env = process.env,
  ): IdentityConfig {
    const parsed = loadEnv('identity', identityEnvSchema, env);
    let secret = parsed.IDENTITY_SECRET;
    if (!secret) {
      if (!runtime.embedded) {
        throw new Error(
          'IDENTITY_SECRET is required outside embedded mode (a leak of the database alone must identify no signer)',
        );
      }
      // Embedded mode keeps a generated key beside its data, so signer keys survive
      // restarts; an in-memory platform (tests) gets a throw-away one.
      if (!runtime.dataDir) return new IdentityConfig(randomBytes(32), parsed.SESSION_TTL_HOURS);
      const file = join(runtime.dataDir, 'secrets', 'identity.key');
      if (!existsSync(file)) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
      }
      secret = readFileSync(file, 'utf8').trim();
    }
    return new IdentityConfig(Buffer.from(secret, 'utf8'), parsed.SESSION_TTL_HOURS);
  }
}
