import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { loadEnv } from '@palabre/config';
import type { ServiceRuntime } from '@palabre/service-kit';

const schema = z.object({
  /** Seals organizations' own SMTP passwords (AES-256-GCM); 32+ characters of random. */
  NEWSLETTER_SECRET: z.string().min(32).optional(),
  /** How long a claimed batch is held before another sender may take it back (a crash). */
  NEWSLETTER_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** Attempts of one delivery after temporary failures, then failed for good. */
  NEWSLETTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** The first retry's delay; each next one doubles (with jitter), at most 6 h. */
  NEWSLETTER_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Deliveries claimed at once (one identity question each). */
  NEWSLETTER_BATCH: z.coerce.number().int().min(1).max(1000).default(500),
  /** SMTP connections per sender (organization). */
  NEWSLETTER_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
});

/** The newsletter service's settings (environment), read once at start. */
export class NewsletterConfig {
  private constructor(
    private readonly sealKey: Buffer,
    readonly leaseSeconds: number,
    readonly maxAttempts: number,
    readonly retrySeconds: number,
    readonly batch: number,
    readonly smtpConnections: number,
  ) {}

  static fromRuntime(runtime: ServiceRuntime): NewsletterConfig {
    const env = loadEnv('newsletter', schema, runtime.env);
    let secret = env.NEWSLETTER_SECRET;
    if (!secret) {
      if (!runtime.embedded) throw new Error('NEWSLETTER_SECRET is required outside embedded mode');
      // Embedded mode keeps a generated key beside its data; in memory (tests), a throw-away one.
      if (!runtime.dataDir) secret = randomBytes(32).toString('base64');
      else {
        const file = join(runtime.dataDir, 'secrets', 'newsletter.key');
        if (!existsSync(file)) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
        }
        secret = readFileSync(file, 'utf8').trim();
      }
    }
    const key = Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), 'palabre newsletter smtp password v1', 32),
    );
    return new NewsletterConfig(
      key,
      env.NEWSLETTER_LEASE_SECONDS,
      env.NEWSLETTER_MAX_ATTEMPTS,
      env.NEWSLETTER_RETRY_SECONDS,
      env.NEWSLETTER_BATCH,
      env.NEWSLETTER_SMTP_CONNECTIONS,
    );
  }

  /** An SMTP password sealed for the database: `iv.tag.ciphertext`, base64url. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** The password back, or null when it was sealed with another secret. */
  open(sealed: string): string | null {
    try {
      const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /** Delay before attempt `attempts + 1`: doubling from NEWSLETTER_RETRY_SECONDS, ±20 %, at most 6 h. */
  retryDelaySeconds(attempts: number): number {
    const base = Math.min(this.retrySeconds * 2 ** Math.max(0, attempts - 1), 6 * 3600);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }
}
