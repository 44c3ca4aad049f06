import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { adminContext } from '../../shared/layout/admin-access';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import {
  ALL_STATES,
  PUBLIC_STATES,
  type ManagedPetition,
  type ManagedSummary,
  type OfflineCountEntry,
  type PetitionTypeView,
} from '../lifecycle.api';
import { isUuid } from '../../shared/layout/http';
import { titleWithErrors } from '../../shared/forms/form-notices';
import {
  ADMIN_PETITIONS,
  NO_FORM,
  managePage,
  queuePage,
  type ManageForm,
} from './admin-petitions.pages';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

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
    await renderManage(ctx, res, id, NO_FORM, done);
  }
}

/** One petition's management page, with one of its forms as it was sent (or none). */
export async function renderManage(
  ctx: PageContext,
  res: FastifyReply,
  id: string,
  form: ManageForm,
  done: string | null,
  status = 200,
): Promise<void> {
  // After a write (a notice to show, or a form back), read past the gateway's public
  // micro-cache: it may still hold the petition as it was a second ago.
  const r = await ctx.api.get<ManagedPetition>(`/api/petitions/${id}`, {
    fresh: done !== null || form.form !== null,
  });
  if (r.status === 404 || r.status === 400) return send(res, ctx, notFoundPage(ctx), 404);
  if (r.status !== 200) throw new Error(`Petition answered ${r.status}`);
  const p = r.body;
  const [offline, types] = await Promise.all([
    PUBLIC_STATES.includes(p.state)
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
