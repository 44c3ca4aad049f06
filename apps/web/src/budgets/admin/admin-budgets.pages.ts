/**
 * The budgeting back-office: the budgets of a component (envelope, rule),
 * their projects (create, edit, withdraw; projects from accepted proposals
 * to review), paper ballots per polling station with their audit trail, the
 * confirmation of results, and the implementation tracking updates.
 */
import { pickText, type LocalizedText } from '@palabre/contracts';
import {
  errorSummary,
  localText,
  messageWith,
  type FieldError,
} from '../../shared/html/components';
import {
  checkbox,
  errorOf,
  inputField,
  radioGroup,
  stackedTable,
  textArea,
  textPerLanguage,
} from '../../shared/html/form-controls';
import { html, unsafeRaw, type Html } from '../../shared/html/html';
import type { PageContext } from '../../shared/layout/page-context';
import { staffName, type StaffNames } from '../../shared/layout/staff-names';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import { ruleText, workflowText } from '../budget-rule';
import {
  euros,
  type BudgetList,
  type BudgetView,
  type PaperEntry,
  type ProgressView,
  type ProjectView,
  type ResultsView,
} from '../budgets.api';
import { STATUS_KEYS, componentPath, progressBar } from '../public/budgets.pages';
import { textIn, type SpaceLanding } from '../../spaces/spaces.api';
import { local } from '../../spaces/public/spaces.pages';
import { spacePath } from '../../spaces/admin/admin-spaces.pages';
import {
  DESCRIPTION_MAX,
  STATUSES,
  TITLE_MAX,
  centsToText,
  textEntries,
  textsOf,
  voteField,
  type Values,
} from './budget-forms';

/** A radio's label in the page's language, else another one marked with its lang (ADR 0033). */
const choiceLabel = (ctx: PageContext, text: LocalizedText) => {
  const picked = pickText(text, ctx.locale);
  return {
    label: picked.text,
    ...(picked.lang && picked.lang !== ctx.locale ? { lang: picked.lang } : {}),
  };
};

export const ADMIN_BUDGETS = '/admin/budgets';
export const adminComponentPath = (componentId: string) => `${ADMIN_BUDGETS}/${componentId}`;
export const adminBudgetPath = (componentId: string, budgetId: string) =>
  `${ADMIN_BUDGETS}/${componentId}/${budgetId}`;

/** A form as it comes back: what was typed, its errors, a refusal that belongs to no one field. */
export interface Form {
  values: Values;
  errors: FieldError[];
  notice?: string | null;
}
export const EMPTY: Form = { values: {}, errors: [] };

export interface AdminPlace {
  space: SpaceLanding;
  componentId: string;
  list: BudgetList;
}

const componentName = (ctx: PageContext, p: AdminPlace) => {
  const c = p.space.components.find((x) => x.id === p.componentId);
  return c ? local(ctx, c.name) : ctx.t('budgetsAdmin.component');
};

function crumbs(ctx: PageContext, p: AdminPlace, budget?: BudgetView): Html {
  return html`<nav aria-label="${ctx.t('budgetsAdmin.breadcrumb')}">
    <p>
      <a href="${spacePath(p.space.id)}#components">${local(ctx, p.space.title)}</a> ›
      <a href="${adminComponentPath(p.componentId)}">${componentName(ctx, p)}</a>${
        budget
          ? html` › <a href="${adminBudgetPath(p.componentId, budget.id)}">${localText(ctx.locale, budget.title)}</a>`
          : ''
      }
    </p>
  </nav>`;
}

/** /admin/budgets: every budgets component of the organization's spaces. */
export function indexPage(ctx: PageContext, spaces: SpaceLanding[]): Html {
  const { t } = ctx;
  const rows = spaces.flatMap((s) =>
    s.components.filter((c) => c.type === 'budgets').map((c) => ({ s, c })),
  );
  return html`<p><a href="/admin">← ${t('admin.home.title')}</a></p>
    <h1>${t('budgetsAdmin.index.title')}</h1>
    <p>${t('budgetsAdmin.index.intro')}</p>
    ${
      rows.length === 0
        ? html`<p>${t('budgetsAdmin.index.none')}</p>`
        : html`<ul class="card-list">
            ${rows.map(
              ({ s, c }) => html`<li class="card">
                <h2 style="margin-top:0"><a href="${adminComponentPath(c.id)}">${local(ctx, c.name)}</a></h2>
                <p class="meta">${local(ctx, s.title)}</p>
              </li>`,
            )}
          </ul>`
    }`;
}

