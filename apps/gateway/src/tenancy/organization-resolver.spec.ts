import type { ServiceRoute } from '../routing/service-route';
import { OrganizationResolver } from './organization-resolver';
import { isSameOrigin, readCookie } from './session-resolver';

function identityStub(answer: (path: string) => { status: number; body: unknown }) {
  const calls: string[] = [];
  const route = {
    name: 'identity',
    call: async (_method: 'GET', path: string) => {
      calls.push(path);
      await new Promise((r) => setTimeout(r, 20));
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
