import { Controller, Get, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, seeOther } from '../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { isSameSite } from '../shared/forms/same-site';
import type { AccountMe, OpenSession } from './account.api';
import { deletePage, deletedPage, myAccountPage, signerAccountPage } from './account.pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "My account": profile, open sessions, a copy of my data, deleting the account. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account')
export class MyAccountController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  /** The context of a signed-in account, or null with the answer sent (sign-in first, or the signer's page). */
  private async account(
    req: PageRequest,
    res: FastifyReply,
  ): Promise<{ ctx: PageContext; me: AccountMe } | null> {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    if (ctx.me?.kind === 'account') return { ctx, me: ctx.me as AccountMe };
    if (ctx.me?.kind === 'signer') {
      send(res, ctx, signerAccountPage(ctx));
      return null;
    }
    const back = req.method === 'GET' ? req.url : '/account';
    seeOther(res, `/sign-in?returnTo=${encodeURIComponent(back)}`);
    return null;
  }

  private async render(
    ctx: PageContext,
    me: AccountMe,
    res: FastifyReply,
    notice: string | null,
    error: string | null = null,
    status = 200,
  ) {
    const sessions = await ctx.api.get<OpenSession[]>('/api/identity/sessions');
    if (sessions.status !== 200) throw new Error(`Sessions answered ${sessions.status}`);
    send(res, ctx, myAccountPage(ctx, me, sessions.body, notice, error), status);
  }

  @Get()
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    const { ctx, me } = signedIn;
    await this.render(
      ctx,
      me,
      res,
      req.query.revoked === '1' ? ctx.t('account.session.revoked') : null,
    );
  }

  @Post('sessions/:id/revoke')
  async revoke(@Param('id') id: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    const { ctx, me } = signedIn;
    if (!isSameSite(req))
      return this.render(ctx, me, res, null, ctx.t('account.error.crossSite'), 403);
    if (!UUID.test(id)) return this.render(ctx, me, res, null, ctx.t('account.session.gone'), 404);
    const r = await ctx.api.delete(`/api/identity/sessions/${id}`);
    if (r.status === 204 || r.status === 200)
      return void seeOther(res, '/account?revoked=1#sessions');
    if (r.status === 404)
      return this.render(ctx, me, res, null, ctx.t('account.session.gone'), 404);
    if (r.status === 429)
      return this.render(ctx, me, res, null, ctx.t('account.error.tryLater'), 429);
    throw new Error(`Session revocation answered ${r.status}`);
  }

  /**
   * A copy of my data across the services, as the zip identity assembles
   * (one JSON file per service and a README; GET: nothing changes).
   */
  @Get('export')
  async export(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    const { ctx, me } = signedIn;
    const r = await ctx.api.get<unknown>('/api/identity/me/export');
    // A service holding part of the data is unavailable: no partial archive, try again later.
    if (r.status === 503)
      return this.render(ctx, me, res, null, ctx.t('account.error.exportUnavailable'), 503);
    if (r.status === 429)
      return this.render(ctx, me, res, null, ctx.t('account.error.tryLater'), 429);
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

  @Post('delete')
  async delete(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const signedIn = await this.account(req, res);
    if (!signedIn) return;
    const { ctx } = signedIn;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.confirm !== 'yes')
      return send(
        res,
        ctx,
        deletePage(ctx, [{ field: 'confirm', message: ctx.t('account.delete.confirmRequired') }]),
        400,
      );
    if (!isSameSite(req))
      return send(
        res,
        ctx,
        deletePage(ctx, [{ field: 'confirm', message: ctx.t('account.error.crossSite') }]),
        403,
      );
    const r = await ctx.api.delete('/api/identity/me');
    if (r.status === 204 || r.status === 200) {
      // Identity clears the session cookie: hand that on to the browser.
      const cookies = r.headers['set-cookie'];
      if (cookies) res.header('Set-Cookie', cookies);
      return void seeOther(res, '/account/deleted');
    }
    if (r.status === 429)
      return send(
        res,
        ctx,
        deletePage(ctx, [{ field: 'confirm', message: ctx.t('account.error.tryLater') }]),
        429,
      );
    if (r.status === 409)
      return send(
        res,
        ctx,
        deletePage(ctx, [{ field: 'confirm', message: ctx.t('account.delete.lastAdmin') }]),
        409,
      );
    throw new Error(`Account deletion answered ${r.status}`);
  }

  @Get('deleted')
  async deleted(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    send(res, ctx, deletedPage(ctx));
  }
}
