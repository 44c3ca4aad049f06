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
import { GrantChildAdminDto } from '../grants/dtos/grant-role.dto';
import { GrantRoleUseCase } from '../grants/grant-role.use-case';
import { grantView } from '../grants/grants.controller';
import { GrantsRepository } from '../grants/grants.repository';
import { RevokeRoleUseCase } from '../grants/revoke-role.use-case';
import { settingsView } from '../organizations/organization-settings.controller';
import { ChildOrganizationsUseCase } from './child-organizations.use-case';
import { CreateChildOrganizationDto } from './create-child-organization.dto';

const AUTHORITY =
  'Authority goes down one level: administrators of this organization act on its direct ' +
  'children, never on its parent, a sibling or another tenant (those answer 404).';

/** A metropolis gives each commune its own administrators (multi-level administration). */
@ApiTags('organizations')
@Controller('organization/children')
@Roles('org-admin')
export class ChildOrganizationsController {
  constructor(
    private readonly children: ChildOrganizationsUseCase,
    private readonly grants: GrantsRepository,
    private readonly grantRole: GrantRoleUseCase,
    private readonly revokeRole: RevokeRoleUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: "This organization's child organizations", description: AUTHORITY })
  async list(@CurrentIdentity() identity: InternalIdentity) {
    return (await this.children.list(identity.organizationId)).map(settingsView);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a child organization (e.g. a commune of this metropolis) on its own host',
    description:
      `${AUTHORITY} The child answers on sub-domains of this organization's hosts ` +
      '(`commune.participer.metropole.fr` under `participer.metropole.fr`); any other host name ' +
      'is refused (403 naming `hosts`) unless a platform operator asks, as only operators assign host names. ' +
      'The child starts without administrators: name them with POST /organization/children/{id}/grants.',
  })
  async create(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: CreateChildOrganizationDto,
  ) {
    return settingsView(
      await this.children.create(
        identity.organizationId,
        body,
        hasRole(identity, 'platform-operator'),
      ),
    );
  }

  @Get(':id/grants')
  @ApiOperation({ summary: "A child organization's administrators", description: AUTHORITY })
  async listAdmins(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    const child = await this.children.childOf(identity.organizationId, id);
    return (await this.grants.list(child.id, ['org-admin'])).map(grantView);
  }

  @Post(':id/grants')
  @ApiOperation({
    summary: 'Make an account of the child organization one of its administrators',
    description: `The account (by userId or email) must belong to the child: accounts belong to one organization. ${AUTHORITY}`,
  })
  async grantAdmin(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: GrantChildAdminDto,
  ) {
    const child = await this.children.childOf(identity.organizationId, id);
    return grantView(
      await this.grantRole.execute({
        organizationId: child.id,
        grantee: { userId: body.userId, email: body.email },
        role: 'org-admin',
        actorIsOperator: hasRole(identity, 'platform-operator'),
      }),
    );
  }

  @Delete(':id/grants/:grantId')
  @HttpCode(204)
  @ApiOperation({
    summary: "Remove one of a child organization's administrators (409 for its last one)",
    description: AUTHORITY,
  })
  async revokeAdmin(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
  ) {
    const child = await this.children.childOf(identity.organizationId, id);
    await this.revokeRole.execute({
      organizationId: child.id,
      grantId,
      actorIsOperator: hasRole(identity, 'platform-operator'),
      onlyRoles: ['org-admin'],
    });
  }
}
