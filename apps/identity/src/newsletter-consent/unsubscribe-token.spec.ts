import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  newsletterUnsubscribeToken,
  newsletterUnsubscribeUrl,
  verifyNewsletterUnsubscribeToken,
} from './unsubscribe-token';

describe('newsletter unsubscribe token', () => {
  const secret = randomBytes(32);
  const org = randomUUID();
  const user = randomUUID();
  const token = newsletterUnsubscribeToken(secret, org, user);

  it('names its account in its organization', () => {
    expect(verifyNewsletterUnsubscribeToken(secret, org, token)).toBe(user);
  });

  it('is refused in another organization, under another secret, or for another account', () => {
    expect(verifyNewsletterUnsubscribeToken(secret, randomUUID(), token)).toBeNull();
    expect(verifyNewsletterUnsubscribeToken(randomBytes(32), org, token)).toBeNull();
    const [, mac] = token.split('.');
    expect(verifyNewsletterUnsubscribeToken(secret, org, `${randomUUID()}.${mac}`)).toBeNull();
  });

  it('is refused when altered, even by a character base64url decoding would ignore', () => {
    const [, mac] = token.split('.');
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
    for (const bad of [`${user}.${flipped}`, `${token}=`, `${token}.x`, `${user}.`, user, ''])
      expect(verifyNewsletterUnsubscribeToken(secret, org, bad)).toBeNull();
  });

  it('is made under a key of its own, not the secret itself, and the same every time', () => {
    const [, mac] = token.split('.');
    const underSecret = createHmac('sha256', secret).update(`${org}.${user}`).digest('base64url');
    expect(mac).not.toBe(underSecret);
    expect(newsletterUnsubscribeToken(Buffer.from(secret), org, user)).toBe(token);
  });

  it('makes the List-Unsubscribe URL on the organization origin', () => {
    const url = new URL(newsletterUnsubscribeUrl(secret, 'https://www.ville.fr', org, user));
    expect(url.origin + url.pathname).toBe('https://www.ville.fr/newsletter/unsubscribe');
    expect(verifyNewsletterUnsubscribeToken(secret, org, url.searchParams.get('token')!)).toBe(
      user,
    );
  });
});
