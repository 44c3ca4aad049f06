/**
 * The participants' forms of the meetings pages, declared for the form
 * executor: register (an account with a button, a visitor with a name and
 * an address), cancel one's registration (asked on a page of its own
 * first), and, from a mailed link, confirm or cancel a registration without
 * an account. Refusals are worded by the site from the API's code and
 * reason, next to where the visitor acted.
 */
import { pickText } from '@palabre/contracts';
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import {
  formAction,
  isUnexpected,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import { apiFieldErrors, refusedText } from '../../shared/forms/form-notices';
import { charCount, fixedForm, type FormBody, type FormRead } from '../../shared/forms/form-read';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import { formText } from '../../shared/html/form-controls';
import type { FieldError } from '../../shared/html/components';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { textIn } from '../../spaces/spaces.api';
import {
  MEETINGS_API,
  type MeetingView,
  type RegistrationByTokenView,
  type RegistrationResultView,
} from '../meetings.api';
import { loadMeeting, meetingOf, renderMeeting } from './meetings.controller';
import { sendToken, sendUnknownToken, tokenView } from './meetings-directory.controller';
import { meetingPath, refusalReason, tokenPath, type MeetingsPlace } from './meetings.pages';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 120;
const EMAIL_MAX = 254;

/** A meeting of a component, where the visitor registers or cancels. */
interface AtMeeting extends FormPlace {
  place: MeetingsPlace;
  m: MeetingView;
}
/** A registration by its mailed link. */
interface AtToken extends FormPlace {
  token: string;
  view: RegistrationByTokenView;
}

interface RegisterBody {
  name?: string;
  email?: string;
  acceptTerms?: true;
  lang: string;
}

type Params = Record<'slug' | 'componentId' | 'meetingId', string>;

const here = ({ place, m }: AtMeeting) => meetingPath(place.space.slug, m.componentId, m.id);

async function atMeeting(req: PageRequest, res: FastifyReply, config: WebConfig) {
  const ctx = await PageContext.load(req, res, config.gatewayUrl);
  const { slug, componentId, meetingId } = req.params as Params;
  const loaded = await loadMeeting(ctx, res, slug, componentId, meetingId, true);
  return loaded ? { ctx, ...loaded } : null;
}

async function atToken(req: PageRequest, res: FastifyReply, config: WebConfig) {
  const ctx = await PageContext.load(req, res, config.gatewayUrl);
  const token = formText((req.body ?? {}) as FormBody, 'token');
  const view = await tokenView(ctx, res, token);
  return view ? { ctx, token, view } : null;
}

/** The registration form read with the API's rules: a name and an address without an account, the terms when there are some. */
export function readRegistration(
  ctx: PageContext,
  m: MeetingView,
  body: FormBody,
): FormRead<RegisterBody> {
  const { t } = ctx;
  const account = ctx.me?.kind === 'account';
  const values = {
    name: formText(body, 'name'),
    email: formText(body, 'email'),
    acceptTerms: body.acceptTerms === 'true' ? 'true' : '',
  };
  const errors: FieldError[] = [];
  if (!account) {
    if (!values.name) errors.push({ field: 'name', message: t('form.required') });
    else if (charCount(values.name) > NAME_MAX)
      errors.push({
        field: 'name',
        message: t('lifecycle.tooLong', { max: NAME_MAX, count: charCount(values.name) }),
      });
    if (!values.email) errors.push({ field: 'email', message: t('form.required') });
    else if (!EMAIL.test(values.email) || values.email.length > EMAIL_MAX)
      errors.push({ field: 'email', message: t('form.invalidEmail') });
  }
  const terms = !!textIn(m.registrationTerms, ctx.locale);
  if (terms && values.acceptTerms !== 'true')
    errors.push({ field: 'acceptTerms', message: t('meetings.register.acceptTermsRequired') });
  if (errors.length) return { values, errors, dto: null };
  return {
    values,
    errors,
    dto: {
      ...(account ? {} : { name: values.name, email: values.email }),
      ...(terms ? { acceptTerms: true } : {}),
      lang: ctx.locale,
    },
  };
}

type MeetingProblem = Problem & { reason?: string };

const CLOSED: Record<string, MessageKey> = {
  PHASE_CLOSED: 'meetings.refused.phaseClosed',
  ACTION_BLOCKED: 'meetings.refused.blocked',
  SPACE_NOT_PUBLISHED: 'meetings.refused.spaceNotPublished',
};
const NOT_ALLOWED: Record<string, MessageKey> = {
  NOT_VERIFIED: 'meetings.refused.notVerified',
  TOO_YOUNG: 'meetings.refused.tooYoung',
  AGE_UNVERIFIABLE: 'meetings.refused.ageUnverifiable',
  NOT_A_MEMBER: 'meetings.refused.members',
};

/**
 * A refusal of the registrations API in words: the fields it names, why one
 * cannot register (REGISTRATION_REFUSED's reason), the component's rule
 * (closed, who may take part, sign in), a meeting that started; the service
 * busy is a 503 with its Retry-After.
 */
function registrationRefusal(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
): Refusal {
  const { t } = ctx;
  const body = answer.body as MeetingProblem | null;
  const code = body?.code ?? '';
  const reason = body?.reason ?? '';
  if (code === 'OVERLOADED') return { status: 503, errors: [], notice: t('meetings.refused.busy') };
  if (isUnexpected(answer.status) && code !== 'SIGN_IN_REQUIRED')
    throw new Error(`Meetings answered ${answer.status}`);
  const errors = apiFieldErrors(ctx, body, fields);
  if (errors.length) return { status: 400, errors };
  const status = answer.status === 401 ? 403 : answer.status;
  if (code === 'REGISTRATION_REFUSED')
    return {
      status,
      errors: [],
      notice: refusalReason(ctx, reason),
      signIn: reason === 'GUESTS_NOT_ALLOWED',
    };
  if (code === 'SIGN_IN_REQUIRED')
    return { status, errors: [], notice: t('meetings.refused.signIn'), signIn: true };
  if (code === 'WRONG_STATE' && reason === 'STARTED')
    return { status, errors: [], notice: t('meetings.refused.started') };
  if (code === 'REGISTRATION_NOT_FOUND')
    return { status, errors: [], notice: t('meetings.refused.noRegistration') };
  const worded = CLOSED[reason] ?? NOT_ALLOWED[reason];
  if (worded) return { status, errors: [], notice: t(worded) };
  return { status, errors: [], notice: refusedText(ctx, answer.status) };
}

/** The meeting page again, read afresh (the seats may have moved), with the form as sent. */
async function meetingAgain(
  at: AtMeeting,
  res: FastifyReply,
  form: { values: Record<string, string>; errors: FieldError[]; notice?: string; signIn?: boolean },
  status: number,
) {
  const m = (await meetingOf(at.ctx, at.place, at.m.id, true)) ?? at.m;
  await renderMeeting(at.ctx, res, at.place, m, { done: null, form }, status);
}

/** A refusal of a mailed link's action: gone (404), expired, cancelled, started. */
function tokenRefusal(ctx: PageContext, answer: ApiResponse<Problem | null>): Refusal {
  const { t } = ctx;
  const body = answer.body as MeetingProblem | null;
  if (answer.status === 404) return { status: 404, errors: [] };
  if (body?.code === 'OVERLOADED')
    return { status: 503, errors: [], notice: t('meetings.refused.busy') };
  if (isUnexpected(answer.status)) throw new Error(`Meetings answered ${answer.status}`);
  const reason = body?.reason ?? '';
  const notice =
    reason === 'EXPIRED'
      ? t('meetings.token.refused.expired')
      : reason === 'CANCELLED'
        ? t('meetings.token.refused.cancelled')
        : reason === 'STARTED'
          ? t('meetings.refused.started')
          : refusedText(ctx, answer.status);
  return { status: answer.status, errors: [], notice };
}

/** The mailed link's page again, as the registration is now, with the refusal. */
async function tokenAgain(
  at: AtToken,
  res: FastifyReply,
  notice: string | undefined,
  status: number,
) {
  if (status === 404) return sendUnknownToken(at.ctx, res);
  const view = await tokenView(at.ctx, res, at.token);
  if (view) sendToken(at.ctx, res, at.token, view, { done: null, refused: notice ?? null }, status);
}

const MEETING_ROUTE = 'spaces/:slug/meetings/:componentId/:meetingId';

export const MEETING_FORMS = [
  formAction<AtMeeting, RegisterBody>({
    path: `${MEETING_ROUTE}/register`,
    load: atMeeting,
    read: ({ ctx, m }, body) => readRegistration(ctx, m, body),
    send: ({ ctx, m }, dto) =>
      ctx.api.post<RegistrationResultView>(`${MEETINGS_API}/meetings/${m.id}/registrations`, dto),
    done: (at, answer) => {
      const r = answer.body as RegistrationResultView;
      const done = r.confirmationMailSent
        ? 'checkMail'
        : r.registration.status === 'waiting'
          ? 'waiting'
          : 'registered';
      return `${here(at)}?done=${done}#registration`;
    },
    fields: { name: 'name', email: 'email', acceptTerms: 'acceptTerms' },
    refusal: ({ ctx }, answer, fields) => registrationRefusal(ctx, answer, fields),
    again: meetingAgain,
  }),
  formAction<AtMeeting, object>({
    path: `${MEETING_ROUTE}/cancel-registration`,
    load: atMeeting,
    read: () => fixedForm({}),
    send: ({ ctx, m }) => ctx.api.delete(`${MEETINGS_API}/meetings/${m.id}/registrations/mine`),
    explains404: ['REGISTRATION_NOT_FOUND'],
    // Final (a seat freed goes to the first person waiting): a page of its own asks first.
    confirm: (at) => ({
      title: at.ctx.t('meetings.cancelAsk.title', {
        title: pickText(at.m.title, at.ctx.locale).text,
      }),
      what: at.ctx.t('meetings.cancelAsk.what'),
      final: at.ctx.t('meetings.cancelAsk.final'),
      button: at.ctx.t('meetings.mine.cancel'),
      back: `${here(at)}#registration`,
      section: 'spaces',
    }),
    done: (at) => `${here(at)}?done=cancelled#registration`,
    refusal: ({ ctx }, answer, fields) => registrationRefusal(ctx, answer, fields),
    again: meetingAgain,
  }),
  formAction<AtToken, { token: string }>({
    path: 'meetings/registration/confirm',
    load: atToken,
    read: ({ token }) => fixedForm({ token }),
    send: ({ ctx }, dto) => ctx.api.post(`${MEETINGS_API}/registrations/confirm`, dto),
    explains404: true,
    done: ({ token }) => tokenPath(token, 'confirmed'),
    refusal: ({ ctx }, answer) => tokenRefusal(ctx, answer),
    again: (at, res, form, status) => tokenAgain(at, res, form.notice, status),
  }),
  formAction<AtToken, { token: string }>({
    path: 'meetings/registration/cancel',
    load: atToken,
    read: ({ token }) => fixedForm({ token }),
    send: ({ ctx }, dto) => ctx.api.post(`${MEETINGS_API}/registrations/cancel`, dto),
    explains404: true,
    confirm: ({ ctx, token, view }) => ({
      title: ctx.t('meetings.cancelAsk.title', {
        title: pickText(view.meeting.title, ctx.locale).text,
      }),
      what: ctx.t('meetings.cancelAsk.what'),
      final: ctx.t('meetings.cancelAsk.final'),
      button: ctx.t('meetings.mine.cancel'),
      back: tokenPath(token),
      section: 'meetings',
    }),
    done: ({ token }) => tokenPath(token, 'cancelled'),
    refusal: ({ ctx }, answer) => tokenRefusal(ctx, answer),
    again: (at, res, form, status) => tokenAgain(at, res, form.notice, status),
  }),
];
