import { Injectable } from '@nestjs/common';
import { Topics, type OrganizationCreatedJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import type { CreateOrganizationDto } from './dtos/create-organization.dto';
import { OrganizationError, organizationException } from './organizations.exception';
import { OrganizationsRepository, type OrganizationWithHosts } from './organizations.repository';

/** Creates a tenant with its host names and announces it, atomically. */
@Injectable()
export class CreateOrganizationUseCase {
  constructor(private readonly repo: OrganizationsRepository) {}

  async execute(
    input: CreateOrganizationDto & { locales?: string[]; parentId?: string },
  ): Promise<OrganizationWithHosts> {
    const hosts = [...new Set(input.hosts.map((h) => h.toLowerCase()))];
    return this.repo.transaction(async (m) => {
      if (await this.repo.findBySlug(input.slug, m)) {
        throw organizationException(
          OrganizationError.SlugTaken,
          `The slug "${input.slug}" is already used`,
        );
      }
      const taken = await this.repo.takenHosts(hosts, m);
      if (taken.length) {
        throw organizationException(
          OrganizationError.HostTaken,
          `Host already used by another organization: ${taken.join(', ')}`,
        );
      }
      const org = await this.repo.insert(m, {
        slug: input.slug,
        name: input.name,
        defaultLocale: input.defaultLocale,
        locales: input.locales ?? ['fr', 'en'],
        hosts,
        parentId: input.parentId ?? null,
      });
      const payload: OrganizationCreatedJson = {
        organizationId: org.id,
        name: org.name,
        hosts,
        defaultLocale: org.defaultLocale,
      };
      await publish(m, 'identity', {
        topic: Topics.IdentityOrganizationCreatedV1,
        key: org.id,
        tenantId: org.id,
        schema: 'palabre.identity.v1.OrganizationCreated',
        payload,
      });
      return { ...org, hosts, primaryHost: hosts[0] };
    });
  }
}
