import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Seals the FranceConnect ID token for the browser's cookie: AES-256-GCM
 * under a key derived (HKDF-SHA256) from IDENTITY_SECRET, bound to one
 * session by the additional data. The ID token carries the `sub`, so it is
 * never stored server-side and never travels in clear (ADR 0009).
 */
export class IdTokenSeal {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    this.key = Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), 'palabre franceconnect id_token cookie v1', 32),
    );
  }

  seal(idToken: string, binding: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(binding));
    const body = Buffer.concat([cipher.update(idToken, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The ID token, or null when the value is not one this server sealed for `binding`. */
  open(sealed: unknown, binding: string): string | null {
    if (typeof sealed !== 'string' || sealed.length > 8_000 || !sealed.startsWith(`${VERSION}.`))
      return null;
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
    if (raw.length < 29) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(binding));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
