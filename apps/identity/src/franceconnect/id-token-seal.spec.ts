import { randomBytes } from 'node:crypto';
import { IdTokenSeal } from './id-token-seal';

describe('IdTokenSeal', () => {
  const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl';
  const seal = new IdTokenSeal(randomBytes(32));

  it('round-trips for the same session and hides the token', () => {
    const sealed = seal.seal(token, 'org\u0000session-1');
    expect(sealed).not.toContain('eyJ');
    expect(seal.open(sealed, 'org\u0000session-1')).toBe(token);
  });

  it('opens nothing for another session, another key, or a tampered value', () => {
    const sealed = seal.seal(token, 'org\u0000session-1');
    expect(seal.open(sealed, 'org\u0000session-2')).toBeNull();
    expect(new IdTokenSeal(randomBytes(32)).open(sealed, 'org\u0000session-1')).toBeNull();
    // One bit of the sealed bytes flipped (editing base64 text may leave the bytes as they
    // were: a last character's low bits are padding).
    const raw = Buffer.from(sealed.slice('v1.'.length), 'base64url');
    raw[raw.length - 1] ^= 1;
    const tampered = `v1.${raw.toString('base64url')}`;
    expect(seal.open(tampered, 'org\u0000session-1')).toBeNull();
    for (const junk of [undefined, '', 'v1.', 'v1.AAAA', token, 42])
      expect(seal.open(junk, 'org\u0000session-1')).toBeNull();
  });
});
