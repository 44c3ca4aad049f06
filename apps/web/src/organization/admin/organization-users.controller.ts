import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { GRANTABLE, SPACE_ROLES, type Grant } from '../organization.api';
import { usersPage, type UsersView } from './organization-admin.pages';
import { textIn } from '../../spaces/spaces.api';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Users and roles of the organization: who holds which role; give one by email; take one back. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/organization/users')
export class OrganizationUsersPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private async render(
    ctx: PageContext,
    res: FastifyReply,
    view: Omit<UsersView, 'grants' | 'meId' | 'spaces'>,
    status = 200,
  ) {
    const [r, s] = await Promise.all([
      ctx.api.get<Grant[]>('/api/identity/grants'),
      ctx.api.get<{ items: { id: string; title: Record<string, string> }[] }>(
        '/api/spaces?state=all&limit=100',
      ),
    ]);
    if (r.status !== 200) throw new Error(`Grants answered ${r.status}`);
    if (s.status !== 200) throw new Error(`Spaces answered ${s.status}`);
    const spaces = s.body.items.map((x) => ({ id: x.id, title: textIn(x.title, ctx.locale) }));
    const meId = ctx.me?.kind === 'account' ? ctx.me.id : '';
    send(res, ctx, usersPage(ctx, { ...view, grants: r.body, spaces, meId }), status);
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const done = req.query.done;
    const notice =
      done === 'granted'
        ? ctx.t('org.users.granted')
        : done === 'revoked'
          ? ctx.t('org.users.revoked')
          : null;
    // From a space's page: the form's space is that one.
    const spaceId =
      typeof req.query.spaceId === 'string' && UUID.test(req.query.spaceId)
        ? req.query.spaceId
        : '';
    await this.render(ctx, res, {
      form: { email: '', role: spaceId ? 'evaluator' : 'moderator', spaceId },
      errors: [],
      notice,
      alert: null,
    });
  }

  @Post()
  async grant(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl, '/admin/organization/users');
    if (!ctx) return;
    const { t } = ctx;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = {
      email: formText(body, 'email'),
      role: formText(body, 'role'),
      spaceId: formText(body, 'spaceId'),
    };
    const errors: FieldError[] = [];
    if (!form.email) errors.push({ field: 'email', message: t('form.required') });
    else if (!EMAIL.test(form.email) || form.email.length > 254)
      errors.push({ field: 'email', message: t('form.invalidEmail') });
    if (!(GRANTABLE as readonly string[]).includes(form.role))
      errors.push({ field: 'role', message: t('org.error.role') });
    // One message for the space field: a space that is not one, then the role's rule.
    if (form.spaceId && !UUID.test(form.spaceId))
      errors.push({ field: 'spaceId', message: t('org.error.spaceNeeded') });
    else if (SPACE_ROLES.includes(form.role) && !form.spaceId)
      errors.push({ field: 'spaceId', message: t('org.error.spaceNeeded') });
    else if (form.role === 'org-admin' && form.spaceId)
      errors.push({ field: 'spaceId', message: t('org.error.spaceNotAllowed') });
    const again = (errs: FieldError[], status: number, alert: string | null = null) =>
      this.render(ctx, res, { form, errors: errs, notice: null, alert }, status);
    if (errors.length) return again(errors, 400);
    if (!isSameSite(req))
      return again([{ field: 'email', message: t('account.error.crossSite') }], 403);
    const r = await ctx.api.post<Problem>('/api/identity/grants', {
      email: form.email,
      role: form.role,
      ...(form.spaceId ? { spaceId: form.spaceId } : {}),
    });
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, '/admin/organization/users?done=granted');
    const code = r.body?.code;
    if (code === 'USER_NOT_FOUND')
      return again(
        [{ field: 'email', message: t('org.users.noAccount', { org: ctx.org.name }) }],
        422,
      );
    if (code === 'GRANT_EXISTS')
      return again([{ field: 'email', message: t('org.users.exists') }], 409);
    if (code === 'ACCOUNT_NOT_ACTIVE')
      return again([{ field: 'email', message: t('org.users.blocked') }], 409);
    if (r.status === 429)
      return again([{ field: 'email', message: t('account.error.tryLater') }], 429);
    if (r.status === 403) return again([{ field: 'role', message: t('org.error.forbidden') }], 403);
    if (r.status === 400)
      return again(
        (r.body?.errors ?? [{ field: 'email', message: r.body?.detail ?? '' }]).map((e) => ({
          field: e.field === 'role' || e.field === 'spaceId' ? e.field : 'email',
          message: t('org.error.api', { message: e.message }),
        })),
        400,
      );
    throw new Error(`Grant answered ${r.status}`);
  }

  @Post(':id/revoke')
  async revoke(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl, '/admin/organization/users');
    if (!ctx) return;
    const { t } = ctx;
    const form = { email: '', role: 'moderator', spaceId: '' };
    const alert = (message: string, status: number) =>
      this.render(ctx, res, { form, errors: [], notice: null, alert: message }, status);
    if (!isSameSite(req)) return alert(t('account.error.crossSite'), 403);
    if (!UUID.test(id)) return alert(t('org.users.gone'), 404);
    const r = await ctx.api.delete<Problem>(`/api/identity/grants/${id}`);
    if (r.status === 204 || r.status === 200)
      return void seeOther(res, '/admin/organization/users?done=revoked');
    if (r.status === 409 && r.body?.code === 'LAST_ADMIN')
      return alert(t('org.users.lastAdmin', { org: ctx.org.name }), 409);
    if (r.status === 404) return alert(t('org.users.gone'), 404);
    if (r.status === 429) return alert(t('account.error.tryLater'), 429);
    if (r.status === 403) return alert(t('org.error.forbidden'), 403);
    throw new Error(`Revoke answered ${r.status}`);
  }
}
