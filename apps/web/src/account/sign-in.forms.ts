/**
 * Signing in with an account, declared for the form executor: identity sets
 * the session cookie, handed on as it was set; then back to the page the
 * visitor came from.
 */
import { formAction } from '../shared/forms/form-action';
import type { FormBody } from '../shared/forms/form-read';
import type { FieldError } from '../shared/html/components';
import type { PageContext } from '../shared/layout/page-context';
import { EMAIL } from './account.api';
import { pageContext, showAgain, text, tryLater } from './account.form';
import { signInPage } from './account.pages';
import { safeReturnTo } from './sign-in.controller';

interface SigningIn {
  ctx: PageContext;
  /** Where to go once signed in, as the form carries it. */
  returnTo: string;
}

export const SIGN_IN_FORMS = [
  formAction<SigningIn, { email: string; password: string }>({
    path: 'sign-in',
    load: async (req, res, config) => ({
      ...(await pageContext(req, res, config)),
      returnTo: safeReturnTo(((req.body ?? {}) as FormBody).returnTo),
    }),
    read({ ctx }, body) {
      const email = text(body, 'email').trim();
      const password = text(body, 'password');
      const errors: FieldError[] = [];
      if (!email) errors.push({ field: 'email', message: ctx.t('form.required') });
      else if (!EMAIL.test(email))
        errors.push({ field: 'email', message: ctx.t('form.invalidEmail') });
      if (!password) errors.push({ field: 'password', message: ctx.t('form.required') });
      return { values: { email }, errors, dto: errors.length ? null : { email, password } };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/sessions', dto),
    handsOnCookies: true,
    // Back to the page they came from; from none (or the home page), where their role leads.
    done: ({ returnTo }) => (returnTo === '/' ? '/sign-in/next' : returnTo),
    refusal({ ctx }, answer) {
      if (answer.status >= 500) return null;
      if (answer.status === 429) return tryLater(ctx, 'email');
      const code = answer.body?.code;
      const message =
        code === 'EMAIL_NOT_CONFIRMED'
          ? ctx.t('account.signin.notConfirmed')
          : code === 'ACCOUNT_BLOCKED'
            ? answer.body?.blockedBy === 'antispam'
              ? ctx.t('account.signin.blockedSpam', { org: ctx.org.name })
              : ctx.t('account.signin.blocked', { org: ctx.org.name })
            : ctx.t('signin.failed');
      return {
        errors: [{ field: 'email', message }],
        status: answer.status === 403 ? 403 : 401,
      };
    },
    // The sign-in page has never said why a cross-site post came back: the executor's notice is left out.
    again: showAgain(({ ctx, returnTo }, form) =>
      signInPage(ctx, returnTo, {
        email: form.values.email,
        errors: form.errors,
        // Blocked by the anti-spam: the way to contest it, next to the form.
        contest: form.errors.some(
          (e) => e.message === ctx.t('account.signin.blockedSpam', { org: ctx.org.name }),
        ),
      }),
    ),
  }),
];
