/**
 * The forms of the organizers' meetings pages, declared for the form
 * executor: each is a plain POST, 303 to the page with a notice when it
 * worked, the page again with its errors per field when not. Publishing,
 * deleting, cancelling and withdrawing are final: a page of their own asks
 * first. The meetings API checks the organizer again on every call.
 */
import { pickText } from '@palabre/contracts';
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import type { Confirmation } from '../../shared/forms/confirm-page';
import {
  formAction,
  type FormActionSpec,
  type FormAgain,
  type Refusal,
} from '../../shared/forms/form-action';
import { fixedForm } from '../../shared/forms/form-read';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { MessageKey } from '../../shared/i18n/i18n';
import { isMessageKey } from '../../shared/i18n/i18n';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { answeredNotFound, refusal } from '../../spaces/admin/space-admin.api';
import { MEETINGS_API, type CodeCheckView, type MeetingView } from '../meetings.api';
import {
  atComponent,
  atMeeting,
  param,
  renderEdit,
  renderManage,
  renderNew,
  renderRegistrations,
  type AtComponent,
  type AtMeeting,
} from './admin-meetings.controller';
import {
  componentAdminPath,
  doorDone,
  meetingAdminPath,
  registrationsPath,
} from './admin-meetings.pages';
import {
  MEETING_FIELDS,
  MINUTES_FIELDS,
  controlOf,
  readAttendance,
  readCode,
  readInvite,
  readMeeting,
  readMinutes,
  readReason,
  rowControls,
  textFields,
  type MeetingDto,
} from './meeting-forms';

const MEETING = 'admin/meetings/:meetingId';

/**
 * The API's refusal on an organizer's form (the spaces back-office's
 * reading: 5xx, 429 and 401 are error pages), with the meetings API's codes
 * said for what they mean here: a state that forbids it (`wrongState`), a
 * registration refused for its reason.
 */
function refused(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
  wrongState?: MessageKey,
): Refusal {
  const out = refusal(ctx, answer, fields);
  const body = answer.body as (Problem & { reason?: string; state?: string }) | null;
  if (body?.code === 'NOT_ALLOWED') out.notice = ctx.t('meetingsAdmin.error.notAllowed');
  if (body?.code === 'WRONG_STATE') {
    const why = `meetingsAdmin.wrongState.${body.reason ?? body.state ?? ''}`;
    out.notice = isMessageKey(why) ? ctx.t(why) : ctx.t(wrongState ?? 'refused.conflict');
  }
  if (body?.code === 'REGISTRATION_REFUSED') {
    const why = `meetingsAdmin.refusal.${body.reason ?? ''}`;
    out.notice = isMessageKey(why) ? ctx.t(why) : ctx.t('refused.conflict');
  }
  return out;
}

/** An organizer's form: its refusals read as `refused` says (WRONG_STATE as `wrongState`). */
function adminAction<P extends AtComponent, D>(
  spec: FormActionSpec<P, D> & { wrongState?: MessageKey },
) {
  const { wrongState, ...rest } = spec;
  return formAction<P, D>({
    refusal: ({ ctx }, answer, fields) => refused(ctx, answer, fields, wrongState),
    ...rest,
  });
}

/** The API's refused fields renamed to the controls they came from (agenda and photo rows). */
function renamed<T>(answer: ApiResponse<T>, rename: (field: string) => string): ApiResponse<T> {
  const body = answer.body as Problem | null;
  if (!body?.errors) return answer;
  return {
    ...answer,
    body: { ...body, errors: body.errors.map((e) => ({ ...e, field: rename(e.field) })) } as T,
  };
}

const ROWS = rowControls();

/** A meeting's page, for its forms' loader (sign-in returns there). */
const meetingAt =
  (suffix = '') =>
  (req: PageRequest, res: FastifyReply, config: WebConfig) =>
    atMeeting(req, res, config, `${meetingAdminPath(param(req, 'meetingId'))}${suffix}`);

const title = (ctx: PageContext, m: MeetingView) => pickText(m.title, ctx.locale).text;

/** A final action's confirmation: its question, what it does, what cannot be undone. */
function confirmation(
  { ctx, m }: AtMeeting,
  keys: { title: MessageKey; what: MessageKey; final: MessageKey; button: MessageKey },
): Confirmation {
  const { t, i18n } = ctx;
  const people = m.seats.taken + m.seats.waiting;
  return {
    title: t(keys.title, { title: title(ctx, m) }),
    what: `${t(keys.what)} ${
      people ? i18n.plural('meetingsAdmin.confirm.registrants', people) : ''
    }`.trim(),
    final: t(keys.final),
    button: t(keys.button),
    back: meetingAdminPath(m.id),
  };
}

