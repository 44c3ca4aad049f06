import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../layout/http';
import { adminContext } from '../admin/admin-access';
import { WEB_CONFIG, type WebConfig } from '../config/web.config';
import type { Problem } from '../gateway/gateway-client';
import { html } from '../html/html';
import type { PageContext } from '../layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../layout/render';
import { isSameSite } from '../layout/same-site';
import {
  ALL_STATES,
  isUuid,
  type ManagedPetition,
  type ManagedSummary,
  type OfflineCountEntry,
  type PetitionTypeView,
} from '../petition-lifecycle/lifecycle.api';
import { apiFieldErrors, titleWithErrors } from '../petition-lifecycle/lifecycle.pages';
import {
  ADMIN_PETITIONS,
  NO_FORM,
  managePage,
  queuePage,
  type ManageForm,
} from './admin-petitions.pages';
import { readAnswer, readClose, readOffline, readReject } from './petition-actions.form';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

/** Each form of the management page: how to read it, where it goes in the API, what it says when done. */
const ACTIONS = {
  reject: {
    read: readReject,
    api: 'review',
    fields: { reason: 'reason' },
  },
  close: { read: readClose, api: 'close', fields: { reason: 'closeReason' } },
  answer: {
    read: readAnswer,
    api: 'answer',
    fields: { text: 'answerText', date: 'answerDate', url: 'answerUrl' },
  },
  offline: {
    read: readOffline,
    api: 'offline-counts',
    fields: { count: 'count', source: 'source', note: 'note' },
  },
} as const;
type Action = keyof typeof ACTIONS;

