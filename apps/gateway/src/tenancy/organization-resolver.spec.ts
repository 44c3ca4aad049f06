import type { ServiceRoute } from '../routing/service-route';
import { OrganizationResolver } from './organization-resolver';
import { isSameOrigin, readCookie } from './session-resolver';

function identityStub(answer: (path: string) => { status: number; body: unknown }, delayMs = 20) {
  const calls: string[] = [];
  const route = {
    name: 'identity',
    call: async (_method: 'GET', path: string) => {
      calls.push(path);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return answer(path);
    },
  } as unknown as ServiceRoute;
  return { route, calls };
}

describe('tenant and session resolution at the gateway', () => {
  it('asks identity once for a burst of requests on a cold cache', async () => {
    const { route, calls } = identityStub(() => ({
      status: 200,
      body: { id: 'org-1', name: 'Ville' },
    }));
    const resolver = new OrganizationResolver(route);
    const results = await Promise.all(
      Array.from({ length: 32 }, () => resolver.resolve('localhost')),
    );
    expect(results.every((r) => r?.id === 'org-1')).toBe(true);
    expect(calls).toHaveLength(1);
    await resolver.resolve('localhost');
    expect(calls).toHaveLength(1);
  });

  it('remembers unknown hosts briefly and surfaces identity failures', async () => {
    const { route } = identityStub((path) =>
      path.includes('broken') ? { status: 500, body: null } : { status: 404, body: null },
    );
    const resolver = new OrganizationResolver(route);
    expect(await resolver.resolve('nope.example')).toBeNull();
    await expect(resolver.resolve('broken.example')).rejects.toThrow(/identity answered 500/);
  });

  it('asks identity about an unknown host once in its window, and again after it', async () => {
    const { route, calls } = identityStub(() => ({ status: 404, body: null }));
    const clock = { at: 1_000, now: () => clock.at };
    const resolver = new OrganizationResolver(route, { unknownTtlMs: 5_000, clock });
    for (let i = 0; i < 10; i++) expect(await resolver.resolve('nope.example')).toBeNull();
    expect(resolver.peek('nope.example')).toBeNull();
    expect(calls).toHaveLength(1);
    clock.at = 5_999;
    await resolver.resolve('nope.example');
    expect(calls).toHaveLength(1);
    // An organization created meanwhile answers once the window is over.
    clock.at = 6_001;
    await resolver.resolve('nope.example');
    expect(calls).toHaveLength(2);
  });

  it('refuses a name no organization can hold without asking identity', async () => {
    const { route, calls } = identityStub(() => ({ status: 200, body: { id: 'org-1' } }));
    const resolver = new OrganizationResolver(route);
    for (const host of [
      '::1',
      'a..b',
      '-x.example',
      'x_y.example',
      'nodot',
      `${'a'.repeat(251)}.fr`,
    ])
      expect(await resolver.resolve(host)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('keeps a bounded number of hosts, and made-up names never evict the organizations in use', async () => {
    const { route, calls } = identityStub(
      (path) =>
        path.endsWith('/ville.fr')
          ? { status: 200, body: { id: 'org-1', name: 'Ville' } }
          : { status: 404, body: null },
      0,
    );
    const resolver = new OrganizationResolver(route, { maxHosts: 100 });
    expect((await resolver.resolve('ville.fr'))?.id).toBe('org-1');
    for (let i = 0; i < 1_000; i++) await resolver.resolve(`h${i}.attacker.example`);
    expect(calls).toHaveLength(1_001);
    // The oldest made-up names are gone (bounded), the newest still cost nothing ...
    await resolver.resolve('h999.attacker.example');
    expect(calls).toHaveLength(1_001);
    await resolver.resolve('h0.attacker.example');
    expect(calls).toHaveLength(1_002);
    // ... and the real organization is still answered from memory.
    expect(resolver.peek('ville.fr')?.id).toBe('org-1');
    expect((await resolver.resolve('ville.fr'))?.id).toBe('org-1');
    expect(calls).toHaveLength(1_002);
  });

  it('reads only well-formed session cookies', () => {
    expect(
      readCookie('a=1; palabre_session=abcdefghijklmnopqrstuvwxyz012345', 'palabre_session'),
    ).toBe('abcdefghijklmnopqrstuvwxyz012345');
    expect(readCookie('palabre_session=short', 'palabre_session')).toBeUndefined();
    expect(
      readCookie('palabre_session=<script>alert(1)</script>xxxxxxxxxxxx', 'palabre_session'),
    ).toBeUndefined();
  });

  it('judges the origin of a cookie-carrying write', () => {
    const req = (headers: Record<string, string>) =>
      ({ headers: { host: 'ville.fr', ...headers } }) as never;
    expect(isSameOrigin(req({ origin: 'https://ville.fr' }))).toBe(true);
    expect(isSameOrigin(req({ origin: 'https://evil.fr' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'null' }))).toBe(false);
    expect(isSameOrigin(req({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOrigin(req({ referer: 'https://ville.fr/petitions/1' }))).toBe(true);
    expect(isSameOrigin(req({}))).toBe(false);
  });
});