const manageAgain =
  (which: 'cancel' | 'withdraw' | 'minutes' | 'publish' | 'remove') =>
  (at: AtMeeting, res: FastifyReply, form: FormAgain, status: number) =>
    renderManage(at, res, { [which]: form }, null, status);

const registrationsAgain =
  (which: 'code' | 'invite' | 'attendance') =>
  (at: AtMeeting, res: FastifyReply, form: FormAgain, status: number) =>
    renderRegistrations(at, res, { [which]: form }, null, null, status);

export const ADMIN_MEETING_FORMS = [
  adminAction({
    path: 'admin/meetings/components/:componentId/new',
    load: (req, res, config) =>
      atComponent(req, res, config, `${componentAdminPath(param(req, 'componentId'))}/new`),
    read: ({ ctx }, body) => readMeeting(ctx.i18n, body),
    send: async ({ ctx, p }, dto) =>
      renamed(
        await ctx.api.post(`${MEETINGS_API}/components/${p.componentId}/meetings`, dto.body),
        (f) => controlOf(f, dto),
      ),
    done: (_at, answer) => `${meetingAdminPath((answer.body as MeetingView).id)}?done=created`,
    fields: { ...MEETING_FIELDS, ...ROWS },
    again: renderNew,
  }),
  adminAction<AtMeeting, MeetingDto>({
    path: `${MEETING}/edit`,
    load: meetingAt('/edit'),
    read: ({ ctx }, body) => readMeeting(ctx.i18n, body),
    send: async ({ ctx, m }, dto) =>
      renamed(await ctx.api.patch(`${MEETINGS_API}/meetings/${m.id}`, dto.body), (f) =>
        controlOf(f, dto),
      ),
    done: ({ m }) => `${meetingAdminPath(m.id)}?done=saved`,
    fields: { ...MEETING_FIELDS, ...ROWS },
    wrongState: 'meetingsAdmin.error.calledOff',
    again: renderEdit,
  }),
  adminAction<AtMeeting, object>({
    path: `${MEETING}/publish`,
    load: meetingAt(),
    read: () => fixedForm({}),
    confirm: (at) =>
      confirmation(at, {
        title: 'meetingsAdmin.publish.ask',
        what: 'meetingsAdmin.publish.askWhat',
        final: 'meetingsAdmin.publish.askFinal',
        button: 'meetingsAdmin.publish.button',
      }),
    send: ({ ctx, m }) => ctx.api.post(`${MEETINGS_API}/meetings/${m.id}/publish`),
    done: ({ m }) => `${meetingAdminPath(m.id)}?done=published`,
    // A draft without an address cannot be announced: said on the page, which has no such field.
    refusal: ({ ctx }, answer, fields) => {
      const out = refused(ctx, answer, fields, 'meetingsAdmin.error.notDraft');
      if (answer.body?.errors?.some((e) => e.field === 'address'))
        out.notice = ctx.t('meetingsAdmin.error.publishAddress');
      return out;
    },
    again: manageAgain('publish'),
  }),
  adminAction<AtMeeting, object>({
    path: `${MEETING}/delete`,
    load: meetingAt(),
    read: () => fixedForm({}),
    confirm: (at) =>
      confirmation(at, {
        title: 'meetingsAdmin.delete.ask',
        what: 'meetingsAdmin.delete.askWhat',
        final: 'meetingsAdmin.delete.askFinal',
        button: 'meetingsAdmin.delete.button',
      }),
    send: ({ ctx, m }) => ctx.api.delete(`${MEETINGS_API}/meetings/${m.id}`),
    done: ({ p }) => `${componentAdminPath(p.componentId)}?done=deleted`,
    wrongState: 'meetingsAdmin.error.notDraft',
    again: manageAgain('remove'),
  }),
  adminAction({
    path: `${MEETING}/cancel`,
    load: meetingAt('#cancel'),
    read: ({ ctx }, body) => readReason(ctx.i18n, body, 'cancelReason', true),
    confirm: (at) =>
      confirmation(at, {
        title: 'meetingsAdmin.cancel.ask',
        what: 'meetingsAdmin.cancel.askWhat',
        final: 'meetingsAdmin.cancel.askFinal',
        button: 'meetingsAdmin.cancel.button',
      }),
    send: ({ ctx, m }, dto) => ctx.api.post(`${MEETINGS_API}/meetings/${m.id}/cancel`, dto),
    done: ({ m }) => `${meetingAdminPath(m.id)}?done=cancelled`,
    fields: textFields('reason', 'cancelReason'),
    again: manageAgain('cancel'),
  }),
  adminAction({
    path: `${MEETING}/withdraw`,
    load: meetingAt('#withdraw'),
    read: ({ ctx }, body) => readReason(ctx.i18n, body, 'withdrawReason', false),
    confirm: (at) =>
      confirmation(at, {
        title: 'meetingsAdmin.withdraw.ask',
        what: 'meetingsAdmin.withdraw.askWhat',
        final: 'meetingsAdmin.withdraw.askFinal',
        button: 'meetingsAdmin.withdraw.button',
      }),
    send: ({ ctx, m }, dto) => ctx.api.post(`${MEETINGS_API}/meetings/${m.id}/withdraw`, dto),
    done: ({ m }) => `${meetingAdminPath(m.id)}?done=withdrawn`,
    fields: textFields('reason', 'withdrawReason'),
    again: manageAgain('withdraw'),
  }),
  adminAction({
    path: `${MEETING}/minutes`,
    load: meetingAt('#minutes'),
    read: ({ ctx }, body) => readMinutes(ctx.i18n, body),
    send: async ({ ctx, m }, dto) =>
      renamed(await ctx.api.post(`${MEETINGS_API}/meetings/${m.id}/minutes`, dto.body), (f) =>
        controlOf(f, dto),
      ),
    done: ({ m }) => `${meetingAdminPath(m.id)}?done=closed#minutes`,
    fields: { ...MINUTES_FIELDS, ...ROWS },
    wrongState: 'meetingsAdmin.error.notPublished',
    again: manageAgain('minutes'),
  }),
  adminAction<AtMeeting, { code: string }>({
    path: `${MEETING}/registrations/check`,
    load: meetingAt('/registrations'),
    read: ({ ctx }, body) => readCode(ctx.i18n, body),
    // The answer carries the code as typed, for the page that says it was unknown.
    send: async ({ ctx, m }, dto) => {
      const answer = await ctx.api.post<CodeCheckView>(
        `${MEETINGS_API}/meetings/${m.id}/registrations/check`,
        dto,
      );
      return { ...answer, body: { ...answer.body, code: dto.code } };
    },
    done: ({ m }, answer) => {
      const body = answer.body as CodeCheckView & { code: string };
      return doorDone(m.id, body, body.code);
    },
    fields: { code: 'code' },
    again: registrationsAgain('code'),
  }),
  adminAction<AtMeeting & { registrationId: string }, { attended: boolean }>({
    path: `${MEETING}/registrations/:registrationId/attendance`,
    load: async (req, res, config) => {
      const at = await meetingAt('/registrations')(req, res, config);
      if (!at) return null;
      const registrationId = param(req, 'registrationId');
      return isUuid(registrationId) ? { ...at, registrationId } : answeredNotFound(at.ctx, res);
    },
    read: ({ ctx }, body) => readAttendance(ctx.i18n, body),
    send: ({ ctx, m, registrationId }, dto) =>
      ctx.api.post(
        `${MEETINGS_API}/meetings/${m.id}/registrations/${registrationId}/attendance`,
        dto,
      ),
    done: ({ m, registrationId }) =>
      `${registrationsPath(m.id)}?done=attendance#r-${registrationId}`,
    // A registration that holds no seat (any more): said on the list.
    explains404: ['REGISTRATION_NOT_FOUND'],
    refusal: ({ ctx }, answer, fields) => {
      const out = refused(ctx, answer, fields);
      if (answer.body?.code === 'REGISTRATION_NOT_FOUND')
        out.notice = ctx.t('meetingsAdmin.error.noSeat');
      return out;
    },
    again: registrationsAgain('attendance'),
  }),
  adminAction<AtMeeting, { name: string; email: string }>({
    path: `${MEETING}/registrations/invitations`,
    load: meetingAt('/registrations#invite'),
    read: ({ ctx }, body) => readInvite(ctx.i18n, body),
    send: ({ ctx, m }, dto) => ctx.api.post(`${MEETINGS_API}/meetings/${m.id}/invitations`, dto),
    done: ({ m }) => `${registrationsPath(m.id)}?done=invited#list`,
    fields: { name: 'invite-name', email: 'invite-email' },
    again: registrationsAgain('invite'),
  }),
];
