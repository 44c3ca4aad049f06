import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { isOrgAdmin } from '../../shared/layout/roles';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { day } from '../public/spaces.pages';
import {
  textIn,
  type Member,
  type PhaseView,
  type SpaceLanding,
  type SpacePage,
} from '../spaces.api';
import {
  ADMIN_SPACES,
  membersPage,
  spaceFormPage,
  spaceOverviewPage,
  spacePath,
  spacesListPage,
  type Form,
} from './admin-spaces.pages';
import { administeredSpaces, spaceAdminContext } from './space-admin-access';
import { componentTypes, loadSpace, notFound, refusal } from './space-admin.api';
import { emptySpaceForm, spaceFormOf, type SpaceFormValues } from './space.form';

/** The add-member form as typed, with its errors. */
export type MemberForm = Form<{ userId: string }>;

/**
 * Participatory spaces in the back-office: the list, a new process or
 * assembly (organization admins), a space's page, its information, its
 * publication and the members of a private space (its admins too). The
 * spaces API checks the role again on every call. The forms are declared in
 * admin-spaces.forms.ts.
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

  @Get('new')
  async newSpace(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { orgOnly: true });
    if (!ctx) return;
    const kind = req.query.kind === 'assembly' ? 'assembly' : 'process';
    renderSpaceForm(ctx, res, { values: emptySpaceForm(kind), errors: [] }, null);
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id });
    if (!ctx) return;
    await renderOverview(ctx, res, id, req.query);
  }

  @Get(':id/edit')
  async edit(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id });
    if (!ctx) return;
    const s = await loadSpace(ctx, id);
    if (!s) return notFound(ctx, res);
    renderSpaceForm(ctx, res, { values: spaceFormOf(s), errors: [] }, s);
  }

  // ── members of a private space ─────────────────────────────────────────

  @Get(':id/members')
  async membersList(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id });
    if (!ctx) return;
    const DONE: Record<string, string> = {
      added: ctx.t('spacesAdmin.members.added'),
      removed: ctx.t('spacesAdmin.members.removed'),
    };
    const done = typeof req.query.done === 'string' ? (DONE[req.query.done] ?? null) : null;
    await renderMembers(ctx, res, id, { values: { userId: '' }, errors: [] }, done);
  }

  // Hand-written: an email is first looked up in identity (whose 404 is a field error), then the account is added: two calls with branching.
  @Post(':id/members')
  async addMember(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, { spaceId: id, back: `${spacePath(id)}/members` });
    if (!ctx) return;
    if (!isUuid(id)) return notFound(ctx, res);
    const given = String((req.body as Record<string, unknown> | undefined)?.userId ?? '')
      .trim()
      .toLowerCase();
    const values = { userId: given };
    const again = (form: MemberForm, status: number) =>
      renderMembers(ctx, res, id, form, null, status);
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
}

/** The form of a new space (`edit` null) or of a space's information. */
/**
 * After an activation: "now current" only when today is within the phase's
 * dates; otherwise that it is active but opens nothing, and why (ADR 0032).
 */
function activatedNotice(ctx: PageContext, p: PhaseView | undefined): string {
  const title = textIn(p?.title, ctx.locale);
  if (p?.timing === 'ended' && p.endsOn)
    return ctx.t('spacesAdmin.done.activatedEnded', { title, date: day(ctx, p.endsOn) });
  if (p?.timing === 'upcoming' && p.startsOn)
    return ctx.t('spacesAdmin.done.activatedUpcoming', { title, date: day(ctx, p.startsOn) });
  return ctx.t('spacesAdmin.done.activated', { title });
}

export function renderSpaceForm(
  ctx: PageContext,
  res: FastifyReply,
  form: Form<SpaceFormValues>,
  edit: SpaceLanding | null,
  status = 200,
): void {
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

/** The space's page; `query` carries the notice after a write (PRG) and the phase moved. */
export async function renderOverview(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  query: Record<string, unknown>,
  notice: string | null = null,
  status = 200,
): Promise<void> {
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
    activated: activatedNotice(
      ctx,
      s.phases.find((p) => p.active),
    ),
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

/** The members of a private space, with the add form as it was sent (or empty). */
export async function renderMembers(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  form: MemberForm,
  done: string | null,
  status = 200,
): Promise<void> {
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
