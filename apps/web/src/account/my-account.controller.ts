import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import type { AccountMe, NewsletterConsent, OpenSession } from './account.api';
import { deletePage, deletedPage, myAccountPage, signerAccountPage } from './account.pages';
import { newsletterSection } from './newsletter.pages';

export interface SignedIn {
  ctx: PageContext;
  me: AccountMe;
}

/** The context of a signed-in account, or null with the answer sent (sign-in first, or the signer's page). */
export async function signedInAccount(
  req: PageRequest,
  res: FastifyReply,
  gatewayUrl: string | undefined,
): Promise<SignedIn | null> {
  const ctx = await PageContext.load(req, res, gatewayUrl);
  if (ctx.me?.kind === 'account') return { ctx, me: ctx.me as AccountMe };
  if (ctx.me?.kind === 'signer') {
    send(res, ctx, signerAccountPage(ctx));
    return null;
  }
  const back = req.method === 'GET' ? req.url : '/account';
  seeOther(res, `/sign-in?returnTo=${encodeURIComponent(back)}`);
  return null;
}

/** "My account" with its open sessions, a notice of what was done or an error. */
export async function renderMyAccount(
  { ctx, me }: SignedIn,
  res: FastifyReply,
  notice: string | null,
  error: string | null = null,
  status = 200,
) {
  const [sessions, newsletter] = await Promise.all([
    ctx.api.get<OpenSession[]>('/api/identity/sessions'),
    ctx.api.get<NewsletterConsent>('/api/identity/me/newsletter'),
  ]);
  if (sessions.status !== 200) throw new Error(`Sessions answered ${sessions.status}`);
  if (newsletter.status !== 200)
    throw new Error(`Newsletter consent answered ${newsletter.status}`);
  const section = newsletterSection(ctx, newsletter.body);
  send(res, ctx, myAccountPage(ctx, me, sessions.body, section, notice, error), status);
}

/** "My account": profile, open sessions, a copy of my data, deleting the account. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account')
export class MyAccountController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private account(req: PageRequest, res: FastifyReply) {
    return signedInAccount(req, res, this.config.gatewayUrl);
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    const { t } = signedIn.ctx;
    const done = {
      revoked: t('account.session.revoked'),
      newsletterAsked: t('newsletter.asked'),
      newsletterWithdrawn: t('newsletter.withdrawn'),
    };
    const notice =
      req.query.revoked === '1'
        ? done.revoked
        : req.query.newsletter === 'asked'
          ? done.newsletterAsked
          : req.query.newsletter === 'withdrawn'
            ? done.newsletterWithdrawn
            : null;
    await renderMyAccount(signedIn, res, notice);
  }

  /**
   * A copy of my data across the services, as the zip identity assembles
   * (one JSON file per service and a README; GET: nothing changes).
   */
  @Get('export')
  async export(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    const { ctx } = signedIn;
    const r = await ctx.api.get<unknown>('/api/identity/me/export');
    // A service holding part of the data is unavailable: no partial archive, try again later.
    if (r.status === 503)
      return renderMyAccount(signedIn, res, null, ctx.t('account.error.exportUnavailable'), 503);
    if (r.status === 429)
      return renderMyAccount(signedIn, res, null, ctx.t('account.error.tryLater'), 429);
    if (r.status !== 200 || !r.bytes) throw new Error(`Export answered ${r.status}`);
    const day = new Date().toISOString().slice(0, 10);
    res
      .status(200)
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="my-data-${day}.zip"`)
      .type('application/zip')
      .send(r.bytes);
  }

  @Get('delete')
  async confirmDelete(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    send(res, signedIn.ctx, deletePage(signedIn.ctx, []));
  }

  @Get('deleted')
  async deleted(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    send(res, ctx, deletedPage(ctx));
  }
}
