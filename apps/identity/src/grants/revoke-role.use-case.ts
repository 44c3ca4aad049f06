import { Injectable } from '@nestjs/common';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import type { GrantableRole } from './dtos/grant-role.dto';
import { GrantError, grantException } from './grants.exception';
import { GrantsRepository } from './grants.repository';

export interface RevokeCommand {
  organizationId: string;
  grantId: string;
  actorIsOperator: boolean;
  /** Narrower routes (a parent managing a child's administrators) reach only these roles. */
  onlyRoles?: readonly GrantableRole[];
}

/**
 * Takes a role back. An organization never loses its last active
 * administrator: revoking that grant is a 409, whoever asks (grant another
 * administrator first). The organization row is locked for the transaction,
 * so two administrators revoking each other at once cannot both succeed.
 */
@Injectable()
export class RevokeRoleUseCase {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async execute(cmd: RevokeCommand): Promise<void> {
    await this.grants.transaction(async (m) => {
      if (!(await this.organizations.lock(m, cmd.organizationId)))
        throw grantException(GrantError.OrganizationNotFound, 'No such organization');
      const grant = await this.grants.find(m, cmd.organizationId, cmd.grantId);
      if (!grant || (cmd.onlyRoles && !cmd.onlyRoles.includes(grant.role)))
        throw grantException(GrantError.GrantNotFound, 'No such grant in this organization');
      if (grant.role === 'platform-operator' && !cmd.actorIsOperator)
        throw grantException(
          GrantError.OperatorOnly,
          'Only a platform operator can revoke the platform-operator role',
        );
      if (grant.role === 'org-admin') {
        const others = (await this.grants.activeAdmins(m, cmd.organizationId)).filter(
          (id) => id !== grant.id,
        );
        if (others.length === 0)
          throw grantException(
            GrantError.LastAdmin,
            'This is the last administrator of the organization: grant another one first',
          );
      }
      await this.grants.delete(m, cmd.organizationId, grant.id);
    });
  }
}
