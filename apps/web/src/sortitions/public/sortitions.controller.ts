import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { local } from '../../spaces/public/spaces.pages';
import { spaceSlug, textIn, type SpaceLanding } from '../../spaces/spaces.api';
import { SORTITIONS_API, type DrawListView, type DrawView } from '../sortitions.api';
import { componentPage, drawPage, type SortitionsPlace } from './sortitions.pages';

function notFound(ctx: PageContext, res: FastifyReply): null {
  send(res, ctx, notFoundPage(ctx), 404);
  return null;
}

/** The space (by slug or id) and its sortitions component; null once a 404 is sent. */
async function sortitionsPlace(
  ctx: PageContext,
  res: FastifyReply,
  slugOrId: string,
  componentId: string,
): Promise<SortitionsPlace | null> {
  if (!spaceSlug(slugOrId) || !isUuid(componentId)) return notFound(ctx, res);
  const s = await ctx.api.get<SpaceLanding>(`/api/spaces/${slugOrId}`);
  if (s.status === 404 || s.status === 400) return notFound(ctx, res);
  if (s.status !== 200) throw new Error(`Space answered ${s.status}`);
  const c = s.body.components.find((x) => x.id === componentId);
  if (!c || c.type !== 'sortitions') return notFound(ctx, res);
  return { space: s.body, componentId, name: local(ctx, c.name) };
}

/**
 * The public pages of a sortitions component, under the space's address:
 * /spaces/<slug>/sortitions/<componentId>[/<drawId>]. Anyone who sees the
 * space sees its draws; the administrators' pages are in sortitions/admin.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('spaces/:slug/sortitions/:componentId')
export class SortitionsPagesController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async list(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const place = await sortitionsPlace(ctx, res, slug, componentId);
    if (!place) return;
    if (slug !== place.space.slug)
      return seeOther(res, req.url.replace(`/spaces/${slug}/`, `/spaces/${place.space.slug}/`));
    const r = await ctx.api.get<DrawListView>(`${SORTITIONS_API}/components/${componentId}/draws`);
    if (r.status === 404 || r.status === 403) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Draws answered ${r.status}`);
    const c = place.space.components.find((x) => x.id === componentId);
    send(res, ctx, {
      title: `${textIn(c?.name, ctx.locale)} — ${textIn(place.space.title, ctx.locale)}`,
      section: 'spaces',
      main: componentPage(ctx, place, r.body),
    });
  }

  @Get(':drawId')
  async show(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('drawId') drawId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const place = await sortitionsPlace(ctx, res, slug, componentId);
    if (!place) return;
    if (slug !== place.space.slug)
      return seeOther(res, req.url.replace(`/spaces/${slug}/`, `/spaces/${place.space.slug}/`));
    if (!isUuid(drawId)) return notFound(ctx, res);
    // A draw changes once (drawn, cancelled): read past the gateway's micro-cache.
    const r = await ctx.api.get<DrawView>(`${SORTITIONS_API}/draws/${drawId}`, { fresh: true });
    if (r.status === 404 || r.status === 400 || r.status === 403) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Draw answered ${r.status}`);
    if (r.body.componentId !== componentId) return notFound(ctx, res);
    send(res, ctx, {
      title: `${pickText(r.body.title, ctx.locale).text} — ${textIn(place.space.title, ctx.locale)}`,
      section: 'spaces',
      main: drawPage(ctx, place, r.body),
    });
  }
}