export function componentAdminPage(
  ctx: PageContext,
  p: AdminPlace,
  toReview: ProjectView[] | null,
  done: string | null,
  review: { projectId: string; form: Form } | null,
): Html {
  const { t, i18n } = ctx;
  const c = p.list.component;
  const publicBase = componentPath(p.space.slug, p.componentId);
  return html`${crumbs(ctx, p)}
    <h1>${t('budgetsAdmin.component.title', { name: textIn(p.space.components.find((x) => x.id === p.componentId)?.name, ctx.locale) })}</h1>
    ${doneNotice(done)}
    <p>
      ${workflowText(i18n, c.workflow)}
      ${c.votingOpen ? t('budgets.votingOpen') : t('budgets.votingClosed')}
    </p>
    <p class="meta">
      ${t('budgetsAdmin.component.settingsWhere')}
      <a href="${spacePath(p.space.id)}/components/${p.componentId}">${t('budgetsAdmin.component.settings')}</a>
    </p>
    <ul>
      <li><a href="${publicBase}">${t('budgetsAdmin.publicPage')}</a></li>
      <li><a href="${adminComponentPath(p.componentId)}/progress">${t('budgetsAdmin.tracking.title')}</a></li>
    </ul>
    <section aria-labelledby="budgets-title">
      <h2 id="budgets-title">${t('budgets.list')}</h2>
      ${
        p.list.items.length === 0
          ? html`<p>${t('budgets.none')}</p>`
          : html`<ul class="card-list">
              ${p.list.items.map(
                (b) => html`<li class="card">
                  <h3><a href="${adminBudgetPath(p.componentId, b.id)}">${localText(ctx.locale, b.title)}</a></h3>
                  <p class="meta">
                    ${b.area ? html`${t('budgets.area', { area: b.area })} · ` : ''}${t('budgets.envelope', { amount: euros(i18n, b.envelopeCents) })}
                  </p>
                  <p>${ruleText(i18n, b)}</p>
                  ${b.resultsConfirmedAt ? html`<p><span class="tag">${t('budgets.resultsConfirmed')}</span></p>` : ''}
                  <p>
                    <a href="${adminBudgetPath(p.componentId, b.id)}">${t('budgetsAdmin.budget.manage')}<span class="visually-hidden"> — ${localText(ctx.locale, b.title)}</span></a>
                    · <a href="${adminBudgetPath(p.componentId, b.id)}/paper">${t('budgetsAdmin.paper.title')}<span class="visually-hidden"> — ${localText(ctx.locale, b.title)}</span></a>
                    · <a href="${adminBudgetPath(p.componentId, b.id)}/results">${t('budgetsAdmin.results.title')}<span class="visually-hidden"> — ${localText(ctx.locale, b.title)}</span></a>
                  </p>
                </li>`,
              )}
            </ul>`
      }
      <p><a class="button" href="${adminComponentPath(p.componentId)}/new">${t('budgetsAdmin.budget.new')}</a></p>
    </section>
    <section aria-labelledby="review-title">
      <h2 id="review-title">${t('budgetsAdmin.review.title')}</h2>
      <p>${t('budgetsAdmin.review.intro')}</p>
      ${
        !toReview || toReview.length === 0
          ? html`<p>${t('budgetsAdmin.review.none')}</p>`
          : html`<ul class="card-list">
              ${toReview.map((pr) => {
                const form = review?.projectId === pr.id ? review.form : EMPTY;
                const id = `budget-${pr.id}`;
                return html`<li class="card" id="review-${pr.id}">
                  <h3>${localText(ctx.locale, pr.title)}</h3>
                  <p class="meta">${euros(i18n, pr.amountCents)}${pr.area ? html` · ${t('budgets.area', { area: pr.area })}` : ''}</p>
                  ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
                  <form method="post" action="${adminComponentPath(p.componentId)}/to-review/${pr.id}">
                    ${radioGroup({
                      name: id,
                      legend: messageWith(
                        i18n,
                        'budgetsAdmin.review.into',
                        {},
                        {
                          title: localText(ctx.locale, pr.title),
                        },
                      ),
                      choices: p.list.items.map((b) => ({
                        value: b.id,
                        ...choiceLabel(ctx, b.title),
                      })),
                      value: form.values.budgetId,
                      error: errorOf(form.errors, id),
                      i18n,
                    })}
                    <button class="button" type="submit">${t('budgetsAdmin.review.publish')}</button>
                  </form>
                </li>`;
              })}
            </ul>`
      }
    </section>`;
}

