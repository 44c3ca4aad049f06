import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** What an anonymous FranceConnect signer's session says, and nothing else (ADR 0007). */
export interface SignerSessionClaims {
  organizationId: string;
  sessionId: string;
  /** The per-organization pseudonym: 64 hex characters (`organizationSignerKey`). */
  signerKey: string;
  /** Age in years at sign-in, capped at 18. */
  age: number;
  /** Seconds since the epoch, to the second. */
  expiresAt: number;
}

const PREFIX = 's1';
const IV = 12;
const TAG = 16;
// organization (16) | session (16) | signer key (32) | age (1) | expiry (4)
const PLAIN = 16 + 16 + 32 + 1 + 4;
const HEX_KEY = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * A signer session's cookie that the gateway can read without asking
 * identity (ADR 0027): the session's claims sealed with AES-256-GCM under a
 * key derived (HKDF-SHA256) from SESSION_SEAL_SECRET, which identity and the
 * gateway share and no other service holds. The browser sees 132 opaque
 * characters (`s1` + base64url of IV, tag and ciphertext); one altered
 * character fails the tag. Identity also stores the keyed hash of the value,
 * like any session token, so a gateway that cannot open it (another key,
 * no key) still resolves it by the usual lookup.
 */
export class SignerSessionSeal {
  /** A KeyObject, prepared once: given a Buffer, each cipher would prepare it again (~12 µs). */
  private readonly key: KeyObject;

  constructor(secret: string | Buffer) {
    this.key = createSecretKey(
      Buffer.from(
        hkdfSync('sha256', secret, Buffer.alloc(0), 'palabre signer session cookie v1', 32),
      ),
    );
  }

  /** From SESSION_SEAL_SECRET, or none when it is not set (signers then get opaque tokens). */
  static fromEnv(value: string | undefined): SignerSessionSeal | undefined {
    return value ? new SignerSessionSeal(value) : undefined;
  }

  seal(claims: SignerSessionClaims): string {
    if (!UUID.test(claims.organizationId) || !UUID.test(claims.sessionId))
      throw new Error('organization and session must be UUIDs');
    if (!HEX_KEY.test(claims.signerKey)) throw new Error('signer key must be 64 hex characters');
    const plain = Buffer.alloc(PLAIN);
    uuidBytes(claims.organizationId).copy(plain, 0);
    uuidBytes(claims.sessionId).copy(plain, 16);
    Buffer.from(claims.signerKey, 'hex').copy(plain, 32);
    plain.writeUInt8(Math.max(0, Math.min(18, Math.floor(claims.age))), 64);
    plain.writeUInt32BE(claims.expiresAt, 65);
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The claims, or null when `value` is not a live cookie sealed with this key. */
  open(value: string, nowMs = Date.now()): SignerSessionClaims | null {
    if (!value.startsWith(PREFIX)) return null;
    const raw = Buffer.from(value.slice(PREFIX.length), 'base64url');
    if (raw.length !== IV + TAG + PLAIN) return null;
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV));
      decipher.setAuthTag(raw.subarray(IV, IV + TAG));
      plain = Buffer.concat([decipher.update(raw.subarray(IV + TAG)), decipher.final()]);
    } catch {
      return null;
    }
    const expiresAt = plain.readUInt32BE(65);
    if (expiresAt * 1000 <= nowMs) return null;
    return {
      organizationId: uuidText(plain.subarray(0, 16)),
      sessionId: uuidText(plain.subarray(16, 32)),
      signerKey: plain.subarray(32, 64).toString('hex'),
      age: plain.readUInt8(64),
      expiresAt,
    };
  }
}
