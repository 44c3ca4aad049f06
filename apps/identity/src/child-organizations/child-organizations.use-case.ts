import { Injectable } from '@nestjs/common';
import { CreateOrganizationUseCase } from '../organizations/create-organization.use-case';
import {
  OrganizationError,
  invalidField,
  organizationException,
} from '../organizations/organizations.exception';
import {
  OrganizationsRepository,
  type OrganizationWithHosts,
} from '../organizations/organizations.repository';
import type { CreateChildOrganizationDto } from './create-child-organization.dto';

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `host` is a strict sub-domain of `domain` (never of an IP address: `x.127.0.0.1` is no sub-domain). */
export const isSubdomainOf = (host: string, domain: string): boolean =>
  !IP_ADDRESS.test(domain) && host.toLowerCase().endsWith(`.${domain.toLowerCase()}`);

/**
 * Multi-level administration (docs/adr/0008-multi-level-administration.md):
 * an organization's administrators create child organizations and name their
 * first administrators. Authority goes one level down, never up or sideways:
 * every lookup here is "a child whose parent is the caller's organization".
 *
 * Host names are the platform operator's to assign: a parent's administrators
 * may give a child only sub-domains of a host their own organization holds
 * (`commune.participer.metropole.fr` under `participer.metropole.fr`), never
 * another name (`www.service-public.fr`), which would then be taken from
 * whoever it belongs to.
 */
@Injectable()
export class ChildOrganizationsUseCase {
  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly createOrganization: CreateOrganizationUseCase,
  ) {}

  async create(
    parentId: string,
    input: CreateChildOrganizationDto,
    actorIsOperator = false,
  ): Promise<OrganizationWithHosts> {
    if (input.locales && !input.locales.includes(input.defaultLocale))
      throw invalidField(
        'defaultLocale',
        `must be one of the locales (${input.locales.join(', ')})`,
      );
    if (!actorIsOperator) {
      // Before any look at who holds the names: a refusal says nothing about other tenants.
      const parent = await this.repo.findById(parentId);
      if (!parent)
        throw organizationException(OrganizationError.NotFound, 'Organization not found');
      const outside = input.hosts.filter((h) => !parent.hosts.some((d) => isSubdomainOf(h, d)));
      if (outside.length)
        throw organizationException(
          OrganizationError.HostNotAllowed,
          `${outside.join(', ')}: a child organization may only answer on sub-domains of this ` +
            `organization's hosts (e.g. <name>.${parent.hosts.find((d) => !IP_ADDRESS.test(d)) ?? parent.hosts[0]}); ` +
            'other host names are assigned by a platform operator',
        );
    }
    return this.createOrganization.execute({ ...input, parentId });
  }

  list(parentId: string): Promise<OrganizationWithHosts[]> {
    return this.repo.childrenOf(parentId);
  }

  /** The child `childId` of `parentId`; 404 for anything else (the parent itself, a sibling, another tenant). */
  async childOf(parentId: string, childId: string): Promise<OrganizationWithHosts> {
    const child = await this.repo.findById(childId);
    if (!child || child.parentId !== parentId)
      throw organizationException(
        OrganizationError.NotFound,
        'No such child organization of this organization',
      );
    return child;
  }
}
