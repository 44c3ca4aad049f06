import { Body, Controller, Get, Header, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { CurrentIdentity, Public, Roles, type InternalIdentity } from '@palabre/auth';
import type { OrganizationInfoView } from '@palabre/contracts';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { CreateOrganizationDto } from './dtos/create-organization.dto';
import { OrganizationsRepository, type OrganizationWithHosts } from './organizations.repository';
import { PublicOrigin } from './public-origin';

/** Branding and announcement: public, shown by the site on every page. */
export const brandingView = (o: OrganizationWithHosts) => ({
  logoUrl: o.logoUrl ?? null,
  primaryColor: o.primaryColor ?? null,
  welcomeText: o.welcomeText ?? {},
  announcement: o.announcement ?? {},
});

/** Where the organization is: public facts any page about a place or a time may show. */
export const placeView = (o: OrganizationWithHosts) => ({
  timeZone: o.timeZone,
  mapTileUrl: o.mapTileUrl ?? null,
  mapAttribution: o.mapAttribution ?? null,
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
  ...placeView(o),
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
      'branding (logoUrl, primaryColor, welcomeText per language), the announcement per language, ' +
      'its time zone (timeZone) and the tile server of its maps (mapTileUrl, mapAttribution; null: none).',
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
 * Internal API, never routed by the gateway (/internal/*). Public, i.e. no
 * identity token asked: the gateway resolves the tenant by host before any
 * identity exists, and other services describe an organization from jobs
 * that act for nobody (a calendar feed, a mail sent by a scheduler). Both
 * answer only what the organization's own site shows any visitor.
 */
@Controller('internal/organizations')
@Public()
export class OrganizationsInternalController {
  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly origins: PublicOrigin,
  ) {}

  @Get('by-host/:host')
  async byHost(@Param('host') host: string) {
    const org = await this.repo.findByHost(host.toLowerCase());
    if (!org) throw new NotFoundException(`No organization answers on ${host}`);
    return view(org);
  }

  /**
   * What a service needs to write about an organization in its mails and
   * feeds: its name, where its links lead (the origin identity's own mails
   * use), its time zone, its language and its map. 404 for an id that is not
   * an organization's, a malformed one included. Callers may keep it a
   * minute (ADR 0015): a settings change reaches them within that.
   */
  @Get(':id')
  @Header('Cache-Control', 'max-age=60')
  async info(@Param('id') id: string): Promise<OrganizationInfoView> {
    const org = isUUID(id) ? await this.repo.findById(id.toLowerCase()) : null;
    if (!org) throw new NotFoundException(`No organization ${id}`);
    return {
      id: org.id,
      name: org.name,
      origin: this.origins.of(org.primaryHost),
      defaultLocale: org.defaultLocale,
      ...placeView(org),
    };
  }
}
