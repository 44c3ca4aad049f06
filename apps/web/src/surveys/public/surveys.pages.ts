/**
 * The public pages of surveys: a surveys component's list, a survey's page
 * with its form (every question type as plain controls: radios, boxes, a
 * rank per item, a grade per option; works without JavaScript, questions
 * shown on a condition say so), and the results page (tables beside SVG
 * charts that say in words what they draw, majority judgment with each
 * option's grade profile as a stacked bar).
 */
import { pickText } from '@palabre/contracts';
import { errorSummary, localText, type FieldError } from '../../shared/html/components';
import {
  checkboxGroup,
  errorOf,
  radioGroup,
  selectField,
  stackedTable,
  textArea,
  inputField,
  type Choice,
} from '../../shared/html/form-controls';
import { html, type Html } from '../../shared/html/html';
import { doneNotice, formNotice } from '../../shared/forms/form-notices';
import type { PageContext } from '../../shared/layout/page-context';
import { local } from '../../spaces/public/spaces.pages';
import type { SpaceLanding } from '../../spaces/spaces.api';
import type {
  QuestionResultView,
  QuestionView,
  SurveyListView,
  SurveyResultsView,
  SurveySummaryView,
  SurveyView,
} from '../surveys.api';

export const componentPath = (slug: string, componentId: string) =>
  `/spaces/${slug}/surveys/${componentId}`;
export const surveyPath = (slug: string, componentId: string, id: string) =>
  `${componentPath(slug, componentId)}/${id}`;

/** What a page knows of where it is: the space and the component's name. */
export interface SurveysPlace {
  space: SpaceLanding;
  componentId: string;
  name: Html | string;
}

/** The form's values as typed: a field given twice (boxes) is a list. */
export type SurveyValues = Record<string, string | string[]>;

/** Form field names: `q__<question>` and `q__<question>__<row or option>` (ids hold no underscore). */
export const fieldOf = (q: string, sub?: string) => (sub ? `q__${q}__${sub}` : `q__${q}`);

const text = (ctx: PageContext, t: QuestionView['title'] | undefined) => localText(ctx.locale, t);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function dateText(ctx: PageContext, iso: string) {
  return ctx.i18n.date(iso);
}

function statusLine(ctx: PageContext, s: SurveySummaryView): Html {
  const { t } = ctx;
  const when =
    s.status === 'upcoming' && s.startsAt
      ? t('surveys.from', { date: dateText(ctx, s.startsAt) })
      : s.status === 'open' && s.endsAt
        ? t('surveys.until', { date: dateText(ctx, s.endsAt) })
        : '';
  return html`<p class="meta">
    <span class="tag">${t(`surveys.status.${s.status}`)}</span>
    ${when} · ${ctx.i18n.plural('surveys.answerCount', s.answerCount)}
  </p>`;
}

export function componentPage(ctx: PageContext, place: SurveysPlace, list: SurveyListView): Html {
  const { t } = ctx;
  const { space, componentId } = place;
  return html`<p><a href="/spaces/${space.slug}">← ${local(ctx, space.title)}</a></p>
    <h1>${place.name}</h1>
    ${
      list.items.length
        ? html`<ul class="cards">
          ${list.items.map(
            (s) =>
              html`<li class="card">
                <h2><a href="${surveyPath(space.slug, componentId, s.id)}">${text(ctx, s.title)}</a></h2>
                ${statusLine(ctx, s)}
                ${
                  s.resultsPublished
                    ? html`<p><a href="${surveyPath(space.slug, componentId, s.id)}/results">${t('surveys.resultsLink')}<span class="visually-hidden"> : ${text(ctx, s.title)}</span></a></p>`
                    : ''
                }
              </li>`,
          )}
        </ul>`
        : html`<p>${t('surveys.none')}</p>`
    }`;
}

// ---------------------------------------------------------------- the survey's form

