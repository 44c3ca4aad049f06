/**
 * The proposals back-office: a component's proposals for its staff, the
 * evaluation of one (state, public answer, estimated cost, evaluators,
 * sending to a budget), the entry of official, paper and workshop proposals,
 * and the moderation queue with its log.
 */
import { reasonText as spamReasonText, scoreText } from '../../antispam/admin/admin-spam.pages';
import { errorSummary, type FieldError } from '../../shared/html/components';
import {
  errorOf,
  inputField,
  radioGroup,
  stackedTable,
  textArea,
} from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import { authorName } from '../../shared/i18n/author-name';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import type { Grant } from '../../organization/organization.api';
import { textIn } from '../../spaces/spaces.api';
import { local } from '../../spaces/public/spaces.pages';
import {
  ANSWER_MAX,
  REASON_MAX,
  euros,
  limitsOf,
  type EvaluationState,
  type ModerationItem,
  type ModerationLogEntry,
  type Proposal,
  type ProposalItem,
  type Where,
} from '../proposals.api';
import {
  authorLine,
  proposalFields,
  proposalPath,
  proposalsPath,
  stateName,
  type FormState,
} from '../public/proposals.pages';
import type { StaffRoles } from './proposals-staff-access';

export const ADMIN_PROPOSALS = '/admin/proposals';
export const adminProposalsPath = (spaceId: string, componentId: string) =>
  `/admin/spaces/${spaceId}/proposals/${componentId}`;
export const OFFICIAL_ORIGINS = ['official', 'paper', 'workshop'] as const;

const base = (w: Where) => adminProposalsPath(w.space.id, w.componentId);

