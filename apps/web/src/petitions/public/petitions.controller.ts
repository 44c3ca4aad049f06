import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { Problem } from '../../shared/gateway/gateway-client';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { isSameSite } from '../../shared/forms/same-site';
import type {
  MySignature,
  PetitionDetail,
  PetitionPage,
  PetitionType,
  Receipt,
  ReceiptOn,
} from '../petitions.api';
import {
  LIST_STATES,
  SORTS,
  listPage,
  mySignaturesPage,
  petitionPage,
  type ListQuery,
  type SignPanel,
} from './petitions.pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

const pick = <T extends string>(allowed: readonly T[], v: unknown, fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class PetitionsPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get('petitions')
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const q: ListQuery = {
      state: pick(LIST_STATES, req.query.state, ''),
      type: typeof req.query.type === 'string' && UUID.test(req.query.type) ? req.query.type : '',
      sort: pick(SORTS, req.query.sort, 'most-signed'),
      cursor:
        typeof req.query.cursor === 'string' && CURSOR.test(req.query.cursor)
          ? req.query.cursor
          : '',
    };
    const params = new URLSearchParams({
      state: q.state || 'published,closed,answered',
      sort: q.sort,
      limit: '10',
    });
    if (q.type) params.set('type', q.type);
    if (q.cursor) params.set('cursor', q.cursor);
    const [page, types] = await Promise.all([
      ctx.api.get<PetitionPage>(`/api/petitions?${params}`),
      ctx.api.get<{ items: PetitionType[] }>('/api/petitions/types'),
    ]);
    // A stale or foreign cursor: show the first page rather than an error.
    if (page.status === 400 && q.cursor) {
      const first = new URLSearchParams({ sort: q.sort });
      if (q.state) first.set('state', q.state);
      if (q.type) first.set('type', q.type);
      return void seeOther(res, `/petitions?${first}`);
    }
    if (page.status !== 200) throw new Error(`Petition list answered ${page.status}`);
    send(res, ctx, {
      title: ctx.t('petitions.title'),
      section: 'petitions',
      main: listPage(ctx, q, page.body, types.status === 200 ? types.body.items : []),
    });
  }

  @Get('petitions/:id')
  async show(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!UUID.test(id)) return send(res, ctx, notFoundPage(ctx), 404);
    const step =
      req.query.step === 'identify' || req.query.step === 'confirm' ? req.query.step : null;
    await this.render(ctx, res, id, {
      justSigned: req.query.signed === '1',
      justWithdrawn: req.query.withdrawn === '1',
      step,
      error: null,
    });
  }

  /** Withdraws the visitor's signature where the petition's type allows it, then back to the petition. */
  @Post('petitions/:id/withdraw')
  async withdraw(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!UUID.test(id)) return send(res, ctx, notFoundPage(ctx), 404);
    const refused = (reason: string, status: number) =>
      this.render(
        ctx,
        res,
        id,
        { justSigned: false, step: null, error: ctx.t('petition.withdrawRefused', { reason }) },
        status,
      );
    if (!isSameSite(req)) return refused('origin', 403);
    const r = await ctx.api.delete<Problem>(`/api/petitions/${id}/signatures/mine`);
    if (r.status === 204 || r.status === 200)
      return void seeOther(res, `/petitions/${id}?withdrawn=1#sign`);
    // Not signed (any more), or signed in no longer: the petition's page says where they stand.
    if (r.status === 401 || (r.status === 404 && r.body?.code === 'NOT_SIGNED'))
      return void seeOther(res, `/petitions/${id}#sign`);
    if (r.status === 404) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status === 409)
      return refused(
        r.body?.code === 'WITHDRAWAL_NOT_ALLOWED'
          ? ctx.t('petition.withdrawNotAllowed')
          : ctx.t('petition.closedNotice'),
        409,
      );
    if (r.headers['retry-after']) res.header('Retry-After', String(r.headers['retry-after']));
    return refused(ctx.t('petition.tryAgain'), r.status === 429 ? 429 : 503);
  }

  private async render(
    ctx: PageContext,
    res: FastifyReply,
    id: string,
    panel: Omit<SignPanel, 'receipt'>,
    status = 200,
  ) {
    const [petition, mine] = await Promise.all([
      ctx.api.get<PetitionDetail>(`/api/petitions/${id}`),
      ctx.me ? ctx.api.get<ReceiptOn>(`/api/petitions/${id}/signatures/mine`) : null,
    ]);
    if (petition.status === 404 || petition.status === 400)
      return send(res, ctx, notFoundPage(ctx), 404);
    if (petition.status !== 200) throw new Error(`Petition answered ${petition.status}`);
    const receipt = mine?.status === 200 ? mine.body : null;
    // The public detail may be a second old: a signer sees the count with their signature in it.
    if (receipt?.counts && receipt.counts.total > petition.body.counts.total)
      petition.body.counts = receipt.counts;
    send(
      res,
      ctx,
      {
        title: petition.body.title,
        section: 'petitions',
        main: petitionPage(ctx, petition.body, { ...panel, receipt }),
      },
      status,
    );
  }

  /** The sign button's form: signs through the API with the visitor's session, then back to the petition. */
  @Post('petitions/:id/sign')
  async sign(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!UUID.test(id)) return send(res, ctx, notFoundPage(ctx), 404);
    // This route speaks to the API with the site's own Origin: only a form of this site may use it.
    if (!isSameSite(req))
      return this.render(
        ctx,
        res,
        id,
        {
          justSigned: false,
          step: null,
          error: ctx.t('petition.signFailed', { reason: 'origin' }),
        },
        403,
      );
    const r = await ctx.api.post<Receipt & Problem>(`/api/petitions/${id}/signatures`, {});
    if (r.status === 200 || r.status === 201)
      return void seeOther(res, `/petitions/${id}?signed=1#sign`);
    if ((r.status === 401 || r.status === 403) && r.body?.signIn)
      return void seeOther(res, `/petitions/${id}?step=identify#sign`);
    // Under 18: the page says petitions are for adults (in its sign section when it knows
    // the signer is a minor, else as the error).
    if (r.status === 403 && r.body?.code === 'SIGNER_UNDER_18') {
      const known = ctx.me?.kind === 'signer' && ctx.me.adult === false;
      const error = known ? null : ctx.t('petition.adultsOnly');
      return this.render(ctx, res, id, { justSigned: false, step: null, error }, 403);
    }
    if (r.status === 404) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.headers['retry-after']) res.header('Retry-After', String(r.headers['retry-after']));
    const reason =
      r.status === 409 || r.body?.code === 'PETITION_NOT_OPEN'
        ? ctx.t('petition.closedNotice')
        : ctx.t('petition.tryAgain');
    await this.render(
      ctx,
      res,
      id,
      { justSigned: false, step: null, error: ctx.t('petition.signFailed', { reason }) },
      r.status >= 500 ? 503 : r.status,
    );
  }

  @Get('my/signatures')
  async mine(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const r = ctx.me
      ? await ctx.api.get<{ items: MySignature[] }>('/api/petitions/signatures/mine')
      : null;
    send(res, ctx, {
      title: ctx.t('signatures.title'),
      section: 'signatures',
      main: mySignaturesPage(ctx, r?.status === 200 ? r.body.items : null),
    });
  }
}
