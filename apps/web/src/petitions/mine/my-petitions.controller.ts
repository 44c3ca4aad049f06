import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import {
  ALL_STATES,
  type ManagedPetition,
  type ManagedSummary,
  type PetitionTypeView,
} from '../lifecycle.api';
import { isUuid } from '../../shared/layout/http';
import { apiFieldErrors, refusedText, titleWithErrors } from '../../shared/forms/form-notices';
import {
  NEW_PATH,
  authorSignIn,
  draftFormPage,
  followPage,
  myPetitionsPage,
  type DraftForm,
} from './my-petitions.pages';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const DRAFT_FIELDS = { typeId: 'typeId', title: 'title', body: 'body' };

export async function petitionTypes(ctx: PageContext): Promise<PetitionTypeView[]> {
  const r = await ctx.api.get<{ items: PetitionTypeView[] }>('/api/petitions/types');
  if (r.status !== 200) throw new Error(`Petition types answered ${r.status}`);
  return r.body.items;
}

/** The petition if it is one of this author's, else null (a public petition of someone else is not "mine"). */
export async function minePetition(ctx: PageContext, id: string): Promise<ManagedPetition | null> {
  const [detail, list] = await Promise.all([
    ctx.api.get<ManagedPetition>(`/api/petitions/${id}`),
    ctx.api.get<{ items: ManagedSummary[] }>(
      `/api/petitions?author=me&state=${ALL_STATES.join(',')}&sort=newest&limit=100`,
    ),
  ]);
  if (detail.status === 404 || detail.status === 400) return null;
  if (detail.status !== 200) throw new Error(`Petition answered ${detail.status}`);
  if (list.status !== 200 || !list.body.items.some((p) => p.id === id)) return null;
  return detail.body;
}

export function sendDraftForm(
  ctx: PageContext,
  res: FastifyReply,
  types: PetitionTypeView[],
  form: DraftForm,
  edit: { id: string } | null,
  status = 200,
) {
  const { t } = ctx;
  const heading = edit ? t('mine.editTitle') : t('mine.new');
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, heading, form.errors),
      section: 'my-petitions',
      main: draftFormPage(ctx, types, form, {
        action: edit ? `/my/petitions/${edit.id}/edit` : NEW_PATH,
        heading,
        submit: edit ? t('mine.form.save') : t('mine.form.create'),
        back: edit ? `/my/petitions/${edit.id}` : '/my/petitions',
      }),
    },
    status,
  );
}

/** What the API refused, on the form: next to a field, or at the top. */
export function draftRefusal(ctx: PageContext, problem: Problem | null): Partial<DraftForm> {
  const errors: FieldError[] = apiFieldErrors(ctx, problem, DRAFT_FIELDS);
  if (problem?.code === 'FRANCECONNECT_REQUIRED')
    return {
      errors: [{ field: 'typeId', message: ctx.t('mine.form.typeNeedsFranceConnect') }],
      needsFranceConnect: true,
    };
  if (problem?.code === 'PETITION_TYPE_NOT_FOUND')
    return { errors: [{ field: 'typeId', message: ctx.t('mine.form.typeUnknown') }] };
  if (problem?.code === 'PETITION_WRONG_STATE') return { errors, notice: ctx.t('mine.notDraft') };
  if (errors.length) return { errors };
  return { errors, notice: refusedText(ctx, problem?.status ?? 400) };
}

export async function renderFollow(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  done: string,
  error: string | null = null,
  status = 200,
) {
  const p = isUuid(id) ? await minePetition(ctx, id) : null;
  if (!p) return send(res, ctx, notFoundPage(ctx), 404);
  const types = await petitionTypes(ctx);
  const DONE: Record<string, string> = {
    created: ctx.t('mine.done.created'),
    saved: ctx.t('mine.done.saved'),
    submitted: ctx.t('mine.done.submitted', { org: ctx.org.name }),
  };
  send(
    res,
    ctx,
    {
      title: p.title,
      section: 'my-petitions',
      main: followPage(ctx, p, {
        done: DONE[done] ?? null,
        error,
        days: types.find((ty) => ty.id === p.type.id)?.signatureDays,
      }),
    },
    status,
  );
}

