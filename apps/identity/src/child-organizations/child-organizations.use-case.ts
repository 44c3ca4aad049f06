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

/**
 * Multi-level administration (docs/adr/0008-multi-level-administration.md):
 * an organization's administrators create child organizations and name their
 * first administrators. Authority goes one level down, never up or sideways:
 * every lookup here is "a child whose parent is the caller's organization".
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
  ): Promise<OrganizationWithHosts> {
    if (input.locales && !input.locales.includes(input.defaultLocale))
      throw invalidField(
        'defaultLocale',
        `must be one of the locales (${input.locales.join(', ')})`,
      );
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
