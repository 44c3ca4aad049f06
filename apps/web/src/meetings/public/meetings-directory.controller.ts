import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { JsonLogger } from '@palabre/observability';
import { RemoteImages, noImage } from '../../shared/branding/remote-images';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { parseDay } from '../../shared/forms/form-read';
import type { FieldError } from '../../shared/html/components';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import type { SpacePage } from '../../spaces/spaces.api';
import {
  MEETINGS_API,
  MEETING_TYPES,
  type MeetingListView,
  type MeetingView,
  type RegistrationByTokenView,
} from '../meetings.api';
import { TILE, mapGrid, tileUrl } from './meeting-map';
import {
  directoryHref,
  directoryPage,
  tokenPage,
  unknownTokenPage,
  type DirectoryQuery,
} from './meetings.pages';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
/** The shape of a mailed link's token (meetings' own check, so that nothing else reaches the API). */
export const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const DONE = ['confirmed', 'cancelled'] as const;

/** The day after (the directory's `to` is "starting before"; the visitor's is "until, included"). */
const dayAfter = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The page of a link that leads to no registration: 404. */
export function sendUnknownToken(ctx: PageContext, res: FastifyReply): void {
  send(
    res,
    ctx,
    {
      title: ctx.t('meetings.token.unknownTitle'),
      section: 'meetings',
      main: unknownTokenPage(ctx),
    },
    404,
  );
}

/** The registration of a mailed link, as the API has it now; null once the 404 page is sent. */
export async function tokenView(
  ctx: PageContext,
  res: FastifyReply,
  token: string,
): Promise<RegistrationByTokenView | null> {
  if (!TOKEN.test(token)) {
    sendUnknownToken(ctx, res);
    return null;
  }
  const r = await ctx.api.get<RegistrationByTokenView>(
    `${MEETINGS_API}/registrations/by-token?token=${encodeURIComponent(token)}`,
    { fresh: true },
  );
  if (r.status === 404 || r.status === 400) {
    sendUnknownToken(ctx, res);
    return null;
  }
  if (r.status !== 200) throw new Error(`Registration by token answered ${r.status}`);
  return r.body;
}

/** The page of a mailed link: never indexed, its address (the token) never sent on as a referrer. */
export function sendToken(
  ctx: PageContext,
  res: FastifyReply,
  token: string,
  view: RegistrationByTokenView,
  notice: { done: string | null; refused: string | null },
  status = 200,
): void {
  res.header('X-Robots-Tag', 'noindex, nofollow');
  res.header('Referrer-Policy', 'no-referrer');
  send(
    res,
    ctx,
    {
      title: ctx.t('meetings.token.title'),
      section: 'meetings',
      main: tokenPage(ctx, token, view, notice),
    },
    status,
  );
}

/**
 * The organization's meetings across its spaces (/meetings), the page of a
 * registration's mailed link (/meetings/registration?token=…: reading it
 * changes nothing, since mail scanners open links; its buttons post), and
 * the tiles of meeting maps, served from this site's origin.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('meetings')
export class MeetingsDirectoryController {
  private readonly tiles: RemoteImages;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    logger: JsonLogger,
  ) {
    this.tiles = new RemoteImages(logger, 'Map tile', 1_000);
  }

  private ctx(req: PageRequest, res: FastifyReply) {
    return PageContext.load(req, res, this.config.gatewayUrl);
  }

  @Get()
  async directory(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const errors: FieldError[] = [];
    const day = (field: 'from' | 'to') => {
      const typed = str(req.query[field]).trim().slice(0, 20);
      if (!typed) return { typed, day: null };
      const d = parseDay(typed);
      if (!d) errors.push({ field, message: ctx.t('meetings.directory.badDate') });
      return { typed: d ?? typed, day: d };
    };
    const from = day('from');
    const to = day('to');
    const q: DirectoryQuery = {
      when: req.query.when === 'past' ? 'past' : 'upcoming',
      type: MEETING_TYPES.find((t) => t === req.query.type) ?? '',
      from: from.typed,
      to: to.typed,
      spaceId: isUuid(req.query.space) ? req.query.space : '',
      area: str(req.query.area).trim().slice(0, 100),
      cursor: CURSOR.test(str(req.query.cursor)) ? str(req.query.cursor) : '',
    };
    const params = new URLSearchParams({ when: q.when, limit: '20' });
    if (q.type) params.set('type', q.type);
    if (from.day) params.set('from', from.day);
    if (to.day) params.set('to', dayAfter(to.day));
    if (q.spaceId) params.set('spaceId', q.spaceId);
    if (q.area) params.set('area', q.area);
    if (q.cursor) params.set('cursor', q.cursor);
    const [r, spaces] = await Promise.all([
      ctx.api.get<MeetingListView>(`${MEETINGS_API}/directory?${params}`),
      ctx.api.get<SpacePage>('/api/spaces?limit=100'),
    ]);
    if (r.status === 400 && q.cursor) return seeOther(res, directoryHref({ ...q, cursor: '' }));
    if (r.status !== 200) throw new Error(`Meetings directory answered ${r.status}`);
    send(res, ctx, {
      title: `${errors.length ? `${ctx.t('form.errorSummary', { count: errors.length })} ` : ''}${ctx.t('meetings.directory.title')}`,
      section: 'meetings',
      main: directoryPage(ctx, q, r.body, spaces.status === 200 ? spaces.body.items : [], errors),
    });
  }

  @Get('registration')
  async registration(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await this.ctx(req, res);
    const token = str(req.query.token);
    const view = await tokenView(ctx, res, token);
    if (!view) return;
    const done = DONE.find((d) => d === req.query.done) ?? null;
    sendToken(ctx, res, token, view, {
      done: done ? ctx.t(`meetings.token.done.${done}`) : null,
      refused: null,
    });
  }

  /** A tile of a meeting's map: only the nine around its point, from the organization's tile server. */
  @Get('map/:meetingId/:tile')
  async tile(
    @Param('meetingId') meetingId: string,
    @Param('tile') tile: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const xy = TILE.exec(tile);
    if (!isUuid(meetingId) || !xy) return noImage(res);
    const ctx = await this.ctx(req, res);
    const template = ctx.org.mapTileUrl;
    if (!template) return noImage(res);
    const r = await ctx.api.get<MeetingView>(`${MEETINGS_API}/meetings/${meetingId}`);
    const m = r.status === 200 ? r.body : null;
    if (m?.latitude == null || m.longitude == null) return noImage(res);
    const [x, y] = [Number(xy[1]), Number(xy[2])];
    if (!mapGrid(m.latitude, m.longitude).tiles.some((t) => t.x === x && t.y === y))
      return noImage(res);
    // Tile servers ask to be told which application asks (OpenStreetMap's tile usage policy).
    await this.tiles.send(res, tileUrl(template, x, y), {
      'user-agent': `Palabre (participation platform; ${ctx.api.origin})`,
    });
  }
}