function ruleFields(ctx: PageContext, form: Form): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  return html`${radioGroup({
    name: 'rule',
    legend: t('budgetsAdmin.rule'),
    value: v.rule,
    error: errorOf(form.errors, 'rule'),
    i18n,
    choices: [
      {
        value: 'minimum_projects',
        label: t('budgetsAdmin.rule.minimumProjects'),
        hint: t('budgetsAdmin.rule.minimumProjects.hint'),
      },
      {
        value: 'minimum',
        label: t('budgetsAdmin.rule.minimum'),
        hint: t('budgetsAdmin.rule.minimum.hint'),
      },
      {
        value: 'projects_range',
        label: t('budgetsAdmin.rule.range'),
        hint: t('budgetsAdmin.rule.range.hint'),
      },
    ],
  })}
    ${inputField({ id: 'minimumPercent', label: t('budgetsAdmin.minimumPercent'), hint: t('budgetsAdmin.minimumPercent.hint'), kind: 'integer', value: v.minimumPercent, error: errorOf(form.errors, 'minimumPercent'), i18n })}
    ${inputField({ id: 'minimumProjects', label: t('budgetsAdmin.minimumProjects'), hint: t('budgetsAdmin.minimumProjects.hint'), kind: 'integer', value: v.minimumProjects, error: errorOf(form.errors, 'minimumProjects'), i18n })}
    ${inputField({ id: 'maximumProjects', label: t('budgetsAdmin.maximumProjects'), hint: t('budgetsAdmin.maximumProjects.hint'), kind: 'integer', value: v.maximumProjects, error: errorOf(form.errors, 'maximumProjects'), i18n })}`;
}

export const budgetValues = (ctx: PageContext, b: BudgetView): Values => ({
  ...textEntries('title', b.title),
  ...textEntries('description', b.description),
  envelope: centsToText(b.envelopeCents, ctx.locale),
  area: b.area ?? '',
  rule: b.rule.kind,
  minimumPercent: b.rule.minimumPercent === null ? '' : String(b.rule.minimumPercent),
  minimumProjects: b.rule.minimumProjects === null ? '' : String(b.rule.minimumProjects),
  maximumProjects: b.rule.maximumProjects === null ? '' : String(b.rule.maximumProjects),
  position: String(b.position),
});

