import { Body, Controller, Get, NotFoundException, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, type InternalIdentity } from '@palabre/auth';
import type { IdentityOrganizationSettingsView } from '@palabre/contracts';
import { UpdateOrganizationSettingsDto } from './dtos/update-organization-settings.dto';
import { brandingView, placeView } from './organizations.controller';
import { OrganizationsRepository, type OrganizationWithHosts } from './organizations.repository';
import { UpdateOrganizationSettingsUseCase } from './update-organization-settings.use-case';

/** What an administrator sees and may change of an organization. */
export const settingsView = (o: OrganizationWithHosts): IdentityOrganizationSettingsView => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  hosts: o.hosts,
  /** Where the organization's mails lead: https://<primaryHost>/... */
  primaryHost: o.primaryHost,
  locales: o.locales,
  defaultLocale: o.defaultLocale,
  registrationMode: o.registrationMode,
  identityProviders: o.identityProviders,
  parentId: o.parentId,
  ...brandingView(o),
  ...placeView(o),
});

const CACHE_NOTE =
  'The gateway and the site cache the organization of each host name for up to 30 seconds, so a new ' +
  'name, language list, branding or announcement can take that long to show on every page; ' +
  'other services keep the time zone and map up to a minute; ' +
  'registration mode and identity providers are checked by identity on each request and apply at once.';

/**
 * The caller's own organization, for its administrators (and platform
 * operators). There is no organization id in the path: the organization is
 * the one answering on the host, so no administrator can name another one.
 */
@ApiTags('organizations')
@Controller('organization')
@Roles('org-admin')
export class OrganizationSettingsController {
  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly update: UpdateOrganizationSettingsUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary: "This organization's settings (administrators)",
    description: CACHE_NOTE,
  })
  async get(@CurrentIdentity() identity: InternalIdentity) {
    const org = await this.repo.findById(identity.organizationId);
    if (!org) throw new NotFoundException('Organization not found');
    return settingsView(org);
  }

  @Patch()
  @ApiOperation({
    summary:
      'Change name, languages, registration mode, accepted identity providers, branding, announcement, time zone or map',
    description: `Send only what changes. A 400 names the field at fault and changes nothing. ${CACHE_NOTE}`,
  })
  async patch(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: UpdateOrganizationSettingsDto,
  ) {
    return settingsView(await this.update.execute(identity.organizationId, body));
  }
}
