import { pickText } from '@palabre/contracts';
import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../../shared/config/web.config';
import type { FormPlace } from '../../shared/forms/form-action';
import { titleWithErrors } from '../../shared/forms/form-notices';
import type { FieldError } from '../../shared/html/components';
import type { Html } from '../../shared/html/html';
import type { MessageKey } from '../../shared/i18n/i18n';
import { isUuid, seeOther, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { PageErrorFilter, send } from '../../shared/layout/render';
import { maySpaceAdmin, spaceAdminContext } from '../../spaces/admin/space-admin-access';
import {
  answeredNotFound,
  loadSpace,
  notFound,
  forbiddenPage,
  param,
  spacesAdministered,
  type Loader,
} from '../../spaces/admin/space-admin.api';
import type { SpaceLanding } from '../../spaces/spaces.api';
import {
  MEETINGS_API,
  type MeetingListView,
  type MeetingRegistrationListView,
  type MeetingSummaryView,
  type MeetingView,
} from '../meetings.api';
import {
  ADMIN_MEETINGS,
  EMPTY,
  componentPage,
  doorResultOf,
  editMeetingPage,
  indexPage,
  managePage,
  meetingAdminPath,
  newMeetingPage,
  registrationsPage,
  type AdminPlace,
  type DoorResult,
  type Form,
  type ManageForms,
  type RegistrationForms,
} from './admin-meetings.pages';
import { meetingValues, minutesValues, newMeetingValues } from './meeting-forms';

/** A back-office page or form of one meetings component, for one of its space's admins. */
export interface AtComponent extends FormPlace {
  p: AdminPlace;
}
/** … and of one of its meetings, as its organizers read it. */
export interface AtMeeting extends AtComponent {
  m: MeetingView;
}

export { param };

/** After an answer is sent (404, 403): nothing to act on. */
const sent = (_answer: void): null => null;

const forbidden = (ctx: PageContext, res: FastifyReply) =>
  forbiddenPage(ctx, res, ctx.t('meetingsAdmin.error.notAllowed'));

/**
 * The space a meetings component belongs to: its meetings name it; a
 * component without any is looked for among the spaces this person
 * administers (the meetings API has no read of a component alone).
 */
async function spaceOf(
  ctx: PageContext,
  componentId: string,
  named: string | null,
): Promise<SpaceLanding | null> {
  if (named) return loadSpace(ctx, named);
  return (
    (await spacesAdministered(ctx)).find((s) => s.components.some((c) => c.id === componentId)) ??
    null
  );
}

/**
 * The back-office context and the meetings component a page or form is
 * about (and its space), for one of the space's admins; null: the answer is
 * sent (sign-in, 403, 404).
 */
export const atComponent: Loader<AtComponent> = async (req, res, config, back) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const componentId = param(req, 'componentId');
  if (!isUuid(componentId)) return answeredNotFound(ctx, res);
  const l = await ctx.api.get<MeetingListView>(
    `${MEETINGS_API}/components/${componentId}/meetings?when=all&limit=1`,
    { fresh: true },
  );
  if (l.status === 404 || l.status === 400 || l.status === 403) return answeredNotFound(ctx, res);
  if (l.status !== 200) throw new Error(`Meetings answered ${l.status}`);
  const space = await spaceOf(ctx, componentId, l.body.items[0]?.spaceId ?? null);
  if (!space || !space.components.some((c) => c.id === componentId && c.type === 'meetings'))
    return answeredNotFound(ctx, res);
  if (!maySpaceAdmin(ctx.me, space.id)) return sent(forbidden(ctx, res));
  return { ctx, p: { space, componentId } };
};

/** As `atComponent`, for one meeting (`:meetingId`) its organizers manage. */
export const atMeeting: Loader<AtMeeting> = async (req, res, config, back) => {
  const ctx = await spaceAdminContext(req, res, config.gatewayUrl, { back });
  if (!ctx) return null;
  const id = param(req, 'meetingId');
  if (!isUuid(id)) return answeredNotFound(ctx, res);
  const r = await ctx.api.get<MeetingView>(`${MEETINGS_API}/meetings/${id}`, { fresh: true });
  if (r.status === 404 || r.status === 400) return answeredNotFound(ctx, res);
  if (r.status !== 200) throw new Error(`Meeting answered ${r.status}`);
  const m = r.body;
  if (!maySpaceAdmin(ctx.me, m.spaceId) || !m.mayOrganize) return sent(forbidden(ctx, res));
  const space = await loadSpace(ctx, m.spaceId);
  if (!space) return answeredNotFound(ctx, res);
  return { ctx, p: { space, componentId: m.componentId }, m };
};

