import {
  generateIdentityKeys,
  hasRole,
  IdentityTokenIssuer,
  InvalidIdentityTokenError,
} from './identity-token';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { jwtVerify } from 'jose';

describe('internal identity token', () => {
  const keys = generateIdentityKeys();

  it('round-trips organization, user and grants', async () => {
    const token = await keys.issuer.issue({
      organizationId: 'org-1',
      userId: 'u-1',
      grants: [{ role: 'moderator', spaceId: 's-1' }],
    });
    const identity = await keys.verifier.verify(token);
    expect(identity).toMatchObject({
      organizationId: 'org-1',
      userId: 'u-1',
      grants: [{ role: 'moderator', spaceId: 's-1' }],
    });
    expect(hasRole(identity, 'moderator', 's-1')).toBe(true);
    expect(hasRole(identity, 'moderator', 's-2')).toBe(false);
    expect(hasRole(identity, 'org-admin')).toBe(false);
  });

  it("carries an author's public name and FranceConnect proof, and a signer's key", async () => {
    const author = await keys.verifier.verify(
      await keys.issuer.issue({
        organizationId: 'org-1',
        userId: 'u-1',
        displayName: 'Marie Curie',
        identified: true,
        grants: [],
      }),
    );
    expect(author).toMatchObject({ displayName: 'Marie Curie', identified: true });
    const signer = await keys.verifier.verify(
      await keys.issuer.issue({ organizationId: 'org-1', signerKey: 'k', grants: [] }),
    );
    expect(signer).toMatchObject({ signerKey: 'k', identified: false });
    expect(signer.displayName).toBeUndefined();
    expect(signer.age).toBeUndefined();
    const young = await keys.verifier.verify(
      await keys.issuer.issue({ organizationId: 'org-1', signerKey: 'k', age: 16, grants: [] }),
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

  it('refuses a token signed by another key', async () => {
    const forged = new IdentityTokenIssuer(generateKeyPairSync('ed25519').privateKey);
    const token = await forged.issue({
      organizationId: 'org-1',
      grants: [{ role: 'platform-operator' }],
    });
    await expect(keys.verifier.verify(token)).rejects.toBeInstanceOf(InvalidIdentityTokenError);
  });

  it('refuses an expired token and an unsigned one', async () => {
    const shortLived = new IdentityTokenIssuer(
      (keys.issuer as unknown as { privateKey: import('node:crypto').KeyObject }).privateKey,
      -10,
    );
    await expect(
      keys.verifier.verify(await shortLived.issue({ organizationId: 'o', grants: [] })),
    ).rejects.toThrow(/exp/);
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ org: 'o', iss: 'palabre-gateway', aud: 'palabre-services' }),
    ).toString('base64url');
    await expect(keys.verifier.verify(`${header}.${body}.`)).rejects.toBeInstanceOf(
      InvalidIdentityTokenError,
    );
  });

  it('is a standard EdDSA JWS, and refuses a tampered payload or another algorithm', async () => {
    const token = await keys.issuer.issue({ organizationId: 'org-1', userId: 'u-1', grants: [] });
    const { payload, protectedHeader } = await jwtVerify(token, createPublicKey(keys.publicPem), {
      issuer: 'palabre-gateway',
      audience: 'palabre-services',
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(payload).toMatchObject({ org: 'org-1', sub: 'u-1' });
    const [h, p, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, org: 'org-2' })).toString('base64url');
    await expect(keys.verifier.verify(`${h}.${tampered}.${sig}`)).rejects.toThrow(/signature/);
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
    await expect(keys.verifier.verify(`${hs}.${p}.${sig}`)).rejects.toThrow(/alg/);
    await expect(keys.verifier.verify('a.b')).rejects.toBeInstanceOf(InvalidIdentityTokenError);
  });

  describe('reuse (one signature and one verification per identity until near expiry)', () => {
    afterEach(() => jest.restoreAllMocks());
    const at = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(ms);

    it('gives the same identity the same token until 15 s before it expires, then a new one', async () => {
      const t0 = Date.now();
      const issuer = new IdentityTokenIssuer(
        (keys.issuer as unknown as { privateKey: import('node:crypto').KeyObject }).privateKey,
      );
      const who = { organizationId: 'o', userId: 'u', sessionId: 's', grants: [] };
      at(t0);
      const first = await issuer.issue(who);
      expect(await issuer.issue({ ...who })).toBe(first);
      // Anything the token says that differs is another token at once.
      expect(await issuer.issue({ ...who, grants: [{ role: 'moderator' }] })).not.toBe(first);
      expect(await issuer.issue({ ...who, sessionId: 's2' })).not.toBe(first);
      at(t0 + 44_000);
      expect(await issuer.issue(who)).toBe(first);
      at(t0 + 46_000);
      const renewed = await issuer.issue(who);
      expect(renewed).not.toBe(first);
      expect(await keys.verifier.verify(renewed)).toMatchObject({ userId: 'u' });
    });

    it('checks a new token once when many requests bring it at once, and each gets its own copy', async () => {
      const k = generateIdentityKeys();
      const token = await k.issuer.issue({ organizationId: 'o', signerKey: 'voter', grants: [] });
      const checks = jest.spyOn(k.verifier as unknown as { check: () => unknown }, 'check');
      const all = await Promise.all(Array.from({ length: 12 }, () => k.verifier.verify(token)));
      expect(checks).toHaveBeenCalledTimes(1);
      expect(all.every((i) => i.signerKey === 'voter')).toBe(true);
      expect(new Set(all).size).toBe(12);
      // A bad token shared by concurrent requests is refused to each of them, and not remembered.
      const bad = `${token.slice(0, -4)}AAAA`;
      const refused = await Promise.allSettled([k.verifier.verify(bad), k.verifier.verify(bad)]);
      expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      await expect(k.verifier.verify(bad)).rejects.toThrow(InvalidIdentityTokenError);
    });

    it('remembers a verified token until it expires, and hands out copies', async () => {
      const t0 = Date.now();
      const verifier = generateIdentityKeys();
      at(t0);
      const token = await verifier.issuer.issue({
        organizationId: 'o',
        userId: 'u',
        grants: [{ role: 'moderator', spaceId: 's' }],
      });
      const a = await verifier.verifier.verify(token);
      a.grants[0].role = 'org-admin';
      a.grants.push({ role: 'platform-operator' });
      a.userId = 'someone-else';
      expect(await verifier.verifier.verify(token)).toMatchObject({
        userId: 'u',
        grants: [{ role: 'moderator', spaceId: 's' }],
      });
      at(t0 + 64_000); // 60 s of life + 5 s of clock tolerance, not yet over
      await expect(verifier.verifier.verify(token)).resolves.toMatchObject({ userId: 'u' });
      at(t0 + 66_000);
      await expect(verifier.verifier.verify(token)).rejects.toThrow(/exp/);
      // A forged token is refused whatever was verified before.
      const [h, , sig] = token.split('.');
      const forged = Buffer.from(
        JSON.stringify({ org: 'o', sub: 'admin', iss: 'palabre-gateway', aud: 'palabre-services' }),
      ).toString('base64url');
      await expect(verifier.verifier.verify(`${h}.${forged}.${sig}`)).rejects.toThrow(/signature/);
    });

    it('keeps its memory bounded', async () => {
      const small = new IdentityTokenIssuer(
        (keys.issuer as unknown as { privateKey: import('node:crypto').KeyObject }).privateKey,
        60,
        10,
      );
      for (let i = 0; i < 25; i++)
        await small.issue({ organizationId: 'o', userId: `u${i}`, grants: [] });
      expect((small as unknown as { issued: { size: number } }).issued.size).toBeLessThanOrEqual(
        10,
      );
    });
  });
});
