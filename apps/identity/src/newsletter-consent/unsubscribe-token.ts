import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The one-click unsubscribe token of a newsletter (RFC 8058): it names the
 * account and is bound to its organization, needs no sign-in, and cannot be
 * forged without identity's secret.
 *
 * `<user id>.<HMAC-SHA256(key, organization id "." user id), base64url>`.
 * The key is derived with HKDF-SHA256 from IDENTITY_SECRET (the secret that
 * already keys every stored token hash) under its own label, as the
 * FranceConnect id_token seal does: a MAC made for another purpose can never
 * pass for this one, and the key changes only with the secret. The token does
 * not expire (a newsletter read months later must still unsubscribe); a new
 * IDENTITY_SECRET invalidates the links already sent, as it does every
 * mailed link (docs/adr/0037-newsletter-consent-in-identity.md).
 */
const LABEL = 'palabre newsletter unsubscribe v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const keys = new WeakMap<Buffer, Buffer>();
function keyOf(secret: Buffer): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), LABEL, 32));
    keys.set(secret, key);
  }
  return key;
}

function mac(secret: Buffer, organizationId: string, userId: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(`${organizationId}.${userId}`).digest();
}

export function newsletterUnsubscribeToken(
  secret: Buffer,
  organizationId: string,
  userId: string,
): string {
  return `${userId}.${mac(secret, organizationId, userId).toString('base64url')}`;
}

/** The account a token names in this organization; null when it was not made for it (tampered, another organization's). */
export function verifyNewsletterUnsubscribeToken(
  secret: Buffer,
  organizationId: string,
  token: string,
): string | null {
  const [userId, given, ...rest] = token.split('.');
  if (rest.length > 0 || !userId || !given || !UUID.test(userId)) return null;
  const expected = mac(secret, organizationId, userId);
  const actual = Buffer.from(given, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  // base64url decoding ignores stray characters: only the canonical spelling passes.
  return actual.toString('base64url') === given ? userId : null;
}

/**
 * The unsubscribe link of one account, for whoever sends a newsletter: the
 * footer link (the site's one-button page) and the List-Unsubscribe header.
 * With the header, add `List-Unsubscribe-Post: List-Unsubscribe=One-Click`:
 * a mail client then POSTs that body to this same URL, which withdraws the
 * consent at once (POST /newsletter/unsubscribe?token=… reaches identity
 * through the site). `origin` is the organization's PublicOrigin.
 */
export function newsletterUnsubscribeUrl(
  secret: Buffer,
  origin: string,
  organizationId: string,
  userId: string,
): string {
  const token = newsletterUnsubscribeToken(secret, organizationId, userId);
  return `${origin}/newsletter/unsubscribe?token=${encodeURIComponent(token)}`;
}