function conditionHint(ctx: PageContext, q: QuestionView, all: QuestionView[]): string | undefined {
  if (!q.showIf) return undefined;
  const source = all.find((x) => x.id === q.showIf?.question);
  if (!source) return undefined;
  const labels = q.showIf.anyOf.map((id) =>
    id === 'other'
      ? ctx.t('surveys.other')
      : pickText(source.options?.find((o) => o.id === id)?.label, ctx.locale).text,
  );
  return ctx.t('surveys.onlyIf', {
    answers: labels.join(' / '),
    question: pickText(source.title, ctx.locale).text,
  });
}

/** A choice in the page's language, else in the language it was written in (marked). */
function choiceOf(ctx: PageContext, value: string, label: QuestionView['title']): Choice {
  const picked = pickText(label, ctx.locale);
  return {
    value,
    label: picked.text,
    ...(picked.lang && picked.lang !== ctx.locale ? { lang: picked.lang } : {}),
  };
}

const errorLine = (ctx: PageContext, id: string, error: string | undefined) =>
  error
    ? html`<p class="field-error" id="${id}-error">${ctx.i18n.t('form.error', { message: error })}</p>`
    : '';

function legendOf(ctx: PageContext, q: QuestionView): Html {
  return html`${text(ctx, q.title)}${q.mandatory ? html` <abbr title="${ctx.t('surveys.mandatory')}">*</abbr>` : ''}`;
}

/** One question's controls, with what was typed and its error. */
function questionControls(
  ctx: PageContext,
  q: QuestionView,
  all: QuestionView[],
  values: SurveyValues,
  errors: FieldError[],
): Html {
  const { t, i18n } = ctx;
  const name = fieldOf(q.id);
  const error = errorOf(errors, name);
  const hints = [
    pickText(q.description, ctx.locale).text,
    conditionHint(ctx, q, all),
    q.maxChoices ? t('surveys.maxChoices', { max: q.maxChoices }) : '',
  ].filter(Boolean);
  const hint = hints.join(' ') || undefined;
  const label = legendOf(ctx, q);
  const options = (q.options ?? []).map((o) => choiceOf(ctx, o.id, o.label));
  switch (q.type) {
    case 'section':
      return html`<h2>${text(ctx, q.title)}</h2>
        ${q.description ? html`<p>${text(ctx, q.description)}</p>` : ''}`;
    case 'short':
      return html`<div class="field">
        ${inputField({ id: name, label, value: one(values[name]), hint, error, maxlength: 500, i18n })}
      </div>`;
    case 'long':
      return html`<div class="field">
        ${textArea({ id: name, label, value: one(values[name]), hint, error, rows: 5, maxlength: 10_000, i18n })}
      </div>`;
    case 'single':
    case 'multiple': {
      const choices = q.other
        ? [...options, { value: 'other', label: t('surveys.other') }]
        : options;
      const group =
        q.type === 'single'
          ? radioGroup({
              name,
              legend: label,
              choices,
              value: one(values[name]),
              hint,
              error,
              i18n,
            })
          : checkboxGroup({
              name,
              legend: label,
              choices,
              values: many(values[name]),
              hint,
              error,
              i18n,
            });
      const otherName = fieldOf(q.id, 'other');
      return html`${group}
        ${
          q.other
            ? html`<div class="field">
              ${inputField({ id: otherName, label: html`${t('surveys.otherText')} (${t('surveys.other')})`, value: one(values[otherName]), error: errorOf(errors, otherName), maxlength: 500, i18n })}
            </div>`
            : ''
        }`;
    }
    case 'ranking': {
      const positions = options.map((_, i) => ({ value: String(i + 1), label: String(i + 1) }));
      return html`<fieldset id="${name}" tabindex="-1" ${error ? html`aria-describedby="${name}-error"` : ''}>
        <legend>${label}</legend>
        <p class="hint">${t('surveys.ranking.hint', { count: options.length })}</p>
        ${errorLine(ctx, name, error)}
        ${(q.options ?? []).map((o) => {
          const field = fieldOf(q.id, o.id);
          return html`<div class="field">
            ${selectField({
              id: field,
              label: t('surveys.ranking.position', { option: pickText(o.label, ctx.locale).text }),
              value: one(values[field]),
              choices: [{ value: '', label: t('surveys.ranking.none') }, ...positions],
              i18n,
            })}
          </div>`;
        })}
      </fieldset>`;
    }
    case 'matrix_single':
    case 'matrix_multiple':
    case 'grades': {
      const rows = q.type === 'grades' ? (q.options ?? []) : (q.rows ?? []);
      const columns =
        q.type === 'grades' ? (q.scale ?? []).map((g, i) => choiceOf(ctx, String(i), g)) : options;
      return html`<fieldset id="${name}" tabindex="-1" ${error ? html`aria-describedby="${name}-error"` : ''}>
        <legend>${label}</legend>
        ${q.type === 'grades' ? html`<p class="hint">${t('surveys.grades.hint')}</p>` : ''}
        ${hint ? html`<p class="hint">${hint}</p>` : ''}
        ${errorLine(ctx, name, error)}
        ${rows.map((row) => {
          const field = fieldOf(q.id, row.id);
          return q.type === 'matrix_multiple'
            ? checkboxGroup({
                name: field,
                legend: text(ctx, row.label),
                choices: columns,
                values: many(values[field]),
                i18n,
              })
            : radioGroup({
                name: field,
                legend: text(ctx, row.label),
                choices: columns,
                value: one(values[field]),
                i18n,
              });
        })}
      </fieldset>`;
    }
  }
}

