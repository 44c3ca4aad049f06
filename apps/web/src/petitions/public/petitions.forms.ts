/**
 * The petition page's two forms — sign, withdraw my signature — declared for
 * the form executor. They speak to the API with the site's own Origin on the
 * visitor's behalf, hence the executor's same-site check. A refusal shows in
 * the sign panel; one that needs a sign-in goes to the identification step.
 */
import type { Problem } from '../../shared/gateway/gateway-client';
import { formAction, type FormActionSpec, type FormAgain } from '../../shared/forms/form-action';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import { PageContext } from '../../shared/layout/page-context';
import { notFoundPage, send } from '../../shared/layout/render';
import { renderPetition } from './petitions.controller';

interface OnePetition {
  ctx: PageContext;
  id: string;
}

type Spec = FormActionSpec<OnePetition, Record<string, never>>;

async function load(
  req: PageRequest,
  res: Parameters<Spec['load']>[1],
  config: Parameters<Spec['load']>[2],
) {
  const ctx = await PageContext.load(req, res, config.gatewayUrl);
  const id = (req.params as { id: string }).id;
  if (isUuid(id)) return { ctx, id };
  send(res, ctx, notFoundPage(ctx), 404);
  return null;
}

/** The panel says what went wrong in the visitor's words; a refusal's notice is already those words. */
const again: Spec['again'] = ({ ctx, id }, res, form: FormAgain, status) =>
  renderPetition(
    ctx,
    res,
    id,
    { justSigned: false, step: null, error: form.notice ?? null },
    status,
  );

/** The petition is closed, or the service is busy: the visitor may try again later (503, with its Retry-After). */
const busyOrClosed = (
  answer: { status: number; body: Problem | null },
  closed: string,
  later: string,
) => (answer.status === 409 || answer.body?.code === 'PETITION_NOT_OPEN' ? closed : later);

export const PETITION_FORMS = [
  formAction<OnePetition, Record<string, never>>({
    path: 'petitions/:id/sign',
    load,
    read: () => ({ values: {}, errors: [], dto: {} }),
    send: ({ ctx, id }, dto) => ctx.api.post(`/api/petitions/${id}/signatures`, dto),
    done: ({ id }) => `/petitions/${id}?signed=1#sign`,
    redirect: ({ id }, answer) =>
      (answer.status === 401 || answer.status === 403) && answer.body?.signIn
        ? `/petitions/${id}?step=identify#sign`
        : null,
    refusal({ ctx }, answer) {
      // Under 18: the sign section says petitions are for adults when it knows the signer is a minor.
      if (answer.status === 403 && answer.body?.code === 'SIGNER_UNDER_18') {
        const known = ctx.me?.kind === 'signer' && ctx.me.adult === false;
        return {
          errors: [],
          notice: known ? undefined : ctx.t('petition.adultsOnly'),
          status: 403,
        };
      }
      const reason = busyOrClosed(
        answer,
        ctx.t('petition.closedNotice'),
        ctx.t('petition.tryAgain'),
      );
      return {
        errors: [],
        notice: ctx.t('petition.signFailed', { reason }),
        status: answer.status >= 500 ? 503 : answer.status,
      };
    },
    again,
  }),
  formAction<OnePetition, Record<string, never>>({
    path: 'petitions/:id/withdraw',
    load,
    read: () => ({ values: {}, errors: [], dto: {} }),
    send: ({ ctx, id }) => ctx.api.delete(`/api/petitions/${id}/signatures/mine`),
    done: ({ id }) => `/petitions/${id}?withdrawn=1#sign`,
    // Not signed (any more), or signed in no longer: the petition's page says where they stand.
    redirect: ({ id }, answer) =>
      answer.status === 401 || (answer.status === 404 && answer.body?.code === 'NOT_SIGNED')
        ? `/petitions/${id}#sign`
        : null,
    refusal({ ctx }, answer) {
      const reason =
        answer.body?.code === 'WITHDRAWAL_NOT_ALLOWED'
          ? ctx.t('petition.withdrawNotAllowed')
          : busyOrClosed(answer, ctx.t('petition.closedNotice'), ctx.t('petition.tryAgain'));
      const status = answer.status === 409 ? 409 : answer.status === 429 ? 429 : 503;
      return { errors: [], notice: ctx.t('petition.withdrawRefused', { reason }), status };
    },
    again,
  }),
];
