import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { TOKEN } from './account.api';
import { newsletterConfirmPage, newsletterDonePage, unsubscribePage } from './newsletter.pages';

/** An unsubscribe token's shape: `<account id>.<HMAC, base64url>`; identity checks the rest. */
const UNSUBSCRIBE_TOKEN = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;

const tokenIn = (value: unknown, shape: RegExp): string | null =>
  typeof value === 'string' && shape.test(value) ? value : null;

/** The newsletter's mailed links: confirming a subscription, unsubscribing in one click (no sign-in). */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class NewsletterController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    // A mailed token stays out of the Referer of whatever these pages link to.
    res.header('Referrer-Policy', 'no-referrer');
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get('account/newsletter/confirm')
  async showConfirm(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = tokenIn(req.query.token, TOKEN);
    send(res, ctx, newsletterConfirmPage(ctx, token), token ? 200 : 400);
  }

  @Get('account/newsletter/confirmed')
  async confirmed(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, newsletterDonePage(ctx, 'confirmed'));
  }

  @Get('newsletter/unsubscribe')
  async showUnsubscribe(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = tokenIn(req.query.token, UNSUBSCRIBE_TOKEN);
    send(res, ctx, unsubscribePage(ctx, token), token ? 200 : 400);
  }

  /**
   * Hand-written rather than a form action: a mail client's one-click POST
   * (RFC 8058, `List-Unsubscribe=One-Click` to the List-Unsubscribe URL,
   * token in the query) comes from no page of the site, so the executor's
   * same-site check would refuse it; the unforgeable token is the whole
   * authority, and no cookie is needed. Answers the page itself (no
   * redirect for a mail client to follow); posting again changes nothing.
   */
  @Post('newsletter/unsubscribe')
  async unsubscribe(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token =
      tokenIn(body.token, UNSUBSCRIBE_TOKEN) ?? tokenIn(req.query.token, UNSUBSCRIBE_TOKEN);
    if (!token) return send(res, ctx, unsubscribePage(ctx, null), 400);
    const answer = await ctx.api.post('/api/identity/newsletter/unsubscribe', { token });
    if (answer.status === 200) return send(res, ctx, newsletterDonePage(ctx, 'unsubscribed'));
    if (answer.status === 400) return send(res, ctx, unsubscribePage(ctx, null), 400);
    throw new Error(`Unsubscribe answered ${answer.status}`);
  }
}