function budgetForm(
  ctx: PageContext,
  action: string,
  form: Form,
  submit: string,
  frozen: boolean,
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${action}" novalidate>
      ${textPerLanguage({ id: 'title', legend: t('budgetsAdmin.title'), values: textsOf(v, 'title'), maxlength: TITLE_MAX, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('budgetsAdmin.description'), hint: t('budgetsAdmin.description.hint'), values: textsOf(v, 'description'), maxlength: DESCRIPTION_MAX, rows: 4, errors: form.errors, i18n })}
      ${frozen ? html`<p class="notice">${t('budgetsAdmin.frozen')}</p>` : ''}
      ${inputField({ id: 'envelope', label: t('budgetsAdmin.envelope'), hint: t('budgetsAdmin.envelope.hint'), kind: 'integer', value: v.envelope, required: true, error: errorOf(form.errors, 'envelope'), i18n })}
      ${inputField({ id: 'area', label: t('budgetsAdmin.area'), hint: t('budgetsAdmin.area.hint'), value: v.area, maxlength: 60, error: errorOf(form.errors, 'area'), i18n })}
      ${ruleFields(ctx, form)}
      ${inputField({ id: 'position', label: t('budgetsAdmin.position'), hint: t('budgetsAdmin.position.hint'), kind: 'integer', value: v.position, error: errorOf(form.errors, 'position'), i18n })}
      <p><button class="button" type="submit">${submit}</button></p>
    </form>`;
}

export function newBudgetPage(ctx: PageContext, p: AdminPlace, form: Form): Html {
  return html`${crumbs(ctx, p)}
    <h1>${ctx.t('budgetsAdmin.budget.new')}</h1>
    ${budgetForm(ctx, `${adminComponentPath(p.componentId)}/new`, form, ctx.t('budgetsAdmin.budget.create'), false)}`;
}

export function budgetAdminPage(
  ctx: PageContext,
  p: AdminPlace,
  b: BudgetView,
  projects: ProjectView[],
  form: Form,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const here = adminBudgetPath(p.componentId, b.id);
  return html`${crumbs(ctx, p)}
    <h1>${localText(ctx.locale, b.title)}</h1>
    ${doneNotice(done)}
    <ul>
      <li><a href="${componentPath(p.space.slug, p.componentId)}/${b.id}">${t('budgetsAdmin.publicPage')}</a></li>
      <li><a href="${here}/paper">${t('budgetsAdmin.paper.title')}</a></li>
      <li><a href="${here}/results">${t('budgetsAdmin.results.title')}</a></li>
    </ul>
    <section aria-labelledby="projects-title">
      <h2 id="projects-title">${t('budgets.projects')}</h2>
      ${
        projects.length === 0
          ? html`<p>${t('budgets.noProjects')}</p>`
          : stackedTable(
              // Not the section's own name: two regions named alike are one landmark too many.
              messageWith(
                i18n,
                'budgetsAdmin.projectsOf',
                {},
                { budget: localText(ctx.locale, b.title) },
              ),
              [
                t('budgets.table.project'),
                t('budgets.table.amount'),
                t('budgetsAdmin.state'),
                t('budgetsAdmin.actions'),
              ],
              projects.map((pr) => [
                localText(ctx.locale, pr.title),
                euros(i18n, pr.amountCents),
                pr.withdrawn ? t('budgets.withdrawn') : t('budgetsAdmin.published'),
                html`<a href="${here}/projects/${pr.id}">${t('budgetsAdmin.project.edit')}<span class="visually-hidden"> — ${localText(ctx.locale, pr.title)}</span></a>`,
              ]),
              { captionHidden: true },
            )
      }
      <p><a class="button" href="${here}/projects/new">${t('budgetsAdmin.project.new')}</a></p>
    </section>
    <section aria-labelledby="edit-title">
      <h2 id="edit-title">${t('budgetsAdmin.budget.edit')}</h2>
      ${budgetForm(ctx, here, form, t('budgetsAdmin.save'), b.votesCast === true)}
    </section>`;
}

export const projectValues = (ctx: PageContext, pr: ProjectView): Values => ({
  ...textEntries('title', pr.title),
  ...textEntries('description', pr.description),
  amount: centsToText(pr.amountCents, ctx.locale),
  area: pr.area ?? '',
  imageUrls: pr.imageUrls.join('\n'),
  address: pr.address ?? '',
  proposalIds: pr.proposalIds.join('\n'),
});

function projectForm(ctx: PageContext, action: string, form: Form, submit: string): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${action}" novalidate>
      ${textPerLanguage({ id: 'title', legend: t('budgetsAdmin.project.title'), values: textsOf(v, 'title'), maxlength: TITLE_MAX, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('budgetsAdmin.description'), values: textsOf(v, 'description'), maxlength: DESCRIPTION_MAX, rows: 5, errors: form.errors, i18n })}
      ${inputField({ id: 'amount', label: t('budgetsAdmin.amount'), hint: t('budgetsAdmin.envelope.hint'), kind: 'integer', value: v.amount, required: true, error: errorOf(form.errors, 'amount'), i18n })}
      ${inputField({ id: 'area', label: t('budgetsAdmin.area'), value: v.area, maxlength: 60, error: errorOf(form.errors, 'area'), i18n })}
      ${inputField({ id: 'address', label: t('budgetsAdmin.address'), value: v.address, maxlength: 300, error: errorOf(form.errors, 'address'), i18n })}
      ${textArea({ id: 'imageUrls', label: t('budgetsAdmin.imageUrls'), hint: t('budgetsAdmin.imageUrls.hint'), value: v.imageUrls, rows: 3, error: errorOf(form.errors, 'imageUrls'), i18n })}
      ${textArea({ id: 'proposalIds', label: t('budgetsAdmin.proposalIds'), hint: t('budgetsAdmin.proposalIds.hint'), value: v.proposalIds, rows: 3, error: errorOf(form.errors, 'proposalIds'), i18n })}
      <p><button class="button" type="submit">${submit}</button></p>
    </form>`;
}

