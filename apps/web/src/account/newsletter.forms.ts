/**
 * The newsletter's forms of "my account" (subscribe, unsubscribe) and the
 * confirmation of the mailed link, declared for the form executor. The
 * one-click unsubscribe of a newsletter is the hand-written handler of
 * newsletter.controller.ts (a mail client posts it from no page of the site).
 */
import { formAction } from '../shared/forms/form-action';
import { TOKEN } from './account.api';
import { accountErrors, accountRefusal, showAgain, text, tokenPageContext } from './account.form';
import { renderMyAccount, signedInAccount, type SignedIn } from './my-account.controller';
import { newsletterConfirmPage } from './newsletter.pages';

/** "My account" again, with the refusal said at the top. */
const accountAgain = (
  signedIn: SignedIn,
  res: Parameters<typeof renderMyAccount>[1],
  form: Parameters<typeof accountErrors>[1],
  status: number,
) =>
  renderMyAccount(
    signedIn,
    res,
    null,
    accountErrors(signedIn.ctx, form, 'main')[0]?.message ?? null,
    status,
  );

export const NEWSLETTER_FORMS = [
  formAction<SignedIn, Record<string, never>>({
    path: 'account/newsletter/subscribe',
    load: (req, res, config) => signedInAccount(req, res, config.gatewayUrl),
    read: () => ({ values: {}, errors: [], dto: {} }),
    send: ({ ctx }) => ctx.api.post('/api/identity/me/newsletter', {}),
    done: () => '/account?newsletter=asked#newsletter',
    refusal: ({ ctx }, answer) => accountRefusal(ctx, answer.status, {}, 'main'),
    again: accountAgain,
  }),
  formAction<SignedIn, Record<string, never>>({
    path: 'account/newsletter/withdraw',
    load: (req, res, config) => signedInAccount(req, res, config.gatewayUrl),
    read: () => ({ values: {}, errors: [], dto: {} }),
    send: ({ ctx }) => ctx.api.post('/api/identity/me/newsletter/withdraw', {}),
    done: () => '/account?newsletter=withdrawn#newsletter',
    refusal: ({ ctx }, answer) => accountRefusal(ctx, answer.status, {}, 'main'),
    again: accountAgain,
  }),
  formAction<Awaited<ReturnType<typeof tokenPageContext>>, { token: string }>({
    path: 'account/newsletter/confirm',
    load: tokenPageContext,
    read({ ctx }, body) {
      const token = text(body, 'token');
      return TOKEN.test(token)
        ? { values: { token }, errors: [], dto: { token } }
        : {
            values: { token: '' },
            errors: [{ field: 'token', message: ctx.t('newsletter.confirm.invalid') }],
            dto: null,
          };
    },
    send: ({ ctx }, dto) => ctx.api.post('/api/identity/newsletter/confirm', dto),
    done: () => '/account/newsletter/confirmed',
    refusal: ({ ctx }, answer) =>
      accountRefusal(ctx, answer.status, {
        400: [{ field: 'token', message: ctx.t('newsletter.confirm.invalid') }],
      }),
    // Whatever went wrong, the page says it instead of the button.
    again: showAgain(({ ctx }, form) =>
      newsletterConfirmPage(
        ctx,
        form.values.token || null,
        accountErrors(ctx, form, 'main')[0]?.message,
      ),
    ),
  }),
];
