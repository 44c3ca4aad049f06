import { randomUUID } from 'node:crypto';
import { SignerSessionSeal } from '@palabre/auth';
import type { ServiceRoute } from '../routing/service-route';
import { SessionResolver, type ResolvedSession } from './session-resolver';
import { SignerRevocations } from './signer-revocations';

/** Identity's lookup answered from a table, counting the calls. */
function fakeIdentity(known: Record<string, string>, status = 200, orgOf = (_t: string) => 'org') {
  const calls: string[][] = [];
  const organizations: (string | undefined)[] = [];
  const route = {
    name: 'identity',
    call: async (_method: string, path: string, _headers?: unknown, body?: unknown) => {
      expect(path).toBe('/internal/sessions/lookup');
      const { tokens, organizationId } = body as { tokens: string[]; organizationId?: string };
      calls.push(tokens);
      organizations.push(organizationId);
      return {
        status,
        body: {
          sessions: tokens.map((t) =>
            known[t] && (!organizationId || orgOf(t) === organizationId)
              ? { sessionId: known[t], organizationId: orgOf(t), grants: [] }
              : null,
          ),
        },
      };
    },
  } as unknown as ServiceRoute;
  return { route, calls, organizations };
}

const token = (name: string) => name.padEnd(24, 'x');

describe('SessionResolver', () => {
  it('asks identity once for the lookups of concurrent requests, and caches the answers', async () => {
    const known = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`token-${i}`.padEnd(24, 'x'), `s-${i}`]),
    );
    const { route, calls } = fakeIdentity(known);
    const resolver = new SessionResolver(route);
    const tokens = [...Object.keys(known), 'unknown-token-xxxxxxxxxxx'];
    const answers = await Promise.all(tokens.map((t) => resolver.resolve(t)));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(51);
    expect(answers.slice(0, 50).map((a) => (a as ResolvedSession).sessionId)).toEqual(
      Object.values(known),
    );
    expect(answers[50]).toBeNull();
    await resolver.resolve(tokens[0]);
    await resolver.resolve(tokens[50]);
    expect(calls).toHaveLength(1);
  });

  it('splits large bursts into batches and shares one lookup per token', async () => {
    const { route, calls } = fakeIdentity({});
    const resolver = new SessionResolver(route, 2_000, 20);
    const tokens = Array.from({ length: 45 }, (_, i) => `burst-${i}`.padEnd(24, 'y'));
    await Promise.all([...tokens, ...tokens].map((t) => resolver.resolve(t)));
    expect(calls.map((c) => c.length)).toEqual([20, 20, 5]);
  });

  it('fails every waiting request when identity does not answer properly, and asks again next time', async () => {
    const { route, calls } = fakeIdentity({}, 500);
    const resolver = new SessionResolver(route);
    const both = [resolver.resolve(token('a')), resolver.resolve(token('b'))];
    await expect(both[0]).rejects.toThrow('500');
    await expect(both[1]).rejects.toThrow('500');
    expect(calls).toEqual([[token('a'), token('b')]]);
    await expect(resolver.resolve(token('a'))).rejects.toThrow('500');
    expect(calls).toHaveLength(2);
  });

  describe('within the gathering window', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('takes along the lookups that arrive before the window closes, not those after', async () => {
      const { route, calls } = fakeIdentity({ [token('a')]: 's-a', [token('c')]: 's-c' });
      const resolver = new SessionResolver(route, 2_000, 200, 2);
      const a = resolver.resolve(token('a'));
      await Promise.resolve();
      jest.advanceTimersByTime(1);
      const b = resolver.resolve(token('b'));
      expect(calls).toHaveLength(0);
      jest.advanceTimersByTime(1);
      expect(calls).toEqual([[token('a'), token('b')]]);
      await expect(a).resolves.toMatchObject({ sessionId: 's-a' });
      await expect(b).resolves.toBeNull();
      const c = resolver.resolve(token('c'));
      jest.advanceTimersByTime(2);
      await expect(c).resolves.toMatchObject({ sessionId: 's-c' });
      expect(calls).toEqual([[token('a'), token('b')], [token('c')]]);
    });

    it('goes at once when a batch is full, without waiting for the window', async () => {
      const { route, calls } = fakeIdentity({});
      const resolver = new SessionResolver(route, 2_000, 3, 2);
      const answers = Promise.all(['a', 'b', 'c'].map((t) => resolver.resolve(token(t))));
      expect(calls).toHaveLength(1);
      await expect(answers).resolves.toEqual([null, null, null]);
    });
  });

  describe('for an organization', () => {
    it("asks identity for that organization's sessions only, one batch per organization", async () => {
      const known = { [token('a')]: 's-a', [token('b')]: 's-b' };
      const orgOf = (t: string) => (t === token('a') ? 'org-a' : 'org-b');
      const { route, calls, organizations } = fakeIdentity(known, 200, orgOf);
      const resolver = new SessionResolver(route);
      const [a, bInA, b] = await Promise.all([
        resolver.resolve(token('a'), 'org-a'),
        resolver.resolve(token('b'), 'org-a'),
        resolver.resolve(token('b'), 'org-b'),
      ]);
      expect(a).toMatchObject({ sessionId: 's-a', organizationId: 'org-a' });
      expect(bInA).toBeNull();
      expect(b).toMatchObject({ sessionId: 's-b', organizationId: 'org-b' });
      expect(calls).toEqual([[token('a'), token('b')], [token('b')]]);
      expect(organizations).toEqual(['org-a', 'org-b']);
    });

    it('keeps answers per organization, the refusals too', async () => {
      const { route, calls } = fakeIdentity({ [token('a')]: 's-a' }, 200, () => 'org-a');
      const resolver = new SessionResolver(route);
      expect(await resolver.resolve(token('a'), 'org-b')).toBeNull();
      expect(await resolver.resolve(token('a'), 'org-b')).toBeNull();
      expect(await resolver.resolve(token('a'), 'org-a')).toMatchObject({ sessionId: 's-a' });
      expect(calls).toHaveLength(2);
    });

    it('never hands on a session of another organization, whatever identity answers', async () => {
      const route = {
        name: 'identity',
        call: async () => ({
          status: 200,
          body: { sessions: [{ sessionId: 's', organizationId: 'org-b', grants: [] }] },
        }),
      } as unknown as ServiceRoute;
      const resolver = new SessionResolver(route);
      expect(await resolver.resolve(token('a'), 'org-a')).toBeNull();
    });
  });

  describe('sealed signer cookies (ADR 0027)', () => {
    const seal = new SignerSessionSeal('k'.repeat(32));
    const org = randomUUID();
    const signer = (organizationId = org) => {
      const claims = {
        organizationId,
        sessionId: randomUUID(),
        signerKey: 'cd'.repeat(32),
        age: 17,
        expiresAt: Math.floor(Date.now() / 1000) + 600,
      };
      return { claims, cookie: seal.seal(claims) };
    };
    /** Identity's revocation feed, from a list the test changes. */
    function feed(revoked: { id: string; expiresAt: string }[], up = { value: true }) {
      const asked: string[] = [];
      const route = {
        name: 'identity',
        call: async (_m: string, path: string) => {
          asked.push(path);
          if (!up.value) throw new Error('identity is down');
          return { status: 200, body: { nextSince: new Date().toISOString(), sessions: revoked } };
        },
      } as unknown as ServiceRoute;
      return { route, asked };
    }

    it('reads a sealed cookie without asking identity, and refuses it once revoked', async () => {
      const revoked: { id: string; expiresAt: string }[] = [];
      const { route: feedRoute, asked } = feed(revoked);
      const revocations = new SignerRevocations(feedRoute, 60_000);
      await revocations.poll();
      const { route, calls } = fakeIdentity({});
      const resolver = new SessionResolver(route).readSealedSigners(seal, revocations);
      const { claims, cookie } = signer();
      expect(await resolver.resolve(cookie, org)).toEqual({
        sessionId: claims.sessionId,
        organizationId: org,
        signerKey: claims.signerKey,
        age: 17,
        grants: [],
      });
      // Another organization's host: not this session.
      expect(await resolver.resolve(cookie, randomUUID())).toBeNull();
      expect(calls).toHaveLength(0);
      revoked.push({
        id: claims.sessionId,
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      });
      await revocations.poll();
      expect(await resolver.resolve(cookie, org)).toBeNull();
      expect(asked[0]).toBe('/internal/sessions/revoked-signers');
      expect(asked[1]).toMatch(/^\/internal\/sessions\/revoked-signers\?since=/);
      revocations.stop();
    });

    it('asks identity when its copy of revocations is stale, or the cookie is not sealed with its key', async () => {
      const up = { value: true };
      const { route: feedRoute } = feed([], up);
      const revocations = new SignerRevocations(feedRoute, 60_000, 5_000);
      const { claims, cookie } = signer();
      const other = new SignerSessionSeal('o'.repeat(32)).seal(claims);
      const { route, calls } = fakeIdentity(
        { [cookie]: 'looked-up', [other]: 'other-key' },
        200,
        () => org,
      );
      const resolver = new SessionResolver(route).readSealedSigners(seal, revocations);
      // Never answered yet: stale.
      expect(await resolver.resolve(cookie, org)).toMatchObject({ sessionId: 'looked-up' });
      await revocations.poll();
      expect(revocations.fresh()).toBe(true);
      expect(await resolver.resolve(other, org)).toMatchObject({ sessionId: 'other-key' });
      expect(calls).toHaveLength(2);
      up.value = false;
      await revocations.poll();
      expect(revocations.fresh(Date.now() + 5_001)).toBe(false);
      revocations.stop();
    });
  });
});
