import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import type { PageRequest } from '../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, send } from '../shared/layout/render';
import { TOKEN, registrationOpen, type Captcha } from './account.api';
import {
  checkEmailPage,
  confirmPage,
  donePage,
  registerPage,
  registrationClosedPage,
  type RegisterForm,
} from './account.pages';

/** The registration form with a new question: a question answers once, so every showing asks another. */
export async function sendRegisterForm(
  ctx: PageContext,
  res: FastifyReply,
  form: RegisterForm,
  status = 200,
) {
  const captcha = await ctx.api.get<Captcha>('/api/identity/captcha');
  if (captcha.status !== 200) throw new Error(`Captcha answered ${captcha.status}`);
  send(res, ctx, registerPage(ctx, captcha.body, form), status);
}

/** Registration with email, password and a text question; email confirmation from the mailed link. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('account')
export class RegistrationController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get('register')
  async show(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!registrationOpen(ctx.org)) return send(res, ctx, registrationClosedPage(ctx));
    await sendRegisterForm(ctx, res, { displayName: '', email: '', newsletter: false, errors: [] });
  }

  @Get('check-email')
  async checkEmail(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, checkEmailPage(ctx, req.query.for === 'reset' ? 'reset' : 'register'));
  }

  @Get('confirm')
  async showConfirm(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = typeof req.query.token === 'string' && TOKEN.test(req.query.token);
    // The token stays out of the Referer of whatever this page links to.
    res.header('Referrer-Policy', 'no-referrer');
    send(res, ctx, confirmPage(ctx, token ? String(req.query.token) : null), token ? 200 : 400);
  }

  @Get('confirmed')
  async confirmed(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    send(res, ctx, donePage(ctx, 'confirmed'));
  }
}
