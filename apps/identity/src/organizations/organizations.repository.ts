import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@palabre/service-kit';
import { Organization } from './organization.entity';

export interface OrganizationWithHosts extends Organization {
  hosts: string[];
  /** Where its mailed links lead (public-origin.ts): the first host it was given. */
  primaryHost: string;
}

/** The only place that speaks SQL for organizations and their host names. */
@Injectable()
export class OrganizationsRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async findByHost(host: string): Promise<OrganizationWithHosts | null> {
    const [row] = await this.ds.query(
      `SELECT o.id FROM identity.organization_hosts h JOIN identity.organizations o ON o.id = h.organization_id
       WHERE h.host = $1`,
      [host],
    );
    return row ? this.findById(row.id) : null;
  }

  async findById(
    id: string,
    m: EntityManager = this.ds.manager,
  ): Promise<OrganizationWithHosts | null> {
    const org = await m.findOneBy(Organization, { id });
    if (!org) return null;
    const hosts: { host: string; is_primary: boolean }[] = await m.query(
      `SELECT host, is_primary FROM identity.organization_hosts WHERE organization_id = $1 ORDER BY host`,
      [id],
    );
    return Object.assign(org, {
      hosts: hosts.map((h) => h.host),
      primaryHost: (hosts.find((h) => h.is_primary) ?? hosts[0])?.host ?? '',
    });
  }

  /** Locks the organization row for the rest of the transaction: settings and grant changes queue up. */
  async lock(m: EntityManager, id: string): Promise<boolean> {
    const rows = await m.query(`SELECT id FROM identity.organizations WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows.length === 1;
  }

  async updateSettings(
    m: EntityManager,
    id: string,
    s: Pick<
      Organization,
      | 'name'
      | 'locales'
      | 'defaultLocale'
      | 'registrationMode'
      | 'identityProviders'
      | 'logoUrl'
      | 'primaryColor'
      | 'welcomeText'
      | 'announcement'
      | 'timeZone'
      | 'mapTileUrl'
      | 'mapAttribution'
    >,
  ): Promise<void> {
    await m.query(
      `UPDATE identity.organizations
          SET name = $2, locales = $3::text[], default_locale = $4, registration_mode = $5, identity_providers = $6::text[],
              logo_url = $7, primary_color = $8, welcome_text = $9::jsonb, announcement = $10::jsonb,
              time_zone = $11, map_tile_url = $12, map_attribution = $13
        WHERE id = $1`,
      [
        id,
        s.name,
        s.locales,
        s.defaultLocale,
        s.registrationMode,
        s.identityProviders,
        s.logoUrl,
        s.primaryColor,
        JSON.stringify(s.welcomeText ?? {}),
        JSON.stringify(s.announcement ?? {}),
        s.timeZone,
        s.mapTileUrl,
        s.mapAttribution,
      ],
    );
  }

  async childrenOf(parentId: string): Promise<OrganizationWithHosts[]> {
    const rows = await this.ds.query(
      `SELECT id FROM identity.organizations WHERE parent_id = $1 ORDER BY name, id`,
      [parentId],
    );
    const children = await Promise.all(rows.map((r: { id: string }) => this.findById(r.id)));
    return children.filter((c): c is OrganizationWithHosts => c !== null);
  }

  async findBySlug(slug: string, m: EntityManager): Promise<Organization | null> {
    return m.findOneBy(Organization, { slug });
  }

  async takenHosts(hosts: string[], m: EntityManager): Promise<string[]> {
    const rows = await m.query(
      `SELECT host FROM identity.organization_hosts WHERE host = ANY($1::text[])`,
      [hosts],
    );
    return rows.map((r: { host: string }) => r.host);
  }

  async insert(
    m: EntityManager,
    data: {
      slug: string;
      name: string;
      defaultLocale: string;
      locales: string[];
      hosts: string[];
      parentId?: string | null;
    },
  ): Promise<Organization> {
    const org = await m.save(Organization, m.create(Organization, data));
    for (const [i, host] of data.hosts.entries()) {
      await m.query(
        `INSERT INTO identity.organization_hosts (host, organization_id, is_primary) VALUES ($1, $2, $3)`,
        [host, org.id, i === 0],
      );
    }
    return org;
  }
}