export function newProjectPage(ctx: PageContext, p: AdminPlace, b: BudgetView, form: Form): Html {
  return html`${crumbs(ctx, p, b)}
    <h1>${ctx.t('budgetsAdmin.project.new')}</h1>
    ${projectForm(ctx, `${adminBudgetPath(p.componentId, b.id)}/projects/new`, form, ctx.t('budgetsAdmin.project.create'))}`;
}

export function projectAdminPage(
  ctx: PageContext,
  p: AdminPlace,
  b: BudgetView,
  pr: ProjectView,
  forms: { edit: Form; withdraw: Form },
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const here = `${adminBudgetPath(p.componentId, b.id)}/projects/${pr.id}`;
  const voting = p.list.component.votingOpen;
  return html`${crumbs(ctx, p, b)}
    <h1>${localText(ctx.locale, pr.title)}</h1>
    ${doneNotice(done)}
    ${
      pr.withdrawn
        ? html`<p class="notice warning">${t('budgetsAdmin.withdrawn', { reason: pr.withdrawn.reason ?? '' })}</p>`
        : html`<section aria-labelledby="edit-title">
              <h2 id="edit-title">${t('budgetsAdmin.project.edit')}</h2>
              ${projectForm(ctx, here, forms.edit, t('budgetsAdmin.save'))}
            </section>
            ${
              b.resultsConfirmedAt
                ? ''
                : html`<section aria-labelledby="withdraw-title" id="withdraw">
                    <h2 id="withdraw-title">${t('budgetsAdmin.withdraw.title')}</h2>
                    <p>${voting ? t('budgetsAdmin.withdraw.duringVote') : t('budgetsAdmin.withdraw.outsideVote')}</p>
                    ${errorSummary(i18n, forms.withdraw.errors)} ${formNotice(forms.withdraw.notice)}
                    <form method="post" action="${here}/withdraw" novalidate>
                      ${textArea({ id: 'reason', label: t('budgetsAdmin.withdraw.reason'), hint: t('budgetsAdmin.withdraw.reasonHint'), value: forms.withdraw.values.reason, rows: 3, error: errorOf(forms.withdraw.errors, 'reason'), i18n })}
                      <p><button class="button secondary" type="submit">${t('budgetsAdmin.withdraw.button')}</button></p>
                    </form>
                  </section>`
            }`
    }`;
}

