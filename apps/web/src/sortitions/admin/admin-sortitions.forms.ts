/**
 * The forms of the administrators' sortitions pages, declared for the form
 * executor: each is a plain POST, 303 to the draw's page with a notice when
 * it worked, the page again with its errors per field when not. Preparing a
 * draw fixes its list and publishes its commitment; drawing and cancelling
 * are final, so both ask first. The service's refusals are said next to the
 * control they concern: the pool's line, the quota row of the category no
 * panel can meet, the proposals component with nothing to draw among. The
 * sortitions API checks the administrator again on every call.
 */
import { pickText } from '@palabre/contracts';
import type { FastifyReply } from 'fastify';
import type { WebConfig } from '../../shared/config/web.config';
import type { Confirmation } from '../../shared/forms/confirm-page';
import {
  formAction,
  type FormActionSpec,
  type FormPlace,
  type Refusal,
} from '../../shared/forms/form-action';
import { apiFieldErrors, ruleText } from '../../shared/forms/form-notices';
import type { ApiResponse, Problem } from '../../shared/gateway/gateway-client';
import type { FieldError } from '../../shared/html/components';
import type { I18n, MessageKey } from '../../shared/i18n/i18n';
import type { PageRequest } from '../../shared/layout/http';
import type { PageContext } from '../../shared/layout/page-context';
import { refusal } from '../../spaces/admin/space-admin.api';
import {
  SORTITIONS_API,
  isInfeasible,
  type DrawView,
  type InfeasibleProblem,
  type PoolProblem,
} from '../sortitions.api';
import {
  atComponent,
  atDraw,
  param,
  renderComponent,
  renderDraw,
  zone,
  type AtComponent,
  type AtDraw,
} from './admin-sortitions.controller';
import { componentAdminPath, drawAdminPath, proposalsComponents } from './admin-sortitions.pages';
import {
  CANCEL_FIELDS,
  DRAW_FIELDS,
  PANEL_FIELDS,
  PROPOSALS_FIELDS,
  poolMessage,
  quotaId,
  readCancel,
  readDrawNow,
  readPanelDraw,
  readProposalsDraw,
  type CancelBody,
  type DrawNowBody,
  type PanelDraw,
  type ProposalsDrawBody,
} from './draw-form';

/** An error the site has already put in words, on the control it concerns. */
const SAID = 'sortitions.said';

/** The API's answer with some of its refusals said by the site (`rule: SAID`), and a notice. */
interface SaidProblem extends Problem {
  notice?: string;
}

function said(
  answer: ApiResponse<unknown>,
  errors: FieldError[],
  rest: NonNullable<Problem['errors']> = [],
  notice?: string,
): ApiResponse<SaidProblem> {
  return {
    ...answer,
    body: {
      ...((answer.body ?? {}) as Problem),
      errors: [...errors.map((e) => ({ ...e, rule: SAID })), ...rest],
      ...(notice ? { notice } : {}),
    },
  };
}

/**
 * The API's refusal on an administrator's form: what the site said next to
 * its controls, the API's other field errors by their rule, and its codes in
 * words (a state that forbids it: `wrongState`). 5xx, 429 and 401 are error pages.
 */
function refused(
  ctx: PageContext,
  answer: ApiResponse<Problem | null>,
  fields: Record<string, string>,
  wrongState?: MessageKey,
): Refusal {
  const body = answer.body as SaidProblem | null;
  const own = (body?.errors ?? []).filter((e) => e.rule === SAID);
  if (own.length || body?.notice) {
    const others = apiFieldErrors(
      ctx,
      { ...body, errors: (body?.errors ?? []).filter((e) => e.rule !== SAID) },
      fields,
    );
    return {
      errors: [...own.map(({ field, message }) => ({ field, message })), ...others],
      ...(body?.notice ? { notice: body.notice } : {}),
      status: answer.status === 422 ? 422 : 400,
    };
  }
  const out = refusal(ctx, answer, fields);
  const code = answer.body?.code;
  if (code === 'NOT_ALLOWED' || answer.status === 403)
    out.notice = ctx.t('sortitionsAdmin.error.notAllowed');
  if (code === 'WRONG_STATE') out.notice = ctx.t(wrongState ?? 'sortitionsAdmin.error.wrongState');
  return out;
}

/** An administrator's form: its refusals read as `refused` says (WRONG_STATE as `wrongState`). */
function adminAction<P extends FormPlace, D>(
  spec: FormActionSpec<P, D> & { wrongState?: MessageKey },
) {
  const { wrongState, ...rest } = spec;
  return formAction<P, D>({
    refusal: ({ ctx }, answer, fields) => refused(ctx, answer, fields, wrongState),
    ...rest,
  });
}

const created = (answer: ApiResponse<unknown>) =>
  `${drawAdminPath((answer.body as DrawView).id)}?done=prepared`;

/** The component's page, for its forms' loader (sign-in returns to the form's section). */
const componentAt = (suffix: string) => (req: PageRequest, res: FastifyReply, config: WebConfig) =>
  atComponent(req, res, config, `${componentAdminPath(param(req, 'componentId'))}${suffix}`);

