/**
 * "My account"'s forms — end one of my sessions, delete my account —
 * declared for the form executor. A visitor without an account is sent to
 * sign in (or, a signer, to the page that says what an account is for).
 */
import { formAction } from '../shared/forms/form-action';
import { isUuid } from '../shared/layout/http';
import { accountErrors, accountRefusal, showAgain } from './account.form';
import { deletePage } from './account.pages';
import { renderMyAccount, signedInAccount, type SignedIn } from './my-account.controller';

export const MY_ACCOUNT_FORMS = [
  formAction<SignedIn & { id: string }, Record<string, never>>({
    path: 'account/sessions/:id/revoke',
    async load(req, res, config) {
      const signedIn = await signedInAccount(req, res, config.gatewayUrl);
      if (!signedIn) return null;
      const { id } = req.params as { id: string };
      if (isUuid(id)) return { ...signedIn, id };
      await renderMyAccount(signedIn, res, null, signedIn.ctx.t('account.session.gone'), 404);
      return null;
    },
    read: () => ({ values: {}, errors: [], dto: {} }),
    send: ({ ctx, id }) => ctx.api.delete(`/api/identity/sessions/${id}`),
    // A session already ended: "my account" says so, rather than the not-found page.
    explains404: true,
    done: () => '/account?revoked=1#sessions',
    refusal: ({ ctx }, answer) =>
      answer.status === 404
        ? { errors: [{ field: 'main', message: ctx.t('account.session.gone') }], status: 404 }
        : accountRefusal(ctx, answer.status, {}),
    again: (signedIn, res, form, status) =>
      renderMyAccount(
        signedIn,
        res,
        null,
        accountErrors(signedIn.ctx, form, 'main')[0]?.message ?? null,
        status,
      ),
  }),
  formAction<SignedIn, Record<string, never>>({
    path: 'account/delete',
    load: (req, res, config) => signedInAccount(req, res, config.gatewayUrl),
    read: ({ ctx }, body) =>
      body.confirm === 'yes'
        ? { values: {}, errors: [], dto: {} }
        : {
            values: {},
            errors: [{ field: 'confirm', message: ctx.t('account.delete.confirmRequired') }],
            dto: null,
          },
    send: ({ ctx }) => ctx.api.delete('/api/identity/me'),
    // Identity clears the session cookie: the browser is handed that.
    handsOnCookies: true,
    done: () => '/account/deleted',
    refusal: ({ ctx }, answer) =>
      accountRefusal(
        ctx,
        answer.status,
        { 409: [{ field: 'confirm', message: ctx.t('account.delete.lastAdmin') }] },
        'confirm',
      ),
    again: showAgain(({ ctx }, form) => deletePage(ctx, accountErrors(ctx, form, 'confirm'))),
  }),
];