/**
 * The petitions back-office: the admissibility review queue, and on each
 * petition what its state allows (publish or reject; offline counts; the
 * institution's answer; closing early). The API checks the role again.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin/petitions')
export class AdminPetitionsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async queue(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    const state = ALL_STATES.find((s) => s === req.query.state) ?? 'submitted';
    const cursor =
      typeof req.query.cursor === 'string' && CURSOR.test(req.query.cursor) ? req.query.cursor : '';
    // The review queue is first come, first served; other states show the latest first.
    const sort = state === 'submitted' ? 'oldest' : 'newest';
    const params = new URLSearchParams({ state, sort, limit: '20' });
    if (cursor) params.set('cursor', cursor);
    const doneId = isUuid(req.query.id) ? req.query.id : null;
    const [list, reviewed] = await Promise.all([
      ctx.api.get<{ items: ManagedSummary[]; nextCursor: string | null }>(
        `/api/petitions?${params}`,
      ),
      doneId ? ctx.api.get<ManagedPetition>(`/api/petitions/${doneId}`) : null,
    ]);
    if (list.status === 400 && cursor)
      return void seeOther(res, `${ADMIN_PETITIONS}?state=${state}`);
    if (list.status !== 200) throw new Error(`Admin petition list answered ${list.status}`);
    let done: ReturnType<typeof html> | string = '';
    if (
      reviewed?.status === 200 &&
      (req.query.done === 'published' || req.query.done === 'rejected')
    ) {
      const p = reviewed.body;
      done = html`<div class="notice success" role="status">
        <p>
          <strong
            >${
              req.query.done === 'published'
                ? ctx.t('admin.done.published', { title: p.title })
                : ctx.t('admin.done.rejected', { title: p.title })
            }</strong
          >
        </p>
        <p>
          ${
            req.query.done === 'published'
              ? html`<a href="/petitions/${p.id}">${ctx.t('admin.petition.publicPage')}</a> · `
              : ''
          }<a href="${ADMIN_PETITIONS}/${p.id}">${ctx.t('admin.done.manage')}</a>
        </p>
      </div>`;
    }
    send(res, ctx, {
      title: state === 'submitted' ? ctx.t('admin.queue.title') : ctx.t('admin.petitions.title'),
      section: 'admin',
      main: queuePage(ctx, { state, cursor }, list.body.items, list.body.nextCursor, done),
    });
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    if (!isUuid(id)) return send(res, ctx, notFoundPage(ctx), 404);
    const DONE: Record<string, string> = {
      offline: ctx.t('admin.done.offline'),
      answer: ctx.t('admin.done.answer'),
      close: ctx.t('admin.done.close'),
    };
    const done = typeof req.query.done === 'string' ? (DONE[req.query.done] ?? null) : null;
    await this.render(ctx, res, id, NO_FORM, done);
  }

  private async render(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    form: ManageForm,
    done: string | null,
    status = 200,
  ) {
    // After a write (a notice to show, or a form back), read past the gateway's public
    // micro-cache: it may still hold the petition as it was a second ago.
    const r = await ctx.api.get<ManagedPetition>(`/api/petitions/${id}`, {
      fresh: done !== null || form.form !== null,
    });
    if (r.status === 404 || r.status === 400) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status !== 200) throw new Error(`Petition answered ${r.status}`);
    const p = r.body;
    const [offline, types] = await Promise.all([
      ['published', 'closed', 'answered'].includes(p.state)
        ? ctx.api.get<{ items: OfflineCountEntry[] }>(`/api/petitions/${id}/offline-counts`)
        : null,
      p.state === 'submitted'
        ? ctx.api.get<{ items: PetitionTypeView[] }>('/api/petitions/types?all=true')
        : null,
    ]);
    send(
      res,
      ctx,
      {
        title: titleWithErrors(ctx, p.title, form.errors),
        section: 'admin',
        main: managePage(ctx, p, offline?.status === 200 ? offline.body.items : null, form, {
          done,
          signatureDays:
            types?.status === 200
              ? types.body.items.find((ty) => ty.id === p.type.id)?.signatureDays
              : undefined,
        }),
      },
      status,
    );
  }

  /** What the API said no to, on the form it came from. */
  private refusal(
    ctx: PageContext,
    r: { status: number; body: Problem | null },
    fields: Record<string, string>,
  ) {
    const errors = apiFieldErrors(ctx, r.body, fields);
    if (r.body?.code === 'PETITION_WRONG_STATE')
      return { errors, notice: ctx.t('admin.wrongState') };
    return errors.length
      ? { errors }
      : { errors, notice: ctx.t('mine.form.refused', { detail: r.body?.detail ?? '' }) };
  }

  @Post(':id/publish')
  async publish(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl, this.back(id));
    if (!ctx) return;
    if (!isUuid(id)) return send(res, ctx, notFoundPage(ctx), 404);
    const form: ManageForm = { form: 'publish', values: {}, errors: [] };
    if (!isSameSite(req))
      return this.render(
        ctx,
        res,
        id,
        { ...form, notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await ctx.api.post<Problem>(`/api/petitions/${id}/review`, { decision: 'publish' });
    if (r.status === 200)
      return void seeOther(res, `${ADMIN_PETITIONS}?state=submitted&done=published&id=${id}`);
    return this.afterRefusal(ctx, res, id, form, r, {});
  }

  @Post(':id/reject')
  reject(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    return this.act('reject', id, req, res);
  }

  @Post(':id/close')
  close(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    return this.act('close', id, req, res);
  }

  @Post(':id/answer')
  answer(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    return this.act('answer', id, req, res);
  }

  @Post(':id/offline-counts')
  offline(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    return this.act('offline', id, req, res);
  }

  private back(id: string) {
    return isUuid(id) ? `${ADMIN_PETITIONS}/${id}` : ADMIN_PETITIONS;
  }

  /** A form of the management page: check it, send it, then back to the page (303) or the form again. */
  private async act(action: Action, id: string, req: PageRequest, res: FastifyReply) {
    const ctx = await adminContext(req, res, this.config.gatewayUrl, this.back(id));
    if (!ctx) return;
    if (!isUuid(id)) return send(res, ctx, notFoundPage(ctx), 404);
    const spec = ACTIONS[action];
    const { values, dto, errors } = spec.read(
      ctx.i18n,
      (req.body ?? {}) as Record<string, unknown>,
    );
    const form: ManageForm = { form: action, values, errors };
    if (!dto) return this.render(ctx, res, id, form, null, 400);
    if (!isSameSite(req))
      return this.render(
        ctx,
        res,
        id,
        { ...form, notice: ctx.t('lifecycle.crossSite') },
        null,
        403,
      );
    const r = await ctx.api.post<Problem>(`/api/petitions/${id}/${spec.api}`, dto);
    if (r.status === 200 || r.status === 201)
      return void seeOther(
        res,
        action === 'reject'
          ? `${ADMIN_PETITIONS}?state=submitted&done=rejected&id=${id}`
          : `${ADMIN_PETITIONS}/${id}?done=${action}#${action === 'offline' ? 'offline' : 'main'}`,
      );
    return this.afterRefusal(ctx, res, id, form, r, spec.fields);
  }

  private afterRefusal(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    form: ManageForm,
    r: { status: number; body: Problem | null },
    fields: Record<string, string>,
  ) {
    if (r.status === 404) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status >= 500 || r.status === 429 || r.status === 401)
      throw new Error(`Back-office action answered ${r.status}`);
    return this.render(
      ctx,
      res,
      id,
      { ...form, ...this.refusal(ctx, r, fields) },
      null,
      r.status === 409 || r.status === 403 ? r.status : 400,
    );
  }
}
