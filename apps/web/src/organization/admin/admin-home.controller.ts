import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { type PageRequest } from '../../shared/layout/http';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { html } from '../../shared/html/html';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { adminContext } from '../../shared/layout/admin-access';
import { ADMIN_SECTIONS } from './admin.sections';
import { adminCounts, type AdminCount } from './admin-home.counts';

/** The back-office home: what waits for this person, then the sections their roles open. */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('admin')
export class AdminController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async home(@Req() req: PageRequest, @Res() res: FastifyReply) {
    // Anyone with a back-office role lands here, and sees the sections their role opens.
    const ctx = await adminContext(req, res, this.config.gatewayUrl, undefined, (me) =>
      ADMIN_SECTIONS.some((s) => s.allowed(me)),
    );
    if (!ctx) return;
    const { t } = ctx;
    const sections = ADMIN_SECTIONS.filter((s) => s.allowed(ctx.me));
    const counts = await adminCounts(ctx);
    const count = (c: AdminCount) =>
      c.count === null
        ? html`<li>${t('admin.todo.unavailable', { what: t(c.what) })}</li>`
        : c.count === 0
          ? html`<li>${t('admin.todo.nothing', { what: t(c.what) })}</li>`
          : html`<li><a href="${c.href}">${ctx.i18n.plural(c.label, c.count)}</a></li>`;
    send(res, ctx, {
      title: t('admin.home.title'),
      section: 'admin',
      main: html`<h1>${t('admin.home.title')}</h1>
        <p>${t('admin.home.intro', { org: ctx.org.name })}</p>
        ${
          counts.length
            ? html`<section aria-labelledby="todo-title">
                <h2 id="todo-title">${t('admin.todo.title')}</h2>
                <ul>
                  ${counts.map(count)}
                </ul>
              </section>`
            : ''
        }
        <ul class="card-list">
          ${sections.map(
            (s) =>
              html`<li class="card">
                <h2><a href="${s.href}">${t(s.title)}</a></h2>
                <p>${t(s.description)}</p>
                ${
                  s.links?.length
                    ? html`<ul>
                      ${s.links.map((l) => html`<li><a href="${l.href}">${t(l.label)}</a></li>`)}
                    </ul>`
                    : ''
                }
              </li>`,
          )}
        </ul>`,
    });
  }
}
