import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { safeReturnTo } from './franceconnect.controller';
import { FranceConnectClient, FranceConnectError, ageOn } from './franceconnect.client';

const settings = {
  issuer: 'https://fc.example/api/v2',
  clientId: 'palabre',
  clientSecret: 'secret',
  alg: 'ES256' as const,
  acr: 'eidas1',
};

describe('FranceConnect ID token verification', () => {
  let client: FranceConnectClient;
  let providerKey: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const provider = await generateKeyPair('ES256', { extractable: true });
    providerKey = provider.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const jwk: JWK = {
      ...(await exportJWK(provider.publicKey)),
      kid: 'k1',
      alg: 'ES256',
      use: 'sig',
    };
    client = new FranceConnectClient(settings, createLocalJWKSet({ keys: [jwk] }));
  });

  const token = (
    claims: Record<string, unknown> = {},
    opts: { key?: CryptoKey; iss?: string; aud?: string; exp?: string | number } = {},
  ) =>
    new SignJWT({ nonce: 'n1', acr: 'eidas1', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('sub-123')
      .setIssuer(opts.iss ?? settings.issuer)
      .setAudience(opts.aud ?? settings.clientId)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.key ?? providerKey);

  it('accepts a token signed by the provider with the pinned algorithm', async () => {
    const claims = await client.verifyIdToken(await token(), 'n1');
    expect(claims.sub).toBe('sub-123');
  });

  it.each([
    ['another key', () => token({}, { key: otherKey })],
    ['a wrong issuer', () => token({}, { iss: 'https://evil.example' })],
    ['a wrong audience', () => token({}, { aud: 'someone-else' })],
    ['an expired token', () => token({}, { exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['a replayed nonce', () => token({ nonce: 'other' })],
    ['a weaker acr', () => token({ acr: 'eidas0' })],
  ])('refuses %s', async (_label, make) => {
    await expect(client.verifyIdToken(await make(), 'n1')).rejects.toBeInstanceOf(
      FranceConnectError,
    );
  });

  it('refuses an unsigned ("none") token and a symmetric (HS256) one', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const body = {
      sub: 'x',
      iss: settings.issuer,
      aud: settings.clientId,
      nonce: 'n1',
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 300,
    };
    await expect(
      client.verifyIdToken(`${b64({ alg: 'none' })}.${b64(body)}.`, 'n1'),
    ).rejects.toBeInstanceOf(FranceConnectError);
    const hs = await new SignJWT(body)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(settings.clientSecret));
    await expect(client.verifyIdToken(hs, 'n1')).rejects.toBeInstanceOf(FranceConnectError);
  });
});

describe('age and return paths', () => {
  it('computes whole years, birthday included', () => {
    const today = new Date(Date.UTC(2026, 10, 22));
    expect(ageOn('2008-11-22', today)).toBe(18);
    expect(ageOn('2008-11-23', today)).toBe(17);
    expect(ageOn('1980-05-12', today)).toBe(46);
    expect(ageOn(undefined, today)).toBeNull();
    expect(ageOn('12/05/1980', today)).toBeNull();
  });

  it('only lets people come back to a path on this site', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('/petitions/42?tab=answer')).toBe('/petitions/42?tab=answer');
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/a b',
      'petitions',
    ]) {
      expect(safeReturnTo(bad)).toBeNull();
    }
  });
});