export function paperPage(
  ctx: PageContext,
  p: AdminPlace,
  b: BudgetView,
  projects: ProjectView[],
  log: PaperEntry[],
  staff: StaffNames,
  forms: { add: Form; void: Form },
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const form = forms.add;
  const here = `${adminBudgetPath(p.componentId, b.id)}/paper`;
  const counting = log.filter((e) => !e.voided);
  const title = (id: string) => {
    const x = projects.find((y) => y.id === id);
    return x ? localText(ctx.locale, x.title) : id;
  };
  return html`${crumbs(ctx, p, b)}
    <h1>${messageWith(i18n, 'budgetsAdmin.paper.heading', {}, { budget: localText(ctx.locale, b.title) })}</h1>
    ${doneNotice(done)}
    <p>${t('budgetsAdmin.paper.intro')}</p>
    ${
      b.resultsConfirmedAt
        ? html`<p class="notice">${t('budgetsAdmin.paper.closed')}</p>`
        : html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
            <form method="post" action="${here}" novalidate>
              ${inputField({ id: 'station', label: t('budgetsAdmin.paper.station'), hint: t('budgetsAdmin.paper.station.hint'), value: form.values.station, maxlength: 200, required: true, error: errorOf(form.errors, 'station'), i18n })}
              ${inputField({ id: 'ballots', label: t('budgetsAdmin.paper.ballots'), hint: t('budgetsAdmin.paper.ballots.hint'), kind: 'integer', value: form.values.ballots, required: true, error: errorOf(form.errors, 'ballots'), i18n })}
              <fieldset>
                <legend>${t('budgetsAdmin.paper.votes')}</legend>
                <p class="hint">${t('budgetsAdmin.paper.votes.hint')}</p>
                ${projects
                  .filter((x) => x.state !== 'to_review')
                  .map((x) =>
                    inputField({
                      id: voteField(x.id),
                      label: html`${localText(ctx.locale, x.title)} (${euros(i18n, x.amountCents)})`,
                      kind: 'integer',
                      value: form.values[voteField(x.id)],
                      error: errorOf(form.errors, voteField(x.id)),
                      i18n,
                    }),
                  )}
              </fieldset>
              ${textArea({ id: 'note', label: t('budgetsAdmin.paper.note'), value: form.values.note, rows: 2, error: errorOf(form.errors, 'note'), i18n })}
              <p><button class="button" type="submit">${t('budgetsAdmin.paper.add')}</button></p>
            </form>`
    }
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">${t('budgetsAdmin.paper.audit')}</h2>
      ${
        log.length === 0
          ? html`<p>${t('budgetsAdmin.paper.none')}</p>`
          : stackedTable(
              // Named apart from its section: two regions named alike are one landmark too many.
              html`${t('budgetsAdmin.paper.audit')} — ${localText(ctx.locale, b.title)}`,
              [
                t('budgetsAdmin.paper.when'),
                t('budgetsAdmin.paper.station'),
                t('budgetsAdmin.paper.ballots'),
                t('budgetsAdmin.paper.votes'),
                t('budgetsAdmin.paper.who'),
                t('budgetsAdmin.paper.note'),
                t('budgetsAdmin.paper.state'),
              ],
              log.map((e) => [
                html`<time datetime="${e.recordedAt}">${i18n.dateTime(e.recordedAt)}</time>`,
                e.station,
                i18n.number(e.ballots),
                html`<ul style="margin:0;padding-left:1rem">${e.votes.map((v) => html`<li>${title(v.projectId)} : ${i18n.number(v.votes)}</li>`)}</ul>`,
                staffName(ctx, staff, e.recordedBy),
                e.note,
                e.voided
                  ? html`<strong>${t('budgetsAdmin.paper.voided', { when: i18n.dateTime(e.voided.at) })}</strong>
                      ${e.voided.reason}
                      (${staffName(ctx, staff, e.voided.by)})`
                  : t('budgetsAdmin.paper.counted'),
              ]),
              { captionHidden: true },
            )
      }
    </section>
    ${
      b.resultsConfirmedAt || counting.length === 0
        ? ''
        : html`<section aria-labelledby="void-title" id="void">
            <h2 id="void-title">${t('budgetsAdmin.paper.void.title')}</h2>
            <p>${t('budgetsAdmin.paper.void.intro')}</p>
            ${errorSummary(i18n, forms.void.errors)} ${formNotice(forms.void.notice)}
            <form method="post" action="${here}/void" novalidate>
              ${radioGroup({
                name: 'entry',
                legend: t('budgetsAdmin.paper.void.entry'),
                choices: counting.map((e) => ({
                  value: e.id,
                  label: `${e.station} — ${i18n.dateTime(e.recordedAt)}`,
                  hint: t('budgetsAdmin.paper.void.entryHint', { ballots: i18n.number(e.ballots) }),
                })),
                value: forms.void.values.entry,
                error: errorOf(forms.void.errors, 'entry'),
                i18n,
              })}
              ${textArea({ id: 'reason', label: t('budgetsAdmin.paper.void.reason'), hint: t('budgetsAdmin.paper.void.reasonHint'), value: forms.void.values.reason, rows: 2, error: errorOf(forms.void.errors, 'reason'), i18n })}
              <p><button class="button secondary" type="submit">${t('budgetsAdmin.paper.void.button')}</button></p>
            </form>
          </section>`
    }`;
}

export function resultsAdminPage(
  ctx: PageContext,
  p: AdminPlace,
  r: ResultsView,
  form: Form,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const b = r.budget;
  const here = `${adminBudgetPath(p.componentId, b.id)}/results`;
  const chosen =
    form.values.chosen?.split(',') ??
    r.projects.filter((x) => x.outcome === 'selected').map((x) => x.id);
  return html`${crumbs(ctx, p, b)}
    <h1>${messageWith(i18n, 'budgetsAdmin.results.heading', {}, { budget: localText(ctx.locale, b.title) })}</h1>
    ${doneNotice(done)}
    <p><a href="${componentPath(p.space.slug, p.componentId)}/${b.id}/results">${t('budgetsAdmin.results.public')}</a></p>
    <p>${t('budgets.results.participationValue', { online: r.onlineOrders, paper: r.paperBallots })}</p>
    <p>${t('budgets.results.ruleText', { envelope: euros(i18n, r.envelopeCents) })}</p>
    <p>${t('budgetsAdmin.results.computed', { amount: euros(i18n, r.computedSelectionCents), left: euros(i18n, r.computedLeftCents) })}</p>
    ${
      r.confirmed
        ? html`<p class="notice success">${t('budgets.results.confirmed', { date: i18n.date(r.confirmedAt ?? '') })}</p>
            ${stackedTable(
              t('budgetsAdmin.results.title'),
              [
                t('budgets.table.rank'),
                t('budgets.table.project'),
                t('budgets.table.amount'),
                t('budgets.table.total'),
                t('budgets.table.outcome'),
              ],
              r.projects.map((x) => [
                x.rank,
                localText(ctx.locale, x.title),
                euros(i18n, x.amountCents),
                i18n.number(x.votes.total),
                x.selected ? t('budgets.outcome.funded') : '—',
              ]),
            )}`
        : html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
            <form method="post" action="${here}" novalidate>
              <fieldset ${errorOf(form.errors, 'projects') ? html`aria-describedby="projects-error"` : ''}>
                <legend>${t('budgetsAdmin.results.choose')}</legend>
                <p class="hint">${t('budgetsAdmin.results.chooseHint', { envelope: euros(i18n, r.envelopeCents) })}</p>
                ${errorOf(form.errors, 'projects') ? html`<p class="field-error" id="projects-error">${t('form.error', { message: errorOf(form.errors, 'projects') ?? '' })}</p>` : ''}
                ${r.projects
                  .map((x, i) =>
                    checkbox({
                      id: i === 0 ? 'projects' : `projects-${i}`,
                      label: html`${x.rank}. ${localText(ctx.locale, x.title)} — ${euros(i18n, x.amountCents)} — ${i18n.plural('budgets.votes', x.votes.total)}`,
                      checked: chosen.includes(x.id) && !x.withdrawn,
                      hint: x.withdrawn ? t('budgets.outcome.withdrawn') : undefined,
                      i18n,
                    })
                      .value.replace(/value="true"/, `value="${x.id}"`)
                      .replace(/name="projects(-\d+)?"/, 'name="projectIds"'),
                  )
                  .map((s) => html`${unsafe(s)}`)}
              </fieldset>
              <p class="notice warning">${t('budgetsAdmin.results.final')}</p>
              <p><button class="button" type="submit">${t('budgetsAdmin.results.confirm')}</button></p>
            </form>`
    }`;
}

