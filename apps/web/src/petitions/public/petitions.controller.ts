import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { isUuid, type PageRequest, seeOther } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import type {
  MySignature,
  PetitionDetail,
  PetitionPage,
  PetitionType,
  ReceiptCheck,
  ReceiptOn,
} from '../petitions.api';
import {
  LIST_STATES,
  SORTS,
  listPage,
  mySignaturesPage,
  petitionPage,
  receiptCheckPage,
  type ListQuery,
  type SignPanel,
} from './petitions.pages';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

const pick = <T extends string>(allowed: readonly T[], v: unknown, fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

/** A petition's page, with its sign panel in the given state. */
export async function renderPetition(
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
      type: typeof req.query.type === 'string' && isUuid(req.query.type) ? req.query.type : '',
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
    if (!isUuid(id)) return send(res, ctx, notFoundPage(ctx), 404);
    const step =
      req.query.step === 'identify' || req.query.step === 'confirm' ? req.query.step : null;
    await renderPetition(ctx, res, id, {
      justSigned: req.query.signed === '1',
      justWithdrawn: req.query.withdrawn === '1',
      step,
      error: null,
    });
  }

  /** Anyone checks a receipt number: the petition it counts in and the day, nothing of the signer. */
  @Get('petitions/receipt')
  async receipt(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const number = typeof req.query.number === 'string' ? req.query.number.trim() : '';
    if (!number) return send(res, ctx, receiptCheckPage(ctx, { number }));
    if (!isUuid(number))
      return send(res, ctx, receiptCheckPage(ctx, { number, malformed: true }), 400);
    const r = await ctx.api.get<ReceiptCheck>(`/api/petitions/receipts/${number.toLowerCase()}`);
    if (r.status !== 200 && r.status !== 404) throw new Error(`Receipt check answered ${r.status}`);
    send(
      res,
      ctx,
      receiptCheckPage(ctx, { number, found: r.status === 200 ? r.body : null }),
      r.status,
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
