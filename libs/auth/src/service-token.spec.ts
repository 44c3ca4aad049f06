import { callerKeysFromSecret, deriveServiceKey, generateIdentityKeys } from './identity-token';
import {
  calleesOf,
  deriveCallerKey,
  InvalidServiceTokenError,
  parseCallerKeys,
  SERVICE_CALLERS,
  ServiceTokenIssuer,
  ServiceTokenVerifier,
} from './service-token';

const ORG = '6f1c2a9e-3b7d-4e8a-9c0f-1a2b3c4d5e6f';

describe('service tokens (ADR 0038)', () => {
  const { secret } = generateIdentityKeys();
  const proposalsKey = deriveServiceKey(secret, 'proposals');
  const proposals = new ServiceTokenVerifier('proposals', proposalsKey);
  /** The newsletter service's tokens, from the keys `npm run internal-token-keys` gives it. */
  const newsletter = new ServiceTokenIssuer(
    'newsletter',
    parseCallerKeys(callerKeysFromSecret(secret, 'newsletter')),
  );
  const refusal = (token: string, verifier = proposals) => {
    try {
      verifier.verify(token);
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidServiceTokenError);
      return (e as Error).message;
    }
    throw new Error('the token was accepted');
  };
  /** The token with one bit of its MAC flipped (in the bytes, not in the base64 text). */
  const flipMacBit = (token: string) => {
    const [version, claims, mac] = token.split('.');
    const bytes = Buffer.from(mac, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    return `${version}.${claims}.${bytes.toString('base64url')}`;
  };
  const claimsOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

  afterEach(() => jest.restoreAllMocks());

  it('round-trips the calling service and the organization, for 60 seconds', () => {
    const token = newsletter.issue('proposals', ORG);
    expect(proposals.verify(token)).toEqual({ service: 'newsletter', organizationId: ORG });
    const claims = claimsOf(token);
    expect(claims).toMatchObject({ svc: 'newsletter', aud: 'proposals', org: ORG });
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('gives the keys with which every callee of the newsletter service, from its own key, accepts it', () => {
    const callees = calleesOf('newsletter');
    expect(callees.sort()).toEqual(['budgeting', 'identity', 'meetings', 'proposals', 'spaces']);
    expect([...parseCallerKeys(callerKeysFromSecret(secret, 'newsletter')).keys()].sort()).toEqual(
      callees,
    );
    for (const callee of callees) {
      expect(newsletter.canCall(callee)).toBe(true);
      const verifier = new ServiceTokenVerifier(callee, deriveServiceKey(secret, callee));
      expect(verifier.verify(newsletter.issue(callee, ORG))).toEqual({
        service: 'newsletter',
        organizationId: ORG,
      });
    }
    // The service verifier every service builds from its INTERNAL_TOKEN_KEY is the same check.
    const { secret: s, verifierFor, serviceTokensFor } = generateIdentityKeys();
    expect(s).not.toBe(secret);
    expect(
      verifierFor('meetings').services.verify(
        serviceTokensFor('newsletter').issue('meetings', ORG),
      ),
    ).toEqual({ service: 'newsletter', organizationId: ORG });
  });

  it("is refused by another deployment's service (another secret)", () => {
    const other = generateIdentityKeys().serviceTokensFor('newsletter');
    expect(refusal(other.issue('proposals', ORG))).toMatch(/MAC check failed/);
  });

  it('is refused by a service it was not meant for', () => {
    // Meant for spaces: MACed with the key spaces derives, which proposals does not hold.
    expect(refusal(newsletter.issue('spaces', ORG))).toMatch(/MAC check failed/);
    // Even MACed with proposals' caller key, a token naming another callee is refused.
    const relabelled = new ServiceTokenIssuer(
      'newsletter',
      new Map([['spaces', deriveCallerKey(proposalsKey, 'newsletter')]]),
    );
    expect(refusal(relabelled.issue('spaces', ORG))).toMatch(/not meant for proposals/);
  });

  it('refuses a service that is not one of the callee’s callers, whatever key it holds', () => {
    expect(SERVICE_CALLERS.proposals).not.toContain('petitions');
    expect(callerKeysFromSecret(secret, 'petitions')).toBe('');
    const petitions = new ServiceTokenIssuer('petitions', new Map());
    expect(petitions.canCall('proposals')).toBe(false);
    expect(() => petitions.issue('proposals', ORG)).toThrow(/holds no caller key for proposals/);
    // Even with the key that would be its own, were it listed.
    const forged = new ServiceTokenIssuer(
      'petitions',
      new Map([['proposals', deriveCallerKey(proposalsKey, 'petitions')]]),
    );
    expect(refusal(forged.issue('proposals', ORG))).toMatch(/not a caller of proposals/);
    // Nor may a listed caller's key be used under another name.
    const borrowed = new ServiceTokenIssuer(
      'petitions',
      new Map([['proposals', deriveCallerKey(proposalsKey, 'newsletter')]]),
    );
    expect(refusal(borrowed.issue('proposals', ORG))).toMatch(/not a caller of proposals/);
  });

  it('refuses a tampered MAC, tampered claims and what is not a service token', () => {
    const token = newsletter.issue('proposals', ORG);
    expect(refusal(flipMacBit(token))).toMatch(/MAC check failed/);
    const [version, , mac] = token.split('.');
    const otherOrg = Buffer.from(
      JSON.stringify({ ...claimsOf(token), org: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    expect(refusal(`${version}.${otherOrg}.${mac}`)).toMatch(/MAC check failed/);
    expect(refusal(`${version}.${token.split('.')[1]}.`)).toMatch(/MAC check failed/);
    expect(refusal(token.replace(/^s1\./, 's2.'))).toMatch(/not a Palabre service token/);
    expect(refusal(`${token}.x`)).toMatch(/not a Palabre service token/);
    expect(refusal('s1.not-json.x')).toMatch(/unreadable/);
  });

  it('refuses an expired token (beyond 5 seconds of clock skew) and one issued in the future', () => {
    const now = Date.now();
    const at = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(ms);
    at(now);
    const token = newsletter.issue('proposals', ORG);
    at(now + 64_000);
    expect(proposals.verify(token).organizationId).toBe(ORG);
    at(now + 66_000);
    expect(refusal(token)).toMatch(/expired/);
    at(now + 10_000);
    const early = newsletter.issue('proposals', ORG);
    at(now);
    expect(refusal(early)).toMatch(/issued in the future/);
  });

  describe('INTERNAL_CALLER_KEYS', () => {
    const hex = 'ab'.repeat(32);

    it('reads callee=key pairs, spaces and empty parts aside', () => {
      expect(parseCallerKeys(undefined).size).toBe(0);
      expect(parseCallerKeys('').size).toBe(0);
      const keys = parseCallerKeys(` identity=${hex}, spaces=${'cd'.repeat(32)},`);
      expect(Object.fromEntries(keys)).toEqual({ identity: hex, spaces: 'cd'.repeat(32) });
    });

    it.each([
      ['a key that is not 64 hex characters', 'identity=abc', 'identity'],
      ['upper-case hex', `identity=${hex.toUpperCase()}`, 'identity'],
      ['no key', 'identity', 'identity'],
      ['an empty key', 'identity=', 'identity'],
      ['no callee', `=${hex}`, ''],
      ['a second "="', `identity=${hex}=${hex}`, 'identity'],
      ['one bad pair among good ones', `identity=${hex},spaces=${hex.slice(2)}`, 'spaces'],
    ])('refuses %s, naming the pair', (_, text, callee) => {
      expect(() => parseCallerKeys(text)).toThrow(
        `INTERNAL_CALLER_KEYS: "${callee}" needs 64 hex characters (callee=key,…)`,
      );
    });

    it('derives no caller key from a callee key that is not 64 hex characters', () => {
      expect(() => deriveCallerKey('abc', 'newsletter')).toThrow(/64 hex characters/);
      // One key per caller: the newsletter service's key is not another caller's.
      expect(deriveCallerKey(proposalsKey, 'newsletter')).not.toBe(
        deriveCallerKey(proposalsKey, 'petitions'),
      );
      expect(deriveCallerKey(proposalsKey, 'newsletter')).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