/** What the survey page shows after a post, and the form as sent. */
export interface SurveyPanel {
  done: boolean;
  form: { values: SurveyValues; errors: FieldError[]; notice?: string; signIn?: boolean } | null;
}

const signInHref = (returnTo: string) => `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;

export function surveyPage(
  ctx: PageContext,
  place: SurveysPlace,
  s: SurveyView,
  panel: SurveyPanel,
): Html {
  const { t } = ctx;
  const here = surveyPath(place.space.slug, s.componentId, s.id);
  const form = panel.form ?? { values: {}, errors: [] };
  const signedIn = !!ctx.me;
  const refusal = s.caller.refusal;
  const resultsLink =
    s.resultsPublished || s.caller.isAdmin
      ? html`<p><a href="${here}/results">${t('surveys.resultsLink')}</a></p>`
      : '';
  let body: Html;
  if (panel.done || s.caller.answered) {
    body = html`${panel.done ? '' : html`<p>${t('surveys.answered')}</p>`}`;
  } else if (s.caller.canAnswer) {
    body = html`${errorSummary(ctx.i18n, form.errors) ?? ''}
      ${formNotice(form.notice)}
      ${form.notice && form.signIn ? html`<p><a href="${signInHref(here)}">${t('surveys.signIn')}</a></p>` : ''}
      <p class="hint">${signedIn ? t('surveys.accountHint') : t('surveys.anonymousHint')}</p>
      ${s.questions.some((q) => q.mandatory) ? html`<p>${t('surveys.mandatoryHint')}</p>` : ''}
      <form method="post" action="${here}/answer" novalidate>
        ${s.questions.map((q) => questionControls(ctx, q, s.questions, form.values, form.errors))}
        <p><button class="button" type="submit">${t('surveys.submit')}</button></p>
      </form>`;
  } else {
    body = html`<p>${refusalText(ctx, refusal)}</p>
      ${refusal === 'SIGN_IN_REQUIRED' ? html`<p><a class="button" href="${signInHref(here)}">${t('surveys.signIn')}</a></p>` : ''}`;
  }
  return html`<p><a href="${componentPath(place.space.slug, s.componentId)}">← ${place.name}</a></p>
    <h1>${text(ctx, s.title)}</h1>
    ${doneNotice(panel.done ? t('surveys.done') : null)}
    ${statusLine(ctx, s)}
    ${s.description && pickText(s.description, ctx.locale).text ? html`<p>${text(ctx, s.description)}</p>` : ''}
    ${resultsLink}
    ${body}`;
}

const REFUSALS = new Set([
  'NOT_OPEN',
  'CLOSED',
  'NOT_PUBLISHED',
  'SIGN_IN_REQUIRED',
  'PHASE_CLOSED',
  'ALREADY_ANSWERED',
  'NOT_VERIFIED',
  'TOO_YOUNG',
  'AGE_UNVERIFIABLE',
  'NOT_A_MEMBER',
]);

export function refusalText(ctx: PageContext, code: string | null): string {
  return code && REFUSALS.has(code)
    ? ctx.t(`surveys.refused.${code}` as 'surveys.refused.CLOSED')
    : ctx.t('surveys.refused.other');
}

// ---------------------------------------------------------------- results

const percent = (ctx: PageContext, share: number) =>
  new Intl.NumberFormat(ctx.i18n.intl, { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );

/**
 * Horizontal bars, one per choice, each under its label and share: an image
 * whose name says every value (the table above says the same), its parts
 * hidden from assistive technology so that they are not read twice.
 */
function barChart(
  ctx: PageContext,
  title: string,
  rows: { label: string; share: number; count: number }[],
): Html {
  const said = rows.map((r) => `${r.label} ${percent(ctx, r.share)} (${r.count})`).join(', ');
  return html`<figure class="chart" role="img" aria-label="${ctx.t('surveys.results.chart', { title })} — ${said}" style="margin:1rem 0;max-width:40rem">
    <ul aria-hidden="true" style="list-style:none;padding:0;margin:0">
      ${rows.map(
        (r) => html`<li style="margin:.4rem 0">
          <span>${r.label} — ${percent(ctx, r.share)} (${r.count})</span>
          <svg viewBox="0 0 100 4" width="100%" height="14" preserveAspectRatio="none" focusable="false" style="display:block">
            <rect x="0" y="0" width="100" height="4" fill="#e8ecf2"></rect>
            <rect x="0" y="0" width="${(r.share * 100).toFixed(2)}" height="4" fill="#1d4f91"></rect>
          </svg>
        </li>`,
      )}
    </ul>
  </figure>`;
}

/** Grade colours from the best (green) to the worst (red), readable with white or black text. */
const GRADE_COLOURS = [
  '#1a7f37',
  '#4c9a2a',
  '#8ab02e',
  '#d4a017',
  '#e07b00',
  '#c62828',
  '#8e1b1b',
  '#5a1010',
  '#3d0b0b',
  '#240606',
];

function profileBar(ctx: PageContext, option: string, profile: number[], scale: string[]): Html {
  const total = profile.reduce((a, b) => a + b, 0);
  let x = 0;
  return html`<svg role="img" aria-label="${ctx.t('surveys.results.profile', { option })}: ${profile
    .map((n, g) => `${scale[g]} ${total ? percent(ctx, n / total) : '0'}`)
    .join(
      ', ',
    )}" viewBox="0 0 300 24" width="100%" style="max-width:24rem" preserveAspectRatio="none">
    ${profile.map((n, g) => {
      const w = total ? (n / total) * 300 : 0;
      const rect = html`<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="24" fill="${GRADE_COLOURS[g] ?? '#555'}"></rect>`;
      x += w;
      return rect;
    })}
    <line x1="150" y1="0" x2="150" y2="24" stroke="#000" stroke-width="2"></line>
  </svg>`;
}

function questionResult(ctx: PageContext, q: QuestionView, r: QuestionResultView): Html {
  const { t } = ctx;
  const title = pickText(q.title, ctx.locale).text;
  const label = (id: string) =>
    id === 'other'
      ? t('surveys.other')
      : pickText(q.options?.find((o) => o.id === id)?.label, ctx.locale).text;
  const parts: (Html | string)[] = [];
  if (r.choices) {
    parts.push(
      stackedTable(
        title,
        [t('surveys.results.choice'), t('surveys.results.count'), t('surveys.results.share')],
        r.choices.map((c) => [label(c.id), String(c.count), percent(ctx, c.share)]),
        { captionHidden: true, rowHeader: 0 },
      ),
      barChart(
        ctx,
        title,
        r.choices.map((c) => ({ label: label(c.id), share: c.share, count: c.count })),
      ),
    );
  }
  if (r.rows)
    for (const row of r.rows) {
      const rowTitle = `${title} — ${pickText(q.rows?.find((x) => x.id === row.id)?.label, ctx.locale).text}`;
      parts.push(
        html`<h3>${pickText(q.rows?.find((x) => x.id === row.id)?.label, ctx.locale).text}</h3>`,
        stackedTable(
          rowTitle,
          [t('surveys.results.choice'), t('surveys.results.count'), t('surveys.results.share')],
          row.choices.map((c) => [label(c.id), String(c.count), percent(ctx, c.share)]),
          { captionHidden: true, rowHeader: 0 },
        ),
        barChart(
          ctx,
          rowTitle,
          row.choices.map((c) => ({ label: label(c.id), share: c.share, count: c.count })),
        ),
      );
    }
  if (r.ranking)
    parts.push(
      stackedTable(
        title,
        [
          t('surveys.results.option'),
          t('surveys.results.meanPosition'),
          t('surveys.results.first'),
        ],
        r.ranking.map((x) => [
          label(x.id),
          x.meanPosition.toLocaleString(ctx.i18n.intl, { maximumFractionDigits: 2 }),
          String(x.first),
        ]),
        { captionHidden: true, rowHeader: 0 },
      ),
    );
  if (r.majorityJudgment) {
    const scale = (q.scale ?? []).map((g) => pickText(g, ctx.locale).text);
    parts.push(
      html`<p class="hint">${t('surveys.results.mjExplain')}</p>
        <ol class="mj-legend" style="display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0">
          ${scale.map((g, i) => html`<li><span aria-hidden="true" style="display:inline-block;width:1rem;height:1rem;vertical-align:middle;background:${GRADE_COLOURS[i] ?? '#555'}"></span> ${g}</li>`)}
        </ol>`,
      stackedTable(
        title,
        [
          t('surveys.results.rank'),
          t('surveys.results.option'),
          t('surveys.results.majorityGrade'),
          t('surveys.results.profileHeader'),
        ],
        r.majorityJudgment.map((m) => [
          String(m.rank),
          label(m.id),
          m.majorityGrade === null ? t('surveys.results.noGrade') : scale[m.majorityGrade],
          profileBar(ctx, label(m.id), m.profile, scale),
        ]),
        { captionHidden: true, rowHeader: 1 },
      ),
    );
  }
  if (r.texts && r.texts.length)
    parts.push(
      html`<details>
        <summary>${t('surveys.results.texts', { count: r.textCount ?? r.texts.length })}</summary>
        ${(r.textCount ?? 0) > r.texts.length ? html`<p class="hint">${t('surveys.results.textsShown', { shown: r.texts.length })}</p>` : ''}
        <ul>${r.texts.map((x) => html`<li>${x}</li>`)}</ul>
      </details>`,
    );
  return html`<section>
    <h2>${text(ctx, q.title)}</h2>
    <p class="meta">${ctx.i18n.plural('surveys.results.answered', r.answered)}</p>
    ${parts}
  </section>`;
}

export function resultsPage(
  ctx: PageContext,
  place: SurveysPlace,
  s: SurveyView,
  r: SurveyResultsView,
): Html {
  const { t } = ctx;
  const here = surveyPath(place.space.slug, s.componentId, s.id);
  const byId = new Map(s.questions.map((q) => [q.id, q]));
  return html`<p><a href="${here}">← ${t('surveys.back')}</a></p>
    <h1>${t('surveys.results.title', { title: pickText(s.title, ctx.locale).text })}</h1>
    ${r.published ? '' : html`<div class="notice warning"><p>${t('surveys.results.notPublished')}</p></div>`}
    <p>${ctx.i18n.plural('surveys.results.answers', r.answerCount)} ${t('surveys.results.computedAt', { date: ctx.i18n.dateTime(r.computedAt) })}</p>
    ${r.questions.map((qr) => {
      const q = byId.get(qr.id);
      return q ? questionResult(ctx, q, qr) : '';
    })}`;
}
