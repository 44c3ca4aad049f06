import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, hasRole, type InternalIdentity } from '@palabre/auth';
import type { IdentityGrantView } from '@palabre/contracts';
import { GrantRoleDto } from './dtos/grant-role.dto';
import { GrantRoleUseCase } from './grant-role.use-case';
import { GrantsRepository, type GrantRow } from './grants.repository';
import { RevokeRoleUseCase } from './revoke-role.use-case';

export const grantView = (g: GrantRow): IdentityGrantView => ({
  id: g.id,
  userId: g.user_id,
  email: g.email,
  displayName: g.display_name,
  role: g.role,
  spaceId: g.space_id,
  // An ISO string, as JSON gave the Date before.
  createdAt: new Date(g.created_at).toISOString(),
});

const SESSION_NOTE =
  'Signed-in sessions of the account pick the change up on their next lookup by the gateway, ' +
  'which caches a session for 2 seconds.';

/** Roles inside the caller's own organization, for its administrators (and platform operators). */
@ApiTags('roles')
@Controller('grants')
@Roles('org-admin')
export class GrantsController {
  constructor(
    private readonly repo: GrantsRepository,
    private readonly grantRole: GrantRoleUseCase,
    private readonly revokeRole: RevokeRoleUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organization's grants (who holds which role, where)" })
  async list(@CurrentIdentity() identity: InternalIdentity) {
    return (await this.repo.list(identity.organizationId)).map(grantView);
  }

  @Post()
  @ApiOperation({
    summary: 'Give a role to an account of this organization (by userId or email)',
    description: SESSION_NOTE,
  })
  async create(@CurrentIdentity() identity: InternalIdentity, @Body() body: GrantRoleDto) {
    return grantView(
      await this.grantRole.execute({
        organizationId: identity.organizationId,
        grantee: { userId: body.userId, email: body.email },
        role: body.role,
        spaceId: body.spaceId,
        actorIsOperator: hasRole(identity, 'platform-operator'),
      }),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Take a role back (409 for the last administrator of the organization)',
    description: SESSION_NOTE,
  })
  async revoke(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    await this.revokeRole.execute({
      organizationId: identity.organizationId,
      grantId: id,
      actorIsOperator: hasRole(identity, 'platform-operator'),
    });
  }
}
