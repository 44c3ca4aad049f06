import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Public, Roles, type InternalIdentity } from '@palabre/auth';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { CreateOrganizationDto } from './dtos/create-organization.dto';
import { OrganizationsRepository, type OrganizationWithHosts } from './organizations.repository';

const view = (o: OrganizationWithHosts) => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  hosts: o.hosts,
  defaultLocale: o.defaultLocale,
  locales: o.locales,
});

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly repo: OrganizationsRepository,
    private readonly createOrganization: CreateOrganizationUseCase,
  ) {}

  @Get('current')
  @ApiOperation({ summary: 'The organization answering on this host' })
  async current(@CurrentIdentity() identity: InternalIdentity) {
    const org = await this.repo.findById(identity.organizationId);
    if (!org) throw new NotFoundException('Organization not found');
    return view(org);
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
