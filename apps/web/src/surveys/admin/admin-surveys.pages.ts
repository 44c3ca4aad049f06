/**
 * The administrators' surveys pages: a component's surveys (and the form of a
 * new one), a survey's page (its state, publishing it and its results, its
 * questions with their buttons, adding one), its title and dates, a
 * question's form, and the answers by token. Every button is a form post:
 * nothing needs JavaScript.
 */
import {
  pickText,
  type AnswerValue,
  type LocalizedText,
  type QuestionType,
  type QuestionView,
  type SurveyAnswerListView,
  type SurveyAnswerView,
  type SurveySummaryView,
  type SurveyView,
  type TextLanguage,
} from '@palabre/contracts';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import {
  errorSummary,
  localText,
  messageWith,
  type FieldError,
} from '../../shared/html/components';
import {
  checkbox,
  checkboxGroup,
  errorOf,
  inputField,
  radioGroup,
  stackedTable,
  textArea,
  textPerLanguage,
  type Choice,
} from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import { textId } from '../../shared/forms/form-read';
import type { MessageKey } from '../../shared/i18n/i18n';
import type { PageContext } from '../../shared/layout/page-context';
import { spacePath } from '../../spaces/admin/admin-spaces.pages';
import { local } from '../../spaces/public/spaces.pages';
import type { ComponentSummary, SpaceLanding } from '../../spaces/spaces.api';
import { SURVEYS_API } from '../surveys.api';
import {
  HAS_MAX,
  HAS_OPTIONS,
  HAS_OTHER,
  HAS_ROWS,
  LIMITS,
  QUESTION_TYPES,
  conditionId,
  isSource,
  textsOf,
  type Values,
} from './survey-form';

export const ADMIN_SURVEYS = '/admin/surveys';
export const componentAdminPath = (componentId: string) =>
  `${ADMIN_SURVEYS}/components/${componentId}`;
export const surveyAdminPath = (id: string) => `${ADMIN_SURVEYS}/${id}`;
export const answersPath = (id: string) => `${surveyAdminPath(id)}/answers`;
export const questionPath = (id: string, questionId: string) =>
  `${surveyAdminPath(id)}/questions/${questionId}`;
export const newQuestionPath = (id: string) => `${surveyAdminPath(id)}/new-question`;
/** The public pages (a space by its slug). */
export const publicComponentPath = (slug: string, componentId: string) =>
  `/spaces/${slug}/surveys/${componentId}`;
export const publicSurveyPath = (slug: string, s: Pick<SurveySummaryView, 'componentId' | 'id'>) =>
  `${publicComponentPath(slug, s.componentId)}/${s.id}`;
/** The exports, straight from the API through the gateway (the session cookie goes along). */
export const exportPath = (id: string, format: 'csv' | 'json') =>
  `${SURVEYS_API}/surveys/${id}/answers.${format}`;

/** A form as it comes back: what was typed, its errors, a refusal that belongs to no one field. */
export interface Form {
  values: Values;
  errors: FieldError[];
  notice?: string | null;
}
export const EMPTY: Form = { values: {}, errors: [] };

/** Where a page is: the space and its surveys component. */
export interface AdminPlace {
  space: SpaceLanding;
  componentId: string;
}

/** The forms of a survey's page, each as it came back. */
export interface SurveyForms {
  publish: Form;
  results: Form;
  remove: Form;
  questions: Form;
}

const componentOf = (p: AdminPlace): ComponentSummary | undefined =>
  p.space.components.find((c) => c.id === p.componentId);

export const componentName = (ctx: PageContext, p: AdminPlace) => {
  const c = componentOf(p);
  return c ? local(ctx, c.name) : ctx.t('surveysAdmin.component');
};

function crumbs(ctx: PageContext, p: AdminPlace, s?: Pick<SurveyView, 'id' | 'title'>): Html {
  return html`<nav aria-label="${ctx.t('surveysAdmin.breadcrumb')}">
    <p>
      <a href="${spacePath(p.space.id)}#components">${local(ctx, p.space.title)}</a> ›
      <a href="${componentAdminPath(p.componentId)}">${componentName(ctx, p)}</a>${
        s ? html` › <a href="${surveyAdminPath(s.id)}">${localText(ctx.locale, s.title)}</a>` : ''
      }
    </p>
  </nav>`;
}

