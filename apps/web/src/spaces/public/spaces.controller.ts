import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { JsonLogger } from '@palabre/observability';
import { type PageRequest, pathOf, seeOther } from '../../shared/layout/http';
import { IMAGE_FILE, RemoteImages } from '../../shared/branding/remote-images';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import {
  spaceSlug,
  textIn,
  type SpaceCard,
  type SpaceLanding,
  type SpacePage,
} from '../spaces.api';
import {
  LIST_TYPES,
  SPACES_PATH,
  cardDocument,
  imagePath,
  landingPage,
  listPage,
} from './spaces.pages';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

/**
 * The public pages of participatory spaces. A private space is a 404 for
 * whoever the API does not show it to, as the API answers.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('spaces')
export class SpacesPagesController {
  private readonly images: RemoteImages;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    logger: JsonLogger,
  ) {
    this.images = new RemoteImages(logger, 'Space image', 200);
  }

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async list(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const type = LIST_TYPES.find((k) => k && k === req.query.type) ?? '';
    const cursor =
      typeof req.query.cursor === 'string' && CURSOR.test(req.query.cursor) ? req.query.cursor : '';
    const params = new URLSearchParams({ limit: '10' });
    if (type) params.set('type', type);
    if (cursor) params.set('cursor', cursor);
    const r = await ctx.api.get<SpacePage>(`/api/spaces?${params}`);
    // A stale or foreign cursor: the first page rather than an error.
    if (r.status === 400 && cursor)
      return void seeOther(res, type ? `${SPACES_PATH}?type=${type}` : SPACES_PATH);
    if (r.status !== 200) throw new Error(`Space list answered ${r.status}`);
    send(res, ctx, {
      title: ctx.t('spaces.title'),
      section: 'spaces',
      main: listPage(ctx, { type, cursor }, r.body),
    });
  }

  @Get(':slug')
  async landing(@Param('slug') slug: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!spaceSlug(slug)) return send(res, ctx, notFoundPage(ctx), 404);
    const r = await ctx.api.get<SpaceLanding>(`/api/spaces/${slug}`);
    if (r.status === 404 || r.status === 400) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status !== 200) throw new Error(`Space answered ${r.status}`);
    send(res, ctx, {
      title: textIn(r.body.title, ctx.locale),
      section: 'spaces',
      main: landingPage(ctx, r.body),
    });
  }

  /** The embeddable card: the one page another site may frame (the gateway allows it for this path only). */
  @Get(':slug/card')
  async card(@Param('slug') slug: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    if (!spaceSlug(slug)) return send(res, ctx, notFoundPage(ctx), 404);
    const r = await ctx.api.get<SpaceCard>(`/api/spaces/${slug}/card`);
    if (r.status === 404 || r.status === 400) return send(res, ctx, notFoundPage(ctx), 404);
    if (r.status !== 200) throw new Error(`Space card answered ${r.status}`);
    res
      .status(200)
      .header('Cache-Control', 'private, no-cache')
      .type('text/html; charset=utf-8')
      .send(cardDocument(ctx, r.body));
  }

  /** The space's image, fetched by this site and served from its origin (as the organization's logo). */
  @Get(':slug/:file')
  async image(
    @Param('slug') slug: string,
    @Param('file') file: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    if (!spaceSlug(slug) || !IMAGE_FILE.test(file)) {
      const ctx = await this.ctx(req, res);
      return send(res, ctx, notFoundPage(ctx), 404);
    }
    const ctx = await this.ctx(req, res);
    const r = await ctx.api.get<SpaceCard>(`/api/spaces/${slug}/card`);
    const path = r.status === 200 ? imagePath(slug, r.body.imageUrl) : null;
    await this.images.send(res, path === pathOf(req) ? r.body.imageUrl : null);
  }
}