/** A draw's page, for its forms' loader. */
const drawAt = (suffix: string) => (req: PageRequest, res: FastifyReply, config: WebConfig) =>
  atDraw(req, res, config, `${drawAdminPath(param(req, 'drawId'))}${suffix}`);

const titleOf = (ctx: PageContext, d: Pick<DrawView, 'title'>) =>
  pickText(d.title, ctx.locale).text;

// --- the refusals of a prepared draw, in words ---------------------------------------------------

/** Proposals refuses the component drawn from: not one of the space's, or nothing to draw among. */
function proposalsAnswer(
  i18n: I18n,
  answer: ApiResponse<unknown>,
  dto: ProposalsDrawBody,
): ApiResponse<unknown> {
  const errors = (answer.body as Problem | null)?.errors ?? [];
  const source = errors.find((e) => e.field === 'proposalsComponentId');
  if (answer.status !== 400 || !source) return answer;
  const rest = errors.filter((e) => e !== source);
  if (source.rule === 'isNotEmpty')
    return said(
      answer,
      [
        dto.area
          ? {
              field: 'area',
              message: i18n.t('sortitionsAdmin.proposals.noCandidatesArea', { area: dto.area }),
            }
          : { field: 'source', message: i18n.t('sortitionsAdmin.proposals.noCandidates') },
      ],
      rest,
    );
  return said(answer, [{ field: 'source', message: i18n.t('sortitionsAdmin.error.source') }], rest);
}

/** Why the pool's line is refused, by the service's rule. */
const POOL_RULES: Record<string, MessageKey> = {
  encoding: 'sortitionsAdmin.pool.encoding',
  csv: 'sortitionsAdmin.pool.csv',
  duplicate: 'sortitionsAdmin.pool.duplicateLine',
  unknown: 'sortitionsAdmin.pool.unknown',
  isNotEmpty: 'sortitionsAdmin.pool.missing',
};

/** 422 QUOTAS_INFEASIBLE said next to the quota row of its category (or the panel's size). */
function infeasibleError(i18n: I18n, p: InfeasibleProblem, dto: PanelDraw): FieldError {
  const { size, quotas } = dto.body;
  const rowOf = (category: string, value?: string | null) => {
    const i = quotas.findIndex(
      (q) =>
        q.category === category && (value === undefined || value === null || q.value === value),
    );
    return i >= 0 ? dto.rows[i] : null;
  };
  const number = (re: RegExp) => {
    const m = re.exec(p.reason ?? '');
    return m ? Number(m[1]) : null;
  };
  if (!p.category) {
    const holds = number(/holds (\d+)/);
    return holds !== null
      ? {
          field: 'size',
          message: i18n.t('sortitionsAdmin.infeasible.poolSmall', { count: holds, size }),
        }
      : {
          field: quotaId(dto.rows[0] ?? 0, 'category'),
          message: i18n.t('sortitionsAdmin.infeasible.together', { size }),
        };
  }
  const { category } = p;
  const first = rowOf(category) ?? dto.rows[0] ?? 0;
  if (p.value) {
    const row = rowOf(category, p.value) ?? first;
    const min = number(/at least (\d+)/);
    const available = number(/the pool has (\d+)/);
    return min !== null && available !== null
      ? {
          field: quotaId(row, 'min'),
          message: i18n.t('sortitionsAdmin.infeasible.tooFew', {
            category,
            value: p.value,
            min,
            available,
          }),
        }
      : {
          field: quotaId(row, 'value'),
          message: i18n.t('sortitionsAdmin.infeasible.value', { category, value: p.value, size }),
        };
  }
  const sumMin = number(/add up to (\d+), more than/);
  if (sumMin !== null)
    return {
      field: quotaId(first, 'min'),
      message: i18n.t('sortitionsAdmin.infeasible.sumMin', { category, sum: sumMin, size }),
    };
  const sumMax = number(/add up to (\d+), less than/);
  if (sumMax !== null)
    return {
      field: quotaId(first, 'max'),
      message: i18n.t('sortitionsAdmin.infeasible.sumMax', { category, sum: sumMax, size }),
    };
  const capacity = number(/fill only (\d+) of/);
  if (capacity !== null)
    return {
      field: quotaId(first, 'max'),
      message: i18n.t('sortitionsAdmin.infeasible.capacity', { category, capacity, size }),
    };
  return {
    field: quotaId(first, 'category'),
    message: i18n.t('sortitionsAdmin.infeasible.category', { category, size }),
  };
}

