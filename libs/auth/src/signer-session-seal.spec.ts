import { randomUUID } from 'node:crypto';
import { SignerSessionSeal } from './signer-session-seal';

const claims = () => ({
  organizationId: randomUUID(),
  sessionId: randomUUID(),
  signerKey: 'ab'.repeat(32),
  age: 18,
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

describe('SignerSessionSeal', () => {
  const seal = new SignerSessionSeal('s'.repeat(32));

  it('gives back what it sealed, in a cookie-safe value that shows none of it', () => {
    const c = claims();
    const value = seal.seal(c);
    expect(value).toMatch(/^s1[A-Za-z0-9_-]{130}$/);
    expect(value).not.toContain(c.signerKey);
    expect(value).not.toContain(c.sessionId.replace(/-/g, ''));
    expect(seal.open(value)).toEqual(c);
    // A fresh IV each time: two seals of one session differ.
    expect(seal.seal(c)).not.toBe(value);
  });

  it('refuses a value altered anywhere, sealed with another secret, or expired', () => {
    const c = claims();
    const value = seal.seal(c);
    // (Not the last character: some of its bits are padding that decoding ignores.)
    for (const at of [2, 20, 60, value.length - 2]) {
      const flipped = value[at] === 'A' ? 'B' : 'A';
      expect(seal.open(value.slice(0, at) + flipped + value.slice(at + 1))).toBeNull();
    }
    expect(new SignerSessionSeal('t'.repeat(32)).open(value)).toBeNull();
    expect(seal.open(value, (c.expiresAt + 1) * 1000)).toBeNull();
    expect(seal.open('s1short')).toBeNull();
    expect(seal.open('an-opaque-session-token-of-forty-chars-xx')).toBeNull();
  });

  it('caps the age at 18 and refuses claims it cannot carry', () => {
    const c = { ...claims(), age: 42 };
    expect(seal.open(seal.seal(c))?.age).toBe(18);
    expect(() => seal.seal({ ...c, signerKey: 'not-hex' })).toThrow(/signer key/);
    expect(() => seal.seal({ ...c, sessionId: 'nope' })).toThrow(/UUID/);
  });

  it('is absent without a secret', () => {
    expect(SignerSessionSeal.fromEnv(undefined)).toBeUndefined();
    expect(SignerSessionSeal.fromEnv('x'.repeat(32))).toBeInstanceOf(SignerSessionSeal);
  });
});
