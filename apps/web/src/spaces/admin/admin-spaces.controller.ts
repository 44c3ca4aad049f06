import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { isOrgAdmin } from '../../shared/layout/roles';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { textIn, type Member, type SpaceLanding, type SpacePage } from '../spaces.api';
import {
  ADMIN_SPACES,
  membersPage,
  spaceFormPage,
  spaceOverviewPage,
  spacePath,
  spacesListPage,
} from './admin-spaces.pages';
import { administeredSpaces, spaceAdminContext } from './space-admin-access';
import { componentTypes, loadSpace, notFound, refusal } from './space-admin.api';
import {
  SPACE_API_FIELDS,
  emptySpaceForm,
  readSpaceForm,
  spaceFormOf,
  type SpaceFormValues,
} from './space.form';

const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;

/** The add-member form as typed, with its errors. */
type MemberForm = { values: { userId: string }; errors: FieldError[]; notice?: string | null };

/**
 * Participatory spaces in the back-office: the list, a new process or
 * assembly (organization admins), a space's page, its information, its
 * publication and the members of a private space (its admins too). The
 * spaces API checks the role again on every call.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/spaces')
export class AdminSpacesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(
    req: PageRequest,
    res: FastifyReply,
    opts: { spaceId?: string; orgOnly?: boolean; back?: string } = {},
  ) {
    return spaceAdminContext(req, res, this.config.gatewayUrl, opts);
  }

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res);
    if (!ctx) return;
    const r = await ctx.api.get<SpacePage>('/api/spaces?state=all&limit=100', { fresh: true });
    if (r.status !== 200) throw new Error(`Space list answered ${r.status}`);
    const mine = administeredSpaces(ctx.me);
    const items = isOrgAdmin(ctx.me)
      ? r.body.items
      : r.body.items.filter((s) => mine.includes(s.id));
    const DONE: Record<string, string> = { created: ctx.t('spacesAdmin.done.created') };
    send(res, ctx, {
      title: ctx.t('spacesAdmin.title'),
      section: 'admin',
      main: spacesListPage(ctx, items, {
        done: typeof req.query.done === 'string' ? (DONE[req.query.done] ?? null) : null,
        canCreate: isOrgAdmin(ctx.me),
      }),
    });
  }

  private form(
    ctx: PageContext,
    res: FastifyReply,
    form: { values: SpaceFormValues; errors: FieldError[]; notice?: string | null },
    edit: SpaceLanding | null,
    status = 200,
  ) {
    const { t } = ctx;
    const heading = edit
      ? t('spacesAdmin.editTitle', { title: textIn(edit.title, ctx.locale) })
      : form.values.kind === 'assembly'
        ? t('spacesAdmin.newAssembly')
        : t('spacesAdmin.newProcess');
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, heading, form.errors),
        section: 'admin',
        main: spaceFormPage(ctx, form, {
          action: edit ? `${spacePath(edit.id)}/edit` : `${ADMIN_SPACES}/new`,
          heading,
          submit: edit ? t('spacesAdmin.save') : t('spacesAdmin.create'),
          creating: !edit,
          backHref: edit ? spacePath(edit.id) : ADMIN_SPACES,
          backLabel: edit ? textIn(edit.title, ctx.locale) : t('spacesAdmin.title'),
        }),
      },
      status,
    );
  }

  @Get('new')
  async newSpace(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { orgOnly: true });
    if (!ctx) return;
    const kind = req.query.kind === 'assembly' ? 'assembly' : 'process';
    this.form(ctx, res, { values: emptySpaceForm(kind), errors: [] }, null);
  }

  @Post('new')
  async create(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { orgOnly: true, back: `${ADMIN_SPACES}/new` });
    if (!ctx) return;
    const { values, dto, errors } = readSpaceForm(ctx.i18n, body(req), { creating: true });
    if (!dto) return this.form(ctx, res, { values, errors }, null, 400);
    if (!isSameSite(req))
      return this.form(
        ctx,
        res,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await ctx.api.post<SpaceLanding & Problem>('/api/spaces', dto);
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${spacePath(r.body.id)}?done=created`);
    const refused = refusal(ctx, r, SPACE_API_FIELDS);
    this.form(ctx, res, { values, ...refused }, null, refused.status);
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id });
    if (!ctx) return;
    await this.overview(ctx, res, id, req.query);
  }

  /** The space's page; `query` carries the notice after a write (PRG) and the phase moved. */
  private async overview(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    query: Record<string, unknown>,
    notice: string | null = null,
    status = 200,
  ) {
    const [s, types] = await Promise.all([loadSpace(ctx, id), componentTypes(ctx)]);
    if (!s) return notFound(ctx, res);
    const { t } = ctx;
    const movedPhase = s.phases.findIndex((p) => p.id === query.phase);
    const DONE: Record<string, string> = {
      created: t('spacesAdmin.done.created'),
      saved: t('spacesAdmin.done.saved'),
      published: t('spacesAdmin.done.published'),
      unpublished: t('spacesAdmin.done.unpublished'),
      phaseAdded: t('spacesAdmin.done.phaseAdded'),
      phaseSaved: t('spacesAdmin.done.phaseSaved'),
      activated: t('spacesAdmin.done.activated', {
        title: textIn(s.phases.find((p) => p.active)?.title, ctx.locale),
      }),
      moved:
        movedPhase >= 0
          ? t('spacesAdmin.done.moved', {
              title: textIn(s.phases[movedPhase].title, ctx.locale),
              n: movedPhase + 1,
              total: s.phases.length,
            })
          : '',
      componentAdded: t('spacesAdmin.done.componentAdded'),
    };
    const done = typeof query.done === 'string' ? DONE[query.done] || null : null;
    send(
      res,
      ctx,
      {
        title: textIn(s.title, ctx.locale),
        section: 'admin',
        main: spaceOverviewPage(ctx, s, {
          done,
          notice,
          types,
          focus:
            query.done === 'moved' && movedPhase >= 0
              ? { phaseId: s.phases[movedPhase].id, direction: String(query.direction ?? 'up') }
              : null,
        }),
      },
      status,
    );
  }

  @Get(':id/edit')
  async edit(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id });
    if (!ctx) return;
    const s = await loadSpace(ctx, id);
    if (!s) return notFound(ctx, res);
    this.form(ctx, res, { values: spaceFormOf(s), errors: [] }, s);
  }

  @Post(':id/edit')
  async save(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id, back: `${spacePath(id)}/edit` });
    if (!ctx) return;
    const s = await loadSpace(ctx, id);
    if (!s) return notFound(ctx, res);
    const { values, dto, errors } = readSpaceForm(ctx.i18n, body(req), {
      creating: false,
      kind: s.kind,
    });
    if (!dto) return this.form(ctx, res, { values, errors }, s, 400);
    if (!isSameSite(req))
      return this.form(
        ctx,
        res,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        s,
        403,
      );
    const r = await ctx.api.patch<Problem>(`/api/spaces/${s.id}`, dto);
    if (r.status === 200) return void seeOther(res, `${spacePath(s.id)}?done=saved`);
    if (r.status === 404) return notFound(ctx, res);
    const refused = refusal(ctx, r, SPACE_API_FIELDS);
    this.form(ctx, res, { values, ...refused }, s, refused.status);
  }

  @Post(':id/publish')
  publish(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    return this.setState(id, 'publish', req, res);
  }

  @Post(':id/unpublish')
  unpublish(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    return this.setState(id, 'unpublish', req, res);
  }

  private async setState(
    id: string,
    action: 'publish' | 'unpublish',
    req: PageRequest,
    res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, { spaceId: id, back: spacePath(id) });
    if (!ctx) return;
    if (!isUuid(id)) return notFound(ctx, res);
    if (!isSameSite(req)) return this.overview(ctx, res, id, {}, ctx.t('lifecycle.crossSite'), 403);
    const r = await ctx.api.post<Problem>(`/api/spaces/${id}/${action}`);
    if (r.status === 200)
      return void seeOther(
        res,
        `${spacePath(id)}?done=${action === 'publish' ? 'published' : 'unpublished'}`,
      );
    if (r.status === 404) return notFound(ctx, res);
    const refused = refusal(ctx, r, {});
    return this.overview(ctx, res, id, {}, refused.notice ?? null, refused.status);
  }

  // ── members of a private space ─────────────────────────────────────────

  private async members(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    form: MemberForm,
    done: string | null,
    status = 200,
  ) {
    const s = await loadSpace(ctx, id);
    if (!s) return notFound(ctx, res);
    const r = await ctx.api.get<{ items: Member[] }>(`/api/spaces/${id}/members`, { fresh: true });
    if (r.status === 404) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Members answered ${r.status}`);
    // Spaces knows accounts by id; identity says their names (the ids stay shown if it cannot).
    const names = new Map<string, string>();
    const ids = r.body.items.map((m) => m.userId);
    const asked = [];
    for (let i = 0; i < ids.length; i += 200)
      asked.push(
        ctx.api.post<{ items?: { userId: string; displayName: string }[] }>(
          '/api/identity/accounts/names',
          { ids: ids.slice(i, i + 200) },
        ),
      );
    for (const named of await Promise.all(asked))
      if (named.status === 200)
        for (const n of named.body.items ?? []) names.set(n.userId, n.displayName);
    const title = ctx.t('spacesAdmin.members.heading', { title: textIn(s.title, ctx.locale) });
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, title, form.errors),
        section: 'admin',
        main: membersPage(ctx, s, r.body.items, names, form, done),
      },
      status,
    );
  }

  @Get(':id/members')
  async membersList(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id });
    if (!ctx) return;
    const DONE: Record<string, string> = {
      added: ctx.t('spacesAdmin.members.added'),
      removed: ctx.t('spacesAdmin.members.removed'),
    };
    const done = typeof req.query.done === 'string' ? (DONE[req.query.done] ?? null) : null;
    await this.members(ctx, res, id, { values: { userId: '' }, errors: [] }, done);
  }

  @Post(':id/members')
  async addMember(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id, back: `${spacePath(id)}/members` });
    if (!ctx) return;
    if (!isUuid(id)) return notFound(ctx, res);
    const given = String(body(req).userId ?? '')
      .trim()
      .toLowerCase();
    const values = { userId: given };
    const again = (form: MemberForm, status: number) =>
      this.members(ctx, res, id, form, null, status);
    if (given && !isSameSite(req))
      return again({ values, errors: [], notice: ctx.t('lifecycle.crossSite') }, 403);
    let userId = given;
    // An email address: identity says which account of the organization has it.
    if (given.includes('@')) {
      const found = await ctx.api.post<{ userId?: string } & Problem>(
        '/api/identity/accounts/lookup',
        { email: given },
      );
      if (found.status !== 200 || !found.body.userId) {
        const message =
          found.status === 404
            ? ctx.t('spacesAdmin.members.noAccount')
            : found.status === 400
              ? ctx.t('spacesAdmin.members.userIdInvalid')
              : ctx.t('spacesAdmin.members.lookupFailed');
        return again(
          { values, errors: [{ field: 'userId', message }] },
          found.status === 404 || found.status === 400 ? 400 : 503,
        );
      }
      userId = found.body.userId;
    }
    if (!userId)
      return again({ values, errors: [{ field: 'userId', message: ctx.t('form.required') }] }, 400);
    if (!isUuid(userId))
      return again(
        {
          values,
          errors: [{ field: 'userId', message: ctx.t('spacesAdmin.members.userIdInvalid') }],
        },
        400,
      );
    const r = await ctx.api.put<Problem>(`/api/spaces/${id}/members/${userId}`);
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${spacePath(id)}/members?done=added`);
    if (r.status === 404) return notFound(ctx, res);
    const refused = refusal(ctx, r, { userId: 'userId' });
    return again({ values, ...refused }, refused.status);
  }

  @Post(':id/members/:userId/remove')
  async removeMember(
    @Param('id') id: string,
    @Param('userId') userId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, { spaceId: id, back: `${spacePath(id)}/members` });
    if (!ctx) return;
    if (!isUuid(id) || !isUuid(userId)) return notFound(ctx, res);
    const values = { userId: '' };
    if (!isSameSite(req))
      return this.members(
        ctx,
        res,
        id,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await ctx.api.delete<Problem>(`/api/spaces/${id}/members/${userId}`);
    if (r.status === 204 || r.status === 200)
      return void seeOther(res, `${spacePath(id)}/members?done=removed`);
    if (r.status === 404 && r.body?.code !== 'MEMBER_NOT_FOUND') return notFound(ctx, res);
    const refused = refusal(ctx, r, {});
    return this.members(
      ctx,
      res,
      id,
      {
        values,
        errors: [],
        notice:
          r.body?.code === 'MEMBER_NOT_FOUND'
            ? ctx.t('spacesAdmin.members.notMember')
            : refused.notice,
      },
      null,
      r.status === 404 ? 409 : refused.status,
    );
  }
}
