import {
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/**
 * The web service calls the public API back for the visitor (ADR 0011), so
 * every such call reaches the gateway from web's own address. To keep the
 * visitor's rate-limit bucket (and not one bucket for the whole site), the
 * gateway hands web a sealed copy of the visitor's address with each page
 * request; web sends it back on its API calls, and the gateway counts them
 * against that address. The seal is an HMAC with a key every gateway replica
 * derives from the internal token's private key: a visitor never sees it, and
 * one forged or older than a minute is ignored.
 */
export const SITE_CLIENT_HEADER = 'x-palabre-site-client';

const TTL_MS = 60_000;

export class SiteClientSeal {
  /** A KeyObject, prepared once: given a Buffer, each HMAC would prepare it again. */
  private readonly key: KeyObject;

  private constructor(key: Buffer) {
    this.key = createSecretKey(key);
  }

  /** Replicas sharing the internal token's private key share the seal key. */
  static fromSecret(secret: string | Buffer): SiteClientSeal {
    return new SiteClientSeal(
      createHash('sha256').update('palabre:site-client:v1\n').update(secret).digest(),
    );
  }

  /** One process (embedded mode): a random key. */
  static random(): SiteClientSeal {
    return new SiteClientSeal(randomBytes(32));
  }

  seal(address: string, now = Date.now()): string {
    const body = `${Math.floor((now + TTL_MS) / 1000)}.${Buffer.from(address).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The address sealed in `value`, or null when absent, forged, malformed or expired. */
  open(value: unknown, now = Date.now()): string | null {
    if (typeof value !== 'string' || value.length > 200) return null;
    const parts = value.split('.');
    if (parts.length !== 3) return null;
    const [expires, address, mac] = parts;
    const expected = Buffer.from(this.mac(`${expires}.${address}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now) return null;
    return Buffer.from(address, 'base64url').toString() || null;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