// --- what a survey is, in words -----------------------------------------------------

const STATE_KEYS = {
  draft: 'surveysAdmin.state.draft',
  published: 'surveysAdmin.state.published',
} as const satisfies Record<SurveySummaryView['state'], MessageKey>;

const STATUS_KEYS = {
  upcoming: 'surveysAdmin.status.upcoming',
  open: 'surveysAdmin.status.open',
  closed: 'surveysAdmin.status.closed',
} as const satisfies Record<SurveySummaryView['status'], MessageKey>;

export const TYPE_KEYS = {
  short: 'surveysAdmin.type.short',
  long: 'surveysAdmin.type.long',
  single: 'surveysAdmin.type.single',
  multiple: 'surveysAdmin.type.multiple',
  ranking: 'surveysAdmin.type.ranking',
  matrix_single: 'surveysAdmin.type.matrix_single',
  matrix_multiple: 'surveysAdmin.type.matrix_multiple',
  grades: 'surveysAdmin.type.grades',
  section: 'surveysAdmin.type.section',
} as const satisfies Record<QuestionType, MessageKey>;

const TYPE_HINTS = {
  short: 'surveysAdmin.typeHint.short',
  long: 'surveysAdmin.typeHint.long',
  single: 'surveysAdmin.typeHint.single',
  multiple: 'surveysAdmin.typeHint.multiple',
  ranking: 'surveysAdmin.typeHint.ranking',
  matrix_single: 'surveysAdmin.typeHint.matrix_single',
  matrix_multiple: 'surveysAdmin.typeHint.matrix_multiple',
  grades: 'surveysAdmin.typeHint.grades',
  section: 'surveysAdmin.typeHint.section',
} as const satisfies Record<QuestionType, MessageKey>;

