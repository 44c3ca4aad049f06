import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import type { Grant } from '../organization.api';
import { usersPage, type UsersView } from './organization-admin.pages';
import { UUID } from './organization-admin.form';
import { textIn } from '../../spaces/spaces.api';

/** The users page's own state: its form, what to fix, what was done or refused. */
export type UsersState = Omit<UsersView, 'grants' | 'meId' | 'spaces'>;

/** The give-a-role form, empty. */
export const NO_GRANT_FORM = { email: '', role: 'moderator', spaceId: '' };

/**
 * Users and roles of the organization: who holds which role; give one by
 * email; take one back after a confirmation page. The forms are declared in
 * organization-users.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/organization/users')
export class OrganizationUsersPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

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
    await renderUsers(ctx, res, {
      form: { ...NO_GRANT_FORM, role: spaceId ? 'evaluator' : 'moderator', spaceId },
      errors: [],
      notice,
      alert: null,
    });
  }
}

/** The roles granted in the organization, and its spaces by id (a space role names one). */
export async function usersData(ctx: PageContext) {
  const [r, s] = await Promise.all([
    ctx.api.get<Grant[]>('/api/identity/grants'),
    ctx.api.get<{ items: { id: string; title: Record<string, string> }[] }>(
      '/api/spaces?state=all&limit=100',
    ),
  ]);
  if (r.status !== 200) throw new Error(`Grants answered ${r.status}`);
  if (s.status !== 200) throw new Error(`Spaces answered ${s.status}`);
  const spaces = s.body.items.map((x) => ({ id: x.id, title: textIn(x.title, ctx.locale) }));
  return { grants: r.body, spaces };
}

/** The visitor's account id ('' for none): the page marks their own roles. */
export const meIdOf = (ctx: PageContext) => (ctx.me?.kind === 'account' ? ctx.me.id : '');

/** The users page, with the give-a-role form as it was sent and what was done or refused. */
export async function renderUsers(
  ctx: PageContext,
  res: FastifyReply,
  view: UsersState,
  status = 200,
): Promise<void> {
  const { grants, spaces } = await usersData(ctx);
  send(res, ctx, usersPage(ctx, { ...view, grants, spaces, meId: meIdOf(ctx) }), status);
}
