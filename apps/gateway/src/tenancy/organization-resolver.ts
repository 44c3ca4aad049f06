import type { ServiceRoute } from '../routing/service-route';

export interface ResolvedOrganization {
  id: string;
  slug: string;
  name: string;
  defaultLocale: string;
  locales: string[];
}

/** Host header → organization, asked of the identity service and cached briefly. */
export class OrganizationResolver {
  private readonly cache = new Map<string, { value: ResolvedOrganization | null; until: number }>();
  /** One lookup per host at a time: a burst on a cold cache asks identity once. */
  private readonly pending = new Map<string, Promise<ResolvedOrganization | null>>();

  constructor(
    private readonly identity: ServiceRoute | undefined,
    private readonly ttlMs = 30_000,
    private readonly negativeTtlMs = 5_000,
  ) {}

  /** `Host: Participer.Ville.fr:8443` → `participer.ville.fr`; null when malformed. */
  static normalizeHost(header: string | undefined): string | null {
    if (!header) return null;
    const host = header
      .trim()
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/^\[(.*)\]$/, '$1');
    return /^[a-z0-9.:-]{1,253}$/.test(host) ? host : null;
  }

  /** The cached organization of a host, without asking anyone (undefined when not cached or stale). */
  peek(host: string): ResolvedOrganization | null | undefined {
    const hit = this.cache.get(host);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  }

  async resolve(host: string): Promise<ResolvedOrganization | null> {
    const hit = this.cache.get(host);
    if (hit && hit.until > Date.now()) return hit.value;
    let lookup = this.pending.get(host);
    if (!lookup) {
      lookup = this.lookup(host).finally(() => this.pending.delete(host));
      this.pending.set(host, lookup);
    }
    return lookup;
  }

  private async lookup(host: string): Promise<ResolvedOrganization | null> {
    if (!this.identity) return null;
    const r = await this.identity.call(
      'GET',
      `/internal/organizations/by-host/${encodeURIComponent(host)}`,
    );
    if (r.status !== 200 && r.status !== 404)
      throw new Error(`identity answered ${r.status} for a host lookup`);
    const value = r.status === 200 ? (r.body as ResolvedOrganization) : null;
    this.cache.set(host, { value, until: Date.now() + (value ? this.ttlMs : this.negativeTtlMs) });
    return value;
  }
}
