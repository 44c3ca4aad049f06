import { Inject, Injectable } from '@nestjs/common';
import { BoundedCache } from '@palabre/cache';
import type { OrganizationInfoView } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from './service-definition';

/** What a service writes about its organization (identity's GET /internal/organizations/:id). */
export type OrganizationInfo = OrganizationInfoView;

const FALLBACK_ZONE = 'Europe/Paris';

/**
 * The organization as identity describes it (GET /internal/organizations/:id),
 * kept a minute. When identity cannot say (not in this deployment, down), a
 * neutral description: the platform's name, Europe/Paris, no map; links in
 * mails then use PUBLIC_ORIGIN when set.
 */
@Injectable()
export class OrganizationDirectory {
  private readonly cache = new BoundedCache<OrganizationInfo>({
    max: 10_000,
    ttlMs: (o) => (o.name ? 60_000 : 5_000),
  });

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  of(organizationId: string): Promise<OrganizationInfo> {
    return this.cache.fetch(organizationId, () => this.ask(organizationId));
  }

  private async ask(id: string): Promise<OrganizationInfo> {
    const fallback: OrganizationInfo = {
      id,
      name: '',
      origin: this.runtime.env.PUBLIC_ORIGIN || 'http://localhost:3000',
      timeZone: FALLBACK_ZONE,
      defaultLocale: 'fr',
      mapTileUrl: null,
      mapAttribution: null,
    };
    if (!this.runtime.internal.has('identity')) return fallback;
    try {
      const r = await this.runtime.internal.call<Partial<OrganizationInfo>>(
        'identity',
        'GET',
        `/internal/organizations/${encodeURIComponent(id)}`,
      );
      if (r.status !== 200) return fallback;
      const b = r.body;
      return {
        id,
        name: b.name ?? '',
        origin: b.origin ?? fallback.origin,
        timeZone: b.timeZone || FALLBACK_ZONE,
        defaultLocale: b.defaultLocale || 'fr',
        mapTileUrl: b.mapTileUrl ?? null,
        mapAttribution: b.mapAttribution ?? null,
      };
    } catch {
      return fallback;
    }
  }
}