/**
 * An author's pages: draft a petition, edit it, submit it to the review, and
 * follow it through its states. Every write goes through the public API with
 * the author's own session; the API decides who may do what.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class MyPetitionsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get('my/petitions')
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    const { t } = ctx;
    if (ctx.me?.kind !== 'account')
      return send(res, ctx, {
        title: t('mine.title'),
        section: 'my-petitions',
        main: authorSignIn(ctx, t('mine.title'), '/my/petitions'),
      });
    const cursor =
      typeof req.query.cursor === 'string' && CURSOR.test(req.query.cursor) ? req.query.cursor : '';
    const params = new URLSearchParams({
      author: 'me',
      state: ALL_STATES.join(','),
      sort: 'newest',
      limit: '20',
    });
    if (cursor) params.set('cursor', cursor);
    const [r, types] = await Promise.all([
      ctx.api.get<{ items: ManagedSummary[]; nextCursor: string | null }>(
        `/api/petitions?${params}`,
      ),
      petitionTypes(ctx),
    ]);
    if (r.status === 400 && cursor) return void seeOther(res, '/my/petitions');
    if (r.status === 401)
      return send(res, ctx, {
        title: t('mine.title'),
        section: 'my-petitions',
        main: authorSignIn(ctx, t('mine.title'), '/my/petitions'),
      });
    if (r.status !== 200) throw new Error(`My petitions answered ${r.status}`);
    // The author's own list carries the reason of each rejection.
    const reasons = new Map(r.body.items.map((p) => [p.id, p.rejectionReason ?? null]));
    const days = new Map(types.map((ty) => [ty.id, ty.signatureDays]));
    const next = r.body.nextCursor
      ? `/my/petitions?cursor=${encodeURIComponent(r.body.nextCursor)}`
      : null;
    send(res, ctx, {
      title: t('mine.title'),
      section: 'my-petitions',
      main: myPetitionsPage(ctx, r.body.items, reasons, days, next),
    });
  }

  @Get('petitions/new')
  async newDraft(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    if (ctx.me?.kind !== 'account')
      return send(res, ctx, {
        title: ctx.t('mine.new'),
        section: 'my-petitions',
        main: authorSignIn(ctx, ctx.t('mine.new'), NEW_PATH),
      });
    const types = await petitionTypes(ctx);
    const typeId = types.length === 1 ? types[0].id : '';
    sendDraftForm(ctx, res, types, { values: { typeId, title: '', body: '' }, errors: [] }, null);
  }

  @Get('my/petitions/:id')
  async follow(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    if (ctx.me?.kind !== 'account')
      return send(res, ctx, {
        title: ctx.t('mine.title'),
        section: 'my-petitions',
        main: authorSignIn(ctx, ctx.t('mine.title'), req.url),
      });
    await renderFollow(ctx, res, id, typeof req.query.done === 'string' ? req.query.done : '');
  }

  @Get('my/petitions/:id/edit')
  async edit(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    if (ctx.me?.kind !== 'account')
      return send(res, ctx, {
        title: ctx.t('mine.editTitle'),
        section: 'my-petitions',
        main: authorSignIn(ctx, ctx.t('mine.editTitle'), req.url),
      });
    const p = isUuid(id) ? await minePetition(ctx, id) : null;
    if (!p) return send(res, ctx, notFoundPage(ctx), 404);
    if (p.state !== 'draft') return void seeOther(res, `/my/petitions/${id}`);
    const types = await petitionTypes(ctx);
    sendDraftForm(
      ctx,
      res,
      types,
      { values: { typeId: p.type.id, title: p.title, body: p.body }, errors: [] },
      { id },
    );
  }
}
