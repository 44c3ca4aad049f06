import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Public, Roles, type InternalIdentity } from '@palabre/auth';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { CreateOrganizationDto } from './dtos/create-organization.dto';
import { OrganizationsRepository, type OrganizationWithHosts } from './organizations.repository';

/** Branding and announcement: public, shown by the site on every page. */
export const brandingView = (o: OrganizationWithHosts) => ({
  logoUrl: o.logoUrl ?? null,
  primaryColor: o.primaryColor ?? null,
  welcomeText: o.welcomeText ?? {},
  announcement: o.announcement ?? {},
});

const view = (o: OrganizationWithHosts) => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  hosts: o.hosts,
  defaultLocale: o.defaultLocale,
  locales: o.locales,
});

/** What any visitor's client may know: enough to draw the site and offer the right ways in. */
const publicView = (o: OrganizationWithHosts) => ({
  ...view(o),
  registrationMode: o.registrationMode,
  identityProviders: o.identityProviders,
  ...brandingView(o),
});

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly createOrganization: CreateOrganizationUseCase,
  ) {}

  @Get('current')
  @ApiOperation({
    summary: 'The organization answering on this host',
    description:
      'Public: name, languages, how accounts are opened (registrationMode, identityProviders), ' +
      'branding (logoUrl, primaryColor, welcomeText per language) and the announcement per language.',
  })
  async current(@CurrentIdentity() identity: InternalIdentity) {
    const org = await this.repo.findById(identity.organizationId);
    if (!org) throw new NotFoundException('Organization not found');
    return publicView(org);
  }

  @Post()
  @Roles('platform-operator')
  @ApiOperation({ summary: 'Create an organization (platform operators only)' })
  async create(@Body() body: CreateOrganizationDto) {
    return view(await this.createOrganization.execute(body));
  }
}

/**
 * Internal API for the gateway, which must resolve the tenant before any
 * identity exists. The gateway never exposes /internal/* publicly.
 */
@Controller('internal/organizations')
@Public()
export class OrganizationsInternalController {
  constructor(private readonly repo: OrganizationsRepository) {}

  @Get('by-host/:host')
  async byHost(@Param('host') host: string) {
    const org = await this.repo.findByHost(host.toLowerCase());
    if (!org) throw new NotFoundException(`No organization answers on ${host}`);
    return view(org);
  }
}
