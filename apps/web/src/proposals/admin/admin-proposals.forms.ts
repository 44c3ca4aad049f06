/**
 * The forms of the proposals back-office (official entries, moderation,
 * evaluation), declared for the form executor. The proposals service checks
 * every role again; a refusal is read the back-office way (not allowed, a
 * wrong state in the service's words, otherwise the participants' reason).
 */
import type { FastifyReply } from 'fastify';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import { formText } from '../../shared/html/form-controls';
import { apiFieldErrors } from '../../shared/forms/form-notices';
import {
  formAction,
  type FormActionSpec,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import type { FormBody, FormRead } from '../../shared/forms/form-read';
import type { WebConfig } from '../../shared/config/web.config';
import { isUuid, type PageRequest } from '../../shared/layout/http';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { notFoundPage, send } from '../../shared/layout/render';
import { readProposal } from '../proposal.form';
import {
  ANSWER_MAX,
  REASON_MAX,
  REASON_MIN,
  type Proposal,
  type ProposalProblem,
  type Where,
} from '../proposals.api';
import { refusalText } from '../public/proposals.pages';
import {
  NO_FORMS,
  OFFICIAL_ORIGINS,
  adminProposalsPath,
  parseEuros,
  type EvaluationForms,
} from './admin-proposals.pages';
import {
  STATE,
  findComponent,
  renderEvaluation,
  renderModeration,
  renderOfficial,
} from './admin-proposals.controller';
import { proposalsStaffContext, type StaffRoles } from './proposals-staff-access';

type Params = Record<
  'spaceId' | 'componentId' | 'proposalId' | 'userId' | 'type' | 'itemId' | 'act',
  string
>;

/** A staff member on a component's back-office, with the ids of the path. */
interface Staff extends FormPlace {
  roles: StaffRoles;
  w: Where;
  params: Params;
}

/**
 * The staff member's context and the component, or null once answered
 * (sign-in, 403, or a 404 when `valid` finds an id of the path malformed).
 */
async function staffPlace(
  req: PageRequest,
  res: FastifyReply,
  config: WebConfig,
  need: (r: StaffRoles) => boolean,
  valid: (p: Params) => boolean = () => true,
): Promise<Staff | null> {
  const params = req.params as Params;
  const a = await proposalsStaffContext(req, res, config.gatewayUrl, params.spaceId, need);
  if (!a) return null;
  if (!valid(params)) {
    send(res, a.ctx, notFoundPage(a.ctx), 404);
    return null;
  }
  const w = await findComponent(a.ctx, res, params.spaceId, params.componentId);
  return w ? { ...a, w, params } : null;
}

/** The API's refusal of a back-office form: errors on the fields it names, otherwise in words. */
function staffRefusal(
  { ctx, w }: Staff,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
): Refusal {
  const body = answer.body as ProposalProblem | null;
  if (answer.status >= 500 || answer.status === 429)
    throw new Error(`Proposals answered ${answer.status}`);
  const errors: FieldError[] = apiFieldErrors(ctx, body, fields);
  if (errors.length) return { status: 400, errors };
  const notice =
    answer.status === 403 && body?.code === 'NOT_ALLOWED'
      ? ctx.t('proposalsAdmin.error.notAllowed')
      : body?.code === 'WRONG_STATE' || body?.code === 'OFFICIAL_PROPOSALS_DISABLED'
        ? ctx.t('proposals.refused.other')
        : refusalText(ctx, w, body).message;
  return { status: answer.status === 401 ? 403 : answer.status, errors, notice };
}

/** A back-office form: its path under the component's, its refusal read the back-office way. */
function staffForm<P extends Staff, D>(spec: FormActionSpec<P, D>) {
  return formAction<P, D>({
    refusal: staffRefusal,
    ...spec,
    path: `admin/spaces/:spaceId/proposals/:componentId/${spec.path}`,
  });
}

const componentPath = ({ w }: Staff) => adminProposalsPath(w.space.id, w.componentId);

// ---------------------------------------------------------------- official proposals

function readOfficial(ctx: PageContext, w: Where, body: FormBody) {
  const read = readProposal(ctx.i18n, body, w);
  const origin = formText(body, 'origin');
  const values = { ...read.values, origin };
  const errors = [...read.errors];
  if (!OFFICIAL_ORIGINS.includes(origin as (typeof OFFICIAL_ORIGINS)[number]))
    errors.unshift({ field: 'origin', message: ctx.t('proposalsAdmin.error.origin') });
  return { values, errors, dto: read.dto && !errors.length ? { ...read.dto, origin } : null };
}

// ---------------------------------------------------------------- moderation

/** A moderation form: the item (or author) it is about, whose reason field comes back. */
interface Moderating extends Staff {
  target: string;
}

/** The reason a moderator gives, for the log; an error keyed to the form's own field otherwise. */
function readReason(
  ctx: PageContext,
  body: FormBody,
  target: string,
): FormRead<{ reason: string }> {
  const reason = formText(body, `reason-${target}`);
  const length = [...reason].length;
  const errors: FieldError[] =
    length < REASON_MIN || length > REASON_MAX
      ? [
          {
            field: `reason-${target}`,
            message: ctx.t('proposalsAdmin.error.reason', { min: REASON_MIN, max: REASON_MAX }),
          },
        ]
      : [];
  return { values: { reason }, errors, dto: errors.length ? null : { reason } };
}

/** A moderation form; `at` names, from the path (and the form), its item, API call and outcome. */
function moderationForm(
  path: string,
  need: (r: StaffRoles) => boolean,
  valid: (p: Params) => boolean,
  at: {
    target: (p: Params, body: FormBody) => string;
    call: (p: Params) => string;
    done: (p: Params) => string;
  },
) {
  return staffForm<Moderating, { reason: string }>({
    path,
    async load(req, res, config) {
      const place = await staffPlace(req, res, config, need, valid);
      return place && { ...place, target: at.target(place.params, (req.body ?? {}) as FormBody) };
    },
    read: ({ ctx, target }, body) => readReason(ctx, body, target),
    send: ({ ctx, params }, dto) => ctx.api.post(at.call(params), dto),
    done: (place) => `${componentPath(place)}/moderation?done=${at.done(place.params)}`,
    // The reason's field is named after the item, which the spec's static `fields` cannot say.
    refusal: (place, answer) => staffRefusal(place, answer, { reason: `reason-${place.target}` }),
    again: ({ ctx, w, roles, target }, res, form, status) =>
      renderModeration(ctx, res, w, roles, { target, ...form }, null, status),
  });
}

// ---------------------------------------------------------------- evaluation

/** One form of a proposal's evaluation page; `key` says which one comes back with its state. */
function evaluationForm<D>(
  key: Exclude<EvaluationForms['key'], ''>,
  need: (r: StaffRoles) => boolean,
  spec: Pick<FormActionSpec<Staff, D>, 'path' | 'read' | 'send' | 'fields'> & {
    done: 'answered' | 'assigned' | 'unassigned' | 'sent';
    anchor: string;
  },
) {
  const { done, anchor, ...rest } = spec;
  return staffForm<Staff, D>({
    ...rest,
    path: `:proposalId/${spec.path}`,
    load: (req, res, config) => staffPlace(req, res, config, need, (p) => isUuid(p.proposalId)),
    done: (place) => `${componentPath(place)}/${place.params.proposalId}?done=${done}#${anchor}`,
    again: ({ ctx, w, roles, params }, res, form, status) =>
      renderEvaluation(
        ctx,
        res,
        w,
        roles,
        params.proposalId,
        { ...NO_FORMS, [key]: form, key },
        null,
        status,
      ),
  });
}

function readAnswer(ctx: PageContext, body: FormBody) {
  const values = {
    state: formText(body, 'state'),
    answer: formText(body, 'answer'),
    cost: formText(body, 'cost'),
  };
  const errors: FieldError[] = [];
  if (!STATE.test(values.state))
    errors.push({ field: 'state', message: ctx.t('proposalsAdmin.error.state') });
  if (values.answer.length > ANSWER_MAX)
    errors.push({
      field: 'answer',
      message: ctx.t('proposals.error.tooLong', { max: ANSWER_MAX }),
    });
  const cents = values.cost ? parseEuros(values.cost) : null;
  if (values.cost && cents === null)
    errors.push({ field: 'cost', message: ctx.t('proposalsAdmin.error.cost') });
  const dto = {
    state: values.state,
    ...(values.answer ? { answer: values.answer } : {}),
    ...(cents !== null ? { costCents: cents } : {}),
  };
  return { values, errors, dto: errors.length ? null : dto };
}

/** An id chosen in a form (an evaluator, a budget): a UUID, else an error on its field. */
function readId(
  ctx: PageContext,
  body: FormBody,
  field: string,
  message: MessageKey,
  optional = false,
): FormRead<{ id: string }> {
  const id = formText(body, field);
  const ok = isUuid(id) || (optional && !id);
  return {
    values: { [field]: id },
    errors: ok ? [] : [{ field, message: ctx.t(message) }],
    dto: ok ? { id } : null,
  };
}

const isAdmin = (r: StaffRoles) => r.admin;

export const ADMIN_PROPOSAL_FORMS = [
  staffForm({
    path: 'new',
    load: (req, res, config) => staffPlace(req, res, config, isAdmin),
    read: ({ ctx, w }, body) => readOfficial(ctx, w, body),
    send: ({ ctx, w }, dto) =>
      ctx.api.post(`/api/proposals/components/${w.componentId}/proposals`, dto),
    done: (place, answer) => `${componentPath(place)}/${(answer.body as Proposal).id}?done=created`,
    fields: {
      title: 'title',
      body: 'body',
      address: 'address',
      area: 'area',
      onBehalfOf: 'onBehalfOf',
      origin: 'origin',
    },
    again: ({ ctx, w, roles }, res, form, status) =>
      renderOfficial(ctx, res, w, roles, form, status),
  }),
  moderationForm(
    'moderation/users/:userId/block',
    (r) => r.orgModerator,
    (p) => isUuid(p.userId),
    {
      // One form per author and item of the queue: the item names which one comes back.
      target: (p, body) => {
        const item = formText(body, 'item');
        return `${p.userId}-${isUuid(item) ? item : ''}`;
      },
      call: (p) => `/api/proposals/moderation/users/${p.userId}/block`,
      done: () => 'blocked',
    },
  ),
  moderationForm(
    'moderation/:type/:itemId/:act',
    (r) => r.moderator,
    (p) =>
      (p.type === 'proposal' || p.type === 'comment') &&
      (p.act === 'hide' || p.act === 'restore' || p.act === 'dismiss') &&
      isUuid(p.itemId),
    {
      target: (p) => p.itemId,
      call: (p) => `/api/proposals/moderation/${p.type}s/${p.itemId}/${p.act}`,
      done: (p) => (p.act === 'hide' ? 'hidden' : p.act === 'restore' ? 'restored' : 'dismissed'),
    },
  ),
  evaluationForm('answer', (r) => r.admin || r.evaluator, {
    path: 'answer',
    read: ({ ctx }, body) => readAnswer(ctx, body),
    send: ({ ctx, params }, dto) =>
      ctx.api.post(`/api/proposals/proposals/${params.proposalId}/answer`, dto),
    fields: { state: 'state', answer: 'answer', costCents: 'cost' },
    done: 'answered',
    anchor: 'answer-section',
  }),
  evaluationForm('evaluator', isAdmin, {
    path: 'evaluators',
    read: ({ ctx }, body) => readId(ctx, body, 'userId', 'proposalsAdmin.error.evaluator'),
    send: ({ ctx, params }, { id }) =>
      ctx.api.put(`/api/proposals/proposals/${params.proposalId}/evaluators/${id}`, {}),
    fields: { userId: 'userId' },
    done: 'assigned',
    anchor: 'evaluators',
  }),
  evaluationForm('evaluator', isAdmin, {
    path: 'evaluators/:userId/remove',
    // A malformed evaluator id: the page again, with nothing to fix (as before, a 400).
    read: ({ params }) => ({ values: {}, errors: [], dto: isUuid(params.userId) ? {} : null }),
    send: ({ ctx, params }) =>
      ctx.api.delete(`/api/proposals/proposals/${params.proposalId}/evaluators/${params.userId}`),
    done: 'unassigned',
    anchor: 'evaluators',
  }),
  evaluationForm('budget', isAdmin, {
    path: 'send-to-budget',
    // Naming the budget is optional.
    read: ({ ctx }, body) =>
      readId(ctx, body, 'budgetComponentId', 'proposalsAdmin.error.budget', true),
    send: ({ ctx, params }, { id }) =>
      ctx.api.post(
        `/api/proposals/proposals/${params.proposalId}/send-to-budget`,
        id ? { budgetComponentId: id } : {},
      ),
    fields: { budgetComponentId: 'budgetComponentId' },
    done: 'sent',
    anchor: 'budget',
  }),
];
