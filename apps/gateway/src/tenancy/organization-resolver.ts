import { BoundedCache } from '@palabre/cache';
import type { ServiceRoute } from '../routing/service-route';

export interface ResolvedOrganization {
  id: string;
  slug: string;
  name: string;
  defaultLocale: string;
  locales: string[];
}

/**
 * A name an organization can hold: identity's rule for host names
 * (CreateOrganizationDto), lowercase and without port. Anything else answers
 * on no organization, so it is refused without asking identity.
 */
const HOST_NAME =
  /^(localhost|127\.0\.0\.1|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)$/;

export interface OrganizationResolverOptions {
  /** How long a host's organization is kept (a change of settings shows within it). */
  ttlMs?: number;
  /** How long a host nobody holds is remembered as such (a new organization answers within it). */
  unknownTtlMs?: number;
  /** Hosts kept at most, each kind: an attacker's stream of made-up names evicts only its own kind. */
  maxHosts?: number;
  /** Milliseconds since some origin (tests: a clock they move). */
  clock?: { now(): number };
}

/**
 * Host header → organization, asked of the identity service and cached
 * briefly, in bounded memory. Known and unknown hosts are kept apart, each
 * least recently used first out: a flood of made-up Host names costs one
 * identity call per name and window, and never evicts the organizations that
 * real visitors use. One lookup per host at a time: a burst on a cold cache
 * asks identity once.
 */
export class OrganizationResolver {
  /** Hosts held by an organization (a host nobody holds is not kept here). */
  private readonly known: BoundedCache<ResolvedOrganization | null>;
  private readonly unknown: BoundedCache<true>;

  constructor(
    private readonly identity: ServiceRoute | undefined,
    options: OrganizationResolverOptions = {},
  ) {
    const max = options.maxHosts ?? 10_000;
    const ttlMs = options.ttlMs ?? 30_000;
    this.known = new BoundedCache({ max, ttlMs: (org) => (org ? ttlMs : 0), clock: options.clock });
    this.unknown = new BoundedCache({
      max,
      ttlMs: options.unknownTtlMs ?? 5_000,
      clock: options.clock,
    });
  }

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
    if (!HOST_NAME.test(host) || this.unknown.peek(host)) return null;
    return this.known.peek(host);
  }

  async resolve(host: string): Promise<ResolvedOrganization | null> {
    if (host.length > 253 || !HOST_NAME.test(host)) return null;
    // Requests that waited on a lookup finding nobody look again, here: in `unknown`.
    return this.known.fetch(host, async () => (this.unknown.peek(host) ? null : this.lookup(host)));
  }

  private async lookup(host: string): Promise<ResolvedOrganization | null> {
    if (!this.identity) return null;
    const r = await this.identity.call(
      'GET',
      `/internal/organizations/by-host/${encodeURIComponent(host)}`,
    );
    if (r.status !== 200 && r.status !== 404)
      throw new Error(`identity answered ${r.status} for a host lookup`);
    if (r.status === 404) {
      this.unknown.set(host, true);
      return null;
    }
    return r.body as ResolvedOrganization;
  }
}
