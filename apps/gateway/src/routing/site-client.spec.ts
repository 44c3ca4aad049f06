import { SiteClientSeal } from './site-client';

describe('SiteClientSeal', () => {
  const seal = SiteClientSeal.fromSecret('private key pem');

  it('opens what it sealed, IPv4 and IPv6 alike, with a key shared by replicas', () => {
    expect(seal.open(seal.seal('203.0.113.7'))).toBe('203.0.113.7');
    expect(seal.open(seal.seal('2001:db8::1'))).toBe('2001:db8::1');
    const replica = SiteClientSeal.fromSecret('private key pem');
    expect(replica.open(seal.seal('198.51.100.2'))).toBe('198.51.100.2');
  });

  it('ignores a forged, tampered, foreign, expired or malformed value', () => {
    const sealed = seal.seal('203.0.113.7');
    const [expires, , mac] = sealed.split('.');
    const other = Buffer.from('10.0.0.1').toString('base64url');
    expect(seal.open(`${expires}.${other}.${mac}`)).toBeNull();
    expect(SiteClientSeal.fromSecret('another key').open(sealed)).toBeNull();
    expect(SiteClientSeal.random().open(sealed)).toBeNull();
    expect(seal.open(sealed, Date.now() + 61_000)).toBeNull();
    for (const bad of [undefined, '', 'a.b', 'a.b.c.d', ['x'], 'x'.repeat(500)])
      expect(seal.open(bad)).toBeNull();
  });
});
