import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import type { OrganizationSettings } from '../organization.api';
import { brandingPage, settingsPage, type BrandingForm } from './organization-admin.pages';

/**
 * The organization's settings and branding, for its administrators: the
 * form is checked here for what a person gets wrong (with their words), and
 * identity checks everything again; its 400s land next to the field they
 * name. The forms are declared in organization-settings.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/organization')
export class OrganizationSettingsPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private async settings(ctx: PageContext): Promise<OrganizationSettings> {
    const r = await ctx.api.get<OrganizationSettings>('/api/identity/organization');
    if (r.status !== 200) throw new Error(`Organization settings answered ${r.status}`);
    return r.body;
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const s = await this.settings(ctx);
    const form = { ...s, mapTileUrl: s.mapTileUrl ?? '', mapAttribution: s.mapAttribution ?? '' };
    send(res, ctx, settingsPage(ctx, form, [], req.query.saved === '1'));
  }

  @Get('branding')
  async showBranding(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const s = await this.settings(ctx);
    const form: BrandingForm = {
      logoUrl: s.logoUrl ?? '',
      primaryColor: s.primaryColor ?? '',
      welcomeText: { ...s.welcomeText } as Record<string, string>,
      announcement: { ...s.announcement } as Record<string, string>,
    };
    send(res, ctx, brandingPage(ctx, form, [], req.query.saved === '1'));
  }
}
