import {
  deriveServiceKey,
  generateIdentityKeys,
  hasRole,
  IdentityTokenIssuer,
  IdentityTokenVerifier,
  InvalidIdentityTokenError,
  TOKEN_RELAYS,
} from './identity-token';

describe('internal identity token', () => {
  const keys = generateIdentityKeys();
  const petitions = keys.verifierFor('petitions');

  it('round-trips organization, user and grants', () => {
    const token = keys.issuer.issue(
      { organizationId: 'org-1', userId: 'u-1', grants: [{ role: 'moderator', spaceId: 's-1' }] },
      'petitions',
    );
    const identity = petitions.verify(token);
    expect(identity).toMatchObject({
      organizationId: 'org-1',
      userId: 'u-1',
      grants: [{ role: 'moderator', spaceId: 's-1' }],
    });
    expect(hasRole(identity, 'moderator', 's-1')).toBe(true);
    expect(hasRole(identity, 'moderator', 's-2')).toBe(false);
    expect(hasRole(identity, 'org-admin')).toBe(false);
  });

  it("carries an author's public name and FranceConnect proof, and a signer's key", () => {
    const author = petitions.verify(
      keys.issuer.issue(
        {
          organizationId: 'org-1',
          userId: 'u-1',
          displayName: 'Marie Curie',
          identified: true,
          grants: [],
        },
        'petitions',
      ),
    );
    expect(author).toMatchObject({ displayName: 'Marie Curie', identified: true });
    const signer = petitions.verify(
      keys.issuer.issue({ organizationId: 'org-1', signerKey: 'k', grants: [] }, 'petitions'),
    );
    expect(signer).toMatchObject({ signerKey: 'k', identified: false });
    expect(signer.displayName).toBeUndefined();
    expect(signer.age).toBeUndefined();
    const young = petitions.verify(
      keys.issuer.issue(
        { organizationId: 'org-1', signerKey: 'k', age: 16, grants: [] },
        'petitions',
      ),
    );
    expect(young.age).toBe(16);
  });

  it('gives an organization admin every organization role but not the operator role', () => {
    const admin = { organizationId: 'o', grants: [{ role: 'org-admin' as const }] };
    expect(hasRole(admin, 'moderator', 'any-space')).toBe(true);
    expect(hasRole(admin, 'platform-operator')).toBe(false);
    const scopedOperator = {
      organizationId: 'o',
      grants: [{ role: 'platform-operator' as const, spaceId: 's1' }],
    };
    expect(hasRole(scopedOperator, 'moderator', 's2')).toBe(false);
    const spaceAdmin = {
      organizationId: 'o',
      grants: [{ role: 'org-admin' as const, spaceId: 's1' }],
    };
    expect(hasRole(spaceAdmin, 'moderator', 's1')).toBe(false);
  });

  describe('audiences (ADR 0030)', () => {
    const operator = { organizationId: 'o', grants: [{ role: 'platform-operator' as const }] };

    it('is accepted by the service it was minted for, and by no other', () => {
      const token = keys.issuer.issue(operator, 'petitions');
      expect(petitions.verify(token).organizationId).toBe('o');
      expect(() => keys.verifierFor('budgeting').verify(token)).toThrow(/not meant for budgeting/);
      expect(() => keys.verifierFor('spaces').verify(token)).toThrow(/not meant for spaces/);
    });

    it('carries a MAC for each service its audience passes it on to, and no more', () => {
      const audiences = (t: string) => t.split('.').filter((_, i) => i >= 2 && i % 2 === 0);
      expect(audiences(keys.issuer.issue(operator, 'budgeting'))).toEqual(['budgeting', 'spaces']);
      expect(audiences(keys.issuer.issue(operator, 'identity'))).toEqual([
        'identity',
        ...TOKEN_RELAYS.identity,
      ]);
      expect(audiences(keys.issuer.issue(operator, 'petitions'))).toEqual([
        'petitions',
        'antispam',
      ]);
      expect(audiences(keys.issuer.issue(operator, 'spaces'))).toEqual(['spaces']);
      const relayed = keys.issuer.issue(operator, 'proposals');
      expect(keys.verifierFor('spaces').verify(relayed).organizationId).toBe('o');
      expect(keys.verifierFor('proposals').verify(relayed).organizationId).toBe('o');
    });

    it('tells the service it is passed on to which service it was minted for, whatever the audiences say', () => {
      const token = keys.issuer.issue(operator, 'meetings');
      expect(keys.verifierFor('meetings').verify(token).routedTo).toBe('meetings');
      expect(keys.verifierFor('identity').verify(token).routedTo).toBe('meetings');
      // A holder of a token minted for identity cannot pass it off as minted for meetings:
      // the audiences in the token are not what names the route, the MACed claims are.
      const [v, p, , identityMac] = keys.issuer.issue(operator, 'identity').split('.');
      const relabelled = `${v}.${p}.meetings.${identityMac}.identity.${identityMac}`;
      expect(keys.verifierFor('identity').verify(relabelled).routedTo).toBe('identity');
    });

    it("lets no service mint a token another service accepts: one service's key is not another's", () => {
      // A compromised budgeting holds its own key only; a token it MACs for spaces with it fails.
      const budgetingKey = deriveServiceKey(keys.secret, 'budgeting');
      const asIfGateway = new IdentityTokenIssuer(budgetingKey.padEnd(64, '0'));
      const forged = asIfGateway.issue(operator, 'spaces');
      expect(() => keys.verifierFor('spaces').verify(forged)).toThrow(/MAC/);
      expect(deriveServiceKey(keys.secret, 'spaces')).not.toBe(budgetingKey);
      expect(deriveServiceKey(keys.secret, 'spaces')).toMatch(/^[0-9a-f]{64}$/);
      // Another deployment's secret: refused.
      const other = generateIdentityKeys().issuer.issue(operator, 'petitions');
      expect(() => petitions.verify(other)).toThrow(InvalidIdentityTokenError);
    });
  });

  it('refuses a tampered payload, a MAC moved to another audience, and malformed tokens', () => {
    const token = keys.issuer.issue(
      { organizationId: 'org-1', userId: 'u-1', grants: [] },
      'budgeting',
    );
    const [v, p, , budgetingMac, , spacesMac] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, org: 'org-2' })).toString('base64url');
    const budgeting = keys.verifierFor('budgeting');
    expect(() => budgeting.verify(`${v}.${tampered}.budgeting.${budgetingMac}`)).toThrow(/MAC/);
    expect(() => budgeting.verify(`${v}.${p}.budgeting.${spacesMac}`)).toThrow(/MAC/);
    expect(() => budgeting.verify(`${v}.${p}.budgeting.${budgetingMac.slice(0, -2)}`)).toThrow(
      /MAC/,
    );
    expect(budgeting.verify(`${v}.${p}.budgeting.${budgetingMac}`).userId).toBe('u-1');
    for (const bad of ['', 'a.b', `v1.${p}.budgeting.${budgetingMac}`, `${v}.${p}.budgeting`])
      expect(() => budgeting.verify(bad)).toThrow(InvalidIdentityTokenError);
  });

  afterEach(() => jest.restoreAllMocks());

  it('refuses an expired token and one issued in the future', () => {
    const t0 = Date.now();
    const token = keys.issuer.issue({ organizationId: 'o', userId: 'u', grants: [] }, 'petitions');
    const at = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(ms);
    at(t0 + 64_000); // 60 s of life + 5 s of clock tolerance, not yet over
    expect(petitions.verify(token).userId).toBe('u');
    at(t0 + 66_000);
    expect(() => petitions.verify(token)).toThrow(/expired/);
    at(t0 - 10_000);
    expect(() => petitions.verify(token)).toThrow(/future/);
    jest.restoreAllMocks();
    const shortLived = new IdentityTokenIssuer(keys.secret, -10);
    expect(() =>
      petitions.verify(shortLived.issue({ organizationId: 'o', grants: [] }, 'petitions')),
    ).toThrow(/expired/);
  });

  it('refuses weak secrets and malformed keys at start', () => {
    expect(() => new IdentityTokenIssuer('short')).toThrow(/32 characters/);
    expect(() => new IdentityTokenVerifier('petitions', 'not-hex')).toThrow(/64 hex/);
    expect(() => deriveServiceKey(keys.secret, 'Not A Name')).toThrow(/service name/);
  });
});
