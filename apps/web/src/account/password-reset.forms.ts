/**
 * A forgotten password, declared for the form executor: ask for a mailed
 * link, then choose a new password on the page it opens.
 */
import { formAction } from '../shared/forms/form-action';
import type { FieldError } from '../shared/html/components';
import type { PageContext } from '../shared/layout/page-context';
import { TOKEN } from './account.api';
import {
  accountErrors,
  accountRefusal,
  emailErrors,
  newPasswordErrors,
  pageContext,
  passwordRule,
  showAgain,
  text,
  tokenPageContext,
} from './account.form';
import { newPasswordPage, resetRequestPage } from './account.pages';

/** The field a refused link is named on: the page then says the link is not valid, and offers a new one. */
const LINK = 'token';

const linkError = (ctx: PageContext): FieldError => ({
  field: LINK,
  message: ctx.t('account.reset.invalid'),
});

export const PASSWORD_RESET_FORMS = [
  formAction<{ ctx: PageContext }, { email: string }>({
    path: 'account/password-reset',
    load: pageContext,
    read({ ctx }, body) {
      const email = text(body, 'email').trim();
      const errors = emailErrors(ctx, email);
      return { values: { email }, errors, dto: errors.length ? null : { email } };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/password-resets', dto),
    done: () => '/account/check-email?for=reset',
    refusal: ({ ctx }, answer) =>
      accountRefusal(ctx, answer.status, {
        400: [{ field: 'email', message: ctx.t('form.invalidEmail') }],
      }),
    again: showAgain(({ ctx }, form) =>
      resetRequestPage(ctx, {
        email: form.values.email,
        errors: accountErrors(ctx, form, 'email'),
      }),
    ),
  }),
  formAction<{ ctx: PageContext }, { token: string; password: string }>({
    path: 'account/password-reset/complete',
    load: tokenPageContext,
    read({ ctx }, body) {
      const token = text(body, 'token');
      const password = text(body, 'password');
      // A link that is not valid is said before anything typed.
      if (!TOKEN.test(token)) return { values: { token: '' }, errors: [linkError(ctx)], dto: null };
      const errors = newPasswordErrors(ctx, password);
      return { values: { token }, errors, dto: errors.length ? null : { token, password } };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/password-resets/complete', dto),
    done: () => '/account/password-reset/done',
    refusal: ({ ctx }, answer) =>
      accountRefusal(ctx, answer.status, {
        400: [answer.body?.code === 'INVALID_TOKEN' ? linkError(ctx) : passwordRule(ctx)],
      }),
    again: showAgain(({ ctx }, form) => {
      const errors = accountErrors(ctx, form, 'password');
      const link = errors.find((e) => e.field === LINK);
      return link
        ? newPasswordPage(ctx, '', [], link.message)
        : newPasswordPage(ctx, form.values.token, errors);
    }),
  }),
];
