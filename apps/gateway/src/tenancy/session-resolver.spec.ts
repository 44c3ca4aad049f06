import type { ServiceRoute } from '../routing/service-route';
import { SessionResolver, type ResolvedSession } from './session-resolver';

/** Identity's lookup answered from a table, counting the calls. */
function fakeIdentity(known: Record<string, string>, status = 200) {
  const calls: string[][] = [];
  const route = {
    name: 'identity',
    call: async (_method: string, path: string, _headers?: unknown, body?: unknown) => {
      expect(path).toBe('/internal/sessions/lookup');
      const tokens = (body as { tokens: string[] }).tokens;
      calls.push(tokens);
      return {
        status,
        body: {
          sessions: tokens.map((t) =>
            known[t] ? { sessionId: known[t], organizationId: 'org', grants: [] } : null,
          ),
        },
      };
    },
  } as unknown as ServiceRoute;
  return { route, calls };
}

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

  it('fails every waiting request when identity does not answer properly', async () => {
    const { route } = fakeIdentity({}, 500);
    const resolver = new SessionResolver(route);
    await expect(resolver.resolve('some-token-xxxxxxxxxxxxx')).rejects.toThrow('500');
  });
});