/** Every meeting of a component, drafts included (organizers see them), soonest first. */
async function allMeetings(ctx: PageContext, componentId: string): Promise<MeetingSummaryView[]> {
  const items: MeetingSummaryView[] = [];
  let cursor: string | null = null;
  // Ten pages of a hundred: more than a component holds in years.
  for (let i = 0; i < 10; i++) {
    const r: { status: number; body: MeetingListView } = await ctx.api.get<MeetingListView>(
      `${MEETINGS_API}/components/${componentId}/meetings?when=all&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { fresh: true },
    );
    if (r.status !== 200) throw new Error(`Meetings answered ${r.status}`);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export async function registrationsOf(
  ctx: PageContext,
  meetingId: string,
): Promise<MeetingRegistrationListView> {
  const r = await ctx.api.get<MeetingRegistrationListView>(
    `${MEETINGS_API}/meetings/${meetingId}/registrations`,
    { fresh: true },
  );
  if (r.status !== 200) throw new Error(`Registrations answered ${r.status}`);
  return r.body;
}

function page(
  ctx: PageContext,
  res: FastifyReply,
  title: string,
  main: Html,
  errors: FieldError[] = [],
  status = 200,
) {
  send(res, ctx, { title: titleWithErrors(ctx, title, errors), section: 'admin', main }, status);
}

const titleOf = (ctx: PageContext, m: Pick<MeetingView, 'title'>) =>
  pickText(m.title, ctx.locale).text;

/** What each page says after a form's 303 (`?done=…`). */
const DONE = {
  component: { deleted: 'meetingsAdmin.done.deleted' },
  meeting: {
    created: 'meetingsAdmin.done.created',
    saved: 'meetingsAdmin.done.saved',
    published: 'meetingsAdmin.done.published',
    cancelled: 'meetingsAdmin.done.cancelled',
    withdrawn: 'meetingsAdmin.done.withdrawn',
    closed: 'meetingsAdmin.done.closed',
  },
  registrations: {
    attendance: 'meetingsAdmin.done.attendance',
    invited: 'meetingsAdmin.done.invited',
  },
} satisfies Record<string, Record<string, MessageKey>>;

const doneOf = (req: PageRequest, ctx: PageContext, keys: Record<string, MessageKey>) => {
  const key = keys[String(req.query.done)];
  return key ? ctx.t(key) : null;
};

export async function renderComponent(
  { ctx, p }: AtComponent,
  res: FastifyReply,
  done: string | null,
) {
  const items = await allMeetings(ctx, p.componentId);
  const c = p.space.components.find((x) => x.id === p.componentId);
  page(
    ctx,
    res,
    ctx.t('meetingsAdmin.component.title', { name: pickText(c?.name, ctx.locale).text }),
    componentPage(ctx, p, items, done),
  );
}

export function renderNew({ ctx, p }: AtComponent, res: FastifyReply, form: Form, status = 200) {
  page(ctx, res, ctx.t('meetingsAdmin.new'), newMeetingPage(ctx, p, form), form.errors, status);
}

export function renderEdit(
  { ctx, p, m }: AtMeeting,
  res: FastifyReply,
  form: Form | null,
  status = 200,
) {
  const f = form ?? { values: meetingValues(m), errors: [] };
  page(
    ctx,
    res,
    ctx.t('meetingsAdmin.editTitle', { title: titleOf(ctx, m) }),
    editMeetingPage(ctx, p, m, f),
    f.errors,
    status,
  );
}

export async function renderManage(
  { ctx, p, m }: AtMeeting,
  res: FastifyReply,
  forms: Partial<ManageForms>,
  done: string | null,
  status = 200,
) {
  // The minutes are first offered with the number of people marked present.
  const needsCount = !forms.minutes && m.state === 'published' && !m.minutes;
  const attended =
    needsCount && Date.parse(m.startsAt) <= Date.now()
      ? (await registrationsOf(ctx, m.id)).attended
      : null;
  const all: ManageForms = {
    cancel: forms.cancel ?? EMPTY,
    withdraw: forms.withdraw ?? EMPTY,
    publish: forms.publish ?? EMPTY,
    remove: forms.remove ?? EMPTY,
    minutes: forms.minutes ?? { values: minutesValues(m, attended), errors: [] },
  };
  page(
    ctx,
    res,
    titleOf(ctx, m),
    managePage(ctx, p, m, all, done),
    [...all.cancel.errors, ...all.withdraw.errors, ...all.minutes.errors],
    status,
  );
}

export async function renderRegistrations(
  { ctx, p, m }: AtMeeting,
  res: FastifyReply,
  forms: Partial<RegistrationForms>,
  door: ((list: MeetingRegistrationListView) => DoorResult | null) | null,
  done: string | null,
  status = 200,
) {
  const list = await registrationsOf(ctx, m.id);
  const all: RegistrationForms = {
    code: forms.code ?? EMPTY,
    invite: forms.invite ?? EMPTY,
    attendance: forms.attendance ?? EMPTY,
  };
  page(
    ctx,
    res,
    ctx.t('meetingsAdmin.registrations.title', { title: titleOf(ctx, m) }),
    registrationsPage(ctx, p, m, list, all, door ? door(list) : null, done),
    [...all.code.errors, ...all.invite.errors],
    status,
  );
}

/**
 * The organizers' meetings pages, for organization admins and the admins of
 * the meeting's space (the meetings API checks again on every call). Its
 * forms are declared in `admin-meetings.forms.ts`.
 */
@ApiExcludeController()
@Public()
@UseFilters(PageErrorFilter)
@Controller(ADMIN_MEETINGS.slice(1))
export class AdminMeetingsController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  async index(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const ctx = await spaceAdminContext(req, res, this.config.gatewayUrl);
    if (!ctx) return;
    page(
      ctx,
      res,
      ctx.t('meetingsAdmin.index.title'),
      indexPage(ctx, await spacesAdministered(ctx)),
    );
  }

  @Get('components/:componentId')
  async component(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) await renderComponent(at, res, doneOf(req, at.ctx, DONE.component));
  }

  @Get('components/:componentId/new')
  async newMeeting(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atComponent(req, res, this.config);
    if (at) renderNew(at, res, { values: newMeetingValues(), errors: [] });
  }

  @Get(':meetingId')
  async meeting(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atMeeting(req, res, this.config);
    if (at) await renderManage(at, res, {}, doneOf(req, at.ctx, DONE.meeting));
  }

  @Get(':meetingId/edit')
  async edit(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atMeeting(req, res, this.config);
    if (!at) return;
    // A meeting called off is shown, no longer edited.
    if (at.m.state === 'cancelled' || at.m.state === 'withdrawn')
      return seeOther(res, meetingAdminPath(at.m.id));
    renderEdit(at, res, null);
  }

  @Get(':meetingId/registrations')
  async registrations(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atMeeting(req, res, this.config);
    if (!at) return;
    await renderRegistrations(
      at,
      res,
      {},
      (list) => doorResultOf(req.query, list),
      doneOf(req, at.ctx, DONE.registrations),
    );
  }

  /**
   * The registrations as CSV: fetched from the API as the signed-in
   * organizer (the browser cannot send the API their identity) and handed
   * on with its headers.
   */
  @Get(':meetingId/registrations.csv')
  async csv(@Req() req: PageRequest, @Res() res: FastifyReply) {
    const at = await atMeeting(req, res, this.config);
    if (!at) return;
    const r = await at.ctx.api.get<unknown>(
      `${MEETINGS_API}/meetings/${at.m.id}/registrations.csv`,
      { fresh: true },
    );
    if (r.status === 403) return forbidden(at.ctx, res);
    if (r.status === 404) return notFound(at.ctx, res);
    if (r.status !== 200 || !r.bytes) throw new Error(`Registrations CSV answered ${r.status}`);
    const header = (name: string, fallback: string) => {
      const v = r.headers[name];
      return typeof v === 'string' && v ? v : fallback;
    };
    res
      .status(200)
      .header('Content-Type', header('content-type', 'text/csv; charset=utf-8'))
      .header(
        'Content-Disposition',
        header('content-disposition', `attachment; filename="registrations-${at.m.id}.csv"`),
      )
      .header('Cache-Control', 'private, no-store')
      .send(r.bytes);
  }
}
