import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { textIn, type PhaseView, type SpaceLanding } from '../spaces.api';
import { activatePage, phaseFormPage, refusedPage, spacePath } from './admin-spaces.pages';
import { spaceAdminContext } from './space-admin-access';
import { loadSpace, notFound, refusal } from './space-admin.api';
import {
  PHASE_API_FIELDS,
  emptyPhaseForm,
  phaseFormOf,
  readPhaseForm,
  type PhaseFormValues,
} from './space.form';

const body = (req: PageRequest) => (req.body ?? {}) as Record<string, unknown>;

/**
 * The phases of a process in the back-office: add, edit (titles, dates),
 * move up or down (plain forms; the focus comes back to the button used),
 * and activate one after a confirmation page.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/spaces/:id/phases')
export class SpacePhasesPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private access(req: PageRequest, res: FastifyReply, id: string, back?: string) {
    return spaceAdminContext(req, res, this.config.gatewayUrl, { spaceId: id, back });
  }

  /** The process and one of its phases (`phaseId` null: none asked); null when either is missing (404 sent). */
  private async load(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    phaseId: string | null,
  ): Promise<{ s: SpaceLanding; p: PhaseView | null } | null> {
    const s = await loadSpace(ctx, id);
    const p = phaseId && s ? (s.phases.find((x) => x.id === phaseId) ?? null) : null;
    if (!s || s.kind !== 'process' || (phaseId && !p)) {
      notFound(ctx, res);
      return null;
    }
    return { s, p };
  }

  private form(
    ctx: PageContext,
    res: FastifyReply,
    s: SpaceLanding,
    p: PhaseView | null,
    form: { values: PhaseFormValues; errors: FieldError[]; notice?: string | null },
    status = 200,
  ) {
    const { t } = ctx;
    const n = p ? s.phases.indexOf(p) + 1 : s.phases.length + 1;
    const heading = p
      ? t('spacesAdmin.phase.editTitle', {
          title: t('spacesAdmin.phase.name', { n, title: textIn(p.title, ctx.locale) }),
        })
      : t('spacesAdmin.phase.addTitle', { n, space: textIn(s.title, ctx.locale) });
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, heading, form.errors),
        section: 'admin',
        main: phaseFormPage(ctx, s, form, {
          action: p ? `${spacePath(s.id)}/phases/${p.id}` : `${spacePath(s.id)}/phases/new`,
          heading,
          submit: p ? t('spacesAdmin.phase.save') : t('spacesAdmin.phase.add'),
        }),
      },
      status,
    );
  }

  @Get('new')
  async newPhase(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    const found = await this.load(ctx, res, id, null);
    if (!found) return;
    this.form(ctx, res, found.s, null, { values: emptyPhaseForm(), errors: [] });
  }

  @Post('new')
  async add(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.access(req, res, id, `${spacePath(id)}/phases/new`);
    if (!ctx) return;
    const found = await this.load(ctx, res, id, null);
    if (!found) return;
    const { values, dto, errors } = readPhaseForm(ctx.i18n, body(req));
    if (!dto) return this.form(ctx, res, found.s, null, { values, errors }, 400);
    if (!isSameSite(req))
      return this.form(
        ctx,
        res,
        found.s,
        null,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const r = await ctx.api.post<PhaseView & Problem>(`/api/spaces/${id}/phases`, dto);
    if (r.status === 201 || r.status === 200)
      return void seeOther(res, `${spacePath(id)}?done=phaseAdded#phase-${r.body.id}`);
    const refused = refusal(ctx, r, PHASE_API_FIELDS);
    this.form(ctx, res, found.s, null, { values, ...refused }, refused.status);
  }

  @Get(':phaseId')
  async editPhase(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    if (!isUuid(phaseId)) return notFound(ctx, res);
    const found = await this.load(ctx, res, id, phaseId);
    if (!found?.p) return;
    this.form(ctx, res, found.s, found.p, { values: phaseFormOf(found.p), errors: [] });
  }

  @Post(':phaseId')
  async save(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id, `${spacePath(id)}/phases/${phaseId}`);
    if (!ctx) return;
    if (!isUuid(phaseId)) return notFound(ctx, res);
    const found = await this.load(ctx, res, id, phaseId);
    if (!found?.p) return;
    const { s, p } = found;
    const { values, dto, errors } = readPhaseForm(ctx.i18n, body(req));
    if (!dto) return this.form(ctx, res, s, p, { values, errors }, 400);
    if (!isSameSite(req))
      return this.form(
        ctx,
        res,
        s,
        p,
        { values, errors: [], notice: ctx.t('lifecycle.crossSite') },
        403,
      );
    const r = await ctx.api.patch<Problem>(`/api/spaces/${id}/phases/${phaseId}`, dto);
    if (r.status === 200)
      return void seeOther(res, `${spacePath(id)}?done=phaseSaved#phase-${phaseId}`);
    if (r.status === 404) return notFound(ctx, res);
    const refused = refusal(ctx, r, PHASE_API_FIELDS);
    this.form(ctx, res, s, p, { values, ...refused }, refused.status);
  }

  /** One step up or down: the whole order goes to the API (PUT phases/order). */
  @Post(':phaseId/move')
  async move(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id, `${spacePath(id)}#phases`);
    if (!ctx) return;
    if (!isUuid(phaseId)) return notFound(ctx, res);
    const found = await this.load(ctx, res, id, phaseId);
    if (!found?.p) return;
    const { s, p } = found;
    const direction = body(req).direction === 'down' ? 'down' : 'up';
    const back = (notice: string, status: number) =>
      send(
        res,
        ctx,
        {
          title: ctx.t('spacesAdmin.phase.moveRefused'),
          section: 'admin',
          main: refusedPage(ctx, s, ctx.t('spacesAdmin.phase.moveRefused'), notice),
        },
        status,
      );
    if (!isSameSite(req)) return back(ctx.t('lifecycle.crossSite'), 403);
    const ids = s.phases.map((x) => x.id);
    const from = ids.indexOf(p.id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to >= 0 && to < ids.length) {
      [ids[from], ids[to]] = [ids[to], ids[from]];
      const r = await ctx.api.put<Problem>(`/api/spaces/${id}/phases/order`, { phaseIds: ids });
      if (r.status === 404) return notFound(ctx, res);
      if (r.status !== 200) {
        const refused = refusal(ctx, r, {});
        return back(refused.notice ?? ctx.t('spacesAdmin.phase.moveRefused'), refused.status);
      }
    }
    // No fragment: a page opened at a fragment skips autofocus, and the focus must come back to the button.
    seeOther(res, `${spacePath(id)}?done=moved&phase=${p.id}&direction=${direction}`);
  }

  @Get(':phaseId/activate')
  async confirm(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id);
    if (!ctx) return;
    if (!isUuid(phaseId)) return notFound(ctx, res);
    const found = await this.load(ctx, res, id, phaseId);
    if (!found?.p) return;
    const { s, p } = found;
    send(res, ctx, {
      title: ctx.t('spacesAdmin.activate.title', {
        title: ctx.t('spacesAdmin.phase.name', {
          n: s.phases.indexOf(p) + 1,
          title: textIn(p.title, ctx.locale),
        }),
      }),
      section: 'admin',
      main: activatePage(ctx, s, p),
    });
  }

  @Post(':phaseId/activate')
  async activate(
    @Param('id') id: string,
    @Param('phaseId') phaseId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.access(req, res, id, `${spacePath(id)}/phases/${phaseId}/activate`);
    if (!ctx) return;
    if (!isUuid(phaseId)) return notFound(ctx, res);
    const found = await this.load(ctx, res, id, phaseId);
    if (!found?.p) return;
    const { s, p } = found;
    const page = (notice: string, status: number) =>
      send(
        res,
        ctx,
        {
          title: ctx.t('spacesAdmin.activate.refused'),
          section: 'admin',
          main: activatePage(ctx, s, p, notice),
        },
        status,
      );
    if (!isSameSite(req)) return page(ctx.t('lifecycle.crossSite'), 403);
    const r = await ctx.api.post<Problem>(`/api/spaces/${id}/phases/${phaseId}/activate`);
    if (r.status === 200) return void seeOther(res, `${spacePath(id)}?done=activated#phases`);
    if (r.status === 404) return notFound(ctx, res);
    const refused = refusal(ctx, r, {});
    page(refused.notice ?? ctx.t('spacesAdmin.activate.refused'), refused.status);
  }
}