/** The panel's refusals said by the site: the pool's line, the quota rows, the infeasible category. */
function panelAnswer(
  ctx: PageContext,
  answer: ApiResponse<unknown>,
  dto: PanelDraw,
): ApiResponse<unknown> {
  const { i18n } = ctx;
  const body = answer.body as Problem | null;
  if (answer.status === 422 && isInfeasible(body))
    return said(answer, [infeasibleError(i18n, body, dto)]);
  if (answer.status !== 400 || !body?.errors?.length) return answer;
  const own: FieldError[] = [];
  const rest: NonNullable<Problem['errors']> = [];
  for (const e of body.errors as PoolProblem[]) {
    const quota = /^quotas\.(\d+)(?:\.(\w+))?/.exec(e.field);
    if (e.field === 'pool') {
      const key = (e.rule && POOL_RULES[e.rule]) || 'sortitionsAdmin.pool.refused';
      own.push({
        field: 'pool',
        message: e.line ? poolMessage(i18n, { line: e.line, key }) : i18n.t(key),
      });
    } else if (quota) {
      const row = dto.rows[Number(quota[1])] ?? 0;
      const part =
        quota[2] === 'value' || quota[2] === 'min' || quota[2] === 'max' ? quota[2] : 'category';
      own.push({
        field: quotaId(row, part),
        message: i18n.t('sortitionsAdmin.error.quotaRefused', {
          row: row + 1,
          why: quota[2] ? ruleText(ctx, e) : i18n.t('sortitionsAdmin.error.quotaRow'),
        }),
      });
    } else rest.push(e);
  }
  return own.length ? said(answer, own, rest) : answer;
}

// --- the forms ---------------------------------------------------------------------------------

export const ADMIN_SORTITION_FORMS = [
  adminAction<AtComponent, ProposalsDrawBody>({
    path: 'admin/sortitions/components/:componentId/proposals',
    load: componentAt('#new-proposals'),
    read: ({ ctx, p }, body) =>
      readProposalsDraw(
        ctx.i18n,
        body,
        zone(ctx),
        proposalsComponents(p.space).map((c) => c.id),
      ),
    send: async ({ ctx, p }, dto) =>
      proposalsAnswer(
        ctx.i18n,
        await ctx.api.post(`${SORTITIONS_API}/components/${p.componentId}/draws/proposals`, dto),
        dto,
      ),
    done: (_at, answer) => created(answer),
    fields: PROPOSALS_FIELDS,
    again: (at, res, form, status) => renderComponent(at, res, { proposals: form }, status),
  }),
  adminAction<AtComponent, PanelDraw>({
    path: 'admin/sortitions/components/:componentId/panel',
    load: componentAt('#new-panel'),
    read: ({ ctx }, body) => readPanelDraw(ctx.i18n, body, zone(ctx)),
    send: async ({ ctx, p }, dto) =>
      panelAnswer(
        ctx,
        await ctx.api.post(`${SORTITIONS_API}/components/${p.componentId}/draws/panel`, dto.body),
        dto,
      ),
    done: (_at, answer) => created(answer),
    fields: PANEL_FIELDS,
    again: (at, res, form, status) => renderComponent(at, res, { panel: form }, status),
  }),
  adminAction<AtDraw, DrawNowBody>({
    path: 'admin/sortitions/:drawId/draw',
    load: drawAt('#draw-now'),
    read: ({ ctx }, body) => readDrawNow(ctx.i18n, body),
    confirm: ({ ctx, d }, dto): Confirmation => ({
      title: ctx.t('sortitionsAdmin.draw.ask', { title: titleOf(ctx, d) }),
      what: ctx.t('sortitionsAdmin.draw.askWhat', { numbers: dto.publicNumbers }),
      final: ctx.t('sortitionsAdmin.draw.askFinal'),
      button: ctx.t('sortitionsAdmin.draw.confirm'),
      back: `${drawAdminPath(d.id)}#draw-now`,
    }),
    send: ({ ctx, d }, dto) => ctx.api.post(`${SORTITIONS_API}/draws/${d.id}/draw`, dto),
    done: ({ d }) => `${drawAdminPath(d.id)}?done=drawn#result`,
    fields: DRAW_FIELDS,
    wrongState: 'sortitionsAdmin.draw.wrongState',
    again: (at, res, form, status) => renderDraw(at, res, { draw: form }, null, status),
  }),
  adminAction<AtDraw, CancelBody>({
    path: 'admin/sortitions/:drawId/cancel',
    load: drawAt('#cancel'),
    read: ({ ctx }, body) => readCancel(ctx.i18n, body),
    confirm: ({ ctx, d }, dto): Confirmation => ({
      title: ctx.t('sortitionsAdmin.cancel.ask', { title: titleOf(ctx, d) }),
      what: ctx.t('sortitionsAdmin.cancel.askWhat', { reason: dto.reason }),
      final: ctx.t(
        d.state === 'drawn'
          ? 'sortitionsAdmin.cancel.askFinalDrawn'
          : 'sortitionsAdmin.cancel.askFinal',
      ),
      button: ctx.t('sortitionsAdmin.cancel.confirm'),
      back: `${drawAdminPath(d.id)}#cancel`,
    }),
    send: ({ ctx, d }, dto) => ctx.api.post(`${SORTITIONS_API}/draws/${d.id}/cancel`, dto),
    done: ({ d }) => `${drawAdminPath(d.id)}?done=cancelled`,
    fields: CANCEL_FIELDS,
    wrongState: 'sortitionsAdmin.cancel.wrongState',
    again: (at, res, form, status) => renderDraw(at, res, { cancel: form }, null, status),
  }),
];