function header(ctx: PageContext, w: Where, roles: StaffRoles, current: string): Html {
  const { t } = ctx;
  const link = (href: string, label: string, key: string) =>
    html`<li>
      <a href="${href}" ${current === key ? html`aria-current="page"` : ''}>${label}</a>
    </li>`;
  return html`<p>
      <a href="${roles.admin ? `/admin/spaces/${w.space.id}#components` : ADMIN_PROPOSALS}"
        >← ${local(ctx, w.space.title)}</a
      >
    </p>
    <nav aria-label="${t('proposalsAdmin.nav.label')}">
      <ul>
        ${link(base(w), t('proposalsAdmin.nav.list'), 'list')}
        ${roles.moderator ? link(`${base(w)}/moderation`, t('proposalsAdmin.nav.moderation'), 'moderation') : ''}
        ${roles.admin ? link(`${base(w)}/new`, t('proposalsAdmin.nav.new'), 'new') : ''}
        <li><a href="${proposalsPath(w.space.slug, w.componentId)}">${t('proposalsAdmin.nav.public')}</a></li>
      </ul>
    </nav>`;
}

/** The organization's spaces with proposals components this visitor works on. */
export function indexPage(
  ctx: PageContext,
  spaces: { id: string; title: Html | string; components: { id: string; name: Html | string }[] }[],
): Html {
  const { t } = ctx;
  return html`<p><a href="/admin">← ${t('nav.admin')}</a></p>
    <h1>${t('proposalsAdmin.index.title')}</h1>
    <p>${t('proposalsAdmin.index.intro')}</p>
    ${
      spaces.length === 0
        ? html`<p>${t('proposalsAdmin.index.none')}</p>`
        : html`<ul class="card-list">
            ${spaces.map(
              (s) =>
                html`<li class="card">
                  <h2>${s.title}</h2>
                  <ul>
                    ${s.components.map((c) => html`<li><a href="${adminProposalsPath(s.id, c.id)}">${c.name}</a></li>`)}
                  </ul>
                </li>`,
            )}
          </ul>`
    }`;
}

export function overviewPage(
  ctx: PageContext,
  w: Where,
  roles: StaffRoles,
  opts: {
    items: ProposalItem[];
    states: EvaluationState[];
    state: string;
    nextCursor: string | null;
    cursor: string;
    assigned: { id: string }[] | null;
    done: string | null;
  },
): Html {
  const { t, i18n } = ctx;
  const stateChoices: [string, string][] = [
    ['', t('proposals.state.all')],
    ['not_answered', t('proposals.state.none')],
    ...opts.states.map((s): [string, string] => [s.key, stateName(ctx, opts.states, s.key)]),
    ['withdrawn', t('proposals.state.withdrawn')],
  ];
  const next = new URLSearchParams();
  if (opts.state) next.set('state', opts.state);
  const first = `${base(w)}${next.size ? `?${next}` : ''}`;
  if (opts.nextCursor) next.set('cursor', opts.nextCursor);
  const assigned = new Set((opts.assigned ?? []).map((a) => a.id));
  return html`${header(ctx, w, roles, 'list')} ${doneNotice(opts.done)}
    <h1>${t('proposalsAdmin.title', { name: textIn(w.componentName, ctx.locale) })}</h1>
    <p>${t('proposalsAdmin.intro')}</p>
    ${
      opts.assigned
        ? html`<p>${i18n.plural('proposalsAdmin.assignedToMe', opts.assigned.length)}</p>`
        : ''
    }
    <form method="get" action="${base(w)}" class="filters-form">
      <div class="filters">
        <div>
          <label for="state">${t('proposals.state')}</label>
          <select id="state" name="state">
            ${stateChoices.map(([v, l]) => html`<option value="${v}" ${opts.state === v ? html`selected` : ''}>${l}</option>`)}
          </select>
        </div>
        <div><button class="button" type="submit">${t('proposals.apply')}</button></div>
      </div>
    </form>
    ${
      opts.items.length === 0
        ? html`<p>${t('proposals.none')}</p>`
        : stackedTable(
            t('proposalsAdmin.table'),
            [
              t('proposalsAdmin.col.title'),
              t('proposalsAdmin.col.author'),
              t('proposalsAdmin.col.state'),
              t('proposalsAdmin.col.supports'),
              t('proposalsAdmin.col.comments'),
            ],
            opts.items.map((p) => [
              html`<a href="${base(w)}/${p.id}"
                  >${p.title}<span class="visually-hidden"> — ${t('proposalsAdmin.evaluate')}</span></a
                >${assigned.has(p.id) ? html` <span class="tag">${t('proposalsAdmin.assigned')}</span>` : ''}`,
              authorLine(ctx, p),
              stateName(ctx, opts.states, p.state),
              i18n.number(p.supports ?? p.votes ?? 0),
              i18n.number(p.comments),
            ]),
          )
    }
    <nav class="pager" aria-label="${t('proposals.pages')}">
      ${opts.cursor ? html`<a href="${first}">${t('proposals.firstPage')}</a>` : ''}
      ${opts.nextCursor ? html`<a href="${base(w)}?${next.toString()}" rel="next">${t('proposals.next')}</a>` : ''}
    </nav>`;
}

export interface EvaluationForms {
  answer: FormState;
  evaluator: FormState;
  budget: FormState;
  /** Which form the notice belongs to. */
  key: 'answer' | 'evaluator' | 'budget' | '';
}

export const NO_FORMS: EvaluationForms = {
  answer: { values: {}, errors: [] },
  evaluator: { values: {}, errors: [] },
  budget: { values: {}, errors: [] },
  key: '',
};

/** "15 000,50" as a number of cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  const m =
    /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(compact) ?? /^(\d{1,3}(?:[.,]\d{3})+)$/.exec(compact);
  if (!m) return null;
  if (m[2] === undefined && /[.,]/.test(m[1])) return Number(m[1].replace(/[.,]/g, '')) * 100;
  return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}

const centsText = (cents: number | null | undefined) =>
  cents === null || cents === undefined
    ? ''
    : cents % 100 === 0
      ? String(cents / 100)
      : (cents / 100).toFixed(2).replace('.', ',');

export function evaluationPage(
  ctx: PageContext,
  w: Where,
  roles: StaffRoles,
  opts: {
    p: Proposal;
    states: EvaluationState[];
    evaluators: { userId: string; assignedAt: string }[] | null;
    candidates: Grant[] | null;
    forms: EvaluationForms;
    done: string | null;
  },
): Html {
  const { t, i18n } = ctx;
  const { p } = opts;
  const path = `${base(w)}/${p.id}`;
  const f = opts.forms;
  const answerValues =
    f.key === 'answer'
      ? f.answer.values
      : {
          state: p.answer?.state ?? p.state ?? '',
          answer: p.answer?.text ?? '',
          cost: centsText(p.answer?.costCents),
        };
  const nameOf = (userId: string) => {
    const g = opts.candidates?.find((c) => c.userId === userId);
    return g ? (g.displayName ?? g.email ?? userId) : userId;
  };
  const budgets = w.space.components.filter((c) => c.type === 'budgets');
  const sendable = p.state === 'accepted' && (p.answer?.costCents ?? 0) > 0 && !p.sentToBudgetAt;
  const allErrors = [...f.answer.errors, ...f.evaluator.errors, ...f.budget.errors];
  const candidates = (opts.candidates ?? []).filter(
    (g) =>
      g.role === 'evaluator' &&
      (!g.spaceId || g.spaceId === w.space.id) &&
      !(opts.evaluators ?? []).some((e) => e.userId === g.userId),
  );
  return html`${header(ctx, w, roles, '')} ${doneNotice(opts.done)}
    <p><a href="${base(w)}">← ${t('proposalsAdmin.nav.list')}</a></p>
    <h1>${t('proposalsAdmin.evaluateTitle', { title: p.title })}</h1>
    <p class="meta">
      <span class="tag">${t('proposals.stateLabel')} ${stateName(ctx, opts.states, p.state)}</span> ·
      ${authorLine(ctx, p)} · ${t('proposals.publishedOn', { date: i18n.date(p.publishedAt) })} ·
      ${i18n.plural('proposals.votes', p.supports ?? p.votes ?? 0)}
    </p>
    <p><a href="${proposalPath(w, p.id)}">${t('proposalsAdmin.publicPage')}</a></p>
    ${errorSummary(i18n, allErrors)}
    <details>
      <summary>${t('proposals.text')}</summary>
      <p style="white-space:pre-line">${p.body}</p>
      ${p.address ? html`<p><strong>${t('proposals.address')}</strong> ${p.address}</p>` : ''}
      ${p.area ? html`<p><strong>${t('proposals.area')}</strong> ${p.area}</p>` : ''}
    </details>
    <section aria-labelledby="answer-title" id="answer-section">
      <h2 id="answer-title">${t('proposalsAdmin.answer.title')}</h2>
      ${p.state === 'withdrawn' ? html`<p class="notice">${t('proposalsAdmin.answer.withdrawn')}</p>` : ''}
      ${f.key === 'answer' ? formNotice(f.answer.notice) : ''}
      <form method="post" action="${path}/answer" novalidate data-once>
        ${radioGroup({
          name: 'state',
          legend: t('proposalsAdmin.answer.state'),
          value: answerValues.state,
          error: errorOf(f.answer.errors, 'state'),
          i18n,
          choices: opts.states.map((s) => ({
            value: s.key,
            label: stateName(ctx, opts.states, s.key),
          })),
        })}
        ${textArea({ id: 'answer', label: t('proposalsAdmin.answer.text'), hint: t('proposalsAdmin.answer.textHint', { max: ANSWER_MAX }), value: answerValues.answer, rows: 6, maxlength: ANSWER_MAX, error: errorOf(f.answer.errors, 'answer'), i18n })}
        ${inputField({ id: 'cost', label: t('proposalsAdmin.answer.cost'), hint: t('proposalsAdmin.answer.costHint'), value: answerValues.cost, kind: 'integer', error: errorOf(f.answer.errors, 'cost'), i18n })}
        <p><button class="button" type="submit">${t('proposalsAdmin.answer.save')}</button></p>
      </form>
    </section>
    ${
      roles.admin
        ? html`<section aria-labelledby="evaluators-title" id="evaluators">
            <h2 id="evaluators-title">${t('proposalsAdmin.evaluators.title')}</h2>
            ${f.key === 'evaluator' ? formNotice(f.evaluator.notice) : ''}
            ${
              (opts.evaluators ?? []).length === 0
                ? html`<p>${t('proposalsAdmin.evaluators.none')}</p>`
                : html`<ul>
                    ${(opts.evaluators ?? []).map(
                      (e) =>
                        html`<li>
                          ${nameOf(e.userId)}
                          <span class="meta">(${t('proposalsAdmin.evaluators.since', { date: i18n.date(e.assignedAt) })})</span>
                          <form class="inline" method="post" action="${path}/evaluators/${e.userId}/remove" data-once>
                            <button class="link-button" type="submit">
                              ${t('proposalsAdmin.evaluators.remove')}<span class="visually-hidden"> : ${nameOf(e.userId)}</span>
                            </button>
                          </form>
                        </li>`,
                    )}
                  </ul>`
            }
            <form method="post" action="${path}/evaluators" novalidate data-once>
              ${
                opts.candidates
                  ? candidates.length
                    ? radioGroup({
                        name: 'userId',
                        legend: t('proposalsAdmin.evaluators.who'),
                        value: f.evaluator.values.userId,
                        error: errorOf(f.evaluator.errors, 'userId'),
                        i18n,
                        choices: candidates.map((g) => ({
                          value: g.userId,
                          label: g.displayName ?? g.email ?? g.userId,
                          hint: g.email ?? undefined,
                        })),
                      })
                    : html`<p>${t('proposalsAdmin.evaluators.noCandidates')}</p>`
                  : inputField({
                      id: 'userId',
                      label: t('proposalsAdmin.evaluators.accountId'),
                      hint: t('proposalsAdmin.evaluators.accountIdHint'),
                      value: f.evaluator.values.userId,
                      error: errorOf(f.evaluator.errors, 'userId'),
                      i18n,
                    })
              }
              ${!opts.candidates || candidates.length ? html`<p><button class="button" type="submit">${t('proposalsAdmin.evaluators.assign')}</button></p>` : ''}
            </form>
          </section>
          <section aria-labelledby="budget-title" id="budget">
            <h2 id="budget-title">${t('proposalsAdmin.budget.title')}</h2>
            ${f.key === 'budget' ? formNotice(f.budget.notice) : ''}
            ${
              p.sentToBudgetAt
                ? html`<p>${t('proposals.sentToBudget', { date: i18n.date(p.sentToBudgetAt) })}</p>`
                : !sendable
                  ? html`<p>${t('proposalsAdmin.budget.notReady')}</p>`
                  : html`<p>${t('proposalsAdmin.budget.intro', { amount: euros(ctx, p.answer?.costCents ?? 0) })}</p>
                      <form method="post" action="${path}/send-to-budget" novalidate data-once>
                        ${
                          budgets.length
                            ? radioGroup({
                                name: 'budgetComponentId',
                                legend: t('proposalsAdmin.budget.component'),
                                value: f.budget.values.budgetComponentId ?? budgets[0].id,
                                error: errorOf(f.budget.errors, 'budgetComponentId'),
                                i18n,
                                choices: budgets.map((b) => ({
                                  value: b.id,
                                  label: textIn(b.name, ctx.locale),
                                })),
                              })
                            : ''
                        }
                        <p><button class="button" type="submit">${t('proposalsAdmin.budget.send')}</button></p>
                      </form>`
            }
          </section>`
        : ''
    }`;
}

export function officialPage(ctx: PageContext, w: Where, roles: StaffRoles, form: FormState): Html {
  const { t, i18n } = ctx;
  const enabled = limitsOf(w.effective).officialEnabled;
  return html`${header(ctx, w, roles, 'new')}
    <h1>${t('proposalsAdmin.official.title')}</h1>
    <p>${t('proposalsAdmin.official.intro')}</p>
    ${
      enabled
        ? html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
            <form method="post" action="${base(w)}/new" novalidate data-once>
              ${radioGroup({
                name: 'origin',
                legend: t('proposalsAdmin.official.origin'),
                value: form.values.origin || 'official',
                error: errorOf(form.errors, 'origin'),
                i18n,
                choices: OFFICIAL_ORIGINS.map((o) => ({
                  value: o,
                  label: t(`proposals.origin.${o}` as MessageKey),
                })),
              })}
              ${proposalFields(ctx, w, form, { behalf: true })}
              <p><button class="button" type="submit">${t('proposalsAdmin.official.submit')}</button></p>
            </form>`
        : html`<p class="notice warning">${t('proposalsAdmin.official.off')}</p>`
    }`;
}

const HIDDEN_BY: Record<string, MessageKey> = {
  reports: 'proposalsAdmin.moderation.hiddenBy.reports',
  moderator: 'proposalsAdmin.moderation.hiddenBy.moderator',
  'author-blocked': 'proposalsAdmin.moderation.hiddenBy.author',
};
const ACTIONS: Record<string, MessageKey> = {
  hide: 'proposalsAdmin.log.hide',
  restore: 'proposalsAdmin.log.restore',
  'dismiss-reports': 'proposalsAdmin.log.dismiss',
  'hidden-by-reports': 'proposalsAdmin.log.hiddenByReports',
  'block-author': 'proposalsAdmin.log.block',
  'unblock-author': 'proposalsAdmin.log.unblock',
  'reported-by-antispam': 'proposalsAdmin.log.reportedByAntispam',
};

export interface ModerationForm {
  /** The item (or author) whose form comes back. */
  target: string;
  values: Record<string, string>;
  errors: FieldError[];
  notice?: string | null;
}

export function moderationPage(
  ctx: PageContext,
  w: Where,
  roles: StaffRoles,
  opts: {
    items: ModerationItem[];
    log: ModerationLogEntry[];
    names: Map<string, string>;
    form: ModerationForm | null;
    done: string | null;
  },
): Html {
  const { t, i18n } = ctx;
  const reasonText = (r: string) =>
    ['spam', 'offensive', 'does_not_belong', 'other'].includes(r)
      ? t(`proposals.report.reason.${r}` as MessageKey)
      : r;
  /** The antispam service's report in words: who, the score, the reasons. */
  const antispamWords = (a: { score: number; reasons: string[] }) =>
    t('proposalsAdmin.moderation.byAntispam', {
      score: scoreText(ctx, a.score),
      reasons: a.reasons.map((r) => spamReasonText(ctx, r)).join(' ; ') || '—',
    });
  const titleOf = new Map<string, string>();
  for (const it of opts.items) if (it.type === 'proposal') titleOf.set(it.id, it.title ?? '');
  const reasonField = (id: string, label: string) => {
    const mine = opts.form?.target === id;
    return inputField({
      id: `reason-${id}`,
      label,
      hint: t('proposalsAdmin.moderation.reasonHint'),
      value: mine ? opts.form?.values.reason : '',
      maxlength: REASON_MAX,
      required: true,
      error: mine ? errorOf(opts.form?.errors ?? [], `reason-${id}`) : undefined,
      i18n,
    });
  };
  // A null name: the author deleted their account.
  const nameOf = (it: ModerationItem) =>
    authorName(ctx, { name: it.authorName ?? '', deleted: it.authorName === null });
  const item = (it: ModerationItem) => {
    const kind =
      it.type === 'proposal'
        ? t('proposalsAdmin.moderation.proposal')
        : t('proposalsAdmin.moderation.comment');
    const link = it.type === 'proposal' ? `${base(w)}/${it.id}` : `${base(w)}/${it.proposalId}`;
    const act = it.hidden ? 'restore' : 'hide';
    const label = it.hidden
      ? t('proposalsAdmin.moderation.restore')
      : t('proposalsAdmin.moderation.hide');
    return html`<li class="card" id="item-${it.id}">
      <h3>
        <span class="tag">${kind}</span>
        ${it.type === 'proposal' ? html`<a href="${link}">${it.title}</a>` : html`<a href="${link}">${titleOf.get(it.proposalId ?? '') ? t('proposalsAdmin.moderation.onProposal', { title: titleOf.get(it.proposalId ?? '') ?? '' }) : t('proposalsAdmin.moderation.seeProposal')}</a>`}
      </h3>
      ${it.type === 'comment' ? html`<blockquote style="white-space:pre-line;margin:.25rem 0">${it.body}</blockquote>` : ''}
      <p class="meta">
        ${t('proposals.by', { name: it.authorName === '' ? t('proposals.origin.official') : nameOf(it) })} ·
        ${i18n.plural('proposalsAdmin.moderation.reports', it.reportCount)} ·
        <strong
          >${it.hidden ? t('proposalsAdmin.moderation.hidden', { by: it.hiddenReason && HIDDEN_BY[it.hiddenReason] ? t(HIDDEN_BY[it.hiddenReason]) : (it.hiddenReason ?? '') }) : t('proposalsAdmin.moderation.visible')}</strong
        >
      </p>
      ${
        it.reports.length
          ? html`<ul>
              ${it.reports.map((r) => html`<li>${reasonText(r.reason)}${r.antispam ? html` — ${antispamWords(r.antispam)}` : r.details ? html` — ${r.details}` : ''}</li>`)}
            </ul>`
          : ''
      }
      ${opts.form?.target === it.id ? formNotice(opts.form.notice) : ''}
      <form method="post" action="${base(w)}/moderation/${it.type}/${it.id}/${act}" novalidate data-once>
        ${reasonField(it.id, t('proposalsAdmin.moderation.reason'))}
        <p>
          <button class="button${it.hidden ? '' : ' secondary'}" type="submit">${label}<span class="visually-hidden"> : ${it.type === 'proposal' ? it.title : kind}</span></button>
          ${
            // Unfounded reports of content still shown: set them aside, the content stays.
            !it.hidden && it.reportCount > 0
              ? html`<button class="button secondary" type="submit" formaction="${base(w)}/moderation/${it.type}/${it.id}/dismiss">${t('proposalsAdmin.moderation.dismiss')}<span class="visually-hidden"> : ${it.type === 'proposal' ? it.title : kind}</span></button>`
              : ''
          }
        </p>
      </form>
      ${
        roles.orgModerator && it.authorId
          ? html`<details>
              <summary>${t('proposalsAdmin.moderation.block', { name: nameOf(it) })}</summary>
              <p>${t('proposalsAdmin.moderation.blockHint')}</p>
              <form method="post" action="${base(w)}/moderation/users/${it.authorId}/block" novalidate data-once>
                <input type="hidden" name="item" value="${it.id}" />
                ${reasonField(`${it.authorId}-${it.id}`, t('proposalsAdmin.moderation.reason'))}
                <p><button class="button secondary" type="submit">${t('proposalsAdmin.moderation.blockButton', { name: nameOf(it) })}</button></p>
              </form>
            </details>`
          : ''
      }
    </li>`;
  };
  const authors = new Map<string, string>();
  for (const it of opts.items) if (it.authorId) authors.set(it.authorId, nameOf(it));
  const who = (id: string | null) =>
    id === null
      ? t('proposalsAdmin.log.platform')
      : (opts.names.get(id) ?? t('proposalsAdmin.log.staff', { id: id.slice(0, 8) }));
  return html`${header(ctx, w, roles, 'moderation')} ${doneNotice(opts.done)}
    <h1>${t('proposalsAdmin.moderation.title', { name: textIn(w.componentName, ctx.locale) })}</h1>
    ${opts.form && !opts.items.some((i) => i.id === opts.form?.target) ? formNotice(opts.form.notice) : ''}
    ${errorSummary(i18n, opts.form?.errors ?? [])}
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">${t('proposalsAdmin.moderation.queue')}</h2>
      ${
        opts.items.length === 0
          ? html`<p>${t('proposalsAdmin.moderation.empty')}</p>`
          : html`<ul class="card-list">
              ${opts.items.map(item)}
            </ul>`
      }
    </section>
    <section aria-labelledby="log-title">
      <h2 id="log-title">${t('proposalsAdmin.log.title')}</h2>
      ${
        opts.log.length === 0
          ? html`<p>${t('proposalsAdmin.log.empty')}</p>`
          : stackedTable(
              t('proposalsAdmin.log.table'),
              [
                t('proposalsAdmin.log.when'),
                t('proposalsAdmin.log.who'),
                t('proposalsAdmin.log.what'),
                t('proposalsAdmin.log.why'),
              ],
              opts.log.map((e) => [
                html`<time datetime="${e.at}">${i18n.dateTime(e.at)}</time>`,
                e.action === 'reported-by-antispam'
                  ? t('proposalsAdmin.log.antispam')
                  : who(e.actorId),
                html`${ACTIONS[e.action] ? t(ACTIONS[e.action]) : e.action}
                  ${e.targetType === 'proposal' && titleOf.has(e.targetId) ? html`— ${titleOf.get(e.targetId)}` : ''}
                  ${e.targetType === 'user' && authors.has(e.targetId) ? html`— ${authors.get(e.targetId)}` : ''}
                  <span class="meta"
                    >(${e.targetType === 'proposal' ? t('proposalsAdmin.moderation.proposal') : e.targetType === 'comment' ? t('proposalsAdmin.moderation.comment') : t('proposalsAdmin.log.author')})</span
                  >`,
                e.action === 'reported-by-antispam'
                  ? (e.reason ?? '')
                      .split('; ')
                      .filter(Boolean)
                      .map((r) => spamReasonText(ctx, r))
                      .join(' ; ')
                  : (e.reason ?? ''),
              ]),
              { captionHidden: true },
            )
      }
    </section>`;
}
