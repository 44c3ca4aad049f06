/**
 * One way to handle a form (issue 18). A form action is declared — its path,
 * how the page's context is loaded, how the form is read, which API call it
 * makes, where a success goes, which fields a refusal maps to, which page is
 * rendered again — and `runFormAction` runs the sequence every form shares:
 *
 *   load the context (or answer: sign-in, 403, 404) → read the form (400 and
 *   the page again with its errors) → same-site check (403 and the page
 *   again) → the page again (200) when the post only edited the form (a row
 *   added) → the API call → 303 to `done` on success, the not-found page on
 *   404, the page again with the refusal otherwise; a 5xx, 401 or 429 from
 *   the API is an error page.
 *
 * `formActionsController` turns a domain's declarations into routes.
 */
import { Controller, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { WEB_CONFIG, type WebConfig } from '../config/web.config';
import type { ApiResponse, Problem } from '../gateway/gateway-client';
import type { FieldError } from '../html/components';
import type { MessageKey } from '../i18n/i18n';
import { type PageRequest, seeOther } from '../layout/http';
import type { PageContext } from '../layout/page-context';
import { PageErrorFilter, notFoundPage, send } from '../layout/render';
import { apiFieldErrors, refusedText } from './form-notices';
import type { FormBody, FormRead, FormValues } from './form-read';
import { CONFIRMED, confirmPage, type Confirmation } from './confirm-page';
import { isSameSite } from './same-site';

/** What a page needs to be shown again after a post: what was typed, what to fix, a notice for the whole form. */
export interface FormAgain<V = FormValues> {
  values: V;
  errors: FieldError[];
  notice?: string;
  /** The refusal asks the visitor to sign in (the page offers the link). */
  signIn?: boolean;
}

/** An API refusal as a form shows it. */
export interface Refusal {
  errors: FieldError[];
  notice?: string;
  signIn?: boolean;
  status: number;
}

/** Where a form acts: the page context, and whatever the domain loaded with it (a space, a component…). */
export interface FormPlace {
  ctx: PageContext;
}

export interface FormActionSpec<P extends FormPlace, D, V = FormValues> {
  /** The route, as Nest writes it: `admin/petitions/:id/reject`. */
  path: string;
  /**
   * The page context and what the form acts on, or null once an answer is
   * sent (sign-in, 403, a malformed id's 404).
   */
  load(req: PageRequest, res: FastifyReply, config: WebConfig): Promise<P | null>;
  /** The form read with the API's rules. A form with no fields returns its fixed body. */
  read(place: P, body: FormBody): FormRead<D, V>;
  /** The API call. */
  send(place: P, dto: D): Promise<ApiResponse<unknown>>;
  /** The API sets or clears the session cookie on success (sign-in, account deletion): hand it to the browser. */
  handsOnCookies?: boolean;
  /** Where to go after a success (303), given the API's answer. */
  done(place: P, answer: ApiResponse<unknown>): string;
  /**
   * 404s this form explains on its own page (problem codes, or `true` for
   * every 404: no such member, the session is gone): they reach `refusal`.
   * Any other 404 is the not-found page.
   */
  explains404?: readonly string[] | true;
  /** The API's field names mapped to the form's field ids. */
  fields?: Record<string, string>;
  /**
   * Refusals that send the visitor elsewhere rather than back to the form
   * (the sign-in step, the page that says where they stand, the form's page
   * when the session ended): the address, or null to show the refusal.
   */
  redirect?(place: P, answer: ApiResponse<Problem | null>): string | null;
  /** A notice per API problem code that belongs to no field (`PETITION_WRONG_STATE` → a message key). */
  codes?: Partial<Record<string, MessageKey>>;
  /** A domain's own reading of a refusal, instead of `defaultRefusal` (null: an error page). */
  refusal?(
    place: P,
    answer: ApiResponse<Problem | null>,
    fields: Record<string, string>,
  ): Refusal | null;
  /** For a final action: what the confirmation page says before the API is called (null: nothing to confirm this time). */
  confirm?(place: P, dto: D): Confirmation | null;
  /** The page the form belongs to, rendered again with the form's state and this status. */
  again(place: P, res: FastifyReply, form: FormAgain<V>, status: number): Promise<void> | void;
}

/** A declared form action, its types erased so that a domain can list several. */
export interface FormAction {
  path: string;
  run(req: PageRequest, res: FastifyReply, config: WebConfig): Promise<void>;
}

export function formAction<P extends FormPlace, D, V = FormValues>(
  spec: FormActionSpec<P, D, V>,
): FormAction {
  return { path: spec.path, run: (req, res, config) => runFormAction(spec, req, res, config) };
}

/**
 * A refusal read the way most forms read it: the API's field errors next to
 * their fields, a known code as its notice, otherwise a sentence by status;
 * 403 and 409 keep their status, the rest is a 400.
 */
export function defaultRefusal(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
  codes: Partial<Record<string, MessageKey>> = {},
): Refusal {
  const errors = apiFieldErrors(ctx, answer.body, fields);
  const code = answer.body?.code;
  const known = code ? codes[code] : undefined;
  const status = answer.status === 409 || answer.status === 403 ? answer.status : 400;
  if (known) return { errors, notice: ctx.t(known), status };
  if (errors.length) return { errors, status };
  return { errors, notice: refusedText(ctx, answer.status), status };
}

const isSuccess = (status: number) => status >= 200 && status < 300;

export async function runFormAction<P extends FormPlace, D, V>(
  spec: FormActionSpec<P, D, V>,
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
): Promise<void> {
  const place = await spec.load(req, res, config);
  if (!place) return;
  const { ctx } = place;
  const body = (req.body ?? {}) as FormBody;
  const { values, errors, dto, edited } = spec.read(place, body);
  if (dto === null && !edited) return spec.again(place, res, { values, errors }, 400);
  if (!isSameSite(req))
    return spec.again(place, res, { values, errors, notice: ctx.t('lifecycle.crossSite') }, 403);
  if (edited || dto === null) return spec.again(place, res, { values, errors }, 200);
  const confirmation = body[CONFIRMED] === 'yes' ? null : spec.confirm?.(place, dto);
  if (confirmation) return send(res, ctx, confirmPage(ctx, req.url, body, confirmation));
  const answer = await spec.send(place, dto);
  if (isSuccess(answer.status)) {
    const cookies = spec.handsOnCookies ? answer.headers?.['set-cookie'] : undefined;
    if (cookies) res.header('Set-Cookie', cookies);
    return seeOther(res, spec.done(place, answer));
  }
  const refused = answer as ApiResponse<Problem | null>;
  const elsewhere = spec.redirect?.(place, refused);
  if (elsewhere) return seeOther(res, elsewhere);
  if (answer.status === 404 && !explained(spec.explains404, refused.body?.code))
    return send(res, ctx, notFoundPage(ctx), 404);
  // A service that sheds load says when to come back: so does the page.
  const retryAfter = answer.headers?.['retry-after'];
  if (retryAfter) res.header('Retry-After', String(retryAfter));
  const fields = spec.fields ?? {};
  const refusal = spec.refusal
    ? spec.refusal(place, refused, fields)
    : isUnexpected(answer.status)
      ? null
      : defaultRefusal(ctx, refused, fields, spec.codes);
  if (!refusal) throw new Error(`${req.method} ${spec.path}: the API answered ${answer.status}`);
  const { status, ...shown } = refusal;
  return spec.again(place, res, { values, ...shown }, status);
}

const explained = (explains: readonly string[] | true | undefined, code: string | undefined) =>
  explains === true || (!!code && !!explains?.includes(code));

/** Answers no form can explain to its visitor: the error page says it (and the log has it). */
export const isUnexpected = (status: number) => status >= 500 || status === 429 || status === 401;

/**
 * The routes of a domain's form actions, as one controller: each declared
 * path becomes a POST route that runs its action. Module order decides route
 * order as for any controller.
 */
export function formActionsController(name: string, actions: FormAction[]) {
  @ApiExcludeController()
  @Public()
  @UseFilters(PageErrorFilter)
  @Controller()
  class FormActions {
    constructor(@Inject(WEB_CONFIG) readonly config: WebConfig) {}
  }
  Object.defineProperty(FormActions, 'name', { value: name });
  const proto = FormActions.prototype as unknown as Record<string, unknown>;
  actions.forEach((action, i) => {
    const key = `post${i}`;
    proto[key] = function (this: FormActions, req: PageRequest, res: FastifyReply) {
      return action.run(req, res, this.config);
    };
    Req()(proto, key, 0);
    Res()(proto, key, 1);
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if (!descriptor) throw new Error(`No method for ${action.path}`);
    Post(action.path)(proto, key, descriptor);
  });
  return FormActions;
}
