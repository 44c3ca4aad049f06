import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { JsonLogger } from '@palabre/observability';
import { IMAGE_FILE, RemoteImages, imageFile, noImage } from '../../shared/branding/remote-images';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import { titleWithErrors } from '../../shared/forms/form-notices';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../../shared/layout/render';
import { proposalLinks } from '../../spaces/proposal-links';
import { local } from '../../spaces/public/spaces.pages';
import { spaceSlug, textIn, type SpaceLanding } from '../../spaces/spaces.api';
import {
  MEETINGS_API,
  MEETING_TYPES,
  type MeetingListView,
  type MeetingView,
} from '../meetings.api';
import {
  componentPage,
  componentPath,
  listHref,
  meetingPage,
  type ListQuery,
  type MeetingPanel,
  type MeetingsPlace,
} from './meetings.pages';

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const DONE = ['registered', 'waiting', 'checkMail', 'cancelled'] as const;

export function notFound(ctx: PageContext, res: FastifyReply): null {
  send(res, ctx, notFoundPage(ctx), 404);
  return null;
}

/**
 * The space (by slug, or by id as meetings' mails and proposals' pages
 * address it) and its meetings component; null once a 404 is sent.
 */
export async function meetingsPlace(
  ctx: PageContext,
  res: FastifyReply,
  slugOrId: string,
  componentId: string,
  fresh = false,
): Promise<MeetingsPlace | null> {
  if (!spaceSlug(slugOrId) || !isUuid(componentId)) return notFound(ctx, res);
  const s = await ctx.api.get<SpaceLanding>(`/api/spaces/${slugOrId}`, { fresh });
  if (s.status === 404 || s.status === 400) return notFound(ctx, res);
  if (s.status !== 200) throw new Error(`Space answered ${s.status}`);
  const c = s.body.components.find((x) => x.id === componentId);
  if (!c || c.type !== 'meetings') return notFound(ctx, res);
  return { space: s.body, componentId, name: local(ctx, c.name) };
}

/** A meeting of this component as the visitor may see it, or null. */
export async function meetingOf(
  ctx: PageContext,
  place: MeetingsPlace,
  id: string,
  fresh = false,
): Promise<MeetingView | null> {
  if (!isUuid(id)) return null;
  const r = await ctx.api.get<MeetingView>(`${MEETINGS_API}/meetings/${id}`, { fresh });
  if (r.status === 404 || r.status === 400) return null;
  if (r.status !== 200) throw new Error(`Meeting answered ${r.status}`);
  return r.body.componentId === place.componentId ? r.body : null;
}

/** The place and the meeting of a page or a post; null once a 404 is sent. */
export async function loadMeeting(
  ctx: PageContext,
  res: FastifyReply,
  slug: string,
  componentId: string,
  meetingId: string,
  fresh = false,
): Promise<{ place: MeetingsPlace; m: MeetingView } | null> {
  const place = await meetingsPlace(ctx, res, slug, componentId, fresh);
  if (!place) return null;
  const m = await meetingOf(ctx, place, meetingId, fresh);
  if (!m) return notFound(ctx, res);
  return { place, m };
}

/** The meeting's page, with what the visitor just did or the registration form as sent. */
export async function renderMeeting(
  ctx: PageContext,
  res: FastifyReply,
  place: MeetingsPlace,
  m: MeetingView,
  panel: MeetingPanel,
  status = 200,
): Promise<void> {
  const proposals = await proposalLinks(
    ctx,
    place.space,
    m.proposals.map((p) => p.proposalId),
  );
  send(
    res,
    ctx,
    {
      title: titleWithErrors(ctx, pickText(m.title, ctx.locale).text, panel.form?.errors ?? []),
      section: 'spaces',
      main: meetingPage(ctx, place, m, panel, proposals),
    },
    status,
  );
}

/** Addressed by the space's id (or an old slug): the same page at its address. */
function canonical(req: PageRequest, res: FastifyReply, asked: string, place: MeetingsPlace) {
  if (asked === place.space.slug) return false;
  seeOther(res, req.url.replace(`/spaces/${asked}/`, `/spaces/${place.space.slug}/`));
  return true;
}

/**
 * The public pages of a meetings component, under the space's address:
 * /spaces/<slug>/meetings/<componentId>[/<meetingId>]. Registering and
 * cancelling are declared in meetings.forms.ts.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller('spaces/:slug/meetings/:componentId')
export class MeetingsPagesController {
  private readonly photos: RemoteImages;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    logger: JsonLogger,
  ) {
    this.photos = new RemoteImages(logger, 'Meeting photo');
  }

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
    const place = await meetingsPlace(ctx, res, slug, componentId);
    if (!place || canonical(req, res, slug, place)) return;
    const q: ListQuery = {
      when: req.query.when === 'past' ? 'past' : 'upcoming',
      type: MEETING_TYPES.find((t) => t === req.query.type) ?? '',
      cursor: CURSOR.test(str(req.query.cursor)) ? str(req.query.cursor) : '',
    };
    const params = new URLSearchParams({ when: q.when, limit: '10' });
    if (q.type) params.set('type', q.type);
    if (q.cursor) params.set('cursor', q.cursor);
    const r = await ctx.api.get<MeetingListView>(
      `${MEETINGS_API}/components/${componentId}/meetings?${params}`,
    );
    const base = componentPath(place.space.slug, componentId);
    // A stale or foreign cursor: the first page rather than an error.
    if (r.status === 400 && q.cursor) return seeOther(res, listHref(base, { ...q, cursor: '' }));
    if (r.status === 404) return notFound(ctx, res);
    if (r.status !== 200) throw new Error(`Meetings answered ${r.status}`);
    const c = place.space.components.find((x) => x.id === componentId);
    send(res, ctx, {
      title: `${textIn(c?.name, ctx.locale)} — ${textIn(place.space.title, ctx.locale)}`,
      section: 'spaces',
      main: componentPage(ctx, place, q, r.body),
    });
  }

  @Get(':meetingId')
  async show(
    @Param('slug') slug: string,
    @Param('componentId') componentId: string,
    @Param('meetingId') meetingId: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    const ctx = await this.ctx(req, res);
    const done = DONE.find((d) => d === req.query.done) ?? null;
    const loaded = await loadMeeting(ctx, res, slug, componentId, meetingId, done !== null);
    if (!loaded || canonical(req, res, slug, loaded.place)) return;
    await renderMeeting(ctx, res, loaded.place, loaded.m, {
      done: done ? ctx.t(`meetings.done.${done}`) : null,
      form: null,
    });
  }

  /** A photo of the meeting, fetched by this site and served from its origin. */
  @Get(':meetingId/photos/:file')
  async photo(
    @Param('meetingId') meetingId: string,
    @Param('file') file: string,
    @Req() req: PageRequest,
    @Res() res: FastifyReply,
  ) {
    if (!isUuid(meetingId) || !IMAGE_FILE.test(file)) return noImage(res);
    const ctx = await this.ctx(req, res);
    const r = await ctx.api.get<MeetingView>(`${MEETINGS_API}/meetings/${meetingId}`);
    if (r.status !== 200) return noImage(res);
    await this.photos.send(
      res,
      r.body.photos.map((p) => p.url).find((u) => imageFile(u) === file),
    );
  }
}
