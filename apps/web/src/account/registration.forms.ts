/**
 * Registration and the confirmation of its mailed link, declared for the
 * form executor. Identity checks the question and the rules again; its
 * refusals show next to the field they name.
 */
import { formAction } from '../shared/forms/form-action';
import type { FieldError } from '../shared/html/components';
import type { PageContext } from '../shared/layout/page-context';
import { send } from '../shared/layout/render';
import { NAME_MAX, NAME_MIN, TOKEN } from './account.api';
import {
  accountErrors,
  accountFieldMessage,
  accountRefusal,
  emailErrors,
  newPasswordErrors,
  pageContext,
  showAgain,
  text,
  tokenPageContext,
  tryLater,
} from './account.form';
import { confirmPage, registrationClosedPage, type RegisterForm } from './account.pages';
import { sendRegisterForm } from './registration.controller';

interface Registration {
  displayName: string;
  email: string;
  password: string;
  captchaId: string;
  captchaAnswer?: string;
  /** The proof of work the widget computed (base64 JSON), instead of the answer. */
  proof?: string;
  locale: string;
  newsletter?: boolean;
  website?: string;
}

export const REGISTRATION_FORMS = [
  formAction<{ ctx: PageContext }, Registration, Omit<RegisterForm, 'errors'>>({
    path: 'account/register',
    load: pageContext,
    read({ ctx }, body) {
      const { t } = ctx;
      const displayName = text(body, 'displayName').trim();
      const email = text(body, 'email').trim();
      const password = text(body, 'password');
      const captchaAnswer = text(body, 'captchaAnswer').trim();
      const proof = text(body, 'proof').trim().slice(0, 4000);
      const newsletter = text(body, 'newsletter') === 'true';
      // The trap people never see (hidden by the style sheet, labelled "leave empty"): passed on.
      const website = text(body, 'website').trim().slice(0, 500);
      const errors: FieldError[] = [];
      if (!displayName) errors.push({ field: 'displayName', message: t('form.required') });
      else if (displayName.length < NAME_MIN || displayName.length > NAME_MAX)
        errors.push({ field: 'displayName', message: accountFieldMessage(ctx, 'displayName') });
      errors.push(...emailErrors(ctx, email), ...newPasswordErrors(ctx, password));
      if (!captchaAnswer && !proof)
        errors.push({ field: 'captchaAnswer', message: t('form.required') });
      const dto = {
        displayName,
        email,
        password,
        captchaId: text(body, 'captchaId'),
        ...(captchaAnswer ? { captchaAnswer: captchaAnswer.slice(0, 40) } : {}),
        ...(proof ? { proof } : {}),
        locale: ctx.locale,
        // Asked only when ticked: pending until the mailed link is confirmed.
        ...(newsletter ? { newsletter: true } : {}),
        ...(website ? { website } : {}),
      };
      return {
        values: { displayName, email, newsletter },
        errors,
        dto: errors.length ? null : dto,
      };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/registrations', dto),
    done: () => '/account/check-email?for=register',
    refusal({ ctx }, answer) {
      // Closed since the form was shown: the closed page says which way in remains (signIn flags it).
      if (answer.status === 403 && answer.body?.code === 'REGISTRATION_CLOSED')
        return { errors: [], signIn: true, status: 403 };
      const errors =
        answer.body?.code === 'CAPTCHA_FAILED'
          ? [{ field: 'captchaAnswer', message: ctx.t('account.captcha.wrong') }]
          : answer.body?.code === 'REGISTRATION_TOO_FAST'
            ? [{ field: 'captchaAnswer', message: ctx.t('account.captcha.tooFast') }]
            : (answer.body?.errors ?? []).map((e) => {
                const field = e.field === 'captchaId' ? 'captchaAnswer' : e.field;
                return { field, message: accountFieldMessage(ctx, field) };
              });
      return accountRefusal(ctx, answer.status, {
        400: errors.length ? errors : tryLater(ctx).errors,
      });
    },
    again: ({ ctx }, res, form, status) =>
      form.signIn
        ? send(res, ctx, registrationClosedPage(ctx), status)
        : sendRegisterForm(
            ctx,
            res,
            { ...form.values, errors: accountErrors(ctx, form, 'displayName') },
            status,
          ),
  }),
  formAction<{ ctx: PageContext }, { token: string }>({
    path: 'account/confirm',
    load: tokenPageContext,
    read({ ctx }, body) {
      const token = text(body, 'token');
      return TOKEN.test(token)
        ? { values: { token }, errors: [], dto: { token } }
        : {
            values: { token: '' },
            errors: [{ field: 'token', message: ctx.t('account.confirm.invalid') }],
            dto: null,
          };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/registrations/confirm', dto),
    done: () => '/account/confirmed',
    refusal: ({ ctx }, answer) =>
      accountRefusal(ctx, answer.status, {
        400: [{ field: 'token', message: ctx.t('account.confirm.invalid') }],
      }),
    // Whatever went wrong, the page says it instead of the button.
    again: showAgain(({ ctx }, form) =>
      confirmPage(ctx, form.values.token || null, accountErrors(ctx, form, 'main')[0]?.message),
    ),
  }),
];