/** A date and time in the organization's zone. */
export function when(ctx: PageContext, iso: string, zone: string): string {
  return new Intl.DateTimeFormat(ctx.i18n.intl, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
}

/** "From … to …", or what happens without a date. */
export function datesText(
  ctx: PageContext,
  s: Pick<SurveySummaryView, 'startsAt' | 'endsAt'>,
  zone: string,
): string {
  const { t } = ctx;
  if (s.startsAt && s.endsAt)
    return t('surveysAdmin.dates.both', {
      start: when(ctx, s.startsAt, zone),
      end: when(ctx, s.endsAt, zone),
    });
  if (s.startsAt) return t('surveysAdmin.dates.startOnly', { start: when(ctx, s.startsAt, zone) });
  if (s.endsAt) return t('surveysAdmin.dates.endOnly', { end: when(ctx, s.endsAt, zone) });
  return t('surveysAdmin.dates.none');
}

function tags(ctx: PageContext, s: SurveySummaryView): Html {
  const { t } = ctx;
  return html`<span class="tag">${t(STATE_KEYS[s.state])}</span>
    <span class="tag">${t(STATUS_KEYS[s.status])}</span>${
      s.resultsPublished
        ? html` <span class="tag">${t('surveysAdmin.resultsPublished')}</span>`
        : ''
    }`;
}

// --- the index and a component's surveys ----------------------------------------------

/** /admin/surveys: every surveys component of the spaces this person administers. */
export function indexPage(ctx: PageContext, spaces: SpaceLanding[]): Html {
  const { t } = ctx;
  const rows = spaces.flatMap((s) =>
    s.components.filter((c) => c.type === 'surveys').map((c) => ({ s, c })),
  );
  return html`<p><a href="/admin">← ${t('admin.home.title')}</a></p>
    <h1>${t('surveysAdmin.index.title')}</h1>
    <p>${t('surveysAdmin.index.intro')}</p>
    ${
      rows.length === 0
        ? html`<p>${t('surveysAdmin.index.none')}</p>`
        : html`<ul class="card-list">
            ${rows.map(
              ({ s, c }) => html`<li class="card">
                <h2 style="margin-top:0"><a href="${componentAdminPath(c.id)}">${local(ctx, c.name)}</a></h2>
                <p class="meta">${local(ctx, s.title)}</p>
              </li>`,
            )}
          </ul>`
    }`;
}

/** Title, description and dates: the new survey's form and the edit form. */
function surveyForm(
  ctx: PageContext,
  action: string,
  form: Form,
  zone: string,
  submit: string,
): Html {
  const { t, i18n } = ctx;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  return html`${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${action}" novalidate id="survey-form" data-once>
      ${textPerLanguage({ id: 'title', legend: t('surveysAdmin.form.title'), values: textsOf(v, 'title'), maxlength: LIMITS.title, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('surveysAdmin.form.description'), hint: t('surveysAdmin.form.descriptionHint'), values: textsOf(v, 'description'), maxlength: LIMITS.description, rows: 4, errors: form.errors, i18n })}
      <fieldset>
        <legend>${t('surveysAdmin.form.dates')}</legend>
        <p class="hint">${t('surveysAdmin.form.datesHint', { zone })}</p>
        ${inputField({ id: 'startsAt', label: t('surveysAdmin.form.startsAt'), hint: t('surveysAdmin.form.startsAtHint'), kind: 'datetime-local', value: v.startsAt, error: err('startsAt'), i18n })}
        ${inputField({ id: 'endsAt', label: t('surveysAdmin.form.endsAt'), hint: t('surveysAdmin.form.endsAtHint'), kind: 'datetime-local', value: v.endsAt, error: err('endsAt'), i18n })}
      </fieldset>
      <p><button class="button" type="submit">${submit}</button></p>
    </form>`;
}

export function componentPage(
  ctx: PageContext,
  p: AdminPlace,
  items: SurveySummaryView[],
  form: Form,
  zone: string,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const name = componentName(ctx, p);
  return html`${crumbs(ctx, p)}
    <h1>${messageWith(i18n, 'surveysAdmin.component.title', {}, { name })}</h1>
    ${doneNotice(done)}
    <ul>
      <li><a href="${publicComponentPath(p.space.slug, p.componentId)}">${t('surveysAdmin.publicList')}</a></li>
      <li><a href="${spacePath(p.space.id)}/components/${p.componentId}">${t('surveysAdmin.settings')}</a></li>
    </ul>
    <section aria-labelledby="surveys-title">
      <h2 id="surveys-title">${t('surveysAdmin.list.title')}</h2>
      ${
        items.length === 0
          ? html`<p>${t('surveysAdmin.list.none')}</p>`
          : stackedTable(
              html`${t('surveysAdmin.list.title')} — ${name}`,
              [
                t('surveysAdmin.table.survey'),
                t('surveysAdmin.table.state'),
                t('surveysAdmin.table.dates'),
                t('surveysAdmin.table.answers'),
                t('surveysAdmin.table.results'),
              ],
              items.map((s) => [
                html`<a href="${surveyAdminPath(s.id)}">${localText(ctx.locale, s.title)}</a>`,
                html`<span class="tag">${t(STATE_KEYS[s.state])}</span>
                  <span class="tag">${t(STATUS_KEYS[s.status])}</span>`,
                datesText(ctx, s, zone),
                i18n.number(s.answerCount),
                s.resultsPublished
                  ? t('surveysAdmin.results.published')
                  : t('surveysAdmin.results.notPublished'),
              ]),
              { captionHidden: true },
            )
      }
    </section>
    <section aria-labelledby="new-title" id="new-survey">
      <h2 id="new-title">${t('surveysAdmin.new')}</h2>
      <p>${t('surveysAdmin.new.intro')}</p>
      ${surveyForm(ctx, `${componentAdminPath(p.componentId)}/new`, form, zone, t('surveysAdmin.new.button'))}
    </section>`;
}

// --- a survey's page -------------------------------------------------------------------

/** Questions are written until someone answers: then they stay as they were answered. */
export const questionsLocked = (s: Pick<SurveySummaryView, 'answerCount'>) => s.answerCount > 0;

const labelsOf = (ctx: PageContext, items: { label: LocalizedText }[] | undefined) =>
  (items ?? []).map((c, i) => html`${i ? ' · ' : ''}${localText(ctx.locale, c.label)}`);

/** "Shown only if the answer to « … » is « … » or « … »." */
export function conditionText(
  ctx: PageContext,
  q: QuestionView,
  all: QuestionView[],
): Html | string {
  if (!q.showIf) return '';
  const source = all.find((x) => x.id === q.showIf?.question);
  if (!source) return '';
  const choices = q.showIf.anyOf.map((id, i) => {
    const c = source.options?.find((o) => o.id === id);
    const label =
      id === 'other'
        ? ctx.t('surveysAdmin.question.other')
        : c
          ? localText(ctx.locale, c.label)
          : id;
    return html`${i ? ctx.t('surveysAdmin.condition.or') : ''}« ${label} »`;
  });
  return messageWith(
    ctx.i18n,
    'surveysAdmin.condition.text',
    {},
    { question: localText(ctx.locale, source.title), choices: html`${choices}` },
  );
}

function questionItem(
  ctx: PageContext,
  s: SurveyView,
  q: QuestionView,
  index: number,
  locked: boolean,
): Html {
  const { t } = ctx;
  const name = localText(ctx.locale, q.title);
  const hidden = html`<span class="visually-hidden"> : ${name}</span>`;
  const button = (path: string, label: string, fields: Html | '' = '') =>
    html`<form method="post" action="${path}" class="inline">
      ${fields}<button class="link-button" type="submit">${label}${hidden}</button>
    </form>`;
  const last = index === s.questions.length - 1;
  const actions = locked
    ? ''
    : html`<div class="question-actions">
        <a href="${questionPath(s.id, q.id)}">${t('surveysAdmin.question.edit')}${hidden}</a>
        ${index > 0 ? html` · ${button(`${questionPath(s.id, q.id)}/move`, t('surveysAdmin.question.up'), html`<input type="hidden" name="direction" value="up" />`)}` : ''}
        ${last ? '' : html` · ${button(`${questionPath(s.id, q.id)}/move`, t('surveysAdmin.question.down'), html`<input type="hidden" name="direction" value="down" />`)}`}
        · ${button(`${questionPath(s.id, q.id)}/delete`, t('surveysAdmin.question.delete'))}
      </div>`;
  return html`<li class="card" id="q-${q.id}">
    <h3 style="margin-top:0">${t('surveysAdmin.question.number', { n: index + 1 })} ${name}</h3>
    <p class="meta">
      ${t(TYPE_KEYS[q.type])} ·
      ${q.type === 'section' ? t('surveysAdmin.question.noAnswer') : q.mandatory ? t('surveysAdmin.question.required') : t('surveysAdmin.question.optional')}
      · ${t('surveysAdmin.question.id', { id: q.id })}
    </p>
    ${q.showIf ? html`<p>${conditionText(ctx, q, s.questions)}</p>` : ''}
    ${q.options ? html`<p>${q.type.startsWith('matrix') ? t('surveysAdmin.question.columnsAre') : t('surveysAdmin.question.optionsAre')} ${labelsOf(ctx, q.options)}${q.other ? html` · ${t('surveysAdmin.question.other')}` : ''}</p>` : ''}
    ${q.rows ? html`<p>${t('surveysAdmin.question.rowsAre')} ${labelsOf(ctx, q.rows)}</p>` : ''}
    ${q.scale ? html`<p>${t('surveysAdmin.question.scaleIs')} ${q.scale.map((g, i) => html`${i ? ' · ' : ''}${localText(ctx.locale, g)}`)}</p>` : ''}
    ${q.maxChoices ? html`<p>${t('surveysAdmin.question.maxIs', { max: q.maxChoices })}</p>` : ''}
    ${actions}
  </li>`;
}

/** The choice of a new question's type (a GET to its form). */
function typeChooser(ctx: PageContext, s: SurveyView, error?: string): Html {
  const { t, i18n } = ctx;
  return html`<form method="get" action="${newQuestionPath(s.id)}" id="add-question">
    ${radioGroup({
      name: 'type',
      legend: t('surveysAdmin.add.type'),
      choices: QUESTION_TYPES.map((type) => ({
        value: type,
        label: t(TYPE_KEYS[type]),
        hint: t(TYPE_HINTS[type]),
      })),
      value: error ? undefined : 'single',
      error,
      i18n,
    })}
    <p><button class="button" type="submit">${t('surveysAdmin.add.button')}</button></p>
  </form>`;
}

export function surveyPage(
  ctx: PageContext,
  p: AdminPlace,
  s: SurveyView,
  forms: SurveyForms,
  zone: string,
  done: string | null,
): Html {
  const { t, i18n } = ctx;
  const here = surveyAdminPath(s.id);
  const locked = questionsLocked(s);
  const asked = s.questions.filter((q) => q.type !== 'section').length;
  const action = (path: string, label: string, secondary = false) =>
    html`<form method="post" action="${here}/${path}">
      <p><button class="button${secondary ? ' secondary' : ''}" type="submit">${label}</button></p>
    </form>`;
  const deletable = s.state === 'draft' && s.answerCount === 0;
  return html`${crumbs(ctx, p)}
    <h1>${localText(ctx.locale, s.title)}</h1>
    ${doneNotice(done)} ${deletable ? '' : formNotice(forms.remove.notice)}
    <p>${tags(ctx, s)}</p>
    <ul>
      <li>${datesText(ctx, s, zone)}</li>
      <li>${i18n.plural('surveysAdmin.answers', s.answerCount)}</li>
      <li>${s.anonymousAnswers ? t('surveysAdmin.anonymous.yes') : t('surveysAdmin.anonymous.no')}</li>
    </ul>
    <ul>
      <li><a href="${here}/edit">${t('surveysAdmin.editDetails')}</a></li>
      <li><a href="${publicSurveyPath(p.space.slug, s)}">${s.state === 'draft' ? t('surveysAdmin.preview') : t('surveysAdmin.publicPage')}</a></li>
      <li><a href="${publicSurveyPath(p.space.slug, s)}/results">${t('surveysAdmin.resultsPage')}</a></li>
      <li><a href="${answersPath(s.id)}">${t('surveysAdmin.answersPage')}</a></li>
      <li><a href="${exportPath(s.id, 'csv')}" download>${t('surveysAdmin.export.csv')}</a></li>
      <li><a href="${exportPath(s.id, 'json')}" download>${t('surveysAdmin.export.json')}</a></li>
    </ul>

    <section aria-labelledby="questions-title" id="questions">
      <h2 id="questions-title">${t('surveysAdmin.questions.title')}</h2>
      ${formNotice(forms.questions.notice)}
      ${
        locked
          ? html`<div class="notice"><p>${i18n.plural('surveysAdmin.questions.locked', s.answerCount)}</p></div>`
          : ''
      }
      ${
        s.questions.length === 0
          ? html`<p>${t('surveysAdmin.questions.none')}</p>`
          : html`<ol class="card-list">
              ${s.questions.map((q, i) => questionItem(ctx, s, q, i, locked))}
            </ol>`
      }
      ${
        locked || s.questions.length >= LIMITS.questions
          ? ''
          : html`<h3 id="add-title">${t('surveysAdmin.add.title')}</h3>${typeChooser(ctx, s)}`
      }
    </section>

    <section aria-labelledby="publication-title" id="publication">
      <h2 id="publication-title">${t('surveysAdmin.publication.title')}</h2>
      ${formNotice(forms.publish.notice)}
      ${
        s.state === 'draft'
          ? html`<p>${t('surveysAdmin.publish.intro')}</p>
              ${asked ? '' : html`<p>${t('surveysAdmin.publish.needsQuestion')}</p>`}
              ${action('publish', t('surveysAdmin.publish.button'))}`
          : s.answerCount === 0
            ? html`<p>${t('surveysAdmin.unpublish.intro')}</p>
                ${action('unpublish', t('surveysAdmin.unpublish.button'), true)}`
            : html`<p>${t('surveysAdmin.unpublish.answered')}</p>`
      }
    </section>

    <section aria-labelledby="results-title" id="results">
      <h2 id="results-title">${t('surveysAdmin.results.title')}</h2>
      ${formNotice(forms.results.notice)}
      ${
        s.resultsPublished
          ? html`<p>${t('surveysAdmin.results.publishedIntro')}</p>
              ${action('results/unpublish', t('surveysAdmin.results.unpublish'), true)}`
          : s.state === 'published'
            ? html`<p>${t('surveysAdmin.results.intro')}</p>
                ${action('results/publish', t('surveysAdmin.results.publish'))}`
            : html`<p>${t('surveysAdmin.results.draft')}</p>`
      }
    </section>

    ${
      deletable
        ? html`<section aria-labelledby="delete-title" id="delete">
            <h2 id="delete-title">${t('surveysAdmin.delete.title')}</h2>
            ${formNotice(forms.remove.notice)}
            <p>${t('surveysAdmin.delete.intro')}</p>
            ${action('delete', t('surveysAdmin.delete.button'), true)}
          </section>`
        : ''
    }`;
}

/** /admin/surveys/:id/edit: title, description, dates. */
export function detailsPage(
  ctx: PageContext,
  p: AdminPlace,
  s: SurveyView,
  form: Form,
  zone: string,
): Html {
  const { t } = ctx;
  return html`${crumbs(ctx, p, s)}
    <h1>${messageWith(ctx.i18n, 'surveysAdmin.details.title', {}, { title: localText(ctx.locale, s.title) })}</h1>
    ${s.state === 'published' ? html`<div class="notice"><p>${t('surveysAdmin.details.published')}</p></div>` : ''}
    ${surveyForm(ctx, `${surveyAdminPath(s.id)}/edit`, form, zone, t('surveysAdmin.details.save'))}
    <p><a href="${surveyAdminPath(s.id)}">${t('surveysAdmin.back')}</a></p>`;
}

/** /admin/surveys/:id/new-question without a type: the choice of one. */
export function typePage(ctx: PageContext, p: AdminPlace, s: SurveyView, error: boolean): Html {
  const { t } = ctx;
  const message = error ? t('surveysAdmin.error.type') : undefined;
  return html`${crumbs(ctx, p, s)}
    <h1>${t('surveysAdmin.add.title')}</h1>
    ${errorSummary(ctx.i18n, message ? [{ field: 'type', message }] : [])}
    ${typeChooser(ctx, s, message)}
    <p><a href="${surveyAdminPath(s.id)}#questions">${t('surveysAdmin.back')}</a></p>`;
}

// --- a question's form -------------------------------------------------------------------

const LINES_LABEL = {
  fr: 'surveysAdmin.lines.fr',
  en: 'surveysAdmin.lines.en',
} as const satisfies Record<TextLanguage, MessageKey>;

/** One item per line, a text area per language. */
function linesField(
  ctx: PageContext,
  form: Form,
  name: 'options' | 'rows' | 'scale',
  legend: string,
  hint: string,
): Html {
  const { i18n } = ctx;
  return html`<fieldset>
    <legend>${legend}</legend>
    <p class="hint">${hint}</p>
    ${(['fr', 'en'] as const).map((lang) =>
      textArea({
        id: textId(name, lang),
        label: ctx.t(LINES_LABEL[lang]),
        value: form.values[textId(name, lang)],
        rows: 6,
        lang,
        error: errorOf(form.errors, textId(name, lang)),
        i18n,
      }),
    )}
  </fieldset>`;
}

function choiceOf(ctx: PageContext, value: string, label: LocalizedText): Choice {
  const picked = pickText(label, ctx.locale);
  return {
    value,
    label: picked.text || value,
    ...(picked.lang && picked.lang !== ctx.locale ? { lang: picked.lang } : {}),
  };
}

/** The condition: for each earlier single or multiple choice question, the choices that show this one. */
function conditionField(ctx: PageContext, form: Form, before: QuestionView[]): Html {
  const { t, i18n } = ctx;
  const sources = before.filter(isSource);
  return html`<fieldset>
    <legend>${t('surveysAdmin.condition.legend')}</legend>
    ${
      sources.length === 0
        ? html`<p class="hint">${t('surveysAdmin.condition.noSource')}</p>`
        : html`<p class="hint">${t('surveysAdmin.condition.hint')}</p>
            ${sources.map((src) =>
              checkboxGroup({
                name: conditionId(src.id),
                legend: messageWith(
                  i18n,
                  'surveysAdmin.condition.source',
                  {},
                  { question: localText(ctx.locale, src.title) },
                ),
                choices: [
                  ...(src.options ?? []).map((o) => choiceOf(ctx, o.id, o.label)),
                  ...(src.other
                    ? [{ value: 'other', label: t('surveysAdmin.question.other') }]
                    : []),
                ],
                values: (form.values[conditionId(src.id)] ?? '').split(',').filter(Boolean),
                error: errorOf(form.errors, conditionId(src.id)),
                i18n,
              }),
            )}`
    }
  </fieldset>`;
}

/** A question's form: what its type has, and its condition. */
export function questionPage(
  ctx: PageContext,
  p: AdminPlace,
  s: SurveyView,
  target: {
    type: QuestionType;
    id: string;
    action: string;
    isNew: boolean;
    before: QuestionView[];
  },
  form: Form,
): Html {
  const { t, i18n } = ctx;
  const { type } = target;
  const v = form.values;
  const err = (id: string) => errorOf(form.errors, id);
  const heading = target.isNew
    ? t('surveysAdmin.questionForm.newTitle', { type: t(TYPE_KEYS[type]) })
    : t('surveysAdmin.questionForm.editTitle', { type: t(TYPE_KEYS[type]) });
  const matrix = HAS_ROWS.includes(type);
  return html`${crumbs(ctx, p, s)}
    <h1>${heading}</h1>
    <p class="meta">${t(TYPE_HINTS[type])} ${t('surveysAdmin.question.id', { id: target.id })}</p>
    ${errorSummary(i18n, form.errors)} ${formNotice(form.notice)}
    <form method="post" action="${target.action}" novalidate id="question-form" data-once>
      ${textPerLanguage({ id: 'title', legend: type === 'section' ? t('surveysAdmin.questionForm.sectionTitle') : t('surveysAdmin.questionForm.title'), values: textsOf(v, 'title'), maxlength: LIMITS.questionTitle, errors: form.errors, i18n })}
      ${textPerLanguage({ id: 'description', legend: t('surveysAdmin.questionForm.description'), hint: t('surveysAdmin.questionForm.descriptionHint'), values: textsOf(v, 'description'), maxlength: LIMITS.questionDescription, rows: 3, errors: form.errors, i18n })}
      ${type === 'section' ? '' : checkbox({ id: 'mandatory', label: t('surveysAdmin.questionForm.mandatory'), hint: t(matrix ? 'surveysAdmin.questionForm.mandatoryRows' : type === 'grades' ? 'surveysAdmin.questionForm.mandatoryGrades' : 'surveysAdmin.questionForm.mandatoryHint'), checked: v.mandatory === 'true', error: err('mandatory'), i18n })}
      ${matrix ? linesField(ctx, form, 'rows', t('surveysAdmin.questionForm.rows'), t('surveysAdmin.questionForm.rowsHint')) : ''}
      ${
        HAS_OPTIONS.includes(type)
          ? linesField(
              ctx,
              form,
              'options',
              matrix
                ? t('surveysAdmin.questionForm.columns')
                : type === 'grades'
                  ? t('surveysAdmin.questionForm.graded')
                  : t('surveysAdmin.questionForm.options'),
              t('surveysAdmin.questionForm.linesHint', { max: LIMITS.choice }),
            )
          : ''
      }
      ${HAS_OTHER.includes(type) ? checkbox({ id: 'other', label: t('surveysAdmin.questionForm.other'), hint: t('surveysAdmin.questionForm.otherHint'), checked: v.other === 'true', error: err('other'), i18n }) : ''}
      ${HAS_MAX.includes(type) ? inputField({ id: 'maxChoices', label: t('surveysAdmin.questionForm.maxChoices'), hint: t(matrix ? 'surveysAdmin.questionForm.maxChoicesRowHint' : 'surveysAdmin.questionForm.maxChoicesHint'), kind: 'integer', value: v.maxChoices, error: err('maxChoices'), i18n }) : ''}
      ${type === 'grades' ? linesField(ctx, form, 'scale', t('surveysAdmin.questionForm.scale'), t('surveysAdmin.questionForm.scaleHint', { max: LIMITS.scale })) : ''}
      ${conditionField(ctx, form, target.before)}
      <p><button class="button" type="submit">${target.isNew ? t('surveysAdmin.questionForm.add') : t('surveysAdmin.questionForm.save')}</button></p>
    </form>
    <p><a href="${surveyAdminPath(s.id)}#questions">${t('surveysAdmin.back')}</a></p>`;
}

// --- the answers ------------------------------------------------------------------------

/** One answer in words, as the question reads it. */
export function answerText(ctx: PageContext, q: QuestionView, a: AnswerValue): Html | string {
  const { t } = ctx;
  const label = (items: { id: string; label: LocalizedText }[] | undefined, id: string) => {
    if (id === 'other') return t('surveysAdmin.question.other');
    const c = items?.find((x) => x.id === id);
    return c ? localText(ctx.locale, c.label) : id;
  };
  const join = (parts: (Html | string)[], sep = ' · ') =>
    html`${parts.map((part, i) => html`${i ? sep : ''}${part}`)}`;
  if ('text' in a) return a.text;
  if ('choice' in a)
    return a.choice === 'other'
      ? t('surveysAdmin.answer.other', { text: a.other ?? '' })
      : label(q.options, a.choice);
  if ('choices' in a)
    return join(
      a.choices.map((c) =>
        c === 'other'
          ? t('surveysAdmin.answer.other', { text: a.other ?? '' })
          : label(q.options, c),
      ),
    );
  if ('order' in a)
    return join(
      a.order.map((c, i) => html`${i + 1}. ${label(q.options, c)}`),
      ', ',
    );
  if ('rows' in a)
    return join(
      Object.entries(a.rows).map(
        ([row, v]) =>
          html`${label(q.rows, row)} : ${
            Array.isArray(v)
              ? join(
                  v.map((c) => label(q.options, c)),
                  ', ',
                )
              : label(q.options, v)
          }`,
      ),
      ' ; ',
    );
  if ('grades' in a)
    return join(
      Object.entries(a.grades).map(([option, g]) => {
        const grade = q.scale?.[g];
        return html`${label(q.options, option)} : ${grade ? localText(ctx.locale, grade) : String(g)}`;
      }),
      ' ; ',
    );
  return '';
}

function answerDetails(ctx: PageContext, s: SurveyView, a: SurveyAnswerView): Html {
  const { t, i18n } = ctx;
  const answered = s.questions.filter((q) => a.answers[q.id] !== undefined);
  return html`${i18n.plural('surveysAdmin.answer.count', answered.length)}
    <details>
      <summary>${t('surveysAdmin.answer.see')}<span class="visually-hidden"> ${a.token}</span></summary>
      <dl>
        ${answered.map(
          (q) => html`<dt>${localText(ctx.locale, q.title)}</dt>
            <dd>${answerText(ctx, q, a.answers[q.id])}</dd>`,
        )}
      </dl>
    </details>`;
}

const LOCALE_KEYS: Record<string, MessageKey> = {
  fr: 'surveysAdmin.answer.fr',
  en: 'surveysAdmin.answer.en',
};

export function answersPage(
  ctx: PageContext,
  p: AdminPlace,
  s: SurveyView,
  list: SurveyAnswerListView,
  cursor: string,
  zone: string,
): Html {
  const { t, i18n } = ctx;
  const base = answersPath(s.id);
  return html`${crumbs(ctx, p, s)}
    <h1>${messageWith(i18n, 'surveysAdmin.answers.title', {}, { title: localText(ctx.locale, s.title) })}</h1>
    <p>${i18n.plural('surveysAdmin.answers', s.answerCount)}</p>
    <p>${t('surveysAdmin.answers.intro')}</p>
    <ul>
      <li><a href="${exportPath(s.id, 'csv')}" download>${t('surveysAdmin.export.csv')}</a></li>
      <li><a href="${exportPath(s.id, 'json')}" download>${t('surveysAdmin.export.json')}</a></li>
    </ul>
    ${
      list.items.length === 0
        ? html`<p>${t('surveysAdmin.answers.none')}</p>`
        : stackedTable(
            html`${t('surveysAdmin.answers.caption')} — ${localText(ctx.locale, s.title)}`,
            [
              t('surveysAdmin.answers.token'),
              t('surveysAdmin.answers.date'),
              t('surveysAdmin.answers.language'),
              t('surveysAdmin.answers.answers'),
            ],
            list.items.map((a) => [
              html`<span class="receipt">${a.token}</span>`,
              html`<time datetime="${a.answeredAt}">${when(ctx, a.answeredAt, zone)}</time>`,
              a.locale && LOCALE_KEYS[a.locale] ? t(LOCALE_KEYS[a.locale]) : '—',
              answerDetails(ctx, s, a),
            ]),
            { captionHidden: true, rowHeader: 0 },
          )
    }
    ${
      cursor || list.nextCursor
        ? html`<nav class="pager" aria-label="${t('surveysAdmin.answers.pages')}">
            ${cursor ? html`<a href="${base}">${t('surveysAdmin.answers.first')}</a>` : ''}
            ${list.nextCursor ? html`<a href="${base}?cursor=${encodeURIComponent(list.nextCursor)}" rel="next">${t('surveysAdmin.answers.next')}</a>` : ''}
          </nav>`
        : ''
    }
    <p><a href="${surveyAdminPath(s.id)}">${t('surveysAdmin.back')}</a></p>`;
}