/** Markup this module built itself with `html` (a control renamed): already escaped. */
const unsafe = (s: string): Html => unsafeRaw(s);

export function trackingAdminPage(
  ctx: PageContext,
  p: AdminPlace,
  progress: ProgressView,
  forms: { resultId: string; status: Form; update: Form } | null,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const base = `${adminComponentPath(p.componentId)}/progress`;
  const statusChoices = STATUSES.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }));
  return html`${crumbs(ctx, p)}
    <h1>${t('budgetsAdmin.tracking.title')}</h1>
    ${doneNotice(done)}
    <p><a href="${componentPath(p.space.slug, p.componentId)}/progress">${t('budgetsAdmin.publicPage')}</a></p>
    ${progressBar(ctx, 'overall', progress.summary.progress, t('budgets.tracking.overall'))}
    ${progress.items.length === 0 ? html`<p>${t('budgets.tracking.none')}</p>` : ''}
    ${progress.items.map((r) => {
      const mine = forms?.resultId === r.id ? forms : null;
      const st = mine?.status ?? {
        values: { status: r.status, progress: String(r.progress) },
        errors: [],
      };
      const up = mine?.update ?? {
        values: { date: new Date().toISOString().slice(0, 10) },
        errors: [],
      };
      return html`<section class="card" aria-labelledby="r-${r.id}" id="result-${r.id}" style="margin:1rem 0">
        <h2 id="r-${r.id}" style="margin-top:0">${localText(ctx.locale, r.title)}</h2>
        <p class="meta">${localText(ctx.locale, r.budgetTitle)} · ${euros(i18n, r.amountCents)} · <span class="tag">${t(STATUS_KEYS[r.status])}</span></p>
        ${progressBar(ctx, `p-${r.id}`, r.progress, t('budgets.tracking.progress'))}
        <h3>${t('budgetsAdmin.tracking.status')}</h3>
        ${errorSummary(i18n, st.errors)} ${formNotice(st.notice)}
        <form method="post" action="${base}/${r.id}" novalidate>
          <div class="field">
            <label for="status-${r.id}">${t('budgetsAdmin.tracking.statusLabel')}</label>
            <select id="status-${r.id}" name="status" style="max-width:24rem">
              ${statusChoices.map((c) => html`<option value="${c.value}" ${st.values.status === c.value ? html`selected` : ''}>${c.label}</option>`)}
            </select>
          </div>
          ${renamed(inputField({ id: `progress-${r.id}`, label: t('budgetsAdmin.tracking.progress'), hint: t('budgetsAdmin.tracking.progressHint'), kind: 'integer', value: st.values.progress, error: errorOf(st.errors, `progress-${r.id}`), i18n }), `progress-${r.id}`, 'progress')}
          <p><button class="button" type="submit">${t('budgetsAdmin.save')}<span class="visually-hidden"> — ${localText(ctx.locale, r.title)}</span></button></p>
        </form>
        <h3>${t('budgetsAdmin.tracking.addUpdate')}</h3>
        ${errorSummary(i18n, up.errors)} ${formNotice(up.notice)}
        <form method="post" action="${base}/${r.id}/updates" novalidate>
          ${renamed(inputField({ id: `update-date-${r.id}`, label: t('budgetsAdmin.tracking.date'), kind: 'date', value: up.values.date, required: true, error: errorOf(up.errors, `update-date-${r.id}`), i18n }), `update-date-${r.id}`, 'date')}
          ${renamed(textArea({ id: `update-text-${r.id}`, label: t('budgetsAdmin.tracking.text'), value: up.values.text, rows: 3, required: true, error: errorOf(up.errors, `update-text-${r.id}`), i18n }), `update-text-${r.id}`, 'text')}
          ${renamed(inputField({ id: `update-progress-${r.id}`, label: t('budgetsAdmin.tracking.progress'), hint: t('budgetsAdmin.tracking.optional'), kind: 'integer', value: up.values.progress, error: errorOf(up.errors, `update-progress-${r.id}`), i18n }), `update-progress-${r.id}`, 'progress')}
          ${renamed(textArea({ id: `update-photoUrls-${r.id}`, label: t('budgetsAdmin.tracking.photos'), hint: t('budgetsAdmin.imageUrls.hint'), value: up.values.photoUrls, rows: 2, error: errorOf(up.errors, `update-photoUrls-${r.id}`), i18n }), `update-photoUrls-${r.id}`, 'photoUrls')}
          <p><button class="button" type="submit">${t('budgetsAdmin.tracking.publish')}<span class="visually-hidden"> — ${localText(ctx.locale, r.title)}</span></button></p>
        </form>
      </section>`;
    })}`;
}

/** A control whose id is unique on the page while its form field keeps the API's name. */
const renamed = (control: Html, id: string, name: string): Html =>
  unsafe(control.value.replace(`name="${id}"`, `name="${name}"`));
