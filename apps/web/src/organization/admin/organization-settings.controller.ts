import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import { forgetOrganization, type PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import {
  ANNOUNCEMENT_MAX,
  LANGUAGES,
  LOGO_MAX,
  PROVIDERS,
  REGISTRATION_MODES,
  WELCOME_MAX,
  type OrganizationSettings,
} from '../organization.api';
import {
  brandingPage,
  settingsPage,
  type BrandingForm,
  type SettingsForm,
} from './organization-admin.pages';
import { contrastWithWhite } from './contrast';

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Every value of a repeated form field (checkboxes), or []. */
const many = (body: Record<string, unknown>, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
};

/** identity's field names → the ids of this page's controls ("welcomeText.fr" → "welcomeText-fr"). */
const fieldId = (field: string) => field.replace('.', '-');

/**
 * The organization's settings and branding, for its administrators: the
 * form is checked here for what a person gets wrong (with their words), and
 * identity checks everything again; its 400s land next to the field they name.
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

  /** PATCH, then the answer: null when saved, or the errors by field (403/429 as errors too). */
  private async patch(
    ctx: PageContext,
    req: PageRequest,
    body: object,
    message: (field: string, apiMessage: string) => string,
  ): Promise<{ errors: FieldError[]; status: number } | null> {
    const r = await ctx.api.patch<OrganizationSettings & Problem>(
      '/api/identity/organization',
      body,
    );
    if (r.status === 200) {
      forgetOrganization(req.headers.host);
      return null;
    }
    if (r.status === 429)
      return { errors: [{ field: 'main', message: ctx.t('account.error.tryLater') }], status: 429 };
    if (r.status === 403)
      return { errors: [{ field: 'main', message: ctx.t('org.error.forbidden') }], status: 403 };
    if (r.status !== 400) throw new Error(`Organization settings update answered ${r.status}`);
    const errors = (r.body?.errors ?? []).map((e) => ({
      field: fieldId(e.field),
      message: message(e.field, e.message),
    }));
    return {
      errors: errors.length ? errors : [{ field: 'main', message: r.body?.detail ?? '' }],
      status: 400,
    };
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const s = await this.settings(ctx);
    send(res, ctx, settingsPage(ctx, s, [], req.query.saved === '1'));
  }

  @Post()
  async save(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl, '/admin/organization');
    if (!ctx) return;
    const { t } = ctx;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form: SettingsForm = {
      name: formText(body, 'name'),
      locales: many(body, 'locales').filter((l) => (LANGUAGES as readonly string[]).includes(l)),
      defaultLocale: formText(body, 'defaultLocale'),
      registrationMode: formText(body, 'registrationMode'),
      identityProviders: many(body, 'identityProviders').filter((p) =>
        (PROVIDERS as readonly string[]).includes(p),
      ),
    };
    const errors: FieldError[] = [];
    if (form.name.length < 2 || form.name.length > 200)
      errors.push({ field: 'name', message: t('org.error.name') });
    if (form.locales.length === 0)
      errors.push({ field: 'locales', message: t('org.error.locales') });
    if (!(LANGUAGES as readonly string[]).includes(form.defaultLocale))
      errors.push({ field: 'defaultLocale', message: t('org.error.defaultLocaleMissing') });
    else if (form.locales.length && !form.locales.includes(form.defaultLocale))
      errors.push({ field: 'defaultLocale', message: t('org.error.defaultLocale') });
    if (!(REGISTRATION_MODES as readonly string[]).includes(form.registrationMode))
      errors.push({ field: 'registrationMode', message: t('org.error.registrationMode') });
    if (form.identityProviders.length === 0)
      errors.push({ field: 'identityProviders', message: t('org.error.providers') });
    else if (
      form.registrationMode === 'franceconnect' &&
      !form.identityProviders.includes('franceconnect')
    )
      errors.push({ field: 'identityProviders', message: t('org.error.fcNeeded') });
    if (errors.length) return send(res, ctx, settingsPage(ctx, form, errors), 400);
    if (!isSameSite(req))
      return send(
        res,
        ctx,
        settingsPage(ctx, form, [{ field: 'name', message: t('account.error.crossSite') }]),
        403,
      );
    const failed = await this.patch(ctx, req, form, (_f, m) => t('org.error.api', { message: m }));
    if (!failed) return void seeOther(res, '/admin/organization?saved=1');
    send(res, ctx, settingsPage(ctx, form, failed.errors), failed.status);
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

  @Post('branding')
  async saveBranding(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(
      req,
      res,
      this.config.gatewayUrl,
      '/admin/organization/branding',
    );
    if (!ctx) return;
    const { t } = ctx;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const perLanguage = (prefix: string) =>
      Object.fromEntries(LANGUAGES.map((l) => [l, formText(body, `${prefix}-${l}`)]));
    const form: BrandingForm = {
      logoUrl: formText(body, 'logoUrl'),
      primaryColor: formText(body, 'primaryColor'),
      welcomeText: perLanguage('welcomeText'),
      announcement: perLanguage('announcement'),
    };
    const errors: FieldError[] = [];
    if (
      form.logoUrl &&
      (!/^https:\/\/[^\s/]+\.[^\s]+$/i.test(form.logoUrl) || form.logoUrl.length > LOGO_MAX)
    )
      errors.push({ field: 'logoUrl', message: t('org.error.logo') });
    if (form.primaryColor && !HEX.test(form.primaryColor))
      errors.push({ field: 'primaryColor', message: t('org.error.colorFormat') });
    else if (form.primaryColor && contrastWithWhite(form.primaryColor) < 4.5)
      errors.push({
        field: 'primaryColor',
        message: t('org.error.contrast', {
          ratio: contrastWithWhite(form.primaryColor).toFixed(2),
        }),
      });
    for (const l of LANGUAGES) {
      if (form.welcomeText[l].length > WELCOME_MAX)
        errors.push({
          field: `welcomeText-${l}`,
          message: t('org.error.tooLong', { max: WELCOME_MAX }),
        });
      if (form.announcement[l].length > ANNOUNCEMENT_MAX)
        errors.push({
          field: `announcement-${l}`,
          message: t('org.error.tooLong', { max: ANNOUNCEMENT_MAX }),
        });
    }
    if (errors.length) return send(res, ctx, brandingPage(ctx, form, errors), 400);
    if (!isSameSite(req))
      return send(
        res,
        ctx,
        brandingPage(ctx, form, [{ field: 'logoUrl', message: t('account.error.crossSite') }]),
        403,
      );
    const failed = await this.patch(
      ctx,
      req,
      {
        logoUrl: form.logoUrl || null,
        primaryColor: form.primaryColor || null,
        welcomeText: form.welcomeText,
        announcement: form.announcement,
      },
      (field, m) =>
        field === 'primaryColor'
          ? t('org.error.contrastApi', { message: m })
          : field === 'logoUrl'
            ? t('org.error.logo')
            : t('org.error.api', { message: m }),
    );
    if (!failed) return void seeOther(res, '/admin/organization/branding?saved=1');
    send(res, ctx, brandingPage(ctx, form, failed.errors), failed.status);
  }
}
