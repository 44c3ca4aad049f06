import { All, Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest, pathOf } from '../shared/layout/http';
import { ASSETS } from '../shared/assets/assets';
import { welcomeText } from '../shared/branding/branding';
import { WEB_CONFIG, type WebConfig } from '../shared/config/web.config';
import { USER_LINK_REL } from '../shared/html/components';
import { html } from '../shared/html/html';
import { PageContext } from '../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../shared/layout/render';
import type { PetitionPage } from '../petitions/petitions.api';
import { petitionCard } from '../petitions/public/petitions.pages';
import { MEETINGS_API, type MeetingListView } from '../meetings/meetings.api';
import { upcomingMeetings } from '../meetings/public/meetings.pages';
import type { SpacePage } from '../spaces/spaces.api';
import { currentProcesses } from '../spaces/public/spaces.pages';

const YEAR = 365 * 86_400;

/** Where "go back" leads: the page the visitor came from on this site, or home. */
export function backPath(req: PageRequest): string {
  try {
    const from = new URL(String(req.headers.referer ?? ''));
    if (from.host === req.headers.host) return `${from.pathname}${from.search}`;
  } catch {
    // no or bad Referer: home
  }
  return '/';
}

@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class SiteController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async home(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const [list, spaces, meetings] = await Promise.all([
      ctx.api.get<PetitionPage>('/api/petitions?sort=most-signed&limit=3'),
      ctx.api.get<SpacePage>('/api/spaces?type=process&limit=10'),
      ctx.api.get<MeetingListView>(`${MEETINGS_API}/directory?limit=3`),
    ]);
    const items = list.status === 200 ? list.body.items : [];
    send(res, ctx, {
      title: t('nav.home'),
      section: 'home',
      main: html`<h1>${t('home.title', { org: ctx.org.name })}</h1>
        ${welcomeText(ctx)}
        <p>${t('home.intro', { org: ctx.org.name })}</p>
        <h2>${t('home.mostSigned')}</h2>
        <ul class="card-list">
          ${items.map((p) => petitionCard(ctx, p))}
        </ul>
        <p><a class="button" href="/petitions">${t('home.allPetitions')}</a></p>
        ${currentProcesses(ctx, spaces.status === 200 ? spaces.body.items : [])}
        ${upcomingMeetings(ctx, meetings.status === 200 ? meetings.body.items : [])}`,
    });
  }

  @Get('legal-notice')
  async legal(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const org = ctx.org.name;
    send(res, ctx, {
      title: t('legal.title'),
      main: html`<h1>${t('legal.title')}</h1>
        <h2>${t('legal.publisher')}</h2>
        <p>${t('legal.publisherText', { org })}</p>
        <h2>${t('legal.software')}</h2>
        <p>${t('legal.softwareText')}</p>
        <h2>${t('legal.hosting')}</h2>
        <p>${t('legal.hostingText', { org })}</p>`,
    });
  }

  @Get('accessibility')
  async accessibility(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const org = ctx.org.name;
    send(res, ctx, {
      title: t('a11y.title'),
      main: html`<h1>${t('a11y.title')}</h1>
        <p>${t('a11y.commitment', { org })}</p>
        <h2>${t('a11y.status')}</h2>
        <p>${t('a11y.statusText')}</p>
        <h2>${t('a11y.feedback')}</h2>
        <p>${t('a11y.feedbackText', { org })}</p>
        <h2>${t('a11y.remedy')}</h2>
        <p>${t('a11y.remedyText')}</p>`,
    });
  }

  @Get('personal-data')
  async privacy(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const org = ctx.org.name;
    send(res, ctx, {
      title: t('privacy.title'),
      main: html`<h1>${t('privacy.title')}</h1>
        <h2>${t('privacy.signers')}</h2>
        <p>${t('privacy.signersText')}</p>
        <h2>${t('privacy.authors')}</h2>
        <p>${t('privacy.authorsText')}</p>
        <h2>${t('privacy.cookies')}</h2>
        <p>${t('privacy.cookiesText')}</p>
        <h2>${t('privacy.rights')}</h2>
        <p>${t('privacy.rightsText', { org })}</p>`,
    });
  }

  /** "You are leaving the site": where every link written by a user goes first. */
  @Get('leave')
  async leave(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const { t } = ctx;
    const raw = typeof req.query.url === 'string' ? req.query.url : '';
    let target: URL | null = null;
    try {
      target = new URL(raw);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') target = null;
    } catch {
      target = null;
    }
    res.header('Referrer-Policy', 'no-referrer');
    res.header('X-Robots-Tag', 'noindex, nofollow');
    send(
      res,
      ctx,
      {
        title: t('leave.title'),
        main: target
          ? html`<h1>${t('leave.title')}</h1>
              <p>${t('leave.text', { org: ctx.org.name })}</p>
              <p><strong class="receipt">${target.href}</strong></p>
              <p>
                <a class="button" href="${target.href}" rel="${USER_LINK_REL}">${t('leave.go')}</a>
                <a href="${backPath(req)}" class="button secondary">${t('leave.back')}</a>
              </p>`
          : html`<h1>${t('leave.title')}</h1>
              <p>${t('leave.bad')}</p>
              <p><a href="/">${t('notFound.home')}</a></p>`,
      },
      target ? 200 : 400,
    );
  }

  @Get(['assets/:file'])
  asset(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const found = Object.values(ASSETS).find((a) => a.path === pathOf(req));
    if (!found) return void res.status(404).type('text/plain; charset=utf-8').send('Not found');
    res
      .status(200)
      .header('Cache-Control', `public, max-age=${YEAR}, immutable`)
      .type(found.type)
      .send(found.body);
  }
}

/** Last in the module: every path no other page matched. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller()
export class NotFoundController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @All('*')
  async notFound(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
    send(res, ctx, notFoundPage(ctx), 404);
  }
}
