/**
 * What the account's forms share: reading a field, identity's rules as the
 * account's own messages, and identity's refusals as the account's pages
 * show them (next to a field, never as a notice).
 */
import type { FastifyReply } from 'fastify';
import type { FormAgain, FormPlace, Refusal } from '../shared/forms/form-action';
import type { FormBody } from '../shared/forms/form-read';
import type { FieldError } from '../shared/html/components';
import type { PageRequest } from '../shared/layout/http';
import type { PageOptions } from '../shared/layout/layout';
import { PageContext } from '../shared/layout/page-context';
import { send } from '../shared/layout/render';
import type { WebConfig } from '../shared/config/web.config';
import { EMAIL, NAME_MAX, NAME_MIN, PASSWORD_MAX, PASSWORD_MIN } from './account.api';

/** A posted field as text ('' when absent or given twice). */
export const text = (body: FormBody, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : '';
};

/** The page context alone: what most account forms act in. */
export const pageContext = async (req: PageRequest, res: FastifyReply, config: WebConfig) => ({
  ctx: await PageContext.load(req, res, config.gatewayUrl),
});

/** The page context of a mailed link's page: its token stays out of the Referer of whatever the page links to. */
export async function tokenPageContext(req: PageRequest, res: FastifyReply, config: WebConfig) {
  res.header('Referrer-Policy', 'no-referrer');
  return pageContext(req, res, config);
}

/** The account's own messages for what identity's validation names, field by field. */
export function accountFieldMessage(ctx: PageContext, field: string): string {
  switch (field) {
    case 'email':
      return ctx.t('form.invalidEmail');
    case 'password':
      return ctx.t('account.error.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX });
    case 'displayName':
      return ctx.t('account.error.nameLength', { min: NAME_MIN, max: NAME_MAX });
    default:
      return ctx.t('account.captcha.wrong');
  }
}

/** An address as identity takes it: nothing to fix, or what to fix next to `email`. */
export function emailErrors(ctx: PageContext, email: string): FieldError[] {
  if (!email) return [{ field: 'email', message: ctx.t('form.required') }];
  if (!EMAIL.test(email) || email.length > 254)
    return [{ field: 'email', message: ctx.t('form.invalidEmail') }];
  return [];
}

/** A new password as identity takes it: nothing to fix, or what to fix next to `password`. */
export function newPasswordErrors(ctx: PageContext, password: string): FieldError[] {
  if (!password) return [{ field: 'password', message: ctx.t('form.required') }];
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return [passwordRule(ctx)];
  return [];
}

/** The password's length rule, next to the field. */
export const passwordRule = (ctx: PageContext): FieldError => ({
  field: 'password',
  message: accountFieldMessage(ctx, 'password'),
});

/**
 * The errors a page shows again. The account's refusals carry no notice, so
 * a notice is the executor's same-site refusal: the account's pages say it
 * in their own words, next to `field`.
 */
export function accountErrors(
  ctx: PageContext,
  form: FormAgain<unknown>,
  field: string,
): FieldError[] {
  return form.notice ? [{ field, message: ctx.t('account.error.crossSite') }] : form.errors;
}

/** The executor's `again` for a page drawn from the place and the form alone. */
export const showAgain =
  <P extends FormPlace>(page: (place: P, form: FormAgain) => PageOptions) =>
  (place: P, res: FastifyReply, form: FormAgain, status: number) =>
    send(res, place.ctx, page(place, form), status);

/** Too many attempts (identity's 429): said next to `field`, with the 429 kept. */
export const tryLater = (ctx: PageContext, field = 'main'): Refusal => ({
  errors: [{ field, message: ctx.t('account.error.tryLater') }],
  status: 429,
});

/**
 * Identity's refusal of an account form: a 429 says try later; a status the
 * form explains shows its errors with that status; anything else is an error page.
 */
export function accountRefusal(
  ctx: PageContext,
  status: number,
  explained: Partial<Record<number, FieldError[]>>,
  tooManyAt?: string,
): Refusal | null {
  if (status === 429) return tryLater(ctx, tooManyAt);
  const errors = explained[status];
  return errors ? { errors, status } : null;
}
