import { Injectable } from '@nestjs/common';
import { AccountsRepository } from '../accounts/accounts.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import {
  ORGANIZATION_ROLES,
  SPACE_ROLES,
  type GrantableRole,
  type GranteeDto,
} from './dtos/grant-role.dto';
import { GrantError, grantException, invalidGrantField } from './grants.exception';
import { GrantsRepository, type GrantRow } from './grants.repository';

export interface GrantCommand {
  /** The organization the grant lives in, and the one the account must belong to. */
  organizationId: string;
  grantee: GranteeDto;
  role: GrantableRole;
  spaceId?: string;
  actorIsOperator: boolean;
}

/**
 * Gives a role to an account of the organization. The account is named by id
 * or email and must belong to that organization (accounts never span
 * organizations), so a grant can never reach outside it. New grants apply on
 * the session's next lookup by the gateway (it caches sessions 2 s).
 */
@Injectable()
export class GrantRoleUseCase {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly accounts: AccountsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async execute(cmd: GrantCommand): Promise<GrantRow> {
    const { userId, email } = cmd.grantee;
    if ((userId === undefined) === (email === undefined))
      throw invalidGrantField('userId', 'give either userId or email (exactly one)');
    if (SPACE_ROLES.includes(cmd.role) && !cmd.spaceId)
      throw invalidGrantField('spaceId', `is required for the role ${cmd.role}`);
    if (ORGANIZATION_ROLES.includes(cmd.role) && cmd.spaceId)
      throw invalidGrantField('spaceId', `must be absent for the role ${cmd.role}`);
    if (cmd.role === 'platform-operator' && !cmd.actorIsOperator)
      throw grantException(
        GrantError.OperatorOnly,
        'Only a platform operator can grant the platform-operator role',
      );

    return this.grants.transaction(async (m) => {
      // Grant changes of one organization queue up behind this lock (see RevokeRoleUseCase).
      if (!(await this.organizations.lock(m, cmd.organizationId)))
        throw grantException(GrantError.OrganizationNotFound, 'No such organization');
      const user = userId
        ? await this.accounts.findById(cmd.organizationId, userId, m)
        : await this.accounts.findByEmail(
            cmd.organizationId,
            String(email).trim().toLowerCase(),
            m,
          );
      if (!user || user.status === 'deleted')
        throw grantException(GrantError.UserNotFound, 'No such account in this organization');
      if (user.status !== 'active')
        throw grantException(GrantError.AccountNotActive, 'This account is blocked');
      const id = await this.grants.insert(m, {
        organizationId: cmd.organizationId,
        userId: user.id,
        role: cmd.role,
        spaceId: cmd.spaceId,
      });
      if (!id) throw grantException(GrantError.GrantExists, 'This account already has this role');
      return (await this.grants.find(m, cmd.organizationId, id)) as GrantRow;
    });
  }
}
